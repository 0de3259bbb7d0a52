"""Taxonomy tagging: MISP machine tags from the data files, shared per submission, deterministic."""

from __future__ import annotations

import copy
import json
import re
import shutil
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pytaxonomies.api import Taxonomy

from services.enrichment.category import DATA_DIR
from services.enrichment.tagging import MISP_TAXONOMIES, Tagger, _misp_taxonomy
from shared.models.report import TLP, MOReport
from shared.stix import builder, ids
from shared.stix.extension import IDENTITY_ID, extension_block, get_extension
from shared.stix.markings import TLP_MARKING_IDS

CLOCK = datetime(2026, 11, 20, tzinfo=UTC)


@cache
def tagger() -> Tagger:
    return Tagger.load()


def _report(**overrides: Any) -> dict[str, Any]:
    report: dict[str, Any] = {
        "title": "Parcel-delivery smishing leading to card enrolment in mobile wallets",
        "narrative": "Victims received an SMS about a redelivery fee with a link to a fake payment page.",
        "modus_operandi": [
            {"description": "SMS with a link to a fake parcel redelivery page", "technique_id": "T1660"},
            {"description": "The offenders register look-alike domains of the parcel service."},
        ],
        "indicators": [{"type": "domain-name", "value": "parcel-redelivery-fee.example"}],
        "first_seen": "2026-10-01T00:00:00Z",
        "country": "NL",
        "sectors": ["finance", "logistics"],
        "crime_category": "phishing",
        "tlp": "amber",
    }
    report.update(overrides)
    return {key: value for key, value in report.items() if value is not None}


def _bundle(**overrides: Any) -> list[dict[str, Any]]:
    return builder.build_report_bundle(
        MOReport.model_validate(_report(**overrides)),
        pseudonym=ids.pseudonymize("partner-1", b"key"),
        submission_id="sub-1",
        redactions={},
        clock=lambda: CLOCK,
    )


def _tags(obj: dict[str, Any]) -> list[str]:
    tags: list[str] = get_extension(obj).get("tags", [])
    return tags


def _one(objects: list[dict[str, Any]], stix_type: str) -> dict[str, Any]:
    return next(obj for obj in objects if obj["type"] == stix_type)


@cache
def _misp_machinetags() -> frozenset[str]:
    return frozenset(tag for name in MISP_TAXONOMIES for tag in _misp_taxonomy(name).machinetags())


def test_report_gets_every_kind_of_tag() -> None:
    objects = _bundle()
    tagger().tag_objects(objects)
    assert _tags(_one(objects, "report")) == [
        "europol-event:dissemination-phishing-emails",
        "europol-event:hosting-phishing-sites",
        'europol-incident:information-gathering="phishing"',
        "mitre-attack:T1583.001",
        "mitre-attack:T1660",
        'rsit:fraud="phishing"',
        "sector:finance",
        "sector:logistics",
        "tlp:amber",
        "un-m49:150",
        "un-m49:155",
    ]


def test_every_taxonomy_tag_is_a_misp_machine_tag() -> None:
    objects = _bundle(tlp="amber+strict")
    tagger().tag_objects(objects)
    known = _misp_machinetags()
    prefixes = tuple(f"{name}:" for name in MISP_TAXONOMIES)
    seen = {tag for obj in objects for tag in _tags(obj)}
    assert "tlp:amber+strict" in seen
    assert {tag for tag in seen if tag.startswith(prefixes)} <= known


def test_category_is_given_not_inferred_when_the_report_has_one() -> None:
    objects = _bundle(crime_category="card-fraud")
    tagger().tag_objects(objects)
    extension = get_extension(_one(objects, "report"))
    assert extension["crime_category"] == "card-fraud"
    assert "crime_category_inferred" not in extension
    assert 'rsit:fraud="masquerade"' in _tags(_one(objects, "report"))


def test_missing_category_is_inferred_and_marked_so_on_report_and_sighting() -> None:
    objects = _bundle(crime_category=None)
    tagger().tag_objects(objects)
    for stix_type in ("report", "sighting"):
        extension = get_extension(_one(objects, stix_type))
        assert extension["crime_category"] == "phishing"
        assert extension["crime_category_inferred"] is True
        assert 0.0 < extension["crime_category_confidence"] <= 1.0
    assert 'rsit:fraud="phishing"' in _tags(_one(objects, "infrastructure"))
    # A canonical indicator of a shared scope is crimefeed's: no one report's context on it.
    assert 'rsit:fraud="phishing"' not in _tags(_one(objects, "indicator"))


def test_no_text_at_all_infers_nothing() -> None:
    objects = [
        {"type": "indicator", "id": "indicator--1", "object_marking_refs": [TLP_MARKING_IDS[TLP.GREEN]]}
    ]
    tagger().tag_objects(objects)
    assert _tags(objects[0]) == ["tlp:green"]


