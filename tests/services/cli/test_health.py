"""`crimefeed health`: exit 0 for a healthy service, 1 with the reason otherwise."""

from __future__ import annotations

import argparse
import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from services.cli import health
from services.embedded.broker import free_port
from services.enrichment.runtime import run_enrichment
from services.enrichment.settings import EnrichmentSettings
from shared.kafka.admin import ensure_topics
from shared.kafka.topics import topic_definitions
from shared.observability.metrics import Metrics
from tests.support.producers_server import ProducersServer, producers

__all__ = ["producers"]  # the fixture: a real producers server


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    health.add_parser(parser.add_subparsers())
    return parser.parse_args(["health", *argv])


async def run_command(args: argparse.Namespace) -> int:
    # The command runs its own event loop, as it does from the command line.
    return await asyncio.to_thread(health.command, args)


@pytest.fixture
async def enrichment(
    kafka_bootstrap: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[EnrichmentSettings]:
    prefix = f"h{uuid.uuid4().hex[:6]}."
    await ensure_topics(kafka_bootstrap, topic_definitions(prefix), single_node=True)
    settings = EnrichmentSettings(
        kafka_bootstrap=kafka_bootstrap,
        topic_prefix=prefix,
        data_dir=tmp_path,
        enrichment_group_id=f"{prefix}enrichment",
        enrichment_session_timeout_ms=2000,
        enrichment_heartbeat_interval_ms=500,
        metrics_port=free_port(),
    )
    for name, value in {
        "CRIMEFEED_KAFKA_BOOTSTRAP": kafka_bootstrap,
        "CRIMEFEED_ENRICHMENT_GROUP_ID": settings.enrichment_group_id,
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("CRIMEFEED_METRICS_PORT", raising=False)
    stop = asyncio.Event()
    task = asyncio.create_task(run_enrichment(settings, stop, metrics=Metrics(process=False)))
    try:
        yield settings
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


async def wait_healthy(args: argparse.Namespace, timeout: float = 20.0) -> int:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (code := await run_command(args)) != 0 and loop.time() < deadline:
        await asyncio.sleep(0.5)
    return code


async def test_enrichment_healthy_by_its_endpoint(
    enrichment: EnrichmentSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"http://127.0.0.1:{enrichment.metrics_port}"
    assert await wait_healthy(parse("enrichment", "--url", url)) == 0
    assert f"enrichment: healthy: {url}/healthz answered 200" in capsys.readouterr().out


async def test_enrichment_healthy_by_its_consumer_group(
    enrichment: EnrichmentSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await wait_healthy(parse("enrichment")) == 0
    assert f"consumer group {enrichment.enrichment_group_id!r} has 1 member(s)" in capsys.readouterr().out


async def test_a_group_without_members_is_unhealthy(
    kafka_bootstrap: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CRIMEFEED_KAFKA_BOOTSTRAP", kafka_bootstrap)
    monkeypatch.setenv("CRIMEFEED_ENRICHMENT_GROUP_ID", f"nobody-{uuid.uuid4().hex}")
    monkeypatch.delenv("CRIMEFEED_METRICS_PORT", raising=False)
    assert await run_command(parse("enrichment")) == 1
    assert "has no members" in capsys.readouterr().out


async def test_nothing_listening_is_unhealthy(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    assert await run_command(parse("enrichment", "--url", url, "--timeout", "2")) == 1
    out = capsys.readouterr().out
    assert out.startswith("enrichment: unhealthy:") and "ConnectError" in out


async def test_producers_ready(producers: ProducersServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert await run_command(parse("producers", "--url", producers.url)) == 0
    assert "producers: healthy: " in capsys.readouterr().out


async def test_an_unreachable_kafka_is_unhealthy(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CRIMEFEED_KAFKA_BOOTSTRAP", f"127.0.0.1:{free_port()}")
    monkeypatch.delenv("CRIMEFEED_METRICS_PORT", raising=False)
    assert await run_command(parse("enrichment", "--timeout", "3")) == 1
    assert "enrichment: unhealthy:" in capsys.readouterr().out
