"""Person names inside texts written in Korean, Chinese, Japanese or Hindi (script_names.yaml).

These scripts have no capitals, and Chinese, Japanese and Korean write names without spaces, so
neither the capitalized-word rules (names.py) nor the foreign-run rule (scripts.py, which reads a
short run in another script than the text's as a name) applies inside such a text. A name is
found by how people write one there:
- Korean: a listed surname and one or two syllables, before 씨/님 or a role ("최동욱 연구원"), or
  three syllables after a cue word ("피해자 김영숙", "성명: 이서연");
- Chinese: a listed surname and one or two characters after a cue word ("受害人王秀英",
  "姓名：张伟") or before an honorific ("王先生");
- Japanese: kanji or katakana before an honorific suffix ("高橋 由美子さん", "田中健一様");
- Hindi: words after a title or cue ("श्रीमती गीता अय्यर"), or a word and a listed surname
  ("अंकित वर्मा").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex
import yaml

from shared.anonymization.detectors import PERSON, Detection

DATA_FILE = Path(__file__).with_name("script_names.yaml")
_GATE_RE = regex.compile(r"[\p{Hangul}\p{Han}\p{Hiragana}\p{Katakana}\p{Devanagari}]")
_HAN_RE = regex.compile(r"\p{Han}")
# Korean particles and endings a name rarely ends in ("진술에", "조사를").
_KOREAN_PARTICLE_END = ("에", "을", "를", "의", "로")
# Longer ones, for short runs inside a Korean text ("공격자가", "메일을").
_KOREAN_PARTICLES = (
    "에게",
    "에서",
    "으로",
    "에",
    "을",
    "를",
    "의",
    "로",
    "은",
    "는",
    "이",
    "가",
    "와",
    "과",
    "도",
    "만",
)
_HIRAGANA_RE = regex.compile(r"\p{Hiragana}")
_HANGUL_RE = regex.compile(r"^[\p{Hangul} ]+$")
_HAN_KATAKANA_RE = regex.compile(r"^[\p{Han}\p{Katakana}ー・ =]+$")
_LONGEST_SURNAME = 3


def cjk_name_in_cjk_text(value: str, rules: ScriptNamePatterns) -> bool:
    """A short Chinese, Japanese or Korean run inside a text written in those scripts is a name
    only if it reads as one: a listed family name first, no kana particles or endings ("は",
    "を装った"), no loanword in katakana alone ("マイナンバー"), no cue or role ("피해자 메일")."""
    if _HIRAGANA_RE.search(value) is not None:
        return False
    compact = value.replace(" ", "")
    if _HANGUL_RE.match(value) is not None:
        return (
            2 <= len(compact) <= 4
            and not any(word in rules.korean_words for word in value.split())
            and not compact.endswith(_KOREAN_PARTICLES)
            and (compact[:1] in rules.korean_surnames or compact[:2] in rules.korean_surnames)
        )
    if _HAN_KATAKANA_RE.match(value) is None:
        return False
    if _HAN_RE.search(value) is None:
        return "・" in value or "=" in value  # a foreign name written in katakana
    surnames = rules.chinese_surnames | rules.japanese_surnames
    return 2 <= len(compact) <= 6 and any(compact[:k] in surnames for k in range(1, _LONGEST_SURNAME + 1))


@dataclass(frozen=True, slots=True)
class ScriptNamePatterns:
    korean_suffixed: regex.Pattern[str]
    korean_role: regex.Pattern[str]
    korean_cued: regex.Pattern[str]
    korean_not: frozenset[str]
    chinese_cue: regex.Pattern[str]
    chinese_suffix: regex.Pattern[str]
    chinese_surnames: frozenset[str]
    chinese_stop: frozenset[str]
    chinese_given_max: int
    japanese: regex.Pattern[str]
    japanese_not: frozenset[str]
    devanagari_cued: regex.Pattern[str]
    devanagari_surname: regex.Pattern[str]
    devanagari_stop: frozenset[str]
    devanagari_max: int
    # For short runs inside a Chinese, Japanese or Korean text (scripts.py): listed family names,
    # and Korean words that are no names (cues, roles, not_names).
    korean_surnames: frozenset[str] = frozenset()
    korean_words: frozenset[str] = frozenset()
    japanese_surnames: frozenset[str] = frozenset()


def _alternation(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


def load_script_names(path: Path = DATA_FILE) -> ScriptNamePatterns:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    ko, zh, ja, hi = data["korean"], data["chinese"], data["japanese"], data["devanagari"]
    sur = _alternation(ko["surnames"].split())
    start = r"(?<!\p{Hangul})"
    word = r"[\p{Devanagari}\u200c\u200d]+"
    hi_words = rf"{word}(?:[ \t]+{word}){{0,{int(hi['max_words']) - 1}}}"
    return ScriptNamePatterns(
        korean_suffixed=regex.compile(
            rf"{start}(?P<name>(?:{sur})\p{{Hangul}}{{1,2}})[ \t]?"
            rf"(?P<suffix>{_alternation(ko['suffixes'].split())})"
        ),
        korean_role=regex.compile(
            rf"{start}(?P<name>(?:{sur})\p{{Hangul}}{{2}})[ \t]+(?:{_alternation(ko['roles'].split())})"
        ),
        korean_cued=regex.compile(
            rf"{start}(?:{_alternation(ko['cues'].split())})[ \t]*[:：]?[ \t]*"
            rf"(?P<name>(?:{sur})\p{{Hangul}}{{2}})(?!\p{{Hangul}})"
        ),
        korean_not=frozenset(ko["not_names"].split()),
        chinese_cue=regex.compile(
            rf"(?:{_alternation(zh['cues'].split())})[ \t]*"
            rf"(?:(?:{_alternation(str(zh.get('cue_links', '')).split() or ['：'])})[ \t]*)?[:：]?[ \t]*"
        ),
        chinese_suffix=regex.compile(_alternation(zh["suffixes"].split())),
        chinese_surnames=frozenset(zh["surnames"].split()),
        chinese_stop=frozenset(zh["stop_characters"]),
        chinese_given_max=int(zh["given_max"]),
        japanese=regex.compile(
            rf"(?P<name>[\p{{Han}}\p{{Katakana}}ー・]{{1,{int(ja['max_characters'])}}}"
            r"(?:[ 　][\p{Han}\p{Katakana}ー]{1,5})?)"
            rf"(?:{_alternation(ja['suffixes'].split())})"
        ),
        japanese_not=frozenset(ja["not_names"].split()),
        devanagari_cued=regex.compile(
            rf"(?<![\p{{Devanagari}}])(?:{_alternation([*hi['titles'].split(), *hi['cues'].split()])})"
            rf"[ \t]*[:：]?[ \t]+(?P<name>{hi_words})"
        ),
        devanagari_surname=regex.compile(
            rf"(?<![\p{{Devanagari}}])(?P<name>{word}[ \t]+(?:{_alternation(hi['surnames'].split())}))"
            r"(?![\p{Devanagari}])"
        ),
        devanagari_stop=frozenset(hi["stop_words"].split())
        | frozenset(hi["titles"].split())
        | frozenset(hi["cues"].split()),
        devanagari_max=int(hi["max_words"]),
        korean_surnames=frozenset(ko["surnames"].split()),
        korean_words=frozenset((*ko["cues"].split(), *ko["roles"].split(), *ko["not_names"].split())),
        japanese_surnames=frozenset(str(ja.get("surnames", "")).split()),
    )


@cache
def bundled_script_names() -> ScriptNamePatterns:
    return load_script_names()


def find_script_names(text: str, patterns: ScriptNamePatterns | None = None) -> Iterator[Detection]:
    """PERSON spans of names written in Korean, Chinese, Japanese or Devanagari script."""
    if _GATE_RE.search(text) is None:
        return
    rules = patterns if patterns is not None else bundled_script_names()
    yield from _korean(text, rules)
    yield from _chinese(text, rules)
    yield from _japanese(text, rules)
    yield from _devanagari(text, rules)


def _korean_ok(name: str, rules: ScriptNamePatterns) -> bool:
    return name not in rules.korean_not and name[:2] not in rules.korean_not


def _korean(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    for match in rules.korean_suffixed.finditer(text):
        name = match.group("name")
        # "님" follows titles as often as names ("선생님"): only after a full three-syllable name.
        if (match.group("suffix") != "님" or len(name) == 3) and _korean_ok(name, rules):
            yield Detection(match.start("name"), match.end("name"), PERSON)
    for pattern in (rules.korean_role, rules.korean_cued):
        for match in pattern.finditer(text):
            name = match.group("name")
            if _korean_ok(name, rules) and not name.endswith(_KOREAN_PARTICLE_END):
                yield Detection(match.start("name"), match.end("name"), PERSON)


def _chinese_surname(text: str, pos: int, rules: ScriptNamePatterns) -> int:
    """Length of the listed surname at pos (compound first), 0 if none."""
    if text[pos : pos + 2] in rules.chinese_surnames:
        return 2
    return 1 if text[pos : pos + 1] in rules.chinese_surnames else 0


def _chinese(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    if _HAN_RE.search(text) is None:
        return
    for cue in rules.chinese_cue.finditer(text):
        start = cue.end()
        end = start + _chinese_surname(text, start, rules)
        if end == start:
            continue
        given = 0
        while (
            given < rules.chinese_given_max
            and end < len(text)
            and _HAN_RE.match(text[end]) is not None
            and text[end] not in rules.chinese_stop
        ):
            end += 1
            given += 1
        if given:
            yield Detection(start, end, PERSON)
    for suffix in rules.chinese_suffix.finditer(text):
        end = suffix.start()
        for length in range(2 + rules.chinese_given_max, 0, -1):
            start = end - length
            if start < 0:
                continue
            surname = _chinese_surname(text, start, rules)
            part = text[start:end]
            if (
                surname
                and surname <= length
                and all(_HAN_RE.match(ch) is not None for ch in part)
                and not any(ch in rules.chinese_stop for ch in part[surname:])
                and length - surname <= rules.chinese_given_max
            ):
                yield Detection(start, end, PERSON)
                break


def _japanese(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    for match in rules.japanese.finditer(text):
        name = match.group("name")
        if len(name.replace(" ", "").replace("　", "")) < 2 or any(
            name.endswith(word) for word in rules.japanese_not
        ):
            continue
        yield Detection(match.start("name"), match.end("name"), PERSON)


def _devanagari(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    for match in rules.devanagari_cued.finditer(text):
        words = match.group("name").split()
        kept = 0
        for word in words[: rules.devanagari_max]:
            if word in rules.devanagari_stop:
                break
            kept += 1
        if kept:
            start = match.start("name")
            yield Detection(start, _end_of_words(text, start, kept), PERSON)
    for match in rules.devanagari_surname.finditer(text):
        first = match.group("name").split()[0]
        if first not in rules.devanagari_stop:
            yield Detection(match.start("name"), match.end("name"), PERSON)


def _end_of_words(text: str, start: int, count: int) -> int:
    pos = start
    for _ in range(count):
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        while pos < len(text) and text[pos] not in " \t":
            pos += 1
    return pos
