from __future__ import annotations

import base64
from pathlib import Path

import httpx
import pytest

from services.search.auth import CHALLENGE, AuthError, resolve_viewer
from shared.models.report import TLP
from shared.partners import PartnerRegistry
from shared.stix.ids import pseudonymize
from tests.support.search_server import SearchServer

KEY = b"secret"
SOME_ID = "report--6b4b5d0e-0f7b-5f7e-9d3c-2a6d3c1f0a11"


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.fixture
def registry(tmp_path: Path) -> PartnerRegistry:
    return PartnerRegistry.in_data_dir(tmp_path)


def test_bearer_and_basic_resolve_to_the_partners_viewer(registry: PartnerRegistry) -> None:
    key = registry.add("nl-police", TLP.AMBER, ("eu-le",))
    for header in (f"Bearer {key}", f"bearer  {key} ", basic("nl-police", key)):
        viewer = resolve_viewer(header, registry, KEY)
        assert viewer.partner_id == "nl-police"
        assert viewer.max_tlp is TLP.AMBER
        assert viewer.groups == ("eu-le",)
        assert not viewer.is_admin
        # The pseudonym the producers stamp as created_by_ref on this partner's objects.
        assert viewer.owner_id == pseudonymize("nl-police", KEY).identity_id


def test_admin_partners_are_admin_viewers(registry: PartnerRegistry) -> None:
    key = registry.add("admin", TLP.RED, is_admin=True)
    assert resolve_viewer(f"Bearer {key}", registry, KEY).is_admin


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "missing credentials"),
        ("", "missing credentials"),
        ("Bearer", "empty Bearer credentials"),
        ("Bearer not-a-key", "unknown or revoked credentials"),
        ("Digest abc", "unsupported authorization scheme 'Digest'"),
        ("Basic !!!", "malformed Basic credentials"),
        ("Basic " + base64.b64encode(b"no-colon").decode(), "malformed Basic credentials"),
    ],
)
def test_bad_credentials_are_refused_with_a_reason(
    registry: PartnerRegistry, header: str | None, message: str
) -> None:
    with pytest.raises(AuthError, match=message):
        resolve_viewer(header, registry, KEY)


def test_a_key_under_another_partners_name_is_refused(registry: PartnerRegistry) -> None:
    key = registry.add("nl-police", TLP.AMBER)
    registry.add("fr-cert", TLP.AMBER)
    with pytest.raises(AuthError, match="unknown or revoked"):
        resolve_viewer(basic("fr-cert", key), registry, KEY)


def test_revocation_and_new_partners_apply_at_once(registry: PartnerRegistry) -> None:
    key = registry.add("nl-police", TLP.AMBER)
    resolve_viewer(f"Bearer {key}", registry, KEY)
    registry.revoke("nl-police")
    with pytest.raises(AuthError):
        resolve_viewer(f"Bearer {key}", registry, KEY)


async def test_the_api_answers_401_with_both_challenges(search_server: SearchServer) -> None:
    key = search_server.partners.add("be-cert", TLP.GREEN)
    async with search_server.anonymous() as client:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": basic("be-cert", "x")}):
            for path in ("/api/v1/search", "/api/v1/trends", f"/api/v1/objects/{SOME_ID}"):
                response = await client.get(path, headers=headers)
                assert response.status_code == 401, (path, headers, response.text)
                assert response.headers["www-authenticate"] == CHALLENGE
                assert response.json()["detail"]
        ok = await client.get("/api/v1/search", headers={"Authorization": basic("be-cert", key)})
        assert ok.status_code == 200, ok.text
        search_server.partners.revoke("be-cert")
        revoked = await client.get("/api/v1/search", headers={"Authorization": f"Bearer {key}"})
        assert revoked.status_code == 401


async def test_health_needs_no_credentials(search_server: SearchServer) -> None:
    async with httpx.AsyncClient(base_url=search_server.url) as client:
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        ready = await client.get("/readyz")
        assert ready.status_code == 200, ready.text
        assert ready.json()["store"] == {"status": "ok"}
        docs = await client.get("/openapi.json")
        assert "/api/v1/search" in docs.json()["paths"]


async def test_metrics_need_the_metrics_token_not_a_partner_key(search_server: SearchServer) -> None:
    token = search_server.settings.resolved_metrics_token()
    async with search_server.anonymous() as client:
        anonymous = await client.get("/metrics")
        with_token = await client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    async with search_server.client() as client:
        admin = await client.get("/metrics")
    assert anonymous.status_code == 401 and admin.status_code == 401
    assert "crimefeed_" not in anonymous.text + admin.text
    assert with_token.status_code == 200 and "crimefeed_http_request_duration_seconds" in with_token.text
