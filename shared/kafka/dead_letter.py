"""Dead-letter middleware: a message that cannot be processed goes to `<topic>.dlq`, never lost.

Transient faults (broker or network hiccups) are retried a bounded number of times; anything
else, and a transient fault that outlasts its retries, is published to the dead-letter topic
with headers that say why and where from. The exception is then swallowed so FastStream acks
the message and the consumer moves on: one bad message never stops a service.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from aiokafka.errors import KafkaError
from faststream import BaseMiddleware
from faststream.message import StreamMessage

from shared.kafka.codecs import HEADER_TRACE_ID
from shared.kafka.topics import Topics

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (KafkaError, ConnectionError, TimeoutError)

HEADER_ERROR = "x-crimefeed-error"
HEADER_ERROR_TYPE = "x-crimefeed-error-type"
HEADER_SOURCE_TOPIC = "x-crimefeed-source-topic"
HEADER_SOURCE_PARTITION = "x-crimefeed-source-partition"
HEADER_SOURCE_OFFSET = "x-crimefeed-source-offset"
HEADER_FAILED_AT = "x-crimefeed-failed-at"

DeadLetterPublisher = Callable[[bytes, str, bytes | None, dict[str, str]], Awaitable[Any]]


def dead_letter_headers(
    error: BaseException, topic: str, partition: int, offset: int, trace_id: str | None
) -> dict[str, str]:
    headers = {
        HEADER_ERROR: str(error)[:2000] or type(error).__name__,
        HEADER_ERROR_TYPE: type(error).__name__,
        HEADER_SOURCE_TOPIC: topic,
        HEADER_SOURCE_PARTITION: str(partition),
        HEADER_SOURCE_OFFSET: str(offset),
        HEADER_FAILED_AT: datetime.now(UTC).isoformat(),
    }
    if trace_id:
        headers[HEADER_TRACE_ID] = trace_id
    return headers


def _record_origin(message: StreamMessage[Any]) -> tuple[str, int, int, bytes | None]:
    record = message.raw_message
    if isinstance(record, tuple):  # batch subscribers hand over a tuple of records
        record = record[0]
    return record.topic, record.partition, record.offset, record.key


def dead_letter_middleware(
    publish: DeadLetterPublisher, *, max_retries: int = 3, backoff_seconds: float = 0.2
) -> Callable[..., BaseMiddleware]:
    """A middleware factory for a FastStream broker or subscriber."""

    class DeadLetterMiddleware(BaseMiddleware):
        async def consume_scope(self, call_next: Any, msg: StreamMessage[Any]) -> Any:
            for attempt in range(max_retries + 1):
                try:
                    return await call_next(msg)
                except TRANSIENT_ERRORS as error:
                    if attempt == max_retries:
                        await self._dead_letter(msg, error)
                        return None
                    await asyncio.sleep(backoff_seconds * 2**attempt)
                except Exception as error:
                    await self._dead_letter(msg, error)
                    return None
            return None

        async def _dead_letter(self, msg: StreamMessage[Any], error: BaseException) -> None:
            topic, partition, offset, key = _record_origin(msg)
            trace_id = msg.headers.get(HEADER_TRACE_ID)
            headers = dead_letter_headers(error, topic, partition, offset, trace_id)
            logger.warning(
                "dead-lettered %s[%d]@%d: %s: %s", topic, partition, offset, type(error).__name__, error
            )
            await publish(bytes(msg.body), Topics.dlq(topic), key, headers)

    return DeadLetterMiddleware
