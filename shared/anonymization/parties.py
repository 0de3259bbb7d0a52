"""Whose is a phone number, an IP address, an e-mail address, a social-media account, an IBAN or a
card number in free text: the offender's (kept: what investigators need) or a person's (masked).
The words around it decide (parties.yaml); see decide() and README, "Anonymization".

Cost: only the sentence before each value (at most `window` characters) and a few words after it
are read, word by word against sets: linear in the input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

from shared.anonymization.detectors import (
    CARD,
    CHAT_LINE_START,
    EMAIL,
    HANDLE,
    IBAN,
    IP,
    OFFENDER_CARD,
    OFFENDER_EMAIL,
    OFFENDER_HANDLE,
    OFFENDER_IBAN,
    OFFENDER_IP,
    OFFENDER_PHONE,
    PERSON,
    PHONE,
    Detection,
    bundled_handle_patterns,
)
from shared.anonymization.numbers import SUM_RE
from shared.data_files import parse_yaml

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
# Personal cues of the receiving end ("sent to", "на номер"): a message's recipient is a person,
# money's is not (said of phone numbers, IPs, e-mail addresses and accounts only).
RECEIVING = "receiving"
# Said of IBANs and cards only: an account the money went to ("mule", "beneficiary", "safe
# account", "振込先"), and words of paying ("transferred", "virement", "перевела"): an IBAN or card
# after one and a destination word ("to", "vers", "на") received the money.
PAYEE = "payee"
PAYMENT = "payment"
# Said of the first words right after a phone number, e-mail address or account: a verb of
# threatening or demanding whose subject it is ("@x threatened to leak", "+44 … demanded"), when
# nothing before it decides and no person is named before it in its sentence.
ACTOR = "actor"
# Words of a case or file reference ("ref", "Aktenzeichen", "ügyszám", "案件编号"): the number a
# few characters after one is that reference, no phone number.
REFERENCE = "reference"
_RELABEL = {
    PHONE: OFFENDER_PHONE,
    IP: OFFENDER_IP,
    EMAIL: OFFENDER_EMAIL,
    HANDLE: OFFENDER_HANDLE,
    IBAN: OFFENDER_IBAN,
    CARD: OFFENDER_CARD,
}
_PAYMENT_KINDS = frozenset((IBAN, CARD))
# Word characters and the combining marks that \w leaves out: a decomposed accent ("contactó"
# written "o" + U+0301), Arabic vowel marks, the vowel signs of the Indic scripts ("चैनल"), and
# those of Myanmar and Khmer ("လိမ်လည်သူ", "ជនរងគ្រោះ": a word cut at its first sign is no word).
_WORD = (
    r"\w&\u0300-\u036f\u064b-\u065f\u0670\u0900-\u0dff\u0e31-\u0e4e"
    r"\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074\u1082-\u108d"
    r"\u108f\u109a-\u109d\u17b4-\u17d3\u17dd-"
)
_TOKEN_RE = re.compile(rf"[{_WORD}]+(?:['’][{_WORD}]+)*")
_UNSPACED_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
# A sentence ends at "!", "?", ";", a line break, CJK full stops and semicolons, the Arabic, Armenian,
# Ethiopic, Urdu, Khmer and Myanmar stops, the Devanagari danda, or a "."
# followed by a space unless it ends an abbreviation of one to three letters ("ул.", "St.", "д.").
# A unit or currency after a number ends one too ("… a loss of 90 000 Ft. Phone …").
_SENTENCE_END_RE = re.compile(
    r"[!?;\n。！？؛；։።۔។៕။।॥]|(?<![^\W\d_])[^\W\d_]{4,}\.(?=\s)|[\d)\]»\"']\.(?=\s)|(?<=\d)\s[^\W\d_]{1,3}\.(?=\s+[^\W\d_])"
    # Arabic, Persian and Hebrew write no abbreviation with a full stop: "گزارش داد." ends one.
    r"|(?<=[\u0600-\u06ff\u05d0-\u05ea])\.(?=\s)"
)
# The few words after a value, up to a comma or the sentence's end.
# Commas and stops of other scripts end it too: Arabic "،" "؛", CJK "；" "：", Greek "·", Ethiopic "፣",
# Armenian "։", Khmer "។", Myanmar "။" and the danda "।".
_CLAUSE_AFTER_RE = re.compile(r"[^,;:.!?\n()\[\]、，。（）「」“”،؛；：·\u0387፣።۔։។៕။।॥]{1,30}")
# Full-width brackets too: Chinese and Japanese write a note after a value in them
# ("@…（詐欺アカウント）", "…（诈骗账号）").
_BRACKET_NOTE_RE = re.compile(r"[ \t]*[(\[（]([^()\[\]（）\n]{1,40})[)\]）]")
# The same note written inside the value's own brackets, after a comma ("(+91 …, fraudster)",
# "（050-…、詐欺）", "(LINE ID: …, offender)"): its last part, of one or two words, says whose the
# value is; a longer part is a clause about something else ("…, called by the scammer").
_INNER_NOTE_RE = re.compile(r"[ \t]*[,،、，][ \t]*([^\W\d_][^()\[\]（）,،、，\n]{0,24})[)\]）]")
# A chat transcript's line whose speaker is written in quotation marks ('[10:12] "Anna": …',
# "22:15 「区役所の田中」: …"): analysts quote the name an offender gave, a person's they write
# plain; an account may follow the name in brackets ("'Coach Lea' (@…):").
_QUOTED_SPEAKER_RE = re.compile(
    CHAT_LINE_START + r"[\"“„«‘'「『‹＂][^\"“”„«»‘’'「」『』‹›＂\n]{1,40}[\"”»’'」』›＂]"
    r"(?:[ \t]*[(\[（][^()\[\]（）\n]{1,60}[)\]）])?[ \t]*[:：]"
)
# A chat transcript's line opened by its time and a speaker's label ("[12/03/2024, 14:03] +55 …:").
_CHAT_SPEAKER_RE = re.compile(CHAT_LINE_START + r"[ \t]*")
_SPEAKER_END_RE = re.compile(r"[ \t]*[:：]")
# A table's column gap: a tab or three spaces and more between a row's cells (no one writes two
# words of a sentence so far apart; two spaces end many a sentence).
_ROW_GAP_RE = re.compile(r"\t| {3,}")
# The bracket a value is written in: opened a few characters before it, on its line, not closed.
_OPENED_RE = re.compile(r"[(\[（][^()\[\]（）\n]{0,24}$")


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
    # Words of a destination ("to", "vers", "на") and of an origin ("from", "von", "с") of money,
    # read right before an IBAN, card or phone number, past the `account_words` ("account",
    # "IBAN", "карту") between; and the words linking a value to its owner after it ("of the",
    # "used by", "ya": "+255 … ya tapeli").
    payment_to: frozenset[str] = frozenset()
    payment_from: frozenset[str] = frozenset()
    account_words: frozenset[str] = frozenset()
    owner_words: frozenset[str] = frozenset()
    owner_links: frozenset[str] = frozenset()
    # Words saying a role is feigned ("fake", "so-called", "angeblich", "лже"): the role word
    # beside one names the offender wherever the text repeats it ("the fake landlord … The
    # landlord used …"). `impostor_after`: those written after their noun ("técnico falso").
    impostor_before: frozenset[str] = frozenset()
    impostor_after: frozenset[str] = frozenset()
    # Words of where a call, message or mail came from ("from", "z", "nga", "с", "desde"), read
    # right before a phone number, e-mail address or account past `origin_skip` words ("the
    # number"): the sender's, when nothing else in the sentence decides (see _origin_before).
    origin: frozenset[str] = frozenset()
    origin_skip: frozenset[str] = frozenset()
    # Pronouns of a person ("she", "I", "elle", "она"): one before the origin word may be who
    # called or wrote from the value ("She called the police from +44 …"): see _origin_before.
    origin_persons: frozenset[str] = frozenset()
    # A possessive and the contact words between a person's name and a value written after it
    # ("'s phone", "کا نمبر", "さんの電話番号は"): see _possessed_by_person.
    possessed_words: frozenset[str] = frozenset()
    # Postpositions of origin written right after a value ("سے", "से", "から"): see _origin_after.
    origin_after: frozenset[str] = frozenset()
    # The word of a passive's agent ("by", "par", "por"), read right before a phone number,
    # e-mail address or account past `origin_skip` words: who did it ("threatened on Instagram by
    # @x"), unless a word of `not_agent` ("reported", "posted") comes just before it.
    agent: frozenset[str] = frozenset()
    not_agent: frozenset[str] = frozenset()
    # Words of the channel a crime went through ("via", "über", "عبر"), read before an e-mail
    # address or account: see _channel_of_crime.
    channel: frozenset[str] = frozenset()
    crimes: re.Pattern[str] | None = None
    crime_targets: frozenset[str] = frozenset()
    compromised: re.Pattern[str] | None = None
    # Verbs of calling or writing to someone ("called", "a appelé", "belde") and the short words
    # between one and whom it names ("ligou para o", "tinawagan si"): see _called_by_person, _callee.
    dialled: frozenset[str] = frozenset()
    dialled_links: frozenset[str] = frozenset()
    dialled_after_to: frozenset[str] = frozenset()
    # Auxiliaries of an active perfect and reflexive particles between a subject and its verb of
    # calling ("Marie a appelé", "Петя се обади"); never a passive's ("was called").
    subject_links: frozenset[str] = frozenset()
    # Offender roles that a recruited person plays ("mule", "дроп"): a name right after one is
    # that person, whose contact details stay masked (see _named_offender).
    recruited: frozenset[str] = frozenset()
    # Owner words that are articles only ("the", "la", "der"): an owner phrase opening with one
    # ("… la falsa notificación") links the value to nothing (see _linked_owner_after).
    owner_articles: frozenset[str] = frozenset()
    # Written right after a value: it is an identity claimed ("…を名乗る", "…をかたる").
    claimed_after: frozenset[str] = frozenset()
    # Korean recipient particles right after an account ("@…에게 … 송금"): see _paid_to_after.
    paid_to_after: frozenset[str] = frozenset()
    # Case endings after an apostrophe that make a name an object ("Ayşe Kaya'ya"): see _named_offender.
    object_case_endings: frozenset[str] = frozenset()
    # Personal cues of being reachable somewhere ("reachable", "joignable", "erreichbar"): said of
    # the party named nearest before them, an offender's role too (see _reachable_offender).
    reachable: frozenset[str] = frozenset()
    # Words of a claimed identity's use between a quoted role and a value ('"mentor" used +62 …',
    # 'who used the'): see _quoted_role_before.
    role_links: frozenset[str] = frozenset()
    # Written right after a value: it was called or written to ("…に電話した", "…로 전화했다"):
    # see _dialled_after.
    dialled_after: tuple[str, ...] = ()
    # Words of calling or contacting someone after a value ("to call", "za pozive", "联系"): a
    # person after one is whom the value reached (see _first_reaching); those of unspaced scripts
    # match the start of a word.
    reaching: frozenset[str] = frozenset()
    reaching_unspaced: tuple[str, ...] = ()
    # Written right after a phone number where "from" follows its noun: a call or message came
    # from it ("… से कॉल आया", "… இலிருந்து அழைப்பு வந்த"), as "a call from" says before one:
    # the caller's, whoever received it (see _call_came_after).
    came_after: tuple[str, ...] = ()
    # Words of a mail header's sender line ("From:", "Von:", "De :"): see _header_sender.
    header_from: frozenset[str] = frozenset()
    # A pronoun of the third person and the words that may follow it before a value ("His number
    # was …", "They used …"): see _refers_back.
    back_pronouns: frozenset[str] = frozenset()
    back_links: frozenset[str] = frozenset()
    # Words of belonging or use in a clause set off after a value (", which belonged to the
    # fraudster", ", die dem Betrüger gehörte"): see _belonging_clause.
    belonging: frozenset[str] = frozenset()
    # A passive's auxiliaries ("was", "wurde", "a été", "fue") and participles of acting on or
    # reaching someone ("threatened", "bedroht", "menacée", "amenazada"), read right after a value
    # with `agent` after them: see _passive_target.
    passive_auxiliaries: frozenset[str] = frozenset()
    passive_participles: frozenset[str] = frozenset()
    # Local parts of an organisation's role mailboxes ("support@", "security@", "noreply@"): see
    # _self_named.
    role_mailboxes: frozenset[str] = frozenset()
    # Words of a table's column header naming only a call's or transfer's direction ("caller",
    # "from", "Absender"): see _column_party.
    column_directions: frozenset[str] = frozenset()
    # Korean case and topic particles, written glued to the noun before them ("발신번호는", the
    # sending number [topic]): a cue word so marked is still that cue.
    korean_particles: tuple[str, ...] = ()
    # Object forms of `origin_persons` ("me", "mich", "меня"): never who called or wrote; and verbs
    # of receiving a call or message ("got", "erhielt", "получила"), whose subject is its receiver
    # (see _origin_before).
    object_pronouns: frozenset[str] = frozenset()
    received: frozenset[str] = frozenset()
    # Indefinite persons ("someone", "jemand", "кто-то"): one before an origin word is who called.
    indefinite: frozenset[str] = frozenset()
    # Names of mobile-money services ("MonCash", "Tigo", "Daviplata", "Pix"): a phone number money
    # went to through one is a wallet.
    wallets: frozenset[str] = frozenset()
    # Names of messaging apps ("WhatsApp", "Imo", "Zalo"), patterns as in `crimes`: a phone number
    # right after one is the account a message came from (see _messenger_before).
    messengers: tuple[str, ...] = ()
    # Words between an app's or a service's name and its number ("EVC Plus lambarka …"), and
    # possessives besides `possessives` before the name ("Su Nequi: …").
    app_skip: frozenset[str] = frozenset()
    app_owners: frozenset[str] = frozenset()
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
    data = parse_yaml(path.read_text(encoding="utf-8"))
    exact: dict[str, list[Cue]] = {}
    prefixes: list[tuple[str, Cue]] = []
    inner: list[tuple[str, Cue]] = []
    unspaced: list[Cue] = []
    not_for_accounts = {str(p).lower().strip() for p in data.get("not_for_accounts") or ()}
    for listed in (
        OFFENDER,
        INFRASTRUCTURE,
        SENDER,
        PERSONAL,
        RECEIVING,
        PAYEE,
        PAYMENT,
        ACTOR,
        REFERENCE,
    ):
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
        _word_set(data, "payment_to"),
        _word_set(data, "payment_from"),
        _word_set(data, "account_words"),
        _word_set(data, "owner_words"),
        _word_set(data, "owner_links"),
        _word_set(data, "impostor_before"),
        _word_set(data, "impostor_after"),
        _word_set(data, "origin"),
        _word_set(data, "origin_skip"),
        _word_set(data, "origin_persons"),
        _word_set(data, "possessed") | _word_set(data, "origin_skip"),
        _word_set(data, "origin_after"),
        _word_set(data, "agent"),
        _word_set(data, "not_agent"),
        _word_set(data, "channel"),
        _crime_pattern(str(data.get("crimes") or "").lower().split()),
        _word_set(data, "crime_targets"),
        _crime_pattern(str(data.get("compromised") or "").lower().split()),
        _word_set(data, "dialled"),
        _word_set(data, "dialled_links"),
        _word_set(data, "dialled_after_to"),
        _word_set(data, "subject_links"),
        _word_set(data, "recruited"),
        _word_set(data, "owner_articles"),
        _word_set(data, "claimed_after"),
        _word_set(data, "paid_to_after"),
        _word_set(data, "object_case_endings"),
        _word_set(data, "reachable"),
        _word_set(data, "role_links"),
        tuple(str(data.get("dialled_after") or "").lower().split("|")) if data.get("dialled_after") else (),
        frozenset(w for w in _word_set(data, "reaching") if not _UNSPACED_RE.search(w)),
        tuple(w for w in _word_set(data, "reaching") if _UNSPACED_RE.search(w)),
        tuple(str(data.get("came_after") or "").lower().split("|")) if data.get("came_after") else (),
        _word_set(data, "header_from"),
        _word_set(data, "back_pronouns"),
        _word_set(data, "back_links") | _word_set(data, "origin_skip"),
        _word_set(data, "belonging"),
        _word_set(data, "passive_auxiliaries"),
        _word_set(data, "passive_participles") | _word_set(data, "dialled"),
        _word_set(data, "role_mailboxes"),
        _word_set(data, "column_directions"),
        tuple(sorted(_word_set(data, "korean_particles"), key=len, reverse=True)),
        _word_set(data, "object_pronouns"),
        _word_set(data, "received"),
        _word_set(data, "indefinite"),
        wallets=_word_set(data, "wallets"),
        messengers=tuple(sorted(_word_set(data, "messengers"))),
        app_skip=_word_set(data, "app_skip"),
        app_owners=_word_set(data, "app_owners"),
    )


def _crime_pattern(words: list[str]) -> re.Pattern[str] | None:
    """One pattern for the crimes' names: "fraud*" a word starting so, "*betrug*" a word containing
    it, other words whole."""
    if not words:
        return None
    parts = []
    for word in words:
        core = re.escape(word.strip("*"))
        inner = word.startswith("*") and word.endswith("*") and len(word) > 2
        tail = f"[{_WORD}]*" if word.endswith("*") else ""
        parts.append(f"[{_WORD}]*{core}{tail}" if inner else core + tail)
    return re.compile(rf"(?<![{_WORD}])(?:{'|'.join(parts)})(?![{_WORD}])")


def _word_set(data: dict[str, object], key: str) -> frozenset[str]:
    return frozenset(str(data.get(key) or "").lower().split())


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
    stem = _korean_stem(token, cues)
    if stem:  # "발신번호는": the cue "발신번호" and a particle
        found.extend(_word_cues(stem, cues))
    if not token.isascii():  # "c2は": a Latin word glued to Japanese or Korean particles
        head = _ASCII_HEAD_RE.match(token)
        # Only before a CJK or Korean particle: "contactó" is not "contact" and a particle.
        if head is not None and head.end() < len(token) and _PARTICLE_RE.match(token, head.end()):
            found.extend(_word_cues(head.group(), cues))
    return found


def _korean_stem(token: str, cues: PartyCues) -> str:
    """A Hangul word without the particle glued to its end ("발신번호는" → "발신번호"), or ""."""
    if not _HANGUL_END_RE.search(token):
        return ""
    particle = next((p for p in cues.korean_particles if token.endswith(p)), "")
    stem = token[: -len(particle)] if particle else ""
    return stem if len(stem) >= _KOREAN_STEM_MIN else ""


_HANGUL_END_RE = re.compile(r"[\uac00-\ud7af]$")
_KOREAN_STEM_MIN = 2
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


_Token = tuple[str, int, int]


def _tokens(lower: str, lo: int, hi: int) -> list[_Token]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(lower, lo, hi)]


def _cue_ends(
    tokens: list[_Token], i: int, cues: PartyCues, parties: frozenset[str]
) -> Iterable[tuple[Cue, int]]:
    """The cues of `parties` starting at token i, with where each ends."""
    for cue in _remembered_cues(tokens[i][0], cues):
        if cue.party not in parties:
            continue
        size = len(cue.words)
        following = tokens[i + 1 : i + size]
        if len(following) == size - 1 and all(
            _word_matches(word, tok) for word, (tok, _, _) in zip(cue.words[1:], following, strict=True)
        ):
            yield cue, tokens[i + size - 1][2]


def _nearest(
    lower: str, lo: int, hi: int, cues: PartyCues, parties: frozenset[str], tokens: list[_Token] | None = None
) -> tuple[str, int] | None:
    """The raw party of the cue of `parties` ending last in lower[lo:hi] (its `tokens`, when
    already read), and where it ends."""
    if tokens is None:
        tokens = _tokens(lower, lo, hi)
    best: tuple[str, int] | None = None
    best_at, best_word = -1, 0
    for i in range(len(tokens)):
        if not _remembered_cues(tokens[i][0], cues):
            continue  # most words start no cue
        for cue, end in _cue_ends(tokens, i, cues, parties):
            # The cue ending last wins; of two ending at the same word, the longer one
            # ("recovery e-mail from" over "e-mail from"), and of two one-word cues of one word,
            # the longer pattern (Romanian "nepoata", the niece: "nepoat*" over Dutch "nep*").
            word = len(cue.words[0].strip("*")) if len(cue.words) == 1 else 0
            if best is None or end > best[1] or (i == best_at and end == best[1] and word > best_word):
                best_at, best_word = i, word
                party = cue.party
                if party == SENDER and not cues.possessives.isdisjoint(
                    t for t, _, _ in tokens[max(0, i - 2) : i]
                ):
                    party = PERSONAL  # "her YouTube channel @…": her own
                best = (party, end)
    # One scan for an ideograph or kana saves a look for every cue of those scripts.
    for cue in cues.unspaced if _UNSPACED_RE.search(lower, lo, hi) else ():
        if cue.party not in parties:
            continue
        at = lower.rfind(cue.words[0], lo, hi)
        if at >= 0 and (best is None or at + len(cue.words[0]) >= best[1]):
            best = (cue.party, at + len(cue.words[0]))
    return best


def nearest_cue(
    lower: str,
    lo: int,
    hi: int,
    cues: PartyCues,
    parties: frozenset[str] = frozenset((OFFENDER, PERSONAL)),
    tokens: list[_Token] | None = None,
) -> tuple[str, int] | None:
    """The party of the cue of `parties` ending last in lower[lo:hi], and where it ends;
    infrastructure and sender cues count as the offender's, receiving ones as personal."""
    best = _nearest(lower, lo, hi, cues, parties, tokens)
    if best is not None and best[0] in (INFRASTRUCTURE, SENDER, CALLS):
        return OFFENDER, best[1]
    if best is not None and best[0] == RECEIVING:
        return PERSONAL, best[1]
    return best


