"""TAXII POST statuses on OpenSearch: index ``<prefix>statuses``, one document per status.

Entries are kept whole in the document (not indexed: a status is only ever read by id). Marking
successes rewrites the document with optimistic concurrency (if_seq_no/if_primary_term), so two
replicas refreshing one status at once both end with every success recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from opensearchpy import AsyncOpenSearch, ConflictError, NotFoundError

from shared.store.base import StatusEntry, StatusRecord

_RETRIES = 20


def _body(record: StatusRecord) -> dict[str, Any]:
    return {
        "partner_id": record.partner_id,
        "collection_id": record.collection_id,
        "submission_id": record.submission_id,
        "request_timestamp": record.request_timestamp,
        "entries": [_entry_body(entry) for entry in record.entries],
    }


def _entry_body(entry: StatusEntry) -> dict[str, Any]:
    return {
        "object_id": entry.object_id,
        "version": entry.version,
        "outcome": entry.outcome,
        "message": entry.message,
    }


def _record(status_id: str, source: dict[str, Any]) -> StatusRecord:
    return StatusRecord(
        id=status_id,
        partner_id=source["partner_id"],
        collection_id=source["collection_id"],
        submission_id=source.get("submission_id"),
        request_timestamp=source["request_timestamp"],
        entries=tuple(
            StatusEntry(e["object_id"], e["version"], e["outcome"], e.get("message"))
            for e in source["entries"]
        ),
    )


async def save(client: AsyncOpenSearch, index: str, record: StatusRecord) -> None:
    await client.index(index=index, id=record.id, body=_body(record), op_type="create", refresh=True)


async def load(client: AsyncOpenSearch, index: str, status_id: str) -> StatusRecord | None:
    try:
        found = await client.get(index=index, id=status_id)
    except NotFoundError:
        return None
    return _record(status_id, found["_source"])


async def mark_succeeded(
    client: AsyncOpenSearch, index: str, status_id: str, object_ids: Sequence[str]
) -> None:
    done = set(object_ids)
    for _ in range(_RETRIES):
        try:
            current = await client.get(index=index, id=status_id)
        except NotFoundError:
            return
        source = current["_source"]
        pending = [e for e in source["entries"] if e["outcome"] == "pending" and e["object_id"] in done]
        if not pending:
            return
        for entry in pending:
            entry["outcome"] = "success"
        try:
            await client.index(
                index=index,
                id=status_id,
                body=source,
                if_seq_no=current["_seq_no"],
                if_primary_term=current["_primary_term"],
                refresh=True,
            )
            return
        except ConflictError:
            continue  # another replica wrote first: read its version and apply ours on top
    raise ConflictError(409, f"status {status_id}: too many concurrent updates", {})
