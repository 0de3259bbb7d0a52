"""The view of a text that detectors read: what hides personal data from a pattern is undone.

- Zero-width and soft-hyphen characters inside a word ("Jo\\u200bhn") are removed (the zero-width
  non-joiner stays inside Arabic-script words, where Persian spelling needs it), and so are
  Arabic-script vowel marks and the tatweel ("نوّار", "محـــمد").
- Decimal digits of any script (Arabic-Indic "٠٧٩٨", Devanagari, full-width) read as ASCII digits.
- A word broken at a line end with a hyphen, as print and OCR hyphenate ("Schil-\\nlerstraße"),
  reads whole: the hyphen and the line break are removed when a lowercase letter goes on.
- A word spelled out letter by letter ("J o h n  S m i t h", "T.o.m.a.s.z", "S-t-e-f-a-n") reads
  whole: the separators between its letters are removed, and a wider gap after it reads as one space.
- For the name detectors only, "_" reads as a space ("john_smith_passport.pdf"); URL, e-mail and
  hash detectors read the text with its underscores. They also read digits and signs written for
  letters inside a word ("Sm1th", "J3@N") as those letters, and look-alike letters of another script
  inside a word ("Ivаnova" with a Cyrillic "а") as letters of the word's own script.

Spans found in the view are mapped back to the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from shared.anonymization.detectors import Detection
from shared.anonymization.number_words import load_number_words, with_digits

_INVISIBLE = frozenset("\u200b\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
_ZWNJ = "\u200c"
# Arabic-script vowel and other optional marks, and the tatweel that stretches a word ("محـــمد"):
# names lists and patterns are written without them, and inside a word they split it.
_ARABIC_MARKS = frozenset(
    "\u0640\u0670"
    + "".join(map(chr, range(0x0610, 0x061B)))
    + "".join(map(chr, range(0x064B, 0x0660)))
    + "".join(map(chr, range(0x06D6, 0x06DD)))
    + "".join(map(chr, range(0x06DF, 0x06E5)))
    + "\u06e7\u06e8\u06ea\u06eb\u06ec\u06ed"
)
_HIDDEN = _INVISIBLE | _ARABIC_MARKS
_TATWEEL = "\u0640"
_HIDDEN_OR_ZWNJ = _HIDDEN | {_ZWNJ}
# One-letter prepositions and conjunctions written onto the next word ("بـ", "لـ", "وـ").
_PREFIX_LETTERS = frozenset("بلكوف")


def _after_prefix_letter(text: str, index: int) -> bool:
    return (
        index >= 1
        and text[index - 1] in _PREFIX_LETTERS
        and (index == 1 or not text[index - 2].isalnum())
        and index + 1 < len(text)
        and text[index + 1].isalpha()
    )


_NAME_SEPARATORS = str.maketrans({"_": " "})


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    names: str  # the view for name detectors
    # Original index of each view character; None when the view is the original text.
    positions: list[int] | None = None
    # The original text's length (when mapped).
    size: int = 0

    @property
    def mapped(self) -> bool:
        return self.positions is not None

    def to_original(self, found: Iterable[Detection]) -> list[Detection]:
        positions = self.positions
        assert positions is not None
        # A span ends where the view's next character starts: the marks and tatweel removed right
        # after its last letter are written on it ("هـ", the Hijri year's mark; "محمدٌ") and go with it.
        last = len(positions)
        return [
            Detection(positions[d.start], positions[d.end] if d.end < last else self.size, d.kind)
            for d in found
        ]


# A decimal digit that is not ASCII ("\d" reads exactly the characters of category Nd): most
# texts have none, and one search says so instead of a category look-up per distinct character.
_OTHER_DIGIT_RE = re.compile(r"(?![0-9])\d")


def _digit_table(text: str) -> dict[int, str]:
    if _OTHER_DIGIT_RE.search(text) is None:
        return {}
    return {
        ord(ch): str(unicodedata.digit(ch))
        for ch in set(text)
        if not ch.isascii() and unicodedata.category(ch) == "Nd"
    }


def _keep(text: str, index: int) -> bool:
    ch = text[index]
    if ch == _TATWEEL and _after_prefix_letter(text, index):
        return True  # "بـسعيد": a preposition set apart from a proper noun (names.py reads it)
    if ch in _HIDDEN:
        return False
    if ch != _ZWNJ:
        return True
    # Persian writes ZWNJ inside words ("می‌خواهم"); elsewhere it only hides a word from a match.
    before = text[index - 1] if index else ""
    return "\u0600" <= before <= "\u06ff"


# A hyphen ending a line inside a word: a letter before it, a lowercase letter after the break.
_LINE_HYPHEN_RE = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[^\W\d_])")


def _line_hyphens(text: str) -> set[int]:
    """Indices of the hyphens and line breaks of words broken at a line end."""
    if "\n" not in text or "-" not in text:
        return set()  # most fields: one line, or no hyphen
    return {
        i
        for match in _LINE_HYPHEN_RE.finditer(text)
        if text[match.end()].islower()
        for i in range(match.start(), match.end())
    }


# Combining marks: a letter spelled out alone keeps its vowel signs and accents ("ब.हा.दु.र").
_MARKS = "".join(
    re.escape(chr(c)) for c in range(0x300, 0x3000) if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me")
)
_SPELLED_LETTER = rf"[^\W\d_][{_MARKS}]*"
# Three or more letters, each alone, with one separator between them, the same each time: no
# word of any language is written so.
_SPELLED_RE = re.compile(
    rf"(?<![\w{_MARKS}])(?:{_SPELLED_LETTER})(?P<sep>[ .\-·•])(?:{_SPELLED_LETTER})"
    rf"(?:(?P=sep)(?:{_SPELLED_LETTER}))+(?![\w{_MARKS}])"
)
# Letters joined by hyphens ("A-B-C", a plan's steps) need four.
_SHORT_RUN_MIN = 4


def _spelled_gaps(text: str) -> set[int]:
    """Indices of the separators inside words spelled out letter by letter, and of the spaces
    beyond the first in a gap after or before one."""
    if len(text) < 5:
        return set()
    gaps: set[int] = set()
    numbers = load_number_words().values
    for match in _SPELLED_RE.finditer(text):
        sep = match["sep"]
        start, end = match.start(), match.end()
        if sep == " " and text.startswith(".", end):
            # "H a d ž i ć A.": the last letter is an initial with its dot.
            end = text.rindex(" ", start, end)
        run = text[start:end]
        letters = run.count(sep) + 1
        if sep == "." and text.startswith(".", end):
            continue  # a dot after the last letter too: an abbreviation ("U.S.A.", "д.о.о.", "भा.दं.सं.")
        if letters < 3 or (sep not in " ." and letters < _SHORT_RUN_MIN):
            continue
        if sep == " " and any(ch > "\u036f" and unicodedata.category(ch)[0] == "M" for ch in run):
            continue  # a consonant with its vowel sign is a word of Indic scripts ("ने", "ਤੇ")
        if all(letter.lower() in numbers for letter in run.split(sep)):
            continue  # digits said one by one, each a one-letter word ("છ છ છ": six six six)
        # Letters spaced apart in a script with capitals start with one: a name does, and runs of
        # one-letter words ("o e a", particles of Polynesian languages) do not.
        if sep == " " and run[0].lower() != run[0].upper() and not run[0].isupper():
            continue
        gaps.update(start + i for i, ch in enumerate(run) if ch == sep)
        after = end
        while after < len(text) and text[after] == " ":
            after += 1
        gaps.update(range(end + 1, after))
        before = start
        while before > 0 and text[before - 1] == " ":
            before -= 1
        gaps.update(range(before + 1, start))
    return gaps


@cache
def _homoglyphs() -> dict[str, tuple[dict[int, str], dict[int, str]]]:
    """Per script: its look-alikes read as Latin letters, and Latin letters read as its own."""
    data = yaml.safe_load((Path(__file__).parent / "homoglyphs.yaml").read_text(encoding="utf-8"))
    tables: dict[str, tuple[dict[int, str], dict[int, str]]] = {}
    for script, pairs in data.items():
        to_latin = {ord(pair[1]): pair[0] for pair in pairs.split()}
        from_latin = {ord(pair[0]): pair[1] for pair in pairs.split()}
        tables[script] = (to_latin, from_latin)
    return tables


def _script(ch: str) -> str:
    if ch < "\u0250":
        return "latin"
    if "\u0370" <= ch < "\u0400":
        return "greek"
    if "\u0400" <= ch < "\u0530":
        return "cyrillic"
    return ""


_WORD_RE = re.compile(r"[^\W\d_]{2,}")


def _unmixed(view: str) -> str:
    """Words mixing Latin letters with Cyrillic or Greek look-alikes, read in their majority script."""
    tables = _homoglyphs()
    parts: list[str] = []
    last = 0
    for match in _WORD_RE.finditer(view):
        word = match.group()
        if word.isascii():
            continue
        counts: dict[str, int] = {}
        for ch in word:
            script = _script(ch)
            counts[script] = counts.get(script, 0) + 1
        if counts.get("latin", 0) == 0 or len(counts) != 2 or "" in counts:
            continue
        other = next(script for script in counts if script != "latin")
        to_latin, from_latin = tables[other]
        table = to_latin if counts["latin"] >= counts[other] else from_latin
        parts.append(view[last : match.start()])
        parts.append(word.translate(table))
        last = match.end()
    if not parts:
        return view
    parts.append(view[last:])
    return "".join(parts)


# Digits and signs written for letters ("Sm1th", "J3@N", "WH1TTAKER").
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
_LEET_TOKEN_RE = re.compile(r"(?<![\w@$])[A-Za-z0134579@$]*[0134579@$][A-Za-z0134579@$]*(?![\w@$])")


def _leet_word(token: str) -> str | None:
    """The word a token of letters and stand-in digits spells, or None: the stand-ins must sit
    between letters (or other stand-ins), not only before or after them ("3rd", "john85", "4U")."""
    letters = [ch for ch in token if ch.isalpha()]
    if len(letters) < 2:
        return None
    inner = token[1:-1]
    if not any(ch in _LEET for ch in inner):
        return None
    upper = all(ch.isupper() for ch in letters)
    out = []
    for i, ch in enumerate(token):
        if ch in _LEET:
            letter = _LEET[ch]
            out.append(letter.upper() if upper or (i == 0 and token[1:].islower()) else letter)
        else:
            out.append(ch)
    return "".join(out)


def _unleet(view: str) -> str:
    parts: list[str] = []
    last = 0
    for match in _LEET_TOKEN_RE.finditer(view):
        token = match.group()
        # An e-mail address's "@" ("jan@mail.ru") is no letter.
        if "@" in token and view.startswith(".", match.end()):
            continue
        word = _leet_word(token)
        if word is None:
            continue
        parts.append(view[last : match.start()])
        parts.append(word)
        last = match.end()
    if not parts:
        return view
    parts.append(view[last:])
    return "".join(parts)


def _names_view(view: str) -> str:
    names = view.translate(_NAME_SEPARATORS) if "_" in view else view
    names = _unleet(names)
    return names if names.isascii() else _unmixed(names)


def normalize(text: str) -> Normalized:
    view = _cleaned(text)
    spelled = with_digits(view.text)
    if spelled is None:
        return view
    digits, positions = spelled
    if view.positions is not None:
        # Through both maps: the digits' offsets are in the cleaned view, the view's in the text.
        inner = view.positions
        positions = [inner[i] for i in positions]
    size = view.size if view.mapped else len(text)
    return Normalized(
        digits, digits.translate(_NAME_SEPARATORS) if "_" in digits else digits, positions, size
    )


def _cleaned(text: str) -> Normalized:
    broken = _line_hyphens(text)
    spelled = _spelled_gaps(text)
    drop = broken | spelled if spelled else broken
    if text.isascii() and not drop:
        return Normalized(text, _names_view(text))
    table = _digit_table(text)
    view = text.translate(table) if table else text
    if drop or not _HIDDEN_OR_ZWNJ.isdisjoint(text):
        positions = [i for i in range(len(view)) if i not in drop and _keep(view, i)]
        if len(positions) != len(view):
            view = "".join(view[i] for i in positions)
            return Normalized(view, _names_view(view), positions, len(text))
    return Normalized(view, _names_view(view))
