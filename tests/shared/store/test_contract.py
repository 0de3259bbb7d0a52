"""The store contract: every backend passes these (the ``store`` fixture runs each on both).

Scores are never compared exactly (the OpenSearch test server approximates BM25); only the
relative order of unambiguous matches is.
"""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opensearchpy import TransportError

from shared.access import can_read_object
from shared.models.report import TLP
from shared.stix.extension import EXTENSION_ID as EXT
from shared.store.base import (
    FACET_FIELDS,
    Filters,
    SearchPage,
    SearchQuery,
    StatusEntry,
    StatusRecord,
    Store,
    StoreQueryError,
    TrendQuery,
    VersionQuery,
)
from shared.store.opensearch import OpenSearchStore
from tests.support.osmem import is_osmem
from tests.support.store_objects import make, new_id, sighting, viewer

ADMIN = viewer("admin", TLP.RED, admin=True)


def ids(page: SearchPage) -> list[str]:
    return [str(hit.obj["id"]) for hit in page.hits]


async def search_all(store: Store, query: SearchQuery, who: Any = ADMIN) -> list[str]:
    """Every id a query matches, following cursors to the end."""
    found: list[str] = []
    page = await store.search(who, query)
    found.extend(ids(page))
    while page.next is not None:
        assert len(found) <= 10_000, "paging does not end (a page served again?)"
        query = SearchQuery(
            text=query.text, filters=query.filters, sort=query.sort, limit=query.limit, cursor=page.next
        )
        page = await store.search(who, query)
        found.extend(ids(page))
    return found


# -- writes -------------------------------------------------------------------------------------


async def test_add_is_an_idempotent_upsert_by_id_and_version(store: Store) -> None:
    obj = make(name="Parcel smishing")
    assert await store.add([obj]) == 1
    first = await store.get(ADMIN, obj["id"])
    assert await store.add([obj, obj]) == 0
    again = await store.get(ADMIN, obj["id"], "all")
    assert [v.added for v in again] == [first[0].added]
    assert await store.count() == 1


async def test_every_version_is_kept_and_get_serves_last_exact_and_all(store: Store) -> None:
    stix_id = new_id("attack-pattern")
    stamps = ["2026-11-03T00:00:00.000Z", "2026-11-01T00:00:00.000Z", "2026-11-02T00:00:00.000Z"]
    versions = [make(stix_id=stix_id, modified=stamp, name=f"step {stamp}") for stamp in stamps]
    assert await store.add(versions) == 3
    every = await store.get(ADMIN, stix_id, "all")
    assert [v.version for v in every] == sorted(stamps)
    assert [v.version for v in await store.get(ADMIN, stix_id)] == [max(stamps)]
    exact = await store.get(ADMIN, stix_id, "2026-11-02T00:00:00.000Z")
    assert [v.obj["name"] for v in exact] == ["step 2026-11-02T00:00:00.000Z"]
    assert await store.get(ADMIN, stix_id, "2020-01-01T00:00:00.000Z") == []
    assert await store.get(ADMIN, new_id("attack-pattern")) == []
    assert await store.count() == 3


async def test_added_is_strictly_increasing_within_and_across_batches(store: Store) -> None:
    first = [make(name=f"a{i}") for i in range(40)]
    second = [make(name=f"b{i}") for i in range(40)]
    await store.add(first)
    await store.add(second)
    page = await store.versions(ADMIN, VersionQuery(versions=("all",), limit=1000))
    added = [v.added for v in page.versions]
    assert len(added) == 80
    assert all(a < b for a, b in itertools.pairwise(added))
    first_ids = {obj["id"] for obj in first}
    assert {v.id for v in page.versions[:40]} == first_ids


async def test_a_batch_with_a_bad_object_is_refused_whole(store: Store) -> None:
    with pytest.raises(ValueError):
        await store.add([make(), {"type": "attack-pattern"}])
    assert await store.count() == 0


# -- related ------------------------------------------------------------------------------------


async def test_related_goes_both_ways_and_excludes_itself(store: Store) -> None:
    ap, indicator, other = make(name="MO"), make("indicator", name="ioc"), make(name="unrelated")
    report = make("report", name="r", object_refs=[ap["id"], indicator["id"]])
    rel = make("relationship", relationship_type="indicates", source_ref=indicator["id"], target_ref=ap["id"])
    seen = sighting(ap["id"], first_seen="2026-11-02T00:00:00Z", category="fraud", country="NL")
    await store.add([ap, indicator, other, report, rel, seen])
    around_ap = {v.id for v in await store.related(ADMIN, ap["id"])}
    assert around_ap == {report["id"], rel["id"], seen["id"]}
    around_rel = {v.id for v in await store.related(ADMIN, rel["id"])}
    assert around_rel == {ap["id"], indicator["id"]}
    assert await store.related(ADMIN, new_id("attack-pattern")) == []


