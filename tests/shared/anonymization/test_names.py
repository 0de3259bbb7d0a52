"""Person names in en/fr/de/es and in Arabic/Persian script never survive redaction."""

from __future__ import annotations

import re

import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.anonymization.names import PersonDetector, normalize_arabic
from shared.anonymization.text import TextAnonymizer

from .conftest import filler, plant

_FAKERS = {locale: Faker(locale) for locale in ("en_US", "fr_FR", "de_DE", "es_ES", "ar_AA", "fa_IR")}


def _name(locale: str, seed: int) -> str:
    fake = _FAKERS[locale]
    fake.seed_instance(seed)
    # Some ar_AA surnames carry a parenthesized clan name; that is an alias, not part of the name.
    last = re.sub(r"\s*\(.*?\)", "", fake.last_name())
    return f"{fake.first_name()} {last}"


@given(
    before=filler,
    locale=st.sampled_from(["en_US", "fr_FR", "de_DE", "es_ES"]),
    seed=st.integers(min_value=0, max_value=2**31),
    after=filler,
)
@settings(max_examples=300, deadline=None)
def test_latin_full_name_never_survives(
    anonymizer: TextAnonymizer, before: str, locale: str, seed: int, after: str
) -> None:
    name = _name(locale, seed)
    redacted, counts = anonymizer.redact(plant(before, name, after))
    for part in name.split():
        if part[0].isupper() and len(part) > 2:
            assert part not in redacted.split(), (name, redacted)
    assert counts["PERSON"] >= 1


@given(
    locale=st.sampled_from(["en_US", "fr_FR", "de_DE", "es_ES"]),
    seed=st.integers(min_value=0, max_value=2**31),
    cue=st.sampled_from(
        ["Mr.", "Mrs", "Dr.", "M.", "Mme", "Herr", "Frau", "Sr.", "Sra.", "the victim", "named"]
    ),
)
@settings(max_examples=200, deadline=None)
def test_name_after_title_or_cue_never_survives(
    anonymizer: TextAnonymizer, locale: str, seed: int, cue: str
) -> None:
    fake = _FAKERS[locale]
    fake.seed_instance(seed)
    surname = fake.last_name()
    redacted, _ = anonymizer.redact(f"the report says {cue} {surname} paid the fee")
    assert surname not in redacted, redacted


@given(
    before=filler,
    locale=st.sampled_from(["ar_AA", "fa_IR"]),
    seed=st.integers(min_value=0, max_value=2**31),
    cue=st.sampled_from(["", "السيد", "آقای", "خانم"]),
    after=filler,
)
@settings(max_examples=200, deadline=None)
def test_arabic_and_persian_names_never_survive(
    anonymizer: TextAnonymizer, before: str, locale: str, seed: int, cue: str, after: str
) -> None:
    name = _name(locale, seed)
    redacted, counts = anonymizer.redact(plant(before, f"{cue} {name}".strip(), after))
    for part in name.split():
        assert part not in redacted.split(), (name, redacted)
    assert counts["PERSON"] >= 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Follow up with Sean Rajkovič in 2 months.", ["Sean Rajkovič"]),
        ("They had 6: Viliam, Robert, Marvin and Brandon.", ["Viliam", "Robert", "Marvin", "Brandon"]),
        ("Hello, this is Mr. Carl Koike.", ["Mr. Carl Koike"]),
        ("My name is Kenjirou", ["Kenjirou"]),
        ("La victime, Marie Dupont, a porté plainte.", ["Marie Dupont"]),
        ("Das Opfer Hans Müller meldete sich.", ["Hans Müller"]),
        ("La víctima, María García López, llamó.", ["María García López"]),
        ("i'm so jealous! said william to christina", ["william", "christina"]),
        ("اتصل السيد محمد العلي بالشرطة.", ["محمد العلي"]),
        ("آقای علی رضایی قربانی شد.", ["علی رضایی"]),
    ],
)
def test_person_spans(text: str, expected: list[str]) -> None:
    found = [text[d.start : d.end] for d in PersonDetector().find(text)]
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Netherlands and Spain saw a rise in parcel scams in October.",
        "Europol and the Bank of Spain published a warning on Monday.",
        "The victims paid via PayPal and WhatsApp.",
    ],
)
def test_places_and_brands_are_not_persons(anonymizer: TextAnonymizer, text: str) -> None:
    assert anonymizer.redact(text)[1]["PERSON"] == 0


def test_arabic_folding_matches_letter_variants() -> None:
    assert normalize_arabic("علي") == normalize_arabic("علی")
    assert normalize_arabic("على") != normalize_arabic("علی")  # "on" is not "Ali"
