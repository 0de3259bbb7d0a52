"""The embedded store: one SQLite file (WAL, FTS5) under the data directory.

Layout: ``versions`` holds one row per stored object version with the access columns (tlp rank,
owner, recipients), the sort keys and the object JSON; ``terms`` holds the multi-valued filter and
facet fields (and the trend group keys of sightings), ``refs`` the links between objects, ``fts``
the full text (external content: the ``versions.text`` column). ``is_latest`` marks each object's
newest version and is kept at write time, so "latest readable version" costs an index probe only
for the rare superseded rows (see ``sqlite_query.latest_readable``).

SQLite calls are blocking, so they run on worker threads: one writer thread with its own
connection (one transaction per ``add`` batch), and a few reader threads, each with its own
connection; WAL lets readers run while the writer commits.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal, TypeVar

import orjson

from shared.access import Viewer
from shared.state.scopes import SCOPES_CHANGE, SCOPES_REMEDY
from shared.state.sqlite import Schema, connect, open_database, refuse_earlier_data
from shared.stix.markings import tlp_rank
from shared.store import sqlite_status
from shared.store.base import (
    FACET_FIELDS,
    SearchHit,
    SearchPage,
    SearchQuery,
    StatusRecord,
    StoredVersion,
    StoreQueryError,
    TrendBucket,
    TrendQuery,
    VersionPage,
    VersionQuery,
)
from shared.store.cursor import decode_cursor, encode_cursor
from shared.store.document import Document, to_document
from shared.store.highlight import MATCH_END, MATCH_START, safe_highlight
from shared.store.sqlite_query import (
    TERM_FIELDS,
    TREND_FIELD_PREFIX,
    Params,
    filters_sql,
    first_readable,
    fts_query,
    latest_readable,
    parse_timestamp,
    parse_timestamp_us,
    readable,
)

T = TypeVar("T")

MAX_SEARCH_LIMIT = 1000
MAX_VERSIONS_LIMIT = 10_000
# Sort key for a missing date: before every real date, so "date" puts undated objects first.
_NO_DATE = -(2**62)
_SNIPPET_TOKENS = 24
_PERIOD_COLUMNS = {"day": "day", "week": "week", "month": "month"}
_TREND_GROUPS = ("category", "mo", "country", "region")

_V1 = """
CREATE TABLE IF NOT EXISTS versions (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    version TEXT NOT NULL,
    vkey INTEGER NOT NULL,
    added INTEGER NOT NULL UNIQUE,
    is_latest INTEGER NOT NULL,
    type TEXT NOT NULL,
    spec_version TEXT NOT NULL,
    tlp TEXT NOT NULL,
    tlp_rank INTEGER NOT NULL,
    owner TEXT,
    recipients TEXT NOT NULL,
    date_us INTEGER,
    day TEXT,
    week TEXT,
    month TEXT,
    count INTEGER NOT NULL,
    first_seen_mo INTEGER NOT NULL,
    spike INTEGER NOT NULL,
    text TEXT NOT NULL,
    obj BLOB NOT NULL,
    UNIQUE (id, version)
);
CREATE INDEX IF NOT EXISTS versions_by_id ON versions (id, vkey);
CREATE INDEX IF NOT EXISTS versions_by_date ON versions (date_us);
CREATE INDEX IF NOT EXISTS versions_by_type_date ON versions (type, date_us);
CREATE INDEX IF NOT EXISTS versions_by_vkey ON versions (vkey);
CREATE TABLE IF NOT EXISTS terms (
    seq INTEGER NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (seq, field, value)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS terms_by_value ON terms (field, value, seq);
CREATE TABLE IF NOT EXISTS refs (
    seq INTEGER NOT NULL,
    ref TEXT NOT NULL,
    PRIMARY KEY (seq, ref)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS refs_by_ref ON refs (ref, seq);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5 (
    text, content='versions', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);
"""
# Ids include the sharing scope since schema version 3 (docs/operations.md, "Upgrading to
# sharing scopes"): what an earlier version stored under the ids it derived cannot be converted.
SCHEMA = Schema(
    "embedded store",
    (_V1, sqlite_status.MIGRATION, refuse_earlier_data("versions", SCOPES_CHANGE, SCOPES_REMEDY)),
)

_INSERT_VERSION = """
INSERT INTO versions (seq, id, version, vkey, added, is_latest, type, spec_version, tlp, tlp_rank,
    owner, recipients, date_us, day, week, month, count, first_seen_mo, spike, text, obj)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_ID_CHUNK = 400  # ids per lookup, below SQLite's bound-parameter limit


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE ... COMMIT) in the writer.
    # FULL: a batch that ``add`` reported committed survives a power cut too, because the indexer
    # commits Kafka offsets right after it. The writer's connection migrates the schema.
    if read_only:
        conn = connect(path, synchronous="FULL", read_only=True)
    else:
        conn = open_database(path, SCHEMA, synchronous="FULL")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA mmap_size = 268435456")
    return conn


class SqliteStore:
    """``shared.store.base.Store`` over one SQLite file (see the module docstring)."""

    def __init__(self, path: Path | str, *, readers: int = 4) -> None:
        self.path = Path(path)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-writer")
        self._readers = ThreadPoolExecutor(max_workers=readers, thread_name_prefix="store-reader")
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._write_conn: sqlite3.Connection | None = None
        self._closed = False

    @classmethod
    async def open(cls, path: Path | str, *, readers: int = 4) -> SqliteStore:
        """A store on ``path`` (created with its parent directory if missing), schema ready."""
        store = cls(path, readers=readers)
        await store._write(store._create_schema)
        return store

    # -- threads and connections ------------------------------------------------------------

    def _track(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        with self._lock:
            self._connections.append(conn)
        return conn

    def _writer_conn(self) -> sqlite3.Connection:
        if self._write_conn is None:
            self._write_conn = self._track(_connect(self.path, read_only=False))
        return self._write_conn

    def _reader_conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._track(_connect(self.path, read_only=True))
            self._local.conn = conn
        return conn

    async def _write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        if self._closed:
            raise RuntimeError("the store is closed")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._writer, lambda: work(self._writer_conn()))

    async def _read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        if self._closed:
            raise RuntimeError("the store is closed")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._readers, lambda: work(self._reader_conn()))

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        # Waiting for the executors lets running work finish before its connection goes away.
        await asyncio.to_thread(self._writer.shutdown, wait=True)
        await asyncio.to_thread(self._readers.shutdown, wait=True)
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()

    def _create_schema(self, conn: sqlite3.Connection) -> None:
        """Nothing to do: opening the writer's connection (``_connect``) migrated the file."""

    # -- writes -----------------------------------------------------------------------------

    async def add(self, objects: Sequence[Mapping[str, Any]]) -> int:
        # Documents are built before the transaction, so a bad object fails the batch up front.
        return await self.add_documents([to_document(obj) for obj in objects])

    async def add_documents(self, documents: Sequence[Document]) -> int:
        if not documents:
            return 0
        return await self._write(lambda conn: _add_documents(conn, documents))

    async def count(self) -> int:
        return await self._read(lambda conn: int(conn.execute("SELECT count(*) FROM versions").fetchone()[0]))

    async def save_status(self, record: StatusRecord) -> None:
        await self._write(lambda conn: sqlite_status.save(conn, record))

    async def load_status(self, status_id: str) -> StatusRecord | None:
        return await self._read(lambda conn: sqlite_status.load(conn, status_id))

    async def mark_status_succeeded(self, status_id: str, object_ids: Sequence[str]) -> None:
        if object_ids:
            await self._write(lambda conn: sqlite_status.mark_succeeded(conn, status_id, object_ids))

    # -- reads ------------------------------------------------------------------------------

    async def get(
        self, viewer: Viewer, stix_id: str, version: str | Literal["last", "all"] = "last"
    ) -> list[StoredVersion]:
        return await self._read(lambda conn: _get(conn, viewer, stix_id, version))

    async def related(self, viewer: Viewer, stix_id: str, limit: int = 200) -> list[StoredVersion]:
        if limit < 1:
            raise StoreQueryError("limit", "must be at least 1")
        return await self._read(lambda conn: _related(conn, viewer, stix_id, limit))

    async def search(self, viewer: Viewer, query: SearchQuery) -> SearchPage:
        _check_search(query)
        return await self._read(lambda conn: _search(conn, viewer, query))

    async def trends(self, viewer: Viewer, query: TrendQuery) -> list[TrendBucket]:
        if query.interval not in _PERIOD_COLUMNS:
            raise StoreQueryError("interval", f"must be one of {', '.join(_PERIOD_COLUMNS)}")
        if query.group_by not in _TREND_GROUPS:
            raise StoreQueryError("group_by", f"must be one of {', '.join(_TREND_GROUPS)}")
        return await self._read(lambda conn: _trends(conn, viewer, query))

    async def versions(self, viewer: Viewer, query: VersionQuery) -> VersionPage:
        if not 1 <= query.limit <= MAX_VERSIONS_LIMIT:
            raise StoreQueryError("limit", f"must be between 1 and {MAX_VERSIONS_LIMIT}")
        return await self._read(lambda conn: _versions(conn, viewer, query))


