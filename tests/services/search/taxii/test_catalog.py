"""The collections file: checked at load, with errors that name the collection and field."""

from __future__ import annotations

import pytest

from services.search.taxii.catalog import Catalog, CatalogError
from shared.access import Viewer
from shared.models.report import TLP

ID = "2f784c51-9e86-444f-b3ee-e35b0c7cbd5d"


def test_bundled_collections_load_with_unique_ids_and_aliases() -> None:
    catalog = Catalog.load()
    assert len({c.id for c in catalog.collections}) == len(catalog.collections) >= 5


def test_alias_must_be_unique() -> None:
    """Section 5.2.1, alias: "If defined, the alias MUST be unique within a single api-root"."""
    other = "53b83cb0-67c6-4385-a6fc-fa95c1b1dfc6"
    with pytest.raises(CatalogError, match="alias"):
        Catalog.from_mapping(
            {
                "collections": [
                    {"id": ID, "title": "a", "alias": "x"},
                    {"id": other, "title": "b", "alias": "x"},
                ]
            }
        )


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        ({"id": "nope", "title": "t"}, "collections[0].id"),
        ({"id": ID, "title": "t", "scope": {"colour": ["red"]}}, "collections[0].scope"),
        ({"id": ID, "title": "t", "scope": {"tlps": ["purple"]}}, "collections[0].scope.tlps"),
        ({"id": ID, "title": "t", "read": {"everyone": True}}, "collections[0].read"),
    ],
)
def test_bad_collection_names_the_field(raw: dict[str, object], named: str) -> None:
    with pytest.raises(CatalogError, match=named.replace("[", r"\[").replace("]", r"\]")):
        Catalog.from_mapping({"collections": [raw]})


def test_group_grant_admits_members_only() -> None:
    catalog = Catalog.from_mapping({"collections": [{"id": ID, "title": "t", "read": {"groups": ["g"]}}]})
    collection = catalog.collections[0]
    member = Viewer("a", TLP.GREEN, "identity--a", groups=("g",))
    outsider = Viewer("b", TLP.GREEN, "identity--b")
    assert collection.can_read(member) and not collection.visible_to(outsider)
