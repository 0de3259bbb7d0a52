"""Country -> UN M49 region, as the STIX 2.1 ``region-ov`` term (data file ``data/m49_regions.json``)."""

from __future__ import annotations

from dataclasses import dataclass

from shared.stix._data import load_json

_COUNTRIES: dict[str, dict[str, str]] = load_json("m49_regions.json")["countries"]


@dataclass(frozen=True, slots=True)
class Region:
    region: str
    """The M49 intermediate region or sub-region, as a ``region-ov`` term (``western-europe``)."""
    region_m49: str
    continent: str
    """The M49 region, as a ``region-ov`` term (``europe``)."""
    continent_m49: str


def region_of(country: str) -> Region | None:
    """The region of an ISO 3166-1 alpha-2 code; None for a code that is not one."""
    entry = _COUNTRIES.get(country.upper())
    return Region(**entry) if entry else None
