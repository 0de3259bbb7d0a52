"""The enrichment service's small HTTP side: /healthz, /readyz and /metrics for probes and
Prometheus (served only when CRIMEFEED_METRICS_PORT is set)."""

from __future__ import annotations

from fastapi import FastAPI
from faststream.kafka import KafkaBroker

from shared.observability.http import probes_router
from shared.observability.metrics import Metrics
from shared.observability.readiness import kafka_readiness


def create_ops_app(broker: KafkaBroker, metrics: Metrics, metrics_token: str | None) -> FastAPI:
    app = FastAPI(
        title="crimefeed enrichment (operations)",
        version="1",
        description="Liveness, readiness (the Kafka cluster answers) and Prometheus metrics",
    )
    app.include_router(probes_router(metrics, metrics_token, kafka_readiness(broker)))
    return app
