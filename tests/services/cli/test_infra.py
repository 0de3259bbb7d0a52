"""`crimefeed infra apply` against each real broker and the OpenSearch test server (or real node).

What the embedded broker cannot do (config changes, new partitions, ACLs, SCRAM users) it reports
as skipped; Apache Kafka does it (tests/services/cli/test_infra_access.py proves the ACLs).
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from services.cli import main
from services.cli.infra import ApplyOptions, InfraSettings, apply_kafka, topics_to_apply
from shared.kafka.admin import ensure_topics, open_admin, reconcile_topics
from shared.kafka.topics import TopicDefinition
from shared.models.report import TLP
from shared.partners import PartnerRegistry
from tests.support.brokers import KafkaBroker
from tests.support.osmem import opensearch_url  # noqa: F401  (fixture)


@pytest.fixture
def infra_env(kafka_bootstrap: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    prefix = f"t{uuid.uuid4().hex[:8]}."
    monkeypatch.setenv("CRIMEFEED_KAFKA_BOOTSTRAP", kafka_bootstrap)
    monkeypatch.setenv("CRIMEFEED_TOPIC_PREFIX", prefix)
    monkeypatch.setenv("CRIMEFEED_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CRIMEFEED_OPENSEARCH_URL", raising=False)
    registry = PartnerRegistry.in_data_dir(tmp_path)
    registry.add("nl-police", TLP.RED)
    registry.add("fr-cert", TLP.AMBER)
    return prefix


def test_apply_creates_every_topic_then_changes_nothing(
    infra_env: str, kafka_broker: KafkaBroker, capsys: pytest.CaptureFixture[str]
) -> None:
    prefix = infra_env
    assert main(["infra", "apply", "--single-node"]) == 0
    first = capsys.readouterr().out
    for name in (
        "submissions.v1",
        "submissions.v1.dlq",
        "objects.v1",
        "feed.amber-strict.v1",
        "feed.red.nl-police.v1",
    ):
        assert f"created topic: {prefix}{name}\n" in first
    assert f"{prefix}feed.red.fr-cert.v1" not in first  # AMBER clearance: no red feed
    assert "OpenSearch: CRIMEFEED_OPENSEARCH_URL not set, skipped" in first
    if kafka_broker.kind == "tansu":
        assert "ACLs: not supported by this broker, skipped" in first
        assert "SCRAM users: not supported by this broker, skipped" in first
        assert "9 change(s) applied" in first
    else:
        assert f"created ACL: User:partner.fr-cert allow read on topic {prefix}feed.amber.v1" in first
        # SCRAM users are per cluster: an earlier test on this broker may have made these.
        assert "not supported" not in first

    assert main(["infra", "apply", "--single-node"]) == 0
    second = capsys.readouterr().out
    assert "created" not in second and second.rstrip().endswith("nothing changed")


def test_a_partner_cleared_for_red_later_gets_its_topic(
    infra_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["infra", "apply", "--single-node", "--skip-acls"]) == 0
    capsys.readouterr()
    PartnerRegistry.in_data_dir(tmp_path).add("de-bka", TLP.RED)
    assert main(["infra", "apply", "--single-node", "--skip-acls"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"created topic: {infra_env}feed.red.de-bka.v1",
        "OpenSearch: CRIMEFEED_OPENSEARCH_URL not set, skipped",
        "1 change(s) applied",
    ]


def test_replication_factor_is_capped_for_small_clusters(infra_env: str) -> None:
    settings = InfraSettings()
    capped = topics_to_apply(settings, ApplyOptions(replication_factor=1))
    assert {d.replication_factor for d in capped} == {1}
    assert {d.config.get("min.insync.replicas") for d in capped} == {"1"}
    assert capped[0].config["retention.ms"] == "1209600000"  # the rest of the config stays
    full = topics_to_apply(settings, ApplyOptions())
    assert {d.replication_factor for d in full} == {3}


def test_bad_replication_factor_is_refused(infra_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["infra", "apply", "--replication-factor", "0"]) == 2
    assert "--replication-factor must be at least 1" in capsys.readouterr().err


async def test_config_drift_is_corrected_or_reported_where_the_broker_cannot_alter_configs(
    kafka_bootstrap: str, kafka_broker: KafkaBroker
) -> None:
    name = f"t{uuid.uuid4().hex[:8]}.drift"
    definition = TopicDefinition(name, 1, 1, config={"retention.ms": "1000"})
    assert await ensure_topics(kafka_bootstrap, [definition]) == [name]
    async with open_admin(kafka_bootstrap) as admin:
        same = await reconcile_topics(admin, [definition])
        assert same.changes == [] and same.skipped == []
        changed = await reconcile_topics(admin, [replace(definition, config={"retention.ms": "2000"})])
        if kafka_broker.kind == "kafka":
            assert [str(change) for change in changed.changes] == [
                f"changed topic config: {name}: retention.ms 1000 -> 2000"
            ]
            assert changed.skipped == []
            settled = await reconcile_topics(admin, [replace(definition, config={"retention.ms": "2000"})])
            assert settled.changes == [] and settled.skipped == []
            return
    assert changed.changes == []
    assert changed.skipped == [
        f"topic {name}: config retention.ms 1000 -> 2000 not applied: not supported by this broker "
        "(IncompatibleBrokerVersion)"
    ]


async def test_partitions_grow_or_are_reported_where_the_broker_cannot_add_them(
    kafka_bootstrap: str, kafka_broker: KafkaBroker
) -> None:
    name = f"t{uuid.uuid4().hex[:8]}.grow"
    await ensure_topics(kafka_bootstrap, [TopicDefinition(name, 1, 1)])
    async with open_admin(kafka_bootstrap) as admin:
        report = await reconcile_topics(admin, [TopicDefinition(name, 3, 1)])
        shrink = await reconcile_topics(admin, [TopicDefinition(name, 1, 1)])
    if kafka_broker.kind == "kafka":
        assert [str(change) for change in report.changes] == [f"added partitions: {name} 1 -> 3"]
        assert report.skipped == []
        assert shrink.changes == [] and shrink.skipped == [
            f"topic {name}: has 3 partitions, 1 declared (Kafka cannot remove partitions)"
        ]
        return
    # The embedded broker cannot add partitions.
    assert report.changes == [] and len(report.skipped) == 1
    assert report.skipped[0].startswith(f"topic {name}: partitions 1 -> 3 not applied")
    assert shrink.skipped == [] and shrink.changes == []


async def test_apply_kafka_reports_acls_as_unsupported_on_the_embedded_broker(
    infra_env: str, kafka_broker: KafkaBroker
) -> None:
    report = await apply_kafka(InfraSettings(), ApplyOptions(single_node=True))
    unsupported = "ACLs: not supported by this broker, skipped (KafkaConnectionError)"
    assert (unsupported in report.skipped) is (kafka_broker.kind == "tansu")
    again = await apply_kafka(InfraSettings(), ApplyOptions(single_node=True))
    assert again.changes == []


def test_apply_creates_then_keeps_the_opensearch_templates(
    infra_env: str,
    opensearch_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    index_prefix = f"t{uuid.uuid4().hex[:8]}-"
    monkeypatch.setenv("CRIMEFEED_OPENSEARCH_URL", opensearch_url)
    monkeypatch.setenv("CRIMEFEED_OPENSEARCH_INDEX_PREFIX", index_prefix)
    assert main(["infra", "apply", "--single-node", "--skip-acls"]) == 0
    first = capsys.readouterr().out
    assert f"OpenSearch created: template {index_prefix}objects" in first
    assert main(["infra", "apply", "--single-node", "--skip-acls"]) == 0
    second = capsys.readouterr().out
    assert "OpenSearch created" not in second and "OpenSearch updated" not in second
    assert second.rstrip().endswith("nothing changed")
