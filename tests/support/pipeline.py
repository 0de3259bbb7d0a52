"""The producers -> broker -> enrichment pipeline for end-to-end tests: sample reports and the
`enrichment` fixture (the enrichment service on the producers' topics)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiokafka.structs import ConsumerRecord

from services.embedded.broker import free_port
from services.enrichment.app import create_app
from services.enrichment.settings import EnrichmentSettings
from services.search.runtime import run_search
from services.search.settings import SearchSettings
from shared.kafka.admin import ensure_topics
from shared.kafka.topics import TopicDefinition
from tests.support.enrichment import make_enricher
from tests.support.producers_server import ProducersServer

Records = list[ConsumerRecord[bytes, bytes]]

REPORT: dict[str, Any] = {
    "title": "Parcel-delivery smishing leading to card enrolment in mobile wallets",
    "narrative": "Victim Jane Doe (jane.doe@mail.example) paid a redelivery fee on "
    "parcel-redelivery-fee.example and her card was enrolled in a mobile wallet.",
    "crime_category": "fraud",
    "modus_operandi": [
        {"description": "SMS lure about a held parcel with a link", "technique_id": "T1660"},
        {"description": "Fake payment page harvests card data and OTP"},
    ],
    "indicators": [{"type": "domain-name", "value": "parcel-redelivery-fee.example"}],
    "first_seen": "2026-10-01T13:45:12Z",
    "country": "NL",
    "sectors": ["finance", "logistics"],
    "tlp": "amber",
}
# The same MO reported again (another case, other words in the narrative, same MO steps).
REPEAT: dict[str, Any] = {
    **REPORT,
    "title": "Smishing wave: parcel fee texts, wallet enrolment",
    "narrative": "A second victim paid a small customs fee after a text about a parcel.",
    "first_seen": "2026-10-08T09:00:00Z",
}
RED: dict[str, Any] = {
    "title": "Telecom insider sells SIM swaps",
    "narrative": "An employee of a phone shop swaps SIM cards of targeted customers for a fee.",
    "crime_category": "sim-swapping",
    "modus_operandi": [{"description": "Insider at a phone shop swaps the SIM card for a bribe"}],
    "country": "NL",
    "tlp": "red",
    "recipients": ["be-ccb"],
}


@pytest.fixture
async def enrichment(producers: ProducersServer, tmp_path: Path) -> AsyncIterator[None]:
    """The enrichment service on the producers' topics, with its own data directory."""
    settings = EnrichmentSettings(
        kafka_bootstrap=producers.bootstrap,
        topic_prefix=producers.topics.prefix,
        data_dir=tmp_path / "enrichment",
        enrichment_group_id=f"{producers.topics.prefix}enrichment",
        enrichment_session_timeout_ms=2000,
        enrichment_heartbeat_interval_ms=500,
        enrichment_batch_timeout_ms=50,
    )
    # The partners' TLP:RED feeds exist, as adding a partner creates them. (Left to auto-creation
    # on first publish, Tansu may answer that produce request only after the 40 s timeout.)
    red = [TopicDefinition(producers.topics.red_feed(p), 1, 1) for p in ("nl-police", "be-ccb")]
    await ensure_topics(producers.bootstrap, red, single_node=True)
    enricher = make_enricher(producers.topics, trends_path=settings.trend_state_path)
    _, service = create_app(settings, enricher=enricher)
    async with service.broker:
        await service.broker.start()
        yield
    await service.close()
    service.store.close()


@pytest.fixture
async def search_url(producers: ProducersServer, enrichment: None) -> AsyncIterator[str]:
    """The search service (indexer, API, TAXII) as `run_search` runs it, on the producers' data
    directory and topics; yields its base URL."""
    settings = SearchSettings(
        kafka_bootstrap=producers.bootstrap,
        topic_prefix=producers.topics.prefix,
        data_dir=producers.data_dir,
        search_port=free_port(),
        search_group_id=f"{producers.topics.prefix}search",
        index_session_timeout_ms=2000,
        index_heartbeat_interval_ms=500,
        index_batch_timeout_ms=50,
    )
    stop, started = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(run_search(settings, stop, lambda _: started.set()))
    await asyncio.wait_for(started.wait(), 30)
    try:
        yield f"http://127.0.0.1:{settings.search_port}"
    finally:
        stop.set()
        await task
