"""MO clusters in the analyst console (headless Chromium, real search service, objects enriched by
the real pipeline with MO clustering): an object's cluster and members, the cluster's search
and its trend, each as the API answers the reader."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser

from shared.models.report import MOReport
from shared.stix.extension import get_extension
from tests.support.console import WIDE, ConsoleServer, Shots, console_server, page_ready
from tests.support.enrichment import BANK_EN, PARCEL_DE, PARCEL_EN, PARCEL_FR
from tests.support.search import enrich

pytestmark = pytest.mark.slow
FIRST_SEEN = "2026-10-01T00:00:00Z"


def variant(mo_report: MOReport, **changes: Any) -> MOReport:
    return MOReport.model_validate({**mo_report.model_dump(), "first_seen": FIRST_SEEN, **changes})


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[ConsoleServer]:
    """A GREEN parcel-smishing report, its GREEN French and AMBER German versions, a GREEN look-alike."""
    objects = enrich(
        tmp_path / "enrichment",
        [
            ("nl-police", variant(PARCEL_EN)),
            ("fr-police", variant(PARCEL_FR)),
            ("de-bka", variant(PARCEL_DE, tlp="amber")),
            ("be-cert", variant(BANK_EN)),
        ],
        clusters=True,
    )
    async with console_server(tmp_path, objects) as running:
        yield running


async def api(server: ConsoleServer, path: str, params: dict[str, str]) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {server.keys['green-analyst']}"}
    async with httpx.AsyncClient(base_url=server.url, headers=headers) as client:
        response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def test_a_reader_sees_an_objects_mo_cluster_its_members_and_its_trend(
    server: ConsoleServer, browser: Browser, shots: Shots
) -> None:
    reports = sorted((o for o in server.objects if o["type"] == "report"), key=lambda o: o["created"])
    english, french, german, _ = reports
    cluster = get_extension(french)["mo_cluster"]["canonical_ref"]
    assert cluster == get_extension(german)["mo_cluster"]["canonical_ref"]
    page = await (await browser.new_context(viewport=WIDE)).new_page()  # type: ignore[arg-type]
    await page.goto(server.console)
    await page.fill("#key", server.keys["green-analyst"])
    await page.click("#sign-in-form button[type=submit]")
    await page_ready(page, "search")

    await page.goto(f"{server.console}#/object/{french['id']}")
    await page_ready(page, "object")
    answer = await api(server, f"/api/v1/objects/{french['id']}", {})
    assert answer["cluster"] == cluster
    assert await page.get_attribute("#cluster a >> nth=0", "href") == f"#/object/{cluster}"
    members = await page.eval_on_selector_all("#cluster-members li", "items => items.map(i => i.dataset.id)")
    assert members == [m["id"] for m in answer["cluster_members"]] and english["id"] in members
    assert german["id"] not in await page.content()  # AMBER: not for a GREEN reader
    await shots.take(page, "9-cluster-object")

    await page.click("#cluster a >> text=Everything in this cluster")
    await page.wait_for_url("**#/search?cluster=*")
    await page_ready(page, "search")
    found = await api(server, "/api/v1/search", {"cluster": cluster})
    shown = await page.eval_on_selector_all(".result", "items => items.map(i => i.dataset.id)")
    assert shown == [o["id"] for o in found["results"]] and german["id"] not in shown

    await page.goto(f"{server.console}#/trends?interval=week&group_by=mo")
    await page_ready(page, "trends")
    trends = await api(server, "/api/v1/trends", {"interval": "week", "group_by": "mo"})
    bars = await page.eval_on_selector_all(
        f"#trend-chart rect.bar[data-key='{cluster}']",
        "rects => rects.map(r => [r.dataset.period, +r.dataset.count])",
    )
    assert dict(bars) == {b["period"]: b["count"] for b in trends["buckets"] if b["key"] == cluster} != {}
    await shots.take(page, "9-cluster-trends")
    await page.context.close()
