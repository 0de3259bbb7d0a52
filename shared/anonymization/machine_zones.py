"""Machine-readable zones of travel documents (ICAO Doc 9303) pasted into a report.

An MRZ is a format, not prose: its fields sit at fixed positions and carry check digits, so the
holder's name, document number, date of birth and personal number are read from the positions
rather than guessed from words (a name written "NOWAK<<ANNA<MARIA" is no word of any lexicon).

- TD3 (passports, 2 lines of 44) and TD2 (2 lines of 36): line 1 is the document type (2), the
  issuing state (3) and the name; line 2 the document number (9), its check digit, nationality
  (3), birth date (YYMMDD) and its check digit, sex, expiry date and its check digit, and
  optional data (the personal number).
- TD1 (identity cards, 3 lines of 30): line 1 is the type, state, document number and its check
  digit, then optional data (often the personal number); line 2 the birth date and its check
  digit, sex, expiry, nationality and optional data; line 3 the name.

A line is taken as an MRZ line only if a check digit it carries holds, so a run of capitals and
"<" in other text is left to the other detectors. Pasted zones lose fillers, so the lengths are
not required to be exact.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from shared.anonymization import detectors
from shared.anonymization.detectors import Detection

_WEIGHTS = (7, 3, 1)
# Not preceded or followed by another character of the zone's alphabet: the line starts here.
_EDGE_BEFORE = r"(?<![A-Z0-9<])"
_EDGE_AFTER = r"(?![A-Z0-9<])"
# TD3/TD2 line 1: a passport ("P") or visa ("V") type, the state, the name field.
_NAME_LINE = re.compile(
    _EDGE_BEFORE + r"[PV][A-Z<][A-Z<]{3}(?P<name>[A-Z]+(?:<{1,2}[A-Z]+)*)<*" + _EDGE_AFTER
)
# TD3/TD2 line 2. The document number may have lost its trailing filler when pasted.
_DATA_LINE = re.compile(
    _EDGE_BEFORE
    + r"(?P<doc>[A-Z0-9<]{8,9})(?P<doc_check>\d)[A-Z<]{3}(?P<birth>\d{6})(?P<birth_check>\d)[MFX<]"
    + r"\d{6}\d(?P<optional>[A-Z0-9<]{0,16})"
    + _EDGE_AFTER
)
# TD1 line 1: an identity card's type ("I", "A", "C"), the state, the number and optional data.
_CARD_LINE = re.compile(
    _EDGE_BEFORE
    + r"[IAC][A-Z<][A-Z<]{3}(?P<doc>[A-Z0-9<]{9})(?P<doc_check>[\d<])(?P<optional>[A-Z0-9<]{0,17})"
    + _EDGE_AFTER
)
# TD1 line 2: birth date first.
_CARD_DATES = re.compile(
    _EDGE_BEFORE
    + r"(?P<birth>\d{6})(?P<birth_check>\d)[MFX<]\d{6}\d[A-Z<]{3}(?P<optional>[A-Z0-9<]{0,12})"
    + _EDGE_AFTER
)
# TD1 line 3: the name alone, surname and given names parted by "<<".
_CARD_NAME = re.compile(_EDGE_BEFORE + r"(?P<name>[A-Z]+(?:<[A-Z]+)*<<[A-Z]+(?:<[A-Z]+)*)<*" + _EDGE_AFTER)
# A personal number in optional data: at least this many characters once the fillers are gone.
_MIN_PERSONAL_NUMBER = 5
_FIELD_RUN = re.compile(r"[A-Z0-9]+")


def check_digit(field: str) -> str:
    """The ICAO 9303 check digit: weights 7, 3, 1 over digits, letters A=10..Z=35 and "<" = 0."""
    total = 0
    for i, ch in enumerate(field):
        value = 0 if ch == "<" else int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10
        total += value * _WEIGHTS[i % 3]
    return str(total % 10)


def _valid_number(doc: str, check: str) -> bool:
    return check_digit(doc.ljust(9, "<")) == check


def _document_number(start: int, doc: str) -> Iterator[Detection]:
    number = doc.rstrip("<")
    if number and any(ch.isdigit() for ch in number):
        yield Detection(start, start + len(number), detectors.NATIONAL_ID)


def _personal_numbers(start: int, optional: str) -> Iterator[Detection]:
    for run in _FIELD_RUN.finditer(optional):
        if len(run.group()) >= _MIN_PERSONAL_NUMBER and any(ch.isdigit() for ch in run.group()):
            yield Detection(start + run.start(), start + run.end(), detectors.NATIONAL_ID)


def _next_line(text: str, end: int) -> tuple[int, str]:
    """The start and content (stripped of surrounding spaces) of the line after position end."""
    newline = text.find("\n", end)
    if newline < 0:
        return len(text), ""
    stop = text.find("\n", newline + 1)
    line = text[newline + 1 : stop if stop >= 0 else len(text)]
    stripped = line.lstrip()
    return newline + 1 + len(line) - len(stripped), stripped.rstrip()


def find_machine_zones(text: str) -> tuple[list[Detection], list[tuple[int, int]]]:
    """The personal fields of every MRZ line in text, and the spans of those lines (the fields
    win there over whatever else a detector read in a run of capitals and digits)."""
    if "<" not in text:
        return [], []
    found: list[Detection] = []
    lines: list[tuple[int, int]] = []
    for m in _DATA_LINE.finditer(text):
        birth_ok = check_digit(m["birth"]) == m["birth_check"]
        if not (birth_ok or _valid_number(m["doc"], m["doc_check"])):
            continue
        lines.append(m.span())
        found.extend(_document_number(m.start("doc"), m["doc"]))
        found.append(Detection(m.start("birth"), m.end("birth"), detectors.DATE_OF_BIRTH))
        found.extend(_personal_numbers(m.start("optional"), m["optional"]))
    for m in _CARD_DATES.finditer(text):
        if check_digit(m["birth"]) != m["birth_check"] or any(s <= m.start() < e for s, e in lines):
            continue
        lines.append(m.span())
        found.append(Detection(m.start("birth"), m.end("birth"), detectors.DATE_OF_BIRTH))
        found.extend(_personal_numbers(m.start("optional"), m["optional"]))
        start, line = _next_line(text, m.end())
        name = _CARD_NAME.match(line)
        if name is not None:
            lines.append((start, start + name.end()))
            found.append(Detection(start + name.start("name"), start + name.end("name"), detectors.PERSON))
    for m in _CARD_LINE.finditer(text):
        if not _valid_number(m["doc"], m["doc_check"]) or any(s <= m.start() < e for s, e in lines):
            continue
        lines.append(m.span())
        found.extend(_document_number(m.start("doc"), m["doc"]))
        found.extend(_personal_numbers(m.start("optional"), m["optional"]))
    for m in _NAME_LINE.finditer(text):
        # A passport's name line is told by the data line under it.
        start, _ = _next_line(text, m.end())
        if not any(s == start for s, _ in lines):
            continue
        lines.append(m.span())
        found.append(Detection(m.start("name"), m.end("name"), detectors.PERSON))
    return found, lines
