"""Street lines of many countries, in their own script and order (word lists in addresses.yaml).

A street line is a street's name and a house number, in either order, with flat or block parts:
"ul. Baczyńskiego 946", "Arany János utca 19", "7923 Justin Centers Apt. 152", "вул. Шевченка 12",
"Pederstrupvej 1017". It is recognised by a street-type word before or after the name, a street
name ending ("-vej", "-straße"), or, for names without either ("Hempstücken 1172", "Na Sitine
1060"), by where it stands: after an address cue ("lives at", "wohnhaft in der", "con domicilio en")
or between commas after a name ("Son voisin Jean Dupont, Kožarska 7, a reçu ..."); such a name needs
one word that is rare in every report language, so that ", version 2," is not an address.

Cost: only windows around short digit runs (house numbers) are searched.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex
import yaml

from shared.anonymization.detectors import ADDRESS, Detection, SpanIndex
from shared.anonymization.names import frequent_words, load_lexicon

DATA_FILE = Path(__file__).parent / "addresses.yaml"
# A house number: 1-5 digits, not part of an amount, a time, a percentage or a date.
_HOUSE_NUMBER_RE = regex.compile(
    r"(?<![\d,.:€$£])\d{1,5}(?!\d|[,.:]\d|\s?(?:%|€|EUR|USD|GBP|CHF|h\b|min\b|km\b|x\b|times\b|fois\b|mal\b))"
)
_BEFORE = 60
_AFTER = 45
_WORD_RE = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’-]*")
_WORD_START_RE = regex.compile(r"(?<![\p{L}\p{M}\d'’.-])[\p{L}\p{M}\d]")
_GATE_WORD_RE = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’./-]*")


def _alternation(words: str, *, ignore_case: bool = False) -> str:
    escaped = sorted({regex.escape(w) for w in words.split()}, key=len, reverse=True)
    body = "|".join(escaped)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


@dataclass(frozen=True, slots=True)
class StreetPatterns:
    # A street-type word or name ending says it is a street: [type, name, number],
    # [number, type, name], [name, type-after, number], [number, name, type-after],
    # [name-ending, number], [number, name-ending].
    typed: tuple[regex.Pattern[str], ...]
    # Only where it stands says so (needs a rare word): [after a cue], [apposition] x 2.
    placed: tuple[regex.Pattern[str], ...]
    # The words that decide where a pattern can start (lowercase, without a final ".").
    before_words: frozenset[str]
    after_words: frozenset[str]
    suffixes: tuple[str, ...]
    cue_words: frozenset[str]


@cache
def load_patterns(path: Path = DATA_FILE) -> StreetPatterns:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    before = _alternation(data["types_before"])
    after = _alternation(data["types_after"], ignore_case=True)
    suffixes = _alternation(data["suffixes"], ignore_case=True)
    cues = _alternation(data["cues"], ignore_case=True)
    links = _alternation(data["cue_links"], ignore_case=True)
    units = _alternation(data["units"])
    # Possessive quantifiers: a word never gives back characters, or the nested optional words
    # would backtrack polynomially (milliseconds per position).
    word = r"[\p{L}\p{M}][\p{L}\p{M}'’.\-]*+"
    cap = r"\p{Lu}[\p{L}\p{M}'’.\-]*+"
    num = r"\d{1,5}(?:[ ]?[A-Za-z](?![\p{L}\d]))?(?:[/-]\d{1,5}[A-Za-z]?){0,3}\.?(?!\d)"
    prefix = r"(?:(?:n[º°o]\.?|N[º°o]\.?|No\.?|Nr\.?|nr\.?|д\.|буд\.|№)[ \t]*)?"
    tail = rf"(?:,?[ \t]+{units}[ \t]*[\w/-]{{1,6}})*"
    start = r"(?<![\p{L}\p{M}\d])"
    name_num = rf"(?:{word}[ \t]+){{0,4}}?{word},?[ \t]+{prefix}{num}{tail}"
    typed = [
        rf"{start}{before}[ \t]+{name_num}",
        rf"{start}{num},?[ \t]+{before}[ \t]+(?:{word}[ \t]?){{1,4}}{tail}",
        rf"{start}(?:{cap}[ \t]+){{0,3}}{word}[ \t]+{after}\.?,?[ \t]+{prefix}{num}{tail}",
        rf"{start}{num},?[ \t]+(?:{cap}[ \t]+){{0,3}}{after}(?![\p{{L}}])\.?{tail}",
        rf"{start}(?:{cap}[ \t-])?\p{{L}}[\p{{L}}\p{{M}}'’\-]*+(?<={suffixes}),?[ \t]+{prefix}{num}{tail}",
        rf"{start}{num},?[ \t]+(?:{cap}[ \t-])?\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*+(?<={suffixes}){tail}",
    ]
    line = rf"(?:{name_num}|{num},?[ \t]+(?:{cap}[ \t]?){{1,5}}{tail})"
    placed = [
        rf"(?<![\p{{L}}]){cues}(?![\p{{L}}])(?:[ \t]*{links}(?![\p{{L}}]))*[ \t:]*(?P<line>{line})",
        rf"(?<=[,:;][ \t])(?P<line>(?:{cap}[ \t]+){{0,3}}{cap},?[ \t]+{prefix}{num}{tail})(?=[ \t]*[,;)\n])",
        rf"(?<=[,:;][ \t])(?P<line>{num},?[ \t]+(?:{cap}[ \t]?){{1,4}})(?=[,;)\n])",
    ]

    def lowered(name: str) -> frozenset[str]:
        return frozenset(w.lower().rstrip(".") for w in data[name].split())

    return StreetPatterns(
        tuple(regex.compile(p) for p in typed),
        tuple(regex.compile(p) for p in placed),
        lowered("types_before"),
        lowered("types_after"),
        tuple(lowered("suffixes")),
        lowered("cues"),
    )


def find_street_lines(text: str, taken: Iterable[Detection] = ()) -> Iterator[Detection]:
    """Street lines around short digit runs not inside `taken` (phones, ids, IBANs found first)."""
    patterns = load_patterns()
    index = SpanIndex(taken)
    covered_to = -1
    for number in _HOUSE_NUMBER_RE.finditer(text):
        if number.start() < covered_to or (index and index.overlaps(number.start(), number.end())):
            continue
        lo, hi = max(0, number.start() - _BEFORE), min(len(text), number.end() + _AFTER)
        best = _longest_around(text, number.start(), number.end(), lo, hi, patterns)
        if best is not None:
            covered_to = best[1]
            yield Detection(best[0], best[1], ADDRESS)


def _longest_around(
    text: str, n_start: int, n_end: int, lo: int, hi: int, patterns: StreetPatterns
) -> tuple[int, int] | None:
    """The longest street line around the house number at [n_start, n_end). The words around the
    number say which pattern can match where, so that only those are tried (a regex search over
    the window costs milliseconds)."""
    tokens = [(m.start(), m.group().lower().rstrip(".")) for m in _GATE_WORD_RE.finditer(text, lo, hi)]
    before = [t for t in tokens if t[0] < n_start][-6:]
    after = [t for t in tokens if t[0] >= n_end][:5]
    candidates: list[tuple[int, int]] = []  # (start, index of a typed pattern)
    for k, (start, word) in enumerate(before):
        if word in patterns.before_words:
            candidates.append((start, 0))
        if word in patterns.after_words:
            candidates.extend((before[j][0], 2) for j in range(max(0, k - 4), k))
        if word.endswith(patterns.suffixes):
            candidates.extend((before[j][0], 4) for j in range(max(0, k - 1), k + 1))
    for _, word in after:
        if word in patterns.before_words:
            candidates.append((n_start, 1))
        if word in patterns.after_words:
            candidates.append((n_start, 3))
        if word.endswith(patterns.suffixes):
            candidates.append((n_start, 5))
    for start, which in sorted(candidates):  # earliest start first: the longest line
        match = patterns.typed[which].match(text, start, hi)
        if match is not None and match.start() <= n_start and match.end() >= n_end:
            return _trim(text, match.span())
    placed: list[tuple[int, int]] = [(start, 0) for start, word in before if word in patterns.cue_words]
    comma = max(
        text.rfind(", ", max(lo, n_start - 45), n_start), text.rfind(": ", max(lo, n_start - 45), n_start)
    )
    if comma >= 0:
        placed += [(comma + 2, 1), (comma + 2, 2)]
    for start, which in placed:
        match = patterns.placed[which].match(text, start, hi)
        if match is None:
            continue
        span = match.span("line")
        if span[0] <= n_start and n_end <= span[1] and _has_rare_word(text[span[0] : span[1]]):
            return _trim(text, span)
    return None


def _longer(best: tuple[int, int] | None, span: tuple[int, int]) -> tuple[int, int]:
    if best is None or span[1] - span[0] > best[1] - best[0]:
        return span
    return best


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while end > start and text[end - 1] in " \t,;:":
        end -= 1
    return start, end


def _has_rare_word(line: str) -> bool:
    """A street name without a type word must have a word no report language uses often, and no
    function word ("lives in fear since 2019")."""
    lex = load_lexicon()
    frequent = frequent_words()
    words = [w.lower() for w in _WORD_RE.findall(line)]
    if not words or any(w in lex.stop for w in words):
        return False
    return any(len(w) > 3 and w not in frequent for w in words)