# -- writing ------------------------------------------------------------------------------------


def _now_us() -> int:
    return time.time_ns() // 1000


def _add_documents(conn: sqlite3.Connection, documents: Sequence[Document]) -> int:
    """One transaction for the batch, a few statements for all its rows (executemany): the
    versions already stored are skipped, each new one gets the next ``seq`` (as SQLite would
    assign it) and ``is_latest`` moves to the newest version of each object."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        # The last ``added`` is read inside the write transaction, so it also holds across
        # restarts and against a clock that went backwards.
        last_added, last_seq = conn.execute(
            "SELECT ifnull(max(added), 0), ifnull(max(seq), 0) FROM versions"
        ).fetchone()
        stored, latest = _stored_versions(conn, {document.id for document in documents})
        rows: list[list[Any]] = []
        pending: dict[int, list[Any]] = {}  # seq -> its row, for the rows of this batch
        superseded: list[tuple[int]] = []
        fts: list[tuple[int, str]] = []
        terms: list[tuple[int | None, str, str]] = []
        refs: list[tuple[int, str]] = []
        for document in documents:
            if (document.id, document.version) in stored:
                continue
            stored.add((document.id, document.version))
            last_added = max(_now_us(), int(last_added) + 1)
            last_seq = seq = int(last_seq) + 1
            vkey = parse_timestamp(document.version) if document.version else None
            vkey = vkey if vkey is not None else 0
            current = latest.get(document.id)
            is_latest = current is None or (vkey, document.version) > (current[1], current[2])
            if is_latest:
                if current is not None:
                    if current[0] in pending:
                        pending[current[0]][_IS_LATEST] = 0
                    else:
                        superseded.append((current[0],))
                latest[document.id] = (seq, vkey, document.version)
            row = _version_row(document, seq, vkey, last_added, is_latest)
            rows.append(row)
            pending[seq] = row
            fts.append((seq, document.text))
            terms.extend(_term_rows(seq, document))
            refs.extend((seq, ref) for ref in document.refs)
        conn.executemany("UPDATE versions SET is_latest = 0 WHERE seq = ?", superseded)
        conn.executemany(_INSERT_VERSION, rows)
        conn.executemany("INSERT INTO fts (rowid, text) VALUES (?, ?)", fts)
        conn.executemany("INSERT OR IGNORE INTO terms VALUES (?, ?, ?)", terms)
        conn.executemany("INSERT OR IGNORE INTO refs VALUES (?, ?)", refs)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(rows)


def _stored_versions(
    conn: sqlite3.Connection, ids: set[str]
) -> tuple[set[tuple[str, str]], dict[str, tuple[int, int, str]]]:
    """The (id, version) pairs stored for these ids, and each id's latest row (seq, vkey, version)."""
    stored: set[tuple[str, str]] = set()
    latest: dict[str, tuple[int, int, str]] = {}
    wanted = list(ids)
    for start in range(0, len(wanted), _ID_CHUNK):
        chunk = wanted[start : start + _ID_CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT id, version, seq, vkey, is_latest FROM versions WHERE id IN ({marks})", chunk
        )
        for stix_id, version, seq, vkey, is_latest in rows:
            stored.add((stix_id, version))
            if is_latest:
                latest[stix_id] = (seq, vkey, version)
    return stored, latest


