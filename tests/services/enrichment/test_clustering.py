"""The clustering decisions, with hand-made vectors (the model is tested in test_mo_clusters.py)."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.enrichment.clustering import (
    Access,
    ClusterIndex,
    ClusterParams,
    Member,
    Membership,
    Profile,
    assign,
    pair_score,
)
from services.enrichment.embedding import DIMENSIONS, Vector
from shared.access import Viewer, can_read
from shared.models.report import TLP

PARAMS = ClusterParams(threshold=0.6, concept_weight=0.04, concept_conflict=0.2, indicator_weight=0.15)
GREEN = Access(TLP.GREEN, "identity--a")


def vector(*weights: float) -> Vector:
    """A unit vector from its first coordinates (the rest zero)."""
    raw = np.zeros(DIMENSIONS, dtype=np.float32)
    raw[: len(weights)] = weights
    result: Vector = (raw / np.linalg.norm(raw)).astype(np.float32)
    return result


def profile(object_id: str, access: Access = GREEN, **fields: object) -> Profile:
    return Profile(object_id=object_id, stix_type="report", access=access, **fields)  # type: ignore[arg-type]


def add(index: ClusterIndex, item: Profile, vec: Vector, params: ClusterParams = PARAMS) -> Membership:
    membership = assign(index, item, vec, params)
    index.add(Member(item, vec, membership))
    return membership


SMS_PARCEL = frozenset({"channel:sms", "lure:parcel"})
SMS_BANK = frozenset({"channel:sms", "lure:bank_security"})


def test_a_first_report_founds_its_cluster_and_a_close_one_joins_it_with_the_evidence() -> None:
    index = ClusterIndex()
    first = add(index, profile("report--1", concepts=SMS_PARCEL), vector(1, 0.1))
    assert (first.cluster_id, first.method, first.score) == ("report--1", "new", 1.0)
    second = add(index, profile("report--2", concepts=SMS_PARCEL), vector(1, 0.3))
    assert second.cluster_id == "report--1" and second.method == "embedding"
    assert second.evidence["matched_ref"] == "report--1"
    assert second.evidence["concepts"] == ["channel:sms", "lure:parcel"]
    assert second.score > second.evidence["similarity"]
    assert second.extension()["canonical_ref"] == "report--1"


def test_same_channel_different_scheme_stays_apart() -> None:
    # Cosine ~0.62: the same lure would join, another lure on the same channel does not.
    index = ClusterIndex()
    add(index, profile("report--1", concepts=SMS_PARCEL), vector(1, 0.3))
    other = add(index, profile("report--2", concepts=SMS_BANK), vector(0.4, 1))
    assert other.cluster_id == "report--2" and other.method == "new"
    alone = ClusterIndex()
    add(alone, profile("report--1", concepts=SMS_PARCEL), vector(1, 0.3))
    same = assign(alone, profile("report--3", concepts=SMS_PARCEL), vector(0.4, 1), PARAMS)
    assert same.cluster_id == "report--1"
    bank, parcel = profile("report--2", concepts=SMS_BANK), profile("report--1", concepts=SMS_PARCEL)
    scored = pair_score(PARAMS, 0.62, bank, parcel)
    assert scored is not None and scored.evidence["conflicts"] == ["lure"]


def test_a_reported_category_that_differs_lowers_the_score_without_ruling_the_match_out() -> None:
    fraud, phishing = profile("report--1", category="fraud"), profile("report--2", category="phishing")
    differing = pair_score(PARAMS, 0.9, fraud, phishing)
    agreeing = pair_score(PARAMS, 0.9, fraud, profile("report--3", category="fraud"))
    unknown = pair_score(PARAMS, 0.9, fraud, profile("report--4"))
    assert differing.score == pytest.approx(0.9 - PARAMS.category_conflict)
    assert differing.evidence["category_conflict"] is True
    assert agreeing.score == unknown.score == pytest.approx(0.9)
    assert "category_conflict" not in agreeing.evidence
    index = ClusterIndex()
    add(index, fraud, vector(1, 0.1))
    assert add(index, phishing, vector(1, 0.12)).cluster_id == "report--1"
    # Cosine ~0.65-0.67 with both members: over the threshold, but not by the penalty.
    assert assign(index, profile("report--5", category="malware"), vector(0.7, 1), PARAMS).method == "new"
    joined = assign(index, profile("report--6", category="fraud"), vector(0.7, 1), PARAMS)
    assert joined.cluster_id == "report--1"


def test_a_shared_offender_indicator_adds_evidence() -> None:
    plain = pair_score(PARAMS, 0.5, profile("report--1"), profile("report--2"))
    shared = pair_score(
        PARAMS,
        0.5,
        profile("report--1", indicators=frozenset({"[domain-name:value = 'x.example']"})),
        profile("report--2", indicators=frozenset({"[domain-name:value = 'x.example']"})),
    )
    assert plain is not None and shared is not None
    assert shared.score == plain.score + PARAMS.indicator_weight
    assert shared.evidence["indicators"] == 1


def test_a_duplicate_joins_its_canonicals_cluster_without_a_vector() -> None:
    index = ClusterIndex()
    add(index, profile("report--1"), vector(1))
    add(index, profile("report--2"), vector(1, 0.2))
    joined = assign(index, profile("report--3"), None, PARAMS, ("report--2", "fingerprint", 1.0))
    assert (joined.cluster_id, joined.method, joined.evidence) == (
        "report--1",
        "fingerprint",
        {"duplicate_of": "report--2"},
    )


def test_ties_go_to_the_smaller_cluster_id_whatever_the_order_members_were_added_in() -> None:
    members = [
        Member(profile("report--b"), vector(1, 1), Membership("report--b", "new", 1.0)),
        Member(profile("report--a"), vector(1, -1), Membership("report--a", "new", 1.0)),
    ]
    results = set()
    for order in itertools.permutations(members):
        index = ClusterIndex()
        for member in order:
            index.add(member)
        results.add(assign(index, profile("report--c"), vector(1, 0), PARAMS).cluster_id)
    assert results == {"report--a"}


def test_a_green_report_never_links_to_a_red_member_but_a_red_one_may_link_to_green() -> None:
    red = Access(TLP.RED, "identity--a", ("partner-b",))
    index = ClusterIndex()
    add(index, profile("report--red", red), vector(1))
    green = add(index, profile("report--green", GREEN), vector(1))
    assert green.cluster_id == "report--green"  # the RED report's cluster is out of its reach
    later_red = add(index, profile("report--red2", Access(TLP.RED, "identity--b", ("partner-c",))), vector(1))
    assert later_red.cluster_id == "report--green"


access_strategy = st.builds(
    Access,
    st.sampled_from(list(TLP)),
    st.sampled_from([None, "identity--a", "identity--b"]),
    st.lists(st.sampled_from(["partner-a", "partner-b"]), unique=True).map(tuple),
)
viewers = [
    Viewer(partner, level, owner)
    for partner, owner in (
        ("partner-a", "identity--a"),
        ("partner-b", "identity--b"),
        ("partner-c", "identity--c"),
    )
    for level in TLP
]


@given(target=access_strategy, member=access_strategy)
def test_covers_means_every_reader_of_the_member_reads_the_target(target: Access, member: Access) -> None:
    if target.covers(member):
        for viewer in viewers:
            if can_read(viewer, member.tlp, member.owner, member.recipients):
                assert can_read(viewer, target.tlp, target.owner, target.recipients)


def test_members_survive_their_storage_row() -> None:
    original = Member(
        profile("report--1", Access(TLP.RED, "identity--a", ("p",)), concepts=frozenset({"channel:sms"})),
        vector(0.3, 0.4),
        Membership("report--0", "embedding", 0.71234, {"similarity": 0.6}),
    )
    _, _, payload, raw = original.to_row()
    restored = Member.from_row(payload, raw)
    assert restored.profile == original.profile
    assert restored.membership == Membership("report--0", "embedding", 0.7123, {"similarity": 0.6})
    assert restored.vector is not None and original.vector is not None
    assert restored.vector.tobytes() == original.vector.tobytes()


def test_the_index_grows_past_its_first_capacity() -> None:
    index = ClusterIndex()
    rng = np.random.default_rng(1)
    for number in range(150):
        raw = rng.normal(size=DIMENSIONS).astype(np.float32)
        add(index, profile(f"report--{number:03d}"), (raw / np.linalg.norm(raw)).astype(np.float32))
    assert len(index) == 150
    joined = assign(index, profile("report--x"), index.members("report")[140].vector, PARAMS)
    assert joined.cluster_id == index.members("report")[140].membership.cluster_id


def test_concept_overlap_adds_its_weight_times_the_cosine_and_says_so() -> None:
    params = ClusterParams(
        threshold=0.6, concept_weight=0.0, overlap_weight=0.2, overlap_facets=("actor", "ask")
    )
    new = profile("report--2", concepts=frozenset({"actor:bank_staff", "ask:pin", "lure:parcel"}))
    member = profile("report--1", concepts=frozenset({"actor:bank_staff", "ask:savings_transfer"}))
    scored = pair_score(params, 0.5, new, member)
    assert scored is not None
    assert scored.score == pytest.approx(0.5 + 0.2 * 0.5)
    assert scored.evidence["concept_overlap"] == 0.5
    # Without the weight the overlap is neither added nor reported.
    plain = pair_score(replace(params, overlap_weight=0.0), 0.5, new, member)
    assert plain is not None and plain.score == 0.5 and "concept_overlap" not in plain.evidence


def test_a_member_that_only_the_concept_overlap_lifts_over_the_threshold_is_found() -> None:
    # Cosine 0.5 is below the threshold 0.6; the overlap (1.0 x 0.2) lifts it, so the candidate
    # floor must leave room for the overlap weight.
    params = ClusterParams(
        threshold=0.6,
        technique_weight=0.0,
        indicator_weight=0.0,
        concept_weight=0.0,
        overlap_weight=0.2,
        overlap_facets=("actor",),
    )
    index = ClusterIndex()
    both = frozenset({"actor:bank_staff"})
    add(index, profile("report--1", concepts=both), vector(1, 0), params)
    joined = add(index, profile("report--2", concepts=both), vector(0.5, 0.75**0.5), params)
    assert joined.cluster_id == "report--1"
    assert joined.evidence["concept_overlap"] == 1.0


EVIDENCE = st.builds(
    lambda techniques, indicators, concepts: (techniques, indicators, concepts),
    st.frozensets(st.sampled_from(["T1566", "T1598", "T1204"]), max_size=3),
    st.frozensets(st.sampled_from(["[domain-name:value = 'a.example']", "[url:value = 'b']"]), max_size=2),
    st.frozensets(
        st.sampled_from(
            ["channel:sms", "lure:parcel", "payment:card", "actor:bank_staff", "ask:pin", "tool:spoof"]
        ),
        max_size=6,
    ),
)
BONUS_PARAMS = ClusterParams(
    threshold=0.7,
    technique_weight=0.1,
    indicator_weight=0.15,
    concept_weight=0.06,
    concept_conflict=0.08,
    overlap_weight=0.2,
    overlap_facets=("channel", "actor", "ask", "tool"),
)


@given(EVIDENCE, EVIDENCE, st.floats(min_value=-1.0, max_value=1.0))
def test_evidence_never_adds_more_than_the_new_profiles_reach(
    new: tuple[frozenset[str], frozenset[str], frozenset[str]],
    old: tuple[frozenset[str], frozenset[str], frozenset[str]],
    similarity: float,
) -> None:
    # The candidate floor (threshold - bonus_within_reach) is safe only if this holds.
    first = profile("report--2", techniques=new[0], indicators=new[1], concepts=new[2])
    second = profile("report--1", techniques=old[0], indicators=old[1], concepts=old[2])
    scored = pair_score(BONUS_PARAMS, similarity, first, second)
    assert scored is not None
    assert scored.score - similarity <= BONUS_PARAMS.bonus_within_reach(first) + 1e-12
    assert BONUS_PARAMS.bonus_within_reach(first) <= BONUS_PARAMS.max_bonus + 1e-12


# Support: a report no single member matches closely joins a cluster two of whose members each
# match it moderately. Vectors in 4 dimensions: the new report is (1, 0, 0, 0); a member at cosine
# c is (c, ..) with the rest of its length on an axis of its own, so members stay apart.
SUPPORT = ClusterParams(
    threshold=0.8,
    technique_weight=0.0,
    indicator_weight=0.0,
    concept_weight=0.0,
    concept_conflict=0.0,
    category_conflict=0.0,
    support_threshold=0.7,
)
NEW = vector(1, 0, 0, 0)


def at_cosine(cosine: float, axis: int) -> Vector:
    weights = [cosine, 0.0, 0.0, 0.0]
    weights[axis] = (1 - cosine**2) ** 0.5
    return vector(*weights)


def clustered(*members: tuple[str, str, Vector], access: Access = GREEN) -> ClusterIndex:
    """An index holding (id, cluster id, vector) members, each cluster's canonical among them."""
    index = ClusterIndex()
    for object_id, cluster_id, vec in members:
        method = "new" if object_id == cluster_id else "embedding"
        index.add(Member(profile(object_id, access), vec, Membership(cluster_id, method, 1.0)))
    return index


