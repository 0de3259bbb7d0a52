"""The one STIX 2.1 validator, one table: what the producers' edge and enrichment both refuse."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.stix.validation import (
    InvalidBundle,
    PatternLimits,
    bundle_objects,
    is_timestamp,
    object_error,
    object_problems,
    pattern_shape,
    split_valid,
)
from tests.support.enrichment import bundle_for, report
from tests.support.partner_stix import IDENTITY, IDENTITY_ID, INDICATOR, INDICATOR_ID

LIMITS = PatternLimits(max_length=16_384, max_depth=16, max_terms=256)
VALID: list[dict[str, Any]] = [
    INDICATOR,
    IDENTITY,
    # SCOs carry no created/modified; spec_version is optional for them.
    {"type": "domain-name", "id": "domain-name--3c10e93f-798e-5a26-a0c1-08156efab7f5", "value": "x.example"},
    {"type": "phone-number", "id": "phone-number--0e7e1c7a-4c49-5d3e-9a1b-2f0a4b1c2d3e", "value": "+3161"},
    # Marking definitions are immutable: created, no modified.
    {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
        "created": "2017-01-20T00:00:00.000Z",
        "definition_type": "tlp",
        "definition": {"tlp": "green"},
    },
    # Other pattern languages are not ours to parse.
    {**INDICATOR, "pattern": "rule x { condition: true }", "pattern_type": "yara"},
    # Upper-case hex is a UUID too.
    {**INDICATOR, "id": INDICATOR_ID.upper().replace("INDICATOR", "indicator")},
]


def without(obj: dict[str, Any], name: str) -> dict[str, Any]:
    return {key: value for key, value in obj.items() if key != name}


# (object, what the first problem names): the one table both services are held to.
INVALID: list[tuple[Any, str]] = [
    ("text", "must be a JSON object"),
    (without(INDICATOR, "type"), "missing 'type'"),
    ({**INDICATOR, "type": "Attack_Pattern"}, "'type' is not a STIX type name"),
    ({**INDICATOR, "type": "a--b", "id": "a--b--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"}, "'type' is not"),
    ({**INDICATOR, "type": "bundle"}, "a bundle inside a bundle"),
    ({**INDICATOR, "id": "indicator--nope"}, "'id' must be indicator--<uuid>"),
    (
        {**INDICATOR, "id": "indicator--8e2e2d2b17d44cbf938f98ee46b3cd3f----"},
        "'id' must be indicator--<uuid>",
    ),
    ({**INDICATOR, "id": IDENTITY_ID}, "'id' must be indicator--<uuid>"),
    ({**INDICATOR, "spec_version": "2.0"}, "'spec_version' must be '2.1'"),
    (without(INDICATOR, "spec_version"), "'spec_version' must be '2.1'"),
    ({**VALID[2], "spec_version": "2.0"}, "'spec_version' must be '2.1'"),
    (without(INDICATOR, "created"), "'created' must be a UTC timestamp"),
    ({**INDICATOR, "created": "yesterday"}, "'created' must be a UTC timestamp"),
    ({**INDICATOR, "created": "2026-01-01T00:00:00+01:00"}, "'created' must be a UTC timestamp"),
    ({**INDICATOR, "created": "2026-13-45T25:61:61Z"}, "'created' must be a UTC timestamp"),
    ({**INDICATOR, "modified": 1767225600}, "'modified' must be a UTC timestamp"),
    ({**INDICATOR, "valid_until": "soon"}, "'valid_until' must be a UTC timestamp"),
    ({**INDICATOR, "modified": "2000-01-01T00:00:00.000Z"}, "'modified' is before 'created'"),
    (without(VALID[4], "created"), "'created' must be a UTC timestamp"),
    (without(INDICATOR, "valid_from"), "required property 'valid_from' is missing"),
    (without(VALID[1], "name"), "required property 'name' is missing"),
    ({**VALID[1], "type": "malware", "id": "malware--311b2d2d-f010-4473-83ec-1edf84858f4c"}, "'is_family'"),
    ({**INDICATOR, "created_by_ref": "someone"}, "'created_by_ref' must be a STIX identifier"),
    ({**INDICATOR, "object_marking_refs": "x"}, "'object_marking_refs' must be a list of STIX identifiers"),
    ({**INDICATOR, "extensions": []}, "'extensions' must be an object"),
]


@pytest.mark.parametrize("obj", VALID)
def test_valid_objects_pass(obj: dict[str, Any]) -> None:
    assert object_problems(obj, LIMITS) == []


@pytest.mark.parametrize(("obj", "problem"), INVALID)
def test_invalid_objects_are_refused_naming_the_property(obj: Any, problem: str) -> None:
    error = object_error(obj)
    assert error is not None and problem in error, (problem, error)


@pytest.mark.parametrize(("obj", "_"), INVALID)
def test_messages_never_quote_the_submitted_value(obj: Any, _: str) -> None:
    for problem in object_problems(obj, LIMITS):
        for value in ("yesterday", "someone", "Attack_Pattern", "nope", "1767225600", "soon"):
            assert value not in problem


def test_one_object_can_have_several_problems() -> None:
    problems = object_problems({**INDICATOR, "created": "x", "modified": "y", "pattern": "[nope"}, LIMITS)
    assert len(problems) == 3 and "invalid pattern" in problems[2]


def test_patterns_are_parsed_only_when_limits_are_given() -> None:
    broken = {**INDICATOR, "pattern": "[domain-name:value = 'x'"}
    assert object_problems(broken) == []
    assert object_problems(broken, LIMITS)[0].startswith("invalid pattern")
    missing = ["required property 'pattern' is missing"]
    assert object_problems(without(INDICATOR, "pattern"), LIMITS) == missing
    assert object_problems({**INDICATOR, "pattern": 5}, LIMITS) == ["'pattern' must be a string"]


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("(" * 500 + "[domain-name:value = 'x']" + ")" * 500, "deeper than the limit of 16"),
        (" OR ".join(f"[domain-name:value = 'd{i}.example']" for i in range(5000)), "longer than the limit"),
        (" OR ".join(f"[ipv4-addr:value = '10.0.0.{i % 250}']" for i in range(300)), "more comparisons"),
    ],
)
def test_oversized_patterns_are_refused_before_parsing(pattern: str, problem: str) -> None:
    [message] = object_problems({**INDICATOR, "pattern": pattern}, LIMITS)
    assert problem in message


def test_brackets_and_keywords_inside_quotes_do_not_count() -> None:
    assert pattern_shape("[file:name = '((( OR AND [[[']") == (1, 1)
    assert pattern_shape("[a:b = 'it\\'s (']  AND ([c:d = 'x'] OR [e:f = 'y'])") == (2, 3)
    assert pattern_shape("[domain-name:value = 'ORACLE.example'] ANDROID") == (1, 1)


@given(st.integers(min_value=0, max_value=400))
def test_pattern_depth_is_the_nesting_of_brackets(depth: int) -> None:
    assert pattern_shape("(" * depth + "[a:b = 'c']" + ")" * depth)[0] == depth + 1


def test_producer_bundles_are_valid() -> None:
    _, bundle = bundle_for(report())
    valid, rejected = split_valid(bundle_objects(bundle))
    assert rejected == [] and len(valid) == len(bundle["objects"])


def test_split_valid_keeps_the_index_and_reason_of_each_rejection() -> None:
    objects = [INDICATOR, "text", {**INDICATOR, "spec_version": "2.0"}]
    valid, rejected = split_valid(copy.deepcopy(objects))
    assert valid == [INDICATOR]
    assert [(r.index, r.reason) for r in rejected] == [
        (1, "must be a JSON object"),
        (2, "'spec_version' must be '2.1'"),
    ]


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


def test_pattern_errors_do_not_quote_the_pattern() -> None:
    """The parser quotes the text where it failed; that text may be a victim's name."""
    broken = {
        "type": "indicator",
        "spec_version": "2.1",
        "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
        "created": "2026-03-01T10:00:00.000Z",
        "modified": "2026-03-01T10:00:00.000Z",
        "pattern": "[file:name = 'a.pdf'] FOLLOWEDBY 'Jonathan Smithers'",
        "pattern_type": "stix",
        "valid_from": "2026-03-01T10:00:00.000Z",
    }
    problems = object_problems(broken, LIMITS)
    assert problems and all("Smithers" not in p and "FOLLOWEDBY" not in p for p in problems)
    assert problems[0].startswith("invalid pattern at line 1:")


def _strptime_accepts(value: str) -> bool:
    try:
        datetime.strptime(value[:19], "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return False
    return True


@given(
    st.tuples(
        *(st.integers(0, top) for top in (9999, 13, 32, 25, 61, 62)),
        st.sampled_from(["", ".5", ".123456"]),
    )
)
def test_timestamps_are_checked_as_strptime_checks_them(
    parts: tuple[int, int, int, int, int, int, str],
) -> None:
    """Dates and times out of range (month 13, 30 February, hour 24, second 60) are refused
    exactly where strptime refuses them."""
    year, month, day, hour, minute, second, fraction = parts
    value = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{fraction}Z"
    assert is_timestamp(value) is _strptime_accepts(value)
