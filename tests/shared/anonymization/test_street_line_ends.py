"""Floor, door and flat parts and the postcode written after a street line are masked with it, and so
is the town written with its postcode (the postal line: an address written as one unit is masked as
one unit); a town written alone after the line stays (shared/anonymization/addresses.yaml:
floor_parts, postcodes, last_localities)."""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.anonymization.detectors import Detection
from shared.anonymization.street_lines import _bundled, extend_line_ends
from shared.anonymization.text import TextAnonymizer
from shared.anonymization.word_lists import load_word_lists


def addresses(anonymizer: TextAnonymizer, text: str) -> list[str]:
    return [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "ADDRESS"]


@pytest.mark.parametrize(
    ("cue", "line", "town"),
    [
        ("domiciliado en", "Calle Mayor 5, 3º B, 28013", "Madrid"),
        ("con domicilio en", "Avda. de Aragón, 12, pta. 4, 46010", "Valencia"),
        ("residente na", "Rua do Ouro, 120, 2.º Dto., 1100-060", "Lisboa"),
        ("residente in", "Via Nazionale 40, int. 7, 00184", "Roma"),
        ("wohnhaft", "Landstraßer Hauptstraße 12/3/8, 1030", "Wien"),
        ("wonende aan de", "Keizersgracht 100-2, 1015 CX", "Amsterdam"),
        ("zamieszkały przy", "ul. Długa 7/12, 80-831", "Gdańsk"),
        ("bor på", "Vestergade 45, 2. th., 8000", "Aarhus"),
        ("lakik", "Váci utca 10. 3. em. 2., 1052", "Budapest"),
        ("residente en", "Calle 72 # 10-34, apto 301,", "Bogotá"),
        ("Adres:", "Cumhuriyet Caddesi No: 45 Daire: 3,", "Şişli"),
        ("ADRES:", "İnönü Bulvarı No:12/4,", "Ankara"),
    ],
)
def test_floor_parts_and_postcode_go_with_the_street_line(
    anonymizer: TextAnonymizer, cue: str, line: str, town: str
) -> None:
    text = f"{cue} {line} {town}."
    redacted, _ = anonymizer.redact(text)
    # the town written after the line, with its postcode or alone, is part of the address
    assert f"{line} {town}" in addresses(anonymizer, text)
    assert town not in redacted


@pytest.mark.parametrize(
    "after",
    [
        ", 1500 euros were lost",
        ", 2019 was the year",
        " 3 times a week",
        ", 12 calls",
        ", 4º piano era vuoto",
    ],
)
def test_numbers_after_a_street_line_without_a_town_stay(after: str) -> None:
    # A postcode needs a capitalized town after it; a floor part needs its own shape.
    text = f"Rua do Ouro 120{after}"
    line = Detection(0, len("Rua do Ouro 120"), "ADDRESS")
    (extended,) = extend_line_ends(text, [line], load_word_lists().streets)
    assert text[extended.start : extended.end] in {"Rua do Ouro 120", "Rua do Ouro 120, 4º"}


def test_a_postcode_read_as_a_phone_number_is_the_address(anonymizer: TextAnonymizer) -> None:
    text = "residente na Rua das Flores, 33, 4050-262 Porto"
    kinds = {(text[d.start : d.end], d.kind) for d in anonymizer.find(text)}
    assert ("Rua das Flores, 33, 4050-262 Porto", "ADDRESS") in kinds
    assert all(kind != "PHONE" for _, kind in kinds)


@pytest.mark.parametrize(
    ("text", "masked", "kept"),
    [
        # The places written after a street line, the town included, are part of the address.
        (
            "She lives at 14 Rosemount Close, Knocklyon, Dublin 16, and paid.",
            ("Knocklyon", "Dublin"),
            ("paid",),
        ),
        ("Domicilio: Calle Olmo 8, Barrio San Telmo, Córdoba.", ("San Telmo", "Córdoba"), ("Domicilio",)),
        ("Adres: Atatürk Caddesi No: 51, Göztepe, İzmir'de oturuyor.", ("Göztepe", "İzmir"), ("oturuyor",)),
        ("العنوان: ٤٢ شارع الجمهورية، المنيل، القاهرة", ("المنيل", "القاهرة"), ()),
        ("Địa chỉ: số 9 phố Hàng Bạc, phường Hàng Đào, Hà Nội.", ("Hàng Đào", "Hà Nội"), ("Địa chỉ",)),
        # A country written last stays.
        ("Adres: ul. Lipowa 7, Mokotów, Warszawa, Polska.", ("Lipowa", "Mokotów", "Warszawa"), ("Polska",)),
        (
            "Domicilio: Calle Olmo 8, Barrio Sur, Montevideo, Uruguay.",
            ("Barrio Sur", "Montevideo"),
            ("Uruguay",),
        ),
        (
            "The victim lives at 5 Harbour Cottages, Whitby. She paid.",
            ("Harbour", "5", "Whitby"),
            ("She paid",),
        ),
    ],
)
def test_localities_below_the_town_go_with_the_street_line(
    anonymizer: TextAnonymizer, text: str, masked: tuple[str, ...], kept: tuple[str, ...]
) -> None:
    redacted, _ = anonymizer.redact(text)
    assert all(part not in redacted for part in masked), redacted
    assert all(part in redacted for part in kept), redacted


@given(
    town=st.sampled_from(["Gdańsk", "Kraków", "Lublin", "Toruń"]),
    words=st.lists(
        st.sampled_from(["and", "then", "the", "victim", "paid", "a", "fee"]), min_size=1, max_size=6
    ),
)
@settings(max_examples=40, deadline=None)
def test_lowercase_words_after_the_town_are_never_a_locality(
    anonymizer: TextAnonymizer, town: str, words: list[str]
) -> None:
    text = f"Adres: ul. Lipowa 9, {town}, {' '.join(words)}."
    assert [f for f in addresses(anonymizer, text) if not f.endswith(town)] == []


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Karim B., résidant Appt 4, Résidence Les Jasmins, Bd Anfa, Casablanca, a payé.",
            ("Appt 4", "Jasmins", "Anfa"),
        ),
        ("Vive en Torre Sur, Av. Libertador 1200, Buenos Aires.", ("Torre Sur", "Libertador")),
        ("Tenant of Flat 3, Osprey House, 18 Larkspur Road, Leeds.", ("Flat 3", "Osprey", "Larkspur")),
    ],
)
def test_flats_and_named_buildings_before_a_street_line_go_with_it(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...]
) -> None:
    redacted, _ = anonymizer.redact(text)
    assert all(part not in redacted for part in parts), redacted


@pytest.mark.parametrize(
    ("text", "parts", "kept"),
    [
        (
            "Address: 4 Kloof Road, Gardens\nCity: Cape Town\nPhone: none",
            ("Kloof", "Gardens"),
            ("Cape Town",),
        ),
        ("Adresse : 7 ter rue des Tanneurs\nVille : Colmar", ("Tanneurs", "ter"), ("Colmar",)),
        ("Het slachtoffer woont op Lijnbaansgracht 52 bis in Amsterdam.", ("52", "bis"), ("Amsterdam",)),
    ],
)
def test_a_suburb_above_a_town_field_and_split_house_numbers(
    anonymizer: TextAnonymizer, text: str, parts: tuple[str, ...], kept: tuple[str, ...]
) -> None:
    redacted, _ = anonymizer.redact(text)
    assert all(part not in redacted for part in parts), redacted
    assert all(part in redacted for part in kept), redacted


def _caught(text: str, value: str, found: list[Detection]) -> bool:
    """Every letter and digit of `value` lies inside a masked detection."""
    start = text.index(value)
    return all(
        not ch.isalnum() or any(d.start <= start + i < d.end and d.kind != "OFFENDER-PHONE" for d in found)
        for i, ch in enumerate(value)
    )


