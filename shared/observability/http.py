"""HTTP side of operations for every FastAPI app: request latency, trace ids, probes, /metrics.

Mount on an app with `instrument(app, service, metrics)` and `app.include_router(
probes_router(metrics, token, ready))`. The middleware is pure ASGI (not BaseHTTPMiddleware) so the
trace id it sets is the one the endpoint and its log lines see.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.kafka.codecs import new_trace_id
from shared.observability.metrics import Metrics
from shared.observability.tracing import InvalidTraceId, trace_context, trace_id_from_headers

Readiness = Callable[[], Awaitable[str | None]]
"""None when ready, else what is not ready yet (said in the 503 body)."""

UNMATCHED_ROUTE = "<unmatched>"


def route_template(scope: Scope) -> str:
    """The route's path template (`/api/v1/objects/{stix_id}`), never the raw path: one time
    series per route, not per object id."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED_ROUTE


class ObservabilityMiddleware:
    def __init__(self, app: ASGIApp, *, service: str, metrics: Metrics) -> None:
        self.app = app
        self.service = service
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client sees if the app dies before answering
        try:
            trace_id = trace_id_from_headers(Headers(scope=scope)) or new_trace_id()
        except InvalidTraceId as error:
            status = 400
            await JSONResponse({"detail": str(error), "errors": [f"X-Trace-Id: {error}"]}, 400)(
                scope, receive, send
            )
            self._observe(scope, status, started)
            return

        async def send_with_trace_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["X-Trace-Id"] = trace_id
            await send(message)

        try:
            with trace_context(trace_id):
                await self.app(scope, receive, send_with_trace_id)
        finally:
            self._observe(scope, status, started)

    def _observe(self, scope: Scope, status: int, started: float) -> None:
        histogram = self.metrics.http_seconds.labels(
            self.service, scope.get("method", ""), route_template(scope), str(status)
        )
        histogram.observe(time.perf_counter() - started)


def instrument(app: FastAPI, service: str, metrics: Metrics) -> None:
    app.add_middleware(ObservabilityMiddleware, service=service, metrics=metrics)
    app.add_exception_handler(Exception, server_error)


async def server_error(_: Request, __: Exception) -> JSONResponse:
    """A fault of the server answers JSON like every other error (the exception is logged by the
    server), and says nothing of the internals."""
    return JSONResponse(
        {"detail": "internal error: the server failed to handle this request"}, status_code=500
    )


async def always_ready() -> str | None:
    return None


def metrics_router(metrics: Metrics, token: str | None) -> APIRouter:
    """`/metrics`, for a Prometheus scraper holding `token` (``Authorization: Bearer <token>``).

    Message counts per topic tell how much is shared at each TLP and with which red recipients,
    so they are not for anonymous callers (docs/operations.md, "Metrics"). Without a token
    nobody gets them.
    """
    router = APIRouter(tags=["operations"])
    expected = f"Bearer {token}".encode() if token else None

    @router.get(
        "/metrics",
        summary="Prometheus metrics (needs the metrics token)",
        response_class=Response,
        responses={401: {"description": "no or wrong metrics token"}},
    )
    async def prometheus_metrics(request: Request) -> Response:
        given = request.headers.get("authorization", "").encode()
        if expected is None or not secrets.compare_digest(given, expected):
            return JSONResponse(
                {"detail": "authorization: /metrics needs 'Bearer <token>' (CRIMEFEED_METRICS_TOKEN)"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        body, content_type = metrics.render()
        return Response(body, media_type=content_type)

    return router


def probes_router(metrics: Metrics, token: str | None, ready: Readiness = always_ready) -> APIRouter:
    """`/healthz` (the process answers), `/readyz` (it can do its work), `/metrics` (with `token`)."""
    router = APIRouter(tags=["operations"])

    @router.get("/healthz", summary="Liveness: the process answers")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get(
        "/readyz",
        summary="Readiness: the service's dependencies answer",
        responses={503: {"description": "not ready; `detail` says what is missing"}},
    )
    async def readyz() -> Any:
        problem = await ready()
        if problem is not None:
            return JSONResponse({"status": "unavailable", "detail": problem}, status_code=503)
        return {"status": "ready"}

    router.include_router(metrics_router(metrics, token))
    return router
