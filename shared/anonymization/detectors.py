"""Detection type, kinds, and the detectors of text-shaped values: emails, and the intelligence
kinds (URLs, domains, hashes, wallets) that are detected only so that no personal-data detector
eats into them.

Python's `re` costs ~5 µs per pass over a 600-character narrative, so each detector first checks a
cheap gate (a substring test or one simple pass) and runs its full regex only where that fires.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from pathlib import Path

from shared.data_files import parse_yaml

# A word character of a script written with spaces: Chinese, Japanese and Korean text runs words
# into numbers ("身份证号110105…", "連絡先は+81 …"), so a number there starts after any ideograph,
# kana or hangul. Use in look-arounds instead of \w.
SPACED_WORD = r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]"

# A word of a spaced script: a Latin cue glued to Chinese or Japanese words ("山本さんのLINE ID")
# is a word of its own.
_GATE_WORD_RE = re.compile(
    r"[^\W\d_\u0e00-\u0e7f\u1200-\u137f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+"
)
# The start of a chat transcript's line, before its speaker: a time (a date before it perhaps, in
# brackets or not, half- or full-width), then a dash or bar perhaps ("[14:02] ", "07.03.25, 21:14 - ",
# "［21:05］"). Each script's name detector reads the speaker after it its own way.
CHAT_LINE_START = (
    r"[ \t]*[\[［(（]?(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}[,T]?[ \t]*)?\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:[ \t]?[AaPp]\.?[Mm]\.?)?[\]］)）]?[ \t]*(?:[-–—|>][ \t]*)?"
)
# (Thai too: written without spaces, and its vowel marks are no word characters for \w; and
# Ethiopic, whose words carry their prepositions and possessives: "የፋይዳ ቁጥሩ", "of the Fayda, its
# number", holds the cue "ፋይዳ".)
_UNSPACED_RE = re.compile(
    r"[\u0e00-\u0e7f\u1200-\u137f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)


# The words of the text a gate read last: several detectors' gates read the same lowered text one
# after the other (handles, dates of birth). One entry, replaced as a whole (safe across threads).
_last_words: tuple[str, list[str]] = ("", [])


def _gate_words(lower: str) -> list[str]:
    global _last_words
    last = _last_words
    if last[0] is lower:
        return last[1]
    found = _GATE_WORD_RE.findall(lower)
    _last_words = (lower, found)
    return found


@dataclass(frozen=True, slots=True)
class CueGate:
    """A cheap test whether a text may hold one of many cue phrases, before a regular expression
    of all of them runs (an alternation of a hundred phrases costs ~0.5 ms per text): the first
    word of each spaced cue is looked up in the text's words, cues in Chinese, Japanese or
    Korean are looked for as substrings."""

    words: frozenset[str]
    unspaced: tuple[str, ...]

    @classmethod
    def of(cls, cues: Iterable[str]) -> CueGate:
        words: set[str] = set()
        unspaced: list[str] = []
        for cue in cues:
            lowered = cue.lower()
            if _UNSPACED_RE.match(lowered):
                unspaced.append(lowered)
            else:
                first = _GATE_WORD_RE.search(lowered)
                if first is not None:
                    words.add(first.group())
        return cls(frozenset(words), tuple(unspaced))

    def open(self, lower: str) -> bool:
        # An unspaced cue starts with a letter of a script written without spaces (none in ASCII).
        return (
            self._may_hold_unspaced(lower) and any(cue in lower for cue in self.unspaced)
        ) or not self.words.isdisjoint(_GATE_WORD_RE.findall(lower))

    def _may_hold_unspaced(self, lower: str) -> bool:
        # One scan for a letter of those scripts instead of a substring search per cue: most
        # texts have none (Latin, Cyrillic, Arabic).
        return bool(self.unspaced) and not lower.isascii() and _UNSPACED_RE.search(lower) is not None

    def positions(self, lower: str) -> list[int]:
        """Where a cue may start: each occurrence of a cue's first word or of an unspaced cue.
        Matching the cues there, anchored, is far cheaper than scanning the text for all."""
        hits = [w for w in self.unspaced if w in lower] if self._may_hold_unspaced(lower) else []
        hits.extend(self.words.intersection(_gate_words(lower)))
        found: set[int] = set()
        for hit in hits:
            at = lower.find(hit)
            while at >= 0:
                found.add(at)
                at = lower.find(hit, at + 1)
        return sorted(found)


EMAIL = "EMAIL"
HANDLE = "HANDLE"
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
# A phone number or IP address its context says is the offender's (shared/anonymization/parties.py):
# intelligence, kept by the policy.
OFFENDER_PHONE = "OFFENDER-PHONE"
OFFENDER_IP = "OFFENDER-IP"
# An e-mail address or social-media account (a handle or a profile URL) its context says is the
# offender's: the sender of a phishing mail, a recruiting channel, a blackmailing account.
OFFENDER_EMAIL = "OFFENDER-EMAIL"
OFFENDER_HANDLE = "OFFENDER-HANDLE"
# An IBAN or card number its context says received a fraud's money: a mule's or the offender's
# account ("transferred to", "mule account", "безопасный счёт").
OFFENDER_IBAN = "OFFENDER-IBAN"
OFFENDER_CARD = "OFFENDER-CARD"

PERSONAL_KINDS = (EMAIL, HANDLE, PHONE, IBAN, CARD, IP, NATIONAL_ID, PERSON, ADDRESS, DATE_OF_BIRTH)
INTELLIGENCE_KINDS = (
    URL,
    DOMAIN,
    HASH,
    WALLET,
    OFFENDER_PHONE,
    OFFENDER_IP,
    OFFENDER_EMAIL,
    OFFENDER_HANDLE,
)
# Attributed to the offender but masked by the bundled policy (policy.yaml says why).
RECEIVING_ACCOUNT_KINDS = (OFFENDER_IBAN, OFFENDER_CARD)


@dataclass(frozen=True, slots=True)
class Detection:
    start: int
    end: int
    kind: str


Detector = Callable[[str], Iterable[Detection]]


_Trie = dict[str, "_Trie"]


def literal_trie(words: Iterable[str]) -> str:
    """A pattern matching exactly the given strings, written as a trie ("B(?:lk|o(?:k|x))"): a
    search tries one branch per character instead of every word at every position. Which strings
    it matches is what an alternation of the words matches; which of two overlapping words a match
    ends with may differ, so it is for asking whether (or where) any word occurs."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_branch(trie)


