"""Collections, ``GET {api_root}/collections/`` and ``GET {api_root}/collections/{id}/``
(sections 5.1 and 5.2): only the collections the caller may read or write are listed."""

from typing import Any

from fastapi import APIRouter, Request, Response

from services.search.taxii.catalog import Collection
from services.search.taxii.deps import (
    TAXII_PREFIX,
    TaxiiDeps,
    authenticate,
    check_api_root,
    taxii_json,
    visible_collection,
)
from services.search.taxii.media import STIX_MEDIA_TYPE
from shared.access import Viewer


def collection_resource(collection: Collection, viewer: Viewer) -> dict[str, Any]:
    resource: dict[str, Any] = {"id": collection.id, "title": collection.title}
    if collection.description:
        resource["description"] = collection.description
    if collection.alias:
        resource["alias"] = collection.alias
    resource["can_read"] = collection.can_read(viewer)
    resource["can_write"] = collection.can_write(viewer)
    resource["media_types"] = [STIX_MEDIA_TYPE]
    return resource


def register(router: APIRouter, deps: TaxiiDeps) -> None:
    @router.get(f"{TAXII_PREFIX}/{{api_root}}/collections/", summary="TAXII collections")
    async def get_collections(request: Request, api_root: str) -> Response:
        viewer = authenticate(deps, request)
        check_api_root(deps, api_root)
        resources = [collection_resource(c, viewer) for c in deps.catalog.visible(viewer)]
        # Section 5.1.1: no collections -> the key is omitted (lists are never empty).
        return taxii_json({"collections": resources} if resources else {})

    @router.get(f"{TAXII_PREFIX}/{{api_root}}/collections/{{collection_id}}/", summary="A TAXII collection")
    async def get_collection(request: Request, api_root: str, collection_id: str) -> Response:
        viewer = authenticate(deps, request)
        collection = visible_collection(deps, viewer, api_root, collection_id)
        return taxii_json(collection_resource(collection, viewer))
