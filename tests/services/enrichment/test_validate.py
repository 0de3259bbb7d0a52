from __future__ import annotations

import pytest

from services.enrichment.validate import InvalidBundle, bundle_objects, object_error, split_valid
from tests.support.enrichment import bundle_for, report


def test_producer_bundles_are_valid() -> None:
    _, bundle = bundle_for(report())
    valid, rejected = split_valid(bundle_objects(bundle))
    assert rejected == [] and len(valid) == len(bundle["objects"])


@pytest.mark.parametrize(
    "value",
    [
        [],
        {"type": "report"},
        {"type": "bundle", "id": "nope"},
        {"type": "bundle", "id": "bundle--1", "objects": []},
        {"type": "bundle", "id": "bundle--6b9d9a5e-1c0e-4f4e-9f55-2b1f6d8b1a01", "objects": {}},
    ],
)
def test_not_a_bundle(value: object) -> None:
    with pytest.raises(InvalidBundle):
        bundle_objects(value)


def test_bad_objects_are_named() -> None:
    _, bundle = bundle_for(report())
    good = next(o for o in bundle["objects"] if o["type"] == "attack-pattern")
    cases = {
        "type": {**good, "type": "Attack_Pattern"},
        "id": {**good, "id": "attack-pattern--xyz"},
        "spec_version": {**good, "spec_version": "2.0"},
        "modified": {**good, "modified": "yesterday"},
        "'name'": {k: v for k, v in good.items() if k != "name"},
        "created_by_ref": {**good, "created_by_ref": "someone"},
        "before created": {**good, "modified": "2000-01-01T00:00:00.000Z"},
    }
    for expected, obj in cases.items():
        error = object_error(obj)
        assert error is not None and expected in error, (expected, error)
    assert object_error("text") == "object is JSON str, expected an object"
