"""The policy file: the bundled default loads, lookups fall back field -> prefix -> default."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from shared.anonymization.detectors import INTELLIGENCE_KINDS, PERSONAL_KINDS, RECEIVING_ACCOUNT_KINDS
from shared.anonymization.policy import TextPolicy, VictimCountPolicy, load_policy


def test_default_policy_masks_personal_data_and_keeps_intelligence() -> None:
    policy = load_policy()
    for field in ("title", "narrative", "mo_step", "stix.description"):
        assert all(policy.text.action(field, kind) == "mask" for kind in PERSONAL_KINDS)
        assert all(policy.text.action(field, kind) == "keep" for kind in INTELLIGENCE_KINDS)
        # A mule's account is a person's too: attributed, and still masked.
        assert all(policy.text.action(field, kind) == "mask" for kind in RECEIVING_ACCOUNT_KINDS)


def test_field_lookup_falls_back_to_prefix_then_default() -> None:
    rules = TextPolicy(
        default={"EMAIL": "mask"},
        fields={"stix": {"EMAIL": "keep"}, "stix.name": {"EMAIL": "drop"}},
    )
    assert rules.action("stix.name", "EMAIL") == "drop"
    assert rules.action("stix.description", "EMAIL") == "keep"
    assert rules.action("narrative", "EMAIL") == "mask"


def test_invalid_action_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("text: {default: {EMAIL: publish}}\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        load_policy(path)


@given(count=st.integers(min_value=0, max_value=10**6))
def test_victim_count_buckets(count: int) -> None:
    policy = VictimCountPolicy()
    label = policy.bucket(count)
    if count >= policy.exact_from:
        assert label == str(count)
    else:
        assert label in {"0", "1-9"}
        assert label == ("0" if count == 0 else "1-9")


def test_stix_free_text_wildcards() -> None:
    stix = load_policy().stix
    assert stix.is_free_text("description") and stix.is_free_text("x_partner_notes")
    assert not stix.is_free_text("pattern") and not stix.is_free_text("value")
