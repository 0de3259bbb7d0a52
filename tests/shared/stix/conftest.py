"""Shared test helpers for the STIX conversion: the OASIS validator and sample inputs."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import stix2validator

from shared.models.report import MOReport

# Warnings the OASIS validator raises that crimefeed accepts on purpose:
#  {103} uuid-check: SDO/SRO ids are deterministic UUIDv5 (docs/architecture.md), not UUIDv4.
#  {302} extref-hashes: ATT&CK/CAPEC references carry a URL without a hash of the page.
#  {202} relationship-types, only for indicator based-on <SCO>: OpenCTI's convention for linking
#        an indicator to its observable (the spec suggests based-on observed-data).
_ACCEPTED_WARNING = re.compile(
    r"\{103\}|\{302\}|\{202\} '[a-z0-9-]+' is permitted, but not a suggested relationship target object "
    r"for 'indicator' objects with the 'based-on' relationship"
)

Validate = Callable[[dict[str, Any]], tuple[list[str], list[str]]]


def validate(instance: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(errors, warnings not accepted above) from the OASIS STIX 2.1 validator."""
    result = stix2validator.validate_instance(instance, stix2validator.ValidationOptions(version="2.1"))
    errors = [str(error) for error in result.errors]
    warnings = [str(warning) for warning in result.warnings if not _ACCEPTED_WARNING.search(str(warning))]
    return errors, warnings


@pytest.fixture
def stix_validate() -> Validate:
    return validate


FIXED_NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def fixed_clock() -> datetime:
    return FIXED_NOW


SAMPLE_REPORT: dict[str, Any] = {
    "title": "Parcel-delivery smishing leading to card enrolment in mobile wallets",
    "narrative": "Victims receive an SMS about an unpaid parcel fee. [PERSON] entered card data.",
    "crime_category": "fraud",
    "modus_operandi": [
        {"description": "SMS lure about a parcel redelivery fee.", "technique_id": "T1660"},
        {
            "description": "Phishing page collects card data and the one-time code.",
            "technique_id": "T1566.002",
        },
        {"description": "Card enrolled in the offender's mobile wallet. Then used in shops."},
    ],
    "indicators": [
        {"type": "domain-name", "value": "Parcel-Redelivery-Fee.example", "role": "offender"},
        {"type": "url", "value": "https://parcel-redelivery-fee.example/pay?ref='a1'"},
        {"type": "ipv4-addr", "value": "203.0.113.7"},
        {"type": "email-addr", "value": "[EMAIL]@victim.example", "role": "victim"},
    ],
    "first_seen": "2026-10-01T00:00:00Z",
    "last_seen": "2026-11-20T00:00:00Z",
    "country": "NL",
    "sectors": ["finance", "logistics"],
    "victims": {"count": 58, "losses": {"amount": 96500, "currency": "EUR"}},
    "tlp": "amber",
    "recipients": [],
    "submitter": {
        "organization": "Politie",
        "contact_name": "J. Jansen",
        "contact_email": "j@politie.example",
    },
}


@pytest.fixture
def sample_report() -> MOReport:
    return MOReport.model_validate(SAMPLE_REPORT)


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
