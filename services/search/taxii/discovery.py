"""Server discovery, ``GET /taxii2/`` (section 4.1)."""

from typing import Any

from fastapi import APIRouter, Request, Response

from services.search.taxii.deps import TAXII_PREFIX, TaxiiDeps, authenticate, taxii_json


def api_root_url(request: Request, deps: TaxiiDeps) -> str:
    # Relative, so it holds behind any proxy (section 4.1.1 allows relative API root URLs).
    return f"{request.scope.get('root_path', '')}{TAXII_PREFIX}/{deps.options.api_root}/"


def register(router: APIRouter, deps: TaxiiDeps) -> None:
    @router.get(f"{TAXII_PREFIX}/", summary="TAXII server discovery")
    async def discovery(request: Request) -> Response:
        authenticate(deps, request)
        root = api_root_url(request, deps)
        body: dict[str, Any] = {
            "title": deps.options.title,
            "description": deps.options.description,
            "default": root,
            "api_roots": [root],
        }
        if deps.options.contact:
            body["contact"] = deps.options.contact
        return taxii_json(body)
