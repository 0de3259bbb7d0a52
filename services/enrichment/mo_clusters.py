"""The clustering step of the pipeline: profiles of a submission's objects, vectors, decisions.

``profile`` runs in the prepare phase (no shared state); ``embed`` runs between the phases,
outside the write lock (``Enricher.embed_ahead``), and ``assign`` where the pipeline decides
(the cluster index is shared state). Only objects that may be new to crimefeed are embedded:
duplicates (same id, same fingerprint, or a MinHash near duplicate) take their canonical's
cluster without any similarity work, and vectors of repeated texts come from the embedder's
cache.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from services.enrichment.clustering import Access, ClusterIndex, ClusterParams, Membership, Profile, assign
from services.enrichment.embedding import Embedder, Pending, Vector
from services.enrichment.mo_evidence import ConceptFinder, default_finder
from services.enrichment.neardup import external_ids
from shared.stix.extension import get_extension


@dataclass(frozen=True, slots=True)
class MOText:
    """A clustered object's profile and the text its vector is computed from."""

    profile: Profile
    text: str


def report_steps(
    report: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]]
) -> list[Mapping[str, Any]]:
    """The attack-patterns (MO steps) a report refers to, in its order."""
    steps = []
    for ref in report.get("object_refs", ()):
        step = by_id.get(ref)
        if step is not None and step.get("type") == "attack-pattern":
            steps.append(step)
    return steps


def _reported_category(obj: Mapping[str, Any]) -> str | None:
    ours = get_extension(obj)
    category = ours.get("crime_category")
    if not isinstance(category, str) or ours.get("crime_category_inferred") is True:
        return None
    return category


class Clusterer:
    def __init__(
        self,
        embedder: Embedder,
        *,
        report_params: ClusterParams,
        step_params: ClusterParams,
        finder: ConceptFinder | None = None,
    ) -> None:
        self.embedder = embedder
        self.report_params = report_params
        self.step_params = step_params
        self.finder = finder or default_finder()

    def profile(self, obj: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]]) -> MOText | None:
        """The profile of a report or attack-pattern (None for other types)."""
        if obj["type"] == "report":
            steps = report_steps(obj, by_id)
            parts = [str(obj.get("name") or ""), str(obj.get("description") or "")]
            parts += [str(step.get("description") or step.get("name") or "") for step in steps]
            text = "\n".join(part for part in parts if part)
            techniques = set(external_ids(obj))
            for step in steps:
                techniques |= external_ids(step)
            indicators = {
                str(by_id[ref]["pattern"])
                for ref in obj.get("object_refs", ())
                if by_id.get(ref, {}).get("type") == "indicator" and by_id[ref].get("pattern")
            }
            profile = Profile(
                object_id=obj["id"],
                stix_type="report",
                access=Access.of(obj),
                techniques=frozenset(techniques),
                indicators=frozenset(indicators),
                concepts=self.finder.concepts(text),
                category=_reported_category(obj),
            )
            return MOText(profile, text)
        if obj["type"] == "attack-pattern":
            text = str(obj.get("description") or obj.get("name") or "")
            step_techniques = external_ids(obj)
            profile = Profile(
                object_id=obj["id"],
                stix_type="attack-pattern",
                access=Access.of(obj),
                techniques=step_techniques,
                concepts=self.finder.concepts(text),
            )
            # A step with an ATT&CK/CAPEC id already has the technique's deterministic STIX id:
            # it is the technique's one object, and needs no vector (empty text: not embedded).
            return MOText(profile, "" if step_techniques else text)
        return None

    def embed(self, texts: Sequence[str]) -> list[Vector]:
        """One vector per text, computed in one batch."""
        if not texts:
            return []
        matrix = self.embedder.embed(list(texts))
        return [np.ascontiguousarray(row) for row in matrix]

    def submit(self, texts: Sequence[str]) -> Pending:
        """Start computing one vector per text (``Pending.row`` waits for one)."""
        return self.embedder.submit(list(texts))

    @staticmethod
    def placed(index: ClusterIndex, profile: Profile, duplicate_of: tuple[str, str, float] | None) -> bool:
        """Whether a duplicate takes its canonical's cluster (then it needs no vector)."""
        if duplicate_of is None:
            return False
        known = index.get(duplicate_of[0])
        return known is not None and index.may_link(profile, known)

    def params(self, stix_type: str) -> ClusterParams:
        return self.report_params if stix_type == "report" else self.step_params

    def assign(
        self,
        index: ClusterIndex,
        profile: Profile,
        vector: Vector | None,
        duplicate_of: tuple[str, str, float] | None = None,
    ) -> Membership:
        return assign(index, profile, vector, self.params(profile.stix_type), duplicate_of)
