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
from shared.kafka.codecs import HEADER_TRACE_ID
from shared.stix.extension import get_extension
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
    "recipients": ["fr-cert"],
}


@pytest.fixture
async def enrichment(producers: ProducersServer, tmp_path: Path) -> AsyncIterator[None]:
    """The enrichment service on the producers' topics, with its own data directory."""
    settings = EnrichmentSettings(
        kafka_bootstrap=producers.bootstrap,
        kafka_idempotence=False,
        topic_prefix=producers.topics.prefix,
        data_dir=tmp_path / "enrichment",
        enrichment_session_timeout_ms=2000,
        enrichment_heartbeat_interval_ms=500,
        enrichment_batch_timeout_ms=50,
    )
    enricher = make_enricher(producers.topics, trends_path=settings.trend_state_path)
    _, service = create_app(settings, enricher=enricher)
    async with service.broker:
        await service.broker.start()
        yield
    service.store.close()


def ids_of(records: Records) -> set[str]:
    return {record.key.decode() for record in records if record.key}


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
    assert [t["first_seen_mo"] for t in trends] == [True, False]
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

    # TLP routing: amber objects on the amber feed only; red only on the recipient's red feed.
    amber_ids = {o["id"] for o in objects if get_extension(o).get("tlp") == "amber"}
    red_ids = {o["id"] for o in objects if get_extension(o).get("tlp") == "red"}
    assert {first_report_id, repeat_report_id, pattern_id} <= amber_ids and red_report_id in red_ids
    amber = await read_topic(
        producers.bootstrap, topics.feed("amber"), until=lambda rs: amber_ids <= ids_of(rs)
    )
    assert amber_ids <= ids_of(amber) and not red_ids & ids_of(amber)
    red_feed = await read_topic(
        producers.bootstrap, topics.red_feed("fr-cert"), until=lambda rs: red_report_id in ids_of(rs)
    )
    assert red_report_id in ids_of(red_feed) and not amber_ids & ids_of(red_feed)
    assert all(get_extension(o).get("tlp") == "red" for o in stix_values(red_feed))
    for name in ("clear", "green", "amber+strict"):
        other = await read_topic(producers.bootstrap, topics.feed(name), quiet=1.0, timeout=3)
        assert not (amber_ids | red_ids) & ids_of(other), name
    other_partner = await read_topic(
        producers.bootstrap, topics.red_feed(f"nobody-{uuid.uuid4().hex[:6]}"), quiet=1.0, timeout=2
    )
    assert other_partner == []
