"""What is particular to the OpenSearch store: indices, the shared `added` clock, replays,
latest-readable bookkeeping under concurrent writers. The contract itself is test_contract.py."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from opensearchpy import TransportError

from shared.models.report import TLP
from shared.store.base import SearchQuery, StoreQueryError, VersionQuery
from shared.store.cursor import encode_cursor
from shared.store.document import to_document
from shared.store.opensearch import (
    MAX_VERSIONS_LIMIT,
    BulkRejected,
    OpenSearchStore,
    doc_id,
)
from shared.store.opensearch_query import document_body
from tests.support.osmem import drop_test_indices, is_osmem, open_test_opensearch_store
from tests.support.store_objects import make, new_id, viewer

ADMIN = viewer("admin", TLP.RED, admin=True)


@pytest.fixture
async def os_store(opensearch_url: str, request: pytest.FixtureRequest) -> AsyncIterator[OpenSearchStore]:
    store = await open_test_opensearch_store(request.node.nodeid, url=opensearch_url)
    try:
        yield store
    finally:
        await drop_test_indices(store)
        await store.close()


async def test_indices_are_named_by_prefix_and_mapped_from_infra(os_store: OpenSearchStore) -> None:
    prefix = os_store.prefix
    mapping = await os_store.client.indices.get_mapping(index=f"{prefix}objects")
    properties = mapping[f"{prefix}objects"]["mappings"]["properties"]
    assert properties["text"]["analyzer"] == "crimefeed_text"
    assert properties["obj"]["enabled"] is False
    assert properties["tlp"]["type"] == "keyword"
    assert await os_store.client.indices.exists(index=f"{prefix}counters")


async def test_version_documents_are_keyed_by_id_and_version(os_store: OpenSearchStore) -> None:
    obj = make(modified="2026-11-02T00:00:00.000Z")
    await os_store.add([obj])
    found = await os_store.client.get(index=os_store.objects_index, id=doc_id(obj["id"], obj["modified"]))
    assert found["_source"]["obj"] == obj


async def test_replay_changes_nothing(os_store: OpenSearchStore) -> None:
    first = [make(name=f"object {n}") for n in range(5)]
    assert await os_store.add(first) == 5
    before = {
        v.id: v.added for v in (await os_store.versions(ADMIN, VersionQuery(versions=("all",)))).versions
    }
    assert await os_store.add([*first, *first]) == 0
    after = {
        v.id: v.added for v in (await os_store.versions(ADMIN, VersionQuery(versions=("all",)))).versions
    }
    assert after == before
    assert await os_store.count() == 5


async def test_added_is_unique_and_increasing_across_concurrent_writers(
    os_store: OpenSearchStore, opensearch_url: str
) -> None:
    other = await OpenSearchStore.open(opensearch_url, prefix=os_store.prefix)
    started = time.time_ns() // 1000
    batches = [
        [make(name=f"w{writer} b{batch} o{n}") for n in range(10)] for writer in (0, 1) for batch in range(8)
    ]
    try:

        async def write(store: OpenSearchStore, mine: list[list[dict[str, object]]]) -> int:
            return sum([await store.add(batch) for batch in mine])

        written = await asyncio.gather(write(os_store, batches[:8]), write(other, batches[8:]))
    finally:
        await other.close()
    assert sum(written) == 160
    page = await os_store.versions(ADMIN, VersionQuery(versions=("all",), limit=1000))
    added = [version.added for version in page.versions]
    assert len(added) == 160 and len(set(added)) == 160
    assert min(added) >= started
    by_id = {version.id: version.added for version in page.versions}
    for batch in batches:  # within a batch, in batch order
        values = [by_id[obj["id"]] for obj in batch]
        assert values == sorted(values)


async def test_added_keeps_increasing_after_reopening(os_store: OpenSearchStore, opensearch_url: str) -> None:
    await os_store.add([make()])
    last = (await os_store.versions(ADMIN, VersionQuery(versions=("all",)))).versions[-1].added
    reopened = await OpenSearchStore.open(opensearch_url, prefix=os_store.prefix)
    try:
        await reopened.add([make()])
        newest = (await reopened.versions(ADMIN, VersionQuery(versions=("all",)))).versions[-1].added
    finally:
        await reopened.close()
    assert newest > last


async def test_latest_readable_differs_per_viewer_whatever_the_arrival_order(
    os_store: OpenSearchStore,
) -> None:
    stix_id = new_id("attack-pattern")
    v1 = make(stix_id=stix_id, tlp=TLP.GREEN, name="parcel smishing", modified="2026-11-01T00:00:00.000Z")
    v2 = make(
        stix_id=stix_id,
        tlp=TLP.RED,
        recipients=("bob",),
        name="parcel smishing red",
        modified="2026-11-02T00:00:00.000Z",
    )
    await os_store.add([v2])
    await os_store.add([v1])  # the older version arrives last
    carol, bob = viewer("carol", TLP.AMBER), viewer("bob", TLP.RED)
    assert [v.obj["modified"] for v in await os_store.get(carol, stix_id)] == [v1["modified"]]
    assert [v.obj["modified"] for v in await os_store.get(bob, stix_id)] == [v2["modified"]]
    for who, expected, level in ((carol, v1, "green"), (bob, v2, "red")):
        page = await os_store.search(who, SearchQuery(text="smishing", facets=("tlp",)))
        assert [hit.obj for hit in page.hits] == [expected]
        assert page.total == 1
        assert page.facets["tlp"] == {level: 1}


async def test_concurrent_versions_of_one_object_converge(
    os_store: OpenSearchStore, opensearch_url: str
) -> None:
    stix_id = new_id("attack-pattern")
    versions = [make(stix_id=stix_id, modified=f"2026-11-{day:02d}T00:00:00.000Z") for day in range(1, 13)]
    other = await OpenSearchStore.open(opensearch_url, prefix=os_store.prefix)
    try:
        await asyncio.gather(
            *(store.add([version]) for store, version in zip([os_store, other] * 6, versions, strict=True))
        )
    finally:
        await other.close()
    latest = await os_store.get(ADMIN, stix_id)
    assert [v.obj["modified"] for v in latest] == ["2026-11-12T00:00:00.000Z"]
    first = await os_store.versions(ADMIN, VersionQuery(ids=(stix_id,), versions=("first",)))
    assert [v.obj["modified"] for v in first.versions] == ["2026-11-01T00:00:00.000Z"]
    raw = await os_store.client.search(
        index=os_store.objects_index, body={"query": {"term": {"id": stix_id}}, "size": 100}
    )
    flags = sorted((hit["_source"]["has_older"], hit["_source"]["has_newer"]) for hit in raw["hits"]["hits"])
    assert flags == [(False, True), (True, False)] + [(True, True)] * 10


async def test_accents_and_case_fold_and_matches_are_marked(os_store: OpenSearchStore) -> None:
    await os_store.add([make(name="Arnaque au CAFÉ", description="Les escrocs appellent les cafés")])
    page = await os_store.search(ADMIN, SearchQuery(text="cafe"))
    assert page.total == 1
    assert any("<mark>" in fragment and "</mark>" in fragment for fragment in page.hits[0].highlights)


async def test_the_largest_versions_page_fits_the_result_window(os_store: OpenSearchStore) -> None:
    # limit + 1 hits would exceed max_result_window (10,000) in one request: the store pages inside.
    await os_store.add([make(name=f"object {n}") for n in range(3)])
    page = await os_store.versions(ADMIN, VersionQuery(versions=("all",), limit=MAX_VERSIONS_LIMIT))
    assert len(page.versions) == 3 and not page.more


async def test_relevance_cursors_resume_by_offset_within_the_window_and_after_the_hit_past_it(
    os_store: OpenSearchStore,
) -> None:
    await os_store.add([make(name="fraud")])
    query = SearchQuery(text="fraud", limit=10)
    for position in ([3], [-1, 1.0, "x"], [3, "1.0", "x"], [3, 1.0, 4]):
        bad = SearchQuery(text="fraud", limit=10, cursor=encode_cursor(query, position))
        with pytest.raises(StoreQueryError) as caught:
            await os_store.search(ADMIN, bad)
        assert caught.value.parameter == "cursor"
    # Far past the window: resumed after the (score, id) given: every hit ranks after a huge
    # score, none after a score of 0.
    if not await is_osmem(os_store):
        for score, expected in ((1e9, 1), (0.0, 0)):
            deep = SearchQuery(text="fraud", limit=10, cursor=encode_cursor(query, [50_000, score, "x"]))
            assert len((await os_store.search(ADMIN, deep)).hits) == expected
    assert await os_store.result_window() == 10_000


async def test_a_replay_repairs_a_write_cut_short(os_store: OpenSearchStore) -> None:
    stix_id = new_id("attack-pattern")
    v1 = make(stix_id=stix_id, modified="2026-11-01T00:00:00.000Z")
    v2 = make(stix_id=stix_id, modified="2026-11-02T00:00:00.000Z")
    await os_store.add([v1])
    # A crash between creating v2 and updating v1's bookkeeping: v2 is there, v1 still says latest.
    body = document_body(to_document(v2), added=time.time_ns() // 1000)
    await os_store.client.index(
        index=os_store.objects_index, id=doc_id(stix_id, v2["modified"]), body=body, refresh=True
    )
    assert (await os_store.search(ADMIN, SearchQuery())).total == 2  # both claim to be the latest
    assert await os_store.add([v2]) == 0  # Kafka redelivers the uncommitted batch
    assert (await os_store.search(ADMIN, SearchQuery())).total == 1
    assert [v.obj for v in await os_store.get(ADMIN, stix_id)] == [v2]


def test_a_partly_refused_bulk_is_a_transport_error_with_the_telling_status() -> None:
    throttled = BulkRejected("versions", [{"_id": "a", "status": 400}, {"_id": "b", "status": 429}])
    broken = BulkRejected("versions", [{"_id": "a", "status": 400}, {"_id": "b", "status": 503}])
    refused = BulkRejected("versions", [{"_id": "a", "status": 400, "error": {"type": "mapper_parsing"}}])
    assert isinstance(refused, TransportError)
    assert (throttled.status_code, broken.status_code, refused.status_code) == (429, 503, 400)
    assert "mapper_parsing" in str(refused)
