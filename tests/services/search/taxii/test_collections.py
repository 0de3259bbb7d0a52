"""Collections from collections.yaml, with per-partner read and write (sections 5.1, 5.2)."""

from __future__ import annotations

import pytest
from requests.exceptions import HTTPError
from taxii2client.exceptions import AccessError

from tests.support.taxii_objects import indicator, stix_id
from tests.support.taxii_server import CATALOG, MEDIA, TaxiiServer, in_thread


def rights(api_root: object) -> dict[str, tuple[bool, bool]]:
    return {c.alias: (c.can_read, c.can_write) for c in api_root.collections}  # type: ignore[attr-defined]


async def test_collections_list_shows_each_partner_its_own_rights(taxii: TaxiiServer) -> None:
    police = taxii.api_root("nl-police")
    bank = taxii.api_root("lu-bank")
    await in_thread(police.refresh_collections)
    await in_thread(bank.refresh_collections)
    assert rights(police) == {
        "all": (True, True),
        "shareable": (True, False),
        "fraud": (True, False),
        "ransomware": (True, False),
        "cert-network": (True, True),
        "drop-box": (False, True),
    }
    # lu-bank is in no sharing group: the CERT network collection is hidden from it.
    assert "cert-network" not in rights(bank)
    assert [c.id for c in police.collections] == [c.id for c in CATALOG.collections]


async def test_hidden_collection_is_404_for_an_outsider(taxii: TaxiiServer) -> None:
    collection = taxii.collection("lu-bank", "cert-network")
    with pytest.raises(HTTPError) as raised:
        await in_thread(collection.get_objects)
    response = raised.value.response
    assert response is not None and response.status_code == 404


async def test_partner_who_may_not_read_gets_403(taxii: TaxiiServer) -> None:
    await taxii.store.add([indicator(1)])
    collection = taxii.collection("be-cert", "drop-box")
    await in_thread(collection.refresh)
    assert (collection.can_read, collection.can_write) == (False, True)
    # taxii2-client believes can_read and refuses by itself; the server refuses too.
    with pytest.raises(AccessError):
        await in_thread(collection.get_objects)
    async with taxii.http("be-cert") as client:
        for resource in ("objects/", "manifest/", f"objects/{stix_id('indicator', 1)}/"):
            response = await client.get(taxii.collection_url("drop-box") + resource)
            assert response.status_code == 403, resource
            assert "may not read" in response.json()["description"]


async def test_reader_without_write_gets_403_on_post(taxii: TaxiiServer) -> None:
    collection = taxii.collection("be-cert", "shareable")
    await in_thread(collection.refresh)
    assert (collection.can_read, collection.can_write) == (True, False)
    async with taxii.http("be-cert", **{"Content-Type": MEDIA}) as client:
        response = await client.post(
            taxii.collection_url("shareable") + "objects/", json={"objects": [indicator(2)]}
        )
    assert response.status_code == 403
    assert "may not add objects" in response.json()["description"]


async def test_collection_by_alias(taxii: TaxiiServer) -> None:
    async with taxii.http("be-cert") as client:
        response = await client.get(f"{taxii.api_root_url}collections/fraud/")
    assert response.status_code == 200
    assert response.json()["id"] == CATALOG.find("fraud").id  # type: ignore[union-attr]
