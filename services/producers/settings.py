"""Settings of the producers service (env prefix CRIMEFEED_)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pydantic import DirectoryPath, Field

from shared.settings import CommonSettings


class ProducersSettings(CommonSettings):
    producers_host: str = "127.0.0.1"
    producers_port: int = 8001
    max_body_bytes: int = Field(default=10 * 1024 * 1024, gt=0, description="Largest request body accepted")
    # Intake limits (docs/operations.md, "Intake limits"): they bound the CPU one submission costs.
    max_bundle_objects: int = Field(default=10_000, gt=0, description="Most objects in one bundle")
    max_string_length: int = Field(
        default=100_000, gt=0, description="Longest string value (characters) anywhere in a submission"
    )
    max_json_depth: int = Field(default=32, gt=1, description="Deepest JSON nesting of a submission")
    max_number: float = Field(default=2.0**53, gt=0, description="Largest magnitude of a number")
    max_pattern_length: int = Field(default=16_384, gt=0, description="Longest STIX pattern (characters)")
    max_pattern_depth: int = Field(
        default=16, gt=0, description="Deepest nesting of ( and [ in a STIX pattern"
    )
    max_pattern_terms: int = Field(default=256, gt=0, description="Most comparisons in one STIX pattern")
    max_message_bytes: int = Field(
        default=10_000_000,
        gt=0,
        description="Largest anonymized bundle published (below the submissions topic's max.message.bytes)",
    )
    timestamp_min: datetime = Field(
        default=datetime(1970, 1, 1, tzinfo=UTC), description="Earliest timestamp accepted anywhere"
    )
    timestamp_max_future_days: int = Field(
        default=3650, ge=0, description="How far in the future a timestamp (e.g. valid_until) may be"
    )
    version_max_future_seconds: int = Field(
        default=86_400,
        ge=0,
        description="How far ahead of the server's clock `created`/`modified` may be (clock skew): a "
        "version stamped in the far future would outrank every later real version",
    )
    producers_workers: int | None = Field(
        default=None,
        ge=0,
        description="Processes that anonymize and build submissions, side by side (default: one per "
        "CPU where the producers may use at least `producers_workers_min_cpus` CPUs, else 0; "
        "`crimefeed import`: one per CPU); 0: on `intake_workers` threads of the service's own process",
    )
    producers_workers_min_cpus: int = Field(
        default=4,
        gt=0,
        description="CPUs from which the default is one worker process per CPU: on fewer, the producers "
        "share their cores with the other services and the broker, and workers add no core, only "
        "each submission's hand-over and a copy of the word lists (docs/operations.md)",
    )
    intake_workers: int = Field(
        default=2,
        gt=0,
        description="Threads that anonymize and build submissions, off the event loop, when "
        "CRIMEFEED_PRODUCERS_WORKERS is 0",
    )
    anonymization_policy: Path | None = Field(
        default=None, description="Policy file replacing the bundled anonymization policy"
    )
    anonymization_word_lists: DirectoryPath | None = Field(
        default=None,
        description="Directory of word-list files, each replacing the bundled file of its name "
        "(names.yaml, stopwords.txt, addresses.yaml, identity_numbers.yaml, stix_vocabularies.yaml, "
        "misp_personal.yaml; docs/operations.md, 'Anonymization word lists')",
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
