"""Pattern detectors: each finds candidate spans with a precompiled regex and keeps only those a
real validator accepts (checksums from python-stdnum, phonenumbers, ipaddress, Luhn).

The regexes are deliberately loose and cheap; precision comes from the validators, which run only
on the few candidates a typical narrative has.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import phonenumbers
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.be import nn as be_nn
from stdnum.de import idnr as de_idnr
from stdnum.es import dni as es_dni
from stdnum.es import nie as es_nie
from stdnum.fr import nir as fr_nir
from stdnum.it import codicefiscale as it_cf
from stdnum.nl import bsn as nl_bsn
from stdnum.pl import pesel as pl_pesel
from stdnum.us import ssn as us_ssn

EMAIL = "EMAIL"
PHONE = "PHONE"
IBAN = "IBAN"
CARD = "CARD"
IP = "IP"
NATIONAL_ID = "NATIONAL-ID"
PERSON = "PERSON"
ADDRESS = "ADDRESS"
DATE_OF_BIRTH = "DATE-OF-BIRTH"
# Intelligence kinds: detected so that no personal-data detector eats into them; the policy keeps them.
URL = "URL"
DOMAIN = "DOMAIN"
HASH = "HASH"
WALLET = "WALLET"

PERSONAL_KINDS = (EMAIL, PHONE, IBAN, CARD, IP, NATIONAL_ID, PERSON, ADDRESS, DATE_OF_BIRTH)


@dataclass(frozen=True, slots=True)
class Detection:
    start: int
    end: int
    kind: str


Detector = Callable[[str], Iterator[Detection]]

# --- intelligence (shields) -------------------------------------------------------------------

_URL_RE = re.compile(r"\b(?:h[xt]{2}ps?|ftp|wss?)(?::|\[:\])//[^\s<>\"'\]]+|\bwww(?:\.|\[\.\])[^\s<>\"']+", re.I)
_TLDS = (
    "com|net|org|info|biz|xyz|top|online|site|shop|store|app|dev|io|co|me|ru|cn|tk|ml|ga|cf|gq|live|"
    "club|icu|vip|pw|cc|su|example|onion|link|click|support|services|digital|email|cloud|world|win|bid|"
    "loan|work|life|today|space|website|tech|pro|mobi|name|asia|eu"
)
_DOMAIN_RE = re.compile(
    rf"(?<![\w@.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?(?:\.|\[\.\]))+"
    rf"(?:(?i:{_TLDS})|[a-z]{{2}})(?![\w-]|\.[A-Za-z0-9])"
)
_HASH_RE = re.compile(r"(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{128}|[0-9A-Fa-f]{64}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{32})(?![0-9A-Fa-f])")
_B58 = "1-9A-HJ-NP-Za-km-z"
_WALLET_RE = re.compile(
    rf"\b(?:bc1[02-9ac-hj-np-z]{{25,87}}|[13][{_B58}]{{25,34}}|0x[0-9A-Fa-f]{{40}}|T[{_B58}]{{33}}"
    rf"|[48][0-9AB][{_B58}]{{93}}|[LM][{_B58}]{{26,33}}|ltc1[02-9ac-hj-np-z]{{25,87}})\b"
)


def _regex_detector(pattern: re.Pattern[str], kind: str) -> Detector:
    def detect(text: str) -> Iterator[Detection]:
        for match in pattern.finditer(text):
            yield Detection(match.start(), match.end(), kind)

    return detect


def _find_urls(text: str) -> Iterator[Detection]:
    for match in _URL_RE.finditer(text):
        end = match.end()
        # Sentence punctuation after a URL belongs to the sentence, not to the URL.
        while end > match.start() and text[end - 1] in ".,;:!?)":
            end -= 1
        yield Detection(match.start(), end, URL)


find_domains = _regex_detector(_DOMAIN_RE, DOMAIN)
find_hashes = _regex_detector(_HASH_RE, HASH)
find_wallets = _regex_detector(_WALLET_RE, WALLET)
find_urls = _find_urls

# --- email, IP ---------------------------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.+%'-]{1,64}(?:@|\s?\[at\]\s?|\s?\(at\)\s?)"
    r"(?:[\w-]{1,63}(?:\.|\[\.\]|\s?\[dot\]\s?))+[A-Za-z]{2,24}\b",
    re.UNICODE,
)
find_emails = _regex_detector(_EMAIL_RE, EMAIL)

_IPV4_RE = re.compile(r"(?<![\w.])(?:\d{1,3}(?:\.|\[\.\])){3}\d{1,3}(?![\w]|\.\d)")
_IPV6_RE = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|:)?(?:%\w+)?(?![\w:])")


def find_ips(text: str) -> Iterator[Detection]:
    for pattern in (_IPV4_RE, _IPV6_RE):
        for match in pattern.finditer(text):
            candidate = match.group().replace("[.]", ".").split("%", 1)[0]
            try:
                ipaddress.ip_address(candidate)
            except ValueError:
                continue
            yield Detection(match.start(), match.end(), IP)


# --- IBAN, card --------------------------------------------------------------------------------

_IBAN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,32}")


def find_ibans(text: str) -> Iterator[Detection]:
    for match in _IBAN_RE.finditer(text):
        start = match.start()
        chunk = match.group()
        # The loose regex may run on into following words; try the longest prefix ending at an
        # alphanumeric boundary that validates.
        ends = [i + 1 for i, ch in enumerate(chunk) if ch.isalnum() and (i + 1 == len(chunk) or not chunk[i + 1].isalnum())]
        for end in reversed(ends):
            if end < 15:
                break
            if std_iban.is_valid(chunk[:end]):
                yield Detection(start, start + end, IBAN)
                break


_CARD_RE = re.compile(r"(?<![\w-])[2-6]\d{3}(?:[ -]?\d){9,15}(?![\w-])")
_NON_DIGIT = re.compile(r"\D")


def find_cards(text: str) -> Iterator[Detection]:
    for match in _CARD_RE.finditer(text):
        digits = _NON_DIGIT.sub("", match.group())
        if 13 <= len(digits) <= 19 and luhn.is_valid(digits):
            yield Detection(match.start(), match.end(), CARD)


# --- national identity numbers -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _IdRule:
    pattern: re.Pattern[str]
    is_valid: Callable[[str], bool]
    # Weak formats (bare digit runs whose checksum passes ~1 in 10 random numbers) count only
    # after a cue word, or every order number would be redacted.
    needs_cue: bool = False


_ID_CUE_RE = re.compile(
    r"(?i:\b(?:ssn|social security(?: number| no\.?)?|bsn|burgerservicenummer|sofi-?nummer|idnr|"
    r"steuer-?id|steuer-?identifikationsnummer|identifikationsnummer|tax id|pesel|"
    r"national (?:id|identity|insurance|register) (?:number|no\.?)|numéro de sécurité sociale|nir|"
    r"rijksregisternummer|numéro national|dni|nie|codice fiscale|personnummer|id number|id no\.?)\b)"
)
_CUE_WINDOW = 40

_ID_RULES: tuple[_IdRule, ...] = (
    _IdRule(re.compile(r"(?<![\w-])\d{3}([- ])\d{2}\1\d{4}(?![\w-])"), us_ssn.is_valid),
    _IdRule(re.compile(r"(?<![\w-])\d{9}(?![\w-])"), us_ssn.is_valid, needs_cue=True),
    _IdRule(re.compile(r"(?<![\w-])[12][ .]?\d{2}[ .]?\d{2}[ .]?(?:\d{2}|2[AB])[ .]?\d{3}[ .]?\d{3}[ .]?\d{2}(?![\w-])"), fr_nir.is_valid),
    _IdRule(re.compile(r"(?<![\w-])\d{8}[- ]?[A-Za-z](?![\w-])"), es_dni.is_valid),
    _IdRule(re.compile(r"(?<![\w-])[XYZxyz][- ]?\d{7}[- ]?[A-Za-z](?![\w-])"), es_nie.is_valid),
    _IdRule(re.compile(r"(?<![\w-])[A-Za-z]{6}[0-9LMNP-Vlmnp-v]{2}[A-Za-z][0-9LMNP-Vlmnp-v]{2}[A-Za-z][0-9LMNP-Vlmnp-v]{3}[A-Za-z](?![\w-])"), it_cf.is_valid),
    _IdRule(re.compile(r"(?<![\w-])\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}(?![\w-])"), be_nn.is_valid),
    _IdRule(re.compile(r"(?<![\w+-])\d{11}(?![\w-])"), lambda v: be_nn.is_valid(v) or de_idnr.is_valid(v) or pl_pesel.is_valid(v), needs_cue=True),
    _IdRule(re.compile(r"(?<![\w+-])\d{2} ?\d{3} ?\d{3} ?\d{3}(?![\w-])"), de_idnr.is_valid, needs_cue=True),
    _IdRule(re.compile(r"(?<![\w+-])\d{4}\.?\d{2}\.?\d{3}(?![\w-])"), nl_bsn.is_valid, needs_cue=True),
)


def find_national_ids(text: str) -> Iterator[Detection]:
    cue_ends: list[int] | None = None
    for rule in _ID_RULES:
        for match in rule.pattern.finditer(text):
            if rule.needs_cue:
                if cue_ends is None:
                    cue_ends = [m.end() for m in _ID_CUE_RE.finditer(text)]
                if not any(0 <= match.start() - end <= _CUE_WINDOW for end in cue_ends):
                    continue
            if rule.is_valid(match.group()):
                yield Detection(match.start(), match.end(), NATIONAL_ID)


# --- phone numbers -------------------------------------------------------------------------------

# Cheap prefilter: a run with at least 7 digits that could be a phone number. phonenumbers then
# decides, region by region, which is far too slow to run over whole texts.
_PHONE_CANDIDATE_RE = re.compile(
    r"(?<![\w+/.-])(?:\+|00)?\(?\d[\d \t().\-/]{5,22}\d(?:\s?(?:x|ext\.?|extension|poste|Durchwahl)\s?\d{1,6})?(?![\w])",
    re.I,
)
_DIGIT_RE = re.compile(r"\d")
_DATE_LIKE_RE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
# Regions tried in order for numbers without a country code: the partners' countries first.
PHONE_REGIONS = ("US", "GB", "FR", "DE", "ES", "NL", "BE", "IT", "CH", "AT", "IE", "PT", "SE", "DK", "NO", "FI",
                 "PL", "CA", "AU", "IN", "BR", "MX", "AR", "IL", "AE", "SA", "IR", "MA", "TR", "ZA")
_LENIENCIES = (phonenumbers.Leniency.VALID, phonenumbers.Leniency.POSSIBLE)


def find_phones(text: str) -> Iterator[Detection]:
    for match in _PHONE_CANDIDATE_RE.finditer(text):
        candidate = match.group()
        digits = len(_DIGIT_RE.findall(candidate))
        if digits < 7 or digits > 18 or _DATE_LIKE_RE.fullmatch(candidate.strip()):
            continue
        found = _match_phone(candidate)
        if found is not None:
            yield Detection(match.start() + found[0], match.start() + found[1], PHONE)


def _match_phone(candidate: str) -> tuple[int, int] | None:
    international = candidate.startswith(("+", "00"))
    for leniency in _LENIENCIES:
        for region in ("ZZ",) if international and candidate.startswith("+") else PHONE_REGIONS:
            for number in phonenumbers.PhoneNumberMatcher(candidate, region, leniency=leniency):
                # A short match inside a long digit run is more likely an account number.
                if number.end - number.start >= len(candidate) - 8:
                    return number.start, number.end
    return None
