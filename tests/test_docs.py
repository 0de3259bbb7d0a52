"""The repository explains itself: docs/architecture.md names only what exists, and shipped code
and documents point to the repository's own documents, never outside it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ("shared", "services", "bench", "infra", "docs")
TEXT_SUFFIXES = {".py", ".md", ".yaml", ".yml", ".toml", ".json", ".txt"}
# The original design notes, issue numbers and the development machine's paths are not in a
# clone: a pointer to them explains nothing to its reader.
# The machine's work folder, spelled so that this file does not contain it.
_MACHINE_PATH = "/" + "work" + "/"
OUTSIDE = re.compile(r"DESIGN\.md|\bissue [0-9]+|\bissues? #[0-9]+|" + re.escape(_MACHINE_PATH))
TOP_LEVEL = ("shared/", "services/", "infra/", "docs/", "tests/", "bench/")


def shipped_files() -> list[Path]:
    files = [ROOT / "README.md"]
    for folder in SHIPPED:
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES]
    return files


def test_shipped_files_point_nowhere_outside_the_repository() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in shipped_files()
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert offenders == []


def test_every_path_the_architecture_names_exists() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = {
        token.rstrip("/")
        for token in re.findall(r"`([A-Za-z0-9_./-]+)`", text)
        if token.startswith(TOP_LEVEL)
    }
    assert named, "the architecture names no files"
    assert sorted(path for path in named if not (ROOT / path).exists()) == []