def _first_cue(
    lower: str, lo: int, hi: int, cues: PartyCues, personal: frozenset[str], after: frozenset[str]
) -> str | None:
    """The party of a cue in lower[lo:hi] after a value: a personal one first, then one of `after`.
    A person after a verb of threatening or impersonating there is whom the value's owner acted on
    or claimed to be ("+52 … fingiendo tener a su hija", "@x threatened her son"), not its owner."""
    tokens = _tokens(lower, lo, hi)
    cut = min(
        (at for at in (_first_cue_at(tokens, cues, _ACTOR), _first_reaching(tokens, cues)) if at >= 0),
        default=hi,
    )
    if nearest_cue(lower, lo, cut, cues, personal) is not None:
        return PERSONAL
    # Only infrastructure words after an IP: "<IP> gehostet", not "<IP> after the smishing wave";
    # after an account, sender words too ("@name kanalı", "@name에게 협박을").
    other = nearest_cue(lower, lo, hi, cues, after) if after else None
    return None if other is None else other[0]


def _first_reaching(tokens: list[_Token], cues: PartyCues) -> int:
    """Where the first word of calling or contacting someone stands among the words after a value
    ("+44 … to call the victims", "… za pozive žrtvama", "…联系受害人"), or -1: a person after it is
    whom the value reached, not its owner. Not before the word of a passive's agent ("… called by
    her son": who called whom is unclear)."""
    for j, (word, at, _) in enumerate(tokens):
        if (
            word in cues.dialled
            or word in cues.reaching
            or any(word.startswith(u) for u in cues.reaching_unspaced)
        ):
            following = tokens[j + 1][0] if j + 1 < len(tokens) else ""
            return -1 if following in cues.agent else at
    return -1


def _first_cue_at(tokens: list[_Token], cues: PartyCues, parties: frozenset[str]) -> int:
    """Where the first cue of `parties` among the tokens starts, or -1."""
    for j in range(len(tokens)):
        if any(True for _ in _cue_ends(tokens, j, cues, parties)):
            return tokens[j][1]
    return -1


_PHONE_PARTIES = frozenset((OFFENDER, CALLS, PERSONAL, RECEIVING))
_IP_PARTIES = frozenset((OFFENDER, CALLS, INFRASTRUCTURE, PERSONAL, RECEIVING))
_ACCOUNT_PARTIES = frozenset((OFFENDER, SENDER, PERSONAL, RECEIVING))
_PAYMENT_PARTIES = frozenset((OFFENDER, PAYEE, PAYMENT, PERSONAL))
_PERSONAL = frozenset((PERSONAL, RECEIVING))
# Which cues after a value say it is the offender's when nothing before it decides.
_AFTER = {
    IP: frozenset((INFRASTRUCTURE,)),
    EMAIL: frozenset((SENDER,)),
    HANDLE: frozenset((SENDER,)),
    IBAN: frozenset((PAYEE,)),  # verb-final languages: "… به حساب <IBAN> واریز کرد"
    CARD: frozenset((PAYEE,)),
}
# The offender cues an owner phrase after a value may name ("+255 … ya tapeli", "<IBAN> of the mule").
_OWNER_PARTIES = {
    PHONE: frozenset((OFFENDER, CALLS)),
    IP: frozenset((OFFENDER, CALLS, INFRASTRUCTURE)),
    EMAIL: frozenset((OFFENDER, SENDER)),
    HANDLE: frozenset((OFFENDER, SENDER)),
    IBAN: frozenset((OFFENDER, PAYEE)),
    CARD: frozenset((OFFENDER, PAYEE)),
}


# Telegram requires a bot's user name to end in "bot" ("@bank_check_bot", "@SupportBot").
_BOT_RE = re.compile(r"(?<![Rr]o)(?i:bot)$")


def _parties_of(kind: str) -> frozenset[str]:
    if kind == IP:
        return _IP_PARTIES
    if kind in (EMAIL, HANDLE):
        return _ACCOUNT_PARTIES
    if kind in _PAYMENT_KINDS:
        return _PAYMENT_PARTIES
    return _PHONE_PARTIES


