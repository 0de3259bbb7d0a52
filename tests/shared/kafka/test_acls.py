"""The ACLs derived from infra/kafka/acls.yaml and the partners: who may read and write what."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.kafka.acls import (
    AclBinding,
    AclSpecError,
    Operation,
    PatternType,
    ResourceType,
    deployment_scope,
    desired_acls,
    load_acl_spec,
    owned_principals,
    red_feed_partners,
)
from shared.models.report import TLP
from shared.partners import Partner

PARTNERS = [
    Partner("nl-police", TLP.RED),
    Partner("fr-cert", TLP.AMBER),
    Partner("be-bank", TLP.GREEN),
    Partner("lu-cert", TLP.AMBER_STRICT),
    Partner("gone", TLP.RED, revoked_at="2026-01-01T00:00:00+00:00"),
    Partner("admin", TLP.RED, is_admin=True),
]


def readable_topics(bindings: set[AclBinding], principal: str) -> set[str]:
    return {
        b.resource_name
        for b in bindings
        if b.principal == principal
        and b.resource_type is ResourceType.TOPIC
        and b.operation is Operation.READ
    }


def test_partners_read_only_the_feeds_their_clearance_allows() -> None:
    bindings = desired_acls(load_acl_spec(), PARTNERS, "crimefeed.")
    assert readable_topics(bindings, "User:partner.be-bank") == {
        "crimefeed.feed.clear.v1",
        "crimefeed.feed.green.v1",
    }
    assert readable_topics(bindings, "User:partner.fr-cert") == {
        "crimefeed.feed.clear.v1",
        "crimefeed.feed.green.v1",
        "crimefeed.feed.amber.v1",
    }
    # AMBER+STRICT is the submitter's own: no shared topic can carry it to a partner.
    assert "crimefeed.feed.amber-strict.v1" not in readable_topics(bindings, "User:partner.lu-cert")
    assert readable_topics(bindings, "User:partner.nl-police") == {
        "crimefeed.feed.clear.v1",
        "crimefeed.feed.green.v1",
        "crimefeed.feed.amber.v1",
        "crimefeed.feed.red.nl-police.v1",
    }


def test_nobody_reads_another_partners_red_feed_or_the_internal_topics() -> None:
    bindings = desired_acls(load_acl_spec(), PARTNERS, "crimefeed.")
    partner_reads = {
        b.resource_name
        for b in bindings
        if b.principal.startswith("User:partner.") and b.operation is Operation.READ
    }
    red = {name for name in partner_reads if ".feed.red." in name}
    assert red == {"crimefeed.feed.red.nl-police.v1"}
    assert not partner_reads & {"crimefeed.submissions.v1", "crimefeed.objects.v1"}
    assert not any(
        b.operation is Operation.WRITE for b in bindings if b.principal.startswith("User:partner.")
    )


def test_revoked_and_admin_partners_get_nothing() -> None:
    principals = {b.principal for b in desired_acls(load_acl_spec(), PARTNERS, "crimefeed.")}
    assert "User:partner.gone" not in principals and "User:partner.admin" not in principals


def test_partner_consumer_groups_are_prefixed_by_their_id() -> None:
    bindings = desired_acls(load_acl_spec(), PARTNERS, "crimefeed.")
    groups = {
        b for b in bindings if b.principal == "User:partner.fr-cert" and b.resource_type is ResourceType.GROUP
    }
    assert groups == {
        AclBinding(
            "User:partner.fr-cert",
            ResourceType.GROUP,
            "partner.fr-cert.",
            PatternType.PREFIXED,
            Operation.READ,
        )
    }


def test_services_get_what_the_pipeline_needs_and_no_more() -> None:
    bindings = desired_acls(load_acl_spec(), [], "x.")

    def can(principal: str, operation: Operation, topic: str) -> bool:
        return any(
            b.principal == principal
            and b.operation is operation
            and b.resource_type is ResourceType.TOPIC
            and (
                topic == b.resource_name
                if b.pattern is PatternType.LITERAL
                else topic.startswith(b.resource_name)
            )
            for b in bindings
        )

    assert can("User:crimefeed-producers", Operation.WRITE, "x.submissions.v1")
    assert not can("User:crimefeed-producers", Operation.READ, "x.submissions.v1")
    assert can("User:crimefeed-enrichment", Operation.READ, "x.submissions.v1")
    for topic in ("x.objects.v1", "x.feed.green.v1", "x.feed.red.nl-police.v1", "x.submissions.v1.dlq"):
        assert can("User:crimefeed-enrichment", Operation.WRITE, topic), topic
    assert can("User:crimefeed-enrichment", Operation.CREATE, "x.feed.red.nl-police.v1")
    assert can("User:crimefeed-search", Operation.READ, "x.objects.v1")
    assert not can("User:crimefeed-search", Operation.READ, "x.submissions.v1")


def test_a_deployment_owns_its_services_and_its_partners_revoked_ones_included() -> None:
    owned = owned_principals(load_acl_spec(), PARTNERS)
    assert {"User:crimefeed-search", "User:partner.nl-police", "User:partner.gone"} <= owned
    # Another deployment's partner on the same cluster, and principals set up by hand.
    assert not owned & {"User:partner.de-bka", "User:someone-else", "User:partner."}


def test_a_deployment_owns_only_the_topic_acls_under_its_own_prefix() -> None:
    scope = deployment_scope(load_acl_spec(), PARTNERS, "prod.")

    def read(principal: str, resource: ResourceType, name: str) -> AclBinding:
        return AclBinding(principal, resource, name, PatternType.LITERAL, Operation.READ)

    assert scope.owns(read("User:partner.gone", ResourceType.TOPIC, "prod.feed.red.gone.v1"))
    assert scope.owns(read("User:partner.gone", ResourceType.GROUP, "partner.gone."))
    # A staging deployment's topics on the same cluster, and a principal this one does not know.
    assert not scope.owns(read("User:partner.nl-police", ResourceType.TOPIC, "staging.feed.green.v1"))
    assert not scope.owns(read("User:partner.de-bka", ResourceType.TOPIC, "prod.feed.green.v1"))
    assert not scope.owns(read("User:someone-else", ResourceType.GROUP, "partner.gone."))


def test_red_feeds_only_for_active_red_partners() -> None:
    assert red_feed_partners(PARTNERS, load_acl_spec()) == ["nl-police"]


def test_a_typo_in_the_spec_is_named(tmp_path: Path) -> None:
    path = tmp_path / "acls.yaml"
    path.write_text(
        "services:\n  x:\n    principal: 'User:x'\n    allow:\n"
        "      - {resource: topic, name: t, operations: [reed]}\npartners: {principal: 'User:p.{partner}'}\n"
    )
    with pytest.raises(AclSpecError, match="unknown Operation 'reed'"):
        desired_acls(load_acl_spec(path), [], "crimefeed.")
