"""Loading the demo data set through the producers' HTTP API, as demo partners would."""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from typing import Any

import httpx
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential
from tqdm import tqdm

from services.producers.demo.generator import DemoSubmission, generate_demo_set
from shared.models.report import TLP
from shared.partners import PartnerRegistry

CONCURRENCY = 16
# A busy host (a timeout, a dropped connection, 429 or 503) is asked again, a few times, before
# a report counts as not delivered: the demo shows the pipeline, and a slow machine should not
# make it stop at the first report that waited too long.
ATTEMPTS = 5
_BUSY = frozenset({429, 503})


class _Busy(Exception):
    def __init__(self, response: httpx.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")


def demo_partner_keys(registry: PartnerRegistry, partners: list[tuple[str, TLP]]) -> dict[str, str]:
    """A usable key per demo partner: new partners are added, existing ones get a fresh key."""
    keys = {}
    for partner_id, max_tlp in partners:
        if registry.get(partner_id) is None:
            keys[partner_id] = registry.add(partner_id, max_tlp, ("demo",))
        else:
            keys[partner_id] = registry.rotate_key(partner_id)
    return keys


async def post_report(client: httpx.AsyncClient, report: dict[str, Any], key: str) -> httpx.Response:
    """The producers' answer to one report, asked again while the host is busy."""
    async for attempt in AsyncRetrying(
        stop=stop_after_attempt(ATTEMPTS),
        wait=wait_exponential(multiplier=0.5, max=8),
        retry=retry_if_exception_type((httpx.TransportError, _Busy)),
        reraise=True,
    ):
        with attempt:
            response = await client.post(
                "/api/v1/reports", json=report, headers={"Authorization": f"Bearer {key}"}
            )
            if response.status_code in _BUSY:
                raise _Busy(response)
            return response
    raise AssertionError("unreachable: the last attempt returns or raises")


async def load_demo(
    producers_url: str, registry: PartnerRegistry, seed: int = 7, size: int = 240, timeout: float = 30.0
) -> None:
    demo = generate_demo_set(seed=seed, size=size)
    keys = demo_partner_keys(registry, [(p.partner_id, TLP(p.max_tlp)) for p in demo.partners])
    outcomes: Counter[str] = Counter()
    redactions: Counter[str] = Counter()
    semaphore = asyncio.Semaphore(CONCURRENCY)

    async def submit(client: httpx.AsyncClient, submission: DemoSubmission, progress: tqdm[Any]) -> None:
        try:
            async with semaphore:
                response = await post_report(client, submission.report, keys[submission.partner_id])
        except (httpx.TransportError, _Busy) as error:
            outcomes["not delivered"] += 1
            print(f"demo report not delivered after {ATTEMPTS} attempts: {error!r}", file=sys.stderr)
        else:
            if response.status_code == 202:
                outcomes["accepted"] += 1
                redactions.update(response.json()["redactions"])
            else:
                outcomes["rejected"] += 1
                print(f"demo report rejected ({response.status_code}): {response.text}", file=sys.stderr)
        progress.update(1)

    async with httpx.AsyncClient(base_url=producers_url, timeout=timeout) as client:
        with tqdm(total=len(demo.submissions), unit="report", desc="demo data", file=sys.stderr) as progress:
            await asyncio.gather(*(submit(client, s, progress) for s in demo.submissions))
    removed = ", ".join(f"{kind} {count}" for kind, count in sorted(redactions.items()))
    undelivered = f", {outcomes['not delivered']} not delivered" if outcomes["not delivered"] else ""
    print(
        f"demo data: {outcomes['accepted']} reports accepted, {outcomes['rejected']} rejected{undelivered}, "
        f"from {len(demo.partners)} demo partners; personal data removed: {removed}",
        flush=True,
    )
