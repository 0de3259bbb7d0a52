"""GET /api/v1/objects/{id} against a real server and a real SqliteStore holding enriched objects."""

from __future__ import annotations

from shared.models.report import TLP
from shared.stix.extension import get_extension
from tests.support.search_server import Loaded

MISSING = "report--6b4b5d0e-0f7b-5f7e-9d3c-2a6d3c1f0a11"


def versions_of(loaded: Loaded, stix_id: str) -> list[str]:
    return sorted({str(o.get("modified")) for o in loaded.objects if o["id"] == stix_id})


async def test_latest_version_with_related_objects(loaded: Loaded) -> None:
    [report_id] = [
        o["id"] for o in loaded.objects if o["type"] == "report" and o["name"].startswith("Ransom")
    ]
    report = next(o for o in loaded.objects if o["id"] == report_id)
    async with loaded.server.client() as client:
        answer = (await client.get(f"/api/v1/objects/{report_id}")).json()
        without = (await client.get(f"/api/v1/objects/{report_id}", params={"related": "false"})).json()
    assert answer["object"] == report
    assert answer["versions"] == [report]
    related = {o["id"] for o in answer["related"]}
    # What the report lists, and nothing else of another report.
    assert related <= set(report["object_refs"]) | {report["created_by_ref"]}
    assert {r for r in report["object_refs"] if r.startswith("attack-pattern--")} <= related
    assert report_id not in related
    assert without["related"] == []


async def test_one_version_or_every_version(loaded: Loaded) -> None:
    # The first report's attack-pattern gets no second version here; identities and markings
    # are unversioned. Find an object with one version and check the selectors on it.
    pattern = next(o for o in loaded.objects if o["type"] == "attack-pattern")
    async with loaded.server.client() as client:
        exact = await client.get(f"/api/v1/objects/{pattern['id']}", params={"version": pattern["modified"]})
        every = await client.get(f"/api/v1/objects/{pattern['id']}", params={"version": "all"})
        other = await client.get(
            f"/api/v1/objects/{pattern['id']}", params={"version": "2001-01-01T00:00:00.000Z"}
        )
        bad = await client.get(f"/api/v1/objects/{pattern['id']}", params={"version": "yesterday"})
    assert exact.status_code == 200 and exact.json()["object"]["modified"] == pattern["modified"]
    assert [v["modified"] for v in every.json()["versions"]] == versions_of(loaded, pattern["id"])
    assert other.status_code == 404
    assert bad.status_code == 400 and bad.json()["detail"].startswith("version: ")


async def test_every_version_oldest_first_after_an_update(loaded: Loaded) -> None:
    pattern = next(o for o in loaded.objects if o["type"] == "attack-pattern")
    newer = {**pattern, "modified": "2027-01-01T00:00:00.000Z"}
    await loaded.server.store.add([newer])
    async with loaded.server.client() as client:
        latest = (await client.get(f"/api/v1/objects/{pattern['id']}")).json()
        every = (await client.get(f"/api/v1/objects/{pattern['id']}", params={"version": "all"})).json()
    assert latest["object"]["modified"] == "2027-01-01T00:00:00.000Z"
    assert [v["modified"] for v in every["versions"]] == [
        *versions_of(loaded, pattern["id"]),
        newer["modified"],
    ]


async def test_unknown_and_unreadable_objects_get_the_same_404(loaded: Loaded) -> None:
    amber = next(o for o in loaded.objects if o["type"] == "report" and get_extension(o)["tlp"] == "amber")
    key = loaded.server.partners.add("green-only", TLP.GREEN)
    async with loaded.server.client(key) as client:
        hidden = await client.get(f"/api/v1/objects/{amber['id']}")
        missing = await client.get(f"/api/v1/objects/{MISSING}")
        malformed = await client.get("/api/v1/objects/not-an-id")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() == {"detail": "no such object"}
    assert malformed.status_code == 400 and malformed.json()["detail"].startswith("stix_id: ")
