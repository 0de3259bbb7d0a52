"""MO report -> STIX 2.1 objects, and the rewrite of partner-submitted bundles.

Conversion is isolated here, as in an OpenCTI connector: the producers anonymize, then call
``build_report_bundle`` (or ``rewrite_submitted_bundle``) and publish the result.

The objects are built as plain dicts, not with ``stix2`` classes: ``stix2`` builds about 3,000
objects/s (an Indicator alone costs ~270 µs), and a report of a few MO steps and indicators
yields ~30 objects, which would cost ~10 ms instead of the ~0.3 ms this module takes. The tests
prove equivalence: every object re-parses with ``stix2.parse(..., allow_custom=False)`` to the
same JSON, SCO ids equal the ids ``stix2`` derives, and the OASIS validator accepts the bundles.

The graph for one report (marked with the report's TLP and authored by the pseudonym, except
the shared reference objects and the canonical objects, see ``_Context`` and ``references``):

    identity (pseudonym; RED, its own)     report --object_refs--> everything below
    attack-pattern: the MO (reference or    step --derived-from--> its MO
      canonical) and the report's own step  indicator --indicates--> main MO
    indicator (canonical, by pattern)      indicator --based-on--> its SCO
    SCO (domain, url, ip, email, file)     MO --targets--> location
    infrastructure (network SCOs)          infrastructure --consists-of--> network SCO
    location (reference)                   sighting: main MO, where = location

Every id includes the report's sharing scope (``ids.scope_key``), so reports at different
scopes never share an object.

The "main" attack-pattern is the first MO step's: reports list the MO in order and the first
step is the criminal's entry point (the smishing, the phishing mail), which is what trend
counts and indicators are best tied to. Linking every indicator to every step would grow as
steps x indicators without saying more.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

import orjson

from shared.models.report import TLP, IndicatorRole, ModusOperandiStep, MOReport, ReportedIndicator
from shared.stix import ids, patterns, references, techniques
from shared.stix.errors import StixConversionError
from shared.stix.extension import (
    EXTENSION_ID,
    IDENTITY_ID,
    crimefeed_identity,
    extension_block,
    extension_definition,
)
from shared.stix.markings import (
    TLP_MARKING_IDS,
    is_tlp_marking_id,
    tlp_from_marking_id,
    tlp_marking,
    tlp_of,
    tlp_rank,
)
from shared.stix.references import REFERENCE_CREATED
from shared.stix.timestamps import timestamp, timestamp_ms

StixObject = dict[str, Any]

_NAME_MAX = 120
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s|\n")
_WHITESPACE = re.compile(r"\s+")


class _Context:
    """What every object of one report shares: time, authors, marking, crimefeed properties.

    Objects specific to the report (the report, its MO steps, relationships, sighting,
    infrastructure) are authored by the partner's pseudonym. Canonical objects, which every
    report of the same scope that names the same thing shares (an indicator by its pattern,
    an uncatalogued MO by its name, an SCO), are authored by crimefeed in the shared scopes
    (CLEAR, GREEN, AMBER), where several partners report them, and by the owner in the owner
    scopes (AMBER+STRICT, RED), whose ids include the owner.
    """

    __slots__ = (
        "author",
        "canonical_author",
        "canonical_block",
        "canonical_common",
        "common",
        "common_block",
        "created",
        "markings",
        "report_ref",
        "scope",
        "tlp",
    )

    def __init__(
        self,
        *,
        created: str,
        author: str,
        tlp: TLP,
        recipients: list[str],
        report_ref: str,
        common: StixObject,
    ) -> None:
        self.created = created
        self.author = author
        self.tlp = tlp
        self.markings = [TLP_MARKING_IDS[tlp]]
        self.report_ref = report_ref
        self.common = common
        self.scope = ids.scope_key(tlp, author, recipients)
        owner_scoped = tlp in (TLP.AMBER_STRICT, TLP.RED)
        self.canonical_author = author if owner_scoped else IDENTITY_ID
        # No submission id on shared objects: it would tell their readers which submission
        # (of which partner) came first.
        self.canonical_common = {k: v for k, v in common.items() if k != "submission_id"}
        # crimefeed's extension properties of most objects, merged once per report.
        self.common_block = extension_block(common)[EXTENSION_ID]
        self.canonical_block = extension_block(self.canonical_common)[EXTENSION_ID]

    def sdo(
        self, stix_type: str, stix_id: str, properties: StixObject, extra: StixObject | None = None
    ) -> StixObject:
        return self._object(self.author, self.common_block, stix_type, stix_id, properties, extra)

    def reference(self, stix_type: str, stix_id: str, properties: StixObject) -> StixObject:
        return references.reference(
            stix_type,
            stix_id,
            properties,
            tlp=self.tlp,
            author=self.canonical_author,
            common=self.canonical_common,
        )

    def canonical(self, stix_type: str, stix_id: str, properties: StixObject) -> StixObject:
        return self._object(self.canonical_author, self.canonical_block, stix_type, stix_id, properties, None)

    def _object(
        self,
        author: str,
        block: StixObject,
        stix_type: str,
        stix_id: str,
        properties: StixObject,
        extra: StixObject | None,
    ) -> StixObject:
        """``block``: the extension's properties (``common_block`` or ``canonical_block``)."""
        return {
            "type": stix_type,
            "spec_version": "2.1",
            "id": stix_id,
            "created_by_ref": author,
            "created": self.created,
            "modified": self.created,
            **properties,
            "object_marking_refs": list(self.markings),
            # The same properties, in the same order, as extension_block({**common, **extra}).
            "extensions": {EXTENSION_ID: {**block, **extra} if extra else dict(block)},
        }

    def relationship(self, relationship_type: str, source_ref: str, target_ref: str) -> StixObject:
        stix_id = ids.relationship_id(relationship_type, source_ref, target_ref, report_ref=self.report_ref)
        properties = {
            "relationship_type": relationship_type,
            "source_ref": source_ref,
            "target_ref": target_ref,
        }
        return self.sdo("relationship", stix_id, properties)


