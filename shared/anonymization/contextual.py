"""Detectors that need language cues rather than checksums: street addresses and dates of birth
(en/fr/de/es, plus the street-type words of a few neighbouring languages)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from shared.anonymization.detectors import (
    ADDRESS,
    DATE_OF_BIRTH,
    NATIONAL_ID,
    PERSON,
    CueGate,
    Detection,
    SpanIndex,
)
from shared.anonymization.detectors import words as _words
from shared.data_files import parse_yaml

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\wÀ-ÿ'’.-]*"
_WORD = r"[\wÀ-ÿ'’.-]+"
# Locality names in the tail: no dots, so that a sentence end is not taken as part of the city, and
# no digits, so that a British postcode's outward half ("CR0") is not read as a second town word.
_PLACE = r"[A-ZÀ-ÖØ-ÞĀ-Ž](?:[^\W\d_]|['’-])*(?!\w)"
# A British postcode ("CR0 2AB", "M14 5RT", "EC1A 1BB").
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}(?![\w])"
_NUM = r"\d{1,5}(?:[ -]?[A-Za-z](?![\w]))?(?:\s?(?:bis|ter))?"
_EN_TYPES = (
    r"Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Court|Ct\.?|Place|Pl\.?|"
    r"Way|Terrace|Square|Sq\.?|Crescent|Close|Parkway|Pkwy\.?|Highway|Hwy\.?|Circle|Cir\.?|Trail|Row|"
    r"Mews|Gardens"
)
_FR_TYPES = (
    r"rue|avenue|av\.|boulevard|bd\.?|place|impasse|allée|chemin|quai|route|cours|passage|square|voie|cité"
)
_ES_TYPES = (
    r"Calle|C/|Avenida|Avda\.?|Av\.|Plaza|Pza\.?|Paseo|Pº|Camino|Carrera|Ronda|Travesía|Carretera|"
    r"Rúa|Rua|Via|Viale|Piazza|Corso"
)
_DE_SUFFIXES = (
    r"straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|steig|pfad|straat|laan|gracht|"
    r"plein|steenweg|vej|gade|gatan|vägen|katu|tie|utca|út"
)
_DE_WORDS = r"Straße|Strasse|Str\.|Weg|Gasse|Platz|Allee|Ring|Damm"
_UNIT = (
    r"(?:,?\s+(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Floor|Fl\.?|#|Bât\.?|Étage|App\.?|Wohnung|"
    r"Piso|Puerta|Esc\.?)\s*\w{1,6})?"
)
# Postcode + locality, or ", City" (+ US state + ZIP), after the street part.
_TAIL = (
    # a postcode may carry its country's letters ("L-4123", "CH-1003", "D-10115")
    r"(?:,?\s+(?:[A-Z]{1,2}-\d{4,5}(?!\d)|\d{5}|\d{4}\s?[A-Z]{2}|\d{4}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})"
    rf"(?:[ \t]+{_PLACE}(?:[ -]{_PLACE}){{0,2}})?"
    # the town on the next line of a form or a letter ("45 Harrow Lane,\nCroydon CR0 2AB")
    rf"|,[ \t]*(?:\r?\n[ \t]*)?{_PLACE}(?:[ \t]{_PLACE}){{0,2}}"
    rf"(?:,?\s+{_UK_POSTCODE}|(?:,?\s+[A-Z]{{2}}(?!\w))?(?:\s+(?:\d{{5}}(?:-\d{{4}})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d(?!\w)))?))?"
)

_ADDRESS_RES = (
    # 123 Main Street, Apt 4, Springfield, IL 62704
    re.compile(rf"\b{_NUM}\s+(?:{_CAP}\s+){{0,3}}(?:{_CAP}\s+)?(?:{_EN_TYPES})\b{_UNIT}{_TAIL}"),
    # 12 rue de la Paix, 75002 Paris / 12, avenue Victor Hugo
    re.compile(
        rf"\b{_NUM},?\s+(?i:{_FR_TYPES})\s+(?:(?:de la|de l'|du|des|de|d'|la|le|l')\s*)?"
        rf"{_WORD}(?:[ -]{_CAP}){{0,3}}{_UNIT}{_TAIL}"
    ),
    # Calle Mayor 10 / Calle de Alcalá, 45, 28014 Madrid / Via Roma 1
    re.compile(
        rf"\b(?:{_ES_TYPES})\s+(?:(?:de la|de los|de las|del|de|di|della|dei|da)\s+)?"
        rf"{_CAP}(?:\s+(?:de\s+|del\s+)?{_CAP}){{0,3}}"
        rf",?\s+(?:n[º°o]\.?\s*)?{_NUM}{_UNIT}{_TAIL}"
    ),
    # Hauptstraße 5, 10115 Berlin / Kalverstraat 12 / Dózsa György út 78.
    re.compile(rf"\b(?:{_CAP}[ -])?[\wÀ-ÿ-]*(?:{_DE_SUFFIXES})\s+{_NUM}\b{_UNIT}{_TAIL}"),
    re.compile(rf"\b{_CAP}(?:[ -]{_CAP}){{0,2}}\s+(?:{_DE_WORDS})\s+{_NUM}\b{_UNIT}{_TAIL}"),
    re.compile(
        r"\b(?:P\.?\s?O\.?\s?Box|Postfach|Apartado(?: de correos)?|BP|Boîte postale)\s+\d{1,6}\b", re.I
    ),
)


# Every address has a house number, postcode or box number, and a street-type word near it; only
# such windows are handed to the (slow) address regexes.
_STREET_WORDS = frozenset(
    _words(
        "street st st. avenue ave ave. road rd rd. boulevard blvd blvd. lane ln ln. drive dr dr. "
        "court ct ct. place pl pl. way terrace square sq sq. crescent close parkway pkwy highway "
        "hwy circle cir trail row mews gardens rue av. bd bd. impasse allée chemin quai route cours "
        "passage voie cité calle c/ avenida avda avda. plaza pza paseo pº camino carrera ronda "
        "travesía carretera rúa rua via viale piazza corso straße strasse str. weg gasse platz "
        "allee ring damm box postfach apartado bp postale út utca"
    )
)
_STREET_SUFFIXES = tuple(
    _words(
        "straße strasse str. weg gasse platz allee ring damm ufer chaussee steig pfad straat laan "
        "gracht plein steenweg vej gade gatan vägen katu tie"
    )
)
_DIGITS_RE = re.compile(r"\d+")
_BEFORE = 60
_AFTER = 70


_PUNCT = str.maketrans(",;:()", "     ")


def find_addresses(
    text: str, lower: str | None = None, taken: Iterable[Detection] = ()
) -> Iterator[Detection]:
    """Street addresses; digit runs inside `taken` (cards, phones, IBANs found first) are skipped."""
    lowered = text.lower() if lower is None else lower
    # One look at the whole text first: most have no street word at all.
    words = lowered.translate(_PUNCT).split()
    if _STREET_WORDS.isdisjoint(words) and not any(w.endswith(_STREET_SUFFIXES) for w in words):
        return
    index = SpanIndex(taken)
    window_end = -1
    for digits in _DIGITS_RE.finditer(text):
        if digits.start() < window_end or (index and index.overlaps(digits.start(), digits.end())):
            continue
        start = max(0, digits.start() - _BEFORE)
        words = lowered[start : digits.end() + 30].translate(_PUNCT).split()
        before = lowered[start : digits.start()].rsplit(None, 1)
        if _STREET_WORDS.isdisjoint(words) and not (before and before[-1].endswith(_STREET_SUFFIXES)):
            continue
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        window_end = min(len(text), digits.end() + _AFTER)
        for pattern in _ADDRESS_RES:
            for match in pattern.finditer(text, start, window_end):
                yield Detection(match.start(), match.end(), ADDRESS)


DATES_FILE = Path(__file__).with_name("dates_of_birth.yaml")


class CueAlternation:
    """An alternation of cue patterns, `(?i:cue|cue|...)`, matched at a position: only the cues
    whose first letter can be the text's letter there are tried, in their order, so the answer
    is the whole alternation's. (Python's re tries every branch of an alternation in turn: over
    hundreds of cues, at every place the gate finds, that was most of this detector's time.)"""

    __slots__ = ("_branches", "_by_char")

    def __init__(self, branches: Iterable[tuple[str, str]]) -> None:
        # (the first letter the cue's pattern consumes, the pattern)
        self._branches = [(re.compile(re.escape(first), re.IGNORECASE), cue) for first, cue in branches]
        self._by_char: dict[str, re.Pattern[str] | None] = {}

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        if pos >= len(text):
            return None
        pattern = self._starting_with(text[pos])
        return pattern.match(text, pos) if pattern is not None else None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        """The whole text as one cue (a table's head cell)."""
        pattern = self._starting_with(text[0]) if text else None
        return pattern.fullmatch(text) if pattern is not None else None

    def _starting_with(self, char: str) -> re.Pattern[str] | None:
        try:
            return self._by_char[char]
        except KeyError:
            cues = [cue for first, cue in self._branches if first.match(char)]
            return self._by_char.setdefault(char, re.compile(f"(?i:{'|'.join(cues)})") if cues else None)


