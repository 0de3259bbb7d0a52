"""Names in informal writing: messages typed on a phone by victims, relatives and witnesses, all in
lowercase and often romanized ("ana esmi mariam 7assan", "wo shi zhang wei de erzi",
"em la nguyen thi thu trang"). Where a whole text is in lowercase, capitalization, the other rules'
main evidence, says nothing; a run of a listed given name and a listed family name (of any locale,
in either order) still reads as a name there, unless a word of it is a frequent word of some
language; so do the words after a phrase giving a name ("majhe naav snehal patil") and a listed given
name after a kinship word ("meri behen pooja")."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from shared.anonymization.detectors import PERSON, Detection
from shared.data_files import parse_yaml

INFORMAL_NAMES_FILE = Path(__file__).with_name("informal_names.yaml")

# A word as typed in lowercase: letters, with Arabizi digits inside ("7assan", "sa3eed").
_TOKEN_RE = re.compile(r"(?<![\w@.#/:\-])[^\W_]*[^\W\d_][^\W_]*(?![\w@#\-]|\.\w)")
_LATIN_WORD_RE = re.compile(r"\b[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ']+\b")
_MAX_TOKENS = 4
_MIN_LETTERS = 2
_MEMO_MAX = 50_000


@dataclass(frozen=True, slots=True)
class InformalRules:
    min_lower_share: float = 0.85
    digit_letters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    particles: frozenset[str] = frozenset()
    family_first_particles: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    syllable: re.Pattern[str] | None = None
    syllable_cues: frozenset[str] = frozenset()
    family_markers: frozenset[str] = frozenset()
    family_first_surnames: frozenset[str] = frozenset()
    not_after: frozenset[str] = frozenset()
    strong_particles: frozenset[str] = frozenset()
    family_endings: tuple[str, ...] = ()
    transliteration: tuple[tuple[str, tuple[str, ...]], ...] = ()
    intro_cues: frozenset[tuple[str, ...]] = frozenset()
    kin_cues: frozenset[str] = frozenset()
    intro_pronouns: frozenset[str] = frozenset()
    greetings: frozenset[str] = frozenset()
    origin_words: frozenset[str] = frozenset()
    long_vowels: tuple[str, ...] = ()


def load_informal_rules(path: Path = INFORMAL_NAMES_FILE) -> InformalRules:
    data = parse_yaml(path.read_text(encoding="utf-8")) or {}
    return InformalRules(
        min_lower_share=float(data.get("min_lower_share", 0.85)),
        digit_letters={
            str(k): tuple("" if v == '""' else v for v in str(v).split())
            for k, v in (data.get("digit_letters") or {}).items()
        },
        particles=frozenset(str(data.get("particles", "")).split()),
        family_first_particles=frozenset(str(data.get("family_first_particles", "")).split()),
        not_names=frozenset(str(data.get("not_names", "")).split()),
        syllable=re.compile(str(data["syllable"])) if data.get("syllable") else None,
        syllable_cues=frozenset(str(data.get("syllable_cues", "")).split()),
        family_markers=frozenset(str(data.get("family_markers", "")).split()),
        family_first_surnames=frozenset(str(data.get("family_first_surnames", "")).split()),
        not_after=frozenset(str(data.get("not_after", "")).split()),
        strong_particles=frozenset(str(data.get("strong_particles", "")).split()),
        family_endings=tuple(str(data.get("family_endings", "")).split()),
        transliteration=tuple(
            (str(k), tuple("" if v == '""' else v for v in str(v).split()))
            for k, v in (data.get("transliteration") or {}).items()
        ),
        intro_cues=frozenset(
            tuple(phrase.split()) for phrase in str(data.get("intro_cues", "")).split(",") if phrase.strip()
        ),
        kin_cues=frozenset(str(data.get("kin_cues", "")).split()),
        intro_pronouns=frozenset(str(data.get("intro_pronouns", "")).split()),
        greetings=frozenset(str(data.get("greetings", "")).split()),
        origin_words=frozenset(str(data.get("origin_words", "")).split()),
        long_vowels=tuple(str(data.get("long_vowels", "")).split()),
    )


def fold(word: str) -> str:
    """The word without diacritics, as typed on a phone without them ("nguyễn" → "nguyen")."""
    decomposed = unicodedata.normalize("NFKD", word.replace("đ", "d").replace("ı", "i").replace("ł", "l"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _folded(words: frozenset[str], table: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> frozenset[str]:
    """The words without diacritics, and those in Greek or Cyrillic letters also as written in
    Latin ones ("γιώργος" → "giorgos", "тарас" → "taras", "богдан" → "bogdan", "bohdan")."""
    letters = dict(table)
    folded = {fold(w) for w in words}
    for word in list(folded):
        if word.isascii() or not letters:
            continue
        choices = [letters.get(ch, ("\x00",)) for ch in word]
        if len(word) > 12 or any(c == ("\x00",) for c in choices):
            continue
        folded.update("".join(combo) for combo in itertools.product(*choices))
    return frozenset(folded)


def mostly_lowercase(text: str, share: float) -> bool:
    """Whether the text's Latin words (two letters or more) are written in lowercase, all but a few
    (brands and acronyms: "OLX", "AnyDesk")."""
    words = _LATIN_WORD_RE.findall(text)
    if len(words) < 4:
        return False
    lower = sum(1 for w in words if w.islower())
    return lower >= share * len(words)


class InformalNames:
    """Finds names in lowercase texts: `first` and `last` are the listed given and family names
    (lowercase), `frequent` says whether a word is a frequent word of some language."""

    def __init__(
        self,
        rules: InformalRules,
        first: frozenset[str],
        last: frozenset[str],
        frequent: Callable[[str], bool],
        stop: frozenset[str] = frozenset(),
    ) -> None:
        self._rules = rules
        self._first = _folded(first, rules.transliteration)
        self._last = _folded(last, rules.transliteration)
        self._frequent = frequent
        self._stop = stop
        # The phrases giving a name by their number of words: a run's words before a name are
        # looked up once per length, not compared with every phrase.
        self._cue_lengths = tuple(sorted({len(cue) for cue in rules.intro_cues}))
        self._cue_ends = frozenset(cue[-1] for cue in rules.intro_cues if cue)
        # Whether a word is a listed given (True) or family (False) name, per word: the same words
        # come back in every lowercase text. Bounded: cleared at _MEMO_MAX.
        self._listed_memo: dict[tuple[str, bool], bool] = {}

    def _readings(self, word: str) -> Iterator[str]:
        """The word folded, and with its Arabizi digits read as letters."""
        word = fold(word)
        if word.isalpha():
            yield word
            return
        choices = [self._rules.digit_letters.get(ch, (ch,)) if ch.isdigit() else (ch,) for ch in word]
        if any(ch.isdigit() and ch not in self._rules.digit_letters for ch in word):
            return
        for combo in itertools.product(*choices):
            yield "".join(combo)

    def _is(self, word: str, names: frozenset[str]) -> bool:
        key = (word, names is self._first)
        listed = self._listed_memo.get(key)
        if listed is None:
            if len(self._listed_memo) >= _MEMO_MAX:
                self._listed_memo.clear()
            listed = self._listed_memo[key] = self._listed(word, names)
        return listed

    def _listed(self, word: str, names: frozenset[str]) -> bool:
        if word in self._rules.not_names or word in self._stop:
            return False
        readings = list(self._readings(word))
        # "3ala" (on) reads as "ala", a word, as well as "aala", a listed name.
        if any(r in self._rules.not_names for r in readings):
            return False
        return any(len(r) >= _MIN_LETTERS and r in names for r in readings)

    def _rare_enough(self, words: list[str]) -> bool:
        """A name of which every word is also a frequent word of some language ("kara hao", "li na")
        is more likely those words; one rare word (a family name, a word typed with Arabizi
        digits) carries the rest ("dana levi", "ahmad 7assan")."""
        return sum(1 for w in words if self._frequent(w)) < len(words)

    def find(self, text: str) -> list[Detection]:
        if not mostly_lowercase(text, self._rules.min_lower_share):
            return []
        found: list[Detection] = []
        for run in self._runs(text):
            found.extend(self._names_in(run))
        return found

    def _runs(self, text: str) -> Iterator[list[re.Match[str]]]:
        """Runs of lowercase words written with single spaces between them (no punctuation)."""
        run: list[re.Match[str]] = []
        for tok in _TOKEN_RE.finditer(text):
            word = tok.group()
            if not word.islower() and not word.isdigit():
                if run:
                    yield run
                run = []
                continue
            if run and text[run[-1].end() : tok.start()] != " ":
                yield run
                run = []
            run.append(tok)
        if run:
            yield run

    def _names_in(self, run: list[re.Match[str]]) -> Iterator[Detection]:
        i = 0
        while i < len(run):
            end = self._cued_name(run, i)
            if end is None:
                end = self._introduced_name(run, i)
            if end is not None:
                yield Detection(run[i].start(), run[end].end(), PERSON)
                i = end + 1
                continue
            end = self._name_from(run, i) if i < len(run) - 1 else None
            if end is None:
                i += 1
                continue
            words = [m.group() for m in run[i : end + 1] if m.group() not in self._rules.particles]
            after = run[i - 1].group() if i > 0 else ""
            cued = self._cued(run, i, words)
            if after in self._rules.not_after or not self._rare_enough(words) or not cued:
                i += 1
                continue
            yield Detection(run[i].start(), run[end].end(), PERSON)
            i = end + 1

    def _name_from(self, run: list[re.Match[str]], i: int) -> int | None:
        """The index of the last word of a name starting at run[i], if one does."""
        words = [m.group() for m in run[i : i + _MAX_TOKENS]]
        first, particles = words[0], self._rules.particles
        # Family name first, then a particle and given names: "nguyen thi thu trang".
        if (
            first in self._rules.family_first_surnames
            and len(words) >= 3
            and words[1] in self._rules.family_first_particles
        ):
            end = 1
            while end + 1 < len(words) and self._plain(words[end + 1]):
                end += 1
            return i + end if end > 1 else None
        # Given name, particles, family name: "aishah binti rahman", "mariam 7assan".
        if self._is(first, self._first):
            end = 1
            while end < len(words) - 1 and words[end] in particles:
                end += 1
            # The family name is no frequent word ("3ala el link", "sofia tours").
            if self._is(words[end], self._last) and not self._frequent(words[end]):
                return i + end
        # A given name the lists lack, named by its family part's convention: "jasvinder kaur"
        # (a marker), "aishah binti rahman" (a patronymic particle), "dilshod rahimov" (an ending).
        if self._plain_rare(first):
            second = words[1]
            if second in self._rules.family_markers:
                return i + 1
            if len(words) > 2 and second in self._rules.strong_particles and self._plain_rare(words[2]):
                return i + 2
            if self._family_ending(second):
                return i + 1
        # Family name, given name (Chinese, Korean, Vietnamese order): "zhang wei", "pham minh tuan".
        # (A family name that is a frequent word, "le", "he", "son", needs the particle.)
        if (
            first in self._rules.family_first_surnames
            and not self._frequent(first)
            and self._given(words[1])
        ):
            end = 1
            if len(words) > 2 and self._given(words[2]):
                end = 2
            return i + end
        return None

    def _cued_name(self, run: list[re.Match[str]], i: int) -> int | None:
        """The index of the last word of a name that a phrase before run[i] announces: a phrase
        giving a name ("mera naam", "majhe naav", "namae wa") is followed by one whatever its
        words; a kinship word ("behen", "ukhti") by a listed given name and maybe a family name."""
        # Most words follow neither a phrase's last word nor a kinship word: one lookup says so.
        last = run[i - 1].group() if i > 0 else None
        if last is None or (last not in self._cue_ends and last not in self._rules.kin_cues):
            return None
        before = [m.group() for m in run[max(0, i - 3) : i]]
        words = [m.group() for m in run[i : i + 3]]
        cues = self._rules.intro_cues
        if last in self._cue_ends and any(
            n <= len(before) and tuple(before[-n:]) in cues for n in self._cue_lengths
        ):
            end = -1
            for word in words:
                listed = self._is(word, self._first) or self._is(word, self._last)
                if not listed and (not self._plain(word) or self._frequent(word)):
                    break
                end += 1
            return i + end if end >= 0 else None
        if before and before[-1] in self._rules.kin_cues and self._is(words[0], self._first):
            if self._frequent(words[0]):
                return None
            if len(words) > 1 and self._is(words[1], self._last) and not self._frequent(words[1]):
                return i + 1
            return i
        return None

    def _introduced_name(self, run: list[re.Match[str]], i: int) -> int | None:
        """The index of the last word of a name a writer introduces themself with: "I" after a
        greeting, or opening the clause before a listed given name, then up to three words that
        are listed names or no frequent word, and then the clause ends or says where from
        ("pryvit, ya taras, ...", "shalom, ani dana levi, ...", "salam, man mohsen karimi az
        shiraz"). A verb after "I" goes on to its object, so the clause does not end there."""
        rules = self._rules
        if i == 0 or run[i - 1].group() not in rules.intro_pronouns:
            return None
        greeted = i > 1 and run[i - 2].group() in rules.greetings
        if i > 1 and not greeted:
            return None
        # Without a greeting, "I" opening a clause is as often followed by a verb ("ya perevela
        # dengi, ...", Malay "saya ada ...": I have): only a listed given name that is no frequent
        # word is taken there.
        first = run[i].group()
        if not greeted and (not self._is(first, self._first) or self._frequent(first)):
            return None
        end = i - 1
        for tok in run[i : i + 3]:
            word = tok.group()
            listed = self._is(word, self._first) or self._is(word, self._last)
            if not self._plain(word) or not (listed or not self._frequent(word)):
                break
            end += 1
        if end < i:
            return None
        nxt = run[end + 1].group() if end + 1 < len(run) else None
        if nxt is None or nxt.isdigit() or nxt in rules.origin_words:
            return end
        return None

    def _given(self, word: str) -> bool:
        """A listed given name, also as written with a long vowel doubled (romanized Japanese:
        "yuuki" for "yuki", "shouta" for "shota")."""
        if self._is(word, self._first):
            return True
        short = word
        for pair in self._rules.long_vowels:
            short = short.replace(pair, pair[0])
        return short != word and self._is(short, self._first)

    def _cued(self, run: list[re.Match[str]], i: int, words: list[str]) -> bool:
        """A name of Pinyin syllables only ("zhang wei") needs a word before it that introduces one
        ("wo shi", "erzi"): in romanized Chinese most pairs of syllables are both listed names."""
        syllable = self._rules.syllable
        if syllable is None or not all(syllable.fullmatch(w) for w in words):
            return True
        return i > 0 and run[i - 1].group() in self._rules.syllable_cues

    def _plain_rare(self, word: str) -> bool:
        """A word of three letters or more that is no frequent word of any language."""
        return len(word) >= 3 and self._plain(word) and not self._frequent(word)

    def _family_ending(self, word: str) -> bool:
        return (
            self._plain_rare(word)
            and len(word) >= 5
            and any(word.endswith(e) and len(word) > len(e) + 2 for e in self._rules.family_endings)
        )

    def _plain(self, word: str) -> bool:
        """A word that may be a given name the lists lack: no stop word, no listed non-name."""
        return word.isalpha() and word not in self._rules.not_names and word not in self._stop
