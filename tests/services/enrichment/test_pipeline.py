from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.enrichment.pipeline import (
    Decision,
    NoLaterVersion,
    PreparedBundle,
    bumped_modified,
    replay_outputs,
)
from services.enrichment.state import SqliteDedupStore
from shared.kafka.codecs import DecodeError
from shared.stix.extension import IDENTITY_ID, get_extension
from shared.stix.references import is_reference
from tests.support.enrichment import (
    bundle_for,
    dedup_summary,
    demo_bundles,
    later,
    make_enricher,
    report,
)


def run(store: SqliteDedupStore, *bundles: tuple[str, dict[str, Any]]) -> Decision:
    enricher = make_enricher()
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
    # A report's own MO step (reference techniques are constants, never counted).
    pattern = next(o for o in bundle["objects"] if o["type"] == "attack-pattern" and "description" in o)
    copy = {**pattern, "id": "attack-pattern--0f0f0f0f-1c0e-4f4e-9f55-2b1f6d8b1a01"}
    partner: dict[str, Any] = {
        "type": "bundle",
        "id": "bundle--0f0f0f0f-1c0e-4f4e-9f55-2b1f6d8b1a01",
        "objects": [copy],
    }
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
    enricher = make_enricher()
    with pytest.raises(DecodeError):
        enricher.prepare(b"{oops")
    _, bundle = bundle_for(report())
    bundle["objects"].append({"type": "indicator", "id": "indicator--bad"})
    prepared = enricher.prepare(orjson.dumps(bundle), b"k")
    assert len(prepared.rejected) == 1 and "'id' must be indicator--<uuid>" in prepared.rejected[0].reason
    assert len(prepared.objects) == len(bundle["objects"]) - 1


SHARED_STEP = {"description": "Bulk SMS about an unpaid parcel redelivery fee", "technique_id": "T1660"}


def test_objects_two_submissions_share_collapse_although_their_context_differs(tmp_path: Path) -> None:
    """Real builder output: partner B reports another MO that shares the T1660 step, the country
    and the domain with partner A's. Their copies differ in submission id, author, timestamps and
    (after tagging) in tags; they must still collapse into A's objects."""
    store = SqliteDedupStore(tmp_path / "s.sqlite3")
    first = run(store, bundle_for(report(sectors=["finance"]), partner="partner-a"))
    other = report(
        title="Courier-fee smishing that installs a banking trojan",
        narrative="A text message about a parcel fee links to an app that steals banking logins.",
        crime_category=None,  # inferred by the tagger: another category, other tags
        sectors=["logistics"],
        modus_operandi=[SHARED_STEP, {"description": "The app overlays the banking app to steal logins"}],
    )
    second = run(store, bundle_for(other, partner="partner-b", at=later(60)))

    def shared(decision: Decision, kind: str) -> list[dict[str, Any]]:
        return [o.obj for o in decision.outputs if o.obj["type"] == kind]

    [pattern_a] = [p for p in shared(first, "attack-pattern") if is_reference(p)]
    [location_a], [domain_a] = shared(first, "location"), shared(first, "domain-name")
    # The shared technique is crimefeed's reference: no partner's context tags, no count.
    assert not [t for t in get_extension(pattern_a)["tags"] if t.startswith(("sector:", "rsit:"))]
    assert "sighting_count" not in get_extension(pattern_a)
    # B's canonical SCO (crimefeed's, same scope) differs from A's in context only.
    _, bundle_b = bundle_for(other, partner="partner-b")
    prepared_b = make_enricher().prepare(orjson.dumps(bundle_b), b"b")
    assert domain_a["id"] in {p.obj["id"] for p in prepared_b.objects}

    assert shared(second, "location") == [] and shared(second, "domain-name") == []
    assert second.stats["exact_id"] >= 3  # attack-pattern, location, domain (and the marking...)
    # The reference is never versioned by a report; B's own MO step is new, and B's sighting
    # of the shared MO is a new sighting of it.
    assert pattern_a["id"] not in {p["id"] for p in shared(second, "attack-pattern")}
    assert shared(second, "attack-pattern")
    [sighting_b] = shared(second, "sighting")
    assert sighting_b["sighting_of_ref"] == pattern_a["id"]
    assert sighting_b["id"] not in {s["id"] for s in shared(first, "sighting")}
    assert location_a["id"] in sighting_b["where_sighted_refs"] and domain_a["id"]


