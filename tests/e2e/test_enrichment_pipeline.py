"""End to end: the producers' HTTP API -> the real broker -> enrichment -> objects and feed topics.

Everything is real: a uvicorn producers server (the `producers` fixture), the Tansu broker, and
the enrichment service in-process with the production tagger, router and trend tracker.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiokafka.structs import ConsumerRecord

from services.enrichment.app import create_app
from services.enrichment.settings import EnrichmentSettings
from shared.access import effective_tlp
from shared.kafka.admin import ensure_topics
from shared.kafka.codecs import HEADER_TRACE_ID
from shared.kafka.topics import TopicDefinition
from shared.models.report import TLP
from shared.stix.extension import IDENTITY_ID, get_extension
from tests.services.enrichment.helpers import make_enricher, read_topic, stix_values
from tests.services.producers.conftest import ProducersServer

Records = list[ConsumerRecord[bytes, bytes]]

REPORT: dict[str, Any] = {
    "title": "Parcel-delivery smishing leading to card enrolment in mobile wallets",
    "narrative": "Victim Jane Doe (jane.doe@mail.example) paid a redelivery fee on "
    "parcel-redelivery-fee.example and her card was enrolled in a mobile wallet.",
    "crime_category": "fraud",
    "modus_operandi": [
        {"description": "SMS lure about a held parcel with a link", "technique_id": "T1660"},
        {"description": "Fake payment page harvests card data and OTP"},
    ],
    "indicators": [{"type": "domain-name", "value": "parcel-redelivery-fee.example"}],
    "first_seen": "2026-10-01T13:45:12Z",
    "country": "NL",
    "sectors": ["finance", "logistics"],
    "tlp": "amber",
}
# The same MO reported again (another case, other words in the narrative, same MO steps).
REPEAT: dict[str, Any] = {
    **REPORT,
    "title": "Smishing wave: parcel fee texts, wallet enrolment",
    "narrative": "A second victim paid a small customs fee after a text about a parcel.",
    "first_seen": "2026-10-08T09:00:00Z",
}
RED: dict[str, Any] = {
    "title": "Telecom insider sells SIM swaps",
    "narrative": "An employee of a phone shop swaps SIM cards of targeted customers for a fee.",
    "crime_category": "sim-swapping",
    "modus_operandi": [{"description": "Insider at a phone shop swaps the SIM card for a bribe"}],
    "country": "NL",
    "tlp": "red",
    "recipients": ["be-ccb"],
}


@pytest.fixture
async def enrichment(producers: ProducersServer, tmp_path: Path) -> AsyncIterator[None]:
    """The enrichment service on the producers' topics, with its own data directory."""
    settings = EnrichmentSettings(
        kafka_bootstrap=producers.bootstrap,
        kafka_idempotence=False,
        topic_prefix=producers.topics.prefix,
        data_dir=tmp_path / "enrichment",
        enrichment_group_id=f"{producers.topics.prefix}enrichment",
        enrichment_session_timeout_ms=2000,
        enrichment_heartbeat_interval_ms=500,
        enrichment_batch_timeout_ms=50,
    )
    # The partners' TLP:RED feeds exist, as adding a partner creates them. (Left to auto-creation
    # on first publish, Tansu may answer that produce request only after the 40 s timeout.)
    red = [TopicDefinition(producers.topics.red_feed(p), 1, 1) for p in ("nl-police", "be-ccb")]
    await ensure_topics(producers.bootstrap, red, single_node=True)
    enricher = make_enricher(producers.topics, trends_path=settings.trend_state_path)
    _, service = create_app(settings, enricher=enricher)
    async with service.broker:
        await service.broker.start()
        yield
    service.store.close()


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
    records = await read_topic(producers.bootstrap, topics.objects, until=counted_twice)
    objects = stix_values(records)
    assert counted_twice(records), Counter(o["type"] for o in objects)

    # Each version once.
    versions = Counter((o["id"], o.get("modified")) for o in objects)
    assert max(versions.values()) == 1, [key for key, n in versions.items() if n > 1]

    # The repeat added a sighting and bumped the count: no second attack-pattern.
    smishing = [
        o
        for o in objects
        if o["type"] == "attack-pattern"
        and any(ref.get("external_id") == "T1660" for ref in o.get("external_references", ()))
    ]
    assert len({o["id"] for o in smishing}) == 1
    pattern_id = smishing[0]["id"]
    assert sorted(get_extension(o)["sighting_count"] for o in smishing) == [1, 2]
    latest = max(smishing, key=lambda o: o["modified"])
    assert get_extension(latest)["sighting_count"] == 2
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
    # (The pseudonym identity of a red report is red but names no recipients: it reaches no feed.)
    red_versions = {key for key in version_keys(objects, "red") if key[0] not in pseudonyms}
    assert {first_report_id, repeat_report_id, pattern_id} <= {i for i, _ in amber_versions}
    assert red_report_id in {i for i, _ in red_versions}
    amber = stix_values(
        await read_topic(
            producers.bootstrap,
            topics.feed("amber"),
            until=lambda rs: len(rs) >= len(amber_versions),
        )
    )
    assert version_keys(amber, "amber") == amber_versions
    assert all(effective_tlp(o) is TLP.AMBER for o in amber)
    red_feed = stix_values(
        await read_topic(
            producers.bootstrap,
            topics.red_feed("be-ccb"),
            until=lambda rs: len(rs) >= len(red_versions),
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
