"""Which topics an enriched object goes to, decided by the object's own TLP alone.

- Every object goes to ``topics.objects`` (the internal stream the search service indexes;
  TLP is enforced again there, per query).
- TLP:CLEAR, GREEN, AMBER and AMBER+STRICT objects also go to ``topics.feed(tlp)``.
- TLP:RED objects go only to ``topics.red_feed(partner)`` for each recipient named in
  crimefeed's extension, never to a shared feed; a red object without recipients reaches no feed.

An object's TLP is its own marking (``object_marking_refs``), never its report's or a related
object's, so an attack-pattern shared by an AMBER and a RED report is routed by its own marking.
If crimefeed's ``tlp`` property disagrees with the marking, the stricter of the two applies.

No TLP at all: treated as AMBER. Why AMBER: it is the level an MO report gets when the partner
names none (``MOReport.tlp`` defaults to AMBER) and the producers mark partner bundles with that
default too, so an unmarked object here has slipped past them and should be treated as the
producers would have treated it; FIRST's TLP 2.0 gives no default, and CLEAR or GREEN would
publish what the source never released. RED is not usable as a default: it needs named
recipients, so the object would reach no subscriber at all.

Exception: the definitions consumers need to read anything (marking-definitions,
extension-definitions and crimefeed's own identity) carry no marking and are public, so they
go to the CLEAR feed, which every subscriber may read. One with a TLP marking of its own is
routed by it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from shared.kafka.topics import Topics
from shared.models.report import TLP
from shared.stix.extension import EXTENSION_ID, IDENTITY_ID
from shared.stix.markings import strictest, tlp_of

UNMARKED_DEFAULT = TLP.AMBER
_PUBLIC_TYPES = frozenset({"marking-definition", "extension-definition"})
# Kafka topic names allow [a-zA-Z0-9._-]; a recipient outside that cannot have a topic.
_PARTNER_ID = re.compile(r"^[A-Za-z0-9._-]{1,200}$")


class RoutingError(ValueError):
    """An object that cannot be routed as its marking requires (e.g. a malformed recipient)."""


def effective_tlp(obj: Mapping[str, Any]) -> TLP:
    """The TLP an object is routed by (see the module docstring)."""
    marked = tlp_of(obj)
    declared = _declared_tlp(obj)
    levels = [level for level in (marked, declared) if level is not None]
    level = strictest(levels)
    if level is not None:
        return level
    if obj.get("type") in _PUBLIC_TYPES or obj.get("id") == IDENTITY_ID:
        return TLP.CLEAR
    return UNMARKED_DEFAULT


def route(obj: dict[str, Any], topics: Topics) -> list[str]:
    """The topics to publish ``obj`` to; ``topics.objects`` first.

    Raises RoutingError for a RED object whose recipients are not valid partner ids: the caller
    sends it to the dead-letter topic rather than guess.
    """
    level = effective_tlp(obj)
    if level is not TLP.RED:
        return [topics.objects, topics.feed(level.value)]
    return [topics.objects, *(topics.red_feed(partner) for partner in _recipients(obj))]


def _extension(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    extensions = obj.get("extensions")
    block = extensions.get(EXTENSION_ID) if isinstance(extensions, dict) else None
    return block if isinstance(block, dict) else {}


def _declared_tlp(obj: Mapping[str, Any]) -> TLP | None:
    value = _extension(obj).get("tlp")
    try:
        return TLP(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _recipients(obj: Mapping[str, Any]) -> list[str]:
    recipients = _extension(obj).get("recipients", [])
    if not isinstance(recipients, list):
        raise RoutingError(f"{obj.get('id')}: recipients must be a list of partner ids")
    bad = [r for r in recipients if not isinstance(r, str) or not _PARTNER_ID.match(r)]
    if bad:
        raise RoutingError(f"{obj.get('id')}: recipients that are not partner ids: {bad!r}")
    return sorted(set(recipients))
