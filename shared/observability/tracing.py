"""Trace ids: one per submission, from the HTTP request through every Kafka stage.

The producers take the caller's id (`X-Trace-Id`, or the trace id of a W3C `traceparent`) or
make one, answer it in `X-Trace-Id`, and publish it in the `x-crimefeed-trace-id` header;
enrichment copies that header onto each output and dead-letter record. Inside one request the
id lives in a context variable, so every log line of the request carries it.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar

from shared.kafka.codecs import HEADER_TRACE_ID

TRACE_ID_HEADER = "x-trace-id"
TRACEPARENT_HEADER = "traceparent"

# Ids we accept from callers: short, and safe to put in a header, a log line and a Kafka header.
_TRACE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# W3C Trace Context: version-traceid-parentid-flags, all lower-case hex; an all-zero id is invalid.
_TRACEPARENT = re.compile(r"([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})")

_current: ContextVar[str | None] = ContextVar("crimefeed_trace_id", default=None)


class InvalidTraceId(ValueError):
    """The caller's X-Trace-Id cannot be used (the message says why)."""


def current_trace_id() -> str | None:
    return _current.get()


@contextlib.contextmanager
def trace_context(trace_id: str | None) -> Iterator[None]:
    """Make `trace_id` the current one for the code inside (and the log lines it writes)."""
    token = _current.set(trace_id)
    try:
        yield
    finally:
        _current.reset(token)


def parse_traceparent(value: str) -> str | None:
    """The trace id of a W3C traceparent, or None when it is malformed (the spec says to ignore
    a bad traceparent and start a new trace, not to fail the request)."""
    match = _TRACEPARENT.fullmatch(value.strip())
    if match is None or match.group(1) == "ff" or set(match.group(2)) == {"0"}:
        return None
    return match.group(2)


def trace_id_from_headers(headers: Mapping[str, str]) -> str | None:
    """The caller's trace id: X-Trace-Id first, then traceparent; None if neither is given.

    Raises InvalidTraceId for an X-Trace-Id we cannot carry: it is our own header, so a bad one
    is the caller's mistake and deserves a clear 400 rather than a silently different id.
    """
    given = headers.get(TRACE_ID_HEADER)
    if given is not None:
        if not _TRACE_ID.fullmatch(given):
            raise InvalidTraceId("X-Trace-Id must be 1 to 64 characters of letters, digits, '.', '_' or '-'")
        return given
    traceparent = headers.get(TRACEPARENT_HEADER)
    return parse_traceparent(traceparent) if traceparent is not None else None


def record_trace_id(headers: Iterable[tuple[str, bytes]] | None) -> str | None:
    """The trace id a Kafka record carries in its `x-crimefeed-trace-id` header, if any."""
    for name, value in headers or ():
        if name == HEADER_TRACE_ID:
            return bytes(value).decode("utf-8", "replace")
    return None
