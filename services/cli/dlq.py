"""`crimefeed dlq list|show|replay TOPIC [--offset N]`: read and republish dead letters.

TOPIC is a consumed topic (`crimefeed.submissions.v1`) or its dead-letter twin (`....dlq`).
Dead-letter topics have one partition, so an offset names one record. A replayed record goes
back to the topic it failed on, with its key and trace id and an `x-crimefeed-replay-of`
header naming the dead letter, so its consumer can tell a replay from the first delivery
(see docs/operations.md, "Dead letters").
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.structs import TopicPartition

from shared.kafka.capabilities import idempotence_enabled
from shared.kafka.codecs import HEADER_TRACE_ID, message_headers, new_trace_id
from shared.kafka.dead_letter import (
    HEADER_ERROR,
    HEADER_ERROR_TYPE,
    HEADER_FAILED_AT,
    HEADER_REPLAY_OF,
    HEADER_SOURCE_OFFSET,
    HEADER_SOURCE_PARTITION,
    HEADER_SOURCE_TOPIC,
)
from shared.kafka.security import client_options
from shared.kafka.topics import Topics
from shared.settings import CommonSettings

READ_TIMEOUT_SECONDS = 30.0
REASON_WIDTH = 100


class DeadLetterError(RuntimeError):
    """The dead-letter topic cannot be read or a record cannot be replayed (the message says why)."""


@dataclass(frozen=True)
class DeadRecord:
    offset: int
    timestamp_ms: int
    key: bytes | None
    value: bytes
    headers: dict[str, str]

    @property
    def failed_at(self) -> str:
        stamp = self.headers.get(HEADER_FAILED_AT)
        if stamp:
            return stamp[:19].replace("T", " ")
        return datetime.fromtimestamp(self.timestamp_ms / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S")

    @property
    def source(self) -> str:
        h = self.headers
        return f"{h.get(HEADER_SOURCE_TOPIC, '?')}[{h.get(HEADER_SOURCE_PARTITION, '?')}]@" + h.get(
            HEADER_SOURCE_OFFSET, "?"
        )


def dead_letter_topic(topic: str) -> str:
    """`topic`'s dead-letter twin, or `topic` itself when it is one."""
    suffix = Topics.dlq("")  # the template names a twin by a suffix
    return topic if topic.endswith(suffix) else Topics.dlq(topic)


async def read_dead_letters(
    settings: CommonSettings, topic: str, *, start: int = 0, stop: int | None = None
) -> list[DeadRecord]:
    """The records of `topic`'s dead-letter twin from offset `start` (to `stop`, exclusive)."""
    dlq = dead_letter_topic(topic)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        enable_auto_commit=False,
        # Dead letters are written in the transaction of their batch: only committed ones count.
        isolation_level="read_committed",
        **client_options(settings),
    )
    await consumer.start()
    try:
        if dlq not in await consumer.topics():
            raise DeadLetterError(f"topic {dlq} does not exist")
        partition = TopicPartition(dlq, 0)
        consumer.assign([partition])
        consumer.seek(partition, start)
        return await _read_to_end(consumer, partition, stop)
    finally:
        await consumer.stop()


async def _read_to_end(
    consumer: AIOKafkaConsumer, partition: TopicPartition, stop: int | None
) -> list[DeadRecord]:
    """Fetch until the position reaches the end each fetch reports (not end_offsets, which the
    embedded broker answers wrongly): the last stable offset (before any open transaction)
    where the broker reports one, else the high watermark."""
    records: list[DeadRecord] = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + READ_TIMEOUT_SECONDS
    while loop.time() < deadline:
        batch = await consumer.getmany(partition, timeout_ms=500)
        for record in batch.get(partition, []):
            if stop is not None and record.offset >= stop:
                return records
            records.append(_dead_record(record))
        end = _fetched_end(consumer, partition)
        if end is not None and await consumer.position(partition) >= end:
            return records
    raise DeadLetterError(f"{partition.topic} not read to its end within {READ_TIMEOUT_SECONDS:g} s")


def _fetched_end(consumer: AIOKafkaConsumer, partition: TopicPartition) -> int | None:
    stable: int | None = consumer.last_stable_offset(partition)
    if stable is not None and stable >= 0:
        return stable
    highwater: int | None = consumer.highwater(partition)
    return highwater


def _dead_record(record: Any) -> DeadRecord:
    headers = {name: bytes(value).decode("utf-8", "replace") for name, value in record.headers or ()}
    return DeadRecord(record.offset, record.timestamp, record.key, record.value or b"", headers)


