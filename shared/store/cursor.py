"""Opaque, stateless paging cursors shared by every store backend.

A cursor is urlsafe base64 (unpadded) of compact JSON: ``{"q": <query hash>, "p": [sort values]}``.
``p`` is the sort position of the last hit served (e.g. the sort key then the id), so the next
page starts strictly after it: nothing is kept on the server, and a cursor works after a restart
and on any replica. ``q`` is a short hash of the query the cursor belongs to, so a cursor reused
with another query (other text, filters, sort or facets) is refused instead of silently skipping
or repeating results. The page size is not part of the hash: a client may change it between pages.

No signature: a forged cursor can only move the starting position of a query the caller is
allowed to run, because the access check is always part of the query itself, never of the cursor.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
from collections.abc import Sequence
from typing import Any

import orjson

from shared.store.base import StoreQueryError

Position = list[Any]
"""Sort values of the last hit served: JSON scalars (str, int, float, None)."""

_PAGING_FIELDS = frozenset({"cursor", "limit"})
_SCALARS = (str, int, float, type(None))


def query_hash(query: Any) -> str:
    """A short, stable hash of a query (a dataclass such as SearchQuery), paging fields excluded."""
    if dataclasses.is_dataclass(query) and not isinstance(query, type):
        fields = {
            f.name: getattr(query, f.name) for f in dataclasses.fields(query) if f.name not in _PAGING_FIELDS
        }
        payload: Any = {"kind": type(query).__name__, "fields": _plain(fields)}
    else:
        payload = _plain(query)
    canonical = orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)
    return hashlib.blake2b(canonical, digest_size=8).hexdigest()


def encode_cursor(query: Any, position: Sequence[Any]) -> str:
    """The cursor that resumes ``query`` after ``position``."""
    body = orjson.dumps({"q": query_hash(query), "p": list(position)})
    return base64.urlsafe_b64encode(body).rstrip(b"=").decode("ascii")


def decode_cursor(query: Any, cursor: str) -> Position:
    """The position a cursor holds; StoreQueryError("cursor", ...) if it is garbage or was made
    for another query."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        body = orjson.loads(raw)
    except (binascii.Error, ValueError, orjson.JSONDecodeError) as error:
        raise StoreQueryError("cursor", "not a cursor this store issued") from error
    if not isinstance(body, dict) or not isinstance(body.get("p"), list) or "q" not in body:
        raise StoreQueryError("cursor", "not a cursor this store issued")
    position: Position = body["p"]
    if not all(isinstance(value, _SCALARS) for value in position):
        raise StoreQueryError("cursor", "not a cursor this store issued")
    if body["q"] != query_hash(query):
        raise StoreQueryError("cursor", "this cursor belongs to another query; start again without it")
    return position


def _plain(value: Any) -> Any:
    """JSON-able form of a query value (dataclasses, tuples, enums) for hashing."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        return str(value)  # StrEnum members hash as their value
    return value
