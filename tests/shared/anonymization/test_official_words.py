"""The words of official paperwork: courts, offices and documents' headings are no persons, in
title case and in capitals; the persons they name are still found."""

from __future__ import annotations

import pytest

from shared.anonymization.names import PersonDetector
from shared.anonymization.official_words import capital_forms, legal_body_words


def test_capital_forms_hold_what_lower_gives_for_turkish_capitals() -> None:
    forms = capital_forms("başsavcılığı")
    assert "BAŞSAVCILIĞI".lower() in forms
    assert "ÖZETİ".lower() in capital_forms("özeti")
    assert capital_forms("court") == {"court"}


def test_legal_body_words_reads_a_whitespace_separated_list() -> None:
    words = legal_body_words("sąd  törvényszék\nmahkemesi")
    assert {"sąd", "törvényszék", "mahkemesi"} <= words


@pytest.mark.parametrize(
    "text",
    [
        "Sprawę rozpoznał Sąd Okręgowy w Krakowie.",
        "Az ügyet a Fővárosi Törvényszék tárgyalta.",
        "Dommen blev afsagt af Københavns Byret.",
        "ROZSUDEK JMÉNEM REPUBLIKY\n\nOkresní soud rozhodl.",
        "İSTANBUL CUMHURİYET BAŞSAVCILIĞI\nSoruşturma No: 2024/123",
        "BAKI ŞƏHƏRİ NƏSİMİ RAYON MƏHKƏMƏSİ\n",
        "KRAJOWA ADMINISTRACJA SKARBOWA\nIzba Administracji Skarbowej w Warszawie",
        "Pemeriksaan oleh Hakim Ketua dimulai pukul 09.00.",
    ],
)
def test_courts_offices_and_headings_are_no_persons(text: str) -> None:
    assert PersonDetector().find(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oskarżony: JAN KOWALSKI, sędzia ANNA NOWAK.", ["JAN KOWALSKI", "ANNA NOWAK"]),
        ("Hakim Ketua: Budi Santoso, S.H.", ["Budi Santoso"]),
    ],
)
def test_parties_beside_courts_are_still_found(text: str, expected: list[str]) -> None:
    found = [text[d.start : d.end] for d in PersonDetector().find(text)]
    assert [f for f in found if f in expected] == expected
