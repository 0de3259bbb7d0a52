"""Crime-category inference from free text, by weighted keyword rules kept as data.

The rules (``data/category_rules.yaml``) are multilingual stems and short phrases; this module
only compiles and scores them. Rules instead of a trained model: there is no labelled corpus of
real partner reports to train on, the rules can be read and corrected by an analyst, and they
run in microseconds. ``bench/category_accuracy.py`` measures them.

``WeightedRules`` is shared with the ATT&CK keyword rules in ``tagging.py``: both scan the text
once with every pattern factored into one character trie, about 10 µs for a paragraph where
one plain alternation of the same 500 patterns takes ~300 µs (and ~17 ms with a named group
per pattern).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from shared.data_files import parse_yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
RULES_FILE = "category_rules.yaml"

# Apostrophes and dashes vary by keyboard and language; the rules are written with ASCII ones.
_PUNCTUATION = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})


def normalize_text(text: str) -> str:
    """Case-folded text without accents, as the rules are written ("Überweisung" -> "uberweisung")."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded.translate(_PUNCTUATION))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True, slots=True)
class Rule:
    label: str
    weight: float
    pattern: str


# Characters that are literal in a regular expression outside a character class.
_LITERAL = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 '-&")
_QUANTIFIERS = frozenset("?*+{")
_MAX_EXPANSIONS = 64
_TRIE_DEPTH = 6


def _skip_class(pattern: str, start: int) -> int:
    """Index after the character class opening at ``start``."""
    first = start + 2 if pattern[start + 1 : start + 2] in ("]", "^") else start + 1
    return pattern.index("]", first) + 1


def _group_end(pattern: str, start: int) -> int:
    """Index of the parenthesis closing the group opening at ``start``."""
    depth, index = 0, start
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = _skip_class(pattern, index)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    raise ValueError(f"unbalanced parentheses in {pattern!r}")


def _split_alternatives(body: str) -> list[str]:
    """The top-level alternatives of a regex fragment."""
    parts: list[str] = []
    depth = last = index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = _skip_class(body, index)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(body[last:index])
            last = index + 1
        index += 1
    parts.append(body[last:])
    return parts


def _starts_literal(fragment: str) -> bool:
    return fragment[:1] in _LITERAL and fragment[1:2] not in _QUANTIFIERS and fragment[:1] != ""


def expand_pattern(pattern: str) -> list[str]:
    """Equivalent alternatives of a pattern that each start with a literal character.

    A leading ``(?:a|b)rest`` becomes ``arest``, ``brest`` (and ``rest`` when the group is
    optional). Raises ValueError for a pattern that cannot be written so (e.g. one starting
    with ``.`` or ``\\w``): the rule files must keep to the fast form.
    """
    done: list[str] = []
    todo = _split_alternatives(pattern)
    while todo:
        fragment = todo.pop()
        if fragment.startswith("(?:"):
            end = _group_end(fragment, 0)
            rest = fragment[end + 1 :]
            if rest[:1] == "?":
                rest = rest[1:]
                todo.append(rest)
            elif rest[:1] in _QUANTIFIERS:
                raise ValueError(f"pattern {pattern!r}: a repeated leading group cannot be indexed")
            todo.extend(alternative + rest for alternative in _split_alternatives(fragment[3:end]))
        elif _starts_literal(fragment) and fragment[0] not in " '-&":
            done.append(fragment)
        else:
            raise ValueError(f"pattern {pattern!r} must start with a letter or digit (or a group of such)")
        if len(done) + len(todo) > _MAX_EXPANSIONS:
            raise ValueError(f"pattern {pattern!r} expands to more than {_MAX_EXPANSIONS} alternatives")
    return done


_PREFIX = 4
_MEMO_LIMIT = 100_000


def _literal_prefix(fragment: str) -> str:
    """The first characters (at most _PREFIX) any match of ``fragment`` must start with."""
    length = 0
    while length < _PREFIX and _starts_literal(fragment[length:]):
        length += 1
    return fragment[:length]


def _trie(fragments: list[str], depth: int = 0) -> str:
    """One alternation equivalent to ``fragments``, factored on shared leading characters.

    Python's regex engine skips an alternative whose first operation is a literal that does not
    match, so factoring 1,000 alternatives into a character trie turns ~300 µs scans into ~10 µs.
    """
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for fragment in fragments:
        if depth < _TRIE_DEPTH and _starts_literal(fragment):
            groups.setdefault(fragment[0], []).append(fragment[1:])
        else:
            others.append(fragment)
    parts = []
    for char, rests in groups.items():
        if len(rests) == 1:
            parts.append(char + rests[0])
        else:
            parts.append(f"{char}(?:{_trie(rests, depth + 1)})")
    parts.extend(fragment for fragment in others if fragment)
    if "" in others:
        parts.append("")  # last, so that the longer alternatives are tried first
    return "|".join(parts)


