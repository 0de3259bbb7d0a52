"""Topic names and definitions, all read from one data file: infra/kafka/topics.yaml.

The names in code (``Topics``) and the definitions ``crimefeed infra apply`` and the services
create (``topic_definitions``, ``red_feed_definition``) come from the same entries, so a name or
a config changes in one place (docs/architecture.md, "The pipeline").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from shared.data_files import parse_yaml
from shared.infra import infra_path

SCHEMA_VERSION = "1"
CONTENT_TYPE = "application/stix+json;version=2.1"
DEFAULT_PREFIX = "crimefeed."


@dataclass(frozen=True)
class TopicDefinition:
    name: str
    partitions: int
    replication_factor: int
    config: dict[str, str] = field(default_factory=dict)
    dead_letter: bool = False


@cache
def _raw_definitions(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = parse_yaml(path.read_text(encoding="utf-8"))
    return loaded


def _topics_file() -> dict[str, Any]:
    return _raw_definitions(infra_path("kafka", "topics.yaml"))


@cache
def _template(role: str, tlp: str | None = None) -> str:
    """The name template of the topic with this role (and TLP, for feeds)."""
    for entry in _topics_file()["topics"]:
        if entry.get("role") == role and entry.get("tlp") == tlp:
            return str(entry["name"])
    wanted = f"role {role!r}" + (f" and tlp {tlp!r}" if tlp else "")
    raise KeyError(f"infra/kafka/topics.yaml: no topic with {wanted}")


@dataclass(frozen=True)
class Topics:
    """Topic names for one prefix, from the ``role`` (and ``tlp``) of each entry of topics.yaml."""

    prefix: str = DEFAULT_PREFIX

    @property
    def submissions(self) -> str:
        return _template("submissions").format(prefix=self.prefix)

    @property
    def objects(self) -> str:
        return _template("objects").format(prefix=self.prefix)

    def feed(self, tlp: str) -> str:
        """The subscriber topic of a shareable TLP (clear, green, amber, amber+strict)."""
        return _template("feed", tlp).format(prefix=self.prefix)

    def red_feed(self, partner_id: str) -> str:
        return str(_topics_file()["red_feed"]["name"]).format(prefix=self.prefix, partner=partner_id)

    def red_feed_partner(self, topic: str) -> str | None:
        """The recipient whose TLP:RED feed ``topic`` is, or None for any other topic."""
        match = _red_feed_pattern(self.prefix).fullmatch(topic)
        return match.group("partner") if match else None

    @staticmethod
    def dlq(topic: str) -> str:
        return str(_topics_file()["dead_letters"]["name"]).format(topic=topic)


@cache
def _red_feed_pattern(prefix: str) -> re.Pattern[str]:
    template = str(_topics_file()["red_feed"]["name"])
    before, after = template.split("{partner}")
    return re.compile(re.escape(before.format(prefix=prefix)) + r"(?P<partner>[^.]+)" + re.escape(after))


@cache
def _any_red_feed() -> re.Pattern[str]:
    """A red feed's name under any prefix (the part of the template after ``{prefix}``)."""
    template = str(_topics_file()["red_feed"]["name"]).replace("{prefix}", "")
    before, after = template.split("{partner}")
    return re.compile(re.escape(before) + r"[^.]+" + re.escape(after))


def mask_red_feed(topic: str) -> str:
    """``topic`` with a red feed's recipient replaced by ``*`` (metrics must not name recipients)."""
    template = str(_topics_file()["red_feed"]["name"]).replace("{prefix}", "")
    return _any_red_feed().sub(template.replace("{partner}", "*"), topic)


def _config(*layers: dict[str, Any]) -> dict[str, str]:
    merged: dict[str, Any] = {}
    for layer in layers:
        merged.update(layer.get("config") or {})
    return {key: str(value) for key, value in merged.items()}


def _replication(entry: dict[str, Any], defaults: dict[str, Any]) -> int:
    return int(entry.get("replication_factor", defaults.get("replication_factor", 1)))


def topic_definitions(prefix: str = DEFAULT_PREFIX, path: Path | None = None) -> list[TopicDefinition]:
    """Every topic of infra/kafka/topics.yaml for `prefix`, dead-letter twins included."""
    raw = _raw_definitions(path) if path else _topics_file()
    defaults = raw.get("defaults", {})
    dead_letters = raw["dead_letters"]
    result: list[TopicDefinition] = []
    for entry in raw["topics"]:
        definition = TopicDefinition(
            name=entry["name"].format(prefix=prefix),
            partitions=int(entry.get("partitions", 1)),
            replication_factor=_replication(entry, defaults),
            config=_config(defaults, entry),
            dead_letter=bool(entry.get("dead_letter", False)),
        )
        result.append(definition)
        if definition.dead_letter:
            result.append(
                TopicDefinition(
                    name=dead_letters["name"].format(topic=definition.name),
                    partitions=int(dead_letters.get("partitions", 1)),
                    replication_factor=definition.replication_factor,
                    config=_config(defaults, dead_letters),
                )
            )
    return result


def red_feed_definition(prefix: str, partner_id: str) -> TopicDefinition:
    """The TLP:RED topic of one recipient, from the `red_feed` template of topics.yaml."""
    raw = _topics_file()
    template = raw["red_feed"]
    defaults = raw.get("defaults", {})
    return TopicDefinition(
        name=Topics(prefix).red_feed(partner_id),
        partitions=int(template.get("partitions", 1)),
        replication_factor=_replication(template, defaults),
        config=_config(defaults, template),
    )
