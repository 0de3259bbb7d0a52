"""The store interface both backends implement, and the queries it answers.

Semantics every backend keeps (the contract suite checks them):

- ``add`` is an idempotent upsert keyed by (id, version): a version already stored is left as it
  is (its ``added`` time too); every distinct version is kept. Each newly stored version gets an
  ``added`` time from the store's clock, in microseconds since the epoch, strictly increasing
  across the whole store (TAXII's date_added), even within one batch and across restarts.
- Every read takes a ``Viewer`` and applies ``shared.access.can_read`` to each *version* inside
  the backend's query: results, totals, facet counts and trend buckets are computed over what
  the viewer may read only. "Latest version" means the latest version the viewer may read.
- Search and trends work on the latest readable version of each object; ``versions`` (TAXII)
  works on every readable version.
- Cursors are opaque, stateless strings: they encode the sort position, so they survive a restart
  and work on any replica. A cursor from another query is refused with StoreQueryError.
- TAXII POST statuses live in the store too, so every search replica answers every status
  (docs/architecture.md, "The state"): ``save_status`` records a status once, ``load_status``
  reads it, ``mark_status_succeeded`` turns pending entries into successes (never back).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from shared.access import Viewer
from shared.models.report import TLP
from shared.store.document import Document

FACET_FIELDS = ("type", "category", "tag", "technique", "country", "region", "sector", "tlp")
SearchSort = Literal["relevance", "date", "-date", "modified", "-modified"]
TrendInterval = Literal["day", "week", "month"]
TrendGroup = Literal["category", "mo", "country", "region"]


class StoreQueryError(ValueError):
    """A query the store cannot answer as asked (bad cursor, bad text syntax); names the parameter."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


StatusOutcome = Literal["pending", "success", "failure"]


@dataclass(frozen=True)
class StatusEntry:
    """One posted object in a TAXII status."""

    object_id: str
    version: str
    outcome: StatusOutcome
    message: str | None = None


@dataclass(frozen=True)
class StatusRecord:
    """The status resource of one TAXII POST."""

    id: str
    partner_id: str
    collection_id: str
    submission_id: str | None
    request_timestamp: str
    entries: Sequence[StatusEntry]


@dataclass(frozen=True)
class StoredVersion:
    """One stored object version."""

    obj: Mapping[str, Any]
    added: int
    """Microseconds since the epoch when the store first took this version (TAXII date_added)."""

    @property
    def id(self) -> str:
        return str(self.obj["id"])

    @property
    def version(self) -> str:
        return str(self.obj.get("modified") or self.obj.get("created") or "")


@dataclass(frozen=True)
class Filters:
    """Exact-match filters; OR within a field, AND across fields. Empty means no filter."""

    types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    techniques: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    clusters: tuple[str, ...] = ()
    """MO clusters (canonical STIX ids): objects whose ``mo_cluster`` points there."""
    tlps: tuple[TLP, ...] = ()
    date_from: str | None = None
    """Inclusive lower bound on ``Document.date`` (ISO 8601)."""
    date_to: str | None = None
    """Exclusive upper bound on ``Document.date`` (ISO 8601)."""


@dataclass(frozen=True)
class SearchQuery:
    text: str | None = None
    """Words to find in names, descriptions, narratives and MO steps; all must match (AND)."""
    filters: Filters = field(default_factory=Filters)
    sort: SearchSort = "relevance"
    """relevance (text queries; falls back to -modified without text), date, modified;
    a leading '-' means descending. Ties are broken by id, so paging is stable."""
    limit: int = 20
    cursor: str | None = None
    facets: tuple[str, ...] = ()
    """Which of FACET_FIELDS to count (over all matches, not just the page)."""


@dataclass(frozen=True)
class SearchHit:
    obj: Mapping[str, Any]
    score: float | None
    highlights: tuple[str, ...]
    """Fragments of the matched text with matches wrapped in <mark>...</mark>; empty without text."""


@dataclass(frozen=True)
class SearchPage:
    hits: Sequence[SearchHit]
    total: int
    facets: Mapping[str, Mapping[str, int]]
    """facet field -> value -> number of matching objects."""
    next: str | None


@dataclass(frozen=True)
class TrendQuery:
    interval: TrendInterval = "week"
    group_by: TrendGroup = "category"
    filters: Filters = field(default_factory=Filters)


@dataclass(frozen=True)
class TrendBucket:
    period: str
    """Start of the period: 2026-11-02 (day), 2026-W45 (ISO week), 2026-11 (month)."""
    key: str
    """The group value: a category, an attack-pattern id (mo), a country code, an M49 region."""
    count: int
    """Sum of ``count`` of the readable sightings (latest readable version each) in the bucket."""
    first_seen: bool
    """Some sighting in the bucket was flagged ``first_seen_mo`` by enrichment."""
    spike: bool
    """Some sighting in the bucket was flagged ``spike`` by enrichment."""


VersionSelector = Literal["last", "first", "all"]


@dataclass(frozen=True)
class VersionQuery:
    """TAXII 2.1 object filtering (section 3.5): AND across fields, OR within each."""

    collection: Filters = field(default_factory=Filters)
    """The collection's own scope (e.g. TLP or category), applied before anything else."""
    ids: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    versions: tuple[str, ...] = ("last",)
    """Any of "last", "first", "all" and version timestamps; OR-ed."""
    spec_versions: tuple[str, ...] = ()
    added_after: int | None = None
    """Only versions added strictly after this time (microseconds)."""
    limit: int = 100
    cursor: str | None = None


@dataclass(frozen=True)
class VersionPage:
    """Matching versions sorted by ``added`` ascending (ties by id, version)."""

    versions: Sequence[StoredVersion]
    more: bool
    next: str | None


class Store(Protocol):
    async def add(self, objects: Sequence[Mapping[str, Any]]) -> int:
        """Store a batch durably (committed when this returns); the number of new versions."""
        ...

    async def add_documents(self, documents: Sequence[Document]) -> int:
        """``add`` for objects already made documents (``to_document``, which the indexer
        also uses to check each record)."""
        ...

    async def get(
        self, viewer: Viewer, stix_id: str, version: str | Literal["last", "all"] = "last"
    ) -> list[StoredVersion]:
        """One object's readable versions: the latest, one exact version, or all (oldest first)."""
        ...

    async def related(self, viewer: Viewer, stix_id: str, limit: int = 200) -> list[StoredVersion]:
        """Latest readable versions of objects linked to ``stix_id`` either way (refs of the
        object, and relationships/sightings/reports that point at it), excluding itself."""
        ...

    async def search(self, viewer: Viewer, query: SearchQuery) -> SearchPage: ...

    async def trends(self, viewer: Viewer, query: TrendQuery) -> list[TrendBucket]:
        """Buckets sorted by period then key; only sightings count."""
        ...

    async def versions(self, viewer: Viewer, query: VersionQuery) -> VersionPage: ...

    async def count(self) -> int:
        """Stored versions in all (no access check: for health and benchmarks)."""
        ...

    async def save_status(self, record: StatusRecord) -> None:
        """Record a new TAXII status (its id is new: a UUID)."""
        ...

    async def load_status(self, status_id: str) -> StatusRecord | None: ...

    async def mark_status_succeeded(self, status_id: str, object_ids: Sequence[str]) -> None:
        """Pending entries of these objects become successes; other entries are left alone."""
        ...

    async def close(self) -> None: ...
