"""The store on OpenSearch (opensearch-py, async): the backend for deployments at scale.

Indices (``<prefix>`` defaults to ``crimefeed-``; mappings in infra/opensearch/templates/):

- ``<prefix>objects``: one document per object *version*, ``_id`` = ``<stix id>|<version>``,
  written with op_type create, so a replay is refused by the cluster itself and the first
  ``added`` stays.
- ``<prefix>statuses``: TAXII POST statuses (``opensearch_status``).
- ``<prefix>counters``: the ``added`` clock. Each batch reserves a block of values from one counter
  document with optimistic concurrency (if_seq_no/if_primary_term; no scripts, which the test
  server lacks), never below the current time, so several indexer replicas never hand out the
  same value.

Reads apply the TLP rule inside the query (see ``opensearch_query``), so totals, facets and
aggregations only count what the viewer may read. Writes refresh before returning: when ``add``
returns, the versions are searchable.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from opensearchpy import AsyncOpenSearch, ConflictError, NotFoundError, TransportError

from shared.access import Viewer
from shared.store import opensearch_status
from shared.store.base import (
    FACET_FIELDS,
    SearchHit,
    SearchPage,
    SearchQuery,
    StatusRecord,
    StoredVersion,
    StoreQueryError,
    TrendBucket,
    TrendQuery,
    VersionPage,
    VersionQuery,
)
from shared.store.cursor import decode_cursor, encode_cursor
from shared.store.document import Document, to_document
from shared.store.highlight import MATCH_END, MATCH_START, safe_highlight
from shared.store.opensearch_admin import DEFAULT_PREFIX, connect, index_body
from shared.store.opensearch_query import (
    FACET_INDEX_FIELDS,
    Query,
    all_of,
    document_body,
    filter_clauses,
    first_readable,
    latest_readable,
    order_key,
    readable,
    side_fields,
)
from shared.store.sqlite_query import fts_query, parse_timestamp, parse_timestamp_us

_COUNTER_ID = "added"
_UNIQUE_SORT = [{"id": "asc"}, {"version": "asc"}]
_ACCESS_SOURCE = [
    "id",
    "version",
    "tlp",
    "owner",
    "recipients",
    *side_fields("newer", ()).keys(),
    *side_fields("older", ()).keys(),
]
_AGG_SIZE = 10_000
MAX_SEARCH_LIMIT = 1_000
MAX_VERSIONS_LIMIT = 10_000
DEFAULT_RESULT_WINDOW = 10_000
"""OpenSearch's default index.max_result_window: how deep ``from`` paging may go."""
_TREND_GROUPS = ("category", "mo", "country", "region")
_TREND_INTERVALS = ("day", "week", "month")
_SORTS = ("relevance", "date", "-date", "modified", "-modified")
_RETRIES = 50


class BulkRejected(TransportError):
    """OpenSearch refused some items of a bulk request. A TransportError whose status is the
    most telling item status (429 if any was throttled, else the highest), so callers that retry
    429/5xx and reject 4xx treat a partly refused batch like a refused request."""

    def __init__(self, what: str, failures: Sequence[Mapping[str, Any]]) -> None:
        statuses = [int(item.get("status") or 500) for item in failures]
        status = 429 if 429 in statuses else max(statuses)
        sample = [f"{item.get('_id')}: {item.get('error')}" for item in failures[:3]]
        super().__init__(status, f"OpenSearch refused {len(failures)} {what}: {sample}", list(failures))


def now_us() -> int:
    return time.time_ns() // 1000


def doc_id(stix_id: str, version: str) -> str:
    return f"{stix_id}|{version}"


