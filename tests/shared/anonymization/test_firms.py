"""keep_firms: a found name that is part of a firm's name with a legal form is no person."""

from __future__ import annotations

import pytest

from shared.anonymization.detectors import PERSON, Detection
from shared.anonymization.firms import keep_firms
from shared.anonymization.names import load_name_words
from shared.anonymization.text import TextAnonymizer


def _kept(text: str, name: str) -> bool:
    """Whether keep_firms drops the found name `name` (its first occurrence) from the text."""
    words = load_name_words()
    start = text.index(name)
    found = [Detection(start, start + len(name), PERSON)]
    return not keep_firms(text, found, words.firm_forms_after, words.firm_forms_before)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("12.500 € (titular: Brightline Solutions SL).", "Brightline Solutions"),
        ("La empresa Cerámicas Turia S.L. sufrió un fraude.", "Cerámicas Turia S.L."),
        ('quote della società "Colombo & Figli Costruzioni S.r.l." con sede', "Colombo"),
        ("adresat: „Tech-Serwis Kowalczyk i Wspólnicy sp. j.”, ul.", "Tech-Serwis Kowalczyk i Wspólnicy"),
        ("nessun legame con Ferrari S.p.A.) ha disposto", "Ferrari"),
        ("Acme Rivers, Inc. sent the invoice.", "Acme Rivers"),
        ("calo saking PT 'Jaya Tenaga Mandiri'. Paspor", "Jaya Tenaga Mandiri"),
        ("la société « SCI Les Jardins d'Émilie », au capital", "Émilie"),
        ("sang Công ty TNHH Trần Hưng Đạo Logistics.", "Trần Hưng Đạo"),
        ("sang Công ty TNHH Trần Hưng Đạo Logistics.", "Công"),
        ("перевёл деньги на счёт ООО «Иван Петров»", "Иван Петров"),
    ],
)
def test_name_in_a_firms_name_is_dropped(text: str, name: str) -> None:
    assert _kept(text, name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Die Geschädigte Anna Schmidt aus Köln meldete den Betrug.", "Anna Schmidt"),
        # A state's abbreviation before a postcode, not a legal form.
        ("customer Adelaide Nguyen, 12 King St, Adelaide SA 5000", "Adelaide Nguyen"),
        # A name on its own line before a line starting with a firm.
        ("Kontakt: Maria Berger\nAG Nord betreut den Fall.", "Maria Berger"),
        # All in capitals, a short form may be a word.
        ("WITNESS JOHN SMITH AS STATED", "JOHN SMITH"),
        # A sole trader's form is the person's own name.
        ("Inhaber Hans Müller e.K. in Bremen", "Hans Müller"),
    ],
)
def test_person_stays_a_person(text: str, name: str) -> None:
    assert not _kept(text, name)


def test_firm_dropped_in_text(anonymizer: TextAnonymizer) -> None:
    text = "Roberto Ferrari (nessun legame con Ferrari S.p.A.) ha disposto un bonifico di 19.700 €."
    persons = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == PERSON]
    assert persons == ["Roberto Ferrari"]


def test_checked_names_are_not_read_again() -> None:
    # A name a call before kept stays, even where a later call would read a firm's name around it.
    words = load_name_words()
    text = "nessun legame con Ferrari S.p.A.) ha disposto"
    start = text.index("Ferrari")
    name = Detection(start, start + len("Ferrari"), PERSON)
    forms = (words.firm_forms_after, words.firm_forms_before)
    assert keep_firms(text, [name], *forms) == []
    assert keep_firms(text, [name], *forms, checked=frozenset({name})) == [name]
