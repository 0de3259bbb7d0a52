from __future__ import annotations

from pathlib import Path

import yaml

from shared.kafka.admin import red_feed_definitions
from shared.kafka.topics import Topics, red_feed_definition, topic_definitions


def test_topic_names_follow_the_contract() -> None:
    topics = Topics("crimefeed.")
    assert topics.submissions == "crimefeed.submissions.v1"
    assert topics.objects == "crimefeed.objects.v1"
    assert topics.feed("amber+strict") == "crimefeed.feed.amber-strict.v1"
    assert topics.red_feed("fr-cert") == "crimefeed.feed.red.fr-cert.v1"
    assert Topics.dlq(topics.submissions) == "crimefeed.submissions.v1.dlq"


def test_definitions_come_from_infra_with_prefix_and_dead_letter_twins() -> None:
    names = {d.name: d for d in topic_definitions("test.")}
    assert {
        "test.submissions.v1",
        "test.submissions.v1.dlq",
        "test.objects.v1",
        "test.objects.v1.dlq",
        "test.feed.clear.v1",
        "test.feed.amber-strict.v1",
    } <= set(names)
    assert names["test.objects.v1"].config["cleanup.policy"] == "compact"
    assert names["test.submissions.v1"].partitions > 1


def test_every_name_in_code_is_a_topic_of_the_yaml() -> None:
    names = {d.name for d in topic_definitions("p.")}
    topics = Topics("p.")
    in_code = [
        topics.submissions,
        topics.objects,
        *(topics.feed(t) for t in ("clear", "green", "amber", "amber+strict")),
    ]
    assert set(in_code) <= names
    assert {Topics.dlq(topics.submissions), Topics.dlq(topics.objects)} <= names


def test_red_feeds_follow_the_yaml_template() -> None:
    """Created at run time by enrichment or by `infra apply`: same cleanup policy and retention."""
    raw = yaml.safe_load(Path("infra/kafka/topics.yaml").read_text(encoding="utf-8"))
    definition = red_feed_definition("p.", "fr-cert")
    assert definition.name == Topics("p.").red_feed("fr-cert")
    assert definition.partitions == raw["red_feed"]["partitions"]
    for key, value in raw["red_feed"]["config"].items():
        assert definition.config[key] == str(value)
    assert definition.config["cleanup.policy"] == "compact,delete"
    assert red_feed_definitions("p.", ["fr-cert"]) == [definition]


def test_red_feed_partner_reads_only_red_feed_names() -> None:
    topics = Topics("p.")
    assert topics.red_feed_partner(topics.red_feed("fr-cert")) == "fr-cert"
    assert topics.red_feed_partner(topics.feed("amber")) is None
    assert topics.red_feed_partner(Topics("q.").red_feed("fr-cert")) is None
    assert topics.red_feed_partner(Topics.dlq(topics.red_feed("fr-cert"))) is None
