"""MO clusters on the labelled set bench/data/mo_reports.json: quality figures and threshold tuning.

The set (CC0, written for crimefeed by authors who had not seen the clustering code): MOs, each
reported four or five times independently in EN, FR, DE, ES, IT, NL, PL or PT, some MOs grouped
as look-alikes (same channel, different scheme) that must never share a cluster. Each report is
submitted as an MO report (title, narrative, MO steps, category, first country) through the
producers' path, then clustered in a fixed pseudo-random order.

Set A's MOs are split in two halves by look-alike group (so a group is never cut in two) for
``--tune``, a grid on the tuning half. The weights and threshold in EnrichmentSettings are chosen
by ``--cross`` (below), on sets A and B.

Figures (pairs of reports): precision = pairs in one cluster that are one MO; recall = pairs of
one MO in one cluster; cross-language recall = the same over pairs written in two languages;
translations joined = pairs of a report and its translation in one cluster;
look-alike false merges = pairs of two look-alike MOs in one cluster.

Set B (``--set b``, bench/data/mo_reports_b.json) was written afterwards by another author who
saw neither the code, the vocabulary nor set A; it is scored whole. Set C (``--set c``,
bench/data/mo_reports_c.json) was written later still by a third author, blind to everything of
crimefeed, and added after the method, weights and threshold were fixed: it is only ever scored,
whole, never tuned or cross-validated on. Set D (``--set d``, bench/data/mo_reports_d.json) came
the same way from a fourth author, a round later, and is scored the same way; so did set E
(``--set e``, bench/data/mo_reports_e.json) from a fifth, asked for look-alikes that differ in one
decisive element and for reports that stress different stages of a scheme.

Cross-validation between the sets (``--cross``): a threshold chosen on one set (its lowest with
precision >= 0.99 and no look-alike merge, plus a margin) is scored on the other, in both
directions, for a few overlap weights; the shipped threshold is the larger of the two sets' lowest
admissible ones plus the margin (the pooled rule, docs/architecture.md "MO clusters").

Usage:
    python bench/mo_eval.py            # figures with the settings' parameters
    python bench/mo_eval.py --set b    # set B, whole
    python bench/mo_eval.py --set c    # set C, whole (scored only)
    python bench/mo_eval.py --set d    # set D, whole (scored only)
    python bench/mo_eval.py --set e    # set E, whole (scored only)
    python bench/mo_eval.py --tune     # grid search on the tuning half
    python bench/mo_eval.py --cross    # threshold chosen on one set, scored on the other
    python bench/mo_eval.py --support  # the same for the support threshold only
    python bench/mo_eval.py --pairs    # how well the pair score separates, and its ceiling
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from services.enrichment.app import default_enricher
from services.enrichment.clustering import ClusterIndex, ClusterParams, Member, assign, pair_score
from services.enrichment.embedding import Vector
from services.enrichment.mo_clusters import Clusterer, MOText
from services.enrichment.settings import EnrichmentSettings
from services.enrichment.state import SqliteDedupStore
from services.producers.submission import SubmissionService
from shared.anonymization.policy import load_policy
from shared.anonymization.text import TextAnonymizer
from shared.kafka.topics import Topics
from shared.models.report import MOReport
from shared.stix.extension import get_extension

DATA = Path(__file__).resolve().parent / "data" / "mo_reports.json"
# Set B: written later by another author, blind to the code, the vocabulary and set A; scored
# whole, and used with set A to cross-validate the weights and threshold (bench/data/README.md).
SETS = {
    "a": DATA,
    "b": DATA.with_name("mo_reports_b.json"),
    "c": DATA.with_name("mo_reports_c.json"),
    "d": DATA.with_name("mo_reports_d.json"),
    "e": DATA.with_name("mo_reports_e.json"),
}
# Set C is only ever scored, never tuned or cross-validated on (docs/architecture.md "MO clusters").
CROSS_VALIDATION_SETS = ("a", "b")
ORDERS = (0, 1, 2)
PARTNERS = ("bench-a", "bench-b", "bench-c", "bench-d", "bench-e")


@dataclass(frozen=True)
class Labelled:
    report_id: str
    mo_id: str
    group: str | None
    language: str
    bundle: bytes
    submission_id: str
    translation_of: str | None = None


def load(path: Path = DATA) -> tuple[list[Labelled], dict[str, str | None]]:
    data = orjson.loads(path.read_bytes())
    groups = {mo["mo_id"]: mo.get("lookalike_group") for mo in data["mos"]}
    service = SubmissionService(TextAnonymizer(load_policy()), b"bench-pseudonym-key")
    labelled = []
    for position, item in enumerate(data["reports"]):
        report = {
            "title": item["title"],
            "narrative": item["narrative"],
            "modus_operandi": [{"description": step} for step in item["modus_operandi"]],
            "crime_category": item.get("category"),
            "country": (item.get("countries") or [None])[0],
            "tlp": "green",
        }
        partner = PARTNERS[position % len(PARTNERS)]
        prepared = service.prepare_report(MOReport.model_validate(report), partner)
        labelled.append(
            Labelled(
                item["report_id"],
                item["mo_id"],
                groups.get(item["mo_id"]),
                item["lang"],
                orjson.dumps(prepared.bundle),
                prepared.submission_id,
                item.get("translation_of"),
            )
        )
    return labelled, groups


def halves(reports: Sequence[Labelled]) -> dict[str, str]:
    """MO id -> "tuning" or "held-out". Units (a look-alike group, or an MO without one) are
    sorted by a hash of their id and dealt alternately, so the halves are even and a group is
    never cut in two."""
    units: dict[str, set[str]] = {}
    for r in reports:
        units.setdefault(r.group or r.mo_id, set()).add(r.mo_id)
    order = sorted(units, key=lambda unit: hashlib.blake2b(unit.encode(), digest_size=8).digest())
    result = {}
    for position, unit in enumerate(order):
        for mo_id in units[unit]:
            result[mo_id] = "tuning" if position % 2 == 0 else "held-out"
    return result


def half(reports: Sequence[Labelled], name: str) -> list[Labelled]:
    split = halves(reports)
    return [r for r in reports if split[r.mo_id] == name]


def ordered(reports: Sequence[Labelled], seed: int) -> list[Labelled]:
    result = sorted(reports, key=lambda r: r.report_id)
    random.Random(seed).shuffle(result)
    return result


@dataclass(frozen=True)
class Quality:
    precision: float
    recall: float
    cross_language_recall: float
    translation_recall: float
    lookalike_merges: int
    false_pairs: int
    clusters: int
    mos: int

    def line(self) -> str:
        return (
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  "
            f"cross-language recall {self.cross_language_recall:.3f}  "
            f"translations joined {self.translation_recall:.3f}  "
            f"look-alike false merges {self.lookalike_merges}  false pairs {self.false_pairs}  "
            f"clusters {self.clusters} for {self.mos} MOs"
        )


def quality(reports: Sequence[Labelled], cluster_of: dict[str, str]) -> Quality:
    together = true_together = same = same_found = cross = cross_found = lookalike = 0
    translations = translations_found = 0
    for a, b in itertools.combinations(reports, 2):
        joined = cluster_of[a.report_id] == cluster_of[b.report_id]
        one_mo = a.mo_id == b.mo_id
        together += joined
        true_together += joined and one_mo
        if one_mo:
            same += 1
            same_found += joined
            if a.language != b.language:
                cross += 1
                cross_found += joined
            if a.report_id == b.translation_of or b.report_id == a.translation_of:
                translations += 1
                translations_found += joined
        elif joined and a.group is not None and a.group == b.group:
            lookalike += 1
    return Quality(
        precision=true_together / together if together else 1.0,
        recall=same_found / same if same else 1.0,
        cross_language_recall=cross_found / cross if cross else 1.0,
        translation_recall=translations_found / translations if translations else 1.0,
        lookalike_merges=lookalike,
        false_pairs=together - true_together,
        clusters=len({cluster_of[r.report_id] for r in reports}),
        mos=len({r.mo_id for r in reports}),
    )


def pipeline_clusters(
    reports: Sequence[Labelled], settings: EnrichmentSettings, clusterer: Clusterer | None = None
) -> dict[str, str]:
    """Report id -> MO cluster, decided by the production pipeline (one submission a batch).

    ``clusterer`` may be shared between runs: its embedder's cache then spares the model work.
    """
    enricher = default_enricher(settings, Topics("bench."))
    enricher.clusterer = clusterer or enricher.clusterer
    store = SqliteDedupStore(":memory:", settings.neardup_threshold, settings.neardup_num_perm)
    result: dict[str, str] = {}
    for item in reports:
        prepared = enricher.prepare(item.bundle, item.submission_id.encode())
        with store.session() as session:
            decision = enricher.decide(session, [prepared])
        for output in decision.outputs:
            if output.obj["type"] == "report":
                result[item.report_id] = get_extension(output.obj)["mo_cluster"]["canonical_ref"]
    return result


@dataclass(frozen=True)
class Prepared:
    item: Labelled
    mo: MOText
    vector: Vector


def prepare_all(
    reports: Sequence[Labelled], clusterer: Clusterer, settings: EnrichmentSettings
) -> list[Prepared]:
    enricher = default_enricher(settings, Topics("bench."))
    texts: list[MOText] = []
    for item in reports:
        bundle = enricher.prepare(item.bundle, item.submission_id.encode())
        texts.append(next(p.mo for p in bundle.objects if p.obj["type"] == "report" and p.mo))
    vectors = clusterer.embed([text.text for text in texts])
    return [Prepared(item, text, vector) for item, text, vector in zip(reports, texts, vectors, strict=True)]


def simulate(prepared: Iterable[Prepared], params: ClusterParams) -> dict[str, str]:
    """The clustering decisions alone (what ``Enricher.decide`` does for new reports)."""
    index = ClusterIndex()
    result = {}
    for entry in prepared:
        membership = assign(index, entry.mo.profile, entry.vector, params)
        index.add(Member(entry.mo.profile, entry.vector, membership))
        result[entry.item.report_id] = membership.cluster_id
    return result


def worst(results: Sequence[Quality]) -> Quality:
    return Quality(
        precision=min(r.precision for r in results),
        recall=min(r.recall for r in results),
        cross_language_recall=min(r.cross_language_recall for r in results),
        translation_recall=min(r.translation_recall for r in results),
        lookalike_merges=max(r.lookalike_merges for r in results),
        false_pairs=max(r.false_pairs for r in results),
        clusters=max(r.clusters for r in results),
        mos=results[0].mos,
    )


def tune(reports: Sequence[Labelled], settings: EnrichmentSettings) -> None:
    tuning = half(reports, "tuning")
    clusterer = default_enricher(settings, Topics("bench.")).clusterer
    assert clusterer is not None
    prepared = prepare_all(tuning, clusterer, settings)
    runs = {seed: [p for r in ordered(tuning, seed) for p in prepared if p.item is r] for seed in ORDERS}
    print(
        f"tuning half: {len(tuning)} reports of {len({r.mo_id for r in tuning})} MOs; "
        f"worst of {len(ORDERS)} orders"
    )
    base = settings.cluster_params()
    candidates = []
    for concept_weight, concept_conflict, overlap_weight in itertools.product(
        (0.03, 0.06), (0.08, 0.15), (0.0, 0.05, 0.1, 0.15, 0.2)
    ):
        for step in range(0, 26):
            threshold = round(0.68 + step * 0.01, 2)
            params = replace(
                base,
                threshold=threshold,
                concept_weight=concept_weight,
                concept_conflict=concept_conflict,
                overlap_weight=overlap_weight,
            )
            result = worst([quality(tuning, simulate(run, params)) for run in runs.values()])
            candidates.append((params, result))
    admissible = [(p, q) for p, q in candidates if q.precision >= 0.99 and q.lookalike_merges == 0]
    admissible.sort(key=lambda pq: (-pq[1].recall, -pq[1].cross_language_recall, -pq[0].threshold))
    print("best admissible (precision >= 0.99, no look-alike merge on the tuning half):")
    for params, result in admissible[:12]:
        print(f"  {describe(params)}: {result.line()}")
    # The tuning half's highest look-alike score does not bound another set's: the shipped
    # threshold sits a margin above the lowest admissible one (docs/architecture.md).
    print("lowest admissible threshold per weighting (ship it plus a margin):")
    onsets: dict[tuple[float, float, float], tuple[ClusterParams, Quality]] = {}
    for params, result in sorted(candidates, key=lambda pq: pq[0].threshold):
        key = (params.concept_weight, params.concept_conflict, params.overlap_weight)
        if key not in onsets and result.precision >= 0.99 and result.lookalike_merges == 0:
            onsets[key] = (params, result)
    for params, result in onsets.values():
        print(f"  {describe(params)}: {result.line()}")


def admissible(result: Quality) -> bool:
    """The rule a threshold must pass on a set it is chosen on."""
    return result.precision >= 0.99 and result.lookalike_merges == 0


def lowest_admissible(
    thresholds: Sequence[float], evaluate: Callable[[float], Quality]
) -> tuple[float, Quality] | None:
    """The lowest threshold (from the sorted grid) whose figures are admissible, with them."""
    for threshold in sorted(thresholds):
        result = evaluate(threshold)
        if admissible(result):
            return threshold, result
    return None


def pooled_threshold(onsets: Iterable[float], margin: float) -> float:
    """The threshold to ship: the highest of the sets' lowest admissible ones, plus a margin (one
    set's highest look-alike score does not bound another's)."""
    return round(max(onsets) + margin, 4)


CROSS_THRESHOLDS = tuple(round(0.66 + step * 0.01, 2) for step in range(0, 30))
# Weightings compared by cross-validation: agreement +/-, overlap, category conflict.
CROSS_WEIGHTINGS = tuple(itertools.product((0.03, 0.06, 0.1), (0.08, 0.15), (0.05, 0.1, 0.15), (0.1, 0.2)))
MARGIN = 0.02


@dataclass(frozen=True)
class Weighting:
    """One weighting's lowest admissible threshold on each set (None: none in the grid)."""

    params: ClusterParams
    onsets: dict[str, tuple[float, Quality] | None]

    def recall_at_onset(self, name: str) -> float:
        onset = self.onsets[name]
        return -1.0 if onset is None else onset[1].recall


