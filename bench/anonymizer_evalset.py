"""A labelled multilingual evaluation set for the anonymizer, generated (deterministic seed).

Narratives in English, French, German, Spanish, Italian, Portuguese and Dutch name victims and
witnesses from anywhere, with their street addresses, phone numbers, e-mail addresses, social
handles, identity numbers and IBANs; next to them stand what must survive (decoys): offender
infrastructure, place names in any script, brands, malware and ATT&CK techniques, amounts, dates
and case numbers.

Where the values come from, so that recall is not measured on the detector's own lists (the
detector's names are Faker's, its places pycountry's and GeoNames'):
- person names: mimesis (its own per-locale name lists) and a second source: given names of
  Latin-script countries, Turkey and Vietnam from Jörg Michael's nam_dict (package gender-guesser)
  with hand-written common surnames, and hand-written Hebrew and Devanagari names (both in the
  YAML file); Cyrillic, Greek, Arabic, Persian, Chinese, Japanese and Korean names come from
  mimesis only, Vietnamese, Hebrew and Devanagari names from the second source only;
- addresses: mimesis and Faker's address providers (street names and formats per locale; the
  detector uses no list of street names);
- phones: mimesis and phonenumbers' example numbers, written in many ways; identity numbers
  built for each country and checked with python-stdnum; e-mails and handles from mimesis.

"""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import phonenumbers
import regex
import yaml
from faker import Faker
from mimesis import Address, Person
from mimesis.locales import Locale
from stdnum import luhn

SEED = 20261205
_TEXT = yaml.safe_load((Path(__file__).with_suffix(".yaml")).read_text(encoding="utf-8"))
TEMPLATES: dict[str, list[str]] = _TEXT["templates"]
DECOYS: dict[str, list[str]] = _TEXT["decoys"]
TITLES: dict[str, list[str]] = _TEXT["titles"]
PARTICLES: list[str] = _TEXT["particles"]


@dataclass(frozen=True)
class Planted:
    kind: str  # PERSON, ADDRESS, PHONE, EMAIL, HANDLE, NATIONAL-ID, IBAN
    script: str  # latin, latin-upper, cyrillic, han, ... (or the written form for numbers)
    source: str  # mimesis, nam_dict+hand, hand, faker-address, phonenumbers, stdnum-built
    start: int
    end: int
    detail: str = ""  # country or variant


@dataclass(frozen=True)
class Decoy:
    kind: str
    start: int
    end: int


@dataclass
class Sample:
    lang: str
    text: str
    planted: list[Planted] = field(default_factory=list)
    decoys: list[Decoy] = field(default_factory=list)
    # Text around a planted value that may be redacted with it (a city after a street line).
    context: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Value:
    kind: str
    script: str
    source: str
    text: str
    detail: str = ""
    tail: str = ""  # context written after it (", 75002 Paris")


# --- person names ---------------------------------------------------------------------------------

_SCRIPT_RES = {
    "cyrillic": regex.compile(r"^[\p{Cyrillic}\s'’-]+$"),
    "greek": regex.compile(r"^[\p{Greek}\s'’-]+$"),
    "arabic": regex.compile(r"^[\p{Arabic}\s]+$"),
    "hebrew": regex.compile(r"^[\p{Hebrew}\s'\"-]+$"),
    "devanagari": regex.compile(r"^[\p{Devanagari}\s]+$"),
    "han": regex.compile(r"^\p{Han}+$"),
    "japanese": regex.compile(r"^[\p{Han}\p{Hiragana}\p{Katakana}ー]+$"),
    "hangul": regex.compile(r"^\p{Hangul}+$"),
    "latin": regex.compile(r"^[\p{Latin}'’-]+(?: [\p{Latin}'’-]+)?$"),
}
_MIMESIS_NAME_LOCALES = {
    "latin": [
        "en",
        "fr",
        "de",
        "es",
        "it",
        "pl",
        "cs",
        "nl",
        "pt",
        "hu",
        "fi",
        "sv",
        "da",
        "no",
        "hr",
        "sk",
        "et",
    ],
    "turkish": ["tr"],
    "cyrillic": ["ru", "uk", "kk"],
    "greek": ["el"],
    "arabic": ["ar-ae", "ar-dz", "ar-eg", "ar-jo", "ar-sy"],
    "persian": ["fa"],
    "han": ["zh"],
    "japanese": ["ja"],
    "hangul": ["ko"],
}
_HAND_NAMES: dict[str, Any] = _TEXT["hand_names"]
_NAM_DICT_COLUMNS: list[str] = _HAND_NAMES["nam_dict_columns"]
_NAM_DICT_MIN_FREQUENCY = 5  # hexadecimal 1..D per country; 5 and up = fairly common there
_NAM_DICT_OFFSET = 30  # first frequency column of a line


