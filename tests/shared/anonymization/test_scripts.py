"""Names in another script than the text around them, and place names in those scripts kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.anonymization.scripts import ForeignScriptNames, load_common_words
from shared.anonymization.text import TextAnonymizer

from .conftest import filler, plant

FOREIGN_NAMES = [
    "Иван Петров",
    "Олена Шевченко",
    "Γιώργος Παπαδόπουλος",
    "王秀英",
    "佐藤 花子",
    "さとう はなこ",
    "김민준",
    "יוסי כהן",
    "राहुल शर्मा",
    "Мария Иванова-Петрова",
    "ジョン・スミス",
]


@given(before=filler, name=st.sampled_from(FOREIGN_NAMES), after=filler)
@settings(max_examples=200, deadline=None)
def test_foreign_script_name_never_survives(
    anonymizer: TextAnonymizer, before: str, name: str, after: str
) -> None:
    redacted, counts = anonymizer.redact(plant(f"Witness: {before}", name, after))
    for word in name.replace("・", " ").split():
        assert word not in redacted
    assert sum(counts.values()) >= 1


@pytest.mark.parametrize("place", ["Москва", "Київ", "東京", "Αθήνα", "Deutschland", "Германия"])
def test_place_names_in_their_script_are_kept(anonymizer: TextAnonymizer, place: str) -> None:
    text = f"The money was sent from {place} to a mule account."
    assert anonymizer.redact(text)[0] == text


def test_foreign_street_line_is_an_address(anonymizer: TextAnonymizer) -> None:
    redacted, counts = anonymizer.redact("She lives at вул. Шевченка 12, Київ.")
    assert "Шевченка" not in redacted and "12" not in redacted
    assert counts["ADDRESS"] == 1


def test_a_name_in_a_third_script_inside_a_text_in_another_is_foreign() -> None:
    # A Russian narrative naming a Georgian witness in Georgian script, and an Armenian one.
    text = (
        "Свидетельница Тамара Беридзе (თამარ ბერიძე) сообщила, что звонившие представлялись "
        "сотрудниками банка. Второй свидетель (Գևորգ Սարգսյան) подтвердил это, 12 мая."
    )
    names = {text[d.start : d.end] for d in ForeignScriptNames().find(text)}
    assert {"თამარ ბერიძე", "Գևորգ Սարգսյան"} <= names


def test_labels_and_phrases_of_a_text_in_that_script_are_not_foreign_names() -> None:
    # A form written in Ukrainian: short runs between labels, numbers and Latin words.
    text = (
        "ПІБ: (див. нижче)\nАдреса: не вказано\nТел: 0\nСуть: атака Sandworm на мережу "
        "підприємства, використано Industroyer2"
    )
    assert [d for d in ForeignScriptNames().find(text) if d.kind == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A bilingual hand-over note: its Arabic and Persian lines head their fields with their
        # own words ("the name:", "note:"), too few function words to call it written so.
        (
            "Shift handover (EN/AR)\nالاسم: يوسف حمدان الزعبي\nThe caller asked for the OTP.\n"
            "ملاحظة: card blocked at 10:40",
            "يوسف حمدان الزعبي",
        ),
        ("Case summary\nشاکی: بهرام کیانی\nتوضیحات: SMS phishing, link opened", "بهرام کیانی"),
    ],
)
def test_a_frequent_word_heading_a_field_of_a_bilingual_note_is_no_name(text: str, name: str) -> None:
    persons = [text[d.start : d.end] for d in ForeignScriptNames().find(text) if d.kind == "PERSON"]
    assert persons == [name]


def test_a_house_number_next_to_a_run_of_a_form_in_that_script_is_still_a_street_line() -> None:
    text = "ПІБ: (див. нижче)\nАдреса: Хрещатик 22\nТел: немає\nСуть: шахрайство з оплатою"
    found = {(text[d.start : d.end], d.kind) for d in ForeignScriptNames().find(text)}
    assert ("Хрещатик 22", "ADDRESS") in found
    assert all(kind != "PERSON" for _, kind in found)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # A Chinese text with Latin parts (a domain, an e-mail address): its short runs are words.
        (
            "客户张丽收到假冒银行的短信，链接为bank-verify.cn，要求提供身份证号码和验证码。",
            ["身份证号码和验证码", "要求提供"],
        ),
        # Japanese particles, a katakana loanword and a verb ending are no names.
        (
            "佐々木様（パスワード：未記入）は、Appleを装ったメールのURLを開いた。",
            ["パスワード", "は", "を装ったメールの"],
        ),
        # Korean: a cue and a common noun written apart.
        (
            "공격자는 가짜 채용 공고를 보내 악성 파일을 실행하게 했다. 신고인 연락처: test@example.kr",
            ["신고인 연락처"],
        ),
    ],
)
def test_runs_of_a_cjk_text_are_names_only_if_they_read_as_names(text: str, kept: list[str]) -> None:
    found = [text[d.start : d.end] for d in ForeignScriptNames().find(text) if d.kind == "PERSON"]
    assert all(word not in found for word in kept), found


def test_a_name_in_a_cjk_text_is_left_to_the_in_script_rules(anonymizer: TextAnonymizer) -> None:
    # The run "受害人为周建华" is no name as a whole; the cue, a link and a listed surname are.
    text = "报案人称，骗子自称客服，受害人为周建华，邮箱zhou@example.cn。"
    found = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "PERSON"]
    assert found == ["周建华"], found


def test_a_korean_address_does_not_make_a_japanese_name_a_word() -> None:
    # Hangul words of an address are no Japanese sentence: the kanji name stays a name.
    text = "Aiko denunció: 中川綾 y otra víctima, dirección 경기도 수원시 팔달구 행궁로."
    found = [text[d.start : d.end] for d in ForeignScriptNames().find(text) if d.kind == "PERSON"]
    assert "中川綾" in found, found


@pytest.mark.parametrize(
    "text",
    [
        # A country name written without the vowel marks of its translation.
        "The money was sent to an account in الصين last week.",
        # A place by its first word ("spring of ...", "Great ...").
        "The caller said he lived in عين الدفلى near the border.",
        "The parcel came from Велика Багачка by post.",
        # A small town written in its own script.
        "The victim moved to Κορωπί in 2021.",
    ],
)
def test_foreign_script_places_are_no_names(text: str) -> None:
    assert [d for d in ForeignScriptNames().find(text) if d.kind == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "kept", "name"),
    [
        # A phrase with a function word of its language is no name; a name beside it still is.
        ('He wired 0.8 BTC (אחרי שיחה עם "יועץ") to a wallet, said יעל ברק.', "אחרי שיחה עם", "יעל ברק"),
        ('Contact by e-mail (דוא"ל) only; the victim is אורי ספיר.', 'דוא"ל', "אורי ספיר"),
        ("The fake landlord met him ที่ภูเก็ต; the victim, สมหญิง รักดี, paid 30,000 THB.", "ที่ภูเก็ต", "สมหญิง รักดี"),
        # Burmese ends a phrase with a particle ("...သည်").
        ("The note said ဘဏ်ဝန်ထမ်းအဖြစ် ဟန်ဆောင်ခဲ့သည် and the victim ဒေါ်ခင်မာ paid.", "ဟန်ဆောင်ခဲ့သည်", "ဒေါ်ခင်မာ"),
    ],
)
def test_a_foreign_phrase_with_a_function_word_is_no_name(text: str, kept: str, name: str) -> None:
    found = {text[d.start : d.end] for d in ForeignScriptNames().find(text) if d.kind == "PERSON"}
    assert name in found
    assert not any(kept in value or value in kept for value in found)


@pytest.mark.parametrize(
    "text",
    [
        # Two words, one also a function word of the language ("אשר": Asher, also "which").
        "The victim, מאיה אשר, was called by a fake bank employee.",
        # A Thai surname that starts like a function word ("แจ้ง": to report).
        "The victim, ภานุพล แจ้งสว่าง, was called by a fake bank employee.",
    ],
)
def test_a_two_word_name_with_one_function_word_is_a_name(text: str) -> None:
    assert [d.kind for d in ForeignScriptNames().find(text)] == ["PERSON"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Звонок поступил вечером.", "Звонок"),
        ("Ночью потерпевшей позвонили.", "Ночью"),
        ("Вчера потерпевшей позвонили.", "Вчера"),
    ],
)
def test_a_frequent_word_opening_a_sentence_in_a_cased_script_is_no_name(
    anonymizer: TextAnonymizer, text: str, kept: str
) -> None:
    redacted, counts = anonymizer.redact(text)
    assert kept in redacted
    assert counts["PERSON"] == 0


@given(
    name=st.sampled_from(["Иван", "Ольга", "Сергей", "Петров", "Кузьменко", "Γιώργος"]),
    verb=st.sampled_from(["позвонил вечером.", "сообщила о звонке.", "перевёл деньги.", "τηλεφώνησε."]),
)
@settings(max_examples=60, deadline=None)
def test_a_name_opening_a_sentence_in_a_cased_script_is_still_masked(
    anonymizer: TextAnonymizer, name: str, verb: str
) -> None:
    redacted, counts = anonymizer.redact(f"{name} {verb}")
    assert name not in redacted
    assert counts["PERSON"] == 1


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        # Greek between Latin words: "sent", "to", "that gave the", "on", "via".
        (
            "Crypto scam: έστειλε 0.2 BTC σε wallet bc1q-test που έδωσε το @fx.mentor στο Telegram, "
            "μέσω Binance.",
            {"σε", "που έδωσε το", "στο", "μέσω"},
        ),
        # Hindi: "government scheme", "any", "not".
        (
            'Smishing: "ParcelPoint" के नाम से SMS, link parcelpoint.test पर payment; सरकारी योजना fake, '
            "कोई victim नहीं।",
            {"सरकारी योजना", "कोई", "नहीं"},
        ),
        # Persian: "bank account".
        (
            'Smishing: SMS "ParcelPoint" از app Viber، حساب بانکی fake در parcelpoint.test '
            "برای payment و OTP.",
            {"حساب بانکی"},
        ),
    ],
)
def test_frequent_words_of_a_text_written_in_their_script_are_no_name(text: str, phrases: set[str]) -> None:
    # A text written in Greek, Hindi or Persian with many Latin words (brands, domains, terms):
    # its runs of frequent words are its sentences, not persons.
    found = {text[d.start : d.end] for d in ForeignScriptNames().find(text)}
    assert not found & phrases


@pytest.mark.parametrize(
    "name",
    ["Ελένη Παπαδάκη", "Νίκος", "सुनीता शर्मा", "یوسف", "דוד לוי", "רחל", "نسیم روشن", "ελένη"],
)
def test_names_that_are_frequent_words_too_stay_names(name: str) -> None:
    # "शर्मा", "Ελένη" and "רחל" are among their languages' frequent words, but name lists have them;
    # "نسیم روشن" (breeze, bright) no list has: in a Latin text a run of another script is a name.
    text = f"The caller, {name}, asked for the card number."
    assert [text[d.start : d.end] for d in ForeignScriptNames().find(text)] == [name]


def test_common_words_are_loaded_once_and_hold_no_latin_word() -> None:
    words = load_common_words()
    assert "και" in words.frequent and "और" in words.frequent
    assert not any(w.isascii() for w in words.frequent)


def test_a_lone_frequent_word_of_a_text_written_in_that_script_is_no_name() -> None:
    # A Hindi advisory with Latin names of brands, domains and malware: its function words
    # ("के", "से", "कोई", "नहीं") say it is written in Hindi, so "चेतावनी" (warning) and
    # "वेबसाइट" (website) are words, not names.
    text = (
        'SOC चेतावनी: "ParcelPoint" के नाम से SMS campaign, वेबसाइट parcelpoint-track.test, '
        "ट्रोजन FluBot; कोई पीड़ित नहीं।"
    )
    found = {text[d.start : d.end] for d in ForeignScriptNames().find(text)}
    assert not found & {"चेतावनी", "वेबसाइट"}


def test_a_lone_name_in_a_text_with_few_words_of_its_script_stays_a_name() -> None:
    # One function word ("עם", with) is a quoted phrase, not a text written in Hebrew.
    text = 'Victim רחל paid 0.4 BTC after a call "עם הבנק" (with the bank); wallet in the report.'
    found = [text[d.start : d.end] for d in ForeignScriptNames().find(text)]
    assert "רחל" in found


def test_a_capitalized_frequent_word_of_a_text_written_in_a_cased_script_is_no_name() -> None:
    # A Greek notice with Latin brand names and a domain: "Ειδοποίηση" (notice) opens it, while
    # "Ευάγγελος", a given name of the name lists, is still one.
    text = (
        'Ειδοποίηση SOC: απάτη με SMS από το "ELTA Courier" και το "Parcel Hub", σύνδεσμος '
        "elta-track.test, για την παραλαβή. Ευάγγελος"
    )
    found = {text[d.start : d.end] for d in ForeignScriptNames().find(text)}
    assert "Ειδοποίηση" not in found
    assert "Ευάγγελος" in found


def test_lowercase_frequent_words_of_a_cased_script_are_no_name() -> None:
    # A Russian note whose links and handles bring many Latin letters: its lowercase words
    # ("тел.", "доставку", "на") are prose, while a chat's lowercase name ("жорик") stays one.
    text = (
        "Заявитель Носкова Вера (тел. +7 900 111-22-33; t.me/vera_noskova_spb, vk.com/noskova.v) "
        "заказала «доставку» на parcel-pay.example, курьер «жорик»."
    )
    found = {text[d.start : d.end] for d in ForeignScriptNames().find(text)}
    assert not found & {"тел", "доставку", "на"}, found
    assert "жорик" in found


def test_a_lowercase_clause_of_a_cased_script_is_no_name() -> None:
    # A Greek note with a Latin brand, a domain and an e-mail address: "ξεκλείδωσε την συσκευή"
    # (unlocked the device) holds "την" (the), so it is a clause, not a chat's name, though its
    # verb is no frequent word.
    text = (
        "Απάτη μέσω Vinted, σύνδεσμος vinted-secure-pay.example. Ο Σταμάτης Ρήγας "
        "(s.rigas@example.org) ξεκλείδωσε την συσκευή."
    )
    found = {text[d.start : d.end] for d in ForeignScriptNames().find(text)}
    assert "ξεκλείδωσε την συσκευή" not in found, found


def test_a_number_after_a_clause_of_an_unspaced_script_takes_only_its_last_phrase() -> None:
    # A Burmese note with a Latin case number and brand: "witness <name> residence number 52"
    # is a clause; the address starts at its last phrase, and the witness's name stays a name.
    text = "CASE-77/2025: KBZPay လိမ်လည်မှု။ သက်သေ ထက်ထက်ဝေ နေရပ် အမှတ် 52၊ ဗိုလ်ချုပ်လမ်း၊ ရန်ကုန်။"
    found = [(d.kind, text[d.start : d.end]) for d in TextAnonymizer().find(text)]
    assert ("PERSON", "ထက်ထက်ဝေ") in found, found
    assert not any(kind == "ADDRESS" and "ထက်ထက်ဝေ" in value for kind, value in found), found


def test_the_latin_letters_of_a_link_do_not_make_a_text_latin() -> None:
    # A Persian alert quoting a long phishing link: its letters are no prose, so the text is
    # still written in Persian and its words ("بدافزار", malware; "پخش می‌شود", is spread) are
    # no foreign names.
    text = (
        "هشدار پلیس: بدافزار جدید از طریق لینک "
        "https://secure-update-portal.example.net/login/verify/account?session=12 پخش می‌شود؛ "
        "شماره 0912 000 0000."
    )
    found = {text[d.start : d.end] for d in ForeignScriptNames().find(text) if d.kind == "PERSON"}
    assert not found, found


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a number ending one line is no house number of the next line's first word
        ("Ветеран Иван Котов, кв. 12\nСвидетели подтвердили", "Свидетели"),
        ("Τηλέφωνο γραφείου 2310 555\nΜάρτυρες δεν υπήρχαν", "Μάρτυρες"),
    ],
)
def test_a_number_at_a_line_end_makes_no_address_of_the_next_line(text: str, kept: str) -> None:
    found = ForeignScriptNames().find(text)
    assert all(kept not in text[d.start : d.end] for d in found if d.kind == "ADDRESS")


@pytest.mark.parametrize(
    "text",
    [
        "Chat: 오후 2:03 hello",  # a chat export's time after a Korean word
        "Chat: 小鹿 2026-02-11 09:30",  # a WeChat speaker line: the date after the display name
    ],
)
def test_a_date_or_a_time_after_a_run_is_no_house_number(text: str) -> None:
    found = ForeignScriptNames().find(text)
    assert not any(d.kind == "ADDRESS" for d in found), found


def test_words_of_a_georgian_text_with_latin_links_are_no_names() -> None:
    # Georgian letters are lowercase to Unicode, but Georgian writes no capitals: a text in Georgian
    # quoting a shop's Latin name, a domain and e-mail addresses is still written in Georgian, its
    # verbs and nouns ("they paid", "through the app", "somebody") no names.
    text = (
        "ლევან კაპანაძე (levan.k@mail.test) გადაიხადეს „Fast Parcel“ აპლიკაციით parcel-pay.test; "
        "ვიღაც „Kvali Travel“ კურიერი წერილით desk@kvalitravel.test."
    )
    found = {text[d.start : d.end] for d in ForeignScriptNames().find(text) if d.kind == "PERSON"}
    assert not found & {"გადაიხადეს", "აპლიკაციით", "ვიღაც", "კურიერი წერილით"}


def test_a_georgian_name_in_a_latin_text_is_still_foreign() -> None:
    text = "The courier scam hit Levan (ლევან კაპანაძე) and two neighbours in Batumi last week."
    names = {text[d.start : d.end] for d in ForeignScriptNames().find(text)}
    assert "ლევან კაპანაძე" in names


def test_a_modifier_letter_in_a_latin_text_starts_no_foreign_run(anonymizer: TextAnonymizer) -> None:
    # The Tongan glottal stop "ʻ" (a letter of no script) stands alone before a word ("ʻe 6,500").
    text = "Naʻe maʻu ʻe Viliami Fifita ʻa e paʻanga ʻe 6,500 mei he Western Union."
    found = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "PERSON"]
    assert "ʻ" not in found


def test_a_modifier_letter_inside_a_cyrillic_name_stays_in_it(anonymizer: TextAnonymizer) -> None:
    text = "Witness: Марʼяна Коваль called the bank."
    found = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "PERSON"]
    assert found == ["Марʼяна Коваль"]


@pytest.mark.parametrize(
    "text",
    [
        "Ko e tokotaha lāunga ko Mele Tupou Fifita, ʻoku nofo ʻi Kolofoʻou.",
        "Naʻe kākaaʻi ia ʻe ha tangata ʻoku ui ko Sione Kauvaka.",
    ],
)
def test_a_modifier_letter_written_as_a_glottal_stop_is_no_foreign_word(text: str) -> None:
    found = ForeignScriptNames().find(text)
    assert [text[d.start : d.end] for d in found] == []


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        # An English note quoting an Arabic message: too few function words to call the note
        # written in Arabic, but its runs of frequent words ("I am from the bank", "your account
        # is suspended") are one message, not names.
        (
            "The caller wrote in Arabic: «أنا من البنك، حسابك موقوف، ارسل الرمز» and then hung up.",
            {"أنا من البنك", "حسابك موقوف", "ارسل الرمز"},
        ),
        # A Hinglish note quoting a Hindi message ("your account will be closed, send the code at once").
        (
            "Caller ne Hindi mein likha: 'आपका खाता बंद होगा, तुरंत कोड भेजें' aur phir call kaat di.",
            {"आपका खाता बंद होगा", "तुरंत कोड भेजें"},
        ),
    ],
)
def test_frequent_words_of_a_quoted_message_in_another_script_are_no_name(
    text: str, phrases: set[str]
) -> None:
    found = {text[d.start : d.end] for d in ForeignScriptNames().find(text)}
    assert not found & phrases, found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # The same person in both scripts: the run beside its Latin transliteration stays a name,
        # however frequent its words and however much of the script the text quotes.
        (
            "Witness نادين حداد (Nadine Haddad) translated the SMS «أنا من البنك، حسابك موقوف، ارسل الرمز».",
            "نادين حداد",
        ),
        (
            "Witness Nadine Haddad (نادين حداد) translated the SMS «أنا من البنك، حسابك موقوف، ارسل الرمز».",
            "نادين حداد",
        ),
    ],
)
def test_a_run_beside_its_transliteration_stays_a_name(text: str, name: str) -> None:
    found = [text[d.start : d.end] for d in ForeignScriptNames().find(text)]
    assert name in found


def test_the_words_of_an_address_in_that_script_make_no_quoted_message() -> None:
    # A German note with an Arabic address: its street and quarter are frequent words, but an
    # address, not a message in that language, so the name of frequent words stays a name.
    text = (
        "Ein Betrüger erschlich von نسیم روشن insgesamt 900 EUR. "
        "Das Opfer wohnt in 462 نهج الفتح, عين الذهب."
    )
    found = [text[d.start : d.end] for d in ForeignScriptNames().find(text)]
    assert "نسیم روشن" in found
