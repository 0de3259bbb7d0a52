"""The hostile-text benchmark runs and prints one line per unit (figures are for the note, not
asserted: speed belongs to benchmarks)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.anonymizer_hostile import UNITS, hostile_text

ROOT = Path(__file__).resolve().parents[2]


def test_a_hostile_text_repeats_its_unit_to_the_size() -> None:
    text = hostile_text("a@b.", 10)
    assert text == "a@b.a@b.a@" and len(text) == 10


def test_the_benchmark_prints_a_line_per_unit() -> None:
    names = ["digits", "at-and-dots"]
    run = subprocess.run(
        [sys.executable, "bench/anonymizer_hostile.py", "--sizes", "200,400", "--only", ",".join(names)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    lines = run.stdout.splitlines()
    assert [line.split()[0] for line in lines[1:]] == names
    assert all(name in UNITS for name in names)
