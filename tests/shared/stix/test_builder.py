"""The MO report -> STIX conversion: determinism, validity, equivalence with stix2, privacy."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import stix2
from hypothesis import HealthCheck, given, settings

from shared.models.report import TLP, MOReport
from shared.stix import builder, ids, references
from shared.stix.errors import StixConversionError
from shared.stix.extension import EXTENSION_ID, IDENTITY_ID
from shared.stix.markings import TLP2_EXTENSION_ID
from tests.support.stix_examples import OWN_EXAMPLES, example_bundle_paths

from .conftest import SAMPLE_REPORT, fixed_clock, validate
from .strategies import reports

KEY = b"test-pseudonym-key-0123456789abcdef"
CRIMEFEED_NS = uuid.UUID("ab3fa8bc-300b-4847-956a-f02b128d5429")
AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"
AMBER_SCOPE = "amber"
CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
GOLDEN = Path(__file__).parent / "golden" / "sample_report_bundle.json"


def _build(report: MOReport, partner: str = "nl-police", **overrides: Any) -> list[dict[str, Any]]:
    arguments: dict[str, Any] = {
        "pseudonym": ids.pseudonymize(partner, KEY),
        "submission_id": "sub-0001",
        "redactions": Counter({"PERSON": 1, "EMAIL": 2}),
        "clock": fixed_clock,
        "victim_count_bucket": "50-99",
        "losses": {"amount": 100000, "currency": "EUR"},
    }
    return builder.build_report_bundle(report, **(arguments | overrides))


def _serialize(objects: list[dict[str, Any]]) -> str:
    return json.dumps(builder.make_bundle(objects, ids.bundle_id("sub-0001")), ensure_ascii=False, indent=1)


def _by_type(objects: list[dict[str, Any]], stix_type: str) -> list[dict[str, Any]]:
    return [obj for obj in objects if obj["type"] == stix_type]


def _uuid5_id(stix_type: str, properties: dict[str, Any]) -> str:
    canonical = json.dumps(properties, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"{stix_type}--{uuid.uuid5(CRIMEFEED_NS, stix_type + canonical)}"


# --- determinism ---------------------------------------------------------------------------


def test_output_is_byte_stable(sample_report: MOReport) -> None:
    first = _serialize(_build(sample_report))
    again = _serialize(_build(MOReport.model_validate(SAMPLE_REPORT)))
    assert first == again
    if os.environ.get("CRIMEFEED_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(first + "\n", encoding="utf-8")
    # A change here changes ids or content that partners and stores already hold: deliberate
    # changes regenerate the file with CRIMEFEED_UPDATE_GOLDEN=1.
    assert first + "\n" == GOLDEN.read_text(encoding="utf-8")


def test_ids_are_the_documented_ones(sample_report: MOReport) -> None:
    objects = _build(sample_report)
    digest = hmac.new(KEY, b"nl-police", hashlib.sha256).hexdigest()
    identity = _uuid5_id("identity", {"pseudonym": digest})
    content = sample_report.model_dump(mode="json", exclude={"submitter", "victims"})
    content["indicators"] = content["indicators"][:3]  # the fourth is the victim's
    content_hash = hashlib.sha256(
        json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()
    report = _uuid5_id("report", {"created_by_ref": identity, "content_hash": content_hash})
    expected_patterns = {
        "[domain-name:value = 'parcel-redelivery-fee.example']",
        "[url:value = 'https://parcel-redelivery-fee.example/pay?ref=\\'a1\\'']",
        "[ipv4-addr:value = '203.0.113.7']",
    }
    ids_by_type = {t: {o["id"] for o in _by_type(objects, t)} for t in {o["type"] for o in objects}}
    assert ids_by_type["identity"] == {identity, IDENTITY_ID}
    assert ids_by_type["report"] == {report}
    # Every derived id carries the scope; catalogued techniques are references.
    assert ids_by_type["attack-pattern"] == {
        _uuid5_id("attack-pattern", {"external_id": "T1660", "reference": True, "scope": AMBER_SCOPE}),
        _uuid5_id("attack-pattern", {"external_id": "T1566.002", "reference": True, "scope": AMBER_SCOPE}),
        _uuid5_id(
            "attack-pattern", {"name": "card enrolled in the offender's mobile wallet.", "scope": "amber"}
        ),
        *(_uuid5_id("attack-pattern", {"report_ref": report, "step": n}) for n in range(3)),
    }
    assert ids_by_type["indicator"] == {
        _uuid5_id("indicator", {"pattern": p, "scope": "amber"}) for p in expected_patterns
    }
    assert {o["pattern"] for o in _by_type(objects, "indicator")} == expected_patterns

    def amber_sco(stix_type: str, value: str) -> str:
        # The spec's derivation (SCO namespace, RFC 8785 JSON) with the scope as one more property.
        canonical = json.dumps(
            {"value": value, "x_crimefeed_scope": "amber"}, sort_keys=True, separators=(",", ":")
        )
        return f"{stix_type}--{uuid.uuid5(ids.SCO_NAMESPACE, canonical)}"

    assert ids_by_type["domain-name"] == {amber_sco("domain-name", "parcel-redelivery-fee.example")}
    assert ids_by_type["ipv4-addr"] == {amber_sco("ipv4-addr", "203.0.113.7")}
    assert ids_by_type["location"] == {_uuid5_id("location", {"country": "NL", "scope": AMBER_SCOPE})}
    assert ids_by_type["infrastructure"] == {_uuid5_id("infrastructure", {"report_ref": report})}


def test_partners_share_technique_indicator_and_observable_ids(sample_report: MOReport) -> None:
    mine = {o["id"]: o["type"] for o in _build(sample_report, "nl-police")}
    theirs = {o["id"]: o["type"] for o in _build(sample_report, "be-ccb")}
    shared_types = {"indicator", "domain-name", "url", "ipv4-addr", "location"}
    for stix_type in shared_types | {"marking-definition", "extension-definition"}:
        assert {i for i, t in mine.items() if t == stix_type} == {
            i for i, t in theirs.items() if t == stix_type
        }
    # The MOs are shared; each report's own steps (its text) are not.
    assert len({i for i, t in mine.items() if t == "attack-pattern"} & set(theirs)) == 3
    for stix_type in ("report", "sighting", "relationship", "infrastructure"):
        assert not {i for i, t in mine.items() if t == stix_type} & {
            i for i, t in theirs.items() if t == stix_type
        }
    assert {i for i, t in mine.items() if t == "identity"} != {
        i for i, t in theirs.items() if t == "identity"
    }


def test_resubmission_keeps_the_report_id_and_a_changed_report_does_not(sample_report: MOReport) -> None:
    (first,) = _by_type(_build(sample_report), "report")
    (again,) = _by_type(_build(sample_report, submission_id="sub-0002"), "report")
    changed = MOReport.model_validate({**SAMPLE_REPORT, "narrative": "Different text."})
    (other,) = _by_type(_build(changed), "report")
    assert first["id"] == again["id"] != other["id"]


# --- validity and equivalence with stix2 -----------------------------------------------------


def test_sample_bundle_validates(sample_report: MOReport) -> None:
    bundle = builder.make_bundle(_build(sample_report), ids.bundle_id("sub-0001"))
    assert validate(bundle) == ([], [])


def test_sample_bundle_round_trips_through_stix2(sample_report: MOReport) -> None:
    bundle = builder.make_bundle(_build(sample_report), ids.bundle_id("sub-0001"))
    parsed = stix2.parse(bundle, allow_custom=False)
    assert json.loads(parsed.serialize()) == bundle


def _references(obj: dict[str, Any]) -> set[str]:
    refs: set[str] = set()
    for key, value in obj.items():
        if key.endswith("_ref") and isinstance(value, str):
            refs.add(value)
        elif key.endswith("_refs") and isinstance(value, list):
            refs.update(value)
    refs.update(ext for ext in obj.get("extensions", {}) if ext.startswith("extension-definition--"))
    return refs


def test_every_reference_resolves_inside_the_bundle(sample_report: MOReport) -> None:
    objects = _build(sample_report)
    present = {obj["id"] for obj in objects}
    for obj in objects:
        # The OASIS TLP 2.0 extension-definition has no published STIX object.
        assert _references(obj) - {TLP2_EXTENSION_ID} <= present, obj["id"]
    (report,) = _by_type(objects, "report")
    meta = {"marking-definition", "extension-definition"}
    content = {
        o["id"] for o in objects if o["type"] not in meta and o["id"] not in (IDENTITY_ID, report["id"])
    }
    assert set(report["object_refs"]) == content


def test_graph_shape(sample_report: MOReport) -> None:
    objects = _build(sample_report)
    counts = Counter(obj["type"] for obj in objects)
    assert counts == {
        "marking-definition": 5, "identity": 2, "extension-definition": 1, "location": 1,
        "attack-pattern": 6, "indicator": 3, "domain-name": 1, "url": 1, "ipv4-addr": 1,
        "infrastructure": 1, "relationship": 15, "sighting": 1, "report": 1,
    }  # fmt: skip
    relationships = Counter(obj["relationship_type"] for obj in _by_type(objects, "relationship"))
    assert relationships == {"based-on": 3, "indicates": 3, "targets": 3, "consists-of": 3, "derived-from": 3}
    (sighting,) = _by_type(objects, "sighting")
    main = next(
        o for o in _by_type(objects, "attack-pattern") if o["name"] == "Phishing" and "description" not in o
    )
    assert main["created_by_ref"] == IDENTITY_ID and main["object_marking_refs"] == [AMBER]
    assert references.is_reference(main) and main["created"] == references.REFERENCE_CREATED
    assert sighting["sighting_of_ref"] == main["id"]
    assert sighting["where_sighted_refs"] == [_by_type(objects, "location")[0]["id"]]
    assert (sighting["first_seen"], sighting["last_seen"], sighting["count"]) == (
        "2026-10-01T00:00:00Z", "2026-11-20T00:00:00Z", 1,
    )  # fmt: skip
    (location,) = _by_type(objects, "location")
    assert (location["country"], location["region"]) == ("NL", "western-europe")


def test_markings_authors_and_extension(sample_report: MOReport) -> None:
    objects = _build(sample_report)
    pseudonym = ids.pseudonymize("nl-police", KEY)
    for obj in objects:
        if obj["type"] in ("marking-definition", "extension-definition") or obj["id"] == IDENTITY_ID:
            continue
        if obj["id"] == pseudonym.identity_id:
            # A constant only its partner reads: RED, no recipients, created by itself.
            assert obj["object_marking_refs"] == [RED] and obj["created"] == obj["modified"]
            assert obj["created_by_ref"] == pseudonym.identity_id
            continue
        assert obj["object_marking_refs"] == [AMBER]
        if references.is_reference(obj):
            assert obj["created"] == obj["modified"] == references.REFERENCE_CREATED
            assert obj["created_by_ref"] == IDENTITY_ID
            continue
        if "created" in obj:
            # Canonical objects of a shared scope (AMBER here) are crimefeed's, the rest the partner's.
            canonical = obj["type"] == "indicator" or (
                obj["type"] == "attack-pattern" and "description" not in obj
            )
            assert obj["created_by_ref"] == (IDENTITY_ID if canonical else pseudonym.identity_id)
            assert obj["created"] == obj["modified"] == "2026-11-28T10:00:00.000Z"
    (identity,) = [o for o in objects if o["id"] == pseudonym.identity_id]
    assert identity["name"] == pseudonym.name and identity["identity_class"] == "organization"
    assert set(identity) == {
        "type", "spec_version", "id", "created_by_ref", "created", "modified", "name",
        "identity_class", "object_marking_refs",
    }  # fmt: skip
    (report,) = _by_type(objects, "report")
    assert report["extensions"][EXTENSION_ID] == {
        "extension_type": "property-extension",
        "submission_id": "sub-0001",
        "tlp": "amber",
        "crime_category": "fraud",
        "country": "NL",
        "region": "western-europe",
        "sectors": ["finance", "logistics"],
        "victims": "50-99",
        "losses": {"amount": 100000, "currency": "EUR"},
        "first_seen": "2026-10-01T00:00:00Z",
        "last_seen": "2026-11-20T00:00:00Z",
        "redactions": {"EMAIL": 2, "PERSON": 1},
    }
    assert report["published"] == "2026-11-28T10:00:00Z"
    assert report["report_types"] == ["threat-report", "attack-pattern", "indicator"]


def test_no_personal_data_leaves(sample_report: MOReport) -> None:
    text = _serialize(_build(sample_report, victim_count_bucket=None, losses=None))
    for secret in (
        "Politie",
        "Jansen",
        "politie.example",
        "victim.example",
        "nl-police",
        "96500",
        '"count": 58',
    ):
        assert secret not in text


def test_red_reports_carry_recipients_on_every_object() -> None:
    report = MOReport.model_validate({**SAMPLE_REPORT, "tlp": "red", "recipients": ["be-ccb"]})
    objects = _build(report)
    pseudonym = ids.pseudonymize("nl-police", KEY).identity_id
    assert {o["id"] for o in objects[:5]} == set(_TLP2_IDS)  # all five, whatever the report's TLP
    for obj in objects:
        if obj["type"] in ("marking-definition", "extension-definition") or obj["id"] == IDENTITY_ID:
            continue
        assert obj["object_marking_refs"] == [RED]
        if obj["id"] == pseudonym:
            continue
        assert obj["extensions"][EXTENSION_ID]["recipients"] == ["be-ccb"]
        # Owner scopes: the partner creates even the canonical objects (the owner is in their ids).
        assert obj.get("created_by_ref", pseudonym) == pseudonym


def test_duplicates_collapse() -> None:
    report = MOReport.model_validate({
        **SAMPLE_REPORT,
        "modus_operandi": [
            {"description": "Smishing.", "technique_id": "T1660"},
            {"description": "More smishing.", "technique_id": "T1660"},
        ],
        "indicators": [
            {"type": "domain-name", "value": "Evil.Example"},
            {"type": "domain-name", "value": "evil.example."},
        ],
    })  # fmt: skip
    objects = _build(report)
    mos = [o for o in _by_type(objects, "attack-pattern") if "description" not in o]
    steps = [o["description"] for o in _by_type(objects, "attack-pattern") if "description" in o]
    assert len(mos) == 1 and steps == ["Smishing.", "More smishing."]
    assert len(_by_type(objects, "indicator")) == 1
    assert len(_by_type(objects, "domain-name")) == 1


def test_step_names() -> None:
    long_step = "word " * 60
    report = MOReport.model_validate({
        **SAMPLE_REPORT,
        "modus_operandi": [
            {"description": "First sentence! Second sentence."},
            {"description": long_step},
            {"description": " \n "},
            {"description": "Unknown technique.", "technique_id": "T1999"},
        ],
    })  # fmt: skip
    names = [o["name"] for o in _by_type(_build(report), "attack-pattern") if "description" not in o]
    assert names[0] == "First sentence!"
    assert len(names[1]) <= 120 and names[1].endswith("word…")
    assert names[2:] == ["Unnamed MO step", "Unknown technique."]


def test_report_without_steps_or_indicators() -> None:
    report = MOReport.model_validate({"title": "Just a title", "tlp": "clear"})
    objects = _build(report)
    assert [o["type"] for o in objects] == [
        *["marking-definition"] * 5,
        "identity",
        "extension-definition",
        "identity",
        "report",
    ]
    (bundle_report,) = _by_type(objects, "report")
    assert bundle_report["report_types"] == ["threat-report"] and "description" not in bundle_report
    assert validate(builder.make_bundle(objects, ids.bundle_id("x"))) == ([], [])


def test_wallets_and_phones_get_indicators_without_observables() -> None:
    report = MOReport.model_validate({
        **SAMPLE_REPORT,
        "indicators": [
            {"type": "cryptocurrency-wallet", "value": "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"},
            {"type": "phone-number", "value": "+31 6 1234 5678"},
        ],
    })  # fmt: skip
    objects = _build(report)
    assert {o["pattern"] for o in _by_type(objects, "indicator")} == {
        "[cryptocurrency-wallet:value = 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh']",
        "[phone-number:value = '+31612345678']",
    }
    assert not _by_type(objects, "infrastructure")
    assert {o["relationship_type"] for o in _by_type(objects, "relationship")} == {
        "indicates",
        "targets",
        "derived-from",
    }
    assert validate(builder.make_bundle(objects, ids.bundle_id("x"))) == ([], [])


_BAD_SECOND_INDICATOR = [
    {"type": "domain-name", "value": "ok.example"},
    {"type": "ipv4-addr", "value": "1.2.3"},
]


@pytest.mark.parametrize(
    ("change", "field"),
    [({"indicators": _BAD_SECOND_INDICATOR}, "indicators[1].value"), ({"country": "ZZ"}, "country")],
)
def test_unconvertible_input_names_the_field(change: dict[str, Any], field: str) -> None:
    report = MOReport.model_validate({**SAMPLE_REPORT, **change})
    with pytest.raises(StixConversionError) as caught:
        _build(report)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


# --- generated reports -----------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports)
def test_generated_reports_validate_and_round_trip(raw: dict[str, Any]) -> None:
    report = MOReport.model_validate(raw)
    objects = _build(report)
    assert _serialize(objects) == _serialize(_build(MOReport.model_validate(raw)))
    bundle = builder.make_bundle(objects, ids.bundle_id("sub-0001"))
    assert validate(bundle) == ([], [])
    assert json.loads(stix2.parse(bundle, allow_custom=False).serialize()) == bundle
    offenders = [i for i in report.indicators if i.role.value == "offender"]
    assert len(_by_type(objects, "indicator")) <= len(offenders)
    assert bool(_by_type(objects, "sighting")) == bool(report.modus_operandi)
    tlp = TLP(raw["tlp"])
    names = {o["name"] for o in _by_type(objects, "marking-definition")}
    assert f"TLP:{tlp.value.upper()}" in names and len(names) == 5


# --- partner-submitted bundles -------------------------------------------------------------

_TLP2_IDS = {
    "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    AMBER,
    "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    RED,
}
_TLP1_IDS = {stix2.TLP_WHITE.id, stix2.TLP_GREEN.id, stix2.TLP_AMBER.id, stix2.TLP_RED.id}


def _pseudonym_identity() -> dict[str, Any]:
    return builder.pseudonym_identity(ids.pseudonymize("nl-police", KEY))


def _rewrite(bundle: dict[str, Any], tlp_default: TLP = TLP.GREEN) -> list[dict[str, Any]]:
    return builder.rewrite_submitted_bundle(
        bundle, pseudonym_identity=_pseudonym_identity(), tlp_default=tlp_default, submission_id="sub-0009"
    )


def _check_rewritten(bundle: dict[str, Any], out: list[dict[str, Any]]) -> None:
    identity = _pseudonym_identity()
    authors = {o["created_by_ref"] for o in bundle["objects"] if "created_by_ref" in o}
    dropped = {o["id"] for o in bundle["objects"] if o["type"] == "identity" and o["id"] in authors}
    assert out[0] == identity
    out_ids = {o["id"] for o in out}
    assert not dropped & out_ids
    kept = {o["id"] for o in bundle["objects"]} - dropped - _TLP1_IDS - _TLP2_IDS
    # Content objects are re-identified (creator and scope in the id); definitions keep theirs.
    published = {posted for posted in kept if posted in out_ids}
    owner = identity["id"]
    for posted in kept - published:
        assert len(set(ids.partner_object_candidates(posted, owner)) & out_ids) == 1, posted
    assert all(
        o["type"] in ("marking-definition", "extension-definition")
        for o in bundle["objects"]
        if o["id"] in published
    )
    bundle_ids = {o["id"] for o in bundle["objects"]}
    for obj in out[1:]:
        if obj["id"] in (IDENTITY_ID, EXTENSION_ID):
            continue  # crimefeed's own constants, in every bundle
        # Every reference inside the bundle followed its object's new id.
        assert not (_references(obj) & (bundle_ids - published) - {identity["id"]}), obj["id"]
        assert not _references(obj) & (dropped | authors - {identity["id"]}), obj["id"]
        if obj["type"] == "marking-definition":
            assert "created_by_ref" not in obj or obj["created_by_ref"] == identity["id"]
            continue
        if "created" in obj:
            assert obj["created_by_ref"] == identity["id"], obj["id"]
        if obj["type"] != "extension-definition":
            refs = obj["object_marking_refs"]
            assert refs[0] in _TLP2_IDS and not (set(refs[1:]) & (_TLP2_IDS | _TLP1_IDS)), obj["id"]
            assert refs[0] in out_ids
            assert obj["extensions"][EXTENSION_ID] == {
                "extension_type": "property-extension",
                "submission_id": "sub-0009",
            }


def test_rewrite_example_bundles() -> None:
    files = example_bundle_paths(shared_glob="oasis*/**/*.json")
    bundles = [(f, json.loads(f.read_text(encoding="utf-8"))) for f in files]
    assert len(bundles) >= 4
    for path, bundle in bundles:
        original = json.dumps(bundle, sort_keys=True)
        out = _rewrite(bundle)
        assert json.dumps(bundle, sort_keys=True) == original, f"{path.name}: input modified"
        _check_rewritten(bundle, out)
        before, _ = validate(bundle)
        if not before:  # a clean partner bundle stays clean
            after, _ = validate(builder.make_bundle(out, bundle["id"]))
            assert after == [], f"{path.name}: {after}"


def test_rewrite_sighting_points_to_the_pseudonym() -> None:
    bundle = json.loads((OWN_EXAMPLES / "sighting-of-an-indicator.json").read_text())
    out = _rewrite(bundle)
    (sighting,) = _by_type(out, "sighting")
    assert sighting["where_sighted_refs"] == [_pseudonym_identity()["id"]]
    assert [o["id"] for o in _by_type(out, "identity")] == [_pseudonym_identity()["id"], IDENTITY_ID]


def test_rewrite_maps_tlp1_to_tlp2_and_keeps_statements() -> None:
    bundle = json.loads((OWN_EXAMPLES / "using-marking-definitions.json").read_text())
    out = _rewrite(bundle)
    marked = {
        o["id"]: o["object_marking_refs"]
        for o in out
        if o["type"] not in ("marking-definition", "identity", "extension-definition")
    }
    statement = "marking-definition--5a7d1c39-8d4f-4b5e-9b8e-2f6d9c1e0a42"
    published = ids.partner_object_id(
        "indicator--5f0c9e4e-7d8b-4c61-9b6a-3f2e1d0c9b8a", creator=_pseudonym_identity()["id"], scope="amber"
    )
    assert marked == {published: [AMBER, statement]}
    assert statement in {o["id"] for o in out}


def test_rewrite_defaults_and_strictest_tlp() -> None:
    partner = "identity--11111111-1111-4111-8111-111111111111"
    times = {"created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z"}
    bundle = {
        "type": "bundle",
        "id": "bundle--6f5d3e1a-3c4b-4e2a-9f1a-0b1c2d3e4f50",
        "objects": [
            {"type": "identity", "spec_version": "2.1", "id": partner, **times, "name": "Partner Org",
             "identity_class": "organization", "contact_information": "soc@partner.example"},
            {"type": "malware", "spec_version": "2.1", "id": "malware--22222222-2222-4222-8222-222222222222",
             "created_by_ref": partner, **times, "name": "x", "is_family": False,
             "object_marking_refs": [stix2.TLP_GREEN.id, RED],
             "extensions": {EXTENSION_ID: {"extension_type": "property-extension", "tlp": "clear"}}},
            {"type": "domain-name", "spec_version": "2.1", "value": "evil.example",
             "id": "domain-name--33333333-3333-5333-8333-333333333333"},
        ],
    }  # fmt: skip
    out = _rewrite(bundle, tlp_default=TLP.AMBER)
    assert [o["type"] for o in out] == [
        "identity",
        *["marking-definition"] * 5,
        "identity",
        "extension-definition",
        "malware",
        "domain-name",
    ]
    assert {o["id"] for o in out if o["type"] == "marking-definition"} == _TLP2_IDS
    malware, domain = out[8], out[9]
    assert malware["object_marking_refs"] == [RED]
    assert malware["extensions"][EXTENSION_ID] == {
        "extension_type": "property-extension",
        "submission_id": "sub-0009",
    }
    assert domain["object_marking_refs"] == [AMBER] and "created_by_ref" not in domain
    assert "partner.example" not in json.dumps(out)


def test_rewrite_refuses_non_bundles() -> None:
    with pytest.raises(StixConversionError, match=r"^bundle: "):
        _rewrite({"type": "report"})
    with pytest.raises(StixConversionError, match=r"^objects\[0\]: "):
        _rewrite({"type": "bundle", "id": "bundle--x", "objects": [{"no": "type"}]})


def test_rewrite_on_attack_data(shared_data: Path) -> None:
    path = shared_data / "stix" / "attack" / "mobile-attack-17.0.json"
    bundle = json.loads(path.read_text(encoding="utf-8"))
    _check_rewritten(bundle, _rewrite(bundle))
