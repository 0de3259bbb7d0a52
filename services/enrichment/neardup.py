"""Near-duplicate detection: MinHash/LSH (datasketch) over word shingles of MO text.

The same MO described in other words by another partner shares most of its content words and
many word pairs. Normalization is language-agnostic: Unicode NFKD, case folding, diacritics
removed, crimefeed's redaction placeholders (``[PERSON]``...) dropped (every anonymized text
has them; they would make unrelated texts look alike), and tokens of one or two letters dropped,
which removes most function words of Latin-script languages without a stop-word list per
language. Shingles are the tokens plus adjacent token pairs: pairs keep word order, so
look-alike MOs that share vocabulary but differ in what happens (``card`` vs ``account``
takeover) score lower than rewordings of one MO.

Guards against false merges, applied after the LSH query:
- same STIX type and same sharing scope (markings and recipients) only;
- never two objects that both carry an authoritative external id (ATT&CK, CAPEC) that differs;
- never two objects with different crime categories;
- the estimated Jaccard similarity must reach the threshold.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH
from datasketch.hashfunc import sha1_hash32

from shared.stix.extension import EXTENSION_ID

SCHEME = "affine32"
COMPARED_TYPES = frozenset({"attack-pattern", "report"})
AUTHORITATIVE_SOURCES = frozenset({"mitre-attack", "mitre-mobile-attack", "mitre-ics-attack", "capec"})

_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z0-9_-]*\]")
_CITATION = re.compile(r"\(Citation:[^)]*\)")
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Normalized word tokens of `text`, in order."""
    text = _CITATION.sub(" ", _PLACEHOLDER.sub(" ", text))
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return [token for token in _TOKEN.findall(stripped) if len(token) > 2 and not token.isdigit()]


def shingles(words: list[str]) -> set[str]:
    result = set(words)
    result.update(f"{first} {second}" for first, second in itertools.pairwise(words))
    return result


def object_text(obj: dict[str, Any], steps: Iterable[str] = ()) -> str:
    """The MO text of an object: name, description (the narrative) and its MO steps."""
    parts = [str(obj.get("name") or ""), str(obj.get("description") or "")]
    parts.extend(steps)
    return "\n".join(parts)


def external_ids(obj: Mapping[str, Any]) -> frozenset[str]:
    references = obj.get("external_references") or []
    return frozenset(
        str(reference["external_id"]).upper()
        for reference in references
        if isinstance(reference, dict)
        and reference.get("source_name") in AUTHORITATIVE_SOURCES
        and reference.get("external_id")
    )


def crime_category(obj: dict[str, Any]) -> str | None:
    extension = obj.get("extensions", {}).get(EXTENSION_ID)
    if isinstance(extension, dict):
        category = extension.get("crime_category")
        return str(category) if category else None
    return None


@dataclass(frozen=True, slots=True)
class Signature:
    """What the index keeps of an object: enough to apply the guards without its body."""

    object_id: str
    stix_type: str
    scope: str
    external_ids: frozenset[str]
    category: str | None
    hashvalues: np.ndarray[Any, np.dtype[np.uint32]]

    def compatible(self, other: Signature) -> bool:
        if self.stix_type != other.stix_type or self.scope != other.scope:
            return False
        if self.external_ids and other.external_ids and not self.external_ids & other.external_ids:
            return False
        return not (self.category and other.category and self.category != other.category)


@dataclass(frozen=True, slots=True)
class Match:
    canonical_id: str
    score: float


class MinHasher:
    """Builds signatures; one instance per process (the permutations are computed once).

    The values are datasketch's ``MinHash(scheme="affine32")`` after ``update_batch`` of the
    shingles (its sha1 hash, its MurmurHash3 pre-mix, its permutations), computed without a
    ``MinHash`` object per text and with each shingle's hash remembered: MO steps and phrases
    repeat across submissions, and hashing was most of the cost.
    """

    def __init__(self, num_perm: int = 128, min_tokens: int = 8) -> None:
        self.num_perm = num_perm
        self.min_tokens = min_tokens
        permutations = MinHash(num_perm=num_perm, scheme=SCHEME).permutations
        self._a: np.ndarray[Any, np.dtype[np.uint32]] = permutations[0]
        self._b: np.ndarray[Any, np.dtype[np.uint32]] = permutations[1]
        self._hashes: dict[str, int] = {}

    def hashvalues(self, text: str) -> np.ndarray[Any, np.dtype[np.uint32]] | None:
        """MinHash values of the text's shingles, or None when the text is too short to judge."""
        words = tokens(text)
        if len(set(words)) < self.min_tokens:
            return None
        hashed = _premixed(np.fromiter(map(self._hash, shingles(words)), dtype=np.uint32))
        # Each permutation maps a hash h to a * h + b (mod 2**32); a signature keeps the minimum.
        values: np.ndarray[Any, np.dtype[np.uint32]] = (hashed[:, None] * self._a + self._b).min(axis=0)
        return values

    def _hash(self, shingle: str) -> int:
        hashed = self._hashes.get(shingle)
        if hashed is None:
            if len(self._hashes) >= _REMEMBERED_SHINGLES:
                self._hashes.clear()
            hashed = self._hashes[shingle] = sha1_hash32(shingle.encode("utf-8"))
        return hashed


