"""The TAXII 2.1 router: every resource's routes, and TAXII errors for paths and methods that
match none."""

import re

from fastapi import APIRouter, Request, Response
from fastapi.routing import APIRoute

from services.search.taxii import api_root, collections, discovery, manifest, objects, status, versions
from services.search.taxii.deps import TAXII_PREFIX, TaxiiDeps
from services.search.taxii.errors import TaxiiError, TaxiiRoute, error_response

_ANY_METHOD = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


def create_taxii_router(deps: TaxiiDeps) -> APIRouter:
    router = APIRouter(route_class=TaxiiRoute, tags=["TAXII 2.1"])
    for resource in (discovery, api_root, status, collections, manifest, versions, objects):
        resource.register(router, deps)
    endpoints: list[tuple[re.Pattern[str], set[str]]] = [
        (route.path_regex, set(route.methods or ())) for route in router.routes if isinstance(route, APIRoute)
    ]

    # Registered last: only requests no TAXII route took get here.
    @router.api_route(f"{TAXII_PREFIX}/{{path:path}}", methods=_ANY_METHOD, include_in_schema=False)
    async def unmatched(request: Request, path: str) -> Response:
        allowed = sorted(
            {m for regex, methods in endpoints if regex.match(request.url.path) for m in methods}
        )
        if allowed:
            return error_response(
                TaxiiError(
                    405,
                    f"{request.method} is not allowed here; use {', '.join(allowed)}",
                    headers={"Allow": ", ".join(allowed)},
                )
            )
        hint = "" if request.url.path.endswith("/") else " (TAXII endpoint paths end with '/')"
        return error_response(TaxiiError(404, f"no TAXII endpoint at {request.url.path}{hint}"))

    return router