# -- full text ----------------------------------------------------------------------------------

MULTILINGUAL = {
    "en": ("Parcel smishing", "Victims receive a text about a parcel redelivery fee and enrol cards."),
    "fr": ("Hameçonnage bancaire", "Les fraudeurs ciblent les clients âgés par téléphone."),
    "de": ("Paketbetrug", "Betrüger verschicken gefälschte Zustellungsnachrichten an Verbraucher."),
    "es": ("Estafa telefónica", "Suplantación de la policía para exigir una transferencia urgente."),
    "ar": ("الاحتيال المصرفي", "رسائل نصية مزيفة تطلب من الضحايا تحديث بيانات البطاقة"),
}


@pytest.mark.parametrize(
    ("language", "words", "marked"),
    [
        ("en", "PARCEL redelivery", "parcel"),
        ("fr", "hameconnage ages", "Hameçonnage"),
        ("fr", "téléphone", "téléphone"),
        ("de", "gefalschte Betruger", "gefälschte"),
        ("es", "telefonica suplantacion", "telefónica"),
        ("ar", "الاحتيال", "الاحتيال"),
        ("ar", "البطاقة", "البطاقة"),
    ],
)
async def test_text_matches_across_languages_with_highlights(
    store: Store, language: str, words: str, marked: str
) -> None:
    objects = {lang: make(name=name, description=text) for lang, (name, text) in MULTILINGUAL.items()}
    await store.add(list(objects.values()))
    page = await store.search(ADMIN, SearchQuery(text=words))
    assert ids(page) == [objects[language]["id"]]
    assert page.total == 1
    highlights = " ".join(page.hits[0].highlights)
    assert f"<mark>{marked}</mark>".lower() in highlights.lower()


async def test_highlights_escape_partner_markup(store: Store) -> None:
    hostile = make(
        name="<script>alert(1)</script> parcel",
        description='parcel <img src=x onerror="alert(2)"> fee <b>bold</b>',
    )
    await store.add([hostile])
    page = await store.search(ADMIN, SearchQuery(text="parcel"))
    assert ids(page) == [hostile["id"]]
    fragments = " ".join(page.hits[0].highlights)
    assert "<mark>" in fragments
    without_marks = fragments.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_marks and ">" not in without_marks
    assert "&lt;" in without_marks


async def test_all_words_must_match(store: Store) -> None:
    both = make(name="card fraud ring", description="cloned cards")
    one = make(name="card skimming")
    await store.add([both, one])
    assert ids(await store.search(ADMIN, SearchQuery(text="card fraud"))) == [both["id"]]
    assert set(ids(await store.search(ADMIN, SearchQuery(text="card")))) == {both["id"], one["id"]}


async def test_relevance_puts_the_clear_match_first(store: Store) -> None:
    strong = make(name="Ransomware ransomware", description="ransomware affiliates")
    weak = make(
        name="Business email compromise",
        description="A long description of invoice fraud in which the word ransomware appears only "
        "once, among many other words about suppliers, payments, banks and accounts.",
    )
    await store.add([weak, strong])
    page = await store.search(ADMIN, SearchQuery(text="ransomware"))
    assert ids(page) == [strong["id"], weak["id"]]
    scores = [hit.score for hit in page.hits]
    assert all(score is not None for score in scores)


@pytest.mark.parametrize(
    "text",
    ['"unbalanced', "a AND OR NOT", "NEAR(x y", "name:foo", "col*", "^start", "(((", "-", "'", "\\", "*"],
)
async def test_text_with_query_syntax_is_taken_literally(store: Store, text: str) -> None:
    await store.add([make(name="foo start x y name col")])
    page = await store.search(ADMIN, SearchQuery(text=text))
    assert page.total == len(page.hits)


async def test_blank_text_is_no_text_filter(store: Store) -> None:
    objects = [make(name=f"n{i}") for i in range(3)]
    await store.add(objects)
    for text in ("", "   ", None):
        page = await store.search(ADMIN, SearchQuery(text=text))
        assert page.total == 3
        assert all(hit.highlights == () for hit in page.hits)


# -- filters, sort, paging, facets --------------------------------------------------------------