_IS_LATEST = 5  # position of is_latest in a _version_row


def _version_row(document: Document, seq: int, vkey: int, added: int, is_latest: bool) -> list[Any]:
    date_us = parse_timestamp(document.date) if document.date else None
    periods = document.periods
    return [
        seq,
        document.id,
        document.version,
        vkey,
        added,
        int(is_latest),
        document.type,
        document.spec_version,
        str(document.tlp),
        tlp_rank(document.tlp),
        document.owner,
        "|" + "|".join(document.recipients) + "|",
        date_us,
        periods.get("day"),
        periods.get("week"),
        periods.get("month"),
        document.count,
        int(document.first_seen_mo),
        int(document.spike),
        document.text,
        orjson.dumps(document.obj),
    ]


def _term_rows(seq: int | None, document: Document) -> list[tuple[int | None, str, str]]:
    rows = [
        (seq, field, value)
        for field, attribute in TERM_FIELDS.items()
        for value in getattr(document, attribute)
    ]
    for group, values in document.trend_keys.items():
        rows.extend((seq, TREND_FIELD_PREFIX + group, value) for value in values)
    return rows


# -- get and related ----------------------------------------------------------------------------


def _stored(row: Sequence[Any]) -> StoredVersion:
    return StoredVersion(obj=orjson.loads(row[0]), added=int(row[1]))


