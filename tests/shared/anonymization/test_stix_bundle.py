"""anonymize_stix_objects: a bundle's personal observables, pattern literals and verbatim
properties that are not structural."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.anonymization.stix import anonymize_stix_objects
from shared.anonymization.text import TextAnonymizer

_T = "2026-03-01T10:00:00.000Z"


def _id(kind: str, n: int) -> str:
    return f"{kind}--00000000-0000-4000-8000-{n:012d}"


def _sdo(kind: str, n: int, **props: Any) -> dict[str, Any]:
    return {"type": kind, "spec_version": "2.1", "id": _id(kind, n), "created": _T, "modified": _T, **props}


VICTIM_MAIL = {
    "type": "email-addr",
    "spec_version": "2.1",
    "id": _id("email-addr", 1),
    "value": "jane.doe@mail.example",
}
SCAMMER_MAIL = {
    "type": "email-addr",
    "spec_version": "2.1",
    "id": _id("email-addr", 2),
    "value": "boss@evil.example",
}
VICTIM_PHONE = {
    "type": "phone-number",
    "spec_version": "2.1",
    "id": _id("phone-number", 3),
    "value": "+44 20 7946 0958",
}
INFRA = _sdo("infrastructure", 4, name="Mule mailbox", infrastructure_types=["phishing"])
USES = _sdo(
    "relationship", 5, relationship_type="consists-of", source_ref=INFRA["id"], target_ref=SCAMMER_MAIL["id"]
)
TO_VICTIM = _sdo(
    "relationship",
    6,
    relationship_type="related-to",
    source_ref=VICTIM_MAIL["id"],
    target_ref=VICTIM_PHONE["id"],
)
REPORT = _sdo(
    "report",
    7,
    name="CEO fraud",
    published=_T,
    object_refs=[VICTIM_MAIL["id"], SCAMMER_MAIL["id"], VICTIM_PHONE["id"], INFRA["id"]],
)


def test_victim_observables_dropped_offender_ones_kept(anonymizer: TextAnonymizer) -> None:
    out, counts = anonymize_stix_objects(
        [VICTIM_MAIL, SCAMMER_MAIL, VICTIM_PHONE, INFRA, USES, TO_VICTIM, REPORT], anonymizer
    )
    text = json.dumps(out)
    assert "jane.doe@mail.example" not in text and "7946" not in text
    assert "boss@evil.example" in text
    assert counts["VICTIM-OBSERVABLE"] == 2
    ids = {o["id"] for o in out}
    assert TO_VICTIM["id"] not in ids  # a relationship between two victims' observables says nothing
    (report,) = [o for o in out if o["type"] == "report"]
    assert report["object_refs"] == [SCAMMER_MAIL["id"], INFRA["id"]]


def test_value_in_an_indicator_pattern_is_an_offenders(anonymizer: TextAnonymizer) -> None:
    indicator = _sdo(
        "indicator",
        8,
        pattern="[email-addr:value = 'jane.doe@mail.example']",
        pattern_type="stix",
        valid_from=_T,
    )
    out, counts = anonymize_stix_objects([VICTIM_MAIL, indicator], anonymizer)
    assert VICTIM_MAIL in out and not counts["VICTIM-OBSERVABLE"]


def test_pattern_literals_that_are_no_infrastructure_are_anonymized(anonymizer: TextAnonymizer) -> None:
    indicator = _sdo(
        "indicator",
        9,
        pattern=(
            "[file:name = 'Jane_Doe_passport.pdf'] AND [domain-name:value = 'evil.example'] "
            "AND [url:value = 'https://evil.example/pay?mail=jane@mail.example'] "
            "AND [user-account:display_name = 'Jonathan Smithers']"
        ),
        pattern_type="stix",
        valid_from=_T,
    )
    (out,), counts = anonymize_stix_objects([indicator], anonymizer)
    for gone in ("Jane", "Doe", "Smithers", "jane@mail"):
        assert gone not in out["pattern"]
    assert "'evil.example'" in out["pattern"] and "https://evil.example/pay?mail=redacted" in out["pattern"]
    assert counts["URL-QUERY"] == 1


def test_literals_of_properties_that_name_people_are_anonymized(anonymizer: TextAnonymizer) -> None:
    indicator = _sdo(
        "indicator",
        10,
        pattern=(
            "[x509-certificate:subject = 'CN=Ingrid Vestergaard' "
            "AND x509-certificate:serial_number = '36:f7'] "
            "OR [windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Ingrid Vestergaard'] "
            "OR [network-traffic:extensions.'http-request-ext'.request_header.From = 'iv@mail.example'] "
            "OR [email-addr:display_name = 'Ingrid Vestergaard'] "
            "OR [mutex:name = 'Global\\\\IngridVestergaard'] OR [mutex:name = 'Remcos_Mutex_Inj'] "
            "OR [artifact:url = 'https://files.example/scan.pdf?owner=ingrid.v@mail.example'] "
            "OR [network-traffic:dst_ref.value = '203.0.113.5']"
        ),
        pattern_type="stix",
        valid_from=_T,
    )
    (out,), counts = anonymize_stix_objects([indicator], anonymizer)
    assert "Ingrid" not in out["pattern"] and "ingrid" not in out["pattern"]
    for kept in ("'36:f7'", "'Remcos_Mutex_Inj'", "'203.0.113.5'", "https://files.example/scan.pdf?owner=redacted"):
        assert kept in out["pattern"]
    assert counts["URL-QUERY"] == 1


def test_verbatim_properties_must_be_structural(anonymizer: TextAnonymizer) -> None:
    malware = _sdo(
        "malware",
        10,
        name="Emotet",
        is_family=True,
        malware_types=["trojan", "sent to Jonathan Smithers"],
        kill_chain_phases=[
            {"kill_chain_name": "mitre-attack", "phase_name": "initial-access"},
            {"kill_chain_name": "victim", "phase_name": "Jane Doe +44 20 7946 0958"},
        ],
        external_references=[
            {"source_name": "mitre-attack", "external_id": "S0367"},
            {"source_name": "Jonathan Smithers", "external_id": "JG 10 37 59 A"},
        ],
        x_victim_ref="Jonathan Smithers",
    )
    file_obj = {
        "type": "file",
        "spec_version": "2.1",
        "id": _id("file", 11),
        "name": "Jonathan_Smithers_ID.pdf",
        "hashes": {"SHA-256": "a" * 64, "MD5": "Jonathan Smithers"},
    }
    out, _ = anonymize_stix_objects([malware, file_obj], anonymizer)
    text = json.dumps(out)
    for gone in ("Smithers", "Jane Doe", "7946", "JG 10 37 59 A"):
        assert gone not in text
    (m,) = [o for o in out if o["type"] == "malware"]
    assert m["malware_types"][0] == "trojan"
    assert m["kill_chain_phases"] == [{"kill_chain_name": "mitre-attack", "phase_name": "initial-access"}]
    assert m["external_references"][0] == {"source_name": "mitre-attack", "external_id": "S0367"}
    (f,) = [o for o in out if o["type"] == "file"]
    assert f["hashes"] == {"SHA-256": "a" * 64}


def test_malformed_timestamp_does_not_carry_a_name(anonymizer: TextAnonymizer) -> None:
    obj = _sdo("malware", 12, name="X", is_family=False)
    obj["modified"] = "Jonathan Smithers"
    (out,), _ = anonymize_stix_objects([obj], anonymizer)
    assert "Smithers" not in json.dumps(out)


_MAILBOXES = st.from_regex(r"[a-z]{3,10}\.[a-z]{3,10}@[a-z]{4,10}\.(?:com|fr|de)", fullmatch=True)


@given(mailbox=_MAILBOXES, as_value=st.booleans())
@settings(max_examples=40, deadline=None)
def test_victim_mailbox_never_survives(anonymizer: TextAnonymizer, mailbox: str, as_value: bool) -> None:
    """A mailbox no offender's object points to never leaves, as an SCO or inside an observed-data."""
    sco = {"type": "email-addr", "spec_version": "2.1", "id": _id("email-addr", 20), "value": mailbox}
    observed = _sdo(
        "observed-data", 21, first_observed=_T, last_observed=_T, number_observed=1, objects={"0": dict(sco)}
    )
    objects = [sco] if as_value else [observed]
    out, _ = anonymize_stix_objects(objects, anonymizer)
    assert mailbox not in json.dumps(out)


