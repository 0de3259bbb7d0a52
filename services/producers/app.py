"""The producers' HTTP API: partners submit MO reports and STIX bundles (docs/architecture.md)."""
# No `from __future__ import annotations` here: FastAPI resolves the endpoints' dependency
# annotations at run time, and they refer to functions local to create_app.

import hmac
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from services.producers.errors import SubmissionRejected
from services.producers.intake_pool import IntakePool, bundle_body, report_body
from services.producers.publisher import SERVICE, KafkaSubmissionPublisher, SubmissionPublisher
from services.producers.submission import PreparedSubmission, SubmissionService
from shared.observability.http import Readiness, always_ready, instrument, probes_router
from shared.observability.metrics import Metrics, process_metrics
from shared.observability.readiness import kafka_readiness
from shared.observability.tracing import current_trace_id
from shared.partners import Partner, PartnerRegistry

logger = logging.getLogger(__name__)

JSON_TYPES = ("application/json", "application/stix+json", "application/taxii+json")


class SubmissionAccepted(BaseModel):
    submission_id: str
    object_ids: list[str]
    redactions: dict[str, int] = Field(description="Counts per kind of personal data removed, never values")


class IntakeAccepted(SubmissionAccepted):
    published_ids: list[str] = Field(description="Ids of every object of the published bundle")


class ErrorBody(BaseModel):
    detail: str
    errors: list[str] = Field(default_factory=list)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 413, 415, 422)
}


def create_app(
    service: SubmissionService,
    publisher: SubmissionPublisher,
    registry: PartnerRegistry,
    *,
    max_body_bytes: int,
    intake_token: bytes,
    lifespan: Callable[[FastAPI], Any] | None = None,
    metrics: Metrics | None = None,
    ready: Readiness | None = None,
    metrics_token: str | None = None,
    intake: IntakePool | None = None,
) -> FastAPI:
    """The API with /healthz, /readyz (Kafka answers), /metrics and a trace id per request
    (the caller's X-Trace-Id or traceparent, else a new one; answered in X-Trace-Id).

    `/internal/v1/bundles` is the same intake for other crimefeed services (the TAXII server's
    POST): they authenticate with `intake_token` and name the partner they act for, so every
    partner submission crosses this one anonymizing boundary (docs/architecture.md, section 1).

    Decoding, checking, anonymizing and building take CPU in proportion to the body: `intake`
    does them in its worker processes (on the loop's default executor when None), so this server
    (and every server sharing its event loop) keeps answering meanwhile."""
    intake = intake or IntakePool(service, registry)
    app = FastAPI(
        title="crimefeed producers",
        version="1",
        description="Submit MO reports and STIX 2.1 bundles. Personal data is removed before anything "
        "is published.",
        lifespan=lifespan,
    )
    metrics = metrics or process_metrics()
    instrument(app, SERVICE, metrics)
    app.include_router(probes_router(metrics, metrics_token, ready or publisher_readiness(publisher)))
    bearer = HTTPBearer(auto_error=False)

    def authenticated(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Partner:
        if credentials is None:
            raise SubmissionRejected(401, "missing API key: send 'Authorization: Bearer <key>'")
        partner = registry.authenticate(credentials.credentials)
        if partner is None:
            raise SubmissionRejected(401, "unknown or revoked API key")
        return partner

    def acting_partner(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
        x_crimefeed_partner: Annotated[str, Header()],
    ) -> Partner:
        """The partner a crimefeed service submits for; only holders of the intake token may."""
        presented = credentials.credentials.encode() if credentials is not None else b""
        if not hmac.compare_digest(presented, intake_token):
            raise SubmissionRejected(401, "internal intake: missing or wrong service token")
        partner = registry.get(x_crimefeed_partner)
        if partner is None or not partner.active:
            raise SubmissionRejected(403, "internal intake: X-Crimefeed-Partner is not an active partner")
        return partner

    @app.exception_handler(SubmissionRejected)
    async def rejected(_: Request, error: SubmissionRejected) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if error.status_code == 401 else None
        if error.status_code == 503:
            headers = {"Retry-After": "1"}
        logger.info("submission rejected (%d): %s", error.status_code, error.message)
        return JSONResponse(
            {"detail": error.message, "errors": error.errors}, status_code=error.status_code, headers=headers
        )

    async def read_body(request: Request) -> bytes:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in JSON_TYPES:
            raise SubmissionRejected(
                415, f"unsupported content type {content_type or '(none)'!r}: send application/json"
            )
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > max_body_bytes:
            raise SubmissionRejected(413, f"body of {declared} bytes is over the limit of {max_body_bytes}")
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > max_body_bytes:
                raise SubmissionRejected(413, f"body is over the limit of {max_body_bytes} bytes")
        return bytes(body)

    async def publish(prepared: PreparedSubmission) -> SubmissionAccepted:
        # The request's trace id (the middleware's) follows the submission onto Kafka.
        prepared = replace(prepared, trace_id=current_trace_id() or prepared.trace_id)
        delivery = await publisher.send(prepared)
        await delivery
        logger.debug("accepted submission %s (%d objects)", prepared.submission_id, len(prepared.object_ids))
        return SubmissionAccepted(
            submission_id=prepared.submission_id,
            object_ids=prepared.object_ids,
            redactions=dict(prepared.redactions),
        )

    @app.post("/api/v1/reports", status_code=202, responses=ERROR_RESPONSES)
    async def submit_report(
        request: Request, partner: Annotated[Partner, Depends(authenticated)]
    ) -> SubmissionAccepted:
        """Submit one MO report (JSON). Answers with the ids of the STIX objects built from it."""
        body = await read_body(request)
        return await publish(await intake.run(report_body, body, partner.partner_id))

    @app.post("/api/v1/bundles", status_code=202, responses=ERROR_RESPONSES)
    async def submit_bundle(
        request: Request, partner: Annotated[Partner, Depends(authenticated)]
    ) -> SubmissionAccepted:
        """Submit one STIX 2.1 bundle. Free text is anonymized and authorship pseudonymized."""
        body = await read_body(request)
        return await publish(await intake.run(bundle_body, body, partner.partner_id))

    @app.post("/internal/v1/bundles", status_code=202, responses=ERROR_RESPONSES, include_in_schema=False)
    async def submit_for_partner(
        request: Request, partner: Annotated[Partner, Depends(acting_partner)]
    ) -> IntakeAccepted:
        """A bundle (or a TAXII envelope) another crimefeed service received from `partner`."""
        body = await read_body(request)
        prepared = await intake.run(bundle_body, body, partner.partner_id, True)
        accepted = await publish(prepared)
        return IntakeAccepted(
            **accepted.model_dump(), published_ids=[obj["id"] for obj in prepared.bundle["objects"]]
        )

    return app


def publisher_readiness(publisher: SubmissionPublisher) -> Readiness:
    """Ready when the Kafka producer's cluster answers; a publisher without Kafka always is."""
    if isinstance(publisher, KafkaSubmissionPublisher):
        return kafka_readiness(publisher.broker)
    return always_ready


Startup = Callable[[], Awaitable[None]]


def broker_lifespan(start: Startup, stop: Startup) -> Callable[[FastAPI], Any]:
    """Graceful shutdown: uvicorn stops accepting and lets the requests in flight finish (each
    awaits its own delivery) before the lifespan ends; `stop` then flushes the Kafka producer,
    so records handed over by bulk paths without awaiting are delivered too."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await start()
        try:
            yield
        finally:
            logger.info("producers stopping: flushing the Kafka producer")
            await stop()

    return lifespan
