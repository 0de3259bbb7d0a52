"""Emails are found; criminal infrastructure (URLs, domains, hashes, wallets) is found as such and
survives redaction untouched."""

from __future__ import annotations

import hashlib
import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.anonymization.detectors import (
    CueGate,
    Detection,
    SpanIndex,
    bundled_handle_patterns,
    find_domains,
    find_emails,
    find_handles,
    find_hashes_and_wallets,
    find_urls,
    literal_trie,
    select_disjoint,
)
from shared.anonymization.text import TextAnonymizer

from .conftest import filler, plant

_local = st.from_regex(r"[a-z][a-z0-9._+-]{0,20}[a-z0-9]", fullmatch=True)
_domain = st.from_regex(
    r"[a-z][a-z0-9-]{0,15}[a-z0-9]\.(com|org|net|de|fr|es|co\.uk|example)", fullmatch=True
)


@given(before=filler, local=_local, domain=_domain, after=filler)
@settings(max_examples=100, deadline=None)
def test_email_never_survives(
    anonymizer: TextAnonymizer, before: str, local: str, domain: str, after: str
) -> None:
    email = f"{local}@{domain}"
    redacted, counts = anonymizer.redact(plant(before, email, after))
    assert email not in redacted
    # The filler may hold the local part as a word of its own ("be@a0.com be"): only the address's
    # copy must go.
    assert redacted.split().count(local) <= f"{before} {after}".split().count(local)
    assert counts["EMAIL"] == 1


def test_obfuscated_email() -> None:
    text = "write to jan.devries [at] example [dot] nl now"
    (det,) = find_emails(text)
    assert text[det.start : det.end] == "jan.devries [at] example [dot] nl"


@pytest.mark.parametrize(
    "address",
    [
        "marchand.f.84 [arobase] laposte [point] net",
        "mahri.atayewa (at) online (nokat) tm",
        "ali.raza.khi ایٹ hotmail ڈاٹ com",
        "siti.aminah (at) yahoo titik com",
    ],
)
def test_at_and_dot_words_of_more_languages(address: str) -> None:
    text = f"contact: {address} please"
    (det,) = find_emails(text)
    assert text[det.start : det.end] == address


@pytest.mark.parametrize(
    ("text", "written_out"),
    [
        ("jan.devries [at] example [dot] nl", True),
        ("jan.devries(at)example.nl", True),
        ("jan.devries < dot > nl", True),
        ("jan dot devries", True),
        ("lina arroba correo punto com", True),
        ("ivan собака mail точка ru", True),
        ("meet me at the (station) at noon", False),
        ("jan@example.nl", False),
    ],
)
def test_written_out_address_gate(text: str, written_out: bool) -> None:
    """The gate for addresses written out with words or brackets, every form behind one leading
    class (a bracket or a space)."""
    gate = bundled_handle_patterns().emails.obfuscated
    assert (gate.search(text) is not None) is written_out
    assert (gate.search(f"x{text}") is not None) is written_out


@given(
    before=filler, domain=_domain, path=st.from_regex(r"(/[a-z0-9]{1,8}){0,3}", fullmatch=True), after=filler
)
@settings(max_examples=100, deadline=None)
def test_offender_urls_and_domains_survive(
    anonymizer: TextAnonymizer, before: str, domain: str, path: str, after: str
) -> None:
    text = f"{before} https://{domain}{path} and {domain} {after}"
    redacted, counts = anonymizer.redact(text)
    assert redacted == text
    assert not counts


@pytest.mark.parametrize(
    "text",
    ["https://ab.com/fb and ab.com", "see shop-now.example/ig/promo and shop-now.example today"],
)
def test_a_platform_word_in_a_link_path_names_no_account(anonymizer: TextAnonymizer, text: str) -> None:
    assert anonymizer.redact(text) == (text, {})


