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
from pathlib import Path

from shared.anonymization.detectors import HANDLE, Detection
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