@pytest.mark.parametrize(
    ("text", "line", "town"),
    [
        (
            "Victime : Mme Odile Perrin, 8 rue des Acacias, bât. C, 69007 Lyon, a payé.",
            "8 rue des Acacias, bât. C, 69007 Lyon",
            "",
        ),
        (
            "domicilié avenue Louise 231 boîte 12, 1050 Bruxelles.",
            "avenue Louise 231 boîte 12, 1050 Bruxelles",
            "",
        ),
        (
            "Il habite au 845, boul. Saint-Joseph, app. 6, Gatineau.",
            "845, boul. Saint-Joseph, app. 6",
            "Gatineau",
        ),
        ("reside en Calle 52 # 31 Sur-48, Apto 503, Bogotá.", "Calle 52 # 31 Sur-48, Apto 503", "Bogotá"),
        (
            "La damnificada, Av. Corrientes 3150, piso 7 «B», C1193 CABA, pagó.",
            "Av. Corrientes 3150, piso 7 «B», C1193 CABA",
            "",
        ),
        (
            "Morada: Rua Augusta, n.º 210, 3.º Esq., 1100-053 Lisboa.",
            "Rua Augusta, n.º 210, 3.º Esq., 1100-053 Lisboa",
            "",
        ),
        (
            "residente na Travessa da Rosa, 8, r/c, 4000-123 Porto, viu",
            "Travessa da Rosa, 8, r/c, 4000-123 Porto",
            "",
        ),
        (
            "Endereço: Av. Paulista, 1578, bloco 3, ap. 82, São Paulo.",
            "Av. Paulista, 1578, bloco 3, ap. 82",
            "São Paulo",
        ),
        (
            "mevrouw Jansen, Herengracht 230-II, 1016 BT Amsterdam. Ze",
            "Herengracht 230-II, 1016 BT Amsterdam",
            "",
        ),
        ("wohnhaft Lindenstraße 14, 3. OG, 10969 Berlin, zahlte", "Lindenstraße 14, 3. OG, 10969 Berlin", ""),
        (
            "проживает: Кутузовский пр-т, д. 12А, кв. 41, Москва.",
            "Кутузовский пр-т, д. 12А, кв. 41",
            "Москва",
        ),
        (
            "Tanık Cumhuriyet Mah. 1432. Sok. No: 5/2, Karşıyaka adresinde",
            "Cumhuriyet Mah. 1432. Sok. No: 5/2",
            "Karşıyaka",
        ),
        ("Vítima: str. Mihai Eminescu 22, ap. 14, Iași.", "str. Mihai Eminescu 22, ap. 14", "Iași"),
        ("Otec, bytem tř. Míru 15, 602 00 Brno, tel.", "tř. Míru 15, 602 00 Brno", ""),
        (
            "il sig. Bianchi, viale Certosa 118, 20156 Milano, ha pagato",
            "viale Certosa 118, 20156 Milano",
            "",
        ),
        ("Lakcím: Petőfi Sándor utca 7. fsz. 3., Szeged", "Petőfi Sándor utca 7. fsz. 3.", "Szeged"),
        ("alamat Jl. Merdeka No. 8, RT 02/RW 05, Bandung.", "Jl. Merdeka No. 8, RT 02/RW 05", "Bandung"),
        (
            "Địa chỉ: 57/3 đường Nguyễn Trãi, phường 2, quận 5, TP.HCM",
            "57/3 đường Nguyễn Trãi, phường 2",
            "TP",
        ),
        ("მისამართი: რუსთაველის გამზ. 12, ბ. 7, თბილისი.", "რუსთაველის გამზ. 12, ბ. 7", "თბილისი"),
    ],
)
def test_flat_building_and_postcode_tails_go_with_the_line(
    anonymizer: TextAnonymizer, text: str, line: str, town: str
) -> None:
    assert _caught(text, line, anonymizer.find(text))
    if town:  # written alone after the line, without its postcode: part of the address too
        assert town not in anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Victim X, Mz. B Lt. 7, Urb. Santa Rosa, Lima, paid.", "Mz. B Lt. 7"),
        ("She lives at Blk 12 Lot 4 Phase 2, Camella Homes, Bacoor.", "Blk 12 Lot 4 Phase 2"),
        ("Victim, House # 112-B, Street 14, F-8/3, Islamabad, lost", "House # 112-B, Street 14, F-8/3"),
        (
            "Alamat: Perum Bumi Indah Blok D2 No. 15, RT 003/RW 007, Depok.",
            "Perum Bumi Indah Blok D2 No. 15, RT 003/RW 007",
        ),
        ("The victim, P.O. Box 30211-00100, Nairobi, sent", "P.O. Box 30211-00100"),
        ("عنوانها: ص.ب. 4312، الرياض", "ص.ب. 4312"),
        ("عنوانه: سكة 1834، مبنى 57، السيب، مسقط.", "سكة 1834، مبنى 57"),
        ("نشانی: تهران، خیابان آزادی، کوچه ۱۴، پلاک ۹.", "خیابان آزادی، کوچه ۱۴، پلاک ۹"),
        ("ঠিকানা: বাড়ি নং ৮, রোড নং ১২, গুলশান, ঢাকা।", "বাড়ি নং ৮, রোড নং ১২"),
        ("ঠিকানা: ফ্ল্যাট ৫এ, ১২ লেক অ্যাভিনিউ, কলকাতা।", "ফ্ল্যাট ৫এ, ১২ লেক অ্যাভিনিউ"),
        ("முகவரி: கதவு எண் 17, காந்தி தெரு, மதுரை.", "கதவு எண் 17, காந்தி தெரு"),
        ("पता: ग्राम व पोस्ट सरैया, वार्ड नं. 4, ज़िला मुज़फ़्फ़रपुर।", "ग्राम व पोस्ट सरैया, वार्ड नं. 4"),
        (
            "ผู้เสียหาย บ้านเลขที่ 12/3 หมู่ 5 ถนนพหลโยธิน ตำบลคลองหนึ่ง อำเภอคลองหลวง",
            "บ้านเลขที่ 12/3 หมู่ 5 ถนนพหลโยธิน ตำบลคลองหนึ่ง",
        ),
        ("ที่อยู่ 88 ซอยลาดพร้าว 15 แยก 3 แขวงจอมพล เขตจตุจักร", "88 ซอยลาดพร้าว 15 แยก 3 แขวงจอมพล"),
        ("거주지: 부산광역시 해운대구 중동 1394-65.", "중동 1394-65"),
        (
            "주소: 대전광역시 서구 둔산로 45, 푸른빌라 C동 402호",
            "대전광역시 서구 둔산로 45, 푸른빌라 C동 402호",
        ),
        ("주소: 서울특별시 중구 세종대로 110, 시민빌딩 7층", "서울특별시 중구 세종대로 110, 시민빌딩 7층"),
        ("住所：北海道札幌市中央区南3条西7丁目2-4 グランハイツ502", "南3条西7丁目2-4 グランハイツ502"),
        ("住所：福岡県福岡市博多区博多駅前3-2-8-1204。", "博多駅前3-2-8-1204"),
        ("住北京市海淀区中关村大街27号中关村大厦A座1508，损失", "中关村大街27号中关村大厦A座1508"),
        ("户籍地址：河南省郑州市金水区文化路北段12号院。", "文化路北段12号院"),
        ("地址：台北市大安區忠孝東路四段216巷27弄5號3樓", "忠孝東路四段216巷27弄5號3樓"),
        ("住所：大阪府大阪市北区梅田1丁目1番3号 大阪駅前第3ビル2階", "梅田1丁目1番3号 大阪駅前第3ビル2階"),
        ("Հասցե՝ Մաշտոցի պող. 12, բն. 5, Երևան", "Մաշտոցի պող. 12, բն. 5"),
        ("La víctima vive en Calle 5 N° 123, La Plata.", "Calle 5 N° 123"),
        ("Reside en Carrera 17 # 49-3 Este, Medellín.", "Carrera 17 # 49-3 Este"),
        ("Domicilio: Cl. 26 Sur # 8-20, Bogotá.", "Cl. 26 Sur # 8-20"),
        ("She lives at B12 L7 Mabini Street, Dasmariñas.", "B12 L7 Mabini Street"),
        ("Victim, House No. 41, Road No. 7, Banani, Dhaka, lost", "House No. 41, Road No. 7"),
        ("ঠিকানা: বাসা নং ৪১, রোড নং ৭, বনানী।", "বাসা নং ৪১, রোড নং ৭"),
        ("Il habite au 212 rang Sainte-Anne, Rimouski.", "212 rang Sainte-Anne"),
    ],
)
def test_block_lot_box_and_script_lines(anonymizer: TextAnonymizer, text: str, line: str) -> None:
    assert _caught(text, line, anonymizer.find(text))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Потерпевшая Иванова, 1985 г. р., сообщила", "1985"),
        ("יוסי כהן, בן 47, העביר כסף", "47"),
        ("受害人被骗新元12万。", "12"),
        ("დაკარგა 40 000 აშშ დოლარი.", "40 000"),
        ("呼叫中心的人拨打400-826-9731诱导受害人", "400"),
    ],
)
def test_years_ages_amounts_and_service_numbers_are_no_addresses(
    anonymizer: TextAnonymizer, text: str, kept: str
) -> None:
    assert "ADDRESS" not in {d.kind for d in anonymizer.find(text)}


@given(
    letter=st.sampled_from("ABCDEFGHJK"),
    block=st.integers(1, 99),
    lot=st.integers(1, 999),
)
@settings(max_examples=40, deadline=None)
def test_a_block_and_lot_is_always_masked(
    anonymizer: TextAnonymizer, letter: str, block: int, lot: int
) -> None:
    for line in (f"Mz. {letter} Lt. {lot}", f"Blk {block} Lot {lot}", f"Blok {letter}{block} No. {lot}"):
        text = f"The victim lives at {line}, near the market."
        assert _caught(text, line, anonymizer.find(text))


