"""KafkaSubmissionPublisher with FastStream's in-memory TestKafkaBroker (no broker process)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import orjson
from faststream.kafka import KafkaBroker, KafkaMessage, TestKafkaBroker

from services.producers.publisher import KafkaSubmissionPublisher
from services.producers.submission import SubmissionService
from shared.anonymization.text import TextAnonymizer
from shared.kafka.topics import Topics
from shared.models.report import MOReport

PREFIX = "unit."
REPORT = {
    "title": "Parcel-delivery smishing",
    "narrative": "Victim Jane Doe paid a fee on parcel-fee.example.",
    "indicators": [{"type": "domain-name", "value": "parcel-fee.example"}],
}


async def test_send_publishes_the_bundle_keyed_by_submission_id_with_our_headers() -> None:
    broker = KafkaBroker("127.0.0.1:9")
    publisher = KafkaSubmissionPublisher(broker, Topics(PREFIX))
    received: list[KafkaMessage] = []

    @broker.subscriber(f"{PREFIX}submissions.v1")
    async def on_submission(body: bytes, message: KafkaMessage) -> None:
        received.append(message)

    service = SubmissionService(
        TextAnonymizer(),
        b"key",
        clock=lambda: datetime(2026, 11, 28, tzinfo=UTC),
        new_id=lambda: uuid.UUID("6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
    )
    prepared = service.prepare_report(MOReport.model_validate(REPORT), "nl-police")

    async with TestKafkaBroker(broker):
        await publisher.send(prepared)
        on_submission.mock.assert_called_once()  # type: ignore[union-attr]

    [message] = received
    record: Any = message.raw_message
    assert record.topic == "unit.submissions.v1"
    assert record.key == b"6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" == prepared.submission_id.encode()
    assert record.value == orjson.dumps(prepared.bundle)
    assert orjson.loads(message.body) == prepared.bundle
    assert message.headers["content-type"] == "application/stix+json;version=2.1"
    assert message.headers["x-crimefeed-schema-version"] == "1"
    assert message.headers["x-crimefeed-trace-id"] == prepared.trace_id
    assert b"Jane" not in record.value


async def test_the_submissions_topic_is_registered_for_asyncapi() -> None:
    broker = KafkaBroker("127.0.0.1:9")
    KafkaSubmissionPublisher(broker, Topics(PREFIX))
    assert [publisher.topic for publisher in broker.publishers] == ["unit.submissions.v1"]
