"""What hides a value from a pattern is undone before detection; spans map back to the original."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.anonymization.detectors import Detection
from shared.anonymization.normalize import _digit_table, normalize
from shared.anonymization.text import TextAnonymizer

_INVISIBLE = st.sampled_from(["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200c"])


@given(insert_at=st.integers(min_value=1, max_value=4), mark=_INVISIBLE)
@settings(max_examples=60, deadline=None)
def test_zero_width_character_inside_a_name_does_not_hide_it(
    anonymizer: TextAnonymizer, insert_at: int, mark: str
) -> None:
    name = "Jonathan Smithers"
    hidden = name[:insert_at] + mark + name[insert_at:]
    redacted, counts = anonymizer.redact(f"The victim {hidden} called the bank.")
    assert counts["PERSON"] == 1
    assert "Smithers" not in redacted and mark not in redacted


def test_arabic_indic_digits_read_as_digits(anonymizer: TextAnonymizer) -> None:
    redacted, counts = anonymizer.redact("اتصل على +٤٤ ٢٠ ٧٩٤٦ ٠٩٥٨ مساء")
    assert counts["PHONE"] == 1 and "٧٩٤٦" not in redacted


def test_names_joined_by_underscores(anonymizer: TextAnonymizer) -> None:
    redacted, _ = anonymizer.redact("attachment John_Smith_passport.pdf was sent")
    assert "Smith" not in redacted


def test_spans_map_back_to_the_original() -> None:
    view = normalize("a\u200bb c")
    assert view.text == "ab c" and view.positions == [0, 2, 3, 4]


def test_iban_broken_across_a_line(anonymizer: TextAnonymizer) -> None:
    redacted, counts = anonymizer.redact("IBAN DE89 3704 0044\n0532 0130 00 paid")
    assert counts["IBAN"] == 1 and "0532" not in redacted


@given(
    mark=st.sampled_from(["\u0651", "\u064e", "\u064f", "\u0650", "\u0652", "\u064b", "\u0640\u0640\u0640"])
)
@settings(max_examples=20, deadline=None)
def test_arabic_vowel_marks_and_tatweel_inside_a_name_do_not_hide_it(
    anonymizer: TextAnonymizer, mark: str
) -> None:
    # The marks are optional in Arabic writing; the name lists are written without them.
    given_name = "نو" + mark + "ار"
    redacted, counts = anonymizer.redact(f"The victim, {given_name} الحداد, called the bank.")
    assert counts["PERSON"] >= 1
    assert "نو" not in redacted and "ار" not in redacted.replace("[PERSON]", "")


def test_arabic_marks_map_back_to_the_original() -> None:
    view = normalize("نوّار")
    assert view.text == "نوار" and view.positions == [0, 1, 3, 4]


def _digit_table_by_category(text: str) -> dict[int, str]:
    return {
        ord(ch): str(unicodedata.digit(ch))
        for ch in set(text)
        if not ch.isascii() and unicodedata.category(ch) == "Nd"
    }


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
@settings(max_examples=300, deadline=None)
def test_the_digit_gate_skips_only_texts_without_a_non_ascii_digit(text: str) -> None:
    # A text whose only non-ASCII digits are planted still has them read as ASCII digits.
    assert _digit_table(text) == _digit_table_by_category(text)


@given(
    digits=st.text(alphabet=st.characters(categories=["Nd"]).filter(lambda ch: not ch.isascii()), min_size=1),
    before=st.text(alphabet="abc ,", max_size=8),
)
@settings(max_examples=100, deadline=None)
def test_planted_non_ascii_digits_read_as_ascii(digits: str, before: str) -> None:
    view = normalize(before + digits).text
    assert view == before + "".join(str(unicodedata.digit(ch)) for ch in digits)


@given(
    word=st.sampled_from(["lindenstraße", "terrace", "kastanienallee", "müllergasse", "boulevard"]),
    cut=st.integers(min_value=1, max_value=6),
    blank=st.sampled_from(["", " ", "\t"]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
@settings(max_examples=60, deadline=None)
def test_a_word_hyphenated_at_a_line_end_reads_whole(word: str, cut: int, blank: str, newline: str) -> None:
    # Print and OCR break a word at a line end with a hyphen; the detectors read it whole and the
    # spans found in it map back over the break.
    broken = f"at {word[:cut]}-{blank}{newline}{word[cut:]} 5"
    view = normalize(broken)
    assert view.text == f"at {word} 5"
    assert view.positions is not None
    start = view.text.index(word)
    spanned = broken[view.positions[start] : view.positions[start + len(word) - 1] + 1]
    assert spanned.replace(f"-{blank}{newline}", "") == word


def test_a_hyphen_before_a_capital_or_between_blanks_stays() -> None:
    # "Baden-\nWürttemberg" is hyphenated in its own right; " -\n" is a dash.
    for text in ("Baden-\nWürttemberg 5", "paid - \nthen left", "2-\n3 times"):
        assert normalize(text).text == text


def test_a_street_line_hyphenated_at_a_line_end_is_masked_whole(anonymizer: TextAnonymizer) -> None:
    redacted, counts = anonymizer.redact("The caller lives at 14 Harrowgate Ter-\nrace, Leeds LS7 3PD.")
    assert counts["ADDRESS"] == 1 and "race" not in redacted and "LS7" not in redacted
    redacted, _ = anonymizer.redact("Sie wohnt in der Kirsch-\nbaumstraße 12, 04109 Leipzig.")
    assert "Kirsch" not in redacted and "baum" not in redacted


def test_marks_removed_after_a_spans_last_letter_go_with_it() -> None:
    # The tatweel of the Hijri year's mark and a final vowel mark are written on the letter before
    # them: a span ending there ends after them, at the text's end too.
    text = "ولد ١٤١٠ هـ\nزيدٌ"
    view = normalize(text)
    year_mark = view.text.index("ه") + 1
    (mapped_mark, mapped_name) = view.to_original(
        [Detection(0, year_mark, "DATE-OF-BIRTH"), Detection(year_mark + 1, len(view.text), "PERSON")]
    )
    assert text[mapped_mark.start : mapped_mark.end] == "ولد ١٤١٠ هـ"
    assert text[mapped_name.start : mapped_name.end] == "زيدٌ"


def test_a_hijri_birth_date_is_masked_with_its_year_mark(anonymizer: TextAnonymizer) -> None:
    text = "المبلغ: عادل سالم\nتاريخ الميلاد: ٢ شعبان ١٤٠٥ هـ\nالجوال: مخفي"
    dates = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "DATE-OF-BIRTH"]
    assert dates == ["٢ شعبان ١٤٠٥ هـ"]


@pytest.mark.parametrize(
    ("text", "view"),
    [
        ("victim J o h n  S m i t h called", "victim John Smith called"),
        ("B e r t r a n d   Élodie", "Bertrand Élodie"),
        ("T.o.m.a.s.z  Zieliński", "Tomasz Zieliński"),
        ("S-t-e-f-a-n-i-e Albrecht", "Stefanie Albrecht"),
        ("김.영.희 씨", "김영희 씨"),
        ("ف ا ط م ة  الزهراني", "فاطمة الزهراني"),
        ("राम ब.हा.दु.र थापा", "राम बहादुर थापा"),
    ],
)
def test_a_word_spelled_out_letter_by_letter_reads_whole(text: str, view: str) -> None:
    assert normalize(text).text == view


@pytest.mark.parametrize(
    "text",
    ["Rossi S.p.A. of the U.S.A.", "ජා.හැ.අ. 912345678V", "e.g. a b", "plan A-B-C", "ua o e a", "राम ने भी"],
)
def test_abbreviations_and_two_one_letter_words_stay(text: str) -> None:
    assert normalize(text).text == text


def test_the_initial_after_a_spelled_surname_keeps_its_dot() -> None:
    assert normalize("H a d ž i ć A.").text == "Hadžić A."


def test_a_spelled_out_name_maps_back_to_its_letters(anonymizer: TextAnonymizer) -> None:
    redacted, counts = anonymizer.redact("The victim J o h n  S m i t h called the bank.")
    assert counts["PERSON"] == 1 and redacted == "The victim [PERSON] called the bank."


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("J3@N-P13RR3 L3F3BVR3", "JEAN-PIERRE LEFEBVRE"),
        ("D1mitri Sm1th", "Dimitri Smith"),
        ("john85 3rd 4U MP3 jan@mail.ru", "john85 3rd 4U MP3 jan@mail.ru"),
    ],
)
def test_digits_written_for_letters_read_as_letters_by_name_detectors(text: str, names: str) -> None:
    view = normalize(text)
    assert view.names == names and view.text == text


def test_look_alike_letters_read_in_the_word_s_script() -> None:
    view = normalize("Ivаnova Оlga and Петрoв")  # Cyrillic "а", "О"; a Latin "o"
    assert view.names == "Ivanova Olga and Петров"
    assert view.text == "Ivаnova Оlga and Петрoв"


def test_one_letter_number_words_said_one_by_one_are_not_a_spelled_word() -> None:
    # "છ છ છ" is six six six (Gujarati), not a word spelled out letter by letter.
    assert normalize("phone શૂન્ય આઠ પાંચ છ છ છ નવ ચાર બે બે").text == "phone 0856669422"
