"""uvicorn servers that share one event loop and one signal handler (the caller's): every HTTP
service of crimefeed is served this way, alone (`crimefeed run`) or several in one process
(`crimefeed up`)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Generator
from typing import Any

import uvicorn


class LoopServer(uvicorn.Server):
    """A uvicorn server that leaves signal handling to whoever runs the loop.

    uvicorn installs its own SIGINT/SIGTERM handlers per server; with several servers in one
    process only the last would hear Ctrl-C, so the CLI handles signals once and stops all.
    """

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


async def start_server(app: Any, host: str, port: int) -> tuple[LoopServer, asyncio.Task[None]]:
    """Start serving `app` and return once it accepts connections."""
    server = LoopServer(uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()  # surfaces the start-up error (e.g. port in use)
            raise RuntimeError(f"HTTP server on {host}:{port} stopped during start-up")
        await asyncio.sleep(0.02)
    return server, task


async def stop_server(server: LoopServer, task: asyncio.Task[None]) -> None:
    server.should_exit = True
    await task