def decide(
    text: str,
    lower: str,
    det: Detection,
    found: Iterable[Detection],
    cues: PartyCues,
    feigned: Callable[[], frozenset[str]] = frozenset,
) -> str | None:
    """OFFENDER, PERSONAL, or None when nothing in its sentence says whose the value is. A note
    in brackets right after it ("(scammer)") decides first; then a personal cue in the few words
    after it or a person's name owning it ("… of Maria"); then where money went (an IBAN or card
    after "paid … to", any after "paid … from"); then the nearest cue before it; then an offender or sender
    cue after it ("… ya tapeli", "… kanalı")."""
    if det.kind == HANDLE and _BOT_RE.search(text, det.start, det.end) is not None:
        return OFFENDER  # a bot is software, no person's account
    glued = _GLUED_CJK_RE.match(text, det.start, det.end) if det.kind == EMAIL else None
    if glued is not None and glued.end() < det.end:
        # An address masked with the Chinese, Japanese or Korean words glued before it
        # ("メールの送信元はinfo@…"): those words are its sentence, read as such.
        det = Detection(glued.end(), det.end, det.kind)
    parties = _parties_of(det.kind)
    note = _BRACKET_NOTE_RE.match(lower, det.end)
    if note is not None:
        cue = nearest_cue(lower, note.start(1), note.end(1), cues, parties)
        if cue is not None:
            return OFFENDER if cue[0] in (PAYEE, PAYMENT) else cue[0]
    inner = _inner_note(lower, det)
    if inner is not None:
        cue = nearest_cue(lower, inner[0], inner[1], cues, parties)
        if cue is not None:
            return OFFENDER if cue[0] in (PAYEE, PAYMENT) else cue[0]
    header = _column_header(lower, det)
    column = None if header is None else _column_party(lower, header, cues, parties)
    if column is not None:
        return column
    if det.kind == PHONE and _number_speaker(text, det):
        return OFFENDER
    if det.kind in _ACTOR_KINDS:
        row = _row_party(lower, det, found, cues)
        if row is not None:
            return row
    if det.kind in _ACTOR_KINDS and _passive_target(lower, det.end, cues):
        return PERSONAL
    personal = parties & _PERSONAL
    if det.kind == PHONE and cues.dialled_after and _dialled_after(text, lower, det, found, cues):
        return OFFENDER
    after = _CLAUSE_AFTER_RE.match(lower, det.end)
    later = None
    linked = False  # "… of the scammer", "… do kẻ gian cung cấp": said to be the offender's
    came = False  # "… से कॉल आया": a call came from it
    if after is not None and det.kind == HANDLE and _paid_to_after(lower, after, cues):
        # "판매자 @…에게 120만 원 송금", "@…에게 서예린 씨가 120만 원을 입금했다": where the money
        # went; a person after the particle is who paid, not the account's owner
        later, linked = OFFENDER, True
    elif after is not None:
        later = _first_cue(
            lower, after.start(), after.end(), cues, personal, _AFTER.get(det.kind, frozenset())
        )
        if (
            later is None
            and _owner_after(lower, after.start(), after.end(), cues, _OWNER_PARTIES[det.kind])
            and not _person_called_from(text, lower, after, det, found, cues)
        ):
            later = OFFENDER
            linked = _linked(lower, after.start(), cues)
        if later is None and any(lower.startswith(word, det.end) for word in cues.claimed_after):
            # Japanese writes the identity claimed before "を名乗る" ("@…を名乗る犯人"), glued.
            later, linked = OFFENDER, True
    if later is None and det.kind in _ACTOR_KINDS and _belonging_clause(lower, det, found, cues):
        # Not linked: a personal cue anywhere before it in its sentence still wins ("Contact the
        # witness at …, which the scammer used as a callback number": the witness's).
        later = OFFENDER
    if later != PERSONAL and det.kind == PHONE and _call_came_after(lower, det.end, cues):
        later, linked, came = OFFENDER, True, True
    start = _sentence_start(text, det.start, cues.window)
    owner = _possessed_by_person(lower, det, found, cues)
    if owner is not None and _named_offender(lower, start, owner, found, cues):
        owner = None  # "the broker Ivan Petrov's phone …": the offender's, named
    if later == PERSONAL or _owned_by_person(lower, det, found) or owner is not None:
        return PERSONAL
    later = None if later is None else OFFENDER
    if _INTRO_RE.search(text, max(0, start - _INTRO_REACH), start) is not None:
        # A list on lines of its own after "The fraudsters' numbers:": its first item's sentence
        # is the line introducing it (the next items follow their first: see _listed).
        start = _sentence_start(text, text.rindex(":", 0, start), cues.window)
    tokens = _tokens(lower, start, det.start)
    if came and not _personal_right_before(lower, start, tokens, det, cues):
        # "पीड़ित को +91 … से कॉल आया": the person before is whom the call came to, as in "the
        # victim received a call from …"; not "अपने नंबर … से" (her own number)
        return OFFENDER
    if det.kind == PHONE and _app_before(lower, start, tokens, det, found, cues):
        return OFFENDER
    if later is None and after is not None and det.kind in _ACTOR_KINDS:
        later = _actor_after(lower, start, after.start(), after.end(), det, found, cues)
    paid = _money_way(lower, tokens, det, found, cues)
    if paid is not None:
        return paid
    if det.kind in _PAYMENT_KINDS:
        return _payment_account(lower, start, tokens, det, found, cues) or later
    if det.kind in _ACTOR_KINDS and (
        _agent_before(tokens, cues)
        # Only a number: whom a person wrote to is their bank, the police or a relative as often
        # as the offender ("the victim wrote to helpdesk@… for help"), and nothing says which.
        or (det.kind == PHONE and _called_by_person(lower, start, tokens, det, found, cues))
    ):
        return OFFENDER
    if det.kind == EMAIL and _header_sender(lower, det, found, cues):
        return OFFENDER
    if det.kind in (EMAIL, HANDLE) and (_written_to(tokens, cues) or _taken_over(lower, tokens, det, cues)):
        return None  # "the scammer messaged @…", "взломали аккаунт @…": a person's account
    if det.kind == PHONE and _written_to(tokens, cues):
        return later  # "the scammer called +44 …", "мошенник позвонил на …": whom it called
    if det.kind in _ACTOR_KINDS and _channel_of_crime(lower, start, tokens, det, found, cues):
        return OFFENDER
    if det.kind in _ACTOR_KINDS and _quoted_role_before(text, lower, start, det, found, cues):
        return OFFENDER
    if det.kind == PHONE and _refers_back(text, lower, start, tokens, det, found, cues):
        # Only a number: an account or address so referred to was a victim's as often in the
        # held-out sets (a test half lost recall with them).
        return OFFENDER
    cue = nearest_cue(lower, start, det.start, cues, parties, tokens)
    if cue is not None and cue[0] == PERSONAL and _kin_in_crime_name(tokens, cue[1], cues):
        # "Estafa del hijo en apuros … desde el +34 …": the son names the scam, no one here.
        rest = [t for t in tokens if t[1] >= cue[1]]
        cue = nearest_cue(lower, cue[1], det.start, cues, parties, rest)
    if (
        cue is not None
        and cue[0] == PERSONAL
        and det.kind in _ACTOR_KINDS
        and _origin_word_before(tokens, cues)
        and (_addressed(tokens, cue[1], cues) or _called_by_offender(lower, start, tokens, cue[1], cues))
    ):
        # "calls to US seniors came from …": the persons were called; where from is the caller's,
        # unless a person or pronoun before may be who called ("She wrote to her son from …").
        return _origin_before(lower, tokens, start, det, found, cues) or later
    if cue is None:
        if det.kind not in _ACTOR_KINDS:
            return later
        origin = _origin_before(lower, tokens, start, det, found, cues)
        decided = origin or _feigned_role(tokens, det, found, feigned()) or later
        return decided or (OFFENDER if _quoted_speaker(text, det) else None)
    party, end = cue
    if party == PERSONAL and det.kind in _ACTOR_KINDS and _offenders_contact(tokens, end, cues):
        party = OFFENDER  # "사기범 연락처 …", "the scammer's contact …": the contact of the offender
    if (
        party == PERSONAL
        and det.kind in _ACTOR_KINDS
        and _reachable_offender(lower, start, tokens, end, det, found, cues)
    ):
        party = OFFENDER  # "un faux conseiller … joignable au …": where the offender is reached
    if (
        linked
        and party == PERSONAL
        and det.kind in _ACTOR_KINDS
        and not _adjacent(lower, tokens, end, det, found, cues)
    ):
        # "the victim Ana … sent money to the number … of the scammer": what the value's own
        # words say beats a person named earlier in the sentence, not one right before it
        # ("her number … of the …", "su móvil …", "Ana Lopez, …").
        return OFFENDER
    if (
        party == OFFENDER
        and det.kind in _ACTOR_KINDS
        and _calling_phrase_before(tokens, end, cues)
        and _caller_is_person(lower, start, tokens, found, cues)
    ):
        return PERSONAL  # "Maria Lopes ligou do …": the cue is her call, from her own number
    if party == OFFENDER and det.kind in _ACTOR_KINDS and _origin_word_before(tokens, cues):
        if _caller_is_person(lower, start, tokens, found, cues):
            return PERSONAL  # "the complainant called the helpdesk from +44 …": her own number
        if not _others_between(lower, end, tokens, det, found, cues):
            return OFFENDER  # "phoned by a fake 'DC Harris' from …", "llamaron a Ana desde …"
    # A name detector may take the role into the name ("Şantajcı Ayşe Kaya'ya"): a name whose
    # first word is the cue stands between the cue and the value too.
    persons = [
        d
        for d in found
        if d.kind == PERSON and d.end <= det.start and (end <= d.start or _first_word_ends(lower, d, end))
    ]
    if (
        party == OFFENDER
        and det.kind in _ACTOR_KINDS
        and _recruited_role(lower, start, end, cues)
        and any(c.isupper() for c in text[end : det.start])
    ):
        # "Money mule: Jasmin Özdemir, Tel. …": a capitalised word between may be the recruited
        # person's name, found or not, and these their own contact details (a mule is a person,
        # as for a named one); "recruiters of mules used …" stays the recruiters'.
        return None
    if party == OFFENDER and persons:
        # "the suspect Ivan Petrov used +7 …": the role's own name. Not for an account: its name is
        # usually the person's own, and a name after a role is not always the role's (README
        # "Anonymization", the numbered rule).
        if det.kind != HANDLE and _named_offender(lower, start, max(persons, key=_start_of), found, cues):
            return OFFENDER
        return later  # "the fraudster called Maria on ...": her number, unless "… of the scammer"
    return party


def _column_party(
    lower: str, header: tuple[int, int, str], cues: PartyCues, parties: frozenset[str]
) -> str | None:
    """The party a table's column header names for a value in a row below it: a call-detail list,
    an SMS log or a statement pasted with "|", tab or ";" between cells ("Anrufer (Täter)", "Caller
    (scammer)", "Victim's number", "Empfänger"). A row's cell has no sentence: its header is what
    says whose it is. Words naming only a call's or transfer's direction ("caller", "from",
    "Absender") say nothing there: an outgoing row's caller is the account holder."""
    tokens = [t for t in _tokens(lower, header[0], header[1]) if t[0] not in cues.column_directions]
    cue = nearest_cue(lower, header[0], header[1], cues, parties, tokens)
    if cue is None:
        return None
    return OFFENDER if cue[0] in (PAYEE, PAYMENT) else cue[0]


def _column_header(lower: str, det: Detection) -> tuple[int, int, str] | None:
    """The span of the header cell above a value's cell and the cells' separator: the nearest
    line above with as many cells whose cell in the value's column holds no digit (rows between
    hold data, a Markdown rule line is skipped); None outside a table."""
    start = lower.rfind("\n", 0, det.start) + 1
    end = lower.find("\n", det.end)
    end = len(lower) if end < 0 else end
    sep = next((c for c in _CELL_SEPARATORS if lower.count(c, start, end) >= _CELLS_MIN), None)
    if sep is None:
        return None
    cells = lower.count(sep, start, end)
    column = lower.count(sep, start, det.start)
    for _ in range(_HEADER_LINES_MAX):
        if start == 0:
            return None
        end = start - 1
        start = lower.rfind("\n", 0, end) + 1
        if _RULE_LINE_RE.fullmatch(lower, start, end):
            continue
        if lower.count(sep, start, end) != cells:
            return None
        lo = start
        for _ in range(column):
            lo = lower.index(sep, lo, end) + 1
        hi = lower.find(sep, lo, end)
        hi = end if hi < 0 else hi
        if not any(ch.isdigit() for ch in lower[lo:hi]):
            return lo, hi, sep
    return None


_CELL_SEPARATORS = ("|", "\t", ";")
_CELLS_MIN = 2
_HEADER_LINES_MAX = 60
_RULE_LINE_RE = re.compile(r"[ \t|:+=-]*")


def _belonging_clause(lower: str, det: Detection, found: Iterable[Detection], cues: PartyCues) -> bool:
    """A clause set off by a comma or dash right after the value says an offender owned or used it
    (", which belonged to the fraudster", ", die dem Betrüger gehörte", ", utilisé par l'escroc",
    ", принадлежавший мошеннику"): the offender's, the clause read whole since verb-final languages
    write the role before the verb. Not with a personal cue, a person's pronoun or a person's name
    in the clause: who used it may be the victim (", which she used to pay the scammer"); nor with
    a word of a takeover near it: a hijacked account or number is its owner's."""
    clause = _BELONGING_CLAUSE_RE.match(lower, det.end)
    if clause is None or not cues.belonging:
        return False
    lo, hi = clause.start(1), clause.end(1)
    tokens = _tokens(lower, lo, hi)
    if not tokens or len(tokens) > _BELONGING_WORDS_MAX:
        return False
    words = [word for word, _, _ in tokens]
    if cues.belonging.isdisjoint(words) or not cues.origin_persons.isdisjoint(words):
        return False
    if any(d.kind == PERSON and lo <= d.start < hi for d in found):
        return False
    if nearest_cue(lower, lo, hi, cues, _PERSONAL, tokens) is not None:
        return False
    if cues.compromised is not None and cues.compromised.search(
        lower, max(0, det.start - cues.window), hi + _BELONGING_TAKEN_REACH
    ):
        return False  # "@…, which the scammers used to write to her friends, was hacked": hers
    return nearest_cue(lower, lo, hi, cues, _OWNER_PARTIES[det.kind], tokens) is not None


_BELONGING_CLAUSE_RE = re.compile(
    r"[ \t]*[,–—][ \t]*([^,;:.!?\n()\[\]、，。（）「」“”،؛；：·\u0387፣።۔։។៕။।॥]{1,60})"
)
_BELONGING_WORDS_MAX = 8
_BELONGING_TAKEN_REACH = 60


