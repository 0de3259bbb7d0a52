"""Publishing prepared submissions on `crimefeed.submissions.v1`.

`send` hands the record to the Kafka client and returns the delivery future without waiting
for it, so bulk paths (import, demo, TAXII poll) keep many records in flight; the HTTP API
awaits the future of its own request before answering 202, so an accepted submission is
durable. Concurrent requests still share the client's batches.
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

from faststream.kafka import KafkaBroker

from services.producers.submission import PreparedSubmission
from shared.kafka.codecs import message_headers
from shared.kafka.topics import Topics
from shared.observability.metrics import Metrics, process_metrics

SERVICE = "producers"


class SubmissionPublisher(Protocol):
    async def send(self, submission: PreparedSubmission) -> asyncio.Future[Any]: ...


class KafkaSubmissionPublisher:
    def __init__(self, broker: KafkaBroker, topics: Topics, metrics: Metrics | None = None) -> None:
        self.broker = broker
        self.topic = topics.submissions
        self.published = (metrics or process_metrics()).messages_published.labels(SERVICE, self.topic)
        # Registering the publisher documents the topic in the AsyncAPI schema.
        self.broker.publisher(self.topic, description="Anonymized STIX 2.1 bundles, one per submission")

    async def send(self, submission: PreparedSubmission) -> asyncio.Future[Any]:
        future: asyncio.Future[Any] = await self.broker.publish(
            submission.value,
            self.topic,
            key=submission.submission_id.encode(),
            headers=message_headers(submission.trace_id),
            no_confirm=True,
        )
        if isinstance(future, asyncio.Future):
            future.add_done_callback(self._count)
        else:  # FastStream's in-memory test broker delivers at once and hands back no future
            self.published.inc()
        return future

    def _count(self, future: asyncio.Future[Any]) -> None:
        # Counted when the broker confirms, so the figure is what is durable, not what was tried.
        if not future.cancelled() and future.exception() is None:
            self.published.inc()
