"""Every service's HTTP app answers a fault of its own with a JSON 500 that tells nothing of the
internals (bad input is a 4xx; this is the server's failure)."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi import FastAPI

from services.embedded.broker import free_port
from shared.http_server import start_server, stop_server
from shared.observability.http import instrument
from shared.observability.metrics import process_metrics


async def test_an_unexpected_fault_is_a_json_500(tmp_path: Path) -> None:
    app = FastAPI()
    instrument(app, "test", process_metrics())

    @app.get("/fails")
    async def fails() -> None:
        raise RuntimeError("secret internals of the fault")

    port = free_port()
    server, task = await start_server(app, "127.0.0.1", port)
    try:
        async with httpx.AsyncClient() as client:
            response = await client.get(f"http://127.0.0.1:{port}/fails")
    finally:
        await stop_server(server, task)
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/json"
    assert "secret internals" not in response.text and response.json()["detail"].startswith("internal error")
