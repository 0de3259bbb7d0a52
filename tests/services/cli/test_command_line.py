"""The `crimefeed` command's dispatch: each subcommand loads only its own module."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from services.cli import COMMANDS, chosen_command, main

HEAVY = ("faststream", "misp_stix_converter", "numpy", "services.producers", "services.enrichment")


def heavy_modules_after(code: str, tmp_path: Path) -> list[str]:
    """The heavy modules a fresh interpreter holds after running `code`."""
    probe = (
        f"{code}\nimport json, sys\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.startswith({HEAVY!r}))))"
    )
    env = {**os.environ, "CRIMEFEED_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_partners_list_loads_no_service_module(tmp_path: Path) -> None:
    assert heavy_modules_after("from services.cli import main\nmain(['partners', 'list'])", tmp_path) == []


def test_the_chosen_command_is_the_first_word_that_names_one() -> None:
    assert chosen_command(["partners", "add", "up"]) == "partners"
    assert chosen_command(["-h"]) is None
    assert chosen_command(["bogus", "up"]) is None


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)


def test_an_unknown_command_is_a_usage_error_naming_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["bogus"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'bogus'" in err and "partners" in err
