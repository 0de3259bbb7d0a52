"""The enrichment service on Kafka: a batch consumer (shared/kafka/batch_consumer.py) of the
submissions topic.

One batch of submissions at a time:
1. prepare every record (decode, validate, tag, fingerprint, MinHash) in a worker thread;
   a record that is not a STIX bundle is dead-lettered whole; every few records, start the
   MO-cluster vectors of what they bring that may be new (the encoder process computes them
   meanwhile, see embedding.py);
2. decide inside one dedup-state transaction, which also writes the batch's outputs to the
   outbox (worker thread: SQLite blocks, and the event loop must keep heartbeating);
3. publish every output (one Kafka batch per partition) and every dead letter (the rejected
   objects of partly bad bundles) without awaiting each confirm, then await all confirms;
4. mark the batch done in the state; the batch consumer then commits the offsets.
A crash anywhere before 4 redelivers the batch, and the outbox makes the replay publish the
same messages or nothing (see state.py). Where the broker has transactions, 3 and the offsets
are one Kafka transaction per partition (shared/kafka/transactions.py) and 4 follows its
commit: a crash before the commit aborts what was published, and the redelivered batch
republishes the outbox in a new transaction, so readers see every output exactly once.
A crash after that commit and before 4 leaves the batch pending with its records committed: it
is settled as done once the group's committed position on its partition is past it, when the
partition's next records are handled or when a replica starts (state.py, ``settle``).
A fault of one submission that escapes 1 and 2 makes
the batch consumer handle the batch in halves until that submission is alone; it is then
dead-lettered with the reason and the others go on.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiokafka.errors import KafkaError
from faststream import FastStream
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage

from services.enrichment.neardup import MinHasher
from services.enrichment.pipeline import Decision, Enricher, Output, PreparedBundle, replay_outputs
from services.enrichment.settings import EnrichmentSettings
from services.enrichment.state import DedupStore, OutboxPosition, Partition, SqliteDedupStore
from shared.kafka.admin import committed_offsets, ensure_topics
from shared.kafka.batch_consumer import BatchConsumer, BatchConsumerSettings, DeadLetter, Message
from shared.kafka.broker import make_broker, producer_options
from shared.kafka.codecs import encode, message_headers, new_trace_id
from shared.kafka.dead_letter import HEADER_REPLAY_OF
from shared.kafka.security import client_options
from shared.kafka.topics import Topics, red_feed_definition
from shared.kafka.transactions import PartitionProducers, transactions_enabled
from shared.observability.metrics import ConsumerMetrics, Metrics, process_metrics
from shared.observability.tracing import record_trace_id

logger = logging.getLogger(__name__)

# An aiokafka ConsumerRecord (aiokafka ships no type information).
Record = Any

HEADER_REJECTED_COUNT = "x-crimefeed-rejected-count"
# Submissions prepared between two starts of their vectors: the encoder begins on the first ones
# while the rest are prepared (a start reads the dedup state once, to skip known objects).
EMBED_AHEAD_EVERY = 8
SERVICE = "enrichment"
# FastStream's lifecycle lines (partition assignments...) go here, under our log configuration.
KAFKA_LOGGER = logging.getLogger("crimefeed.enrichment.kafka")


class InvalidObjects(ValueError):
    """Some objects of a bundle failed validation (the reasons are in the message)."""


def default_enricher(settings: EnrichmentSettings, topics: Topics) -> Enricher:
    """The production components: taxonomy tagger, trend tracker, TLP router."""
    from services.enrichment.embedding import Embedder
    from services.enrichment.encoder_process import EncoderProcess
    from services.enrichment.mo_clusters import Clusterer
    from services.enrichment.routing import route
    from services.enrichment.tagging import Tagger
    from services.enrichment.trends import TrendTracker

    settings.trend_state_path.parent.mkdir(parents=True, exist_ok=True)
    return Enricher(
        topics,
        tagger=Tagger.load(settings.enrichment_data_dir),
        router=route,
        trends=TrendTracker(
            settings.trend_state_path,
            spike_factor=settings.trend_spike_factor,
            spike_min=settings.trend_spike_min,
        ),
        hasher=MinHasher(settings.neardup_num_perm, settings.neardup_min_tokens),
        clusterer=Clusterer(
            Embedder(
                settings.cluster_max_words,
                encode=EncoderProcess() if settings.cluster_encoder_process else None,
            ),
            report_params=settings.cluster_params(),
            step_params=settings.cluster_params(steps=True),
        )
        if settings.cluster_enabled
        else None,
    )


@dataclass
class BatchResult:
    decision: Decision
    prepared: list[PreparedBundle]
    failed: list[tuple[Record, Exception]]
    records_of: dict[str, Record]
    """The record each prepared bundle came from, by source."""


@dataclass
class Committed:
    """What one handled part of a batch produced, counted once its offsets are committed."""

    outputs: list[Output] = field(default_factory=list)
    stats: Counter[str] = field(default_factory=Counter)
    started: float | None = None
    """When the batch's first part was handled (for the batch time)."""


