"""Names and external references of the ATT&CK techniques and CAPEC patterns MO steps cite.

The catalogue is a data file (``data/attack_patterns.json``); ids not in it still get a correct
external reference (the URL follows from the id), only their name comes from the step text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shared.stix._data import load_json

_DATA = load_json("attack_patterns.json")
_ATTACK: dict[str, dict[str, str]] = _DATA["attack"]
_CAPEC: dict[str, dict[str, str]] = _DATA["capec"]


@dataclass(frozen=True, slots=True)
class Technique:
    external_id: str
    name: str | None
    """The catalogue's name; None for an id the catalogue does not know."""
    external_reference: dict[str, Any]


def _attack_url(technique_id: str) -> str:
    base, _, sub = technique_id.partition(".")
    return f"https://attack.mitre.org/techniques/{base}" + (f"/{sub}" if sub else "")


def _attack_name(technique_id: str) -> str | None:
    entry = _ATTACK.get(technique_id)
    if entry is None:
        return None
    base, _, sub = technique_id.partition(".")
    parent = _ATTACK.get(base)
    # A sub-technique's own name ("Domains") means little alone; ATT&CK shows it as
    # "Acquire Infrastructure: Domains".
    return f"{parent['name']}: {entry['name']}" if sub and parent else entry["name"]


def lookup(external_id: str) -> Technique:
    """The technique or pattern for an id of the report model's form (``T1566.002``, ``CAPEC-98``)."""
    external_id = external_id.strip().upper()
    if external_id.startswith("CAPEC-"):
        entry = _CAPEC.get(external_id)
        number = external_id.removeprefix("CAPEC-")
        url = entry["url"] if entry else f"https://capec.mitre.org/data/definitions/{number}.html"
        reference = {"source_name": "capec", "url": url, "external_id": external_id}
        return Technique(external_id, entry["name"] if entry else None, reference)
    # Current ATT&CK data names the source "mitre-attack" in every domain (enterprise, mobile, ICS).
    url = _ATTACK[external_id]["url"] if external_id in _ATTACK else _attack_url(external_id)
    reference = {"source_name": "mitre-attack", "url": url, "external_id": external_id}
    return Technique(external_id, _attack_name(external_id), reference)


def catalogued() -> list[str]:
    """Every external id the catalogue names (each has a reference attack-pattern)."""
    return [*_ATTACK, *_CAPEC]