def test_platforms_joined_by_a_slash_still_name_an_account() -> None:
    text = "WhatsApp/Telegram: jana_k88"
    assert [text[d.start : d.end] for d in find_handles(text)] == ["jana_k88"]


@given(data=st.binary(min_size=1, max_size=64), algo=st.sampled_from(["md5", "sha1", "sha256", "sha512"]))
@settings(max_examples=80, deadline=None)
def test_hashes_survive(anonymizer: TextAnonymizer, data: bytes, algo: str) -> None:
    digest = hashlib.new(algo, data).hexdigest()
    text = f"the dropper {digest} was attached"
    assert anonymizer.redact(text) == (text, {})
    assert [d.kind for d in find_hashes_and_wallets(text)] == ["HASH"]


@pytest.mark.parametrize(
    "wallet",
    [
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
        "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL",
    ],
)
def test_wallets_survive(anonymizer: TextAnonymizer, wallet: str) -> None:
    text = f"funds went to {wallet} on the same day"
    assert anonymizer.redact(text) == (text, {})
    assert [d.kind for d in find_hashes_and_wallets(text)] == ["WALLET"]


def test_digits_inside_urls_are_not_phones(anonymizer: TextAnonymizer) -> None:
    text = "pay at hxxps://parcel-fee.example/pay?id=5551234567&ip=10.0.0.1 today"
    assert [text[d.start : d.end] for d in find_urls(text)] == [
        "hxxps://parcel-fee.example/pay?id=5551234567&ip=10.0.0.1"
    ]
    assert anonymizer.redact(text) == (text, {})


def test_defanged_domain() -> None:
    text = "see secure-login[.]example and e.g. this"
    assert [text[d.start : d.end] for d in find_domains(text)] == ["secure-login[.]example"]


@pytest.mark.parametrize(
    "text",
    [
        "write to jane.doe [at] gmail dot com today",
        "write to JANE.DOE AT EXAMPLE DOT ORG today",
        "write to jane (at) example (dot) fr today",
        "write to jane{at}example[.]com today",
    ],
)
def test_obfuscated_emails_are_found(text: str) -> None:
    redacted, counts = TextAnonymizer().redact(text)
    assert counts["EMAIL"] == 1
    assert "example" not in redacted.lower() and "gmail" not in redacted


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("she follows @jane_doe93 daily", "jane_doe93"),
        ("contact on Instagram: jane.doe93 please", "jane.doe93"),
        ("on Telegram as janedoe_x", "janedoe_x"),
    ],
)
def test_social_handles_are_found(text: str, handle: str) -> None:
    redacted, counts = TextAnonymizer().redact(text)
    assert handle not in redacted
    assert counts["HANDLE"] == 1


def test_select_disjoint_is_linear_in_practice() -> None:
    # 40,000 overlapping candidates: a pairwise comparison would take minutes.
    dets = [Detection(i, i + 5, "PERSON") for i in range(0, 200_000, 5)]
    dets += [Detection(i + 2, i + 4, "PHONE") for i in range(0, 200_000, 5)]
    chosen = select_disjoint(sorted(dets, key=lambda d: (d.kind != "PERSON", d.start)))
    assert len(chosen) == 40_000
    assert all(a.end <= b.start for a, b in pairwise(chosen))


