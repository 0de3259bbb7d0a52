"""Numeric personal data: payment cards (Luhn), national identity numbers (python-stdnum
checksums), IP addresses (ipaddress), phone numbers (phonenumbers) and IBANs (stdnum.iban).

One pass finds digit runs that could be any of these; each run is then classified with small
regexes limited to that run and a validator, so the cost is one scan plus a little per number.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import phonenumbers
from phonenumbers import Leniency
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.exceptions import InvalidComponent, ValidationError

from shared.anonymization.detectors import CARD, IBAN, IP, PHONE, SPACED_WORD, Detection, SpanIndex

# Words for a phone extension ("ext. 4", "poste 12", "доб. 3", "تحويلة 4", "内线 8", "내선 5").
_EXTENSION_WORDS = (
    r"x|ext\.?|extension|poste|Durchwahl|доб\.?|wew\.?|ramal|anexo|dahili|تحويلة|内线|內線|分机|分機|내선"
)
# Where a number may start: after no word character and no "+", "/", "." or "-" (inside another
# number or reference), except where a language or a careless writer glues something on:
# an abbreviation's dot ("tel.0612 …", "Tel.+49 …"), a Hebrew prefix letter with its hyphen or
# maqaf ("מ-054 …", "from 054 …"), an Ethiopic preposition written onto the word ("ከ+251 …").
_NUMBER_START = (
    rf"(?:(?<!{SPACED_WORD})(?<![+/.-])|(?<=[^\W\d_]\.)|(?<=[\u05d0-\u05ea][-\u05be])"
    r"|(?<=[\u1200-\u135a]))"
)
# A run of digits and the separators numbers are written with, optionally a leading + or 00, a
# phone extension, or one trailing check letter (Spanish DNI).
_NUMBER_RE = re.compile(
    rf"{_NUMBER_START}(?:\+|00)?\(?\d(?:[\d \t().\-/]|\[\.\]){{5,30}}\d"
    rf"(?:,?\s?(?:{_EXTENSION_WORDS})\s?\d{{1,6}})?(?:-?[A-Za-z](?![\w]))?",
    re.I,
)
_NON_DIGIT = re.compile(r"\D")

# --- cards and IPv4 within a number run -------------------------------------------------------------

# First digit 2-6, or 9 for domestic schemes (Vietnam's Napas, Turkey's Troy, Uzbekistan's
# Humo), or Uzbekistan's UzCard prefix 8600; Luhn decides.
_CARD_RE = re.compile(
    rf"(?<!{SPACED_WORD})(?<!-)(?:[2-69]\d{{3}}|8600)(?:[ -]?\d){{9,15}}(?!{SPACED_WORD}|-)"
)
# Ideographs may touch it ("攻击者IP为203.0.113.8").
_IPV4_RE = re.compile(
    rf"(?<!{SPACED_WORD})(?<!\.)(?:\d{{1,3}}(?:\.|\[\.\])){{3}}\d{{1,3}}(?!{SPACED_WORD}|\.\d)"
)


def _cards(text: str, start: int, end: int) -> Iterator[Detection]:
    for match in _CARD_RE.finditer(text, start, end):
        digits = _NON_DIGIT.sub("", match.group())
        if 13 <= len(digits) <= 19 and luhn.is_valid(digits):
            yield Detection(match.start(), match.end(), CARD)


def _ipv4s(text: str, start: int, end: int) -> Iterator[Detection]:
    for match in _IPV4_RE.finditer(text, start, end):
        try:
            ipaddress.IPv4Address(match.group().replace("[.]", "."))
        except ValueError:
            continue
        yield Detection(match.start(), match.end(), IP)


# --- phone numbers -----------------------------------------------------------------------------------

_EXTENSION_RE = re.compile(rf"(?i),?\s?(?:{_EXTENSION_WORDS})\s?\d{{1,6}}$")
# Dates and dot/comma-grouped amounts have phone-like digit runs but are neither.
# (Three groups of three digits with dots are a Spanish phone number as often as an amount: they
# are told apart by a currency next to them, see _DOTTED_PHONE_RE.)
_NOT_PHONE_RE = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s.*)?|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
    # A date and a running number after it ("2026-11-04-118273", a receipt's number).
    r"|(?:19|20)\d{2}([-/.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])\1\d{3,}"
    r"|(?!\d{3}\.\d{3}\.\d{3}$)\d{1,3}(?:[.,]\d{3}){2,}"
    # A year and a running number: a case or file reference ("2024/4471", "4471/2024",
    # "2024/118.442", "2024-004417": a zero-padded running number after the year; "2024/0042871",
    # "2024/5512/88": a register's number after it). No numbering plan starts a number with a
    # year and a slash: area codes before a slash start with 0 ("0221/…").
    r"|(?:19|20)\d{2}/\d{1,8}(?:/\d{1,6})*|[1-9]\d{0,5}/(?:19|20)\d{2}|(?:19|20)\d{2}/\d{1,3}(?:\.\d{3})+"
    r"|(?:19|20)\d{2}-0\d{4,6}"
    # The same written in a register's groups: the year after a dotted or hyphenated running
    # number ("44.187/2026", "01-2291/2026"), in the Thai Buddhist era ("1187/2569"), as two digits
    # ("33871/26", "01-2291/26"), or last of a register's hyphenated groups ("511-01-11-2026/88");
    # a year, a hyphen and a running number of three, five or six digits ("2026-117",
    # "2026-88412": four would be a local number's 4-4 groups).
    r"|(?:\d{1,3}(?:\.\d{3})+|\d{1,4}-\d{1,6}|[1-9]\d{0,5})/(?:19|20|25)\d{2}"
    r"|(?:\d{1,4}-)?\d{2,6}/\d{2}|(?:\d{1,4}-)+(?:19|20)\d{2}/\d{1,6}"
    r"|(?:19|20)\d{2}-(?:\d{3}|\d{5,6})"
    # A register's reference in three or more slashed parts ("331/2025/9", "4127/2105/2025",
    # "09-14/3-04-2218/26"), hyphenated groups before a slash ("511-19-26/4410"), a register's
    # bracketed part before a year ("1(001)-412/2025"), or a year after a running number longer
    # than any area code ("0412877/2026"), or a zero-padded one of four digits (India's FIR
    # numbers, "0412/2026": a subscriber's number after an area code is no year). Phone numbers put
    # at most one slash, after an area code that starts with 0 and has no hyphen ("0221/…").
    r"|(?:[1-9]|0\d*-)[\d.\-]*(?:/[\d.\-]+){2,}|[1-9]\d*(?:-\d+)+/\d+"
    r"|\d+\(\d+\)-\d+/(?:19|20)\d{2}|0\d{6,}/(?:19|20)\d{2}|0\d{3}/20[0-3]\d"
    # A date and a sum written after it ("am 14.01.2026 40.000 € übergeben").
    r"|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}\s\d{1,3}(?:[.,]\d{3})+"
)
# Regions tried, in order, for numbers written without a country code: partners' countries first,
# then regions whose numbering plans accept the national formats partners commonly paste.
PHONE_REGIONS = (
    "US",
    "GB",
    "FR",
    "DE",
    "ES",
    "IT",
    "NL",
    "BE",
    "CH",
    "AT",
    "IE",
    "PT",
    "DK",
    "NO",
    "SE",
    "FI",
    "PL",
    "IN",
    "AU",
    "BR",
    "MX",
    "IL",
    "AE",
    "SA",
    "IR",
    "MA",
    "TR",
    "RU",
    "UA",
)
_POSSIBLE_REGIONS = ("US", "GB", "FR", "DE")
_DOTTED_PHONE_RE = re.compile(r"\d{3}\.\d{3}\.\d{3}")
_CURRENCY_RE = re.compile(r"(?i)(?:€|\$|£|¥|₽|\b(?:eur|euros?|usd|gbp|chf|dollars?|rub|pln|czk)\b)")
# A sum grouped by thousands ("1 240 000", "430.000.000") with a currency written right before or
# after it ("1 240 000 ₽", "Rp 430.000.000", "2 400 000 Ft"): an amount, whatever else it could be.
_THOUSANDS_RE = re.compile(r"[1-9]\d{0,2}(?:[ .,\u00a0\u202f]\d{3})+")
_CURRENCIES = (
    r"[€$£¥₽₹₩₪₺₴₱฿₫₦₸₼₾₵﷼元円원]|R\$|S/|(?i:eur|euros?|usd|gbp|chf|rub|pln|czk|huf|ron|sek|nok|dkk|"
    r"try|inr|brl|mxn|ars|cop|clp|pen|zar|ngn|kes|tzs|ugx|aed|sar|egp|mad|irr|idr|php|thb|vnd|myr|"
    r"sgd|hkd|cny|jpy|krw|uah|kzt|gel|ils|ft|kč|zł|lei|lev|kn|kr|rp|rs|ksh|tsh|kz|din|руб|рублей|"
    r"грн|тг|лв|ريال|درهم|تومان|ریال|baht|บาท|dollars?|ש\"ח|ש״ח"
    # Currencies written in their own scripts: dram, lari, birr, taka, rupee (Hindi, Nepali,
    # Sinhala, Tamil), kyat, riel.
    r"|դրամ|ლარი|ብር|টাকা|रुपये|रुपए|روپے|रुपैयाँ|रुपैया|රුපියල්|ரூபாய்|ကျပ်|រៀល"
    # The CFA franc, ariary, tögrög, tenge, som, sum, manat, đồng, kip, riel, kyat, cedi, naira,
    # kwacha, dinar, dollar in Ge'ez script; Kazakh, Kyrgyz and Mongolian add case endings
    # ("2 850 000 теңгені", "төгрөгөөр").
    r"|f?cfa|xof|xaf|ariary|mga|mnt|₮|төгрөг\w*|теңге\w*|тенге\w*|so['’]m|сўм|сум|сом|uzs|kgs|azn|"
    r"tmt|tjs|manat|манат\w*|сомони|đồng|đ|dong|kip|ກີບ|lak|riel|៛|khr|kyat|mmk|etb|cedis?|ghs|naira|"
    r"kwacha|dinars?|dînar|دينار|ዶላር)"
)
# A currency written before a sum grouped by thousands ("Ksh 46,200", "Rp 96.500.000", "R$ 9.870,00",
# South Africa's "R 4 800"): a word there is the currency, not the last word of a name (an age
# after a name is never grouped).
CURRENCY_BEFORE_SUM_RE = re.compile(
    rf"(?:{_CURRENCIES}|R)\.?[ \u00a0]?[1-9]\d{{0,2}}(?:[ .,\u00a0\u202f]\d{{3}})+(?!\d)"
)
# A sum of money with its currency before or after it ("175 000 FCFA", "$ 7.850.000", "950,00 €",
# "Tigo Money L 3,200", "Sh 850,000", "45 000 gourdes"): with a destination word right before a
# phone number it says money went to that number (a mobile-money wallet). The shilling, gourde,
# dirham, lempira and bolívar are written so only before or after a sum.
SUM_RE = re.compile(
    rf"(?:(?<![^\W\d_])(?:{_CURRENCIES}|sh|bs|l|c\$)\.?\s?\d(?:[\d.,\u00a0\u202f ]*\d)?"
    rf"|\d(?:[\d.,\u00a0\u202f ]*\d)?\s?"
    rf"(?:{_CURRENCIES}|gourdes?|htg|dh|da|shillingi|shilingi|جنيه)(?![^\W\d_]))",
    re.IGNORECASE,
)
_CURRENCY_BEFORE_RE = re.compile(rf"(?:{_CURRENCIES})\.?\s?$")
_CURRENCY_AFTER_RE = re.compile(rf"\s?(?:{_CURRENCIES})(?!\w)")


# A postal item's UPU S10 identifier ("RB 440 912 837 AL", "RR 123 456 785 PT"): two capital
# letters, eight digits and a check digit, and the country's two letters; a tracking number, no
# phone number, when its check digit is right.
_S10_BEFORE_RE = re.compile(r"(?<![^\W\d_])[A-Z]{2} ?\Z")
_S10_AFTER_RE = re.compile(r" ?[A-Z]{2}(?![^\W\d_])")
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_S10_DIGITS = 9


def _postal_item(text: str, start: int, end: int) -> bool:
    """Whether a run of digits is the number of a UPU S10 postal item identifier."""
    digits = _NON_DIGIT.sub("", text[start:end])
    if (
        len(digits) != _S10_DIGITS
        or _S10_BEFORE_RE.search(text, max(0, start - 3), start) is None
        or _S10_AFTER_RE.match(text, end) is None
    ):
        return False
    check = 11 - sum(int(d) * w for d, w in zip(digits, _S10_WEIGHTS, strict=False)) % 11
    return int(digits[-1]) == {10: 0, 11: 5}.get(check, check)


def _is_amount(text: str, start: int, end: int) -> bool:
    return _THOUSANDS_RE.fullmatch(text, start, end) is not None and (
        _CURRENCY_BEFORE_RE.search(text[max(0, start - 5) : start]) is not None
        or _CURRENCY_AFTER_RE.match(text, end) is not None
    )


def _national_pattern(region: str) -> tuple[re.Pattern[str], str]:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None or meta.general_desc is None or meta.general_desc.national_number_pattern is None:
        raise LookupError(f"phonenumbers has no metadata for region {region}")
    return re.compile(meta.general_desc.national_number_pattern), meta.national_prefix or ""


_NATIONAL_PATTERNS = {region: _national_pattern(region) for region in PHONE_REGIONS}


def _plausible_in(digits: str, region: str) -> bool:
    # phonenumbers costs 50-100 µs a call: only ask regions whose numbering plan can hold these
    # digits at all (one C-level regex match against the region's national number pattern).
    pattern, prefix = _NATIONAL_PATTERNS[region]
    if pattern.fullmatch(digits):
        return True
    return bool(prefix) and digits.startswith(prefix) and pattern.fullmatch(digits, len(prefix)) is not None


@lru_cache(maxsize=4096)
def match_phone(candidate: str) -> tuple[int, int] | None:
    """Span of the phone number filling (most of) candidate, trying regions and leniencies. An
    opening bracket it does not close is no part of it: the whole number is written in brackets
    ("（050-5441-8227、詐欺）", "전화(02-6925-0418)를"), unlike an area code's ("(02) 9374 4000")."""
    span = _phone_span(candidate)
    if span is not None and candidate[span[0] : span[0] + 1] in _OPENING and not any(
        ch in _CLOSING for ch in candidate[span[0] : span[1]]
    ):
        return span[0] + 1, span[1]
    return span


