"""What a STIX property kept verbatim must look like to be kept (deny by default).

A property listed as structural in policy.yaml (``verbatim_properties``) is kept only when its
value has the shape of what the property holds: an identifier, a timestamp, a value of the STIX
open vocabularies (stix_vocabularies.yaml), a hash of the right length, an ATT&CK/CVE identifier.
Anything else is free text in disguise and goes through the text anonymizer. Indicator patterns
keep their structure; their string literals are anonymized unless they are an offender's
infrastructure (a domain, an address, a URL without its query, a hash).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from shared.data_files import parse_yaml

DATA_FILE = Path(__file__).parent / "stix_vocabularies.yaml"
IDENTIFIER_RE = re.compile(
    r"[a-z][a-z0-9-]*--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
TIMESTAMP_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z")
_SLUG_RE = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}")
# A language tag's language, script and region (RFC 5646); variants and private parts are made
# up ("en-x-janedoe") and go through the anonymizer like text.
_LANG_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?")
_VERSION_RE = re.compile(r"\d{1,2}(?:\.\d{1,3}){0,2}")
_SELECTOR_RE = re.compile(r"[a-z0-9_]+(?:\.[a-z0-9_]+|\.?\[\d+\])*")
_HEX_LENGTHS = {
    "MD5": 32,
    "SHA-1": 40,
    "SHA1": 40,
    "SHA-256": 64,
    "SHA256": 64,
    "SHA-512": 128,
    "SHA512": 128,
    "SHA3-256": 64,
    "SHA3-512": 128,
}
_HEX_RE = re.compile(r"[0-9a-fA-F]+")
_SSDEEP_RE = re.compile(r"\d{1,10}:[A-Za-z0-9+/]{1,128}:[A-Za-z0-9+/]{1,128}")
_TLSH_RE = re.compile(r"(?:T1)?[0-9A-Fa-f]{70}")
_TIMESTAMP_PROPERTIES = frozenset(
    [
        "created",
        "modified",
        "valid_from",
        "valid_until",
        "first_seen",
        "last_seen",
        "first_observed",
        "last_observed",
        "published",
        "start_time",
        "stop_time",
    ]
)
# An indicator pattern's string literal, with the object path it is compared with.
_PATTERN_LITERAL_RE = re.compile(r"'((?:[^'\\]|\\.)*)'")
_PATTERN_PATH_RE = re.compile(
    r"([a-z0-9-]+):([A-Za-z0-9_.\[\]*'-]+)\s*(?:!=|=|<=|>=|<|>|LIKE|MATCHES|IN|ISSUBSET|ISSUPERSET)", re.I
)
# Object paths whose literals are an offender's infrastructure in an indicator: kept (URLs without
# their query's values). Only the properties that hold the infrastructure itself: a certificate's
# subject and issuer, a registry key, an e-mail address's display name, an AS's name and what an
# HTTP request or socket carries name people as often as hosts, and are anonymized like the
# same properties of an observable.
_INFRASTRUCTURE_PATHS = re.compile(
    r"(?:domain-name|ipv4-addr|ipv6-addr|url|email-addr):(?:value|resolves_to_refs\[[^\]]*\]\.value)|"
    r"(?:file|artifact|x509-certificate):hashes\..*|file:size|(?:file|artifact):mime_type|artifact:url|"
    r"x509-certificate:(?:serial_number|signature_algorithm|subject_public_key_[a-z_]+|validity_not_[a-z]+|"
    r"version|is_self_signed)|"
    r"network-traffic:(?:(?:src|dst)_ref\.value|(?:src|dst)_port|protocols(?:\[[^\]]*\])?)|"
    r"email-message:(?:from_ref|sender_ref|reply_to_refs?)(?:\[[^\]]*\])?\.value|"
    r"(?:phone-number|x-phone-number):value|cryptocurrency-wallet:.*|x-crypto(?:currency)?-wallet:.*"
)
# Paths of names a program gives its objects (a mutex): an offender's, kept, save for a person's
# names glued into them (stix.py).
_PROGRAM_NAME_PATHS = re.compile(r"mutex:name")
_URL_PATHS = frozenset({"url:value", "artifact:url"})


@dataclass(frozen=True, slots=True)
class Vocabularies:
    types: frozenset[str]
    hash_algorithms: frozenset[str]
    kill_chain_names: frozenset[str]
    reference_sources: frozenset[str]
    pattern_types: frozenset[str]
    identity_classes: frozenset[str]
    external_id: re.Pattern[str]
    personal_observable_types: frozenset[str]
    offender_object_types: frozenset[str]


@cache
def load_vocabularies(path: Path = DATA_FILE) -> Vocabularies:
    data = parse_yaml(path.read_text(encoding="utf-8"))
    vocab = data["open_vocabularies"]

    def words(name: str) -> frozenset[str]:
        return frozenset(str(vocab[name]).split())

    return Vocabularies(
        types=words("types") | words("extra_types"),
        hash_algorithms=words("hash_algorithms"),
        kill_chain_names=words("kill_chain_names"),
        reference_sources=words("reference_sources"),
        pattern_types=words("pattern_types"),
        identity_classes=words("identity_classes"),
        external_id=re.compile("|".join(data["external_id_patterns"])),
        personal_observable_types=frozenset(data["personal_observable_types"]),
        offender_object_types=frozenset(data["offender_object_types"]),
    )


def _is_identifier(value: Any) -> bool:
    return isinstance(value, str) and IDENTIFIER_RE.fullmatch(value) is not None


def is_structural_string(key: str, value: str, vocab: Vocabularies) -> bool:
    """A verbatim property's string value that has the shape the property requires."""
    if key == "id" or key.endswith(("_ref", "_refs")):
        return IDENTIFIER_RE.fullmatch(value) is not None
    if key in _TIMESTAMP_PROPERTIES:
        return TIMESTAMP_RE.fullmatch(value) is not None
    if key.endswith("_types"):
        return value in vocab.types
    checks: dict[str, Callable[[str], bool]] = {
        "type": lambda v: _SLUG_RE.fullmatch(v) is not None,
        "relationship_type": lambda v: _SLUG_RE.fullmatch(v) is not None,
        "definition_type": lambda v: _SLUG_RE.fullmatch(v) is not None,
        "extension_type": lambda v: _SLUG_RE.fullmatch(v) is not None,
        "spec_version": lambda v: _VERSION_RE.fullmatch(v) is not None,
        "pattern_version": lambda v: _VERSION_RE.fullmatch(v) is not None,
        "lang": lambda v: _LANG_RE.fullmatch(v) is not None,
        "pattern_type": lambda v: v in vocab.pattern_types,
        "identity_class": lambda v: v in vocab.identity_classes,
        "selectors": lambda v: _SELECTOR_RE.fullmatch(v) is not None,
        "source_name": lambda v: v in vocab.reference_sources,
        "external_id": lambda v: vocab.external_id.fullmatch(v) is not None,
    }
    check = checks.get(key)
    return check is not None and check(value)


