"""JSON codecs and the headers every crimefeed Kafka message carries."""

from __future__ import annotations

import uuid
from typing import Any

import orjson

from shared.kafka.topics import CONTENT_TYPE, SCHEMA_VERSION

HEADER_CONTENT_TYPE = "content-type"
HEADER_SCHEMA_VERSION = "x-crimefeed-schema-version"
HEADER_TRACE_ID = "x-crimefeed-trace-id"


class DecodeError(ValueError):
    """A message value is not the JSON it should be."""


def encode(value: Any) -> bytes:
    return orjson.dumps(value)


def decode(raw: bytes) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise DecodeError(f"value is not JSON: {error}") from error


def decode_object(raw: bytes) -> dict[str, Any]:
    value = decode(raw)
    if not isinstance(value, dict):
        raise DecodeError(f"value is JSON {type(value).__name__}, expected an object")
    return value


def new_trace_id() -> str:
    return uuid.uuid4().hex


def message_headers(trace_id: str) -> dict[str, str]:
    return {
        HEADER_CONTENT_TYPE: CONTENT_TYPE,
        HEADER_SCHEMA_VERSION: SCHEMA_VERSION,
        HEADER_TRACE_ID: trace_id,
    }
