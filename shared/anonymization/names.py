"""Person names without a statistical model: name lexicons plus context cues.

The lexicons are Faker's per-locale first/last name lists (Faker is already a dependency and its
lists load in ~0.1 s; names-dataset would need ~2 GB and 12 s). Arabic and Persian names come from
Faker's ar_*/fa_IR lists and from honorific cues, since that script has no capitalization.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from shared.anonymization.detectors import PERSON, Detection
from shared.anonymization.detectors import words as _words

_LATIN_LOCALES = _words(
    "en_US en_GB en_IE en_IN en_NZ fr_FR fr_CH fr_QC de_DE de_AT de_CH es_ES es_MX es_AR es_CO "
    "es_CL it_IT nl_NL nl_BE pt_PT pt_BR pl_PL cs_CZ sk_SK hu_HU fi_FI sv_SE no_NO da_DK is_IS "
    "hr_HR sl_SI ro_RO et_EE lt_LT lv_LV tr_TR ga_IE az_AZ id_ID"
)
_ARABIC_LOCALES = ("ar_AA", "ar_SA", "ar_PS", "ar_DZ", "fa_IR")
_FIRST_ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
_LAST_ATTRS = ("last_names", "last_names_male", "last_names_female", "last_names_nonbinary")
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


@cache
def load_lexicon() -> NameLexicon:
    first = {n for loc in _LATIN_LOCALES for n in _provider_names(loc, _FIRST_ATTRS)}
    last = {n for loc in _LATIN_LOCALES for n in _provider_names(loc, _LAST_ATTRS)}
    arabic = {
        normalize_arabic(n)
        for loc in _ARABIC_LOCALES
        for n in _provider_names(loc, _FIRST_ATTRS + _LAST_ATTRS)
    }
    common: set[str] = set()
    for loc in _COMMON_WORD_LOCALES:
        words = importlib.import_module(f"faker.providers.lorem.{loc}").Provider.word_list
        common.update(w.lower() for w in words)
    stop_text = (Path(__file__).parent / "stopwords.txt").read_text(encoding="utf-8")
    stop = {w for line in stop_text.splitlines() if not line.startswith("#") for w in line.split()}
    places = {
        word.lower()
        for country in pycountry.countries
        for name in (country.name, getattr(country, "common_name", country.name))
        for word in _SPLIT_RE.split(name.replace(",", " "))
        if len(word) > 2
    }
    return NameLexicon(
        places=frozenset(places),
        first=frozenset(first),
        last=frozenset(last),
        common=frozenset(common),
        stop=frozenset(stop),
        arabic=frozenset(arabic - _ARABIC_STOP),  # _ARABIC_STOP is already folded
    )


# Words that follow a person's title or a naming cue. Titles are matched case-sensitively as tokens.
_TITLES = frozenset(
    _words(
        "Mr Mrs Ms Miss Mx Dr Prof Mister Sir Lady Dame M Mme Mlle Monsieur Madame Mademoiselle Me "
        "Maître Herr Frau Fräulein Sr Sra Srta Señor Señora Señorita Don Doña Dña Sig Sig.ra Signor "
        "Signora Dott Dhr Mevr"
    )
)
# Lowercase words after which a capitalized word is taken as a name.
_CUES = frozenset(
    _words(
        "named called victim suspect offender complainant nommé nommée appelé appelée victime "
        "plaignant plaignante namens genannt opfer täter tatverdächtige tatverdächtiger geschädigte "
        "geschädigter llamado llamada víctima sospechoso sospechosa denunciante nombre alias aka "
        "a.k.a. m'appelle heiße llamo hi hello dear bonjour cher chère liebe lieber hallo hola "
        "estimado estimada starring i'm i’m"
    )
)
# Two-word cues, checked on the last two words before a capitalized word.
_CUE_PAIRS = frozenset(
    {("name", "is"), ("calls", "me"), ("call", "me"), ("named", "as"), ("i", "am"), ("name", "ist")}
)
_CONNECTOR_RE = re.compile(
    r"(?:[ \t]|[ \t]?-[ \t]?)"
    r"(?:(?:van|von|de|der|den|del|della|di|da|du|la|le|y|bin|ibn|al|el|ten|ter|zu|dos|das|do|mac|o')[ \t])"
    r"{0,2}"
)
_UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
_ARABIC = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
# Only capitalized Latin tokens and Arabic-script tokens can be names; skipping the rest keeps the
# per-text loop to a dozen tokens. The lookbehind sits after the first character because a pattern
# that starts with a character class lets `re` skip ahead fast (3x faster than a leading lookbehind).
_TOKEN_RE = re.compile(rf"[{_UPPER}{_ARABIC}](?<![\w][{_UPPER}{_ARABIC}])[\w'’{_ARABIC}\u200c-]*\.?")
_POSSESSIVE_RE = re.compile(r"(?:['’]s?)?[.'’-]*$")
_SENTENCE_END = frozenset(".!?:;\n•*>")

_ARABIC_CUES_RAW = (
    "السيد السيدة الأستاذ الأستاذة الدكتور الدكتورة المدعو المدعوة "
    "الضحية المتهم المتهمة المشتبه الشيخ الحاج "
    "آقای خانم دکتر مهندس جناب سرکار قربانی متهم مظنون"
)
_ARABIC_STOP_RAW = (
    "و في من على إلى عن مع هذا هذه ذلك التي الذي كان قد لا ما أن إن "
    "ثم أو بين بعد قبل عند كل هو هي هم "
    "که از به در با را این آن است بود شد می برای تا یا هم اما نیز او ایشان گفت"
)
# Words that join the parts of an Arabic name (son of, father of, servant of).
_ARABIC_LINKS_RAW = "بن بنت ابن أبو ابو أم عبد"
_MAX_NAME_TOKENS = 4
# Surname endings frequent enough across Europe to mark an unknown capitalized word as a surname.
_SURNAME_SUFFIXES = tuple(
    _words(
        "ović ević vić ić ov ova ev eva ovich evich sky ski ska skiy enko chuk czyk wicz escu "
        "opoulos idis akis oğlu shvili dze sson lsen nsen rsen ssen dottir dóttir yan ez"
    )
)
# In all-lowercase text, words that are also first names somewhere but mostly are not names.
_LOWERCASE_AMBIGUOUS = frozenset(
    _words(
        "said will bill art grace hope joy faith rose summer june april august mark sue pat guy ray jack",
        "frank sunny river rich chance page paris florence major king earl sterling may an so",
    )
)
_LOWER_TOKEN_RE = re.compile(r"[^\W\d_][\w'’-]*")
_COORD_RE = re.compile(r"(?:,\s?|\s(?:and|&|et|und|y|e|or|ou|oder|o)\s)")
_COORD_BEFORE_RE = re.compile(r"(?:,\s?|\s(?:and|&|et|und|y|e|or|ou|oder|o)\s)$")


class PersonDetector:
    def __init__(self, lexicon: NameLexicon | None = None) -> None:
        self._lex = lexicon if lexicon is not None else load_lexicon()

    def find(self, text: str) -> list[Detection]:
        tokens = list(_TOKEN_RE.finditer(text))
        # Text without any capital (chat logs, tweets) has no capitalization cue to go by.
        found: list[Detection] = self._find_lowercase(text) if text.islower() else []
        loose: list[int] = []  # capitalized unknown words: names if listed next to a found name
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.group()[0] >= "\u0600":
                i = self._arabic(text, tokens, i, found)
                continue
            word = _POSSESSIVE_RE.sub("", tok.group())
            lower = word.lower()
            # After a title anything capitalized is a name, even "West" or "King".
            titled = i > 0 and self._is_title(text, tokens[i - 1], tok)
            if (
                lower in self._lex.stop
                and not titled
                and not self._cued_name(text, tok.start(), lower)
                and not self._stop_first_name(text, tokens, i, lower)
            ):
                i += 1
                continue
            if (word.isupper() and len(word) > 1) or word in _TITLES:
                i += 1
                continue
            run = self._run(text, tokens, i)
            if titled or _after_cue(text, tok.start()) or self._starts_name(text, tokens, i, lower, run):
                # A title belongs to the name: "Mr. [PERSON]" would still narrow down who it is.
                start = tokens[i - 1].start() if titled else tok.start()
                end = tokens[run[-1]].start() + len(_POSSESSIVE_RE.sub("", tokens[run[-1]].group()))
                found.append(Detection(start, end, PERSON))
                i = run[-1] + 1
            else:
                if lower not in self._lex.common and lower not in self._lex.places:
                    loose.append(i)
                i += 1
        if found and loose:
            self._coordinated(text, tokens, loose, found)
        found.sort(key=lambda d: d.start)
        return found

    def _stop_first_name(self, text: str, tokens: list[re.Match[str]], i: int, lower: str) -> bool:
        """A first name that is also a stop word ("Will", "Domingo") right before a known surname."""
        if lower not in self._lex.first or i + 1 >= len(tokens):
            return False
        tok, nxt = tokens[i], tokens[i + 1]
        if text[tok.end() : nxt.start()] != " ":
            return False
        following = _POSSESSIVE_RE.sub("", nxt.group()).lower()
        known = following in self._lex.last or following in self._lex.first
        return known and following not in self._lex.stop

    def _cued_name(self, text: str, start: int, lower: str) -> bool:
        """A stop word that is also a name ("Lane", "Young") after a naming cue ("the victim")."""
        return (lower in self._lex.first or lower in self._lex.last) and _after_cue(text, start)

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
                end = tok.start() + len(_POSSESSIVE_RE.sub("", tok.group()))
                after = _COORD_RE.match(text, end)
                before = _COORD_BEFORE_RE.search(text, max(0, tok.start() - 6), tok.start())
                if (after is not None and after.end() in starts) or (
                    before is not None and before.start() in ends
                ):
                    found.append(Detection(tok.start(), end, PERSON))
                    loose.remove(idx)
                    changed = True

    def _find_lowercase(self, text: str) -> list[Detection]:
        """All-lowercase text (chat, tweets): known first names that are not also common words,
        plus a following known surname."""
        lex = self._lex
        found: list[Detection] = []
        words = list(_LOWER_TOKEN_RE.finditer(text))
        i = 0
        while i < len(words):
            word = _POSSESSIVE_RE.sub("", words[i].group())
            start = words[i].start()
            if (
                word in lex.first
                and word not in lex.stop
                and word not in lex.common
                and word not in _LOWERCASE_AMBIGUOUS
                and word not in lex.places
            ):
                end = words[i].start() + len(word)
                if i + 1 < len(words) and text[end : words[i + 1].start()] == " ":
                    nxt = _POSSESSIVE_RE.sub("", words[i + 1].group())
                    if (
                        (nxt in lex.last or nxt.endswith(_SURNAME_SUFFIXES))
                        and nxt not in lex.common
                        and nxt not in lex.stop
                    ):
                        end = words[i + 1].start() + len(nxt)
                        i += 1
                found.append(Detection(start, end, PERSON))
            i += 1
        return found

    def _starts_name(
        self, text: str, tokens: list[re.Match[str]], i: int, lower: str, run: list[int]
    ) -> bool:
        lex = self._lex
        is_first = lower in lex.first or _hyphenated_in(lower, lex.first)
        is_last = lower in lex.last or (
            len(lower) > 4
            and lower.endswith(_SURNAME_SUFFIXES)
            and lower not in lex.common
            and lower not in lex.places
        )
        if not (is_first or is_last):
            return False
        # Names that are also frequent words or country names ("Rose", "Jordan") need more evidence.
        ambiguous = lower in lex.common or lower in lex.places
        initial = _sentence_initial(text, tokens[i].start())
        if len(run) > 1:
            nxt = _POSSESSIVE_RE.sub("", tokens[run[1]].group()).lower()
            next_known = nxt in lex.first or nxt in lex.last
            if is_first and (not ambiguous or next_known or not initial):
                return True
            if next_known and (not initial or not ambiguous):
                return True
        if ambiguous:
            return False
        return is_first or not initial

    def _run(self, text: str, tokens: list[re.Match[str]], i: int) -> list[int]:
        """Indices of the capitalized tokens joined to tokens[i] by a space, hyphen or particle."""
        run = [i]
        j = i
        while len(run) < _MAX_NAME_TOKENS and j + 1 < len(tokens):
            cur, nxt = tokens[j], tokens[j + 1]
            word = nxt.group()
            if _ends_sentence(cur.group()):
                break
            if word[0] >= "\u0600" or _CONNECTOR_RE.fullmatch(text, cur.end(), nxt.start()) is None:
                break
            lower = _POSSESSIVE_RE.sub("", word).lower()
            # A stop word continues a name only if it is also a surname ("John West").
            stop = lower in self._lex.stop and lower not in self._lex.last
            if stop or word.rstrip(".") in _TITLES or (word.isupper() and len(word) > 2):
                break
            run.append(j + 1)
            j += 1
        return run

    @staticmethod
    def _is_title(text: str, prev: re.Match[str], tok: re.Match[str]) -> bool:
        title = prev.group().rstrip(".")
        return title in _TITLES and _CONNECTOR_RE.fullmatch(text, prev.end(), tok.start()) is not None

    def _arabic(self, text: str, tokens: list[re.Match[str]], i: int, found: list[Detection]) -> int:
        """Arabic/Persian: a cue followed by up to three words, or a run of known name words."""
        tok = tokens[i]
        names = self._lex.arabic
        if normalize_arabic(_arabic_word(tok)) in _ARABIC_CUES:
            # The first word after an honorific is the name; later ones only if they are names too,
            # so "السيد محمد العلي بالشرطة" stops before
            # "بالشرطة" ("to the police").
            j = i + 1
            while j < len(tokens) and j - i <= 3 and _arabic_next(text, tokens[j - 1], tokens[j]):
                word = _arabic_word(tokens[j])
                folded = normalize_arabic(word)
                if folded in _ARABIC_STOP or (
                    j > i + 1
                    and _arabic_key(word) not in names
                    and folded not in _ARABIC_LINKS
                    and not _persian_surname(folded)
                ):
                    break
                j += 1
            if j > i + 1:
                found.append(Detection(tokens[i + 1].start(), _arabic_end(tokens[j - 1]), PERSON))
            return j
        j = i
        while j < len(tokens) and (j == i or _arabic_next(text, tokens[j - 1], tokens[j])):
            folded = normalize_arabic(_arabic_word(tokens[j]))
            if _arabic_key(folded) not in names and not (
                j > i and (folded in _ARABIC_LINKS or _persian_surname(folded))
            ):
                break
            j += 1
        if j == i:
            return i + 1
        start = tok.start() + (1 if tok.group()[0] == "و" and tok.group() not in names else 0)
        found.append(Detection(start, _arabic_end(tokens[j - 1]), PERSON))
        return j


def _arabic_word(tok: re.Match[str]) -> str:
    """The token folded (normalize_arabic) and without trailing punctuation; same length as the
    original token's prefix, since folding only maps single characters or drops diacritics."""
    return tok.group().rstrip(".'’-،؛؟")


