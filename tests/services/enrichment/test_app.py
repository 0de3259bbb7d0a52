"""The enrichment service on the real broker when partners send values at the ends of time, when
its state keeps failing (readiness), and when a crash left a committed batch pending."""

from __future__ import annotations

import asyncio
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.structs import ConsumerRecord, TopicPartition

from services.embedded.broker import free_port
from services.enrichment.app import EnrichmentService, create_app, first_offsets, outbox_position
from services.enrichment.ops import create_ops_app
from services.enrichment.settings import EnrichmentSettings
from services.enrichment.state import OutboxPosition, SqliteDedupStore, SqliteSession, done_submissions
from shared.http_server import start_server, stop_server
from shared.kafka.admin import ensure_topics
from shared.kafka.codecs import message_headers
from shared.kafka.dead_letter import HEADER_ERROR, HEADER_ERROR_TYPE
from shared.kafka.topics import Topics, topic_definitions
from shared.observability.metrics import Metrics
from tests.support.enrichment import bundle_for, later, make_enricher, report
from tests.support.kafka import committed_offsets, consume, read_topic

END_OF_TIME = "9999-12-31T23:59:59.999Z"
Submission = tuple[str, dict[str, Any]]


async def new_topics(bootstrap: str) -> Topics:
    prefix = f"a{uuid.uuid4().hex[:6]}."
    await ensure_topics(bootstrap, topic_definitions(prefix), single_node=True)
    return Topics(prefix)


def settings_for(bootstrap: str, data_dir: Path, topics: Topics, **overrides: Any) -> EnrichmentSettings:
    fields: dict[str, Any] = {
        "kafka_bootstrap": bootstrap,
        "topic_prefix": topics.prefix,
        "data_dir": data_dir,
        "enrichment_group_id": f"{topics.prefix}enrichment",
        "enrichment_session_timeout_ms": 2000,
        "enrichment_heartbeat_interval_ms": 500,
        "enrichment_batch_timeout_ms": 50,
    }
    fields.update(overrides)
    return EnrichmentSettings(**fields)


