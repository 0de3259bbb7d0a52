"""The intake in real worker processes: same submissions as in the service's process, refusals
carried back, dead workers replaced, bulk order kept, HTTP answers unaffected by a dead worker."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from services.producers.bulk import submit_items
from services.producers.errors import IntakeUnavailable, SubmissionRejected
from services.producers.importer import SourceItem
from services.producers.intake_pool import (
    IntakePool,
    any_payload,
    default_workers,
    report_body,
)
from services.producers.settings import ProducersSettings
from services.producers.submission import PreparedSubmission, SubmissionService
from shared.models.report import TLP
from shared.partners import PartnerRegistry
from tests.support.kafka import consume
from tests.support.producers_server import REPORT, running_producers

PARTNER = "nl-police"
ROOT = Path(__file__).resolve().parents[3]


def exit_worker(service: SubmissionService, registry: PartnerRegistry, *args: Any) -> PreparedSubmission:
    """A job that kills the worker running it, as a crash or the OOM killer would."""
    os._exit(1)


def report(title: str, **fields: Any) -> dict[str, Any]:
    return {**REPORT, "title": title, **fields}


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> ProducersSettings:
    return ProducersSettings(data_dir=tmp_path_factory.mktemp("intake"), producers_workers=2)


@pytest.fixture(scope="module")
def registry(settings: ProducersSettings) -> PartnerRegistry:
    registry = PartnerRegistry.in_data_dir(settings.data_dir)
    registry.add(PARTNER, TLP.RED)
    registry.add("fr-cert", TLP.AMBER)
    return registry


@pytest.fixture(scope="module")
def service(settings: ProducersSettings) -> SubmissionService:
    return SubmissionService.from_settings(settings)


@pytest.fixture(scope="module")
async def pool(
    settings: ProducersSettings, service: SubmissionService, registry: PartnerRegistry
) -> AsyncIterator[IntakePool]:
    pool = IntakePool.from_settings(settings, service, registry)
    yield pool
    pool.close()


def worker_pids() -> set[int]:
    return {child.pid for child in multiprocessing.active_children() if child.pid is not None}


def report_object(prepared: PreparedSubmission) -> dict[str, Any]:
    [obj] = [obj for obj in prepared.bundle["objects"] if obj["type"] == "report"]
    return obj


async def test_a_worker_prepares_what_the_service_process_prepares(
    pool: IntakePool, service: SubmissionService, registry: PartnerRegistry
) -> None:
    body = orjson.dumps(REPORT)
    in_worker = await pool.run(report_body, body, PARTNER)
    here = report_body(service, registry, body, PARTNER)
    assert in_worker.redactions == here.redactions and sum(here.redactions.values()) > 0
    assert len(in_worker.object_ids) == len(here.object_ids)
    assert report_object(in_worker)["description"] == report_object(here)["description"]
    assert "Jane Doe" not in in_worker.value.decode()
    # The published bytes are the bundle's encoding, made once in the worker.
    assert orjson.loads(in_worker.value) == in_worker.bundle


async def test_a_refusal_in_a_worker_keeps_its_status_message_and_errors(pool: IntakePool) -> None:
    with pytest.raises(SubmissionRejected) as refused:
        await pool.run(report_body, orjson.dumps(report("x", tlp="red", recipients=["nobody"])), PARTNER)
    assert refused.value.status_code == 422
    assert refused.value.message == "recipients must be partners cleared for TLP:RED"
    assert refused.value.errors == ["recipients[0]: not a partner that may receive this TLP"]
    with pytest.raises(SubmissionRejected) as malformed:
        await pool.run(report_body, b"{not json", PARTNER)
    assert malformed.value.status_code == 400


async def test_workers_read_partners_added_after_they_started(
    pool: IntakePool, registry: PartnerRegistry
) -> None:
    await pool.run(report_body, orjson.dumps(REPORT), PARTNER)  # workers running
    registry.add("de-bka", TLP.RED)
    red = report("Red report", tlp="red", recipients=["de-bka"])
    prepared = await pool.run(report_body, orjson.dumps(red), PARTNER)
    assert prepared.object_ids


async def test_killed_workers_are_replaced_and_the_submission_is_prepared(pool: IntakePool) -> None:
    await pool.run(report_body, orjson.dumps(REPORT), PARTNER)
    killed = worker_pids()
    assert killed
    for pid in killed:
        os.kill(pid, signal.SIGKILL)
    prepared = await pool.run(report_body, orjson.dumps(REPORT), PARTNER)
    assert prepared.object_ids
    assert worker_pids() and not worker_pids() & killed


async def test_a_submission_that_kills_every_worker_is_refused_with_503(pool: IntakePool) -> None:
    with pytest.raises(IntakeUnavailable) as refused:
        await pool.run(exit_worker, b"{}", PARTNER)
    assert refused.value.status_code == 503
    assert "nothing was published" in refused.value.message
    outcomes = await pool.run_each(exit_worker, [(b"{}", PARTNER), (b"{}", PARTNER)])
    assert [type(outcome) for outcome in outcomes] == [IntakeUnavailable, IntakeUnavailable]
    # The pool is usable again for the next submission.
    assert (await pool.run(report_body, orjson.dumps(REPORT), PARTNER)).object_ids


class RecordingPublisher:
    def __init__(self) -> None:
        self.sent: list[PreparedSubmission] = []

    async def send(self, submission: PreparedSubmission) -> Any:
        self.sent.append(submission)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        future.set_result(None)
        return future


async def test_bulk_items_are_published_in_their_order_with_refusals_in_place(pool: IntakePool) -> None:
    titles = [f"Parcel smishing wave {chr(65 + index % 26)}{index // 26}" for index in range(70)]
    items = [SourceItem("in.jsonl", line, payload=report(title)) for line, title in enumerate(titles, 1)]
    items[5] = SourceItem("in.jsonl", 6, error="malformed JSON: Expecting value (column 1)")
    items[40] = SourceItem("in.jsonl", 41, payload=report("x", tlp="red", recipients=["nobody"]))
    publisher = RecordingPublisher()
    summary = await submit_items(items, PARTNER, pool, publisher)
    assert summary.accepted == 68
    assert [where for where, _ in summary.rejected] == ["in.jsonl:6", "in.jsonl:41"]
    published = [report_object(prepared)["name"] for prepared in publisher.sent]
    assert published == [title for index, title in enumerate(titles) if index not in (5, 40)]


async def test_bulk_prepares_in_every_worker(pool: IntakePool) -> None:
    items = [SourceItem("in.jsonl", line, payload=REPORT) for line in range(1, 200)]
    await submit_items(items, PARTNER, pool, RecordingPublisher())
    assert len(worker_pids()) == 2


def test_workers_default_to_one_per_cpu_from_the_minimum_and_zero_means_threads(
    tmp_path: Path, service: SubmissionService, registry: PartnerRegistry
) -> None:
    cpus = len(os.sched_getaffinity(0))
    enough = ProducersSettings(data_dir=tmp_path, producers_workers_min_cpus=cpus)
    too_few = ProducersSettings(data_dir=tmp_path, producers_workers_min_cpus=cpus + 1)
    assert default_workers(enough) == cpus and default_workers(too_few) == 0
    default = IntakePool.from_settings(enough, service, registry)
    assert default.workers == cpus
    threads = IntakePool.from_settings(
        ProducersSettings(data_dir=tmp_path, producers_workers=0), service, registry
    )
    assert threads.workers == 0 and threads.threads is not None
    default.close()
    threads.close()


async def test_threads_prepare_when_there_are_no_workers(
    tmp_path: Path, service: SubmissionService, registry: PartnerRegistry
) -> None:
    before = worker_pids()
    threads = IntakePool.from_settings(
        ProducersSettings(data_dir=tmp_path, producers_workers=0), service, registry
    )
    outcomes = await threads.run_each(any_payload, [(REPORT, PARTNER), (["not a report"], PARTNER)])
    threads.close()
    assert isinstance(outcomes[0], PreparedSubmission) and isinstance(outcomes[1], SubmissionRejected)
    assert worker_pids() == before


async def test_the_api_answers_202_after_its_worker_was_killed(kafka_bootstrap: str, tmp_path: Path) -> None:
    before = worker_pids()
    async with running_producers(kafka_bootstrap, tmp_path, producers_workers=1) as producers:
        # The second request waits for a new worker to start and load its word lists: on a
        # loaded host that alone took more than 30 s.
        async with producers.client(timeout=120) as client:
            first = await client.post("/api/v1/reports", json=REPORT)
            [worker] = worker_pids() - before
            os.kill(worker, signal.SIGKILL)
            second = await client.post("/api/v1/reports", json=REPORT)
        assert (first.status_code, second.status_code) == (202, 202)
        records = await consume(producers.bootstrap, producers.topics.submissions, expected=2)
        assert {record.key for record in records} == {
            first.json()["submission_id"].encode(),
            second.json()["submission_id"].encode(),
        }
    assert worker_pids() == before  # stopping the server stopped its workers


OWNER = """
import asyncio, multiprocessing, os, sys
from pathlib import Path

