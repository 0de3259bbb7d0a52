"""Anonymize objects of partner-submitted STIX 2.1 bundles, as plain dicts (parsing each object with
`stix2` would cost ~0.5 ms an object).

Deny by default (policy.yaml, ``stix:``): every string anywhere in an object, extensions and
custom properties included, goes through the text anonymizer, except under the structural
``verbatim_properties``; inside custom content (``x_*`` properties, third-party extensions) no
string is exempt. Objects and properties personal by nature are dropped, locations coarsened to
country and region, and observed-data's embedded ``objects`` get the same rules as top-level
objects.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from shared.anonymization.detectors import PERSON, URL, find_handles
from shared.anonymization.file_paths import find_glued_names
from shared.anonymization.names import NameLexicon
from shared.anonymization.policy import StixPolicy
from shared.anonymization.stix_structure import (
    Vocabularies,
    is_infrastructure_path,
    is_machine_name,
    is_program_name_path,
    is_structural_string,
    is_url_path,
    pattern_literals,
    rule_strings,
    valid_hash,
    valid_kill_chain_phase,
    without_query_values,
)
from shared.anonymization.text import TextAnonymizer

DROPPED_OBJECT = "DROPPED-OBJECT"
DROPPED_PROPERTY = "DROPPED-PROPERTY"
VICTIM_OBSERVABLE = "VICTIM-OBSERVABLE"
URL_QUERY = "URL-QUERY"
REPLACED_LABEL = "REPLACED-LABEL"
# SCO types whose "value" is the observable itself: kept verbatim when the object is kept (the
# personal ones among them only when they are an offender's: see anonymize_stix_objects).
_VALUE_TYPES = frozenset(
    [
        "domain-name",
        "ipv4-addr",
        "ipv6-addr",
        "mac-addr",
        "email-addr",
        "url",
        "phone-number",
        "x-phone-number",
        "autonomous-system",
        "mutex",
        "windows-registry-key",
        "cryptocurrency-wallet",
        "x-cryptocurrency-wallet",
    ]
)
_REFERENCE_KEYS = frozenset({"url", "description", "external_id"})
_OMIT = object()  # walk's answer for a value to leave out

# A hyphen or underscore between two letters: what joins a slug's or file name's words.
_JOINER_RE = re.compile(r"(?<=[^\W\d_])[-_](?=[^\W\d_])")
_JOINED_RUN_RE = re.compile(r"[^\W\d_]+(?:[-_][^\W\d_]+)+")
# A word of a name this short may be a particle ("de", "van", "bin").
_PARTICLE_LETTERS = 3
# What joins the words of a URL path segment ("Jane-Doe", "jane_doe", "Jane+Doe").
_SEGMENT_JOINERS_RE = re.compile(r"[-_+]+")

# A free-text value of at most this many words is read as a label (see StixAnonymizer.redact).
_LABEL_WORDS = 3


def anonymize_stix_object(
    obj: dict[str, Any],
    anonymizer: TextAnonymizer,
    *,
    offender_observed: bool = False,
    memo: Redactions | None = None,
) -> tuple[dict[str, Any] | None, Counter[str]]:
    """A redacted copy of obj, or None when the policy drops it; the input is not modified.
    ``offender_observed``: obj is observed-data that an offender's object points to, so that the
    personal observables embedded in it are the offender's. ``memo``: redactions already made
    (see Redactions), shared by the objects of one bundle."""
    walker = _Walker(anonymizer, offender_observed, memo)
    return walker.object(obj), walker.counts


def anonymize_stix_objects(
    objects: list[dict[str, Any]], anonymizer: TextAnonymizer
) -> tuple[list[dict[str, Any]], Counter[str]]:
    """Every object of a bundle anonymized, with the bundle's context: an observable that may be a
    person's (email-addr, phone-number, user-account, mac-addr) is kept only when it is an
    offender's, i.e. when an indicator, infrastructure, malware, threat actor, intrusion set,
    campaign, tool or attack pattern points to it (a reference, or a relationship either way, also
    through observed-data), or when an indicator's pattern holds its value; otherwise it is a
    victim's and dropped. Relationships and sightings that pointed to a dropped object go too, and
    references to it are removed."""
    victims, offender_observed = _victim_observables(objects, anonymizer.word_lists.vocabularies)
    counts: Counter[str] = Counter()
    kept: list[dict[str, Any]] = []
    dropped: set[str] = set()
    # A bundle repeats its strings across objects (a name, a label, a kill chain's phase): each
    # distinct one is read once.
    memo: Redactions = {}
    for obj in objects:
        obj_id = obj.get("id")
        if obj_id in victims and obj.get("type") not in anonymizer.policy.stix.drop_object_types:
            counts[VICTIM_OBSERVABLE] += 1
            dropped.add(str(obj_id))
            continue
        out, found = anonymize_stix_object(
            obj, anonymizer, offender_observed=obj_id in offender_observed, memo=memo
        )
        counts.update(found)
        if out is None:
            dropped.add(str(obj_id))
        else:
            kept.append(out)
    if not dropped:
        return kept, counts
    result = []
    for out in kept:
        cleaned = _without_refs_to(out, dropped)
        if cleaned is None:
            counts[DROPPED_OBJECT] += 1
        else:
            result.append(cleaned)
    return result, counts


def _refs(obj: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for key, value in obj.items():
        if key.endswith("_ref") and isinstance(value, str):
            found.append(value)
        elif key.endswith("_refs") and isinstance(value, list):
            found.extend(v for v in value if isinstance(v, str))
    return found


def _is_profile_url(obj: dict[str, Any]) -> bool:
    """A url observable that is a social-media profile's address (handles.yaml `profile_hosts`):
    a person's account, as a user-account is, whoever it belongs to."""
    value = obj.get("value")
    return obj.get("type") == "url" and isinstance(value, str) and _is_profile_address(value)


