"""The MO-cluster labelled sets are well formed, and the pair figures count what they say."""

from __future__ import annotations

from collections import Counter

import numpy as np
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.mo_eval import (
    SETS,
    Labelled,
    Quality,
    auc,
    average_link_ceiling,
    lowest_admissible,
    pooled_threshold,
    quality,
    separation,
)


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_mo_has_four_independent_reports_in_three_languages_and_translations_cross_languages(
    name: str,
) -> None:
    data = orjson.loads(SETS[name].read_bytes())
    mos = {mo["mo_id"] for mo in data["mos"]}
    reports = {report["report_id"]: report for report in data["reports"]}
    assert len(reports) == len(data["reports"])
    per_mo = Counter(report["mo_id"] for report in reports.values())
    assert set(per_mo) == mos
    # The measure asks for four independently written reports per MO; a translation is not one.
    independent = Counter(r["mo_id"] for r in reports.values() if r["translation_of"] is None)
    assert set(independent) == mos and min(independent.values()) >= 4
    languages = {mo: {r["lang"] for r in reports.values() if r["mo_id"] == mo} for mo in mos}
    assert min(len(found) for found in languages.values()) >= (1 if name == "a" else 3)
    for report in reports.values():
        original = report["translation_of"]
        if original is not None:
            assert reports[original]["mo_id"] == report["mo_id"]
            assert reports[original]["lang"] != report["lang"]


def labelled(report_id: str, mo_id: str, language: str, group: str | None = None) -> Labelled:
    return Labelled(report_id, mo_id, group, language, b"{}", report_id)


def test_quality_counts_pairs_of_one_mo_and_look_alike_merges() -> None:
    reports = [
        labelled("r1", "mo-1", "en", "g"),
        labelled("r2", "mo-1", "fr", "g"),
        labelled("r3", "mo-1", "en", "g"),
        labelled("r4", "mo-2", "de", "g"),
    ]
    result = quality(reports, {"r1": "c1", "r2": "c1", "r3": "c3", "r4": "c1"})
    # Together: r1-r2 (one MO), r1-r4 and r2-r4 (look-alikes); one MO: r1-r2, r1-r3, r2-r3.
    assert result.precision == pytest.approx(1 / 3)
    assert result.recall == pytest.approx(1 / 3)
    assert result.cross_language_recall == pytest.approx(1 / 2)
    assert (result.lookalike_merges, result.false_pairs, result.clusters, result.mos) == (2, 2, 2, 2)


def test_auc_counts_pairs_ranked_right_and_ties_as_half() -> None:
    assert auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert auc([0.1], [0.9]) == 0.0
    # 0.5 beats 0.4, ties 0.5 (a half), loses to 0.6.
    assert auc([0.5], [0.4, 0.5, 0.6]) == pytest.approx(0.5)


@given(
    st.lists(st.floats(-2, 2), min_size=1, max_size=20),
    st.lists(st.floats(-2, 2), min_size=1, max_size=20),
)
def test_auc_is_the_share_of_pairs_ranked_right(positives: list[float], negatives: list[float]) -> None:
    expected = sum((p > n) + (p == n) / 2 for p in positives for n in negatives)
    assert auc(positives, negatives) == pytest.approx(expected / (len(positives) * len(negatives)))


def test_separation_reports_what_a_threshold_above_every_look_alike_pair_could_link() -> None:
    pairs = [(0.9, True, False), (0.6, True, False), (0.7, False, True), (0.2, False, False)]
    result = separation(pairs)
    assert result.highest_lookalike == 0.7
    assert result.above == 0.5  # 0.9 only
    assert result.lookalike_auc == 0.5
    assert result.auc == 0.75  # 0.9 above both; 0.6 above 0.2 only


def quality_of(precision: float, merges: int) -> Quality:
    return Quality(precision, 0.5, 0.5, 1.0, merges, merges, 3, 2)


def test_lowest_admissible_is_the_first_threshold_with_high_precision_and_no_look_alike_merge() -> None:
    figures = {
        0.7: quality_of(0.9, 3),
        0.71: quality_of(1.0, 1),
        0.72: quality_of(0.995, 0),
        0.73: quality_of(1.0, 0),
    }
    found = lowest_admissible([0.73, 0.72, 0.71, 0.7], figures.__getitem__)
    assert found is not None and found[0] == 0.72
    assert lowest_admissible([0.7, 0.71], figures.__getitem__) is None


def test_the_pooled_threshold_is_the_strictest_sets_plus_the_margin() -> None:
    assert pooled_threshold([0.77, 0.74], 0.02) == 0.79


def test_the_ceiling_links_one_mo_and_stops_before_a_look_alike_merge() -> None:
    # Reports 0-1 are MO "a", 2-3 MO "b" (look-alikes of "a"), 4 MO "c" on its own.
    scores = np.array(
        [
            [0.0, 0.9, 0.5, 0.2, 0.1],
            [0.9, 0.0, 0.6, 0.1, 0.1],
            [0.5, 0.6, 0.0, 0.8, 0.1],
            [0.2, 0.1, 0.8, 0.0, 0.1],
            [0.1, 0.1, 0.1, 0.1, 0.0],
        ]
    )
    best = average_link_ceiling(scores, ["a", "a", "b", "b", "c"], ["g", "g", "g", "g", None])
    assert best.recall == 1.0
    assert best.precision == 1.0
    assert best.score == 0.8


def test_the_ceiling_is_zero_when_the_closest_pair_is_two_look_alikes() -> None:
    scores = np.array([[0.0, 0.9, 0.1], [0.9, 0.0, 0.2], [0.1, 0.2, 0.0]])
    best = average_link_ceiling(scores, ["a", "b", "a"], ["g", "g", "g"])
    assert best.recall == 0.0
