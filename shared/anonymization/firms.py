"""Names of firms: a run of capitalized words with a company's legal form after it ("Brightline
Solutions SL", "Tech-Serwis Kowalczyk i Wspólnicy sp. j.") or before it ("PT Jaya Tenaga Mandiri",
"SCI Les Tilleuls", "ООО «Ромашка»") names a registered company, even when the firm is named after
a person ("Colombo & Figli Costruzioni S.r.l."): a found person's name inside one is dropped."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import cache

import regex

from shared.anonymization.detectors import PERSON, Detection

# A word of a firm's name between the found name and the legal form: capitalized, or a joining
# word or particle ("Colombo & Figli Costruzioni S.r.l.", "Kowalczyk i Wspólnicy sp. j.").
_JOINING_WORDS = "& and und et y e i och og en de di da do dos das del della van von der den du des la le les"
_NAME_WORD = rf"(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*|{'|'.join(_JOINING_WORDS.split())})"
_OPENING_QUOTES = "\"'«“„‘‹「『"
_CLOSING_QUOTES = "\"'»”“’›」』"
# A firm's name has at most this many more words between the found name and its legal form.
_WORDS_MAX = 4
# How far before and after a found name its firm's legal form is looked for.
_WINDOW = 80
# English writes some legal forms after a comma ("Acme, Inc.").
_AFTER_COMMA = r"Inc\.?|INC\.?|LLC|Ltd\.?|LTD\.?|Limited|Corp\.?"
# A short form in capitals ("AS", "SA") in a name written all in capitals may be a word ("AS").
_SHORT_CAPITALS = 3


def _alternation(forms: Sequence[str]) -> str:
    """The forms as written and in capitals ("GmbH", "GMBH"), longest first."""
    written = {f for form in forms for f in (form, form.upper())}
    return "|".join(regex.escape(f) for f in sorted(written, key=len, reverse=True))


@cache
def _patterns(after: tuple[str, ...], before: tuple[str, ...]) -> tuple[regex.Pattern[str], ...]:
    after_forms, before_forms = _alternation(after), _alternation(before)
    # A legal form after the name and up to _WORDS_MAX more words of the firm's name; not one
    # followed by a postcode ("Adelaide SA 5000" is a state's abbreviation).
    end = r"(?![\p{L}\p{N}])(?![ \t]*\d{3})"
    suffix = regex.compile(
        rf"(?:[ \t]+{_NAME_WORD}){{0,{_WORDS_MAX}}}[ \t]*[{_CLOSING_QUOTES}]?"
        rf"(?:[ \t]*(?P<form>{after_forms})|,[ \t]*(?P<form>{_AFTER_COMMA})){end}"
    )
    prefix = regex.compile(
        rf"(?<![\p{{L}}\p{{N}}])(?P<form>{before_forms})[ \t]*[{_OPENING_QUOTES}]?[ \t]*"
        rf"(?:{_NAME_WORD}[ \t]+|[dDlL]['’]){{0,{_WORDS_MAX}}}\Z"
    )
    # A form written over the found name itself ("Công" of "Công ty TNHH", "Handel AB").
    anywhere = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?P<form>{after_forms}|{before_forms}){end}")
    return suffix, prefix, anywhere


def keep_firms(
    text: str,
    found: list[Detection],
    after: tuple[str, ...],
    before: tuple[str, ...],
    checked: AbstractSet[Detection] = frozenset(),
) -> list[Detection]:
    """Without the persons' names that are part of a firm's name, whichever detector found them.
    `checked`: names of this text a call before kept; whether a span is in a firm's name depends
    on the text alone, so they are not read again."""
    if not after and not before:
        return found
    suffix, prefix, anywhere = _patterns(after, before)
    return [
        det
        for det in found
        if det.kind != PERSON or det in checked or not _in_firm(text, det, suffix, prefix, anywhere)
    ]


def _in_firm(
    text: str,
    det: Detection,
    suffix: regex.Pattern[str],
    prefix: regex.Pattern[str],
    anywhere: regex.Pattern[str],
) -> bool:
    name = text[det.start : det.end]
    start = max(0, det.start - _WINDOW)
    matches = [
        suffix.match(text, det.end, min(len(text), det.end + _WINDOW)),
        prefix.search(text, start, det.start),
        *(
            m
            for m in anywhere.finditer(text, start, min(len(text), det.end + _WINDOW))
            if m.start() < det.end and det.start < m.end()
        ),
    ]
    return any(m is not None and _firm_form(name, m.group("form")) for m in matches)


def _firm_form(name: str, form: str) -> bool:
    """A legal form says "firm", except a short one in capitals after a name written in capitals
    ("JOHN SMITH AS ..."): there it may be a word."""
    short = len(form) <= _SHORT_CAPITALS and form.isalpha() and form.isupper()
    return not (short and name.isupper())
