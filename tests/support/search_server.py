"""A real search API server (uvicorn on loopback) over a real SqliteStore, with real partners."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.embedded.broker import free_port
from services.search.app import create_app
from services.search.audit import AuditLog
from services.search.settings import SearchSettings
from services.search.store_factory import open_store
from shared.http_server import start_server, stop_server
from shared.models.report import TLP
from shared.partners import PartnerRegistry
from shared.store.base import Store
from tests.support.search import PSEUDONYM_KEY, demo_objects


@dataclass
class SearchServer:
    url: str
    settings: SearchSettings
    store: Store
    partners: PartnerRegistry
    audit_path: Path
    admin_key: str

    def client(self, key: str | None = None) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {key or self.admin_key}"}
        return httpx.AsyncClient(base_url=self.url, headers=headers, timeout=30)

    def anonymous(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=self.url, timeout=30)


def search_settings(data_dir: Path, **overrides: object) -> SearchSettings:
    return SearchSettings(
        data_dir=data_dir,
        pseudonym_key=PSEUDONYM_KEY,  # type: ignore[arg-type]
        search_port=free_port(),
        **overrides,  # type: ignore[arg-type]
    )


@pytest.fixture
async def search_server(tmp_path: Path) -> AsyncIterator[SearchServer]:
    settings = search_settings(tmp_path / "search")
    store = await open_store(settings)
    partners = PartnerRegistry.in_data_dir(settings.data_dir)
    admin_key = partners.add("admin", TLP.RED, is_admin=True)
    audit = AuditLog(settings.resolved_audit_log_path)
    app = create_app(settings, store, partners, audit)
    server, task = await start_server(app, "127.0.0.1", settings.search_port)
    try:
        yield SearchServer(
            f"http://127.0.0.1:{settings.search_port}",
            settings,
            store,
            partners,
            settings.resolved_audit_log_path,
            admin_key,
        )
    finally:
        await stop_server(server, task)
        await store.close()
        audit.close()


@dataclass
class Loaded:
    server: SearchServer
    objects: list[dict[str, Any]]

    def ids(self, stix_type: str) -> list[str]:
        return sorted({o["id"] for o in self.objects if o["type"] == stix_type})


@pytest.fixture
async def loaded(search_server: SearchServer, tmp_path: Path) -> Loaded:
    """The search server with three enriched reports (green, amber, clear) in its store."""
    objects = demo_objects(tmp_path / "enrichment")
    await search_server.store.add(objects)
    return Loaded(search_server, objects)