def valid_hash(algorithm: str, value: Any) -> bool:
    if not isinstance(value, str):
        return False
    upper = algorithm.upper()
    if upper in _HEX_LENGTHS:
        return len(value) == _HEX_LENGTHS[upper] and _HEX_RE.fullmatch(value) is not None
    if upper == "SSDEEP":
        return _SSDEEP_RE.fullmatch(value) is not None
    if upper == "TLSH":
        return _TLSH_RE.fullmatch(value) is not None
    return False


def valid_kill_chain_phase(phase: Any, vocab: Vocabularies) -> bool:
    return (
        isinstance(phase, dict)
        and set(phase) == {"kill_chain_name", "phase_name"}
        and phase["kill_chain_name"] in vocab.kill_chain_names
        and isinstance(phase["phase_name"], str)
        and _SLUG_RE.fullmatch(phase["phase_name"]) is not None
    )


def without_query_values(url: str) -> tuple[str, int]:
    """The URL with the values of its query and its fragment replaced (they carry victims' e-mail
    addresses, names and tracking ids); how many were replaced."""
    try:
        parts = urlsplit(url)
        query = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError:
        return url, 0
    if not query and not parts.fragment:
        return url, 0
    redacted = urlencode([(key, "redacted") for key, _ in query], safe="")
    fragment = "redacted" if parts.fragment else ""
    return urlunsplit((parts.scheme, parts.netloc, parts.path, redacted, fragment)), len(query) + bool(
        fragment
    )


def pattern_literals(pattern: str) -> list[tuple[int, int, str]]:
    """(start, end, object path) of each string literal's content in a STIX pattern."""
    found: list[tuple[int, int, str]] = []
    for literal in _PATTERN_LITERAL_RE.finditer(pattern):
        paths = list(_PATTERN_PATH_RE.finditer(pattern, 0, literal.start()))
        path_match = paths[-1] if paths else None
        path = f"{path_match.group(1)}:{path_match.group(2)}".lower() if path_match else ""
        found.append((literal.start(1), literal.end(1), path))
    return found


# A string in a YARA, Snort, Suricata, Sigma or other rule language, and a Sigma rule's author.
_RULE_STRING_RE = re.compile(
    r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'|^\s*author:[ \t]*([^\n\'"]+?)[ \t]*$', re.M
)


# A YAML rule's (Sigma's) unquoted scalar: a mapping's value or a list's item ("User: jdoe",
# "- LAPTOP-JANED"), to the end of its line or a comment.
_YAML_SCALAR_RE = re.compile(
    r"^[ \t]*(?:-[ \t]+(?:[^\s:'\"#][^:\n#]*:[ \t]+)?|[^\s:'\"#-][^:\n#]*:[ \t]+)"
    r"(?![\s'\"|>&*!{\[])([^\n'\"#]+?)[ \t]*(?:#.*)?$",
    re.M,
)


def rule_strings(pattern: str, *, yaml: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each string's content in a pattern of another language than STIX: a rule's
    strings and metadata (author, description) may quote a victim, and nothing there says whose
    a string is. ``yaml``: the rule is YAML (Sigma), whose values are mostly unquoted."""
    found: list[tuple[int, int]] = []
    for match in _RULE_STRING_RE.finditer(pattern):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        if match.end(group) > match.start(group):
            found.append((match.start(group), match.end(group)))
    if yaml:
        found.extend(
            match.span(1)
            for match in _YAML_SCALAR_RE.finditer(pattern)
            if not any(a < match.end(1) and match.start(1) < b for a, b in found)
        )
        found.sort()
    return found


def is_infrastructure_path(path: str) -> bool:
    return _INFRASTRUCTURE_PATHS.fullmatch(path) is not None


def is_machine_name(path: str, value: str) -> bool:
    """A domain-name's value with no dot: a computer's name on its own network ("LAPTOP-JANED"),
    named after its user far more often than a host in the DNS is."""
    return path == "domain-name:value" and "." not in value.strip(".")


def is_program_name_path(path: str) -> bool:
    return _PROGRAM_NAME_PATHS.fullmatch(path) is not None


def is_url_path(path: str) -> bool:
    """A path whose literal is a URL (its query's values are redacted)."""
    return path in _URL_PATHS
