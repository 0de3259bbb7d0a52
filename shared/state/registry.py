"""The registry of state files (data: ``state_files.yaml`` beside this module).

What each file under the data directory holds, which service owns it and how to back it up.
The operator's guide (docs/operations.md, "Back up and restore") and docs/architecture.md
("The state") are tested against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast, get_args

from shared.data_files import parse_yaml

Kind = Literal["sqlite", "file", "directory", "log", "runtime"]
Backup = Literal["required", "recommended", "none"]
REGISTRY_FILE = Path(__file__).with_name("state_files.yaml")


class RegistryError(ValueError):
    """The registry file is malformed (the message names the entry and field)."""


@dataclass(frozen=True)
class StateFile:
    name: str
    kind: Kind
    owner: str
    used_by: tuple[str, ...]
    code: str
    holds: str
    backup: Backup
    if_lost: str
    setting: str | None = None


def _field(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value:
        raise RegistryError(f"{where}.{key}: must be a non-empty string")
    return value


def _choice(entry: dict[str, Any], key: str, where: str, allowed: tuple[str, ...]) -> str:
    value = _field(entry, key, where)
    if value not in allowed:
        raise RegistryError(f"{where}.{key}: must be one of {', '.join(allowed)}")
    return value


def _state_file(entry: Any, position: int) -> StateFile:
    where = f"files[{position}]"
    if not isinstance(entry, dict):
        raise RegistryError(f"{where}: must be a mapping")
    used_by = entry.get("used_by")
    if not isinstance(used_by, list) or not all(isinstance(s, str) for s in used_by):
        raise RegistryError(f"{where}.used_by: must be a list of service names")
    setting = entry.get("setting")
    if setting is not None and not (isinstance(setting, str) and setting.startswith("CRIMEFEED_")):
        raise RegistryError(f"{where}.setting: must be a CRIMEFEED_ variable name")
    return StateFile(
        name=_field(entry, "name", where),
        kind=cast(Kind, _choice(entry, "kind", where, get_args(Kind))),
        owner=_field(entry, "owner", where),
        used_by=tuple(used_by),
        code=_field(entry, "code", where),
        holds=_field(entry, "holds", where),
        backup=cast(Backup, _choice(entry, "backup", where, get_args(Backup))),
        if_lost=_field(entry, "if_lost", where),
        setting=setting,
    )


def load_registry(path: Path = REGISTRY_FILE) -> tuple[StateFile, ...]:
    raw = parse_yaml(path.read_text(encoding="utf-8")) or {}
    entries = raw.get("files") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise RegistryError("files: must be a list")
    files = tuple(_state_file(entry, position) for position, entry in enumerate(entries))
    names = [f.name for f in files]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise RegistryError(f"files: names must be unique, repeated: {repeated}")
    return files


@cache
def state_files() -> tuple[StateFile, ...]:
    """The bundled registry, loaded once."""
    return load_registry()
