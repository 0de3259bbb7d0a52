"""What the TAXII endpoints share: their dependencies, options, the caller, the collection asked
for, and TAXII JSON responses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import Request, Response
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.search.audit import set_returned
from services.search.auth import CHALLENGE, VIEWER_STATE, AuthError, resolve_viewer
from services.search.taxii.catalog import Catalog, Collection
from services.search.taxii.errors import TaxiiError
from services.search.taxii.media import TAXII_MEDIA_TYPE, accept_problem
from services.search.taxii.submit import Submit
from shared.access import Viewer
from shared.partners import PartnerRegistry
from shared.store.base import Store

TAXII_PREFIX = "/taxii2"
# The status endpoint checks whether the store holds what a partner posted, whatever its TLP: it
# only ever reveals ids and versions that partner sent itself.


class TaxiiOptions(BaseSettings):
    """TAXII server options (env prefix CRIMEFEED_TAXII_)."""

    model_config = SettingsConfigDict(env_prefix="CRIMEFEED_TAXII_", extra="ignore")

    title: str = "crimefeed TAXII 2.1 server"
    description: str = "Crime trends and criminal modi operandi, anonymized STIX 2.1, TLP enforced per caller"
    contact: str | None = None
    api_root: str = Field(default="crimefeed", pattern=r"^[a-z0-9][a-z0-9_-]*$")
    api_root_title: str = "crimefeed"
    max_content_length: int = Field(default=10 * 1024 * 1024, gt=0, description="Largest POST body, octets")
    max_page_size: int = Field(default=1000, gt=0, description="Most objects one page carries")
    default_page_size: int = Field(default=100, gt=0, description="Page size when a client sets no limit")
    status_timeout_seconds: float = Field(
        default=900,
        gt=0,
        description="A posted object not indexed this long after the POST is reported as a failure "
        "(the pipeline dead-lettered it); it still turns into a success if it arrives later",
    )


@dataclass(frozen=True)
class TaxiiDeps:
    store: Store
    registry: PartnerRegistry
    pseudonym_key: bytes
    catalog: Catalog
    submit: Submit
    options: TaxiiOptions


def taxii_json(
    body: Mapping[str, Any], status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type=TAXII_MEDIA_TYPE, headers=headers)


def authenticate(deps: TaxiiDeps, request: Request) -> Viewer:
    """Content negotiation first (406 costs nothing), then the caller (401 with both challenges)."""
    problem = accept_problem(request.headers.get("accept"))
    if problem:
        raise TaxiiError(406, problem)
    try:
        viewer = resolve_viewer(request.headers.get("authorization"), deps.registry, deps.pseudonym_key)
    except AuthError as error:
        raise TaxiiError(401, error.message, headers={"WWW-Authenticate": CHALLENGE}) from error
    setattr(request.state, VIEWER_STATE, viewer)
    return viewer


def check_api_root(deps: TaxiiDeps, api_root: str) -> None:
    if api_root != deps.options.api_root:
        raise TaxiiError(404, f"no API root {api_root!r}; this server has {deps.options.api_root!r}")


def visible_collection(deps: TaxiiDeps, viewer: Viewer, api_root: str, key: str) -> Collection:
    """The collection by id or alias; 404 if it does not exist or the caller may neither read nor
    write it (it need not know it exists)."""
    check_api_root(deps, api_root)
    collection = deps.catalog.find(key)
    if collection is None or not collection.visible_to(viewer):
        raise TaxiiError(404, f"no collection {key!r} in API root {api_root!r}")
    return collection


def readable_collection(deps: TaxiiDeps, viewer: Viewer, api_root: str, key: str) -> Collection:
    collection = visible_collection(deps, viewer, api_root, key)
    if not collection.can_read(viewer):
        raise TaxiiError(403, f"partner {viewer.partner_id!r} may not read collection {key!r}")
    return collection


def returned(request: Request, count: int) -> None:
    set_returned(request, count)