@dataclass(frozen=True, slots=True)
class BirthPatterns:
    """A birth cue then a date (`before`), or a date then a cue (`after`, the date found in
    `date_before` right before the cue); `gate` says whether any cue may be in a text."""

    gate: CueGate
    before: CueAlternation
    after: CueAlternation
    date: re.Pattern[str]
    date_before: re.Pattern[str]
    # A year alone close after a cue ("born in 1950", "geb. 1950"), when no full date follows.
    year: re.Pattern[str]
    window: int
    # `before` and `after` with only the cues that may follow a word character (the others start
    # with "(?<!\w)"): right after a letter, one of these decides as the whole pattern would.
    before_in_word: CueAlternation
    after_in_word: CueAlternation
    # Cues whose date must follow right after (at most a space): "s. 14.6.2002".
    right_before: frozenset[str] = frozenset()
    # The month names, lowercased: a date after a name may start with one ("March 3, 1985").
    months: frozenset[str] = frozenset()
    # Cues written after the date as a suffix of its last word ("1990년 5월 3일생"): masked with it.
    glued: frozenset[str] = frozenset()
    # A person's age between the name and the birth date ("Jan Kos (47 let, 3.5.1977)").
    age: re.Pattern[str] = re.compile("(?!)")
    # A year alone closed by a bracket, a comma or the text's end ("(b. 1961)"): after a cue of
    # `right_before`, a birth year.
    closed_year: re.Pattern[str] = re.compile("(?!)")
    # `date` without its bound before: right at a cue's full stop ("b.1988-04-02").
    glued_date: re.Pattern[str] = re.compile("(?!)")