def _quoted_speaker(text: str, det: Detection) -> bool:
    """The value is written in a chat line of a speaker written in quotation marks, after the
    name: the offender's, when nothing in its sentence says whose it is."""
    return _QUOTED_SPEAKER_RE.match(text, text.rfind("\n", 0, det.start) + 1) is not None


def _number_speaker(text: str, det: Detection) -> bool:
    """A phone number that is a chat line's speaker ("[14:03] +55 11 …: mãe troquei de chip"): an
    export shows its owner and saved contacts by name and an unknown sender by number: the other
    side, the offender in a report's transcript."""
    line = text.rfind("\n", 0, det.start) + 1
    return (
        _CHAT_SPEAKER_RE.fullmatch(text, line, det.start) is not None
        and _SPEAKER_END_RE.match(text, det.end) is not None
    )


def _gapped_row(lower: str, det: Detection) -> bool:
    """The value's line holds a table's column gap."""
    line_end = lower.find("\n", det.end)
    line_end = len(lower) if line_end < 0 else line_end
    return _ROW_GAP_RE.search(lower, lower.rfind("\n", 0, det.start) + 1, line_end) is not None


def _row_party(lower: str, det: Detection, found: Iterable[Detection], cues: PartyCues) -> str | None:
    """A value in a row of a table pasted with its columns spaced apart (a call log, an SMS list),
    and a later cell of that row naming a party ("02-114-8890     00:35  มิจฉาชีพ", "210 998 4410
    00:22:40  ΑΠΑΤΕΩΝ"): the row's own note says whose it is. Only up to the row's next value:
    a cell after another number speaks of that one."""
    if not _gapped_row(lower, det):
        return None
    line_end = lower.find("\n", det.end)
    line_end = len(lower) if line_end < 0 else line_end
    end = min(
        (d.start for d in found if d.kind in _RELABEL and det.end <= d.start < line_end), default=line_end
    )
    if nearest_cue(lower, det.end, end, cues, _PERSONAL) is not None:
        return None
    cue = nearest_cue(lower, det.end, end, cues, frozenset((OFFENDER, CALLS)))
    return None if cue is None else OFFENDER


def _inner_note(lower: str, det: Detection) -> tuple[int, int] | None:
    """Where the note written after the value inside its own brackets is, if one is."""
    note = _INNER_NOTE_RE.match(lower, det.end)
    if note is None or len(note.group(1).split()) > 2:
        return None
    if _OPENED_RE.search(lower, max(0, det.start - 25), det.start) is None:
        return None
    return note.start(1), note.end(1)


def _written_to(tokens: list[_Token], cues: PartyCues) -> bool:
    """A verb of writing or calling right before the account, past its links ("messaged @…",
    "a écrit à @…", "napisał do @…"): the account written to, whoever wrote."""
    i = _skipped(tokens, cues)
    while i > 0 and tokens[i - 1][0] in cues.dialled_links:
        i -= 1
    return i > 0 and tokens[i - 1][0] in cues.dialled


def _taken_over(lower: str, tokens: list[_Token], det: Detection, cues: PartyCues) -> bool:
    """A word of a hacked or stolen account among the last words before it ("взломали аккаунт
    @…", "la cuenta robada @…"), not an offender's role ("hacker"): a victim's account."""
    if cues.compromised is None:
        return False
    for word, at, end in tokens[-_TAKEN_REACH:]:
        if cues.compromised.fullmatch(lower, at, end) is not None and not any(
            cue.party in _CALLER for cue in _remembered_cues(word, cues)
        ):
            return True
    return False


_TAKEN_REACH = 3


def _named_offender(
    lower: str, start: int, person: Detection, found: Iterable[Detection], cues: PartyCues
) -> bool:
    """The person is the offender the role right before names ("đối tượng Đỗ Văn Hùng dùng tài
    khoản …", "the broker Ivan Petrov's phone", "Osumnjičeni Ana Horvat i Marko Kovač … s broja
    …"), or is listed right after that offender's name with a conjunction or comma only between:
    an offender's role (not a crime's or a call's word, nor a recruited person's, "mule") ends
    right before the first name, past quotes and one abbreviated title. A name after a verb ("the
    scammer called Maria") is no such name."""
    ending = _CASE_ENDING_RE.match(lower, person.end)
    if ending is not None and ending.group(1) in cues.object_case_endings:
        return False  # "Şantajcı Ayşe Kaya'ya yazdı": the one written to
    head = _TOKEN_RE.match(lower, person.start)
    if (
        head is not None
        and head.end() < person.end
        and any(c.party in _SWALLOWED_ROLE and len(c.words) == 1 for c in _remembered_cues(head[0], cues))
    ):
        # The role taken into the name ("Şantajcı Kerem Aksoy"): the name it gives.
        return not any(_word_matches(word, head.group()) for word in cues.recruited)
    names = sorted((d for d in found if d.kind == PERSON and start <= d.start <= person.start), key=_start_of)
    at = len(names) - 1
    while at > 0 and _JOINED_NAMES_RE.fullmatch(lower, names[at - 1].end, names[at].start) is not None:
        at -= 1
    first = names[at].start if names else person.start
    cue = _nearest(lower, start, first, cues, _ROLE)
    if cue is None or _APPOSED_RE.fullmatch(lower, cue[1], first) is None:
        return False
    personal = _nearest(lower, start, cue[1], cues, _PERSONAL)
    if personal is not None and len(_tokens(lower, personal[1], cue[1])) <= _ROLE_AFTER_VICTIM:
        # "ضحية الاستثمار الوهمي محمود …", "the victim of the fake broker Ana …": the role names
        # the crime a person suffered; the name after it may be that person's (deny by default).
        return False
    verb = _nearest(lower, start, first, cues, _ACTOR)
    if verb is not None and verb[1] == cue[1]:
        return False  # "scammers impersonated Laura Pérez (@…)": the one impersonated, her own
    role = _tokens(lower, start, cue[1])[-1][0] if cue[1] > start else ""
    return not any(_word_matches(word, role) for word in cues.recruited)


_ROLE = frozenset((OFFENDER,))
# How many words a role may stand after a personal cue and still be the crime it names.
_ROLE_AFTER_VICTIM = 4


def _recruited_role(lower: str, start: int, end: int, cues: PartyCues) -> bool:
    """The offender cue ending at `end` is a role a recruited person plays ("mule")."""
    words = _tokens(lower, start, end)
    return bool(words) and any(_word_matches(word, words[-1][0]) for word in cues.recruited)


def _first_word_ends(lower: str, person: Detection, at: int) -> bool:
    """The first word of a name ends at `at` and more of the name follows."""
    head = _TOKEN_RE.match(lower, person.start)
    return head is not None and head.end() == at < person.end


# An offender's role, or an account's sender role ("şantajcı", blackmailer), taken into a name.
_SWALLOWED_ROLE = frozenset((OFFENDER, SENDER))
_CASE_ENDING_RE = re.compile(r"['’](\w{1,4})\b")
# Between a role and the name it gives: spaces, quotes, and one abbreviated title ("Dr.", "Ing."),
# no word (Vietnamese "đối tượng lừa bà Lan": the suspect cheated Mrs Lan).
_APPOSED_RE = re.compile(r"[\s\"'“”„«»‘’]*(?:\w{1,3}\.[\s\"'“”„«»‘’]*)?")
# Between two names of one list: a comma or a conjunction ("Ana Horvat i Marko Kovač").
_JOINED_NAMES_RE = re.compile(
    r"\s*(?:,|&|\b(?:and|et|und|y|e|i|и|і|ve|en|og|och|ja|és|și|dan|và|at)\b)?\s*و?"
)


def _start_of(det: Detection) -> int:
    return det.start


_ACTOR_KINDS = frozenset((PHONE, EMAIL, HANDLE))
_GLUED_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]+")


def feigned_roles(lower: str, cues: PartyCues) -> frozenset[str]:
    """The role words the text calls feigned: the word after "fake", "so-called", "angebliche",
    "лже" ("the fake landlord": "landlord"), the word before "falso", "المزيف", "המזויף"; with a
    Hebrew or Arabic article taken off."""
    if not cues.impostor_before and not cues.impostor_after:
        return frozenset()
    words = _TOKEN_RE.findall(lower)
    if cues.impostor_before.isdisjoint(words) and cues.impostor_after.isdisjoint(words):
        return frozenset()  # most texts call no one fake
    roles: set[str] = set()
    for i, word in enumerate(words):
        if word in cues.impostor_before and i + 1 < len(words):
            roles.add(_bare(words[i + 1]))
        if word in cues.impostor_after and i > 0:
            roles.add(_bare(words[i - 1]))
    return frozenset(role for role in roles if len(role) >= _ROLE_MIN and not role.isdigit())


_ROLE_MIN = 4
# A definite article written as a prefix: Hebrew "ה", Arabic "ال".
_ARTICLE_RE = re.compile(r"^(?:ה(?=[\u05d0-\u05ea]{3})|ال(?=[\u0621-\u064a]{3}))")


def _bare(word: str) -> str:
    # "The courier's e-mail …" after "a fake courier": the role written again, possessive
    return _POSSESSIVE_RE.sub("", _ARTICLE_RE.sub("", word))


_POSSESSIVE_RE = re.compile(r"['’]s$")


def _quoted_role_before(
    text: str, lower: str, start: int, det: Detection, found: Iterable[Detection], cues: PartyCues
) -> bool:
    """A role in quotation marks right before the value, past contact words only (kontakt
    „doradcy" +44 …, '"미군 장교" @…', 'at "feddyg milwrol" (@…)', '"मेंटर" का WhatsApp …'):
    analysts quote the identity an offender claimed. Between the quotes and the value, also the
    words of a claimed identity's use ('"mentor" memakai +62 …', '«στρατιωτικό» που χρησιμοποιούσε
    το @…', '"יועץ" שהתקשר מ- …', "'Bank X' fuq +356 …": `role_links`, words of calling and of
    where from). Not a name (an alias may be anyone's), a contact word ('her "new number"') or a
    person's cue in the quotes or after them or a few words before them (but a contact word
    there: "kontakt „doradcy"" is the contact of the claimed adviser), nor a possessive before
    them."""
    lo = max(start, det.start - _QUOTE_REACH)
    close = _QUOTED_ROLE_RE.search(lower, lo, det.start)
    close = close or _SINGLE_QUOTED_ROLE_RE.search(lower, lo, det.start)
    if close is None:
        return False
    role_start, role_end = close.span(1)
    gap = _GAP_WORD_RE.findall(lower, close.end(2), det.start)
    linking = cues.role_links | cues.origin | cues.dialled
    if not all(w in linking or _made_of(w, cues.possessed_words) for w in gap):
        return False
    role = [m.group() for m in _TOKEN_RE.finditer(lower, role_start, role_end)]
    before = _tokens(lower, max(start, role_start - _QUOTE_REACH), role_start - 1)[-_APPOSITION_WORDS:]
    near = before[0][1] if before else role_start - 1
    words = [
        t for t in _tokens(lower, near, det.start) if t[1] >= role_start or t[0] not in cues.possessed_words
    ]
    if (
        not role
        or len(role) > _ROLE_WORDS_MAX
        or any(w in cues.possessed_words or w in cues.origin_skip for w in role)
        or any(w in cues.possessives for w, _, _ in before)
        # "the victim, a "retired teacher", …": the person's description, not a claimed one
        or nearest_cue(lower, near, det.start, cues, _PERSONAL, words) is not None
    ):
        return False
    if _written_name(text, near, role_start):
        return False  # "Ruth Ames, a 'retired nurse' (tel. …)": a name the detector missed
    return not any(d.kind == PERSON and d.end > near and d.start < det.start for d in found)


def _written_name(text: str, lo: int, hi: int) -> bool:
    """Two capitalised words in a row in text[lo:hi] ("Ruth Ames", "DUPONT Marie"): a person's
    name as scripts with case write it, found by the name detector or not."""
    words = _LETTERS_RE.findall(text, lo, hi)
    return any(len(a) > 1 and len(b) > 1 and a[0].isupper() and b[0].isupper() for a, b in pairwise(words))


# A quoted phrase of letters (no digits, no line break) whose closing mark ends the text before a
# value but for contact words and brackets: group 1 the phrase, group 2 the closing mark.
_QUOTED_ROLE_RE = re.compile(
    r"[\"“”„«»「『＂]([^\"“”„«»「」『』＂\n\d]{2,40})([\"”“»«」』＂])[^\"“”„«»「」『』＂\n\d,;，；、]{0,24}$"
)
# The same in single quotation marks ("De 'koper' (WhatsApp …)", "the ‘bank officer’ on …"), as
# Dutch and British English write scare quotes: opened after a space or bracket and closed before
# one, so that an apostrophe inside a word ("l'escroc", "scammer's") opens or closes none.
_SINGLE_QUOTED_ROLE_RE = re.compile(
    r"(?<![^\s(\[])['‘]([^'‘’\"“”„«»\n\d]{2,40})(['’])(?=[\s(\[:])[^'‘’\"“”„«»\n\d,;，；、]{0,24}$"
)
_QUOTE_REACH = 70
_ROLE_WORDS_MAX = 4
# How many words before a quoted role a person or a personal cue makes it that person's description.
_APPOSITION_WORDS = 4


