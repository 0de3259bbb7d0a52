"""Query parameters of the REST API: parsing, normalizing, and errors that name the parameter.

Every list filter may be repeated (``?tlp=green&tlp=amber``) and/or comma-separated
(``?tlp=green,amber``); values are OR-ed within a parameter and AND-ed across parameters.
"""

# No `from __future__ import annotations`: FastAPI reads the dependency's annotations at run time.

import re
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Query

from shared.models.report import TLP
from shared.store.base import FACET_FIELDS, Filters

TLP_CHOICES = "clear, green, amber, amber+strict or red"
# In a query string '+' means a space, so "tlp=amber+strict" arrives as "amber strict".
_TLP_ALIASES = {"amber strict": TLP.AMBER_STRICT, "amber-strict": TLP.AMBER_STRICT, "white": TLP.CLEAR}
_STIX_TYPE = re.compile(r"^[a-z0-9][a-z0-9-]{0,248}[a-z0-9]$")
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_STIX_ID = re.compile(rf"^[a-z0-9][a-z0-9-]*--{_UUID}$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_MAX_VALUES = 100


class ParameterError(ValueError):
    """A query parameter the API cannot use (HTTP 400); names the parameter."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


def split_values(parameter: str, raw: list[str] | None) -> tuple[str, ...]:
    """Repeated and comma-separated values, stripped, blanks dropped, order kept, no duplicates."""
    values: list[str] = []
    for item in raw or ():
        for value in item.split(","):
            value = value.strip()
            if value and value not in values:
                values.append(value)
    if len(values) > _MAX_VALUES:
        raise ParameterError(parameter, f"at most {_MAX_VALUES} values, got {len(values)}")
    return tuple(values)


def parse_tlp(value: str) -> TLP:
    normalized = value.strip().lower()
    if normalized in _TLP_ALIASES:
        return _TLP_ALIASES[normalized]
    try:
        return TLP(normalized)
    except ValueError:
        raise ParameterError("tlp", f"unknown level {value!r}; use {TLP_CHOICES}") from None


def parse_types(raw: list[str] | None) -> tuple[str, ...]:
    values = split_values("type", raw)
    for value in values:
        if not _STIX_TYPE.match(value):
            raise ParameterError(
                "type", f"{value!r} is not a STIX type name (lowercase letters, digits and '-')"
            )
    return values


def parse_countries(raw: list[str] | None) -> tuple[str, ...]:
    values = split_values("country", raw)
    for value in values:
        if not _COUNTRY.match(value):
            raise ParameterError("country", f"{value!r} is not an ISO 3166-1 alpha-2 code such as NL")
    return tuple(value.upper() for value in values)


def parse_clusters(raw: list[str] | None) -> tuple[str, ...]:
    values = split_values("cluster", raw)
    for value in values:
        if not _STIX_ID.match(value):
            raise ParameterError("cluster", "not a STIX id such as report--<uuid>")
    return values


def parse_timestamp(parameter: str, value: str | None) -> str | None:
    """An ISO 8601 date or date-time, as the store compares it (UTC, 'Z')."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        moment = datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        raise ParameterError(
            parameter,
            f"{value!r} is not an ISO 8601 date or date-time (e.g. 2026-10-01 or 2026-10-01T12:00:00Z)",
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    spec = "milliseconds" if moment.microsecond else "seconds"
    return moment.replace(tzinfo=None).isoformat(timespec=spec) + "Z"


def parse_facets(raw: list[str] | None) -> tuple[str, ...]:
    """Facet fields to count; absent means all of them, an empty value none."""
    if raw is None:
        return FACET_FIELDS
    values = split_values("facets", raw)
    unknown = [value for value in values if value not in FACET_FIELDS]
    if unknown:
        raise ParameterError("facets", f"unknown field {unknown[0]!r}; use any of {', '.join(FACET_FIELDS)}")
    return values


def check_stix_id(stix_id: str) -> str:
    if not _STIX_ID.match(stix_id):
        raise ParameterError("stix_id", f"{stix_id!r} is not a STIX id such as report--<uuid>")
    return stix_id


def filters_parameters(
    type: Annotated[list[str] | None, Query(description="STIX type, e.g. report, attack-pattern")] = None,
    category: Annotated[list[str] | None, Query(description="crime category, e.g. fraud")] = None,
    tag: Annotated[list[str] | None, Query(description='tag, e.g. rsit:fraud="phishing"')] = None,
    technique: Annotated[list[str] | None, Query(description="ATT&CK technique id, e.g. T1660")] = None,
    country: Annotated[list[str] | None, Query(description="ISO 3166-1 alpha-2 code, e.g. NL")] = None,
    region: Annotated[list[str] | None, Query(description="UN M49 code, e.g. 150")] = None,
    sector: Annotated[list[str] | None, Query(description="sector, e.g. finance")] = None,
    cluster: Annotated[
        list[str] | None,
        Query(description="MO cluster: the STIX id of its canonical report (mo_cluster.canonical_ref)"),
    ] = None,
    tlp: Annotated[list[str] | None, Query(description=f"TLP level: {TLP_CHOICES}")] = None,
    date_from: Annotated[str | None, Query(description="inclusive lower bound (ISO 8601)")] = None,
    date_to: Annotated[str | None, Query(description="exclusive upper bound (ISO 8601)")] = None,
) -> Filters:
    """The filters shared by /search and /trends (each repeatable and/or comma-separated)."""
    start, end = parse_timestamp("date_from", date_from), parse_timestamp("date_to", date_to)
    if start is not None and end is not None and start[:10] > end[:10]:
        raise ParameterError("date_to", f"{date_to!r} is before date_from {date_from!r}")
    return Filters(
        types=parse_types(type),
        categories=split_values("category", category),
        tags=split_values("tag", tag),
        techniques=tuple(value.upper() for value in split_values("technique", technique)),
        countries=parse_countries(country),
        regions=split_values("region", region),
        sectors=split_values("sector", sector),
        clusters=parse_clusters(cluster),
        tlps=tuple(dict.fromkeys(parse_tlp(value) for value in split_values("tlp", tlp))),
        date_from=start,
        date_to=end,
    )
