"""GET /api/v1/search against a real server and a real SqliteStore holding enriched objects."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from shared.store.document import to_document
from tests.support.search_server import Loaded

Params = dict[str, Any]


async def search(loaded: Loaded, params: Params | list[tuple[str, str]]) -> dict[str, Any]:
    async with loaded.server.client() as client:
        response = await client.get("/api/v1/search", params=params)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def report_titles(answer: dict[str, Any]) -> set[str]:
    return {o["name"] for o in answer["results"] if o["type"] == "report"}


async def test_text_finds_the_report_by_a_word_of_its_narrative_with_highlights(loaded: Loaded) -> None:
    answer = await search(loaded, {"q": "hospitals", "type": "report"})
    assert report_titles(answer) == {"Ransomware affiliates enter hospitals through exposed remote desktop"}
    assert answer["total"] == 1
    [fragments] = answer["highlights"].values()
    assert any("<mark>" in fragment for fragment in fragments)
    assert (await search(loaded, {"q": "hospitals nonexistentword"}))["total"] == 0


@pytest.mark.parametrize(
    ("name", "value", "field", "expected"),
    [
        ("type", "report", "type", None),
        (
            "category",
            "ransomware",
            "categories",
            "Ransomware affiliates enter hospitals through exposed remote desktop",
        ),
        (
            "technique",
            "t1660",
            "techniques",
            "Parcel-delivery smishing leading to card enrolment in mobile wallets",
        ),
        (
            "country",
            "de",
            "countries",
            "Fake crypto investment platform advertised with deepfake celebrity videos",
        ),
        (
            "sector",
            "health",
            "sectors",
            "Ransomware affiliates enter hospitals through exposed remote desktop",
        ),
        ("tlp", "clear", "tlp", "Fake crypto investment platform advertised with deepfake celebrity videos"),
        (
            "tag",
            "sector:logistics",
            "tags",
            "Parcel-delivery smishing leading to card enrolment in mobile wallets",
        ),
        ("region", "155", "regions", None),
    ],
)
async def test_each_filter_keeps_only_matching_objects(
    loaded: Loaded, name: str, value: str, field: str, expected: str | None
) -> None:
    answer = await search(loaded, {name: value, "limit": 200})
    assert answer["total"] == len(answer["results"]) > 0
    wanted = value.upper() if name in ("technique", "country") else value
    for obj in answer["results"]:
        document_value = getattr(to_document(obj), field)
        assert wanted == document_value or wanted in document_value, (obj["id"], document_value)
    if expected is not None:
        assert expected in report_titles(answer)
        assert len(report_titles(answer)) == 1


async def test_values_repeat_or_comma_separate_and_or_within_a_field_and_across_fields(
    loaded: Loaded,
) -> None:
    comma = await search(loaded, {"type": "report", "tlp": "green,clear"})
    repeated = await search(loaded, [("type", "report"), ("tlp", "green"), ("tlp", "clear")])
    assert report_titles(comma) == report_titles(repeated)
    assert len(report_titles(comma)) == 2 and comma["total"] == 2
    both = await search(loaded, {"type": "report", "tlp": "green,clear", "sector": "logistics"})
    assert report_titles(both) == {"Parcel-delivery smishing leading to card enrolment in mobile wallets"}


async def test_date_range_is_inclusive_from_and_exclusive_to(loaded: Loaded) -> None:
    october = await search(loaded, {"type": "report", "date_from": "2026-10-01", "date_to": "2026-11-01"})
    assert report_titles(october) == {"Parcel-delivery smishing leading to card enrolment in mobile wallets"}
    before = await search(loaded, {"type": "report", "date_to": "2026-10-01T00:00:00Z"})
    assert report_titles(before) == {
        "Fake crypto investment platform advertised with deepfake celebrity videos"
    }


async def test_sort_by_date_both_ways(loaded: Loaded) -> None:
    ascending = await search(loaded, {"type": "report", "sort": "date"})
    descending = await search(loaded, {"type": "report", "sort": "-date"})
    dates = [to_document(o).date for o in ascending["results"]]
    assert dates == sorted(dates)  # type: ignore[type-var]
    assert [o["id"] for o in descending["results"]] == [o["id"] for o in reversed(ascending["results"])]


async def test_cursor_pages_cover_every_match_once(loaded: Loaded) -> None:
    seen: list[str] = []
    params: Params = {"limit": 7, "sort": "-modified", "facets": ""}
    first = await search(loaded, params)
    answer = first
    while True:
        assert len(answer["results"]) <= 7
        seen.extend(o["id"] for o in answer["results"])
        if answer["next"] is None:
            break
        answer = await search(loaded, {**params, "cursor": answer["next"]})
    assert len(seen) == len(set(seen)) == first["total"]
    assert set(seen) == {o["id"] for o in loaded.objects}


async def test_facets_count_every_match_not_just_the_page(loaded: Loaded) -> None:
    answer = await search(loaded, {"type": "report", "limit": 1})
    assert len(answer["results"]) == 1
    assert answer["facets"]["tlp"] == {"clear": 1, "green": 1, "amber": 1}
    assert answer["facets"]["type"] == {"report": 3}
    assert sum(answer["facets"]["category"].values()) >= 3
    only = await search(loaded, {"type": "report", "facets": "country"})
    assert set(only["facets"]) == {"country"}
    assert only["facets"]["country"] == {"NL": 1, "BE": 1, "DE": 1}


@pytest.mark.parametrize(
    ("params", "status", "detail"),
    [
        ({"tlp": "purple"}, 400, "tlp: unknown level 'purple'; use clear, green, amber, amber+strict or red"),
        ({"limit": "0"}, 422, "limit: "),
        ({"limit": "201"}, 422, "limit: "),
        ({"limit": "many"}, 422, "limit: "),
        ({"sort": "colour"}, 400, "sort: unknown order 'colour'"),
        ({"type": "Report"}, 400, "type: 'Report' is not a STIX type name"),
        ({"country": "Netherlands"}, 400, "country: "),
        ({"date_from": "last week"}, 400, "date_from: 'last week' is not an ISO 8601"),
        ({"date_from": "2026-11-01", "date_to": "2026-10-01"}, 400, "date_to: "),
        ({"facets": "colour"}, 400, "facets: unknown field 'colour'"),
        ({"cursor": "not-a-cursor"}, 400, "cursor: "),
    ],
)
async def test_bad_parameters_get_a_4xx_naming_the_parameter(
    loaded: Loaded, params: Params, status: int, detail: str
) -> None:
    async with loaded.server.client() as client:
        response = await client.get("/api/v1/search", params=params)
    assert response.status_code == status, response.text
    assert response.json()["detail"].startswith(detail), response.json()


async def test_a_cursor_from_another_query_is_refused(loaded: Loaded) -> None:
    page = await search(loaded, {"type": "report", "limit": 1})
    assert page["next"]
    async with loaded.server.client() as client:
        response = await client.get("/api/v1/search", params={"type": "indicator", "cursor": page["next"]})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("cursor: ")


async def test_the_openapi_document_describes_the_parameters(loaded: Loaded) -> None:
    async with httpx.AsyncClient(base_url=loaded.server.url) as client:
        spec = (await client.get("/openapi.json")).json()
        docs = await client.get("/docs")
    assert docs.status_code == 200
    names = {p["name"] for p in spec["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {"q", "type", "category", "tag", "technique", "country", "region", "sector", "tlp"} <= names
    assert {"date_from", "date_to", "sort", "limit", "cursor", "facets"} <= names
