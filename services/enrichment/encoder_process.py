"""The sentence encoder in a child process of the enrichment service (see embedding.py, "Speed").

The service sends a request (a JSON list of texts) over a pipe and reads back one raw float32
row per text; the child encodes each text alone (``embedding.encode_each``), so a vector is the
same bit for bit as one computed in the service's own process. The child loads the model once,
ignores Ctrl-C and SIGTERM (the service drains its batch first) and exits when its request pipe
closes, so it never outlives the service, even one killed with SIGKILL. If it dies, the next request starts
another; a second failure in a row is raised as ``EncoderUnavailable``, an OSError, which the
batch consumer treats as transient (the batch is retried, then rewound, never dead-lettered).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path

import numpy as np
import orjson

from services.enrichment.embedding import DIMENSIONS, Matrix, encode_each, load_model

logger = logging.getLogger(__name__)

_STOP_TIMEOUT_SECONDS = 10.0


class EncoderUnavailable(OSError):
    """The encoder process failed twice in a row."""


class EncoderProcess:
    """One child process running the model; requests are answered one at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._requests: Connection | None = None
        self._replies: Connection | None = None

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def __call__(self, texts: Sequence[str]) -> Matrix:
        """The raw rows of ``texts`` (see ``embedding.encode_each``)."""
        payload = orjson.dumps(list(texts))
        with self._lock:
            failure: BaseException | None = None
            for _ in range(2):
                try:
                    requests, replies = self._started()
                    requests.send_bytes(payload)
                    answer = replies.recv_bytes()
                except (EOFError, OSError) as error:
                    logger.warning("the sentence encoder's process failed (%s); starting another", error)
                    failure = error
                    self._stop()
                    continue
                rows: Matrix = np.frombuffer(answer, dtype=np.float32).reshape(len(texts), DIMENSIONS)
                return rows
            raise EncoderUnavailable("the sentence encoder's process failed twice in a row") from failure

    def _started(self) -> tuple[Connection, Connection]:
        if self._process is None or self._requests is None or self._replies is None:
            request_read, request_write = os.pipe()
            reply_read, reply_write = os.pipe()
            try:
                self._process = subprocess.Popen(
                    [sys.executable, "-m", __name__, str(request_read), str(reply_write)],
                    pass_fds=(request_read, reply_write),
                    env=_child_environment(),
                )
            except BaseException:
                for fd in (request_write, reply_read):
                    os.close(fd)
                raise
            finally:
                os.close(request_read)
                os.close(reply_write)
            self._requests = Connection(request_write, readable=False)
            self._replies = Connection(reply_read, writable=False)
        return self._requests, self._replies

    def _stop(self) -> None:
        for connection in (self._requests, self._replies):
            if connection is not None:
                connection.close()
        self._requests = self._replies = None
        if self._process is not None:
            try:
                self._process.wait(timeout=_STOP_TIMEOUT_SECONDS)  # it exits once its pipe closes
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    def close(self) -> None:
        with self._lock:
            self._stop()


def _child_environment() -> dict[str, str]:
    """The service's environment, with this package importable however the service found it."""
    root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": root if not path else os.pathsep.join([root, path])}


def serve(requests: Connection, replies: Connection) -> None:
    """Answer requests until the request pipe closes."""
    model = load_model()
    while True:
        try:
            payload = requests.recv_bytes()
        except EOFError:
            return
        texts: list[str] = orjson.loads(payload)
        replies.send_bytes(encode_each(model, texts).tobytes())


def main(argv: Sequence[str]) -> None:
    # Ctrl-C, or a stop signal sent to the whole process group (systemd's default), reaches the
    # child too: the service drains its batch first, and the child ends when the service closes it.
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, signal.SIG_IGN)
    serve(Connection(int(argv[0]), writable=False), Connection(int(argv[1]), readable=False))


if __name__ == "__main__":
    main(sys.argv[1:])