def _catalogue() -> list[dict[str, Any]]:
    return [
        make(
            "attack-pattern",
            name="smishing",
            category="fraud",
            tags=("un-m49:150", "sector:finance"),
            country="NL",
            sectors=("finance",),
            first_seen="2026-10-01T00:00:00Z",
            external_references=[{"source_name": "mitre-attack", "external_id": "T1660"}],
        ),
        make(
            "report",
            name="smishing wave",
            category="fraud",
            tags=("un-m49:155",),
            country="DE",
            sectors=("logistics",),
            tlp=TLP.AMBER,
            first_seen="2026-11-01T00:00:00Z",
        ),
        make(
            "indicator",
            name="phishing kit",
            category="phishing",
            tags=("un-m49:150",),
            country="FR",
            tlp=TLP.CLEAR,
            valid_from="2026-12-01T00:00:00Z",
            created="2026-12-01T00:00:00.000Z",
        ),
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(types=("report", "indicator")), {1, 2}),
        (Filters(categories=("fraud",)), {0, 1}),
        (Filters(tags=("un-m49:155",)), {1}),
        (Filters(techniques=("T1660",)), {0}),
        (Filters(countries=("FR", "NL")), {0, 2}),
        (Filters(regions=("150",)), {0, 2}),
        (Filters(sectors=("logistics",)), {1}),
        (Filters(tlps=(TLP.CLEAR, TLP.AMBER)), {1, 2}),
        (Filters(date_from="2026-11-01T00:00:00Z"), {1, 2}),
        (Filters(date_to="2026-11-01T00:00:00Z"), {0}),
        (Filters(date_from="2026-10-15T00:00:00Z", date_to="2026-12-01T00:00:00Z"), {1}),
        (Filters(categories=("fraud",), countries=("DE",)), {1}),
        (Filters(categories=("fraud",), types=("indicator",)), set()),
    ],
)
async def test_each_filter(store: Store, filters: Filters, expected: set[int]) -> None:
    catalogue = _catalogue()
    await store.add(catalogue)
    page = await store.search(ADMIN, SearchQuery(filters=filters))
    assert set(ids(page)) == {catalogue[i]["id"] for i in expected}
    assert page.total == len(expected)


async def test_filters_combine_with_text(store: Store) -> None:
    catalogue = _catalogue()
    await store.add(catalogue)
    page = await store.search(ADMIN, SearchQuery(text="smishing", filters=Filters(types=("report",))))
    assert ids(page) == [catalogue[1]["id"]]


async def test_bad_dates_and_facets_and_limits_name_the_parameter(store: Store) -> None:
    bad = [
        (SearchQuery(filters=Filters(date_from="yesterday")), "date_from"),
        (SearchQuery(facets=("colour",)), "facets"),
        (SearchQuery(limit=0), "limit"),
        (SearchQuery(cursor="not-a-cursor"), "cursor"),
    ]
    for query, parameter in bad:
        with pytest.raises(StoreQueryError) as caught:
            await store.search(ADMIN, query)
        assert caught.value.parameter == parameter


def _dated(count: int) -> list[dict[str, Any]]:
    """Objects with tied dates and modified times, so ordering needs the id tie-break."""
    days = ["2026-10-01", "2026-10-02", "2026-10-03"]
    return [
        make(
            name=f"fraud step {i}",
            description="fraud " * (1 + i % 4),
            first_seen=f"{days[i % 3]}T00:00:00Z",
            modified=f"2026-11-0{1 + i % 4}T00:00:00.000Z",
        )
        for i in range(count)
    ]


@pytest.mark.parametrize("sort", ["date", "-date", "modified", "-modified"])
async def test_sort_orders_by_key_then_id(store: Store, sort: str) -> None:
    objects = _dated(12)
    await store.add(objects)
    page = await store.search(ADMIN, SearchQuery(sort=sort, limit=100))  # type: ignore[arg-type]
    field = "first_seen" if sort.endswith("date") else "modified"
    by_id = {obj["id"]: obj for obj in objects}
    got = [(by_id[i][field], i) for i in ids(page)]
    descending = sort.startswith("-")
    expected = sorted(got, key=lambda item: item[1])
    expected.sort(key=lambda item: item[0], reverse=descending)
    assert got == expected


@pytest.mark.parametrize("sort", ["relevance", "date", "-date", "modified", "-modified"])
@pytest.mark.parametrize("text", [None, "fraud"])
@pytest.mark.parametrize("limit", [1, 4, 7])
async def test_paging_covers_every_match_exactly_once(
    store: Store, sort: str, text: str | None, limit: int
) -> None:
    objects = _dated(17)
    await store.add([*objects, make(name="no match here", first_seen="2026-10-01T00:00:00Z")])
    query = SearchQuery(text=text, sort=sort, limit=limit)  # type: ignore[arg-type]
    found = await search_all(store, query)
    expected = {obj["id"] for obj in objects} | (set() if text else set(found) - {o["id"] for o in objects})
    assert len(found) == len(set(found))
    assert set(found) == expected
    assert len(found) == (await store.search(ADMIN, query)).total


