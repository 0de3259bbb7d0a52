"""Topic names and definitions. The definitions are data (infra/kafka/topics.yaml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from shared.infra import infra_path

SCHEMA_VERSION = "1"
CONTENT_TYPE = "application/stix+json;version=2.1"
DLQ_SUFFIX = ".dlq"


@dataclass(frozen=True)
class TopicDefinition:
    name: str
    partitions: int
    replication_factor: int
    config: dict[str, str] = field(default_factory=dict)
    dead_letter: bool = False


@dataclass(frozen=True)
class Topics:
    """Topic names for one prefix (docs/architecture.md, "The pipeline")."""

    prefix: str = "crimefeed."

    @property
    def submissions(self) -> str:
        return f"{self.prefix}submissions.v1"

    @property
    def objects(self) -> str:
        return f"{self.prefix}objects.v1"

    def feed(self, tlp: str) -> str:
        """The subscriber topic of a shareable TLP (clear, green, amber, amber+strict)."""
        return f"{self.prefix}feed.{tlp.replace('+', '-')}.v1"

    def red_feed(self, partner_id: str) -> str:
        return f"{self.prefix}feed.red.{partner_id}.v1"

    @staticmethod
    def dlq(topic: str) -> str:
        return f"{topic}{DLQ_SUFFIX}"


@cache
def _raw_definitions(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text())
    return loaded


def topic_definitions(prefix: str = "crimefeed.", path: Path | None = None) -> list[TopicDefinition]:
    """Every topic of infra/kafka/topics.yaml for `prefix`, dead-letter twins included."""
    raw = _raw_definitions(path or infra_path("kafka", "topics.yaml"))
    defaults = raw.get("defaults", {})
    result: list[TopicDefinition] = []
    for entry in raw["topics"]:
        config = {**defaults.get("config", {}), **entry.get("config", {})}
        definition = TopicDefinition(
            name=entry["name"].format(prefix=prefix),
            partitions=int(entry.get("partitions", 1)),
            replication_factor=int(entry.get("replication_factor", defaults.get("replication_factor", 1))),
            config={key: str(value) for key, value in config.items()},
            dead_letter=bool(entry.get("dead_letter", False)),
        )
        result.append(definition)
        if definition.dead_letter:
            result.append(
                TopicDefinition(
                    name=Topics.dlq(definition.name),
                    partitions=1,
                    replication_factor=definition.replication_factor,
                    config={"retention.ms": "-1", **defaults.get("config", {})},
                )
            )
    return result
