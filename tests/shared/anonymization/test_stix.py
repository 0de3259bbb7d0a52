"""anonymize_stix_object on plain STIX 2.1 dicts."""

from __future__ import annotations

import base64
import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared.anonymization.stix import DROPPED_OBJECT, anonymize_stix_object
from shared.anonymization.text import TextAnonymizer
from shared.models.report import TLP
from shared.stix.builder import pseudonym_identity, rewrite_submitted_bundle
from shared.stix.extension import EXTENSION_ID
from shared.stix.ids import pseudonymize
from shared.stix.markings import TLP_MARKING_IDS, tlp_of

from .conftest import filler, plant

_ID = "--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"


def test_individual_identity(anonymizer: TextAnonymizer) -> None:
    obj = {
        "type": "identity",
        "spec_version": "2.1",
        "id": "identity" + _ID,
        "name": "Claire Martin",
        "identity_class": "individual",
        "contact_information": "claire@example.fr, +33 6 12 34 56 78",
        "description": "Victim contacted by Mr. Paul Durand",
    }
    out, counts = anonymize_stix_object(obj, anonymizer)
    assert out is not None
    assert out["name"] == "[PERSON]"
    assert "contact_information" not in out
    assert "Paul Durand" not in out["description"]
    assert out["id"] == obj["id"]
    assert counts["PERSON"] == 2


def test_organization_identity_name_kept(anonymizer: TextAnonymizer) -> None:
    obj = {
        "type": "identity",
        "id": "identity" + _ID,
        "name": "Europol EC3",
        "identity_class": "organization",
    }
    out, _ = anonymize_stix_object(obj, anonymizer)
    assert out == obj


def test_indicator_pattern_untouched_and_text_redacted(anonymizer: TextAnonymizer) -> None:
    pattern = "[email-addr:value = 'scammer@evil.example'] OR [ipv4-addr:value = '185.220.101.4']"
    obj: dict[str, Any] = {
        "type": "indicator",
        "id": "indicator" + _ID,
        "pattern": pattern,
        "pattern_type": "stix",
        "name": "Phishing sender",
        "description": "Reported by victim Hans Müller (hans.mueller@example.de)",
        "x_partner_note": "call back on +49 30 12345678",
        "labels": ["phishing"],
        "created_by_ref": "identity" + _ID,
        "extensions": {
            "extension-definition--x": {
                "extension_type": "property-extension",
                "summary": "victim Jan de Vries",
            }
        },
    }
    before = copy.deepcopy(obj)
    out, counts = anonymize_stix_object(obj, anonymizer)
    assert out is not None
    assert out["pattern"] == pattern
    assert "Hans Müller" not in out["description"] and "hans.mueller" not in out["description"]
    assert "12345678" not in out["x_partner_note"]
    assert "Jan de Vries" not in out["extensions"]["extension-definition--x"]["summary"]
    assert out["labels"] == ["phishing"]
    assert counts["PERSON"] == 2 and counts["EMAIL"] == 1 and counts["PHONE"] == 1
    assert obj == before  # input not modified


def test_personal_scos_dropped(anonymizer: TextAnonymizer) -> None:
    for obj_type in ("user-account", "email-message"):
        out, counts = anonymize_stix_object({"type": obj_type, "id": obj_type + _ID}, anonymizer)
        assert out is None and counts[DROPPED_OBJECT] == 1


def test_infrastructure_scos_untouched(anonymizer: TextAnonymizer) -> None:
    for obj in (
        {"type": "domain-name", "id": "domain-name" + _ID, "value": "parcel-fee.example"},
        {"type": "url", "id": "url" + _ID, "value": "https://parcel-fee.example/pay"},
        {"type": "ipv4-addr", "id": "ipv4-addr" + _ID, "value": "185.220.101.4"},
        {
            "type": "file",
            "id": "file" + _ID,
            "hashes": {"MD5": "d41d8cd98f00b204e9800998ecf8427e"},
            "name": "invoice.pdf.exe",
        },
    ):
        out, counts = anonymize_stix_object(obj, anonymizer)
        assert out == obj and not counts


