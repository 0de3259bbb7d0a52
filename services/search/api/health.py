"""/healthz (the process answers) and /readyz (the store answers and the indexer runs)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from shared.store.base import Store

STORE_TIMEOUT_SECONDS = 5.0

IndexerState = Callable[[], dict[str, Any]]
"""What the indexer reports: {"running": bool, "failing": bool} and, when failing, "error"."""


def create_health_router(store: Store, indexer_state: IndexerState | None) -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        """The process is alive."""
        return {"status": "ok"}

    @router.get("/readyz")
    async def readyz() -> JSONResponse:
        """Ready to serve: the store answers, and the indexer runs and its batches go through
        (where this process runs one)."""
        body: dict[str, Any] = {}
        ready = True
        try:
            # Answered without authentication: say the store works, not how much it holds.
            await asyncio.wait_for(store.count(), STORE_TIMEOUT_SECONDS)
            body["store"] = {"status": "ok"}
        except Exception as error:  # any store fault means "not ready", with the reason
            body["store"] = {"error": f"{type(error).__name__}: {error}"}
            ready = False
        if indexer_state is not None:
            state = indexer_state()
            body["indexer"] = state
            ready = ready and bool(state.get("running")) and not state.get("failing")
        body["status"] = "ready" if ready else "not ready"
        return JSONResponse(body, status_code=200 if ready else 503)

    return router
