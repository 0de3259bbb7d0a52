"""Applying infra/opensearch/ to a cluster: idempotent, and what it says it did is what it did."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from opensearchpy import AsyncOpenSearch

from shared.models.report import TLP
from shared.store.opensearch import OpenSearchStore
from shared.store.opensearch_admin import (
    TEMPLATE_NAMES,
    apply_opensearch,
    connect,
    load_policies,
    load_template,
)
from tests.support.osmem import unique_prefix
from tests.support.store_objects import make, viewer

TEMPLATES = ("objects", "counters", "statuses", "audit")


@pytest.fixture
async def client(opensearch_url: str) -> AsyncIterator[AsyncOpenSearch]:
    opensearch = connect(opensearch_url)
    try:
        yield opensearch
    finally:
        await opensearch.close()


async def _delete_templates(client: AsyncOpenSearch, prefix: str) -> None:
    for name in TEMPLATE_NAMES:
        await client.indices.delete_index_template(name=f"{prefix}{name}", ignore=[404])
    await client.indices.delete(index=f"{prefix}*", ignore_unavailable=True)


def test_templates_and_policies_are_data_with_the_prefix_filled_in() -> None:
    assert set(TEMPLATE_NAMES) == set(TEMPLATES)
    objects = load_template("objects", "acme-")
    assert objects["index_patterns"] == ["acme-objects*"]
    assert "{prefix}" not in str(load_template("audit", "acme-"))
    policies = load_policies("acme-")
    assert list(policies) == ["acme-audit-retention"]
    assert policies["acme-audit-retention"]["policy"]["ism_template"][0]["index_patterns"] == ["acme-audit-*"]


async def test_apply_twice_creates_then_reports_unchanged(
    opensearch_url: str, client: AsyncOpenSearch, request: pytest.FixtureRequest
) -> None:
    prefix = unique_prefix(request.node.name)
    try:
        first = await apply_opensearch(opensearch_url, prefix=prefix)
        second = await apply_opensearch(opensearch_url, prefix=prefix)
        for name in TEMPLATES:
            assert f"created template {prefix}{name}" in first
            assert f"unchanged template {prefix}{name}" in second
        policy_lines = [line for line in second if "ISM policy" in line]
        # osmem-server has no ISM plugin: then the policy is reported as skipped, never as a failure.
        assert policy_lines in (
            [f"unchanged ISM policy {prefix}audit-retention"],
            [f"skipped ISM policy {prefix}audit-retention: the cluster has no ISM plugin"],
        )
        stored = await client.indices.get_index_template(name=f"{prefix}objects")
        assert stored["index_templates"][0]["index_template"]["index_patterns"] == [f"{prefix}objects*"]
    finally:
        await _delete_templates(client, prefix)


async def test_a_changed_template_is_updated_and_dry_run_changes_nothing(
    opensearch_url: str, client: AsyncOpenSearch, request: pytest.FixtureRequest
) -> None:
    prefix = unique_prefix(request.node.name)
    name = f"{prefix}audit"
    try:
        await apply_opensearch(opensearch_url, prefix=prefix)
        drifted = load_template("audit", prefix)
        drifted["priority"] = 7
        await client.indices.put_index_template(name=name, body=drifted)
        planned = await apply_opensearch(opensearch_url, prefix=prefix, dry_run=True)
        assert f"would have updated template {name}" in planned
        still = await client.indices.get_index_template(name=name)
        assert still["index_templates"][0]["index_template"]["priority"] == 7
        applied = await apply_opensearch(opensearch_url, prefix=prefix)
        assert f"updated template {name}" in applied
        assert f"unchanged template {name}" in await apply_opensearch(opensearch_url, prefix=prefix)
    finally:
        await _delete_templates(client, prefix)


async def test_indices_created_after_apply_take_the_template(
    opensearch_url: str, client: AsyncOpenSearch, request: pytest.FixtureRequest
) -> None:
    prefix = unique_prefix(request.node.name)
    try:
        await apply_opensearch(opensearch_url, prefix=prefix)
        await client.indices.create(index=f"{prefix}audit-2026.11")
        mapping = await client.indices.get_mapping(index=f"{prefix}audit-2026.11")
        assert mapping[f"{prefix}audit-2026.11"]["mappings"]["properties"]["time"]["type"] == "date"
        store = await OpenSearchStore.open(opensearch_url, prefix=prefix)
        try:
            obj = make(name="after apply")
            assert await store.add([obj]) == 1
            found = await store.get(viewer("admin", TLP.RED, admin=True), obj["id"])
            assert [version.obj for version in found] == [obj]
        finally:
            await store.close()
    finally:
        await _delete_templates(client, prefix)