@dataclass
class EnrichmentService:
    settings: EnrichmentSettings
    broker: KafkaBroker
    store: DedupStore
    enricher: Enricher
    topics: Topics
    observed: ConsumerMetrics
    consumer: BatchConsumer = field(init=False)
    counters: dict[str, int] = field(default_factory=dict)
    known_topics: set[str] = field(default_factory=set)
    _uncommitted: Committed = field(default_factory=Committed)
    _in_transaction: list[int] = field(default_factory=list)
    """Outbox batches published in the open Kafka transaction, marked done once it commits."""

    @property
    def batches(self) -> int:
        return self.consumer.batches

    async def _ensure_red_feeds(self, outputs: list[Output]) -> None:
        """Create per-recipient TLP:RED topics before the first publish to them.

        Left to auto-creation, the embedded broker sometimes does not answer a produce to an
        unknown topic until the request times out (40 s), stalling the whole batch.
        """
        wanted = {
            topic: partner
            for output in outputs
            for topic in output.topics
            if (partner := self.topics.red_feed_partner(topic)) is not None
        }
        missing = set(wanted) - self.known_topics
        if missing:
            # The red_feed template of topics.yaml: cleanup policy and retention as `infra apply` sets.
            definitions = [red_feed_definition(self.topics.prefix, wanted[name]) for name in sorted(missing)]
            # Replicas are capped at the cluster's broker count (ensure_topics).
            await ensure_topics(
                self.settings.kafka_bootstrap, definitions, client_options=client_options(self.settings)
            )
            self.known_topics |= missing

    def _process(self, records: Sequence[Record], open_batches: frozenset[int]) -> BatchResult:
        """Phases 1 and 2 (blocking; runs in a worker thread). `open_batches`: the outbox
        batches of the Kafka transaction still open, which must not be settled."""
        self.store.settle(first_offsets(records), keep=open_batches)
        prepared: list[PreparedBundle] = []
        failed: list[tuple[Record, Exception]] = []
        records_of: dict[str, Record] = {}
        started = 0  # prepared[started:] have no vectors started yet
        for record in records:
            try:
                bundle = self.enricher.prepare(
                    record.value, source_key(record), record_trace_id(record.headers)
                )
            except Exception as error:  # any fault of one record is that record's, not the batch's
                failed.append((record, error))
                continue
            prepared.append(bundle)
            records_of.setdefault(bundle.source, record)
            if len(prepared) - started >= EMBED_AHEAD_EVERY:
                self.enricher.embed_ahead(self.store, prepared[started:])
                started = len(prepared)
        self.enricher.embed_ahead(self.store, prepared[started:])
        position = outbox_position(records)
        with self.store.session() as session:
            decision = self.enricher.decide(session, prepared)
            if decision.batch_id is not None and position is not None:
                session.locate_outbox(decision.batch_id, position)
        return BatchResult(decision, prepared, failed, records_of)

    @staticmethod
    def _messages(outputs: list[Output]) -> Iterator[Message]:
        for output in outputs:
            value = output.value if output.value is not None else encode(output.obj)
            key = output.obj["id"].encode()
            headers = message_headers(output.trace_id or new_trace_id())
            for topic in output.topics:
                yield Message(value, topic, key, headers)

    async def handle(self, records: Sequence[Record]) -> list[DeadLetter]:
        """One batch (or part of one): the batch consumer retries, splits and commits around it."""
        if self._uncommitted.started is None:
            self._uncommitted.started = time.perf_counter()
        result = await asyncio.to_thread(self._process, records, frozenset(self._in_transaction))
        decision = result.decision
        dead = [DeadLetter(record, error) for record, error in result.failed]
        by_source = {bundle.source: bundle for bundle in result.prepared}
        for source in decision.fresh_sources:
            bundle = by_source[source]
            if bundle.rejected:
                dead.append(_rejections(bundle, result.records_of[source]))
        replayed = [output for payload in decision.replay_payloads for output in replay_outputs(payload)]
        outputs = [*replayed, *decision.outputs]
        await self._ensure_red_feeds(outputs)
        await asyncio.gather(*await self.consumer.send_many(self._messages(outputs)))
        # Dead letters before the batch is marked done: a replay of a done batch skips its
        # submissions, so their rejected objects would never reach the DLQ otherwise.
        await self.consumer.publish_dead_letters(dead)
        done = [*decision.replay_batch_ids, *([decision.batch_id] if decision.batch_id is not None else [])]
        if self.consumer.transactions is not None:
            self._in_transaction.extend(done)  # done once the transaction commits
        else:
            await asyncio.to_thread(self.store.mark_done, done)
        self._uncommitted.outputs.extend(outputs)
        self._uncommitted.stats.update(decision.stats)
        self._uncommitted.stats["published"] += sum(len(o.topics) for o in decision.outputs)
        return []

    async def transaction_ended(self, committed: bool) -> None:
        """Mark the outbox batches of a committed transaction done (an aborted one's stay
        pending: their redelivery republishes them)."""
        done, self._in_transaction = self._in_transaction, []
        if not committed:
            self.rewound()  # its outputs are published again by the next attempt: count them then
        elif done:
            await asyncio.to_thread(self.store.mark_done, done)

    async def settle_committed(self) -> None:
        """Settle the pending outbox batches whose offsets the group committed (a replica killed
        between its transaction's commit and marking the batch done), before consuming: their
        partitions may get no new record to settle them by."""
        partitions = await asyncio.to_thread(self.store.pending_partitions)
        if not partitions:
            return
        try:
            committed = await committed_offsets(
                self.settings.kafka_bootstrap,
                self.settings.enrichment_group_id,
                partitions,
                client_options(self.settings),
            )
        except KafkaError:  # they stay pending until their partitions' next records settle them
            logger.warning("could not read the group's committed offsets", exc_info=True)
            return
        settled = await asyncio.to_thread(self.store.settle, committed)
        if settled:
            logger.info("settled %d outbox batches committed before a crash", len(settled))

    async def close(self) -> None:
        """Stop the consumer's producers and the encoder process (once the broker has stopped
        consuming)."""
        await self.consumer.stop()
        await asyncio.to_thread(self.enricher.close)

    def committed(self, message: KafkaMessage, records: Sequence[Record]) -> None:
        """Per-batch metrics and counters, once the batch is committed (they count what is durable)."""
        done, self._uncommitted = self._uncommitted, Committed()
        self.observed.consumed(records)
        self.observed.published(Counter(topic for output in done.outputs for topic in output.topics))
        self.observed.lag(message.consumer, records)
        if records and done.started is not None:
            self.observed.batch_done(records[0].topic, time.perf_counter() - done.started)
        for name, count in done.stats.items():
            self.counters[name] = self.counters.get(name, 0) + count

    def rewound(self) -> None:
        """What the rewound batch produced is produced again on redelivery: count it then."""
        self._uncommitted = Committed()