class WeightedRules:
    """Many (label, weight, pattern) rules matched at word starts, with one scan of the text.

    Phase 1 is a single regex, ``\\b(?=trie of all patterns)``, that finds the word starts where
    some rule matches (zero-width, so overlapping rules are all seen). Phase 2 tries only the
    rules whose first two characters fit that position. Patterns must not contain capturing
    groups and must start with a literal (see ``expand_pattern``).
    """

    __slots__ = ("_by_prefix", "_candidates", "_compiled", "_finder", "_rules")

    def __init__(self, rules: Sequence[Rule]) -> None:
        if not rules:
            raise ValueError("no rules")
        self._rules = tuple(rules)
        self._compiled: list[re.Pattern[str]] = []
        # Rules by the literal prefix (1 to _PREFIX characters) every match of theirs starts with.
        self._by_prefix: dict[str, tuple[int, ...]] = {}
        fragments: list[str] = []
        for index, rule in enumerate(self._rules):
            compiled = re.compile(rule.pattern)
            if compiled.groups:
                raise ValueError(f"rule {rule.label!r}: pattern {rule.pattern!r} has a capturing group")
            self._compiled.append(compiled)
            expansions = expand_pattern(rule.pattern)
            fragments.extend(expansions)
            for prefix in {_literal_prefix(expansion) for expansion in expansions}:
                if index not in self._by_prefix.get(prefix, ()):
                    self._by_prefix[prefix] = (*self._by_prefix.get(prefix, ()), index)
        self._finder = re.compile(f"\\b(?=(?:{_trie(fragments)}))")
        # Candidates per 4-character head, filled as texts are seen, so a repeated word costs one
        # dict lookup. Heads that start a rule match are few; the memo is cleared at _MEMO_LIMIT.
        self._candidates: dict[str, tuple[int, ...]] = {}

    def matched(self, normalized: str) -> set[int]:
        """Indexes of the rules found in already-normalized text (each counted once)."""
        found: set[int] = set()
        compiled = self._compiled
        by_prefix = self._by_prefix
        candidates = self._candidates
        for hit in self._finder.finditer(normalized):
            position = hit.start()
            head = normalized[position : position + _PREFIX]
            indexes = candidates.get(head)
            if indexes is None:
                if len(candidates) >= _MEMO_LIMIT:
                    candidates.clear()
                indexes = candidates[head] = tuple(
                    index for length in range(1, len(head) + 1) for index in by_prefix.get(head[:length], ())
                )
            for index in indexes:
                if index not in found and compiled[index].match(normalized, position):
                    found.add(index)
        return found

    def scores(self, normalized: str) -> dict[str, float]:
        totals: dict[str, float] = {}
        for index in self.matched(normalized):
            rule = self._rules[index]
            totals[rule.label] = totals.get(rule.label, 0.0) + rule.weight
        return totals

    def labels(self, normalized: str) -> set[str]:
        return {self._rules[index].label for index in self.matched(normalized)}


class CategoryClassifier:
    """The crime category a text most likely describes, with a confidence in [0, 1]."""

    def __init__(
        self, rules: Sequence[Rule], *, order: Sequence[str], default: str, saturation: float, version: str
    ) -> None:
        self._rules = WeightedRules(rules)
        self._rank = {label: rank for rank, label in enumerate(order)}
        self.categories: tuple[str, ...] = tuple(order)
        self.default = default
        self.saturation = saturation
        self.version = version

    @classmethod
    def from_file(cls, path: Path) -> CategoryClassifier:
        return cls.from_mapping(parse_yaml(path.read_text(encoding="utf-8")))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> CategoryClassifier:
        weights: Mapping[str, float] = data["weights"]
        rules: list[Rule] = []
        for label, strengths in data["categories"].items():
            for strength, patterns in strengths.items():
                if strength not in weights:
                    raise ValueError(f"category {label!r}: unknown strength {strength!r}")
                weight = float(weights[strength])
                rules.extend(Rule(label, weight, normalize_text(p)) for p in pattern_list(patterns, label))
        return cls(
            rules,
            order=list(data["categories"]),
            default=str(data["default"]),
            saturation=float(data["saturation"]),
            version=str(data["version"]),
        )

    def scores(self, text: str) -> dict[str, float]:
        return self._rules.scores(normalize_text(text))

    def classify(self, text: str) -> tuple[str, float]:
        scores = self.scores(text)
        if not scores:
            return self.default, 0.0
        # Best score first; on a tie the category listed first in the data (more specific) wins.
        ranked = sorted(scores.items(), key=lambda item: (-item[1], self._rank[item[0]]))
        best_label, best = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        dominance = best / (best + runner_up)
        evidence = 1.0 - math.exp(-best / self.saturation)
        return best_label, round(dominance * evidence, 3)


def pattern_list(value: Any, where: str) -> list[str]:
    """A rule file's list of patterns, checked: YAML turns an unquoted ``a: b`` into a mapping."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{where}: patterns must be a list of strings (quote those containing ': ')")
    return value


@cache
def default_classifier(directory: Path = DATA_DIR) -> CategoryClassifier:
    """The classifier of a data directory, compiled once per process."""
    return CategoryClassifier.from_file(directory / RULES_FILE)


def infer_category(text: str) -> tuple[str, float]:
    """The crime-category slug a text describes and a confidence in [0, 1].

    Confidence 0 with the default category ("other") means no rule matched at all.
    """
    return default_classifier().classify(text)


def join_texts(texts: Iterable[str | None]) -> str:
    """Several fields as one text; a newline keeps a phrase from spanning two fields."""
    return "\n".join(text for text in texts if text)