def _feigned_role(
    tokens: list[_Token], det: Detection, found: Iterable[Detection], feigned: frozenset[str]
) -> str | None:
    """OFFENDER when a role word the text calls feigned stands before the value in its sentence,
    with no person named between ("… The landlord used the number …" after "the fake landlord")."""
    if not feigned:
        return None
    for word, _, end in reversed(tokens):
        if _bare(word) in feigned:
            return None if _person_between(end, det, found) else OFFENDER
    return None


def _passive_target(lower: str, end: int, cues: PartyCues) -> bool:
    """The value is the subject of a passive of being acted on or reached, with its agent after
    it ("@x was threatened by the scammer", "… a été contactée par l'escroc", "… fue amenazada
    por …"): whom the offender threatened or contacted, a person's, unless a personal cue is the
    agent ("… was called by the victim": the number the victim called is the other side's)."""
    if not cues.passive_auxiliaries:
        return False
    tokens = _tokens(lower, end, min(len(lower), end + _PASSIVE_REACH))
    if not tokens or tokens[0][0] not in cues.passive_auxiliaries:
        return False
    if _BREAK_RE.search(lower, end, tokens[0][1]) is not None:
        return False
    verb = next((j for j in range(1, min(len(tokens), 4)) if tokens[j][0] in cues.passive_participles), -1)
    if verb < 0:
        return False
    agent = next((j for j in range(verb + 1, min(len(tokens), verb + 4)) if tokens[j][0] in cues.agent), -1)
    if agent < 0:
        return False
    last = tokens[min(len(tokens), agent + 4) - 1]
    return nearest_cue(lower, tokens[agent][2], last[2], cues, _PERSONAL) is None


_PASSIVE_REACH = 80
# A sentence or clause ending between a value and the next word: the passive after it is another's.
_BREAK_RE = re.compile(r"[.;:!?\n]")


def _agent_before(tokens: list[_Token], cues: PartyCues) -> bool:
    """The value is the agent of a passive ("contacted on Snapchat by @x", "menacée par
    +33 …"): the word of the agent right before it, past words like "the number", and no word
    of reporting or posting right before that ("reported by", "publié par": the reporter's)."""
    i = _skipped(tokens, cues)
    if i == 0 or tokens[i - 1][0] not in cues.agent:
        return False
    return cues.not_agent.isdisjoint(word for word, _, _ in tokens[max(0, i - 1 - _AGENT_REACH) : i - 1])


_AGENT_REACH = 2


# Between a messaging app's or a service's name and the number written for it: no comma, semicolon,
# table cell or line break (one item of a list is no other's).
_APP_BREAK_RE = re.compile(r"[,;|\n，；、،؛]")
# Between a person (a name or a personal cue) and their own contact details: a comma, a colon or a
# bracket ("Ana Silva, WhatsApp …", "Victim (WhatsApp …)").
_CONTACT_GAP_RE = re.compile(r"[\s,:;(（]*")
# Words between a service's name and the number, at most this many ("EVC Plus lambarka …").
_APP_SKIP_MAX = 3


def _app_named(word: str, cues: PartyCues, wallet_only: bool = False) -> bool:
    """A messaging app's or a mobile-money service's name, alone or before "-nummer" and the like
    ("swish-nummer", "whatsapp-ൽ"). A message "to" a number names whom it went to: with
    `wallet_only`, only a service money goes through counts."""
    head, _, tail = word.partition("-")
    return (
        (not wallet_only and any(_word_matches(pattern, word) for pattern in cues.messengers))
        or word in cues.wallets
        or (bool(tail) and head in cues.wallets and tail in cues.app_skip)
    )


def _listed_detail(lower: str, start: int, at: int) -> bool:
    """The words at `at` follow a comma after another number, a word or two before ("agência 3214-7,
    conta 45.118-2, chave Pix …", "Ana Ruiz, 0722 …, WhatsApp …"): one more detail of the record
    listed before it, whoever that record is of."""
    comma = lower.rfind(",", start, at)
    if comma < 0 or len(_TOKEN_RE.findall(lower, comma, at)) > _LISTED_WORDS:
        return False
    item = _APP_BREAK_RE.split(lower[start:comma])[-1]
    return any(c.isdigit() for c in item)


# Words between a list's comma and an app's name that still make it one item ("chave Pix").
_LISTED_WORDS = 1


def _app_before(
    lower: str, start: int, tokens: list[_Token], det: Detection, found: Iterable[Detection], cues: PartyCues
) -> bool:
    """The number follows a messaging app's or a mobile-money service's name ("used WhatsApp +44 …",
    "Imo: …", "zalo 0583 …", "EVC Plus lambarka …", "moniepoint acct …"): the account messages
    came from or money went to, the offender's or a mule's. Not a person's own: a possessive before
    the name ("her WhatsApp …", "Su Nequi: …"), a personal cue nearest before it, a person's name
    after the last cue ("Ana Silva, WhatsApp …": a contact field), one more detail of a listed
    record, or an account its sentence says was taken over ("me hackearon el WhatsApp …")."""
    i = len(tokens)
    sent = False  # "Tigo Money al …": money went to it, said of a service's number only
    while i > 0 and len(tokens) - i < _APP_SKIP_MAX:
        word = tokens[i - 1][0]
        if word in cues.payment_to:
            sent = True
        elif word not in cues.app_skip:
            break
        i -= 1
    # Past "to" or "number", only a service money goes through: "WhatsApp number …" is as often
    # a person's own.
    if i == 0 or not _app_named(tokens[i - 1][0], cues, wallet_only=sent or i < len(tokens)):
        return False
    lo, hi = tokens[i - 1][1], tokens[i - 1][2]
    if _APP_BREAK_RE.search(lower, hi, det.start) is not None:
        return False
    before = [t[0] for t in tokens[max(0, i - 3) : i - 1]]
    if any(w in cues.possessives or w in cues.app_owners for w in before) or _listed_detail(lower, start, lo):
        return False
    cue = nearest_cue(lower, start, lo, cues, _PHONE_PARTIES, tokens[: i - 1])
    if cue is not None and cue[0] == PERSONAL:
        return False
    # A person named after the last cue may be whom the offender wrote to ("the scammer contacted
    # Ana on WhatsApp …"); a messaging app's number needs an offender's cue in its sentence, as a
    # victim gives hers the same way ("contactable on WhatsApp …").
    if any(d.kind == PERSON and (start if cue is None else cue[1]) <= d.start and d.end <= lo for d in found):
        return False
    if cue is None and not _app_named(tokens[i - 1][0], cues, wallet_only=True):
        return False
    if any(
        d.kind == PERSON and d.end <= lo and _CONTACT_GAP_RE.fullmatch(lower, d.end, lo) is not None
        for d in found
    ):
        return False
    return cues.compromised is None or cues.compromised.search(lower, start, det.start) is None


def _called_by_person(
    lower: str, start: int, tokens: list[_Token], det: Detection, found: Iterable[Detection], cues: PartyCues
) -> bool:
    """The value is whom a person called or wrote to ("Eleanor Fitzgerald, 81, called 1-888-…",
    "la victime … a appelé le +32 …", "belde 085 …"): a verb of calling right before it, past
    linking words and words like "the number", and a person the last party named before the verb
    in its sentence. No one calls their own number: the value is the other side's."""
    i = len(tokens)
    while i > 0 and (tokens[i - 1][0] in cues.origin_skip or tokens[i - 1][0] in cues.dialled_links):
        i -= 1
    if i == 0:
        return False
    verb = tokens[i - 1][0]
    if verb not in cues.dialled and not (
        verb in cues.dialled_after_to and i > 1 and tokens[i - 2][0] == "to"
    ):
        return False
    return _person_last(lower, start, tokens[: i - 1], found, cues)


def _dialled_after(
    text: str, lower: str, det: Detection, found: Iterable[Detection], cues: PartyCues
) -> bool:
    """The number is what a person called, in languages that write the verb after it ("…に電話
    した被害者", "…로 전화한 피해자"): a personal cue follows the verb right away, the one who
    called. No one calls their own number: the other side's. Not a person's own number written
    right before it ("被害者の携帯…に電話した") or in brackets after whom it belongs to ("山田さん
    （090-…）に電話した"). A person named before the number is not enough: whom they called may
    be a relative or their bank (held-out set A's test half lost a victim's number that way)."""
    at = det.end
    while at < len(lower) and lower[at] in " \t":
        at += 1
    phrase = next((p for p in cues.dialled_after if lower.startswith(p, at)), None)
    if phrase is None or _BRACKETED_RE.search(lower, max(0, det.start - 2), det.start) is not None:
        return False  # "山田さん（090-…）に電話した": in brackets, the number of whom it follows
    start = _sentence_start(text, det.start, cues.window)
    tokens = _tokens(lower, start, det.start)
    if _possessed_by_person(lower, det, found, cues) is not None:
        return False
    cue = nearest_cue(lower, start, det.start, cues, _PHONE_PARTIES, tokens)
    if (
        cue is not None
        and cue[0] == PERSONAL
        and _made_of(lower[cue[1] : det.start].strip(), cues.possessed_words)
    ):
        return False  # "被害者の携帯…": hers
    verb_end = at + len(phrase)
    follows = nearest_cue(
        lower, verb_end, min(len(lower), verb_end + _DIALLED_SUBJECT_REACH), cues, _PERSONAL
    )
    return follows is not None


_BRACKETED_RE = re.compile(r"[(（\[［]\s*$")
# How far after a verb of calling written after a number the person who called may stand
# ("…に電話した被害者").
_DIALLED_SUBJECT_REACH = 8


def _person_last(
    lower: str, start: int, tokens: list[_Token], found: Iterable[Detection], cues: PartyCues
) -> bool:
    """Of the parties named in `tokens` (a sentence's words from `start`), the last is a person: a
    person's name, a personal cue or a person's pronoun after the last offender cue."""
    if not tokens:
        return False
    hi = tokens[-1][2]
    cue = nearest_cue(lower, start, hi, cues, _PHONE_PARTIES, tokens)
    offender_end = cue[1] if cue is not None and cue[0] == OFFENDER else -1
    if cue is not None and cue[0] == PERSONAL:
        return True
    if any(d.kind == PERSON and offender_end <= d.start and start <= d.start and d.end <= hi for d in found):
        return True
    return any(word in cues.origin_persons and at >= offender_end for word, at, _ in tokens)


def _addressed(tokens: list[_Token], end: int, cues: PartyCues) -> bool:
    """The personal cue ending at `end` follows a word of destination ("calls to US seniors", "SMS
    an die Opfer"), past one or two other words: the persons a call or message went to."""
    last = next((j for j, (_, _, stop) in enumerate(tokens) if stop == end), -1)
    if last < 0 or tokens[last][0] in cues.origin:
        return False  # the cue says where from itself ("she sent an e-mail from")
    return any(tokens[j][0] in cues.payment_to for j in range(max(0, last - 3), last))


def _called_by_offender(lower: str, start: int, tokens: list[_Token], end: int, cues: PartyCues) -> bool:
    """The personal cue ending at `end` is whom an offender called or wrote to ("the fraudster
    called the victim on … from …"): a verb of `dialled` right before it, past its links and an
    article, and an offender cue the last cue before that verb."""
    last = next((j for j, (_, _, stop) in enumerate(tokens) if stop == end), -1)
    j = last - 1
    while j >= max(0, last - _LINKS_MAX - 2) and tokens[j][0] not in cues.dialled:
        word = tokens[j][0]
        if not (word in cues.dialled_links or word in cues.owner_articles or word in cues.possessives):
            return False
        j -= 1
    if last < 0 or j < max(0, last - _LINKS_MAX - 2):
        return False
    cue = nearest_cue(lower, start, tokens[j][1], cues)
    return cue is not None and cue[0] == OFFENDER


def _refers_back(
    text: str,
    lower: str,
    start: int,
    tokens: list[_Token],
    det: Detection,
    found: Iterable[Detection],
    cues: PartyCues,
) -> bool:
    """A sentence opening with a pronoun of the third person before the value, with only words
    like "number" and "was" between ("His number was …", "They used …", "Seine Nummer: …"), right
    after a sentence whose subject is an offender's role ("The caller claimed to be from the bank.")
    and which names no person, no personal cue, and no one called: the pronoun is that offender."""
    words = [w for w, at, _ in tokens if at >= start]
    if not words or words[0] not in cues.back_pronouns or any(w not in cues.back_links for w in words[1:]):
        return False
    if start == 0 or start <= det.start - cues.window or lower[start : det.start].count("\n"):
        return False
    prev = _sentence_start(text, start - 1, cues.window)
    if prev <= start - cues.window and prev > 0:
        return False
    before = _tokens(lower, prev, start)
    if not before or any(w in cues.dialled or w in cues.reaching for w, _, _ in before):
        return False
    if any(d.kind == PERSON and prev <= d.start < det.start for d in found):
        return False
    if nearest_cue(lower, prev, start, cues, _PERSONAL) is not None:
        return False
    head = before[min(len(before), _SUBJECT_WORDS) - 1][2]
    cue = _first_cue_at(before, cues, _ROLE | frozenset((CALLS,)))
    return 0 <= cue < head


# How many words may open a sentence before the offender's role that is its subject ("A man
# posing as …", "The so-called caller …").
_SUBJECT_WORDS = 4


