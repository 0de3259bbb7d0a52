"""Partner clearance x TLP x endpoint: nothing unreadable shows, and nothing unreadable is counted.

Real partners (PartnerRegistry.add, keys over HTTP), real enriched objects at every TLP
(AMBER+STRICT owned by one partner, RED with named recipients), a real server and store. The
expectation for each partner is the reading rule of shared.access applied to every version.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
import stix2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.enrichment.pipeline import Output
from services.enrichment.state import SqliteDedupStore
from services.search.auth import viewer_of
from shared.access import Viewer, can_read, can_read_object, effective_tlp
from shared.kafka.topics import Topics
from shared.models.report import TLP
from shared.stix import builder, ids
from shared.stix.markings import TLP_MARKING_IDS, tlp_rank
from shared.store.base import FACET_FIELDS, SearchQuery, TrendQuery, VersionQuery
from shared.store.document import to_document
from shared.store.sqlite import SqliteStore
from tests.support.enrichment import bundle_for, later, make_enricher
from tests.support.search import PSEUDONYM_KEY, enrich, latest_readable, sample_report
from tests.support.search_server import SearchServer

PARTNERS: dict[str, tuple[TLP, bool]] = {
    "clear-reader": (TLP.CLEAR, False),
    "green-reader": (TLP.GREEN, False),
    "amber-reader": (TLP.AMBER, False),
    "strict-owner": (TLP.AMBER_STRICT, False),
    "strict-other": (TLP.AMBER_STRICT, False),
    "red-submitter": (TLP.RED, False),
    "red-recipient": (TLP.RED, False),
    "low-recipient": (TLP.AMBER, False),  # named, but its clearance is a ceiling
    "red-outsider": (TLP.RED, False),
    "auditor": (TLP.RED, True),
}


def reports() -> list[tuple[str, Any]]:
    def one(level: str, word: str, country: str, **extra: Any) -> Any:
        return sample_report(
            title=f"{word.title()} scheme at TLP {level}",
            narrative=f"Offenders run a {word} scheme against small businesses in several towns.",
            crime_category="fraud",
            modus_operandi=[{"description": f"{word} lure sent to the accounts department"}],
            indicators=[{"type": "domain-name", "value": f"{word}.example"}],
            country=country,
            first_seen="2026-10-05T00:00:00Z",
            tlp=level,
            **extra,
        )

    return [
        ("clear-reader", one("clear", "lighthouse", "NL")),
        ("green-reader", one("green", "meadow", "BE")),
        ("amber-reader", one("amber", "sunset", "DE")),
        ("strict-owner", one("amber+strict", "quartz", "FR")),
        ("red-submitter", one("red", "crimson", "ES", recipients=["red-recipient", "low-recipient"])),
        # The same MO step again, at GREEN: shared objects get versions at other TLPs.
        ("green-reader", one("green", "sunset", "DE")),
    ]


class Matrix:
    def __init__(self, server: SearchServer, objects: list[dict[str, Any]]) -> None:
        self.server = server
        self.objects = objects
        self.keys = {
            name: server.partners.add(name, level, is_admin=admin)
            for name, (level, admin) in PARTNERS.items()
        }

    def viewer(self, name: str) -> Viewer:
        partner = self.server.partners.get(name)
        assert partner is not None
        return viewer_of(partner, PSEUDONYM_KEY.encode())

    def client(self, name: str) -> httpx.AsyncClient:
        return self.server.client(self.keys[name])


@pytest.fixture
async def matrix(search_server: SearchServer, tmp_path: Path) -> Matrix:
    objects = enrich(tmp_path / "enrichment", reports())
    await search_server.store.add(objects)
    return Matrix(search_server, objects)


def readable_only(viewer: Viewer, objects: list[Mapping[str, Any]]) -> None:
    unreadable = [o["id"] for o in objects if not can_read_object(viewer, o)]
    assert not unreadable, unreadable


async def search_everything(client: httpx.AsyncClient) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    results: list[dict[str, Any]] = []
    response = await client.get("/api/v1/search", params={"limit": 200})
    assert response.status_code == 200, response.text
    first = response.json()
    page = first
    while True:
        results.extend(page["results"])
        if not page["next"]:
            return results, first
        page = (await client.get("/api/v1/search", params={"limit": 200, "cursor": page["next"]})).json()


@pytest.mark.parametrize("name", list(PARTNERS))
async def test_every_endpoint_shows_and_counts_only_what_the_partner_may_read(
    matrix: Matrix, name: str
) -> None:
    viewer = matrix.viewer(name)
    expected = latest_readable(viewer, matrix.objects)
    async with matrix.client(name) as client:
        # search: results, total, facets
        results, first = await search_everything(client)
        readable_only(viewer, results)
        assert {o["id"]: o for o in results} == expected
        assert first["total"] == len(results) == len(expected)
        assert first["facets"]["tlp"] == dict(Counter(effective_tlp(o).value for o in expected.values()))
        assert first["facets"]["type"] == dict(Counter(o["type"] for o in expected.values()))
        countries = Counter(c for o in expected.values() for c in to_document(o).countries)
        assert first["facets"]["country"] == dict(countries)
        # text search: the words of unreadable reports find nothing
        for word in ("lighthouse", "meadow", "sunset", "quartz", "crimson"):
            found = (await client.get("/api/v1/search", params={"q": word, "facets": "tlp"})).json()
            readable_only(viewer, found["results"])
            assert found["total"] == len(found["results"])
            assert sum(found["facets"].get("tlp", {}).values()) == found["total"]
        # trends: only readable sightings are counted
        buckets = (await client.get("/api/v1/trends", params={"group_by": "country"})).json()["buckets"]
        sightings = [to_document(o) for o in expected.values() if o["type"] == "sighting"]
        assert sum(b["count"] for b in buckets) == sum(s.count for s in sightings)
        assert {b["key"] for b in buckets} == {c for s in sightings for c in s.countries}
        # objects/{id} and related: readable ones answer their latest readable version, the rest 404
        for stix_id in sorted({o["id"] for o in matrix.objects}):
            response = await client.get(f"/api/v1/objects/{stix_id}")
            if stix_id not in expected:
                assert response.status_code == 404, (stix_id, response.text)
                assert response.json() == {"detail": "no such object"}
                continue
            answer = response.json()
            assert answer["object"] == expected[stix_id]
            readable_only(viewer, answer["related"])
            assert all(expected[o["id"]] == o for o in answer["related"])


def report_named(matrix: Matrix, word: str) -> str:
    return next(o["id"] for o in matrix.objects if o["type"] == "report" and word in o["name"].lower())


@pytest.mark.parametrize(
    ("name", "word", "visible"),
    [
        ("strict-owner", "quartz", True),
        ("strict-other", "quartz", False),
        ("amber-reader", "quartz", False),
        ("red-recipient", "crimson", True),
        ("red-submitter", "crimson", True),
        ("low-recipient", "crimson", False),
        ("red-outsider", "crimson", False),
        ("auditor", "crimson", True),
        ("clear-reader", "meadow", False),
        ("green-reader", "meadow", True),
        ("green-reader", "lighthouse", True),
    ],
)
async def test_the_rules_by_name(matrix: Matrix, name: str, word: str, visible: bool) -> None:
    report_id = report_named(matrix, word)
    async with matrix.client(name) as client:
        found = (await client.get("/api/v1/search", params={"q": word, "type": "report"})).json()
        one = await client.get(f"/api/v1/objects/{report_id}")
    assert (found["total"] == 1) is visible
    assert (one.status_code == 200) is visible


# --- property: every reader's view is derivable from the submissions it may read -------------
#
# Random submissions (MO reports and partner bundles) by random partners at random TLPs and
# recipients, with colliding ids (bundles reuse one indicator id and the spec's SCO ids) and
# the same values at several scopes. For every reader, everything every egress gives it (search
# results, totals, facets; trends; objects with all their versions and related objects; TAXII
# versions; the feed topics it may subscribe to) must be exactly what it gets when only the
# submissions it may read were ever made. So nothing it sees, and no count, depends on what it
# may not read. Enrichment's clock is fixed so that both runs stamp alike.

PROPERTY_READERS: dict[str, TLP] = {
    "c": TLP.CLEAR, "g": TLP.GREEN, "a": TLP.AMBER, "s1": TLP.AMBER_STRICT, "r1": TLP.RED, "r2": TLP.RED,
}  # fmt: skip
PROPERTY_SUBMITTERS = ("g", "a", "s1", "r1", "r2")
COLLIDING_INDICATOR = "indicator--0f6c4c52-6ad5-4b8e-9b36-2f3c1d0e5a71"


@dataclass(frozen=True)
class Submission:
    partner: str
    tlp: TLP
    recipients: tuple[str, ...]
    value: int
    technique: str | None
    country: str
    title: int
    as_bundle: bool


submissions_strategy = st.lists(
    st.builds(
        Submission,
        partner=st.sampled_from(PROPERTY_SUBMITTERS),
        tlp=st.sampled_from(list(TLP)),
        recipients=st.sets(st.sampled_from(["r1", "r2"]), min_size=1).map(lambda s: tuple(sorted(s))),
        value=st.integers(0, 1),
        technique=st.sampled_from(["T1660", None]),
        country=st.sampled_from(["NL", "BE"]),
        title=st.integers(0, 1),
        as_bundle=st.booleans(),
    ),
    min_size=1,
    max_size=5,
)


def property_viewer(name: str) -> Viewer:
    owner = ids.pseudonymize(name, PSEUDONYM_KEY.encode()).identity_id
    return Viewer(partner_id=name, max_tlp=PROPERTY_READERS[name], owner_id=owner)


def submission_scope_readable(viewer: Viewer, submission: Submission) -> bool:
    owner = ids.pseudonymize(submission.partner, PSEUDONYM_KEY.encode()).identity_id
    recipients = submission.recipients if submission.tlp is TLP.RED and not submission.as_bundle else ()
    return can_read(viewer, submission.tlp, owner, recipients)


def submitted_bundle(index: int, submission: Submission) -> dict[str, Any]:
    """The bundle the producers would publish for one submission (anonymization aside)."""
    value = f"scheme{submission.value}.example"
    submission_id = f"sub-{index}"
    at = later(index)
    if not submission.as_bundle:
        steps = [{"description": f"Lure number {submission.title} sent by text message"}]
        if submission.technique:
            steps.insert(0, {"description": "Smishing lure", "technique_id": submission.technique})
        mo_report = sample_report(
            title=f"Scheme {submission.title}",
            narrative=f"Offenders run scheme {submission.title} against small businesses.",
            modus_operandi=steps,
            indicators=[{"type": "domain-name", "value": value}],
            country=submission.country,
            first_seen="2026-10-05T00:00:00Z",
            tlp=submission.tlp.value,
            recipients=list(submission.recipients) if submission.tlp is TLP.RED else [],
        )
        return bundle_for(mo_report, partner=submission.partner, submission_id=submission_id, at=at)[1]
    stamp = f"2026-10-0{index % 9 + 1}T00:00:00.000Z"
    marking = [TLP_MARKING_IDS[submission.tlp]]
    objects = [
        {"type": "indicator", "spec_version": "2.1", "id": COLLIDING_INDICATOR, "created": stamp,
         "modified": stamp, "name": value, "pattern": f"[domain-name:value = '{value}']",
         "pattern_type": "stix", "valid_from": "2026-10-01T00:00:00Z", "object_marking_refs": marking},
        {"type": "domain-name", "spec_version": "2.1", "id": stix2.DomainName(value=value).id, "value": value,
         "object_marking_refs": marking},
    ]  # fmt: skip
    pseudonym = ids.pseudonymize(submission.partner, PSEUDONYM_KEY.encode())
    rewritten = builder.rewrite_submitted_bundle(
        {"type": "bundle", "objects": objects},
        pseudonym_identity=builder.pseudonym_identity(pseudonym),
        tlp_default=TLP.AMBER,
        submission_id=submission_id,
    )
    return builder.make_bundle(rewritten, ids.bundle_id(submission_id))


def run_pipeline(tmp_path: Path, submissions: list[tuple[int, Submission]]) -> list[Output]:
    """Every output enrichment makes of these (original position, submission)s, in order."""
    state = SqliteDedupStore(tmp_path / "dedup.sqlite3")
    enricher = make_enricher(
        Topics("t."), trends_path=tmp_path / "trends.sqlite3", clock=lambda: later(10_000)
    )
    outputs: list[Output] = []
    # crimefeed's public constants (the TLP markings, its identity and extension-definition)
    # count as published from the start: every bundle carries them, so their mere existence
    # says only that something was submitted at some time.
    constants = builder.make_bundle(builder.meta_objects(TLP.CLEAR), ids.bundle_id("constants"))
    try:
        for index, bundle in [(-1, constants), *((i, submitted_bundle(i, s)) for i, s in submissions)]:
            prepared = [enricher.prepare(orjson.dumps(bundle), f"sub-{index}".encode())]
            with state.session() as session:
                outputs.extend(enricher.decide(session, prepared).outputs)
    finally:
        state.close()
    return outputs


async def reader_view(tmp_path: Path, viewer: Viewer, outputs: list[Output]) -> dict[str, Any]:
    """Everything every egress gives the viewer, and every count it sees."""
    store = await SqliteStore.open(tmp_path / "store.sqlite3")
    try:
        await store.add([output.obj for output in outputs])
        page = await store.search(viewer, SearchQuery(limit=1000, facets=FACET_FIELDS))
        found = sorted(page.hits, key=lambda hit: str(hit.obj["id"]))
        objects = {}
        for hit in found:
            stix_id = str(hit.obj["id"])
            versions = await store.get(viewer, stix_id, "all")
            related = await store.related(viewer, stix_id)
            objects[stix_id] = {
                "latest": hit.obj,
                "versions": [version.obj for version in versions],
                "related": sorted(str(r.obj["id"]) + str(r.version) for r in related),
            }
        trends = {
            group: [
                (b.period, b.key, b.count, b.first_seen, b.spike)
                for b in await store.trends(viewer, TrendQuery(group_by=group))
            ]
            for group in ("category", "mo", "country", "region")
        }
        taxii = await store.versions(viewer, VersionQuery(versions=("all",), limit=10_000))
        topics = Topics("t.")
        subscribed = {topics.feed(level.value) for level in (TLP.CLEAR, TLP.GREEN, TLP.AMBER)}
        subscribed = {t for t in subscribed if viewer.max_tlp is not TLP.CLEAR or t == topics.feed("clear")}
        if tlp_rank(viewer.max_tlp) < tlp_rank(TLP.AMBER):
            subscribed.discard(topics.feed("amber"))
        if viewer.max_tlp is TLP.CLEAR:
            subscribed.discard(topics.feed("green"))
        subscribed.add(topics.red_feed(viewer.partner_id))
        feeds = sorted(
            (topic, orjson.dumps(output.obj, option=orjson.OPT_SORT_KEYS).decode())
            for output in outputs
            for topic in output.topics
            if topic in subscribed
        )
        return {
            "total": page.total,
            "facets": page.facets,
            "objects": objects,
            "trends": trends,
            "taxii": sorted((v.id, v.version) for v in taxii.versions),
            "feeds": feeds,
        }
    finally:
        await store.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(submissions=submissions_strategy)
def test_every_reader_sees_and_counts_only_what_it_may_read(
    tmp_path_factory: pytest.TempPathFactory, submissions: list[Submission]
) -> None:
    base = tmp_path_factory.mktemp("scopes")
    numbered = list(enumerate(submissions))
    everything = run_pipeline(base / "all", numbered)
    for name in PROPERTY_READERS:
        viewer = property_viewer(name)
        readable = [(i, s) for i, s in numbered if submission_scope_readable(viewer, s)]
        alone = run_pipeline(base / f"only-{name}", readable)
        full_view = asyncio.run(reader_view(base / f"view-all-{name}", viewer, everything))
        own_view = asyncio.run(reader_view(base / f"view-only-{name}", viewer, alone))
        assert full_view == own_view, name
