"""What `crimefeed infra apply` grants is what Apache Kafka enforces, tried with each partner's
own SCRAM-SHA-512 credentials on the broker's SASL listener.

Needs the real broker of `infra/dev/services.sh start` (KAFKA_BOOTSTRAP and KAFKA_SASL_BOOTSTRAP;
`.ci/run` sets them): the embedded broker has neither authentication nor ACLs.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.conn import create_conn
from aiokafka.errors import GroupAuthorizationFailedError, TopicAuthorizationFailedError, for_code
from aiokafka.protocol.metadata import MetadataRequest

from services.cli import main
from shared.kafka.scram import password_file
from shared.kafka.topics import Topics
from shared.models.report import TLP
from shared.partners import PartnerRegistry

pytestmark = pytest.mark.engines


@dataclass(frozen=True)
class Cluster:
    bootstrap: str
    sasl_bootstrap: str
    data_dir: Path
    topics: Topics


@pytest.fixture
def cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cluster]:
    bootstrap, sasl = os.environ.get("KAFKA_BOOTSTRAP"), os.environ.get("KAFKA_SASL_BOOTSTRAP")
    if not bootstrap or not sasl:
        pytest.skip("needs Apache Kafka: export the lines of `infra/dev/services.sh start` (CI does)")
    prefix = f"t{uuid.uuid4().hex[:8]}."
    monkeypatch.setenv("CRIMEFEED_KAFKA_BOOTSTRAP", bootstrap)
    monkeypatch.setenv("CRIMEFEED_TOPIC_PREFIX", prefix)
    monkeypatch.setenv("CRIMEFEED_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CRIMEFEED_OPENSEARCH_URL", raising=False)
    yield Cluster(bootstrap, sasl, tmp_path, Topics(prefix))


def _consumer(cluster: Cluster, user: str, group: str) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        bootstrap_servers=cluster.sasl_bootstrap,
        security_protocol="SASL_PLAINTEXT",
        sasl_mechanism="SCRAM-SHA-512",
        sasl_plain_username=user,
        sasl_plain_password=password_file(cluster.data_dir, user).read_text(),
        group_id=group,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        session_timeout_ms=3000,
        heartbeat_interval_ms=500,
    )


async def _read(cluster: Cluster, partner: str, topic: str, group_suffix: str = "reader") -> list[bytes]:
    """Read `topic` from the start as the partner; raises the broker's authorization error."""
    consumer = _consumer(cluster, f"partner.{partner}", f"partner.{partner}.{group_suffix}")
    await consumer.start()
    try:
        consumer.subscribe([topic])
        batch = await consumer.getmany(timeout_ms=5_000)
        return [record.value or b"" for records in batch.values() for record in records]
    finally:
        await consumer.stop()


async def _denied(cluster: Cluster, partner: str, topic: str) -> bool:
    """The broker refuses the partner the topic, and a read of it (which holds a record) gets nothing.

    aiokafka's consumer only logs "not authorized" and returns no records, so the refusal itself
    is read from the broker's Metadata answer on the partner's own authenticated connection.
    """
    user = f"partner.{partner}"
    host, _, port = cluster.sasl_bootstrap.rpartition(":")
    conn = await create_conn(
        host,
        int(port),
        security_protocol="SASL_PLAINTEXT",
        sasl_mechanism="SCRAM-SHA-512",
        sasl_plain_username=user,
        sasl_plain_password=password_file(cluster.data_dir, user).read_text(),
    )
    try:
        answer = await conn.send(MetadataRequest([topic]))
    finally:
        conn.close()
    (error_code,) = [entry[0] for entry in answer.topics if entry[1] == topic]
    refused = for_code(error_code) is TopicAuthorizationFailedError
    return refused and await _read(cluster, partner, topic, group_suffix="denied") == []


