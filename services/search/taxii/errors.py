"""TAXII error messages (section 3.6.1) for every error the TAXII endpoints answer.

The router is mounted into the search service's app, whose exception handlers answer in the
REST API's format; TAXII clients expect ``application/taxii+json`` errors instead, so the TAXII
routes use their own route class that turns every error raised while handling a TAXII request
into a TAXII error message (see ``TaxiiRoute``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Mapping
from http import HTTPStatus
from typing import Any

import orjson
from fastapi import HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from services.search.taxii.media import TAXII_MEDIA_TYPE

logger = logging.getLogger(__name__)


class TaxiiError(Exception):
    """An error answered as a TAXII error message with ``status`` as the HTTP status."""

    def __init__(
        self,
        status: int,
        description: str,
        *,
        headers: Mapping[str, str] | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.headers = dict(headers or {})
        self.details = dict(details or {})


def error_body(status: int, description: str, details: Mapping[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": HTTPStatus(status).phrase,
        "description": description,
        # Section 3.6.1: if present, http_status MUST match the status of the response.
        "http_status": str(status),
    }
    if details:
        body["details"] = dict(details)
    return body


def error_response(error: TaxiiError) -> Response:
    return Response(
        orjson.dumps(error_body(error.status, error.description, error.details)),
        status_code=error.status,
        media_type=TAXII_MEDIA_TYPE,
        headers=error.headers,
    )


def _describe_validation(error: RequestValidationError) -> str:
    problems = []
    for problem in error.errors():
        where = ".".join(
            str(part) for part in problem.get("loc", ()) if part not in ("query", "path", "body")
        )
        problems.append(f"{where or 'request'}: {problem.get('msg', 'invalid')}")
    return "; ".join(problems) or "invalid request"


def as_taxii_error(error: Exception) -> TaxiiError | None:
    """The TAXII error for an exception raised by a TAXII handler, None for an unexpected one."""
    if isinstance(error, TaxiiError):
        return error
    if isinstance(error, RequestValidationError):
        return TaxiiError(400, _describe_validation(error))
    if isinstance(error, HTTPException):
        return TaxiiError(error.status_code, str(error.detail), headers=error.headers)
    return None


Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class TaxiiRoute(APIRoute):
    """An APIRoute whose errors (raised by the endpoint or its dependencies) are TAXII errors."""

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()

        async def taxii_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except Exception as exc:
                error = as_taxii_error(exc)
                if error is None:
                    # A fault of this server: logged with its trace, answered as a TAXII error
                    # that tells the client nothing of the internals.
                    logger.exception("TAXII %s %s failed", request.method, request.url.path)
                    error = TaxiiError(500, "the server failed to handle this request; it was logged")
                return error_response(error)

        return taxii_handler