def _persian_surname(folded: str) -> bool:
    # Persian family names mostly end in "ی" (احمدی, رضایی); after a name or
    # honorific that is enough.
    return (
        len(folded) > 3 and folded.endswith("ی") and folded not in _ARABIC_STOP and folded not in _ARABIC_CUES
    )


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


def normalize_arabic(word: str) -> str:
    """Fold Arabic/Persian letter variants and diacritics so "علي" and "علی" are one name."""
    return word.translate(_ARABIC_FOLD)


_ARABIC_CUES = frozenset(normalize_arabic(_ARABIC_CUES_RAW).split())
_ARABIC_STOP = frozenset(normalize_arabic(_ARABIC_STOP_RAW).split())
_ARABIC_LINKS = frozenset(normalize_arabic(_ARABIC_LINKS_RAW).split())


def _arabic_key(word: str) -> str:
    word = normalize_arabic(word)
    if word.startswith("و") and len(word) > 3 and word[1:] in load_lexicon().arabic:
        return word[1:]
    if word.startswith("ال") and len(word) > 4 and word[2:] in load_lexicon().arabic:
        return word[2:]
    return word


def _arabic_next(text: str, prev: re.Match[str], cur: re.Match[str]) -> bool:
    return cur.group()[0] >= "\u0600" and text[prev.end() : cur.start()] in (" ", "\u200c", " \u200c")


def _after_cue(text: str, start: int) -> bool:
    before = text[max(0, start - 24) : start].rstrip(" \t,:;(\"'«“")
    if len(before) == start - max(0, start - 24):
        return False  # the token is glued to the previous word
    words = before.rsplit(None, 2)
    if not words:
        return False
    last = words[-1].lower()
    if last in _CUES:
        return True
    return len(words) > 1 and (words[-2].lower(), last) in _CUE_PAIRS


def _sentence_initial(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] in " \t\"'«“(-–—":
        k -= 1
    return k < 0 or text[k] in _SENTENCE_END


def _ends_sentence(token: str) -> bool:
    """A token ending in "." ends the sentence unless it is a title or an initial ("H.", "Hans-H.")."""
    if token.endswith(("'s", "’s")):
        return True
    if not token.endswith("."):
        return False
    last = token[:-1].rsplit("-", 1)[-1]
    return len(last) > 1 and token[:-1] not in _TITLES


def _hyphenated_in(lower: str, names: frozenset[str]) -> bool:
    """ "jean-pierre", "hans-h." (a name joined to an initial)."""
    if "-" not in lower:
        return False
    parts = lower.rstrip(".").split("-")
    return parts[0] in names and all(part in names or len(part) == 1 for part in parts[1:])
