"""TAXII 2.1 servers side by side: crimefeed's (SQLite store) and medallion (memory backend).

Both get the same STIX objects (1,000, 5,000, 20,000 by default). For each it prints the add
rate, then pulls the whole collection page by page (100 a page) with taxii2-client and prints
the total time and the time of the first and last pages. crimefeed's page time should stay flat
as the collection grows; medallion's memory backend grows with the square of its size, so its
runs are capped by a time budget and what was skipped is printed.

What "add" means: medallion, POST to the collection (in envelopes of 500) as a partner would;
crimefeed, `Store.add` (what the indexer does with each batch from crimefeed.objects.v1), since
a TAXII POST to crimefeed goes through producers, Kafka and enrichment first (bench/producers.py
and bench/enrichment.py measure those). crimefeed's server runs in this process (uvicorn, the
client in a thread), medallion in its own process.

Usage: python bench/taxii.py [--sizes 1000 5000 20000] [--medallion-budget 300]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from taxii2client.v21 import Collection, as_pages

from services.embedded.broker import free_port
from services.search.settings import SearchSettings
from services.search.taxii import Catalog, TaxiiDeps, TaxiiOptions, create_taxii_router
from services.search.taxii.submit import Submitted
from shared.http_server import start_server, stop_server
from shared.models.report import TLP
from shared.partners import PartnerRegistry
from shared.stix.markings import TLP_MARKING_IDS
from shared.store.sqlite import SqliteStore
from tests.support.medallion import READER, MedallionServer

PAGE_SIZE = 100
ADD_BATCH = 500
NAMESPACE = uuid.UUID("6f1c8d0e-2a7b-4c59-9e43-0d5b7a9c1e22")
TS = "2026-03-02T10:00:00.000Z"


@dataclass
class Result:
    server: str
    size: int
    add_per_second: float | None = None
    pull_seconds: float | None = None
    first_page: float | None = None
    last_page: float | None = None
    median_page: float | None = None
    pages: int = 0
    pulled: int = 0
    note: str = ""
    page_times: list[float] = field(default_factory=list, repr=False)


def bench_objects(count: int) -> list[dict[str, Any]]:
    """Deterministic MO steps and indicators, TLP:GREEN, the same for both servers."""
    objects: list[dict[str, Any]] = []
    for index in range(count):
        common = {
            "spec_version": "2.1",
            "created": TS,
            "modified": TS,
            "object_marking_refs": [TLP_MARKING_IDS[TLP.GREEN]],
        }
        if index % 2:
            objects.append(
                {
                    **common,
                    "type": "indicator",
                    "id": f"indicator--{uuid.uuid5(NAMESPACE, f'indicator {index}')}",
                    "pattern": f"[domain-name:value = 'parcel-fee-{index}.example']",
                    "pattern_type": "stix",
                    "valid_from": TS,
                }
            )
        else:
            objects.append(
                {
                    **common,
                    "type": "attack-pattern",
                    "id": f"attack-pattern--{uuid.uuid5(NAMESPACE, f'mo {index}')}",
                    "name": f"Parcel-delivery smishing variant {index}",
                    "description": "SMS about a held parcel leads to a fee page that enrols the card.",
                }
            )
    return objects


def batches(objects: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(objects), size):
        yield objects[start : start + size]


def pull(collection: Collection, result: Result, budget: float | None = None) -> None:
    """Every object of the collection, a page at a time, timing each page."""
    collection.refresh()  # taxii2-client would fetch the collection inside the first page's time
    started = last = time.perf_counter()
    for envelope in as_pages(collection.get_objects, per_request=PAGE_SIZE):
        now = time.perf_counter()
        result.page_times.append(now - last)
        result.pulled += len(envelope.get("objects", []))
        last = now
        if budget is not None and now - started > budget and envelope.get("more"):
            result.note = f"stopped after {len(result.page_times)} pages: over the time budget"
            break
    result.pull_seconds = time.perf_counter() - started
    result.pages = len(result.page_times)
    if result.page_times:
        result.first_page, result.last_page = result.page_times[0], result.page_times[-1]
        result.median_page = statistics.median(result.page_times)


def run_medallion(objects: list[dict[str, Any]], workdir: Path, budget: float) -> Result:
    result = Result("medallion", len(objects))
    server = MedallionServer(workdir, max_page_size=PAGE_SIZE)
    server.start()
    try:
        started = time.perf_counter()
        for batch in batches(objects, ADD_BATCH):
            server.add(batch)
        result.add_per_second = len(objects) / (time.perf_counter() - started)
        with Collection(server.collection_url, user=READER[0], password=READER[1]) as collection:
            pull(collection, result, budget)
    finally:
        server.stop()
    return result


async def refuse_posts(body: bytes, partner_id: str) -> Submitted:
    raise RuntimeError("this benchmark adds through the store, not TAXII POST")


async def run_crimefeed(objects: list[dict[str, Any]], workdir: Path) -> Result:
    result = Result("crimefeed", len(objects))
    settings = SearchSettings(data_dir=workdir, pseudonym_key="bench-key")
    registry = PartnerRegistry.in_data_dir(workdir)
    key = registry.add("bench-reader", TLP.AMBER)
    store = await SqliteStore.open(workdir / "store.sqlite3")
    catalog = Catalog.load()
    deps = TaxiiDeps(
        store=store,
        registry=registry,
        pseudonym_key=settings.resolved_pseudonym_key(),
        catalog=catalog,
        submit=refuse_posts,
        options=TaxiiOptions(max_page_size=PAGE_SIZE),
    )
    app = FastAPI()
    app.include_router(create_taxii_router(deps))
    port = free_port()
    server, task = await start_server(app, "127.0.0.1", port)
    try:
        started = time.perf_counter()
        for batch in batches(objects, ADD_BATCH):
            await store.add(batch)
        result.add_per_second = len(objects) / (time.perf_counter() - started)
        collection_all = catalog.find("all")
        assert collection_all is not None
        url = f"http://127.0.0.1:{port}/taxii2/{deps.options.api_root}/collections/{collection_all.id}/"
        with Collection(url, user="bench-reader", password=key) as collection:
            await asyncio.to_thread(pull, collection, result)
    finally:
        await stop_server(server, task)
        await store.close()
    return result


def medallion_estimate(previous: Result | None, size: int) -> float | None:
    """Seconds the next medallion run would take, from the last one (quadratic in size)."""
    # A pull stopped by the budget still counts: its time is a lower bound of the whole pull.
    if previous is None or previous.pull_seconds is None:
        return None
    return previous.pull_seconds * (size / previous.size) ** 2


def print_result(result: Result) -> None:
    def fmt(value: float | None, unit: str = "s", digits: int = 3) -> str:
        return "-" if value is None else f"{value:,.{digits}f}{unit}"

    print(
        f"{result.server:<10} {result.size:>7,} objects  add {fmt(result.add_per_second, '/s', 0):>10}  "
        f"pull {fmt(result.pull_seconds):>10} ({result.pages} pages, {result.pulled:,} objects)  "
        f"page first {fmt(result.first_page):>8} median {fmt(result.median_page):>8} "
        f"last {fmt(result.last_page):>8}  {result.note}",
        flush=True,
    )


async def main(sizes: list[int], medallion_budget: float, skip: Callable[[str], bool]) -> None:
    previous: Result | None = None
    with tempfile.TemporaryDirectory(prefix="bench-taxii-") as tmp:
        for size in sizes:
            objects = bench_objects(size)
            workdir = Path(tmp) / str(size)
            if not skip("crimefeed"):
                print_result(await run_crimefeed(objects, workdir / "crimefeed"))
            if skip("medallion"):
                continue
            estimate = medallion_estimate(previous, size)
            if estimate is not None and estimate > medallion_budget:
                print(
                    f"medallion  {size:>7,} objects  skipped: pulling would take about {estimate:,.0f}s "
                    f"(quadratic from {previous.size if previous else 0:,}), over the "
                    f"{medallion_budget:,.0f}s budget",
                    flush=True,
                )
                continue
            medallion_dir = workdir / "medallion"
            previous = await asyncio.to_thread(run_medallion, objects, medallion_dir, medallion_budget)
            print_result(previous)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--medallion-budget", type=float, default=300.0, help="seconds per medallion pull")
    parser.add_argument("--only", choices=["crimefeed", "medallion"], help="run one server only")
    args = parser.parse_args()
    asyncio.run(main(args.sizes, args.medallion_budget, lambda name: args.only not in (None, name)))
