"""The TLP reading rule every egress applies, and which objects are public by nature."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.access import Viewer, can_read, can_read_object, effective_tlp
from shared.models.report import TLP
from shared.stix.extension import EXTENSION_ID, IDENTITY_ID, extension_block
from shared.stix.markings import TLP_MARKING_IDS, tlp_marking, tlp_rank

OWNER = "identity--00000000-0000-5000-8000-000000000001"
OTHER = "identity--00000000-0000-5000-8000-000000000002"


def viewer(max_tlp: TLP, partner: str = "cert-a", owner: str = OTHER, admin: bool = False) -> Viewer:
    return Viewer(partner_id=partner, max_tlp=max_tlp, owner_id=owner, is_admin=admin)


@pytest.mark.parametrize(
    ("level", "clearance", "readable"),
    [
        (TLP.CLEAR, TLP.CLEAR, True),
        (TLP.GREEN, TLP.CLEAR, False),
        (TLP.GREEN, TLP.GREEN, True),
        (TLP.AMBER, TLP.GREEN, False),
        (TLP.AMBER, TLP.AMBER, True),
        (TLP.AMBER, TLP.RED, True),
    ],
)
def test_shared_levels_follow_the_clearance(level: TLP, clearance: TLP, readable: bool) -> None:
    assert can_read(viewer(clearance), level, OWNER, ()) is readable


def test_amber_strict_only_for_the_submitting_organisation() -> None:
    assert can_read(viewer(TLP.AMBER_STRICT, owner=OWNER), TLP.AMBER_STRICT, OWNER, ())
    assert not can_read(viewer(TLP.RED, owner=OTHER), TLP.AMBER_STRICT, OWNER, ())
    # A clearance is a ceiling, even for the owner.
    assert not can_read(viewer(TLP.AMBER, owner=OWNER), TLP.AMBER_STRICT, OWNER, ())


def test_red_only_for_cleared_recipients_and_the_submitter() -> None:
    assert can_read(viewer(TLP.RED, partner="cert-a"), TLP.RED, OWNER, ("cert-a",))
    assert not can_read(viewer(TLP.RED, partner="cert-b"), TLP.RED, OWNER, ("cert-a",))
    assert not can_read(viewer(TLP.AMBER, partner="cert-a"), TLP.RED, OWNER, ("cert-a",))
    assert can_read(viewer(TLP.RED, partner="cert-z", owner=OWNER), TLP.RED, OWNER, ())


def test_admin_reads_everything() -> None:
    admin = viewer(TLP.CLEAR, admin=True)
    assert all(can_read(admin, level, OWNER, ()) for level in TLP)


def test_unmarked_objects_are_amber() -> None:
    obj: dict[str, Any] = {"type": "indicator", "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"}
    assert effective_tlp(obj) is TLP.AMBER
    assert not can_read_object(viewer(TLP.GREEN), obj)


def test_the_stricter_of_marking_and_declared_level_holds() -> None:
    obj = {
        "type": "indicator",
        "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
        "object_marking_refs": [TLP_MARKING_IDS[TLP.GREEN]],
        "extensions": extension_block({"tlp": "red", "recipients": ["cert-a"]}),
    }
    assert effective_tlp(obj) is TLP.RED
    assert can_read_object(viewer(TLP.RED, partner="cert-a"), obj)
    assert not can_read_object(viewer(TLP.RED, partner="cert-b"), obj)


def test_only_crimefeeds_own_definitions_and_official_tlp_markings_are_public() -> None:
    assert effective_tlp(tlp_marking(TLP.RED)) is TLP.CLEAR
    assert effective_tlp({"type": "extension-definition", "id": EXTENSION_ID}) is TLP.CLEAR
    assert effective_tlp({"type": "identity", "id": IDENTITY_ID}) is TLP.CLEAR
    statement = {
        "type": "marking-definition",
        "id": "marking-definition--a1b2c3d4-0000-4000-8000-000000000000",
        "definition_type": "statement",
        "definition": {"statement": "Victim Jane Doe, jane@mail.example, must not be contacted"},
    }
    assert effective_tlp(statement) is TLP.AMBER
    partner_extension = {"type": "extension-definition", "id": "extension-definition--a1b2c3d4-0000"}
    assert effective_tlp(partner_extension) is TLP.AMBER


@given(
    marked=st.sampled_from([None, *TLP]),
    declared=st.one_of(
        st.sampled_from([*TLP, *(str(level) for level in TLP)]), st.text(max_size=8), st.none()
    ),
)
def test_the_effective_level_is_the_stricter_of_the_marked_and_declared_ones(
    marked: TLP | None, declared: object
) -> None:
    obj: dict[str, Any] = {"type": "indicator", "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"}
    if marked is not None:
        obj["object_marking_refs"] = [TLP_MARKING_IDS[marked]]
    obj["extensions"] = extension_block({"tlp": declared})
    named = TLP(declared) if isinstance(declared, str) and declared in {str(t) for t in TLP} else None
    levels = [level for level in (marked, named) if level is not None]
    assert effective_tlp(obj) is (max(levels, key=tlp_rank) if levels else TLP.AMBER)
