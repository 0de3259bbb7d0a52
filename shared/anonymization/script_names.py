"""Person names inside texts written in a script other than Latin, Cyrillic or Greek
(script_names.yaml).

These scripts have no capitals, and Chinese, Japanese and Korean write names without spaces, so
neither the capitalized-word rules (names.py) nor the foreign-run rule (scripts.py, which reads a
short run in another script than the text's as a name) applies inside such a text. A name is
found by how people write one there:
- Korean: a listed surname and one or two syllables, before 씨/님 or a role ("최동욱 연구원"), or
  three syllables after a cue word ("피해자 김영숙", "성명: 이서연");
- Chinese: a listed surname and one or two characters after a cue word ("受害人王秀英",
  "姓名：张伟") or before an honorific ("王先生");
- Japanese: kanji or katakana before an honorific suffix ("高橋 由美子さん", "田中健一様");
- Hindi, Hebrew, Persian, Bengali, Tamil, Armenian, Georgian, Thai and the other scripts with an
  "in_script" section: one rule, the language's words in its section (find_in_script_names):
  words after a title or cue ("श्रीमती गीता अय्यर", "המתלוננת, ..."), a word and a listed
  surname ("अंकित वर्मा") or a surname ending ("-յան"), the run after a Thai title ("นาย...").
  A title written onto the name in a script without spaces between words ("นายโกวิท",
  "ဦးသန်းထွန်း") is masked with it: it is part of the name as written, and tells sex and standing.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import regex

from shared.anonymization.detectors import CHAT_LINE_START, PERSON, Detection
from shared.data_cache import cached_word_set, cached_word_sets
from shared.data_files import parse_yaml

DATA_FILE = Path(__file__).with_name("script_names.yaml")
FOREIGN_NAMES_FILE = Path(__file__).with_name("foreign_names.yaml")
_GATE_RE = regex.compile(r"[\p{Hangul}\p{Han}\p{Hiragana}\p{Katakana}]")
_HAN_RE = regex.compile(r"\p{Han}")
# Korean particles and endings a name rarely ends in ("진술에", "조사를"), and particles of two
# syllables no given name is ("형사에게": a cue's first syllable, 형, and "사" + "에게").
_KOREAN_PARTICLE_END = ("에", "을", "를", "의", "로", "에게", "한테", "께서", "에서")
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
    # The copula of speech ("어디야", where is it?), as "이야" after a consonant.
    "야",
)
_HIRAGANA_RE = regex.compile(r"\p{Hiragana}")
_KANA_RE = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
_HAN_RUN_RE = regex.compile(r"\p{Han}{2,}")
_CHINESE_WORDS_TOP = 50_000
# After a cue and a less frequent family name, given characters that make a word this frequent
# are that word ("孩子"), not a name ("海军", 2,200th, is one).
_CHINESE_GIVEN_WORD_TOP = 1_000
# Korean words (wordfreq) this frequent are no names, though a famous person's name may rank lower.
_KOREAN_WORDS_TOP = 10_000
# A two-syllable word this frequent and a particle ("정보가") read as a word, not a name ("이상호").
_KOREAN_TWO_SYLLABLE_TOP = 2_000
_KOREAN_PAST = frozenset("었였았했됐겠")
# With a family name no list has: no word among these, and no frequent word of two syllables first.
_KOREAN_ALL_TOP = 30_000
# Syllables of the most frequent Korean full name: a family name and two given ones.
_KOREAN_FULL_NAME = 3
_KOREAN_PREFIX_TOP = 5_000
_HANGUL_RE = regex.compile(r"^[\p{Hangul} ]+$")
_HAN_KATAKANA_RE = regex.compile(r"^[\p{Han}\p{Katakana}ー・ =]+$")
_LONGEST_SURNAME = 3
_CHINESE_NAME_MAX = 4


def cjk_name_in_cjk_text(value: str, rules: ScriptNamePatterns) -> bool:
    """A short Chinese, Japanese or Korean run inside a text written in those scripts is a name
    only if it reads as one: a listed family name first, no kana particles or endings ("は",
    "を開いた"), no loanword in katakana alone ("パスワード"), no cue or role ("신고인 연락처")."""
    if _HIRAGANA_RE.search(value) is not None:
        return False
    compact = value.replace(" ", "")
    if _HANGUL_RE.match(value) is not None:
        # Four syllables only with a family name of two ("남궁민수"); no frequent word ("이메일",
        # "감염") and no verb ("주소였다").
        return (
            2 <= len(compact) <= (4 if compact[:2] in rules.korean_surnames else _KOREAN_FULL_NAME)
            and not any(word in rules.korean_words for word in value.split())
            and not compact.endswith(_KOREAN_PARTICLES)
            and (compact[:1] in rules.korean_surnames or compact[:2] in rules.korean_surnames)
            and not any(_korean_word(word) for word in value.split() if len(word) == _KOREAN_FULL_NAME)
            and not any(word in _korean_words() for word in value.split())
        )
    if _HAN_KATAKANA_RE.match(value) is None:
        return False
    if _HAN_RE.search(value) is None:
        return "・" in value or "=" in value  # a foreign name written in katakana
    surnames = rules.chinese_surnames | rules.japanese_surnames
    if not 2 <= len(compact) <= 6:
        return False
    # A Chinese name has at most four characters (a compound family name and two given ones):
    # a longer run is one only after a Japanese family name ("長谷川由紀子"), not "向派出所报案".
    if len(compact) > _CHINESE_NAME_MAX and not any(
        compact[:k] in rules.japanese_surnames for k in range(1, _LONGEST_SURNAME + 1)
    ):
        return False
    return any(compact[:k] in surnames for k in range(1, _LONGEST_SURNAME + 1))


def cjk_word(value: str, rules: ScriptNamePatterns) -> bool:
    """A short run of Chinese, Japanese or Korean that reads as a word or a form's label, not a
    name ("身份证号", "联系电话", "피해자"): in Chinese characters, a frequent word starts it and
    no listed family name does; in hangul, it is a cue, role or frequent word."""
    compact = value.replace(" ", "").replace("　", "")
    if _HAN_RUN_RE.fullmatch(compact) is not None:
        simple = _simplified(compact)
        # Faker's less frequent family names ("银", "安") begin many words: only the listed ones
        # keep a run a name ("李娜" is a word too).
        surnames = rules.chinese_surnames | rules.japanese_surnames
        if any(simple[:k] in surnames or compact[:k] in surnames for k in (1, 2, 3)):
            return False
        words = _chinese_words()
        return any(simple[:k] in words for k in range(2, min(len(simple), 4) + 1))
    if _HANGUL_RE.match(value) is not None:
        # A listed family name and two syllables stay a name though a famous one is a frequent word
        # ("김정은"), unless the first two are a word too ("연락처": 연락, contact).
        full_name = (
            len(compact) == _KOREAN_FULL_NAME
            and compact[:1] in rules.korean_surnames
            and compact[:2] not in _korean_words_all()
        )
        return compact in rules.korean_words or (
            not full_name and _korean_words().get(compact, _KOREAN_WORDS_TOP) < _KOREAN_WORDS_TOP
        )
    return False


@dataclass(frozen=True, slots=True)
class ScriptNamePatterns:
    korean_suffixed: regex.Pattern[str]
    korean_role: regex.Pattern[str]
    korean_cued: regex.Pattern[str]
    korean_role_before: regex.Pattern[str]
    korean_not: frozenset[str]
    chinese_cue: regex.Pattern[str]
    chinese_suffix: regex.Pattern[str]
    chinese_surnames: frozenset[str]
    chinese_stop: frozenset[str]
    chinese_given_max: int
    japanese: regex.Pattern[str]
    japanese_not: frozenset[str]
    # Honorifics Chinese also writes inside a name ("阮氏秋", "陳怡君"): read as honorifics only in
    # a text with kana (Japanese).
    japanese_kana_suffixes: frozenset[str] = frozenset()
    # For short runs inside a Chinese, Japanese or Korean text (scripts.py): listed family names,
    # and Korean words that are no names (cues, roles, not_names).
    korean_surnames: frozenset[str] = frozenset()
    # Labels of a form's name field ("성명"), spaced out or not.
    korean_form_labels: frozenset[str] = frozenset()
    korean_words: frozenset[str] = frozenset()
    japanese_surnames: frozenset[str] = frozenset()
    # First words of place names in other scripts ("عين", "Велика"): such a run is a place.
    place_prefixes: frozenset[str] = frozenset()
    # Characters of Chinese given names (from Faker's zh locales) and single characters a name
    # stands right after ("将", "被", "向"): a name with no cue (chinese_bare).
    chinese_given: frozenset[str] = frozenset()
    chinese_boundary: frozenset[str] = frozenset()
    # Particles written onto a Korean name ("강태민을"); Japanese roles written after a name
    # ("巡査部長") or before one ("少年"), and what ends a name after such a role ("が", "（").
    # Faker's other Chinese family names ("冉", "宁"): many are frequent characters ("安", "国"), so
    # only after a cue and before given-name characters that make no frequent word ("受害人安装").
    chinese_rare_surnames: frozenset[str] = frozenset()
    # Written for the given name by the press and the police ("张某", "李某某").
    chinese_placeholders: frozenset[str] = frozenset()
    korean_particles: tuple[str, ...] = ()
    japanese_titles_after: regex.Pattern[str] | None = None
    japanese_cues: regex.Pattern[str] | None = None
    # A cue or a label, a colon, and a family and a given name in kanji a space apart.
    japanese_labelled: regex.Pattern[str] | None = None
    japanese_name_ends: frozenset[str] = frozenset()
    # Relatives among the cues ("妻", "長男"): a given name alone may follow them; the words a
    # claimed name is written before ("と名乗る").
    japanese_kin: frozenset[str] = frozenset()
    # A kanji run, "の" and a relative or a person one has ("田中の妻", "小林の部下"): the run is
    # the person whose relative it is.
    japanese_possessor: regex.Pattern[str] | None = None
    # A given name in hiragana alone before a familiar honorific ("たかし君", "ゆいちゃん"), and
    # the kana words said with one that are no names ("じい" of "じいちゃん").
    japanese_kana_called: regex.Pattern[str] | None = None
    japanese_kana_not: frozenset[str] = frozenset()
    # Last characters of roles that listed names may end in ("悠生"), never one no list has.
    japanese_unlisted_endings: tuple[str, ...] = ()
    japanese_claimed: regex.Pattern[str] | None = None
    japanese_role_endings: tuple[str, ...] = ()
    # Three syllables with a family name no list has, after a cue, before an age or "씨".
    korean_unlisted: regex.Pattern[str] | None = None
    # A foreigner's name in hangul words with spaces, after a cue or a nationality, before "씨".
    korean_foreign: regex.Pattern[str] | None = None
    # The foreigner cues that say a nationality ("국적", "베트남인"), read in a bracketed aside.
    korean_nationality_words: frozenset[str] = frozenset()
    # Words of a bracketed aside after a name that say who the person is ("무직", "회사원").
    korean_asides: frozenset[str] = frozenset()
    # A listed family name and two syllables standing as a word with a case particle and no cue
    # ("이서윤의 계좌", "박지연은 문자를 받았다"); the syllables of Faker's Korean given names.
    korean_bare: regex.Pattern[str] | None = None
    korean_given: frozenset[str] = frozenset()
    korean_listed: regex.Pattern[str] | None = None
    # A second full name after a cued one and a comma ("피해자 A, B"): the cue names both.
    korean_next: regex.Pattern[str] | None = None
    # Syllables that make a word a person's noun ("노숙인", "노점상"): no name after "명의".
    korean_person_endings: frozenset[str] = frozenset()
    korean_place_endings: frozenset[str] = frozenset()
    # Syllables of given names Faker's few leave out: a name's last two that are also a word
    # ("지원") stay a name only when they are all given names' syllables.
    korean_given_more: frozenset[str] = frozenset()
    # A name or a nickname written alone in quotes: what follows the quote when it is a name
    # ("「ケンジ」と呼ばれ", "‘민지’라는"), and the characters of a Chinese familiar name ("阿强").
    quoted_called: regex.Pattern[str] | None = None
    japanese_nicknamed: regex.Pattern[str] | None = None
    # Written between a role and the name: "実行役として伊藤蓮" (as the ...).
    japanese_cue_links: tuple[str, ...] = ()
    korean_quoted_cue: regex.Pattern[str] | None = None
    chinese_nickname_prefixes: frozenset[str] = frozenset()
    # The last characters of Chinese role words ("快递员", "工程师", "前夫"): a name may follow one.
    chinese_role_end: regex.Pattern[str] | None = None
    # A Korean family name alone before "씨", "님" or a role ("구 씨는", "신 과장에게"), and the
    # family names that are determiners too ("이 고객": this customer), only before "씨" or "님".
    korean_family_alone: regex.Pattern[str] | None = None
    korean_family_determiners: frozenset[str] = frozenset()
    korean_family_never: frozenset[str] = frozenset()
    # A family name, a space and a given name before "씨" or "님" ("선우 다인 씨").
    korean_spaced_titled: regex.Pattern[str] | None = None
    # A name before a sex and an age in brackets ("하늘(여, 72)"): two syllables suffice.
    korean_sexed: regex.Pattern[str] | None = None
    # Column headers of a text table whose cells are names ("客户姓名", "고객명", "氏名").
    table_name_headers: frozenset[str] = frozenset()
    # A bracket opening with a place ("（成都市", "（札幌市"): the address of the name before it.
    address_bracket: regex.Pattern[str] | None = None
    # An e-mail header's label before a display name ("发件人:", "差出人:", "보낸 사람:"), what a
    # firm's or a service's display name ends with, and kin and role words no display name is.
    display_name_header: regex.Pattern[str] | None = None
    display_name_org_endings: tuple[str, ...] = ()
    display_name_not: frozenset[str] = frozenset()
    display_name_honorifics: tuple[str, ...] = ()
    # Parts of firms' and products' names in katakana ("ジャパン", "ホールディングス").
    katakana_firm_words: frozenset[str] = frozenset()


def _alternation(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


# What the press writes after a name: its age in brackets, perhaps with a sex, a job or "세"
# ("(34)", "(34, 무직)", "(34·회사원)"), a year of birth ("(1990년생)"), "(가명)" for a name it
# changed; a comma and the age ("김민준, 34세,").
_AGED = (
    r"(?:[ \t]?[(（](?:\d{1,3}(?:세)?(?=[)）,·/ \t])|\d{2,4}년생|가명)[^()（）\n]{0,12}[)）]"
    r"|[ \t]*,[ \t]*\d{1,3}세)"
)


def _spaced(alternation: str) -> str:
    """An alternation whose "_" stands for a space a writer may leave out ("보낸 사람", sender)."""
    return alternation.replace("_", r"[ \t]?")


def load_script_names(path: Path = DATA_FILE) -> ScriptNamePatterns:
    data = parse_yaml(path.read_text(encoding="utf-8"))
    ko, zh, ja = data["korean"], data["chinese"], data["japanese"]
    sur = _alternation(ko["surnames"].split())
    # A name after a cue may carry a particle ("모집책 강태민을"); the empty alternative is no particle.
    particles = f"(?:{_alternation(str(ko.get('particles', '')).split())})?"
    start = r"(?<!\p{Hangul})"
    # A cue may carry the topic particle before the name ("예금주는 정민수": the holder is ...).
    topic = r"(?:[은는][ \t]+)?"
    # A nationality or an origin before a foreigner's name in hangul ("베트남 국적", "필리핀 출신").
    foreign_cues = [
        *str(ko.get("foreign_name_cues", "")).split(),
        *str(ko.get("foreign_name_origins", "")).split(),
    ]
    return ScriptNamePatterns(
        korean_suffixed=regex.compile(
            rf"{start}(?P<name>(?:{sur})\p{{Hangul}}{{1,2}})[ \t]?"
            rf"(?P<suffix>{_alternation(ko['suffixes'].split())})"
        ),
        korean_role=regex.compile(
            rf"{start}(?P<name>(?:{sur})\p{{Hangul}}{{2}})[ \t]+"
            rf"(?:{_alternation(ko['roles'].split())}"
            rf"|(?P<after_only>{_alternation(str(ko.get('roles_after_only', '') or '-').split())}))"
        ),
        # A rank or job written before the name too, perhaps onto a department ("보안팀장 정민수").
        korean_role_before=regex.compile(
            rf"(?:{_alternation(w for w in ko['roles'].split() if len(w) > 1)})[ \t]+"
            rf"(?P<name>(?:{sur})\p{{Hangul}}{{2}})(?P<particle>{particles})(?!\p{{Hangul}})"
        ),
        korean_cued=regex.compile(
            # The name may be bracketed after the cue ("피해자(김민준)는").
            rf"{start}(?:{_spaced(_alternation(ko['cues'].split()))}){topic}"
            r"[ \t]*(?:[:：=(（][ \t]*[\"'“‘]?)?[ \t]*"
            rf"(?P<name>(?:{sur})\p{{Hangul}}{{2}})(?P<particle>{particles})(?!\p{{Hangul}})"
            # The press writes a person's age in brackets after the name: "한지훈(22)은", "한지훈
            # (34, 무직)", "한지훈(1990년생)", or "(가명)" for a name it changed; or a comma and the
            # age ("한지훈, 34세,").
            rf"|{start}(?P<aged>(?:{sur})\p{{Hangul}}{{2}}){_AGED}"
        ),
        korean_unlisted=regex.compile(
            rf"{start}(?:{_alternation(str(ko.get('unlisted_cues', '') or '-').split())})[ \t]*[:：=]?[ \t]*"
            rf"(?P<name>\p{{Hangul}}{{3}})(?P<particle>{particles})(?!\p{{Hangul}})"
            rf"|{start}(?P<aged>\p{{Hangul}}{{3}}){_AGED}"
            rf"|{start}(?P<titled>\p{{Hangul}}{{3}})[ \t]?씨"
        ),
        korean_foreign=regex.compile(
            rf"{start}(?:{_alternation([*str(ko.get('unlisted_cues', '')).split(), *foreign_cues])})[ \t]+"
            # A role word may come between ("영국 국적 유학생 존 스미스(23) 씨"); a word of a foreign
            # name may be long in hangul ("데이비드", "크리스토퍼").
            rf"(?:(?P<role>{_alternation(str(ko.get('foreign_name_roles', '') or '-').split())})[ \t]+)?"
            r"(?P<name>\p{Hangul}{1,6}(?:[ \t]\p{Hangul}{1,6}){0,3})"
            rf"(?:[ \t]?씨{particles}(?!\p{{Hangul}})"
            # An age ("(37)", "(23세)", "(남, 41)", "(37, 무직)") or a birth year ("(1990년 2월 14일생)").
            r"|[ \t]?[(（](?:[남여][,，][ \t]?)?\d{1,3}(?:세)?[)）,，]|[ \t]?[(（]\d{4}년"
            # Or an aside in brackets, to be a nationality or an age ("(폴란드)", "(베트남 국적, 31세)").
            r"|[ \t]?[(（](?P<aside>[^()（）\n]{1,24})[)）])"
        )
        if foreign_cues
        else None,
        korean_bare=regex.compile(
            rf"(?<![\p{{Hangul}}\w])(?P<name>(?:{sur})\p{{Hangul}}{{2}})"
            rf"(?P<particle>{_alternation(bare)})(?=[\s.,;:!?\"'”’)]|$)"
        )
        if (bare := str(ko.get("bare_particles", "")).split())
        else None,
        # Names listed with commas before "등" (and others): "진우성, 백승현, 하지윤 등".
        korean_listed=regex.compile(
            rf"{start}(?P<names>(?:{sur})\p{{Hangul}}{{2}}(?:[ \t]*,[ \t]*(?:{sur})\p{{Hangul}}{{2}})+)"
            r"[ \t]*등(?!\p{Hangul})"
        ),
        # An aside in brackets may follow each name ("피해자 A(@handle), B(@handle) 등").
        korean_next=regex.compile(
            rf"(?:[ \t]?\([^()\n]{{1,40}}\))?[ \t]*[,、][ \t]*(?P<name>(?:{sur})\p{{Hangul}}{{2}})"
            rf"(?P<particle>{particles})(?![\p{{Hangul}}\w])"
        ),
        korean_given=_given_syllables(tuple(str(ko.get("given_name_locales", "")).split())),
        korean_given_more=frozenset(str(ko.get("given_syllables", "")).split()),
        korean_not=frozenset(ko["not_names"].split()),
        korean_person_endings=frozenset(str(ko.get("person_noun_endings", "")).split()),
        korean_place_endings=frozenset(str(ko.get("place_endings", "")).split()),
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
            r"(?:[ 　][\p{Han}\p{Katakana}\p{Hiragana}ー]{1,5})?"
            # "西森ちひろさん": a family name in kanji and a given name in hiragana, unspaced.
            r"|(?<![\p{Han}々])[\p{Han}々]{1,3}\p{Hiragana}{2,4})"
            # A space may set the honorific off: "田中ゆかり 様".
            r"[ 　]?"
            rf"(?P<suffix>{_alternation(ja['suffixes'].split())})"
        ),
        japanese_not=frozenset(ja["not_names"].split()),
        japanese_kana_suffixes=frozenset(str(ja.get("suffixes_with_kana", "")).split()),
        korean_surnames=frozenset(ko["surnames"].split()),
        korean_words=frozenset((*ko["cues"].split(), *ko["roles"].split(), *ko["not_names"].split())),
        korean_nationality_words=frozenset(str(ko.get("foreign_name_cues", "")).split()),
        korean_asides=frozenset(str(ko.get("bracket_asides", "")).split()),
        japanese_surnames=frozenset(str(ja.get("surnames", "")).split()),
        place_prefixes=frozenset(str(data.get("place_prefixes", "")).split()),
        chinese_given=_given_characters(tuple(str(zh.get("given_name_locales", "")).split()))
        | frozenset(str(zh.get("given_characters", "")).replace(" ", "").replace("\n", "")),
        chinese_boundary=frozenset(str(zh.get("boundary_characters", "")).replace(" ", "")),
        chinese_rare_surnames=_library_surnames(tuple(str(zh.get("given_name_locales", "")).split()))
        - frozenset(zh["surnames"].split()),
        chinese_placeholders=frozenset(str(zh.get("placeholders", "")).split()),
        korean_particles=tuple(sorted(str(ko.get("particles", "")).split(), key=len, reverse=True)),
        japanese_titles_after=_optional_alternation(str(ja.get("titles_after", "")).split()),
        japanese_cues=_optional_alternation(str(ja.get("cues", "")).split()),
        japanese_labelled=regex.compile(
            rf"(?:{_alternation([*ja['cues'].split(), *labels])})[ \t　]*[:：][ \t　]*"
            r"(?P<name>(?P<family>[\p{Han}々]{1,3})[ 　][\p{Han}々]{1,3})"
            r"(?=[ \t　]*(?:$|[(（<＜、,，。/]))",
            regex.MULTILINE,
        )
        if (labels := str(ja.get("labels", "")).split())
        else None,
        japanese_name_ends=frozenset(str(ja.get("name_ends", "")).split()),
        japanese_kin=frozenset(str(ja.get("kin_cues", "")).split()),
        japanese_possessor=regex.compile(
            rf"(?<![\p{{Han}}々])(?P<run>[\p{{Han}}々]{{2,{_JAPANESE_RUN_MAX}}})の"
            rf"(?:{_alternation([*ja['kin_cues'].split(), *possessed])})"
        )
        if ja.get("kin_cues") and (possessed := str(ja.get("possessed", "")).split())
        else None,
        japanese_kana_called=regex.compile(
            r"(?<![\p{Hiragana}ー])(?P<name>\p{Hiragana}{2,4})"
            rf"(?P<suffix>{_alternation(ja['familiar_suffixes'].split())})"
        )
        if ja.get("familiar_suffixes")
        else None,
        japanese_kana_not=frozenset(str(ja.get("kana_not_names", "")).split()),
        japanese_unlisted_endings=tuple(str(ja.get("unlisted_role_endings", "")).split()),
        japanese_claimed=_optional_alternation(str(ja.get("claimed", "")).split()),
        japanese_role_endings=tuple(str(ja.get("role_endings", "")).split()),
        quoted_called=_optional_alternation(
            [*str(ja.get("called", "")).split(), *str(ko.get("called", "")).split()]
        ),
        japanese_nicknamed=_optional_alternation(str(ja.get("nicknamed", "")).split()),
        japanese_cue_links=tuple(str(ja.get("cue_links", "")).split()),
        korean_form_labels=frozenset(str(ko.get("form_labels", "")).split()),
        korean_quoted_cue=regex.compile(rf"(?:{_alternation(ko['cues'].split())})[ \t]*\Z"),
        chinese_nickname_prefixes=frozenset(str(zh.get("nickname_prefixes", "")).split()),
        chinese_role_end=regex.compile(f"[{regex.escape(ends)}]")
        if (ends := str(zh.get("role_endings", "")).replace(" ", ""))
        else None,
        korean_family_alone=regex.compile(
            rf"{start}(?P<name>{sur})(?:[ \t]?(?P<title>{_alternation(titles)})"
            rf"|[ \t](?P<role>{_alternation(str(ko.get('family_alone_roles', '') or '-').split())})님?)"
            rf"{particles}(?!\p{{Hangul}})"
        )
        if (titles := str(ko.get("family_alone_titles", "")).split())
        else None,
        korean_spaced_titled=regex.compile(
            rf"{start}(?P<name>(?P<family>{sur})[ \t](?P<given>\p{{Hangul}}{{2}}))[ \t]?"
            rf"(?:{_alternation(titles)}){particles}(?!\p{{Hangul}})"
        )
        if titles
        else None,
        korean_family_determiners=frozenset(str(ko.get("family_alone_determiners", "")).split()),
        korean_family_never=frozenset(str(ko.get("family_alone_never", "")).split()),
        korean_sexed=regex.compile(
            rf"{start}(?P<name>(?:{sur})\p{{Hangul}}{{1,2}})[ \t]?[(（]"
            rf"(?:(?:{sex_marks})[ \t]*[,·/][ \t]*\d{{1,3}}(?:세)?"
            rf"|\d{{1,3}}(?:세)?[ \t]*[,·/][ \t]*(?:{sex_marks}))[)）]"
        )
        if (sex_marks := _alternation(str(ko.get("sex_marks", "")).split()))
        else None,
        table_name_headers=frozenset(str(data.get("table_name_headers", "")).split()),
        display_name_header=regex.compile(
            rf"^[ \t>]*(?:{_spaced(_alternation(labels))})[ \t]*[:：][ \t]*(?P<value>[^\n]+)", regex.MULTILINE
        )
        if (labels := str(data.get("display_name_labels", "")).split())
        else None,
        display_name_org_endings=tuple(str(data.get("display_name_org_endings", "")).split()),
        display_name_not=frozenset(str(data.get("display_name_not", "")).split()),
        display_name_honorifics=tuple(str(data.get("display_name_honorifics", "")).split()),
        katakana_firm_words=frozenset(str(data.get("katakana_firm_words", "")).split()),
        address_bracket=regex.compile(rf"[ 　]?[（(][\p{{Han}}]{{1,5}}?[{regex.escape(place_ends)}]")
        if (place_ends := str(data.get("address_bracket_place_ends", "")).replace(" ", ""))
        else None,
    )


def _optional_alternation(words: list[str]) -> regex.Pattern[str] | None:
    return regex.compile(_alternation(words)) if words else None


def _faker_entries(locales: tuple[str, ...], attributes: tuple[str, ...]) -> Iterator[str]:
    """The entries of the named lists of Faker's person providers for these locales."""
    for locale in locales:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in attributes:
            entries = getattr(provider, attr, ())
            if isinstance(entries, (list, tuple, dict)):
                yield from (str(entry) for entry in entries)