@cache
def _nam_dict_given_names() -> dict[str, list[str]]:
    """nam_dict country column -> fairly common given names there (plain letters only)."""
    text = (resources.files("gender_guesser") / "data" / "nam_dict.txt").read_text(encoding="utf-8")
    wanted = {c for cols in _HAND_NAMES["nam_dict_cells"].values() for c in cols}
    result: dict[str, set[str]] = {c: set() for c in wanted}
    for line in text.splitlines():
        if not line or line[0] in "#=":
            continue
        name = line.split()[1]
        if not regex.fullmatch(r"\p{L}+", name):
            continue  # compounds (+) and nam_dict's escape codes for rare letters
        for index, mark in enumerate(line[_NAM_DICT_OFFSET:]):
            if index >= len(_NAM_DICT_COLUMNS):
                break
            column = _NAM_DICT_COLUMNS[index]
            if column in wanted and mark.isalnum() and int(mark, 16) >= _NAM_DICT_MIN_FREQUENCY:
                result[column].add(name)
    return {c: sorted(names) for c, names in result.items()}


def _join(cell: str, first: str, last: str, rng: random.Random) -> str:
    if cell == "han" or cell == "hangul":
        return last + first
    if cell == "vietnamese":
        return f"{last} {first}"
    if cell == "japanese":
        return f"{last} {first}" if rng.random() < 0.5 else last + first
    return f"{first} {last}"


def _mimesis_names(cell: str, rng: random.Random, count: int) -> Iterator[Value]:
    locales = _MIMESIS_NAME_LOCALES.get(cell, [])
    for i in range(count if locales else 0):
        person = Person(Locale(locales[i % len(locales)]), seed=rng.randrange(2**31))
        first, last = person.first_name(), person.last_name()
        yield Value("PERSON", cell, "mimesis", _join(cell, first, last, rng), locales[i % len(locales)])


def _second_source_names(cell: str, rng: random.Random, count: int) -> Iterator[Value]:
    """nam_dict given names + hand-written surnames, or hand-written names only (see the YAML)."""
    columns = _HAND_NAMES["nam_dict_cells"].get(cell)
    written = _HAND_NAMES["written"].get(cell)
    for i in range(count if columns or written else 0):
        if columns:
            country = columns[i % len(columns)]
            first = rng.choice(_nam_dict_given_names()[country])
            last = rng.choice(_HAND_NAMES["surnames"][country])
            yield Value("PERSON", cell, "nam_dict+hand", _join(cell, first, last, rng), country)
        else:
            first, last = rng.choice(written["given"]), rng.choice(written["surnames"])
            yield Value("PERSON", cell, "hand", _join(cell, first, last, rng), cell)


def person_values(rng: random.Random, per_source: int) -> list[Value]:
    values: list[Value] = []
    second = set(_HAND_NAMES["nam_dict_cells"]) | set(_HAND_NAMES["written"])
    for cell in sorted(set(_MIMESIS_NAME_LOCALES) | second):
        values.extend(_mimesis_names(cell, rng, per_source))
        values.extend(_second_source_names(cell, rng, per_source))
    latin = [v for v in values if v.script == "latin"]
    for i, base in enumerate(latin):
        first, _, last = base.text.partition(" ")
        variant = i % 4
        if variant == 0:
            values.append(Value("PERSON", "latin-upper", base.source, base.text.upper(), base.detail))
        elif variant == 1:
            values.append(Value("PERSON", "latin-lower", base.source, base.text.lower(), base.detail))
        elif variant == 2 and last:
            particle = PARTICLES[i % len(PARTICLES)]
            joined = f"{particle}{last}" if particle.endswith("-") else f"{particle} {last}"
            values.append(Value("PERSON", "latin-particle", base.source, f"{first} {joined}", base.detail))
        elif last:
            values.append(Value("PERSON", "latin-titled", base.source, last, base.detail))
    return values


