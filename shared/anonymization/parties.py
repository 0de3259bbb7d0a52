"""Whose is a phone number, an IP address, an e-mail address or a social-media account in free text:
the offender's (kept: what investigators need) or a person's (masked). The words around it decide
(parties.yaml); see decide().

Cost: only the sentence before each phone number or IP address (at most `window` characters) is
read, word by word against sets: linear in the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from shared.anonymization.detectors import (
    DOMAIN,
    EMAIL,
    HANDLE,
    HASH,
    IP,
    OFFENDER_EMAIL,
    OFFENDER_HANDLE,
    OFFENDER_IP,
    OFFENDER_PHONE,
    PERSON,
    PHONE,
    URL,
    WALLET,
    Detection,
)

DATA_FILE = Path(__file__).with_name("parties.yaml")
OFFENDER = "offender"
PERSONAL = "personal"
INFRASTRUCTURE = "infrastructure"  # offender's, said of IP addresses only
# Offender's, said of e-mail addresses and accounts only: where a message came from ("an e-mail
# from", "contacted by"), a channel, an account's threats ("blackmailed by").
SENDER = "sender"
# Offender cues that speak of calls or name the crime ("phishing", "scam", "caller", "hotline"):
# said of a phone number or IP address they decide, of an e-mail address or account they do not
# (the recipient of a phishing mail is the victim). parties.yaml: not_for_accounts.
CALLS = "calls"
_INFRASTRUCTURE = frozenset((URL, DOMAIN, HASH, WALLET))
_RELABEL = {PHONE: OFFENDER_PHONE, IP: OFFENDER_IP, EMAIL: OFFENDER_EMAIL, HANDLE: OFFENDER_HANDLE}
# Word characters and the combining marks that \w leaves out: a decomposed accent ("contactó"
# written "o" + U+0301), Arabic vowel marks, and the vowel signs of the Indic scripts ("चैनल").
_WORD = r"\w&\u0300-\u036f\u064b-\u065f\u0670\u0900-\u0dff\u0e31-\u0e4e-"
_TOKEN_RE = re.compile(rf"[{_WORD}]+(?:['’][{_WORD}]+)*")
_UNSPACED_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
# A sentence ends at "!", "?", ";", a line break, CJK full stops, the Devanagari danda, or a "."
# followed by a space unless it ends an abbreviation of one to three letters ("ул.", "St.", "д.").
_SENTENCE_END_RE = re.compile(r"[!?;\n。！？؛।॥]|(?<![^\W\d_])[^\W\d_]{4,}\.(?=\s)|[\d)\]»\"']\.(?=\s)")
# The few words after a value, up to a comma or the sentence's end.
_CLAUSE_AFTER_RE = re.compile(r"[^,;:.!?\n()\[\]、，。（）「」“”]{1,30}")
_BRACKET_NOTE_RE = re.compile(r"[ \t]*[(\[]([^()\[\]\n]{1,40})[)\]]")


@dataclass(frozen=True, slots=True)
class Cue:
    words: tuple[str, ...]
    party: str


@dataclass(frozen=True, slots=True)
class PartyCues:
    """Cues by their first word: exact words, prefixes ("scam*"), inner parts ("*محتال*"); and
    cues of unspaced scripts, matched as substrings."""

    exact: dict[str, tuple[Cue, ...]]
    prefixes: dict[str, tuple[tuple[str, Cue], ...]]  # by their first two letters
    inner: tuple[tuple[str, Cue], ...]
    unspaced: tuple[Cue, ...]
    window: int
    # Possessive words ("her", "son", "ihr"): a sender cue right after one is the person's own
    # ("her YouTube channel", "son compte").
    possessives: frozenset[str] = frozenset()
    # The cues each word starts, remembered: a pure function of the word, asked for every word
    # before every phone number and IP address (bounded: cleared at _MEMO_MAX words).
    memo: dict[str, tuple[Cue, ...]] = field(default_factory=dict, compare=False, repr=False)


def _word_matches(pattern: str, token: str) -> bool:
    forms = (token, token.rsplit("'", 1)[-1].rsplit("’", 1)[-1])
    if pattern.startswith("*") and pattern.endswith("*"):
        return any(pattern[1:-1] in form for form in forms)
    if pattern.endswith("*"):
        return any(form.startswith(pattern[:-1]) for form in forms)
    return pattern in forms


def load_party_cues(path: Path = DATA_FILE) -> PartyCues:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    exact: dict[str, list[Cue]] = {}
    prefixes: list[tuple[str, Cue]] = []
    inner: list[tuple[str, Cue]] = []
    unspaced: list[Cue] = []
    not_for_accounts = {str(p).lower().strip() for p in data.get("not_for_accounts") or ()}
    for listed in (OFFENDER, INFRASTRUCTURE, SENDER, PERSONAL):
        # An operator's copy from before the sender cues: none.
        for phrase in data.get(listed) or ():
            text = str(phrase).lower().strip()
            party = CALLS if listed == OFFENDER and text in not_for_accounts else listed
            if _UNSPACED_RE.search(text):
                unspaced.append(Cue((text,), party))
                continue
            cue = Cue(tuple(text.split()), party)
            first = cue.words[0]
            if first.startswith("*") and first.endswith("*"):
                inner.append((first[1:-1], cue))
            elif first.endswith("*"):
                prefixes.append((first[:-1], cue))
            else:
                exact.setdefault(first, []).append(cue)
    return PartyCues(
        {word: tuple(cues) for word, cues in exact.items()},
        _by_start(prefixes),
        tuple(inner),
        tuple(unspaced),
        int(data["window"]),
        frozenset(str(data.get("possessives") or "").lower().split()),
    )


def _by_start(prefixes: list[tuple[str, Cue]]) -> dict[str, tuple[tuple[str, Cue], ...]]:
    grouped: dict[str, list[tuple[str, Cue]]] = {}
    for prefix, cue in prefixes:
        if len(prefix) < 2:
            raise ValueError("a cue word ending in '*' needs two letters before it")
        grouped.setdefault(prefix[:2], []).append((prefix, cue))
    return {start: tuple(items) for start, items in grouped.items()}


@cache
def bundled_party_cues() -> PartyCues:
    return load_party_cues()


def _sentence_start(text: str, start: int, window: int) -> int:
    lo = max(0, start - window)
    last = lo
    for end in _SENTENCE_END_RE.finditer(text, lo, start):
        last = end.end()
    return last


def _remembered_cues(token: str, cues: PartyCues) -> tuple[Cue, ...]:
    found = cues.memo.get(token)
    if found is None:
        found = tuple(_first_word_cues(token, cues))
        if len(cues.memo) >= _MEMO_MAX:
            cues.memo.clear()
        cues.memo[token] = found
    return found


_MEMO_MAX = 50_000


def _first_word_cues(token: str, cues: PartyCues) -> list[Cue]:
    found = _word_cues(token, cues)
    if "-" in token:  # "c2-server", "akira-ransomware", "microsoft-helpdesk"
        for part in token.split("-"):
            if part:
                found.extend(_word_cues(part, cues))
    if not token.isascii():  # "c2は": a Latin word glued to Japanese or Korean particles
        head = _ASCII_HEAD_RE.match(token)
        # Only before a CJK or Korean particle: "contactó" is not "contact" and a particle.
        if head is not None and head.end() < len(token) and _PARTICLE_RE.match(token, head.end()):
            found.extend(_word_cues(head.group(), cues))
    return found


_ASCII_HEAD_RE = re.compile(r"[a-z0-9&]+")
_PARTICLE_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _word_cues(token: str, cues: PartyCues) -> list[Cue]:
    found = list(cues.exact.get(token, ()))
    tail = token
    if "'" in token or "’" in token:  # "l'escroc", "scammer's"
        tail = token.rsplit("'", 1)[-1].rsplit("’", 1)[-1]
        found.extend(cues.exact.get(tail, ()))
    for word in (token, tail) if tail != token else (token,):
        found.extend(cue for prefix, cue in cues.prefixes.get(word[:2], ()) if word.startswith(prefix))
    if not token.isascii():  # the inner cues are Arabic words
        found.extend(cue for part, cue in cues.inner if part in token)
    return found


def nearest_cue(
    lower: str, lo: int, hi: int, cues: PartyCues, parties: frozenset[str] = frozenset((OFFENDER, PERSONAL))
) -> tuple[str, int] | None:
    """The party of the cue of `parties` ending last in lower[lo:hi], and where it ends;
    infrastructure and sender cues count as the offender's."""
    tokens = [(m.group(), m.end()) for m in _TOKEN_RE.finditer(lower, lo, hi)]
    best: tuple[str, int] | None = None
    for i, (token, _) in enumerate(tokens):
        for cue in _remembered_cues(token, cues):
            if cue.party not in parties:
                continue
            size = len(cue.words)
            following = tokens[i + 1 : i + size]
            if len(following) == size - 1 and all(
                _word_matches(word, tok) for word, (tok, _) in zip(cue.words[1:], following, strict=True)
            ):
                end = tokens[i + size - 1][1]
                # The cue ending last wins; of two ending at the same word, the longer one
                # ("recovery e-mail from" over "e-mail from").
                if best is None or end > best[1]:
                    party = cue.party
                    if party == SENDER and not cues.possessives.isdisjoint(
                        t for t, _ in tokens[max(0, i - 2) : i]
                    ):
                        party = PERSONAL  # "her YouTube channel @…": her own
                    best = (party, end)
    for cue in cues.unspaced:
        if cue.party not in parties:
            continue
        at = lower.rfind(cue.words[0], lo, hi)
        if at >= 0 and (best is None or at + len(cue.words[0]) >= best[1]):
            best = (cue.party, at + len(cue.words[0]))
    if best is not None and best[0] in (INFRASTRUCTURE, SENDER, CALLS):
        return OFFENDER, best[1]
    return best


