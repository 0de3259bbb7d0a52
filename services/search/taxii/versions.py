"""Versions of one object, ``GET .../objects/{object_id}/versions/`` (section 5.8)."""

from dataclasses import replace

from fastapi import APIRouter, Request, Response

from services.search.taxii.deps import (
    TAXII_PREFIX,
    TaxiiDeps,
    authenticate,
    readable_collection,
    returned,
    taxii_json,
)
from services.search.taxii.objects import require_object
from services.search.taxii.pagination import (
    date_added_headers,
    fetch_page,
    paging_fields,
    parse_page_params,
    version_of,
    version_query,
)
from shared.store.base import VersionQuery

VERSIONS_PATH = f"{TAXII_PREFIX}/{{api_root}}/collections/{{collection_id}}/objects/{{object_id}}/versions/"


def register(router: APIRouter, deps: TaxiiDeps) -> None:
    @router.get(VERSIONS_PATH, summary="Versions of one object of a TAXII collection")
    async def get_versions(request: Request, api_root: str, collection_id: str, object_id: str) -> Response:
        viewer = authenticate(deps, request)
        collection = readable_collection(deps, viewer, api_root, collection_id)
        params = parse_page_params(
            request.query_params.multi_items(),
            default_limit=deps.options.default_page_size,
            max_limit=deps.options.max_page_size,
            match_fields=("spec_version",),
        )
        query = version_query(params, collection.scope, ids=(object_id,))
        page = await fetch_page(deps.store, viewer, _all_versions(query))
        if not page.versions:
            await require_object(deps, viewer, collection.scope, object_id)
        returned(request, len(page.versions))
        versions = [version_of(stored) for stored in page.versions]
        # Section 5.8.1: no versions -> the key is omitted.
        body = {**paging_fields(page), **({"versions": versions} if versions else {})}
        return taxii_json(body, headers=date_added_headers(page, params.added_after))


def _all_versions(query: VersionQuery) -> VersionQuery:
    return replace(query, versions=("all",))
