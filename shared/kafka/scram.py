"""SCRAM-SHA-512 users of the services and partners, kept on the broker by `crimefeed infra apply`.

aiokafka's admin client has no SCRAM API, so the two requests (DescribeUserScramCredentials,
AlterUserScramCredentials, KIP-554) are declared here in aiokafka's protocol types. As Kafka's
own admin client does, the password is salted and hashed here; the broker only ever sees the
salted hash. Each user's password is generated once and kept in the data directory
(`<data dir>/kafka-users/<user>`, mode 0600) for the operator to hand over; the broker cannot tell
whether a stored hash matches a password, so an existing user is left as it is.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import IncompatibleBrokerVersion, KafkaConnectionError, for_code
from aiokafka.protocol.api import Request, RequestStruct, Response
from aiokafka.protocol.types import (
    CompactArray,
    CompactBytes,
    CompactString,
    Int8,
    Int16,
    Int32,
    Schema,
    TaggedFields,
)

from shared.kafka.acls import AclSpec, owned_principals
from shared.kafka.admin import ApplyReport, Change, InfraError, quiet_connection_errors, until_shown
from shared.partners import Partner

SCRAM_SHA_512 = 2  # org.apache.kafka.clients.admin.ScramMechanism
ITERATIONS = 8192  # Kafka's minimum for SHA-512 is 4096
USERS_DIR = "kafka-users"


class DescribeUserScramCredentialsResponse_v0(Response):  # type: ignore[misc]  # aiokafka is untyped
    API_KEY = 50
    API_VERSION = 0
    SCHEMA = Schema(
        ("throttle_time_ms", Int32),
        ("error_code", Int16),
        ("error_message", CompactString("utf-8")),
        (
            "results",
            CompactArray(
                ("user", CompactString("utf-8")),
                ("error_code", Int16),
                ("error_message", CompactString("utf-8")),
                (
                    "credential_infos",
                    CompactArray(("mechanism", Int8), ("iterations", Int32), ("tags", TaggedFields)),
                ),
                ("tags", TaggedFields),
            ),
        ),
        ("tags", TaggedFields),
    )


class DescribeUserScramCredentialsRequest_v0(RequestStruct):  # type: ignore[misc]  # aiokafka is untyped
    FLEXIBLE_VERSION = True
    API_KEY = 50
    API_VERSION = 0
    RESPONSE_TYPE = DescribeUserScramCredentialsResponse_v0
    # A null user list asks for every user.
    SCHEMA = Schema(
        ("users", CompactArray(("name", CompactString("utf-8")), ("tags", TaggedFields))),
        ("tags", TaggedFields),
    )


DescribeStruct: TypeAlias = DescribeUserScramCredentialsRequest_v0


class DescribeUserScramCredentialsRequest(Request[DescribeStruct]):  # type: ignore[misc]  # aiokafka is untyped
    API_KEY = 50

    def build(self, request_struct_class: type[DescribeStruct]) -> DescribeStruct:
        return request_struct_class(None, {})


class AlterUserScramCredentialsResponse_v0(Response):  # type: ignore[misc]  # aiokafka is untyped
    API_KEY = 51
    API_VERSION = 0
    SCHEMA = Schema(
        ("throttle_time_ms", Int32),
        (
            "results",
            CompactArray(
                ("user", CompactString("utf-8")),
                ("error_code", Int16),
                ("error_message", CompactString("utf-8")),
                ("tags", TaggedFields),
            ),
        ),
        ("tags", TaggedFields),
    )


class AlterUserScramCredentialsRequest_v0(RequestStruct):  # type: ignore[misc]  # aiokafka is untyped
    FLEXIBLE_VERSION = True
    API_KEY = 51
    API_VERSION = 0
    RESPONSE_TYPE = AlterUserScramCredentialsResponse_v0
    SCHEMA = Schema(
        (
            "deletions",
            CompactArray(("name", CompactString("utf-8")), ("mechanism", Int8), ("tags", TaggedFields)),
        ),
        (
            "upsertions",
            CompactArray(
                ("name", CompactString("utf-8")),
                ("mechanism", Int8),
                ("iterations", Int32),
                ("salt", CompactBytes),
                ("salted_password", CompactBytes),
                ("tags", TaggedFields),
            ),
        ),
        ("tags", TaggedFields),
    )


AlterStruct: TypeAlias = AlterUserScramCredentialsRequest_v0


@dataclass(frozen=True)
class ScramUpsert:
    name: str
    salt: bytes
    salted_password: bytes


class AlterUserScramCredentialsRequest(Request[AlterStruct]):  # type: ignore[misc]  # aiokafka is untyped
    API_KEY = 51

    def __init__(self, deletions: list[str], upsertions: list[ScramUpsert]) -> None:
        self._deletions = deletions
        self._upsertions = upsertions

    def build(self, request_struct_class: type[AlterStruct]) -> AlterStruct:
        return request_struct_class(
            [(name, SCRAM_SHA_512, {}) for name in self._deletions],
            [(u.name, SCRAM_SHA_512, ITERATIONS, u.salt, u.salted_password, {}) for u in self._upsertions],
            {},
        )


def salted(name: str, password: str) -> ScramUpsert:
    """RFC 5802 Hi(): PBKDF2-HMAC-SHA-512 over a fresh random salt."""
    salt = secrets.token_bytes(32)
    return ScramUpsert(name, salt, hashlib.pbkdf2_hmac("sha512", password.encode(), salt, ITERATIONS))


class ScramError(RuntimeError):
    """The broker refused a SCRAM request."""


def _raise_for(code: int, message: str | None, context: str) -> None:
    if code:
        raise ScramError(f"{context}: {for_code(code).__name__} {message or ''}".strip())


async def scram_users(admin: AIOKafkaAdminClient) -> set[str]:
    """Users with a SCRAM-SHA-512 credential."""
    response: Any = await admin._send_request(DescribeUserScramCredentialsRequest())
    _raise_for(response.error_code, response.error_message, "cannot list SCRAM users")
    return {
        user
        for user, code, _message, infos, _tags in response.results
        if not code and any(mechanism == SCRAM_SHA_512 for mechanism, _iterations, _t in infos)
    }


async def alter_scram_users(
    admin: AIOKafkaAdminClient, upserts: list[ScramUpsert], deletions: list[str]
) -> None:
    if not upserts and not deletions:
        return
    response: Any = await admin._send_request(AlterUserScramCredentialsRequest(deletions, upserts))
    for user, code, message, _tags in response.results:
        _raise_for(code, message, f"cannot change SCRAM user {user}")


def password_file(data_dir: Path, user: str) -> Path:
    return data_dir / USERS_DIR / user


def user_password(data_dir: Path, user: str) -> str:
    """The user's password, generated on first use and kept (0600) for the operator to hand over."""
    path = password_file(data_dir, user)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.parent.chmod(0o700)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(24))
    return path.read_text().strip()


