"""TLP 2.0 markings: the official OASIS objects, the TLP order, and reading TLP from objects."""

from __future__ import annotations

import json

import pytest
import stix2
from hypothesis import given
from hypothesis import strategies as st

from shared.models.report import TLP
from shared.stix import markings

from .conftest import validate

TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
# The five ids and names as published in oasis-open/cti-stix-common-objects (tlp-2.0).
OFFICIAL = {
    TLP.CLEAR: ("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "TLP:CLEAR"),
    TLP.GREEN: ("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "TLP:GREEN"),
    TLP.AMBER: ("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "TLP:AMBER"),
    TLP.AMBER_STRICT: ("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "TLP:AMBER+STRICT"),
    TLP.RED: ("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "TLP:RED"),
}


@pytest.mark.parametrize("tlp", list(TLP))
def test_tlp_marking_is_the_official_object(tlp: TLP) -> None:
    marking_id, name = OFFICIAL[tlp]
    assert markings.tlp_marking(tlp) == {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": marking_id,
        "created": "2022-10-01T00:00:00.000Z",
        "name": name,
        "extensions": {TLP2_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": tlp.value}},
    }


@pytest.mark.parametrize("tlp", list(TLP))
def test_tlp_marking_parses_and_validates(tlp: TLP) -> None:
    marking = markings.tlp_marking(tlp)
    assert json.loads(stix2.parse(marking, allow_custom=False).serialize()) == marking
    assert validate(marking) == ([], [])


def test_tlp_marking_returns_a_copy() -> None:
    markings.tlp_marking(TLP.RED)["name"] = "changed"
    assert markings.tlp_marking(TLP.RED)["name"] == "TLP:RED"


@pytest.mark.parametrize("tlp", list(TLP))
def test_tlp_of_round_trips(tlp: TLP) -> None:
    marking = markings.tlp_marking(tlp)
    assert markings.tlp_of({"object_marking_refs": [marking["id"]]}) is tlp
    assert markings.tlp_from_marking_id(marking["id"]) is tlp


def test_tlp1_markings_map_to_tlp2() -> None:
    assert markings.tlp_of({"object_marking_refs": [stix2.TLP_WHITE.id]}) is TLP.CLEAR
    assert markings.tlp_of({"object_marking_refs": [stix2.TLP_GREEN.id]}) is TLP.GREEN
    assert markings.tlp_of({"object_marking_refs": [stix2.TLP_AMBER.id]}) is TLP.AMBER
    assert markings.tlp_of({"object_marking_refs": [stix2.TLP_RED.id]}) is TLP.RED


def test_tlp_of_without_tlp_marking() -> None:
    assert markings.tlp_of({}) is None
    assert markings.tlp_of({"object_marking_refs": []}) is None
    assert (
        markings.tlp_of({"object_marking_refs": ["marking-definition--8e3fa9e4-6ec2-4b7a-8a2a-0c1d55e0b7a1"]})
        is None
    )
    assert markings.tlp_of({"object_marking_refs": "not a list"}) is None


def test_tlp_of_takes_the_strictest_of_several() -> None:
    refs = [OFFICIAL[TLP.GREEN][0], OFFICIAL[TLP.AMBER_STRICT][0], stix2.TLP_AMBER.id]
    assert markings.tlp_of({"object_marking_refs": refs}) is TLP.AMBER_STRICT


def test_order() -> None:
    assert markings.TLP_ORDER == (TLP.CLEAR, TLP.GREEN, TLP.AMBER, TLP.AMBER_STRICT, TLP.RED)
    ranks = [markings.tlp_rank(tlp) for tlp in markings.TLP_ORDER]
    assert ranks == sorted(ranks) and len(set(ranks)) == 5
    assert markings.is_within(TLP.GREEN, TLP.AMBER)
    assert markings.is_within(TLP.AMBER, TLP.AMBER)
    assert not markings.is_within(TLP.AMBER_STRICT, TLP.AMBER)
    assert markings.strictest([TLP.CLEAR, TLP.RED, TLP.GREEN]) is TLP.RED
    assert markings.strictest([]) is None


_REFS = st.one_of(
    st.sampled_from([*markings.TLP_MARKING_IDS.values(), *markings.TLP1_MARKING_IDS]),
    st.text(max_size=12),
    st.integers(),
    st.none(),
)


@given(st.lists(_REFS, max_size=6))
def test_tlp_of_is_the_most_restrictive_level_its_markings_name(refs: list[object]) -> None:
    levels = [level for ref in refs if isinstance(ref, str) and (level := markings.tlp_from_marking_id(ref))]
    expected = max(levels, key=markings.tlp_rank) if levels else None
    assert markings.tlp_of({"object_marking_refs": refs}) is expected
