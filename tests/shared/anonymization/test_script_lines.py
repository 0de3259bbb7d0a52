"""Street lines written in Chinese, Korean and Arabic (addresses.yaml: script_lines)."""

from __future__ import annotations

import pytest

from shared.anonymization.street_lines import find_script_lines
from shared.anonymization.text import TextAnonymizer
from shared.anonymization.word_lists import load_word_lists


def lines(text: str) -> list[str]:
    return [text[d.start : d.end] for d in find_script_lines(text, load_word_lists().streets)]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("住上海市浦东新区世纪大道100号2号楼1203室。", "浦东新区世纪大道100号2号楼1203室"),
        ("地址：广州市天河区体育西路23号", "天河区体育西路23号"),
        ("住高雄市苓雅區中正一路120巷5號3樓，", "苓雅區中正一路120巷5號3樓"),
        ("주소: 서울특별시 마포구 월드컵로 212, 1104호", "서울특별시 마포구 월드컵로 212, 1104호"),
        ("대구광역시 수성구 동대구로 45길 12 거주", "대구광역시 수성구 동대구로 45길 12"),
        ("يقيم في 22 شارع الجمهورية، شقة 5، القاهرة", "22 شارع الجمهورية، شقة 5"),
        ("العنوان: عمارة 8، شارع 14، الرياض", "عمارة 8، شارع 14"),
    ],
)
def test_street_lines_of_uncased_scripts(text: str, line: str) -> None:
    assert line in lines(text)


@pytest.mark.parametrize(
    "text",
    [
        "向香港账户汇款210万元。",  # an amount, no road
        "他在路上走了3个小时",  # 路 without a house number and 号
        "서울에서 3시간 동안 통화했다",  # no road word before a number
        "الشارع مزدحم اليوم",  # "the street" without a name and number
    ],
)
def test_sentences_with_numbers_are_not_street_lines(text: str) -> None:
    assert lines(text) == []


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("نشانی: تهران، خیابان ولیعصر، کوچه نسترن، پلاک ۱۲، واحد ۳", ("ولیعصر", "نسترن", "۱۲")),
        ("العنوان: الرياض، حي العليا، شارع التحلية، مبنى 12", ("العليا", "التحلية", "12")),
        ("वह फ्लैट 301, सनशाइन अपार्टमेंट, सेक्टर 15, नोएडा में रहती है।", ("301", "सनशाइन", "सेक्टर 15")),
        ("大阪府堺市中区深井清水町1234番地に住む", ("深井清水町", "1234")),
        ("Adres: Caferağa Mah. Moda Cad. No: 12 D: 4 Kadıköy", ("Moda", "12", "D: 4")),
        (
            "Mağdur Esentepe Mahallesi, Büyükdere Caddesi No:185 adresinde oturuyor.",
            ("Esentepe", "Büyükdere", "185"),
        ),
    ],
)
def test_street_lines_of_more_scripts_and_forms(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]
) -> None:
    redacted, _ = anonymizer.redact(text)
    assert all(part not in redacted for part in parts), redacted


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "سکاڵاکار: شیلان کەریم، دانیشتووی سلێمانی، گەڕەکی سەرچنار، کۆڵانی 14، خانووی 62. "
            "فێڵبازەکە لە ڕێگەی تەلەفۆنەوە پارەی لێ وەرگرت و ون بوو.",
            ("سلێمانی", "سەرچنار", "14", "62"),
        ),
        (
            "قرباني د هرات ښار د جبرئیل سیمه، سړک ۷، کور ۱۵ کې اوسېږي "
            "او درغلګر ورته د بانک په نوم زنګ وواهه.",
            ("جبرئیل", "۷", "۱۵"),
        ),
        (
            "الشاهدة تسكن في عمّان – جبل الحسين، شارع خالد بن الوليد، عمارة 9، شقة 3. "
            "وقد شاهدت السيارة تغادر.",
            ("الحسين", "خالد", "عمارة 9"),
        ),
        (
            "Хохирогч Улаанбаатар хот, Баянгол дүүрэг, 7-р хороо, Баруун тойруу 18, 12 тоот хаягт амьдардаг "
            "бөгөөд түүнд банкны нэрээр хуурамч мессеж ирсэн.",
            ("Баянгол", "7-р хороо", "тойруу 18", "12 тоот"),
        ),
    ],
)
def test_kurdish_pashto_levantine_and_mongolian_lines_inside_text_of_their_script(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]
) -> None:
    redacted, _ = anonymizer.redact(text)
    assert all(part not in redacted for part in parts), redacted


