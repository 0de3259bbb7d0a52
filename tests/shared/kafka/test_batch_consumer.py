"""The batch consumer against the real broker: poison records, transient faults, readiness."""

from __future__ import annotations

import asyncio
import sqlite3
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer, TopicPartition
from aiokafka.errors import (
    CommitFailedError,
    KafkaTimeoutError,
    MessageSizeTooLargeError,
    NotLeaderForPartitionError,
)
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage

from shared.kafka.admin import ensure_topics
from shared.kafka.batch_consumer import (
    BatchConsumer,
    BatchConsumerSettings,
    DeadLetter,
    Message,
    Record,
    commit_offsets,
    is_transient,
)
from shared.kafka.dead_letter import (
    HEADER_ERROR,
    HEADER_ERROR_TYPE,
    HEADER_SOURCE_OFFSET,
    HEADER_SOURCE_PARTITION,
    HEADER_SOURCE_TOPIC,
)
from shared.kafka.partitioner import KeyPartitioner
from shared.kafka.topics import TopicDefinition, Topics
from shared.kafka.transactions import PartitionProducers, transactional_id, transactions_enabled
from shared.settings import CommonSettings
from tests.support import brokers
from tests.support.kafka import committed_offsets, consume, read_topic

Handler = Callable[[Sequence[Record]], Awaitable[Sequence[DeadLetter]]]


async def new_topic(bootstrap: str) -> str:
    topic = f"test.batch.{uuid.uuid4().hex[:8]}.v1"
    definitions = [TopicDefinition(topic, 1, 1), TopicDefinition(Topics.dlq(topic), 1, 1)]
    await ensure_topics(bootstrap, definitions, single_node=True)
    return topic


