"""The FastStream Kafka broker, configured the same way by every service."""

from __future__ import annotations

import logging
from typing import Any

from faststream.kafka import KafkaBroker

from shared.kafka.capabilities import idempotence_enabled
from shared.kafka.partitioner import KeyPartitioner
from shared.kafka.security import broker_security, client_options
from shared.settings import CommonSettings

# The options of every producer, FastStream's and the transactional ones (shared/kafka/transactions.py).
PRODUCER_OPTIONS: dict[str, Any] = {
    "compression_type": "zstd",
    "acks": "all",
    "linger_ms": 5,
    # A bundle is ~10 KB; at aiokafka's 16 KB default every message is its own batch and
    # costs ~170 µs of CPU, at 256 KB batches it costs ~17 µs (bench/producers.py).
    "max_batch_size": 256 * 1024,
    "max_request_size": 16 * 1024 * 1024,
}


def make_broker(settings: CommonSettings, **options: Any) -> KafkaBroker:
    """A broker with production settings: zstd, acks=all and idempotence where the broker allows it.

    Whether it does is asked of the broker (shared.kafka.capabilities): the embedded Tansu broker
    fails idempotent producers, Apache Kafka supports them.
    """
    return KafkaBroker(
        settings.kafka_bootstrap,
        enable_idempotence=idempotence_enabled(settings),
        partitioner=KeyPartitioner(),
        **PRODUCER_OPTIONS,
        security=broker_security(settings),
        # FastStream logs every message at INFO; per-message lines belong at DEBUG only.
        log_level=logging.DEBUG,
        **options,
    )


def producer_options(settings: CommonSettings) -> dict[str, Any]:
    """aiokafka producer arguments: the producer ``make_broker`` gives FastStream, for a service's
    own producer (shared/kafka/batch_consumer.py publishes through one: a message costs about
    half the CPU it costs through FastStream's ``publish``)."""
    return {
        "bootstrap_servers": settings.kafka_bootstrap,
        "enable_idempotence": idempotence_enabled(settings),
        "partitioner": KeyPartitioner(),
        **PRODUCER_OPTIONS,
        **client_options(settings),
    }
