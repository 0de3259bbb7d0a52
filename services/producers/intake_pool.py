"""Where the intake's CPU work runs: in worker processes, never on a server's event loop.

Decoding, checking, anonymizing and building a submission (services/producers/intake.py) is pure
Python; threads of one process share one interpreter lock, so a producer process prepares one
submission at a time however many threads it has. `CRIMEFEED_PRODUCERS_WORKERS` processes (by
default one per CPU on hosts of at least `CRIMEFEED_PRODUCERS_WORKERS_MIN_CPUS` CPUs) each hold
their own anonymizer and prepare submissions side by side; the service's process only receives,
publishes and answers (docs/architecture.md, "Producers"). With 0 workers the intake runs on
threads of the service's own process, as a small deployment may prefer (one copy of the word
lists in memory).

A job is a module-level function of (service, registry, *args), so a worker can be sent it by
name. A worker that dies (killed, out of memory) breaks the pool: the pool is replaced and the
submission prepared again on a new worker; if that fails too, the submission is refused with
IntakeUnavailable (503), so nothing is lost without its sender being told.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.machinery
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from services.producers.errors import IntakeUnavailable, SubmissionRejected
from services.producers.intake import (
    as_bundle,
    decode_json,
    prepare_any_payload,
    prepare_bundle_payload,
    prepare_report_payload,
)
from services.producers.settings import ProducersSettings
from services.producers.submission import PreparedSubmission, SubmissionService
from shared.partners import PartnerRegistry

logger = logging.getLogger(__name__)

Job = Callable[..., PreparedSubmission]
ATTEMPTS = 2
"""Tries per submission when workers die: a second worker, then a clear refusal."""
PARENT_CHECK_SECONDS = 0.5
# Loads the word lists a first real text would otherwise load (names, places, streets).
WARM_UP_TEXT = "Victim Jane Doe, Hauptstraße 5, 10115 Berlin, +49 30 1234567, jane@mail.example"


def report_body(
    service: SubmissionService, registry: PartnerRegistry, body: bytes, partner: str
) -> PreparedSubmission:
    return prepare_report_payload(decode_json(body), partner, service, registry)


def bundle_body(
    service: SubmissionService, registry: PartnerRegistry, body: bytes, partner: str, envelope: bool = False
) -> PreparedSubmission:
    """A bundle; with `envelope`, a TAXII envelope's objects are taken as one."""
    payload = decode_json(body)
    return prepare_bundle_payload(as_bundle(payload) if envelope else payload, partner, service)


def any_payload(
    service: SubmissionService, registry: PartnerRegistry, payload: Any, partner: str
) -> PreparedSubmission:
    return prepare_any_payload(payload, partner, service, registry)


def usable_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_workers(settings: ProducersSettings) -> int:
    """One worker per CPU, or threads (0) on a small host.

    On a host of a few cores the producers share them with enrichment, search and the broker
    (`crimefeed up` runs them all): workers then add no core, only each submission's hand-over to
    another process and ~350 MB of word lists apiece (docs/operations.md, "Intake limits").
    """
    cpus = usable_cpus()
    return cpus if cpus >= settings.producers_workers_min_cpus else 0


class _Worker:
    """What a worker process holds, set once by its initializer."""

    service: SubmissionService
    registry: PartnerRegistry


def _start_worker(settings: ProducersSettings, registry_path: Path, parent: int) -> None:
    # Ctrl-C reaches the whole process group: the service stops its workers itself, after
    # finishing what is in flight.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    _Worker.service = SubmissionService.from_settings(settings)
    _Worker.registry = PartnerRegistry(registry_path)
    _Worker.service.anonymizer.find(WARM_UP_TEXT)


Outcome = PreparedSubmission | SubmissionRejected


def run_each(
    job: Job, service: SubmissionService, registry: PartnerRegistry, calls: list[tuple[Any, ...]]
) -> list[Outcome]:
    """`job` for each call, a refusal in the place of its submission."""
    outcomes: list[Outcome] = []
    for args in calls:
        try:
            outcomes.append(job(service, registry, *args))
        except SubmissionRejected as error:
            outcomes.append(error)
    return outcomes