def cross(settings: EnrichmentSettings, *, support_only: bool = False) -> None:
    """Cross-validation between the sets: a weighting and threshold chosen on one set (the best
    recall at its lowest admissible threshold, plus the margin) scored on the other, both ways;
    and the pooled choice (the best worst-set recall at the pooled threshold). Then the support
    threshold, the same way, for the shipped weighting and threshold (``support_only``: only it)."""
    clusterer = default_enricher(settings, Topics("bench.")).clusterer
    assert clusterer is not None
    runs: dict[str, tuple[list[Labelled], list[list[Prepared]]]] = {}
    for name in CROSS_VALIDATION_SETS:
        reports, _ = load(SETS[name])
        prepared = {p.item.report_id: p for p in prepare_all(reports, clusterer, settings)}
        runs[name] = (reports, [[prepared[r.report_id] for r in ordered(reports, seed)] for seed in ORDERS])

    def evaluate(name: str, params: ClusterParams) -> Quality:
        reports, orders = runs[name]
        return worst([quality(reports, simulate(order, params)) for order in orders])

    def at(name: str, params: ClusterParams) -> Callable[[float], Quality]:
        return lambda threshold: evaluate(name, replace(params, threshold=threshold))

    if support_only:
        cross_support(settings.cluster_params(), evaluate)
        return
    # The weightings and threshold are compared with single link alone (one close member); the
    # support threshold (two moderately close members) is chosen after them, for the shipped ones.
    base = replace(settings.cluster_params(), support_threshold=None)
    weightings = []
    for concept_weight, concept_conflict, overlap_weight, category_conflict in CROSS_WEIGHTINGS:
        params = replace(
            base,
            concept_weight=concept_weight,
            concept_conflict=concept_conflict,
            overlap_weight=overlap_weight,
            category_conflict=category_conflict,
        )
        onsets = {name: lowest_admissible(CROSS_THRESHOLDS, at(name, params)) for name in runs}
        weightings.append(Weighting(params, onsets))
    print(f"cross-validation between sets {', '.join(runs)}; worst of {len(ORDERS)} orders, margin {MARGIN}")
    for chosen, scored in itertools.permutations(runs, 2):
        best = max(weightings, key=lambda w: w.recall_at_onset(chosen))
        onset = best.onsets[chosen]
        if onset is None:
            continue
        params = replace(best.params, threshold=round(onset[0] + MARGIN, 4))
        print(f"chosen on {chosen}: {describe(params)} category -{params.category_conflict}")
        for name in (chosen, scored):
            print(f"  set {name}: {evaluate(name, params).line()}")
    complete = [w for w in weightings if all(o is not None for o in w.onsets.values())]
    ranked = []
    for weighting in complete:
        threshold = pooled_threshold([o[0] for o in weighting.onsets.values() if o is not None], MARGIN)
        params = replace(weighting.params, threshold=threshold)
        results = {name: evaluate(name, params) for name in runs}
        ranked.append((min(r.recall for r in results.values()), params, results))
    ranked.sort(key=lambda item: -item[0])
    print("pooled (the highest lowest-admissible threshold of the sets plus the margin), best first:")
    for _, params, results in ranked[:6]:
        print(f"  {describe(params)} category -{params.category_conflict}")
        for name, result in results.items():
            print(f"    set {name}: {result.line()}")
    cross_support(settings.cluster_params(), evaluate)


