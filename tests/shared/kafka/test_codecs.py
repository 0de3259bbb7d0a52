"""Message values are JSON; every message carries content type, schema version and a trace id."""

from __future__ import annotations

import re

import orjson
import pytest

from shared.kafka.codecs import (
    HEADER_CONTENT_TYPE,
    HEADER_SCHEMA_VERSION,
    HEADER_TRACE_ID,
    DecodeError,
    decode,
    decode_object,
    encode,
    message_headers,
    new_trace_id,
)
from shared.kafka.topics import CONTENT_TYPE, SCHEMA_VERSION

OBJECT = {"type": "indicator", "name": "Smishing «colis» محمد", "count": 3, "tags": ["a", None, 1.5]}


def test_encode_decode_round_trip_keeps_unicode_as_utf8() -> None:
    raw = encode(OBJECT)
    assert isinstance(raw, bytes)
    assert "محمد".encode() in raw
    assert decode(raw) == OBJECT
    assert decode_object(raw) == OBJECT


@pytest.mark.parametrize(
    "raw", [b"{not json", b"", b"\xff\xfe", b'{"a": 1', b"{'a': 1}", b"NaN", b'{"a": 1} trailing']
)
def test_non_json_is_a_decode_error_saying_so(raw: bytes) -> None:
    with pytest.raises(DecodeError, match=r"^value is not JSON: ") as caught:
        decode(raw)
    assert isinstance(caught.value, ValueError)
    assert caught.value.__cause__ is not None
    with pytest.raises(DecodeError, match=r"^value is not JSON: "):
        decode_object(raw)


@pytest.mark.parametrize(
    ("raw", "kind"), [(b"[1, 2]", "list"), (b'"text"', "str"), (b"42", "int"), (b"null", "NoneType")]
)
def test_json_that_is_not_an_object_is_a_decode_error_naming_the_type(raw: bytes, kind: str) -> None:
    assert decode(raw) == orjson.loads(raw)  # valid JSON, just not an object
    with pytest.raises(DecodeError) as caught:
        decode_object(raw)
    assert str(caught.value) == f"value is JSON {kind}, expected an object"


def test_headers_carry_content_type_schema_version_and_trace_id() -> None:
    trace_id = new_trace_id()
    headers = message_headers(trace_id)
    assert headers == {
        "content-type": "application/stix+json;version=2.1",
        "x-crimefeed-schema-version": "1",
        "x-crimefeed-trace-id": trace_id,
    }
    assert headers[HEADER_CONTENT_TYPE] == CONTENT_TYPE
    assert headers[HEADER_SCHEMA_VERSION] == SCHEMA_VERSION
    assert headers[HEADER_TRACE_ID] == trace_id


def test_trace_ids_are_fresh_hex() -> None:
    trace_ids = {new_trace_id() for _ in range(1000)}
    assert len(trace_ids) == 1000
    assert all(re.fullmatch(r"[0-9a-f]{32}", trace_id) for trace_id in trace_ids)
