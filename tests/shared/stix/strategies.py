"""Hypothesis strategies for valid MO reports and indicator values of every type."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from hypothesis import strategies as st

from shared.models.report import IndicatorType

_ldh_label = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
_idn_label = st.sampled_from(["bücher", "пример", "παράδειγμα", "例え", "xn--bcher-kva", "münchen"])
_label = st.one_of(_ldh_label, _ldh_label.map(str.upper), _idn_label)
domains = st.builds(
    lambda labels, tld: ".".join([*labels, tld]),
    st.lists(_label, min_size=1, max_size=3),
    st.sampled_from(["example", "com", "nl", "рф", "Info"]),
)
_anything = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
urls = st.builds(
    lambda scheme, host, port, path, query: f"{scheme}://{host}{port}/{path}{query}",
    st.sampled_from(["http", "https", "HTTPS", "ftp"]),
    st.one_of(domains, st.ip_addresses(v=4).map(str), st.ip_addresses(v=6).map(lambda ip: f"[{ip}]")),
    st.sampled_from(["", ":8080", ":443"]),
    _anything,
    st.one_of(st.just(""), _anything.map(lambda q: "?" + q)),
)
ipv4s = st.one_of(
    st.ip_addresses(v=4).map(str),
    st.builds(lambda ip, bits: str(ip).rsplit(".", 1)[0] + f".0/{bits}", st.ip_addresses(v=4), st.just(24)),
)
ipv6s = st.ip_addresses(v=6).map(lambda ip: str(ip).upper())
emails = st.builds(
    lambda local, domain: f"{local}@{domain}",
    st.from_regex(r"[A-Za-z0-9._+-]{1,20}", fullmatch=True),
    domains,
)
_digests = st.binary(min_size=1, max_size=8)
md5s = _digests.map(lambda b: hashlib.md5(b).hexdigest())
sha1s = _digests.map(lambda b: hashlib.sha1(b).hexdigest().upper())
sha256s = _digests.map(lambda b: hashlib.sha256(b).hexdigest())
wallets = st.one_of(
    st.from_regex(r"(bc1|[13])[a-km-zA-HJ-NP-Z1-9]{25,39}", fullmatch=True),
    st.binary(min_size=20, max_size=20).map(lambda b: "0x" + b.hex()),
)
phones = st.one_of(
    st.from_regex(r"\+[1-9][0-9]{6,13}", fullmatch=True),
    st.from_regex(r"\+[1-9][0-9] \(?[0-9]{1,3}\)? [0-9]{3}[ -][0-9]{3,4}", fullmatch=True),
)

VALUES: dict[IndicatorType, st.SearchStrategy[str]] = {
    IndicatorType.DOMAIN_NAME: domains,
    IndicatorType.URL: urls,
    IndicatorType.IPV4_ADDR: ipv4s,
    IndicatorType.IPV6_ADDR: ipv6s,
    IndicatorType.EMAIL_ADDR: emails,
    IndicatorType.MD5: md5s,
    IndicatorType.SHA1: sha1s,
    IndicatorType.SHA256: sha256s,
    IndicatorType.CRYPTOCURRENCY_WALLET: wallets,
    IndicatorType.PHONE_NUMBER: phones,
}

indicators = st.sampled_from(list(IndicatorType)).flatmap(
    lambda kind: st.fixed_dictionaries(
        {"type": st.just(kind.value), "value": VALUES[kind]},
        optional={"role": st.sampled_from(["offender", "victim"])},
    )
)
_free_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=120
).filter(lambda text: text.strip() != "")
steps = st.fixed_dictionaries(
    {"description": _free_text},
    optional={
        "technique_id": st.one_of(
            st.sampled_from(["T1660", "T1566", "T1566.002", "T1583.001", "T1657", "T0831", "CAPEC-98"]),
            st.from_regex(r"T1[0-9]{3}(\.00[1-9])?", fullmatch=True),
            st.from_regex(r"CAPEC-[1-9][0-9]{0,3}", fullmatch=True),
        )
    },
)
_dates = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1))


def _report(
    title: str,
    narrative: str,
    mo: list[Any],
    found: list[Any],
    seen: list[Any],
    country: str | None,
    tlp: str,
    category: str | None,
) -> dict[str, Any]:
    report: dict[str, Any] = {
        "title": title,
        "narrative": narrative,
        "modus_operandi": mo,
        "indicators": found,
        "country": country,
        "tlp": tlp,
        "crime_category": category,
        "sectors": ["finance"],
    }
    if seen:
        first, last = sorted(seen)
        report["first_seen"] = first.isoformat() + "Z"
        report["last_seen"] = last.isoformat() + "Z"
    if tlp == "red":
        report["recipients"] = ["be-ccb", "de-bka"]
    return report


reports = st.builds(
    _report,
    _free_text,
    st.one_of(st.just(""), _free_text),
    st.lists(steps, max_size=4),
    st.lists(indicators, max_size=5),
    st.one_of(st.just([]), st.lists(_dates, min_size=2, max_size=2)),
    st.one_of(st.none(), st.sampled_from(["NL", "DE", "BR", "JP", "KE", "AU", "US"])),
    st.sampled_from(["clear", "green", "amber", "amber+strict", "red"]),
    st.one_of(st.none(), st.sampled_from(["fraud", "ransomware", "csam-distribution"])),
)