SUPPORT_THRESHOLDS = tuple(round(0.6 + step * 0.01, 2) for step in range(0, 20))


def cross_support(shipped: ClusterParams, evaluate: Callable[[str, ClusterParams], Quality]) -> None:
    """The support threshold for the shipped weights and threshold, chosen the same way: each set's
    lowest admissible one, one set's (plus the margin) scored on the other, and the pooled one."""
    names = CROSS_VALIDATION_SETS
    print(f"support threshold, with {describe(replace(shipped, support_threshold=None))}:")
    for name in names:
        alone = evaluate(name, replace(shipped, support_threshold=None))
        print(f"  without support, set {name}: {alone.line()}")
    candidates = [t for t in SUPPORT_THRESHOLDS if t < shipped.threshold]
    onsets = {}

    def at(name: str) -> Callable[[float], Quality]:
        return lambda support: evaluate(name, replace(shipped, support_threshold=support))

    for name in names:
        onset = lowest_admissible(candidates, at(name))
        print(f"  set {name}: lowest admissible {onset[0] if onset else None}")
        if onset is not None:
            onsets[name] = onset[0]
    for chosen, scored in itertools.permutations(names, 2):
        if chosen in onsets:
            params = replace(shipped, support_threshold=round(onsets[chosen] + MARGIN, 4))
            result = evaluate(scored, params)
            print(f"  chosen on {chosen} ({params.support_threshold}), set {scored}: {result.line()}")
    if len(onsets) == len(names):
        params = replace(shipped, support_threshold=pooled_threshold(onsets.values(), MARGIN))
        print(f"  pooled ({params.support_threshold}):")
        for name in names:
            print(f"    set {name}: {evaluate(name, params).line()}")


