"""Status of a POST, ``GET {api_root}/status/{status_id}/`` (section 4.3), and the status resource
a POST answers with (section 5.5).

Outcomes: an object the producers published is pending until the store holds it (the indexer
stored what enrichment made of it), then success; an object the producers left out of the
published bundle is a failure with the reason. Only the partner who posted (and admins) may
see a status; to anyone else it does not exist (404).
"""

import dataclasses
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request, Response

from services.search.auth import viewer_of
from services.search.taxii.catalog import Collection
from services.search.taxii.deps import (
    TAXII_PREFIX,
    TaxiiDeps,
    authenticate,
    check_api_root,
    taxii_json,
)
from services.search.taxii.errors import TaxiiError
from services.search.taxii.pagination import format_timestamp, parse_timestamp
from services.search.taxii.submit import Submitted
from shared.access import Viewer
from shared.stix import ids
from shared.store.base import StatusEntry, StatusRecord, VersionQuery

UNVERSIONED = "unversioned"
_CHECK_CHUNK = 500


def object_version(obj: Mapping[str, Any]) -> str:
    """Section 4.3.1: modified, else created; objects with neither (SCOs) have one version."""
    return str(obj.get("modified") or obj.get("created") or UNVERSIONED)


def left_out_reason(obj: Mapping[str, Any], submitted: Submitted) -> str:
    """Why the producers did not publish an object of the envelope."""
    if obj.get("type") == "identity":
        return "the submitter's identity is replaced by its pseudonym identity (anonymization)"
    if obj.get("type") == "marking-definition":
        return "TLP markings are replaced by the TLP 2.0 marking-definitions"
    return f"removed by the anonymization policy ({obj.get('type')!r} objects may carry personal data)"


def entries_for(objects: Sequence[Mapping[str, Any]], submitted: Submitted, owner: str) -> list[StatusEntry]:
    """Pending for each posted object the producers published (under its own id, or under the
    id they derived from it for ``owner``, ids.partner_object_id), failure with the reason else."""
    entries = []
    for obj in objects:
        version = object_version(obj)
        posted = obj["id"]
        candidates = [posted, *ids.partner_object_candidates(posted, owner)]
        if any(candidate in submitted.published for candidate in candidates):
            entries.append(StatusEntry(obj["id"], version, "pending"))
        else:
            entries.append(StatusEntry(obj["id"], version, "failure", left_out_reason(obj, submitted)))
    return entries


async def stored_ids(
    deps: TaxiiDeps, poster: Viewer, object_ids: Sequence[str], added_after: int | None
) -> set[str]:
    """Ids of which the store took a version, readable by the poster, after the POST.

    Asked as the poster, never as an admin, and only for versions added after the request:
    otherwise a POST of a guessable id (an indicator's pattern, a technique) would tell the poster
    whether anyone holds that object at any TLP.
    """
    # The producers publish a posted object under an id derived from the posted one, the poster
    # and the object's scope (ids.partner_object_id): look for each candidate.
    posted_of: dict[str, str] = {}
    for posted in dict.fromkeys(object_ids):
        posted_of.setdefault(posted, posted)
        for candidate in ids.partner_object_candidates(posted, poster.owner_id):
            posted_of.setdefault(candidate, posted)
    found: set[str] = set()
    unique = list(posted_of)
    for start in range(0, len(unique), _CHECK_CHUNK):
        chunk = tuple(unique[start : start + _CHECK_CHUNK])
        query = VersionQuery(ids=chunk, versions=("last",), added_after=added_after, limit=len(chunk))
        page = await deps.store.versions(poster, query)
        found.update(posted_of[stored.id] for stored in page.versions)
    return found


def poster_viewer(deps: TaxiiDeps, record: StatusRecord) -> Viewer | None:
    partner = deps.registry.get(record.partner_id)
    if partner is None or not partner.active:
        return None
    return viewer_of(partner, deps.pseudonym_key)


