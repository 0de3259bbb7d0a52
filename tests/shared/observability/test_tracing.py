"""Trace ids from HTTP headers and Kafka record headers."""

from __future__ import annotations

import pytest

from shared.kafka.codecs import HEADER_TRACE_ID
from shared.observability.tracing import (
    InvalidTraceId,
    current_trace_id,
    parse_traceparent,
    record_trace_id,
    trace_context,
    trace_id_from_headers,
)

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"


def test_x_trace_id_wins_over_traceparent() -> None:
    headers = {"x-trace-id": "caller-42", "traceparent": f"00-{TRACE}-00f067aa0ba902b7-01"}
    assert trace_id_from_headers(headers) == "caller-42"


def test_traceparent_gives_its_trace_id() -> None:
    assert trace_id_from_headers({"traceparent": f"00-{TRACE}-00f067aa0ba902b7-01"}) == TRACE


@pytest.mark.parametrize(
    "value",
    [
        "garbage",
        f"00-{TRACE}-00f067aa0ba902b7",  # no flags
        f"00-{'0' * 32}-00f067aa0ba902b7-01",  # all-zero trace id is invalid per W3C
        f"ff-{TRACE}-00f067aa0ba902b7-01",  # version ff is forbidden
        f"00-{TRACE.upper()}-00f067aa0ba902b7-01",  # upper-case hex is not the format
    ],
)
def test_a_malformed_traceparent_is_ignored(value: str) -> None:
    assert parse_traceparent(value) is None
    assert trace_id_from_headers({"traceparent": value}) is None


@pytest.mark.parametrize("value", ["", "has space", "x" * 65, "semi;colon", "ünïcode"])
def test_an_unusable_x_trace_id_is_refused_with_the_rule(value: str) -> None:
    with pytest.raises(InvalidTraceId, match="1 to 64 characters"):
        trace_id_from_headers({"x-trace-id": value})


def test_no_headers_no_trace_id() -> None:
    assert trace_id_from_headers({}) is None


def test_trace_context_sets_and_restores() -> None:
    assert current_trace_id() is None
    with trace_context("outer"):
        with trace_context("inner"):
            assert current_trace_id() == "inner"
        assert current_trace_id() == "outer"
    assert current_trace_id() is None


def test_record_trace_id_reads_the_kafka_header() -> None:
    headers = [("content-type", b"application/stix+json"), (HEADER_TRACE_ID, b"abc123")]
    assert record_trace_id(headers) == "abc123"
    assert record_trace_id([("content-type", b"x")]) is None
    assert record_trace_id(None) is None
