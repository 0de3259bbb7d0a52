"""`crimefeed run <service>`: one service, for scaled deployments."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
from collections.abc import Iterator

from services.embedded.http import start_server, stop_server
from services.enrichment.runtime import run_enrichment
from services.enrichment.settings import EnrichmentSettings
from services.producers.runtime import create_runtime
from services.producers.settings import ProducersSettings

SERVICES = ("producers", "enrichment")


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
        print(f"producers API: http://{settings.producers_host}:{settings.producers_port}/docs", flush=True)
        try:
            await stop.wait()
        finally:
            await stop_server(server, task)


async def run_enrichment_until_stopped(settings: EnrichmentSettings) -> None:
    with stop_signal() as stop:
        print(f"enrichment: consuming {settings.topic_prefix}submissions.v1", flush=True)
        await run_enrichment(settings, stop)


def command(args: argparse.Namespace) -> int:
    if args.service == "producers":
        asyncio.run(run_producers(ProducersSettings()))
    elif args.service == "enrichment":
        asyncio.run(run_enrichment_until_stopped(EnrichmentSettings()))
    return 0