def test_techniques_from_references_rules_and_ids_in_text() -> None:
    explicit = {
        "type": "attack-pattern",
        "id": "attack-pattern--1",
        "name": "Ransomware encrypting servers",  # rules would say T1486; the reference wins
        "external_references": [{"source_name": "mitre-attack", "external_id": "T1566.002"}],
    }
    by_rules = {
        "type": "attack-pattern",
        "id": "attack-pattern--2",
        "name": "Encryption",
        "description": "The group deleted the shadow copies, then encrypted the file servers.",
    }
    by_id = {"type": "attack-pattern", "id": "attack-pattern--3", "name": "Voice lure (t1566.004)"}
    capec_only = {
        "type": "attack-pattern",
        "id": "attack-pattern--4",
        "name": "Something unrelated",
        "external_references": [{"source_name": "capec", "external_id": "CAPEC-98"}],
    }
    objects: list[dict[str, Any]] = [explicit, by_rules, by_id, capec_only]
    tagger().tag_objects(objects)
    assert [t for t in _tags(explicit) if t.startswith("mitre")] == ["mitre-attack:T1566.002"]
    assert [t for t in _tags(by_rules) if t.startswith("mitre")] == [
        "mitre-attack:T1486",
        "mitre-attack:T1490",
    ]
    assert [t for t in _tags(by_id) if t.startswith("mitre")] == ["mitre-attack:T1566.004"]
    assert not [t for t in _tags(capec_only) if t.startswith("mitre")]


@pytest.mark.parametrize(
    ("text", "technique"),
    [
        ("Les victimes reçoivent un SMS avec un lien vers une fausse page", "T1660"),
        ("Die Täter gaben sich als Bankmitarbeiter aus", "T1656"),
        ("Se solicitan los datos de la tarjeta en una página de pago falsa", "T1598"),
        ("The offenders obtained a replacement SIM from the operator", "T1451"),
        ("Victims are persuaded to install AnyDesk", "T1219"),
        ("Credential stuffing against the web shop", "T1110.004"),
    ],
)
def test_attack_rules_in_several_languages(text: str, technique: str) -> None:
    pattern = {"type": "attack-pattern", "id": "attack-pattern--9", "name": text}
    tagger().tag_objects([pattern])
    assert f"mitre-attack:{technique}" in _tags(pattern)


def test_sighting_carries_its_mo_technique_and_identity_only_its_tlp() -> None:
    objects = _bundle()
    tagger().tag_objects(objects)
    assert "mitre-attack:T1660" in _tags(_one(objects, "sighting"))
    pseudonym = next(o for o in objects if o["type"] == "identity" and o["id"] != IDENTITY_ID)
    assert _tags(pseudonym) == ["tlp:red"]  # its own partner's business only


def test_definitions_are_left_untouched() -> None:
    objects = _bundle()
    before = [
        copy.deepcopy(o) for o in objects if o["type"] in ("marking-definition", "extension-definition")
    ]
    before.append(copy.deepcopy(next(o for o in objects if o["id"] == IDENTITY_ID)))
    tagger().tag_objects(objects)
    after = [o for o in objects if o["type"] in ("marking-definition", "extension-definition")]
    after.append(next(o for o in objects if o["id"] == IDENTITY_ID))
    assert after == before


@pytest.mark.parametrize(
    ("country", "regions"),
    [
        ("NL", ["150", "155"]),
        ("BR", ["005", "019", "419"]),
        ("KE", ["002", "014", "202"]),
        ("JP", ["030", "142"]),
    ],
)
def test_region_tags_from_the_country(country: str, regions: list[str]) -> None:
    objects = _bundle(country=country)
    tagger().tag_objects(objects)
    assert [t for t in _tags(_one(objects, "report")) if t.startswith("un-m49:")] == [
        f"un-m49:{r}" for r in regions
    ]


def test_partner_bundle_context_from_sighting_and_location() -> None:
    """No MO report: category from the sighting, country from the location it was seen at."""
    green = [TLP_MARKING_IDS[TLP.GREEN]]
    location = {"type": "location", "id": "location--1", "country": "fr", "object_marking_refs": green}
    pattern = {
        "type": "attack-pattern",
        "id": "attack-pattern--1",
        "name": "DDoS flood",
        "object_marking_refs": green,
    }
    sighting = {
        "type": "sighting",
        "id": "sighting--1",
        "sighting_of_ref": "attack-pattern--1",
        "where_sighted_refs": ["location--1"],
        "object_marking_refs": green,
        "extensions": extension_block({"submission_id": "s", "crime_category": "ddos"}),
    }
    objects: list[dict[str, Any]] = [location, pattern, sighting]
    tagger().tag_objects(objects)
    assert get_extension(sighting)["country"] == "FR"
    assert "crime_category_inferred" not in get_extension(sighting)
    assert {'rsit:availability="ddos"', "un-m49:150", "un-m49:155", "tlp:green", "mitre-attack:T1498"} <= set(
        _tags(sighting)
    )
    assert 'rsit:availability="ddos"' in _tags(pattern)


