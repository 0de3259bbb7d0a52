"""Identity numbers of more countries: checksum-valid ones anywhere, check-digit-less forms (dots
or spaces) after a cue word only."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cl import rut as cl_rut
from stdnum.th import pin as th_pin

from shared.anonymization.detectors import NATIONAL_ID
from shared.anonymization.identity_numbers import DATA_FILE, _cue, _verdict, find_identity_numbers, load_rules
from shared.anonymization.text import TextAnonymizer
from shared.data_files import parse_yaml

from .conftest import filler, plant

_TW_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO"


def _tw_check(letter: str, digits: str) -> str:
    code = _TW_LETTERS.index(letter) + 10
    total = (
        code // 10 + (code % 10) * 9 + sum(int(d) * w for d, w in zip(digits, range(8, 0, -1), strict=True))
    )
    return str(-total % 10)


@st.composite
def taiwan_ids(draw: st.DrawFn) -> str:
    letter = draw(st.sampled_from(_TW_LETTERS))
    digits = draw(st.sampled_from("1289")) + draw(st.from_regex(r"[0-9]{7}", fullmatch=True))
    return letter + digits + _tw_check(letter, digits)


@st.composite
def singapore_ids(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from("STFG"))
    digits = draw(st.from_regex(r"[0-9]{7}", fullmatch=True))
    total = sum(int(d) * w for d, w in zip(digits, (2, 7, 6, 5, 4, 3, 2), strict=True)) + (
        4 if prefix in "TG" else 0
    )
    letters = "JZIHGFEDCBA" if prefix in "ST" else "XWUTRQPNMLK"
    return prefix + digits + letters[total % 11]


@st.composite
def chilean_ruts(draw: st.DrawFn) -> str:
    body = draw(st.integers(min_value=10_000_000, max_value=29_999_999))
    digits = str(body)
    return f"{digits[:2]}.{digits[2:5]}.{digits[5:]}-{cl_rut.calc_check_digit(digits)}"


@st.composite
def thai_ids(draw: st.DrawFn) -> str:
    body = draw(st.from_regex(r"[1-8][0-9]{11}", fullmatch=True))
    number = body + th_pin.calc_check_digit(body)
    return f"{number[0]}-{number[1:5]}-{number[5:10]}-{number[10:12]}-{number[12]}"


def _hk_check(prefix: str, digits: str) -> str:
    letters = prefix.rjust(2)
    total = sum((36 if ch == " " else ord(ch) - 55) * w for ch, w in zip(letters, (9, 8), strict=True))
    total += sum(int(d) * w for d, w in zip(digits, range(7, 1, -1), strict=True))
    check = -total % 11
    return "A" if check == 10 else str(check)


@st.composite
def hong_kong_ids(draw: st.DrawFn) -> str:
    prefix = draw(st.from_regex(r"[A-Z]{1,2}", fullmatch=True))
    digits = draw(st.from_regex(r"[0-9]{6}", fullmatch=True))
    return f"{prefix}{digits}({_hk_check(prefix, digits)})"


def _found(text: str) -> list[str]:
    return [text[d.start : d.end] for d in find_identity_numbers(text)]


@given(
    before=filler,
    value=st.one_of(taiwan_ids(), singapore_ids(), chilean_ruts(), thai_ids(), hong_kong_ids()),
    after=filler,
)
@settings(max_examples=120, deadline=None)
def test_checksum_valid_ids_never_survive_without_a_cue(
    anonymizer: TextAnonymizer, before: str, value: str, after: str
) -> None:
    redacted, counts = anonymizer.redact(plant(before, value, after))
    assert value not in redacted
    assert counts["NATIONAL-ID"] == 1


def test_taiwan_id_with_a_wrong_check_digit_is_kept_without_a_cue() -> None:
    valid = "B1" + "3572468" + _tw_check("B", "13572468")
    wrong = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    assert [d.kind for d in find_identity_numbers(f"order {valid} shipped")] == [NATIONAL_ID]
    assert list(find_identity_numbers(f"order {wrong} shipped")) == []


@pytest.mark.parametrize(
    "text",
    [
        "La denunciante, cédula 41.237.905, vive en Medellín",
        "Su DNI 30.456.789 fue usado para abrir la cuenta",
        "C.I. 4.512.337-8 de la víctima",
        "Số CCCD 079 188 004 512 của nạn nhân",
        "NIK 3275014507880003 milik korban",
        "居民身份证 110105199003071235",
        "台灣身分證字號：M221087653",
    ],
)
def test_cued_forms_without_a_check_digit(anonymizer: TextAnonymizer, text: str) -> None:
    redacted, counts = anonymizer.redact(text)
    assert counts["NATIONAL-ID"] == 1, redacted


@pytest.mark.parametrize(
    "text",
    [
        "They moved 41.237.905 rows of logs to the server",
        "The campaign reached 4.512.337 users in March",
        "Build 079 188 004 512 of the loader",
    ],
)
def test_dotted_numbers_without_a_cue_stay(anonymizer: TextAnonymizer, text: str) -> None:
    _, counts = anonymizer.redact(text)
    assert counts["NATIONAL-ID"] == 0


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Паспорт 45 07 № 123456 выдан ОВД", "45 07 № 123456"),
        ("उनका पैन ABCPK1234L ठगों के पास पहुँच गया", "ABCPK1234L"),
        ("PAN card: BNZPM2501F", "BNZPM2501F"),
        ("Victim's CNIC 35202-1234567-1 was used", "35202-1234567-1"),
        ("ID 42101-7654321-3 on the form", "42101-7654321-3"),  # a CNIC's shape anywhere
    ],
)
def test_passport_series_pan_and_cnic(anonymizer: TextAnonymizer, text: str, number: str) -> None:
    start = text.index(number)
    assert any(
        d.kind == NATIONAL_ID and d.start <= start and start + len(number) <= d.end
        for d in anonymizer.find(text)
    )


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("complainant Kwabena Ofori (Ghana Card GHA-004512873-6), Kumasi", "GHA-004512873-6"),
        ("reported by GHA-918273645-2 holder", "GHA-918273645-2"),  # the form alone
        ("zərərçəkmiş Səbinə Quliyeva, FİN kodu 3QX7R1P, Gəncə", "3QX7R1P"),
        ("şəxsiyyət vəsiqəsi AZE12345678, FİN kodu 6TP2W9K", "6TP2W9K"),
        ("complainant Dilani Fernando (NIC No 927381654V), Galle", "927381654V"),
        ("жәбірленуші ИИН 880514400123, Алматы", "880514400123"),
        ("jabrlanuvchi JShShIR 31205861234567, Toshkent", "31205861234567"),
        ("ভুক্তভোগীর জাতীয় পরিচয়পত্র 1987654321 নম্বর", "1987654321"),
    ],
)
def test_ids_of_ghana_azerbaijan_sri_lanka_kazakhstan_uzbekistan_bangladesh(
    anonymizer: TextAnonymizer, text: str, number: str
) -> None:
    start = text.index(number)
    assert any(
        d.kind == NATIONAL_ID and d.start <= start and start + len(number) <= d.end
        for d in anonymizer.find(text)
    )


@pytest.mark.parametrize(
    "text",
    [
        "à la fin de la phase ABC1234 du chantier",  # French "fin" is no cue
        "build 7AB3K2M of the loader",  # a FIN's shape without a cue
        "die Finanzen 2026AB1 im Plan",
    ],
)
def test_a_fin_shape_without_its_cue_stays(anonymizer: TextAnonymizer, text: str) -> None:
    _, counts = anonymizer.redact(text)
    assert counts["NATIONAL-ID"] == 0


def test_a_pan_shape_without_a_cue_stays() -> None:
    text = "build ABCPK1234L of the loader"
    assert list(find_identity_numbers(text, text.lower())) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Ang biktima, PhilSys number 4821-7730-1956-2084, ay nawalan ng pera.", "4821-7730-1956-2084"),
        ("PCN: 4821 7730 1956 2084", "4821 7730 1956 2084"),
        ("SSS No. 34-5678901-2 ng biktima", "34-5678901-2"),
        ("بطاقة التعريف الوطنية رقم BE123456 للضحية", "BE123456"),
        ("CIN : AB123456", "AB123456"),
    ],
)
def test_philippine_and_moroccan_ids_after_a_cue(text: str, number: str) -> None:
    assert [text[d.start : d.end] for d in find_identity_numbers(text) if d.kind == NATIONAL_ID] == [number]


@pytest.mark.parametrize("text", ["Order 4821-7730-1956-2084 shipped", "Flight AB1234 left at noon"])
def test_those_forms_without_a_cue_are_no_ids(text: str) -> None:
    assert list(find_identity_numbers(text)) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("الرقم القومي ٢٩٠٠١٠١١٢٣٤٥٦٧ للضحية", "٢٩٠٠١٠١١٢٣٤٥٦٧"),
        ("رقم الهوية الإماراتية 784-1985-1234567-1", "784-1985-1234567-1"),
        ("هويته الوطنية رقم 1045678912", "1045678912"),
        ("מספר תעודת זהות 123456782", "123456782"),
    ],
)
def test_egyptian_emirati_and_hebrew_cued_ids(text: str, number: str) -> None:
    assert [text[d.start : d.end] for d in find_identity_numbers(text) if d.kind == NATIONAL_ID] == [number]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("受害人身份證號碼Z683365(5)，住九龍", "Z683365(5)"),
        ("HKID R5432167 (check digit mistyped) on file", "R5432167"),
        ("其护照号码E12345678，已挂失", "E12345678"),
        ("ተጎጂው፣ ፋይዳ ቁጥር 5521 0937 4418 2267፣ ኢሜይል", "5521 0937 4418 2267"),
        ("老身份证号码110105560317042，已换发", "110105560317042"),
    ],
)
def test_hong_kong_chinese_and_ethiopian_ids_after_a_cue(text: str, number: str) -> None:
    assert _found(text) == [number]


def test_a_hong_kong_shape_with_a_wrong_check_digit_is_kept_without_a_cue() -> None:
    assert list(find_identity_numbers("Item C668668(3) ships today")) == []


def _verdict_rule_by_rule(value: str) -> str | None:
    """The verdict spelled out: every rule in order, the first checksum-valid `anywhere` one wins."""
    verdict = None
    for rule in load_rules().rules:
        if rule.form.fullmatch(value) is None:
            continue
        if rule.is_valid(value) and rule.anywhere:
            return "anywhere"
        verdict = "cue"
    return verdict


@settings(max_examples=400)
@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPRSTXYZ -./", min_size=6, max_size=22))
def test_verdict_is_the_first_fitting_rule_then_rule_by_rule(raw: str) -> None:
    match = load_rules().combined.match(raw)
    value = match.group() if match is not None else raw
    assert _verdict(value, load_rules()) == _verdict_rule_by_rule(value)


# No deadline: the first Chinese text loads that script's word lists (a second on a busy host).
@settings(deadline=None)
@given(
    birth=st.dates(min_value=date(1930, 1, 1), max_value=date(2015, 12, 31)),
    serial=st.integers(min_value=0, max_value=999),
)
def test_a_chinese_id_whose_county_no_table_knows_is_masked_and_never_crashes(
    anonymizer: TextAnonymizer, birth: date, serial: int
) -> None:
    """python-stdnum's county table fails (KeyError) on a province prefix it lists without a
    county; the number passed its check digit and birth date, so it is masked after a cue."""
    body = f"432145{birth:%Y%m%d}{serial:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    number = body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    redacted, counts = anonymizer.redact(f"受害人的身份证号码：{number}，已报警。")
    assert number not in redacted
    assert counts["NATIONAL-ID"] == 1
    # The same number without a cue is no error either.
    anonymizer.redact(f"Transaction {number} was refunded.")


def _with_cpf_check(base: str) -> str:
    digits = [int(d) for d in base]
    for size in (10, 11):
        total = sum(d * w for d, w in zip(digits, range(size, 1, -1), strict=False)) % 11
        digits.append(0 if total < 2 else 11 - total)
    return "".join(map(str, digits))


@given(rest=st.from_regex(r"[0-9]{6}", fullmatch=True), prefix=st.sampled_from(["0912", "0935", "0919"]))
@settings(max_examples=40, deadline=None)
def test_a_mobile_number_passing_a_checksum_is_no_id_without_a_cue(rest: str, prefix: str) -> None:
    number = _with_cpf_check(prefix + rest[:3] + rest[3:5])
    text = f"فروشنده جعلی با شماره {number} بیعانه گرفت."
    assert not list(find_identity_numbers(text))
    cued = f"CPF {number}"
    assert [cued[d.start : d.end] for d in find_identity_numbers(cued)] == [number]


def test_a_cue_names_the_first_number_after_it() -> None:
    text = "ת.ז. של המתלוננת 000000018. תיק 204417/2025 נפתח."
    assert _found(text) == ["000000018"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("ዝርፊያ: የፋይዳ ቁጥሩ 2231 0457 8812 6690፣ ምስክር።", "2231 0457 8812 6690"),
        ("የተጠርጣሪው መታወቂያ 2231 0457 8812 6690 ነው።", "2231 0457 8812 6690"),
    ],
)
def test_an_ethiopic_cue_with_its_preposition_or_possessive(text: str, number: str) -> None:
    assert _found(text) == [number]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Korban Ratna Sari, 3578015209850004, alamat Jl. Kenanga 4, Surabaya.", "3578015209850004"),
        ("Pelapor Agus Salim (3578011209850001) melapor ke polisi.", "3578011209850001"),
    ],
)
def test_a_checksum_valid_number_right_after_a_name_is_their_id(
    anonymizer: TextAnonymizer, text: str, number: str
) -> None:
    assert any(d.kind == NATIONAL_ID and text[d.start : d.end] == number for d in anonymizer.find(text))


def test_a_number_after_a_name_that_passes_no_checksum_stays(anonymizer: TextAnonymizer) -> None:
    text = "Korban Ratna Sari, 3578019999850001, alamat Jl. Kenanga 4."
    assert not any(d.kind == NATIONAL_ID for d in anonymizer.find(text))


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # hyphenated forms no other number has: anywhere
        ("Denunciante: Marta Quiroga domiciliada en Salta, 27-30111222-5.", "27-30111222-5"),
        ("Denunciante de Santiago, portador del 402-1234567-8.", "402-1234567-8"),
        # plain digits, after a cue
        ("Carla Ruiz, CUIT 27301112225.", "27301112225"),
        ("Victim's TFN 123 456 782 was used.", "123 456 782"),
        ("Her IRD number 49-091-850 was used.", "49-091-850"),
        ("Oškodovanka, EMŠO 0101990500020.", "0101990500020"),
        ("Brotaþoli, kennitala 120174-3399.", "120174-3399"),
    ],
)
def test_more_countries_cuil_cedula_tfn_ird_emso_kennitala(text: str, number: str) -> None:
    assert _found(text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Pedido 27301112225 enviado.",
        "Invoice 123 456 782 paid.",
        "Tracking 0101990500020 delivered.",
        "Code 20-12345678-0 expired.",
    ],
)
def test_those_plain_numbers_without_a_cue_or_a_failed_check_stay(text: str) -> None:
    assert not list(find_identity_numbers(text))


_RULES = load_rules()
_CUE_TEXTS = [
    c.lower()
    for c in sorted(parse_yaml(DATA_FILE.read_text(encoding="utf-8"))["cues"], key=len, reverse=True)
]
_PLAIN_CUE = re.compile("|".join(_cue(c) for c in _CUE_TEXTS))


@given(
    parts=st.lists(
        st.one_of(st.sampled_from(_CUE_TEXTS), st.text(alphabet="ab .:-no", max_size=4)), max_size=6
    )
)
@settings(max_examples=200, deadline=None)
def test_the_cue_pattern_matches_where_the_plain_alternation_of_cues_does(parts: list[str]) -> None:
    # The lookahead before the cues skips positions only where no cue starts.
    text = "".join(parts)
    assert [m.span() for m in _RULES.cue.finditer(text)] == [m.span() for m in _PLAIN_CUE.finditer(text)]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # formats no other number has: anywhere
        ("Хохирогч Сарангэрэл, УБ89051214, Улаанбаатар", "УБ89051214"),
        ("Account holder W. A. Saman (912345678V) received the funds.", "912345678V"),
        ("Klienti Besnik Hoxha, I20314062K, Tiranë.", "I20314062K"),
        ("Ofendido Adilson Cassoma, 004418227LA041, Luanda.", "004418227LA041"),
        ("Mukoma Shingi, 63-2219874 P 42, Harare.", "63-2219874 P 42"),  # 632219874 mod 23: "P"
        ("Uwimana Patrick: 1 1998 7 0045612 0 77.", "1 1998 7 0045612 0 77"),
        ("Ix-xhud Joseph Camilleri, 0234567M, San Pawl.", "0234567M"),
        # after a cue: passports in local words, capitals-only initialisms
        ("Baxtiyorning pasporti AD 4471208.", "AD 4471208"),
        ("jabrlanuvchi (pasport AC4482917)", "AC4482917"),
        ("被疑者 旅券番号 C4821773", "C4821773"),
        ("zərərçəkmiş Aynur Məmmədova (FİN 5ZK9T3L), ünvan", "5ZK9T3L"),
        ("الحامل للبطاقة الوطنية رقم BE784512، الساكن", "BE784512"),
        ("জাতীয় পরিচয়পত্র নং 19922694412778301, ঠিকানা", "19922694412778301"),
    ],
)
def test_ids_of_more_countries_and_cued_passports(text: str, number: str) -> None:
    assert _found(text) == [number]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("pasaport no. C4R7XK9L2 ile", "C4R7XK9L2"),
        ("son passeport porte le n° M48211739.", "M48211739"),
        ("(पासपोर्ट 21FR88412)", "21FR88412"),
        ("(ur. 02.12.1979, paszport P4471820B)", "P4471820B"),
        ("旅券番号はZ4418207。", "Z4418207"),
        ("Διαβατήριο: V4418290.", "V4418290"),
        ("(ፓስፖርት ቁጥር EJ5521903)", "EJ5521903"),
        ("(პასპორტი Z48127735) ი", "Z48127735"),
        ("Denunciante: C.I. 4418227 LP, domicilio", "4418227 LP"),
        ("NIN: CM90012345ABCD", "CM90012345ABCD"),
        ("在留カード番号はAB12345678CD。", "AB12345678CD"),
    ],
)
def test_passports_and_ids_without_a_check_digit_after_a_cue(text: str, number: str) -> None:
    assert _found(text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        # French "fin" (end) in lower case is no cue
        "Livraison prévue la fin 5ZK9T3L du mois.",
        # a register number's form with no birth date in it, and Sri Lanka's with no day of the year
        "Код УБ89991299 хүчингүй.",
        "Order 919995678V shipped.",
    ],
)
def test_those_forms_without_their_cue_or_date_stay(text: str) -> None:
    assert not list(find_identity_numbers(text))


def test_a_capitals_only_cue_names_the_number_after_it() -> None:
    text = "He was told his SIN 527 318 406 is suspended."
    assert _found(text) == ["527 318 406"]
    assert not list(find_identity_numbers("Pago sin 527 318 406 confirmado."))


@pytest.mark.parametrize(
    "text",
    [
        "ref C4R7XK9L2 of the ticket",
        "order 21FR88412 shipped",
        "lot 4418227 LP",
        "code CM90012345ABCD",
        "parcel AB12345678CD",
    ],
)
def test_those_forms_without_a_cue_stay(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("national ID 63-418822 B 27, of", "63-418822 B 27"),  # 63418822 mod 23 = 2: "B"
        ("residente, 004418827LA042, Luanda", "004418827LA042"),
        ("registered УБ99061512 in", "УБ99061512"),  # born 1999-06-15
        ("NRC 12/OuKaMa(N)123456 x", "12/OuKaMa(N)123456"),
        ("NIDA 19850612-12345-00001-12 x", "19850612-12345-00001-12"),
    ],
)
def test_forms_no_other_number_has_anywhere(text: str, number: str) -> None:
    assert _found(text) == [number]


@pytest.mark.parametrize("text", ["ref 63-418822 C 27 z", "ref УБ99135012 x"])
def test_a_failed_check_letter_or_birth_date_stays_without_a_cue(text: str) -> None:
    # "C" is not 63418822's check letter; month 13 is no month.
    assert _found(text) == []


def test_one_cue_names_a_list_of_numbers() -> None:
    assert _found("ถูกยึดหนังสือเดินทาง เลขที่ W4418203 และ T7721904 นาย") == ["W4418203", "T7721904"]
    assert _found("passport W4418203 and T7721904.") == ["W4418203", "T7721904"]
    assert _found("passport W4418203, tel T7721904") == ["W4418203"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("El cliente (RFC RASJ791103QP1) abrió la cuenta", "RASJ791103QP1"),
        ("Telefonox 68 021 477, carnet 6714329 L.P.", "6714329 L.P."),
        ("Paramaribo, ID-nummer FB012447. Zij werd gebeld", "FB012447"),
        ("umazisi wami ngu-9005120412085.", "9005120412085"),  # Nguni prefix joined by a hyphen
    ],
)
def test_latin_american_and_african_ids(anonymizer: TextAnonymizer, text: str, number: str) -> None:
    start = text.index(number)
    assert any(
        d.kind == NATIONAL_ID and d.start <= start and start + len(number) <= d.end
        for d in anonymizer.find(text)
    )


def test_a_number_after_a_capitalized_code_and_hyphen_is_no_id(anonymizer: TextAnonymizer) -> None:
    found = anonymizer.find("Alerta interna AF-9005120412085 del banco")
    assert not any(d.kind == NATIONAL_ID for d in found)
