"""The producer path without Kafka: fixed clock and ids make the output byte-stable."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.producers.submission import SubmissionService
from shared.anonymization.text import TextAnonymizer
from shared.models.report import MOReport
from tests.services.producers.test_app import BUNDLE, REPORT

ANONYMIZER = TextAnonymizer()
FIXED_NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def service() -> SubmissionService:
    return SubmissionService(
        ANONYMIZER,
        b"test-key",
        clock=lambda: FIXED_NOW,
        new_id=lambda: uuid.UUID("6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
    )


def test_same_report_same_clock_gives_byte_identical_bundles() -> None:
    report = MOReport.model_validate(REPORT)
    first = service().prepare_report(report, "nl-police")
    second = service().prepare_report(report, "nl-police")
    assert orjson.dumps(first.bundle) == orjson.dumps(second.bundle)


def test_other_partner_gets_other_pseudonym_but_shared_mo_ids() -> None:
    report = MOReport.model_validate(REPORT)
    nl = service().prepare_report(report, "nl-police")
    fr = service().prepare_report(report, "fr-cert")

    def ids_of(kind: str, bundle: dict[str, Any]) -> set[str]:
        return {o["id"] for o in bundle["objects"] if o["type"] == kind}

    assert ids_of("attack-pattern", nl.bundle) == ids_of("attack-pattern", fr.bundle)
    assert ids_of("indicator", nl.bundle) == ids_of("indicator", fr.bundle)
    assert ids_of("report", nl.bundle) != ids_of("report", fr.bundle)
    nl_authors = {o.get("created_by_ref") for o in nl.bundle["objects"] if o["type"] == "report"}
    fr_authors = {o.get("created_by_ref") for o in fr.bundle["objects"] if o["type"] == "report"}
    assert nl_authors.isdisjoint(fr_authors)


PLANTED = {
    "EMAIL": st.sampled_from(["jan.devries@mail.example", "m.garcia@correo.example"]),
    "PHONE": st.sampled_from(["+31 6 12345678", "+33 6 12 34 56 78", "+49 151 23456789", "+34 612 345 678"]),
    "IBAN": st.sampled_from(["NL91ABNA0417164300", "DE89370400440532013000", "FR1420041010050500013M02606"]),
    "CARD": st.sampled_from(["4111 1111 1111 1111", "5500 0000 0000 0004", "3782 822463 10005"]),
    "PERSON": st.sampled_from(["Jane Doe", "Pierre Dubois", "Hans Müller", "Carmen López"]),
    "IP": st.sampled_from(["203.0.113.77", "198.51.100.23"]),
}
FIELDS = st.sampled_from(["title", "narrative", "step"])
FILLER = st.sampled_from(["The victim", "Contact:", "Reported by", "Payment went to", "Victim"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(PLANTED)), data=st.data(), field=FIELDS, filler=FILLER)
def test_planted_personal_data_never_reaches_the_bundle(
    kind: str, data: st.DataObject, field: str, filler: str
) -> None:
    value = data.draw(PLANTED[kind])
    text = f"{filler} {value} after the smishing wave."
    payload: dict[str, Any] = {**REPORT}
    if field == "title":
        payload["title"] = text
    elif field == "narrative":
        payload["narrative"] = text
    else:
        payload["modus_operandi"] = [{"description": text}]
    prepared = service().prepare_report(MOReport.model_validate(payload), "nl-police")
    serialized = orjson.dumps(prepared.bundle).decode()
    assert value not in serialized
    assert prepared.redactions[kind] >= 1
    for secret in ("nl-police", "Pieter Jansen", "p.jansen@politie.example", "Politie NL"):
        assert secret not in serialized


def test_bundle_authorship_is_rewritten_and_personal_objects_dropped() -> None:
    account = {
        "type": "user-account",
        "spec_version": "2.1",
        "id": "user-account--0d5b424b-93b8-5cd8-ac36-306e1789d63c",
        "user_id": "jane.doe",
    }
    prepared = service().prepare_bundle([*BUNDLE["objects"], account], "nl-police")
    objects = prepared.bundle["objects"]
    assert not any(o["type"] == "user-account" for o in objects)
    indicator = next(o for o in objects if o["type"] == "indicator")
    assert indicator["created_by_ref"] != BUNDLE["objects"][0]["id"]
    assert "Jane Doe" not in orjson.dumps(prepared.bundle).decode()
