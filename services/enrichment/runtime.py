"""Running the enrichment service until asked to stop (`crimefeed run enrichment`, `crimefeed up`)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import AsyncExitStack

from services.enrichment.app import create_app
from services.enrichment.ops import create_ops_app
from services.enrichment.settings import EnrichmentSettings
from shared.http_server import start_server, stop_server
from shared.observability.metrics import Metrics, process_metrics

logger = logging.getLogger(__name__)


async def run_enrichment(
    settings: EnrichmentSettings,
    stop: asyncio.Event,
    *,
    metrics: Metrics | None = None,
    on_started: Callable[[], None] | None = None,
) -> None:
    """Consume, enrich and publish until `stop` is set; then drain: take no new batch, let the
    batch in hand publish and commit (up to enrichment_shutdown_timeout_seconds), and return.
    `on_started` is called once the service consumes."""
    metrics = metrics or process_metrics()
    _, service = create_app(settings, metrics=metrics)
    async with AsyncExitStack() as stack:
        stack.callback(service.store.close)
        stack.push_async_callback(service.close)
        await service.settle_committed()
        await service.broker.start()
        if settings.metrics_port is not None:
            # Registered before the broker's stop, so probes keep answering while it drains.
            ops = create_ops_app(service.broker, metrics, settings.resolved_metrics_token(), service.consumer)
            server, task = await start_server(ops, settings.metrics_host, settings.metrics_port)
            stack.push_async_callback(stop_server, server, task)
        stack.push_async_callback(service.broker.stop)
        if on_started is not None:
            on_started()
        logger.info("enrichment consuming %s", service.topics.submissions)
        await stop.wait()
        logger.info("enrichment stopping: finishing the batch in hand")
    logger.info("enrichment stopped after %d batches: %s", service.batches, service.counters)
