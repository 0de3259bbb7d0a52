"""Detection type, kinds, and the detectors of text-shaped values: emails, and the intelligence
kinds (URLs, domains, hashes, wallets) that are detected only so that no personal-data detector
eats into them.

Python's `re` costs ~5 µs per pass over a 600-character narrative, so each detector first checks a
cheap gate (a substring test or one simple pass) and runs its full regex only where that fires.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

EMAIL = "EMAIL"
PHONE = "PHONE"
IBAN = "IBAN"
CARD = "CARD"
IP = "IP"
NATIONAL_ID = "NATIONAL-ID"
PERSON = "PERSON"
ADDRESS = "ADDRESS"
DATE_OF_BIRTH = "DATE-OF-BIRTH"
URL = "URL"
DOMAIN = "DOMAIN"
HASH = "HASH"
WALLET = "WALLET"

PERSONAL_KINDS = (EMAIL, PHONE, IBAN, CARD, IP, NATIONAL_ID, PERSON, ADDRESS, DATE_OF_BIRTH)
INTELLIGENCE_KINDS = (URL, DOMAIN, HASH, WALLET)


@dataclass(frozen=True, slots=True)
class Detection:
    start: int
    end: int
    kind: str


Detector = Callable[[str], Iterable[Detection]]


def words(*chunks: str) -> tuple[str, ...]:
    """Whitespace-separated word lists, so that long vocabularies stay readable in source."""
    return tuple(" ".join(chunks).split())


def overlaps(start: int, end: int, taken: Iterable[Detection]) -> bool:
    return any(start < t.end and t.start < end for t in taken)


# --- email -----------------------------------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"[\w.+%'-]{1,64}(?:@|\s?\[at\]\s?|\s?\(at\)\s?)"
    r"(?:[\w-]{1,63}(?:\.|\[\.\]|\s?\[dot\]\s?))+[A-Za-z]{2,24}\b",
)


_EMAIL_GATE_RE = re.compile(r"@|\[at\]|\(at\)")


def find_emails(text: str) -> Iterator[Detection]:
    # The regex would try a 64-character local part at every word character; only the token
    # around each "@" can hold an address.
    if "@" not in text and "[at]" not in text and "(at)" not in text:
        return
    end = 0
    for gate in _EMAIL_GATE_RE.finditer(text):
        if gate.start() < end:
            continue
        if gate.group() == "@":
            start = _token_start(text, gate.start())
            end = _token_end(text, gate.end())
        else:  # "name [at] example [dot] org" spans several whitespace-separated tokens
            start = max(0, gate.start() - 66)
            end = min(len(text), gate.end() + 80)
        for match in _EMAIL_RE.finditer(text, start, end):
            yield Detection(match.start(), match.end(), EMAIL)


# --- URLs and domains --------------------------------------------------------------------------------

_URL_RE = re.compile(
    r"\b(?:h[xt]{2}ps?|ftp|wss?)(?::|\[:\])//[^\s<>\"'\]]+|\bwww(?:\.|\[\.\])[^\s<>\"']+", re.I
)
_URL_GATES = ("://", "[:]//", "www", "WWW")


def find_urls(text: str) -> Iterator[Detection]:
    if not any(gate in text for gate in _URL_GATES):
        return
    for match in _URL_RE.finditer(text):
        end = match.end()
        # Sentence punctuation after a URL belongs to the sentence, not to the URL.
        while end > match.start() and text[end - 1] in ".,;:!?)":
            end -= 1
        yield Detection(match.start(), end, URL)


_TLDS = (
    "com|net|org|info|biz|xyz|top|online|site|shop|store|app|dev|io|co|me|ru|cn|tk|ml|ga|cf|gq|live|"
    "club|icu|vip|pw|cc|su|example|onion|link|click|support|services|digital|email|cloud|world|win|bid|"
    "loan|work|life|today|space|website|tech|pro|mobi|name|asia|eu"
)
_DOMAIN_RE = re.compile(
    rf"(?<![\w@.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?(?:\.|\[\.\]))+"
    rf"(?:(?i:{_TLDS})|[a-z]{{2}})(?![\w-]|\.[A-Za-z0-9])"
)
# A dot (or defanged "[.]") between two name characters: the only places a domain can be.
_DOMAIN_GATE_RE = re.compile(r"[A-Za-z0-9](?:\.|\[\.\])[A-Za-z]")


def find_domains(text: str) -> Iterator[Detection]:
    end = 0
    for gate in _DOMAIN_GATE_RE.finditer(text):
        if gate.start() < end:
            continue
        start = _token_start(text, gate.start())
        end = _token_end(text, gate.end())
        for match in _DOMAIN_RE.finditer(text, start, end):
            yield Detection(match.start(), match.end(), DOMAIN)


def _token_start(text: str, pos: int) -> int:
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _token_end(text: str, pos: int) -> int:
    size = len(text)
    while pos < size and not text[pos].isspace():
        pos += 1
    return pos


# --- hashes and wallets -----------------------------------------------------------------------------

_LONG_TOKEN_RE = re.compile(r"[0-9A-Za-z]{25,}")
_HASH_RE = re.compile(r"[0-9A-Fa-f]{128}|[0-9A-Fa-f]{64}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{32}")
_B58 = "1-9A-HJ-NP-Za-km-z"
_WALLET_RE = re.compile(
    rf"bc1[02-9ac-hj-np-z]{{25,87}}|[13][{_B58}]{{25,34}}|0x[0-9A-Fa-f]{{40}}|T[{_B58}]{{33}}"
    rf"|[48][0-9AB][{_B58}]{{93}}|[LM][{_B58}]{{26,33}}|ltc1[02-9ac-hj-np-z]{{25,87}}"
)


def find_hashes_and_wallets(text: str) -> Iterator[Detection]:
    for token in _LONG_TOKEN_RE.finditer(text):
        start, end = token.span()
        if start > 0 and text[start - 1] in "_":
            continue
        if _HASH_RE.fullmatch(text, start, end):
            yield Detection(start, end, HASH)
        elif _WALLET_RE.fullmatch(text, start, end):
            yield Detection(start, end, WALLET)
