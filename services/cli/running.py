"""`crimefeed run <service>`: one service, for scaled deployments."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from services.enrichment.runtime import run_enrichment
from services.enrichment.settings import EnrichmentSettings
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
from shared.observability.logging import configure_logging

SERVICES = ("producers", "enrichment", "search")


@contextlib.contextmanager
def stop_signal() -> Iterator[asyncio.Event]:
    """An event set by SIGINT (Ctrl-C) or SIGTERM, handled once for every server in the process."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        yield stop
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)


async def run_producers(settings: ProducersSettings) -> None:
    runtime = create_runtime(settings)
    with stop_signal() as stop:
        server, task = await start_server(
            runtime.http_app(), settings.producers_host, settings.producers_port
        )
        freeze_start_up()
        print(f"producers API: http://{settings.producers_host}:{settings.producers_port}/docs", flush=True)
        try:
            await stop.wait()
        finally:
            await stop_server(server, task)


async def run_enrichment_until_stopped(settings: EnrichmentSettings) -> None:
    with stop_signal() as stop:
        print(f"enrichment: consuming {settings.topic_prefix}submissions.v1", flush=True)
        await run_enrichment(settings, stop, on_started=freeze_start_up)


def search_banner(settings: SearchSettings) -> str:
    url = f"http://{settings.search_host}:{settings.search_port}"
    return f"search API: {url} (OpenAPI: {url}/docs)\nanalyst console: {url}/console/"


async def run_search_until_stopped(settings: SearchSettings) -> None:
    def started(_: SearchRuntime) -> None:
        freeze_start_up()
        print(
            f"search: indexing {settings.topic_prefix}objects.v1 into {describe_store(settings)}", flush=True
        )
        print(search_banner(settings), flush=True)

    with stop_signal() as stop:
        await run_search(settings, stop, started)


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("run", help="run one service (scaled deployments)")
    parser.add_argument("service", choices=SERVICES)
    parser.set_defaults(handler=command)


def command(args: argparse.Namespace) -> int:
    configure_logging(args.service, logging.INFO)
    try:
        if args.service == "producers":
            asyncio.run(run_producers(ProducersSettings()))
        elif args.service == "enrichment":
            asyncio.run(run_enrichment_until_stopped(EnrichmentSettings()))
        elif args.service == "search":
            asyncio.run(run_search_until_stopped(SearchSettings()))
    except (CatalogError, TaxiiSourcesError, ValidationError, WordListError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