def _trie_branch(node: _Trie) -> str:
    branches = [re.escape(ch) + _trie_branch(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here: what follows is optional
        return (body if len(branches) > 1 else "(?:" + body + ")") + "?"
    return body


def words(*chunks: str) -> tuple[str, ...]:
    """Whitespace-separated word lists, so that long vocabularies stay readable in source."""
    return tuple(" ".join(chunks).split())


class SpanIndex:
    """Detections already taken (they may overlap each other), asked "does [start, end) touch any?"
    in O(log n): sorted starts plus the running maximum of ends, so a 2 MB text with thousands of
    detections costs n log n instead of comparing every pair."""

    __slots__ = ("_max_ends", "_starts")

    def __init__(self, taken: Iterable[Detection] = ()) -> None:
        spans = sorted((d.start, d.end) for d in taken)
        self._starts = [s for s, _ in spans]
        self._max_ends = list(accumulate((e for _, e in spans), max))

    def __bool__(self) -> bool:
        return bool(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        # Among spans starting before `end`, the furthest-reaching one decides.
        count = bisect_left(self._starts, end)
        return count > 0 and self._max_ends[count - 1] > start


def select_disjoint(ordered: Iterable[Detection]) -> list[Detection]:
    """Greedy choice in the given (priority) order of detections that overlap none chosen before,
    returned in text order. Chosen spans are disjoint, so one sorted list of them answers each
    overlap question with a binary search: O(n log n) for n detections."""
    starts: list[int] = []
    chosen: list[Detection] = []
    for det in ordered:
        i = bisect_right(starts, det.start)
        if i > 0 and chosen[i - 1].end > det.start:
            continue
        if i < len(starts) and starts[i] < det.end:
            continue
        starts.insert(i, det.start)
        chosen.insert(i, det)
    return chosen


# --- email -----------------------------------------------------------------------------------------


# "@" and the ways people write it to get past filters: "[at]", "(arroba)", "{ät}", "[@]", "(a)",
# " AT ", a full-width "＠"; "." as "[dot]", "(punto)". The bracketed words of every report
# language are in handles.yaml. A plain " at " is an "@" only before a known mail provider
# ("jan_kowalski at wp.pl"): elsewhere it is the English word ("the site at login-secure.com").
@dataclass(frozen=True, slots=True)
class EmailPatterns:
    email: re.Pattern[str]
    gate: re.Pattern[str]
    obfuscated: re.Pattern[str]


_SPACED_TLDS = (
    "com|net|org|info|edu|gov|de|fr|es|it|nl|be|at|ch|pl|cz|sk|hu|ro|bg|gr|pt|ie|uk|se|no|dk|fi|ru|ua|"
    "tr|il|in|pk|bd|cn|jp|kr|tw|hk|sg|my|id|th|vn|ph|au|nz|ca|us|mx|br|ar|cl|co|pe|za|ng|ke|eg|ma|ae|sa|ir|eu|io|me"
)


def email_patterns(
    at_words: Iterable[str], dot_words: Iterable[str], mail_providers: Iterable[str] = ()
) -> EmailPatterns:
    at = "|".join(re.escape(w) for w in sorted({"at", "@", *at_words}, key=len, reverse=True))
    dot = "|".join(re.escape(w) for w in sorted({"dot", *dot_words}, key=len, reverse=True))
    # A bracketed word: the opening bracket, then the rest (the obfuscated gate reads them apart).
    at_in_brackets = rf"\s?(?i:{at})\s?[\])}}>]"
    dot_in_brackets = rf"\s?(?:\.|(?i:{dot}))\s?[\])}}>]"
    bracketed_at = rf"[\[({{<]{at_in_brackets}"
    bracketed_dot = rf"[\[({{<]{dot_in_brackets}"
    # A provider's dots may be written with spaces too ("name at yandex . ru").
    spaced_providers = (re.escape(d).replace(r"\.", r"\s?[.．]\s?") for d in set(mail_providers))
    providers = "|".join(sorted(spaced_providers, key=len, reverse=True))
    # A lowercase " at " is the English word unless a mail provider or a written-out dot follows
    # ("contactable at fz.elidrissi [at] yahoo dot fr": the address is the bracketed one).
    # The spoken words of other languages without brackets ("lina arroba correo punto com",
    # "ivan собака mail точка ru"): a spoken dot of one of them after the host's first label.
    spoken_dots = "|".join(re.escape(w) for w in sorted(set(dot_words) - {"dot"}, key=len, reverse=True))
    spoken_dot = rf"\s(?i:{spoken_dots})\s(?=[A-Za-z]{{2,24}}(?![\w@-]))" if spoken_dots else "(?!)"
    worded_dot = rf"[\w-]{{1,63}}(?:\s?{bracketed_dot}|\s(?:dot|DOT|Dot)\s|{spoken_dot})"
    spoken_ats = "|".join(
        # Short words of other scripts are no English or French prose word ("ایٹ", "ऐट").
        re.escape(w)
        for w in sorted({w for w in at_words if len(w) >= 4 or not w.isascii()}, key=len, reverse=True)
    )
    spoken_at_word = rf"(?i:{spoken_ats})\s(?={worded_dot})" if spoken_ats else ""
    spoken_at = rf"|\s{spoken_at_word}" if spoken_ats else ""
    after_at = rf"(?i:{providers})(?![\w.-]*\w)|{worded_dot}" if providers else worded_dot
    # A space before an "@" only with one after it too: "TikTok @name.surname" is a handle.
    at_sign = rf"(?:[@＠]\s?|\s[@＠]\s|\s?{bracketed_at}\s?|\s(?:AT|At)\s|\sat\s(?={after_at}){spoken_at})"
    # A dot with spaces around it ("gmail . com", "gmail. com") only before a common top-level
    # domain: "x@example.com. Then" must not take the next sentence's word.
    spaced_dot = rf"\s?[.．]\s?(?=(?:{_SPACED_TLDS})(?![\w@-])(?!\.\w))"
    dot_sign = rf"(?:[.．]|{spaced_dot}|\s?{bracketed_dot}\s?|\s(?:dot|DOT|Dot)\s|{spoken_dot})"
    provider_word = rf"(?:at|AT|At)\s(?i:{providers})(?![\w.-]*\w)" if providers else ""
    # After a space: a written-out dot, "at" before a provider, a spoken "at" of another language.
    spaced_forms = "|".join(f for f in (r"(?:dot|DOT|Dot)\s", provider_word, spoken_at_word) if f)
    return EmailPatterns(
        # The top-level domain ends at any letter but a Latin one: Chinese and Japanese write the
        # next word glued to it ("邮箱lin@163.com与手机").
        email=re.compile(
            rf"[\w.+%'-]{{1,64}}{at_sign}(?:[\w-]{{1,63}}{dot_sign})+[A-Za-z]{{2,24}}(?![A-Za-z0-9_])"
        ),
        # Only where an "@" or a written-out "at" is can an address be.
        gate=re.compile(rf"[@＠]|{bracketed_at}|\s(?:at|AT|At)\s{spoken_at}"),
        # A written-out "at" or "dot" in brackets, " dot ", or " at " before a mail provider: an
        # address may span several tokens.
        # Every form starts with a bracket or a space: with one class first the search skips the
        # other characters in C instead of trying every form at every position. Same matches as
        # rf"{bracketed_at}|{bracketed_dot}|\s(?:{spaced_forms})".
        obfuscated=re.compile(
            rf"[\[({{<\s](?:(?<=[\[({{<])(?:{at_in_brackets}|{dot_in_brackets})|(?<=\s)(?:{spaced_forms}))"
        ),
    )


_AT_SIGN_RE = re.compile("[@＠]")
# How far before an "@" an address may start: a 64-character local part and a bracket or quote.
_LOCAL_PART_REACH = 66


def find_emails(text: str, patterns: EmailPatterns | None = None) -> Iterator[Detection]:
    rules = patterns if patterns is not None else bundled_handle_patterns().emails
    # The regex would try a 64-character local part at every word character; only the token
    # around each "@" can hold an address.
    plain = "@" in text or "＠" in text
    obfuscated = rules.obfuscated.search(text) is not None
    if not plain and not obfuscated:
        return
    end = 0  # where the last address found ends: a gate inside it is part of it
    # Without an obfuscated form only the "@" gates open a window: the others are not looked for.
    gates = rules.gate.finditer(text) if obfuscated else _AT_SIGN_RE.finditer(text)
    for gate in gates:
        if gate.start() < end:
            continue
        if gate.group() in ("@", "＠"):
            # A local part has at most 64 characters: the token before them cannot be in it.
            floor = max(0, gate.start() - _LOCAL_PART_REACH)
            start = _token_start(text, gate.start(), floor)
            if start == gate.start() and start > 0:  # "name @ host": the token before the space
                start = _token_start(text, start - 1, max(0, start - 1 - _LOCAL_PART_REACH))
            # Up to the end of the host, which may be written with spaces ("@ gmail . com").
            end = min(len(text), gate.end() + 80)
        elif obfuscated:  # "name [at] example [dot] org" spans several whitespace-separated tokens
            start = max(0, gate.start() - 66)
            end = min(len(text), gate.end() + 80)
        else:
            continue
        window_end, end = end, 0
        at_sign = gate.group() in ("@", "＠")
        for match in rules.email.finditer(text, start, window_end):
            if at_sign and not match.start() <= gate.start() < match.end():
                continue  # around an "@", only the address holding it ("… at site.com" after it is prose)
            end = max(end, match.end())
            begin = _local_part_start(text, match.start(), gate.start()) if at_sign else match.start()
            yield Detection(begin, match.end(), EMAIL)


# A Hebrew one-letter preposition glued to an address ("מ-ceo@…", "from"): prose, not the address.
# No longer word is cut off: a name written right before an address ("山田花子yamada@…") goes
# with it (privacy first).
_GLUED_PROSE_RE = re.compile(r"[מבלוהשכ]-?(?=[A-Za-z0-9])")


def _local_part_start(text: str, start: int, at: int) -> int:
    glued = _GLUED_PROSE_RE.match(text, start, at)
    return start if glued is None else glued.end()


# --- social-media handles ------------------------------------------------------------------------

# "@name": not after a letter of a cased script or a dot (an e-mail address); ideographs and kana
# may touch it ("アカウントは@name").
_HANDLE_RE = re.compile(
    r"(?<![0-9A-Za-z_@.\u00c0-\u024f\u0370-\u052f])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![A-Za-z0-9_@])"
)
HANDLES_FILE = Path(__file__).with_name("handles.yaml")
# Discord's older account names end in "#" and four digits ("name#0421"): part of the name.
_DISCORD_TAG = r"(?:#\d{4}(?!\d))?"
# An account name that does not read as a word: a lowercase letter, and a digit, "_", "." or a
# capital after a lowercase letter; not an e-mail address, a URL or a domain's path.
_SHAPED = (
    r"@?(?=[A-Za-z0-9_.]*[a-z])(?=[A-Za-z0-9_.]*(?:[_\d]|\.[A-Za-z0-9_]|[a-z][A-Z]))"
    r"[A-Za-z0-9_][A-Za-z0-9_.]{1,28}[A-Za-z0-9_]" + _DISCORD_TAG + r"(?![\w@/-]|\.[A-Za-z])"
)
_PLAIN = r"[a-z][a-z0-9]{2,29}" + _DISCORD_TAG + r"(?![\w@/]|\.\w)"
# Combining marks only (the characters of these ranges that are no word characters): an alternative
# that overlaps the letters would make a long Indic word match in exponentially many ways.
_MARK_RANGES = ((0x300, 0x36F), (0x900, 0xDFF), (0xE31, 0xE4E), (0x1000, 0x109F), (0x17B4, 0x17D3))
_MARKS = (
    "["
    + "".join(
        re.escape(chr(c))
        for lo, hi in _MARK_RANGES
        for c in range(lo, hi + 1)
        if re.match(r"\w", chr(c)) is None
    )
    + "]"
)
# A shaped name with a digit or "_" that does not end like a domain (".com").
_STRICT = r"(?=[A-Za-z0-9_.]*[_\d])(?![A-Za-z0-9_.]*\.[A-Za-z]{2,6}(?![A-Za-z0-9_.]))" + _SHAPED
# An account name in capitals: three characters or more, a letter among them.
_CAPS = r"(?=[A-Z0-9_.]*[A-Z])[A-Z0-9_][A-Z0-9_.]{1,28}[A-Z0-9_](?![\w@/-]|\.[A-Za-z])"
# The same shape ending before a CJK letter ("yui_22です")
_SHAPED_TOUCHING = _SHAPED.replace(r"(?![\w@/-]", r"(?![A-Za-z0-9_@/-]")


@dataclass(frozen=True, slots=True)
class ProfilePatterns:
    """Profile addresses of social-media platforms (handles.yaml `profile_hosts`)."""

    hosts: tuple[str, ...]  # lowercase "host/" as written before an account name: the gate
    profile: re.Pattern[str]
    reserved: frozenset[str]


# A word character, but no ideograph, kana or hangul: Chinese, Japanese and Korean write a profile
# address glued to their words ("账号xiaohongshu.com/user/…被盗"), and its account ends there.
_NOT_GLUED_WORD = r"[^\W\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]"


def profile_patterns(hosts: Iterable[str], reserved: Iterable[str]) -> ProfilePatterns:
    written = sorted({h.lower().rstrip("/") for h in hosts}, key=len, reverse=True)
    alternation = "|".join(re.escape(h) for h in written)
    return ProfilePatterns(
        tuple(f"{h}/" if not h.endswith("@") else h for h in written),
        re.compile(
            rf"(?<!{_NOT_GLUED_WORD}|[.@/-])(?:https?://)?(?:(?:www|m|mobile|web|vm)\.)?(?i:{alternation})/?"
            rf"(?P<account>profile\.php\?id=\d{{5,20}}|[@~]?(?:{_NOT_GLUED_WORD}|[.-]){{2,60}})/?(?:\?[\w=&%.-]*)?"
            rf"(?!{_NOT_GLUED_WORD}|[/@?#-]|\.\w)",
        ),
        frozenset(r.lower() for r in reserved),
    )


@dataclass(frozen=True, slots=True)
class HandlePatterns:
    gate: CueGate
    cued: re.Pattern[str]
    emails: EmailPatterns
    profiles: ProfilePatterns
    # The platforms' own names: "WhatsApp" after "moved to" reads as a shaped name, and is none.
    platforms: frozenset[str] = frozenset()
    # A word for an account, alone or after a platform (anchored where the gate opens): a plain name
    # a few words after it is read word by word (_loose_name).
    cue: re.Pattern[str] | None = None
    # A platform's name alone, anchored where the gate opens (_named_before).
    platform_name: re.Pattern[str] | None = None


_CJK_CHARS = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
# Thai too writes its words without spaces: a cue touches the words after it ("ไลน์ของผู้เสียหาย").
_THAI_CHARS = "\u0e00-\u0e7f"
_UNSPACED_CHARS = _CJK_CHARS + _THAI_CHARS
_CJK_WORD_RE = re.compile(rf"[{_UNSPACED_CHARS}A-Z]*[{_UNSPACED_CHARS}][{_UNSPACED_CHARS}]*")
# What a cue may carry glued to it: a suffix after an apostrophe (Turkish "Instagram'daki",
# English "Instagram's") or a Korean particle ("아이디는", "계정으로").
# A letter a cue may not follow: one of a script written with spaces (a Latin cue may touch a
# Chinese or Japanese word before it: "山本さんのLINE ID：…").
_CUE_LETTER = r"[^\W_\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af\u0e00-\u0e7f]"
_CUE_SUFFIX = r"(?:['’][^\W\d_]{1,6}|으로|에서|[은는이가을를의도로])?"
# Between a platform and a word for its account: a space, "_" or a dash; none after a platform
# written in Hangul, kana or ideographs, which the Latin word touches ("카톡ID", "ラインID").
_PLATFORM_GAP = r"(?:[ \t_-]+|(?<=[\uac00-\ud7af\u3040-\u30ff\u3400-\u9fff]))"
# Between a cue and a name written without a colon: a colon, "=", a dash or an arrow.
_SEPARATOR = r"(?:[:：=—–→]|\s-(?=\s))"


def _cue_source(platforms: str, platform_accounts: str, accounts: str, *, platform_alone: bool) -> str:
    """A platform with its word for an account ("Instagram username"), or a word for an account
    alone ("pseudo"), and a platform's name alone when `platform_alone`; with what may be glued
    after it (`_CUE_SUFFIX`)."""
    optional = "?" if platform_alone else ""
    return (
        rf"(?<!{_CUE_LETTER})(?i:{platforms}(?:{_PLATFORM_GAP}{platform_accounts}){optional}|{accounts})"
        rf"{_CUE_SUFFIX}(?![^\W_])"
    )


def _phrases(phrases: Iterable[str]) -> str:
    alternation = "|".join(
        r"[\s-]*".join(re.escape(w) for w in p.split()) for p in sorted(phrases, key=len, reverse=True)
    )
    return rf"(?:{alternation})"


def load_handle_patterns(path: Path = HANDLES_FILE) -> HandlePatterns:
    data = parse_yaml(path.read_text(encoding="utf-8"))
    platforms = _phrases(data["platforms"])
    accounts = _phrases(data["account_words"])
    platform_accounts = _phrases([*data["account_words"], *data["platform_account_words"]])
    # A key of a key=value dump or a JSON field may join its words with "_" ("victim_tg=…",
    # "tg_username=…").
    cue = _cue_source(platforms, platform_accounts, accounts, platform_alone=True)
    # Up to four short words between the cue and the name ("de la victime", "des Opfers", "is").
    # A word's combining marks (Thai, Indic, Khmer, Myanmar vowel signs, decomposed accents) are part
    # of it ("LINE ID ของผู้เสียหาย …").
    link = r"(?:[ \t]*,?[ \t]+(?>[^\W\d_](?:[^\W\d_]|['’]|" + _MARKS + r"){0,19})){0,5}?"
    # A shaped name may stand in brackets or quotes ("Facebook-fiókját (varga.e.79)").
    # Japanese quotes it in corner brackets ("LINE ID「…」"); "=" is a dump's colon ("tg=…").
    # A JSON key's closing quote may stand before the colon ('"victim_instagram": "jandoe"').
    name = (
        rf"(?:[\"']?[ \t]*{_SEPARATOR}[ \t]*[\"']?(?P<plain>{_PLAIN})"
        # A plain name in brackets or quotes ("Instagram (jandoe)", "TikTok «jandoe»").
        rf"|[ \t]*[(\[«“\"「『][ \t]*(?P<quoted>{_PLAIN})[ \t]*(?=[)\]»”\"」』])"
        rf"|[\"']?[ \t]*{_SEPARATOR}?[ \t]*,?[ \t]*[(\[«“\"「『]?[ \t]*(?<![\w.-])(?P<shaped>{_SHAPED})"
        # A note written in capitals writes the name so too ("IG: JANE_DOE93"): find_handles takes
        # it only after a cue in capitals.
        rf"|[ \t]*{_SEPARATOR}[ \t]*[\"']?(?P<caps>{_CAPS}))"
    )
    # Chinese and Japanese cues touch the words around them ("他的微信号是wang_li88",
    # "インスタのアカウントはyui_22"): a few ideographs or kana may stand between cue and name.
    unspaced = [w for w in (*data["platforms"], *data["account_words"]) if _CJK_WORD_RE.fullmatch(w)]
    touching = (
        rf"|(?:{_phrases(unspaced)})(?:[{_CJK_CHARS}]{{0,8}}?|[{_THAI_CHARS}]{{0,20}}?)[ \t]*[:：]?[ \t]*"
        rf"(?P<touching>{_SHAPED_TOUCHING})"
        if unspaced
        else ""
    )
    bare_words = str(data.get("bare_account_words") or "").split("|")
    bare_words = [w.strip() for w in bare_words if w.strip()]
    # A plain word for an account ("konto", "compte", "គណនី") names one only right before it, and
    # only a name with a digit or "_" (no domain): the same words name bank accounts and pages.
    bare = (
        rf"|(?<!\w)(?i:{_phrases(bare_words)})(?!\w)[ \t]*[:：]?[ \t]*[(\[«“\"]?[ \t]*"
        rf"(?<![\w.-])(?P<strict>{_STRICT})"
        if bare_words
        else ""
    )
    return HandlePatterns(
        gate=CueGate.of([*data["platforms"], *data["account_words"], *bare_words]),
        cued=re.compile(rf"{cue}{link}{name}{touching}{bare}"),
        emails=email_patterns(
            data["email_at_words"].split(),
            data["email_dot_words"].split(),
            # An operator's copy from before the key existed: the bundled providers.
            str(data.get("mail_providers") or _bundled("mail_providers")).split(),
        ),
        # An operator's copy from before the profile keys: the bundled hosts.
        profiles=profile_patterns(
            str(data.get("profile_hosts") or _bundled("profile_hosts")).split(),
            str(data.get("profile_reserved") or _bundled("profile_reserved")).split(),
        ),
        platforms=frozenset(str(p).lower() for p in data["platforms"]),
        platform_name=re.compile(rf"(?:{platforms})(?![^\W_])"),
        # Only a word for an account (after a platform or not) is followed by a loose name: right
        # after a platform's name stands a word about it ("WhatsApp clonado", "Facebook impersonation").
        cue=re.compile(_cue_source(platforms, platform_accounts, accounts, platform_alone=False)),
    )


@cache
def _bundled(key: str) -> str:
    return str(parse_yaml(HANDLES_FILE.read_text(encoding="utf-8"))[key])


@cache
def bundled_handle_patterns() -> HandlePatterns:
    return load_handle_patterns()


def find_handles(
    text: str, lower: str | None = None, patterns: HandlePatterns | None = None
) -> Iterator[Detection]:
    """ "@name" anywhere; an account name after a platform or account word; a platform's profile
    address (handles.yaml)."""
    if "@" in text:
        for match in _HANDLE_RE.finditer(text):
            yield Detection(match.start(), match.end(), HANDLE)
    rules = patterns if patterns is not None else bundled_handle_patterns()
    lowered = text.lower() if lower is None or len(lower) != len(text) else lower
    if "/" in text:
        yield from _profiles(text, lowered, rules.profiles)
    end = 0
    for at in rules.gate.positions(lowered):
        named = _named_before(text, lowered, at, rules)
        if named is not None:
            yield Detection(*named, HANDLE)
        if _inside_link(text, at):
            continue  # "https://shop.example/fb and shop.example": a path, not a platform named
        if at < end:
            continue
        cued = rules.cued.match(text, at)
        if cued is not None:
            group = next(
                g
                for g in ("plain", "quoted", "shaped", "caps", "touching", "strict")
                if cued.group(g) is not None
            )
            end = cued.end()
            if group in ("plain", "quoted") and _is_frequent_word(cued.group(group)):
                continue  # "WhatsApp clonado: criminosos", "Facebook: trang cá nhân"
            if group == "caps" and not _capitals_name(text, at, cued.start(group), cued.group(group)):
                end = at
                continue
            if cued.group(group).lower() not in rules.platforms:
                yield Detection(cued.start(group), cued.end(group), HANDLE)
                continue
            # "met on Hinge, moved to WhatsApp"; the platform may be a cue of its own ("usuario
            # de TikTok: …") and a loose name may follow it ("usuario de TikTok es …").
            end = cued.start(group)
        if rules.cue is not None:
            loose = _loose_name(text, at, rules)
            if loose is not None:
                end = loose[1]
                yield Detection(*loose, HANDLE)
    yield from _conventional_ids(text, lowered)


# A word after a cue: its core, with brackets, quotes and the sentence's punctuation around it.
_LOOSE_TOKEN_RE = re.compile(r"[ \t]+([(\[«“\"'‘]*)([^\s(\[«“\"'‘]+?)([)\]»”\"'’.,;!?:]*)(?=\s|$)")
_LOOSE_NAME_RE = re.compile(_PLAIN.replace(r"(?![\w@/]|\.\w)", ""))
_LOOSE_WORDS = 5


def _loose_name(text: str, at: int, rules: HandlePatterns) -> tuple[int, int] | None:
    """A plain account name a few words after a word for an account, without a colon ("Snapchat
    username jandoe", "su usuario de TikTok es jandoe"): the first lowercase Latin word that is no
    frequent word of a report language, no word for a person's role and no platform. Those words,
    dashes and words of other scripts may stand between; a capitalized word, a number or a
    sentence's end stops the search."""
    assert rules.cue is not None
    cue = rules.cue.match(text, at)
    if cue is None:
        return None
    pos = cue.end()
    for _ in range(_LOOSE_WORDS):
        token = _LOOSE_TOKEN_RE.match(text, pos)
        if token is None:
            return None
        pos = token.end()
        word = token.group(2)
        lower = word.lower()
        if _LOOSE_NAME_RE.fullmatch(word) and not _is_known_word(word.split("#")[0]):
            if lower in rules.platforms:
                continue
            return token.start(2), token.end(2)
        if lower in rules.platforms or _is_known_word(lower) or not any("a" <= c <= "z" for c in lower):
            if any(c in ".;!?" for c in token.group(3)):
                return None  # the sentence ends
            continue
        return None
    return None


# Account names whose platform writes them in a shape of its own: Skype's "live:name", Reddit's
# "u/name", and Discord's "name#0421" where Discord is named.
_SKYPE_ID_RE = re.compile(r"(?<![\w/:.-])live:\.?[A-Za-z0-9][A-Za-z0-9._-]{1,40}[A-Za-z0-9]")
_REDDIT_USER_RE = re.compile(r"(?<![\w/.-])/?u/[A-Za-z0-9_-]{3,20}(?![\w/-])")
_DISCORD_ID_RE = re.compile(r"(?<![\w#@.])[A-Za-z0-9_][A-Za-z0-9_.]{1,31}#\d{4}(?![\w#])")


# A platform named after the account, in brackets or after "on" ("jane.doe93 (Instagram)",
# "jane.doe93 on TikTok", "jane.doe93 auf Instagram"): the name before it.
_NAME_BEFORE_RE = re.compile(
    rf"(?:^|(?<=[\s(\[«“\"']))(?P<name>{_SHAPED.replace('@?', '', 1)}|{_PLAIN})"
    r"(?:[ \t]*\($|[ \t]+(?:on|auf|en|sur|na|su|op|på|di|trên|в)[ \t]+$)"
)
_NAME_BEFORE_REACH = 48
_SHAPED_NAME_RE = re.compile(_SHAPED)


def _named_before(text: str, lower: str, at: int, rules: HandlePatterns) -> tuple[int, int] | None:
    """An account name right before a platform's name that stands in brackets or after "on"."""
    if at == 0 or text[at - 1] not in " \t(" or rules.platform_name is None:
        return None
    platform = rules.platform_name.match(lower, at)
    if platform is None:
        return None
    if text[at - 1] == "(" and not text.startswith(")", platform.end()):
        return None
    before = _NAME_BEFORE_RE.search(text, max(0, at - _NAME_BEFORE_REACH), at)
    if before is None:
        return None
    name = before.group("name")
    if name.lower() in rules.platforms or _is_known_word(name):
        return None
    if text[at - 1] != "(" and _SHAPED_NAME_RE.fullmatch(name) is None:
        return None  # "… on TikTok" after a plain word: prose ("quokka posted on TikTok")
    return before.start("name"), before.end("name")


def _conventional_ids(text: str, lower: str) -> Iterator[Detection]:
    if "live:" in lower:
        for match in _SKYPE_ID_RE.finditer(text):
            yield Detection(match.start(), match.end(), HANDLE)
    if "u/" in text:
        for match in _REDDIT_USER_RE.finditer(text):
            yield Detection(match.start(), match.end(), HANDLE)
    if "discord" in lower and "#" in text:
        for match in _DISCORD_ID_RE.finditer(text):
            yield Detection(match.start(), match.end(), HANDLE)


def _inside_link(text: str, at: int) -> bool:
    """Whether the word at `at` continues a URL or host path: a "/" right before it, and a "." earlier
    in the same whitespace-delimited token ("WhatsApp/Telegram" names two platforms)."""
    if at == 0 or text[at - 1] != "/":
        return False
    start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at), text.rfind("\t", 0, at)) + 1
    return "." in text[start:at]


def _is_frequent_word(word: str) -> bool:
    from shared.anonymization.names import frequent_lower_words  # names imports this module

    return word in frequent_lower_words()


def _capitals_name(text: str, cue: int, name: int, word: str) -> bool:
    """Whether a name in capitals after a cue is an account's: the cue is in capitals too, and the
    name holds a digit, "_" or "." or is no frequent word ("TELEGRAM: NONE")."""
    if any(c.islower() for c in text[cue:name]):
        return False
    return any(c in "_.0123456789" for c in word) or not _is_frequent_word(word.lower())


def _is_known_word(word: str) -> bool:
    """A frequent word, or a word that names a person's role ("plaignante", "Geschädigte"): the
    words between an account word and the account's name."""
    from shared.anonymization.names import load_name_words  # names imports this module

    return _is_frequent_word(word) or word in load_name_words().cues


def _profiles(text: str, lower: str, rules: ProfilePatterns) -> Iterator[Detection]:
    if not any(host in lower for host in rules.hosts):
        return
    for match in rules.profile.finditer(text):
        account = match.group("account")
        end = match.end()
        if end == match.end("account"):
            while account and account[-1] in ".-":  # the sentence's full stop
                account, end = account[:-1], end - 1
        if len(account.lstrip("@~")) < 2 or account.lstrip("@~").lower() in rules.reserved:
            continue
        yield Detection(match.start(), end, HANDLE)


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


def _token_start(text: str, pos: int, floor: int = 0) -> int:
    """Where the whitespace-separated token ending at `pos` starts, or `floor` if it starts before."""
    while pos > floor and not text[pos - 1].isspace():
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
