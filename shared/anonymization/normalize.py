"""The view of a text that detectors read: what hides personal data from a pattern is undone.

- Zero-width and soft-hyphen characters inside a word ("Jo\\u200bhn") are removed (the zero-width
  non-joiner stays inside Arabic-script words, where Persian spelling needs it).
- Decimal digits of any script (Arabic-Indic "٠٧٩٨", Devanagari, full-width) read as ASCII digits.
- For the name detectors only, "_" reads as a space ("john_smith_passport.pdf"); URL, e-mail and
  hash detectors read the text with its underscores.

Spans found in the view are mapped back to the original text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from shared.anonymization.detectors import Detection

_INVISIBLE = frozenset("\u200b\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
_ZWNJ = "\u200c"
_NAME_SEPARATORS = str.maketrans({"_": " "})


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    names: str  # the view for name detectors
    # Original index of each view character; None when the view is the original text.
    positions: list[int] | None = None

    @property
    def mapped(self) -> bool:
        return self.positions is not None

    def to_original(self, found: Iterable[Detection]) -> list[Detection]:
        positions = self.positions
        assert positions is not None
        return [Detection(positions[d.start], positions[d.end - 1] + 1, d.kind) for d in found]


def _digit_table(text: str) -> dict[int, str]:
    return {
        ord(ch): str(unicodedata.digit(ch))
        for ch in set(text)
        if not ch.isascii() and unicodedata.category(ch) == "Nd"
    }


def _keep(text: str, index: int) -> bool:
    ch = text[index]
    if ch in _INVISIBLE:
        return False
    if ch != _ZWNJ:
        return True
    # Persian writes ZWNJ inside words ("می‌خواهم"); elsewhere it only hides a word from a match.
    before = text[index - 1] if index else ""
    return "\u0600" <= before <= "\u06ff"


def normalize(text: str) -> Normalized:
    if text.isascii():
        return Normalized(text, text.translate(_NAME_SEPARATORS) if "_" in text else text)
    table = _digit_table(text)
    view = text.translate(table) if table else text
    if any(ch in _INVISIBLE or ch == _ZWNJ for ch in set(text)):
        positions = [i for i in range(len(view)) if _keep(view, i)]
        if len(positions) != len(view):
            view = "".join(view[i] for i in positions)
            return Normalized(view, view.translate(_NAME_SEPARATORS), positions)
    return Normalized(view, view.translate(_NAME_SEPARATORS) if "_" in view else view)