def test_url_query_values_are_redacted(anonymizer: TextAnonymizer) -> None:
    obj = {
        "type": "url",
        "id": "url" + _ID,
        "value": "https://parcel-fee.example/pay?id=5551234567&mail=a@b.fr",
    }
    out, counts = anonymize_stix_object(obj, anonymizer)
    assert out is not None and out["value"] == "https://parcel-fee.example/pay?id=redacted&mail=redacted"
    assert counts["URL-QUERY"] == 2


def test_location_and_note(anonymizer: TextAnonymizer) -> None:
    loc = {
        "type": "location",
        "id": "location" + _ID,
        "country": "FR",
        "street_address": "12 rue de la Paix",
        "latitude": 48.8,
    }
    out, _ = anonymize_stix_object(loc, anonymizer)
    assert out == {"type": "location", "id": "location" + _ID, "country": "FR"}
    note = {
        "type": "note",
        "id": "note" + _ID,
        "authors": ["Jan Jansen"],
        "content": "Spoke with Frau Weber",
        "object_refs": [],
    }
    out, counts = anonymize_stix_object(note, anonymizer)
    assert out is not None and out["authors"] == ["[PERSON]"] and "Weber" not in out["content"]
    assert counts["PERSON"] == 2


# --- deny by default: every leak of the review, planted values never survive ----------------

_T = "2026-11-25T00:00:00.000Z"
_EMAIL = "jane.doe@mail.example"
_PHONE = "+31 6 12345678"
_IBAN = "NL91ABNA0417164300"
_LOGIN = "jdoe1985"
_PLANTED = ("Jane Doe", _EMAIL, _PHONE, _IBAN, _LOGIN, "Keizersgracht 12", "jane.doe.1985")
_AMBER1 = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
_RED1 = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"


def _sdo(stix_type: str, **properties: Any) -> dict[str, Any]:
    return {
        "type": stix_type,
        "spec_version": "2.1",
        "id": stix_type + _ID,
        "created": _T,
        "modified": _T,
        **properties,
    }


def _anonymized(obj: dict[str, Any], anonymizer: TextAnonymizer) -> dict[str, Any]:
    out, _ = anonymize_stix_object(obj, anonymizer)
    assert out is not None
    text = json.dumps(out, ensure_ascii=False)
    assert not [value for value in _PLANTED if value in text], text
    return out


def test_identity_contact_information_dropped_for_every_class(anonymizer: TextAnonymizer) -> None:
    obj = _sdo(
        "identity",
        name="Victim (small business)",
        identity_class="organization",
        contact_information=f"owner Jane Doe, {_EMAIL}, {_PHONE}",
    )
    out = _anonymized(obj, anonymizer)
    assert "contact_information" not in out and out["name"] == "Victim (small business)"


def test_third_party_property_extension_redacted(anonymizer: TextAnonymizer) -> None:
    ext = "extension-definition--11111111-1111-4111-8111-111111111111"
    obj = _sdo(
        "report",
        name="Invoice fraud",
        published=_T,
        object_refs=["identity" + _ID],
        extensions={
            ext: {
                "extension_type": "property-extension",
                "victim_email": _EMAIL,
                "victim_iban": _IBAN,
                "victim_phone": _PHONE,
            }
        },
    )
    out = _anonymized(obj, anonymizer)
    assert out["extensions"][ext] == {
        "extension_type": "property-extension",
        "victim_email": "[EMAIL]",
        "victim_iban": "[IBAN]",
        "victim_phone": "[PHONE]",
    }
    assert out["object_refs"] == obj["object_refs"] and out["published"] == _T


def test_partner_written_crimefeed_extension_dropped(anonymizer: TextAnonymizer) -> None:
    obj = _sdo("attack-pattern", name="x", extensions={EXTENSION_ID: {"tlp": "clear", "note": _LOGIN}})
    out = _anonymized(obj, anonymizer)
    assert "extensions" not in out


