"""Loading of the reference data files under ``shared/stix/data`` (data, not code)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_json(name: str) -> dict[str, Any]:
    """A data file's content, parsed once per process (the files are read-only reference data)."""
    text = resources.files("shared.stix").joinpath("data", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
