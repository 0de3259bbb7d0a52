"""Found names made only of the text's own frequent words are phrases: the language vote, the
frequent-word check, and what keeps a name (its own lists, a capital inside a sentence, an
inflected or uncased language)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from faker.providers.person.de_DE import Provider as GermanNames
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.anonymization.detectors import ADDRESS, PERSON, Detection
from shared.anonymization.local_words import LocalWords
from shared.anonymization.names import NAMES_FILE, load_lexicon, load_name_words
from shared.anonymization.text import TextAnonymizer
from shared.anonymization.word_lists import WordListError, load_word_lists

POLISH = "Oszust zadzwonił do niej w poniedziałek i powiedział, że jest z banku, a ona mu uwierzyła."
TURKISH = "Şüpheli, kendini banka görevlisi olarak tanıttı ve kadından para istedi, o da gönderdi."
GREEK = "Ο δράστης τηλεφώνησε στο θύμα και του ζήτησε να μεταφέρει τα χρήματα σε άλλο λογαριασμό."


@pytest.fixture(scope="module")
def local() -> LocalWords:
    rules = load_name_words().local_words
    assert rules is not None
    lexicon = load_lexicon()
    return LocalWords(rules, lexicon.first | lexicon.last)


def person(text: str, value: str) -> Detection:
    start = text.index(value)
    return Detection(start, start + len(value), PERSON)


def persons(anonymizer: TextAnonymizer, text: str) -> list[str]:
    return [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == PERSON]


@pytest.mark.parametrize(
    ("text", "script", "language"),
    [
        (POLISH, "latin", "pl"),
        (TURKISH, "latin", "tr"),
        (GREEK, "greek", "el"),
        ("The caller said he was from the bank and that the money was not safe.", "latin", "en"),
        ("Der Anrufer sagte, er sei von der Bank und das Geld sei nicht sicher.", "latin", "de"),
    ],
)
def test_the_language_is_the_one_whose_frequent_words_the_text_uses_most(
    local: LocalWords, text: str, script: str, language: str
) -> None:
    assert local.language(text, script) == language


def test_too_few_frequent_words_give_no_language(local: LocalWords) -> None:
    assert local.language("Zxqv Wbrt 4417", "latin") is None
    assert local.language(POLISH, "hebrew") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A sentence-initial word frequent in the text's language that no list has as a name.
        (f"{POLISH} Wiadomość przyszła rano.", "Wiadomość"),
        (f"{POLISH} Uwaga: konto w banku.", "Uwaga"),
        (f"{GREEK} Προσοχή στα μηνύματα.", "Προσοχή"),
        # An institution whose every word is frequent in the text's language.
        (f"Narodowy Bank Polski ostrzega. {POLISH}", "Narodowy Bank Polski"),
        (f"{TURKISH} Vergi Dairesi uyardı.", "Vergi Dairesi"),
        # Greek words are compared case-folded (wordfreq writes a final "ς" as "σ").
        (f"{GREEK} Η Κεντρικής Τράπεζας ειδοποίησε.", "Κεντρικής Τράπεζας"),
        # Lowercase words of an inflected language are judged too.
        (f"{GREEK} τοπική αστυνομία", "τοπική αστυνομία"),
    ],
)
def test_a_found_name_of_the_texts_own_frequent_words_is_dropped(
    local: LocalWords, text: str, value: str
) -> None:
    assert local.drop_phrases(text, [person(text, value)]) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A capital inside a sentence says "a name" where only names are capitalized.
        (f"Pieniądze odebrała Uwaga i nie oddała ich. {POLISH}", "Uwaga"),
        # Many countries' lists have the word as a name: the lists cannot tell its readings apart
        # ("Barbara" is a Polish given name Faker's pl list lacks).
        (f"{POLISH} Barbara zgłosiła sprawę.", "Barbara"),
        (f"{TURKISH} Hüseyin Çelik şikayet etti.", "Hüseyin Çelik"),
        # Greek and Russian names are inflected into forms the lists lack: a word sharing a listed
        # name's stem stays a name.
        (f"{GREEK} Είδε τον Παναγιώτη Κωνσταντίνου.", "Παναγιώτη Κωνσταντίνου"),
        ("Мошенник позвонил ей и сказал, что он из банка. Он обманул Галини Ткачук.", "Галини Ткачук"),
        # Text in a language that only votes is left to the name rules.
        ("The caller said the bank was safe. Mark Evans paid.", "Mark Evans"),
        # A rare word is no frequent word.
        (f"{POLISH} Zbyszko Wołodyjowski zapłacił.", "Zbyszko Wołodyjowski"),
    ],
)
def test_a_name_is_kept(local: LocalWords, text: str, value: str) -> None:
    det = person(text, value)
    assert local.drop_phrases(text, [det]) == [det]


def test_a_word_alone_in_an_uncased_language_is_kept(local: LocalWords) -> None:
    text = "המתקשר אמר שהוא מהבנק וביקש מהלקוח להעביר את הכסף לחשבון אחר. שלום התקשר שוב."
    det = person(text, "שלום")
    assert local.drop_phrases(text, [det]) == [det]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 80), st.integers(1, 20), st.sampled_from((PERSON, ADDRESS)))))
def test_dropping_keeps_a_subset_in_order_and_every_other_kind(
    local: LocalWords, spans: list[tuple[int, int, str]]
) -> None:
    text = f"Narodowy Bank Polski. {POLISH}"
    found = [Detection(start, min(start + length, len(text)), kind) for start, length, kind in spans]
    kept = local.drop_phrases(text, found)
    assert [d for d in found if d.kind != PERSON] == [d for d in kept if d.kind != PERSON]
    assert all(d in found for d in kept)


def test_the_anonymizer_drops_the_phrase_and_keeps_the_name(anonymizer: TextAnonymizer) -> None:
    text = f"Narodowy Bank Polski ostrzega. {POLISH} Pokrzywdzona Agnieszka Wiśniewska straciła oszczędności."
    found = persons(anonymizer, text)
    assert not any("Narodowy" in value for value in found)
    assert any("Agnieszka Wiśniewska" in value for value in found)


def write_names(directory: Path, change: dict[str, object] | None, drop: bool = False) -> Path:
    words = yaml.safe_load(NAMES_FILE.read_text(encoding="utf-8"))
    if drop:
        del words["local_words"]
    if change is not None:
        words["local_words"] = change
    (directory / "names.yaml").write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")
    return directory


def test_an_older_names_file_without_the_section_keeps_the_bundled_one(tmp_path: Path) -> None:
    lists = load_word_lists(write_names(tmp_path, None, drop=True))
    assert lists.names.local_words == load_name_words().local_words


def test_an_operator_can_switch_the_check_off(tmp_path: Path) -> None:
    lists = load_word_lists(write_names(tmp_path, {"languages": {}}))
    assert lists.names.local_words is not None and not lists.names.local_words.languages
    text = f"{GREEK} Είδε τον Παναγιώτη Κωνσταντίνου. Προσοχή στα μηνύματα."
    local = LocalWords(lists.names.local_words)
    found = [person(text, "Προσοχή")]
    assert local.drop_phrases(text, found) == found


def test_a_bad_threshold_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(WordListError, match=r"names\.yaml: .*top"):
        load_word_lists(write_names(tmp_path, {"languages": {"pl": "pl"}, "top": 0}))


def test_a_name_alone_that_is_a_function_word_of_the_texts_language_is_that_word() -> None:
    # Swedish "Hans" (his) at a sentence's start: not the German given name.
    text = "Polisen genomsökte bostaden i går. Hans telefon och dator beslagtogs."
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert found == []
    german = "Die Polizei kam am Abend. Hans sagte, er habe nichts gehört."
    assert [german[d.start : d.end] for d in TextAnonymizer().find(german) if d.kind == "PERSON"] == ["Hans"]


ENGLISH = "The courier came to the door in the evening. The money was in an envelope and"
GERMAN = "Der Anrufer sagte, er sei von der Bank. Die Frau sollte das Geld abheben und"


@pytest.fixture(scope="module")
def cued() -> LocalWords:
    words = load_name_words()
    assert words.local_words is not None
    lexicon = load_lexicon()
    return LocalWords(words.local_words, lexicon.first | lexicon.last, words)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Only Faker's catch-all list of US given names has "Cash" and "Ransom".
        (f"{ENGLISH} Cash was handed over.", "Cash"),
        (f"{ENGLISH} the note said Ransom must be paid.", "Ransom"),
        # Polish "dane" (data), far more frequent in Polish than the English given name "Dane".
        ("Oszust poprosił ją o dane karty, a ona mu je podała przez telefon.", "dane"),
        (f"{POLISH} Dane sprawcy: konto w banku.", "Dane"),
        # German "Handy" (mobile phone): a US given name only.
        (f"{GERMAN} ihr Handy wurde gesperrt.", "Handy"),
    ],
)
def test_a_frequent_word_of_the_texts_language_that_only_a_far_off_list_has_as_a_name_is_that_word(
    cued: LocalWords, text: str, value: str
) -> None:
    assert cued.drop_phrases(text, [person(text, value)]) == []


@pytest.mark.parametrize(
    "value",
    ["Fernwartungssoftware", "Kreditkartendaten Lieferadresse", "Unaufgeforderter Anruf", "Begleichung"],
)
def test_a_german_compound_or_noun_no_list_has_is_a_noun(cued: LocalWords, value: str) -> None:
    text = f"{GERMAN} dann kam {value} hinzu."
    assert cued.drop_phrases(text, [person(text, value)]) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A cue says a name follows, whatever the word means.
        (f"{GERMAN} Frau Handy rief zurück.", "Handy"),
        (f"{ENGLISH} the victim Cash said so.", "Cash"),
        # A name of the text's own language's lists stays one ("Bill", "Rose").
        (f"{ENGLISH} Bill took it away.", "Bill"),
        # A name many languages' lists have stays one.
        ("I ladri sono stati fermati ieri sera e la polizia ha sentito Emilia che era in casa.", "Emilia"),
        # A name as frequent in its own language's text stays one ("Mehmet", Turkish).
        (f"{GERMAN} Mehmet hat es gesehen.", "Mehmet"),
    ],
)
def test_a_name_stays_after_a_cue_or_when_its_own_languages_have_it(
    cued: LocalWords, text: str, value: str
) -> None:
    found = [person(text, value)]
    assert cued.drop_phrases(text, found) == found


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(sorted(n for n in GermanNames.last_names if n.isalpha())))
def test_a_listed_german_name_after_herr_stays_a_name(cued: LocalWords, name: str) -> None:
    text = f"{GERMAN} Herr {name} hat angerufen."
    found = [person(text, name)]
    assert cued.drop_phrases(text, found) == found


def test_a_name_of_a_language_without_a_frequency_list_stays_a_name(cued: LocalWords) -> None:
    # "Gwen" is in Faker's Irish list; wordfreq has no Irish list to weigh it against.
    text = f"{ENGLISH} Gwen took it away."
    found = [person(text, "Gwen")]
    assert cued.drop_phrases(text, found) == found


def test_the_names_own_words_do_not_vote_for_the_language(cued: LocalWords) -> None:
    # Polish "ale" and "poza" alone would vote Polish; the text holds nothing else.
    text = "Ale Poza"
    found = [person(text, text)]
    assert cued.drop_phrases(text, found) == found


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from([POLISH, TURKISH, GREEK, f"{POLISH} {TURKISH}"]),
    st.integers(0, 200),
    st.integers(1, 30),
)
def test_the_rest_of_a_text_votes_as_if_read_without_the_name(
    local: LocalWords, text: str, at: int, size: int
) -> None:
    """The whole text's votes less the name's words (and plus the pieces of words it cuts) are
    the votes of the text read as "before after": counted once, not again for every name."""
    start = min(at, len(text) - 1)
    det = Detection(start, min(len(text), start + size), PERSON)
    rest = f"{text[: det.start]} {text[det.end :]}"
    for script in ("latin", "greek"):
        expected = local._ranked(local._votes(rest, script))
        assert local._clear_language_around(text, det, script, {}) == expected