def test_span_index_answers_overlaps() -> None:
    index = SpanIndex([Detection(10, 20, "X"), Detection(0, 3, "Y"), Detection(12, 14, "Z")])
    assert index.overlaps(19, 25) and index.overlaps(2, 4) and not index.overlaps(3, 10)
    assert not index.overlaps(20, 30)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Kontakt: jonas.weber [ät] web.de bitte", "jonas.weber [ät] web.de"),
        ("escribió desde marta.gil (arroba) yahoo.es ayer", "marta.gil (arroba) yahoo.es"),
        ("scrivere a luca.b [chiocciola] libero [punto] it", "luca.b [chiocciola] libero [punto] it"),
        ("e-mail: piotr.nowak [małpa] onet.pl", "piotr.nowak [małpa] onet.pl"),
        ("contact : julie.m [at] orange [point] fr", "julie.m [at] orange [point] fr"),
        ("Impressum: info(a)beispiel-firma.de", "info(a)beispiel-firma.de"),
        ("mail her at tom.h [@] example.org today", "tom.h [@] example.org"),
        ("full-width: kenji.sato＠example.jp", "kenji.sato＠example.jp"),
        ("write to dana_k_82 at gmail.com soon", "dana_k_82 at gmail.com"),
        ("write to DANA.K AT WP.PL soon", "DANA.K AT WP.PL"),
    ],
)
def test_emails_hidden_with_words_of_report_languages(text: str, address: str) -> None:
    found = [text[d.start : d.end] for d in find_emails(text)]
    assert found == [address]


@pytest.mark.parametrize(
    "text",
    [
        "the meeting (at) noon was cancelled",  # a bracketed word with no domain after it
        "prezzo 5 (punto) 3 euro",
        "Klammeraffe ist das deutsche Wort für das Zeichen",
        # A plain "at" is the English word unless a mail provider follows.
        "the phishing kit was hosted at secure-login.com for a week",
        "options (a) and (b) were offered",
    ],
)
def test_bracketed_words_without_an_address_are_not_emails(text: str) -> None:
    assert list(find_emails(text)) == []


def test_cue_gate_finds_where_cues_may_start() -> None:
    gate = CueGate.of(["date of birth", "geb.", "生年月日"])
    lower = "opfer, geb. 1.2.1960; date of birth given; 生年月日：なし"
    starts = gate.positions(lower)
    assert {lower.index("geb."), lower.index("date"), lower.index("生年月日")} <= set(starts)
    assert gate.open(lower)
    assert not gate.open("no cue in this text at all")
    assert gate.positions("no cue in this text at all") == []


@pytest.mark.parametrize(
    "email",
    [
        "lena.berg @ gmail.com",
        "lena.berg @ gmail . com",
        "lena.berg@gmail. com",
        "tomas_n @ posteo . de",
        "aisha.k@outlook .com",
    ],
)
def test_email_addresses_written_with_spaces_are_found(email: str) -> None:
    from shared.anonymization.detectors import EMAIL, find_emails

    text = f"Victim Lena Berg, e-mail {email}, lost 300 euros."
    assert [text[d.start : d.end] for d in find_emails(text) if d.kind == EMAIL] == [email]


@pytest.mark.parametrize(
    "text",
    [
        "Write to jo@example.com. Then call the bank.",  # the next sentence is no part of it
        "jo@example.com was asked to log in at evil-login.com",  # prose after the address
        "meet @ 5pm at the cafe",
    ],
)
def test_an_address_with_spaces_never_takes_the_prose_around_it(text: str) -> None:
    from shared.anonymization.detectors import find_emails

    assert all(text[d.start : d.end] in ("jo@example.com",) for d in find_emails(text))


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("Her mail: marek.nowy @ onet . pl.", "marek.nowy @ onet . pl"),
        ("Correo: ines.prado @ bodegasmuñoz . es. Fin.", "ines.prado @ bodegasmuñoz . es"),
        ("reachable at t.okafor [at] yahoo dot co, she said", "t.okafor [at] yahoo dot co"),
        ("contact at r.kaur (at) outlook (dot) com today", "r.kaur (at) outlook (dot) com"),
    ],
)
def test_a_spaced_address_ends_at_the_sentence_and_a_plain_at_stays_a_word(text: str, email: str) -> None:
    """A spaced top-level domain may end a sentence ("… . pl."); a lowercase " at " before an
    address written with words ("reachable at x [at] y dot z") is the English word."""
    from shared.anonymization.detectors import find_emails

    assert [text[d.start : d.end] for d in find_emails(text)] == [email]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("לאחר מייל מ-billing@example-pay.co הועבר הכסף", "billing@example-pay.co"),
        ("連絡先は山田花子yamada.h@example-pay.jp です", "連絡先は山田花子yamada.h@example-pay.jp"),
        ("napisała z adresu józef.wrona@example.pl wczoraj", "józef.wrona@example.pl"),
    ],
)
def test_an_address_starts_after_a_glued_hebrew_preposition_only(text: str, address: str) -> None:
    assert [text[d.start : d.end] for d in find_emails(text)] == [address]


