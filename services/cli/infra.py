"""`crimefeed infra apply`: create the Kafka topics defined in infra/kafka/topics.yaml."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from shared.kafka.admin import ensure_topics
from shared.kafka.topics import topic_definitions
from shared.settings import CommonSettings


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("infra", help="provision Kafka topics")
    actions = parser.add_subparsers(dest="action", required=True)
    apply = actions.add_parser("apply", help="create missing topics (idempotent)")
    apply.add_argument(
        "--single-node", action="store_true", help="one replica, no topic configs (the embedded broker)"
    )
    apply.set_defaults(handler=_apply)


def _apply(args: argparse.Namespace) -> int:
    settings = CommonSettings()
    created = asyncio.run(
        ensure_topics(
            settings.kafka_bootstrap, topic_definitions(settings.topic_prefix), single_node=args.single_node
        )
    )
    for name in created:
        print(f"created topic {name}")
    print(f"{len(created)} topic(s) created, the others already existed")
    return 0
