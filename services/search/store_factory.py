"""The store the settings ask for: OpenSearch where CRIMEFEED_OPENSEARCH_URL is set, else SQLite."""

from __future__ import annotations

from urllib.parse import urlsplit

from services.search.settings import SearchSettings
from shared.store.base import Store


async def open_store(settings: SearchSettings) -> Store:
    """Connect (OpenSearch) or open (SQLite) the store, its indices or schema ready."""
    if settings.opensearch_url:
        from shared.store.opensearch import OpenSearchStore

        password = settings.opensearch_password
        return await OpenSearchStore.open(
            settings.opensearch_url,
            prefix=settings.opensearch_index_prefix,
            username=settings.opensearch_username,
            password=password.get_secret_value() if password is not None else None,
            verify_certs=settings.opensearch_verify_certs,
            ca_certs=str(settings.opensearch_ca_certs) if settings.opensearch_ca_certs else None,
        )
    from shared.store.sqlite import SqliteStore

    return await SqliteStore.open(settings.resolved_store_path)


def describe_store(settings: SearchSettings) -> str:
    """Where the data lives, for the start-up banner (never prints credentials in a URL)."""
    if settings.opensearch_url:
        parts = urlsplit(settings.opensearch_url)
        port = f":{parts.port}" if parts.port else ""
        return f"OpenSearch at {parts.scheme}://{parts.hostname}{port}"
    return f"SQLite at {settings.resolved_store_path}"
