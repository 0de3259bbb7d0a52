"""End to end: submissions through the producers' HTTP API until searchable, each service its own
process (`crimefeed run producers|enrichment|search`, as a scaled deployment runs them).

Two setups:
(a) the embedded defaults: the embedded broker (Tansu) this script starts, the SQLite store;
(b) Apache Kafka and OpenSearch at ``KAFKA_BOOTSTRAP`` and ``OPENSEARCH_URL`` (what
    ``infra/dev/services.sh start`` prints); skipped with a message when unset.
For each: the demo partners are registered, the three services started on fresh topics, a small
warm-up set is submitted and awaited (enrichment loads its sentence encoder on its first batch),
then the demo reports are posted (64 at a time) and the clock runs until the store holds every
object version enrichment emitted. Prints objects/s and reports/s over that span, and the CPU
the service processes (and the embedded broker, separately) spent in it, per object. Objects are
the STIX objects the producers' answers list. Usage:
    python bench/e2e.py [--reports 240] [--only embedded|kafka]
BENCH_E2E_DIR=<dir> keeps the services' data directory and logs there; BENCH_E2E_PROFILE=<service>
runs that service under cProfile (<data dir>/<service>.prof, its main thread only).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson
from aiokafka import AIOKafkaConsumer

from services.embedded.broker import EmbeddedBroker, free_port
from services.enrichment.state import done_submissions
from services.producers.demo.generator import DemoSubmission, generate_demo_set
from services.producers.demo_loader import demo_partner_keys
from services.search.settings import SearchSettings
from services.search.store_factory import open_store
from shared.kafka.acls import load_acl_spec, red_feed_partners
from shared.kafka.admin import ensure_topics, red_feed_definitions
from shared.kafka.topics import Topics, topic_definitions
from shared.models.report import TLP
from shared.partners import PartnerRegistry

CRIMEFEED = str(Path(sys.executable).parent / "crimefeed")
SERVICES = ("enrichment", "search", "producers")
# Reports in flight at once, as many partners would submit: each waits for the broker's ack, so
# at 16 the producers waited more than they worked (measured: a quarter fewer objects/s than 64).
CONCURRENCY = 64
WARM_UP_REPORTS = 8
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Setup:
    name: str
    bootstrap: str
    opensearch_url: str | None


@dataclass(frozen=True)
class Result:
    reports: int
    objects: int
    versions: int
    seconds: float
    service_cpu: dict[str, float]
    broker_cpu: float | None


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process, its waited-for children and its running descendants
    (enrichment's encoder process) (/proc/<pid>/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:  # a descendant that ended meanwhile: its parent counts it
        return 0.0
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return (utime + stime + cutime + cstime) / CLOCK_TICKS + sum(map(cpu_seconds, children(pid)))


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.extend(int(child) for child in (task / "children").read_text().split())
        except FileNotFoundError:
            continue
    return found


class Services:
    """The three services as `crimefeed run` processes on one data directory and topic prefix."""

    def __init__(self, setup: Setup, data_dir: Path) -> None:
        self.setup = setup
        self.data_dir = data_dir
        self.prefix = f"e2e{uuid.uuid4().hex[:6]}."
        self.topics = Topics(self.prefix)
        self.producers_port = free_port()
        self.search_port = free_port()
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        # BENCH_E2E_PROFILE=<service>: that service runs under cProfile (<data dir>/<service>.prof).
        self.profiled = os.environ.get("BENCH_E2E_PROFILE")
        self.env = {
            **os.environ,
            "CRIMEFEED_KAFKA_BOOTSTRAP": setup.bootstrap,
            "CRIMEFEED_TOPIC_PREFIX": self.prefix,
            "CRIMEFEED_DATA_DIR": str(data_dir),
            "CRIMEFEED_PRODUCERS_PORT": str(self.producers_port),
            "CRIMEFEED_SEARCH_PORT": str(self.search_port),
            "CRIMEFEED_INTAKE_URL": f"http://127.0.0.1:{self.producers_port}",
            "CRIMEFEED_ENRICHMENT_GROUP_ID": f"{self.prefix}enrichment",
            "CRIMEFEED_SEARCH_GROUP_ID": f"{self.prefix}search",
        }
        for name in ("CRIMEFEED_OPENSEARCH_URL", "CRIMEFEED_OPENSEARCH_INDEX_PREFIX"):
            self.env.pop(name, None)
        if setup.opensearch_url:
            self.env["CRIMEFEED_OPENSEARCH_URL"] = setup.opensearch_url
            self.env["CRIMEFEED_OPENSEARCH_INDEX_PREFIX"] = self.prefix.rstrip(".") + "-"

    def search_settings(self) -> SearchSettings:
        return SearchSettings(
            kafka_bootstrap=self.setup.bootstrap,
            topic_prefix=self.prefix,
            data_dir=self.data_dir,
            opensearch_url=self.setup.opensearch_url,
            opensearch_index_prefix=self.env.get("CRIMEFEED_OPENSEARCH_INDEX_PREFIX", "crimefeed-"),
        )

    def start(self) -> None:
        for name in SERVICES:
            log = (self.data_dir / f"{name}.log").open("ab")
            command = [CRIMEFEED, "run", name]
            if name == self.profiled:
                profile = str(self.data_dir / f"{name}.prof")
                command = [sys.executable, "-m", "cProfile", "-o", profile, "-m", "services.cli", "run", name]
            self.processes[name] = subprocess.Popen(command, env=self.env, stdout=log, stderr=log)

    async def wait_ready(self, timeout: float = 180.0) -> None:
        urls = [
            f"http://127.0.0.1:{self.producers_port}/readyz",
            f"http://127.0.0.1:{self.search_port}/readyz",
        ]
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient(timeout=2) as client:
            for url in urls:
                while True:
                    self.check_running()
                    try:
                        if (await client.get(url)).status_code == 200:
                            break
                    except httpx.HTTPError:
                        pass
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"{url} not ready in {timeout:g} s (logs in {self.data_dir})")
                    await asyncio.sleep(0.2)

    def check_running(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                log = (self.data_dir / f"{name}.log").read_text(errors="replace")[-3000:]
                raise RuntimeError(f"crimefeed run {name} exited with {process.returncode}:\n{log}")

    def cpu(self) -> dict[str, float]:
        return {name: cpu_seconds(process.pid) for name, process in self.processes.items()}

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


async def submit(url: str, submissions: Sequence[DemoSubmission], keys: dict[str, str]) -> int:
    """Post every report (CONCURRENCY at a time); the number of STIX objects the answers list."""
    semaphore = asyncio.Semaphore(CONCURRENCY)
    objects = 0

    async def post(client: httpx.AsyncClient, submission: DemoSubmission) -> None:
        nonlocal objects
        async with semaphore:
            response = await client.post(
                "/api/v1/reports",
                json=submission.report,
                headers={"Authorization": f"Bearer {keys[submission.partner_id]}"},
            )
        if response.status_code != 202:
            raise RuntimeError(f"report refused ({response.status_code}): {response.text[:300]}")
        objects += len(response.json()["object_ids"])

    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        await asyncio.gather(*(post(client, submission) for submission in submissions))
    return objects


async def emitted_versions(bootstrap: str, topic: str) -> int:
    """Distinct (id, modified) on the objects topic: what the store must hold."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=f"bench-{uuid.uuid4().hex}",
        auto_offset_reset="earliest",
        isolation_level="read_committed",
        enable_auto_commit=False,
    )
    await consumer.start()
    versions: set[tuple[str, str]] = set()
    try:
        quiet_since = time.monotonic()
        while time.monotonic() - quiet_since < 2.0:
            batch = await consumer.getmany(timeout_ms=300)
            for records in batch.values():
                quiet_since = time.monotonic()
                for record in records:
                    obj = orjson.loads(record.value)
                    versions.add((obj["id"], str(obj.get("modified"))))
    finally:
        await consumer.stop()
    return len(versions)