def pseudonym_identity(pseudonym: ids.Pseudonym) -> StixObject:
    """The identity that stands for a partner: a name from the keyed hash, no contact details.

    crimefeed builds it (the partner never sees or chooses its pseudonym). It is a constant
    (fixed timestamps): it never gets a new version, so nothing counts the partner's
    submissions. It is the partner's own business: created by itself and marked RED without
    recipients, only that partner (and admins) read it and it reaches no feed, so its existence
    tells no one else that the partner submitted anything. Others see ``created_by_ref`` as an
    id they cannot resolve, which STIX allows.
    """
    return {
        "type": "identity",
        "spec_version": "2.1",
        "id": pseudonym.identity_id,
        "created_by_ref": pseudonym.identity_id,
        "created": REFERENCE_CREATED,
        "modified": REFERENCE_CREATED,
        "name": pseudonym.name,
        "identity_class": "organization",
        "object_marking_refs": [TLP_MARKING_IDS[TLP.RED]],
    }


def meta_objects(tlp: TLP) -> list[StixObject]:
    """The objects others resolve references to: the TLP markings and crimefeed's identity and
    extension (``tlp`` no longer decides which markings: all five always go).

    The OASIS TLP 2.0 extension-definition has no published STIX object; consumers know the
    five marking-definitions by their fixed ids.
    """
    return _meta_copy()


def all_tlp_markings() -> list[StixObject]:
    """The five TLP 2.0 marking-definitions, in every bundle whatever TLPs it uses: they are
    public constants, and which of them a bundle carried would tell which TLPs were reported."""
    return [tlp_marking(level) for level in sorted(TLP, key=tlp_rank)]


_META_JSON = orjson.dumps([*all_tlp_markings(), crimefeed_identity(), extension_definition()])


def _meta_copy() -> list[StixObject]:
    # Every bundle carries these seven constants: one decode of their JSON gives fresh copies
    # (the caller may change them) for a fraction of building each.
    meta: list[StixObject] = orjson.loads(_META_JSON)
    return meta


def make_bundle(objects: Iterable[StixObject], bundle_id: str) -> StixObject:
    return {"type": "bundle", "id": bundle_id, "objects": list(objects)}


