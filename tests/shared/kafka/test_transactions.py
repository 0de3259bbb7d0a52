"""Transactional producers per input partition, against the real broker."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from aiokafka.errors import ProducerFenced
from aiokafka.structs import TopicPartition

from shared.kafka.admin import ensure_topics
from shared.kafka.topics import TopicDefinition
from shared.kafka.transactions import PartitionProducers, transactional_id, transactions_enabled
from shared.settings import CommonSettings
from tests.support.brokers import KafkaBroker
from tests.support.kafka import read_topic


def test_transactions_are_used_where_the_broker_has_them(kafka_broker: KafkaBroker, tmp_path: Path) -> None:
    settings = CommonSettings(kafka_bootstrap=kafka_broker.bootstrap, data_dir=tmp_path)
    assert transactions_enabled(settings) is (kafka_broker.kind == "kafka")
    off = settings.model_copy(update={"kafka_idempotence": False})
    assert transactions_enabled(off) is False


def test_one_transactional_id_per_group_and_input_partition() -> None:
    ids = {
        transactional_id(group, TopicPartition(topic, partition))
        for group in ("enrichment", "search")
        for topic in ("a.v1", "b.v1")
        for partition in (0, 1)
    }
    assert len(ids) == 8
    assert transactional_id("g", TopicPartition("t.v1", 3)) == "g.t.v1.3"


async def test_the_next_owner_of_a_partition_aborts_and_fences_the_former(
    transactional_kafka: KafkaBroker, tmp_path: Path
) -> None:
    settings = CommonSettings(kafka_bootstrap=transactional_kafka.bootstrap, data_dir=tmp_path)
    assert transactions_enabled(settings)
    out = f"test.txn.{uuid.uuid4().hex[:8]}.v1"
    await ensure_topics(settings.kafka_bootstrap, [TopicDefinition(out, 1, 1)], single_node=True)
    group = f"{out}.group"
    partition = TopicPartition("input.v1", 0)
    former, owner = PartitionProducers(settings, group), PartitionProducers(settings, group)
    try:
        zombie = await former.producer(partition)
        await zombie.begin_transaction()
        await (await zombie.send(out, b"from the former owner"))
        # The partition moved: its new owner's producer takes the same id.
        fresh = await owner.producer(partition)
        async with fresh.transaction():
            await fresh.send(out, b"from the owner")
        with pytest.raises(ProducerFenced):
            await zombie.commit_transaction()
    finally:
        await former.stop()
        await owner.stop()
    committed = await read_topic(settings.kafka_bootstrap, out, quiet=1.0, timeout=10)
    everything = await read_topic(settings.kafka_bootstrap, out, quiet=1.0, timeout=10, committed_only=False)
    assert [record.value for record in committed] == [b"from the owner"]
    assert sorted(record.value for record in everything) == [b"from the former owner", b"from the owner"]
