"""The enrichment service on Kafka: a FastStream batch subscriber on the submissions topic.

One batch of submissions at a time:
1. prepare every record (decode, validate, tag, fingerprint, MinHash) in a worker thread;
   a record that is not a STIX bundle is dead-lettered whole;
2. decide inside one dedup-state transaction, which also writes the batch's outputs to the
   outbox (worker thread: SQLite blocks, and the event loop must keep heartbeating);
3. publish every output (and the rejected objects of partly bad bundles to the DLQ) without
   awaiting each confirm, then await all confirms;
4. mark the batch done in the state, then commit the offsets (AckPolicy.MANUAL).
A crash anywhere before 4 redelivers the batch, and the outbox makes the replay publish the
same messages or nothing (see state.py).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from faststream import FastStream
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy

from services.enrichment.neardup import MinHasher
from services.enrichment.pipeline import Decision, Enricher, Output, PreparedBundle, replay_outputs
from services.enrichment.settings import EnrichmentSettings
from services.enrichment.state import DedupStore, SqliteDedupStore
from shared.kafka.admin import ensure_topics
from shared.kafka.broker import make_broker
from shared.kafka.codecs import encode, message_headers, new_trace_id
from shared.kafka.dead_letter import (
    HEADER_ERROR_TYPE,
    HEADER_SOURCE_TOPIC,
    TRANSIENT_ERRORS,
    dead_letter_headers,
    dead_letter_middleware,
)
from shared.kafka.security import client_options
from shared.kafka.topics import TopicDefinition, Topics
from shared.observability.metrics import ConsumerMetrics, Metrics, process_metrics
from shared.observability.tracing import record_trace_id

logger = logging.getLogger(__name__)

# An aiokafka ConsumerRecord (aiokafka ships no type information).
Record = Any

HEADER_REJECTED_COUNT = "x-crimefeed-rejected-count"
SERVICE = "enrichment"
# FastStream's lifecycle lines (partition assignments...) go here, under our log configuration.
KAFKA_LOGGER = logging.getLogger("crimefeed.enrichment.kafka")


class InvalidObjects(ValueError):
    """Some objects of a bundle failed validation (the reasons are in the message)."""


class BatchFailed(ConnectionError):
    """A batch could not be completed (state or broker fault). A ConnectionError, so the
    dead-letter middleware retries it with backoff; the batch is never committed half-done."""


def default_enricher(settings: EnrichmentSettings, topics: Topics) -> Enricher:
    """The production components: taxonomy tagger, trend tracker, TLP router."""
    from services.enrichment.routing import route
    from services.enrichment.tagging import Tagger
    from services.enrichment.trends import TrendTracker

    settings.trend_state_path.parent.mkdir(parents=True, exist_ok=True)
    return Enricher(
        topics,
        tagger=Tagger.load(),
        router=route,
        trends=TrendTracker(
            settings.trend_state_path,
            spike_factor=settings.trend_spike_factor,
            spike_min=settings.trend_spike_min,
        ),
        hasher=MinHasher(settings.neardup_num_perm, settings.neardup_min_tokens),
    )


def _trace_id(record: Record) -> str | None:
    return record_trace_id(record.headers)


@dataclass
class BatchResult:
    decision: Decision
    prepared: list[PreparedBundle]
    failed: list[tuple[Record, Exception]]


@dataclass
class EnrichmentService:
    settings: EnrichmentSettings
    broker: KafkaBroker
    store: DedupStore
    enricher: Enricher
    topics: Topics
    observed: ConsumerMetrics
    counters: dict[str, int] = field(default_factory=dict)
    batches: int = 0
    known_topics: set[str] = field(default_factory=set)

    async def _ensure_red_feeds(self, outputs: list[Output]) -> None:
        """Create per-recipient TLP:RED topics before the first publish to them.

        Left to auto-creation, the embedded broker sometimes does not answer a produce to an
        unknown topic until the request times out (40 s), stalling the whole batch.
        """
        wanted = {topic for output in outputs for topic in output.topics if ".feed.red." in topic}
        missing = wanted - self.known_topics
        if missing:
            definitions = [TopicDefinition(name, 1, 3) for name in sorted(missing)]
            # The embedded broker is the one without idempotent producing: one node, no configs.
            single_node = not self.settings.idempotence_enabled()
            await ensure_topics(
                self.settings.kafka_bootstrap,
                definitions,
                single_node=single_node,
                client_options=client_options(self.settings),
            )
            self.known_topics |= missing

    def _process(self, records: tuple[Record, ...]) -> BatchResult:
        """Phases 1 and 2 (blocking; runs in a worker thread)."""
        prepared: list[PreparedBundle] = []
        failed: list[tuple[Record, Exception]] = []
        for record in records:
            try:
                prepared.append(self.enricher.prepare(record.value, record.key, _trace_id(record)))
            except Exception as error:  # any fault of one record is that record's, not the batch's
                failed.append((record, error))
        with self.store.session() as session:
            decision = self.enricher.decide(session, prepared)
        return BatchResult(decision, prepared, failed)

    async def _send(self, output: Output) -> list[asyncio.Future[Any]]:
        value = encode(output.obj)
        key = output.obj["id"].encode()
        headers = message_headers(output.trace_id or new_trace_id())
        return [
            await self.broker.publish(value, topic, key=key, headers=headers, no_confirm=True)
            for topic in output.topics
        ]

    async def _dead_letter(
        self,
        value: bytes | None,
        record: Record,
        error: BaseException,
        extra: dict[str, str],
    ) -> asyncio.Future[Any]:
        trace_id = _trace_id(record)
        headers = dead_letter_headers(error, record.topic, record.partition, record.offset, trace_id)
        headers.update(extra)
        logger.warning(
            "dead-lettered %s[%d]@%d: %s: %s",
            record.topic,
            record.partition,
            record.offset,
            type(error).__name__,
            str(error)[:200],
            extra={"trace_id": trace_id, "error_type": type(error).__name__},
        )
        future: asyncio.Future[Any] = await self.broker.publish(
            value or b"", Topics.dlq(record.topic), key=record.key, headers=headers, no_confirm=True
        )
        return future

    async def handle_batch(self, message: Any) -> None:
        records: tuple[Record, ...] = message.raw_message
        started = time.perf_counter()
        self.observed.consumed(records)
        try:
            result = await asyncio.to_thread(self._process, records)
            decision = result.decision
            futures: list[asyncio.Future[Any]] = []
            dead: Counter[tuple[str, str]] = Counter()
            for record, error in result.failed:
                futures.append(await self._dead_letter(record.value, record, error, {}))
                dead[(record.topic, type(error).__name__)] += 1
            by_source = {bundle.source: bundle for bundle in result.prepared}
            record_of = {
                bundle.source: record
                for bundle, record in zip(
                    result.prepared, self._prepared_records(records, result), strict=False
                )
            }
            for source in decision.fresh_sources:
                bundle = by_source[source]
                if bundle.rejected:
                    futures.append(await self._dead_letter_rejections(bundle, record_of[source]))
                    dead[(record_of[source].topic, InvalidObjects.__name__)] += 1
            replayed = [output for payload in decision.replay_payloads for output in replay_outputs(payload)]
            await self._ensure_red_feeds([*replayed, *decision.outputs])
            for output in [*replayed, *decision.outputs]:
                futures.extend(await self._send(output))
            await asyncio.gather(*futures)
            done = [
                *decision.replay_batch_ids,
                *([decision.batch_id] if decision.batch_id is not None else []),
            ]
            await asyncio.to_thread(self.store.mark_done, done)
        except Exception as error:
            # Rewind so the batch is redelivered, never skipped, whatever the middleware decides.
            await message.nack()
            if isinstance(error, TRANSIENT_ERRORS):
                raise
            raise BatchFailed(f"{type(error).__name__}: {error}") from error
        await message.ack()
        self._observe(message, records, [*replayed, *decision.outputs], dead, started)
        self.batches += 1
        for name, count in decision.stats.items():
            self.counters[name] = self.counters.get(name, 0) + count
        self.counters["published"] = self.counters.get("published", 0) + sum(
            len(o.topics) for o in decision.outputs
        )

    def _observe(
        self,
        message: Any,
        records: tuple[Record, ...],
        outputs: list[Output],
        dead: Counter[tuple[str, str]],
        started: float,
    ) -> None:
        """Per-batch metrics, once the batch is committed (so they count what is durable)."""
        self.observed.published(Counter(topic for output in outputs for topic in output.topics))
        for (topic, error_type), count in dead.items():
            self.observed.dead_lettered(topic, error_type, count)
        self.observed.lag(message.consumer, records)
        if records:
            self.observed.batch_done(records[0].topic, time.perf_counter() - started)

    @staticmethod
    def _prepared_records(records: tuple[Record, ...], result: BatchResult) -> list[Record]:
        failed = {id(record) for record, _ in result.failed}
        return [record for record in records if id(record) not in failed]

    async def _dead_letter_rejections(self, bundle: PreparedBundle, record: Record) -> asyncio.Future[Any]:
        reasons = "; ".join(f"objects[{r.index}]: {r.reason}" for r in bundle.rejected)
        rejected_bundle = {
            "type": "bundle",
            "id": _bundle_id(record) or "bundle--00000000-0000-4000-8000-000000000000",
            "objects": [r.object for r in bundle.rejected],
        }
        return await self._dead_letter(
            encode(rejected_bundle),
            record,
            InvalidObjects(reasons),
            {HEADER_REJECTED_COUNT: str(len(bundle.rejected))},
        )


def _bundle_id(record: Record) -> str | None:
    import orjson

    try:
        value = orjson.loads(record.value or b"")
    except orjson.JSONDecodeError:
        return None
    bundle_id = value.get("id") if isinstance(value, dict) else None
    return bundle_id if isinstance(bundle_id, str) else None


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
    broker: KafkaBroker
    observed = ConsumerMetrics(metrics or process_metrics(), SERVICE, settings.enrichment_group_id)

    async def publish_dead_letter(
        body: bytes, topic: str, key: bytes | None, headers: dict[str, str]
    ) -> None:
        await broker.publish(body, topic, key=key, headers=headers)
        observed.dead_lettered(headers.get(HEADER_SOURCE_TOPIC, topic), headers.get(HEADER_ERROR_TYPE, "?"))

    # Graceful shutdown: stopping waits up to this long for the batch in hand to be published
    # and committed, and takes no new batch meanwhile (FastStream's graceful_timeout).
    broker_options.setdefault("graceful_timeout", settings.enrichment_shutdown_timeout_seconds)
    broker_options.setdefault("logger", KAFKA_LOGGER)
    broker = make_broker(
        settings,
        middlewares=[
            dead_letter_middleware(
                publish_dead_letter,
                max_retries=settings.enrichment_max_retries,
                backoff_seconds=settings.enrichment_retry_backoff_seconds,
            )
        ],
        **broker_options,
    )
    service = EnrichmentService(
        settings=settings,
        broker=broker,
        store=store
        or SqliteDedupStore(settings.state_path, settings.neardup_threshold, settings.neardup_num_perm),
        enricher=enricher or default_enricher(settings, topics),
        topics=topics,
        observed=observed,
    )

    @broker.subscriber(
        topics.submissions,
        batch=True,
        group_id=settings.enrichment_group_id,
        # The embedded broker answers "latest" wrongly, and a new group must not skip history.
        auto_offset_reset="earliest",
        session_timeout_ms=settings.enrichment_session_timeout_ms,
        heartbeat_interval_ms=settings.enrichment_heartbeat_interval_ms,
        max_records=settings.enrichment_max_records,
        batch_timeout_ms=settings.enrichment_batch_timeout_ms,
        max_partition_fetch_bytes=16 * 1024 * 1024,
        ack_policy=AckPolicy.MANUAL,
        description="Anonymized STIX 2.1 bundles to validate, deduplicate, tag and route",
    )
    async def enrich(message: KafkaMessage) -> None:
        await service.handle_batch(message)

    broker.publisher(topics.objects, description="Every enriched STIX object, one a message, key = STIX id")
    return FastStream(broker), service


Runner = Callable[[], Awaitable[None]]
