"""Cheap structural validation of incoming bundles and objects, on the hot path.

The OASIS validator costs ~3.5 ms an object, so it runs in tests only. Here each
object gets the checks that keep garbage out of the feed and out of the dedup state: a dict with
a well-formed type and id, spec_version 2.1, valid timestamps, well-formed references, and the
properties its type requires. An object that fails is rejected alone; the rest of its bundle
goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_TYPE = re.compile(r"^[a-z0-9](?:-?[a-z0-9])*$")
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_ID = re.compile(rf"^([a-z0-9](?:-?[a-z0-9])*)--{_UUID}$")
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$")

# STIX 2.1 cyber-observable types: spec_version, created and modified are optional for them.
SCO_TYPES = frozenset(
    {
        "artifact",
        "autonomous-system",
        "directory",
        "domain-name",
        "email-addr",
        "email-message",
        "file",
        "ipv4-addr",
        "ipv6-addr",
        "mac-addr",
        "mutex",
        "network-traffic",
        "process",
        "software",
        "url",
        "user-account",
        "windows-registry-key",
        "x509-certificate",
        "cryptocurrency-wallet",
        "phone-number",
    }
)
# Objects without `modified` by design (TLP marking definitions are immutable).
_NO_MODIFIED = frozenset({"marking-definition"})

# Properties the spec requires per type, beyond the common ones (only the types we route).
REQUIRED: dict[str, tuple[str, ...]] = {
    "attack-pattern": ("name",),
    "campaign": ("name",),
    "course-of-action": ("name",),
    "identity": ("name",),
    "indicator": ("pattern", "pattern_type", "valid_from"),
    "infrastructure": ("name",),
    "intrusion-set": ("name",),
    "malware": ("is_family",),
    "note": ("content", "object_refs"),
    "observed-data": ("first_observed", "last_observed", "number_observed"),
    "opinion": ("opinion", "object_refs"),
    "report": ("name", "published", "object_refs"),
    "threat-actor": ("name",),
    "tool": ("name",),
    "vulnerability": ("name",),
    "relationship": ("relationship_type", "source_ref", "target_ref"),
    "sighting": ("sighting_of_ref",),
    "grouping": ("context", "object_refs"),
    "extension-definition": ("name", "schema", "version", "extension_types", "created_by_ref"),
    "domain-name": ("value",),
    "url": ("value",),
    "ipv4-addr": ("value",),
    "ipv6-addr": ("value",),
    "email-addr": ("value",),
}
_TIMESTAMP_PROPERTIES = (
    "created",
    "modified",
    "valid_from",
    "valid_until",
    "published",
    "first_seen",
    "last_seen",
    "first_observed",
    "last_observed",
)


class InvalidBundle(ValueError):
    """The message is JSON but not a STIX 2.1 bundle: the whole message is dead-lettered."""


@dataclass(frozen=True, slots=True)
class Rejection:
    """An object of a bundle that failed validation, and why."""

    index: int
    object: Any
    reason: str


def bundle_objects(value: Any) -> list[Any]:
    """The `objects` of a bundle; raises InvalidBundle when `value` is not a bundle."""
    if not isinstance(value, dict):
        raise InvalidBundle(f"value is JSON {type(value).__name__}, expected a STIX bundle object")
    if value.get("type") != "bundle":
        raise InvalidBundle(f"value has type {value.get('type')!r}, expected 'bundle'")
    bundle_id = value.get("id")
    if not isinstance(bundle_id, str) or not bundle_id.startswith("bundle--") or not _ID.match(bundle_id):
        raise InvalidBundle(f"bundle id {bundle_id!r} is not bundle--<uuid>")
    objects = value.get("objects", [])
    if not isinstance(objects, list):
        raise InvalidBundle("bundle `objects` is not a list")
    return objects


def _check_ref(name: str, value: Any) -> str | None:
    if not isinstance(value, str) or not _ID.match(value):
        return f"{name} {value!r} is not a STIX identifier"
    return None


def object_error(obj: Any) -> str | None:
    """Why `obj` is not a valid STIX 2.1 object, or None when it passes."""
    if not isinstance(obj, dict):
        return f"object is JSON {type(obj).__name__}, expected an object"
    stix_type = obj.get("type")
    if not isinstance(stix_type, str) or not _TYPE.match(stix_type) or not 3 <= len(stix_type) <= 250:
        return f"type {stix_type!r} is not a STIX type name"
    if stix_type == "bundle":
        return "a bundle inside a bundle is not allowed"
    object_id = obj.get("id")
    match = _ID.match(object_id) if isinstance(object_id, str) else None
    if match is None or match.group(1) != stix_type:
        return f"id {object_id!r} is not {stix_type}--<uuid>"
    is_sco = stix_type in SCO_TYPES
    spec_version = obj.get("spec_version")
    if spec_version != "2.1" and not (is_sco and spec_version is None):
        return f"spec_version {spec_version!r} is not '2.1'"
    if not is_sco:
        required_times = ("created",) if stix_type in _NO_MODIFIED else ("created", "modified")
        for name in required_times:
            if name not in obj:
                return f"required property {name!r} is missing"
    for name in _TIMESTAMP_PROPERTIES:
        value = obj.get(name)
        if value is not None and (not isinstance(value, str) or not _TIMESTAMP.match(value)):
            return f"{name} {value!r} is not a STIX timestamp"
    # Timestamps of one format compare correctly as strings, fraction digits aside; only a
    # clear inversion (different second) is rejected.
    created, modified = obj.get("created"), obj.get("modified")
    if isinstance(created, str) and isinstance(modified, str) and modified[:19] < created[:19]:
        return f"modified {modified} is before created {created}"
    for name in REQUIRED.get(stix_type, ()):
        if obj.get(name) in (None, "", []) and name != "is_family":
            return f"required property {name!r} is missing"
        if name == "is_family" and not isinstance(obj.get(name), bool):
            return "required property 'is_family' is missing or not a boolean"
    for name, value in obj.items():
        if name.endswith("_ref") and name != "extension_type":
            error = _check_ref(name, value)
            if error:
                return error
        elif name.endswith("_refs"):
            if not isinstance(value, list):
                return f"{name} is not a list"
            for ref in value:
                error = _check_ref(name, ref)
                if error:
                    return error
    extensions = obj.get("extensions")
    if extensions is not None and not isinstance(extensions, dict):
        return "extensions is not an object"
    return None


def split_valid(objects: list[Any]) -> tuple[list[dict[str, Any]], list[Rejection]]:
    """The valid objects of a bundle, and the rejected ones with their reasons."""
    valid: list[dict[str, Any]] = []
    rejected: list[Rejection] = []
    for index, obj in enumerate(objects):
        error = object_error(obj)
        if error is None:
            valid.append(obj)
        else:
            rejected.append(Rejection(index, obj, error))
    return valid, rejected
