"""One intake, configured once: an operator's anonymization policy (CRIMEFEED_ANONYMIZATION_POLICY)
and word lists (CRIMEFEED_ANONYMIZATION_WORD_LISTS) apply to every door a partner's data comes in
by: the HTTP API (reports and bundles), TAXII POST on the search service, the TAXII poller and
`crimefeed import`. Run as a user runs them: `crimefeed up` and `crimefeed import` processes, a
real upstream TAXII server (medallion)."""

from __future__ import annotations

import os
import signal
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
import yaml

from services.embedded.broker import free_port
from shared.anonymization.names import NAMES_FILE
from shared.anonymization.policy import DEFAULT_POLICY_PATH
from tests.support.cli_process import COMMAND_TIMEOUT, CRIMEFEED, crimefeed_up, read_until
from tests.support.kafka import consume
from tests.support.medallion import READER, MedallionServer

TAXII_MEDIA = "application/taxii+json;version=2.1"
ALL_COLLECTION = "2f784c51-9e86-444f-b3ee-e35b0c7cbd5d"
# The bundled policy keeps domains in free text (offender infrastructure); this operator masks them.
DOMAIN = "parcel-fee-payment.example"
# The bundled names.yaml has no cue "runner"; this operator's has, so the name after it is masked.
RUNNER = "runner Berger"


def masking_policy(path: Path) -> Path:
    policy = yaml.safe_load(DEFAULT_POLICY_PATH.read_text())
    policy["text"]["default"]["DOMAIN"] = "mask"
    path.write_text(yaml.safe_dump(policy))
    return path


def word_lists(directory: Path) -> Path:
    names = yaml.safe_load(NAMES_FILE.read_text(encoding="utf-8"))
    names["cues"] += " runner"
    directory.mkdir()
    (directory / NAMES_FILE.name).write_text(yaml.safe_dump(names, allow_unicode=True), encoding="utf-8")
    return directory


def attack_pattern(door: str) -> dict[str, Any]:
    return {
        "type": "attack-pattern",
        "spec_version": "2.1",
        "id": f"attack-pattern--{uuid.uuid4()}",
        "created": "2026-03-01T10:00:00.000Z",
        "modified": "2026-03-01T10:00:00.000Z",
        "name": f"Parcel fee smishing via {door}",
        "description": f"Victims paid a fake customs fee on {DOMAIN} to {RUNNER} ({door}).",
    }


def bundle(door: str) -> dict[str, Any]:
    return {"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": [attack_pattern(door)]}


@pytest.fixture
def upstream(tmp_path: Path) -> Iterator[MedallionServer]:
    server = MedallionServer(tmp_path / "medallion")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def add_partner(data_dir: Path, env: dict[str, str]) -> str:
    added = subprocess.run(
        [CRIMEFEED, "partners", "add", "nl-police", "--max-tlp", "amber", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return added.stdout.strip().splitlines()[-1]


def sources_file(path: Path, upstream: MedallionServer) -> Path:
    source = {
        "name": "upstream",
        "url": upstream.discovery_url,
        "collection": upstream.collection_id,
        "partner": "nl-police",
        "tlp": "green",
        "interval_seconds": 600,
        "auth": {"username_env": "UPSTREAM_USER", "password_env": "UPSTREAM_PASSWORD"},
    }
    path.write_text(yaml.safe_dump({"sources": [source]}))
    return path


async def test_custom_policy_applies_at_every_door(tmp_path: Path, upstream: MedallionServer) -> None:
    kafka_port, producers_port, search_port = free_port(), free_port(), free_port()
    data_dir = tmp_path / "data"
    upstream.add([attack_pattern("poller")])
    env = {
        **os.environ,
        "CRIMEFEED_EMBEDDED_KAFKA_PORT": str(kafka_port),
        "CRIMEFEED_PRODUCERS_PORT": str(producers_port),
        "CRIMEFEED_SEARCH_PORT": str(search_port),
        "CRIMEFEED_ANONYMIZATION_POLICY": str(masking_policy(tmp_path / "policy.yaml")),
        "CRIMEFEED_ANONYMIZATION_WORD_LISTS": str(word_lists(tmp_path / "word-lists")),
        "CRIMEFEED_TAXII_SOURCES": str(sources_file(tmp_path / "sources.yaml", upstream)),
        "UPSTREAM_USER": READER[0],
        "UPSTREAM_PASSWORD": READER[1],
    }
    for name in ("CRIMEFEED_KAFKA_BOOTSTRAP", "CRIMEFEED_INTAKE_URL"):
        env.pop(name, None)
    key = add_partner(data_dir, env)
    process = crimefeed_up(data_dir, env)
    try:
        read_until(process, r"crimefeed is running", timeout=COMMAND_TIMEOUT)
        bearer = {"Authorization": f"Bearer {key}"}
        async with httpx.AsyncClient(timeout=30) as client:
            report = {
                "title": "Parcel fee smishing",
                "narrative": f"Victims paid a fake customs fee on {DOMAIN} to {RUNNER} (api-report).",
                "tlp": "green",
            }
            answers = [
                await client.post(
                    f"http://127.0.0.1:{producers_port}/api/v1/reports", json=report, headers=bearer
                ),
                await client.post(
                    f"http://127.0.0.1:{producers_port}/api/v1/bundles",
                    json=bundle("api-bundle"),
                    headers=bearer,
                ),
                await client.post(
                    f"http://127.0.0.1:{search_port}/taxii2/crimefeed/collections/{ALL_COLLECTION}/objects/",
                    content=orjson.dumps({"objects": [attack_pattern("taxii-post")]}),
                    headers={"Accept": TAXII_MEDIA, "Content-Type": TAXII_MEDIA},
                    auth=("nl-police", key),
                ),
            ]
        assert [answer.status_code for answer in answers] == [202, 202, 202], [a.text for a in answers]
        import_file = tmp_path / "import.json"
        import_file.write_bytes(orjson.dumps(bundle("import")))
        imported = subprocess.run(
            [CRIMEFEED, "import", str(import_file), "--as", "nl-police", "--data-dir", str(data_dir)],
            capture_output=True,
            text=True,
            env={**env, "CRIMEFEED_KAFKA_BOOTSTRAP": f"127.0.0.1:{kafka_port}"},
            timeout=120,
        )
        assert imported.returncode == 0, imported.stdout + imported.stderr

        doors = ("api-report", "api-bundle", "taxii-post", "poller", "import")
        records = await consume(
            f"127.0.0.1:{kafka_port}", "crimefeed.submissions.v1", expected=len(doors), timeout=60
        )
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)
    published = [record.value.decode() for record in records]
    assert sorted(door for door in doors for text in published if f"({door})" in text) == sorted(doors)
    assert all(DOMAIN not in text and "[DOMAIN]" in text for text in published), published
    assert all("Berger" not in text and "runner [PERSON]" in text for text in published), published