async def test_relevance_paging_goes_past_the_result_window(store: Store) -> None:
    """On OpenSearch, results past index.max_result_window (10,000 by default; 5 here) are out
    of reach of `from`: relevance pages there resume after the last hit's (score, id)."""
    objects = _dated(17)
    await store.add(objects)
    everything = ids(await store.search(ADMIN, SearchQuery(text="fraud", limit=17)))
    if isinstance(store, OpenSearchStore):
        if await is_osmem(store):
            pytest.skip("osmem-server's approximate scores cannot resume a page after a score")
        await store.client.indices.put_settings(
            index=store.objects_index, body={"index": {"max_result_window": 5}}
        )
        with pytest.raises(TransportError):  # the window is in force for `from`
            await store.client.search(index=store.objects_index, body={"from": 6, "size": 2})
    query = SearchQuery(text="fraud", sort="relevance", limit=2)
    found = await search_all(store, query)
    assert sorted(found) == sorted(obj["id"] for obj in objects)
    # In the order of one page holding them all: paging neither skipped nor reordered a hit.
    assert found == everything


async def test_a_cursor_from_another_query_is_refused(store: Store) -> None:
    await store.add(_dated(5))
    page = await store.search(ADMIN, SearchQuery(text="fraud", limit=2))
    assert page.next is not None
    for other in (
        SearchQuery(text="step", limit=2, cursor=page.next),
        SearchQuery(text="fraud", limit=2, sort="date", cursor=page.next),
        SearchQuery(text="fraud", limit=2, filters=Filters(types=("report",)), cursor=page.next),
    ):
        with pytest.raises(StoreQueryError) as caught:
            await store.search(ADMIN, other)
        assert caught.value.parameter == "cursor"
    # The same query with another page size keeps its cursor.
    rest = await store.search(ADMIN, SearchQuery(text="fraud", limit=10, cursor=page.next))
    assert set(ids(rest)).isdisjoint(ids(page))
    assert len(ids(rest)) == 3


async def test_facets_count_every_match_not_just_the_page(store: Store) -> None:
    catalogue = _catalogue()
    await store.add(catalogue)
    page = await store.search(ADMIN, SearchQuery(limit=1, facets=FACET_FIELDS))
    assert len(page.hits) == 1
    assert page.facets["type"] == {"attack-pattern": 1, "report": 1, "indicator": 1}
    assert page.facets["category"] == {"fraud": 2, "phishing": 1}
    assert page.facets["country"] == {"NL": 1, "DE": 1, "FR": 1}
    assert page.facets["region"] == {"150": 2, "155": 1}
    assert page.facets["sector"] == {"finance": 1, "logistics": 1}
    assert page.facets["technique"] == {"T1660": 1}
    assert page.facets["tlp"] == {"green": 1, "amber": 1, "clear": 1}
    assert page.facets["tag"]["un-m49:150"] == 2
    filtered = await store.search(
        ADMIN, SearchQuery(text="smishing", filters=Filters(countries=("DE",)), facets=("type", "country"))
    )
    assert filtered.facets == {"type": {"report": 1}, "country": {"DE": 1}}
    assert (await store.search(ADMIN, SearchQuery())).facets == {}


# -- trends -------------------------------------------------------------------------------------


def _sightings(mo_a: str, mo_b: str) -> list[dict[str, Any]]:
    return [
        sighting(
            mo_a,
            first_seen="2026-11-02T08:00:00Z",
            category="fraud",
            country="NL",
            regions=("150", "155"),
            count=3,
            first_seen_mo=True,
        ),
        sighting(
            mo_a,
            first_seen="2026-11-04T00:00:00Z",
            category="fraud",
            country="DE",
            regions=("150", "155"),
            count=2,
            spike=True,
        ),
        sighting(mo_b, first_seen="2026-11-10T00:00:00Z", category="phishing", country="NL", count=1),
        sighting(mo_b, first_seen="2026-12-01T00:00:00Z", category="phishing", country="FR", count=5),
        sighting(mo_b, first_seen="2027-01-01T00:00:00Z", category="phishing", country="FR", count=1),
        make("report", name="not a sighting", category="fraud", first_seen="2026-11-02T00:00:00Z"),
    ]


Bucket = tuple[str, str, int, bool, bool]


async def _buckets(store: Store, query: TrendQuery, who: Any = ADMIN) -> list[Bucket]:
    return [(b.period, b.key, b.count, b.first_seen, b.spike) for b in await store.trends(who, query)]


