"""The anonymizer's word lists: data files bundled beside the detectors, each replaceable by a file
of the same name in an operator's directory (docs/operations.md, "Anonymization word lists").

A file found there replaces the bundled one whole; the others stay bundled. Every file is checked
when the lists are loaded (at start-up), so a malformed one stops the service with its name and
what is wrong, never at the first report. Loaded lists are cached per set of files: building many
anonymizers costs nothing after the first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Annotated, Any, TypeVar

import regex
import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from shared.anonymization.contextual import DATES_FILE, BirthPatterns, load_birth_patterns
from shared.anonymization.detectors import HANDLES_FILE, HandlePatterns, load_handle_patterns
from shared.anonymization.identity_numbers import DATA_FILE as IDENTITY_NUMBERS_FILE
from shared.anonymization.identity_numbers import IdRules, load_rules
from shared.anonymization.names import (
    NAMES_FILE,
    STOPWORDS_FILE,
    NameLexicon,
    NameWords,
    load_lexicon,
    load_name_words,
    load_stopwords,
)
from shared.anonymization.parties import DATA_FILE as PARTIES_FILE
from shared.anonymization.parties import PartyCues, load_party_cues
from shared.anonymization.script_names import DATA_FILE as SCRIPT_NAMES_FILE
from shared.anonymization.script_names import (
    InScriptRules,
    ScriptNamePatterns,
    load_in_script,
    load_script_names,
)
from shared.anonymization.stix_structure import DATA_FILE as VOCABULARIES_FILE
from shared.anonymization.stix_structure import Vocabularies, load_vocabularies
from shared.anonymization.street_lines import DATA_FILE as ADDRESSES_FILE
from shared.anonymization.street_lines import StreetPatterns, load_patterns
from shared.data_files import parse_yaml

T = TypeVar("T")
Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A space-separated list of words (YAML folded text)."""


class WordListError(ValueError):
    """A word-list file that cannot be used; the message names the file and what is wrong."""


class _Schema(BaseModel):
    # Keys the detectors do not read are ignored: a newer bundled file may have more.
    model_config = ConfigDict(extra="ignore", frozen=True)


class ArabicNames(_Schema):
    cues: Words
    stop: Words
    links: Words
    max_words: Annotated[int, Field(ge=1)]
    verbs: str = ""
    relatives: str = ""
    proper_prefixes: str = ""


class LocalWordsSection(_Schema):
    languages: dict[str, Words]
    voters: str = ""
    inflected: str = ""
    uncased: str = ""
    top: Annotated[int, Field(ge=1)] = 5000
    top_alone: Annotated[int, Field(ge=1)] = 10000
    vote_top: Annotated[int, Field(ge=1)] = 400
    min_votes: Annotated[int, Field(ge=1)] = 2
    function_top: Annotated[int, Field(ge=0)] = 0


class NamesFile(_Schema):
    titles: Words
    lowercase_titles: Words
    cues: Words
    cue_pairs: list[tuple[str, str]]
    surname_suffixes: Words
    lowercase_ambiguous: Words
    vietnamese_family_names: Words
    vietnamese_syllable_max: Annotated[int, Field(ge=1)]
    coordinators: Words
    surnames: Words
    # Keys added later are optional, so that an operator's older file still loads.
    field_labels: list[Words] = []
    organisation_words: str = ""
    organisations: list[Words] = []
    nationalities: str = ""
    place_words: str = ""
    locatives: str = ""
    capital_particles: str = ""
    alias_links: str = ""
    never_names: str = ""
    kin_titles: str = ""
    name_prefixes: dict[str, str] = {}
    age_words: str = ""
    product_words: str = ""
    quoted_group_words: str = ""
    firm_forms_after: list[str] = []
    firm_forms_before: list[str] = []
    articles: str = ""
    weak_cues: str = ""
    given_names: str = ""
    surname_joiners: str = ""
    saint_prefixes: str = ""
    name_abbreviations: str = ""
    arabic: ArabicNames | None = None
    local_words: LocalWordsSection | None = None


class AddressesFile(_Schema):
    types_before: Words
    types_after: Words
    suffixes: Words
    cues: Words
    cue_links: Words
    units: Words
    number_prefixes: list[str]
    name_particles: Words
    leading_words: list[str]
    floor_parts: Annotated[list[str], Field(min_length=1)]
    postcodes: Annotated[list[str], Field(min_length=1)]
    script_lines: list[str]
    block_gate: Words = ""
    block_lines: list[str] = []


