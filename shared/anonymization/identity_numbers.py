"""National identity numbers of many countries, validated with python-stdnum.

The formats, validators and cue words are data (identity_numbers.yaml). A number of a rule marked
`anywhere` is redacted wherever its checksum passes; the others, and numbers of the right format
whose checksum fails, only after a cue word ("SSN", "DNI", "PESEL", "身份证", ...).

Cost: one cheap pass finds where a number can start (a digit, or a few letters then a digit, not
inside a word); only there is the combined pattern of all written forms tried.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from shared.anonymization.detectors import NATIONAL_ID, PERSON, SPACED_WORD, CueGate, Detection, literal_trie
from shared.anonymization.numbers import national_mobile
from shared.data_files import parse_yaml

DATA_FILE = Path(__file__).parent / "identity_numbers.yaml"
# Not inside a word, and not a later group of a longer grouped number ("4040 0000 0611 0005").
# Letters before the first digit may be Latin or Cyrillic (Mongolia's register number "УБ99061512").
# A hyphen after a lowercase prefix may stand before it: the Nguni languages join a copula or a
# locative to a number so ("umazisi wami ngu-9005120412085", "ku-B 1432").
_START_RE = re.compile(
    rf"(?<!{SPACED_WORD})(?<![./+])(?<!(?<![a-z])-)(?<!\d[ ,])(?=\d|[A-Za-zА-ЯЁӨҮа-яёөү]{{1,6}}[- ]?\d)"
)
_START_REACH = 7  # six letters and a separator before the first digit
_DIGIT_RUN_RE = re.compile(r"\d+")
_SEPARATORS_RE = re.compile(r"[\s.\-/]")
# UK National Insurance numbers have no check digit; the prefix rules are the whole check.
_NINO_RE = re.compile(r"(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]")


def _gb_nino(number: str) -> bool:
    return _NINO_RE.fullmatch(_SEPARATORS_RE.sub("", number).upper()) is not None


# Taiwan's national id and resident certificate: a letter for the place of first registration
# (read as two digits), then 1/2 (sex) or 8/9 (resident), seven digits and a check digit.
_TW_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO"
_TW_ID_RE = re.compile(r"[A-Z][1289]\d{8}")


def _tw_id(number: str) -> bool:
    value = _SEPARATORS_RE.sub("", number).upper()
    if _TW_ID_RE.fullmatch(value) is None:
        return False
    code = _TW_LETTERS.index(value[0]) + 10
    total = (
        code // 10
        + (code % 10) * 9
        + sum(int(d) * w for d, w in zip(value[1:9], range(8, 0, -1), strict=True))
    )
    return (total + int(value[9])) % 10 == 0


# Singapore NRIC (S, T: citizens and permanent residents) and FIN (F, G: foreigners).
_SG_ID_RE = re.compile(r"[STFG]\d{7}[A-Z]")
_SG_WEIGHTS = (2, 7, 6, 5, 4, 3, 2)
_SG_CHECK = {"S": "JZIHGFEDCBA", "T": "JZIHGFEDCBA", "F": "XWUTRQPNMLK", "G": "XWUTRQPNMLK"}


def _sg_nric(number: str) -> bool:
    value = number.upper()
    if _SG_ID_RE.fullmatch(value) is None:
        return False
    total = sum(int(d) * w for d, w in zip(value[1:8], _SG_WEIGHTS, strict=True)) + (
        4 if value[0] in "TG" else 0
    )
    return _SG_CHECK[value[0]][total % 11] == value[8]


# Hong Kong identity card: the letters (a space for a missing first one counts 36) weigh 9 and 8,
# the six digits 7 to 2; the check digit ("A" for 10) makes the sum a multiple of 11.
_HK_ID_RE = re.compile(r"([A-Z]{1,2})(\d{6})\(?([\dA])\)?")


def _hk_hkid(number: str) -> bool:
    match = _HK_ID_RE.fullmatch(number.upper())
    if match is None:
        return False
    letters, digits, check = match.groups()
    letters = letters.rjust(2)
    total = sum((36 if ch == " " else ord(ch) - 55) * w for ch, w in zip(letters, (9, 8), strict=True))
    total += sum(int(d) * w for d, w in zip(digits, range(7, 1, -1), strict=True))
    total += 10 if check == "A" else int(check)
    return total % 11 == 0


# Sri Lanka's old NIC: the birth year's last two digits, the day of the year (plus 500 for a
# woman), a serial, a check digit, and V or X.
def _lk_nic(number: str) -> bool:
    day = int(number[2:5])
    return 1 <= day <= 366 or 501 <= day <= 866


# Zimbabwe's national id: the district's two digits and the serial, a check letter (their number
# mod 23 in this alphabet), the two digits of the district of origin.
_ZW_ID_RE = re.compile(r"(\d{2})-?(\d{6,7}) ?([A-Z]) ?\d{2}")
_ZW_LETTERS = "ZABCDEFGHJKLMNPQRSTVWXY"


def _zw_id(number: str) -> bool:
    match = _ZW_ID_RE.fullmatch(number.upper())
    if match is None:
        return False
    district, serial, letter = match.groups()
    return _ZW_LETTERS[int(district + serial) % 23] == letter


# Mongolia's register number: two Cyrillic letters, then the birth date as YYMMDD (the month plus
# 20 for births from 2000) and two digits. No published check digit: the date is the check.
_MN_REGISTER_RE = re.compile(r"[А-ЯЁӨҮ]{2} ?\d{2}(\d{2})(\d{2})\d{2}")


def _mn_register(number: str) -> bool:
    match = _MN_REGISTER_RE.fullmatch(number)
    if match is None:
        return False
    month, day = int(match.group(1)), int(match.group(2))
    return (1 <= month <= 12 or 21 <= month <= 32) and 1 <= day <= 31


def _format_only(number: str) -> bool:
    """Numbers without a check digit (a Colombian cédula, a Vietnamese citizen id): the form is
    the whole test, so such a rule counts only after a cue word."""
    return bool(number)


_BUILT_IN: dict[str, Callable[[str], bool]] = {
    "gb_nino": _gb_nino,
    "tw_id": _tw_id,
    "sg_nric": _sg_nric,
    "hk_hkid": _hk_hkid,
    "lk_nic": _lk_nic,
    "zw_id": _zw_id,
    "mn_register": _mn_register,
    "format_only": _format_only,
}


def _validator(name: str) -> Callable[[str], bool]:
    if name in _BUILT_IN:
        return _BUILT_IN[name]
    module = importlib.import_module(f"stdnum.{name}")
    is_valid: Callable[[str], bool] = module.is_valid

    def checked(value: str) -> bool:
        # A validator may fail on a number that passed its own format and check-digit tests,
        # where a lookup table it ships is older than the number (a Chinese county code). Such a
        # number is far likelier an identity number than noise: it is masked, and one odd number
        # never stops a report's anonymization.
        try:
            return is_valid(value)
        except Exception:
            return True

    return checked


@dataclass(frozen=True, slots=True)
class IdRule:
    country: str
    is_valid: Callable[[str], bool]
    anywhere: bool
    forms: tuple[re.Pattern[str], ...]
    # The forms as one pattern: one C-level match per rule and candidate.
    form: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class IdRules:
    rules: tuple[IdRule, ...]
    combined: re.Pattern[str]
    cue: re.Pattern[str]
    cue_window: int
    # Whether a window may hold a cue at all, before the (slower) alternation of all cues runs.
    gate: CueGate
    # Every rule's forms, one named group per rule in rule order: one C-level fullmatch says which
    # rule is the first to fit a candidate (most fit one), instead of one match per rule.
    first: re.Pattern[str]
    # Cues only in capitals, matched as written: initialisms that are common words in lower case
    # ("FİN", Azerbaijan's personal code; French "fin" is "end").
    exact: re.Pattern[str] | None = None
    # What joins a list of numbers one cue names ("passports W4418203 and T7721904"): the next
    # number after a cued one with only this between is cued too. None: no list is read.
    joiner: re.Pattern[str] | None = None


def _cue(phrase: str) -> str:
    """A cue not inside a word; in Chinese, Japanese or Thai it may touch the words around it
    ("國民身分證統一編號", "ถูกยึดหนังสือเดินทาง"), in Ethiopic carry a preposition or possessive ("የፋይዳ ቁጥሩ")."""
    body = re.escape(phrase)
    if _UNSPACED_RE.search(phrase):
        return body
    return rf"(?<!\w){body}(?!\w)"


# Scripts written without spaces between words (Thai, Lao, Burmese, Khmer, Chinese, Japanese),
# Korean and Ethiopic, whose cues carry particles.
_UNSPACED_RE = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1200-\u137f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)


@cache
def load_rules(path: Path = DATA_FILE) -> IdRules:
    raw = parse_yaml(path.read_text(encoding="utf-8"))
    rules = tuple(
        IdRule(
            country=str(entry["country"]),
            is_valid=_validator(entry["validator"]),
            anywhere=bool(entry["anywhere"]),
            forms=tuple(re.compile(form) for form in entry["forms"]),
            form=re.compile("|".join(f"(?:{form})" for form in entry["forms"])),
        )
        for entry in raw["rules"]
    )
    # Longest forms first, so that an 18-digit id is not read as its 11-digit prefix.
    forms = sorted({f.pattern for rule in rules for f in rule.forms}, key=len, reverse=True)
    # Not the label of a domain name ("x0000000t.com" is not a Spanish NIE).
    combined = re.compile(r"(?:" + "|".join(forms) + rf")(?!{SPACED_WORD}|[\-/+]|[.,]\d|[ ]\d|\.[A-Za-z])")
    lowered = [c.lower() for c in sorted(raw["cues"], key=len, reverse=True)]
    # The lookahead (a trie of the cues' text) passes only where a cue's text starts: elsewhere
    # none of the alternatives, each behind its own word-boundary test, is tried (7-40x faster;
    # the same matches, since the alternation decides wherever the lookahead passes).
    cue = re.compile(f"(?={literal_trie(lowered)})(?:" + "|".join(_cue(c) for c in lowered) + ")")
    first = re.compile("|".join(f"(?P<r{k}>{rule.form.pattern})" for k, rule in enumerate(rules)))
    gate = CueGate.of(str(c) for c in raw["cues"])
    exact_cues = sorted((str(c) for c in raw.get("cues_exact") or ()), key=len, reverse=True)
    exact = re.compile("|".join(rf"(?<!\w){re.escape(c)}(?!\w)" for c in exact_cues)) if exact_cues else None
    words = sorted((str(w) for w in raw.get("list_joiners", ())), key=len, reverse=True)
    joiner = (
        re.compile(r"[ \t]*,?[ \t]*(?:" + "|".join(map(re.escape, words)) + r")[ \t]+") if words else None
    )
    return IdRules(rules, combined, cue, int(raw["cue_window"]), gate, first, exact, joiner)


def find_identity_numbers(
    text: str, lower: str | None = None, rules: IdRules | None = None
) -> Iterator[Detection]:
    rules = rules if rules is not None else load_rules()
    lowered = text.lower() if lower is None else lower
    end = 0
    for start in _starts(text):
        if start < end:
            continue
        match = rules.combined.match(text, start)
        if match is None:
            continue
        value = match.group()
        verdict = _verdict(value, rules)
        if verdict is None:
            continue
        if (
            verdict == "anywhere"
            or _listed(text, end, start, rules)
            or _cued(lowered, start, rules)
            or _cued_exact(text, start, rules)
        ):
            end = match.end()
            yield Detection(start, end, NATIONAL_ID)


def _listed(text: str, end: int, start: int, rules: IdRules) -> bool:
    """The number follows the last one found with only a word of a list between ("W4418203 and
    T7721904"): the cue of the first names them all."""
    return end > 0 and rules.joiner is not None and rules.joiner.fullmatch(text, end, start) is not None


def _starts(text: str) -> Iterator[int]:
    """Where _START_RE matches, in order: it needs a digit at most _START_REACH characters on,
    and only the first digit of a run can be that digit (a digit before one is a word character),
    so it is tried only in the windows before each run's first digit instead of at every position
    of the text."""
    searched = 0
    for run in _DIGIT_RUN_RE.finditer(text):
        first = run.start()
        lo = max(searched, first - _START_REACH)
        for match in _START_RE.finditer(text, lo, first + 1):
            yield match.start()
        searched = first + 1


def _verdict(value: str, rules: IdRules) -> str | None:
    """ "anywhere" when a rule that needs no cue validates it, "cue" when only a cue would make it
    one (a weak format, or the right format with a failed checksum), None when no form fits."""
    fits = rules.first.fullmatch(value)
    if fits is None:
        return None
    verdict: str | None = None
    for rule in rules.rules[int(str(fits.lastgroup)[1:]) :]:
        if rule.form.fullmatch(value) is None:
            continue
        if rule.is_valid(value) and rule.anywhere:
            # A mobile number that happens to pass a checksum ("09…" and Brazil's CPF) needs a cue.
            return "cue" if national_mobile(value) else "anywhere"
        verdict = "cue"
    return verdict


def _cued(lowered: str, start: int, rules: IdRules) -> bool:
    """A cue within the window before the number, and no other number between them: a cue names
    the first number after it ("ת.ז. 366358893. תיק 118422/2026": the file number is none)."""
    lo = max(0, start - rules.cue_window)
    if not rules.gate.open(lowered[lo:start]):
        return False
    end = max((cue.end() for cue in rules.cue.finditer(lowered, lo, start)), default=-1)
    return end >= 0 and _DIGIT_RUN_RE.search(lowered, end, start) is None


def _cued_exact(text: str, start: int, rules: IdRules) -> bool:
    """A capitals-only cue (as written) within the window before the number, no number between."""
    if rules.exact is None:
        return False
    lo = max(0, start - rules.cue_window)
    end = max((cue.end() for cue in rules.exact.finditer(text, lo, start)), default=-1)
    return end >= 0 and _DIGIT_RUN_RE.search(text, end, start) is None


# Between a person's name and a number written right after it: a comma, an opening bracket or a
# space ("Siti Aminah, 3171…", "Ana Lima (…").
_BESIDE_RE = re.compile(r"[ \t]*[,(（][ \t]*|[ \t]+")


def ids_beside_persons(
    text: str, found: Iterable[Detection], rules: IdRules | None = None
) -> Iterator[Detection]:
    """A number written right after a person's name, with only a comma, a bracket or a space
    between, that passes the checksum of a rule needing a cue (Indonesia's NIK, Israel's, Japan's)
    is that person's identity number: a report lists a person as name, id, birth date and address,
    and the name is cue enough. Not a number another detector took (a phone number)."""
    rules = rules if rules is not None else load_rules()
    found = list(found)
    for det in found:
        if det.kind != PERSON:
            continue
        gap = _BESIDE_RE.match(text, det.end)
        if gap is None or not text[gap.end() : gap.end() + 1].isdigit():
            continue
        match = rules.combined.match(text, gap.end())
        if match is None or not _checked(match.group(), rules):
            continue
        if any(d.start < match.end() and match.start() < d.end for d in found):
            continue
        yield Detection(match.start(), match.end(), NATIONAL_ID)


def _checked(value: str, rules: IdRules) -> bool:
    """The value passes a real checksum (not a format alone) of a rule its form fits."""
    fits = rules.first.fullmatch(value)
    if fits is None:
        return False
    return any(
        rule.form.fullmatch(value) is not None and rule.is_valid is not _format_only and rule.is_valid(value)
        for rule in rules.rules[int(str(fits.lastgroup)[1:]) :]
    )
