from __future__ import annotations

import asyncio
import uuid
from typing import Any

from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage

from shared.kafka.codecs import decode_object
from shared.kafka.dead_letter import (
    HEADER_ERROR,
    HEADER_ERROR_TYPE,
    HEADER_SOURCE_OFFSET,
    HEADER_SOURCE_PARTITION,
    HEADER_SOURCE_TOPIC,
    dead_letter_middleware,
)
from tests.kafka_helpers import consume


def broker_with_dead_letters(bootstrap: str, **options: Any) -> KafkaBroker:
    broker: KafkaBroker

    async def publish(body: bytes, topic: str, key: bytes | None, headers: dict[str, str]) -> None:
        await broker.publish(body, topic, key=key, headers=headers)

    broker = KafkaBroker(bootstrap, middlewares=[dead_letter_middleware(publish, **options)])
    return broker


async def test_bad_message_goes_to_dlq_with_reasons_and_the_next_one_is_processed(
    kafka_bootstrap: str,
) -> None:
    topic = f"test.dlq.{uuid.uuid4().hex[:8]}.v1"
    broker = broker_with_dead_letters(kafka_bootstrap)
    processed: list[dict[str, Any]] = []
    done = asyncio.Event()

    @broker.subscriber(topic, group_id="dlq-test", auto_offset_reset="earliest", session_timeout_ms=2000)
    async def handle(message: KafkaMessage) -> None:
        processed.append(decode_object(message.body))
        done.set()

    async with broker:
        await broker.start()
        await broker.publish(b"{not json", topic, key=b"bad")
        await broker.publish(b'{"ok": true}', topic, key=b"good")
        await asyncio.wait_for(done.wait(), 20)

    assert processed == [{"ok": True}]
    [dead] = await consume(kafka_bootstrap, f"{topic}.dlq", expected=1)
    headers = {name: value.decode() for name, value in dead.headers}
    assert dead.value == b"{not json" and dead.key == b"bad"
    assert headers[HEADER_SOURCE_TOPIC] == topic
    assert headers[HEADER_SOURCE_PARTITION] == "0" and headers[HEADER_SOURCE_OFFSET] == "0"
    assert headers[HEADER_ERROR_TYPE] == "DecodeError"
    assert "not JSON" in headers[HEADER_ERROR]


async def test_transient_faults_are_retried_before_giving_up(kafka_bootstrap: str) -> None:
    topic = f"test.retry.{uuid.uuid4().hex[:8]}.v1"
    broker = broker_with_dead_letters(kafka_bootstrap, max_retries=2, backoff_seconds=0.01)
    attempts: list[int] = []
    done = asyncio.Event()

    @broker.subscriber(topic, group_id="retry-test", auto_offset_reset="earliest", session_timeout_ms=2000)
    async def handle(message: KafkaMessage) -> None:
        attempts.append(1)
        if len(attempts) < 3:
            raise ConnectionError("store unreachable")
        done.set()

    async with broker:
        await broker.start()
        await broker.publish(b"{}", topic)
        await asyncio.wait_for(done.wait(), 20)
    assert len(attempts) == 3
