"""Trend flags on sightings: the ISO week, the MO, and whether the MO is new or spiking.

Every sighting crimefeed emits carries country, category, week and MO so that the search
service can count sightings per MO, category and region per week. The MO is the sighting's MO
cluster (the canonical report's id, see clustering.py), so one MO reported in other words or
languages counts as one; a sighting outside any cluster counts under its ``sighting_of_ref``. Two
flags need history and are computed here, against the durable counters in ``trend_state``:

- ``first_seen_mo``: the first sighting ever recorded of this MO (by arrival, across replicas);
- ``spike``: this week's count for the MO reaches ``spike_min`` and ``spike_factor`` times the
  mean of the previous ``BASELINE_WEEKS`` weeks (weeks without sightings count 0), so an MO
  that goes from nothing to ``spike_min`` sightings in a week spikes, and a steady one does not.

Observing the same sighting id again returns the first result and counts nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from services.enrichment.fingerprint import sharing_scope
from services.enrichment.trend_state import Observation, Pending, TrendStore
from shared.stix.extension import EXTENSION_ID

BASELINE_WEEKS = 4


def iso_week(day: date) -> str:
    """``2026-W47``: ISO 8601 year and week (the year a week belongs to may differ from the date's)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def previous_weeks(day: date, count: int = BASELINE_WEEKS) -> tuple[str, ...]:
    """The ISO weeks of the ``count`` weeks before the one ``day`` is in, latest first."""
    weeks: list[str] = []
    for offset in range(1, count + 1):
        try:
            weeks.append(iso_week(day - timedelta(weeks=offset)))
        except OverflowError:  # before year 1: there are no earlier weeks to compare with
            break
    return tuple(weeks)


def parse_timestamp(value: str) -> datetime:
    """A STIX timestamp (RFC 3339, ``Z`` or offset) as an aware datetime in UTC."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError as error:  # an offset pushes year 1 or 9999 out of range
        raise ValueError("timestamp: out of the representable range once converted to UTC") from error


def sighting_day(sighting: Mapping[str, Any]) -> date:
    """When the MO was seen: ``first_seen``; else ``created`` (when it was reported).

    Raises ValueError for a sighting with neither as a valid timestamp.
    """
    for key in ("first_seen", "created"):
        value = sighting.get(key)
        if isinstance(value, str):
            return parse_timestamp(value).date()
    raise ValueError("sighting: neither first_seen nor created is a timestamp")


class TrendTracker:
    """Records sightings durably and returns their trend properties."""

    def __init__(self, state_path: Path, spike_factor: float = 3.0, spike_min: int = 5) -> None:
        if spike_factor < 0 or spike_min < 1:
            raise ValueError("spike_factor must be >= 0 and spike_min >= 1")
        self.spike_factor = spike_factor
        self.spike_min = spike_min
        self.store = TrendStore(state_path)

    def observe(self, sighting: dict[str, Any]) -> dict[str, Any]:
        """The trend properties of one sighting (recorded once; a replay gets the same answer)."""
        return self.observe_many([sighting])[0]

    def observe_many(self, sightings: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """``observe`` for several sightings in one transaction: one lock and one commit, not N."""
        pending = [self._pending(sighting) for sighting in sightings]
        observations = self.store.record(pending, self.spike_min, self.spike_factor)
        return [_result(s, o) for s, o in zip(sightings, observations, strict=True)]

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> TrendTracker:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @staticmethod
    def _pending(sighting: Mapping[str, Any]) -> Pending:
        sighting_id = sighting.get("id")
        mo = mo_key(sighting)
        if not isinstance(sighting_id, str) or not isinstance(mo, str):
            raise ValueError("a sighting needs a string id and sighting_of_ref")
        day = sighting_day(sighting)
        # Counted per sharing scope (TLP, recipients, and the submitter for AMBER+STRICT/RED):
        # a GREEN sighting's first-seen and spike flags must not reflect RED sightings its
        # readers cannot see.
        return Pending(sighting_id, state_key(sighting), iso_week(day), previous_weeks(day))


def mo_key(sighting: Mapping[str, Any]) -> Any:
    """The MO a sighting counts for: its MO cluster, else what it is a sighting of."""
    extensions = sighting.get("extensions")
    block = extensions.get(EXTENSION_ID) if isinstance(extensions, dict) else None
    cluster = block.get("mo_cluster") if isinstance(block, dict) else None
    if isinstance(cluster, dict) and isinstance(cluster.get("canonical_ref"), str):
        return cluster["canonical_ref"]
    return sighting.get("sighting_of_ref")


def state_key(sighting: Mapping[str, Any]) -> str:
    """The MO counter a sighting counts in: its MO within its sharing scope."""
    return f"{mo_key(sighting)}|{sharing_scope(dict(sighting))}"


def _result(sighting: Mapping[str, Any], observation: Observation) -> dict[str, Any]:
    extensions = sighting.get("extensions")
    block = extensions.get(EXTENSION_ID) if isinstance(extensions, dict) else None
    ours: Mapping[str, Any] = block if isinstance(block, dict) else {}
    return {
        "week": observation.week,
        "mo": mo_key(sighting),
        "country": ours.get("country"),
        "category": ours.get("crime_category"),
        "first_seen_mo": observation.first_seen_mo,
        "spike": observation.spike,
    }
