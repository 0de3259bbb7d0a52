"""Bundles as the producers build them, and stand-ins for the tagging/routing components."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from services.enrichment.pipeline import Enricher
from shared.kafka.topics import Topics
from shared.models.report import MOReport
from shared.stix import ids
from shared.stix.builder import build_report_bundle, make_bundle
from shared.stix.markings import tlp_of

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


class NoTags:
    """Stand-in for the taxonomy Tagger: the pipeline's dedup logic must not depend on tags."""

    def tag_objects(self, objects: list[dict[str, Any]]) -> None:
        return None


def tlp_route(obj: dict[str, Any], topics: Topics) -> list[str]:
    """Stand-in for routing.route with DESIGN.md's rule (objects topic + the object's TLP feed)."""
    result = [topics.objects]
    tlp = tlp_of(obj)
    if tlp is None:
        return result
    if tlp.value == "red":
        from shared.stix.extension import get_extension

        return result + [topics.red_feed(p) for p in get_extension(obj).get("recipients", [])]
    return [*result, topics.feed(tlp.value)]


def stand_in_enricher(topics: Topics | None = None, threshold: float = 0.8) -> Enricher:
    from services.enrichment.neardup import MinHasher

    return Enricher(topics or Topics("t."), tagger=NoTags(), router=tlp_route, hasher=MinHasher())