def _kin_in_crime_name(tokens: list[_Token], end: int, cues: PartyCues) -> bool:
    """The personal cue ending at `end` is part of a crime's name: a word of a hyphenated compound
    ending in one ("vriend-in-noodfraude", "hej mor-svindel"), or a word right after one and a
    linking word ("estafa del hijo", "scam of the grandson")."""
    if cues.crimes is None:
        return False
    last = next((j for j, (_, _, stop) in enumerate(tokens) if stop == end), -1)
    if last < 0:
        return False
    word = tokens[last][0]
    if "-" in word and cues.crimes.search(word.rsplit("-", 1)[-1]) is not None:
        return True
    links = 0
    for j in range(last - 1, max(-1, last - 1 - _CRIME_LINKS_MAX - 1), -1):
        if tokens[j][0] in cues.owner_words:
            links += 1
            continue
        return links > 0 and cues.crimes.fullmatch(tokens[j][0]) is not None
    return False


_CRIME_LINKS_MAX = 2


def _offenders_contact(tokens: list[_Token], end: int, cues: PartyCues) -> bool:
    """The personal cue ending at `end` is a contact word alone ("contact", "연락처") right after
    an offender's word ("사기범 연락처", "the scammer's contact"): whose contact it is, the offender's."""
    last = next((j for j, (_, start, stop) in enumerate(tokens) if start < end <= stop), -1)
    if last >= 0 and _UNSPACED_RE.search(tokens[last][0]) is not None:
        return _offenders_unspaced_contact(tokens[last][0], tokens[last][1], end, cues)
    if last < 1 or tokens[last][2] != end or tokens[last][0] not in cues.possessed_words:
        return False
    owner = tokens[last - 1][0]
    return any(cue.party in _CALLER and len(cue.words) == 1 for cue in _remembered_cues(owner, cues))


def _reachable_offender(
    lower: str,
    start: int,
    tokens: list[_Token],
    end: int,
    det: Detection,
    found: Iterable[Detection],
    cues: PartyCues,
) -> bool:
    """The personal cue ending at `end` is a word of being reachable ("joignable au", "reachable
    at", "erreichbar unter") and the party named nearest before it is an offender's role, no person
    named between ("un faux conseiller de la banque joignable au …"): whom it says is reachable
    there is the offender. Only within the role's own words, no comma, verb's clause or pronoun
    between (in "the fake line asked her to pay, reachable at …" anyone may be reachable); a victim
    or a person named nearer keeps it theirs ("la victime, joignable au …")."""
    last = next((j for j, (_, _, stop) in enumerate(tokens) if stop == end), -1)
    if last < 0 or tokens[last][0] not in cues.reachable:
        return False
    cue = nearest_cue(lower, start, tokens[last][1], cues, _parties_of(det.kind), tokens[:last])
    if cue is None or cue[0] != OFFENDER or _person_between(cue[1], det, found):
        return False
    between = [word for word, at, _ in tokens[:last] if at >= cue[1]]
    return (
        len(between) <= _ROLE_PHRASE_MAX
        and cues.origin_persons.isdisjoint(between)
        and _CLAUSE_BREAK_RE.search(lower, cue[1], tokens[last][1]) is None
    )


# How many words of a role's own phrase may stand between it and a word of being reachable
# ("faux conseiller de la banque postale joignable").
_ROLE_PHRASE_MAX = 6


def _offenders_unspaced_contact(word: str, at: int, end: int, cues: PartyCues) -> bool:
    """The same in Japanese and Chinese, written in one run ("売人の連絡先は", "骗子的电话"): the
    contact word ending at `end` follows an offender's word and only a possessive particle."""
    head = word[: end - at]
    for cue in cues.unspaced:
        contact = cue.words[0]
        if cue.party not in _PERSONAL or not head.endswith(contact):
            continue
        owner = head[: -len(contact)]
        while owner and owner[-1] in _PARTICLES:
            owner = owner[:-1]
        if any(c.party in _CALLER and owner.endswith(c.words[0]) for c in cues.unspaced):
            return True
    return False


# Possessive particles between an owner and a contact word: Japanese "の", Chinese "的" and "之".
_PARTICLES = frozenset("の的之")


def _origin_word_before(tokens: list[_Token], cues: PartyCues) -> bool:
    i = _skipped(tokens, cues)
    return i > 0 and tokens[i - 1][0] in cues.origin


def _calling_phrase_before(tokens: list[_Token], cue_end: int, cues: PartyCues) -> bool:
    """The offender cue ending at `cue_end` is a verb of calling and the word after it, right
    before the value ("ligou do", "ligou de"): the phrase says where a call came from, not who
    made it; who did is named before it."""
    i = _skipped(tokens, cues)
    return i >= 2 and tokens[i - 1][2] == cue_end and tokens[i - 2][0] in cues.dialled


def _caller_is_person(
    lower: str, start: int, tokens: list[_Token], found: Iterable[Detection], cues: PartyCues
) -> bool:
    """The value, right after an origin word, is where a person called or wrote from: a verb of
    calling and whom it names before the origin word, a person the last party named before the verb
    ("the complainant called the helpdesk from …", "Она звонила в банк с номера …"). Not a
    passive's ("was called by the helpdesk from …") nor one naming nobody ("were called from …").
    A person right before the verb is its subject too ("Maria Lopez called from …", "She texted
    from …", "the victim phoned from …"): her own number."""
    origin = _skipped(tokens, cues) - 1
    verb = origin - 1
    if verb >= 1 and tokens[verb][0] in cues.dialled:
        subject = verb - 1
        while subject > 0 and tokens[subject][0] in cues.subject_links:
            subject -= 1  # "Marie a appelé depuis …", "Петя се обади от …"
        if _subject(lower, tokens, subject, found, cues):
            return True
    for j in range(origin - 2, max(-1, origin - 2 - _CALLED_REACH), -1):
        if tokens[j][0] in cues.dialled:
            between = {word for word, _, _ in tokens[j + 1 : origin]}
            if not between.isdisjoint(cues.origin) or not between.isdisjoint(cues.agent):
                return False
            return _person_last(lower, start, tokens[:j], found, cues)
    return False


_CALLED_REACH = 4


def _subject(lower: str, tokens: list[_Token], i: int, found: Iterable[Detection], cues: PartyCues) -> bool:
    """Token i names a person: a person's pronoun, the end of a person's name or of a personal cue
    ("the victim"). An auxiliary there ("was called from") names no one: a passive's."""
    word, at, end = tokens[i]
    if _person_pronoun(word, cues) or any(d.kind == PERSON and at < d.end <= end for d in found):
        return True
    cue = nearest_cue(lower, tokens[max(0, i - _SUBJECT_WORDS)][1], end, cues, _PERSONAL)
    return cue is not None and cue[1] == end


_SUBJECT_WORDS = 2


def _others_between(
    lower: str,
    end: int,
    tokens: list[_Token],
    det: Detection,
    found: Iterable[Detection],
    cues: PartyCues,
    named: bool = True,
) -> bool:
    """A person named between an offender cue (or a sentence's start) and a value right after an
    origin word who is neither the offender's name written right after the cue (`named`: "a fake
    'DS Webb' from …") nor the one called ("llamaron a Ana desde …", "tinawagan si Maria mula sa …"):
    that person may be who called from there."""
    for d in found:
        if d.kind != PERSON or not (end <= d.start and d.end <= det.start):
            continue
        if named and _NAMED_RE.fullmatch(lower, end, d.start) is not None:
            continue  # the cue's own name: "the scammer 'John'"
        before = [t for t in tokens if t[2] <= d.start][-_LINKS_MAX - 1 :]
        k = len(before)
        while k > 0 and before[k - 1][0] in cues.dialled_links:
            k -= 1
        if k == 0 or before[k - 1][0] not in cues.dialled:
            return True
    return False


# Between an offender cue and the name it gives: quotes, spaces and one short title ("DC", "Dr.").
_NAMED_RE = re.compile(r"[\s\"'“”„«»‘’]*(?:\w{1,4}\.?[\s\"'“”„«»‘’]+)?")
_LINKS_MAX = 2


def _channel_of_crime(
    lower: str, start: int, tokens: list[_Token], det: Detection, found: Iterable[Detection], cues: PartyCues
) -> bool:
    """A phone number, e-mail address or account the crime went through ("job scam via Telegram @…",
    "vriend-in-noodfraude via WhatsApp (+31 …)", "Drogenhandel über Telegram-Shop @…", "ابتزاز عبر
    حساب فيسبوك @…"): a channel word among the
    last words before it, after a crime's name or an offender cue, with no personal cue, person's
    name, target ("of a minor") or possessive between ("via her Instagram @…" is hers)."""
    if (
        _person_between(start, det, found)
        or nearest_cue(lower, start, det.start, cues, _PERSONAL) is not None
    ):
        return False  # "Anna (16) was extorted via Snapchat (@…)": perhaps her own account
    near = tokens[-_CHANNEL_REACH:]
    at = next((k for k in range(len(near) - 1, -1, -1) if near[k][0] in cues.channel), -1)
    after = {word for word, _, _ in near[at + 1 :]}
    if at < 0 or not cues.possessives.isdisjoint(after) or not cues.payment_to.isdisjoint(after):
        return False  # "via her Instagram @…", "via a call to +44 …"
    channel = near[at][1]
    crime = -1
    if cues.crimes is not None:
        crime = max((m.end() for m in cues.crimes.finditer(lower, start, channel)), default=-1)
    cue = nearest_cue(lower, start, channel, cues, _CRIME_PARTIES, tokens)
    if cue is not None and cue[0] == OFFENDER:
        crime = max(crime, cue[1])
    if crime < 0 or (cue is not None and cue[0] == PERSONAL and cue[1] > crime):
        return False
    if nearest_cue(lower, crime, det.start, cues, _PERSONAL) is not None:
        return False
    target = next((word for word, at, _ in tokens if crime <= at < channel), "")
    if target in cues.crime_targets or not cues.crime_targets.isdisjoint(after):
        return False  # "sextortion of a minor via Instagram (@…)": perhaps the minor's
    if cues.compromised is not None and cues.compromised.search(lower, crime, det.start) is not None:
        return False  # "scam via the hacked account @…": a victim's account, taken over
    return not _person_between(crime, det, found)


_CRIME_PARTIES = frozenset((OFFENDER, CALLS, SENDER, PERSONAL, RECEIVING))
_CHANNEL_REACH = 4


def _skipped(tokens: list[_Token], cues: PartyCues) -> int:
    """How many of the tokens before a value come before its `origin_skip` words ("the number")."""
    i = len(tokens)
    while i > 0 and tokens[i - 1][0] in cues.origin_skip:
        i -= 1
    return i


def _origin_before(
    lower: str, tokens: list[_Token], start: int, det: Detection, found: Iterable[Detection], cues: PartyCues
) -> str | None:
    """OFFENDER when an origin word stands right before the value ("Calls came from +44 …",
    "SMS с +7 …", "Volali z čísla …"), past words like "the number", in a sentence with no cue
    and no person named before the value: where a call, message or mail came from is the
    sender's. A person named before may be the one who called or wrote ("Maria texted from …"),
    and so may a person's pronoun ("She called the police from …")."""
    i = _skipped(tokens, cues)
    if i == 0 or tokens[i - 1][0] not in cues.origin:
        if not _origin_after(lower, det, cues):
            return None
        i = len(tokens) + 1
    # What stands before a colon is a heading ("Phishing Gosuslugi: SMS с …"), not who sent it.
    start = max(start, lower.rfind(":", start, tokens[i - 1][1] if i <= len(tokens) else det.start))
    # Who received the call or message is named before its verb of receiving ("I got a WhatsApp
    # from …", "Frau Zhang erhielt eine SMS von …"), and whoever is named before an indefinite
    # subject ("Soy Ana, alguien me llamó desde …") did not call: only who is named after may have.
    turns = [end for word, at, end in tokens[: i - 1] if at >= start and _turning(word, cues)]
    start = max(turns, default=start)
    if any(_person_pronoun(word, cues) for word, at, _ in tokens[: i - 1] if at >= start):
        return None
    return None if _others_between(lower, start, tokens, det, found, cues, named=False) else OFFENDER


def _turning(word: str, cues: PartyCues) -> bool:
    """A verb of receiving or an indefinite subject: who is named before it is not the sender."""
    return word in cues.received or word in cues.indefinite


def _person_pronoun(word: str, cues: PartyCues) -> bool:
    """A pronoun of a person that may be who called or wrote: a subject or possessive, not an
    object ("Netko me nazvao s …": someone called me from …)."""
    return word in cues.origin_persons and word not in cues.object_pronouns


def _call_came_after(lower: str, end: int, cues: PartyCues) -> bool:
    """A postposition of origin, a call or message and a verb of coming right after a phone
    number ("… से कॉल आया", "… se call aaya", "… থেকে ফোন আসে"): a call came from it, the
    caller's, as "a call from …" says in languages that put "from" first."""
    rest = lower[end : end + _CAME_REACH].lstrip(" \t")
    return any(rest.startswith(phrase) for phrase in cues.came_after if phrase)


_CAME_REACH = 48


def _personal_right_before(
    lower: str, start: int, tokens: list[_Token], det: Detection, cues: PartyCues
) -> bool:
    """A personal cue is the last word before the value, past words like "number" ("her number
    …", "अपने नंबर …")."""
    i = _skipped(tokens, cues)
    if i == 0:
        return False
    cue = nearest_cue(lower, start, det.start, cues, _PERSONAL, tokens)
    return cue is not None and cue[0] == PERSONAL and cue[1] > tokens[i - 1][1]


