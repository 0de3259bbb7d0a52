"""Running the `crimefeed` command as a user does: the console script, its output read line by line."""

from __future__ import annotations

import os
import re
import select
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
    """The lines the process printed up to the first one matching `pattern`.

    Gives up at the deadline even if the process prints nothing more (a plain readline would wait
    for ever), and reads byte by byte from the pipe, so nothing after the matching line is taken
    from what `communicate()` reads later.
    """
    assert process.stdout is not None
    pipe = process.stdout.fileno()
    lines: list[str] = []
    line = bytearray()
    deadline = time.monotonic() + timeout
    while (remaining := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([pipe], [], [], remaining)
        byte = os.read(pipe, 1) if ready else b""
        if not byte:
            break
        line += byte
        if byte == b"\n":
            lines.append(line.decode(errors="replace"))
            line.clear()
            if re.search(pattern, lines[-1]):
                return lines
    printed = "".join(lines) + line.decode(errors="replace")
    raise AssertionError(f"no line matching {pattern!r} within {timeout:.0f} s in: {printed}")


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