def first_offsets(records: Sequence[Record]) -> dict[Partition, int]:
    """The first offset of each partition in hand: the group's committed position there, since
    a batch starts where the last commit left it."""
    first: dict[Partition, int] = {}
    for record in records:
        key = (record.topic, record.partition)
        first[key] = min(first.get(key, record.offset), record.offset)
    return first


def outbox_position(records: Sequence[Record]) -> OutboxPosition | None:
    """Where a batch's records were, when they all came from one partition (always so with
    transactions, one per partition)."""
    if not records or len({(r.topic, r.partition) for r in records}) != 1:
        return None
    return OutboxPosition(records[0].topic, records[0].partition, max(r.offset for r in records))


def source_key(record: Record) -> bytes | None:
    """The key a submission is deduplicated by: its own, or, for a dead letter replayed by
    `crimefeed dlq replay`, its own plus the dead letter's address. A replay is then new
    (its submission may have been recorded done when part of it was rejected), and replaying
    the same dead letter twice is still one replay."""
    for name, value in record.headers or ():
        if name == HEADER_REPLAY_OF:
            return (record.key or b"") + b"#replay-of=" + bytes(value)
    key: bytes | None = record.key
    return key


def _rejections(bundle: PreparedBundle, record: Record) -> DeadLetter:
    """The rejected objects of a bundle, as one dead letter listing each one's reason."""
    reasons = "; ".join(f"objects[{r.index}]: {r.reason}" for r in bundle.rejected)
    rejected_bundle = {
        "type": "bundle",
        "id": _bundle_id(record) or "bundle--00000000-0000-4000-8000-000000000000",
        "objects": [r.object for r in bundle.rejected],
    }
    return DeadLetter(
        record,
        InvalidObjects(reasons),
        value=encode(rejected_bundle),
        headers={HEADER_REJECTED_COUNT: str(len(bundle.rejected))},
    )


