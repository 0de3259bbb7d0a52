"""Names in texts written all in lowercase: listed given and family names in either order, Arabizi
digits, Vietnamese and Malay particles, family-name markers and endings, romanized Greek and
Cyrillic names; and what is left alone (frequent words, Pinyin syllables without a cue, texts
written with capitals)."""

from __future__ import annotations

import pytest

from shared.anonymization.informal_names import (
    InformalNames,
    fold,
    load_informal_rules,
    mostly_lowercase,
)
from shared.anonymization.names import load_lexicon, very_frequent_words


@pytest.fixture(scope="module")
def informal() -> InformalNames:
    lexicon = load_lexicon()
    words = very_frequent_words()
    return InformalNames(
        load_informal_rules(), lexicon.first, lexicon.last, lambda word: word in words, lexicon.stop
    )


def _names(informal: InformalNames, text: str) -> list[str]:
    return [text[d.start : d.end] for d in informal.find(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("salam 3alikom, ana esmi mariam 7assan w ana 3ayza a3raf eh elly 7asal", "mariam 7assan"),
        ("shalom, ani moshe cohen, mishehu bafacebook hivtiach li revach", "moshe cohen"),
        ("chao anh, em la nguyen thi thu trang o ha noi, hom qua co nguoi goi", "nguyen thi thu trang"),
        ("madam mera naam preeti kaur hai, meri mummy ko call aaya tha", "preeti kaur"),
        ("salam tuan, sy aishah binti rahman dari shah alam, ada org call", "aishah binti rahman"),
        ("assalomu alaykum, men dilshod rahimov, toshkentdan yozyapman", "dilshod rahimov"),
        ("geia sas, eimai o giorgos karalis apo thessaloniki kai exw provlima", "giorgos karalis"),
        ("ni hao, wo shi zhang wei de erzi, wo ba bei ren pian le", "zhang wei"),
        # A phrase giving a name: its words need not be listed.
        ("namaskar, majhe naav snehal patil, pune. amhala call aala", "snehal patil"),
        # A kinship word before a listed given name.
        ("hello sir meri behen pooja ko ek call aaya tha bank se", "pooja"),
        # A long vowel written doubled in romanized Japanese ("yuuki" for "yuki").
        ("kinou takahashi yuuki ni denwa shita, kaado ga tsukawareta", "takahashi yuuki"),
    ],
)
def test_finds_names_in_lowercase_texts(informal: InformalNames, text: str, name: str) -> None:
    assert name in _names(informal, text)


def test_a_phrase_giving_a_name_is_read_whole(informal: InformalNames) -> None:
    # The phrase's last word alone ("naam") gives no name; after its first word it does, in a
    # second sentence too (the answers looked up for the first are reused).
    text = "yeh naam snehal patil nahi hai. par mera naam snehal patil hai aur mera naam snehal patil"
    found = informal.find(text)
    assert [text[d.start : d.end] for d in found] == ["snehal patil", "snehal patil"]
    assert found[0].start == text.index("mera naam") + len("mera naam ")


@pytest.mark.parametrize(
    "text",
    [
        # Arabizi "3ala" (on) reads as a word before it reads as a name.
        "lazem y7adeth el bayanat 3ala el link bankmisr-verify.online w keda",
        # Pinyin syllables without a word that introduces a name.
        "dui fang weixin hao shi lucky_jinbi888, shuo tou zi huang jin, yi jing zhuan le",
        # Every word frequent somewhere ("li", "na").
        "jing cha ni hao, wo jiao li na, zai douyin shang kan dao guang gao",
        # Written with capitals: capitalization is evidence there, other rules read it.
        "Shalom, ani Dana Levi, mishehu bafacebook hivtiach li revach",
        # A kinship word used to address a stranger, before no listed given name.
        "bhai kya hua, didi bolo na paisa wapas kab milega yaar",
    ],
)
def test_leaves_words_alone(informal: InformalNames, text: str) -> None:
    assert _names(informal, text) == []


def test_mostly_lowercase_allows_a_few_acronyms() -> None:
    assert mostly_lowercase("pryvit, ya taras, mij brat prodavav na OLX telefon i jomu skynuly", 0.85)
    assert not mostly_lowercase("Dear Sir, My Name Is John And I Live Here", 0.85)
    assert not mostly_lowercase("too short", 0.85)


def test_fold_removes_diacritics() -> None:
    assert fold("nguyễn đức") == "nguyen duc"


def test_rules_file_reads_arabizi_digits() -> None:
    rules = load_informal_rules()
    assert rules.digit_letters["7"] == ("h",)
    assert "" in rules.digit_letters["3"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # "I" after a greeting, then names that end the clause or say where from.
        ("pryvit, ya oksana, mij syn prodavav na olx telefon i ne otrymav groshi", "oksana"),
        ("salam, man reza ahmadi az tabriz, ye nafar be man zang zad", "reza ahmadi"),
        # "I" opening the message before a listed given name that ends the clause.
        ("ya mariya, mne pozvonili iz banka i poprosili kod iz sms", "mariya"),
    ],
)
def test_a_writer_introducing_themself_with_i(informal: InformalNames, text: str, name: str) -> None:
    assert name in _names(informal, text)


@pytest.mark.parametrize(
    "text",
    [
        # A verb and its object after "I", no greeting before it.
        "ya perevela dengi, potom ya zvonila v bank i nikto ne otvetil",
        # Malay "saya ada" (I have): "ada" is a listed name and a frequent word.
        "tuan, saya ada tunggakan cukai, pastu transfer ke pegawai bank palsu",
    ],
)
def test_i_before_a_verb_introduces_no_one(informal: InformalNames, text: str) -> None:
    assert _names(informal, text) == []
