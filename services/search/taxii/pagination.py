"""URL query parameters of the paged TAXII endpoints (sections 3.4 and 3.5) and TAXII timestamps.

Parsing is strict where the spec says a request MUST NOT do something (a parameter twice,
``all`` with other versions, a limit that is not a positive integer, a malformed timestamp): the
answer is 400 naming the parameter. ``next`` is the store's own stateless cursor, handed through.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from services.search.taxii.errors import TaxiiError
from shared.access import Viewer
from shared.store.base import Filters, Store, StoredVersion, StoreQueryError, VersionPage, VersionQuery

_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$")
_SPEC_VERSION = re.compile(r"^\d+\.\d+$")
_VERSION_KEYWORDS = frozenset({"last", "first", "all"})
EPOCH_MICROS = 0
MATCH_FIELDS = ("id", "type", "version", "spec_version")


def format_timestamp(micros: int) -> str:
    """A TAXII timestamp (section 2): RFC 3339, UTC, 'Z', microsecond precision."""
    seconds, fraction = divmod(micros, 1_000_000)
    moment = datetime.fromtimestamp(seconds, UTC)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{fraction:06d}Z"


def parse_timestamp(value: str) -> int | None:
    """Microseconds since the epoch of an RFC 3339 UTC timestamp, None if malformed. Digits beyond
    microseconds are cut: the store keeps microseconds."""
    match = _TIMESTAMP.match(value)
    if not match:
        return None
    try:
        moment = datetime.strptime(match.group(1), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None
    fraction = (match.group(2) or "").ljust(6, "0")[:6]
    return int(moment.timestamp()) * 1_000_000 + int(fraction)


@dataclass(frozen=True)
class PageParams:
    """What a request asks of a paged endpoint, already validated."""

    limit: int
    cursor: str | None = None
    added_after: int | None = None
    ids: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    versions: tuple[str, ...] = ("last",)
    spec_versions: tuple[str, ...] = ()


def _single(params: Sequence[tuple[str, str]], name: str) -> str | None:
    values = [value for key, value in params if key == name]
    if len(values) > 1:
        raise TaxiiError(400, f"{name}: a request must not give this parameter more than once")
    return values[0] if values else None


def _values(params: Sequence[tuple[str, str]], field: str) -> tuple[str, ...]:
    name = f"match[{field}]"
    raw = _single(params, name)
    if raw is None:
        return ()
    values = tuple(raw.split(","))
    if any(not value for value in values):
        raise TaxiiError(400, f"{name}: values are separated by single commas, without spaces or blanks")
    if len(set(values)) != len(values):
        raise TaxiiError(400, f"{name}: a value must not occur more than once")
    return values


def parse_limit(raw: str | None, *, default: int, maximum: int) -> int:
    if raw is None:
        return min(default, maximum)
    if not raw.isdigit() or int(raw) <= 0:
        raise TaxiiError(400, f"limit: must be a positive integer, got {raw!r}")
    # A larger limit is allowed; the server's page size caps it (section 3.4).
    return min(int(raw), maximum)


def _versions(params: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    versions = _values(params, "version")
    if not versions:
        return ("last",)
    if "all" in versions and len(versions) > 1:
        raise TaxiiError(400, "match[version]: 'all' must not be used with any other version")
    for value in versions:
        if value not in _VERSION_KEYWORDS and parse_timestamp(value) is None:
            raise TaxiiError(
                400, f"match[version]: {value!r} is none of last, first, all or a STIX timestamp"
            )
    return versions


def _spec_versions(params: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    spec_versions = _values(params, "spec_version")
    bad = [value for value in spec_versions if not _SPEC_VERSION.match(value)]
    if bad:
        raise TaxiiError(400, f"match[spec_version]: {bad[0]!r} is not a version like 2.1")
    return spec_versions


def parse_page_params(
    params: Sequence[tuple[str, str]],
    *,
    default_limit: int,
    max_limit: int,
    match_fields: Sequence[str] = MATCH_FIELDS,
) -> PageParams:
    """Paging and the ``match[...]`` filters an endpoint supports; other match fields are ignored
    (section 3.4 lets servers ignore fields they do not understand)."""
    added_after_raw = _single(params, "added_after")
    added_after = None
    if added_after_raw is not None:
        added_after = parse_timestamp(added_after_raw)
        if added_after is None:
            raise TaxiiError(
                400, f"added_after: {added_after_raw!r} is not a timestamp like 2026-01-01T00:00:00.000000Z"
            )
    cursor = _single(params, "next")
    return PageParams(
        limit=parse_limit(_single(params, "limit"), default=default_limit, maximum=max_limit),
        cursor=cursor or None,
        added_after=added_after,
        ids=_values(params, "id") if "id" in match_fields else (),
        types=_values(params, "type") if "type" in match_fields else (),
        versions=_versions(params) if "version" in match_fields else ("last",),
        spec_versions=_spec_versions(params) if "spec_version" in match_fields else (),
    )


def date_added_headers(page: VersionPage, added_after: int | None) -> dict[str, str]:
    """X-TAXII-Date-Added-First/-Last (section 3.2), required on every 200 of the paged endpoints.

    An empty page has no first or last object; both headers then carry ``added_after`` (or the
    epoch), so a client that pages on with added_after=<Last> stays where it was.
    """
    if page.versions:
        first, last = page.versions[0].added, page.versions[-1].added
    else:
        first = last = added_after if added_after is not None else EPOCH_MICROS
    return {
        "X-TAXII-Date-Added-First": format_timestamp(first),
        "X-TAXII-Date-Added-Last": format_timestamp(last),
    }


def version_query(params: PageParams, scope: Filters, *, ids: tuple[str, ...] | None = None) -> VersionQuery:
    return VersionQuery(
        collection=scope,
        ids=params.ids if ids is None else ids,
        types=params.types,
        versions=params.versions,
        spec_versions=params.spec_versions,
        added_after=params.added_after,
        limit=params.limit,
        cursor=params.cursor,
    )


async def fetch_page(store: Store, viewer: Viewer, query: VersionQuery) -> VersionPage:
    """One page from the store; a cursor the store refuses (garbage, or made for another query)
    is the client's error: 400 naming ``next``."""
    try:
        return await store.versions(viewer, query)
    except StoreQueryError as error:
        name = "next" if error.parameter == "cursor" else error.parameter
        raise TaxiiError(400, f"{name}: {error.message}") from error


def paging_fields(page: VersionPage) -> dict[str, Any]:
    """``more`` always, ``next`` when there is more (sections 3.5 and 3.7)."""
    fields: dict[str, Any] = {"more": page.more}
    if page.more and page.next:
        fields["next"] = page.next
    return fields


def version_of(stored: StoredVersion) -> str:
    """modified, else created (sections 3.4.1, 5.3.1); objects with neither (SCOs) get their
    date_added, a value consistent to this server."""
    return stored.version or format_timestamp(stored.added)
