"""anonymize_stix_object on plain STIX 2.1 dicts."""

from __future__ import annotations

import copy
from typing import Any

from shared.anonymization.stix import DROPPED_OBJECT, anonymize_stix_object
from shared.anonymization.text import TextAnonymizer

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
        {"type": "url", "id": "url" + _ID, "value": "https://parcel-fee.example/pay?id=5551234567"},
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
