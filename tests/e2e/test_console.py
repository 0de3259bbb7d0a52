"""The analyst console in headless Chromium against a real search service holding the demo data.

Each test signs in through the page as a partner would, then checks what the page shows against
what the REST API answers for the same key. Screenshots of every page, 1280 px and 390 px wide,
go to the test's temporary directory (CRIMEFEED_CONSOLE_SHOTS names another directory to copy
them to, for looking at them).
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.async_api import Browser, Dialog, Page

from shared.access import Viewer, can_read_object, effective_tlp
from shared.models.report import TLP
from tests.support.console import (
    HOSTILE_NARRATIVE,
    HOSTILE_STEP,
    HOSTILE_TITLE,
    PHONE,
    WIDE,
    ConsoleServer,
    Shots,
    console_server,
    demo_objects,
    hostile_objects,
    page_ready,
    reports_at,
)

DEMO_SIZE = 240
GREEN_VIEWER = Viewer(partner_id="green-analyst", max_tlp=TLP.GREEN, owner_id="identity--none")

pytestmark = pytest.mark.slow
API_REFUSAL = re.compile(r"Failed to load resource: the server responded with a status of 40[014] ")


@pytest.fixture(scope="module")
async def server(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[ConsoleServer]:
    directory = tmp_path_factory.mktemp("console")
    objects = [*demo_objects(DEMO_SIZE), *hostile_objects(directory / "hostile")]
    async with console_server(directory, objects) as running:
        yield running


async def api(server: ConsoleServer, key: str, path: str, params: dict[str, Any]) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=server.url, headers={"Authorization": f"Bearer {key}"}) as client:
        response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def open_page(browser: Browser, viewport: dict[str, int]) -> tuple[Page, list[str]]:
    """A fresh tab (own session storage) and the dialogs, page errors and console errors it raises."""
    context = await browser.new_context(viewport=viewport, accept_downloads=True)  # type: ignore[arg-type]
    page = await context.new_page()
    events: list[str] = []

    async def dismiss(dialog: Dialog) -> None:
        events.append(f"dialog: {dialog.message}")
        await dialog.dismiss()

    page.on("dialog", dismiss)
    page.on("pageerror", lambda error: events.append(f"page error: {error}"))

    # Console errors: Content-Security-Policy violations, script errors, files that fail to load. The
    # API's own 4xx answers (a wrong key, an object the reader may not read) are checked by the tests.
    def record(kind: str, text: str) -> None:
        if kind == "error" and not API_REFUSAL.match(text):
            events.append(f"console {kind}: {text}")

    page.on("console", lambda message: record(message.type, message.text))
    return page, events


async def ready(page: Page, section: str) -> None:
    await page_ready(page, section)


async def sign_in(page: Page, server: ConsoleServer, key: str) -> None:
    await page.goto(server.console)
    await page.fill("#key", key)
    await page.click("#sign-in-form button[type=submit]")
    await ready(page, "search")


def route_params(page: Page) -> dict[str, list[str]]:
    fragment = urlsplit(page.url).fragment
    return parse_qs(fragment.partition("?")[2])


async def test_a_green_partner_searches_clicks_a_facet_opens_an_object_and_reads_the_trends(
    server: ConsoleServer, browser: Browser, shots: Shots
) -> None:
    key = server.keys["green-analyst"]
    for viewport in (WIDE, PHONE):
        page, events = await open_page(browser, viewport)
        await sign_in(page, server, key)
        everything = await api(server, key, "/api/v1/search", {"limit": 1})
        assert await page.text_content("#total") == f"{everything['total']} results"
        await shots.take(page, "1-search")

        # A query, then a click on the first value of the crime-category facet.
        await page.fill("#q", "smishing")
        await page.press("#q", "Enter")
        await page.wait_for_url("**#/search?q=smishing*")
        await ready(page, "search")
        answer = await api(server, key, "/api/v1/search", {"q": "smishing", "limit": 20})
        shown = await page.eval_on_selector_all(".result", "items => items.map(i => i.dataset.id)")
        assert shown == [o["id"] for o in answer["results"]] and shown
        assert await page.locator(".result mark").count() > 0
        facet = page.locator(".facet-value[data-field=category]").first
        value, count = await facet.get_attribute("data-value"), await facet.get_attribute("data-count")
        assert value is not None and count == str(answer["facets"]["category"][value])
        await facet.click()
        await page.wait_for_url(f"**category={value}*")
        await ready(page, "search")
        assert route_params(page)["category"] == [value]
        narrowed = await api(server, key, "/api/v1/search", {"q": "smishing", "category": value})
        assert (
            await page.text_content("#total")
            == f"{narrowed['total']} result{'' if narrowed['total'] == 1 else 's'}"
        )
        assert narrowed["total"] == int(count)
        await shots.take(page, "2-search-facet")

        # The first result's page: TLP banner, fields, versions, related objects, raw STIX.
        first = narrowed["results"][0]
        await page.click(f".result[data-id='{first['id']}'] h3 a")
        await page.wait_for_url(f"**#/object/{first['id']}")
        await ready(page, "object")
        detail = await api(server, key, f"/api/v1/objects/{first['id']}", {"version": "all"})
        banner = page.locator("#tlp-banner")
        assert await banner.text_content() == f"TLP:{effective_tlp(detail['object']).value.upper()}"
        assert json.loads(await page.text_content("#raw") or "") == detail["object"]
        assert await page.locator("#versions li").count() == len(detail["versions"])
        assert (
            await page.locator("#related-title").text_content()
            == f"Related objects ({len(detail['related'])})"
        )
        await shots.take(page, "3-object")

        # Trends by category per week: every bar segment of the top key equals the API's bucket.
        await page.click("#nav a[data-section=trends]")
        await page.wait_for_url("**#/trends")
        await ready(page, "trends")
        trends = await api(server, key, "/api/v1/trends", {"interval": "week", "group_by": "category"})
        totals: dict[str, int] = {}
        for bucket in trends["buckets"]:
            totals[bucket["key"]] = totals.get(bucket["key"], 0) + bucket["count"]
        top = max(sorted(totals), key=lambda k: totals[k])
        bars = await page.eval_on_selector_all(
            f"#trend-chart rect.bar[data-key='{top}']",
            "rects => rects.map(r => [r.dataset.period, +r.dataset.count])",
        )
        assert dict(bars) == {b["period"]: b["count"] for b in trends["buckets"] if b["key"] == top}
        assert await page.locator("#trend-chart .marker-first-seen").count() == len(
            {b["period"] for b in trends["buckets"] if b["first_seen"]}
        )
        assert await page.locator("#trend-chart .marker-spike").count() == len(
            {b["period"] for b in trends["buckets"] if b["spike"]}
        )
        by_country = await api(server, key, "/api/v1/trends", {"interval": "week", "group_by": "country"})
        country_totals: dict[str, int] = {}
        for bucket in by_country["buckets"]:
            country_totals[bucket["key"]] = country_totals.get(bucket["key"], 0) + bucket["count"]
        rows = await page.eval_on_selector_all(
            "#country-table tbody tr", "rows => rows.map(r => [r.dataset.country, +r.dataset.count])"
        )
        assert dict(rows) == country_totals
        await shots.take(page, "4-trends")

        # Monthly by region, from the form.
        await page.select_option("#trend-interval", "month")
        await page.select_option("#trend-group_by", "region")
        await page.click("form.query button[type=submit]")
        await page.wait_for_url("**group_by=region*")
        await ready(page, "trends")
        monthly = await api(server, key, "/api/v1/trends", {"interval": "month", "group_by": "region"})
        drawn = await page.eval_on_selector_all(
            "#trend-chart rect.bar", "rects => rects.map(r => +r.dataset.count)"
        )
        assert sum(drawn) == sum(b["count"] for b in monthly["buckets"])
        await shots.take(page, "5-trends-month-region")
        assert events == []
        await page.context.close()


async def test_amber_objects_are_nowhere_on_the_pages_of_a_green_partner(
    server: ConsoleServer, browser: Browser, shots: Shots
) -> None:
    amber = reports_at(server.objects, TLP.AMBER)
    assert amber
    target = amber[0]
    page, events = await open_page(browser, WIDE)
    await sign_in(page, server, server.keys["green-analyst"])
    # Words of the AMBER report's title: the GREEN partner's search never shows it.
    words = " ".join(target["name"].split()[:3])
    await page.fill("#q", words)
    await page.press("#q", "Enter")
    await page.wait_for_url("**#/search?q=*")
    await ready(page, "search")
    for report in amber:
        assert report["id"] not in await page.content()
    # Its page answers as for an object that does not exist.
    await page.goto(f"{server.console}#/object/{target['id']}")
    await ready(page, "object")
    assert await page.text_content("#view .error") == "no such object"
    assert target["name"] not in await page.content()
    await shots.take(page, "amber-object-for-green")
    # The exported result set holds only what GREEN may read.
    await page.goto(f"{server.console}#/search?type=report")
    await ready(page, "search")
    async with page.expect_download() as waiting:
        await page.click("#export")
    download = await waiting.value
    bundle = json.loads(Path(await download.path()).read_text())
    assert bundle["type"] == "bundle" and bundle["id"].startswith("bundle--")
    everything = await api(
        server, server.keys["green-analyst"], "/api/v1/search", {"type": "report", "limit": 200}
    )
    assert sorted(o["id"] for o in bundle["objects"]) == sorted(o["id"] for o in everything["results"])
    assert all(can_read_object(GREEN_VIEWER, o) for o in bundle["objects"])
    assert not {o["id"] for o in amber} & {o["id"] for o in bundle["objects"]}
    assert events == []
    await page.context.close()


async def test_a_wrong_or_revoked_key_gets_a_clear_message_and_is_not_kept(
    server: ConsoleServer, browser: Browser, shots: Shots
) -> None:
    for viewport in (WIDE, PHONE):
        page, events = await open_page(browser, viewport)
        await page.goto(server.console)
        for key in ("not-a-key", server.keys["revoked"]):
            await page.fill("#key", key)
            await page.click("#sign-in-form button[type=submit]")
            await page.wait_for_selector("#sign-in-error:not(:empty)")
            message = await page.text_content("#sign-in-error")
            assert message is not None and "not accepted" in message and "revoked" in message
            assert key not in await page.content() and key not in page.url
            assert await page.evaluate("() => sessionStorage.length") == 0
            assert await page.locator("#nav").is_hidden()
        await shots.take(page, "0-sign-in-bad-key")
        # A good key, then sign-out: the key leaves the session storage.
        await page.fill("#key", server.keys["green-analyst"])
        await page.click("#sign-in-form button[type=submit]")
        await ready(page, "search")
        assert server.keys["green-analyst"] not in page.url
        await page.click("#sign-out")
        await page.wait_for_selector("#sign-in:not([hidden])")
        assert await page.evaluate("() => sessionStorage.length") == 0
        assert events == []
        await page.context.close()


async def test_a_key_revoked_during_the_session_signs_the_reader_out_with_a_message(
    server: ConsoleServer, browser: Browser, shots: Shots
) -> None:
    page, events = await open_page(browser, WIDE)
    await sign_in(page, server, server.keys["revoked-later"])
    server.partners.revoke("revoked-later")
    await page.click("#nav a[data-section=trends]")
    await page.wait_for_selector("#sign-in:not([hidden])")
    message = await page.text_content("#sign-in-error")
    assert message is not None and "no longer accepted" in message
    assert await page.evaluate("() => sessionStorage.length") == 0
    assert await page.locator("#view *").count() == 0
    await shots.take(page, "0-sign-in-revoked")
    assert events == []
    await page.context.close()


async def test_a_report_whose_text_is_markup_and_script_is_shown_as_text(
    server: ConsoleServer, browser: Browser, shots: Shots
) -> None:
    for viewport in (WIDE, PHONE):
        page, events = await open_page(browser, viewport)
        await sign_in(page, server, server.keys["green-analyst"])
        await page.fill("#q", "hostile")
        await page.press("#q", "Enter")
        await page.wait_for_url("**q=hostile*")
        await ready(page, "search")
        assert HOSTILE_TITLE in await page.locator(".result h3").all_text_contents()
        await shots.take(page, "6-hostile-search")
        await page.click(".result[data-id^='report--'] h3 a")
        await page.wait_for_url("**#/object/report--*")
        await ready(page, "object")
        assert await page.text_content("#object-title") == HOSTILE_TITLE
        text = await page.text_content("#view") or ""
        assert HOSTILE_NARRATIVE in text
        for tag in ("script", "img", "iframe", "b", "svg[onload]", "a[href^=javascript]"):
            assert await page.locator(f"#view {tag}").count() == 0, tag
        assert await page.evaluate("() => window.injected === undefined")
        await shots.take(page, "7-hostile-object")
        # The MO step (an attack-pattern whose description is markup) on its own page, as text.
        step = next(
            o
            for o in server.objects
            if o["type"] == "attack-pattern" and o.get("description") == HOSTILE_STEP
        )
        await page.click(f"#view a[href='#/object/{step['id']}']")
        await page.wait_for_url(f"**#/object/{step['id']}")
        await ready(page, "object")
        assert HOSTILE_STEP in (await page.text_content("#view") or "")
        assert await page.locator("#view svg[onload], #view script").count() == 0
        assert events == []
        await page.context.close()


async def test_sort_and_cursor_paging_follow_the_api_and_work_from_the_keyboard(
    server: ConsoleServer, browser: Browser, shots: Shots
) -> None:
    key = server.keys["green-analyst"]
    page, events = await open_page(browser, WIDE)
    await sign_in(page, server, key)
    # "/" jumps to the query box; every form control of the page has a label.
    await page.keyboard.press("/")
    assert await page.evaluate("() => document.activeElement.id") == "q"
    unlabelled = await page.eval_on_selector_all(
        "#view input, #view select", "controls => controls.filter(c => !c.labels.length).length"
    )
    assert unlabelled == 0
    # Newest first by date, a type filter typed in, submitted with Enter.
    await page.select_option("#sort", "-date")
    await page.click("#view details summary")
    await page.fill("#search-type", "report")
    await page.press("#search-type", "Enter")
    await page.wait_for_url("**type=report*")
    await ready(page, "search")
    first = await api(server, key, "/api/v1/search", {"type": "report", "sort": "-date", "limit": 20})
    shown = await page.eval_on_selector_all(".result", "items => items.map(i => i.dataset.id)")
    assert shown == [o["id"] for o in first["results"]]
    # The next page, reached with the keyboard: focus the link, press Enter.
    await page.focus("#next-page")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**cursor=*")
    await ready(page, "search")
    second = await api(
        server,
        key,
        "/api/v1/search",
        {"type": "report", "sort": "-date", "limit": 20, "cursor": first["next"]},
    )
    shown = await page.eval_on_selector_all(".result", "items => items.map(i => i.dataset.id)")
    assert shown == [o["id"] for o in second["results"]] and not set(shown) & {
        o["id"] for o in first["results"]
    }
    await shots.take(page, "8-search-page-2")
    # A filter the API refuses: its message, and the form stays to correct it.
    await page.goto(f"{server.console}#/search?country=NLD")
    await ready(page, "search")
    message = await page.text_content("#view .error")
    assert message is not None and message.startswith("country:")
    assert await page.input_value("#search-country") == "NLD"
    await page.go_back()
    await ready(page, "search")
    # A result opens with the keyboard too.
    await page.focus(".result h3 a >> nth=0")
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**#/object/{second['results'][0]['id']}")
    await ready(page, "object")
    assert events == []
    await page.context.close()