def _get(conn: sqlite3.Connection, viewer: Viewer, stix_id: str, version: str) -> list[StoredVersion]:
    params = Params(viewer)
    where = f"v.id = {params.add(stix_id)} AND {readable('v', viewer)}"
    if version == "all":
        sql = f"SELECT obj, added FROM versions v WHERE {where} ORDER BY v.vkey, v.version"
    elif version == "last":
        sql = f"SELECT obj, added FROM versions v WHERE {where} ORDER BY v.vkey DESC, v.version DESC LIMIT 1"
    else:
        exact = params.add(version)
        # The same instant may be written with another precision ("...:00Z" vs "...:00.000Z").
        vkey = parse_timestamp(version)
        same_time = f"v.vkey = {params.add(vkey)}" if vkey is not None else "0"
        sql = (
            f"SELECT obj, added FROM versions v WHERE {where} AND (v.version = {exact} OR {same_time})"
            f" ORDER BY v.version = {exact} DESC LIMIT 1"
        )
    return [_stored(row) for row in conn.execute(sql, params.values)]


def _related(conn: sqlite3.Connection, viewer: Viewer, stix_id: str, limit: int) -> list[StoredVersion]:
    params = Params(viewer)
    own = conn.execute(
        f"SELECT seq FROM versions v WHERE v.id = {params.add(stix_id)} AND {readable('v', viewer)}"
        " ORDER BY v.vkey DESC, v.version DESC LIMIT 1",
        params.values,
    ).fetchone()
    if own is None:
        return []  # an object the viewer cannot read has no neighbours to show either
    params = Params(viewer)
    target, own_seq = params.add(stix_id), params.add(own[0])
    sql = (
        f"SELECT obj, added FROM versions v WHERE v.id != {target} AND {latest_readable('v', viewer)}"
        f" AND (v.id IN (SELECT ref FROM refs WHERE seq = {own_seq})"
        f" OR v.seq IN (SELECT seq FROM refs WHERE ref = {target}))"
        f" ORDER BY v.id LIMIT {params.add(limit)}"
    )
    return [_stored(row) for row in conn.execute(sql, params.values)]


# -- search -------------------------------------------------------------------------------------


def _check_search(query: SearchQuery) -> None:
    if not 1 <= query.limit <= MAX_SEARCH_LIMIT:
        raise StoreQueryError("limit", f"must be between 1 and {MAX_SEARCH_LIMIT}")
    unknown = [name for name in query.facets if name not in FACET_FIELDS]
    if unknown:
        raise StoreQueryError("facets", f"unknown facet {unknown[0]!r}; known: {', '.join(FACET_FIELDS)}")
    if query.sort not in ("relevance", "date", "-date", "modified", "-modified"):
        raise StoreQueryError("sort", "must be relevance, date, -date, modified or -modified")


