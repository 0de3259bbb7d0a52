"""Intake limits: what a hostile or careless partner sends is refused at the edge with a 4xx whose
JSON names the field and the limit, before any costly work, and nothing of it reaches Kafka.
Against a real producers server (uvicorn) on the real broker, with the default limits."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.producers.errors import SubmissionRejected
from services.producers.limits import IntakeLimits, check_values
from tests.support.kafka import consume
from tests.support.partner_stix import (
    END_OF_TIME,
    attack_pattern,
    bundle,
    indicator,
    with_nested,
)
from tests.support.producers_server import REPORT, ProducersServer, running_producers

LIMITS = IntakeLimits()


@pytest.fixture
async def intake(kafka_bootstrap: str, tmp_path: Path) -> AsyncIterator[ProducersServer]:
    async with running_producers(kafka_bootstrap, tmp_path) as server:
        yield server


def nested(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = {"x_inner": value}
    return value


async def post(server: ProducersServer, path: str, payload: Any) -> tuple[int, dict[str, Any]]:
    body = payload if isinstance(payload, bytes) else orjson.dumps(payload)
    async with server.client() as client:
        response = await client.post(path, content=body, headers={"Content-Type": "application/json"})
    assert response.headers["content-type"].startswith("application/json"), response.text
    return response.status_code, response.json()


def said(answer: dict[str, Any]) -> str:
    return " ".join([answer["detail"], *answer.get("errors", [])])


@pytest.mark.parametrize("depth", [400, 900])
async def test_deeply_nested_json_is_a_422_naming_the_depth_limit(
    intake: ProducersServer, depth: int
) -> None:
    status, answer = await post(intake, "/api/v1/bundles", with_nested(bundle(attack_pattern()), depth))
    assert status == 422 and "CRIMEFEED_MAX_JSON_DEPTH" in said(answer), answer
    status, answer = await post(intake, "/api/v1/reports", with_nested(REPORT, depth))
    assert status == 422 and "CRIMEFEED_MAX_JSON_DEPTH" in said(answer), answer


async def test_json_nested_beyond_the_parser_is_a_400(intake: ProducersServer) -> None:
    body = b'{"a":' * 2000 + b"1" + b"}" * 2000
    async with intake.client() as client:
        response = await client.post(
            "/api/v1/bundles", content=body, headers={"Content-Type": "application/json"}
        )
    assert response.status_code == 400 and "malformed JSON" in response.json()["detail"]


async def test_a_version_at_the_end_of_time_is_refused_naming_the_field(intake: ProducersServer) -> None:
    status, answer = await post(intake, "/api/v1/bundles", bundle(attack_pattern(modified=END_OF_TIME)))
    assert status == 422
    [error] = answer["errors"]
    assert error.startswith("objects[0].modified: timestamp too far in the future")
    assert END_OF_TIME not in said(answer)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"first_seen": "9999-12-31T23:59:59Z"}, "first_seen"),
        ({"last_seen": "0001-01-01T00:00:00Z"}, "last_seen"),
        ({"victims": {"count": 1e300}}, "victims.count"),
        ({"victims": {"count": 3, "losses": {"amount": 1e300, "currency": "EUR"}}}, "victims.losses.amount"),
    ],
)
async def test_report_values_out_of_range_are_refused_naming_the_field(
    intake: ProducersServer, changes: dict[str, Any], field: str
) -> None:
    payload = {key: value for key, value in {**REPORT, **changes}.items() if key != "recipients"}
    status, answer = await post(intake, "/api/v1/reports", payload)
    assert status == 422, answer
    assert any(error.startswith(f"{field}: ") for error in answer["errors"]), answer


async def test_numbers_and_strings_over_the_limits_are_refused(intake: ProducersServer) -> None:
    huge = attack_pattern(x_count=1e20, description="a" * (LIMITS.max_string_length + 1))
    status, answer = await post(intake, "/api/v1/bundles", bundle(huge))
    assert status == 422
    assert sorted(error.split(":")[0] for error in answer["errors"]) == [
        "objects[0].description",
        "objects[0].x_count",
    ]
    assert "CRIMEFEED_MAX_STRING_LENGTH" in said(answer) and "CRIMEFEED_MAX_NUMBER" in said(answer)


@pytest.mark.parametrize(
    ("pattern", "limit"),
    [
        ("(" * 500 + "[domain-name:value = 'x.example']" + ")" * 500, "nests brackets deeper"),
        (" OR ".join(f"[domain-name:value = 'd{i}.example']" for i in range(2000)), "longer than the limit"),
        (" OR ".join(f"[ipv4-addr:value = '10.0.{i // 250}.{i % 250}']" for i in range(400)), "comparisons"),
    ],
)
async def test_oversized_patterns_are_a_422_not_a_500(
    intake: ProducersServer, pattern: str, limit: str
) -> None:
    status, answer = await post(intake, "/api/v1/bundles", bundle(indicator(pattern)))
    assert status == 422 and limit in said(answer), answer


async def test_a_bundle_of_100000_objects_is_refused_before_any_work_and_never_published(
    intake: ProducersServer,
) -> None:
    tiny = [{"type": "x-note", "id": f"x-note--{uuid.UUID(int=i)}"} for i in range(100_000)]
    status, answer = await post(intake, "/api/v1/bundles", bundle(*tiny))
    assert status == 413, answer
    assert "CRIMEFEED_MAX_BUNDLE_OBJECTS" in answer["detail"]
    assert await consume(intake.bootstrap, intake.topics.submissions, expected=1, timeout=3) == []


async def test_a_submission_too_large_for_one_kafka_message_is_a_413(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    async with running_producers(kafka_bootstrap, tmp_path, max_message_bytes=20_000) as server:
        many = bundle(*(attack_pattern(description=f"Step {i} of the scheme.") for i in range(60)))
        status, answer = await post(server, "/api/v1/bundles", many)
        assert status == 413 and "CRIMEFEED_MAX_MESSAGE_BYTES" in answer["detail"]
        assert await consume(server.bootstrap, server.topics.submissions, expected=1, timeout=3) == []


@given(st.integers(min_value=LIMITS.max_json_depth + 1, max_value=3000))
def test_any_nesting_past_the_limit_is_refused_without_recursion(depth: int) -> None:
    with pytest.raises(SubmissionRejected) as caught:
        check_values(nested(depth), LIMITS)
    assert caught.value.status_code == 422


@given(st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2035, 1, 1)))
def test_timestamps_inside_the_window_pass(moment: datetime) -> None:
    stamp = moment.replace(tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    now = datetime(2026, 12, 1, tzinfo=UTC)
    check_values({"valid_until": stamp}, LIMITS, now=lambda: now)


def test_versions_ahead_of_the_clock_by_more_than_the_skew_are_refused() -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    ahead = (now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    check_values({"valid_until": ahead}, LIMITS, now=lambda: now)
    with pytest.raises(SubmissionRejected) as caught:
        check_values({"objects": [{"modified": ahead}]}, LIMITS, now=lambda: now)
    assert caught.value.errors == [
        "objects[0].modified: timestamp too far in the future (CRIMEFEED_VERSION_MAX_FUTURE_SECONDS)"
    ]
