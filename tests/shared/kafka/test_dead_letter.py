from __future__ import annotations

from datetime import datetime

from shared.kafka.codecs import HEADER_TRACE_ID
from shared.kafka.dead_letter import (
    HEADER_ERROR,
    HEADER_ERROR_TYPE,
    HEADER_FAILED_AT,
    HEADER_SOURCE_OFFSET,
    HEADER_SOURCE_PARTITION,
    HEADER_SOURCE_TOPIC,
    MAX_REASON_CHARS,
    dead_letter_headers,
)


def test_headers_say_why_and_where_from() -> None:
    headers = dead_letter_headers(ValueError("modified: out of range"), "in.v1", 2, 17, "trace-1")
    assert headers[HEADER_ERROR] == "modified: out of range"
    assert headers[HEADER_ERROR_TYPE] == "ValueError"
    assert (headers[HEADER_SOURCE_TOPIC], headers[HEADER_SOURCE_PARTITION]) == ("in.v1", "2")
    assert headers[HEADER_SOURCE_OFFSET] == "17"
    assert headers[HEADER_TRACE_ID] == "trace-1"
    assert datetime.fromisoformat(headers[HEADER_FAILED_AT]).tzinfo is not None


def test_an_error_without_message_is_named_by_its_type_and_long_reasons_are_cut() -> None:
    assert dead_letter_headers(OverflowError(), "t", 0, 0, None)[HEADER_ERROR] == "OverflowError"
    assert HEADER_TRACE_ID not in dead_letter_headers(OverflowError(), "t", 0, 0, None)
    long = dead_letter_headers(ValueError("x" * 5000), "t", 0, 0, None)[HEADER_ERROR]
    assert len(long) == MAX_REASON_CHARS