def _sort_key(sort: str, has_text: bool) -> tuple[str, bool]:
    """SQL sort expression over the match row and whether it sorts descending."""
    if sort == "relevance":
        # bm25() is lower for better matches, so ascending bm25 is best first.
        return ("bm25(fts)", False) if has_text else ("v.vkey", True)
    column = f"ifnull(v.date_us, {_NO_DATE})" if sort.lstrip("-") == "date" else "v.vkey"
    return column, sort.startswith("-")


def _seek(query: SearchQuery, descending: bool, params: Params) -> str:
    if query.cursor is None:
        return "1"
    position = decode_cursor(query, query.cursor)
    if (
        len(position) != 2
        or not isinstance(position[0], (int, float))
        or isinstance(position[0], bool)
        or not isinstance(position[1], str)
    ):
        raise StoreQueryError("cursor", "not a cursor this store issued")
    key, last_id = params.add(position[0]), params.add(position[1])
    beyond = "<" if descending else ">"
    return f"(k {beyond} {key} OR (k = {key} AND id > {last_id}))"


def _facet_sql(facets: Sequence[str], params: Params) -> list[str]:
    # Column facets come with the match rows. Term facets look up each match's terms by seq:
    # CROSS JOIN fixes that order and "+t.field" keeps the planner off the field index, either of
    # which would read every term in the store; so counting costs in proportion to matches.
    parts = [
        f"SELECT 2, '{name}', m.{name}, count(*), NULL FROM m GROUP BY m.{name}"
        for name in facets
        if name in ("type", "tlp")
    ]
    term_facets = [name for name in facets if name in TERM_FIELDS]
    if term_facets:
        parts.append(
            "SELECT 2, t.field, t.value, count(*), NULL FROM m CROSS JOIN terms t ON t.seq = m.seq"
            f" WHERE +t.field IN ({params.add_all(term_facets)}) GROUP BY t.field, t.value"
        )
    return parts


def _search(conn: sqlite3.Connection, viewer: Viewer, query: SearchQuery) -> SearchPage:
    match = fts_query(query.text)
    params = Params(viewer)
    conditions = [latest_readable("v", viewer), *filters_sql("v", query.filters, params)]
    if match is not None:
        source, score = "fts JOIN versions v ON v.seq = fts.rowid", "bm25(fts)"
        conditions.insert(0, f"fts MATCH {params.add(match)}")
    else:
        source, score = "versions v", "NULL"
    key, descending = _sort_key(query.sort, match is not None)
    seek = _seek(query, descending, params)
    direction = "DESC" if descending else "ASC"
    parts = [
        "SELECT 0, NULL, count(*), NULL, NULL FROM m",
        f"SELECT * FROM (SELECT 1, id, k, seq, s FROM m WHERE {seek} ORDER BY k {direction}, id"
        f" LIMIT {params.add(query.limit + 1)})",
        *_facet_sql(query.facets, params),
    ]
    sql = (
        f"WITH m AS MATERIALIZED (SELECT v.seq AS seq, v.id AS id, {key} AS k, {score} AS s,"
        " v.type AS type, v.tlp AS tlp"
        f" FROM {source} WHERE {' AND '.join(conditions)}) " + " UNION ALL ".join(parts)
    )
    total, page, facets = _split_search_rows(conn.execute(sql, params.values).fetchall(), query.facets)
    more = len(page) > query.limit
    page = page[: query.limit]
    hits = _hits(conn, page, match)
    next_cursor = encode_cursor(query, [page[-1][1], page[-1][0]]) if more and page else None
    return SearchPage(hits=hits, total=total, facets=facets, next=next_cursor)


_PageRow = tuple[str, float | int, int, float | None]
"""id, sort key, seq, bm25 score."""


def _split_search_rows(
    rows: Sequence[Sequence[Any]], facet_names: Sequence[str]
) -> tuple[int, list[_PageRow], dict[str, dict[str, int]]]:
    total = 0
    page: list[_PageRow] = []
    facets: dict[str, dict[str, int]] = {name: {} for name in facet_names}
    for kind, a, b, c, d in rows:
        if kind == 0:
            total = int(b)
        elif kind == 1:
            page.append((str(a), b, int(c), d))
        else:
            facets[str(a)][str(b)] = int(c)
    return total, page, facets