def _cue(phrase: str) -> str:
    """A cue as a pattern: in a script written without spaces it may touch other words."""
    body = r"\s*".join(re.escape(word) for word in phrase.split())
    if all(_UNSPACED.match(ch) for ch in phrase if not ch.isspace()):
        return body
    lead = r"(?<!\w)" if phrase[0].isalnum() and not _THAI.match(phrase[0]) else ""
    tail = r"(?!\w)" if phrase[-1].isalnum() else ""
    return f"{lead}{body}{tail}"


_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Thai, Lao, Khmer and Myanmar write words without spaces: a cue may follow a word directly
# ("ผู้เสียหายเกิดวันที่"),
# but not run on into one ("เกิดเหตุ", "it happened", is no "เกิด", "born").
_THAI = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")


# Thai dates count years of the Buddhist era (2528 = 1985).
# Iranian and Afghan dates count Solar Hijri years (1364 = 1985), Arab ones at times lunar Hijri
# years (1405 = 1985).
_YEAR = r"(?:1[89]|20)\d\d|24[5-9]\d|25\d\d|13[0-9]\d|14[0-4]\d"
# A year of the Republic of China's era without its "年", before a cue that holds it ("民國79年次").
_ERA_YEAR = r"(?:民國|民国)\s*\d{1,3}"
_ERA_YEAR_RE = re.compile(_ERA_YEAR)
# A year with the year word written after it ("1985 года", "1985 р.").
# Azerbaijani writes the year with its ordinal suffix and "il" ("1989-cu il"), Kyrgyz and Kazakh
# with "жылы" (in the year: "1990-жылы"), Ethiopia its era's mark ("1989 ዓ.ም.", year of mercy).
_YEAR_MARK = r"-(?:ci|cı|cu|cü)\s+il(?!\w)|-?\s?жылы(?!\w)|\s?ዓ\.ም\.?"
_YEAR_WORD = rf"(?:{_YEAR})(?:\s?(?:р\.|г\.|року|года|r\.)(?!\w)|{_YEAR_MARK})?"


