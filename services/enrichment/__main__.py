"""`python -m services.enrichment`: one enrichment replica, stopped by SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import signal

from services.enrichment.runtime import run_enrichment
from services.enrichment.settings import EnrichmentSettings
from shared.observability.logging import configure_logging


async def _main() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await run_enrichment(EnrichmentSettings(), stop)


if __name__ == "__main__":
    configure_logging("enrichment", logging.INFO)
    asyncio.run(_main())
