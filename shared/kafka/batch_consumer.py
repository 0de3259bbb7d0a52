"""The one batch consumer every crimefeed service reads a topic with (docs/architecture.md).

A FastStream batch subscriber with manual offsets. For each batch it
1. calls the service's handler, retrying a transient fault (broker, network, a busy database)
   with exponential backoff;
2. when the handler fails otherwise, splits the batch in halves and handles each, down to the
   single record that fails: that record goes to ``<topic>.dlq`` with headers naming the
   problem, and the rest of the batch goes on (a poison record never stops a partition);
3. publishes the dead letters the handler returned and awaits their confirms;
4. commits the offsets (``commit_offsets``, replaceable).
Where the broker has transactions (``transactions``, shared/kafka/transactions.py), steps 1-4 of
each partition's records run in one Kafka transaction instead: what the handler publishes with
``send``, the dead letters and the offsets become visible together or not at all, and a
transient fault aborts the transaction and handles the records again in a new one; a handler's
``after_transaction`` runs once it is committed (e.g. to record the work done).
A transient fault that outlasts the retries rewinds the batch (it is redelivered, never
skipped) and makes the consumer "failing" (``problem()``, for ``/readyz``) until a batch
succeeds again. Handlers must therefore be idempotent: a half that succeeded may be handled
again after a rewind. A rebalance waits for the batch in hand (bounded), so partitions move to
another member only once their batch is committed or rewound.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ParamSpec, TypeVar

from aiokafka import AIOKafkaProducer, ConsumerRebalanceListener
from aiokafka.errors import (
    CommitFailedError,
    IllegalOperation,
    IllegalStateError,
    InvalidTimestampError,
    KafkaError,
    MessageSizeTooLargeError,
    ProducerFenced,
    RecordListTooLargeError,
    RecordTooLargeError,
)
from aiokafka.structs import TopicPartition
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential

from shared.kafka.dead_letter import dead_letter_headers
from shared.kafka.partitioner import KeyPartitioner
from shared.kafka.topics import Topics
from shared.kafka.transactions import PartitionProducers
from shared.observability.tracing import record_trace_id

logger = logging.getLogger(__name__)

# An aiokafka ConsumerRecord (aiokafka ships no type information).
Record = Any

MAX_PARTITION_FETCH_BYTES = 16 * 1024 * 1024
P = ParamSpec("P")
T = TypeVar("T")


# Broker answers about one record (it is too large, its timestamp is refused): retrying cannot
# help, so the record that caused them is dead-lettered. Every other Kafka error (timeouts,
# leaders moving, even authorization) is about the cluster, not the record: retry, then rewind.
RECORD_KAFKA_ERRORS: tuple[type[KafkaError], ...] = (
    MessageSizeTooLargeError,
    RecordTooLargeError,
    RecordListTooLargeError,
    InvalidTimestampError,
)


# The group moved the batch's partitions to another member before its offsets were committed:
# not a failure of this consumer, and retrying cannot help; the new owner resumes from the last
# commit (handlers are idempotent).
# A transactional producer is fenced when another member took its partition: the same.
REBALANCED_ERRORS: tuple[type[KafkaError], ...] = (CommitFailedError, IllegalStateError, ProducerFenced)


def is_transient(error: BaseException) -> bool:
    """A fault that may pass (broker or network hiccup, a busy database): retry, never reject."""
    if isinstance(error, KafkaError):
        return not isinstance(error, RECORD_KAFKA_ERRORS + REBALANCED_ERRORS)
    return isinstance(error, OSError | TimeoutError | sqlite3.OperationalError)


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A record to put on its topic's dead-letter twin, and why.

    ``error``'s message is the reason operators read: it names the field or problem and never
    quotes the submitted value. ``value`` replaces the record's value (e.g. only the rejected
    objects of a bundle); ``headers`` are added to the standard ones.
    """

    record: Record
    error: BaseException
    value: bytes | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Message:
    """A message for ``BatchConsumer.send_many``."""

    value: bytes
    topic: str
    key: bytes | None
    headers: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class BatchConsumerSettings:
    topic: str
    group_id: str
    max_records: int
    batch_timeout_ms: int
    session_timeout_ms: int
    heartbeat_interval_ms: int
    max_retries: int
    retry_backoff_seconds: float
    max_backoff_seconds: float = 30.0
    revoke_timeout_seconds: float = 60.0
    """How long a rebalance waits for the batch in hand to finish before its partitions move."""
    description: str = ""
    fetch_max_wait_ms: int = 100
    """How long the broker may hold a fetch that finds nothing new. The embedded broker answers
    such a fetch only when this runs out, even if records arrive meanwhile: at Kafka's default
    (500 ms) a record waited up to ~200 ms there before being fetched, at each hop of the
    pipeline (at 100 ms, up to ~60 ms; at 50 ms, idle polling cost the embedded broker about 1%
    of a core per consumer). Apache Kafka answers as soon as records arrive, so this only bounds
    how often an idle consumer asks."""


