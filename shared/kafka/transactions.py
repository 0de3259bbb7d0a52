"""Transactional producers for exactly-once consume-process-produce (docs/architecture.md).

Where the broker supports transactions (shared/kafka/capabilities.py), a batch consumer
(shared/kafka/batch_consumer.py) writes what a batch produces, its dead letters and its consumed
offsets in one Kafka transaction: all become visible to ``read_committed`` readers together, or
none does, and an aborted batch is redelivered.

One producer per input partition, with the transactional id ``<group>.<topic>.<partition>``.
aiokafka puts offsets in a transaction with TxnOffsetCommit v0, which names the consumer group
but not the member's generation, so the group coordinator cannot refuse the offsets of a former
owner of a partition. Kafka then fences by transactional id: the partition's next owner starts
a producer with the same id, which aborts the former owner's open transaction and makes any
later commit of it fail (ProducerFenced). A replica restarted after a crash does the same for
its own partitions.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError
from aiokafka.structs import TopicPartition

from shared.kafka.broker import PRODUCER_OPTIONS
from shared.kafka.capabilities import broker_capabilities, idempotence_enabled
from shared.kafka.partitioner import KeyPartitioner
from shared.kafka.security import client_options
from shared.settings import CommonSettings

logger = logging.getLogger(__name__)

# How long the broker keeps the transaction of a producer that vanished (SIGKILL, a host lost)
# open before aborting it; read_committed readers of its output partitions wait that long, unless
# the partition's next owner aborts it sooner by starting its producer.
TRANSACTION_TIMEOUT_MS = 30_000


def transactions_enabled(settings: CommonSettings) -> bool:
    """Whether the broker has transactions (and idempotence is not switched off)."""
    return idempotence_enabled(settings) and broker_capabilities(settings).transactions


def transactional_id(group_id: str, partition: TopicPartition) -> str:
    return f"{group_id}.{partition.topic}.{partition.partition}"


class PartitionProducers:
    """The transactional producer of each input partition this member owns, started on first use."""

    def __init__(self, settings: CommonSettings, group_id: str) -> None:
        self.group_id = group_id
        self._options: dict[str, Any] = {
            "bootstrap_servers": settings.kafka_bootstrap,
            "partitioner": KeyPartitioner(),
            **PRODUCER_OPTIONS,
            **client_options(settings),
        }
        self._producers: dict[TopicPartition, AIOKafkaProducer] = {}
        self._lock = asyncio.Lock()

    async def producer(self, partition: TopicPartition) -> AIOKafkaProducer:
        async with self._lock:
            producer = self._producers.get(partition)
            if producer is None:
                producer = AIOKafkaProducer(
                    transactional_id=transactional_id(self.group_id, partition),
                    transaction_timeout_ms=TRANSACTION_TIMEOUT_MS,
                    **self._options,
                )
                # Initializes the transactional id: aborts its previous owner's open transaction.
                await producer.start()
                self._producers[partition] = producer
            return producer

    async def discard(self, partitions: Iterable[TopicPartition]) -> None:
        """Stop the producers of partitions this member no longer owns (or whose producer failed)."""
        async with self._lock:
            gone = [p for partition in partitions if (p := self._producers.pop(partition, None)) is not None]
        for producer in gone:
            try:
                await producer.stop()
            except KafkaError:  # a fenced producer may fail to flush: it has nothing left to say
                logger.warning("stopping a transactional producer failed", exc_info=True)

    async def stop(self) -> None:
        await self.discard(list(self._producers))
