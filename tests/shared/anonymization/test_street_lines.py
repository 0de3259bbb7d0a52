"""Street lines of many countries are masked with their house numbers; cities and amounts stay."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.anonymization.street_lines import find_street_lines
from shared.anonymization.text import TextAnonymizer

STREET_LINES = [
    "ul. Baczyńskiego 946",  # PL
    "Arany János utca 19",  # HU
    "Barkdoğdu Sokağı 302",  # TR
    "вул. Шевченка 12",  # UA
    "ул. Ленина, д. 5",  # RU
    "Οδός Αιόλου 32",  # GR
    "1017 Pederstrupvej",  # DK
    "Hauptstraße 5",  # DE
    "Kalverstraat 12",  # NL
    "12, rue de la Paix",  # FR
    "Calle de Alcalá, 45",  # ES
    "Via Roma 1",  # IT
    "Rua Augusta 274",  # PT
    "7923 Justin Centers Apt. 152",  # US
    "Storgatan 77",  # SE
    "Haakoninlahdentie 77",  # FI
    "Jalan Ronggowarsito No. 13",  # ID
    "Số 813 phố Hoàng Diệu",  # VN
    "Strada Georgescu 12",  # RO
    "Zarnikova ulica 417",  # SI
]


@pytest.mark.parametrize("line", STREET_LINES)
def test_street_line_with_a_type_word_is_masked(anonymizer: TextAnonymizer, line: str) -> None:
    redacted, _ = anonymizer.redact(f"The parcel went to {line}, and nobody answered.")
    for word in line.replace(",", " ").split():
        if any(ch.isdigit() for ch in word) or len(word) > 3:
            assert word not in redacted, redacted


@pytest.mark.parametrize(
    "text",
    [
        "Die Geschädigte wohnt in der Hempstücken 1172, Eger.",
        "Son voisin Jean Dupont, Kožarska 7, a reçu le même SMS.",
        "She lives at 1235 Lille Huseby, Oslo.",
    ],
)
def test_street_line_without_type_word_after_a_cue(anonymizer: TextAnonymizer, text: str) -> None:
    redacted, counts = anonymizer.redact(text)
    assert counts["ADDRESS"] == 1
    assert not any(number in redacted for number in ("1172", " 7,", "1235"))


def test_city_and_amounts_stay() -> None:
    text = "Paid 70,356 EUR in version 2 of the app; she lives in fear since 2019 in Eger."
    assert list(find_street_lines(text)) == []


_STREETS = st.sampled_from(["Teigarhorn", "Hempstücken", "Lichardova", "Isaksengropa", "Dalderhaag"])


@given(
    street=_STREETS,
    number=st.integers(min_value=1, max_value=9999),
    cue=st.sampled_from(
        ["lives at", "wohnhaft in der", "con domicilio en", "residente in", "wonend aan", "address:"]
    ),
)
@settings(max_examples=80, deadline=None)
def test_planted_street_line_never_survives(
    anonymizer: TextAnonymizer, street: str, number: int, cue: str
) -> None:
    redacted, _ = anonymizer.redact(f"The victim {cue} {street} {number}, and called the bank.")
    assert street not in redacted and str(number) not in redacted
