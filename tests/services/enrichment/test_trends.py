"""Trend flags: ISO week, first sighting of an MO, weekly spikes; replays are harmless."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.enrichment.trends import (
    BASELINE_WEEKS,
    TrendTracker,
    iso_week,
    previous_weeks,
    sighting_day,
    state_key,
)
from shared.models.report import TLP
from shared.stix.extension import extension_block
from shared.stix.markings import TLP_MARKING_IDS


def _sighting(
    n: int, mo: str = "attack-pattern--a", day: date = date(2026, 11, 18), **extension: Any
) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "type": "sighting",
        "id": f"sighting--{n:08d}-0000-4000-8000-000000000000",
        "created": "2026-11-25T10:00:00.000Z",
        "first_seen": f"{day.isoformat()}T08:30:00Z",
        "sighting_of_ref": mo,
    }
    if extension:
        obj["extensions"] = extension_block(extension)
    return obj


def test_iso_weeks_including_year_boundaries() -> None:
    assert iso_week(date(2026, 11, 20)) == "2026-W47"
    assert iso_week(date(2027, 1, 1)) == "2026-W53"  # 2026 has 53 ISO weeks
    assert iso_week(date(2024, 12, 30)) == "2025-W01"
    assert previous_weeks(date(2027, 1, 6)) == ("2026-W53", "2026-W52", "2026-W51", "2026-W50")


@given(st.dates())
def test_previous_weeks_never_overflow_at_the_ends_of_the_calendar(day: date) -> None:
    weeks = previous_weeks(day)
    assert len(weeks) <= BASELINE_WEEKS and len(set(weeks)) == len(weeks)
    assert len(weeks) == BASELINE_WEEKS or day < date(1, 1, 1) + timedelta(weeks=BASELINE_WEEKS)


@pytest.mark.parametrize("stamp", ["9999-12-31T23:30:00-05:00", "0001-01-01T00:10:00+01:00"])
def test_a_timestamp_out_of_range_in_utc_is_a_value_error_naming_no_value(stamp: str) -> None:
    with pytest.raises(ValueError, match="out of the representable range") as raised:
        sighting_day({"first_seen": stamp})
    assert stamp not in str(raised.value)


def test_week_comes_from_first_seen_in_utc_else_created() -> None:
    assert sighting_day({"first_seen": "2026-11-22T23:30:00-02:00"}) == date(2026, 11, 23)
    assert sighting_day({"created": "2026-11-25T10:00:00.000Z"}) == date(2026, 11, 25)
    with pytest.raises(ValueError):
        sighting_day({"id": "sighting--x"})


def test_observe_reports_week_mo_country_category_and_first_seen(tmp_path: Path) -> None:
    with TrendTracker(tmp_path / "trends.sqlite3") as tracker:
        result = tracker.observe(_sighting(1, country="NL", crime_category="phishing"))
        assert result == {
            "week": "2026-W47",
            "mo": "attack-pattern--a",
            "country": "NL",
            "category": "phishing",
            "first_seen_mo": True,
            "spike": False,
        }
        assert tracker.observe(_sighting(2))["first_seen_mo"] is False
        assert tracker.observe(_sighting(3, mo="attack-pattern--b"))["first_seen_mo"] is True


def test_replaying_a_sighting_changes_nothing(tmp_path: Path) -> None:
    with TrendTracker(tmp_path / "trends.sqlite3", spike_min=2, spike_factor=1.0) as tracker:
        first = tracker.observe(_sighting(1))
        second = tracker.observe(_sighting(2))
        assert second["spike"] is True
        assert tracker.observe(_sighting(1)) == first  # same answer as the first time, not a recount
        assert tracker.store.week_count(state_key(_sighting(1)), "2026-W47") == 2


def test_spike_needs_the_minimum_and_the_factor_over_the_previous_four_weeks(tmp_path: Path) -> None:
    week = date(2026, 11, 18)
    with TrendTracker(tmp_path / "trends.sqlite3", spike_factor=3.0, spike_min=5) as tracker:
        n = 0
        # Baseline: 2 sightings in each of the previous 4 weeks -> mean 2 -> a spike needs >= 6.
        for back in range(1, 5):
            for _ in range(2):
                n += 1
                assert tracker.observe(_sighting(n, day=week - timedelta(weeks=back)))["spike"] is False
        flags = []
        for _ in range(7):
            n += 1
            flags.append(tracker.observe(_sighting(n, day=week))["spike"])
        assert flags == [False, False, False, False, False, True, True]


def test_spike_of_a_new_mo_needs_only_the_minimum(tmp_path: Path) -> None:
    with TrendTracker(tmp_path / "trends.sqlite3", spike_factor=3.0, spike_min=5) as tracker:
        flags = [tracker.observe(_sighting(n, mo="attack-pattern--new"))["spike"] for n in range(5)]
        assert flags == [False, False, False, False, True]


def test_older_weeks_beyond_the_baseline_do_not_count(tmp_path: Path) -> None:
    week = date(2026, 11, 18)
    with TrendTracker(tmp_path / "trends.sqlite3", spike_factor=3.0, spike_min=1) as tracker:
        for n in range(20):  # 5 weeks back: outside the 4-week baseline
            tracker.observe(_sighting(n, day=week - timedelta(weeks=5)))
        assert tracker.observe(_sighting(100, day=week))["spike"] is True


def test_counts_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "trends.sqlite3"
    with TrendTracker(path, spike_min=3, spike_factor=1.0) as tracker:
        tracker.observe(_sighting(1))
        tracker.observe(_sighting(2))
    with TrendTracker(path, spike_min=3, spike_factor=1.0) as tracker:
        assert tracker.observe(_sighting(1))["first_seen_mo"] is True  # replay after restart
        result = tracker.observe(_sighting(3))
        assert (result["first_seen_mo"], result["spike"]) == (False, True)


def test_observe_many_is_observe_in_one_transaction(tmp_path: Path) -> None:
    with TrendTracker(tmp_path / "a.sqlite3") as one, TrendTracker(tmp_path / "b.sqlite3") as many:
        sightings = [_sighting(n, mo=f"attack-pattern--{n % 2}") for n in range(6)]
        assert many.observe_many(sightings) == [one.observe(s) for s in sightings]


def test_bad_sightings_and_parameters_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        TrendTracker(tmp_path / "x.sqlite3", spike_min=0)
    with TrendTracker(tmp_path / "t.sqlite3") as tracker:
        with pytest.raises(ValueError):
            tracker.observe({"type": "sighting", "id": "sighting--1", "created": "2026-11-01T00:00:00Z"})
        with pytest.raises(ValueError):
            tracker.observe({"type": "sighting", "id": "sighting--1", "sighting_of_ref": "attack-pattern--a"})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    events=st.lists(
        st.tuples(
            st.integers(0, 15), st.sampled_from(["attack-pattern--a", "attack-pattern--b"]), st.integers(0, 6)
        ),
        max_size=40,
    )
)
def test_property_replays_never_double_count(tmp_path: Path, events: list[tuple[int, str, int]]) -> None:
    """Any stream with repeated sighting ids counts each id once and flags one first sighting per MO."""
    path = tmp_path / f"p{abs(hash(tuple(events)))}.sqlite3"
    path.unlink(missing_ok=True)
    with TrendTracker(path, spike_min=3, spike_factor=2.0) as tracker:
        first_answer: dict[int, dict[str, Any]] = {}
        identity: dict[int, tuple[str, int]] = {}
        firsts: list[str] = []
        for n, mo, weeks_back in events:
            # A sighting id always has the same content (ids are deterministic in crimefeed).
            mo, weeks_back = identity.setdefault(n, (mo, weeks_back))
            result = tracker.observe(
                _sighting(n, mo=mo, day=date(2026, 11, 18) - timedelta(weeks=weeks_back))
            )
            if n in first_answer:
                assert result == first_answer[n]
            else:
                first_answer[n] = result
                if result["first_seen_mo"]:
                    firsts.append(mo)
        assert sorted(firsts) == sorted({mo for mo, _ in identity.values()})
        for mo in ("attack-pattern--a", "attack-pattern--b"):
            for back in range(7):
                day = date(2026, 11, 18) - timedelta(weeks=back)
                expected = sum(1 for m, b in identity.values() if m == mo and b == back)
                assert tracker.store.week_count(state_key(_sighting(0, mo)), iso_week(day)) == expected


def test_flags_count_only_sightings_of_the_same_sharing_scope(tmp_path: Path) -> None:
    """RED sightings of an MO make no GREEN sighting of it a spike or a repeat."""
    green = [TLP_MARKING_IDS[TLP.GREEN]]
    red = [TLP_MARKING_IDS[TLP.RED]]
    with TrendTracker(tmp_path / "trends.sqlite3", spike_min=3, spike_factor=2.0) as tracker:
        for n in range(1, 6):
            tracker.observe(_sighting(n) | {"object_marking_refs": red})
        flags = tracker.observe(_sighting(9) | {"object_marking_refs": green})
    assert flags["first_seen_mo"] is True
    assert flags["spike"] is False
    assert flags["mo"] == "attack-pattern--a"
