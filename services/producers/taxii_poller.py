"""Polling partners' TAXII 2.1 collections into the producer path.

Each source is polled on its own interval, in its own task: what was added since the saved
`added_after` is read page by page (in a thread: taxii2-client blocks), marked with the source's
TLP, anonymized and published as one submission per page exactly as `POST /api/v1/bundles`
would, and only then is the watermark saved. A failing upstream is retried with exponential
backoff, then reported and tried again at the next interval; it never stops the service or the
other sources. A crash between publish and save re-sends one page, which downstream dedup
collapses (same ids and `modified`); a watermark is never saved ahead of what was published.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from services.producers.errors import SubmissionRejected
from services.producers.intake import prepare_bundle_payload
from services.producers.publisher import SubmissionPublisher
from services.producers.submission import META_TYPES, PreparedSubmission, SubmissionService
from services.producers.taxii_reader import CollectionReader, TaxiiPage
from services.producers.taxii_sources import TaxiiSource
from services.producers.taxii_state import PollState
from shared.models.report import TLP
from shared.partners import PartnerRegistry
from shared.stix.markings import TLP_MARKING_IDS, is_tlp_marking_id, tlp_of, tlp_rank

log = logging.getLogger("crimefeed.taxii_poller")

_FRACTION = re.compile(r"\.(\d+)")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    initial_seconds: float = 1.0
    max_seconds: float = 60.0


@dataclass
class SourceStatus:
    """What a source did so far, for logs, tests and whoever asks how the poller is doing."""

    name: str
    polls: int = 0
    submissions: int = 0
    objects: int = 0
    rejected_objects: int = 0
    failed_attempts: int = 0
    consecutive_failed_polls: int = 0
    last_success: datetime | None = None
    last_error: str | None = None
    errors: list[str] = field(default_factory=list)

    def record_error(self, message: str) -> None:
        self.last_error = message
        self.errors = [*self.errors[-19:], message]  # bounded: a source can fail for days


def apply_tlp(objects: list[dict[str, Any]], tlp: TLP) -> list[dict[str, Any]]:
    """Copies marked `tlp` where they carry no TLP or a weaker one; stricter markings stay."""
    marked = []
    for obj in objects:
        current = tlp_of(obj)
        if obj.get("type") in META_TYPES or (current is not None and tlp_rank(current) >= tlp_rank(tlp)):
            marked.append(obj)
            continue
        others = [ref for ref in obj.get("object_marking_refs") or [] if not is_tlp_marking_id(ref)]
        marked.append({**obj, "object_marking_refs": [TLP_MARKING_IDS[tlp], *others]})
    return marked


def just_before(timestamp: str) -> str:
    """One microsecond before a TAXII timestamp: resuming `added_after` it re-reads that instant.

    Several objects can share a date_added (a server stamps a whole POST with one time), and
    `added_after` is strict, so resuming mid-collection from a page's last date would skip the
    rest of that instant on the next page. Re-reading it costs a few duplicates, which dedup
    collapses; skipping would lose data.
    """
    # datetime takes at most 6 fractional digits; TAXII allows more.
    trimmed = _FRACTION.sub(lambda match: "." + match.group(1)[:6].ljust(6, "0"), timestamp, count=1)
    instant = datetime.fromisoformat(trimmed.replace("Z", "+00:00")).astimezone(UTC)
    return (instant - timedelta(microseconds=1)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class TaxiiPoller:
    def __init__(
        self,
        sources: list[TaxiiSource],
        *,
        service: SubmissionService,
        publisher: SubmissionPublisher,
        state: PollState,
        registry: PartnerRegistry | None = None,
        retry: RetryPolicy | None = None,
        reader_factory: Callable[[TaxiiSource], CollectionReader] = CollectionReader,
    ) -> None:
        self.sources = sources
        self.service = service
        self.publisher = publisher
        self.state = state
        self.registry = registry
        self.retry = retry or RetryPolicy()
        self.status = {source.name: SourceStatus(source.name) for source in sources}
        self._readers = {source.name: reader_factory(source) for source in sources}
        self._task: asyncio.Task[None] | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """Poll every source in the background until `stop`."""
        if self._task is None:
            self._task = asyncio.create_task(self.run(), name="taxii-poller")
            log.info("TAXII poller: %d sources: %s", len(self.sources), ", ".join(self.status))

    async def stop(self) -> None:
        # Cancelling is safe at any point: the watermark is saved only after a page was published.
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        for reader in self._readers.values():
            reader.close()

    async def run(self) -> None:
        async with asyncio.TaskGroup() as group:
            for source in self.sources:
                group.create_task(self._poll_forever(source), name=f"taxii-poll-{source.name}")

    async def _poll_forever(self, source: TaxiiSource) -> None:
        while True:
            await self.poll(source)
            await asyncio.sleep(source.config.interval_seconds)

    # -- one poll ----------------------------------------------------------------------------

    async def poll(self, source: TaxiiSource) -> int:
        """Poll once with retries; the number of objects submitted. Never raises for upstream faults."""
        status = self.status[source.name]
        status.polls += 1
        if not self._partner_active(source):
            return 0
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.retry.attempts),
            wait=wait_exponential(multiplier=self.retry.initial_seconds, max=self.retry.max_seconds),
            retry=retry_if_exception_type(Exception),
            before_sleep=lambda attempt: self._report_retry(source, attempt),
            reraise=True,
        )
        try:
            submitted = 0
            async for attempt in retrying:
                with attempt:
                    submitted = await self.poll_once(source)
        except Exception as error:
            status.consecutive_failed_polls += 1
            status.failed_attempts += 1
            message = f"{type(error).__name__}: {error}"
            status.record_error(message)
            log.error(
                "TAXII source %s: poll failed after %d attempts, next try in %ss: %s",
                source.name,
                self.retry.attempts,
                source.config.interval_seconds,
                message,
            )
            return 0
        status.consecutive_failed_polls = 0
        status.last_success = datetime.now(UTC)
        return submitted

    def _partner_active(self, source: TaxiiSource) -> bool:
        """A source submits as a partner; an unknown or revoked one stops its feed (checked each poll,
        so `crimefeed partners revoke` takes effect without a restart)."""
        if self.registry is None:
            return True
        partner = self.registry.get(source.config.partner)
        if partner is not None and partner.active:
            return True
        state = "revoked" if partner is not None else "unknown"
        message = f"partner {source.config.partner!r} is {state}; not polling"
        self.status[source.name].record_error(message)
        log.error("TAXII source %s: %s", source.name, message)
        return False

    def _report_retry(self, source: TaxiiSource, attempt: RetryCallState) -> None:
        status = self.status[source.name]
        status.failed_attempts += 1
        error = attempt.outcome.exception() if attempt.outcome else None
        message = f"{type(error).__name__}: {error}"
        status.record_error(message)
        delay = attempt.next_action.sleep if attempt.next_action else 0.0
        log.warning(
            "TAXII source %s: attempt %d failed, retrying in %.1fs: %s",
            source.name,
            attempt.attempt_number,
            delay,
            message,
        )

    async def poll_once(self, source: TaxiiSource) -> int:
        """Read everything new and submit it page by page; raises what the upstream raised."""
        reader = self._readers[source.name]
        pages = reader.pages(self.state.added_after(source.state_key))  # a generator: no I/O yet
        submitted = 0
        while (page := await asyncio.to_thread(_next_page, pages)) is not None:
            submitted += await self._submit_page(source, page.objects)
            self._advance(source, page)
        return submitted

    def _advance(self, source: TaxiiSource, page: TaxiiPage) -> None:
        if page.date_added_last is None:
            if page.objects:
                log.warning(
                    "TAXII source %s: no %s header; the next poll re-reads this collection",
                    source.name,
                    "X-TAXII-Date-Added-Last",
                )
            return
        watermark = just_before(page.date_added_last) if page.more else page.date_added_last
        self.state.save(source.state_key, watermark)

    async def _submit_page(self, source: TaxiiSource, objects: list[dict[str, Any]]) -> int:
        if not objects:
            return 0
        # Anonymizing a page is CPU work: off the event loop the producers' API shares.
        prepared = await asyncio.to_thread(self._prepare, source, apply_tlp(objects, source.config.tlp))
        if prepared is None:
            return 0
        delivery = await self.publisher.send(prepared)
        await delivery
        # object_ids also lists the partner's pseudonym identity; count what the upstream sent.
        submitted = len({obj["id"] for obj in objects} & set(prepared.published_as))
        status = self.status[source.name]
        status.submissions += 1
        status.objects += submitted
        return submitted

    def _prepare(self, source: TaxiiSource, objects: list[dict[str, Any]]) -> PreparedSubmission | None:
        """The page as one submission, without the objects the producer path rejects."""
        partner = source.config.partner
        try:
            return prepare_bundle_payload(_bundle(objects), partner, self.service)
        except SubmissionRejected as error:
            log.warning("TAXII source %s: page rejected (%s), keeping its valid objects", source.name, error)
        valid = [obj for obj in objects if self._acceptable(source, obj)]
        if not valid:
            return None
        try:
            return prepare_bundle_payload(_bundle(valid), partner, self.service)
        except SubmissionRejected as error:
            self._reject(source, len(valid), f"{error.message}: {'; '.join(error.errors)}")
            return None

    def _acceptable(self, source: TaxiiSource, obj: dict[str, Any]) -> bool:
        try:
            prepare_bundle_payload(_bundle([obj]), source.config.partner, self.service)
        except SubmissionRejected as error:
            self._reject(source, 1, f"{error.message}: {'; '.join(error.errors)}")
            return False
        return True

    def _reject(self, source: TaxiiSource, count: int, reason: str) -> None:
        status = self.status[source.name]
        status.rejected_objects += count
        status.record_error(f"rejected {count} object(s): {reason}")
        log.error("TAXII source %s: rejected %d object(s): %s", source.name, count, reason)


def _bundle(objects: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": objects}


def _next_page(pages: Iterator[TaxiiPage]) -> TaxiiPage | None:
    return next(pages, None)
