"""The edge's check of partner bundles: every rejection names the object (index and id); the rules
themselves are the one validator's (tests/shared/stix/test_validation.py)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from services.producers.bundle_check import MAX_REPORTED_ERRORS
from services.producers.bundle_check import check_bundle as check_with
from services.producers.errors import SubmissionRejected
from shared.stix.validation import PatternLimits, is_stix_id
from tests.support.partner_stix import IDENTITY, IDENTITY_ID, INDICATOR, INDICATOR_ID

GOOD: dict[str, Any] = {
    "type": "bundle",
    "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",
    "objects": [
        IDENTITY,
        INDICATOR,
        # SCOs and marking-definitions carry no created/modified.
        {
            "type": "domain-name",
            "id": "domain-name--3c10e93f-798e-5a26-a0c1-08156efab7f5",
            "value": "x.example",
        },
        {
            "type": "marking-definition",
            "spec_version": "2.1",
            "id": "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
            "created": "2017-01-20T00:00:00.000Z",
            "definition_type": "tlp",
            "definition": {"tlp": "green"},
        },
        # Other pattern languages are not ours to check.
        {
            "type": "indicator",
            "spec_version": "2.1",
            "id": "indicator--0f3c1c8b-1d2e-4b7a-9a0f-5b1c2d3e4f50",
            "created": "2026-01-01T00:00:00.000Z",
            "modified": "2026-01-01T00:00:00.000Z",
            "pattern": "rule x { condition: true }",
            "pattern_type": "yara",
            "valid_from": "2026-01-01T00:00:00Z",
        },
    ],
}


def check_bundle(bundle: Any) -> list[dict[str, Any]]:
    return check_with(bundle, PatternLimits(max_length=16_384, max_depth=16, max_terms=256))


def with_object(index: int, **changes: Any) -> dict[str, Any]:
    bundle = copy.deepcopy(GOOD)
    bundle["objects"][index].update(changes)
    return bundle


def rejection(bundle: Any) -> SubmissionRejected:
    with pytest.raises(SubmissionRejected) as caught:
        check_bundle(bundle)
    assert caught.value.status_code == 422
    return caught.value


def test_a_good_bundle_passes_and_its_objects_are_returned() -> None:
    bundle = copy.deepcopy(GOOD)
    assert check_bundle(bundle) == bundle["objects"]
    assert bundle == GOOD


def test_objects_of_2_0_era_tools_without_spec_version_are_taken_as_2_1() -> None:
    legacy = copy.deepcopy(GOOD)
    del legacy["objects"][0]["spec_version"]
    objects = check_bundle(legacy)
    assert objects[0]["spec_version"] == "2.1" and "spec_version" not in objects[2]


def test_an_sco_claiming_another_spec_version_is_refused() -> None:
    """Enrichment would dead-letter it: the edge and enrichment hold the same rules."""
    [line] = rejection(with_object(2, spec_version="2.0")).errors
    assert "'spec_version' must be '2.1'" in line


@pytest.mark.parametrize(
    ("bundle", "message"),
    [
        ([GOOD], "a STIX bundle must be a JSON object"),
        ("bundle", "a STIX bundle must be a JSON object"),
        ({**GOOD, "type": "report"}, "not a STIX bundle: 'type' must be 'bundle'"),
        ({**GOOD, "id": "bundle--nope"}, "bundle 'id' must look like bundle--<uuid>"),
        ({**GOOD, "id": INDICATOR_ID}, "bundle 'id' must look like bundle--<uuid>"),
        ({key: value for key, value in GOOD.items() if key != "id"}, "bundle 'id' must look like"),
        ({**GOOD, "objects": []}, "bundle 'objects' must be a non-empty list"),
        ({**GOOD, "objects": {"0": GOOD["objects"][0]}}, "bundle 'objects' must be a list"),
        ({key: value for key, value in GOOD.items() if key != "objects"}, "non-empty list"),
    ],
)
def test_bundle_level_problems(bundle: Any, message: str) -> None:
    error = rejection(bundle)
    assert message in error.message
    assert error.errors == []


@pytest.mark.parametrize(
    ("index", "changes", "problem"),
    [
        (1, {"id": "indicator--nope"}, "'id' must be indicator--<uuid>"),
        (1, {"id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3z"}, "'id' must be indicator--<uuid>"),
        (1, {"spec_version": "2.0"}, "'spec_version' must be '2.1'"),
        (1, {"created": "yesterday"}, "'created' must be a UTC timestamp"),
        (1, {"created": "2026-01-01T00:00:00+01:00"}, "'created' must be a UTC timestamp"),
        (1, {"modified": 1767225600}, "'modified' must be a UTC timestamp"),
        (1, {"pattern": "[domain-name:value = 'x'"}, "invalid pattern"),
        (1, {"pattern": None}, "required property 'pattern' is missing"),
        (0, {"type": "identity", "created": "2026-01-01"}, "'created' must be a UTC timestamp"),
    ],
)
def test_object_problems_name_the_index_and_the_id(index: int, changes: dict[str, Any], problem: str) -> None:
    bundle = with_object(index, **changes)
    error = rejection(bundle)
    assert error.message == "invalid STIX 2.1 objects in bundle"
    assert len(error.errors) == 1, error.errors
    [line] = error.errors
    stix_id = bundle["objects"][index]["id"]
    label = stix_id if is_stix_id(stix_id) else bundle["objects"][index]["type"]
    assert line.startswith(f"objects[{index}] ({label}): "), line
    assert problem in line


def test_an_id_of_another_type_is_refused() -> None:
    [line] = rejection(with_object(1, id=IDENTITY_ID)).errors
    assert line == f"objects[1] ({IDENTITY_ID}): 'id' must be indicator--<uuid>"


def test_a_malformed_id_is_never_echoed() -> None:
    [line] = rejection(with_object(1, id="Jane Doe's phone")).errors
    assert "Jane" not in line and line.startswith("objects[1] (indicator): ")


def test_an_object_without_id_is_named_by_index_and_type() -> None:
    bundle = copy.deepcopy(GOOD)
    del bundle["objects"][1]["id"]
    [line] = rejection(bundle).errors
    assert line == "objects[1] (indicator): 'id' must be indicator--<uuid>"


def test_non_objects_and_untyped_objects_are_named_by_index() -> None:
    bundle = copy.deepcopy(GOOD)
    bundle["objects"][1:3] = ["not an object", {"id": INDICATOR_ID}]
    assert rejection(bundle).errors == [
        "objects[1]: must be a JSON object",
        f"objects[2] ({INDICATOR_ID}): missing 'type'",
    ]


def test_every_bad_object_is_reported_in_order() -> None:
    bundle = copy.deepcopy(GOOD)
    bundle["objects"][0]["modified"] = "never"
    bundle["objects"][4]["spec_version"] = "2.0"
    errors = rejection(bundle).errors
    assert [line.split(":")[0] for line in errors] == [
        f"objects[0] ({IDENTITY_ID})",
        f"objects[4] ({GOOD['objects'][4]['id']})",
    ]


def test_one_object_can_have_several_problems() -> None:
    errors = rejection(with_object(1, created="x", modified="y", pattern="[nope")).errors
    assert len(errors) == 3
    assert all(line.startswith(f"objects[1] ({INDICATOR_ID}): ") for line in errors)


def test_the_error_list_is_capped() -> None:
    bad = {**GOOD["objects"][0], "created": "x", "modified": "y"}
    bundle = {
        **GOOD,
        "objects": [{**bad, "id": f"identity--{i:08d}-0000-4000-8000-000000000000"} for i in range(50)],
    }
    errors = rejection(bundle).errors
    assert len(errors) == MAX_REPORTED_ERRORS
    assert errors[0].startswith("objects[0] (identity--00000000-") and errors[-1].startswith("objects[9] (")


def test_impossible_timestamps_are_refused() -> None:
    """Month 13, day 45, 25:61:61 match the regex shape but are no timestamp."""
    [line, *_] = rejection(with_object(1, created="2026-13-45T25:61:61Z")).errors
    assert line.startswith(f"objects[1] ({INDICATOR_ID}): 'created'")


def test_ids_with_misplaced_hyphens_are_refused_and_not_echoed() -> None:
    """uuid.UUID() ignores hyphens, so 32 hex digits plus 4 trailing hyphens pass as a UUID."""
    bad_id = "indicator--8e2e2d2b17d44cbf938f98ee46b3cd3f----"
    [line] = rejection(with_object(1, id=bad_id)).errors
    assert line == "objects[1] (indicator): 'id' must be indicator--<uuid>"