async def submit(bootstrap: str, topic: str, submissions: list[Submission]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        headers = [(k, v.encode()) for k, v in message_headers("t").items()]
        for sid, bundle in submissions:
            await producer.send_and_wait(topic, orjson.dumps(bundle), key=sid.encode(), headers=headers)
    finally:
        await producer.stop()


async def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


async def wait_committed(bootstrap: str, group_id: str, topic: str, count: int, timeout: float = 60) -> None:
    """Until the group committed `count` records of `topic` (produced one at a time, so the
    offsets of each partition have no gaps)."""
    deadline = time.monotonic() + timeout
    while sum((await committed_offsets(bootstrap, group_id, topic)).values()) < count:
        assert time.monotonic() < deadline, "the consumer group did not get through the topic"
        await asyncio.sleep(0.2)


def start_service(settings: EnrichmentSettings, topics: Topics, **options: Any) -> EnrichmentService:
    _, service = create_app(
        settings, enricher=make_enricher(topics, trends_path=settings.trend_state_path), **options
    )
    return service


def report_id(submission: Submission) -> str:
    [own] = [o["id"] for o in submission[1]["objects"] if o["type"] == "report"]
    return own


async def test_a_version_stamped_at_the_end_of_time_halts_nothing_even_after_a_restart(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    topics = await new_topics(kafka_bootstrap)
    settings = settings_for(kafka_bootstrap, tmp_path, topics)
    hostile = bundle_for(report(first_seen="2026-10-01T00:00:00Z"), partner="partner-a")
    [indicator] = [o for o in hostile[1]["objects"] if o["type"] == "indicator"]
    indicator["modified"] = END_OF_TIME
    # A sighting first seen on the first day of the calendar: no earlier weeks to compare with.
    [sighting] = [o for o in hostile[1]["objects"] if o["type"] == "sighting"]
    sighting["first_seen"] = "0001-01-01T00:00:00Z"
    await submit(kafka_bootstrap, topics.submissions, [hostile])
    first = start_service(settings, topics)
    async with first.broker:
        await first.broker.start()
        await wait_committed(kafka_bootstrap, settings.enrichment_group_id, topics.submissions, 1)
    await first.close()
    first.store.close()
    assert first.consumer.dead_lettered == 0

    # The stored 9999 version survives the restart; every later submission citing it goes on.
    later_ones = [
        bundle_for(report(first_seen="2026-10-01T00:00:00Z"), partner="partner-c", at=later(5)),
        bundle_for(
            report(title="Another parcel smishing wave", first_seen="2026-10-09T00:00:00Z"), partner="b"
        ),
        bundle_for(report(title="Card skimming at fuel pumps", indicators=[]), partner="partner-d"),
    ]
    await submit(kafka_bootstrap, topics.submissions, later_ones)
    second = start_service(settings, topics)
    async with second.broker:
        await second.broker.start()
        await wait_committed(kafka_bootstrap, settings.enrichment_group_id, topics.submissions, 4)
    await second.close()
    second.store.close()

    wanted = {report_id(s) for s in [hostile, *later_ones]}
    out = await read_topic(
        kafka_bootstrap, topics.objects, until=lambda rs: wanted <= {r.key.decode() for r in rs}
    )
    assert wanted <= {record.key.decode() for record in out}
    versions = [orjson.loads(r.value)["modified"] for r in out if r.key.decode() == indicator["id"]]
    assert versions == [END_OF_TIME]  # nothing later could be stamped, nothing earlier emitted
    [dead] = await consume(kafka_bootstrap, Topics.dlq(topics.submissions), expected=1)
    headers = {name: bytes(value).decode() for name, value in dead.headers}
    assert dead.key == later_ones[1][0].encode()
    assert headers[HEADER_ERROR_TYPE] == "InvalidObjects"
    assert "modified: the version already emitted" in headers[HEADER_ERROR]
    assert "9999" not in headers[HEADER_ERROR]
    assert [o["id"] for o in orjson.loads(dead.value)["objects"]] == [indicator["id"]]
    assert second.consumer.dead_lettered == 1


class FailingStore(SqliteDedupStore):
    """The real dedup state, made to fail like a broken disk while `broken` is set."""

    broken = True

    @contextmanager
    def session(self) -> Iterator[SqliteSession]:
        if self.broken:
            raise sqlite3.OperationalError("disk I/O error")
        with super().session() as session:
            yield session


async def test_readyz_answers_503_with_the_reason_while_batches_keep_failing(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    topics = await new_topics(kafka_bootstrap)
    settings = settings_for(
        kafka_bootstrap, tmp_path, topics, enrichment_max_retries=1, enrichment_retry_backoff_seconds=0.01
    )
    store = FailingStore(settings.state_path)
    await submit(kafka_bootstrap, topics.submissions, [bundle_for(report())])
    service = start_service(settings, topics, store=store)
    port = free_port()
    token = "ops-token"
    async with service.broker:
        await service.broker.start()
        server, task = await start_server(
            create_ops_app(service.broker, Metrics(), token, service.consumer), "127.0.0.1", port
        )
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
                await wait_until(lambda: service.consumer.health.rewinds >= 2)
                failing = await client.get("/readyz")
                store.broken = False
                await wait_until(lambda: service.batches >= 1)
                recovered = await client.get("/readyz")
        finally:
            await stop_server(server, task)
    await service.close()
    store.close()
    assert failing.status_code == 503
    detail = failing.json()["detail"]
    assert topics.submissions in detail and "OperationalError: disk I/O error" in detail
    assert recovered.status_code == 200, recovered.text
    assert service.consumer.dead_lettered == 0  # rewound and redelivered, never dropped
    assert service.counters.get("new", 0) > 0


async def test_a_replica_starting_settles_the_batch_a_crash_left_pending_after_its_commit(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    """Killed between its transaction's commit and marking the batch done, a replica left the
    batch pending; its records are never delivered again, so the next start settles it from the
    group's committed offsets, and leaves pending what the group has not committed."""
    topics = await new_topics(kafka_bootstrap)
    settings = settings_for(kafka_bootstrap, tmp_path, topics)
    committed = TopicPartition(topics.submissions, 0)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=kafka_bootstrap, group_id=settings.enrichment_group_id, enable_auto_commit=False
    )
    await consumer.start()
    try:
        consumer.assign([committed])
        await consumer.commit({committed: 4})
    finally:
        await consumer.stop()
    store = SqliteDedupStore(settings.state_path)
    with store.session() as session:
        done = session.record_outbox(["sub-1", "sub-2"], b"payload")
        session.locate_outbox(done, OutboxPosition(topics.submissions, 0, 3))
        uncommitted = session.record_outbox(["sub-3"], b"payload")
        session.locate_outbox(uncommitted, OutboxPosition(topics.submissions, 1, 0))
    service = start_service(settings, topics, store=store)
    try:
        await service.settle_committed()
        assert done_submissions(settings.state_path) == 2
        assert store.pending_partitions() == {(topics.submissions, 1)}
    finally:
        await service.close()
        store.close()


def test_a_batch_is_located_only_when_its_records_share_one_partition() -> None:
    records = [ConsumerRecord("subs", 2, offset, 0, 0, None, b"", None, 0, 0, []) for offset in (7, 5, 6)]
    assert outbox_position(records) == OutboxPosition("subs", 2, 7)
    assert first_offsets(records) == {("subs", 2): 5}
    mixed = [*records, ConsumerRecord("subs", 3, 1, 0, 0, None, b"", None, 0, 0, [])]
    assert outbox_position(mixed) is None
    assert first_offsets(mixed) == {("subs", 2): 5, ("subs", 3): 1}
