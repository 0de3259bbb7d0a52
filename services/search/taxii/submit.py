"""POSTed objects into the producers' path: anonymized, pseudonymized, published as one bundle.

The TAXII server does not write to the store itself: a partner's objects travel the same road as
any submission (producers -> crimefeed.submissions.v1 -> enrichment -> indexer), so they are
anonymized at the edge and deduplicated, tagged and TLP-routed like the rest.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faststream.kafka import KafkaBroker

from services.producers.intake import prepare_bundle_payload
from services.producers.publisher import KafkaSubmissionPublisher, SubmissionPublisher
from services.producers.submission import SubmissionService
from shared.anonymization.policy import load_policy
from shared.anonymization.text import TextAnonymizer
from shared.kafka.topics import Topics
from shared.settings import CommonSettings


@dataclass(frozen=True)
class Submitted:
    submission_id: str
    published: Mapping[str, Mapping[str, Any]]
    """The objects of the published bundle by id, as the producers rewrote them."""


Submit = Callable[[Sequence[dict[str, Any]], str], Awaitable[Submitted]]
"""(objects of the envelope, posting partner id) -> what was published; raises
services.producers.errors.SubmissionRejected for a bundle the producers refuse."""


def producer_submit(service: SubmissionService, publisher: SubmissionPublisher) -> Submit:
    async def submit(objects: Sequence[dict[str, Any]], partner_id: str) -> Submitted:
        bundle = {"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": list(objects)}
        prepared = prepare_bundle_payload(bundle, partner_id, service)
        delivery = await publisher.send(prepared)
        # Answer 202 only once the bundle is durable on Kafka, as the producers' HTTP API does.
        await delivery
        published = {obj["id"]: obj for obj in prepared.bundle["objects"]}
        return Submitted(prepared.submission_id, published)

    return submit


def create_producer_submit(
    settings: CommonSettings, broker: KafkaBroker, anonymization_policy: Path | None = None
) -> Submit:
    """The production wiring: the producers' SubmissionService and Kafka publisher on ``broker``
    (started and stopped by whoever owns it, the search service)."""
    service = SubmissionService(
        TextAnonymizer(load_policy(anonymization_policy)), settings.resolved_pseudonym_key()
    )
    publisher = KafkaSubmissionPublisher(broker, Topics(settings.topic_prefix))
    return producer_submit(service, publisher)
