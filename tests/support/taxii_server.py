"""A real TAXII server (uvicorn on loopback) over a real SqliteStore, real partners, and the real
producers' HTTP intake (uvicorn) publishing to the real embedded broker; clients are
taxii2-client and httpx."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from taxii2client.v21 import ApiRoot, Collection, Server

from services.embedded.broker import free_port
from services.producers.runtime import create_runtime
from services.producers.settings import ProducersSettings
from services.search.audit import AuditLog, install_audit
from services.search.taxii import (
    Catalog,
    IntakeClient,
    TaxiiDeps,
    TaxiiOptions,
    create_taxii_router,
)
from services.search.taxii.catalog import Collection as CatalogCollection
from services.search.taxii.catalog import Grant
from shared.http_server import start_server, stop_server
from shared.kafka.admin import ensure_topics
from shared.kafka.topics import Topics, topic_definitions
from shared.models.report import TLP
from shared.partners import PartnerRegistry
from shared.store.sqlite import SqliteStore

T = TypeVar("T")
PSEUDONYM_KEY = "taxii-tests-pseudonym-key"
# A collection partners may post to but not read: the 403 case of sections 5.4/5.5.
DROP_BOX = CatalogCollection(
    id="0d4f0f5e-5a4b-4c1e-9d7a-2b8f8b9f6c11",
    alias="drop-box",
    title="Drop box",
    description="Write-only: partners push, only admins read.",
    write=Grant(partners=frozenset({"*"})),
)
MEDIA = "application/taxii+json;version=2.1"


@dataclass
class TaxiiServer:
    url: str
    store: SqliteStore
    keys: dict[str, str]
    topics: Topics
    bootstrap: str
    audit_path: Path
    options: TaxiiOptions

    @property
    def api_root_url(self) -> str:
        return f"{self.url}/taxii2/{self.options.api_root}/"

    def collection_url(self, alias: str) -> str:
        collection = CATALOG.find(alias)
        assert collection is not None
        return f"{self.api_root_url}collections/{collection.id}/"

    def server(self, partner: str) -> Server:
        return Server(f"{self.url}/taxii2/", user=partner, password=self.keys[partner])

    def api_root(self, partner: str) -> ApiRoot:
        return ApiRoot(self.api_root_url, user=partner, password=self.keys[partner])

    def collection(self, partner: str, alias: str) -> Collection:
        return Collection(self.collection_url(alias), user=partner, password=self.keys[partner])

    def http(self, partner: str | None = None, **headers: str) -> httpx.AsyncClient:
        all_headers = {"Accept": MEDIA, **headers}
        auth = (partner, self.keys[partner]) if partner else None
        return httpx.AsyncClient(base_url=self.url, headers=all_headers, auth=auth, timeout=30)


CATALOG = Catalog((*Catalog.load().collections, DROP_BOX))


async def in_thread(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """taxii2-client is synchronous; the server runs on this event loop, so call it from a thread."""
    return await asyncio.to_thread(function, *args, **kwargs)


def add_partners(registry: PartnerRegistry) -> dict[str, str]:
    return {
        "nl-police": registry.add("nl-police", TLP.RED, ("cert-network",)),
        "be-cert": registry.add("be-cert", TLP.AMBER),
        "lu-bank": registry.add("lu-bank", TLP.GREEN),
        "admin": registry.add("admin", TLP.RED, is_admin=True),
    }


@dataclass
class TaxiiKafka:
    prefix: str


async def start_kafka(bootstrap: str) -> TaxiiKafka:
    prefix = f"t{uuid.uuid4().hex[:8]}."
    await ensure_topics(bootstrap, topic_definitions(prefix), single_node=True)
    return TaxiiKafka(prefix)


def producers_settings(data_dir: Path, bootstrap: str, prefix: str) -> ProducersSettings:
    return ProducersSettings(
        data_dir=data_dir,
        kafka_bootstrap=bootstrap,
        topic_prefix=prefix,
        pseudonym_key=SecretStr(PSEUDONYM_KEY),
        producers_port=free_port(),
        # The intake on threads: no worker processes to start per test
        # (tests/services/producers/test_intake_pool.py runs them).
        producers_workers=0,
    )


@pytest.fixture(scope="session")
async def taxii_kafka(kafka_bootstrap: str) -> TaxiiKafka:
    """Topics shared by the TAXII tests (tests that read a topic override this with their own,
    so they see only their own records)."""
    return await start_kafka(kafka_bootstrap)


@pytest.fixture
async def taxii(kafka_bootstrap: str, taxii_kafka: TaxiiKafka, tmp_path: Path) -> AsyncIterator[TaxiiServer]:
    settings = producers_settings(tmp_path, kafka_bootstrap, taxii_kafka.prefix)
    registry = PartnerRegistry.in_data_dir(tmp_path)
    keys = add_partners(registry)
    producers = create_runtime(settings, registry)
    producers_server, producers_task = await start_server(
        producers.http_app(), "127.0.0.1", settings.producers_port
    )
    intake = IntakeClient(f"http://127.0.0.1:{settings.producers_port}", settings.resolved_intake_token())
    store = await SqliteStore.open(tmp_path / "store.sqlite3")
    options = TaxiiOptions(max_content_length=64 * 1024, max_page_size=50, default_page_size=20)
    deps = TaxiiDeps(
        store=store,
        registry=registry,
        pseudonym_key=settings.resolved_pseudonym_key(),
        catalog=CATALOG,
        submit=intake,
        options=options,
    )
    app = FastAPI()
    app.include_router(create_taxii_router(deps))
    audit = AuditLog(tmp_path / "audit.log")
    install_audit(app, audit)
    port = free_port()
    server, task = await start_server(app, "127.0.0.1", port)
    try:
        yield TaxiiServer(
            f"http://127.0.0.1:{port}",
            store,
            keys,
            Topics(taxii_kafka.prefix),
            kafka_bootstrap,
            tmp_path / "audit.log",
            options,
        )
    finally:
        await stop_server(server, task)
        await intake.aclose()
        await stop_server(producers_server, producers_task)
        await store.close()
        audit.close()
