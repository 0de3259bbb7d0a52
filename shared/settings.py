"""Settings every service shares. Each service subclasses this once, env prefix ``CRIMEFEED_``."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Literal, Self

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

EMBEDDED_BOOTSTRAP = "127.0.0.1:9092"

KafkaSecurityProtocol = Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
KafkaSaslMechanism = Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]


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
        description="Idempotent producing (with acks=all); default: on wherever the broker supports "
        "it (asked of the broker: shared/kafka/capabilities.py)",
    )
    kafka_security_protocol: KafkaSecurityProtocol = Field(
        default="PLAINTEXT", description="PLAINTEXT, SSL (TLS), SASL_PLAINTEXT or SASL_SSL (SASL over TLS)"
    )
    kafka_sasl_mechanism: KafkaSaslMechanism | None = Field(
        default=None, description="PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512; required with SASL_*"
    )
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    kafka_ssl_cafile: Path | None = Field(
        default=None, description="CA bundle that signed the brokers' certificates (default: system CAs)"
    )
    kafka_ssl_certfile: Path | None = Field(default=None, description="Client certificate (mutual TLS)")
    kafka_ssl_keyfile: Path | None = Field(default=None, description="Key of the client certificate")
    kafka_ssl_key_password: SecretStr | None = None
    data_dir: Path = Path(".crimefeed")
    pseudonym_key: SecretStr | None = Field(
        default=None,
        description="Secret for the keyed hash that pseudonymizes submitters; generated once per data dir",
    )
    metrics_token: SecretStr | None = Field(
        default=None,
        description="Bearer token that `/metrics` requires (it tells activity per topic); "
        "generated once per data dir (`metrics.token`) when unset",
    )
    intake_token: SecretStr | None = Field(
        default=None,
        description="Secret the search service presents to the producers' internal intake API "
        "(TAXII POST); generated once per data dir (`intake.token`) when unset",
    )

    @field_validator("kafka_security_protocol", "kafka_sasl_mechanism", mode="before")
    @classmethod
    def _upper_case(cls, value: object) -> object:
        # Operators write `sasl_ssl` as often as `SASL_SSL`; Kafka's names are upper case.
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _kafka_security_is_complete(self) -> Self:
        uses_sasl = self.kafka_security_protocol.startswith("SASL_")
        if uses_sasl and (self.kafka_sasl_mechanism is None or not self.kafka_sasl_username):
            raise ValueError(
                f"CRIMEFEED_KAFKA_SECURITY_PROTOCOL={self.kafka_security_protocol} needs "
                "CRIMEFEED_KAFKA_SASL_MECHANISM and CRIMEFEED_KAFKA_SASL_USERNAME"
            )
        if self.kafka_sasl_mechanism is not None and not uses_sasl:
            raise ValueError(
                "CRIMEFEED_KAFKA_SASL_MECHANISM is set but CRIMEFEED_KAFKA_SECURITY_PROTOCOL is "
                f"{self.kafka_security_protocol}: use SASL_SSL (or SASL_PLAINTEXT on a trusted network)"
            )
        return self

    def resolved_pseudonym_key(self) -> bytes:
        """The configured key, or one generated once and kept in the data directory."""
        if self.pseudonym_key is not None:
            return self.pseudonym_key.get_secret_value().encode()
        return self._secret_in_data_dir("pseudonym.key").encode()

    def resolved_metrics_token(self) -> str:
        """The bearer token `/metrics` asks for: the configured one, or one kept in the data dir."""
        if self.metrics_token is not None:
            return self.metrics_token.get_secret_value()
        return self._secret_in_data_dir("metrics.token")

    def resolved_intake_token(self) -> bytes:
        """The configured intake token, or one kept in the data dir (so the services of one
        `crimefeed up` agree on it)."""
        if self.intake_token is not None:
            return self.intake_token.get_secret_value().encode()
        return self._secret_in_data_dir("intake.token").encode()

    def _secret_in_data_dir(self, name: str) -> str:
        path = self.data_dir / name
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_hex(32))
            path.chmod(0o600)
        return path.read_text().strip()
