"""Readiness checks of the services' dependencies, for `/readyz`."""

from __future__ import annotations

from faststream.kafka import KafkaBroker

from shared.observability.http import Readiness


def kafka_readiness(broker: KafkaBroker, timeout: float = 2.0) -> Readiness:
    """Ready when the broker's client is started and the cluster answers a metadata request."""

    async def check() -> str | None:
        if not broker.running:
            return "Kafka client not started"
        if not await broker.ping(timeout):
            return f"Kafka cluster did not answer within {timeout:g} s"
        return None

    return check