_OPENING = ("(", "（")
_CLOSING = frozenset(")）")


def _phone_span(candidate: str) -> tuple[int, int] | None:
    if candidate.startswith(("(+", "(00")):  # "(+44 20 7946 0958)", "(0049 30 1234567)"
        inner = _phone_span(candidate[1:])
        return None if inner is None else (inner[0] + 1, inner[1] + 1)
    stripped = candidate.strip()
    digits = _NON_DIGIT.sub("", _EXTENSION_RE.sub("", stripped))
    # An opening bracket is no digit of a date ("(2026.11.18 14:20)").
    if not 7 <= len(digits) <= 15 or _NOT_PHONE_RE.fullmatch(stripped.lstrip("(（")):
        return None
    if candidate.startswith("+"):
        attempts: list[tuple[str, int]] = [("ZZ", Leniency.VALID), ("ZZ", Leniency.POSSIBLE)]
    elif candidate.startswith("00") and not candidate.startswith("000"):
        # "00" is the international call prefix in most of the world: read it as "+".
        found = _match_international("+" + candidate[2:])
        return None if found is None else (found[0], found[1] + 1)
    else:
        attempts = [(r, Leniency.VALID) for r in PHONE_REGIONS if _plausible_in(digits, r)]
        attempts += [(r, Leniency.POSSIBLE) for r in _POSSIBLE_REGIONS if _plausible_in(digits, r)]
    partial: tuple[int, int] | None = None
    whole = len(candidate.rstrip())
    for region, leniency in attempts:
        for number in phonenumbers.PhoneNumberMatcher(candidate, region, leniency=leniency):
            # A short match inside a long digit run is more likely an account number.
            if number.end - number.start >= len(candidate) - 8:
                rest = candidate[: number.start] + candidate[number.end : whole]
                if not any(ch.isdigit() for ch in rest):
                    return number.start, number.end
                # Another region may read the whole run ("8 (912) ..." with Russia's trunk "8").
                if partial is None or number.end - number.start > partial[1] - partial[0]:
                    partial = (number.start, number.end)
    if partial is not None:
        return partial
    if candidate.startswith("+") and 8 <= len(digits) <= 15 and _known_country_code(digits):
        # "+<country code>" and digit groups: a phone number even where its numbering plan says
        # it cannot be one (mistyped, or made up by a scammer).
        return 0, len(candidate.rstrip())
    return None


