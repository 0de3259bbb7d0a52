"""From a partner's body to a prepared submission, or a SubmissionRejected that says why.

Every door (the HTTP API, the internal intake behind TAXII POST, `crimefeed import`, the TAXII
poller) comes through here, so a submission is judged by the same limits, the same validator and
the same anonymization policy whichever door it used (docs/architecture.md, section 1). The work
is CPU-bound: servers run it on their intake workers, off the event loop.
"""

from __future__ import annotations

import uuid
from typing import Any

import orjson
from pydantic import ValidationError

from services.producers.bundle_check import check_bundle
from services.producers.errors import SubmissionRejected, describe_validation_error
from services.producers.limits import check_message_size, check_object_count, check_values
from services.producers.submission import PreparedSubmission, SubmissionService
from shared.models.report import TLP, MOReport
from shared.partners import Partner, PartnerRegistry
from shared.stix.markings import tlp_rank


def parse_report(payload: Any) -> MOReport:
    if not isinstance(payload, dict):
        raise SubmissionRejected(422, "an MO report must be a JSON object")
    try:
        return MOReport.model_validate(payload)
    except ValidationError as error:
        raise SubmissionRejected(422, "invalid MO report", describe_validation_error(error)) from error


def check_recipients(report: MOReport, registry: PartnerRegistry) -> None:
    """Recipients must be active partners cleared for the report's TLP, or it would reach nobody.

    An unknown id and a partner who may not read RED get the same answer, so the check tells a
    submitter nothing about which partner ids exist.
    """
    refused = [
        index
        for index, recipient in enumerate(report.recipients)
        if not _cleared(registry.get(recipient), report.tlp)
    ]
    if refused:
        raise SubmissionRejected(
            422,
            f"recipients must be partners cleared for TLP:{report.tlp.value.upper()}",
            [f"recipients[{index}]: not a partner that may receive this TLP" for index in refused],
        )


def _cleared(partner: Partner | None, tlp: TLP) -> bool:
    return partner is not None and partner.active and tlp_rank(partner.max_tlp) >= tlp_rank(tlp)


def decode_json(body: bytes) -> Any:
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as error:
        # orjson's message says where, not what: it quotes no submitted text.
        raise SubmissionRejected(400, f"malformed JSON: {error}") from error


def prepare_report_payload(
    payload: Any, partner_id: str, service: SubmissionService, registry: PartnerRegistry
) -> PreparedSubmission:
    check_values(payload, service.limits)
    report = parse_report(payload)
    check_recipients(report, registry)
    return within_message_size(service.prepare_report(report, partner_id), service)


def prepare_bundle_payload(payload: Any, partner_id: str, service: SubmissionService) -> PreparedSubmission:
    if isinstance(payload, dict) and isinstance(payload.get("objects"), list):
        check_object_count(payload["objects"], service.limits)
    check_values(payload, service.limits)
    objects = check_bundle(payload, service.limits.pattern)
    return within_message_size(service.prepare_bundle(objects, partner_id), service)


def within_message_size(prepared: PreparedSubmission, service: SubmissionService) -> PreparedSubmission:
    check_message_size(len(prepared.value), service.limits)
    return prepared


def prepare_any_payload(
    payload: Any, partner_id: str, service: SubmissionService, registry: PartnerRegistry
) -> PreparedSubmission:
    """A bundle if it says it is one, an MO report otherwise (files hold either)."""
    if isinstance(payload, dict) and payload.get("type") == "bundle":
        return prepare_bundle_payload(payload, partner_id, service)
    return prepare_report_payload(payload, partner_id, service, registry)


def as_bundle(payload: Any) -> Any:
    """A TAXII envelope's objects as a bundle of a fresh id; anything else unchanged."""
    if isinstance(payload, dict) and "type" not in payload and isinstance(payload.get("objects"), list):
        return {"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": payload["objects"]}
    return payload