def desired_users(spec: AclSpec, partners: Iterable[Partner]) -> set[str]:
    """The SCRAM users of the services and of the active partners acls.yaml gives Kafka access."""
    users = {_user(principal) for principal in spec.service_principals()}
    skip_admins = bool(spec.partners.get("skip_admins", True))
    for partner in partners:
        if partner.active and not (skip_admins and partner.is_admin):
            users.add(_user(spec.partner_principal(partner.partner_id)))
    return users


def _user(principal: str) -> str:
    return principal.removeprefix("User:")


async def reconcile_scram_users(
    admin: AIOKafkaAdminClient, spec: AclSpec, partners: Iterable[Partner], data_dir: Path
) -> ApplyReport:
    """Create the missing users, delete those of revoked partners (and their password files).

    Users of principals this deployment does not own (shared.kafka.acls.owned_principals) are left
    alone.
    """
    report = ApplyReport()
    partners = list(partners)
    desired = desired_users(spec, partners)
    owned = owned_principals(spec, partners)
    try:
        with quiet_connection_errors():
            existing = await scram_users(admin)
    except (IncompatibleBrokerVersion, KafkaConnectionError, ScramError) as error:
        report.skipped.append(f"SCRAM users: not supported by this broker, skipped ({type(error).__name__})")
        return report
    missing = sorted(desired - existing)
    stale = sorted(user for user in existing - desired if f"User:{user}" in owned)
    try:
        await alter_scram_users(
            admin, [salted(user, user_password(data_dir, user)) for user in missing], stale
        )
    except ScramError as error:
        raise InfraError(str(error)) from error
    await until_shown(lambda: scram_users(admin), set(missing), set(stale), "SCRAM users")
    for user in missing:
        report.changes.append(
            Change("created SCRAM-SHA-512 user", f"{user} (password in {password_file(data_dir, user)})")
        )
    for user in stale:
        password_file(data_dir, user).unlink(missing_ok=True)
        report.changes.append(Change("deleted SCRAM user", user))
    return report
