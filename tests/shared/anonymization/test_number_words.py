"""Numbers written in words, with look-alike letters or spaced out are read as digits by the
detectors, and their spans cover the words."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from shared.anonymization import detectors
from shared.anonymization.normalize import normalize
from shared.anonymization.number_words import DATA_FILE, find_rewrites, load_number_words, with_digits
from shared.anonymization.text import TextAnonymizer
from shared.data_files import parse_yaml


def _digit_words() -> dict[str, list[str]]:
    """Per language of the data file that lists every digit: its word for each digit (the first)."""
    out: dict[str, list[str]] = {}
    for lang, table in parse_yaml(DATA_FILE.read_text(encoding="utf-8"))["languages"].items():
        if all(d in table for d in range(10)):
            out[str(lang)] = [str(table[d]).split()[0] for d in range(10)]
    return out


_DIGIT_WORDS = _digit_words()
_SEPARATORS = st.sampled_from([" ", ", ", " - ", " / ", "-"])


def test_the_data_file_has_the_digits_of_many_languages() -> None:
    assert len(_DIGIT_WORDS) >= 60
    load_number_words.cache_clear()
    assert load_number_words().values["zéro"] == 0


@given(
    lang=st.sampled_from(sorted(_DIGIT_WORDS)),
    digits=st.lists(st.integers(min_value=0, max_value=9), min_size=9, max_size=9),
    separator=_SEPARATORS,
)
@settings(max_examples=150, deadline=None)
def test_a_victims_phone_dictated_in_any_listed_language_is_masked_as_in_digits(
    anonymizer: TextAnonymizer, lang: str, digits: list[int], separator: str
) -> None:
    # A leading 0, as a national number starts; the same number in digits must be one the
    # detectors mask (not "0000000123").
    plain = "0" + "".join(map(str, digits))
    _, plain_counts = anonymizer.redact(f"The victim gave her phone number {plain} to the caller.")
    assume(plain_counts["PHONE"] + plain_counts["NATIONAL-ID"] + plain_counts["CARD"] >= 1)
    words = _DIGIT_WORDS[lang]
    spoken = [words[int(d)] for d in plain]
    number = separator.join([" ".join(spoken[:3]), " ".join(spoken[3:6]), " ".join(spoken[6:])])
    redacted, counts = anonymizer.redact(f"The victim gave her phone number {number} to the caller.")
    assert counts["PHONE"] + counts["NATIONAL-ID"] + counts["CARD"] >= 1, (lang, redacted)
    assert number not in redacted
    assert spoken[-1] not in redacted.split("number", 1)[1].split("to the caller")[0]


@pytest.mark.parametrize(
    "number",
    [
        # One-letter number words ("છ", six) joined by a hyphen or said one after another.
        "શૂન્ય આઠ છ-સાત પાંચ છ-પાંચ શૂન્ય આઠ આઠ",
        "શૂન્ય આઠ પાંચ છ છ છ નવ ચાર બે બે",
    ],
)
def test_a_number_dictated_in_gujarati_words_is_masked(anonymizer: TextAnonymizer, number: str) -> None:
    redacted, counts = anonymizer.redact(f"The victim gave her phone number {number} to the caller.")
    assert counts["PHONE"] == 1, redacted
    assert "આઠ" not in redacted


def test_a_number_word_of_another_script_does_not_join_a_dictated_number() -> None:
    # "to" is two in Danish and Norwegian; after Gujarati digits it is an English word.
    view = with_digits("number શૂન્ય આઠ પાંચ છ છ છ નવ ચાર બે બે to the caller")
    assert view is not None
    assert "0856669422 to" in view[0]


def test_numbers_said_in_groups_are_read_as_one_number() -> None:
    cases = {
        "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit": "0612345678",
        "восемь девятьсот шестнадцать, сто двадцать три, сорок пять, шестьдесят семь": "89161234567",
        "cento e vinte e três, quatrocentos e cinquenta e seis, setecentos e oitenta e nove": "123456789",
        "zero seven nine double-one, three four five, six seven eight": "07911345678",
        "sei sei bost, hamabi, hogeita hamalau, berrogeita hamasei": "665123456",
        "нөл жети жүз, он эки, отуз төрт, элүү алты": "0700123456",
        "صفر خمسة خمسة، ثلاثة أربعة اثنان، سبعة سبعة واحد تسعة": "0553427719",
        "一三八 一二三四 五六七八": "13812345678",
        "공일공 일이삼사 오륙칠팔": "01012345678",
        "telefon fire-fem-fem, tolv, tretti-fire, femtiseks": "455123456",
    }
    for words, digits in cases.items():
        view = with_digits(words)
        assert view is not None, words
        assert digits in view[0], (words, view[0])


def test_lookalike_letters_and_spaced_digits_are_read_as_digits() -> None:
    cases = {
        "tel: +36 3O 555 l2 34.": "+36 30 555 12 34",
        "ipn 3О45678914;": "3045678914",
        "0 9 7 🔹 1 2 3 🔹 4 5 🔹 6 7": "0971234567",
        "06 ☎ 71 ☎ 22 ☎ 40 ☎ 19": "0671224019",
        "né le 3 1 / 0 1 / 1 9 9 9": "31/01/1999",
    }
    for text, digits in cases.items():
        view = with_digits(text)
        assert view is not None, text
        assert digits in view[0], (text, view[0])


def test_amounts_counts_years_and_identifier_letters_stay_as_written() -> None:
    for text in (
        "Virement de deux mille quatre cents euros vers le compte",
        "He paid two thousand five hundred and fifty dollars at nine thirty.",
        "born in nineteen eighty-five, three of them",
        "Er hat 0171 1234567 angerufen",
        "the Taiwanese id I100000003",
        "a 5l can and 10 IO ports",
    ):
        assert with_digits(text) is None, text


def test_one_word_can_say_two_groups_and_a_lone_number_word_says_none() -> None:
    # A word of number words run together ("tausendtausend") holds two groups: the count of words
    # that start a group must not pass it over.
    assert [r.digits for r in find_rewrites("tausendtausend")] == ["10001000"]
    assert find_rewrites("une deux") == []
    assert find_rewrites("at one o'clock, then a memo") == []


def test_a_words_number_words_are_read_the_same_the_second_time() -> None:
    text = "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit"
    first = find_rewrites(text)
    assert first and find_rewrites(text) == first
    assert find_rewrites("appelez le " + text)[0].digits == first[0].digits


def test_the_span_found_in_the_digits_covers_the_words() -> None:
    text = "la victime a rappelé depuis le zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit."
    view = normalize(text)
    assert view.mapped
    start = view.text.index("0612345678")
    (found,) = view.to_original([detectors.Detection(start, start + 10, detectors.PHONE)])
    assert text[found.start : found.end] == "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit"


def test_an_offenders_number_in_words_is_kept_and_a_victims_masked(anonymizer: TextAnonymizer) -> None:
    text = (
        "La victime a rappelé depuis le zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit. "
        "L'escroc l'appelait du zéro neuf, soixante-dix, quatre-vingts, quatre-vingt-un, quatre-vingt-deux."
    )
    redacted, counts = anonymizer.redact(text)
    assert counts["PHONE"] == 1
    assert "soixante-dix-huit" not in redacted
    assert "quatre-vingt-deux" in redacted
