"""The producer path without Kafka: fixed clock and ids make the output byte-stable, and nothing
personal about victims, submitters or partners is left in the bundle."""

from __future__ import annotations

import copy
import itertools
import re
import uuid
from datetime import UTC, datetime
from typing import Any

import orjson
import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat
from stdnum import iban as std_iban
from stdnum import luhn
from stix2validator import ValidationOptions, validate_instance

from services.producers.errors import SubmissionRejected
from services.producers.intake import prepare_bundle_payload
from services.producers.submission import PreparedSubmission, SubmissionService
from shared.anonymization.text import TextAnonymizer
from shared.models.report import TLP, MOReport
from shared.stix import ids
from shared.stix.markings import TLP_MARKING_IDS

ANONYMIZER = TextAnonymizer()
FIXED_NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
FIXED_ID = uuid.UUID("6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
KEY = b"key"

SUBMITTER = {
    "organization": "Politie Eenheid Rotterdam",
    "contact_name": "Pieter Jansen",
    "contact_email": "p.jansen@politie.example",
}
PARTNER = "nl-police"
OFFENDER_DOMAIN = "parcel-redelivery-fee.example"
# Victim-role indicator values: personal data that must stay in the producer.
VICTIM_VALUES = {
    "email-addr": "anneke.visser@webmail.example",
    "phone-number": "+31612345679",
    "ipv4-addr": "192.0.2.45",
    "domain-name": "visser-family-blog.example",
}
# A report whose own text holds no personal data, so that planted values are the only ones.
REPORT: dict[str, Any] = {
    "title": "Parcel-delivery smishing leading to card enrolment in mobile wallets",
    "narrative": "SMS messages about a held parcel link to a fake payment page.",
    "crime_category": "fraud",
    "modus_operandi": [
        {"description": "SMS lure about a held parcel with a link", "technique_id": "T1660"},
        {"description": "Fake payment page harvests card data and OTP"},
    ],
    "indicators": [
        {"type": "domain-name", "value": OFFENDER_DOMAIN, "role": "offender"},
        *({"type": kind, "value": value, "role": "victim"} for kind, value in VICTIM_VALUES.items()),
    ],
    "first_seen": "2026-10-01T13:45:12Z",
    "last_seen": "2026-11-20T08:00:00Z",
    "country": "NL",
    "sectors": ["finance", "logistics"],
    "victims": {"count": 58, "losses": {"amount": 96512, "currency": "EUR"}},
    "tlp": "amber",
    "submitter": SUBMITTER,
}
IDENTITY = {
    "type": "identity",
    "spec_version": "2.1",
    "id": "identity--311b2d2d-f010-4473-83ec-1edf84858f4c",
    "created": "2026-01-01T00:00:00.000Z",
    "modified": "2026-01-01T00:00:00.000Z",
    "name": "Politie Eenheid Rotterdam",
    "identity_class": "organization",
    "contact_information": "p.jansen@politie.example",
}
INDICATOR = {
    "type": "indicator",
    "spec_version": "2.1",
    "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
    "created_by_ref": IDENTITY["id"],
    "created": "2026-01-01T00:00:00.000Z",
    "modified": "2026-01-01T00:00:00.000Z",
    "name": "Smishing domain",
    "description": "Reported by victim Jane Doe, jane.doe@mail.example",
    "indicator_types": ["malicious-activity"],
    "pattern": "[domain-name:value = 'parcel-fee.example']",
    "pattern_type": "stix",
    "valid_from": "2026-01-01T00:00:00Z",
}
USER_ACCOUNT = {
    "type": "user-account",
    "spec_version": "2.1",
    "id": "user-account--0d5b424b-93b8-5cd8-ac36-306e1789d63c",
    "user_id": "jane.doe",
    "display_name": "Jane Doe",
}


def service(key: bytes = KEY, new_id: Any = None) -> SubmissionService:
    return SubmissionService(ANONYMIZER, key, clock=lambda: FIXED_NOW, new_id=new_id or (lambda: FIXED_ID))


def report(**changes: Any) -> MOReport:
    return MOReport.model_validate({**REPORT, **changes})


def dumped(prepared: PreparedSubmission) -> str:
    return orjson.dumps(prepared.bundle).decode()


def of_type(prepared: PreparedSubmission, kind: str) -> list[dict[str, Any]]:
    return [obj for obj in prepared.bundle["objects"] if obj["type"] == kind]


def assert_valid_stix(bundle: dict[str, Any]) -> None:
    results = validate_instance(bundle, ValidationOptions(version="2.1"))
    assert results.is_valid, [str(error) for error in results.errors]


# --- determinism and ids -----------------------------------------------------------------------------


def test_same_report_same_clock_and_id_gives_byte_identical_bundles() -> None:
    first = service().prepare_report(report(), PARTNER)
    second = service().prepare_report(report(), PARTNER)
    assert orjson.dumps(first.bundle) == orjson.dumps(second.bundle)
    assert first.object_ids == second.object_ids and first.object_ids
    assert first.submission_id == second.submission_id == str(FIXED_ID)
    assert first.redactions == second.redactions


def test_same_bundle_twice_gives_byte_identical_bundles() -> None:
    first = service().prepare_bundle([IDENTITY, INDICATOR], PARTNER)
    second = service().prepare_bundle(copy.deepcopy([IDENTITY, INDICATOR]), PARTNER)
    assert orjson.dumps(first.bundle) == orjson.dumps(second.bundle)
    assert first.object_ids == second.object_ids
    owner = ids.pseudonymize(PARTNER, KEY).identity_id
    [published] = set(ids.partner_object_candidates(INDICATOR["id"], owner)) & set(first.object_ids)
    assert first.object_ids == [owner, published]


def test_bundle_ids_are_reidentified_per_creator_and_scope_with_references_following() -> None:
    """One id, one creator, one scope: the same posted id from two partners, or from one
    partner at two TLPs, is published as distinct objects; within one scope and creator it is
    the same object every time (a resubmission is a new version)."""
    green = {**INDICATOR, "object_marking_refs": [TLP_MARKING_IDS[TLP.GREEN]]}
    red = {**INDICATOR, "object_marking_refs": [TLP_MARKING_IDS[TLP.RED]]}
    sighting = {
        "type": "sighting", "spec_version": "2.1", "id": "sighting--6b1c3c2a-8f4e-4a57-9d0b-2c7e0f1a9b3d",
        "created": INDICATOR["created"], "modified": INDICATOR["modified"],
        "sighting_of_ref": INDICATOR["id"], "object_marking_refs": [TLP_MARKING_IDS[TLP.GREEN]],
    }  # fmt: skip

    def published(objects: list[dict[str, Any]], partner: str) -> dict[str, dict[str, Any]]:
        bundle = service().prepare_bundle(copy.deepcopy(objects), partner).bundle
        return {obj["id"]: obj for obj in bundle["objects"] if obj["type"] in ("indicator", "sighting")}

    mine = published([green, sighting], PARTNER)
    again = published([green, sighting], PARTNER)
    theirs = published([green], "other-partner")
    strict = published([red], PARTNER)
    [indicator] = [i for i, o in mine.items() if o["type"] == "indicator"]
    assert indicator != INDICATOR["id"] and set(mine) == set(again)
    assert not set(theirs) & set(mine) and not set(strict) & set(mine)
    [seen] = [o for o in mine.values() if o["type"] == "sighting"]
    assert seen["sighting_of_ref"] == indicator


def test_new_submission_ids_do_not_change_object_ids() -> None:
    counter = itertools.count(1)
    svc = service(new_id=lambda: uuid.UUID(int=next(counter)))
    first = svc.prepare_report(report(), PARTNER)
    second = svc.prepare_report(report(), PARTNER)
    assert first.submission_id != second.submission_id
    assert first.bundle["id"] != second.bundle["id"]
    assert first.object_ids == second.object_ids
    assert first.trace_id != second.trace_id


def test_object_ids_list_the_content_not_the_meta_objects() -> None:
    prepared = service().prepare_report(report(), PARTNER)
    by_id = {obj["id"]: obj for obj in prepared.bundle["objects"]}
    assert set(prepared.object_ids) <= set(by_id)
    kinds = {by_id[object_id]["type"] for object_id in prepared.object_ids}
    assert {"report", "attack-pattern", "indicator"} <= kinds
    assert not kinds & {"marking-definition", "extension-definition"}
    assert prepared.bundle["id"] == ids.bundle_id(prepared.submission_id)


def test_other_partner_gets_other_pseudonym_and_report_but_shared_mo_ids() -> None:
    nl = service().prepare_report(report(), "nl-police")
    fr = service().prepare_report(report(), "fr-cert")

    def ids_of(prepared: PreparedSubmission, kind: str) -> set[str]:
        return {obj["id"] for obj in of_type(prepared, kind)}

    nl_pseudonym = ids.pseudonymize("nl-police", KEY).identity_id
    fr_pseudonym = ids.pseudonymize("fr-cert", KEY).identity_id
    assert nl_pseudonym != fr_pseudonym
    assert nl_pseudonym in ids_of(nl, "identity") and fr_pseudonym not in ids_of(nl, "identity")
    assert fr_pseudonym in ids_of(fr, "identity") and nl_pseudonym not in ids_of(fr, "identity")
    [nl_report], [fr_report] = of_type(nl, "report"), of_type(fr, "report")
    assert nl_report["created_by_ref"] == nl_pseudonym and fr_report["created_by_ref"] == fr_pseudonym
    assert nl_report["id"] != fr_report["id"]
    # The MOs and indicators are shared (crimefeed's in a shared scope); each report's own
    # MO steps, which carry its text, are not.
    mos = {o["id"] for o in of_type(nl, "attack-pattern") if "description" not in o}
    assert len(mos) == 2 and ids_of(nl, "attack-pattern") & ids_of(fr, "attack-pattern") == mos
    assert ids_of(nl, "indicator") == ids_of(fr, "indicator")


def test_pseudonym_depends_on_the_secret_key() -> None:
    one = service(key=b"one").prepare_report(report(), PARTNER)
    two = service(key=b"two").prepare_report(report(), PARTNER)
    [author_one] = {obj["created_by_ref"] for obj in of_type(one, "report")}
    [author_two] = {obj["created_by_ref"] for obj in of_type(two, "report")}
    assert author_one != author_two
    assert author_one == ids.pseudonymize(PARTNER, b"one").identity_id


# --- what never leaves the producer ------------------------------------------------------------------


@pytest.mark.parametrize("partner", ["nl-police", "fr-cert", "de-bka-cyber"])
def test_submitter_contact_details_and_partner_id_never_appear(partner: str) -> None:
    prepared = service().prepare_report(report(), partner)
    text = dumped(prepared)
    for secret in [*SUBMITTER.values(), "Pieter", "Jansen", "politie.example", partner]:
        assert secret not in text, f"{secret!r} reached the bundle"
    [pseudonym] = [
        obj
        for obj in of_type(prepared, "identity")
        if obj["id"] == ids.pseudonymize(partner, KEY).identity_id
    ]
    assert pseudonym["name"].startswith("Partner ")
    assert not {"contact_information", "description"} & set(pseudonym)


def test_victim_indicator_values_never_appear_but_offender_domains_do() -> None:
    prepared = service().prepare_report(report(), PARTNER)
    text = dumped(prepared)
    for value in VICTIM_VALUES.values():
        assert value not in text, f"victim value {value!r} reached the bundle"
    assert "612345679" not in text
    assert OFFENDER_DOMAIN in text
    patterns = [obj["pattern"] for obj in of_type(prepared, "indicator")]
    assert patterns == [f"[domain-name:value = '{OFFENDER_DOMAIN}']"]
    assert prepared.redactions["VICTIM-INDICATOR"] == len(VICTIM_VALUES)


def test_redactions_count_kinds_and_never_carry_values() -> None:
    narrative = "Victim Jane Doe (jane.doe@mail.example, +31 6 12345678) paid by card 4111 1111 1111 1111."
    prepared = service().prepare_report(report(narrative=narrative), PARTNER)
    assert prepared.redactions["EMAIL"] == 1 and prepared.redactions["PHONE"] == 1
    assert prepared.redactions["CARD"] == 1 and prepared.redactions["PERSON"] >= 1
    assert all(isinstance(count, int) for count in prepared.redactions.values())
    assert not any("@" in kind or any(ch.isdigit() for ch in kind) for kind in prepared.redactions)
    text = dumped(prepared)
    assert "[EMAIL]" in text and "[CARD]" in text and "4111" not in text


# --- planted personal data (property) ----------------------------------------------------------------

PERSON_NAMES = ["Jane Doe", "Pierre Dubois", "محمد رضایی", "Hans Müller", "Carmen López", "Jan de Vries"]


def _phone_examples() -> list[str]:
    examples = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        number = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
        if number is None or not phonenumbers.is_valid_number(number):
            continue
        examples.append(phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL))
        examples.append(phonenumbers.format_number(number, PhoneNumberFormat.E164))
        if region in ("NL", "FR", "DE", "ES", "IT", "GB", "US", "BE"):
            examples.append(phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL))
    return examples


