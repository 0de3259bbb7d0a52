"""Enrichment against the real broker: DLQ, partly bad bundles, duplicates, two replicas."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from pathlib import Path

import orjson
from aiokafka import AIOKafkaProducer

from services.enrichment.app import create_app
from services.enrichment.settings import EnrichmentSettings
from shared.kafka.admin import ensure_topics
from shared.kafka.codecs import message_headers
from shared.kafka.dead_letter import HEADER_ERROR, HEADER_ERROR_TYPE, HEADER_SOURCE_TOPIC
from shared.kafka.topics import TopicDefinition, Topics
from shared.stix.extension import get_extension
from tests.support.enrichment import bundle_for, make_enricher, report
from tests.support.kafka import consume


def settings_for(bootstrap: str, tmp_path: Path, prefix: str) -> EnrichmentSettings:
    return EnrichmentSettings(
        kafka_bootstrap=bootstrap,
        topic_prefix=prefix,
        data_dir=tmp_path,
        enrichment_group_id=f"{prefix}enrichment",
        enrichment_session_timeout_ms=2000,
        enrichment_heartbeat_interval_ms=500,
        enrichment_batch_timeout_ms=50,
    )


async def produce(bootstrap: str, topic: str, messages: list[tuple[bytes, bytes]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        futures = [
            await producer.send(
                topic, value, key=key, headers=[(k, v.encode()) for k, v in message_headers("t").items()]
            )
            for key, value in messages
        ]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


async def test_bad_messages_go_to_dlq_and_valid_objects_go_on(kafka_bootstrap: str, tmp_path: Path) -> None:
    prefix = f"e{uuid.uuid4().hex[:6]}."
    topics = Topics(prefix)
    settings = settings_for(kafka_bootstrap, tmp_path, prefix)
    sid, good = bundle_for(report())
    sid2, partly = bundle_for(report(title="Tax refund phishing", tlp="amber"), partner="partner-b")
    partly["objects"].append({"type": "indicator", "id": "indicator--bad", "spec_version": "2.1"})
    # A TLP:RED report whose recipient list (tampered with) names something that cannot be a topic.
    sid3, red = bundle_for(report(title="Red MO", tlp="red", recipients=["fr-cert"]), partner="partner-c")
    unroutable = red["objects"][-1]
    assert unroutable["type"] == "report"
    get_extension(unroutable)["recipients"] = ["fr-cert", "bad recipient!"]
    await produce(
        kafka_bootstrap,
        topics.submissions,
        [
            (b"not-json", b"{oops"),
            (b"not-bundle", b'{"type": "report"}'),
            (sid2.encode(), orjson.dumps(partly)),
            (sid3.encode(), orjson.dumps(red)),
            (sid.encode(), orjson.dumps(good)),
        ],
    )
    # The recipient's red feed exists, as adding a partner creates it (see test_enrichment_pipeline).
    await ensure_topics(
        kafka_bootstrap, [TopicDefinition(topics.red_feed("fr-cert"), 1, 1)], single_node=True
    )
    _, service = create_app(settings, enricher=make_enricher(topics))
    kept = [*good["objects"], *partly["objects"][:-1], *red["objects"][:-1]]
    expected_ids = {o["id"] for o in kept}
    async with service.broker:
        await service.broker.start()
        out = await consume(kafka_bootstrap, topics.objects, expected=len(expected_ids))
        dead = await consume(kafka_bootstrap, Topics.dlq(topics.submissions), expected=4)
    await service.close()
    by_key = {record.key: {k: v.decode() for k, v in record.headers} for record in dead}
    assert by_key[b"not-json"][HEADER_ERROR_TYPE] == "DecodeError"
    assert by_key[b"not-bundle"][HEADER_ERROR_TYPE] == "InvalidBundle"
    assert by_key[sid2.encode()][HEADER_ERROR_TYPE] == "InvalidObjects"
    # The error names the object and the field, never the submitted value.
    assert "'id' must be indicator--<uuid>" in by_key[sid2.encode()][HEADER_ERROR]
    assert "indicator--bad" not in by_key[sid2.encode()][HEADER_ERROR]
    assert "bad recipient!" in by_key[sid3.encode()][HEADER_ERROR]
    assert all(h[HEADER_SOURCE_TOPIC] == topics.submissions for h in by_key.values())
    [red_dead] = [r for r in dead if r.key == sid3.encode()]
    assert [o["id"] for o in orjson.loads(red_dead.value)["objects"]] == [unroutable["id"]]
    # Every valid object of both bundles went on, each version once.
    assert {record.key.decode() for record in out} == expected_ids
    versions = Counter((r.key, orjson.loads(r.value).get("modified")) for r in out)
    assert max(versions.values()) == 1
    # The amber bundle's own objects never reach the green feed.
    green = await consume(kafka_bootstrap, topics.feed("green"), expected=len(good["objects"]), timeout=5)
    green_objects = [orjson.loads(r.value) for r in green]
    assert all(get_extension(o).get("tlp") != "amber" for o in green_objects)
