"""Prometheus metrics of one process: messages in and out, dead letters, lag, HTTP latency.

One registry per process (`process_metrics()`), not prometheus-client's global one: tests build
their own `Metrics()` so counts of one test never leak into another, and `crimefeed up` (several
services in one process) exposes them all on one page, told apart by the `service` label.
"""

from __future__ import annotations

import functools
from collections import Counter as Tally
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from aiokafka.structs import TopicPartition
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)

from shared.kafka.topics import mask_red_feed

# Request latencies from a fast 202 (~1 ms) to a slow bulk bundle (seconds).
HTTP_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
BATCH_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    """The instruments of one registry."""

    def __init__(self, registry: CollectorRegistry | None = None, *, process: bool = True) -> None:
        self.registry = registry or CollectorRegistry()
        if process:
            ProcessCollector(registry=self.registry)
            PlatformCollector(registry=self.registry)
        self.messages_consumed = Counter(
            "crimefeed_messages_consumed",
            "Kafka records taken from a topic",
            ["service", "topic"],
            registry=self.registry,
        )
        self.messages_published = Counter(
            "crimefeed_messages_published",
            "Kafka records the broker confirmed, per destination topic",
            ["service", "topic"],
            registry=self.registry,
        )
        self.dead_letters = Counter(
            "crimefeed_dead_letters",
            "Records sent to <topic>.dlq, per source topic and error type",
            ["service", "topic", "error_type"],
            registry=self.registry,
        )
        self.batches = Counter(
            "crimefeed_batches", "Batches handled to the commit", ["service", "topic"], registry=self.registry
        )
        self.batch_seconds = Histogram(
            "crimefeed_batch_duration_seconds",
            "Time from a batch in hand to its offsets committed",
            ["service", "topic"],
            buckets=BATCH_BUCKETS,
            registry=self.registry,
        )
        self.consumer_lag = Gauge(
            "crimefeed_consumer_lag",
            "Records behind the partition's high watermark after the last batch from it",
            ["service", "group", "topic", "partition"],
            registry=self.registry,
        )
        self.http_seconds = Histogram(
            "crimefeed_http_request_duration_seconds",
            "HTTP request latency per route template and status",
            ["service", "method", "route", "status"],
            buckets=HTTP_BUCKETS,
            registry=self.registry,
        )

    def render(self) -> tuple[bytes, str]:
        """The exposition text and its content type (what `/metrics` answers)."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST

    def sample(self, name: str, **labels: str) -> float:
        """The current value of one sample (0 if it was never set): for health checks and tests."""
        value = self.registry.get_sample_value(name, labels)
        return 0.0 if value is None else value


@functools.cache
def process_metrics() -> Metrics:
    """The metrics of this process, created on first use."""
    return Metrics()


def topic_label(topic: str) -> str:
    """The topic as a metric label: per-recipient red feeds are merged into one label, because
    /metrics answers without authentication and must not list who receives TLP:RED, or how much."""
    return mask_red_feed(topic)


@dataclass(frozen=True)
class ConsumerMetrics:
    """What a batch handler reports: counts per batch and per topic, never a line per message."""

    metrics: Metrics
    service: str
    group: str

    def consumed(self, records: Iterable[Any]) -> None:
        for topic, count in Tally(record.topic for record in records).items():
            self.metrics.messages_consumed.labels(self.service, topic).inc(count)

    def published(self, per_topic: Mapping[str, int]) -> None:
        merged: dict[str, int] = {}
        for topic, count in per_topic.items():
            label = topic_label(topic)
            merged[label] = merged.get(label, 0) + count
        for label, count in merged.items():
            if count:
                self.metrics.messages_published.labels(self.service, label).inc(count)

    def dead_lettered(self, source_topic: str, error_type: str, count: int = 1) -> None:
        self.metrics.dead_letters.labels(self.service, source_topic, error_type).inc(count)

    def batch_done(self, topic: str, seconds: float) -> None:
        self.metrics.batches.labels(self.service, topic).inc()
        self.metrics.batch_seconds.labels(self.service, topic).observe(seconds)

    def lag(self, consumer: object, records: Iterable[Any]) -> None:
        """Lag per partition of this batch: the high watermark the last fetch response carried,
        minus the offset after the batch's last record from that partition.

        Not `end_offsets()`, which the embedded broker answers wrongly; the high watermark comes
        with every fetch, so this costs no request. A consumer without it (FastStream's test
        broker) reports nothing.
        """
        highwater = getattr(consumer, "highwater", None)
        if highwater is None:
            return
        next_offsets: dict[tuple[str, int], int] = {}
        for record in records:
            key = (record.topic, record.partition)
            next_offsets[key] = max(next_offsets.get(key, 0), record.offset + 1)
        for (topic, partition), position in next_offsets.items():
            try:
                mark = highwater(TopicPartition(topic, partition))
            except AssertionError:
                # aiokafka asserts the partition is assigned: after a rebalance moved it away
                # mid-batch there is no lag of ours to report, and no reason to fail the batch.
                continue
            if mark is not None:
                gauge = self.metrics.consumer_lag.labels(self.service, self.group, topic, str(partition))
                gauge.set(max(mark - position, 0))
