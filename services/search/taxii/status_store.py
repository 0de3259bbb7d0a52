"""Status resources of TAXII POSTs, kept in SQLite (``<data_dir>/status.sqlite3``) so they
survive a restart and every replica sharing the data directory sees them.

Each posted object is recorded once, as ``pending`` (handed to the producers) or ``failure``
(refused by the producers up front, with the reason). A pending object becomes ``success`` the
first time the store is seen to hold it, and that is written back, so an answered status never
has to be recomputed from scratch.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from shared.state.sqlite import Schema, connect, open_database

Outcome = Literal["pending", "success", "failure"]

_V1 = (
    """CREATE TABLE IF NOT EXISTS statuses (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL,
        collection_id TEXT NOT NULL,
        submission_id TEXT,
        request_timestamp TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS status_objects (
        status_id TEXT NOT NULL REFERENCES statuses(id),
        position INTEGER NOT NULL,
        object_id TEXT NOT NULL,
        version TEXT NOT NULL,
        outcome TEXT NOT NULL,
        message TEXT,
        PRIMARY KEY (status_id, position)
    )""",
)
SCHEMA = Schema("TAXII status database", ("".join(f"{statement};\n" for statement in _V1),))


@dataclass(frozen=True)
class StatusEntry:
    object_id: str
    version: str
    outcome: Outcome
    message: str | None = None


@dataclass(frozen=True)
class StatusRecord:
    id: str
    partner_id: str
    collection_id: str
    submission_id: str | None
    request_timestamp: str
    entries: Sequence[StatusEntry]


class StatusStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        open_database(path, SCHEMA).close()

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> StatusStore:
        return cls(data_dir / "status.sqlite3")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        connection = connect(self.path, timeout=10, autocommit=False)
        try:
            with connection:
                yield connection
        finally:
            connection.close()

    def _save(self, record: StatusRecord) -> None:
        with self._connect() as connection:
            connection.execute(
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
            connection.executemany(
                "INSERT INTO status_objects (status_id, position, object_id, version, outcome, message) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (record.id, position, e.object_id, e.version, e.outcome, e.message)
                    for position, e in enumerate(record.entries)
                ],
            )

    def _load(self, status_id: str) -> StatusRecord | None:
        with self._connect() as connection:
            row = connection.execute(
                "SELECT id, partner_id, collection_id, submission_id, request_timestamp "
                "FROM statuses WHERE id = ?",
                (status_id,),
            ).fetchone()
            if row is None:
                return None
            entries = connection.execute(
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

    def _mark_succeeded(self, status_id: str, object_ids: Sequence[str]) -> None:
        with self._connect() as connection:
            connection.executemany(
                "UPDATE status_objects SET outcome = 'success' "
                "WHERE status_id = ? AND object_id = ? AND outcome = 'pending'",
                [(status_id, object_id) for object_id in object_ids],
            )

    async def save(self, record: StatusRecord) -> None:
        await asyncio.to_thread(self._save, record)

    async def load(self, status_id: str) -> StatusRecord | None:
        return await asyncio.to_thread(self._load, status_id)

    async def mark_succeeded(self, status_id: str, object_ids: Sequence[str]) -> None:
        if object_ids:
            await asyncio.to_thread(self._mark_succeeded, status_id, object_ids)
