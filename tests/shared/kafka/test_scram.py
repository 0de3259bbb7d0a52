"""SCRAM users of the services and partners: created once, revoked partners' users deleted."""

from __future__ import annotations

import stat
import uuid
from pathlib import Path

from shared.kafka.acls import load_acl_spec
from shared.kafka.admin import open_admin
from shared.kafka.scram import desired_users, password_file, reconcile_scram_users, scram_users
from shared.models.report import TLP
from shared.partners import PartnerRegistry
from tests.support.brokers import KafkaBroker


def test_services_and_active_partners_get_users_admins_do_not(tmp_path: Path) -> None:
    registry = PartnerRegistry.in_data_dir(tmp_path)
    registry.add("be-cert", TLP.GREEN)
    registry.add("gone", TLP.RED)
    registry.revoke("gone")
    users = desired_users(load_acl_spec(), registry.list())
    assert users == {"crimefeed-producers", "crimefeed-enrichment", "crimefeed-search", "partner.be-cert"}


async def test_users_are_created_once_and_revoked_partners_lose_theirs(
    kafka_broker: KafkaBroker, tmp_path: Path
) -> None:
    partner = f"p{uuid.uuid4().hex[:8]}"
    registry = PartnerRegistry.in_data_dir(tmp_path)
    registry.add(partner, TLP.GREEN)
    spec = load_acl_spec()
    async with open_admin(kafka_broker.bootstrap) as admin:
        first = await reconcile_scram_users(admin, spec, registry.list(), tmp_path)
        if kafka_broker.kind == "tansu":  # no SCRAM API: the embedded broker has no authentication
            assert first.changes == []
            unsupported = "SCRAM users: not supported by this broker, skipped (KafkaConnectionError)"
            assert first.skipped == [unsupported]
            return
        assert f"partner.{partner}" in await scram_users(admin)
        assert any(change.subject.startswith(f"partner.{partner} ") for change in first.changes)
        secret = password_file(tmp_path, f"partner.{partner}")
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600 and len(secret.read_text()) >= 24

        again = await reconcile_scram_users(admin, spec, registry.list(), tmp_path)
        assert again.changes == [] and again.skipped == []

        registry.revoke(partner)
        revoked = await reconcile_scram_users(admin, spec, registry.list(), tmp_path)
        assert [str(change) for change in revoked.changes] == [f"deleted SCRAM user: partner.{partner}"]
        assert f"partner.{partner}" not in await scram_users(admin)
        assert not secret.exists()
