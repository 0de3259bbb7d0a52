"""Durable dedup state, shared by every enrichment replica.

What it holds:
- ``objects``: per STIX id, the latest version crimefeed emitted (modified, fingerprint,
  sighting_count, body), so a repeat can bump the canonical's sighting count;
- ``versions``: every (id, modified) already emitted, so one version is emitted once;
- ``fingerprints``: fingerprint -> canonical id, for exact duplicates under other ids;
- ``signatures``: MinHash signatures of canonical MO texts, an append-only log that each replica
  replays into its in-memory LSH index (so the index is shared without a query per band);
- ``mo_members``: every clustered object's MO-cluster membership, profile and vector, an
  append-only log replayed into each replica's in-memory ``ClusterIndex`` like the signatures;
- ``sources`` and ``outbox``: the transactional outbox. Each batch's decisions and the messages
  they produce are committed in one transaction, before anything is published; the batch is
  marked done after the broker confirmed every message, and only then are offsets committed.
  A redelivered submission whose batch is done is skipped; one whose batch is pending is
  republished from the outbox byte for byte. So a crash anywhere replays harmlessly.
  Each batch also records where its records were (topic, partition, last offset) when they came
  from one partition: with Kafka transactions a batch is marked done after its transaction
  committed, so a crash between the two leaves it pending although its records will never come
  again; it is settled as done once the group's committed position on that partition is past it.

Where it lives: SQLite in WAL mode under the data directory (default). Every batch runs in one
``BEGIN IMMEDIATE`` transaction, which SQLite serializes across processes, so replicas on one
host (the embedded and single-host deployments) make their claims atomically and agree.
Replicas on several hosts need a networked store implementing ``DedupStore`` with the same
semantics (e.g. OpenSearch with ``op_type=create`` for the claims and seq_no/primary_term
for the optimistic updates); the SQLite file must not be put on a network file system.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import orjson

from services.enrichment.clustering import ClusterIndex, Member
from services.enrichment.neardup import NearDupIndex, Signature
from shared.state.scopes import SCOPES_CHANGE, SCOPES_REMEDY
from shared.state.sqlite import Schema, open_database, refuse_earlier_data

_V1 = """
CREATE TABLE IF NOT EXISTS objects (
    id TEXT PRIMARY KEY, modified TEXT NOT NULL, fingerprint TEXT NOT NULL,
    sighting_count INTEGER NOT NULL, body BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS versions (id TEXT NOT NULL, modified TEXT NOT NULL, PRIMARY KEY (id, modified))
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fingerprints (
    fingerprint TEXT PRIMARY KEY, canonical_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS signatures (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, object_id TEXT NOT NULL, stix_type TEXT NOT NULL,
    scope TEXT NOT NULL, external_ids TEXT NOT NULL, category TEXT, hashvalues BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
    batch_id INTEGER PRIMARY KEY AUTOINCREMENT, payload BLOB, done INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sources (source TEXT PRIMARY KEY, batch_id INTEGER NOT NULL) WITHOUT ROWID;
"""
# Version 2: MO-cluster members (profile, membership and vector per clustered object).
_V2 = """
CREATE TABLE IF NOT EXISTS mo_members (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, object_id TEXT NOT NULL, cluster_id TEXT NOT NULL,
    payload BLOB NOT NULL, vector BLOB
);
"""
# Version 4: where each outbox batch's records were, to settle batches whose offsets committed.
_V4 = """
ALTER TABLE outbox ADD COLUMN topic TEXT;
ALTER TABLE outbox ADD COLUMN partition INTEGER;
ALTER TABLE outbox ADD COLUMN last_offset INTEGER;
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (topic, partition, last_offset) WHERE done = 0;
"""
# Ids include the sharing scope since schema version 3 (docs/operations.md, "Upgrading to
# sharing scopes"): what an earlier version stored under the ids it derived cannot be converted.
SCHEMA = Schema(
    "enrichment dedup state",
    (_V1, _V2, refuse_earlier_data("objects", SCOPES_CHANGE, SCOPES_REMEDY), _V4),
)

_CHUNK = 400  # stays below SQLite's bound-parameter limit
_PUT_OBJECT = (
    "INSERT INTO objects (id, modified, fingerprint, sighting_count, body) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET modified = excluded.modified, "
    "fingerprint = excluded.fingerprint, sighting_count = excluded.sighting_count, "
    "body = excluded.body"
)
_ADD_VERSION = "INSERT OR IGNORE INTO versions (id, modified) VALUES (?, ?)"
# First claim wins; the transaction makes "first" the same for every replica.
_CLAIM_FINGERPRINT = "INSERT OR IGNORE INTO fingerprints (fingerprint, canonical_id) VALUES (?, ?)"


@dataclass(slots=True)
class KnownObject:
    """The latest version crimefeed emitted of one STIX id."""

    object_id: str
    modified: str
    fingerprint: str
    sighting_count: int
    body: dict[str, Any]


@dataclass(frozen=True, slots=True)
class OutboxPosition:
    """Where the records of one outbox batch were: one partition, up to ``last_offset``."""

    topic: str
    partition: int
    last_offset: int


Partition = tuple[str, int]
"""(topic, partition number)."""


@dataclass(frozen=True, slots=True)
class SourceStatus:
    batch_id: int
    done: bool


class DedupSession(Protocol):
    """The claims and lookups of one batch, atomic with respect to every other replica."""

    index: NearDupIndex
    clusters: ClusterIndex

    def source_status(self, sources: Iterable[str]) -> dict[str, SourceStatus]: ...
    def pending_payload(self, batch_id: int) -> bytes | None: ...
    def known_objects(self, object_ids: Iterable[str]) -> dict[str, KnownObject]: ...
    def seen_versions(self, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]: ...
    def canonical_for_fingerprints(self, fingerprints: Iterable[str]) -> dict[str, str]: ...
    def put_object(self, known: KnownObject) -> None: ...
    def add_version(self, object_id: str, modified: str) -> None: ...
    def claim_fingerprint(self, fingerprint: str, object_id: str) -> None: ...
    def add_signature(self, signature: Signature) -> None: ...
    def add_member(self, member: Member) -> None: ...
    def record_outbox(self, sources: Iterable[str], payload: bytes) -> int: ...
    def locate_outbox(self, batch_id: int, position: OutboxPosition) -> None: ...


class DedupStore(Protocol):
    def session(self) -> Any:  # a context manager yielding a DedupSession
        ...

    def preview(self) -> Any:  # a context manager yielding a DedupSession to read, never to write
        ...

    def mark_done(self, batch_ids: Iterable[int]) -> None: ...
    def pending_partitions(self) -> set[Partition]: ...
    def settle(self, committed: Mapping[Partition, int], keep: Iterable[int] = ()) -> list[int]: ...
    def close(self) -> None: ...


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


class SqliteSession:
    def __init__(self, connection: sqlite3.Connection, index: NearDupIndex, clusters: ClusterIndex) -> None:
        self._db = connection
        self.index = index
        self.clusters = clusters
        self.max_signature_seq = 0
        self.max_member_seq = 0
        # Writes of one statement each, run together (executemany) before the session's next
        # read and before it commits: a read sees every earlier write, as if each had run at once.
        self._pending: dict[str, list[tuple[Any, ...]]] = {}

    def _write(self, statement: str, row: tuple[Any, ...]) -> None:
        self._pending.setdefault(statement, []).append(row)

    def flush(self) -> None:
        """Run the pending writes (each table's rows in the order they were written)."""
        pending, self._pending = self._pending, {}
        for statement, rows in pending.items():
            self._db.executemany(statement, rows)

    def source_status(self, sources: Iterable[str]) -> dict[str, SourceStatus]:
        self.flush()
        result: dict[str, SourceStatus] = {}
        for chunk in _chunks(list(sources)):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT s.source, s.batch_id, o.done FROM sources s JOIN outbox o USING (batch_id) "
                f"WHERE s.source IN ({marks})",
                chunk,
            )
            result.update({source: SourceStatus(batch_id, bool(done)) for source, batch_id, done in rows})
        return result

    def pending_payload(self, batch_id: int) -> bytes | None:
        self.flush()
        row = self._db.execute(
            "SELECT payload FROM outbox WHERE batch_id = ? AND done = 0", (batch_id,)
        ).fetchone()
        return None if row is None else bytes(row[0])

    def known_objects(self, object_ids: Iterable[str]) -> dict[str, KnownObject]:
        self.flush()
        result: dict[str, KnownObject] = {}
        for chunk in _chunks(list(object_ids)):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT id, modified, fingerprint, sighting_count, body FROM objects WHERE id IN ({marks})",
                chunk,
            )
            for object_id, modified, fp, count, body in rows:
                result[object_id] = KnownObject(object_id, modified, fp, count, orjson.loads(body))
        return result

    def seen_versions(self, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        self.flush()
        found: set[tuple[str, str]] = set()
        for chunk in _chunks(list(keys)):
            clause = " OR ".join("(id = ? AND modified = ?)" for _ in chunk)
            params = [value for key in chunk for value in key]
            found.update(self._db.execute(f"SELECT id, modified FROM versions WHERE {clause}", params))
        return found

    def canonical_for_fingerprints(self, fingerprints: Iterable[str]) -> dict[str, str]:
        self.flush()
        result: dict[str, str] = {}
        for chunk in _chunks(list(fingerprints)):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT fingerprint, canonical_id FROM fingerprints WHERE fingerprint IN ({marks})", chunk
            )
            result.update(dict(rows))
        return result

    def put_object(self, known: KnownObject) -> None:
        self._write(
            _PUT_OBJECT,
            (
                known.object_id,
                known.modified,
                known.fingerprint,
                known.sighting_count,
                orjson.dumps(known.body),
            ),
        )

    def add_version(self, object_id: str, modified: str) -> None:
        self._write(_ADD_VERSION, (object_id, modified))

    def claim_fingerprint(self, fingerprint: str, object_id: str) -> None:
        self._write(_CLAIM_FINGERPRINT, (fingerprint, object_id))

    def add_signature(self, signature: Signature) -> None:
        cursor = self._db.execute(
            "INSERT INTO signatures (object_id, stix_type, scope, external_ids, category, hashvalues) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                signature.object_id,
                signature.stix_type,
                signature.scope,
                orjson.dumps(sorted(signature.external_ids)),
                signature.category,
                signature.hashvalues.astype(np.uint32).tobytes(),
            ),
        )
        self.max_signature_seq = max(self.max_signature_seq, cursor.lastrowid or 0)
        self.index.add(signature)

    def add_member(self, member: Member) -> None:
        cursor = self._db.execute(
            "INSERT INTO mo_members (object_id, cluster_id, payload, vector) VALUES (?, ?, ?, ?)",
            member.to_row(),
        )
        self.max_member_seq = max(self.max_member_seq, cursor.lastrowid or 0)
        self.clusters.add(member)

    def record_outbox(self, sources: Iterable[str], payload: bytes) -> int:
        self.flush()
        cursor = self._db.execute("INSERT INTO outbox (payload) VALUES (?)", (payload,))
        batch_id = cursor.lastrowid
        assert batch_id is not None
        self._db.executemany(
            "INSERT OR REPLACE INTO sources (source, batch_id) VALUES (?, ?)",
            [(s, batch_id) for s in sources],
        )
        return batch_id

    def locate_outbox(self, batch_id: int, position: OutboxPosition) -> None:
        self._db.execute(
            "UPDATE outbox SET topic = ?, partition = ?, last_offset = ? WHERE batch_id = ?",
            (position.topic, position.partition, position.last_offset, batch_id),
        )


def done_submissions(path: Path) -> int:
    """How many submissions' outputs the broker has confirmed, read without a lock from another
    process (benchmarks and tests watch a running enrichment with it); 0 before the state exists."""
    if not Path(path).exists():
        return 0
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.OperationalError:
        return 0
    try:
        (count,) = connection.execute(
            "SELECT COUNT(*) FROM sources JOIN outbox USING (batch_id) WHERE done = 1"
        ).fetchone()
        return int(count)
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0
    finally:
        connection.close()


class SqliteDedupStore:
    """The SQLite implementation of DedupStore (one file, any number of local replicas)."""

    def __init__(self, path: Path | str, threshold: float = 0.5, num_perm: int = 128) -> None:
        self.path = path
        self._threshold = threshold
        self._num_perm = num_perm
        # synchronous NORMAL: a committed transaction survives a crash of the process (SIGKILL);
        # only an OS crash may lose the last ones, which then re-emits (never loses) their objects.
        self._db = open_database(path, SCHEMA, timeout=60)
        # 64 MB of page cache (SQLite's default is 2 MB): the objects' bodies outgrow the default
        # within a few thousand objects, and every miss is a read system call (it halved the
        # state's share of enrichment's CPU, bench/e2e.py).
        self._db.execute("PRAGMA cache_size = -65536")
        self._lock = threading.Lock()
        self._index = NearDupIndex(threshold, num_perm)
        self._signature_seq = 0
        self._clusters = ClusterIndex()
        self._member_seq = 0

    def _sync_index(self) -> None:
        """Replay signatures other replicas (or earlier runs) added since the last batch."""
        rows = self._db.execute(
            "SELECT seq, object_id, stix_type, scope, external_ids, category, hashvalues FROM signatures "
            "WHERE seq > ? ORDER BY seq",
            (self._signature_seq,),
        )
        for seq, object_id, stix_type, scope, ext_ids, category, values in rows:
            self._index.add(
                Signature(
                    object_id=object_id,
                    stix_type=stix_type,
                    scope=scope,
                    external_ids=frozenset(orjson.loads(ext_ids)),
                    category=category,
                    hashvalues=np.frombuffer(values, dtype=np.uint32),
                )
            )
            self._signature_seq = seq

    def _sync_clusters(self) -> None:
        """Replay cluster members other replicas (or earlier runs) added since the last batch."""
        rows = self._db.execute(
            "SELECT seq, payload, vector FROM mo_members WHERE seq > ? ORDER BY seq", (self._member_seq,)
        )
        for seq, payload, vector in rows:
            self._clusters.add(Member.from_row(bytes(payload), None if vector is None else bytes(vector)))
            self._member_seq = seq

    @contextmanager
    def session(self) -> Iterator[SqliteSession]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._sync_index()
                self._sync_clusters()
                session = SqliteSession(self._db, self._index, self._clusters)
                yield session
                session.flush()
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                # The in-memory indexes may hold entries of the rolled-back batch: rebuild them.
                self._index = NearDupIndex(self._threshold, self._num_perm)
                self._signature_seq = 0
                self._clusters = ClusterIndex()
                self._member_seq = 0
                raise
            self._signature_seq = max(self._signature_seq, session.max_signature_seq)
            self._member_seq = max(self._member_seq, session.max_member_seq)

    @contextmanager
    def preview(self) -> Iterator[SqliteSession]:
        """Lookups outside any write transaction (no other replica waits on them).

        What they find can only grow before the batch's session (objects, fingerprints and
        signatures are never removed), so an object found known or duplicated here is so then;
        the pipeline uses this to embed, before taking the write lock, only what may be new.
        """
        with self._lock:
            self._sync_index()
            self._sync_clusters()
            yield SqliteSession(self._db, self._index, self._clusters)

    def mark_done(self, batch_ids: Iterable[int]) -> None:
        ids = list(batch_ids)
        if not ids:
            return
        with self._lock:
            # The payload is only needed to republish a pending batch: drop it once done.
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                self._db.execute(
                    f"UPDATE outbox SET done = 1, payload = NULL WHERE batch_id IN ({marks})", chunk
                )

    def pending_partitions(self) -> set[Partition]:
        """The partitions of pending outbox batches whose position is known."""
        with self._lock:
            rows = self._db.execute(
                "SELECT DISTINCT topic, partition FROM outbox WHERE done = 0 AND topic IS NOT NULL"
            ).fetchall()
        return {(str(topic), int(partition)) for topic, partition in rows}

    def settle(self, committed: Mapping[Partition, int], keep: Iterable[int] = ()) -> list[int]:
        """Mark done the pending batches whose records all lie below the committed position of
        their partition (`committed`: the offset the group reads next), except `keep` (batches of
        a transaction still open). Records below that position are never delivered again, so
        whatever published them committed; returns the batches settled."""
        kept = set(keep)
        settled: list[int] = []
        with self._lock:
            for (topic, partition), position in committed.items():
                rows = self._db.execute(
                    "SELECT batch_id FROM outbox WHERE done = 0 AND topic = ? AND partition = ? "
                    "AND last_offset < ?",
                    (topic, partition, position),
                ).fetchall()
                settled.extend(batch_id for (batch_id,) in rows if batch_id not in kept)
        self.mark_done(settled)
        return settled

    def close(self) -> None:
        with self._lock:
            self._db.close()
