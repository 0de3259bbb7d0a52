"""Reference objects: catalogued techniques and countries, as constants crimefeed publishes.

A catalogued ATT&CK/CAPEC technique and a country are the same thing for every report, so a
report points to one object for each, per sharing scope: its content comes from crimefeed's
catalogues only (never a partner's text), its timestamps are fixed, and it is never counted
nor versioned, so nothing about it depends on who reported what. Its id includes the scope
(``ids.scope_key``) like every other derived id: a technique that only RED reports cite does
not appear at GREEN, so its existence tells a GREEN reader nothing. In the shared scopes
(CLEAR, GREEN, AMBER) crimefeed's identity creates it; in the owner scopes (AMBER+STRICT, RED),
whose readers are the owner and its recipients, the owner does (the reading rule goes by
``created_by_ref``).

crimefeed's identity, its extension-definition and the shared-scope reference objects are
reserved: a partner's bundle may carry an unchanged copy (a re-import of crimefeed's output);
any other object under one of those ids is refused by name (``reserved_conflicts``), and what
is published under the id is always crimefeed's own object (docs/architecture.md, "Ownership
and sharing scopes").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache, partial
from typing import Any

from shared.models.report import TLP
from shared.stix import ids, regions, techniques
from shared.stix.extension import (
    EXTENSION_CREATED,
    IDENTITY_ID,
    crimefeed_identity,
    extension_block,
    extension_definition,
    get_extension,
)
from shared.stix.markings import TLP_MARKING_IDS

StixObject = dict[str, Any]

REFERENCE_CREATED = EXTENSION_CREATED
"""Reference objects are constants: one version, stamped like crimefeed's extension."""

SHARED_SCOPES = (TLP.CLEAR, TLP.GREEN, TLP.AMBER)
"""Scopes several partners read, where crimefeed's identity creates the shared objects."""

# What a copy of a reserved object may differ in: enrichment's bookkeeping lives in the
# extension, and spec_version may be left out by 2.0-era tools.
_IGNORED_IN_COPIES = frozenset({"extensions", "spec_version"})


def reference(
    stix_type: str, stix_id: str, properties: StixObject, *, tlp: TLP, author: str, common: StixObject
) -> StixObject:
    """A reference object: fixed timestamps, the scope's marking, ``reference: true``."""
    return {
        "type": stix_type,
        "spec_version": "2.1",
        "id": stix_id,
        "created_by_ref": author,
        "created": REFERENCE_CREATED,
        "modified": REFERENCE_CREATED,
        **properties,
        "object_marking_refs": [TLP_MARKING_IDS[tlp]],
        "extensions": extension_block({**common, "reference": True}),
    }


def technique_properties(technique: techniques.Technique) -> StixObject | None:
    """A catalogued technique's content; None if the catalogue lacks it (its name would then
    come from a partner's text, which a reference must not carry)."""
    if technique.name is None:
        return None
    return {"name": technique.name, "external_references": [dict(technique.external_reference)]}


def location_properties(country: str) -> StixObject | None:
    """A country's content; None for a code that is not one."""
    region = regions.region_of(country)
    return None if region is None else {"region": region.region, "country": country.upper()}


def is_reference(obj: Mapping[str, Any]) -> bool:
    """A reference object (never counted, never versioned by a report). The flag is
    crimefeed's: the producers replace whatever crimefeed block a partner's object carries."""
    return get_extension(obj).get("reference") is True


def _shared_reference(stix_type: str, properties: StixObject, stix_id: str, tlp: TLP) -> StixObject:
    return reference(stix_type, stix_id, properties, tlp=tlp, author=IDENTITY_ID, common={"tlp": tlp.value})


@cache
def _reserved() -> dict[str, Callable[[], StixObject]]:
    table: dict[str, Callable[[], StixObject]] = {
        IDENTITY_ID: crimefeed_identity,
        extension_definition()["id"]: extension_definition,
    }
    for tlp in SHARED_SCOPES:
        scope = ids.scope_key(tlp)
        for external_id in techniques.catalogued():
            technique = techniques.lookup(external_id)
            properties = technique_properties(technique)
            if properties is not None:
                stix_id = ids.technique_id(external_id, scope=scope)
                table[stix_id] = partial(_shared_reference, "attack-pattern", properties, stix_id, tlp)
        for country in regions.countries():
            location = location_properties(country)
            if location is not None:
                stix_id = ids.location_id(country, scope=scope)
                table[stix_id] = partial(_shared_reference, "location", location, stix_id, tlp)
    return table


def reserved_object(stix_id: str) -> StixObject | None:
    """crimefeed's own object for a reserved id; None if the id is not reserved."""
    make = _reserved().get(stix_id)
    return make() if make is not None else None


def is_unchanged_copy(submitted: Mapping[str, Any], ours: Mapping[str, Any]) -> bool:
    keys = (set(submitted) | set(ours)) - _IGNORED_IN_COPIES
    return all(submitted.get(key) == ours.get(key) for key in keys)


def reserved_conflicts(objects: list[Any]) -> list[str]:
    """``objects[i]: ...`` for each object that uses one of crimefeed's ids without being an
    unchanged copy of crimefeed's object (the id is named; the content is never quoted)."""
    errors: list[str] = []
    for position, obj in enumerate(objects):
        stix_id = obj.get("id") if isinstance(obj, dict) else None
        ours = reserved_object(stix_id) if isinstance(stix_id, str) else None
        if ours is not None and not is_unchanged_copy(obj, ours):
            errors.append(
                f"objects[{position}]: {stix_id} is created by crimefeed; only its creator versions it"
            )
    return errors
