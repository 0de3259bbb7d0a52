"""Settings of the producers service (env prefix CRIMEFEED_)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from shared.settings import CommonSettings


class ProducersSettings(CommonSettings):
    producers_host: str = "127.0.0.1"
    producers_port: int = 8001
    max_body_bytes: int = Field(default=10 * 1024 * 1024, description="Largest request body accepted")
    anonymization_policy: Path | None = Field(
        default=None, description="Policy file replacing the bundled anonymization policy"
    )
