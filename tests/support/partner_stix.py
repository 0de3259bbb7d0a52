"""STIX objects as partners send them, for the intake's tests: valid ones to start from, and the
shapes hostile partners use (deep nesting, end-of-time versions)."""

from __future__ import annotations

import uuid
from typing import Any

import orjson

END_OF_TIME = "9999-12-31T23:59:59.999Z"
IDENTITY_ID = "identity--311b2d2d-f010-4473-83ec-1edf84858f4c"
INDICATOR_ID = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"
IDENTITY: dict[str, Any] = {
    "type": "identity",
    "spec_version": "2.1",
    "id": IDENTITY_ID,
    "created": "2026-01-01T00:00:00.000Z",
    "modified": "2026-01-01T00:00:00.000Z",
    "name": "Some CERT",
    "identity_class": "organization",
}
INDICATOR: dict[str, Any] = {
    "type": "indicator",
    "spec_version": "2.1",
    "id": INDICATOR_ID,
    "created_by_ref": IDENTITY_ID,
    "created": "2026-01-01T00:00:00Z",
    "modified": "2026-01-02T10:11:12.123456Z",
    "indicator_types": ["malicious-activity"],
    "pattern": "[domain-name:value = 'parcel-fee.example']",
    "pattern_type": "stix",
    "valid_from": "2026-01-01T00:00:00Z",
}


def attack_pattern(**changes: Any) -> dict[str, Any]:
    """A fresh attack-pattern (new id) with `changes` applied."""
    return {
        "type": "attack-pattern",
        "spec_version": "2.1",
        "id": f"attack-pattern--{uuid.uuid4()}",
        "created": "2026-03-01T10:00:00.000Z",
        "modified": "2026-03-01T10:00:00.000Z",
        "name": "Parcel fee smishing",
        **changes,
    }


def indicator(pattern: str) -> dict[str, Any]:
    """A fresh STIX-pattern indicator."""
    return {**INDICATOR, "id": f"indicator--{uuid.uuid4()}", "pattern": pattern}


def bundle(*objects: dict[str, Any]) -> dict[str, Any]:
    return {"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": list(objects)}


def with_nested(payload: dict[str, Any], depth: int) -> bytes:
    """`payload` as JSON with a property nested `depth` levels deep (deeper than orjson writes)."""
    head = orjson.dumps(payload)[:-1]
    return head + b',"x_nested":' + b'{"x_inner":' * depth + b'"deep"' + b"}" * depth + b"}"


def many_objects(count: int) -> list[dict[str, Any]]:
    """`count` minimal custom objects: a large bundle in few bytes."""
    return [{"type": "x-note", "id": f"x-note--{uuid.UUID(int=index)}"} for index in range(count)]