def test_partners_read_only_what_their_clearance_allows(
    cluster: Cluster, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = PartnerRegistry.in_data_dir(cluster.data_dir)
    green, red, other_red = (f"{kind}{uuid.uuid4().hex[:6]}" for kind in ("green", "red", "red"))
    registry.add(green, TLP.GREEN)
    registry.add(red, TLP.RED)
    registry.add(other_red, TLP.RED)
    assert main(["infra", "apply", "--replication-factor", "1"]) == 0
    first = capsys.readouterr().out
    assert f"created SCRAM-SHA-512 user: partner.{green}" in first
    assert "not supported" not in first
    assert main(["infra", "apply", "--replication-factor", "1"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-2:] == [
        "OpenSearch: CRIMEFEED_OPENSEARCH_URL not set, skipped",
        "nothing changed",
    ]

    asyncio.run(_check_access(cluster, green, red, other_red))

    registry.revoke(green)
    assert main(["infra", "apply", "--replication-factor", "1"]) == 0
    revoked = capsys.readouterr().out
    assert f"deleted SCRAM user: partner.{green}" in revoked
    feed = cluster.topics.feed("green")
    assert f"deleted ACL: User:partner.{green} allow read on topic {feed}" in revoked


def test_two_deployments_on_one_cluster_leave_each_others_acls_alone(
    cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A staging deployment (another topic prefix, another registry) beside production."""
    partner = f"red{uuid.uuid4().hex[:6]}"
    PartnerRegistry.in_data_dir(cluster.data_dir).add(partner, TLP.RED)
    assert main(["infra", "apply", "--replication-factor", "1"]) == 0
    staging = Topics(f"s{uuid.uuid4().hex[:8]}.")
    monkeypatch.setenv("CRIMEFEED_TOPIC_PREFIX", staging.prefix)
    monkeypatch.setenv("CRIMEFEED_DATA_DIR", str(tmp_path / "staging"))
    PartnerRegistry.in_data_dir(tmp_path / "staging").add(partner, TLP.RED)
    assert main(["infra", "apply", "--replication-factor", "1"]) == 0
    assert f"created ACL: User:partner.{partner} allow read on topic {staging.feed('green')}" in (
        capsys.readouterr().out
    )

    monkeypatch.setenv("CRIMEFEED_TOPIC_PREFIX", cluster.topics.prefix)
    monkeypatch.setenv("CRIMEFEED_DATA_DIR", str(cluster.data_dir))
    assert main(["infra", "apply", "--replication-factor", "1"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "nothing changed"
    # Production revokes the partner: its production topic ACLs go, its staging ones stay.
    PartnerRegistry.in_data_dir(cluster.data_dir).revoke(partner)
    assert main(["infra", "apply", "--replication-factor", "1"]) == 0
    revoked = capsys.readouterr().out
    production_feed = cluster.topics.feed("green")
    assert f"deleted ACL: User:partner.{partner} allow read on topic {production_feed}" in revoked
    assert staging.prefix not in revoked


async def _check_access(cluster: Cluster, green: str, red: str, other_red: str) -> None:
    topics = cluster.topics
    producer = AIOKafkaProducer(bootstrap_servers=cluster.bootstrap, enable_idempotence=True, acks="all")
    await producer.start()
    try:
        for topic in (topics.feed("green"), topics.feed("amber"), topics.red_feed(red)):
            await producer.send_and_wait(topic, topic.encode(), key=b"indicator--1")  # compacted: keyed
    finally:
        await producer.stop()

    assert await _read(cluster, green, topics.feed("green")) == [topics.feed("green").encode()]
    assert await _denied(cluster, green, topics.feed("amber"))
    assert await _denied(cluster, green, topics.red_feed(red))
    assert await _read(cluster, red, topics.red_feed(red)) == [topics.red_feed(red).encode()]
    assert await _denied(cluster, other_red, topics.red_feed(red))
    with pytest.raises(GroupAuthorizationFailedError):  # groups only under partner.<id>.
        consumer = _consumer(cluster, f"partner.{green}", "someone-elses-group")
        await consumer.start()
        try:
            consumer.subscribe([topics.feed("green")])
            await consumer.getmany(timeout_ms=10_000)
        finally:
            await consumer.stop()
