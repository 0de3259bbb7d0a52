"""STIX patterns and cyber observables (SCOs) for the MO report's indicator types.

Values are normalized first (domains as lower-case A-labels, URLs as RFC 3986 URIs with a
lower-case scheme and host, canonical IP text, lower-case hashes, phone numbers without
separators) so that the same indicator reported in different spellings yields the same pattern,
hence the same deterministic indicator id, and the same SCO id. Values that cannot become an
SCO the OASIS validator accepts are refused rather than emitted invalid.

Cryptocurrency wallets and phone numbers have no STIX 2.1 SCO. Their patterns use the object
types ``cryptocurrency-wallet`` and ``phone-number`` with a ``value`` property, the names
OpenCTI gives these observables, so an OpenCTI import turns the pattern into the matching
observable. STIX 2.1 patterns may name object types beyond the spec's (the OASIS validator
accepts them); crimefeed builds no SCO object for these two types, since an SCO of a type
without a published definition would not survive a strict ``stix2`` parse downstream.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any
from urllib.parse import quote

import idna

from shared.models.report import IndicatorType
from shared.stix.errors import StixConversionError
from shared.stix.ids import CLEAR_SCOPE, scoped_sco_id

HASH_ALGORITHMS: dict[IndicatorType, str] = {
    IndicatorType.MD5: "MD5",
    IndicatorType.SHA1: "SHA-1",
    IndicatorType.SHA256: "SHA-256",
}
_HASH_LENGTHS = {IndicatorType.MD5: 32, IndicatorType.SHA1: 40, IndicatorType.SHA256: 64}

NETWORK_TYPES = frozenset(
    {IndicatorType.DOMAIN_NAME, IndicatorType.URL, IndicatorType.IPV4_ADDR, IndicatorType.IPV6_ADDR}
)
"""Indicator types that describe offender infrastructure."""

# STIX object type and property a pattern compares, for the types whose value is one string.
_VALUE_OBJECT_TYPES: dict[IndicatorType, str] = {
    IndicatorType.DOMAIN_NAME: "domain-name",
    IndicatorType.URL: "url",
    IndicatorType.IPV4_ADDR: "ipv4-addr",
    IndicatorType.IPV6_ADDR: "ipv6-addr",
    IndicatorType.EMAIL_ADDR: "email-addr",
    IndicatorType.CRYPTOCURRENCY_WALLET: "cryptocurrency-wallet",
    IndicatorType.PHONE_NUMBER: "phone-number",
}
_WITHOUT_SCO = frozenset({IndicatorType.CRYPTOCURRENCY_WALLET, IndicatorType.PHONE_NUMBER})

_HEX = re.compile(r"[0-9a-f]+")
_LDH_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_URL = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<authority>[^/?#]+)(?P<rest>.*)", re.DOTALL)
_PORT = re.compile(r"[0-9]{0,5}")
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# RFC 3986 sub-delims; quote() already keeps the unreserved characters.
_SUB_DELIMS = "!$&'()*+,;="
# The local parts the OASIS validator accepts (its email-addr check); RFC 5322 allows more, but
# every object crimefeed emits must validate.
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9_.+-]+")
_WALLET = re.compile(r"[A-Za-z0-9:_.-]{8,256}")
_PHONE_SEPARATORS = re.compile(r"[\s().-]+")
_PHONE = re.compile(r"\+?[0-9]{4,17}")


def escape(value: str) -> str:
    """A string as a STIX pattern string literal's content: backslash and quote escaped."""
    return value.replace("\\", "\\\\").replace("'", "\\'")


def normalize_value(indicator_type: IndicatorType, value: str) -> str:
    """The canonical spelling of an indicator value; StixConversionError if it is not one.

    The error's field is ``value``; callers prefix the indicator's position.
    """
    normalized = _NORMALIZERS[indicator_type](value.strip())
    if normalized is None:
        raise StixConversionError("value", f"{value!r} is not a valid {indicator_type.value}")
    return normalized


def stix_pattern(indicator_type: IndicatorType, value: str) -> str:
    """The STIX pattern matching a normalized value."""
    if indicator_type in HASH_ALGORITHMS:
        return f"[file:hashes.'{HASH_ALGORITHMS[indicator_type]}' = '{escape(value)}']"
    return f"[{_VALUE_OBJECT_TYPES[indicator_type]}:value = '{escape(value)}']"


def observable(indicator_type: IndicatorType, value: str, scope: str = CLEAR_SCOPE) -> dict[str, Any] | None:
    """The SCO (type, spec_version, deterministic id in ``scope``, id-contributing properties).

    None for wallets and phone numbers, which have no STIX SCO.
    """
    if indicator_type in _WITHOUT_SCO:
        return None
    properties: dict[str, Any]
    if indicator_type in HASH_ALGORITHMS:
        stix_type, properties = "file", {"hashes": {HASH_ALGORITHMS[indicator_type]: value}}
    else:
        stix_type, properties = _VALUE_OBJECT_TYPES[indicator_type], {"value": value}
    return {
        "type": stix_type,
        "spec_version": "2.1",
        "id": scoped_sco_id(stix_type, properties, scope),
        **properties,
    }


