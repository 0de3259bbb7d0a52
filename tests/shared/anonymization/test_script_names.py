"""Names inside Korean, Chinese, Japanese and Hindi texts (shared/anonymization/script_names.yaml)."""

from __future__ import annotations

import pytest

from shared.anonymization.script_names import find_script_names
from shared.anonymization.text import TextAnonymizer


def names(text: str) -> set[str]:
    return {text[d.start : d.end] for d in find_script_names(text)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("신고인 박민수 씨는 어제 문자를 받았다", "박민수"),
        ("정하늘님의 계좌에서 돈이 빠져나갔다", "정하늘"),
        ("윤지호 교수에게 가짜 논문 심사 메일이 왔다", "윤지호"),
        ("이름: 한예슬\n연락처: 없음", "한예슬"),
        ("报案人陈建国称其接到诈骗电话", "陈建国"),
        ("姓名：黄丽\n地址：不详", "黄丽"),
        ("嫌疑人冒充客服联系了李先生", "李"),
        ("被害人歐陽娜娜於上週報案", "歐陽娜娜"),
        ("佐藤 花子さんは銀行を装ったメールを受け取った", "佐藤 花子"),
        ("被害者の山本大輔様から相談があった", "山本大輔"),
        ("マリア・サントスさんの口座が悪用された", "マリア・サントス"),
        ("श्रीमती सुनीता देवी ने पुलिस को बताया", "सुनीता देवी"),
        ("शिकायतकर्ता रमेश चौहान के खाते से पैसे निकले", "रमेश चौहान"),
        ("इस मामले में विकास मल्होत्रा ने शिकायत दी", "विकास मल्होत्रा"),
    ],
)
def test_names_written_the_local_way_are_found(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "고객님 선생님 사장님께 안내드립니다",  # titles after 님, not names
        "피해자 진술에 따르면 조사를 진행했다",  # words after a cue that start with a surname syllable
        "受害人下载了屏幕共享软件",  # no surname after the cue
        "お客様と担当者様へのお知らせ",  # honorifics after common nouns
        "पुलिस ने एक शिकायत दर्ज की",  # no title, cue or surname
    ],
)
def test_titles_and_common_words_are_not_names(text: str) -> None:
    assert names(text) == set()


def test_a_text_in_chinese_does_not_mask_its_words_as_foreign_names() -> None:
    # A run of Chinese in a Chinese text is the text, not a name in another script.
    text = "受害人接到自称公安局人员的电话，被要求将存款转入安全账户。联系电话：无。案情：冒充客服。"
    assert [d for d in TextAnonymizer().find(text) if d.kind == "PERSON"] == []


@pytest.mark.parametrize(
    ("run", "is_name"),
    [
        ("周建华", True),
        ("佐々木 恵", True),
        ("ジョン・スミス", True),
        ("박서준", True),
        ("身份证", False),
        ("マイナンバー", False),
        ("を装った", False),
        ("피해자 메일", False),
        ("공격자가", False),
    ],
)
def test_cjk_name_in_cjk_text(run: str, is_name: bool) -> None:
    from shared.anonymization.script_names import bundled_script_names, cjk_name_in_cjk_text

    assert cjk_name_in_cjk_text(run, bundled_script_names()) is is_name