def _given_characters(locales: tuple[str, ...]) -> frozenset[str]:
    """The characters of the given names of Faker's Chinese person locales ("秀英", "志明")."""
    entries = _faker_entries(locales, _LIBRARY_GIVEN)
    return frozenset(ch for entry in entries for ch in entry if _HAN_RE.match(ch))


def _given_syllables(locales: tuple[str, ...]) -> frozenset[str]:
    """The syllables of the given names of Faker's Korean person locale ("지", "연", "훈")."""
    return frozenset(
        ch for entry in _faker_entries(locales, _LIBRARY_GIVEN) for ch in entry if "가" <= ch <= "힣"
    )


def _library_surnames(locales: tuple[str, ...]) -> frozenset[str]:
    """The family names of Faker's Chinese person locales."""
    entries = _faker_entries(locales, _LIBRARY_SURNAMES)
    return frozenset(entry for entry in entries if _HAN_NAME_RE.fullmatch(entry))


_HAN_NAME_RE = regex.compile(r"\p{Han}{1,2}")


@cache
def _simplified_map() -> dict[int, str]:
    """wordfreq's Traditional-to-Simplified character map (one character for one)."""
    import gzip

    import msgpack
    from wordfreq.util import data_path

    with gzip.open(data_path("_chinese_mapping.msgpack.gz")) as handle:
        mapping: dict[int, str] = msgpack.load(handle, raw=False, strict_map_key=False)
    return {key: value for key, value in mapping.items() if len(value) == 1}


def _simplified(text: str) -> str:
    return text.translate(_simplified_map())


@cache
def _chinese_word_ranks() -> dict[str, int]:
    from wordfreq import top_n_list

    return {w: rank for rank, w in enumerate(top_n_list("zh", _CHINESE_GIVEN_WORD_TOP, wordlist="small"))}


@cache
def _chinese_words() -> frozenset[str]:
    """Chinese words of two to four characters among the 50,000 most frequent (wordfreq): a name
    does not cut through one ("每周" is "weekly", not the surname 周)."""
    from wordfreq import top_n_list

    return frozenset(w for w in top_n_list("zh", _CHINESE_WORDS_TOP, wordlist="small") if 2 <= len(w) <= 4)


@cache
def bundled_script_names() -> ScriptNamePatterns:
    return load_script_names()


def find_script_names(text: str, patterns: ScriptNamePatterns | None = None) -> Iterator[Detection]:
    """PERSON spans of names written in Korean, Chinese or Japanese script."""
    if _GATE_RE.search(text) is None:
        return
    rules = patterns if patterns is not None else bundled_script_names()
    yield from _korean(text, rules)
    # Words are looked up in Simplified Chinese (wordfreq's lists are): a Traditional text is
    # read through a one-to-one character map, so every offset stays the same.
    simple = _simplified(text) if _HAN_RE.search(text) is not None else text
    yield from _chinese(simple, rules)
    yield from _chinese_bare(simple, rules)
    if _KANA_RE.search(text) is None:
        yield from _chinese_after_role(simple, rules)
        yield from _chinese_dotted(simple, rules)
    if "名" in text:
        yield from _pseudonyms(simple, rules)
    yield from _japanese(text, rules)
    yield from _japanese_labelled(text, rules)
    yield from _quoted(text, simple, rules)
    if rules.table_name_headers and ("\t" in text or "|" in text or "｜" in text):
        yield from _table_names(text, rules)
    if rules.address_bracket is not None and ("（" in text or "(" in text):
        yield from _before_address(text, simple, rules)
    if ":" in text or "：" in text:
        yield from _chat_speakers(text, simple, rules)
        yield from _exported_speakers(text, simple, rules)
        if rules.display_name_header is not None:
            yield from _header_names(text, simple, rules)


# A chat line's time as the apps of these languages export it: a date in their own words or in
# figures with spaces ("2024년 3월 5일", "2024. 3. 5."), the half of the day before the time
# ("오후 9:05", "午後9:05", "下午9:05"), a comma after it ("…, 박지훈 : 돈 좀").
_CJK_CHAT_TIME = (
    r"[\[［(（]?(?:(?:\d{2,4}[./-][ \t]?\d{1,2}[./-][ \t]?\d{1,2}\.?|\d{2,4}[년年][ \t]?\d{1,2}[월月][ \t]?"
    r"\d{1,2}[일日])[ \t]*(?:[(（]\p{L}{1,3}[)）][ \t]*)?)?(?:(?:오전|오후|午前|午後|上午|下午)[ \t]*)?"
    r"\d{1,2}:\d{2}(?::\d{2})?[\]］)）]?[ \t]*(?:[-–—|>,][ \t]*)?"
)
_CHAT_SPEAKER = (
    r"(?P<speaker>\p{Hiragana}{2,4}|\p{Katakana}[\p{Katakana}ー]{1,4}|\p{Hangul}{2,3}|\p{Han}{2,3})"
)
# A line of a chat transcript: its time, the speaker, a colon ("[21:05] ゆうこ: はい"); a copied
# chat often drops the time ("민지: 언니 어디야?": only a hangul speaker, whose syllables must be a
# given name's; a katakana one may be a heading, "スキミング："); a desktop export writes the
# speaker in brackets before the time ("[박지훈] [오후 9:05] 누나").
_CHAT_LINE_RES = (
    regex.compile(
        rf"^[ \t]*(?:{CHAT_LINE_START}|{_CJK_CHAT_TIME}){_CHAT_SPEAKER}[ \t]*[:：]",
        regex.MULTILINE,
    ),
    regex.compile(r"^[ \t]*(?P<speaker>\p{Hangul}{2,3})[ \t]*[:：]", regex.MULTILINE),
    regex.compile(rf"^[ \t]*[\[［]{_CHAT_SPEAKER}[\]］][ \t]*{_CJK_CHAT_TIME}", regex.MULTILINE),
)


