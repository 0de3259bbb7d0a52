"""MO clusters: reports (and MO steps) that describe one modus operandi, in any wording or language.

Every report belongs to one cluster. The first report of an MO founds it and is its canonical
object; a later report whose MO matches a member closely, or two members moderately (the
support threshold), joins, and records in crimefeed's extension
``mo_cluster {canonical_ref, method, score, evidence}``: the canonical's STIX id, how it was
decided (``new``, ``fingerprint``, ``minhash``, ``embedding``), the score and what decided it.
MO-step attack-patterns are clustered the same way, among themselves.

The score of a report against a member combines what does not depend on wording:
- the cosine similarity of their multilingual sentence embeddings (``embedding.py``);
- ATT&CK/CAPEC ids of their steps (shared ids add, disjoint ones subtract);
- offender indicators in common (the same phishing domain is the same campaign);
- concepts (``mo_evidence.py``): per agreement facet (channel, lure, payment) both name,
  agreement adds and disagreement subtracts, so an SMS about a parcel and an SMS about a blocked
  bank account (same channel, different scheme) stay apart; and the cosine of the two concept
  sets over the overlap facets (who is impersonated, what the victim is told and asked for,
  tools, money, goods, setting) adds, weighted: two reports of one scheme in two languages name
  many of the same concepts where their sentence vectors are only loosely alike;
- a reported crime category that differs subtracts: partners file one scheme under different
  categories (fraud, phishing, other), so it is evidence against a match, not a veto.
Weights and thresholds are settings (``EnrichmentSettings.cluster_*``), chosen on a labelled
set with ``bench/enrichment.py``.

TLP: a report may join a cluster only if everyone who may read the report may also read the
cluster's canonical and the member it matched (``Access.covers``): links live on the stricter
object and never point a reader at something it cannot read. A reader's view of a cluster is
then whatever members the store lets it read.

Determinism: a decision depends only on the members decided before (in the order enrichment
decides submissions, which the shared state serializes) and ties go to the smaller id, so
replicas and restarts reach the same clusters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import orjson

from services.enrichment.embedding import DIMENSIONS, Vector
from services.enrichment.mo_evidence import facets, overlap
from shared.access import effective_tlp, recipients_of
from shared.models.report import TLP
from shared.stix.markings import tlp_rank

CLUSTERED_TYPES = frozenset({"report", "attack-pattern"})
AGREEMENT_FACETS = ("channel", "lure", "payment")
_OPEN = frozenset({TLP.CLEAR, TLP.GREEN, TLP.AMBER})


@dataclass(frozen=True, slots=True)
class Access:
    """Who may read an object: its TLP, submitter (pseudonym) and RED recipients."""

    tlp: TLP
    owner: str | None
    recipients: tuple[str, ...] = ()

    @classmethod
    def of(cls, obj: Mapping[str, Any]) -> Access:
        owner = obj.get("created_by_ref")
        return cls(effective_tlp(obj), owner if isinstance(owner, str) else None, recipients_of(obj))

    def covers(self, member: Access) -> bool:
        """Whether everyone who may read ``member`` may also read this object (shared/access.py)."""
        if self.tlp in _OPEN:
            # Readers of a stricter level are cleared above this one; AMBER+STRICT and RED
            # readers are cleared above AMBER.
            return tlp_rank(member.tlp) >= tlp_rank(self.tlp)
        if member.owner is None or member.owner != self.owner:
            return False
        if self.tlp is TLP.AMBER_STRICT:
            return member.tlp is TLP.AMBER_STRICT or (member.tlp is TLP.RED and not member.recipients)
        return member.tlp is TLP.RED and set(member.recipients) <= set(self.recipients)


@dataclass(frozen=True, slots=True)
class Profile:
    """What the clustering compares besides the text's vector."""

    object_id: str
    stix_type: str
    access: Access
    techniques: frozenset[str] = frozenset()
    indicators: frozenset[str] = frozenset()
    concepts: frozenset[str] = frozenset()
    category: str | None = None
    """The reported crime category (an inferred one is not evidence enough to keep MOs apart)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.object_id,
            "type": self.stix_type,
            "tlp": self.access.tlp.value,
            "owner": self.access.owner,
            "recipients": list(self.access.recipients),
            "techniques": sorted(self.techniques),
            "indicators": sorted(self.indicators),
            "concepts": sorted(self.concepts),
            "category": self.category,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Profile:
        return cls(
            object_id=data["id"],
            stix_type=data["type"],
            access=Access(TLP(data["tlp"]), data["owner"], tuple(data["recipients"])),
            techniques=frozenset(data["techniques"]),
            indicators=frozenset(data["indicators"]),
            concepts=frozenset(data["concepts"]),
            category=data["category"],
        )


@dataclass(frozen=True, slots=True)
class Membership:
    """Which cluster an object is in, and why."""

    cluster_id: str
    method: str
    score: float
    evidence: Mapping[str, Any] = field(default_factory=dict)

    def extension(self) -> dict[str, Any]:
        """The ``mo_cluster`` property of crimefeed's extension."""
        block: dict[str, Any] = {
            "canonical_ref": self.cluster_id,
            "method": self.method,
            "score": round(self.score, 4),
        }
        if self.evidence:
            block["evidence"] = dict(self.evidence)
        return block

    @classmethod
    def from_extension(cls, block: Mapping[str, Any]) -> Membership:
        return cls(
            block["canonical_ref"], block["method"], float(block["score"]), block.get("evidence") or {}
        )


