"""The indexer: a batch consumer (shared/kafka/batch_consumer.py) of crimefeed.objects.v1
writing into the store.

One batch at a time:
1. decode each record; one that is not a JSON STIX object goes to ``<topic>.dlq`` with headers
   saying why, and the rest of the batch goes on;
2. ``store.add`` the good objects (an idempotent upsert, committed when it returns); the batch
   consumer retries a transient store fault with exponential backoff, and splits a batch the
   store refuses outright until the refused object is alone, which is dead-lettered;
3. the batch consumer awaits the dead letters' confirms, then commits the offsets.
Where the broker has transactions, the dead letters and the offsets of each partition's records
are committed in one Kafka transaction (shared/kafka/transactions.py): a crash never leaves a
dead letter twice. A fault that outlasts the retries rewinds the batch, so it is redelivered,
never skipped, and makes /readyz answer 503 until a batch goes through again. A crash between
2 and 3 redelivers a batch the store already has: the upsert makes that a no-op, so a SIGKILL
loses nothing and duplicates nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from faststream import FastStream
from faststream.kafka import KafkaBroker

from services.search.settings import SearchSettings
from shared.kafka import batch_consumer
from shared.kafka.batch_consumer import BatchConsumer, BatchConsumerSettings, DeadLetter
from shared.kafka.broker import make_broker, producer_options
from shared.kafka.codecs import decode_object
from shared.kafka.topics import Topics
from shared.kafka.transactions import PartitionProducers, transactions_enabled
from shared.store.base import Store
from shared.store.document import Document, to_document

logger = logging.getLogger(__name__)

# An aiokafka ConsumerRecord (aiokafka ships no type information).
Record = Any


class NotAStixObject(ValueError):
    """A record whose value is not one JSON STIX object."""


def is_transient(error: BaseException) -> bool:
    """A fault that may pass (a busy database, a network or cluster hiccup): retry, don't reject."""
    if batch_consumer.is_transient(error):
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


def stix_document(value: bytes | None) -> Document:
    """The document of the STIX object a record carries; NotAStixObject saying why if none."""
    try:
        document = to_document(decode_object(value or b""))
    except ValueError as error:
        raise NotAStixObject(str(error)) from error
    if not document.id.startswith(f"{document.type}--"):
        # The reason names the field, never its value (which a partner wrote).
        raise NotAStixObject("id: does not start with the object's type followed by '--'")
    return document


@dataclass
class Indexer:
    settings: SearchSettings
    broker: KafkaBroker
    store: Store
    topics: Topics
    consumer: BatchConsumer = field(init=False)
    indexed: int = 0
    """New versions the store took (redelivered versions are not counted again)."""

    @property
    def batches(self) -> int:
        return self.consumer.batches

    @property
    def dead_lettered(self) -> int:
        return self.consumer.dead_lettered

    async def close(self) -> None:
        """Stop the consumer's producers (once the broker has stopped consuming)."""
        await self.consumer.stop()

    def problem(self) -> str | None:
        """Why the indexer is not ready (its batches keep failing), or None."""
        return self.consumer.problem()

    async def handle(self, records: Sequence[Record]) -> list[DeadLetter]:
        good: list[Document] = []
        rejected: list[DeadLetter] = []
        for record in records:
            try:
                good.append(stix_document(record.value))
            except NotAStixObject as error:
                rejected.append(DeadLetter(record, error))
        if good:
            self.indexed += await self.store.add_documents(good)
        return rejected


def consumer_settings(settings: SearchSettings, topics: Topics) -> BatchConsumerSettings:
    return BatchConsumerSettings(
        topic=topics.objects,
        group_id=settings.search_group_id,
        max_records=settings.index_max_records,
        batch_timeout_ms=settings.index_batch_timeout_ms,
        fetch_max_wait_ms=settings.index_fetch_max_wait_ms,
        session_timeout_ms=settings.index_session_timeout_ms,
        heartbeat_interval_ms=settings.index_heartbeat_interval_ms,
        max_retries=settings.index_max_retries,
        retry_backoff_seconds=settings.index_retry_backoff_seconds,
        description="Enriched STIX objects to index into the search store",
    )


def create_indexer(
    settings: SearchSettings, store: Store, **broker_options: Any
) -> tuple[FastStream, Indexer]:
    """The FastStream app and the indexer behind it."""
    topics = Topics(settings.topic_prefix)
    broker = make_broker(settings, **broker_options)
    indexer = Indexer(settings=settings, broker=broker, store=store, topics=topics)
    indexer.consumer = BatchConsumer(
        broker,
        consumer_settings(settings, topics),
        indexer.handle,
        transient=is_transient,
        transactions=PartitionProducers(settings, settings.search_group_id)
        if transactions_enabled(settings)
        else None,
        producer_options=producer_options(settings),
    )
    indexer.consumer.subscribe()
    return FastStream(broker), indexer
