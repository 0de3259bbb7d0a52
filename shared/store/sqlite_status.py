"""TAXII POST statuses in the embedded store's SQLite file (schema version 2 of the store).

The same tables the search service kept in its own ``status.sqlite3`` before statuses moved
into the store (docs/architecture.md, "The state").
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from shared.store.base import StatusEntry, StatusRecord

MIGRATION = """
CREATE TABLE statuses (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL,
    collection_id TEXT NOT NULL,
    submission_id TEXT,
    request_timestamp TEXT NOT NULL
);
CREATE TABLE status_objects (
    status_id TEXT NOT NULL REFERENCES statuses(id),
    position INTEGER NOT NULL,
    object_id TEXT NOT NULL,
    version TEXT NOT NULL,
    outcome TEXT NOT NULL,
    message TEXT,
    PRIMARY KEY (status_id, position)
);
"""


def save(conn: sqlite3.Connection, record: StatusRecord) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "INSERT INTO statuses (id, partner_id, collection_id, submission_id, request_timestamp) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                record.id,
                record.partner_id,
                record.collection_id,
                record.submission_id,
                record.request_timestamp,
            ),
        )
        conn.executemany(
            "INSERT INTO status_objects (status_id, position, object_id, version, outcome, message) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (record.id, position, e.object_id, e.version, e.outcome, e.message)
                for position, e in enumerate(record.entries)
            ],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def load(conn: sqlite3.Connection, status_id: str) -> StatusRecord | None:
    row = conn.execute(
        "SELECT id, partner_id, collection_id, submission_id, request_timestamp FROM statuses WHERE id = ?",
        (status_id,),
    ).fetchone()
    if row is None:
        return None
    entries = conn.execute(
        "SELECT object_id, version, outcome, message FROM status_objects "
        "WHERE status_id = ? ORDER BY position",
        (status_id,),
    ).fetchall()
    status_id_, partner_id, collection_id, submission_id, request_timestamp = row
    return StatusRecord(
        status_id_,
        partner_id,
        collection_id,
        submission_id,
        request_timestamp,
        tuple(StatusEntry(*entry) for entry in entries),
    )


def mark_succeeded(conn: sqlite3.Connection, status_id: str, object_ids: Sequence[str]) -> None:
    # One statement a row, in autocommit mode: each update is atomic on its own and idempotent.
    conn.executemany(
        "UPDATE status_objects SET outcome = 'success' "
        "WHERE status_id = ? AND object_id = ? AND outcome = 'pending'",
        [(status_id, object_id) for object_id in object_ids],
    )
