"""Serves the analyst console at /console/: a fixed set of static files and reference data.

The pages do everything through the REST API with the reader's own key, so the console shows
exactly what the API lets that key read (docs/architecture.md, "The access rule"). The files are
read once from the package, only names listed in the package are served, and every answer
carries a Content-Security-Policy that allows scripts, styles and requests from this origin only:
partner content is never markup, and even an injected element could not run.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import JSONResponse, RedirectResponse, Response

from shared.stix.markings import TLP1_MARKING_IDS, TLP_MARKING_IDS
from shared.stix.regions import m49_names

PREFIX = "/console"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    # Pages are small and change with the package: always revalidate, never serve a stale module.
    "Cache-Control": "no-cache",
}
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    media_type: str


def load_static_files() -> dict[str, StaticFile]:
    """name -> file, for every file of the package's static folder with a known media type."""
    folder = resources.files(__package__ or "services.search.console") / "static"
    files: dict[str, StaticFile] = {}
    for entry in folder.iterdir():
        suffix = "." + entry.name.rpartition(".")[2]
        if entry.is_file() and suffix in MEDIA_TYPES:
            files[entry.name] = StaticFile(entry.read_bytes(), MEDIA_TYPES[suffix])
    return files


def marking_map() -> dict[str, str]:
    """TLP marking-definition id -> TLP 2.0 level, for the pages' TLP banners."""
    return {
        **{marking_id: str(tlp) for marking_id, tlp in TLP1_MARKING_IDS.items()},
        **{marking_id: str(tlp) for tlp, marking_id in TLP_MARKING_IDS.items()},
    }


def reference_data() -> dict[str, dict[str, str]]:
    """What the pages need to label what the API returns: TLP marking ids and M49 region names."""
    return {"markings": marking_map(), "regions": m49_names()}


def create_console_router() -> APIRouter:
    files = load_static_files()
    reference = reference_data()
    router = APIRouter(include_in_schema=False)

    @router.get(PREFIX)
    async def console_root() -> Response:
        return RedirectResponse(f"{PREFIX}/", status_code=308, headers=SECURITY_HEADERS)

    @router.get(f"{PREFIX}/")
    async def console_index() -> Response:
        return _file_response(files["index.html"])

    @router.get(f"{PREFIX}/reference.json")
    async def console_reference() -> Response:
        return JSONResponse(reference, headers=SECURITY_HEADERS)

    @router.get(PREFIX + "/{name}")
    async def console_file(name: str) -> Response:
        found = files.get(name)
        if found is None:
            return JSONResponse({"detail": "no such console file"}, status_code=404, headers=SECURITY_HEADERS)
        return _file_response(found)

    return router


def _file_response(found: StaticFile) -> Response:
    return Response(found.body, media_type=found.media_type, headers=SECURITY_HEADERS)
