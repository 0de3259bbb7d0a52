"""Numbers written to slip past a pattern, read as digits in the detectors' view of the text.

- Number words dictated one group after another ("zéro six, douze, trente-quatre",
  "восемь девятьсот шестнадцать", "cuatro cinco tres dos") in any language of number_words.yaml,
  and Chinese or Korean digit characters ("一三八", "공일공"), become the digits they say.
- Letters that look like digits inside a run of digits ("+36 3O 555 l2 34", "3О45678914") become
  those digits.
- Digits spaced out one by one ("4 9 0 0 3 0 7") or split by an emoji or symbol ("06 ☎ 71 ☎ 22")
  are written together.

The phone, identity-number, card and birth-date detectors then read the digits with their own
cues and checksums, and their spans are mapped back to the words. A number read this way must be
dictated: at least two groups and six digits. An amount or a count said in words ("deux mille
quatre cents euros") is one group, and stays as written.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import regex

from shared.data_files import parse_yaml

DATA_FILE = Path(__file__).with_name("number_words.yaml")

# A number is dictated when it has this many digits in at least two groups: a phone number or an
# identity number has more, a count, an amount or a year written in words has fewer groups.
_MIN_DIGITS = 6
_MIN_GROUPS = 2
_HUNDRED = 100
_THOUSAND = 1000
# Words whose number words are remembered at most, so that a long-running service holds no more.
_PARTS_REMEMBERED = 100_000
_NO_PARTS: tuple[tuple[_Token, ...], int] = ((), 0)
# The tokens other than a number's value that start a group of it.
_GROUP_WORDS = frozenset({"hundred", "thousand"})
# Between two words of one dictated number: spaces, one line break, punctuation, dashes, a
# slash, or a symbol or emoji used as a separator ("06 ☎ 71").
_GAP_RE = regex.compile(
    r"(?:[^\S\n]|[,.;:·•\-‐‑–—―/|()\[\]、，。－／،؛፣।]|(?!№)\p{So}|\ufe0f|\n(?!\s*\n)){1,8}"
)
# A hyphen alone between two number words joins them ("trente-quatre", "tretti-fire").
_WORD_HYPHENS = frozenset("-‐‑")
_WORD_RE = regex.compile(r"[\p{L}\p{M}]+(?:['’‘ʻ-][\p{L}\p{M}]+)*")
_PLAIN_DIGITS_RE = regex.compile(r"\d+")
# Letters that stand for a digit in a run of digits: O (Latin, Cyrillic, Greek) for 0; l, I and
# the Roman numeral one for 1.
_LOOKALIKES = {"O": "0", "О": "0", "Ο": "0", "l": "1", "I": "1", "Ⅰ": "1"}
_LOOKALIKE_RUN_RE = regex.compile(
    r"(?<![\p{L}\p{M}\d])[\dOОΟlIⅠ]+(?:[ .\-‑/()]{1,2}[\dOОΟlIⅠ]+)*(?![\p{L}\p{M}\d])"
)
# A group of letters and digits just before a run ("000A 0100 I00", "FR76 0000 I00"): the run goes
# on with an alphanumeric code (an IBAN, a reference), whose letters are letters.
_CODE_BEFORE_RE = regex.compile(r"(?<![\p{L}\p{M}\d])(?=[\p{L}\d]*\p{L})(?=[\p{L}\d]*\d)[\p{L}\d]+[ \-]$")
# A part of a run of digits this short ("3O", "l2", "O7") is a group of a number, whatever place
# its letter has.
_SHORT_PART = 3
_LOOKALIKE_TOKEN_RE = regex.compile(r"[\dOОΟlIⅠ]+")
# Digits one by one with spaces, or digit groups split by a symbol ("06 ☎ 71", "3 1 / 0 1 / 1 9 9 9"):
# written together, a date's slashes and dots kept.
_SPACED_RUN_RE = regex.compile(
    r"(?<![\p{L}\p{M}\d])\d+(?:(?:[^\S\n]{1,3}|[^\S\n]*(?:(?!№)\p{So}|\ufe0f)+[^\S\n]*|[^\S\n]+[/.][^\S\n]+)\d+)+(?![\p{L}\p{M}\d])"
)
_SPACED_PART_RE = regex.compile(r"\d+|(?<=\s)[/.](?=\s)")
# A symbol between digit groups; "№" labels the number after it ("45 18 № 604213": a passport's
# series and number), no separator.
_SYMBOL_RE = regex.compile(r"(?!№)\p{So}")


@dataclass(frozen=True, slots=True)
class NumberWords:
    """The words of numbers of every listed language (number_words.yaml), lowercase."""

    values: dict[str, int]
    hundreds: frozenset[str]
    thousands: frozenset[str]
    repeats: dict[str, int]
    joins: frozenset[str]
    marks: frozenset[str]
    twenties: frozenset[str]
    prefixes: tuple[str, ...]
    characters: dict[str, str]
    # The first two letters of every number word: most words of a text start no number word.
    starts: frozenset[str] = field(default_factory=frozenset)
    # The number words already read in a word, by the word.
    parts: dict[str, tuple[tuple[_Token, ...], int]] = field(default_factory=dict, compare=False, hash=False)


def _words(raw: object, *, letters: bool = False) -> list[str]:
    """The words of a list; a one-letter word only where it is a whole word of its script's
    numbers ("छ", six) or a joining word ("e", "y"), never a Latin letter standing for a digit."""
    return [w.lower() for w in str(raw or "").split() if len(w) > 1 or letters or not w.isascii()]


@cache
def load_number_words(path: Path = DATA_FILE) -> NumberWords:
    data = parse_yaml(path.read_text(encoding="utf-8"))
    values: dict[str, int] = {}
    hundreds: set[str] = set()
    thousands: set[str] = set()
    repeats: dict[str, int] = {}
    joins: set[str] = set()
    prefixes: set[str] = set()
    for lang, table in data["languages"].items():
        for key, raw in table.items():
            if isinstance(key, int):
                for word in _words(raw):
                    if values.setdefault(word, key) != key:
                        raise ValueError(f"{path}: {lang}: {word!r} is {key} and {values[word]}")
            elif key == "hundred":
                hundreds.update(_words(raw))
            elif key == "thousand":
                thousands.update(_words(raw))
            elif key in ("double", "triple"):
                for word in _words(raw):
                    repeats[word] = 2 if key == "double" else 3
            elif key == "and":
                joins.update(_words(raw, letters=True))
            elif key == "prefix":
                prefixes.update(str(raw).split())
            else:
                raise ValueError(f"{path}: {lang}: unknown key {key!r}")
    characters: dict[str, str] = {}
    for pairs in data["digit_characters"].values():
        for pair in str(pairs).split():
            characters[pair[0]] = pair[1]
    number_words = set(values) | hundreds | thousands | set(repeats)
    return NumberWords(
        values=values,
        hundreds=frozenset(hundreds),
        thousands=frozenset(thousands),
        repeats=repeats,
        joins=frozenset(joins),
        marks=frozenset(_words(data.get("marks"))),
        twenties=frozenset(_words(data.get("twenties"))),
        prefixes=tuple(sorted(prefixes)),
        characters=characters,
        starts=frozenset(w[:2] for w in number_words | joins),
    )


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    # A number word's value, or "hundred", "thousand", "x2"/"x3" (double, triple), "and", "mark".
    value: int | str
    # A ten that takes a number from ten to nineteen after it ("soixante").
    twenties: bool = False


def _known(word: str, words: NumberWords) -> int | str | None:
    if word in words.values:
        return words.values[word]
    if word in words.hundreds:
        return "hundred"
    if word in words.thousands:
        return "thousand"
    if word in words.repeats:
        return f"x{words.repeats[word]}"
    if word in words.joins:
        return "and"
    if word in words.marks:
        return "mark"
    return None


def _split(word: str, words: NumberWords) -> list[int | str] | None:
    """A word written of number words run together ("sjuttiotre", "femtiseks", "sechsundzwanzig"),
    as those words; None when it is not one."""
    if len(word) < 5 or word[:2] not in words.starts:
        return None
    # Longest first part first: "seitsemän" before "seits".
    for cut in range(len(word) - 2, 1, -1):
        head = _known(word[:cut], words)
        if head is None or head == "mark":
            continue
        rest = word[cut:]
        tail = _known(rest, words)
        if tail is not None and tail != "mark":
            return [head, tail]
        more = _split(rest, words)
        if more is not None:
            return [head, *more]
    return None


def _tokens(text: str, words: NumberWords) -> list[_Token]:
    """The number words and digit characters of the text, in order."""
    out: list[_Token] = []
    for match in _WORD_RE.finditer(text):
        start = match.start()
        out.extend(
            _Token(start + t.start, start + t.end, t.value, t.twenties)
            for t in _parts(match.group(), words)[0]
        )
    return out


def _parts(word: str, words: NumberWords) -> tuple[tuple[_Token, ...], int]:
    """A word's number words and digit characters, at offsets inside the word, and how many of
    them start a group of a number (a joining word or "double" does not). Remembered: the same
    words come back in every text, and most of them hold no number word."""
    known = words.parts.get(word)
    if known is None:
        if len(words.parts) >= _PARTS_REMEMBERED:
            words.parts.clear()
        tokens = tuple(_word_parts(word, words))
        starts = sum(not isinstance(t.value, str) or t.value in _GROUP_WORDS for t in tokens)
        known = words.parts[word] = (tokens, starts) if tokens else _NO_PARTS
    return known


def _word_parts(word: str, words: NumberWords) -> list[_Token]:
    first = word[0]
    if first in words.characters or "\u4e00" <= first <= "\u9fff":
        chars = _digit_characters(word, 0, len(word), words)
        if chars:
            return chars
    lower = word.lower()
    # A one-letter number word joined by a hyphen ("છ-સાત") starts with that letter alone.
    head = lower.partition("-")[0][:2]
    if head not in words.starts and not (words.prefixes and lower.startswith(words.prefixes)):
        return []
    return _word_tokens(lower, 0, words)


def _group_starts(text: str, words: NumberWords) -> int:
    """How many words of the text start a group of a number, counted up to two."""
    count = 0
    known = words.parts
    for word in _WORD_RE.findall(text):
        parts = known.get(word)
        count += (parts if parts is not None else _parts(word, words))[1]
        if count >= _MIN_GROUPS:
            break
    return count


def _word_tokens(word: str, start: int, words: NumberWords) -> list[_Token]:
    """A word's number words: the word itself, its parts written with hyphens ("trente-quatre",
    "quatre-vingt-dix": the longest known part first), or the number words run together in it."""
    value = _known(word, words)
    if value is not None:
        return [_Token(start, start + len(word), value, word in words.twenties)]
    if "-" in word:
        out: list[_Token] = []
        pieces = word.split("-")
        offset, i = start, 0
        while i < len(pieces):
            j = next(
                (
                    j
                    for j in range(len(pieces), i + 1, -1)
                    if _known("-".join(pieces[i:j]), words) is not None
                ),
                i + 1,
            )
            piece = "-".join(pieces[i:j])
            out.extend(_word_tokens(piece, offset, words))
            offset += len(piece) + 1
            i = j
        return out
    for prefix in words.prefixes:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and isinstance(_known(rest, words), int):
            # "وعشرون": "and twenty", the tens after the units.
            return [
                _Token(start, start + len(prefix), "and"),
                _Token(start + len(prefix), start + len(word), _known_value(rest, words)),
            ]
    split = _split(word, words)
    if split is None:
        return []
    return [_Token(start, start + len(word), part) for part in split]


def _known_value(word: str, words: NumberWords) -> int | str:
    value = _known(word, words)
    assert value is not None
    return value


def _digit_characters(text: str, start: int, end: int, words: NumberWords) -> list[_Token]:
    """Digit characters of Chinese or Korean inside a word: each one digit. A Korean word is read
    only when every syllable of it is a digit (its particles "이", "일" are words too); Chinese
    digits are read where they run on for three characters or more."""
    chars = words.characters
    word = text[start:end]
    if all(ch in chars for ch in word):
        return [_Token(i, i + 1, int(chars[text[i]])) for i in range(start, end)] if len(word) >= 3 else []
    if not ("\u4e00" <= word[0] <= "\u9fff" or word[0] == "〇"):
        return []
    out: list[_Token] = []
    i = start
    while i < end:
        j = i
        while j < end and text[j] in chars and ("\u4e00" <= text[j] <= "\u9fff" or text[j] == "〇"):
            j += 1
        if j - i >= 3:
            out.extend(_Token(k, k + 1, int(chars[text[k]])) for k in range(i, j))
        i = max(j, i + 1)
    return out


def _place(value: int) -> int:
    """The place below which a part may be added to this one: 20 takes a unit, 900 a ten."""
    if value < 10 or value % 10:
        return 1
    place = 1
    while value % (place * 10) == 0:
        place *= 10
    return place


@dataclass(slots=True)
class _Group:
    start: int
    end: int
    big: int = 0
    small: int = 0
    order: int = 1
    last: int = 0
    digits: str | None = None  # a repeated digit ("double one")

    def text(self) -> str:
        return self.digits if self.digits is not None else str(self.big + self.small)


def _groups(tokens: Sequence[_Token]) -> list[_Group]:
    """The numbers a run of number words says, one group per number: "восемь девятьсот
    шестнадцать" is 8 and 916; "cento e vinte e três" is 123; "double one" is 11."""
    groups: list[_Group] = []
    cur: _Group | None = None
    repeat = 0
    joined = False
    twenties = False
    for tok in tokens:
        value = tok.value
        if value == "and":
            joined = True
            continue
        if value == "mark":
            cur, joined, twenties = None, False, False
            continue
        if isinstance(value, str) and value.startswith("x"):
            repeat, cur = int(value[1:]), None
            continue
        if value == "hundred":
            if cur is not None and 0 < cur.small < _HUNDRED and cur.digits is None:
                cur.small *= _HUNDRED
                cur.order = cur.last = _HUNDRED
                cur.end = tok.end
            else:
                cur = _Group(tok.start, tok.end, small=_HUNDRED, order=_HUNDRED, last=_HUNDRED)
                groups.append(cur)
            continue
        if value == "thousand":
            if cur is not None and 0 < cur.big + cur.small < _THOUSAND and cur.digits is None:
                cur.big, cur.small = (cur.big + cur.small) * _THOUSAND, 0
                cur.order = cur.last = _THOUSAND
                cur.end = tok.end
            else:
                cur = _Group(tok.start, tok.end, big=_THOUSAND, order=_THOUSAND, last=_THOUSAND)
                groups.append(cur)
            continue
        assert isinstance(value, int)
        if repeat and value < 10:
            groups.append(_Group(tok.start, tok.end, digits=str(value) * repeat))
            repeat, cur, joined = 0, None, False
            continue
        repeat = 0
        if (
            cur is not None
            and cur.digits is None
            and value
            and (
                value < cur.order
                # "soixante-douze", "hogeita hamalau": tens that count by twenties.
                or (twenties and 10 <= value < 20)
                # "sechsundzwanzig", "خمسة وعشرون": the units before the tens, joined.
                or (
                    joined
                    and cur.last < 10
                    and cur.small % 10 == cur.last
                    and value % 10 == 0
                    and value < 100
                )
            )
        ):
            cur.small += value
            cur.order = _place(value) if value < cur.order or twenties else 1
            cur.last = value
            cur.end = tok.end
        else:
            cur = _Group(tok.start, tok.end, small=value, order=_place(value) if value else 1, last=value)
            groups.append(cur)
        joined = False
        twenties = tok.twenties
    return groups


