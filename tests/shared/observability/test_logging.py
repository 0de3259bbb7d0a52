"""JSON log lines: one object a line, with service and trace id; FastStream kept quiet."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

import orjson
import pytest

from shared.observability.logging import FASTSTREAM_LOGGERS, configure_logging
from shared.observability.tracing import trace_context


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    loggers = [logging.getLogger(), *map(logging.getLogger, FASTSTREAM_LOGGERS)]
    saved = [(list(lg.handlers), list(lg.filters), lg.level, lg.propagate) for lg in loggers]
    stream = io.StringIO()
    configure_logging("test-service", logging.INFO, stream=stream)
    try:
        yield stream
    finally:  # leave the process's logging as the rest of the suite expects it
        for logger, (handlers, filters, level, propagate) in zip(loggers, saved, strict=True):
            logger.handlers[:] = handlers
            logger.filters[:] = filters
            logger.setLevel(level)
            logger.propagate = propagate


def parsed(stream: io.StringIO) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in stream.getvalue().splitlines()]


def test_each_line_is_a_json_object_with_the_fields(log_lines: io.StringIO) -> None:
    logger = logging.getLogger("crimefeed.test")
    logger.info("accepted %d objects", 3)
    logger.debug("not at INFO")
    (line,) = parsed(log_lines)
    assert line["message"] == "accepted 3 objects"
    assert line["level"] == "INFO"
    assert line["logger"] == "crimefeed.test"
    assert line["service"] == "test-service"
    assert line["time"].endswith("+00:00")
    assert "trace_id" not in line


def test_trace_id_from_the_context_and_from_extra(log_lines: io.StringIO) -> None:
    logger = logging.getLogger("crimefeed.test")
    with trace_context("trace-from-request"):
        logger.warning("rejected")
    logger.warning("dead-lettered", extra={"trace_id": "trace-from-record", "error_type": "DecodeError"})
    first, second = parsed(log_lines)
    assert first["trace_id"] == "trace-from-request"
    assert second["trace_id"] == "trace-from-record"
    assert second["error_type"] == "DecodeError"


def test_exceptions_carry_their_traceback(log_lines: io.StringIO) -> None:
    try:
        raise ValueError("broken bundle")
    except ValueError:
        logging.getLogger("crimefeed.test").exception("batch failed")
    (line,) = parsed(log_lines)
    assert "ValueError: broken bundle" in line["exception"]


def test_faststream_info_is_dropped_and_its_warnings_are_json(log_lines: io.StringIO) -> None:
    access = logging.getLogger("faststream.access.kafka")
    # FastStream resets the level when a broker starts; the filter must hold regardless.
    access.setLevel(logging.DEBUG)
    access.info("Consumer assigned to partitions: ...")
    access.warning("Kafka error occurred")
    (line,) = parsed(log_lines)
    assert line["logger"] == "faststream.access.kafka"
    assert line["message"] == "Kafka error occurred"
