"""Deterministic ids: recomputed here from their definitions, and checked against stix2 for SCOs."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid

import stix2
from hypothesis import given
from hypothesis import strategies as st

from shared.models.report import TLP, MOReport
from shared.stix import ids

from .conftest import SAMPLE_REPORT

CRIMEFEED_NS = uuid.UUID("ab3fa8bc-300b-4847-956a-f02b128d5429")


def _expected(stix_type: str, canonical: str) -> str:
    return f"{stix_type}--{uuid.uuid5(CRIMEFEED_NS, stix_type + canonical)}"


def test_namespaces_are_fixed() -> None:
    assert uuid.UUID("00abedb4-aa42-466c-9c01-fed23315a9b7") == ids.SCO_NAMESPACE
    assert ids.CRIMEFEED_NAMESPACE == CRIMEFEED_NS


def test_technique_and_attack_pattern_ids_by_external_id_ignore_case_and_name() -> None:
    expected = _expected("attack-pattern", '{"external_id":"T1566.002","reference":true,"scope":"green"}')
    assert ids.technique_id(" t1566.002 ", scope="green") == expected
    scoped = _expected("attack-pattern", '{"external_id":"T1566.002","scope":"green"}')
    assert ids.attack_pattern_id(external_id="T1566.002", name="Spearphishing Link", scope="green") == scoped
    assert ids.attack_pattern_id(external_id=" t1566.002 ", name="anything else", scope="green") == scoped


def test_attack_pattern_id_by_normalized_name() -> None:
    expected = _expected("attack-pattern", '{"name":"sim swap via social engineering","scope":"amber"}')
    name = "SIM  swap via\tSocial Engineering "
    assert ids.attack_pattern_id(external_id=None, name=name, scope="amber") == expected


def test_scope_keys_name_owner_and_recipients_only_where_they_decide_who_reads() -> None:
    assert ids.scope_key(TLP.GREEN, "identity--a", ["x"]) == "green"
    assert ids.scope_key(TLP.AMBER_STRICT, "identity--a", ["x"]) == "amber+strict@identity--a"
    assert ids.scope_key(TLP.RED, "identity--a", ["y", "x", "y"]) == "red@identity--a#x,y"


def test_scoped_sco_ids_keep_the_spec_id_at_clear_only() -> None:
    clear = ids.scoped_sco_id("domain-name", {"value": "a.example"}, "clear")
    assert clear == stix2.DomainName(value="a.example").id
    green = ids.scoped_sco_id("domain-name", {"value": "a.example"}, "green")
    red = ids.scoped_sco_id("domain-name", {"value": "a.example"}, "red@identity--a#b")
    assert len({clear, green, red}) == 3


def test_indicator_location_and_relationship_ids() -> None:
    pattern = "[domain-name:value = 'a.example']"
    assert ids.indicator_id(pattern, scope="green") == _expected(
        "indicator", json.dumps({"pattern": pattern, "scope": "green"}, separators=(",", ":"))
    )
    assert ids.location_id("nl", scope="clear") == _expected("location", '{"country":"NL","scope":"clear"}')
    rel = ids.relationship_id("indicates", "indicator--1", "attack-pattern--2", report_ref="report--3")
    assert rel == _expected(
        "relationship",
        '{"relationship_type":"indicates","report_ref":"report--3","source_ref":"indicator--1",'
        '"target_ref":"attack-pattern--2"}',
    )
    sighting = ids.sighting_id("attack-pattern--2", ["location--b", "location--a"], report_ref="report--3")
    assert sighting == _expected(
        "sighting",
        '{"report_ref":"report--3","sighting_of_ref":"attack-pattern--2","where_sighted_refs":["location--a","location--b"]}',
    )


def test_pseudonym_is_a_keyed_hash() -> None:
    key = b"k" * 32
    pseudonym = ids.pseudonymize("nl-police", key)
    digest = hmac.new(key, b"nl-police", hashlib.sha256).hexdigest()
    assert pseudonym.digest == digest
    assert pseudonym.identity_id == _expected("identity", f'{{"pseudonym":"{digest}"}}')
    assert pseudonym.name == f"Partner {digest[:6]}"
    # Stable per partner, different per partner and per key, and not the unkeyed hash.
    assert ids.pseudonymize("nl-police", key) == pseudonym
    assert ids.pseudonymize("be-ccb", key).digest != digest
    assert ids.pseudonymize("nl-police", b"other key").digest != digest
    assert hashlib.sha256(b"nl-police").hexdigest() != digest
    assert "nl-police" not in pseudonym.identity_id + pseudonym.name


def test_empty_key_is_refused() -> None:
    try:
        ids.pseudonymize("nl-police", b"")
    except ValueError:
        return
    raise AssertionError("an empty key must be refused")


def test_report_content_hash_covers_only_what_is_published() -> None:
    report = MOReport.model_validate(SAMPLE_REPORT)
    content = report.model_dump(mode="json", exclude={"submitter", "victims"})
    content["indicators"] = [i for i in content["indicators"] if i["role"] == "offender"]
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert ids.report_content_hash(report) == hashlib.sha256(canonical.encode()).hexdigest()
    same = [
        {**SAMPLE_REPORT, "submitter": {"organization": "someone else"}},
        {**SAMPLE_REPORT, "victims": {"count": 3}},
        {
            **SAMPLE_REPORT,
            "indicators": [*SAMPLE_REPORT["indicators"], {"type": "url", "value": "x", "role": "victim"}],
        },
    ]
    for variant in same:
        assert ids.report_content_hash(MOReport.model_validate(variant)) == ids.report_content_hash(report)
    changed = MOReport.model_validate({**SAMPLE_REPORT, "title": "Another title"})
    assert ids.report_content_hash(changed) != ids.report_content_hash(report)


def test_report_id_depends_on_pseudonym_and_content() -> None:
    first = ids.report_id(pseudonym_id="identity--a", content_hash="00")
    assert first == _expected("report", '{"content_hash":"00","created_by_ref":"identity--a"}')
    assert ids.report_id(pseudonym_id="identity--b", content_hash="00") != first
    assert ids.report_id(pseudonym_id="identity--a", content_hash="01") != first


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=60)


@given(_text)
def test_value_sco_ids_match_stix2(value: str) -> None:
    for stix_type, cls in (
        ("domain-name", stix2.DomainName),
        ("url", stix2.URL),
        ("email-addr", stix2.EmailAddress),
    ):
        assert ids.sco_id(stix_type, {"value": value}) == cls(value=value).id


@given(st.ip_addresses(v=4).map(str), st.ip_addresses(v=6).map(str))
def test_ip_sco_ids_match_stix2(ipv4: str, ipv6: str) -> None:
    assert ids.sco_id("ipv4-addr", {"value": ipv4}) == stix2.IPv4Address(value=ipv4).id
    assert ids.sco_id("ipv6-addr", {"value": ipv6}) == stix2.IPv6Address(value=ipv6).id


@given(st.binary(min_size=1, max_size=16))
def test_file_sco_ids_match_stix2_with_hash_preference(data: bytes) -> None:
    md5, sha1, sha256 = (hashlib.new(name, data).hexdigest() for name in ("md5", "sha1", "sha256"))
    for hashes in ({"MD5": md5}, {"SHA-1": sha1}, {"SHA-256": sha256}, {"SHA-256": sha256, "SHA-1": sha1}):
        assert ids.sco_id("file", {"hashes": hashes}) == stix2.File(hashes=hashes).id


def test_bundle_id_per_submission() -> None:
    assert ids.bundle_id("sub-1") == _expected("bundle", '{"submission_id":"sub-1"}')
    assert ids.bundle_id("sub-2") != ids.bundle_id("sub-1")


@given(st.sampled_from([ids.SCO_NAMESPACE, ids.CRIMEFEED_NAMESPACE]), st.text())
def test_fast_uuid5_is_uuid5(namespace: uuid.UUID, name: str) -> None:
    assert ids.fast_uuid5(namespace, name) == str(uuid.uuid5(namespace, name))


_ID_VALUES = st.text() | st.integers(-(2**63), 2**63 - 1) | st.lists(st.text())


@given(st.dictionaries(st.text(), _ID_VALUES), st.none() | st.text())
def test_sdo_ids_hash_type_and_canonical_json(properties: dict[str, object], scope: str | None) -> None:
    contributing = properties if scope is None else {**properties, "scope": scope}
    name = "attack-pattern" + ids.canonical_json(contributing)
    expected = f"attack-pattern--{uuid.uuid5(ids.CRIMEFEED_NAMESPACE, name)}"
    assert ids.sdo_id("attack-pattern", properties, scope) == expected
