"""MO clusters in the search API: trends per cluster, the cluster filter and cluster members on an
object's page, each holding only what the reader may read (real server, real SqliteStore, objects
enriched by the real pipeline with the real multilingual model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from shared.models.report import TLP, MOReport
from shared.stix.extension import get_extension
from tests.support.enrichment import BANK_EN, PARCEL_DE, PARCEL_EN, PARCEL_FR
from tests.support.search import enrich
from tests.support.search_server import SearchServer

FIRST_SEEN = "2026-10-01T00:00:00Z"


@pytest.fixture
async def clustered(search_server: SearchServer, tmp_path: Path) -> dict[str, Any]:
    """A GREEN parcel-smishing report, its GREEN French and RED German versions (the RED one for
    de-lka only), and a GREEN look-alike; keys for a GREEN reader and for de-lka (RED)."""
    objects = enrich(
        tmp_path / "enrichment",
        [
            ("nl-police", variant(PARCEL_EN)),
            ("fr-police", variant(PARCEL_FR)),
            ("de-bka", variant(PARCEL_DE, tlp="red", recipients=["de-lka"])),
            ("be-cert", variant(BANK_EN)),
        ],
        clusters=True,
    )
    await search_server.store.add(objects)
    reports = {get_extension(o)["submission_id"]: o for o in objects if o["type"] == "report"}
    english, french, german, bank = sorted(reports.values(), key=lambda o: o["created"])
    return {
        "server": search_server,
        "english": english,
        "french": french,
        "german": german,
        "bank": bank,
        "green": search_server.partners.add("green-reader", TLP.GREEN),
        "red": search_server.partners.add("de-lka", TLP.RED),
    }


def variant(mo_report: MOReport, **changes: Any) -> MOReport:
    return MOReport.model_validate({**mo_report.model_dump(), "first_seen": FIRST_SEEN, **changes})


def cluster(obj: dict[str, Any]) -> str:
    ref: str = get_extension(obj)["mo_cluster"]["canonical_ref"]
    return ref


async def get(data: dict[str, Any], reader: str, path: str, params: dict[str, str]) -> dict[str, Any]:
    server: SearchServer = data["server"]
    async with server.client(data[reader]) as client:
        response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def test_the_fixture_clusters_translations_and_keeps_the_look_alike_apart(
    clustered: dict[str, Any],
) -> None:
    english = clustered["english"]["id"]
    assert cluster(clustered["french"]) == cluster(clustered["german"]) == english
    assert cluster(clustered["bank"]) == clustered["bank"]["id"]


async def test_trends_per_mo_count_clusters_and_never_a_member_the_reader_cannot_read(
    clustered: dict[str, Any],
) -> None:
    english, bank = clustered["english"]["id"], clustered["bank"]["id"]
    green = await get(clustered, "green", "/api/v1/trends", {"group_by": "mo"})
    assert {(b["key"], b["count"]) for b in green["buckets"]} == {(english, 2), (bank, 1)}
    red = await get(clustered, "red", "/api/v1/trends", {"group_by": "mo"})
    assert {(b["key"], b["count"]) for b in red["buckets"]} == {(english, 3), (bank, 1)}
    first = {b["key"]: b["first_seen"] for b in green["buckets"]}
    assert first == {english: True, bank: True}


async def test_search_filters_by_cluster_within_what_the_reader_may_read(clustered: dict[str, Any]) -> None:
    english = clustered["english"]["id"]
    params = {"cluster": english, "type": "report", "facets": ""}
    green = await get(clustered, "green", "/api/v1/search", params)
    assert green["total"] == 2
    assert {r["id"] for r in green["results"]} == {english, clustered["french"]["id"]}
    red = await get(clustered, "red", "/api/v1/search", params)
    assert {r["id"] for r in red["results"]} == {
        english,
        clustered["french"]["id"],
        clustered["german"]["id"],
    }
    sightings = await get(clustered, "green", "/api/v1/search", {"cluster": english, "type": "sighting"})
    assert sightings["total"] == 2


async def test_an_objects_page_lists_the_cluster_members_the_reader_may_read(
    clustered: dict[str, Any],
) -> None:
    english = clustered["english"]["id"]
    green = await get(clustered, "green", f"/api/v1/objects/{english}", {})
    assert green["cluster"] == english
    assert [m["id"] for m in green["cluster_members"]] == [clustered["french"]["id"]]
    red = await get(clustered, "red", f"/api/v1/objects/{english}", {})
    assert {m["id"] for m in red["cluster_members"]} == {clustered["french"]["id"], clustered["german"]["id"]}


async def test_a_bad_cluster_parameter_is_a_400_naming_it(clustered: dict[str, Any]) -> None:
    server: SearchServer = clustered["server"]
    async with server.client() as client:
        response = await client.get("/api/v1/search", params={"cluster": "not an id"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("cluster")
