"""Bundles as the producers build them, and the production pipeline components for tests."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from aiokafka.structs import ConsumerRecord

from services.enrichment.embedding import Embedder
from services.enrichment.mo_clusters import Clusterer
from services.enrichment.neardup import MinHasher
from services.enrichment.pipeline import COUNTED_TYPES, Enricher
from services.enrichment.routing import route
from services.enrichment.settings import EnrichmentSettings
from services.enrichment.tagging import Tagger
from services.enrichment.trends import TrendTracker
from services.producers.demo.generator import DemoSubmission, generate_demo_set
from services.producers.submission import SubmissionService
from shared.anonymization.policy import load_policy
from shared.anonymization.text import TextAnonymizer
from shared.kafka.topics import Topics
from shared.models.report import MOReport
from shared.stix import ids
from shared.stix.builder import build_report_bundle, make_bundle
from shared.stix.extension import get_extension

Clock = Callable[[], datetime]
T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def report(**overrides: Any) -> MOReport:
    fields: dict[str, Any] = {
        "title": "Parcel-delivery smishing leading to card enrolment in mobile wallets",
        "narrative": "Victims receive a text message about a parcel redelivery fee. The link leads to a "
        "cloned courier site that harvests card details and the one-time passcode, which the "
        "offenders use to enrol the card in a mobile wallet on their own phones.",
        "crime_category": "fraud",
        "modus_operandi": [
            {"description": "Bulk SMS about an unpaid parcel redelivery fee", "technique_id": "T1660"},
            {"description": "Cloned courier website collects card data and the one-time passcode"},
        ],
        "indicators": [{"type": "domain-name", "value": "parcel-redelivery-fee.example"}],
        "country": "NL",
        "tlp": "green",
    }
    fields.update(overrides)
    return MOReport.model_validate(fields)


# One MO (parcel-fee smishing) in three languages, and a look-alike (same channel and technique,
# other scheme). The parcel reports share the campaign's phishing domain, as reports of one campaign do.
PARCEL_DOMAIN = [{"type": "domain-name", "value": "parcel-redelivery-fee.example"}]


def smishing_step(description: str) -> dict[str, str]:
    return {"description": description, "technique_id": "T1660"}


PARCEL_EN = report(
    title="Parcel fee smishing",
    narrative="Victims receive an SMS saying a parcel is held until a small redelivery fee is paid. The link "
    "leads to a fake courier page that asks for card details and the one-time code sent by the bank.",
    modus_operandi=[smishing_step("SMS about a parcel held for an unpaid redelivery fee")],
    indicators=PARCEL_DOMAIN,
)
PARCEL_FR = report(
    title="SMS frauduleux : colis bloqué",
    narrative="Les victimes reçoivent un SMS indiquant qu'un colis est bloqué jusqu'au paiement de petits "
    "frais de livraison. Le lien mène vers une fausse page du transporteur qui demande les données de la "
    "carte bancaire et le code à usage unique envoyé par la banque.",
    modus_operandi=[smishing_step("SMS au sujet d'un colis bloqué pour des frais de livraison impayés")],
    indicators=PARCEL_DOMAIN,
)
BANK_EN = report(
    title="Blocked bank account smishing",
    narrative="Victims receive an SMS pretending to come from their bank, saying their account is blocked. "
    "The link leads to a fake online banking login page that steals credentials; a caller then asks them to "
    "transfer their savings to a safe account.",
    modus_operandi=[smishing_step("SMS impersonating the bank about a blocked account")],
    indicators=[{"type": "domain-name", "value": "bank-unblock-account.example"}],
)
PARCEL_DE = report(
    title="Paket-Smishing mit Zustellgebühr",
    narrative="Geschädigte erhalten eine SMS, ein Paket werde bis zur Zahlung einer kleinen Zustellgebühr "
    "zurückgehalten. Der Link führt zu einer gefälschten Seite des Paketdienstes, die Kartendaten und den "
    "Einmalcode der Bank abfragt.",
    modus_operandi=[smishing_step("SMS zu einem Paket, das wegen einer unbezahlten Zustellgebühr wartet")],
    indicators=PARCEL_DOMAIN,
)


def bundle_for(
    mo_report: MOReport, *, partner: str = "partner-a", submission_id: str | None = None, at: datetime = T0
) -> tuple[str, dict[str, Any]]:
    """(submission id, bundle) for one report, as the producers would publish it."""
    submission_id = submission_id or f"sub-{uuid.uuid4().hex[:12]}"
    objects = build_report_bundle(
        mo_report,
        pseudonym=ids.pseudonymize(partner, b"test-key"),
        submission_id=submission_id,
        redactions={},
        clock=lambda: at,
    )
    return submission_id, make_bundle(objects, ids.bundle_id(submission_id))


def later(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


@functools.cache
def tagger() -> Tagger:
    """The production tagger, loaded once per test session (loading checks every data file)."""
    return Tagger.load()


@functools.cache
def clusterer() -> Clusterer:
    """The production MO clustering (real multilingual model), loaded once per test session."""
    settings = EnrichmentSettings()
    return Clusterer(
        Embedder(settings.cluster_max_words),
        report_params=settings.cluster_params(),
        step_params=settings.cluster_params(steps=True),
    )


def make_enricher(
    topics: Topics | None = None,
    *,
    trends_path: Path | None = None,
    clock: Clock | None = None,
    clusters: bool = False,
) -> Enricher:
    """The production pipeline: real Tagger, real router, and a real TrendTracker when a
    path for its state is given (sightings then carry trend flags); MO clustering on request."""
    trends = TrendTracker(trends_path) if trends_path is not None else None
    return Enricher(
        topics or Topics("t."),
        tagger=tagger(),
        router=route,
        trends=trends,
        hasher=MinHasher(),
        clusterer=clusterer() if clusters else None,
        **({"clock": clock} if clock is not None else {}),
    )


def stix_values(records: list[ConsumerRecord[bytes, bytes]]) -> list[dict[str, Any]]:
    return [orjson.loads(record.value) for record in records]


@dataclass(frozen=True)
class DemoBundle:
    """One demo submission as the producers publish it, with the demo set's ground truth."""

    submission_id: str
    value: bytes
    trace_id: str
    truth: DemoSubmission