@dataclass(frozen=True)
class Separation:
    """How well a pair score tells reports of one MO from other pairs, whatever the threshold."""

    auc: float
    """Probability that a pair of one MO scores above a pair of two MOs."""
    lookalike_auc: float
    """The same against pairs of two look-alike MOs only."""
    highest_lookalike: float
    above: float
    """Share of the pairs of one MO scoring above the highest look-alike pair: what a threshold
    that merges no look-alike pair can link directly (single link can chain a little more)."""

    def line(self) -> str:
        return (
            f"AUC {self.auc:.3f}  against look-alikes {self.lookalike_auc:.3f}  highest look-alike "
            f"pair {self.highest_lookalike:.3f}  pairs of one MO above it {self.above:.3f}"
        )


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Mann-Whitney AUC (ties count a half)."""
    below = np.sort(np.asarray(negatives, dtype=np.float64))
    found = np.asarray(positives, dtype=np.float64)
    lower = np.searchsorted(below, found, side="left")
    upper = np.searchsorted(below, found, side="right")
    return float((lower + (upper - lower) / 2).sum() / (len(found) * len(below)))


def separation(rows: Sequence[tuple[float, bool, bool]]) -> Separation:
    """From (score, one MO, look-alike MOs) per pair; needs pairs of each kind."""
    same = [score for score, one_mo, _ in rows if one_mo]
    other = [score for score, one_mo, _ in rows if not one_mo]
    lookalike = [score for score, one_mo, look in rows if look and not one_mo]
    highest = max(lookalike)
    return Separation(
        auc=auc(same, other),
        lookalike_auc=auc(same, lookalike),
        highest_lookalike=highest,
        above=sum(score > highest for score in same) / len(same),
    )


Scores = np.ndarray[Any, np.dtype[np.float64]]


@dataclass(frozen=True)
class Ceiling:
    """The best any threshold could do on one set if clusters were built offline by average link
    (every pair score known in advance, the threshold chosen on the set itself)."""

    recall: float
    precision: float
    score: float
    """The average score of the last merge kept."""


def average_link_ceiling(scores: Scores, mo_ids: Sequence[str], groups: Sequence[str | None]) -> Ceiling:
    """Merge the two clusters of highest average pair score, one merge at a time, and keep the
    state of highest recall whose precision is at least 0.98 with no look-alike pair together
    (merges never split, so the first look-alike merge ends the search)."""
    size = len(mo_ids)
    mo_index = {mo: i for i, mo in enumerate(sorted(set(mo_ids)))}
    group_index = {g: i for i, g in enumerate(sorted({g for g in groups if g}))}
    counts = np.zeros((size, len(mo_index)))
    counts[np.arange(size), [mo_index[mo] for mo in mo_ids]] = 1
    of_group = np.zeros((len(mo_index), max(len(group_index), 1)))
    for mo, group in zip(mo_ids, groups, strict=True):
        if group:
            of_group[mo_index[mo], group_index[group]] = 1
    total_same = float(sum(n * (n - 1) / 2 for n in counts.sum(0)))
    sums = scores.astype(np.float64).copy()
    np.fill_diagonal(sums, 0.0)
    sizes = np.ones(size)
    active = np.ones(size, dtype=bool)
    together = same = 0.0
    best = Ceiling(0.0, 1.0, float("inf"))
    for _ in range(size - 1):
        average = sums / np.outer(sizes, sizes)
        average[~active, :] = -np.inf
        average[:, ~active] = -np.inf
        np.fill_diagonal(average, -np.inf)
        first, second = np.unravel_index(int(np.argmax(average)), average.shape)
        shared = float(counts[first] @ counts[second])
        lookalike = float((counts[first] @ of_group) @ (counts[second] @ of_group)) - float(
            (counts[first] * counts[second]) @ of_group.sum(1)
        )
        if lookalike > 0:
            break
        together += sizes[first] * sizes[second]
        same += shared
        score = float(average[first, second])
        sums[first] += sums[second]
        sums[:, first] += sums[:, second]
        sums[first, first] = 0.0
        counts[first] += counts[second]
        sizes[first] += sizes[second]
        active[second] = False
        precision = same / together
        if precision >= 0.98 and same / total_same > best.recall:
            best = Ceiling(same / total_same, precision, score)
    return best


def pair_scores(prepared: Sequence[Prepared], params: ClusterParams) -> list[tuple[float, bool, bool]]:
    """Every pair's score as the clustering computes it (without the TLP rule or the threshold)."""
    rows = []
    for a, b in itertools.combinations(prepared, 2):
        similarity = float(np.dot(a.vector.astype(np.float64), b.vector.astype(np.float64)))
        score = pair_score(params, similarity, b.mo.profile, a.mo.profile).score
        one_mo = a.item.mo_id == b.item.mo_id
        rows.append((score, one_mo, a.item.group is not None and a.item.group == b.item.group))
    return rows