def test_bundle_reads_each_distinct_string_once(anonymizer: TextAnonymizer) -> None:
    """A string repeated across a bundle's objects is redacted once per property and label, and
    every occurrence is redacted and counted."""
    note = "Contacted by Henrietta Vasquez-Oyelaran about the parcel"
    objects = [_sdo("malware", 30 + n, name="Loader", is_family=False, description=note) for n in range(3)]
    calls: list[tuple[str, str]] = []

    class Counting(TextAnonymizer):
        def redact(self, text: str, field: str = "narrative", *, label: bool = False) -> Any:
            calls.append((text, field))
            return super().redact(text, field, label=label)

    counting = Counting.__new__(Counting)
    counting.__dict__.update(anonymizer.__dict__)
    out, counts = anonymize_stix_objects(objects, counting)
    assert calls.count((note, "stix.description")) == 1
    assert calls.count(("Loader", "stix.name")) == 1
    assert all("Vasquez" not in o["description"] for o in out)
    _, alone_counts = anonymize_stix_objects(objects[:1], anonymizer)
    assert alone_counts["PERSON"] == 1
    assert counts == Counter({kind: 3 * n for kind, n in alone_counts.items()})


def test_a_profile_url_is_a_personal_observable_unless_an_offender_object_points_to_it(
    anonymizer: TextAnonymizer,
) -> None:
    victim = {"type": "url", "spec_version": "2.1", "id": "url--0b0c9c52-1a52-4d8e-9a61-2f1f1f0e7a01"}
    scam = {"type": "url", "spec_version": "2.1", "id": "url--0b0c9c52-1a52-4d8e-9a61-2f1f1f0e7a02"}
    victim["value"] = "https://www.facebook.com/hedda.lindqvist.77"
    scam["value"] = "https://t.me/secure_refund_desk"
    site = {"type": "url", "spec_version": "2.1", "id": "url--0b0c9c52-1a52-4d8e-9a61-2f1f1f0e7a03"}
    site["value"] = "https://parcel-fee.example/pay"
    indicator = {
        "type": "indicator",
        "spec_version": "2.1",
        "id": "indicator--0b0c9c52-1a52-4d8e-9a61-2f1f1f0e7a04",
        "created": "2026-10-01T00:00:00.000Z",
        "modified": "2026-10-01T00:00:00.000Z",
        "pattern": "[url:value = 'https://t.me/secure_refund_desk']",
        "pattern_type": "stix",
        "valid_from": "2026-10-01T00:00:00.000Z",
    }
    kept, counts = anonymize_stix_objects([victim, scam, site, indicator], anonymizer)
    assert {o["id"] for o in kept} == {scam["id"], site["id"], indicator["id"]}
    assert counts["VICTIM-OBSERVABLE"] == 1


