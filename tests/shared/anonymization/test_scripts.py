"""Names in another script than the text around them, and place names in those scripts kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.anonymization.scripts import ForeignScriptNames
from shared.anonymization.text import TextAnonymizer

from .conftest import filler, plant

FOREIGN_NAMES = [
    "Иван Петров",
    "Олена Шевченко",
    "Γιώργος Παπαδόπουλος",
    "王秀英",
    "佐藤 花子",
    "さとう はなこ",
    "김민준",
    "יוסי כהן",
    "राहुल शर्मा",
    "Мария Иванова-Петрова",
    "ジョン・スミス",
]


@given(before=filler, name=st.sampled_from(FOREIGN_NAMES), after=filler)
@settings(max_examples=200, deadline=None)
def test_foreign_script_name_never_survives(
    anonymizer: TextAnonymizer, before: str, name: str, after: str
) -> None:
    redacted, counts = anonymizer.redact(plant(f"Witness: {before}", name, after))
    for word in name.replace("・", " ").split():
        assert word not in redacted
    assert sum(counts.values()) >= 1


@pytest.mark.parametrize("place", ["Москва", "Київ", "東京", "Αθήνα", "Deutschland", "Германия"])
def test_place_names_in_their_script_are_kept(anonymizer: TextAnonymizer, place: str) -> None:
    text = f"The money was sent from {place} to a mule account."
    assert anonymizer.redact(text)[0] == text


def test_foreign_street_line_is_an_address(anonymizer: TextAnonymizer) -> None:
    redacted, counts = anonymizer.redact("She lives at вул. Шевченка 12, Київ.")
    assert "Шевченка" not in redacted and "12" not in redacted
    assert counts["ADDRESS"] == 1


def test_a_name_in_a_third_script_inside_a_text_in_another_is_foreign() -> None:
    # A Russian narrative naming a Georgian witness in Georgian script, and an Armenian one.
    text = (
        "Свидетельница Тамара Беридзе (თამარ ბერიძე) сообщила, что звонившие представлялись "
        "сотрудниками банка. Второй свидетель (Գևորգ Սարգսյան) подтвердил это, 12 мая."
    )
    names = {text[d.start : d.end] for d in ForeignScriptNames().find(text)}
    assert {"თამარ ბერიძე", "Գևորգ Սարգսյան"} <= names


def test_labels_and_phrases_of_a_text_in_that_script_are_not_foreign_names() -> None:
    # A form written in Ukrainian: short runs between labels, numbers and Latin words.
    text = (
        "ПІБ: (див. нижче)\nАдреса: не вказано\nТел: 0\nСуть: атака Sandworm на мережу "
        "підприємства, використано Industroyer2"
    )
    assert [d for d in ForeignScriptNames().find(text) if d.kind == "PERSON"] == []


def test_a_house_number_next_to_a_run_of_a_form_in_that_script_is_still_a_street_line() -> None:
    text = "ПІБ: (див. нижче)\nАдреса: Хрещатик 22\nТел: немає\nСуть: шахрайство з оплатою"
    found = {(text[d.start : d.end], d.kind) for d in ForeignScriptNames().find(text)}
    assert ("Хрещатик 22", "ADDRESS") in found
    assert all(kind != "PERSON" for _, kind in found)
