"""Floor, door and flat parts and the postcode written after a street line are masked with it; the
town stays (shared/anonymization/addresses.yaml: floor_parts, postcodes)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.anonymization.detectors import Detection
from shared.anonymization.street_lines import extend_line_ends
from shared.anonymization.text import TextAnonymizer
from shared.anonymization.word_lists import load_word_lists


def addresses(anonymizer: TextAnonymizer, text: str) -> list[str]:
    return [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "ADDRESS"]


@pytest.mark.parametrize(
    ("cue", "line", "town"),
    [
        ("domiciliado en", "Calle Mayor 5, 3º B, 28013", "Madrid"),
        ("con domicilio en", "Avda. de Aragón, 12, pta. 4, 46010", "Valencia"),
        ("residente na", "Rua do Ouro, 120, 2.º Dto., 1100-060", "Lisboa"),
        ("residente in", "Via Nazionale 40, int. 7, 00184", "Roma"),
        ("wohnhaft", "Landstraßer Hauptstraße 12/3/8, 1030", "Wien"),
        ("wonende aan de", "Keizersgracht 100-2, 1015 CX", "Amsterdam"),
        ("zamieszkały przy", "ul. Długa 7/12, 80-831", "Gdańsk"),
        ("bor på", "Vestergade 45, 2. th., 8000", "Aarhus"),
        ("lakik", "Váci utca 10. 3. em. 2., 1052", "Budapest"),
        ("residente en", "Calle 72 # 10-34, apto 301,", "Bogotá"),
        ("Adres:", "Cumhuriyet Caddesi No: 45 Daire: 3,", "Şişli"),
        ("ADRES:", "İnönü Bulvarı No:12/4,", "Ankara"),
    ],
)
def test_floor_parts_and_postcode_go_with_the_street_line(
    anonymizer: TextAnonymizer, cue: str, line: str, town: str
) -> None:
    text = f"{cue} {line} {town}."
    assert line.rstrip(",") in addresses(anonymizer, text)
    redacted, _ = anonymizer.redact(text)
    assert town in redacted


@pytest.mark.parametrize(
    "after",
    [
        ", 1500 euros were lost",
        ", 2019 was the year",
        " 3 times a week",
        ", 12 calls",
        ", 4º piano era vuoto",
    ],
)
def test_numbers_after_a_street_line_without_a_town_stay(after: str) -> None:
    # A postcode needs a capitalized town after it; a floor part needs its own shape.
    text = f"Rua do Ouro 120{after}"
    line = Detection(0, len("Rua do Ouro 120"), "ADDRESS")
    (extended,) = extend_line_ends(text, [line], load_word_lists().streets)
    assert text[extended.start : extended.end] in {"Rua do Ouro 120", "Rua do Ouro 120, 4º"}


def test_a_postcode_read_as_a_phone_number_is_the_address(anonymizer: TextAnonymizer) -> None:
    text = "residente na Rua das Flores, 33, 4050-262 Porto"
    kinds = {(text[d.start : d.end], d.kind) for d in anonymizer.find(text)}
    assert ("Rua das Flores, 33, 4050-262", "ADDRESS") in kinds
    assert all(kind != "PHONE" for _, kind in kinds)


@pytest.mark.parametrize(
    ("text", "masked", "kept"),
    [
        # Of the places after a street line, all but the town are part of the address.
        ("She lives at 14 Rosemount Close, Knocklyon, Dublin 16, and paid.", ("Knocklyon",), ("Dublin",)),
        ("Domicilio: Calle Olmo 8, Barrio San Telmo, Córdoba.", ("San Telmo",), ("Córdoba",)),
        ("Adres: Atatürk Caddesi No: 51, Göztepe, İzmir'de oturuyor.", ("Göztepe",), ("İzmir",)),
        ("العنوان: ٤٢ شارع الجمهورية، المنيل، القاهرة", ("المنيل",), ("القاهرة",)),
        ("Địa chỉ: số 9 phố Hàng Bạc, phường Hàng Đào, Hà Nội.", ("Hàng Đào",), ("Hà Nội",)),
        # A country written last stays with the town before it.
        ("Adres: ul. Lipowa 7, Mokotów, Warszawa, Polska.", ("Lipowa", "Mokotów"), ("Warszawa", "Polska")),
        ("Domicilio: Calle Olmo 8, Barrio Sur, Montevideo, Uruguay.", ("Barrio Sur",), ("Montevideo",)),
        # One place after a line is the town.
        ("The victim lives at 5 Harbour Cottages, Whitby. She paid.", ("Harbour", "5"), ("Whitby",)),
    ],
)
def test_localities_below_the_town_go_with_the_street_line(
    anonymizer: TextAnonymizer, text: str, masked: tuple[str, ...], kept: tuple[str, ...]
) -> None:
    redacted, _ = anonymizer.redact(text)
    assert all(part not in redacted for part in masked), redacted
    assert all(part in redacted for part in kept), redacted


@given(
    town=st.sampled_from(["Gdańsk", "Kraków", "Lublin", "Toruń"]),
    words=st.lists(
        st.sampled_from(["and", "then", "the", "victim", "paid", "a", "fee"]), min_size=1, max_size=6
    ),
)
@settings(max_examples=40, deadline=None)
def test_lowercase_words_after_the_town_are_never_a_locality(
    anonymizer: TextAnonymizer, town: str, words: list[str]
) -> None:
    text = f"Adres: ul. Lipowa 9, {town}, {' '.join(words)}."
    assert town in anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Karim B., résidant Appt 4, Résidence Les Jasmins, Bd Anfa, Casablanca, a payé.",
            ("Appt 4", "Jasmins", "Anfa"),
        ),
        ("Vive en Torre Sur, Av. Libertador 1200, Buenos Aires.", ("Torre Sur", "Libertador")),
        ("Tenant of Flat 3, Osprey House, 18 Larkspur Road, Leeds.", ("Flat 3", "Osprey", "Larkspur")),
    ],
)
def test_flats_and_named_buildings_before_a_street_line_go_with_it(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]
) -> None:
    redacted, _ = anonymizer.redact(text)
    assert all(part not in redacted for part in parts), redacted


@pytest.mark.parametrize(
    ("text", "parts", "kept"),
    [
        (
            "Address: 4 Kloof Road, Gardens\nCity: Cape Town\nPhone: none",
            ("Kloof", "Gardens"),
            ("Cape Town",),
        ),
        ("Adresse : 7 ter rue des Tanneurs\nVille : Colmar", ("Tanneurs", "ter"), ("Colmar",)),
        ("Het slachtoffer woont op Lijnbaansgracht 52 bis in Amsterdam.", ("52", "bis"), ("Amsterdam",)),
    ],
)
def test_a_suburb_above_a_town_field_and_split_house_numbers(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...], kept: tuple[str, ...]
) -> None:
    redacted, _ = anonymizer.redact(text)
    assert all(part not in redacted for part in parts), redacted
    assert all(part in redacted for part in kept), redacted