async def replay(settings: CommonSettings, records: Sequence[DeadRecord], dlq: str) -> list[str]:
    """Publish each record to its source topic; returns one line per record saying where."""
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap,
        acks="all",
        enable_idempotence=idempotence_enabled(settings),
        max_request_size=16 * 1024 * 1024,
        **client_options(settings),
    )
    await producer.start()
    lines: list[str] = []
    try:
        for record in records:
            source = record.headers.get(HEADER_SOURCE_TOPIC)
            if not source:
                raise DeadLetterError(f"{dlq}@{record.offset} has no {HEADER_SOURCE_TOPIC} header")
            headers = message_headers(record.headers.get(HEADER_TRACE_ID) or new_trace_id())
            headers[HEADER_REPLAY_OF] = f"{dlq}@{record.offset}"
            sent = await producer.send_and_wait(
                source,
                record.value,
                key=record.key,
                headers=[(name, value.encode()) for name, value in headers.items()],
            )
            lines.append(f"{dlq}@{record.offset} -> {source}[{sent.partition}]@{sent.offset}")
    finally:
        await producer.stop()
    return lines


def format_list(records: Sequence[DeadRecord]) -> list[str]:
    lines = [f"{'offset':>7}  {'failed at (UTC)':<19}  {'error type':<20}  {'source':<44}  reason"]
    for r in records:
        reason = r.headers.get(HEADER_ERROR, "").replace("\n", " ")
        if len(reason) > REASON_WIDTH:
            reason = reason[: REASON_WIDTH - 1] + "…"
        error_type = r.headers.get(HEADER_ERROR_TYPE, "?")
        lines.append(f"{r.offset:>7}  {r.failed_at:<19}  {error_type:<20}  {r.source:<44}  {reason}")
    return lines


def format_record(record: DeadRecord, dlq: str) -> list[str]:
    lines = [f"{dlq}@{record.offset}", f"key: {record.key.decode('utf-8', 'replace') if record.key else '-'}"]
    lines.extend(f"{name}: {value}" for name, value in sorted(record.headers.items()))
    lines.append("")
    try:
        lines.append(orjson.dumps(orjson.loads(record.value), option=orjson.OPT_INDENT_2).decode())
    except orjson.JSONDecodeError:
        lines.append(record.value.decode("utf-8", "replace"))
    return lines


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("dlq", help="list, show and replay dead-lettered records")
    actions = parser.add_subparsers(dest="action", required=True)
    for name, help_text, handler in (
        ("list", "one line per dead letter: offset, time, error, source, reason", _list),
        ("show", "one dead letter's headers and value", _show),
        ("replay", "republish dead letters to the topic they failed on", _replay),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("topic", metavar="TOPIC", help="a consumed topic or its .dlq twin")
        action.add_argument(
            "--offset",
            type=int,
            metavar="N",
            required=name == "show",
            help={
                "list": "start at this offset of the dead-letter topic (default: the first)",
                "show": "the offset of the dead letter to show",
                "replay": "replay only this dead letter (default: all of them)",
            }[name],
        )
        action.set_defaults(handler=handler)


def _run(args: argparse.Namespace, work: Any) -> int:
    if args.offset is not None and args.offset < 0:
        print("error: --offset must be 0 or more", file=sys.stderr)
        return 2
    try:
        lines: list[str] = asyncio.run(work(CommonSettings(), args))
    except DeadLetterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    return 0


def _list(args: argparse.Namespace) -> int:
    async def work(settings: CommonSettings, args: argparse.Namespace) -> list[str]:
        records = await read_dead_letters(settings, args.topic, start=args.offset or 0)
        return [*format_list(records), f"{len(records)} dead letter(s) in {dead_letter_topic(args.topic)}"]

    return _run(args, work)


def _one(records: list[DeadRecord], dlq: str, offset: int) -> DeadRecord:
    if not records or records[0].offset != offset:
        raise DeadLetterError(f"{dlq} has no record at offset {offset}")
    return records[0]


def _show(args: argparse.Namespace) -> int:
    async def work(settings: CommonSettings, args: argparse.Namespace) -> list[str]:
        dlq = dead_letter_topic(args.topic)
        records = await read_dead_letters(settings, dlq, start=args.offset, stop=args.offset + 1)
        return format_record(_one(records, dlq, args.offset), dlq)

    return _run(args, work)


def _replay(args: argparse.Namespace) -> int:
    async def work(settings: CommonSettings, args: argparse.Namespace) -> list[str]:
        dlq = dead_letter_topic(args.topic)
        if args.offset is None:
            records = await read_dead_letters(settings, dlq)
        else:
            stop = args.offset + 1
            records = [
                _one(await read_dead_letters(settings, dlq, start=args.offset, stop=stop), dlq, args.offset)
            ]
        lines = await replay(settings, records, dlq)
        return [*lines, f"{len(lines)} dead letter(s) replayed"]

    return _run(args, work)
