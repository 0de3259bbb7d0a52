from __future__ import annotations

import os
import signal
import sys
import uuid
from collections.abc import Iterator

import pytest

from services.enrichment.embedding import Embedder
from services.enrichment.encoder_process import EncoderProcess, EncoderUnavailable
from shared.kafka.batch_consumer import is_transient

TEXTS = [
    "Victims receive an SMS about a parcel held at customs and pay a small fee on a fake page",
    "Les victimes reçoivent un SMS au sujet d'un colis retenu en douane",
    "[PERSON] [EMAIL]",  # nothing left once placeholders are removed: a zero row
    "Betrüger rufen als Bankmitarbeiter an und verlangen die TAN",
]


@pytest.fixture
def remote() -> Iterator[Embedder]:
    embedder = Embedder(64, encode=EncoderProcess())
    yield embedder
    embedder.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_encoder_process_gives_the_vectors_of_this_process_bit_for_bit(remote: Embedder) -> None:
    local = Embedder(64)
    assert remote.embed(TEXTS).tobytes() == local.embed(TEXTS).tobytes()
    pending = remote.submit(list(reversed(TEXTS)))  # cached now: no request
    assert pending.result().tobytes() == local.embed(list(reversed(TEXTS))).tobytes()
    assert remote.encoded == 3


def test_a_text_in_flight_is_encoded_once(remote: Embedder) -> None:
    text = f"Fake investment platform {uuid.uuid4().hex}"
    first, second = remote.submit([text]), remote.submit([text, text])
    assert first.row(0).tobytes() == second.row(0).tobytes() == second.row(1).tobytes()
    assert remote.encoded == 1


def test_a_dead_encoder_process_is_replaced(remote: Embedder) -> None:
    encoder = remote._remote
    assert isinstance(encoder, EncoderProcess)
    remote.embed([f"first {uuid.uuid4().hex}"])
    first = encoder.pid
    assert first is not None
    os.kill(first, 9)
    vector = remote.embed([f"second {uuid.uuid4().hex}"])
    assert vector.any() and encoder.pid not in (None, first)


def test_closing_stops_the_encoder_process() -> None:
    encoder = EncoderProcess()
    embedder = Embedder(64, encode=encoder)
    embedder.embed([f"a text {uuid.uuid4().hex}"])
    pid = encoder.pid
    assert pid is not None and _alive(pid)
    embedder.close()
    assert encoder.pid is None and not _alive(pid)


def test_an_encoder_that_cannot_run_is_a_transient_fault(monkeypatch: pytest.MonkeyPatch) -> None:
    """The batch is retried, then rewound: never dead-lettered for the encoder's fault."""
    monkeypatch.setattr(sys, "executable", "/bin/false")
    embedder = Embedder(64, encode=EncoderProcess())
    try:
        with pytest.raises(EncoderUnavailable) as raised:
            embedder.embed([f"a text {uuid.uuid4().hex}"])
        assert is_transient(raised.value)
        assert embedder.submit([]).result().shape == (0, 512)
    finally:
        embedder.close()


def test_a_stop_signal_to_the_services_group_leaves_the_encoder_to_the_service(remote: Embedder) -> None:
    """SIGTERM and Ctrl-C reach the whole process group: the service drains its batch with the
    same encoder process, which ends when the service closes it."""
    encoder = remote._remote
    assert isinstance(encoder, EncoderProcess)
    remote.embed([f"first {uuid.uuid4().hex}"])
    pid = encoder.pid
    assert pid is not None
    os.kill(pid, signal.SIGTERM)
    os.kill(pid, signal.SIGINT)
    assert remote.embed([f"second {uuid.uuid4().hex}"]).any()
    assert encoder.pid == pid and _alive(pid)
