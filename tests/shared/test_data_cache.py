"""cached_word_sets: built once, read back equal by later calls, built again when what it is
built from changes, and never in the way when the cache cannot be used."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.data_cache import WordSets, cache_directory, cached_word_set, cached_word_sets


class Builder:
    def __init__(self, sets: WordSets) -> None:
        self.sets = sets
        self.calls = 0

    def __call__(self) -> WordSets:
        self.calls += 1
        return self.sets


SETS: WordSets = (frozenset({"lisboa", "Ηράκλειο", "الرياض"}), frozenset({"东京"}))


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "crimefeed"


def test_a_later_call_reads_the_sets_without_building_them(cache_home: Path) -> None:
    builder = Builder(SETS)
    assert cached_word_sets("places", builder, ("pytest",)) == SETS
    assert cached_word_sets("places", builder, ("pytest",)) == SETS
    assert builder.calls == 1
    assert [p.name.split("-")[0] for p in cache_home.glob("*.marshal")] == ["places"]


def test_other_libraries_build_again_and_replace_the_older_file(cache_home: Path) -> None:
    builder = Builder(SETS)
    cached_word_sets("places", builder, ("pytest",))
    cached_word_sets("places", builder, ("pytest", "hypothesis"))
    assert builder.calls == 2
    assert len(list(cache_home.glob("places-*.marshal"))) == 1


def test_sets_of_two_names_are_kept_apart(cache_home: Path) -> None:
    assert cached_word_sets("one", Builder(SETS), ()) == SETS
    other: WordSets = (frozenset({"x"}),)
    assert cached_word_sets("two", Builder(other), ()) == other
    assert cached_word_sets("one", Builder(other), ()) == SETS


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"\xe9\x01\x00\x00\x00x", b"\xda\x03abc"])
def test_a_damaged_file_is_built_again(cache_home: Path, content: bytes) -> None:
    cached_word_sets("places", Builder(SETS), ())
    (stored,) = cache_home.glob("places-*.marshal")
    stored.write_bytes(content)
    builder = Builder(SETS)
    assert cached_word_sets("places", builder, ()) == SETS
    assert builder.calls == 1


def test_without_a_usable_cache_directory_the_sets_are_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    builder = Builder(SETS)
    assert cached_word_sets("places", builder, ()) == SETS
    assert cached_word_sets("places", builder, ()) == SETS
    assert builder.calls == 2


def test_the_directory_is_readable_by_the_user_alone(cache_home: Path) -> None:
    cached_word_sets("places", Builder(SETS), ())
    assert cache_directory() == cache_home
    assert cache_home.stat().st_mode & 0o077 == 0


def test_a_decorated_builder_runs_once_per_process_and_once_per_cache(cache_home: Path) -> None:
    calls: list[str] = []

    def places() -> frozenset[str]:
        calls.append("built")
        return frozenset({"lisboa", "東京"})

    first_process = cached_word_set("places", ("pytest",))(places)
    assert first_process() == first_process() == frozenset({"lisboa", "東京"})
    # Another process decorates the same function of the same module: it reads the file.
    later_process = cached_word_set("places", ("pytest",))(places)
    assert later_process() == frozenset({"lisboa", "東京"})
    assert calls == ["built"]
    assert later_process.__name__ == "places"


@settings(max_examples=30)
@given(st.lists(st.frozensets(st.text(max_size=12), max_size=8), min_size=1, max_size=4))
def test_any_sets_of_strings_read_back_equal(parts: list[frozenset[str]]) -> None:
    sets = tuple(parts)
    # A directory of its own per example: the key says what the sets are built from, not what
    # they hold.
    with tempfile.TemporaryDirectory() as home, pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", home)
        cached_word_sets("any", Builder(sets), ())
        builder = Builder(())
        assert cached_word_sets("any", builder, ()) == sets
        assert builder.calls == 0
