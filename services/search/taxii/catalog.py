"""The TAXII collections (a data file, ``collections.yaml``) and who may read or write each.

Access answers, per caller: ``can_read``/``can_write`` of the collection resource. Choice for a
caller who may do neither: the collection is hidden (left out of the list, 404 on its
endpoints), since such a partner has no need to learn that it exists. A caller who may do one
of the two gets 403 on the other (section 5.4 and 5.5 allow 403 or 404).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from shared.access import Viewer
from shared.data_files import parse_yaml
from shared.models.report import TLP
from shared.store.base import Filters

DEFAULT_COLLECTIONS_FILE = Path(__file__).with_name("collections.yaml")
EVERY_PARTNER = "*"
_FILTER_FIELDS = frozenset(f.name for f in fields(Filters)) - {"date_from", "date_to"}


class CatalogError(ValueError):
    """A collections file that cannot be used; names the collection and the field."""


@dataclass(frozen=True)
class Grant:
    partners: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()

    def admits(self, viewer: Viewer) -> bool:
        if viewer.is_admin or EVERY_PARTNER in self.partners or viewer.partner_id in self.partners:
            return True
        return not self.groups.isdisjoint(viewer.groups)


@dataclass(frozen=True)
class Collection:
    id: str
    title: str
    description: str = ""
    alias: str | None = None
    scope: Filters = field(default_factory=Filters)
    read: Grant = field(default_factory=Grant)
    write: Grant = field(default_factory=Grant)

    def can_read(self, viewer: Viewer) -> bool:
        return self.read.admits(viewer)

    def can_write(self, viewer: Viewer) -> bool:
        return self.write.admits(viewer)

    def visible_to(self, viewer: Viewer) -> bool:
        return self.can_read(viewer) or self.can_write(viewer)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise CatalogError(f"{where}: must be a list of strings")
    return tuple(value)


def _grant(raw: Any, where: str) -> Grant:
    if raw is None:
        return Grant()
    if not isinstance(raw, dict) or set(raw) - {"partners", "groups"}:
        raise CatalogError(f"{where}: must be a mapping with 'partners' and/or 'groups'")
    return Grant(
        frozenset(_strings(raw.get("partners"), f"{where}.partners")),
        frozenset(_strings(raw.get("groups"), f"{where}.groups")),
    )


def _scope(raw: Any, where: str) -> Filters:
    if raw is None:
        return Filters()
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: must be a mapping of filter fields")
    unknown = set(raw) - _FILTER_FIELDS
    if unknown:
        raise CatalogError(f"{where}: unknown fields {sorted(unknown)}; use {sorted(_FILTER_FIELDS)}")
    values: dict[str, Any] = {name: _strings(value, f"{where}.{name}") for name, value in raw.items()}
    if "tlps" in values:
        try:
            values["tlps"] = tuple(TLP(level) for level in values["tlps"])
        except ValueError as error:
            raise CatalogError(f"{where}.tlps: {error}") from error
    return Filters(**values)


def _collection(raw: Any, position: int) -> Collection:
    where = f"collections[{position}]"
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: must be a mapping")
    try:
        collection_id = str(uuid.UUID(str(raw.get("id"))))
    except ValueError as error:
        raise CatalogError(f"{where}.id: must be a UUID, got {raw.get('id')!r}") from error
    title = raw.get("title")
    if not isinstance(title, str) or not title:
        raise CatalogError(f"{where}.title: required")
    return Collection(
        id=collection_id,
        title=title,
        description=str(raw.get("description", "")),
        alias=raw.get("alias"),
        scope=_scope(raw.get("scope"), f"{where}.scope"),
        read=_grant(raw.get("read"), f"{where}.read"),
        write=_grant(raw.get("write"), f"{where}.write"),
    )


@dataclass(frozen=True)
class Catalog:
    """The collections of the API root, in file order (a consistent sort order, section 3.3)."""

    collections: Sequence[Collection]

    def __post_init__(self) -> None:
        for key in ("id", "alias"):
            seen = [getattr(c, key) for c in self.collections if getattr(c, key) is not None]
            duplicates = {value for value in seen if seen.count(value) > 1}
            if duplicates:
                raise CatalogError(f"collections: {key} must be unique, repeated: {sorted(duplicates)}")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Catalog:
        raw = data.get("collections")
        if not isinstance(raw, list):
            raise CatalogError("collections: must be a list")
        return cls(tuple(_collection(item, position) for position, item in enumerate(raw)))

    @classmethod
    def load(cls, path: Path | None = None) -> Catalog:
        """The collections file (CRIMEFEED_TAXII_COLLECTIONS, else the bundled one); a file that
        cannot be read or used is a CatalogError naming it, so the service refuses to start."""
        source = path or DEFAULT_COLLECTIONS_FILE
        try:
            data = parse_yaml(source.read_text(encoding="utf-8")) or {}
            if not isinstance(data, Mapping):
                raise CatalogError("must be a mapping with a 'collections' list")
            return cls.from_mapping(data)
        except CatalogError as error:
            raise CatalogError(f"{source}: {error}") from error
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise CatalogError(f"{source}: cannot be read as YAML ({type(error).__name__})") from error

    def find(self, key: str) -> Collection | None:
        """By id or alias (section 5.2.1: an alias can stand for the id in URLs)."""
        return next((c for c in self.collections if key in (c.id, c.alias)), None)

    def visible(self, viewer: Viewer) -> Iterable[Collection]:
        return (c for c in self.collections if c.visible_to(viewer))
