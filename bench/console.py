"""Analyst console page load times in headless Chromium, over the demo data set.

The search service (real uvicorn, SQLite store) holds the demo data set as `crimefeed up --demo`
indexes it (240 reports by default, about 5,200 object versions, with MO clusters). A GREEN and
an AMBER partner each go through the pages `--runs` times in fresh tabs; the script prints, per
page, the median and worst time from the action (navigation or click) until the page has drawn
what the API returned (`#view[data-ready]`), in milliseconds. Debian's Chromium only (/usr/bin/chromium).

Usage: python bench/console.py [--reports 240] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from playwright.async_api import Page, async_playwright

from tests.support.console import WIDE, console_server, demo_objects, launch_chromium, page_ready


async def timed(
    action: Callable[[], Awaitable[object]], page: Page, section: str, navigates: bool = True
) -> float:
    start = time.perf_counter()
    before = page.url
    await action()
    if navigates:
        await page.wait_for_url(lambda url: url != before)
    await page_ready(page, section)
    return (time.perf_counter() - start) * 1000


async def one_run(page: Page, console: str, key: str) -> dict[str, float]:
    times: dict[str, float] = {}
    start = time.perf_counter()
    await page.goto(console)
    await page.wait_for_selector("#sign-in:not([hidden])")
    times["first load (sign-in form)"] = (time.perf_counter() - start) * 1000

    async def sign_in() -> None:
        await page.fill("#key", key)
        await page.click("#sign-in-form button[type=submit]")

    times["sign-in -> search, all facets"] = await timed(sign_in, page, "search", navigates=False)
    times["next page"] = await timed(lambda: page.click("#next-page"), page, "search")

    async def query() -> None:
        await page.fill("#q", "bank")
        await page.press("#q", "Enter")
        await page.wait_for_url("**q=bank*")

    times["query 'bank'"] = await timed(query, page, "search")
    times["object page"] = await timed(lambda: page.click(".result h3 a >> nth=0"), page, "object")
    times["trends week x category"] = await timed(
        lambda: page.click("#nav a[data-section=trends]"), page, "trends"
    )
    times["trends week x MO cluster"] = await timed(
        lambda: page.goto(f"{console}#/trends?interval=week&group_by=mo"), page, "trends"
    )
    times["trends month x country"] = await timed(
        lambda: page.goto(f"{console}#/trends?interval=month&group_by=country"), page, "trends"
    )
    return times


async def main(reports: int, runs: int) -> None:
    started = time.perf_counter()
    objects = list(demo_objects(reports, clusters=True))
    elapsed = time.perf_counter() - started
    print(f"demo data: {reports} reports -> {len(objects)} object versions ({elapsed:.1f} s)")
    with tempfile.TemporaryDirectory() as directory:
        async with console_server(Path(directory), objects) as server, async_playwright() as playwright:
            browser = await launch_chromium(playwright)
            for partner in ("green-analyst", "amber-analyst"):
                samples: dict[str, list[float]] = {}
                for _ in range(runs):
                    context = await browser.new_context(viewport=WIDE)  # type: ignore[arg-type]
                    page = await context.new_page()
                    for name, value in (await one_run(page, server.console, server.keys[partner])).items():
                        samples.setdefault(name, []).append(value)
                    await context.close()
                print(f"\n{partner}: ms, median / worst of {runs} runs in fresh tabs")
                for name, values in samples.items():
                    print(f"  {name:32s} {statistics.median(values):7.0f} / {max(values):5.0f}")
            await browser.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=240)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.reports, arguments.runs))
