"""Patterns and SCOs per indicator type: valid, escaped, normalized, with stix2's ids."""

from __future__ import annotations

import json
import re

import idna
import pytest
import stix2
from hypothesis import given, settings
from hypothesis import strategies as st
from stix2patterns.v21.pattern import Pattern
from stix2patterns.validator import validate as validate_pattern

from shared.models.report import IndicatorType
from shared.stix import patterns
from shared.stix.errors import StixConversionError

from .conftest import validate
from .strategies import VALUES

_LITERAL_ESCAPE = re.compile(r"\\(.)")


def _literal_value(pattern: str) -> str:
    """The string a single-comparison pattern compares against, unescaped."""
    ((_, _, literal),) = next(iter(Pattern(pattern).inspect().comparisons.values()))
    return _LITERAL_ESCAPE.sub(r"\1", literal[1:-1])


@pytest.mark.parametrize(
    ("kind", "value", "pattern"),
    [
        (IndicatorType.DOMAIN_NAME, "Parcel-Fee.Example.", "[domain-name:value = 'parcel-fee.example']"),
        (IndicatorType.DOMAIN_NAME, "pаypal.com", "[domain-name:value = 'xn--pypal-4ve.com']"),
        (
            IndicatorType.URL,
            "HTTPS://Evil.Example/Pay?id='1'",
            "[url:value = 'https://evil.example/Pay?id=\\'1\\'']",
        ),
        (IndicatorType.URL, "http://x.example/a b\\c", "[url:value = 'http://x.example/a%20b%5Cc']"),
        (IndicatorType.IPV4_ADDR, "203.0.113.7", "[ipv4-addr:value = '203.0.113.7']"),
        (IndicatorType.IPV4_ADDR, "198.51.100.0/24", "[ipv4-addr:value = '198.51.100.0/24']"),
        (IndicatorType.IPV6_ADDR, "2001:DB8:0:0::1", "[ipv6-addr:value = '2001:db8::1']"),
        (
            IndicatorType.EMAIL_ADDR,
            "Pay.Desk+1@Bücher.Example",
            "[email-addr:value = 'Pay.Desk+1@xn--bcher-kva.example']",
        ),
        (
            IndicatorType.MD5,
            "D41D8CD98F00B204E9800998ECF8427E",
            "[file:hashes.'MD5' = 'd41d8cd98f00b204e9800998ecf8427e']",
        ),
        (
            IndicatorType.SHA1,
            "da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']",
        ),
        (
            IndicatorType.SHA256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
        ),
        (
            IndicatorType.CRYPTOCURRENCY_WALLET,
            "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh",
            "[cryptocurrency-wallet:value = 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh']",
        ),
        (IndicatorType.PHONE_NUMBER, "+31 (6) 1234-5678", "[phone-number:value = '+31612345678']"),
    ],
)
def test_examples(kind: IndicatorType, value: str, pattern: str) -> None:
    normalized = patterns.normalize_value(kind, value)
    assert patterns.stix_pattern(kind, normalized) == pattern
    assert validate_pattern(pattern, stix_version="2.1", print_errs=False)


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (IndicatorType.DOMAIN_NAME, "under_score.example"),
        (IndicatorType.DOMAIN_NAME, "a..example"),
        (IndicatorType.DOMAIN_NAME, "-lead.example"),
        (IndicatorType.DOMAIN_NAME, "has space.example"),
        (IndicatorType.URL, "parcel-fee.example/pay"),
        (IndicatorType.URL, "http://host:port/"),
        (IndicatorType.URL, "http:///path-only"),
        (IndicatorType.IPV4_ADDR, "999.1.1.1"),
        (IndicatorType.IPV4_ADDR, "2001:db8::1"),
        (IndicatorType.IPV4_ADDR, "10.0.0.1/24"),
        (IndicatorType.IPV6_ADDR, "203.0.113.7"),
        (IndicatorType.EMAIL_ADDR, "no-at-sign.example"),
        (IndicatorType.EMAIL_ADDR, "o'brien@mail.example"),
        (IndicatorType.EMAIL_ADDR, "someone@localhost"),
        (IndicatorType.DOMAIN_NAME, "00--0.example"),  # hyphens in 3rd and 4th place (IDNA 2008)
        (IndicatorType.DOMAIN_NAME, "xn--zz.example"),  # an A-label that does not decode
        (IndicatorType.MD5, "xyz"),
        (IndicatorType.SHA1, "d41d8cd98f00b204e9800998ecf8427e"),
        (IndicatorType.SHA256, "g" * 64),
        (IndicatorType.CRYPTOCURRENCY_WALLET, "bc1' OR 1=1"),
        (IndicatorType.PHONE_NUMBER, "call me"),
    ],
)
def test_invalid_values_are_refused(kind: IndicatorType, value: str) -> None:
    with pytest.raises(StixConversionError, match=r"^value: .* is not a valid"):
        patterns.normalize_value(kind, value)


@given(st.text(max_size=50))
def test_escaping_round_trips_any_text(text: str) -> None:
    pattern = f"[url:value = '{patterns.escape(text)}']"
    assert validate_pattern(pattern, stix_version="2.1", print_errs=False)
    assert _literal_value(pattern) == text


def _check_value(kind: IndicatorType, value: str) -> None:
    normalized = patterns.normalize_value(kind, value)
    assert patterns.normalize_value(kind, normalized) == normalized  # idempotent
    pattern = patterns.stix_pattern(kind, normalized)
    assert validate_pattern(pattern, stix_version="2.1", print_errs=False), pattern
    assert _literal_value(pattern) == normalized
    sco = patterns.observable(kind, normalized)
    if kind in (IndicatorType.CRYPTOCURRENCY_WALLET, IndicatorType.PHONE_NUMBER):
        assert sco is None
        return
    assert sco is not None
    parsed = stix2.parse(sco, allow_custom=False)
    assert json.loads(parsed.serialize()) == sco
    rebuilt = type(parsed)(**{k: v for k, v in sco.items() if k not in ("id", "type", "spec_version")})
    assert rebuilt.id == sco["id"]  # the id stix2 derives itself
    assert validate(sco) == ([], [])


@pytest.mark.parametrize("kind", list(IndicatorType))
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_generated_values(kind: IndicatorType, data: st.DataObject) -> None:
    _check_value(kind, data.draw(VALUES[kind]))


def _idna_2008_domain(value: str) -> str | None:
    """The domain rule spelled out with the IDNA 2008 library checking every label."""
    try:
        domain = value.rstrip(".").encode("idna").decode("ascii").lower()
        labels = domain.split(".")
        ldh = all(re.fullmatch(r"(?!-)[a-z0-9-]{1,63}(?<!-)", label) for label in labels)
        if len(domain) > 253 or not ldh:
            return None
        idna.encode(domain)
    except (UnicodeError, idna.IDNAError):
        return None
    return domain


@given(st.lists(st.sampled_from(["xn--", "--", "-", "a", "Zb", "0", "é", "."]), max_size=12).map("".join))
def test_domains_are_what_idna_2008_accepts(value: str) -> None:
    try:
        normalized: str | None = patterns.normalize_value(IndicatorType.DOMAIN_NAME, value)
    except StixConversionError:
        normalized = None
    assert normalized == _idna_2008_domain(value.strip())