@dataclass(frozen=True, slots=True)
class Member:
    profile: Profile
    vector: Vector | None
    membership: Membership

    def to_row(self) -> tuple[str, str, bytes, bytes | None]:
        payload = orjson.dumps({"profile": self.profile.to_json(), "membership": self.membership.extension()})
        vector = None if self.vector is None else self.vector.astype(np.float32).tobytes()
        return self.profile.object_id, self.membership.cluster_id, payload, vector

    @classmethod
    def from_row(cls, payload: bytes, vector: bytes | None) -> Member:
        data = orjson.loads(payload)
        return cls(
            Profile.from_json(data["profile"]),
            None if vector is None else np.frombuffer(vector, dtype=np.float32),
            Membership.from_extension(data["membership"]),
        )


@dataclass(frozen=True, slots=True)
class ClusterParams:
    """How evidence adds up; see EnrichmentSettings.cluster_* for what each one means."""

    threshold: float = 0.62
    technique_weight: float = 0.1
    technique_conflict: float = 0.0
    indicator_weight: float = 0.15
    concept_weight: float = 0.04
    concept_conflict: float = 0.12
    overlap_weight: float = 0.0
    category_conflict: float = 0.1
    agreement_facets: tuple[str, ...] = AGREEMENT_FACETS
    overlap_facets: tuple[str, ...] = ()
    support_threshold: float | None = None
    """A cluster two of whose members each score at least this is joined too (None: off)."""

    @property
    def floor(self) -> float:
        """The lowest pair score that can decide a match (the threshold, or the support one)."""
        if self.support_threshold is None:
            return self.threshold
        return min(self.threshold, self.support_threshold)

    @property
    def max_bonus(self) -> float:
        return (
            self.technique_weight
            + self.indicator_weight
            + self.concept_weight * len(self.agreement_facets)
            + self.overlap_weight
        )

    def bonus_within_reach(self, profile: Profile) -> float:
        """The most that evidence can add to ``profile``'s score against any member: only what
        the profile itself names can be shared, so the candidate floor can be that much higher."""
        named = {concept.split(":", 1)[0] for concept in profile.concepts}
        return (
            (self.technique_weight if profile.techniques else 0.0)
            + (self.indicator_weight if profile.indicators else 0.0)
            + self.concept_weight * len(named.intersection(self.agreement_facets))
            + (self.overlap_weight if named.intersection(self.overlap_facets) else 0.0)
        )