class DatesOfBirthFile(_Schema):
    cues_before: Annotated[list[Words], Field(min_length=1)]
    cues_after: list[Words]
    window: Annotated[int, Field(ge=1)]
    months: Words


class HandlesFile(_Schema):
    platforms: Annotated[list[Words], Field(min_length=1)]
    account_words: Annotated[list[Words], Field(min_length=1)]
    platform_account_words: list[Words]
    email_at_words: Words
    email_dot_words: Words
    mail_providers: str = ""
    profile_hosts: str = ""
    profile_reserved: str = ""
    bare_account_words: str = ""


class PartiesFile(_Schema):
    window: Annotated[int, Field(ge=1)]
    offender: Annotated[list[Words], Field(min_length=1)]
    infrastructure: list[Words]
    sender: list[Words] = []
    possessives: Words = ""
    not_for_accounts: list[Words] = []
    personal: Annotated[list[Words], Field(min_length=1)]
    receiving: list[Words] = []
    payee: list[Words] = []
    payment: list[Words] = []
    actor: list[Words] = []
    reference: list[Words] = []
    payment_to: Words = ""
    payment_from: Words = ""
    account_words: Words = ""
    owner_words: Words = ""
    owner_links: Words = ""
    impostor_before: Words = ""
    impostor_after: Words = ""
    origin: Words = ""
    origin_skip: Words = ""
    possessed: Words = ""
    origin_after: Words = ""
    agent: Words = ""
    not_agent: Words = ""


class KoreanNames(_Schema):
    surnames: Words
    suffixes: Words
    roles: Words
    cues: Words
    not_names: Words
    particles: str = ""
    unlisted_cues: str = ""
    bare_particles: str = ""
    given_name_locales: str = ""


class ChineseNames(_Schema):
    surnames: Words
    suffixes: Words
    cues: Words
    stop_characters: Words
    given_max: Annotated[int, Field(ge=1)]
    cue_links: str = ""
    given_name_locales: str = ""
    boundary_characters: str = ""
    placeholders: str = ""


class JapaneseNames(_Schema):
    suffixes: Words
    not_names: Words
    max_characters: Annotated[int, Field(ge=1)]
    surnames: str = ""
    titles_after: str = ""
    cues: str = ""
    name_ends: str = ""
    role_endings: str = ""


class InScriptSection(_Schema):
    script: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Za-z_]+$")]
    unspaced: bool = False
    cased: bool = False
    titles: str = ""
    titles_after: str = ""
    cues: str = ""
    appositions: str = ""
    stop_words: str = ""
    prefixes: str = ""
    endings: str = ""
    restore: str = ""
    oblique_endings: str = ""
    stop_endings: str = ""
    age_words: str = ""
    age_in_brackets: bool = False
    after_comma: str = ""
    surnames: str = ""
    given_names: str = ""
    surname_endings: str = ""
    surname_starts: str = ""
    not_names: str = ""
    max_words: Annotated[int, Field(ge=1)] = 3
    particles: str = ""
    postpositions: str = ""
    patronymic: bool = False
    name_titles: str = ""
    coordinators: str = ""
    coordinator_prefixes: str = ""
    name_locale: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}_[A-Z]{2}$")] | None = None
    frequent_language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] | None = None
    complement_after_cue: bool = False


class ScriptNamesFile(_Schema):
    korean: KoreanNames
    chinese: ChineseNames
    japanese: JapaneseNames
    # Added later: optional, so that an operator's older file still loads.
    in_script: dict[str, InScriptSection] = {}
    place_prefixes: str = ""


class IdentityRule(_Schema):
    country: str
    validator: str
    anywhere: bool
    forms: Annotated[list[str], Field(min_length=1)]


class IdentityNumbersFile(_Schema):
    cue_window: Annotated[int, Field(ge=0)]
    cues: Annotated[list[str], Field(min_length=1)]
    cues_exact: list[str] = []
    rules: Annotated[list[IdentityRule], Field(min_length=1)]


class OpenVocabularies(_Schema):
    types: Words
    extra_types: Words
    hash_algorithms: Words
    kill_chain_names: Words
    reference_sources: Words
    pattern_types: Words
    identity_classes: Words


