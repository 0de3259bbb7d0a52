"""Records pasted into a report read by their own field names: vCards and MT103 field 50."""

from __future__ import annotations

from shared.anonymization.detectors import ADDRESS, DATE_OF_BIRTH, IBAN, PERSON
from shared.anonymization.records import find_records
from shared.anonymization.text import TextAnonymizer


def _fields(text: str) -> set[tuple[str, str]]:
    return {(d.kind, text[d.start : d.end]) for d in find_records(text)}


def test_vcard_name_address_and_birthday() -> None:
    text = (
        "Contact found on the phone:\nBEGIN:VCARD\nVERSION:3.0\nFN:Jana Qorvik\nN:Qorvik;Jana;;;\n"
        "TEL;TYPE=CELL:+47 912 34 567\nADR;TYPE=HOME:;;Storgata 12;Oslo;;0155;Norway\n"
        "BDAY:1979-03-14\nEND:VCARD"
    )
    assert _fields(text) == {
        (PERSON, "Jana Qorvik"),
        (PERSON, "Qorvik;Jana"),
        (ADDRESS, "Storgata 12;Oslo;;0155"),
        (DATE_OF_BIRTH, "1979-03-14"),
    }


def test_vcard_properties_outside_a_card_are_left() -> None:
    assert _fields("N:Qorvik;Jana\nFN:Jana Qorvik") == set()


def test_mt103_ordering_customer_lines() -> None:
    text = (
        ":20:REF1\n:50K:/NL33INGB0007315942\nH.J. van Qorvik\nLange Voorhout 41\n2514 EC DEN HAAG\n"
        ":57A:DBSSSGSGXXX\n:59:/0721884431\nORIENT PEARL TRADING PTE LTD\n:71A:SHA"
    )
    assert _fields(text) == {
        (IBAN, "NL33INGB0007315942"),
        (PERSON, "H.J. van Qorvik"),
        (ADDRESS, "Lange Voorhout 41\n2514 EC DEN HAAG"),
    }


def test_mt103_numbered_ordering_customer() -> None:
    text = ":50F:/110-428-551932\n1/PARK SEO YEON\n2/396 WORLDCUP-RO\n3/KR/SEOUL\n4/19850412\n:59:/12345"
    assert _fields(text) == {
        (IBAN, "110-428-551932"),
        (PERSON, "PARK SEO YEON"),
        (ADDRESS, "396 WORLDCUP-RO"),
        (ADDRESS, "KR/SEOUL"),
        (DATE_OF_BIRTH, "19850412"),
    }


def test_mt103_bank_identifier_field_is_no_person() -> None:
    assert _fields(":50A:/12345678\nDEUTDEFF\n:59:/999") == {(IBAN, "12345678")}


def test_anonymizer_masks_ordering_customer(anonymizer: TextAnonymizer) -> None:
    text = "MT103 from the correspondent bank:\n:50K:/110-428-551932\nQORVIK ANSELM\n:59:/8001234567\nX LTD"
    found = {(d.kind, text[d.start : d.end]) for d in anonymizer.find(text)}
    assert (PERSON, "QORVIK ANSELM") in found
    assert any(value == "110-428-551932" for _, value in found)