def _bundle_id(record: Record) -> str | None:
    import orjson

    try:
        value = orjson.loads(record.value or b"")
    except orjson.JSONDecodeError:
        return None
    bundle_id = value.get("id") if isinstance(value, dict) else None
    return bundle_id if isinstance(bundle_id, str) else None


def consumer_settings(settings: EnrichmentSettings, topics: Topics) -> BatchConsumerSettings:
    return BatchConsumerSettings(
        topic=topics.submissions,
        group_id=settings.enrichment_group_id,
        max_records=settings.enrichment_max_records,
        batch_timeout_ms=settings.enrichment_batch_timeout_ms,
        fetch_max_wait_ms=settings.enrichment_fetch_max_wait_ms,
        session_timeout_ms=settings.enrichment_session_timeout_ms,
        heartbeat_interval_ms=settings.enrichment_heartbeat_interval_ms,
        max_retries=settings.enrichment_max_retries,
        retry_backoff_seconds=settings.enrichment_retry_backoff_seconds,
        description="Anonymized STIX 2.1 bundles to validate, deduplicate, tag and route",
    )


def create_app(
    settings: EnrichmentSettings,
    *,
    enricher: Enricher | None = None,
    store: DedupStore | None = None,
    metrics: Metrics | None = None,
    **broker_options: Any,
) -> tuple[FastStream, EnrichmentService]:
    """The FastStream app and the service behind it (broker, state, pipeline)."""
    topics = Topics(settings.topic_prefix)
    observed = ConsumerMetrics(metrics or process_metrics(), SERVICE, settings.enrichment_group_id)
    # Graceful shutdown: stopping waits up to this long for the batch in hand to be published
    # and committed, and takes no new batch meanwhile (FastStream's graceful_timeout).
    broker_options.setdefault("graceful_timeout", settings.enrichment_shutdown_timeout_seconds)
    broker_options.setdefault("logger", KAFKA_LOGGER)
    broker = make_broker(settings, **broker_options)
    service = EnrichmentService(
        settings=settings,
        broker=broker,
        store=store
        or SqliteDedupStore(settings.state_path, settings.neardup_threshold, settings.neardup_num_perm),
        enricher=enricher or default_enricher(settings, topics),
        topics=topics,
        observed=observed,
    )
    service.consumer = BatchConsumer(
        broker,
        consumer_settings(settings, topics),
        service.handle,
        on_committed=service.committed,
        on_rewound=service.rewound,
        on_dead_letter=observed.dead_lettered,
        transactions=PartitionProducers(settings, settings.enrichment_group_id)
        if transactions_enabled(settings)
        else None,
        after_transaction=service.transaction_ended,
        producer_options=producer_options(settings),
    )
    service.consumer.subscribe()
    broker.publisher(topics.objects, description="Every enriched STIX object, one a message, key = STIX id")
    return FastStream(broker), service


Runner = Callable[[], Awaitable[None]]
