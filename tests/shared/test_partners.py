from __future__ import annotations

from pathlib import Path

import pytest

from shared.models.report import TLP
from shared.partners import PartnerError, PartnerRegistry


@pytest.fixture
def registry(tmp_path: Path) -> PartnerRegistry:
    return PartnerRegistry.in_data_dir(tmp_path)


def test_key_authenticates_its_partner_and_is_stored_hashed(registry: PartnerRegistry) -> None:
    key = registry.add("nl-police", TLP.AMBER, ("eu",))
    partner = registry.authenticate(key)
    assert partner is not None
    assert (partner.partner_id, partner.max_tlp, partner.groups) == ("nl-police", TLP.AMBER, ("eu",))
    assert key.encode() not in registry.path.read_bytes()


def test_wrong_key_and_revoked_key_are_refused(registry: PartnerRegistry) -> None:
    key = registry.add("fr-cert", TLP.GREEN)
    assert registry.authenticate(key + "x") is None
    registry.revoke("fr-cert")
    assert registry.authenticate(key) is None
    assert registry.list()[0].revoked_at is not None


def test_a_second_registry_on_the_same_file_sees_changes_at_once(tmp_path: Path) -> None:
    running = PartnerRegistry.in_data_dir(tmp_path)
    key = PartnerRegistry.in_data_dir(tmp_path).add("es-ccn", TLP.RED)
    assert running.authenticate(key) is not None


def test_rotation_invalidates_the_old_key(registry: PartnerRegistry) -> None:
    old = registry.add("de-bka", TLP.AMBER)
    new = registry.rotate_key("de-bka")
    assert registry.authenticate(old) is None
    assert registry.authenticate(new) is not None


def test_rotation_leaves_a_revoked_partner_revoked(registry: PartnerRegistry) -> None:
    old = registry.add("de-bka", TLP.AMBER)
    registry.revoke("de-bka")
    with pytest.raises(PartnerError, match="restore"):
        registry.rotate_key("de-bka")
    assert registry.authenticate(old) is None
    assert not registry.list()[0].active


def test_restore_reactivates_with_a_new_key_only(registry: PartnerRegistry) -> None:
    old = registry.add("de-bka", TLP.AMBER)
    registry.revoke("de-bka")
    new = registry.restore("de-bka")
    assert registry.authenticate(old) is None
    partner = registry.authenticate(new)
    assert partner is not None and partner.active
    with pytest.raises(PartnerError, match="no revoked partner"):
        registry.restore("de-bka")


@pytest.mark.parametrize("bad_id", ["", "Upper", "has space", "-leading", "x" * 65])
def test_bad_partner_ids_are_refused(registry: PartnerRegistry, bad_id: str) -> None:
    with pytest.raises(PartnerError, match="partner id"):
        registry.add(bad_id, TLP.GREEN)


def test_duplicate_partner_is_refused(registry: PartnerRegistry) -> None:
    registry.add("be-ccb", TLP.GREEN)
    with pytest.raises(PartnerError, match="already exists"):
        registry.add("be-ccb", TLP.GREEN)