async def refreshed(deps: TaxiiDeps, record: StatusRecord) -> StatusRecord:
    """The record with pending objects the store now holds turned into successes (and saved)."""
    pending = [entry.object_id for entry in record.entries if entry.outcome == "pending"]
    poster = poster_viewer(deps, record)
    if not pending or poster is None:
        return record
    started = parse_timestamp(record.request_timestamp)
    # The store's clock and ours may differ by a little: look back one second.
    added_after = None if started is None else started - 1_000_000
    done = await stored_ids(deps, poster, pending, added_after)
    if not done:
        return record
    await deps.store.mark_status_succeeded(record.id, sorted(done))
    entries = tuple(
        StatusEntry(e.object_id, e.version, "success")
        if e.outcome == "pending" and e.object_id in done
        else e
        for e in record.entries
    )
    return StatusRecord(
        record.id,
        record.partner_id,
        record.collection_id,
        record.submission_id,
        record.request_timestamp,
        entries,
    )


def _details(entries: Iterable[StatusEntry]) -> list[dict[str, str]]:
    details = []
    for entry in entries:
        detail = {"id": entry.object_id, "version": entry.version}
        if entry.message:
            detail["message"] = entry.message
        details.append(detail)
    return details


def timed_out(record: StatusRecord, timeout_seconds: float, now_micros: int | None = None) -> StatusRecord:
    """Pending entries past the timeout shown as failures. Not saved: a late arrival still wins,
    but a client polling for completion is not left waiting on an object the pipeline rejected."""
    started = parse_timestamp(record.request_timestamp)
    now = now_micros if now_micros is not None else int(datetime.now(UTC).timestamp() * 1_000_000)
    if started is None or now - started < timeout_seconds * 1_000_000:
        return record
    message = (
        f"not indexed within {timeout_seconds:g} s of the request: the pipeline rejected it "
        "(its dead-letter topic says why) or is far behind"
    )
    entries = tuple(
        StatusEntry(e.object_id, e.version, "failure", message) if e.outcome == "pending" else e
        for e in record.entries
    )
    return dataclasses.replace(record, entries=entries)


def status_resource(record: StatusRecord) -> dict[str, Any]:
    by_outcome = {
        outcome: [e for e in record.entries if e.outcome == outcome]
        for outcome in ("success", "failure", "pending")
    }
    resource: dict[str, Any] = {
        "id": record.id,
        "status": "pending" if by_outcome["pending"] else "complete",
        "request_timestamp": record.request_timestamp,
        "total_count": len(record.entries),
    }
    for outcome, plural in (("success", "successes"), ("failure", "failures"), ("pending", "pendings")):
        resource[f"{outcome}_count"] = len(by_outcome[outcome])
        if by_outcome[outcome]:  # lists are never empty in TAXII (section 2)
            resource[plural] = _details(by_outcome[outcome])
    return resource


async def accept_submission(
    deps: TaxiiDeps,
    viewer: Viewer,
    collection: Collection,
    objects: Sequence[Mapping[str, Any]],
    submitted: Submitted,
) -> dict[str, Any]:
    """Record the status of an accepted POST and return it as it stands now."""
    micros = int(datetime.now(UTC).timestamp() * 1_000_000)
    record = StatusRecord(
        id=str(uuid.uuid4()),
        partner_id=viewer.partner_id,
        collection_id=collection.id,
        submission_id=submitted.submission_id,
        request_timestamp=format_timestamp(micros),
        entries=tuple(entries_for(objects, submitted, viewer.owner_id)),
    )
    await deps.store.save_status(record)
    return status_resource(await refreshed(deps, record))


def register(router: APIRouter, deps: TaxiiDeps) -> None:
    @router.get(f"{TAXII_PREFIX}/{{api_root}}/status/{{status_id}}/", summary="Status of a TAXII POST")
    async def get_status(request: Request, api_root: str, status_id: str) -> Response:
        viewer = authenticate(deps, request)
        check_api_root(deps, api_root)
        record = await deps.store.load_status(status_id)
        if record is None or not (viewer.is_admin or record.partner_id == viewer.partner_id):
            raise TaxiiError(404, f"no status {status_id!r}")
        current = timed_out(await refreshed(deps, record), deps.options.status_timeout_seconds)
        return taxii_json(status_resource(current))