def _date_pattern(months: list[str]) -> str:
    month = "|".join(re.escape(m) for m in sorted(set(months), key=len, reverse=True))
    month = rf"(?:{month})\.?(?:\s+(?:{month}))?"
    # the ordinal mark of the first of a month ("1er", "1º"; Italian and Spanish also "1°")
    day = r"\d{1,2}(?:er|st|nd|rd|th|º|°|\.)?"
    return (
        # Full-width separators go with full-width digits ("１９８８／０４／０２", East Asian input).
        r"(?:\d{4}[./\-／．－]\d{1,2}[./\-／．－]\d{1,2}|\d{1,2}[./\-／．－]\d{1,2}[./\-／．－](?:\d{4}|\d{2})"
        # ISO 8601's basic form, as forms and record dumps write it ("dob=19880402")
        r"|(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)"
        # Czech and Slovak write a space after each dot ("2. 2. 1994", "14. 6. 1988")
        r"|\d{1,2}\.\s\d{1,2}\.\s\d{4}"
        # Spaced year-first dates ("1983. 12. 02.") and Roman months ("12.III.1950", "5 VII 1961")
        r"|\d{4}\.\s\d{1,2}\.\s?\d{1,2}\.?|\d{1,2}[.\s]\s?(?:I{1,3}|IV|VI{0,3}|IX|XI{0,2})[.\s]\s?\d{4}"
        # the day's ordinal word and the "of" between day and month: Tagalog "ika-3 ng Marso
        # 1985", Hausa "3 ga Maris 1985"
        # Xhosa and Zulu "we-9 kuJanuwari 2002" (of the 9th, in January), Maori "3 o Māehe 1990"
        rf"|(?:ika-?|we-|ka-)?{day}[\s/-]*(?:de\s+|of\s+|ng\s+|ga\s+|o\s+)?(?:ku)?(?:{month}),?[\s/-]*"
        r"(?:del?\s+|พ\.ศ\.\s*)?\d{4}"
        # Lingala numbers the month: "17 sánzá ya 8, 2009" (the 17th, month of 8)
        r"|\d{1,2}\s+sánzá\s+ya\s+\d{1,2},?\s+\d{4}"
        # forms and travel documents glue day, month and a two-digit year ("03MAR85")
        rf"|\d{{2}}(?:{month})\d{{2}}(?!\d)"
        # Azerbaijani: the year with its ordinal suffix, the month in the genitive, the day in the
        # locative ("1985-ci il martın 3-də")
        rf"|\d{{4}}-(?:ci|cı|cu|cü)\s+il(?:in)?\s+(?:{month})(?:ın|in|un|ün|nın|nin)?\s+\d{{1,2}}(?:-d[əa])?"
        rf"|(?:{month})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
        # A two-digit year after a day and a month name ("12 มี.ค. 28", "3 March 85").
        rf"|{day}\s+(?:{month})\s+\d{{2}}(?![\d/.:-])"
        # The year first, as Hungarian writes it: "1999. november 2."; Basque with the year's
        # suffix and the day's ("1990eko martxoaren 12an"); Lithuanian with the year's and the
        # day's marks ("1990 m. kovo 12 d."); Latvian "1990. gada 12. martā".
        # Hungarian joins a case ending to the day ("1990. március 12-én", "1990. 05. 14-én").
        rf"|\d{{4}}(?:\.|e?ko)?\s+(?:{month})\s+\d{{1,2}}(?:\.|e?an\b|a\b|-j?[aáeé]n\b|-i\b)?"
        r"|\d{4}\.\s\d{1,2}\.\s?\d{1,2}-j?[aáeé]n\b"
        # Maltese: "fl-14 ta' Marzu 1985" (on the 14th of March); the article takes the sound of a
        # day's numeral that starts with a "sun letter" ("fis-16", "fit-3", "fid-12", "fin-9")
        rf"|(?:fi?[lċdnrstxzż]-|f['’])?\d{{1,2}}\s+ta['’]\s+(?:{month})\s+\d{{4}}"
        rf"|\d{{4}}\s*m\.\s*(?:{month})\s+\d{{1,2}}(?:\s*d\.)?"
        rf"|\d{{4}}\.\s*gada\s+\d{{1,2}}\.\s*(?:{month})"
        # Armenian: the year with its mark "թ." or the word it shortens ("թվականի": of the year),
        # the month in the genitive, the day ("1975 թ. մայիսի 4") with the day's case ending
        # ("հուլիսի 19-ին": on the 19th of July)
        rf"|\d{{4}}\s*(?:թ\.|թվականի|թվին)\s*(?:{month})\s+\d{{1,2}}(?:-(?:ին|ը|ից))?"
        # Georgian: the year's genitive, the day, the month ("1985 წლის 12 მარტს"); Mongolian
        # numbers the month: "1985 оны 3-р сарын 12" (of the year 1985, of the 3rd month, the 12th)
        rf"|\d{{4}}\s*წლის\s*\d{{1,2}}\s*(?:{month})"
        r"|\d{4}\s*оны\s*\d{1,2}(?:-р)?\s*сарын\s*\d{1,2}(?:-?(?:ны|ний|нд))?"
        # Uzbek, Kazakh and Kyrgyz: the year with its word, the day, the month, maybe in the
        # locative ("1985-yil 12-martda", "1985 жылы 12 наурызда")
        rf"|\d{{4}}(?:-yil|-йил|\s*(?:yil|йил|жылы|жыл))\s*\d{{1,2}}-?\s*(?:{month})(?:da|ta|да|де|та|те)?"
        # Uyghur numbers the month like Mongolian: year, month, day, each with its word
        # ("1990-يىل 3-ئاينىڭ 12-كۈنى": of the year 1990, of the 3rd month, the 12th day).
        r"|\d{4}\s*-?\s*يىل(?:ى|ىنىڭ)?\s*\d{1,2}\s*-?\s*ئاي(?:نىڭ|ىنىڭ)?\s*\d{1,2}(?:\s*-?\s*كۈنى?)?"
        # Japan may write the era's year in brackets after the common era's ("1962年（昭和37年）9月1日").
        r"|\d{4}\s*[年년](?:\s*[（(](?:明治|大正|昭和|平成|令和)\s*(?:\d{1,2}|元)\s*年[）)])?"
        r"\s*\d{1,2}\s*[月월](?:\s*\d{1,2}\s*[日일]?)?"
        # Japanese era years: "昭和60年4月3日", "平成元年".
        r"|(?:明治|大正|昭和|平成|令和)\s*(?:\d{1,2}|元)\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
        # The Republic of China's era (Taiwan): "民國79年5月3日".
        r"|(?:民國|民国)\s*\d{1,3}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
        # Khmer "ថ្ងៃទី១២ ខែមីនា ឆ្នាំ១៩៩០" and Myanmar "၁၉၉၀ ခုနှစ် မတ်လ ၁၂ ရက်" (digits read as ASCII).
        rf"|(?:ថ្ងៃទី\s*)?\d{{1,2}}\s*(?:{month})\s*ឆ្នាំ\s*\d{{4}}"
        # Myanmar may end the year with its comma "၊" and leave out the day's word "ရက်".
        rf"|\d{{4}}\s*ခုနှစ်\s*[,၊]?\s*(?:{month})\s*လ?\s*\d{{1,2}}(?:\s*ရက်(?:နေ့)?)?"
        # Ethiopian calendar: "መጋቢት 3 ቀን 1979 ዓ.ም." (month, day, "day", year, "year of mercy").
        rf"|(?:{month})\s+\d{{1,2}}\s+ቀን\s+\d{{4}}(?:\s*ዓ\.ም\.?)?"
        # Hebrew calendar in letters: day, month with "ב", year ("ה' בטבת תש\"ט").
        r"|[א-ת]{1,2}['׳]\s+ב?(?:תשרי|חשוון|חשון|כסלו|טבת|שבט|אדר(?:\s+[אב]['׳])?|ניסן|אייר|סיוון|סיון|תמוז|אב|אלול)"
        r"\s+ה?[א-ת]{1,3}[\"״][א-ת]"
        r"|(?:ngày\s+)?\d{1,2}\s+tháng\s+\d{1,2},?\s+năm\s+\d{4}"
        # a month and a year ("March 1951", "03/1951")
        rf"|(?:{month}),?\s+(?:de\s+)?\d{{4}}|(?:0?[1-9]|1[0-2])/\d{{4}})"
        # A year marker written after the date: "2 лютого 1959 р.", "1960 г.".
        # Nepal's Bikram Sambat era ("२०४२/०५/१६ वि.सं.") and the common era ("ई.सं.") after the date;
        # the Hijri year's mark "هـ" (read without its tatweel: "ه").
        r"(?:\s?(?:р\.|г\.|року|года|r\.|m\.|god\.|godine|թ\.|[वब]ि\.\s?सं\.|ई\.\s?सं\.|ه)(?!\w)"
        rf"|{_YEAR_MARK})?"
    )


