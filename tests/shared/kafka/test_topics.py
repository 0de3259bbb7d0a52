from __future__ import annotations

from shared.kafka.topics import Topics, topic_definitions


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
