"""`crimefeed dlq list|show|replay` against the real broker and the real enrichment service."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaProducer

from services.cli import main
from services.enrichment.app import create_app
from services.enrichment.settings import EnrichmentSettings
from shared.kafka.admin import ensure_topics
from shared.kafka.codecs import message_headers
from shared.kafka.dead_letter import HEADER_ERROR, HEADER_REPLAY_OF, dead_letter_headers
from shared.kafka.topics import Topics, topic_definitions
from tests.support.enrichment import bundle_for, make_enricher, report
from tests.support.kafka import committed_offsets, read_topic


async def produce(bootstrap: str, topic: str, messages: list[tuple[bytes, bytes, dict[str, str]]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        for key, value, headers in messages:
            encoded = [(name, text.encode()) for name, text in headers.items()]
            await producer.send_and_wait(topic, value, key=key, headers=encoded)
    finally:
        await producer.stop()


async def crimefeed(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = await asyncio.to_thread(main, list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


async def enrich_until_committed(settings: EnrichmentSettings, topics: Topics, count: int) -> None:
    """Run the real enrichment service until its group committed `count` submissions."""
    _, service = create_app(settings, enricher=make_enricher(topics))
    async with service.broker:
        await service.broker.start()
        deadline = time.monotonic() + 60
        group = settings.enrichment_group_id
        while (
            sum((await committed_offsets(settings.kafka_bootstrap, group, topics.submissions)).values())
            < count
        ):
            assert time.monotonic() < deadline, f"fewer than {count} submissions committed"
            await asyncio.sleep(0.2)
    await service.close()
    service.store.close()


async def test_list_show_and_replay_dead_letters(
    kafka_bootstrap: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prefix = f"q{uuid.uuid4().hex[:6]}."
    topics = Topics(prefix)
    await ensure_topics(kafka_bootstrap, topic_definitions(prefix), single_node=True)
    monkeypatch.setenv("CRIMEFEED_KAFKA_BOOTSTRAP", kafka_bootstrap)
    settings = EnrichmentSettings(
        kafka_bootstrap=kafka_bootstrap,
        topic_prefix=prefix,
        data_dir=tmp_path,
        enrichment_group_id=f"{prefix}enrichment",
        enrichment_session_timeout_ms=2000,
        enrichment_heartbeat_interval_ms=500,
        enrichment_batch_timeout_ms=50,
    )
    sid, partly = bundle_for(report(title="Tax refund phishing"))
    partly["objects"].append({"type": "indicator", "id": "indicator--bad", "spec_version": "2.1"})
    headers = message_headers("trace-cli")
    await produce(
        kafka_bootstrap,
        topics.submissions,
        [(b"not-json", b"{oops", headers), (sid.encode(), orjson.dumps(partly), headers)],
    )
    await enrich_until_committed(settings, topics, 2)

    code, out = await crimefeed(capsys, "dlq", "list", topics.submissions)
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["offset", "failed"]
    rows = {line.split()[0]: line for line in lines[1:3]}
    # Offsets 0 and 1, or further apart where transactions' commit markers take offsets too.
    assert len(rows) == 2 and all(offset.isdigit() for offset in rows), rows
    assert all(f"{topics.submissions}[" in row for row in rows.values())
    assert sorted(row.split()[3] for row in rows.values()) == ["DecodeError", "InvalidObjects"]
    assert "objects[" in "".join(rows.values())
    assert lines[-1] == f"2 dead letter(s) in {Topics.dlq(topics.submissions)}"

    [invalid] = [offset for offset, row in rows.items() if "InvalidObjects" in row]
    code, out = await crimefeed(capsys, "dlq", "show", Topics.dlq(topics.submissions), "--offset", invalid)
    assert code == 0, out
    assert f"key: {sid}" in out and f"{HEADER_ERROR}: objects[" in out
    assert '"id": "indicator--bad"' in out  # the value, pretty-printed

    code, out = await crimefeed(capsys, "dlq", "show", topics.submissions, "--offset", "7")
    assert code == 1 and "no record at offset 7" in out
    code, out = await crimefeed(capsys, "dlq", "list", f"{prefix}nothing.v1")
    assert code == 1 and "does not exist" in out

    # A submission dead-lettered by a fault since fixed: replayed, it is enriched like any other.
    sid2, fine = bundle_for(report(title="Card skimming at fuel pumps"), partner="partner-b")
    letter = dead_letter_headers(RuntimeError("tagger: data file missing"), topics.submissions, 3, 9, "t2")
    await produce(
        kafka_bootstrap, Topics.dlq(topics.submissions), [(sid2.encode(), orjson.dumps(fine), letter)]
    )
    # Its offset: 2 after the two dead letters, or further after transactions' commit markers.
    dead = await read_topic(
        kafka_bootstrap,
        Topics.dlq(topics.submissions),
        until=lambda rs: any(r.key == sid2.encode() for r in rs),
    )
    [at] = [str(r.offset) for r in dead if r.key == sid2.encode()]
    code, out = await crimefeed(capsys, "dlq", "replay", topics.submissions, "--offset", at)
    assert code == 0, out
    assert f"{Topics.dlq(topics.submissions)}@{at} -> {topics.submissions}[" in out
    assert out.splitlines()[-1] == "1 dead letter(s) replayed"

    submitted = await read_topic(kafka_bootstrap, topics.submissions, until=lambda rs: len(rs) >= 3)
    [replayed] = [r for r in submitted if r.key == sid2.encode()]
    replay_headers = {name: bytes(value).decode() for name, value in replayed.headers}
    assert replayed.key == sid2.encode() and replayed.value == orjson.dumps(fine)
    assert replay_headers[HEADER_REPLAY_OF] == f"{Topics.dlq(topics.submissions)}@{at}"
    await enrich_until_committed(settings, topics, 3)
    [fine_report] = [o["id"] for o in fine["objects"] if o["type"] == "report"]
    out_records = await read_topic(
        kafka_bootstrap, topics.objects, until=lambda rs: any(r.key == fine_report.encode() for r in rs)
    )
    assert any(r.key == fine_report.encode() for r in out_records)

    # Replaying all of them: every dead letter goes back to the topic it failed on.
    code, out = await crimefeed(capsys, "dlq", "replay", topics.submissions)
    assert code == 0, out
    assert out.splitlines()[-1] == "3 dead letter(s) replayed"
