"""Cursor encoding: round trip, garbage and cross-query cursors are refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.store.base import Filters, SearchQuery, StoreQueryError
from shared.store.cursor import decode_cursor, encode_cursor, query_hash

_SCALAR = st.one_of(
    st.text(), st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=False, allow_infinity=False), st.none()
)


@given(position=st.lists(_SCALAR, max_size=4), text=st.text(max_size=20))
def test_round_trip(position: list[object], text: str) -> None:
    query = SearchQuery(text=text)
    assert decode_cursor(query, encode_cursor(query, position)) == position


def test_cursor_is_urlsafe() -> None:
    cursor = encode_cursor(SearchQuery(text="ü?/+"), ["\u00ff\u00fe" * 10, 3])
    assert set(cursor) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_page_size_and_cursor_do_not_change_the_hash() -> None:
    first_page = SearchQuery(text="a", limit=5)
    assert query_hash(first_page) == query_hash(SearchQuery(text="a", limit=50, cursor="x"))


@pytest.mark.parametrize(
    "other",
    [
        SearchQuery(text="b"),
        SearchQuery(text="a", sort="date"),
        SearchQuery(text="a", filters=Filters(types=("report",))),
        SearchQuery(text="a", facets=("type",)),
    ],
)
def test_cursor_of_another_query_is_refused(other: SearchQuery) -> None:
    cursor = encode_cursor(SearchQuery(text="a"), ["x", 1])
    with pytest.raises(StoreQueryError) as caught:
        decode_cursor(other, cursor)
    assert caught.value.parameter == "cursor"
    assert "another query" in caught.value.message


@pytest.mark.parametrize("garbage", ["", "!!!", "bm90IGpzb24", "e30", "WzFd", "eyJxIjoiYSIsInAiOlt7fV19"])
def test_garbage_is_refused(garbage: str) -> None:
    with pytest.raises(StoreQueryError) as caught:
        decode_cursor(SearchQuery(), garbage)
    assert caught.value.parameter == "cursor"