@given(
    dong=st.sampled_from(["중동", "우동", "인계동", "봉명동", "신사동", "하단동"]),
    main=st.integers(1, 2999),
    sub=st.integers(1, 99),
)
@settings(max_examples=40, deadline=None)
def test_a_korean_lot_number_after_a_district_is_masked(
    anonymizer: TextAnonymizer, dong: str, main: int, sub: int
) -> None:
    line = f"{dong} {main}-{sub}"
    text = f"주소: 경기도 수원시 팔달구 {line}."
    assert _caught(text, line, anonymizer.find(text))


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Victim: Ana Lopes, 255 Kirui Club, Nairobi; card skimmed.", "255 Kirui Club"),
        ("Address: 4821 Maple Creek\nCity: Austin", "4821 Maple Creek"),
        ("lives at 77 Harbor Point Station, Tampa.", "77 Harbor Point Station"),
    ],
)
def test_us_postal_street_types_that_are_common_words_after_a_number_and_a_name(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert _caught(text, line, anonymizer.find(text))


@pytest.mark.parametrize(
    "text",
    ["She got 5 Club cards and 3 stations.", "The 2 Forest fires and 12 springs were mapped."],
)
def test_such_types_without_a_name_before_them_are_no_address(anonymizer: TextAnonymizer, text: str) -> None:
    assert "ADDRESS" not in {d.kind for d in anonymizer.find(text)}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # floors and flats written the local way after the line
        ("Elle habite 14 rue des Tanneurs, 3e étage à Rouen.", "14 rue des Tanneurs, 3e étage"),
        ("wohnhaft Lindenweg 12, 2. OG rechts, 50667 Köln.", "Lindenweg 12, 2. OG rechts, 50667 Köln"),
        ("Domicilio: Av. Rivadavia 4410, piso 3, depto. C, CABA.", "Av. Rivadavia 4410, piso 3, depto. C"),
        ("abita in Via Roma 12, scala C, int. 4, Bari.", "Via Roma 12, scala C, int. 4"),
        ("Адрес: Литейный пр., д. 15, лит. Б, кв. 3, Санкт-Петербург.", "Литейный пр., д. 15, лит. Б, кв. 3"),
        ("Διεύθυνση: Οδός Ερμού 20, 2ος όροφος, Αθήνα.", "Οδός Ερμού 20, 2ος όροφος"),
        ("היא גרה ברחוב הרצל 40, דירה 6, חיפה.", "ברחוב הרצל 40, דירה 6"),
        ("Lakik: Petőfi tér 3. II/4., Pécs.", "Petőfi tér 3. II/4."),
        ("živi na adresi Ulica Ivana Gundulića 5, 3. kat.", "Ulica Ivana Gundulića 5, 3. kat"),
        ("са адресе Булевар ослобођења 20, стан 7, Нови Сад.", "Булевар ослобођења 20, стан 7"),
        # lowercase street types right after a house number; Hungarian "u." and doors; "c/o"
        ("Elle demeure 8 place des Terreaux à Lyon.", "8 place des Terreaux"),
        ("Lakcím: Kossuth u. 14. 3/2., Debrecen.", "Kossuth u. 14. 3/2."),
        ("Lieferung an Gartenstraße 9, c/o Kiosk Meyer in Essen.", "Gartenstraße 9, c/o Kiosk Meyer"),
        ("mora na Rua Augusta, 900 - apto 12, Lisboa.", "Rua Augusta, 900 - apto 12"),
        # a street without a type word after an address cue of more languages
        ("Poškodená býva na Obežná 41, Košice.", "Obežná 41"),
        ("Svjedok živi na Vlaška 77, Zagreb.", "Vlaška 77"),
        ("Hún býr á Skólavörðustígur 30, Reykjavík.", "Skólavörðustígur 30"),
        ("Hän asuu osoitteessa Hämeenkatu 15 B 9, Tampere.", "Hämeenkatu 15 B 9"),
        # a postcode after its label; Swedish, Norwegian, Finnish and Dutch flats and floors
        ("Domicilio: Calle Morelos 45, C.P. 44100, Jalisco.", "Calle Morelos 45, C.P. 44100"),
        ("bor på Kungsgatan 7, 2 tr, Uppsala.", "Kungsgatan 7, 2 tr"),
        ("bor i Thereses gate 14, H0302, Oslo.", "Thereses gate 14, H0302"),
        ("asuu Hämeentie 40 as. 7, Helsinki.", "Hämeentie 40 as. 7"),
        ("woont op Prinsengracht 20-2hoog, Amsterdam.", "Prinsengracht 20-2hoog"),
        # a barangay, kelurahan or quartier named with its word is part of the address
        ("nakatira sa 8 Rizal St., Brgy. Malinis, Lipa.", "8 Rizal St., Brgy. Malinis"),
        ("habite 4 rue Sainte, quartier Belsunce, Marseille.", "4 rue Sainte, quartier Belsunce"),
        # postcodes of Canada and Singapore, also ending the sentence
        (
            "habite au 310, rue King Est, app. 12, J1H 1P4 Sherbrooke.",
            "310, rue King Est, app. 12, J1H 1P4 Sherbrooke",
        ),
        ("lives at Blk 12 Tampines St 11, #05-22, S521012.", "Blk 12 Tampines St 11, #05-22, S521012"),
        # a part of the town named with its word goes with the line, even last
        ("vive en Calle 8 # 12-40, barrio La Candelaria.", "Calle 8 # 12-40, barrio La Candelaria"),
        ("Nhà ở Số 15 đường Trần Phú, quận Ba Đình.", "Số 15 đường Trần Phú, quận Ba Đình"),
        # streets named after a date
        ("entrega en Calle 16 de Septiembre 88, Oaxaca.", "Calle 16 de Septiembre 88"),
        # Arabic, Persian, Hindi and Bengali lines with their blocks, buildings and neighbourhoods
        ("يسكن في شارع المتنبي، بناية النور، الطابق ٣، بيروت.", "شارع المتنبي، بناية النور، الطابق ٣"),
        ("يقيم في زنقة الفرابي، رقم ٩، فاس.", "زنقة الفرابي، رقم ٩"),
        ("نشانی: بلوار فردوس‌غرب، گلستان ۳، پلاک ۱۸.", "بلوار فردوس‌غرب، گلستان ۳، پلاک ۱۸"),
        (
            "واحدی در خیابان آزادی، کوچه نسترن، پلاک ۴، طبقه سوم، تهران.",
            "خیابان آزادی، کوچه نسترن، پلاک ۴، طبقه سوم",
        ),
        ("उसका पता मकान नं. 45/2, राजेन्द्र नगर, पटना।", "मकान नं. 45/2, राजेन्द्र नगर"),
        ("ঠিকানা: বাড়ি ৮, রোড ২, গুলশান, ঢাকা।", "বাড়ি ৮, রোড ২, গুলশান"),
    ],
)
def test_more_line_parts_of_many_countries(anonymizer: TextAnonymizer, text: str, line: str) -> None:
    found = addresses(anonymizer, text)
    assert any(line in f for f in found), found


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("住址上海市长宁区天山路600号弘基大厦3号楼15层1502室，", "天山路600号弘基大厦3号楼15层1502室"),
        ("寄至九龍彌敦道500號海景之城2期7樓，", "九龍彌敦道500號海景之城2期7樓"),
        ("주소 대전광역시 유성구 대학로 99, 지하 2층 B12호.", "유성구 대학로 99, 지하 2층 B12호"),
        ("직장 주소 세종특별자치시 가름로 5 등", "가름로 5"),
        ("住所：大阪府堺市北花田町2丁目5番 コーポ北花田305。", "北花田町2丁目5番 コーポ北花田305"),
        ("الشاهد يسكن في قطعة ٧، شارع ٣، منزل ١٢.", "قطعة ٧، شارع ٣، منزل ١٢"),
        ("ที่อยู่ 45/12 หมู่บ้านชลลดา 3 ซอย 2 ถนนบางนา", "45/12 หมู่บ้านชลลดา 3 ซอย 2 ถนนบางนา"),
    ],
)
def test_lines_of_scripts_without_case_with_their_buildings_and_flats(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    found = addresses(anonymizer, text)
    assert any(line in f for f in found), found


@pytest.mark.parametrize(
    ("text", "line", "kept"),
    [
        # A town written with its postcode after it ends a full postal line: it goes with it.
        ("The parcel went to 3/45 Beach Street, Coogee NSW 2034.", "3/45 Beach Street, Coogee NSW 2034", ""),
        ("He resides at 14 Kings Road, Brighton BN1 2FA.", "14 Kings Road, Brighton BN1 2FA", ""),
        (
            "She lives at 8 Church Lane, Little Snoring, Norfolk NR21 0AX.",
            "Little Snoring, Norfolk NR21 0AX",
            "",
        ),
        (
            "Victim address: 45 MG Road, Koramangala, Pune - 411001.",
            "45 MG Road, Koramangala, Pune - 411001",
            "",
        ),
        ("He lives at 4B Marine Parade, Napier 4110, New Zealand.", "4B Marine Parade, Napier 4110", ""),
        (
            "Address: 77 Bloor St W, Suite 1200, Toronto ON M5S 1M2.",
            "77 Bloor St W, Suite 1200, Toronto ON M5S 1M2",
            "",
        ),
        # A Turkish district and province ("ilçe/il") end the line.
        ("Adres: Bağdat Caddesi No: 245 Daire: 8, Kadıköy/İstanbul.", "Kadıköy/İstanbul", ""),
        ("Kızılay Mah. Ziya Gökalp Cad. No:12/4 Çankaya/Ankara adresinde", "No:12/4 Çankaya/Ankara", ""),
        # Spanish and Catalan floors and doors, a number after "#", a letter after a slash
        (
            "Domicilio: C/ San Vicente Mártir, 71, bajo, Valencia.",
            "C/ San Vicente Mártir, 71, bajo",
            "Valencia",
        ),
        (
            "Residente en Calle Real, 14, 2º izquierda, 15003 A Coruña.",
            "Calle Real, 14, 2º izquierda, 15003 A Coruña",
            "",
        ),
        (
            "El envío llegó a Carrer de Mallorca 401, 3r 1a, Barcelona.",
            "Carrer de Mallorca 401, 3r 1a",
            "Barcelona",
        ),
        (
            "Vive en Avenida Insurgentes Sur #1602, Col. Del Valle, CDMX.",
            "Insurgentes Sur #1602, Col. Del Valle",
            "CDMX",
        ),
        ("Entregaron el paquete en Jr. Huallaga 358, Lima.", "Jr. Huallaga 358", "Lima"),
        (
            "Domiciliata in Via dei Mille, 23/B, interno 4, Napoli.",
            "Via dei Mille, 23/B, interno 4",
            "Napoli",
        ),
        # An English ordinal as a street's name; a plot number
        ("Goods were shipped to 55 W 46th St, Apt 12B, New York.", "55 W 46th St, Apt 12B", "New York"),
        ("The complainant stays at Plot 45, Ngong Road, Nairobi.", "Plot 45, Ngong Road", "Nairobi"),
        # Greek accusative "οδό", Czech locative "ulici", a Bulgarian name in quotes
        ("Το θύμα μένει στην οδό Ερμού 25, 10563 Αθήνα.", "οδό Ερμού 25, 10563 Αθήνα", ""),
        ("Bydlí v ulici Korunní 45, Praha.", "ulici Korunní 45", "Praha"),
        ("Живее на ул. „Витоша“ № 15, ет. 3, ап. 7, София.", "ул. „Витоша“ № 15, ет. 3, ап. 7", "София"),
        # A Korean road address with its province, city and district written before it
        (
            "피해자 주소 경기도 용인시 수지구 포은대로 435, 702동 1801호.",
            "경기도 용인시 수지구 포은대로 435, 702동 1801호",
            "",
        ),
    ],
)
def test_postal_lines_of_more_countries(anonymizer: TextAnonymizer, text: str, line: str, kept: str) -> None:
    found = addresses(anonymizer, text)
    assert any(line in f for f in found), found
    if kept:  # the town written after the line goes with it
        assert kept not in anonymizer.redact(text)[0]


@given(
    town=st.sampled_from(["Whitby", "Leeds", "Geelong", "Napier", "Mysore"]),
    year=st.integers(min_value=1900, max_value=2049),
)
@settings(max_examples=40, deadline=None)
def test_a_town_followed_by_a_year_stays(anonymizer: TextAnonymizer, town: str, year: int) -> None:
    # A four-digit postcode after a town needs a state before it when it reads as a year.
    text = f"A parcel for 5 Harbour Cottages, {town} {year}. It was lost."
    assert town in anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Spanish floors as ordinals and words, a road's kilometre, Quito's block numbers, a zone
        (
            "Vive en el Paseo de la Castellana 259, planta 12, Madrid.",
            "Paseo de la Castellana 259, planta 12",
        ),
        ("Entrega en Avda. Diagonal, 640, 6ª planta, Barcelona.", "Avda. Diagonal, 640, 6ª planta"),
        ("Vivía en calle de Serrano, número 45, tercero izquierda, Madrid.", "número 45, tercero izquierda"),
        ("La nave está en Ctra. de Valencia, km 7, Zaragoza.", "Ctra. de Valencia, km 7"),
        ("Su domicilio es Av. Amazonas N34-120 y Av. Colón, Quito.", "Av. Amazonas N34-120"),
        ("Vive en 6a. Avenida 12-34, Zona 1, Guatemala.", "6a. Avenida 12-34, Zona 1"),
        ("Domicilio: Av. Miranda, Edif. Cristal, piso 3, apto 3-B, Chacao.", "piso 3, apto 3-B"),
        ("La víctima vive en Urb. Los Pinos, parcela 23, Marbella.", "Urb. Los Pinos, parcela 23"),
        # A Hong Kong floor; a line going on after a number that ended an estate's name
        ("He lives at Flat B, 12/F, Harbour View Gardens, 88 King's Road, North Point.", "88 King's Road"),
        # A number's prefix is no street name ("Sok. No: 9")
        ("Tanık (Muratpaşa, Şirinyalı Mah. 1502 Sok. No: 9) gördü.", "Şirinyalı Mah. 1502 Sok. No: 9"),
        # Japanese blocks with fullwidth hyphens and a lot after 番地
        ("被害者の自宅は埼玉県さいたま市浦和区高砂３丁目１５－１。", "高砂３丁目１５－１"),
        ("住所：神奈川県横浜市港北区新横浜2丁目5番地の1", "新横浜2丁目5番地の1"),
        # Chinese estates and villages without a road, a Taiwanese flat after its floor
        ("受害人家住阳光花园小区5栋2单元501室，损失20万元。", "阳光花园小区5栋2单元501室"),
        ("受害人住在河南省周口市郸城县汲冢镇王庄村3组18号。", "王庄村3组18号"),
        ("受害人住在香港沙田禾輋邨豐和樓1203室。", "禾輋邨豐和樓1203室"),
        ("地址：台北市信義區松仁路100號12樓之3", "松仁路100號12樓之3"),
    ],
)
def test_floors_blocks_and_estates_written_the_local_way(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    found = addresses(anonymizer, text)
    assert any(line in f for f in found), found


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Czech streets named with a preposition and adjectives in -cká
        ("Balík byl doručen na adresu K Barrandovu 1247/12, 152 00 Praha 5.", "K Barrandovu 1247/12, 152 00"),
        ("Bydlí v Praze 4, Budějovická 1518/13a.", "Budějovická 1518/13a"),
        # A postcode after a dash (Italy), a letter after a hyphen and a Roman floor (the Netherlands)
        ("Il pacco è stato consegnato in Viale Monza, 120 – 20127 Milano.", "Viale Monza, 120 – 20127"),
        ("Het slachtoffer woont Hoofdstraat 12-A, 9711 AB Groningen.", "Hoofdstraat 12-A, 9711 AB"),
        ("Woonachtig Jan van Galenstraat 4 III, Amsterdam.", "Jan van Galenstraat 4 III"),
        # A named building with a particle before its name
        ("Il habite Résidence du Parc, appt 23, 5 allée Jean Moulin, Rennes.", "Résidence du Parc, appt 23"),
        # Indian flats named by a letter and a number, with their sector; a Hindi floor
        ("आरोपी बी-204, सेक्टर 18, रोहिणी, दिल्ली में रहता है।", "बी-204, सेक्टर 18"),
        ("The accused lives at C-12, Sector 62, Noida.", "C-12, Sector 62"),
        ("पता: बी-14, शिवाजी पार्क, दूसरी मंज़िल, पुणे।", "बी-14, शिवाजी पार्क, दूसरी मंज़िल"),
    ],
)
def test_more_line_forms_of_central_europe_and_india(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    found = addresses(anonymizer, text)
    assert any(line in f for f in found), found


@pytest.mark.parametrize("text", ["Նա կորցրեց 18 000 դոլար։", "Վճարել է 250 000 դրամ։"])
def test_armenian_amounts_are_no_addresses(anonymizer: TextAnonymizer, text: str) -> None:
    assert addresses(anonymizer, text) == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # A town whose name holds 道 is no Hokkaido: it goes with its block
        ("被害者は東京都渋谷区道玄坂一丁目12番1号に住んでいる。", "道玄坂一丁目12番1号"),
        # Arabic: a building number after رقم, an ordinal floor, a Tunisian number after عدد, a road,
        # a district named before the street, a street word with a preposition
        (
            "تسكن الضحية في شارع الجمهورية، عمارة رقم ١٥، الطابق الرابع، شقة ٨، عمّان.",
            "شارع الجمهورية، عمارة رقم ١٥، الطابق الرابع، شقة ٨",
        ),
        ("يقيم في نهج الحبيب بورقيبة عدد ٢٥، تونس.", "نهج الحبيب بورقيبة عدد ٢٥"),
        ("العنوان: طريق المطار، مجمع ٣٢٤، مبنى ١٢٠٥، المنامة.", "طريق المطار، مجمع ٣٢٤، مبنى ١٢٠٥"),
        ("يقيم في حي السلامة، شارع الأمير ماجد، فيلا ٣٤، جدة.", "حي السلامة، شارع الأمير ماجد، فيلا ٣٤"),
        ("يقطن في المنزل رقم ١٢ بشارع الاستقلال، الخرطوم.", "بشارع الاستقلال"),
    ],
)
def test_japanese_towns_and_arabic_line_parts(anonymizer: TextAnonymizer, text: str, line: str) -> None:
    found = addresses(anonymizer, text)
    assert any(line in f for f in found), found


