"""Bulk submission with a fake in-memory publisher: deliveries in flight, failures per item.
The intake runs on threads here; tests/services/producers/test_intake_pool.py runs it in worker
processes."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from services.producers import bulk
from services.producers.bulk import submit_items
from services.producers.importer import SourceItem
from services.producers.intake_pool import IntakePool
from services.producers.submission import PreparedSubmission, SubmissionService
from shared.anonymization.text import TextAnonymizer
from shared.models.report import TLP
from shared.partners import PartnerRegistry

ANONYMIZER = TextAnonymizer()
REPORT: dict[str, Any] = {
    "title": "Parcel-delivery smishing",
    "narrative": "Victim Jane Doe (jane.doe@mail.example) paid a fee on parcel-fee.example.",
    "modus_operandi": [{"description": "SMS lure about a held parcel", "technique_id": "T1660"}],
    "indicators": [{"type": "domain-name", "value": "parcel-fee.example"}],
    "tlp": "green",
}
BUNDLE: dict[str, Any] = {
    "type": "bundle",
    "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",
    "objects": [
        {
            "type": "indicator",
            "spec_version": "2.1",
            "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            "created": "2026-01-01T00:00:00.000Z",
            "modified": "2026-01-01T00:00:00.000Z",
            "pattern": "[domain-name:value = 'parcel-fee.example']",
            "pattern_type": "stix",
            "valid_from": "2026-01-01T00:00:00Z",
        }
    ],
}


class FakePublisher:
    """Resolves each delivery on a later loop turn, failing the ones `fail` selects."""

    def __init__(self, fail: set[int] | None = None) -> None:
        self.fail = fail or set()
        self.sent: list[PreparedSubmission] = []
        self.pending: list[asyncio.Future[Any]] = []

    async def send(self, submission: PreparedSubmission) -> asyncio.Future[Any]:
        number = len(self.sent)
        self.sent.append(submission)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        if number in self.fail:
            error = ConnectionError("broker went away")
            asyncio.get_running_loop().call_soon(future.set_exception, error)
        else:
            asyncio.get_running_loop().call_soon(future.set_result, {"offset": number})
        self.pending.append(future)
        return future


@pytest.fixture
def registry(tmp_path: Path) -> PartnerRegistry:
    registry = PartnerRegistry(tmp_path / "partners.sqlite3")
    registry.add("nl-police", TLP.RED)
    registry.add("fr-cert", TLP.AMBER)
    registry.add("be-ccb", TLP.RED)
    return registry


@pytest.fixture
def intake(registry: PartnerRegistry) -> IntakePool:
    service = SubmissionService(
        ANONYMIZER, b"key", clock=lambda: datetime(2026, 11, 28, tzinfo=UTC), new_id=uuid.uuid4
    )
    return IntakePool(service, registry)


def items(*payloads: Any, source: str = "reports.jsonl") -> list[SourceItem]:
    return [SourceItem(source, line, payload=payload) for line, payload in enumerate(payloads, start=1)]


async def test_all_good_items_are_accepted_with_object_and_redaction_counts(
    intake: IntakePool,
) -> None:
    publisher = FakePublisher()
    done: list[None] = []
    summary = await submit_items(
        items(REPORT, BUNDLE, REPORT),
        "nl-police",
        intake,
        publisher,
        on_done=lambda: done.append(None),
    )
    assert summary.accepted == 3 and summary.rejected == []
    assert len(done) == 3
    assert summary.objects == sum(len(p.object_ids) for p in publisher.sent)
    assert summary.redactions["EMAIL"] == 2 and summary.redactions["PERSON"] >= 2
    assert all(future.done() for future in publisher.pending)


async def test_a_failed_delivery_rejects_only_that_item(
    intake: IntakePool,
) -> None:
    publisher = FakePublisher(fail={1})
    summary = await submit_items(items(REPORT, REPORT, BUNDLE), "nl-police", intake, publisher)
    assert len(publisher.sent) == 3
    assert summary.accepted == 2
    assert summary.rejected == [("reports.jsonl:2", "not delivered to Kafka: broker went away")]
    assert summary.objects == len(publisher.sent[0].object_ids) + len(publisher.sent[2].object_ids)
    # The failed item's redactions are not counted as published.
    assert summary.redactions["EMAIL"] == 1


async def test_bad_items_are_reported_with_file_and_line_and_never_sent(
    intake: IntakePool,
) -> None:
    source = [
        SourceItem("in/a.json", 2, payload=REPORT),
        SourceItem("in/a.json", 5, error="malformed JSON: Expecting value (column 3)"),
        SourceItem("in/a.json", 9, payload={**REPORT, "indicators": [{"type": "bitcoin", "value": "x"}]}),
        SourceItem("in/b.csv", 3, payload={**REPORT, "tlp": "red", "recipients": ["nobody"]}),
        SourceItem("in/c.json", 1, payload={**BUNDLE, "objects": [{**BUNDLE["objects"][0], "id": "x"}]}),
        SourceItem("in/c.json", 7, payload=["not", "a", "report"]),
        SourceItem("in/d.jsonl", 4, payload={**REPORT, "tlp": "red", "recipients": ["be-ccb"]}),
    ]
    publisher = FakePublisher()
    done: list[None] = []
    summary = await submit_items(source, "nl-police", intake, publisher, on_done=lambda: done.append(None))
    assert summary.accepted == 2 and len(publisher.sent) == 2
    assert len(done) == len(source)
    rejected = dict(summary.rejected)
    assert list(rejected) == ["in/a.json:5", "in/a.json:9", "in/b.csv:3", "in/c.json:1", "in/c.json:7"]
    assert rejected["in/a.json:5"] == "malformed JSON: Expecting value (column 3)"
    assert rejected["in/a.json:9"].startswith("invalid MO report; indicators[0].type: ")
    assert rejected["in/b.csv:3"] == (
        "recipients must be partners cleared for TLP:RED;"
        " recipients[0]: not a partner that may receive this TLP"
    )
    assert "objects[0] (indicator): 'id' must be indicator--<uuid>" in rejected["in/c.json:1"]
    assert "JSON object" in rejected["in/c.json:7"]


async def test_deliveries_settle_in_batches_of_in_flight(
    intake: IntakePool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "IN_FLIGHT", 2)
    publisher = FakePublisher(fail={3})
    settled_before_send: list[int] = []
    original_send = publisher.send

    async def send(submission: PreparedSubmission) -> asyncio.Future[Any]:
        settled_before_send.append(sum(future.done() for future in publisher.pending))
        return await original_send(submission)

    publisher.send = send  # type: ignore[method-assign]
    summary = await submit_items(items(*[REPORT] * 5), "fr-cert", intake, publisher)
    # Two in flight at most: sends 3 and 5 wait until the earlier pairs have settled.
    assert settled_before_send == [0, 0, 2, 2, 4]
    assert summary.accepted == 4
    assert summary.rejected == [("reports.jsonl:4", "not delivered to Kafka: broker went away")]


async def test_nothing_to_submit_is_an_empty_summary(
    intake: IntakePool,
) -> None:
    summary = await submit_items([], "nl-police", intake, FakePublisher())
    assert (summary.accepted, summary.objects, summary.rejected, sum(summary.redactions.values())) == (
        0,
        0,
        [],
        0,
    )
