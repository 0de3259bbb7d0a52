"""End to end: the producers' HTTP API -> the real broker -> enrichment -> objects and feed topics.

Everything is real: a uvicorn producers server (the `producers` fixture), the Tansu broker, and
the enrichment service in-process with the production tagger, router and trend tracker.
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from shared.access import effective_tlp
from shared.kafka.codecs import HEADER_TRACE_ID
from shared.models.report import TLP
from shared.stix.extension import IDENTITY_ID, get_extension
from shared.stix.references import is_reference
from tests.support.enrichment import stix_values
from tests.support.kafka import read_topic
from tests.support.pipeline import RED, REPEAT, REPORT, Records
from tests.support.producers_server import ProducersServer


async def test_reports_flow_from_the_http_api_to_the_objects_and_feed_topics(
    producers: ProducersServer, enrichment: None
) -> None:
    async with producers.client() as client:
        first = (await client.post("/api/v1/reports", json=REPORT)).json()
        repeat = (await client.post("/api/v1/reports", json=REPEAT)).json()
        red = (await client.post("/api/v1/reports", json=RED)).json()
    [first_report_id, repeat_report_id, red_report_id] = [
        next(i for i in answer["object_ids"] if i.startswith("report--")) for answer in (first, repeat, red)
    ]
    assert first_report_id != repeat_report_id

    def counted_twice(records: Records) -> bool:
        objects = stix_values(records)
        reports = {o["id"] for o in objects if o["type"] == "report"}
        return {first_report_id, repeat_report_id, red_report_id} <= reports and any(
            o["type"] == "attack-pattern" and get_extension(o).get("sighting_count") == 2 for o in objects
        )

    topics = producers.topics
    # The red report's own objects may still follow on other partitions: read until quiet.
    records = await read_topic(producers.bootstrap, topics.objects, until=counted_twice, quiet=1.5)
    objects = stix_values(records)
    assert counted_twice(records), Counter(o["type"] for o in objects)

    # Each version once.
    versions = Counter((o["id"], o.get("modified")) for o in objects)
    assert max(versions.values()) == 1, [key for key, n in versions.items() if n > 1]

    # The repeat added a sighting of the shared technique, crimefeed's constant reference (one
    # version, no count), and bumped the count of the canonical AMBER MO of the second step.
    smishing = [
        o
        for o in objects
        if is_reference(o)
        and any(ref.get("external_id") == "T1660" for ref in o.get("external_references", ()))
    ]
    assert len(smishing) == 1 and "sighting_count" not in get_extension(smishing[0])
    pattern_id = smishing[0]["id"]
    payment = [
        o for o in objects if o["type"] == "attack-pattern" and o["name"].startswith("Fake payment page")
    ]
    canonical = [o for o in payment if o["created_by_ref"] == IDENTITY_ID]
    assert len({o["id"] for o in canonical}) == 1
    assert sorted(get_extension(o)["sighting_count"] for o in canonical) == [1, 2]
    # Each report's own step (its text) is its own object.
    assert len({o["id"] for o in payment} - {o["id"] for o in canonical}) == 2
    sightings = [o for o in objects if o["type"] == "sighting" and o["sighting_of_ref"] == pattern_id]
    assert len({s["id"] for s in sightings}) == 2
    trends = sorted((get_extension(s)["trend"] for s in sightings), key=lambda t: str(t["week"]))
    assert [t["week"] for t in trends] == ["2026-W40", "2026-W41"]
    # Submissions on different partitions may be handled in either order: one of them is first.
    assert sorted(t["first_seen_mo"] for t in trends) == [False, True]
    assert all(t["country"] == "NL" and t["category"] == "fraud" for t in trends)

    # Tags: TLP, category (RSIT and Europol), technique, sectors, region.
    report = next(o for o in objects if o["id"] == first_report_id)
    tags = set(get_extension(report)["tags"])
    assert {
        "tlp:amber",
        "mitre-attack:T1660",
        'rsit:fraud="masquerade"',
        "sector:finance",
        "un-m49:150",
    } <= tags, tags
    assert "tlp:red" in get_extension(next(o for o in objects if o["id"] == red_report_id))["tags"]

    # The submission's trace id follows its objects.
    [submitted] = [
        r
        for r in await read_topic(producers.bootstrap, topics.submissions, until=lambda rs: len(rs) >= 3)
        if r.key == first["submission_id"].encode()
    ]
    trace = dict(submitted.headers)[HEADER_TRACE_ID]
    report_record = next(r for r in records if r.key == first_report_id.encode())
    assert dict(report_record.headers)[HEADER_TRACE_ID] == trace

    # TLP routing by each object's own marking: amber versions on the amber feed only, red ones
    # only on the recipient's red feed. (A location or an SCO has one id whatever the TLP, so
    # the same id can have an amber and a red version: compare versions, not ids.)
    pseudonyms = {o["id"] for o in objects if o["type"] == "identity" and o["id"] != IDENTITY_ID}

    def version_keys(values: list[dict[str, Any]], tlp: str) -> set[tuple[str, str]]:
        return {(o["id"], str(o.get("modified"))) for o in values if effective_tlp(o).value == tlp}

    amber_versions = version_keys(objects, "amber")
    # (Pseudonym identities are red, their own and name no recipients: they reach no feed.)
    red_versions = {key for key in version_keys(objects, "red") if key[0] not in pseudonyms}
    assert {first_report_id, repeat_report_id, canonical[0]["id"], pattern_id} <= {
        i for i, _ in amber_versions
    }
    assert red_report_id in {i for i, _ in red_versions}
    amber = stix_values(
        await read_topic(
            producers.bootstrap,
            topics.feed("amber"),
            until=lambda rs: len(rs) >= len(amber_versions),
            quiet=1.0,
        )
    )
    assert version_keys(amber, "amber") == amber_versions
    assert all(effective_tlp(o) is TLP.AMBER for o in amber)
    red_feed = stix_values(
        await read_topic(
            producers.bootstrap,
            topics.red_feed("be-ccb"),
            until=lambda rs: len(rs) >= len(red_versions),
            quiet=1.0,
        )
    )
    assert version_keys(red_feed, "red") == red_versions
    assert all(effective_tlp(o) is TLP.RED for o in red_feed)
    for name in ("clear", "green", "amber+strict"):
        other = stix_values(await read_topic(producers.bootstrap, topics.feed(name), quiet=1.0, timeout=3))
        assert all(effective_tlp(o).value in ("clear", name) for o in other), name
        assert not {o["id"] for o in other} & {first_report_id, repeat_report_id, red_report_id}
    other_partner = await read_topic(
        producers.bootstrap, topics.red_feed(f"nobody-{uuid.uuid4().hex[:6]}"), quiet=1.0, timeout=2
    )
    assert other_partner == []
