"""The indexer against the real broker and a real SqliteStore: batches, dead letters, and a
SIGKILL of `crimefeed run search` mid-stream that loses nothing and duplicates nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import httpx
import orjson
from aiokafka import AIOKafkaProducer

from services.embedded.broker import free_port
from services.search.app import create_app
from services.search.indexer import create_indexer
from services.search.runtime import create_runtime
from services.search.store_factory import open_store
from shared.http_server import start_server, stop_server
from shared.kafka.admin import ensure_topics
from shared.kafka.dead_letter import HEADER_ERROR, HEADER_ERROR_TYPE, HEADER_SOURCE_TOPIC
from shared.kafka.topics import Topics, topic_definitions
from shared.store.document import Document
from shared.store.sqlite import SqliteStore
from tests.support.kafka import read_topic
from tests.support.search import demo_objects
from tests.support.search_server import search_settings

CRIMEFEED = str(Path(sys.executable).parent / "crimefeed")


async def new_topics(bootstrap: str) -> Topics:
    prefix = f"t{uuid.uuid4().hex[:8]}."
    await ensure_topics(bootstrap, topic_definitions(prefix), single_node=True)
    return Topics(prefix)


async def publish(bootstrap: str, topic: str, values: Iterable[tuple[bytes, bytes]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=5, max_batch_size=256 * 1024)
    await producer.start()
    try:
        futures = [await producer.send(topic, value, key=key) for key, value in values]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


def records_of(objects: Iterable[dict[str, Any]]) -> list[tuple[bytes, bytes]]:
    return [(o["id"].encode(), orjson.dumps(o)) for o in objects]


def versions(objects: Iterable[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(o["id"], str(o.get("modified") or o.get("created") or "")) for o in objects}


async def wait_for(condition: Any, timeout: float = 30.0, explain: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await condition():
            return
        await asyncio.sleep(0.1)
    details = explain.read_text()[-3000:] if explain is not None and explain.exists() else ""
    raise AssertionError(f"timed out\n{details}")


BAD_RECORDS = [
    (b"bad-1", b"this is not json"),
    (b"bad-2", b"[1, 2, 3]"),
    (b"bad-3", b'{"type": "report"}'),
    (b"bad-4", b'{"type": "report", "id": "indicator--6b4b5d0e-0f7b-5f7e-9d3c-2a6d3c1f0a11"}'),
]


async def test_batches_are_indexed_and_bad_records_dead_lettered(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    topics = await new_topics(kafka_bootstrap)
    objects = demo_objects(tmp_path / "enrichment")
    good = records_of(objects)
    # Bad records in the middle of good ones: the rest of each batch is indexed.
    await publish(kafka_bootstrap, topics.objects, [*good[:20], *BAD_RECORDS, *good[20:], *good[:5]])
    settings = search_settings(
        tmp_path / "search",
        kafka_bootstrap=kafka_bootstrap,
        topic_prefix=topics.prefix,
        index_max_records=16,
        index_session_timeout_ms=2000,
        index_heartbeat_interval_ms=500,
        index_batch_timeout_ms=50,
    )
    store = await open_store(settings)
    _, indexer = create_indexer(settings, store)
    try:
        async with indexer.broker:
            await indexer.broker.start()

            async def done() -> bool:
                return indexer.dead_lettered == len(BAD_RECORDS) and await store.count() == len(
                    versions(objects)
                )

            await wait_for(done)
        await indexer.close()
        assert indexer.batches >= 2  # 55 records, at most 16 a batch
        # Redelivered versions (the repeated first five) are not new versions.
        assert indexer.indexed == len(versions(objects)) == await store.count()
    finally:
        await store.close()
    dead = await read_topic(kafka_bootstrap, Topics.dlq(topics.objects), until=lambda rs: len(rs) >= 4)
    assert sorted((r.key, r.value) for r in dead) == sorted(BAD_RECORDS)
    for record in dead:
        headers = {name: bytes(value).decode() for name, value in record.headers}
        assert headers[HEADER_ERROR_TYPE] == "NotAStixObject"
        assert headers[HEADER_SOURCE_TOPIC] == topics.objects
        assert headers[HEADER_ERROR]


def many_versions(objects: list[dict[str, Any]], copies: int) -> list[dict[str, Any]]:
    """Distinct versions of the demo objects (their `modified` moved on), as updates would come."""
    versioned = [o for o in objects if "modified" in o]
    result = []
    for copy in range(copies):
        stamp = f"2027-01-01T00:{copy // 60:02d}:{copy % 60:02d}.000Z"
        result.extend({**o, "modified": stamp} for o in versioned)
    return result


async def ready_versions(url: str, store_path: Path) -> int | None:
    """Versions in the store once the service is ready (/readyz no longer tells counts: it is
    unauthenticated), read from the SQLite file as a second reader (WAL)."""
    try:
        async with httpx.AsyncClient(base_url=url, timeout=5) as client:
            if (await client.get("/readyz")).status_code != 200:
                return None
    except httpx.HTTPError:
        return None
    connection = sqlite3.connect(f"file:{store_path}?mode=ro", uri=True, timeout=10)
    try:
        return int(connection.execute("SELECT count(*) FROM versions").fetchone()[0])
    finally:
        connection.close()


async def test_sigkill_mid_stream_loses_nothing_and_duplicates_nothing(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    topics = await new_topics(kafka_bootstrap)
    objects = many_versions(demo_objects(tmp_path / "enrichment"), 150)
    expected = versions(objects)
    await publish(kafka_bootstrap, topics.objects, records_of(objects))
    port = free_port()
    env = {
        **os.environ,
        "CRIMEFEED_KAFKA_BOOTSTRAP": kafka_bootstrap,
        "CRIMEFEED_TOPIC_PREFIX": topics.prefix,
        "CRIMEFEED_DATA_DIR": str(tmp_path / "search"),
        "CRIMEFEED_SEARCH_PORT": str(port),
        "CRIMEFEED_INDEX_MAX_RECORDS": "25",
        "CRIMEFEED_INDEX_SESSION_TIMEOUT_MS": "2000",
        "CRIMEFEED_INDEX_HEARTBEAT_INTERVAL_MS": "500",
        "CRIMEFEED_INDEX_BATCH_TIMEOUT_MS": "20",
    }
    url = f"http://127.0.0.1:{port}"
    store_path = tmp_path / "search" / "store.sqlite3"

    log = tmp_path / "search.log"

    def start() -> subprocess.Popen[bytes]:
        with log.open("ab") as output:
            return subprocess.Popen([CRIMEFEED, "run", "search"], env=env, stdout=output, stderr=output)

    first = start()
    try:
        seen: list[int] = []

        async def started_indexing() -> bool:
            count = await ready_versions(url, store_path)
            seen.append(count or 0)
            return count is not None and count > 0

        await wait_for(started_indexing, timeout=60, explain=log)
        first.send_signal(signal.SIGKILL)
        assert 0 < seen[-1] < len(expected), "killed before or after the stream, not in the middle"
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    partial = await ready_versions(url, store_path)
    assert partial is None  # the process is gone
    second = start()
    try:

        async def caught_up() -> bool:
            return await ready_versions(url, store_path) == len(expected)

        await wait_for(caught_up, timeout=120, explain=log)
        # Nothing more arrives after catching up (no duplicates hidden by timing).
        await asyncio.sleep(1.0)
        assert await ready_versions(url, store_path) == len(expected)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
    assert second.returncode == 0
    store = await open_store(search_settings(tmp_path / "search"))
    try:
        assert await store.count() == len(expected)
    finally:
        await store.close()


class BrokenStore(SqliteStore):
    """The real store, refusing writes like an unreachable cluster while `broken` is set."""

    broken = True

    async def add_documents(self, documents: Sequence[Document]) -> int:
        if self.broken:
            raise ConnectionError("store unreachable")
        return await super().add_documents(documents)


async def test_readyz_answers_503_with_the_reason_while_indexing_keeps_failing(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    topics = await new_topics(kafka_bootstrap)
    objects = demo_objects(tmp_path / "enrichment")[:10]
    await publish(kafka_bootstrap, topics.objects, records_of(objects))
    settings = search_settings(
        tmp_path / "search",
        kafka_bootstrap=kafka_bootstrap,
        topic_prefix=topics.prefix,
        index_session_timeout_ms=2000,
        index_heartbeat_interval_ms=500,
        index_batch_timeout_ms=50,
        index_max_retries=1,
        index_retry_backoff_seconds=0.01,
    )
    store = await BrokenStore.open(settings.resolved_store_path)
    runtime = await create_runtime(settings, store)
    app = create_app(settings, store, runtime.partners, runtime.audit, indexer_state=runtime.indexer_state)
    server, task = await start_server(app, "127.0.0.1", settings.search_port)
    indexer = runtime.indexer
    try:
        async with (
            indexer.broker,
            httpx.AsyncClient(base_url=f"http://127.0.0.1:{settings.search_port}") as client,
        ):
            await indexer.broker.start()
            runtime.running = True
            await wait_for(_async(lambda: indexer.consumer.health.rewinds >= 2))
            failing = await client.get("/readyz")
            store.broken = False
            await wait_for(_async(lambda: indexer.batches >= 1))
            recovered = await client.get("/readyz")
    finally:
        await stop_server(server, task)
        await runtime.close()
    assert failing.status_code == 503
    state = failing.json()["indexer"]
    assert state["failing"] is True and "ConnectionError: store unreachable" in state["error"]
    assert topics.objects in state["error"]
    assert recovered.status_code == 200, recovered.text
    assert recovered.json()["indexer"] == {"running": True, "failing": False}  # and no counts
    assert indexer.indexed == len(versions(objects)) and indexer.dead_lettered == 0


def _async(condition: Any) -> Any:
    async def check() -> bool:
        return bool(condition())

    return check
