"""Discovery and API root through taxii2-client (sections 4.1, 4.2)."""

from __future__ import annotations

from tests.support.taxii_server import MEDIA, TaxiiServer, in_thread


async def test_discovery_advertises_the_api_root(taxii: TaxiiServer) -> None:
    server = taxii.server("be-cert")
    await in_thread(server.refresh)
    assert server.title == taxii.options.title
    assert [root.url for root in server.api_roots] == [taxii.api_root_url]
    assert server.default.url == taxii.api_root_url


async def test_api_root_information(taxii: TaxiiServer) -> None:
    api_root = taxii.api_root("be-cert")
    await in_thread(api_root.refresh_information)
    assert api_root.versions == [MEDIA]
    assert api_root.max_content_length == 64 * 1024


async def test_unknown_api_root_is_404_in_taxii_format(taxii: TaxiiServer) -> None:
    async with taxii.http("be-cert") as client:
        response = await client.get("/taxii2/elsewhere/")
    assert response.status_code == 404
    assert response.headers["content-type"] == MEDIA
    assert "elsewhere" in response.json()["description"]


async def test_taxii_requests_are_audited(taxii: TaxiiServer) -> None:
    async with taxii.http("lu-bank") as client:
        assert (await client.get("/taxii2/")).status_code == 200
    lines = taxii.audit_path.read_text().splitlines()
    assert any('"partner":"lu-bank"' in line and '"endpoint":"/taxii2/"' in line for line in lines)
