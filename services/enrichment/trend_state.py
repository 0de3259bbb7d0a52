"""Durable trend counters: sightings per MO per ISO week, in one SQLite file (WAL).

Why SQLite: the counters are small (one row per MO and week), must survive a restart, and must
agree between enrichment replicas that share the data directory. SQLite gives that with atomic
transactions across processes (``BEGIN IMMEDIATE`` takes the write lock before reading, so
two replicas cannot both count the same sighting or both claim an MO's first sighting), and WAL
lets readers run while a replica writes. Replicas on different machines would need a shared
database server instead; the interface here (``TrendStore.record``) is what would move.

Idempotence: every observed sighting id is stored with the result it got, and observing it
again returns that stored result without counting. A replay (a crash between the state write
and the Kafka commit re-delivers the batch) therefore yields byte-identical trend flags, so
the re-published object is the same version, not a new one.

Durability: ``synchronous=NORMAL`` in WAL mode survives a crash or SIGKILL of the process (the
failure the pipeline is built for); only an OS crash or power loss can lose the last commits,
which the replay then recounts once.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from shared.state.scopes import SCOPES_CHANGE, SCOPES_REMEDY
from shared.state.sqlite import Schema, open_database, refuse_earlier_data

_V1 = """
CREATE TABLE IF NOT EXISTS mo_week (
    mo TEXT NOT NULL,
    week TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (mo, week)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mo_first (
    mo TEXT PRIMARY KEY,
    sighting_id TEXT NOT NULL,
    week TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS observed (
    sighting_id TEXT PRIMARY KEY,
    mo TEXT NOT NULL,
    week TEXT NOT NULL,
    first_seen_mo INTEGER NOT NULL,
    spike INTEGER NOT NULL,
    week_count INTEGER NOT NULL
) WITHOUT ROWID;
"""
# Ids include the sharing scope since schema version 2 (docs/operations.md, "Upgrading to
# sharing scopes"): what an earlier version stored under the ids it derived cannot be converted.
SCHEMA = Schema("trend counters", (_V1, refuse_earlier_data("observed", SCOPES_CHANGE, SCOPES_REMEDY)))

_BUSY_TIMEOUT_S = 30.0


@dataclass(frozen=True, slots=True)
class Observation:
    """What recording one sighting found (stored, so a replay gets exactly this back)."""

    sighting_id: str
    mo: str
    week: str
    first_seen_mo: bool
    spike: bool
    week_count: int
    replayed: bool = False


@dataclass(frozen=True, slots=True)
class Pending:
    """A sighting to record: its id, MO, ISO week and the weeks its spike baseline covers."""

    sighting_id: str
    mo: str
    week: str
    baseline_weeks: tuple[str, ...]


class TrendStore:
    """The SQLite file behind ``TrendTracker``. Thread-safe; several processes may share it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # Autocommit: transactions are explicit (BEGIN IMMEDIATE), not Python's implicit ones.
        self._conn = open_database(path, SCHEMA, timeout=_BUSY_TIMEOUT_S)
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def record(self, items: Sequence[Pending], spike_min: int, spike_factor: float) -> list[Observation]:
        """Count each new sighting once, in one transaction; replayed ids get their stored result.

        The spike rule: this week's count for the MO >= ``spike_min`` and >= ``spike_factor`` x
        the mean count of the baseline weeks (absent weeks count 0).
        """
        results: list[Observation] = []
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                for item in items:
                    results.append(self._record_one(conn, item, spike_min, spike_factor))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return results

    @staticmethod
    def _record_one(
        conn: sqlite3.Connection, item: Pending, spike_min: int, spike_factor: float
    ) -> Observation:
        row = conn.execute(
            "SELECT mo, week, first_seen_mo, spike, week_count FROM observed WHERE sighting_id = ?",
            (item.sighting_id,),
        ).fetchone()
        if row is not None:
            return Observation(item.sighting_id, row[0], row[1], bool(row[2]), bool(row[3]), row[4], True)
        first = (
            conn.execute(
                "INSERT INTO mo_first (mo, sighting_id, week) VALUES (?, ?, ?) ON CONFLICT (mo) DO NOTHING",
                (item.mo, item.sighting_id, item.week),
            ).rowcount
            == 1
        )
        (count,) = conn.execute(
            "INSERT INTO mo_week (mo, week, n) VALUES (?, ?, 1) "
            "ON CONFLICT (mo, week) DO UPDATE SET n = n + 1 RETURNING n",
            (item.mo, item.week),
        ).fetchone()
        baseline = 0
        if item.baseline_weeks:
            marks = ",".join("?" * len(item.baseline_weeks))
            (baseline,) = conn.execute(
                f"SELECT COALESCE(SUM(n), 0) FROM mo_week WHERE mo = ? AND week IN ({marks})",
                (item.mo, *item.baseline_weeks),
            ).fetchone()
        mean = baseline / len(item.baseline_weeks) if item.baseline_weeks else 0.0
        spike = count >= spike_min and count >= spike_factor * mean
        conn.execute(
            "INSERT INTO observed (sighting_id, mo, week, first_seen_mo, spike, week_count) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (item.sighting_id, item.mo, item.week, int(first), int(spike), count),
        )
        return Observation(item.sighting_id, item.mo, item.week, first, spike, count)

    def week_count(self, mo: str, week: str) -> int:
        with self._lock:
            row = self._conn.execute("SELECT n FROM mo_week WHERE mo = ? AND week = ?", (mo, week)).fetchone()
        return int(row[0]) if row else 0

    def observed_count(self) -> int:
        with self._lock:
            (count,) = self._conn.execute("SELECT COUNT(*) FROM observed").fetchone()
        return int(count)