@pytest.mark.parametrize("text", ["انتظر الضحية ٣ ساعات في الطريق.", "استمرت المكالمة ٤٥ دقيقة."])
def test_arabic_hours_and_minutes_are_no_house_numbers(anonymizer: TextAnonymizer, text: str) -> None:
    assert addresses(anonymizer, text) == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # A street without a number after a cue, its type written after the name
        ("The victim, who lives on Elm Street, lost $400.", "Elm Street"),
        # ... or between commas, before a town written with its postcode (a full postal line)
        (
            "The manager Pádraig Ó Floinn, Ballinamore Road, Drumshanbo, Co. Leitrim N41 X2Y8, paid.",
            "Ballinamore Road, Drumshanbo, Co. Leitrim N41 X2Y8",
        ),
    ],
)
def test_streets_without_a_number_and_with_a_type_after_them(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert line in addresses(anonymizer, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Beatles, Abbey Road, London, 1969.",
        "Fans met near Abbey Road, then left.",
        "He is on Wall Street.",
    ],
)
def test_a_street_name_alone_in_a_sentence_stays(anonymizer: TextAnonymizer, text: str) -> None:
    # Neither a cue nor a postcode: a street named in passing ("Wall Street") is no one's address.
    assert addresses(anonymizer, text) == []


