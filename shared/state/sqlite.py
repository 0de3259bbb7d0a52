"""How every crimefeed SQLite file is opened: WAL, a busy timeout, and versioned schemas.

A file's schema version is ``PRAGMA user_version``. A ``Schema`` is the ordered list of its
migrations: step *i* takes a file from version *i* to *i + 1*, so the version of a file is the
number of steps it has had. Opening runs the missing steps in one ``BEGIN IMMEDIATE``
transaction (replicas opening the same file at once serialize; the loser finds nothing to do),
and refuses a file whose version is newer than the code knows, naming the file: an older
crimefeed must not write into a schema it does not understand.

Step 1 of every schema is the schema files had before versions existed, written with
``IF NOT EXISTS``, so those files (version 0, tables present) open as version 1 unchanged.

The state files themselves are listed in ``shared/state/state_files.yaml`` (docs/architecture.md,
"The state").
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Migration = str | Callable[[sqlite3.Connection], None]
"""A migration step: an SQL script, or a function given the connection inside the transaction."""

Synchronous = Literal["OFF", "NORMAL", "FULL"]

DEFAULT_TIMEOUT_SECONDS = 30.0
MEMORY = ":memory:"


class SchemaVersionError(RuntimeError):
    """A state file was written by a newer crimefeed than this one."""


@dataclass(frozen=True)
class Schema:
    name: str
    """What the file holds, for error messages (``"partner registry"``)."""
    migrations: Sequence[Migration]

    @property
    def version(self) -> int:
        return len(self.migrations)


def connect(
    path: Path | str,
    *,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    synchronous: Synchronous = "NORMAL",
    autocommit: bool = True,
    read_only: bool = False,
) -> sqlite3.Connection:
    """A connection with crimefeed's settings; the schema is not touched (see ``open_database``).

    ``autocommit``: transactions are explicit (``BEGIN IMMEDIATE`` ... ``COMMIT``); otherwise
    Python opens one before the first write and ``with connection:`` commits it.
    """
    connection = sqlite3.connect(
        path,
        timeout=timeout,
        isolation_level=None if autocommit else "DEFERRED",
        check_same_thread=False,
    )
    connection.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    # NORMAL in WAL mode: a commit survives the process being killed; only an OS crash or power
    # loss can lose the last commits. FULL where a caller acknowledges writes to others on commit.
    connection.execute(f"PRAGMA synchronous = {synchronous}")
    if read_only:
        connection.execute("PRAGMA query_only = 1")
    return connection


def open_database(
    path: Path | str,
    schema: Schema,
    *,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    synchronous: Synchronous = "NORMAL",
) -> sqlite3.Connection:
    """An autocommit connection to ``path`` (created with its directory if missing) in WAL mode,
    migrated to ``schema``'s version. Raises ``SchemaVersionError`` for a file of a newer version."""
    if str(path) != MEMORY:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = connect(path, timeout=timeout, synchronous=synchronous, autocommit=True)
    try:
        # WAL is a property of the file: readers run while one writer commits.
        connection.execute("PRAGMA journal_mode = WAL")
        migrate(connection, schema, where=str(path))
    except BaseException:
        connection.close()
        raise
    return connection


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection, schema: Schema, *, where: str = "") -> int:
    """Bring the database to ``schema.version``; return the version it had before.

    The connection must be in autocommit mode (no transaction open).
    """
    found = schema_version(connection)
    _refuse_newer(found, schema, where)
    if found == schema.version:
        return found
    connection.execute("BEGIN IMMEDIATE")  # waits up to the busy timeout for another writer
    try:
        # Another process may have migrated between the read above and the lock.
        found = schema_version(connection)
        _refuse_newer(found, schema, where)
        for step in schema.migrations[found:]:
            _run(connection, step)
        connection.execute(f"PRAGMA user_version = {schema.version}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return found


def _refuse_newer(found: int, schema: Schema, where: str) -> None:
    if found > schema.version:
        raise SchemaVersionError(
            f"{where or 'database'}: the {schema.name} has schema version {found}, newer than the "
            f"{schema.version} this crimefeed knows; run the newer crimefeed or restore a backup "
            "made by this version"
        )


def _run(connection: sqlite3.Connection, step: Migration) -> None:
    if callable(step):
        step(connection)
        return
    # Statement by statement: executescript would commit the open transaction first.
    for statement in split_statements(step):
        connection.execute(statement)


def split_statements(script: str) -> list[str]:
    """The complete SQL statements of ``script`` (triggers' inner ``;`` included)."""
    statements: list[str] = []
    *pieces, tail = script.split(";")
    pending = ""
    for piece in pieces:
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip().strip(";").strip():
                statements.append(pending.strip())
            pending = ""
    if (pending + tail).strip():
        raise ValueError("SQL script ends with an incomplete statement (each must end with ';')")
    return statements


class IncompatibleStateError(RuntimeError):
    """A state file holds data an earlier crimefeed wrote in a form this one cannot convert."""


def refuse_earlier_data(table: str, change: str, remedy: str) -> Callable[[sqlite3.Connection], None]:
    """A migration step for a change whose data cannot be converted: an empty file moves on, a
    file holding rows in ``table`` is refused with a message naming the file, what changed and
    what to do (the transaction rolls back, so the file is left as it was)."""

    def step(connection: sqlite3.Connection) -> None:
        if connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None:
            return
        where = next((row[2] for row in connection.execute("PRAGMA database_list") if row[1] == "main"), "")
        raise IncompatibleStateError(f"{where or 'database'}: {change}; {remedy}")

    return step