def _known_country_code(digits: str) -> bool:
    return any(phonenumbers.region_code_for_country_code(int(digits[:size])) != "ZZ" for size in (1, 2, 3))


def _match_international(candidate: str) -> tuple[int, int] | None:
    for leniency in (Leniency.VALID, Leniency.POSSIBLE):
        for number in phonenumbers.PhoneNumberMatcher(candidate, "ZZ", leniency=leniency):
            if number.end - number.start >= len(candidate) - 8:
                return number.start, number.end
    digits = _NON_DIGIT.sub("", _EXTENSION_RE.sub("", candidate))
    if 8 <= len(digits) <= 15 and _known_country_code(digits):
        return 0, len(candidate.rstrip())
    return None


# --- the number scan ----------------------------------------------------------------------------------


# Separators of other widths and code points read as the ASCII ones, one character for one so
# that offsets stay: full-width forms ("０９０－１２３４－５６７８", typed with a Japanese, Chinese or
# Korean input method), Unicode hyphens and dashes, no-break and ideographic spaces.
_SEPARATORS = str.maketrans(
    {
        "\uff0b": "+",
        "\uff0d": "-",
        "\uff08": "(",
        "\uff09": ")",
        "\uff0e": ".",
        "\uff0f": "/",
        "\u3000": " ",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2212": "-",
    }
)