@pytest.mark.parametrize(
    ("text", "line", "town"),
    [
        # A postcode written after a neighbourhood, before the town
        (
            "He lives at 27 Jalan Telawi 3, Bangsar Baru, 59100 Kuala Lumpur.",
            "27 Jalan Telawi 3, Bangsar Baru, 59100 Kuala Lumpur",
            "",
        ),
        # A lot number before the street (Australia, the Caribbean)
        ("The farm is at Lot 5 Smith Rd, Gympie.", "Lot 5 Smith Rd", "Gympie"),
    ],
)
def test_postcodes_after_a_neighbourhood_and_lots(
    anonymizer: TextAnonymizer, text: str, line: str, town: str
) -> None:
    found = addresses(anonymizer, text)
    assert any(line in f for f in found), found
    if town:  # the town (and state) written after the line go with it
        assert town not in anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "line", "town"),
    [
        # Brazil writes the neighbourhood after a dash; the town and state stay
        (
            "Mora na Av. Paulista, 1578 - Bela Vista, São Paulo.",
            "Av. Paulista, 1578 - Bela Vista",
            "São Paulo",
        ),
        (
            "Mora na Rua das Flores, 123 - Pinheiros, São Paulo - SP.",
            "Rua das Flores, 123 - Pinheiros",
            "São Paulo",
        ),
        # one place after a dash is the town
        ("Residente na Rua do Ouro 120 - Lisboa.", "Rua do Ouro 120", "Lisboa"),
    ],
)
def test_a_neighbourhood_after_a_dash(anonymizer: TextAnonymizer, text: str, line: str, town: str) -> None:
    found = addresses(anonymizer, text)
    assert any(line in f for f in found), found
    if town:  # the town (and state) written after the line go with it
        assert town not in anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Chinese, Japanese and Korean addresses from the province or prefecture down, one unit
        ("住址：广东省广州市天河区体育西路123号5楼。", "广东省广州市天河区体育西路123号5楼"),
        ("受害人家住浙江省宁波市鄞州区天童南路588号。", "浙江省宁波市鄞州区天童南路588号"),
        ("自宅は愛知県名古屋市中区錦2丁目5番12号。", "愛知県名古屋市中区錦2丁目5番12号"),
        (
            "住所：大阪府豊中市新千里東町1-4-2 グリーンハイツ305号。",
            "大阪府豊中市新千里東町1-4-2 グリーンハイツ305号",
        ),
        ("거주지 강원특별자치도 원주시 단계동 845-3.", "강원특별자치도 원주시 단계동 845-3"),
        # a town written with its postcode, after the line or (Hungary) before it
        ("wohnhaft Bahnhofstraße 12, 80335 München, zahlte", "Bahnhofstraße 12, 80335 München"),
        ("Lakcím: 6720 Szeged, Kárász utca 9. II/3.", "6720 Szeged, Kárász utca 9. II/3."),
        ("Buyer: 903 Willow Bend Dr, Plano, TX 75023, paid by card.", "903 Willow Bend Dr, Plano, TX 75023"),
        ("Témoin : rue du Lac 14, 1207, tél. inconnu.", "rue du Lac 14, 1207"),
        ("He rents at 7 Fern Close, Little Snoring, 2461, since May.", "7 Fern Close, Little Snoring, 2461"),
        # a village or estate no gazetteer lists as a town goes with the line
        ("She stays at 14 Mill Lane, Upper Wibbleton, and works nearby.", "14 Mill Lane, Upper Wibbleton"),
        # a house number read as a phone number inside a street line
        ("Victim lives at 45-17 210th St, Bayside.", "45-17 210th St"),
        # line forms of more countries
        ("Тұрғылықты жері: Сейфуллин даңғылы, 48, 12-пәтер.", "Сейфуллин даңғылы, 48, 12-пәтер"),
        ("мешкає: бульв. Лесі Українки, 9-А, під. 2, кв. 15.", "бульв. Лесі Українки, 9-А, під. 2, кв. 15"),
        ("Μένει στην Ακτή Κουντουριώτη 12.", "Ακτή Κουντουριώτη 12"),
        ("العنوان: منطقة ٥٥، شارع ٨٢٠، مبنى ٩.", "منطقة ٥٥، شارع ٨٢٠، مبنى ٩"),
        ("يسكن في حي الورود، شارع الزيتون، بناء ١٢.", "حي الورود، شارع الزيتون، بناء ١٢"),
        ("پتہ: مکان نمبر ۴۵، گلی نمبر ۲، ملتان۔", "مکان نمبر ۴۵، گلی نمبر ۲"),
        ("पता: वार्ड नं. 12, गोकुल नगर।", "वार्ड नं. 12, गोकुल नगर"),
        ("చిరునామా: ఇంటి నం. 3-4-55, రోడ్ నం. 2.", "ఇంటి నం. 3-4-55, రోడ్ నం. 2"),
        ("ලිපිනය: නො. 12, මහනුවර පාර.", "නො. 12, මහනුවර පාර"),
        ("រស់នៅ ផ្ទះលេខ ១៥ ផ្លូវ ៣៦០ ។", "ផ្ទះលេខ ១៥ ផ្លូវ ៣៦០"),
        ("አድራሻ ወረዳ 05፣ የቤት ቁጥር 442፣ ነው።", "ወረዳ 05፣ የቤት ቁጥር 442"),
        (
            "manzil Yunusobod tumani, 4-kvartal, 21-uy, 7-xonadon.",
            "Yunusobod tumani, 4-kvartal, 21-uy, 7-xonadon",
        ),
        ("ünvan Füzuli küç. 18, mənzil 5, tel.", "Füzuli küç. 18, mənzil 5"),
        ("Robbed at Stand 1180, Extension 7; the car left.", "Stand 1180, Extension 7"),
        ("Residente ng Purok 2, Brgy. Mabini, lungsod.", "Purok 2, Brgy. Mabini"),
        ("vive en Calle 12 N° 845 e/ 9 y 10, barrio.", "Calle 12 N° 845 e/ 9 y 10"),
        ("Adresse: Speicherkai 3, 2. OG.", "Speicherkai 3, 2. OG"),
    ],
)
def test_addresses_written_as_one_unit(anonymizer: TextAnonymizer, text: str, line: str) -> None:
    found = addresses(anonymizer, text)
    assert any(line in f for f in found), found


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a town named without a street line (it feeds trends), a country written after a line
        ("The victim, from Kraków, paid 200 EUR via BLIK.", "Kraków"),
        ("Vive en Toledo desde 2019; pagó 300 €.", "Toledo"),
        ("İzmir'de oturuyor, 3 kez aradılar.", "İzmir"),
        ("يسكن في الخرطوم منذ ٣ سنوات.", "الخرطوم"),
        ("Domicilio: Calle Mayor 3, Toledo, España.", "España"),
        ("He lives at 4B Marine Parade, Napier 4110, New Zealand.", "New Zealand"),
        # a province or prefecture named alone, without a line after it
        ("被害者は愛知県在住の男性。", "愛知県"),
        ("受害人来自广东省广州市。", "广东省广州市"),
    ],
)
def test_a_town_named_on_its_own_stays(anonymizer: TextAnonymizer, text: str, kept: str) -> None:
    assert all(kept not in f for f in addresses(anonymizer, text))


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # a town written first after an address label, or after "г.", is the start of the address
        ("Адрес: г. Тверь, ул. Советская, д. 12, кв. 4.", "г. Тверь, ул. Советская, д. 12, кв. 4"),
        ("Lakcím: Debrecen, Piac utca 20. 2. em. 5., tel.", "Debrecen, Piac utca 20. 2. em. 5."),
        ("نشانی ارسال: شیراز، خیابان زند، پلاک ۹.", "شیراز، خیابان زند، پلاک ۹"),
    ],
)
def test_a_town_written_first_after_a_label_goes_with_the_line(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    found = addresses(anonymizer, text)
    assert any(line in f for f in found), found


def test_a_name_before_a_line_after_a_label_stays_a_name(anonymizer: TextAnonymizer) -> None:
    text = "Testigo: Juan Pérez, Calle Mayor 5, Toledo."
    found = anonymizer.find(text)
    assert ("PERSON", "Juan Pérez") in {(d.kind, text[d.start : d.end]) for d in found}
    assert all("Juan" not in text[d.start : d.end] for d in found if d.kind == "ADDRESS")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # a town (and district) written first, before the line, wherever it stands
        (
            "Проживает по адресу Новосибирск, Красный пр., д. 7, кв. 3.",
            "Новосибирск, Красный пр., д. 7, кв. 3",
        ),
        ("Свидетель (Самара, ул. Победы, д. 4, кв. 19) видел всё.", "Самара, ул. Победы, д. 4, кв. 19"),
        ("الشاهد من الموصل، حي النور، شارع ٦٠، دار ١٢.", "الموصل، حي النور، شارع ٦٠، دار ١٢"),
        # after an address label, a district the gazetteer does not know goes too
        ("پتہ: سبزہ زار، مکان 41، لاہور۔", "سبزہ زار، مکان 41، لاہور"),
        # a postcode written last: Brazil's CEP, a country's letters before it
        (
            "Endereço: Rua do Sol, 12, Centro, Natal - RN, 59025-100.",
            "Rua do Sol, 12, Centro, Natal - RN, 59025-100",
        ),
        ("dzīvo Liepu iela 4-2, Jelgava, LV-3001.", "Liepu iela 4-2, Jelgava, LV-3001"),
        # a town's name with a particle ("San Juan de …")
        (
            "Vive en Jr. Los Pinos 120, San Juan de Miraflores, pagó.",
            "Jr. Los Pinos 120, San Juan de Miraflores",
        ),
    ],
)
def test_towns_written_inside_the_address_go_with_it(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    # masked: the line by its rules, a town first maybe with a name read before it
    assert _caught(text, line, anonymizer.find(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("O vizinho Carla de Souza, 12 Rua Nova, recebeu a mensagem.", "Souza"),
        ("Su vecino Tomás del Valle, Calle Luna 8, Toledo, recibió el SMS.", "Valle"),
    ],
)
def test_a_surname_before_a_line_is_no_town(anonymizer: TextAnonymizer, text: str, name: str) -> None:
    assert all(name not in f for f in addresses(anonymizer, text))
    assert name not in anonymizer.redact(text)[0]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Albanian street, building, staircase and flat; Maltese streets with an article
        (
            "Banon në Rruga Myslym Shyri, Pallati 12, Shk. 3, Ap. 7, Durrës.",
            "Rruga Myslym Shyri, Pallati 12, Shk. 3, Ap. 7, Durrës",
        ),
        ("Joqgħod 45, Triq il-Wied, Ħal Qormi QRM 2300 u ħallas.", "45, Triq il-Wied, Ħal Qormi QRM 2300"),
        # Basque street type after the name and floor side; Welsh and Icelandic streets
        (
            "Helbidea: Urdaneta kalea 12, 2. esk., 20006 Donostia.",
            "Urdaneta kalea 12, 2. esk., 20006 Donostia",
        ),
        (
            "She lives at 4 Heol y Bont, Caerfyrddin SA31 1AB, and paid.",
            "4 Heol y Bont, Caerfyrddin SA31 1AB",
        ),
        ("Hann býr á Hringbraut 44, 107 Reykjavík.", "Hringbraut 44, 107 Reykjavík"),
        # Serbian and Bulgarian flats and blocks
        (
            "iz Bulevar oslobođenja 5, stan 12, 21000 Novi Sad.",
            "Bulevar oslobođenja 5, stan 12, 21000 Novi Sad",
        ),
        ("живее в ж.к. „Люлин“ 5, бл. 512, вх. В, ап. 33.", "ж.к. „Люлин“ 5, бл. 512, вх. В, ап. 33"),
        # a name and number written right before a postcode and town
        ("poslal z Dlhá 17, 949 01 Nitra peniaze.", "Dlhá 17, 949 01 Nitra"),
        # a neighbourhood named before its type word ("… Mah.")
        (
            "Adresi Bahçelievler Mah. Atatürk Cad. No:12/3, Bağcılar/İstanbul.",
            "Bahçelievler Mah. Atatürk Cad. No:12/3",
        ),
        # Thai district, province and postcode; an Indian village with its post office and district
        (
            "อยู่ที่ 99/9 ซอยสุขุมวิท 31 แขวงคลองตันเหนือ เขตวัฒนา กรุงเทพมหานคร 10110",
            "99/9 ซอยสุขุมวิท 31 แขวงคลองตันเหนือ เขตวัฒนา กรุงเทพมหานคร 10110",
        ),
        (
            "निवासी ग्राम रामपुर, पोस्ट सिकंदरा, तहसील करहल, जिला मैनपुरी, उत्तर प्रदेश 205264, ने",
            "ग्राम रामपुर, पोस्ट सिकंदरा, तहसील करहल, जिला मैनपुरी, उत्तर प्रदेश 205264",
        ),
        ("पता गली नं. 7, राम कॉलोनी, रोहतक।", "गली नं. 7, राम कॉलोनी, रोहतक"),
        # Urdu block and lettered house; an Afghan road and house; an Arabic floor abbreviated
        ("پتہ: جوہر ٹاؤن، بلاک 7، مکان B-14، لاہور۔", "جوہر ٹاؤن، بلاک 7، مکان B-14، لاہور"),
        ("نشانی: هرات، سرک ولایت، خانه ۱۲.", "هرات، سرک ولایت، خانه ۱۲"),
        ("يسكن في شارع الملك فيصل، عمارة النور، ط3.", "شارع الملك فيصل، عمارة النور، ط3"),
        # Chinese blocks of flats named by a letter; a Hong Kong estate after 到
        (
            "住址：浙江省杭州市西湖区软件园东区创业大楼C栋1203室。",
            "浙江省杭州市西湖区软件园东区创业大楼C栋1203室",
        ),
        ("他到觀塘秀茂坪邨秀明樓12樓1208室收數。", "觀塘秀茂坪邨秀明樓12樓1208室"),
        # Japanese towns named by number, a floor alone after the block
        ("住所は千代田区6番町5です。", "6番町5"),
        ("拠点は福岡市博多区博多駅前2丁目3-4 7階の一室。", "博多駅前2丁目3-4 7階"),
    ],
)
def test_more_forms_of_addresses_written_as_one_unit(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert _caught(text, line, anonymizer.find(text))


@pytest.mark.parametrize(
    "text",
    [
        "They installed Windows 11, 2023 Update and Office 365, 2019 Edition.",
        "El ataque usó Cobalt Strike 4, 1200 Servidores en total.",
    ],
)
def test_no_postal_line_without_a_postcode_and_town(anonymizer: TextAnonymizer, text: str) -> None:
    assert addresses(anonymizer, text) == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # the index, region, district and settlement written before the line, from the largest down
        (
            "Проживает: 630099, г. Бердск, ул. Лесная, д. 3, кв. 8.",
            "630099, г. Бердск, ул. Лесная, д. 3, кв. 8",
        ),
        (
            "Зарегистрирован: Тверская обл., Калининский р-н, пос. Озёрный, ул. Садовая, 14.",
            "Тверская обл., Калининский р-н, пос. Озёрный, ул. Садовая, 14",
        ),
        (
            "Адреса: 79000, м. Львів, вул. Зелена, буд. 15, кв. 4.",
            "79000, м. Львів, вул. Зелена, буд. 15, кв. 4",
        ),
        (
            "Хаяг: Баянзүрх дүүрэг, 3-р хороо, 12-р байр, 45 тоот.",
            "Баянзүрх дүүрэг, 3-р хороо, 12-р байр, 45 тоот",
        ),
        # a town written last with its title
        ("Живее на ул. Райко Даскалов № 8, ет. 2, ап. 5, гр. Стара Загора.", "гр. Стара Загора"),
        ("Станује у улици Војводе Мишића бр. 14, стан 2.", "Војводе Мишића бр. 14, стан 2"),
    ],
)
def test_cyrillic_addresses_from_the_largest_unit_down(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert _caught(text, line, anonymizer.find(text))


def test_a_person_before_a_region_stays_a_name(anonymizer: TextAnonymizer) -> None:
    text = "Свидетель Иван Петров, Тверская обл., г. Ржев, ул. Ленина, д. 5."
    found = anonymizer.find(text)
    assert ("PERSON", "Иван Петров") in {(d.kind, text[d.start : d.end]) for d in found}


@pytest.mark.parametrize(
    "text",
    [
        "संपर्क 98765 43210, मकान नं. 5, गली नं. 2, रोहतक।",
        "Тел. 495 123456, г. Тула, ул. Мира, д. 4, кв. 7.",
    ],
)
def test_a_part_added_to_a_line_never_reaches_a_phone_number(anonymizer: TextAnonymizer, text: str) -> None:
    # a line grown into a phone number would be lost to it whole
    kinds = {d.kind for d in anonymizer.find(text)}
    assert {"ADDRESS", "PHONE"} <= kinds, kinds


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # a Hebrew town written with a hyphen; a Hebrew post office box, the town and its postcode
        ("הכתובת: שד' בן גוריון 14, קומה 2, מודיעין-מכבים-רעות.", "מודיעין-מכבים-רעות"),
        ("כתובתו: ת.ד. 3317, נתניה 4213301.", "ת.ד. 3317, נתניה 4213301"),
        # Japan's postal mark and code before the prefecture
        (
            "〒980-0811 宮城県仙台市青葉区一番町3丁目2番1号に住む。",
            "〒980-0811 宮城県仙台市青葉区一番町3丁目2番1号",
        ),
    ],
)
def test_postal_codes_of_israel_and_japan_go_with_the_line(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert _caught(text, line, anonymizer.find(text))


def _one_unit(text: str, value: str, found: list[Detection]) -> bool:
    """One address detection holds the whole of `value`."""
    start = text.index(value)
    return any(d.kind == "ADDRESS" and d.start <= start and start + len(value) <= d.end for d in found)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a town's particles after its postcode or in the localities (town_particles)
        (
            "Svedok Peter Hudák, Hlavná 45, 920 01 Hlohovec nad Váhom; bez telefónu.",
            "Hlavná 45, 920 01 Hlohovec nad Váhom",
        ),
        (
            "Mhasiriwa anaishi Barabara ya Uhuru, Nyumba Na. 45, Kariakoo, Dar es Salaam, simu haipo.",
            "Barabara ya Uhuru, Nyumba Na. 45, Kariakoo, Dar es Salaam",
        ),
        # a Turkish district and province after the postcode, or before the case ending of "in"
        (
            "Müşteri Ali Kaya, Atatürk Cad. No: 12 D: 3, 06420 Çankaya/Ankara adresinde.",
            "06420 Çankaya/Ankara",
        ),
        (
            "Mağdur, Kocatepe Mh. Mithatpaşa Cd. No:45 D:8 Çankaya Ankara'da yaşıyor.",
            "No:45 D:8 Çankaya Ankara",
        ),
        # a town ending in a vowel sign before its postcode; Arabic and Amharic punctuation
        ("ঠিকানা বাড়ি ৭, রোড ৩, গুলশান, ঢাকা ১২১২। তিনি", "বাড়ি ৭, রোড ৩, গুলশান, ঢাকা ১২১২"),
        ("المالك، حي النخيل، شارع الملك فهد، فيلا ٢٢، الرياض ١٢٣٤٥؛ الجاني هرب", "فيلا ٢٢، الرياض ١٢٣٤٥"),
        ("ተበዳይ፣ አድራሻ ጎንደር፣ ቀበሌ 05፣ የቤት ቁጥር 221፣ ስልክ +251 911 000 111።", "ጎንደር፣ ቀበሌ 05፣ የቤት ቁጥር 221"),
        # Pakistani block and sector codes; an Indian state's abbreviation before its PIN code
        ("پتہ مکان نمبر 12، گلی نمبر 3، سیکٹر F-7/2، اسلام آباد۔ مزید", "سیکٹر F-7/2، اسلام آباد"),
        ("پتہ مکان 45، بلاک D، گلشن اقبال، کراچی۔ اس کی", "مکان 45، بلاک D، گلشن اقبال، کراچی"),
        ("पता मकान नं. 14, गली नं. 2, शास्त्री नगर, इंदौर, म.प्र. 452001, ने कहा।", "इंदौर, म.प्र. 452001"),
        ("முகவரி: 12, காந்தி தெரு, தி. நகர், சென்னை 600017.", "12, காந்தி தெரு, தி. நகர், சென்னை 600017"),
        # a town written first in a caseless script; an address label of several words
        ("დაზარალებული, მისამართი ქუთაისი, ჭავჭავაძის გამზ. 12, ბ. 3.", "ქუთაისი, ჭავჭავაძის გამზ. 12"),
        ("العنوان الكامل للمشتكي: الكرخ، محلة ٢١٤، زقاق ٩، دار ١٢.", "الكرخ، محلة ٢١٤"),
        # floor sides, street types and units of more languages
        (
            "Vítima Antía Souto, Rúa Nova 8, 3.º esquerda, 15705 Santiago; testemuña",
            "3.º esquerda, 15705 Santiago",
        ),
        ("Kannatanu Mari Tamm, Pikk tn 12-4, 10123 Tallinn; tunnistaja", "Pikk tn 12-4, 10123 Tallinn"),
        (
            "Nukentėjusi Ona Petraitė, Vilniaus g. 14, LT-01103 Vilnius; liudytojas",
            "Vilniaus g. 14, LT-01103 Vilnius",
        ),
        (
            "La empresa (Pol. Ind. Los Llanos, nave 7, 41500 Alcalá) pagó.",
            "Pol. Ind. Los Llanos, nave 7, 41500 Alcalá",
        ),
        ("Testigo Ana Ruiz Sosa, Colonia 1450 apto 201. Las piezas", "Colonia 1450 apto 201"),
        (
            "The victim, of 27 Rathmines Road Lower, Dublin 6, reported the theft.",
            "27 Rathmines Road Lower, Dublin 6",
        ),
        (
            "Victim: Tomás Ó Briain, 3 Ascaill na Páirce, Gaillimh H91 X2Y4.",
            "3 Ascaill na Páirce, Gaillimh H91 X2Y4",
        ),
        # counties, provinces and settlements written with their title after or before the line
        (
            "Victimă: Ana Pop, Strada Florilor nr. 8, bl. B2, ap. 9, Brașov, jud. Brașov.",
            "Strada Florilor nr. 8, bl. B2, ap. 9, Brașov, jud. Brașov",
        ),
        (
            "Poszkodowana, ul. Leśna 4, 62-080 Tarnowo Podgórne, gm. Tarnowo Podgórne, woj. wielkopolskie.",
            "62-080 Tarnowo Podgórne, gm. Tarnowo Podgórne, woj. wielkopolskie",
        ),
        (
            "Orang tua korban: Dusun Krajan, RT 02/RW 05, Kec. Sumbersari, Kab. Jember.",
            "Dusun Krajan, RT 02/RW 05, Kec. Sumbersari, Kab. Jember",
        ),
        (
            "Zərərçəkən Bakı şəhəri, Nizami küç. 45, mənzil 12 ünvanında yaşayır.",
            "Bakı şəhəri, Nizami küç. 45, mənzil 12",
        ),
        (
            "Хохирогч Дархан, Сүхбаатар дүүрэг, 1-р хороо, Энхтайваны өргөн чөлөө 15, 5-р байр.",
            "Сүхбаатар дүүрэг, 1-р хороо, Энхтайваны өргөн чөлөө 15",
        ),
        # the town after a labelled postcode (not a coded town); a postcode in two groups after the town
        (
            "Domiciliada en Av. Reforma 222, Col. Juárez, C.P. 06600, Ciudad de México, denunció.",
            "Av. Reforma 222, Col. Juárez, C.P. 06600, Ciudad de México",
        ),
        ("Διεύθυνση: Εγνατίας 112, Θεσσαλονίκη 546 30.", "Εγνατίας 112, Θεσσαλονίκη 546 30"),
        # Indian shop, floor and sector parts; Nepali wards
        (
            "Shop No. 14, Ground Floor, Mehta Complex, Andheri West, Mumbai.",
            "Shop No. 14, Ground Floor, Mehta Complex, Andheri West, Mumbai",
        ),
        (
            "The accused, resident of House No. 221, Sector 15-A, Chandigarh, was held.",
            "Sector 15-A, Chandigarh",
        ),
        ("पीडित ललितपुर महानगरपालिका-5, पुल्चोक, घर नं. 45 मा बस्छन्।", "ललितपुर महानगरपालिका-5, पुल्चोक, घर नं. 45"),
        # Arabic and Persian lines without a house number but with a named building and its floor
        (
            "الضحية سمير، سكن طرابلس، الميناء، شارع المعرض، بناية الريس، الطابق الثالث، "
            "المتصلون من +961 71 000 000.",
            "طرابلس، الميناء، شارع المعرض، بناية الريس، الطابق الثالث",
        ),
        (
            "شاکی، ساکن تهران، خیابان ولیعصر، کوچه نادری، ساختمان آرش، طبقه دوم، و",
            "خیابان ولیعصر، کوچه نادری، ساختمان آرش، طبقه دوم",
        ),
        # Chinese subdistricts, communities, annexes and parks; Japanese blocks named by a letter
        (
            "嫌疑人租住在广东省深圳市南山区西丽街道大学城社区留仙大道15号附2号智园C栋3单元1203室。",
            "广东省深圳市南山区西丽街道大学城社区留仙大道15号附2号智园C栋3单元1203室",
        ),
        (
            "被害人住在成都市高新区桂溪街道天府大道北段88号环球中心E2区1502。",
            "天府大道北段88号环球中心E2区1502",
        ),
        (
            "被害現場は大阪府吹田市山田西2丁目4-7 グランメゾン山田B棟302の玄関前。",
            "山田西2丁目4-7 グランメゾン山田B棟302",
        ),
        # a Thai condominium room, a house number after เลขที่; Myanmar lines; a Tamil postcode
        # before a postposition; an Armenian label; a Hebrew neighbourhood before the street
        ("ผู้เสียหายพักอยู่ที่คอนโดศุภาลัย ห้อง 807 ถนนรัชดาภิเษก เขตดินแดง กรุงเทพฯ", "คอนโดศุภาลัย ห้อง 807"),
        ("ผู้ต้องหาอาศัยอยู่เลขที่ 18 หมู่ 7 ต.บ้านสวน อ.เมือง จ.ชลบุรี", "เลขที่ 18 หมู่ 7"),
        ("လိပ်စာ အမှတ် ၇၊ ၁၉ လမ်း၊ လသာမြို့နယ်၊ ရန်ကုန်မြို့။", "အမှတ် ၇၊ ၁၉ လမ်း၊ လသာမြို့နယ်၊ ရန်ကုန်မြို့"),
        ("அவர் 8/2, காமராஜர் சாலை, மதுரை 625001 இல் வசிக்கிறார்.", "8/2, காமராஜர் சாலை, மதுரை 625001"),
        ("Հասցե՝ Նոր Նորք, Գայի պողոտա 12/4։", "Նոր Նորք, Գայի պողոտա 12/4"),
        ("הוא גר בשכונת נווה שאנן, רחוב הגפן 14.", "בשכונת נווה שאנן, רחוב הגפן 14"),
        (
            "Adres: Bağdat Cad. No:81 Daire:2 Maltepe 34840 İstanbul.",
            "Bağdat Cad. No:81 Daire:2 Maltepe 34840 İstanbul",
        ),
        # a Costa Rican house by its distance and direction from a landmark
        (
            "Vive en Curridabat, del Hospital del Trauma 150 m sur y 25 m oeste, casa 9. Tarjeta",
            "del Hospital del Trauma 150 m sur y 25 m oeste, casa 9",
        ),
        # a postal line read in part as a phone number; an Italian province after the town; a
        # country's letter before a postcode written first
        ("Indirizzo della vittima: Via Nazionale, 18 - 00184 Roma RM.", "Via Nazionale, 18 - 00184 Roma RM"),
        ("Indirizzo: Loc. Casale 7, 53100 Siena (SI).", "Loc. Casale 7, 53100 Siena (SI)"),
        ("Opfer wohnt in D-80331 München, Sendlinger Straße 9.", "D-80331 München, Sendlinger Straße 9"),
        # a Russian or Ukrainian town in the locative before the line ("в Казани": in Kazan)
        ("Он проживает в Казани, ул. Пушкина, 15-7.", "Казани, ул. Пушкина, 15-7"),
        ("Мешкає у Харкові, вул. Сумська, 45, кв. 8.", "Харкові, вул. Сумська, 45, кв. 8"),
        # Chinese numerals for a village group or a phase; Cantonese 喺 (at) before the line
        ("被害人住在安徽省阜阳市临泉县城关镇李庄村五组7号。", "临泉县城关镇李庄村五组7号"),
        ("受害者住喺九龍彌敦道228號百利中心二期18樓。", "九龍彌敦道228號百利中心二期18樓"),
        # Vietnamese abbreviated wards and districts, flats and estates, alleys off a street
        ("Nạn nhân ngụ tại 88/3 đường Hai Bà Trưng, P.Tân Định, Q.1, TP.HCM.", "P.Tân Định, Q.1"),
        (
            "Nạn nhân sống tại căn hộ 907, tòa nhà B, chung cư Hoàng Anh Gia Lai, Quận 7.",
            "căn hộ 907, tòa nhà B, chung cư Hoàng Anh Gia Lai",
        ),
        ("Địa chỉ: Số nhà 8, ngõ 12 Trần Duy Hưng, Cầu Giấy, Hà Nội.", "Số nhà 8, ngõ 12 Trần Duy Hưng"),
        # a counter after a space is no amount after a block number (日: day)
        ("被害者の住所は福岡県福岡市中央区大名2丁目5-28 日の出ビル7階。", "大名2丁目5-28 日の出ビル7階"),
    ],
)
def test_an_address_written_as_one_unit_is_one_detection(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert _one_unit(text, value, anonymizer.find(text)), [
        text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "ADDRESS"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Die Täter flohen Richtung Frankfurt am Main, 2 Fahrzeuge wurden sichergestellt.",
        "목격자 김순자 씨의 진술로 2인조를 검거했다.",
        "被害人在3 天内被骗5 万元。",
        "وقعت السرقة في شارع الحمرا قرب مبنى البلدية.",
        "He installed it on the laptop, Windows 10. Then he left.",
        "Mağdur İstanbul'da 3 gün kaldı.",
        "El bus iba 50 m al norte del puente.",
        "Anh ấy đi qua ngõ nhỏ rồi về nhà.",
        "案发于深圳市福田区华强北路赛格广场附近。",
        "Встреча прошла в Москве, 12 человек пришли.",
        "Оштетениот Петар, телефон 070 000 111; штета 25.000 денари.",
        "Խարդախները օգտագործել են AnyDesk և հանել 3,1 մլն դրամ։",
        "ငွေ ၅၀၀၀ ကျပ် လွှဲပေးခဲ့သည်။",
    ],
)
def test_places_counts_and_landmarks_stay(anonymizer: TextAnonymizer, text: str) -> None:
    assert addresses(anonymizer, text) == []


