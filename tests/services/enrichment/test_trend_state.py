"""The SQLite trend counters: atomic, idempotent per sighting id, durable, shared by processes."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from services.enrichment.trend_state import Pending, TrendStore

BASELINE = ("2026-W46", "2026-W45", "2026-W44", "2026-W43")


def _pending(sighting: str, mo: str = "attack-pattern--a", week: str = "2026-W47") -> Pending:
    return Pending(sighting, mo, week, BASELINE if week == "2026-W47" else ())


def test_counts_once_per_sighting_id_and_replays_the_stored_result(tmp_path: Path) -> None:
    store = TrendStore(tmp_path / "t.sqlite3")
    first = store.record([_pending("s1"), _pending("s2")], spike_min=5, spike_factor=3.0)
    assert [o.first_seen_mo for o in first] == [True, False]
    assert [o.week_count for o in first] == [1, 2]
    replay = store.record([_pending("s1")], spike_min=5, spike_factor=3.0)[0]
    assert replay.replayed
    assert (replay.first_seen_mo, replay.week_count, replay.spike) == (True, 1, False)
    assert store.week_count("attack-pattern--a", "2026-W47") == 2
    assert store.observed_count() == 2


def test_a_failed_batch_counts_nothing(tmp_path: Path) -> None:
    store = TrendStore(tmp_path / "t.sqlite3")

    unbindable = Pending("s2", object(), "2026-W47", ())  # type: ignore[arg-type]
    with pytest.raises(sqlite3.Error):
        store.record([_pending("s1"), unbindable], spike_min=5, spike_factor=3.0)
    assert store.observed_count() == 0
    assert store.week_count("attack-pattern--a", "2026-W47") == 0


def test_state_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    store = TrendStore(path)
    store.record([_pending("s1")], spike_min=5, spike_factor=3.0)
    store.close()
    reopened = TrendStore(path)
    again = reopened.record([_pending("s1"), _pending("s2")], spike_min=5, spike_factor=3.0)
    assert [(o.replayed, o.first_seen_mo, o.week_count) for o in again] == [
        (True, True, 1),
        (False, False, 2),
    ]
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def _worker(path: str, ids: list[str], out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    store = TrendStore(Path(path))
    firsts = []
    for sighting in ids:
        mo = f"attack-pattern--{int(sighting.split('-')[1]) % 3}"
        observation = store.record([_pending(sighting, mo)], spike_min=5, spike_factor=3.0)[0]
        if observation.first_seen_mo and not observation.replayed:
            firsts.append(mo)
    store.close()
    out.put(firsts)


def test_two_processes_sharing_the_file_agree(tmp_path: Path) -> None:
    """Both replicas see every sighting (a replay after a rebalance): each is counted once,
    and each MO has exactly one first sighting across both."""
    path = tmp_path / "shared.sqlite3"
    TrendStore(path).close()
    ids = [f"s-{i}" for i in range(300)]
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [
        context.Process(target=_worker, args=(str(path), order, queue))
        for order in (ids, list(reversed(ids)))
    ]
    for worker in workers:
        worker.start()
    firsts = queue.get(timeout=120) + queue.get(timeout=120)
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    store = TrendStore(path)
    assert store.observed_count() == 300
    assert sorted(firsts) == ["attack-pattern--0", "attack-pattern--1", "attack-pattern--2"]
    assert sum(store.week_count(f"attack-pattern--{m}", "2026-W47") for m in range(3)) == 300