def test_two_members_that_each_match_moderately_bring_a_report_into_their_cluster() -> None:
    index = clustered(
        ("report--1", "report--1", at_cosine(0.0, 1)),
        ("report--2", "report--1", at_cosine(0.75, 2)),
        ("report--3", "report--1", at_cosine(0.72, 3)),
    )
    joined = assign(index, profile("report--4"), NEW, SUPPORT)
    assert (joined.cluster_id, joined.method) == ("report--1", "embedding")
    # The score is the weaker of the two, the evidence names both.
    assert joined.score == pytest.approx(0.72, abs=1e-6)
    assert (joined.evidence["matched_ref"], joined.evidence["support_ref"]) == ("report--2", "report--3")
    # Without support the same index founds a new cluster.
    alone = assign(index, profile("report--4"), NEW, replace(SUPPORT, support_threshold=None))
    assert alone.cluster_id == "report--4"


def test_one_moderate_member_or_two_in_different_clusters_are_not_support() -> None:
    one = clustered(("report--1", "report--1", at_cosine(0.75, 1)))
    assert assign(one, profile("report--9"), NEW, SUPPORT).cluster_id == "report--9"
    apart = clustered(
        ("report--1", "report--1", at_cosine(0.75, 1)), ("report--2", "report--2", at_cosine(0.74, 2))
    )
    assert assign(apart, profile("report--9"), NEW, SUPPORT).cluster_id == "report--9"
    below = clustered(
        ("report--1", "report--1", at_cosine(0.75, 1)), ("report--2", "report--1", at_cosine(0.69, 2))
    )
    assert assign(below, profile("report--9"), NEW, SUPPORT).cluster_id == "report--9"


