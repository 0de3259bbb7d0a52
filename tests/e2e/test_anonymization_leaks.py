"""End to end: a sample of the labelled evaluation set (bench/anonymizer_evalset.py) goes through
the producers' HTTP API (reports and STIX bundles), the real broker and enrichment; then every
topic of the deployment is read back from the beginning, values, keys and headers.

No planted value may appear there: not from the narratives (the text anonymizer's own misses on
the same texts are counted and printed, see bench/anonymizer_eval.py), and not from structured
fields (victim indicators, victims' observables, URL queries, pattern literals, verbatim STIX
properties), where a person's name may stand alone, without any context.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import orjson
from aiokafka.admin import AIOKafkaAdminClient

from bench.anonymizer_eval import planted_value_caught
from bench.anonymizer_evalset import Sample, generate
from shared.anonymization.text import TextAnonymizer
from tests.support.enrichment import stix_values
from tests.support.kafka import read_topic
from tests.support.pipeline import REPORT
from tests.support.producers_server import ProducersServer

SAMPLES = 36
_T = "2026-03-01T10:00:00.000Z"


def _sample() -> list[Sample]:
    samples = generate()
    step = max(1, len(samples) // SAMPLES)
    return samples[::step][:SAMPLES]


def _report(sample: Sample, emails: list[str]) -> dict[str, Any]:
    report = {k: v for k, v in REPORT.items() if k != "submitter"}
    report["title"] = "Fraud report from the evaluation set"
    report["narrative"] = sample.text
    report["indicators"] = [
        REPORT["indicators"][0],
        *({"type": "email-addr", "value": email, "role": "victim"} for email in emails),
    ]
    return report


def _sid(kind: str) -> str:
    return f"{kind}--{uuid.uuid4()}"


def _bundle(sample: Sample, person: str, email: str) -> dict[str, Any]:
    """Structured places a partner's tool puts personal data in."""
    victim_mail = {"type": "email-addr", "spec_version": "2.1", "id": _sid("email-addr"), "value": email}
    url = {
        "type": "url",
        "spec_version": "2.1",
        "id": _sid("url"),
        "value": f"https://parcel-fee.example/pay?mail={email}",
    }
    sdo = {"spec_version": "2.1", "created": _T, "modified": _T}
    indicator = {
        **sdo,
        "type": "indicator",
        "id": _sid("indicator"),
        "pattern": (
            f"[file:name = '{person.replace(' ', '_')}_passport.pdf'] AND [url:value = '{url['value']}']"
        ),
        "pattern_type": "stix",
        "valid_from": _T,
        "indicator_types": ["malicious-activity", f"victim {person}"],
        "kill_chain_phases": [{"kill_chain_name": person, "phase_name": "x"}],
        "external_references": [{"source_name": person, "external_id": email}],
    }
    note = {
        **sdo,
        "type": "note",
        "id": _sid("note"),
        "content": sample.text,
        "object_refs": [indicator["id"]],
    }
    return {"type": "bundle", "id": _sid("bundle"), "objects": [victim_mail, url, indicator, note]}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _record_text(record: Any) -> str:
    parts = [(record.key or b"").decode("utf-8", "replace")]
    parts += [bytes(v).decode("utf-8", "replace") for _, v in record.headers or ()]
    raw = record.value or b""
    try:
        parts.extend(_strings(orjson.loads(raw)))  # JSON escapes ("\n") undone
    except orjson.JSONDecodeError:
        parts.append(raw.decode("utf-8", "replace"))
    return "\n".join(parts)


async def _every_topic(producers: ProducersServer) -> str:
    admin = AIOKafkaAdminClient(bootstrap_servers=producers.bootstrap)
    await admin.start()
    try:
        topics = sorted(t for t in await admin.list_topics() if t.startswith(producers.topics.prefix))
    finally:
        await admin.close()
    texts = []
    for topic in topics:
        records = await read_topic(producers.bootstrap, topic, timeout=10.0, quiet=1.0)
        texts.extend(_record_text(r) for r in records)
    assert texts, topics
    return "\n".join(texts)


async def test_no_planted_value_reaches_kafka(producers: ProducersServer, enrichment: None) -> None:
    samples = _sample()
    anonymizer = TextAnonymizer()
    structured: set[str] = set()
    in_text: dict[str, bool] = {}  # planted value -> caught by the anonymizer on its own
    report_ids: set[str] = set()
    async with producers.client() as client:
        for i, sample in enumerate(samples):
            found = anonymizer.find(sample.text)
            redactions = [d for d in found if anonymizer.policy.text.action("narrative", d.kind) != "keep"]
            for value in sample.planted:
                text = sample.text[value.start : value.end]
                caught = planted_value_caught(sample.text, value, redactions)
                in_text[text] = in_text.get(text, True) and caught
            emails = [
                sample.text[p.start : p.end]
                for p in sample.planted
                if p.kind == "EMAIL" and p.detail == "plain"
            ]
            structured.update(emails)
            answer = await client.post("/api/v1/reports", json=_report(sample, emails))
            assert answer.status_code == 202, answer.text
            report_ids.update(i for i in answer.json()["object_ids"] if i.startswith("report--"))
            if i % 6 == 0:
                # The sample's first person, a lone surname included (the set's "latin-titled"
                # values): in a structured field no title or sentence stands around it.
                person = next(sample.text[p.start : p.end] for p in sample.planted if p.kind == "PERSON")
                email = f"victim{i}.{uuid.uuid4().hex[:6]}@mail.example"
                structured.update({person, email, person.replace(" ", "_")})
                answer = await client.post("/api/v1/bundles", json=_bundle(sample, person, email))
                assert answer.status_code == 202, answer.text

    def all_reports(records: list[Any]) -> bool:
        return report_ids <= {o["id"] for o in stix_values(records) if o["type"] == "report"}

    enriched = await read_topic(
        producers.bootstrap, producers.topics.objects, until=all_reports, timeout=60.0
    )
    assert all_reports(enriched)
    kafka = await _every_topic(producers)

    leaked_structured = sorted(v for v in structured if v in kafka and in_text.get(v, True))
    assert leaked_structured == []
    leaked = {v for v in in_text if v in kafka}
    missed_offline = {v for v, caught in in_text.items() if not caught}
    print(
        f"{len(in_text)} planted values posted, {len(leaked)} in Kafka ({len(missed_offline)} missed offline)"
    )
    assert leaked == set(), f"{len(leaked)} planted values reached Kafka"
