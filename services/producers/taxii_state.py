"""Where each polled collection resumes: its last `added_after`, kept across restarts.

One small JSON file under the data directory, replaced atomically (write a temporary file,
fsync, rename) so a crash leaves either the old or the new watermark, never half of one.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

STATE_FILE = "taxii_poller_state.json"


class PollState:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._added_after: dict[str, str] = self._load()

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> PollState:
        return cls(data_dir / STATE_FILE)

    def added_after(self, key: str) -> str | None:
        return self._added_after.get(key)

    def save(self, key: str, added_after: str) -> None:
        self._added_after[key] = added_after
        self._write()

    def _load(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        document = json.loads(self.path.read_text(encoding="utf-8"))
        if not isinstance(document, dict):
            raise ValueError(f"{self.path}: expected a JSON object of added_after per collection")
        return {str(key): str(value) for key, value in document.items()}

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump(self._added_after, file, indent=2, sort_keys=True)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
