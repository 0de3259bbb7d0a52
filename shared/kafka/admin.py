"""Bring a Kafka cluster to what infra/kafka/ declares: topics (partitions, configs) and ACLs.

Every step compares first and changes only what differs, so a second run changes nothing.
What a broker cannot do (the embedded Tansu broker: no config changes, no new partitions, no
ACLs) is reported as skipped, not as a failure.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from aiokafka.admin import AIOKafkaAdminClient, NewPartitions, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.errors import (
    IncompatibleBrokerVersion,
    KafkaConnectionError,
    KafkaError,
    SecurityDisabled,
    TopicAlreadyExistsError,
    for_code,
)
from aiokafka.protocol.admin import CreateAclsRequest, DeleteAclsRequest, DescribeAclsRequest
from aiokafka.structs import TopicPartition
from tenacity import AsyncRetrying, stop_after_delay, wait_fixed

from shared.kafka.acls import AclBinding, DeploymentScope, Operation, PatternType, Permission, ResourceType
from shared.kafka.topics import TopicDefinition, red_feed_definition

_NOT_SUPPORTED = (IncompatibleBrokerVersion, KafkaConnectionError, SecurityDisabled)
_METADATA_ATTEMPTS = 8
_SHOWN_WAIT_SECONDS = 10.0
logger = logging.getLogger(__name__)


class InfraError(RuntimeError):
    """The broker refused a change for a reason other than not supporting it."""


@dataclass(frozen=True)
class Change:
    what: str
    subject: str

    def __str__(self) -> str:
        return f"{self.what}: {self.subject}"


@dataclass
class ApplyReport:
    """What one `apply` changed, and what it had to skip (with why)."""

    changes: list[Change] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def extend(self, other: ApplyReport) -> None:
        self.changes.extend(other.changes)
        self.skipped.extend(other.skipped)


@contextlib.asynccontextmanager
async def open_admin(
    bootstrap: str, client_options: Mapping[str, Any] | None = None
) -> AsyncIterator[AIOKafkaAdminClient]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **(client_options or {}))
    await admin.start()
    try:
        yield admin
    finally:
        await admin.close()


async def committed_offsets(
    bootstrap: str,
    group_id: str,
    partitions: Iterable[tuple[str, int]],
    client_options: Mapping[str, Any] | None = None,
) -> dict[tuple[str, int], int]:
    """The offset `group_id` reads next on each of `partitions` ((topic, number)); a partition
    the group never committed is left out."""
    wanted = [TopicPartition(topic, number) for topic, number in partitions]
    if not wanted:
        return {}
    async with open_admin(bootstrap, client_options) as admin:
        offsets = await admin.list_consumer_group_offsets(group_id, partitions=wanted)
    return {(tp.topic, tp.partition): meta.offset for tp, meta in offsets.items() if meta.offset >= 0}


def for_single_node(definition: TopicDefinition) -> TopicDefinition:
    """The embedded broker: one replica and no per-topic config, which it does not implement."""
    return replace(definition, replication_factor=1, config={})


def with_replication_factor(definition: TopicDefinition, replicas: int) -> TopicDefinition:
    """At most `replicas` copies (a small cluster); min.insync.replicas can't exceed them."""
    if definition.replication_factor <= replicas:
        return definition
    config = dict(definition.config)
    if "min.insync.replicas" in config:
        config["min.insync.replicas"] = str(min(int(config["min.insync.replicas"]), max(1, replicas - 1)))
    return replace(definition, replication_factor=replicas, config=config)


def red_feed_definitions(prefix: str, partner_ids: Iterable[str]) -> list[TopicDefinition]:
    """The per-recipient TLP:RED topics of `red_feed` in infra/kafka/topics.yaml."""
    return [red_feed_definition(prefix, partner_id) for partner_id in partner_ids]