def test_a_red_object_whose_recipient_cannot_be_a_topic_is_set_aside(tmp_path: Path) -> None:
    sid, bundle = bundle_for(report(tlp="red", recipients=["fr-cert"]))
    objects: list[dict[str, Any]] = bundle["objects"]
    position, bad = next(
        (i, o) for i, o in enumerate(objects) if o["type"] == "attack-pattern" and "description" in o
    )
    get_extension(bad)["recipients"] = ["fr-cert", "../etc/passwd topic"]
    prepared = make_enricher().prepare(orjson.dumps(bundle), sid.encode())
    [rejection] = prepared.rejected
    assert rejection.index == position and rejection.object["id"] == bad["id"]
    assert "not partner ids" in rejection.reason and "../etc/passwd topic" in rejection.reason
    store = SqliteDedupStore(tmp_path / "s.sqlite3")
    with store.session() as session:
        decision = make_enricher().decide(session, [prepared])
    emitted = {o.obj["id"] for o in decision.outputs}
    assert bad["id"] not in emitted and len(emitted) == len(objects) - 1
    topics = {o.obj["id"]: o.topics for o in decision.outputs}
    for obj in objects:
        if obj["id"] == bad["id"] or obj["type"] in ("marking-definition", "extension-definition"):
            continue
        if obj["id"] == IDENTITY_ID:
            assert topics[obj["id"]] == ("t.objects.v1", "t.feed.clear.v1")
        elif obj["type"] == "identity":  # the pseudonym: red, its own, no recipients, no feed
            assert topics[obj["id"]] == ("t.objects.v1",)
        else:
            assert topics[obj["id"]] == ("t.objects.v1", "t.feed.red.fr-cert.v1"), obj["type"]


def test_results_do_not_depend_on_the_order_submissions_arrive_in(tmp_path: Path) -> None:
    """Demo submissions (exact repeats, rewordings, look-alikes, objects shared across reports
    built in the same millisecond) in three orders and batch sizes: same ids, same dedup
    groups, same sighting counts per group."""
    bundles = list(demo_bundles(60))
    summaries = []
    for trial, batch in ((0, 1), (1, 7), (2, 25)):
        order = bundles[:]
        if trial:
            random.Random(trial).shuffle(order)
        store = SqliteDedupStore(tmp_path / f"{trial}.sqlite3")
        enricher = make_enricher()
        emitted: list[dict[str, Any]] = []
        for start in range(0, len(order), batch):
            prepared = [
                enricher.prepare(b.value, b.submission_id.encode()) for b in order[start : start + batch]
            ]
            with store.session() as session:
                emitted.extend(o.obj for o in enricher.decide(session, prepared).outputs)
        versions = Counter((o["id"], o.get("modified")) for o in emitted)
        assert max(versions.values()) == 1
        summaries.append(dedup_summary(emitted))
    first = summaries[0]
    assert first.groups and max(first.events.values()) > 1
    for other in summaries[1:]:
        assert other.ids == first.ids
        assert other.groups == first.groups
        assert other.events == first.events