def build_report_bundle(
    report: MOReport,
    *,
    pseudonym: ids.Pseudonym,
    submission_id: str,
    redactions: Mapping[str, int],
    clock: Callable[[], datetime],
    victim_count_bucket: str | None = None,
    losses: Mapping[str, Any] | None = None,
) -> list[StixObject]:
    """The STIX objects for one anonymized MO report, ready to be published as one bundle.

    ``report`` must already be anonymized: free text is copied as is. Raw victim figures in
    ``report.victims`` are never read; only the bucket and the rounded losses the anonymizer
    passes in reach the output. Victim-role indicators are left out (they are personal data
    and should not even get here). Raises StixConversionError for an indicator value or a
    country code that cannot be represented.
    """
    now = clock()
    report_ref = ids.report_id(
        pseudonym_id=pseudonym.identity_id, content_hash=ids.report_content_hash(report)
    )
    common: StixObject = {"submission_id": submission_id, "tlp": report.tlp.value}
    if report.tlp is TLP.RED:
        # Per-object routing downstream needs the recipients on every object, not just the report.
        common["recipients"] = list(report.recipients)
    ctx = _Context(
        created=timestamp_ms(now),
        author=pseudonym.identity_id,
        tlp=report.tlp,
        recipients=list(report.recipients) if report.tlp is TLP.RED else [],
        report_ref=report_ref,
        common=common,
    )

    location = _location(ctx, report.country)
    attack_patterns, steps, relationships = _attack_patterns(ctx, report.modus_operandi)
    main_pattern = attack_patterns[0] if attack_patterns else None
    published = timestamp(now)
    details = _report_details(report, location, redactions, victim_count_bucket, losses)
    valid_from = details.get("first_seen", published)
    indicators, observables, indicator_links = _indicators(ctx, report.indicators, valid_from, main_pattern)
    relationships.extend(indicator_links)
    infrastructure = _infrastructure(ctx, report, observables, relationships)
    if location is not None:
        relationships.extend(ctx.relationship("targets", ap["id"], location["id"]) for ap in attack_patterns)

    sightings = [_sighting(ctx, report, main_pattern, location, details)] if main_pattern else []

    identity = pseudonym_identity(pseudonym)
    graph = [
        identity,
        *([location] if location else []),
        *attack_patterns,
        *steps,
        *observables,
        *indicators,
        *infrastructure,
        *relationships,
        *sightings,
    ]
    report_types = ["threat-report"]
    report_types += ["attack-pattern"] if attack_patterns else []
    report_types += ["indicator"] if indicators else []
    properties: StixObject = {"name": report.title}
    if report.narrative:
        properties["description"] = report.narrative
    properties |= {
        "report_types": report_types,
        "published": published,
        "object_refs": [obj["id"] for obj in graph],
    }
    report_object = ctx.sdo("report", report_ref, properties, details)
    return [*meta_objects(report.tlp), *graph, report_object]


def _location(ctx: _Context, country: str | None) -> StixObject | None:
    """The country's reference location in the report's scope."""
    if country is None:
        return None
    properties = references.location_properties(country)
    if properties is None:
        raise StixConversionError("country", f"{country!r} is not an ISO 3166-1 alpha-2 country code")
    return ctx.reference("location", ids.location_id(country, scope=ctx.scope), properties)


