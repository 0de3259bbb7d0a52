"""The append-only audit log: one JSON line per request to the REST API or the TAXII server.

Each line: time (UTC), partner (null when authentication failed), method, endpoint (path),
query parameters, status, and the number of objects returned. The file is opened in append
mode and flushed after every line; nothing ever rewrites it.

``install_audit(app, log)`` records every request under the audited path prefixes. An endpoint
says how many objects it returned with ``set_returned(request, n)``; the caller comes from the
auth dependency (``request.state.viewer``).
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import orjson
from fastapi import FastAPI, Request
from starlette.responses import Response

from services.search.auth import VIEWER_STATE

RETURNED_STATE = "audit_returned"
AUDITED_PREFIXES = ("/api/", "/taxii2")


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file: IO[bytes] = path.open("ab")
        # Sync dependencies and endpoints run in threads: one line must never interleave another.
        self._lock = threading.Lock()

    def record(
        self,
        *,
        partner: str | None,
        method: str,
        endpoint: str,
        query: Mapping[str, Sequence[str]],
        status: int,
        returned: int,
        at: datetime | None = None,
    ) -> None:
        line = {
            "time": (at or datetime.now(UTC)).isoformat(timespec="microseconds").replace("+00:00", "Z"),
            "partner": partner,
            "method": method,
            "endpoint": endpoint,
            "query": {name: list(values) for name, values in query.items()},
            "status": status,
            "returned": returned,
        }
        data = orjson.dumps(line) + b"\n"
        with self._lock:
            self._file.write(data)
            self._file.flush()

    def close(self) -> None:
        with self._lock:
            self._file.close()


def set_returned(request: Request, count: int) -> None:
    """Tell the audit log how many objects this request returns."""
    setattr(request.state, RETURNED_STATE, count)


def _query_of(request: Request) -> dict[str, list[str]]:
    query: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        query.setdefault(name, []).append(value)
    return query


def install_audit(app: FastAPI, log: AuditLog, prefixes: tuple[str, ...] = AUDITED_PREFIXES) -> None:
    """Record one line for every request whose path starts with one of ``prefixes``."""

    async def audit(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if not request.url.path.startswith(prefixes):
            return await call_next(request)
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            return response
        finally:
            viewer: Any = getattr(request.state, VIEWER_STATE, None)
            log.record(
                partner=getattr(viewer, "partner_id", None),
                method=request.method,
                endpoint=request.url.path,
                query=_query_of(request),
                status=status,
                returned=int(getattr(request.state, RETURNED_STATE, 0)) if status < 400 else 0,
            )

    app.middleware("http")(audit)
