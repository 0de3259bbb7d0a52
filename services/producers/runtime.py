"""Wiring of the producers service: Kafka broker, submission service, HTTP app."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from fastapi import FastAPI
from faststream.kafka import KafkaBroker

from services.producers.app import broker_lifespan, create_app
from services.producers.intake_pool import IntakePool
from services.producers.misp import PERSONAL_DATA_FILE, MispPersonal, misp_personal
from services.producers.publisher import KafkaSubmissionPublisher
from services.producers.settings import ProducersSettings
from services.producers.submission import SubmissionService
from services.producers.taxii_poller import RetryPolicy, TaxiiPoller
from services.producers.taxii_reader import CollectionReader
from services.producers.taxii_sources import load_sources
from services.producers.taxii_state import PollState
from shared.kafka.broker import make_broker
from shared.kafka.topics import Topics
from shared.partners import PartnerRegistry

logger = logging.getLogger(__name__)


@dataclass
class ProducersRuntime:
    settings: ProducersSettings
    broker: KafkaBroker
    publisher: KafkaSubmissionPublisher
    service: SubmissionService
    registry: PartnerRegistry
    intake: IntakePool
    """Where submissions are prepared: worker processes (services/producers/intake_pool.py)."""
    misp_personal: MispPersonal
    """What MISP events lose before conversion (`crimefeed import`)."""
    poller: TaxiiPoller | None = None

    async def start(self) -> None:
        self.intake.start()
        await self.broker.start()
        if self.poller is not None:
            self.poller.start()

    async def stop(self) -> None:
        if self.poller is not None:
            await self.poller.stop()
        await self.broker.stop()
        await asyncio.to_thread(self.intake.close)

    def http_app(self) -> FastAPI:
        return create_app(
            self.service,
            self.publisher,
            self.registry,
            max_body_bytes=self.settings.max_body_bytes,
            intake_token=self.settings.resolved_intake_token(),
            lifespan=broker_lifespan(self.start, self.stop),
            metrics_token=self.settings.resolved_metrics_token(),
            intake=self.intake,
        )


def create_runtime(settings: ProducersSettings, registry: PartnerRegistry | None = None) -> ProducersRuntime:
    """Raises TaxiiSourcesError (naming the bad field) if CRIMEFEED_TAXII_SOURCES is unusable, and
    WordListError (naming the file) if a file of CRIMEFEED_ANONYMIZATION_WORD_LISTS is."""
    # The data files first: a malformed one stops start-up before anything connects.
    service = SubmissionService.from_settings(settings)
    misp = misp_personal(settings.anonymization_word_lists)
    if settings.anonymization_word_lists is not None:
        _log_word_lists(settings.anonymization_word_lists, service)
    broker = make_broker(settings)
    publisher = KafkaSubmissionPublisher(broker, Topics(settings.topic_prefix))
    registry = registry or PartnerRegistry.in_data_dir(settings.data_dir)
    return ProducersRuntime(
        settings=settings,
        broker=broker,
        publisher=publisher,
        service=service,
        registry=registry,
        intake=IntakePool.from_settings(settings, service, registry),
        misp_personal=misp,
        poller=create_poller(settings, service, publisher, registry),
    )


def _log_word_lists(directory: Path, service: SubmissionService) -> None:
    overridden = [*service.anonymizer.word_lists.overridden]
    if (directory / PERSONAL_DATA_FILE.name).is_file():
        overridden.append(PERSONAL_DATA_FILE.name)
    logger.info(
        "anonymization word lists from %s: %s; the others bundled", directory, ", ".join(overridden) or "none"
    )


def create_poller(
    settings: ProducersSettings,
    service: SubmissionService,
    publisher: KafkaSubmissionPublisher,
    registry: PartnerRegistry,
) -> TaxiiPoller | None:
    """The TAXII poller when CRIMEFEED_TAXII_SOURCES names a sources file, else None."""
    if settings.taxii_sources is None:
        return None
    return TaxiiPoller(
        load_sources(settings.taxii_sources),
        service=service,
        publisher=publisher,
        state=PollState.in_data_dir(settings.data_dir),
        registry=registry,
        retry=RetryPolicy(
            attempts=settings.taxii_retry_attempts,
            initial_seconds=settings.taxii_backoff_initial_seconds,
            max_seconds=settings.taxii_backoff_max_seconds,
        ),
        reader_factory=partial(CollectionReader, timeout=settings.taxii_request_timeout_seconds),
    )


def create_producers_app(settings: ProducersSettings | None = None) -> FastAPI:
    """App factory, e.g. `uvicorn --factory services.producers.runtime:create_producers_app`."""
    return create_runtime(settings or ProducersSettings()).http_app()
