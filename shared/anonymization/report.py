"""Anonymize an MO report (docs/architecture.md, "The data model") before it leaves the producer."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from shared.anonymization.policy import LossesPolicy, TimestampsPolicy
from shared.anonymization.stix import URL_QUERY
from shared.anonymization.stix_structure import without_query_values
from shared.anonymization.text import TextAnonymizer
from shared.models.report import (
    IndicatorRole,
    IndicatorType,
    Losses,
    ModusOperandiStep,
    MOReport,
    ReportedIndicator,
)

VICTIM_INDICATOR = "VICTIM-INDICATOR"


@dataclass(frozen=True, slots=True)
class AnonymizedReport:
    report: MOReport
    # "1-9" for small counts, the exact number as text from the policy's threshold on; None when
    # the partner gave no count. The report's own victims.count is then None for bucketed counts.
    victim_count_bucket: str | None
    redactions: Counter[str] = field(default_factory=Counter)


def anonymize_report(report: MOReport, anonymizer: TextAnonymizer) -> AnonymizedReport:
    policy = anonymizer.policy.report
    counts: Counter[str] = Counter()

    def redact(text: str, field_name: str) -> str:
        redacted, found = anonymizer.redact(text, field_name)
        counts.update(found)
        return redacted

    update: dict[str, object] = {
        "title": redact(report.title, "title") or "[REDACTED]",
        "narrative": redact(report.narrative, "narrative"),
        "modus_operandi": [_redacted_step(step, redact) for step in report.modus_operandi],
    }
    indicators = report.indicators
    if policy.drop_victim_indicators:
        indicators = [ind for ind in indicators if ind.role is not IndicatorRole.VICTIM]
        if len(indicators) != len(report.indicators):
            counts[VICTIM_INDICATOR] += len(report.indicators) - len(indicators)
    indicators = [_without_query_values(ind, counts) for ind in indicators]
    if indicators != report.indicators:
        update["indicators"] = indicators
    if report.crime_category is not None and not _slug_kept(report.crime_category, anonymizer, counts):
        update["crime_category"] = None
    sectors = [slug for slug in report.sectors if _slug_kept(slug, anonymizer, counts)]
    if sectors != report.sectors:
        update["sectors"] = sectors
    if policy.drop_submitter:
        update["submitter"] = None
    for name in policy.timestamps.fields:
        value = getattr(report, name, None)
        if isinstance(value, datetime):
            update[name] = truncate_timestamp(value, policy.timestamps)

    bucket: str | None = None
    if report.victims is not None:
        victims_update: dict[str, object] = {}
        count = report.victims.count
        if count is not None:
            bucket = policy.victim_count.bucket(count)
            if count < policy.victim_count.exact_from:
                victims_update["count"] = None
        if report.victims.losses is not None:
            victims_update["losses"] = round_losses(report.victims.losses, policy.losses)
        update["victims"] = report.victims.model_copy(update=victims_update)

    # model_copy skips validation: every value above was derived from an already valid report.
    return AnonymizedReport(report.model_copy(update=update), bucket, counts)


def _redacted_step(step: ModusOperandiStep, redact: Callable[[str, str], str]) -> ModusOperandiStep:
    description = redact(step.description, "mo_step") or "[REDACTED]"
    # Most steps hold nothing to remove: the step itself then, not a copy of it.
    return step if description == step.description else step.model_copy(update={"description": description})


def _without_query_values(indicator: ReportedIndicator, counts: Counter[str]) -> ReportedIndicator:
    """An offender's URL keeps its host and path; the values of its query and fragment carry the
    victim's e-mail address or name ("?email=...") and go, as in submitted bundles."""
    if indicator.type is not IndicatorType.URL:
        return indicator
    value, replaced = without_query_values(indicator.value)
    if not replaced:
        return indicator
    counts[URL_QUERY] += replaced
    return indicator.model_copy(update={"value": value})


def _slug_kept(slug: str, anonymizer: TextAnonymizer, counts: Counter[str]) -> bool:
    """A category or sector slug is the partner's own word, published as written: one that reads
    as personal data ("maria-lopez") is dropped, counted by what it held."""
    found = _slug_redactions(slug, anonymizer)
    counts.update(dict(found))
    return not found


# Categories and sectors are drawn from small vocabularies ("finance", "phishing"): a slug's
# redactions are read once per anonymizer, not again in every report that names it. Bounded.
@lru_cache(maxsize=4096)
def _slug_redactions(slug: str, anonymizer: TextAnonymizer) -> tuple[tuple[str, int], ...]:
    # Written as a name would be ("Maria Lopez"): read lowercase, a word like "sim" or "jan"
    # would be taken for one.
    _, found = anonymizer.redact(slug.replace("-", " ").title(), "label")
    return tuple(found.items())


def truncate_timestamp(value: datetime, policy: TimestampsPolicy) -> datetime:
    """Cut to the day (or hour) in UTC, so that a victim's exact moment is not published."""
    utc = value.astimezone(UTC)
    if policy.truncate_to == "day":
        return utc.replace(hour=0, minute=0, second=0, microsecond=0)
    if policy.truncate_to == "hour":
        return utc.replace(minute=0, second=0, microsecond=0)
    return value


def round_significant(amount: float, digits: int) -> float:
    """Half-up rounding to `digits` significant digits (96,500 -> 97,000 with 2). Decimal, because
    binary floats round 96,500 down ("banker's" rounding) and underflow on tiny amounts."""
    if amount == 0 or not math.isfinite(amount):
        return float(amount)
    value = Decimal(repr(amount))
    quantum = Decimal(1).scaleb(value.adjusted() - digits + 1)
    return float(value.quantize(quantum, rounding=ROUND_HALF_UP))


def round_losses(losses: Losses, policy: LossesPolicy) -> Losses:
    return losses.model_copy(update={"amount": round_significant(losses.amount, policy.significant_digits)})