async def ensure_topics(
    bootstrap: str,
    definitions: list[TopicDefinition],
    *,
    single_node: bool = False,
    client_options: Mapping[str, Any] | None = None,
) -> list[str]:
    """Create missing topics; return the names created (existing topics are left alone).

    Replication is capped at the cluster's broker count: services create topics at run time
    (per-recipient red feeds, `crimefeed up` on an external Kafka) on whatever cluster they find,
    and a one-broker development Kafka cannot hold three replicas. `crimefeed infra apply` is
    where an operator states the production replication factor.
    """
    if single_node:
        definitions = [for_single_node(definition) for definition in definitions]
    async with open_admin(bootstrap, client_options) as admin:
        if not single_node:
            brokers = len((await admin.describe_cluster()).get("brokers", [])) or 1
            definitions = [with_replication_factor(definition, brokers) for definition in definitions]
        created = await _create_missing(admin, definitions, set(await admin.list_topics()))
        await wait_for_leaders(admin, created)
        return created


async def wait_for_leaders(admin: AIOKafkaAdminClient, names: list[str], timeout: float = 15.0) -> bool:
    """Wait (bounded) until every partition of these topics has a leader; whether they all do.

    A producer that meets a partition without a leader asks for metadata again and again without
    pausing until its request times out (aiokafka's sender, 40 s by default); the embedded broker
    sometimes listed a topic created moments before that way. A caller that publishes right after
    creating a topic (enrichment's first message to a partner's TLP:RED feed) waits here instead.
    """
    pending = list(names)
    if not pending:
        return True
    try:
        async for attempt in AsyncRetrying(
            stop=stop_after_delay(timeout), wait=wait_fixed(0.05), reraise=True
        ):
            with attempt:
                pending = [name for name in pending if name not in await _led(admin, pending)]
                if pending:
                    raise _NoLeaderYet
    except _NoLeaderYet:
        logger.warning("topics without a leader after %.0f s: %s", timeout, ", ".join(pending))
        return False
    return True


async def _led(admin: AIOKafkaAdminClient, names: list[str]) -> set[str]:
    """The topics among these whose every partition has a leader."""
    return {
        topic["topic"]
        for topic in await admin.describe_topics(names)
        if not topic.get("error_code")
        and topic["partitions"]
        and all(partition["leader"] >= 0 for partition in topic["partitions"])
    }


class _NoLeaderYet(Exception):
    pass


async def _create_missing(
    admin: AIOKafkaAdminClient, definitions: list[TopicDefinition], existing: set[str]
) -> list[str]:
    missing = [definition for definition in definitions if definition.name not in existing]
    if not missing:
        return []
    new_topics = [
        NewTopic(d.name, d.partitions, d.replication_factor, topic_configs=d.config or None) for d in missing
    ]
    # Another replica may win the race, or the broker's metadata may not list a topic it has
    # just created (Apache Kafka propagates it asynchronously): the topic then exists, which is
    # all we need, and it is not reported as created by us.
    created: list[str] = []
    with contextlib.suppress(TopicAlreadyExistsError):
        response = await admin.create_topics(new_topics)
        for name, code, message in (entry[:3] for entry in response.topic_errors):
            error = for_code(code)
            if not code:
                created.append(name)
            elif error is not TopicAlreadyExistsError:
                raise InfraError(f"cannot create topic {name}: {error.__name__} {message or ''}".strip())
    return sorted(created, key=[definition.name for definition in missing].index)


async def reconcile_topics(admin: AIOKafkaAdminClient, definitions: list[TopicDefinition]) -> ApplyReport:
    """Create missing topics, add partitions and fix configs of existing ones."""
    report = ApplyReport()
    created = await _create_missing(admin, definitions, set(await admin.list_topics()))
    for name in created:
        report.changes.append(Change("created topic", name))
    # Not `list_topics()`: a topic created moments ago may be missing from its answer.
    present = [definition for definition in definitions if definition.name not in created]
    report.extend(await _grow_partitions(admin, present))
    report.extend(await _align_configs(admin, present))
    return report


