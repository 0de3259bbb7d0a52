"""Helpers for tests that read topics with a real aiokafka consumer."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable

from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.structs import ConsumerRecord, TopicPartition

from shared.kafka.admin import committed_offsets as shared_committed_offsets


async def read_topic(
    bootstrap: str,
    topic: str,
    *,
    until: Callable[[list[ConsumerRecord[bytes, bytes]]], bool] | None = None,
    timeout: float = 20.0,
    quiet: float = 0.0,
    committed_only: bool = True,
) -> list[ConsumerRecord[bytes, bytes]]:
    """Every record of `topic` from the beginning, until `until(records)` holds (or `timeout`).

    Without `until`, reads until nothing new arrived for `quiet` seconds (or `timeout`): a
    way to check that something did NOT arrive. With both, reads until `until` holds and then
    nothing new arrived for `quiet` seconds: records that follow the awaited ones on other
    partitions are read too. The quiet time counts only once the reader has reached the end of
    every partition of an existing topic (no open transaction left before it), so a slow start
    of the reader or a transaction the broker has yet to abort never reads as "nothing more".
    `committed_only=False` also reads records of open and aborted transactions (what the
    services never see)."""
    assigned = [TopicPartition(topic, number) for number in await partitions(bootstrap, topic)]
    consumer = AIOKafkaConsumer(
        # Not created yet: a group of its own subscribes, and is assigned the partitions once it is.
        *([] if assigned else [topic]),
        group_id=None if assigned else f"test-{uuid.uuid4().hex}",
        bootstrap_servers=bootstrap,
        auto_offset_reset="earliest",
        # What the services read: the records of committed transactions (and every other one).
        isolation_level="read_committed" if committed_only else "read_uncommitted",
        session_timeout_ms=2000,
        heartbeat_interval_ms=500,
        enable_auto_commit=False,
    )
    await consumer.start()
    if assigned:
        consumer.assign(assigned)
        await consumer.seek_to_beginning(*assigned)
    records: list[ConsumerRecord[bytes, bytes]] = []
    loop = asyncio.get_running_loop()
    try:
        deadline = loop.time() + timeout
        last_new = loop.time()
        while loop.time() < deadline:
            batch = await consumer.getmany(timeout_ms=200)
            for partition_records in batch.values():
                records.extend(partition_records)
                last_new = loop.time()
            awaited = until(records) if until is not None else bool(quiet)
            settled = loop.time() - last_new >= quiet and (not quiet or await _at_end(consumer, assigned))
            if awaited and settled:
                break
    finally:
        await consumer.stop()
    return records


async def _at_end(consumer: AIOKafkaConsumer, assigned: list[TopicPartition]) -> bool:
    """Whether `consumer` has read every assigned partition up to its high watermark: for a
    read_committed reader, also past every transaction (an open one holds it back)."""
    for partition in assigned:
        highwater = consumer.highwater(partition)
        if highwater is None or await consumer.position(partition) < highwater:
            return False
    return True


async def consume(
    bootstrap: str, topic: str, *, expected: int, timeout: float = 20.0
) -> list[ConsumerRecord[bytes, bytes]]:
    """Read `topic` from the beginning until `expected` records arrived or `timeout` passed."""
    return await read_topic(bootstrap, topic, until=lambda records: len(records) >= expected, timeout=timeout)


async def partitions(bootstrap: str, topic: str) -> list[int]:
    """The partition numbers of `topic`, asked of the broker (a consumer that subscribes to
    nothing has no metadata of it on Apache Kafka)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        (described,) = await admin.describe_topics([topic])
        return sorted(int(partition["partition"]) for partition in described["partitions"])
    finally:
        await admin.close()


async def committed_offsets(bootstrap: str, group_id: str, topic: str) -> dict[int, int]:
    """Per partition of `topic`, where consumer group `group_id` resumes (0: nothing committed)."""
    numbers = await partitions(bootstrap, topic)
    offsets = await shared_committed_offsets(bootstrap, group_id, [(topic, number) for number in numbers])
    return {number: offsets.get((topic, number), 0) for number in numbers}