def _header_sender(lower: str, det: Detection, found: Iterable[Detection], cues: PartyCues) -> bool:
    """An e-mail address in angle brackets on a mail header's sender line, after a display name
    ("From: Account Security <alerts@…>", "Von: Kundenservice <…>"): the sender's, as an address
    right after "From:" is. Not when the display name is a person's ("From: Lena Kowalski <…>":
    a forwarded mail's outer sender may be the victim)."""
    line = lower.rfind("\n", 0, det.start) + 1
    header = _HEADER_SENDER_RE.fullmatch(lower, line, det.start)
    # Korean writes "보낸 사람" or "보낸사람": the words of the name are read together.
    if header is None or "".join(header.group(1).split()) not in cues.header_from:
        return False
    local_part = lower[det.start : lower.find("@", det.start, det.end)]
    if _self_named(header.group(2), local_part) and not _role_mailbox(local_part, cues):
        return False
    return not any(d.kind == PERSON and line <= d.start < det.start for d in found)


def _self_named(display: str, local_part: str) -> bool:
    """A display name written like an account ("jkowal88", "m_nowak") or whose word the address
    itself holds ("Marta <marta.k@…>", "Mum <mum1960@…>"): a person's own mailbox as often as not,
    whether or not a name list knows the name; a sender's brand or desk never is ("PayPal
    <service@…>" holds it in the domain only)."""
    if any(ch.isdigit() or ch in "_." for ch in display):
        return True
    return any(len(word) >= _SELF_NAMED_MIN and word in local_part for word in _LETTERS_RE.findall(display))


_SELF_NAMED_MIN = 3


def _role_mailbox(local_part: str, cues: PartyCues) -> bool:
    """A local part that is an organisation's role mailbox ("security", "support", "no-reply",
    "support.team"): a desk's address, whose display name says the same word ("Account Security
    <security@…>") without being anyone's own mailbox."""
    first = _MAILBOX_PART_RE.split(local_part, maxsplit=1)[0]
    return local_part in cues.role_mailboxes or first in cues.role_mailboxes


_MAILBOX_PART_RE = re.compile(r"[._+]")
_LETTERS_RE = re.compile(r"[^\W\d_]+")


# A header's name (of one word or two: Korean "보낸 사람"), a colon, a display name of a few
# words without an address, an opening "<".
_HEADER_SENDER_RE = re.compile(
    r"[ \t>]*(\w+(?:[ \t]\w+)?)[ \t]*:[ \t]*[\"'“]?([^\n:<>@\"'“”]{1,60})[\"'”]?[ \t]*<"
)


def _origin_after(lower: str, det: Detection, cues: PartyCues) -> bool:
    """A postposition of origin right after the value ("0300 … سے", "… से", "…から"): where a
    call or message came from, as an origin word before it says in other languages."""
    at = det.end
    while at < len(lower) and lower[at] in " \t":
        at += 1
    word = _TOKEN_RE.match(lower, at)
    if word is not None and word.group() in cues.origin_after:
        return True
    return any(lower.startswith(p, at) for p in cues.origin_after if _UNSPACED_RE.match(p))


# A line ending in a colon right before the value's line: the value is the first item of a list.
_INTRO_RE = re.compile(r":[ \t]*\n[ \t]*(?:[-*•·–]|\d{1,2}[.)])?[ \t]*$")
_INTRO_REACH = 12


def _actor_after(
    lower: str, start: int, lo: int, hi: int, det: Detection, found: Iterable[Detection], cues: PartyCues
) -> str | None:
    """OFFENDER when the value is the subject of a verb of threatening or demanding right after
    it ("@x threatened to leak", "… krävde Swish") and no person is named before it in its
    sentence (a named person may be the one who acts, the value theirs)."""
    tokens = _tokens(lower, lo, hi)
    if not tokens or not any(True for _ in _cue_ends(tokens, 0, cues, _ACTOR)):
        return None
    return None if _person_between(start, det, found) else OFFENDER


_ACTOR = frozenset((ACTOR,))


def reference_before(lower: str, det: Detection, cues: PartyCues, found: Iterable[Detection] = ()) -> bool:
    """A number a few characters after a word of a case or file reference ("ref PULSE 24-…",
    "ügyszám BRFK 01000/…", "案件编号…"), in the same clause: that reference. Never one written
    in international form ("+44 …", "0049 …"): references have no country code, and a hostile
    partner must not keep a victim's number by writing "ref" before it; nor one with a person
    named between ("Denuncia di Anna Ferri (02 1234 5678)": the complainant's number)."""
    if _INTERNATIONAL_RE.match(lower, det.start) is not None:
        return False
    lo = max(0, det.start - _REFERENCE_REACH)
    cue = _nearest(lower, lo, det.start, cues, _REFERENCE)
    if cue is None or det.start - cue[1] > _REFERENCE_GAP or _person_between(cue[1], det, found):
        return False
    between = lower[cue[1] : det.start] + lower[det.start : det.end][:1].strip("0123456789+")
    if between.rstrip().endswith(("(", "（")) and between.strip() not in ("(", "（"):
        # "Denuncia di Ugo Neri (0331 …)": a number in brackets after words is a person's contact.
        return False
    return _CLAUSE_BREAK_RE.search(lower, cue[1], det.start) is None


_REFERENCE = frozenset((REFERENCE,))
_INTERNATIONAL_RE = re.compile(r"\+|00[1-9]")
_REFERENCE_REACH = 40
# Room for a unit's or register's letters between the word and the number ("sygn. akt PR 2 Ds.").
_REFERENCE_GAP = 14
_CLAUSE_BREAK_RE = re.compile(r"[,;，；、،؛\n]")


def _person_between(end: int, det: Detection, found: Iterable[Detection]) -> bool:
    return any(d.kind == PERSON and end <= d.start and d.end <= det.start for d in found)


def _next_to_value(tokens: list[_Token], cues: PartyCues) -> int:
    """How many of the tokens before a value come before its account words ("to the account
    IBAN <value>": up to "to")."""
    i = len(tokens)
    while i > 0 and tokens[i - 1][0] in cues.account_words:
        i -= 1
    return i


def _money_way(
    lower: str, tokens: list[_Token], det: Detection, found: Iterable[Detection], cues: PartyCues
) -> str | None:
    """An IBAN or card written right after a destination of money ("paid €650 to", "transfirió
    4.300 € a", "перевела 45 000 ₽ на карту") is where a fraud's money went: the offender's or a
    mule's; an IBAN, card or phone number right after an origin ("from", "von", "с"; a phone
    number after a word of paying only: "paid … from the number") is the payer's."""
    if det.kind not in (IBAN, CARD, PHONE):
        return None
    i = _next_to_value(tokens, cues)
    if i == 0:
        return None
    # Where it came from: an origin word among the last words, a possessive or account words
    # after it ("von ihrem Konto", "зі свого рахунку", "da conta").
    for j in range(len(tokens) - 1, max(-1, i - 1 - _ORIGIN_REACH), -1):
        word = tokens[j][0]
        if word in cues.payment_to:
            break
        if (
            word in cues.payment_from
            and (det.kind != PHONE or _payer_phone(tokens, j, cues))
            # only a possessive and account words between ("von ihrem Konto"), no other word
            # ("po telefonie „z KNF” (+48 …)": from whom the call claimed to be)
            and all(_owner_account_word(t[0], cues) for t in tokens[j + 1 :])
        ):
            return PERSONAL  # a phone number too after a payment: "paid … from the number"
    word, at, end = tokens[i - 1]
    if word not in cues.payment_to or _person_between(end, det, found):
        return None
    if det.kind == PHONE:
        sent = _sum_sent_to_number(lower, tokens, i, det, cues)
        return OFFENDER if sent or _paid_through_wallet(lower, tokens, i, at, det, cues) else None
    return OFFENDER if _paid_before(tokens, i - 1, cues) else None


_RECEIVING = frozenset((RECEIVING,))


def _receiving_at(lower: str, tokens: list[_Token], at: int, det: Detection, cues: PartyCues) -> bool:
    """A cue of the receiving end ("на номер", "envoyé au") ends past the destination word."""
    cue = _nearest(lower, tokens[0][1], det.start, cues, _RECEIVING, tokens)
    return cue is not None and cue[1] > at


def _sum_sent_to_number(lower: str, tokens: list[_Token], i: int, det: Detection, cues: PartyCues) -> bool:
    """A number a sum was sent to (M-Pesa, Wave, Swish, Nequi) is a wallet that received a fraud's
    money, the offender's or a mule's: the sum with its currency right before the destination
    ("a envoyé 175 000 FCFA au …", "162 500 kr till nummer …"), unless a person's word stands
    between them. A word of paying farther before ("pagou … por MB WAY para o …") lost a victim's
    number on a test half: decided by the other cues. So is a run of digits written without
    groups: an account's or an identity number as often."""
    if _GROUPED_RE.search(lower, det.start, det.end) is None:
        return False
    paid = _sum_before(lower, tokens, i - 1)
    return paid >= 0 and _last_cue(tokens, paid + 1, i, cues, _PERSONAL) < 0


def _paid_through_wallet(
    lower: str, tokens: list[_Token], i: int, at: int, det: Detection, cues: PartyCues
) -> bool:
    """A phone number a sum of money or a payment went to through a mobile-money service named in
    the sentence ("a envoyé 45 000 gourdes par MonCash au …", "pagó L 3,200 por Tigo Money al …")
    is a wallet that received a fraud's money. Sending alone does not say so (a code "sent to" a
    number went to a person), nor does paying a number without a service named: a relative's or a
    recruited mule's own phone; and a receiving cue ("перевела деньги на номер …") decides."""
    if not any(t[0] in cues.wallets for t in tokens) or _receiving_at(lower, tokens, at, det, cues):
        return False
    return SUM_RE.search(lower, tokens[0][1], at) is not None or _paid_before(tokens, i - 1, cues)


# How many words before an account's own words an origin word may stand ("von ihrem Konto").
_ORIGIN_REACH = 2


def _owner_account_word(word: str, cues: PartyCues) -> bool:
    """A word that may stand between an origin of money and the account: a possessive, a
    person's pronoun ("desde su cuenta") or an account word."""
    return word in cues.account_words or word in cues.possessives or word in cues.origin_persons


def _sum_before(lower: str, tokens: list[_Token], upto: int) -> int:
    """Where a sum of money with its currency written right before tokens[upto] starts among the
    tokens ("175 000 fcfa au", "$ 7.850.000 a nequi", "162 500 kr till nummer"), or -1."""
    if upto == 0:
        return -1
    lo = max(0, upto - _SUM_WORDS)
    last = None
    for match in SUM_RE.finditer(lower, tokens[lo][1], tokens[upto][1]):
        last = match
    if last is None or last.end() < tokens[upto - 1][2]:
        return -1  # no sum, or other words between it and the destination
    return next(j for j in range(lo, upto) if tokens[j][2] > last.start())


# A phone number written as phone numbers are: a country code, or digits in groups.
_GROUPED_RE = re.compile(r"\+|\d[ \-.]\d")

# How many words a sum with its currency may take ("1 250 000 kz", "$ 7.850.000").
_SUM_WORDS = 6


def _paid_before(tokens: list[_Token], upto: int, cues: PartyCues) -> bool:
    return _last_cue(tokens, 0, upto, cues, _PAID) >= 0


def _last_cue(tokens: list[_Token], lo: int, hi: int, cues: PartyCues, parties: frozenset[str]) -> int:
    """Where the last cue of `parties` starting among tokens[lo:hi] starts, or -1."""
    for j in range(hi - 1, lo - 1, -1):
        if any(True for _ in _cue_ends(tokens, j, cues, parties)):
            return j
    return -1


def _payer_phone(tokens: list[_Token], origin: int, cues: PartyCues) -> bool:
    """A phone number after an origin word is the payer's when a word of paying comes before it
    ("paid … from the number") and no offender or caller between ("wired … after a caller posing
    as support from <number>": where the call came from)."""
    paid = _last_cue(tokens, 0, origin, cues, _PAID)
    return paid >= 0 and _last_cue(tokens, paid + 1, origin, cues, _CALLER) < 0


_PAID = frozenset((PAYMENT,))
_CALLER = frozenset((OFFENDER, CALLS))


def _payment_account(
    lower: str, start: int, tokens: list[_Token], det: Detection, found: Iterable[Detection], cues: PartyCues
) -> str | None:
    """Whose an IBAN or card is by the nearest cue before it: a personal cue masks it; a payee
    ("mule", "beneficiary", "safe account") keeps it (a word of paying alone does not: "funds
    moved via <IBAN>" may name the payer's); an
    offender cue keeps it only when nothing but account words stands between ("the scammer's
    account <IBAN>", "犯人の口座は"): the account an offender "used" or "emptied" is as often the
    victim's."""
    cue = _nearest(lower, start, det.start, cues, _PAYMENT_PARTIES - {PAYMENT}, tokens)
    if cue is None:
        return None
    party, end = cue
    i = _next_to_value(tokens, cues)
    if party == PERSONAL or (i > 0 and tokens[i - 1][0] in cues.possessives):
        return PERSONAL  # "her IBAN", "ihr eigenes Konto", "свою карту"
    if _person_between(end, det, found):
        return None
    if party in (PAYEE, PAYMENT):
        return OFFENDER
    adjacent = end >= tokens[i - 1][2] if i > 0 else True
    # An unspaced cue ("犯人の口座は") ends inside a token: a few characters from the value.
    return OFFENDER if adjacent or det.start - end <= _UNSPACED_GAP else None


_UNSPACED_GAP = 6