def _is_profile_address(url: str) -> bool:
    whole = len(url.rstrip("/"))
    return any(d.start == 0 and d.end >= whole for d in find_handles(url, url.lower()))


def _victim_observables(objects: list[dict[str, Any]], vocab: Vocabularies) -> tuple[set[str], set[str]]:
    """(ids of personal observables that are no offender's, ids of observed-data an offender's
    object points to)."""
    types = {o["id"]: o.get("type") for o in objects if isinstance(o.get("id"), str)}
    personal = {i for i, t in types.items() if t in vocab.personal_observable_types}
    personal.update(o["id"] for o in objects if o.get("id") in types and _is_profile_url(o))
    offenders = vocab.offender_object_types
    linked: set[str] = set()
    literals: set[str] = set()
    for obj in objects:
        obj_type = obj.get("type")
        if obj_type in offenders:
            linked.update(_refs(obj))
            if isinstance(obj.get("pattern"), str):
                pattern = obj["pattern"]
                literals.update(
                    pattern[a:b].replace("\\'", "'").lower() for a, b, _ in pattern_literals(pattern)
                )
        elif obj_type == "relationship":
            source, target = obj.get("source_ref"), obj.get("target_ref")
            if types.get(source) in offenders and isinstance(target, str):
                linked.add(target)
            if types.get(target) in offenders and isinstance(source, str):
                linked.add(source)
    observed = {i for i in linked if types.get(i) == "observed-data"}
    for obj in objects:
        if obj.get("id") in observed:
            linked.update(_refs(obj))
    offender = {
        i
        for i in personal
        if i in linked
        or str(next((o.get("value") for o in objects if o.get("id") == i), "")).lower() in literals
    }
    return personal - offender, observed


def _without_refs_to(obj: dict[str, Any], dropped: set[str]) -> dict[str, Any] | None:
    """obj without references to dropped objects; None for a relationship or sighting that was
    about one of them."""
    if obj.get("type") in ("relationship", "sighting") and any(
        obj.get(key) in dropped for key in ("source_ref", "target_ref", "sighting_of_ref")
    ):
        return None
    result = dict(obj)
    for key, value in obj.items():
        if key.endswith("_ref") and value in dropped:
            del result[key]
        elif key.endswith("_refs") and isinstance(value, list) and any(v in dropped for v in value):
            remaining = [v for v in value if v not in dropped]
            if remaining:
                result[key] = remaining
            else:
                del result[key]
    return result


