"""Producers benchmark: anonymize + build STIX + publish, one process, against the real broker.

Prints reports/s and CPU microseconds per report. Target: >= 1,500 reports/s on a
2-core machine. Usage: python bench/producers.py [--reports N]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

from services.embedded.broker import EmbeddedBroker, free_port
from services.producers.bulk import submit_items
from services.producers.demo.generator import generate_demo_set
from services.producers.importer import SourceItem
from services.producers.runtime import create_runtime
from services.producers.settings import ProducersSettings
from shared.kafka.admin import ensure_topics
from shared.kafka.topics import topic_definitions


def demo_items(count: int) -> list[SourceItem]:
    reports: list[dict[str, Any]] = [s.report for s in generate_demo_set(seed=7).submissions]
    # Recipients of TLP:RED demo reports are demo partners this bench doesn't register.
    reports = [r for r in reports if r.get("tlp") != "red"]
    return [SourceItem("demo", index, payload=reports[index % len(reports)]) for index in range(count)]


async def run(count: int) -> None:
    items = demo_items(count)
    with tempfile.TemporaryDirectory() as data_dir, EmbeddedBroker(port=free_port()) as broker:
        settings = ProducersSettings(
            kafka_bootstrap=broker.bootstrap, kafka_idempotence=False, data_dir=Path(data_dir)
        )
        await ensure_topics(broker.bootstrap, topic_definitions(settings.topic_prefix), single_node=True)
        runtime = create_runtime(settings)
        await runtime.broker.start()
        try:
            # Warm-up: first use loads the name lists, compiles rules and opens connections.
            await submit_items(items[:200], "bench", runtime.service, runtime.publisher, runtime.registry)
            wall, cpu = time.perf_counter(), time.process_time()
            summary = await submit_items(items, "bench", runtime.service, runtime.publisher, runtime.registry)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        finally:
            await runtime.broker.stop()
    assert summary.accepted == count, summary.rejected[:3]
    print(f"reports: {count}, STIX objects: {summary.objects}, all confirmed by the broker")
    print(f"throughput: {count / wall:,.0f} reports/s ({summary.objects / wall:,.0f} objects/s)")
    print(f"CPU: {cpu / count * 1e6:,.0f} µs per report (this process; the broker runs apart)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=5_000)
    asyncio.run(run(parser.parse_args().reports))


if __name__ == "__main__":
    main()
