"""A search service with a demo-sized store and partners, and headless Chromium, for the console.

Used by tests/e2e/test_console.py and bench/console.py. The store holds the demo data set (the
producers' submission path, then enrichment, as `crimefeed up --demo` would index it) and one
GREEN report whose title, narrative and MO step carry markup and script.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, Page, Playwright, async_playwright

from services.enrichment.state import SqliteDedupStore
from services.search.app import create_app
from services.search.audit import AuditLog
from services.search.store_factory import open_store
from shared.access import effective_tlp
from shared.http_server import start_server, stop_server
from shared.models.report import TLP
from shared.partners import PartnerRegistry
from tests.support.enrichment import demo_bundles, make_enricher
from tests.support.search import enrich, sample_report
from tests.support.search_server import search_settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

HOSTILE_TITLE = 'Hostile <img src=x onerror="window.injected=1"> <b>title</b> <script>alert(1)</script>'
HOSTILE_NARRATIVE = (
    "Parcel smishing narrative <script>window.injected=2;alert('xss')</script> with "
    '<a href="javascript:alert(3)">a link</a> and <iframe src="about:blank"></iframe> inside.'
)
HOSTILE_STEP = "<svg onload=alert(4)>Bulk SMS</svg> about a parcel fee"


@functools.cache
def demo_objects(size: int, clusters: bool = False) -> tuple[dict[str, Any], ...]:
    """Every object version enrichment emits for the demo data set (`size` reports), once per run;
    with MO clusters (as `crimefeed up` runs enrichment) on request: the model costs minutes."""
    with tempfile.TemporaryDirectory() as temporary:
        return _enrich_demo(size, Path(temporary), clusters)


def _enrich_demo(size: int, directory: Path, clusters: bool) -> tuple[dict[str, Any], ...]:
    state = SqliteDedupStore(directory / "dedup.sqlite3")
    enricher = make_enricher(trends_path=directory / "trends.sqlite3", clusters=clusters)
    objects: list[dict[str, Any]] = []
    try:
        for bundle in demo_bundles(size):
            prepared = [enricher.prepare(bundle.value, bundle.submission_id.encode())]
            with state.session() as session:
                objects.extend(output.obj for output in enricher.decide(session, prepared).outputs)
    finally:
        state.close()
    return tuple(objects)


def hostile_objects(directory: Path) -> list[dict[str, Any]]:
    """A GREEN report (and its objects) whose partner text is markup and script."""
    report = sample_report(
        title=HOSTILE_TITLE,
        narrative=HOSTILE_NARRATIVE,
        modus_operandi=[{"description": HOSTILE_STEP}],
        tlp="green",
    )
    return enrich(directory, [("hostile-partner", report)])


def reports_at(objects: tuple[dict[str, Any], ...] | list[dict[str, Any]], tlp: TLP) -> list[dict[str, Any]]:
    return [o for o in objects if o["type"] == "report" and effective_tlp(o) is tlp]


@dataclass
class ConsoleServer:
    url: str
    keys: dict[str, str]
    """partner id -> API key: green-analyst (GREEN), amber-analyst (AMBER), revoked (revoked),
    revoked-later (GREEN, for a test to revoke)."""
    objects: list[dict[str, Any]]
    partners: PartnerRegistry

    @property
    def console(self) -> str:
        return f"{self.url}/console/"


@contextlib.asynccontextmanager
async def console_server(directory: Path, objects: list[dict[str, Any]]) -> AsyncIterator[ConsoleServer]:
    """The search API and console on a free loopback port, over a SQLite store holding `objects`."""
    settings = search_settings(directory / "search")
    store = await open_store(settings)
    await store.add(objects)
    partners = PartnerRegistry.in_data_dir(settings.data_dir)
    keys = {
        "green-analyst": partners.add("green-analyst", TLP.GREEN),
        "amber-analyst": partners.add("amber-analyst", TLP.AMBER),
        "revoked": partners.add("revoked", TLP.GREEN),
        "revoked-later": partners.add("revoked-later", TLP.GREEN),
    }
    partners.revoke("revoked")
    audit = AuditLog(settings.resolved_audit_log_path)
    server, task = await start_server(
        create_app(settings, store, partners, audit), "127.0.0.1", settings.search_port
    )
    try:
        yield ConsoleServer(f"http://127.0.0.1:{settings.search_port}", keys, objects, partners)
    finally:
        await stop_server(server, task)
        await store.close()
        audit.close()


async def page_ready(page: Page, section: str) -> None:
    """Wait until the console has drawn `section` for the page's current address."""
    fragment = urlsplit(page.url).fragment
    address = f"#{fragment}" if fragment else ""
    await page.wait_for_selector(f'#view[data-ready={section}][data-hash="{address}"]')


async def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium (never a downloaded browser build)."""
    return await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Browser]:
    """Headless Chromium for a test module; skipped with the install command where it is absent."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: apt-get install chromium chromium-driver (.ci/run does)"
        )
    async with async_playwright() as playwright:
        launched = await launch_chromium(playwright)
        try:
            yield launched
        finally:
            await launched.close()


class Shots:
    """Screenshots in the test's temporary directory, copied where CRIMEFEED_CONSOLE_SHOTS says."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.copy_to = (
            Path(os.environ["CRIMEFEED_CONSOLE_SHOTS"]) if os.environ.get("CRIMEFEED_CONSOLE_SHOTS") else None
        )

    async def take(self, page: Page, name: str) -> None:
        path = self.directory / f"{name}-{page.viewport_size['width'] if page.viewport_size else 0}.png"
        await page.screenshot(path=path, full_page=True)
        assert path.stat().st_size > 0
        if self.copy_to is not None:
            self.copy_to.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, self.copy_to / path.name)


@pytest.fixture
def shots(tmp_path: Path) -> Shots:
    return Shots(tmp_path)
