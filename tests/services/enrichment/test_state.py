"""The enrichment state: what another process reads of it (done_submissions), and settling
outbox batches whose offsets were committed before a crash."""

from __future__ import annotations

from pathlib import Path

from services.enrichment.state import SCHEMA, OutboxPosition, SqliteDedupStore, done_submissions
from shared.state.sqlite import Schema, open_database


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


def test_a_batch_settles_once_the_committed_position_of_its_partition_is_past_it(tmp_path: Path) -> None:
    """A replica killed between its transaction's commit and marking the batch done leaves it
    pending although its records never come again: the committed position settles it."""
    store = SqliteDedupStore(tmp_path / "enrichment.sqlite3")
    with store.session() as session:
        committed = session.record_outbox(["sub-1"], b"payload")
        session.locate_outbox(committed, OutboxPosition("subs", 0, 3))
        in_hand = session.record_outbox(["sub-2"], b"payload")
        session.locate_outbox(in_hand, OutboxPosition("subs", 0, 4))
        other_partition = session.record_outbox(["sub-3"], b"payload")
        session.locate_outbox(other_partition, OutboxPosition("subs", 1, 0))
        session.record_outbox(["sub-4"], b"payload")  # no position: never settled
    assert store.pending_partitions() == {("subs", 0), ("subs", 1)}
    # Offset 4 is where the group reads next on partition 0: the batch up to 3 is committed,
    # the one holding offset 4 is not.
    assert store.settle({("subs", 0): 4}) == [committed]
    assert done_submissions(tmp_path / "enrichment.sqlite3") == 1
    # A batch of the transaction still open is never settled, even below the position.
    assert store.settle({("subs", 0): 9, ("subs", 1): 1}, keep=[in_hand]) == [other_partition]
    assert store.pending_partitions() == {("subs", 0)}
    assert done_submissions(tmp_path / "enrichment.sqlite3") == 2


def test_a_state_of_the_previous_schema_opens_with_positions(tmp_path: Path) -> None:
    path = tmp_path / "enrichment.sqlite3"
    previous = Schema(SCHEMA.name, SCHEMA.migrations[:-1])
    open_database(path, previous).close()
    store = SqliteDedupStore(path)
    with store.session() as session:
        batch = session.record_outbox(["sub-1"], b"payload")
        session.locate_outbox(batch, OutboxPosition("subs", 2, 10))
    assert store.settle({("subs", 2): 11}) == [batch]
