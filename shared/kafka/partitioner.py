"""The partitioner of every crimefeed producer.

It places a keyed message where Kafka's default partitioner does (the Java client's and
aiokafka's ``DefaultPartitioner``: murmur2 of the key, modulo the partition count), so a key
keeps its partition whichever client wrote it. Two things make it cheaper: a topic of one
partition needs no hash, and the hashes of recent keys are remembered, since enrichment
publishes each object under its STIX id to two or three topics (the objects topic, a feed and
perhaps a red feed). Keyless messages go to a random partition, as with the default.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

from aiokafka.partitioner import DefaultPartitioner

_SEED = 0x9747B28C
_M = 0x5BD1E995
_MASK = 0xFFFFFFFF
_WORDS = struct.Struct("<I")


def murmur2(data: bytes) -> int:
    """Kafka's murmur2 (``org.apache.kafka.common.utils.Utils.murmur2``), as an unsigned 32-bit
    value: aiokafka's ``murmur2``, reading the key four bytes at a time."""
    length = len(data)
    h = _SEED ^ length
    whole = length & ~3
    for (k,) in _WORDS.iter_unpack(data[:whole]):
        k = (k * _M) & _MASK
        k = ((k ^ (k >> 24)) * _M) & _MASK
        h = ((h * _M) & _MASK) ^ k
    extra = length & 3
    if extra >= 3:
        h ^= data[whole + 2] << 16
    if extra >= 2:
        h ^= data[whole + 1] << 8
    if extra >= 1:
        h = ((h ^ data[whole]) * _M) & _MASK
    h ^= h >> 13
    h = (h * _M) & _MASK
    return h ^ (h >> 15)


class KeyPartitioner:
    """``partitioner`` for aiokafka producers (and FastStream's): the default's choice, cheaper."""

    def __init__(self, remembered: int = 8192) -> None:
        self.remembered = remembered
        self._hashes: dict[bytes, int] = {}
        self._keyless = DefaultPartitioner()

    def __call__(self, key: bytes | None, all_partitions: Sequence[int], available: Sequence[int]) -> int:
        if key is None:
            return int(self._keyless(key, all_partitions, available))
        if len(all_partitions) == 1:
            return all_partitions[0]
        hashed = self._hashes.get(key)
        if hashed is None:
            if len(self._hashes) >= self.remembered:
                self._hashes.clear()
            hashed = self._hashes[key] = murmur2(key) & 0x7FFFFFFF
        return all_partitions[hashed % len(all_partitions)]
