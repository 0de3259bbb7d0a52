"""Small STIX 2.1 objects for the TAXII tests, marked and categorised as enrichment leaves them."""

from __future__ import annotations

import uuid
from typing import Any

from shared.models.report import TLP
from shared.stix.extension import extension_block
from shared.stix.markings import TLP_MARKING_IDS

_NAMESPACE = uuid.UUID("6f2b1f0e-2a51-4c57-9f0c-9a6a3d4e7b11")


def stix_id(stix_type: str, n: int) -> str:
    return f"{stix_type}--{uuid.uuid5(_NAMESPACE, f'{stix_type}-{n}')}"


def indicator(
    n: int,
    *,
    tlp: TLP = TLP.GREEN,
    category: str = "phishing",
    modified: str = "2026-01-01T00:00:00.000Z",
) -> dict[str, Any]:
    return {
        "type": "indicator",
        "spec_version": "2.1",
        "id": stix_id("indicator", n),
        "created": "2026-01-01T00:00:00.000Z",
        "modified": modified,
        "name": f"Parcel smishing domain {n}",
        "pattern": f"[domain-name:value = 'parcel-fee-{n}.example']",
        "pattern_type": "stix",
        "valid_from": "2026-01-01T00:00:00Z",
        "object_marking_refs": [TLP_MARKING_IDS[tlp]],
        "extensions": extension_block({"tlp": tlp.value, "crime_category": category}),
    }


def attack_pattern(n: int, *, tlp: TLP = TLP.GREEN, category: str = "ransomware") -> dict[str, Any]:
    return {
        "type": "attack-pattern",
        "spec_version": "2.1",
        "id": stix_id("attack-pattern", n),
        "created": "2026-02-01T00:00:00.000Z",
        "modified": "2026-02-01T00:00:00.000Z",
        "name": f"Double extortion step {n}",
        "object_marking_refs": [TLP_MARKING_IDS[tlp]],
        "extensions": extension_block({"tlp": tlp.value, "crime_category": category}),
    }