async def test_trends_per_interval_and_group(store: Store) -> None:
    mo_a, mo_b = new_id("attack-pattern"), new_id("attack-pattern")
    await store.add(_sightings(mo_a, mo_b))
    assert await _buckets(store, TrendQuery(interval="day", group_by="category")) == [
        ("2026-11-02", "fraud", 3, True, False),
        ("2026-11-04", "fraud", 2, False, True),
        ("2026-11-10", "phishing", 1, False, False),
        ("2026-12-01", "phishing", 5, False, False),
        ("2027-01-01", "phishing", 1, False, False),
    ]
    assert await _buckets(store, TrendQuery(interval="week", group_by="mo")) == [
        ("2026-W45", mo_a, 5, True, True),
        ("2026-W46", mo_b, 1, False, False),
        ("2026-W49", mo_b, 5, False, False),
        ("2026-W53", mo_b, 1, False, False),  # 2027-01-01 is in ISO week 53 of 2026
    ]
    assert await _buckets(store, TrendQuery(interval="month", group_by="country")) == [
        ("2026-11", "DE", 2, False, True),
        ("2026-11", "NL", 4, True, False),
        ("2026-12", "FR", 5, False, False),
        ("2027-01", "FR", 1, False, False),
    ]
    assert await _buckets(store, TrendQuery(interval="month", group_by="region")) == [
        ("2026-11", "150", 6, True, True),
        ("2026-11", "155", 5, True, True),
        ("2026-12", "150", 5, False, False),
        ("2027-01", "150", 1, False, False),
    ]


async def test_trends_take_filters_and_the_latest_version(store: Store) -> None:
    mo_a, mo_b = new_id("attack-pattern"), new_id("attack-pattern")
    objects = _sightings(mo_a, mo_b)
    recount = dict(objects[0], modified="2026-11-20T00:00:00.000Z", count=7)
    await store.add([*objects, recount])
    fraud = TrendQuery(interval="week", group_by="category", filters=Filters(categories=("fraud",)))
    assert await _buckets(store, fraud) == [("2026-W45", "fraud", 9, True, True)]
    december = TrendQuery(
        interval="month",
        group_by="category",
        filters=Filters(date_from="2026-12-01T00:00:00Z", date_to="2027-01-01T00:00:00Z"),
    )
    assert await _buckets(store, december) == [("2026-12", "phishing", 5, False, False)]


# -- versions (TAXII) ---------------------------------------------------------------------------


async def _versioned(store: Store) -> tuple[str, list[dict[str, Any]]]:
    stix_id = new_id("attack-pattern")
    history = [
        make(stix_id=stix_id, modified=f"2026-11-0{day}T00:00:00.000Z", name=f"v{day}") for day in (1, 2, 3)
    ]
    others = [
        make("indicator", name="ioc", tlp=TLP.CLEAR),
        make("report", name="old spec", spec_version="2.0"),
    ]
    await store.add(history[:2])
    await store.add(others)
    await store.add(history[2:])
    return stix_id, history + others


async def test_versions_pages_by_added_with_limit_more_and_next(store: Store) -> None:
    _, objects = await _versioned(store)
    query = VersionQuery(versions=("all",), limit=2)
    seen: list[int] = []
    pages = 0
    while True:
        page = await store.versions(ADMIN, query)
        pages += 1
        assert len(page.versions) <= 2
        seen.extend(v.added for v in page.versions)
        assert page.more == (page.next is not None)
        if not page.more:
            break
        query = VersionQuery(versions=("all",), limit=2, cursor=page.next)
    assert pages == 3
    assert len(seen) == len(objects) == len(set(seen))
    assert seen == sorted(seen)
    after = await store.versions(ADMIN, VersionQuery(versions=("all",), added_after=seen[1]))
    assert [v.added for v in after.versions] == seen[2:]
    assert not after.more


async def test_versions_selectors_and_filters(store: Store) -> None:
    stix_id, _ = await _versioned(store)

    async def names(**kwargs: Any) -> list[str]:
        page = await store.versions(ADMIN, VersionQuery(ids=(stix_id,), **kwargs))
        return [str(v.obj["name"]) for v in page.versions]

    assert await names() == ["v3"]
    assert await names(versions=("first",)) == ["v1"]
    assert await names(versions=("first", "last")) == ["v1", "v3"]
    assert await names(versions=("all",)) == ["v1", "v2", "v3"]
    assert await names(versions=("2026-11-02T00:00:00.000Z",)) == ["v2"]
    assert await names(versions=("2026-11-02T00:00:00.000Z", "last")) == ["v2", "v3"]
    assert await names(versions=("all",), types=("indicator",)) == []

    async def types(**kwargs: Any) -> list[str]:
        page = await store.versions(ADMIN, VersionQuery(**kwargs))
        return sorted(str(v.obj["type"]) for v in page.versions)

    assert await types(types=("indicator", "report")) == ["indicator", "report"]
    assert await types(spec_versions=("2.0",)) == ["report"]
    assert await types(collection=Filters(tlps=(TLP.CLEAR,))) == ["indicator"]
    assert await types(collection=Filters(tlps=(TLP.GREEN,)), types=("indicator",)) == []


