"""Submitting many items (files, demo data): prepared side by side in the intake's workers,
published in their order, with many deliveries in flight."""

from __future__ import annotations

import asyncio
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from services.producers.errors import SubmissionRejected
from services.producers.importer import SourceItem
from services.producers.intake_pool import IntakePool, Outcome, any_payload
from services.producers.publisher import SubmissionPublisher

IN_FLIGHT = 1_000
BATCH = 16
"""Items handed to a worker at once: one round trip between processes for many submissions."""

Batch = tuple[list[SourceItem], "asyncio.Task[list[Outcome]] | None"]
InFlight = list[tuple[SourceItem, asyncio.Future[Any], int, Counter[str]]]


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
    intake: IntakePool,
    publisher: SubmissionPublisher,
    on_done: Callable[[], Any] = lambda: None,
) -> BulkSummary:
    """Every item accepted or rejected with the reason, in the items' order; the submissions
    reach Kafka in that order too."""
    summary = BulkSummary()
    preparing: deque[Batch] = deque()
    in_flight: InFlight = []
    try:
        for batch in _batches(items):
            calls = [(item.payload, partner_id) for item in batch if item.error is None]
            task = asyncio.create_task(intake.run_each(any_payload, calls)) if calls else None
            preparing.append((batch, task))
            if len(preparing) >= intake.ahead:
                await _publish(preparing.popleft(), publisher, in_flight, summary, on_done)
        while preparing:
            await _publish(preparing.popleft(), publisher, in_flight, summary, on_done)
    finally:
        for _, task in preparing:
            if task is not None:
                task.cancel()
    await _settle(in_flight, summary, on_done)
    return summary


def _batches(items: Iterable[SourceItem]) -> Iterator[list[SourceItem]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH)):
        yield batch


async def _publish(
    batch: Batch,
    publisher: SubmissionPublisher,
    in_flight: InFlight,
    summary: BulkSummary,
    on_done: Callable[[], Any],
) -> None:
    items, task = batch
    outcomes = iter(await task if task is not None else [])
    for item in items:
        if item.error is not None:
            summary.reject(item.where, item.error)
            on_done()
            continue
        outcome = next(outcomes)
        if isinstance(outcome, SubmissionRejected):
            summary.reject(item.where, "; ".join([outcome.message, *outcome.errors]))
            on_done()
            continue
        delivery = await publisher.send(outcome)
        in_flight.append((item, delivery, len(outcome.object_ids), outcome.redactions))
        if len(in_flight) >= IN_FLIGHT:
            await _settle(in_flight, summary, on_done)


async def _settle(in_flight: InFlight, summary: BulkSummary, on_done: Callable[[], Any]) -> None:
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