def _domain(value: str) -> str | None:
    """Lower-case A-labels (punycode): one spelling per name, and a valid ``idn-hostname``.

    A-labels are also what a reader should see for a homograph domain. IDNA conversion is
    Python's built-in (IDNA 2003) codec.
    """
    try:
        domain = value.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    labels = domain.split(".")
    if len(domain) > 253 or not all(_LDH_LABEL.fullmatch(label) for label in labels):
        return None
    if all(label[2:4] != "--" for label in labels):
        # Letters, digits and inner hyphens without "--" in 3rd and 4th place: every label is
        # an NR-LDH label (RFC 5890), which IDNA 2008 accepts as it is; most domains are.
        return domain
    try:
        # What stix2-validator checks `idn-hostname` with (IDNA 2008): it refuses, e.g., "ab--c"
        # (hyphens in 3rd and 4th place) and A-labels ("xn--") that do not decode.
        idna.encode(domain)
    except idna.IDNAError:
        return None
    return domain


def _host(host: str) -> str | None:
    if host.startswith("[") and host.endswith("]"):
        literal = _ip(host[1:-1], 6)
        return f"[{literal}]" if literal else None
    return _domain(host) if host else None


def _url(value: str) -> str | None:
    """A valid RFC 3986 URI: scheme and host lower-cased (host as A-labels), other characters
    that a URI cannot hold percent-encoded as UTF-8. Paths and queries keep their case.
    """
    match = _URL.fullmatch(_LONE_PERCENT.sub("%25", value))
    if match is None:
        return None
    userinfo, at, hostport = match["authority"].rpartition("@")
    host, colon, port = hostport, "", ""
    if ":" in hostport and not hostport.endswith("]"):  # "[v6]" alone has colons but no port
        host, colon, port = hostport.rpartition(":")
        if not _PORT.fullmatch(port):
            return None
    normalized_host = _host(host)
    if normalized_host is None:
        return None
    rest, hash_sign, fragment = match["rest"].partition("#")
    path, question, query = rest.partition("?")
    return "".join(
        (
            match["scheme"].lower(),
            "://",
            quote(userinfo, safe=_SUB_DELIMS + ":%"),
            at,
            normalized_host,
            colon,
            port,
            quote(path, safe=_SUB_DELIMS + ":@/%"),
            question,
            quote(query, safe=_SUB_DELIMS + ":@/?%"),
            hash_sign,
            quote(fragment, safe=_SUB_DELIMS + ":@/?%"),
        )
    )


def _ip(value: str, version: int) -> str | None:
    try:
        address = ipaddress.ip_network(value) if "/" in value else ipaddress.ip_address(value)
    except ValueError:
        return None
    return str(address) if address.version == version else None


def _ipv4(value: str) -> str | None:
    return _ip(value, 4)


def _ipv6(value: str) -> str | None:
    return _ip(value, 6)


def _email(value: str) -> str | None:
    local, at, domain = value.rpartition("@")
    if not at or not _EMAIL_LOCAL.fullmatch(local):
        return None
    # The domain part is case-insensitive and gets the domain-name spelling; the local part
    # is, strictly, case-sensitive and stays as written.
    normalized = _domain(domain)
    return f"{local}@{normalized}" if normalized and "." in normalized else None


def _hash(indicator_type: IndicatorType, value: str) -> str | None:
    digest = value.lower()
    return digest if len(digest) == _HASH_LENGTHS[indicator_type] and _HEX.fullmatch(digest) else None


def _wallet(value: str) -> str | None:
    # Addresses are case-sensitive (base58, bech32 checksums): kept as written.
    return value if _WALLET.fullmatch(value) else None


def _phone(value: str) -> str | None:
    number = _PHONE_SEPARATORS.sub("", value)
    return number if _PHONE.fullmatch(number) else None


_NORMALIZERS = {
    IndicatorType.DOMAIN_NAME: _domain,
    IndicatorType.URL: _url,
    IndicatorType.IPV4_ADDR: _ipv4,
    IndicatorType.IPV6_ADDR: _ipv6,
    IndicatorType.EMAIL_ADDR: _email,
    IndicatorType.MD5: lambda value: _hash(IndicatorType.MD5, value),
    IndicatorType.SHA1: lambda value: _hash(IndicatorType.SHA1, value),
    IndicatorType.SHA256: lambda value: _hash(IndicatorType.SHA256, value),
    IndicatorType.CRYPTOCURRENCY_WALLET: _wallet,
    IndicatorType.PHONE_NUMBER: _phone,
}
