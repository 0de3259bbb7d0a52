"""The search service's HTTP app: the analysts' REST API (and the TAXII router passed in)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from fastapi import APIRouter, FastAPI

from services.search.api.errors import install_error_handlers
from services.search.api.health import IndexerState, create_health_router
from services.search.api.objects import create_objects_router
from services.search.api.search import create_search_router
from services.search.api.trends import create_trends_router
from services.search.audit import AuditLog, install_audit
from services.search.auth import install_auth_errors, viewer_dependency
from services.search.console.router import create_console_router
from services.search.settings import SearchSettings
from shared.observability.http import instrument, metrics_router
from shared.observability.metrics import process_metrics
from shared.partners import PartnerRegistry
from shared.store.base import Store

DESCRIPTION = """Search the crime-trend and modus-operandi intelligence you are cleared to read.

Authenticate with `Authorization: Bearer <API key>` (or HTTP Basic: partner id and key).
TLP 2.0 is enforced inside every store query: results, totals, facet counts and trend buckets
never reveal an object you may not read. Every request is written to the audit log."""


def create_app(
    settings: SearchSettings,
    store: Store,
    partners: PartnerRegistry,
    audit: AuditLog,
    extra_routers: Iterable[APIRouter] = (),
    *,
    indexer_state: IndexerState | None = None,
    lifespan: Callable[[FastAPI], Any] | None = None,
) -> FastAPI:
    app = FastAPI(title="crimefeed search", version="1", description=DESCRIPTION, lifespan=lifespan)
    viewer = viewer_dependency(partners, settings.resolved_pseudonym_key())
    install_auth_errors(app)
    install_error_handlers(app)
    install_audit(app, audit)
    app.include_router(create_search_router(store, viewer))
    app.include_router(create_trends_router(store, viewer))
    app.include_router(create_objects_router(store, viewer))
    app.include_router(create_health_router(store, indexer_state))
    app.include_router(create_console_router())
    metrics = process_metrics()
    instrument(app, "search", metrics)
    app.include_router(metrics_router(metrics, settings.resolved_metrics_token()))
    for router in extra_routers:
        app.include_router(router)
    return app