def test_nested_custom_dict_redacted_and_logins_dropped(anonymizer: TextAnonymizer) -> None:
    obj = _sdo(
        "attack-pattern",
        name="Mule recruitment",
        x_case={"email": _EMAIL, "login": _LOGIN, "deep": [{"id": _PHONE, "type": _IBAN}]},
    )
    out = _anonymized(obj, anonymizer)
    # Inside custom content even structural-looking names ("id", "type") are redacted.
    assert out["x_case"] == {"email": "[EMAIL]", "deep": [{"id": "[PHONE]", "type": "[IBAN]"}]}


def test_labels_and_external_references(anonymizer: TextAnonymizer) -> None:
    obj = _sdo(
        "attack-pattern",
        name="Romance lure",
        labels=[f"victim {_EMAIL}", "romance-scam"],
        external_references=[
            {"source_name": "case", "url": "https://facebook.com/jane.doe.1985"},
            {
                "source_name": "case",
                "url": "https://facebook.com/jane.doe.1985",
                "description": f"Jane Doe {_PHONE}",
            },
            {
                "source_name": "mitre-attack",
                "url": "https://attack.mitre.org/techniques/T1566/",
                "external_id": "T1566",
            },
            # A lone surname as a label: nothing for the text detectors, so replaced whole.
            {"source_name": "Oliveira", "description": "statement"},
        ],
    )
    out = _anonymized(obj, anonymizer)
    assert out["external_references"][2] == {"source_name": "[SOURCE]", "description": "statement"}
    assert out["labels"] == ["victim [EMAIL]", "romance-scam"]
    assert out["external_references"][0] == {"source_name": "case", "description": "[PERSON] [PHONE]"}
    assert out["external_references"][1] == obj["external_references"][2]  # allowed host, kept


def test_location_coarsened_to_country_and_region(anonymizer: TextAnonymizer) -> None:
    obj = _sdo(
        "location",
        country="NL",
        region="western-europe",
        city="Amsterdam",
        administrative_area="Keizersgracht 12",
        street_address="Keizersgracht 12",
        postal_code="1015 CS",
        latitude=52.37,
        longitude=4.89,
        precision=10.0,
    )
    out = _anonymized(obj, anonymizer)
    assert {k: v for k, v in out.items() if k not in ("spec_version", "created", "modified")} == {
        "type": "location",
        "id": "location" + _ID,
        "country": "NL",
        "region": "western-europe",
    }


def test_observed_data_embedded_objects_follow_the_top_level_rules(anonymizer: TextAnonymizer) -> None:
    obj = _sdo(
        "observed-data",
        first_observed=_T,
        last_observed=_T,
        number_observed=1,
        objects={
            "0": {"type": "user-account", "account_login": _LOGIN, "display_name": "Jane Doe"},
            "1": {
                "type": "email-addr",
                "value": "scammer@evil.example",
                "display_name": "Jane Doe",
                "belongs_to_ref": "0",
            },
            "2": {"type": "domain-name", "value": "parcel-fee.example", "resolves_to_refs": ["0", "3"]},
            "3": {"type": "ipv4-addr", "value": "185.220.101.4"},
        },
    )
    out = _anonymized(obj, anonymizer)
    # No offender's object points to this observed-data: the mailbox may be a victim's.
    assert out["objects"] == {
        "2": {"type": "domain-name", "value": "parcel-fee.example", "resolves_to_refs": ["3"]},
        "3": {"type": "ipv4-addr", "value": "185.220.101.4"},
    }
    offenders, _ = anonymize_stix_object(obj, anonymizer, offender_observed=True)
    assert offenders is not None
    assert offenders["objects"]["1"] == {"type": "email-addr", "value": "scammer@evil.example"}
    only_personal = {**obj, "objects": {"0": obj["objects"]["0"]}}
    dropped, counts = anonymize_stix_object(only_personal, anonymizer)
    assert dropped is None and counts[DROPPED_OBJECT] == 2


