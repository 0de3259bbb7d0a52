"""The indexer: a FastStream batch consumer of crimefeed.objects.v1 writing into the store.

One batch at a time:
1. decode each record; one that is not a JSON STIX object goes to ``<topic>.dlq`` with headers
   saying why (shared/kafka/dead_letter.py), and the rest of the batch goes on;
2. ``store.add`` the good objects (an idempotent upsert, committed when it returns), retrying
   transient store faults with exponential backoff; an object the store refuses outright is
   dead-lettered alone, the rest of the batch is indexed;
3. await the dead letters' confirms, then commit the offsets (AckPolicy.MANUAL).
A fault that outlasts the retries rewinds the batch (nack), so it is redelivered, never skipped.
A crash between 2 and 3 redelivers a batch the store already has: the upsert makes that a no-op,
so a SIGKILL loses nothing and duplicates nothing.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from faststream import FastStream
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential

from services.search.settings import SearchSettings
from shared.kafka.broker import make_broker
from shared.kafka.codecs import HEADER_TRACE_ID, decode_object
from shared.kafka.dead_letter import dead_letter_headers
from shared.kafka.topics import Topics
from shared.store.base import Store
from shared.store.document import to_document

logger = logging.getLogger(__name__)

# An aiokafka ConsumerRecord (aiokafka ships no type information).
Record = Any
MAX_BACKOFF_SECONDS = 30.0


class NotAStixObject(ValueError):
    """A record whose value is not one JSON STIX object."""


def is_transient(error: BaseException) -> bool:
    """A fault that may pass (a busy database, a network or cluster hiccup): retry, don't reject."""
    if isinstance(error, ConnectionError | TimeoutError | OSError | sqlite3.OperationalError):
        return True
    try:
        from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError
        from opensearchpy.exceptions import TransportError
    except ImportError:  # pragma: no cover - opensearch-py is a dependency
        return False
    if isinstance(error, OpenSearchConnectionError):
        return True
    status = getattr(error, "status_code", None)
    return isinstance(error, TransportError) and isinstance(status, int) and (status == 429 or status >= 500)


def stix_object(value: bytes | None) -> dict[str, Any]:
    """The STIX object a record carries; NotAStixObject saying why if it carries none."""
    try:
        obj = decode_object(value or b"")
        to_document(obj)
    except ValueError as error:
        raise NotAStixObject(str(error)) from error
    if not str(obj["id"]).startswith(f"{obj['type']}--"):
        raise NotAStixObject(f"id {obj['id']!r} does not start with its type {obj['type']!r}")
    return obj


def _trace_id(record: Record) -> str | None:
    for name, value in record.headers or ():
        if name == HEADER_TRACE_ID:
            return bytes(value).decode("utf-8", "replace")
    return None


@dataclass
class Indexer:
    settings: SearchSettings
    broker: KafkaBroker
    store: Store
    topics: Topics
    batches: int = 0
    indexed: int = 0
    """New versions the store took (redelivered versions are not counted again)."""
    dead_lettered: int = 0
    last_error: str | None = None
    running: bool = field(default=False)

    def _retrying(self) -> AsyncRetrying:
        return AsyncRetrying(
            stop=stop_after_attempt(self.settings.index_max_retries + 1),
            wait=wait_exponential(
                multiplier=self.settings.index_retry_backoff_seconds, max=MAX_BACKOFF_SECONDS
            ),
            retry=retry_if_exception(is_transient),
            reraise=True,
        )

    async def _add(self, objects: Sequence[Mapping[str, Any]]) -> int:
        async for attempt in self._retrying():
            with attempt:
                return await self.store.add(objects)
        raise AssertionError("unreachable: tenacity reraises the last error")

    async def _dead_letter(self, record: Record, error: BaseException) -> asyncio.Future[Any]:
        headers = dead_letter_headers(error, record.topic, record.partition, record.offset, _trace_id(record))
        logger.warning(
            "dead-lettered %s[%d]@%d: %s: %s",
            record.topic,
            record.partition,
            record.offset,
            type(error).__name__,
            str(error)[:200],
        )
        future: asyncio.Future[Any] = await self.broker.publish(
            record.value or b"", Topics.dlq(record.topic), key=record.key, headers=headers, no_confirm=True
        )
        return future

    async def _index(
        self, good: list[tuple[Record, dict[str, Any]]]
    ) -> tuple[int, list[tuple[Record, Exception]]]:
        """Add the batch; if the store refuses it outright, add one by one to find the culprits."""
        if not good:
            return 0, []
        try:
            return await self._add([obj for _, obj in good]), []
        except Exception as error:
            if is_transient(error):
                raise
            logger.warning("store refused a batch (%s); indexing its %d objects one by one", error, len(good))
        added, refused = 0, []
        for record, obj in good:
            try:
                added += await self._add([obj])
            except Exception as error:
                if is_transient(error):
                    raise
                refused.append((record, error))
        return added, refused

    async def handle_batch(self, message: Any) -> None:
        records: tuple[Record, ...] = message.raw_message
        try:
            good: list[tuple[Record, dict[str, Any]]] = []
            rejected: list[tuple[Record, Exception]] = []
            for record in records:
                try:
                    good.append((record, stix_object(record.value)))
                except NotAStixObject as error:
                    rejected.append((record, error))
            added, refused = await self._index(good)
            rejected.extend(refused)
            futures = [await self._dead_letter(record, error) for record, error in rejected]
            await asyncio.gather(*futures)
        except Exception as error:
            # Rewind so the batch is redelivered, never skipped.
            self.last_error = f"{type(error).__name__}: {error}"
            await message.nack()
            raise
        await message.ack()
        self.last_error = None
        self.batches += 1
        self.indexed += added
        self.dead_lettered += len(rejected)


def create_indexer(
    settings: SearchSettings, store: Store, **broker_options: Any
) -> tuple[FastStream, Indexer]:
    """The FastStream app and the indexer behind it."""
    topics = Topics(settings.topic_prefix)
    broker = make_broker(settings, **broker_options)
    indexer = Indexer(settings=settings, broker=broker, store=store, topics=topics)

    @broker.subscriber(
        topics.objects,
        batch=True,
        group_id=settings.search_group_id,
        # The embedded broker answers "latest" wrongly, and a new index must not skip history.
        auto_offset_reset="earliest",
        session_timeout_ms=settings.index_session_timeout_ms,
        heartbeat_interval_ms=settings.index_heartbeat_interval_ms,
        max_records=settings.index_max_records,
        batch_timeout_ms=settings.index_batch_timeout_ms,
        max_partition_fetch_bytes=16 * 1024 * 1024,
        ack_policy=AckPolicy.MANUAL,
        description="Enriched STIX objects to index into the search store",
    )
    async def index(message: KafkaMessage) -> None:
        await indexer.handle_batch(message)

    broker.publisher(Topics.dlq(topics.objects), description="Records that are not JSON STIX objects")
    return FastStream(broker), indexer
