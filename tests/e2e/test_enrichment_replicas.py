"""Enrichment under scale-out and crashes, against the real broker.

- Two replicas in one consumer group reach the same result as one replica on the same input
  (same ids, same dedup groups, same sighting counts; not necessarily the same canonicals).
- A replica killed with SIGKILL mid-stream and restarted loses nothing and emits every version
  of every object with one content; the only repeats are byte-identical republications of the
  outbox batch that was in flight when it died (see test_sigkill_mid_stream...).
"""

from __future__ import annotations

import asyncio
import functools
import os
import signal
import sqlite3
import subprocess
import sys
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaProducer
from aiokafka.structs import ConsumerRecord

from services.enrichment.app import EnrichmentService, create_app
from services.enrichment.settings import EnrichmentSettings
from services.producers.demo.generator import generate_demo_set
from shared.kafka.admin import ensure_topics
from shared.kafka.codecs import message_headers
from shared.kafka.topics import TopicDefinition, Topics, topic_definitions
from tests.services.enrichment.helpers import (
    DedupSummary,
    DemoBundle,
    dedup_summary,
    demo_bundles,
    make_enricher,
    read_topic,
)

ROOT = Path(__file__).resolve().parents[2]
Records = list[ConsumerRecord[bytes, bytes]]


def settings_for(bootstrap: str, prefix: str, data_dir: Path, **extra: Any) -> EnrichmentSettings:
    return EnrichmentSettings(
        kafka_bootstrap=bootstrap,
        kafka_idempotence=False,
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


def done_sources(state_path: Path) -> int:
    """Submissions whose outputs the broker confirmed (read from the shared dedup state)."""
    if not state_path.exists():
        return 0
    connection = sqlite3.connect(f"file:{state_path}?mode=ro", uri=True, timeout=10)
    try:
        (count,) = connection.execute(
            "SELECT COUNT(*) FROM sources JOIN outbox USING (batch_id) WHERE done = 1"
        ).fetchone()
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0
    finally:
        connection.close()
    return int(count)


async def wait_done(state_path: Path, expected: int, timeout: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while done_sources(state_path) < expected:
        assert loop.time() < deadline, f"{done_sources(state_path)} of {expected} submissions done"
        await asyncio.sleep(0.1)


async def start(settings: EnrichmentSettings, topics: Topics) -> EnrichmentService:
    enricher = make_enricher(topics, trends_path=settings.trend_state_path)
    _, service = create_app(settings, enricher=enricher)
    await service.broker.start()
    return service


async def stop(service: EnrichmentService) -> None:
    await service.broker.stop()
    service.store.close()


async def all_outputs(bootstrap: str, topics: Topics) -> Records:
    return await read_topic(bootstrap, topics.objects, quiet=1.5, timeout=30)


def once_per_version(records: Records) -> list[dict[str, Any]]:
    objects = [orjson.loads(r.value) for r in records]
    versions = Counter((o["id"], o.get("modified")) for o in objects)
    assert max(versions.values()) == 1, [key for key, n in versions.items() if n > 1][:5]
    return objects


async def run_group(
    bootstrap: str, tmp_path: Path, bundles: Sequence[DemoBundle], replicas: int
) -> DedupSummary:
    """Half the input, then `replicas` replicas join one group, then the other half."""
    topics = await new_topics(bootstrap)
    settings = settings_for(bootstrap, topics.prefix, tmp_path / f"replicas-{replicas}")
    half = len(bundles) // 2
    await produce(bootstrap, topics.submissions, bundles[:half])
    services = [await start(settings, topics) for _ in range(replicas)]
    try:
        await asyncio.sleep(3)  # both members joined: the second half spreads over both
        await produce(bootstrap, topics.submissions, bundles[half:])
        await wait_done(settings.state_path, len(bundles))
    finally:
        for service in services:
            await stop(service)
    assert all(service.batches > 0 for service in services), [s.batches for s in services]
    return dedup_summary(once_per_version(await all_outputs(bootstrap, topics)))


async def test_two_replicas_in_one_group_reach_the_result_of_one(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    bundles = demo_bundles(120)
    one, two = await asyncio.gather(
        run_group(kafka_bootstrap, tmp_path, bundles, replicas=1),
        run_group(kafka_bootstrap, tmp_path, bundles, replicas=2),
    )
    assert two.ids == one.ids
    assert two.groups == one.groups and len(one.groups) > 10
    assert two.events == one.events and max(one.events.values()) > 1


def enrichment_process(bootstrap: str, topics: Topics, data_dir: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "CRIMEFEED_KAFKA_BOOTSTRAP": bootstrap,
        "CRIMEFEED_TOPIC_PREFIX": topics.prefix,
        "CRIMEFEED_DATA_DIR": str(data_dir),
        "CRIMEFEED_ENRICHMENT_GROUP_ID": f"{topics.prefix}enrichment",
        "CRIMEFEED_KAFKA_IDEMPOTENCE": "false",
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


async def test_sigkill_mid_stream_loses_nothing_and_each_version_has_one_content(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    """What the design guarantees, and what this checks:
    - nothing lost: every submission is processed and every object of the reference run is out;
    - one content per (id, modified): no version is ever decided twice;
    - the only repeated records are the outbox batch that was published but not yet marked done
      when the process died: republished byte for byte on restart (Kafka without transactions
      cannot make publish + commit atomic; consumers write idempotently by (id, modified))."""
    bundles = demo_bundles(120)
    topics = await new_topics(kafka_bootstrap)
    data_dir = tmp_path / "killed"
    state = EnrichmentSettings(data_dir=data_dir).state_path
    log = tmp_path / "enrichment.log"
    feeder = asyncio.create_task(produce(kafka_bootstrap, topics.submissions, bundles, pause=0.03))
    process = enrichment_process(kafka_bootstrap, topics, data_dir, log)
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 40
        while done_sources(state) < 15:
            assert process.poll() is None and loop.time() < deadline, log.read_text()[-2000:]
            await asyncio.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
        killed_at = done_sources(state)
        assert killed_at < len(bundles), "the stream was over before the kill"
        process = enrichment_process(kafka_bootstrap, topics, data_dir, log)
        await feeder
        await wait_done(state, len(bundles))
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0, log.read_text()[-2000:]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        feeder.cancel()
    records = await all_outputs(kafka_bootstrap, topics)

    # Reference: the same input through one in-process replica, no crash.
    reference_topics = await new_topics(kafka_bootstrap)
    await produce(kafka_bootstrap, reference_topics.submissions, bundles)
    reference_settings = settings_for(kafka_bootstrap, reference_topics.prefix, tmp_path / "reference")
    service = await start(reference_settings, reference_topics)
    try:
        await wait_done(reference_settings.state_path, len(bundles))
    finally:
        await stop(service)
    reference = once_per_version(await all_outputs(kafka_bootstrap, reference_topics))

    contents: dict[tuple[str, str], set[bytes]] = defaultdict(set)
    for record in records:
        obj = orjson.loads(record.value)
        contents[(obj["id"], str(obj.get("modified")))].add(record.value)
    assert all(len(values) == 1 for values in contents.values()), "a version with two contents"
    objects = [orjson.loads(next(iter(values))) for values in contents.values()]
    summary = dedup_summary(objects)
    expected = dedup_summary(reference)
    assert summary.ids == expected.ids
    assert summary.groups == expected.groups
    assert summary.events == expected.events
    repeats = len(records) - len(contents)
    # At most the one batch in flight (4 submissions of up to ~40 objects) is published again.
    assert repeats <= 4 * 60, repeats