def test_structural_properties_kept_verbatim(anonymizer: TextAnonymizer) -> None:
    obj = _sdo(
        "indicator",
        name="Sender",
        pattern="[email-addr:value = 'scammer@evil.example']",
        pattern_type="stix",
        pattern_version="2.1",
        valid_from=_T,
        indicator_types=["malicious-activity"],
        kill_chain_phases=[{"kill_chain_name": "mitre-attack", "phase_name": "initial-access"}],
        object_marking_refs=[_AMBER1],
        granular_markings=[{"marking_ref": _RED1, "selectors": ["description"]}],
        created_by_ref="identity" + _ID,
        lang="en",
        confidence=80,
        revoked=False,
    )
    out, counts = anonymize_stix_object(obj, anonymizer)
    assert out == obj and not counts


def test_marking_definition_statement_redacted(anonymizer: TextAnonymizer) -> None:
    obj = {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": "marking-definition" + _ID,
        "created": _T,
        "definition_type": "statement",
        "definition": {"statement": f"Do not contact the victim Jane Doe ({_EMAIL})"},
    }
    _anonymized(obj, anonymizer)


def test_granular_tlp_stricter_than_the_object_raises_its_tlp(anonymizer: TextAnonymizer) -> None:
    statement = "marking-definition--22222222-2222-4222-8222-222222222222"
    obj = _sdo(
        "attack-pattern",
        name="Insider at courier hub",
        description="insider leaks parcel lists",
        object_marking_refs=[_AMBER1],
        granular_markings=[
            {"marking_ref": _RED1, "selectors": ["description"]},
            {"marking_ref": statement, "selectors": ["name"]},
        ],
    )
    anonymized, _ = anonymize_stix_object(obj, anonymizer)
    identity = pseudonym_identity(pseudonymize("partner-a", b"k"))
    out = rewrite_submitted_bundle(
        {"type": "bundle", "objects": [anonymized]},
        pseudonym_identity=identity,
        tlp_default=TLP.AMBER,
        submission_id="sub-1",
    )
    # Partner ids are re-derived per creator and scope: the one attack-pattern is the object.
    (rewritten,) = [o for o in out if o["type"] == "attack-pattern"]
    assert tlp_of(rewritten) is TLP.RED
    assert rewritten["object_marking_refs"][0] == TLP_MARKING_IDS[TLP.RED]
    assert rewritten["granular_markings"] == [{"marking_ref": statement, "selectors": ["name"]}]
    assert TLP_MARKING_IDS[TLP.RED] in {o["id"] for o in out}
    # A granular marking less strict than the object's changes nothing.
    lenient = {
        **obj,
        "object_marking_refs": [_RED1],
        "granular_markings": [{"marking_ref": _AMBER1, "selectors": ["name"]}],
    }
    out = rewrite_submitted_bundle(
        {"type": "bundle", "objects": [lenient]},
        pseudonym_identity=identity,
        tlp_default=TLP.AMBER,
        submission_id="s",
    )
    # Partner ids are re-derived per creator and scope: the one attack-pattern is the object.
    (rewritten,) = [o for o in out if o["type"] == "attack-pattern"]
    assert tlp_of(rewritten) is TLP.RED and "granular_markings" not in rewritten


_planted_values = st.sampled_from(
    [_EMAIL, _PHONE, _IBAN, "claire.martin@example.fr", "+33 6 12 34 56 78", "DE89370400440532013000"]
)
_keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
_leaf = st.one_of(
    st.builds(plant, filler, _planted_values, filler),
    filler,
    st.integers(),
    st.booleans(),
)
_nested = st.recursive(
    _leaf,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(_keys, children, max_size=4)),
    max_leaves=12,
)


