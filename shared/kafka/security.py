"""Kafka TLS and SASL settings turned into FastStream security and aiokafka client arguments.

One function decides, so the services' brokers and the admin client of `crimefeed infra apply`
connect the same way.
"""

from __future__ import annotations

import ssl
from typing import Any

from faststream.kafka.security import parse_security
from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512

from shared.settings import CommonSettings

_SASL_CLASSES: dict[str, type[SASLPlaintext | SASLScram256 | SASLScram512]] = {
    "PLAIN": SASLPlaintext,
    "SCRAM-SHA-256": SASLScram256,
    "SCRAM-SHA-512": SASLScram512,
}


def ssl_context(settings: CommonSettings) -> ssl.SSLContext | None:
    """A verifying TLS context for SSL / SASL_SSL (the CA file if given, else the system CAs)."""
    if settings.kafka_security_protocol not in ("SSL", "SASL_SSL"):
        return None
    cafile = str(settings.kafka_ssl_cafile) if settings.kafka_ssl_cafile else None
    context = ssl.create_default_context(cafile=cafile)
    if settings.kafka_ssl_certfile is not None:
        key_password = settings.kafka_ssl_key_password
        context.load_cert_chain(
            str(settings.kafka_ssl_certfile),
            str(settings.kafka_ssl_keyfile) if settings.kafka_ssl_keyfile else None,
            key_password.get_secret_value() if key_password else None,
        )
    return context


def broker_security(settings: CommonSettings) -> BaseSecurity | None:
    """FastStream's security object for the settings; None for plain PLAINTEXT."""
    context = ssl_context(settings)
    if settings.kafka_sasl_mechanism is None:
        return BaseSecurity(ssl_context=context) if context is not None else None
    password = settings.kafka_sasl_password
    return _SASL_CLASSES[settings.kafka_sasl_mechanism](
        username=settings.kafka_sasl_username or "",
        password=password.get_secret_value() if password else "",
        ssl_context=context,
        use_ssl=context is not None,
    )


def client_options(settings: CommonSettings) -> dict[str, Any]:
    """aiokafka keyword arguments (e.g. for AIOKafkaAdminClient), the same FastStream passes."""
    options: dict[str, Any] = parse_security(broker_security(settings))
    return options
