"""The one batch consumer every crimefeed service reads a topic with (docs/architecture.md).

A FastStream batch subscriber with manual offsets. For each batch it
1. calls the service's handler, retrying a transient fault (broker, network, a busy database)
   with exponential backoff;
2. when the handler fails otherwise, splits the batch in halves and handles each, down to the
   single record that fails: that record goes to ``<topic>.dlq`` with headers naming the
   problem, and the rest of the batch goes on (a poison record never stops a partition);
3. publishes the dead letters the handler returned and awaits their confirms;
4. commits the offsets (``commit_offsets``, replaceable, e.g. by a transactional variant).
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
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ParamSpec, TypeVar

from aiokafka import ConsumerRebalanceListener
from aiokafka.errors import (
    CommitFailedError,
    IllegalStateError,
    InvalidTimestampError,
    KafkaError,
    MessageSizeTooLargeError,
    RecordListTooLargeError,
    RecordTooLargeError,
)
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential

from shared.kafka.dead_letter import dead_letter_headers
from shared.kafka.topics import Topics
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
REBALANCED_ERRORS: tuple[type[KafkaError], ...] = (CommitFailedError, IllegalStateError)


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


BatchHandler = Callable[[Sequence[Record]], Awaitable[Sequence[DeadLetter]]]
"""Handles some records; returns those to dead-letter; raises for a fault of the whole call."""

Commit = Callable[[KafkaMessage], Awaitable[None]]
Committed = Callable[[KafkaMessage, Sequence[Record]], None]
DeadLettered = Callable[[str, str], None]
"""Called with (source topic, error type) for each dead letter once it is confirmed."""


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
    ) -> None:
        self.broker = broker
        self.settings = settings
        self.handler = handler
        self.transient = transient
        self.commit = commit
        self.on_committed = on_committed
        self.on_rewound = on_rewound
        self.on_dead_letter = on_dead_letter
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
        self.health = ConsumerHealth()
        self.batches += 1
        if self.on_committed is not None:
            try:
                self.on_committed(message, records)
            except Exception:  # observing a committed batch must never fail it
                logger.exception("after-commit hook of %s failed", self.settings.topic)

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
        if dead:
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
        future: asyncio.Future[Any] = await self.broker.publish(
            value or b"", Topics.dlq(record.topic), key=record.key, headers=headers, no_confirm=True
        )
        return future

    async def _handle(self, records: list[Record]) -> list[DeadLetter]:
        """The handler's dead letters; a failing call is split until the failing record is alone."""
        if not records:
            return []
        try:
            return list(await self._retrying(self.handler, records))
        except Exception as error:
            if self.transient(error):
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
            return [*await self._handle(records[:middle]), *await self._handle(records[middle:])]

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

    async def _rewind(self, message: KafkaMessage, error: BaseException) -> None:
        self.health.rewinds += 1
        self.health.last_error = f"{type(error).__name__}: {str(error)[:200]}"
        if self.health.failing_since is None:
            self.health.failing_since = time.time()
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


class _FinishBatchOnRevoke(ConsumerRebalanceListener):  # type: ignore[misc]
    """Partitions leave this member only once the batch in hand is done: otherwise their new
    owner fetches the same records from the last commit while this member still works on them,
    and both publish them."""

    def __init__(self, consumer: BatchConsumer) -> None:
        self.consumer = consumer

    async def on_partitions_revoked(self, revoked: set[Any]) -> None:
        if revoked:
            await self.consumer.finish_batch()

    async def on_partitions_assigned(self, assigned: set[Any]) -> None:
        return None


def _where(record: Record) -> str:
    return f"{record.topic}[{record.partition}]@{record.offset}"
