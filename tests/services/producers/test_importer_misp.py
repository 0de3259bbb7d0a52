"""MISP events through `crimefeed import`'s reader and the real producers server onto the real broker."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml
from stix2validator import ValidationOptions, validate_instance

from services.producers.bulk import submit_items
from services.producers.importer import read_items
from services.producers.misp import is_misp_payload
from services.producers.runtime import create_runtime
from services.producers.settings import ProducersSettings
from tests.support.kafka import consume
from tests.support.producers_server import ProducersServer

# A MISP event as MISP exports it: attributes of several types, personal data of victims in a
# comment and in a free-text attribute, the reporting organisation, and TLP/taxonomy tags.
MISP_EVENT: dict[str, Any] = {
    "Event": {
        "uuid": "5f1c9e2a-8b3d-4c6e-9a7f-1d2e3f4a5b6c",
        "info": "Parcel-delivery smishing wave targeting mobile wallet enrolment",
        "date": "2026-11-02",
        "timestamp": "1793600000",
        "publish_timestamp": "1793603600",
        "published": True,
        "analysis": "2",
        "threat_level_id": "2",
        "distribution": "1",
        "Orgc": {"name": "Politie NL Cybercrime", "uuid": "0c1b2a39-4d5e-4f60-8a7b-9c0d1e2f3a4b"},
        "Org": {"name": "Politie NL Cybercrime", "uuid": "0c1b2a39-4d5e-4f60-8a7b-9c0d1e2f3a4b"},
        "Tag": [
            {"name": "tlp:amber"},
            {"name": 'rsit:fraud="phishing"'},
            {"name": 'misp-galaxy:mitre-attack-pattern="Phishing - T1566"'},
        ],
        "Attribute": [
            {
                "uuid": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
                "type": "domain",
                "category": "Network activity",
                "value": "parcel-redelivery-fee.example",
                "to_ids": True,
                "timestamp": "1793600000",
                "comment": "Reported by victim Jan de Vries (jan.devries@mail.example, +31 6 12345678)",
            },
            {
                "uuid": "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e",
                "type": "url",
                "category": "Network activity",
                "value": "https://parcel-redelivery-fee.example/pay",
                "to_ids": True,
                "timestamp": "1793600000",
                "comment": "landing page",
            },
            {
                "uuid": "c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e7f",
                "type": "ip-dst",
                "category": "Network activity",
                "value": "203.0.113.45",
                "to_ids": True,
                "timestamp": "1793600000",
                "comment": "hosting",
            },
            {
                "uuid": "d4e5f6a7-b8c9-4d0e-9f2a-3b4c5d6e7f80",
                "type": "sha256",
                "category": "Payload delivery",
                "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "to_ids": True,
                "timestamp": "1793600000",
                "comment": "APK dropper",
            },
        ],
    }
}
SECRETS = ["Jan de Vries", "jan.devries@mail.example", "12345678", "Politie NL"]
INTELLIGENCE = [
    "parcel-redelivery-fee.example",
    "203.0.113.45",
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
]


def event(uuid_tail: str) -> dict[str, Any]:
    copied = copy.deepcopy(MISP_EVENT)
    copied["Event"]["uuid"] = f"5f1c9e2a-8b3d-4c6e-9a7f-{uuid_tail}"
    return copied


def write(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value, indent=2))
    return path


def test_every_misp_shape_is_recognized_and_becomes_a_bundle(tmp_path: Path) -> None:
    shapes = {
        "single.json": MISP_EVENT,
        "list.json": [event("000000000001"), event("000000000002")],
        "rest.json": {"response": [event("000000000003"), event("000000000004")]},
    }
    for name, value in shapes.items():
        assert is_misp_payload(value)
        items = list(read_items(write(tmp_path / name, value)))
        assert all(item.error is None and item.is_bundle for item in items), name
        assert [item.misp_event for item in items] == list(range(len(items)))
    assert not is_misp_payload({"title": "an MO report"}) and not is_misp_payload([])


def test_a_bad_event_is_named_by_file_and_index_and_the_rest_go_through(tmp_path: Path) -> None:
    no_value = event("000000000006")
    no_value["Event"]["Attribute"][0].pop("value")
    path = write(
        tmp_path / "export.json",
        {
            "response": [
                event("000000000005"),
                {"Event": {"info": ""}},
                no_value,
                {"Event": "x"},
                event("000000000007"),
            ]
        },
    )
    items = list(read_items(path))
    assert [item.is_bundle for item in items] == [True, False, False, False, True]
    assert [(item.where, item.error) for item in items if item.error] == [
        (f"{path}:1 (MISP event #1)", "bad MISP event: the event has no 'info' (its title)"),
        (f"{path}:1 (MISP event #2)", "bad MISP event: attribute #0 has no value"),
        (f"{path}:1 (MISP event #3)", "bad MISP event: 'Event' must be a JSON object"),
    ]


def assert_anonymized_valid_amber_bundle(record_value: bytes) -> dict[str, Any]:
    text = record_value.decode()
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} reached Kafka"
    for value in INTELLIGENCE:
        assert value in text, f"{value!r} (offender infrastructure) was lost"
    bundle: dict[str, Any] = orjson.loads(record_value)
    results = validate_instance(bundle, ValidationOptions(version="2.1"))
    assert results.is_valid, [str(error) for error in results.errors]
    report = next(obj for obj in bundle["objects"] if obj["type"] == "report")
    markings = {obj["id"]: obj for obj in bundle["objects"] if obj["type"] == "marking-definition"}
    report_markings = [
        markings.get(ref, {}).get("name", ref) for ref in report.get("object_marking_refs", [])
    ]
    assert any("AMBER" in str(name).upper() for name in report_markings), report_markings
    return bundle


async def test_misp_bundle_through_the_producers_api_is_anonymized_and_valid(
    producers: ProducersServer, tmp_path: Path
) -> None:
    [item] = read_items(write(tmp_path / "event.json", MISP_EVENT))
    async with producers.client() as client:
        response = await client.post("/api/v1/bundles", json=item.payload)
    assert response.status_code == 202, response.text
    answer = response.json()
    assert answer["redactions"]["PERSON"] >= 1 and answer["redactions"]["EMAIL"] == 1
    [record] = await consume(producers.bootstrap, producers.topics.submissions, expected=1)
    assert record.key == answer["submission_id"].encode()
    bundle = assert_anonymized_valid_amber_bundle(record.value)
    assert {obj["id"] for obj in bundle["objects"]} >= set(answer["object_ids"])


async def test_import_path_submits_good_events_and_reports_the_bad_one(
    producers: ProducersServer, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "misp.json", [event("000000000011"), {"Event": {"info": " "}}, event("000000000012")]
    )
    settings = ProducersSettings(
        kafka_bootstrap=producers.bootstrap,
        topic_prefix=producers.topics.prefix,
        data_dir=producers.data_dir,
    )
    runtime = create_runtime(settings)
    await runtime.broker.start()
    try:
        summary = await submit_items(read_items(path), "nl-police", runtime.intake, runtime.publisher)
    finally:
        await runtime.stop()
    assert summary.accepted == 2
    # In a list each event is located by the line its element starts on.
    [bad] = [item for item in read_items(path) if item.error]
    assert bad.line > 1 and bad.where == f"{path}:{bad.line} (MISP event #1)"
    assert summary.rejected == [(bad.where, "bad MISP event: the event has no 'info' (its title)")]
    assert summary.redactions["EMAIL"] == 2
    records = await consume(producers.bootstrap, producers.topics.submissions, expected=2)
    assert len(records) == 2
    for record in records:
        assert_anonymized_valid_amber_bundle(record.value)


def test_person_data_that_is_not_an_indicator_never_reaches_the_converter() -> None:
    from services.producers.misp import misp_to_bundle, without_personal_data

    event = {
        "Event": {
            "info": "Invoice fraud wave",
            "Attribute": [
                {"type": "email-src", "value": "jane.doe@mail.example", "to_ids": False, "category": "Other"},
                {"type": "email-src", "value": "billing@invoice-pay.example", "to_ids": True},
                {"type": "domain", "value": "invoice-pay.example", "to_ids": True},
            ],
            "Object": [
                {
                    "name": "person",
                    "meta-category": "misc",
                    "Attribute": [
                        {"type": "date-of-birth", "object_relation": "date-of-birth", "value": "1985-03-14"}
                    ],
                }
            ],
        }
    }
    cleaned = without_personal_data(event)
    values = [a["value"] for a in cleaned["Event"]["Attribute"]]
    assert values == ["billing@invoice-pay.example", "invoice-pay.example"]
    assert cleaned["Event"]["Object"] == []
    assert event["Event"]["Attribute"][0]["value"] == "jane.doe@mail.example"  # the input is untouched
    text = json.dumps(misp_to_bundle(event))
    assert "jane.doe@mail.example" not in text and "1985-03-14" not in text
    assert "invoice-pay.example" in text


def test_accounts_links_file_names_and_text_that_are_no_indicator_are_removed() -> None:
    from services.producers.misp import without_personal_data

    personal = [
        {"type": "twitter-id", "value": "@jane_doe93", "to_ids": False},
        {"type": "link", "value": "https://social.example/jane.doe", "to_ids": False},
        {"type": "filename", "value": "Jane_Doe_passport.pdf", "to_ids": False},
        {"type": "text", "value": "Victim Jane Doe lives at 12 Baker Street", "to_ids": False},
        {"type": "target-machine", "value": "JANEDOE-LAPTOP", "to_ids": False},
    ]
    offender = {"type": "filename", "value": "invoice.pdf.exe", "to_ids": True}
    event = {"Event": {"info": "Invoice fraud wave", "Attribute": [*personal, offender]}}
    cleaned = without_personal_data(event)
    assert cleaned["Event"]["Attribute"] == [offender]


def test_an_operators_personal_list_replaces_the_bundled_one(tmp_path: Path) -> None:
    from services.producers.misp import PERSONAL_DATA_FILE, misp_personal, without_personal_data

    listed = yaml.safe_load(PERSONAL_DATA_FILE.read_text(encoding="utf-8"))
    listed["attribute_types"].append("hostname")
    (tmp_path / PERSONAL_DATA_FILE.name).write_text(yaml.safe_dump(listed), encoding="utf-8")
    home = {"type": "hostname", "value": "jane-doe-laptop.home.example", "to_ids": False}
    offender = {"type": "hostname", "value": "c2.invoice-pay.example", "to_ids": True}
    event = {"Event": {"info": "Invoice fraud wave", "Attribute": [home, offender]}}
    assert without_personal_data(event, misp_personal(None))["Event"]["Attribute"] == [home, offender]
    operators = misp_personal(tmp_path)
    assert without_personal_data(event, operators)["Event"]["Attribute"] == [offender]
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    [item] = read_items(path, operators)
    assert "jane-doe-laptop" not in json.dumps(item.payload) and "c2.invoice-pay.example" in json.dumps(
        item.payload
    )


def test_a_malformed_personal_list_is_refused_by_name(tmp_path: Path) -> None:
    from services.producers.misp import misp_personal
    from shared.anonymization.word_lists import WordListError

    (tmp_path / "misp_personal.yaml").write_text("attribute_types: email\n", encoding="utf-8")
    with pytest.raises(
        WordListError, match=r"misp_personal\.yaml: attribute_types: Input should be a valid list"
    ):
        misp_personal(tmp_path)


def test_the_producers_start_without_importing_the_misp_converter() -> None:
    probe = (
        "import sys\nimport services.producers.runtime, services.producers.importer\n"
        "print('misp_stix_converter' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
