"""Saved `added_after` per collection: survives a new instance, replaced atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.producers.taxii_state import STATE_FILE, PollState


def test_saved_watermark_is_read_back_by_a_new_instance(tmp_path: Path) -> None:
    state = PollState.in_data_dir(tmp_path / "data")
    assert state.added_after("feed|https://x/|c1") is None

    state.save("feed|https://x/|c1", "2026-03-02T10:00:00.123456Z")
    state.save("other|https://y/|c2", "2026-03-01T00:00:00Z")
    state.save("feed|https://x/|c1", "2026-03-02T11:00:00.000000Z")

    reopened = PollState.in_data_dir(tmp_path / "data")
    assert reopened.added_after("feed|https://x/|c1") == "2026-03-02T11:00:00.000000Z"
    assert reopened.added_after("other|https://y/|c2") == "2026-03-01T00:00:00Z"
    assert sorted(path.name for path in (tmp_path / "data").iterdir()) == [STATE_FILE]  # no temp left


def test_a_state_file_that_is_not_an_object_is_refused(tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).write_text("[1, 2]")
    with pytest.raises(ValueError, match="expected a JSON object"):
        PollState.in_data_dir(tmp_path)
