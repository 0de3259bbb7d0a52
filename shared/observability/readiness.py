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


def all_ready(*checks: Readiness) -> Readiness:
    """Ready when every check is; else the first problem found."""

    async def check() -> str | None:
        for one in checks:
            problem = await one()
            if problem is not None:
                return problem
        return None

    return check