def find_numbers(text: str, taken: Iterable[Detection] = ()) -> Iterator[Detection]:
    """Cards, IPv4 addresses and phone numbers. Runs overlapping `taken` (URLs, hashes, IBANs and
    identity numbers found first) are skipped."""
    index = SpanIndex(taken)
    if not text.isascii():
        text = text.translate(_SEPARATORS)
    for match in _NUMBER_RE.finditer(text):
        if index and index.overlaps(*match.span()):
            continue
        for start, end in _cells(text, match.start(), match.end()):
            found = _in_run(text, start, end)
            if not found and ". " in text[start:end]:
                # Two numbers in two sentences ("+44 … 461. 0049 …") read as one run: each alone.
                # (Only when the whole run is nothing: "12. 3. 1985" stays one.)
                for part in _SENTENCE_PART_RE.finditer(text, start, end):
                    found.extend(_in_run(text, part.start(), part.end()))
            yield from found


# A table's column gap: a tab or three spaces and more. No one writes a number's digit groups so
# far apart; an export or statement pastes its columns so ("+46 70 …      -12 000 kr").
_COLUMN_GAP_RE = re.compile(r"\t|  {2,}")
# The hours of a time: digits right before ":" and two digits ("[09.04.2024 16:05]", a call
# log's duration "00:18:42" after the number).
_TIME_AFTER_RE = re.compile(r":\d\d")
_LAST_GROUP_RE = re.compile(r"[ .\-/]+\d{1,2}$")


