"""Settings every service shares. Each service subclasses this once, env prefix ``CRIMEFEED_``."""

from __future__ import annotations

import secrets
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

EMBEDDED_BOOTSTRAP = "127.0.0.1:9092"
EMBEDDED_MARKER = "embedded-broker"


def read_embedded_bootstrap(data_dir: Path) -> str | None:
    """The address of the embedded broker `crimefeed up` runs for this data dir, if it runs one."""
    marker = data_dir / EMBEDDED_MARKER
    return marker.read_text().strip() if marker.exists() else None


def write_embedded_bootstrap(data_dir: Path, bootstrap: str | None) -> None:
    marker = data_dir / EMBEDDED_MARKER
    if bootstrap is None:
        marker.unlink(missing_ok=True)
    else:
        data_dir.mkdir(parents=True, exist_ok=True)
        marker.write_text(bootstrap)


class CommonSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CRIMEFEED_", extra="ignore")

    kafka_bootstrap: str = Field(
        default=EMBEDDED_BOOTSTRAP,
        description="Kafka bootstrap servers; `crimefeed up` starts an embedded broker unless this is set",
    )
    embedded_kafka_port: int = Field(default=9092, description="Port of the broker `crimefeed up` embeds")
    topic_prefix: str = "crimefeed."
    kafka_idempotence: bool | None = Field(
        default=None,
        description="Idempotent producing; default on, off when the broker is the embedded one "
        "(which refuses idempotent producers)",
    )
    kafka_security_protocol: str = "PLAINTEXT"
    kafka_sasl_mechanism: str | None = None
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    data_dir: Path = Path(".crimefeed")
    pseudonym_key: SecretStr | None = Field(
        default=None,
        description="Secret for the keyed hash that pseudonymizes submitters; generated once per data dir",
    )

    def idempotence_enabled(self) -> bool:
        if self.kafka_idempotence is not None:
            return self.kafka_idempotence
        return read_embedded_bootstrap(self.data_dir) != self.kafka_bootstrap

    def resolved_pseudonym_key(self) -> bytes:
        """The configured key, or one generated once and kept in the data directory."""
        if self.pseudonym_key is not None:
            return self.pseudonym_key.get_secret_value().encode()
        path = self.data_dir / "pseudonym.key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_hex(32))
            path.chmod(0o600)
        return path.read_text().strip().encode()
