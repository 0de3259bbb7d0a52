"""The one STIX 2.1 validator: the producers' edge and enrichment judge objects by these rules.

The OASIS validator costs ~3.5 ms an object, too slow for the hot path, so this checks what makes
an object unusable: a dict with a well-formed type and id, spec_version 2.1, real timestamps,
well-formed references, the properties its type requires (rules in `data/validation.json`), and,
where asked, a STIX pattern that parses within size limits. Messages name the property, never
its value (a value may hold personal data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from stix2patterns.validator import run_validator

from shared.stix._data import load_json

_RULES = load_json("validation.json")
SCO_TYPES = frozenset(_RULES["sco_types"])
IMMUTABLE_TYPES = frozenset(_RULES["immutable_types"])
REQUIRED: dict[str, tuple[str, ...]] = {kind: tuple(names) for kind, names in _RULES["required"].items()}
BOOLEAN_PROPERTIES = frozenset(_RULES["boolean_properties"])
TIMESTAMP_PROPERTIES: tuple[str, ...] = tuple(_RULES["timestamp_properties"])

_TYPE = re.compile(r"^[a-z0-9](?:-?[a-z0-9])*$")
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_ID = re.compile(rf"^([a-z0-9](?:-?[a-z0-9])*)--{_UUID}$")
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$")
TIMESTAMP_EXAMPLE = "2026-01-01T00:00:00.000Z"


class InvalidBundle(ValueError):
    """The value is not a STIX 2.1 bundle at all (as opposed to a bundle with bad objects)."""


@dataclass(frozen=True, slots=True)
class Rejection:
    """An object of a bundle that failed validation, and why."""

    index: int
    object: Any
    reason: str


@dataclass(frozen=True, slots=True)
class PatternLimits:
    """Bounds on a STIX pattern checked before it is parsed: the parser's time and recursion
    grow with the pattern's length, nesting and number of comparisons."""

    max_length: int
    max_depth: int
    max_terms: int


def is_stix_id(value: Any, stix_type: str | None = None) -> bool:
    match = _ID.match(value) if isinstance(value, str) else None
    return match is not None and (stix_type is None or match.group(1) == stix_type)


