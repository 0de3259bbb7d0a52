"""The TAXII poller against a real upstream (medallion) and the real broker."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml

from services.embedded.broker import free_port
from services.producers.publisher import SubmissionPublisher
from services.producers.runtime import ProducersRuntime, create_runtime
from services.producers.settings import ProducersSettings
from services.producers.submission import PreparedSubmission
from services.producers.taxii_poller import RetryPolicy, TaxiiPoller, apply_tlp, just_before
from services.producers.taxii_sources import load_sources
from services.producers.taxii_state import PollState
from shared.http_server import start_server, stop_server
from shared.kafka.admin import ensure_topics
from shared.kafka.topics import Topics, topic_definitions
from shared.models.report import TLP
from shared.stix import ids
from shared.stix.markings import TLP_MARKING_IDS, tlp_of
from tests.support.kafka import consume
from tests.support.medallion import READER, MedallionServer

PARTNER = "de-bka"
TS = "2026-03-02T10:00:00.000Z"
FAST_RETRY = RetryPolicy(attempts=3, initial_seconds=0.01, max_seconds=0.05)


def attack_patterns(count: int, *, tag: str = "mo") -> list[dict[str, Any]]:
    """MO steps a partner shares, with personal data in the text the producer path must remove."""
    return [
        {
            "type": "attack-pattern",
            "spec_version": "2.1",
            "id": f"attack-pattern--{uuid.uuid4()}",
            "created": TS,
            "modified": TS,
            "name": f"{tag} step {index}",
            "description": f"Refund scam; victim wrote to helpdesk{index}@victim-mail.example for help",
        }
        for index in range(count)
    ]


def indicators(count: int, tlp: TLP) -> list[dict[str, Any]]:
    return [
        {
            "type": "indicator",
            "spec_version": "2.1",
            "id": f"indicator--{uuid.uuid4()}",
            "created": TS,
            "modified": TS,
            "pattern": f"[domain-name:value = 'refund-desk-{index}.example']",
            "pattern_type": "stix",
            "valid_from": TS,
            "object_marking_refs": [TLP_MARKING_IDS[tlp]],
        }
        for index in range(count)
    ]


def content_objects(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [obj for obj in bundle["objects"] if obj["type"] in ("attack-pattern", "indicator")]


@pytest.fixture
def medallion(tmp_path: Path) -> Iterator[MedallionServer]:
    server = MedallionServer(tmp_path / "medallion")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def settings(
    kafka_bootstrap: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> ProducersSettings:
    monkeypatch.setenv("UPSTREAM_USER", READER[0])
    monkeypatch.setenv("UPSTREAM_PASSWORD", READER[1])
    monkeypatch.setenv("UPSTREAM_BAD_PASSWORD", "not-the-password")
    prefix = f"t{uuid.uuid4().hex[:8]}."
    await ensure_topics(kafka_bootstrap, topic_definitions(prefix), single_node=True)
    return ProducersSettings(
        kafka_bootstrap=kafka_bootstrap,
        topic_prefix=prefix,
        data_dir=tmp_path / "data",
        producers_port=free_port(),
        taxii_retry_attempts=FAST_RETRY.attempts,
        taxii_backoff_initial_seconds=FAST_RETRY.initial_seconds,
        taxii_backoff_max_seconds=FAST_RETRY.max_seconds,
        taxii_request_timeout_seconds=5,
        producers_workers=0,  # the poller prepares pages on threads of the service's process
    )


def source_entry(url: str, collection: str, **overrides: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": "bka-feed",
        "url": url,
        "collection": collection,
        "partner": PARTNER,
        "interval_seconds": 0.2,
        "tlp": "amber",
        "page_size": 5,
        "auth": {"username_env": "UPSTREAM_USER", "password_env": "UPSTREAM_PASSWORD"},
    }
    entry.update(overrides)
    return entry


def with_sources(settings: ProducersSettings, *entries: dict[str, Any]) -> ProducersSettings:
    path = settings.data_dir.parent / f"sources-{uuid.uuid4().hex[:6]}.yaml"
    path.write_text(yaml.safe_dump({"sources": list(entries)}))
    return settings.model_copy(update={"taxii_sources": path})


@pytest.fixture
async def runtimes() -> AsyncIterator[list[ProducersRuntime]]:
    """Runtimes a test built; their brokers are stopped at the end, as a process exit would."""
    built: list[ProducersRuntime] = []
    yield built
    for runtime in built:
        if runtime.poller is not None:
            await runtime.poller.stop()
        await runtime.broker.stop()


async def started(settings: ProducersSettings, runtimes: list[ProducersRuntime]) -> TaxiiPoller:
    """A runtime with its broker running but no background polling: the test polls by hand."""
    runtime = create_runtime(settings)
    if runtime.registry.get(PARTNER) is None:
        runtime.registry.add(PARTNER, TLP.AMBER)
    runtimes.append(runtime)
    await runtime.broker.start()
    assert runtime.poller is not None
    return runtime.poller


async def submissions(
    settings: ProducersSettings, expected: int, timeout: float = 20
) -> list[dict[str, Any]]:
    records = await consume(
        settings.kafka_bootstrap,
        Topics(settings.topic_prefix).submissions,
        expected=expected,
        timeout=timeout,
    )
    return [orjson.loads(record.value) for record in records if record.value is not None]


def as_posted(
    published: list[dict[str, Any]], posted: list[dict[str, Any]], pseudonym: str
) -> dict[str, dict[str, Any]]:
    """The published objects by the id the upstream gave them (the producers publish each
    under an id derived from it, its creator and its scope: ids.partner_object_id)."""
    back = {c: obj["id"] for obj in posted for c in ids.partner_object_candidates(obj["id"], pseudonym)}
    return {back.get(obj["id"], obj["id"]): obj for obj in published}


async def test_first_poll_submits_all_anonymized_and_marked_then_nothing_new(
    medallion: MedallionServer, settings: ProducersSettings, runtimes: list[ProducersRuntime]
) -> None:
    settings = with_sources(settings, source_entry(medallion.discovery_url, medallion.collection_id))
    unmarked, green, red = attack_patterns(6), indicators(3, TLP.GREEN), indicators(3, TLP.RED)
    medallion.add(unmarked + green + red)
    poller = await started(settings, runtimes)
    source = poller.sources[0]

    assert await poller.poll(source) == 12
    bundles = await submissions(settings, expected=3)  # 12 objects in pages of 5

    assert len(bundles) == 3
    pseudonym = ids.pseudonymize(PARTNER, settings.resolved_pseudonym_key()).identity_id
    published = [obj for bundle in bundles for obj in content_objects(bundle)]
    received = as_posted(published, unmarked + green + red, pseudonym)
    assert set(received) == {obj["id"] for obj in unmarked + green + red}
    assert {obj["created_by_ref"] for obj in received.values()} == {pseudonym}
    assert {tlp_of(received[obj["id"]]) for obj in unmarked + green} == {TLP.AMBER}  # none or weaker
    assert {tlp_of(received[obj["id"]]) for obj in red} == {TLP.RED}  # stricter stays
    raw = orjson.dumps(bundles).decode()
    assert "victim-mail.example" not in raw
    assert all("[EMAIL]" in received[obj["id"]]["description"] for obj in unmarked)

    saved = PollState.in_data_dir(settings.data_dir).added_after(source.state_key)
    assert saved is not None and not saved.endswith("999Z")  # the last page saves the exact instant
    assert await poller.poll(source) == 0
    assert len(await submissions(settings, expected=4, timeout=3)) == 3
    assert poller.status[source.name].objects == 12
    assert poller.status[source.name].submissions == 3


async def test_later_poll_gets_only_what_was_added_since(
    medallion: MedallionServer, settings: ProducersSettings, runtimes: list[ProducersRuntime]
) -> None:
    settings = with_sources(settings, source_entry(medallion.api_root_url, medallion.collection_id))
    medallion.add(attack_patterns(4, tag="old"))
    poller = await started(settings, runtimes)
    source = poller.sources[0]
    assert await poller.poll(source) == 4

    added = attack_patterns(3, tag="new")
    medallion.add(added)
    assert await poller.poll(source) == 3

    bundles = await submissions(settings, expected=2)  # partitions: arrival order is not kept
    assert sorted(len(content_objects(bundle)) for bundle in bundles) == [3, 4]
    newest = next(bundle for bundle in bundles if len(content_objects(bundle)) == 3)
    pseudonym = ids.pseudonymize(PARTNER, settings.resolved_pseudonym_key()).identity_id
    assert set(as_posted(content_objects(newest), added, pseudonym)) == {obj["id"] for obj in added}


async def test_restarted_poller_resumes_from_saved_added_after(
    medallion: MedallionServer, settings: ProducersSettings, runtimes: list[ProducersRuntime]
) -> None:
    settings = with_sources(settings, source_entry(medallion.discovery_url, medallion.collection_id))
    medallion.add(attack_patterns(7))
    first = await started(settings, runtimes)
    assert await first.poll(first.sources[0]) == 7
    await first.stop()

    restarted = await started(settings, runtimes)  # new process state, same data directory
    assert await restarted.poll(restarted.sources[0]) == 0
    added = attack_patterns(2, tag="after restart")
    medallion.add(added)
    assert await restarted.poll(restarted.sources[0]) == 2


class FailingSecondSend:
    """A real publisher whose second send fails, like a broker lost between two pages."""

    def __init__(self, inner: SubmissionPublisher) -> None:
        self.inner = inner
        self.sent: list[PreparedSubmission] = []

    async def send(self, submission: PreparedSubmission) -> asyncio.Future[Any]:
        if len(self.sent) == 1:
            raise ConnectionError("broker connection lost")
        self.sent.append(submission)
        return await self.inner.send(submission)


async def test_failure_between_pages_resumes_without_losing_objects_of_the_same_instant(
    medallion: MedallionServer, settings: ProducersSettings, runtimes: list[ProducersRuntime]
) -> None:
    settings = with_sources(settings, source_entry(medallion.discovery_url, medallion.collection_id))
    posts = [attack_patterns(4, tag=f"post {n}") for n in range(3)]  # one date_added per POST
    for post in posts:
        medallion.add(post)
    poller = await started(settings, runtimes)
    failing = FailingSecondSend(poller.publisher)
    crashing = TaxiiPoller(
        poller.sources,
        service=poller.service,
        publisher=failing,
        state=poller.state,
        retry=RetryPolicy(attempts=1),
    )
    source = poller.sources[0]

    assert await crashing.poll(source) == 0  # page 1 (post 0 + one of post 1) went out, page 2 failed
    assert "broker connection lost" in (crashing.status[source.name].last_error or "")
    await crashing.stop()
    posted = [obj for post in posts for obj in post]
    pseudonym = ids.pseudonymize(PARTNER, settings.resolved_pseudonym_key()).identity_id
    first_page = set(as_posted([{"id": i} for i in failing.sent[0].object_ids], posted, pseudonym)) & {
        obj["id"] for obj in posted
    }

    resumed_count = await poller.poll(source)

    bundles = await submissions(settings, expected=3)
    later = [bundle for bundle in bundles if bundle["id"] != failing.sent[0].bundle["id"]]
    resumed = set(as_posted([obj for bundle in later for obj in content_objects(bundle)], posted, pseudonym))
    assert first_page | resumed == {obj["id"] for post in posts for obj in post}
    assert not resumed & {obj["id"] for obj in posts[0]}  # post 0 was done: not read again
    assert resumed_count == 8  # all of post 1 (one of them again: same instant as page 1's end) + post 2


async def test_wrong_password_is_retried_reported_and_other_sources_go_on(
    medallion: MedallionServer,
    settings: ProducersSettings,
    runtimes: list[ProducersRuntime],
    caplog: pytest.LogCaptureFixture,
) -> None:
    bad_auth = {"username_env": "UPSTREAM_USER", "password_env": "UPSTREAM_BAD_PASSWORD"}
    settings = with_sources(
        settings,
        source_entry(medallion.discovery_url, medallion.collection_id, name="locked-out", auth=bad_auth),
        source_entry(medallion.discovery_url, medallion.collection_id, name="good"),
    )
    medallion.add(attack_patterns(3))
    poller = await started(settings, runtimes)
    locked_out, good = poller.sources

    with caplog.at_level(logging.WARNING, logger="crimefeed.taxii_poller"):
        assert await poller.poll(locked_out) == 0
        assert await poller.poll(good) == 3

    status = poller.status["locked-out"]
    assert status.failed_attempts == FAST_RETRY.attempts
    assert status.consecutive_failed_polls == 1
    assert "401" in (status.last_error or "")
    messages = [record.getMessage() for record in caplog.records]
    assert sum("TAXII source locked-out: attempt" in message for message in messages) == 2
    assert any("TAXII source locked-out: poll failed after 3 attempts" in m for m in messages)
    assert poller.status["good"].last_error is None


async def test_server_down_is_retried_then_polled_once_it_is_back(
    tmp_path: Path, settings: ProducersSettings, runtimes: list[ProducersRuntime]
) -> None:
    upstream = MedallionServer(tmp_path / "late")  # its port is free: nothing listens yet
    settings = with_sources(settings, source_entry(upstream.discovery_url, upstream.collection_id))
    poller = await started(settings, runtimes)
    source = poller.sources[0]

    assert await poller.poll(source) == 0
    assert "ConnectionError" in (poller.status[source.name].last_error or "")

    upstream.start()
    try:
        upstream.add(attack_patterns(2))
        assert await poller.poll(source) == 2
    finally:
        upstream.stop()
    assert poller.status[source.name].consecutive_failed_polls == 0


async def test_unknown_partner_is_reported_and_not_polled(
    medallion: MedallionServer, settings: ProducersSettings, runtimes: list[ProducersRuntime]
) -> None:
    entry = source_entry(medallion.discovery_url, medallion.collection_id, partner="nobody-registered")
    settings = with_sources(settings, entry)
    medallion.add(attack_patterns(2))
    poller = await started(settings, runtimes)

    assert await poller.poll(poller.sources[0]) == 0
    assert "'nobody-registered' is unknown" in (poller.status["bka-feed"].last_error or "")


async def test_producers_service_polls_in_the_background_beside_its_http_api(
    medallion: MedallionServer, settings: ProducersSettings
) -> None:
    down = free_port()
    settings = with_sources(
        settings,
        source_entry(medallion.discovery_url, medallion.collection_id),
        source_entry(f"http://127.0.0.1:{down}/taxii2/", medallion.collection_id, name="down"),
    )
    medallion.add(attack_patterns(6))
    runtime = create_runtime(settings)
    runtime.registry.add(PARTNER, TLP.AMBER)
    server, task = await start_server(runtime.http_app(), "127.0.0.1", settings.producers_port)
    try:
        bundles = await submissions(settings, expected=2)
        assert runtime.poller is not None
        assert runtime.poller.status["down"].failed_attempts >= 1
    finally:
        await stop_server(server, task)
    assert sum(len(content_objects(bundle)) for bundle in bundles) == 6


def test_apply_tlp_raises_weaker_markings_and_keeps_stricter_and_other_markings() -> None:
    other_marking = "marking-definition--" + str(uuid.uuid4())
    clear = {**indicators(1, TLP.CLEAR)[0]}
    clear["object_marking_refs"] = [*clear["object_marking_refs"], other_marking]
    strict = indicators(1, TLP.AMBER_STRICT)[0]
    unmarked = attack_patterns(1)[0]

    marked = apply_tlp([clear, strict, unmarked], TLP.AMBER)

    assert marked[0]["object_marking_refs"] == [TLP_MARKING_IDS[TLP.AMBER], other_marking]
    assert marked[1] == strict
    assert tlp_of(marked[2]) is TLP.AMBER
    assert "object_marking_refs" not in unmarked  # the input is not modified


def test_just_before_steps_back_one_microsecond_at_any_precision() -> None:
    assert just_before("2026-03-02T10:00:00.000001Z") == "2026-03-02T10:00:00.000000Z"
    assert just_before("2026-03-02T10:00:00Z") == "2026-03-02T09:59:59.999999Z"
    assert just_before("2026-03-02T10:00:00.123456789Z") == "2026-03-02T10:00:00.123455Z"


def test_sources_of_a_runtime_come_from_the_settings_file(
    settings: ProducersSettings, tmp_path: Path
) -> None:
    settings = with_sources(settings, source_entry("http://127.0.0.1:1/taxii2/", "c1"))
    assert settings.taxii_sources is not None
    assert [source.name for source in load_sources(settings.taxii_sources)] == ["bka-feed"]
    assert create_runtime(settings.model_copy(update={"taxii_sources": None})).poller is None