@dataclass(frozen=True, slots=True)
class Rewrite:
    """A part of the text replaced by digits in the view."""

    start: int
    end: int
    digits: str
    # The original offset of each digit.
    positions: tuple[int, ...]


def _scripts(word: str) -> frozenset[str]:
    """The scripts of a word's letters, by the first word of their Unicode names ("LATIN",
    "GUJARATI"); a word with look-alike letters of two scripts has both."""
    return frozenset(unicodedata.name(ch, "").partition(" ")[0] for ch in word if ch.isalpha())


def _same_script(before: str, after: str) -> bool:
    """A number is dictated in one script: a number word of another script after it ("to", the
    Danish two, after Gujarati digits) is a word of the sentence, not a digit of the number."""
    return not (_scripts(before).isdisjoint(_scripts(after)))


def _runs(text: str, tokens: list[_Token]) -> list[list[_Token]]:
    """Number words one after another, with only gaps between them. Punctuation in a gap ends a
    group: "жети жүз, он эки" is 700 and 12, "жети жүз он эки" is 712."""
    runs: list[list[_Token]] = []
    for tok in tokens:
        last = runs[-1][-1] if runs else None
        if last is not None and tok.start < last.end:
            runs[-1].append(tok)  # parts of one word ("sjuttiotre")
        elif last is not None and last.end == tok.start:
            runs[-1].append(tok)  # digit characters ("一三八")
        elif (
            last is not None
            and _GAP_RE.fullmatch(text, last.end, tok.start) is not None
            and _same_script(text[last.start : last.end], text[tok.start : tok.end])
        ):
            gap = text[last.end : tok.start]
            if not gap.isspace() and gap not in _WORD_HYPHENS:
                runs[-1].append(_Token(last.end, last.end, "mark"))
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def _dictated(text: str, words: NumberWords) -> list[Rewrite]:
    out: list[Rewrite] = []
    # A text with fewer words that start a group than a dictated number has groups says none: most
    # texts, read without placing their number words in runs.
    if _group_starts(text, words) < _MIN_GROUPS:
        return out
    for run in _runs(text, _tokens(text, words)):
        while run and isinstance(run[-1].value, str) and run[-1].value in ("and", "mark"):
            run.pop()
        groups = _groups(run)
        digits = "".join(g.text() for g in groups)
        if len(groups) < _MIN_GROUPS or len(digits) < _MIN_DIGITS:
            continue
        positions = tuple(g.start for g in groups for _ in g.text())
        out.append(Rewrite(groups[0].start, groups[-1].end, digits, positions))
    return out