def _cells(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The parts of a number run a table's column gaps leave, without a time's hours at its end."""
    if _TIME_AFTER_RE.match(text, end) is not None:
        hours = _LAST_GROUP_RE.search(text, start, end)
        if hours is not None:
            end = hours.start()
    at = start
    for gap in _COLUMN_GAP_RE.finditer(text, start, end):
        if gap.start() > at:
            yield at, gap.start()
        at = gap.end()
    if end > at:
        yield at, end


_SENTENCE_PART_RE = re.compile(r"[^.\s](?:[^.]|\.(?!\s))*")


def _in_run(text: str, start: int, end: int) -> list[Detection]:
    """The card, IPv4 addresses or phone number a run of digits and separators is."""
    run = text[start:end]
    digits = sum(ch.isdigit() for ch in run)
    found: list[Detection] = []
    if digits >= 13:
        found.extend(_cards(text, start, end))
    if "." in run:
        found.extend(_ipv4s(text, start, end))
    if _DOTTED_PHONE_RE.fullmatch(run) and _CURRENCY_RE.search(text, max(0, start - 6), end + 8):
        return []  # an amount ("EUR 952.245.709")
    if not found and (_is_amount(text, start, end) or _postal_item(text, start, end)):
        return []
    if not found:
        phone = match_phone(run)
        extension = _EXTENSION_RE.search(run)
        if phone is None and extension is not None:
            phone = match_phone(run[: extension.start()])  # ", poste 22" is longer than a typo
        if phone is not None:
            # An extension phonenumbers does not read ("wew. 31") is still the number's.
            last = len(run) if extension is not None and phone[1] <= extension.start() + 1 else phone[1]
            found.append(Detection(start + phone[0], start + last, PHONE))
    return found


_IPV6_RE = re.compile(
    rf"(?<!{SPACED_WORD})(?<!:)(?:[0-9A-Fa-f]{{0,4}}:){{2,7}}(?:[0-9A-Fa-f]{{1,4}}|:)?(?:%\w+)?(?!{SPACED_WORD}|:)"
)


def find_ipv6(text: str) -> Iterator[Detection]:
    if "::" not in text and text.count(":") < 7:
        return
    for match in _IPV6_RE.finditer(text):
        try:
            ipaddress.IPv6Address(match.group().split("%", 1)[0])
        except ValueError:
            continue
        yield Detection(match.start(), match.end(), IP)


# Groups may be split by a line break (an IBAN pasted from a two-column statement).
_IBAN_RE = re.compile(
    r"[A-Za-z](?<![A-Za-z0-9][A-Za-z])[A-Za-z]\d{2}(?:(?:[ \t-]|[ \t]?\r?\n[ \t]?)?[A-Za-z0-9]){11,32}"
)
_ALNUM_RE = re.compile(r"[^A-Za-z0-9]")


def _mod97_ok(compact: str) -> bool:
    # The ISO 7064 check alone, before stdnum's full (slower) country-format validation.
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


# "IBAN" written before a number: the label is the same in every language.
_IBAN_LABEL_RE = re.compile(r"(?<![A-Za-z])IBAN(?![A-Za-z])[\s:.#-]{0,4}$", re.I)


# The registry's check is slow (a lookup in stdnum's tables): a mule account recurs across reports.
@lru_cache(maxsize=4096)
def _iban_verdict(compact: str) -> str | None:
    """ "valid"; "mistyped" when the ISO 7064 check passes for an IBAN country but the length or
    the national part is wrong (a group dropped or doubled when typed: still an account number);
    "checksum" when only the check fails; None when it is no IBAN at all."""
    if not _mod97_ok(compact):
        return "checksum"
    try:
        std_iban.validate(compact)
    except InvalidComponent:
        return None  # not a country of the IBAN registry
    except ValidationError:
        return "mistyped"
    return "valid"


def _iban_country(compact: str) -> bool:
    """Whether the first two letters are a country of the IBAN registry."""
    fixed = compact[:2] + std_iban.calc_check_digits(compact) + compact[4:]
    return _iban_verdict(fixed) is not None


def find_ibans(text: str) -> Iterator[Detection]:
    """IBANs: valid ones anywhere, with a wrong length too when the checksum passes; after the
    label "IBAN" also with a failed checksum."""
    at = 0
    while (match := _IBAN_RE.search(text, at)) is not None:
        start = match.start()
        chunk = match.group()
        at = match.end()
        # The loose regex may run on into following words; try the longest prefix ending at an
        # alphanumeric boundary that validates, then the longest that passes the checksum.
        ends = [
            i + 1
            for i, ch in enumerate(chunk)
            if ch.isalnum() and (i + 1 == len(chunk) or not chunk[i + 1].isalnum())
        ]
        ends = [end for end in reversed(ends) if 15 <= len(_ALNUM_RE.sub("", chunk[:end])) <= 34]
        labelled = _IBAN_LABEL_RE.search(text, max(0, start - 10), start) is not None
        found = _best_end(chunk, ends, labelled)
        if found is not None:
            yield Detection(start, start + found, IBAN)
            at = start + found  # the run may go on into a second IBAN ("DE02 … 51 to NL91…")


def _best_end(chunk: str, ends: list[int], labelled: bool) -> int | None:
    # The longest valid prefix wins: the shorter ones need no (slow) validation once it is found.
    verdicts: dict[int, str | None] = {}
    for end in ends:
        verdicts[end] = _iban_verdict(_ALNUM_RE.sub("", chunk[:end]).upper())
        if verdicts[end] == "valid":
            return end
    for end in ends:
        if verdicts[end] == "mistyped":
            return end
    if labelled and ends and _iban_country(_ALNUM_RE.sub("", chunk[: ends[0]]).upper()):
        return ends[0]
    return None


_MOBILE_TYPES = frozenset(
    (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
)


@lru_cache(maxsize=1024)
def national_mobile(digits: str) -> bool:
    """Digits written as a mobile number is dialled at home, trunk "0" first ("09121234567"), in a
    region of PHONE_REGIONS whose plan holds them."""
    if not digits.startswith("0") or not digits.isdigit():
        return False
    for region in PHONE_REGIONS:
        if not _plausible_in(digits, region):
            continue
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in _MOBILE_TYPES:
            return True
    return False
