"""Fixtures shared by the whole suite: the real brokers, shared test data.

Every Kafka test runs on the embedded Tansu broker (started here, the quick local loop) and, when
KAFKA_BOOTSTRAP is set, again on that Apache Kafka (tests/support/brokers.py): the test ids end
in `[tansu]` / `[kafka]`.

The suite runs in parallel worker processes (pytest-xdist, `--dist loadgroup`; see
`pytest_collection_modifyitems` below for what runs where).
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
# No deadline there: the suite runs in parallel worker processes, and a timing limit is a benchmark's
# job (bench/), not a property's.
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


# Fixtures that reach the engines of the environment (Apache Kafka, OpenSearch), which every
# worker process shares; the embedded Tansu broker is started per worker and shared by none.
_ENGINE_FIXTURES = frozenset({"transactional_kafka", "opensearch_url"})
# Parametrized fixtures, and the parameter that makes them reach an engine.
_ENGINE_PARAMS = {"kafka_broker": "kafka", "store": "opensearch"}


def _uses_the_engines(item: pytest.Item) -> bool:
    if item.get_closest_marker("engines") is not None:
        return True
    names = set(getattr(item, "fixturenames", ()))
    if names & _ENGINE_FIXTURES:
        return True
    callspec = getattr(item, "callspec", None)
    params = callspec.params if callspec is not None else {}
    return any(params.get(fixture) == value for fixture, value in _ENGINE_PARAMS.items())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Work units for `--dist loadgroup`: every test on the shared engines runs in one worker, one
    after another, as in a serial run (their topics, consumer groups and indices were never made
    to run side by side); every other module is one unit, so its module fixtures start once."""
    for item in items:
        group = "engines" if _uses_the_engines(item) else item.nodeid.split("::", 1)[0]
        item.add_marker(pytest.mark.xdist_group(group))


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
