"""Producers benchmark: the producers as `crimefeed up` / `crimefeed run producers` / `crimefeed
import` run them, against the real broker: submissions prepared (anonymized, STIX built) in the
intake's worker processes (CRIMEFEED_PRODUCERS_WORKERS: `crimefeed import` one per CPU; the services
one per CPU on hosts of at least 4 CPUs, else threads) and published by the service's process.

Default: the bulk path of `crimefeed import` (published in file order). --http: the HTTP API
(`POST /api/v1/reports`, as partners and `crimefeed up --demo` submit) served by uvicorn as
`crimefeed run producers` serves it, with a client in a process of its own.
Prints reports/s, CPU microseconds per report (the service's process, its workers, the broker,
and the HTTP client apart) and the worker count. Target: >= 1,500 reports/s on a 2-core machine.
Usage: python bench/producers.py [--reports N] [--workers N] [--http]
(--workers 0: the intake on threads of the service's process)
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import orjson

from services.embedded.broker import EmbeddedBroker, free_port
from services.producers.bulk import submit_items
from services.producers.demo.generator import generate_demo_set
from services.producers.importer import SourceItem
from services.producers.intake_pool import usable_cpus
from services.producers.runtime import ProducersRuntime, create_runtime
from services.producers.settings import ProducersSettings
from shared.http_server import start_server, stop_server
from shared.kafka.admin import ensure_topics
from shared.kafka.topics import topic_definitions
from shared.models.report import TLP

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
WARM_UP = 400
CONNECTIONS = 32


def demo_items(count: int) -> list[SourceItem]:
    reports: list[dict[str, Any]] = [s.report for s in generate_demo_set(seed=7).submissions]
    # Recipients of TLP:RED demo reports are demo partners this bench doesn't register.
    reports = [r for r in reports if r.get("tlp") != "red"]
    return [SourceItem("demo", index, payload=reports[index % len(reports)]) for index in range(count)]


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU of one process so far (/proc/<pid>/stat)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def workers_cpu() -> dict[int, float]:
    return {pid: cpu_seconds(pid) for child in multiprocessing.active_children() if (pid := child.pid)}


@dataclass
class Figures:
    wall: float
    service_cpu: float
    worker_cpu: float
    broker_cpu: float
    client_cpu: float | None = None
    objects: int | None = None


class Measure:
    """CPU of the service's process, its intake workers and the broker over one timed span."""

    def __init__(self, broker_pid: int | None) -> None:
        self.broker_pid = broker_pid
        self.workers, self.broker = workers_cpu(), cpu_seconds(broker_pid)
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def done(self) -> Figures:
        wall, cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        workers = workers_cpu()
        assert workers.keys() == self.workers.keys(), "an intake worker was replaced during the run"
        worker_cpu = sum(workers.values()) - sum(self.workers.values())
        return Figures(wall, cpu, worker_cpu, cpu_seconds(self.broker_pid) - self.broker)


def post_reports(url: str, key: str, count: int, report_cpu: Connection) -> None:
    """The HTTP client, in a process of its own: `count` demo reports over CONNECTIONS connections."""
    asyncio.run(_post_reports(url, key, count))
    report_cpu.send(time.process_time())


async def _post_reports(url: str, key: str, count: int) -> None:
    # A minimal HTTP/1.1 keep-alive client: a full client library costs more CPU per request
    # than the service's own HTTP handling, on the same 2 cores.
    host, port = url.removeprefix("http://").split(":")
    bodies = iter([orjson.dumps(item.payload) for item in demo_items(count)])

    async def connection() -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            for body in bodies:
                writer.write(
                    f"POST /api/v1/reports HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\n"
                    f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                head = await reader.readuntil(b"\r\n\r\n")
                status = head.split(b" ", 2)[1]
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                answer = await reader.readexactly(length)
                if status != b"202":
                    raise RuntimeError(f"report refused ({status.decode()}): {answer.decode()}")
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(CONNECTIONS)))


async def http_round(url: str, key: str, count: int) -> float:
    """Runs a client process to its end; its CPU seconds."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    client = context.Process(target=post_reports, args=(url, key, count, send))
    client.start()
    while not receive.poll():
        if client.exitcode is not None:
            raise RuntimeError("the HTTP client failed")
        await asyncio.sleep(0.02)
    client_cpu: float = receive.recv()
    client.join()
    return client_cpu


async def run_http(runtime: ProducersRuntime, broker_pid: int | None, count: int) -> Figures:
    key = runtime.registry.add("bench", TLP.AMBER)
    port = free_port()
    server, task = await start_server(runtime.http_app(), "127.0.0.1", port)
    url = f"http://127.0.0.1:{port}"
    try:
        await http_round(url, key, WARM_UP)  # starts the workers, loads the name lists
        measure = Measure(broker_pid)
        client_cpu = await http_round(url, key, count)
        figures = measure.done()
    finally:
        await stop_server(server, task)  # the lifespan stops the runtime: workers, Kafka client
    figures.client_cpu = client_cpu
    return figures


async def run_bulk(runtime: ProducersRuntime, broker_pid: int | None, count: int) -> Figures:
    await runtime.broker.start()
    try:
        await submit_items(demo_items(WARM_UP), "bench", runtime.intake, runtime.publisher)
        measure = Measure(broker_pid)
        summary = await submit_items(demo_items(count), "bench", runtime.intake, runtime.publisher)
        figures = measure.done()
    finally:
        await runtime.stop()
    assert summary.accepted == count, summary.rejected[:3]
    figures.objects = summary.objects
    return figures


async def run(count: int, workers: int | None, http: bool) -> None:
    with tempfile.TemporaryDirectory() as data_dir, EmbeddedBroker(port=free_port()) as broker:
        settings = ProducersSettings(
            kafka_bootstrap=broker.bootstrap, kafka_idempotence=False, data_dir=Path(data_dir)
        )
        if workers is not None:
            settings.producers_workers = workers
        elif not http:
            settings.producers_workers = usable_cpus()  # `crimefeed import`'s default
        await ensure_topics(broker.bootstrap, topic_definitions(settings.topic_prefix), single_node=True)
        runtime = create_runtime(settings)
        figures = await (run_http if http else run_bulk)(runtime, broker.pid, count)
    intake = runtime.intake.workers
    mode = f"{intake} worker processes" if intake else "threads of one process"
    objects = f", STIX objects: {figures.objects}" if figures.objects is not None else ""
    path = "HTTP API (crimefeed run producers)" if http else "bulk (crimefeed import)"
    print(f"reports: {count}{objects}, all confirmed by the broker; {path}; intake: {mode}")
    print(f"throughput: {count / figures.wall:,.0f} reports/s")
    per = 1e6 / count
    client = f"; HTTP client {figures.client_cpu * per:,.0f}" if figures.client_cpu is not None else ""
    print(
        f"CPU: {(figures.service_cpu + figures.worker_cpu) * per:,.0f} µs per report in the producers "
        f"(service process {figures.service_cpu * per:,.0f}, workers {figures.worker_cpu * per:,.0f}); "
        f"broker {figures.broker_cpu * per:,.0f}{client}"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=5_000)
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="intake worker processes (default: crimefeed import's, one per CPU; with --http "
        "the service's, one per CPU on hosts of CRIMEFEED_PRODUCERS_WORKERS_MIN_CPUS CPUs or more, "
        "else threads)",
    )
    parser.add_argument("--http", action="store_true", help="submit through the HTTP API")
    args = parser.parse_args()
    asyncio.run(run(args.reports, args.workers, args.http))


if __name__ == "__main__":
    main()
