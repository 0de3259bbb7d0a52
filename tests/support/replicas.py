"""Enrichment replicas on the real broker: topics, producing demo bundles, starting and stopping
in-process services and `python -m services.enrichment` processes, reading what they decided."""

from __future__ import annotations

import asyncio
import functools
import os
import subprocess
import sys
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.structs import ConsumerRecord, TopicPartition

from services.enrichment.app import EnrichmentService, create_app
from services.enrichment.settings import EnrichmentSettings
from services.enrichment.state import done_submissions
from services.producers.demo.generator import generate_demo_set
from shared.kafka.admin import ensure_topics
from shared.kafka.codecs import message_headers
from shared.kafka.topics import TopicDefinition, Topics, topic_definitions
from tests.support.enrichment import DemoBundle, make_enricher
from tests.support.kafka import partitions, read_topic

ROOT = Path(__file__).resolve().parents[2]
Records = list[ConsumerRecord[bytes, bytes]]


def settings_for(bootstrap: str, prefix: str, data_dir: Path, **extra: Any) -> EnrichmentSettings:
    return EnrichmentSettings(
        kafka_bootstrap=bootstrap,
        topic_prefix=prefix,
        data_dir=data_dir,
        # One group per test: tests share the broker, and a group spans every topic its
        # members subscribe to.
        enrichment_group_id=f"{prefix}enrichment",
        enrichment_session_timeout_ms=2000,
        enrichment_heartbeat_interval_ms=500,
        enrichment_batch_timeout_ms=50,
        **extra,
    )


async def new_topics(bootstrap: str) -> Topics:
    """The real topic definitions (12 submission partitions for replicas to share), plus the
    TLP:RED feeds of the demo partners, as adding a partner creates them. (Left to auto-creation
    on first publish, Tansu sometimes answers the producer's metadata request only after the
    40 s request timeout, which stalls the batch that long before it is retried.)"""
    prefix = f"r{uuid.uuid4().hex[:8]}."
    topics = Topics(prefix)
    red = [TopicDefinition(topics.red_feed(partner), 1, 1) for partner in demo_partner_ids()]
    await ensure_topics(bootstrap, [*topic_definitions(prefix), *red], single_node=True)
    return topics


@functools.cache
def demo_partner_ids() -> tuple[str, ...]:
    return tuple(partner.partner_id for partner in generate_demo_set(size=1).partners)


async def produce(bootstrap: str, topic: str, bundles: Sequence[DemoBundle], pause: float = 0.0) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False, linger_ms=5)
    await producer.start()
    try:
        for bundle in bundles:
            headers = [(k, v.encode()) for k, v in message_headers(bundle.trace_id).items()]
            await producer.send(topic, bundle.value, key=bundle.submission_id.encode(), headers=headers)
            if pause:
                await asyncio.sleep(pause)
        await producer.flush()
    finally:
        await producer.stop()


