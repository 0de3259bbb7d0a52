"""Exact-duplicate fingerprints: a hash of the canonical JSON of what an object *says*.

Two objects with different ids (random uuid4s from two partners' tools) but the same meaning
get the same fingerprint. Left out: the id, the timestamps of the object's own lifecycle, who
created it, and crimefeed's bookkeeping in the extension (which submission it came in, what was
redacted, what enrichment added). Kept: everything else, including the TLP marking and the
recipients: dedup must never merge objects across sharing boundaries. For AMBER+STRICT and RED
the submitter is a sharing boundary too (both are readable by their submitter alone, or with
the named recipients), so there `created_by_ref` is kept.

What enrichment adds is derived from the submission's context (an attack-pattern's tags carry
the category, sectors and region of the report it came in), so two submissions that share an
object (an attack-pattern by technique id, a location, an SCO) would otherwise disagree about
it. The pipeline fingerprints before tagging; the exclusions below also cover objects that come
back already enriched (e.g. crimefeed output re-imported through TAXII).
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from shared.access import effective_tlp
from shared.models.report import TLP
from shared.stix.extension import EXTENSION_ID

# Properties about the object's life or provenance, not its meaning.
NON_SEMANTIC = frozenset({"id", "created", "modified", "created_by_ref", "spec_version", "revoked"})

# crimefeed extension properties that record bookkeeping, not meaning.
EXTENSION_BOOKKEEPING = frozenset(
    {
        # producers: provenance, not meaning
        "extension_type",
        "submission_id",
        "redactions",
        "language",
        # enrichment: derived from the submission's context or from dedup state
        "tags",
        "dedup",
        "mo_cluster",
        "sighting_count",
        "trend",
        "crime_category_inferred",
        "crime_category_confidence",
    }
)


def semantic_view(obj: dict[str, Any]) -> dict[str, Any]:
    """The properties that carry meaning, as a new dict (the object is not changed)."""
    view = {name: value for name, value in obj.items() if name not in NON_SEMANTIC}
    if _owner_scoped(obj):
        # AMBER+STRICT and RED are readable by their submitter: two submitters' copies are two
        # objects, or one would carry the other's sighting count and dedup links.
        view["created_by_ref"] = obj.get("created_by_ref")
    extensions = view.get("extensions")
    if isinstance(extensions, dict) and EXTENSION_ID in extensions:
        ours = extensions[EXTENSION_ID]
        kept = ours
        if isinstance(ours, dict):
            kept = {k: v for k, v in ours.items() if k not in EXTENSION_BOOKKEEPING}
            if ours.get("crime_category_inferred") is True:
                kept.pop("crime_category", None)  # inferred by enrichment, not reported
        others = {name: value for name, value in extensions.items() if name != EXTENSION_ID}
        if kept:
            others[EXTENSION_ID] = kept
        if others:
            view["extensions"] = others
        else:
            del view["extensions"]
    refs = view.get("object_marking_refs")
    if isinstance(refs, list):
        # Marking order carries no meaning.
        view["object_marking_refs"] = sorted(refs)
    return view


def fingerprint(obj: dict[str, Any]) -> str:
    """Hex digest identifying the object's meaning (type included, so types never collide)."""
    canonical = orjson.dumps(semantic_view(obj), option=orjson.OPT_SORT_KEYS)
    return hashlib.blake2b(canonical, digest_size=16).hexdigest()


def sharing_scope(obj: dict[str, Any]) -> str:
    """Who may see the object: its markings and, for TLP:RED, its recipients.

    Near-duplicate matching happens only within one scope, so a merge or link never points an
    object at a canonical that its readers may not see.
    """
    markings = obj.get("object_marking_refs") or []
    extension = obj.get("extensions", {}).get(EXTENSION_ID, {})
    recipients = extension.get("recipients") or [] if isinstance(extension, dict) else []
    scope = "|".join(sorted(markings)) + "#" + ",".join(sorted(map(str, recipients)))
    return scope + "@" + str(obj.get("created_by_ref")) if _owner_scoped(obj) else scope


def _owner_scoped(obj: dict[str, Any]) -> bool:
    return effective_tlp(obj) in (TLP.AMBER_STRICT, TLP.RED)
