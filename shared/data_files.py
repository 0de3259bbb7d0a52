"""Parsing the YAML data files (word lists, rules, vocabularies, catalogs) the services read at
start-up."""

from __future__ import annotations

from typing import Any

import yaml

# libyaml's parser (inside PyYAML's wheels) reads the same documents as `yaml.safe_load` about ten
# times faster; every process that starts reads these files, the anonymizer's alone ~300 kB.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """The document in `text`, as `yaml.safe_load` reads it (only plain YAML types)."""
    return yaml.load(text, Loader=_LOADER)
