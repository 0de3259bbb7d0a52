"""Cells of a pasted table's name columns: the header row says what each cell below it is.

A bank's export, a telecom's subscriber list or a form pasted as CSV/TSV has a header row
("Фамилия;Имя;Отчество;Дата рождения"); a cell under a header naming a person's name
(table_columns.yaml) is a name whether or not a name list knows it. The table is the header's
line and the lines right after it that have as many cells, split by the same separator.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from shared.anonymization.detectors import PERSON, Detection
from shared.data_files import parse_yaml

DATA_FILE = Path(__file__).parent / "table_columns.yaml"
# ";" is the CSV separator of European spreadsheet exports, "," the others'.
_SEPARATORS = (";", "\t", "|", ",")
_HEAD_END = " \t:：*"
# A name cell: letters, blanks, hyphens, apostrophes and initials' dots; a few words at most.
_NAME_CELL_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[ .'’-])*", re.UNICODE)
_MAX_NAME_WORDS = 4
_MIN_CELLS = 2


@cache
def name_headers(path: Path = DATA_FILE) -> frozenset[str]:
    raw = parse_yaml(path.read_text(encoding="utf-8"))
    return frozenset(str(word).lower() for word in raw.get("name_headers") or ())


def _cells(line: str, at: int, sep: str) -> list[tuple[int, int]]:
    """The cells of a line starting at `at`, as spans without their blanks and quotes."""
    cells: list[tuple[int, int]] = []
    start = 0
    for value in line.split(sep):
        stripped = value.strip().strip('"')
        lead = value.find(stripped) if stripped else 0
        cells.append((at + start + lead, at + start + lead + len(stripped)))
        start += len(value) + 1
    return cells


def _name_cell(value: str) -> bool:
    """Letters in a few words; in a script with case, not all lower-case (a note, not a name)."""
    if _NAME_CELL_RE.fullmatch(value) is None or len(value.split()) > _MAX_NAME_WORDS:
        return False
    cased = any(ch.isupper() or ch.islower() for ch in value)
    return not cased or value != value.lower()


def find_name_columns(text: str, headers: frozenset[str] | None = None) -> Iterator[Detection]:
    """PERSON for every name-like cell under a name column's header."""
    words = headers if headers is not None else name_headers()
    for sep in _SEPARATORS:
        if sep not in text:
            continue
        columns: list[int] = []
        width = 0
        at = 0
        for line in text.split("\n"):
            cells = _cells(line, at, sep) if sep in line else []
            heads = [i for i, (s, e) in enumerate(cells) if text[s:e].rstrip(_HEAD_END).lower() in words]
            if heads and len(cells) >= _MIN_CELLS:
                columns, width = heads, len(cells)
            elif columns and len(cells) == width:
                for i in columns:
                    start, end = cells[i]
                    if start < end and _name_cell(text[start:end]):
                        yield Detection(start, end, PERSON)
            else:
                columns = []
            at += len(line) + 1
