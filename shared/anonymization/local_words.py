"""Found names made only of the text's own frequent words: a phrase, not a person.

An unknown capitalized pair reads as a foreign name ("Narodowy Bank Polski", "Κεντρικής
Τράπεζας"), and a capitalized word at a sentence's start gives no sign either way ("Προσοχή"). In
a text written in Polish, Turkish or Greek, a word among that language's most frequent words
(wordfreq) that no name list has (Faker's lexicon of every locale, the language's own locales) is
that word: a found name made only of such words is dropped. A word some list has as a name stays
one ("Dane" is Polish "data" but a given name too). The text's language is the one whose most
frequent words it uses most (a vote over its words, per script). The languages, their name locales
and the thresholds are data: names.yaml, `local_words`.

A word of the text's language that only some far-off list has as a name ("Cash" and "Ransom" in
English, Polish "dane", German "Handy") is that word wherever it stands, unless a cue says a name
follows ("victim Cash", "Frau Handy"); so is a German capitalized compound noun that no list has
("Fernwartungssoftware"). The languages and thresholds are data: local_words.yaml.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from shared.anonymization.detectors import PERSON, Detection
from shared.anonymization.names import LocalWordRules, NameWords, sentence_initial
from shared.data_cache import WordSets, cached_word_sets
from shared.data_files import parse_yaml

LANGUAGE_WORDS_FILE = Path(__file__).parent / "local_words.yaml"

_WORD_RE = re.compile(r"[^\W\d_]+")
# One capital letter and its period before the next word: an initial, or "M." for Monsieur.
_INITIAL_RE = re.compile(r"[^\W\d_]\.\s*(?=[^\W\d_])")
# Faker's person attributes that hold names (lists, tuples or weighted dicts): given names and
# family names under the locales' many spellings ("first_names_male", "unisex_last_names").
_NAME_ATTR_RE = re.compile(r"(?:\w+_)?(?:first|last|middle)_names?(?:_\w+)?")
_NOT_NAME_ATTRS = ("language", "format", "prefix", "suffix")
# The first letter's script decides which languages a word may belong to.
_SCRIPTS = (
    ("greek", "\u0370", "\u0400"),
    ("cyrillic", "\u0400", "\u0530"),
    ("hebrew", "\u0590", "\u0600"),
)


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """`start` and `end` moved out to the edges of the words they fall inside (`_WORD_RE`'s)."""
    while start > 0 and _WORD_RE.match(text, start - 1, start) is not None:
        start -= 1
    size = len(text)
    while end < size and _WORD_RE.match(text, end, end + 1) is not None:
        end += 1
    return start, end


def _lower(text: str) -> str:
    # "İ" lowercases to "i" and a combining dot, which would split the word.
    return text.lower().replace("i\u0307", "i")


def _script(ch: str) -> str:
    for name, low, high in _SCRIPTS:
        if low <= ch < high:
            return name
    return "latin" if ch < "\u0250" or "\u1e00" <= ch < "\u1f00" else ""


def _initialed(text: str, det: Detection) -> bool:
    """A found name that opens with an initial inside a sentence ("M. Canals", "J. Rivers"): the
    capital and its period say a name, however frequent the word after it is. At a sentence's start
    the same shape numbers a heading ("A. Background")."""
    return (
        text[det.start : det.start + 1].isupper()
        and _INITIAL_RE.match(text, det.start, det.end) is not None
        and not sentence_initial(text, det.start)
    )


@cache
def _frequent(language: str, top: int) -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(top_n_list(language, top, wordlist="small"))


def _function_words(languages: tuple[str, ...], top: int) -> frozenset[str]:
    """The `top` most frequent words of each of `languages`, read from the cache directory after
    the first process (loading wordfreq's lists of 21 languages takes seconds)."""
    tag = hashlib.sha256(" ".join(languages).encode()).hexdigest()[:8]

    def build() -> WordSets:
        return (frozenset().union(*(_frequent(language, top) for language in languages)),)

    return cached_word_sets(f"function-words-{top}-{tag}", build, ("wordfreq",))[0]


def _faker_name_words() -> Iterator[tuple[str, str]]:
    """(locale, word) of every word of Faker's person-name lists, in every locale."""
    import pkgutil

    import faker.providers.person as person

    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in dir(provider):
            if _NAME_ATTR_RE.fullmatch(attr) is None or any(w in attr for w in _NOT_NAME_ATTRS):
                continue
            entries = getattr(provider, attr, ())
            if isinstance(entries, (list, tuple, dict)):
                for entry in entries:
                    for word in _WORD_RE.findall(str(entry)):
                        yield module.name, word


@cache
def _own_names(prefixes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word.lower() for locale, word in _faker_name_words() if locale.split("_")[0] in prefixes)


@dataclass(frozen=True, slots=True)
class LanguageWordRules:
    """local_words.yaml: per language (wordfreq code) the Faker locale specs of its own names; how
    frequent a word must be; how many languages may have it as a name, and how much more frequent
    it must be in the text's language than in theirs; the languages that capitalize nouns."""

    languages: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    top: int = 20_000
    max_name_languages: int = 2
    margin: float = 0.5
    compound_languages: frozenset[str] = frozenset()
    compound_head: int = 3
    compound_tail: int = 4
    compound_endings: tuple[str, ...] = ()
    noun_endings: tuple[str, ...] = ()
    wordfreq_codes: Mapping[str, str] = field(default_factory=dict)


def load_language_word_rules(path: Path = LANGUAGE_WORDS_FILE) -> LanguageWordRules:
    data = parse_yaml(path.read_text(encoding="utf-8")) or {}
    return LanguageWordRules(
        languages={str(k): tuple(str(v).split()) for k, v in (data.get("languages") or {}).items()},
        top=int(data.get("top", 20_000)),
        max_name_languages=int(data.get("max_name_languages", 2)),
        margin=float(data.get("margin", 0.5)),
        compound_languages=frozenset(str(data.get("compound_languages", "")).split()),
        compound_head=int(data.get("compound_head", 3)),
        compound_tail=int(data.get("compound_tail", 4)),
        compound_endings=tuple(str(data.get("compound_endings", "")).split()),
        noun_endings=tuple(str(data.get("noun_endings", "")).split()),
        wordfreq_codes={str(k): str(v) for k, v in (data.get("wordfreq_codes") or {}).items()},
    )


@cache
def _name_locales() -> dict[str, frozenset[str]]:
    """Every word of Faker's name lists and the locales that list it."""
    found: dict[str, set[str]] = {}
    for locale, word in _faker_name_words():
        # The particles of a family name ("von der Heide") are written lowercase.
        if not word.islower():
            found.setdefault(word.lower(), set()).add(locale)
    return {word: frozenset(locales) for word, locales in found.items()}


def _own_locale(locale: str, specs: tuple[str, ...]) -> bool:
    # "en_" is the regional English locales, not Faker's catch-all "en"; "de" is every "de_*".
    return any(
        locale.startswith(spec) if spec.endswith("_") else locale.split("_")[0] == spec for spec in specs
    )


@cache
def _zipf(word: str, language: str) -> float:
    """The word's zipf frequency in the language's list (0 when it has none): read from the list,
    not with wordfreq's tokenizers (some languages' need packages the producers lack)."""
    import math

    frequency = _frequencies(language).get(word, 0.0)
    return math.log10(frequency) + 9 if frequency > 0 else 0.0


@cache
def _frequencies(language: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    if language not in _wordfreq_languages():
        return {}
    return dict(get_frequency_dict(language, wordlist="small"))


@cache
def _wordfreq_languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages(wordlist="small"))


# An inflected form keeps at least this much of the name ("Галин|и" of "Галин|а").
_MIN_STEM = 4


class LocalWords:
    """Drops found names whose every word is a frequent word of the text's language."""

    def __init__(
        self,
        rules: LocalWordRules,
        listed: frozenset[str] = frozenset(),
        names: NameWords | None = None,
        words: LanguageWordRules | None = None,
    ) -> None:
        self._rules = rules
        self._listed = listed
        # Words after which a word is a name ("victim", "frau", "tía"), lowercase.
        self._cues = names.cues | names.lower_titles | names.kin_titles if names is not None else frozenset()
        self._words = words if words is not None else load_language_word_rules()
        self._stems_by_language: dict[str, frozenset[str]] = {}
        # The voting words of each script, built on first use (a pass over wordfreq's lists).
        self._voters: dict[str, dict[str, list[str]]] = {}
        # The most frequent words of every language, for function_top (built on first use).
        self._function_words: frozenset[str] | None = None

    def _script_voters(self, script: str) -> dict[str, list[str]]:
        voters = self._voters.get(script)
        if voters is None:
            voters = {}
            for language in (*self._rules.languages, *self._rules.voters):
                words = _frequent(language, self._rules.vote_top)
                # The language's script: that of most of its frequent words (lists hold loans).
                scripts = Counter(_script(word[0]) for word in words)
                if not scripts or scripts.most_common(1)[0][0] != script:
                    continue
                for word in words:
                    if len(word) > 1 and _script(word[0]) == script:
                        voters.setdefault(word, []).append(language)
            self._voters[script] = voters
        return voters

    def language(self, text: str, script: str) -> str | None:
        """The language of `script` whose most frequent words `text` holds most, if any holds
        enough of them."""
        voters = self._script_voters(script)
        if not voters:
            return None
        votes: Counter[str] = Counter()
        for word in _WORD_RE.findall(_lower(text)):
            for language in voters.get(word, ()):
                votes[language] += 1
        if not votes:
            return None
        language, count = votes.most_common(1)[0]
        return language if count >= self._rules.min_votes else None

    def drop_phrases(self, text: str, found: Iterable[Detection]) -> list[Detection]:
        kept: list[Detection] = []
        languages: dict[str, str | None] = {}
        votes: dict[str, Counter[str]] = {}
        for det in found:
            if det.kind == PERSON and (
                self._phrase(text, det, languages) or self._language_words(text, det, languages, votes)
            ):
                continue
            kept.append(det)
        return kept

    def _phrase(self, text: str, det: Detection, languages: dict[str, str | None]) -> bool:
        words = [_lower(w) for w in _WORD_RE.findall(text[det.start : det.end]) if len(w) > 1]
        if not words:
            return False
        script = _script(words[0][0])
        if not script or any(_script(w[0]) != script for w in words):
            return False
        alone = len(words) == 1
        # A capital inside a sentence says "a name" in the languages that capitalize only names;
        # at a sentence's start it says nothing. A word some country's list has as a name stays
        # one ("Barbara", "Hüseyin Çelik", "Dane"): the lists cannot tell its readings apart.
        # (Both checked before the text's language, which costs a pass over the text.)
        if alone and not sentence_initial(text, det.start):
            return False
        if alone and self._function_word(text, det, words[0], script, languages):
            return True
        if any(w in self._listed for w in words):
            return False
        if script not in languages:
            languages[script] = self.language(text, script)
        language = languages[script]
        rules = self._rules
        if language is None or language not in rules.languages or (alone and language in rules.uncased):
            return False
        frequent = _frequent(language, rules.top_alone if alone else rules.top)
        # wordfreq's words are case-folded (Greek final "ς" as "σ").
        if not all(w.casefold() in frequent for w in words):
            return False
        own = _own_names(rules.languages[language])
        # In a language that inflects names, a word that differs from a listed name only in its
        # ending stays a name too ("Παναγιώτη", "Галини").
        stems = self._stems(language, script) if language in rules.inflected else frozenset()
        return not any(
            w in own or any(len(stem) >= _MIN_STEM and stem in stems for stem in (w[:-1], w[:-2]))
            for w in words
        )

    def _language_words(
        self, text: str, det: Detection, languages: dict[str, str | None], votes: dict[str, Counter[str]]
    ) -> bool:
        """A found name made only of words of the text's language that no list of that language
        has as a name, and no cue before it: "Cash" in English, "dane" in Polish, "Lieferung" and
        "Kreditkartendaten" in German."""
        written = [w for w in _WORD_RE.findall(text[det.start : det.end]) if len(w) > 1]
        words = [_lower(w) for w in written]
        if not words or self._cued(text, det.start) or _initialed(text, det):
            return False
        script = _script(words[0][0])
        if not script or any(_script(w[0]) != script for w in words):
            return False
        if script not in languages:
            languages[script] = self.language(text, script)
        language = languages[script]
        if language is None or language in self._rules.uncased:
            return False
        specs = self._words.languages.get(language)
        if specs is None:
            return False
        # A capital inside a sentence says "a name" where only names are capitalized: a word no
        # list has is then read as a name (an unknown one), unless the language capitalizes nouns.
        nouns = language in self._words.compound_languages
        initial = sentence_initial(text, det.start)
        words_of_language = all(
            self._language_word(
                word.casefold(), language, specs, unlisted=nouns or w[0].islower() or (i == 0 and initial)
            )
            for i, (w, word) in enumerate(zip(written, words, strict=True))
        )
        # The rest of the text, not the name's own words, must say the language, and no other as
        # well ("Ale Poza" alone, or beside English "the" that Polish web text uses too).
        return words_of_language and self._clear_language_around(text, det, script, votes) == language

    def _clear_language_around(
        self, text: str, det: Detection, script: str, votes: dict[str, Counter[str]]
    ) -> str | None:
        """`_clear_language` of the text without the detection (as if it read "before after"):
        the whole text's votes, counted once, less those of the words the detection touches, plus
        those of the pieces of them left outside it. Counting the rest again for each found name
        made a text of many names cost the square of its length (a hostile partner's text, minutes)."""
        if script not in votes:
            votes[script] = self._votes(text, script)
        start, end = _word_bounds(text, det.start, det.end)
        rest = votes[script].copy()
        rest.subtract(self._votes(text[start:end], script))
        rest.update(self._votes(text[start : det.start], script))
        rest.update(self._votes(text[det.end : end], script))
        return self._ranked(rest)

    def _votes(self, text: str, script: str) -> Counter[str]:
        """For each language of `script`, how many words of `text` are frequent words of it."""
        voters = self._script_voters(script)
        votes: Counter[str] = Counter()
        for word in _WORD_RE.findall(_lower(text)):
            for language in voters.get(word, ()):
                votes[language] += 1
        return votes

    def _ranked(self, votes: Counter[str]) -> str | None:
        """The language with the most votes, ahead of every other (and with enough of them)."""
        ranked = votes.most_common(2)
        if not ranked or ranked[0][1] < self._rules.min_votes:
            return None
        return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None

    def _cued(self, text: str, start: int) -> bool:
        before = _WORD_RE.findall(text[max(0, start - 40) : start])
        return bool(before) and _lower(before[-1]) in self._cues

    def _language_word(self, word: str, language: str, specs: tuple[str, ...], *, unlisted: bool) -> bool:
        """Whether `word` is a word of `language` rather than a name; `unlisted`: whether a word
        no list has may be one (not where its capital says a name)."""
        rules = self._words
        locales = _name_locales().get(word, frozenset())
        if word not in _frequent(language, rules.top):
            return (
                not locales and language in rules.compound_languages and self._compound(word, language, specs)
            )
        if not locales:
            return unlisted
        if any(_own_locale(locale, specs) for locale in locales):
            return False
        # A name many languages have stays one; so does one as frequent in its own languages'
        # text as in this one's (a name is written in its own language's text most).
        groups = {rules.wordfreq_codes.get(g, g) for g in (locale.split("_")[0] for locale in locales)}
        if len(groups) > rules.max_name_languages:
            return False
        frequency = _zipf(word, language)
        # The language's own catch-all list ("en") is weighed by the regional ones above. A name
        # of a language wordfreq has no list of ("Gwen", Irish) cannot be weighed: it stays one.
        others = groups - {language}
        return all(g in _wordfreq_languages() and frequency >= _zipf(word, g) + rules.margin for g in others)

    def _compound(self, word: str, language: str, specs: tuple[str, ...]) -> bool:
        """A compound noun whose last part is a frequent word of the language, no name of it, or a
        noun by its ending ("-ung", "-heit")."""
        rules = self._words
        frequent = _frequent(language, rules.top)
        if word.endswith(rules.noun_endings):
            return True
        # An inflected form ("Unaufgeforderter", "Postfachs") is read without its ending too.
        forms = {word, *(word[: -len(e)] for e in rules.compound_endings if word.endswith(e))}
        for form in forms:
            for cut in range(rules.compound_head, len(form) - rules.compound_tail + 1):
                tail = form[cut:]
                if tail in frequent and not any(
                    _own_locale(locale, specs) for locale in _name_locales().get(tail, frozenset())
                ):
                    return True
        return False

    def _function_word(
        self, text: str, det: Detection, word: str, script: str, languages: dict[str, str | None]
    ) -> bool:
        """A word alone at a sentence's start, before a lowercase word, that is one of the most
        frequent words of the text's language ("Hans konto", "Min bil"): that word, not a name."""
        top = self._rules.function_top
        if not top or text[det.end : det.end + 1] != " " or not text[det.end + 1 : det.end + 2].islower():
            return False
        # Most names are no such word in any language: one lookup before the text's language.
        if self._function_words is None:
            self._function_words = _function_words(tuple(sorted(self._rules.languages)), top)
        if word.casefold() not in self._function_words:
            return False
        if script not in languages:
            languages[script] = self.language(text, script)
        language = languages[script]
        return language in self._rules.languages and word.casefold() in _frequent(language, top)

    def _stems(self, language: str, script: str) -> frozenset[str]:
        """The language's own names and the listed names of its script, each also without its
        last one or two letters: an inflected form of a name shares one with it."""
        stems = self._stems_by_language.get(language)
        if stems is None:
            names = _own_names(self._rules.languages[language]) | {
                w for w in self._listed if _script(w[0]) == script
            }
            stems = frozenset(stem for name in names for stem in (name, name[:-1], name[:-2]))
            self._stems_by_language[language] = stems
        return stems
