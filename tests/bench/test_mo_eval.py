"""The MO-cluster labelled sets are well formed, and the pair figures count what they say."""

from __future__ import annotations

from collections import Counter

import orjson
import pytest

from bench.mo_eval import SETS, Labelled, quality


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_mo_has_five_reports_in_three_languages_and_translations_cross_languages(name: str) -> None:
    data = orjson.loads(SETS[name].read_bytes())
    mos = {mo["mo_id"] for mo in data["mos"]}
    reports = {report["report_id"]: report for report in data["reports"]}
    assert len(reports) == len(data["reports"])
    per_mo = Counter(report["mo_id"] for report in reports.values())
    assert set(per_mo) == mos and min(per_mo.values()) >= 5
    languages = {mo: {r["lang"] for r in reports.values() if r["mo_id"] == mo} for mo in mos}
    assert min(len(found) for found in languages.values()) >= (3 if name == "b" else 1)
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
