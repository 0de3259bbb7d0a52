"""Wording-independent evidence about an MO: the concepts it names, in any of eight languages.

The vocabulary (``data/mo_vocabulary.yaml``) is an interlingua of MO concepts: the channel, the
lure, who is impersonated, what the victim is told and asked for, the tools, how the money moves,
the goods and the setting, each named in the eight languages crimefeed reads as stems matched
with the category rules' matcher (``category.WeightedRules``), so "SMS", "texto" and "wiadomość
SMS" all give ``channel:sms``. What the clustering makes of them (agreement and disagreement per
facet, overlap of the concept sets) is in ``clustering.py``.
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path
from typing import Any

from services.enrichment.category import DATA_DIR, Rule, WeightedRules, normalize_text, pattern_list
from shared.data_files import parse_yaml

VOCABULARY_FILE = "mo_vocabulary.yaml"
# "ł" has no decomposition, so accent stripping keeps it; the vocabulary writes it "l".
_LETTERS = str.maketrans({"ł": "l"})


def _normalize(text: str) -> str:
    return normalize_text(text).translate(_LETTERS)


class ConceptFinder:
    """The ``facet:concept`` labels a text names."""

    def __init__(self, data: dict[str, Any]) -> None:
        rules: list[Rule] = []
        for facet, concepts in data["facets"].items():
            for concept, patterns in concepts.items():
                label = f"{facet}:{concept}"
                rules.extend(Rule(label, 1.0, _normalize(p)) for p in pattern_list(patterns, label))
        self._rules = WeightedRules(rules)
        self.version = str(data["version"])
        known = set(data["facets"])
        self.agreement_facets = self._facet_list(data, "agreement_facets", known)
        self.overlap_facets = self._facet_list(data, "overlap_facets", known)

    @staticmethod
    def _facet_list(data: dict[str, Any], key: str, known: set[str]) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not set(value) <= known:
            raise ValueError(f"{key}: must be a list of facets the vocabulary defines")
        return tuple(str(facet) for facet in value)

    @classmethod
    def from_file(cls, path: Path) -> ConceptFinder:
        return cls(parse_yaml(path.read_text(encoding="utf-8")))

    def concepts(self, text: str) -> frozenset[str]:
        return frozenset(self._rules.labels(_normalize(text)))


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


def overlap(first: frozenset[str], second: frozenset[str], facet_names: tuple[str, ...]) -> float:
    """The cosine of two concept sets restricted to some facets: shared / sqrt(|first| * |second|),
    0 when either names none of them."""
    if not facet_names:
        return 0.0
    mine = {concept for concept in first if concept.split(":", 1)[0] in facet_names}
    theirs = {concept for concept in second if concept.split(":", 1)[0] in facet_names}
    if not mine or not theirs:
        return 0.0
    return len(mine & theirs) / math.sqrt(len(mine) * len(theirs))
