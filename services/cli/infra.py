"""`crimefeed infra apply`: bring Kafka (topics, ACLs, SCRAM users) and OpenSearch (templates, ISM)
to infra/.

Prints one line per change and per skipped step, then a summary; a second run prints
"nothing changed".
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass
from typing import Any

from pydantic import Field, SecretStr

from shared.kafka.acls import deployment_scope, desired_acls, load_acl_spec, red_feed_partners
from shared.kafka.admin import (
    ApplyReport,
    Change,
    InfraError,
    for_single_node,
    open_admin,
    reconcile_acls,
    reconcile_topics,
    red_feed_definitions,
    with_replication_factor,
)
from shared.kafka.scram import reconcile_scram_users
from shared.kafka.security import client_options
from shared.kafka.topics import TopicDefinition, topic_definitions
from shared.partners import PartnerRegistry
from shared.settings import CommonSettings


class InfraSettings(CommonSettings):
    opensearch_url: str | None = Field(
        default=None, description="OpenSearch whose templates and ISM policies `infra apply` manages"
    )
    opensearch_username: str | None = None
    opensearch_password: SecretStr | None = None
    opensearch_ca_certs: str | None = Field(default=None, description="CA bundle of OpenSearch's certificate")
    opensearch_verify_certs: bool = True
    opensearch_index_prefix: str = "crimefeed-"


@dataclass(frozen=True)
class ApplyOptions:
    single_node: bool = False
    replication_factor: int | None = None
    skip_acls: bool = False


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("infra", help="provision Kafka topics and ACLs, OpenSearch templates")
    actions = parser.add_subparsers(dest="action", required=True)
    apply = actions.add_parser("apply", help="create or update what infra/ declares (idempotent)")
    apply.add_argument(
        "--single-node", action="store_true", help="one replica, no topic configs (the embedded broker)"
    )
    apply.add_argument(
        "--replication-factor",
        type=int,
        metavar="N",
        help="at most N replicas per topic (a cluster smaller than topics.yaml assumes)",
    )
    apply.add_argument("--skip-acls", action="store_true", help="leave Kafka ACLs and SCRAM users alone")
    apply.set_defaults(handler=_apply)


def topics_to_apply(settings: CommonSettings, options: ApplyOptions) -> list[TopicDefinition]:
    registry = PartnerRegistry.in_data_dir(settings.data_dir)
    partners = red_feed_partners(registry.list(), load_acl_spec())
    definitions = [
        *topic_definitions(settings.topic_prefix),
        *red_feed_definitions(settings.topic_prefix, partners),
    ]
    if options.single_node:
        return [for_single_node(definition) for definition in definitions]
    if options.replication_factor is not None:
        return [with_replication_factor(d, options.replication_factor) for d in definitions]
    return definitions


async def apply_kafka(settings: CommonSettings, options: ApplyOptions) -> ApplyReport:
    report = ApplyReport()
    async with open_admin(settings.kafka_bootstrap, client_options(settings)) as admin:
        report.extend(await reconcile_topics(admin, topics_to_apply(settings, options)))
        if options.skip_acls:
            return report
        spec = load_acl_spec()
        partners = PartnerRegistry.in_data_dir(settings.data_dir).list()
        scope = deployment_scope(spec, partners, settings.topic_prefix)
        report.extend(await reconcile_acls(admin, scope, desired_acls(spec, partners, settings.topic_prefix)))
        report.extend(await reconcile_scram_users(admin, spec, partners, settings.data_dir))
    return report


async def apply_opensearch_templates(settings: InfraSettings) -> ApplyReport:
    """B's `apply_opensearch`, its lines sorted into changes and skips."""
    from shared.store.opensearch_admin import apply_opensearch

    report = ApplyReport()
    if settings.opensearch_url is None:
        report.skipped.append("OpenSearch: CRIMEFEED_OPENSEARCH_URL not set, skipped")
        return report
    password = settings.opensearch_password
    lines = await apply_opensearch(
        settings.opensearch_url,
        prefix=settings.opensearch_index_prefix,
        username=settings.opensearch_username,
        password=password.get_secret_value() if password else None,
        verify_certs=settings.opensearch_verify_certs,
        ca_certs=settings.opensearch_ca_certs,
    )
    for line in lines:
        if line.startswith("skipped"):
            report.skipped.append(f"OpenSearch: {line}")
        elif not line.startswith("unchanged"):
            verb, _, subject = line.partition(" ")
            report.changes.append(Change(f"OpenSearch {verb}", subject))
    return report


async def apply_all(settings: InfraSettings, options: ApplyOptions) -> ApplyReport:
    report = await apply_kafka(settings, options)
    report.extend(await apply_opensearch_templates(settings))
    return report


def print_report(report: ApplyReport) -> None:
    for change in report.changes:
        print(change)
    for skipped in report.skipped:
        print(skipped)
    if report.changes:
        print(f"{len(report.changes)} change(s) applied")
    else:
        print("nothing changed")


def _apply(args: argparse.Namespace) -> int:
    settings = InfraSettings()
    options = ApplyOptions(args.single_node, args.replication_factor, args.skip_acls)
    if options.replication_factor is not None and options.replication_factor < 1:
        print("error: --replication-factor must be at least 1", file=sys.stderr)
        return 2
    try:
        report = asyncio.run(apply_all(settings, options))
    except InfraError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print_report(report)
    return 0
