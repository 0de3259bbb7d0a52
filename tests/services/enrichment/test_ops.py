"""The enrichment service's probes and /metrics, served by run_enrichment on CRIMEFEED_METRICS_PORT."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import httpx
import pytest

from services.embedded.broker import free_port
from services.enrichment.runtime import run_enrichment
from services.enrichment.settings import EnrichmentSettings
from shared.kafka.admin import ensure_topics
from shared.kafka.topics import topic_definitions
from shared.observability.metrics import Metrics


async def test_probes_and_metrics_answer_while_running_and_stop_with_the_service(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    prefix = f"o{uuid.uuid4().hex[:6]}."
    await ensure_topics(kafka_bootstrap, topic_definitions(prefix), single_node=True)
    port = free_port()
    settings = EnrichmentSettings(
        kafka_bootstrap=kafka_bootstrap,
        topic_prefix=prefix,
        data_dir=tmp_path,
        enrichment_group_id=f"{prefix}enrichment",
        enrichment_session_timeout_ms=2000,
        enrichment_heartbeat_interval_ms=500,
        metrics_port=port,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(run_enrichment(settings, stop, metrics=Metrics()))
    url = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=url, timeout=10) as client:
            for _ in range(100):  # the server starts once the broker is connected
                try:
                    health = await client.get("/healthz")
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.1)
            ready = await client.get("/readyz")
            anonymous = await client.get("/metrics")
            metrics = await client.get(
                "/metrics", headers={"Authorization": f"Bearer {settings.resolved_metrics_token()}"}
            )
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
    assert health.json() == {"status": "ok"}
    assert ready.json() == {"status": "ready"}
    assert anonymous.status_code == 401
    assert "# HELP crimefeed_messages_consumed_total" in metrics.text
    assert "process_cpu_seconds_total" in metrics.text
    async with httpx.AsyncClient(base_url=url) as client:
        with pytest.raises(httpx.ConnectError):  # the metrics server does not outlive the service
            await client.get("/healthz")


def test_metrics_endpoint_is_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRIMEFEED_METRICS_PORT", raising=False)
    assert EnrichmentSettings().metrics_port is None