async def wait_done(state_path: Path, expected: int, timeout: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while done_submissions(state_path) < expected:
        assert loop.time() < deadline, f"{done_submissions(state_path)} of {expected} submissions done"
        await asyncio.sleep(0.1)


async def start(settings: EnrichmentSettings, topics: Topics) -> EnrichmentService:
    enricher = make_enricher(topics, trends_path=settings.trend_state_path)
    _, service = create_app(settings, enricher=enricher)
    await service.broker.start()
    return service


async def stop(service: EnrichmentService) -> None:
    await service.broker.stop()
    await service.close()
    service.store.close()


async def all_outputs(bootstrap: str, topics: Topics) -> Records:
    return await read_topic(bootstrap, topics.objects, quiet=1.5, timeout=30)


async def wait_publishing(bootstrap: str, topic: str, timeout: float = 60.0) -> None:
    """Until a new record is written to `topic`, read as written (open transactions included):
    a process killed right then most likely dies while publishing a batch."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, isolation_level="read_uncommitted", enable_auto_commit=False
    )
    await consumer.start()
    try:
        assigned = [TopicPartition(topic, number) for number in await partitions(bootstrap, topic)]
        consumer.assign(assigned)
        await consumer.seek_to_end(*assigned)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not any((await consumer.getmany(timeout_ms=100)).values()):
            assert loop.time() < deadline, f"nothing written to {topic} in {timeout:g} s"
    finally:
        await consumer.stop()


def output_topics(topics: Topics) -> list[str]:
    """Every topic enrichment writes: objects, the TLP feeds, the demo partners' red feeds, and
    the submissions' dead letters."""
    feeds = [topics.feed(tlp) for tlp in ("clear", "green", "amber", "amber+strict")]
    red = [topics.red_feed(partner) for partner in demo_partner_ids()]
    return [topics.objects, *feeds, *red, Topics.dlq(topics.submissions)]


async def every_output(bootstrap: str, topics: Topics) -> dict[str, Records]:
    """The committed records of every output topic, by topic."""
    names = output_topics(topics)
    read = await asyncio.gather(*(read_topic(bootstrap, name, quiet=1.5, timeout=30) for name in names))
    return dict(zip(names, read, strict=True))


def duplicates(records: Records) -> int:
    """Records that repeat an earlier record of the topic byte for byte (key and value)."""
    return len(records) - len({(record.key, record.value) for record in records})


def once_per_version(records: Records) -> list[dict[str, Any]]:
    objects = [orjson.loads(r.value) for r in records]
    versions = Counter((o["id"], o.get("modified")) for o in objects)
    assert max(versions.values()) == 1, [key for key, n in versions.items() if n > 1][:5]
    return objects


def one_content_per_version(records: Records) -> list[dict[str, Any]]:
    """One object per (id, modified), checking every copy of a version is byte for byte the same.

    Without Kafka transactions a batch whose outputs were sent but whose offsets were not yet
    committed is sent again after a crash or a rebalance, byte for byte (README, enrichment);
    what must never happen is one version with two contents.
    """
    contents: dict[tuple[str, str], set[bytes]] = defaultdict(set)
    for record in records:
        obj = orjson.loads(record.value)
        contents[(obj["id"], str(obj.get("modified")))].add(record.value)
    twice = [key for key, values in contents.items() if len(values) > 1]
    assert not twice, f"versions with two contents: {twice[:5]}"
    return [orjson.loads(next(iter(values))) for values in contents.values()]


def enrichment_process(bootstrap: str, topics: Topics, data_dir: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "CRIMEFEED_KAFKA_BOOTSTRAP": bootstrap,
        "CRIMEFEED_TOPIC_PREFIX": topics.prefix,
        "CRIMEFEED_DATA_DIR": str(data_dir),
        "CRIMEFEED_ENRICHMENT_GROUP_ID": f"{topics.prefix}enrichment",
        "CRIMEFEED_ENRICHMENT_SESSION_TIMEOUT_MS": "2000",
        "CRIMEFEED_ENRICHMENT_HEARTBEAT_INTERVAL_MS": "500",
        "CRIMEFEED_ENRICHMENT_BATCH_TIMEOUT_MS": "20",
        # Small batches: many commits, so the kill lands between some of them.
        "CRIMEFEED_ENRICHMENT_MAX_RECORDS": "4",
    }
    with log.open("ab") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "services.enrichment"], cwd=ROOT, env=env, stdout=sink, stderr=sink
        )


async def wait_group_stable(bootstrap: str, group_id: str, members: int, timeout: float = 60.0) -> None:
    """Until the consumer group is `Stable` with `members` members (each has its partitions)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            (response,) = await admin.describe_consumer_groups([group_id])
            (group,) = response.groups
            state, joined = group[2], len(group[5])
            if state == "Stable" and joined == members:
                return
            assert loop.time() < deadline, f"group {group_id}: {state} with {joined} of {members} members"
            await asyncio.sleep(0.1)
    finally:
        await admin.close()