async def publish(bootstrap: str, topic: str, records: Sequence[tuple[bytes, bytes]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=5)
    await producer.start()
    try:
        futures = [await producer.send(topic, value, key=key) for key, value in records]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


def settings_for(topic: str, **overrides: Any) -> BatchConsumerSettings:
    fields: dict[str, Any] = {
        "topic": topic,
        "group_id": f"{topic}.group",
        "max_records": 100,
        "batch_timeout_ms": 300,
        "session_timeout_ms": 2000,
        "heartbeat_interval_ms": 500,
        "max_retries": 2,
        "retry_backoff_seconds": 0.01,
    }
    fields.update(overrides)
    return BatchConsumerSettings(**fields)


async def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


class PoisonError(ValueError):
    """What the handler raises on the poison record (names the problem, not the value)."""


@pytest.mark.parametrize("own_producer", [False, True], ids=["faststream-producer", "own-producer"])
async def test_a_poison_record_goes_to_the_dlq_with_its_reason_and_the_rest_goes_on(
    kafka_bootstrap: str, own_producer: bool
) -> None:
    topic = await new_topic(kafka_bootstrap)
    records = [(f"k{i}".encode(), f"good-{i}".encode()) for i in range(9)]
    records[4] = (b"poison-key", b"poison")
    records[6] = (b"reject-key", b"reject")
    await publish(kafka_bootstrap, topic, records)
    handled: list[bytes] = []
    commits: list[int] = []

    async def handler(batch: Sequence[Record]) -> list[DeadLetter]:
        if any(record.value == b"poison" for record in batch):
            raise PoisonError("value: not a bundle")
        handled.extend(record.value for record in batch if record.value != b"reject")
        return [
            DeadLetter(r, ValueError("objects[0]: bad"), value=b"the rejected part", headers={"x-n": "1"})
            for r in batch
            if r.value == b"reject"
        ]

    async def commit(message: KafkaMessage) -> None:
        commits.append(len(message.raw_message))
        await commit_offsets(message)

    broker = KafkaBroker(kafka_bootstrap)
    # The consumer's own producer (what the services use) or FastStream's: the same messages.
    options = None
    if own_producer:
        options = {"bootstrap_servers": kafka_bootstrap, "partitioner": KeyPartitioner()}
    consumer = BatchConsumer(broker, settings_for(topic), handler, commit=commit, producer_options=options)
    consumer.subscribe()
    async with broker:
        await broker.start()
        await wait_until(lambda: consumer.dead_lettered == 2 and sum(commits) == len(records))
    await consumer.stop()

    expected = [value for _, value in records if value not in (b"poison", b"reject")]
    assert sorted(set(handled)) == sorted(expected)
    assert consumer.problem() is None
    assert await committed_offsets(kafka_bootstrap, f"{topic}.group", topic) == {0: len(records)}
    dead = {record.key: record for record in await consume(kafka_bootstrap, Topics.dlq(topic), expected=2)}
    poison = {name: bytes(value).decode() for name, value in dead[b"poison-key"].headers}
    assert dead[b"poison-key"].value == b"poison"
    assert poison[HEADER_ERROR_TYPE] == "PoisonError"
    assert poison[HEADER_ERROR] == "value: not a bundle"
    assert (poison[HEADER_SOURCE_TOPIC], poison[HEADER_SOURCE_PARTITION]) == (topic, "0")
    assert poison[HEADER_SOURCE_OFFSET] == "4"
    rejected = {name: bytes(value).decode() for name, value in dead[b"reject-key"].headers}
    assert dead[b"reject-key"].value == b"the rejected part"
    assert rejected[HEADER_ERROR] == "objects[0]: bad" and rejected["x-n"] == "1"
    assert rejected[HEADER_SOURCE_OFFSET] == "6"
    names = [name for name, _ in dead[b"reject-key"].headers]
    assert names[:2] == ["content-type", "correlation_id"] and rejected["correlation_id"]


async def test_send_many_places_messages_as_send_does_in_order_with_its_headers(kafka_bootstrap: str) -> None:
    # Two topics of several partitions, keys spread over them, and more than one Kafka batch's
    # worth (256 KB) of messages for one partition of one topic.
    first, second = (f"test.many.{uuid.uuid4().hex[:8]}.{n}.v1" for n in (1, 2))
    await ensure_topics(
        kafka_bootstrap, [TopicDefinition(first, 4, 1), TopicDefinition(second, 3, 1)], single_node=True
    )
    messages = [
        Message(
            f"value-{i}".encode() * (1 if i % 7 else 5000),
            first if i % 3 else second,
            f"id-{i % 23}".encode(),
            {"x-crimefeed-trace-id": f"t{i}"},
        )
        for i in range(400)
    ]
    partitioner = KeyPartitioner()
    options = {"bootstrap_servers": kafka_bootstrap, "partitioner": partitioner, "max_batch_size": 256 * 1024}
    consumer = BatchConsumer(
        KafkaBroker(kafka_bootstrap), settings_for(first), handler=_never_called, producer_options=options
    )
    try:
        futures = await consumer.send_many(messages)
        await asyncio.gather(*futures)
    finally:
        await consumer.stop()
    assert len(futures) < len(messages) / 10  # one future per Kafka batch, not per message

    for topic, count in ((first, 4), (second, 3)):
        sent = [m for m in messages if m.topic == topic]
        read = await read_topic(kafka_bootstrap, topic, until=_count_reaches(len(sent)))
        for partition in range(count):
            expected = [m for m in sent if partitioner(m.key, list(range(count)), []) == partition]
            got = sorted((r for r in read if r.partition == partition), key=lambda r: r.offset)
            assert [(r.key, r.value) for r in got] == [(m.key, m.value) for m in expected]
            for record, message in zip(got, expected, strict=True):
                names = [name for name, _ in record.headers]
                assert names[:2] == ["content-type", "correlation_id"]
                assert (
                    dict(record.headers)["x-crimefeed-trace-id"]
                    == message.headers["x-crimefeed-trace-id"].encode()
                )


def _count_reaches(count: int) -> Callable[[list[Any]], bool]:
    return lambda got: len(got) >= count


async def _never_called(records: Sequence[Record]) -> list[DeadLetter]:
    raise AssertionError("nothing is consumed")


async def test_a_transient_fault_is_retried_then_rewound_never_dropped(kafka_bootstrap: str) -> None:
    topic = await new_topic(kafka_bootstrap)
    records = [(f"k{i}".encode(), f"v{i}".encode()) for i in range(5)]
    await publish(kafka_bootstrap, topic, records)
    # max_retries=2: three attempts a delivery, so 7 failures rewind twice and fail once more.
    failures = 7
    first_offsets: list[int] = []
    problems: list[str | None] = []
    handled: list[bytes] = []

    async def handler(batch: Sequence[Record]) -> list[DeadLetter]:
        nonlocal failures
        first_offsets.append(batch[0].offset)
        problems.append(consumer.problem())
        if failures:
            failures -= 1
            raise sqlite3.OperationalError("database is locked")
        handled.extend(record.value for record in batch)
        return []

    broker = KafkaBroker(kafka_bootstrap)
    consumer = BatchConsumer(broker, settings_for(topic), handler)
    consumer.subscribe()
    async with broker:
        await broker.start()
        await wait_until(lambda: len(handled) >= len(records) and consumer.batches >= 1)

    assert handled == [value for _, value in records]  # each once, in order, none skipped
    assert first_offsets == [0] * 8  # every attempt, before and after each rewind, from the start
    assert consumer.health.rewinds == 0 and consumer.problem() is None  # reset once a batch passed
    failing = [p for p in problems if p is not None]
    assert len(failing) == 5  # the attempts after the first rewind saw the consumer failing
    assert all("OperationalError: database is locked" in p and topic in p for p in failing)
    assert consumer.dead_lettered == 0
    assert await committed_offsets(kafka_bootstrap, f"{topic}.group", topic) == {0: len(records)}


async def test_a_consumer_that_keeps_failing_is_not_ready_and_commits_nothing(kafka_bootstrap: str) -> None:
    topic = await new_topic(kafka_bootstrap)
    await publish(kafka_bootstrap, topic, [(b"k", b"v")])
    attempts = 0

    async def handler(batch: Sequence[Record]) -> list[DeadLetter]:
        nonlocal attempts
        attempts += 1
        raise ConnectionError("store unreachable")

    broker = KafkaBroker(kafka_bootstrap)
    consumer = BatchConsumer(broker, settings_for(topic, max_retries=1), handler)
    consumer.subscribe()
    assert await consumer.readiness() is None
    async with broker:
        await broker.start()
        await wait_until(lambda: consumer.health.rewinds >= 3)
        problem = await consumer.readiness()
    assert problem is not None
    assert "ConnectionError: store unreachable" in problem and topic in problem
    assert attempts >= 6  # two attempts a delivery, redelivered after each rewind
    assert await committed_offsets(kafka_bootstrap, f"{topic}.group", topic) == {0: 0}
    assert consumer.dead_lettered == 0


async def test_a_commit_lost_to_a_rebalance_is_not_a_failure(kafka_bootstrap: str) -> None:
    """The group moved on before the commit: the consumer stays ready and the next commit covers
    the batch (the partitions' new owner, had there been one, would resume from the last commit)."""
    topic = await new_topic(kafka_bootstrap)
    await publish(kafka_bootstrap, topic, [(b"a", b"1"), (b"b", b"2")])
    commits: list[str] = []
    handled: list[bytes] = []

    async def handler(batch: Sequence[Record]) -> list[DeadLetter]:
        handled.extend(record.value for record in batch)
        return []

    async def commit(message: KafkaMessage) -> None:
        if not commits:
            commits.append("lost")
            raise CommitFailedError("the group rebalanced")
        commits.append("done")
        await commit_offsets(message)

    broker = KafkaBroker(kafka_bootstrap)
    consumer = BatchConsumer(broker, settings_for(topic), handler, commit=commit)
    consumer.subscribe()
    async with broker:
        await broker.start()
        await wait_until(lambda: len(handled) == 2)
        assert consumer.problem() is None and consumer.health.rewinds == 0
        await publish(kafka_bootstrap, topic, [(b"c", b"3")])
        await wait_until(lambda: "done" in commits)
    assert handled == [b"1", b"2", b"3"]
    assert await committed_offsets(kafka_bootstrap, f"{topic}.group", topic) == {0: 3}


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (ConnectionError("reset"), True),
        (TimeoutError(), True),
        (sqlite3.OperationalError("database is locked"), True),
        (KafkaTimeoutError(), True),
        (NotLeaderForPartitionError(), True),
        (MessageSizeTooLargeError(), False),
        (CommitFailedError(), False),
        (OverflowError("date value out of range"), False),
        (ValueError("modified: out of range"), False),
        (TypeError("cannot convert"), False),
    ],
)
def test_faults_of_the_cluster_are_transient_and_faults_of_a_record_are_not(
    error: BaseException, transient: bool
) -> None:
    assert is_transient(error) is transient