@functools.cache
def demo_bundles(size: int = 120, seed: int = 7) -> tuple[DemoBundle, ...]:
    """The demo data set through the real producers' submission path (anonymize, build STIX).

    Red reports keep their demo recipients (partner ids, so valid topic names)."""
    service = SubmissionService(TextAnonymizer(load_policy()), b"demo-pseudonym-key")
    result = []
    for submission in generate_demo_set(seed=seed, size=size).submissions:
        prepared = service.prepare_report(MOReport.model_validate(submission.report), submission.partner_id)
        result.append(
            DemoBundle(prepared.submission_id, orjson.dumps(prepared.bundle), prepared.trace_id, submission)
        )
    return tuple(result)


@dataclass(frozen=True)
class DedupSummary:
    """The dedup outcome of a run (not which object became canonical).

    - ``ids``: every STIX id emitted;
    - ``groups``: the dedup groups, connected by ``dedup.canonical_ref`` links (any method);
    - ``exact_groups``: the groups connected by fingerprint links only (one content under
      several ids);
    - ``events``: per group holding a counted type, the submissions that reported it: the final
      ``sighting_count`` of its members minus one for each linked member (a linked object is
      emitted with count 1 *and* adds one to its canonical).

    Near-duplicate (MinHash) links are not transitive: a report joins the closest canonical that
    exists when it is decided, so another processing order can draw some ``groups`` differently.
    ``same_outcome`` compares what every order agrees on.
    """

    ids: frozenset[str]
    groups: frozenset[frozenset[str]]
    exact_groups: frozenset[frozenset[str]]
    events: dict[frozenset[str], int]


def _components(ids: set[str], links: dict[str, str]) -> list[set[str]]:
    parent = {object_id: object_id for object_id in ids}

    def find(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for linked, canonical in links.items():
        parent[find(linked)] = find(parent.setdefault(canonical, canonical))
    members: dict[str, set[str]] = {}
    for object_id in ids:
        members.setdefault(find(object_id), set()).add(object_id)
    return list(members.values())


def dedup_summary(objects: list[dict[str, Any]]) -> DedupSummary:
    latest: dict[str, dict[str, Any]] = {}
    links: dict[str, str] = {}
    exact_links: dict[str, str] = {}
    for obj in objects:
        previous = latest.get(obj["id"])
        if previous is None or str(obj.get("modified", "")) >= str(previous.get("modified", "")):
            latest[obj["id"]] = obj
        dedup = get_extension(obj).get("dedup")
        if dedup:
            links[obj["id"]] = dedup["canonical_ref"]
            if dedup["method"] == "fingerprint":
                exact_links[obj["id"]] = dedup["canonical_ref"]
    members = _components(set(latest), links)
    events: dict[frozenset[str], int] = {}
    for group in members:
        if any(latest[i]["type"] in COUNTED_TYPES for i in group):
            total = sum(get_extension(latest[i]).get("sighting_count", 0) for i in group)
            events[frozenset(group)] = total - sum(1 for i in group if i in links)
    return DedupSummary(
        frozenset(latest),
        frozenset(frozenset(group) for group in members if len(group) > 1),
        frozenset(frozenset(group) for group in _components(set(latest), exact_links) if len(group) > 1),
        events,
    )


def same_outcome(summary: DedupSummary, expected: DedupSummary) -> list[str]:
    """How two runs of the same input, in any processing order, disagree (empty: they agree).

    Every order emits the same ids and the same exact-duplicate groups, and every group that
    both runs drew alike counts the same submissions. A near-duplicate group that the order drew
    differently is not compared, but it may not be most of them (the runs would then say little).
    """
    problems: list[str] = []
    if summary.ids != expected.ids:
        problems.append(
            f"ids: {len(expected.ids - summary.ids)} missing, {len(summary.ids - expected.ids)} unexpected"
        )
    if summary.exact_groups != expected.exact_groups:
        problems.append(f"exact-duplicate groups differ: {len(summary.exact_groups ^ expected.exact_groups)}")
    common = summary.events.keys() & expected.events.keys()
    miscounted = [g for g in common if summary.events[g] != expected.events[g]]
    if miscounted:
        problems.append(f"{len(miscounted)} groups drawn alike count other numbers of submissions")
    if len(common) * 2 < len(expected.events):
        problems.append(f"only {len(common)} of {len(expected.events)} counted groups drawn alike")
    return problems