@pytest.mark.parametrize(
    ("text", "email"),
    [
        # a provider's dots written with spaces after a plain "at", in any script around it
        ("بريد الضحية samira.k at yandex . ru.", "samira.k at yandex . ru"),
        ("Victim e-mail: tomas_v at uol.com . br", "tomas_v at uol.com . br"),
        # Chinese writes the next word glued to the top-level domain
        ("其邮箱lin.w@163.com与手机均被更改", "其邮箱lin.w@163.com"),
    ],
)
def test_addresses_with_a_spaced_provider_or_a_glued_next_word_are_found(text: str, email: str) -> None:
    from shared.anonymization.detectors import EMAIL, find_emails

    assert [text[d.start : d.end] for d in find_emails(text) if d.kind == EMAIL] == [email]


@given(
    words=st.lists(st.text(alphabet="abB.P-é", min_size=1, max_size=5), min_size=1, max_size=12),
    text=st.text(alphabet="abB.P-é x", max_size=30),
)
@settings(max_examples=300, deadline=None)
def test_a_literal_trie_finds_a_word_wherever_one_occurs(words: list[str], text: str) -> None:
    pattern = re.compile(literal_trie(words))
    assert (pattern.search(text) is not None) == any(word in text for word in words)
    assert all(pattern.fullmatch(word) for word in words)


_UNSPACED_CUES = ["生年月日", "출생", "วันเกิด", "የትውልድ", "ふりがな"]


@given(
    cue=st.sampled_from(_UNSPACED_CUES),
    before=st.text(alphabet="abc xyz,éжд:ñ", max_size=12),
    after=st.text(alphabet="abc xyz,éжд:ñ0", max_size=12),
)
@settings(max_examples=150, deadline=None)
def test_an_unspaced_cue_in_a_text_of_other_scripts_opens_the_gate(cue: str, before: str, after: str) -> None:
    # The scan for a letter of a script written without spaces must let every such cue in.
    gate = CueGate.of([*_UNSPACED_CUES, "born"])
    lower = (before + cue + after).lower()
    assert gate.open(lower)
    assert lower.index(cue.lower()) in gate.positions(lower)


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("correo: maite.olaz arroba buzon punto es, llamar", "maite.olaz arroba buzon punto es"),
        ("пишите: oleg.v собака pochta точка ru", "oleg.v собака pochta точка ru"),
        ("adres: ewa_k małpa skrzynka kropka pl", "ewa_k małpa skrzynka kropka pl"),
    ],
)
def test_spoken_at_and_dot_words_without_brackets(text: str, email: str) -> None:
    assert [text[d.start : d.end] for d in find_emails(text)] == [email]


@pytest.mark.parametrize("text", ["la chiocciola dei file punto", "ein Affe im Zoo kropka"])
def test_a_spoken_at_word_without_a_spoken_dot_after_the_host_is_prose(text: str) -> None:
    assert list(find_emails(text)) == []


def test_an_address_at_the_end_of_a_long_token_keeps_its_last_64_characters_of_local_part() -> None:
    """Only the 64 characters before an "@" can be a local part: the rest of a long token is not
    read again for each "@" (a hostile text of "a@b." repeated took seconds per kilobyte)."""
    text = "a" * 500 + "@example.com tail"
    assert [(d.start, d.end) for d in find_emails(text)] == [(436, 512)]
