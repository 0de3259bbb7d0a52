"""Deterministic STIX ids (docs/architecture.md, "The data model").

The same thing reported twice must get the same id, so that every write downstream is
idempotent and duplicates collapse by id:

- SCOs: UUIDv5 in the STIX 2.1 SCO namespace over their id-contributing properties, serialized
  with the JSON Canonicalization Scheme (RFC 8785), exactly as the spec and ``stix2`` do.
- SDOs/SROs: UUIDv5 in crimefeed's own namespace over ``<type>`` plus the canonical JSON of the
  properties that make the object "the same thing" (attack-pattern: external id, else normalized
  name; indicator: pattern; ...). A separate namespace keeps them from ever colliding with ids
  other producers derive the SCO way.
- The submitter pseudonym: a keyed hash (HMAC-SHA256) of the partner id. Stable per partner,
  not reversible (nor even testable for a guessed partner id) without the key.

One id, one sharing scope (docs/architecture.md, "Ownership and sharing scopes"): the *scope*
(``scope_key``: the TLP level; for AMBER+STRICT and RED also the owner and the recipients) is
part of every derivation, so the same indicator reported at GREEN and at RED is two objects
whose counts and versions never mix, and whatever exists in one scope says nothing about
another (a technique only RED reports cite has no GREEN object).
An SCO at CLEAR keeps the spec's id; at any other scope the scope joins its id-contributing
properties (the spec's derivation is a SHOULD; one value in two scopes must be two objects).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import orjson

from shared.models.report import TLP, MOReport

SCO_NAMESPACE = uuid.UUID("00abedb4-aa42-466c-9c01-fed23315a9b7")
"""The STIX 2.1 namespace for SCO ids (spec section 2.9)."""

CRIMEFEED_NAMESPACE = uuid.UUID("ab3fa8bc-300b-4847-956a-f02b128d5429")
"""crimefeed's namespace for deterministic SDO/SRO ids. Fixed forever: changing it changes every id."""

_SCO_NAMESPACE_BYTES = SCO_NAMESPACE.bytes
_CRIMEFEED_NAMESPACE_BYTES = CRIMEFEED_NAMESPACE.bytes

# The spec's order of preference when an SCO's id-contributing ``hashes`` holds several.
_HASH_PREFERENCE = ("MD5", "SHA-1", "SHA-256", "SHA-512")
_WHITESPACE = re.compile(r"\s+")


def canonical_json(value: Any) -> str:
    """Canonical JSON for crimefeed's own hashing: sorted keys, no spaces, UTF-8 text kept.

    For the strings, lists and dicts of strings that go into ids, this is the same text as
    RFC 8785; it is orjson rather than RFC 8785 code because it runs for every object on the
    hot path.
    """
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


def fast_uuid5(namespace: uuid.UUID, name: str) -> str:
    """``str(uuid.uuid5(namespace, name))`` without building UUID objects (a hot-path cost)."""
    return _uuid5(namespace.bytes, name.encode())


# The variant bits (RFC 4122: 10xx) of byte 8, as the hex digit they make of its high nibble.
_VARIANT_DIGIT = "89ab" * 4


def _uuid5(namespace: bytes, name: bytes) -> str:
    # Version and variant are written into the hex text instead of into a copy of the digest:
    # every derived id passes here (~35 per report).
    digest = hashlib.sha1(namespace + name).digest()
    text = digest.hex()
    return (
        f"{text[:8]}-{text[8:12]}-5{text[13:16]}-{_VARIANT_DIGIT[digest[8] >> 4]}{text[17:20]}-{text[20:32]}"
    )


def scope_key(tlp: TLP, owner: str | None = None, recipients: Iterable[str] = ()) -> str:
    """Who may read an object, as a string: ``green``; ``amber+strict@<owner>``;
    ``red@<owner>#<recipient>,...``. Readers of one scope key read exactly the same objects."""
    if tlp is TLP.AMBER_STRICT:
        return f"{tlp.value}@{owner or ''}"
    if tlp is TLP.RED:
        return f"{tlp.value}@{owner or ''}#{','.join(sorted(set(recipients)))}"
    return tlp.value