@pytest.mark.parametrize(
    "text",
    [
        "Түүнд 2023 онд 15 тоот мессеж ирсэн гэж мэдүүлсэн байна.",  # a count of messages
        "ڕووداوەکە لە کۆڵانی 27 ڕوویدا و پۆلیس گەیشتە شوێنەکە.",  # a lane alone, no house
    ],
)
def test_a_count_or_a_lane_alone_is_no_kurdish_or_mongolian_line(text: str) -> None:
    assert lines(text) == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "Η καταγγέλλουσα μένει στην Σταδίου 14, Αθήνα 10564 και δέχθηκε τηλεφώνημα.",
            "Σταδίου 14, Αθήνα 10564",
        ),
        ("Ο μάρτυρας είδε τον δράστη επί της Αιόλου 37.", "Αιόλου 37"),
    ],
)
def test_greek_streets_named_in_the_genitive_without_a_type_word(text: str, line: str) -> None:
    assert lines(text) == [line]


@pytest.mark.parametrize(
    "text",
    [
        "Οι δράστες μπήκαν στην Αθήνα 3 φορές μέσα στον Μάιο.",  # a town, then a count
        "Ο ύποπτος πήγε στην Τράπεζα Πειραιώς 2 φορές.",  # a bank's name, then a count
    ],
)
def test_a_place_and_a_count_after_a_greek_preposition_is_no_street_line(text: str) -> None:
    assert lines(text) == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "ఫిర్యాదుదారు ఇంటి నం. 6-3-541/C, రోడ్ నం. 4, జూబ్లీ హిల్స్, హైదరాబాద్. మోసగాడు ఫోన్ చేశాడు.",
            "ఇంటి నం. 6-3-541/C, రోడ్ నం. 4, జూబ్లీ హిల్స్, హైదరాబాద్",
        ),
        (
            "പരാതിക്കാരൻ വീട്ടുനമ്പർ 14/210, ടി.ഡി. റോഡ്, തൃശൂർ 680001. അയാൾ പണം നഷ്ടപ്പെട്ടു.",
            "വീട്ടുനമ്പർ 14/210, ടി.ഡി. റോഡ്, തൃശൂർ 680001",
        ),
        (
            "ជនរងគ្រោះរស់នៅផ្ទះលេខ ៤៨ ផ្លូវ ៦៣ សង្កាត់បឹងកេងកង ភ្នំពេញ ត្រូវបានបោកប្រាស់",
            "ផ្ទះលេខ ៤៨ ផ្លូវ ៦៣ សង្កាត់បឹងកេងកង ភ្នំពេញ",
        ),
    ],
)
def test_indian_house_number_labels_and_khmer_quarters_belong_to_the_line(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    spans = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "ADDRESS"]
    assert len(spans) == 1 and line in spans[0], spans


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # A header block writes each field on its own line: the line break ends the address as a
        # comma or a full stop would.
        (
            "ስልክ፡ +251 922 10 20 30\nአድራሻ፡ ባህር ዳር፣ ጣና ክፍለ ከተማ፣ ቀበሌ 07፣ የቤት ቁጥር 315\nአመልካቹ ገንዘብ ላከ",
            "ጣና ክፍለ ከተማ፣ ቀበሌ 07፣ የቤት ቁጥር 315",
        ),
        ("Μάρτυρας: Σοφία Λ., στην Ερμού 23\nΗ μάρτυρας είδε", "Ερμού 23"),
        ("ที่อยู่: คอนโดลุมพินี ชั้น 8 ห้อง 812\nผู้เสียหายโอนเงิน", "คอนโดลุมพินี ชั้น 8 ห้อง 812"),
    ],
)
def test_a_line_break_ends_a_street_line_of_a_header_block(text: str, line: str) -> None:
    assert line in lines(text)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # a flat written as a room (房) after the house number or the block
        ("住址：深圳市南山区科技园路12号907房。", "南山区科技园路12号907房"),
        ("现住杭州市西湖区文三路45号银泰中心C座1508房，", "西湖区文三路45号银泰中心C座1508房"),
        # a block numbered in Chinese numerals after the estate's name
        ("住址：成都市锦江区春熙路8号银石汇二座1706", "银石汇二座1706"),
        # Hong Kong's floor and the flat's letter after the block
        ("黃先生住九龍灣德福花園3座15樓C室，", "九龍灣德福花園3座15樓C室"),
    ],
)
def test_chinese_rooms_numeral_blocks_and_lettered_flats(text: str, line: str) -> None:
    assert any(line in found for found in lines(text)), lines(text)


