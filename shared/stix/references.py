"""Shared reference objects: what crimefeed's own identity publishes and partners only point to.

Catalogued ATT&CK/CAPEC techniques and countries are the same thing for every partner and every
TLP, so they are one object each, created by crimefeed's identity, marked CLEAR, with content
from crimefeed's catalogues only (never a partner's text) and fixed timestamps: they never get a
new version. crimefeed's identity and extension-definition are fixed the same way. A partner's
bundle may carry an unchanged copy of one of them (a re-import of crimefeed's own output); any
other object under one of these ids is refused by name (``reserved_conflicts``), and what is
published under the id is always crimefeed's own object (docs/architecture.md, "Ownership and
sharing scopes").
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

# What a copy of a reference object may differ in: enrichment's bookkeeping lives in the
# extension, and spec_version may be left out by 2.0-era tools.
_IGNORED_IN_COPIES = frozenset({"extensions", "spec_version"})


def _reference(stix_type: str, stix_id: str, properties: StixObject) -> StixObject:
    return {
        "type": stix_type,
        "spec_version": "2.1",
        "id": stix_id,
        "created_by_ref": IDENTITY_ID,
        "created": REFERENCE_CREATED,
        "modified": REFERENCE_CREATED,
        **properties,
        "object_marking_refs": [TLP_MARKING_IDS[TLP.CLEAR]],
        "extensions": extension_block({"tlp": TLP.CLEAR.value, "reference": True}),
    }


def technique_object(technique: techniques.Technique) -> StixObject | None:
    """The reference attack-pattern of a catalogued technique; None if the catalogue lacks it
    (its name would then come from a partner's text, which a CLEAR object must not carry)."""
    if technique.name is None:
        return None
    properties = {"name": technique.name, "external_references": [dict(technique.external_reference)]}
    return _reference("attack-pattern", ids.technique_id(technique.external_id), properties)


def location_object(country: str) -> StixObject | None:
    """The reference location of a country; None for a code that is not one."""
    region = regions.region_of(country)
    if region is None:
        return None
    properties = {"region": region.region, "country": country.upper()}
    return _reference("location", ids.location_id(country), properties)


def is_reference(obj: Mapping[str, Any]) -> bool:
    """A shared reference object (never counted, never versioned by a report)."""
    return obj.get("created_by_ref") == IDENTITY_ID and get_extension(obj).get("reference") is True


def _catalogued_technique(external_id: str) -> StixObject | None:
    return technique_object(techniques.lookup(external_id))


@cache
def _reserved() -> dict[str, Callable[[], StixObject | None]]:
    table: dict[str, Callable[[], StixObject | None]] = {
        IDENTITY_ID: crimefeed_identity,
        extension_definition()["id"]: extension_definition,
    }
    for external_id in techniques.catalogued():
        table[ids.technique_id(external_id)] = partial(_catalogued_technique, external_id)
    for country in regions.countries():
        table[ids.location_id(country)] = partial(location_object, country)
    return table


def reserved_object(stix_id: str) -> StixObject | None:
    """crimefeed's own object for a reserved id; None if the id is not crimefeed's."""
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
