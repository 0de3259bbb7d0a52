"""Create the topics crimefeed needs, idempotently."""

from __future__ import annotations

import contextlib

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from shared.kafka.topics import TopicDefinition


async def ensure_topics(
    bootstrap: str, definitions: list[TopicDefinition], *, single_node: bool = False
) -> list[str]:
    """Create missing topics; return the names created.

    `single_node` is for the embedded broker: one replica and no per-topic config, which it
    does not implement.
    """
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [definition for definition in definitions if definition.name not in existing]
        if not missing:
            return []
        new_topics = [
            NewTopic(
                definition.name,
                definition.partitions,
                1 if single_node else definition.replication_factor,
                topic_configs=None if single_node else definition.config,
            )
            for definition in missing
        ]
        # Another replica may win the race: the topics then exist, which is all we need.
        with contextlib.suppress(TopicAlreadyExistsError):
            await admin.create_topics(new_topics)
        return [definition.name for definition in missing]
    finally:
        await admin.close()
