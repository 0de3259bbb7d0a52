"""Soak: `crimefeed up` under a bounded stream of worst-case and normal submissions.

Starts `crimefeed up` (embedded broker, producers, enrichment, search in one process, as a user
runs it) on free loopback ports, then for `--seconds` sends, at once:
- normal MO reports, each with a unique word in its title;
- worst-case submissions a hostile partner would send: a body just under the size limit, JSON
  nested deeper than the limit, a STIX pattern of thousands of ORs, a bundle of many objects,
  very long strings;
- probes of `/healthz` on the producers and the search API, and a search query.
Then waits until every accepted normal report is searchable and prints the p50/p99 latency of
`/healthz` and of the search, the answers to the worst cases, and how many normal submissions
became searchable (all must). Usage: python bench/soak.py [--seconds 180]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import orjson

from services.embedded.broker import free_port

NORMAL_EVERY_SECONDS = 0.25
WORST_EVERY_SECONDS = 1.0
PROBE_EVERY_SECONDS = 0.1


def normal_report(word: str) -> dict[str, Any]:
    return {
        "title": f"Parcel fee smishing {word}",
        "narrative": "Victims got a text about a parcel held at customs and paid a small fee on a fake site.",
        "crime_category": "phishing",
        "indicators": [{"type": "domain-name", "value": f"parcel-{word}.example"}],
        "tlp": "green",
    }


def _nested(depth: int) -> bytes:
    return b'{"title": "deep", "narrative": ' + b"[" * depth + b"]" * depth + b"}"


def _many_ors(count: int) -> bytes:
    pattern = " OR ".join(f"[domain-name:value = 'x{i}.example']" for i in range(count))
    indicator = {
        "type": "indicator",
        "spec_version": "2.1",
        "id": f"indicator--{uuid.uuid4()}",
        "created": "2026-11-01T00:00:00.000Z",
        "modified": "2026-11-01T00:00:00.000Z",
        "pattern": pattern,
        "pattern_type": "stix",
        "valid_from": "2026-11-01T00:00:00Z",
    }
    return orjson.dumps({"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": [indicator]})


def _attack_patterns(count: int, description: str) -> bytes:
    objects = [
        {
            "type": "attack-pattern",
            "spec_version": "2.1",
            "id": f"attack-pattern--{uuid.uuid4()}",
            "created": "2026-11-01T00:00:00.000Z",
            "modified": "2026-11-01T00:00:00.000Z",
            "name": f"step {i}",
            "description": description,
        }
        for i in range(count)
    ]
    return orjson.dumps({"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": objects})


_PII_SENTENCE = "Victim Jana Novakova of Hlavni 12 called +420 601 123 456 about the fee. "


def _long_text(size: int) -> bytes:
    words = (_PII_SENTENCE * (size // len(_PII_SENTENCE)))[:size]
    return orjson.dumps({"title": "long", "narrative": words, "tlp": "green"})


def _text_bundle(size: int, per_object: int = 10_000) -> bytes:
    text = (_PII_SENTENCE * (per_object // len(_PII_SENTENCE)))[:per_object]
    return _attack_patterns(size // per_object, text)


WORST_CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "body near 10 MiB": ("/api/v1/reports", lambda: _long_text(10 * 1024 * 1024 - 2048)),
    "report text of 2 MB": ("/api/v1/reports", lambda: _long_text(2 * 1024 * 1024)),
    "bundle text of 2 MB": ("/api/v1/bundles", lambda: _text_bundle(2 * 1024 * 1024)),
    "JSON nested 900 deep": ("/api/v1/reports", lambda: _nested(900)),
    "pattern of 5,000 ORs": ("/api/v1/bundles", lambda: _many_ors(5000)),
    "bundle of 20,000 objects": ("/api/v1/bundles", lambda: _attack_patterns(20_000, "a step")),
}


class Up:
    """`crimefeed up` in a subprocess on free ports, with its own data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.producers_port, self.search_port = free_port(), free_port()
        env = {
            **os.environ,
            "CRIMEFEED_EMBEDDED_KAFKA_PORT": str(free_port()),
            "CRIMEFEED_PRODUCERS_PORT": str(self.producers_port),
            "CRIMEFEED_SEARCH_PORT": str(self.search_port),
        }
        env.pop("CRIMEFEED_KAFKA_BOOTSTRAP", None)
        command = [sys.executable, "-m", "services.cli", "up", "--data-dir", str(data_dir)]
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
        self.key = self._admin_key()

    def _admin_key(self) -> str:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            match = re.match(r"admin key: (\S+)", line)
            if match:
                return match.group(1)
        raise RuntimeError("crimefeed up stopped before printing its admin key")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()


