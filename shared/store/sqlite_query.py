"""SQL fragments for the SQLite store: the access rule, "latest readable version", filters, FTS.

Every read is assembled from these pieces so that the access check is always inside the SQL
(``shared.access.can_read`` translated to a WHERE clause) and never a Python post-filter that a
count or facet could bypass.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from shared.access import Viewer
from shared.models.report import TLP
from shared.stix.markings import tlp_rank
from shared.store.base import Filters, StoreQueryError

# Multi-valued Document fields live in the ``terms`` table under these names.
TERM_FIELDS = {
    "category": "categories",
    "tag": "tags",
    "technique": "techniques",
    "country": "countries",
    "region": "regions",
    "sector": "sectors",
    "cluster": "clusters",
}
TREND_FIELD_PREFIX = "trend:"
_AMBER_STRICT = tlp_rank(TLP.AMBER_STRICT)
_RED = tlp_rank(TLP.RED)
# FTS5's unicode61 tokenizer keeps letters, numbers and private-use characters in tokens (marks
# are folded away with the diacritics) and splits on everything else. User text is split the same
# way: a term with no token character would become an empty phrase, which matches nothing.
_TOKEN_CATEGORIES = ("L", "N", "Co")


class Params:
    """Named SQL parameters, so fragments can be combined without counting positions."""

    def __init__(self, viewer: Viewer | None = None) -> None:
        self.values: dict[str, Any] = {}
        if viewer is not None:
            self.values.update(
                max_rank=tlp_rank(viewer.max_tlp), owner=viewer.owner_id, partner=f"|{viewer.partner_id}|"
            )

    def add(self, value: Any) -> str:
        name = f"p{len(self.values)}"
        self.values[name] = value
        return f":{name}"

    def add_all(self, values: Sequence[Any]) -> str:
        return ", ".join(self.add(value) for value in values)


def readable(alias: str, viewer: Viewer) -> str:
    """``can_read`` over the version row ``alias`` (params from ``Params(viewer)``)."""
    if viewer.is_admin:
        return "1"
    a = alias
    return (
        f"({a}.tlp_rank <= :max_rank AND ({a}.tlp_rank < {_AMBER_STRICT}"
        f" OR ({a}.tlp_rank = {_AMBER_STRICT} AND {a}.owner = :owner)"
        f" OR ({a}.tlp_rank = {_RED} AND ({a}.owner = :owner OR instr({a}.recipients, :partner) > 0))))"
    )


def newer(alias: str, other: str) -> str:
    """Whether version ``other`` is newer than ``alias`` of the same object."""
    o, a = other, alias
    return f"({o}.vkey > {a}.vkey OR ({o}.vkey = {a}.vkey AND {o}.version > {a}.version))"


def latest_readable(alias: str, viewer: Viewer) -> str:
    """``alias`` is the newest version of its object that the viewer may read.

    ``is_latest`` (kept at write time) answers for almost every row; the subquery runs only for
    superseded versions, through the (id, vkey) index, so this stays proportional to matches.
    """
    if viewer.is_admin:
        return f"{alias}.is_latest = 1"
    return (
        f"({readable(alias, viewer)} AND ({alias}.is_latest = 1 OR NOT EXISTS ("
        f"SELECT 1 FROM versions w WHERE w.id = {alias}.id AND {newer(alias, 'w')}"
        f" AND {readable('w', viewer)})))"
    )


def first_readable(alias: str, viewer: Viewer) -> str:
    """``alias`` is the oldest version of its object that the viewer may read."""
    return (
        f"({readable(alias, viewer)} AND NOT EXISTS (SELECT 1 FROM versions w WHERE w.id = {alias}.id"
        f" AND {newer('w', alias)} AND {readable('w', viewer)}))"
    )


def filters_sql(alias: str, filters: Filters, params: Params) -> list[str]:
    """WHERE conditions for exact-match filters: OR within a field, AND across fields."""
    conditions: list[str] = []
    if filters.types:
        conditions.append(f"{alias}.type IN ({params.add_all(filters.types)})")
    if filters.tlps:
        conditions.append(f"{alias}.tlp IN ({params.add_all([str(t) for t in filters.tlps])})")
    for facet, attribute in TERM_FIELDS.items():
        values: tuple[str, ...] = getattr(filters, attribute)
        if facet == "country":
            values = tuple(value.upper() for value in values)
        if values:
            conditions.append(
                f"{alias}.seq IN (SELECT seq FROM terms WHERE field = {params.add(facet)}"
                f" AND value IN ({params.add_all(values)}))"
            )
    if filters.date_from is not None:
        bound = parse_timestamp_us(filters.date_from, "date_from")
        conditions.append(f"{alias}.date_us >= {params.add(bound)}")
    if filters.date_to is not None:
        bound = parse_timestamp_us(filters.date_to, "date_to")
        conditions.append(f"{alias}.date_us < {params.add(bound)}")
    return conditions


def fts_query(text: str | None) -> str | None:
    """A safe FTS5 query for user text: every word quoted, all required; None for no words.

    Quoting makes FTS5 operators (AND, NEAR, *, ^, :, quotes, parentheses) plain words, so user
    input can never be a syntax error or a column filter.
    """
    if text is None:
        return None
    terms = _terms(text)
    if not terms:
        return None
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _is_token_char(char: str) -> bool:
    return unicodedata.category(char).startswith(_TOKEN_CATEGORIES)


def _terms(text: str) -> list[str]:
    spaced = "".join(
        char if _is_token_char(char) or unicodedata.category(char).startswith("M") else " " for char in text
    )
    return [term for term in spaced.split() if any(_is_token_char(char) for char in term)]


def parse_timestamp_us(value: str, parameter: str) -> int:
    """ISO 8601 to microseconds since the epoch (UTC if no offset); StoreQueryError if invalid."""
    moment = parse_timestamp(value)
    if moment is None:
        raise StoreQueryError(parameter, f"not an ISO 8601 timestamp: {value!r}")
    return moment


def parse_timestamp(value: str) -> int | None:
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    delta = moment - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