# Shingle hashes remembered by a MinHasher before its memo starts again (~100 bytes each).
_REMEMBERED_SHINGLES = 200_000


def _premixed(hashed: np.ndarray[Any, np.dtype[np.uint32]]) -> np.ndarray[Any, np.dtype[np.uint32]]:
    """MurmurHash3's 32-bit finalizer, as datasketch's affine32 scheme applies it to each hash
    (uint32 arithmetic wraps, as it should)."""
    hashed = hashed ^ (hashed >> np.uint32(16))
    hashed = hashed * np.uint32(0x85EBCA6B)
    hashed = hashed ^ (hashed >> np.uint32(13))
    hashed = hashed * np.uint32(0xC2B2AE35)
    mixed: np.ndarray[Any, np.dtype[np.uint32]] = hashed ^ (hashed >> np.uint32(16))
    return mixed


def similarity(first: np.ndarray[Any, Any], second: np.ndarray[Any, Any]) -> float:
    """Estimated Jaccard similarity: the share of equal MinHash values."""
    return float(np.count_nonzero(first == second)) / len(first)


class NearDupIndex:
    """An in-memory LSH index of canonical signatures; the durable copy lives in the state.

    The bands are datasketch's (``MinHashLSH``'s choice of bands and rows for the threshold);
    the buckets are plain dicts keyed by each band's bytes, which proposes the same candidates
    as ``MinHashLSH`` without building a ``MinHash`` per signature (most of the index's cost).
    """

    def __init__(self, threshold: float = 0.5, num_perm: int = 128) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        # Recall first: LSH only proposes candidates; the exact estimate and guards decide.
        lsh = MinHashLSH(threshold=max(0.1, threshold - 0.15), num_perm=num_perm, weights=(0.3, 0.7))
        width = np.dtype(np.uint32).itemsize
        self._bands = [(start * width, end * width) for start, end in lsh.hashranges]
        self._buckets: list[dict[bytes, list[str]]] = [{} for _ in self._bands]
        self._signatures: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, object_id: str) -> bool:
        return object_id in self._signatures

    def _keys(self, signature: Signature) -> list[bytes]:
        raw = np.asarray(signature.hashvalues, dtype=np.uint32).tobytes()
        if len(raw) != self.num_perm * 4:
            raise ValueError(f"expecting a signature of {self.num_perm} hash values")
        return [raw[start:end] for start, end in self._bands]

    def add(self, signature: Signature) -> None:
        if signature.object_id in self._signatures:
            return
        self._signatures[signature.object_id] = signature
        for key, buckets in zip(self._keys(signature), self._buckets, strict=True):
            buckets.setdefault(key, []).append(signature.object_id)

    def _candidates(self, signature: Signature) -> set[str]:
        found: set[str] = set()
        for key, buckets in zip(self._keys(signature), self._buckets, strict=True):
            bucket = buckets.get(key)
            if bucket is not None:
                found.update(bucket)
        return found

    def best_match(self, signature: Signature) -> Match | None:
        """The most similar compatible canonical at or above the threshold (ties: smallest id)."""
        best: Match | None = None
        for candidate_id in self._candidates(signature):
            candidate = self._signatures[candidate_id]
            if candidate_id == signature.object_id or not signature.compatible(candidate):
                continue
            score = similarity(signature.hashvalues, candidate.hashvalues)
            if score < self.threshold:
                continue
            if (
                best is None
                or score > best.score
                or (score == best.score and candidate_id < best.canonical_id)
            ):
                best = Match(candidate_id, score)
        return best
