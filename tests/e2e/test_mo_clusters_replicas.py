"""MO clusters under scale-out and restarts, against the real broker.

The shared state serializes clustering decisions, so whatever the number of replicas, and across
a restart mid-stream, every report is emitted with the one cluster the state recorded for it
(the ``mo_members`` log), every version names the same cluster, and a cluster's canonical is one
of its members. Which cluster a report joins depends on what was decided before it, and also on
how submissions fell into batches (near duplicates new in one batch): replaying the recorded
order one report at a time is not guaranteed to give the same clusters (docs/architecture.md).
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import orjson

from services.enrichment.app import EnrichmentService, create_app
from services.enrichment.settings import EnrichmentSettings
from services.enrichment.state import done_submissions
from shared.kafka.topics import Topics
from shared.stix.extension import get_extension
from tests.support.enrichment import DemoBundle, demo_bundles, make_enricher
from tests.support.replicas import (
    Records,
    all_outputs,
    new_topics,
    produce,
    settings_for,
    stop,
    wait_done,
)

Partition = frozenset[frozenset[str]]


def recorded_clusters(state_path: Path) -> dict[str, str]:
    """Report id -> the cluster the shared state recorded when it decided the report."""
    connection = sqlite3.connect(f"file:{state_path}?mode=ro", uri=True, timeout=10)
    try:
        rows = connection.execute("SELECT object_id, cluster_id FROM mo_members ORDER BY seq").fetchall()
    finally:
        connection.close()
    recorded: dict[str, str] = {}
    for object_id, cluster_id in rows:
        if object_id.startswith("report--"):
            recorded.setdefault(object_id, cluster_id)
    return recorded


async def start(settings: EnrichmentSettings, topics: Topics) -> EnrichmentService:
    enricher = make_enricher(topics, trends_path=settings.trend_state_path, clusters=True)
    _, service = create_app(settings, enricher=enricher)
    await service.broker.start()
    return service


def cluster_map(records: Records) -> dict[str, str]:
    """Report id -> its MO cluster; every version of a report names the same one."""
    cluster_of: dict[str, str] = {}
    for record in records:
        obj = orjson.loads(record.value)
        if obj["type"] != "report":
            continue
        cluster = get_extension(obj)["mo_cluster"]["canonical_ref"]
        assert cluster_of.setdefault(obj["id"], cluster) == cluster, obj["id"]
    return cluster_of


def partition(cluster_of: dict[str, str]) -> Partition:
    """The clusters as sets of report ids (each cluster's canonical is one of its members)."""
    groups: dict[str, set[str]] = {}
    for report_id, cluster in cluster_of.items():
        groups.setdefault(cluster, set()).add(report_id)
    assert all(cluster in members for cluster, members in groups.items())
    return frozenset(frozenset(members) for members in groups.values())


async def run_replicas(
    bootstrap: str, tmp_path: Path, bundles: list[DemoBundle], replicas: int
) -> tuple[dict[str, str], dict[str, str]]:
    topics = await new_topics(bootstrap)
    settings = settings_for(bootstrap, topics.prefix, tmp_path / f"replicas-{replicas}")
    half = len(bundles) // 2
    await produce(bootstrap, topics.submissions, bundles[:half])
    services = [await start(settings, topics) for _ in range(replicas)]
    try:
        await produce(bootstrap, topics.submissions, bundles[half:])
        await wait_done(settings.state_path, len(bundles), timeout=180)
    finally:
        for service in services:
            await stop(service)
    return cluster_map(await all_outputs(bootstrap, topics)), recorded_clusters(settings.state_path)


async def run_with_restart(
    bootstrap: str, tmp_path: Path, bundles: list[DemoBundle]
) -> tuple[dict[str, str], dict[str, str]]:
    topics = await new_topics(bootstrap)
    settings = settings_for(bootstrap, topics.prefix, tmp_path / "restarted", enrichment_max_records=4)
    await produce(bootstrap, topics.submissions, bundles)
    service = await start(settings, topics)
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 120
        while done_submissions(settings.state_path) < len(bundles) // 3:
            assert loop.time() < deadline, done_submissions(settings.state_path)
            await asyncio.sleep(0.05)
    finally:
        await stop(service)
    assert done_submissions(settings.state_path) < len(bundles), "the stream was over before the restart"
    service = await start(settings, topics)  # a new process would read the same state file
    try:
        await wait_done(settings.state_path, len(bundles), timeout=180)
    finally:
        await stop(service)
    return cluster_map(await all_outputs(bootstrap, topics)), recorded_clusters(settings.state_path)


async def test_replicas_and_a_restart_emit_the_clusters_the_shared_state_decided(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    bundles = list(demo_bundles(120))
    runs = await asyncio.gather(
        run_replicas(kafka_bootstrap, tmp_path, bundles, replicas=1),
        run_replicas(kafka_bootstrap, tmp_path, bundles, replicas=2),
        run_with_restart(kafka_bootstrap, tmp_path, bundles),
    )
    for emitted, recorded in runs:
        assert emitted == recorded
        clusters = partition(emitted)
        assert len(clusters) < len(emitted)  # some reports did join another's cluster
