"""Helpers for tests that read topics with a real aiokafka consumer."""

from __future__ import annotations

import asyncio
import uuid

from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.structs import ConsumerRecord, TopicPartition


async def consume(
    bootstrap: str, topic: str, *, expected: int, timeout: float = 20.0
) -> list[ConsumerRecord[bytes, bytes]]:
    """Read `topic` from the beginning until `expected` records arrived or `timeout` passed."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=f"test-{uuid.uuid4().hex}",
        auto_offset_reset="earliest",
        session_timeout_ms=2000,
        heartbeat_interval_ms=500,
        enable_auto_commit=False,
    )
    await consumer.start()
    records: list[ConsumerRecord[bytes, bytes]] = []
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while len(records) < expected and asyncio.get_running_loop().time() < deadline:
            batch = await consumer.getmany(timeout_ms=500)
            for partition_records in batch.values():
                records.extend(partition_records)
    finally:
        await consumer.stop()
    return records


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
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group_id, enable_auto_commit=False)
    await consumer.start()
    try:
        result: dict[int, int] = {}
        for partition in await partitions(bootstrap, topic):
            offset = await consumer.committed(TopicPartition(topic, partition))
            result[partition] = 0 if offset is None else int(offset)
        return result
    finally:
        await consumer.stop()