def _first_cue(lower: str, lo: int, hi: int, cues: PartyCues, after: frozenset[str]) -> str | None:
    """The party of a cue in lower[lo:hi] after a value: a personal one first, then one of `after`."""
    personal = nearest_cue(lower, lo, hi, cues, frozenset((PERSONAL,)))
    if personal is not None:
        return PERSONAL
    # Only infrastructure words after an IP: "<IP> gehostet", not "<IP> after the smishing wave";
    # after an account, sender words too ("@name kanalı", "@name에게 협박을").
    other = nearest_cue(lower, lo, hi, cues, after) if after else None
    return None if other is None else other[0]


_PHONE_PARTIES = frozenset((OFFENDER, CALLS, PERSONAL))
_IP_PARTIES = frozenset((OFFENDER, CALLS, INFRASTRUCTURE, PERSONAL))
_ACCOUNT_PARTIES = frozenset((OFFENDER, SENDER, PERSONAL))
# Which cues after a value say it is the offender's when nothing before it decides.
_AFTER = {
    IP: frozenset((INFRASTRUCTURE,)),
    EMAIL: frozenset((SENDER,)),
    HANDLE: frozenset((SENDER,)),
}


# Telegram requires a bot's user name to end in "bot" ("@bank_check_bot", "@SupportBot").
_BOT_RE = re.compile(r"(?<![Rr]o)(?i:bot)$")