class StixVocabulariesFile(_Schema):
    open_vocabularies: OpenVocabularies
    external_id_patterns: Annotated[list[str], Field(min_length=1)]
    personal_observable_types: list[str]
    offender_object_types: list[str]


@dataclass(frozen=True, slots=True)
class WordLists:
    names: NameWords
    lexicon: NameLexicon
    streets: StreetPatterns
    identity_numbers: IdRules
    vocabularies: Vocabularies
    dates_of_birth: BirthPatterns
    handles: HandlePatterns
    script_names: ScriptNamePatterns
    parties: PartyCues
    in_script: InScriptRules
    overridden: tuple[str, ...] = ()
    """File names taken from the operator's directory."""


BUNDLED_FILES: tuple[Path, ...] = (
    NAMES_FILE,
    STOPWORDS_FILE,
    ADDRESSES_FILE,
    IDENTITY_NUMBERS_FILE,
    VOCABULARIES_FILE,
    DATES_FILE,
    HANDLES_FILE,
    SCRIPT_NAMES_FILE,
    PARTIES_FILE,
)


def data_file(directory: Path | None, bundled: Path) -> Path:
    """The operator's file of the bundled file's name in `directory` if there is one, else the bundled."""
    if directory is not None and (directory / bundled.name).is_file():
        return directory / bundled.name
    return bundled


def load_word_lists(directory: Path | None = None) -> WordLists:
    """The word lists, each from `directory` where it holds a file of the bundled one's name.
    Raises WordListError naming a malformed file."""
    if directory is not None and not directory.is_dir():
        raise WordListError(f"{directory}: not a directory of word lists")
    return _load(*(data_file(directory, bundled) for bundled in BUNDLED_FILES))


@cache
def _load(
    names: Path,
    stopwords: Path,
    addresses: Path,
    identity: Path,
    vocabularies: Path,
    dates: Path,
    handles: Path,
    script_names: Path,
    parties: Path,
) -> WordLists:
    stop = checked(stopwords, None, load_stopwords)
    lexicon = load_lexicon() if stopwords == STOPWORDS_FILE else replace(load_lexicon(), stop=stop)
    paths = (names, stopwords, addresses, identity, vocabularies, dates, handles, script_names, parties)
    return WordLists(
        names=checked(names, NamesFile, load_name_words),
        lexicon=lexicon,
        streets=checked(addresses, AddressesFile, load_patterns),
        identity_numbers=checked(identity, IdentityNumbersFile, load_rules),
        vocabularies=checked(vocabularies, StixVocabulariesFile, load_vocabularies),
        dates_of_birth=checked(dates, DatesOfBirthFile, load_birth_patterns),
        handles=checked(handles, HandlesFile, load_handle_patterns),
        script_names=checked(script_names, ScriptNamesFile, load_script_names),
        parties=checked(parties, PartiesFile, load_party_cues),
        in_script=checked(script_names, ScriptNamesFile, load_in_script),
        overridden=tuple(p.name for p, bundled in zip(paths, BUNDLED_FILES, strict=True) if p != bundled),
    )


def checked(path: Path, schema: type[BaseModel] | None, load: Callable[[Path], T]) -> T:
    """`load(path)` once the file has passed `schema` (YAML files) or decoded (text files);
    WordListError naming the file and the problem otherwise. Values are never quoted: only the
    place of the problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise WordListError(f"{path}: cannot be read: {error}") from error
    if schema is not None:
        try:
            schema.model_validate(parse_yaml(text))
        except yaml.YAMLError as error:
            raise WordListError(f"{path}: not valid YAML: {_yaml_problem(error)}") from error
        except ValidationError as error:
            raise WordListError(f"{path}: {_problems(error)}") from error
    try:
        return load(path)
    except (ValueError, KeyError, TypeError, ImportError, re.error, regex.error) as error:
        raise WordListError(f"{path}: cannot be used: {type(error).__name__}: {error}") from error


def _problems(error: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(part) for part in problem['loc']) or 'the file'}: {problem['msg']}"
        for problem in error.errors(include_input=False, include_url=False)
    )


def _yaml_problem(error: yaml.YAMLError) -> str:
    mark: Any = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or type(error).__name__
    return f"{problem} (line {mark.line + 1})" if mark is not None else str(problem)
