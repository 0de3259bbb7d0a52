from __future__ import annotations

from collections import Counter
from pathlib import Path

import orjson
import pytest

from services.enrichment.pipeline import replay_outputs
from services.enrichment.state import SqliteDedupStore
from shared.kafka.codecs import DecodeError
from shared.stix.extension import get_extension
from tests.services.enrichment.helpers import bundle_for, later, report, stand_in_enricher


def run(store: SqliteDedupStore, *bundles: tuple[str, dict[str, object]]):  # type: ignore[no-untyped-def]
    enricher = stand_in_enricher()
    prepared = [enricher.prepare(orjson.dumps(b), sid.encode()) for sid, b in bundles]
    with store.session() as session:
        return enricher.decide(session, prepared)


def test_repeat_mo_adds_a_sighting_not_a_second_attack_pattern(tmp_path: Path) -> None:
    store = SqliteDedupStore(tmp_path / "s.sqlite3")
    first = run(store, bundle_for(report()))
    patterns = {o.obj["id"] for o in first.outputs if o.obj["type"] == "attack-pattern"}
    # The same report from the same partner later: only the count grows.
    again = run(store, bundle_for(report(), at=later(10)))
    types = Counter(o.obj["type"] for o in again.outputs)
    assert types["sighting"] == 0 or all(get_extension(o.obj).get("sighting_count") for o in again.outputs)
    repeated = [o.obj for o in again.outputs if o.obj["type"] == "attack-pattern"]
    assert {p["id"] for p in repeated} <= patterns
    assert all(get_extension(p)["sighting_count"] == 2 for p in repeated)
    assert all(p["modified"] > "2026-11-20T12:00:00.000Z" for p in repeated)
    assert again.stats["exact_id"] > 0


def test_redelivery_is_skipped_once_done_and_republished_while_pending(tmp_path: Path) -> None:
    store = SqliteDedupStore(tmp_path / "s.sqlite3")
    submission = bundle_for(report())
    first = run(store, submission)
    assert first.batch_id is not None
    pending = run(store, submission)  # crash before mark_done: same messages again, byte for byte
    assert pending.outputs == [] and pending.replay_batch_ids == [first.batch_id]
    assert [o.obj for o in replay_outputs(pending.replay_payloads[0])] == [o.obj for o in first.outputs]
    store.mark_done([first.batch_id])
    done = run(store, submission)
    assert done.outputs == [] and done.replay_payloads == [] and done.stats == {"replayed": 1}


def test_fingerprint_duplicates_under_other_ids_are_linked(tmp_path: Path) -> None:
    store = SqliteDedupStore(tmp_path / "s.sqlite3")
    sid, bundle = bundle_for(report())
    pattern = next(o for o in bundle["objects"] if o["type"] == "attack-pattern")  # type: ignore[union-attr]
    copy = {**pattern, "id": "attack-pattern--0f0f0f0f-1c0e-4f4e-9f55-2b1f6d8b1a01"}
    partner = {"type": "bundle", "id": "bundle--0f0f0f0f-1c0e-4f4e-9f55-2b1f6d8b1a01", "objects": [copy]}
    run(store, (sid, bundle))
    decision = run(store, ("raw-1", partner))
    linked = next(o.obj for o in decision.outputs if o.obj["id"] == copy["id"])
    assert get_extension(linked)["dedup"] == {
        "canonical_ref": pattern["id"],
        "method": "fingerprint",
        "score": 1.0,
    }
    canonical = next(o.obj for o in decision.outputs if o.obj["id"] == pattern["id"])
    assert get_extension(canonical)["sighting_count"] == 2


def test_state_survives_a_restart_and_near_duplicates_link(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = SqliteDedupStore(path, threshold=0.6)
    base = report()
    run(store, bundle_for(base))
    store.close()
    reopened = SqliteDedupStore(path, threshold=0.6)
    reworded = report(
        narrative=base.narrative.replace("text message", "SMS").replace("cloned", "fake"),
        modus_operandi=[
            {"description": "Cloned courier website collects card data and the one-time passcode"}
        ],
    )
    decision = run(reopened, bundle_for(reworded, partner="partner-b"))
    reports = [o.obj for o in decision.outputs if o.obj["type"] == "report"]
    dedup = get_extension(reports[0])["dedup"]
    assert dedup["method"] == "minhash" and 0.6 <= dedup["score"] < 1


def test_invalid_messages_raise_and_bad_objects_are_set_aside() -> None:
    enricher = stand_in_enricher()
    with pytest.raises(DecodeError):
        enricher.prepare(b"{oops")
    _, bundle = bundle_for(report())
    bundle["objects"].append({"type": "indicator", "id": "indicator--bad"})  # type: ignore[union-attr]
    prepared = enricher.prepare(orjson.dumps(bundle), b"k")
    assert len(prepared.rejected) == 1 and "indicator--bad" in prepared.rejected[0].reason
    assert len(prepared.objects) == len(bundle["objects"]) - 1  # type: ignore[arg-type]