CLEAR_SCOPE = scope_key(TLP.CLEAR)


def sdo_id(stix_type: str, properties: Mapping[str, Any], scope: str | None = None) -> str:
    """``<type>--<uuid5>`` over the type and the canonical JSON of the id-contributing properties
    (plus the scope key when one is given)."""
    contributing = {**properties, "scope": scope} if scope is not None else properties
    if not isinstance(contributing, dict):  # orjson writes dicts, not every Mapping
        contributing = dict(contributing)
    # The canonical JSON as UTF-8 bytes, straight from orjson: the same name as
    # ``stix_type + canonical_json(contributing)``, without decoding and encoding it again.
    name = stix_type.encode() + orjson.dumps(contributing, option=orjson.OPT_SORT_KEYS)
    return f"{stix_type}--{_uuid5(_CRIMEFEED_NAMESPACE_BYTES, name)}"


def sco_id(stix_type: str, properties: Mapping[str, Any]) -> str:
    """The spec's deterministic SCO id; the caller passes the type's id-contributing properties.

    Only one hash of ``hashes`` contributes (MD5, then SHA-1, SHA-256, SHA-512, else the first
    by name), as in the spec and ``stix2``.
    """
    contributing: dict[str, Any] = dict(properties)
    hashes = contributing.get("hashes")
    if isinstance(hashes, Mapping) and hashes:
        algorithm = next((a for a in _HASH_PREFERENCE if a in hashes), sorted(hashes)[0])
        contributing["hashes"] = {algorithm: hashes[algorithm]}
    # For the strings and string maps that contribute to SCO ids, orjson with sorted keys writes
    # the same text as RFC 8785 (tests check against stix2's own ids), at a fraction of the cost.
    name = orjson.dumps(contributing, option=orjson.OPT_SORT_KEYS)
    return f"{stix_type}--{_uuid5(_SCO_NAMESPACE_BYTES, name)}"


def scoped_sco_id(stix_type: str, properties: Mapping[str, Any], scope: str) -> str:
    """The SCO id in one sharing scope: the spec's id at CLEAR, the scope key added elsewhere."""
    if scope == CLEAR_SCOPE:
        return sco_id(stix_type, properties)
    return sco_id(stix_type, {**properties, "x_crimefeed_scope": scope})


def normalize_name(name: str) -> str:
    """The form of a free-text name that decides identity: NFKC, case-folded, single spaces."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", name)).strip().casefold()


def technique_id(external_id: str, *, scope: str) -> str:
    """The reference attack-pattern of a catalogued technique (``T1566.002``, ``CAPEC-98``)."""
    return sdo_id("attack-pattern", {"external_id": external_id.strip().upper(), "reference": True}, scope)


def attack_pattern_id(*, external_id: str | None, name: str, scope: str) -> str:
    """An MO in one scope: by external id when the step cites one, else by normalized name."""
    if external_id:
        return sdo_id("attack-pattern", {"external_id": external_id.strip().upper()}, scope)
    return sdo_id("attack-pattern", {"name": normalize_name(name)}, scope)


def step_id(*, report_ref: str, position: int) -> str:
    """One report's own MO step (its text), specific to that report."""
    return sdo_id("attack-pattern", {"report_ref": report_ref, "step": position})


def indicator_id(pattern: str, *, scope: str) -> str:
    return sdo_id("indicator", {"pattern": pattern}, scope)


def location_id(country: str, *, scope: str) -> str:
    """The reference location of a country."""
    return sdo_id("location", {"country": country.upper()}, scope)


