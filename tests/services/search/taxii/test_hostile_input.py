"""Bad input to any TAXII endpoint is a 4xx TAXII error message (JSON, `application/taxii+json`),
never a plain-text 500; a POST is judged by the producers' intake limits like any submission."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from fastapi import FastAPI

from services.embedded.broker import free_port
from services.search.taxii import (
    Catalog,
    IntakeClient,
    TaxiiDeps,
    TaxiiOptions,
    create_taxii_router,
)
from services.search.taxii.submit import Submitted
from shared.http_server import start_server, stop_server
from shared.models.report import TLP
from shared.partners import PartnerRegistry
from shared.store.sqlite import SqliteStore
from tests.support.partner_stix import END_OF_TIME, attack_pattern, indicator, many_objects
from tests.support.taxii_server import MEDIA, TaxiiServer


def assert_taxii_error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/taxii+json"), response.headers
    body: dict[str, Any] = response.json()
    assert body["http_status"] == str(status) and body["description"]
    return body


async def post_envelope(taxii: TaxiiServer, body: bytes) -> httpx.Response:
    async with taxii.http("be-cert", **{"Content-Type": MEDIA}) as client:
        return await client.post(f"{taxii.collection_url('all')}objects/", content=body)


@pytest.mark.parametrize("depth", [400, 900])
async def test_deeply_nested_envelopes_are_a_taxii_422(taxii: TaxiiServer, depth: int) -> None:
    head = orjson.dumps({"objects": [attack_pattern()]})[:-3]
    body = head + b',"x_deep":' + b'{"x":' * depth + b"1" + b"}" * depth + b"}]}"
    error = assert_taxii_error(await post_envelope(taxii, body), 422)
    assert "CRIMEFEED_MAX_JSON_DEPTH" in " ".join([error["description"], *error["details"]["errors"]])


async def test_a_version_at_the_end_of_time_is_a_taxii_422_naming_the_field(taxii: TaxiiServer) -> None:
    body = orjson.dumps({"objects": [attack_pattern(modified=END_OF_TIME)]})
    error = assert_taxii_error(await post_envelope(taxii, body), 422)
    [problem] = error["details"]["errors"]
    assert problem.startswith("objects[0].modified: timestamp too far in the future")


async def test_a_pattern_of_hundreds_of_parentheses_is_a_taxii_422(taxii: TaxiiServer) -> None:
    parenthesised = indicator("(" * 500 + "[domain-name:value = 'x.example']" + ")" * 500)
    error = assert_taxii_error(await post_envelope(taxii, orjson.dumps({"objects": [parenthesised]})), 422)
    assert "nests brackets deeper" in " ".join(error["details"]["errors"])


async def test_an_envelope_of_100000_objects_is_a_taxii_413(taxii: TaxiiServer) -> None:
    body = orjson.dumps({"objects": many_objects(100_000)})
    assert_taxii_error(await post_envelope(taxii, body), 413)


async def test_malformed_json_is_a_taxii_400(taxii: TaxiiServer) -> None:
    assert_taxii_error(await post_envelope(taxii, b'{"objects": [}'), 400)
    assert_taxii_error(await post_envelope(taxii, b'{"a":' * 2000 + b"1" + b"}" * 2000), 400)


@pytest.mark.parametrize(
    "query",
    [
        {"added_after": END_OF_TIME},
        {"added_after": "not a time"},
        {"limit": "1" + "0" * 40},
        {"limit": "-1"},
        {"next": "garbage"},
        {"match[version]": "9999-99-99T99:99:99Z"},
        {"match[type]": "Bad Type"},
        {"match[id]": "x" * 5000},
    ],
)
async def test_bad_query_parameters_are_a_taxii_4xx(taxii: TaxiiServer, query: dict[str, str]) -> None:
    async with taxii.http("be-cert") as client:
        for path in ("objects/", "manifest/"):
            response = await client.get(f"{taxii.collection_url('all')}{path}", params=query)
            assert response.status_code < 500, response.text
            if response.status_code >= 400:
                assert_taxii_error(response, response.status_code)


Submit = Callable[[bytes, str], Awaitable[Submitted]]


async def post_through(tmp_path: Path, submit: Submit) -> httpx.Response:
    """POST one object to a TAXII server whose intake is `submit`; the server's answer."""
    registry = PartnerRegistry.in_data_dir(tmp_path)
    key = registry.add("be-cert", TLP.AMBER)
    store = await SqliteStore.open(tmp_path / "store.sqlite3")
    deps = TaxiiDeps(
        store=store,
        registry=registry,
        pseudonym_key=b"k",
        catalog=Catalog.load(),
        submit=submit,
        options=TaxiiOptions(),
    )
    app = FastAPI()
    app.include_router(create_taxii_router(deps))
    port = free_port()
    server, task = await start_server(app, "127.0.0.1", port)
    collection = Catalog.load().find("all")
    assert collection is not None
    url = f"http://127.0.0.1:{port}/taxii2/crimefeed/collections/{collection.id}/objects/"
    try:
        async with httpx.AsyncClient(auth=("be-cert", key), headers={"Accept": MEDIA}) as client:
            body = orjson.dumps({"objects": [attack_pattern()]})
            return await client.post(url, content=body, headers={"Content-Type": MEDIA})
    finally:
        await stop_server(server, task)
        await store.close()


async def test_producers_out_of_reach_is_a_taxii_503(tmp_path: Path) -> None:
    intake = IntakeClient(f"http://127.0.0.1:{free_port()}", b"token")
    try:
        response = await post_through(tmp_path, intake)
    finally:
        await intake.aclose()
    assert "unreachable" in assert_taxii_error(response, 503)["description"]


async def test_an_unexpected_fault_is_a_taxii_500_in_json(tmp_path: Path) -> None:
    async def broken(body: bytes, partner_id: str) -> Submitted:
        raise RuntimeError("a fault this server did not foresee")

    error = assert_taxii_error(await post_through(tmp_path, broken), 500)
    assert "did not foresee" not in error["description"]
