"""From a decoded payload to a prepared submission, or a SubmissionRejected that says why.

The HTTP API, `crimefeed import` and (later) the TAXII paths all come through here, so a
report is judged the same way whichever door it used.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from services.producers.bundle_check import check_bundle
from services.producers.errors import SubmissionRejected, describe_validation_error
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


def prepare_report_payload(
    payload: Any, partner_id: str, service: SubmissionService, registry: PartnerRegistry
) -> PreparedSubmission:
    report = parse_report(payload)
    check_recipients(report, registry)
    return service.prepare_report(report, partner_id)


def prepare_bundle_payload(payload: Any, partner_id: str, service: SubmissionService) -> PreparedSubmission:
    objects = check_bundle(payload)
    return service.prepare_bundle(objects, partner_id)


def prepare_any_payload(
    payload: Any, partner_id: str, service: SubmissionService, registry: PartnerRegistry
) -> PreparedSubmission:
    """A bundle if it says it is one, an MO report otherwise (files hold either)."""
    if isinstance(payload, dict) and payload.get("type") == "bundle":
        return prepare_bundle_payload(payload, partner_id, service)
    return prepare_report_payload(payload, partner_id, service, registry)
