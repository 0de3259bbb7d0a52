"""Who may read what: TLP 2.0 as crimefeed enforces it on every egress.

An object's TLP is its own marking (``object_marking_refs``), never its report's or a related
object's, so an attack-pattern shared by an AMBER and a RED report is judged by its own marking.
If crimefeed's ``tlp`` property disagrees with the marking, the stricter of the two applies.

No TLP at all: treated as AMBER. Why AMBER: it is the level an MO report gets when the partner
names none (``MOReport.tlp`` defaults to AMBER) and the producers mark partner bundles with that
default too, so an unmarked object has slipped past them and should be treated as the producers
would have treated it; FIRST's TLP 2.0 gives no default, and CLEAR or GREEN would publish what
the source never released. RED is not usable as a default: it needs named recipients.

Exception: the definitions consumers need to read anything (the official TLP marking-definitions,
crimefeed's extension-definition and its own identity) carry no marking and are public (CLEAR).
Other marking- and extension-definitions (a partner's statement marking, say) are not: they can
carry free text, so they are judged like any other object.

Reading rules (``can_read``), checked per object *version*:

- an admin reads everything;
- CLEAR, GREEN, AMBER: partners whose ``max_tlp`` is at least that level;
- AMBER+STRICT: only the submitting partner's organisation (the object's ``created_by_ref`` is
  the partner's pseudonym identity), and only with ``max_tlp`` of at least AMBER+STRICT;
- RED: only partners listed in the object's ``recipients`` (and its submitter), and only with
  ``max_tlp`` RED: a clearance is a ceiling that a submitter's list cannot lift.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shared.models.report import TLP
from shared.stix.extension import EXTENSION_ID, IDENTITY_ID
from shared.stix.ids import scope_key
from shared.stix.markings import is_tlp_marking_id, strictest, tlp_of, tlp_rank

UNMARKED_DEFAULT = TLP.AMBER
_PUBLIC_TYPES = frozenset({"marking-definition", "extension-definition"})
# Kafka topic names allow [a-zA-Z0-9._-]; a recipient outside that cannot have a topic.
_PARTNER_ID = re.compile(r"^[A-Za-z0-9._-]{1,200}$")


class RoutingError(ValueError):
    """An object that cannot be routed as its marking requires (e.g. a malformed recipient)."""


def _extension(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    extensions = obj.get("extensions")
    block = extensions.get(EXTENSION_ID) if isinstance(extensions, dict) else None
    return block if isinstance(block, dict) else {}


_TLP_BY_VALUE = {str(level): level for level in TLP}


def _declared_tlp(obj: Mapping[str, Any]) -> TLP | None:
    value = _extension(obj).get("tlp")
    if type(value) is str:  # from JSON: a dict lookup instead of the enum's constructor
        return _TLP_BY_VALUE.get(value)
    try:
        return TLP(value) if isinstance(value, str) else None
    except ValueError:
        return None


def effective_tlp(obj: Mapping[str, Any]) -> TLP:
    """The TLP an object is routed and read by (see the module docstring)."""
    marked = tlp_of(obj)
    declared = _declared_tlp(obj)
    level = marked if declared is None else declared if marked is None else strictest((marked, declared))
    if level is not None:
        return level
    if _is_public_definition(obj):
        return TLP.CLEAR
    return UNMARKED_DEFAULT


def _is_public_definition(obj: Mapping[str, Any]) -> bool:
    """crimefeed's own definitions and the official TLP markings; a partner's own marking- or
    extension-definition can carry free text (a statement) and is not public by its type."""
    stix_id = obj.get("id")
    if not isinstance(stix_id, str) or obj.get("type") not in _PUBLIC_TYPES | {"identity"}:
        return False
    return stix_id in (EXTENSION_ID, IDENTITY_ID) or is_tlp_marking_id(stix_id)


def valid_recipients(obj: Mapping[str, Any]) -> list[str]:
    """The object's RED recipients, sorted; RoutingError if any is not a partner id."""
    recipients = _extension(obj).get("recipients", [])
    if not isinstance(recipients, list):
        raise RoutingError(f"{obj.get('id')}: recipients must be a list of partner ids")
    bad = [r for r in recipients if not isinstance(r, str) or not _PARTNER_ID.match(r)]
    if bad:
        raise RoutingError(f"{obj.get('id')}: recipients that are not partner ids: {bad!r}")
    return sorted(set(recipients))


def recipients_of(obj: Mapping[str, Any]) -> tuple[str, ...]:
    """The recipients that are valid partner ids (readers must not fail on a bad list)."""
    recipients = _extension(obj).get("recipients", [])
    if not isinstance(recipients, list):
        return ()
    return tuple(sorted({r for r in recipients if isinstance(r, str) and _PARTNER_ID.match(r)}))


@dataclass(frozen=True)
class Viewer:
    """Whoever asks: a partner's id, clearance and the pseudonym identity its objects carry."""

    partner_id: str
    max_tlp: TLP
    owner_id: str
    """The partner's pseudonym identity id (``created_by_ref`` of what it submitted)."""
    is_admin: bool = False
    groups: tuple[str, ...] = ()


def can_read(viewer: Viewer, tlp: TLP, owner: str | None, recipients: tuple[str, ...]) -> bool:
    """The reading rule of the module docstring, for one object version's access fields."""
    if viewer.is_admin:
        return True
    if tlp_rank(tlp) > tlp_rank(viewer.max_tlp):
        return False
    if tlp is TLP.AMBER_STRICT:
        return owner == viewer.owner_id
    if tlp is TLP.RED:
        return owner == viewer.owner_id or viewer.partner_id in recipients
    return True


def can_read_object(viewer: Viewer, obj: Mapping[str, Any]) -> bool:
    owner = obj.get("created_by_ref")
    return can_read(viewer, effective_tlp(obj), owner if isinstance(owner, str) else None, recipients_of(obj))


def scope_of(obj: Mapping[str, Any]) -> str:
    """The object's sharing scope (``ids.scope_key``): who may read it, as one string.

    One id has one scope for good: enrichment refuses a version whose scope differs from the
    first one's (docs/architecture.md, "Ownership and sharing scopes").
    """
    level = effective_tlp(obj)
    owner = obj.get("created_by_ref")
    return scope_key(level, owner if isinstance(owner, str) else None, recipients_of(obj))
