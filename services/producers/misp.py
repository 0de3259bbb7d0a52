"""MISP events to STIX 2.1 bundles, with the `misp-stix` converter (MISP project's own library).

Accepted shapes, recognized by their keys (what MISP's UI exports and its REST API answers):
``{"Event": {...}}``, a list of those, and ``{"response": [{"Event": {...}}, ...]}``.
The bundle then takes the same path as any submitted bundle, anonymization included.
"""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from shared.anonymization.word_lists import checked, data_file
from shared.data_files import parse_yaml

PERSONAL_DATA_FILE = Path(__file__).with_name("misp_personal.yaml")


@dataclass(frozen=True, slots=True)
class MispPersonal:
    """MISP attribute types and object names that are personal data (misp_personal.yaml)."""

    attribute_types: frozenset[str]
    object_names: frozenset[str]
    # Personal whatever to_ids says (a target is a victim by definition).
    always_types: frozenset[str] = frozenset()
    # Host names, personal when they are no fully qualified name (a computer's name).
    host_types: frozenset[str] = frozenset()
    # (object name, relation) of an object's attributes personal whatever to_ids says.
    relations: frozenset[tuple[str, str]] = frozenset()


class MispPersonalFile(BaseModel):
    attribute_types: list[str]
    object_names: list[str]
    always_personal_types: list[str] = []
    host_name_types: list[str] = []
    always_personal_relations: dict[str, list[str]] = {}


@cache
def load_misp_personal(path: Path = PERSONAL_DATA_FILE) -> MispPersonal:
    data = parse_yaml(path.read_text(encoding="utf-8"))
    return MispPersonal(
        frozenset(data["attribute_types"]),
        frozenset(data["object_names"]),
        frozenset(data.get("always_personal_types") or ()),
        frozenset(data.get("host_name_types") or ()),
        frozenset(
            (str(name), str(relation))
            for name, relations in (data.get("always_personal_relations") or {}).items()
            for relation in relations
        ),
    )


def misp_personal(word_lists: Path | None) -> MispPersonal:
    """The bundled list, or the operator's misp_personal.yaml in the word-list directory (checked:
    WordListError naming the file when malformed)."""
    return checked(data_file(word_lists, PERSONAL_DATA_FILE), MispPersonalFile, load_misp_personal)


class MISPConversionError(ValueError):
    """A MISP event that cannot become a bundle; the message says why."""


def is_misp_event(value: Any) -> bool:
    return isinstance(value, dict) and "Event" in value


def is_misp_payload(value: Any) -> bool:
    """An event, a list of events or a REST search response."""
    if is_misp_event(value):
        return True
    if isinstance(value, dict) and isinstance(value.get("response"), list):
        return all(is_misp_event(entry) for entry in value["response"])
    return isinstance(value, list) and bool(value) and all(is_misp_event(entry) for entry in value)


def misp_events(value: Any) -> Iterator[Any]:
    """The events of any accepted shape, in order (their index is their position)."""
    if is_misp_event(value):
        yield value
    elif isinstance(value, dict):
        yield from value["response"]
    else:
        yield from value


def _check_event(wrapper: dict[str, Any]) -> dict[str, Any]:
    event = wrapper["Event"]
    if not isinstance(event, dict):
        raise MISPConversionError("'Event' must be a JSON object")
    info = event.get("info")
    if not isinstance(info, str) or not info.strip():
        raise MISPConversionError("the event has no 'info' (its title)")
    attributes = event.get("Attribute", [])
    if not isinstance(attributes, list):
        raise MISPConversionError("'Attribute' must be a list")
    for index, attribute in enumerate(attributes):
        if not isinstance(attribute, dict) or attribute.get("value") in (None, ""):
            raise MISPConversionError(f"attribute #{index} has no value")
    return event


def misp_to_bundle(wrapper: dict[str, Any], personal: MispPersonal | None = None) -> dict[str, Any]:
    """One MISP event as a STIX 2.1 bundle (a dict, as if read from a bundle file), without the
    personal data `personal` lists (the bundled list when None)."""
    _check_event(wrapper)
    wrapper = without_personal_data(wrapper, personal)
    # Imported on the first MISP event, not with the module: misp-stix takes seconds to import,
    # and every producers process and `crimefeed` command would pay them at start-up.
    from misp_stix_converter import MISPtoSTIX21Parser

    parser = MISPtoSTIX21Parser()
    # pymisp logs each field it cannot load; our own check above already names what matters.
    logging.getLogger("pymisp").setLevel(logging.CRITICAL)
    try:
        parser.parse_misp_event(wrapper)
        bundle: dict[str, Any] = json.loads(parser.bundle.serialize())
    except Exception as error:  # a third-party converter: any failure of it is this event's
        raise MISPConversionError(
            f"misp-stix could not convert it: {type(error).__name__}: {error}"
        ) from error
    if not bundle.get("objects"):
        raise MISPConversionError("misp-stix produced no STIX objects from it")
    return bundle


def is_machine_name(value: Any) -> bool:
    """A host name with no dot (before a "|port" or "|ip" part): a computer's name on its own
    network ("LAPTOP-JANED"), not a name in the DNS."""
    if not isinstance(value, str):
        return False
    host = value.split("|", 1)[0].strip().rstrip(".")
    return bool(host) and "." not in host and ":" not in host


def _is_personal(attribute: Any, listed: MispPersonal) -> bool:
    if not isinstance(attribute, dict):
        return False
    kind = attribute.get("type")
    if kind in listed.always_types:
        return True
    if kind in listed.host_types and is_machine_name(attribute.get("value")):
        return True
    return kind in listed.attribute_types and not attribute.get("to_ids")


def without_personal_data(wrapper: dict[str, Any], personal: MispPersonal | None = None) -> dict[str, Any]:
    """A copy of the event without person objects and person-data attributes that are not
    indicators (see misp_personal.yaml): misp-stix would turn them into observables and
    identities that the text anonymizer cannot recognise as a victim's (a bare mailbox, a date)."""
    listed = personal if personal is not None else load_misp_personal()
    object_names = listed.object_names
    event = copy.deepcopy(wrapper["Event"])
    event["Attribute"] = [a for a in event.get("Attribute", []) if not _is_personal(a, listed)]
    objects = []
    for misp_object in event.get("Object", []) or []:
        if not isinstance(misp_object, dict) or misp_object.get("name") in object_names:
            continue
        attributes = misp_object.get("Attribute", [])
        if isinstance(attributes, list):
            name = misp_object.get("name")
            misp_object["Attribute"] = [
                a
                for a in attributes
                if not _is_personal(a, listed)
                and not (isinstance(a, dict) and (name, a.get("object_relation")) in listed.relations)
            ]
            if not misp_object["Attribute"]:
                continue
        objects.append(misp_object)
    if "Object" in event:
        event["Object"] = objects
    return {**wrapper, "Event": event}
