"""Whose phone number, IP address, e-mail address or account: an offender's (kept) or a person's
(masked), by its sentence."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from shared.anonymization.detectors import (
    CARD,
    EMAIL,
    HANDLE,
    IBAN,
    IP,
    OFFENDER_CARD,
    OFFENDER_EMAIL,
    OFFENDER_HANDLE,
    OFFENDER_IBAN,
    OFFENDER_IP,
    OFFENDER_PHONE,
    PHONE,
)
from shared.anonymization.parties import bundled_party_cues, feigned_roles
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
        "Victims were called from {v} before the fake parcel page.",
        "She received a call from {v} about a parcel.",
        "Звонок якобы из банка поступил с номера {v}.",
        "El denunciado enviaba mensajes desde {v} cada noche.",
        "Cada llamada salió del {v} durante la semana.",
        "Le retraité a reçu un appel du {v} un samedi.",
        "Collection agents called from {v} every night.",
        "Zvanītājs izmantoja krāpnieka tālruni {v}.",
        "Преварант је звао, број позиваоца био је {v}.",
        "Los extorsionadores escribían siempre desde el {v}.",
        "Bi. Amina alituma pesa kwa M-Pesa namba {v} ya tapeli.",
        "Utapeli: Juma Bakari alituma pesa kwa namba {v} ya tapeli.",
        "The number {v} of the scammer was disconnected.",
        "The number {v} used by the fraudsters was cut off.",
        "The line {v} belonging to the scammer was blocked.",
        "{v}から電話があり、警察官を名乗った。",
        "{v}에서 전화가 왔다.",
        "骗子用{v}打来电话。",
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
        "Smishing wave reported by {v}.",
        "Der Betrüger rief die Seniorin unter {v} an.",
        "Мошенник позвонил пенсионерке на номер {v}.",
        "Потерпевшая перевела деньги на номер {v}.",
        "Elle a payé la facture depuis le numéro {v}.",
        "Đối tượng giả danh công an gọi đến số {v} của bà Lan.",
        "She was phoned at {v} by the scammer.",
        "She gave {v} to the fraudster.",
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
        "La victime a envoyé 175 000 FCFA au {v}.",
        "Hon har swishat totalt 162 500 kr till nummer {v}.",
        "Transferiu 1.250.000 Kz para o número {v}.",
        "Se hicieron transferencias por $ 7.850.000 a Nequi {v}.",
    ],
)
def test_a_number_a_sum_was_sent_to_is_the_receiving_wallets(anonymizer: TextAnonymizer, text: str) -> None:
    sentence = text.format(v=PHONES[1])
    assert kind_of(anonymizer, sentence, PHONES[1]) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        "Elle a envoyé 300 € à son fils au {v}.",
        "She sent 200 € to her own number {v}.",
        "She paid 500 € and can be reached at {v}.",
        "Elle a payé 300 € ; son numéro : {v}.",
    ],
)
def test_a_persons_number_after_a_sum_stays_masked(anonymizer: TextAnonymizer, text: str) -> None:
    sentence = text.format(v=PHONES[1])
    assert kind_of(anonymizer, sentence, PHONES[1]) == PHONE


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
        "Login seen from {v}.",
        "Le serveur de la mairie a contacté {v} toute la nuit.",
        "Сканування йшло з {v} три доби.",
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


@pytest.mark.parametrize(
    "text",
    [
        "Calls kept coming from {v} all week.",
        "Nachts kamen drei SMS von {v}.",
        "Volali mu z čísla {v} celý týden.",
        "Por la noche llegaron mensajes desde el número {v}.",
        "W nocy przychodziły wiadomości z numeru {v}.",
        "Thirrjet vinin nga {v} çdo ditë.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_where_calls_came_from_is_the_callers_number(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    text = text.format(v=phone)
    assert kind_of(anonymizer, text, phone) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        # a person named before may be the one who called or wrote
        "Ingrid Solberg texted her brother from {v} last night.",
        # a personal cue decides
        "The complainant called the police from {v} on Monday.",
        "Her daughter wrote from {v} the same evening.",
        # where money came from is the payer's
        "She paid 300 euros from {v} by mobile transfer.",
        # an origin word farther than right before the number
        "From Monday on the number {v} was unreachable.",
        # a person's pronoun before: the one who called or wrote from there may be that person
        "She called the police from {v} at 9 pm.",
        "I reported the fraud to my bank from {v}.",
        "Elle a appelé la gendarmerie depuis le {v}.",
        "Sie hat die Polizei von {v} aus angerufen.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_an_origin_word_does_not_give_a_persons_number_away(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    text = text.format(v=phone)
    assert kind_of(anonymizer, text, phone) == PHONE


@pytest.mark.parametrize(
    "text",
    [
        # an object pronoun is whom the call reached, never who made it
        "Someone called me from {v} and asked for the code.",
        # whoever is named before an indefinite subject did not call
        "bok, ja sam Ivana Horvat iz Zagreba, netko me nazvao s {v} kao da su iz PBZ.",
        "Soy Ana López, alguien me llamó desde el {v} diciendo que era del banco.",
        # the subject of a verb of receiving received the message: it came from the other side
        "I got a whatsapp from {v} saying my card is blocked.",
        "Sie erhielt eine SMS von {v} und überwies 4.950 €.",
        # Amharic and Tigrinya "from"
        "ሓደ ሰብ ካብ {v} ደዊሉ ብር ወሲዱኒ።",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_no_one_named_before_an_indefinite_caller_or_a_receipt_sent_from_the_number(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    text = text.format(v=phone)
    assert kind_of(anonymizer, text, phone) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        # the writer's own number, past an offender cue earlier in the sentence
        "The scammer stole my phone, my number is {v}.",
        "Me estafaron con un iPhone falso, mi número es {v}.",
        "ana nasabo 3alaya w ra2mi {v}",
        # "her phone" after a sentence whose verb of calling names her (French participles agree)
        "Le fraudeur l'a ensuite rappelée depuis le 09 74 59 11 20. Son téléphone : {v}.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_the_writers_own_number_stays_masked(anonymizer: TextAnonymizer, text: str, phone: str) -> None:
    text = text.format(v=phone)
    assert kind_of(anonymizer, text, phone) == PHONE


def test_a_number_in_brackets_of_its_own_keeps_its_note(anonymizer: TextAnonymizer) -> None:
    text = "・NTTを名乗る電話（050-3188-7720、詐欺）で料金未納と言われた。"
    assert kind_of(anonymizer, text, "050-3188-7720") == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        # a subject or possessive pronoun still names who may have called
        "He called me from {v} last night.",
        "I received a call from my son from {v}.",
        "Someone told me that Maria Lopez called from {v}.",
        "My son called me from his new number {v}.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_person_named_after_the_receipt_or_the_indefinite_caller_still_masks(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    text = text.format(v=phone)
    assert kind_of(anonymizer, text, phone) == PHONE


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        (
            "The victim, a student, was threatened on Instagram by @dark_lens_77 for weeks.",
            "@dark_lens_77",
            OFFENDER_HANDLE,
        ),
        ("La victime a été harcelée sur Snapchat par « @nuit_rouge_3 ».", "@nuit_rouge_3", OFFENDER_HANDLE),
        ("Fue extorsionada por el usuario @cobrador_mx9 en TikTok.", "@cobrador_mx9", OFFENDER_HANDLE),
        ("Ela foi chantageada pelo perfil @lobo_da_noite2.", "@lobo_da_noite2", OFFENDER_HANDLE),
        ("She was contacted by +44 7700 900461 about a parcel.", "+44 7700 900461", OFFENDER_PHONE),
    ],
)
def test_the_agent_of_a_passive_is_the_offender(
    anonymizer: TextAnonymizer, text: str, value: str, kind: str
) -> None:
    assert kind_of(anonymizer, text, value) == kind


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        # a reporter is a person
        ("The fake profile was reported by @anna_k_1990 on Monday.", "@anna_k_1990", HANDLE),
        ("Le faux profil a été signalé par @camille_b_75 hier.", "@camille_b_75", HANDLE),
        # a personal cue after the value decides first
        ("The photo was shared by @mila_s_2008, the victim, in March.", "@mila_s_2008", HANDLE),
        # "by" farther than right before the value
        ("Messages sent by the scammer reached @lea_mrtn_01 at night.", "@lea_mrtn_01", HANDLE),
    ],
)
def test_a_reporter_or_a_named_victim_after_by_stays_masked(
    anonymizer: TextAnonymizer, text: str, value: str, kind: str
) -> None:
    assert kind_of(anonymizer, text, value) == kind


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Измама с лотария в Русе: получено SMS от +359 88 123 4567 с линк към сайт.", "+359 88 123 4567"),
        ("संदिग्ध बैंक कॉल: +91 98765 43210 से कॉल आया था।", "+91 98765 43210"),
        ("Telefonul fraudatorului era +40 721 234 567.", "+40 721 234 567"),
        ("جعلی انعامی پیغامات 0301 2345678 سے آئے۔", "0301 2345678"),
        ("Modus na pekeng refund mula sa 0917 123 4567 kahapon.", "0917 123 4567"),
        ("Munca în străinătate: recrutorul ... vervētājs Telegram @darbs_lv_77.", "@darbs_lv_77"),
        ("الحساب @hadi_x_91 هدد الشاب بنشر الصور.", "@hadi_x_91"),
    ],
)
def test_callers_senders_recruiters_and_threats_in_more_languages(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text, value) in (OFFENDER_PHONE, OFFENDER_HANDLE)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a person's name, a possessive and contact words right before the value: theirs
        ("ملزم نے کہا کہ عائشہ خان کا نمبر 0300 1234567 بند ہے۔", "0300 1234567"),
        ("The scammer wrote that Olivia Brandt's phone +44 7700 900461 was hacked.", "+44 7700 900461"),
        ("犯人は佐藤花子さんの電話番号は090-1234-5678だと言った。", "090-1234-5678"),
        ("사기범이 김민지 씨의 연락처 010-1234-5678 로 문자를 보냈다.", "010-1234-5678"),
        # a victim cue in the clause after a "से कॉल" (call from) ends nothing: the victim's number
        ("पीड़ित के नंबर 98765 43210 पर ठग ने कॉल किया।", "98765 43210"),
        # one's own number before a postposition of origin
        ("उसने अपने नंबर 98765 43210 से बैंक को कॉल किया।", "98765 43210"),
        ("اس نے اپنے نمبر 0300 1234567 سے کال کی۔", "0300 1234567"),
    ],
)
def test_a_named_persons_number_stays_masked_past_offender_cues(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text, value) == PHONE


ORIGIN_PERSONAL_SLOTS = st.sampled_from(
    [
        "from the victim's number",
        "from her own mobile",
        "by the complainant's phone",
        "depuis le portable de la victime,",
        "vom Handy der Geschädigten",
        "desde el móvil de la víctima",
    ]
)


@given(before=filler, slot=ORIGIN_PERSONAL_SLOTS, phone=st.sampled_from(PHONES), after=filler)
@settings(max_examples=80, deadline=None)
def test_a_personal_slot_after_an_origin_or_agent_word_always_masks(
    anonymizer: TextAnonymizer, before: str, slot: str, phone: str, after: str
) -> None:
    text = f"{before} {slot} {phone} {after}".strip()
    redacted, counts = anonymizer.redact(text)
    assert phone not in redacted
    assert counts["PHONE"] == 1


# --- e-mail addresses and accounts -------------------------------------------------------------

OFFENDER_EMAILS = ["billing@secure-paypa1-help.com", "ceo.office@northwind-holdings-ltd.co"]


@pytest.mark.parametrize(
    "text",
    [
        "The accountant got an e-mail from {v} asking for an urgent transfer.",
        "Elle a reçu un courriel de « {v} » réclamant un virement.",
        "Der Buchhalter erhielt eine E-Mail von {v} und zahlte.",
        "La tesorera recibió un correo de {v} con nuevas instrucciones.",
        "Il contabile ha ricevuto una mail da {v} e ha pagato.",
        "De boekhouder kreeg een e-mail van {v} met een nieuw rekeningnummer.",
        "Ο λογιστής έλαβε email από {v} και πλήρωσε.",
        "Staf keuangan menerima email dari {v} lalu mentransfer dana.",
        "The spoofed sender {v} copied the director's signature.",
        "The scammer's e-mail {v} asked for a release fee.",
        "She was contacted by the fake recovery desk at {v}.",
        "The phishing mails came from {v} last week.",
        "Reply-To: {v}",
        "Die Rechnung kam von der Adresse {v}.",
    ],
)
@pytest.mark.parametrize("email", OFFENDER_EMAILS)
def test_offender_email_addresses_are_kept(anonymizer: TextAnonymizer, text: str, email: str) -> None:
    sentence = text.format(v=email)
    assert kind_of(anonymizer, sentence, email) == OFFENDER_EMAIL
    assert email in anonymizer.redact(sentence)[0]


@pytest.mark.parametrize(
    "text",
    [
        "Contact: {v}.",
        "Victim Mara Quist, e-mail {v}, lost 4,000 euros.",
        "Her e-mail {v} was used to reset the account.",
        "The attacker changed the recovery e-mail from {v} to a new one.",
        "She received a message from 'Microsoft 365' at {v} asking her to log in.",
        "Son courriel {v} a été piraté.",
        "Sie ist erreichbar unter {v}.",
        "Her e-mail {v} received the phishing mails sent from a look-alike domain.",
        "The victim {v} was sent a message from the bank.",
    ],
)
def test_personal_email_addresses_are_masked(anonymizer: TextAnonymizer, text: str) -> None:
    email = "mara.quist77@example-mail.org"
    sentence = text.format(v=email)
    assert kind_of(anonymizer, sentence, email) == EMAIL
    assert email not in anonymizer.redact(sentence)[0]


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Students were told to DM {v} for an easy side job.", "@fastcash_jobs_uk"),
        ("The Telegram channel {v} recruited money mules.", "@mule_hiring_eu"),
        ("Üniversite öğrencisi Telegram'daki {v} kanalı aracılığıyla hesabını sattı.", "@hizli_para_tr"),
        ("Il ragazzo è stato ricattato su Instagram dal profilo {v}.", "@bella_sofi_22"),
        ("Der Junge wurde erpresst von {v} auf Snapchat.", "@lena_sweet_de"),
        ("La cuenta falsa {v} contactó a Lucía por TikTok.", "@soporte_banco_ayuda"),
        ("Підлітку погрожував акаунт {v} у Telegram.", "@katya_love_ua"),
        ("학생은 인스타그램 계정 {v} 에게 협박을 받았다.", "@mina_love_77"),
        ("Một học sinh bị tài khoản TikTok {v} đe dọa.", "@hoa.xinh.2k8"),
        ("टेलीग्राम चैनल {v} ने छात्र से फीस ली।", "@daily_task_money"),
    ],
)
def test_offender_accounts_are_kept(anonymizer: TextAnonymizer, text: str, handle: str) -> None:
    sentence = text.format(v=handle)
    assert kind_of(anonymizer, sentence, handle) == OFFENDER_HANDLE
    assert handle in anonymizer.redact(sentence)[0]


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Her Instagram account {v} was hacked.", "@nora.bakes.art"),
        ("The victim's handle is {v} on TikTok.", "@tomas_rides_09"),
        ("Sextortion: the fake profile wrote to Jonas Lind ({v}) for weeks.", "@jonas.lind.08"),
        ("O seu perfil é {v} desde 2019.", "@bia.santos_"),
        ("Il suo profilo è {v}.", "@giada.art_"),
        ("The account {v} of the doctor was cloned.", "@dr_helena_mx"),
    ],
)
def test_personal_accounts_are_masked(anonymizer: TextAnonymizer, text: str, handle: str) -> None:
    sentence = text.format(v=handle)
    assert kind_of(anonymizer, sentence, handle) == HANDLE
    assert handle not in anonymizer.redact(sentence)[0]


@given(before=filler, after=filler)
@settings(max_examples=40, deadline=None)
def test_an_email_address_nothing_speaks_for_is_masked(
    anonymizer: TextAnonymizer, before: str, after: str
) -> None:
    email = "jo.vance@example-mail.org"
    text = f"{before} {email} {after}".strip()
    assert email not in anonymizer.redact(text)[0]


@given(before=filler, between=filler)
@settings(max_examples=40, deadline=None)
def test_a_personal_cue_nearer_than_a_sender_cue_masks_the_address(
    anonymizer: TextAnonymizer, before: str, between: str
) -> None:
    email = "jo.vance@example-mail.org"
    text = f"{before} an e-mail from the bank {between} and her e-mail {email} was copied".strip()
    assert email not in anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The scammers' channel t.me/quick_loans_ua recruited students.", True),
        ("Victims were told to write to the fake support profile instagram.com/bank.help.desk01.", True),
        ("Her profile facebook.com/milan.horvat.77 was cloned.", False),
        ("Victim's page: https://www.instagram.com/anna.k93/", False),
        ("See instagram.com/anna.k93 for the photos.", False),  # nothing decides: masked
    ],
)
def test_profile_addresses_are_the_offenders_or_a_persons_by_their_sentence(
    anonymizer: TextAnonymizer, text: str, kept: bool
) -> None:
    redacted = anonymizer.redact(text)[0]
    assert ("[HANDLE]" not in redacted) is kept


@pytest.mark.parametrize(
    "text",
    [
        "SIM swap: the fraudsters ported the number {v} of Maite Urrutia Lasa to a new card.",
        "Los delincuentes duplicaron la SIM del número {v} de Maite Urrutia Lasa.",
    ],
)
def test_a_value_of_a_named_person_is_theirs_whatever_the_cue_before(
    anonymizer: TextAnonymizer, text: str
) -> None:
    phone = "+34 612 345 678"
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == PHONE


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Sextortion of a minor via Instagram ({v}) was reported by the school.", "@tina_skates_09"),
        ("Her YouTube channel {v} was hijacked after a fake sponsorship offer.", "@maja_cooks"),
        (
            "The victim sent an e-mail from {v} to her bank to stop the transfer.",
            "ana.reyes@example-mail.org",
        ),
        ("Mağdur tarafından kullanılan hesap {v} ele geçirildi.", "@selin.art_34"),
        ("The phishing e-mail reached {v} on Monday.", "ana.reyes@example-mail.org"),
        ("The scam targeted customers such as {v} last week.", "ana.reyes@example-mail.org"),
        ("The hotline number was posted under {v} by mistake.", "@ana_reyes_art"),
    ],
)
def test_crime_names_and_a_persons_own_sending_do_not_make_an_account_the_offenders(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    sentence = text.format(v=value)
    assert value not in anonymizer.redact(sentence)[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Die Kartendaten gingen an den Telegram-Bot @parking_pay_bot weiter.", "@parking_pay_bot"),
        ("کارت را به ربات @sim_check_bot داد.", "@sim_check_bot"),
        ("The sender ghost.ledger@onionmail.org asked for 0.1 BTC.", "ghost.ledger@onionmail.org"),
        ("A mailbox rule forwarded every invoice to ap-desk@proton.me overnight.", "ap-desk@proton.me"),
    ],
)
def test_bots_senders_and_forwarding_targets_are_the_offenders(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    kinds = {text[d.start : d.end]: d.kind for d in anonymizer.find(text)}
    assert kinds[value].startswith("OFFENDER-")


def test_an_account_ending_in_robot_is_no_bot(anonymizer: TextAnonymizer) -> None:
    text = "Her account @mia_robot was taken over."
    assert [d.kind for d in anonymizer.find(text) if text[d.start : d.end] == "@mia_robot"] == ["HANDLE"]


# --- both cues: the victim's wins ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The scammer called the victim's number {v} twice.",
        "The fraudsters phoned from a spoofed line to her own number {v}.",
        "Le faux conseiller a appelé la victime, joignable au {v}.",
        "Der Betrüger rief an; Opfer erreichbar unter {v}.",
        "El estafador llamó desde un número oculto a su número {v}.",
        "Мошенник позвонил потерпевшей на номер {v}.",
        "The caller's number {v} belongs to the victim (spoofed by the scammers).",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:3])
def test_a_victims_number_with_an_offender_cue_too_is_masked(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == PHONE
    assert phone not in anonymizer.redact(sentence)[0]


# --- IBANs and cards: where the money went ---------------------------------------------------

IBANS = ["DE89 3704 0044 0532 0130 00", "NL91ABNA0417164300", "ES91 2100 0418 4502 0005 1332"]
CARD_NUMBER = "4539 1488 0343 6467"


@pytest.mark.parametrize(
    "text",
    [
        "She paid €650 to {v} for the phone.",
        "Funds went to {v} within the hour.",
        "The money was transferred to the mule account {v}.",
        "Beneficiary: {v}.",
        "Drei Zahlungen gingen an {v}.",
        "El jubilado transfirió 900 € a {v}.",
        "Deux virements sont partis vers {v}.",
        "Hij moest € 750 overmaken naar {v}.",
        "Fue convencida de mover sus ahorros a una «cuenta segura» {v}.",
        "Пенсионера уговорили положить сбережения на безопасный счёт {v}.",
        "Rahat siirrettiin muulitilille {v}.",
        "送金先は犯人の口座{v}だった。",
        "指定された振込先は{v}。",
        "The fake seller's account {v} was frozen.",
        "She wired the deposit to {v} (mule).",
        "The victim transferred €5,000 from her account DE02 1203 0000 0000 2020 51 to {v}.",
    ],
)
@pytest.mark.parametrize("iban", IBANS)
def test_an_iban_that_received_the_money_is_the_offenders(
    anonymizer: TextAnonymizer, text: str, iban: str
) -> None:
    sentence = text.format(v=iban)
    assert kind_of(anonymizer, sentence, iban) == OFFENDER_IBAN


@pytest.mark.parametrize(
    "text",
    [
        "Her IBAN {v} was shown on the form.",
        "Er zahlte 640 € von seinem Konto {v}.",
        "Πλήρωσε 800 € από {v}.",
        "Przelał 900 zł z konta {v}.",
        "Pagou 700 € da conta {v}.",
        "The fraudster emptied the account {v} overnight.",
        "The scammer transferred €900 to Maria Lindqvist, IBAN {v}.",
        "The victim's account {v} was debited.",
        "IBAN {v}.",
        "The victim transferred €5,000 from {v} to DE02 1203 0000 0000 2020 51.",
        "Opfer: Konto {v}, Überweisung an den Betrüger.",
    ],
)
@pytest.mark.parametrize("iban", IBANS)
def test_a_persons_or_undecided_iban_is_masked(anonymizer: TextAnonymizer, text: str, iban: str) -> None:
    sentence = text.format(v=iban)
    assert kind_of(anonymizer, sentence, iban) == IBAN
    assert iban not in anonymizer.redact(sentence)[0]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Лжепродавец просил предоплату на карту {v}.", OFFENDER_CARD),
        ("Знакомым писали с просьбой перевести денег на карту {v}.", OFFENDER_CARD),
        ("The deposit went to the mule's card {v}.", OFFENDER_CARD),
        ("She paid €300 with card {v}.", CARD),
        ("The fraudster used the card {v} in three shops.", CARD),
        ("The victim entered her card {v} on the fake page.", CARD),
        ("Перевела деньги со своей карты {v}.", CARD),
        ("Card {v}.", CARD),
    ],
)
def test_a_card_is_the_offenders_only_where_money_went_to_it(
    anonymizer: TextAnonymizer, text: str, kind: str
) -> None:
    assert kind_of(anonymizer, text.format(v=CARD_NUMBER), CARD_NUMBER) == kind


PAYMENT_CLAUSES = st.sampled_from(
    [
        "The scammer asked her to transfer 500 euros to a mule account",
        "Le faux conseiller a exigé un virement vers un compte sécurisé",
        "Der Betrüger verlangte eine Überweisung an einen Empfänger",
        "Мошенник убедил перевести деньги на безопасный счёт",
    ]
)
VICTIM_ACCOUNT_SLOTS = st.sampled_from(
    [
        "and her IBAN is",
        "; the victim's account:",
        ", from her account",
        ", von ihrem Konto",
        ", со своего счёта",
    ]
)


@given(clause=PAYMENT_CLAUSES, slot=VICTIM_ACCOUNT_SLOTS, iban=st.sampled_from(IBANS), after=filler)
@settings(max_examples=80, deadline=None)
def test_a_victims_iban_after_a_payment_to_a_mule_is_masked(
    anonymizer: TextAnonymizer, clause: str, slot: str, iban: str, after: str
) -> None:
    text = f"{clause} {slot} {iban} {after}".strip()
    redacted, counts = anonymizer.redact(text)
    assert iban not in redacted
    assert counts["IBAN"] == 1


@given(before=filler, iban=st.sampled_from(IBANS), after=filler)
@settings(max_examples=60, deadline=None)
def test_an_iban_nothing_speaks_for_is_masked(
    anonymizer: TextAnonymizer, before: str, iban: str, after: str
) -> None:
    redacted, counts = anonymizer.redact(f"{before} {iban} {after}".strip())
    assert iban not in redacted
    assert counts["IBAN"] == 1


@given(before=filler, ip=st.sampled_from(IPS), after=filler)
@settings(max_examples=40, deadline=None)
def test_an_ip_address_nothing_speaks_for_is_the_offenders(
    anonymizer: TextAnonymizer, before: str, ip: str, after: str
) -> None:
    assert ip in anonymizer.redact(f"{before} {ip} {after}".strip())[0]


# --- beyond the nearest cue: references, actors, a value written again ------------------------


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Crime ref NWX 7741-2203 was given to the caller.", "7741-2203"),
        ("Aktenzeichen 310 Js 4471/25, Staatsanwaltschaft.", "4471/25"),
        ("Az. 52 1188/2025 der Kriminalpolizei.", "1188/2025"),
        ("A rendőrség ügyszám BKRFK 02000/5512/2025 alatt nyomoz.", "02000/5512/2025"),
        ("Prokuratura, sygn. akt III Ds. 512.2025.", "512.2025"),
        ("Уголовное дело № 12501450033000118 возбуждено.", "12501450033000118"),
        ("Zaaknummer 2025-118734 bij de politie.", "2025-118734"),
        ("Numéro de procédure 2025/118734 au commissariat.", "2025/118734"),
        ("Expediente 4471-2025 del juzgado.", "4471-2025"),
    ],
)
def test_a_case_reference_is_no_phone_number(anonymizer: TextAnonymizer, text: str, reference: str) -> None:
    redacted, counts = anonymizer.redact(text)
    assert reference in redacted
    assert counts["PHONE"] == 0


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Tiesvedība (krimināllieta Nr. 12604018833) nodota prokuratūrai.", "12604018833"),
        ("Politiet registrerte saken, saksnummer 17804412, i går.", "17804412"),
        ("El juzgado abrió la causa 1844023 por estafa.", "1844023"),
        ("Polisi walifungua OB no 0613 557 201 Central.", "0613 557 201"),
        ("NCRP complaint number 20812260041187 registered.", "20812260041187"),
    ],
)
def test_a_case_or_complaint_word_of_more_languages_makes_a_reference(
    anonymizer: TextAnonymizer, text: str, reference: str
) -> None:
    redacted, counts = anonymizer.redact(text)
    assert reference in redacted
    assert counts["PHONE"] == 0


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Pengarna gick till Nordljus Bygg AB, org.nr 556712-3391, i mars.", "556712-3391"),
        ("Lėšos pervestos bendrovei, įm. kodas 304415872, vakar.", "304415872"),
        ("Paid to a shell firm (company no. 14022871) last week.", "14022871"),
        ("CERT-SE incidentrapport 2025-0412 om kapade konton.", "2025-0412"),
        ("Получено обращение № 25-227-0418 от клиентки.", "25-227-0418"),
        ("The courier page showed AWB 3182044907 to the victims.", "3182044907"),
        ("Pesa zilitumwa kwa Till No. 6629314 ya duka bandia.", "6629314"),
    ],
)
def test_a_firms_registration_an_incident_or_a_waybill_number_is_no_phone_number(
    anonymizer: TextAnonymizer, text: str, reference: str
) -> None:
    redacted, counts = anonymizer.redact(text)
    assert reference in redacted
    assert counts["PHONE"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "Útočník při tom používal číslo {v}.",
        "Il-frodaturi kienu jċemplu minn {v}.",
        "Mtuhumiwa alitumia namba {v} kumpigia.",
        "Tersangka menghubungi korban dari {v}.",
    ],
)
def test_an_offenders_role_of_more_languages_keeps_the_number(anonymizer: TextAnonymizer, text: str) -> None:
    value = "+44 20 7946 0584"
    assert kind_of(anonymizer, text.format(v=value), value) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        # a word of a case in one language, a common word in another: no reference
        "Spis numerów: 601 224 918 (syn).",
        "Zapytała, ob 0151 2249 1873 ihre Nummer ist.",
    ],
)
def test_a_common_word_of_another_language_makes_no_reference(anonymizer: TextAnonymizer, text: str) -> None:
    assert anonymizer.redact(text)[1]["PHONE"] == 1


@pytest.mark.parametrize("text", ["Crime ref +44 7700 900123 (victim).", "Aktenzeichen 0049 30 1234567."])
def test_a_number_in_international_form_after_a_reference_word_is_still_masked(
    anonymizer: TextAnonymizer, text: str
) -> None:
    redacted, counts = anonymizer.redact(text)
    assert counts["PHONE"] == 1 and "7700 900123" not in redacted and "1234567" not in redacted


@pytest.mark.parametrize("phone", PHONES[:3])
def test_a_phone_number_in_another_clause_than_a_reference_word_is_masked(
    anonymizer: TextAnonymizer, phone: str
) -> None:
    for text in (f"Crime ref 2025/88, victim's phone {phone}.", f"Dossier suivi, joignable au {phone}."):
        assert phone not in anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    "text",
    [
        "Report: {v} threatened to publish the photos unless paid.",
        "The account {v} demanded 300 EUR in gift cards.",
        "Das Profil {v} drohte mit der Veröffentlichung.",
        "Le compte {v} exigeait un paiement en cartes prépayées.",
        "La cuenta {v} amenazó con difundir los vídeos.",
        "После этого аккаунт {v} требовал перевести деньги.",
    ],
)
def test_an_account_that_threatens_or_demands_is_the_offenders(anonymizer: TextAnonymizer, text: str) -> None:
    handle = "@night_lotus_77"
    assert kind_of(anonymizer, text.format(v=handle), handle) == OFFENDER_HANDLE


@pytest.mark.parametrize(
    "text",
    [
        "Priya Raman ({v}) threatened to go to the press about the fraud.",
        "The victim's account {v} demanded a refund from the shop.",
        "Her account {v} threatened nobody: it was taken over.",
    ],
)
def test_a_named_persons_or_victims_account_that_acts_stays_masked(
    anonymizer: TextAnonymizer, text: str
) -> None:
    handle = "@priya.r.1990"
    sentence = text.format(v=handle)
    assert kind_of(anonymizer, sentence, handle) == HANDLE
    assert handle not in anonymizer.redact(sentence)[0]


@pytest.mark.parametrize("phone", PHONES[:3])
def test_a_value_the_text_gives_the_offender_is_the_offenders_where_written_again(
    anonymizer: TextAnonymizer, phone: str
) -> None:
    text = f"The fraudster called from {phone} on Monday. On Tuesday {phone} rang twice more."
    redacted, counts = anonymizer.redact(text)
    assert redacted.count(phone) == 2
    assert counts["PHONE"] == 0


@given(
    clause=OFFENDER_CLAUSES,
    slot=PERSONAL_SLOTS,
    phone=st.sampled_from(PHONES),
    between=filler,
    personal_first=st.booleans(),
)
@settings(max_examples=80, deadline=None)
def test_a_value_said_to_be_a_persons_anywhere_is_masked_everywhere(
    anonymizer: TextAnonymizer, clause: str, slot: str, phone: str, between: str, personal_first: bool
) -> None:
    offender = f"{clause} {phone}."
    personal = f"Later {slot} {phone}."
    parts = (personal, between, offender) if personal_first else (offender, between, personal)
    redacted, counts = anonymizer.redact(" ".join(p for p in parts if p))
    assert phone not in redacted
    assert counts["PHONE"] == 2


@pytest.mark.parametrize("phone", PHONES[:3])
def test_a_payers_number_and_a_callers_number_after_a_payment(anonymizer: TextAnonymizer, phone: str) -> None:
    payer = f"She paid 300 EUR from the number {phone}."
    caller = f"He wired 500 EUR after a caller posing as his bank rang from {phone}."
    assert phone not in anonymizer.redact(payer)[0]
    assert kind_of(anonymizer, caller, phone) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        "Pettur saatis sõnumi numbrilt {v}.",
        "{v} нөмірінен алаяқ хабарласты.",
        "Примили смо позив са {v} касно увече.",
        "Sukčius skambino iš {v} du kartus.",
        "가해자는 {v} 번호를 사용했다.",
        "歹徒用{v}多次来电；受害人已报警。",
        "Kẻ gian dùng số {v} để gọi nhiều lần.",
        "המתקשר השאיר את המספר {v}.",
        "Penipu menelepon dari nomor {v} setiap malam.",
        "Umkhohlisi usebenzisa {v} njalo.",
        "احتال المحتال عبر الرقم {v}، ثم أغلق الخط.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_offender_phone_numbers_in_more_languages_are_kept(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        "歹徒冒充客服来电；受害人手机{v}。",
        "المحتال اتصل بالضحية، رقمها {v}.",
        "Pettur helistas kannatanule, kelle number on {v}.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_victims_number_after_an_offender_clause_in_more_languages_is_masked(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    assert phone not in anonymizer.redact(text.format(v=phone))[0]


@pytest.mark.parametrize(
    "text",
    [
        "The fraudsters used these numbers: {a}, {b} and {c}.",
        "Numbers of the scammers: {a}; {b}; {c}.",
        "The scam call centre's numbers:\n- {a}\n- {b}\n- {c}",
        "Die Betrüger nutzten folgende Nummern:\n1. {a}\n2. {b}\n3. {c}",
    ],
)
def test_numbers_listed_after_an_offender_cue_are_the_offenders(
    anonymizer: TextAnonymizer, text: str
) -> None:
    a, b, c = PHONES[:3]
    redacted, counts = anonymizer.redact(text.format(a=a, b=b, c=c))
    assert all(phone in redacted for phone in (a, b, c))
    assert counts["PHONE"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "The fraudsters used {a}, the victim's number is {b}.",
        "The scammers called from {a} and Priya Raman {b}.",
        "Numbers of the scammers: {a}. Contact details: {b}.",
        "Victims' numbers:\n- {a}\n- {b}",
        "The scammer called from {a}; {b} (her own mobile).",
    ],
)
def test_a_list_ends_at_any_word_and_a_victims_list_stays_masked(
    anonymizer: TextAnonymizer, text: str
) -> None:
    a, b = PHONES[:2]
    assert b not in anonymizer.redact(text.format(a=a, b=b))[0]


@given(clause=OFFENDER_CLAUSES, phone=st.sampled_from(PHONES), other=st.sampled_from(PHONES), gap=filler)
@settings(max_examples=60, deadline=None)
def test_a_number_after_a_listed_offenders_number_and_any_word_is_masked(
    anonymizer: TextAnonymizer, clause: str, phone: str, other: str, gap: str
) -> None:
    assume(phone != other)
    # A sentence of its own after the listed number: nothing in it speaks for the other number.
    text = f"{clause} {phone}. {gap} {other}".replace("  ", " ")
    assert other not in anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    "text",
    [
        "A fake landlord advertised the flat online. Later the landlord used {v} for every call.",
        "Le faux conseiller a rappelé deux fois. Le conseiller appelait depuis le {v}.",
        "El técnico falso pidió acceso remoto. Después el técnico escribía desde el {v}.",
        "Der angebliche Paketbote meldete sich per SMS. Der Paketbote nutzte {v}.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_role_the_text_calls_feigned_names_the_offender_when_repeated(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        "A fake landlord advertised the flat. The landlord called Priya Raman on {v}.",
        "A fake landlord advertised the flat. The tenant's number is {v}.",
        "The landlord used {v} for every call.",
        "A fake landlord advertised the flat. Later the real landlord, {v} (her own phone), complained.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_role_word_alone_or_before_a_person_does_not_keep_a_number(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    assert phone not in anonymizer.redact(text.format(v=phone))[0]


@given(slot=PERSONAL_SLOTS, phone=st.sampled_from(PHONES), between=filler, after=filler)
@settings(max_examples=60, deadline=None)
def test_a_personal_slot_after_a_feigned_role_always_masks(
    anonymizer: TextAnonymizer, slot: str, phone: str, between: str, after: str
) -> None:
    text = f"The fake courier phoned twice. The courier {between} {slot} {phone} {after}".replace("  ", " ")
    assert phone not in anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a person who called or wrote to the value: the value is the other side's
        ("Tech-support pop-up: Ingeborg Lund, 79, called {v} and paid.", "+44 7700 900461"),
        ("La victime, Mme Odile Marchand, a appelé le {v} affiché à l'écran.", "+33 6 48 21 93 07"),
        ("Mevrouw Anke de Wit belde {v} en gaf toegang tot haar pc.", "+44 7700 900461"),
        ("A vítima Sra. Luísa Prates ligou para o {v} do anúncio.", "+33 6 48 21 93 07"),
        # the person named after a verb of calling is the one called: where the call came from
        ("Secuestro virtual: llamaron a Rosa Ibarra Soto desde {v} pidiendo dinero.", "+44 7700 900461"),
        ("Utapeli: mtu alimpigia Bi. Rehema Salim kutoka {v} usiku.", "+44 7700 900461"),
        # the offender's own name written right after the cue
        ('She was phoned by a fake "DS Philip Webb" from {v} about her savings.', "+44 7700 900461"),
    ],
)
def test_a_number_a_person_called_or_was_called_from_is_the_other_sides(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text.format(v=value), value) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        # where a person called from is theirs, whatever offender cue names whom they called
        "The complainant called the helpdesk from {v} on Monday.",
        "She called the fake support line from {v} to cancel.",
        "Она звонила в банк с номера {v} после звонка мошенника.",
        # the person called on a number: theirs
        "The fraudster called Tomasz Wilk on {v} twice.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_persons_calling_number_stays_masked(anonymizer: TextAnonymizer, text: str, phone: str) -> None:
    assert kind_of(anonymizer, text.format(v=phone), phone) == PHONE


@pytest.mark.parametrize("value", ["1-888-555-0199", "+44 800 046 1234"])
def test_the_number_a_person_was_told_to_call_is_the_other_sides(
    anonymizer: TextAnonymizer, value: str
) -> None:
    text = f"A pop-up told Ines Moreau to call {value}."
    assert value in anonymizer.redact(text)[0]


@pytest.mark.parametrize("phone", PHONES[:2])
def test_call_alone_is_no_verb_of_calling(anonymizer: TextAnonymizer, phone: str) -> None:
    assert kind_of(anonymizer, f"Victim Ana Ruiz, call {phone} after six.", phone) == PHONE


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Job scam via Telegram handle {v}, victims paid for tasks.", "@task_pay_hub"),
        ("Drogenhandel über Telegram-Shop {v}; Lieferung per Paket.", "@kiez_candy_77"),
        ("Fraude à l'investissement via Telegram, compte « {v} ».", "@BourseProFr"),
        ("ابتزاز إلكتروني عبر حساب فيسبوك {v} الأسبوع الماضي.", "@amal.x.77"),
        ("Lừa đầu tư qua Zalo {v}; nhiều người mất tiền.", "@vang_vip77"),
        ("Kärleksbedrägeri via Instagram: ”piloten” {v} lurade många.", "@capt.erik.l"),
        ("Recruiter sa Facebook: {v}.", "@quick_pay_ph"),
    ],
)
def test_the_account_a_crime_went_through_is_the_offenders(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text.format(v=value), value) == OFFENDER_HANDLE


@pytest.mark.parametrize(
    "text",
    [
        "Sextortion of a minor via Instagram ({v}) was reported by the school.",
        "Fraud reported via her Instagram {v} last week.",
        "Scam via Telegram: victim Rui Costa ({v}) paid twice.",
        "Phishing via e-mail reached Clara Nunes at {v}.",
        "Maria wrote to her cousin via Telegram {v}.",
        "Job scam via the hacked Instagram account {v} last week.",
        "Fraud via Instagram against {v} and others.",
        "Erpressung einer Schülerin über Instagram {v}.",
    ],
)
def test_a_channel_word_does_not_give_a_persons_account_away(anonymizer: TextAnonymizer, text: str) -> None:
    value = "@rui_costa_93"
    assert value not in anonymizer.redact(text.format(v=value))[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # origin words: Croatian "s broja", Icelandic "úr"; Arabic "the callers"
        ("Prevara putem Vibera s broja {v} prošlog tjedna.", "+385 91 234 5678"),
        ("Símtal úr {v} um nóttina.", "+354 661 2345"),
        ("الضحية سعاد، المتصلون من {v}.", "+961 3 123 456"),
        # suspects, fakes, threats and gangs
        ("Golpe: o suspeito, com o nº {v}, pediu o código.", "+351 912 345 678"),
        ("ایف آئی اے: جعلی نمبر {v} سے پیغام۔", "0301 7654321"),
        ("व्हाट्सऐप पर धमकी, नंबर {v}।", "+91 98765 43210"),
        ("টাকা নিয়ে নেয় চক্রটি, নম্বর {v}।", "+880 1711-223344"),
        # organisers and recruiters of mules
        ("Organizatör {v}.", "@bahis_kiralik_9"),
        ("Reclutamiento de mulas por TikTok ({v}).", "@pesos_ya_mx"),
    ],
)
def test_more_languages_origin_suspect_and_recruiter_cues(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text.format(v=value), value) in (OFFENDER_PHONE, OFFENDER_HANDLE)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the offender's contact: an offender's word right before the contact word
        ("사기범 연락처 {v}, 피해자 연락처 010-6677-8899.", "010-2233-4455"),
        ("The scammer's contact {v} was cut off.", "+44 7700 900461"),
    ],
)
def test_an_offenders_contact_keeps_the_value(anonymizer: TextAnonymizer, text: str, value: str) -> None:
    assert kind_of(anonymizer, text.format(v=value), value) in (OFFENDER_PHONE, OFFENDER_HANDLE)


@pytest.mark.parametrize(
    "text",
    [
        'Victim Ma. Ana "Tin" Cruz ({v}) reported the loss.',
        'Anna Berg "Annie" ({v}) reported the loss.',
        'Her daughter "Lena" ({v}) called the bank.',
        'They paid in "tasks". Her contact {v} and more.',
        "Victim contact {v}.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_quoted_nickname_or_a_victims_contact_stays_masked(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    assert phone not in anonymizer.redact(text.format(v=phone))[0]


@pytest.mark.parametrize(
    "text",
    [
        # a kin word naming the scam is no person of the text
        "Estafa del nieto en apuros por WhatsApp desde el {v}. La víctima, Ana Gil, pagó.",
        "Estafa del nieto: desde el {v} escribieron a Rosa Gil.",
        # a phone number a crime went through
        "Vriend-in-noodfraude via WhatsApp ({v}); Piet de Boer betaalde.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_scams_name_and_its_channel_keep_the_senders_number(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    assert kind_of(anonymizer, text.format(v=phone), phone) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        "Zoon van het slachtoffer, {v}.",
        "La víctima y su hijo, desde el {v}, llamaron al banco.",
        "Fraud via a message to {v} last week.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_kin_word_outside_a_scams_name_still_masks(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    assert kind_of(anonymizer, text.format(v=phone), phone) == PHONE


@pytest.mark.parametrize(
    "text",
    [
        # the persons a call went to: where it came from is the caller's
        "Lottery scam ring: calls to elderly victims came from {v}. Informant Tom Reid.",
        # a call from, in Albanian and Latvian
        "Mashtrim: Besa Krasniqi dërgoi 500 euro pas telefonatës nga {v}.",
        "Krāpniecība ar zvanu no {v}; cietusī Inga Liepa.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_where_a_call_to_persons_came_from_is_the_callers(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    assert kind_of(anonymizer, text.format(v=phone), phone) == OFFENDER_PHONE


@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_person_writing_to_a_relative_from_a_number_keeps_it_masked(
    anonymizer: TextAnonymizer, phone: str
) -> None:
    text = f"She sent messages to her son from {phone} every day."
    assert kind_of(anonymizer, text, phone) == PHONE


@pytest.mark.parametrize(
    "text",
    [
        "Refund scam; victim wrote to {v} for help.",
        "La víctima escribió a {v} para pedir ayuda.",
        "Die Geschädigte schrieb an {v} und bat um Rat.",
    ],
)
def test_an_address_a_person_wrote_to_stays_masked(anonymizer: TextAnonymizer, text: str) -> None:
    value = "helpdesk7@mail-provider.example"
    assert value not in anonymizer.redact(text.format(v=value))[0]


@pytest.mark.parametrize(
    "text",
    [
        # the offender's role or feigned identity, in more languages
        "වංචාකරුගේ Viber අංකය {v} විය.",
        "Iruzurgileak {v} zenbakitik deitu zuen.",
        "'n Vals SARS-oproep van {v} het die pensioenaris bang gemaak.",
        "Saxta bank işçisi {v} nömrəsindən zəng edib.",
        "Пострадалата Петя Маринова получи обаждане от номер {v} за блокирана карта.",
        "แอบอ้างเป็นเจ้าหน้าที่ธนาคาร โทรจาก {v}",
        "ผู้เสียหายแจ้งว่า เบอร์คนร้าย {v}",
        "ব্যাংক কর্মকর্তা পরিচয়ে {v} থেকে ফোন আসে।",
        "自稱銀行客服的來電{v}。",
        "其同伙使用号码{v}联系买家。",
        "The dealer's accomplice used {v} to arrange deliveries.",
        "Golpe via WhatsApp a partir de {v}.",
        "تلقت الشاكية مكالمة من {v} تطلب رمز التحقق.",
        # the offender's contact word, written in one run with the owner
        "覚醒剤事件：売人の連絡先は{v}。",
        "骗子的联系电话{v}。",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_offender_cues_of_more_languages_keep_the_number(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    assert kind_of(anonymizer, text.format(v=phone), phone) == OFFENDER_PHONE


# Guards of the rules above: a person's contact, a reporter and one's own channel stay masked.
@pytest.mark.parametrize(
    "text",
    [
        "被害者の連絡先は{v}。",
        "受害人的联系电话{v}。",
        # "the criminal" alone, with no full stop, does not reach a number further on
        "คนร้ายโทรหลอกให้โอนเงิน ผู้แจ้งคือนางสาวมณี เบอร์ {v}",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_persons_contact_in_those_languages_stays_masked(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    assert kind_of(anonymizer, text.format(v=phone), phone) == PHONE


@pytest.mark.parametrize(
    "text",
    [
        "Pojken utpressades av {v} på Snapchat.",
        "Gutten ble presset av {v} på Snapchat.",
        "Het meisje werd bedreigd door {v}.",
        "Korban diancam akun {v} melalui pesan langsung.",
        "Viņš tika šantažēts no {v}.",
        "הנער דני כהן קיבל איומים מהחשבון {v}.",
        "เด็กหญิงถูกขู่จากบัญชี {v}",
        "对方账号 {v} 索要比特币。",
        "Відправник фішингового листа {v}.",
        "Epäilty myi kannabista Telegram-kanavalla {v}.",
        "Osumljenec je prodajal marihuano prek {v}.",
    ],
)
@pytest.mark.parametrize("value", ["@cam_lover_881", "kasa.podatok@refund-portal.example"])
def test_threats_and_channels_of_more_languages_keep_the_account(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text.format(v=value), value) in (OFFENDER_HANDLE, OFFENDER_EMAIL)


@pytest.mark.parametrize(
    "text",
    [
        "Saken ble meldt av {v} på Facebook.",
        "Ärendet anmäldes, anmäld av {v} i går.",
        "Het bericht werd gedeeld door {v}.",
        "Hänen Telegram-kanavansa on {v}.",
    ],
)
@pytest.mark.parametrize("value", ["@kari.nordbo", "ola.sandvik@mail-provider.example"])
def test_a_reporter_or_a_persons_own_channel_stays_masked(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text.format(v=value), value) in (HANDLE, EMAIL)


@pytest.mark.parametrize(
    "text",
    [
        "The complainant phoned from {v} to report the theft.",
        "Rahel Okafor texted from {v} at midnight.",
        "She called from {v} after the break-in.",
        "Marie a appelé depuis le {v} pour signaler la fraude.",
        "The victim called from {v} to cancel her card.",
        "Пострадалата се обади от номер {v} на полицията.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_person_right_before_a_verb_of_calling_from_a_number_keeps_it_masked(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    assert kind_of(anonymizer, text.format(v=phone), phone) == PHONE


# Guards: a passive's subject, or an offender, before the verb names no owner of the number.
@pytest.mark.parametrize(
    "text",
    [
        "Anna was called from {v} by a fake officer.",
        "The fraudster phoned from {v} twice.",
        "Marie a été appelée depuis le {v} par un faux conseiller.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_passive_or_an_offender_before_a_verb_of_calling_still_keeps_the_number(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    assert kind_of(anonymizer, text.format(v=phone), phone) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        'Romance fraud: Mair Jones sent £2,000 to a "field surgeon" ({v}) last spring.',
        '로맨스 스캠: "해군 대위" {v}에게 김서연 씨가 송금했다.',
        "Befektetési csalás: a „tanácsadót” a {v} elérhetőségen kereste.",
        'Boligsvindel: Kari Lund betalte depositumet for leiligheten til "megler" {v} i mai.',
    ],
)
@pytest.mark.parametrize("value", ["@field_doc_77", "+44 7418 552 019"])
def test_a_quoted_role_right_before_a_value_is_the_claimed_identity(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text.format(v=value), value) in (OFFENDER_HANDLE, OFFENDER_PHONE)


# Guards: a person's quoted description, a quoted contact word or a quoted name stays masked.
@pytest.mark.parametrize(
    "text",
    [
        'The victim, a "retired teacher" ({v}), lost £900.',
        'Ilse Brandt, a "retired teacher", {v}.',
        'The complainant gave her "new number" {v} to the bank.',
        'Witness "Tom" {v} saw the van.',
    ],
)
@pytest.mark.parametrize("value", ["@ilse_b_1950", "+44 7700 900461"])
def test_a_persons_quoted_description_stays_masked(anonymizer: TextAnonymizer, text: str, value: str) -> None:
    assert kind_of(anonymizer, text.format(v=value), value) in (HANDLE, PHONE)


# Offender roles, fake identities and calls' origin of more languages: Welsh and Irish mutated
# nouns, Maltese, Icelandic inflections, Slovene and Croatian, Burmese and Khmer written without
# spaces between words, Nepali and Marathi case endings, German compounds, brokers.
@pytest.mark.parametrize(
    "text",
    [
        "Roedd y twyllwr yn ffonio o {v} bob nos.",
        "Galwad gan dwyllwr ar {v} am y cerdyn.",
        "Ghlaoigh calaoiseoir ó {v} faoin gcárta.",
        "Glao ó ghlaoiteoir bréige ar {v}.",
        "Il-frodist ċempel minn {v} u talab il-PIN.",
        "Hann fékk símtal frá svikara í {v}.",
        "Prejel je lažni klic banke s številke {v}.",
        "Osumnjičeni je zvao s broja {v}.",
        "လိမ်လည်သူ၏ ဖုန်း {v} မှ ခေါ်ဆိုခဲ့သည်။",
        "ជនល្មើសប្រើលេខ {v} ដើម្បីទាក់ទង។",
        "ठगले {v} बाट फोन गर्यो।",
        "फसवणूक करणाऱ्याचा क्रमांक {v}.",
        "Der Anlagebetrüger meldete sich unter {v}.",
        "人身取引：ブローカーの連絡先は{v}。",
        "นายหน้าติดต่อผ่านเบอร์ {v}",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_offender_roles_of_more_languages_keep_the_number(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    assert kind_of(anonymizer, text.format(v=phone), phone) == OFFENDER_PHONE


# Guards: the victims, witnesses and relatives of those languages stay masked after the roles.
@pytest.mark.parametrize(
    "text",
    [
        "Ffoniodd y twyllwr y dioddefwr ar {v}.",
        "Ghlaoigh calaoiseoir ar an íospartach ar {v}.",
        "Il-frodist ċempel lill-vittma fuq {v}.",
        "Svikarinn hringdi í brotaþola í {v}.",
        "လိမ်လည်သူက တိုင်ကြားသူ၏ ဖုန်း {v} ကို ခေါ်သည်။",
        "ជនល្មើសបានទូរស័ព្ទទៅជនរងគ្រោះលេខ {v}។",
        "ठगले उजुरीकर्ताको नम्बर {v} मा फोन गर्यो।",
        # Romanian "nepoata" (the niece) is no Dutch "nep" (fake)
        "Telefonul escrocului +40 721 000 111; nepoata Ioana Marin, {v}.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_persons_of_those_languages_stay_masked_after_an_offender_role(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    assert kind_of(anonymizer, text.format(v=phone), phone) == PHONE


# A name right after an offender's role is that offender's own: the value is theirs.
@pytest.mark.parametrize(
    "text",
    [
        "The suspect Darko Ilić used {v} to arrange deliveries.",
        "Đối tượng Trần Văn Lộc dùng tài khoản Zalo {v} để nhận tiền.",
        "Osumnjičeni Goran Babić i Mirko Tomić vršili su prevare preko {v}.",
        "The dealer Ivan Petrov's phone {v} was switched off.",
    ],
)
@pytest.mark.parametrize("value", ["+44 7418 552 019", "+7 916 555 0142"])
def test_a_name_right_after_an_offender_role_names_the_offender(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text.format(v=value), value) == OFFENDER_PHONE


# An account after a role and a name stays masked: its name is usually the person's own, and the
# name after a role word is not always the role's.
@pytest.mark.parametrize(
    "text",
    [
        "The suspect Darko Ilić used {v} to arrange deliveries.",
        "Osumnjičeni Goran Babić i Mirko Tomić vršili su prevare preko {v}.",
        "Şantajcı Kerem Aksoy {v} hesabını kullandı.",  # the role taken into the name
    ],
)
def test_an_account_after_a_role_and_a_name_stays_masked(anonymizer: TextAnonymizer, text: str) -> None:
    assert kind_of(anonymizer, text.format(v="@darko_ilic_77"), "@darko_ilic_77") == HANDLE


# A verb of impersonating or threatening before the name: the name is the one impersonated or
# threatened, whose own contact data it is.
@pytest.mark.parametrize(
    "text",
    [
        "Scammers impersonated Laura Pérez ({v}) to her friends.",
        "Scammers impersonated Laura Pérez, phone {v}, to her friends.",
        "The extortionist threatened Jonas Berg at {v}.",
    ],
)
@pytest.mark.parametrize("value", ["@laura_p88", "+44 7700 900123"])
def test_a_name_after_a_verb_of_impersonating_stays_masked(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text.format(v=value), value) in (HANDLE, PHONE)


# Guards: a name after a verb is whom the offender reached; a recruited mule's stays masked.
@pytest.mark.parametrize(
    "text",
    [
        "The suspect phoned Clara Jung at {v}.",
        "The scammer called Maria Lindqvist on {v}.",
        "The money mule Ana Horvat used {v} for the transfers.",
    ],
)
@pytest.mark.parametrize("value", ["@ana_h_1999", "+44 7700 900461"])
def test_a_name_after_a_verb_or_a_mule_stays_masked(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text.format(v=value), value) in (HANDLE, PHONE)


# An owner phrase right after the value that links it to the offender ("… of the scammer", "… do
# kẻ gian cung cấp": provided by the crook) outweighs a person named earlier in the sentence.
@pytest.mark.parametrize(
    "text",
    [
        "The victim Ana Lopez sent money to the number {v} of the scammer.",
        "Nạn nhân Lê Thị Hoa chuyển tiền vào số {v} do kẻ gian cung cấp.",
        "Nạn nhân Lê Thị Hoa gọi lại số {v} của kẻ gian.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_an_owner_phrase_after_the_value_outweighs_a_person_named_earlier(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    assert kind_of(anonymizer, text.format(v=phone), phone) == OFFENDER_PHONE


# Guards: a person's contact word or name right before the value, or an article alone after it.
@pytest.mark.parametrize(
    "text",
    [
        "La víctima recibió en su móvil {v} la falsa notificación.",
        "Victim Ana Lopez, {v} of the scammer list.",
        "The victim's number {v} of the scammer list.",
        # Thai writes no full stop: the broker alone does not reach a number further on
        "นายหน้าหลอกคนงานไปต่างประเทศ แม่แจ้งความที่สถานี เบอร์ {v}",
        # the "com" of a domain is no Portuguese "with" (a crime's channel)
        "Fraude CEO: la contable pagó tras un email de ceo@acme-group.com.co. Tel. {v}.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_persons_word_right_before_the_value_keeps_it_masked(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    assert kind_of(anonymizer, text.format(v=phone), phone) == PHONE


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a mail's sender, the words glued before the address
        (
            "架空請求：メールの送信元はinfo@kakuu-seikyu.example.comで、サイトは海外。",
            "info@kakuu-seikyu.example.com",
        ),
        # a quoted role, then a WeChat ID
        ("电信诈骗窝点位于境外，“客服”微信号kefu_5566vip。", "kefu_5566vip"),
    ],
)
def test_a_cjk_sender_word_or_quoted_role_keeps_the_account(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text, value) in (OFFENDER_EMAIL, OFFENDER_HANDLE)


# Japanese says an identity is claimed after it ("…を名乗る犯人"): glued to the value, it outweighs a
# victim named earlier in the sentence.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("被害者のアカウントが乗っ取られ、@bank_help_jp77を名乗る犯人がDMで誘導した。", "@bank_help_jp77"),
        ("被害者の佐藤さんは同日、{v}を名乗る男から電話を受けた。", "@bank_help_jp77"),
    ],
)
def test_a_japanese_cue_glued_after_the_value_outweighs_a_victim_named_earlier(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    text = text.format(v=value)
    assert kind_of(anonymizer, text, value) in (OFFENDER_HANDLE, OFFENDER_PHONE)


# Guards: the victim as the subject before the number, or her own phone, stays masked ("から" is
# where a call came from, hers as often as the offender's).
@pytest.mark.parametrize(
    "text",
    [
        "被害者は自分の携帯{v}から電話した。",
        "被害者が{v}から電話した。",
        "被害者は{v}から警察に電話した。",
        "被害者の佐藤さんは同日、{v}から電話した。",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_japanese_victim_right_before_the_number_keeps_it_masked(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    assert kind_of(anonymizer, text.format(v=phone), phone) == PHONE


# An account a crime was done with ("estafa … con cuenta @…"), and in Korean an account money was
# paid to ("@…에게 120만 원 송금", after a victim named earlier): the offender's.
@pytest.mark.parametrize(
    "text",
    [
        "Estafa por Mercado Pago con cuenta {v}.",
        "Truffa su Subito con account {v}.",
        "중고거래 사기: 피해자 박지민 씨가 판매자 {v}에게 80만 원 송금.",
    ],
)
@pytest.mark.parametrize("value", ["@plata_facil_33", "t.me/plata_facil_33"])
def test_an_account_a_crime_used_or_money_went_to_is_the_offenders(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text.format(v=value), value) == OFFENDER_HANDLE


# Guards: a person named with it, a possessive, or a victim right before the account.
@pytest.mark.parametrize(
    "text",
    [
        "Estafa a María López con su cuenta {v}.",
        "피해자 {v}에게 80만 원 송금.",
    ],
)
@pytest.mark.parametrize("value", ["@maria_l88", "instagram.com/maria_l88"])
def test_a_persons_account_with_those_words_stays_masked(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text.format(v=value), value) == HANDLE


_CUES = bundled_party_cues()


@given(
    word=st.sampled_from(sorted(_CUES.impostor_before | _CUES.impostor_after)),
    role=st.text(alphabet="bdgkmrtuvz", min_size=5, max_size=9),
)
@settings(max_examples=100, deadline=None)
def test_a_role_called_fake_is_read_wherever_the_impostor_word_is(word: str, role: str) -> None:
    # The set test that skips texts without an impostor word must still let every such text in.
    before = word in _CUES.impostor_before
    lower = f"victims said that {word} {role} called" if before else f"victims said that {role} {word} called"
    assert role in feigned_roles(lower, _CUES)


@pytest.mark.parametrize(
    "text",
    [
        # Irish genitive: the fraudster's number
        "Fuair sí glao ó uimhir an chalaoiseora {v} aréir.",
        # speaking in another's name: Azerbaijani, Kazakh, Basque, Turkish, Malay, Sinhala
        "Zərərçəkmiş Aygün Quliyeva Xalq Bank adından {v} nömrəsindən zəng alıb.",
        "Жәбірленуші Дана Ермекова банк қызметкері атынан {v} нөмірінен қоңырау алды.",
        "Biktima Miren Arregi da; bankuaren izenean deitu zioten {v} zenbakitik.",
        "Bankayı taklit eden {v} numaralı hat kullanıldı.",
        "Mangsa ditipu oleh lelaki yang menyamar sebagai polis dari nombor {v}.",
        "පැමිණිලිකාරියට බැංකුව ලෙස පෙනී සිටි අයෙකුගෙන් {v} අංකයෙන් ඇමතුමක් ලැබිණි.",
        # where a text message came from
        "宅配便の不在通知SMSが届いた。送信元 {v}。",
        "收到医保退费短信（发信号码 {v}），点击链接后被骗。",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_impersonation_and_sender_cues_keep_a_phone_number(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        "Bankayı taklit eden dolandırıcı, mağdurun {v} numaralı telefonunu aradı.",
        "Мошенник от имени банка позвонил пенсионерке на номер {v}.",
        "Жәбірленушінің телефоны {v}, оған банк атынан хабарласты.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_impersonation_cues_leave_the_victims_number_masked(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == PHONE


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        (
            "Sonur hennar varð fyrir hótunum á Instagram af hálfu @frost_bjorn_22.",
            "@frost_bjorn_22",
            OFFENDER_HANDLE,
        ),
        (
            "SIMスワップ事案。犯人側の連絡先 help.desk@mobile-renew.example。",
            "help.desk@mobile-renew.example",
            OFFENDER_EMAIL,
        ),
    ],
)
def test_agent_and_offenders_side_keep_an_account(
    anonymizer: TextAnonymizer, text: str, value: str, kind: str
) -> None:
    assert kind_of(anonymizer, text, value) == kind


def test_a_name_with_an_object_case_ending_after_a_role_is_whom_the_offender_acted_on(
    anonymizer: TextAnonymizer,
) -> None:
    # Turkish: "the blackmailer wrote to Zeynep Arslan via her Instagram account": hers, masked
    text = "Şantajcı Zeynep Arslan'a Instagram hesabı @zeynep.arsln34 üzerinden yazdı."
    assert kind_of(anonymizer, text, "@zeynep.arsln34") == HANDLE


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("The fake recruiter messaged @dana_works7 on Telegram.", "@dana_works7"),
        ("Arnaqueur : le « conseiller » a écrit à @chloe.v31 sur Instagram.", "@chloe.v31"),
        ("Мошенники взломали аккаунт @irina_volk и писали её друзьям.", "@irina_volk"),
        ("Los estafadores usaron la cuenta robada @nacho.vera para pedir dinero.", "@nacho.vera"),
    ],
)
def test_an_account_written_to_or_taken_over_is_masked(
    anonymizer: TextAnonymizer, text: str, account: str
) -> None:
    assert kind_of(anonymizer, text, account) == HANDLE


@pytest.mark.parametrize(
    "text",
    ["The hacker @grey_vortex leaked the files.", "The victim was contacted by @grey_vortex on Telegram."],
)
def test_a_hackers_or_agents_account_stays_kept(anonymizer: TextAnonymizer, text: str) -> None:
    assert kind_of(anonymizer, text, "@grey_vortex") == OFFENDER_HANDLE


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        # a name in quotation marks is the alias an offender gave, no person between cue and value
        (
            "Заявитель перевёл деньги; куратор «Вероника» звонила с +7 912 604-18-27.",
            "+7 912 604-18-27",
            OFFENDER_PHONE,
        ),
        ("犯人は「税務署の山口」を名乗り、03-5521-8804から架電した。", "03-5521-8804", OFFENDER_PHONE),
        (
            'A camper van was advertised by "Rikki" (+64 21 884 3120) on Marketplace.',
            "+64 21 884 3120",
            OFFENDER_PHONE,
        ),
        (
            "Täterprofil „Dr. Paul Brenner“ auf Instagram instagram.com/dr.paul.brenner.md.",
            "instagram.com/dr.paul.brenner.md",
            OFFENDER_HANDLE,
        ),
        # not after a personal cue: a person's name kept back in quotes, her own number
        ('The victim "Heidi" called from +44 7700 900318.', "+44 7700 900318", PHONE),
        ("Потерпевшая «Нина» звонила с +7 912 604-18-28.", "+7 912 604-18-28", PHONE),
        # unquoted, a name before a verb of calling is who called: her own number
        (
            "Заявитель перевёл деньги; куратор Вероника Лаптева звонила с +7 912 604-18-29.",
            "+7 912 604-18-29",
            PHONE,
        ),
    ],
)
def test_a_quoted_alias_is_no_person_between_the_offender_and_the_value(
    anonymizer: TextAnonymizer, text: str, value: str, kind: str
) -> None:
    assert kind_of(anonymizer, text, value) == kind


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        # a person after a verb of pretending, right after the value, is the one claimed
        (
            "Secuestro virtual: llamaron a Berta Llosa desde +52 55 3190 4472 fingiendo tener a su hija.",
            "+52 55 3190 4472",
            OFFENDER_PHONE,
        ),
        (
            "Truffa: hanno chiamato Rita Sala dal +39 347 118 2290 fingendo di essere suo figlio.",
            "+39 347 118 2290",
            OFFENDER_PHONE,
        ),
        # without the verb, a person right after the value is its owner
        ("El número +52 55 3190 4474 de su nieta estaba apagado.", "+52 55 3190 4474", PHONE),
    ],
)
def test_a_person_after_a_verb_of_pretending_is_not_the_values_owner(
    anonymizer: TextAnonymizer, text: str, value: str, kind: str
) -> None:
    assert kind_of(anonymizer, text, value) == kind


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        (
            "Mme Odile Brassac a payé 9 000 € à un faux conseiller de la banque joignable au 01 73 40 55 18.",
            "01 73 40 55 18",
            OFFENDER_PHONE,
        ),
        (
            "The funds went to a fake adviser from the bank reachable at 030 5567 2213.",
            "030 5567 2213",
            OFFENDER_PHONE,
        ),
        # the victim, or a person named or a pronoun between, keeps it theirs
        (
            "La victime, joignable au 01 73 40 55 19, a porté plainte contre le faux conseiller.",
            "01 73 40 55 19",
            PHONE,
        ),
        ("Le faux conseiller a rappelé Odile Brassac joignable au 01 73 40 55 20.", "01 73 40 55 20", PHONE),
        ("Le faux conseiller lui a parlé, joignable au 01 73 40 55 21.", "01 73 40 55 21", PHONE),
    ],
)
def test_reachable_said_of_an_offenders_role_is_the_offenders_line(
    anonymizer: TextAnonymizer, text: str, value: str, kind: str
) -> None:
    assert kind_of(anonymizer, text, value) == kind


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        (
            "Сводка за неделю: 14 случаев; используемые номера +7 495 118-40-27 и +7 495 118-40-28.",
            "+7 495 118-40-28",
            OFFENDER_PHONE,
        ),
        (
            "चेतावनी: गिरोह सक्रिय है; इस्तेमाल किए गए नंबर +91 98110 40271।",
            "+91 98110 40271",
            OFFENDER_PHONE,
        ),
        ("Weekly bulletin; numbers used: +44 20 3318 0472.", "+44 20 3318 0472", OFFENDER_PHONE),
        (
            "리딩방 사기. 피해자 이메일 bora.k@example.kr, 운영자 연락처 +82 70-5514-2280.",
            "+82 70-5514-2280",
            OFFENDER_PHONE,
        ),
        ("Заподозреният Петър Колев е използвал номер +359 88 412 3367.", "+359 88 412 3367", OFFENDER_PHONE),
        ("Uyarı: e-Devlet taklidi site ve +90 850 441 20 18 numarası.", "+90 850 441 20 18", OFFENDER_PHONE),
        # a single number used, said of a person, stays hers
        ("Her number used for online banking is +44 20 3318 0473.", "+44 20 3318 0473", PHONE),
        ("피해자 연락처 +82 10-5514-2281, 운영자 정보 없음.", "+82 10-5514-2281", PHONE),
    ],
)
def test_bulletins_operators_and_suspects_in_more_languages(
    anonymizer: TextAnonymizer, text: str, value: str, kind: str
) -> None:
    assert kind_of(anonymizer, text, value) == kind


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("Der Täter schrieb dem Opfer @lena_kx41 eine Drohung.", "@lena_kx41"),
        ("Мошенник написал потерпевшей @vera_tm52 в Telegram.", "@vera_tm52"),
        ("The scammer wrote to the victim @owen_pk63 on Instagram.", "@owen_pk63"),
        (
            "Scammers impersonated Ilse Brandt (@ilse.brandt.19) to borrow money from her friends.",
            "@ilse.brandt.19",
        ),
        ("Oszust podszywając się pod Ewę Lis (@ewa.lis.81) prosił o pożyczkę.", "@ewa.lis.81"),
    ],
)
def test_a_victims_or_impersonated_persons_account_stays_masked(
    anonymizer: TextAnonymizer, text: str, account: str
) -> None:
    assert kind_of(anonymizer, text, account) == HANDLE


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        # a quoted role, then words of its use or of a call, then the value: the identity claimed
        (
            'Penipuan: Dewi Lestari menyetor Rp 90 juta; "analis" memakai +62 21 7730 4418.',
            "+62 21 7730 4418",
            OFFENDER_PHONE,
        ),
        (
            "Έστειλε 9.000 € σε «Βρετανό γιατρό» που χρησιμοποιούσε το @dr.owen.hale στο Instagram.",
            "@dr.owen.hale",
            OFFENDER_HANDLE,
        ),
        # a contact word before the quotes is the claimed role's contact
        (
            'Oszustwo: Halina Kos wpłaciła 40 000 zł; kontakt „maklera" +44 7418 330 291.',
            "+44 7418 330 291",
            OFFENDER_PHONE,
        ),
        # the quoted words describe a person named or cued before them: theirs
        (
            'Die Geschädigte, eine "pensionierte Lehrerin", nutzte +49 151 2290 4471.',
            "+49 151 2290 4471",
            PHONE,
        ),
        ('The victim, a "retired nurse" who used +44 7700 900612, lost £3,000.', "+44 7700 900612", PHONE),
    ],
)
def test_a_quoted_role_and_the_words_of_its_use_before_a_value(
    anonymizer: TextAnonymizer, text: str, value: str, kind: str
) -> None:
    assert kind_of(anonymizer, text, value) == kind


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        # an origin of money inside a quoted claim is not where the money came from
        (
            "Pokrzywdzona Ewa Zając przelała 8 000 zł na konto po telefonie „z banku” (+48 22 650 18 44).",
            "+48 22 650 18 44",
            OFFENDER_PHONE,
        ),
        # right before the account, past a possessive: the payer's
        ("She paid €400 from the number +44 7700 900777 by Bizum.", "+44 7700 900777", PHONE),
        ("Pagó 200 € desde su cuenta ES91 2100 0418 4502 0005 1332.", "ES91 2100 0418 4502 0005 1332", IBAN),
    ],
)
def test_an_origin_of_money_decides_only_right_before_the_account(
    anonymizer: TextAnonymizer, text: str, value: str, kind: str
) -> None:
    assert kind_of(anonymizer, text, value) == kind


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        # Japanese and Korean write the verb of calling after the number: a person who called it
        (
            "架空請求：封書を受け取った村井 和子さんが、記載の番号03-4410-2287に電話し、30万円を支払った。",
            "03-4410-2287",
            PHONE,
        ),
        (
            "サポート詐欺：画面に警告が出て、050-7731-2290 に電話した被害者がアプリを入れた。",
            "050-7731-2290",
            OFFENDER_PHONE,
        ),
        ("문자에 적힌 1588-3321로 전화한 피해자 한지민 씨가 앱을 설치했다.", "1588-3321", OFFENDER_PHONE),
        # a person's own number called, or a person named before only (whom she called may be
        # her bank or a relative): masked
        ("犯人は被害者の携帯090-4410-2288に電話した。", "090-4410-2288", PHONE),
        ("被害者の携帯番号は090-4410-2289です。", "090-4410-2289", PHONE),
        ("사기범이 피해자 010-4410-2290로 전화했다.", "010-4410-2290", PHONE),
    ],
)
def test_a_number_a_person_called_written_before_the_verb_is_the_other_sides(
    anonymizer: TextAnonymizer, text: str, value: str, kind: str
) -> None:
    assert kind_of(anonymizer, text, value) == kind


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        (
            "Truffa romantica: il profilo @col.ray_navy ha convinto Paola Ferri a versare 20.000 €.",
            "@col.ray_navy",
            OFFENDER_HANDLE,
        ),
        (
            "Online-selling scam page facebook.com/GadgetHubPH.deals took payments via GCash.",
            "facebook.com/GadgetHubPH.deals",
            OFFENDER_HANDLE,
        ),
        (
            'Love scam: nagpadala si Nestor Cruz ng ₱90,000 sa "piloto" na nagpakilalang @capt_leo_air.',
            "@capt_leo_air",
            OFFENDER_HANDLE,
        ),
        # Korean: the account money was paid to ("에게 … 입금했다"), a payer named after the particle
        (
            "중고거래 사기: 노트북을 판매한다던 @dangun_lap_77에게 박지수 씨가 90만 원을 입금했다.",
            "@dangun_lap_77",
            OFFENDER_HANDLE,
        ),
        # a person named before the verb of luring is who did it: her own account
        ("Maria Lopez lured her friend into the scheme via @maria_lopez88.", "@maria_lopez88", HANDLE),
        ("피해자 박지수 씨의 계정 @jisoo_park88에게 사기범이 메시지를 보냈다.", "@jisoo_park88", HANDLE),
    ],
)
def test_accounts_that_lured_took_money_or_claimed_a_role(
    anonymizer: TextAnonymizer, text: str, value: str, kind: str
) -> None:
    assert kind_of(anonymizer, text, value) == kind


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        (
            "IOCs: +44 20 7946 0231, @refund_desk_x, alerts@verify-refund.example",
            "@refund_desk_x",
            OFFENDER_HANDLE,
        ),
        (
            "IOCs: +44 20 7946 0231, @refund_desk_x, alerts@verify-refund.example",
            "alerts@verify-refund.example",
            OFFENDER_EMAIL,
        ),
        ("Indicadores: +34 911 402 377, @inversion_top_es", "+34 911 402 377", OFFENDER_PHONE),
        ("Индикаторы: +7 495 402-37-71, @drop_kurs_spb", "@drop_kurs_spb", OFFENDER_HANDLE),
        ("The fraud line +44 20 7946 0232 was disconnected.", "+44 20 7946 0232", OFFENDER_PHONE),
        # a person's value in the list stays theirs
        ("Indicators: victim's phone +44 20 7946 0233, her handle @jane_d_88.", "+44 20 7946 0233", PHONE),
        ("Indicators: victim's phone +44 20 7946 0233, her handle @jane_d_88.", "@jane_d_88", HANDLE),
        ("IOCs: the victim Ana Ruiz (+34 611 402 378) was called.", "+34 611 402 378", PHONE),
    ],
)
def test_a_list_of_indicators_and_a_fraud_line_are_the_offenders(
    anonymizer: TextAnonymizer, text: str, value: str, kind: str
) -> None:
    assert kind_of(anonymizer, text, value) == kind


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        # a person after a word of calling or contacting, after the value, is whom it reached
        ("The suspect used +44 7700 900741 to call the victims.", "+44 7700 900741", OFFENDER_PHONE),
        (
            "Osumnjičeni je koristio broj +381 64 407 1122 za pozive žrtvama.",
            "+381 64 407 1122",
            OFFENDER_PHONE,
        ),
        ("骗子使用手机号13800138741联系受害人。", "13800138741", OFFENDER_PHONE),
        (
            "The scammer's WhatsApp +44 7700 900742 messaged the victim's son.",
            "+44 7700 900742",
            OFFENDER_PHONE,
        ),
        # the owner after the value, or an agent after the verb: masked
        ("The scammer reached +44 7700 900743 called by her son.", "+44 7700 900743", PHONE),
        ("The scammer used the number +44 7700 900744 of the victim's son.", "+44 7700 900744", PHONE),
        # the number an offender called is whom it called
        ("The scammer called +44 7700 900745 twice.", "+44 7700 900745", PHONE),
        ("El falso técnico llamó al +34 611 402 555.", "+34 611 402 555", PHONE),
    ],
)
def test_whom_a_number_reached_and_the_number_an_offender_called(
    anonymizer: TextAnonymizer, text: str, value: str, kind: str
) -> None:
    assert kind_of(anonymizer, text, value) == kind


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Zvanīja viltus bankas darbinieks no +371 2644 8190.", "+371 2644 8190"),
        ("ژمارەی فێڵبازەکە 0751 336 4420 بوو.", "0751 336 4420"),
        ("شماره قاچاقچی +98 912 440 7781 است.", "+98 912 440 7781"),
        ("ተጠርጣሪው የተጠቀመበት ቁጥር +251 92 334 5512 ነው።", "+251 92 334 5512"),
        ("Onye aghụghọ kpọrọ ya na +234 803 551 2290.", "+234 803 551 2290"),
        ("Falsi SMS della banca: numero +39 347 551 9082.", "+39 347 551 9082"),
        ("Falsos agentes de Correos, teléfono +34 612 44 19 07.", "+34 612 44 19 07"),
        ("Campaign alert: SMS sender +44 7700 900733, link to a fake parcel site.", "+44 7700 900733"),
        ("En man som utgav sig för att vara från banken (073-118 52 40).", "073-118 52 40"),
        ("Irċevejt telefonata minn +356 7921 4408 dwar pakkett.", "+356 7921 4408"),
        ("Одамларни олиб кетган воситачи телефони +998 93 771 20 45.", "+998 93 771 20 45"),
        ("La famille a reçu la demande de rançon de l'extorqueur @nuit_rose_77.", "@nuit_rose_77"),
        ("O estelionatário usava o perfil @central_pix_ajuda.", "@central_pix_ajuda"),
        ("詐騙者的LINE帳號是 @fast_loan_tw9。", "@fast_loan_tw9"),
        ("闇バイトの指示役はTelegramの @kuro_boss_55。", "@kuro_boss_55"),
    ],
)
def test_offenders_roles_and_fake_identities_in_more_languages(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text, value) in (OFFENDER_PHONE, OFFENDER_HANDLE)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Viltus darbinieks zvanīja cietušajai uz viņas numuru +371 2911 0456.", "+371 2911 0456"),
        ("L'extorqueur a menacé la victime sur son compte @lea.danse.09.", "@lea.danse.09"),
        ("O estelionatário ligou para a vítima no celular dela +55 11 98231 4470.", "+55 11 98231 4470"),
        ("Falsi SMS arrivati sul suo numero +39 333 120 4481.", "+39 333 120 4481"),
    ],
)
def test_a_victims_contact_stays_masked_past_the_new_offender_cues(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text, value) in (PHONE, HANDLE)


@pytest.mark.parametrize(
    "text",
    [
        "ठगी की कॉल {a} और {b} से आ रही हैं।",
        "ठगी की कॉल {a} या {b} से आती हैं।",
        "Numbers {a} or {b} (scammers).",
    ],
)
def test_a_list_decided_after_its_last_item_is_one_partys(anonymizer: TextAnonymizer, text: str) -> None:
    first, last = "+91 80 5512 7730", "+91 22 4410 9981"
    sentence = text.format(a=first, b=last)
    assert kind_of(anonymizer, sentence, first) == OFFENDER_PHONE
    assert kind_of(anonymizer, sentence, last) == OFFENDER_PHONE


def test_a_word_between_ends_a_list_decided_after_its_last_item(anonymizer: TextAnonymizer) -> None:
    sentence = "Anna Berg +46 70 112 34 56 och bedragaren +46 73 998 11 22."
    assert kind_of(anonymizer, sentence, "+46 70 112 34 56") == PHONE
    assert kind_of(anonymizer, sentence, "+46 73 998 11 22") == OFFENDER_PHONE


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # The name between is not one the detectors know: its owner's contact details all the same.
        ("Money Mule (recruited): J. Ö., Tel. 0176 / 884 21 07.", ("0176 / 884 21 07",)),
        ("Mule (paid per transfer): T. A., phone +351 912 448 103.", ("+351 912 448 103",)),
    ],
)
def test_a_recruited_persons_contact_stays_masked_when_their_name_is_not_found(
    anonymizer: TextAnonymizer, text: str, values: tuple[str, ...]
) -> None:
    for value in values:
        assert kind_of(anonymizer, text, value) == PHONE


def test_recruiters_of_mules_keep_their_own_number(anonymizer: TextAnonymizer) -> None:
    text = "Recruiters of money mules used +44 7700 900123 on every advert."
    assert kind_of(anonymizer, text, "+44 7700 900123") == OFFENDER_PHONE


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        # a postposition of origin, a call and a verb of coming after the number: the caller's,
        # whoever received the call
        ("Shikayatkarta Arjun ko +91 91111 22330 se call aaya, usne OTP bata diya.", "+91 91111 22330"),
        ("पीड़ित को +91 92222 33440 से कॉल आया और ओटीपी मांगा गया।", "+91 92222 33440"),
        ("فریادی کو +92 301 4445566 سے کال آئی اور بینک کا نام لیا گیا۔", "+92 301 4445566"),
        ("ફરિયાદીને +91 93333 44550 નંબરથી ફોન આવ્યો હતો.", "+91 93333 44550"),
        ("புகார்தாரருக்கு +91 94444 55660 இலிருந்து அழைப்பு வந்தது.", "+91 94444 55660"),
        # the passive's "was called from number" (ha), "called from" (yo)
        ("Wanda aka cuta Musa Bello ya ce an kira shi daga lambar 0803 555 0101.", "0803 555 0101"),
        ("Olùfisùn Bọ́lá sọ pé ẹnìkan pè é láti 0805 444 3321.", "0805 444 3321"),
    ],
)
def test_a_call_that_came_from_a_number_keeps_it(anonymizer: TextAnonymizer, text: str, phone: str) -> None:
    assert kind_of(anonymizer, text, phone) == OFFENDER_PHONE


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        # a person called from it: her own number
        ("Priya ne apne number +91 90000 11122 se call kiya police ko.", "+91 90000 11122"),
        ("Her son called from +44 7700 900765 claiming he was fine.", "+44 7700 900765"),
    ],
)
def test_a_call_a_person_made_keeps_nothing(anonymizer: TextAnonymizer, text: str, phone: str) -> None:
    assert kind_of(anonymizer, text, phone) == PHONE


@pytest.mark.parametrize(
    "text",
    [
        "---------- Forwarded message ---------\nFrom: Account Security <{v}>\nTo: <ines.varga@mail.example>",
        'Von: "Kundenservice Sparkasse" <{v}>\nAn: Kunde',
        "> De : Service Client <{v}>",
    ],
)
def test_a_mail_headers_sender_after_a_display_name_is_kept(anonymizer: TextAnonymizer, text: str) -> None:
    value = "alerts@secure-check.example"
    assert kind_of(anonymizer, text.format(v=value), value) == OFFENDER_EMAIL


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            'From: "Parcel Tracking" <tracking@parcel-hold.example>\nTo: <ines.varga@mail.example>',
            "tracking@parcel-hold.example",
        ),
        ("Od: Pomoc Support <support.desk@konto-blokada.example>", "support.desk@konto-blokada.example"),
        ("De : Service Remboursement <no-reply@remb-fisc.example>", "no-reply@remb-fisc.example"),
    ],
)
def test_a_senders_role_mailbox_repeating_its_display_name_is_kept(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    # the display name's word is in the local part, but a role mailbox's: a desk's, not a person's
    assert kind_of(anonymizer, text, value) == OFFENDER_EMAIL


@pytest.mark.parametrize(
    "text",
    [
        # a person's display name: a forwarded mail's outer sender may be the victim
        "From: Lena Kowalski <{v}>\nTo: fraud-desk@police.example\nSubject: Fwd: suspicious",
        # a display name like an account, or one the address holds: the person's own mailbox
        "From: ivarga77 <{v}>\nTo: fraud-desk@police.example\nSubject: Fwd: suspicious",
        "From: Ines <{v}>\nTo: fraud-desk@police.example\nSubject: Fwd: parcel",
        "Von: Varga Familie <{v}>\nAn: anzeige@polizei.example",
        "-------- Forwarded message --------\nFrom: Account Security <alerts@x.example>\nTo: Customer <{v}>",
    ],
)
def test_a_mail_headers_person_or_recipient_stays_masked(anonymizer: TextAnonymizer, text: str) -> None:
    value = "ines.varga@mail.example"
    assert kind_of(anonymizer, text.format(v=value), value) == EMAIL


def test_a_role_naming_the_crime_a_victim_suffered_names_no_offender(anonymizer: TextAnonymizer) -> None:
    # "victim of the fake investment <name>, his mail …": the name is the victim's
    text = "مصر: ضحية الاستثمار الوهمي كريم سامي منصور، يقيم في القاهرة، بريده karim.sami@mail.example."
    assert kind_of(anonymizer, text, "karim.sami@mail.example") == EMAIL


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the pronoun opening the sentence is the offender the sentence before is about
        ("The caller claimed to be from the tax office. His number was +44 7700 900218.", "+44 7700 900218"),
        (
            "Someone posing as a courier left a note at the door. His number: +33 6 12 40 77 51.",
            "+33 6 12 40 77 51",
        ),
        (
            "Le faux conseiller a insisté pendant une heure. Son numéro : +33 6 48 21 93 07.",
            "+33 6 48 21 93 07",
        ),
        # an offender who called a person: where the call came from is the caller's
        ("The fraudster called the victim on +44 7911 123456 from +44 20 7946 0958.", "+44 20 7946 0958"),
    ],
)
def test_an_offender_named_before_owns_the_value(anonymizer: TextAnonymizer, text: str, value: str) -> None:
    assert kind_of(anonymizer, text, value) == OFFENDER_PHONE


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a person named, or a person called, in the sentence before: the pronoun may be theirs
        ("The caller asked for Tomas Berg. His number was +44 7700 900219.", "+44 7700 900219"),
        ("The scammer phoned an elderly man. His number was +44 7700 900220.", "+44 7700 900220"),
        ("The victim reported the scam. His number is +44 7700 900221.", "+44 7700 900221"),
        ("The fraudster called the victim on +44 7911 123457 from +44 20 7946 0959.", "+44 7911 123457"),
        ("Her neighbour called the victim from +44 20 7946 0960.", "+44 20 7946 0960"),
        # a plural pronoun is as often the people the offender reached
        ("The gang targeted pensioners. Their numbers were +44 7700 900222.", "+44 7700 900222"),
        ("The fake bank line asked for payment. Their mobile +44 7700 900223.", "+44 7700 900223"),
    ],
)
def test_a_pronoun_or_call_that_may_be_a_persons_masks(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text, value) == PHONE


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        # a smishing campaign's sender numbers, and Arabic "from number", after a personal cue too
        (
            "Alerte : faux SMS d'amende. Numéros expéditeurs : +33 6 71 20 44 19.",
            "+33 6 71 20 44 19",
            OFFENDER_PHONE,
        ),
        ("Toll notice texts in March; sender number: +44 7700 900654.", "+44 7700 900654", OFFENDER_PHONE),
        (
            "تلقت الضحية رسالة نصية من رقم +971 50 123 9876 تطلب تحديث البيانات.",
            "+971 50 123 9876",
            OFFENDER_PHONE,
        ),
        (
            "Ook kwamen er e-mails van service@bank-controle.example binnen.",
            "service@bank-controle.example",
            OFFENDER_EMAIL,
        ),
    ],
)
def test_a_campaigns_sender_is_kept(anonymizer: TextAnonymizer, text: str, value: str, kind: str) -> None:
    assert kind_of(anonymizer, text, value) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a person before the number and a verb of calling after it: she called from her own
        ("Zeynep Aksoy {v} numarasından aradı ve durumu anlattı.", PHONE),
        # the suspect named after the role called from it: his
        ("Şüpheli Ahmet Yılmaz {v} numarasından aradı.", OFFENDER_PHONE),
        # no one named: where the call came from
        ("Dolandırıcı {v} numarasından aradı.", OFFENDER_PHONE),
    ],
)
def test_a_person_who_called_from_a_number_owns_it(anonymizer: TextAnonymizer, text: str, kind: str) -> None:
    phone = "0532 418 27 60"
    assert kind_of(anonymizer, text.format(v=phone), phone) == kind


def test_a_feigned_role_written_again_with_a_possessive_is_the_offender(anonymizer: TextAnonymizer) -> None:
    text = "A fake courier phoned about a parcel. The courier's e-mail was parcel-desk@post-fee.example."
    assert kind_of(anonymizer, text, "parcel-desk@post-fee.example") == OFFENDER_EMAIL


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # an offender's role the subject of a verb of sending from: the sending end is the offender's
        ("The scammer wrote from {v} several times.", OFFENDER_EMAIL),
        ("The scammer wrote from the address {v}.", OFFENDER_EMAIL),
        # a person or a person's pronoun between: who wrote from it may be that person
        ("The victim told the scammer she wrote from {v}.", EMAIL),
        ("The scammer said Anna Berg wrote from {v}.", EMAIL),
    ],
)
def test_who_wrote_from_an_address_owns_it(anonymizer: TextAnonymizer, text: str, kind: str) -> None:
    value = "fast.returns@mail.example"
    assert kind_of(anonymizer, text.format(v=value), value) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Ramón Ibarra got a call (+44 7700 900461, fraudster) about his pension.",
        "ஒரு அழைப்பு வந்தது (+33 6 48 21 93 07, scammer).",
        "Ryo was told to call back (tel. +44 7700 900461, 詐欺犯).",
        "オレオレ電話（+33 6 48 21 93 07、詐欺）で現金を求められた。",
        "شکایت کنندہ کو کال آئی (نمبر +44 7700 900461، فراڈیہ)۔",
    ],
)
def test_a_note_inside_the_values_own_brackets_decides(anonymizer: TextAnonymizer, text: str) -> None:
    phone = next(p for p in PHONES if p in text)
    assert kind_of(anonymizer, text, phone) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        "Ramón Ibarra ({v}, victim) lost his savings.",
        "The caller (from {v}, a fraudster) was polite.",
        "Ramón Ibarra ({v}, later called by the scammer) lost his savings.",
        "Ramón Ibarra ({v}) and his brother (scammer) met.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_longer_note_or_one_of_another_bracket_keeps_no_number(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == (OFFENDER_PHONE if "from" in text else PHONE)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Case: romance scam (LINE ID: dr_marco_lux77, offender).", "dr_marco_lux77", OFFENDER_HANDLE),
        ("광고(계정 @bestbag_outlet9, 사기범)를 보고 연락했다.", "@bestbag_outlet9", OFFENDER_HANDLE),
        ("사기범 텔레그램: @quickcash_lee", "@quickcash_lee", OFFENDER_HANDLE),
        ("Мошеннические номера: +7 916 204-33-81.", "+7 916 204-33-81", OFFENDER_PHONE),
        ("Numeri mittenti segnalati: +33 6 48 21 93 07.", "+33 6 48 21 93 07", OFFENDER_PHONE),
        ("ਠੱਗ ਦਾ ਨੰਬਰ +44 7700 900461 ਸੀ।", "+44 7700 900461", OFFENDER_PHONE),
        ("درغلګر له +44 7700 900461 شمېرې زنګ وواهه.", "+44 7700 900461", OFFENDER_PHONE),
        ("犯行用の番号は +33 6 48 21 93 07 だった。", "+33 6 48 21 93 07", OFFENDER_PHONE),
    ],
)
def test_swindlers_and_fraudulent_numbers_in_more_languages(
    anonymizer: TextAnonymizer, text: str, value: str, kind: str
) -> None:
    assert kind_of(anonymizer, text, value) == kind


@pytest.mark.parametrize(
    "text",
    [
        '[09:41] "Bank Security": please call back on {v} today\n[09:43] Ingrid: why?',
        "21:05 「税務署の山田」: {v} に電話してください\n21:06 佐藤: はい",
        "[18:02] «Служба поддержки»: пишите на {v}\n[18:03] Олег: хорошо",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_chat_line_of_a_quoted_speaker_is_the_offenders(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        '[09:41] Ingrid: my number is {v}\n[09:43] "Bank Security": thank you',
        '[09:41] "Bank Security": is your daughter\'s number {v}?\n[09:43] Ingrid: yes',
        'Ingrid wrote "Bank Security": {v} for the record.',
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_chat_line_of_a_plain_speaker_or_about_a_person_stays_masked(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == PHONE


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("[전달된 메일]\n보낸 사람: 고객센터 <notice@card-refund.example>\n제목: 환급 안내", OFFENDER_EMAIL),
        ('העתק מייל:\nמאת: "Customer Care" <help@parcel-fee.example>\nנושא: תשלום', OFFENDER_EMAIL),
        ("[전달된 메일]\n받는 사람: 고객센터 <notice@card-refund.example>\n제목: 환급 안내", EMAIL),
    ],
)
def test_a_mail_headers_sender_line_in_more_languages(
    anonymizer: TextAnonymizer, text: str, kind: str
) -> None:
    value = next(w.strip("<>") for w in text.split() if "@" in w)
    assert kind_of(anonymizer, text, value) == kind


@pytest.mark.parametrize(
    "text",
    [
        "The number {v}, which belonged to the fraudster, rang Mrs Tamsin Hollis twice.",
        "Numer {v}, należący do oszusta, dzwonił do Haliny Wrony.",
        "Die Nummer {v}, die dem Betrüger gehörte, rief Herrn Udo Brenner an.",
        "El número {v}, que pertenecía al estafador, llamó a Inés Palacios.",
        "Le numéro {v}, utilisé par l'escroc, a appelé Odile Garnier.",
        "Номер {v}, принадлежавший мошеннику, звонил Зое Кругловой.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_clause_after_a_value_saying_an_offender_owned_it_keeps_it(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        "The number {v}, which the fraudster called twice, is Tamsin Hollis's.",
        "The number {v}, belonging to the victim, was spoofed by the fraudster.",
        "Tamsin Hollis paid from {v}, which she used to contact the fraudster.",
        "The number {v}, registered to Tamsin Hollis, was targeted by the scammer.",
        "The number {v}, which the scammers used to text her friends, was hijacked.",
        "Contact the witness at {v}, which the scammer used as a callback number.",
        "Bitte die Geschädigte unter {v} anrufen, die dem Betrüger gehörte.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_clause_after_a_value_naming_a_person_or_a_takeover_stays_masked(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == PHONE


@pytest.mark.parametrize(
    "text",
    [
        "Mr Idris Kaplan got a WhatsApp from an unknown number ({v}) asking for money.",
        "Frau Wiebke Sander erhielt eine SMS von einer unbekannten Rufnummer {v}.",
        "Зою Круглову вызывали с неизвестного номера {v}.",
        "Inés Palacios recibió mensajes de un número desconocido ({v}).",
        "Odile Garnier a reçu un appel d'un numéro inconnu, le {v}.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_an_unknown_number_that_reached_a_person_is_the_offenders(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        "Victim Idris Kaplan, phone {v}, got an SMS from an unknown number.",
        "Зоя Круглова (тел. {v}) получила звонок с неизвестного номера.",
        "Idris Kaplan got a text from an unknown number; his own number is {v}.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_the_person_reached_by_an_unknown_number_keeps_their_own_masked(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == PHONE


@pytest.mark.parametrize(
    "text",
    [
        "Verkoper Joost Bakker kreeg een bericht. De 'koper' (WhatsApp {v}) stuurde een betaallink.",
        "The ‘bank officer’ on {v} asked for the card PIN.",
        "A so-called 'courier' ({v}) collected the card at the door.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_role_in_single_quotation_marks_before_a_value_is_a_claimed_identity(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        "Ruth Ames, a 'retired nurse' (tel. {v}), lost £4,000.",
        'Ruth Ames, a "retired nurse" (tel. {v}), lost £4,000.',
        "AMES Ruth, a 'retired nurse' (tel. {v}), lost £4,000.",
        "Ruth Ames gave her 'new' number {v} to the bank.",
        "It was the victim's 'spare' phone, {v}.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_quoted_description_of_a_written_name_stays_masked(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == PHONE


@pytest.mark.parametrize(
    "text",
    [
        "Звонки ведутся с номеров {v} и других.",
        "Texts arrived from numbers {v} and others.",
        "「区役所」を名乗る男（{v}）から電話があった。",
        "Rêzan dibêje xapînok ji hejmara {v} gazî kir.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_calls_from_several_numbers_and_identities_claimed_in_japanese_and_kurdish_cues(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        "被害者の森田加奈さん（{v}）は「区役所」を名乗る男から電話を受けた。",
        "Потерпевшая Зоя Круглова, тел. {v}, получала звонки с номеров мошенников.",
    ],
)
@pytest.mark.parametrize("phone", PHONES[:2])
def test_the_victim_named_before_such_cues_keeps_her_number_masked(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    sentence = text.format(v=phone)
    assert kind_of(anonymizer, sentence, phone) == PHONE


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Его куратор в Telegram — @night_drop_lead.", "@night_drop_lead"),
        ("Дроп получал указания от куратора @night_drop_lead.", "@night_drop_lead"),
        ("모집책 텔레그램: t.me/quick_job_lead", "t.me/quick_job_lead"),
    ],
)
def test_the_handler_of_a_ring_is_an_offender(anonymizer: TextAnonymizer, text: str, value: str) -> None:
    assert kind_of(anonymizer, text, value) == OFFENDER_HANDLE


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("The fraudster's LINE ID: fast_refund_88 was given in the SMS.", "fast_refund_88"),
        ("詐騙集團騙徒LINE ID：fast_refund_88。", "fast_refund_88"),
    ],
)
def test_a_platform_taken_for_a_name_stands_not_between_the_offender_and_the_account(
    anonymizer: TextAnonymizer, text: str, handle: str
) -> None:
    assert kind_of(anonymizer, text, handle) == OFFENDER_HANDLE


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("ผู้เสียหาย นายสมชาย ดีมาก โทร 089-456-1230 ถูกหลอกให้โอนเงินให้มิจฉาชีพ", "089-456-1230"),
        ("Korban Budi Santoso telp 0813-7712-4409 ditipu oleh penipu yang mengaku kurir.", "0813-7712-4409"),
    ],
)
def test_a_phone_label_between_a_person_and_a_number_makes_it_theirs(
    anonymizer: TextAnonymizer, text: str, phone: str
) -> None:
    assert kind_of(anonymizer, text, phone) == PHONE


@pytest.mark.parametrize(
    "text",
    [
        "The perpetrator @quick_loan_hub targeted {v} for weeks.",
        "The scammer impersonated {v} to ask her friends for money.",
        "El estafador suplantó a {v} en Instagram.",
    ],
)
def test_an_account_an_offender_acted_on_is_a_persons(anonymizer: TextAnonymizer, text: str) -> None:
    handle = "@mira_solberg04"
    assert kind_of(anonymizer, text.format(v=handle), handle) == HANDLE


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("@tove_lindahl9 was threatened by the scammer @quick_help_desk.", "@tove_lindahl9", HANDLE),
        (
            "tove.lindahl@example.org was contacted by the fraudster posing as her bank.",
            "tove.lindahl@example.org",
            EMAIL,
        ),
        ("@tove_lindahl9 a été menacée par l'escroc.", "@tove_lindahl9", HANDLE),
        ("@tove_lindahl9 fue amenazada por el estafador @soporte_rapido.", "@tove_lindahl9", HANDLE),
        ("Konto @tove_lindahl9 zostało zastraszone przez oszusta.", "@tove_lindahl9", HANDLE),
    ],
)
def test_a_value_a_passive_says_the_offender_acted_on_is_a_persons(
    anonymizer: TextAnonymizer, text: str, value: str, kind: str
) -> None:
    assert kind_of(anonymizer, text, value) == kind


def test_a_passive_of_creating_an_account_says_nothing_personal(anonymizer: TextAnonymizer) -> None:
    text = "The account @quick_help_desk was created by the scammer."
    assert kind_of(anonymizer, text, "@quick_help_desk") != HANDLE


_CALL_LIST = (
    "Fecha | Hora | Llamante (estafador) | Llamado | Duración\n"
    "|---|---|---|---|---|\n"
    "02/10/2026 | 09:14 | +34 931 220 418 | +34 622 118 907 | 03:20\n"
    "02/10/2026 | 09:40 | +34 931 220 419 | +34 655 430 112 | 00:48"
)


@pytest.mark.parametrize("value", ["+34 931 220 418", "+34 931 220 419"])
def test_a_column_header_naming_the_offender_keeps_its_cells(anonymizer: TextAnonymizer, value: str) -> None:
    assert kind_of(anonymizer, _CALL_LIST, value) == OFFENDER_PHONE


@pytest.mark.parametrize("value", ["+34 622 118 907", "+34 655 430 112"])
def test_a_cell_beside_an_offenders_column_stays_masked(anonymizer: TextAnonymizer, value: str) -> None:
    # a row's cells are no list: the callee beside the scammer's number is the victim's
    assert kind_of(anonymizer, _CALL_LIST, value) == PHONE


@pytest.mark.parametrize(
    "text",
    [
        # a column naming only the direction decides nothing: an outgoing row's caller is the holder
        "Zeit\tRichtung\tAnrufer\tAngerufener\n18:02\tausgehend\t{v}\t+49 30 901820",
        "Time;Caller;Callee\n18:02;+49 30 901820;{v}",
        # a header naming the victim masks its column
        "Datum | Nummer des Opfers (Tochter)\n04.10.2026 | {v}",
    ],
)
def test_a_column_without_an_offenders_role_stays_masked(anonymizer: TextAnonymizer, text: str) -> None:
    value = "+49 176 4402 9183"
    assert kind_of(anonymizer, text.format(v=value), value) == PHONE


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Adresse 9 rue des Lilas, Lyon. Recruté via Snapchat (@argent_rapide_ly).", "@argent_rapide_ly"),
        ("Konto słupa zablokowano. Rekruter na Telegramie t.me/praca_dom_krk.", "t.me/praca_dom_krk"),
        (
            "Alamat Jl. Kenanga No. 3, Depok. Rekrutmen via Telegram t.me/loker_kilat_dpk.",
            "t.me/loker_kilat_dpk",
        ),
        ("Über das Profil @nebenjob_easy_hh wurden Schüler angeworben.", "@nebenjob_easy_hh"),
    ],
)
def test_an_account_recruiting_through_is_kept_in_more_languages(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert value in anonymizer.redact(text)[0]


def test_a_persons_own_channel_word_stays_masked(anonymizer: TextAnonymizer) -> None:
    text = "Jej prywatny kanał na Telegramie to @ola_piecze_chleb, mówi świadek."
    assert "@ola_piecze_chleb" not in anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a note in full-width brackets after the account, as Chinese and Japanese write it
        ("InstagramのDM：\n@mirai_fx_club（詐欺アカウント）: 月利25％です", "@mirai_fx_club"),
        ("微信号：hxq_touzi520（诈骗账号）", "hxq_touzi520"),
        ("X のDM：@fuku_kasegu_01（加害者）：登録してね", "@fuku_kasegu_01"),
        ("LINE: @kenji_support（scammer）", "@kenji_support"),
        # Marathi's spelling of "channel"
        ("पीडित सुनील पाटील याला Telegram चॅनेल @paise_kamva_roz वरून काम दिले.", "@paise_kamva_roz"),
    ],
)
def test_an_account_noted_as_the_offenders_is_kept(anonymizer: TextAnonymizer, text: str, value: str) -> None:
    assert kind_of(anonymizer, text, value) == OFFENDER_HANDLE


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Faux conseiller bancaire ; numéros frauduleux 09 72 11 45 80 et 01 84 22 19 07.", "09 72 11 45 80"),
        ("Обращения граждан принимает горячая линия 8-800-200-00-02.", "8-800-200-00-02"),
        ("Wohnhaft in Linz. Tatnummer des Keilers: +43 664 1234 567.", "+43 664 1234 567"),
        ("Тэл. пацярпелай +375 29 612-44-10; нумар ашуканцаў +375 17 212-30-40.", "+375 17 212-30-40"),
        ("همدستش (تلفن 021-44556677) در شعبه بانک حساب باز می‌کرد.", "021-44556677"),
    ],
)
def test_a_number_a_fraud_ran_on_in_more_languages_is_kept(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text, value) == OFFENDER_PHONE


def test_the_victims_number_beside_the_fraudsters_stays_masked(anonymizer: TextAnonymizer) -> None:
    text = "Тэл. пацярпелай +375 29 612-44-10; нумар ашуканцаў +375 17 212-30-40."
    assert kind_of(anonymizer, text, "+375 29 612-44-10") == PHONE


@pytest.mark.parametrize(
    "text",
    [
        "CERT ticket #2025-0417 (no personal data): Lumma delivered via fake invoices.",
        "Lögreglan á Suðurnesjum, mál 318-2025-90127: fjársvik á netinu.",
    ],
)
def test_a_ticket_or_icelandic_case_number_is_no_phone(anonymizer: TextAnonymizer, text: str) -> None:
    assert not [d for d in anonymizer.find(text) if d.kind == PHONE]


def test_a_number_after_a_complaint_word_and_a_name_is_the_complainants_phone() -> None:
    text = "Denuncia di Ugo Neri (0331 482 7719): un finto avviso di PayPal portava al sito."
    redacted, _ = TextAnonymizer().redact(text)
    assert "482 7719" not in redacted


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a Korean cue word with its particle glued on ("발신번호는", the sending number)
        ("설치된 앱은 SpyNote 변종이다. 발신번호는 070-4512-8890이다.", "070-4512-8890"),
        # Bulgarian: the one called named between the verb and where the call came from
        ("„Брокерът“ се е обаждал на Мария от +44 20 3808 4471.", "+44 20 3808 4471"),
    ],
)
def test_an_offenders_number_in_more_conventions_is_kept(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text, value) == OFFENDER_PHONE


def test_a_number_speaking_in_a_chat_export_is_the_unknown_sender() -> None:
    text = (
        "[12/03/2024, 14:02] Rosângela Furtado: oi filho, que número é esse?\n"
        "[12/03/2024, 14:03] +55 11 97412-3308: mãe troquei de chip, salva aí.\n"
        "[12/03/2024, 14:05] Rosângela Furtado: meu número é +55 11 98888-1234\n"
    )
    anonymizer = TextAnonymizer()
    assert kind_of(anonymizer, text, "+55 11 97412-3308") == OFFENDER_PHONE
    assert kind_of(anonymizer, text, "+55 11 98888-1234") == PHONE


def test_a_call_logs_row_noting_the_scammer_keeps_only_that_rows_number() -> None:
    text = (
        "Date        Time   Number            Party\n"
        "04/03/2025  11:02  +44 20 7946 0111   scammer (fake police)\n"
        "04/03/2025  11:40  +44 7700 900123    son\n"
        "04/03/2025  12:10  +44 7700 900456    +44 20 7946 0222   scammer\n"
    )
    anonymizer = TextAnonymizer()
    assert kind_of(anonymizer, text, "+44 20 7946 0111") == OFFENDER_PHONE
    assert kind_of(anonymizer, text, "+44 7700 900123") == PHONE
    # a cell after another number speaks of that one
    assert kind_of(anonymizer, text, "+44 7700 900456") == PHONE


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # romanized and informal claims of an identity right after the number
        ("yesterday a msg from +44 7700 900461 sayin they r from my bank", "+44 7700 900461"),
        ("sang nay co so 0912 334 556 xung la nhan vien ngan hang", "0912 334 556"),
        ("gatni resala mn 0100 234 5678 bey2ol eno mn el bank", "0100 234 5678"),
        ("jučer mi je poslao poruku +385 91 234 5678 kao da su iz banke", "+385 91 234 5678"),
    ],
)
def test_a_number_claiming_an_identity_right_after_it_is_kept(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text, value) == OFFENDER_PHONE


def test_the_victims_own_number_before_a_claim_stays_masked(anonymizer: TextAnonymizer) -> None:
    text = "mera number 0712 440 918 hai, ek aadmi +91 98765 43210 khud ko bank manager bola"
    assert kind_of(anonymizer, text, "0712 440 918") == PHONE


@pytest.mark.parametrize(
    "text",
    [
        "TRIBUNAL CORRECTIONNEL – Jugement n° 24/05512 – Parquet n° 23114000871 Prévenu : X.",
        "Rechtbank – Parketnummer: 13/662104-24 | uitspraak",
    ],
)
def test_a_judgments_file_number_is_no_phone(anonymizer: TextAnonymizer, text: str) -> None:
    assert not [d for d in anonymizer.find(text) if d.kind == PHONE]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the sender of a smishing campaign's texts
        (
            "Die Smishing-Welle nutzt die Domain dhl-zustellung.example; Absender meist +49 1521 0987 331.",
            "+49 1521 0987 331",
        ),
        ("Кампанія з Remcos RAT, номер відправника SMS +380 93 000 1187.", "+380 93 000 1187"),
        ("Τομείς: aade-refund.example. Αριθμοί αποστολής: +30 694 118 2207.", "+30 694 118 2207"),
        ("O remetente usava o número +351 932 118 045.", "+351 932 118 045"),
        # "from" where the word also means "of", after a verb of calling or a message
        ("Het bericht kwam van +44 7418 332905.", "+44 7418 332905"),
        ("O gestor de conta ligava-lhe do +44 7700 151 883.", "+44 7700 151 883"),
        # "from" in more languages, before the number or after it
        ("Tin nhắn gửi từ đầu số 0559 882 117.", "0559 882 117"),
        ("L-SMS intbagħat minn +356 2144 9021.", "+356 2144 9021"),
        (
            "'Halkbank goldaw' diýip tanyşdyran adam +993 61 00 21 19 belgiden jaň edip, pul aldy.",
            "+993 61 00 21 19",
        ),
        # the fraudster, the accused and the hacker in more languages
        ("Луйварчин +976 7711 4420 дугаараас залгасан.", "+976 7711 4420"),
        ("पीड़ित का व्हाट्सऐप हैक; आरोपी का नंबर +91 88001 22334.", "+91 88001 22334"),
        ("ای میل ہیک ہوئی؛ ہیکر کا واٹس ایپ +92 333 1122456۔", "+92 333 1122456"),
    ],
)
def test_a_senders_or_offenders_number_is_kept(anonymizer: TextAnonymizer, text: str, value: str) -> None:
    assert kind_of(anonymizer, text, value) == OFFENDER_PHONE


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the sender named as a person, and a relative's message
        ("Absender: Maria Müller, Tel. 0151 2345 6789.", "0151 2345 6789"),
        ("Ze kreeg een sms van haar dochter, 06 1234 5678.", "06 1234 5678"),
    ],
)
def test_a_named_sender_or_relatives_number_stays_masked(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text, value) == PHONE


@pytest.mark.parametrize("phone", PHONES[:2])
def test_a_person_named_before_a_calling_phrase_called_from_her_own_number(
    anonymizer: TextAnonymizer, phone: str
) -> None:
    assert kind_of(anonymizer, f"Maria Lopes ligou do {phone} para o banco.", phone) == PHONE
    assert kind_of(anonymizer, f"O falso funcionário ligou do {phone}.", phone) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        "Elle a envoyé 45 000 gourdes par MonCash au {v} le lendemain.",
        "Pagó L 3,200 por Tigo Money al {v} por un supuesto premio.",
        "Aliniambia nitume Sh 850,000 kwa Tigo Pesa {v} ili apate viza.",
        "Me dijeron que mandara $1.800.000 a Daviplata {v} esa noche.",
        "A prima fez Pix de R$ 1.900,00 para a chave {v} no mesmo dia.",
    ],
)
def test_a_wallet_money_went_to_is_kept(anonymizer: TextAnonymizer, text: str) -> None:
    sentence = text.format(v=PHONES[1])
    assert kind_of(anonymizer, sentence, PHONES[1]) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        "Le code de validation a été envoyé au {v} dans la nuit.",
        "She lost Ksh 23,400 from her M-Pesa line {v}.",
        "Il a transféré 350 000 FCFA depuis son numéro {v} vers un inconnu.",
        "He paid R3,500 via e-wallet to {v}, a number linked to a recruited mule.",
    ],
)
def test_a_wallet_money_left_or_a_code_went_to_is_masked(anonymizer: TextAnonymizer, text: str) -> None:
    sentence = text.format(v=PHONES[1])
    assert kind_of(anonymizer, sentence, PHONES[1]) == PHONE


@pytest.mark.parametrize(
    "text",
    [
        "Lacagta waxaa loo diray EVC Plus lambarka {v}.",
        "Ginamit ng grupo ang GCash number {v}.",
        "Le compte MTN MoMo {v} utilisé par le prévenu est saisi.",
        "The scammer used WhatsApp {v} to send the fake invoice.",
    ],
)
def test_a_number_right_after_a_wallet_or_an_offenders_app_is_kept(
    anonymizer: TextAnonymizer, text: str
) -> None:
    sentence = text.format(v=PHONES[1])
    assert kind_of(anonymizer, sentence, PHONES[1]) == OFFENDER_PHONE


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("संदेश भेजने वाले नंबर +91 70019 44231 ब्लॉक करें।", "+91 70019 44231"),
        ("Nombor penghantar: +60 11-5872 0049.", "+60 11-5872 0049"),
        ("Sender IDs 'BANKALERT' and +94 76 550 2193 sent the texts.", "+94 76 550 2193"),
        ("Osoba vydávající se za pracovníka banky (tel. +420 225 981 330) volala.", "+420 225 981 330"),
        ("Egy személy (+36 1 366 6388, hamisított szám) hívta fel.", "+36 1 366 6388"),
        ("المتهمون استخدموا محافظ على الرقم ٠١٠٢٢٩٠٤٤١٧.", "٠١٠٢٢٩٠٤٤١٧"),
        ("ผู้เสียหายโอนเข้าบัญชีม้า ธ.กรุงไทย 982-6-41077-3 รวม 50,000 บาท", "982-6-41077-3"),
    ],
)
def test_senders_impersonators_and_mule_accounts_of_more_languages_are_kept(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text, value) == OFFENDER_PHONE


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Cinayət işi № 251004217. Zərərçəkmiş Günel Məmmədova.", "251004217"),
        ("د کابل امنیه قوماندانی. قضیه شمېره ۱۴۰۴/۲۲۱. شکایت کوونکی", "۱۴۰۴/۲۲۱"),
        ("แจ้งความออนไลน์ เลขรับแจ้ง 2511000873421 ผู้เสียหาย", "2511000873421"),
        ("Heddlu De Cymru, cyfeirnod 2600419887.", "2600419887"),
        ("NCRP complaint 31811260044871 was filed on the portal.", "31811260044871"),
        ("The money went by Western Union, MTCN 482 115 7390.", "482 115 7390"),
    ],
)
def test_case_and_transfer_references_of_more_languages_are_no_phone(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert kind_of(anonymizer, text, value) is None


@pytest.mark.parametrize(
    "text",
    [
        'בוצעה העברה ב-Bit בסך 4,850 ש"ח למספר {v} לאחר השיחה.',
    ],
)
def test_a_wallet_of_more_countries_money_went_to_is_kept(anonymizer: TextAnonymizer, text: str) -> None:
    sentence = text.format(v=PHONES[1])
    assert kind_of(anonymizer, sentence, PHONES[1]) == OFFENDER_PHONE


@pytest.mark.parametrize(
    "text",
    [
        "Su Nequi: {v}.",
        "She lost Ksh 23,400 from her M-Pesa line {v}.",
        "Me hackearon el WhatsApp {v} y piden dinero a mis contactos.",
        "Agência 3214-7, conta 45.118-2, chave Pix {v}.",
        "She is reachable on WhatsApp {v}.",
        "The victim's WhatsApp {v} was cloned.",
    ],
)
def test_a_persons_own_wallet_or_app_number_stays_masked(anonymizer: TextAnonymizer, text: str) -> None:
    sentence = text.format(v=PHONES[1])
    assert kind_of(anonymizer, sentence, PHONES[1]) == PHONE


def test_a_sum_in_kyat_is_no_phone(anonymizer: TextAnonymizer) -> None:
    text = "KBZPay အကောင့်မှ ကျပ် ၂,၅၀၀,၀၀၀ ကို လွှဲပြောင်းခဲ့သည်။"
    assert kind_of(anonymizer, text, "၂,၅၀၀,၀၀၀") is None
