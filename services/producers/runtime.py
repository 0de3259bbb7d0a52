"""Wiring of the producers service: Kafka broker, submission service, HTTP app."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI
from faststream.kafka import KafkaBroker

from services.producers.app import broker_lifespan, create_app
from services.producers.publisher import KafkaSubmissionPublisher
from services.producers.settings import ProducersSettings
from services.producers.submission import SubmissionService
from shared.kafka.broker import make_broker
from shared.kafka.topics import Topics
from shared.partners import PartnerRegistry


@dataclass
class ProducersRuntime:
    settings: ProducersSettings
    broker: KafkaBroker
    publisher: KafkaSubmissionPublisher
    service: SubmissionService
    registry: PartnerRegistry

    def http_app(self) -> FastAPI:
        return create_app(
            self.service,
            self.publisher,
            self.registry,
            max_body_bytes=self.settings.max_body_bytes,
            lifespan=broker_lifespan(self.broker.start, self.broker.stop),
        )


def create_runtime(settings: ProducersSettings, registry: PartnerRegistry | None = None) -> ProducersRuntime:
    broker = make_broker(settings)
    return ProducersRuntime(
        settings=settings,
        broker=broker,
        publisher=KafkaSubmissionPublisher(broker, Topics(settings.topic_prefix)),
        service=SubmissionService.from_settings(settings),
        registry=registry or PartnerRegistry.in_data_dir(settings.data_dir),
    )


def create_producers_app(settings: ProducersSettings | None = None) -> FastAPI:
    """App factory, e.g. `uvicorn --factory services.producers.runtime:create_producers_app`."""
    return create_runtime(settings or ProducersSettings()).http_app()
