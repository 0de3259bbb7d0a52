"""While the producers anonymize and build a large submission, every HTTP service of `crimefeed up`
(producers, search and TAXII, enrichment's probes: one event loop) keeps answering `/healthz`:
the heavy work runs on the intake workers, off the event loop."""

from __future__ import annotations

import asyncio
import re
import signal
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import orjson

from services.embedded.broker import free_port
from tests.support.cli_process import COMMAND_TIMEOUT, crimefeed_up, read_until

OBJECTS = 1500  # the bundle limit of this run: a submission at the limit
NARRATIVE = (
    "Victims were called by Jan de Vries from +31 6 12345678, told a parcel was held, and paid a "
    "fee on parcel-fee.example with card 4111 1111 1111 1111; the money left via NL91ABNA0417164300. "
)


def large_bundle() -> bytes:
    objects: list[dict[str, Any]] = [
        {
            "type": "attack-pattern",
            "spec_version": "2.1",
            "id": f"attack-pattern--{uuid.uuid4()}",
            "created": "2026-03-01T10:00:00.000Z",
            "modified": "2026-03-01T10:00:00.000Z",
            "name": f"Parcel fee smishing, variant {index}",
            # Distinct per object: the producers anonymize a bundle's repeated strings once, and
            # the submission must take long enough for the probes to see the loop answer.
            "description": f"Report {index} of the series. " + NARRATIVE * 4,
        }
        for index in range(OBJECTS)
    ]
    return orjson.dumps({"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": objects})


async def probe(url: str, until: asyncio.Event, answered: list[tuple[float, float, int]]) -> None:
    async with httpx.AsyncClient(timeout=120) as client:
        while not until.is_set():
            started = time.monotonic()
            status = (await client.get(url)).status_code
            answered.append((started, time.monotonic(), status))
            await asyncio.sleep(0.1)


async def test_every_service_answers_healthz_while_a_large_bundle_is_processed(tmp_path: Path) -> None:
    ports = {name: free_port() for name in ("kafka", "producers", "search", "enrichment")}
    env = {
        "CRIMEFEED_EMBEDDED_KAFKA_PORT": str(ports["kafka"]),
        "CRIMEFEED_PRODUCERS_PORT": str(ports["producers"]),
        "CRIMEFEED_SEARCH_PORT": str(ports["search"]),
        "CRIMEFEED_METRICS_PORT": str(ports["enrichment"]),
        "CRIMEFEED_MAX_BUNDLE_OBJECTS": str(OBJECTS),
    }
    process = crimefeed_up(tmp_path, env)
    try:
        output = "".join(read_until(process, r"admin key: ", timeout=COMMAND_TIMEOUT))
        key = re.search(r"^admin key: (\S+)$", output, re.MULTILINE)
        assert key is not None
        body = large_bundle()
        done = asyncio.Event()
        answered: dict[str, list[tuple[float, float, int]]] = {name: [] for name in ports if name != "kafka"}
        probes = [
            asyncio.create_task(probe(f"http://127.0.0.1:{ports[name]}/healthz", done, answered[name]))
            for name in answered
        ]
        async with httpx.AsyncClient(timeout=600) as client:
            sent = time.monotonic()
            response = await client.post(
                f"http://127.0.0.1:{ports['producers']}/api/v1/bundles",
                content=body,
                headers={"Authorization": f"Bearer {key.group(1)}", "Content-Type": "application/json"},
            )
            accepted = time.monotonic()
        done.set()
        await asyncio.gather(*probes)
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)
    assert response.status_code == 202, response.text
    assert len(response.json()["object_ids"]) >= OBJECTS  # and the pseudonym identity
    for name, probes_done in answered.items():
        during = [(start, end, status) for start, end, status in probes_done if sent < end < accepted]
        assert all(status == 200 for _, _, status in during), (name, during)
        # A blocked event loop answers nothing until the work is done: at most the probe in
        # flight when it started. Here each service answered all through the submission.
        assert len(during) >= 5, (name, len(during), accepted - sent)
        slowest = max(end - start for start, end, _ in during)
        print(
            f"{name}: {len(during)} /healthz answers during {accepted - sent:.1f} s, slowest {slowest:.3f} s"
        )
