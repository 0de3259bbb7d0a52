"""End to end: producers' HTTP API -> broker -> enrichment -> indexer -> search API.

Everything real: the uvicorn producers server (the `producers` fixture, partners nl-police RED
and fr-cert AMBER), the Tansu broker, enrichment in-process, and the search service as
`run_search` runs it (indexer + API) on the producers' data directory and topics.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import httpx

from shared.models.report import TLP
from shared.partners import PartnerRegistry
from tests.support.pipeline import REPORT
from tests.support.producers_server import ProducersServer

STRICT: dict[str, Any] = {
    **REPORT,
    "title": "Invoice redirection through a compromised supplier mailbox",
    "narrative": "The offenders watched a supplier mailbox for weeks and sent a flawless invoice "
    "with new bank details; the payment went to a mule account.",
    "crime_category": "business-email-compromise",
    "modus_operandi": [{"description": "Change of bank details in a genuine invoice thread"}],
    "indicators": [],
    "tlp": "amber+strict",
}


async def find(url: str, key: str, params: dict[str, str], want: int, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {key}"}) as client:
        while True:
            response = await client.get("/api/v1/search", params=params)
            assert response.status_code == 200, response.text
            answer: dict[str, Any] = response.json()
            if answer["total"] >= want or time.monotonic() > deadline:
                return answer
            await asyncio.sleep(0.3)


async def test_a_submitted_report_is_found_by_a_word_of_its_narrative_at_its_tlp(
    producers: ProducersServer, search_url: str, tmp_path: Path
) -> None:
    async with producers.client() as client:
        amber = (await client.post("/api/v1/reports", json=REPORT)).json()
        strict = (await client.post("/api/v1/reports", json=STRICT)).json()
    amber_id = next(i for i in amber["object_ids"] if i.startswith("report--"))
    strict_id = next(i for i in strict["object_ids"] if i.startswith("report--"))
    # The submitter (nl-police, RED) finds both, by words of their narratives.
    found = await find(search_url, producers.key, {"q": "redelivery", "type": "report"}, 1)
    assert [o["id"] for o in found["results"]] == [amber_id]
    assert "[PERSON]" in found["results"][0]["description"]  # anonymized before it left the producer
    assert "Jane Doe" not in str(found)
    mine = await find(search_url, producers.key, {"q": "mailbox", "type": "report"}, 1)
    assert [o["id"] for o in mine["results"]] == [strict_id]
    # fr-cert (AMBER) reads the AMBER report but not nl-police's AMBER+STRICT one.
    registry = PartnerRegistry.in_data_dir(producers.data_dir)
    other = registry.rotate_key("fr-cert")
    assert [
        o["id"]
        for o in (await find(search_url, other, {"q": "redelivery"}, 1))["results"]
        if o["type"] == "report"
    ] == [amber_id]
    hidden = await find(search_url, other, {"q": "mailbox"}, 1, timeout=2)
    assert hidden["total"] == 0 and hidden["results"] == []
    # A GREEN partner sees neither.
    green = registry.add("be-green", TLP.GREEN)
    assert (await find(search_url, green, {"q": "redelivery"}, 1, timeout=2))["total"] == 0
