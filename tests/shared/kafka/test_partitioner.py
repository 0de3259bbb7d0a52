"""The partitioner places every keyed message where Kafka's default partitioner does."""

from __future__ import annotations

from aiokafka.partitioner import DefaultPartitioner
from aiokafka.partitioner import murmur2 as aiokafka_murmur2
from hypothesis import given
from hypothesis import strategies as st

from shared.kafka.partitioner import KeyPartitioner, murmur2


@given(st.binary(max_size=300))
def test_murmur2_is_kafkas(key: bytes) -> None:
    assert murmur2(key) == aiokafka_murmur2(key)


@given(st.lists(st.binary(max_size=80), min_size=1, max_size=40), st.integers(min_value=1, max_value=64))
def test_a_key_goes_to_the_default_partitioners_partition(keys: list[bytes], count: int) -> None:
    partitions = list(range(count))
    ours = KeyPartitioner(remembered=8)  # small: the remembered hashes are dropped and redone
    for key in keys + keys:
        assert ours(key, partitions, partitions) == DefaultPartitioner()(key, partitions, partitions)


def test_a_keyless_message_goes_to_an_available_partition() -> None:
    partitioner = KeyPartitioner()
    assert {partitioner(None, [0, 1, 2, 3], [1, 3]) for _ in range(50)} <= {1, 3}
    assert partitioner(None, [0, 1, 2], []) in {0, 1, 2}
