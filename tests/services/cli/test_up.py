"""`crimefeed up --demo` as a user runs it: a real process, real ports, Ctrl-C to stop."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import httpx

from services.embedded.broker import free_port
from tests.support.cli_process import COMMAND_TIMEOUT, CRIMEFEED, read_until
from tests.support.producers_server import REPORT


def assert_demo_data_is_searchable(url: str, key: str, timeout: float = 60) -> None:
    """The demo reports reach the search API through enrichment and the indexer."""
    deadline = time.monotonic() + timeout
    headers = {"Authorization": f"Bearer {key}"}
    total = 0
    while time.monotonic() < deadline:
        answer = httpx.get(f"{url}/api/v1/search", params={"type": "report"}, headers=headers, timeout=30)
        assert answer.status_code == 200, answer.text
        total = answer.json()["total"]
        if total >= 200:
            break
        time.sleep(1)
    assert total >= 200, f"only {total} demo reports searchable after {timeout} s"
    trends = httpx.get(f"{url}/api/v1/trends", headers=headers, timeout=30).json()
    assert sum(bucket["count"] for bucket in trends["buckets"]) > 0


def test_up_demo_serves_prints_the_admin_key_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    kafka_port, producers_port, search_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "CRIMEFEED_EMBEDDED_KAFKA_PORT": str(kafka_port),
        "CRIMEFEED_PRODUCERS_PORT": str(producers_port),
        "CRIMEFEED_SEARCH_PORT": str(search_port),
    }
    env.pop("CRIMEFEED_KAFKA_BOOTSTRAP", None)
    process = subprocess.Popen(
        [CRIMEFEED, "up", "--demo", "--data-dir", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        lines = read_until(process, r"demo data: \d+ reports accepted", timeout=COMMAND_TIMEOUT)
        output = "".join(lines)
        assert f"127.0.0.1:{kafka_port}" in output and f"http://127.0.0.1:{producers_port}" in output
        assert re.search(r"demo data: (2\d\d) reports accepted, 0 rejected", output), output
        key = re.search(r"^admin key: (\S+)$", output, re.MULTILINE)
        assert key is not None
        response = httpx.post(
            f"http://127.0.0.1:{producers_port}/api/v1/reports",
            json=REPORT,
            headers={"Authorization": f"Bearer {key.group(1)}"},
            timeout=30,
        )
        assert response.status_code == 202, response.text
        search_url = f"http://127.0.0.1:{search_port}"
        assert f"search API: {search_url} (OpenAPI: {search_url}/docs)" in output
        assert f"analyst console: {search_url}/console/" in output
        assert_demo_data_is_searchable(search_url, key.group(1))
    finally:
        process.send_signal(signal.SIGINT)
        remaining, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "stopped" in remaining
    leftovers = subprocess.run(["pgrep", "-f", f"tcp://127.0.0.1:{kafka_port}"], capture_output=True)
    assert leftovers.stdout == b"", "the embedded broker outlived crimefeed up"
