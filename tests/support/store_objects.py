"""Small enriched STIX objects for the store tests, built the way enrichment shapes them."""

from __future__ import annotations

import uuid
from typing import Any

from shared.access import Viewer
from shared.models.report import TLP
from shared.stix.extension import EXTENSION_ID
from shared.stix.ids import pseudonymize
from shared.stix.markings import TLP_MARKING_IDS

PSEUDONYM_KEY = b"store-tests"


def owner_of(partner_id: str) -> str:
    """The pseudonym identity a partner's objects carry as created_by_ref."""
    return pseudonymize(partner_id, PSEUDONYM_KEY).identity_id


def viewer(partner_id: str, max_tlp: TLP, *, admin: bool = False) -> Viewer:
    return Viewer(partner_id=partner_id, max_tlp=max_tlp, owner_id=owner_of(partner_id), is_admin=admin)


def new_id(stix_type: str) -> str:
    return f"{stix_type}--{uuid.uuid4()}"


def make(
    stix_type: str = "attack-pattern",
    *,
    stix_id: str | None = None,
    tlp: TLP = TLP.GREEN,
    owner: str = "alice",
    recipients: tuple[str, ...] = (),
    name: str = "an object",
    description: str | None = None,
    modified: str = "2026-11-01T00:00:00.000Z",
    created: str = "2026-11-01T00:00:00.000Z",
    category: str | None = None,
    tags: tuple[str, ...] = (),
    country: str | None = None,
    sectors: tuple[str, ...] = (),
    first_seen: str | None = None,
    **properties: Any,
) -> dict[str, Any]:
    """One object marked ``tlp``, submitted by partner ``owner``; extra STIX properties as keywords."""
    ext: dict[str, Any] = {"extension_type": "property-extension", "tlp": str(tlp), "tags": list(tags)}
    if recipients:
        ext["recipients"] = list(recipients)
    if category is not None:
        ext["crime_category"] = category
    if country is not None:
        ext["country"] = country
    if sectors:
        ext["sectors"] = list(sectors)
    obj: dict[str, Any] = {
        "type": stix_type,
        "spec_version": "2.1",
        "id": stix_id or new_id(stix_type),
        "created_by_ref": owner_of(owner),
        "created": created,
        "modified": modified,
        "object_marking_refs": [TLP_MARKING_IDS[tlp]],
        "extensions": {EXTENSION_ID: ext},
    }
    if stix_type != "relationship" and stix_type != "sighting":
        obj["name"] = name
    if description is not None:
        obj["description"] = description
    if first_seen is not None:
        obj["first_seen"] = first_seen
    obj.update(properties)
    return obj


def sighting(
    mo: str,
    *,
    first_seen: str,
    category: str,
    country: str,
    regions: tuple[str, ...] = ("150",),
    count: int = 1,
    first_seen_mo: bool = False,
    spike: bool = False,
    tlp: TLP = TLP.GREEN,
    owner: str = "alice",
    recipients: tuple[str, ...] = (),
    stix_id: str | None = None,
    modified: str = "2026-11-01T00:00:00.000Z",
    tags: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A sighting of attack-pattern ``mo`` with enrichment's trend block."""
    obj = make(
        "sighting",
        stix_id=stix_id,
        tlp=tlp,
        owner=owner,
        recipients=recipients,
        modified=modified,
        category=category,
        country=country,
        tags=(*tags, *(f"un-m49:{code}" for code in regions)),
        first_seen=first_seen,
        sighting_of_ref=mo,
        count=count,
    )
    ext = obj["extensions"][EXTENSION_ID]
    # No "week": the document derives the ISO week from first_seen, as for older enrichments.
    ext["trend"] = {
        "mo": mo,
        "country": country,
        "category": category,
        "first_seen_mo": first_seen_mo,
        "spike": spike,
    }
    return obj
