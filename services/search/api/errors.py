"""Error answers of the REST API: every 4xx says which parameter is wrong and why."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from services.search.params import ParameterError
from shared.store.base import StoreQueryError

NOT_FOUND = "no such object"
"""The one answer for an unknown object and for one the caller may not read."""


class ErrorBody(BaseModel):
    detail: str


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 404, 422)
}


class NotFound(Exception):
    """An object that does not exist or that the caller may not read (HTTP 404, same message)."""


def _location(error: dict[str, Any]) -> str:
    # ("query", "limit") -> "limit"; a body or path location keeps its last part too.
    parts = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "header")]
    return ".".join(parts) or "request"


def install_error_handlers(app: FastAPI) -> None:
    async def parameter_error(_: Request, error: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=400)

    async def validation_error(_: Request, error: Exception) -> JSONResponse:
        errors = error.errors() if isinstance(error, RequestValidationError) else []
        messages = [f"{_location(item)}: {item.get('msg', 'invalid')}" for item in errors]
        return JSONResponse(
            {"detail": "; ".join(messages) or "invalid request", "errors": messages}, status_code=422
        )

    async def not_found(_: Request, __: Exception) -> JSONResponse:
        return JSONResponse({"detail": NOT_FOUND}, status_code=404)

    app.add_exception_handler(ParameterError, parameter_error)
    app.add_exception_handler(StoreQueryError, parameter_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(NotFound, not_found)