def pairs_report(settings: EnrichmentSettings) -> None:
    clusterer = default_enricher(settings, Topics("bench.")).clusterer
    assert clusterer is not None
    params = settings.cluster_params()
    print(f"pair scores ({describe(params)}); similarity alone is the score without evidence")
    bare = replace(
        params,
        technique_weight=0,
        indicator_weight=0,
        concept_weight=0,
        concept_conflict=0,
        overlap_weight=0,
        category_conflict=0,
    )
    for name, path in sorted(SETS.items()):
        prepared = prepare_all(load(path)[0], clusterer, settings)
        print(f"  set {name}, score:           {separation(pair_scores(prepared, params)).line()}")
        print(f"  set {name}, similarity alone: {separation(pair_scores(prepared, bare)).line()}")
        best = average_link_ceiling(
            score_matrix(prepared, params), [p.item.mo_id for p in prepared], [p.item.group for p in prepared]
        )
        print(
            f"  set {name}, average-link ceiling (threshold chosen on the set): recall {best.recall:.3f} "
            f"precision {best.precision:.3f} down to score {best.score:.3f}"
        )


def score_matrix(prepared: Sequence[Prepared], params: ClusterParams) -> Scores:
    """Every pair's score (symmetric: the later report scored against the earlier, as streamed)."""
    matrix = np.zeros((len(prepared), len(prepared)))
    for (i, a), (j, b) in itertools.combinations(enumerate(prepared), 2):
        similarity = float(np.dot(a.vector.astype(np.float64), b.vector.astype(np.float64)))
        matrix[i, j] = matrix[j, i] = pair_score(params, similarity, b.mo.profile, a.mo.profile).score
    return matrix


