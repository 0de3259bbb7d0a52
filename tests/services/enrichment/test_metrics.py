"""Enrichment on the real broker: per-batch metrics and trace ids on every output and dead letter."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaProducer

from services.enrichment.app import create_app
from services.enrichment.settings import EnrichmentSettings
from shared.kafka.admin import ensure_topics
from shared.kafka.codecs import HEADER_TRACE_ID, message_headers
from shared.kafka.dead_letter import HEADER_ERROR_TYPE
from shared.kafka.topics import Topics, topic_definitions
from shared.observability.metrics import Metrics
from tests.support.enrichment import bundle_for, make_enricher, report
from tests.support.kafka import consume


def settings_for(bootstrap: str, tmp_path: Path, prefix: str) -> EnrichmentSettings:
    return EnrichmentSettings(
        kafka_bootstrap=bootstrap,
        topic_prefix=prefix,
        data_dir=tmp_path,
        enrichment_group_id=f"{prefix}enrichment",
        enrichment_session_timeout_ms=2000,
        enrichment_heartbeat_interval_ms=500,
        enrichment_batch_timeout_ms=50,
    )


async def produce(bootstrap: str, topic: str, messages: list[tuple[bytes, bytes, str]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        for key, value, trace_id in messages:
            headers = [(k, v.encode()) for k, v in message_headers(trace_id).items()]
            await producer.send_and_wait(topic, value, key=key, headers=headers)
    finally:
        await producer.stop()


async def wait_for(condition: object, timeout: float = 30.0) -> None:
    assert callable(condition)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.1)


def headers_of(record: object) -> dict[str, str]:
    return {k: v.decode() for k, v in record.headers}  # type: ignore[attr-defined]


async def test_batches_count_in_out_dead_letters_and_lag_and_carry_trace_ids(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    prefix = f"m{uuid.uuid4().hex[:6]}."
    topics = Topics(prefix)
    await ensure_topics(kafka_bootstrap, topic_definitions(prefix), single_node=True)
    good_id, good = bundle_for(report(), partner="partner-a")
    partly_id, partly = bundle_for(report(title="Tax refund phishing", tlp="amber"), partner="partner-b")
    partly["objects"].append({"type": "indicator", "id": "indicator--bad", "spec_version": "2.1"})
    await produce(
        kafka_bootstrap,
        topics.submissions,
        [
            (b"not-json", b"{oops", "trace-bad"),
            (partly_id.encode(), orjson.dumps(partly), "trace-partly"),
            (good_id.encode(), orjson.dumps(good), "trace-good"),
        ],
    )
    metrics = Metrics(process=False)
    settings = settings_for(kafka_bootstrap, tmp_path, prefix)
    _, service = create_app(settings, enricher=make_enricher(topics), metrics=metrics)

    def sample(name: str, **labels: str) -> float:
        return metrics.sample(name, service="enrichment", **labels)

    async with service.broker:
        await service.broker.start()
        await wait_for(lambda: sample("crimefeed_messages_consumed_total", topic=topics.submissions) == 3)
        await wait_for(lambda: sample("crimefeed_batches_total", topic=topics.submissions) >= 1)
    await service.close()
    published = sample("crimefeed_messages_published_total", topic=topics.objects)
    out = await consume(kafka_bootstrap, topics.objects, expected=int(published))
    dead = await consume(kafka_bootstrap, Topics.dlq(topics.submissions), expected=2)

    # Counts: what the broker holds is what the metrics say.
    assert published == len(out) > 0
    assert sample("crimefeed_dead_letters_total", topic=topics.submissions, error_type="DecodeError") == 1
    green = await consume(kafka_bootstrap, topics.feed("green"), expected=len(good["objects"]), timeout=5)
    assert sample("crimefeed_messages_published_total", topic=topics.feed("green")) == len(green)
    assert sample("crimefeed_batch_duration_seconds_count", topic=topics.submissions) >= 1
    # Everything was consumed, so every partition that had records is caught up.
    lag = [
        sample
        for family in metrics.registry.collect()
        if family.name == "crimefeed_consumer_lag"
        for sample in family.samples
    ]
    assert lag and all(s.value == 0 for s in lag), lag
    assert {s.labels["topic"] for s in lag} == {topics.submissions}

    # Trace ids: each output carries its submission's, each dead letter its source record's.
    traces = {record.key.decode(): headers_of(record)[HEADER_TRACE_ID] for record in out}
    assert traces[report_id(good)] == "trace-good"
    assert traces[report_id(partly)] == "trace-partly"
    assert set(traces.values()) <= {"trace-good", "trace-partly"}
    dead_traces = {headers_of(r)[HEADER_ERROR_TYPE]: headers_of(r)[HEADER_TRACE_ID] for r in dead}
    assert dead_traces == {"DecodeError": "trace-bad", "InvalidObjects": "trace-partly"}


def report_id(bundle: dict[str, Any]) -> str:
    return str(next(o["id"] for o in bundle["objects"] if o["type"] == "report"))
