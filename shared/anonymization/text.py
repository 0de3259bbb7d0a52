"""TextAnonymizer: finds personal data in free text and replaces it per the policy."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import regex

from shared.anonymization import contextual, detectors, numbers
from shared.anonymization.aliases import (
    find_aliases,
    find_quoted_nicknames,
    find_repeated,
    find_repeated_cjk,
    with_last_part,
)
from shared.anonymization.detectors import Detection, SpanIndex, select_disjoint
from shared.anonymization.file_paths import with_accounts
from shared.anonymization.firms import keep_firms
from shared.anonymization.identity_numbers import find_identity_numbers, ids_beside_persons
from shared.anonymization.informal_names import InformalNames, load_informal_rules
from shared.anonymization.local_words import LocalWords
from shared.anonymization.machine_zones import find_machine_zones
from shared.anonymization.names import (
    PersonDetector,
    frequent_lower_words,
    keep_quoted_products,
    very_frequent_words,
    with_initials_beside,
    with_name_endings,
    without_currencies,
)
from shared.anonymization.normalize import normalize
from shared.anonymization.parties import attribute
from shared.anonymization.policy import Policy, load_policy
from shared.anonymization.records import find_records
from shared.anonymization.script_names import (
    cjk_word,
    find_in_script_names,
    find_script_names,
    with_korean_particles,
)
from shared.anonymization.scripts import ForeignScriptNames, load_places
from shared.anonymization.street_lines import (
    extend_line_ends,
    find_script_lines,
    find_street_lines,
    keep_named_places,
    without_amounts,
)
from shared.anonymization.table_columns import find_name_columns
from shared.anonymization.word_lists import WordLists, load_word_lists

# When spans overlap, the earlier kind in this list wins (then the longer span). Structural and
# checksum-validated kinds go first: an email's local part must not become a PERSON, a URL's path
# must not become a PHONE, and a hash must not be read as a card number.
_PRIORITY = (
    detectors.EMAIL,
    detectors.OFFENDER_EMAIL,
    detectors.HANDLE,
    detectors.OFFENDER_HANDLE,
    detectors.URL,
    detectors.HASH,
    detectors.WALLET,
    detectors.IBAN,
    detectors.OFFENDER_IBAN,
    detectors.NATIONAL_ID,  # a French NIR can also pass Luhn; the specific checksum wins
    detectors.CARD,
    detectors.OFFENDER_CARD,
    detectors.IP,
    detectors.OFFENDER_IP,
    detectors.DATE_OF_BIRTH,
    detectors.DOMAIN,
    detectors.PHONE,
    detectors.OFFENDER_PHONE,
    detectors.ADDRESS,
    detectors.PERSON,
)
_RANK = {kind: rank for rank, kind in enumerate(_PRIORITY)}
# Longer than this, a structured value is text (a custom property holding notes), not a label.
_LABEL_MAX_WORDS = 6
_DIGIT_RE = re.compile(r"\d")
_ASCII_LETTER_RE = re.compile(r"[A-Za-z]")
_ERA_FIRST_YEAR = "元"
_ASCII = "".join(map(chr, range(128)))


def _merge_addresses(
    text: str, found: list[Detection], landmark: regex.Pattern[str] | None = None
) -> list[Detection]:
    """Overlapping parts of one address found by different rules (a street line and a
    foreign-script street name with its number) become one span, so that neither loses the other's
    part when overlaps are resolved; not across a kind that wins over addresses (a phone number
    read in a postcode would then take the whole line). Parts written one after the other with a
    comma between ("9021 Győr, Baross Gábor út 18.") are one address too, and so are parts with a
    landmark part between them ("…, off Admiralty Way, beside Mega Chicken, Lekki Phase 1")."""
    parts = sorted((d for d in found if d.kind == detectors.ADDRESS), key=lambda d: d.start)
    if len(parts) < 2:
        return found
    stronger = SpanIndex(d for d in found if _RANK[d.kind] < _RANK[detectors.ADDRESS])
    merged: list[Detection] = []
    for det in parts:
        last = merged[-1] if merged else None
        if last is not None and (
            det.start < last.end
            or text[last.end : det.start] in (", ", ",", "، ")
            or (landmark is not None and landmark.fullmatch(text, last.end, det.start) is not None)
        ):
            union = Detection(last.start, max(last.end, det.end), detectors.ADDRESS)
            if not stronger.overlaps(union.start, union.end):
                merged[-1] = union
                continue
        merged.append(det)
    return [d for d in found if d.kind != detectors.ADDRESS] + merged


def _without_platforms(
    text: str, found: list[Detection], handles: detectors.HandlePatterns, names: frozenset[str]
) -> list[Detection]:
    """Found names that are a platform's name ("Viber", "ВКонтакте") or one with its word for an
    account ("LINE ID", "Telegram ID"): capitalized words of every script, no person. A platform
    that is also a listed name ("Line", a Norwegian given name) stays one alone."""
    cue, platform = handles.cue, handles.platform_name
    if cue is None or platform is None:
        return found
    out: list[Detection] = []
    for det in found:
        span = text[det.start : det.end].lower()
        if det.kind == detectors.PERSON and (
            (span in handles.platforms and span not in names)
            or (" " in span and platform.match(span) is not None and cue.fullmatch(span) is not None)
        ):
            continue
        out.append(det)
    return out


class TextAnonymizer:
    """Finds personal data in free text and applies the policy. Build one per process: it loads the
    name lexicons (~0.2 s) and is then stateless and thread-safe. `word_lists`: the detectors' data
    (shared/anonymization/word_lists.py), the bundled files when None."""

    def __init__(self, policy: Policy | None = None, word_lists: WordLists | None = None) -> None:
        self.policy = policy if policy is not None else load_policy()
        self.word_lists = word_lists if word_lists is not None else load_word_lists()
        self._persons = PersonDetector(self.word_lists.lexicon, self.word_lists.names)
        lexicon = self.word_lists.lexicon
        # frequent_lower_words() is loaded on first use (~1 s), not when the anonymizer is built.
        self._foreign = ForeignScriptNames(
            self.word_lists.script_names,
            self.word_lists.in_script,
            lambda word: (
                word in frequent_lower_words() and word not in lexicon.first and word not in lexicon.last
            ),
        )
        names = self.word_lists.names
        # Words never a name in brackets after one ("(Victim)", "(Swedish)", "(Mum)").
        self._not_aliases = names.cues | names.never_names | names.nationalities
        # Parts of a name that are no evidence alone: particles, titles, stop words, places.
        self._not_repeated = (
            self._not_aliases
            | self.word_lists.lexicon.stop
            | self.word_lists.lexicon.places
            | names.kin_titles
            | names.organisation_words
            | names.product_words
            | {t.lower().rstrip(".") for t in names.titles}
        )
        # A quoted name after a word for software, a ship, an organisation or a group names a thing.
        self._quoted_things = names.product_words | names.quoted_group_words
        # Found names made only of the text's own frequent words are phrases (local_words.py).
        rules = names.local_words
        lexicon = self.word_lists.lexicon
        self._local = LocalWords(rules, lexicon.first | lexicon.last, names) if rules is not None else None
        # Names in texts written all in lowercase ("ana esmi mariam 7assan"); very_frequent_words()
        # is loaded on first use.
        self._informal = InformalNames(
            load_informal_rules(),
            lexicon.first,
            lexicon.last,
            lambda word: word in very_frequent_words(),
            lexicon.stop,
        )
        # Listed given names and surnames: a platform's name that is one may be a person's.
        self._listed = lexicon.first | lexicon.last
        # Whether an operator's in-script languages include one written with ASCII letters.
        gate = self.word_lists.in_script.gate
        self._ascii_in_script = gate is not None and gate.search(_ASCII) is not None

    def find(self, text: str, *, label: bool = False) -> list[Detection]:
        """All detections (personal data and intelligence), non-overlapping, in text order.

        Detectors read a normalized view (zero-width characters removed, Arabic-Indic and other
        decimal digits as ASCII); spans are mapped back to the original text. A label (a short
        structured value: a file name, a pattern literal, a STIX label) has no sentence around it,
        so a listed first name or surname alone is taken for a name there."""
        view = normalize(text)
        label = label and len(text.split()) <= _LABEL_MAX_WORDS
        found = self._find(view.text, view.names, label)
        return view.to_original(found) if view.mapped else found

    def _find(self, text: str, names: str, label: bool = False) -> list[Detection]:
        lower = text.lower()
        if len(lower) != len(text):
            # A few characters (e.g. "İ") lower-case to two; offsets must stay aligned.
            lower = "".join(ch.lower()[0] for ch in text)
        # Most fields (titles, MO steps) have no digit: the detectors whose every pattern needs
        # one (IBANs, identity numbers, phones and cards, the older address patterns) are skipped.
        digits = _DIGIT_RE.search(text) is not None
        found: list[Detection] = [
            *detectors.find_emails(text, self.word_lists.handles.emails),
            *detectors.find_urls(text),
            *detectors.find_hashes_and_wallets(text),
        ]
        if digits:
            found.extend(numbers.find_ibans(text))
            found.extend(find_identity_numbers(text, lower, self.word_lists.identity_numbers))
        found.extend(numbers.find_ipv6(text))
        if digits:
            found.extend(numbers.find_numbers(text, found))
        # A date of birth has a digit, except a Japanese era's first year ("平成元年").
        if digits or _ERA_FIRST_YEAR in text:
            found.extend(contextual.find_dates_of_birth(text, lower, self.word_lists.dates_of_birth))
        found.extend(detectors.find_domains(text))
        lists = self.word_lists
        found.extend(find_street_lines(text, found, lists.streets, lists.lexicon.stop))
        # The older patterns (contextual.py) only where no street line was found: they add the
        # town after English, French, Spanish and German lines, and post-office boxes.
        if digits:
            found.extend(contextual.find_addresses(text, lower, found))
        found.extend(find_script_lines(text, lists.streets))
        # Text in ASCII has no letter of the scripts these detectors read.
        latin = text.isascii()
        found.extend(detectors.find_handles(text, lower, self.word_lists.handles))
        foreign = [] if latin else self._foreign.find(names)
        # A short field of Chinese or Korean words (a form's label: "身份证号") is no name; inside a
        # Latin text such a run is a name far more often ("Su vecino 盖亚娴").
        if foreign and _ASCII_LETTER_RE.search(names) is None:
            cjk = lists.script_names
            foreign = [
                d for d in foreign if d.kind != detectors.PERSON or not cjk_word(names[d.start : d.end], cjk)
            ]
        found.extend(foreign)
        found.extend(self._persons.find(names, label=label))
        found.extend(find_name_columns(names))
        found.extend(find_records(names))
        if not latin:
            found.extend(find_script_names(names, lists.script_names))
        if not latin or self._ascii_in_script:
            found.extend(find_in_script_names(names, lists.in_script, load_places))
        found.extend(
            self._persons.lowercase_coordinated(names, [d for d in foreign if d.kind == detectors.PERSON])
        )
        found.extend(self._informal.find(names))
        if any(quote in names for quote in '"“«„‚「『'):
            found.extend(find_quoted_nicknames(names, lists.lexicon.first, lists.names.nickname_cues))
        if self._local is not None:
            found = self._local.drop_phrases(names, found)
        found = keep_named_places(names, found)
        found = _without_platforms(names, found, lists.handles, self._listed)
        found = keep_quoted_products(names, found, self._quoted_things)
        found = without_currencies(text, found)
        firm_forms = (lists.names.firm_forms_after, lists.names.firm_forms_before)
        found = keep_firms(names, found, *firm_forms)
        if not latin:
            found = with_last_part(names, found, self._no_last_part)
        persons = [d for d in found if d.kind == detectors.PERSON]
        outside_firms = frozenset(persons)
        if "(" in names or "（" in names:
            found.extend(find_aliases(names, persons, self._not_aliases, lists.lexicon.first, load_places))
            persons = [d for d in found if d.kind == detectors.PERSON]
        # A part of a found name written alone elsewhere names the same person.
        if persons:
            # Seeds without a preposition letter written onto them: the name masked keeps it.
            seeds = persons if latin else [self._without_prefix_letters(names, d) for d in persons]
            found.extend(find_repeated(names, seeds, self._not_repeated, lists.lexicon.common, lists.names))
            if not latin:
                cjk = lists.script_names
                found.extend(
                    find_repeated_cjk(
                        names,
                        persons,
                        cjk.korean_particles,
                        cjk.japanese_surnames,
                        korean_surnames=cjk.korean_surnames,
                        name_ends=cjk.japanese_name_ends,
                    )
                )
            # A name written again as a firm's ("Roberto Ferrari ... Ferrari S.p.A.") is the firm's.
            found = keep_firms(names, found, *firm_forms, checked=outside_firms)
        if digits and persons:
            found.extend(ids_beside_persons(text, found, lists.identity_numbers))
            found.extend(contextual.dates_beside_persons(text, found, lists.dates_of_birth))
        found = without_amounts(text, found, lists.streets, lists.dates_of_birth.date)
        found = _merge_addresses(
            text, extend_line_ends(text, found, lists.streets), lists.streets.landmark_gap
        )
        # A travel document's machine-readable zone is read by its positions and check digits:
        # there its fields replace whatever a detector read in the run of capitals and digits.
        zone_fields, zone_lines = find_machine_zones(text)
        if zone_lines:
            zones = SpanIndex(Detection(start, end, detectors.PERSON) for start, end in zone_lines)
            found = [d for d in found if not zones.overlaps(d.start, d.end)] + zone_fields
        if len(found) > 1:
            found.sort(key=lambda d: (_RANK[d.kind], d.start - d.end, d.start))
            found = select_disjoint(found)
        found = with_initials_beside(text, with_name_endings(text, found))
        if not latin:
            found = with_korean_particles(text, found, lists.script_names.korean_particles)
        # Whose phone number, IP address, account, IBAN or card: after overlaps are resolved, so
        # that a person's name found between a cue and the value is one of the text's final
        # detections.
        # An account in a path is masked whoever's machine it is: after attribution.
        return with_accounts(text, lower, attribute(text, lower, found, lists.parties))

    def _no_last_part(self, word: str) -> bool:
        """A word that ends no name of a script without capitals: a stop word, title or cue of its
        language, one of its frequent words no list has as a name, or a place."""
        for lang in self.word_lists.in_script.languages:
            if lang.letter.search(word) is not None and (
                word in lang.markers or lang.is_stop(word) or lang.common_word(word)
            ):
                return True
        return word in self.word_lists.lexicon.stop or word in load_places()

    def _without_prefix_letters(self, text: str, det: Detection) -> Detection:
        """A found name without the conjunction or preposition its script writes onto it ("ולשרון
        מזרחי": and to Sharon Mizrahi), when the rest of its first word is a listed name and the
        word itself is none: the seed that finds the name alone ("שרון") where it stands alone.
        The found name itself is masked whole, the letter with it."""
        if det.kind != detectors.PERSON:
            return det
        first = text[det.start : det.end].split(maxsplit=1)[0] if det.end > det.start else ""
        for lang in self.word_lists.in_script.languages:
            if not lang.prefixes or lang.letter.search(first) is None:
                continue
            if first in lang.given or first in lang.surnames or first in lang.frequent:
                return det
            for k in (1, 2):
                rest = first[k:]
                if (
                    len(rest) > 2
                    and all(letter in lang.prefixes for letter in first[:k])
                    and (rest in lang.given or rest in lang.surnames)
                ):
                    return Detection(det.start + k, det.end, det.kind)
        return det

    def redact(self, text: str, field: str = "narrative", *, label: bool = False) -> tuple[str, Counter[str]]:
        """Text with personal data masked or dropped per the policy for this field, and how many
        of each kind were removed (never the values). `label`: see find."""
        if not text:
            return text, Counter()
        return self.apply(text, self.find(text, label=label), field)

    def apply(self, text: str, found: Iterable[Detection], field: str) -> tuple[str, Counter[str]]:
        """Text with these detections (disjoint, in order) masked, dropped or kept per the policy
        for this field, and how many of each kind were removed."""
        counts: Counter[str] = Counter()
        parts: list[str] = []
        cursor = 0
        action = self.policy.text.action
        for det in found:
            decision = action(field, det.kind)
            if decision == "keep":
                continue
            parts.append(text[cursor : det.start])
            if decision == "mask":
                parts.append(f"[{det.kind}]")
            cursor = det.end
            counts[det.kind] += 1
        if not counts:
            return text, counts
        parts.append(text[cursor:])
        return "".join(parts), counts