async def test_in_transactions_an_aborted_attempt_is_never_read_and_its_retry_is_read_once(
    transactional_kafka: brokers.KafkaBroker, tmp_path: Path
) -> None:
    """A transient fault after the handler published: the transaction is aborted and the
    records handled again in a new one. read_committed readers see each output and dead letter
    once; the offsets are committed by the transaction."""
    kafka_bootstrap = transactional_kafka.bootstrap
    settings = CommonSettings(kafka_bootstrap=kafka_bootstrap, data_dir=tmp_path)
    assert transactions_enabled(settings)
    topic = await new_topic(kafka_bootstrap)
    out = f"{topic}.out"
    await ensure_topics(kafka_bootstrap, [TopicDefinition(out, 1, 1)], single_node=True)
    records = [(f"k{i}".encode(), f"v{i}".encode()) for i in range(10)]
    records[3] = (b"reject-key", b"reject")
    await publish(kafka_bootstrap, topic, records)
    attempts: list[int] = []
    ended: list[bool] = []

    async def handler(batch: Sequence[Record]) -> list[DeadLetter]:
        attempts.append(len(batch))
        sent = [
            await consumer.send(b"out-" + r.value, out, key=r.key, headers={"x-n": "1"})
            for r in batch
            if r.value != b"reject"
        ]
        await asyncio.gather(*sent)
        if len(attempts) == 1:
            raise OSError("store unreachable")  # transient, after publishing
        return [DeadLetter(r, ValueError("objects[0]: bad")) for r in batch if r.value == b"reject"]

    async def after_transaction(committed: bool) -> None:
        ended.append(committed)

    group = f"{topic}.group"
    producers = PartitionProducers(settings, group)
    broker = KafkaBroker(kafka_bootstrap)
    consumer = BatchConsumer(
        broker,
        settings_for(topic, batch_timeout_ms=1000),
        handler,
        transactions=producers,
        after_transaction=after_transaction,
    )
    consumer.subscribe()
    async with broker:
        await broker.start()
        await wait_until(lambda: sum(attempts) >= 2 * len(records) and consumer.batches >= 1)
    await producers.stop()

    assert ended[0] is False and ended[-1] is True
    assert consumer.problem() is None and consumer.dead_lettered >= 1
    assert await committed_offsets(kafka_bootstrap, group, topic) == {0: len(records)}
    expected = sorted(b"out-" + value for _, value in records if value != b"reject")
    committed = await read_topic(kafka_bootstrap, out, until=lambda rs: len(rs) >= len(expected), quiet=1.0)
    assert sorted(r.value for r in committed) == expected
    everything = await read_topic(
        kafka_bootstrap, out, until=lambda rs: len(rs) >= 2 * len(expected), committed_only=False
    )
    assert sorted(r.value for r in everything) == sorted(expected * 2)  # the aborted attempt's too
    dead = await read_topic(kafka_bootstrap, Topics.dlq(topic), until=lambda rs: len(rs) >= 1, quiet=1.0)
    assert [r.key for r in dead] == [b"reject-key"]