def load_birth_patterns(path: Path = DATES_FILE) -> BirthPatterns:
    data = parse_yaml(path.read_text(encoding="utf-8"))
    right_before = [str(c) for c in data.get("cues_right_before") or ()]
    before_cues = [
        _first_and_cue(c) for c in sorted([*data["cues_before"], *right_before], key=len, reverse=True)
    ]
    after_cues = [_first_and_cue(c) for c in sorted(data["cues_after"], key=len, reverse=True)]
    date = _date_pattern(data["months"].split())
    # Not inside a longer number or word; ideographs may touch the date ("生于1980年7月12日").
    # Not inside a longer number or word; ideographs may touch the date ("生于1980年7月12日").
    # A hyphen may join a date to a Hebrew preposition ("נולדה ב-12/03/1951"), not to a number.
    bounded = rf"(?<![0-9A-Za-zÀ-ÿ/.])(?<![0-9A-Za-zÀ-ÿ/.]-){date}(?![0-9A-Za-zÀ-ÿ/-])"
    return BirthPatterns(
        gate=CueGate.of([*data["cues_before"], *right_before, *data["cues_after"]]),
        before=CueAlternation(before_cues),
        after=CueAlternation(after_cues),
        date=re.compile(rf"(?i:{bounded})"),
        # Before a cue written after it, a year alone is a birth year too ("1938 г. р.").
        date_before=re.compile(rf"(?i:(?<![0-9A-Za-zÀ-ÿ/.-])({date}|{_YEAR_WORD}|{_ERA_YEAR})\s*,?\s*)$"),
        year=re.compile(
            rf"[^\d\n.;:]{{0,12}}?(?<![0-9A-Za-zÀ-ÿ/.-])((?:{_YEAR})(?:\s?ዓ\.ም\.?)?)(?![0-9A-Za-zÀ-ÿ/-])"
        ),
        window=int(data["window"]),
        before_in_word=CueAlternation(_in_word(before_cues)),
        after_in_word=CueAlternation(_in_word(after_cues)),
        right_before=frozenset(c.lower() for c in right_before)
        - {str(c).lower() for c in data["cues_before"]},
        months=frozenset(m.lower() for m in data["months"].split()),
        glued=frozenset(str(c).lower() for c in data.get("cues_after_glued") or ()),
        age=_age_pattern(str(data.get("age_words") or "").split()),
        closed_year=re.compile(rf"(?:{_YEAR})(?=\s*(?:[),;]|$))"),
        glued_date=re.compile(rf"(?i:{date}(?![0-9A-Za-zÀ-ÿ/-]))"),
    )


