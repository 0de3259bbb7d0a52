"""Running the `crimefeed` command as a user does: the console script, its output read line by line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

# The console script pip installed beside this interpreter: what a user runs.
CRIMEFEED = str(Path(sys.executable).parent / "crimefeed")
# How long a `crimefeed` command may take to start or to finish a short job. An upper bound, never
# a target: the suite runs in parallel worker processes (tests/conftest.py), and on a two-core CI
# machine a command that takes 30 s alone can take several times that.
COMMAND_TIMEOUT = 300.0


def run_crimefeed(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`crimefeed ARGS...` run to its end with exactly `env`, its output captured."""
    return subprocess.run(
        [CRIMEFEED, *args], capture_output=True, text=True, env=env, timeout=COMMAND_TIMEOUT
    )


def read_until(process: subprocess.Popen[str], pattern: str, timeout: float) -> list[str]:
    """The lines the process printed up to the first one matching `pattern`."""
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if re.search(pattern, line):
            return lines
    raise AssertionError(f"no line matching {pattern!r} in: {''.join(lines)}")


def crimefeed_up(data_dir: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    """`crimefeed up` on its embedded broker with `env` added to this environment; stop it with
    SIGINT."""
    environment = {**os.environ, **env}
    for name in ("CRIMEFEED_KAFKA_BOOTSTRAP", "CRIMEFEED_INTAKE_URL"):
        if name not in env:
            environment.pop(name, None)
    return subprocess.Popen(
        [CRIMEFEED, "up", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=environment,
    )
