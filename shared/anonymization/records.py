"""Personal fields of records pasted into a report, read by their format's own field names.

- vCard (RFC 6350): FN is the formatted name, N the name's parts ("family;given;additional;
  prefix;suffix"), ADR the address's parts ("box;extended;street;locality;region;postcode;
  country"), BDAY the birth date; read only inside a BEGIN:VCARD block.
- SWIFT MT103 field 50 (ordering customer: in a fraud report the victim who paid): an account
  after "/", then the name on the first line and the address on the others (:50K:), or numbered
  lines (:50F: 1/ name, 2/ address, 3/ country and town, 4/ birth date, 6/ and 7/ identity
  numbers). Field 59 (the beneficiary) is the receiving account, intelligence, and is left to
  the other rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from shared.anonymization import detectors
from shared.anonymization.detectors import Detection

_VCARD_RE = re.compile(r"BEGIN:VCARD\r?\n(?P<body>.*?)END:VCARD", re.DOTALL | re.IGNORECASE)
# A property line: an optional group ("item1."), the name, parameters, ":", the value.
_PROPERTY_RE = re.compile(
    r"^(?:[\w-]+\.)?(?P<name>FN|N|ADR|BDAY)(?:;[^:\n]*)?:(?P<value>[^\r\n]*)", re.MULTILINE | re.IGNORECASE
)
# ADR's street, locality, region and postcode: the address without the box, the extended line
# (often empty) and the country.
_ADR_FIRST, _ADR_LAST = 2, 5
_MT_FIELD_50_RE = re.compile(r"^:50(?P<option>[AFK]):(?P<rest>[^\r\n]*)", re.MULTILINE)
_MT_TAG_RE = re.compile(r":\d{2}[A-Z]?:")
_MT_LINES = 4
_MT50F_LINE_RE = re.compile(r"(?P<number>[1-8])/(?P<value>.+)")
_MT50F_KINDS = {
    "1": detectors.PERSON,
    "2": detectors.ADDRESS,
    "3": detectors.ADDRESS,
    "4": detectors.DATE_OF_BIRTH,
    "6": detectors.NATIONAL_ID,
    "7": detectors.NATIONAL_ID,
}
_DIGIT_RE = re.compile(r"\d")


def _components(value: str, at: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for part in value.split(";"):
        stripped = part.strip()
        lead = part.find(stripped) if stripped else 0
        spans.append((at + start + lead, at + start + lead + len(stripped)))
        start += len(part) + 1
    return spans


def _joined(parts: list[tuple[int, int]], kind: str) -> Iterator[Detection]:
    """One detection from the first non-empty part to the last."""
    filled = [(s, e) for s, e in parts if s < e]
    if filled:
        yield Detection(filled[0][0], filled[-1][1], kind)


def _vcard_fields(text: str) -> Iterator[Detection]:
    for card in _VCARD_RE.finditer(text):
        for prop in _PROPERTY_RE.finditer(text, card.start("body"), card.end("body")):
            name = prop["name"].upper()
            value, at = prop["value"], prop.start("value")
            if name == "FN":
                lead = len(value) - len(value.lstrip())
                yield from _joined([(at + lead, at + len(value.rstrip()))], detectors.PERSON)
            elif name == "N":
                yield from _joined(_components(value, at), detectors.PERSON)
            elif name == "ADR":
                yield from _joined(_components(value, at)[_ADR_FIRST : _ADR_LAST + 1], detectors.ADDRESS)
            elif _DIGIT_RE.search(value):
                yield from _joined([(at, at + len(value.rstrip()))], detectors.DATE_OF_BIRTH)


def _field_lines(text: str, end: int) -> list[tuple[int, int]]:
    """The continuation lines of a field ending its first line at `end`: up to the next tag."""
    lines: list[tuple[int, int]] = []
    at = end + 1
    while at < len(text) and len(lines) < _MT_LINES:
        stop = text.find("\n", at)
        stop = len(text) if stop < 0 else stop
        line = text[at:stop].rstrip("\r")
        if not line.strip() or _MT_TAG_RE.match(line):
            break
        lines.append((at, at + len(line.rstrip())))
        at = stop + 1
    return lines


def _mt103_fields(text: str) -> Iterator[Detection]:
    for field in _MT_FIELD_50_RE.finditer(text):
        rest, at = field["rest"], field.start("rest")
        if rest.startswith("/") and len(rest.strip()) > 1:
            yield Detection(at + 1, at + len(rest.rstrip()), detectors.IBAN)
        if field["option"] == "A":  # a bank's identifier code: no person
            continue
        lines = _field_lines(text, field.end())
        if field["option"] == "F":
            for start, end in lines:
                numbered = _MT50F_LINE_RE.fullmatch(text, start, end)
                if numbered is not None and numbered["number"] in _MT50F_KINDS:
                    yield Detection(numbered.start("value"), end, _MT50F_KINDS[numbered["number"]])
            continue
        if lines and _DIGIT_RE.search(text, lines[0][0], lines[0][1]) is None:
            yield Detection(lines[0][0], lines[0][1], detectors.PERSON)
            if len(lines) > 1:
                yield Detection(lines[1][0], lines[-1][1], detectors.ADDRESS)


def find_records(text: str) -> list[Detection]:
    """The personal fields of every vCard and MT103 ordering-customer field in text."""
    found: list[Detection] = []
    if "VCARD" in text.upper():
        found.extend(_vcard_fields(text))
    if ":50" in text:
        found.extend(_mt103_fields(text))
    return found
