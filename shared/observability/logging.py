"""Structured logs: one JSON object a line, with the service and, when known, the trace id.

`configure_logging(service, level)` once per process. A line carries `time`, `level`, `logger`,
`message`, `service`, `trace_id` (from `extra={"trace_id": ...}` or the current trace context),
any other `extra` fields, and `exception` with the traceback when there is one.
"""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

import orjson

from shared.observability.tracing import current_trace_id

# FastStream's own loggers write lifecycle lines (partition assignments, callbacks) at INFO to
# stdout with their own handler; they clutter `crimefeed up`, so only their warnings get through.
FASTSTREAM_LOGGERS = ("faststream", "faststream.access", "faststream.access.kafka")
# The Kafka client chats at INFO about every (re)connection and rebalance.
NOISY_LOGGERS = ("aiokafka", "kafka")

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "service": self.service,
        }
        trace_id = getattr(record, "trace_id", None) or current_trace_id()
        if trace_id:
            line["trace_id"] = trace_id
        for name, value in vars(record).items():
            if name not in _STANDARD_ATTRIBUTES and name not in line:
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(line, default=str).decode()


class MinimumLevel(logging.Filter):
    """Drops records below a level, whatever level the logger's owner sets later."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= self.level


def configure_logging(service: str, level: int | str = logging.INFO, stream: TextIO | None = None) -> None:
    """JSON lines on `stream` (stderr by default: stdout belongs to the CLI's output, e.g. the
    key `partners add` prints) for the whole process."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in FASTSTREAM_LOGGERS:
        quiet_faststream_logger(logging.getLogger(name), handler)


def quiet_faststream_logger(logger: logging.Logger, handler: logging.Handler) -> None:
    # FastStream resets the level and adds a handler when a broker starts, so a filter (which
    # it leaves alone) holds the line, and its warnings go out as JSON like everything else.
    for old_filter in [f for f in logger.filters if isinstance(f, MinimumLevel)]:
        logger.removeFilter(old_filter)
    logger.addFilter(MinimumLevel(logging.WARNING))
    logger.propagate = False
    for old_handler in list(logger.handlers):
        logger.removeHandler(old_handler)
    logger.addHandler(_ForwardToRoot(handler))


class _ForwardToRoot(logging.StreamHandler):  # type: ignore[type-arg]
    """Sends FastStream's records to our handler. A StreamHandler on stdout, because FastStream
    adds its own coloured stdout handler to a logger unless it finds one of those there."""

    def __init__(self, target: logging.Handler) -> None:
        super().__init__(sys.stdout)
        self.target = target

    def emit(self, record: logging.LogRecord) -> None:
        self.target.handle(record)