async def test_in_transactions_a_fenced_producer_dead_letters_nothing_and_a_new_one_redoes_the_records(
    transactional_kafka: brokers.KafkaBroker, tmp_path: Path
) -> None:
    """The partition's producer is fenced while the handler publishes (a member that took the
    partition in a rebalance starts a producer with the same transactional id): its sends fail,
    and no record is dead-lettered for that; the records are handled again by a new producer and
    read once."""
    kafka_bootstrap = transactional_kafka.bootstrap
    settings = CommonSettings(kafka_bootstrap=kafka_bootstrap, data_dir=tmp_path)
    topic = await new_topic(kafka_bootstrap)
    out = f"{topic}.out"
    await ensure_topics(kafka_bootstrap, [TopicDefinition(out, 1, 1)], single_node=True)
    records = [(f"k{i}".encode(), f"v{i}".encode()) for i in range(6)]
    await publish(kafka_bootstrap, topic, records)
    group = f"{topic}.group"
    fenced: list[bool] = []

    async def fence() -> None:
        rival = AIOKafkaProducer(
            bootstrap_servers=kafka_bootstrap,
            transactional_id=transactional_id(group, TopicPartition(topic, 0)),
        )
        await rival.start()  # initializing the id fences the consumer's producer
        await rival.stop()

    attempts: list[int] = []
    rewinds: list[bool] = []

    async def handler(batch: Sequence[Record]) -> list[DeadLetter]:
        attempts.append(len(batch))
        if not fenced:
            fenced.append(True)
            await fence()
        sent = []
        for record in batch:
            sent.append(await consumer.send(b"out-" + record.value, out, key=record.key, headers={}))
            await asyncio.sleep(0.2)  # lets the producer hear that it is fenced between sends
        await asyncio.gather(*sent)
        return []

    ended: list[bool] = []

    async def after_transaction(committed: bool) -> None:
        ended.append(committed)

    producers = PartitionProducers(settings, group)
    broker = KafkaBroker(kafka_bootstrap)
    consumer = BatchConsumer(
        broker,
        settings_for(topic, batch_timeout_ms=1000),
        handler,
        transactions=producers,
        after_transaction=after_transaction,
        on_rewound=lambda: rewinds.append(True),
    )
    consumer.subscribe()
    async with broker:
        await broker.start()
        await wait_until(lambda: True in ended)
    await producers.stop()

    # Never split to isolate a record (a fenced producer is no record's fault), never rewound
    # as a failure: the partition is fetched again and handled whole by a new producer.
    assert attempts == [len(records), len(records)] and ended == [False, True] and rewinds == []
    assert fenced and consumer.dead_lettered == 0 and consumer.problem() is None
    assert await committed_offsets(kafka_bootstrap, group, topic) == {0: len(records)}
    expected = sorted(b"out-" + value for _, value in records)
    committed = await read_topic(kafka_bootstrap, out, until=lambda rs: len(rs) >= len(expected), quiet=1.0)
    assert sorted(r.value for r in committed) == expected
    assert await read_topic(kafka_bootstrap, Topics.dlq(topic), quiet=1.0, committed_only=False) == []
