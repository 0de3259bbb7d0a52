"""Kafka security settings become the aiokafka arguments production needs; the embedded path still works."""

from __future__ import annotations

import ssl
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer
from pydantic import ValidationError

from shared.kafka.broker import make_broker
from shared.kafka.security import client_options
from shared.settings import CommonSettings
from tests.support.brokers import KafkaBroker


def connection_kwargs(settings: CommonSettings) -> dict[str, Any]:
    # What FastStream hands to AIOKafkaProducer / AIOKafkaConsumer / its admin client.
    kwargs: dict[str, Any] = make_broker(settings)._connection_kwargs
    return kwargs


def test_plaintext_by_default(tmp_path: Path) -> None:
    settings = CommonSettings(kafka_bootstrap="kafka:9092", data_dir=tmp_path)
    kwargs = connection_kwargs(settings)
    assert kwargs.get("security_protocol", "PLAINTEXT") == "PLAINTEXT"  # aiokafka's default
    assert kwargs["acks"] == "all" and kwargs["enable_idempotence"] is True
    assert kwargs["compression_type"] == "zstd"
    assert "sasl_mechanism" not in kwargs
    assert client_options(settings) == {}


def test_sasl_scram_512_over_tls(tmp_path: Path) -> None:
    settings = CommonSettings(
        kafka_bootstrap="kafka:9094",
        kafka_security_protocol="sasl_ssl",
        kafka_sasl_mechanism="scram-sha-512",
        kafka_sasl_username="crimefeed-producers",
        kafka_sasl_password="s3cret",
        data_dir=tmp_path,
    )
    kwargs = connection_kwargs(settings)
    assert kwargs["security_protocol"] == "SASL_SSL"
    assert kwargs["sasl_mechanism"] == "SCRAM-SHA-512"
    assert kwargs["sasl_plain_username"] == "crimefeed-producers"
    assert kwargs["sasl_plain_password"] == "s3cret"
    context = kwargs["ssl_context"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
    assert kwargs["enable_idempotence"] is True and kwargs["acks"] == "all"
    admin = client_options(settings)
    assert admin["security_protocol"] == "SASL_SSL" and admin["sasl_mechanism"] == "SCRAM-SHA-512"
    assert admin["sasl_plain_username"] == "crimefeed-producers"


def test_sasl_without_tls_on_a_trusted_network(tmp_path: Path) -> None:
    settings = CommonSettings(
        kafka_security_protocol="SASL_PLAINTEXT",
        kafka_sasl_mechanism="SCRAM-SHA-256",
        kafka_sasl_username="u",
        kafka_sasl_password="p",
        data_dir=tmp_path,
    )
    kwargs = connection_kwargs(settings)
    assert kwargs["security_protocol"] == "SASL_PLAINTEXT"
    assert kwargs["sasl_mechanism"] == "SCRAM-SHA-256"
    assert kwargs["ssl_context"] is None


def make_certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "client.pem", directory / "client.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=crimefeed-test",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_mutual_tls_loads_the_ca_and_the_client_certificate(tmp_path: Path) -> None:
    cert, key = make_certificate(tmp_path)
    settings = CommonSettings(
        kafka_security_protocol="SSL",
        kafka_ssl_cafile=cert,
        kafka_ssl_certfile=cert,
        kafka_ssl_keyfile=key,
        data_dir=tmp_path,
    )
    kwargs = connection_kwargs(settings)
    assert kwargs["security_protocol"] == "SSL"
    context = kwargs["ssl_context"]
    assert isinstance(context, ssl.SSLContext)
    # The CA file is the only trust anchor loaded: our self-signed certificate.
    subjects = [str(ca["subject"]) for ca in context.get_ca_certs()]
    assert len(subjects) == 1 and "crimefeed-test" in subjects[0]


def test_a_missing_ca_file_fails_at_start_naming_it(tmp_path: Path) -> None:
    settings = CommonSettings(
        kafka_security_protocol="SSL", kafka_ssl_cafile=tmp_path / "nope.pem", data_dir=tmp_path
    )
    with pytest.raises(FileNotFoundError):
        make_broker(settings)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kafka_security_protocol": "SASL_SSL"}, "needs CRIMEFEED_KAFKA_SASL_MECHANISM"),
        ({"kafka_sasl_mechanism": "PLAIN", "kafka_sasl_username": "u"}, "CRIMEFEED_KAFKA_SECURITY_PROTOCOL"),
        ({"kafka_security_protocol": "TLS"}, "kafka_security_protocol"),
        ({"kafka_security_protocol": "SASL_SSL", "kafka_sasl_mechanism": "GSSAPI"}, "kafka_sasl_mechanism"),
    ],
)
def test_incomplete_or_unknown_security_settings_are_refused(
    tmp_path: Path, overrides: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        CommonSettings(data_dir=tmp_path, **overrides)


def test_security_settings_come_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRIMEFEED_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("CRIMEFEED_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
    monkeypatch.setenv("CRIMEFEED_KAFKA_SASL_USERNAME", "crimefeed-search")
    monkeypatch.setenv("CRIMEFEED_KAFKA_SASL_PASSWORD", "pw")
    settings = CommonSettings(data_dir=tmp_path)
    assert client_options(settings)["sasl_plain_username"] == "crimefeed-search"


async def test_each_broker_publishes_and_consumes_idempotently_where_it_can(
    kafka_broker: KafkaBroker, kafka_bootstrap: str, tmp_path: Path
) -> None:
    settings = CommonSettings(kafka_bootstrap=kafka_bootstrap, data_dir=tmp_path)
    # Apache Kafka produces idempotently with acks=all; the embedded broker fails InitProducerId.
    assert connection_kwargs(settings)["enable_idempotence"] is (kafka_broker.kind == "kafka")
    assert connection_kwargs(settings)["acks"] == "all"
    topic = f"t{uuid.uuid4().hex[:8]}.security"
    broker = make_broker(settings)
    await broker.start()
    try:
        await broker.publish(b"hello", topic, key=b"k")
    finally:
        await broker.stop()
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=kafka_bootstrap, auto_offset_reset="earliest", **client_options(settings)
    )
    await consumer.start()
    try:
        record = await consumer.getone()
    finally:
        await consumer.stop()
    assert (record.key, record.value) == (b"k", b"hello")
