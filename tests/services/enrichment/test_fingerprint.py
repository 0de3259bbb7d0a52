from __future__ import annotations

import copy
from typing import Any

from services.enrichment.fingerprint import fingerprint, sharing_scope
from shared.models.report import TLP
from shared.stix.extension import EXTENSION_ID, extension_block
from shared.stix.markings import TLP_MARKING_IDS


def pattern(**changes: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "type": "attack-pattern",
        "spec_version": "2.1",
        "id": "attack-pattern--6b9d9a5e-1c0e-4f4e-9f55-2b1f6d8b1a01",
        "created": "2026-11-20T12:00:00.000Z",
        "modified": "2026-11-20T12:00:00.000Z",
        "created_by_ref": "identity--0b3a3d2e-6a43-4f0e-8a8a-3a1e3c6b1f11",
        "name": "Parcel smishing",
        "description": "SMS about a parcel fee",
        "object_marking_refs": [TLP_MARKING_IDS[TLP.GREEN]],
        "extensions": extension_block({"submission_id": "s1", "crime_category": "fraud", "tags": ["a"]}),
    }
    obj.update(changes)
    return obj


def test_ids_timestamps_author_and_bookkeeping_do_not_count() -> None:
    other = pattern(
        id="attack-pattern--11111111-1c0e-4f4e-9f55-2b1f6d8b1a01",
        created="2025-01-01T00:00:00.000Z",
        modified="2025-01-02T00:00:00.000Z",
        created_by_ref="identity--22222222-6a43-4f0e-8a8a-3a1e3c6b1f11",
        extensions=extension_block({"submission_id": "s2", "crime_category": "fraud", "dedup": {"x": 1}}),
    )
    assert fingerprint(pattern()) == fingerprint(other)


def test_meaning_counts() -> None:
    base = fingerprint(pattern())
    assert fingerprint(pattern(description="SMS about a tax refund")) != base
    assert fingerprint(pattern(extensions=extension_block({"crime_category": "extortion"}))) != base
    assert fingerprint(pattern(type="malware", id="malware--6b9d9a5e-1c0e-4f4e-9f55-2b1f6d8b1a01")) != base


def test_a_different_tlp_is_never_the_same_object() -> None:
    red = pattern(object_marking_refs=[TLP_MARKING_IDS[TLP.RED]])
    assert fingerprint(red) != fingerprint(pattern())
    assert sharing_scope(red) != sharing_scope(pattern())


def test_recipients_are_part_of_the_scope_and_marking_order_is_not() -> None:
    one = pattern(extensions=extension_block({"recipients": ["b", "a"]}))
    two = pattern(extensions=extension_block({"recipients": ["a", "c"]}))
    assert sharing_scope(one) != sharing_scope(two)
    both = pattern(object_marking_refs=["marking-definition--a", "marking-definition--b"])
    swapped = pattern(object_marking_refs=["marking-definition--b", "marking-definition--a"])
    assert fingerprint(both) == fingerprint(swapped)


def test_fingerprint_does_not_change_the_object() -> None:
    obj = pattern()
    before = copy.deepcopy(obj)
    fingerprint(obj)
    assert obj == before and EXTENSION_ID in obj["extensions"]


def test_amber_strict_and_red_copies_of_two_submitters_never_merge() -> None:
    other_author = "identity--22222222-6a43-4f0e-8a8a-3a1e3c6b1f11"
    for level in (TLP.AMBER_STRICT, TLP.RED):
        mine = pattern(object_marking_refs=[TLP_MARKING_IDS[level]])
        theirs = pattern(object_marking_refs=[TLP_MARKING_IDS[level]], created_by_ref=other_author)
        assert fingerprint(mine) != fingerprint(theirs)
        assert sharing_scope(mine) != sharing_scope(theirs)
        assert fingerprint(mine) == fingerprint(copy.deepcopy(mine))
    # Shared levels: the author is provenance, not a boundary.
    assert fingerprint(pattern()) == fingerprint(pattern(created_by_ref=other_author))
    assert sharing_scope(pattern()) == sharing_scope(pattern(created_by_ref=other_author))
