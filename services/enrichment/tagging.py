"""Taxonomy tags on every object of a submission, from data files loaded once at start.

Tags are MISP machine tags, sorted, in crimefeed's extension (``tags``):

- ``tlp:<level>``: the object's own TLP 2.0 marking;
- the crime category in RSIT and the Europol taxonomies (``rsit:fraud="phishing"``,
  ``europol-incident:...``, ``europol-event:...``), mapped in ``data/categories.yaml``;
- ``mitre-attack:T1566``: from an attack-pattern's ATT&CK external references, else from
  keyword rules over its text (``data/attack_rules.yaml``); reports and sightings carry their
  attack-patterns' techniques;
- ``sector:<slug>`` and ``un-m49:<code>`` (region, sub-region and intermediate region of the
  report's country, ``shared/stix/data/un_m49.json``).

A submission's objects share the report's context (category, country, sectors): one bundle is
one submission, so the context is read once from the report (or sighting, or location) in the
list. When no object has a category, it is inferred from the report's title, narrative and MO
steps (``category.py``) and written to the report and its sightings with
``crime_category_inferred: true``, so that trends can count by category.

The MISP taxonomy files come from the ``pytaxonomies`` package (which ships the
misp-taxonomies repository, CC0). Every tag the data files name is checked against them at
load time: a taxonomy update that drops a value stops the service at start rather than
tagging with a value no MISP instance knows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pytaxonomies.api import Taxonomy

from services.enrichment.category import (
    DATA_DIR,
    RULES_FILE,
    CategoryClassifier,
    Rule,
    WeightedRules,
    join_texts,
    normalize_text,
    pattern_list,
)
from shared.data_files import parse_yaml
from shared.models.report import TLP
from shared.stix.extension import EXTENSION_ID, IDENTITY_ID, extension_block
from shared.stix.markings import tlp_of
from shared.stix.regions import m49_codes, m49_version

CATEGORIES_FILE = "categories.yaml"
ATTACK_RULES_FILE = "attack_rules.yaml"
MISP_TAXONOMIES = ("rsit", "europol-incident", "europol-event", "tlp")

# Objects that are definitions everyone may read, not part of what a partner reported.
_DEFINITION_TYPES = frozenset({"marking-definition", "extension-definition"})
_ATTACK_SOURCES = frozenset({"mitre-attack", "mitre-mobile-attack", "mitre-ics-attack"})
_TECHNIQUE_ID = re.compile(r"^T\d{4}(?:\.\d{3})?$")
# Technique ids written in the text itself ("... (T1566.002)"), on case-folded text.
_TECHNIQUE_IN_TEXT = re.compile(r"\bt\d{4}(?:\.\d{3})?\b")
_SLUG_INVALID = re.compile(r"[^a-z0-9-]+")
_TLP_VALUES = frozenset(level.value for level in TLP)


def _misp_taxonomy(name: str) -> Taxonomy:
    """One MISP taxonomy from the files pytaxonomies ships (offline; no manifest download)."""
    root = resources.files("pytaxonomies").joinpath("data", "misp-taxonomies")
    return Taxonomy(json.loads(root.joinpath(name, "machinetag.json").read_text(encoding="utf-8")))


def _misp_manifest_version() -> str:
    root = resources.files("pytaxonomies").joinpath("data", "misp-taxonomies")
    manifest: dict[str, Any] = json.loads(root.joinpath("MANIFEST.json").read_text(encoding="utf-8"))
    return str(manifest["version"])


def _read_yaml(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = parse_yaml(path.read_text(encoding="utf-8"))
    return data


def _slug(value: str) -> str:
    return _SLUG_INVALID.sub("-", value.strip().casefold()).strip("-")


@dataclass(frozen=True, slots=True)
class _Context:
    """What all objects of one submission share."""

    category: str | None
    inferred: bool
    confidence: float | None
    country: str | None
    tags: frozenset[str]


class Tagger:
    """Adds MISP machine tags to STIX objects (plain dicts), with precompiled rules."""

    def __init__(
        self,
        *,
        classifier: CategoryClassifier,
        category_tags: Mapping[str, tuple[str, ...]],
        attack_rules: WeightedRules,
        versions: Mapping[str, str],
    ) -> None:
        self.classifier = classifier
        self.category_tags = dict(category_tags)
        self.attack_rules = attack_rules
        self.versions = dict(versions)
        self.version = "; ".join(f"{name} {version}" for name, version in sorted(self.versions.items()))
        """The data version: every data file's and taxonomy's version, for logs and audits."""

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Tagger:
        """Load and check the taxonomy and rule files (``services/enrichment/data`` by default).

        Raises ValueError if a mapped tag is not a machine tag of its MISP taxonomy, if a rule
        category has no taxonomy mapping, or if a rule cannot be compiled.
        """
        directory = data_dir or DATA_DIR
        taxonomies = {name: _misp_taxonomy(name) for name in MISP_TAXONOMIES}
        known_tags = {tag for taxonomy in taxonomies.values() for tag in taxonomy.machinetags()}
        missing_tlp = {f"tlp:{level}" for level in _TLP_VALUES} - known_tags
        if missing_tlp:
            raise ValueError(f"the MISP tlp taxonomy lacks {sorted(missing_tlp)}")

        categories = _read_yaml(directory / CATEGORIES_FILE)
        category_tags: dict[str, tuple[str, ...]] = {}
        for slug, entry in categories["categories"].items():
            tags = tuple(entry["tags"])
            unknown = [tag for tag in tags if tag not in known_tags]
            if unknown:
                raise ValueError(f"{CATEGORIES_FILE}: {slug}: not MISP machine tags: {unknown}")
            category_tags[slug] = tags

        classifier = CategoryClassifier.from_file(directory / RULES_FILE)
        unmapped = set(classifier.categories) - set(category_tags)
        if unmapped or classifier.default not in category_tags:
            raise ValueError(f"{RULES_FILE}: categories without a taxonomy mapping: {sorted(unmapped)}")

        attack = _read_yaml(directory / ATTACK_RULES_FILE)
        rules: list[Rule] = []
        for technique_id, entry in attack["techniques"].items():
            if not _TECHNIQUE_ID.match(technique_id):
                raise ValueError(f"{ATTACK_RULES_FILE}: {technique_id!r} is not an ATT&CK technique id")
            patterns = pattern_list(entry["patterns"], technique_id)
            rules.extend(Rule(technique_id, 1.0, normalize_text(p)) for p in patterns)

        versions = {
            "categories": str(categories["version"]),
            "category-rules": classifier.version,
            "attack-rules": str(attack["version"]),
            "un-m49": m49_version(),
            "misp-taxonomies": _misp_manifest_version(),
            **{f"misp:{name}": str(taxonomy.version) for name, taxonomy in taxonomies.items()},
        }
        return cls(
            classifier=classifier,
            category_tags=category_tags,
            attack_rules=WeightedRules(rules),
            versions=versions,
        )

    # --- per bundle ---------------------------------------------------------------------------

    def tag_objects(self, objects: list[dict[str, Any]]) -> None:
        """Tag one submission's objects in place (idempotent: tagging twice changes nothing)."""
        by_type: dict[str, list[dict[str, Any]]] = {}
        for obj in objects:
            by_type.setdefault(obj.get("type", ""), []).append(obj)
        for group in by_type.values():
            # Several reports or sightings in one bundle: the lowest id provides the context, so
            # the result does not depend on the order of the objects.
            group.sort(key=lambda obj: str(obj.get("id", "")))
        reports = by_type.get("report", [])
        sightings = by_type.get("sighting", [])
        attack_patterns = by_type.get("attack-pattern", [])

        context = self._context(reports, sightings, by_type.get("location", []), attack_patterns)
        self._fill_trend_properties(reports, sightings, context, by_type.get("location", []))

        techniques = {str(ap.get("id")): self._techniques(ap) for ap in attack_patterns}
        tlp_tags: dict[str, str] = {}
        for obj in objects:
            if obj.get("type") in _DEFINITION_TYPES or obj.get("id") == IDENTITY_ID:
                continue
            # crimefeed's own objects (references, canonical objects of a shared scope) are
            # shared by every report of their scope: one submission's context is not theirs.
            contextual = obj.get("type") != "identity" and obj.get("created_by_ref") != IDENTITY_ID
            tags = set(context.tags) if contextual else set()
            level = self._tlp(obj)
            if level is not None:
                tags.add(tlp_tags.setdefault(level, f"tlp:{level}"))
            tags.update(self._technique_tags(obj, techniques))
            extension = _extension(obj)
            existing = extension.get("tags")
            if isinstance(existing, list):
                tags.update(tag for tag in existing if isinstance(tag, str))
            extension["tags"] = sorted(tags)

    def _context(
        self,
        reports: list[dict[str, Any]],
        sightings: list[dict[str, Any]],
        locations: list[dict[str, Any]],
        attack_patterns: list[dict[str, Any]],
    ) -> _Context:
        sources = [_read_extension(obj) for obj in (*reports, *sightings)]
        category = _first(ext.get("crime_category") for ext in sources)
        country = _first(ext.get("country") for ext in sources) or _first(
            loc.get("country") for loc in locations
        )
        sectors = _first(ext.get("sectors") for ext in sources if isinstance(ext.get("sectors"), list))

        inferred, confidence = False, None
        if category is None:
            text = join_texts(
                str(value)
                for obj in (*reports, *attack_patterns)
                for value in (obj.get("name"), obj.get("description"))
                if value
            )
            if text:
                category, confidence = self.classifier.classify(text)
                inferred = True

        tags: set[str] = set()
        if isinstance(category, str):
            tags.update(self.category_tags.get(category, ()))
        if isinstance(sectors, list):
            tags.update(f"sector:{slug}" for s in sectors if isinstance(s, str) and (slug := _slug(s)))
        if isinstance(country, str):
            tags.update(f"un-m49:{code}" for code in m49_codes(country))
        return _Context(
            category=category if isinstance(category, str) else None,
            inferred=inferred,
            confidence=confidence,
            country=country.upper() if isinstance(country, str) else None,
            tags=frozenset(tags),
        )

    def _fill_trend_properties(
        self,
        reports: list[dict[str, Any]],
        sightings: list[dict[str, Any]],
        context: _Context,
        locations: list[dict[str, Any]],
    ) -> None:
        """Give the report and every sighting a category, and every sighting a country.

        Trends count sightings per MO, category and region; partner bundles (not MO reports)
        carry neither on their sightings, so they get the submission's.
        """
        if context.category is not None:
            for obj in (*reports, *sightings):
                extension = _extension(obj)
                if "crime_category" not in extension:
                    extension["crime_category"] = context.category
                    if context.inferred:
                        extension["crime_category_inferred"] = True
                        extension["crime_category_confidence"] = context.confidence
        countries = {loc.get("id"): loc.get("country") for loc in locations if loc.get("country")}
        for sighting in sightings:
            extension = _extension(sighting)
            if "country" in extension:
                continue
            where = sighting.get("where_sighted_refs")
            own = _first(countries.get(ref) for ref in where) if isinstance(where, list) else None
            country = own if isinstance(own, str) else context.country
            if country is not None:
                extension["country"] = country.upper()

    # --- per object ---------------------------------------------------------------------------

    @staticmethod
    def _tlp(obj: Mapping[str, Any]) -> str | None:
        """The object's own TLP: its marking; crimefeed's ``tlp`` property if it has none."""
        marked = tlp_of(obj)
        if marked is not None:
            return marked.value
        declared = _read_extension(obj).get("tlp")
        return declared if declared in _TLP_VALUES else None

    def _techniques(self, attack_pattern: Mapping[str, Any]) -> frozenset[str]:
        explicit = {
            ref["external_id"]
            for ref in attack_pattern.get("external_references", ())
            if isinstance(ref, dict)
            and ref.get("source_name") in _ATTACK_SOURCES
            and isinstance(ref.get("external_id"), str)
            and _TECHNIQUE_ID.match(ref["external_id"])
        }
        if explicit:
            # A partner's (or the catalogue's) id is authoritative; rules only fill gaps.
            return frozenset(explicit)
        text = normalize_text(join_texts((attack_pattern.get("name"), attack_pattern.get("description"))))
        found = self.attack_rules.labels(text)
        found.update(match.upper() for match in _TECHNIQUE_IN_TEXT.findall(text))
        return frozenset(found)

    @staticmethod
    def _technique_tags(obj: Mapping[str, Any], techniques: Mapping[str, frozenset[str]]) -> set[str]:
        kind = obj.get("type")
        if kind == "attack-pattern":
            found: Iterable[str] = techniques.get(str(obj.get("id")), ())
        elif kind == "report":
            refs = obj.get("object_refs")
            refs = refs if isinstance(refs, list) else ()
            found = {t for ref in refs if isinstance(ref, str) for t in techniques.get(ref, ())}
        elif kind == "sighting":
            found = techniques.get(str(obj.get("sighting_of_ref")), ())
        else:
            return set()
        return {f"mitre-attack:{technique}" for technique in found}


def _first(values: Iterable[Any]) -> Any:
    """The first value that is not None or empty."""
    return next((value for value in values if value), None)


def _read_extension(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    extensions = obj.get("extensions")
    block = extensions.get(EXTENSION_ID) if isinstance(extensions, dict) else None
    return block if isinstance(block, dict) else {}


def _extension(obj: dict[str, Any]) -> dict[str, Any]:
    """crimefeed's extension block of ``obj``, created if missing."""
    extensions = obj.get("extensions")
    if not isinstance(extensions, dict):
        extensions = obj["extensions"] = {}
    block = extensions.get(EXTENSION_ID)
    if not isinstance(block, dict):
        block = extensions[EXTENSION_ID] = extension_block({})[EXTENSION_ID]
    return block