@settings(max_examples=60, deadline=None)
@given(
    code=st.sampled_from(sorted(c.alpha_3 for c in pycountry.currencies)),
    amount=st.integers(min_value=1, max_value=99),
)
def test_a_number_before_a_currency_code_is_no_house_number(
    anonymizer: TextAnonymizer, code: str, amount: int
) -> None:
    # every ISO 4217 code, not only the listed currencies ("8 400 BYN")
    text = f"Потерпевший, г. Гомель, перевёл {amount} 400 {code} на счёт."
    assert addresses(anonymizer, text) == []


@settings(max_examples=30, deadline=None)
@given(particle=st.sampled_from(str(_bundled()["town_particles"]).split()))
def test_a_town_goes_on_over_its_particles(anonymizer: TextAnonymizer, particle: str) -> None:
    text = f"Svedok Ján Hudák, Hlavná 45, 920 01 Horné {particle} Váhom; bez telefónu."
    assert _one_unit(text, f"Hlavná 45, 920 01 Horné {particle} Váhom", anonymizer.find(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Danish ground floor or basement with its side, after a line read up to the floor
        (
            "Anmelder Ole Madsen, Birkevej 12, st. tv., 5000 Odense C, tlf. 20 30 40 50.",
            "Birkevej 12, st. tv., 5000 Odense C",
        ),
        ("Vidne: Lise Holm, Engvej 3, kl. mf., 4000 Roskilde.", "Engvej 3, kl. mf., 4000 Roskilde"),
        # the flat after a spaced dash (Baltic, Russian): then the town and the country's code
        (
            "cietušais Pēteris Ozols, Brīvības iela 12 - 7, Jelgava, LV-3001, tālr. 2612.",
            "Brīvības iela 12 - 7, Jelgava, LV-3001",
        ),
        ("Nukentėjusi Ona, Laisvės al. 45 - 12, LT-44240 Kaunas.", "Laisvės al. 45 - 12, LT-44240 Kaunas"),
        # a Hebrew name written with a geresh (ז׳ for the sound "zh")
        ("העד גר ברחוב ז׳בוטינסקי 40, חולון, ומסר עדות.", "ז׳בוטינסקי 40, חולון"),
        # Canada Post's French line: the province in brackets between the town and the code
        (
            "Plaignant (1220 boulevard Saint-Joseph Est, app. 4, Laval (Québec) H7N 2K1) a payé.",
            "Laval (Québec) H7N 2K1",
        ),
        # a Belgian box ("bte", boîte) after the house number of a street without a type word
        ("Plaignante Mme Anne Dubois (Vinave 12 bte 4, 4020 Liège) victime.", "Vinave 12 bte 4, 4020 Liège"),
        # Italian types written in lowercase before a well-known name, with the postal line after
        (
            "Il danneggiato Mario Rossi, via Cavour 5, 10123 Torino, ha denunciato.",
            "via Cavour 5, 10123 Torino",
        ),
        (
            "La vittima, corso Vittorio Emanuele 8, 80122 Napoli, ha pagato.",
            "corso Vittorio Emanuele 8, 80122 Napoli",
        ),
        # a five-digit postcode written after the line with a space only, then the town
        (
            "Le suspect, domicilié 4 allée des Charmes 33000 Bordeaux, a été interpellé.",
            "4 allée des Charmes 33000 Bordeaux",
        ),
        ("Der Geschädigte wohnt Lindenweg 5 80331 München seit 2019.", "Lindenweg 5 80331 München"),
        # a rural route and its box (Canada, the US), then the town and its code
        (
            "The victim, of RR 2 Box 45, Smithville, ON L0R 2A0, lost money.",
            "RR 2 Box 45, Smithville, ON L0R 2A0",
        ),
        # an Eircode alone after the town and its district, the sentence going on after it
        (
            "Mary Kelly of Apartment 3, 2 Hill Road, Dublin 4, D04 X1Y2 was targeted.",
            "Apartment 3, 2 Hill Road, Dublin 4, D04 X1Y2",
        ),
        # Basque "Kale" before a street's name ("Kale Berria": New Street) with the floor's side
        (
            "salatzailea Ane Etxeberria (Kale Berria 12, 2. ezk., 48005 Bilbo, tel. 600)",
            "Kale Berria 12, 2. ezk., 48005 Bilbo",
        ),
        # a Bosnian street's name with "od" inside it ("Zmaja od Bosne": the Dragon of Bosnia)
        (
            "Svjedok Mirza Hodžić, Zmaja od Bosne 44, 71000 Sarajevo, tel.",
            "Zmaja od Bosne 44, 71000 Sarajevo",
        ),
        # Cambodia: the house, the street's number, the commune (sangkat), district (khan), city
        (
            "Victim had lived at No. 12B, St. 271, Sangkat Tuol Svay Prey, Khan Chamkarmon, Phnom Penh; the",
            "No. 12B, St. 271, Sangkat Tuol Svay Prey, Khan Chamkarmon, Phnom Penh",
        ),
        (
            "Witness lives at #45, Street 310, Sangkat Boeung Keng Kang, Phnom Penh.",
            "#45, Street 310, Sangkat Boeung Keng Kang",
        ),
    ],
)
def test_local_floor_flat_and_province_parts_go_with_the_line(
    anonymizer: TextAnonymizer, text: str, value: str
) -> None:
    assert _one_unit(text, value, anonymizer.find(text)), addresses(anonymizer, text)


