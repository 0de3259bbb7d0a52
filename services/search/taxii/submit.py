"""POSTed objects go to the producers' intake: anonymized, pseudonymized, published as one bundle.

The TAXII server neither writes to the store nor anonymizes: it forwards the partner's envelope,
as received, to the producers' internal intake API (authenticated with the intake token, naming
the partner), so a TAXII POST crosses the same boundary, with the same policy and limits, as
every other submission (docs/architecture.md, section 1).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Set
from dataclasses import dataclass
from typing import Any

import httpx
import orjson

from shared.observability.tracing import current_trace_id

INTAKE_PATH = "/internal/v1/bundles"


@dataclass(frozen=True)
class Submitted:
    submission_id: str
    published: Set[str]
    """Ids of the objects of the published bundle (the producers drop or replace some)."""


class IntakeRejected(Exception):
    """The producers refused the submission (`status` 4xx, their message and per-field errors),
    or could not be reached (503)."""

    def __init__(self, status: int, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or []


Submit = Callable[[bytes, str], Awaitable[Submitted]]
"""(body of the TAXII envelope as posted, posting partner id) -> what was published; raises
IntakeRejected."""


class IntakeClient:
    """The producers' internal intake API, called with the search service's intake token."""

    def __init__(self, base_url: str, token: bytes, *, timeout_seconds: float = 120.0) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {token.decode()}"},
            timeout=timeout_seconds,
        )

    async def __call__(self, body: bytes, partner_id: str) -> Submitted:
        headers = {"Content-Type": "application/json", "X-Crimefeed-Partner": partner_id}
        trace_id = current_trace_id()
        if trace_id:
            headers["X-Trace-Id"] = trace_id
        try:
            response = await self._client.post(INTAKE_PATH, content=body, headers=headers)
        except httpx.HTTPError as error:
            unreachable = f"the producers' intake is unreachable ({type(error).__name__})"
            raise IntakeRejected(503, unreachable) from error
        answer = _json(response)
        status = response.status_code
        if status == 202 and isinstance(answer.get("published_ids"), list):
            return Submitted(str(answer.get("submission_id")), frozenset(map(str, answer["published_ids"])))
        if 400 <= status < 500 and status not in (401, 403):
            message = str(answer.get("detail") or "the producers' intake refused the submission")
            errors = answer.get("errors")
            listed = [str(error) for error in errors] if isinstance(errors, list) else []
            raise IntakeRejected(status, message, listed)
        # The service's own token or wiring is wrong, or the producers failed: not the partner's fault.
        raise IntakeRejected(503, f"the producers' intake answered {status}")

    async def aclose(self) -> None:
        await self._client.aclose()


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        answer = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return {}
    return answer if isinstance(answer, dict) else {}
