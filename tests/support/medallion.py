"""A real upstream TAXII 2.1 server for tests and bench/taxii.py: medallion, memory backend.

medallion keeps its Flask app in a module global, so each server is its own process (started
with medallion's own entry point) on a free loopback port, with a config and data file written
here. Objects are added the way a partner would: POST through taxii2-client.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from taxii2client.v21 import Collection

from services.embedded.broker import free_port

READER = ("poller", "poller-secret")
WRITER = ("partner", "partner-secret")
MEDIA_TYPE_STIX = "application/stix+json;version=2.1"
MEDIA_TYPE_TAXII = "application/taxii+json;version=2.1"


def medallion_config(data_file: Path, max_page_size: int) -> dict[str, Any]:
    return {
        "users": dict([READER, WRITER]),
        "taxii": {"max_page_size": max_page_size},
        "backend": {
            "module": "medallion.backends.memory_backend",
            "module_class": "MemoryBackend",
            "filename": str(data_file),
            "session_timeout": 600,  # paging a large collection slowly must not lose its `next`
        },
    }


def medallion_data(base_url: str, collection_id: str) -> dict[str, Any]:
    api_root = f"{base_url}/api1/"
    return {
        "/discovery": {
            "title": "partner TAXII server (medallion)",
            "description": "test upstream",
            "default": api_root,
            "api_roots": [api_root],
        },
        "api1": {
            "information": {
                "title": "partner feed",
                "description": "test upstream API root",
                "versions": [MEDIA_TYPE_TAXII],
                "max_content_length": 512 * 1024 * 1024,
            },
            "status": [],
            "collections": [
                {
                    "id": collection_id,
                    "title": "partner MO feed",
                    "description": "objects a partner shares",
                    "can_read": True,
                    "can_write": True,
                    "media_types": [MEDIA_TYPE_STIX],
                    "objects": [],
                    "manifest": [],
                }
            ],
        },
    }


@dataclass
class MedallionServer:
    workdir: Path
    port: int = field(default_factory=free_port)
    collection_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    max_page_size: int = 100
    process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def discovery_url(self) -> str:
        return f"{self.base_url}/taxii2/"

    @property
    def api_root_url(self) -> str:
        return f"{self.base_url}/api1/"

    @property
    def collection_url(self) -> str:
        return f"{self.api_root_url}collections/{self.collection_id}/"

    def start(self, timeout: float = 30.0) -> None:
        """Start with an empty collection (the memory backend keeps nothing across a restart)."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        data_file = self.workdir / "medallion-data.json"
        config_file = self.workdir / "medallion-config.json"
        data_file.write_text(json.dumps(medallion_data(self.base_url, self.collection_id)))
        config_file.write_text(json.dumps(medallion_config(data_file, self.max_page_size)))
        log = (self.workdir / "medallion.log").open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "medallion.scripts.run",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                str(config_file),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"medallion exited with {self.process.returncode}; see {self.workdir}")
            try:
                requests.get(self.discovery_url, auth=READER, headers={"Accept": MEDIA_TYPE_TAXII}, timeout=1)
                return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError(f"medallion did not answer on {self.base_url} within {timeout}s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def collection(self, credentials: tuple[str, str] = WRITER) -> Collection:
        return Collection(self.collection_url, user=credentials[0], password=credentials[1])

    def add(self, objects: list[dict[str, Any]]) -> dict[str, Any]:
        """POST objects as the partner; medallion stamps them all with one date_added."""
        envelope = {"objects": objects}
        with self.collection() as collection:
            status = collection.add_objects(envelope, wait_for_completion=False)
        if status.failure_count:
            raise RuntimeError(f"medallion refused {status.failure_count} objects: {status.failures}")
        return {"success_count": status.success_count}