@pytest.mark.parametrize(
    "text",
    [
        "He lives at 12 Main Street - 15 people were there.",
        "The error RR 2 occurred on the server.",
        "Vidne bor på Engvej 3 - 40 minutter fra Roskilde.",
    ],
)
def test_a_number_after_a_spaced_dash_or_a_route_without_its_box_stays(
    anonymizer: TextAnonymizer, text: str
) -> None:
    found = addresses(anonymizer, text)
    assert all(" - " not in a and "RR" not in a for a in found), found


def test_a_district_written_last_ends_at_its_sentences_end(anonymizer: TextAnonymizer) -> None:
    text = "He lived at No. 7, St. 63, Khan Daun Penh. The recruiter paid him."
    assert addresses(anonymizer, text) == ["No. 7, St. 63, Khan Daun Penh"]


def test_a_thai_province_without_its_title_goes_with_the_line_and_a_landmark_after_it_stays(
    anonymizer: TextAnonymizer,
) -> None:
    text = (
        "บัญชีม้า: นายสมชาย ดีมาก เปิดบัญชีธนาคารรับเงิน ผู้ต้องหาอาศัยที่ บ้านเลขที่ 8/21 ถนนมิตรภาพ "
        "ตำบลในเมือง อำเภอเมือง ลำปาง 52000 ใกล้ถนนฉัตรไชย"
    )
    assert addresses(anonymizer, text) == ["บ้านเลขที่ 8/21 ถนนมิตรภาพ ตำบลในเมือง อำเภอเมือง ลำปาง 52000"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("V bytě bylo nalezeno 5 mobilních telefonů.", None),
        ("Na místě zajistili 3 osoby a 2 vozidla.", None),
        ("Pod mostem našli 4 batohy.", None),
        ("Svědek bydlí U Nemocnice 7, Brno.", "U Nemocnice 7, Brno"),
        ("Poškozená bydlí Na Příkopě 5, 110 00 Praha.", "Na Příkopě 5, 110 00 Praha"),
        ("Poškodená býva Na vŕšku 17, 811 01 Bratislava.", "Na vŕšku 17, 811 01 Bratislava"),
    ],
)
def test_a_czech_preposition_opens_a_street_only_before_a_capitalized_name(
    anonymizer: TextAnonymizer, text: str, line: str | None
) -> None:
    assert addresses(anonymizer, text) == ([line] if line else [])


def test_an_arabic_sentence_going_on_after_the_localities_stays(anonymizer: TextAnonymizer) -> None:
    # "حسابها في البنك": her account in the bank, no place
    text = "الضحية خالد، العنوان شارع الملك فيصل، عمارة 45، الزرقاء، حسابها في البنك."
    assert all("البنك" not in a for a in addresses(anonymizer, text)), addresses(anonymizer, text)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Hungary writes the floor in Roman numerals with "em." and the door after it.
        (
            "Panaszos: Tóth Gábor, lakcím: 1137 Budapest, Pozsonyi út 22. III. em. 7. A csaló hívta.",
            "1137 Budapest, Pozsonyi út 22. III. em. 7.",
        ),
        # An office after the house number, as Polish and Turkish write it.
        ("Biuro: ul. Krótka 7, biuro 9, 31-150 Kraków.", "ul. Krótka 7, biuro 9, 31-150 Kraków"),
        ("Adres: Bağdat Cad. No: 112 ofis 6, Maltepe.", "Bağdat Cad. No: 112 ofis 6, Maltepe"),
        # Qatar numbers its zones, streets and buildings; the zone comes first, with its article.
        (
            "الضحية محمد بن علي الهاجري، المنطقة 51، شارع 340، مبنى 9، الدوحة، حوّل 5,000 ريال.",
            "المنطقة 51، شارع 340، مبنى 9، الدوحة",
        ),
    ],
)
def test_roman_floors_offices_and_numbered_zones_belong_to_the_line(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert addresses(anonymizer, text) == [line]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # A science park's zone before the road, and an office tower's floor after the estate.
        ("受害者李娜住杭州市滨江区高新软件园北区江南二道58号。", "杭州市滨江区高新软件园北区江南二道58号"),
        ("证人（杭州市西湖区文三路478号华星广场写字楼9层）称", "杭州市西湖区文三路478号华星广场写字楼9层"),
        # Macau: "住" right before the line, a numbered block "第2座" and a lettered flat after the floor.
        (
            "被害人住澳门氹仔海洋大马路168号金海花园第2座8楼C，遭骗",
            "澳门氹仔海洋大马路168号金海花园第2座8楼C",
        ),
    ],
)
def test_chinese_lines_with_long_roads_office_towers_and_lettered_flats(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert addresses(anonymizer, text) == [line]


@pytest.mark.parametrize(
    "text",
    [
        "他在市中心的人民广场附近出现",
        "嫌疑人住在北京路附近",
        "ជនរងគ្រោះបាត់បង់ប្រាក់ 1,500 ដុល្លារ ហើយរាយការណ៍",  # an amount in dollars
        "قال إن المنطقة الصناعية مزدحمة",
    ],
)
def test_a_road_without_a_number_an_amount_or_a_zone_without_a_number_is_no_address(
    anonymizer: TextAnonymizer, text: str
) -> None:
    assert addresses(anonymizer, text) == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Korean glues a particle to the house number ("99에서": at 99).
        ("경찰은 대전광역시 유성구 대학로 99에서 피의자를 검거했다.", "대전광역시 유성구 대학로 99"),
        ("범인은 부산광역시 해운대구 해운대로 570의 상가에 있었다.", "부산광역시 해운대구 해운대로 570"),
        # Pakistan letters a block after a dash, by the letter's name ("9-اے": 9-A).
        (
            "متاثرہ کا پتہ: مکان نمبر 45، بلاک 9-اے، ماڈل ٹاؤن، لاہور",
            "مکان نمبر 45، بلاک 9-اے، ماڈل ٹاؤن، لاہور",
        ),
        # Yoruba: the house number (nọ́mbà) first, then the street (òpópónà) and the town.
        (
            "Olùfisùn, tí ń gbé ní Nọ́mbà 7, Òpópónà Adéolá, Ìlọrin, pàdánù owó.",
            "Nọ́mbà 7, Òpópónà Adéolá, Ìlọrin",
        ),
    ],
)
def test_korean_particles_urdu_lettered_blocks_and_yoruba_lines(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert addresses(anonymizer, text) == [line]


def test_a_korean_count_after_a_road_name_is_no_house_number(anonymizer: TextAnonymizer) -> None:
    assert addresses(anonymizer, "서울 강남구 테헤란로 3인조 강도 사건") == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "La denunciante vive en Av. Amazonas N41-75 y Río Coca, Quito, y recibió la llamada.",
            "Av. Amazonas N41-75 y Río Coca, Quito",
        ),
        (
            "El local está en Calle Hidalgo 120 esq. Juárez, Puebla, según la denuncia.",
            "Calle Hidalgo 120 esq. Juárez, Puebla",
        ),
    ],
)
def test_a_cross_street_after_the_house_number_is_part_of_the_line(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert addresses(anonymizer, text) == [line]


def test_and_after_a_plain_house_number_starts_a_new_clause(anonymizer: TextAnonymizer) -> None:
    text = "Vive en Calle Sucre 12 y Trabaja en el centro."
    assert addresses(anonymizer, text) == ["Calle Sucre 12"]


@pytest.mark.parametrize(
    ("line", "postal"),
    [
        ("Anschrift: Birkenweg 17", "44137 Dortmund"),
        ("Adresse : 9 rue des Capucines", "33000 Bordeaux"),
        ("Adres: Lijnbaansgracht 71", "1016 XB Amsterdam"),
        ("Adres: ul. Lipowa 8/2", "20-020 Lublin"),
        ("Dirección: Calle del Pez 14, 2º A", "28004 Madrid"),
        ("Address: 42 Maple Crescent", "York YO10 5DD"),
        ("Адрес: Литейный проспект, 15,", "Санкт-Петербург, 191028"),
        ("Endereço: Rua Augusta, 410, apto 12", "01304-000 São Paulo - SP"),
    ],
)
def test_a_postal_line_written_on_the_next_line_is_part_of_the_address(
    anonymizer: TextAnonymizer, line: str, postal: str
) -> None:
    # A letter's or a form's address block: the street line, then the postcode and town alone on
    # the next line.
    text = f"{line}\n{postal}\nTelefon/Phone: see file"
    redacted, _ = anonymizer.redact(text)
    assert any(a.endswith(postal) for a in addresses(anonymizer, text))
    assert postal.split()[-1] not in redacted


@pytest.mark.parametrize(
    "after",
    ["2019 Anzeige erstattet", "2023 Berlin", "12 Anrufe", "44137 Euro abgebucht", "Berlin, den 4. Mai"],
)
def test_a_next_line_that_is_no_postal_line_stays(anonymizer: TextAnonymizer, after: str) -> None:
    text = f"Anschrift: Birkenweg 17\n{after}"
    assert addresses(anonymizer, text) == ["Birkenweg 17"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Il habite Cité 320 logements, bloc D, n° 9, Sétif.", "Cité 320 logements, bloc D, n° 9, Sétif"),
        ("Adresse : Cité des 450 Logements, Bât. 6, Blida", "Cité des 450 Logements, Bât. 6, Blida"),
        ("Adrès: 15, Wout Delmas, Pòtoprens", "15, Wout Delmas, Pòtoprens"),
        ("Li abite Avni Christophe 33, Okap.", "Avni Christophe 33, Okap"),
    ],
)
def test_maghreb_estates_by_their_count_of_dwellings_and_haitian_street_types(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert line in addresses(anonymizer, text)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "Accused Ravi S/o Mohan, R/o Vill. Dhanauri, P.O. Kalyanpur, Distt. Saharanpur, Uttar Pradesh"
            " - 247001, was arrested.",
            "Vill. Dhanauri, P.O. Kalyanpur, Distt. Saharanpur, Uttar Pradesh - 247001",
        ),
        (
            "Address: Village Pettai, Post Vellore, Taluk Katpadi, Dist. Vellore, Tamil Nadu 632007",
            "Village Pettai, Post Vellore, Taluk Katpadi, Dist. Vellore, Tamil Nadu 632007",
        ),
        ("At/Po: Kuchinda, Dist: Sambalpur, Odisha", "At/Po: Kuchinda, Dist: Sambalpur, Odisha"),
        ("residing at Vill.- Haripur, West Bengal 713101.", "Vill.- Haripur, West Bengal 713101"),
    ],
)
def test_an_indian_village_line_with_its_post_office_and_district(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    # India writes a rural address as labelled parts: village, post office, police station,
    # sub-district and district, then the state and the six-digit PIN code.
    assert line in addresses(anonymizer, text)


@pytest.mark.parametrize(
    "text",
    [
        "We met on the Village Green, then at Hall 4.",
        "At Microsoft, Teams was used for the call.",
        "The Gram Panchayat office, Dist. Office and the bank were named.",
    ],
)
def test_a_village_word_without_a_labelled_part_or_pin_is_no_address(
    anonymizer: TextAnonymizer, text: str
) -> None:
    assert addresses(anonymizer, text) == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Amman: "عمّان" loses its mark in the detectors' view and reads as Oman's name
        (
            "العنوان: شارع المدينة المنورة، عمارة 9، الطابق 4، عمّان",
            "شارع المدينة المنورة، عمارة 9، الطابق 4، عمّان",
        ),
        (
            "يسكن في شارع الملكة رانيا، بناية 41، جبل الحسين، عمّان. وقال",
            "شارع الملكة رانيا، بناية 41، جبل الحسين، عمّان",
        ),
        ("Address: 21 Tanjong Pagar Road, #03-07, Singapore", "21 Tanjong Pagar Road, #03-07, Singapore"),
    ],
)
def test_a_town_named_as_its_country_written_right_after_the_line_is_the_town(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert line in addresses(anonymizer, text)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("العنوان: شارع السلطان قابوس، مبنى 12، مسقط، عمان", "شارع السلطان قابوس، مبنى 12، مسقط"),
        ("Adresse: Rue de Rivoli 5, 75001 Paris, France", "Rue de Rivoli 5, 75001 Paris"),
        ("Anschrift: Lindenweg 5, Deutschland", "Lindenweg 5"),
    ],
)
def test_a_country_written_last_after_its_town_or_no_town_of_its_name_stays(
    anonymizer: TextAnonymizer, text: str, line: str
) -> None:
    assert addresses(anonymizer, text) == [line]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("| Lena Fuchs | Talweg 8 | 79098 Freiburg | Zeugin |", "Talweg 8 | 79098 Freiburg"),
        ("Sam Okoro\t17 Birch Avenue\tLeeds LS6 2QT\tvictim", "17 Birch Avenue\tLeeds LS6 2QT"),
    ],
)
def test_a_postal_line_in_the_next_cell_of_a_table_row_is_part_of_the_address(
    anonymizer: TextAnonymizer, text: str, address: str
) -> None:
    assert address in addresses(anonymizer, text)


