"""The searchable fields of one enriched STIX object version, the same for every backend."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from shared.access import effective_tlp, recipients_of
from shared.models.report import TLP
from shared.stix.extension import get_extension

# Properties whose text is searched; MO steps are attack-pattern descriptions, the narrative is
# the report's description.
TEXT_PROPERTIES = ("name", "description", "aliases", "labels", "x_mitre_aliases")
# Properties that point at other objects, for "related objects".
REF_PROPERTIES = ("source_ref", "target_ref", "sighting_of_ref", "created_by_ref")
REF_LIST_PROPERTIES = ("object_refs", "where_sighted_refs", "observed_data_refs")
_ATTACK_SOURCES = frozenset({"mitre-attack", "mitre-mobile-attack", "mitre-ics-attack"})


@dataclass(frozen=True)
class Document:
    """One object version as the store indexes it. ``obj`` is returned to readers unchanged."""

    id: str
    type: str
    version: str
    """``modified``, else ``created``, else "" (SCOs and other unversioned objects)."""
    spec_version: str
    tlp: TLP
    owner: str | None
    """``created_by_ref``: the submitting partner's pseudonym, for AMBER+STRICT and RED."""
    recipients: tuple[str, ...]
    text: str
    """Name, description and the other free text, joined, for full-text search."""
    language: str | None
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    techniques: tuple[str, ...]
    countries: tuple[str, ...]
    regions: tuple[str, ...]
    """UN M49 codes from ``un-m49:`` tags, and the region name where the object carries one."""
    sectors: tuple[str, ...]
    clusters: tuple[str, ...]
    """The MO cluster the object is in (enrichment's ``mo_cluster.canonical_ref``), if any."""
    date: str | None
    """The date range filters and sorts use: ``first_seen``, else ``valid_from``/``published``,
    else ``created`` (ISO 8601 UTC)."""
    refs: tuple[str, ...]
    """Ids of other objects this one points at."""
    trend: Mapping[str, Any] | None
    """Sightings only: week, mo, country, category, first_seen_mo, spike (from enrichment)."""
    count: int
    """Sightings only: how many times seen (STIX ``count``, default 1)."""
    obj: Mapping[str, Any] = field(repr=False)
    periods: Mapping[str, str] = field(default_factory=dict)
    """Sightings with a date only: the trend period per interval, in ``TrendBucket.period`` form:
    {"day": "2026-11-02", "week": "2026-W45", "month": "2026-11"}. Both backends bucket by these
    strings, so they agree on ISO weeks and time zones."""
    trend_keys: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Sightings only: the trend group values per ``TrendGroup`` (category, mo, country, region).
    enrichment's ``trend`` block wins; without it the object's own fields stand in."""
    first_seen_mo: bool = False
    spike: bool = False


def version_of(obj: Mapping[str, Any]) -> str:
    value = obj.get("modified") or obj.get("created") or ""
    return str(value)


def to_document(obj: Mapping[str, Any]) -> Document:
    """The document for one object. Raises ValueError for an object without type or id."""
    stix_type, stix_id = obj.get("type"), obj.get("id")
    if not isinstance(stix_type, str) or not isinstance(stix_id, str):
        raise ValueError("a STIX object needs a string 'type' and 'id'")
    ext = get_extension(obj)
    tags = _strings(ext.get("tags"))
    owner = obj.get("created_by_ref")
    trend = ext.get("trend") if stix_type == "sighting" else None
    return Document(
        id=stix_id,
        type=stix_type,
        version=version_of(obj),
        spec_version=str(obj.get("spec_version", "2.1")),
        tlp=effective_tlp(obj),
        owner=owner if isinstance(owner, str) else None,
        recipients=recipients_of(obj),
        text=_text(obj),
        language=_optional_str(ext.get("language") or obj.get("lang")),
        categories=_categories(ext),
        tags=tags,
        techniques=_techniques(obj, tags),
        countries=_upper(_strings(ext.get("country")) + _strings(obj.get("country"))),
        regions=_unique(
            [tag.removeprefix("un-m49:") for tag in tags if tag.startswith("un-m49:")]
            + list(_strings(ext.get("region")) + _strings(obj.get("region")))
        ),
        sectors=_unique(list(_strings(ext.get("sectors")) + _strings(obj.get("sectors")))),
        clusters=_clusters(ext),
        date=_date(obj, ext),
        refs=_refs(obj),
        trend=trend if isinstance(trend, dict) else None,
        count=_count(obj),
        obj=obj,
        **_trend_fields(stix_type, obj, ext, trend if isinstance(trend, dict) else None),
    )


def _trend_fields(
    stix_type: str, obj: Mapping[str, Any], ext: Mapping[str, Any], trend: Mapping[str, Any] | None
) -> dict[str, Any]:
    if stix_type != "sighting":
        return {}
    trend = trend or {}
    tags = _strings(ext.get("tags"))
    categories = _strings(trend.get("category")) or _categories(ext)
    mo = _strings(trend.get("mo")) or _strings(obj.get("sighting_of_ref"))
    countries = _upper(_strings(trend.get("country")) or _strings(ext.get("country")))
    regions = _unique(tag.removeprefix("un-m49:") for tag in tags if tag.startswith("un-m49:"))
    return {
        "periods": _periods(_date(obj, ext), _optional_str(trend.get("week"))),
        "trend_keys": {
            "category": _unique(categories),
            "mo": _unique(mo),
            "country": countries,
            "region": regions,
        },
        "first_seen_mo": trend.get("first_seen_mo") is True,
        "spike": trend.get("spike") is True,
    }


def _periods(date: str | None, week: str | None) -> dict[str, str]:
    """Day, ISO week and month of a sighting's date (UTC); enrichment's week wins if present."""
    if date is None:
        return {}
    try:
        moment = datetime.fromisoformat(date.replace("Z", "+00:00"))
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC)
    except (ValueError, OverflowError):  # an offset can push year 1 or 9999 out of range
        return {}
    iso = moment.isocalendar()
    return {
        "day": moment.strftime("%Y-%m-%d"),
        "week": week or f"{iso.year}-W{iso.week:02d}",
        "month": moment.strftime("%Y-%m"),
    }


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(item for item in value if isinstance(item, str))
    return ()


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(values)))


def _upper(values: Iterable[str]) -> tuple[str, ...]:
    return _unique(value.upper() for value in values)


def _optional_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _text(obj: Mapping[str, Any]) -> str:
    parts: list[str] = []
    for name in TEXT_PROPERTIES:
        parts.extend(_strings(obj.get(name)))
    for step in obj.get("kill_chain_phases", []) or []:
        if isinstance(step, dict):
            parts.extend(_strings(step.get("phase_name")))
    return "\n".join(parts)


def _categories(ext: Mapping[str, Any]) -> tuple[str, ...]:
    values = list(_strings(ext.get("crime_category")))
    trend = ext.get("trend")
    if isinstance(trend, dict):
        values.extend(_strings(trend.get("category")))
    return _unique(values)


def _clusters(ext: Mapping[str, Any]) -> tuple[str, ...]:
    cluster = ext.get("mo_cluster")
    return _strings(cluster.get("canonical_ref")) if isinstance(cluster, dict) else ()


def _techniques(obj: Mapping[str, Any], tags: tuple[str, ...]) -> tuple[str, ...]:
    found = [tag.removeprefix("mitre-attack:") for tag in tags if tag.startswith("mitre-attack:")]
    for reference in obj.get("external_references", []) or []:
        if isinstance(reference, dict) and reference.get("source_name") in _ATTACK_SOURCES:
            found.extend(_strings(reference.get("external_id")))
    return _unique(found)


def _date(obj: Mapping[str, Any], ext: Mapping[str, Any]) -> str | None:
    for value in (
        obj.get("first_seen"),
        ext.get("first_seen"),
        obj.get("valid_from"),
        obj.get("published"),
        obj.get("created"),
    ):
        if isinstance(value, str) and value:
            return value
    return None


def _refs(obj: Mapping[str, Any]) -> tuple[str, ...]:
    refs: list[str] = []
    for name in REF_PROPERTIES:
        refs.extend(_strings(obj.get(name)))
    for name in REF_LIST_PROPERTIES:
        refs.extend(_strings(obj.get(name)))
    return _unique(refs)


def _count(obj: Mapping[str, Any]) -> int:
    value = obj.get("count", 1)
    return value if isinstance(value, int) and value >= 0 else 1
