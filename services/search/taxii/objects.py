"""Objects of a collection: get (5.4), add (5.5), get one (5.6), delete one (5.7)."""

import asyncio
from typing import Any

import orjson
from fastapi import APIRouter, Request, Response

from services.search.taxii.deps import (
    TAXII_PREFIX,
    TaxiiDeps,
    authenticate,
    readable_collection,
    returned,
    taxii_json,
    visible_collection,
)
from services.search.taxii.errors import TaxiiError
from services.search.taxii.media import content_type_problem
from services.search.taxii.pagination import (
    date_added_headers,
    fetch_page,
    paging_fields,
    parse_page_params,
    version_query,
)
from services.search.taxii.status import accept_submission
from services.search.taxii.submit import IntakeRejected
from shared.access import Viewer
from shared.store.base import Filters, VersionQuery

OBJECTS_PATH = f"{TAXII_PREFIX}/{{api_root}}/collections/{{collection_id}}/objects/"
OBJECT_PATH = OBJECTS_PATH + "{object_id}/"
OBJECT_MATCH_FIELDS = ("version", "spec_version")


def envelope(objects: list[Any], paging: dict[str, Any]) -> dict[str, Any]:
    # Section 3.7: an empty response is an envelope without the objects property.
    return {**paging, "objects": objects} if objects else paging


async def read_body(request: Request, limit: int) -> bytes:
    """The body, or 413 as soon as it is known to be over ``limit`` (declared or streamed)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TaxiiError(413, f"body of {declared} octets is over max_content_length {limit}")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise TaxiiError(413, f"body is over max_content_length {limit} octets")
    return bytes(body)


def envelope_objects(body: bytes) -> list[dict[str, Any]]:
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise TaxiiError(400, f"body is not JSON: {error}") from error
    if not isinstance(payload, dict) or not isinstance(payload.get("objects"), list):
        raise TaxiiError(422, "body must be a TAXII envelope: a JSON object with an 'objects' list")
    objects: list[Any] = payload["objects"]
    if not objects:
        raise TaxiiError(422, "objects: the envelope holds no objects to add")
    for position, obj in enumerate(objects):
        if not (
            isinstance(obj, dict) and isinstance(obj.get("id"), str) and isinstance(obj.get("type"), str)
        ):
            raise TaxiiError(422, f"objects[{position}]: not a STIX object (needs 'type' and 'id')")
    return objects


def register(router: APIRouter, deps: TaxiiDeps) -> None:
    options = deps.options

    @router.get(OBJECTS_PATH, summary="Objects of a TAXII collection")
    async def get_objects(request: Request, api_root: str, collection_id: str) -> Response:
        viewer = authenticate(deps, request)
        collection = readable_collection(deps, viewer, api_root, collection_id)
        params = parse_page_params(
            request.query_params.multi_items(),
            default_limit=options.default_page_size,
            max_limit=options.max_page_size,
        )
        page = await fetch_page(deps.store, viewer, version_query(params, collection.scope))
        returned(request, len(page.versions))
        objects = [dict(stored.obj) for stored in page.versions]
        return taxii_json(
            envelope(objects, paging_fields(page)), headers=date_added_headers(page, params.added_after)
        )

    @router.post(OBJECTS_PATH, status_code=202, summary="Add objects to a TAXII collection")
    async def add_objects(request: Request, api_root: str, collection_id: str) -> Response:
        viewer = authenticate(deps, request)
        problem = content_type_problem(request.headers.get("content-type"))
        if problem:
            raise TaxiiError(415, problem)
        collection = visible_collection(deps, viewer, api_root, collection_id)
        if not collection.can_write(viewer):
            raise TaxiiError(
                403, f"partner {viewer.partner_id!r} may not add objects to collection {collection_id!r}"
            )
        body = await read_body(request, options.max_content_length)
        # Parsing up to max_content_length of JSON is CPU work: off the event loop.
        objects = await asyncio.to_thread(envelope_objects, body)
        try:
            submitted = await deps.submit(body, viewer.partner_id)
        except IntakeRejected as error:
            raise TaxiiError(error.status, error.message, details={"errors": error.errors}) from error
        status = await accept_submission(deps, viewer, collection, objects, submitted)
        return taxii_json(status, status=202)

    @router.get(OBJECT_PATH, summary="One object of a TAXII collection")
    async def get_object(request: Request, api_root: str, collection_id: str, object_id: str) -> Response:
        viewer = authenticate(deps, request)
        collection = readable_collection(deps, viewer, api_root, collection_id)
        params = parse_page_params(
            request.query_params.multi_items(),
            default_limit=options.default_page_size,
            max_limit=options.max_page_size,
            match_fields=OBJECT_MATCH_FIELDS,
        )
        page = await fetch_page(deps.store, viewer, version_query(params, collection.scope, ids=(object_id,)))
        if not page.versions:
            await require_object(deps, viewer, collection.scope, object_id)
        returned(request, len(page.versions))
        objects = [dict(stored.obj) for stored in page.versions]
        return taxii_json(
            envelope(objects, paging_fields(page)), headers=date_added_headers(page, params.added_after)
        )

    @router.delete(OBJECT_PATH, summary="Delete an object (not supported: objects leave through retention)")
    async def delete_object(request: Request, api_root: str, collection_id: str, object_id: str) -> Response:
        viewer = authenticate(deps, request)
        collection = visible_collection(deps, viewer, api_root, collection_id)
        # Section 5.7's table: 404 for neither right (hidden above), 403 for only one of them.
        if not (collection.can_read(viewer) and collection.can_write(viewer)):
            raise TaxiiError(
                403, f"partner {viewer.partner_id!r} needs read and write on {collection_id!r} to delete"
            )
        raise TaxiiError(
            405,
            "crimefeed does not delete objects over TAXII: the store is fed by the enrichment pipeline, "
            "which merges partners' reports; ask the operators to withdraw an object",
            headers={"Allow": "GET"},
        )


async def require_object(deps: TaxiiDeps, viewer: Viewer, scope: Filters, object_id: str) -> None:
    """404 unless some version of the object is in the collection and readable by the caller."""
    query = VersionQuery(collection=scope, ids=(object_id,), versions=("all",), limit=1)
    if not (await fetch_page(deps.store, viewer, query)).versions:
        raise TaxiiError(404, f"no object {object_id!r} in this collection")
