"""Out-of-range and malformed parameters a careless or hostile partner sends to the search API are a
4xx with a JSON message naming the parameter, never a 500."""

from __future__ import annotations

import pytest

from tests.support.search_server import SearchServer

END_OF_TIME = "9999-12-31T23:59:59.999999Z"


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/search", {"date_from": END_OF_TIME}),
        ("/api/v1/search", {"date_to": "0001-01-01T00:00:00Z"}),
        ("/api/v1/search", {"date_from": "99999-01-01"}),
        ("/api/v1/search", {"limit": "1" + "0" * 40}),
        ("/api/v1/search", {"cursor": "x" * 10_000}),
        ("/api/v1/search", {"q": "(" * 2000 + "a" + ")" * 2000}),
        ("/api/v1/search", {"q": " OR ".join(["a"] * 5000)}),
        ("/api/v1/search", {"q": '"' * 501}),
        ("/api/v1/search", {"sort": "-" * 100}),
        ("/api/v1/search", {"facets": ",".join(["category"] * 1000)}),
        ("/api/v1/trends", {"date_from": END_OF_TIME, "interval": "month"}),
        ("/api/v1/trends", {"date_to": END_OF_TIME, "interval": "day"}),
        ("/api/v1/objects/indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", {"version": END_OF_TIME}),
        ("/api/v1/objects/indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", {"version": "9" * 400}),
    ],
)
async def test_bad_parameters_are_a_json_4xx_or_an_answer(
    search_server: SearchServer, path: str, params: dict[str, str]
) -> None:
    async with search_server.client() as client:
        response = await client.get(path, params=params)
    assert response.status_code < 500, response.text
    assert response.headers["content-type"].startswith("application/json")
    if response.status_code >= 400:
        assert response.json()["detail"]