def _step_name(description: str) -> str:
    """A short name for a step without a catalogued technique: its first sentence, capped."""
    first = _SENTENCE_END.split(description.strip(), maxsplit=1)[0]
    name = _WHITESPACE.sub(" ", first).strip() or "Unnamed MO step"  # STIX names must not be empty
    if len(name) <= _NAME_MAX:
        return name
    cut = name[: _NAME_MAX - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def _attack_patterns(
    ctx: _Context, steps: list[ModusOperandiStep]
) -> tuple[list[StixObject], list[StixObject], list[StixObject]]:
    """The MOs the steps are instances of, the report's own steps, and step --derived-from--> MO.

    The MO of a step citing a catalogued technique is the technique's reference object in the
    report's scope; else it is the canonical MO of the scope, by the technique id the step cites
    or by its name. The step's text (a partner's) lives only in the report's own step object,
    so a report never changes an object another report shares.
    """
    mos: dict[str, StixObject] = {}
    step_objects: list[StixObject] = []
    links: list[StixObject] = []
    for position, step in enumerate(steps):
        technique = techniques.lookup(step.technique_id) if step.technique_id else None
        name = (technique.name if technique else None) or _step_name(step.description)
        properties: StixObject = {"name": name}
        if technique is not None:
            properties["external_references"] = [technique.external_reference]
        catalogued = references.technique_properties(technique) if technique is not None else None
        if technique is not None and catalogued is not None:
            stix_id = ids.technique_id(technique.external_id, scope=ctx.scope)
            mo = ctx.reference("attack-pattern", stix_id, catalogued)
        else:
            stix_id = ids.attack_pattern_id(
                external_id=technique.external_id if technique else None, name=name, scope=ctx.scope
            )
            mo = ctx.canonical("attack-pattern", stix_id, properties)
        mos.setdefault(mo["id"], mo)
        own = ctx.sdo(
            "attack-pattern",
            ids.step_id(report_ref=ctx.report_ref, position=position),
            {**properties, "description": step.description},
        )
        step_objects.append(own)
        links.append(ctx.relationship("derived-from", own["id"], mo["id"]))
    return list(mos.values()), step_objects, links


def _indicators(
    ctx: _Context,
    reported: list[ReportedIndicator],
    valid_from: str,
    main_pattern: StixObject | None,
) -> tuple[list[StixObject], list[StixObject], list[StixObject]]:
    """Indicators, their SCOs, and their based-on / indicates relationships."""
    indicators: dict[str, StixObject] = {}
    observables: dict[str, StixObject] = {}
    relationships: list[StixObject] = []
    for position, item in enumerate(reported):
        if item.role is not IndicatorRole.OFFENDER:
            continue
        try:
            value = patterns.normalize_value(item.type, item.value)
        except StixConversionError as error:
            raise StixConversionError(f"indicators[{position}].value", error.reason) from None
        pattern = patterns.stix_pattern(item.type, value)
        stix_id = ids.indicator_id(pattern, scope=ctx.scope)
        if stix_id in indicators:
            continue
        indicators[stix_id] = ctx.canonical(
            "indicator",
            stix_id,
            {
                "name": value,
                "description": f"Offender {item.type.value} from an MO report shared on crimefeed.",
                "indicator_types": ["malicious-activity"],
                "pattern": pattern,
                "pattern_type": "stix",
                "pattern_version": "2.1",
                "valid_from": valid_from,
            },
        )
        sco = patterns.observable(item.type, value, ctx.scope)
        if sco is not None:
            sco["object_marking_refs"] = list(ctx.markings)
            sco["extensions"] = {EXTENSION_ID: dict(ctx.canonical_block)}
            observables.setdefault(sco["id"], sco)
            relationships.append(ctx.relationship("based-on", stix_id, sco["id"]))
        if main_pattern is not None:
            relationships.append(ctx.relationship("indicates", stix_id, main_pattern["id"]))
    return list(indicators.values()), list(observables.values()), relationships


_NETWORK_SCO_TYPES = frozenset({"domain-name", "url", "ipv4-addr", "ipv6-addr"})


def _infrastructure(
    ctx: _Context, report: MOReport, observables: list[StixObject], relationships: list[StixObject]
) -> list[StixObject]:
    """One infrastructure object for the report's network indicators, if it has any."""
    network = [sco for sco in observables if sco["type"] in _NETWORK_SCO_TYPES]
    if not network:
        return []
    stix_id = ids.infrastructure_id(ctx.report_ref)
    infrastructure = ctx.sdo(
        "infrastructure",
        stix_id,
        {
            "name": f"Offender infrastructure: {report.title}",
            "description": "Domains, URLs and IP addresses the offenders used, as reported.",
        },
    )
    relationships.extend(ctx.relationship("consists-of", stix_id, sco["id"]) for sco in network)
    return [infrastructure]


def _report_details(
    report: MOReport,
    location: StixObject | None,
    redactions: Mapping[str, int],
    victim_count_bucket: str | None,
    losses: Mapping[str, Any] | None,
) -> StixObject:
    """crimefeed's properties of the report (and, minus the redactions, of its sighting)."""
    details: StixObject = {}
    if report.crime_category:
        details["crime_category"] = report.crime_category
    if location is not None:
        details["country"] = location["country"]
        details["region"] = location["region"]
    if report.sectors:
        details["sectors"] = list(report.sectors)
    if victim_count_bucket is not None:
        details["victims"] = victim_count_bucket
    if losses is not None:
        details["losses"] = dict(losses)
    if report.first_seen is not None:
        details["first_seen"] = timestamp(report.first_seen)
    if report.last_seen is not None:
        details["last_seen"] = timestamp(report.last_seen)
    details["redactions"] = {kind: int(count) for kind, count in sorted(redactions.items())}
    return details


def _sighting(
    ctx: _Context,
    report: MOReport,
    main_pattern: StixObject,
    location: StixObject | None,
    details: StixObject,
) -> StixObject:
    """One sighting of the main MO: the unit trends count (per MO, category, region, week)."""
    where = [location["id"]] if location else []
    # The report's own first_seen and last_seen, already in the details.
    properties: StixObject = {key: details[key] for key in ("first_seen", "last_seen") if key in details}
    properties |= {"count": 1, "sighting_of_ref": main_pattern["id"]}
    if where:
        properties["where_sighted_refs"] = where
    stix_id = ids.sighting_id(main_pattern["id"], where, report_ref=ctx.report_ref)
    extra = {key: value for key, value in details.items() if key != "redactions"}
    return ctx.sdo("sighting", stix_id, properties, extra)


# --- partner-submitted bundles ---------------------------------------------------------------

# Definitions, not content: they get no TLP marking and no crimefeed properties (a TLP on an
# extension-definition would hide it from readers of the objects that use it); only their
# author is replaced, like everyone else's.
_DEFINITION_TYPES = frozenset({"marking-definition", "extension-definition"})


def rewrite_submitted_bundle(
    bundle: Mapping[str, Any],
    *,
    pseudonym_identity: StixObject,
    tlp_default: TLP,
    submission_id: str,
) -> list[StixObject]:
    """A partner's STIX bundle with the partner replaced by its pseudonym and TLP made explicit.

    - every ``created_by_ref`` (and every SDO/SRO without one) points to the pseudonym;
    - the identities that were ``created_by_ref`` targets (the partner itself) are dropped, and
      any other reference to them (a sighting's ``where_sighted_refs``, a report's
      ``object_refs``...) points to the pseudonym instead, so nothing dangles;
    - TLP 1.0 markings become their TLP 2.0 equivalents; objects without a TLP marking get
      ``tlp_default``; the five TLP 2.0 marking-definitions, crimefeed's identity and its
      extension-definition are included;
    - every content object is re-identified (``ids.partner_object_id``): its new id is derived
      from the submitted id, the pseudonym (SDOs and SROs) and the object's sharing scope, and
      every top-level reference to it inside the bundle follows. So one id has one creator and
      one scope whatever ids partners choose: two partners' (or two scopes') objects under one
      submitted id never meet, and a partner resubmitting its object at the same scope makes a
      new version of it. References to ids outside the bundle are kept (they point at objects
      already published, e.g. ones the partner pulled over TAXII). Definitions (marking- and
      extension-definitions) and crimefeed's own objects keep their ids;
    - the pseudonym identity is added, first.

    Plain dicts only, no ``stix2`` parsing (it parses ~2,000 objects/s). ``submission_id`` is
    recorded in crimefeed's extension of each content object, for provenance. The input is not
    modified. Raises StixConversionError for a bundle that is not one.
    """
    objects = _bundle_objects(bundle)
    pseudonym_id: str = pseudonym_identity["id"]
    # crimefeed's own objects (its identity, extension, reference techniques and countries)
    # are published as crimefeed made them, whatever copy the bundle carries; the producers
    # refuse changed copies before this (references.reserved_conflicts).
    objects = [references.reserved_object(obj["id"]) or obj for obj in objects]
    authors = {obj["created_by_ref"] for obj in objects if isinstance(obj.get("created_by_ref"), str)}
    authors.discard(IDENTITY_ID)  # crimefeed's identity stays itself: its objects are references
    dropped = {obj["id"] for obj in objects if obj["type"] == "identity" and obj["id"] in authors}
    dropped.discard(pseudonym_id)
    replace = dict.fromkeys(dropped | authors, pseudonym_id)

    rewritten: list[StixObject] = []
    renamed: dict[str, str] = {}
    for obj in objects:
        if obj["id"] in dropped or obj["id"] == pseudonym_id or _is_tlp_definition(obj):
            continue
        if references.reserved_object(obj["id"]) is not None:
            rewritten.append(obj)
            continue
        new = _rewrite_refs(obj, replace)
        if obj["type"] not in _DEFINITION_TYPES:
            author = pseudonym_id if "created" in new else None  # SDOs and SROs; SCOs have none
            if author is not None:
                new["created_by_ref"] = author
            tlp = _normalize_tlp(new, tlp_default)
            _add_provenance(new, submission_id)
            scope = ids.scope_key(tlp, pseudonym_id)
            renamed[obj["id"]] = ids.partner_object_id(obj["id"], creator=author, scope=scope)
        elif "created_by_ref" in new:
            new["created_by_ref"] = pseudonym_id
        rewritten.append(new)
    if renamed:
        rewritten = [
            _rewrite_refs(obj, renamed) | {"id": renamed.get(obj["id"], obj["id"])} for obj in rewritten
        ]
    # The same constants every report bundle carries, so a bundle's kind tells nothing either.
    meta = _meta_copy()
    meta_ids = {obj["id"] for obj in meta}
    return [pseudonym_identity, *meta, *(obj for obj in rewritten if obj["id"] not in meta_ids)]


def _bundle_objects(bundle: Mapping[str, Any]) -> list[StixObject]:
    if bundle.get("type") != "bundle" or not isinstance(bundle.get("objects"), list):
        raise StixConversionError("bundle", "not a STIX bundle (type 'bundle' with a list of objects)")
    objects: list[StixObject] = bundle["objects"]
    for position, obj in enumerate(objects):
        if not (
            isinstance(obj, dict) and isinstance(obj.get("type"), str) and isinstance(obj.get("id"), str)
        ):
            raise StixConversionError(f"objects[{position}]", "not a STIX object (needs 'type' and 'id')")
    return objects


def _is_tlp_definition(obj: StixObject) -> bool:
    # TLP marking-definitions are re-added from the official objects for exactly the levels used.
    return obj["type"] == "marking-definition" and is_tlp_marking_id(obj["id"])


def _rewrite_refs(obj: StixObject, replace: Mapping[str, str]) -> StixObject:
    """A shallow copy with top-level ``*_ref``/``*_refs`` to replaced ids pointing to their substitute."""
    new = dict(obj)
    for key, value in obj.items():
        if key.endswith("_ref") and isinstance(value, str) and value in replace:
            new[key] = replace[value]
        elif key.endswith("_refs") and isinstance(value, list) and any(ref in replace for ref in value):
            new[key] = list(dict.fromkeys(replace.get(ref, ref) for ref in value))
    return new


def _normalize_tlp(obj: StixObject, tlp_default: TLP) -> TLP:
    """Make the object carry exactly one TLP 2.0 marking (plus its other markings); return it.

    A granular TLP marking stricter than the object's raises the object's TLP to it: crimefeed
    routes and enforces TLP per object, so a property marked RED in an AMBER object would
    otherwise be published at AMBER. The granular TLP markings are then removed (the object's
    marking covers them); other granular markings are kept.
    """
    refs: list[str] = [ref for ref in obj.get("object_marking_refs", []) if isinstance(ref, str)]
    # Several TLP markings: the strictest holds (see markings.tlp_of).
    tlp = tlp_of(obj) or tlp_default
    granular = obj.get("granular_markings")
    if isinstance(granular, list):
        kept = []
        for marking in granular:
            ref = marking.get("marking_ref") if isinstance(marking, dict) else None
            level = tlp_from_marking_id(ref) if isinstance(ref, str) else None
            if level is None:
                kept.append(marking)
            elif tlp_rank(level) > tlp_rank(tlp):
                tlp = level
        if kept:
            obj["granular_markings"] = kept
        else:
            del obj["granular_markings"]
    others = [ref for ref in refs if not is_tlp_marking_id(ref)]
    obj["object_marking_refs"] = [TLP_MARKING_IDS[tlp], *others]
    return tlp


def _add_provenance(obj: StixObject, submission_id: str) -> None:
    # Replaces any crimefeed block the partner wrote: its properties (tlp, recipients...) are
    # crimefeed's to set, never a submitter's.
    extensions = dict(obj.get("extensions", {}))
    extensions.update(extension_block({"submission_id": submission_id}))
    obj["extensions"] = extensions
