"""Bundles as the producers build them, and the production pipeline components for tests."""

from __future__ import annotations

import asyncio
import functools
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer
from aiokafka.structs import ConsumerRecord

from services.enrichment.neardup import MinHasher
from services.enrichment.pipeline import Enricher
from services.enrichment.routing import route
from services.enrichment.tagging import Tagger
from services.enrichment.trends import TrendTracker
from shared.kafka.topics import Topics
from shared.models.report import MOReport
from shared.stix import ids
from shared.stix.builder import build_report_bundle, make_bundle

Clock = Callable[[], datetime]
T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def report(**overrides: Any) -> MOReport:
    fields: dict[str, Any] = {
        "title": "Parcel-delivery smishing leading to card enrolment in mobile wallets",
        "narrative": "Victims receive a text message about a parcel redelivery fee. The link leads to a "
        "cloned courier site that harvests card details and the one-time passcode, which the "
        "offenders use to enrol the card in a mobile wallet on their own phones.",
        "crime_category": "fraud",
        "modus_operandi": [
            {"description": "Bulk SMS about an unpaid parcel redelivery fee", "technique_id": "T1660"},
            {"description": "Cloned courier website collects card data and the one-time passcode"},
        ],
        "indicators": [{"type": "domain-name", "value": "parcel-redelivery-fee.example"}],
        "country": "NL",
        "tlp": "green",
    }
    fields.update(overrides)
    return MOReport.model_validate(fields)


def bundle_for(
    mo_report: MOReport, *, partner: str = "partner-a", submission_id: str | None = None, at: datetime = T0
) -> tuple[str, dict[str, Any]]:
    """(submission id, bundle) for one report, as the producers would publish it."""
    submission_id = submission_id or f"sub-{uuid.uuid4().hex[:12]}"
    objects = build_report_bundle(
        mo_report,
        pseudonym=ids.pseudonymize(partner, b"test-key"),
        submission_id=submission_id,
        redactions={},
        clock=lambda: at,
    )
    return submission_id, make_bundle(objects, ids.bundle_id(submission_id))


def later(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


@functools.cache
def tagger() -> Tagger:
    """The production tagger, loaded once per test session (loading checks every data file)."""
    return Tagger.load()


def make_enricher(
    topics: Topics | None = None, *, trends_path: Path | None = None, clock: Clock | None = None
) -> Enricher:
    """The production pipeline: real Tagger, real router, and a real TrendTracker when a
    path for its state is given (sightings then carry trend flags)."""
    trends = TrendTracker(trends_path) if trends_path is not None else None
    return Enricher(
        topics or Topics("t."),
        tagger=tagger(),
        router=route,
        trends=trends,
        hasher=MinHasher(),
        **({"clock": clock} if clock is not None else {}),
    )


async def read_topic(
    bootstrap: str,
    topic: str,
    *,
    until: Callable[[list[ConsumerRecord[bytes, bytes]]], bool] | None = None,
    timeout: float = 20.0,
    quiet: float = 0.0,
) -> list[ConsumerRecord[bytes, bytes]]:
    """Every record of `topic` from the beginning, until `until(records)` holds (or `timeout`).

    Without `until`, reads until nothing new arrived for `quiet` seconds (or `timeout`): a
    way to check that something did NOT arrive."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=f"test-{uuid.uuid4().hex}",
        auto_offset_reset="earliest",
        session_timeout_ms=2000,
        heartbeat_interval_ms=500,
        enable_auto_commit=False,
    )
    await consumer.start()
    records: list[ConsumerRecord[bytes, bytes]] = []
    loop = asyncio.get_running_loop()
    try:
        deadline = loop.time() + timeout
        last_new = loop.time()
        while loop.time() < deadline:
            batch = await consumer.getmany(timeout_ms=200)
            for partition_records in batch.values():
                records.extend(partition_records)
                last_new = loop.time()
            if until is not None and until(records):
                break
            if until is None and quiet and loop.time() - last_new >= quiet:
                break
    finally:
        await consumer.stop()
    return records


def stix_values(records: list[ConsumerRecord[bytes, bytes]]) -> list[dict[str, Any]]:
    return [orjson.loads(record.value) for record in records]
