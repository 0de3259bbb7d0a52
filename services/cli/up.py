"""`crimefeed up`: the whole system on one machine."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import sys
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from services.cli.running import search_banner, stop_signal
from services.embedded.broker import EmbeddedBroker, EmbeddedBrokerError
from services.enrichment.runtime import run_enrichment
from services.enrichment.settings import EnrichmentSettings
from services.producers.demo_loader import load_demo
from services.producers.runtime import create_runtime
from services.producers.settings import ProducersSettings
from services.producers.taxii_sources import TaxiiSourcesError
from services.search.runtime import SearchRuntime, run_search
from services.search.settings import SearchSettings
from services.search.store_factory import describe_store
from services.search.taxii.catalog import CatalogError
from shared.anonymization.word_lists import WordListError
from shared.heap import freeze_start_up
from shared.http_server import start_server, stop_server
from shared.kafka.admin import ensure_topics
from shared.kafka.security import client_options
from shared.kafka.topics import topic_definitions
from shared.models.report import TLP
from shared.observability.logging import configure_logging
from shared.partners import ADMIN_ID, PartnerRegistry


def loopback(host: str) -> str:
    """Where to reach a server of this process that listens on `host`."""
    return "127.0.0.1" if host in ("0.0.0.0", "::", "") else host


def admin_key(registry: PartnerRegistry) -> str:
    """A fresh admin key each start: keys are stored hashed, so an old one cannot be shown again."""
    admin = registry.get(ADMIN_ID)
    if admin is None:
        return registry.add(ADMIN_ID, TLP.RED, is_admin=True)
    if not admin.active:
        return registry.restore(ADMIN_ID)
    return registry.rotate_key(ADMIN_ID)


async def run_up(
    settings: ProducersSettings,
    enrichment: EnrichmentSettings,
    demo: bool,
    embedded: bool,
    search: SearchSettings | None = None,
) -> None:
    with stop_signal() as stop:
        await _serve_until_stopped(settings, enrichment, demo, embedded, stop, search)
    print("stopped", flush=True)


async def _serve_until_stopped(
    settings: ProducersSettings,
    enrichment: EnrichmentSettings,
    demo: bool,
    embedded: bool,
    stop: asyncio.Event,
    search: SearchSettings | None = None,
) -> None:
    async with AsyncExitStack() as stack:
        if embedded:
            broker = EmbeddedBroker(
                port=settings.embedded_kafka_port, log_path=settings.data_dir / "broker.log"
            )
            broker.start()
            stack.callback(broker.stop)
            print(f"embedded Kafka broker: {broker.bootstrap}", flush=True)
        await ensure_topics(
            settings.kafka_bootstrap,
            topic_definitions(settings.topic_prefix),
            single_node=embedded,
            client_options=client_options(settings),
        )
        enrichment_stop = asyncio.Event()
        enrichment_task = asyncio.create_task(run_enrichment(enrichment, enrichment_stop))
        stack.push_async_callback(_stop_service, enrichment_stop, enrichment_task)
        print(
            f"enrichment: {settings.topic_prefix}submissions.v1 -> {settings.topic_prefix}objects.v1, "
            f"{settings.topic_prefix}feed.<tlp>.v1",
            flush=True,
        )
        if search is not None:
            await _start_search(search, stack)
        runtime = create_runtime(settings)
        server, task = await start_server(
            runtime.http_app(), settings.producers_host, settings.producers_port
        )
        stack.push_async_callback(stop_server, server, task)
        producers_url = f"http://{settings.producers_host}:{settings.producers_port}"
        print(f"producers API: {producers_url}  (OpenAPI: {producers_url}/docs)", flush=True)
        print(f"admin key: {admin_key(runtime.registry)}", flush=True)
        freeze_start_up()
        print("crimefeed is running; press Ctrl-C to stop", flush=True)
        if demo:
            demo_task = asyncio.create_task(load_demo(producers_url, runtime.registry))
            demo_task.add_done_callback(_report_demo_failure)
            stack.push_async_callback(_cancel, demo_task)
        await stop.wait()
        print("stopping...", flush=True)


async def _start_search(settings: SearchSettings, stack: AsyncExitStack) -> None:
    """Run the search service (indexer + API) in a task; return once its API answers."""
    stop, started = asyncio.Event(), asyncio.Event()

    def on_started(_: SearchRuntime) -> None:
        started.set()

    task = asyncio.create_task(run_search(settings, stop, on_started))
    stack.push_async_callback(_stop_service, stop, task)
    waiter = asyncio.create_task(started.wait())
    await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        waiter.cancel()
        task.result()  # surfaces the start-up error (e.g. the port is taken)
        raise RuntimeError("the search service stopped during start-up")
    print(f"search: {settings.topic_prefix}objects.v1 -> {describe_store(settings)}", flush=True)
    print(search_banner(settings), flush=True)


async def _stop_service(stop: asyncio.Event, task: asyncio.Task[None]) -> None:
    stop.set()
    await task


def _report_demo_failure(task: asyncio.Task[None]) -> None:
    """A demo load that stopped on an error says so: nothing else awaits the task."""
    if not task.cancelled() and (error := task.exception()) is not None:
        print(f"demo data: stopped by an error: {error!r}", file=sys.stderr, flush=True)


async def _cancel(task: asyncio.Task[None]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("up", help="run the whole system on this machine")
    parser.add_argument("--data-dir", type=Path, help="where the embedded store keeps its files")
    parser.add_argument("--demo", action="store_true", help="load the demo data set through the producers")
    parser.set_defaults(handler=command)


def command(args: argparse.Namespace) -> int:
    configure_logging("crimefeed", logging.WARNING)
    embedded = "CRIMEFEED_KAFKA_BOOTSTRAP" not in os.environ
    overrides: dict[str, object] = {"data_dir": args.data_dir} if args.data_dir else {}
    try:
        settings = ProducersSettings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:  # e.g. a word-list directory that is not one
        print(f"error: {error}", file=sys.stderr)
        return 1
    if embedded:
        settings.kafka_bootstrap = overrides["kafka_bootstrap"] = f"127.0.0.1:{settings.embedded_kafka_port}"
    enrichment = EnrichmentSettings(**overrides)  # type: ignore[arg-type]
    search = SearchSettings(**overrides)  # type: ignore[arg-type]
    if "CRIMEFEED_INTAKE_URL" not in os.environ:
        # TAXII POSTs go to the producers' intake this command starts (same data dir, same token).
        search.intake_url = f"http://{loopback(settings.producers_host)}:{settings.producers_port}"
    try:
        asyncio.run(run_up(settings, enrichment, args.demo, embedded, search))
    except (CatalogError, EmbeddedBrokerError, TaxiiSourcesError, WordListError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