async def wait_for(condition: Any, what: str, services: Services, timeout: float = 900.0) -> float:
    """Poll `condition` (async, returns bool) until it holds; the time it first held."""
    deadline = time.monotonic() + timeout
    while not await condition():
        services.check_running()
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what}: not within {timeout:g} s (logs in {services.data_dir})")
        await asyncio.sleep(0.05)
    return time.perf_counter()


class StoreWatch:
    """Samples the store's version count (and the services' CPU) as fast as it answers."""

    def __init__(self, store: Any, services: Services) -> None:
        self.store = store
        self.services = services
        self.samples: list[tuple[float, int, dict[str, float]]] = []

    async def run(self) -> None:
        while True:
            count = await self.store.count()
            self.samples.append((time.perf_counter(), count, self.services.cpu()))
            await asyncio.sleep(0.02)

    async def reached(self, expected: int, timeout: float = 900.0) -> float:
        """When the count first reached `expected`."""
        deadline = time.monotonic() + timeout
        while True:
            for at, count, _ in self.samples:
                if count >= expected:
                    return at
            self.services.check_running()
            if time.monotonic() > deadline:
                raise RuntimeError(f"the store did not reach {expected} versions in {timeout:g} s")
            await asyncio.sleep(0.05)

    def cpu_at(self, at: float) -> dict[str, float]:
        return next(cpu for when, _, cpu in self.samples if when >= at)


