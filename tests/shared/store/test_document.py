"""to_document: the indexed fields both backends share, including the trend fields of sightings."""

from __future__ import annotations

import pytest

from shared.models.report import TLP
from shared.stix.extension import EXTENSION_ID
from shared.store.document import to_document
from tests.support.store_objects import make, owner_of, sighting


def test_fields_of_an_attack_pattern() -> None:
    obj = make(
        name="Parcel smishing",
        description="Texts about a redelivery fee",
        tlp=TLP.RED,
        recipients=("bob", "not a partner id!"),
        category="fraud",
        tags=("un-m49:150", "mitre-attack:T1566", "sector:logistics"),
        country="nl",
        sectors=("logistics",),
        external_references=[{"source_name": "mitre-attack", "external_id": "T1660"}],
    )
    document = to_document(obj)
    assert document.tlp is TLP.RED
    assert document.owner == owner_of("alice")
    assert document.recipients == ("bob",)
    assert document.text == "Parcel smishing\nTexts about a redelivery fee"
    assert document.categories == ("fraud",)
    assert document.techniques == ("T1566", "T1660")
    assert document.countries == ("NL",)
    assert document.regions == ("150",)
    assert document.sectors == ("logistics",)
    assert document.date == obj["created"]
    assert document.periods == {}
    assert document.trend_keys == {}


def test_trend_fields_of_a_sighting() -> None:
    obj = sighting(
        "attack-pattern--6b2d1e6e-9d9a-4c4b-9a53-0b8a4f1f4a10",
        first_seen="2027-01-01T23:30:00-02:00",  # 2027-01-02 01:30 UTC
        category="fraud",
        country="nl",
        regions=("150", "155"),
        count=4,
        spike=True,
    )
    document = to_document(obj)
    assert document.periods == {"day": "2027-01-02", "week": "2026-W53", "month": "2027-01"}
    assert document.trend_keys == {
        "category": ("fraud",),
        "mo": ("attack-pattern--6b2d1e6e-9d9a-4c4b-9a53-0b8a4f1f4a10",),
        "country": ("NL",),
        "region": ("150", "155"),
    }
    assert (document.count, document.first_seen_mo, document.spike) == (4, False, True)
    assert obj["sighting_of_ref"] in document.refs


def test_enrichment_week_wins_and_missing_trend_falls_back_to_the_object() -> None:
    obj = sighting("attack-pattern--x", first_seen="2026-11-02T00:00:00Z", category="fraud", country="DE")
    obj["extensions"][EXTENSION_ID]["trend"]["week"] = "2026-W44"
    assert to_document(obj).periods["week"] == "2026-W44"
    del obj["extensions"][EXTENSION_ID]["trend"]
    document = to_document(obj)
    assert document.trend_keys["mo"] == ("attack-pattern--x",)
    assert document.trend_keys["category"] == ("fraud",)
    assert document.trend_keys["country"] == ("DE",)
    assert document.periods["week"] == "2026-W45"


def test_a_sighting_without_a_usable_date_has_no_period() -> None:
    obj = sighting("attack-pattern--x", first_seen="sometime", category="fraud", country="DE")
    obj["created"] = "not a date either"
    assert to_document(obj).periods == {}


@pytest.mark.parametrize("stamp", ["9999-12-31T23:30:00-05:00", "0001-01-01T00:10:00+01:00"])
def test_a_sighting_whose_date_leaves_the_calendar_in_utc_has_no_period(stamp: str) -> None:
    obj = sighting("attack-pattern--x", first_seen=stamp, category="fraud", country="DE")
    assert to_document(obj).periods == {}


@pytest.mark.parametrize("bad", [{}, {"type": "report"}, {"id": "report--1"}, {"type": 1, "id": "x"}])
def test_an_object_without_type_and_id_is_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        to_document(bad)
