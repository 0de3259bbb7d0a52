"""MO clusters under scale-out and restarts, against the real broker.

A clustering decision depends only on the decisions before it, and the shared state serializes
them; so whatever the number of replicas, and across a restart mid-stream, the clusters emitted
are exactly those one uninterrupted pipeline reaches when it decides the same submissions in the
order the state recorded (the ``mo_members`` log). Another order may give other clusters: a
report joins the best cluster that exists when it is decided (docs/architecture.md).
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import orjson

from services.enrichment.app import EnrichmentService, create_app
from services.enrichment.settings import EnrichmentSettings
from services.enrichment.state import SqliteDedupStore
from shared.kafka.topics import Topics
from shared.stix.extension import get_extension
from tests.support.enrichment import DemoBundle, demo_bundles, make_enricher
from tests.support.replicas import (
    Records,
    all_outputs,
    done_sources,
    new_topics,
    produce,
    settings_for,
    stop,
    wait_done,
)

Partition = frozenset[frozenset[str]]


def decision_order(state_path: Path) -> list[str]:
    """Report ids in the order their cluster was decided (from the shared state)."""
    connection = sqlite3.connect(f"file:{state_path}?mode=ro", uri=True, timeout=10)
    try:
        rows = connection.execute("SELECT object_id FROM mo_members ORDER BY seq").fetchall()
    finally:
        connection.close()
    return [object_id for (object_id,) in rows if object_id.startswith("report--")]


def replayed(bundles: list[DemoBundle], order: list[str], tmp_path: Path) -> dict[str, str]:
    """Report id -> cluster, deciding the bundles one by one in the recorded order, in process."""
    by_report: dict[str, DemoBundle] = {}
    for bundle in bundles:
        objects = orjson.loads(bundle.value)["objects"]
        report_id = next(obj["id"] for obj in objects if obj["type"] == "report")
        by_report.setdefault(report_id, bundle)
    enricher = make_enricher(clusters=True)
    store = SqliteDedupStore(tmp_path / "replay.sqlite3")
    result: dict[str, str] = {}
    try:
        for report_id in order:
            bundle = by_report[report_id]
            prepared = enricher.prepare(bundle.value, bundle.submission_id.encode())
            with store.session() as session:
                decision = enricher.decide(session, [prepared])
            for output in decision.outputs:
                if output.obj["type"] == "report":
                    result[output.obj["id"]] = get_extension(output.obj)["mo_cluster"]["canonical_ref"]
    finally:
        store.close()
    return result


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
) -> tuple[dict[str, str], list[str]]:
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
    return cluster_map(await all_outputs(bootstrap, topics)), decision_order(settings.state_path)


async def run_with_restart(
    bootstrap: str, tmp_path: Path, bundles: list[DemoBundle]
) -> tuple[dict[str, str], list[str]]:
    topics = await new_topics(bootstrap)
    settings = settings_for(bootstrap, topics.prefix, tmp_path / "restarted", enrichment_max_records=4)
    await produce(bootstrap, topics.submissions, bundles)
    service = await start(settings, topics)
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 120
        while done_sources(settings.state_path) < len(bundles) // 3:
            assert loop.time() < deadline, done_sources(settings.state_path)
            await asyncio.sleep(0.05)
    finally:
        await stop(service)
    assert done_sources(settings.state_path) < len(bundles), "the stream was over before the restart"
    service = await start(settings, topics)  # a new process would read the same state file
    try:
        await wait_done(settings.state_path, len(bundles), timeout=180)
    finally:
        await stop(service)
    return cluster_map(await all_outputs(bootstrap, topics)), decision_order(settings.state_path)


async def test_replicas_and_a_restart_decide_clusters_as_one_pipeline_in_the_recorded_order(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    bundles = list(demo_bundles(120))
    runs = await asyncio.gather(
        run_replicas(kafka_bootstrap, tmp_path, bundles, replicas=1),
        run_replicas(kafka_bootstrap, tmp_path, bundles, replicas=2),
        run_with_restart(kafka_bootstrap, tmp_path, bundles),
    )
    for number, (emitted, order) in enumerate(runs):
        assert set(order) == set(emitted)
        assert replayed(bundles, order, tmp_path / f"replay-{number}") == emitted
        clusters = partition(emitted)
        assert len(clusters) < len(emitted)  # some reports did join another's cluster