def _exit_with_parent(parent: int) -> None:
    """A worker never outlives its service, even one that was SIGKILLed (a worker holds its end of
    the pool's queues, so it would wait on them forever)."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _started() -> None:
    """Nothing: run once per worker so that the pool starts them all."""


def _in_worker(job: Job, args: tuple[Any, ...]) -> PreparedSubmission:
    return job(_Worker.service, _Worker.registry, *args)


def _each_in_worker(job: Job, calls: list[tuple[Any, ...]]) -> list[Outcome]:
    return run_each(job, _Worker.service, _Worker.registry, calls)


@contextlib.contextmanager
def _main_module_not_rerun() -> Iterator[None]:
    """Workers started meanwhile do not run the service's main module again.

    A spawned child first runs its parent's `__main__` script (the `crimefeed` command, which
    imports every service: ~200 MB and seconds per worker), unless the parent runs a package's
    `__main__` module (`python -m`); the workers need none of it, so they are told the latter.
    """
    main = sys.modules["__main__"]
    spec = getattr(main, "__spec__", None)
    main.__spec__ = importlib.machinery.ModuleSpec("__main__", None)
    try:
        yield
    finally:
        main.__spec__ = spec


class IntakePool:
    def __init__(
        self,
        service: SubmissionService,
        registry: PartnerRegistry,
        *,
        settings: ProducersSettings | None = None,
        workers: int = 0,
        threads: Executor | None = None,
    ) -> None:
        """`workers` processes built from `settings`, or with 0 workers, `service` on `threads`
        (the event loop's default executor when None)."""
        if workers and settings is None:
            raise ValueError("worker processes need the settings to build their service from")
        self.service = service
        self.registry = registry
        self.settings = settings
        self.workers = workers
        self.threads = threads
        self._pool = self._new_pool() if workers else None

    @classmethod
    def from_settings(
        cls, settings: ProducersSettings, service: SubmissionService, registry: PartnerRegistry
    ) -> IntakePool:
        workers = settings.producers_workers
        if workers is None:
            workers = default_workers(settings)
        threads = None
        if workers == 0:
            threads = ThreadPoolExecutor(settings.intake_workers, thread_name_prefix="crimefeed-intake")
        return cls(service, registry, settings=settings, workers=workers, threads=threads)

    def _new_pool(self) -> ProcessPoolExecutor:
        # Spawned, not forked: the service's process has threads (Kafka client, servers) whose
        # locks a forked child could inherit held.
        assert self.settings is not None  # checked in __init__
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(self.settings, self.registry.path, os.getpid()),
        )

    def start(self) -> None:
        """Starts every worker now (each loads its word lists: seconds), not on the first
        submissions."""
        if self._pool is not None:
            with _main_module_not_rerun():
                for _ in range(self.workers):
                    self._pool.submit(_started)

    @property
    def ahead(self) -> int:
        """How many hand-overs (`run_each`) a bulk path should keep in flight to keep every
        worker busy."""
        return max(self.workers, 1) * 3

    async def run(self, job: Job, *args: Any) -> PreparedSubmission:
        """`job(service, registry, *args)` off the event loop; SubmissionRejected as it raises."""
        if self._pool is None:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self.threads, job, self.service, self.registry, *args)
        prepared: PreparedSubmission = await self._in_workers(_in_worker, job, args)
        return prepared

    async def run_each(self, job: Job, calls: list[tuple[Any, ...]]) -> list[Outcome]:
        """`job` for each call, in one hand-over to a worker (bulk paths: one round trip for many
        submissions); a refusal in the place of its submission. If the workers keep failing,
        every call is refused with IntakeUnavailable."""
        if self._pool is None:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self.threads, run_each, job, self.service, self.registry, calls)
        try:
            outcomes: list[Outcome] = await self._in_workers(_each_in_worker, job, calls)
        except IntakeUnavailable as error:
            return [error] * len(calls)
        return outcomes

    async def _in_workers(self, function: Callable[..., Any], *args: Any) -> Any:
        loop = asyncio.get_running_loop()
        for attempt in range(1, ATTEMPTS + 1):
            pool = self._pool
            assert pool is not None
            try:
                with _main_module_not_rerun():  # the pool starts workers in submit
                    future = loop.run_in_executor(pool, function, *args)
                return await future
            except BrokenProcessPool:
                logger.error(
                    "an intake worker process stopped (attempt %d of %d); starting new workers",
                    attempt,
                    ATTEMPTS,
                )
                self._replace(pool)
        raise IntakeUnavailable()

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        # Every submission in flight on the broken pool fails at once: only the first replaces it.
        if self._pool is broken:
            self._pool = self._new_pool()
            broken.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Waits for the submissions being prepared; later calls to run fail."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self.threads is not None:
            self.threads.shutdown(wait=True, cancel_futures=True)