async def test_versions_refuse_a_bad_version_and_a_foreign_cursor(store: Store) -> None:
    await _versioned(store)
    with pytest.raises(StoreQueryError) as caught:
        await store.versions(ADMIN, VersionQuery(versions=("not-a-time",)))
    assert caught.value.parameter == "versions"
    page = await store.versions(ADMIN, VersionQuery(versions=("all",), limit=1))
    assert page.next is not None
    with pytest.raises(StoreQueryError) as caught:
        await store.versions(ADMIN, VersionQuery(types=("report",), limit=1, cursor=page.next))
    assert caught.value.parameter == "cursor"


# -- who sees what: the access matrix ----------------------------------------------------------

PARTNERS = {
    "clear": viewer("carol", TLP.CLEAR),
    "green": viewer("dave", TLP.GREEN),
    "amber": viewer("erin", TLP.AMBER),
    "amber+strict, not owner": viewer("frank", TLP.AMBER_STRICT),
    "owner": viewer("alice", TLP.RED),
    "red recipient": viewer("bob", TLP.RED),
    "red, not recipient": viewer("mallory", TLP.RED),
    "owner capped at amber": viewer("alice", TLP.AMBER),
    "admin": ADMIN,
}
LEVELS = [TLP.CLEAR, TLP.GREEN, TLP.AMBER, TLP.AMBER_STRICT, TLP.RED]
# Which levels each viewer may read (the TLP 2.0 rules of shared.access, spelled out).
READS = {
    "clear": {TLP.CLEAR},
    "green": {TLP.CLEAR, TLP.GREEN},
    "amber": {TLP.CLEAR, TLP.GREEN, TLP.AMBER},
    "amber+strict, not owner": {TLP.CLEAR, TLP.GREEN, TLP.AMBER},
    "owner": set(LEVELS),
    "red recipient": {TLP.CLEAR, TLP.GREEN, TLP.AMBER, TLP.RED},
    "red, not recipient": {TLP.CLEAR, TLP.GREEN, TLP.AMBER},
    "owner capped at amber": {TLP.CLEAR, TLP.GREEN, TLP.AMBER},
    "admin": set(LEVELS),
}


class Matrix:
    """One object of each kind per TLP (all by alice, RED for bob), and a hub pointing at them."""

    def __init__(self) -> None:
        self.word = f"matrix{uuid.uuid4().hex[:8]}"
        self.hub = make("report", name=f"{self.word} hub", tlp=TLP.CLEAR)
        self.patterns: dict[TLP, dict[str, Any]] = {}
        self.sightings: dict[TLP, dict[str, Any]] = {}
        for level in LEVELS:
            recipients = ("bob",) if level is TLP.RED else ()
            pattern = make(
                name=f"{self.word} {level}",
                tlp=level,
                recipients=recipients,
                category=f"cat-{level}",
                tags=(self.word,),
                first_seen="2026-11-02T00:00:00Z",
            )
            self.patterns[level] = pattern
            self.sightings[level] = sighting(
                pattern["id"],
                first_seen="2026-11-02T00:00:00Z",
                category="fraud",
                country="NL",
                count=10 ** LEVELS.index(level),
                tlp=level,
                recipients=recipients,
                tags=(self.word,),
            )
        self.hub["object_refs"] = [p["id"] for p in self.patterns.values()]

    def objects(self) -> list[dict[str, Any]]:
        return [self.hub, *self.patterns.values(), *self.sightings.values()]


@pytest.fixture
async def matrix(store: Store) -> Matrix:
    built = Matrix()
    await store.add(built.objects())
    return built


@pytest.mark.parametrize("who", list(PARTNERS))
async def test_access_matrix_search_totals_and_facets(store: Store, matrix: Matrix, who: str) -> None:
    readable = {matrix.patterns[level]["id"] for level in READS[who]}
    query = SearchQuery(text=matrix.word, filters=Filters(types=("attack-pattern",)), facets=FACET_FIELDS)
    page = await store.search(PARTNERS[who], query)
    assert set(ids(page)) == readable
    assert page.total == len(readable)
    assert page.facets["tlp"] == {str(level): 1 for level in READS[who]}
    assert page.facets["category"] == {f"cat-{level}": 1 for level in READS[who]}
    unfiltered = await store.search(PARTNERS[who], SearchQuery(filters=Filters(tags=(matrix.word,))))
    assert unfiltered.total == 2 * len(READS[who])


@pytest.mark.parametrize("who", list(PARTNERS))
async def test_access_matrix_trends(store: Store, matrix: Matrix, who: str) -> None:
    query = TrendQuery(interval="week", group_by="country", filters=Filters(tags=(matrix.word,)))
    expected = sum(10 ** LEVELS.index(level) for level in READS[who])
    assert await _buckets(store, query, PARTNERS[who]) == [("2026-W45", "NL", expected, False, False)]


