"""Machine-readable zones of travel documents: fields read by position, lines told by check digits."""

from __future__ import annotations

from shared.anonymization.detectors import DATE_OF_BIRTH, NATIONAL_ID, PERSON
from shared.anonymization.machine_zones import check_digit, find_machine_zones
from shared.anonymization.text import TextAnonymizer

# The ICAO Doc 9303 specimens (Utopia, Anna Maria Eriksson).
_TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
_TD1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"


def _fields(text: str) -> set[tuple[str, str]]:
    found, _ = find_machine_zones(text)
    return {(d.kind, text[d.start : d.end]) for d in found}


def test_check_digit_of_the_specimen() -> None:
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("D23145890") == "7"


def test_passport_zone_fields() -> None:
    assert _fields(f"Scan of the data page:\n{_TD3}\nSent by the mule.") == {
        (PERSON, "ERIKSSON<<ANNA<MARIA"),
        (NATIONAL_ID, "L898902C3"),
        (DATE_OF_BIRTH, "740812"),
        (NATIONAL_ID, "ZE184226B"),
    }


def test_identity_card_zone_fields() -> None:
    assert _fields(f"ID card (TD1):\n{_TD1}") == {
        (NATIONAL_ID, "D23145890"),
        (DATE_OF_BIRTH, "740812"),
        (PERSON, "ERIKSSON<<ANNA<MARIA"),
    }


def test_document_number_that_lost_its_filler() -> None:
    # An eight-character number pasted without the "<" before its check digit.
    text = "P<FRADUPONT<<JEAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nN04822177FRA9207145M3301188<<<<<<<<<<<<<<06"
    assert (NATIONAL_ID, "N0482217") in _fields(text)
    assert (PERSON, "DUPONT<<JEAN") in _fields(text)


def test_wrong_check_digits_are_no_zone() -> None:
    # Same shape, every check digit off: a run of capitals and digits, not a document.
    text = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C35UTO7408121F1204159ZE184226B<<<<<10"
    assert _fields(text) == set()
    assert _fields("Ticket REF<<ABC<DEF and 1234567") == set()


def test_anonymizer_masks_the_zone_fields(anonymizer: TextAnonymizer) -> None:
    text = f"Victim's passport, pasted into the report:\n{_TD3}\nThe caller used +44 20 7946 0958."
    found = {(d.kind, text[d.start : d.end]) for d in anonymizer.find(text)}
    assert {(PERSON, "ERIKSSON<<ANNA<MARIA"), (NATIONAL_ID, "L898902C3"), (DATE_OF_BIRTH, "740812")} <= found
