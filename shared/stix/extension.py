"""crimefeed's one STIX 2.1 extension-definition.

Every crimefeed-specific property lives under
``obj["extensions"][EXTENSION_ID]`` (a property-extension), never in ad-hoc ``x_`` properties.
The definition object itself is fixed (deterministic id and timestamps) so every producer,
enrichment replica and consumer agrees on it byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

EXTENSION_ID = "extension-definition--2c5d3bcb-5a7f-5a42-9c0d-1b1e6a1c3f10"
IDENTITY_ID = "identity--7f3e9a55-4b7e-5c1d-8e55-0c9f0a2f4d21"
EXTENSION_CREATED = "2026-11-01T00:00:00.000Z"
SCHEMA_URL = "https://crimefeed.example/schemas/crimefeed-extension-v1.json"
SCHEMA_VERSION = "1"

# Properties crimefeed may set inside the extension, by stage:
#  producers:  submission_id, crime_category, country, region, sectors, victims (bucketed),
#              losses (rounded), first_seen, last_seen, redactions, tlp, recipients, language
#  enrichment: tags, dedup {canonical_ref, method, score}, sighting_count, trend
#              {week, first_seen_mo, spike}
PRODUCER_PROPERTIES = (
    "submission_id",
    "crime_category",
    "country",
    "region",
    "sectors",
    "victims",
    "losses",
    "first_seen",
    "last_seen",
    "redactions",
    "tlp",
    "recipients",
)


def crimefeed_identity() -> dict[str, Any]:
    """The identity that authors crimefeed's own objects (the extension, TLP-independent data)."""
    return {
        "type": "identity",
        "spec_version": "2.1",
        "id": IDENTITY_ID,
        "created": EXTENSION_CREATED,
        "modified": EXTENSION_CREATED,
        "name": "crimefeed",
        "identity_class": "system",
    }


def extension_definition() -> dict[str, Any]:
    return {
        "type": "extension-definition",
        "spec_version": "2.1",
        "id": EXTENSION_ID,
        "created_by_ref": IDENTITY_ID,
        "created": EXTENSION_CREATED,
        "modified": EXTENSION_CREATED,
        "name": "crimefeed",
        "description": "crimefeed's properties: submission, crime category, victims (bucketed), "
        "tags, deduplication decisions and trend flags.",
        "schema": SCHEMA_URL,
        "version": "1.0.0",
        "extension_types": ["property-extension"],
    }


def extension_block(properties: dict[str, Any]) -> dict[str, Any]:
    """The value to put at ``obj["extensions"]`` for crimefeed's properties."""
    return {EXTENSION_ID: {"extension_type": "property-extension", **properties}}


def get_extension(obj: Mapping[str, Any]) -> dict[str, Any]:
    """crimefeed's properties of an object, empty if it has none."""
    block: dict[str, Any] = obj.get("extensions", {}).get(EXTENSION_ID, {})
    return block