def is_timestamp(value: Any) -> bool:
    """A STIX timestamp (UTC, `Z`) that is a real date and time (not month 13 or hour 25)."""
    if not isinstance(value, str) or not _TIMESTAMP.match(value):
        return False
    try:
        if value.isascii():
            # The fields sit where the pattern put them; the constructor checks the ranges as
            # strptime would, at a tenth of its cost (every object has two timestamps).
            datetime(
                int(value[0:4]),
                int(value[5:7]),
                int(value[8:10]),
                int(value[11:13]),
                int(value[14:16]),
                int(value[17:19]),
            )
        else:  # other Unicode digits: as strptime reads them
            datetime.strptime(value[:19], "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return False
    return True


def bundle_objects(value: Any) -> list[Any]:
    """The `objects` of a bundle; raises InvalidBundle when `value` is not a bundle."""
    if not isinstance(value, dict):
        raise InvalidBundle(f"a STIX bundle must be a JSON object, not JSON {type(value).__name__}")
    if value.get("type") != "bundle":
        raise InvalidBundle("not a STIX bundle: 'type' must be 'bundle'")
    if not is_stix_id(value.get("id"), "bundle"):
        raise InvalidBundle("bundle 'id' must look like bundle--<uuid>")
    objects = value.get("objects", [])
    if not isinstance(objects, list):
        raise InvalidBundle("bundle 'objects' must be a list")
    return objects


def object_problems(obj: Any, patterns: PatternLimits | None = None) -> list[str]:
    """Everything wrong with `obj` as a STIX 2.1 object ([] when valid). Patterns of STIX
    indicators are parsed only when `patterns` gives the limits to parse them within."""
    if not isinstance(obj, dict):
        return ["must be a JSON object"]
    stix_type = obj.get("type")
    if not isinstance(stix_type, str) or not stix_type:
        return ["missing 'type'"]
    if not _TYPE.match(stix_type) or not 3 <= len(stix_type) <= 250:
        return ["'type' is not a STIX type name (a-z, 0-9 and single hyphens, 3-250 characters)"]
    if stix_type == "bundle":
        return ["a bundle inside a bundle is not allowed"]
    problems: list[str] = []
    if not is_stix_id(obj.get("id"), stix_type):
        problems.append(f"'id' must be {stix_type}--<uuid>")
    problems.extend(_version_problems(obj, stix_type))
    problems.extend(_required_problems(obj, stix_type))
    problems.extend(_reference_problems(obj))
    if "extensions" in obj and not isinstance(obj["extensions"], dict):
        problems.append("'extensions' must be an object")
    if patterns is not None and stix_type == "indicator":
        problems.extend(pattern_problems(obj, patterns))
    return problems


def object_error(obj: Any) -> str | None:
    """The first reason `obj` is not a valid STIX 2.1 object, or None (patterns not parsed)."""
    problems = object_problems(obj)
    return problems[0] if problems else None


def split_valid(objects: list[Any]) -> tuple[list[dict[str, Any]], list[Rejection]]:
    """The valid objects of a bundle, and the rejected ones with their reasons."""
    valid: list[dict[str, Any]] = []
    rejected: list[Rejection] = []
    for index, obj in enumerate(objects):
        error = object_error(obj)
        if error is None:
            valid.append(obj)
        else:
            rejected.append(Rejection(index, obj, error))
    return valid, rejected


def _version_problems(obj: dict[str, Any], stix_type: str) -> list[str]:
    problems = []
    is_sco = stix_type in SCO_TYPES
    if ("spec_version" in obj or not is_sco) and obj.get("spec_version") != "2.1":
        problems.append("'spec_version' must be '2.1'")
    required = () if is_sco else ("created",) if stix_type in IMMUTABLE_TYPES else ("created", "modified")
    for name in TIMESTAMP_PROPERTIES:
        if (name in required or name in obj) and not is_timestamp(obj.get(name)):
            problems.append(f"'{name}' must be a UTC timestamp like {TIMESTAMP_EXAMPLE}")
    created, modified = obj.get("created"), obj.get("modified")
    # Timestamps of one format compare as strings, fraction digits aside: only a clear inversion
    # (a different second) is refused.
    if (
        isinstance(created, str)
        and isinstance(modified, str)
        and is_timestamp(created)
        and is_timestamp(modified)
        and modified[:19] < created[:19]
    ):
        problems.append("'modified' is before 'created'")
    return problems


def _required_problems(obj: dict[str, Any], stix_type: str) -> list[str]:
    problems = []
    for name in REQUIRED.get(stix_type, ()):
        if name in TIMESTAMP_PROPERTIES:
            if name not in obj:
                problems.append(f"required property '{name}' is missing")
        elif name in BOOLEAN_PROPERTIES:
            if not isinstance(obj.get(name), bool):
                problems.append(f"required property '{name}' is missing or not a boolean")
        elif obj.get(name) in (None, "", []):
            problems.append(f"required property '{name}' is missing")
    return problems


def _reference_problems(obj: dict[str, Any]) -> list[str]:
    problems = []
    for name, value in obj.items():
        if name.endswith("_ref"):
            if not is_stix_id(value):
                problems.append(f"'{name}' must be a STIX identifier")
        elif name.endswith("_refs") and not (isinstance(value, list) and all(map(is_stix_id, value))):
            problems.append(f"'{name}' must be a list of STIX identifiers")
    return problems


def pattern_problems(indicator: dict[str, Any], limits: PatternLimits) -> list[str]:
    """Problems of a STIX-language pattern: over a limit (checked by a linear scan first), or not
    parsing. Other pattern languages (YARA, Sigma, ...) are not ours to check."""
    if indicator.get("pattern_type", "stix") != "stix":
        return []
    pattern = indicator.get("pattern")
    if not isinstance(pattern, str):
        # A missing pattern is a missing required property, reported as such.
        return [] if pattern is None else ["'pattern' must be a string"]
    if len(pattern) > limits.max_length:
        return [f"'pattern' is longer than the limit of {limits.max_length} characters"]
    depth, terms = pattern_shape(pattern)
    if depth > limits.max_depth:
        return [f"'pattern' nests brackets deeper than the limit of {limits.max_depth}"]
    if terms > limits.max_terms:
        return [f"'pattern' has more comparisons than the limit of {limits.max_terms}"]
    errors: list[str] = run_validator(pattern, stix_version="2.1")
    return [_pattern_error(error) for error in errors[:3]]


_PATTERN_ERROR_AT = re.compile(r"line \d+:\d+")


def _pattern_error(error: str) -> str:
    """The parser's message quotes the pattern's text where it failed, which may be a literal
    holding personal data: only the position is reported."""
    at = _PATTERN_ERROR_AT.search(error)
    where = f" at {at.group()}" if at else ""
    return f"invalid pattern{where}: 'pattern' does not parse as STIX 2.1 (the text there is not quoted)"


def pattern_shape(pattern: str) -> tuple[int, int]:
    """(deepest nesting of ( and [, number of comparisons) outside quoted strings, in one pass."""
    depth = deepest = 0
    terms = 1
    quoted = escaped = False
    for position, char in enumerate(pattern):
        if quoted:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == "'":
                quoted = False
        elif char == "'":
            quoted = True
        elif char in "([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]":
            depth -= 1
        elif char in "AO" and _is_keyword(pattern, position):
            terms += 1
    return deepest, terms


def _is_keyword(pattern: str, position: int) -> bool:
    """An AND or OR (which joins two comparisons) starts at `position`."""
    for word in ("AND", "OR"):
        end = position + len(word)
        if pattern.startswith(word, position) and (position == 0 or not pattern[position - 1].isalnum()):
            return end == len(pattern) or not pattern[end].isalnum()
    return False
