"""A malformed word list (CRIMEFEED_ANONYMIZATION_WORD_LISTS) stops `crimefeed run producers` and
`crimefeed import` at start-up with one line naming the file and what is wrong, not a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.cli_process import run_crimefeed as crimefeed


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "CRIMEFEED_DATA_DIR": str(tmp_path / "data"),
        # Nothing listens here: the command must stop before it would connect.
        "CRIMEFEED_KAFKA_BOOTSTRAP": "127.0.0.1:1",
    }


def test_a_malformed_file_stops_the_producers_and_imports(tmp_path: Path, env: dict[str, str]) -> None:
    lists = tmp_path / "word-lists"
    lists.mkdir()
    (lists / "names.yaml").write_text("titles: Mr Mrs\n", encoding="utf-8")
    env["CRIMEFEED_ANONYMIZATION_WORD_LISTS"] = str(lists)
    report = tmp_path / "report.json"
    report.write_text('{"title": "t", "narrative": "n", "tlp": "green"}', encoding="utf-8")
    for args, code in ((("run", "producers"), 1), (("import", str(report)), 2)):
        done = crimefeed(*args, env=env)
        assert done.returncode == code, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        assert f"error: {lists / 'names.yaml'}: " in done.stderr and "cues: Field required" in done.stderr


def test_a_directory_that_does_not_exist_is_refused(tmp_path: Path, env: dict[str, str]) -> None:
    env["CRIMEFEED_ANONYMIZATION_WORD_LISTS"] = str(tmp_path / "missing")
    done = crimefeed("run", "producers", env=env)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "anonymization_word_lists" in done.stderr and "directory" in done.stderr


def test_a_malformed_collections_file_stops_the_search_service(tmp_path: Path, env: dict[str, str]) -> None:
    collections = tmp_path / "collections.yaml"
    collections.write_text("collections:\n  - {id: not-a-uuid, title: t}\n", encoding="utf-8")
    env["CRIMEFEED_TAXII_COLLECTIONS"] = str(collections)
    done = crimefeed("run", "search", env=env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert f"error: {collections}: collections[0].id: must be a UUID" in done.stderr