@pytest.mark.parametrize("who", list(PARTNERS))
async def test_access_matrix_get_and_related(store: Store, matrix: Matrix, who: str) -> None:
    partner = PARTNERS[who]
    for level in LEVELS:
        pattern_id = matrix.patterns[level]["id"]
        for version in ("last", "all", matrix.patterns[level]["modified"]):
            found = await store.get(partner, pattern_id, version)
            assert bool(found) == (level in READS[who]), (level, version)
        around = {v.id for v in await store.related(partner, pattern_id)}
        expected = {matrix.hub["id"], matrix.sightings[level]["id"]} if level in READS[who] else set()
        assert around == expected, level
    around_hub = {v.id for v in await store.related(partner, matrix.hub["id"])}
    assert around_hub == {matrix.patterns[level]["id"] for level in READS[who]}


@pytest.mark.parametrize("who", list(PARTNERS))
async def test_access_matrix_versions(store: Store, matrix: Matrix, who: str) -> None:
    all_ids = tuple(obj["id"] for obj in matrix.objects())
    for versions in (("last",), ("first",), ("all",)):
        page = await store.versions(PARTNERS[who], VersionQuery(ids=all_ids, versions=versions))
        expected = {matrix.hub["id"]} | {
            obj[level]["id"] for obj in (matrix.patterns, matrix.sightings) for level in READS[who]
        }
        assert {v.id for v in page.versions} == expected


@pytest.mark.parametrize("who", list(PARTNERS))
async def test_latest_readable_version_is_served_when_versions_differ_in_tlp(store: Store, who: str) -> None:
    stix_id, word = new_id("attack-pattern"), f"w{uuid.uuid4().hex[:8]}"
    green = make(
        stix_id=stix_id,
        name=f"{word} public draft",
        modified="2026-11-01T00:00:00.000Z",
        tlp=TLP.GREEN,
        category="fraud",
        first_seen="2026-11-02T00:00:00Z",
    )
    red = make(
        stix_id=stix_id,
        name=f"{word} secret details",
        modified="2026-11-05T00:00:00.000Z",
        tlp=TLP.RED,
        recipients=("bob",),
        category="extortion",
        first_seen="2026-11-02T00:00:00Z",
    )
    await store.add([green, red])
    partner = PARTNERS[who]
    visible = [obj for obj, level in ((green, TLP.GREEN), (red, TLP.RED)) if level in READS[who]]
    latest = [visible[-1]["name"]] if visible else []

    assert [v.obj["name"] for v in await store.get(partner, stix_id)] == latest
    assert [v.obj["name"] for v in await store.get(partner, stix_id, "all")] == [o["name"] for o in visible]

    page = await store.search(partner, SearchQuery(text=word, facets=("category", "tlp")))
    assert [hit.obj["name"] for hit in page.hits] == latest
    shown = visible[-1:]
    assert page.facets["category"] == {o["extensions"][EXT]["crime_category"]: 1 for o in shown}
    assert page.facets["tlp"] == {o["extensions"][EXT]["tlp"]: 1 for o in shown}
    secret = await store.search(partner, SearchQuery(text=f"{word} secret"))
    assert secret.total == (1 if red in visible else 0)
    # The older green text is not found through the newer version the viewer reads instead.
    draft = await store.search(partner, SearchQuery(text=f"{word} draft"))
    assert draft.total == (1 if visible == [green] else 0)

    last = await store.versions(partner, VersionQuery(ids=(stix_id,)))
    assert [v.obj["name"] for v in last.versions] == latest


async def test_latest_readable_sighting_counts_in_trends(store: Store) -> None:
    mo, word = new_id("attack-pattern"), f"w{uuid.uuid4().hex[:8]}"
    base = sighting(
        mo, first_seen="2026-11-02T00:00:00Z", category="fraud", country="NL", count=2, tags=(word,)
    )
    secret = dict(base, modified="2026-11-09T00:00:00.000Z", count=50)
    secret["object_marking_refs"] = make(tlp=TLP.RED)["object_marking_refs"]
    await store.add([base, secret])
    query = TrendQuery(group_by="category", filters=Filters(tags=(word,)))
    assert await _buckets(store, query, PARTNERS["green"]) == [("2026-W45", "fraud", 2, False, False)]
    assert await _buckets(store, query, PARTNERS["owner"]) == [("2026-W45", "fraud", 50, False, False)]
    assert await _buckets(store, query, PARTNERS["red, not recipient"]) == [
        ("2026-W45", "fraud", 2, False, False)
    ]


# -- properties ---------------------------------------------------------------------------------


