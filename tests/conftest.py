"""Fixtures shared by the whole suite: the real brokers, shared test data.

Every Kafka test runs on the embedded Tansu broker (started here, the quick local loop) and, when
KAFKA_BOOTSTRAP is set, again on that Apache Kafka (tests/support/brokers.py): the test ids end
in `[tansu]` / `[kafka]`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from services.embedded.broker import EmbeddedBroker, free_port
from tests.support.brokers import KafkaBroker, apache_kafka, broker_kinds

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

# CI runs the property tests on a fixed sequence of examples (HYPOTHESIS_PROFILE=ci in .ci/run),
# so a landing never depends on a lucky draw; a developer's run keeps exploring new examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """`../shared/data` beside the project root; tests that need it skip cleanly without it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared test data not found at {SHARED_DATA} (../shared/data beside the project)")
    return SHARED_DATA


@pytest.fixture(scope="session", params=broker_kinds())
def kafka_broker(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KafkaBroker]:
    """One broker per kind for the whole session (pytest groups the tests by kind)."""
    kafka = apache_kafka()
    if request.param == "kafka" and kafka is not None:
        yield kafka
        return
    log = tmp_path_factory.mktemp("broker") / "tansu.log"
    with EmbeddedBroker(port=free_port(), log_path=log) as broker:
        yield KafkaBroker("tansu", broker.bootstrap)


@pytest.fixture(scope="session")
def kafka_bootstrap(kafka_broker: KafkaBroker) -> str:
    """The PLAINTEXT address of the broker this test runs on."""
    return kafka_broker.bootstrap


@pytest.fixture(scope="session")
def transactional_kafka() -> KafkaBroker:
    """Apache Kafka, for what only a broker with transactions can show (exactly-once, fencing);
    the embedded broker has none, and its at-least-once path is what the other tests run."""
    kafka = apache_kafka()
    if kafka is None:
        pytest.skip("needs Apache Kafka: export the lines of `infra/dev/services.sh start` (CI does)")
    return kafka