def test_tlp_falls_back_to_the_declared_level() -> None:
    obj = {"type": "indicator", "id": "indicator--1", "extensions": extension_block({"tlp": "red"})}
    tagger().tag_objects([obj])
    assert _tags(obj) == ["tlp:red"]


def test_tagging_twice_changes_nothing() -> None:
    once = _bundle(crime_category=None)
    tagger().tag_objects(once)
    twice = copy.deepcopy(once)
    tagger().tag_objects(twice)
    assert twice == once


@settings(max_examples=30, deadline=None)
@given(order=st.randoms(use_true_random=False), category=st.sampled_from([None, "ransomware", "money-mule"]))
def test_property_tags_do_not_depend_on_object_order(order: Any, category: str | None) -> None:
    reference = _bundle(crime_category=category)
    shuffled = copy.deepcopy(reference)
    order.shuffle(shuffled)
    tagger().tag_objects(reference)
    tagger().tag_objects(shuffled)
    by_id = {obj["id"]: obj for obj in shuffled}
    for obj in reference:
        assert by_id[obj["id"]] == obj
        assert _tags(obj) == sorted(set(_tags(obj)))


def test_load_records_versions_and_refuses_unknown_tags(tmp_path: Path) -> None:
    loaded = tagger()
    assert loaded.versions["misp:rsit"] == "1003"
    assert "categories 1.0.0" in loaded.version
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    categories = yaml.safe_load((data / "categories.yaml").read_text(encoding="utf-8"))
    categories["categories"]["phishing"]["tags"].append('rsit:fraud="not-a-value"')
    (data / "categories.yaml").write_text(yaml.safe_dump(categories), encoding="utf-8")
    with pytest.raises(ValueError, match="not-a-value"):
        Tagger.load(data)


def test_load_refuses_rule_categories_without_a_mapping(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    categories = yaml.safe_load((data / "categories.yaml").read_text(encoding="utf-8"))
    del categories["categories"]["ddos"]
    (data / "categories.yaml").write_text(yaml.safe_dump(categories), encoding="utf-8")
    with pytest.raises(ValueError, match="ddos"):
        Tagger.load(data)


def test_attack_rule_ids_match_the_technique_catalogue() -> None:
    catalogue = json.loads((Path("shared/stix/data/attack_patterns.json")).read_text(encoding="utf-8"))[
        "attack"
    ]
    rules = yaml.safe_load((DATA_DIR / "attack_rules.yaml").read_text(encoding="utf-8"))["techniques"]
    for technique_id, entry in rules.items():
        assert re.fullmatch(r"T\d{4}(\.\d{3})?", technique_id)
        if technique_id in catalogue:  # T1219 (Remote Access Software) is not in the curated subset
            assert entry["name"].split(": ")[-1].removesuffix(" (Mobile)") == catalogue[technique_id]["name"]
        else:
            assert technique_id == "T1219"


def test_misp_taxonomies_ship_offline_with_the_pinned_versions() -> None:
    versions = yaml.safe_load((DATA_DIR / "categories.yaml").read_text(encoding="utf-8"))["taxonomy_versions"]
    for name, version in versions.items():
        taxonomy: Taxonomy = _misp_taxonomy(name)
        assert taxonomy.version == version, name


def test_enrichment_data_dir_setting_replaces_the_bundled_rules(tmp_path: Path) -> None:
    """CRIMEFEED_ENRICHMENT_DATA_DIR: the operator's folder is what the service loads, and checks."""
    from services.enrichment.app import default_enricher
    from services.enrichment.settings import EnrichmentSettings
    from shared.kafka.topics import Topics

    data = tmp_path / "rules"
    shutil.copytree(DATA_DIR, data)
    categories = yaml.safe_load((data / "categories.yaml").read_text(encoding="utf-8"))
    categories["version"] = "9.9.9-local"
    (data / "categories.yaml").write_text(yaml.safe_dump(categories), encoding="utf-8")
    settings = EnrichmentSettings(data_dir=tmp_path / "state", enrichment_data_dir=data)
    enricher = default_enricher(settings, Topics("t."))
    assert "categories 9.9.9-local" in enricher.tagger.version

    categories["categories"]["phishing"]["tags"].append('rsit:fraud="not-a-value"')
    (data / "categories.yaml").write_text(yaml.safe_dump(categories), encoding="utf-8")
    with pytest.raises(ValueError, match="not-a-value"):
        default_enricher(settings, Topics("t."))
