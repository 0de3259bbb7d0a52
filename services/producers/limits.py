"""What a partner may send, checked at the edge before any costly work: sizes, nesting, numbers and
timestamps, so the CPU a submission costs is bounded and no value can upset a later stage
(docs/operations.md, "Intake limits"). Every refusal names the field and the limit (and the
setting that moves it), never the value."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from services.producers.errors import SubmissionRejected
from services.producers.settings import ProducersSettings
from shared.stix.validation import PatternLimits

_TIMESTAMP_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
VERSION_PROPERTIES = frozenset({"created", "modified"})
MAX_REPORTED = 20


@dataclass(frozen=True)
class IntakeLimits:
    max_body_bytes: int = 10 * 1024 * 1024
    max_bundle_objects: int = 10_000
    max_string_length: int = 100_000
    max_json_depth: int = 32
    max_number: float = 2.0**53
    timestamp_min: datetime = datetime(1970, 1, 1, tzinfo=UTC)
    timestamp_max_future: timedelta = timedelta(days=3650)
    version_max_future: timedelta = timedelta(days=1)
    max_message_bytes: int = 10_000_000
    pattern: PatternLimits = field(default_factory=lambda: PatternLimits(16_384, 16, 256))

    @classmethod
    def from_settings(cls, settings: ProducersSettings) -> IntakeLimits:
        return cls(
            max_body_bytes=settings.max_body_bytes,
            max_bundle_objects=settings.max_bundle_objects,
            max_string_length=settings.max_string_length,
            max_json_depth=settings.max_json_depth,
            max_number=settings.max_number,
            timestamp_min=settings.timestamp_min,
            timestamp_max_future=timedelta(days=settings.timestamp_max_future_days),
            version_max_future=timedelta(seconds=settings.version_max_future_seconds),
            max_message_bytes=settings.max_message_bytes,
            pattern=PatternLimits(
                max_length=settings.max_pattern_length,
                max_depth=settings.max_pattern_depth,
                max_terms=settings.max_pattern_terms,
            ),
        )


def check_object_count(objects: list[Any], limits: IntakeLimits) -> None:
    if len(objects) > limits.max_bundle_objects:
        raise SubmissionRejected(
            413,
            f"objects: {len(objects)} objects, over the limit of {limits.max_bundle_objects} "
            "a submission (CRIMEFEED_MAX_BUNDLE_OBJECTS)",
        )


def check_message_size(size: int, limits: IntakeLimits) -> None:
    if size > limits.max_message_bytes:
        raise SubmissionRejected(
            413,
            f"the anonymized submission is {size} bytes, over the limit of {limits.max_message_bytes} "
            "bytes a Kafka message (CRIMEFEED_MAX_MESSAGE_BYTES): send it in smaller bundles",
        )


def check_values(payload: Any, limits: IntakeLimits, now: Callable[[], datetime] | None = None) -> None:
    """Every value of a decoded JSON payload within the limits: nesting depth, string lengths,
    numbers, timestamps. Iterative, so no payload can exhaust the interpreter's stack."""
    problems: list[str] = []
    clock = (now or _utc_now)()
    latest = clock + limits.timestamp_max_future
    latest_version = clock + limits.version_max_future
    # (value, its container's path, its key or index, depth): a value's own path is written out
    # only for a container or a value with a problem, not for every string of the payload.
    stack: list[tuple[Any, str, str | int | None, int]] = [(payload, "", None, 1)]
    while stack and len(problems) < MAX_REPORTED:
        value, parent, key, depth = stack.pop()
        if depth > limits.max_json_depth:
            path = _path(parent, key)
            raise SubmissionRejected(
                422,
                f"{path or '(body)'}: JSON nested deeper than the limit of {limits.max_json_depth} "
                "levels (CRIMEFEED_MAX_JSON_DEPTH)",
            )
        if isinstance(value, dict):
            path = _path(parent, key)
            for name, item in value.items():
                if len(name) > limits.max_string_length:
                    problems.append(f"{path or '(body)'}: a property name is over the string limit")
                    continue
                stack.append((item, path, name, depth + 1))
        elif isinstance(value, list):
            path = _path(parent, key)
            stack.extend((item, path, index, depth + 1) for index, item in enumerate(value))
        elif isinstance(value, str):
            # Only a long string or one that starts like a timestamp can have a problem.
            if len(value) > limits.max_string_length or _TIMESTAMP_LIKE.match(value):
                path = _path(parent, key)
                problem = _string_problem(
                    value, path, limits, latest_version if _leaf(path) in VERSION_PROPERTIES else latest
                )
                if problem:
                    problems.append(f"{path}: {problem}")
        elif _is_number(value) and not (math.isfinite(value) and abs(value) <= limits.max_number):
            problems.append(
                f"{_path(parent, key)}: number outside ±{limits.max_number:.0f} (CRIMEFEED_MAX_NUMBER)"
            )
    if problems:
        raise SubmissionRejected(422, "values out of range", sorted(problems)[:MAX_REPORTED])


def _path(parent: str, key: str | int | None) -> str:
    """A value's path from its container's path and its key ("objects[3].name")."""
    if key is None:
        return parent
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def _string_problem(value: str, path: str, limits: IntakeLimits, latest: datetime) -> str | None:
    if len(value) > limits.max_string_length:
        return (
            f"string of {len(value)} characters, over the limit of {limits.max_string_length} "
            "(CRIMEFEED_MAX_STRING_LENGTH)"
        )
    if not _TIMESTAMP_LIKE.match(value):
        return None
    moment = _parse(value)
    if moment is None:
        return None  # not a timestamp after all; the STIX or report validation judges it
    if moment < limits.timestamp_min:
        return f"timestamp before {limits.timestamp_min:%Y-%m-%d} (CRIMEFEED_TIMESTAMP_MIN)"
    if moment > latest:
        setting = (
            "CRIMEFEED_VERSION_MAX_FUTURE_SECONDS"
            if _leaf(path) in VERSION_PROPERTIES
            else "CRIMEFEED_TIMESTAMP_MAX_FUTURE_DAYS"
        )
        return f"timestamp too far in the future ({setting})"
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _parse(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _leaf(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def _utc_now() -> datetime:
    return datetime.now(UTC)
