"""Opening, migrating and refusing SQLite state files (shared/state/sqlite.py)."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.enrichment.state import SCHEMA as DEDUP_SCHEMA
from services.enrichment.state import SqliteDedupStore
from services.enrichment.trend_state import SCHEMA as TREND_SCHEMA
from services.enrichment.trend_state import TrendStore
from shared.models.report import TLP
from shared.partners import SCHEMA as PARTNERS_SCHEMA
from shared.partners import PartnerRegistry
from shared.state.sqlite import (
    IncompatibleStateError,
    Schema,
    SchemaVersionError,
    migrate,
    open_database,
    schema_version,
    split_statements,
)
from shared.store.sqlite import SCHEMA as STORE_SCHEMA
from shared.store.sqlite import SqliteStore

ALL_SCHEMAS = [PARTNERS_SCHEMA, DEDUP_SCHEMA, TREND_SCHEMA, STORE_SCHEMA]


def _tables(path: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        return set(connection.execute("SELECT type, name FROM sqlite_master").fetchall())


def _file_of_the_earlier_version(path: Path, schema: Schema) -> None:
    """What crimefeed wrote before schema versions: the first schema, user_version 0."""
    step = schema.migrations[0]
    assert isinstance(step, str)
    connection = sqlite3.connect(path)
    connection.executescript(step)
    connection.close()


@pytest.mark.parametrize("schema", ALL_SCHEMAS, ids=lambda s: s.name)
def test_a_file_of_the_earlier_version_opens_and_migrates_to_the_current_version(
    tmp_path: Path, schema: Schema
) -> None:
    path = tmp_path / "old.sqlite3"
    _file_of_the_earlier_version(path, schema)
    before = _tables(path)
    connection = open_database(path, schema)
    assert schema_version(connection) == schema.version
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000
    connection.close()
    assert before <= _tables(path)  # what the earlier version had is kept; later steps add


def test_an_earlier_partner_registry_keeps_its_partners(tmp_path: Path) -> None:
    path = tmp_path / "partners.sqlite3"
    _file_of_the_earlier_version(path, PARTNERS_SCHEMA)
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO partners (partner_id, key_digest, max_tlp, created_at) VALUES (?, ?, ?, ?)",
            ("be-cert", "0" * 64, "amber", "2026-01-01T00:00:00+00:00"),
        )
    registry = PartnerRegistry(path)
    partner = registry.get("be-cert")
    assert partner is not None and partner.max_tlp is TLP.AMBER
    assert registry.authenticate(registry.add("nl-police", TLP.RED)) is not None


def _newer(path: Path, schema: Schema) -> None:
    open_database(path, schema).close()
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {schema.version + 1}")


@pytest.mark.parametrize(
    ("schema", "opener"),
    [
        (PARTNERS_SCHEMA, PartnerRegistry),
        (DEDUP_SCHEMA, SqliteDedupStore),
        (TREND_SCHEMA, TrendStore),
    ],
    ids=lambda value: value.name if isinstance(value, Schema) else "",
)
def test_a_newer_schema_is_refused_naming_the_file(tmp_path: Path, schema: Schema, opener: type) -> None:
    path = tmp_path / "state.sqlite3"
    _newer(path, schema)
    with pytest.raises(
        SchemaVersionError, match=rf"{path}: the {schema.name} has schema version {schema.version + 1}"
    ):
        opener(path)


async def test_the_store_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    _newer(path, STORE_SCHEMA)
    with pytest.raises(SchemaVersionError, match="embedded store"):
        await SqliteStore.open(path)


def _add_column(connection: sqlite3.Connection) -> None:
    connection.execute("ALTER TABLE t ADD COLUMN c TEXT NOT NULL DEFAULT 'x'")


STEPS: list[str | object] = [
    "CREATE TABLE IF NOT EXISTS t (a INTEGER PRIMARY KEY);",
    "ALTER TABLE t ADD COLUMN b TEXT; CREATE INDEX t_b ON t (b);",
    _add_column,
    "CREATE TABLE log (n INTEGER); "
    "CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.a); END;",
]


@settings(max_examples=20, deadline=None)
@given(start=st.integers(min_value=0, max_value=len(STEPS)))
def test_migrating_from_any_version_gives_the_same_schema(
    tmp_path_factory: pytest.TempPathFactory, start: int
) -> None:
    full = Schema("test", STEPS)  # type: ignore[arg-type]
    reference = tmp_path_factory.mktemp("ref") / "db"
    open_database(reference, full).close()
    path = tmp_path_factory.mktemp("step") / "db"
    open_database(path, Schema("test", STEPS[:start])).close()  # type: ignore[arg-type]
    connection = open_database(path, full)
    assert migrate(connection, full) == len(STEPS)  # nothing left to do
    connection.close()
    assert _tables(path) == _tables(reference)


def test_a_failing_step_leaves_the_file_at_its_version(tmp_path: Path) -> None:
    path = tmp_path / "db"
    open_database(path, Schema("test", STEPS[:1])).close()  # type: ignore[arg-type]
    broken = Schema("test", [STEPS[0], "CREATE TABLE u (x); CREATE TABLE nonsense ((;"])  # type: ignore[list-item]
    with pytest.raises(sqlite3.Error):
        open_database(path, broken)
    connection = open_database(path, Schema("test", STEPS[:1]))  # type: ignore[arg-type]
    assert schema_version(connection) == 1
    assert connection.execute("SELECT count(*) FROM sqlite_master WHERE name = 'u'").fetchone()[0] == 0
    connection.close()


def test_replicas_opening_at_once_migrate_once(tmp_path: Path) -> None:
    path = tmp_path / "db"
    runs: list[int] = []
    lock = threading.Lock()

    def counted(connection: sqlite3.Connection) -> None:
        with lock:
            runs.append(1)
        connection.execute("CREATE TABLE once (x)")

    schema = Schema("test", [counted])
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            open_database(path, schema).close()
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=open_one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(runs) == 1


def test_split_statements_keeps_triggers_and_quoted_semicolons_whole() -> None:
    script = "CREATE TABLE a (x TEXT DEFAULT ';'); " + str(STEPS[3])
    assert split_statements(script) == [
        "CREATE TABLE a (x TEXT DEFAULT ';');",
        "CREATE TABLE log (n INTEGER);",
        "CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.a); END;",
    ]
    with pytest.raises(ValueError, match="incomplete"):
        split_statements("CREATE TABLE a (x")


@pytest.mark.parametrize(
    ("make", "schema", "table"),
    [
        (lambda p: SqliteDedupStore(p), DEDUP_SCHEMA, "objects"),
        (lambda p: TrendStore(p), TREND_SCHEMA, "observed"),
        (lambda p: asyncio.run(SqliteStore.open(p)), STORE_SCHEMA, "versions"),
    ],
    ids=["dedup", "trends", "store"],
)
def test_data_from_before_sharing_scopes_is_refused_naming_the_file_and_the_remedy(
    tmp_path: Path, make: Any, schema: Schema, table: str
) -> None:
    """Ids include the sharing scope since version 2: data under the earlier ids is refused at
    start (the file left as it was), never mixed with the new ids."""
    path = tmp_path / "old.sqlite3"
    connection = open_database(path, Schema(schema.name, schema.migrations[:1]))
    columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
    connection.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [1] * len(columns),
    )
    connection.close()
    with pytest.raises(IncompatibleStateError) as refused:
        make(path)
    message = str(refused.value)
    assert str(path) in message and "sharing scope" in message and "docs/operations.md" in message
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == 1
    check.close()
