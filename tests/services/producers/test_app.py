"""The producers' HTTP API against a real uvicorn server and the real broker."""

from __future__ import annotations

import re
from typing import Any

import orjson
import pytest
from stix2validator import ValidationOptions, validate_instance

from shared.models.report import TLP
from shared.partners import PartnerRegistry
from tests.support.kafka import consume
from tests.support.producers_server import REPORT, ProducersServer

SECRETS = [
    "Jane",
    "Doe",
    "jane.doe@mail.example",
    "12345678",
    "NL91ABNA0417164300",
    "4111",
    "Pieter",
    "Jansen",
    "p.jansen",
    "Politie NL",
    "nl-police",
    "96512",
]


def assert_valid_stix(bundle: dict[str, Any]) -> None:
    results = validate_instance(bundle, ValidationOptions(version="2.1"))
    assert results.is_valid, [str(error) for result in [results] for error in result.errors]


async def test_report_is_published_as_one_anonymized_valid_bundle(producers: ProducersServer) -> None:
    async with producers.client() as client:
        response = await client.post("/api/v1/reports", json=REPORT)
    assert response.status_code == 202, response.text
    answer = response.json()
    assert answer["redactions"]["PERSON"] >= 1 and answer["redactions"]["EMAIL"] == 1
    assert answer["redactions"]["IBAN"] == 1 and answer["redactions"]["CARD"] == 1
    assert answer["redactions"]["VICTIM-INDICATOR"] == 1

    [record] = await consume(producers.bootstrap, producers.topics.submissions, expected=1)
    assert record.key == answer["submission_id"].encode()
    headers = dict(record.headers)
    assert headers["content-type"] == b"application/stix+json;version=2.1"
    assert headers["x-crimefeed-schema-version"] == b"1" and headers["x-crimefeed-trace-id"]
    bundle = orjson.loads(record.value)
    assert {obj["id"] for obj in bundle["objects"]} >= set(answer["object_ids"])
    # Ids are hashes and uuids: a short secret (a card prefix) can occur in one by chance.
    text = re.sub(
        r"--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "--", record.value.decode()
    )
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} reached Kafka"
    assert "parcel-redelivery-fee.example" in text
    assert_valid_stix(bundle)


async def test_same_report_again_gives_the_same_object_ids(producers: ProducersServer) -> None:
    async with producers.client() as client:
        first = (await client.post("/api/v1/reports", json=REPORT)).json()
        second = (await client.post("/api/v1/reports", json=REPORT)).json()
    assert first["submission_id"] != second["submission_id"]
    assert first["object_ids"] == second["object_ids"]


async def test_red_report_needs_recipients_cleared_for_red(producers: ProducersServer) -> None:
    async with producers.client() as client:
        unknown = await client.post(
            "/api/v1/reports", json={**REPORT, "tlp": "red", "recipients": ["nobody"]}
        )
        not_cleared = await client.post(
            "/api/v1/reports", json={**REPORT, "tlp": "red", "recipients": ["fr-cert"]}
        )
        missing = await client.post("/api/v1/reports", json={**REPORT, "tlp": "red"})
        known = await client.post("/api/v1/reports", json={**REPORT, "tlp": "red", "recipients": ["be-ccb"]})
    assert unknown.status_code == 422 and not_cleared.status_code == 422
    # The same answer whether the id exists or not: no oracle of partner ids.
    assert unknown.json() == not_cleared.json()
    assert "recipients[0]" in unknown.text and "nobody" not in unknown.text
    assert missing.status_code == 422 and "recipients" in missing.text
    assert known.status_code == 202


async def test_revoked_partner_is_no_recipient(producers: ProducersServer) -> None:
    registry = PartnerRegistry.in_data_dir(producers.data_dir)
    registry.add("revoked-red", TLP.RED)
    registry.revoke("revoked-red")
    async with producers.client() as client:
        answer = await client.post(
            "/api/v1/reports", json={**REPORT, "tlp": "red", "recipients": ["revoked-red"]}
        )
    assert answer.status_code == 422 and "recipients[0]" in answer.text