def test_a_domain_name_without_a_dot_is_a_computers_name(anonymizer: TextAnonymizer) -> None:
    machine = {"type": "domain-name", "id": _id("domain-name", 20), "value": "LAPTOP-INGRIDV"}
    host = {"type": "domain-name", "id": _id("domain-name", 21), "value": "c2.evil.example"}
    indicator = _sdo(
        "indicator",
        22,
        pattern="[domain-name:value = 'LAPTOP-INGRIDV'] OR [domain-name:value = 'c2.evil.example']",
        pattern_type="stix",
        valid_from=_T,
    )
    process = {
        "type": "process",
        "spec_version": "2.1",
        "id": _id("process", 23),
        "environment_variables": {"COMPUTERNAME": "DESKTOP-7H3K2LP", "USER": "ingrid", "TEMP": "C:\\Temp"},
    }
    out, counts = anonymize_stix_objects([machine, host, indicator, process], anonymizer)
    text = json.dumps(out)
    assert "INGRIDV" not in text and "7H3K2LP" not in text and "ingrid" not in text
    assert [o["id"] for o in out] == [host["id"], indicator["id"], process["id"]]
    assert "'c2.evil.example'" in out[1]["pattern"]
    assert out[2]["environment_variables"] == {"TEMP": "C:\\Temp"}
    assert counts["DROPPED-OBJECT"] == 1


def test_made_up_slugs_and_joined_labels_that_name_someone(anonymizer: TextAnonymizer) -> None:
    malware = _sdo(
        "malware",
        30,
        name="Loader",
        is_family=True,
        lang="en-ingridv",
        labels=["ingrid-vestergaard", "money-mule", "Kaspersky-Skygofree"],
        kill_chain_phases=[
            {"kill_chain_name": "mitre-attack", "phase_name": "ingrid-vestergaard"},
            {"kill_chain_name": "mitre-attack", "phase_name": "initial-access"},
        ],
        x_file="invoice_ingrid_vestergaard.pdf",
    )
    actor = _sdo("threat-actor", 31, name="Crew", threat_actor_types=["criminal"])
    custom = {"type": "x-ingrid-vestergaard", "id": _id("x-ingrid-vestergaard", 32)}
    named = _sdo("relationship", 33, relationship_type="ingrid-vestergaard")
    named.update(source_ref=malware["id"], target_ref=actor["id"])
    uses = _sdo("relationship", 34, relationship_type="uses", source_ref=actor["id"])
    uses["target_ref"] = malware["id"]
    report = _sdo("report", 35, name="r", published=_T, lang="zh-Hans")
    report["object_refs"] = [malware["id"], custom["id"]]
    out, _ = anonymize_stix_objects([malware, actor, custom, named, uses, report], anonymizer)
    text = json.dumps(out).lower()
    assert "ingrid" not in text and "vestergaard" not in text
    by_id = {o["id"]: o for o in out}
    assert custom["id"] not in by_id and by_id[report["id"]]["object_refs"] == [malware["id"]]
    assert by_id[malware["id"]]["labels"] == ["[PERSON]", "money-mule", "Kaspersky-Skygofree"]
    phases = by_id[malware["id"]]["kill_chain_phases"]
    assert phases == [{"kill_chain_name": "mitre-attack", "phase_name": "initial-access"}]
    assert by_id[malware["id"]]["x_file"] == "invoice_[PERSON].pdf"
    assert by_id[named["id"]]["relationship_type"] == "related-to"
    assert by_id[uses["id"]]["relationship_type"] == "uses"
    assert by_id[report["id"]]["lang"] == "zh-Hans"
