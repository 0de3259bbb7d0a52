"""Word lists: the bundled files unless the operator's directory holds one of the same name, which
then replaces that one only; a malformed file is refused with its name and what is wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from shared.anonymization.detectors import HANDLES_FILE
from shared.anonymization.identity_numbers import DATA_FILE as IDENTITY_NUMBERS_FILE
from shared.anonymization.names import NAMES_FILE, STOPWORDS_FILE, PersonDetector
from shared.anonymization.stix_structure import DATA_FILE as VOCABULARIES_FILE
from shared.anonymization.street_lines import DATA_FILE as ADDRESSES_FILE
from shared.anonymization.text import TextAnonymizer
from shared.anonymization.word_lists import BUNDLED_FILES, WordListError, load_word_lists

# "runner" is no naming cue in the bundled names.yaml: the name after it is left alone.
TEXT = "The payment went to runner Berger last week."


def names_with_cue(directory: Path, cue: str) -> Path:
    words = yaml.safe_load(NAMES_FILE.read_text(encoding="utf-8"))
    words["cues"] += f" {cue}"
    directory.mkdir(exist_ok=True)
    (directory / "names.yaml").write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")
    return directory


def test_no_directory_gives_the_bundled_lists_once() -> None:
    bundled = load_word_lists()
    assert bundled is load_word_lists(None)  # cached: building anonymizers costs nothing more
    assert bundled.overridden == ()
    assert "runner" not in bundled.names.cues


def test_a_directory_without_word_list_files_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text("unrelated: true\n", encoding="utf-8")
    assert load_word_lists(tmp_path) is load_word_lists()


def test_a_file_present_replaces_only_its_own_list(tmp_path: Path) -> None:
    bundled = load_word_lists()
    lists = load_word_lists(names_with_cue(tmp_path, "runner"))
    assert lists.overridden == ("names.yaml",)
    assert lists.names.cues == bundled.names.cues | {"runner"}
    assert lists.names.titles == bundled.names.titles
    assert lists.lexicon is bundled.lexicon
    assert lists.streets is bundled.streets
    assert lists.identity_numbers is bundled.identity_numbers
    assert lists.vocabularies is bundled.vocabularies


def test_the_bundled_lists_leave_the_name_after_runner() -> None:
    assert TextAnonymizer().redact(TEXT) == (TEXT, {})


def test_the_anonymizer_uses_the_operators_names(tmp_path: Path) -> None:
    anonymizer = TextAnonymizer(word_lists=load_word_lists(names_with_cue(tmp_path, "runner")))
    redacted, counts = anonymizer.redact(TEXT)
    assert redacted == "The payment went to runner [PERSON] last week."
    assert counts == {"PERSON": 1}


def test_stopwords_replace_only_the_lexicons_stop_list(tmp_path: Path) -> None:
    bundled = load_word_lists()
    (tmp_path / "stopwords.txt").write_text("# only these\nthe a money\n", encoding="utf-8")
    lists = load_word_lists(tmp_path)
    assert lists.overridden == ("stopwords.txt",)
    assert lists.lexicon.stop == {"the", "a", "money"}
    assert lists.lexicon.first is bundled.lexicon.first
    assert lists.names is bundled.names
    # "Domingo" (Sunday) is a stop word of the bundled list only: now it is a first name too (before
    # a surname no list has: a listed one makes it a name with either list).
    text = "The money reached Domingo Szczygielski yesterday."
    for word_lists, name in ((bundled, "Szczygielski"), (lists, "Domingo Szczygielski")):
        found = PersonDetector(word_lists.lexicon, word_lists.names).find(text)
        assert [text[d.start : d.end] for d in found] == [name]


def test_every_bundled_file_can_be_replaced_by_a_copy(tmp_path: Path) -> None:
    for bundled in BUNDLED_FILES:
        (tmp_path / bundled.name).write_bytes(bundled.read_bytes())
    lists = load_word_lists(tmp_path)
    assert sorted(lists.overridden) == sorted(f.name for f in BUNDLED_FILES)
    assert lists.names == load_word_lists().names
    assert lists.vocabularies == load_word_lists().vocabularies


@pytest.mark.parametrize(
    ("bundled", "change", "expected"),
    [
        (NAMES_FILE, lambda d: d.pop("cues"), "cues: Field required"),
        (NAMES_FILE, lambda d: d.update(titles=["Mr", "Mrs"]), "titles: Input should be a valid string"),
        (NAMES_FILE, lambda d: d.update(cue_pairs=[["a", "b", "c"]]), "cue_pairs.0"),
        (ADDRESSES_FILE, lambda d: d.update(units=""), "units: String should have at least 1 character"),
        (IDENTITY_NUMBERS_FILE, lambda d: d["rules"][0].update(validator="xx.nothing"), "stdnum.xx"),
        (IDENTITY_NUMBERS_FILE, lambda d: d["rules"][0].update(forms=["(unclosed"]), "cannot be used"),
        (IDENTITY_NUMBERS_FILE, lambda d: d.update(cue_window=-1), "cue_window"),
        (VOCABULARIES_FILE, lambda d: d["open_vocabularies"].pop("hash_algorithms"), "hash_algorithms"),
        (VOCABULARIES_FILE, lambda d: d.update(external_id_patterns=["T(\\d"]), "cannot be used"),
    ],
)
def test_a_malformed_file_is_refused_by_name(
    tmp_path: Path, bundled: Path, change: Callable[[Any], object], expected: str
) -> None:
    data = yaml.safe_load(bundled.read_text(encoding="utf-8"))
    change(data)
    (tmp_path / bundled.name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(WordListError) as refused:
        load_word_lists(tmp_path)
    assert str(refused.value).startswith(str(tmp_path / bundled.name))
    assert expected in str(refused.value)


def test_yaml_that_does_not_parse_is_refused_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "addresses.yaml").write_text("types_before: >-\n  ul.\ncues: [unclosed\n", encoding="utf-8")
    with pytest.raises(WordListError, match=r"addresses\.yaml: not valid YAML: .*\(line \d+\)"):
        load_word_lists(tmp_path)


@pytest.mark.parametrize("content", [b"", b"titles: Mr\n"])
def test_an_empty_or_partial_file_is_refused(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "names.yaml").write_bytes(content)
    with pytest.raises(WordListError, match=r"names\.yaml: "):
        load_word_lists(tmp_path)


def test_stopwords_that_are_not_utf8_are_refused(tmp_path: Path) -> None:
    (tmp_path / STOPWORDS_FILE.name).write_bytes("caf\xe9\n".encode("latin-1"))
    with pytest.raises(WordListError, match=r"stopwords\.txt: cannot be read"):
        load_word_lists(tmp_path)


def test_a_directory_that_is_none_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WordListError, match="not a directory"):
        load_word_lists(tmp_path / "missing")


def test_an_older_handles_file_without_mail_providers_keeps_the_bundled_ones(tmp_path: Path) -> None:
    bundled = yaml.safe_load(HANDLES_FILE.read_text(encoding="utf-8"))
    del bundled["mail_providers"]
    (tmp_path / "handles.yaml").write_text(yaml.safe_dump(bundled, allow_unicode=True), encoding="utf-8")
    anonymizer = TextAnonymizer(word_lists=load_word_lists(tmp_path))
    redacted, counts = anonymizer.redact("write to dana_k_82 at gmail.com soon")
    assert counts["EMAIL"] == 1 and "dana" not in redacted
