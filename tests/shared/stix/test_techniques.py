"""The ATT&CK/CAPEC catalogue: names, references, and ids outside it."""

from __future__ import annotations

import json
import re
from importlib import resources

from shared.stix import techniques


def test_known_techniques() -> None:
    phishing = techniques.lookup("T1660")
    assert phishing.name == "Phishing"
    assert phishing.external_reference == {
        "source_name": "mitre-attack",
        "url": "https://attack.mitre.org/techniques/T1660",
        "external_id": "T1660",
    }
    assert techniques.lookup("T1566.002").name == "Phishing: Spearphishing Link"
    assert (
        techniques.lookup("T1566.002").external_reference["url"]
        == "https://attack.mitre.org/techniques/T1566/002"
    )
    assert techniques.lookup("CAPEC-98").name == "Phishing"
    assert techniques.lookup("CAPEC-98").external_reference == {
        "source_name": "capec",
        "url": "https://capec.mitre.org/data/definitions/98.html",
        "external_id": "CAPEC-98",
    }


def test_unknown_ids_still_get_references() -> None:
    unknown = techniques.lookup("T1999.042")
    assert unknown.name is None
    assert unknown.external_reference["url"] == "https://attack.mitre.org/techniques/T1999/042"
    assert techniques.lookup("CAPEC-99999").external_reference["url"].endswith("/99999.html")


def test_catalogue_is_well_formed() -> None:
    text = resources.files("shared.stix").joinpath("data", "attack_patterns.json").read_text(encoding="utf-8")
    data = json.loads(text)
    model_pattern = re.compile(r"^(T\d{4}(\.\d{3})?|CAPEC-\d+)$")  # MOReport's technique_id
    for technique_id, entry in data["attack"].items():
        assert model_pattern.match(technique_id)
        assert entry["name"] and entry["domain"] in {"enterprise-attack", "mobile-attack", "ics-attack"}
        assert entry["url"] == techniques.lookup(technique_id).external_reference["url"]
    for capec_id, entry in data["capec"].items():
        assert model_pattern.match(capec_id) and entry["name"]
    assert "MITRE" in data["copyright"]
