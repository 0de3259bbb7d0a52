"""Enrichment benchmark: one replica against the real broker, and near-duplicate quality.

1. Throughput: demo MO reports go through the real producers' submission path (anonymize,
   build STIX) and are published to a Tansu broker this script starts; then one enrichment
   replica (production components: validation, fingerprints, MinHash, taxonomy tags, trends,
   TLP routing, SQLite dedup state with outbox, MO clusters) consumes them all, its sentence
   encoder loaded beforehand. Prints objects/s and the CPU microseconds per object of the
   replica's process and its encoder process, measured from its first batch to its last.
2. Near duplicates on the labelled corpus (tests/services/enrichment/corpus.py) at several
   thresholds: precision, recall, false merges.
4. MO clusters on the labelled set bench/data/mo_reports.json (bench/mo_eval.py): pairwise
   precision, recall, cross-language recall and look-alike false merges, per half.
3. Near duplicates on the demo set, whose generator records the ground truth: a "reworded"
   report is the same campaign reported by another partner in other words (it should link to
   its original), and every scenario has a look-alike scenario it must never merge with.

Target: >= 2,500 objects/s for one replica. Usage:
    python bench/enrichment.py [--reports N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaProducer

from services.embedded.broker import EmbeddedBroker, free_port
from services.enrichment.app import create_app
from services.enrichment.settings import EnrichmentSettings
from services.enrichment.state import SqliteDedupStore, done_submissions
from services.producers.demo.generator import DemoSet, DemoSubmission, generate_demo_set
from services.producers.submission import SubmissionService
from shared.anonymization.policy import load_policy
from shared.anonymization.text import TextAnonymizer
from shared.kafka.admin import ensure_topics
from shared.kafka.batch_consumer import DeadLetter
from shared.kafka.codecs import message_headers
from shared.kafka.topics import TopicDefinition, Topics, topic_definitions
from shared.models.report import MOReport
from shared.stix.extension import get_extension


@dataclass(frozen=True)
class Submitted:
    submission_id: str
    value: bytes
    trace_id: str
    objects: int
    report_id: str
    truth: DemoSubmission


def build(demo: DemoSet) -> list[Submitted]:
    service = SubmissionService(TextAnonymizer(load_policy()), b"bench-pseudonym-key")
    result = []
    for submission in demo.submissions:
        prepared = service.prepare_report(MOReport.model_validate(submission.report), submission.partner_id)
        objects = prepared.bundle["objects"]
        report_id = next(obj["id"] for obj in objects if obj["type"] == "report")
        result.append(
            Submitted(
                prepared.submission_id,
                orjson.dumps(prepared.bundle),
                prepared.trace_id,
                len(objects),
                report_id,
                submission,
            )
        )
    return result


async def throughput(submitted: list[Submitted], partners: list[str]) -> None:
    with tempfile.TemporaryDirectory() as data_dir, EmbeddedBroker(port=free_port()) as broker:
        topics = Topics("bench.")
        red = [TopicDefinition(topics.red_feed(partner), 1, 1) for partner in partners]
        await ensure_topics(broker.bootstrap, [*topic_definitions(topics.prefix), *red], single_node=True)
        producer = AIOKafkaProducer(
            bootstrap_servers=broker.bootstrap, enable_idempotence=False, linger_ms=10, max_batch_size=1 << 20
        )
        await producer.start()
        try:
            for item in submitted:
                headers = [(k, v.encode()) for k, v in message_headers(item.trace_id).items()]
                await producer.send(
                    topics.submissions, item.value, key=item.submission_id.encode(), headers=headers
                )
            await producer.flush()
        finally:
            await producer.stop()

        settings = EnrichmentSettings(
            kafka_bootstrap=broker.bootstrap,
            kafka_idempotence=False,
            topic_prefix=topics.prefix,
            data_dir=Path(data_dir),
            enrichment_session_timeout_ms=2000,
            enrichment_heartbeat_interval_ms=500,
        )
        _, service = create_app(settings)
        marks: list[tuple[float, float]] = []
        handle = service.consumer.handler

        async def timed(records: Sequence[Any]) -> Sequence[DeadLetter]:
            if not marks:
                marks.append((time.perf_counter(), replica_cpu(broker)))
            return await handle(records)

        service.consumer.handler = timed
        if service.enricher.clusterer is not None:
            # The sentence encoder loads on first use (a second or two, once per process): the
            # figure is the replica's steady throughput, as bench/e2e.py's after its warm-up.
            await asyncio.to_thread(service.enricher.clusterer.embedder.embed, ["warm-up"])
        await service.broker.start()
        try:
            while done_submissions(settings.state_path) < len(submitted):
                await asyncio.sleep(0.05)
            end = (time.perf_counter(), replica_cpu(broker))
        finally:
            await service.broker.stop()
            await service.close()
            service.store.close()
    wall, cpu = end[0] - marks[0][0], end[1] - marks[0][1]
    objects = sum(item.objects for item in submitted)
    print(f"submissions: {len(submitted)}, STIX objects in: {objects}, batches: {service.batches}")
    print(f"decisions: {dict(sorted(service.counters.items()))}")
    print(f"throughput: {objects / wall:,.0f} objects/s ({len(submitted) / wall:,.0f} submissions/s)")
    print(
        f"CPU: {cpu / objects * 1e6:,.0f} µs per object (the replica's process and its encoder process; "
        "the broker runs apart)"
    )


def replica_cpu(broker: EmbeddedBroker) -> float:
    """CPU of this process and its descendants (the replica's encoder process), less the broker's."""
    from e2e import cpu_seconds

    return cpu_seconds(os.getpid()) - (cpu_seconds(broker.pid) if broker.pid else 0.0)


def corpus_quality() -> None:
    from tests.support.neardup_corpus import build_corpus, evaluate

    corpus = build_corpus()
    print(f"labelled corpus: {len(corpus)} MO texts (rewordings, paraphrases, one-fact look-alikes)")
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
        result = evaluate(threshold, corpus)
        print(
            f"  threshold {threshold:.1f}: precision {result.precision:.3f}  recall {result.recall:.3f}  "
            f"(without full paraphrases {result.recall_without_paraphrases:.3f})  "
            f"merges {result.merges}  false merges {result.false_merges}"
        )


def demo_quality(submitted: list[Submitted], demo: DemoSet, threshold: float | None = None) -> None:
    """Run the demo submissions in order through the pipeline (no Kafka) and score report links."""
    from services.enrichment.app import default_enricher

    by_demo_id = {item.truth.submission_id: item for item in submitted}
    look_alike = {s.scenario_id: s.look_alike for s in demo.scenarios}

    def root(item: Submitted) -> str:
        while item.truth.duplicate_of is not None:
            item = by_demo_id[item.truth.duplicate_of]
        return item.report_id

    with tempfile.TemporaryDirectory() as data_dir:
        settings = EnrichmentSettings(data_dir=Path(data_dir))
        enricher = default_enricher(settings, Topics("bench."))
        threshold = threshold if threshold is not None else settings.neardup_threshold
        store = SqliteDedupStore(":memory:", threshold, settings.neardup_num_perm)
        links: dict[str, dict[str, Any]] = {}
        for item in submitted:
            prepared = enricher.prepare(item.value, item.submission_id.encode())
            with store.session() as session:
                decision = enricher.decide(session, [prepared])
            for output in decision.outputs:
                dedup = get_extension(output.obj).get("dedup")
                if output.obj["type"] == "report" and dedup:
                    links[output.obj["id"]] = dedup
    report_of = {item.report_id: item for item in submitted}

    def scope(item: Submitted) -> tuple[str, tuple[str, ...]]:
        return str(item.truth.report.get("tlp")), tuple(sorted(item.truth.report.get("recipients") or ()))

    outcome: Counter[str] = Counter()
    for report_id, dedup in links.items():
        mine, theirs = report_of[report_id], report_of.get(dedup["canonical_ref"])
        if theirs is None:
            outcome["other"] += 1
        elif root(mine) == root(theirs):
            outcome["true: its own campaign"] += 1
        elif mine.truth.scenario_id == theirs.truth.scenario_id:
            outcome["true: same MO, other campaign"] += 1
        elif look_alike.get(mine.truth.scenario_id) == theirs.truth.scenario_id or (
            look_alike.get(theirs.truth.scenario_id) == mine.truth.scenario_id
        ):
            outcome["false: look-alike"] += 1
        else:
            outcome["false: other scenario"] += 1
    # Which reports could link: an earlier report of the same MO (scenario) in the same sharing
    # scope (near-duplicates never cross TLP or recipients), excluding verbatim repeats (same id).
    seen: set[tuple[str, tuple[str, tuple[str, ...]]]] = set()
    seen_ids: set[str] = set()
    reachable: list[Submitted] = []
    for item in submitted:
        key = (item.truth.scenario_id, scope(item))
        if key in seen and item.report_id not in seen_ids:
            reachable.append(item)
        seen.add(key)
        seen_ids.add(item.report_id)

    def linked_right(item: Submitted) -> bool:
        dedup = links.get(item.report_id)
        theirs = report_of.get(dedup["canonical_ref"]) if dedup else None
        return theirs is not None and theirs.truth.scenario_id == item.truth.scenario_id

    reworded = [item for item in reachable if item.truth.variant == "reworded"]
    same_language = [
        item
        for item in reachable
        if any(
            other.truth.language == item.truth.language
            for other in submitted
            if other.truth.scenario_id == item.truth.scenario_id and other is not item
        )
    ]
    false = outcome["false: look-alike"] + outcome["false: other scenario"]
    merges = sum(outcome.values())
    true = merges - false - outcome["other"]
    print(
        f"demo set, threshold {threshold}: {len(submitted)} reports; {len(reachable)} could link to an "
        f"earlier report of their MO in their sharing scope ({len(reworded)} of them reworded); "
        f"links made: {merges}"
    )
    print(f"  link outcomes: {dict(outcome)}")
    print(f"  precision {true / merges if merges else 1:.3f}, false merges {false}")
    recall = sum(map(linked_right, reachable)) / len(reachable) if reachable else 1.0
    print(
        f"  recall {recall:.3f}; reworded {sum(map(linked_right, reworded))}/{len(reworded)}; "
        f"with a same-language report of the MO {sum(map(linked_right, same_language))}/{len(same_language)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=480)
    arguments = parser.parse_args()
    started = time.perf_counter()
    demo = generate_demo_set(seed=7, size=arguments.reports)
    submitted = build(demo)
    elapsed = time.perf_counter() - started
    print(f"built {len(submitted)} submissions through the producers' path in {elapsed:.1f}s")
    asyncio.run(throughput(submitted, [p.partner_id for p in demo.partners]))
    corpus_quality()
    for threshold in (0.6, 0.7, None):
        demo_quality(submitted, demo, threshold)
    mo_clusters()


def mo_clusters() -> None:
    """MO clusters on the labelled set: held-out half, tuning half and all (bench/mo_eval.py)."""
    import mo_eval

    reports, _ = mo_eval.load()
    with tempfile.TemporaryDirectory() as data_dir:
        mo_eval.report(reports, EnrichmentSettings(data_dir=Path(data_dir)))


if __name__ == "__main__":
    main()
