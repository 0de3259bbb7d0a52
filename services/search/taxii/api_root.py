"""API root information, ``GET /taxii2/{api_root}/`` (section 4.2)."""

from fastapi import APIRouter, Request, Response

from services.search.taxii.deps import TAXII_PREFIX, TaxiiDeps, authenticate, check_api_root, taxii_json
from services.search.taxii.media import TAXII_MEDIA_TYPE


def register(router: APIRouter, deps: TaxiiDeps) -> None:
    @router.get(f"{TAXII_PREFIX}/{{api_root}}/", summary="TAXII API root information")
    async def api_root_information(request: Request, api_root: str) -> Response:
        authenticate(deps, request)
        check_api_root(deps, api_root)
        return taxii_json(
            {
                "title": deps.options.api_root_title,
                "description": deps.options.description,
                "versions": [TAXII_MEDIA_TYPE],
                "max_content_length": deps.options.max_content_length,
            }
        )