def decide(text: str, lower: str, det: Detection, found: Iterable[Detection], cues: PartyCues) -> str | None:
    """OFFENDER, PERSONAL, or None when nothing in its sentence says whose the value is. A note
    in brackets right after it ("(scammer)") decides first, then the nearest cue before it."""
    if det.kind == HANDLE and _BOT_RE.search(text, det.start, det.end) is not None:
        return OFFENDER  # a bot is software, no person's account
    parties = (
        _IP_PARTIES if det.kind == IP else _ACCOUNT_PARTIES if det.kind in (EMAIL, HANDLE) else _PHONE_PARTIES
    )
    after_parties = _AFTER.get(det.kind, frozenset())
    note = _BRACKET_NOTE_RE.match(lower, det.end)
    if note is not None:
        cue = nearest_cue(lower, note.start(1), note.end(1), cues, parties)
        if cue is not None:
            return cue[0]
    after = _CLAUSE_AFTER_RE.match(lower, det.end)
    later = None if after is None else _first_cue(lower, after.start(), after.end(), cues, after_parties)
    if later == PERSONAL or _owned_by_person(lower, det, found):
        return PERSONAL
    start = _sentence_start(text, det.start, cues.window)
    cue = nearest_cue(lower, start, det.start, cues, parties)
    if cue is None:
        return OFFENDER if later == OFFENDER else None
    party, end = cue
    if party == OFFENDER and any(d.kind == PERSON and end <= d.start and d.end <= det.start for d in found):
        return None  # "the fraudster called Maria on ...": her number
    return party


# "of" and its equivalents between a value and the person it belongs to ("the number +34 … of
# Iñaki Etxeberria", "la cuenta @… de Lucía").
_OWNER_RE = re.compile(r"[ \t]+(?:of|de|do|da|di|del|della|dello|von|van|des|du)[ \t]+")


def _owned_by_person(lower: str, det: Detection, found: Iterable[Detection]) -> bool:
    """A person's name right after the value and "of": the value is that person's."""
    owner = _OWNER_RE.match(lower, det.end)
    return owner is not None and any(d.kind == PERSON and d.start == owner.end() for d in found)


def attribute(
    text: str, lower: str, found: list[Detection], cues: PartyCues | None = None
) -> list[Detection]:
    """Phone numbers, IP addresses, e-mail addresses and accounts an offender cue speaks for become
    OFFENDER-PHONE, -IP, -EMAIL and -HANDLE (kept by the policy); an IP address with offender
    infrastructure named in its sentence and no personal cue nearer too. The others stay PHONE,
    IP, EMAIL and HANDLE (masked)."""
    if not any(d.kind in _RELABEL for d in found):
        return found
    rules = cues if cues is not None else bundled_party_cues()
    out: list[Detection] = []
    for det in found:
        if det.kind in _RELABEL:
            party = decide(text, lower, det, found, rules)
            if party is None and det.kind == IP and _infrastructure_nearby(text, det, found, rules):
                party = OFFENDER
            if party == OFFENDER:
                det = Detection(det.start, det.end, _RELABEL[det.kind])
        out.append(det)
    return out


def _infrastructure_nearby(text: str, det: Detection, found: list[Detection], cues: PartyCues) -> bool:
    start = _sentence_start(text, det.start, cues.window)
    end = _sentence_end(text, det.end, cues.window)
    return any(d.kind in _INFRASTRUCTURE and start <= d.start and d.end <= end for d in found)


def _sentence_end(text: str, end: int, window: int) -> int:
    hi = min(len(text), end + window)
    found = _SENTENCE_END_RE.search(text, end, hi)
    return found.start() if found is not None else hi
