"""Whose phone number or IP address: an offender's (kept) or a person's (masked), by its sentence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.anonymization.detectors import IP, OFFENDER_IP, OFFENDER_PHONE, PHONE
from shared.anonymization.text import TextAnonymizer

from .conftest import filler

PHONES = ["+44 7700 900461", "+33 6 48 21 93 07", "0049 171 2345678", "+7 916 204-33-81", "(0151) 2394 8812"]
IPS = ["203.0.113.54", "198.51.100.23", "192.0.2.77", "2001:db8::1f"]


def kind_of(anonymizer: TextAnonymizer, text: str, value: str) -> str | None:
    start = text.index(value)
    return next((d.kind for d in anonymizer.find(text) if d.start <= start < d.end), None)


@pytest.mark.parametrize(
    "text",
    [
        "A fake bank employee called from {v} and asked for the code.",
        "The scammer's number {v} was later disconnected.",
        "Le faux conseiller la rappelait depuis le {v} chaque soir.",
        "Der angebliche Polizeibeamte meldete sich von {v} aus.",
        "El supuesto técnico de soporte usaba el {v} para devolver las llamadas.",
        "Il finto operatore chiamava dal {v}.",
        "De nepmedewerker belde steeds met {v}.",
        "Rzekomy konsultant dzwonił z numeru {v}.",
        "O falso funcionário ligou do {v}.",
        "Лжесотрудник банка звонил с номера {v}.",
        "Шахраї телефонували з номера {v}.",
        "Sahte polis memuru {v} numarasından aradı.",
        "اتصل المحتال من الرقم {v} مدعيا أنه من البنك.",
        "The callback number of the fake support line was {v}.",
        "Call-back number shown by the pop-up: {v}.",
        "Number used: {v} (scammer).",
        "Oszuści dzwonili z numeru {v}.",
        "Smishing texts were sent from {v}.",
        "A vishing call from {v} asked for her PIN.",
        "Kẻ giả danh nhân viên ngân hàng gọi từ số {v}.",
        "판매자 번호 {v}(대포폰).",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_offender_phone_numbers_are_kept(anonymizer: TextAnonymizer, text: str, phone: str) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == OFFENDER_PHONE
    assert phone in anonymizer.redact(sentence)[0]


@pytest.mark.parametrize(
    "text",
    [
        "The victim's mobile is {v}.",
        "Contact: {v}.",
        "Her daughter can be reached on {v}.",
        "La victime est joignable au {v}.",
        "Die Zeugin ist erreichbar unter {v}.",
        "Teléfono de la víctima: {v}.",
        "Il testimone è reperibile al {v}.",
        "Het slachtoffer is bereikbaar op {v}.",
        "Poszkodowana jest dostępna pod numerem {v}.",
        "Contacto da vítima: {v}.",
        "Телефон потерпевшей: {v}.",
        "Мошенник позвонил на номер {v} и представился сотрудником банка.",
        "Sahte savcı {v} numaralı telefonunu arayarak para istedi.",
        "رقم هاتف الضحية {v}.",
        "The fraudster called Maria Lindqvist on {v}.",
        "A fake courier sent the code to her mobile {v}.",
        "The number {v} was written on the form.",
        "Victims were called from {v} before the fake parcel page.",
        "Smishing wave reported by {v}.",
        "Der Betrüger rief die Seniorin unter {v} an.",
        "Мошенник позвонил пенсионерке на номер {v}.",
        "Đối tượng giả danh công an gọi đến số {v} của bà Lan.",
        "ठगों ने पैसे लिए। उसका फ़ोन: {v}।",
    ],
)
@pytest.mark.parametrize("phone", PHONES)
def test_personal_or_undecided_phone_numbers_are_masked(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == PHONE
    assert phone not in anonymizer.redact(sentence)[0]


@pytest.mark.parametrize(
    "text",
    [
        "The loader beaconed to its C2 at {v} every minute.",
        "The phishing page was hosted on {v}.",
        "bank-verify-login.example resolved to {v} on the day of the campaign.",
        "IOCs: bank-verify-login.example, {v}, Remcos.",
        "Le domaine pointait vers le serveur {v}.",
        "Die Phishing-Seite war auf {v} gehostet.",
        "El enlace redirigía al servidor {v}.",
        "Сервер управления находился по адресу {v}.",
        "Oltalama sayfası {v} sunucusunda barındırılıyordu.",
        "The attackers scanned the network from {v}.",
        "攻击者IP为{v}。",
        "Scans originated from {v}.",
        "C2-Server: {v}, danach Ransomware.",
        "マルウェアのC2は {v}。",
        "Akira-ransomware, IP-adresser: {v}.",
    ],
)
@pytest.mark.parametrize("ip", IPS)
def test_offender_infrastructure_ips_are_kept(anonymizer: TextAnonymizer, text: str, ip: str) -> None:
    sentence = text.format(v=ip)
    assert kind_of(anonymizer, sentence, ip) == OFFENDER_IP
    assert ip in anonymizer.redact(sentence)[0]


@pytest.mark.parametrize(
    "text",
    [
        "The victim's home IP {v} appears in the bank's logs.",
        "Her router ({v}) was reset by the technician.",
        "The complainant connected from {v} to file the report.",
        "Login seen from {v}.",
        "L'adresse IP de la victime était {v}.",
    ],
)
@pytest.mark.parametrize("ip", IPS)
def test_personal_or_undecided_ips_are_masked(anonymizer: TextAnonymizer, text: str, ip: str) -> None:
    sentence = text.format(v=ip)
    assert kind_of(anonymizer, sentence, ip) == IP
    assert ip not in anonymizer.redact(sentence)[0]


OFFENDER_CLAUSES = st.sampled_from(
    [
        "The fake support line asked her to pay",
        "Le faux conseiller a insisté",
        "Der Betrüger legte auf",
        "El estafador colgó",
        "Мошенник положил трубку",
    ]
)
PERSONAL_SLOTS = st.sampled_from(
    [
        "and her own number is",
        "; contact:",
        ", victim's phone",
        ", joignable au",
        ", erreichbar unter",
        ", su número",
    ]
)


@given(clause=OFFENDER_CLAUSES, slot=PERSONAL_SLOTS, phone=st.sampled_from(PHONES), after=filler)
@settings(max_examples=80, deadline=None)
def test_a_personal_slot_nearer_than_an_offender_cue_always_masks(
    anonymizer: TextAnonymizer, clause: str, slot: str, phone: str, after: str
) -> None:
    text = f"{clause} {slot} {phone} {after}".strip()
    redacted, counts = anonymizer.redact(text)
    assert phone not in redacted
    assert counts["PHONE"] == 1


@given(before=filler, phone=st.sampled_from(PHONES), after=filler)
@settings(max_examples=60, deadline=None)
def test_a_phone_number_nothing_speaks_for_is_masked(
    anonymizer: TextAnonymizer, before: str, phone: str, after: str
) -> None:
    redacted, counts = anonymizer.redact(f"{before} {phone} {after}".strip())
    assert phone not in redacted
    assert counts["PHONE"] == 1