@pytest.mark.parametrize("text", ["他说那里有一座2000年建的楼。", "村里有一座1998年修的桥。"])
def test_a_numeral_block_before_a_year_is_no_flat(text: str) -> None:
    assert lines(text) == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Eritrea: region, sub-region, house number.
        ("ነባሪት ዞባ ማእከል፣ ንኡስ ዞባ ጎዳይፍ፣ ገዛ ቁ. 23፣ ስልኪ", "ዞባ ማእከል፣ ንኡስ ዞባ ጎዳይፍ፣ ገዛ ቁ. 23"),
        # A kebele and its sub-city with no house number, and the school the house is near.
        ("ኣብ ቀበሌ 16፣ ክፍለ ከተማ ሓወልቲ፣ ጥቓ ቤት ትምህርቲ ኣጋኣዚ", "ቀበሌ 16፣ ክፍለ ከተማ ሓወልቲ፣ ጥቓ ቤት ትምህርቲ ኣጋኣዚ"),
    ],
)
def test_eritrean_and_kebele_addresses_are_street_lines(text: str, line: str) -> None:
    assert line in lines(text)


def test_a_kebele_number_alone_is_no_street_line() -> None:
    assert lines("ቀበሌ 16 ውስጥ ስብሰባ ተደረገ።") == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # parts written with a space alone, a number with the house word before the verb
        ("ቦሌ ክፍለ ከተማ ወረዳ 03 የቤት ቁጥር 1217 ይኖራል።", "ቦሌ ክፍለ ከተማ ወረዳ 03 የቤት ቁጥር 1217"),
        # a preposition glued to the kebele
        ("ፓንዴይ በቀበሌ 14፣ የቤት ቁጥር 312 ይኖራል።", "በቀበሌ 14፣ የቤት ቁጥር 312"),
        # Tigrinya: street, its name, then the house number written ቁጽሪ ገዛ
        ("ነባሪት ጎደና ሰማእታት ቁጽሪ ገዛ 41፡ ጎዳይፍ፡", "ጎደና ሰማእታት ቁጽሪ ገዛ 41"),
    ],
)
def test_ethiopic_lines_without_the_scripts_comma(text: str, line: str) -> None:
    assert any(line in found for found in lines(text)), lines(text)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("يسكن حي شمبات، مربع 7، منزل رقم 219. أفاد", "حي شمبات، مربع 7، منزل رقم 219"),
        (
            "الساكن بـ إقامة الأمل، عمارة 7، شقة 14، حي المعاريف، هاتف",
            "إقامة الأمل، عمارة 7، شقة 14، حي المعاريف",
        ),
        ("يقيم بحي بوالصوف، عمارة 22، الطابق 3، قسنطينة", "بحي بوالصوف، عمارة 22، الطابق 3"),
    ],
)
def test_arabic_neighbourhood_lines_without_a_street(text: str, line: str) -> None:
    assert any(line in found for found in lines(text)), lines(text)


def test_one_arabic_house_part_alone_is_no_neighbourhood_line() -> None:
    # a single part says too little ("building 3" of a list, a lot at an auction)
    assert not any("عمارة 3" in found for found in lines("اشترى عمارة 3 في المزاد"))
