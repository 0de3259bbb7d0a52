"""Street lines of many countries are masked with their house numbers; cities and amounts stay."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from shared.anonymization.detectors import ADDRESS, Detection
from shared.anonymization.street_lines import (
    extend_line_ends,
    find_script_lines,
    find_street_lines,
    keep_named_places,
    load_patterns,
    without_amounts,
)
from shared.anonymization.text import TextAnonymizer

STREET_LINES = [
    "ul. Baczyńskiego 946",  # PL
    "Arany János utca 19",  # HU
    "Barkdoğdu Sokağı 302",  # TR
    "вул. Шевченка 12",  # UA
    "ул. Ленина, д. 5",  # RU
    "Οδός Αιόλου 32",  # GR
    "1017 Pederstrupvej",  # DK
    "Hauptstraße 5",  # DE
    "Kalverstraat 12",  # NL
    "12, rue de la Paix",  # FR
    "Calle de Alcalá, 45",  # ES
    "Via Roma 1",  # IT
    "Rua Augusta 274",  # PT
    "7923 Justin Centers Apt. 152",  # US
    "Storgatan 77",  # SE
    "Haakoninlahdentie 77",  # FI
    "Jalan Ronggowarsito No. 13",  # ID
    "Số 813 phố Hoàng Diệu",  # VN
    "Strada Georgescu 12",  # RO
    "Zarnikova ulica 417",  # SI
]


@pytest.mark.parametrize("line", STREET_LINES)
def test_street_line_with_a_type_word_is_masked(anonymizer: TextAnonymizer, line: str) -> None:
    redacted, _ = anonymizer.redact(f"The parcel went to {line}, and nobody answered.")
    for word in line.replace(",", " ").split():
        if any(ch.isdigit() for ch in word) or len(word) > 3:
            assert word not in redacted, redacted


@pytest.mark.parametrize(
    "text",
    [
        "Die Geschädigte wohnt in der Hempstücken 1172, Eger.",
        "Son voisin Jean Dupont, Kožarska 7, a reçu le même SMS.",
        "She lives at 1235 Lille Huseby, Oslo.",
    ],
)
def test_street_line_without_type_word_after_a_cue(anonymizer: TextAnonymizer, text: str) -> None:
    redacted, counts = anonymizer.redact(text)
    assert counts["ADDRESS"] == 1
    assert not any(number in redacted for number in ("1172", " 7,", "1235"))


def test_city_and_amounts_stay() -> None:
    text = "Paid 70,356 EUR in version 2 of the app; she lives in fear since 2019 in Eger."
    assert list(find_street_lines(text)) == []


_STREETS = st.sampled_from(["Teigarhorn", "Hempstücken", "Lichardova", "Isaksengropa", "Dalderhaag"])


@given(
    street=_STREETS,
    number=st.integers(min_value=1, max_value=9999),
    cue=st.sampled_from(
        ["lives at", "wohnhaft in der", "con domicilio en", "residente in", "wonend aan", "address:"]
    ),
)
@settings(max_examples=80, deadline=None)
def test_planted_street_line_never_survives(
    anonymizer: TextAnonymizer, street: str, number: int, cue: str
) -> None:
    redacted, _ = anonymizer.redact(f"The victim {cue} {street} {number}, and called the bank.")
    assert street not in redacted and str(number) not in redacted


def _masked(anonymizer: TextAnonymizer, text: str, *parts: str) -> str:
    redacted, counts = anonymizer.redact(text)
    assert counts["ADDRESS"] >= 1, redacted
    for part in parts:
        assert part not in redacted, redacted
    return redacted


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # House number first, no street-type word the lists know, after a cue.
        ("The victim, who lives at 14 Kelvin Hollow Apt. 3, Leeds, paid.", ("14", "Kelvin", "Hollow", " 3")),
        ("Das Opfer lebt in der 7 Harbour Quays, Cork.", ("7 ", "Harbour")),
        # A label naming whose address it is.
        ("Morada da vítima: Quinta Velha 45, Faro. Contacto: nenhum.", ("Quinta", "45")),
        ("Adresse de la victime : Kerbiriou 12, Brest.", ("Kerbiriou", "12")),
        # Name, comma, number (Italian and Portuguese way), flat parts, "no number".
        ("residente in Vicolo Stretto, 12 Appartamento 4, Siena", ("Stretto", "12", "Appartamento 4")),
        ("La victime habite Praça da Sé, S/N, Lisboa.", ("Praça", "S/N")),
        ("con domicilio en Calle Juárez 726 961, Puebla", ("Juárez", "726", "961")),
        ("address Av. Reforma 75 Edif. 3, Depto. 12, CDMX", ("Reforma", "75", "Edif. 3", "Depto. 12")),
        # Leading house number with alley parts (VN), the name on the next line (IN).
        ("wohnt in Số 12 Ngõ 34 phố Huế, Hà Nội.", ("12", "Ngõ 34", "Huế")),
        ("Buurman, H.No. 72\nGandhi Nagar, Pune, kreeg het ook.", ("72", "Gandhi")),
        # German streets named with a preposition.
        ("Die Geschädigte wohnt Am Lindenhof 22 in Kassel.", ("Am Lindenhof", "22")),
        # Street-type words of more countries.
        ("who lives at Idrottsgränd 5, Umeå", ("Idrottsgränd", "5")),
        ("wonend aan Kerkpad 60, Ede", ("Kerkpad", "60")),
        ("asuu osoitteessa Hämeenpuisto 8, Tampere; address Hämeenpuisto 8", ("Hämeenpuisto 8",)),
        ("Buurman, pl. Wolności 11, Opole, kreeg het ook.", ("Wolności", "11")),
        ("Adres: Pärnu mnt 10, Tallinn", ("Pärnu", "10")),
        ("вона мешкає: сквер Шевченка, буд. 7, Київ", ("Шевченка", "7")),
        ("Home address: 87 ساحة 19 مارس 1962, الجزائر", ("87", "ساحة", "مارس", "1962")),
        ("who lives at ურიდიას ქ. 9, Tbilisi", ("ურიდიას", " 9")),
    ],
)
def test_street_lines_written_the_local_way(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]
) -> None:
    _masked(anonymizer, text, *parts)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("충남 천안시 동남구 신부로 27, 301동 1104호 에 거주하는 피해자", ("충남", "천안시", "신부로 27")),
        ("피의자는 광주 북구 용봉동 77-12 에 산다", ("광주", "용봉동 77-12")),
        ("인천 연수구 송도과학로 16 에서 만났다", ("인천", "송도과학로 16")),
    ],
)
def test_korean_address_with_its_province_shortened(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]
) -> None:
    # Letters and forms shorten the province or metropolitan city ("충남" for 충청남도): still part
    # of the address.
    _masked(anonymizer, text, *parts)


def test_japanese_address_masked_from_the_prefecture_down(anonymizer: TextAnonymizer) -> None:
    # Written as one unit from the largest part down, the prefecture and ward are part of it.
    redacted = _masked(
        anonymizer,
        "住所: 東京都千代田区丸の内1丁目9番1号. Contact by phone.",
        "東京都",
        "千代田区",
        "丸の内",
        "9番",
    )
    assert "住所" in redacted and "Contact by phone" in redacted


def test_foreign_name_before_a_street_line_stays_a_name(anonymizer: TextAnonymizer) -> None:
    redacted, counts = anonymizer.redact(
        "Il vicino Иван Петров, 12 Kelvin Grove, Leeds, ha ricevuto lo stesso SMS."
    )
    assert counts == {"PERSON": 1, "ADDRESS": 1}, redacted
    assert "ha ricevuto lo stesso SMS" in redacted


@pytest.mark.parametrize(
    "text",
    [
        "Victims enter their name, address and full card details, including the security code.",
        "She lives in fear since 2019 and lives in Berlin 2019 onwards.",
        "Am 12. März 2024 rief ein falscher Bankmitarbeiter an.",
        "Unit 42 and Mandiant reported it; version 2, Windows 11, was affected.",
        "The group used T1486 Data Encrypted for Impact and Cobalt Strike 4.9 against 3 hospitals.",
        "The victim lives in Lyon and paid 2 500 EUR in 3 transfers.",
        "Address of the attacker's server: 185.220.101.4, port 443.",
    ],
)
def test_no_street_line_in_ordinary_sentences(text: str) -> None:
    assert [text[d.start : d.end] for d in find_street_lines(text)] == []


_CAPS = st.sampled_from(["Kelvin", "Harbour", "Maple", "Quinta", "Orchard", "Linden", "Birch", "Rowan"])


@given(
    number=st.integers(min_value=1, max_value=99999),
    words=st.lists(_CAPS, min_size=1, max_size=3).map(" ".join),
    cue=st.sampled_from(["lives at", "wohnhaft", "domiciliée", "residente in", "Address of the victim:"]),
    unit=st.sampled_from(["", " Apt. 4", " Suite 12", " Flat 3"]),
)
@settings(max_examples=80, deadline=None)
def test_house_number_first_after_a_cue_never_survives(
    anonymizer: TextAnonymizer, number: int, words: str, cue: str, unit: str
) -> None:
    redacted, _ = anonymizer.redact(f"The victim {cue} {number} {words}{unit}, and called the bank.")
    assert str(number) not in redacted.replace("[", " ")
    assert not any(w in redacted for w in words.split())


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # No house number: a street-type word and a name after a cue, a label, or between commas.
        ("La victime, domiciliée rue de la République à Lyon, a payé.", ("République",)),
        ("Indirizzo della vittima: chemin Pichon, Saint-Claude.", ("Pichon",)),
        ("Son voisin, chemin de Bodin, a reçu le même SMS.", ("Bodin",)),
        # A flat before the house and the street on the next line (UK letters).
        ("The victim lives at Flat 9\nDale View, Leeds.", ("Flat 9", "Dale")),
        # Particles inside a street name between commas.
        ("Il vicino, Trojes del Cobano 267, ha ricevuto lo stesso SMS.", ("Trojes", "Cobano", "267")),
    ],
)
def test_more_street_lines(anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]) -> None:
    _masked(anonymizer, text, *parts)


@pytest.mark.parametrize(
    "text",
    [
        "The victim lives in the street; a rue Morgue story.",
        "The meetings take place in Paris, Avenue of success.",
        "Victims were told to act fast, Calle or no Calle.",
    ],
)
def test_no_numberless_street_line_in_ordinary_sentences(text: str) -> None:
    assert [text[d.start : d.end] for d in find_street_lines(text)] == []


@given(
    number=st.integers(min_value=1, max_value=999),
    group=st.sampled_from(["", " 000", ".500", "\u00a0250"]),
    currency=st.sampled_from(
        [
            "грн",
            "рублей",
            "тысяч рублей",
            "zł",
            "mln zł",
            "EUR",
            "euros",
            "万元",
            "円",
            "دولار",
            'ש"ח',
            "triệu đồng",
        ]
    ),
    lead=st.sampled_from(["переказ", "оформил кредит в", "向香港账户汇款", "paid", "przelew", "حولت"]),
)
@settings(max_examples=80, deadline=None)
def test_amounts_are_never_addresses(
    anonymizer: TextAnonymizer, number: int, group: str, currency: str, lead: str
) -> None:
    amount = (
        f"{number}{group} {currency}"
        if currency.isascii() or " " in currency
        else f"{number}{group}{currency}"
    )
    text = f"Потерпілий, {lead} {amount} на гаманець, потім знову."
    assert all(d.kind != "ADDRESS" for d in anonymizer.find(text)), text


@pytest.mark.parametrize(
    "text",
    [
        # Kazakh and Mongolian sums, the currency with its case ending or abbreviated
        "Ол 2 850 000 теңгені шотынан аударды.",
        "Ол 2 850 000 тг аударды.",
        "Хохирогчийг хуурч 14 500 000 төгрөг шилжүүлүүлсэн.",
    ],
)
def test_sums_in_tenge_and_togrog_are_no_addresses(anonymizer: TextAnonymizer, text: str) -> None:
    assert all(d.kind != "ADDRESS" for d in anonymizer.find(text)), text


@pytest.mark.parametrize(
    "text",
    ["Sie wohnt in der Hauptstraße 12, 2.000 € wurden überwiesen.", "Avenida Real 12, 300 reais pagos"],
)
def test_a_street_line_next_to_an_amount_or_named_like_a_currency_is_masked(
    anonymizer: TextAnonymizer, text: str
) -> None:
    assert "12" not in anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # Street-type words after the name, also before a closing quote.
        ("A note read 'Mrs Ellis, 3 Rowan Villas, Bath' in the caller's hand.", ("Rowan", "3")),
        ("The list said: 'she owns 77 Seaview Blvd' and nothing else.", ("Seaview", "77")),
        # Vietnamese hamlet and commune after a cue, without a house number.
        ("Bà Lan ở xóm Bãi, xã Tân Hòa, huyện Quốc Oai, nhận được cuộc gọi.", ("Bãi", "Tân Hòa")),
        # Japanese: ward, town, block, then the building and flat.
        ("被害者は大阪市北区梅田2丁目5番 メゾン梅田803号室に住む。", ("北区", "梅田", "メゾン梅田803")),
        ("東京都新宿区西新宿2丁目8番1号 パークハイツ1203号室", ("西新宿", "パークハイツ1203")),
    ],
)
def test_street_lines_of_more_shapes(anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]) -> None:
    _masked(anonymizer, text, *parts)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # A flat or unit before the house number, with a comma.
        ("The victim, of Flat 3, 18 Larkspur Road, Leeds, was called.", "Flat 3, 18 Larkspur Road"),
        ("Tenant of Apt 7, 41 Delancey St, New York.", "Apt 7, 41 Delancey St"),
        ("Ms. Reyes (Unit 12-03, 88 Tanjong Pagar Road) paid.", "Unit 12-03, 88 Tanjong Pagar Road"),
        # Parts after the house number: a US quadrant, Colombian and Turkish numbers, suites.
        ("Victim resides at 1180 Peachtree St NE, Atlanta.", "1180 Peachtree St NE"),
        ("Reside en la Calle 72 No. 10-34, Bogotá.", "Calle 72 No. 10-34"),
        ("Adres: Atatürk Mah. 1203 Sok. No:5 Daire 3, Ankara.", "Atatürk Mah. 1203 Sok. No:5 Daire 3"),
        ("Vive na Avenida Paulista, 1578, conj. 12, São Paulo.", "Avenida Paulista, 1578, conj. 12"),
        ("Ia tinggal di Jalan Melati Gg. 3 No. 14, Depok.", "Jalan Melati Gg. 3 No. 14"),
        # Street names with digits, inflected or lowercase street-type words.
        ("Tinggal di No. 12, Jalan SS2/24, Petaling Jaya.", "No. 12, Jalan SS2/24"),
        ("Mieszka przy ulicy Długiej 8 w Gdańsku.", "ulicy Długiej 8"),
        ("La vittima abita in via Garibaldi 17 a Torino.", "via Garibaldi 17"),
        ("Lives at H.No. 12-3-456, Banjara Hills, Hyderabad.", "H.No. 12-3-456, Banjara Hills"),
        ("Le plaignant demeure lieu-dit Les Granges, 24200 Sarlat.", "lieu-dit Les Granges"),
    ],
)
def test_street_line_parts_of_many_countries(anonymizer: TextAnonymizer, text: str, line: str) -> None:
    redacted, counts = anonymizer.redact(text)
    assert counts["ADDRESS"] >= 1, redacted
    assert all(word not in redacted for word in line.replace(",", " ").split() if len(word) > 2), redacted


@given(
    number=st.integers(min_value=1, max_value=99),
    town=st.sampled_from(["Torino", "Parma", "Bari"]),
)
@settings(max_examples=30, deadline=None)
def test_a_lowercase_letter_after_a_house_number_is_the_next_word(
    anonymizer: TextAnonymizer, number: int, town: str
) -> None:
    redacted, _ = anonymizer.redact(f"La vittima abita in via Garibaldi {number} a {town}.")
    assert f" a {town}" in redacted and str(number) not in redacted


@pytest.mark.parametrize(
    "text",
    [
        "诈骗团伙在3个月内骗取45万元，涉及12名受害人。",
        "사기단은 3개월 동안 4억 원을 가로챘다.",
        "احتال المتهم على 5 ضحايا وحصل على 20 ألف دينار.",
        "詐欺グループは3か月で450万円をだまし取った。",
    ],
)
def test_counts_and_amounts_in_scripts_without_spaces_are_not_addresses(
    anonymizer: TextAnonymizer, text: str
) -> None:
    assert all(d.kind != "ADDRESS" for d in anonymizer.find(text)), anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("피해자는 서울 강남구 테헤란로8번길 12, 301호에 산다.", "8번길 12"),  # 번 is no counter here
        ("住所：札幌市中央区北1条西2丁目3番地", "北1条西2丁目3番地"),  # Sapporo's 条 blocks
        ("Chị Mai sống tại 12/3 Nguyễn Trãi, phường 2, quận 5.", "12/3"),
    ],
)
def test_street_lines_that_look_like_counts(anonymizer: TextAnonymizer, text: str, part: str) -> None:
    assert part not in anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("The victim lives at Ob zdravstvenem domu 36 and was called.", "Ob zdravstvenem domu 36"),
        ("The victim lives at 43645 Benas Station Apt. 606 and was called.", "43645 Benas Station Apt. 606"),
        ("Sie wohnt Unter den Linden 7 in Berlin.", "Unter den Linden 7"),
    ],
)
def test_a_line_of_unknown_shape_after_an_address_cue_is_found(text: str, line: str) -> None:
    assert line in [text[d.start : d.end] for d in find_street_lines(text)]


@pytest.mark.parametrize(
    "text",
    [
        "She lives in Berlin since 2019 with 2 children.",
        "The victim lives in Lyon with her 3 cats.",
        "He lives in Paris and paid 500 EUR.",
        "He has lived at the address for 12 years.",
    ],
)
def test_an_address_cue_with_a_year_count_or_amount_after_it_is_no_line(text: str) -> None:
    assert list(find_street_lines(text)) == []


def _every_letter_masked(anonymizer: TextAnonymizer, text: str, line: str) -> bool:
    """Every letter and digit of `line` lies inside an address found in `text`."""
    start = text.index(line)
    spans = [(d.start, d.end) for d in anonymizer.find(text) if d.kind == "ADDRESS"]
    return all(not ch.isalnum() or any(lo <= start + i < hi for lo, hi in spans) for i, ch in enumerate(line))


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "Ref 8: سعاد، شارع الأمير محمد بن سلمان، مجمع 44، تبوك، قالت",
            "شارع الأمير محمد بن سلمان، مجمع 44، تبوك",
        ),
        # Ethiopia: the sub-city and house number abbreviated, the town after the label's colon.
        ("ብር ተወስዶባታል። አድራሻ፡ አዲስ አበባ፣ የካ ክ/ከተማ፣ ወረዳ 07፣ የቤት ቁ. 318።", "አዲስ አበባ፣ የካ ክ/ከተማ፣ ወረዳ 07፣ የቤት ቁ. 318"),
        # Myanmar: the town written last after the Burmese comma.
        ("Ref လိပ်စာ - အမှတ် ၄၅၊ ကမ်းနားလမ်း၊ လှိုင်မြို့နယ်၊ ရန်ကုန်။", "အမှတ် ၄၅၊ ကမ်းနားလမ်း၊ လှိုင်မြို့နယ်၊ ရန်ကုန်"),
        # Nepal: a municipality with its ward, the tole and the house.
        ("Ref x. ललितपुर-५, पुल्चोक, घर नं. ४५ मा चोरी भयो।", "ललितपुर-५, पुल्चोक, घर नं. ४५"),
        (
            "साक्षीदार सुनील पाटील, घर क्र. 78, गांधी नगर, पुणे 411001, यांनी पाहिले.",
            "घर क्र. 78, गांधी नगर, पुणे 411001",
        ),
        ("Mshukiwa alikamatwa Kitalu 45, Mtaa wa Uhuru, Dodoma.", "Kitalu 45, Mtaa wa Uhuru, Dodoma"),
        (
            "Ref 보관 장소 부산광역시 해운대구 해운대로 12가길 7, 반지하.",
            "부산광역시 해운대구 해운대로 12가길 7, 반지하",
        ),
        ("Ref 地址北京市朝阳区建国路88号甲3单元502，案发", "北京市朝阳区建国路88号甲3单元502"),
        (
            "Реєстрація: с. Вишневе, вул. Садова, 12, Київська обл.. Ref",
            "с. Вишневе, вул. Садова, 12, Київська обл.",
        ),
        ("adres Kerkstraat 8, 2511 AB 's-Gravenhage. Ref", "Kerkstraat 8, 2511 AB 's-Gravenhage"),
        (
            "Ref Петров, гр. Варна, ж.к. „Младост“, бл. 112, вх. 3, превежда",
            "гр. Варна, ж.к. „Младост“, бл. 112, вх. 3",
        ),
        ("Ünvan: Füzuli küçəsi 12, mənzil 3, Gəncə AZ2000. Ref", "Füzuli küçəsi 12, mənzil 3, Gəncə AZ2000"),
        (
            "Ref پتہ: مکان نمبر 12، گلی نمبر 3، ایف-7/1، اسلام آباد۔",
            "مکان نمبر 12، گلی نمبر 3، ایف-7/1، اسلام آباد",
        ),
    ],
)
def test_whole_address_lines_as_each_country_writes_them(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert _every_letter_masked(anonymizer, text, line), anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    "text",
    [
        "Ref: खाते में 14 पीड़ितों से ₹3.2 लाख आए।",  # 14 victims
        "रमेश जाधव (वय 57) यांना फोन आला.",  # aged 57
        "Ref: திருடப்பட்ட நகை 12 சவரன் மீட்கப்பட்டது.",  # 12 sovereigns (of gold)
        "Ref: โอนเงินให้ bank-x.example รวม 2.5 ล้านบาท",  # 2.5 million baht in all
        "Ref: السيدة حولت ١٥٬٠٠٠ دولار إلى منصة x.example.",  # the Arabic thousands separator
        "Ref: او مبلغ ۵۰۰۰ دلار پرداخت کرد.",  # an amount of 5000 dollars
    ],
)
def test_counts_ages_and_codes_are_not_addresses(anonymizer: TextAnonymizer, text: str) -> None:
    assert all(d.kind != "ADDRESS" for d in anonymizer.find(text)), anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Arabic: a shop, flat or floor written before the street, a Maghreb lane after it, the town
        # last with the sentence going on after it.
        ("استأجر المتهم محل رقم 7، شارع النصر، حمص لبيع الهواتف.", "محل رقم 7، شارع النصر، حمص"),
        ("شوهد في رقم 44، درب الحجر، زنقة 12، مراكش يوم الأحد.", "رقم 44، درب الحجر، زنقة 12، مراكش"),
        ("احتجزها في شقة 5، الطابق الرابع، شارع الجلاء، دبي.", "شقة 5، الطابق الرابع، شارع الجلاء، دبي"),
        ("العنوان: زنقة 15-022، منزل 9، أطار.", "زنقة 15-022، منزل 9، أطار"),
        # a district named with its word stays whole ("حي": quarter)
        ("تسكن في فيلا 8، شارع 27، حي النخيل.", "فيلا 8، شارع 27، حي النخيل"),
        # a known town with its postcode stays whole
        ("السكن: نهج الحرية عدد 14، صفاقس 3000.", "نهج الحرية عدد 14، صفاقس 3000"),
    ],
)
def test_arabic_lines_with_their_parts_before_and_after_the_street(text: str, line: str) -> None:
    patterns = load_patterns()
    found = extend_line_ends(text, list(find_script_lines(text, patterns)), patterns)
    assert line in [text[d.start : d.end] for d in found]


@given(code=st.sampled_from(["JC", "NC", "SOC", "A"]), number=st.integers(min_value=1, max_value=99))
@settings(max_examples=20, deadline=None)
def test_a_number_glued_to_a_code_is_no_house_number(code: str, number: int) -> None:
    text = f"警察庁・{code}{number}注意喚起：偽サイト"
    start = text.index(str(number))
    found = [Detection(start, text.index("："), ADDRESS)]
    assert without_amounts(text, found, load_patterns()) == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Hebrew joins its prepositions to the word: to a PO box, from a neighbourhood.
        ("המכתב נשלח לת.ד. 7310, אשדוד.", "ת.ד. 7310, אשדוד"),
        ("העד, משכונת רמת אביב, רחוב איינשטיין 40, תל אביב, דיווח.", "משכונת רמת אביב, רחוב איינשטיין 40"),
    ],
)
def test_hebrew_prepositions_joined_to_address_words(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert _every_letter_masked(anonymizer, text, line), anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # A neighbourhood or a named farm written before the street, after a cue and its small
        # words, goes with the line, with or without a house number.
        (
            "The witness lives at Runda, Mimosa Drive, House No. 14, Nairobi.",
            "Runda, Mimosa Drive, House No. 14",
        ),
        ("The victim lives at Hillcrest Farm, Dromore Road, Ballymena.", "Hillcrest Farm, Dromore Road"),
        # "is" and "as" between the cue and a line without a number
        ("Her address is Liberation Avenue, Osu, Accra.", "Liberation Avenue"),
        ("He gave his address as Okpara Road, Aba.", "Okpara Road"),
        # a person's name and "of": where that person lives, the neighbourhood first
        ("Victim Baraka Mwangi of Parklands, Ojijo Road, House No. 9, lost money.", "Parklands, Ojijo Road"),
        # East Africa places a house along or off a road
        ("The witness lives at Kawangware, along Naivasha Road, Nairobi.", "Kawangware, along Naivasha Road"),
        ("The victim lives off Jogoo Road, Nairobi.", "Jogoo Road"),
        # a street without a number right after a person's name, a locality after it
        ("Victim: Abena Owusu, Ring Road, Kokomlemle, Accra, lost money.", "Ring Road, Kokomlemle"),
        # Ghana's digital address after an address word, or with its town after it
        ("Her digital address is GE-231-4471 near the market.", "GE-231-4471"),
        ("Victim: Kojo Asante, AS-472-9083, Obuasi.", "AS-472-9083"),
        # Japan's postcode after the romanized town, also read as a phone number
        ("Address: 2-8-1 Nishi-Shinjuku, Shinjuku-ku, Tokyo 163-8001.", "Tokyo 163-8001"),
        # a Korean building and flat, romanized, and the block of flats before the road ("dong"
        # joined to the number is no Vietnamese currency)
        (
            "The victim lives at 304-dong 1507-ho, Jugong Apt, 18 Jungang-ro, Suwon.",
            "304-dong 1507-ho, Jugong Apt, 18 Jungang-ro",
        ),
        # a US flat written with "#" after the street's type
        ("The courier went to 812 S 9th Ave #4C, Tucson.", "812 S 9th Ave #4C"),
    ],
)
def test_parts_written_around_a_line_after_a_cue(anonymizer: TextAnonymizer, text: str, line: str) -> None:
    assert _every_letter_masked(anonymizer, text, line), anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    "text",
    [
        "She lives in Mombasa, works in Nyali and called the police.",
        "Her address is unknown to the bank.",
        "The address is 4 km from the station.",
        "The ticket #52 was closed on Monday.",
        "Case GW-483-2291 was opened by the unit.",  # a case number, no digital address
    ],
)
def test_cue_links_find_no_line_where_none_is(anonymizer: TextAnonymizer, text: str) -> None:
    assert all(d.kind != "ADDRESS" for d in anonymizer.find(text)), anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # India: plot and house numbers alone, then the neighbourhood and the town
        ("हवलदार सुरेश यादव ने 27/4, माल रोड, आगरा से नकली नोट बरामद किए।", "27/4, माल रोड, आगरा"),
        # an Arabic place named with its head noun ends after its name, the sentence going on
        (
            "شاهد الجار من شارع المطران، بناية الزهراء، الطابق ٤، عين الرمانة المتهمين.",
            "شارع المطران، بناية الزهراء، الطابق ٤، عين الرمانة",
        ),
    ],
)
def test_lines_of_scripts_without_capitals_end_where_their_places_do(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    found = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == ADDRESS]
    assert line in found, anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    "text",
    [
        "घटना 12/7 को दिल्ली में हुई।",  # a date, not a house
        "रिपोर्ट 3/2024, दिल्ली पुलिस ने दर्ज की।",  # a report's number and year
    ],
)
def test_a_slash_number_without_its_locality_is_no_house(anonymizer: TextAnonymizer, text: str) -> None:
    patterns = load_patterns()
    assert patterns.slash_line is not None
    assert patterns.slash_line.search(text) is None


_CUES = sorted(load_patterns().cue_words)


@given(cue=st.sampled_from(_CUES), form=st.sampled_from([str.lower, str.upper, str.title]))
@settings(max_examples=150, deadline=None)
def test_a_cue_in_any_case_still_finds_the_line_after_it(cue: str, form: Callable[[str], str]) -> None:
    # The cue-word gate before the line search must read words as the search does (lowered).
    written = form(cue)
    assume(written.lower() == cue)  # "YAŞAYIR" lowers to another word: no cue in any case
    text = f"Report: the victim {written} Ob zdravstvenem domu 36 and was called."
    assert "Ob zdravstvenem domu 36" in [text[d.start : d.end] for d in find_street_lines(text)]


@given(
    cue=st.sampled_from(["Victim", "Complainant", "Witness"]),
    person=st.sampled_from(["Kamau Otieno", "Achieng Wanjiru"]),
    street=st.sampled_from(["Ngong Road", "Kenyatta Avenue"]),
)
@settings(max_examples=20, deadline=None)
def test_a_street_without_number_right_after_a_listed_person_is_masked(
    anonymizer: TextAnonymizer, cue: str, person: str, street: str
) -> None:
    # The apposition rule runs only where a name has ", " after it (a cheap test first).
    text = f"{cue}: {person}, {street}, Westlands, Nairobi, was called twice."
    assert street not in anonymizer.redact(text)[0]


@given(town=st.sampled_from(["Stellenbosch", "Interlaken", "Casablanca", "Saltillo", "Localita"]))
@settings(max_examples=10, deadline=None)
def test_a_town_starting_like_a_flat_word_is_not_cut(anonymizer: TextAnonymizer, town: str) -> None:
    # "Ste" (suite), "Int", "Casa", "Sala", "Local" are flat words only as words of their own:
    # the town after the line is masked whole, not cut after a few letters.
    text = f"The complainant, of Bloemstraat 31, {town}, 7599, lost R12 000."
    found = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "ADDRESS"]
    assert found == [f"Bloemstraat 31, {town}, 7599"], found


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Uzbek Latin with its turned comma typed as a left quote, the house's suffix glued on
        (
            "Arizachi Samarqand, Registon ko‘chasi 31-uy, 7-xonadonda yashaydi.",
            "Registon ko‘chasi 31-uy, 7-xonadonda",
        ),
        ("Arizachi Registon koʻchasi 31-uy yashaydi.", "Registon koʻchasi 31-uy"),
        ("Ариза берувчи Бобур кўчаси 9-уй, 40-хонадонда яшайди.", "Бобур кўчаси 9-уй, 40-хонадонда"),
        ("Жәбірленуші Төле би көшесі 88, 14-пәтерде тұрады.", "Төле би көшесі 88, 14-пәтерде"),
    ],
)
def test_central_asian_house_and_flat_suffixes_stay_with_the_line(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    found = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "ADDRESS"]
    assert any(line in f for f in found), found


@pytest.mark.parametrize("type_word", ["ברח'", "ברח׳", "בשד'", "לרח'"])
def test_a_hebrew_street_abbreviation_belongs_to_its_line(anonymizer: TextAnonymizer, type_word: str) -> None:
    text = f"המתלונן הגיע {type_word} סוקולוב 41 אתמול."
    found = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "ADDRESS"]
    assert any(f.startswith(f"{type_word} סוקולוב 41") for f in found), found


def test_a_hebrew_street_named_without_a_number_stays() -> None:
    # a landmark, not a home: "the suspect was seen near Allenby St."
    text = "החשוד נצפה ליד רח' סוקולוב בחולון."
    assert list(find_street_lines(text)) == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # a named building first, then its street and floor (Lebanon, Iraq, Syria)
        (
            "كان المشتبه به يسكن في عمارة الزيتون، شارع بلس، الطابق الثاني، طرابلس، ويستعمل هاتفاً آخر.",
            "عمارة الزيتون، شارع بلس، الطابق الثاني، طرابلس",
        ),
        # Pakistan: a flat, then its block with the block's letter after a dash
        ("پتہ: فلیٹ نمبر 118، بلاک 6-بی، نارتھ ناظم آباد، کراچی", "فلیٹ نمبر 118، بلاک 6-بی"),
        # a road's eastern or western part before the number
        ("受害人家住南宁市青秀区民族大道东88号。", "南宁市青秀区民族大道东88号"),
        # a Greek ordinal written with its numeral sign
        ("Διεύθυνση: Οδός Παύλου Α΄ 19, Πάτρα", "Οδός Παύλου Α΄ 19, Πάτρα"),
    ],
)
def test_more_line_shapes_of_other_scripts(anonymizer: TextAnonymizer, text: str, line: str) -> None:
    found = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "ADDRESS"]
    assert any(line in f for f in found), found


def test_an_arabic_clause_joined_by_and_after_the_town_is_no_locality(anonymizer: TextAnonymizer) -> None:
    # "…, Tripoli, and uses …": the address ends at the town; a town spelled with "و" stays one
    text = "عنوانه: شارع المعرض 14، طرابلس، ويستعمل هاتفاً آخر."
    found = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "ADDRESS"]
    assert found == ["شارع المعرض 14، طرابلس"], found
    text = "عنوانه: شارع المعرض 14، وهران، وقد اتصل به."
    found = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "ADDRESS"]
    assert found == ["شارع المعرض 14، وهران"], found


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Nigeria and East Africa place a house off a main road; the road goes with the line
        (
            "The complainant lives at 9 Olatunji Close, off Ogunlana Drive, Surulere, Lagos.",
            "9 Olatunji Close, off Ogunlana Drive, Surulere, Lagos",
        ),
        # West Africa's numbered sectors of a town
        (
            "La plaignante demeure au 27, rue Nazi Boni, secteur 15, Bobo-Dioulasso.",
            "27, rue Nazi Boni, secteur 15, Bobo-Dioulasso",
        ),
        # Central America writes the neighbourhood first, in lowercase
        (
            "La víctima vive en colonia Palmira, calle Los Almendros #812, Tegucigalpa.",
            "colonia Palmira, calle Los Almendros #812, Tegucigalpa",
        ),
    ],
)
def test_localities_written_around_a_line_the_local_way(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    found = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "ADDRESS"]
    assert line in found, found


def test_off_before_a_lowercase_word_is_no_locality(anonymizer: TextAnonymizer) -> None:
    text = "The complainant lives at 9 Olatunji Close, off work since May."
    found = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "ADDRESS"]
    assert found == ["9 Olatunji Close"], found


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # Forms and headers written in capitals: street types, flat words and titles as the lists
        # write them in the usual case.
        ("RESIDENCE: 2207 E BRAMBLEGATE BLVD APT 7C, TOPEKA KS 66611", ("2207 E BRAMBLEGATE BLVD APT 7C",)),
        ("АДРЕС: Г. ТВЕРЬ, УЛ. ОСЕННЯЯ, Д. 27, КВ. 3", ("УЛ. ОСЕННЯЯ, Д. 27, КВ. 3",)),
    ],
)
def test_street_lines_written_in_capitals(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]
) -> None:
    lines = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == ADDRESS]
    for part in parts:
        assert any(part in line for line in lines), lines


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # Typed all in lowercase, as chats and notes are: a cue and a street type say so.
        ("the buyer lives at 31 heronsgate terrace, bristol, never paid.", ("31", "heronsgate", "bristol")),
        ("address: 604 quarry hill road, exeter ex4 9qz", ("604", "quarry", "exeter", "9qz")),
        ("vive en calle almendros 19, cuenca", ("almendros", "19", "cuenca")),
    ],
)
def test_street_lines_typed_in_lowercase(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]
) -> None:
    _masked(anonymizer, text, *parts)


@pytest.mark.parametrize(
    "text",
    [
        "THE FBI AND CIA PAID 500 USD ON 12 MAY.",
        "CALL THE ATM HELPDESK 24 HOURS A DAY.",
        "he lives at 3 different places since 2019.",
        "she lives at 5 minutes from the station, then left.",
    ],
)
def test_no_street_line_in_capitals_or_lowercase_sentences(text: str) -> None:
    assert [text[d.start : d.end] for d in find_street_lines(text)] == []


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # Somali: the district and the road before their names, the house before its number.
        ("Cinwaanka: Degmada Shibis, Waddada Warshadaha, guriga 58.", ("Shibis", "Warshadaha", "58")),
        ("Faarax Nuur oo deggan Guriga 6, Jidka Sodonka, Degmada Karaan, ayaa yiri", ("Guriga 6", "Sodonka")),
    ],
)
def test_somali_address_lines(anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]) -> None:
    lines = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == ADDRESS]
    for part in parts:
        assert any(part in line for line in lines), lines


def test_a_somali_road_word_in_a_sentence_is_no_street_line() -> None:
    text = "Waddada waa xirnayd 4 maalmood kadib roobka."
    assert [text[d.start : d.end] for d in find_street_lines(text)] == []


# Words, numbers, postcodes and separators of invented street lines, in any order: the pieces the
# postal-line pattern reads (a name, a house number, a comma, a postcode and its town).
_POSTAL_PIECES = st.sampled_from(
    [
        *("Mirnaweg", "Ost", "Kordel", "via", "Pellico", "von", "the"),
        *("8", "27", "113/4", "54290", "931 05", "2019"),
        *(", ", " ", ",", " ,", ". ", "\n"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_POSTAL_PIECES, min_size=3, max_size=14))
def test_the_postal_line_pattern_is_tried_only_where_it_can_match(pieces: list[str]) -> None:
    # The gate before the postal-line pattern (a comma and a digit after the number) skips only
    # numbers the pattern cannot match at: the lines found are those found without it.
    import re

    import shared.anonymization.street_lines as street_lines

    text = " ".join(pieces)
    gated = list(find_street_lines(text))
    gate = street_lines._COMMA_DIGIT_RE
    street_lines._COMMA_DIGIT_RE = re.compile("")  # open everywhere
    try:
        assert list(find_street_lines(text)) == gated
    finally:
        street_lines._COMMA_DIGIT_RE = gate


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # a landmark after the line, as South Asia places a house ("near …", "opp. …", "behind …")
        (
            "Complainant resides at H.No. 9-3/11, Vinayak Colony, near Durga Temple, Warangal 506002 and",
            "H.No. 9-3/11, Vinayak Colony, near Durga Temple, Warangal 506002",
        ),
        ("He stays at 41 Nehru Road, opp. Bus Stand, Karad.", "41 Nehru Road, opp. Bus Stand"),
        ("She lives at 7 Tilak Marg, behind Hotel Neelam, Nashik.", "7 Tilak Marg, behind Hotel Neelam"),
        # typed Chinese and Taiwanese lines: spaces around half-width digits, a Latin estate name
        ("住址為新北市板橋區文化路二段 138 巷 9 號 4 樓", "新北市板橋區文化路二段 138 巷 9 號 4 樓"),
        ("地址：杭州市西湖区文三路 88 号 7 栋 1102 室", "杭州市西湖区文三路 88 号 7 栋 1102 室"),
        (
            "地址：广州市天河区体育西路66号 Sunrise Plaza 2栋1705室",
            "广州市天河区体育西路66号 Sunrise Plaza 2栋1705室",
        ),
        ("地址：苏州市姑苏区干将路720弄Maple Court 5号302室", "苏州市姑苏区干将路720弄Maple Court 5号302室"),
        # a Japanese block number with spaces around the kanji
        ("住所：埼玉県川口市栄町 2 丁目 9 番地 です", "栄町 2 丁目 9 番地"),
        # a lowercase flat written before the line
        ("He rents flat 6, 19 Canal Street, Hull.", "flat 6, 19 Canal Street"),
        # Central Asian microdistricts with their number, house and flat
        ("Адрес: мкр. Коктем-3, д. 21, кв. 64", "мкр. Коктем-3, д. 21, кв. 64"),
        ("Мекенжайы: ш/а Нурсат-1, үй 15, пәтер 8", "ш/а Нурсат-1, үй 15, пәтер 8"),
        # Swahili "mkazi wa" (resident of)
        ("Mkazi wa Plot 73, Block D, Mbezi, alikamatwa.", "Plot 73, Block D"),
    ],
)
def test_lines_with_landmarks_spaced_digits_microdistricts_and_lowercase_flats(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert _every_letter_masked(anonymizer, text, line), anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("He lives at 12 Mill Lane, near Leeds, with his aunt.", "Leeds"),
        ("Raids took place in the Orbita microdistrict near Almaty.", "Almaty"),
        ("2019年 3 月 5 日に事件が起きた。", "3 月 5 日"),
    ],
)
def test_a_town_after_near_and_spaced_dates_stay(anonymizer: TextAnonymizer, text: str, kept: str) -> None:
    start = text.index(kept)
    assert not any(
        d.kind == ADDRESS and d.start < start + len(kept) and start < d.end for d in anonymizer.find(text)
    ), anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Azerbaijani and Turkmen shorten "city" to "ş." after the town's name
        (
            "Şikayətçi, ünvan: Gəncə ş., Kəpəz r-nu, Nizami küç. 18, mənzil 4. Sonra gəldi.",
            "Gəncə ş., Kəpəz r-nu, Nizami küç. 18, mənzil 4",
        ),
        # and numbers the house (jaý) and flat (öý) with an ordinal
        (
            "Ýaşaýan ýeri: Mary ş., Magtymguly şaýoly, 14-nji jaý, 3-nji öý, telefon belgisi bar.",
            "Mary ş., Magtymguly şaýoly, 14-nji jaý, 3-nji öý",
        ),
        # Armenian "ք." (city) before the town, "փող." (street) after the street's name
        ("Վկան ապրում է ք. Վանաձոր, Տիգրան Մեծի պող. 30, բն. 8։", "ք. Վանաձոր, Տիգրան Մեծի պող. 30, բն. 8"),
        ("Տուժողը, հասցե՝ ք. Գյումրի, Ռիժկովի փող. 12, բն. 5։", "ք. Գյումրի, Ռիժկովի փող. 12, բն. 5"),
    ],
)
def test_a_town_with_its_shortened_title_before_the_line_and_armenian_street_abbreviations(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert _every_letter_masked(anonymizer, text, line), anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Lebanon: the named building, its floor, then the street
        (
            "المشتكي يقيم في بناية النور، الطابق الثالث، شارع فردان، بيروت.",
            "بناية النور، الطابق الثالث، شارع فردان",
        ),
        # Ecuador: the "ciudadela" (housing estate), its block (manzana) and house (villa)
        (
            "El testigo vive en Cdla. Los Ceibos, Mz. 12, Villa 7, y trabaja allí.",
            "Cdla. Los Ceibos, Mz. 12, Villa 7",
        ),
        ("Reside en Cdla. Alborada, Mz. 3, Villa 14, Guayaquil.", "Cdla. Alborada, Mz. 3, Villa 14"),
    ],
)
def test_an_arabic_building_and_floor_before_the_street_and_an_ecuadorian_ciudadela(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert _every_letter_masked(anonymizer, text, line), anonymizer.redact(text)[0]


# Places named after people, written without a house number, are landmarks (invented examples).
NAMED_LANDMARKS = [
    "Мы ждали у метро Чеховская около часа.",
    "Встреча была у станции метро Достоевская.",
    "التقينا في شارع سعد زغلول قرب المحطة.",
    "Зустріч відбулася на вулиці Івана Франка біля банку.",
]


@pytest.mark.parametrize("text", NAMED_LANDMARKS)
def test_a_place_named_after_a_person_without_a_number_stays(text: str) -> None:
    found = TextAnonymizer().find(text)
    assert not [d for d in found if d.kind == "PERSON"], [text[d.start : d.end] for d in found]


def test_a_person_beside_a_named_landmark_is_still_masked() -> None:
    text = "Возле метро Тургеневская деньги курьеру передала Любовь Маяковская."
    found = TextAnonymizer().find(text)
    assert any(text[d.start : d.end] == "Любовь Маяковская" for d in found if d.kind == "PERSON")


def test_a_named_street_with_its_house_number_is_an_address() -> None:
    text = "Потерпевшая проживает по адресу ул. Тургенева, д. 17, кв. 4."
    found = TextAnonymizer().find(text)
    assert any("Тургенева" in text[d.start : d.end] for d in found if d.kind == ADDRESS)


def test_an_initial_is_no_landmark_cue() -> None:
    detections = [Detection(3, 11, "PERSON")]
    assert keep_named_places("R. Nowacki paid.", detections) == detections


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Umukiriya atuye KN 52 Rd 19, mu Nyarugenge.", "KN 52 Rd 19"),
        ("Address: House 31, KK 408 St, Kicukiro", "House 31, KK 408 St"),
        ("The parcel went to KG 260 Ave, house 7 yesterday.", "KG 260 Ave, house 7"),
    ],
)
def test_a_rwandan_coded_street_with_its_house_is_a_line(text: str, line: str) -> None:
    found = [text[d.start : d.end] for d in find_script_lines(text, load_patterns())]
    assert line in found


def test_a_rwandan_coded_street_alone_is_no_line() -> None:
    text = "Traffic on KG 9 Ave was slow; 40 KK cards were sold."
    assert list(find_script_lines(text, load_patterns())) == []


def test_a_name_after_a_clause_behind_a_landmark_word_is_still_masked() -> None:
    text = "Мошенники от имени Горгаза позвонили Тамаре Ильиничне Веселовой вчера."
    found = TextAnonymizer().find(text)
    assert any("Тамаре" in text[d.start : d.end] for d in found if d.kind == "PERSON")


def test_a_clause_after_a_street_word_leaves_the_name_masked() -> None:
    detections = [Detection(20, 28, "PERSON")]
    assert keep_named_places("في شارع مزدحم قابلت رامي سعد", detections) == detections


def test_a_named_street_before_its_postcode_keeps_the_name_masked() -> None:
    detections = [Detection(10, 22, "PERSON")]
    assert keep_named_places("Wunnt Rue Paul Eyschen, L-1234 Lëtzebuerg.", detections) == detections


def test_an_honorific_after_a_lowercase_street_word_is_no_street_name() -> None:
    detections = [Detection(13, 25, "PERSON")]  # "Trần Thị Mai"
    assert keep_named_places("Hàng xóm chị Trần Thị Mai báo tin.", detections) == detections


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Domiciliu: Str. Vasile Alecsandri nr. 9, Iași.", 16, 33),
        ("العنوان: شارع الأمير نايف، مبنى 12، الدمام.", 21, 25),
    ],
)
def test_a_named_street_with_a_prefixed_number_keeps_the_name_masked(text: str, start: int, end: int) -> None:
    detections = [Detection(start, end, "PERSON")]
    assert keep_named_places(text, detections) == detections


def test_a_named_street_after_its_house_number_keeps_the_name_masked() -> None:
    detections = [Detection(21, 34, "PERSON")]  # "Trần Hưng Đạo"
    text = "Nhà ở số 56 đường Lê Trần Hưng Đạo, quận Bình Thạnh, TP Hồ Chí Minh."
    assert keep_named_places(text, detections) == detections


@pytest.mark.parametrize(
    "text",
    [
        # An e-mail header's date with its weekday, a quoted reply's date, a call log's first column.
        "التاريخ: الأربعاء 3 أبريل 2024\nالموضوع: تحويل",
        "दिनांक: 14 मार्च 2024\nविषय: खाता सत्यापन",
        "> Στις 12/3/2024 η Ελένη Παππά έγραψε:",
        "ថ្ងៃ 03/05/2023 14:20 ចេញ 012 345 678",
    ],
)
def test_a_written_date_is_no_address(anonymizer: TextAnonymizer, text: str) -> None:
    assert all(d.kind != ADDRESS for d in anonymizer.find(text)), text


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # Streets named after a day, with a house number that is no year.
        ("Заявитель проживает: ул. 8 Марта 12, кв. 3.", ("Марта 12",)),
        ("Vive en Avenida 9 de Julio 1350, Buenos Aires.", ("Julio 1350",)),
    ],
)
def test_a_street_named_after_a_day_is_still_an_address(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]
) -> None:
    _masked(anonymizer, text, *parts)


@pytest.mark.parametrize(
    "text",
    [
        # Serbian euros in the genitive; an Egyptian pound by its initials with a dot.
        "Потерпевшая перевела 1 500 евра преко Western Union.",
        "سحب نقدي -12,500 ج.م من الصراف",
    ],
)
def test_more_currencies_are_no_house_numbers(anonymizer: TextAnonymizer, text: str) -> None:
    assert all(d.kind != ADDRESS for d in anonymizer.find(text)), text


@given(number=st.integers(min_value=1, max_value=999))
@settings(max_examples=20, deadline=None)
def test_a_numbered_road_alone_is_no_address(number: int) -> None:
    text = f'הודעת SMS בשם "כביש {number}" עם קישור'
    start = text.index("כביש")
    found = [Detection(start, text.index('"', start), ADDRESS)]
    assert without_amounts(text, found, load_patterns()) == []


def test_a_house_on_a_street_stays_an_address_beside_a_road_word(anonymizer: TextAnonymizer) -> None:
    _masked(anonymizer, "המתלונן גר ברחוב הרצל 6, חולון, ליד כביש 4.", "הרצל 6")


def test_a_street_named_after_a_date_stays_in_its_address() -> None:
    text = "Het slachtoffer, wonend aan 215 مقطع  5 جويلية 1962 , حاسي بحبح, maakte geld over."
    redacted, _ = TextAnonymizer().redact(text)
    assert "1962" not in redacted and "215" not in redacted


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # Icelandic street names in the dative after "á"/"við" ("Laugavegur" → "á Laugavegi")
        ("Ég bý á Laugavegi 112, 105 Reykjavík.", ("Laugavegi", "112", "105")),
        ("Hann býr við Skipholtsgötu 7.", ("Skipholtsgötu", " 7")),
    ],
)
def test_icelandic_dative_street_names_are_masked(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]
) -> None:
    _masked(anonymizer, text, *parts)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # Argentina: a floor with the degree sign and the flat's letter in quotes, the town after
        ('Domiciliado en Av. Rivadavia 6214, piso 5° "B", CABA.', ("6214", '"B"', "CABA")),
        ('Víctima: Av. Corrientes 4521, 7° "C", C1195 CABA; cel.', ("4521", '"C"', "C1195")),
        # a locality written last before a remark in brackets
        ("Anaishi Ngong Road 24, Kilimani, Nairobi (karibu na duka).", ("Ngong Road", "Kilimani", "Nairobi")),
    ],
)
def test_line_parts_written_the_local_way_are_masked(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]
) -> None:
    _masked(anonymizer, text, *parts)


def test_a_remark_in_brackets_stays_out_of_the_line(anonymizer: TextAnonymizer) -> None:
    redacted = _masked(anonymizer, "Vive en Calle Mayor 5, Getafe (Madrid), desde 2019.", "Mayor 5", "Getafe")
    assert "(Madrid)" in redacted


def test_lowercase_italian_via_between_commas_is_a_street(anonymizer: TextAnonymizer) -> None:
    _masked(anonymizer, "residente in Corsico (MI), via Giuseppe Garibaldi 18, titolare", "Garibaldi", "18")


def test_lowercase_via_before_a_platform_is_no_street(anonymizer: TextAnonymizer) -> None:
    _, counts = anonymizer.redact("Sent it via Zelle 24 hours ago, via Binance 3.")
    assert counts.get("ADDRESS", 0) == 0


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # Kyrgyz and Kazakh: the town with its title after it, the street, the house (үй) and the
        # flat (батир, пәтер) written with a hyphen, maybe with a case ending
        ("Апасы Ош ш., Курманжан Датка көчөсү, 42-үйдө турат.", ("Ош ш.", "Датка", "42-үй")),
        ("дареги: Нарын ш., Ленин проспектиси, 17-үй, 5-батир, тел. жок", ("Ленин", "17-үй", "5-батир")),
        ("мекенжайы: Қарағанды қ., 12-шағынаудан, 7-үй, 45-пәтер.", ("12-шағынаудан", "7-үй", "45-пәтер")),
        # Tajik avenue (хиёбони) and room (ҳуҷраи)
        ("суроға: ш. Хуҷанд, хиёбони Исмоили Сомонӣ 12, ҳуҷраи 4, тел.", ("Сомонӣ 12", "ҳуҷраи 4")),
        # Indonesian hamlet or estate before RT/RW, and RT/RW typed in lowercase
        ("tinggal di Dusun Sukorejo RT 02 RW 05, Desa Mulyo.", ("Sukorejo", "RT 02")),
        ("alamat Perum Bumi Indah Blok C-7, RT 01/RW 03, Kel. Sidoarjo.", ("Bumi Indah", "C-7", "RT 01")),
        ("rumahnya rt 04 rw 11 dekat pasar", ("rt 04 rw 11",)),
        # a landmark clause after the line, in the local language
        ("anaishi Plot No. 9, Mtaa wa Uhuru, karibu na Kanisa la Mtakatifu Yosefu, Arusha.", ("Kanisa",)),
        ("mipetraka ao Lot 88, Rue Rainandriamampandry, akaikin'ny tsena Analakely, finday", ("Analakely",)),
        ("vive na Rua das Flores 120, perto da Igreja Matriz, e trabalha", ("Igreja Matriz",)),
    ],
)
def test_lines_of_regional_conventions_are_masked(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]
) -> None:
    _masked(anonymizer, text, *parts)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Complainant of P.O. Box 41873-00100 Nairobi; simu 0729.", ("41873", "Nairobi")),
        ("posadres Posbus 1187, Stellenbosch, 7599; selfoon", ("1187", "Stellenbosch", "7599")),
        ("har post till Box 418, 981 22 Kiruna. Tel", ("418", "981 22", "Kiruna")),
        ("villa 41, 01 BP 1187 Abidjan 01, cellulaire", ("1187", "Abidjan")),
        ("المشتكي، ص.ب 1187 الرمز البريدي 121، هاتف", ("1187", "121")),
    ],
)
def test_a_post_office_box_with_its_town(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]
) -> None:
    _masked(anonymizer, text, *parts)


def test_a_landmark_clause_without_a_line_stays(anonymizer: TextAnonymizer) -> None:
    redacted, _ = anonymizer.redact("Tulikutana karibu na Msikiti wa Jamia jana, perto da Igreja Matriz.")
    assert "Msikiti wa Jamia" in redacted
    assert "Igreja Matriz" in redacted


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "ikamet: Karacaören Köyü, Aşağı Mahalle, Hane No: 27, Kozan/Adana; tel",
            ("Karacaören", "27", "Kozan"),
        ),
        (
            "ikamet Güvenevler Mah. 25 Nolu Cad. No: 61 İç Kapı No: 9 Şahinbey/Gaziantep, annesi",
            ("İç Kapı", "Şahinbey"),
        ),
        ("Sértett lakcím: 6413 Kunfehértó, Tanya 227. Telefon", ("Tanya 227",)),
        ("gyvena Pakalnių k. 14, Molėtų r. sav., tel.", ("r. sav",)),
        (
            "elab Rebase talu, Kõrkküla, Otepää vald, 67405 Valgamaa; telefon",
            ("Rebase", "Kõrkküla", "Otepää"),
        ),
        (
            "reside en Finca Los Almendros, Polígono 7, Parcela 41, 06700 Villanueva de la Serena (Badajoz)",
            ("Almendros", "Parcela 41", "Villanueva"),
        ),
        ("residente no Bairro Cassenda, Rua 14, Casa n.º 27, telefone", ("Cassenda", "Rua 14", "27")),
        ("domicilio en la Zona Villa Adela, calle 14, Nº 1187, celular", ("Adela", "1187")),
        ("Яна пражывае: г. Мінск, вул. Кастрычніцкая, д. 10, пакой 517. Тэлефон", ("пакой 517",)),
        ("Верма проживает по адресу ул. Александра Невского, д. 14, комн. 308.", ("308",)),
    ],
)
def test_village_farm_parcel_and_room_lines_each_country_writes(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]
) -> None:
    _masked(anonymizer, text, *parts)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Sent 4 boxes via Box 418 shipping to Kiruna.", "Kiruna"),
        ("The BP 1187 batch was sold.", "batch"),
        ("Ödeme No: 14 ile yapıldı.", "yapıldı"),
    ],
)
def test_boxes_and_door_numbers_without_their_town_take_no_word(
    anonymizer: TextAnonymizer, text: str, kept: str
) -> None:
    redacted, _ = anonymizer.redact(text)
    assert kept in redacted


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # a colonia or a Somali quarter with its block and house, without a street
        (
            "testigo Doña Reina Isabel Zelaya, Col. Kennedy, Bloque 12, Casa 3308, Tegucigalpa.",
            ("Kennedy", "3308"),
        ),
        ("Cinwaan: Degmada Hodan, Xaafadda Taleex, Guriga 41", ("Taleex", "41")),
        # a Philippine zone with its barangay, an Indian village with its ward
        ("nagpuyo sa Zone 5, Barangay Bunawan, luyo sa eskwelahan.", ("Zone 5", "Bunawan")),
        (
            "Smt. Kamla Devi, Village Bagodar, Ward No. 7, P.O. Bagodar, Dist. Giridih, Jharkhand 825322.",
            ("Ward No. 7", "Giridih", "825322"),
        ),
        # Slovene streets in the locative, Albanian in the accusative
        ("stanujoča na Partizanski cesti 37, 2000 Maribor, je", ("Partizanski", "37")),
        ("me banim në Rrugën e Durrësit, Pallati 12, Shk. 2, Ap. 9, Tiranë.", ("Durrësit", "Ap. 9")),
        # Malagasy lots and Brasília's superblocks
        ("monina ao amin'ny Lot IVG 27 Bis Antsahabe, Antananarivo", ("IVG 27", "Antsahabe")),
        ("também recebe correspondência na SQS 308, Bloco K, Apto 402.", ("SQS 308", "402")),
    ],
)
def test_neighbourhood_block_and_inflected_street_lines(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]
) -> None:
    _masked(anonymizer, text, *parts)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Col. Kennedy said the zone 5 was quiet.", "zone 5"),
        ("He bought lot 27 at the auction. Lot 4 was sold.", "Lot 4"),
        ("Zone 5 of the port was closed.", "Zone 5"),
    ],
)
def test_a_title_zone_or_lot_without_its_neighbourhood_is_no_line(
    anonymizer: TextAnonymizer, text: str, kept: str
) -> None:
    redacted, _ = anonymizer.redact(text)
    assert kept in redacted


@pytest.mark.parametrize(
    "line",
    [
        "Col. Rivera Hernández, Sector Sinaí, bloque 14, casa 9",
        "Bairro Polana Caniço A, Quarteirão 23, Casa n.º 41",
        "secteur 28, quartier Dassasgho, rue 28.114, porte 47",
        "Hay Al Farah, Rue 14, n° 23",
        "Barrio Equipetrol Norte, calle 9 Este N° 17, entre 3er y 4to anillo",
        "Av. 17 con calle 110, casa N° 110-35",
        "Sinza Mori, Kitalu 14, Nyumba Na. 228",
        "Grand Yoff, Arafat, kër 2217",
    ],
)
def test_neighbourhood_and_house_lines(anonymizer: TextAnonymizer, line: str) -> None:
    redacted, _ = anonymizer.redact(f"La víctima, domicilio: {line}. Nadie contestó.")
    for word in line.replace(",", " ").split():
        if any(ch.isdigit() for ch in word) or len(word) > 3:
            assert word not in redacted, redacted


@pytest.mark.parametrize(
    "text",
    ["Operation Falcon, Block 8 was seized.", "He moved to Lagos, Plot 5 of the tender."],
)
def test_a_name_and_an_english_lot_word_are_no_house(anonymizer: TextAnonymizer, text: str) -> None:
    _, counts = anonymizer.redact(text)
    assert counts["ADDRESS"] == 0


@pytest.mark.parametrize(
    "line",
    [
        # a floor in Roman numerals after a slash (Croatia, Bosnia, Serbia)
        "Ilica 101/III, Zagreb",
        # a township house with its section letter, an Afrikaans unit
        "B 1432 Ntuli Road, KwaMashu",
        "Eenheid 4, Protea Hof, Voortrekkerweg 118, Bellville, 7530",
        # a Nicaraguan or Costa Rican line counted from a landmark
        "de donde fue el Cine Altamira 2 c. al lago, 1/2 c. arriba, casa 14",
        "de la iglesia católica 200 m sur y 50 este, casa color verde",
    ],
)
def test_local_house_forms(anonymizer: TextAnonymizer, line: str) -> None:
    redacted, _ = anonymizer.redact(f"La víctima vive en {line}. Nadie contestó.")
    for word in line.replace(",", " ").split():
        if any(ch.isdigit() for ch in word) or len(word) > 3:
            assert word not in redacted, redacted


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Poglavlje 12/II zakona je jasno.", "12/II"),
        # a letter after a capitalized word is a name's, not a township section's
        ("Plan B 12 Main Street was never built.", "Plan B"),
        ("Se fue de la casa 200 m sur y volvió.", "200 m sur"),
    ],
)
def test_local_house_forms_need_their_whole_shape(anonymizer: TextAnonymizer, text: str, kept: str) -> None:
    redacted, _ = anonymizer.redact(text)
    assert kept in redacted
