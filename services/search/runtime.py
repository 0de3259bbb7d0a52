"""Running the search service: the indexer and the HTTP API in one process, until asked to stop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, FastAPI

from services.search.app import create_app
from services.search.audit import AuditLog
from services.search.indexer import Indexer, create_indexer
from services.search.settings import SearchSettings
from services.search.store_factory import open_store
from services.search.taxii.catalog import Catalog
from services.search.taxii.submit import IntakeClient
from shared.http_server import start_server, stop_server
from shared.partners import PartnerRegistry
from shared.store.base import Store

logger = logging.getLogger(__name__)


def taxii_routers(
    settings: SearchSettings,
    store: Store,
    partners: PartnerRegistry,
    intake: IntakeClient,
    catalog: Catalog | None = None,
) -> list[APIRouter]:
    """The TAXII 2.1 server's routes; TAXII writes go to the producers' intake."""
    from services.search.taxii import TaxiiDeps, TaxiiOptions, create_taxii_router

    deps = TaxiiDeps(
        store=store,
        registry=partners,
        pseudonym_key=settings.resolved_pseudonym_key(),
        catalog=catalog or Catalog.load(settings.taxii_collections),
        submit=intake,
        options=TaxiiOptions(),
    )
    return [create_taxii_router(deps)]


@dataclass
class SearchRuntime:
    settings: SearchSettings
    store: Store
    partners: PartnerRegistry
    audit: AuditLog
    indexer: Indexer
    intake: IntakeClient
    catalog: Catalog
    running: bool = field(default=False)

    def indexer_state(self) -> dict[str, Any]:
        """For the unauthenticated /readyz: whether the indexer runs and why it fails, no counts."""
        problem = self.indexer.problem()
        state: dict[str, Any] = {"running": self.running, "failing": problem is not None}
        if problem is not None:
            state["error"] = problem
        return state

    def http_app(self) -> FastAPI:
        routers = taxii_routers(self.settings, self.store, self.partners, self.intake, self.catalog)
        return create_app(
            self.settings,
            self.store,
            self.partners,
            self.audit,
            routers,
            indexer_state=self.indexer_state,
        )

    async def close(self) -> None:
        await self.indexer.close()
        await self.intake.aclose()
        await self.store.close()
        self.audit.close()


async def create_runtime(settings: SearchSettings, store: Store | None = None) -> SearchRuntime:
    # A collections file that cannot be used stops the start before anything connects.
    catalog = Catalog.load(settings.taxii_collections)
    store = store or await open_store(settings)
    _, indexer = create_indexer(settings, store)
    return SearchRuntime(
        settings=settings,
        store=store,
        partners=PartnerRegistry.in_data_dir(settings.data_dir),
        audit=AuditLog(settings.resolved_audit_log_path),
        indexer=indexer,
        intake=IntakeClient(settings.intake_url, settings.resolved_intake_token()),
        catalog=catalog,
    )


async def run_search(
    settings: SearchSettings,
    stop: asyncio.Event,
    on_started: Callable[[SearchRuntime], Awaitable[None] | None] | None = None,
) -> None:
    """Index and serve until `stop` is set; then stop the API, the indexer (offsets committed up
    to the last stored batch) and the store, in that order."""
    runtime = await create_runtime(settings)
    try:
        await runtime.indexer.broker.start()
        runtime.running = True
        server, task = await start_server(runtime.http_app(), settings.search_host, settings.search_port)
        try:
            if on_started is not None:
                started = on_started(runtime)
                if started is not None:
                    await started
            await stop.wait()
        finally:
            await stop_server(server, task)
    finally:
        runtime.running = False
        await runtime.indexer.broker.stop()
        await runtime.close()
        logger.info(
            "search stopped after %d batches: %d versions indexed, %d dead-lettered",
            runtime.indexer.batches,
            runtime.indexer.indexed,
            runtime.indexer.dead_lettered,
        )