@cache
def _glue_names(lexicon: NameLexicon) -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames) that are no common word, stop word or place: what a name glued
    into an identifier is made of."""
    words = lexicon.common | lexicon.stop | lexicon.places
    return lexicon.first - words, lexicon.last - words


def without_glued_names(text: str, anonymizer: TextAnonymizer, field: str) -> tuple[str, Counter[str]]:
    """text with the names glued into its identifiers (file_paths.find_glued_names) treated as
    the policy says for the field: a service, pipe, host or package name ("JaneDoeSvc",
    "LAPTOP-JANED") has no space for the name detectors to read the name by."""
    first, last = _glue_names(anonymizer.word_lists.lexicon)
    return anonymizer.apply(text, find_glued_names(text, first, last), field)


def without_joined_names(text: str, anonymizer: TextAnonymizer, field: str) -> tuple[str, Counter[str]]:
    """text with the full names whose words are joined by hyphens or underscores
    ("invoice_jane_doe.pdf", "x-jane-doe") treated as the policy says for the field: read with
    spaces for joiners, as a label, and kept only when every word is a listed name; a name of
    one word is left to the label's own reading (a slug's "maria" is a tool's name as often)."""
    first, last = _glue_names(anonymizer.word_lists.lexicon)
    # Only a run of joined words two of which are listed names is read again (it costs a pass).
    if not any(
        sum(w in first or w in last for w in _JOINER_RE.split(run.group().lower())) > 1
        for run in _JOINED_RUN_RE.finditer(text)
    ):
        return text, Counter()
    spaced = _JOINER_RE.sub(" ", text)
    found = [
        d
        for d in anonymizer.find(spaced, label=True)
        if d.kind == PERSON and _listed_full_name(spaced[d.start : d.end], first, last)
    ]
    return anonymizer.apply(text, found, field)


def _listed_full_name(name: str, first: frozenset[str], last: frozenset[str]) -> bool:
    """Two words or more, each longer than a particle a listed name ("ingrid vestergaard",
    "Jan de Vries"): a source's slug ("Kaspersky-Skygofree") is a name and a word."""
    words = name.lower().split()
    long = [w for w in words if len(w) > _PARTICLE_LETTERS]
    return len(words) > 1 and bool(long) and all(w in first or w in last for w in long)


Redactions = dict[tuple[str, str, bool], tuple[str, Counter[str]]]
"""A text's redaction by (text, property, label): what TextAnonymizer.redact returned for it. The
anonymizer is stateless, so a string met again in the same property is redacted the same way."""


