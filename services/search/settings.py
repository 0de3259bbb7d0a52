"""Settings of the search service (env prefix CRIMEFEED_)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr

from shared.settings import CommonSettings


class SearchSettings(CommonSettings):
    search_host: str = Field(default="127.0.0.1", description="Address the search API listens on")
    search_port: int = Field(default=8000, description="Port of the search API")
    opensearch_url: str | None = Field(
        default=None,
        description="OpenSearch to index into and serve from; unset: the embedded SQLite store "
        "at <data_dir>/store.sqlite3",
    )
    opensearch_index_prefix: str = Field(
        default="crimefeed-",
        pattern=r"^[a-z0-9][a-z0-9._-]*$",
        description="Prefix of the store's index names",
    )
    opensearch_username: str | None = None
    opensearch_password: SecretStr | None = None
    opensearch_verify_certs: bool = True
    opensearch_ca_certs: Path | None = Field(default=None, description="CA bundle to verify OpenSearch by")
    store_path: Path | None = Field(
        default=None, description="File of the embedded SQLite store (default <data_dir>/store.sqlite3)"
    )
    search_group_id: str = Field(
        default="crimefeed-search", description="Consumer group every search indexer replica joins"
    )
    index_max_records: int = Field(default=1000, description="Objects indexed per batch at most")
    index_batch_timeout_ms: int = Field(default=200, description="How long a batch waits to fill")
    index_fetch_max_wait_ms: int = Field(
        default=100, description="How long the broker may hold a fetch that finds no new object"
    )
    index_session_timeout_ms: int = 10_000
    index_heartbeat_interval_ms: int = 3_000
    index_max_retries: int = Field(
        default=5, description="Retries of a transient store or broker fault before the batch fails"
    )
    index_retry_backoff_seconds: float = Field(
        default=0.2, description="First retry delay; doubles each retry"
    )
    taxii_collections: Path | None = Field(
        default=None,
        description="Collections file replacing the bundled services/search/taxii/collections.yaml",
    )
    intake_url: str = Field(
        default="http://127.0.0.1:8001",
        description="The producers' HTTP API, where TAXII POSTs go (its internal intake, "
        "authenticated with CRIMEFEED_INTAKE_TOKEN)",
    )
    audit_log_path: Path | None = Field(
        default=None,
        description="Append-only audit log, one JSON line a request (default <data_dir>/audit.log)",
    )

    @property
    def resolved_store_path(self) -> Path:
        return self.store_path or self.data_dir / "store.sqlite3"

    @property
    def resolved_audit_log_path(self) -> Path:
        return self.audit_log_path or self.data_dir / "audit.log"