class OpenSearchStore:
    """``shared.store.base.Store`` on OpenSearch."""

    def __init__(self, client: AsyncOpenSearch, *, prefix: str = DEFAULT_PREFIX) -> None:
        self.client = client
        self.prefix = prefix
        self.objects_index = f"{prefix}objects"
        self.counters_index = f"{prefix}counters"
        self.statuses_index = f"{prefix}statuses"
        # One writer at a time per instance; other instances are handled by the cluster.
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(
        cls,
        url: str,
        *,
        prefix: str = DEFAULT_PREFIX,
        username: str | None = None,
        password: str | None = None,
        verify_certs: bool = True,
        ca_certs: str | None = None,
    ) -> OpenSearchStore:
        """Connect and create the indices if they are missing."""
        client = connect(
            url, username=username, password=password, verify_certs=verify_certs, ca_certs=ca_certs
        )
        store = cls(client, prefix=prefix)
        try:
            await store.ensure_indices()
        except Exception:
            await client.close()
            raise
        return store

    async def ensure_indices(self) -> None:
        for name, index in (
            ("objects", self.objects_index),
            ("counters", self.counters_index),
            ("statuses", self.statuses_index),
        ):
            if not await self.client.indices.exists(index=index):
                try:
                    await self.client.indices.create(index=index, body=index_body(name, self.prefix))
                except Exception as error:  # another replica created it first
                    if "resource_already_exists" not in str(error):
                        raise

    async def close(self) -> None:
        await self.client.close()

    # -- TAXII statuses --------------------------------------------------------------------

    async def save_status(self, record: StatusRecord) -> None:
        await opensearch_status.save(self.client, self.statuses_index, record)

    async def load_status(self, status_id: str) -> StatusRecord | None:
        return await opensearch_status.load(self.client, self.statuses_index, status_id)

    async def mark_status_succeeded(self, status_id: str, object_ids: Sequence[str]) -> None:
        if object_ids:
            await opensearch_status.mark_succeeded(self.client, self.statuses_index, status_id, object_ids)

    # -- writing ---------------------------------------------------------------------------

    async def add(self, objects: Sequence[Mapping[str, Any]]) -> int:
        return await self.add_documents([to_document(obj) for obj in objects])

    async def add_documents(self, batch: Sequence[Document]) -> int:
        documents: dict[str, Document] = {}
        for doc in batch:
            documents.setdefault(doc_id(doc.id, doc.version), doc)
        if not documents:
            return 0
        async with self._write_lock:
            new = await self._missing(list(documents))
            created: list[str] = []
            if new:
                start = await self._reserve(len(new))
                created = await self._create(
                    [(key, document_body(documents[key], start + n)) for n, key in enumerate(new)]
                )
                await self._refresh()
            # Every object of the batch, not only the new versions: a replay after a crash between
            # create and reconcile repairs what the crash left undone.
            if await self._reconcile({doc.id for doc in documents.values()}):
                await self._refresh()
            return len(created)

    async def _refresh(self) -> None:
        await self.client.indices.refresh(index=self.objects_index)

    async def _missing(self, keys: list[str]) -> list[str]:
        """The version keys not stored yet (in batch order), so a replay takes no clock values."""
        found = await self.client.mget(index=self.objects_index, body={"ids": keys}, _source=False)
        stored = {item["_id"] for item in found["docs"] if item.get("found")}
        return [key for key in keys if key not in stored]

    async def _reserve(self, size: int) -> int:
        """The first of ``size`` consecutive ``added`` values nobody else holds, never below now."""
        for _ in range(_RETRIES):
            try:
                current = await self.client.get(index=self.counters_index, id=_COUNTER_ID)
            except NotFoundError:
                start = now_us()
                try:
                    await self.client.index(
                        index=self.counters_index,
                        id=_COUNTER_ID,
                        body={"next": start + size},
                        op_type="create",
                    )
                    return start
                except ConflictError:
                    continue
            start = max(int(current["_source"]["next"]), now_us())
            try:
                await self.client.index(
                    index=self.counters_index,
                    id=_COUNTER_ID,
                    body={"next": start + size},
                    if_seq_no=current["_seq_no"],
                    if_primary_term=current["_primary_term"],
                )
                return start
            except ConflictError:
                continue  # another writer took a block in between: read again
        raise RuntimeError(f"could not reserve 'added' values after {_RETRIES} attempts")

    async def _create(self, bodies: list[tuple[str, dict[str, Any]]]) -> list[str]:
        """Create the versions; those another writer created meanwhile (409) are left as they are."""
        actions: list[dict[str, Any]] = []
        for key, body in bodies:
            actions.append({"create": {"_index": self.objects_index, "_id": key}})
            actions.append(body)
        response = await self.client.bulk(body=actions)
        created: list[str] = []
        failures: list[Mapping[str, Any]] = []
        for item in response["items"]:
            result = item["create"]
            if result.get("status") in (200, 201):
                created.append(result["_id"])
            elif result.get("status") != 409:
                failures.append(result)
        if failures:
            raise BulkRejected("versions", failures)
        return created

    async def _reconcile(self, stix_ids: set[str]) -> bool:
        """Bring every version's newer_* fields up to date for these objects.

        Recomputed from all stored versions and written with if_seq_no, so two writers adding
        versions of one object concurrently converge: the one that read a stale set conflicts
        and recomputes. Whether anything was written.
        """
        pending = sorted(stix_ids)
        wrote = False
        for _ in range(_RETRIES):
            if not pending:
                return wrote
            conflicted: set[str] = set()
            for start in range(0, len(pending), 500):
                written, stale = await self._reconcile_chunk(pending[start : start + 500])
                wrote, conflicted = wrote or written, conflicted | stale
            pending = sorted(conflicted)
            if pending:
                await self._refresh()
        raise RuntimeError(f"could not reconcile versions of {pending[:3]} after {_RETRIES} attempts")

    async def _reconcile_chunk(self, stix_ids: list[str]) -> tuple[bool, set[str]]:
        """Write the side fields that are out of date: (whether any was written, the objects
        whose update lost a race)."""
        hits = await self._scan(
            {"terms": {"id": stix_ids}}, source=_ACCESS_SOURCE, seq_no=True, sort=_UNIQUE_SORT
        )
        by_id: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for hit in hits:
            by_id[hit["_source"]["id"]].append(hit)
        actions: list[dict[str, Any]] = []
        for versions in by_id.values():
            for hit in versions:
                wanted = _side_fields_of(hit, versions)
                if any(hit["_source"].get(key) != value for key, value in wanted.items()):
                    meta = {"_index": self.objects_index, "_id": hit["_id"]}
                    meta |= {"if_seq_no": hit["_seq_no"], "if_primary_term": hit["_primary_term"]}
                    actions += [{"update": meta}, {"doc": wanted}]
        if not actions:
            return False, set()
        response = await self.client.bulk(body=actions)
        conflicted: set[str] = set()
        failures: list[Mapping[str, Any]] = []
        for item in response["items"]:
            result = item["update"]
            if result.get("status") == 409:
                conflicted.add(result["_id"].rsplit("|", 1)[0])
            elif result.get("status") not in (200, 201):
                failures.append(result)
        if failures:
            raise BulkRejected("updates", failures)
        return True, conflicted

    async def _scan(
        self,
        query: Query,
        *,
        source: list[str] | bool,
        sort: list[Any],
        seq_no: bool = False,
        limit: int | None = None,
        after: list[Any] | None = None,
    ) -> list[dict[str, Any]]:
        """Every hit of a query after position ``after`` (search_after pages, so no result
        window limit), up to ``limit``; ``sort`` must end in a unique field."""
        hits: list[dict[str, Any]] = []
        while limit is None or len(hits) < limit:
            size = 1000 if limit is None else min(1000, limit - len(hits))
            body: dict[str, Any] = {"query": query, "sort": sort, "size": size, "_source": source}
            if seq_no:
                body["seq_no_primary_term"] = True
            if after is not None:
                body["search_after"] = after
            page = (await self.client.search(index=self.objects_index, body=body))["hits"]["hits"]
            hits.extend(page)
            if len(page) < size:
                break
            after = page[-1]["sort"]
        return hits

    # -- reading ---------------------------------------------------------------------------

    async def count(self) -> int:
        response = await self.client.count(index=self.objects_index)
        return int(response["count"])

    async def get(
        self, viewer: Viewer, stix_id: str, version: str | Literal["last", "all"] = "last"
    ) -> list[StoredVersion]:
        clauses: list[Query] = [{"term": {"id": stix_id}}]
        if version == "last":
            clauses.append(latest_readable(viewer))
        elif version == "all":
            clauses.append(readable(viewer))
        else:
            clauses += [readable(viewer), _same_version(version)]
        hits = await self._scan(
            all_of(clauses),
            source=["obj", "added", "version"],
            sort=[{"version_us": "asc"}, {"version": "asc"}],
        )
        if version not in ("last", "all") and len(hits) > 1:
            # The same instant written with another precision: the exact spelling wins.
            hits = [min(hits, key=lambda hit: hit["_source"]["version"] != version)]
        return [_stored(hit) for hit in hits]

    async def related(self, viewer: Viewer, stix_id: str, limit: int = 200) -> list[StoredVersion]:
        if limit < 1:
            raise StoreQueryError("limit", "must be at least 1")
        own = await self._scan(
            all_of([{"term": {"id": stix_id}}, latest_readable(viewer)]), source=["refs"], sort=_UNIQUE_SORT
        )
        if not own:
            return []  # an object the viewer cannot read has no neighbours to show either
        refs = [ref for hit in own for ref in hit["_source"].get("refs") or () if ref != stix_id]
        links: list[Query] = [{"term": {"refs": stix_id}}]
        if refs:
            links.append({"terms": {"id": refs}})
        query = {
            "bool": {
                "filter": [latest_readable(viewer), {"bool": {"should": links, "minimum_should_match": 1}}],
                "must_not": [{"term": {"id": stix_id}}],
            }
        }
        hits = await self._scan(query, source=["obj", "added"], sort=_UNIQUE_SORT, limit=limit)
        return [_stored(hit) for hit in hits]

    async def result_window(self) -> int:
        """The objects index's ``index.max_result_window`` (an operator may change it at any
        time, so it is asked each time a relevance page past the first is served)."""
        settings = await self.client.indices.get_settings(
            index=self.objects_index, name="index.max_result_window", include_defaults=True
        )
        found = [
            group.get("index", {}).get("max_result_window")
            for index in settings.values()
            for group in (index.get("settings", {}), index.get("defaults", {}))
        ]
        values = [int(value) for value in found if value is not None]
        return values[0] if values else DEFAULT_RESULT_WINDOW

    async def search(self, viewer: Viewer, query: SearchQuery) -> SearchPage:
        _check_limit(query.limit, MAX_SEARCH_LIMIT)
        unknown = [name for name in query.facets if name not in FACET_FIELDS]
        if unknown:
            raise StoreQueryError("facets", f"unknown facet {unknown[0]!r}; one of {', '.join(FACET_FIELDS)}")
        if query.sort not in _SORTS:
            raise StoreQueryError("sort", "must be relevance, date, -date, modified or -modified")
        # The SQLite store's word splitting decides whether there is any text to look for at all.
        text = (query.text or "").strip() if fts_query(query.text) is not None else ""
        clauses = [latest_readable(viewer), *filter_clauses(query.filters)]
        bool_query: dict[str, Any] = {"filter": clauses}
        if text:
            # Plain words, all required: no query syntax, so user text is never a syntax error.
            bool_query["must"] = [{"match": {"text": {"query": text, "operator": "and"}}}]
        body: dict[str, Any] = {
            "query": {"bool": bool_query},
            "sort": _search_sort(query.sort, bool(text)),
            "size": query.limit + 1,
            "track_total_hits": True,
            "_source": ["obj"],
        }
        ranked = body["sort"][0] == {"_score": "desc"}
        window = await self.result_window() if ranked and query.cursor else DEFAULT_RESULT_WINDOW
        offset = _apply_cursor(body, query, ranked, window)
        if text:
            body["highlight"] = {
                "pre_tags": [MATCH_START],
                "post_tags": [MATCH_END],
                "fields": {"text": {"fragment_size": 160, "number_of_fragments": 3}},
            }
        if query.facets:
            body["aggs"] = {
                name: {"terms": {"field": FACET_INDEX_FIELDS[name], "size": _AGG_SIZE}}
                for name in query.facets
            }
        response = await self.client.search(index=self.objects_index, body=body)
        raw = response["hits"]["hits"]
        page = raw[: query.limit]
        next_cursor = None
        if len(raw) > query.limit and page:
            position = [offset + len(page), *page[-1]["sort"]] if ranked else page[-1]["sort"]
            next_cursor = encode_cursor(query, position)
        return SearchPage(
            hits=[_search_hit(hit) for hit in page],
            total=int(response["hits"]["total"]["value"]),
            facets=_facets(response.get("aggregations", {}), query.facets),
            next=next_cursor,
        )

    async def trends(self, viewer: Viewer, query: TrendQuery) -> list[TrendBucket]:
        if query.interval not in _TREND_INTERVALS:
            raise StoreQueryError("interval", f"must be one of {', '.join(_TREND_INTERVALS)}")
        if query.group_by not in _TREND_GROUPS:
            raise StoreQueryError("group_by", f"must be one of {', '.join(_TREND_GROUPS)}")
        period_field, key_field = f"period_{query.interval}", f"trend_{query.group_by}"
        clauses = [
            latest_readable(viewer),
            {"term": {"type": "sighting"}},
            {"exists": {"field": period_field}},
            *filter_clauses(query.filters),
        ]
        body = {
            "query": all_of(clauses),
            "size": 0,
            "aggs": {
                "periods": {
                    "terms": {"field": period_field, "size": _AGG_SIZE},
                    "aggs": {
                        "keys": {
                            "terms": {"field": key_field, "size": _AGG_SIZE},
                            "aggs": {
                                "count": {"sum": {"field": "count"}},
                                "first_seen": {"filter": {"term": {"first_seen_mo": True}}},
                                "spike": {"filter": {"term": {"spike": True}}},
                            },
                        }
                    },
                }
            },
        }
        response = await self.client.search(index=self.objects_index, body=body)
        buckets = [
            TrendBucket(
                period=str(period["key"]),
                key=str(group["key"]),
                count=int(group["count"]["value"]),
                first_seen=group["first_seen"]["doc_count"] > 0,
                spike=group["spike"]["doc_count"] > 0,
            )
            for period in response["aggregations"]["periods"]["buckets"]
            for group in period["keys"]["buckets"]
        ]
        return sorted(buckets, key=lambda bucket: (bucket.period, bucket.key))

    async def versions(self, viewer: Viewer, query: VersionQuery) -> VersionPage:
        _check_limit(query.limit, MAX_VERSIONS_LIMIT)
        clauses = [
            _version_selector(viewer, query.versions),
            *filter_clauses(query.collection),
            *_version_scope(query),
        ]
        if query.added_after is not None:
            clauses.append({"range": {"added": {"gt": query.added_after}}})
        after: list[Any] | None = None
        if query.cursor is not None:
            after = decode_cursor(query, query.cursor)
            if len(after) != 1 or not isinstance(after[0], int) or isinstance(after[0], bool):
                raise StoreQueryError("cursor", "not a cursor this store issued")
        # ``added`` is unique across the store (reserved blocks), so it alone orders pages.
        hits = await self._scan(
            all_of(clauses),
            source=["obj", "added"],
            sort=[{"added": "asc"}],
            limit=query.limit + 1,
            after=after,
        )
        page = [_stored(hit) for hit in hits[: query.limit]]
        more = len(hits) > query.limit
        return VersionPage(
            versions=page, more=more, next=encode_cursor(query, [page[-1].added]) if more else None
        )


