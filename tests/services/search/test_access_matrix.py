"""Partner clearance x TLP x endpoint: nothing unreadable shows, and nothing unreadable is counted.

Real partners (PartnerRegistry.add, keys over HTTP), real enriched objects at every TLP
(AMBER+STRICT owned by one partner, RED with named recipients), a real server and store. The
expectation for each partner is the reading rule of shared.access applied to every version.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.search.auth import viewer_of
from shared.access import Viewer, can_read_object, effective_tlp
from shared.models.report import TLP
from shared.store.document import to_document
from tests.support.search import PSEUDONYM_KEY, enrich, latest_readable, sample_report
from tests.support.search_server import SearchServer

PARTNERS: dict[str, tuple[TLP, bool]] = {
    "clear-reader": (TLP.CLEAR, False),
    "green-reader": (TLP.GREEN, False),
    "amber-reader": (TLP.AMBER, False),
    "strict-owner": (TLP.AMBER_STRICT, False),
    "strict-other": (TLP.AMBER_STRICT, False),
    "red-submitter": (TLP.RED, False),
    "red-recipient": (TLP.RED, False),
    "low-recipient": (TLP.AMBER, False),  # named, but its clearance is a ceiling
    "red-outsider": (TLP.RED, False),
    "auditor": (TLP.RED, True),
}


def reports() -> list[tuple[str, Any]]:
    def one(level: str, word: str, country: str, **extra: Any) -> Any:
        return sample_report(
            title=f"{word.title()} scheme at TLP {level}",
            narrative=f"Offenders run a {word} scheme against small businesses in several towns.",
            crime_category="fraud",
            modus_operandi=[{"description": f"{word} lure sent to the accounts department"}],
            indicators=[{"type": "domain-name", "value": f"{word}.example"}],
            country=country,
            first_seen="2026-10-05T00:00:00Z",
            tlp=level,
            **extra,
        )

    return [
        ("clear-reader", one("clear", "lighthouse", "NL")),
        ("green-reader", one("green", "meadow", "BE")),
        ("amber-reader", one("amber", "sunset", "DE")),
        ("strict-owner", one("amber+strict", "quartz", "FR")),
        ("red-submitter", one("red", "crimson", "ES", recipients=["red-recipient", "low-recipient"])),
        # The same MO step again, at GREEN: shared objects get versions at other TLPs.
        ("green-reader", one("green", "sunset", "DE")),
    ]


class Matrix:
    def __init__(self, server: SearchServer, objects: list[dict[str, Any]]) -> None:
        self.server = server
        self.objects = objects
        self.keys = {
            name: server.partners.add(name, level, is_admin=admin)
            for name, (level, admin) in PARTNERS.items()
        }

    def viewer(self, name: str) -> Viewer:
        partner = self.server.partners.get(name)
        assert partner is not None
        return viewer_of(partner, PSEUDONYM_KEY.encode())

    def client(self, name: str) -> httpx.AsyncClient:
        return self.server.client(self.keys[name])


@pytest.fixture
async def matrix(search_server: SearchServer, tmp_path: Path) -> Matrix:
    objects = enrich(tmp_path / "enrichment", reports())
    await search_server.store.add(objects)
    return Matrix(search_server, objects)


def readable_only(viewer: Viewer, objects: list[Mapping[str, Any]]) -> None:
    unreadable = [o["id"] for o in objects if not can_read_object(viewer, o)]
    assert not unreadable, unreadable


async def search_everything(client: httpx.AsyncClient) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    results: list[dict[str, Any]] = []
    response = await client.get("/api/v1/search", params={"limit": 200})
    assert response.status_code == 200, response.text
    first = response.json()
    page = first
    while True:
        results.extend(page["results"])
        if not page["next"]:
            return results, first
        page = (await client.get("/api/v1/search", params={"limit": 200, "cursor": page["next"]})).json()


@pytest.mark.parametrize("name", list(PARTNERS))
async def test_every_endpoint_shows_and_counts_only_what_the_partner_may_read(
    matrix: Matrix, name: str
) -> None:
    viewer = matrix.viewer(name)
    expected = latest_readable(viewer, matrix.objects)
    async with matrix.client(name) as client:
        # search: results, total, facets
        results, first = await search_everything(client)
        readable_only(viewer, results)
        assert {o["id"]: o for o in results} == expected
        assert first["total"] == len(results) == len(expected)
        assert first["facets"]["tlp"] == dict(Counter(effective_tlp(o).value for o in expected.values()))
        assert first["facets"]["type"] == dict(Counter(o["type"] for o in expected.values()))
        countries = Counter(c for o in expected.values() for c in to_document(o).countries)
        assert first["facets"]["country"] == dict(countries)
        # text search: the words of unreadable reports find nothing
        for word in ("lighthouse", "meadow", "sunset", "quartz", "crimson"):
            found = (await client.get("/api/v1/search", params={"q": word, "facets": "tlp"})).json()
            readable_only(viewer, found["results"])
            assert found["total"] == len(found["results"])
            assert sum(found["facets"].get("tlp", {}).values()) == found["total"]
        # trends: only readable sightings are counted
        buckets = (await client.get("/api/v1/trends", params={"group_by": "country"})).json()["buckets"]
        sightings = [to_document(o) for o in expected.values() if o["type"] == "sighting"]
        assert sum(b["count"] for b in buckets) == sum(s.count for s in sightings)
        assert {b["key"] for b in buckets} == {c for s in sightings for c in s.countries}
        # objects/{id} and related: readable ones answer their latest readable version, the rest 404
        for stix_id in sorted({o["id"] for o in matrix.objects}):
            response = await client.get(f"/api/v1/objects/{stix_id}")
            if stix_id not in expected:
                assert response.status_code == 404, (stix_id, response.text)
                assert response.json() == {"detail": "no such object"}
                continue
            answer = response.json()
            assert answer["object"] == expected[stix_id]
            readable_only(viewer, answer["related"])
            assert all(expected[o["id"]] == o for o in answer["related"])


def report_named(matrix: Matrix, word: str) -> str:
    return next(o["id"] for o in matrix.objects if o["type"] == "report" and word in o["name"].lower())


@pytest.mark.parametrize(
    ("name", "word", "visible"),
    [
        ("strict-owner", "quartz", True),
        ("strict-other", "quartz", False),
        ("amber-reader", "quartz", False),
        ("red-recipient", "crimson", True),
        ("red-submitter", "crimson", True),
        ("low-recipient", "crimson", False),
        ("red-outsider", "crimson", False),
        ("auditor", "crimson", True),
        ("clear-reader", "meadow", False),
        ("green-reader", "meadow", True),
        ("green-reader", "lighthouse", True),
    ],
)
async def test_the_rules_by_name(matrix: Matrix, name: str, word: str, visible: bool) -> None:
    report_id = report_named(matrix, word)
    async with matrix.client(name) as client:
        found = (await client.get("/api/v1/search", params={"q": word, "type": "report"})).json()
        one = await client.get(f"/api/v1/objects/{report_id}")
    assert (found["total"] == 1) is visible
    assert (one.status_code == 200) is visible