def _age_pattern(words: list[str]) -> re.Pattern[str]:
    """An age written before a birth date: a number, maybe a word for years (and "old"), then a
    comma or the date's bracket ("Ann Lee, 34, 12/03/1990", "Ruth Gray, 67 (04.05.1957)", "Ann Lee
    (34), …"): a list of persons writes name, age, birth date."""
    word = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) or "(?!)"
    return re.compile(
        rf"(?i:\d{{1,3}}(?:[ \t]*(?:{word})(?:[ \t]+(?:{word}))?(?!\w))?\)?[ \t]*(?:[,;][ \t]*\(?|\()[ \t]*)"
    )


def _in_word(cues: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The cue patterns, in order, that can match right after a word character."""
    return [(first, cue) for first, cue in cues if not cue.startswith(_NOT_AFTER_WORD)]


def _first_and_cue(phrase: str) -> tuple[str, str]:
    """A cue's pattern with the first letter it consumes (its first word's)."""
    return phrase.split()[0][0], _cue(phrase)


_NOT_AFTER_WORD = r"(?<!\w)"
_WORD_CHAR_RE = re.compile(r"\w")


@cache
def bundled_birth_patterns() -> BirthPatterns:
    return load_birth_patterns()


def find_dates_of_birth(
    text: str, lower: str | None = None, patterns: BirthPatterns | None = None
) -> Iterator[Detection]:
    """Dates next to a birth cue in any report language (dates_of_birth.yaml), and dates in a
    table's column headed by one (dates_in_birth_columns)."""
    rules = patterns if patterns is not None else bundled_birth_patterns()
    cued = list(_cued_dates(text, lower, rules))
    yield from cued
    if _OCR_DATE_RE.search(text) is not None:
        yield from _ocr_dates(text, rules)
    if "*" in text:
        taken = {d.start for d in cued}
        yield from (d for d in _starred_dates(text, rules) if d.start not in taken)
    if "|" in text or "\t" in text:
        # a date found beside its cue (a head cell within the window) is not found twice
        spans = {(d.start, d.end) for d in cued}
        yield from (d for d in dates_in_birth_columns(text, rules) if (d.start, d.end) not in spans)


# A date in figures read by OCR with a letter for a digit: "O" or "o" for 0, "l" or "I" for 1
# ("12.O8.2001", "0l.04.1949", "1957.O3.18"); most of its characters still digits.
# The lookaheads look no further than a date reaches (12 characters): unbounded, they read a long
# run of digits again from each place, and a hostile text of digits took seconds.
_OCR_DATE_RE = re.compile(
    r"(?<![\w.])(?=[\dOolI]{0,3}\d[\dOolI]{0,3}[./-])(?=[^\s]{0,11}[OolI])"
    r"[\dOolI]{1,4}[./-][\dOolI]{1,2}[./-][\dOolI]{2,4}(?![\w])"
)
_OCR_DIGITS = str.maketrans("OolI", "0011")
_OCR_MIN_DIGITS = 5


def _ocr_dates(text: str, rules: BirthPatterns) -> Iterator[Detection]:
    """Dates after a birth cue that OCR wrote with a letter for a digit: read with the letters as
    the digits they stand for (the same length, so every offset holds)."""
    runs = [
        m.span()
        for m in _OCR_DATE_RE.finditer(text)
        if sum(ch.isdigit() for ch in m.group()) >= _OCR_MIN_DIGITS
    ]
    if not runs:
        return
    chars = list(text)
    for start, end in runs:
        chars[start:end] = text[start:end].translate(_OCR_DIGITS)
    read = "".join(chars)
    for det in _cued_dates(read, None, rules):
        if any(det.start < end and start < det.end for start, end in runs):
            yield det