def test_new_content_stamped_no_later_than_the_last_version_gets_a_later_version(tmp_path: Path) -> None:
    """Two submissions built in the same millisecond share an indicator whose content differs
    (valid_from is the report's first_seen): the second is a new version, stamped after the
    first, counted; never a second content under one (id, modified), never dropped."""
    store = SqliteDedupStore(tmp_path / "s.sqlite3")
    first = run(store, bundle_for(report(first_seen="2026-10-01T00:00:00Z"), partner="partner-a"))
    other = report(title="Another parcel smishing wave", first_seen="2026-10-09T00:00:00Z")
    second = run(store, bundle_for(other, partner="partner-b"))  # same clock as the first: T0
    [old] = [o.obj for o in first.outputs if o.obj["type"] == "indicator"]
    [new] = [o.obj for o in second.outputs if o.obj["type"] == "indicator"]
    assert new["id"] == old["id"] and new["valid_from"] != old["valid_from"]
    assert old["modified"] == "2026-11-20T12:00:00.000Z" < new["modified"]
    assert get_extension(new)["sighting_count"] == 2 and second.stats["restamped"] >= 1


END_OF_TIME = "9999-12-31T23:59:59.999Z"


def decide_each(
    store: SqliteDedupStore, *bundles: tuple[str, dict[str, Any]]
) -> tuple[Decision, list[PreparedBundle]]:
    enricher = make_enricher()
    prepared = [enricher.prepare(orjson.dumps(b), sid.encode()) for sid, b in bundles]
    with store.session() as session:
        return enricher.decide(session, prepared), prepared


def test_a_version_stamped_at_the_end_of_time_stops_nothing_later(tmp_path: Path) -> None:
    """A partner stamps a shared indicator at the last millisecond of year 9999. Later
    submissions citing it (a repeat, and new content for the same id) go on; only the new
    content, which cannot be stamped later, is set aside with a reason naming the field."""
    store = SqliteDedupStore(tmp_path / "s.sqlite3")
    sid, hostile = bundle_for(report(first_seen="2026-10-01T00:00:00Z"), partner="partner-a")
    [indicator] = [o for o in hostile["objects"] if o["type"] == "indicator"]
    indicator["modified"] = END_OF_TIME
    first = run(store, (sid, hostile))
    assert [o.obj["modified"] for o in first.outputs if o.obj["id"] == indicator["id"]] == [END_OF_TIME]
    store.close()

    store = SqliteDedupStore(tmp_path / "s.sqlite3")  # the stored version survives a restart
    repeat = bundle_for(report(first_seen="2026-10-01T00:00:00Z"), partner="partner-c", at=later(5))
    changed = bundle_for(
        report(title="Another parcel smishing wave", first_seen="2026-10-09T00:00:00Z"), partner="partner-b"
    )
    romance = report(
        title="Romance scam",
        narrative="A " * 40 + "romance scam",
        indicators=[{"type": "domain-name", "value": "romance-payments.example"}],
    )
    unrelated = bundle_for(romance, partner="partner-d")
    decision, prepared = decide_each(store, repeat, changed, unrelated)

    emitted = {o.obj["id"] for o in decision.outputs}
    assert indicator["id"] not in emitted
    for (_, bundle), bundle_prepared in zip((repeat, changed, unrelated), prepared, strict=True):
        assert all(r.object["id"] == indicator["id"] for r in bundle_prepared.rejected)
        [own_report] = [o for o in bundle["objects"] if o["type"] == "report"]
        assert own_report["id"] in emitted  # each submission's own report went on
    [rejection] = prepared[1].rejected
    assert rejection.reason.startswith("modified:") and "9999" not in rejection.reason
    assert changed[1]["objects"][rejection.index]["id"] == indicator["id"]
    assert decision.stats["unstampable"] == 2  # the repeat's count bump and the new content


@given(
    previous=st.datetimes(
        min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59, 999999)
    ),
    now=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59, 999999)),
)
def test_a_bumped_stamp_is_later_or_refused_never_an_overflow(previous: datetime, now: datetime) -> None:
    stamp = f"{previous:%Y-%m-%dT%H:%M:%S}.{previous.microsecond // 1000:03d}Z"
    try:
        bumped = bumped_modified(stamp, now.replace(tzinfo=UTC))
    except NoLaterVersion as error:
        assert stamp == END_OF_TIME and "9999" not in str(error)
        return
    assert bumped > stamp and len(bumped) == len(stamp)