# --- addresses -------------------------------------------------------------------------------------

_FAKER_ADDRESS_LOCALES = [
    "en_US",
    "en_GB",
    "en_IE",
    "en_IN",
    "fr_FR",
    "de_DE",
    "de_AT",
    "de_CH",
    "es_ES",
    "es_MX",
    "it_IT",
    "pt_PT",
    "pt_BR",
    "nl_NL",
    "nl_BE",
    "pl_PL",
    "cs_CZ",
    "sk_SK",
    "hu_HU",
    "da_DK",
    "sv_SE",
    "no_NO",
    "fi_FI",
    "el_GR",
    "ru_RU",
    "uk_UA",
    "ko_KR",
    "hi_IN",
    "he_IL",
    "hr_HR",
    "sl_SI",
    "id_ID",
    "vi_VN",
    "th_TH",
    "ka_GE",
    "hy_AM",
]
_MIMESIS_ADDRESS_LOCALES = [loc.value for loc in Locale]
_SCRIPT_OF = [
    ("cyrillic", regex.compile(r"\p{Cyrillic}")),
    ("greek", regex.compile(r"\p{Greek}")),
    ("hebrew", regex.compile(r"\p{Hebrew}")),
    ("arabic", regex.compile(r"\p{Arabic}")),
    ("devanagari", regex.compile(r"\p{Devanagari}")),
    ("hangul", regex.compile(r"\p{Hangul}")),
    ("japanese", regex.compile(r"[\p{Hiragana}\p{Katakana}]")),
    ("han", regex.compile(r"\p{Han}")),
    ("thai", regex.compile(r"\p{Thai}")),
    ("georgian", regex.compile(r"\p{Georgian}")),
    ("armenian", regex.compile(r"\p{Armenian}")),
]


def script_of(text: str) -> str:
    for name, pattern in _SCRIPT_OF:
        if pattern.search(text):
            return name
    return "latin"


def address_values(rng: random.Random, per_locale: int) -> list[Value]:
    values: list[Value] = []
    for locale in _FAKER_ADDRESS_LOCALES:
        fake = Faker(locale)
        fake.seed_instance(rng.randrange(2**31))
        for provider in fake.get_providers():
            # Some locales (it_IT) build their city list from a set: sorted, the city drawn no
            # longer depends on the interpreter's hash seed.
            if isinstance(getattr(provider, "cities", None), list):
                provider.cities = sorted(provider.cities)
        for _ in range(per_locale):
            street = fake.street_address()
            tail = f", {fake.postcode()} {fake.city()}" if rng.random() < 0.5 else f", {fake.city()}"
            values.append(Value("ADDRESS", script_of(street), "faker-address", street, locale, tail))
    for locale in _MIMESIS_ADDRESS_LOCALES:
        address = Address(Locale(locale), seed=rng.randrange(2**31))
        for _ in range(per_locale):
            street = address.address()
            tail = f", {address.city()}" if rng.random() < 0.7 else ""
            values.append(Value("ADDRESS", script_of(street), "mimesis", street, locale, tail))
    return values


# --- phones, e-mails, handles ------------------------------------------------------------------------

