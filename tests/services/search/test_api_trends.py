"""GET /api/v1/trends against a real server and a real SqliteStore holding enriched objects."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.search_server import Loaded


async def trends(loaded: Loaded, params: dict[str, str]) -> list[dict[str, Any]]:
    async with loaded.server.client() as client:
        response = await client.get("/api/v1/trends", params=params)
    assert response.status_code == 200, response.text
    buckets: list[dict[str, Any]] = response.json()["buckets"]
    return buckets


async def test_weekly_buckets_per_category_with_first_seen_flags(loaded: Loaded) -> None:
    buckets = await trends(loaded, {})
    assert [(b["period"], b["key"], b["count"]) for b in buckets] == [
        ("2026-W38", "investment-fraud", 1),
        ("2026-W40", "fraud", 1),
        ("2026-W46", "ransomware", 1),
    ]
    # Each of these MOs was seen for the first time in its bucket; none spiked.
    assert all(b["first_seen"] and not b["spike"] for b in buckets)


@pytest.mark.parametrize(
    ("interval", "group_by", "expected"),
    [
        ("day", "country", [("2026-09-15", "DE"), ("2026-10-01", "NL"), ("2026-11-10", "BE")]),
        ("month", "country", [("2026-09", "DE"), ("2026-10", "NL"), ("2026-11", "BE")]),
        ("month", "region", None),
        ("week", "mo", None),
    ],
)
async def test_intervals_and_groups(
    loaded: Loaded, interval: str, group_by: str, expected: list[tuple[str, str]] | None
) -> None:
    buckets = await trends(loaded, {"interval": interval, "group_by": group_by})
    assert sum(b["count"] for b in buckets) == 3 if group_by != "region" else len(buckets) > 0
    if expected is not None:
        assert [(b["period"], b["key"]) for b in buckets] == expected
    if group_by == "mo":
        patterns = set(loaded.ids("attack-pattern"))
        assert {b["key"] for b in buckets} <= patterns
    if group_by == "region":
        assert {b["period"] for b in buckets} == {"2026-09", "2026-10", "2026-11"}
    assert [(b["period"], b["key"]) for b in buckets] == sorted((b["period"], b["key"]) for b in buckets)


async def test_filters_apply_to_trends(loaded: Loaded) -> None:
    assert [b["key"] for b in await trends(loaded, {"tlp": "green,clear"})] == ["investment-fraud", "fraud"]
    assert [b["key"] for b in await trends(loaded, {"country": "BE"})] == ["ransomware"]
    assert await trends(loaded, {"date_from": "2026-12-01"}) == []


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        ({"interval": "year"}, "interval: "),
        ({"group_by": "colour"}, "group_by: "),
        ({"tlp": "purple"}, "tlp: unknown level 'purple'"),
    ],
)
async def test_bad_parameters_name_the_parameter(loaded: Loaded, params: dict[str, str], detail: str) -> None:
    async with loaded.server.client() as client:
        response = await client.get("/api/v1/trends", params=params)
    assert response.status_code in (400, 422), response.text
    assert response.json()["detail"].startswith(detail)
