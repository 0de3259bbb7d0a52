"""POST to a writable collection: through the producers onto Kafka, then status to complete."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import orjson
import pytest

from shared.models.report import TLP
from shared.stix import ids
from tests.support.kafka import consume
from tests.support.taxii_objects import indicator
from tests.support.taxii_server import TaxiiKafka, TaxiiServer, in_thread, start_kafka


@pytest.fixture
async def taxii_kafka(kafka_bootstrap: str) -> TaxiiKafka:
    """Topics of this test alone, so the submissions topic holds only what it posted."""
    return await start_kafka(kafka_bootstrap)


PARTNER_IDENTITY = f"identity--{uuid.uuid4()}"
PHONE = "+31 6 12345678"


def partner_envelope() -> dict[str, Any]:
    reported = indicator(1) | {
        "created_by_ref": PARTNER_IDENTITY,
        "description": f"A victim's mobile {PHONE} received the fake parcel fee page link.",
    }
    reported.pop("extensions")
    identity = {
        "type": "identity",
        "spec_version": "2.1",
        "id": PARTNER_IDENTITY,
        "created": "2026-01-01T00:00:00.000Z",
        "modified": "2026-01-01T00:00:00.000Z",
        "name": "Regional Police Unit 7",
        "identity_class": "organization",
    }
    account = {
        "type": "user-account",
        "spec_version": "2.1",
        "id": f"user-account--{uuid.uuid4()}",
        "user_id": "victim-4711",
    }
    return {"objects": [reported, identity, account]}


async def test_push_goes_through_the_producers_and_completes_when_indexed(taxii: TaxiiServer) -> None:
    envelope = partner_envelope()
    indicator_id = envelope["objects"][0]["id"]
    collection = taxii.collection("be-cert", "all")
    status = await in_thread(collection.add_objects, envelope, wait_for_completion=False)

    assert status.status == "pending"
    assert (status.total_count, status.success_count, status.pending_count, status.failure_count) == (
        3,
        0,
        1,
        2,
    )
    assert [p["id"] for p in status.pendings] == [indicator_id]
    reasons = {f["id"]: f["message"] for f in status.failures}
    assert "pseudonym" in reasons[PARTNER_IDENTITY]
    assert "anonymization policy" in reasons[envelope["objects"][2]["id"]]

    records = await consume(taxii.bootstrap, taxii.topics.submissions, expected=1)
    assert len(records) == 1
    assert PHONE.encode() not in records[0].value
    bundle = orjson.loads(records[0].value)
    published = {obj["id"]: obj for obj in bundle["objects"]}
    assert PARTNER_IDENTITY not in published
    # Published under an id derived from the posted one, the poster's pseudonym and the scope.
    [owner] = [
        o["id"] for o in bundle["objects"] if o["type"] == "identity" and o.get("created_by_ref") == o["id"]
    ]
    [stored_id] = set(ids.partner_object_candidates(indicator_id, owner)) & set(published)
    assert published[stored_id]["created_by_ref"] == owner != PARTNER_IDENTITY

    # The indexer stores what the pipeline made of the bundle; the status then completes.
    await taxii.store.add(bundle["objects"])
    await in_thread(status.refresh)
    assert status.status == "complete"
    assert (status.success_count, status.pending_count, status.failure_count) == (1, 0, 2)
    assert status.successes == [{"id": indicator_id, "version": envelope["objects"][0]["modified"]}]


async def test_status_is_only_visible_to_the_partner_who_posted(taxii: TaxiiServer) -> None:
    status = await in_thread(
        taxii.collection("be-cert", "all").add_objects, {"objects": [indicator(2)]}, wait_for_completion=False
    )
    async with taxii.http("lu-bank") as client:
        other = await client.get(f"{taxii.api_root_url}status/{status.id}/")
    async with taxii.http("admin") as client:
        admin = await client.get(f"{taxii.api_root_url}status/{status.id}/")
    assert other.status_code == 404
    assert admin.status_code == 200 and admin.json()["total_count"] == 1


async def test_bundle_the_producers_refuse_is_422_with_the_reasons(taxii: TaxiiServer) -> None:
    bad = indicator(3) | {"pattern": "[domain-name:value = "}
    async with taxii.http("be-cert", **{"Content-Type": "application/taxii+json;version=2.1"}) as client:
        response = await client.post(taxii.collection_url("all") + "objects/", json={"objects": [bad]})
    assert response.status_code == 422
    assert any("pattern" in error for error in response.json()["details"]["errors"])


async def test_status_is_no_oracle_for_objects_the_poster_may_not_read(taxii: TaxiiServer) -> None:
    """A GREEN partner posting the id of a RED object the store already holds learns nothing:
    the status counts only versions the poster may read, added after its request."""
    await taxii.store.add([indicator(40, tlp=TLP.RED)])
    guess = indicator(40, modified="2026-06-01T00:00:00.000Z")
    guess.pop("extensions")
    status = await in_thread(
        taxii.collection("lu-bank", "all").add_objects, {"objects": [guess]}, wait_for_completion=False
    )
    await in_thread(status.refresh)
    assert (status.status, status.success_count, status.pending_count) == ("pending", 0, 1)


async def test_a_version_stored_before_the_post_does_not_complete_it(taxii: TaxiiServer) -> None:
    await taxii.store.add([indicator(41)])
    await asyncio.sleep(1.2)  # past the status check's one-second allowance for clock skew
    collection = taxii.collection("be-cert", "all")
    status = await in_thread(collection.add_objects, {"objects": [indicator(41)]}, wait_for_completion=False)
    assert (status.success_count, status.pending_count) == (0, 1)
    await taxii.store.add([indicator(41, modified="2026-03-01T00:00:00.000Z")])
    await in_thread(status.refresh)
    assert (status.status, status.success_count) == ("complete", 1)
