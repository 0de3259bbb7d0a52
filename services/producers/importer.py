"""Reading submission files: STIX 2.1 bundles, MO reports as JSON / a JSON list / JSON lines / CSV,
and MISP events (``{"Event": ...}``, a list of them, or a REST ``{"response": [...]}``), which
become STIX 2.1 bundles here (services/producers/misp.py).

CSV convention: one report per row, the report's fields as columns; list fields `sectors` and
`recipients` are `;`-separated; nested fields (`modus_operandi`, `indicators`, `victims`,
`submitter`) hold JSON. Empty cells mean "absent".

Each item carries where it came from (file and line, and the event index for MISP), so a bad
row or event can be reported by name while the rest go through.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from services.producers.misp import (
    MISPConversionError,
    MispPersonal,
    is_misp_event,
    is_misp_payload,
    misp_events,
    misp_to_bundle,
)

SUPPORTED_SUFFIXES = (".json", ".jsonl", ".ndjson", ".csv")
LIST_COLUMNS = ("sectors", "recipients")
JSON_COLUMNS = ("modus_operandi", "indicators", "victims", "submitter")


@dataclass(frozen=True)
class SourceItem:
    """One report or bundle read from a file, or the reason it could not be read."""

    source: str
    line: int
    payload: Any = None
    error: str | None = None
    misp_event: int | None = None
    """Index of the MISP event in its file, for events converted from MISP."""

    @property
    def where(self) -> str:
        event = f" (MISP event #{self.misp_event})" if self.misp_event is not None else ""
        return f"{self.source}:{self.line}{event}"

    @property
    def is_bundle(self) -> bool:
        return isinstance(self.payload, dict) and self.payload.get("type") == "bundle"


def expand_paths(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES))
        else:
            files.append(path)
    return files


def read_items(path: Path, misp_personal: MispPersonal | None = None) -> Iterator[SourceItem]:
    """The items of a file; MISP events lose what `misp_personal` lists (the bundled list when None)."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        yield SourceItem(name, 0, error=f"cannot read file: {error}")
        return
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _csv_items(name, text)
    elif suffix in (".jsonl", ".ndjson"):
        yield from _json_lines_items(name, text)
    elif suffix == ".json":
        yield from _json_items(name, text, misp_personal)
    else:
        yield SourceItem(name, 0, error=f"unsupported file type {suffix!r}: use one of {SUPPORTED_SUFFIXES}")


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _json_items(name: str, text: str, personal: MispPersonal | None) -> Iterator[SourceItem]:
    decoder = json.JSONDecoder()
    start = _skip_space(text, 0)
    if start < len(text) and text[start] == "[":
        yield from _misp_or_plain(_json_array_items(name, text, decoder, start + 1), personal)
        return
    try:
        value, _ = decoder.raw_decode(text, start)
    except json.JSONDecodeError as error:
        yield SourceItem(name, error.lineno, error=f"malformed JSON: {error.msg} (column {error.colno})")
        return
    line = _line_of(text, start)
    if is_misp_payload(value):
        events = enumerate(misp_events(value))
        yield from (_misp_item(name, line, index, event, personal) for index, event in events)
    else:
        yield SourceItem(name, line, payload=value)


def _misp_or_plain(items: Iterator[SourceItem], personal: MispPersonal | None) -> Iterator[SourceItem]:
    """List elements that are MISP events become bundles, numbered by their place in the list."""
    for index, item in enumerate(items):
        if is_misp_event(item.payload):
            yield _misp_item(item.source, item.line, index, item.payload, personal)
        else:
            yield item


def _misp_item(name: str, line: int, index: int, event: Any, personal: MispPersonal | None) -> SourceItem:
    try:
        return SourceItem(name, line, payload=misp_to_bundle(event, personal), misp_event=index)
    except MISPConversionError as error:
        return SourceItem(name, line, error=f"bad MISP event: {error}", misp_event=index)


def _json_array_items(name: str, text: str, decoder: json.JSONDecoder, index: int) -> Iterator[SourceItem]:
    # Decoding element by element keeps each item's line number and lets the good ones through.
    while True:
        index = _skip_space(text, index)
        if index >= len(text):
            yield SourceItem(name, _line_of(text, index), error="malformed JSON: unterminated list")
            return
        if text[index] == "]":
            return
        try:
            value, end = decoder.raw_decode(text, index)
        except json.JSONDecodeError as error:
            yield SourceItem(name, error.lineno, error=f"malformed JSON: {error.msg} (column {error.colno})")
            return
        yield SourceItem(name, _line_of(text, index), payload=value)
        index = _skip_space(text, end)
        if index < len(text) and text[index] == ",":
            index += 1


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _json_lines_items(name: str, text: str) -> Iterator[SourceItem]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield SourceItem(name, number, payload=json.loads(line))
        except json.JSONDecodeError as error:
            yield SourceItem(name, number, error=f"malformed JSON: {error.msg} (column {error.colno})")


def _csv_items(name: str, text: str) -> Iterator[SourceItem]:
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or "title" not in reader.fieldnames:
        yield SourceItem(name, 1, error="CSV needs a header row with at least a 'title' column")
        return
    for row in reader:
        line = reader.line_num
        try:
            yield SourceItem(name, line, payload=_csv_row_to_report(row))
        except ValueError as error:
            yield SourceItem(name, line, error=str(error))


def _csv_row_to_report(row: dict[str | Any, str | Any]) -> dict[str, Any]:
    report: dict[str, Any] = {}
    for column, cell in row.items():
        if column is None:
            raise ValueError("row has more cells than the header has columns")
        value = (cell or "").strip()
        if not value:
            continue
        if column in LIST_COLUMNS:
            report[column] = [part.strip() for part in value.split(";") if part.strip()]
        elif column in JSON_COLUMNS:
            try:
                report[column] = json.loads(value)
            except json.JSONDecodeError as error:
                raise ValueError(f"column {column!r} must hold JSON: {error.msg}") from error
        else:
            report[column] = value
    return report
