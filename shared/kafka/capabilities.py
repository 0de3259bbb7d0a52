"""What the Kafka broker at hand can do, asked of the broker itself.

Production runs on Apache Kafka; development and the quick test loop may run on the embedded
Tansu broker, which advertises InitProducerId but fails it, and has no transactions. Rather than
guess which broker this is from an unrelated setting, the services ask: an ApiVersions request
says which APIs exist, an InitProducerId request (no transactional id, so it only allocates an
idempotent producer id) says whether idempotent producing works for this principal.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiokafka.conn import AIOKafkaConnection, create_conn
from aiokafka.errors import KafkaError, for_code
from aiokafka.protocol.admin import ApiVersionRequest
from aiokafka.protocol.transaction import InitProducerIdRequest

from shared.kafka.security import client_options
from shared.settings import CommonSettings

log = logging.getLogger(__name__)

# AddPartitionsToTxn, AddOffsetsToTxn, EndTxn, TxnOffsetCommit: what a transactional producer
# with offsets in the transaction sends besides InitProducerId.
_TRANSACTION_APIS = frozenset({24, 25, 26, 28})
_PROBE_TIMEOUT_MS = 10_000
_RETRIES = 10


@dataclass(frozen=True)
class BrokerCapabilities:
    idempotent_producer: bool
    transactions: bool

    @classmethod
    def full(cls) -> BrokerCapabilities:
        return cls(idempotent_producer=True, transactions=True)


async def probe_capabilities(bootstrap: str, options: Mapping[str, Any] | None = None) -> BrokerCapabilities:
    """Ask the first bootstrap server; raises KafkaError / OSError if it cannot be reached."""
    host, _, port = bootstrap.split(",")[0].strip().rpartition(":")
    conn = await create_conn(host, int(port), request_timeout_ms=_PROBE_TIMEOUT_MS, **(options or {}))
    try:
        versions = await conn.send(ApiVersionRequest())
        apis = {api_key for api_key, _low, _high in versions.api_versions}
        idempotent = 22 in apis and await _allocates_producer_ids(conn)
    finally:
        conn.close()
    return BrokerCapabilities(
        idempotent_producer=idempotent, transactions=idempotent and apis >= _TRANSACTION_APIS
    )


async def _allocates_producer_ids(conn: AIOKafkaConnection) -> bool:
    """InitProducerId without a transactional id; a broker just started may answer with a
    retriable error (e.g. while its controller has not granted it producer ids yet)."""
    for attempt in range(_RETRIES):
        answer = await conn.send(InitProducerIdRequest(None, 60_000))
        if answer.error_code == 0:
            return True
        if answer.error_code < 0 or not for_code(answer.error_code).retriable:
            return False
        await asyncio.sleep(0.2 * (attempt + 1))
    return False


_cache: dict[tuple[str, str, str | None], BrokerCapabilities] = {}
_cache_lock = threading.Lock()


def broker_capabilities(settings: CommonSettings) -> BrokerCapabilities:
    """The broker's capabilities, probed once per bootstrap address and principal.

    Callable from synchronous code and from inside a running event loop (the probe then runs on
    a short-lived thread of its own). A broker that cannot be reached yet is assumed to be a
    full Apache Kafka (the production case), and asked again next time.
    """
    key = (settings.kafka_bootstrap, settings.kafka_security_protocol, settings.kafka_sasl_username)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    options = client_options(settings)
    result: list[BrokerCapabilities] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(asyncio.run(probe_capabilities(settings.kafka_bootstrap, options)))
        except (TimeoutError, KafkaError, OSError) as error:
            failure.append(error)

    thread = threading.Thread(target=run, name="kafka-capabilities", daemon=True)
    thread.start()
    thread.join()
    if not result:
        log.warning(
            "could not ask the Kafka broker at %s what it supports (%s); assuming Apache Kafka",
            settings.kafka_bootstrap,
            type(failure[0]).__name__ if failure else "no answer",
        )
        return BrokerCapabilities.full()
    with _cache_lock:
        _cache[key] = result[0]
    return result[0]


def idempotence_enabled(settings: CommonSettings) -> bool:
    """`CRIMEFEED_KAFKA_IDEMPOTENCE` if set, else whether the broker supports it."""
    if settings.kafka_idempotence is not None:
        return settings.kafka_idempotence
    return broker_capabilities(settings).idempotent_producer