def _chat_speakers(text: str, simple: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """The speaker of a chat line after its time ("[21:05] ゆうこ: はい"): a name written as a
    given name in kana that is no frequent word, a Korean given or full name, or a Chinese name
    with a listed family name; a role ("客服", "상담원", "担当者") is a frequent word and stays."""
    for match in (m for pattern in _CHAT_LINE_RES for m in pattern.finditer(text)):
        speaker = match.group("speaker")
        start, end = match.span("speaker")
        if _HANGUL_ONLY_RE.fullmatch(speaker):
            named = speaker not in rules.korean_words and (
                _korean_full_name(speaker, rules) or _korean_given_alone(speaker, rules)
            )
        elif _HAN_RE.match(speaker):
            two = simple[start : start + 2]
            family = two if two in rules.chinese_surnames else simple[start]
            # A rarer family name ("鲁") with given names' characters only.
            rare = family in rules.chinese_rare_surnames and all(
                ch in rules.chinese_given for ch in simple[start + len(family) : end]
            )
            named = (
                (family in rules.chinese_surnames or rare)
                and len(speaker) > len(family)
                and simple[start:end] not in _chinese_words()
                and speaker not in _japanese_words()
            )
        else:
            named = _japanese_words().get(speaker, _JAPANESE_WORDS_TOP) >= _JAPANESE_WORDS_TOP
        if named:
            yield Detection(start, end, PERSON)


# A chat export's time: a date in figures perhaps, the half of the day perhaps ("2024/03/12 14:02",
# "오후 2:03", "下午2:03").
_EXPORT_DATE = r"\d{4}[./-]\d{1,2}[./-]\d{1,2}(?:[ \t]?[(（]\p{L}{1,3}[)）])?"
_EXPORT_TIME = (
    rf"(?:{_EXPORT_DATE}[ \t]+)?(?:(?:오전|오후|午前|午後|上午|下午)[ \t]*)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?"
)
# The speaker of a chat export's line as the apps write it: LINE the time, a tab, the display name,
# a tab, the message ("09:41\t森本 和子\tどうしたの？"); WeChat the display name and the date and
# time, or the date and time and the display name, on a line of their own above the message.
_EXPORT_LINE_RES = (
    regex.compile(rf"^[ \t]*{_EXPORT_TIME}\t(?P<speaker>[^\t\n]{{1,20}})\t", regex.MULTILINE),
    regex.compile(
        rf"^[ \t]*(?P<speaker>[^\s\d\[［(（][^\t\n]{{0,19}}?)[ \t]+{_EXPORT_TIME}[ \t]*$", regex.MULTILINE
    ),
    regex.compile(
        rf"^[ \t]*{_EXPORT_TIME}[ \t]+(?P<speaker>[^\s\d][^\t\n]{{0,19}}?)[ \t]*$", regex.MULTILINE
    ),
)
# The parts of a header's value: recipients apart by a comma or a semicolon, each a display name
# in quotes or not, then its address in angle brackets or none.
_HEADER_PART_RE = regex.compile(
    r"[\"'“「]?(?P<name>[^,;，；、<>＜＞\"'“”「」\n]+?)[\"'”」]?[ \t]*"
    r"(?:[<＜][^<>＜＞\n]*[>＞])?[ \t]*(?:[,;，；、]|$)"
)
# A kana word that is a given name written alone ("みさき", "ミサキ"); longer katakana runs with
# no separator are loanwords ("サポートセンター").
_DISPLAY_KANA_RE = regex.compile(
    r"\p{Hiragana}{2,5}|\p{Katakana}[\p{Katakana}ー]{1,4}|\p{Hiragana}{1,5}[ 　]\p{Hiragana}{1,5}"
)
_DISPLAY_HAN_MAX = 3


def _exported_speakers(text: str, simple: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """The display name of a chat export's speaker, as LINE and WeChat write it (see
    _EXPORT_LINE_RES), when it reads as a person's name (_display_name)."""
    for match in (m for pattern in _EXPORT_LINE_RES for m in pattern.finditer(text)):
        start, end = match.span("speaker")
        value = _without_honorific(text[start:end].strip(" \t　"), rules)
        start = text.index(value, start)
        if _display_name(value, simple[start : start + len(value)], rules):
            yield Detection(start, start + len(value), PERSON)


def _header_names(text: str, simple: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """The display names of an e-mail header's sender and recipients ("差出人: 高橋 健太
    <…>", "宛先: まつもと ゆみ", "발신자: 은정"), each when it reads as a person's name."""
    pattern = rules.display_name_header
    assert pattern is not None
    for match in pattern.finditer(text):
        for part in _HEADER_PART_RE.finditer(text, match.start("value"), match.end("value")):
            start, end = part.span("name")
            value = _without_honorific(text[start:end].strip(" \t　"), rules)
            if not value:
                continue
            start = text.index(value, start)
            if _display_name(value, simple[start : start + len(value)], rules, sender=True):
                yield Detection(start, start + len(value), PERSON)


def _without_honorific(value: str, rules: ScriptNamePatterns) -> str:
    """A display name without the honorific after it ("松本 由美 様" → "松本 由美")."""
    for honorific in rules.display_name_honorifics:
        if value.endswith(honorific) and len(value) > len(honorific) + 1:
            return value[: -len(honorific)].rstrip(" \t　")
    return value


def _display_name(value: str, simple: str, rules: ScriptNamePatterns, sender: bool = False) -> bool:
    """A display name (a chat's speaker, a mail's sender) written as a person's name in Chinese,
    Japanese or Korean: a name's shape (family and given name a space apart, a foreign name in
    katakana parts, a listed family name and a given name, a given name alone in kana or hangul),
    no frequent word, kin word or role, and no firm's or service's ending ("招商银行", "고객센터").
    A mail's `sender` or recipient is as often a firm or an office under a short brand ("メルカリ",
    "国税庁"): there a katakana word alone or kanji with no listed family name is none."""
    if value in rules.display_name_not or value.endswith(rules.display_name_org_endings):
        return False
    if sender and _KATAKANA_ONLY_RE.fullmatch(value):
        return False
    if _DISPLAY_KANA_RE.fullmatch(value):
        # Given names in hiragana are words too ("はるか", far; "ひかり", light): only the most
        # frequent words are none. A katakana word is a loanword when it is a word at all.
        hiragana = _HIRAGANA_RE.match(value) is not None
        return _japanese_words().get(value, _JAPANESE_WORDS_TOP) >= (
            _JAPANESE_COMMON_TOP if hiragana else _JAPANESE_WORDS_TOP
        )
    # A Japanese family name alone, however frequent a word it is ("佐藤"): how a colleague's or a
    # relative's account is often shown.
    if value in rules.japanese_surnames or value in _japanese_library_surnames():
        return len(value) > 1
    if _HANGUL_ONLY_RE.fullmatch(value):
        return value not in rules.korean_words and (
            _korean_full_name(value, rules) or _korean_given_alone(value, rules)
        )
    if not _CELL_NAME_RE.fullmatch(value) or _frequent_cjk_word(value, rules) or simple in _chinese_words():
        return False
    if _HAN_RUN_RE.fullmatch(value) is None or " " in value:
        # Parts a space or a dot apart, kanji and kana: a name's shape in these scripts.
        return _HANGUL_RE.match(value) is None or value.replace(" ", "")[:1] in rules.korean_surnames
    # Kanji alone: a listed family name first, or a short run that starts and ends with no
    # frequent word ("小燕", not "客服小美").
    if any(value[:k] in rules.japanese_surnames for k in (1, 2, 3)) and not sender:
        return len(value) > 1
    family = next((k for k in (2, 1) if simple[:k] in rules.chinese_surnames), 0)
    if family:
        # A mail's party: the rest all characters of given names ("全体员工" is "all staff").
        return len(value) > family and (
            not sender or all(ch in rules.chinese_given for ch in simple[family:])
        )
    words = _chinese_words()
    return (
        not sender
        and len(value) <= _DISPLAY_HAN_MAX
        and simple[:2] not in words
        and simple[-2:] not in words
        and value not in _japanese_words()
    )


# Names written right before an address in brackets: a Chinese name (a listed family name and one
# or two characters), a Japanese one a space apart ("石田 光"), a katakana one in parts.
_BEFORE_BRACKET_RE = regex.compile(
    r"(?:(?P<spaced>(?<![\p{Han}々])[\p{Han}々]{1,3}[ 　][\p{Han}々]{1,3})"
    r"|(?P<katakana>(?<![\p{Katakana}ー])\p{Katakana}[\p{Katakana}ー]*(?:[・=＝]\p{Katakana}[\p{Katakana}ー]*)+)"
    r"|(?P<han>[\p{Han}]{2,4}))\Z"
)
_BRACKET_WINDOW = 16


def _before_address(text: str, simple: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A name right before a bracket that opens with a place ("钱一帆（成都市武侯区…）", "石田 光
    （札幌市…）", "カルロス・メンドーサ（横浜市…）"): the bracket is where the person lives.
    A Chinese name is a listed family name and one or two characters after a character a name
    stands after (":", "为", none); a Japanese one in kanji has a listed family name."""
    pattern = rules.address_bracket
    assert pattern is not None
    for match in pattern.finditer(text):
        window = max(0, match.start() - _BRACKET_WINDOW)
        before = _BEFORE_BRACKET_RE.search(text, window, match.start())
        if before is None:
            continue
        spaced = before.group("spaced")
        family = spaced.replace("　", " ").split()[0] if spaced else ""
        if before.group("katakana") or (family and _listed_family(family, rules)):
            yield Detection(before.start(), before.end(), PERSON)
        elif before.group("han"):
            yield from _chinese_before_bracket(simple, before.start(), before.end(), rules)


def _listed_family(family: str, rules: ScriptNamePatterns) -> bool:
    return (
        family in rules.japanese_surnames
        or family in _japanese_library_surnames()
        or _simplified(family) in rules.chinese_surnames
    )


def _chinese_before_bracket(
    simple: str, start: int, end: int, rules: ScriptNamePatterns
) -> Iterator[Detection]:
    """The last two or three characters before the bracket, a listed family name first (a compound
    one and one or two), standing after a character a name stands after or no kanji at all."""
    for size in (3, 2, 4):
        at = end - size
        if at < start:
            continue
        family = 2 if simple[at : at + 2] in rules.chinese_surnames else 1
        if simple[at : at + family] not in rules.chinese_surnames or size - family > rules.chinese_given_max:
            continue
        if size - family < 1:
            continue
        if simple[at:end] in _chinese_words():  # a place or a word ("王府井")
            return
        # The run starts with the name, or a character a name stands after ends before it.
        alone = at == start and (at == 0 or not _HAN_RE.match(simple[at - 1]))
        if alone or simple[at - 1] in rules.chinese_boundary:
            yield Detection(at, end, PERSON)
            return


_TABLE_SEPARATORS = ("\t", "|", "｜")
# A cell that is a name as Chinese, Japanese or Korean write one: a few kanji or syllables, a
# family name and a given name a space apart, a katakana name in parts, kanji and hiragana.
_CELL_NAME_RE = regex.compile(
    r"[\p{Han}々]{2,4}|[\p{Han}々]{1,3}[ 　][\p{Han}々]{1,3}|\p{Hangul}{2,4}|\p{Hangul}{1,2} \p{Hangul}{1,3}"
    r"|\p{Katakana}[\p{Katakana}ー]+(?:[・ 　=＝]\p{Katakana}[\p{Katakana}ー]*)*"
    r"|[\p{Han}々]{1,3}[ 　]?\p{Hiragana}{2,4}"
)


_TABLE_MIN_COLUMNS = 3


def _frequent_cjk_word(cell: str, rules: ScriptNamePatterns) -> bool:
    """A header or a frequent word in a names' column ("주소", "合计"): no name."""
    return (
        cell in rules.table_name_headers
        or cell in rules.korean_words
        or cell in _korean_words_all()
        or cell in _chinese_words()
        or _japanese_words().get(cell, _JAPANESE_WORDS_TOP) < _JAPANESE_COMMON_TOP
    )


def _table_names(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """Cells under a names' column header in a table written as text (cells apart by tabs or
    "|"): a cell written as a name is one, row by row until a line has no such separator."""
    column: int | None = None
    separator = ""
    pos = 0
    for line in text.split("\n"):
        cells = line.split(separator) if separator and separator in line else None
        if cells is not None and column is not None and column < len(cells):
            cell = cells[column]
            start = pos + sum(len(c) + len(separator) for c in cells[:column])
            stripped = cell.strip(" \t　")
            if stripped and _CELL_NAME_RE.fullmatch(stripped) and not _frequent_cjk_word(stripped, rules):
                at = start + cell.index(stripped)
                yield Detection(at, at + len(stripped), PERSON)
        else:
            column = None
            separator = next((s for s in _TABLE_SEPARATORS if s in line), "")
            if separator:
                heads = [c.strip(" \t　") for c in line.split(separator)]
                # A row of two cells is a label and its value ("성명 | 박서연"), no header.
                if sum(1 for h in heads if h) >= _TABLE_MIN_COLUMNS:
                    column = next((i for i, h in enumerate(heads) if h in rules.table_name_headers), None)
        pos += len(line) + 1


# A short phrase in quotes: a name or nickname written alone ("「ケンジ」と呼ばれた", "“阿强”").
_QUOTED_RE = regex.compile(r"[「『“‘\"'](?P<inner>[^「」『』“”‘’\"'\n]{2,12})[」』”’\"']")
# A given name in katakana is short ("ケンジ", "ユウキ"); longer runs are loanwords ("サポートセンター").
_KATAKANA_ONLY_RE = regex.compile(r"\p{Katakana}[\p{Katakana}ー]{1,4}")
_HANGUL_ONLY_RE = regex.compile(r"\p{Hangul}{2,3}")
_TRAILING_HAN_RE = regex.compile(r"[\p{Han}々]{2,5}\Z")
# A familiar name ("阿强", "老王") that is a frequent word ("阿姨", aunt; "老师", teacher) is none.
_NICKNAME_WORD_TOP = 10_000
# A cue before a quote is read in the characters right before it (the longest cue, spaces).
_QUOTED_CUE_WINDOW = 16


def _quoted(text: str, simple: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A name written alone in quotes: a Chinese familiar name ("“阿强”", "“老王”": 阿, 小 or 老
    and a family name or a given name's character, no frequent word); a Japanese name before
    "と呼ばれ" or "を名乗り" (called, giving the name as): a katakana given name that is no
    frequent word, called so by others ("「ケンジ」と呼ばれた"; a self-styled alias is often a
    character's, "「ルフィ」を名乗る"), or a listed family name that ends the quote ("「市役所の
    松井」を名乗る"); a Korean given name after a cue or before "라는" ("여성 ‘민지’와")."""
    for match in _QUOTED_RE.finditer(text):
        inner = match.group("inner")
        start, end = match.span("inner")
        called = rules.quoted_called is not None and rules.quoted_called.match(text, match.end()) is not None
        nicknamed = rules.japanese_nicknamed is not None and rules.japanese_nicknamed.match(text, match.end())
        katakana = nicknamed is not None and _KATAKANA_ONLY_RE.fullmatch(inner) is not None
        if _chinese_nickname(simple[start:end], rules) or (katakana and inner not in _japanese_words()):
            yield Detection(start, end, PERSON)
        elif called and (run := _TRAILING_HAN_RE.search(inner)) is not None:
            if _japanese_quoted_family(run.group(), rules):
                yield Detection(start + run.start(), end, PERSON)
        elif _HANGUL_ONLY_RE.fullmatch(inner) and _korean_given_alone(inner, rules):
            cue = rules.korean_quoted_cue
            window = max(0, match.start() - _QUOTED_CUE_WINDOW)
            if called or (cue is not None and cue.search(text, window, match.start()) is not None):
                yield Detection(start, end, PERSON)


def _chinese_nickname(inner: str, rules: ScriptNamePatterns) -> bool:
    return (
        len(inner) == 2
        and inner[0] in rules.chinese_nickname_prefixes
        and (inner[1] in rules.chinese_given or inner[1] in rules.chinese_surnames)
        and _chinese_ranks().get(inner, _NICKNAME_WORD_TOP) >= _NICKNAME_WORD_TOP
    )


def _japanese_quoted_family(run: str, rules: ScriptNamePatterns) -> bool:
    """A listed family name of two or three kanji, alone or after "の" ("田中", "区役所の田中"):
    the way a caller gives a name on the phone. A kanji run after one may be a firm's
    ("山田商事"), so only the family name alone counts."""
    return run in rules.japanese_surnames or run in _japanese_library_surnames()


def _korean_given_alone(inner: str, rules: ScriptNamePatterns) -> bool:
    """Two syllables of given names, or a listed family name and two, that are no frequent word."""
    given = inner[1:] if len(inner) == 3 and inner[0] in rules.korean_surnames else inner
    return (
        len(given) == 2
        and all(ch in rules.korean_given or ch in rules.korean_given_more for ch in given)
        and _korean_words().get(inner, _KOREAN_WORDS_TOP) >= _KOREAN_WORDS_TOP
        and _korean_words().get(given, _KOREAN_WORDS_TOP) >= _KOREAN_WORDS_TOP
    )


def _korean_ok(name: str, rules: ScriptNamePatterns) -> bool:
    return name not in rules.korean_not and name[:2] not in rules.korean_not


# A form's field on a line of its own, its label and its value spaced out syllable by syllable, as
# OCR reads a form printed with wide letter spacing ("성 명 : 김 하 늘").
_LETTER_SPACED_FIELD_RE = regex.compile(
    r"(?m)^[ \t]*(?P<label>\p{Hangul}(?:[ \t]\p{Hangul}){1,2})[ \t]*[:：][ \t]*"
    r"(?P<name>\p{Hangul}(?:[ \t]\p{Hangul}){1,3})[ \t]*$"
)


def _korean_letter_spaced(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A name spaced out syllable by syllable after a name field's label spaced out alike: a listed
    family name first, and no frequent word once the spaces are gone."""
    for match in _LETTER_SPACED_FIELD_RE.finditer(text):
        if match.group("label").replace(" ", "").replace("\t", "") not in rules.korean_form_labels:
            continue
        name = regex.sub(r"[ \t]", "", match.group("name"))
        if (
            (name[:1] in rules.korean_surnames or name[:2] in rules.korean_surnames)
            and _korean_ok(name, rules)
            and _korean_words().get(name, _KOREAN_WORDS_TOP) >= _KOREAN_WORDS_TOP
        ):
            yield Detection(match.start("name"), match.end("name"), PERSON)


_KOREAN_FOREIGN_GATE_RE = regex.compile(r"\p{Hangul}[ \t]+\p{Hangul}")
# The fewest words of a foreigner's name with no role word before it ("존 스미스").
_FOREIGN_PARTS_MIN = 2


def _korean(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    for match in rules.korean_suffixed.finditer(text):
        name = match.group("name")
        # "님" follows titles as often as names ("선생님"): only after a full three-syllable name.
        if (
            (match.group("suffix") != "님" or len(name) == 3)
            and _korean_ok(name, rules)
            and not _suffix_starts_word(text, match, rules)
        ):
            yield Detection(match.start("name"), match.end("name"), PERSON)
    for pattern in (rules.korean_role, rules.korean_cued, rules.korean_role_before):
        # Overlapping: a cue may read as the start of a name ("아들 이름은 박도윤": 아들 and "이름은",
        # then the cue 이름 and the name).
        for match in pattern.finditer(text, overlapped=pattern is rules.korean_cued):
            group = "name" if match.group("name") else "aged"
            name = match.group(group)
            if (
                _korean_ok(name, rules)
                and not name.endswith(_KOREAN_PARTICLE_END)
                # After a form label ("성명: 박정희") a famous name is still a name.
                and not (
                    pattern is not rules.korean_role
                    and not _labelled(match.group())
                    and (
                        _korean_word(name)
                        or _word_and_syllable(name, rules)
                        # "판매자는 선입금을": an object after a cue is a word more often than a name.
                        or (_object_particle(match) and _prefixed_word(name, rules))
                    )
                )
                # A rank that is also a noun ("유전자 검사", a gene test): a frequent word is no name.
                # ("정기적 검사": a frequent word and a syllable no given name has).
                and not (pattern is rules.korean_role and _word_before_role(name, rules))
                # "명의" (in the name of) follows any noun ("가족들 명의"): only a name that is no word.
                and not (
                    pattern is rules.korean_role
                    and match.group("after_only")
                    and (
                        _korean_word(name)
                        or (_korean_unlisted_word(name) and not _korean_tail_name(name, rules))
                        or _korean_person_noun(name, rules)
                    )
                )
                # "목격자 노점상 권순자 씨": a role in apposition between the cue and the name.
                and not (
                    pattern in (rules.korean_cued, rules.korean_role)
                    and group == "name"
                    and _name_follows(text, match, rules)
                )
            ):
                yield Detection(match.start(group), match.end(group), PERSON)
                if pattern is rules.korean_cued:
                    yield from _korean_next(text, match.end(group), rules)
    yield from _korean_bare(text, rules)
    yield from _korean_letter_spaced(text, rules)
    yield from _korean_vocative(text, rules)
    yield from _korean_listed(text, rules)
    yield from _korean_dotted(text, rules)
    yield from _korean_isolated(text, rules)
    yield from _korean_familiar(text, rules)
    yield from _korean_family_alone(text, rules)
    if rules.korean_foreign is not None and _KOREAN_FOREIGN_GATE_RE.search(text) is not None:
        yield from _korean_foreign(text, rules.korean_foreign, rules)
    if rules.korean_unlisted is None:
        return
    for match in rules.korean_unlisted.finditer(text):
        group = next(g for g in ("name", "aged", "titled") if match.group(g))
        name = match.group(group)
        if name[:1] in rules.korean_surnames or name[:2] in rules.korean_surnames:
            continue  # the rules above decide on a listed family name
        if (
            _korean_ok(name, rules)
            and not name.endswith(_KOREAN_PARTICLE_END)
            and not _korean_unlisted_word(name)
        ):
            yield Detection(match.start(group), match.end(group), PERSON)


def _korean_foreign(text: str, pattern: regex.Pattern[str], rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A foreigner's name in hangul, its words spaced ("쩐 반 훙", Tran Van Hung), after a party's
    cue, a nationality or an origin, perhaps a role word, before "씨", an age or birth date, or a
    nationality in brackets: Korean writes a Korean's name as one word ("박은영")."""
    # Overlapped: a role may follow a foreigner cue ("외국인 피해자 …").
    for match in pattern.finditer(text, overlapped=True):
        words = match.group("name").split()
        if match.group("role") is None and len(words) < _FOREIGN_PARTS_MIN:
            continue
        aside = match.group("aside")
        if aside is not None and not _nationality_or_age(aside, rules):
            continue
        # A Korean full name last ("제보자 고물상 한만식 씨": a role, then the name) is the Korean
        # rules' to find. A word of two syllables or more among Korean's most frequent ("가족",
        # family) is no transliterated name's part (a famous foreign name, "마리아", ranks lower).
        if not _korean_full_name(words[-1], rules) and not any(
            w in rules.korean_words
            or (len(w) > 1 and _korean_words().get(w, _KOREAN_WORDS_TOP) < _KOREAN_TWO_SYLLABLE_TOP)
            for w in words
        ):
            yield Detection(match.start("name"), match.end("name"), PERSON)


def with_korean_particles(text: str, found: list[Detection], particles: Container[str]) -> list[Detection]:
    """Each name in hangul with the particle written onto it ("이준호에게", "민지의"): Korean glues
    its case particles to the noun, so the word as written is the name and its particle, and a
    reader quotes it whole (as a case ending glued to a name is masked in other languages). Only
    where the particle ends the word ("김수연도", not "김수연도시")."""
    out = found
    for k, det in enumerate(found):
        if det.kind != PERSON or det.end >= len(text) or det.end == det.start:
            continue
        if _HANGUL_SYLLABLE_RE.match(text, det.end - 1) is None:
            continue
        rest = _HANGUL_WORD_RE.match(text, det.end)
        if rest is None or rest.group() not in particles:
            continue
        end = rest.end()
        if any(other.start < end and other.end > det.end for other in found if other is not det):
            continue
        if out is found:
            out = list(found)
        out[k] = Detection(det.start, end, PERSON)
    return out


_HANGUL_SYLLABLE_RE = regex.compile(r"[\uac00-\ud7a3]")


# An age in an aside: "31세", "31살", "1990년생".
_ASIDE_AGE_RE = regex.compile(r"\d{1,4}[ \t]?(?:세|살|년생)")
_ASIDE_WORD_RE = regex.compile(r"\p{Hangul}+")


def _nationality_or_age(aside: str, rules: ScriptNamePatterns) -> bool:
    """A bracketed aside after a foreigner's name as Korean notes write it: an age, a nationality
    ("베트남 국적", "미국인"), or a country (GeoNames and pycountry's names, "폴란드")."""
    if _ASIDE_AGE_RE.search(aside) is not None:
        return True
    words = _ASIDE_WORD_RE.findall(aside)
    if any(word in rules.korean_nationality_words for word in words):
        return True
    # Imported here: the gazetteer's module reads this one's rules.
    from shared.anonymization.scripts import load_places

    return bool(words) and words[0] in load_places()


def korean_bracket_aside(aside: str, rules: ScriptNamePatterns | None = None) -> bool:
    """Hangul in brackets after a name that says who the person is, not another form of the name:
    an age, a nationality or country ("베트남 국적"), a sex, an occupation or status ("무직",
    "회사원")."""
    rules = bundled_script_names() if rules is None else rules
    if _nationality_or_age(aside, rules):
        return True
    return any(word in rules.korean_asides for word in _ASIDE_WORD_RE.findall(aside))


# A given name called out ("서연아,", "민지야 어디야"): two syllables and the vocative, before a
# space, a mark or the line's end.
_KOREAN_VOCATIVE_RE = regex.compile(
    r"(?<![\p{Hangul}\w])(?P<name>\p{Hangul}{2})(?P<voc>[아야])(?=[\s,.!?~…]|\Z)"
)
_HANGUL_FIRST = 0xAC00
_HANGUL_LAST = 0xD7A3
_HANGUL_FINALS = 28


def hangul_has_final(syllable: str) -> bool:
    """A hangul syllable closed by a consonant ("연", not "지")."""
    code = ord(syllable)
    return _HANGUL_FIRST <= code <= _HANGUL_LAST and (code - _HANGUL_FIRST) % _HANGUL_FINALS != 0


def _korean_vocative(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A given name alone before the vocative ending, "아" after a closing consonant and "야"
    after a vowel ("서연아", "민지야"), as friends and family address each other in chats: the
    ending must agree with the name's last syllable, every syllable must be a given name's, and
    neither the name nor name and ending may be a frequent word ("바보야", "좋아")."""
    for match in _KOREAN_VOCATIVE_RE.finditer(text):
        name = match.group("name")
        if (
            hangul_has_final(name[-1]) == (match.group("voc") == "아")
            # "일이야" (it is work): a noun and the copula "이야".
            and not name.endswith("이")
            and name not in rules.korean_words
            and _korean_given_alone(name, rules)
            and _korean_words_all().get(match.group(), _KOREAN_ALL_TOP) >= _KOREAN_ALL_TOP
        ):
            yield Detection(match.start("name"), match.end("name"), PERSON)


def _korean_family_alone(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A family name alone before "씨", "님" or a role ("구 씨는", "선우 고객의"): how a report
    refers again to a person, or the press to one it leaves unnamed. A family name that is also a
    determiner ("이 고객", this customer) counts only before "씨" or "님"; a name before a sex and
    an age in brackets ("하늘(여, 72)") may be a family name and one syllable."""
    if rules.korean_family_alone is not None:
        for match in rules.korean_family_alone.finditer(text):
            name = match.group("name")
            if name in rules.korean_family_never or (
                match.group("role") and name in rules.korean_family_determiners
            ):
                continue
            yield Detection(match.start("name"), match.end("name"), PERSON)
    if rules.korean_spaced_titled is not None:
        for match in rules.korean_spaced_titled.finditer(text):
            given = match.group("given")
            if match.group("family") not in rules.korean_family_determiners and (
                given not in _korean_words_all()
                or all(ch in rules.korean_given or ch in rules.korean_given_more for ch in given)
            ):
                yield Detection(match.start("name"), match.end("name"), PERSON)
    if rules.korean_sexed is not None:
        for match in rules.korean_sexed.finditer(text):
            name = match.group("name")
            if _korean_ok(name, rules) and name not in rules.korean_words:
                yield Detection(match.start("name"), match.end("name"), PERSON)


def _korean_full_name(word: str, rules: ScriptNamePatterns) -> bool:
    """A listed family name and two syllables of given names ("한만식")."""
    return (
        len(word) == _KOREAN_FULL_NAME
        and word[0] in rules.korean_surnames
        and all(ch in rules.korean_given or ch in rules.korean_given_more for ch in word[1:])
    )


def _korean_next(text: str, end: int, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """Full names listed after a cued one, a comma apart ("피해자 노민성, 구하린"): the cue's too,
    when each reads as no word."""
    pattern = rules.korean_next
    while pattern is not None:
        match = pattern.match(text, end)
        if match is None:
            return
        name = match.group("name")
        if (
            not _korean_ok(name, rules)
            or name in rules.korean_words  # "피해자 A, 목격자는 ...": the next cue
            or name.endswith(_KOREAN_PARTICLE_END)
            or _korean_word(name)
        ):
            return
        yield Detection(match.start("name"), match.end("name"), PERSON)
        end = match.end("name")


def _word_before_role(name: str, rules: ScriptNamePatterns) -> bool:
    """Three syllables before a rank that read as a frequent word, or as a frequent word and a
    syllable no given name has ("정기" and "적": regular)."""
    return name in _korean_words() or (
        _korean_words_all().get(name[:2], _KOREAN_ALL_TOP) < _KOREAN_PREFIX_TOP
        and name[2] not in rules.korean_given
        and name[2] not in rules.korean_given_more
    )


def _object_particle(match: regex.Match[str]) -> bool:
    return "particle" in match.re.groupindex and match.group("particle") in _KOREAN_OBJECT_PARTICLES


# Particles of an object or a place: a word after a cue carrying one is rarely a person.
_KOREAN_OBJECT_PARTICLES = frozenset(("을", "를", "에", "로", "으로"))


def _prefixed_word(name: str, rules: ScriptNamePatterns) -> bool:
    """A surname syllable before a frequent word ("선" and "입금": an advance deposit) whose
    syllables are not all given names' ones ("지원" is a given name too)."""
    return _korean_words_all().get(name[1:], _KOREAN_ALL_TOP) < _KOREAN_WORDS_TOP and not all(
        ch in rules.korean_given or ch in rules.korean_given_more for ch in name[1:]
    )


def _word_and_syllable(name: str, rules: ScriptNamePatterns) -> bool:
    """A frequent word of two syllables and a syllable no given name has: the start of a compound
    noun ("인상" and "착" of "인상착의", a description of looks), not a family name and a given name."""
    return _korean_words().get(name[:2], _KOREAN_WORDS_TOP) < _KOREAN_TWO_SYLLABLE_TOP and not (
        name[2:3] in rules.korean_given or name[2:3] in rules.korean_given_more
    )


def _korean_tail_name(name: str, rules: ScriptNamePatterns) -> bool:
    """A listed family name and a given name that the frequency list holds, only in its tail, as
    it may the whole: wordfreq keeps frequent given names and famous people's full names ("준호",
    "이준호"), which are names still; a person's noun ("배신자") is none."""
    words = _korean_words_all()
    return (
        len(name) == _KOREAN_FULL_NAME
        and name[:1] in rules.korean_surnames
        and all(ch in rules.korean_given or ch in rules.korean_given_more for ch in name[1:])
        and words.get(name, _KOREAN_ALL_TOP) >= _KOREAN_WORDS_TOP
        and _KOREAN_WORDS_TOP <= words.get(name[1:], _KOREAN_ALL_TOP) < _KOREAN_ALL_TOP
        # Not a frequent word and a syllable ("전화기", phone), a person's noun ("배신자") or a
        # town's or district's name ("한남동", "안성시").
        and words.get(name[:2], _KOREAN_ALL_TOP) >= _KOREAN_PREFIX_TOP
        and name[2:] not in rules.korean_person_endings
        and name[2:] not in rules.korean_place_endings
    )


def _korean_person_noun(name: str, rules: ScriptNamePatterns) -> bool:
    """A word and a syllable that makes it a person's noun ("노숙" and "인": a homeless person)."""
    return name[:2] in _korean_words_all() and name[2:] in rules.korean_person_endings


def _name_follows(text: str, match: regex.Match[str], rules: ScriptNamePatterns) -> bool:
    """Another name, before "씨" or a role, right after a cued one with no particle, or right
    after the role written after one ("가맹점 사장 유혜진 씨": the role is the next name's)."""
    if "particle" in match.re.groupindex and match.group("particle"):
        return False
    pos = match.end()
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    if pos == match.end():
        return False
    return bool(rules.korean_suffixed.match(text, pos) or rules.korean_role.match(text, pos))


# Suffixes that also begin words ("군의관", army doctor; "양도", transfer): a suffix only where the
# word ends or a particle follows.
_WORD_START_SUFFIXES = ("군", "양")


def _suffix_starts_word(text: str, match: regex.Match[str], rules: ScriptNamePatterns) -> bool:
    if match.group("suffix") not in _WORD_START_SUFFIXES:
        return False
    rest = _HANGUL_WORD_RE.match(text, match.end())
    return rest is not None and rest.group() not in rules.korean_particles


def _korean_bare(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A listed family name, two syllables and a case particle, with no cue: a name when neither
    the syllables nor the whole word read as a word, and when the first two syllables are a word
    ("복제기를": 복제), the last two are made of given names' syllables ("이서준은") or of the
    syllables of given names that make no word ("남기석은": 기석)."""
    if rules.korean_bare is None:
        return
    words = _korean_words_all()
    for match in rules.korean_bare.finditer(text):
        name = match.group("name")
        # "복제기를", "예금주가" end in a word ("제기", "금주"); "기석" is none.
        tail = _korean_tail_name(name, rules)
        given = tail or (
            name[1:] not in words
            and all(ch in rules.korean_given or ch in rules.korean_given_more for ch in name[1:])
        )
        if (
            _korean_ok(name, rules)
            and name not in rules.korean_words  # a cue or a role ("사기범은")
            and not _korean_word(name)
            and (name not in words or tail)
            and (given or words.get(name[:2], _KOREAN_ALL_TOP) >= _KOREAN_PREFIX_TOP)
            and (name[:2] not in words or given or all(ch in rules.korean_given for ch in name[1:]))
            and not _prefixed_word(name, rules)
            and match.group() not in words
            # "사용하는" (using): a frequent noun and 하, a verb's stem.
            and not (name.endswith("하") and words.get(name[:2], _KOREAN_ALL_TOP) < _KOREAN_PREFIX_TOP)
        ):
            yield Detection(match.start("name"), match.end("name"), PERSON)


def _korean_listed(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """Names in a list before "등" ("진우성, 백승현, 하지윤 등 일당"), each a listed family name and
    two syllables that read as no word: all of them, or none."""
    if rules.korean_listed is None:
        return
    for match in rules.korean_listed.finditer(text):
        spans = [m.span() for m in _HANGUL_WORD_RE.finditer(text, *match.span("names"))]
        names = [text[a:b] for a, b in spans]
        if all(_korean_ok(n, rules) and not _korean_word(n) and not _korean_unlisted_word(n) for n in names):
            yield from (Detection(a, b, PERSON) for a, b in spans)


_HANGUL_WORD_RE = regex.compile(r"\p{Hangul}+")
# Two or more words of three syllables joined by the middle dot ("김민준·이서연 부부").
_KOREAN_DOTTED_RE = regex.compile(r"(?<!\p{Hangul})\p{Hangul}{3}(?:[·ㆍ]\p{Hangul}{3})+(?!\p{Hangul})")


def _korean_dotted(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """Full names joined by the middle dot, as the press writes a couple or a pair of suspects
    ("김민준·이서연 부부"): each a listed family name and given names' syllables, no word."""
    for match in _KOREAN_DOTTED_RE.finditer(text):
        spans = [m.span() for m in _HANGUL_WORD_RE.finditer(text, *match.span())]
        names = [text[a:b] for a, b in spans]
        if all(
            _korean_full_name(n, rules)
            and _korean_ok(n, rules)
            and not _korean_word(n)
            and n not in _korean_words_all()
            for n in names
        ):
            yield from (Detection(a, b, PERSON) for a, b in spans)


# A hangul run of three or four syllables alone between other scripts, marks or spaces.
_KOREAN_ISOLATED_RE = regex.compile(r"(?<![\p{Hangul}\w])\p{Hangul}{3,4}(?![\p{Hangul}\w])")


def _korean_isolated(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A word written as a full name, with no cue and no particle ("Customer 이서연 transferred",
    "From: 김민준 <…>", "name=박서준"): a listed family name (of one syllable or two) and two
    syllables of given names, where neither the word nor its first two syllables are frequent
    words ("정보원", informant)."""
    words = _korean_words_all()
    for match in _KOREAN_ISOLATED_RE.finditer(text):
        name = match.group()
        family = 2 if len(name) == _KOREAN_FULL_NAME + 1 else 1
        if (
            name[:family] in rules.korean_surnames
            and all(ch in rules.korean_given or ch in rules.korean_given_more for ch in name[family:])
            and name not in rules.korean_words
            and _korean_ok(name, rules)
            and not _korean_word(name)
            and not _korean_person_noun(name, rules)
            and not _word_and_particle(name, rules)
            and name not in words
            and words.get(name[:2], _KOREAN_ALL_TOP) >= _KOREAN_PREFIX_TOP
        ):
            yield Detection(match.start(), match.end(), PERSON)


def _word_and_particle(name: str, rules: ScriptNamePatterns) -> bool:
    """A word and a particle or ending ("명의의", "유심이", "이라고"): the stem before the particle
    is a word, or a single syllable."""
    words = _korean_words_all()
    return any(
        name.endswith(particle) and (len(name) - len(particle) < 2 or name[: -len(particle)] in words)
        for particle in rules.korean_particles
        if len(particle) < len(name)
    )


# A given name with the familiar "이" after a closing consonant, then a particle ("서연이가",
# "민준이랑", "장서현이는"): how family and friends speak of a person.
_KOREAN_FAMILIAR_RE = regex.compile(
    r"(?<!\p{Hangul})(?P<name>\p{Hangul}{2,3})이(?:가|는|를|랑|하고|한테|도|의|와|야|다|에게)(?!\p{Hangul})"
)


def _korean_familiar(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A given name (or a full name) whose last syllable closes on a consonant, with the familiar
    suffix "이" and a particle ("민준이가"): every given syllable listed, no frequent word."""
    for match in _KOREAN_FAMILIAR_RE.finditer(text):
        name = match.group("name")
        if (
            hangul_has_final(name[-1])
            and name not in rules.korean_words
            and _korean_ok(name, rules)
            and _korean_given_alone(name, rules)
        ):
            yield Detection(match.start("name"), match.end("name"), PERSON)


def _korean_unlisted_word(name: str) -> bool:
    """Three syllables with an unlisted family name that read as a word: any frequent Korean word
    ("대부분", "운전자"), or one starting with a frequent word of two syllables."""
    words = _korean_words_all()
    return _korean_word(name) or name in words or words.get(name[:2], _KOREAN_ALL_TOP) < _KOREAN_PREFIX_TOP


@cache
def _korean_words_all() -> dict[str, int]:
    from wordfreq import top_n_list

    return {w: rank for rank, w in enumerate(top_n_list("ko", _KOREAN_ALL_TOP, wordlist="small"))}


def _labelled(cued: str) -> bool:
    return ":" in cued or "：" in cued


def _korean_word(name: str) -> bool:
    """Three syllables that read as a word, not a name: a frequent Korean word ("사용자"), a plural
    ("가족들"), or a frequent word of two syllables and a particle ("정보가")."""
    words = _korean_words()
    return (
        name in words
        or name.endswith(("들", "다"))  # a plural; a verb ("이었다")
        or name[1:2] in _KOREAN_PAST  # "이었", "했": a verb's past tense
        or (
            name[2] in _KOREAN_PARTICLES and words.get(name[:2], _KOREAN_WORDS_TOP) < _KOREAN_TWO_SYLLABLE_TOP
        )
    )


@cache
def _korean_words() -> dict[str, int]:
    """Korean words (wordfreq, morphemes without particles) by rank."""
    from wordfreq import top_n_list

    return {w: rank for rank, w in enumerate(top_n_list("ko", _KOREAN_WORDS_TOP, wordlist="small"))}


def _chinese_surname(text: str, pos: int, rules: ScriptNamePatterns) -> int:
    """Length of the listed surname at pos (compound first), 0 if none."""
    if text[pos : pos + 2] in rules.chinese_surnames:
        return 2
    return 1 if text[pos : pos + 1] in rules.chinese_surnames else 0


# A foreign or minority name in characters, its parts joined by a middle dot ("阿依古丽·买买提",
# "约翰·史密斯"): Chinese writes transliterated names so.
_TRANSLITERATED_RE = regex.compile(r"\p{Han}{1,8}(?:[·•・‧]\p{Han}{1,8})+")


def _chinese(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    if _HAN_RE.search(text) is None:
        return
    for cue in rules.chinese_cue.finditer(text):
        start = cue.end()
        foreign = _TRANSLITERATED_RE.match(text, start)
        if foreign is not None:
            yield Detection(start, _transliterated_end(text, foreign, rules), PERSON)
            continue
        end = start + _chinese_surname(text, start, rules)
        if end == start:
            rare = _rare_cued_name(text, start, rules)
            if rare:
                yield Detection(start, rare, PERSON)
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
        if (
            given
            and not _cued_word(text, start, end, rules)
            and not _function_word_first(text, start, end - given, rules)
        ):
            yield Detection(start, end, PERSON)
            yield from _chinese_listed(text, end, rules)
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
                # "向项目经理": a frequent word (项目, project) of no given names' characters
                # before the title, after a surname character or from one.
                and not (
                    (part[surname:] in _chinese_words() or part in _chinese_words())
                    and not all(ch in rules.chinese_given for ch in part[surname:])
                )
            ):
                yield Detection(start, end, PERSON)
                break


def _chinese_after_role(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A name right after a role word no cue list holds, known by its last character
    ("快递员刘建华", "保安员", "工程师", "前夫", "嫌犯"; `role_endings`): a listed family name and one
    or two characters, where no frequent word starts at the family name, ends at it or runs
    across the name's end, before a stop character, punctuation or a frequent word ("称", "及时")."""
    if rules.chinese_role_end is None:
        return
    words = _chinese_words()
    for role in rules.chinese_role_end.finditer(text):
        p = role.end()
        surname = _chinese_surname(text, p, rules)
        if (
            not surname
            or any(text[p : p + k] in words for k in (2, 3))
            or any(text[p - k : p + 1] in words for k in (1, 2))
        ):
            continue  # "成长于北京", "会员高度评价", "警方提醒": a word, not a family name
        end = _role_cued_name_end(text, p + surname, rules, words)
        if end:
            yield Detection(p, end, PERSON)


def _role_cued_name_end(text: str, start: int, rules: ScriptNamePatterns, words: frozenset[str]) -> int:
    """Where a given name of one or two characters starting at `start` ends, 0 if none: two
    characters of any kind, or one of the given names' characters, then a stop character, no
    Chinese character, or a frequent word; no frequent word across the end."""
    for given in (2, 1):
        end = start + given
        part = text[start:end]
        if (
            end > len(text)
            or _HAN_RUN_RE.fullmatch(part + "字") is None
            or _function_word_first(text, start - 1, start, rules)
            or any(ch in rules.chinese_stop for ch in part)
            or (given == 1 and part not in rules.chinese_given)
            or text[end - 1 : end + 1] in words
            or text[end - 1 : end + 2] in words
        ):
            continue
        if (
            end == len(text)
            or _HAN_RE.match(text[end]) is None
            or text[end] in rules.chinese_stop
            or any(text[end : end + k] in words for k in (2, 3, 4))
        ):
            return end
    return 0


# The most characters of a transliterated name's first part taken with no cue before it.
_DOTTED_FIRST_MAX = 4
_DOTTED_MIN = 2
_CHINESE_NUMERAL_RE = regex.compile(r"[一二三四五六七八九十零〇百千万亿第]")
_DOTTED_FIRST_RE = regex.compile(r"(?<![·•‧])\p{Han}{1,8}(?=[·•‧]\p{Han})")


def _chinese_dotted(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A foreign or minority name with no cue, its parts joined by a middle dot ("约翰·史密斯称",
    "美国军医约翰·史密斯"): Chinese writes only such names so. The first part starts where no
    frequent word runs across its start or begins it ("军医约翰": 军医), at most four characters
    back; the last part ends before a stop character."""
    words = _chinese_words()
    for first in _DOTTED_FIRST_RE.finditer(text):
        dot = first.end()
        whole = _TRANSLITERATED_RE.match(text, dot - 1)
        # "第一·二季度": numbers; "《安娜·卡列尼娜》": a book's title.
        if whole is None or _CHINESE_NUMERAL_RE.search(whole.group()) or text[: first.start()].endswith("《"):
            continue
        start = next(
            (
                dot - k
                for k in range(min(_DOTTED_FIRST_MAX, dot - first.start()), 1, -1)
                if (k == _DOTTED_MIN or text[dot - k : dot - k + 2] not in words)
                and (dot - k == first.start() or text[dot - k - 1 : dot - k + 1] not in words)
                and not any(ch in rules.chinese_stop for ch in text[dot - k : dot])
            ),
            None,
        )
        if start is not None:
            yield Detection(start, _transliterated_end(text, whole, rules), PERSON)


# Chinese lists names with the enumeration comma ("取款人刘洋、陈静、司马文杰三人").
_CHINESE_LIST_MARK = "、"
_CHINESE_LIST_MAX = 8


def _chinese_listed(text: str, end: int, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """The names listed after a cued one with "、": a listed surname and one or two characters of
    given names each, the cue naming them all."""
    for _ in range(_CHINESE_LIST_MAX):
        if text[end : end + 1] != _CHINESE_LIST_MARK:
            return
        start = end + 1
        end = start + _chinese_surname(text, start, rules)
        given = 0
        while (
            end > start
            and given < rules.chinese_given_max
            and end < len(text)
            and text[end] in rules.chinese_given
            and text[end] not in rules.chinese_stop
        ):
            end += 1
            given += 1
        if not given or _cued_word(text, start, end, rules):
            return
        yield Detection(start, end, PERSON)


_GIVEN_WORD_LENGTH = 2


def _function_word_first(text: str, start: int, given: int, rules: ScriptNamePatterns) -> bool:
    """A family name that is also a function word (a stop character: 于, 向) before two characters
    that are a frequent word, not both given names' ("民警于当日", on that day; "受害人邓立新"
    stays a name)."""
    part = text[given : given + _GIVEN_WORD_LENGTH]
    return (
        text[start] in rules.chinese_stop
        and len(part) == _GIVEN_WORD_LENGTH
        and part in _chinese_words()
        and not all(ch in rules.chinese_given for ch in part)
    )


def _cued_word(text: str, start: int, end: int, rules: ScriptNamePatterns) -> bool:
    """After a cue, a listed family name that begins a frequent word, with another frequent word
    across the name's end ("市民高度警惕": 高度 and 警惕, "嫌疑人白天冒充": 白天 and 冒充), is those
    words unless every character after the family name is a given name's."""
    words = _chinese_words()
    return (
        any(text[start : start + k] in words for k in (2, 3))
        and any(text[end - 1 : end + k] in words for k in (1, 2))
        and not all(ch in rules.chinese_given for ch in text[start + 1 : end])
    )


# A name the press changed, marked so in brackets after it ("小王（化名）", "佐藤（仮名）"): still the
# name a reader would know the person by.
_PSEUDONYM_RE = regex.compile(r"(?<=[\p{Han}々])[（(](?:化名|假名|仮名)[）)]")
_PSEUDONYM_MAX = 3


def _pseudonyms(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """The one to three characters before a pseudonym's mark, after a stop or boundary
    character or a cue ("受害人小王（化名）", "被骗的小李（化名）")."""
    cue_ends: set[int] | None = None
    for match in _PSEUDONYM_RE.finditer(text):
        if cue_ends is None:
            cue_ends = {cue.end() for cue in rules.chinese_cue.finditer(text)}
        end = match.start()
        if any(title.end() == end for title in rules.chinese_suffix.finditer(text, max(0, end - 4), end)):
            continue  # "张女士（化名）": the title's rule found the name
        start = end
        while (
            start > 0
            and end - start < _PSEUDONYM_MAX
            and start not in cue_ends
            and _HAN_RE.match(text[start - 1]) is not None
            and text[start - 1] not in rules.chinese_stop
            and text[start - 1] not in rules.chinese_boundary
        ):
            start -= 1
        if start < end:
            yield Detection(start, end, PERSON)


def _transliterated_end(text: str, match: regex.Match[str], rules: ScriptNamePatterns) -> int:
    """The name's last part ends before a stop character ("约翰·史密斯称", says)."""
    end = match.end()
    last = max(text.rfind(dot, match.start(), end) for dot in "·•・‧") + 1
    for i in range(last + 1, end):
        if text[i] in rules.chinese_stop:
            return i
    return end


def _rare_cued_name(text: str, start: int, rules: ScriptNamePatterns) -> int:
    """The end of a name after a cue whose family name is one of Faker's less frequent ones
    ("老人冉德福在"): one or two characters before a stop character, where no frequent word starts
    at the family name or the character after it ("受害人安装" installed, "老人和孩子" with
    children); 0 if none."""
    for surname in (2, 1):
        if text[start : start + surname] not in rules.chinese_rare_surnames:
            continue
        words = _chinese_words()
        end = start + surname
        while (
            end - start - surname < rules.chinese_given_max
            and end < len(text)
            and _HAN_RE.match(text[end]) is not None
            and text[end] not in rules.chinese_stop
        ):
            end += 1
        if end == start + surname or any(text[start : start + k] in words for k in (2, 3)):
            return 0
        # "老人和孩子": the given name is a very frequent word ("孩子", children); "海军" is a name.
        ranks = _chinese_word_ranks()
        if any(
            ranks.get(text[start + 1 : start + 1 + k], _CHINESE_GIVEN_WORD_TOP) < _CHINESE_GIVEN_WORD_TOP
            for k in (2, 3)
        ):
            return 0
        return end
    return 0


def _chinese_bare(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A Chinese name with no cue word ("诱导张美玲开通", "无业人员周俊杰将"): a listed surname and one
    or two characters of given names, where no frequent word runs across either end ("每周",
    "提高", "强调") and the name itself is no word ("王国", "黄金"). Two given characters, or one
    before a stop character, a frequent word or the end of the run. Chinese text only (kana says
    Japanese)."""
    if not rules.chinese_given or _KANA_RE.search(text) is not None:
        return
    words = _chinese_words()
    for run in _HAN_RUN_RE.finditer(text):
        begin, finish = run.span()
        p = begin
        while p < finish - 1:
            surname = _chinese_surname(text, p, rules)
            end = _bare_name_end(text, p, surname, begin, finish, rules, words) if surname else 0
            if not surname:
                end = _rare_bare_name_end(text, p, begin, finish, rules, words)
            if (
                surname
                and not end
                and text[p + surname : p + surname + 1] in rules.chinese_placeholders
                and text[p - 1 : p + 1] not in words  # "国王某处": the king
            ):
                # "李某某报警": the press writes a person as the family name and "某" (a certain).
                end = p + surname + 1
                end += text[end : end + 1] in rules.chinese_placeholders
            if end:
                yield Detection(p, end, PERSON)
                p = end
            else:
                p += 1


def _rare_bare_name_end(
    text: str, p: int, begin: int, finish: int, rules: ScriptNamePatterns, words: frozenset[str]
) -> int:
    """A name with one of Faker's less frequent family names ("滕子轩称") and no cue, held to more
    than a listed one: at a clause's start or after a boundary character, two given-name
    characters, then a stop character or a frequent word; no frequent word starts at the family
    name or the given name, or runs across the name's end. 0 if none."""
    if text[p] not in rules.chinese_rare_surnames or not (
        p == begin or text[p - 1] in rules.chinese_boundary
    ):
        return 0
    end = p + 1 + _RARE_GIVEN
    if end >= finish or not all(ch in rules.chinese_given for ch in text[p + 1 : end]):
        return 0
    if any(text[q : q + k] in words for q in (p, p + 1) for k in (2, 3)) or any(
        text[end - k : end + 1] in words for k in (1, 2)
    ):
        return 0
    if text[end] in rules.chinese_stop or any(text[end : end + k] in words for k in (2, 3, 4)):
        return end
    return 0


# The given name's length after a less frequent family name with no cue.
_RARE_GIVEN = 2


def _bare_name_end(
    text: str, p: int, surname: int, begin: int, finish: int, rules: ScriptNamePatterns, words: frozenset[str]
) -> int:
    """Where the name starting at p with a surname of `surname` characters ends; 0 if none does."""
    if p > begin and (
        text[p - 1 : p + 1] in words
        or text[p - 1 : p + 2] in words
        or not (text[p - 1] in rules.chinese_boundary or any(text[p - k : p] in words for k in (2, 3, 4)))
    ):
        return 0
    for given in (2, 1):
        end = p + surname + given
        part = text[p + surname : end]
        if end > finish or not all(ch in rules.chinese_given for ch in part):
            continue
        # "王国", "黄金", "文明": a word, not a name. (With two given characters a word across the
        # name's end already says so: "王国|平安"; "王建国" is a name though "王建" is frequent.)
        if given == 1 and text[p:end] in words:
            return 0
        if end < finish and (
            (
                (text[end - 1 : end + 1] in words or text[end - 1 : end + 2] in words)
                and not (given == 2 and _word_after_wins(text, end))
            )
            or (
                given == 1
                and text[end] not in rules.chinese_stop
                and not any(text[end : end + k] in words for k in (2, 3, 4))
            )
        ):
            continue
        return end
    return 0


def _word_after_wins(text: str, end: int) -> bool:
    """A word across a name's end ("中介" in "董建中介绍") is weaker than the word after the name
    ("介绍", introduce): the more frequent one is read."""
    ranks = _chinese_ranks()
    after = min(ranks.get(text[end : end + k], _CHINESE_WORDS_TOP) for k in (2, 3))
    across = min(ranks.get(text[end - 1 : end + k], _CHINESE_WORDS_TOP) for k in (1, 2))
    return after < across


@cache
def _chinese_ranks() -> dict[str, int]:
    from wordfreq import top_n_list

    return {w: rank for rank, w in enumerate(top_n_list("zh", _CHINESE_WORDS_TOP, wordlist="small"))}


def _japanese(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    kana = _KANA_RE.search(text) is not None
    for found in _japanese_rules(text, rules):
        yield found
        if kana:
            yield from _japanese_listed(text, found.end, rules)


# Japanese lists names with "と" (and), "、" or "及び", an age in brackets perhaps after each one
# ("高橋健太（32）と中村翔は").
# Any short aside in brackets may follow a name: an age, a date of birth ("（2001年5月3日生まれ）").
_JAPANESE_LIST_RE = regex.compile(r"(?:[（(][^（）()\n]{1,24}[）)])?(?:と|、|及び|および)")
_JAPANESE_LIST_MAX = 6


def _japanese_listed(text: str, end: int, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """The names listed after a found one: a listed family name and a given name of up to three
    kanji or of kana, ended by a particle, a bracket or punctuation."""
    for _ in range(_JAPANESE_LIST_MAX):
        mark = _JAPANESE_LIST_RE.match(text, end)
        if mark is None:
            return
        found = next(_japanese_after(text, mark.end(), rules), None)
        if found is None or not _japanese_listed_family(text[found.start : found.end], rules):
            return
        yield found
        end = found.end


def _japanese_kana_called(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A child or a friend called by the given name in hiragana and "君", "くん" or "ちゃん"
    ("たかし君", "ゆいちゃん"): not a kin word after the honorific prefix "お" ("おばあちゃん"),
    nor a frequent word, alone or with the honorific ("みなさん", "ねえ")."""
    if rules.japanese_kana_called is None:
        return
    words = _japanese_words()
    for match in rules.japanese_kana_called.finditer(text):
        name = match.group("name")
        if (
            name.startswith(_KANA_HONORIFIC_PREFIX)
            or name in rules.japanese_kana_not
            or words.get(name, _JAPANESE_WORDS_TOP) < _KANA_GIVEN_WORD_TOP
            or (name + match.group("suffix")) in words
        ):
            continue
        yield Detection(match.start("name"), match.end("name"), PERSON)


_KANA_HONORIFIC_PREFIX = "お"
# A given name in kana may be a word too ("さくら", "ひかり"), but not one of the most frequent.
_KANA_GIVEN_WORD_TOP = 1_000


def _japanese_listed_family(name: str, rules: ScriptNamePatterns) -> bool:
    """A family name of two or three listed kanji and a given name (not a family name alone:
    "山田と東京" may be a word)."""
    surnames = rules.japanese_surnames | _japanese_library_surnames()
    return any(name[:k] in surnames and len(name.strip(" 　")) > k for k in (3, 2))


def _japanese_rules(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    kana = _KANA_RE.search(text) is not None
    for match in rules.japanese.finditer(text):
        name = match.group("name")
        if (
            len(name.replace(" ", "").replace("　", "")) < 2
            or any(name.endswith(word) for word in rules.japanese_not)
            or (not kana and match.group("suffix") in rules.japanese_kana_suffixes)
        ):
            continue
        start = match.start("name")
        # "被害者 田中ゆかり様": a role set off by a space before the name is no part of it.
        first, space, _ = name.replace("　", " ").partition(" ")
        if space and rules.japanese_cues is not None and rules.japanese_cues.fullmatch(first):
            start += len(first) + 1
        yield Detection(start, match.end("name"), PERSON)
    if not kana:
        return  # Chinese: ranks, ages and roles have their own rules there
    yield from _japanese_kana_called(text, rules)
    if rules.japanese_titles_after is not None:
        for match in rules.japanese_titles_after.finditer(text):
            yield from _japanese_before_title(text, match.start(), rules)
    titles = rules.japanese_titles_after
    for match in _AGE_IN_BRACKETS_RE.finditer(text):
        before = text[max(0, match.start() - _TITLE_WINDOW) : match.start()]
        # "山口 大地 容疑者（28）": the name is before the title, found there.
        if titles is None or not any(before.endswith(title.group()) for title in titles.finditer(before)):
            yield from _japanese_before(text, match.start(), rules)
    if rules.japanese_cues is not None:
        for match in rules.japanese_cues.finditer(text):
            yield from _japanese_after(text, match.end(), rules, match.group() in rules.japanese_kin)
    if rules.japanese_claimed is not None:
        # "警察官の松尾と名乗る男": the name a caller gives, with no quotes.
        for match in rules.japanese_claimed.finditer(text):
            if match.start() > 0 and text[match.start() - 1] not in _QUOTE_CLOSERS:
                # Kanji or a foreign name with "・" only: a word in katakana before it is a
                # firm's or a service's ("投資セミナーを名乗り").
                yield from (
                    found
                    for found in _japanese_before(text, match.start(), rules)
                    if _HAN_ONLY_RE.fullmatch(text, found.start, found.end)
                    or "・" in text[found.start : found.end]
                )
    yield from _japanese_subject(text, rules)
    yield from _japanese_possessors(text, rules)
    yield from _japanese_spaced(text, rules)
    if "・" in text or "＝" in text:
        yield from _katakana_subject(text, rules)


# A family name and a given name a space apart ("山本 翔太（…）", "長谷川 蓮から"): the press and the
# police so write a full name; Japanese puts no space between other words. A given name in
# hiragana runs on into the particle after it ("さくらから"): it is cut where a name may end.
_SPACED_NAME_RE = regex.compile(
    r"(?<![\p{Han}々\p{Katakana}ー])(?P<family>[\p{Han}々]{1,3})[ 　]"
    r"(?:(?P<given>[\p{Han}々]{1,3}|\p{Katakana}[\p{Katakana}ー]{1,5})(?![\p{Han}々\p{Katakana}ー])"
    r"|(?P<hiragana>\p{Hiragana}{2,8}))"
)
_HIRAGANA_GIVEN_MIN = 2
_HIRAGANA_GIVEN_MAX = 4


def _japanese_spaced(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A listed family name, a space and a given name of one to three kanji or of kana, ended by
    a particle, a bracket or punctuation: a name when the given part is no frequent word or role
    ("山田 社長は"). A given name in hiragana is often a word too ("さくら"): after a family name
    and a space it is the name."""
    surnames = rules.japanese_surnames | _japanese_library_surnames()
    words = _japanese_words()
    ends = tuple(rules.japanese_name_ends)
    # Overlapped: a role a space before the name ("相談者 松井 美咲") would take the family name
    # as its given part.
    for match in _SPACED_NAME_RE.finditer(text, overlapped=True):
        if match.group("family") not in surnames:
            continue
        if match.group("hiragana") is not None:
            begin = match.start("hiragana")
            end = next(
                (
                    begin + k
                    for k in range(_HIRAGANA_GIVEN_MAX, _HIRAGANA_GIVEN_MIN - 1, -1)
                    if k <= len(match.group("hiragana")) and _name_ends_at(text, begin + k, ends)
                ),
                0,
            )
            if end:
                yield Detection(match.start(), end, PERSON)
            continue
        given = match.group("given")
        if (
            _name_ends_at(text, match.end(), ends)
            and words.get(given, _JAPANESE_WORDS_TOP) >= _JAPANESE_COMMON_TOP
            and not given.endswith(rules.japanese_role_endings)
            and not any(given.endswith(word) for word in rules.japanese_not)
        ):
            yield Detection(match.start(), match.end(), PERSON)


def _name_ends_at(text: str, end: int, ends: tuple[str, ...]) -> bool:
    return end == len(text) or text[end] in " 　\n" or text.startswith(ends, end)


# A kanji run that starts a sentence or clause and is its subject or topic ("高橋智也は…").
_SUBJECT_RUN_RE = regex.compile(r"(?:(?<=[。！？\n「『（(、：:])|^)(?P<run>[\p{Han}々]{3,6})(?=[はがも、])")


def _japanese_subject(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A listed family name of two or more kanji and a given name of one to three kanji starting
    a sentence or clause before a topic or subject particle, with no honorific or role: a name
    when the run is no frequent word and its given part no common word or role ("田中社長は")."""
    words = _japanese_words()
    surnames = rules.japanese_surnames | _japanese_library_surnames()
    for match in _SUBJECT_RUN_RE.finditer(text):
        run = match.group("run")
        family = next((k for k in (3, 2) if run[:k] in surnames), 0)
        given = run[family:]
        if (
            family
            and 1 <= len(given) <= _JAPANESE_GIVEN_MAX
            and run not in words
            # A given name in hiragana is often a word too ("さくら"); after a family name and a
            # space it is the name.
            and (
                _HIRAGANA_RE.match(given) is not None
                or words.get(given, _JAPANESE_WORDS_TOP) >= _JAPANESE_COMMON_TOP
            )
            and not run.endswith(rules.japanese_role_endings)
        ):
            yield Detection(match.start("run"), match.end("run"), PERSON)


# A foreigner's name in katakana, its parts apart by "・" or "＝" ("ジョン・スミス"), before a
# topic, subject or comitative particle or an honorific; not after more katakana.
_KATAKANA_SUBJECT_RE = regex.compile(
    r"(?<![\p{Katakana}ー・＝])(?P<run>\p{Katakana}[\p{Katakana}ー]{1,7}(?:[・＝]\p{Katakana}[\p{Katakana}ー]{1,7}){1,3})"
    r"(?=は|が|と|も|さん|氏|様)"
)


_KATAKANA_LOANWORD_TOP = 1_000


def _katakana_subject(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A foreigner's name written in katakana parts as the subject of a clause, with no cue
    ("ジョン・スミスは…", "グエン・ティ・ランが…"): Japanese writes a foreign person's name so; a
    place so written ("サンクト・ペテルブルク") is a place name, and a firm's has a firm's word
    among its parts ("…・ジャパン"): both kept."""
    from shared.anonymization.scripts import load_places

    places = load_places()
    for match in _KATAKANA_SUBJECT_RE.finditer(text):
        run = match.group("run")
        parts = regex.split(r"[・＝]", run)
        if (
            run not in places
            and "".join(parts) not in places
            and not any(part in rules.katakana_firm_words for part in parts)
            # Japanese writes compound loanwords so too ("フィッシング・メール"): a part among
            # the most frequent words is no name's (the commonest given names rank lower).
            and not any(
                _japanese_words().get(part, _JAPANESE_WORDS_TOP) < _KATAKANA_LOANWORD_TOP for part in parts
            )
        ):
            yield Detection(match.start("run"), match.end("run"), PERSON)


@cache
def _japanese_possessors(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A family name, perhaps with a given name, before "の" and a relative or a colleague
    ("田中の妻", "小林の部下"): a listed family name of two or three kanji starts the run, at most
    three kanji follow it, and the run ends in no role's character ("同社の社長" is no name)."""
    if rules.japanese_possessor is None:
        return
    surnames = rules.japanese_surnames | _japanese_library_surnames()
    for match in rules.japanese_possessor.finditer(text):
        run = match.group("run")
        family = next((k for k in (3, 2) if run[:k] in surnames), 0)
        if (
            family
            and len(run) - family <= _JAPANESE_GIVEN_MAX
            and not run.endswith(rules.japanese_role_endings)
            and not (len(run) > family and run.endswith(rules.japanese_unlisted_endings))
        ):
            yield Detection(match.start("run"), match.end("run"), PERSON)


def _japanese_library_surnames() -> frozenset[str]:
    """Faker's Japanese family names of two or more kanji ("高橋", "長谷川")."""
    return frozenset(
        name
        for name in _faker_entries(("ja_JP",), _LIBRARY_SURNAMES)
        if len(name) >= 2 and _HAN_ONLY_RE.fullmatch(name)
    )


_HAN_ONLY_RE = regex.compile(r"[\p{Han}々]+")


# A person's age in brackets after a name: "斉藤蓮（17）", "王某（男，35岁）" is Chinese's own rule.
# A name in quotes before "と名乗る" is the quoted rule's (_quoted).
_QUOTE_CLOSERS = frozenset("」』”’\"'")
_AGE_IN_BRACKETS_RE = regex.compile(r"[（(]\d{1,3}(?:歳)?[）)]")
# After a role: a family name in kanji, then a given name in kanji or kana, perhaps a space apart.
_AFTER_CUE_NAME_RE = regex.compile(
    r"(?P<family>[\p{Han}々]{1,5})(?:[ 　]?(?:(?P<hiragana>\p{Hiragana}{2,4})(?!\p{Hiragana})"
    r"|(?P<katakana>\p{Katakana}[\p{Katakana}ー]{1,5}(?:子(?=[ 　]|\P{Han}))?))|[ 　][\p{Han}々]{1,3})?"
)
# A foreign name in katakana, its parts joined by "・" or "=" ("グエン・ティ・ラン").
_KATAKANA_NAME_RE = regex.compile(r"\p{Katakana}[\p{Katakana}ー]*(?:[・=＝][\p{Katakana}ー]+)+")
# After a role, a foreign name in katakana may be spaced instead ("チャン ティ フォン"): two to
# four words of katakana, ended by no more katakana.
_KATAKANA_SPACED_RE = regex.compile(
    r"\p{Katakana}[\p{Katakana}ー]*(?:[ 　]\p{Katakana}[\p{Katakana}ー]*){1,3}(?![\p{Katakana}ー])"
)
_LABEL_COLON_RE = regex.compile(r"[ \t　]*[:：][ \t　]*")
_HONORIFIC_STARTS = ("さ", "様", "ち", "く", "君", "氏", "（", "(")
_HAN_RUN_END_RE = regex.compile(r"[\p{Han}々]{1,12}\Z")
_KATAKANA_NAME_END_RE = regex.compile(
    r"(?<![\p{Katakana}ー・])\p{Katakana}[\p{Katakana}ー]*(?:・[\p{Katakana}ー]+)+\Z"
)
# A family name in kanji and a given name in kana: "前島みゆ", "有村 しずか", "儀間アカネ" (a role
# may be written onto it: "少年前島みゆ").
_KANA_GIVEN = r"[\p{Han}々]{1,3}[ 　]?(?:\p{Hiragana}{2,4}|\p{Katakana}[\p{Katakana}ー]{1,5})"
_KANA_GIVEN_END_RE = regex.compile(rf"(?<![\p{{Han}}々\p{{Katakana}}ー])[\p{{Han}}々]{{0,3}}{_KANA_GIVEN}\Z")
_KANA_GIVEN_RE = regex.compile(_KANA_GIVEN)
# The longest kanji run taken for a name no list knows, and the frequent words it must not be.
_JAPANESE_RUN_MAX = 5
_JAPANESE_WORDS_TOP = 10_000
_JAPANESE_COMMON_TOP = 3_000
_FAMILY_BEFORE_SPACE_RE = regex.compile(r"(?<![\p{Han}々])([\p{Han}々]{1,3})[ 　]\Z")
# The most kanji a Japanese given name is written with after the family name.
_JAPANESE_GIVEN_MAX = 3


def _japanese_before(text: str, end: int, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """The name right before a role or an age ("木村拓也巡査部長", "斉藤蓮（17）"): a kanji run that
    holds a listed family name with at most three kanji after it; a short kanji run of its own
    that is no frequent word ("大曽根与一容疑者"); a family name and a given name a space apart
    ("江戸川 幸也容疑者") or in kana ("前島みゆ（80）"); or a foreign name in katakana with "・"
    ("グエン・ヴァン・ナム容疑者")."""
    window = text[max(0, end - 24) : end]
    run = _HAN_RUN_END_RE.search(window)
    if run is not None:
        begin = end - len(run.group())
        cue = rules.japanese_cues.match(text, begin) if rules.japanese_cues is not None else None
        if cue is not None and cue.end() < end:
            # "少年嵐正義（55）": the role is written onto the name.
            begin = cue.end()
            run = _HAN_RUN_END_RE.search(text, begin, end)
            if run is None:
                return
        start = _japanese_name_start(text, begin, end, rules)
        bounded = cue is not None or begin == 0 or len(run.group()) < len(window)
        if (
            start is not None
            and bounded
            and 0 < start - begin <= 2
            and len(run.group()) <= _JAPANESE_RUN_MAX
            and text[begin:end] not in _japanese_words()
        ):
            start = begin  # "小原月子巡査長": a family name that holds a listed one ("原")
        if start is None and len(run.group()) <= _JAPANESE_GIVEN_MAX:
            # "佐藤 一郎容疑者": a family name, a space, the given name.
            family = _FAMILY_BEFORE_SPACE_RE.search(text, max(0, begin - 5), begin)
            if family is not None:
                start = family.start()
        if start is None and _unlisted_japanese_name(run.group(), bounded, rules):
            start = begin
        if start is not None:
            yield Detection(start, end, PERSON)
        return
    kana = _KANA_GIVEN_END_RE.search(window)
    if kana is not None and not any(kana.group().endswith(word) for word in rules.japanese_not):
        start = end - len(kana.group())
        cue = rules.japanese_cues.match(text, start) if rules.japanese_cues is not None else None
        if cue is not None and _KANA_GIVEN_RE.fullmatch(text, cue.end(), end) is not None:
            start = cue.end()  # "少年前島みゆ（80）"
        if _KANA_GIVEN_RE.fullmatch(text, start, end) is not None:
            yield Detection(start, end, PERSON)
            return
    foreign = _KATAKANA_NAME_END_RE.search(window)
    if foreign is not None:
        yield Detection(end - len(foreign.group()), end, PERSON)


def _japanese_before_title(text: str, end: int, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """The name before a rank or role (_japanese_before), also a space apart from it ("山口大地
    容疑者") and several joined by "・" before "両" (both: "田中・鈴木両容疑者"): each a listed
    family name, perhaps with its given name."""
    end = len(text[:end].rstrip(" 　"))
    if text[end - 1 : end] != _BOTH:
        yield from _japanese_before(text, end, rules)
        return
    end -= 1
    for _ in range(_JAPANESE_LIST_MAX):
        found = next(_japanese_before(text, end, rules), None)
        if found is None or text[found.start - 1 : found.start] != "・":
            if found is not None:
                yield found
            return
        yield found
        end = found.start - 1


# The characters before an age looked at for a title written right before it.
_TITLE_WINDOW = 8
# "両": both, written before a shared title after names joined by "・".
_BOTH = "両"


def _unlisted_japanese_name(run: str, bounded: bool, rules: ScriptNamePatterns) -> bool:
    """A kanji run of two to four characters, standing apart (`bounded`: a character that is no
    kanji before it), that is no frequent Japanese word ("同社", "本人"): a name no list has."""
    if (
        not bounded
        or not 2 <= len(run) <= _JAPANESE_RUN_MAX
        or run.endswith(rules.japanese_role_endings)
        or run.endswith(rules.japanese_unlisted_endings)
    ):
        return False
    words = _japanese_words()
    if words.get(run, _JAPANESE_WORDS_TOP) < _JAPANESE_WORDS_TOP:
        return False
    # "会社役員" (company officer), "東京都議会": two frequent words, no name.
    return not any(
        words.get(run[:k], _JAPANESE_WORDS_TOP) < _JAPANESE_COMMON_TOP
        and words.get(run[k:], _JAPANESE_WORDS_TOP) < _JAPANESE_COMMON_TOP
        for k in range(2, len(run) - 1)
    )


@cache
def _japanese_labelled(text: str, rules: ScriptNamePatterns) -> Iterator[Detection]:
    """A name written as Japanese forms write one, family and given name a space apart, after a
    cue or a label and a colon ("容疑者：小堀 隆", "差出人: 柴崎 亮"): the family name no frequent
    word."""
    if rules.japanese_labelled is None or _HAN_RE.search(text) is None:
        return
    for match in rules.japanese_labelled.finditer(text):
        family = match.group("family")
        if _japanese_words().get(family, _JAPANESE_WORDS_TOP) >= _JAPANESE_WORDS_TOP or any(
            family[:k] in rules.japanese_surnames for k in range(1, len(family) + 1)
        ):
            yield Detection(match.start("name"), match.end("name"), PERSON)


@cache
def _japanese_words() -> dict[str, int]:
    """Japanese words (wordfreq, MeCab tokens) by rank (built once: a few milliseconds each time)."""
    from wordfreq import top_n_list

    return {w: rank for rank, w in enumerate(top_n_list("ja", _JAPANESE_WORDS_TOP, wordlist="small"))}


def _japanese_name_start(text: str, begin: int, end: int, rules: ScriptNamePatterns) -> int | None:
    """The first place in text[begin:end] where a listed family name starts and the rest, at most
    three kanji, is the given name (a one-kanji family name needs a given name)."""
    surnames = rules.japanese_surnames
    for i in range(begin, end):
        for k in (3, 2, 1):
            rest = end - (i + k)
            if 0 <= rest <= _JAPANESE_GIVEN_MAX and (k > 1 or rest) and text[i : i + k] in surnames:
                return i
    return None


def _japanese_after(text: str, pos: int, rules: ScriptNamePatterns, kin: bool = False) -> Iterator[Detection]:
    """The name right after a role ("少年斉藤蓮", "元職員の藤田剛が", "元社員の藤本エリナが"), ended by
    a particle, a bracket or punctuation: a listed family name and at most three kanji or a
    given name in kana, or a short kanji run no list has that is no frequent word. After a
    relative (`kin`: "妻の", "長男、"), a given name alone of two kanji is one too: a family
    writes its own members by the given name."""
    # "元職員の藤田剛", and the topic: "名義人はグエン・ヴァン・ミン" (the holder is ...).
    # A relative and the name are also written with a middle dot ("妻・由美子", "長男・翔").
    linked = text[pos : pos + 1] in ("の", "は", "、") or (kin and text[pos : pos + 1] == "・")
    if linked:
        pos += 1
    else:
        link = next((word for word in rules.japanese_cue_links if text.startswith(word, pos)), "")
        pos += len(link)
    # The press sets a name off from its role with a comma or a space ("リーダー、村瀬拓海が",
    # "通報者 山田 太郎").
    pos += len(text[pos:]) - len(text[pos:].lstrip(" 　、"))
    # A form's label: "通報者：高橋あすか".
    label = _LABEL_COLON_RE.match(text, pos)
    if label is not None:
        pos = label.end()
    foreign = _KATAKANA_NAME_RE.match(text, pos) or _KATAKANA_SPACED_RE.match(text, pos)
    if foreign is not None:
        yield Detection(pos, foreign.end(), PERSON)
        return
    match = _AFTER_CUE_NAME_RE.match(text, pos)
    if match is None:
        return
    ends = {match.end(), match.end("family"), _hiragana_before_particle(match, rules)}
    for end in sorted(ends, reverse=True):
        if end < len(text) and text[end] not in rules.japanese_name_ends:
            continue
        if (
            end == match.end()
            and match.group("hiragana") is not None
            and text[end : end + 1] not in _HONORIFIC_STARTS
            and match.group("family") not in rules.japanese_surnames | _japanese_library_surnames()
        ):
            continue  # "松井大樹によると": a full name and a particle, read up to the particle
        name = text[pos:end]
        if name.endswith(rules.japanese_role_endings):
            return
        family = match.group("family")
        listed = any(family[:k] in rules.japanese_surnames for k in (3, 2)) or (
            family[:1] in rules.japanese_surnames and len(name) > 1
        )
        # A given name in hiragana only before an honorific or a bracket: "説明では" is a
        # word and particles.
        kana = end == match.end() and (
            match.group("katakana") is not None
            or (match.group("hiragana") is not None and text[end : end + 1] in _HONORIFIC_STARTS)
        )
        # "少年の家", "職員に": a kanji word before "の" or "に" is no name unless listed.
        unlisted = (
            # "名義は法人口座だった": a kanji word before a copula is no name unless listed, or
            # a relative's given name ("息子の隆之だ").
            text[end : end + 1] not in ("の", "に")
            and ((kin and linked) or text[end : end + 1] not in ("で", "だ"))
            and len(name) >= (_KIN_GIVEN_MIN if kin and linked else _UNLISTED_AFTER_CUE_MIN)
            and _HAN_ONLY_RE.fullmatch(name) is not None  # "名義の口座だった": a word and its ending
            and _unlisted_japanese_name(name, True, rules)
        )
        # "三分一 千秋が": a family name and a given name a space apart.
        spaced = end == match.end() and (" " in name or "　" in name)
        if listed or kana or unlisted or spaced:
            yield Detection(pos, end, PERSON)
        return


# Honorifics written in kana after a name: they begin no given name.
_KANA_HONORIFICS = ("さん", "さま", "ちゃん", "くん")


def _hiragana_before_particle(match: regex.Match[str], rules: ScriptNamePatterns) -> int:
    """The end of a given name in hiragana that a particle follows unspaced ("加藤さくらが"): the
    run read up to its last character, when that is a particle and the rest begins with none
    (else the family name's end)."""
    hiragana = match.group("hiragana")
    if hiragana is None or len(hiragana) < 3 or hiragana[-1] not in rules.japanese_name_ends:
        return match.end("family")
    given = hiragana[:-1]
    particles = tuple(rules.japanese_name_ends.difference(_HONORIFIC_STARTS))
    if given.startswith(particles) or given.startswith(_KANA_HONORIFICS):
        return match.end("family")
    return match.end() - 1


# A kanji run no list has after a role is a name from three characters on; after a relative and
# "の" or "、", a given name alone from two ("妻の恵子が").
_UNLISTED_AFTER_CUE_MIN = 3
_KIN_GIVEN_MIN = 2


# Names inside texts written in other scripts (script_names.yaml, "in_script"): one rule for every
# script, a section of words per language. A spaced script (Hebrew, Bengali, Tamil, Armenian, ...)
# names a person in the words after a title or a cue ("המתלוננת ...", "শ্রীমতী ..."), before a
# title written after the name ("... அவர்கள்"), or in a word beside a listed surname, a surname
# ending ("-յան", "-შვილი") or after a listed given name; the words stop at a stop word, a
# punctuation mark, a place name or `max_words`. An unspaced script (Thai, Khmer, Lao, Myanmar)
# writes a title and the name as one run ("นายสมชาย ใจดี"): the run after the title, then the
# next run after a space (the surname) unless it begins with a stop word.
# Khmer writes its colon "៖", Ethiopic its "፦".
_AFTER_TITLE = r"[ \t]*[:：,،՝\-–—៖፦]?[ \t]*"
# A cue and a name with a colon or comma between ("המתלוננת, ..."); without one, the words after a
# cue are as often a verb or an object ("החשוד ביקש להתקין ..."): see _Spaced.name_after_cue.
_PUNCTUATION_RE = regex.compile(r"[:：,،՝\-–—៖፦]")
# Words remembered per language (classify) before the memory starts over.
_MEMO_MAX = 50_000
# A foreign run of fewer words is a phrase only if every word is a function word.
_MIN_PHRASE_WORDS = 3
_NUMBER_NEXT_RE = re.compile(r"[ \t]*\d")
_NUMBER_BEFORE_RE = re.compile(r"\d[ \t]*\Z")
_AGE_GAP = 4  # the most spaces between an age and its word
# Words of one name stand on one line, a space apart.
_JOINED_RE = regex.compile(r"[ \t\u00a0]+")
# Words of a name before an age or a birth date that need no list (a given name and a surname).
_UNLISTED_WORDS = 2
# An initial ("ரா.", "आर.", "S."): a syllable of at most this many characters and a full stop.
_INITIAL_MAX = 3
# A name word shorter than this is too often a word or a syllable of one to be looked for again.
_INFLECTED_PART_MIN = 2
_INITIAL_GAP_RE = regex.compile(r"\.[ \t\u00a0]*")
# Place names (lowercased) that are never names, asked for only when a name is found.
Places = Callable[[], Container[str]] | None


@dataclass(frozen=True, slots=True)
class InScriptLanguage:
    name: str
    script: str
    letter: re.Pattern[str]  # a letter of the script
    words: re.Pattern[str]
    before: re.Pattern[str] | None  # a title (group "title") or a cue (group "cue"), at a word start
    after: frozenset[str]  # titles written after a name
    appositions: frozenset[str]  # words a name follows after a comma
    unspaced: bool
    cased: bool
    stop: frozenset[str]
    markers: frozenset[str]  # titles and cues: never part of a name
    titles: frozenset[str]
    prefixes: tuple[str, ...]  # letters written onto a word ("ו", "ל" in Hebrew)
    endings: tuple[str, ...]  # case endings written onto a name ("-কে", "-ის")
    restore: str  # what a case ending replaced at the end of the stem (Tamil "்")
    oblique_endings: tuple[str, ...]  # a word so ending right after a cue starts no name
    stop_endings: tuple[str, ...]  # particles written at the end of a phrase (unspaced scripts)
    surnames: frozenset[str]
    given: frozenset[str]
    surname_endings: tuple[str, ...]
    surname_starts: tuple[str, ...]
    not_names: re.Pattern[str] | None  # words that begin with a title but are none
    ages: re.Pattern[str] | None  # a person's age after a comma ("…, בן 52", "…، ۴۵ ساله")
    age_words: frozenset[str]
    max_words: int
    # Words joining the parts of a name that are function words elsewhere ("אל", "אבו").
    particles: frozenset[str] = frozenset()
    # Words written right after a name in a language that marks case after the noun ("को", "ने"):
    # an unlisted third word before one is still the name's ("दीपक कुमार साहू की").
    postpositions: frozenset[str] = frozenset()
    # Nouns written after a person's name in the genitive ("கவிதாவின் கணவர்", Kavitha's husband;
    # "মৌমিতার ফোন", Moumita's phone): a listed name with a case ending before one is the name.
    possessed: frozenset[str] = frozenset()
    # "and" between two names, as a word ("और", "மற்றும்") or a letter written onto the second
    # name ("ו"): the two words after it, before a boundary, are a name too.
    coordinators: frozenset[str] = frozenset()
    coordinator_prefixes: tuple[str, ...] = ()
    # The father's given name is written as the family name ("ஜெயந்தி கோபால்").
    patronymic: bool = False
    # Titles that are part of the name itself ("মোঃ", Md.): masked with it.
    name_titles: frozenset[str] = frozenset()
    # "Alias" between a name and a nickname ("... उर्फ़ ..."): the nickname is masked with the name.
    aliases: frozenset[str] = frozenset()
    # Unspaced scripts: a title written onto the words before it ("จับกุมนายอนุชา", arrested Mr
    # Anucha), and the words of a corpus that tell such a title from the inside of a word
    # ("ขอบคุณ", thank you, holds "คุณ").
    glued: re.Pattern[str] | None = None
    vocabulary: frozenset[str] = frozenset()
    # Letters only this language of its script writes (Persian "گ", "ی"): a text without one is
    # another language's (Arabic), whose names its own rules find.
    marks: re.Pattern[str] | None = None
    # Letters this language never writes and another of its script does (Urdu "ٹ", "ے" in an
    # Arabic-script text): such a text is the other language's, whose rules read its names.
    other_marks: re.Pattern[str] | None = None
    # Word endings that look like a surname's but make a common noun (Armenian "-ության", of
    # "-ness": "Ոստիկանության", of the police, ends in "-յան").
    not_surname_endings: tuple[str, ...] = ()
    # Endings that make a family name of a given name (Persian "-ی": "کاظمی" of "کاظم"; "-یی" after
    # a vowel: "رضایی" of "رضا"): such a word is a surname beside another name word, not alone
    # (the same form is an adjective too: "حسینی", of Hussein).
    given_surname_endings: tuple[str, ...] = ()
    # Verbs written after a noun that is part of the verb ("فریب خورد", was deceived): the word
    # before one is no third word of a name.
    light_verbs: frozenset[str] = frozenset()
    # The language writes initials before a name ("ரா. கண்ணன்", "आर. के. शर्मा").
    initials: bool = False
    # Initials written as the letter's name (Sinhala "ඩබ්ලිව්.", W.; "එම්.", M.): longer than a
    # syllable, an initial all the same before a full stop.
    initial_words: frozenset[str] = frozenset()
    # The family name is written before the given name (Khmer).
    family_first: bool = False
    # Unspaced scripts: the cues, as found inside a run of words.
    run_cues: re.Pattern[str] | None = None
    # Unspaced scripts: a title written onto the name ("นายโกวิท", "ဦးသန်းထွန်း") is masked with it:
    # it is the name's first part as people write it, and tells the person's sex and standing.
    title_in_name: bool = False
    # Names are one run with no family name (Burmese "ဦးသန်းထွန်း"): the run after a title ends it.
    single_run: bool = False
    # What may follow a title written onto a name: a letter that starts a syllable (a Burmese
    # consonant with no "killer" mark after it, "ကိုယ်" being "self", not "Ko ...").
    name_start: re.Pattern[str] | None = None
    # Titles that are also other words (Burmese "မ", Ma, is also "not"; "ကို", Ko, the object's
    # particle): a name only written onto the title, its run standing as a noun, before a
    # punctuation mark or a postposition written apart.
    weak_titles: frozenset[str] = frozenset()
    # Unspaced scripts: endings of a verb's or a noun phrase's run that no name has (Burmese "သော",
    # the relative "that ...": "ပေးပို့သော", that sent): such a run after a cue is the clause's.
    phrase_endings: tuple[str, ...] = ()
    # The definite article written onto a word (Hebrew "ה"): after a cue that has it ("החשוד",
    # the suspect) an adjective takes it too ("האמיתי", the real one), a name does not.
    article: str = ""
    # Whether a cue followed by one of the language's frequent words that no list has is followed
    # by its complement, not a name (`complement_after_cue`): so in Persian ("شاهد ماجرا", witness
    # of the incident); not where given names are often words the lists lack (Tamil, Hebrew).
    complement_after_cue: bool = False
    # The language's frequent words (wordfreq): such a word is a name only as written, never
    # once a prefix letter is taken off ("מוכרים", sellers, is no "ו" + "כרים", Karim).
    frequent: frozenset[str] = frozenset()
    # The language's frequent words, folded (wordfreq, `frequent_language`): one that no list has
    # as a name continues no name after its family name ("آقای ابراهیمی فایل را ...": the file).
    common: frozenset[str] = frozenset()
    # Nouns of a place named after a person (a street, square, hospital, university, airport),
    # written as word starts (case endings follow): before the person's name in a language that
    # writes the noun first ("כיכר ...", "אוניברסיטת ..."), after it in one that writes it last
    # ("... মেডিকেল কলেজ", "... சாலையில்"), perhaps after adjectives ("international"): the
    # name is the place's, kept as a landmark.
    # A letter's salutation ("שלום ...,", "प्रिय ...,") with the name alone on its line after it, and
    # its closing ("בברכה,", "धन्यवाद,") with the name alone on the next line: the signature.
    salutation: re.Pattern[str] | None = None
    closing: re.Pattern[str] | None = None
    landmarks_before: frozenset[str] = frozenset()
    landmarks_after: tuple[str, ...] = ()
    landmark_adjectives: tuple[str, ...] = ()
    # Letter variants one name is written with (Arabic "ي" and Persian "ی", "ख़" and "ख"): a word
    # is looked up decomposed (NFD) and so translated too; the name lists hold both spellings.
    fold: dict[int, str | None] = field(default_factory=dict, compare=False, hash=False, repr=False)
    memo: dict[str, tuple[bool, bool, bool, bool]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    def forms(self, word: str) -> Iterator[str]:
        """The word, then without a prefix letter or two, each also without a case ending; then
        the same of its folded spelling."""
        yield from self._forms(word)
        if self.fold:
            folded = fold_letters(word, self.fold)
            if folded != word:
                yield from self._forms(folded)

    def _forms(self, word: str) -> Iterator[str]:
        stems = [word]
        for _ in range(2):
            if len(stems[-1]) > 2 and stems[-1].startswith(self.prefixes):
                stems.append(stems[-1][1:])
        for stem in stems:
            yield stem
            for ending in self.endings:
                if stem.endswith(ending) and len(stem) > len(ending) + 1:
                    yield stem[: -len(ending)]
                    if self.restore:
                        yield stem[: -len(ending)] + self.restore

    def classify(self, word: str) -> tuple[bool, bool, bool, bool]:
        """(a listed given name, a surname, a stop word or marker, a title written after a name),
        remembered per word: a text asks about each of its words several times."""
        known = self.memo.get(word)
        if known is None:
            bare = _without_joiners(word)  # the lists have none (_words)
            known = (
                self._is_given(bare),
                self._is_surname(bare),
                self._is_stop(bare),
                any(form in self.after for form in self.forms(bare)),
            )
            if len(self.memo) >= _MEMO_MAX:
                self.memo.clear()
            self.memo[word] = known
        return known

    def is_given(self, word: str) -> bool:
        return self.classify(word)[0]

    def is_surname(self, word: str) -> bool:
        return self.classify(word)[1]

    def is_stop(self, word: str) -> bool:
        return self.classify(word)[2]

    def common_word(self, word: str) -> bool:
        """One of the language's frequent words that no list has as a given name or surname."""
        if not self.common:
            return False
        bare = _without_joiners(word)
        folded = fold_letters(bare, self.fold) if self.fold else bare
        return (bare in self.common or folded in self.common) and not any(self.classify(word)[:2])

    def _is_surname(self, word: str) -> bool:
        return any(
            form in self.surnames or self.distinctive(form) or self._of_given(form)
            for form in self._name_forms(word)
        )

    def of_given_only(self, word: str) -> bool:
        """The word is a surname only as a given name and an ending (_of_given)."""
        if not self.given_surname_endings:
            return False
        forms = list(self._name_forms(word))
        return any(self._of_given(form) for form in forms) and not any(
            form in self.surnames or self.distinctive(form) for form in forms
        )

    def _of_given(self, form: str) -> bool:
        """A family name made of a listed given name and an ending ("کاظمی" of "کاظم")."""
        return any(
            form.endswith(end) and form[: -len(end)] in self.given for end in self.given_surname_endings
        )

    def _name_forms(self, word: str) -> Iterable[str]:
        """The forms a name may take in the word: the word alone if it is a frequent word."""
        return (word,) if word in self.frequent else self.forms(word)

    def distinctive(self, form: str) -> bool:
        """A surname by its shape alone ("Պետրոսյան", "ბერიძე", "בן-דוד")."""
        if self.not_surname_endings and form.endswith(self.not_surname_endings):
            return False
        if (
            self.surname_endings
            and form.endswith(self.surname_endings)
            and any(form.endswith(end) and len(form) > len(end) + 1 for end in self.surname_endings)
        ):
            return True
        if self.surname_starts and form.startswith(self.surname_starts):
            return any(form.startswith(start) and len(form) > len(start) + 1 for start in self.surname_starts)
        return False

    def _is_given(self, word: str) -> bool:
        return any(form in self.given for form in self._name_forms(word))

    def _is_stop(self, word: str) -> bool:
        if word in self.stop:
            return True
        if word in self.surnames or word in self.given:
            return False  # "כהן" is a surname, not "כ" + "הן"; "कुमारी" a title and a surname
        return word in self.markers or any(form in self.stop for form in self.forms(word))


@dataclass(frozen=True, slots=True)
class InScriptRules:
    languages: tuple[InScriptLanguage, ...] = ()
    gate: re.Pattern[str] | None = None  # a letter of any script with a section

    def has_function_word(self, run: str) -> bool:
        """A run holds a stop word of a language written in its script ("אחרי שיחה עם", "ที่ภูเก็ต"):
        a phrase, not a name (scripts.py asks this of short runs inside Latin-script texts)."""
        if self.gate is None or self.gate.search(run) is None:
            return False
        for lang in self.languages:
            if lang.letter.search(run) is None:
                continue
            parts = run.split()
            if lang.unspaced:
                if any(part.endswith(lang.stop_endings) for part in parts):
                    return True
                # Unspaced scripts put a space between given name and surname: two parts are a
                # phrase only if both start like one ("แจ้งสว่าง" is a surname that starts like "แจ้ง").
                phrased = [part.startswith(tuple(lang.stop)) for part in parts]
                if any(phrased) and (len(parts) != 2 or all(phrased)):
                    return True
                continue
            # Two words are a name with one that is also a function word ("מאיה אשר": Asher is
            # also "which") more often than a quoted phrase: a leaked name costs more than a
            # masked phrase, so a two-word run needs two function words to be a phrase.
            short = len(parts) < _MIN_PHRASE_WORDS
            # A particle between two words joins a name ("ח'אלד אבו אל היג'א").
            if lang.particles and len(parts) > 2:
                inner = [
                    w for k, w in enumerate(parts) if not (0 < k < len(parts) - 1 and w in lang.particles)
                ]
                if len(inner) < len(parts):
                    parts = inner
                    run = " ".join(parts)
            words = [*parts, *(m.group() for m in lang.words.finditer(run))]
            stops = sum(1 for w in parts if w in lang.stop or (lang.is_stop(w) and w not in lang.markers))
            if short and stops < len(parts):
                continue
            if any(w in lang.stop or (lang.is_stop(w) and w not in lang.markers) for w in words):
                return True
        return False


def _words(section: dict[str, object], key: str) -> list[str]:
    """The words of a section's entry, without zero-width joiners: Sinhala and the Indic scripts
    write one inside a conjunct ("ප්‍රනාන්දු") and the detectors read text without it
    (normalize.py), so a list word keeping it would never match."""
    return _without_joiners(str(section.get(key, "") or "")).split()


def _without_joiners(words: str) -> str:
    return words.replace("\u200d", "")


@cache
def _script_letters(script: str) -> str:
    """The letters and marks of a Unicode script (its basic plane) as a character-class body for
    the standard library's re, which matches them several times faster than script properties."""
    found = sorted(ord(ch) for ch in regex.findall(rf"(?V1)[[\p{{L}}\p{{M}}]&&\p{{sc={script}}}]", _plane()))
    if not found:
        raise ValueError(f"no letters in script {script}")
    spans: list[tuple[int, int]] = []
    for code in found:
        if spans and code == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], code)
        else:
            spans.append((code, code))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in spans)


@cache
def _plane() -> str:
    return "".join(chr(code) for code in range(0x80, 0x10000) if not 0xD800 <= code <= 0xDFFF)


# Faker's name lists (the detector's name source for every script) as they are attributes of a
# locale's person provider.
_LIBRARY_GIVEN = ("first_names", "first_names_male", "first_names_female")
_LIBRARY_SURNAMES = ("last_names", "last_names_male", "last_names_female")
# A library name that is one of this many most frequent words of the language is mostly that word
# ("אביב" is spring, "গোলাপ" a rose): only the hand-written lists may hold such a name.
_FREQUENT_TOP = 5_000
_NAME_WORD_RE = regex.compile(r"[\p{L}\p{M}\u200c\u200d]+(?:['’׳-][\p{L}\p{M}\u200c\u200d]+)*")


@cache
def library_names(locale: str, language: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """Given names and surnames of a Faker person locale ("he_IL", "bn_BD"), split into words,
    without the `language`'s frequent words (wordfreq) and one-letter words."""
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    frequent: frozenset[str] = frozenset()
    if language:
        from wordfreq import top_n_list

        frequent = frozenset(top_n_list(language, _FREQUENT_TOP, wordlist="small"))

    def words(attrs: tuple[str, ...]) -> frozenset[str]:
        found: set[str] = set()
        for attr in attrs:
            entries = getattr(provider, attr, ())
            if isinstance(entries, (list, tuple, dict)):
                found.update(part for entry in entries for part in _without_joiners(str(entry)).split())
        return frozenset(
            w for w in found if len(w) > 1 and _NAME_WORD_RE.fullmatch(w) and w.lower() not in frequent
        )

    return words(_LIBRARY_GIVEN), words(_LIBRARY_SURNAMES)


# Words among a corpus's most frequent ones are left out of its name lists ("ชนะ", to win, is a
# given name too).
_CORPUS_FREQUENT_TOP = 5_000


@cache
def _thai_ranked_words() -> tuple[str, ...]:
    """The words of the Thai National Corpus (PyThaiNLP), most frequent first."""
    from pythainlp.corpus import tnc

    return tuple(word for word, _ in sorted(tnc.word_freqs(), key=lambda pair: -pair[1]))


@cached_word_set("thai-words", ("pythainlp",))
def _pythainlp_words() -> frozenset[str]:
    """Thai words: where one starts and ends tells a title written onto a word from the inside of
    a longer word."""
    return frozenset(_thai_ranked_words())


@cache
def _pythainlp_names() -> tuple[frozenset[str], frozenset[str]]:
    """Thai given names and family names of PyThaiNLP's names corpus, without the 5,000 most
    frequent words of the Thai National Corpus. Built once, then read from the cache
    (shared/data_cache.py)."""
    given, family = cached_word_sets("thai-names", _build_pythainlp_names, ("pythainlp",))
    return given, family


def _build_pythainlp_names() -> tuple[frozenset[str], frozenset[str]]:
    from pythainlp.corpus import thai_family_names, thai_female_names, thai_male_names

    frequent = frozenset(_thai_ranked_words()[:_CORPUS_FREQUENT_TOP])
    return (
        frozenset((thai_male_names() | thai_female_names()) - frequent),
        frozenset(thai_family_names() - frequent),
    )


# Name corpora of libraries, by the name a section gives (`name_corpus`).
_NAME_CORPORA: dict[str, Callable[[], tuple[frozenset[str], frozenset[str]]]] = {
    "pythainlp": _pythainlp_names,
}
# Word lists of libraries, by the name a section gives (`word_corpus`).
_WORD_CORPORA: dict[str, Callable[[], frozenset[str]]] = {
    "pythainlp": _pythainlp_words,
}


def fold_letters(word: str, fold: dict[int, str | None]) -> str:
    """The word decomposed (NFD) with the letters and marks of `fold` replaced or dropped."""
    return unicodedata.normalize("NFD", word).translate(fold)


def _fold_table(section: dict[str, object], key: str = "fold") -> dict[int, str | None]:
    """`fold`: "a=b" pairs of letters (decomposed); `fold_marks`: marks dropped."""
    table: dict[int, str | None] = {}
    for pair in _words(section, key):
        variant, _, base = pair.partition("=")
        table[ord(unicodedata.normalize("NFD", variant))] = base
    for mark in str(section.get("fold_marks", "") or ""):
        if not mark.isspace():
            table[ord(mark)] = None
    return table


@cache
def _foreign_names(script: str) -> tuple[frozenset[str], frozenset[str]]:
    """Given names and surnames of foreigners as `script` writes them (foreign_names.yaml)."""
    data = parse_yaml(FOREIGN_NAMES_FILE.read_text(encoding="utf-8")) or {}
    section: dict[str, object] = data.get(script) or {}
    return frozenset(_words(section, "given")), frozenset(_words(section, "surnames"))


def _frequent_spelled(language: str, fold: dict[int, str | None]) -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(fold_letters(w, fold) for w in top_n_list(language, _FREQUENT_TOP, wordlist="small"))


def _in_script_language(name: str, section: dict[str, object]) -> InScriptLanguage:
    script = str(section["script"])
    given, surnames = set(_words(section, "given_names")), set(_words(section, "surnames"))
    letter = f"[{_script_letters(script)}]"
    word = rf"{letter}(?:{letter}|[\u200c\u200d])*"
    fold = _fold_table(section)
    # `list_fold`: letters only another language writes ("ى" of Arabic "ليلى", Persian "لیلی"),
    # respelled in the lists but never in a text (Arabic "على", on, is no "علی", Ali).
    spelled = {**fold, **_fold_table(section, "list_fold")}
    language = str(section.get("frequent_language") or "") or None
    markers = {*_words(section, "stop_words"), *_words(section, "titles"), *_words(section, "cues")}
    # The library has a few names typed with a letter of another script ("வருண்குமாH").
    in_script = re.compile(rf"(?:{word})(?:['’׳-](?:{word}))*")
    for locale in _words(section, "name_locale"):
        library = library_names(locale, language)
        given.update(w for w in library[0] - markers if in_script.fullmatch(w))
        surnames.update(w for w in library[1] - markers if in_script.fullmatch(w))
    # More locales (`name_locales`: Urdu and Persian names are often Arabic ones), whose names
    # pass only if, respelled, they are none of the language's frequent words ("اسرار", secrets).
    if section.get("name_locales"):
        frequent = _frequent_spelled(language, spelled) if language else frozenset()
        for locale in _words(section, "name_locales"):
            for names, into in zip(library_names(locale, None), (given, surnames), strict=True):
                into.update(
                    w
                    for w in names - markers
                    if in_script.fullmatch(w) and fold_letters(w, spelled) not in frequent
                )
    # Names of people from elsewhere as the script writes them (foreign_names.yaml), unless one
    # is a marker word of the language.
    foreign_given, foreign_surnames = _foreign_names(script)
    given.update(foreign_given - markers)
    surnames.update(foreign_surnames - markers)
    if section.get("name_corpus"):
        markers = {*_words(section, "stop_words"), *_words(section, "titles"), *_words(section, "cues")}
        corpus_given, corpus_surnames = _NAME_CORPORA[str(section["name_corpus"])]()
        given.update(corpus_given - markers)
        surnames.update(corpus_surnames - markers)
    if fold:
        given.update({fold_letters(w, spelled) for w in given})
        surnames.update({fold_letters(w, spelled) for w in surnames})
    if section.get("other_letters"):
        # A word with a letter the language never writes is another language's name (a text with
        # one is handed to that language's rules), never one of this language's.
        others = set(str(section["other_letters"])) - {" "}
        given = {w for w in given if others.isdisjoint(w)}
        surnames = {w for w in surnames if others.isdisjoint(w)}
    titles, cues = _words(section, "titles"), _words(section, "cues")
    # Cues of several words are written with "_" for the space ("نام_خانوادگی").
    cues = [cue.replace("_", " ") for cue in cues]
    appositions = [w.replace("_", " ") for w in _words(section, "appositions")]
    prefixes = _words(section, "prefixes")
    before: re.Pattern[str] | None = None
    if titles or cues or appositions:
        prefix = rf"(?:{_alternation(prefixes)}){{0,2}}" if prefixes else ""
        alternatives = [f"(?P<title>{_alternation(titles)})" if titles else ""]
        alternatives.append(f"(?P<cue>{_alternation(cues)})" if cues else "")
        # Only before a comma or colon: "בנו, ..." (his son, ...), never "בנו קיבל" (his son got).
        alternatives.append(
            rf"(?P<apposition>{_alternation(appositions)})(?=[ \t]*[,،:：՝])" if appositions else ""
        )
        end = "" if section.get("unspaced") else rf"(?:(?<=[.'׳״:])|(?!\w|{letter}))"
        before = re.compile(
            rf"(?<!\w)(?<!{letter}){prefix}(?:{'|'.join(a for a in alternatives if a)}){end}{_AFTER_TITLE}"
        )
    not_names = _words(section, "not_names")
    glued_titles = _words(section, "glued_titles")
    # A name starts with a letter that can start a word (not a vowel written after a consonant).
    initial = f"[{section['initial_letters']}]" if section.get("initial_letters") else letter
    glued = (
        re.compile(rf"(?<={letter})(?:{_alternation(glued_titles)})(?={initial})")
        if glued_titles and section.get("word_corpus")
        else None
    )
    return InScriptLanguage(
        name=name,
        script=script,
        letter=re.compile(letter),
        # Hebrew writes a geresh after ג, ז, צ and ת for sounds it lacks, at a word's end too
        # ("ג'ורג'", George): it is part of the name.
        words=re.compile(rf"{word}(?:[-'’׳]{word})*(?:(?<=[גזצץת])['׳])?"),
        before=before,
        after=frozenset(_words(section, "titles_after")),
        appositions=frozenset(appositions),
        unspaced=bool(section.get("unspaced", False)),
        cased=bool(section.get("cased", False)),
        stop=frozenset(_words(section, "stop_words")),
        markers=frozenset(
            (*titles, *cues, *appositions, *_words(section, "titles_after"), *_words(section, "aliases"))
        ),
        aliases=frozenset(_words(section, "aliases")),
        titles=frozenset(titles),
        prefixes=tuple(prefixes),
        endings=tuple(sorted(_words(section, "endings"), key=len, reverse=True)),
        restore=str(section.get("restore", "") or ""),
        oblique_endings=tuple(_words(section, "oblique_endings")),
        stop_endings=tuple(_words(section, "stop_endings")),
        surnames=frozenset(surnames),
        given=frozenset(given),
        surname_endings=tuple(_words(section, "surname_endings")),
        surname_starts=tuple(_words(section, "surname_starts")),
        given_surname_endings=tuple(_words(section, "given_surname_endings")),
        not_names=re.compile(_alternation(not_names)) if not_names else None,
        ages=_ages(
            _words(section, "age_words"), _words(section, "after_comma"), bool(section.get("age_in_brackets"))
        ),
        age_words=frozenset(_words(section, "age_words")),
        max_words=int(str(section.get("max_words", 3))),
        particles=frozenset(_words(section, "particles")),
        postpositions=frozenset(_words(section, "postpositions")),
        possessed=frozenset(_words(section, "possessed")),
        coordinators=frozenset(_words(section, "coordinators")),
        coordinator_prefixes=tuple(_words(section, "coordinator_prefixes")),
        patronymic=bool(section.get("patronymic", False)),
        name_titles=frozenset(_words(section, "name_titles")),
        salutation=_letter_line(_words(section, "salutations"), closing=False),
        closing=_letter_line(_words(section, "closings"), closing=True),
        landmarks_before=frozenset(_words(section, "landmarks_before")),
        landmarks_after=tuple(_words(section, "landmarks_after")),
        landmark_adjectives=tuple(_words(section, "landmark_adjectives")),
        glued=glued,
        fold=fold,
        marks=re.compile(f"[{re.escape(str(section['own_letters']))}]")
        if section.get("own_letters")
        else None,
        other_marks=re.compile(f"[{re.escape(str(section['other_letters']))}]")
        if section.get("other_letters")
        else None,
        not_surname_endings=tuple(_words(section, "not_surname_endings")),
        light_verbs=frozenset(_words(section, "light_verbs")),
        initials=bool(section.get("initials", False)),
        initial_words=frozenset(_words(section, "initial_words")),
        family_first=bool(section.get("family_first", False)),
        run_cues=re.compile(
            _alternation(
                (set(cues) | set(_words(section, "aliases")))
                - set(titles)
                - set(appositions)
                - set(_words(section, "titles_after"))
            )
        )
        if section.get("unspaced") and (cues or _words(section, "aliases"))
        else None,
        vocabulary=_WORD_CORPORA[str(section["word_corpus"])]() if glued is not None else frozenset(),
        title_in_name=bool(section.get("title_in_name", False)),
        single_run=bool(section.get("single_run", False)),
        name_start=re.compile(str(section["name_start"])) if section.get("name_start") else None,
        weak_titles=frozenset(_words(section, "weak_titles")),
        phrase_endings=tuple(_words(section, "phrase_endings")),
        article=str(section.get("definite_article", "") or ""),
        complement_after_cue=bool(section.get("complement_after_cue", False)),
        frequent=_frequent_words(language) if language and prefixes else frozenset(),
        common=_frequent_spelled(language, spelled) if language else frozenset(),
    )


# The name on a letter's line: up to a comma, colon or full stop and the line's end.
_LETTER_NAME = r"(?P<speaker>[^\s,،:!.;][^\n,،:!.;]{0,48}?)[ \t]*[,،:!]?[ \t]*$"


def _letter_line(words: list[str], closing: bool) -> re.Pattern[str] | None:
    """A salutation and the name after it on its line, or a closing line and the name alone on the
    next (words of several parts are written with "_" for the space)."""
    if not words:
        return None
    alternation = _alternation(w.replace("_", " ") for w in words)
    if closing:
        return re.compile(rf"^[ \t]*(?:{alternation})[ \t]*[,،!.]?[ \t]*\n[ \t]*{_LETTER_NAME}", re.MULTILINE)
    return re.compile(rf"^[ \t]*(?:{alternation})[ \t]+{_LETTER_NAME}", re.MULTILINE)


def _frequent_words(language: str) -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(top_n_list(language, _FREQUENT_TOP, wordlist="small"))


def _ages(words: list[str], after_comma: list[str], brackets: bool) -> re.Pattern[str] | None:
    """What follows a name after a comma or bracket: an age ("…, בן 52", "… (45 वर्ष)", with
    `brackets` a bare "(35)"), or a word such as "resident" ("…, תושבת חיפה")."""
    forms = []
    if words:
        age = _alternation(words)
        forms.append(rf"(?:{age})[ \t]*\d{{1,3}}(?!\d)|\d{{1,3}}[ \t]*-?[ \t]*(?:{age})")
    if after_comma:
        forms.append(rf"(?:{_alternation(after_comma)})(?!\w)")
    if brackets:
        forms.append(r"(?<=\()[ \t]*\d{1,3}[ \t]*\)")
    return re.compile(rf"[ \t]*[,(،՝][ \t]*(?:{'|'.join(forms)})") if forms else None


def load_in_script(path: Path = DATA_FILE) -> InScriptRules:
    """The in-script name rules of script_names.yaml's "in_script" sections."""
    data = parse_yaml(path.read_text(encoding="utf-8")) or {}
    sections: dict[str, dict[str, object]] = data.get("in_script") or {}
    languages = tuple(_in_script_language(name, section) for name, section in sections.items())
    if not languages:
        return InScriptRules()
    # Languages of one script share their stop words and light verbs: a Persian "و" ends a name an
    # Urdu cue began.
    stops: dict[str, frozenset[str]] = {}
    verbs: dict[str, frozenset[str]] = {}
    for lang in languages:
        stops[lang.script] = stops.get(lang.script, frozenset()) | lang.stop
        verbs[lang.script] = verbs.get(lang.script, frozenset()) | lang.light_verbs
    languages = tuple(
        replace(lang, stop=stops[lang.script], light_verbs=verbs[lang.script], memo={}) for lang in languages
    )
    scripts = sorted({lang.script for lang in languages})
    gate = re.compile("[" + "".join(_script_letters(s) for s in scripts) + "]")
    return InScriptRules(languages, gate)


@cache
def bundled_in_script() -> InScriptRules:
    return load_in_script()


def find_in_script_names(
    text: str, rules: InScriptRules | None = None, places: Places = None
) -> Iterator[Detection]:
    """PERSON spans of names written inside texts of the scripts with an "in_script" section.
    `places`: place names (lowercased) that are never names, asked for only when needed."""
    rules = rules if rules is not None else bundled_in_script()
    if rules.gate is None or rules.gate.search(text) is None:
        return
    present: dict[str, bool] = {}
    # Languages of one script read the same words (and ask about the same places).
    tokens: dict[str, list[re.Match[str]]] = {}
    place_words: dict[str, dict[str, bool]] = {}
    for lang in rules.languages:
        if lang.script not in present:
            present[lang.script] = lang.letter.search(text) is not None
        if (
            not present[lang.script]
            or (lang.marks is not None and lang.marks.search(text) is None)
            or (lang.other_marks is not None and lang.other_marks.search(text) is not None)
        ):
            continue
        known = place_words.setdefault(lang.script, {})
        yield from _in_script_speakers(text, lang)
        if lang.unspaced:
            yield from _Unspaced(text, lang, places, known).find()
            continue
        if lang.script not in tokens:
            tokens[lang.script] = list(lang.words.finditer(text))
        found = _Spaced(text, lang, places, known, tokens[lang.script]).find()
        if lang.landmarks_before or lang.landmarks_after:
            found = (det for det in found if not _landmark(text, det, lang, tokens[lang.script]))
        yield from found


_LANDMARK_GAP_RE = regex.compile(r"[ \t\u00a0]*")


def _landmark(text: str, det: Detection, lang: InScriptLanguage, tokens: list[re.Match[str]]) -> bool:
    """The span is (or begins with) the name of a place named after a person: a landmark noun
    right before it or as its first word, or one after its words, with only adjectives between;
    never when a title or cue word is written right before it (then a person is named)."""
    first = next((i for i, tok in enumerate(tokens) if tok.end() > det.start), None)
    if first is None:
        return False
    before = tokens[first - 1] if first > 0 else None
    adjacent = (
        before is not None
        and _LANDMARK_GAP_RE.fullmatch(text, before.end(), tokens[first].start()) is not None
    )
    if lang.landmarks_before:
        heads = [tokens[first].group()]
        if adjacent and before is not None:
            heads.append(before.group())
        if any(_stripped(word, lang) & lang.landmarks_before for word in heads):
            return True
    if not lang.landmarks_after:
        return False
    # A landmark noun inside the span is never a person's name word ("... சாலையில்" after a cue);
    # one after it is the place's unless a cue names the person first.
    cued = (
        adjacent
        and before is not None
        and (before.group() in lang.markers or f"{before.group()}:" in lang.markers)
    )
    for tok in tokens[first + 1 :]:
        word = tok.group()
        inside = tok.start() < det.end
        if _landmark_word(word, lang.landmarks_after, lang):
            return inside or not cued
        if inside or _landmark_word(word, lang.landmark_adjectives, lang):
            continue
        return False
    return False


# A case ending written onto a landmark noun ("சாலையில்", "აეროპორტთან") is this short at most.
_LANDMARK_ENDING_MAX = 4


def _landmark_word(word: str, stems: tuple[str, ...], lang: InScriptLanguage) -> bool:
    """The word is one of the stems with a short ending, and no listed name ("মোড়ল", a surname,
    begins with "মোড়", a crossing)."""
    return (
        any(word.startswith(stem) and len(word) - len(stem) <= _LANDMARK_ENDING_MAX for stem in stems)
        and not any(lang.classify(word)[:2])
    )


def _stripped(word: str, lang: InScriptLanguage) -> set[str]:
    """The word and its forms without one or two prefix letters ("בכיכר": "כיכר")."""
    forms = {word}
    for _ in range(2):
        if len(word) > 2 and word.startswith(lang.prefixes):
            word = word[1:]
            forms.add(word)
    return forms


# A chat transcript's speaker ("[12/03/2024, 14:02] יעל: ...") and an e-mail header's display name
# before its address ("מאת: רונית אברהם <r.a@...>"): a place where people are named by their given
# name alone, or by a name no list holds, and roles ("שירות לקוחות", customer support) by common
# words. Up to three words of the script, none of them a stop word, title or cue word.
_IN_SCRIPT_SPEAKER = r"(?P<speaker>[^\s:：\[\]<>@\d\"“”«»(),;][^:：\n\[\]<>@\d\"“”«»(),;]{0,48}?)"
_IN_SCRIPT_CHAT_RE = regex.compile(rf"^{CHAT_LINE_START}{_IN_SCRIPT_SPEAKER}[ \t]*[:：]", regex.MULTILINE)
_IN_SCRIPT_DISPLAY_RE = regex.compile(rf"{_IN_SCRIPT_SPEAKER}[ \t]*<[^<>\s@]+@[^<>\s@]+>")
_SPEAKER_WORDS = 3


def _in_script_speakers(text: str, lang: InScriptLanguage) -> Iterator[Detection]:
    """PERSON spans of chat speakers, e-mail display names and the names after a letter's
    salutation or under its closing, written in the language's script."""
    matches: list[Iterator[regex.Match[str]] | Iterator[re.Match[str]]] = [
        pattern.finditer(text) for pattern in (lang.salutation, lang.closing) if pattern is not None
    ]
    if ":" in text or "：" in text:
        matches.append(_IN_SCRIPT_CHAT_RE.finditer(text))
    if "@" in text and "<" in text:
        matches.append(_IN_SCRIPT_DISPLAY_RE.finditer(text))
    for found in matches:
        for match in found:
            start, end = match.span("speaker")
            span = _speaker_name(text[start:end], lang)
            if span is not None:
                yield Detection(start + span[0], start + span[1], PERSON)


def _speaker_name(speaker: str, lang: InScriptLanguage) -> tuple[int, int] | None:
    """Where the name is in a speaker label, if it names a person: a word is a listed given name
    or surname (or shaped like a surname), or, in a language with a frequency list, no word is one
    of its frequent words. A title before the name stays, unless the language writes it onto the
    name (Thai)."""
    parts = list(_JOINED_RE.splititer(speaker.strip())) if speaker.strip() else []
    if not parts or len(parts) > _SPEAKER_WORDS:
        return None
    if not all(lang.words.fullmatch(part) for part in parts):
        return None
    offset = len(speaker) - len(speaker.lstrip())
    names = list(parts)
    title = ""
    while names and names[0] in lang.titles:
        offset += len(names[0]) + 1
        names.pop(0)
    if not names:
        return None
    if lang.unspaced and lang.before is not None:
        glued = lang.before.match(names[0])
        if glued is not None and glued.group("title") and glued.end() < len(names[0]):
            title = names[0][: glued.end()]
            names[0] = names[0][glued.end() :]
    kinds = [lang.classify(name) for name in names]
    if any(kind[2] and not (kind[0] or kind[1]) for kind in kinds) or any(
        f"{name}:" in lang.markers for name in names
    ):
        return None  # a role, a cue or a phrase ("נציג", representative; "מתלוננת:", complainant)
    listed = any(kind[0] or kind[1] for kind in kinds)
    unlisted = not lang.unspaced and bool(lang.common) and not any(lang.common_word(name) for name in names)
    if not (listed or unlisted):
        return None
    if title and not lang.title_in_name:
        offset += len(title)
    return offset, len(speaker.rstrip())


class _Finder:
    def __init__(
        self, text: str, lang: InScriptLanguage, places: Places, place_words: dict[str, bool]
    ) -> None:
        self.text = text
        self.lang = lang
        self._places = places
        self._known: Container[str] | None = None
        self._place_words = place_words

    def is_place(self, word: str) -> bool:
        if self._places is None:
            return False
        if word not in self._place_words:
            if self._known is None:
                self._known = self._places()
            known = self._known
            self._place_words[word] = any(form.lower() in known for form in self.lang.forms(word))
        return self._place_words[word]


class _Spaced(_Finder):
    def __init__(
        self,
        text: str,
        lang: InScriptLanguage,
        places: Places,
        place_words: dict[str, bool],
        tokens: list[re.Match[str]],
    ) -> None:
        super().__init__(text, lang, places, place_words)
        self.tokens = tokens
        self.starts = {tok.start(): i for i, tok in enumerate(self.tokens)}
        self.ends = {tok.end(): i for i, tok in enumerate(self.tokens)}

    def initial(self, i: int) -> bool:
        """Token i is an initial: a short syllable, a full stop and another word of the script."""
        word = self.tokens[i].group()
        return (
            self.lang.initials
            and (len(word) <= _INITIAL_MAX or word in self.lang.initial_words)
            and i + 1 < len(self.tokens)
            and _INITIAL_GAP_RE.fullmatch(self.text, self.tokens[i].end(), self.tokens[i + 1].start())
            is not None
        )

    def joined(self, i: int) -> bool:
        """Token i and token i + 1 stand a space apart, or token i is an initial ("ரா. கண்ணன்",
        "आर. के. शर्मा") in a language that writes them."""
        if i + 1 >= len(self.tokens):
            return False
        start, end = self.tokens[i].end(), self.tokens[i + 1].start()
        return _JOINED_RE.fullmatch(self.text, start, end) is not None or self.initial(i)

    def name_word(self, i: int, places: bool = True) -> bool:
        """Token i may be part of a name; `places`: unless it is a place name (after a title's first
        name word a place is a surname: "செல்வி யாழினி ஆனந்த்")."""
        word = self.tokens[i].group()
        start = self.tokens[i].start()
        if word in self.lang.age_words and (
            _NUMBER_NEXT_RE.match(self.text, self.tokens[i].end())
            or _NUMBER_BEFORE_RE.search(self.text, max(0, start - _AGE_GAP), start)
        ):
            return False  # "בן 84", "23 वर्ष": an age, not "Ben"
        given, surname, stop, _ = self.lang.classify(word)
        if stop and self.initial(i):
            stop = False  # "के." is K., not "of"
        # A given name that is also a word ("पूजा", worship) before a listed surname is the name;
        # a surname that is also a word ("अधिकारी", officer) after a listed name word too (a given
        # name, or a middle name listed as a surname: "हरि प्रसाद अधिकारी").
        if stop and given and self.joined(i):
            stop = not self.lang.classify(self.tokens[i + 1].group())[1]
        if stop and surname and i > 0 and self.joined(i - 1):
            # A word before it that is a word too only as a surname ("अधिकारी अधिकारी") is none.
            before_given, before_surname, before_stop, _ = self.lang.classify(self.tokens[i - 1].group())
            stop = not (before_given or (before_surname and not before_stop))
        # A word that is a name's apposition only before a comma ("قربانی،", the victim,) is a
        # surname after another name word ("جواد قربانی", Ghorbani).
        if stop and word in self.lang.appositions and word not in self.lang.stop:
            stop = not (
                i > 0
                and self.joined(i - 1)
                and _PUNCTUATION_RE.match(self.text, self.tokens[i].end()) is None
                and self.name_word(i - 1)
            )
        return (
            not stop
            and (not self.lang.cased or word[:1].isupper())
            and (not places or given or surname or not self.is_place(word))
        )

    def inner_particle(self, first: int, i: int) -> bool:
        """Token i is a particle inside a name: after a name word, before another ("מוחמד אל
        חטיב")."""
        return (
            i > first
            and self.tokens[i].group() in self.lang.particles
            and self.joined(i)
            and self.name_word(i + 1)
        )

    def name_after_cue(self, first: int, last: int) -> bool:
        """The words after a cue without punctuation are a name: a listed one among them, or
        words that end before the clause goes on and do not start with a case-marked word
        ("অভিযোগকারী থানায় ..."), the complainant at the station)."""
        oblique = self.tokens[first].group().endswith(self.lang.oblique_endings)
        if oblique and not self.listed(first):
            return False  # "ደላላው ወጣቶቹን ...": the broker [sent] the youths; a name may follow
        if any(self.listed(i) for i in range(first, last + 1)):
            return True
        # No list has any of the words and the first is one of the language's frequent words: the
        # cue's complement ("شاهد ماجرا", witness of the incident; "به نام مستعار", under a false
        # name; "به نام افراد مختلف", in the name of various people).
        if self.lang.complement_after_cue and self.lang.common_word(self.tokens[first].group()):
            return False
        # A title next starts the name: the words between are the cue's ("شاهد ماجرا خانم ...",
        # witness of the incident, Mrs ...).
        if self.joined(last) and self.tokens[last + 1].group() in self.lang.titles:
            return False
        # The clause goes on after the words, unless with a verb ("... فریب خورد", was deceived)
        # or with "and" written onto the next person ("המתלוננת ... ובעלה", and her husband), or
        # with a preposition written onto the word after a given name and the father's.
        return not (
            self.joined(last)
            and self.name_word(last + 1)
            and not self.verb_part(first, last + 1)
            and not self._and_next(last + 1)
            and not self._after_father(first, last + 1)
        )

    def article_adjective(self, i: int) -> bool:
        """Token i, alone after a cue, is the definite article and a frequent word of the language
        that no list has as a name ("החשוד האמיתי", the real suspect): the cue's adjective."""
        lang, word = self.lang, self.tokens[i].group()
        if not lang.article or not word.startswith(lang.article) or self.listed(i):
            return False
        stem = word[len(lang.article) :]
        return len(stem) > 1 and lang.common_word(word) and lang.common_word(stem)

    def _and_next(self, i: int) -> bool:
        """Token i starts with "and" written onto a word: the next item of a list."""
        word = self.tokens[i].group()
        prefixes = self.lang.coordinator_prefixes
        return bool(prefixes) and word.startswith(prefixes) and len(word) > 2 and not self.listed(i)

    def listed(self, i: int) -> bool:
        word = self.tokens[i].group()
        return self.lang.is_given(word) or self.lang.is_surname(word)

    def span(self, first: int, last: int) -> Detection:
        return Detection(self.tokens[first].start(), self.tokens[last].end(), PERSON)

    def find(self) -> Iterator[Detection]:
        """The names of the text, overlapping ones joined ("X Y" after a title and "Y Z" around a
        surname are one person), and the names coordinated with them."""
        spans = sorted({(d.start, d.end) for d in self._find()})
        spans.extend(self._coordinated(spans))
        spans.extend(self._aliased(spans))
        spans.extend(self._inflected_again(spans))
        spans = [(self._initials_before(start), end) for start, end in spans]
        spans.sort()
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        for start, end in merged:
            yield Detection(start, end, PERSON)

    def _split_title_at(self, pos: int, first: int) -> bool:
        """A title written with a slash or a dot inside starts at `pos`, token `first`, and runs on
        past it (after a cue: "ተበዳይ ወ/ሮ ...", the victim, Mrs ...): its letters are no name."""
        before = self.lang.before
        found = before.match(self.text, pos) if before is not None else None
        return (
            found is not None
            and found.group("title") is not None
            and found.end("title") > self.tokens[first].end()
        )

    def _title_or_stop(self, word: str) -> bool:
        """A function word, or a title written with a full stop ("सौ.", Mrs)."""
        return self.lang.is_stop(word) or word in self.lang.titles or f"{word}." in self.lang.titles

    def _initials_before(self, start: int) -> int:
        """The start of a name found at `start` with the initials written before it ("కె.
        శ్రీనివాస రెడ్డి", "ඩබ්ලිව්. එම්. නිමල් පෙරේරා"); not a function word before a full stop."""
        first = self.starts.get(start)
        if first is None:
            return start
        while (
            first > 0
            and self.initial(first - 1)
            and not self._title_or_stop(self.tokens[first - 1].group())
        ):
            first -= 1
        return self.tokens[first].start()

    def _inflected_again(self, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """A word of a found name of two or more words written again with a case ending
        ("ফারহানা ইসলাম" ... "ফারহানার ভাই", Farhana's brother): the same person. The bare word
        again is the repeated names' rule (aliases.py)."""
        lang = self.lang
        if not lang.endings:
            return
        parts: set[str] = set()
        inside: set[int] = set()
        for start, end in spans:
            first, last = self.starts.get(start), self.ends.get(end)
            if first is None or last is None or last == first:
                continue
            inside.update(range(first, last + 1))
            parts.update(
                word
                for word in (tok.group() for tok in self.tokens[first : last + 1])
                if len(word) > _INFLECTED_PART_MIN and not lang.is_stop(word) and not lang.common_word(word)
            )
        if not parts:
            return
        for i, tok in enumerate(self.tokens):
            word = tok.group()
            if i in inside or word in parts or lang.is_stop(word):
                continue
            part = next((form for form in lang.forms(word) if form in parts), None)
            if part is None:
                continue
            if word.endswith(part) and not word.startswith(part):
                # A preposition written onto the name ("ለዳዊት", for Dawit) is no part of it.
                yield (tok.end() - len(part), tok.end())
            else:
                yield (tok.start(), tok.end())

    def _coordinated(self, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """ "X Y and Z W": after a name, "and" and two name words that end before a boundary."""
        lang = self.lang
        if not lang.coordinators and not lang.coordinator_prefixes:
            return
        for _, end in spans:
            last = self.ends.get(end)
            if last is None or not self.joined(last):
                continue
            nxt = self.tokens[last + 1].group()
            if nxt in lang.coordinators:
                first = last + 2
                if not self.joined(last + 1):
                    continue
            elif nxt.startswith(lang.coordinator_prefixes) and len(nxt) > 2 and nxt not in lang.stop:
                first = last + 1
            else:
                continue
            if (
                first + 1 < len(self.tokens)
                and self.name_word(first)
                and self.joined(first)
                and self.name_word(first + 1)
                and self._boundary_after(first + 1)
            ):
                yield (self.tokens[first].start(), self.tokens[first + 1].end())

    def _aliased(self, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """ "X Y alias Z": after a name, an alias word and the nickname (one word, two if the
        second is listed) belong to the person."""
        if not self.lang.aliases:
            return
        for start, end in spans:
            last = self.ends.get(end)
            if (
                last is None
                or last + 2 >= len(self.tokens)
                or not self.joined(last)
                or self.tokens[last + 1].group() not in self.lang.aliases
                or not self.joined(last + 1)
                or not self.name_word(last + 2)
            ):
                continue
            nickname = last + 2
            if self.joined(nickname) and self.name_word(nickname + 1) and self.listed(nickname + 1):
                nickname += 1
            yield (start, self.tokens[nickname].end())

    def verb_part(self, first: int, i: int) -> bool:
        """Token i, after two words of a name, comes right before a light verb ("... فریب خورد"):
        it is the verb's noun."""
        return (
            i - first >= 2
            and self.joined(i)
            and i + 1 < len(self.tokens)
            and self.tokens[i + 1].group() in self.lang.light_verbs
        )

    def after_full_name(self, first: int, i: int) -> bool:
        """Token i follows a listed given name and a listed family name: the clause goes on
        ("সন্দেহভাজন নাজমুল হাসান পালিয়ে ...", the suspect N. H. fled), unless token i is listed
        too or a postposition follows it (a third name: "दीपक कुमार साहू की")."""
        lang = self.lang
        if self._after_father(first, i):
            return True
        return (
            i - first == 2
            and lang.is_given(self.tokens[first].group())
            and lang.is_surname(self.tokens[first + 1].group())
            and not lang.is_given(self.tokens[first + 1].group())
            and not self.listed(i)
            and not (
                self.joined(i)
                and i + 1 < len(self.tokens)
                and self.tokens[i + 1].group() in lang.postpositions
            )
        )

    def _after_father(self, first: int, i: int) -> bool:
        """Token i follows a given name and the father's (`patronymic`) and starts with a
        preposition written onto it ("... በቴሌብር", by Telebirr): the clause's word, not a
        grandfather's name, unless listed."""
        lang = self.lang
        return (
            lang.patronymic
            and bool(lang.prefixes)
            and i - first == 2
            and self.tokens[i].group().startswith(lang.prefixes)
            and not self.listed(i)
        )

    def next_person(self, first: int, i: int) -> bool:
        """Token i, after two words of a name, starts with "and" written onto it ("... וסלים"):
        the next person's name, not this one's third word."""
        word = self.tokens[i].group()
        return (
            i - first >= 2
            and bool(self.lang.coordinator_prefixes)
            and word.startswith(self.lang.coordinator_prefixes)
            and len(word) > 2
            and word not in self.lang.given
            and word not in self.lang.surnames
        )

    def _boundary_after(self, i: int) -> bool:
        """Token i ends a clause part: punctuation or the end of the text next, or a stop word."""
        if not self.joined(i):
            return True
        word = self.tokens[i + 1].group()
        return word in self.lang.postpositions or self.lang.is_stop(word)

    def _postposed(self, last: int, first: int) -> int:
        """One more word of a name ending at token `last`: an unlisted word right before a
        postposition ("दीपक कुमार साहू की"), after a listed word."""
        lang = self.lang
        if (
            lang.postpositions
            and last + 1 - first < lang.max_words
            and self.listed(last)
            and self.joined(last)
            and last + 2 < len(self.tokens)
            and self.name_word(last + 1)
            and self.joined(last + 1)
            and self.tokens[last + 2].group() in lang.postpositions
        ):
            return last + 1
        return last

    def _find(self) -> Iterator[Detection]:
        lang = self.lang
        if lang.before is not None:
            for match in lang.before.finditer(self.text):
                first = self.starts.get(match.end())
                if first is None:
                    continue
                titled = match.group("title") is not None
                if not titled and self._split_title_at(match.end(), first):
                    continue  # "ተበዳይ ወ/ሮ ...": the title's match finds the name after it
                last = first - 1
                while (
                    last + 1 < len(self.tokens)
                    and last + 1 - first < lang.max_words
                    and (last < first or self.joined(last))
                    and (self.name_word(last + 1, places=not titled) or self.inner_particle(first, last + 1))
                    and not self._common_after_surname(first, last + 1)
                    and not self.next_person(first, last + 1)
                    and not self.verb_part(first, last + 1)
                    and not self.after_full_name(first, last + 1)
                ):
                    last += 1
                # After a title a town's name is a given name or surname ("جناب عمران ...",
                # "Ms ... Anand"), unless it stands alone: "ශ්‍රී ලංකා" is Sri Lanka.
                if (
                    titled
                    and last == first
                    and not self.listed(first)
                    and self.is_place(self.tokens[first].group())
                ):
                    continue
                if match.group("cue") is not None and last == first and self.article_adjective(first):
                    continue
                if last >= first and (
                    match.group("cue") is None
                    or _PUNCTUATION_RE.search(match.group()) is not None
                    or self.name_after_cue(first, last)
                ):
                    if titled and match.group("title") in lang.name_titles:
                        # "মোঃ" (Md.) is written as part of the person's name.
                        yield Detection(match.start("title"), self.tokens[last].end(), PERSON)
                    else:
                        yield self.span(first, last)
        if lang.ages is not None:
            for match in lang.ages.finditer(self.text):
                last = self.ends.get(match.start(), -1)
                if last >= 0 and self.name_word(last):
                    first = self._name_start(last, lang.max_words)
                    # A third word back only if listed: two words are a name, a third unlisted
                    # one is as often the clause's ("… செய்த X Y (…)", … who did).
                    if last - first >= _UNLISTED_WORDS and not self.listed(first):
                        first += 1
                    yield self.span(first, last)
        for i, tok in enumerate(self.tokens):
            given, surname, _, after = lang.classify(tok.group())
            if (given or surname) and self._possessor(i):
                yield self.span(self._listed_start(i), i)
            if after:
                yield from self._before_title(i)
            # A listed given name that is a family name only by its ending ("فخری") reads as the
            # given name it is listed as.
            elif surname and self.name_word(i) and not (given and lang.of_given_only(tok.group())):
                yield from self._around_surname(i)
            elif (
                given
                and self.name_word(i)
                and self.joined(i)
                and self.name_word(i + 1)
                and not (i > 0 and self.joined(i - 1) and self._after_father(i - 1, i + 1))
            ):
                last = i + 1
                if self.joined(last) and last + 1 - i < lang.max_words and self.name_word(last + 1):
                    following = self.tokens[last + 1].group()
                    # A particle second ("בן", "אבו") starts a surname the next word ends; "and"
                    # written onto the third word starts the next person's name ("... ואליהו").
                    if not self.next_person(i, last + 1) and (
                        lang.is_surname(following)
                        or lang.is_given(following)
                        or self.tokens[last].group() in lang.particles
                    ):
                        last += 1
                yield self.span(i, self._postposed(last, i))
            elif given and lang.patronymic and self.name_word(i) and self._given_before(i):
                # A father's given name ends the name: the word before it is the person's own.
                yield self.span(i - 1, i)

    def _possessor(self, i: int) -> bool:
        """Token i, a listed name, is written with a case ending before a noun a person has
        (`possessed`: a relative, a phone): the person whose it is ("মৌমিতার ফোন")."""
        lang, word = self.lang, self.tokens[i].group()
        return (
            bool(lang.possessed)
            and self.joined(i)
            and word not in lang.given
            and word not in lang.surnames
            and not lang.is_stop(word)
            and (not lang.cased or word[:1].isupper())
            and any(form in lang.possessed for form in lang.forms(self.tokens[i + 1].group()))
        )

    def _listed_start(self, last: int) -> int:
        """The first of the listed name words ending with token `last`."""
        first = last
        while (
            first > 0
            and last - first + 1 < self.lang.max_words
            and self.joined(first - 1)
            and self.name_word(first - 1)
            and self.listed(first - 1)
        ):
            first -= 1
        return first

    def _common_after_surname(self, first: int, i: int) -> bool:
        """Token i, after a name's family name (token i - 1, a surname and no given name), is one
        of the language's frequent words no list has as a name: the clause goes on, the name has
        ended ("آقای ابراهیمی فایل را ...", Mr Ebrahimi [installed] the file). Not before another
        name word: there it is inside the name ("شاہ زیب آفریدی", Afridi a frequent word too)."""
        if i <= first or (self.joined(i) and self.name_word(i + 1)):
            return False
        given, surname, _, _ = self.lang.classify(self.tokens[i - 1].group())
        return surname and not given and self.lang.common_word(self.tokens[i].group())

    def _given_before(self, i: int) -> bool:
        """The word before token i may be a given name: a name word with no case ending."""
        return (
            i > 0
            and self.joined(i - 1)
            and self.name_word(i - 1)
            and not self.tokens[i - 1].group().endswith(self.lang.oblique_endings)
            # With a case ending on the father's name, not a frequent word before it ("வாரம்
            # கவிதாவின்", last week Kavitha's): a bare given name there is one more often.
            and not (
                self.tokens[i].group() not in self.lang.given
                and self.lang.common_word(self.tokens[i - 1].group())
            )
        )

    def _before_title(self, i: int) -> Iterator[Detection]:
        """The name words right before token i, a title written after a name (two at most)."""
        if i > 0 and self.joined(i - 1) and self.name_word(i - 1):
            yield self.span(self._name_start(i - 1, 2), i - 1)

    def _name_start(self, last: int, most: int) -> int:
        """The first of up to `most` name words ending with token `last`."""
        first = last
        while first > 0 and last - first + 1 < most and self.joined(first - 1) and self.name_word(first - 1):
            first -= 1
        return first

    def _around_surname(self, i: int) -> Iterator[Detection]:
        lang = self.lang
        # A family name made of a given name ("اسماعیلی") is as often an adjective after a noun
        # ("خیابان اسماعیلی", Esmaeili Street): only after a listed given name.
        if (
            i > 0
            and self.joined(i - 1)
            and self.name_word(i - 1)
            and (not lang.of_given_only(self.tokens[i].group()) or lang.is_given(self.tokens[i - 1].group()))
        ):
            first = i - 1
            if (
                first > 0
                and i + 1 - first < lang.max_words
                and self.joined(first - 1)
                and self.name_word(first - 1)
                and lang.is_given(self.tokens[first - 1].group())
            ):
                first -= 1
            yield self.span(first, self._postposed(i, first))
        elif any(
            lang.distinctive(form) for form in lang.forms(self.tokens[i].group())
        ) and not self.place_derived(i):
            yield self.span(i, i)

    def place_derived(self, i: int) -> bool:
        """A surname ending on a place name is an adjective of it ("Երևանյան", of Yerevan)."""
        return any(
            form.endswith(end) and self.is_place(form[: -len(end)])
            for form in self.lang.forms(self.tokens[i].group())
            for end in self.lang.surname_endings
        )


# A coordinator written apart between two names of an unspaced script ("... และ ...").
_COORDINATOR_RE = regex.compile(r"[ \t]+(?P<word>\S+)[ \t]+")
_MAX_COORDINATED = 3
# The longest word looked for around a title written onto other words (characters).
_LONGEST_GLUED_WORD = 16
# A given name found again alone: from a name of two runs at least, of three letters or more.
_GIVEN_AGAIN_PARTS = 2
_GIVEN_AGAIN_MIN = 3
# What ends a run written as a noun: a bracket, a comma, a full stop (Burmese "၊", "။") or the text's end.
# What may follow a noun: a mark, or the Burmese genitive sign "၏" written onto it ("…၏ ညီမ",
# …'s younger sister).
_NOUN_END = frozenset(("", "(", "（", ",", "၊", "။", ":", ")", ".", "၏"))
_WORD_RE = regex.compile(r"[^\s(（,၊။:).]*")
_BRACKET_NEXT_RE = regex.compile(r"[ \t]*[(（]")


class _Unspaced(_Finder):
    def find(self) -> Iterator[Detection]:
        found = [*self._listed_pairs(), *self._titled(), *self._glued_cues(), *self._glued_titles()]
        yield from found
        again = list(self._titled_again(found))
        yield from again
        yield from self._given_again([*found, *again])

    def _given_again(self, found: list[Detection]) -> Iterator[Detection]:
        """A name found with its surname ("คุณสมใจ ทองดี") written again as the given name alone,
        glued inside a clause ("จากนั้นสมใจโอนเงิน", then Somjai transferred): Thai refers to a
        person so after the first mention. An unspaced script marks no word boundary, so the
        corpus tells one: a corpus word (or the run's edge) on both sides, and the given name
        itself no corpus word ("มาลี" is also jasmine)."""
        lang = self.lang
        words = lang.vocabulary
        if not words:
            return
        given_names: set[str] = set()
        for det in found:
            parts = self.text[det.start : det.end].split()
            if len(parts) < _GIVEN_AGAIN_PARTS:
                continue
            title = lang.before.match(parts[0]) if lang.before is not None else None
            given = parts[0][title.end() :] if title is not None and title.group("title") else parts[0]
            if len(given) >= _GIVEN_AGAIN_MIN and given not in words and not self._stop_run(given):
                given_names.add(given)
        for given in given_names:
            at = self.text.find(given)
            while at >= 0:
                end = at + len(given)
                if not any(d.start < end and at < d.end for d in found) and self._word_edges(at, end):
                    yield Detection(at, end, PERSON)
                at = self.text.find(given, end)

    def _word_edges(self, start: int, end: int) -> bool:
        """A word of the corpus, or the run's edge, on each side of text[start:end]."""
        words, text = self.lang.vocabulary, self.text
        letter = self.lang.letter
        before = start == 0 or not letter.match(text, start - 1) or any(
            text[q:start] in words for q in range(max(start - _LONGEST_GLUED_WORD, 0), start)
        )
        after = end >= len(text) or not letter.match(text, end) or any(
            text[end:r] in words for r in range(end + 1, min(end + _LONGEST_GLUED_WORD, len(text)) + 1)
        )
        return before and after

    def _titled_again(self, found: list[Detection]) -> Iterator[Detection]:
        """A name found with its title written onto it ("คุณมาลี ทองคำ") written again as that
        title and given name inside a clause ("ติดต่อคุณมาลีได้ที่", contact Ms Malee at): the
        same person. An unspaced script glues the pair to the words on both sides; the pair
        itself, a title and the name after it, is the person's own."""
        lang = self.lang
        if lang.before is None or not lang.title_in_name:
            return
        heads: set[str] = set()
        for det in found:
            head = self.text[det.start : det.end].split(maxsplit=1)[0]
            title = lang.before.match(head)
            if title is not None and title.group("title") is not None and title.end() < len(head):
                heads.add(head)
        for head in heads:
            at = self.text.find(head)
            while at >= 0:
                if not any(d.start <= at < d.end for d in found):
                    yield Detection(at, at + len(head), PERSON)
                at = self.text.find(head, at + len(head))

    def _glued_cues(self) -> Iterator[Detection]:
        """A cue written onto the words before it, ending their run ("บัตรของผู้เสียหาย …", the
        victim's card; "បញ្ជូនកម្មករ …", sent the workers): an unspaced script joins a phrase so.
        The next two runs, neither a stop word nor a place, are the given name and the surname;
        after a cue inside its run, one of them must be a listed name."""
        lang = self.lang
        cues = lang.run_cues
        if cues is None:
            return
        for run in lang.words.finditer(self.text):
            word = run.group()
            found = [cue.end() for cue in cues.finditer(word)]
            if not found or (found[-1] == len(word) and cues.fullmatch(word) is not None):
                continue
            # A cue inside the run ("ผู้เสียหายอีกราย", another victim; "พยานในคดี…", witnesses in
            # the case of …) may be followed by more of the clause: only a listed name after it.
            inside = found[-1] != len(word)
            space = _JOINED_RE.match(self.text, run.end())
            given = lang.words.match(self.text, space.end()) if space is not None else None
            space = _JOINED_RE.match(self.text, given.end()) if given is not None else None
            surname = (
                lang.words.match(self.text, space.end()) if space is not None and given is not None else None
            )
            if given is None or surname is None:
                continue
            if self._stop_run(given.group()) or self._stop_run(surname.group()):
                continue
            if self.is_place(surname.group()):
                continue
            # A listed given name may spell a place too (Thai "มาลี", Mali): after a cue and before
            # a surname it is the person's.
            if self.is_place(given.group()) and given.group() not in lang.given:
                continue
            if inside and given.group() not in lang.given and surname.group() not in lang.surnames:
                continue
            yield Detection(given.start(), surname.end(), PERSON)
            yield from self._coordinated(surname.end())

    def _listed_pairs(self) -> Iterator[Detection]:
        """A listed given name, a space and a listed family name, each a run of its own
        ("... ของ ธนากร ศรีสุข รวม ..."): a name with no title or cue. Both lists must agree;
        neither run may start with a stop word or be a place."""
        lang = self.lang
        if not lang.given or not lang.surnames:
            return
        # Khmer writes the family name first ("សុខ ដារ៉ា").
        first_names, second_names = (
            (lang.surnames, lang.given) if lang.family_first else (lang.given, lang.surnames)
        )
        for given in lang.words.finditer(self.text):
            if given.group() not in first_names or self._stop_run(given.group()):
                continue
            space = _JOINED_RE.match(self.text, given.end())
            surname = lang.words.match(self.text, space.end()) if space is not None else None
            if (
                surname is not None
                # The second run unlisted: a name still when a bracket follows it, where a report
                # writes a person's contact or age ("ម៉ៅ សុភី (012 ...)").
                and (surname.group() in second_names or _BRACKET_NEXT_RE.match(self.text, surname.end()))
                and not self._stop_run(surname.group())
                and not self.is_place(given.group())
                and not self.is_place(surname.group())
            ):
                yield Detection(given.start(), surname.end(), PERSON)

    def _titled(self) -> Iterator[Detection]:
        lang = self.lang
        if lang.before is None:
            return
        for match in lang.before.finditer(self.text):
            if lang.not_names is not None and lang.not_names.match(self.text, match.start()):
                continue
            if match.group("title") is None and (
                match.end() == match.end("cue") or self._title_finds_name(match.end())
            ):
                continue  # a cue is written apart from the name; a title after it finds the name
            given = lang.words.match(self.text, match.end())
            if given is None or self._stop_run(given.group()):
                continue
            title = match.group("title")
            glued = title is not None and match.end("title") == match.end()
            if title in lang.weak_titles and not glued:
                continue  # "ကို" apart is the object's particle, "မ" apart a syllable
            if glued and not self._starts_name(given.start(), title, given.end()):
                continue
            end = given.end()
            space = _JOINED_RE.match(self.text, end)
            surname = (
                lang.words.match(self.text, space.end())
                if space is not None and not lang.single_run
                else None
            )
            if surname is not None and not self._stop_run(surname.group()):
                end = end if self.is_place(surname.group()) else surname.end()
            # A title, a run and a surname are a person even if the run spells a place ("มาลี").
            if end > given.end() or not self.is_place(given.group()):
                start = match.start("title") if glued and lang.title_in_name else given.start()
                yield Detection(start, end, PERSON)
                yield from self._coordinated(end)

    def _title_finds_name(self, pos: int) -> bool:
        """A title at `pos` starts a name the title's rule finds. A weak title's letter may only
        begin the name's first syllable ("တိုင်ကြားသူ မင်းသူရ": "မ" of "မင်း"); then the cue's
        rule must find it."""
        lang = self.lang
        after = lang.before.match(self.text, pos) if lang.before is not None else None
        if after is None or after.group("title") is None:
            return after is not None
        title = after.group("title")
        if title not in lang.weak_titles:
            return True
        run = lang.words.match(self.text, after.end())
        return (
            run is not None
            and after.end("title") == after.end()
            and self._starts_name(run.start(), title, run.end())
        )

    def _starts_name(self, start: int, title: str, end: int) -> bool:
        """A name may start at `start`, right after a title written onto it; after a weak title
        ("မ", also "not") its run, ending at `end`, must stand as a noun."""
        lang = self.lang
        if lang.name_start is not None and lang.name_start.match(self.text, start) is None:
            return False
        if title not in lang.weak_titles:
            return True
        if self.text[end : end + 1] in _NOUN_END:
            return True
        space = _JOINED_RE.match(self.text, end)
        if space is None:
            return False
        # One postposition or several written together ("တို့ကို", plural and object).
        word = _WORD_RE.match(self.text, space.end())
        rest = word.group() if word is not None else ""
        while rest:
            # The longest first: "ကို" (object) before "က" (subject).
            particle = next(
                (p for p in sorted(lang.postpositions, key=len, reverse=True) if rest.startswith(p)), None
            )
            if particle is None:
                return rest in _NOUN_END
            rest = rest[len(particle) :]
        return True

    def _glued_titles(self) -> Iterator[Detection]:
        """A title written onto the words before it ("จับกุมนายอนุชา แก้วมณี", arrested Mr Anucha
        Kaewmanee; "บ้านของนายสมชาย", the house of Mr Somchai): the rest of its run is the given
        name, the next run the surname. The title must stand between two words: a corpus word
        ends right before it, and none holds it ("ขอบคุณ", thank you) or starts with it
        ("นายหน้า", broker)."""
        lang = self.lang
        if lang.glued is None:
            return
        for match in lang.glued.finditer(self.text):
            run = lang.words.match(self.text, match.end())
            if run is None or self._stop_run(run.group()) or not self._between_words(match):
                continue
            if lang.not_names is not None and lang.not_names.match(self.text, match.start()):
                continue
            end = run.end()
            space = _JOINED_RE.match(self.text, end)
            surname = lang.words.match(self.text, space.end()) if space is not None else None
            if (
                surname is not None
                and not self._stop_run(surname.group())
                and not self.is_place(surname.group())
            ):
                end = surname.end()
            yield Detection(match.start() if lang.title_in_name else run.start(), end, PERSON)
            yield from self._coordinated(end)

    def _between_words(self, title: re.Match[str]) -> bool:
        """A word of the corpus ends where the title starts, and no word holds the whole title
        ("ขอบคุณ", "เจ้านาย") or starts with it and goes on ("นายหน้า"). (A word that ends inside
        the title, "มน" in "จับกุมนาย", is a wrong cut of the words before it.)"""
        words, text = self.lang.vocabulary, self.text
        start, end = title.start(), title.end()
        low = max(start - _LONGEST_GLUED_WORD, 0)
        high = min(end + _LONGEST_GLUED_WORD, len(text))
        if not any(text[q:start] in words for q in range(low, start)):
            return False
        return not any(
            text[q:r] in words for q in range(low, start + 1) for r in range(end + (q == start), high + 1)
        )

    def _coordinated(self, end: int) -> Iterator[Detection]:
        """After a name, "and" and a given name and a surname ("... และ สมศรี มีสุข"): the
        second person. Both runs must be names' (no stop word, no place)."""
        for _ in range(_MAX_COORDINATED):
            link = _COORDINATOR_RE.match(self.text, end)
            titled = self._titled_link(end)
            if titled is not None:
                first, start = titled
            elif link is None or link.group("word") not in self.lang.coordinators:
                return
            else:
                first = start = link.end()
            given = self.lang.words.match(self.text, start)
            space = _JOINED_RE.match(self.text, given.end()) if given is not None else None
            surname = self.lang.words.match(self.text, space.end()) if space is not None else None
            if (
                given is None
                or surname is None
                or any(self._stop_run(run.group()) or self.is_place(run.group()) for run in (given, surname))
            ):
                return
            yield Detection(first, surname.end(), PERSON)
            end = surname.end()

    def _titled_link(self, end: int) -> tuple[int, int] | None:
        """After `end`, "and" written onto the next name's title ("... และคุณวิไล ...", and Ms
        Wilai; one run, which no title or cue rule reads): where the person's span starts (the
        title's start if a title is part of the name) and where the given name starts."""
        lang = self.lang
        space = _JOINED_RE.match(self.text, end)
        if space is None or not lang.titles:
            return None
        pos = space.end()
        link = next((c for c in lang.coordinators if self.text.startswith(c, pos)), None)
        if link is None:
            return None
        pos += len(link)
        title = next(
            (t for t in sorted(lang.titles, key=len, reverse=True) if self.text.startswith(t, pos)), None
        )
        if title is None or title in lang.weak_titles:
            return None
        if lang.not_names is not None and lang.not_names.match(self.text, pos):
            return None  # "และคุณภาพ": and quality
        given = lang.words.match(self.text, pos + len(title))
        if given is None or not self._starts_name(given.start(), title, given.end()):
            return None
        return (pos if lang.title_in_name else given.start()), given.start()

    def _stop_run(self, run: str) -> bool:
        """The run begins with a stop word, is a marker or ends as a phrase does: a verb or a
        phrase, not a name."""
        lang = self.lang
        return (
            any(run.startswith(word) for word in lang.stop)
            or run in lang.markers
            or (bool(lang.phrase_endings) and run.endswith(lang.phrase_endings))
        )
