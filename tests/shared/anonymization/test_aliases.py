"""A name's other forms in brackets beside it (shared/anonymization/aliases.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.anonymization.aliases import find_quoted_nicknames, find_repeated_cjk, with_last_part
from shared.anonymization.detectors import PERSON, Detection
from shared.anonymization.text import TextAnonymizer


def _persons(anonymizer: TextAnonymizer, text: str) -> list[str]:
    return [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A nickname in brackets, and the surname after it.
        (
            "Gebeld werd mevrouw Johanna (Hanneke) van der Velde-Smit, die betaalde.",
            ["Johanna", "Hanneke", "van der Velde-Smit"],
        ),
        # Initials and a surname before the full name in brackets.
        ("Complaint by K. Ozolina (Kristine Ozolina), student.", ["K. Ozolina", "Kristine Ozolina"]),
        # A name and its spelling in another script.
        ("Victim Lim Wei Jie（林伟杰）reported it.", ["Lim Wei Jie", "林伟杰"]),
        # A kanji name and its reading in kana; a hanja name and its reading in hangul.
        ("会社員、佐々木 健太（ささき けんた）さんが被害に遭った。", ["佐々木 健太", "ささき けんた"]),
        ("신고인: 諸葛 英浩 (제갈영호)\n", ["諸葛 英浩", "제갈영호"]),
        # The reading's parts set apart with "・", an age or birth date after a comma.
        ("対応者：店員 岩崎陽菜（いわさき・はるな、27）。", ["岩崎陽菜", "いわさき・はるな"]),
        ("관광객 松浦千尋(마쓰우라 지히로, 1988년생)가 신고했다.", ["松浦千尋", "마쓰우라 지히로"]),
    ],
)
def test_bracketed_forms_of_a_name_are_names(
    anonymizer: TextAnonymizer, text: str, expected: list[str]
) -> None:
    found = _persons(anonymizer, text)
    assert all(name in found for name in expected), found


@pytest.mark.parametrize(
    "text",
    [
        "John Whitfield (Victim) and Anna Berger (Berlin) met Jo Rees (CEO).",
        "東京（とうきょう）の会社から連絡があった。",
        "Payment by Oscar Lindqvist (Swedish) was refunded.",
        # After a name in Chinese characters, brackets in Chinese characters hold a nationality.
        "受害人黎氏兰（老挝籍）称被骗。",
        # Hangul asides after a name say who the person is: nationality, sex, occupation.
        "피의자 Nguyen Thanh Hai(베트남 국적)가 검거되었다.",
        "신고인 박준서(무직)는 문자를 받았다.",
        "피해자 오세진(여)이 신고했다.",
        "Dmitri Volkov(회사원)은 계좌를 빌려주었다.",
        # Whether the name written is a pseudonym: said of the name, no other form of it.
        "수원: 피해자 강하림(가명 아님), 1990년 3월 8일생, 경기도 수원시.",
        # Words in Chinese characters a space apart after a kanji name: an aside, not a reading.
        "容疑者 松尾 大輔（住所 福岡市）を逮捕した。",
    ],
)
def test_roles_places_and_acronyms_in_brackets_are_no_aliases(anonymizer: TextAnonymizer, text: str) -> None:
    found = _persons(anonymizer, text)
    words = ("Victim", "Berlin", "CEO", "東京", "Swedish", "老挝籍", "국적", "무직", "여", "회사원", "住所")
    words = (*words, "가명")
    assert not any(word in " ".join(found) for word in words), found


@given(
    first=st.sampled_from(["Maria", "Johan", "Pieter", "Anna", "Lucas", "Sofia"]),
    nick=st.sampled_from(["Mia", "Jo", "Piet", "Anke", "Luuk", "Fien"]),
    surname=st.sampled_from(["Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer"]),
)
@settings(max_examples=60, deadline=None)
def test_no_part_of_a_name_with_a_nickname_survives(first: str, nick: str, surname: str) -> None:
    anonymizer = _ANONYMIZER
    text = f"Op dinsdag belde de bank naar {first} ({nick}) {surname}, die betaalde."
    redacted, _ = anonymizer.redact(text)
    for part in (first, nick, surname.split()[-1]):
        assert part not in redacted, redacted


_ANONYMIZER = TextAnonymizer()


def test_a_part_of_a_found_name_alone_elsewhere_is_the_person() -> None:
    text = "Witness Adaeze Nwachukwu-Ibe saw the courier. Later Nwachukwu-Ibe called; Adaeze was upset."
    found = _persons(_ANONYMIZER, text)
    assert "Nwachukwu-Ibe" in " ".join(found[1:]) and "Adaeze" in found[-1], found


def test_titles_particles_and_frequent_words_of_a_name_are_not_repeated() -> None:
    text = "The victim Mrs Anna van Berg paid. The bank van arrived; Mrs Smith was not there."
    found = _persons(_ANONYMIZER, text)
    assert not any(span in ("van", "Mrs") for span in found), found


@given(
    given_name=st.sampled_from(["Oluwaseun", "Thandiwe", "Kwabena", "Wanjiru", "Ifeanyi"]),
    surname=st.sampled_from(["Okonkwo", "Mensah", "Dlamini", "Otieno", "Boateng"]),
    alone=st.booleans(),
)
@settings(max_examples=50, deadline=None)
def test_a_name_part_repeated_alone_never_survives(given_name: str, surname: str, alone: bool) -> None:
    part = given_name if alone else surname
    text = f"The complainant {given_name} {surname} sent the fee. Two days later {part} wrote again."
    redacted, _ = _ANONYMIZER.redact(text)
    assert given_name not in redacted and surname not in redacted, redacted


@pytest.mark.parametrize(
    ("text", "declined"),
    [
        # Slavic cases: genitive, dative of a feminine surname, Czech dative.
        ("Заявитель: Вихорев Тимофей. Со слов Вихорева, звонивший назвался сотрудником.", "Вихорева"),
        ("Потерпевшая: Зарецкая Алевтина Петровна. Зарецкой позвонил мужчина.", "Зарецкой"),
        ("Poszkodowana: Bożena Wrzesińska. Wrzesińskiej zadzwonił mężczyzna.", "Wrzesińskiej"),
        ("Hlásí: Radek Hromádka, Brno. Hromádkovi volal neznámý muž.", "Hromádkovi"),
        ("Zgłosił: Tomasz Wierzbicki. Wierzbickiego poproszono o kod.", "Wierzbickiego"),
        # Greek genitive; a German possessive adds -s.
        ("Καταγγέλλουσα: Ευανθία Κοντογιάννη. Η Ευανθίας κόρη πλήρωσε.", "Ευανθίας"),
        ("Geschädigte: Wiebke Osterkamp. Osterkamps Konto wurde belastet.", "Osterkamps"),
        # Hungarian case suffix.
        ("Bejelentő: Szilárd Bodnár. Bodnárnak üzenetet küldtek.", "Bodnárnak"),
        # Finnish: a surname in -nen declines on a stem in -se-; a given name takes the suffixes.
        ("Ilmoittaja: Tuula Hyvönen. Hyvöselle soitettiin pankista.", "Hyvöselle"),
        ("Ilmoittaja: Tuula Hyvönen. Rahat vietiin Hyvösestä huolimatta.", "Hyvösestä"),
        ("Ilmoittaja: Kaisa Rautiainen. Kaisalle lähetettiin tekstiviesti.", "Kaisalle"),
        # Finnish consonant gradation: kk, pp, tt weaken before the suffix.
        ("Ilmoittaja: Jaakko Heikkilä. Jaakolle lähetettiin tekstiviesti.", "Jaakolle"),
        ("Ilmoittaja: Sirkka Hämäläinen. Sirkan tililtä vietiin rahaa.", "Sirkan"),
        # Polish softening before -e; Czech -ě.
        ("Zgłosiła: Dorota Malinowska. Dorocie wysłano link do płatności.", "Dorocie"),
        ("Oznámila: Markéta Horáková. Markétě volal neznámý muž.", "Markétě"),
        # Ukrainian surname in -ко, given name in -і; Latvian -š dropped; Albanian definite forms.
        ("Заявник: Богдан Коваленко. Коваленкові надіслали посилання.", "Коваленкові"),
        ("Заявниця: Оксана Мельник. Оксані телефонував чоловік.", "Оксані"),
        ("Iesniedzējs: Andris Kalniņš. Kalniņam zvanīja vīrietis.", "Kalniņam"),
        ("Ankuesja: Drita Berisha. Berishës i telefonoi një burrë.", "Berishës"),
        # Azerbaijani glued genitive and comitative; Estonian suffix on the genitive stem.
        ("Şikayətçi: Kamran Əlizadə. Kamranın kartından pul silinib.", "Kamranın"),
        ("Şikayətçi: Kamran Əlizadə. Əlizadəylə danışdıq.", "Əlizadəylə"),
        ("Kannatanu: Tiina Tamm. Tiinale helistati pangast.", "Tiinale"),
        # Basque dative and genitive; Lithuanian -us to -aus; Romanian genitive article.
        ("Salatzailea: Iker Zubiria. Ikerri deitu zioten.", "Ikerri"),
        ("Salatzailea: Iker Zubiria. Zubiriaren kontutik atera zuten.", "Zubiriaren"),
        ("Pareiškėjas: Marius Kazlauskas. Mariaus sąskaita užblokuota.", "Mariaus"),
        ("Petent: Sorin Lupescu. Lupescului i s-a spus.", "Lupescului"),
        # Latvian -s dropped before -am; Slovene possessive adjective in -ov-.
        ("Iesniedzējs: Kārlis Ozols. Ozolam zvanīja vīrietis.", "Ozolam"),
        ("Oškodovanec: Luka Zupančič. Zupančičeva žena je poklicala policijo.", "Zupančičeva"),
        # Armenian article and cases glued to a name; Georgian dative and ergative.
        ("Դիմող՝ Լիլիթ Հակոբյանը: Լիլիթին զանգահարել են:", "Լիլիթին"),
        ("Դիմող՝ Լիլիթ Հակոբյանը: Հակոբյանների տունը:", "Հակոբյանների"),
        ("განმცხადებელი ნინო ბერიძე. ნინოს დაურეკეს ბანკიდან.", "ნინოს"),
    ],
)
def test_a_found_name_part_written_again_declined_is_the_person(text: str, declined: str) -> None:
    redacted, _ = _ANONYMIZER.redact(text)
    assert declined not in redacted, redacted


@pytest.mark.parametrize(
    ("text", "repeated"),
    [
        # Arabic "ب" (by, with) and "ل" (to, for) glued before a given name written again.
        ("تقدم المواطن سالم عبد الله النعيمي ببلاغ، ثم اتصل المحتال بسالم مرة أخرى.", "سالم"),
        ("قدمت السيدة نورة سعيد الكعبي بلاغا، وأرسل المتهم لنورة رابطا.", "نورة"),
        # A pair of them ("وب": and with).
        ("المبلغ: حمدان راشد المهيري. تواصل المحتال معه وبحمدان عبر الهاتف.", "حمدان"),
    ],
)
def test_a_name_part_after_a_glued_preposition_is_the_person(text: str, repeated: str) -> None:
    found = [d for d in _ANONYMIZER.find(text) if d.kind == PERSON]
    at = text.rindex(repeated)
    assert any(d.start <= at and at + len(repeated) <= d.end for d in found), found


def test_a_name_part_written_again_with_an_apostrophe_suffix_is_the_person() -> None:
    # Found as "Efe Polat'tı": the surname is "Polat", and "Polat'ı" later is the same man.
    text = "Osman'a göre şüpheli Efe Polat'tı; Polat'ı meydanda yakaladılar."
    found = _persons(_ANONYMIZER, text)
    assert "Polat'ı" in found, found


def test_a_name_part_inside_a_longer_word_is_not_repeated() -> None:
    # "سالمة" (safe) and "بسالمين" carry the letters of "سالم" but are other words.
    text = "تقدم المواطن سالم عبد الله النعيمي ببلاغ. وصلت الشحنة سالمة."
    found = [text[d.start : d.end] for d in _ANONYMIZER.find(text) if d.kind == PERSON]
    assert "سالم" not in found and all("سالمة" not in f for f in found), found


@given(
    given_name=st.sampled_from(["Tomasz", "Grzegorz", "Wojciech", "Bartosz", "Przemysław"]),
    surname=st.sampled_from(["Wierzbicki", "Zawadzki", "Olszewski", "Jabłoński", "Przybylski"]),
    ending=st.sampled_from(["iego", "iemu", "im"]),
)
@settings(max_examples=40, deadline=None)
def test_a_declined_surname_never_survives(given_name: str, surname: str, ending: str) -> None:
    declined = surname[:-1] + ending
    text = f"Zgłaszający {given_name} {surname} zapłacił. Potem {declined} wysłano SMS z linkiem."
    redacted, _ = _ANONYMIZER.redact(text)
    assert declined not in redacted, redacted


def test_a_capitalized_word_sharing_a_short_stem_is_no_declined_name() -> None:
    # "Lina" has a stem of three letters: "Line" and "Lino" elsewhere are other words, left.
    text = "Complainant Lina Grove paid. The parcel went to Line 4 at the Lino depot."
    found = _persons(_ANONYMIZER, text)
    assert found == ["Lina Grove"], found


@pytest.mark.parametrize(
    ("text", "nickname"),
    [
        ('The suspect, nickname "Bebo", sold the cards.', "Bebo"),
        ("Detenida una mujer, apodada «La Güera», en el mercado.", "La Güera"),
        ('ผู้ต้องสงสัย สมชาย (ชื่อเล่น "ต้น") ขายบัญชีม้า', "ต้น"),
        ('חשוד: משה לוי, כינוי "מושיקו", נראה ליד התחנה.', "מושיקו"),
        ("男子外号“小胖”，在车站附近被抓。", "小胖"),
        ("密売人、通称「タク」こと男は逃走した。", "タク"),
        ("嫌犯綽號「阿龍」在夜市被捕。", "阿龍"),
    ],
)
def test_a_quoted_nickname_after_a_word_that_says_so(text: str, nickname: str) -> None:
    found = [text[d.start : d.end] for d in find_quoted_nicknames(text, frozenset())]
    assert found == [nickname]


@pytest.mark.parametrize(
    "text",
    [
        'Malware "Emotet" spread through invoices.',
        'The group, alias "DarkSide", asked for ransom.',  # an offender's handle, kept
        'Her nickname "user_2024" was used on the forum.',  # a handle's shape
        'Nickname "a very long phrase that is no nickname at all" was written.',
    ],
)
def test_no_nickname_without_its_cue_or_in_a_handles_shape(text: str) -> None:
    assert list(find_quoted_nicknames(text, frozenset())) == []


@pytest.mark.parametrize(
    ("text", "nickname"),
    [
        ("Συνελήφθη ο Γιώργος Παπαδάκης («Τζώρτζης»), 34 ετών.", "Τζώρτζης"),
        ("Zatrzymano Tomasza Wróbla („Wróbel”) w Gdańsku.", "Wróbel"),
        ("Suspect Dermot Keane ('Dessie') was charged.", "Dessie"),
    ],
)
def test_a_quoted_nickname_in_brackets_after_a_name(
    anonymizer: TextAnonymizer, text: str, nickname: str
) -> None:
    assert nickname in _persons(anonymizer, text)


def test_a_korean_name_of_two_syllables_is_found_again_as_a_word() -> None:
    text = "- 하늘(여, 72) 어르신\n- 하늘 어르신 딸 연락처\n- 하늘님 통장 잔액, 하늘색 가방"
    found = [Detection(2, 4, PERSON)]
    repeats = [text[d.start : d.end] for d in find_repeated_cjk(text, found, ("님",), frozenset())]
    assert repeats == ["하늘", "하늘"]  # not the start of another word ("하늘색", sky blue)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # A Japanese name in two parts: the family name and the given name alone later.
        ("通報者 森本 あかり（45）。あかりが口座を教えた。", ["あかり"]),
        ("被害者の高橋美咲さん（34）から相談。高橋によると、美咲は昨日も電話を受けた。", ["高橋", "美咲"]),
        # A sister under the family name of a found relative, and her given name alone before it.
        ("「あかりが騙された」と母の森本由紀様から電話。森本あかり（19）、学生。", ["あかり"]),
        # A kanji name glossing a found name in brackets, after it or before it.
        ("被害者 ﾀﾅｶ ｹﾝｲﾁ（田中健一）の口座が使われた。", ["田中健一"]),
        ("受害人为游客 中村美咲(Nakamura Misaki),手机未提供。", ["中村美咲"]),
    ],
)
def test_parts_of_a_found_cjk_name_written_alone_are_the_person(text: str, parts: list[str]) -> None:
    redacted, _ = TextAnonymizer().redact(text)
    for part in parts:
        assert part not in redacted, (part, redacted)


@given(
    st.sampled_from(["森田", "長谷川", "桑原", "西川"]),
    st.sampled_from(["の夫が", "は", "が", "に対し、"]),
)
@settings(max_examples=20, deadline=None)
def test_a_japanese_family_name_found_alone_is_found_again(family: str, after: str) -> None:
    text = f"被害者の{family}は警察に相談した。{family}{after}通報した。"
    found = [Detection(4, 4 + len(family), PERSON)]
    repeats = list(find_repeated_cjk(text, found, (), frozenset({family})))
    assert [text[d.start : d.end] for d in repeats] == [family]


def test_a_japanese_family_name_found_alone_is_no_start_of_a_place() -> None:
    text = "被害者の森田は警察に相談した。森田市の住民。"
    assert list(find_repeated_cjk(text, [Detection(4, 6, PERSON)], (), frozenset({"森田"}))) == []


def test_a_korean_given_name_is_no_start_of_another_word() -> None:
    text = "피해자 유하늘(33) 진술. 하늘색 가방, 하늘이가 전화."
    found = [Detection(4, 7, PERSON)]
    repeats = [
        text[d.start : d.end]
        for d in find_repeated_cjk(text, found, ("가",), frozenset(), korean_surnames=frozenset("유"))
    ]
    assert repeats == ["하늘"]


@given(st.sampled_from(["서연", "지훈", "민준", "예린"]), st.sampled_from(["김", "박", "남궁"]))
@settings(max_examples=20, deadline=None)
def test_a_korean_given_name_alone_never_survives(given_name: str, surname: str) -> None:
    text = f"신고인 {surname}{given_name}(30)이 신고함. {given_name} 님과 통화."
    found = [Detection(4, 4 + len(surname) + len(given_name), PERSON)]
    repeats = list(find_repeated_cjk(text, found, (), frozenset(), korean_surnames=frozenset({surname})))
    assert [text[d.start : d.end] for d in repeats] == [given_name]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("被害者 ﾀﾅｶ ｹﾝｲﾁ（会社員）の口座。", "会社員"),
        ("被害者 田中健一（大学生）が相談。", "大学生"),
        # A title after a found family name, before the full name in brackets.
        ("担当の森田先生（森田 浩二、外科）が対応した。", "先生"),
    ],
)
def test_a_role_or_title_beside_a_name_in_brackets_is_no_gloss(text: str, kept: str) -> None:
    redacted, _ = TextAnonymizer().redact(text)
    assert kept in redacted


def test_an_amharic_name_written_again_after_a_preposition_is_the_person() -> None:
    # "... Ato Dawit Tesfaye ... the birth date for Dawit": "ለ" (for) is written onto the name.
    from shared.anonymization.text import TextAnonymizer

    text = "ምስክሮች፡ አቶ ዳዊት ተስፋዬ እና ወ/ሮ ሄለን ታደሰ። የተወለደበት ቀን ለዳዊት፡ 12"
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert "ዳዊት" in found


def test_a_nickname_in_corner_brackets_reaches_the_finder(anonymizer: TextAnonymizer) -> None:
    text = "売人の通称「ユウ」こと 吉川 翔太 を逮捕した。"
    assert "ユウ" in _persons(anonymizer, text)


def test_a_role_a_space_before_a_name_with_its_reading_is_left() -> None:
    text = "会社員 大西真琴（おおにし・まこと）が被害に遭った。"
    found = _persons(_ANONYMIZER, text)
    assert "大西真琴" in found and not any("会社員" in name for name in found), found


@pytest.mark.parametrize(
    ("text", "name", "reading"),
    [
        ("出金役 ｵｶﾞﾜ ｼｮｳﾀ（小川 翔太）を逮捕。\n2024/05/02 振込 ｵｶﾞﾜ ｼｮｳﾀ 普通", "小川 翔太", "ｵｶﾞﾜ ｼｮｳﾀ"),
        ("名義人 森 朋美（モリ トモミ）。入金 モリ トモミ 50,000", "森 朋美", "モリ トモミ"),
    ],
)
def test_the_kana_reading_of_a_found_name_and_its_repeats_are_the_name(
    text: str, name: str, reading: str
) -> None:
    at = text.index(name)
    found = [Detection(at, at + len(name), PERSON)]
    repeats = [text[d.start : d.end] for d in find_repeated_cjk(text, found, (), frozenset())]
    assert repeats == [reading, reading]


@given(st.sampled_from(["アルバイト", "パート", "ブラジル国籍", "無職"]))
@settings(max_examples=10, deadline=None)
def test_one_katakana_word_in_brackets_after_a_name_is_no_reading(word: str) -> None:
    text = f"容疑者 高田 誠（{word}）を逮捕。"
    found = [Detection(4, 8, PERSON)]
    assert list(find_repeated_cjk(text, found, (), frozenset())) == []


@pytest.mark.parametrize(
    ("text", "repeated"),
    [
        # A Mongolian name with the father's initial glued on, written again alone and declined.
        ("Д.Сарангэрэл (34 настай) ирсэн. Сарангэрэл гэрээсээ гарсан.", "Сарангэрэл"),
        ("Д.Сарангэрэл (34 настай) ирсэн. Сарангэрэлийн ээж утсаар ярьсан.", "Сарангэрэлийн"),
        # Kazakh genitive, Uzbek genitive in Latin script.
        ("Хабарламашы: Ерасыл Сейтқалиев. Ерасылдың телефоны өшірулі.", "Ерасылдың"),
        ("Gumonlanuvchi Yo'ldoshev Baxtiyor. Baxtiyorning pasporti topildi.", "Baxtiyorning"),
    ],
)
def test_a_glued_initial_name_or_a_turkic_case_ending_repeats_the_person(text: str, repeated: str) -> None:
    redacted, _ = _ANONYMIZER.redact(text)
    assert repeated not in redacted, redacted


@pytest.mark.parametrize(
    ("text", "name", "repeats"),
    [
        # A foreign name in Chinese or katakana: the family name alone, last or first.
        ("英国籍留学生约翰·史密斯称被骗。史密斯的电话已登记。", "约翰·史密斯", ["史密斯"]),
        (
            "ベトナム国籍のグエン・ヴァン・ナム容疑者を逮捕。グエン容疑者は否認。",
            "グエン・ヴァン・ナム",
            ["グエン"],
        ),
        (
            "エメカ＝ジョナサン・オビ容疑者。オビ容疑者は「米軍医師」を名乗った。",
            "エメカ＝ジョナサン・オビ",
            ["オビ"],
        ),
        # Not inside a longer katakana word, nor a short Chinese part ("约翰" in other words).
        ("约翰·史密斯报案。约翰逊公司无关。", "约翰·史密斯", []),
        ("グエン・ヴァン・ナム容疑者。グエンタイ社は無関係。", "グエン・ヴァン・ナム", []),
        # A foreigner's spaced name in hangul: a later part alone.
        ("미국 국적 마이클 로버트 존슨(58)이 피해. 존슨의 카드가 쓰였다.", "마이클 로버트 존슨", ["존슨"]),
    ],
)
def test_a_part_of_a_joined_or_spaced_foreign_name_is_found_again(
    text: str, name: str, repeats: list[str]
) -> None:
    at = text.index(name)
    found = [Detection(at, at + len(name), PERSON)]
    particles = ("의", "는", "가", "이")
    assert [text[d.start : d.end] for d in find_repeated_cjk(text, found, particles, frozenset())] == repeats


def _never_a_word(word: str) -> bool:
    return word == "تذكرة"


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # A third word before a comma or a bracket, in Arabic script and in Devanagari.
        ("الضحية جورج إلياس حداد، بناية الزهراء", "جورج إلياس", "جورج إلياس حداد"),
        ("विद्यार्थी अली रेझा होसैनी (पासपोर्ट क्र. K44182907)", "अली रेझा", "अली रेझा होसैनी"),
        # No comma or bracket after the next word: the clause goes on.
        ("الضحية جورج إلياس حداد بناية الزهراء", "جورج إلياس", "جورج إلياس"),
        # A word the language's lists know as another word stays out.
        ("الضحية جورج إلياس تذكرة، 1400", "جورج إلياس", "جورج إلياس"),
        # A name of one word is no evidence of where a longer one ends.
        ("الضحية إلياس حداد، بناية", "إلياس", "إلياس"),
        # Another script after the name is no part of it; cased scripts end names by capitals.
        ("الضحية جورج إلياس Haddad, بناية", "جورج إلياس", "جورج إلياس"),
        ("Жертва Иван Петров сказал, что", "Иван Петров", "Иван Петров"),
    ],
)
def test_a_name_in_a_script_without_capitals_takes_its_last_part_before_a_comma(
    text: str, name: str, expected: str
) -> None:
    start = text.index(name)
    found = with_last_part(text, [Detection(start, start + len(name), PERSON)], _never_a_word)
    assert [text[d.start : d.end] for d in found] == [expected]


def test_the_last_part_is_not_taken_from_another_detection() -> None:
    text = "الضحية جورج إلياس حداد، بناية"
    start = text.index("جورج")
    other = Detection(text.index("حداد"), text.index("حداد") + 4, "ADDRESS")
    found = with_last_part(text, [Detection(start, start + 10, PERSON), other], _never_a_word)
    assert found[0] == Detection(start, start + 10, PERSON)


def test_a_last_part_found_before_a_bracket_is_found_again_alone() -> None:
    text = "इराणी विद्यार्थी अली रेझा होसैनी (पासपोर्ट क्र. K44182907) याच्या तक्रारीनुसार. होसैनी विमाननगर येथे राहतो."
    assert _persons(_ANONYMIZER, text) == ["अली रेझा होसैनी", "होसैनी"]


def test_a_declined_surname_found_is_found_again_in_its_plain_form() -> None:
    text = "Шахрай ошукав громадянина Азербайджану Рашада Алієва. Алієв мешкав у Харкові."
    assert "Алієв" in _persons(_ANONYMIZER, text)


def test_a_found_name_is_found_again_without_the_preposition_written_onto_it() -> None:
    # Masked whole with its letter ("ומיכאל": and Michael); found alone later by the name itself.
    text = "שירה לוי ומיכאל גולדברג התלוננו במשטרה. ת\"ז מיכאל 364557769."
    assert _persons(_ANONYMIZER, text) == ["שירה לוי", "ומיכאל גולדברג", "מיכאל"]


@pytest.mark.parametrize(
    ("text", "declined"),
    [
        # A one-word name found in brackets, declined later (Slovak dative).
        ("Svedok Marek Kováč (Maťo) prišiel sám. Maťovi volal neznámy muž.", "Maťovi"),
        # A stem of three letters: Latvian "Jānis" -> "Jānim", Icelandic "Jón" -> "Jóni".
        ("Iesniedzējs: Jānis Kalniņš. Jānim zvanīja vīrietis.", "Jānim"),
        ("Kærandi: Jón Einarsson. Jóni var sendur hlekkur.", "Jóni"),
    ],
)
def test_a_short_or_one_word_name_written_again_declined_is_the_person(text: str, declined: str) -> None:
    redacted, _ = _ANONYMIZER.redact(text)
    assert declined not in redacted, redacted


@pytest.mark.parametrize(
    ("text", "changed"),
    [
        # Icelandic -ur -> -ar; Hungarian lengthened -a before a suffix.
        ("Kærandi: Sigurður Pálsson. Bíll Sigurðar var seldur.", "Sigurðar"),
        ("Bejelentő: Kovács Ilona. Ilonának üzenetet küldtek.", "Ilonának"),
    ],
)
def test_a_name_whose_stem_changes_as_it_is_declined_is_the_person(text: str, changed: str) -> None:
    redacted, _ = _ANONYMIZER.redact(text)
    assert changed not in redacted, redacted


@pytest.mark.parametrize(
    ("text", "mutated"),
    [
        # Irish lenition, and lenition with the slender genitive.
        ("Gearánach: Seán Ó Néill. Ghlaoigh fear ar Sheán inné.", "Sheán"),
        ("Gearánach: Ciarán Ó Néill. Tógadh airgead ó chuntas Chiaráin.", "Chiaráin"),
        # Welsh soft and aspirate mutation.
        ("Achwynydd: Bethan Huws. Anfonwyd neges at Fethan ddoe.", "Fethan"),
        ("Achwynydd: Catrin Huws. Siaradodd yr heddlu â Chatrin.", "Chatrin"),
    ],
)
def test_a_name_written_again_with_an_initial_mutation_is_the_person(text: str, mutated: str) -> None:
    redacted, _ = _ANONYMIZER.redact(text)
    assert mutated not in redacted, redacted


def test_a_mutated_form_that_is_a_frequent_word_is_kept() -> None:
    # "Mair" mutates to "Fair", a word: written alone it stays.
    text = "Achwynydd: Mair Huws. The Fair Trading office was told."
    assert "Fair Trading" in _ANONYMIZER.redact(text)[0]
