"""Example STIX 2.1 bundles: the small set in tests/fixtures/stix (always there), plus the public
examples in ``../shared/data/stix`` when a checkout has them beside the project."""

from __future__ import annotations

import json
from pathlib import Path

OWN_EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "stix"
SHARED_STIX = Path(__file__).resolve().parents[3] / "shared" / "data" / "stix"


def example_bundle_paths(max_bytes: int | None = None, shared_glob: str = "**/*.json") -> list[Path]:
    """Every example file that holds a bundle (at most `max_bytes` long), own ones first."""
    files = sorted(OWN_EXAMPLES.glob("*.json"))
    if SHARED_STIX.is_dir():
        files += sorted(SHARED_STIX.glob(shared_glob))
    return [
        path
        for path in files
        if (max_bytes is None or path.stat().st_size <= max_bytes)
        and json.loads(path.read_text(encoding="utf-8")).get("type") == "bundle"
    ]
