"""SQLite-only behaviour: restarts, the clock, FTS5 escaping, WAL and concurrent reads."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared.models.report import TLP
from shared.store import sqlite as sqlite_module
from shared.store.base import SearchQuery, StatusEntry, StatusRecord, VersionQuery
from shared.store.sqlite import SqliteStore
from shared.store.sqlite_query import fts_query
from tests.support.store_objects import make, viewer

ADMIN = viewer("admin", TLP.RED, admin=True)


async def test_restart_keeps_data_and_added_keeps_increasing(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "store.sqlite3"
    first = await SqliteStore.open(path)
    kept = make(name="kept across restarts")
    await first.add([kept])
    before = (await first.get(ADMIN, kept["id"]))[0].added
    await first.close()

    second = await SqliteStore.open(path)
    try:
        assert [v.obj for v in await second.get(ADMIN, kept["id"])] == [kept]
        assert await second.add([kept]) == 0
        await second.add([make(name="after restart")])
        page = await second.versions(ADMIN, VersionQuery(versions=("all",)))
        added = [v.added for v in page.versions]
        assert added[0] == before
        assert added[1] > before
    finally:
        await second.close()


async def test_added_stays_increasing_when_the_clock_goes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = await SqliteStore.open(tmp_path / "s.sqlite3")
    try:
        await store.add([make(name="now")])
        monkeypatch.setattr(sqlite_module, "_now_us", lambda: 1_000_000)  # 1970: a clock reset
        await store.add([make(name=f"late {i}") for i in range(3)])
        page = await store.versions(ADMIN, VersionQuery(versions=("all",)))
        added = [v.added for v in page.versions]
        assert added == sorted(set(added))
        assert added[0] > time.time_ns() // 1000 - 60_000_000
    finally:
        await store.close()


async def test_the_file_is_in_wal_mode(tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "s.sqlite3")
    await store.add([make()])
    await store.close()
    with sqlite3.connect(tmp_path / "s.sqlite3") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_reads_run_while_a_batch_is_written(tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "s.sqlite3")
    try:
        await store.add([make(name=f"seed {i}") for i in range(50)])
        batch = [make(name=f"bulk {i}", description="parcel fraud " * 20) for i in range(3000)]
        write = asyncio.create_task(store.add(batch))
        await asyncio.sleep(0.01)  # the writer thread has begun its transaction
        totals = [(await store.search(ADMIN, SearchQuery())).total]
        answered_during_write = not write.done()
        while not write.done():
            totals.append((await store.search(ADMIN, SearchQuery())).total)
        assert await write == 3000
        assert answered_during_write  # the read did not wait for the batch
        assert set(totals) <= {50, 3050}  # readers see committed state only, never half a batch
        assert (await store.search(ADMIN, SearchQuery(text="bulk"))).total == 3000
    finally:
        await store.close()


async def test_a_closed_store_refuses_work(tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "s.sqlite3")
    await store.close()
    await store.close()  # closing twice is harmless
    with pytest.raises(RuntimeError, match="closed"):
        await store.count()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("parcel fraud", '"parcel" "fraud"'),
        ('say "hi"', '"say" "hi"'),
        ("NEAR(a b) OR c*", '"NEAR" "a" "b" "OR" "c"'),
        ("name:x ^y -z", '"name" "x" "y" "z"'),
        ("hameçonnage", '"hameçonnage"'),
        ("  \t ", None),
        ("--- !!!", None),
        (None, None),
    ],
)
def test_fts_query_quotes_every_term(text: str | None, expected: str | None) -> None:
    assert fts_query(text) == expected


@pytest.fixture(scope="module")
def fts_table() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO t VALUES ('parcel smishing with a fake \"fee\" page')")
    return conn


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40))
def test_no_user_text_is_an_fts5_syntax_error(fts_table: sqlite3.Connection, text: str) -> None:
    query = fts_query(text)
    if query is not None:
        fts_table.execute("SELECT count(*) FROM t WHERE t MATCH ?", (query,)).fetchone()


async def test_a_store_of_the_earlier_version_gains_the_status_tables(tmp_path: Path) -> None:
    """A store file from before TAXII statuses moved into the store (schema version 1). One that
    holds objects is refused since ids include the sharing scope (tests/shared/state)."""
    path = tmp_path / "store.sqlite3"
    await (await SqliteStore.open(path)).close()
    with sqlite3.connect(path) as connection:  # back to what the earlier version left
        connection.executescript("DROP TABLE status_objects; DROP TABLE statuses; PRAGMA user_version = 1;")
    store = await SqliteStore.open(path)
    try:
        record = StatusRecord(
            "s-1", "be-cert", "c-1", None, "2026-12-05T10:00:00Z", (StatusEntry("x--1", "v", "pending"),)
        )
        await store.save_status(record)
        assert await store.load_status("s-1") == record
        kept = make(name="stored after the migration")
        await store.add([kept])
        assert [v.obj["id"] for v in await store.get(ADMIN, kept["id"])] == [kept["id"]]
    finally:
        await store.close()


_IDS = [f"attack-pattern--00000000-0000-4000-8000-00000000000{n}" for n in range(3)]
# Two spellings of one instant: the same vkey, ordered by the version text.
_STAMPS = [
    "2026-11-01T00:00:00.000Z",
    "2026-11-02T00:00:00Z",
    "2026-11-02T00:00:00.000Z",
    "2026-11-03T00:00:00.5Z",
]


def _rows(path: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        versions = connection.execute(
            "SELECT seq, id, version, vkey, is_latest, text, obj FROM versions ORDER BY seq"
        ).fetchall()
        terms = connection.execute("SELECT * FROM terms ORDER BY 1, 2, 3").fetchall()
        refs = connection.execute("SELECT * FROM refs ORDER BY 1, 2").fetchall()
        fts = connection.execute("SELECT rowid, text FROM fts ORDER BY rowid").fetchall()
        return [*versions, *terms, *refs, *fts]
    finally:
        connection.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    batches=st.lists(
        st.lists(st.tuples(st.sampled_from(_IDS), st.sampled_from(_STAMPS)), min_size=1, max_size=6),
        min_size=1,
        max_size=4,
    )
)
def test_a_batch_stores_what_its_objects_stored_one_at_a_time(
    tmp_path_factory: pytest.TempPathFactory, batches: list[list[tuple[str, str]]]
) -> None:
    """Repeats, several versions of one id and older versions after newer ones, in one batch."""

    def version(stix_id: str, stamp: str) -> dict[str, object]:
        return make(stix_id=stix_id, modified=stamp, name=f"{stix_id[-1]} at {stamp}", tags=(stamp[:10],))

    async def store_all(path: Path, one_at_a_time: bool) -> list[int]:
        store = await SqliteStore.open(path)
        try:
            counts = []
            for batch in batches:
                objects = [version(stix_id, stamp) for stix_id, stamp in batch]
                parts = [[obj] for obj in objects] if one_at_a_time else [objects]
                counts.append(sum([await store.add(part) for part in parts]))
            return counts
        finally:
            await store.close()

    directory = tmp_path_factory.mktemp("batches")
    together = asyncio.run(store_all(directory / "together.sqlite3", one_at_a_time=False))
    apart = asyncio.run(store_all(directory / "apart.sqlite3", one_at_a_time=True))
    assert together == apart
    assert _rows(directory / "together.sqlite3") == _rows(directory / "apart.sqlite3")
