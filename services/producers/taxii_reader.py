"""Reading one upstream TAXII 2.1 collection page by page with `taxii2-client` (synchronous).

taxii2-client returns only the JSON body of a response, but resuming needs the
`X-TAXII-Date-Added-Last` header, so the connection's session records it with a response hook.
It also sets no timeout at all; a hung upstream would hold its thread forever, so the session
gets a default one. Everything here blocks: the poller calls it through `asyncio.to_thread`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import requests
from requests.adapters import HTTPAdapter
from taxii2client.common import _HTTPConnection
from taxii2client.exceptions import TAXIIServiceException
from taxii2client.v21 import Collection, as_pages

from services.producers.taxii_sources import Credentials, TaxiiSource

DATE_ADDED_LAST = "X-TAXII-Date-Added-Last"


class CollectionNotFound(TAXIIServiceException):  # type: ignore[misc]
    """The configured collection is not offered by any API root at the configured URL."""


@dataclass(frozen=True)
class TaxiiPage:
    objects: list[dict[str, Any]]
    more: bool
    date_added_last: str | None


class BearerAuth(requests.auth.AuthBase):
    def __init__(self, scheme: str, token: str) -> None:
        self.value = f"{scheme} {token}"

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = self.value
        return request


class TimeoutAdapter(HTTPAdapter):
    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


def _auth(credentials: Credentials, token_scheme: str) -> requests.auth.AuthBase | None:
    if credentials.username is not None and credentials.password is not None:
        return requests.auth.HTTPBasicAuth(credentials.username, credentials.password)
    if credentials.token is not None:
        return BearerAuth(token_scheme, credentials.token)
    return None


class CollectionReader:
    """One source's collection; not thread-safe: one poll of a source at a time."""

    def __init__(self, source: TaxiiSource, *, timeout: float = 30.0) -> None:
        self.source = source
        config = source.config
        token_scheme = config.auth.token_scheme if config.auth else "Bearer"
        self._conn = _HTTPConnection(
            verify=config.verify_tls, version="2.1", auth=_auth(source.credentials, token_scheme)
        )
        adapter = TimeoutAdapter(timeout)
        self._conn.session.mount("http://", adapter)
        self._conn.session.mount("https://", adapter)
        self._conn.session.hooks["response"].append(self._remember_headers)
        self._last_headers: requests.structures.CaseInsensitiveDict[str] | None = None
        self._collection: Collection | None = None

    def close(self) -> None:
        self._conn.close()

    def _remember_headers(self, response: requests.Response, *_: Any, **__: Any) -> requests.Response:
        self._last_headers = response.headers
        return response

    def collection(self) -> Collection:
        """The collection, found once through discovery or directly under the API root."""
        if self._collection is None:
            self._collection = Collection(self._collection_url(), conn=self._conn)
            self._collection.refresh()
        return self._collection

    def _collection_url(self) -> str:
        config = self.source.config
        resource = self._conn.get(config.url)
        if not isinstance(resource, dict):
            raise TAXIIServiceException(f"{config.url} did not answer with a TAXII resource")
        if "api_roots" not in resource:
            return f"{config.url}collections/{config.collection}/"
        for root in resource.get("api_roots") or []:
            root_url = urljoin(config.url, root)
            root_url = root_url if root_url.endswith("/") else root_url + "/"
            collections = self._conn.get(f"{root_url}collections/").get("collections", [])
            if any(item.get("id") == config.collection for item in collections):
                return f"{root_url}collections/{config.collection}/"
        raise CollectionNotFound(f"no API root under {config.url} offers collection {config.collection}")

    def pages(self, added_after: str | None) -> Iterator[TaxiiPage]:
        """Everything added after `added_after` (all if None), oldest first, one page per step."""
        collection = self.collection()
        filters = {"added_after": added_after} if added_after else {}
        for envelope in as_pages(collection.get_objects, per_request=self.source.config.page_size, **filters):
            headers = self._last_headers
            yield TaxiiPage(
                objects=list(envelope.get("objects") or []),
                more=bool(envelope.get("more", False)),
                date_added_last=headers.get(DATE_ADDED_LAST) if headers is not None else None,
            )
