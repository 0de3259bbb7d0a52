"""infra/dev/services.sh says plainly when Maven Central cannot be reached, and exits non-zero.

(Starting the engines is what `.ci/run` does before the suite; the tests that use them are the
`[kafka]` ones and the OpenSearch store tests.)
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "infra" / "dev" / "services.sh"


def test_unreachable_maven_central_is_said_plainly_and_fails(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    mvn = bin_dir / "mvn"  # what Maven prints without a network
    mvn.write_text(
        "#!/bin/sh\n"
        "echo '[ERROR] Could not transfer artifact org.apache.kafka:kafka_2.13:pom: Unknown host'\n"
        "exit 1\n"
    )
    mvn.chmod(mvn.stat().st_mode | stat.S_IXUSR)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "CRIMEFEED_CACHE": str(tmp_path / "cache"),
    }
    # .ci/run exports the run directory of the engines it started: this start must not see them.
    env.pop("CRIMEFEED_SERVICES_DIR", None)
    result = subprocess.run(
        ["bash", str(SCRIPT), "start"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "could not fetch Apache Kafka" in result.stderr and "from Maven Central" in result.stderr
    assert result.stdout == ""  # no KAFKA_BOOTSTRAP= line for a caller to trust
    assert not (tmp_path / "cache" / "run").exists()  # nothing was started


def test_usage_is_refused_without_a_command() -> None:
    result = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "usage:" in result.stderr