@given(
    custom=st.dictionaries(_keys.map(lambda k: "x_" + k), _nested, min_size=1, max_size=4),
    ext=st.dictionaries(_keys, _nested, max_size=4),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_planted_values_in_random_custom_properties_never_survive(
    anonymizer: TextAnonymizer, custom: dict[str, Any], ext: dict[str, Any]
) -> None:
    obj = _sdo(
        "attack-pattern",
        name="Parcel fee smishing",
        **custom,
        extensions={"extension-definition--11111111-1111-4111-8111-111111111111": ext},
    )
    out, _ = anonymize_stix_object(obj, anonymizer)
    text = json.dumps(out, ensure_ascii=False)
    for value in (
        _EMAIL,
        _PHONE,
        _IBAN,
        "claire.martin@example.fr",
        "+33 6 12 34 56 78",
        "DE89370400440532013000",
    ):
        assert value not in text


def test_lone_surname_in_structured_values_is_masked(anonymizer: TextAnonymizer) -> None:
    """A file name, a pattern literal or a label has no sentence around a surname."""
    obj: dict[str, Any] = {
        "type": "indicator",
        "spec_version": "2.1",
        "id": "indicator" + _ID,
        "pattern": "[file:name = 'Karlsson_passport.pdf'] AND [domain-name:value = 'parcel-fee.example']",
        "pattern_type": "stix",
        "indicator_types": ["Karlsson"],
        "x_victim": "Karlsson",
    }
    out, counts = anonymize_stix_object(obj, anonymizer)
    assert out is not None
    assert "Karlsson" not in json.dumps(out, ensure_ascii=False)
    assert "parcel-fee.example" in out["pattern"]
    assert counts["PERSON"] == 3


def test_offender_labels_survive_in_structured_values(anonymizer: TextAnonymizer) -> None:
    obj: dict[str, Any] = {
        "type": "indicator",
        "spec_version": "2.1",
        "id": "indicator" + _ID,
        "pattern": (
            "[file:name = 'AnyDesk.exe'] OR [file:name = 'invoice_8842.exe'] OR [file:name = 'Emotet.dll']"
        ),
        "pattern_type": "stix",
        "indicator_types": ["Cobalt Strike", "Valid Accounts", "Spearphishing Attachment"],
    }
    out, counts = anonymize_stix_object(obj, anonymizer)
    assert out is not None
    assert out["pattern"] == obj["pattern"]
    assert out["indicator_types"] == obj["indicator_types"]
    assert counts["PERSON"] == 0


def test_artifact_content_dropped_and_an_empty_artifact_dropped_whole(anonymizer: TextAnonymizer) -> None:
    scan = base64.b64encode("Passport of Malin Åkerlund, born 3 May 1984".encode()).decode()
    artifact = {
        "type": "artifact",
        "spec_version": "2.1",
        "id": "artifact" + _ID,
        "payload_bin": scan,
        "hashes": {"SHA-256": "a" * 64},
    }
    dropped, counts = anonymize_stix_object(artifact, anonymizer)
    assert dropped is None and counts[DROPPED_OBJECT] == 1
    linked, _ = anonymize_stix_object({**artifact, "url": "https://files.example/a.bin"}, anonymizer)
    assert linked is not None and "payload_bin" not in linked
    assert linked["hashes"] == {"SHA-256": "a" * 64}


def test_accounts_in_paths_and_command_lines_masked(anonymizer: TextAnonymizer) -> None:
    directory = {
        "type": "directory",
        "spec_version": "2.1",
        "id": "directory" + _ID,
        "path": "C:\\Users\\tkowalewska\\AppData\\Roaming",
    }
    process = {
        "type": "process",
        "spec_version": "2.1",
        "id": "process" + _ID,
        "cwd": "/home/r.achterberg/tmp",
        "command_line": "net use \\\\fs02\\share /user:CORP\\h.oyelaran",
    }
    text = json.dumps([anonymize_stix_object(o, anonymizer)[0] for o in (directory, process)])
    for account in ("tkowalewska", "r.achterberg", "h.oyelaran"):
        assert account not in text
    assert "AppData" in text and "net use" in text


def test_strings_of_rules_in_other_languages_anonymized(anonymizer: TextAnonymizer) -> None:
    yara = (
        'rule lure_doc { meta: author = "Det. Insp. Rhiannon Pryce" '
        'strings: $a = "Dear Mr Okonkwo Chidubem" $b = "invoice_update" $h = { 6A 40 68 } '
        "condition: any of them }"
    )
    sigma = "title: Lure\nauthor: Rhiannon Pryce\ndetection:\n  sel:\n    Image|endswith: 'winword.exe'"
    for pattern_type, pattern in (("yara", yara), ("sigma", sigma)):
        obj = _sdo("indicator", pattern=pattern, pattern_type=pattern_type, valid_from=_T)
        out, _ = anonymize_stix_object(obj, anonymizer)
        assert out is not None
        assert "Pryce" not in out["pattern"] and "Okonkwo" not in out["pattern"]
        assert (
            ("invoice_update" in out["pattern"])
            if pattern_type == "yara"
            else ("winword.exe" in out["pattern"])
        )


def test_unquoted_values_of_a_sigma_rule_anonymized(anonymizer: TextAnonymizer) -> None:
    sigma = (
        "title: Lure\ndetection:\n  sel:\n    User: ingridv  # the account\n"
        "    Computer:\n      - LAPTOP-INGRIDV\n    Image|endswith: \\winword.exe\n  condition: sel"
    )
    obj = _sdo("indicator", pattern=sigma, pattern_type="sigma", valid_from=_T)
    out, _ = anonymize_stix_object(obj, anonymizer)
    assert out is not None and "ingridv" not in out["pattern"].lower()
    assert "\\winword.exe" in out["pattern"] and "condition: sel" in out["pattern"]


def test_custom_property_or_extension_named_after_a_person_dropped(anonymizer: TextAnonymizer) -> None:
    obj = _sdo(
        "indicator",
        pattern="[domain-name:value = 'parcel-fee.example']",
        pattern_type="stix",
        valid_from=_T,
        x_victim_ingrid_vestergaard="called twice",
        x_opencti_score=80,
        x_mitre_contributors=["[PERSON]"],
        extensions={"x-ingrid-vestergaard-ext": {"extension_type": "property-extension", "note": "x"}},
    )
    out, _ = anonymize_stix_object(obj, anonymizer)
    assert out is not None
    assert "vestergaard" not in json.dumps(out).lower()
    assert out["x_opencti_score"] == 80 and "x_mitre_contributors" in out


def test_names_glued_into_service_pipe_and_package_names(anonymizer: TextAnonymizer) -> None:
    process = {
        "type": "process",
        "spec_version": "2.1",
        "id": "process" + _ID,
        "environment_variables": {"CLIENTNAME": "LAPTOP-INGRIDV"},
        "extensions": {
            "windows-service-ext": {
                "service_name": "IngridVestergaardSvc",
                "start_type": "SERVICE_AUTO_START",
            }
        },
    }
    pipe = {"type": "file", "spec_version": "2.1", "id": "file" + _ID, "name": "\\\\.\\pipe\\ingridv"}
    app = {"type": "software", "spec_version": "2.1", "id": "software" + _ID}
    app["name"] = "com.ingridvestergaard.app"
    out = [anonymize_stix_object(obj, anonymizer)[0] for obj in (process, pipe, app)]
    text = json.dumps(out).lower()
    assert "ingrid" not in text and "vestergaard" not in text
    assert out[0] is not None and out[0]["extensions"]["windows-service-ext"]["service_name"] == "[PERSON]Svc"
    assert out[0]["extensions"]["windows-service-ext"]["start_type"] == "SERVICE_AUTO_START"
    assert out[0]["environment_variables"]["CLIENTNAME"] == "LAPTOP-[HANDLE]"
    assert out[2] is not None and out[2]["name"] == "com.[PERSON].app"


def test_url_path_segments_that_name_a_victim_are_redacted(anonymizer: TextAnonymizer) -> None:
    host = "https://evil-parcel.example"
    values = {
        "/u/ingridv/Ingrid-Vestergaard/pay": "/u/redacted/redacted/pay",
        "/track/jane.doe@mail.example": "/track/redacted",
        "/secure/chase/verify.php": "/secure/chase/verify.php",  # one word read as a name: a brand
    }
    for value, expected in values.items():
        out, _ = anonymize_stix_object({"type": "url", "id": "url" + _ID, "value": host + value}, anonymizer)
        assert out is not None and out["value"] == host + expected
    profile = {"type": "url", "id": "url" + _ID, "value": "https://t.me/ingridv"}
    assert anonymize_stix_object(profile, anonymizer)[0] == profile  # kept only as an offender's