BatchHandler = Callable[[Sequence[Record]], Awaitable[Sequence[DeadLetter]]]
"""Handles some records; returns those to dead-letter; raises for a fault of the whole call."""

Commit = Callable[[KafkaMessage], Awaitable[None]]
Committed = Callable[[KafkaMessage, Sequence[Record]], None]
DeadLettered = Callable[[str, str], None]
"""Called with (source topic, error type) for each dead letter once it is confirmed."""
TransactionEnded = Callable[[bool], Awaitable[None]]
"""Called after each transaction with whether it was committed (True) or aborted."""


async def commit_offsets(message: KafkaMessage) -> None:
    """The plain commit step: the consumer group's offsets move past the batch."""
    await message.ack()


@dataclass
class ConsumerHealth:
    failing_since: float | None = None
    last_error: str | None = None
    rewinds: int = 0


class BatchConsumer:
    """One subscriber of one topic: handle, dead-letter, commit; or retry, then rewind."""

    def __init__(
        self,
        broker: KafkaBroker,
        settings: BatchConsumerSettings,
        handler: BatchHandler,
        *,
        transient: Callable[[BaseException], bool] = is_transient,
        commit: Commit = commit_offsets,
        on_committed: Committed | None = None,
        on_rewound: Callable[[], None] | None = None,
        on_dead_letter: DeadLettered | None = None,
        transactions: PartitionProducers | None = None,
        after_transaction: TransactionEnded | None = None,
        producer_options: Mapping[str, Any] | None = None,
    ) -> None:
        self.broker = broker
        self.settings = settings
        self.handler = handler
        self.transient = transient
        self.commit = commit
        self.on_committed = on_committed
        self.on_rewound = on_rewound
        self.on_dead_letter = on_dead_letter
        self.transactions = transactions
        self.after_transaction = after_transaction
        self._producer: AIOKafkaProducer | None = None
        """The transactional producer of the records in hand, while their transaction is open."""
        self._producer_options = producer_options
        self._plain: AIOKafkaProducer | None = None
        """Outside transactions, ``send`` publishes with this producer (shared/kafka/broker.py
        ``producer_options``), started on first use; without options, with FastStream's."""
        self._plain_lock = asyncio.Lock()
        self.health = ConsumerHealth()
        self.batches = 0
        self.dead_lettered = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def subscribe(self) -> None:
        """Register the batch subscriber on the broker (before the broker starts)."""
        s = self.settings
        subscriber = self.broker.subscriber(
            s.topic,
            batch=True,
            group_id=s.group_id,
            # The embedded broker answers "latest" wrongly, and a new group must not skip history.
            auto_offset_reset="earliest",
            session_timeout_ms=s.session_timeout_ms,
            heartbeat_interval_ms=s.heartbeat_interval_ms,
            max_records=s.max_records,
            batch_timeout_ms=s.batch_timeout_ms,
            max_partition_fetch_bytes=MAX_PARTITION_FETCH_BYTES,
            fetch_max_wait_ms=s.fetch_max_wait_ms,
            # Topics written in transactions: only what committed (no-op on other brokers).
            isolation_level="read_committed",
            ack_policy=AckPolicy.MANUAL,
            listener=_FinishBatchOnRevoke(self),
            description=s.description or None,
        )
        subscriber(self.consume)
        self.broker.publisher(Topics.dlq(s.topic), description=f"Records of {s.topic} that failed, with why")

    async def consume(self, message: KafkaMessage) -> None:
        self._idle.clear()
        try:
            await self._consume(message)
        finally:
            self._idle.set()

    async def finish_batch(self) -> None:
        """Wait (bounded) until the batch in hand is committed or rewound."""
        try:
            await asyncio.wait_for(self._idle.wait(), self.settings.revoke_timeout_seconds)
        except TimeoutError:
            logger.warning(
                "partitions of %s move while a batch is still in hand: it may be handled twice",
                self.settings.topic,
            )

    async def _consume(self, message: KafkaMessage) -> None:
        records: Sequence[Record] = message.raw_message  # a tuple on a batch subscriber
        if self.transactions is not None:
            await self._consume_in_transactions(message, records, self.transactions)
            return
        try:
            dead = await self._handle(list(records))
            await self.publish_dead_letters(dead)
            await self._retrying(self.commit, message)
        except REBALANCED_ERRORS as error:
            logger.warning(
                "batch of %s done but not committed: the group rebalanced (%s); "
                "the partitions' new owner resumes from the last commit",
                self.settings.topic,
                type(error).__name__,
            )
            return
        except Exception as error:  # whatever failed, the batch is redelivered, never skipped
            await self._rewind(message, error)
            return
        self._done(message, records)

    def _done(self, message: KafkaMessage, records: Sequence[Record]) -> None:
        self.health = ConsumerHealth()
        self.batches += 1
        if self.on_committed is not None:
            try:
                self.on_committed(message, records)
            except Exception:  # observing a committed batch must never fail it
                logger.exception("after-commit hook of %s failed", self.settings.topic)

    async def _consume_in_transactions(
        self, message: KafkaMessage, records: Sequence[Record], producers: PartitionProducers
    ) -> None:
        """One transaction per partition of the batch (its producer is that partition's)."""
        committed: list[Record] = []
        failed = False
        for partition, part in _by_partition(records).items():
            try:
                await self._retrying(self._transaction, message, producers, partition, part)
            except REBALANCED_ERRORS as error:
                logger.warning(
                    "transaction of %s[%d] not committed: the partition moved to another member (%s)",
                    partition.topic,
                    partition.partition,
                    type(error).__name__,
                )
                await producers.discard([partition])
                _seek(message, partition, part[0].offset)
                continue
            except Exception as error:  # whatever failed, the records are redelivered, never skipped
                failed = True
                await self._rewind_partition(message, partition, part, error)
                continue
            committed.extend(part)
        if not failed:
            self._done(message, committed)

    async def _transaction(
        self,
        message: KafkaMessage,
        producers: PartitionProducers,
        partition: TopicPartition,
        records: list[Record],
    ) -> None:
        """Handle one partition's records, publish their dead letters and commit their offsets,
        all in one transaction; any fault aborts it (the caller retries or rewinds)."""
        consumer: Any = message.consumer  # an AIOKafkaConsumer (typed as a protocol without it)
        if partition not in consumer.assignment():
            # Starting its producer would fence the partition's new owner.
            raise IllegalStateError(f"{partition.topic}[{partition.partition}] is no longer assigned")
        producer = await producers.producer(partition)
        await producer.begin_transaction()
        self._producer = producer
        try:
            dead = await self._handle(records, retry=False)
            await self._publish_dead_letters(dead)
            offsets = {partition: records[-1].offset + 1}
            await producer.send_offsets_to_transaction(offsets, self.settings.group_id)
            await producer.commit_transaction()
        except IllegalOperation as error:  # the transaction died under it: see `send`
            await self._abort(producers, partition, producer)
            raise _fenced(error) from error
        except BaseException:
            await self._abort(producers, partition, producer)
            raise
        finally:
            self._producer = None
        await self._after_transaction(committed=True)

    async def _abort(
        self, producers: PartitionProducers, partition: TopicPartition, producer: AIOKafkaProducer
    ) -> None:
        try:
            await producer.abort_transaction()
        except Exception:  # e.g. fenced: a new producer for the partition aborts what is left
            logger.warning("aborting a transaction of %s failed", self.settings.topic, exc_info=True)
            await producers.discard([partition])
        await self._after_transaction(committed=False)

    async def _after_transaction(self, *, committed: bool) -> None:
        if self.after_transaction is not None:
            await self.after_transaction(committed)

    async def send(
        self, value: bytes, topic: str, *, key: bytes | None, headers: Mapping[str, str]
    ) -> asyncio.Future[Any]:
        """Publish for the records in hand without awaiting the confirm (await the future):
        inside their transaction when the consumer has transactions."""
        if self._producer is not None:
            encoded = [(name, text.encode()) for name, text in headers.items()]
            try:
                sent: asyncio.Future[Any] = await self._producer.send(topic, value, key=key, headers=encoded)
            except IllegalOperation as error:
                raise _fenced(error) from error
            return sent
        if self._producer_options is None:
            future: asyncio.Future[Any] = await self.broker.publish(
                value, topic, key=key, headers=dict(headers), no_confirm=True
            )
            return future
        producer = self._plain or await self._start_plain()
        published: asyncio.Future[Any] = await producer.send(
            topic, value, key=key, headers=published_headers(headers)
        )
        return published

    async def send_many(self, messages: Iterable[Message]) -> list[asyncio.Future[Any]]:
        """``send`` for several messages (await the futures). Outside transactions, the own
        producer gets them as one batch per partition, in order (a message through ``send``
        costs about twice the CPU: a coroutine, a future and a callback each)."""
        partitioner = (self._producer_options or {}).get("partitioner")
        if self._producer is not None or not isinstance(partitioner, KeyPartitioner):
            return [await self.send(m.value, m.topic, key=m.key, headers=m.headers) for m in messages]
        producer = self._plain or await self._start_plain()
        futures: list[asyncio.Future[Any]] = []
        partitions: dict[str, list[int]] = {}
        open_batches: dict[tuple[str, int], Any] = {}  # aiokafka BatchBuilders being filled
        for message in messages:
            if message.key is None:  # placed at random among the available partitions, by `send`
                futures.append(
                    await self.send(message.value, message.topic, key=None, headers=message.headers)
                )
                continue
            topic = message.topic
            if topic not in partitions:
                partitions[topic] = sorted(await producer.partitions_for(topic))
            partition = partitioner(message.key, partitions[topic], partitions[topic])
            headers = published_headers(message.headers)
            batch = open_batches.get((topic, partition))
            if (
                batch is None
                or batch.append(key=message.key, value=message.value, timestamp=None, headers=headers) is None
            ):
                if batch is not None:  # full: on its way, and a new one for this partition
                    futures.append(await producer.send_batch(batch, topic, partition=partition))
                batch = open_batches[topic, partition] = producer.create_batch()
                batch.append(key=message.key, value=message.value, timestamp=None, headers=headers)
        for (topic, partition), batch in open_batches.items():
            futures.append(await producer.send_batch(batch, topic, partition=partition))
        return futures

    async def _start_plain(self) -> AIOKafkaProducer:
        async with self._plain_lock:
            if self._plain is None:
                producer = AIOKafkaProducer(**(self._producer_options or {}))
                try:
                    await producer.start()
                except BaseException:
                    await producer.stop()
                    raise
                self._plain = producer
            return self._plain

    async def stop(self) -> None:
        """Stop this consumer's own producers (once the broker has stopped consuming: the batch
        in hand has awaited every confirm by then)."""
        plain, self._plain = self._plain, None
        if plain is not None:
            await plain.stop()
        if self.transactions is not None:
            await self.transactions.stop()

    def problem(self) -> str | None:
        """None while batches go through; else why this consumer is not ready."""
        if self.health.failing_since is None:
            return None
        since = datetime.fromtimestamp(self.health.failing_since, UTC).isoformat(timespec="seconds")
        return (
            f"consumer of {self.settings.topic} is failing since {since}; "
            f"its batch is rewound and retried: {self.health.last_error}"
        )

    async def readiness(self) -> str | None:
        """`problem()` as a readiness check (shared/observability/http.py)."""
        return self.problem()

    async def publish_dead_letters(self, dead: Sequence[DeadLetter]) -> None:
        """Publish to the dead-letter topics and await every confirm (retried if transient)."""
        if dead and self._producer is not None:  # in a transaction: a fault aborts it all
            await self._publish_dead_letters(dead)
        elif dead:
            await self._retrying(self._publish_dead_letters, dead)

    async def _publish_dead_letters(self, dead: Sequence[DeadLetter]) -> None:
        futures = [await self._send_dead_letter(letter) for letter in dead]
        await asyncio.gather(*futures)
        for letter in dead:
            self.dead_lettered += 1
            if self.on_dead_letter is not None:
                self.on_dead_letter(letter.record.topic, type(letter.error).__name__)

    async def _send_dead_letter(self, letter: DeadLetter) -> asyncio.Future[Any]:
        record = letter.record
        trace_id = record_trace_id(record.headers)
        headers = dead_letter_headers(letter.error, record.topic, record.partition, record.offset, trace_id)
        headers.update(letter.headers)
        logger.warning(
            "dead-lettered %s[%d]@%d: %s",
            record.topic,
            record.partition,
            record.offset,
            type(letter.error).__name__,
            extra={"trace_id": trace_id, "error_type": type(letter.error).__name__},
        )
        value = letter.value if letter.value is not None else record.value
        return await self.send(value or b"", Topics.dlq(record.topic), key=record.key, headers=headers)

    async def _handle(self, records: list[Record], *, retry: bool = True) -> list[DeadLetter]:
        """The handler's dead letters; a failing call is split until the failing record is alone.

        Without ``retry`` a transient fault is raised at once: inside a transaction, what the
        failed call published is in it, so the whole transaction is aborted and retried."""
        if not records:
            return []
        try:
            if not retry:
                return list(await self.handler(records))
            return list(await self._retrying(self.handler, records))
        except Exception as error:
            if self.transient(error) or (self._producer is not None and isinstance(error, REBALANCED_ERRORS)):
                # About the cluster or the transaction's producer (fenced), not about a record:
                # isolating would dead-letter good records.
                raise
            if len(records) == 1:
                logger.warning("record %s failed alone: %s", _where(records[0]), type(error).__name__)
                return [DeadLetter(records[0], error)]
            middle = len(records) // 2
            logger.warning(
                "batch of %d from %s failed (%s); handling it in halves to isolate the record",
                len(records),
                self.settings.topic,
                type(error).__name__,
            )
            return [
                *await self._handle(records[:middle], retry=retry),
                *await self._handle(records[middle:], retry=retry),
            ]

    async def _retrying(self, call: Callable[P, Awaitable[T]], *args: P.args, **kwargs: P.kwargs) -> T:
        s = self.settings
        retrying = AsyncRetrying(
            stop=stop_after_attempt(s.max_retries + 1),
            wait=wait_exponential(multiplier=s.retry_backoff_seconds, max=s.max_backoff_seconds),
            retry=retry_if_exception(self.transient),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                return await call(*args, **kwargs)
        raise AssertionError("unreachable: tenacity reraises the last error")

    def _note_rewind(self, error: BaseException) -> None:
        """What /readyz reports while batches keep failing."""
        self.health.rewinds += 1
        self.health.last_error = f"{type(error).__name__}: {str(error)[:200]}"
        if self.health.failing_since is None:
            self.health.failing_since = time.time()

    async def _rewind(self, message: KafkaMessage, error: BaseException) -> None:
        self._note_rewind(error)
        logger.error(
            "batch of %s rewound after %d attempts: %s",
            self.settings.topic,
            self.settings.max_retries + 1,
            self.health.last_error,
        )
        try:
            await message.nack()
        except Exception:  # e.g. the partitions were reassigned: their new owner resumes from the commit
            logger.exception("rewinding a batch of %s failed", self.settings.topic)
        if self.on_rewound is not None:
            self.on_rewound()

    async def _rewind_partition(
        self, message: KafkaMessage, partition: TopicPartition, records: list[Record], error: BaseException
    ) -> None:
        """Like ``_rewind``, for one partition's records (its transaction was aborted)."""
        self._note_rewind(error)
        logger.error(
            "records of %s[%d] rewound after %d attempts: %s",
            partition.topic,
            partition.partition,
            self.settings.max_retries + 1,
            self.health.last_error,
        )
        _seek(message, partition, records[0].offset)
        if self.on_rewound is not None:
            self.on_rewound()


def _fenced(error: IllegalOperation) -> ProducerFenced:
    """aiokafka refuses to go on with a transaction once its producer was fenced (the
    partition's next owner started one) or failed: the transaction's fault, never a record's."""
    return ProducerFenced(f"the transaction's producer can no longer go on: {error}")


def published_headers(headers: Mapping[str, str]) -> list[tuple[str, bytes]]:
    """Headers as FastStream's ``publish`` writes them (a content-type first, a correlation id),
    so a message carries the same headers whichever producer sent it."""
    merged = {"content-type": "", "correlation_id": str(uuid.uuid4()), **headers}
    return [(name, text.encode()) for name, text in merged.items()]


def _by_partition(records: Sequence[Record]) -> dict[TopicPartition, list[Record]]:
    parts: dict[TopicPartition, list[Record]] = {}
    for record in records:
        parts.setdefault(TopicPartition(record.topic, record.partition), []).append(record)
    return parts


def _seek(message: KafkaMessage, partition: TopicPartition, offset: int) -> None:
    """Fetch the partition again from `offset` (if it is still this member's)."""
    try:
        message.consumer.seek(partition, offset)
    except (IllegalStateError, KafkaError):  # reassigned: the new owner resumes from the commit
        logger.info("%s[%d] is no longer assigned; not rewound", partition.topic, partition.partition)


class _FinishBatchOnRevoke(ConsumerRebalanceListener):  # type: ignore[misc]
    """Partitions leave this member only once the batch in hand is done: otherwise their new
    owner fetches the same records from the last commit while this member still works on them,
    and both publish them."""

    def __init__(self, consumer: BatchConsumer) -> None:
        self.consumer = consumer

    async def on_partitions_revoked(self, revoked: set[Any]) -> None:
        if revoked:
            await self.consumer.finish_batch()
            if self.consumer.transactions is not None:
                await self.consumer.transactions.discard(revoked)

    async def on_partitions_assigned(self, assigned: set[Any]) -> None:
        return None


def _where(record: Record) -> str:
    return f"{record.topic}[{record.partition}]@{record.offset}"
