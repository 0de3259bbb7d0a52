"""`crimefeed health producers|enrichment|search`: exit 0 when the service is healthy, 1 otherwise.

- producers: its `/readyz` answers 200 (the API is up and Kafka answers).
- search: its `/readyz` answers 200 (the store answers and the indexer runs).
- enrichment: its `/healthz` answers, when it serves one (CRIMEFEED_METRICS_PORT or --url);
  otherwise its consumer group has at least one member, asked of the Kafka cluster itself.
Meant for container health checks: one line on stdout, the exit code says the rest.
"""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

import httpx

from services.enrichment.settings import EnrichmentSettings
from services.producers.settings import ProducersSettings
from services.search.settings import SearchSettings
from shared.kafka.broker import make_broker

SERVICES = ("producers", "enrichment", "search")


class Unhealthy(Exception):
    """The check ran and the service is not healthy (the message says why)."""


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("health", help="check a running service; exit 0 when healthy")
    parser.add_argument("service", choices=SERVICES)
    parser.add_argument(
        "--url", help="base URL of the service's HTTP side (default: from the CRIMEFEED_* settings)"
    )
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds to wait for an answer")
    parser.set_defaults(handler=command)


def command(args: argparse.Namespace) -> int:
    try:
        verdict = asyncio.run(check(args.service, args.url, args.timeout))
    except Unhealthy as problem:
        print(f"{args.service}: unhealthy: {problem}", flush=True)
        return 1
    print(f"{args.service}: healthy: {verdict}", flush=True)
    return 0


async def check(service: str, url: str | None, timeout: float) -> str:
    """What shows the service healthy; raises Unhealthy otherwise."""
    if service == "producers":
        settings = ProducersSettings()
        base = url or local_url(settings.producers_host, settings.producers_port)
        return await probe(f"{base}/readyz", timeout)
    if service == "search":
        search = SearchSettings()
        return await probe(f"{url or local_url(search.search_host, search.search_port)}/readyz", timeout)
    enrichment = EnrichmentSettings()
    if url is not None or enrichment.metrics_port is not None:
        base = url or local_url(enrichment.metrics_host, enrichment.metrics_port or 0)
        return await probe(f"{base}/healthz", timeout)
    return await group_has_members(enrichment, timeout)


def local_url(host: str, port: int) -> str:
    # A service listening on every interface is reached on loopback from inside its container.
    return f"http://{'127.0.0.1' if host in ('0.0.0.0', '::', '') else host}:{port}"


async def probe(url: str, timeout: float) -> str:
    try:
        async with httpx.AsyncClient(timeout=timeout) as client:
            response = await client.get(url)
    except httpx.HTTPError as error:
        raise Unhealthy(f"{url}: {type(error).__name__}: {error}") from error
    if response.status_code != 200:
        raise Unhealthy(f"{url} answered {response.status_code}: {response.text[:200]}")
    return f"{url} answered 200"


async def group_has_members(settings: EnrichmentSettings, timeout: float) -> str:
    group = settings.enrichment_group_id
    try:
        members = await asyncio.wait_for(count_group_members(settings, group), timeout)
    except TimeoutError as error:
        raise Unhealthy(f"Kafka at {settings.kafka_bootstrap} did not answer within {timeout:g} s") from error
    except Exception as error:  # any client fault means we could not see the group: unhealthy
        raise Unhealthy(f"cannot describe group {group!r}: {type(error).__name__}: {error}") from error
    if members == 0:
        raise Unhealthy(f"consumer group {group!r} has no members")
    return f"consumer group {group!r} has {members} member(s)"


async def count_group_members(settings: EnrichmentSettings, group: str) -> int:
    # The services' own broker factory, so TLS and SASL settings apply here the same way.
    broker = make_broker(settings)
    await broker.connect()
    try:
        responses = await broker.config.admin_client.describe_consumer_groups([group])
    finally:
        await broker.stop()
    return sum(len(described[5]) for response in responses for described in response.groups)
