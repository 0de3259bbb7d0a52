"""Wording-independent evidence about an MO: its channel, lure and payment concepts.

The vocabulary (``data/mo_vocabulary.yaml``) names each concept in the eight languages
crimefeed reads, as stems matched with the category rules' matcher (``category.WeightedRules``),
so "SMS", "texto" and "wiadomość SMS" all give ``channel:sms``. What the clustering makes of
agreement and disagreement per facet is in ``clustering.py``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from services.enrichment.category import DATA_DIR, Rule, WeightedRules, normalize_text, pattern_list

VOCABULARY_FILE = "mo_vocabulary.yaml"


class ConceptFinder:
    """The ``facet:concept`` labels a text names."""

    def __init__(self, data: dict[str, Any]) -> None:
        rules: list[Rule] = []
        for facet, concepts in data["facets"].items():
            for concept, patterns in concepts.items():
                label = f"{facet}:{concept}"
                rules.extend(Rule(label, 1.0, normalize_text(p)) for p in pattern_list(patterns, label))
        self._rules = WeightedRules(rules)
        self.version = str(data["version"])

    @classmethod
    def from_file(cls, path: Path) -> ConceptFinder:
        return cls(yaml.safe_load(path.read_text(encoding="utf-8")))

    def concepts(self, text: str) -> frozenset[str]:
        return frozenset(self._rules.labels(normalize_text(text)))


@cache
def default_finder(folder: Path = DATA_DIR) -> ConceptFinder:
    """The vocabulary in a folder of data files (the package's by default), compiled once per process."""
    return ConceptFinder.from_file(folder / VOCABULARY_FILE)


def facets(concepts: frozenset[str]) -> dict[str, frozenset[str]]:
    """Concepts grouped by facet: {"channel": {"channel:sms"}, ...}."""
    grouped: dict[str, set[str]] = {}
    for concept in concepts:
        grouped.setdefault(concept.split(":", 1)[0], set()).add(concept)
    return {facet: frozenset(values) for facet, values in grouped.items()}
