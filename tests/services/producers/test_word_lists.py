"""CRIMEFEED_ANONYMIZATION_WORD_LISTS through a real producers server onto the real broker: the
operator's names.yaml and stix_vocabularies.yaml decide what is masked in what is published, the
other lists stay bundled."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import orjson
import yaml

from shared.anonymization.names import NAMES_FILE
from shared.anonymization.stix_structure import DATA_FILE as VOCABULARIES_FILE
from tests.support.kafka import consume
from tests.support.partner_stix import attack_pattern
from tests.support.producers_server import ProducersServer, running_producers

# "runner" is no naming cue in the bundled names.yaml, "fraudwatch" no known reference source.
NARRATIVE = "The payment went to runner Berger last week; his bank is NL91ABNA0417164300."
REPORT = {"title": "Parcel fee smishing", "narrative": NARRATIVE, "tlp": "green"}
SOURCE = [{"source_name": "fraudwatch", "external_id": "T1660"}]


def word_lists(directory: Path) -> Path:
    directory.mkdir()
    names = yaml.safe_load(NAMES_FILE.read_text(encoding="utf-8"))
    names["cues"] += " runner"
    (directory / "names.yaml").write_text(yaml.safe_dump(names, allow_unicode=True), encoding="utf-8")
    vocabularies = yaml.safe_load(VOCABULARIES_FILE.read_text(encoding="utf-8"))
    vocabularies["open_vocabularies"]["reference_sources"] += " fraudwatch"
    (directory / VOCABULARIES_FILE.name).write_text(yaml.safe_dump(vocabularies), encoding="utf-8")
    return directory


async def publish(server: ProducersServer) -> tuple[list[dict[str, int]], list[str]]:
    """The redaction counts the API answered for a report and a bundle, and the records published."""
    bundle = {
        "type": "bundle",
        "id": f"bundle--{uuid.uuid4()}",
        "objects": [attack_pattern(description=NARRATIVE, external_references=SOURCE)],
    }
    async with server.client() as client:
        answers = [
            await client.post("/api/v1/reports", json=REPORT),
            await client.post("/api/v1/bundles", json=bundle),
        ]
    assert [answer.status_code for answer in answers] == [202, 202], [answer.text for answer in answers]
    records = await consume(server.bootstrap, server.topics.submissions, expected=2)
    return [answer.json()["redactions"] for answer in answers], [record.value.decode() for record in records]


def published(records: list[str]) -> list[dict[str, Any]]:
    return [obj for record in records for obj in orjson.loads(record)["objects"]]


def descriptions(records: list[str]) -> list[str]:
    return sorted(obj["description"] for obj in published(records) if "runner" in obj.get("description", ""))


def source_names(records: list[str]) -> list[str]:
    """The external references' source names of the submitted attack pattern."""
    patterns = [obj for obj in published(records) if obj["type"] == "attack-pattern"]
    return [ref["source_name"] for obj in patterns for ref in obj.get("external_references", [])]


async def test_bundled_word_lists_leave_the_name_after_runner(producers: ProducersServer) -> None:
    redactions, records = await publish(producers)
    assert all(counts.get("PERSON", 0) == 0 and counts["IBAN"] == 1 for counts in redactions), redactions
    assert all("Berger" in text and "NL91ABNA0417164300" not in text for text in records)
    assert source_names(records) == ["[SOURCE]"]


async def test_operators_word_lists_mask_it(kafka_bootstrap: str, tmp_path: Path) -> None:
    directory = word_lists(tmp_path / "word-lists")
    async with running_producers(kafka_bootstrap, tmp_path, anonymization_word_lists=directory) as server:
        redactions, records = await publish(server)
    assert all(counts["PERSON"] == 1 and counts["IBAN"] == 1 for counts in redactions), redactions
    expected = "The payment went to runner [PERSON] last week; his bank is [IBAN]."
    assert descriptions(records) == [expected, expected]
    assert all("Berger" not in text for text in records)
    # The operator's vocabulary lists the source: the reference keeps its name.
    assert source_names(records) == ["fraudwatch"]
