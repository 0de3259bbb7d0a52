"""Store benchmark: indexing objects/s and search/trends p50/p95 at 10,000 and 100,000 objects.

The corpus is synthetic but shaped like crimefeed's enriched output: reports, attack-patterns
(MO steps), indicators, relationships and sightings with the crimefeed extension (TLP, tags,
category, country, M49 region, sectors, trend block), multilingual text, about 5% of objects in
a second version, all five TLPs, 24 partners. It grows the way a real feed does: about 1,000
objects a week and a new campaign (with its own vocabulary) every 50 objects, so a bigger store
covers a longer time span with more campaigns rather than more copies of the same thing.

The query mix is an analyst's: campaign words (with facets), common words within the last weeks,
filters on category/country over recent weeks sorted by date, three pages through a cursor, and
weekly/monthly trends over the last quarter, by partners of every clearance and an admin. It
also times "broad" queries over the whole store (every match counted and faceted), which grow
with the store by nature; they are printed apart.

Target: on SQLite, search p95 at 100,000 objects no more than 3x p95 at 10,000.

Usage:
    python bench/search.py [--sizes 10000 100000] [--million] [--opensearch] [--queries 200]

OpenSearch runs when CRIMEFEED_OPENSEARCH_URL is set or with --opensearch (which starts the
osmem-server test server).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from shared.access import Viewer
from shared.models.report import TLP
from shared.stix.extension import EXTENSION_ID
from shared.stix.ids import pseudonymize
from shared.stix.markings import TLP_MARKING_IDS
from shared.store.base import FACET_FIELDS, Filters, SearchQuery, Store, TrendQuery
from shared.store.sqlite import SqliteStore

OBJECTS_PER_WEEK = 1_000
OBJECTS_PER_CAMPAIGN = 50
BATCH = 1_000
END = datetime(2026, 12, 1, tzinfo=UTC)
KEY = b"bench"
PARTNERS = [f"partner-{i:02d}" for i in range(24)]
TLP_WEIGHTS = {TLP.CLEAR: 10, TLP.GREEN: 35, TLP.AMBER: 35, TLP.AMBER_STRICT: 10, TLP.RED: 10}
CATEGORIES = [
    "fraud", "phishing", "ransomware", "card-fraud", "investment-fraud", "sextortion",
    "money-mule", "romance-scam", "ddos", "account-takeover", "bec", "crypto-theft",
]  # fmt: skip
COUNTRIES = [
    "NL",
    "DE",
    "FR",
    "ES",
    "IT",
    "BE",
    "PL",
    "SE",
    "GB",
    "IE",
    "PT",
    "AT",
    "CZ",
    "RO",
    "GR",
    "MA",
    "EG",
    "SA",
    "AE",
    "BR",
    "MX",
    "US",
    "CA",
    "IN",
    "JP",
    "AU",
    "NG",
    "KE",
    "ZA",
    "TR",
]
REGIONS = ["150", "154", "155", "039", "151", "002", "015", "145", "019", "142"]
SECTORS = ["finance", "logistics", "e-commerce", "health", "public", "telecom", "energy", "consumers"]
COMMON = {
    "en": [
        "parcel",
        "delivery",
        "bank",
        "account",
        "card",
        "wallet",
        "victims",
        "fraudsters",
        "fake",
        "website",
        "text",
        "message",
        "call",
        "centre",
        "invoice",
        "payment",
        "transfer",
        "mule",
        "crypto",
        "investment",
        "platform",
        "login",
        "password",
    ],
    "fr": [
        "hameçonnage",
        "colis",
        "banque",
        "compte",
        "carte",
        "victimes",
        "escrocs",
        "faux",
        "site",
        "message",
        "appel",
        "facture",
        "paiement",
        "virement",
        "mule",
        "placement",
        "plateforme",
        "identifiants",
        "âgés",
    ],
    "de": [
        "Paket",
        "Zustellung",
        "Bank",
        "Konto",
        "Karte",
        "Opfer",
        "Betrüger",
        "gefälschte",
        "Webseite",
        "Nachricht",
        "Anruf",
        "Rechnung",
        "Zahlung",
        "Überweisung",
        "Geldkurier",
        "Anlage",
        "Plattform",
        "Passwort",
    ],
    "es": [
        "paquete",
        "entrega",
        "banco",
        "cuenta",
        "tarjeta",
        "víctimas",
        "estafadores",
        "falso",
        "sitio",
        "mensaje",
        "llamada",
        "factura",
        "pago",
        "transferencia",
        "mula",
        "inversión",
        "plataforma",
        "contraseña",
    ],
    "ar": [
        "الاحتيال",
        "المصرفي",
        "رسائل",
        "نصية",
        "مزيفة",
        "الضحايا",
        "البطاقة",
        "الحساب",
        "تحويل",
        "منصة",
        "استثمار",
    ],
}
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ner",
    "sta",
    "vor",
    "quin",
    "dra",
    "pel",
    "zu",
    "tor",
    "ash",
    "bel",
    "cor",
    "dun",
    "fal",
    "gim",
    "hex",
]


def campaign_word(index: int) -> str:
    """A made-up, unique campaign name (e.g. 'kalomi-17'), as an analyst would search for it."""
    rng = random.Random(index)
    return "".join(rng.choice(SYLLABLES) for _ in range(3)) + f"{index}"


class Corpus:
    """Deterministic synthetic enriched objects; see the module docstring."""

    def __init__(self, size: int, seed: int = 7) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.weeks = max(1, size // OBJECTS_PER_WEEK)
        self.start = END - timedelta(weeks=self.weeks)
        self.campaigns = max(1, size // OBJECTS_PER_CAMPAIGN)

    def objects(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        patterns: list[str] = []
        index = 0
        while len(out) < self.size:
            campaign = index * self.campaigns // max(1, self.size // 10)
            out.extend(self._group(index, min(campaign, self.campaigns - 1), patterns))
            index += 1
        return out[: self.size]

    def _group(self, index: int, campaign: int, patterns: list[str]) -> list[dict[str, Any]]:
        """Ten objects of one submission: a report, two MO steps, indicators, links, a sighting."""
        rng = self.rng
        when = self.start + timedelta(seconds=rng.uniform(0, self.weeks * 7 * 86_400))
        common = self._common(rng, when, campaign)
        report = self._obj("report", common, name=self._text(rng, campaign, 8), published=_ts(when))
        steps = [self._obj("attack-pattern", common, name=self._text(rng, campaign, 10)) for _ in range(2)]
        patterns.extend(step["id"] for step in steps)
        indicators = [
            self._obj(
                "indicator", common, name=f"{campaign_word(campaign)}-{i}.example", valid_from=_ts(when)
            )
            for i in range(3)
        ]
        report["object_refs"] = [o["id"] for o in (*steps, *indicators)]
        links = [
            self._obj(
                "relationship", common, relationship_type="indicates", source_ref=i["id"], target_ref=s["id"]
            )
            for i, s in zip(indicators, [*steps, steps[0]], strict=True)
        ]
        mo = rng.choice(patterns[-200:])
        seen = self._obj(
            "sighting", common, sighting_of_ref=mo, first_seen=_ts(when), count=rng.randint(1, 20)
        )
        seen["extensions"][EXTENSION_ID]["trend"] = {
            "week": f"{when.isocalendar().year}-W{when.isocalendar().week:02d}",
            "mo": mo,
            "country": common["country"],
            "category": common["category"],
            "first_seen_mo": rng.random() < 0.05,
            "spike": rng.random() < 0.03,
        }
        group = [report, *steps, *indicators, *links, seen]
        if rng.random() < 0.5:  # about 5% of objects get a second, later version
            revised = dict(rng.choice(group), modified=_ts(when + timedelta(days=3)))
            group.append(revised)
        return group

    def _common(self, rng: random.Random, when: datetime, campaign: int) -> dict[str, Any]:
        tlp = rng.choices(list(TLP_WEIGHTS), weights=list(TLP_WEIGHTS.values()))[0]
        return {
            "tlp": tlp,
            "owner": pseudonymize(rng.choice(PARTNERS), KEY).identity_id,
            "recipients": rng.sample(PARTNERS, 3) if tlp is TLP.RED else [],
            "category": CATEGORIES[campaign % len(CATEGORIES)],
            "country": rng.choice(COUNTRIES),
            "regions": rng.sample(REGIONS, 2),
            "sectors": rng.sample(SECTORS, 2),
            "when": when,
        }

    def _text(self, rng: random.Random, campaign: int, words: int) -> str:
        language = rng.choice(list(COMMON))
        body = rng.choices(COMMON[language], k=words)
        body.insert(rng.randrange(len(body)), campaign_word(campaign))
        return " ".join(body)

    def _obj(self, stix_type: str, common: dict[str, Any], **properties: Any) -> dict[str, Any]:
        created = _ts(common["when"])
        ext = {
            "extension_type": "property-extension",
            "tlp": str(common["tlp"]),
            "crime_category": common["category"],
            "country": common["country"],
            "sectors": common["sectors"],
            "tags": [f"un-m49:{code}" for code in common["regions"]]
            + [f"sector:{sector}" for sector in common["sectors"]],
        }
        if common["recipients"]:
            ext["recipients"] = common["recipients"]
        obj: dict[str, Any] = {
            "type": stix_type,
            "spec_version": "2.1",
            "id": f"{stix_type}--{uuid.UUID(int=self.rng.getrandbits(128), version=4)}",
            "created_by_ref": common["owner"],
            "created": created,
            "modified": created,
            "object_marking_refs": [TLP_MARKING_IDS[common["tlp"]]],
            "extensions": {EXTENSION_ID: ext},
        }
        obj.update(properties)
        if stix_type == "attack-pattern":
            obj["description"] = obj["name"] + ". " + obj["name"][::-1]
        return obj


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def viewers() -> list[Viewer]:
    out = [Viewer("admin", TLP.RED, "identity--admin", is_admin=True)]
    for i, partner in enumerate(PARTNERS[:10]):
        level = list(TLP_WEIGHTS)[i % 5]
        out.append(Viewer(partner, level, pseudonymize(partner, KEY).identity_id))
    return out


Query = Callable[[Store, Viewer], Awaitable[object]]


def analyst_queries(corpus: Corpus, rng: random.Random) -> list[tuple[str, Query]]:
    """The realistic mix: the data an analyst looks at stays about the same as the store grows."""
    recent = _ts(END - timedelta(weeks=4))
    quarter = _ts(END - timedelta(weeks=12))
    mix: list[tuple[str, Query]] = []
    for _ in range(40):
        word = campaign_word(rng.randrange(corpus.campaigns))
        mix.append(("campaign text+facets", _search(SearchQuery(text=word, facets=FACET_FIELDS))))
        language = rng.choice(list(COMMON))
        words = " ".join(rng.sample(COMMON[language], 2))
        mix.append(
            (
                "recent text",
                _search(SearchQuery(text=words, filters=Filters(date_from=recent), facets=("tlp",))),
            )
        )
        filters = Filters(
            categories=(rng.choice(CATEGORIES),), countries=tuple(rng.sample(COUNTRIES, 5)), date_from=quarter
        )
        mix.append(
            ("recent filtered", _search(SearchQuery(filters=filters, sort="-date", facets=("country",))))
        )
        mix.append(
            ("recent 3 pages", _pages(SearchQuery(filters=Filters(date_from=recent), sort="-date"), 3))
        )
    return mix


def trend_queries(rng: random.Random) -> list[tuple[str, Query]]:
    quarter = Filters(date_from=_ts(END - timedelta(weeks=12)))
    mix: list[tuple[str, Query]] = []
    for _ in range(40):
        mix.append(("trends week/category", _trends(TrendQuery("week", "category", quarter))))
        mix.append(("trends month/country", _trends(TrendQuery("month", "country", quarter))))
        cat = Filters(date_from=quarter.date_from, categories=(rng.choice(CATEGORIES),))
        mix.append(("trends day/mo", _trends(TrendQuery("day", "mo", cat))))
    return mix


def broad_queries(rng: random.Random) -> list[tuple[str, Query]]:
    mix: list[tuple[str, Query]] = []
    for _ in range(10):
        word = rng.choice(COMMON["en"])
        mix.append(("broad text+facets", _search(SearchQuery(text=word, facets=FACET_FIELDS))))
        mix.append(("broad all+facets", _search(SearchQuery(facets=FACET_FIELDS))))
        mix.append(("broad trends", _trends(TrendQuery("month", "region"))))
    return mix


def _search(query: SearchQuery) -> Query:
    return lambda store, who: store.search(who, query)


def _trends(query: TrendQuery) -> Query:
    return lambda store, who: store.trends(who, query)


def _pages(query: SearchQuery, pages: int) -> Query:
    async def run(store: Store, who: Viewer) -> None:
        page = await store.search(who, query)
        for _ in range(pages - 1):
            if page.next is None:
                return
            page = await store.search(
                who, SearchQuery(filters=query.filters, sort=query.sort, cursor=page.next)
            )

    return run


async def timed(store: Store, mix: list[tuple[str, Query]], rounds: int) -> dict[str, list[float]]:
    people = viewers()
    times: dict[str, list[float]] = {"all": []}
    for i in range(rounds):
        label, query = mix[i % len(mix)]
        start = time.perf_counter()
        await query(store, people[i % len(people)])
        elapsed = (time.perf_counter() - start) * 1000
        times["all"].append(elapsed)
        times.setdefault(label, []).append(elapsed)
    return times


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


async def load(store: Store, objects: list[dict[str, Any]]) -> float:
    start = time.perf_counter()
    for i in range(0, len(objects), BATCH):
        await store.add(objects[i : i + BATCH])
    return len(objects) / (time.perf_counter() - start)


async def bench_store(name: str, store: Store, size: int, rounds: int) -> dict[str, tuple[float, float]]:
    corpus = Corpus(size)
    objects = corpus.objects()
    rate = await load(store, objects)
    print(f"\n{name} {size:,} objects ({await store.count():,} versions): indexing {rate:,.0f} objects/s")
    rng = random.Random(11)
    results: dict[str, tuple[float, float]] = {}
    for title, mix, count in (
        ("search", analyst_queries(corpus, rng), rounds),
        ("trends", trend_queries(rng), rounds // 2),
        ("broad", broad_queries(rng), 30),
    ):
        await timed(store, mix, min(count, 20))  # warm caches
        times = await timed(store, mix, count)
        for label, values in sorted(times.items()):
            p50, p95 = percentiles(values)
            key = title if label == "all" else f"  {label}"
            results[key if label == "all" else f"{title}:{label}"] = (p50, p95)
            print(f"  {key:<28} p50 {p50:8.2f} ms   p95 {p95:8.2f} ms   (n={len(values)})")
    return results


async def open_sqlite(directory: Path, size: int) -> Store:
    return await SqliteStore.open(directory / f"bench-{size}.sqlite3")


async def open_opensearch(url: str, size: int) -> Store:
    from shared.store.opensearch import OpenSearchStore

    return await OpenSearchStore.open(url, prefix=f"bench-{size}-{uuid.uuid4().hex[:6]}-")


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--million", action="store_true", help="also 1,000,000 objects")
    parser.add_argument("--opensearch", action="store_true", help="start osmem-server if no URL is set")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    sizes = [*args.sizes, *([1_000_000] if args.million else [])]
    summary: dict[tuple[str, int], dict[str, tuple[float, float]]] = {}
    url = os.environ.get("CRIMEFEED_OPENSEARCH_URL")
    server: Any = None
    if url is None and args.opensearch:
        from osmem_server import OsmemServer  # type: ignore[import-untyped]

        server = OsmemServer.start(japanese=False, addr="127.0.0.1:0", startup_timeout=30.0)
        url = server.url
    try:
        with tempfile.TemporaryDirectory(prefix="crimefeed-bench-") as directory:
            for size in sizes:
                backends: list[tuple[str, Callable[[], Awaitable[Store]]]] = []
                if not args.no_sqlite:
                    backends.append(("sqlite", lambda s=size: open_sqlite(Path(directory), s)))  # type: ignore[misc]
                if url is not None:
                    backends.append(("opensearch", lambda s=size: open_opensearch(url, s)))  # type: ignore[misc]
                for name, opener in backends:
                    store = await opener()
                    try:
                        summary[(name, size)] = await bench_store(name, store, size, args.queries)
                    finally:
                        await store.close()
    finally:
        if server is not None:
            server.close()
    print_ratios(summary, sizes)


def print_ratios(summary: dict[tuple[str, int], dict[str, tuple[float, float]]], sizes: list[int]) -> None:
    if len(sizes) < 2:
        return
    small, large = sizes[0], sizes[1]
    for backend in ("sqlite", "opensearch"):
        if (backend, small) not in summary or (backend, large) not in summary:
            continue
        for key in ("search", "trends", "broad"):
            ratio = summary[(backend, large)][key][1] / summary[(backend, small)][key][1]
            print(f"{backend} {key} p95 at {large:,} / p95 at {small:,}: {ratio:.2f}x")


if __name__ == "__main__":
    asyncio.run(main())
