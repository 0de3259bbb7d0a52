"""OpenSearch query DSL for the store: the TLP reading rules, filters and indexed documents.

Why "newer_*" (and "older_*") fields: search and trends work on the latest version *the viewer
may read*, and that differs between viewers (v2 may be RED while v1 is GREEN). Each version
document carries the access fields of every newer version of the same object, reduced to what
the reading rule looks at (the TLP levels readable by clearance alone, the owners of
AMBER+STRICT versions, the owners and recipients of RED ones). Then "latest readable" is one
query, exact for any viewer: readable(this version) AND NOT readable(any newer version). The
store keeps these fields right when versions arrive (in any order), so queries, totals, facets
and aggregations all run on the same latest-readable set. The older_* fields do the same for
TAXII's "first" version.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from shared.access import Viewer
from shared.models.report import TLP
from shared.stix.markings import tlp_rank
from shared.store.base import Filters
from shared.store.document import Document

# The SQLite store's timestamp parsing, so both backends read dates and versions alike.
from shared.store.sqlite_query import parse_timestamp, parse_timestamp_us

Query = dict[str, Any]
Side = Literal["newer", "older"]
NO_DATE = -(2**62)
"""``date_us`` of an object without a date: sorts before every real date (as in SQLite)."""

# Levels anyone with the clearance reads, without owner or recipient checks.
_OPEN_LEVELS = (TLP.CLEAR, TLP.GREEN, TLP.AMBER)
MATCH_NONE: Query = {"match_none": {}}
MATCH_ALL: Query = {"match_all": {}}

_FILTER_FIELDS = (
    ("types", "type"),
    ("categories", "categories"),
    ("tags", "tags"),
    ("techniques", "techniques"),
    ("countries", "countries"),
    ("regions", "regions"),
    ("sectors", "sectors"),
    ("clusters", "clusters"),
    ("tlps", "tlp"),
)
FACET_INDEX_FIELDS = {
    "type": "type",
    "category": "categories",
    "tag": "tags",
    "technique": "techniques",
    "country": "countries",
    "region": "regions",
    "sector": "sectors",
    "tlp": "tlp",
}


def version_key(version: str) -> int:
    """Microseconds since the epoch of a STIX timestamp, so versions order by time, not by text
    ("...00.5Z" sorts before "...00Z" as text). Unversioned objects ("") sort first. Versions of
    one instant order by their text, as in the SQLite store."""
    stamp = parse_timestamp(version) if version else None
    return stamp if stamp is not None else 0


def order_key(version: str) -> tuple[int, str]:
    return version_key(version), version


def document_body(doc: Document, added: int) -> dict[str, Any]:
    """The indexed form of one version; the newer_* fields start empty (see the module docstring)."""
    keys = doc.trend_keys
    return {
        "id": doc.id,
        "type": doc.type,
        "version": doc.version,
        "version_us": version_key(doc.version),
        "spec_version": doc.spec_version,
        "tlp": doc.tlp.value,
        "owner": doc.owner,
        "recipients": list(doc.recipients),
        "language": doc.language,
        "categories": list(doc.categories),
        "tags": list(doc.tags),
        "techniques": list(doc.techniques),
        "countries": list(doc.countries),
        "regions": list(doc.regions),
        "sectors": list(doc.sectors),
        "clusters": list(doc.clusters),
        "refs": list(doc.refs),
        "text": doc.text,
        "date": doc.date,
        "date_us": _date_us(doc.date),
        "added": added,
        "count": doc.count,
        "period_day": doc.periods.get("day"),
        "period_week": doc.periods.get("week"),
        "period_month": doc.periods.get("month"),
        "trend_category": list(keys.get("category", ())),
        "trend_mo": list(keys.get("mo", ())),
        "trend_country": list(keys.get("country", ())),
        "trend_region": list(keys.get("region", ())),
        "first_seen_mo": doc.first_seen_mo,
        "spike": doc.spike,
        **side_fields("newer", ()),
        **side_fields("older", ()),
        "obj": dict(doc.obj),
    }


def side_fields(side: Side, others: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The newer_* (or older_*) fields of a version, from the indexed bodies of the versions of
    its object that are newer (older) than it."""
    levels: set[str] = set()
    strict_owners: set[str] = set()
    red_readers: set[str] = set()
    has_newer = False
    for body in others:
        has_newer = True
        tlp, owner = body.get("tlp"), body.get("owner")
        if tlp in _OPEN_LEVELS:
            levels.add(str(tlp))
        elif tlp == TLP.AMBER_STRICT and owner:
            strict_owners.add(str(owner))
        elif tlp == TLP.RED:
            red_readers.update(f"p:{r}" for r in body.get("recipients") or ())
            if owner:
                red_readers.add(f"o:{owner}")
    return {
        f"has_{side}": has_newer,
        f"{side}_levels": sorted(levels),
        f"{side}_strict_owners": sorted(strict_owners),
        f"{side}_red_readers": sorted(red_readers),
    }


