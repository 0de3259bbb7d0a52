"""The attacks on ownership and sharing scopes, against the real pipeline: producers' HTTP API,
the broker, enrichment, and the search service's API (docs/architecture.md, "Ownership and
sharing scopes").

Partners: nl-police (RED, the fixture's key), be-ccb (RED) and a GREEN partner added here.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from shared.models.report import TLP
from shared.partners import PartnerRegistry
from shared.stix import ids
from shared.stix.extension import IDENTITY_ID, crimefeed_identity, get_extension
from tests.support.pipeline import REPORT
from tests.support.producers_server import ProducersServer

DOMAIN = "parcel-redelivery-fee.example"
RED_REPORT: dict[str, Any] = {**REPORT, "title": "Red smishing", "tlp": "red", "recipients": ["be-ccb"]}
GREEN_REPORT: dict[str, Any] = {**REPORT, "title": "Green smishing", "tlp": "green"}


async def until(url: str, key: str, path: str, ready: Any, timeout: float = 60) -> Any:
    """GET ``path`` until ``ready(answer)`` holds (the pipeline is asynchronous)."""
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {key}"}) as client:
        while True:
            response = await client.get(path)
            answer = response.json() if response.status_code == 200 else None
            if (answer is not None and ready(answer)) or time.monotonic() > deadline:
                return answer
            await asyncio.sleep(0.3)


def green_partner(producers: ProducersServer) -> str:
    return PartnerRegistry.in_data_dir(producers.data_dir).add("green-partner", TLP.GREEN)


async def test_the_same_indicator_at_red_tells_a_green_reader_nothing_and_loses_nothing(
    producers: ProducersServer, search_url: str
) -> None:
    """Existence oracle and SCO loss: RED first, then the same values at GREEN."""
    green_key = green_partner(producers)
    async with producers.client() as client:
        assert (await client.post("/api/v1/reports", json=RED_REPORT)).status_code == 202
    async with producers.client(green_key) as client:
        green = (await client.post("/api/v1/reports", json=GREEN_REPORT)).json()
    [indicator_id] = [i for i in green["object_ids"] if i.startswith("indicator--")]
    [domain_id] = [i for i in green["object_ids"] if i.startswith("domain-name--")]
    found = await until(
        search_url, green_key, "/api/v1/search?type=indicator&type=domain-name&limit=50",
        lambda a: a["total"] >= 2,
    )  # fmt: skip
    # The GREEN indicator and SCO are published for GREEN although the values came first at RED.
    assert {o["id"] for o in found["results"]} == {indicator_id, domain_id}
    (indicator,) = [o for o in found["results"] if o["id"] == indicator_id]
    assert get_extension(indicator)["sighting_count"] == 1  # the RED report is not counted
    one = await until(search_url, green_key, f"/api/v1/objects/{indicator_id}?version=all", bool)
    assert len(one["versions"]) == 1
    # Nothing the RED report made is visible, not even which technique or country it cited.
    everything = await until(search_url, green_key, "/api/v1/search?limit=200", bool)
    assert {get_extension(o).get("tlp", "clear") for o in everything["results"]} <= {
        "green",
        "clear",
    }
    red_reader = await until(
        search_url, producers.key, "/api/v1/search?type=indicator&limit=50", lambda a: a["total"] >= 2
    )
    assert len(red_reader["results"]) == 2  # the submitter reads both: two objects, two scopes


async def test_nobody_versions_another_partners_objects_or_crimefeeds(
    producers: ProducersServer, search_url: str
) -> None:
    """Integrity: a partner re-posting another's report id, crimefeed's identity, a shared
    technique or a pseudonym identity changes none of them."""
    green_key = green_partner(producers)
    async with producers.client() as client:
        original = (await client.post("/api/v1/reports", json=GREEN_REPORT)).json()
    [report_id] = [i for i in original["object_ids"] if i.startswith("report--")]
    report = (await until(search_url, green_key, f"/api/v1/objects/{report_id}", bool))["object"]
    stamp = datetime.now(UTC) + timedelta(seconds=1)  # a newer version, as an editor would make
    later_stamp = f"{stamp:%Y-%m-%dT%H:%M:%S}.{stamp.microsecond // 1000:03d}Z"
    forged = {
        **{k: v for k, v in report.items() if k not in ("extensions", "created_by_ref")},
        "modified": later_stamp,
        "description": "Disregard, campaign over.",
    }
    owner = ids.pseudonymize("nl-police", b"guessed key").identity_id  # the attacker guesses an id
    pseudonym = {"type": "identity", "spec_version": "2.1", "id": owner, "created": "2026-01-01T00:00:00Z",
                 "modified": later_stamp, "name": "Not a partner"}  # fmt: skip
    async with producers.client(green_key) as client:
        taken = await client.post(
            "/api/v1/bundles",
            json={"type": "bundle", "id": "bundle--1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9",
                  "objects": [forged, pseudonym]},
        )  # fmt: skip
        ours = {
            **crimefeed_identity(),
            "name": "crimefeed (official)",
            "modified": later_stamp,
        }
        refused = await client.post(
            "/api/v1/bundles",
            json={"type": "bundle", "id": "bundle--2b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9", "objects": [ours]},
        )
    assert refused.status_code == 422 and IDENTITY_ID in refused.text
    assert taken.status_code == 202, taken.text
    published = [i for i in taken.json()["object_ids"] if i.startswith("report--")]
    assert published and report_id not in published  # re-identified: the forger's own object
    await until(search_url, green_key, f"/api/v1/objects/{published[0]}", bool)
    versions = await until(search_url, producers.key, f"/api/v1/objects/{report_id}?version=all", bool)
    assert [v.get("description") for v in versions["versions"]] == [report.get("description")]
