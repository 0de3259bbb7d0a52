"""Freezing what a service built at start-up: left out of collections, later garbage collected."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from shared.heap import THRESHOLDS, freeze_start_up


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def cycle() -> tuple[Node, Node]:
    first, second = Node(), Node()
    first.other, second.other = second, first
    return first, second


@pytest.fixture
def restored_collector() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("restored_collector")
def test_what_lives_at_start_up_is_frozen_and_thresholds_set() -> None:
    kept = cycle()
    freeze_start_up()
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == THRESHOLDS
    gc.collect()
    assert gc.is_tracked(kept[0]) and kept[0].other is kept[1]


@pytest.mark.usefixtures("restored_collector")
def test_garbage_made_before_the_freeze_is_collected_not_frozen() -> None:
    first, _ = cycle()
    before = weakref.ref(first)
    del first, _
    freeze_start_up()
    assert before() is None


@pytest.mark.usefixtures("restored_collector")
def test_cycles_built_after_the_freeze_are_still_collected() -> None:
    freeze_start_up()
    first, _ = cycle()
    after = weakref.ref(first)
    del first, _
    gc.collect()
    assert after() is None