def _cued_dates(text: str, lower: str | None, rules: BirthPatterns) -> Iterator[Detection]:
    lowered = text.lower() if lower is None or len(lower) != len(text) else lower
    end = 0
    for at in rules.gate.positions(lowered):
        if at < end:
            continue
        # Most places the gate finds are inside a word, where a cue that starts "(?<!\w)" cannot be.
        in_word = at > 0 and _WORD_CHAR_RE.match(text, at - 1) is not None
        # A cue after its date first: "1956年3月17日出生，…" is that date, whatever date comes next.
        cue = (rules.after_in_word if in_word else rules.after).match(text, at)
        if cue is not None:
            found = rules.date_before.search(text, max(0, cue.start() - rules.window), cue.start())
            if found is not None:
                end = cue.end()
                # A year alone is masked with its cue: "1938 г. р." says when the person was born.
                # So is a year of an era ("民國79年次").
                year = found.group(1)
                stop = cue.end() if year.isdigit() or _ERA_YEAR_RE.fullmatch(year) else found.end(1)
                if found.end() == cue.start() and cue.group().lower() in rules.glued:
                    stop = cue.end()
                yield Detection(found.start(1), stop, DATE_OF_BIRTH)
                continue
        cue = (rules.before_in_word if in_word else rules.before).match(text, at)
        if cue is None:
            continue
        if rules.right_before and cue.group().lower() in rules.right_before:
            # Right after a number the abbreviation is its unit ("500 р. 12.03.2024": roubles);
            # capitalized it is a street's type ("R. Augusta, 1508", Portuguese "Rua"), not "born";
            # an initialism in capitals without a full stop is no street's type ("ДР 14.02.1979").
            if _AFTER_NUMBER_RE.search(text, max(0, at - 3), at) or not _birth_abbreviation(cue.group()):
                continue
            at = cue.end() + (text[cue.end() : cue.end() + 1] == " ")
            date = (
                _date_at_cue(text, cue, rules)
                or rules.date.match(text, at)
                or rules.closed_year.match(text, at)
            )
            if date is not None:
                end = date.end()
                yield Detection(date.start(), date.end(), DATE_OF_BIRTH)
            continue
        # From the cue's start: a cue may end with the date's own first word (Khmer "កើតថ្ងៃទី",
        # born on the day no.), which the date then keeps.
        date = _date_at_cue(text, cue, rules) or rules.date.search(
            text, cue.start(), cue.end() + rules.window
        )
        if date is not None and date.end() > cue.end():
            end = date.end()
            yield Detection(date.start(), date.end(), DATE_OF_BIRTH)
            continue
        year = rules.year.match(text, cue.end())
        if year is not None:
            end = year.end()
            yield Detection(year.start(1), year.end(1), DATE_OF_BIRTH)


_AFTER_NUMBER_RE = re.compile(r"\d[ \t\u00a0]?$")
# The genealogical star for "born", written after a name in brackets or after its comma ("Jan Wolf
# (* 4. 2. 1971)", "Wolf, Jan, *4.2.1971"), as German, Czech, Polish and Nordic texts write it; a
# star elsewhere (a list's bullet, a footnote, emphasis) is none.
_STAR_RE = re.compile(r"(?:(?<=\()|(?<=[,;][ ]))\*[ \t]?(?=\d)")


def _starred_dates(text: str, rules: BirthPatterns) -> Iterator[Detection]:
    for star in _STAR_RE.finditer(text):
        date = rules.glued_date.match(text, star.end())
        if date is not None:
            yield Detection(date.start(), date.end(), DATE_OF_BIRTH)


def _date_at_cue(text: str, cue: re.Match[str], rules: BirthPatterns) -> re.Match[str] | None:
    """A date glued to a cue's full stop ("(b.1988-04-02)", "geb.30.11.1952"), which the date
    pattern's own bound (no full stop before a date: "1.12.03.1990" is none) would refuse."""
    if not cue.group().endswith("."):
        return None
    return rules.glued_date.match(text, cue.end())


def _birth_abbreviation(cue: str) -> bool:
    """A right-before cue as a birth abbreviation writes it: in lower case ("р.", "s."), or as an
    initialism of two capitals or more without a full stop ("ДР")."""
    return cue.islower() or (cue.isupper() and len(cue) > 1 and "." not in cue)


