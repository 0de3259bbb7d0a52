"""Street addresses and dates of birth in en/fr/de/es."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.anonymization.contextual import find_addresses, find_dates_of_birth
from shared.anonymization.text import TextAnonymizer

from .conftest import filler, plant

ADDRESSES = [
    "123 Main Street",
    "123 Main Street, Springfield, IL 62704",
    "4 Privet Drive, Apt 2",
    "12 rue de la Paix, 75002 Paris",
    "8, avenue Victor Hugo",
    "Hauptstraße 5, 10115 Berlin",
    "Lindenstr. 12",
    "Am Alten Markt Platz 3",
    "Calle Mayor 10, 28013 Madrid",
    "Avenida de la Constitución 22",
    "Kalverstraat 12",
    "Via Roma 1",
    "P.O. Box 255",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_address_found_whole(address: str) -> None:
    text = f"the victim lives at {address} since last year"
    spans = [text[d.start : d.end] for d in find_addresses(text)]
    assert address in spans


@given(before=filler, address=st.sampled_from(ADDRESSES), after=filler)
@settings(max_examples=100, deadline=None)
def test_address_never_survives(anonymizer: TextAnonymizer, before: str, address: str, after: str) -> None:
    redacted, counts = anonymizer.redact(plant(before, address, after))
    assert address not in redacted
    assert counts["ADDRESS"] == 1


def test_number_without_street_word_is_not_an_address() -> None:
    assert list(find_addresses("the 12 victims lost 4500 euros in 3 days")) == []


_DOB = st.sampled_from(
    [
        ("born on", "2/7/1961"),
        ("DOB:", "1985-03-12"),
        ("date of birth", "March 12, 1985"),
        ("née le", "12 mars 1985"),
        ("né le", "01/02/1970"),
        ("geboren am", "3. März 1990"),
        ("Geburtsdatum", "03.03.1990"),
        ("nacido el", "4 de mayo de 1980"),
        ("fecha de nacimiento:", "04/05/1980"),
    ]
)


@given(before=filler, cue_date=_DOB, after=filler)
@settings(max_examples=100, deadline=None)
def test_date_of_birth_never_survives(
    anonymizer: TextAnonymizer, before: str, cue_date: tuple[str, str], after: str
) -> None:
    cue, date = cue_date
    redacted, counts = anonymizer.redact(plant(before, f"{cue} {date}", after))
    assert date not in redacted
    assert cue in redacted  # the cue word is not personal data
    assert counts["DATE-OF-BIRTH"] == 1


def test_dates_without_birth_cue_are_kept() -> None:
    text = "first seen on 2026-10-01 and last seen 20 November 2026"
    assert list(find_dates_of_birth(text)) == []


# Forms and letters break an address over lines; a British postcode follows the town (invented).
BROKEN_LINES = [
    "Address:\nFlat 2, 31 Willow\nRoad, Sheffield S10 2TN",
    "The complainant lives at 7 Heron\nClose, Reading RG1 4PQ.",
    "resides at 19 Larch Avenue, Derby\nDE22 3HL.",
    "resides at 56 Poplar Lane,\nNorwich NR2 3AB.",
]


@pytest.mark.parametrize("text", BROKEN_LINES)
def test_an_address_broken_over_lines_is_masked_with_its_postcode(text: str) -> None:
    redacted, _ = TextAnonymizer().redact(text)
    assert not any(ch.isdigit() for ch in redacted), redacted


@given(
    town=st.sampled_from(["Leeds", "Bath", "Truro"]), outward=st.from_regex(r"[A-Z]{2}[1-9]", fullmatch=True)
)
@settings(max_examples=30, deadline=None)
def test_a_postcode_after_the_town_ends_the_address(town: str, outward: str) -> None:
    text = f"He lives at 4 Elm Street, {town} {outward} 9ZZ now."
    spans = [text[d.start : d.end] for d in find_addresses(text)]
    assert f"4 Elm Street, {town} {outward} 9ZZ" in spans


@pytest.mark.parametrize(
    "text",
    [
        "Hien Dossier: 6, rue des Prés, L-3872 Schifflange.",
        "Il habite 9 rue du Marché, CH-2000 Neuchâtel.",
        "Elle habite 41 rue Racine, Sherbrooke QC J1H 2R7.",
    ],
)
def test_a_postcode_with_its_country_letters_stays_in_the_line(text: str) -> None:
    spans = [text[d.start : d.end] for d in find_addresses(text)]
    assert any(span.endswith(("Schifflange", "Neuchâtel", "J1H 2R7")) for span in spans), spans