def _date_us(date: str | None) -> int:
    stamp = parse_timestamp(date) if date else None
    return stamp if stamp is not None else NO_DATE


def _open_levels(viewer: Viewer) -> list[str]:
    return [level.value for level in _OPEN_LEVELS if tlp_rank(level) <= tlp_rank(viewer.max_tlp)]


def _any_of(clauses: list[Query]) -> Query:
    if not clauses:
        return MATCH_NONE
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


def readable(viewer: Viewer) -> Query:
    """``shared.access.can_read`` over a version's own tlp/owner/recipients fields."""
    if viewer.is_admin:
        return MATCH_ALL
    clauses: list[Query] = []
    levels = _open_levels(viewer)
    if levels:
        clauses.append({"terms": {"tlp": levels}})
    if tlp_rank(viewer.max_tlp) >= tlp_rank(TLP.AMBER_STRICT):
        clauses.append(
            {
                "bool": {
                    "filter": [
                        {"term": {"tlp": TLP.AMBER_STRICT.value}},
                        {"term": {"owner": viewer.owner_id}},
                    ]
                }
            }
        )
    if viewer.max_tlp is TLP.RED:
        reader = _any_of([{"term": {"owner": viewer.owner_id}}, {"term": {"recipients": viewer.partner_id}}])
        clauses.append({"bool": {"filter": [{"term": {"tlp": TLP.RED.value}}, reader]}})
    return _any_of(clauses)


def _side_readable(viewer: Viewer, side: Side) -> Query:
    """Some newer (older) version of the same object is readable by ``viewer``: the rule of
    ``readable`` over the side fields."""
    clauses: list[Query] = []
    levels = _open_levels(viewer)
    if levels:
        clauses.append({"terms": {f"{side}_levels": levels}})
    if tlp_rank(viewer.max_tlp) >= tlp_rank(TLP.AMBER_STRICT):
        clauses.append({"term": {f"{side}_strict_owners": viewer.owner_id}})
    if viewer.max_tlp is TLP.RED:
        readers = [f"o:{viewer.owner_id}", f"p:{viewer.partner_id}"]
        clauses.append({"terms": {f"{side}_red_readers": readers}})
    return _any_of(clauses)


def _edge_readable(viewer: Viewer, side: Side) -> Query:
    if viewer.is_admin:
        return {"term": {f"has_{side}": False}}
    return {"bool": {"filter": [readable(viewer)], "must_not": [_side_readable(viewer, side)]}}


def latest_readable(viewer: Viewer) -> Query:
    """This version is readable and no newer version of its object is."""
    return _edge_readable(viewer, "newer")


def first_readable(viewer: Viewer) -> Query:
    """This version is readable and no older version of its object is (TAXII "first")."""
    return _edge_readable(viewer, "older")


def filter_clauses(filters: Filters) -> list[Query]:
    """Exact-match filters: OR within a field (terms), AND across fields."""
    clauses: list[Query] = []
    for attribute, field_name in _FILTER_FIELDS:
        values: Sequence[str] = getattr(filters, attribute)
        if attribute == "countries":
            values = [value.upper() for value in values]
        if values:
            clauses.append({"terms": {field_name: [str(value) for value in values]}})
    date_range: dict[str, int] = {}
    if filters.date_from is not None:
        date_range["gte"] = parse_timestamp_us(filters.date_from, "date_from")
    if filters.date_to is not None:
        date_range["lt"] = parse_timestamp_us(filters.date_to, "date_to")
    if date_range:
        clauses.append({"range": {"date_us": date_range}})
    return clauses


def all_of(clauses: Iterable[Query]) -> Query:
    return {"bool": {"filter": list(clauses)}}