@dataclass(frozen=True, slots=True)
class Scored:
    score: float
    evidence: dict[str, Any]


def pair_score(params: ClusterParams, similarity: float, new: Profile, member: Profile) -> Scored:
    """The combined score of two profiles whose vectors have cosine ``similarity``."""
    score = similarity
    evidence: dict[str, Any] = {"similarity": round(similarity, 4), "matched_ref": member.object_id}
    if new.category and member.category and new.category != member.category:
        score -= params.category_conflict
        evidence["category_conflict"] = True
    if new.techniques and member.techniques:
        shared = new.techniques & member.techniques
        if shared:
            score += params.technique_weight * len(shared) / len(new.techniques | member.techniques)
            evidence["techniques"] = sorted(shared)
        else:
            score -= params.technique_conflict
    shared_indicators = new.indicators & member.indicators
    if shared_indicators:
        score += params.indicator_weight
        evidence["indicators"] = len(shared_indicators)
    mine, theirs = facets(new.concepts), facets(member.concepts)
    agreed: list[str] = []
    conflicts: list[str] = []
    for facet in params.agreement_facets:
        if facet in mine and facet in theirs:
            common = mine[facet] & theirs[facet]
            if common:
                agreed.extend(common)
                score += params.concept_weight
            else:
                conflicts.append(facet)
                score -= params.concept_conflict
    if agreed:
        evidence["concepts"] = sorted(agreed)
    if conflicts:
        evidence["conflicts"] = conflicts
    if params.overlap_weight:
        concept_overlap = overlap(new.concepts, member.concepts, params.overlap_facets)
        if concept_overlap:
            score += params.overlap_weight * concept_overlap
            evidence["concept_overlap"] = round(concept_overlap, 4)
    return Scored(score, evidence)


class _TypeIndex:
    """The members of one STIX type, their vectors in one matrix for a single product per query."""

    def __init__(self) -> None:
        self.members: list[Member] = []
        self._matrix = np.zeros((64, DIMENSIONS), dtype=np.float32)
        self._rows: list[int] = []  # member index of each matrix row

    def add(self, member: Member) -> None:
        self.members.append(member)
        if member.vector is None:
            return
        row = len(self._rows)
        if row == len(self._matrix):
            self._matrix = np.concatenate([self._matrix, np.zeros_like(self._matrix)])
        self._matrix[row] = member.vector
        self._rows.append(len(self.members) - 1)

    def similar(self, vector: Vector, floor: float) -> list[tuple[Member, float]]:
        """Members whose vector's cosine with ``vector`` reaches ``floor``."""
        if not self._rows:
            return []
        # float32 to find candidates fast; each candidate's score again in float64, pair by pair,
        # so it never depends on how BLAS blocked the product (replicas must agree exactly).
        rough = self._matrix[: len(self._rows)] @ vector
        hits = np.flatnonzero(rough >= floor - 1e-4)
        exact = vector.astype(np.float64)
        found = []
        for row in hits:
            member = self.members[self._rows[row]]
            assert member.vector is not None
            similarity = float(np.dot(member.vector.astype(np.float64), exact))
            if similarity >= floor:
                found.append((member, similarity))
        return found


