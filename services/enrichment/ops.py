"""The enrichment service's small HTTP side: /healthz, /readyz and /metrics for probes and
Prometheus (served only when CRIMEFEED_METRICS_PORT is set)."""

from __future__ import annotations

from fastapi import FastAPI
from faststream.kafka import KafkaBroker

from shared.kafka.batch_consumer import BatchConsumer
from shared.observability.http import probes_router
from shared.observability.metrics import Metrics
from shared.observability.readiness import all_ready, kafka_readiness


def create_ops_app(
    broker: KafkaBroker, metrics: Metrics, metrics_token: str | None, consumer: BatchConsumer | None = None
) -> FastAPI:
    app = FastAPI(
        title="crimefeed enrichment (operations)",
        version="1",
        description="Liveness, readiness (the Kafka cluster answers and batches go through) and "
        "Prometheus metrics",
    )
    checks = [kafka_readiness(broker)]
    if consumer is not None:
        checks.append(consumer.readiness)
    app.include_router(probes_router(metrics, metrics_token, all_ready(*checks)))
    return app
