"""The demo loader against a real HTTP server that is slow or busy now and then: a report it
could not deliver is tried again and, at worst, counted; the loader never stops silently."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from services.embedded.broker import free_port
from services.producers import demo_loader
from services.producers.demo_loader import load_demo
from shared.http_server import start_server, stop_server
from shared.partners import PartnerRegistry

Answer = Callable[[int], JSONResponse | None]  # the n-th request -> its answer (None: 202)
SIZE = 12


def producers_stub(answer: Answer, calls: list[str], delay_first: bool = False) -> FastAPI:
    app = FastAPI()

    @app.post("/api/v1/reports")
    async def submit(request: Request) -> JSONResponse:
        calls.append((await request.json())["title"])
        if delay_first and len(calls) == 1:
            await asyncio.sleep(2)  # longer than the loader's timeout: the client gives up
        return answer(len(calls)) or JSONResponse({"redactions": {"PERSON": 1}}, status_code=202)

    return app


async def serve(app: FastAPI) -> AsyncIterator[str]:
    port = free_port()
    server, task = await start_server(app, "127.0.0.1", port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await stop_server(server, task)


def last_line(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().out.strip().splitlines()[-1]


async def test_a_busy_answer_and_a_timeout_are_tried_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[str] = []

    def busy_every_other(n: int) -> JSONResponse | None:
        return JSONResponse({"detail": "busy"}, status_code=503) if n % 2 else None

    async for url in serve(producers_stub(busy_every_other, calls, delay_first=True)):
        await load_demo(url, PartnerRegistry.in_data_dir(tmp_path), size=SIZE, timeout=0.5)
    assert last_line(capsys).startswith(f"demo data: {SIZE} reports accepted, 0 rejected, from ")
    assert len(calls) > SIZE  # the busy answers and the timed-out request were asked again


async def test_a_host_that_stays_busy_is_counted_not_fatal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo_loader, "ATTEMPTS", 2)
    calls: list[str] = []

    def always_busy(_: int) -> JSONResponse | None:
        return JSONResponse({"detail": "busy"}, status_code=503)

    async for url in serve(producers_stub(always_busy, calls)):
        await load_demo(url, PartnerRegistry.in_data_dir(tmp_path), size=SIZE, timeout=5)
    line = last_line(capsys)
    assert f"0 reports accepted, 0 rejected, {SIZE} not delivered" in line
    assert len(calls) == 2 * SIZE


async def test_a_refused_report_is_rejected_once_not_retried(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[str] = []

    def refused(_: int) -> JSONResponse | None:
        return JSONResponse({"detail": "narrative: too long"}, status_code=422)

    async for url in serve(producers_stub(refused, calls)):
        await load_demo(url, PartnerRegistry.in_data_dir(tmp_path), size=SIZE, timeout=5)
    assert f"0 reports accepted, {SIZE} rejected, from " in last_line(capsys)
    assert len(calls) == SIZE
