"""Word sets built from libraries' data, kept between processes in the user's cache directory.

Some sets take most of a second to build (the place names of every script GeoNames and pycountry
have, Faker's names of every locale, PyThaiNLP's corpus) and every process that anonymizes builds
them: each service, each intake worker, each `crimefeed` command. Read back, they take a few
milliseconds. A set is stored under a key of everything it is built from: the code of the module
that builds it, the versions of the libraries it reads, and the interpreter; another version of
any of them builds and stores it again. Where the cache cannot be read or written (no home
directory, a read-only disk), the set is built as if there were no cache.

`$XDG_CACHE_HOME/crimefeed` (default `~/.cache/crimefeed`), created readable by the user alone.
The files hold strings only (marshal format, which builds no object other than these).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

WordSets = tuple[frozenset[str], ...]

# Raised to this value when the stored layout changes, so older files are never read as newer.
_LAYOUT = 1


def cache_directory() -> Path | None:
    """Where sets are kept, or None when the user has no cache directory."""
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "crimefeed"
    try:
        return Path.home() / ".cache" / "crimefeed"
    except RuntimeError:
        return None


def cached_word_sets(
    name: str, build: Callable[[], WordSets], libraries: Iterable[str], code: Iterable[str] = ()
) -> WordSets:
    """`build()`, or what it returned in an earlier process with the same code and libraries.

    `name` names the file; `libraries` are the distributions `build` reads data from; `code`, the
    modules besides its own whose functions it calls."""
    directory = cache_directory()
    if directory is None:
        return build()
    path = directory / f"{name}-{_key(name, build, libraries, code)}.marshal"
    stored = _read(path)
    if stored is not None:
        return stored
    sets = build()
    _write(directory, name, path, sets)
    return sets


def cached_word_set(
    name: str, libraries: Iterable[str], code: Iterable[str] = ()
) -> Callable[[Callable[[], frozenset[str]]], Callable[[], frozenset[str]]]:
    """A function of no argument that builds one word set, built once per process (as
    `functools.cache`) and read from the cache directory after the first process."""

    def decorate(build: Callable[[], frozenset[str]]) -> Callable[[], frozenset[str]]:
        def build_one() -> WordSets:
            return (build(),)

        build_one.__module__ = build.__module__

        @functools.cache
        @functools.wraps(build)
        def cached() -> frozenset[str]:
            return cached_word_sets(name, build_one, libraries, code)[0]

        return cached

    return decorate


def _key(name: str, build: Callable[[], WordSets], libraries: Iterable[str], code: Iterable[str]) -> str:
    digest = hashlib.sha256(f"{_LAYOUT}\0{name}\0{sys.version}".encode())
    for module in (build.__module__, *code):
        digest.update(Path(str(sys.modules[module].__file__)).read_bytes())
    for library in sorted(libraries):
        digest.update(f"\0{library}={_version(library)}".encode())
    return digest.hexdigest()[:20]


def _version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "absent"


def _read(path: Path) -> WordSets | None:
    try:
        stored = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(stored, tuple) or not all(isinstance(part, frozenset) for part in stored):
        return None
    return stored


def _write(directory: Path, name: str, path: Path, sets: WordSets) -> None:
    with contextlib.suppress(OSError):
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Written aside and renamed: a process reading at the same time sees the whole file or none.
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}-")
        try:
            with os.fdopen(handle, "wb") as file:
                marshal.dump(sets, file)
            os.replace(temporary, path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            raise
        # Sets of older code or libraries are never read again.
        for older in directory.glob(f"{name}-*.marshal"):
            if older != path:
                older.unlink(missing_ok=True)
