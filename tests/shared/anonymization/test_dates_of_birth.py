"""Dates of birth in every report language: cue before or after the date, numeric and month-name
formats (shared/anonymization/dates_of_birth.yaml)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.anonymization.contextual import (
    DATES_FILE,
    CueAlternation,
    bundled_birth_patterns,
    find_dates_of_birth,
)
from shared.anonymization.detectors import DATE_OF_BIRTH
from shared.anonymization.text import TextAnonymizer


def found(text: str) -> list[str]:
    return [text[d.start : d.end] for d in find_dates_of_birth(text)]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Opfer Jan Meier, geb. 04.11.1983, wohnhaft in Köln", "04.11.1983"),
        ("la víctima, nacida el 9 de junio de 1990, denunció", "9 de junio de 1990"),
        ("Il denunciante, nato a Torino il 30/01/1977, riferisce", "30/01/1977"),
        ("A vítima, nascida em 15-08-1962, recebeu", "15-08-1962"),
        ("Zgłaszająca Anna Nowak, ur. 3 września 1981, zam. w Gdańsku", "3 września 1981"),
        ("Потерпевший Петров П. П., 11.06.1970 г.р., сообщил", "11.06.1970"),
        ("Петров Павел, 4 марта 1958 года рождения, пояснил", "4 марта 1958 года"),
        ("Дата народження: 8 квітня 1961 р.", "8 квітня 1961 р."),
        ("Потерпіла, 01.02.1988 р.н., повідомила", "01.02.1988"),
        ("Η παθούσα, γεν. 12/4/1955, κάτοικος Πειραιά", "12/4/1955"),
        ("Mağdurun doğum tarihi 21 Mart 1984, telefonu", "21 Mart 1984"),
        ("Bị hại sinh ngày 05/11/1979, trú tại Hà Nội", "05/11/1979"),
        ("受害人张伟，生于1980年7月12日，报称", "1980年7月12日"),
        ("生年月日：1972年3月8日", "1972年3月8日"),
        ("생년월일: 1985.09.14", "1985.09.14"),
        ("الضحية، تاريخ الميلاد 7 نيسان 1966، تلقت", "7 نيسان 1966"),
        ("Victim R. Shah, DOB 17-Mar-1969, lost savings", "17-Mar-1969"),
        ("Slachtoffer, geboren op 2 februari 1950, werd gebeld", "2 februari 1950"),
        ("पीड़ित, जन्म तिथि 14/02/1975, ने बताया", "14/02/1975"),
        ("η καταγγέλλουσα, γεννημένη 08-11-1949, κάτοικος Πάτρας", "08-11-1949"),
        ("昭和58年11月2日生まれの会社員", "昭和58年11月2日"),
        ("生年月日：平成元年6月30日", "平成元年6月30日"),
    ],
)
def test_birth_dates_with_a_cue_are_found(text: str, date: str) -> None:
    assert found(text) == [date]


@pytest.mark.parametrize(
    "text",
    [
        "NATO on 12 July 2024 published an advisory",  # "nato" alone is not a cue
        "Server first seen 03.02.2021, last seen 2021.04.05",
        "Il bonifico del 2 marzo 2023 è stato annullato",
        "Атака началась 14.09.2023, ущерб оценён в 2 млн",
        "2023年5月1日，受害人接到电话",
        "La cuenta fue abierta el 12/08/2020 en Madrid",
        # The cue must stand as a word: "Nato" is part of "Donato", "ur." of "tour.".
        "Donato 12/03/2001",
        "Last tour. 12.03.2019",
    ],
)
def test_dates_without_a_birth_cue_are_not_birth_dates(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("la denunciante, Marta Gil (n. 03/11/1972), conoció", "03/11/1972"),
        ("Şikâyetçi Hatice Ak (d. 21.06.1958) ile görüşüldü", "21.06.1958"),
        ("пенсионерке Смирновой (д. р. 05.09.1961), проживающей", "05.09.1961"),
        ("η κ. Νίκη Λάμπρου (γενν. 12/12/1970) έστειλε", "12/12/1970"),
        ("Születési idő: 1987. március 4.; e-mail", "1987. március 4."),
        ("জন্ম তারিখ: ০৪/০৭/১৯৮২।", "০৪/০৭/১৯৮২"),
        ("জন্ম ১২ মার্চ ১৯৯৯।", "১২ মার্চ ১৯৯৯"),
        ("นางสมใจ (เกิด ๓ มิถุนายน ๒๕๐๕) โอนเงิน", "๓ มิถุนายน ๒๕๐๕"),
        ("ნინო (დაბ. 11.11.1979) დაკარგა", "11.11.1979"),
    ],
)
def test_abbreviated_and_further_language_birth_cues(
    anonymizer: TextAnonymizer, text: str, date: str
) -> None:
    # Through the anonymizer: digits of other scripts are read as ASCII digits first.
    dates = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == DATE_OF_BIRTH]
    assert date in dates


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Потерпевшая Иванова А. С. (1951 г. р.) сообщила", "1951 г. р."),
        ("ومولودة في ١٩٩٢/٠٧/٠٤، قالت", "١٩٩٢/٠٧/٠٤"),
        ("متولد ۱۲ مهر ۱۳۶۵، ساکن", "۱۲ مهر ۱۳۶۵"),
        ("ותאריך לידתו 03.11.1972.", "03.11.1972"),
        ("születési dátumát 1979.04.21. adta meg", "1979.04.21"),
        ("szül. 1966. 08. 14. Lakik", "1966. 08. 14."),
        ("Nowak Jan, ur. 7.IX.1948, zam.", "7.IX.1948"),
        ("Uhri Mari Virtanen, syntynyt 14. kesäkuuta 1970, kertoi", "14. kesäkuuta 1970"),
        ("Oštećena Ana Horvat, rođena 2. ožujka 1961, prijavila", "2. ožujka 1961"),
        ("Nukentėjusi, gimusi 1955 m. gegužės 5 d.", "1955 m. gegužės 5 d."),
        ("the victim, born in 1949, wired", "1949"),
        ("Mwathiriwa alizaliwa 12 Machi 1980 huko Mombasa", "12 Machi 1980"),
        ("היא נולדה ב-04/09/1947 בחיפה", "04/09/1947"),
        ("nacido el 3 de mayo del 1962 en Cádiz", "3 de mayo del 1962"),
        ("ur. 9 lutego 1950 r. w Opolu", "9 lutego 1950 r."),
        ("born March 1944 in Cork", "March 1944"),
        ("DOB 07/1958, retired", "07/1958"),
    ],
)
def test_birth_years_inflected_cues_and_more_month_names(text: str, date: str) -> None:
    assert found(text) == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("ผู้เสียหายเกิดวันที่ 12 มีนาคม พ.ศ. 2528 อาศัยอยู่ที่เชียงใหม่", "12 มีนาคม พ.ศ. 2528"),
        ("ผู้เสียหาย เกิดเมื่อ 3 ก.พ. 2530 แจ้งความ", "3 ก.พ. 2530"),
        ("วันเกิด 07/11/2519", "07/11/2519"),
        ("Потерпевший, 1985 года рождения, сообщил", "1985 года"),
        ("Потерпіла 1979 року народження звернулася", "1979 року"),
    ],
)
def test_buddhist_era_years_thai_cues_touching_words_and_a_year_with_its_word(text: str, date: str) -> None:
    assert found(text) == [date]


@pytest.mark.parametrize(
    "text",
    ["เกิดเหตุวันที่ 12 มีนาคม 2567 ที่ตลาด", "Договор 2015 года расторгнут", "В 1985 году банк закрылся"],
)
def test_an_incident_date_or_a_year_without_a_birth_cue_is_no_birth_date(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("рожд. 14.02.1947, проживает в Туле", "14.02.1947"),
        ("ДР: 14.02.1947", "14.02.1947"),
        ("ผู้เสียหาย เกิดวันที่ 12 มี.ค. 28 แจ้งความ", "12 มี.ค. 28"),
        ("born 3 March 85 in Leeds", "3 March 85"),
    ],
)
def test_russian_abbreviated_cues_and_two_digit_years_after_a_month(text: str, date: str) -> None:
    assert found(text) == [date]


def test_a_number_of_years_after_a_date_is_no_year() -> None:
    assert found("born on 12 March, 28 years ago") == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Mshtakiwa, aliyezaliwa 03/08/1987, alikamatwa", "03/08/1987"),
        ("ნინო, დაბადებული 02.11.1979, თბილისში", "02.11.1979"),
        ("Arben Leka, i lindur më 7 prill 1968, Durrës", "7 prill 1968"),
        ("پیدائش 14 اگست 1972 لاہور", "14 اگست 1972"),
        ("ሰላም የተወለደችው 12 ጥቅምት 1980 ነው", "12 ጥቅምት 1980"),
        # the day's word that ends the cue belongs to the date
        ("ស្រី កើតថ្ងៃទី០៣ ខែមេសា ឆ្នាំ១៩៨៨ រស់នៅភ្នំពេញ", "ថ្ងៃទី០៣ ខែមេសា ឆ្នាំ១៩៨៨"),
        ("မွေးသက္ကရာဇ် ၁၉၈၈ ခုနှစ် ဧပြီလ ၃ ရက်", "၁၉၈၈ ခုနှစ် ဧပြီလ ၃ ရက်"),
        ("生於民國77年4月3日，住台中", "民國77年4月3日"),
        ("متولد ۱۳۶۷ در شیراز", "۱۳۶۷"),
        ("受害人李芳，出生1962年8月9日，住上海", "1962年8月9日"),
        ("受害人李芳，1962年8月9日出生，2024年3月被骗", "1962年8月9日"),
        ("A mãe, nasceu em 21/07/1958 e mora em Recife", "21/07/1958"),
        ("ተጎጂው የተወለደው ጥቅምት 12 ቀን 1975 ዓ.ም. ነው", "ጥቅምት 12 ቀን 1975 ዓ.ም."),
    ],
)
def test_birth_cues_months_and_era_years_of_more_languages(
    anonymizer: TextAnonymizer, text: str, date: str
) -> None:
    spans = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == DATE_OF_BIRTH]
    assert spans == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Geschädigte: Ilse Brandauer, 17.05.1946, Lindenhof 3, Graz", "17.05.1946"),
        ("Victim Tomasz Wrona (4 June 1971) paid the fee", "4 June 1971"),
    ],
)
def test_a_date_right_after_a_persons_name_is_their_birth_date(
    anonymizer: TextAnonymizer, text: str, date: str
) -> None:
    assert [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == DATE_OF_BIRTH] == [date]


@pytest.mark.parametrize(
    "text",
    [
        "Ilse Brandauer reported on 17.05.2024 that the parcel never came",
        "Am 17.05.2024 meldete Ilse Brandauer den Schaden",
        "ស្ថានការណ៍កើតឡើងថ្ងៃទី០៣ ខែមេសា ឆ្នាំ២០២៤",  # "it happened on", no birth
    ],
)
def test_an_event_date_near_a_name_is_no_birth_date(anonymizer: TextAnonymizer, text: str) -> None:
    assert not any(d.kind == DATE_OF_BIRTH for d in anonymizer.find(text))


_DOB_DATA = yaml.safe_load(DATES_FILE.read_text(encoding="utf-8"))
_DOB_CUES = sorted({*_DOB_DATA["cues_before"], *_DOB_DATA["cues_after"]})
_DOB_PIECES = st.one_of(
    st.sampled_from(_DOB_CUES),
    st.sampled_from(["a", "é", "_", "1", " ", ", ", ".", ":", "-", "ก", "生"]),
    st.sampled_from(["12.03.1961", "1950", "3 March 1980", "1956年3月17日"]),
)


@settings(max_examples=300)
@given(st.lists(_DOB_PIECES, min_size=1, max_size=8), st.booleans())
def test_cues_tried_inside_words_decide_as_all_cues_would(pieces: list[str], upper: bool) -> None:
    text = "".join(pieces)
    text = text.upper() if upper else text
    rules = bundled_birth_patterns()
    every_cue = replace(rules, before_in_word=rules.before, after_in_word=rules.after)
    assert list(find_dates_of_birth(text, None, rules)) == list(find_dates_of_birth(text, None, every_cue))


# Cues sharing first letters under case folding ("ſ" folds to "s", "K" the Kelvin sign to "k").
_ALTERNATION_CUES = [
    "born",
    "b.",
    "Geb.",
    "geboren",
    "née",
    "né le",
    "ſ. ab",
    "s. ab",
    "Ka",
    "σ",
    "Σ x",
    "生于",
    "เกิด",
]
_ALTERNATION_TEXT = st.text(alphabet="bBoOrRnN.gGeEéÉ lLſsSaAkKKσςΣx生于เกิด1", max_size=14)


@settings(max_examples=400)
@given(st.permutations(_ALTERNATION_CUES), _ALTERNATION_TEXT, st.integers(0, 14))
def test_cue_alternation_matches_as_the_whole_alternation(cues: list[str], text: str, pos: int) -> None:
    """Trying only the cues that can start with the letter at a position finds what the whole
    alternation finds there (the same cue, in the same order)."""
    patterns = [re.escape(cue) for cue in cues]
    whole = re.compile(f"(?i:{'|'.join(patterns)})").match(text, pos)
    found = CueAlternation([(cue[0], pattern) for cue, pattern in zip(cues, patterns, strict=True)]).match(
        text, pos
    )
    assert (found and (found.span(), found.group())) == (whole and (whole.span(), whole.group()))


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # year-first dates with the year's and day's marks: Latvian, Lithuanian, Basque
        ("Cietušais Ivars, dzim. 1978. gada 4. novembrī, Liepājā.", "1978. gada 4. novembrī"),
        ("Liudytojas, gimęs 1969 m. spalio 21 d., Kaune.", "1969 m. spalio 21 d."),
        ("Biktima 1983ko urriaren 9an jaio zen Donostian.", "1983ko urriaren 9an"),
        ("Mikel Arana, jaiotze data: 1991eko otsailaren 27an.", "1991eko otsailaren 27an"),
        # Maghreb Arabic "المزداد في"
        ("الموقوف سمير، المزداد في 1979/11/03، القاطن بفاس.", "1979/11/03"),
        # Taiwan: the Republic's year with "年次"
        ("嫌犯林志明（民國72年次）遭逮捕", "民國72年次"),
        # "s." and "f." right before the date
        ("Epäilty Ville Niemi (s. 2.11.1987) pidätettiin.", "2.11.1987"),
        ("Mistænkte Ole Dahl (f. 19.1.1975) blev anholdt.", "19.1.1975"),
        # Russian and Ukrainian "р." (born) right before the date
        ("Заявитель Павел Орлов р. 03.11.1987 сообщил о краже.", "03.11.1987"),
        ("Свідок Ганна Ткач (р. 7.05.1964) повідомила", "7.05.1964"),
        # the participle ("born"), in the case the sentence gives it
        ("Потерпевшая Анна Петрова, родившаяся 03.03.1950, сообщила о краже.", "03.03.1950"),
        ("Заявление гражданки Смирновой, рождённой 4 мая 1960 года, принято.", "4 мая 1960 года"),
        ("Потерпілий Іван Ткач, народжений 12.05.1961, повідомив.", "12.05.1961"),
    ],
)
def test_year_first_marked_dates_maghreb_taiwan_and_abbreviated_cues(text: str, date: str) -> None:
    assert found(text) == [date]


@pytest.mark.parametrize(
    "text",
    [
        "Se s. 12 i rapporten fra 3.4.2024.",
        "Firma s. r. o. 2015, smlouva ze dne 12.3.2020.",
        "Olles s. 2019 var kort.",
        "Штраф 500 р. 12.03.2024 оплачен, заява від 12.03.2024 р. зареєстрована.",
        "Тело найдено у р. Волга 14.06.2023.",
        "民國110年3月5日報案",
    ],
)
def test_an_abbreviation_far_from_a_date_or_an_eras_event_date_is_no_birth(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Victim Walter Hughes, March 3, 1985, of Leeds.", "March 3, 1985"),
        ("Suspect Dana Price (Sept. 14, 1979) was arrested.", "Sept. 14, 1979"),
    ],
)
def test_a_month_first_date_right_after_a_name_is_a_birth_date(text: str, date: str) -> None:
    found_dates = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == DATE_OF_BIRTH]
    assert found_dates == [date]


@pytest.mark.parametrize(
    "text",
    [
        # A chat export's sender, date and time; a reply's header.
        "Marta Kowalczyk, 21.05.23 19:44: jestem w domu",
        "Walter Hughes, 3 May 2024, 8:17 a.m. wrote:",
    ],
)
def test_a_date_with_its_time_beside_a_name_is_a_timestamp(text: str) -> None:
    assert not [d for d in TextAnonymizer().find(text) if d.kind == DATE_OF_BIRTH]


def test_a_month_first_date_after_a_verb_is_an_events() -> None:
    text = "Walter Hughes reported it on March 3, 2024 in Leeds."
    assert not [d for d in TextAnonymizer().find(text) if d.kind == DATE_OF_BIRTH]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # Month names of more languages (CLDR) and their cues.
        ("Arestiwyd Dafydd Owen, a aned ar 14 Hydref 1983, ddoe", "14 Hydref 1983"),
        ("Gabhadh Seán Ó Briain, a rugadh ar 3 Feabhra 1979, inné", "3 Feabhra 1979"),
        ("A vítima, data de nacemento 21 de xullo de 1968, veciña de Lugo", "21 de xullo de 1968"),
        ("Il-vittma, imwieled fit-12 ta' Ottubru 1990, qalet", "fit-12 ta' Ottubru 1990"),
        ("Osumnjičeni, rođen 5. studeni 1980., uhićen je", "5. studeni 1980"),
        ("आरोपी, जन्म 4 एप्रिल 1990, याला अटक", "4 एप्रिल 1990"),
        ("Տուժողը՝ Արամ Սարգսյան, ծնվ. 03.09.1971, ստացել է", "03.09.1971"),
        # Armenian writes the year first with its mark, then the month in the genitive and the day.
        ("տուժող Անի Հակոբյան, ծնվ. 1975 թ. մայիսի 4, ստացել է", "1975 թ. մայիսի 4"),
        # Hungarian joins a case ending to the day; Maltese writes "on the 14th of".
        ("Nagy Éva, született 1984. 07. 09-én, Győrben", "1984. 07. 09-én"),
        ("Szabó Ádám született 1979. október 21-én Szegeden", "1979. október 21-én"),
        ("Il-vittma, twieldet fil-9 ta' Frar 1982, qalet", "fil-9 ta' Frar 1982"),
        ("Irish form: dáta breithe 17/11/1969, seoladh", "17/11/1969"),
        ("आरोपीची जन्मतारीख 05/06/1991 आहे", "05/06/1991"),
        ("O detido, nado o 8 de maio de 1977 en Ourense", "8 de maio de 1977"),
        # Czech and Slovak write a space after each dot.
        ("Polícia zadržala Petra Kráľa (nar. 7. 11. 1988) pri stanici", "7. 11. 1988"),
    ],
)
def test_birth_dates_of_more_languages_are_found(text: str, date: str) -> None:
    assert found(text) == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # Korean writes "born" as a suffix of the day's word: the word is masked whole.
        ("용의자 박지훈(1983년 7월 21일생)은 체포되었다", "1983년 7월 21일생"),
        # Nepal dates in the Bikram Sambat era, with the era's mark after the date.
        ("पीडित राम थापा (जन्म मिति २०३८/११/०३ वि.सं.) ले भने", "२०३८/११/०३ वि.सं."),
        # Myanmar: the year's comma "၊" and no day word after the day.
        ("တိုင်ကြားသူ (မွေးသက္ကရာဇ် ၁၉၈၅ ခုနှစ်၊ မတ် ၂၂) သည်", "၁၉၈၅ ခုနှစ်၊ မတ် ၂၂"),
    ],
)
def test_a_birth_suffix_an_era_mark_and_myanmars_comma_belong_to_the_date(text: str, date: str) -> None:
    assert found(text) == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Svedkyňa Zuzana Kráľová (52 rokov, 9.11.1972) videla páchateľa", "9.11.1972"),
        ("The victim, Harold Jenkins (76 years old, 12.3.1948), lost savings", "12.3.1948"),
    ],
)
def test_an_age_between_a_name_and_a_date_keeps_it_a_birth_date(
    anonymizer: TextAnonymizer, text: str, date: str
) -> None:
    assert [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == DATE_OF_BIRTH] == [date]


@pytest.mark.parametrize(
    "text",
    [
        "Harold Jenkins, 3 days later, 12.3.2024 reported the loss",
        "Harold Jenkins waited 3 hours, 12.3.2024 was the day",
    ],
)
def test_a_count_of_other_units_before_a_date_is_no_age(anonymizer: TextAnonymizer, text: str) -> None:
    assert not any(d.kind == DATE_OF_BIRTH for d in anonymizer.find(text))


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The witness, Gail Brennan, 58, 02/11/1966, saw the van", "02/11/1966"),
        ("The witness, Gail Brennan (58), 02/11/1966, saw the van", "02/11/1966"),
        ("The witness, Gail Brennan, 58 (02.11.1966), saw the van", "02.11.1966"),
        ("The witness, Gail Brennan, 58, November 2, 1966, saw the van", "November 2, 1966"),
    ],
)
def test_a_bare_age_between_a_name_and_a_date_keeps_it_a_birth_date(
    anonymizer: TextAnonymizer, text: str, date: str
) -> None:
    assert [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == DATE_OF_BIRTH] == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Gail Brennan (b. 2 Nov 1966) lost her savings", "2 Nov 1966"),
        ("Gail Brennan, b. 02/11/1966, lost her savings", "02/11/1966"),
        ("Gail Brennan (b. 1966) lost her savings", "1966"),
        ("Mojca Zupan (r. 2. 11. 1966) je prijavila goljufijo", "2. 11. 1966"),
    ],
)
def test_b_and_r_right_before_a_date_or_a_closed_year_are_birth_cues(text: str, date: str) -> None:
    assert found(text) == [date]


@pytest.mark.parametrize(
    "text",
    [
        "Options: a. 12 March 2024 b. 13 March 2024 were offered",  # a list's items
        "Zgłoszenie z 2019 r. 12.03.2024 przekazano",  # the year's mark after a number
        "Section b. 1966 rules apply to the case",  # no bracket or comma after the year
    ],
)
def test_b_and_r_elsewhere_are_no_birth_cues(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Хохирогч Должин (төрсөн: 1979 оны 11 сарын 4) мөнгөө алдсан", "1979 оны 11 сарын 4"),
        ("დაზარალებული ნინო, დაბადებული 1979 წლის 4 ნოემბერს, მოატყუეს", "1979 წლის 4 ნოემბერს"),
        ("قربانی، متولد ۴ عقرب ۱۳۵۸، فریب خورد", "۴ عقرب ۱۳۵۸"),
        ("Jabrlanuvchi 1979-yil 4-noyabrda tug‘ilgan", "1979-yil 4-noyabrda"),
        ("Жәбірленуші 1979 жылы 4 қарашада туған", "1979 жылы 4 қарашада"),
        ("La víctima Inés Soto (nac. 04/11/1979) fue estafada", "04/11/1979"),
        ("Mhanga, an haife shi 4 Nuwamba 1979, ya rasa kudi", "4 Nuwamba 1979"),
        ("Mangsa dilahirkan pada 4 November 1979 di Kuching", "4 November 1979"),
    ],
)
def test_birth_dates_of_central_asian_caucasian_afghan_and_african_conventions(text: str, date: str) -> None:
    assert found(text) == [date]


@pytest.mark.parametrize(
    "text",
    [
        "A vítima mora na R. Augusta, 1508, em São Paulo",  # "R." is Rua (street)
        "A loja fica na R. 25 de Março, 1020",
        "B. 12 March 2024: the second payment",
    ],
)
def test_a_capitalized_abbreviation_is_no_right_before_birth_cue(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Mlalamikaji Asha (kuzaliwa 07/09/1982) alidanganywa", "07/09/1982"),
        ("Onye mmebi Ada (ụbọchị ọmụmụ: 07/09/1982) kwuru", "07/09/1982"),
        ("Gilîkar Berfîn (jidayikbûn 07.09.1982) got", "07.09.1982"),
        ("سکاڵاکار، لەدایکبووی 07/09/1982، دانیشتووی", "07/09/1982"),
        ("زىيانكەش (تۇغۇلغان ۋاقتى 1982-يىل 7-ئاينىڭ 9-كۈنى) ئوقۇغۇچى", "1982-يىل 7-ئاينىڭ 9-كۈنى"),
        ("പരാതിക്കാരൻ (ജനനം 1982 ജൂലൈ 9), കൊച്ചി", "1982 ജൂലൈ 9"),
        ("ದೂರುದಾರ, ಜನನ ದಿನಾಂಕ 07/09/1982, ಬೆಂಗಳೂರು", "07/09/1982"),
        ("ជនរងគ្រោះ (កើតថ្ងៃទី ៧ ខែកញ្ញា ឆ្នាំ១៩៨២) រស់នៅ", "ថ្ងៃទី ៧ ខែកញ្ញា ឆ្នាំ១៩៨២"),
    ],
)
def test_birth_cues_of_african_kurdish_uyghur_and_dravidian_languages(text: str, date: str) -> None:
    assert found(text) == [date]


def test_an_uyghur_incident_date_without_a_cue_is_no_birth_date() -> None:
    assert found("ۋەقە 2024-يىل 3-ئاينىڭ 12-كۈنى يۈز بەرگەن") == []


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        (
            "| Name | Wohnort | Geburtsdatum |\n|---|---|---|\n| Lena Fuchs | Ulm | 14.02.1987 |\n"
            "| Ben Roth | Jena | 3. Mai 1979 |",
            ["14.02.1987", "3. Mai 1979"],
        ),
        # (the head cell far from the date: no cue within reach beside it)
        (
            "Name\tDOB\tPhone\tNotes\nMark Ellison of the Riverside branch\t1983-11-02\t555-0142\tnone",
            ["1983-11-02"],
        ),
        (
            "Дата рождения: | ФИО | Роль\n21.09.1966 | Лебедев Олег Игоревич, заявитель | потерпевший",
            ["21.09.1966"],
        ),
    ],
)
def test_dates_in_a_tables_birth_column_are_birth_dates(text: str, dates: list[str]) -> None:
    # The column's head says what each date below it is, as a cue beside it would.
    assert found(text) == dates


@pytest.mark.parametrize(
    "text",
    [
        "| Name | Tatzeit |\n| Lena Fuchs | 14.02.2023 |",
        # the table ends at a line without its separator
        "Name\tDOB\nMark Ellison\tnot known to the officer who took the report\n\n12.03.2024\tfiled",
        "| DOB |\n| not known to the officer who took the report |\n\n| 12.03.2024 |",
    ],
)
def test_dates_outside_a_birth_column_stay(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Der Beschuldigte, der am 9. Oktober 1991 geboren wurde, gab an", "9. Oktober 1991"),
        ("De verdachte is op 17-06-1985 geboren in Utrecht", "17-06-1985"),
    ],
)
def test_a_birth_participle_written_after_its_date(text: str, date: str) -> None:
    assert found(text) == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # The Hijri calendar's months, one word or two, as Gulf forms write a birth date.
        ("اسم المبلغ: خالد سعيد\nتاريخ الميلاد: 22 شعبان 1399\nالجوال", "22 شعبان 1399"),
        ("تاريخ الميلاد: 5 ربيع الأول 1411، الجنسية", "5 ربيع الأول 1411"),
        ("مواليد 9 ذو القعدة 1402 في الطائف", "9 ذو القعدة 1402"),
        # Marathi May.
        ("तक्रारदार सुनील जाधव (जन्म: 21 मे 1985), रा. नाशिक", "21 मे 1985"),
        # Armenian: the day with its case ending ("on the 8th").
        ("Տուժող՝ Լիլիթ Մանուկյան, ծնված 1991 թ. մարտի 8-ին, Գյումրի", "1991 թ. մարտի 8-ին"),
        # Japan: the era's year in brackets between the common era's year and the month.
        ("相談者：森 健太さん、1971年（昭和46年）11月3日生、", "1971年（昭和46年）11月3日"),
        ("申告者 1990年(平成2年)6月15日生まれ", "1990年(平成2年)6月15日"),
        # Russian "ДР" (date of birth) in capitals, without its colon.
        ("клиент Соколов Игорь (ДР 12.06.1983, тел. скрыт)", "12.06.1983"),
        # The first of a month with the degree sign as its ordinal mark (Italian, Spanish).
        ("La denunciante, nata il 1° marzo 1962 a Lecce", "1° marzo 1962"),
        # Algerian, Tunisian and Moroccan month names.
        ("المولود بتاريخ 7 جوان 1974 بوهران", "7 جوان 1974"),
        ("تاريخ الازدياد: 19 شتنبر 1988 بفاس", "19 شتنبر 1988"),
    ],
)
def test_hijri_months_case_endings_bracketed_eras_and_initialisms(text: str, date: str) -> None:
    assert found(text) == [date]


@pytest.mark.parametrize(
    "text",
    [
        # "и др." (and others) with its full stop is no birth cue; nor is a street's capital "R."
        "Подписали Сидоров, Котов и др. 14.02.2021 в Москве",
        "Loja na R. 15.03.2020 aberta",
        # a Hijri month without a birth cue is an event's date
        "وقعت الحادثة في 3 رمضان 1445 بمدينة جدة",
    ],
)
def test_an_others_abbreviation_or_a_hijri_date_without_a_cue_is_no_birth_date(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a record dump's field names
        ("id=5521; birth_date=1979-08-23; city=Graz", "1979-08-23"),
        ('{"date_of_birth": "23/08/1979", "city": "Graz"}', "23/08/1979"),
        # Luxembourgish and Azerbaijani put the participle or the verb after the date
        ("D'Affer ass de 23. Abrëll 1979 gebuer.", "23. Abrëll 1979"),
        ("Zərərçəkən 1979-cu il avqustun 23-də anadan olub.", "1979-cu il avqustun 23-də"),
        # Tagalog's ordinal word and "of", Hausa's "of" between the day and the month
        ("Ang biktima ay isinilang noong ika-23 ng Agosto 1979 sa Cebu.", "ika-23 ng Agosto 1979"),
        ("An haife ta a ranar 23 ga Agusta 1979 a Kaduna.", "23 ga Agusta 1979"),
        # day, month and a two-digit year glued, as forms and travel documents write them
        ("Subject (DOB 23AUG79) was stopped.", "23AUG79"),
    ],
)
def test_birth_dates_of_field_names_verbs_after_and_joined_forms(text: str, date: str) -> None:
    assert date in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "On 03MAR24 the bank blocked the 12FEB24 payments.",
        "Ang insidente ay noong ika-23 ng Agosto 2024 sa Cebu.",
    ],
)
def test_joined_and_ordinal_dates_without_a_birth_cue_are_not_birth_dates(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the date glued to the cue's full stop, as a hurried note or a log line writes it
        ("Suspect (b.1974-09-21) was seen at the depot.", "1974-09-21"),
        ("Halter Otto Brenner, geb.17.08.1966, Lagerist.", "17.08.1966"),
        ("Podejrzana ur.03.02.1991 w Gdańsku.", "03.02.1991"),
    ],
)
def test_a_date_glued_to_its_cues_full_stop(text: str, date: str) -> None:
    assert any(date in value for value in found(text))


def test_a_number_glued_to_a_full_stop_without_a_cue_stays() -> None:
    assert found("Version 1.2.03.1991 of the tool, item no.17.08.1966") == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # ISO 8601's basic form in a record dump or a JSON fragment
        ("id=77 dob=19760915 sex=M", "19760915"),
        ('{"holder":"K. Arno","birth_date":"20010130"}', "20010130"),
        # full-width digits and separators, as East Asian input methods type them
        ("生年月日：１９７９／１１／０８", "１９７９／１１／０８"),
        ("DOB ０８．１１．１９７９", "０８．１１．１９７９"),
    ],
)
def test_compact_and_full_width_dates_after_a_cue(text: str, date: str) -> None:
    assert date in found(text)


@pytest.mark.parametrize("text", ["born 19761315 in Lyon", "dob=1976091512", "ticket 20240512 born late"])
def test_eight_digits_that_are_no_date_or_longer_are_no_compact_birth_date(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Sospechoso: R. Ibarra, fecha de nac.: 21-07-1979, detenido", "21-07-1979"),
        # Turkish typed without its letters
        ("Supheli Mert Aydin, dogum tarihi 04/09/1991, gozaltinda", "04/09/1991"),
        ("Mert Aydin, 11.02.1987 dogumlu, ifade verdi", "11.02.1987"),
        # Yoruba without its tone marks, Hausa, Hindustani
        ("Orúkọ: Tunde Bello. Ọjọ ibi: 08/06/1990", "08/06/1990"),
        ("Suna: Musa Sani. Ranar haihuwa: 17/01/1984", "17/01/1984"),
        ("नाम: रवि कुमार, पैदाइश 23-05-1976", "23-05-1976"),
    ],
)
def test_birth_cues_typed_without_diacritics_and_of_african_languages(text: str, date: str) -> None:
    assert found(text) == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the genealogical star for "born" after a name
        ("Beschuldigter: Wolf, Anton, *17.08.1969, wohnhaft in Linz", "17.08.1969"),
        ("Svědek Pavel Dvořák (* 9. 11. 1958) uvedl", "9. 11. 1958"),
        # a birth year after German "Jg." and before Turkish "doğ."
        ("Geschädigte Erna Falk, Jg. 1951, meldete den Anruf", "1951"),
        # (a year alone goes with its cue written after it)
        ("Şüpheli Okan Er (1993 doğ.) tutuklandı", "1993 doğ."),
    ],
)
def test_a_star_before_a_date_and_birth_year_abbreviations(text: str, date: str) -> None:
    assert found(text) == [date]


@pytest.mark.parametrize(
    "text",
    [
        "Termin am 12.03.2024 (*siehe Anlage 2)",
        "* 12.03.2024 Anzeige erstattet",
        "Note: values marked * 2024-03-12 are estimates",
    ],
)
def test_a_star_as_a_bullet_or_footnote_marks_no_birth_date(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # Maltese: the article before the day takes the day's first sound ("fit-3", "fis-7")
        ("Ix-xhud, imwieled fit-3 ta' Diċembru 1962, residenti fil-Belt", "fit-3 ta' Diċembru 1962"),
        ("Il-vittma twieldet fis-7 ta' Ottubru 1948 u tgħix hemm", "fis-7 ta' Ottubru 1948"),
        # Armenian: the year's word written whole ("of the year") instead of its mark "թ."
        ("Արմեն Հակոբյանը, ծնված 1968 թվականի ապրիլի 21-ին, բնակվում է", "1968 թվականի ապրիլի 21-ին"),
        # Amharic: "the day on which she was born", then the Ethiopian calendar's date
        ("የተወለደችበት ቀን ለአልማዝ፡ ጥቅምት 5 ቀን 1975 ዓ.ም.", "ጥቅምት 5 ቀን 1975 ዓ.ም."),
    ],
)
def test_maltese_assimilated_articles_armenian_year_word_and_amharic_relative_cue(
    text: str, date: str
) -> None:
    assert found(text) == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Əliyev Rəşad, 14.06.1989-cu il təvəllüdlü, FİN", "14.06.1989-cu il"),
        ("Асанов Бакыт, 1990-жылы туулган, Бишкек", "1990-жылы"),
        ("ተከሳሽ፡ ዮናስ ተስፋዬ፣ የትውልድ ዘመን 1989 ዓ.ም.፣ አድራሻ፡", "1989 ዓ.ም."),
        ("Sahra Maxamuud (dhalasho 12.06.2008) ayaa", "12.06.2008"),
        ("uSiphokazi (owazalwa ngomhla we-9 kuJanuwari 2002) wathenjiswa", "we-9 kuJanuwari 2002"),
        ("Nadège Joseph (fèt 14 janvye 2010) te", "14 janvye 2010"),
        ("Grâce Mputu (abotamaki 17 sánzá ya 8, 2009) akendeki", "17 sánzá ya 8, 2009"),
        ("Сейтқалиева Күлпаш, 1977 ж.т., тұрғылықты", "1977 ж.т."),
        ("Батбаяр 1990 онд төрсөн, хаяг", "1990 онд төрсөн"),
        ("ນາງ ແສງເດືອນ (ເກີດວັນທີ 14/02/2008) ຖືກພາໄປ", "14/02/2008"),
        ("pochta moya, data rozhdeniya 03.06.2001", "03.06.2001"),
        ("em ten la tuan, sinh ngay 11/12/2004. nick", "11/12/2004"),
        ("Jonas Petraitis gimė 1975-03-12 Kaune", "1975-03-12"),
    ],
)
def test_birth_cues_and_calendars_of_more_languages(text: str, date: str) -> None:
    assert found(text) == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Geb.-Datum: 12.O8.2001\nAnschrift: x", "12.O8.2001"),
        ("Fødselsdato: 0l.04.1949\nSvindlerne", "0l.04.1949"),
    ],
)
def test_birth_date_read_by_ocr_with_a_letter_for_a_digit(text: str, date: str) -> None:
    assert [text[d.start : d.end] for d in find_dates_of_birth(text)] == [date]


def test_ocr_letters_without_a_birth_cue_are_no_date_of_birth() -> None:
    assert list(find_dates_of_birth("Paid on 1O.03.2026 to the mule.")) == []
