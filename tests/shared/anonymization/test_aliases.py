"""A name's other forms in brackets beside it (shared/anonymization/aliases.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.anonymization.text import TextAnonymizer


def _persons(anonymizer: TextAnonymizer, text: str) -> list[str]:
    return [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A nickname in brackets, and the surname after it.
        (
            "Gebeld werd mevrouw Johanna (Hanneke) van der Velde-Smit, die betaalde.",
            ["Johanna", "Hanneke", "van der Velde-Smit"],
        ),
        # Initials and a surname before the full name in brackets.
        ("Complaint by K. Ozolina (Kristine Ozolina), student.", ["K. Ozolina", "Kristine Ozolina"]),
        # A name and its spelling in another script.
        ("Victim Lim Wei Jie（林伟杰）reported it.", ["Lim Wei Jie", "林伟杰"]),
        # A kanji name and its reading in kana; a hanja name and its reading in hangul.
        ("会社員、佐々木 健太（ささき けんた）さんが被害に遭った。", ["佐々木 健太", "ささき けんた"]),
        ("신고인: 諸葛 英浩 (제갈영호)\n", ["諸葛 英浩", "제갈영호"]),
    ],
)
def test_bracketed_forms_of_a_name_are_names(
    anonymizer: TextAnonymizer, text: str, expected: list[str]
) -> None:
    found = _persons(anonymizer, text)
    assert all(name in found for name in expected), found


@pytest.mark.parametrize(
    "text",
    [
        "John Whitfield (Victim) and Anna Berger (Berlin) met Jo Rees (CEO).",
        "東京（とうきょう）の会社から連絡があった。",
        "Payment by Oscar Lindqvist (Swedish) was refunded.",
    ],
)
def test_roles_places_and_acronyms_in_brackets_are_no_aliases(anonymizer: TextAnonymizer, text: str) -> None:
    found = _persons(anonymizer, text)
    assert not any(word in " ".join(found) for word in ("Victim", "Berlin", "CEO", "東京", "Swedish")), found


@given(
    first=st.sampled_from(["Maria", "Johan", "Pieter", "Anna", "Lucas", "Sofia"]),
    nick=st.sampled_from(["Mia", "Jo", "Piet", "Anke", "Luuk", "Fien"]),
    surname=st.sampled_from(["Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer"]),
)
@settings(max_examples=60, deadline=None)
def test_no_part_of_a_name_with_a_nickname_survives(first: str, nick: str, surname: str) -> None:
    anonymizer = _ANONYMIZER
    text = f"Op dinsdag belde de bank naar {first} ({nick}) {surname}, die betaalde."
    redacted, _ = anonymizer.redact(text)
    for part in (first, nick, surname.split()[-1]):
        assert part not in redacted, redacted


_ANONYMIZER = TextAnonymizer()
