"""The Kafka ACLs crimefeed wants, derived from infra/kafka/acls.yaml and the partner registry.

Pure data: nothing here talks to a broker (shared.kafka.admin applies the result).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from shared.data_files import parse_yaml
from shared.infra import infra_path
from shared.kafka.topics import Topics
from shared.models.report import TLP
from shared.partners import Partner


class ResourceType(IntEnum):
    """Kafka protocol codes (org.apache.kafka.common.resource.ResourceType)."""

    ANY = 1
    TOPIC = 2
    GROUP = 3
    CLUSTER = 4


class PatternType(IntEnum):
    ANY = 1
    LITERAL = 3
    PREFIXED = 4


class Operation(IntEnum):
    ANY = 1
    ALL = 2
    READ = 3
    WRITE = 4
    CREATE = 5
    DELETE = 6
    ALTER = 7
    DESCRIBE = 8
    DESCRIBE_CONFIGS = 10
    ALTER_CONFIGS = 11


class Permission(IntEnum):
    ANY = 1
    DENY = 2
    ALLOW = 3


class AclSpecError(ValueError):
    """acls.yaml names something Kafka does not know (a resource, operation or pattern)."""


@dataclass(frozen=True, order=True)
class AclBinding:
    """One ALLOW entry: `principal` may do `operation` on a resource, from any host."""

    principal: str
    resource_type: ResourceType
    resource_name: str
    pattern: PatternType
    operation: Operation
    host: str = "*"
    permission: Permission = Permission.ALLOW

    def __str__(self) -> str:
        pattern = "" if self.pattern is PatternType.LITERAL else f" ({self.pattern.name.lower()})"
        return (
            f"{self.principal} {self.permission.name.lower()} {self.operation.name.lower()} "
            f"on {self.resource_type.name.lower()} {self.resource_name}{pattern}"
        )


@dataclass(frozen=True)
class AclSpec:
    """acls.yaml, parsed."""

    services: Mapping[str, Mapping[str, Any]]
    partners: Mapping[str, Any]

    @property
    def partner_principal_template(self) -> str:
        template: str = self.partners["principal"]
        return template

    def service_principals(self) -> set[str]:
        return {str(service["principal"]) for service in self.services.values()}

    def partner_principal(self, partner_id: str) -> str:
        return self.partner_principal_template.format(partner=partner_id)


@dataclass(frozen=True)
class DeploymentScope:
    """What one deployment's `infra apply` owns on a cluster that others may share: the principals
    of its services and of its registry's partners (active or revoked), and of their topic ACLs
    only those on its own topics (CRIMEFEED_TOPIC_PREFIX). Anything else is left alone: a staging
    deployment with another prefix, or another deployment's partners, is never touched.

    Partner principals and consumer groups are per cluster, not per prefix: a partner revoked in one
    deployment loses its group ACL and SCRAM user in every deployment on the cluster (see
    docs/operations.md, section 2).
    """

    principals: frozenset[str]
    topic_prefix: str

    def owns(self, binding: AclBinding) -> bool:
        if binding.principal not in self.principals:
            return False
        return binding.resource_type is not ResourceType.TOPIC or binding.resource_name.startswith(
            self.topic_prefix
        )


def owned_principals(spec: AclSpec, partners: Iterable[Partner]) -> frozenset[str]:
    """The services' principals and those of every partner in the registry, revoked ones included."""
    return frozenset(spec.service_principals() | {spec.partner_principal(p.partner_id) for p in partners})


def deployment_scope(spec: AclSpec, partners: Iterable[Partner], prefix: str) -> DeploymentScope:
    return DeploymentScope(owned_principals(spec, partners), prefix)


@cache
def _load(path: Path) -> AclSpec:
    raw: dict[str, Any] = parse_yaml(path.read_text())
    return AclSpec(services=raw.get("services", {}), partners=raw.get("partners", {}))


def load_acl_spec(path: Path | None = None) -> AclSpec:
    return _load(path or infra_path("kafka", "acls.yaml"))


E = TypeVar("E", bound=IntEnum)


def _enum_member(kind: type[E], value: str, where: str) -> E:
    try:
        return kind[value.upper()]
    except KeyError:
        allowed = ", ".join(member.name.lower() for member in kind if member.name != "ANY")
        raise AclSpecError(f"{where}: unknown {kind.__name__} {value!r} (one of {allowed})") from None


def _grants(
    principal: str, entries: Iterable[Mapping[str, Any]], names: Mapping[str, str]
) -> set[AclBinding]:
    bindings: set[AclBinding] = set()
    for entry in entries:
        where = f"ACL of {principal}"
        resource = _enum_member(ResourceType, str(entry["resource"]), where)
        pattern = _enum_member(PatternType, str(entry.get("pattern", "literal")), where)
        name = str(entry["name"]).format(**names)
        for operation in entry["operations"]:
            bindings.add(
                AclBinding(principal, resource, name, pattern, _enum_member(Operation, str(operation), where))
            )
    return bindings


def _partner_bindings(spec: AclSpec, partner: Partner, topics: Topics) -> set[AclBinding]:
    names = {"prefix": topics.prefix, "partner": partner.partner_id}
    principal = spec.partner_principal_template.format(**names)
    bindings = _grants(principal, spec.partners.get("allow", []), names)
    readable = [topics.feed(level) for level in spec.partners.get("feeds", {}).get(partner.max_tlp.value, [])]
    if partner.max_tlp.value in spec.partners.get("own_red_feed", []):
        readable.append(topics.red_feed(partner.partner_id))
    for topic in readable:
        for operation in (Operation.READ, Operation.DESCRIBE):
            bindings.add(AclBinding(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, operation))
    return bindings


def desired_acls(spec: AclSpec, partners: Iterable[Partner], prefix: str) -> set[AclBinding]:
    """Every ACL the services and the active partners should have, and no other."""
    topics = Topics(prefix)
    bindings: set[AclBinding] = set()
    for service in spec.services.values():
        bindings |= _grants(str(service["principal"]), service.get("allow", []), {"prefix": prefix})
    skip_admins = bool(spec.partners.get("skip_admins", True))
    for partner in partners:
        if partner.active and not (skip_admins and partner.is_admin):
            bindings |= _partner_bindings(spec, partner, topics)
    return bindings


def red_feed_partners(partners: Iterable[Partner], spec: AclSpec) -> list[str]:
    """Active partners whose clearance gives them a per-recipient TLP:RED topic."""
    cleared = set(spec.partners.get("own_red_feed", [TLP.RED.value]))
    skip_admins = bool(spec.partners.get("skip_admins", True))
    return sorted(
        p.partner_id
        for p in partners
        if p.active and p.max_tlp.value in cleared and not (skip_admins and p.is_admin)
    )
