"""The collections file: checked at load, with errors that name the collection and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from services.embedded.broker import free_port
from services.search.runtime import taxii_routers
from services.search.settings import SearchSettings
from services.search.taxii.catalog import Catalog, CatalogError
from services.search.taxii.submit import IntakeClient
from shared.access import Viewer
from shared.http_server import start_server, stop_server
from shared.models.report import TLP
from shared.partners import PartnerRegistry
from shared.store.sqlite import SqliteStore

ID = "2f784c51-9e86-444f-b3ee-e35b0c7cbd5d"


def test_bundled_collections_load_with_unique_ids_and_aliases() -> None:
    catalog = Catalog.load()
    assert len({c.id for c in catalog.collections}) == len(catalog.collections) >= 5


def test_alias_must_be_unique() -> None:
    """Section 5.2.1, alias: "If defined, the alias MUST be unique within a single api-root"."""
    other = "53b83cb0-67c6-4385-a6fc-fa95c1b1dfc6"
    with pytest.raises(CatalogError, match="alias"):
        Catalog.from_mapping(
            {
                "collections": [
                    {"id": ID, "title": "a", "alias": "x"},
                    {"id": other, "title": "b", "alias": "x"},
                ]
            }
        )


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        ({"id": "nope", "title": "t"}, "collections[0].id"),
        ({"id": ID, "title": "t", "scope": {"colour": ["red"]}}, "collections[0].scope"),
        ({"id": ID, "title": "t", "scope": {"tlps": ["purple"]}}, "collections[0].scope.tlps"),
        ({"id": ID, "title": "t", "read": {"everyone": True}}, "collections[0].read"),
    ],
)
def test_bad_collection_names_the_field(raw: dict[str, object], named: str) -> None:
    with pytest.raises(CatalogError, match=named.replace("[", r"\[").replace("]", r"\]")):
        Catalog.from_mapping({"collections": [raw]})


def test_group_grant_admits_members_only() -> None:
    catalog = Catalog.from_mapping({"collections": [{"id": ID, "title": "t", "read": {"groups": ["g"]}}]})
    collection = catalog.collections[0]
    member = Viewer("a", TLP.GREEN, "identity--a", groups=("g",))
    outsider = Viewer("b", TLP.GREEN, "identity--b")
    assert collection.can_read(member) and not collection.visible_to(outsider)


async def test_collections_file_setting_replaces_the_bundled_one(
    kafka_bootstrap: str, taxii_kafka: Any, tmp_path: Path
) -> None:
    """CRIMEFEED_TAXII_COLLECTIONS names the operator's file; the server lists only its collections."""
    custom = tmp_path / "collections.yaml"
    custom.write_text(
        f"collections:\n  - id: {ID}\n    alias: only-one\n    title: The operator's own\n"
        "    read: {partners: ['*']}\n",
        encoding="utf-8",
    )
    settings = SearchSettings(
        data_dir=tmp_path,
        kafka_bootstrap=kafka_bootstrap,
        topic_prefix=taxii_kafka.prefix,
        pseudonym_key=SecretStr("catalog-test-key"),
        taxii_collections=custom,
    )
    registry = PartnerRegistry.in_data_dir(tmp_path)
    key = registry.add("be-cert", TLP.AMBER)
    store = await SqliteStore.open(tmp_path / "store.sqlite3")
    intake = IntakeClient(settings.intake_url, settings.resolved_intake_token())
    app = FastAPI()
    for router in taxii_routers(settings, store, registry, intake):
        app.include_router(router)
    port = free_port()
    server, task = await start_server(app, "127.0.0.1", port)
    try:
        async with httpx.AsyncClient(
            auth=("be-cert", key), headers={"Accept": "application/taxii+json;version=2.1"}
        ) as client:
            response = await client.get(f"http://127.0.0.1:{port}/taxii2/crimefeed/collections/")
    finally:
        await stop_server(server, task)
        await intake.aclose()
        await store.close()
    assert response.status_code == 200
    assert [c["title"] for c in response.json()["collections"]] == ["The operator's own"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("collections: [\n", "cannot be read as YAML"),
        ("- just a list\n", "must be a mapping"),
        ("collections:\n  - {id: nope, title: t}\n", "collections[0].id"),
    ],
)
def test_a_collections_file_that_cannot_be_used_is_named(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "collections.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as raised:
        Catalog.load(path)
    assert str(raised.value).startswith(f"{path}: ") and problem in str(raised.value)


def test_a_missing_collections_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="cannot be read"):
        Catalog.load(tmp_path / "absent.yaml")