async def run_setup(setup: Setup, reports: int) -> Result:
    with tempfile.TemporaryDirectory(prefix=f"crimefeed-e2e-{setup.name}-") as tmp:
        data_dir = Path(os.environ.get("BENCH_E2E_DIR") or tmp)
        data_dir.mkdir(parents=True, exist_ok=True)
        services = Services(setup, data_dir)
        demo = generate_demo_set(seed=7, size=reports)
        warm = generate_demo_set(seed=99, size=WARM_UP_REPORTS)
        registry = PartnerRegistry.in_data_dir(data_dir)
        keys = demo_partner_keys(registry, [(p.partner_id, TLP(p.max_tlp)) for p in demo.partners])
        # The topics `crimefeed infra apply` creates, the partners' TLP:RED feeds included. (Left
        # to enrichment to create on first use, a new feed sometimes had no leader in the embedded
        # broker's metadata until the producer's 40 s request timeout, and the producer asked for
        # metadata in a busy loop meanwhile: 20-30 s of enrichment's CPU, in 3 runs of 13.)
        partners = red_feed_partners(registry.list(), load_acl_spec())
        definitions = [*topic_definitions(services.prefix), *red_feed_definitions(services.prefix, partners)]
        await ensure_topics(setup.bootstrap, definitions, single_node=True)
        services.start()
        store = None
        try:
            await services.wait_ready()
            store = await open_store(services.search_settings())
            url = f"http://127.0.0.1:{services.producers_port}"

            async def all_done(expected: int) -> bool:
                return done_submissions(data_dir / "enrichment.sqlite3") >= expected

            # Warm-up: every service has handled a batch (models loaded, connections open).
            await submit(url, warm.submissions, keys)
            await wait_for(lambda: all_done(len(warm.submissions)), "warm-up enrichment", services)
            warm_versions = await emitted_versions(setup.bootstrap, services.topics.objects)
            opened = store

            async def stored(expected: int) -> bool:
                return await opened.count() >= expected

            await wait_for(lambda: stored(warm_versions), "warm-up indexing", services)

            cpu_before = services.cpu()
            started = time.perf_counter()
            objects = await submit(url, demo.submissions, keys)
            submitted = time.perf_counter()
            everything = len(warm.submissions) + len(demo.submissions)
            enriched = await wait_for(lambda: all_done(everything), "enrichment", services)
            # The store is watched meanwhile: reading the topic takes seconds of its own.
            watch = StoreWatch(opened, services)
            watching = asyncio.create_task(watch.run())
            try:
                versions = await emitted_versions(setup.bootstrap, services.topics.objects)
                finished = await watch.reached(versions)
            finally:
                watching.cancel()
            cpu_after = watch.cpu_at(finished)
            cpu = {name: cpu_after[name] - cpu_before[name] for name in cpu_after}
            print(
                f"  {setup.name}: posted in {submitted - started:.1f} s, enriched after "
                f"{enriched - started:.1f} s, searchable after {finished - started:.1f} s",
                flush=True,
            )
        finally:
            if store is not None:
                await store.close()
            services.stop()
        return Result(len(demo.submissions), objects, versions - warm_versions, finished - started, cpu, None)


async def run_embedded(reports: int) -> Result:
    with tempfile.TemporaryDirectory(prefix="crimefeed-e2e-broker-") as tmp:
        broker = EmbeddedBroker(port=free_port(), log_path=Path(tmp) / "broker.log")
        broker.start()
        try:
            pid = broker.pid
            before = cpu_seconds(pid) if pid else 0.0
            result = await run_setup(Setup("embedded", broker.bootstrap, None), reports)
            # The broker's CPU over the whole run (warm-up and start-up included): an upper bound.
            broker_cpu = cpu_seconds(pid) - before if pid else None
        finally:
            broker.stop()
    return Result(**{**result.__dict__, "broker_cpu": broker_cpu})


def report(name: str, result: Result) -> None:
    total = sum(result.service_cpu.values())
    each = ", ".join(
        f"{service} {cpu / result.objects * 1e6:,.0f}" for service, cpu in result.service_cpu.items()
    )
    print(
        f"{name}: {result.reports} reports, {result.objects} objects ({result.versions} versions stored) "
        f"in {result.seconds:.1f} s: {result.objects / result.seconds:,.0f} objects/s, "
        f"{result.reports / result.seconds:,.1f} reports/s; services' CPU {total:.1f} s = "
        f"{total / result.objects * 1e6:,.0f} µs per object ({each})"
        + (
            f"; embedded broker's CPU {result.broker_cpu:.1f} s over the whole run"
            if result.broker_cpu is not None
            else ""
        ),
        flush=True,
    )


async def main_async(reports: int, only: str | None) -> None:
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} cores, load average {load:.1f} at start", flush=True)
    if only in (None, "embedded"):
        report("(a) embedded broker + SQLite", await run_embedded(reports))
    if only in (None, "kafka"):
        bootstrap, opensearch = os.environ.get("KAFKA_BOOTSTRAP"), os.environ.get("OPENSEARCH_URL")
        if not bootstrap or not opensearch:
            print(
                "(b) Apache Kafka + OpenSearch: skipped (set KAFKA_BOOTSTRAP and OPENSEARCH_URL, "
                "e.g. from infra/dev/services.sh start)",
                flush=True,
            )
        else:
            real = Setup("kafka", bootstrap, opensearch)
            report("(b) Apache Kafka + OpenSearch", await run_setup(real, reports))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--reports", type=int, default=240, help="demo reports to submit (default 240)")
    parser.add_argument("--only", choices=("embedded", "kafka"), help="run one setup only")
    args = parser.parse_args()
    asyncio.run(main_async(args.reports, args.only))


if __name__ == "__main__":
    main()