class ClusterIndex:
    """Every clustered object's membership, in memory; the durable copy lives in the state."""

    def __init__(self) -> None:
        self._by_type: dict[str, _TypeIndex] = {}
        self._by_id: dict[str, Member] = {}

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, object_id: str) -> bool:
        return object_id in self._by_id

    def get(self, object_id: str) -> Member | None:
        return self._by_id.get(object_id)

    def add(self, member: Member) -> None:
        object_id = member.profile.object_id
        if object_id in self._by_id:
            return
        self._by_id[object_id] = member
        self._by_type.setdefault(member.profile.stix_type, _TypeIndex()).add(member)

    def members(self, stix_type: str) -> list[Member]:
        index = self._by_type.get(stix_type)
        return list(index.members) if index else []

    def best(self, profile: Profile, vector: Vector, params: ClusterParams) -> Membership | None:
        """The cluster the profile matches best, among those it may link to: a cluster matches if
        one member scores at or above the threshold (its score: that member's), or if two members
        each score at or above the support threshold (its score: the lower of the two). The
        highest score wins; ties go to the smaller cluster id."""
        index = self._by_type.get(profile.stix_type)
        if index is None or not vector.any():
            return None
        reach = params.bonus_within_reach(profile)
        candidates = [
            (member, similarity)
            for member, similarity in index.similar(vector, params.floor - reach)
            if member.profile.object_id != profile.object_id and self.may_link(profile, member)
        ]
        close = [(m, s) for m, s in candidates if s >= params.threshold - reach]
        found = self._best_of(profile, close, replace(params, support_threshold=None))
        if found is not None or params.support_threshold is None:
            # A close member's score reaches the threshold, above any supported one's: the
            # moderately close members need not be scored at all.
            return found
        return self._best_of(profile, candidates, params)

    @staticmethod
    def _best_of(
        profile: Profile, candidates: list[tuple[Member, float]], params: ClusterParams
    ) -> Membership | None:
        by_cluster: dict[str, list[Scored]] = {}
        for member, similarity in candidates:
            scored = pair_score(params, similarity, profile, member.profile)
            if scored.score >= params.floor:
                by_cluster.setdefault(member.membership.cluster_id, []).append(scored)
        best: Membership | None = None
        for cluster_id, scores in by_cluster.items():
            found = _cluster_match(cluster_id, scores, params)
            if found is not None and (
                best is None
                or found.score > best.score
                or (found.score == best.score and cluster_id < best.cluster_id)
            ):
                best = found
        return best

    def may_link(self, profile: Profile, member: Member) -> bool:
        """Whether ``profile`` may refer to ``member`` and to its cluster's canonical (TLP)."""
        canonical = self._by_id.get(member.membership.cluster_id)
        if canonical is None or not canonical.profile.access.covers(profile.access):
            return False
        return member.profile.access.covers(profile.access)


def _cluster_match(cluster_id: str, scores: list[Scored], params: ClusterParams) -> Membership | None:
    """How a cluster matches, from its members' pair scores at or above ``params.floor``.

    One close member is enough; otherwise two members that each match moderately: a look-alike
    scheme's report can come close to one report of another scheme, but less often to two of
    them, while independent reports of one scheme each share some of it.
    """
    # Highest first; equal scores stay in the order members were decided (a stable sort).
    ranked = sorted(scores, key=lambda scored: -scored.score)
    top = ranked[0]
    if top.score >= params.threshold:
        return Membership(cluster_id, "embedding", top.score, top.evidence)
    support = params.support_threshold
    if support is None or len(ranked) < 2 or ranked[1].score < support:
        return None
    evidence = {**top.evidence, "support_ref": ranked[1].evidence["matched_ref"]}
    return Membership(cluster_id, "embedding", ranked[1].score, evidence)


def assign(
    index: ClusterIndex,
    profile: Profile,
    vector: Vector | None,
    params: ClusterParams,
    duplicate_of: tuple[str, str, float] | None = None,
) -> Membership:
    """The cluster of a new object: its duplicate's (``(canonical id, method, score)`` from
    dedup), else the best matching cluster, else a new one it is the canonical of."""
    if duplicate_of is not None:
        canonical_id, method, score = duplicate_of
        known = index.get(canonical_id)
        if known is not None and index.may_link(profile, known):
            return Membership(known.membership.cluster_id, method, score, {"duplicate_of": canonical_id})
    if vector is not None:
        found = index.best(profile, vector, params)
        if found is not None:
            return found
    return Membership(profile.object_id, "new", 1.0)


def cluster_sizes(members: Iterable[Member]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for member in members:
        sizes[member.membership.cluster_id] = sizes.get(member.membership.cluster_id, 0) + 1
    return sizes
