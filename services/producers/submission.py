"""The producer path: anonymize, build STIX, and hand over one bundle per submission.

Everything personal is removed here, in the process that received it, before anything is
published (docs/architecture.md, "The pipeline").
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, cached_property
from typing import Any

import orjson

from services.producers.errors import SubmissionRejected
from services.producers.limits import IntakeLimits
from services.producers.settings import ProducersSettings
from shared.anonymization.policy import load_policy
from shared.anonymization.report import anonymize_report
from shared.anonymization.stix import anonymize_stix_objects
from shared.anonymization.text import TextAnonymizer
from shared.anonymization.word_lists import load_word_lists
from shared.kafka.codecs import encode, new_trace_id
from shared.models.report import TLP, MOReport
from shared.stix import ids
from shared.stix.builder import build_report_bundle, make_bundle, pseudonym_identity, rewrite_submitted_bundle
from shared.stix.errors import StixConversionError
from shared.stix.extension import IDENTITY_ID
from shared.stix.markings import strictest, tlp_of
from shared.stix.references import reserved_conflicts

# Partner bundles say nothing about sharing unless they carry markings; AMBER keeps them within
# cleared partners, as a TAXII server or MISP ("this community only") would by default.
DEFAULT_BUNDLE_TLP = TLP.AMBER
META_TYPES = frozenset({"marking-definition", "extension-definition"})


@dataclass(frozen=True)
class PreparedSubmission:
    submission_id: str
    trace_id: str
    value: bytes
    """The bundle as published (JSON): encoded once, where it was built, so a submission prepared
    in an intake worker process crosses back as bytes (services/producers/intake_pool.py)."""
    object_ids: list[str]
    redactions: Counter[str] = field(default_factory=Counter)
    published_as: dict[str, str] = field(default_factory=dict)
    """Submitted id -> the id it is published under (bundles: ids.partner_object_id)."""

    @cached_property
    def bundle(self) -> dict[str, Any]:
        bundle: dict[str, Any] = orjson.loads(self.value)
        return bundle


def utc_now() -> datetime:
    return datetime.now(UTC)


def unmarked_tlp(objects: list[dict[str, Any]]) -> TLP:
    """The TLP for the unmarked objects of a bundle: the strictest TLP the bundle carries anywhere,
    at least AMBER.

    Converters (MISP's among them) often mark only the container (a grouping or report) and
    leave what it refers to unmarked; the bundle's own default must never release those more
    widely than the container.
    """
    marked = [level for obj in objects if isinstance(obj, dict) and (level := tlp_of(obj)) is not None]
    return strictest([DEFAULT_BUNDLE_TLP, *marked]) or DEFAULT_BUNDLE_TLP


class SubmissionService:
    def __init__(
        self,
        anonymizer: TextAnonymizer,
        pseudonym_key: bytes,
        *,
        clock: Callable[[], datetime] = utc_now,
        new_id: Callable[[], uuid.UUID] = uuid.uuid4,
        limits: IntakeLimits | None = None,
    ) -> None:
        self.anonymizer = anonymizer
        self.pseudonym_key = pseudonym_key
        self.clock = clock
        self.new_id = new_id
        self.limits = limits or IntakeLimits()
        self._pseudonyms = cache(self._pseudonym)

    @classmethod
    def from_settings(cls, settings: ProducersSettings) -> SubmissionService:
        anonymizer = TextAnonymizer(
            load_policy(settings.anonymization_policy), load_word_lists(settings.anonymization_word_lists)
        )
        return cls(anonymizer, settings.resolved_pseudonym_key(), limits=IntakeLimits.from_settings(settings))

    def _pseudonym(self, partner_id: str) -> ids.Pseudonym:
        return ids.pseudonymize(partner_id, self.pseudonym_key)

    def prepare_report(self, report: MOReport, partner_id: str) -> PreparedSubmission:
        submission_id = str(self.new_id())
        anonymized = anonymize_report(report, self.anonymizer)
        victims = anonymized.report.victims
        losses = victims.losses.model_dump() if victims and victims.losses else None
        try:
            objects = build_report_bundle(
                anonymized.report,
                pseudonym=self._pseudonyms(partner_id),
                submission_id=submission_id,
                redactions=anonymized.redactions,
                clock=self.clock,
                victim_count_bucket=anonymized.victim_count_bucket,
                losses=losses,
            )
        except StixConversionError as error:
            raise SubmissionRejected(422, "invalid MO report", [str(error)]) from error
        return self._prepared(submission_id, objects, anonymized.redactions)

    def prepare_bundle(self, objects: list[dict[str, Any]], partner_id: str) -> PreparedSubmission:
        conflicts = reserved_conflicts(objects)
        if conflicts:
            # One id, one creator: crimefeed's own objects are versioned by crimefeed only.
            raise SubmissionRejected(422, "objects created by someone else", conflicts)
        submission_id = str(self.new_id())
        kept, redactions = anonymize_stix_objects(objects, self.anonymizer)
        identity = pseudonym_identity(self._pseudonyms(partner_id))
        try:
            rewritten = rewrite_submitted_bundle(
                {"type": "bundle", "objects": kept},
                pseudonym_identity=identity,
                tlp_default=unmarked_tlp(objects),
                submission_id=submission_id,
            )
        except StixConversionError as error:
            raise SubmissionRejected(422, "invalid STIX bundle", [str(error)]) from error
        prepared = self._prepared(submission_id, rewritten, redactions)
        owner = identity["id"]
        published = set(prepared.object_ids)
        for obj in objects:
            posted = obj.get("id") if isinstance(obj, dict) else None
            if not isinstance(posted, str):
                continue
            if posted in published:
                prepared.published_as[posted] = posted
                continue
            matches = [i for i in ids.partner_object_candidates(posted, owner) if i in published]
            if matches:
                prepared.published_as[posted] = matches[0]
        return prepared

    def _prepared(
        self, submission_id: str, objects: list[dict[str, Any]], redactions: Counter[str]
    ) -> PreparedSubmission:
        return PreparedSubmission(
            submission_id=submission_id,
            trace_id=new_trace_id(),
            value=encode(make_bundle(objects, ids.bundle_id(submission_id))),
            object_ids=[
                obj["id"] for obj in objects if obj["type"] not in META_TYPES and obj["id"] != IDENTITY_ID
            ],
            redactions=redactions,
        )
