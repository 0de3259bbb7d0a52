"""Example STIX 2.1 bundles (tests/fixtures/stix, plus the public examples and ATT&CK bundles of
../shared/data/stix when present) go through the producers.

Small files go over HTTP to a real server; every resulting bundle on Kafka must be valid STIX
2.1 with authorship pseudonymized. The ATT&CK bundles (MBs) go through the same intake code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from stix2validator import ValidationOptions, validate_instance

from services.producers.intake import prepare_bundle_payload
from services.producers.submission import SubmissionService
from shared.anonymization.text import TextAnonymizer
from tests.support.kafka import consume
from tests.support.producers_server import ProducersServer
from tests.support.stix_examples import example_bundle_paths


def validation_errors(bundle: dict[str, Any]) -> list[str]:
    results = validate_instance(bundle, ValidationOptions(version="2.1"))
    return [str(error) for error in results.errors]


async def test_example_bundles_pass_through_pseudonymized_and_valid(producers: ProducersServer) -> None:
    paths = example_bundle_paths(max_bytes=60 * 1024)
    assert len(paths) >= 4
    submission_ids = {}
    async with producers.client() as client:
        for path in paths:
            response = await client.post(
                "/api/v1/bundles",
                content=path.read_bytes(),
                headers={"Content-Type": "application/stix+json"},
            )
            assert response.status_code == 202, (path.name, response.text)
            submission_ids[response.json()["submission_id"].encode()] = path
    records = await consume(producers.bootstrap, producers.topics.submissions, expected=len(paths))
    assert {record.key for record in records} == set(submission_ids)
    for record in records:
        source = json.loads(submission_ids[record.key].read_text())
        bundle = orjson.loads(record.value)
        assert validation_errors(bundle) == [], submission_ids[record.key].name
        original_authors = {o["created_by_ref"] for o in source["objects"] if "created_by_ref" in o}
        authors = {o["created_by_ref"] for o in bundle["objects"] if "created_by_ref" in o}
        assert not (original_authors & authors), "a partner identity survived as author"


@pytest.mark.parametrize("name", ["mobile-attack-17.0.json", "ics-attack-12.0.json"])
def test_attack_bundles_are_published_whole_under_the_submitters_ids_and_stay_valid(
    shared_data: Path, name: str
) -> None:
    source = json.loads((shared_data / "stix" / "attack" / name).read_text())
    service = SubmissionService(TextAnonymizer(), b"test-key")
    prepared = prepare_bundle_payload(source, "mitre-mirror", service)
    patterns = {o["id"] for o in source["objects"] if o["type"] == "attack-pattern"}
    # One id, one creator: a partner's objects are re-identified (docs/architecture.md), one
    # published object for each submitted one.
    published = {prepared.published_as[posted] for posted in patterns}
    assert len(published) == len(patterns)
    assert published <= set(prepared.object_ids)
    sample = [o for o in prepared.bundle["objects"] if o["type"] in ("attack-pattern", "identity")][:40]
    assert validation_errors({**prepared.bundle, "objects": sample}) == []
