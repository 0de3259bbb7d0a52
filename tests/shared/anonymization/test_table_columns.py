"""Name columns of a pasted table: the header row decides what the cells below it are."""

from __future__ import annotations

from shared.anonymization.detectors import PERSON
from shared.anonymization.table_columns import find_name_columns, name_headers
from shared.anonymization.text import TextAnonymizer


def _names(text: str) -> list[str]:
    return [text[d.start : d.end] for d in find_name_columns(text) if d.kind == PERSON]


def test_headers_of_several_languages_are_listed() -> None:
    assert {"фамилия", "nachname", "prénom", "surname", "nazwisko"} <= name_headers()


def test_semicolon_csv_cells_under_name_headers() -> None:
    text = (
        "Фамилия;Имя;Отчество;Дата рождения;Телефон\n"
        "Соколова;Татьяна;Викторовна;14.07.1988;+7 916 482-37-15\n"
    )
    assert _names(text) == ["Соколова", "Татьяна", "Викторовна"]


def test_tab_and_quoted_comma_tables() -> None:
    tsv = "Vorname\tNachname\tIBAN\nJutta\tKrämer-Ost\tDE02120300000000202051"
    assert _names(tsv) == ["Jutta", "Krämer-Ost"]
    assert _names('"Surname","Amount"\n"OKONKWO-HARRIS","120.00"') == ["OKONKWO-HARRIS"]


def test_other_columns_and_ragged_lines_are_left() -> None:
    # A payee's column is not listed; a line with another number of cells ends the table; a
    # lower-case note is no name.
    text = "Name;Payee;Ref\nAnna Berg;Golden Bay Ltd;R1\nsee attachment;x;y\nfree; no table\nBen Ode;Q;R2"
    assert _names(text) == ["Anna Berg"]


def test_anonymizer_masks_a_csv_surname(anonymizer: TextAnonymizer) -> None:
    text = "Export from the bank:\nNachname;Vorname;Betrag\nXqwertz;Hanna;120,00\n"
    found = {(d.kind, text[d.start : d.end]) for d in anonymizer.find(text)}
    assert (PERSON, "Xqwertz") in found
