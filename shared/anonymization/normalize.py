"""The view of a text that detectors read: what hides personal data from a pattern is undone.

- Zero-width and soft-hyphen characters inside a word ("Jo\\u200bhn") are removed (the zero-width
  non-joiner stays inside Arabic-script words, where Persian spelling needs it), and so are
  Arabic-script vowel marks and the tatweel ("نوّار", "محـــمد").
- Decimal digits of any script (Arabic-Indic "٠٧٩٨", Devanagari, full-width) read as ASCII digits.
- A word broken at a line end with a hyphen, as print and OCR hyphenate ("Schil-\\nlerstraße"),
  reads whole: the hyphen and the line break are removed when a lowercase letter goes on.
- For the name detectors only, "_" reads as a space ("john_smith_passport.pdf"); URL, e-mail and
  hash detectors read the text with its underscores.

Spans found in the view are mapped back to the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from shared.anonymization.detectors import Detection
from shared.anonymization.number_words import with_digits

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
    if text.isascii() and not broken:
        return Normalized(text, text.translate(_NAME_SEPARATORS) if "_" in text else text)
    table = _digit_table(text)
    view = text.translate(table) if table else text
    if broken or not _HIDDEN_OR_ZWNJ.isdisjoint(text):
        positions = [i for i in range(len(view)) if i not in broken and _keep(view, i)]
        if len(positions) != len(view):
            view = "".join(view[i] for i in positions)
            return Normalized(view, view.translate(_NAME_SEPARATORS), positions, len(text))
    return Normalized(view, view.translate(_NAME_SEPARATORS) if "_" in view else view)
