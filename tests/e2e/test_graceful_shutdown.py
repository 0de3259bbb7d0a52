"""Graceful shutdown drains in-flight work, against the real broker and real processes.

- enrichment: SIGTERM mid-stream stops fetching, lets the batch in hand publish and commit, and
  exits 0; a restart picks up from the commit. Unlike after a SIGKILL (test_enrichment_replicas),
  nothing is published twice: every record on the objects topic is a distinct (id, modified),
  and the result equals an uninterrupted run's.
- producers: stopping the server lets the requests in flight finish; every submission answered
  202 is on the submissions topic.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import uuid
from collections import Counter
from pathlib import Path

import httpx
import orjson

from services.embedded.broker import free_port
from services.enrichment.settings import EnrichmentSettings
from services.enrichment.state import done_submissions
from services.producers.runtime import create_runtime
from services.producers.settings import ProducersSettings
from shared.http_server import start_server, stop_server
from shared.kafka.admin import ensure_topics
from shared.kafka.topics import Topics, topic_definitions
from shared.models.report import TLP
from tests.support.enrichment import dedup_summary, demo_bundles, same_outcome
from tests.support.kafka import consume
from tests.support.replicas import (
    all_outputs,
    enrichment_process,
    new_topics,
    once_per_version,
    produce,
    settings_for,
    start,
    stop,
    wait_done,
)

ROOT = Path(__file__).resolve().parents[2]


async def terminate(process: subprocess.Popen[bytes], log: Path) -> None:
    process.send_signal(signal.SIGTERM)
    # The batch in hand may be embedding MO texts on a loaded machine: generous, on the exit.
    code = await asyncio.to_thread(process.wait, 120)
    assert code == 0, log.read_text()[-3000:]


async def test_sigterm_mid_stream_drains_and_a_restart_loses_and_repeats_nothing(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    bundles = demo_bundles(120)
    topics = await new_topics(kafka_bootstrap)
    data_dir = tmp_path / "terminated"
    state = EnrichmentSettings(data_dir=data_dir).state_path
    log = tmp_path / "enrichment.log"
    feeder = asyncio.create_task(produce(kafka_bootstrap, topics.submissions, bundles, pause=0.03))
    process = enrichment_process(kafka_bootstrap, topics, data_dir, log)
    try:
        loop = asyncio.get_running_loop()
        # The first batches load the MO-clustering model and embed every new report.
        deadline = loop.time() + 120
        while done_submissions(state) < 15:
            assert process.poll() is None and loop.time() < deadline, log.read_text()[-2000:]
            await asyncio.sleep(0.02)
        await terminate(process, log)
        stopped_at = done_submissions(state)
        assert stopped_at < len(bundles), "the stream was over before the signal"
        process = enrichment_process(kafka_bootstrap, topics, data_dir, log)
        await feeder
        await wait_done(state, len(bundles), timeout=240)
        await terminate(process, log)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        feeder.cancel()
    records = await all_outputs(kafka_bootstrap, topics)

    # No duplicates at all: not even the byte-identical replays a SIGKILL leaves.
    versions = Counter((r.key, orjson.loads(r.value).get("modified")) for r in records)
    assert max(versions.values()) == 1, [v for v, n in versions.items() if n > 1][:5]

    # No loss: the same result as one uninterrupted replica on the same input.
    reference_topics = await new_topics(kafka_bootstrap)
    await produce(kafka_bootstrap, reference_topics.submissions, bundles)
    reference_settings = settings_for(kafka_bootstrap, reference_topics.prefix, tmp_path / "reference")
    service = await start(reference_settings, reference_topics)
    try:
        await wait_done(reference_settings.state_path, len(bundles), timeout=240)
    finally:
        await stop(service)
    reference = once_per_version(await all_outputs(kafka_bootstrap, reference_topics))
    # (Record counts may differ: how many versions an object gets depends on how the input
    # fell into batches, which differs between the two runs; what they say must not.)
    summary = dedup_summary([orjson.loads(r.value) for r in records])
    expected = dedup_summary(reference)
    assert same_outcome(summary, expected) == []

    # The service said what it did, as JSON lines.
    lines = [orjson.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    messages = [line["message"] for line in lines if line.get("service") == "enrichment"]
    assert messages.count("enrichment stopping: finishing the batch in hand") == 2


async def test_stopping_the_producers_lets_requests_in_flight_finish(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    prefix = f"g{uuid.uuid4().hex[:8]}."
    settings = ProducersSettings(
        kafka_bootstrap=kafka_bootstrap,
        topic_prefix=prefix,
        data_dir=tmp_path,
        producers_port=free_port(),
    )
    await ensure_topics(kafka_bootstrap, topic_definitions(prefix), single_node=True)
    runtime = create_runtime(settings)
    key = runtime.registry.add("nl-police", TLP.GREEN)
    server, task = await start_server(runtime.http_app(), "127.0.0.1", settings.producers_port)
    url = f"http://127.0.0.1:{settings.producers_port}"
    report = {"title": "Parcel smishing", "narrative": "SMS about a parcel fee", "tlp": "green"}

    async def submit(client: httpx.AsyncClient) -> str | None:
        try:
            response = await client.post("/api/v1/reports", json=report)
        except httpx.TransportError:  # refused: the server had stopped accepting
            return None
        assert response.status_code == 202, response.text
        return str(response.json()["submission_id"])

    limits = httpx.Limits(max_connections=200)
    async with httpx.AsyncClient(
        base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=30, limits=limits
    ) as client:
        requests = [asyncio.create_task(submit(client)) for _ in range(150)]
        while not any(r.done() for r in requests):
            await asyncio.sleep(0.005)
        await stop_server(server, task)
        outcomes = await asyncio.gather(*requests)
    accepted = {sid for sid in outcomes if sid is not None}
    assert accepted, "nothing was accepted before the stop"
    records = await consume(
        kafka_bootstrap, Topics(prefix).submissions, expected=len(accepted) + 1, timeout=8
    )
    published = [r.key.decode() for r in records if r.key]
    assert sorted(published) == sorted(accepted)
