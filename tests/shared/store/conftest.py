"""The ``store`` fixture: every contract test runs once per backend, on a fresh empty store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from shared.store.base import Store
from shared.store.sqlite import SqliteStore

try:  # the OpenSearch test server; registered here so pytest sees its fixture
    from tests.support.osmem import opensearch_url  # noqa: F401

    _OSMEM_ERROR: str | None = None
except ImportError as error:  # the module or the backend is not there (yet)
    _OSMEM_ERROR = f"{type(error).__name__}: {error}"

BACKENDS = ["sqlite", "opensearch"]


@pytest.fixture(params=BACKENDS)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    if request.param == "sqlite":
        sqlite_store = await SqliteStore.open(tmp_path / "store.sqlite3")
        try:
            yield sqlite_store
        finally:
            await sqlite_store.close()
        return
    if _OSMEM_ERROR is not None:
        pytest.fail(
            f"the OpenSearch backend of the contract suite needs tests/shared/store/osmem.py "
            f"and shared/store/opensearch.py: {_OSMEM_ERROR}",
            pytrace=False,
        )
    from tests.support.osmem import drop_test_indices, open_test_opensearch_store

    url: str = request.getfixturevalue("opensearch_url")
    opensearch_store = await open_test_opensearch_store(request.node.nodeid, url=url)
    try:
        yield opensearch_store
    finally:
        await drop_test_indices(opensearch_store)
        await opensearch_store.close()
