"""Metrics move: per-batch consumer counts, dead letters, lag from a real fetch, exposition."""

from __future__ import annotations

import uuid
from types import SimpleNamespace

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from shared.kafka.admin import ensure_topics
from shared.kafka.topics import TopicDefinition
from shared.observability.metrics import ConsumerMetrics, Metrics


def record(topic: str, partition: int, offset: int) -> SimpleNamespace:
    return SimpleNamespace(topic=topic, partition=partition, offset=offset)


def test_batch_counts_per_topic() -> None:
    metrics = Metrics(process=False)
    observed = ConsumerMetrics(metrics, "enrichment", "group-a")
    observed.consumed([record("in", 0, 1), record("in", 1, 7), record("other", 0, 0)])
    observed.published({"out": 5, "feed": 2, "empty": 0})
    observed.dead_lettered("in", "DecodeError")
    observed.dead_lettered("in", "DecodeError", 2)
    observed.batch_done("in", 0.02)
    sample = metrics.sample
    assert sample("crimefeed_messages_consumed_total", service="enrichment", topic="in") == 2
    assert sample("crimefeed_messages_consumed_total", service="enrichment", topic="other") == 1
    assert sample("crimefeed_messages_published_total", service="enrichment", topic="out") == 5
    assert sample("crimefeed_messages_published_total", service="enrichment", topic="empty") == 0
    assert (
        sample("crimefeed_dead_letters_total", service="enrichment", topic="in", error_type="DecodeError")
        == 3
    )
    assert sample("crimefeed_batches_total", service="enrichment", topic="in") == 1
    assert sample("crimefeed_batch_duration_seconds_count", service="enrichment", topic="in") == 1


def test_red_feeds_are_one_label_so_metrics_never_name_recipients() -> None:
    metrics = Metrics(process=False)
    observed = ConsumerMetrics(metrics, "enrichment", "group-a")
    observed.published({"crimefeed.feed.red.nl-police.v1": 2, "crimefeed.feed.red.be-cert.v1": 1})
    sample = metrics.sample
    merged = "crimefeed.feed.red.*.v1"
    assert sample("crimefeed_messages_published_total", service="enrichment", topic=merged) == 3
    body, _ = metrics.render()
    assert b"nl-police" not in body and b"be-cert" not in body


def test_exposition_names_every_family_and_the_process() -> None:
    metrics = Metrics()
    ConsumerMetrics(metrics, "enrichment", "g").consumed([record("in", 0, 0)])
    body, content_type = metrics.render()
    text = body.decode()
    assert content_type.startswith("text/plain")
    assert 'crimefeed_messages_consumed_total{service="enrichment",topic="in"} 1.0' in text
    for family in (
        "crimefeed_http_request_duration_seconds",
        "crimefeed_consumer_lag",
        "process_cpu_seconds_total",
    ):
        assert f"# HELP {family}" in text


def test_a_consumer_without_highwater_reports_no_lag() -> None:
    metrics = Metrics(process=False)
    ConsumerMetrics(metrics, "enrichment", "g").lag(object(), [record("in", 0, 3)])
    assert "crimefeed_consumer_lag{" not in metrics.render()[0].decode()


class _RebalancedConsumer:
    """aiokafka's answer for a partition a rebalance took away mid-batch."""

    def highwater(self, partition: object) -> int | None:
        raise AssertionError("Partition is not assigned")


def test_a_partition_moved_away_by_a_rebalance_reports_no_lag_and_does_not_fail() -> None:
    metrics = Metrics(process=False)
    ConsumerMetrics(metrics, "enrichment", "g").lag(_RebalancedConsumer(), [record("in", 0, 3)])
    assert "crimefeed_consumer_lag{" not in metrics.render()[0].decode()


async def test_lag_is_the_highwater_of_the_fetch_minus_the_batch_end(kafka_bootstrap: str) -> None:
    topic = f"lag-{uuid.uuid4().hex[:8]}"
    await ensure_topics(kafka_bootstrap, [TopicDefinition(topic, 1, 1)], single_node=True)
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        for n in range(10):
            await producer.send_and_wait(topic, f"m{n}".encode())
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=kafka_bootstrap,
        group_id=f"lag-{uuid.uuid4().hex}",
        auto_offset_reset="earliest",
        session_timeout_ms=2000,
        heartbeat_interval_ms=500,
        enable_auto_commit=False,
    )
    await consumer.start()
    metrics = Metrics(process=False)
    observed = ConsumerMetrics(metrics, "enrichment", "g")
    try:
        batch: list[object] = []
        for _ in range(20):
            fetched = await consumer.getmany(timeout_ms=1000, max_records=4)
            batch = [r for records in fetched.values() for r in records]
            if batch:
                break
        assert len(batch) == 4
        observed.lag(consumer, batch)
    finally:
        await consumer.stop()
    lag = metrics.sample(
        "crimefeed_consumer_lag", service="enrichment", group="g", topic=topic, partition="0"
    )
    assert lag == 6