def report_id(*, pseudonym_id: str, content_hash: str) -> str:
    """The same anonymized report from the same partner is the same report (a resubmission)."""
    return sdo_id("report", {"created_by_ref": pseudonym_id, "content_hash": content_hash})


def infrastructure_id(report_ref: str) -> str:
    """The offender infrastructure a report describes is specific to that report."""
    return sdo_id("infrastructure", {"report_ref": report_ref})


def relationship_id(relationship_type: str, source_ref: str, target_ref: str, *, report_ref: str) -> str:
    properties = {
        "relationship_type": relationship_type,
        "source_ref": source_ref,
        "target_ref": target_ref,
        "report_ref": report_ref,
    }
    return sdo_id("relationship", properties)


def sighting_id(sighting_of_ref: str, where_sighted_refs: Iterable[str], *, report_ref: str) -> str:
    properties = {
        "sighting_of_ref": sighting_of_ref,
        "where_sighted_refs": sorted(where_sighted_refs),
        "report_ref": report_ref,
    }
    return sdo_id("sighting", properties)


def partner_object_id(submitted_id: str, *, creator: str | None, scope: str) -> str:
    """The id crimefeed publishes a partner's object under: derived from the id the partner
    chose, its creator (None for SCOs, which have none) and its sharing scope, so that ids
    partners choose (or derive alike, as OpenCTI and the SCO rules do) never make two
    creators' or two scopes' objects one."""
    stix_type = submitted_id.partition("--")[0]
    return sdo_id(stix_type, {"submitted_id": submitted_id, "creator": creator}, scope)


def partner_object_candidates(submitted_id: str, creator: str) -> list[str]:
    """Every id ``partner_object_id`` can give ``creator``'s object submitted as
    ``submitted_id``: as an SDO or an SCO, at each scope a partner's bundle can have (bundles
    name no recipients, so RED is the owner's alone)."""
    scopes = [scope_key(tlp, creator) for tlp in TLP]
    return [
        partner_object_id(submitted_id, creator=author, scope=scope)
        for author in (creator, None)
        for scope in scopes
    ]


def bundle_id(submission_id: str) -> str:
    """One bundle per submission: replaying a submission republishes the same bundle id."""
    return sdo_id("bundle", {"submission_id": submission_id})


def report_content_hash(report: MOReport) -> str:
    """SHA-256 over the canonical JSON of what a report publishes, for its id.

    Left out: the submitter (represented by the pseudonym, which is part of the report id
    separately), the raw victim figures and victim-role indicators. Those never leave the
    producer, and hashing them into a published id would let anyone holding the rest of the
    report test guesses of them (a victim count has few plausible values).
    """
    content = report.model_dump(mode="json", exclude={"submitter", "victims"})
    content["indicators"] = [item for item in content["indicators"] if item["role"] == "offender"]
    # canonical_json's UTF-8 bytes, straight from orjson (as sdo_id does)
    return hashlib.sha256(orjson.dumps(content, option=orjson.OPT_SORT_KEYS)).hexdigest()


@dataclass(frozen=True, slots=True)
class Pseudonym:
    """A partner as crimefeed's outputs show it: a keyed hash, never the partner id."""

    digest: str
    """Hex HMAC-SHA256 of the partner id under the pseudonym key."""

    @property
    def identity_id(self) -> str:
        return _pseudonym_identity_id(self.digest)

    @property
    def name(self) -> str:
        # Six hex digits are enough for a human to tell partners apart in a listing; the id,
        # not the name, is what identifies the pseudonym.
        return f"Partner {self.digest[:6]}"


@lru_cache(maxsize=4096)
def _pseudonym_identity_id(digest: str) -> str:
    # Asked for several times per submission; a service sees a few partners.
    return sdo_id("identity", {"pseudonym": digest})


def pseudonymize(partner_id: str, key: bytes) -> Pseudonym:
    if not key:
        raise ValueError("the pseudonym key must not be empty")
    digest = hmac.new(key, partner_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return Pseudonym(digest=digest)