def _hits(conn: sqlite3.Connection, page: Sequence[_PageRow], match: str | None) -> list[SearchHit]:
    if not page:
        return []
    params = Params()
    seqs = params.add_all([row[2] for row in page])
    sql = f"SELECT seq, obj FROM versions WHERE seq IN ({seqs})"
    objects = dict(conn.execute(sql, params.values).fetchall())
    snippets: dict[int, str] = {}
    if match is not None:
        sql = (
            f"SELECT rowid, snippet(fts, 0, '{MATCH_START}', '{MATCH_END}', '…', {_SNIPPET_TOKENS}) FROM fts"
            f" WHERE fts MATCH {params.add(match)} AND rowid IN ({seqs})"
        )
        snippets = dict(conn.execute(sql, params.values).fetchall())
    return [
        SearchHit(
            obj=orjson.loads(objects[seq]),
            score=-score if score is not None else None,
            highlights=(safe_highlight(snippets[seq]),) if snippets.get(seq) else (),
        )
        for _, _, seq, score in page
    ]


# -- trends -------------------------------------------------------------------------------------


def _trends(conn: sqlite3.Connection, viewer: Viewer, query: TrendQuery) -> list[TrendBucket]:
    params = Params(viewer)
    period = f"v.{_PERIOD_COLUMNS[query.interval]}"
    conditions = [
        "v.type = 'sighting'",
        f"{period} IS NOT NULL",
        latest_readable("v", viewer),
        *filters_sql("v", query.filters, params),
    ]
    group = params.add(TREND_FIELD_PREFIX + query.group_by)
    sql = (
        f"SELECT {period}, t.value, sum(v.count), max(v.first_seen_mo), max(v.spike)"
        f" FROM versions v JOIN terms t ON t.seq = v.seq AND t.field = {group}"
        f" WHERE {' AND '.join(conditions)} GROUP BY 1, 2 ORDER BY 1, 2"
    )
    return [
        TrendBucket(period=p, key=k, count=int(n), first_seen=bool(f), spike=bool(s))
        for p, k, n, f, s in conn.execute(sql, params.values)
    ]


# -- versions (TAXII) ---------------------------------------------------------------------------


def _version_selector(query: VersionQuery, viewer: Viewer, params: Params) -> str:
    selectors = query.versions or ("last",)
    if "all" in selectors:
        return readable("v", viewer)
    options: list[str] = []
    if "last" in selectors:
        options.append(latest_readable("v", viewer))
    if "first" in selectors:
        options.append(first_readable("v", viewer))
    stamps = [value for value in selectors if value not in ("last", "first")]
    if stamps:
        keys = [parse_timestamp_us(value, "versions") for value in stamps]
        options.append(f"({readable('v', viewer)} AND v.vkey IN ({params.add_all(keys)}))")
    return "(" + " OR ".join(options) + ")"


def _versions(conn: sqlite3.Connection, viewer: Viewer, query: VersionQuery) -> VersionPage:
    params = Params(viewer)
    conditions = [_version_selector(query, viewer, params), *filters_sql("v", query.collection, params)]
    if query.ids:
        conditions.append(f"v.id IN ({params.add_all(query.ids)})")
    if query.types:
        conditions.append(f"v.type IN ({params.add_all(query.types)})")
    if query.spec_versions:
        conditions.append(f"v.spec_version IN ({params.add_all(query.spec_versions)})")
    if query.added_after is not None:
        conditions.append(f"v.added > {params.add(query.added_after)}")
    if query.cursor is not None:
        position = decode_cursor(query, query.cursor)
        if len(position) != 1 or not isinstance(position[0], int) or isinstance(position[0], bool):
            raise StoreQueryError("cursor", "not a cursor this store issued")
        conditions.append(f"v.added > {params.add(position[0])}")
    sql = (
        f"SELECT obj, added FROM versions v WHERE {' AND '.join(conditions)}"
        f" ORDER BY v.added LIMIT {params.add(query.limit + 1)}"
    )
    rows = conn.execute(sql, params.values).fetchall()
    more = len(rows) > query.limit
    found = [_stored(row) for row in rows[: query.limit]]
    next_cursor = encode_cursor(query, [found[-1].added]) if more else None
    return VersionPage(versions=found, more=more, next=next_cursor)
