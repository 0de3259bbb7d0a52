"""Submitting many items (files, demo data) with many deliveries in flight."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from services.producers.errors import SubmissionRejected
from services.producers.importer import SourceItem
from services.producers.intake import prepare_any_payload
from services.producers.publisher import SubmissionPublisher
from services.producers.submission import SubmissionService
from shared.partners import PartnerRegistry

IN_FLIGHT = 1_000


@dataclass
class BulkSummary:
    accepted: int = 0
    objects: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    redactions: Counter[str] = field(default_factory=Counter)

    def reject(self, where: str, reason: str) -> None:
        self.rejected.append((where, reason))


async def submit_items(
    items: Iterable[SourceItem],
    partner_id: str,
    service: SubmissionService,
    publisher: SubmissionPublisher,
    registry: PartnerRegistry,
    on_done: Callable[[], Any] = lambda: None,
) -> BulkSummary:
    summary = BulkSummary()
    in_flight: list[tuple[SourceItem, asyncio.Future[Any], int, Counter[str]]] = []
    for item in items:
        if item.error is not None:
            summary.reject(item.where, item.error)
            on_done()
            continue
        try:
            prepared = prepare_any_payload(item.payload, partner_id, service, registry)
        except SubmissionRejected as error:
            summary.reject(item.where, "; ".join([error.message, *error.errors]))
            on_done()
            continue
        delivery = await publisher.send(prepared)
        in_flight.append((item, delivery, len(prepared.object_ids), prepared.redactions))
        if len(in_flight) >= IN_FLIGHT:
            await _settle(in_flight, summary, on_done)
    await _settle(in_flight, summary, on_done)
    return summary


async def _settle(
    in_flight: list[tuple[SourceItem, asyncio.Future[Any], int, Counter[str]]],
    summary: BulkSummary,
    on_done: Callable[[], Any],
) -> None:
    outcomes = await asyncio.gather(*(delivery for _, delivery, _, _ in in_flight), return_exceptions=True)
    for (item, _, object_count, redactions), outcome in zip(in_flight, outcomes, strict=True):
        if isinstance(outcome, BaseException):
            summary.reject(item.where, f"not delivered to Kafka: {outcome}")
        else:
            summary.accepted += 1
            summary.objects += object_count
            summary.redactions.update(redactions)
        on_done()
    in_flight.clear()
