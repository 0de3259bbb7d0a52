"""Objects, one object, manifest and versions through taxii2-client: pages, filters, TLP."""

from __future__ import annotations

from typing import Any

from taxii2client.v21 import as_pages

from shared.models.report import TLP
from tests.support.taxii_objects import attack_pattern, indicator, stix_id
from tests.support.taxii_server import TaxiiServer, in_thread


def pull(collection: Any, per_request: int, **filters: str) -> list[dict[str, Any]]:
    pages = list(as_pages(collection.get_objects, per_request=per_request, **filters))
    assert all(len(page.get("objects", [])) <= per_request for page in pages)
    return [obj for page in pages for obj in page.get("objects", [])]


async def test_pages_through_a_whole_collection_in_added_order(taxii: TaxiiServer) -> None:
    objects = [indicator(n) for n in range(45)]
    for start in range(0, 45, 10):  # several batches, so `added` grows across them
        await taxii.store.add(objects[start : start + 10])
    pulled = await in_thread(pull, taxii.collection("be-cert", "all"), 7)
    assert [obj["id"] for obj in pulled] == [obj["id"] for obj in objects]


async def test_filters_and_across_or_within(taxii: TaxiiServer) -> None:
    await taxii.store.add([indicator(n) for n in range(5)] + [attack_pattern(n) for n in range(5)])
    collection = taxii.collection("be-cert", "all")
    wanted = [stix_id("indicator", 1), stix_id("attack-pattern", 2), stix_id("indicator", 3)]
    pulled = await in_thread(pull, collection, 2, type="indicator", id=",".join(wanted))
    assert sorted(obj["id"] for obj in pulled) == sorted([wanted[0], wanted[2]])
    both = await in_thread(pull, collection, 3, type="indicator,attack-pattern")
    assert len(both) == 10


async def test_tlp_is_enforced_on_every_page(taxii: TaxiiServer) -> None:
    await taxii.store.add(
        [indicator(n, tlp=TLP.GREEN) for n in range(3)] + [indicator(n, tlp=TLP.AMBER) for n in range(3, 6)]
    )
    bank = await in_thread(pull, taxii.collection("lu-bank", "all"), 2)
    cert = await in_thread(pull, taxii.collection("be-cert", "all"), 2)
    assert len(bank) == 3 and len(cert) == 6
    manifest = await in_thread(taxii.collection("lu-bank", "all").get_manifest)
    assert len(manifest["objects"]) == 3


async def test_collection_scope_by_tlp_and_category(taxii: TaxiiServer) -> None:
    await taxii.store.add(
        [
            indicator(1, tlp=TLP.GREEN, category="phishing"),
            indicator(2, tlp=TLP.AMBER, category="phishing"),
            attack_pattern(3, tlp=TLP.CLEAR, category="ransomware"),
        ]
    )
    shareable = await in_thread(pull, taxii.collection("be-cert", "shareable"), 10)
    fraud = await in_thread(pull, taxii.collection("be-cert", "fraud"), 10)
    ransomware = await in_thread(pull, taxii.collection("be-cert", "ransomware"), 10)
    assert {o["id"] for o in shareable} == {stix_id("indicator", 1), stix_id("attack-pattern", 3)}
    assert {o["id"] for o in fraud} == {stix_id("indicator", 1), stix_id("indicator", 2)}
    assert {o["id"] for o in ransomware} == {stix_id("attack-pattern", 3)}


async def test_versions_object_and_match_version(taxii: TaxiiServer) -> None:
    first = indicator(7, modified="2026-01-01T00:00:00.000Z")
    second = indicator(7, modified="2026-03-01T00:00:00.000Z")
    await taxii.store.add([first])
    await taxii.store.add([second])
    collection = taxii.collection("be-cert", "all")
    versions = await in_thread(collection.object_versions, first["id"])
    assert versions["versions"] == [first["modified"], second["modified"]]
    latest = await in_thread(collection.get_object, first["id"])
    assert [o["modified"] for o in latest["objects"]] == [second["modified"]]
    everything = await in_thread(collection.get_object, first["id"], version="all")
    assert len(everything["objects"]) == 2
    oldest = await in_thread(collection.get_objects, version="first")
    assert [o["modified"] for o in oldest["objects"]] == [first["modified"]]


async def test_added_after_resumes_from_the_last_header(taxii: TaxiiServer) -> None:
    await taxii.store.add([indicator(n) for n in range(4)])
    async with taxii.http("be-cert") as client:
        url = f"{taxii.collection_url('all')}objects/"
        first = await client.get(url, params={"limit": "3"})
        rest = await client.get(url, params={"added_after": first.headers["X-TAXII-Date-Added-Last"]})
    assert first.json()["more"] is True
    assert [o["id"] for o in rest.json()["objects"]] == [stix_id("indicator", 3)]
    assert rest.json()["more"] is False