class _Walker:
    def __init__(
        self, anonymizer: TextAnonymizer, offender_observed: bool = False, memo: Redactions | None = None
    ) -> None:
        self.anonymizer = anonymizer
        self.memo: Redactions = memo if memo is not None else {}
        self.policy: StixPolicy = anonymizer.policy.stix
        self.vocab = anonymizer.word_lists.vocabularies
        self.counts: Counter[str] = Counter()
        self.offender_observed = offender_observed
        self.obj_type = ""
        self.pattern_type = "stix"

    def object(self, obj: dict[str, Any]) -> dict[str, Any] | None:
        outer = self.obj_type, self.pattern_type
        self.pattern_type = str(obj.get("pattern_type", "stix")).lower()
        try:
            return self._object(obj)
        finally:
            self.obj_type, self.pattern_type = outer

    def _object(self, obj: dict[str, Any]) -> dict[str, Any] | None:
        policy = self.policy
        obj_type = obj.get("type")
        self.obj_type = str(obj_type)
        if obj_type in policy.drop_object_types:
            self.counts[DROPPED_OBJECT] += 1
            return None
        value = obj.get("value")
        if self.names_someone(str(obj_type), ("type",)) or (
            isinstance(value, str) and is_machine_name(f"{obj_type}:value", value)
        ):
            self.counts[DROPPED_OBJECT] += 1
            return None
        individual = obj_type == "identity" and obj.get("identity_class") == "individual"
        drop = policy.dropped_properties(str(obj_type), individual)
        result: dict[str, Any] = {}
        for key, value in obj.items():
            if key in drop or policy.is_personal(key) or self.personal_name(key):
                self.counts[DROPPED_PROPERTY] += 1
            elif individual and key == "name":
                result[key] = policy.individual_name_placeholder
                self.counts[PERSON] += 1
            elif key == "extensions" and isinstance(value, dict):
                extensions = self.extensions(value)
                if extensions:
                    result[key] = extensions
            elif key == "objects" and obj_type == "observed-data" and isinstance(value, dict):
                embedded = self.embedded(value)
                if embedded:
                    result[key] = embedded
            else:
                new = self.walk(value, (key,), custom=policy.is_custom(key))
                if new is not _OMIT:
                    result[key] = new
        required = policy.required_one_of.get(str(obj_type), ())
        if any(key in obj for key in required) and not any(result.get(key) for key in required):
            # What made the object (its content, what was observed) is gone: published, it would
            # be invalid, and it says nothing.
            self.counts[DROPPED_OBJECT] += 1
            return None
        return result

    def personal_name(self, name: str) -> bool:
        """A custom property's or extension's name a partner made up holds personal data
        ("x_victim_jane_doe"): the property goes whole, as a masked name would not be a valid one."""
        if not (self.policy.is_custom(name) or name.startswith("x-")):
            return False
        words = name.replace("-", " ").replace("_", " ")
        return self.redact(words, ("key",)) != words

    def extensions(self, extensions: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for ext_id, content in extensions.items():
            if ext_id in self.policy.drop_extensions or self.personal_name(ext_id):
                self.counts[DROPPED_PROPERTY] += 1
                continue
            # Extension ids are references (extension-definition--uuid); the content is custom.
            result[ext_id] = self.walk(content, ("extensions", ext_id), custom=True)
        return result

    def embedded(self, objects: dict[str, Any]) -> dict[str, Any]:
        """observed-data ``objects``: each embedded object as a top-level one; references to
        dropped ones are removed."""
        kept: dict[str, Any] = {}
        dropped: set[str] = set()
        personal = self.vocab.personal_observable_types
        for index, embedded in objects.items():
            if (
                isinstance(embedded, dict)
                and embedded.get("type") in personal
                and embedded.get("type") not in self.policy.drop_object_types
                and not self.offender_observed
            ):
                self.counts[VICTIM_OBSERVABLE] += 1
                dropped.add(index)
                continue
            out = self.object(embedded) if isinstance(embedded, dict) else None
            if out is None:
                if not isinstance(embedded, dict):
                    self.counts[DROPPED_OBJECT] += 1
                dropped.add(index)
            else:
                kept[index] = out
        if dropped:
            for out in kept.values():
                for key in list(out):
                    value = out[key]
                    if key.endswith("_ref") and value in dropped:
                        del out[key]
                    elif key.endswith("_refs") and isinstance(value, list):
                        refs = [ref for ref in value if ref not in dropped]
                        if refs:
                            out[key] = refs
                        else:
                            del out[key]
        return kept

    def walk(self, value: Any, path: tuple[str, ...], *, custom: bool) -> Any:
        policy = self.policy
        key = path[-1]
        free_text = policy.is_free_text(key)
        if not custom and not free_text and policy.is_verbatim(key):
            return self.verbatim(value, path)
        if not custom and key in policy.person_list_properties and isinstance(value, list):
            self.counts[PERSON] += len(value)
            return [policy.individual_name_placeholder for _ in value]
        if isinstance(value, str):
            if path[-2:] == ("external_references", "url") and not custom:
                return self.reference_url(value)
            return self.redact(value, path)
        if isinstance(value, list):
            items = [self.walk(item, path, custom=custom) for item in value]
            if key == "external_references" and not custom:
                # A reference must keep a url, description or external_id (STIX 2.1, 2.5).
                items = [i for i in items if not isinstance(i, dict) or i.keys() & _REFERENCE_KEYS]
                if not items:
                    return _OMIT
            return [item for item in items if item is not _OMIT]
        if isinstance(value, dict):
            result: dict[str, Any] = {}
            for k, v in value.items():
                if not isinstance(k, str):
                    continue
                if policy.is_personal(k):
                    self.counts[DROPPED_PROPERTY] += 1
                    continue
                new_key = self.redact(k, (*path, "key"))
                while new_key in result:  # two keys masked to one placeholder
                    new_key += "_"
                new = self.walk(v, (*path, k), custom=custom or policy.is_custom(k))
                if new is not _OMIT:
                    result[new_key] = new
            return result
        return value

    def verbatim(self, value: Any, path: tuple[str, ...]) -> Any:
        """A structural property's value, kept only where it has the shape the property requires;
        anything else goes through the text anonymizer (strings) or is dropped."""
        key = path[-1]
        if isinstance(value, bool) or (isinstance(value, int) and key != "hashes"):
            return value if key in ("revoked", "confidence", "number") or key.endswith("_count") else _OMIT
        if key == "hashes" and isinstance(value, dict):
            return self.hashes(value)
        if key == "kill_chain_phases" and isinstance(value, list):
            phases = [
                p
                for p in value
                if valid_kill_chain_phase(p, self.vocab)
                and not self.names_someone(p["phase_name"], ("phase_name",))
            ]
            if len(phases) != len(value):
                self.counts[DROPPED_PROPERTY] += len(value) - len(phases)
            return phases or _OMIT
        if key == "pattern" and isinstance(value, str):
            return self.pattern(value)
        if key == "value" and isinstance(value, str) and self.obj_type in _VALUE_TYPES:
            return self.url(value) if self.obj_type == "url" else value
        if isinstance(value, list):
            items = [self.verbatim(item, path) for item in value]
            return [item for item in items if item is not _OMIT]
        if isinstance(value, str):
            if key != "value" and is_structural_string(key, value, self.vocab):
                if not self.names_someone(value, path):
                    return value
                # A made-up slug naming someone: a relationship needs a type, and a masked one
                # ("[PERSON]") is no valid STIX slug, so it becomes the vocabulary's generic one.
                if key == "relationship_type":
                    self.counts[REPLACED_LABEL] += 1
                    return "related-to"
                return _OMIT
            placeholder = self.policy.replaced_unless_structural.get(key)
            if placeholder is not None:
                self.counts[REPLACED_LABEL] += 1
                return placeholder
            return self.redact(value, path)
        if isinstance(value, dict):
            return self.walk(value, path, custom=True)
        return _OMIT

    def hashes(self, hashes: dict[str, Any]) -> Any:
        vocab = self.vocab
        kept = {
            algorithm: digest
            for algorithm, digest in hashes.items()
            if (
                (algorithm in vocab.hash_algorithms or algorithm.startswith("x_"))
                and valid_hash(algorithm, digest)
            )
            or (
                algorithm.startswith("x_")
                and isinstance(digest, str)
                and re.fullmatch(r"[0-9a-fA-F]{16,128}", digest)
            )
        }
        if len(kept) != len(hashes):
            self.counts[DROPPED_PROPERTY] += len(hashes) - len(kept)
        return kept or _OMIT

    def pattern(self, pattern: str) -> str:
        """The pattern with the literals that are no offender infrastructure anonymized (URLs keep
        their path, not their query's values)."""
        if self.pattern_type != "stix":
            return self.rule(pattern)
        parts: list[str] = []
        cursor = 0
        for start, end, path in pattern_literals(pattern):
            literal = pattern[start:end].replace("\\'", "'")
            if is_infrastructure_path(path) and not is_machine_name(path, literal):
                if not is_url_path(path):
                    continue
                new = self.url(literal)
            elif is_program_name_path(path):
                new, found = without_glued_names(literal, self.anonymizer, "stix.pattern")
                self.counts.update(found)
            else:
                new = self.redact(literal, ("pattern",))
            if new != literal:
                parts.append(pattern[cursor:start])
                parts.append(new.replace("'", "\\'"))
                cursor = end
        if not parts:
            return pattern
        parts.append(pattern[cursor:])
        return "".join(parts)

    def url(self, url: str) -> str:
        """An offender's URL without its query's values, and with the path segments that hold
        personal data (a victim's address, name or login in a personalised link:
        "/track/jane.doe@mail.example", "/u/jdoe") as "redacted", counted as URL-QUERY."""
        kept, replaced = without_query_values(url)
        try:
            parts = urlsplit(kept)
        except ValueError:
            parts = None
        # A profile's address kept is an offender's account (see anonymize_stix_objects): its
        # path is the account.
        if parts is not None and parts.path.strip("/") and not _is_profile_address(kept):
            segments = parts.path.split("/")
            for index, segment in enumerate(segments):
                if segment and self.personal_segment(segment):
                    segments[index] = "redacted"
                    replaced += 1
            if "redacted" in segments:
                kept = urlunsplit(parts._replace(path="/".join(segments)))
        if replaced:
            self.counts[URL_QUERY] += replaced
        return kept

    def personal_segment(self, segment: str) -> bool:
        """A URL path segment that holds personal data: read as a few words ("Jane-Doe" as
        "Jane Doe") and for names glued into it."""
        words = _SEGMENT_JOINERS_RE.sub(" ", unquote(segment))
        field = "stix.url"
        _, found = self.anonymizer.redact(words, field)
        # One word taken for a name ("chase", "Marco") is a brand or a kit's folder as often.
        if any(kind != PERSON for kind in found) or (found and len(words.split()) > 1):
            return True
        _, glued = without_glued_names(words, self.anonymizer, field)
        return bool(glued)

    def rule(self, pattern: str) -> str:
        """A rule of another language (YARA, Snort, Sigma...) with its strings anonymized."""
        parts: list[str] = []
        cursor = 0
        for start, end in rule_strings(pattern, yaml=self.pattern_type == "sigma"):
            literal = pattern[start:end]
            new = self.redact(literal, ("pattern",))
            if new != literal:
                parts.extend((pattern[cursor:start], new))
                cursor = end
        return "".join((*parts, pattern[cursor:])) if parts else pattern

    def names_someone(self, slug: str, path: tuple[str, ...]) -> bool:
        """A made-up slug (policy slug_properties) in which the anonymizer reads personal data."""
        if path[-1] not in self.policy.slug_properties:
            return False
        redacted, _ = self.redaction(slug, path)
        return redacted != slug

    def redact(self, text: str, path: tuple[str, ...]) -> str:
        redacted, found = self.redaction(text, path)
        self.counts.update(found)
        return redacted

    def redaction(self, text: str, path: tuple[str, ...]) -> tuple[str, Counter[str]]:
        """What redact returns for text, and what it found, without counting it."""
        # Outside free-text properties a value is a label, literal or file name, and a value of
        # a few words is one anywhere (a custom "x_victim"): no sentence around it tells a surname
        # from a word, so a listed name alone counts; nor are a label's names always spaced.
        label = not self.policy.is_free_text(path[-1]) or len(text.split()) <= _LABEL_WORDS
        key = (text, path[-1], label)
        done = self.memo.get(key)
        if done is None:
            field = "stix." + path[-1]
            if label:
                joined, before = without_joined_names(text, self.anonymizer, field)
                redacted, found = self.anonymizer.redact(joined, field, label=label)
                glued, after = without_glued_names(redacted, self.anonymizer, field)
                done = (glued, before + found + after)
            else:
                done = self.anonymizer.redact(text, field, label=label)
            self.memo[key] = done
        return done

    def reference_url(self, url: str) -> Any:
        """The url of an external reference on an allowed host, else _OMIT (a masked "[URL]"
        would not be a valid URI; the reference may be a victim's social-media profile)."""
        try:
            host = (urlsplit(url.strip()).hostname or "").lower()
        except ValueError:
            host = ""
        if host and host in self.policy.reference_url_hosts:
            return url
        self.counts[URL] += 1
        return _OMIT