def describe(params: ClusterParams) -> str:
    support = "off" if params.support_threshold is None else f"{params.support_threshold:.2f}"
    return (
        f"threshold {params.threshold:.2f} support {support} "
        f"concept +{params.concept_weight}/-{params.concept_conflict} "
        f"overlap +{params.overlap_weight} technique +{params.technique_weight}"
    )


def report(reports: Sequence[Labelled], settings: EnrichmentSettings, *, whole: bool = False) -> None:
    subsets = {"all": list(reports)}
    if not whole:
        subsets = {"held-out": half(reports, "held-out"), "tuning": half(reports, "tuning"), **subsets}
    params = settings.cluster_params()
    print(
        f"MO clusters, labelled set: {len(reports)} reports, {len({r.mo_id for r in reports})} MOs; "
        f"{describe(params)}/-{params.technique_conflict}"
    )
    clusterer = default_enricher(settings, Topics("bench.")).clusterer
    for name, subset in subsets.items():
        for seed in ORDERS:
            started = time.perf_counter()
            clusters = pipeline_clusters(ordered(subset, seed), settings, clusterer)
            elapsed = time.perf_counter() - started
            print(f"  {name:8} order {seed}: {quality(subset, clusters).line()}  ({elapsed:.1f}s)")


def split_mos(reports: Sequence[Labelled], clusters: dict[str, str]) -> list[str]:
    """MOs split over several clusters, and clusters holding several MOs (for the closing note)."""
    lines = []
    by_mo: dict[str, set[str]] = {}
    by_cluster: dict[str, set[str]] = {}
    for r in reports:
        by_mo.setdefault(r.mo_id, set()).add(clusters[r.report_id])
        by_cluster.setdefault(clusters[r.report_id], set()).add(r.mo_id)
    lines += [f"split: {mo} in {len(c)} clusters" for mo, c in sorted(by_mo.items()) if len(c) > 1]
    lines += [f"merged: {sorted(m)}" for m in by_cluster.values() if len(m) > 1]
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--set", choices=sorted(SETS), default="a", help="a: halves and whole; others: whole")
    parser.add_argument("--tune", action="store_true", help="grid search on set a's tuning half")
    parser.add_argument(
        "--cross", action="store_true", help="threshold chosen on one set, scored on the other"
    )
    parser.add_argument(
        "--support", action="store_true", help="only the support threshold's cross-validation"
    )
    parser.add_argument(
        "--pairs", action="store_true", help="how well the pair score separates, on both sets"
    )
    parser.add_argument("--details", action="store_true", help="list split and merged MOs")
    arguments = parser.parse_args(argv)
    if arguments.tune and arguments.set != "a":
        parser.error("only set a is tuned on")
    reports, _ = load(SETS[arguments.set])
    with tempfile.TemporaryDirectory() as data_dir:
        settings = EnrichmentSettings(data_dir=Path(data_dir))
        if arguments.cross or arguments.support:
            cross(settings, support_only=arguments.support)
            return
        if arguments.pairs:
            pairs_report(settings)
            return
        if arguments.tune:
            tune(reports, settings)
            return
        report(reports, settings, whole=arguments.set != "a")
        if arguments.details and arguments.set == "a":
            held_out = half(reports, "held-out")
            for line in split_mos(held_out, pipeline_clusters(ordered(held_out, 0), settings)):
                print("  held-out " + line)


if __name__ == "__main__":
    main()