@pytest.mark.parametrize(
    ("body", "content_type", "status", "message"),
    [
        (b"{not json", "application/json", 400, "malformed JSON"),
        (b'{"title": "x"}', "text/plain", 415, "unsupported content type"),
        (
            orjson.dumps({**REPORT, "indicators": [{"type": "bitcoin", "value": "x"}]}),
            "application/json",
            422,
            "indicators[0].type",
        ),
        (orjson.dumps({"narrative": "no title"}), "application/json", 422, "title"),
        (orjson.dumps([REPORT]), "application/json", 422, "JSON object"),
        (orjson.dumps({**REPORT, "narrative": "x" * 70_000}), "application/json", 413, "over the limit"),
    ],
)
async def test_bad_reports_get_a_clear_4xx_and_nothing_reaches_kafka(
    producers: ProducersServer, body: bytes, content_type: str, status: int, message: str
) -> None:
    async with producers.client() as client:
        response = await client.post("/api/v1/reports", content=body, headers={"Content-Type": content_type})
        good = await client.post("/api/v1/reports", json=REPORT)
    assert response.status_code == status, response.text
    assert message in response.text
    records = await consume(producers.bootstrap, producers.topics.submissions, expected=2, timeout=1.5)
    assert [record.key for record in records] == [good.json()["submission_id"].encode()]


async def test_missing_or_wrong_key_is_401(producers: ProducersServer) -> None:
    async with producers.client() as client:
        no_key = await client.post("/api/v1/reports", json=REPORT, headers={"Authorization": ""})
        wrong = await client.post("/api/v1/reports", json=REPORT, headers={"Authorization": "Bearer nope"})
    assert no_key.status_code == 401 and "missing API key" in no_key.text
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"


BUNDLE: dict[str, Any] = {
    "type": "bundle",
    "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",
    "objects": [
        {
            "type": "identity",
            "spec_version": "2.1",
            "id": "identity--311b2d2d-f010-4473-83ec-1edf84858f4c",
            "created": "2026-01-01T00:00:00.000Z",
            "modified": "2026-01-01T00:00:00.000Z",
            "name": "Politie NL",
            "identity_class": "organization",
        },
        {
            "type": "indicator",
            "spec_version": "2.1",
            "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            "created_by_ref": "identity--311b2d2d-f010-4473-83ec-1edf84858f4c",
            "created": "2026-01-01T00:00:00.000Z",
            "modified": "2026-01-01T00:00:00.000Z",
            "name": "Smishing domain",
            "description": "Reported by victim Jane Doe, jane.doe@mail.example",
            "indicator_types": ["malicious-activity"],
            "pattern": "[domain-name:value = 'parcel-fee.example']",
            "pattern_type": "stix",
            "valid_from": "2026-01-01T00:00:00Z",
        },
    ],
}


async def test_bundle_is_pseudonymized_anonymized_and_valid(producers: ProducersServer) -> None:
    async with producers.client() as client:
        response = await client.post("/api/v1/bundles", json=BUNDLE)
    assert response.status_code == 202, response.text
    [record] = await consume(producers.bootstrap, producers.topics.submissions, expected=1)
    text = record.value.decode()
    for secret in ("Jane", "jane.doe@mail.example", "Politie NL", "identity--311b2d2d"):
        assert secret not in text
    bundle = orjson.loads(record.value)
    indicator = next(obj for obj in bundle["objects"] if obj["type"] == "indicator")
    pseudonym = next(obj for obj in bundle["objects"] if obj["id"] == indicator["created_by_ref"])
    assert pseudonym["name"].startswith("Partner ")
    assert indicator["pattern"] == "[domain-name:value = 'parcel-fee.example']"
    assert_valid_stix(bundle)


@pytest.mark.parametrize(
    ("bundle", "message"),
    [
        ({"type": "report"}, "not a STIX bundle"),
        ({**BUNDLE, "objects": []}, "non-empty list"),
        (
            {**BUNDLE, "objects": [{**BUNDLE["objects"][1], "pattern": "[domain-name:value = 'x'"}]},
            "invalid pattern",
        ),
        ({**BUNDLE, "objects": [{**BUNDLE["objects"][1], "id": "indicator--nope"}]}, "'id' must be"),
        ({**BUNDLE, "objects": [{**BUNDLE["objects"][1], "created": "yesterday"}]}, "'created'"),
    ],
)
async def test_invalid_bundles_are_422_naming_the_object(
    producers: ProducersServer, bundle: dict[str, Any], message: str
) -> None:
    async with producers.client() as client:
        response = await client.post("/api/v1/bundles", json=bundle)
    assert response.status_code == 422
    assert message in response.text