@pytest.mark.parametrize("cell", ["2019 Anzeige", "12 Anrufe", "44137 Dortmund, Nord"])
def test_a_next_cell_that_is_no_postal_line_alone_stays(anonymizer: TextAnonymizer, cell: str) -> None:
    text = f"| Birkenweg 17 | {cell} |"
    assert addresses(anonymizer, text) == ["Birkenweg 17"]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # a line found with its postcode: the town after it goes with it
        ("Korban tinggal di No. 7, Jalan SS15/4, 47500 Subang Jaya, Selangor. Penipu", "47500 Subang Jaya"),
        # a Dutch postcode is no Turkish street abbreviation ("Cd.": Cadde)
        ("Getuige Anna de Vries, Molenweg 14, 7511 CD Enschede, tel. 053-1234567", "7511 CD Enschede"),
        # a remark in brackets after the postcode that ends the line
        ("Address: 9 Wattle Road, Parramatta NSW 2150 (not the office).", "Parramatta NSW 2150"),
    ],
)
def test_the_town_after_a_postcode_and_a_remark_in_brackets(
    anonymizer: TextAnonymizer, text: str, address: str
) -> None:
    found = addresses(anonymizer, text)
    assert any(address in line for line in found), found


def test_a_turkish_numbered_street_still_takes_its_abbreviation(anonymizer: TextAnonymizer) -> None:
    text = "Adres: Bahçelievler Mah. 1204 Cd. No: 8 Kat 2, Çankaya/Ankara adresinde"
    assert any("1204 Cd. No: 8" in line for line in addresses(anonymizer, text))


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # the town ends its sentence, and the next one starts with capitals and a number
        (
            "Adresa: Rruga e Durrësit, Pallati 12, Ap. 4, Durrës. Llogaria AL35 2021 1109 u hap",
            "Ap. 4, Durrës",
        ),
        (
            "Il habite 14, Rue Allal Ben Abdellah, Quartier Gauthier, Rabat. Arnaque « Colis Poste »",
            "Gauthier, Rabat",
        ),
    ],
)
def test_a_town_that_ends_its_sentence_before_capitals(
    anonymizer: TextAnonymizer, text: str, address: str
) -> None:
    found = addresses(anonymizer, text)
    assert any(address in line for line in found), found


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # Bengaluru's numbered cross and main roads after the house's number
        (
            "Complainant: Mrs. Lakshmi Rao, #17, 6th Cross, 2nd Main, Indiranagar, Bengaluru 560038.",
            "#17, 6th Cross",
        ),
        ("Accused stays at No. 9, 11th Main Road, Vijayanagar, Bengaluru 560040.", "No. 9, 11th Main Road"),
        ("ದೂರುದಾರರ ವಿಳಾಸ: ನಂ. 23, 5ನೇ ಕ್ರಾಸ್, ರಾಜಾಜಿನಗರ, ಬೆಂಗಳೂರು 560010.", "ನಂ. 23, 5ನೇ ಕ್ರಾಸ್"),
    ],
)
def test_bengaluru_cross_and_main_roads(anonymizer: TextAnonymizer, text: str, address: str) -> None:
    found = addresses(anonymizer, text)
    assert any(address in line for line in found), found


@pytest.mark.parametrize("text", ["He paid 50, 3rd Main event tickets", "Team 4, 2nd Cross Country race"])
def test_an_ordinal_cross_or_main_in_a_sentence_is_no_road(anonymizer: TextAnonymizer, text: str) -> None:
    assert addresses(anonymizer, text) == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Li Ming yana zaune a Gida mai lamba 17, Titin Zoo, Kano.", "Gida mai lamba 17, Titin Zoo, Kano"),
        (
            "Mlalamikaji anayeishi Nyumba Na. 14, Barabara ya Ngong, Kilimani, Nairobi, alipokea ujumbe",
            "Nyumba Na. 14, Barabara ya Ngong, Kilimani, Nairobi",
        ),
        ("Uhlala e-Plot 41, Nahoon Valley, eMonti.", "Plot 41, Nahoon Valley"),
    ],
)
def test_a_number_prefix_before_a_line_found_from_its_number(
    anonymizer: TextAnonymizer, text: str, address: str
) -> None:
    assert address in addresses(anonymizer, text)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Achwynydd: Mrs Eirlys Pritchard, Bryn Awel, Llanddewi Brefi, Tregaron SY25 6RS, ffôn 01974.",
            "Bryn Awel, Llanddewi Brefi, Tregaron SY25 6RS",
        ),
        (
            "Tá sí ina cónaí ag 3 Ascaill an Choláiste, Gaoth Dobhair, Co. Dhún na nGall F92 H7X2. Uimhir",
            "3 Ascaill an Choláiste, Gaoth Dobhair, Co. Dhún na nGall F92 H7X2",
        ),
        (
            "Anzeigeerstatter:\nMaximilian Huber\nAm Kirchberg 3\n83646 Bad Tölz\nTel.",
            "Am Kirchberg 3\n83646 Bad Tölz",
        ),
    ],
)
def test_postal_blocks_known_by_their_postcode(anonymizer: TextAnonymizer, text: str, address: str) -> None:
    assert addresses(anonymizer, text) == [address]


def test_a_postal_block_leaves_the_persons_name_before_it(anonymizer: TextAnonymizer) -> None:
    text = "Complainant: Mrs Eirlys Pritchard, Bryn Awel, Llanddewi Brefi, Tregaron SY25 6RS."
    persons = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "PERSON"]
    assert persons == ["Mrs Eirlys Pritchard"]


@pytest.mark.parametrize(
    "text",
    [
        "The embassy is at Scotland Yard, London SW1A 2JL.",  # one part before the town: a building's
        "Case 2026\n10115 Berlin",  # a year over a postcode line is no street line
    ],
)
def test_no_postal_block_without_its_shape(anonymizer: TextAnonymizer, text: str) -> None:
    assert addresses(anonymizer, text) == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Demeurant Cité 1000 logements, bâtiment 14, entrée B, appartement 27, Es Senia.",
            "Cité 1000 logements, bâtiment 14, entrée B, appartement 27, Es Senia",
        ),
        ("Bilboko Kale Nagusia 8, 4. A", "Kale Nagusia 8, 4. A"),
        ("Kiss Erzsébettel a Kossuth Lajos utca 12-ben találkozott.", "Kossuth Lajos utca 12-ben"),
        ("CÍM: 1117 BUDAPEST, BARTÓK BÉLA ÚT 64. 3/12", "1117 BUDAPEST, BARTÓK BÉLA ÚT 64. 3/12"),
        (
            "Domicilio: Av. Constitución 1450 Pte., Col. Centro, 64000 Monterrey, N.L.",
            "Av. Constitución 1450 Pte., Col. Centro, 64000 Monterrey, N.L",
        ),
        (
            "住址：Blk 418 Ang Mo Kio Avenue 10, #07-1187, Singapore 560418，电话 9467 4556。",
            "Blk 418 Ang Mo Kio Avenue 10, #07-1187, Singapore 560418",
        ),
        (
            "Domicilio: Av. Rivadavia 5118, piso 7º, depto. B, CABA (C1424CEP). Tel",
            "Av. Rivadavia 5118, piso 7º, depto. B, CABA (C1424CEP)",
        ),
        (
            "domiciliată în mun. Chișinău, str. Ion Creangă 68, ap. 115.",
            "mun. Chișinău, str. Ion Creangă 68, ap. 115",
        ),
        (
            "manzil: Samarqand sh., Registon MFY, Temur Malik ko‘chasi, 27-uy.",
            "Samarqand sh., Registon MFY, Temur Malik ko‘chasi, 27-uy",
        ),
    ],
)
def test_entrance_floor_door_and_postcode_parts_each_country_writes(
    anonymizer: TextAnonymizer, text: str, address: str
) -> None:
    assert address in addresses(anonymizer, text)


@pytest.mark.parametrize(
    "text",
    [
        "The victim lives at 12 Main Street, 4. A friend called.",
        "He moved to 12 Main Street. A neighbour saw him.",
    ],
)
def test_a_sentence_starting_after_a_line_is_no_flat_letter(anonymizer: TextAnonymizer, text: str) -> None:
    assert not any(" A" in a for a in addresses(anonymizer, text))