def _version_selector(viewer: Viewer, selectors: Sequence[str]) -> Query:
    """TAXII's match[version]: any of last, first, all and exact timestamps (OR-ed)."""
    chosen = set(selectors) or {"last"}
    if "all" in chosen:
        return readable(viewer)
    options: list[Query] = []
    if "last" in chosen:
        options.append(latest_readable(viewer))
    if "first" in chosen:
        options.append(first_readable(viewer))
    stamps = sorted(chosen - {"last", "first"})
    if stamps:
        keys = [parse_timestamp_us(stamp, "versions") for stamp in stamps]
        options.append(all_of([readable(viewer), {"terms": {"version_us": keys}}]))
    return {"bool": {"should": options, "minimum_should_match": 1}}


def _side_fields_of(hit: Mapping[str, Any], versions: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """What one version's newer_* and older_* fields should say, given all its object's versions."""
    mine = order_key(hit["_source"]["version"])
    others = [other["_source"] for other in versions if other is not hit]
    return {
        **side_fields("newer", [o for o in others if order_key(o["version"]) > mine]),
        **side_fields("older", [o for o in others if order_key(o["version"]) < mine]),
    }


def _version_scope(query: VersionQuery) -> list[Query]:
    clauses: list[Query] = []
    if query.ids:
        clauses.append({"terms": {"id": list(query.ids)}})
    if query.types:
        clauses.append({"terms": {"type": list(query.types)}})
    if query.spec_versions:
        clauses.append({"terms": {"spec_version": list(query.spec_versions)}})
    return clauses


def _check_limit(limit: int, maximum: int) -> None:
    if not 1 <= limit <= maximum:
        raise StoreQueryError("limit", f"must be between 1 and {maximum}, not {limit}")


def _apply_cursor(body: dict[str, Any], query: SearchQuery, ranked: bool, window: int) -> int:
    """Put the cursor's position into the request; the offset of the page (ranked paging).

    Sorted results page by search_after on (key, id), exact at any depth. Relevance pages carry
    (offset, score, id): within the index's max_result_window they page by offset, exact on any
    engine; past it by search_after on (score, id), so every result is reachable. That needs the
    score read back from JSON to be the very float the engine compares with: OpenSearch's
    float32 scores are (osmem-server's approximate ones are not, and its paging stops at the
    window, see tests/shared/store/test_contract.py).
    """
    if not query.cursor:
        return 0
    position = decode_cursor(query, query.cursor)
    if ranked:
        if (
            len(position) != 3
            or not all(isinstance(value, int) and not isinstance(value, bool) for value in position[:1])
            or not isinstance(position[1], int | float)
            or isinstance(position[1], bool)
            or not isinstance(position[2], str)
            or position[0] < 0
        ):
            raise StoreQueryError("cursor", "not a cursor this store issued")
        offset: int = position[0]
        if offset + query.limit + 1 <= window:
            body["from"] = offset
        else:
            body["search_after"] = position[1:]
        return offset
    if len(position) != 2 or not isinstance(position[1], str) or isinstance(position[0], bool | str):
        raise StoreQueryError("cursor", "not a cursor this store issued")
    body["search_after"] = position
    return 0


def _search_sort(sort: str, has_text: bool) -> list[Any]:
    if sort == "relevance" and has_text:
        return [{"_score": "desc"}, {"id": "asc"}]
    if sort == "relevance":
        sort = "-modified"
    field_name = "date_us" if sort.lstrip("-") == "date" else "version_us"
    order = "desc" if sort.startswith("-") else "asc"
    return [{field_name: order}, {"id": "asc"}]


def _same_version(version: str) -> Query:
    """The version spelled so, or the same instant spelled with another precision."""
    stamp = parse_timestamp(version)
    options: list[Query] = [{"term": {"version": version}}]
    if stamp is not None:
        options.append({"term": {"version_us": stamp}})
    return {"bool": {"should": options, "minimum_should_match": 1}}


def _stored(hit: Mapping[str, Any]) -> StoredVersion:
    return StoredVersion(obj=hit["_source"]["obj"], added=int(hit["_source"]["added"]))


def _search_hit(hit: Mapping[str, Any]) -> SearchHit:
    score = hit.get("_score")
    highlights = hit.get("highlight", {}).get("text", [])
    return SearchHit(
        obj=hit["_source"]["obj"],
        score=float(score) if isinstance(score, int | float) else None,
        highlights=tuple(safe_highlight(fragment) for fragment in highlights),
    )


def _facets(aggregations: Mapping[str, Any], names: Sequence[str]) -> dict[str, dict[str, int]]:
    return {
        name: {str(bucket["key"]): int(bucket["doc_count"]) for bucket in aggregations[name]["buckets"]}
        for name in names
    }
