"""Object manifests of a collection, ``GET .../collections/{id}/manifest/`` (section 5.3): one
record per object version, filtered like the objects endpoint."""

from typing import Any

from fastapi import APIRouter, Request, Response

from services.search.taxii.deps import (
    TAXII_PREFIX,
    TaxiiDeps,
    authenticate,
    readable_collection,
    returned,
    taxii_json,
)
from services.search.taxii.media import STIX_MEDIA_TYPE
from services.search.taxii.pagination import (
    date_added_headers,
    fetch_page,
    format_timestamp,
    paging_fields,
    parse_page_params,
    version_of,
    version_query,
)
from shared.store.base import StoredVersion


def manifest_record(stored: StoredVersion) -> dict[str, Any]:
    return {
        "id": stored.id,
        "date_added": format_timestamp(stored.added),
        "version": version_of(stored),
        "media_type": STIX_MEDIA_TYPE,
    }


def register(router: APIRouter, deps: TaxiiDeps) -> None:
    @router.get(
        f"{TAXII_PREFIX}/{{api_root}}/collections/{{collection_id}}/manifest/", summary="TAXII manifest"
    )
    async def get_manifest(request: Request, api_root: str, collection_id: str) -> Response:
        viewer = authenticate(deps, request)
        collection = readable_collection(deps, viewer, api_root, collection_id)
        params = parse_page_params(
            request.query_params.multi_items(),
            default_limit=deps.options.default_page_size,
            max_limit=deps.options.max_page_size,
        )
        page = await fetch_page(deps.store, viewer, version_query(params, collection.scope))
        returned(request, len(page.versions))
        records = [manifest_record(stored) for stored in page.versions]
        # Section 5.3.1: no records -> the objects key is omitted. ``next`` as in the envelope
        # (the reference server and taxii2-client's as_pages page manifests with it too).
        body = {**paging_fields(page), **({"objects": records} if records else {})}
        return taxii_json(body, headers=date_added_headers(page, params.added_after))