# Run by every process that runs this script: the workers must not.
Path(os.environ["RAN_MAIN"], str(os.getpid())).touch()
import orjson
from services.producers.intake_pool import IntakePool, report_body
from services.producers.settings import ProducersSettings
from services.producers.submission import SubmissionService
from shared.partners import PartnerRegistry
from tests.support.producers_server import REPORT

async def main() -> None:
    settings = ProducersSettings(data_dir=Path(sys.argv[1]), producers_workers=2)
    registry = PartnerRegistry.in_data_dir(settings.data_dir)
    pool = IntakePool.from_settings(settings, SubmissionService.from_settings(settings), registry)
    await asyncio.gather(*(pool.run(report_body, orjson.dumps(REPORT), "x") for _ in range(4)))
    print(*(child.pid for child in multiprocessing.active_children()), flush=True)
    await asyncio.sleep(600)

if __name__ == "__main__":
    asyncio.run(main())
"""


async def test_workers_exit_when_their_service_is_killed_and_never_run_its_main_script(
    tmp_path: Path,
) -> None:
    script = tmp_path / "owner.py"
    script.write_text(OWNER)
    ran_main = tmp_path / "ran-main"
    ran_main.mkdir()
    owner = await asyncio.create_subprocess_exec(
        sys.executable,
        str(script),
        str(tmp_path),
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT), "RAN_MAIN": str(ran_main)},
    )
    try:
        assert owner.stdout is not None
        line = await asyncio.wait_for(owner.stdout.readline(), timeout=180)
        workers = [int(pid) for pid in line.split()]
        assert len(workers) == 2 and all(Path(f"/proc/{pid}").exists() for pid in workers)
        assert [path.name for path in ran_main.iterdir()] == [str(owner.pid)]
    finally:
        if owner.returncode is None:
            owner.kill()
        await owner.wait()
    async with asyncio.timeout(30):
        while any(Path(f"/proc/{pid}").exists() and not zombie(pid) for pid in workers):
            await asyncio.sleep(0.1)


def zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return False


async def test_start_starts_every_worker_before_any_submission(
    tmp_path: Path, service: SubmissionService, registry: PartnerRegistry
) -> None:
    before = worker_pids()
    pool = IntakePool.from_settings(
        ProducersSettings(data_dir=tmp_path, producers_workers=2), service, registry
    )
    pool.start()
    started = worker_pids() - before
    await asyncio.to_thread(pool.close)
    assert len(started) == 2
    assert not worker_pids() & started
