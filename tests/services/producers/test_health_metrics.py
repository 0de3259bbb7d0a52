"""Operations side of the producers API on a real uvicorn server: probes, metrics, trace ids."""

from __future__ import annotations

import re

import httpx
import orjson
from faststream.kafka import KafkaBroker

from services.embedded.broker import free_port
from services.producers.app import create_app
from services.producers.publisher import KafkaSubmissionPublisher
from services.producers.runtime import create_runtime
from services.producers.settings import ProducersSettings
from shared.http_server import start_server, stop_server
from shared.kafka.codecs import HEADER_TRACE_ID
from shared.kafka.topics import Topics
from shared.observability.metrics import process_metrics
from tests.support.kafka import consume
from tests.support.producers_server import ProducersServer

REPORT = {"title": "Parcel smishing", "narrative": "SMS about a parcel fee", "tlp": "green"}
TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"


async def test_healthz_and_readyz_answer_when_kafka_is_up(producers: ProducersServer) -> None:
    async with httpx.AsyncClient(base_url=producers.url) as client:
        health = await client.get("/healthz")
        ready = await client.get("/readyz")
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert (ready.status_code, ready.json()) == (200, {"status": "ready"})


async def test_metrics_count_the_post_by_route_and_status(producers: ProducersServer) -> None:
    labels = {"service": "producers", "method": "POST", "route": "/api/v1/reports", "status": "202"}
    published = {"service": "producers", "topic": producers.topics.submissions}
    async with producers.client() as client:
        assert (await client.post("/api/v1/reports", json=REPORT)).status_code == 202
        assert (
            await client.post("/api/v1/reports", content=b"{", headers={"content-type": "application/json"})
        ).status_code == 400
        partner_key_only = await client.get("/metrics")
        token = ProducersSettings(data_dir=producers.data_dir).resolved_metrics_token()
        response = await client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    # Counts per topic tell what is shared at which TLP: not for anonymous callers.
    assert partner_key_only.status_code == 401 and "crimefeed_" not in partner_key_only.text
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    count = re.search(
        r'crimefeed_http_request_duration_seconds_count\{method="POST",route="/api/v1/reports",'
        r'service="producers",status="(\d+)"\} (\S+)',
        text,
    )
    assert count is not None, text[:2000]
    assert process_metrics().sample("crimefeed_http_request_duration_seconds_count", **labels) >= 1
    bad = {**labels, "status": "400"}
    assert process_metrics().sample("crimefeed_http_request_duration_seconds_count", **bad) >= 1
    assert process_metrics().sample("crimefeed_messages_published_total", **published) == 1


async def test_unknown_paths_share_one_series(producers: ProducersServer) -> None:
    async with httpx.AsyncClient(base_url=producers.url) as client:
        await client.get("/no/such/path/1")
        await client.get("/no/such/path/2")
    labels = {"service": "producers", "method": "GET", "route": "<unmatched>", "status": "404"}
    assert process_metrics().sample("crimefeed_http_request_duration_seconds_count", **labels) >= 2


async def test_the_callers_trace_id_is_answered_and_published(producers: ProducersServer) -> None:
    async with producers.client() as client:
        own = await client.post("/api/v1/reports", json=REPORT, headers={"X-Trace-Id": "case-2026-17"})
        w3c = await client.post(
            "/api/v1/reports", json=REPORT, headers={"traceparent": f"00-{TRACE}-00f067aa0ba902b7-01"}
        )
        fresh = await client.post("/api/v1/reports", json=REPORT)
    assert [r.status_code for r in (own, w3c, fresh)] == [202, 202, 202]
    assert own.headers["x-trace-id"] == "case-2026-17"
    assert w3c.headers["x-trace-id"] == TRACE
    assert re.fullmatch(r"[0-9a-f]{32}", fresh.headers["x-trace-id"])
    records = await consume(producers.bootstrap, producers.topics.submissions, expected=3)
    by_submission = {
        record.key.decode(): dict(record.headers)[HEADER_TRACE_ID].decode()
        for record in records
        if record.key
    }
    answered = {r.json()["submission_id"]: r.headers["x-trace-id"] for r in (own, w3c, fresh)}
    assert by_submission == answered


async def test_a_bad_x_trace_id_is_a_400_naming_the_header(producers: ProducersServer) -> None:
    async with producers.client() as client:
        response = await client.post("/api/v1/reports", json=REPORT, headers={"X-Trace-Id": "a b"})
    assert response.status_code == 400
    assert "X-Trace-Id" in response.json()["detail"]
    assert await consume(producers.bootstrap, producers.topics.submissions, expected=1, timeout=3) == []


async def test_readyz_is_503_while_the_kafka_client_is_not_started(producers: ProducersServer) -> None:
    settings = ProducersSettings(kafka_bootstrap=producers.bootstrap, data_dir=producers.data_dir)
    runtime = create_runtime(settings)
    idle = KafkaBroker(producers.bootstrap)  # never started
    app = create_app(
        runtime.service,
        KafkaSubmissionPublisher(idle, Topics("idle.")),
        runtime.registry,
        max_body_bytes=1024,
        intake_token=settings.resolved_intake_token(),
    )
    port = free_port()
    server, task = await start_server(app, "127.0.0.1", port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            ready = await client.get("/readyz")
            alive = await client.get("/healthz")
    finally:
        await stop_server(server, task)
    assert ready.status_code == 503
    assert orjson.loads(ready.content) == {"status": "unavailable", "detail": "Kafka client not started"}
    assert alive.status_code == 200
