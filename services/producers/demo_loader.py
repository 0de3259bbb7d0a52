"""Loading the demo data set through the producers' HTTP API, as demo partners would."""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from typing import Any

import httpx
from tqdm import tqdm

from services.producers.demo.generator import DemoSubmission, generate_demo_set
from shared.models.report import TLP
from shared.partners import PartnerRegistry

CONCURRENCY = 16


def demo_partner_keys(registry: PartnerRegistry, partners: list[tuple[str, TLP]]) -> dict[str, str]:
    """A usable key per demo partner: new partners are added, existing ones get a fresh key."""
    keys = {}
    for partner_id, max_tlp in partners:
        if registry.get(partner_id) is None:
            keys[partner_id] = registry.add(partner_id, max_tlp, ("demo",))
        else:
            keys[partner_id] = registry.rotate_key(partner_id)
    return keys


async def load_demo(producers_url: str, registry: PartnerRegistry, seed: int = 7) -> None:
    demo = generate_demo_set(seed=seed)
    keys = demo_partner_keys(registry, [(p.partner_id, TLP(p.max_tlp)) for p in demo.partners])
    outcomes: Counter[str] = Counter()
    redactions: Counter[str] = Counter()
    semaphore = asyncio.Semaphore(CONCURRENCY)

    async def submit(client: httpx.AsyncClient, submission: DemoSubmission, progress: tqdm[Any]) -> None:
        async with semaphore:
            response = await client.post(
                "/api/v1/reports",
                json=submission.report,
                headers={"Authorization": f"Bearer {keys[submission.partner_id]}"},
            )
        if response.status_code == 202:
            outcomes["accepted"] += 1
            redactions.update(response.json()["redactions"])
        else:
            outcomes["rejected"] += 1
            print(f"demo report rejected ({response.status_code}): {response.text}", file=sys.stderr)
        progress.update(1)

    async with httpx.AsyncClient(base_url=producers_url, timeout=30) as client:
        with tqdm(total=len(demo.submissions), unit="report", desc="demo data", file=sys.stderr) as progress:
            await asyncio.gather(*(submit(client, s, progress) for s in demo.submissions))
    removed = ", ".join(f"{kind} {count}" for kind, count in sorted(redactions.items()))
    print(
        f"demo data: {outcomes['accepted']} reports accepted, {outcomes['rejected']} rejected, "
        f"from {len(demo.partners)} demo partners; personal data removed: {removed}",
        flush=True,
    )