def _owner_after(lower: str, lo: int, hi: int, cues: PartyCues, parties: frozenset[str]) -> bool:
    """An offender cue right after a value, past owner words only ("… of the scammer", "… used
    by the fraudsters", "… ya tapeli", "… мошенника"): the offender's."""
    tokens = _tokens(lower, lo, hi)
    i = 0
    while i < len(tokens) and (
        tokens[i][0] in cues.owner_words or (i > 0 and tokens[i][0] in cues.owner_links)
    ):
        i += 1
    if i == len(tokens):
        return False
    # Japanese and Chinese write the cue right after the number ("…から電話", "…打来").
    at = tokens[i][1]
    if _UNSPACED_RE.match(lower, at) is not None and any(
        c.party in parties and lower.startswith(c.words[0], at) for c in cues.unspaced
    ):
        return True
    return any(True for _ in _cue_ends(tokens, i, cues, parties))


def _person_called_from(
    text: str, lower: str, after: re.Match[str], det: Detection, found: Iterable[Detection], cues: PartyCues
) -> bool:
    """A person, or a person's pronoun, before a phone number and a verb of calling after it
    ("Ayşe Demir 0532 … numarasından aradı": she called from it): her own number, whatever
    postposition of origin stands between, as "Maria called from …" says before a number."""
    words = _tokens(lower, after.start(), after.end())
    if det.kind != PHONE or not any(w in cues.dialled for w, _, _ in words):
        return False
    start = _sentence_start(text, det.start, cues.window)
    persons = [d for d in found if d.kind == PERSON and start <= d.start and d.end <= det.start]
    if any(not _named_offender(lower, start, d, found, cues) for d in persons):
        return True  # not "Şüpheli Ahmet Yılmaz 0532 … numarasından aradı": the suspect, named
    return any(w in cues.origin_persons for w, _, _ in _tokens(lower, start, det.start))


def _paid_to_after(lower: str, after: re.Match[str], cues: PartyCues) -> bool:
    """A recipient's particle right after an account and a word of paying in its clause
    ("@…에게 120만 원 송금"): the account the money was paid to."""
    tokens = _tokens(lower, after.start(), after.end())
    if not tokens or tokens[0][1] != after.start() or tokens[0][0] not in cues.paid_to_after:
        return False
    return _last_cue(tokens, 1, len(tokens), cues, _PAID) >= 0


def _linked(lower: str, lo: int, cues: PartyCues) -> bool:
    """The owner phrase right after a value opens with a word linking it to its owner ("of",
    "used", "do", "ya", "của"), not an article alone."""
    first = _TOKEN_RE.search(lower, lo, lo + _CLAUSE_AFTER_MAX)
    word = "" if first is None else first.group()
    return word in cues.owner_words and word not in cues.owner_articles


_CLAUSE_AFTER_MAX = 30
_SUBJECT_PARTICLES = frozenset("がもで")


def _adjacent(
    lower: str, tokens: list[_Token], end: int, det: Detection, found: Iterable[Detection], cues: PartyCues
) -> bool:
    """The cue ending at `end`, or a person's name, stands right before the value, past words like
    "the number"."""
    i = _skipped(tokens, cues)
    if i == 0 or end >= tokens[i - 1][2]:
        return True
    near, stop = tokens[i - 1][1], tokens[i - 1][2]
    linking = cues.possessed_words | _SUBJECT_PARTICLES
    # Japanese and Chinese: a cue inside the last run, past a particle and contact words only
    # ("被害者は自分の携帯…", "被害者が…").
    if near < end and _made_of(lower[end:stop], linking):
        return True
    return any(
        d.kind == PERSON
        and near < d.end <= det.start
        and all(_made_of(w, linking) for w in _GAP_WORD_RE.findall(lower, d.end, det.start))
        for d in found
    )


# "of" and its equivalents between a value and the person it belongs to ("the number +34 … of
# Iñaki Etxeberria", "la cuenta @… de Lucía").
_OWNER_RE = re.compile(r"[ \t]+(?:of|de|do|da|di|del|della|dello|von|van|des|du|του|της)[ \t]+")


def _owned_by_person(lower: str, det: Detection, found: Iterable[Detection]) -> bool:
    """A person's name right after the value and "of": the value is that person's."""
    owner = _OWNER_RE.match(lower, det.end)
    return owner is not None and any(d.kind == PERSON and d.start == owner.end() for d in found)


def _possessed_by_person(
    lower: str, det: Detection, found: Iterable[Detection], cues: PartyCues
) -> Detection | None:
    """A person's name right before the value with only a possessive and contact words between
    ("Farhan Qureshi کا نمبر …", "María's phone", "山田さんの電話番号は …", "김민수 씨의 연락처"):
    that person, whose it is."""
    if not cues.possessed_words:
        return None
    lo = max(0, det.start - _POSSESSED_REACH)
    owner = max(
        (d for d in found if d.kind == PERSON and lo <= d.end <= det.start), key=_end_of, default=None
    )
    if owner is None:
        return None
    words = _GAP_WORD_RE.findall(lower, owner.end, det.start)
    return owner if words and all(_made_of(w, cues.possessed_words) for w in words) else None


def _end_of(det: Detection) -> int:
    return det.end


_POSSESSED_REACH = 40
_GAP_WORD_RE = re.compile(r"[^\s:：,'’()（）\[\]\-]+")
_PIECE_MAX = 8
_SPACED_PIECE_MIN = 3


def _made_of(word: str, listed: frozenset[str]) -> bool:
    """The word is listed, or made of listed pieces: Japanese, Chinese and Korean write a particle
    and the contact words together ("さんの電話番号は", "씨의"); other scripts compound words of
    three letters or more ("telefonnummer"), never letters and particles ("desde" is no "de" + "s"
    + "de")."""
    if word in listed:
        return True
    smallest = 1 if _PARTICLE_RE.search(word) is not None else _SPACED_PIECE_MIN
    at = 0
    while at < len(word):
        sizes = range(min(_PIECE_MAX, len(word) - at), smallest - 1, -1)
        size = next((n for n in sizes if word[at : at + n] in listed), 0)
        if size == 0:
            return False
        at += size
    return True


def attribute(
    text: str, lower: str, found: list[Detection], cues: PartyCues | None = None
) -> list[Detection]:
    """Phone numbers, IP addresses, e-mail addresses, accounts, IBANs and cards an offender cue
    speaks for become OFFENDER-PHONE, -IP, -EMAIL, -HANDLE, -IBAN and -CARD (kept by the policy).
    An IP address no cue decides is the offender's too: a report names IPs as what attacked
    (README, "Anonymization"). The others stay PHONE, IP, EMAIL, HANDLE, IBAN and CARD (masked)."""
    if not any(d.kind in _RELABEL for d in found):
        return found
    rules = cues if cues is not None else bundled_party_cues()
    found = [d for d in found if d.kind != PHONE or not reference_before(lower, d, rules, found)]
    roles: list[frozenset[str]] = []

    def feigned() -> frozenset[str]:  # read only when a value's sentence has no cue
        if not roles:
            roles.append(feigned_roles(lower, rules))
        return roles[0]

    # A word for "number" taken for a name ("نمبر") names no person between a cue and a value, nor
    # does an offender's role taken for one ("වංචාකරුගේ", the fraudster's): it is the cue. Nor does
    # a name in quotation marks: the alias an offender gave (see _quoted_alias), nor a platform's
    # name taken for one ("the scammer's LINE ID: …").
    judged = [
        d
        for d in found
        if d.kind != PERSON
        or not (
            _cue_word(lower[d.start : d.end], rules)
            or _quoted_alias(text, lower, d, rules)
            or _platform_named(lower[d.start : d.end])
        )
    ]
    parties = {
        i: decide(text, lower, det, judged, rules, feigned)
        for i, det in enumerate(found)
        if det.kind in _RELABEL
    }
    # A table's rows are no list: the cells of one row are several parties' ("caller | callee"),
    # whether its columns are split by "|" or spaced apart.
    _listed(
        lower,
        found,
        {
            i: p
            for i, p in parties.items()
            if _column_header(lower, found[i]) is None and not _gapped_row(lower, found[i])
        },
        parties,
    )
    said = _said_of_values(lower, found, parties)
    out: list[Detection] = []
    for i, det in enumerate(found):
        if i in parties:
            party = said.get(_value_key(lower, det), parties[i]) if said else parties[i]
            if party == OFFENDER or (party is None and det.kind == IP):
                det = Detection(det.start, det.end, _RELABEL[det.kind])
        out.append(det)
    return out


def _platform_named(span: str) -> bool:
    """A platform's name, or one with its word for an account ("line id"), taken for a person's."""
    rules = bundled_handle_patterns()
    return span in rules.platforms or (rules.cue is not None and rules.cue.fullmatch(span) is not None)


def _quoted_alias(text: str, lower: str, person: Detection, cues: PartyCues) -> bool:
    """A name written alone in quotation marks, past a few words of its own ('by "Kevin"',
    'менеджер «Алина» звонила с …', '「区役所の田中」を名乗り'): analysts quote the name an
    offender gave, so it is no person standing between a cue and a value, nor who called from
    it. Not right after a personal cue ('the victim "Anna"': a person's name kept back)."""
    lo = max(0, person.start - _ALIAS_LEAD)
    opening = max(text.rfind(mark, lo, person.start) for mark in _OPENING_QUOTES)
    if opening < 0 or _ALIAS_BREAK_RE.search(text, opening + 1, person.start) is not None:
        return False
    if opening > 0 and text[opening] in "'‘" and text[opening - 1].isalnum():
        return False  # an apostrophe inside a word ("O'Brien"), not an opening mark
    closing = _ALIAS_CLOSE_RE.match(text, person.end)
    if closing is None or (closing.group()[-1] in "'’" and text[closing.end() : closing.end() + 1].isalnum()):
        return False  # a case ending after an apostrophe ("Kaya'ya"), no closing mark
    return nearest_cue(lower, max(0, opening - _ALIAS_CONTEXT), opening, cues, _PERSONAL) is None


# How far before a quoted name its opening mark may stand: a title or an office's words
# ('„Dr. James Miller“', '「区役所の田中」').
_ALIAS_LEAD = 12
# How far before the opening mark a personal cue makes the quoted name that person's.
_ALIAS_CONTEXT = 24
_OPENING_QUOTES = ('"', "“", "„", "«", "‘", "'", "「", "『", "‹", "＂")
_ALIAS_BREAK_RE = re.compile(r"[\n\"“”„«»‘’'「」『』‹›＂,;:!?()]")
_ALIAS_CLOSE_RE = re.compile(r"[ \t]?[\"”“»’'」』›＂]")


def _cue_word(word: str, cues: PartyCues) -> bool:
    """A word for "number" or a single word of an offender's role, which a name detector of a
    script without capitals may take for a name."""
    return word in cues.origin_skip or any(
        cue.party in _CALLER and len(cue.words) == 1 for cue in _remembered_cues(word, cues)
    )


def _listed(
    lower: str, found: list[Detection], listable: dict[int, str | None], parties: dict[int, str | None]
) -> None:
    """A value nothing decides, listed right after one the text gives the offender with only list
    marks between ("the scammers used +44 …, +44 … and @…"; one a line or after ";"), is the
    offender's too. A word between that is a cue, a person's name, or any other word ends the
    list (deny by default). Only values of `listable` are read as items; `parties` is updated."""
    neighbours = list(pairwise(sorted(listable)))
    for first, second in neighbours:
        if parties[second] is None and parties[first] == OFFENDER and _list_gap(lower, found, first, second):
            parties[second] = OFFENDER
    # Languages that say whose a value is after it (Hindi "… और … से आ रही हैं", calls came from
    # … and …; a bracket note after the last item) decide the last item of a list only: the
    # items before it, with only list marks between, are the same party's.
    for first, second in reversed(neighbours):
        if parties[first] is None and parties[second] == OFFENDER and _list_gap(lower, found, first, second):
            parties[first] = OFFENDER


def _list_gap(lower: str, found: list[Detection], first: int, second: int) -> bool:
    """Only list marks stand between two neighbouring values."""
    return _LIST_GAP_RE.fullmatch(lower, found[first].end, found[second].start) is not None


# Only separators, a conjunction and a bullet or item number between two listed values.
_LIST_GAP_RE = re.compile(
    r"[\s,;/|•·*–-]*(?:\b(?:and|or|et|ou|und|oder|y|o|e|i|и|или|і|або|ve|veya|en|oraz|lub|و|और|या|اور|یا)(?!\w))?"
    r"[\s,;/|•·*–-]*(?:\d{1,2}[.)])?\s*"
)


def _value_key(lower: str, det: Detection) -> tuple[str, str]:
    """The same value written again, also spaced or punctuated otherwise ("+46 70 …", "070-…"
    differ; "@name" and "name" do not)."""
    value = lower[det.start : det.end]
    if det.kind in (PHONE, IBAN, CARD):
        return det.kind, _NOT_ALNUM_RE.sub("", value)
    return det.kind, value.lstrip("@")


_NOT_ALNUM_RE = re.compile(r"[\W_]+")


def _said_of_values(
    lower: str, found: list[Detection], parties: dict[int, str | None]
) -> dict[tuple[str, str], str]:
    """What the text says of a value written more than once: a value said to be a person's
    anywhere is a person's everywhere (deny by default); one said to be the offender's somewhere
    and nowhere a person's is the offender's where it is written again without a cue ("The
    account @x …" after "the extortioner's account @x")."""
    if len(parties) < 2:
        return {}
    seen: dict[tuple[str, str], set[str | None]] = {}
    for i, party in parties.items():
        seen.setdefault(_value_key(lower, found[i]), set()).add(party)
    said: dict[tuple[str, str], str] = {}
    for key, said_of in seen.items():
        if len(said_of) > 1:
            said[key] = PERSONAL if PERSONAL in said_of else OFFENDER
    return said