def _lookalikes_inside(part: str) -> bool:
    if len(part) <= _SHORT_PART:
        return True
    return all(
        0 < i < len(part) - 1 and part[i - 1].isdigit() and part[i + 1].isdigit()
        for i, ch in enumerate(part)
        if ch in _LOOKALIKES
    )


def _lookalikes(text: str) -> list[Rewrite]:
    out: list[Rewrite] = []
    for match in _LOOKALIKE_RUN_RE.finditer(text):
        run = match.group()
        if all(ch not in _LOOKALIKES for ch in run):
            continue
        parts = _LOOKALIKE_TOKEN_RE.findall(run)
        # Every part of the run has a digit ("3O", "l2"): "I" or "IO" alone are words. In a longer
        # part a letter stands for a digit only between two digits ("11O1O5", "9l6"): at its start
        # or end it is an identifier's letter ("I100000003", a Taiwanese id; "1900184O", an Irish
        # PPS number; "OO1234").
        if any(not any(ch.isdigit() for ch in part) or not _lookalikes_inside(part) for part in parts):
            continue
        if sum(ch.isdigit() or ch in _LOOKALIKES for ch in run) < _MIN_DIGITS:
            continue
        if _CODE_BEFORE_RE.search(text, max(0, match.start() - 40), match.start()) is not None:
            continue
        digits = "".join(_LOOKALIKES.get(ch, ch) for ch in run)
        start = match.start()
        out.append(Rewrite(start, match.end(), digits, tuple(range(start, match.end()))))
    return out


