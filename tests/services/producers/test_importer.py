from __future__ import annotations

import json
from pathlib import Path

from services.producers.importer import expand_paths, read_items

REPORT = {"title": "Smishing", "tlp": "green"}


def test_json_list_items_carry_their_line_and_a_bad_one_stops_only_itself(tmp_path: Path) -> None:
    path = tmp_path / "reports.json"
    path.write_text('[\n  {"title": "a"},\n  {"title": "b"}\n]\n')
    items = list(read_items(path))
    assert [(item.line, item.payload) for item in items] == [(2, {"title": "a"}), (3, {"title": "b"})]


def test_malformed_json_is_reported_with_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"title": "a"},\n  {"title": \n]\n')
    items = list(read_items(path))
    assert items[0].payload == {"title": "a"}
    assert items[1].error is not None and "malformed JSON" in items[1].error
    assert items[1].line == 4


def test_single_report_and_bundle_files(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps(REPORT))
    (tmp_path / "bundle.json").write_text(json.dumps({"type": "bundle", "id": "bundle--x", "objects": []}))
    items = {Path(i.source).name: i for p in expand_paths([tmp_path]) for i in read_items(p)}
    assert items["one.json"].payload == REPORT and not items["one.json"].is_bundle
    assert items["bundle.json"].is_bundle


def test_csv_rows_become_reports_and_bad_cells_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "reports.csv"
    path.write_text(
        "title,tlp,sectors,indicators\n"
        'Smishing,green,finance;logistics,"[{""type"": ""domain-name"", ""value"": ""x.example""}]"\n'
        "Broken,amber,,{not json\n"
    )
    first, second = read_items(path)
    assert first.payload == {
        "title": "Smishing",
        "tlp": "green",
        "sectors": ["finance", "logistics"],
        "indicators": [{"type": "domain-name", "value": "x.example"}],
    }
    assert second.line == 3 and second.error is not None and "indicators" in second.error


def test_jsonl_and_unsupported_files(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"title": "a"}\nnot json\n')
    (tmp_path / "notes.txt").write_text("hello")
    jsonl = list(read_items(tmp_path / "a.jsonl"))
    assert jsonl[0].payload == {"title": "a"} and jsonl[1].error and jsonl[1].line == 2
    unsupported = list(read_items(tmp_path / "notes.txt"))
    assert unsupported[0].error is not None and "unsupported file type" in unsupported[0].error