PHONE_EXAMPLES = _phone_examples()
# BBAN layouts (length, n=digits a=letters c=alphanumerics) of countries whose IBANs stdnum checks
# by format and ISO 7064 only, so a random BBAN with computed check digits is valid.
BBAN_LAYOUTS = {
    "DE": ((18, "n"),),
    "NL": ((4, "a"), (10, "n")),
    "GB": ((4, "a"), (14, "n")),
    "AT": ((16, "n"),),
    "PL": ((24, "n"),),
    "CH": ((5, "n"), (12, "c")),
}
ALPHABETS = {
    "n": "0123456789",
    "a": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "c": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
}


@st.composite
def ibans(draw: st.DrawFn) -> str:
    country = draw(st.sampled_from(sorted(BBAN_LAYOUTS)))
    bban = "".join(
        draw(st.text(ALPHABETS[kind], min_size=size, max_size=size)) for size, kind in BBAN_LAYOUTS[country]
    )
    number = country + std_iban.calc_check_digits(country + "00" + bban) + bban
    assert std_iban.is_valid(number), number
    return draw(st.sampled_from([number, std_iban.format(number)]))


@st.composite
def cards(draw: st.DrawFn) -> str:
    prefix, length = draw(st.sampled_from([("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("37", 15)]))
    body = draw(st.text("0123456789", min_size=length - len(prefix) - 1, max_size=length - len(prefix) - 1))
    number = prefix + body + luhn.calc_check_digit(prefix + body)
    assert luhn.is_valid(number)
    style = draw(st.sampled_from(["compact", " ", "-"]))
    if style == "compact":
        return number
    groups = (
        [number[i : i + 4] for i in range(0, 16, 4)]
        if length == 16
        else [number[:4], number[4:10], number[10:]]
    )
    return style.join(groups)


emails = st.builds(
    "{}@{}".format,
    st.from_regex(r"[a-z][a-z0-9]{1,10}(\.[a-z][a-z0-9]{1,10})?", fullmatch=True),
    st.sampled_from(["mail.example", "correo.example", "gmx.de", "orange.fr", "yahoo.co.uk"]),
)
PLANTED: dict[str, st.SearchStrategy[str]] = {
    "EMAIL": emails,
    "PHONE": st.sampled_from(PHONE_EXAMPLES),
    "IBAN": ibans(),
    "CARD": cards(),
    "PERSON": st.sampled_from(PERSON_NAMES),
    "IP": st.ip_addresses(v=4).map(str),
}
FIELDS = ["title", "narrative", "mo_step"]
FILLERS = st.sampled_from(
    [
        "The victim",
        "Contact:",
        "Reported by",
        "Payment went to",
        "Victim",
        "La victime",
        "Das Opfer",
        "الضحية",
    ]
)


def planted_report(field: str, text: str) -> MOReport:
    if field == "title":
        return report(title=text)
    if field == "narrative":
        return report(narrative=text)
    return report(modus_operandi=[*REPORT["modus_operandi"], {"description": text}])


def assert_nothing_planted_leaks(prepared: PreparedSubmission, kind: str, value: str) -> None:
    text = dumped(prepared)
    assert value not in text, f"{kind} {value!r} reached the bundle"
    if kind == "PERSON":
        for part in value.split():
            if len(part) >= 3:
                assert re.search(rf"\b{re.escape(part)}\b", text) is None, f"{part!r} of {value!r} leaked"
    if kind in ("CARD", "IBAN"):
        compact = "".join(ch for ch in value if ch.isalnum())
        assert compact not in text
    # A card or IBAN "payment went to" is a receiving account: OFFENDER-CARD/-IBAN, masked too.
    assert prepared.redactions[kind] + prepared.redactions[f"OFFENDER-{kind}"] >= 1, prepared.redactions
    for secret in (PARTNER, *SUBMITTER.values()):
        assert secret not in text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(sorted(PLANTED)),
    data=st.data(),
    field=st.sampled_from(FIELDS),
    filler=FILLERS,
)
def test_planted_personal_data_never_reaches_the_bundle(
    kind: str, data: st.DataObject, field: str, filler: str
) -> None:
    value = data.draw(PLANTED[kind], label="value")
    if kind == "IP" and filler == "Payment went to":
        filler = "The victim"  # an IP address no personal cue speaks for is the offender's
    prepared = service().prepare_report(
        planted_report(field, f"{filler} {value} after the smishing wave."), PARTNER
    )
    assert_nothing_planted_leaks(prepared, kind, value)


FIXED_PLANTS = {
    "EMAIL": "m.garcia@correo.example",
    "PHONE": "+33 6 12 34 56 78",
    "IBAN": "NL91ABNA0417164300",
    "CARD": "4111 1111 1111 1111",
    "PERSON": "محمد رضایی",
    "IP": "203.0.113.77",
}


@pytest.mark.parametrize(("kind", "field"), list(zip(sorted(FIXED_PLANTS), itertools.cycle(FIELDS))))
def test_planted_examples_leak_nothing_and_validate(kind: str, field: str) -> None:
    value = FIXED_PLANTS[kind]
    prepared = service().prepare_report(planted_report(field, f"Victim {value} paid the fee."), PARTNER)
    assert_nothing_planted_leaks(prepared, kind, value)
    assert_valid_stix(prepared.bundle)


# --- partner bundles ---------------------------------------------------------------------------------


def test_bundle_authorship_is_rewritten_to_the_pseudonym() -> None:
    prepared = service().prepare_bundle([IDENTITY, INDICATOR], PARTNER)
    pseudonym = ids.pseudonymize(PARTNER, KEY).identity_id
    [indicator] = of_type(prepared, "indicator")
    assert indicator["created_by_ref"] == pseudonym
    assert indicator["pattern"] == INDICATOR["pattern"]
    identities = {obj["id"] for obj in of_type(prepared, "identity")}
    assert pseudonym in identities and IDENTITY["id"] not in identities
    text = dumped(prepared)
    for secret in (
        IDENTITY["id"],
        "Politie",
        "p.jansen@politie.example",
        "Jane Doe",
        "jane.doe@mail.example",
        PARTNER,
    ):
        assert secret not in text
    assert indicator["description"] == "Reported by victim [PERSON], [EMAIL]"


def test_bundle_user_accounts_are_dropped_and_counted() -> None:
    prepared = service().prepare_bundle([IDENTITY, INDICATOR, USER_ACCOUNT], PARTNER)
    assert of_type(prepared, "user-account") == []
    assert USER_ACCOUNT["id"] not in prepared.object_ids
    text = dumped(prepared)
    assert "jane.doe" not in text and "Jane Doe" not in text
    assert prepared.redactions["DROPPED-OBJECT"] == 1
    assert prepared.object_ids == [
        ids.pseudonymize(PARTNER, KEY).identity_id,
        prepared.published_as[INDICATOR["id"]],
    ]


def test_bundle_objects_are_not_modified_in_place() -> None:
    objects = copy.deepcopy([IDENTITY, INDICATOR, USER_ACCOUNT])
    service().prepare_bundle(objects, PARTNER)
    assert objects == [IDENTITY, INDICATOR, USER_ACCOUNT]


def test_objects_without_spec_version_are_declared_2_1() -> None:
    legacy = {key: value for key, value in INDICATOR.items() if key != "spec_version"}
    bundle = {"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": [IDENTITY, legacy]}
    prepared = prepare_bundle_payload(bundle, PARTNER, service())
    [indicator] = of_type(prepared, "indicator")
    assert indicator["spec_version"] == "2.1"
    assert_valid_stix(prepared.bundle)


def test_a_bundle_that_is_not_one_is_rejected_with_422() -> None:
    with pytest.raises(SubmissionRejected) as caught:
        service().prepare_bundle([{"type": "indicator", "name": "no id"}], PARTNER)
    assert caught.value.status_code == 422
    assert any("objects[0]" in error for error in caught.value.errors)


# --- every bundle validates ----------------------------------------------------------------------------


def test_prepared_report_bundles_validate() -> None:
    assert_valid_stix(service().prepare_report(report(), PARTNER).bundle)
    red = report(tlp="red", recipients=["fr-cert"], victims={"count": 2}, first_seen=None, last_seen=None)
    assert_valid_stix(service().prepare_report(red, PARTNER).bundle)
    minimal = MOReport.model_validate({"title": "Smishing"})
    assert_valid_stix(service().prepare_report(minimal, PARTNER).bundle)


def test_prepared_partner_bundles_validate() -> None:
    assert_valid_stix(service().prepare_bundle([IDENTITY, INDICATOR, USER_ACCOUNT], PARTNER).bundle)


def test_unmarked_objects_of_a_bundle_take_its_strictest_tlp() -> None:
    """Converters (MISP) mark the container only: what it refers to must not fall back to AMBER."""
    from shared.access import effective_tlp
    from shared.models.report import TLP
    from shared.stix.markings import TLP_MARKING_IDS

    indicator_id = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"
    stamp = "2026-01-01T00:00:00.000Z"
    grouping = {
        "type": "grouping", "spec_version": "2.1", "id": "grouping--5d0092c5-5f74-4287-9642-33f4c354e56d",
        "created": stamp, "modified": stamp, "context": "suspicious-activity", "name": "Invoice fraud wave",
        "object_refs": [indicator_id], "object_marking_refs": [TLP_MARKING_IDS[TLP.RED]],
    }  # fmt: skip
    unmarked = {
        "type": "indicator", "spec_version": "2.1", "id": indicator_id, "created": stamp, "modified": stamp,
        "pattern": "[domain-name:value = 'invoice-pay.example']", "pattern_type": "stix",
        "valid_from": "2026-01-01T00:00:00Z",
    }  # fmt: skip
    prepared = service().prepare_bundle([grouping, unmarked], "cert-nl")
    published = {obj["id"]: obj for obj in prepared.bundle["objects"]}
    assert effective_tlp(published[prepared.published_as[indicator_id]]) is TLP.RED
    alone = service().prepare_bundle([copy.deepcopy(unmarked)], "cert-nl")
    alone_id = alone.published_as[indicator_id]
    assert effective_tlp(next(o for o in alone.bundle["objects"] if o["id"] == alone_id)) is TLP.AMBER
