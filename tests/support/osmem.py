"""An OpenSearch for the store tests: a real node if OPENSEARCH_URL is set, else osmem-server.

How to register (owner of tests/shared/store/conftest.py): import the fixture by name, so pytest
sees it in that conftest's namespace::

    from tests.support.osmem import open_test_opensearch_store, opensearch_url  # noqa: F401

Then a test (or the contract suite's store fixture) does::

    async def test_x(opensearch_url: str, request: pytest.FixtureRequest) -> None:
        store = await open_test_opensearch_store(request.node.nodeid, url=opensearch_url)
        try: ...
        finally: await store.close()

``url`` may be left out once the ``opensearch_url`` fixture has run in the session (it records the
address). Each store gets fresh, unique index names derived from ``request_id`` plus a random
suffix, so tests never see each other's data; ``drop_test_indices(store)`` deletes them.

osmem-server (the ``osmem-server`` PyPI package, a Go binary in its wheel) is started once per
session on a free 127.0.0.1 port with Japanese analysis off (faster start-up), and stopped at the
end. Its limits: no Painless update scripts, no ingest pipelines, approximate BM25 scores; it
makes documents visible without refresh, but the store refreshes anyway so a real OpenSearch
behaves the same.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from shared.store.opensearch import OpenSearchStore

# Not CRIMEFEED_OPENSEARCH_URL: that one also switches every service's settings to OpenSearch.
# `infra/dev/services.sh start` prints OPENSEARCH_URL for a real node; `.ci/run` exports it.
URL_ENV = "OPENSEARCH_URL"
_session_url: list[str] = []


@pytest.fixture(scope="session")
def opensearch_url() -> Iterator[str]:
    """The address of the OpenSearch the store tests use for the whole session."""
    configured = os.environ.get(URL_ENV)
    if configured:
        _session_url[:] = [configured]
        yield configured
        return
    from osmem_server import OsmemError, OsmemServer

    try:
        server = OsmemServer.start(japanese=False, addr="127.0.0.1:0", startup_timeout=30.0)
    except (OsmemError, OSError) as error:
        pytest.fail(
            f"could not start osmem-server (the OpenSearch test server from the osmem-server "
            f"package): {error}; install it (pip install osmem-server) or set {URL_ENV}",
            pytrace=False,
        )
    _session_url[:] = [server.url]
    try:
        yield server.url
    finally:
        _session_url.clear()
        server.close()


def unique_prefix(request_id: str) -> str:
    """A lowercase index-name prefix, unique per call, readable back to the test that made it."""
    slug = re.sub(r"[^a-z0-9]+", "-", request_id.lower()).strip("-")[-40:].strip("-")
    return f"t-{slug}-{uuid.uuid4().hex[:8]}-"


async def open_test_opensearch_store(request_id: str, url: str | None = None) -> OpenSearchStore:
    """A store on fresh index names of its own (see the module docstring)."""
    from shared.store.opensearch import OpenSearchStore

    address = url or (_session_url[0] if _session_url else None)
    if address is None:
        raise RuntimeError("request the opensearch_url fixture first (it starts the test server)")
    return await OpenSearchStore.open(address, prefix=unique_prefix(request_id))


async def drop_test_indices(store: OpenSearchStore) -> None:
    """Delete a test store's indices (osmem-server keeps everything in memory)."""
    await store.client.indices.delete(index=f"{store.prefix}*", ignore_unavailable=True)


async def is_osmem(store: OpenSearchStore) -> bool:
    """Whether the store's server is osmem-server (the imitation), not a real OpenSearch node."""
    info = await store.client.info()
    return bool(info.get("version", {}).get("build_hash") == "osmem")
