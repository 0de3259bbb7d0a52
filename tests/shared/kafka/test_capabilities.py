"""The broker is asked what it supports, instead of being guessed from settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.embedded.broker import free_port
from shared.kafka.capabilities import (
    BrokerCapabilities,
    broker_capabilities,
    idempotence_enabled,
    probe_capabilities,
)
from shared.settings import CommonSettings
from tests.support.brokers import KafkaBroker


async def test_apache_kafka_supports_idempotence_and_transactions_tansu_neither(
    kafka_broker: KafkaBroker,
) -> None:
    capabilities = await probe_capabilities(kafka_broker.bootstrap)
    if kafka_broker.kind == "kafka":
        assert capabilities == BrokerCapabilities(idempotent_producer=True, transactions=True)
    else:
        assert capabilities == BrokerCapabilities(idempotent_producer=False, transactions=False)


def test_the_answer_is_cached_and_usable_inside_an_event_loop(
    kafka_broker: KafkaBroker, tmp_path: Path
) -> None:
    settings = CommonSettings(kafka_bootstrap=kafka_broker.bootstrap, data_dir=tmp_path)
    first = broker_capabilities(settings)
    assert broker_capabilities(settings) is first
    assert idempotence_enabled(settings) is first.idempotent_producer


async def test_a_running_event_loop_does_not_stop_the_probe(
    kafka_broker: KafkaBroker, tmp_path: Path
) -> None:
    settings = CommonSettings(kafka_bootstrap=kafka_broker.bootstrap, data_dir=tmp_path)
    assert idempotence_enabled(settings) is (kafka_broker.kind == "kafka")


def test_an_unreachable_broker_is_assumed_to_be_apache_kafka(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = CommonSettings(kafka_bootstrap=f"127.0.0.1:{free_port()}", data_dir=tmp_path)
    assert broker_capabilities(settings) == BrokerCapabilities.full()
    assert "could not ask the Kafka broker" in caplog.text


def test_the_setting_overrides_the_broker(kafka_broker: KafkaBroker, tmp_path: Path) -> None:
    forced = CommonSettings(
        kafka_bootstrap=kafka_broker.bootstrap, kafka_idempotence=False, data_dir=tmp_path
    )
    assert idempotence_enabled(forced) is False