async def _grow_partitions(admin: AIOKafkaAdminClient, definitions: list[TopicDefinition]) -> ApplyReport:
    report = ApplyReport()
    if not definitions:
        return report
    current = await _partition_counts(admin, [definition.name for definition in definitions])
    for definition in definitions:
        have = current.get(definition.name)
        if have is None:
            report.skipped.append(
                f"topic {definition.name}: not yet in the broker's metadata, partitions not "
                "checked (run apply again)"
            )
            continue
        if have > definition.partitions:
            report.skipped.append(
                f"topic {definition.name}: has {have} partitions, {definition.partitions} declared "
                "(Kafka cannot remove partitions)"
            )
        elif have < definition.partitions:
            try:
                response = await admin.create_partitions(
                    {definition.name: NewPartitions(definition.partitions)}
                )
                for result in response.to_object()["topic_errors"]:
                    if result["error_code"]:
                        raise for_code(result["error_code"])(result.get("error_message") or "")
            except (*_NOT_SUPPORTED, KafkaError) as error:
                report.skipped.append(
                    f"topic {definition.name}: partitions {have} -> {definition.partitions} "
                    f"not applied ({type(error).__name__}: {error})"
                )
            else:
                report.changes.append(
                    Change("added partitions", f"{definition.name} {have} -> {definition.partitions}")
                )
    return report


async def _partition_counts(admin: AIOKafkaAdminClient, names: list[str]) -> dict[str, int]:
    """Partitions per topic. A topic created moments ago may still be missing from a broker's
    metadata (Apache Kafka propagates it from the controller asynchronously): asked again a few
    times; one still missing is left out."""
    counts: dict[str, int] = {}
    pending = list(names)
    for attempt in range(_METADATA_ATTEMPTS):
        for topic in await admin.describe_topics(pending):
            if not topic.get("error_code") and topic["partitions"]:
                counts[topic["topic"]] = len(topic["partitions"])
        pending = [name for name in pending if name not in counts]
        if not pending:
            break
        await asyncio.sleep(0.2 * (attempt + 1))
    return counts


async def _current_configs(admin: AIOKafkaAdminClient, names: list[str]) -> dict[str, dict[str, str]]:
    responses = await admin.describe_configs(
        [ConfigResource(ConfigResourceType.TOPIC, name) for name in names]
    )
    configs: dict[str, dict[str, str]] = {}
    for response in responses:
        for resource in response.to_object()["resources"]:
            entries = resource["config_entries"]
            configs[resource["resource_name"]] = {
                entry["config_names"]: entry["config_value"] for entry in entries
            }
    return configs


async def _align_configs(admin: AIOKafkaAdminClient, definitions: list[TopicDefinition]) -> ApplyReport:
    report = ApplyReport()
    declared = [definition for definition in definitions if definition.config]
    if not declared:
        return report
    current = await _current_configs(admin, [definition.name for definition in declared])
    for definition in declared:
        have = current.get(definition.name, {})
        differing = {key: value for key, value in definition.config.items() if have.get(key) != value}
        if not differing:
            continue
        summary = ", ".join(f"{key} {have.get(key)} -> {value}" for key, value in sorted(differing.items()))
        try:
            # AlterConfigs replaces the topic's whole dynamic config: send everything declared.
            responses = await admin.alter_configs(
                [ConfigResource(ConfigResourceType.TOPIC, definition.name, dict(definition.config))]
            )
        except _NOT_SUPPORTED as error:
            report.skipped.append(
                f"topic {definition.name}: config {summary} not applied: not supported by "
                f"this broker ({type(error).__name__})"
            )
            continue
        _raise_resource_errors(responses, f"cannot change the config of {definition.name}")
        report.changes.append(Change("changed topic config", f"{definition.name}: {summary}"))
    return report


def _raise_resource_errors(responses: list[Any], context: str) -> None:
    for response in responses:
        for resource in response.to_object()["resources"]:
            if resource["error_code"]:
                name = for_code(resource["error_code"]).__name__
                raise InfraError(f"{context}: {name} {resource.get('error_message') or ''}".strip())


@contextlib.contextmanager
def quiet_connection_errors() -> Iterator[None]:
    """Brokers without ACL support may drop the connection on CreateAcls (Tansu does); aiokafka
    then logs a traceback although the error reaches us and is reported as "not supported"."""
    logger = logging.getLogger("aiokafka.conn")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


