"""Settings of the enrichment service (env prefix CRIMEFEED_)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from services.enrichment.clustering import ClusterParams
from services.enrichment.mo_evidence import default_finder
from shared.settings import CommonSettings


class EnrichmentSettings(CommonSettings):
    enrichment_group_id: str = Field(
        default="crimefeed-enrichment", description="Consumer group every enrichment replica joins"
    )
    enrichment_state_path: Path | None = Field(
        default=None,
        description="SQLite file of the dedup state shared by the replicas of one host "
        "(default <data_dir>/enrichment.sqlite3)",
    )
    enrichment_trend_state_path: Path | None = Field(
        default=None, description="State of the trend counters (default <data_dir>/trends.sqlite3)"
    )
    enrichment_data_dir: Path | None = Field(
        default=None,
        description="Folder replacing the bundled services/enrichment/data (category and ATT&CK "
        "keyword rules, category tags): the same file names, checked at start",
    )
    enrichment_max_records: int = Field(default=500, description="Submissions handled per batch at most")
    enrichment_batch_timeout_ms: int = Field(default=100, description="How long a batch waits to fill")
    enrichment_fetch_max_wait_ms: int = Field(
        default=100, description="How long the broker may hold a fetch that finds no new submission"
    )
    enrichment_session_timeout_ms: int = 10_000
    enrichment_heartbeat_interval_ms: int = 3_000
    enrichment_max_retries: int = Field(
        default=3, description="Retries of a transient fault before giving up"
    )
    enrichment_retry_backoff_seconds: float = 0.2
    neardup_threshold: float = Field(
        default=0.8, description="Estimated Jaccard similarity from which two texts are the same MO"
    )
    neardup_num_perm: int = Field(default=128, description="MinHash permutations")
    neardup_min_tokens: int = Field(
        default=8, description="Texts with fewer distinct tokens are too short to compare"
    )
    # MO clusters (services/enrichment/clustering.py), measured on the labelled set
    # bench/data/mo_reports.json with bench/mo_eval.py; why these values, and the figures, are in
    # docs/architecture.md ("MO clusters"). The labelled set has no ATT&CK ids or indicators:
    # their weights are not tuned. Weights and threshold are chosen by cross-validation between
    # the labelled sets A and B (``bench/mo_eval.py --cross``): these weights give the best recall
    # of the worse set, and the threshold is the higher of the two sets' lowest with no
    # look-alike merge (A 0.77, B 0.74), plus a margin of 0.02. The support threshold is chosen the
    # same way afterwards, for these (``bench/mo_eval.py --support``: A 0.72, B 0.66, plus 0.02).
    cluster_enabled: bool = Field(
        default=True,
        description="Give every new report and MO step an MO cluster (off: no sentence encoder is "
        "loaded, new objects get no mo_cluster and their sightings count per report)",
    )
    cluster_threshold: float = Field(
        default=0.79, description="Combined score from which a report joins an MO cluster"
    )
    cluster_support_threshold: float = Field(
        default=0.74,
        description="Combined score from which two members of an MO cluster together bring a report "
        "into it when none reaches cluster_threshold alone (at or above cluster_threshold: off)",
    )
    cluster_technique_weight: float = Field(
        default=0.1, description="Added times the Jaccard overlap of the two reports' ATT&CK/CAPEC ids"
    )
    cluster_technique_conflict: float = Field(
        default=0.0, description="Subtracted when both reports name techniques and share none"
    )
    cluster_indicator_weight: float = Field(
        default=0.15, description="Added when the reports share an offender indicator"
    )
    cluster_concept_weight: float = Field(
        default=0.06, description="Added per facet (channel, lure, payment) on which the reports agree"
    )
    cluster_concept_conflict: float = Field(
        default=0.08, description="Subtracted per facet both reports name without a concept in common"
    )
    cluster_category_conflict: float = Field(
        default=0.1,
        description="Subtracted when both reports carry a reported crime category and they differ "
        "(partners classify one scheme differently, so it is evidence, not a veto)",
    )
    cluster_overlap_weight: float = Field(
        default=0.1,
        description="Added times the cosine of the two reports' concept sets over the vocabulary's "
        "overlap facets (who is impersonated, what is asked, tools, money, goods, setting)",
    )
    cluster_step_overlap_weight: float = Field(
        default=0.0,
        description="The concept-overlap weight for MO steps (the labelled set has no step labels to "
        "measure it on, so steps are decided as before it existed)",
    )
    cluster_step_threshold: float = Field(
        default=0.8, description="Combined score from which an MO step joins another step's cluster"
    )
    cluster_encoder_process: bool = Field(
        default=True,
        description="Run the sentence encoder in a child process, so that its forward passes run on "
        "another core beside the batch's other work (off: in the service's own process)",
    )
    cluster_max_words: int = Field(
        default=64, description="Words of an MO text that are embedded (cost grows with them)"
    )
    enrichment_shutdown_timeout_seconds: float = Field(
        default=30.0,
        description="On SIGTERM, how long to let the batch in hand finish (publish and commit)",
    )
    metrics_port: int | None = Field(
        default=None, description="Port of the /metrics, /healthz and /readyz endpoint; off when unset"
    )
    metrics_host: str = Field(default="127.0.0.1", description="Address the metrics endpoint listens on")
    trend_spike_factor: float = 3.0
    trend_spike_min: int = 5

    def cluster_params(self, *, steps: bool = False) -> ClusterParams:
        vocabulary = default_finder()
        return ClusterParams(
            threshold=self.cluster_step_threshold if steps else self.cluster_threshold,
            technique_weight=self.cluster_technique_weight,
            technique_conflict=self.cluster_technique_conflict,
            indicator_weight=self.cluster_indicator_weight,
            concept_weight=self.cluster_concept_weight,
            concept_conflict=self.cluster_concept_conflict,
            overlap_weight=self.cluster_step_overlap_weight if steps else self.cluster_overlap_weight,
            category_conflict=self.cluster_category_conflict,
            agreement_facets=vocabulary.agreement_facets,
            overlap_facets=vocabulary.overlap_facets,
            # MO steps have no labelled set to choose a support threshold on: decided as before.
            support_threshold=None if steps else self.cluster_support_threshold,
        )

    @property
    def state_path(self) -> Path:
        return self.enrichment_state_path or self.data_dir / "enrichment.sqlite3"

    @property
    def trend_state_path(self) -> Path:
        return self.enrichment_trend_state_path or self.data_dir / "trends.sqlite3"