def test_a_close_member_outranks_two_supporting_ones() -> None:
    index = clustered(
        ("report--a", "report--a", at_cosine(0.79, 1)),
        ("report--a2", "report--a", at_cosine(0.78, 2)),
        ("report--b", "report--b", at_cosine(0.81, 3)),
    )
    joined = assign(index, profile("report--c"), NEW, SUPPORT)
    assert joined.cluster_id == "report--b" and "support_ref" not in joined.evidence


def test_a_member_the_report_may_not_link_to_is_no_support() -> None:
    red = Access(TLP.RED, "identity--a", ("partner-b",))
    index = clustered(("report--1", "report--1", at_cosine(0.75, 1)))
    index.add(
        Member(profile("report--2", red), at_cosine(0.75, 2), Membership("report--1", "embedding", 1.0))
    )
    assert assign(index, profile("report--9"), NEW, SUPPORT).cluster_id == "report--9"


COSINES = st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=6)


@given(COSINES, st.lists(st.integers(min_value=0, max_value=2), min_size=6, max_size=6))
def test_support_only_ever_adds_joins_and_never_changes_a_close_match(
    cosines: list[float], clusters: list[int]
) -> None:
    # Direct matches score at least the threshold, supported ones below it: with support on, a
    # report that matched a cluster before still joins that cluster.
    members = [
        (f"report--{n}", f"report--{clusters[n]}", at_cosine(c, 1 + n % 3)) for n, c in enumerate(cosines)
    ]
    founders = {cluster for _, cluster, _ in members} - {object_id for object_id, _, _ in members}
    index = clustered(*members, *((founder, founder, at_cosine(0.0, 1)) for founder in sorted(founders)))
    without = assign(index, profile("report--x"), NEW, replace(SUPPORT, support_threshold=None))
    with_support = assign(index, profile("report--x"), NEW, SUPPORT)
    if without.cluster_id != "report--x":
        assert with_support == without
    if with_support.cluster_id != without.cluster_id:
        assert with_support.score < SUPPORT.threshold and "support_ref" in with_support.evidence
