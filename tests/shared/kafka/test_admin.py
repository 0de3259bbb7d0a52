"""ensure_topics against the real embedded broker: creates what is missing, idempotently."""

from __future__ import annotations

import uuid
from dataclasses import replace

from aiokafka.admin import AIOKafkaAdminClient

from shared.kafka.admin import ensure_topics, open_admin
from shared.kafka.topics import TopicDefinition, Topics, topic_definitions


async def list_topics(bootstrap: str) -> set[str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        return set(await admin.list_topics())
    finally:
        await admin.close()


async def test_ensure_topics_creates_every_topic_once(kafka_bootstrap: str) -> None:
    prefix = f"t{uuid.uuid4().hex[:8]}."
    definitions = topic_definitions(prefix)
    names = [definition.name for definition in definitions]
    topics = Topics(prefix)
    assert {topics.submissions, topics.objects, Topics.dlq(topics.submissions)} <= set(names)
    assert not set(names) & await list_topics(kafka_bootstrap)

    created = await ensure_topics(kafka_bootstrap, definitions, single_node=True)
    assert sorted(created) == sorted(names)
    assert set(names) <= await list_topics(kafka_bootstrap)
    # Returned once every partition has a leader: a producer can publish to them at once.
    async with open_admin(kafka_bootstrap) as admin:
        described = await admin.describe_topics(names)
    assert all(partition["leader"] >= 0 for topic in described for partition in topic["partitions"])

    assert await ensure_topics(kafka_bootstrap, definitions, single_node=True) == []
    assert await ensure_topics(kafka_bootstrap, topic_definitions(prefix), single_node=True) == []


async def test_ensure_topics_creates_only_the_missing_ones(kafka_bootstrap: str) -> None:
    prefix = f"t{uuid.uuid4().hex[:8]}."
    definitions = topic_definitions(prefix)
    assert await ensure_topics(kafka_bootstrap, definitions[:1], single_node=True) == [definitions[0].name]
    extra = replace(definitions[0], name=f"{prefix}extra.v1")
    created = await ensure_topics(kafka_bootstrap, [*definitions, extra], single_node=True)
    assert sorted(created) == sorted(definition.name for definition in [*definitions[1:], extra])
    assert await ensure_topics(kafka_bootstrap, [*definitions, extra], single_node=True) == []


async def test_replication_is_capped_at_the_cluster_size(kafka_bootstrap: str) -> None:
    """A one-broker cluster that is not flagged single-node still gets its run-time topics."""
    name = f"t{uuid.uuid4().hex[:8]}.feed.red.cert-x.v1"
    wanted = TopicDefinition(name, 1, 3, {"min.insync.replicas": "2"})
    assert await ensure_topics(kafka_bootstrap, [wanted]) == [name]
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    await admin.start()
    try:
        (described,) = await admin.describe_topics([name])
    finally:
        await admin.close()
    assert all(len(partition["replicas"]) == 1 for partition in described["partitions"])
