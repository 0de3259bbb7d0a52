"""The enrichment state as another process reads it (done_submissions)."""

from __future__ import annotations

from pathlib import Path

from services.enrichment.state import SqliteDedupStore, done_submissions


def test_done_submissions_counts_what_the_broker_confirmed(tmp_path: Path) -> None:
    path = tmp_path / "enrichment.sqlite3"
    assert done_submissions(path) == 0  # no state yet
    store = SqliteDedupStore(path)
    with store.session() as session:
        first = session.record_outbox(["sub-1", "sub-2"], b"payload")
        session.record_outbox(["sub-3"], b"payload")
    assert done_submissions(path) == 0  # recorded, not yet confirmed
    store.mark_done([first])
    assert done_submissions(path) == 2
