"""Account names in file system paths and command lines (file_paths.yaml): the profile folder
in "C:\\Users\\<account>\\..." or "/home/<account>/...", and the value of an account option
("net use /user:CORP\\<account>", "--username <account>"). Paths reach crimefeed in STIX
`directory`, `file` and `process` objects and in narratives that quote a command; the account
is a person's login, which no name or handle rule reads inside a path. Masked as HANDLE, and
never an offender's: a folder's owner is whoever used the machine."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from shared.anonymization.detectors import HANDLE, PERSON, Detection, find_domains
from shared.data_files import parse_yaml

DATA_FILE = Path(__file__).with_name("file_paths.yaml")
# Characters no path segment holds (Windows' reserved ones, quotes, line breaks).
_SEGMENT = r"[^\\/\r\n\t\"'<>|:*?]"


@dataclass(frozen=True, slots=True)
class AccountPatterns:
    folder: re.Pattern[str]
    option: re.Pattern[str] | None
    shared: frozenset[str]
    gate: tuple[str, ...]


def load_account_patterns(path: Path = DATA_FILE) -> AccountPatterns:
    data = parse_yaml(path.read_text(encoding="utf-8"))
    roots = "|".join(
        r"[\\/]{1,2}".join(re.escape(part) for part in root.split("/"))
        for root in sorted(data["profile_roots"], key=len, reverse=True)
    )
    # The root starts the path (a drive, or a separator after no word: not "/var/home/");
    # the account runs to the next separator, or to a space, comma or bracket when none follows.
    folder = re.compile(
        rf"(?<![\w.~-])(?:[a-z]:)?[\\/]{{1,2}}(?:{roots})[\\/]{{1,2}}"
        rf"(?P<account>{_SEGMENT}+(?=[\\/])|[^\\/\s\"'<>|:*?,;)\]]+)",
        re.IGNORECASE,
    )
    options = data.get("account_options") or []
    option = (
        re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(o).replace(r"\ ", r"[ \t]+") for o in options)
            + r")(?P<account>\"[^\"\r\n]+\"|[^\s\"',;)]+)",
            re.IGNORECASE,
        )
        if options
        else None
    )
    # Words one of the patterns needs, looked for before any pattern runs.
    roots_first = {root.split("/")[0].lower() for root in data["profile_roots"]}
    gate = tuple(roots_first | {o.strip().lower() for o in options})
    shared = frozenset(a.lower() for a in data.get("shared_accounts") or [])
    return AccountPatterns(folder, option, shared, gate)


@cache
def bundled_account_patterns() -> AccountPatterns:
    return load_account_patterns()


@dataclass(frozen=True, slots=True)
class GluedNameRules:
    min_first: int
    min_last: int
    min_login_first: int
    min_login_last: int
    not_initials: frozenset[str]
    reverse_domain_starts: frozenset[str]
    word_languages: tuple[str, ...]
    min_word_zipf: float

    def is_word(self, lower: str) -> bool:
        """A word of one of the languages (wordfreq): "bread" is no "brea" and an initial."""
        return _is_word(lower, self.word_languages, self.min_word_zipf)


@cache
def _is_word(lower: str, languages: tuple[str, ...], min_zipf: float) -> bool:
    from wordfreq import zipf_frequency

    return any(zipf_frequency(lower, language) >= min_zipf for language in languages)


@cache
def load_glued_name_rules(path: Path = DATA_FILE) -> GluedNameRules:
    data = parse_yaml(path.read_text(encoding="utf-8"))["glued_names"]
    return GluedNameRules(
        int(data["min_first"]),
        int(data["min_last"]),
        int(data["min_login_first"]),
        int(data["min_login_last"]),
        frozenset(str(data.get("not_initials") or "").lower()),
        frozenset(str(data.get("reverse_domain_starts") or "").lower().split()),
        tuple(str(data["word_languages"]).split()),
        float(data["min_word_zipf"]),
    )


# A run of letters (digits, "_", "-", "." and path separators end it) and, inside one, the
# humps of camel case ("Jane" "Doe" "Svc"; "HTTP" "Server").
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_HUMP_RE = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+|[^\W\d_A-Za-z]+")
# A hexadecimal token with a digit (an identifier's UUID, a hash): its letters are no word.
_HEX_TOKEN_RE = re.compile(r"(?<![^\W_])[0-9a-fA-F]*\d[0-9a-fA-F]*(?![^\W_])")
_EMAIL_TOKEN_RE = re.compile(r"[^\s@<>\"'(),;]+@[^\s@<>\"'(),;]+")


def _host_names(text: str, r: GluedNameRules) -> list[tuple[int, int]]:
    """Spans of the domain names, e-mail addresses and hexadecimal tokens in text: kept as the
    anonymizer left them (an offender's host is intelligence), except a reversed name, which is
    an app's id."""
    spans = [
        (d.start, d.end)
        for d in find_domains(text)
        if text[d.start : d.end].split(".", 1)[0].lower() not in r.reverse_domain_starts
    ]
    spans.extend(m.span() for m in _EMAIL_TOKEN_RE.finditer(text))
    spans.extend(m.span() for m in _HEX_TOKEN_RE.finditer(text))
    return spans


def _full_name(
    first_part: str, last_part: str, first: frozenset[str], last: frozenset[str], r: GluedNameRules
) -> bool:
    return (
        len(first_part) >= r.min_first
        and len(last_part) >= r.min_last
        and first_part in first
        and last_part in last
    )


def _login_shape(lower: str, first: frozenset[str], last: frozenset[str], r: GluedNameRules) -> bool:
    """A first name and an initial ("ingridv"), or an initial and a surname ("jsmith")."""
    return (len(lower) > r.min_login_first and lower[-1] not in r.not_initials and lower[:-1] in first) or (
        len(lower) > r.min_login_last and lower[1:] in last
    )


def _glued_run(word: str, first: frozenset[str], last: frozenset[str], r: GluedNameRules) -> str | None:
    """The kind of personal data a run of letters in one case is, glued from names, or None."""
    lower = word.lower()
    if lower in first or lower in last:
        return None  # a name alone is the label anonymizer's to judge
    kind: str | None = None
    if any(
        _full_name(lower[:k], lower[k:], first, last, r)
        for k in range(r.min_first, len(lower) - r.min_last + 1)
    ):
        kind = PERSON
    elif word[1:].islower() and not word.islower():
        return None  # "Bread", "Egregor": a capitalized word, written as no login is
    elif _login_shape(lower, first, last, r):
        kind = HANDLE
    return None if kind is None or r.is_word(lower) else kind


def find_glued_names(
    text: str, first: frozenset[str], last: frozenset[str], rules: GluedNameRules | None = None
) -> list[Detection]:
    """Names glued into an identifier: two camel-case humps that are a first name and a surname
    (PERSON), or a run of letters in one case that is a first name and a surname, a first name
    and an initial, or an initial and a surname (the last two a login's shapes: HANDLE). `first`
    and `last` are lower-case names that are no common word."""
    r = rules if rules is not None else load_glued_name_rules()
    found: list[Detection] = []
    for run in _LETTERS_RE.finditer(text):
        start, word = run.start(), run.group()
        if text[start - 1 : start] == "[" and text[run.end() : run.end() + 1] == "]":
            continue  # a placeholder
        found.extend(_glued_in_run(word, start, first, last, r))
    if not found:
        return found
    # Looked for only now: most values hold no glued name.
    hosts = _host_names(text, r)
    return [d for d in found if not any(a <= d.start < b for a, b in hosts)]


def _glued_in_run(
    word: str, start: int, first: frozenset[str], last: frozenset[str], r: GluedNameRules
) -> list[Detection]:
    humps = [(h.start(), h.group()) for h in _HUMP_RE.finditer(word)]
    end = start + len(word)
    if len(humps) == 1:
        kind = _glued_run(word, first, last, r)
        return [Detection(start, end, kind)] if kind is not None else []
    for (a, one), (b, two) in pairwise(humps):
        if _full_name(one.lower(), two.lower(), first, last, r):
            return [Detection(start + a, start + b + len(two), PERSON)]
    if min(len(humps[0][1]), len(humps[-1][1])) == 1:
        # "IngridV", "JDoe": an initial written as a hump of its own.
        kind = _glued_run(word, first, last, r)
        return [Detection(start, end, kind)] if kind is not None else []
    return []


def find_accounts(text: str, lower: str, patterns: AccountPatterns | None = None) -> list[Detection]:
    """Profile folders and account options' values that name an account of no shared kind."""
    rules = patterns if patterns is not None else bundled_account_patterns()
    if not any(word in lower for word in rules.gate):
        return []
    found: list[Detection] = []
    for pattern in (rules.folder, rules.option):
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            start, end = match.span("account")
            account = text[start:end].strip('"')
            if account.strip().lower() not in rules.shared and account.strip():
                found.append(Detection(start, end, HANDLE))
    return found


def with_accounts(text: str, lower: str, found: list[Detection]) -> list[Detection]:
    """found with the accounts in paths and options masked: a detection inside an account (a
    "domain" read in "jane.doe", an offender's handle) gives way to it; one that only overlaps
    it keeps its place."""
    accounts = find_accounts(text, lower)
    if not accounts:
        return found
    kept = [d for d in found if not any(a.start <= d.start and d.end <= a.end for a in accounts)]
    added = [a for a in accounts if not any(d.start < a.end and a.start < d.end for d in kept)]
    return sorted(kept + added, key=lambda d: d.start) if added else kept
