"""Enrichment under scale-out and crashes, against the real broker.

- Two replicas in one consumer group reach the same result as one replica on the same input:
  the same ids, the same exact-duplicate groups, the same sighting counts in every dedup group
  both drew alike (not necessarily the same canonicals; near-duplicate groups depend on the
  order submissions are decided in, which the replicas share out differently).
- A replica killed with SIGKILL mid-stream and restarted loses nothing and emits every version
  of every object with one content. On a broker with transactions (Apache Kafka) no output
  topic holds a single repeated record; without them (the embedded broker) the only repeats are
  byte-identical republications of the outbox batch that was in flight when it died (see
  test_sigkill_mid_stream...).
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Sequence
from pathlib import Path

from services.enrichment.settings import EnrichmentSettings
from services.enrichment.state import done_submissions
from shared.kafka.capabilities import broker_capabilities
from tests.support.enrichment import (
    DedupSummary,
    DemoBundle,
    dedup_summary,
    demo_bundles,
    same_outcome,
)
from tests.support.kafka import read_topic
from tests.support.replicas import (
    all_outputs,
    duplicates,
    enrichment_process,
    every_output,
    new_topics,
    once_per_version,
    one_content_per_version,
    produce,
    settings_for,
    start,
    stop,
    wait_done,
    wait_group_stable,
    wait_publishing,
)


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
        # Every member joined: the second half spreads over all of them.
        await wait_group_stable(bootstrap, settings.enrichment_group_id, replicas)
        await produce(bootstrap, topics.submissions, bundles[half:])
        await wait_done(settings.state_path, len(bundles))
    finally:
        for service in services:
            await stop(service)
    assert all(service.batches > 0 for service in services), [s.batches for s in services]
    # A rebalance mid-stream (a member slow to heartbeat) republishes its batch in flight.
    return dedup_summary(one_content_per_version(await all_outputs(bootstrap, topics)))


async def test_two_replicas_in_one_group_reach_the_result_of_one(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    bundles = demo_bundles(120)
    one, two = await asyncio.gather(
        run_group(kafka_bootstrap, tmp_path, bundles, replicas=1),
        run_group(kafka_bootstrap, tmp_path, bundles, replicas=2),
    )
    assert same_outcome(two, one) == []
    assert len(one.exact_groups) > 10 and len(one.groups) > len(one.exact_groups)
    assert max(one.events.values()) > 1


async def test_sigkill_mid_stream_loses_nothing_and_each_version_has_one_content(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    """What the design guarantees, and what this checks:
    - nothing lost: every submission is processed and every object of the reference run is out;
    - one content per (id, modified): no version is ever decided twice;
    - every submission counted once: each dedup group drawn as in the reference counts the same
      submissions, and exact duplicates are grouped alike (near-duplicate groups may differ, as
      the restart decides the backlog in another order than the reference);
    - with transactions, not one record repeated on any output topic (objects, feeds, red feeds,
      dead letters): what the killed process published in its open transaction is aborted, and
      its redelivery republishes it in a committed one;
    - without them, the only repeated records are the outbox batch that was published but not
      yet marked done when the process died: republished byte for byte on restart (publish and
      commit are not atomic; consumers write idempotently by (id, modified))."""
    bundles = demo_bundles(120)
    topics = await new_topics(kafka_bootstrap)
    data_dir = tmp_path / "killed"
    state = EnrichmentSettings(data_dir=data_dir).state_path
    log = tmp_path / "enrichment.log"
    feeder = asyncio.create_task(produce(kafka_bootstrap, topics.submissions, bundles, pause=0.03))
    process = enrichment_process(kafka_bootstrap, topics, data_dir, log)
    try:
        loop = asyncio.get_running_loop()
        # The first batches load the MO-clustering model and embed every new report.
        deadline = loop.time() + 120
        while done_submissions(state) < 15:
            assert process.poll() is None and loop.time() < deadline, log.read_text()[-2000:]
            await asyncio.sleep(0.02)
        # Killed as the next batch is being published: inside its transaction, or (without
        # transactions) before it is marked done.
        await wait_publishing(kafka_bootstrap, topics.objects)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
        killed_at = done_submissions(state)
        assert killed_at < len(bundles), "the stream was over before the kill"
        process = enrichment_process(kafka_bootstrap, topics, data_dir, log)
        await feeder
        await wait_done(state, len(bundles), timeout=240)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0, log.read_text()[-2000:]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        feeder.cancel()
    outputs = await every_output(kafka_bootstrap, topics)
    records = outputs[topics.objects]

    # Reference: the same input through one in-process replica, no crash.
    reference_topics = await new_topics(kafka_bootstrap)
    await produce(kafka_bootstrap, reference_topics.submissions, bundles)
    reference_settings = settings_for(kafka_bootstrap, reference_topics.prefix, tmp_path / "reference")
    service = await start(reference_settings, reference_topics)
    try:
        await wait_done(reference_settings.state_path, len(bundles), timeout=240)
    finally:
        await stop(service)
    reference = once_per_version(await all_outputs(kafka_bootstrap, reference_topics))

    objects = one_content_per_version(records)
    summary = dedup_summary(objects)
    expected = dedup_summary(reference)
    assert same_outcome(summary, expected) == []
    repeats = {topic: duplicates(out) for topic, out in outputs.items()}
    # Also what the aborted transaction of the killed process left in the log (never read).
    written = await read_topic(kafka_bootstrap, topics.objects, quiet=1.5, timeout=30, committed_only=False)
    print(  # the figures of the exactly-once check (pytest -s shows them)
        f"SIGKILL after {killed_at} of {len(bundles)} submissions: "
        f"{sum(len(out) for out in outputs.values())} records out on {len(outputs)} topics "
        f"({len(records)} objects; {len(written) - len(records)} more in aborted transactions), "
        f"{sum(repeats.values())} duplicates"
    )
    assert len(records) - len(objects) == repeats[topics.objects]
    if broker_capabilities(EnrichmentSettings(kafka_bootstrap=kafka_bootstrap)).transactions:
        assert sum(repeats.values()) == 0, repeats
    else:
        # At most the one batch in flight (4 submissions of up to ~40 objects) is published again.
        assert sum(repeats.values()) <= 4 * 60, repeats
