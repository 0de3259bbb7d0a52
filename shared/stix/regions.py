"""Country -> UN M49 regions, from the one M49 table (data file ``data/un_m49.json``).

Two views of the same table: the M49 codes of a country's region, sub-region and intermediate
region (enrichment tags them ``un-m49:<code>``), and the STIX 2.1 ``region-ov`` terms a
``location`` carries (the most specific of those regions that has a term, and the most general).
Kosovo (``XK``) has no M49 code and takes Serbia's regions; Antarctica belongs to no M49 region
and is its own (``antarctica``); the data file's ``note`` says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shared.stix._data import load_json

M49_FILE = "un_m49.json"


@dataclass(frozen=True, slots=True)
class Region:
    region: str
    """The M49 intermediate region or sub-region, as a ``region-ov`` term (``western-europe``)."""
    region_m49: str
    continent: str
    """The M49 region, as a ``region-ov`` term (``europe``)."""
    continent_m49: str


def _table() -> dict[str, Any]:
    return load_json(M49_FILE)


def m49_version() -> str:
    """The table's version (enrichment reports it with its other data versions)."""
    return str(_table()["version"])


def m49_names() -> dict[str, str]:
    """M49 region code -> its English name (``155`` -> ``Western Europe``)."""
    return dict(_table()["regions"])


def m49_codes(country: str) -> tuple[str, ...]:
    """The M49 region, sub-region and intermediate region codes of a country, most general
    first; empty for a code that is not a country (or Antarctica)."""
    entry = _table()["countries"].get(country.upper())
    return tuple(entry["regions"]) if entry else ()


def region_of(country: str) -> Region | None:
    """The STIX regions of an ISO 3166-1 alpha-2 code; None for a code that is not one."""
    entry = _table()["countries"].get(country.upper())
    if entry is None:
        return None
    terms: dict[str, str] = _table()["region_ov"]
    own = [entry["m49"]] if entry["m49"] else []
    named = [code for code in (*entry["regions"], *own) if code in terms]
    if not named:
        return None
    # Regions are listed most general first; a country's own code only stands in when it
    # belongs to no region (Antarctica).
    specific, general = named[-1], named[0]
    return Region(terms[specific], specific, terms[general], general)


def countries() -> list[str]:
    """Every ISO 3166-1 alpha-2 code the region table knows."""
    return list(_table()["countries"])
