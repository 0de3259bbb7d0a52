"""Status resources: pending objects the pipeline never indexes turn into failures after the timeout."""

from __future__ import annotations

from services.search.taxii.pagination import format_timestamp, parse_timestamp
from services.search.taxii.status import status_resource, timed_out
from shared.store.base import StatusEntry, StatusRecord

POSTED = "2026-11-29T10:00:00.000000Z"
SECOND = 1_000_000
VERSION = "2026-11-29T09:00:00.000Z"


def record() -> StatusRecord:
    return StatusRecord(
        id="6f0d1b52-9a0b-4d3c-9d3e-2d9f0c8f8a11",
        partner_id="cert-nl",
        collection_id="2f784c51-9e86-444f-b3ee-e35b0c7cbd5d",
        submission_id="s-1",
        request_timestamp=POSTED,
        entries=(
            StatusEntry("indicator--0f3c1c8b-1d2e-4b7a-9a0f-5b1c2d3e4f50", VERSION, "success"),
            StatusEntry("attack-pattern--7e3a2b1c-0d9e-4f8a-b7c6-5d4e3f2a1b0c", VERSION, "pending"),
        ),
    )


def at(offset_seconds: float) -> int:
    started = parse_timestamp(POSTED)
    assert started is not None
    return started + int(offset_seconds * SECOND)


def test_pending_objects_stay_pending_within_the_timeout() -> None:
    current = timed_out(record(), 900, now_micros=at(899))
    resource = status_resource(current)
    assert resource["status"] == "pending"
    assert resource["pending_count"] == 1
    assert resource["failure_count"] == 0


def test_pending_objects_past_the_timeout_are_failures_with_a_reason() -> None:
    resource = status_resource(timed_out(record(), 900, now_micros=at(901)))
    assert resource["status"] == "complete"
    assert resource["success_count"] == 1
    assert resource["failure_count"] == 1
    assert resource["pending_count"] == 0
    (failure,) = resource["failures"]
    assert failure["id"].startswith("attack-pattern--")
    assert "not indexed within 900 s" in failure["message"]


def test_successes_are_never_turned_into_failures() -> None:
    current = timed_out(record(), 1, now_micros=at(3600))
    outcomes = {entry.object_id.split("--")[0]: entry.outcome for entry in current.entries}
    assert outcomes == {"indicator": "success", "attack-pattern": "failure"}


def test_timestamp_round_trip_used_by_the_timeout() -> None:
    assert format_timestamp(at(0)) == POSTED
