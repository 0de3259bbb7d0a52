"""How the enrichment settings become the clustering's parameters."""

from __future__ import annotations

import pytest

from services.enrichment.mo_evidence import default_finder
from services.enrichment.settings import EnrichmentSettings


def test_cluster_params_take_the_vocabularys_facets_and_the_overlap_weight_of_their_kind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CRIMEFEED_CLUSTER_OVERLAP_WEIGHT", "0.25")
    monkeypatch.setenv("CRIMEFEED_CLUSTER_STEP_OVERLAP_WEIGHT", "0.05")
    settings = EnrichmentSettings()
    reports, steps = settings.cluster_params(), settings.cluster_params(steps=True)
    assert (reports.overlap_weight, steps.overlap_weight) == (0.25, 0.05)
    assert (reports.threshold, steps.threshold) == (
        settings.cluster_threshold,
        settings.cluster_step_threshold,
    )
    vocabulary = default_finder()
    for params in (reports, steps):
        assert params.agreement_facets == vocabulary.agreement_facets
        assert params.overlap_facets == vocabulary.overlap_facets
    # The candidate floor leaves room for every bonus, the overlap included.
    assert reports.max_bonus == pytest.approx(
        reports.technique_weight + reports.indicator_weight + 3 * reports.concept_weight + 0.25
    )


def test_steps_are_decided_without_the_concept_overlap_by_default() -> None:
    settings = EnrichmentSettings()
    assert settings.cluster_params(steps=True).overlap_weight == 0.0
    assert settings.cluster_params().overlap_weight > 0.0


def test_reports_are_decided_with_support_and_steps_without(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = EnrichmentSettings()
    assert settings.cluster_params().support_threshold == settings.cluster_support_threshold
    assert settings.cluster_support_threshold < settings.cluster_threshold
    assert settings.cluster_params(steps=True).support_threshold is None
    monkeypatch.setenv("CRIMEFEED_CLUSTER_SUPPORT_THRESHOLD", "0.7")
    assert EnrichmentSettings().cluster_params().support_threshold == 0.7