# What a table writes between its cells: a pipe (Markdown, a pasted grid) or a tab (a spreadsheet).
_CELL_SEPARATORS = ("|", "\t")
_HEAD_END = " \t:：.*"


def _cells(line: str, at: int, sep: str) -> list[tuple[int, int]]:
    """The cells of a table's line starting at `at`, as spans without their blanks."""
    cells: list[tuple[int, int]] = []
    start = 0
    for value in line.split(sep):
        lead = len(value) - len(value.lstrip())
        cells.append((at + start + lead, at + start + len(value.rstrip())))
        start += len(value) + 1
    return cells


def _birth_head(text: str, start: int, end: int, rules: BirthPatterns) -> bool:
    """Whether a table's head cell is a birth cue alone ("DOB", "Geburtsdatum", "Дата рождения:")."""
    head = text[start:end].rstrip(_HEAD_END)
    if not head or not rules.gate.open(head.lower()):
        return False
    cue = rules.before.fullmatch(head) or rules.after.fullmatch(head)
    return cue is not None


def dates_in_birth_columns(text: str, patterns: BirthPatterns | None = None) -> Iterator[Detection]:
    """Dates in a table's column headed by a birth cue ("| Name | DOB |" or tab-separated cells,
    then a row per person): the column's head says what each date below it is, as a cue beside
    it would. The table goes on while its lines hold the separator."""
    rules = patterns if patterns is not None else bundled_birth_patterns()
    for sep in _CELL_SEPARATORS:
        if sep not in text:
            continue
        columns: list[int] = []
        at = 0
        for line in text.split("\n"):
            if sep not in line:
                columns = []
            else:
                cells = _cells(line, at, sep)
                heads = [i for i, (start, end) in enumerate(cells) if _birth_head(text, start, end, rules)]
                if heads:
                    columns = heads
                else:
                    for i in columns:
                        if i >= len(cells):
                            continue
                        start, end = cells[i]
                        date = rules.date.match(text, start, end)
                        if date is not None and date.end() == end:
                            yield Detection(start, end, DATE_OF_BIRTH)
            at += len(line) + 1


# Between a person's name or identity number and a date written right after it: a comma, an
# opening bracket or a space ("Jana Nováková, 12.03.1961", "… 34 875 071 965, 19.02.1990").
_BESIDE_RE = re.compile(r"[ \t]*[,(（][ \t]*|[ \t]+")
_NUMBER_GROUP_RE = re.compile(r"\d+")
_ERAS = "明大昭平令民"


def _month_at(text: str, at: int, rules: BirthPatterns) -> bool:
    """A month's name starts at `at` ("March 3, 1985" after a name, as English writes it)."""
    word = _LETTERS_RE.match(text, at)
    return word is not None and word.group().rstrip(".").lower() in rules.months


_LETTERS_RE = re.compile(r"[^\W\d_]+")


# A time of day right after a date ("14.03.24 08:12", "5 May 2024, 8:17 a.m."): a message's or a
# header's timestamp beside its sender's name, no birth date.
_TIME_AFTER_RE = re.compile(r",?[ \t]+\d{1,2}[:.h]\d{2}(?!\d)")


def dates_beside_persons(
    text: str, found: Iterable[Detection], patterns: BirthPatterns | None = None
) -> Iterator[Detection]:
    """A full date written right after a person's name or identity number, with only a comma, a
    bracket or a space between, is that person's date of birth: a report lists a person as name,
    birth date, id and address, while an event's date stands with a verb or a preposition ("on",
    "am", "le"). Only dates with a day or month and a year (two numbers at least); a month may be
    written first by its name ("John Doe, March 3, 1985")."""
    rules = patterns if patterns is not None else bundled_birth_patterns()
    for det in found:
        if det.kind not in (PERSON, NATIONAL_ID):
            continue
        gap = _BESIDE_RE.match(text, det.end)
        if gap is None:
            continue
        # Only a date starting with a digit, an era's name or a month's: one regular-expression
        # match per name costs more than all the rest of this detector.
        at = gap.end()
        age = rules.age.match(text, at) if text[at : at + 1].isdigit() else None
        if age is not None and (
            text[age.end() : age.end() + 1].isdigit() or _month_at(text, age.end(), rules)
        ):
            at = age.end()
        first = text[at : at + 1]
        if not first or not (first.isdigit() or first in _ERAS or _month_at(text, at, rules)):
            continue
        date = rules.date.match(text, at)
        if (
            date is not None
            and len(_NUMBER_GROUP_RE.findall(date.group())) >= 2
            and _TIME_AFTER_RE.match(text, date.end()) is None
        ):
            yield Detection(date.start(), date.end(), DATE_OF_BIRTH)