# ACLs ---------------------------------------------------------------------------------------


async def describe_acls(admin: AIOKafkaAdminClient) -> set[AclBinding]:
    request = DescribeAclsRequest(
        ResourceType.ANY,
        None,
        PatternType.ANY,
        None,
        None,
        Operation.ANY,
        Permission.ANY,
    )
    response = (await admin._send_request(request)).to_object()
    if response["error_code"]:
        error = for_code(response["error_code"])
        raise error(response.get("error_message") or "")
    bindings: set[AclBinding] = set()
    for resource in response["resources"]:
        for acl in resource["acls"]:
            try:
                bindings.add(
                    AclBinding(
                        acl["principal"],
                        ResourceType(resource["resource_type"]),
                        resource["resource_name"],
                        PatternType(resource.get("resource_pattern_type", PatternType.LITERAL)),
                        Operation(acl["operation"]),
                        acl["host"],
                        Permission(acl["permission_type"]),
                    )
                )
            except ValueError:
                continue  # a kind of ACL crimefeed never writes (e.g. on transactional ids)
    return bindings


def _binding_args(binding: AclBinding) -> tuple[int, str, int, str, str, int, int]:
    return (
        binding.resource_type,
        binding.resource_name,
        binding.pattern,
        binding.principal,
        binding.host,
        binding.operation,
        binding.permission,
    )


async def _create_acl(admin: AIOKafkaAdminClient, binding: AclBinding) -> None:
    response = (await admin._send_request(CreateAclsRequest(*_binding_args(binding)))).to_object()
    for result in response["creation_responses"]:
        if result["error_code"]:
            error = for_code(result["error_code"])
            raise error(f"cannot create ACL {binding}: {result.get('error_message') or ''}")


async def _delete_acl(admin: AIOKafkaAdminClient, binding: AclBinding) -> None:
    response = (await admin._send_request(DeleteAclsRequest(*_binding_args(binding)))).to_object()
    for result in response["filter_responses"]:
        if result["error_code"]:
            error = for_code(result["error_code"])
            raise error(f"cannot delete ACL {binding}: {result.get('error_message') or ''}")


async def reconcile_acls(
    admin: AIOKafkaAdminClient, scope: DeploymentScope, desired: set[AclBinding]
) -> ApplyReport:
    """Create the missing ACLs and delete the stale ones this deployment owns.

    ACLs outside its scope (other principals, other deployments' topics) are left alone.
    """
    report = ApplyReport()
    try:
        with quiet_connection_errors():
            existing = await describe_acls(admin)
            missing = sorted(desired - existing)
            stale = sorted(binding for binding in existing - desired if scope.owns(binding))
            for binding in missing:
                await _create_acl(admin, binding)
                report.changes.append(Change("created ACL", str(binding)))
            for binding in stale:
                await _delete_acl(admin, binding)
                report.changes.append(Change("deleted ACL", str(binding)))
            await until_shown(lambda: describe_acls(admin), set(missing), set(stale), "ACLs")
    except _NOT_SUPPORTED as error:
        report.skipped.append(f"ACLs: not supported by this broker, skipped ({type(error).__name__})")
    return report


T = TypeVar("T", bound=Hashable)


async def until_shown(
    read: Callable[[], Awaitable[set[T]]], created: set[T], deleted: set[T], what: str
) -> None:
    """Wait until the broker shows a change (``read`` returns what it holds now): the controller
    commits it and the broker that answers learns it a moment later (KRaft metadata), so an
    immediate second run would otherwise see a created entry missing, or a deleted one still
    there, and change it again. Gives up quietly after a few seconds."""
    if not created and not deleted:
        return
    try:
        async for attempt in AsyncRetrying(
            stop=stop_after_delay(_SHOWN_WAIT_SECONDS), wait=wait_fixed(0.1), reraise=True
        ):
            with attempt:
                held = await read()
                if not created <= held or deleted & held:
                    raise _NotShownYet
    except _NotShownYet:
        logger.warning("%s: the broker does not show the change yet", what)


class _NotShownYet(Exception):
    pass
