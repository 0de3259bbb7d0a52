"""The status store keeps POST statuses in SQLite: they survive a restart."""

from __future__ import annotations

from pathlib import Path

from services.search.taxii.status_store import StatusEntry, StatusRecord, StatusStore


async def test_status_survives_reopening_and_successes_stick(tmp_path: Path) -> None:
    record = StatusRecord(
        "2d086da7-4bdc-4f91-900e-d77486753710",
        "be-cert",
        "2f784c51-9e86-444f-b3ee-e35b0c7cbd5d",
        "sub-1",
        "2026-01-01T00:00:00.000000Z",
        (
            StatusEntry("indicator--1", "2026-01-01T00:00:00.000Z", "pending"),
            StatusEntry("user-account--2", "unversioned", "failure", "removed"),
        ),
    )
    await StatusStore.in_data_dir(tmp_path).save(record)
    await StatusStore.in_data_dir(tmp_path).mark_succeeded(record.id, ["indicator--1"])
    loaded = await StatusStore.in_data_dir(tmp_path).load(record.id)
    assert loaded is not None
    assert [(e.object_id, e.outcome) for e in loaded.entries] == [
        ("indicator--1", "success"),
        ("user-account--2", "failure"),
    ]
    assert await StatusStore.in_data_dir(tmp_path).load("missing") is None