_PHONE_REGIONS = [
    "US",
    "GB",
    "FR",
    "DE",
    "ES",
    "IT",
    "NL",
    "BE",
    "PT",
    "PL",
    "CZ",
    "SE",
    "NO",
    "DK",
    "FI",
    "AT",
    "CH",
    "IE",
    "GR",
    "TR",
    "RU",
    "UA",
    "IN",
    "CN",
    "JP",
    "KR",
    "BR",
    "MX",
    "IL",
    "AE",
    "SA",
    "EG",
    "MA",
    "NG",
    "ZA",
    "AU",
]
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def phone_values(rng: random.Random, count: int) -> list[Value]:
    values: list[Value] = []
    types = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)
    formats = ["international", "national", "e164", "00", "trunk", "ext", "dots", "arabic-indic"]
    for i in range(count):
        region = _PHONE_REGIONS[i % len(_PHONE_REGIONS)]
        example = phonenumbers.example_number_for_type(region, types[i % 2])
        if example is None:
            continue
        # Vary the last digits so that values differ; keep the number valid for its region.
        national = str(example.national_number)
        for _ in range(20):
            digits = national[:-3] + f"{rng.randrange(1000):03d}"
            number = phonenumbers.parse("+" + str(example.country_code) + digits)
            if phonenumbers.is_valid_number(number):
                break
        else:
            number = example
        style = formats[i % len(formats)]
        intl = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        nat = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        text = {
            "international": intl,
            "national": nat,
            "e164": phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
            "00": "00" + intl[1:],
            "trunk": intl.replace(" ", " (0)", 1) if region in ("GB", "DE", "AT", "CH", "NL", "BE") else nat,
            "ext": f"{nat} ext. {rng.randrange(10, 999)}",
            "dots": intl.replace(" ", "."),
            "arabic-indic": intl.translate(_ARABIC_INDIC),
        }[style]
        script = "arabic-indic" if style == "arabic-indic" else "latin"
        values.append(Value("PHONE", script, "phonenumbers", text, f"{region}/{style}"))
    mimesis_locales = [
        "en",
        "fr",
        "de",
        "es",
        "it",
        "pt",
        "ru",
        "el",
        "ja",
        "tr",
        "pl",
        "cs",
        "nl",
        "sv",
        "uk",
    ]
    for i in range(count // 2):
        locale = mimesis_locales[i % len(mimesis_locales)]
        text = Person(Locale(locale), seed=rng.randrange(2**31)).telephone()
        values.append(Value("PHONE", "latin", "mimesis", text, locale))
    return values


def _obfuscate(email: str, style: int) -> tuple[str, str]:
    local, _, domain = email.partition("@")
    host, _, tld = domain.rpartition(".")
    return [
        (email, "plain"),
        (f"{local} [at] {host} [dot] {tld}", "[at]"),
        (f"{local} (at) {host} (dot) {tld}", "(at)"),
        (f"{local.upper()} AT {host.upper()} DOT {tld.upper()}", "AT/DOT"),
        (f"{local} [at] {host} dot {tld}", "[at]-dot"),
        (f"{local}@{host}[.]{tld}", "[.]"),
    ][style % 6]


def contact_values(rng: random.Random, count: int) -> list[Value]:
    values: list[Value] = []
    locales = ["en", "fr", "de", "es", "it", "pt", "nl", "pl"]
    for i in range(count):
        person = Person(Locale(locales[i % len(locales)]), seed=rng.randrange(2**31))
        text, style = _obfuscate(person.email(), i)
        values.append(Value("EMAIL", "latin", "mimesis", text, style))
        handle = person.username(mask="l_d" if i % 2 else "l.d")
        # The platform name before a handle is context; the template filler writes it.
        prefix, at = [
            ("", "@"),
            ("Instagram: ", ""),
            ("Telegram: ", "@"),
            ("TikTok ", "@"),
            ("on Telegram as ", ""),
        ][i % 5]
        values.append(Value("HANDLE", "latin", "mimesis", at + handle, prefix))
    return values


# --- identity numbers ----------------------------------------------------------------------------------


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _date6(rng: random.Random, order: str = "ymd") -> str:
    y, m, d = rng.randrange(40, 99), rng.randrange(1, 13), rng.randrange(1, 29)
    parts = {"y": f"{y:02d}", "m": f"{m:02d}", "d": f"{d:02d}"}
    return "".join(parts[c] for c in order)


def _until_valid(make: Callable[[], str], module: Any, tries: int = 2000) -> str:
    for _ in range(tries):
        value = make()
        if module.is_valid(value):
            return str(value)
    raise RuntimeError(f"no valid value for {module.__name__}")


def _id_makers(rng: random.Random) -> dict[str, Callable[[], str]]:
    from stdnum import verhoeff
    from stdnum.be import nn
    from stdnum.bg import egn
    from stdnum.br import cpf
    from stdnum.ch import ssn as ch_ssn
    from stdnum.cn import ric
    from stdnum.cz import rc
    from stdnum.de import idnr
    from stdnum.dk import cpr
    from stdnum.ee import ik
    from stdnum.es import dni, nie
    from stdnum.fi import hetu
    from stdnum.fr import nir
    from stdnum.gr import amka
    from stdnum.hr import oib
    from stdnum.ie import pps
    from stdnum.in_ import aadhaar
    from stdnum.it import codicefiscale
    from stdnum.kr import rrn
    from stdnum.mx import curp
    from stdnum.nl import bsn
    from stdnum.no import fodselsnummer
    from stdnum.pl import pesel
    from stdnum.pt import cc
    from stdnum.ro import cnp
    from stdnum.se import personnummer
    from stdnum.tr import tckimlik
    from stdnum.us import ssn
    from stdnum.za import idnr as za_id

    up = string.ascii_uppercase

    def nino() -> str:
        first = rng.choice("ABCEGHJKLMNOPRSTWXYZ")
        second = rng.choice("ABCEGHJKLMNPRSTWXYZ")
        body = _digits(rng, 6)
        spaced = rng.random() < 0.5
        tail = rng.choice("ABCD")
        return (
            f"{first}{second} {body[:2]} {body[2:4]} {body[4:]} {tail}"
            if spaced
            else f"{first}{second}{body}{tail}"
        )

    def grouped(value: str, sizes: tuple[int, ...], sep: str = " ") -> str:
        out, pos = [], 0
        for size in sizes:
            out.append(value[pos : pos + size])
            pos += size
        return sep.join(out)

    return {
        "GB": nino,
        "US": lambda: _until_valid(lambda: f"{_digits(rng, 3)}-{_digits(rng, 2)}-{_digits(rng, 4)}", ssn),
        "DE": lambda: _until_valid(
            lambda: grouped(_digits(rng, 11), (2, 3, 3, 3)) if rng.random() < 0.5 else _digits(rng, 11), idnr
        ),
        "FR": lambda: _until_valid(
            lambda: (
                (b := f"{rng.choice('12')}{_date6(rng, 'ym')[:4]}{rng.randrange(1, 96):02d}{_digits(rng, 6)}")
                + nir.calc_check_digits(b)
            ),
            nir,
        ),
        "ES": lambda: (b := _digits(rng, 8)) + dni.calc_check_digit(b),
        "ES-NIE": lambda: (b := rng.choice("XYZ") + _digits(rng, 7)) + nie.calc_check_digit(b),
        "IT": lambda: _until_valid(
            lambda: (
                (
                    b := "".join(rng.choice(up) for _ in range(6))
                    + _date6(rng)[:2]
                    + rng.choice("ABCDEHLMPRST")
                    + f"{rng.randrange(1, 29):02d}"
                    + rng.choice(up)
                    + _digits(rng, 3)
                )
                + codicefiscale.calc_check_digit(b)
            ),
            codicefiscale,
        ),
        "PL": lambda: _until_valid(
            lambda: (b := _date6(rng) + _digits(rng, 4)) + pesel.calc_check_digit(b), pesel
        ),
        "NL": lambda: _until_valid(lambda: _digits(rng, 9), bsn),
        "SE": lambda: _until_valid(
            lambda: (b := _date6(rng) + _digits(rng, 3)) and f"{b[:6]}-{b[6:]}{luhn.calc_check_digit(b)}",
            personnummer,
        ),
        "DK": lambda: _until_valid(lambda: f"{_date6(rng, 'dmy')}-{_digits(rng, 4)}", cpr),
        "NO": lambda: _until_valid(
            lambda: (
                (b := _date6(rng, "dmy") + _digits(rng, 3))
                + (c1 := fodselsnummer.calc_check_digit1(b))
                + fodselsnummer.calc_check_digit2(b + c1)
            ),
            fodselsnummer,
        ),
        "FI": lambda: _until_valid(
            lambda: f"{_date6(rng, 'dmy')}-{_digits(rng, 3)}{rng.choice('0123456789ABCDEFHJKLMNPRSTUVWXY')}",
            hetu,
            5000,
        ),
        "BE": lambda: _until_valid(
            lambda: (b := _date6(rng) + _digits(rng, 3)) + f"{97 - int(b) % 97:02d}", nn
        ),
        "CN": lambda: _until_valid(
            lambda: (b := "110105" + f"19{_date6(rng)}" + _digits(rng, 3)) + ric.calc_check_digit(b), ric
        ),
        "IN": lambda: grouped(
            _until_valid(
                lambda: (b := str(rng.randrange(2, 10)) + _digits(rng, 10)) + verhoeff.calc_check_digit(b),
                aadhaar,
            ),
            (4, 4, 4),
        ),
        "BR": lambda: cpf.format(_until_valid(lambda: _digits(rng, 11), cpf, 5000)),
        "MX": lambda: _until_valid(
            lambda: (
                (
                    b := "".join(rng.choice(up) for _ in range(4))
                    + _date6(rng)
                    + rng.choice("HM")
                    + "DF"
                    + "".join(rng.choice("BCDFGHJKLMNPRSTVXZ") for _ in range(3))
                    + "0"
                )
                + curp.calc_check_digit(b)
            ),
            curp,
        ),
        "RO": lambda: _until_valid(
            lambda: (b := rng.choice("12") + _date6(rng) + _digits(rng, 5)) + cnp.calc_check_digit(b), cnp
        ),
        "BG": lambda: _until_valid(
            lambda: (b := _date6(rng) + _digits(rng, 3)) + egn.calc_check_digit(b), egn
        ),
        "TR": lambda: _until_valid(
            lambda: (b := str(rng.randrange(1, 10)) + _digits(rng, 8)) + tckimlik.calc_check_digits(b),
            tckimlik,
        ),
        "KR": lambda: _until_valid(
            lambda: (
                (b := _date6(rng) + rng.choice("1234") + _digits(rng, 5))
                and f"{b[:6]}-{b[6:]}{rrn.calc_check_digit(b)}"
            ),
            rrn,
        ),
        "ZA": lambda: _until_valid(
            lambda: (b := _date6(rng) + _digits(rng, 4) + "08") + luhn.calc_check_digit(b), za_id
        ),
        "CH": lambda: _until_valid(
            lambda: (b := "756" + _digits(rng, 9)) and ch_ssn.format(b + _ean(b)), ch_ssn
        ),
        "PT": lambda: _until_valid(
            lambda: (
                (b := _digits(rng, 9) + rng.choice(up) + rng.choice(up))
                and cc.format(b + cc.calc_check_digit(b))
            ),
            cc,
        ),
        "IE": lambda: _until_valid(lambda: _digits(rng, 7) + rng.choice("ABCDEFGHIJKLMNOPQRSTUVW"), pps),
        "CZ": lambda: _until_valid(lambda: f"{_date6(rng)}/{_digits(rng, 4)}", rc, 20000),
        "GR": lambda: _until_valid(
            lambda: (b := _date6(rng, "dmy") + _digits(rng, 4)) + luhn.calc_check_digit(b), amka
        ),
        "HR": lambda: _until_valid(lambda: _digits(rng, 11), oib),
        "EE": lambda: _until_valid(
            lambda: (b := rng.choice("3456") + _date6(rng) + _digits(rng, 3)) + ik.calc_check_digit(b), ik
        ),
    }


def _ean(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return str((10 - total % 10) % 10)


def id_values(rng: random.Random, per_country: int) -> list[Value]:
    values: list[Value] = []
    for country, make in sorted(_id_makers(rng).items()):
        for _ in range(per_country):
            values.append(Value("NATIONAL-ID", "latin", "stdnum-built", make(), country))
    return values


def iban_values(rng: random.Random, count: int) -> list[Value]:
    values: list[Value] = []
    locales = [
        "de_DE",
        "fr_FR",
        "es_ES",
        "it_IT",
        "nl_NL",
        "pl_PL",
        "pt_PT",
        "en_GB",
        "de_AT",
        "fi_FI",
        "no_NO",
        "cs_CZ",
    ]
    for i in range(count):
        fake = Faker(locales[i % len(locales)])
        fake.seed_instance(rng.randrange(2**31))
        compact = fake.iban()
        grouped = " ".join(compact[j : j + 4] for j in range(0, len(compact), 4))
        style = i % 3
        text = [compact, grouped, grouped[:14] + "\n" + grouped[15:]][style]
        values.append(Value("IBAN", "latin", "faker-bank", text, ["compact", "grouped", "line-break"][style]))
    return values


# --- narratives --------------------------------------------------------------------------------------


def _decoy(kind: str, rng: random.Random) -> str:
    if kind == "WALLET":
        alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
        return "bc1q" + "".join(rng.choice(alphabet) for _ in range(38))
    if kind == "HASH":
        return "".join(rng.choice("0123456789abcdef") for _ in range(64))
    if kind == "AMOUNT":
        return f"{rng.randrange(100, 99000):,} EUR"
    if kind == "REF":
        return (
            rng.choice(["case ", "ref. ", "Az. ", "dossier "])
            + f"{rng.randrange(2019, 2026)}/{rng.randrange(100, 9999)}"
        )
    if kind == "DATE":
        return f"{rng.randrange(2019, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    if kind == "PLACE":
        locale = rng.choice([loc.value for loc in Locale])
        address = Address(Locale(locale), seed=rng.randrange(2**31))
        return address.city() if rng.random() < 0.6 else address.country()
    return rng.choice(DECOYS[kind])


_VALUE_SLOTS = ("P1", "P2", "ADDR", "CONTACT", "ID")


def _fill(template: str, slots: dict[str, Value | None], lang: str, rng: random.Random) -> Sample:
    sample = Sample(lang, "")
    parts: list[str] = []
    pos = 0
    cursor = 0
    while True:
        open_ = template.find("{", cursor)
        if open_ < 0:
            parts.append(template[cursor:])
            break
        close = template.index("}", open_)
        parts.append(template[cursor:open_])
        pos += len(template[cursor:open_])
        slot = template[open_ + 1 : close]
        cursor = close + 1
        value = slots.get(slot)
        if slot not in _VALUE_SLOTS:
            text = _decoy(slot, rng)
            sample.decoys.append(Decoy(slot, pos, pos + len(text)))
            parts.append(text)
            pos += len(text)
            continue
        if value is None:
            raise KeyError(slot)
        prefix = ""
        if value.script == "latin-titled":
            prefix = rng.choice(TITLES[lang]) + " "
        elif value.kind == "HANDLE":
            prefix = value.detail
        parts.append(prefix)
        pos += len(prefix)
        sample.planted.append(
            Planted(value.kind, value.script, value.source, pos, pos + len(value.text), value.detail)
        )
        parts.append(value.text)
        pos += len(value.text)
        if value.tail:
            sample.context.append((pos, pos + len(value.tail)))
            parts.append(value.tail)
            pos += len(value.tail)
    sample.text = "".join(parts)
    return sample


def generate(seed: int = SEED, scale: int = 1) -> list[Sample]:
    """The evaluation set: about 1,500 samples and 8,000 planted values at scale 1."""
    rng = random.Random(seed)
    persons = person_values(rng, 60 * scale)
    addresses = address_values(rng, 6 * scale)
    contacts = phone_values(rng, 160 * scale) + contact_values(rng, 120 * scale)
    ids = id_values(rng, 12 * scale) + iban_values(rng, 60 * scale)
    for pool in (persons, addresses, contacts, ids):
        rng.shuffle(pool)
    queues = {"P": persons, "ADDR": addresses, "CONTACT": contacts, "ID": ids}
    langs = sorted(TEMPLATES)
    samples: list[Sample] = []
    i = 0
    while any(queues.values()):
        lang = langs[i % len(langs)]
        template = TEMPLATES[lang][(i // len(langs)) % len(TEMPLATES[lang])]
        slots: dict[str, Value | None] = {}
        for slot in ("P1", "P2", "ADDR", "CONTACT", "ID"):
            queue = queues["P" if slot.startswith("P") else slot]
            if "{" + slot + "}" in template:
                slots[slot] = queue.pop() if queue else _spare(slot, rng)
        samples.append(_fill(template, slots, lang, rng))
        i += 1
    return samples


@cache
def _spare_pool(seed: int) -> dict[str, list[Value]]:
    rng = random.Random(seed)
    return {
        "P": list(_mimesis_names("latin", rng, 50)),
        "ADDR": [v for v in address_values(rng, 1) if v.script == "latin"],
        "CONTACT": phone_values(rng, 40),
        "ID": id_values(rng, 2),
    }


def _spare(slot: str, rng: random.Random) -> Value:
    """A filler value once a pool is used up (the set then holds a few more of it)."""
    pool = _spare_pool(SEED + 1)["P" if slot.startswith("P") else slot]
    return rng.choice(pool)