def _spaced(text: str) -> list[Rewrite]:
    out: list[Rewrite] = []
    for match in _SPACED_RUN_RE.finditer(text):
        run = match.group()
        parts = _PLAIN_DIGITS_RE.findall(run)
        symbols = _SYMBOL_RE.search(run) is not None
        singles = sum(len(p) == 1 for p in parts)
        # Digits one by one (most parts one digit), or groups split by a symbol.
        if not symbols and singles * 2 < len(parts) + 1:
            continue
        if sum(map(len, parts)) < _MIN_DIGITS:
            continue
        pieces = list(_SPACED_PART_RE.finditer(text, match.start(), match.end()))
        digits = "".join(p.group() for p in pieces)
        positions = tuple(p.start() + i for p in pieces for i in range(len(p.group())))
        out.append(Rewrite(match.start(), match.end(), digits, positions))
    return out


def find_rewrites(text: str, words: NumberWords | None = None) -> list[Rewrite]:
    """The parts of the text that say a number otherwise than in plain digits, disjoint, in order."""
    words = words if words is not None else load_number_words()
    found = sorted(
        _dictated(text, words) + _lookalikes(text) + _spaced(text), key=lambda r: (r.start, -r.end)
    )
    out: list[Rewrite] = []
    for rewrite in found:
        if out and rewrite.start < out[-1].end:
            continue
        out.append(rewrite)
    return out


def with_digits(text: str, words: NumberWords | None = None) -> tuple[str, list[int]] | None:
    """The text with its numbers in words, look-alike letters and spaced digits written as digits,
    and the original offset of each character of it; None when it has none."""
    rewrites = find_rewrites(text, words)
    if not rewrites:
        return None
    parts: list[str] = []
    positions: list[int] = []
    cursor = 0
    for rewrite in rewrites:
        parts.append(text[cursor : rewrite.start])
        positions.extend(range(cursor, rewrite.start))
        parts.append(rewrite.digits)
        positions.extend(rewrite.positions)
        cursor = rewrite.end
    parts.append(text[cursor:])
    positions.extend(range(cursor, len(text)))
    return "".join(parts), positions