async def _every(seconds: float, until: float, action: Callable[[], Any]) -> None:
    while time.monotonic() < until:
        started = time.monotonic()
        await action()
        await asyncio.sleep(max(0.0, seconds - (time.monotonic() - started)))


async def soak(seconds: float) -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        up = Up(Path(data_dir))
        try:
            await _drive(up, seconds)
        finally:
            up.stop()


async def _drive(up: Up, seconds: float) -> None:
    auth = {"Authorization": f"Bearer {up.key}"}
    producers = httpx.AsyncClient(base_url=f"http://127.0.0.1:{up.producers_port}", headers=auth, timeout=600)
    search = httpx.AsyncClient(base_url=f"http://127.0.0.1:{up.search_port}", headers=auth, timeout=60)
    latency: dict[str, list[float]] = {"producers /healthz": [], "search /healthz": [], "search": []}
    accepted: list[str] = []
    worst: Counter[str] = Counter()
    until = time.monotonic() + seconds

    async def timed(name: str, client: httpx.AsyncClient, path: str) -> None:
        started = time.perf_counter()
        try:
            await client.get(path)
        except httpx.HTTPError:
            latency[name].append(float("inf"))
            return
        latency[name].append(time.perf_counter() - started)

    async def normal() -> None:
        word = f"w{uuid.uuid4().hex[:10]}"
        answer = await producers.post("/api/v1/reports", json=normal_report(word))
        if answer.status_code == 202:
            accepted.append(word)

    worst_cycle = list(WORST_CASES.items())

    async def hostile_loop() -> None:
        index = 0
        while time.monotonic() < until:
            name, (path, body) = worst_cycle[index % len(worst_cycle)]
            index += 1
            try:
                answer = await producers.post(
                    path, content=body(), headers={"Content-Type": "application/json"}
                )
                worst[f"{name} -> {answer.status_code}"] += 1
            except httpx.HTTPError as error:
                worst[f"{name} -> {type(error).__name__}"] += 1
            await asyncio.sleep(WORST_EVERY_SECONDS)

    await asyncio.gather(
        _every(NORMAL_EVERY_SECONDS, until, normal),
        hostile_loop(),
        _every(PROBE_EVERY_SECONDS, until, lambda: timed("producers /healthz", producers, "/healthz")),
        _every(PROBE_EVERY_SECONDS, until, lambda: timed("search /healthz", search, "/healthz")),
        _every(0.5, until, lambda: timed("search", search, "/api/v1/search?q=parcel&limit=10")),
    )
    searchable = await _wait_searchable(search, accepted)
    for name, values in latency.items():
        values.sort()
        p50 = statistics.median(values) * 1000
        p99 = values[int(len(values) * 0.99) - 1] * 1000
        worst_ms = values[-1] * 1000
        print(f"{name:<20} n={len(values):>5}  p50={p50:8.1f} ms  p99={p99:8.1f} ms  max={worst_ms:8.1f} ms")
    for outcome, count in sorted(worst.items()):
        print(f"worst case  {outcome}: {count}")
    print(f"normal submissions: {len(accepted)} accepted, {searchable} searchable")
    await producers.aclose()
    await search.aclose()


async def _wait_searchable(search: httpx.AsyncClient, words: list[str], timeout: float = 180) -> int:
    pending = set(words)
    deadline = time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        for word in list(pending):
            answer = await search.get("/api/v1/search", params={"q": word})
            if answer.status_code == 200 and answer.json()["total"] > 0:
                pending.discard(word)
        if pending:
            await asyncio.sleep(1)
    return len(words) - len(pending)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180)
    args = parser.parse_args()
    asyncio.run(soak(args.seconds))


if __name__ == "__main__":
    main()
