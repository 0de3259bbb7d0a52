"""Running the enrichment service until asked to stop (`crimefeed run enrichment`, `crimefeed up`)."""

from __future__ import annotations

import asyncio
import logging

from services.enrichment.app import create_app
from services.enrichment.settings import EnrichmentSettings

logger = logging.getLogger(__name__)


async def run_enrichment(settings: EnrichmentSettings, stop: asyncio.Event) -> None:
    """Consume, enrich and publish until `stop` is set; then stop cleanly (offsets committed)."""
    _, service = create_app(settings)
    await service.broker.start()
    try:
        await stop.wait()
    finally:
        await service.broker.stop()
        service.store.close()
        logger.info("enrichment stopped after %d batches: %s", service.batches, service.counters)
