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
    taxii_sources: Path | None = Field(
        default=None,
        description="YAML file of partner TAXII 2.1 collections to poll "
        "(see infra/taxii/sources.example.yaml); unset: no polling",
    )
    taxii_retry_attempts: int = Field(default=5, ge=1, description="Tries per poll of a failing TAXII source")
    taxii_backoff_initial_seconds: float = Field(
        default=1.0, gt=0, description="First retry delay, then doubled"
    )
    taxii_backoff_max_seconds: float = Field(default=60.0, gt=0, description="Longest retry delay")
    taxii_request_timeout_seconds: float = Field(
        default=30.0, gt=0, description="Timeout of each HTTP request to a TAXII source"
    )
