"""A person's other forms written in brackets beside a name, in any script.

Reports write a name's nickname, its spelling in another script, its reading or its full form in
brackets right after it: "Wilhelmina (Willy) de Groot-Bakker", "Tan Mei Ling（陈美玲）",
"I. Popa (Ilinca Popa)", "中村 翔太（なかむら しょうた）", "南宮 鎭赫 (남궁진혁)". Once one side is found
as a name, the other is the same person; a name in kanji or hanja followed by its reading in kana
or hangul is a name even when no list knows it (places have readings too, and are left).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Container, Iterator

import regex

from shared.anonymization.detectors import PERSON, Detection
from shared.anonymization.names import NameWords, frequent_words, load_name_words
from shared.anonymization.script_names import bundled_script_names, hangul_has_final, korean_bracket_aside

# Brackets right after a name holding letters only: no digits ("(45)", "（男，35岁）"), no list.
# The nickname may be quoted inside the brackets ("Παναγιώτης Λάμπρου («Λάμπης»)").
_AFTER_RE = regex.compile(
    r"[ \t]?[(（][«\"“„‘']?([\p{L}\p{M}][\p{L}\p{M} .'’・-]{0,38}[\p{L}\p{M}.]?)[»\"”“’']?[)）]"
)
# After "Given (Nick)": name particles and up to two capitalized words ("de Groot-Bakker").
_CONTINUED_RE = regex.compile(
    r"[ \t]+((?:(?:van|von|de|der|den|del|della|di|da|du|la|le|ten|ter|dos|das|do|bin|al|el)[ \t]+){0,2}"
    r"\p{Lu}[\p{L}\p{M}'’-]+(?:[ \t]+\p{Lu}[\p{L}\p{M}'’-]+)?)"
)
# A Chinese character: a reading in brackets is looked for only in a text that has one.
_HAN_RE = regex.compile(r"\p{Han}")
# In an uncased script, one word right before punctuation ("יוסי (יוסף) אלמוג,").
_CONTINUED_UNCASED_RE = regex.compile(r"[ \t]+([\p{Lo}\p{M}'’״׳-]{2,20})(?=[,.;:،؛]|$)")
# The words right before brackets: up to three capitalized words or initials.
_BEFORE_RE = regex.compile(
    r"(?:(?<![\p{L}\p{M}.])(?:\p{Lu}\.(?:[ \t]?-[ \t]?)?[ \t]?|\p{Lu}[\p{L}\p{M}'’-]+[ \t]+)){1,3}?"
    r"(?:\p{Lu}[\p{L}\p{M}'’-]+)?[ \t]?[(（]\Z"
)
# A kanji (or hanja) name, perhaps with a katakana or hiragana given name, and its reading in kana
# or hangul in brackets: "中村 翔太（なかむら しょうた）", "加藤 ヨシエ（カトウ ヨシエ）". The press
# may set the reading's parts apart with "・" and go on after a comma with an age or a birth date
# ("（なかむら・しょうた、35）", "(나카무라 쇼타, 1990년생)").
_READING_RE = regex.compile(
    r"(?<![\p{Han}\p{Hiragana}\p{Katakana}ー])"
    r"(?P<name>\p{Han}[\p{Han}\p{Katakana}ー]{0,4}(?:[ 　][\p{Han}\p{Katakana}\p{Hiragana}ー]{1,5})?)"
    r"[ \t]?[(（](?P<reading>[\p{Hiragana}\p{Katakana}ー]{2,8}(?:[ 　・][\p{Hiragana}\p{Katakana}ー]{1,8})?"
    r"|\p{Hangul}{2,5}(?:[ ]\p{Hangul}{1,4})?)(?:[,，、][^()（）\n]{1,40})?[)）]"
)
# A Korean or Chinese name in hanzi with its reading in katakana, written with "・" between the
# syllables of a foreign name: "在日韓国人の李善姫（イ・ソンヒ）さん".
_FOREIGN_READING_RE = regex.compile(
    r"(?<![\p{Han}\p{Katakana}ー])(?P<name>\p{Han}{2,4})[(（]"
    r"(?P<reading>\p{Katakana}[\p{Katakana}ー]*(?:・\p{Katakana}[\p{Katakana}ー]*)+)[)）]"
)
# "Anna (Mia) Jansen": a given name, a nickname in brackets, a surname (both names listed).
_NICKNAMED_RE = regex.compile(
    r"(?<![\p{L}\p{M}])(?P<given>\p{Lu}\p{Ll}+)[ \t]\((?P<nick>\p{Lu}\p{Ll}+)\)(?=[ \t]+"
    r"(?:(?:van|von|de|der|den|del|della|di|da|du|la|le|ten|ter|dos|das|do)[ \t]+){0,2}\p{Lu})"
)
_CASED_RE = regex.compile(r"[\p{Lu}\p{Ll}]")
# Words in Chinese characters, perhaps a few ("住所 大阪市"; "、" stays outside the brackets' letters).
_HAN_ONLY_RE = regex.compile(r"[\p{Han}々]+(?:[ 　][\p{Han}々]+)*")
_SPACE_RE = regex.compile(r"[ 　・]")
_CJK_NAME_RE = regex.compile(
    r"[\p{Han}々\p{Hiragana}\p{Katakana}ー・][\p{Han}々\p{Hiragana}\p{Katakana}ー・ 　]*"
)
_PUNCTUATION = ".,;:()（）\"'’«»“”-"
_MAX_ALIAS_WORDS = 4
_ACRONYM_MAX = 5
Places = Callable[[], Container[str]]


def find_aliases(
    text: str, found: list[Detection], not_names: Container[str], given: Container[str], places: Places
) -> Iterator[Detection]:
    """PERSON spans for the other forms of the names in `found` (and for kanji names with their
    reading). `not_names`: lowercase words that are never a name in brackets (roles, kinship);
    `given`: lowercase given names (a town named "Mia" in brackets after "Maria" is her
    nickname); `places`: lowercased place names."""
    if "(" not in text and "（" not in text:
        return
    found = list(found)
    for match in _NICKNAMED_RE.finditer(text):
        if match.group("given").lower() in given and match.group("nick").lower() in given:
            found.append(Detection(match.start(), match.end("given"), PERSON))
            yield found[-1]
    for det in found:
        if det.kind != PERSON:
            continue
        yield from _after(text, det, not_names, given, places)
        yield from _before(text, det)
    if "（" in text or _HAN_RE.search(text) is not None:
        for pattern in (_READING_RE, _FOREIGN_READING_RE):
            for match in pattern.finditer(text):
                if match.group("name").replace(" ", "").lower() in places():
                    continue
                yield Detection(_reading_name_start(match), match.end("name"), PERSON)
                yield Detection(match.start("reading"), match.end("reading"), PERSON)


def _reading_name_start(match: regex.Match[str]) -> int:
    """Where the name before its reading starts: a word a space before a name written without
    one is a role when the reading has one part or the word ends as roles do ("会社員 中村翔太
    （なかむら・しょうた）")."""
    name = match.group("name")
    space = _SPACE_RE.search(name)
    if space is None:
        return match.start("name")
    first = name[: space.start()]
    if _SPACE_RE.search(match.group("reading")) is None or first.endswith(
        bundled_script_names().japanese_role_endings
    ):
        return match.start("name") + space.end()
    return match.start("name")


# "Rodelio "Jun" Macaraeg", "Teodora “Dora” Macapagal": a nickname in quotes between a given
# name and a surname.
# The given names may be two ("Juan Manuel"), the quotes low-high ("„Fane"", "‚Bubi'") and the
# nickname an article and a word ("el Rubio", "il Biondo").
_QUOTED_NICKNAME_RE = regex.compile(
    r"(?<![\p{L}\p{M}])(?P<given>\p{Lu}\p{Ll}+)(?:[ \t](?P<second>\p{Lu}\p{Ll}+))?[ \t][\"“«‘'„‚»]"
    r"(?:(?:el|la|lo|il|le|o|a|der|die|the)[ \t])?(?P<nick>\p{Lu}\p{Ll}+)[\"”»’'“‘«][ \t]+"
    r"(?:(?i:van|von|de|der|del|della|di|da|du|la|le|dela|delos|dos|das|do)[ \t]+){0,2}\p{Lu}[\p{L}\p{M}'’-]+"
)


# A short quoted run of letters: a nickname's shape (no digit, "@" or "/" of a handle or a link).
_QUOTED_RE = regex.compile(
    r"[\"“«„‚‘'「『](?P<nick>[\p{L}\p{M}][\p{L}\p{M}'’.-]*(?:[ \t][\p{L}\p{M}'’.-]+){0,2})[\"”»“’'」』]"
)
_QUOTED_MAX = 25
# What may stand between a nickname's cue and the quote ("nickname: "...", "(ชื่อเล่น "...")").
_CUE_GAP = " \t:：,"


def find_quoted_nicknames(
    text: str, given: Container[str], cues: tuple[str, ...] | None = None
) -> Iterator[Detection]:
    """A given name, a nickname in quotes and a surname ("Rodelio "Jun" Macaraeg"): one person,
    when a list knows the given name or the nickname as a given name (`given`: lowercase). And a
    quoted nickname after a word that says so ('nickname "Bebo"', 'כינוי "קובי"'; `cues`:
    names.yaml's nickname_cues, lowercase)."""
    yield from _cued_nicknames(text, load_name_words().nickname_cues if cues is None else cues)
    for match in _QUOTED_NICKNAME_RE.finditer(text):
        second = match.group("second")
        if match.group("given").lower() in given:
            yield Detection(match.start(), match.end(), PERSON)
        elif (second and second.lower() in given) or match.group("nick").lower() in given:
            # "Zatrzymano Mirosława „Mirka” ...": the word before a listed given name is a verb.
            yield Detection(match.start("second") if second else match.start(), match.end(), PERSON)


def _cued_nicknames(text: str, cues: tuple[str, ...]) -> Iterator[Detection]:
    for match in _QUOTED_RE.finditer(text):
        if len(match.group("nick")) > _QUOTED_MAX:
            continue
        before = text[max(0, match.start() - 30) : match.start()].rstrip(_CUE_GAP).lower()
        for cue in cues:
            # A cased cue a word of its own ("nickname", not the end of "xnickname"); Chinese,
            # Japanese and Thai write words without spaces ("男子外号").
            if before.endswith(cue) and not (
                cue[0] != cue[0].upper() and before[: len(before) - len(cue)][-1:].isalpha()
            ):
                yield Detection(match.start("nick"), match.end("nick"), PERSON)
                break


# The words of a name: split at spaces, and after an initial written onto the name with no
# space ("Д.Сарангэрэл ... Сарангэрэл"), as Mongolian and Central Asian records write it.
_NAME_PARTS_RE = regex.compile(r"\s+|(?<=\b\w\.)(?=\w)")


def find_repeated(
    text: str,
    found: list[Detection],
    not_names: Container[str],
    common: Container[str],
    endings: NameWords | None = None,
) -> Iterator[Detection]:
    """A part of a found name written alone elsewhere in the text ("Ana Kowalczyk ... Kowalczyk
    said"): the same person. Parts of names of two words or more, of three letters or more,
    capitalized in a cased script, that are no role, stop or common word (`not_names`,
    `common`: lowercase), as written or declined (`endings`: the name words' base and case
    endings, the bundled ones when None)."""
    parts: set[str] = set()
    # One-word names ("Peťo" in brackets, "Jana" after a cue): only their declined forms are
    # looked for, the plain word again being as likely a word of the text as the name.
    alone: set[str] = set()
    spans = []
    for det in found:
        if det.kind != PERSON:
            continue
        spans.append((det.start, det.end))
        value = text[det.start : det.end]
        name_parts: list[str] = _NAME_PARTS_RE.split(value)
        for word in (_without_apostrophe_suffix(w.strip(_PUNCTUATION)) for w in name_parts):
            lower = word.lower()
            if (
                len(word) > 2
                and not word[0].islower()  # capitalized, or of an uncased script
                and not word.isupper()  # no acronym
                and lower not in not_names
                and lower not in common
            ):
                (parts if len(name_parts) > 1 else alone).add(word)
    words = load_name_words() if endings is None else endings
    names = parts | alone
    forms = _mutated(names, words.name_initial_mutations, words.name_slender_after)
    forms |= _changed_endings(names, words.name_ending_changes)
    for form in forms:
        yield from _found_again(text, form, spans, not_names, common)
    for part in parts:
        # str.find per part (a handful per text): no pattern is compiled per text.
        at = text.find(part)
        while at >= 0:
            end = at + len(part)
            if (
                (not _glued(text, at - 1) or _after_glued_prefix(text, at, part, words.glued_prefixes))
                and not _glued(text, end)
                and not any(start <= at < stop for start, stop in spans)
            ):
                yield Detection(at, _apostrophe_suffix_end(text, end), PERSON)
            at = text.find(part, end)
    if words.name_case_endings:
        frequent = frequent_words()
        alone = {word for word in alone if word.lower() not in frequent}
        declined = parts | alone
        declined |= _weak_grades(declined, words.name_weak_grades)
        endings_of = (words.name_base_endings, words.name_case_endings, words.name_bare_stem_endings)
        for at, end in _inflected(text, declined, spans, *endings_of):
            # A frequent word is that word ("Flor" -> "Flores", "Grove" -> "Groves").
            lower = text[at:end].lower()
            if lower not in not_names and lower not in common and lower not in frequent:
                yield Detection(at, end, PERSON)


def _mutated(
    parts: set[str], mutations: tuple[tuple[str, str], ...], slender_after: Container[str]
) -> set[str]:
    """The parts' forms mutated at the start, made slender at the end, or both ("Seán" ->
    "Sheán", "Seáin", "Sheáin"; `mutations`: plain and mutated first letters; `slender_after`:
    the vowels an "i" is written after)."""
    out: set[str] = set()
    for part in parts:
        slender = _slender(part, slender_after)
        forms = [part] if slender is None else [part, slender]
        for form in forms:
            if form != part:
                out.add(form)
            for plain, mutated in mutations:
                rest = form[len(plain) :]
                # A form written mutated already ("Bhriain") is not mutated again.
                if form.startswith(plain) and rest[:1].islower() and not form.startswith(mutated):
                    out.add(mutated + rest)
    return out


def _changed_endings(parts: set[str], changes: tuple[tuple[str, str], ...]) -> set[str]:
    """The parts of _CHANGED_MIN letters or more declined with a stem that changes ("Jānis" ->
    "Jāņa"; `changes`: plain and declined endings)."""
    return {
        part[: len(part) - len(plain)] + declined
        for part in parts
        for plain, declined in changes
        if part.endswith(plain)
        and len(part) >= max(_CHANGED_MIN, len(plain) + 2)
        and part[0].isupper()
    }


# The fewest letters of a name whose stem changes as it is declined ("Jānis").
_CHANGED_MIN = 5


def _slender(part: str, after: Container[str]) -> str | None:
    """The part with an "i" before its last consonants when a broad vowel ends its last syllable
    ("Ciarán" -> "Ciaráin"); None when it ends in a vowel or no such vowel is there."""
    k = len(part)
    while k > 0 and part[k - 1].isalpha() and part[k - 1].lower() not in _VOWELS:
        k -= 1
    if k < _SLENDER_STEM_MIN or k == len(part) or part[k - 1].lower() not in after:
        return None
    return part[:k] + "i" + part[k:]


_VOWELS = frozenset("aeiouyáéíóúàèìòùâêîôûäëïöü")
# The fewest letters before a name's last consonants that are made slender ("Seán" -> "Seáin").
_SLENDER_STEM_MIN = 3


def _found_again(
    text: str, form: str, spans: list[tuple[int, int]], not_names: Container[str], common: Container[str]
) -> Iterator[Detection]:
    """A mutated form of a found name part written alone, a whole word outside the found names
    and no frequent word ("Sheán", but not "Fair" of "Mair")."""
    lower = form.lower()
    if len(form) < _STEM_MIN or lower in not_names or lower in common or lower in frequent_words():
        return
    at = text.find(form)
    while at >= 0:
        end = at + len(form)
        inside = any(start < end and at < stop for start, stop in spans)
        if not inside and not _glued(text, at - 1) and not _glued(text, end):
            yield Detection(at, end, PERSON)
        at = text.find(form, end)


# Turkish, Azerbaijani and Kazakh write a case suffix after an apostrophe ("Polat'ı", "Öztürk'ün"):
# the name is the part before it, and the suffix goes with the name when it is written again.
_APOSTROPHE_SUFFIX_RE = regex.compile(r"['’]\p{Ll}{1,6}(?![\p{L}\p{M}])")
# The fewest letters of a name before an apostrophe suffix ("O'Neil" keeps its "O'").
_APOSTROPHE_STEM_MIN = 3


def _without_apostrophe_suffix(word: str) -> str:
    """`word` less a lowercase suffix written after an apostrophe ("Polat'tı" -> "Polat")."""
    for k, ch in enumerate(word):
        if ch in "'’" and k >= _APOSTROPHE_STEM_MIN and _APOSTROPHE_SUFFIX_RE.fullmatch(word, k):
            return word[:k]
    return word


def _apostrophe_suffix_end(text: str, end: int) -> int:
    """Where a name ending at `end` ends with a suffix written after an apostrophe ("Polat'ı")."""
    match = _APOSTROPHE_SUFFIX_RE.match(text, end)
    return match.end() if match else end


def _weak_grades(parts: set[str], grades: tuple[tuple[str, str], ...]) -> set[str]:
    """The weak grade of the parts whose last syllable opens with a strong consonant pair
    ("Mikko" -> "Miko", declined "Mikolle"; `grades`: strong and weak pairs, lowercase)."""
    out: set[str] = set()
    for part in parts:
        for strong, weak in grades:
            k = len(part) - len(strong) - 1
            if k > 0 and part[k:-1] == strong and part[-1] in _FINNISH_VOWELS:
                out.add(part[:k] + weak + part[-1])
    return out


_FINNISH_VOWELS = frozenset("aeiouyäö")


def _after_glued_prefix(text: str, at: int, part: str, prefixes: Container[str]) -> bool:
    """The letters glued before text[at] are a conjunction or preposition of an uncased script
    ("و", "ب", "ל") opening the word: the name part written again after it ("بخالد")."""
    if part[0].lower() != part[0].upper():
        return False
    k = at
    while k > 0 and text[k - 1].isalpha() and at - k <= _PREFIX_MAX:
        k -= 1
    return 0 < at - k <= _PREFIX_MAX and not _glued(text, k - 1) and text[k:at] in prefixes


# The longest glued prefix (two letters: "وب", "כש").
_PREFIX_MAX = 2


def _inflected(
    text: str,
    parts: set[str],
    spans: list[tuple[int, int]],
    base_endings: tuple[str, ...],
    case_endings: Container[str],
    bare_stem_endings: tuple[str, ...] = (),
) -> set[tuple[int, int]]:
    """Spans of the words that decline a part of a found name: the part's stem (the part less one
    of `base_endings`, of _STEM_MIN letters or more) and one of `case_endings` ("Ирина" ->
    "Ирину", "Wrzesińska" -> "Wrzesińskiej", "Osterkamp" -> "Osterkamps"). Greek drops a final
    sigma alone ("Ιωάννης" -> "Ιωάννη"); a stem ending in one of `bare_stem_endings` is the plain
    form ("Алієва" -> "Алієв"). Only parts of a cased script: an uncased script's word
    ends are no case endings, except Georgian's."""
    out: set[tuple[int, int]] = set()
    for part in parts:
        if not part[0].isupper() and _CASE_ENDING_SCRIPT_RE.match(part) is None:
            continue
        lower = part.lower()
        for base in ("", *base_endings):
            stem = part[: len(part) - len(base)]
            if not lower.endswith(base) or len(stem) < _stem_min(stem):
                continue
            at = text.find(stem)
            while at >= 0:
                match = _WORD_REST_RE.match(text, at + len(stem))
                end = match.end() if match else at + len(stem)
                tail = text[at + len(stem) : end].lower()
                if (
                    (tail in case_endings or (not tail and _bare_stem(stem, base, bare_stem_endings)))
                    and text[at:end] != part
                    and not _glued(text, at - 1)
                    and not _glued(text, end)
                    and not any(start < end and at < stop for start, stop in spans)
                ):
                    out.add((at, end))
                at = text.find(stem, at + len(stem))
    return out


# The fewest letters a declined name's stem keeps ("Iwon-a", "Ирин-у"); three in Latin script
# ("Jān-im", "Peť-ovi"), where short given names decline as long ones do.
_STEM_MIN = 4
_LATIN_STEM_MIN = 3
_LATIN_RE = regex.compile(r"\p{Latin}")


def _stem_min(stem: str) -> int:
    """The fewest letters of a declined name's stem in the stem's script."""
    return _LATIN_STEM_MIN if _LATIN_RE.match(stem) is not None else _STEM_MIN
# Georgian writes no capitals but declines a name by endings glued to it ("დავით" ->
# "დავითს", "დავითმა"), as cased scripts do: its names are declined too.
_CASE_ENDING_SCRIPT_RE = regex.compile(r"\p{Georgian}")
_WORD_REST_RE = regex.compile(r"[\p{L}\p{M}]{1,5}")



def _bare_stem(stem: str, base: str, bare_stem_endings: tuple[str, ...]) -> bool:
    """The stem less its ending is a form of the name too: Greek drops a final sigma alone, and a
    surname's stem in -ов, -ин is its masculine plain form."""
    return base.endswith("ς") or (bool(base) and stem.lower().endswith(bare_stem_endings))

def find_repeated_cjk(
    text: str,
    found: list[Detection],
    particles: tuple[str, ...],
    family_names: Container[str],
    *,
    korean_surnames: Container[str] = frozenset(),
    name_ends: Collection[str] = frozenset(),
) -> Iterator[Detection]:
    """A Chinese, Japanese or Korean name found once, written again without its cue ("강태민은",
    "斉藤蓮 ... 斉藤の自宅"): the whole name of three characters or more (of two in hangul,
    "하늘(여, 72) ... 하늘 님"), and in kanji the family
    name alone (`family_names`: listed Japanese ones of two characters or more) before a
    character that is not a kanji, also when that family name was all that was found. A Korean
    name stands apart from other hangul, or carries one of `particles`.

    People who know one another call a Korean by the given name and a Japanese by the given name
    or the family name, so the parts of a found full name are the person too: the given name
    after a listed Korean surname (`korean_surnames`; "이도윤 ... 도윤 님", "유하늘 ... 하늘이가"),
    and the family and the given name of a Japanese name written as two parts (a space between
    them, or kanji then kana: "阿部 さくら ... 阿部の", "小林みゆき ... みゆきが"), the given name
    standing apart or before one of `name_ends` (particles and honorifics)."""
    spans = [(d.start, d.end) for d in found if d.kind == PERSON]
    forms: dict[str, str] = {}
    for start, end in spans:
        value = text[start:end]
        if _HANGUL_NAME_RE.fullmatch(value):
            # A Korean name of two syllables ("하늘(여, 72)") is as much a name when written again.
            forms[value] = "hangul"
            given = _korean_given(value, korean_surnames)
            if given:
                forms.setdefault(given, "given")
        elif len(value) >= _CJK_REPEAT_MIN and _HAN_NAME_RE.fullmatch(value):
            forms[value] = "han"
            for k in (3, 2):
                if len(value) > k and value[:k] in family_names:
                    forms.setdefault(value[:k], "family")
                    if len(value) - k >= _GIVEN_REPEAT_MIN:
                        forms.setdefault(value[k:], "kanji")
                    break
        elif _HANGUL_SPACED_RE.fullmatch(value):
            # A foreigner's name in hangul, its parts spaced ("마이클 로버트 존슨"): the report goes
            # on by a family name, a later part ("존슨의", "가르시아 씨").
            for part in value.split()[1:]:
                if len(part) >= _KOREAN_GIVEN_LEN:
                    forms.setdefault(part, "hangul")
        elif _JOINED_NAME_RE.fullmatch(value):
            # A foreign name transliterated into Chinese or katakana, its parts joined by "·",
            # "・" or "＝" ("约翰·史密斯", "グエン・ヴァン・ナム"): a report goes on calling the person
            # by one part, the family name ("史密斯称", "グエン容疑者"), which comes last or first.
            for part in _JOINER_RE.split(value):
                if len(part) >= (_GIVEN_REPEAT_MIN if _KANA_RE.match(part) else _CJK_REPEAT_MIN):
                    forms.setdefault(part, "joined")
        elif value in family_names and _HIRAGANA_RE.search(text) is not None:
            # A Japanese family name found alone ("被害者の森田は"): a police note goes on calling
            # the person so ("森田の夫が").
            forms.setdefault(value, "family")
        elif (parts := _JAPANESE_PARTS_RE.fullmatch(value)) is not None:
            family, given = parts.group("family"), parts.group("given")
            if family in family_names:
                forms.setdefault(family, "family")
            if len(given) >= _GIVEN_REPEAT_MIN:
                forms.setdefault(given, "kana" if _HAN_NAME_RE.match(given) is None else "kanji")
    yield from _bracket_glosses(text, spans, family_names)
    for reading in list(_kana_readings(text, spans)):
        yield reading
        spans.append((reading.start, reading.end))
        forms.setdefault(text[reading.start : reading.end], "reading")
    queue = list(forms.items())
    while queue:
        form, kind = queue.pop(0)
        at = text.find(form)
        while at >= 0:
            end = at + len(form)
            if not any(start < end and at < stop for start, stop in spans) and _repeat_fits(
                text, at, end, kind, particles, name_ends
            ):
                stop = _given_after(text, end, name_ends) if kind == "family" else end
                yield Detection(at, stop, PERSON)
                # A sibling's given name after the family name is then looked for alone too.
                if stop > end and text[end:stop] not in forms:
                    forms[text[end:stop]] = "kana"
                    queue.append((text[end:stop], "kana"))
            at = text.find(form, end)


_CJK_REPEAT_MIN = 3
# The dots and equals signs Chinese and Japanese write between the parts of a foreign name.
_JOINER_RE = regex.compile(r"[·・＝‧•･=]")
_JOINED_NAME_RE = regex.compile(r"[\p{Han}\p{Katakana}ー]+(?:[·・＝‧•･=][\p{Han}\p{Katakana}ー]+)+")
_HANGUL_NAME_RE = regex.compile(r"\p{Hangul}{2,5}")
_HANGUL_SPACED_RE = regex.compile(r"\p{Hangul}{1,6}(?:[ \t]\p{Hangul}{1,6}){1,2}")
_HAN_NAME_RE = regex.compile(r"[\p{Han}々]{3,6}")
_HAN_OR_KANA_RE = regex.compile(r"[\p{Han}々\p{Katakana}]")
_HANGUL_RE = regex.compile(r"\p{Hangul}")
_KANA_RE = regex.compile(r"[\p{Hiragana}\p{Katakana}ー]")
_HIRAGANA_RE = regex.compile(r"\p{Hiragana}")
# A Japanese name in two parts: kanji family name, then a given name after a space or in kana.
_JAPANESE_PARTS_RE = regex.compile(
    r"(?P<family>[\p{Han}々]{2,3})(?:[ 　](?P<given>[\p{Han}々]{2,4}|[\p{Hiragana}\p{Katakana}ー]{2,6})"
    r"|(?P<given>\p{Hiragana}{2,6}|[\p{Katakana}ー]{2,6}))"
)
_GIVEN_REPEAT_MIN = 2
_JOINED_KANA_RE = regex.compile(r"[\p{Katakana}ー·・＝‧•･=]")
_KANA_GIVEN_RE = regex.compile(r"\p{Hiragana}{2,5}|\p{Katakana}[\p{Katakana}ー]{1,5}")
_LETTER_RE = regex.compile(r"\p{L}")
_KOREAN_GIVEN_LEN = 2


def _repeat_fits(
    text: str, at: int, end: int, kind: str, particles: tuple[str, ...], name_ends: Container[str]
) -> bool:
    """The repeat at text[at:end] stands as a word of its own (see find_repeated_cjk)."""
    if kind in ("hangul", "given"):
        if at > 0 and _HANGUL_RE.match(text[at - 1]):
            return False
        # A given name ending in a consonant takes "이" before a particle when called by it
        # ("하늘이가", "하늘이는").
        if kind == "given" and hangul_has_final(text[end - 1]) and text.startswith("이", end):
            if _HANGUL_RE.match(text, end + 1) is None:
                return True
            end += 1
        particle = next((p for p in particles if text.startswith(p, end)), "")
        return _HANGUL_RE.match(text, end) is None or (
            bool(particle) and _HANGUL_RE.match(text, end + len(particle)) is None
        )
    if kind == "family":
        return _HAN_OR_KANA_RE.match(text, end) is None
    if kind == "reading":
        return (
            not (at > 0 and _KANA_READING_CHAR_RE.match(text[at - 1]))
            and _KANA_READING_CHAR_RE.match(text, end) is None
        )
    if kind == "joined":
        # Not a part of another joined name, nor inside a longer katakana word ("グエン" in
        # "グエンタイ"); a part in Chinese characters runs on into the sentence ("史密斯称").
        neighbours = _JOINED_KANA_RE if _KANA_RE.match(text[at]) else _JOINER_RE
        return not (at > 0 and neighbours.match(text[at - 1])) and neighbours.match(text, end) is None
    if kind in ("kana", "kanji"):
        script = _KANA_RE if kind == "kana" else _HAN_ONLY_RE
        if at > 0 and script.match(text[at - 1]):
            return False
        return end == len(text) or script.match(text[end]) is None or text[end] in name_ends
    return True


def _bracket_glosses(
    text: str, spans: list[tuple[int, int]], family_names: Container[str]
) -> Iterator[Detection]:
    """A name in kanji that glosses a found name in brackets, after it ("ｻﾄｳ ﾊﾙｶ（佐藤遥）") or before
    it ("山田花子(Yamada Hanako)"): a listed family name of two or three kanji and a given name.
    Brackets in kanji may also hold a nationality or a role ("（会社員）"), hence the listed name;
    a run of which a name was found already is that name and a title ("山口先生（山口 誠一）")."""
    for start, end in spans:
        after = _GLOSS_AFTER_RE.match(text, end)
        before = _GLOSS_BEFORE_RE.search(text, max(0, start - _GLOSS_WINDOW), start)
        for match in (after, before):
            if (
                match is not None
                and _listed_full_name(match.group("name"), family_names)
                and not any(a < match.end("name") and match.start("name") < b for a, b in spans)
            ):
                yield Detection(match.start("name"), match.end("name"), PERSON)


def _kana_readings(text: str, spans: list[tuple[int, int]]) -> Iterator[Detection]:
    """The reading of a found name in kanji, written in katakana as forms and bank statements
    give it, family and given name apart by a space, in brackets after the name ("小西 亮（コニシ
    リョウ）") or before it, the kanji in brackets ("ｺﾆｼ ﾘｮｳ（小西 亮）"). One katakana word in brackets
    is as often a job or a status ("（アルバイト）"), so a reading has its two parts."""
    for start, end in spans:
        if _HAN_ONLY_RE.search(text, start, end) is None:
            continue
        after = _READING_AFTER_RE.match(text, end)
        before = _READING_BEFORE_RE.search(text, max(0, start - _READING_WINDOW), start)
        for match in (after, before):
            if match is not None and not any(
                a < match.end("name") and match.start("name") < b for a, b in spans
            ):
                yield Detection(match.start("name"), match.end("name"), PERSON)


# Katakana, full or half width, with the half-width sound marks and the long vowel sign.
_KANA_READING = r"[\p{Katakana}ｰーﾞﾟ]{2,8}[ 　][\p{Katakana}ｰーﾞﾟ]{2,8}"
_KANA_READING_CHAR_RE = regex.compile(r"[\p{Katakana}ｰーﾞﾟ]")
_READING_AFTER_RE = regex.compile(rf"[ \t]?[(（](?P<name>{_KANA_READING})[)）]")
_READING_BEFORE_RE = regex.compile(rf"(?<![\p{{Katakana}}ｰーﾞﾟ])(?P<name>{_KANA_READING})[ \t]?[(（]\Z")
_READING_WINDOW = 20


def _listed_full_name(run: str, family_names: Container[str]) -> bool:
    return any(len(run) > k and run[:k] in family_names for k in (3, 2))


_GLOSS_AFTER_RE = regex.compile(r"[ \t]?[(（](?P<name>[\p{Han}々]{3,5})[)）]")
_GLOSS_BEFORE_RE = regex.compile(r"(?<![\p{Han}々])(?P<name>[\p{Han}々]{3,5})[ \t]?[(（]\Z")
_GLOSS_WINDOW = 8


def _given_after(text: str, end: int, name_ends: Collection[str]) -> int:
    """Where a given name in kana written right after a repeated family name ends ("小林みゆき（",
    a sister of "小林智子"), or `end` when no kana run that is no particle stands there alone."""
    match = _KANA_GIVEN_RE.match(text, end)
    if match is None or any(text.startswith(e, end) for e in name_ends):
        return end
    return match.end() if _LETTER_RE.match(text, match.end()) is None else end


def _korean_given(value: str, surnames: Container[str]) -> str:
    """The given name of two syllables after a listed surname ("이도윤" -> "도윤", "남궁민수" ->
    "민수"), or "" when the name has no such parts."""
    for k in (2, 1):
        if len(value) - k == _KOREAN_GIVEN_LEN and value[:k] in surnames:
            return value[k:]
    return ""


def _glued(text: str, k: int) -> bool:
    """The character at k continues a word (a letter, digit or mark) or joins one into a handle,
    an address or a file name ("_", "@", "-", "/", ".")."""
    if not 0 <= k < len(text):
        return False
    ch = text[k]
    return ch.isalnum() or unicodedata.category(ch)[0] == "M" or ch in "_@-/"


def _alias(
    value: str, not_names: Container[str], given: Container[str], places: Places, *, nickname: bool
) -> bool:
    """Bracketed letters that read as a name: a few words, capitalized in a cased script, no
    acronym, role, kinship word or place ("(Willy)", "(陈美玲)"; not "(Victim)", "(Berlin)"). After
    a lone given name (`nickname`) a listed given name is one even if a town has that name
    ("Maria (Mia) Jansen")."""
    words = value.split()
    if not words or len(words) > _MAX_ALIAS_WORDS:
        return False
    if _CASED_RE.search(value) is not None:
        if not all(w[0].isupper() for w in words):
            return False
        if value.isupper() and len(value) <= _ACRONYM_MAX:
            return False
    if any(w.lower().rstrip(".") in not_names for w in words):
        return False
    return value.lower() not in places() or (nickname and all(w.lower() in given for w in words))


def _after(
    text: str, det: Detection, not_names: Container[str], given: Container[str], places: Places
) -> Iterator[Detection]:
    match = _AFTER_RE.match(text, det.end)
    if match is None:
        return
    # "阮氏秋（越南籍）", "斎藤 亮（会社員）": after a name in Chinese characters or kana, brackets in
    # Chinese characters hold a nationality, a sex or a role; its other form is in another script.
    # So do words in hangul after any name ("(베트남 국적)", "(무직)"): not its reading.
    inside = match.group(1).strip()
    if _CJK_NAME_RE.fullmatch(text, det.start, det.end) and _HAN_ONLY_RE.fullmatch(inside):
        return
    if _HANGUL_RE.search(inside) is not None and korean_bracket_aside(inside):
        return
    alone = " " not in text[det.start : det.end].strip()
    if not _alias(inside, not_names, given, places, nickname=alone):
        return
    # A closing single quote is the quote's, not the nickname's ("('Zygi')").
    quoted = text[match.start(1) - 1] in "'‘"
    yield Detection(match.start(1), match.end(1) - (quoted and match.group(1)[-1] in "'’"), PERSON)
    # "Wilhelmina (Willy) de Groot-Bakker": a given name, the nickname, then the surname.
    if not alone:
        return
    cased = _CASED_RE.search(text, det.start, det.end) is not None
    pattern = _CONTINUED_RE if cased else _CONTINUED_UNCASED_RE
    more = pattern.match(text, match.end())
    if more is not None and all(w.lower() not in not_names for w in more.group(1).split() if w[0].isupper()):
        yield Detection(more.start(1), more.end(1), PERSON)


def _before(text: str, det: Detection) -> Iterator[Detection]:
    """ "I. Popa (Ilinca Popa)": the words before the brackets share a word or the initials of the
    name inside them."""
    k = det.start
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    if k == 0 or text[k - 1] not in "(（" or text[det.end : det.end + 1] not in ")）":
        return
    match = _BEFORE_RE.search(text, max(0, k - 48), k)
    if match is None:
        return
    before = regex.sub(r"[ \t]?[(（]\Z", "", match.group())
    inside = text[det.start : det.end].replace("-", " ").split()
    words = before.replace("-", " ").split()
    if not words or not inside:
        return
    initials = {w[0] for w in inside}
    shared = {w.lower() for w in words if not w.endswith(".")} & {w.lower() for w in inside}
    if shared or all(w.endswith(".") and w[0] in initials for w in words):
        yield Detection(match.start(), match.start() + len(before), PERSON)


def with_last_part(text: str, found: list[Detection], is_word: Callable[[str], bool]) -> list[Detection]:
    """Found names of two words or more in a script without capitals, followed by one more word of
    the same script and then a comma or an opening bracket, with that word: the name's last part, a
    family name no list has ("احمد شاه ستانکزی،", "अली रेझा होसैनी (", "ജോസഫ് മാത്യു പുളിക്കൽ (").
    Such scripts give no capital to tell where a name ends, and a name is the part of a clause
    that a comma or a bracketed aside (an id, a birth date) closes; a verb or a place there is
    read as one by `is_word` (frequent words and places, lowercase)."""
    taken = [(d.start, d.end) for d in found]
    out: list[Detection] = []
    for det in found:
        if det.kind == PERSON:
            det = _with_last_part(text, det, taken, is_word)
        out.append(det)
    return out


def _with_last_part(
    text: str, det: Detection, taken: list[tuple[int, int]], is_word: Callable[[str], bool]
) -> Detection:
    value = text[det.start : det.end]
    words = value.split()
    if len(words) < 2 or any(_script(w) is None for w in words):
        return det
    match = _LAST_PART_RE.match(text, det.end)
    if match is None:
        return det
    word = match.group(1)
    start, end = match.span(1)
    if (
        _script(word) != _script(words[-1])
        or is_word(word.lower())
        or any(a < end and start < b for a, b in taken)
    ):
        return det
    return Detection(det.start, end, det.kind)


def _script(word: str) -> str | None:
    """The script of a word written all in one script without capitals (its letters' Unicode
    name's first word: "ARABIC", "DEVANAGARI"), None for a cased or an ideographic one, or a mix."""
    scripts = {unicodedata.name(ch, "?").split()[0] for ch in word if unicodedata.category(ch)[0] == "L"}
    if len(scripts) != 1:
        return None
    script = scripts.pop()
    return None if script in _CASED_OR_IDEOGRAPHIC else script


# Scripts with capitals (a name ends where they do) and those written without spaces.
_CASED_OR_IDEOGRAPHIC = frozenset(
    {"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CJK", "HANGUL", "HIRAGANA", "KATAKANA", "?"}
)
# One word, then a comma or an opening bracket ("،", "(").
_LAST_PART_RE = regex.compile(r"[ \t]([\p{L}\p{M}\u200c\u200d]{2,20})(?=[ \t]?[,،(（;؛])")
