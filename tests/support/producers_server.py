"""A real producers server (uvicorn on loopback) publishing to the real embedded broker."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.embedded.broker import free_port
from services.producers.runtime import create_runtime
from services.producers.settings import ProducersSettings
from shared.http_server import start_server, stop_server
from shared.kafka.admin import ensure_topics
from shared.kafka.topics import Topics, topic_definitions
from shared.models.report import TLP


@dataclass
class ProducersServer:
    url: str
    key: str
    topics: Topics
    bootstrap: str
    data_dir: Path

    def client(self, key: str | None = None, timeout: float = 30) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {key or self.key}"}
        return httpx.AsyncClient(base_url=self.url, headers=headers, timeout=timeout)


@contextlib.asynccontextmanager
async def running_producers(
    kafka_bootstrap: str, data_dir: Path, **overrides: Any
) -> AsyncIterator[ProducersServer]:
    """The producers' API on a free port, on topics of its own; `overrides` are settings."""
    prefix = f"t{uuid.uuid4().hex[:8]}."
    settings = ProducersSettings(
        **{
            "kafka_bootstrap": kafka_bootstrap,
            "topic_prefix": prefix,
            "data_dir": data_dir,
            "producers_port": free_port(),
            # The intake on threads: the API's behaviour is the same, without a worker process to
            # start per test (tests/services/producers/test_intake_pool.py runs the processes).
            "producers_workers": 0,
            **overrides,
        }
    )
    await ensure_topics(kafka_bootstrap, topic_definitions(prefix), single_node=True)
    runtime = create_runtime(settings)
    key = runtime.registry.add("nl-police", TLP.RED)
    runtime.registry.add("fr-cert", TLP.AMBER)
    runtime.registry.add("be-ccb", TLP.RED)
    server, task = await start_server(runtime.http_app(), "127.0.0.1", settings.producers_port)
    try:
        yield ProducersServer(
            f"http://127.0.0.1:{settings.producers_port}", key, Topics(prefix), kafka_bootstrap, data_dir
        )
    finally:
        await stop_server(server, task)


@pytest.fixture
async def producers(kafka_bootstrap: str, tmp_path: Path) -> AsyncIterator[ProducersServer]:
    async with running_producers(kafka_bootstrap, tmp_path, max_body_bytes=64 * 1024) as server:
        yield server


# A report with personal data planted in it, as partners send them.
REPORT: dict[str, Any] = {
    "title": "Parcel-delivery smishing leading to card enrolment in mobile wallets",
    "narrative": "Victim Jane Doe (jane.doe@mail.example, +31 6 12345678, IBAN NL91ABNA0417164300) "
    "paid a redelivery fee on parcel-redelivery-fee.example and her card 4111 1111 1111 1111 "
    "was enrolled in a mobile wallet.",
    "crime_category": "fraud",
    "modus_operandi": [
        {"description": "SMS lure about a held parcel with a link", "technique_id": "T1660"},
        {"description": "Fake payment page harvests card data and OTP"},
    ],
    "indicators": [
        {"type": "domain-name", "value": "parcel-redelivery-fee.example", "role": "offender"},
        {"type": "email-addr", "value": "jane.doe@mail.example", "role": "victim"},
    ],
    "first_seen": "2026-10-01T13:45:12Z",
    "last_seen": "2026-11-20T08:00:00Z",
    "country": "NL",
    "sectors": ["finance", "logistics"],
    "victims": {"count": 3, "losses": {"amount": 96512, "currency": "EUR"}},
    "tlp": "amber",
    "submitter": {
        "organization": "Politie NL",
        "contact_name": "Pieter Jansen",
        "contact_email": "p.jansen@politie.example",
    },
}
