"""`crimefeed partners` and `crimefeed import` as a user runs them, against the real broker."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import orjson

from services.producers.demo.generator import generate_demo_set, write_demo_files
from tests.support.cli_process import run_crimefeed as crimefeed
from tests.support.kafka import consume


def test_partners_add_prints_the_key_alone_on_the_last_line(tmp_path: Path) -> None:
    env = {**os.environ, "CRIMEFEED_DATA_DIR": str(tmp_path)}
    added = crimefeed("partners", "add", "fr-cert", "--max-tlp", "amber", "--groups", "eu", env=env)
    assert added.returncode == 0, added.stderr
    key = added.stdout.strip().splitlines()[-1]
    assert len(key) >= 40 and " " not in key
    listed = crimefeed("partners", "list", env=env)
    assert "fr-cert" in listed.stdout and "amber" in listed.stdout and key not in listed.stdout
    again = crimefeed("partners", "add", "fr-cert", "--max-tlp", "amber", env=env)
    assert again.returncode == 1 and "already exists" in again.stderr
    assert crimefeed("partners", "revoke", "fr-cert", env=env).returncode == 0
    assert "revoked" in crimefeed("partners", "list", env=env).stdout
    rotated = crimefeed("partners", "rotate", "fr-cert", env=env)
    assert rotated.returncode == 1 and "restore" in rotated.stderr
    assert "revoked" in crimefeed("partners", "list", env=env).stdout
    restored = crimefeed("partners", "restore", "fr-cert", env=env)
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.strip().splitlines()[-1] != key
    assert "active" in crimefeed("partners", "list", env=env).stdout


def test_import_submits_demo_files_and_reports_bad_rows_by_name_and_line(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    prefix = f"i{uuid.uuid4().hex[:8]}."
    env = {
        **os.environ,
        "CRIMEFEED_DATA_DIR": str(tmp_path / "data"),
        "CRIMEFEED_KAFKA_BOOTSTRAP": kafka_bootstrap,
        "CRIMEFEED_TOPIC_PREFIX": prefix,
    }
    demo = generate_demo_set(seed=3, size=60)
    for partner in demo.partners:  # TLP:RED recipients must be known partners
        crimefeed("partners", "add", partner.partner_id, "--max-tlp", partner.max_tlp, env=env)
    files = write_demo_files(tmp_path / "files", demo)
    bad = tmp_path / "files" / "bad.json"
    bad.write_text(json.dumps([{"title": "fine", "tlp": "green"}, {"narrative": "no title"}], indent=1))

    result = crimefeed("import", *map(str, files), str(bad), env=env)

    assert result.returncode == 1, result.stderr  # some items were rejected
    assert f"rejected {bad}:6: invalid MO report; title: Field required" in result.stdout
    expected = len(demo.submissions) + 1
    assert f"accepted {expected}, rejected 1," in result.stdout
    records = await_records(kafka_bootstrap, f"{prefix}submissions.v1", expected)
    assert len(records) == expected
    assert all(orjson.loads(record)["type"] == "bundle" for record in records)


def await_records(bootstrap: str, topic: str, expected: int) -> list[bytes]:
    import asyncio

    return [record.value for record in asyncio.run(consume(bootstrap, topic, expected=expected))]
