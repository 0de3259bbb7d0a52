"""GET /api/v1/objects/{stix_id}: one object (latest, one version or all) and its related objects.

An unknown object and one the caller may not read get the same 404, so the answer never
reveals that something exists.
"""

# No `from __future__ import annotations`: FastAPI reads the endpoint's annotations at run time.

from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from services.search.api.errors import ERROR_RESPONSES, NotFound
from services.search.audit import set_returned
from services.search.params import check_stix_id, parse_timestamp
from shared.access import Viewer
from shared.stix.extension import get_extension
from shared.store.base import Filters, SearchQuery, Store

MAX_RELATED = 200
MAX_CLUSTER_MEMBERS = 200


class ObjectAnswer(BaseModel):
    object: dict[str, Any] = Field(description="the requested version (the latest readable one by default)")
    versions: list[dict[str, Any]] = Field(
        description="the versions returned: the requested one, or every readable one oldest first"
    )
    related: list[dict[str, Any]] = Field(
        description="latest readable versions of objects linked either way (refs, relationships, "
        "sightings, reports)"
    )
    cluster: str | None = Field(
        default=None, description="the object's MO cluster: the STIX id of the cluster's canonical object"
    )
    cluster_members: list[dict[str, Any]] = Field(
        default_factory=list,
        description="other objects of the same type in the MO cluster that the caller may read "
        "(latest readable versions, most recently modified first)",
    )


def parse_version(value: str) -> str | Literal["last", "all"]:
    if value in ("last", "all"):
        return value
    if parse_timestamp("version", value) is None:
        return "last"
    # The store matches a version exactly as the object carries it (its `modified`).
    return value.strip()


def cluster_of(obj: Mapping[str, Any]) -> str | None:
    block = get_extension(obj).get("mo_cluster")
    ref = block.get("canonical_ref") if isinstance(block, dict) else None
    return ref if isinstance(ref, str) else None


async def cluster_members(
    store: Store, caller: Viewer, obj: Mapping[str, Any], cluster: str
) -> list[dict[str, Any]]:
    """The cluster's other members of the object's type, as the store lets the caller read them
    (TLP is applied inside the store query, so a member the caller may not read never shows)."""
    query = SearchQuery(
        filters=Filters(types=(str(obj["type"]),), clusters=(cluster,)),
        sort="-modified",
        limit=MAX_CLUSTER_MEMBERS,
    )
    page = await store.search(caller, query)
    return [dict(hit.obj) for hit in page.hits if hit.obj.get("id") != obj.get("id")]


def create_objects_router(store: Store, viewer: Callable[..., Viewer]) -> APIRouter:
    router = APIRouter(tags=["objects"])

    @router.get("/api/v1/objects/{stix_id}", responses=ERROR_RESPONSES)
    async def get_object(
        request: Request,
        caller: Annotated[Viewer, Depends(viewer)],
        stix_id: Annotated[str, Path(description="a STIX id, e.g. report--<uuid>")],
        version: Annotated[
            str, Query(description="'last' (default), 'all', or a version timestamp (the `modified`)")
        ] = "last",
        related: Annotated[bool, Query(description="include related objects")] = True,
    ) -> ObjectAnswer:
        """One object as the caller may read it, with the objects linked to it."""
        versions = await store.get(caller, check_stix_id(stix_id), parse_version(version))
        if not versions:
            raise NotFound(stix_id)
        linked = await store.related(caller, stix_id, MAX_RELATED) if related else []
        latest = versions[-1].obj
        cluster = cluster_of(latest)
        members = await cluster_members(store, caller, latest, cluster) if related and cluster else []
        set_returned(request, len(versions) + len(linked) + len(members))
        return ObjectAnswer(
            object=dict(latest),
            versions=[dict(v.obj) for v in versions],
            related=[dict(v.obj) for v in linked],
            cluster=cluster,
            cluster_members=members,
        )

    return router