_PEOPLE = ["alice", "bob", "carol"]
_VERSION = st.tuples(st.sampled_from(LEVELS), st.sampled_from(_PEOPLE), st.sets(st.sampled_from(_PEOPLE)))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    histories=st.lists(st.lists(_VERSION, min_size=1, max_size=3), min_size=1, max_size=6),
    who=st.tuples(st.sampled_from(_PEOPLE), st.sampled_from(LEVELS)),
)
async def test_random_objects_never_leak_to_random_viewers(
    store: Store, histories: list[list[tuple[TLP, str, set[str]]]], who: tuple[str, TLP]
) -> None:
    """Random TLPs, owners, recipients and version histories, random viewer: every read shows
    exactly the latest readable version of each object (judged by shared.access.can_read_object)."""
    word = f"p{uuid.uuid4().hex[:10]}"
    objects: list[dict[str, Any]] = []
    for history in histories:
        stix_id = new_id("attack-pattern")
        for day, (level, owner, recipients) in enumerate(history, start=1):
            objects.append(
                make(
                    stix_id=stix_id,
                    name=f"{word} v{day}",
                    tlp=level,
                    owner=owner,
                    recipients=tuple(sorted(recipients)),
                    modified=f"2026-11-{day:02d}T00:00:00.000Z",
                    tags=(word,),
                    category=str(level),
                )
            )
    await store.add(objects)
    partner = viewer(*who)
    readable = [obj for obj in objects if can_read_object(partner, obj)]
    latest: dict[str, dict[str, Any]] = {}
    for obj in readable:
        if obj["id"] not in latest or obj["modified"] > latest[obj["id"]]["modified"]:
            latest[obj["id"]] = obj
    expected = {(obj["id"], obj["modified"]) for obj in latest.values()}

    page = await store.search(partner, SearchQuery(text=word, limit=100, facets=("category",)))
    assert {(hit.obj["id"], hit.obj["modified"]) for hit in page.hits} == expected
    assert page.total == len(expected)
    assert page.facets["category"] == dict(Counter(obj["extensions"][EXT]["tlp"] for obj in latest.values()))
    every = await store.versions(
        partner, VersionQuery(collection=Filters(tags=(word,)), versions=("all",), limit=1000)
    )
    assert {(v.id, v.version) for v in every.versions} == {(o["id"], o["modified"]) for o in readable}
    last = await store.versions(partner, VersionQuery(collection=Filters(tags=(word,))))
    assert {(v.id, v.version) for v in last.versions} == expected
    for stix_id in {obj["id"] for obj in objects}:
        got = await store.get(partner, stix_id)
        assert [(v.id, v.version) for v in got] == [
            (o["id"], o["modified"]) for o in latest.values() if o["id"] == stix_id
        ]


# -- TAXII statuses -----------------------------------------------------------------------------


def _status(status_id: str | None = None) -> StatusRecord:
    return StatusRecord(
        id=status_id or str(uuid.uuid4()),
        partner_id="be-cert",
        collection_id="2f784c51-9e86-444f-b3ee-e35b0c7cbd5d",
        submission_id=None,
        request_timestamp="2026-12-05T10:00:00.000000Z",
        entries=(
            StatusEntry("indicator--1", "2026-12-05T09:00:00.000Z", "pending"),
            StatusEntry("user-account--2", "unversioned", "failure", "personal data: removed"),
            StatusEntry("attack-pattern--3", "2026-12-05T09:00:00.000Z", "pending"),
            StatusEntry("report--4", "2026-12-05T09:00:00.000Z", "pending"),
        ),
    )


async def test_a_saved_status_loads_as_it_was_saved(store: Store) -> None:
    record = _status()
    await store.save_status(record)
    assert await store.load_status(record.id) == record
    assert await store.load_status(str(uuid.uuid4())) is None


async def test_marking_success_changes_only_listed_pending_entries(store: Store) -> None:
    record = _status()
    await store.save_status(record)
    await store.mark_status_succeeded(record.id, ["indicator--1", "user-account--2"])
    await store.mark_status_succeeded(record.id, ["indicator--1"])  # again: nothing changes
    await store.mark_status_succeeded(str(uuid.uuid4()), ["indicator--1"])  # unknown: no error
    loaded = await store.load_status(record.id)
    assert loaded is not None
    assert [e.outcome for e in loaded.entries] == ["success", "failure", "pending", "pending"]
    assert loaded.entries[1].message == "personal data: removed"


async def test_replicas_marking_one_status_at_once_lose_no_success(store: Store) -> None:
    record = _status()
    await store.save_status(record)
    await asyncio.gather(
        store.mark_status_succeeded(record.id, ["attack-pattern--3"]),
        store.mark_status_succeeded(record.id, ["report--4"]),
    )
    loaded = await store.load_status(record.id)
    assert loaded is not None
    assert [e.outcome for e in loaded.entries] == ["pending", "failure", "success", "success"]
