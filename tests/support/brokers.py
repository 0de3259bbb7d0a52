"""The brokers the Kafka tests run on: the embedded Tansu broker always, and Apache Kafka when
KAFKA_BOOTSTRAP is set (`infra/dev/services.sh start` prints it; `.ci/run` exports it)."""

from __future__ import annotations

import os
from dataclasses import dataclass

KAFKA_ENV = "KAFKA_BOOTSTRAP"
KAFKA_SASL_ENV = "KAFKA_SASL_BOOTSTRAP"


@dataclass(frozen=True)
class KafkaBroker:
    kind: str  # "tansu" (embedded) or "kafka" (Apache Kafka)
    bootstrap: str
    sasl_bootstrap: str | None = None  # SASL_PLAINTEXT/SCRAM-SHA-512 listener (Apache Kafka only)


def broker_kinds() -> list[str]:
    return ["tansu", "kafka"] if os.environ.get(KAFKA_ENV) else ["tansu"]


def apache_kafka() -> KafkaBroker | None:
    """The Apache Kafka of the environment, if one is given."""
    bootstrap = os.environ.get(KAFKA_ENV)
    return KafkaBroker("kafka", bootstrap, os.environ.get(KAFKA_SASL_ENV) or None) if bootstrap else None
