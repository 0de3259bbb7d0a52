"""Names inside texts written in Korean, Chinese, Japanese and other non-Latin scripts
(shared/anonymization/script_names.yaml)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from shared.anonymization.script_names import (
    bundled_in_script,
    find_in_script_names,
    find_script_names,
    library_names,
)
from shared.anonymization.scripts import load_places
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
        ("接骨院の岡崎先生に相談した", "岡崎"),  # a family name alone before "先生"
        ("マリア・サントスさんの口座が悪用された", "マリア・サントス"),
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
    ],
)
def test_titles_and_common_words_are_not_names(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("受害人黎氏兰称其被骗", "黎氏兰"),  # a Vietnamese name: 氏 (Thi) is part of it
        ("報案人蔡佩君表示遭到詐騙", "蔡佩君"),  # 君 ends a given name
    ],
)
def test_japanese_honorifics_chinese_writes_inside_names_do_not_cut_them(text: str, name: str) -> None:
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert found == [name]


@pytest.mark.parametrize("field", ["身份证号", "银行卡号", "联系电话", "피해자", "연락처"])
def test_a_short_field_of_cjk_words_is_no_name(field: str) -> None:
    assert [d for d in TextAnonymizer().find(field) if d.kind == "PERSON"] == []


def test_a_cjk_run_that_begins_with_a_word_is_a_name_inside_a_latin_text() -> None:
    # "盖亚" is Gaia, "小笠原" islands too: in a Latin text the run is the person.
    text = "Su vecino 盖亚婷 recibió el mismo SMS; 小笠原 健 también."
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert found == ["盖亚婷", "小笠原 健"]


def test_a_famous_korean_name_alone_in_a_field_stays_a_name() -> None:
    # A frequent word of wordfreq's lists, a listed family name and two syllables: a name.
    assert [d.kind for d in TextAnonymizer().find("김정은")] == ["PERSON"]


@pytest.mark.parametrize("field", ["周丽娟", "林志强", "岩罕", "박서연"])
def test_a_short_field_holding_a_cjk_name_is_masked(field: str) -> None:
    assert [field[d.start : d.end] for d in TextAnonymizer().find(field) if d.kind == "PERSON"] == [field]


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
        # Longer than a Chinese name; only a Japanese family name makes such a run a name.
        ("向派出所报案", False),
        ("長谷川由紀子", True),
    ],
)
def test_cjk_name_in_cjk_text(run: str, is_name: bool) -> None:
    from shared.anonymization.script_names import bundled_script_names, cjk_name_in_cjk_text

    assert cjk_name_in_cjk_text(run, bundled_script_names()) is is_name


def in_script(text: str) -> set[str]:
    return {text[d.start : d.end] for d in find_in_script_names(text, places=load_places)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A title or a cue, then the name up to punctuation, a stop word or max_words.
        ("श्रीमती सुनीता देवी ने पुलिस को बताया", "सुनीता देवी"),
        ("शिकायतकर्ता रमेश चौहान के खाते से पैसे निकले", "रमेश चौहान"),
        ("इस मामले में विकास मल्होत्रा ने शिकायत दी", "विकास मल्होत्रा"),
        ("הודעה מזויפת: המתלוננת, רחל כהן (בת 70), הזינה את פרטי הכרטיס.", "רחל כהן"),
        ("מר אלי שמש דיווח על הונאה", "אלי שמש"),
        ("גב' נורית אדלר התקשרה למוקד", "נורית אדלר"),
        ("ভুক্তভোগী কামাল হোসেন ৫০,০০০ টাকা হারান।", "কামাল হোসেন"),
        ("প্রতারকেরা শ্রীমতী অর্পিতা ঘোষকে ফোন করে ওটিপি নেয়।", "অর্পিতা ঘোষকে"),
        ("திருமதி கவிதா ராமசாமி அவர்களின் கணக்கில் இருந்து பணம் எடுக்கப்பட்டது.", "கவிதா ராமசாமி"),
        ("Տուժողը՝ Կարեն Սարգսյան, հեռ. +374 10 000000", "Կարեն Սարգսյան"),
        ("დაზარალებული ნინო ბერიძე, მისამართი: თბილისი", "ნინო ბერიძე"),
        ("آقای کامران جهانگیری ۲۰ میلیون تومان پرداخت کرد", "کامران جهانگیری"),
        ("نام و نام خانوادگی: سارا حسن‌زاده", "سارا حسن‌زاده"),
        ("అనుమానాస్పద కాల్ గురించి శ్రీమతి లక్ష్మి రెడ్డి ఫిర్యాదు చేశారు", "లక్ష్మి రెడ్డి"),
        ("ਸ਼ਿਕਾਇਤਕਰਤਾ ਹਰਪ੍ਰੀਤ ਸਿੰਘ ਨੇ ਦੱਸਿਆ", "ਹਰਪ੍ਰੀਤ ਸਿੰਘ"),
        ("ଅଭିଯୋଗକାରୀ ସୁରେଶ ମହାନ୍ତି ଥାନାରେ ଅଭିଯୋଗ କରିଛନ୍ତି", "ସୁରେଶ ମହାନ୍ତି"),
        ("አቶ ተስፋዬ ገብሩ 10,000 ብር አጥተዋል", "ተስፋዬ ገብሩ"),
        ("पीडित राम बहादुर थापा ले प्रहरीमा उजुरी दिए", "राम बहादुर थापा"),
        ("तक्रारदार सुनील पाटील यांनी पोलिसांकडे तक्रार केली", "सुनील पाटील"),
        ("جناب عمران قریشی کے اکاؤنٹ سے رقم نکالی گئی", "عمران قریشی"),
        # A kinship word before a comma; a role in news style; "s/o" (son of).
        ("הבן, עמרי שגיא, פנה למשטרה", "עמרי שגיא"),
        ("ঢাকার ব্যবসায়ী জসিম উদ্দিন প্রতারিত হন", "জসিম উদ্দিন"),
        ("திரு. கோபி s/o ஆறுமுகம் பணத்தை இழந்தார்", "ஆறுமுகம்"),
        # An age after a comma or in brackets.
        ("במהלך החקירה התברר כי עמרי שגיא, בן 47, העביר כסף.", "עמרי שגיא"),
        ("ताराचंद बैरवा (45 वर्ष) ने बताया", "ताराचंद बैरवा"),
        ("Սուրեն Ղազարյանց, 61 տարեկան, դիմել է ոստիկանություն", "Սուրեն Ղազարյանց"),
        ("מרדכי זילבר (67) מחולון דיווח על הונאה", "מרדכי זילבר"),
        ("שרית אלמוגי, תושבת נתניה, הגישה תלונה", "שרית אלמוגי"),
        ("মো. সাইদুল ইসলাম (৩৫) প্রতারিত হন", "সাইদুল ইসলাম"),
        # Son of, daughter of: the names on both sides.
        ("रामकिशन पुत्र हरिराम निवासी गांव", "रामकिशन"),
        ("रामकिशन पुत्र हरिराम निवासी गांव", "हरिराम"),
        ("น้องแพรวา อายุ 12 ปี ถูกหลอกให้โอนเงิน", "แพรวา"),
        # After a title, a word that also names a town is a surname ("Anand").
        ("செல்வி யாழினி ஆனந்த் மோசடியில் பணத்தை இழந்தார்", "யாழினி ஆனந்த்"),
        # A title written after the name.
        ("ලක්ෂ්මන් පෙරේරා මහතා පැමිණිලි කළේය", "ලක්ෂ්මන් පෙරේරා"),
        # A surname by its shape, with a case ending.
        ("Գրիգորյանի հաշվից գումար է փոխանցվել", "Գրիգորյանի"),
        ("ამის შემდეგ გიორგი მამალაძემ დაკარგა 500 ლარი", "გიორგი მამალაძემ"),
        ("השוטר המזויף דרש מיעקב פרידמן את הקוד", "מיעקב פרידמן"),
        # Unspaced scripts: the run after the title, then the surname after a space.
        ("นายสมชาย มั่นคง ได้รับข้อความปลอม", "สมชาย มั่นคง"),
        ("ผู้เสียหาย นางมาลี ศรีสุข โอนเงิน 5,000 บาท", "มาลี ศรีสุข"),
        ("លោក សុខ ដារ៉ា បានផ្ទេរប្រាក់", "សុខ ដារ៉ា"),
        # A cue written onto the word before it, then a listed given name that also spells a
        # place ("มาลี", Mali) and a surname.
        ("ผู้แจ้งชื่อ มาลี ศรีวงศ์ เห็นคนร้ายที่ตู้เอทีเอ็ม", "มาลี ศรีวงศ์"),
        # A Burmese name after its weak title, before "also" written apart.
        ("သူ၏ ညီမ မခင်စန္ဒာ လည်း ငွေဆုံးရှုံးခဲ့သည်။", "ခင်စန္ဒာ"),
        # A Hebrew given name after a cue, that starts with the letter of the article.
        ("המתלוננת הדס, בת 40, פנתה למשטרה", "הדס"),
    ],
)
def test_names_inside_texts_of_their_script(text: str, name: str) -> None:
    # Overlapping spans of one person are joined: the name lies inside one of them.
    assert any(name in value for value in in_script(text)), in_script(text)


@pytest.mark.parametrize(
    "text",
    [
        "पुलिस ने एक शिकायत दर्ज की",  # no title, cue or surname
        "בנו קיבל הודעה חשודה",  # a kinship word without a comma: "his son got a message"
        "הקורבן, בן 84, דיווח למשטרה",  # an age after a cue: the cue is no name
        "ধারা (৪২০) অনুযায়ী মামলা হয়েছে",  # a section of the law in brackets is no age
        "น้องสาวของเธอถูกหลอกให้โอนเงิน",  # "younger sister" begins with the title น้อง
        "خانم‌ها و آقایان قربانی کلاهبرداری شدند",  # "became victims of fraud": no cue
        # A cue, then a verb or an object: the clause goes on, or the word is case-marked.
        "המשטרה מזהירה: המתלונן קיבל שיחה, והחשוד ביקש להתקין אפליקציה לשליטה מרחוק.",
        "পুলিশ জানায়, অভিযোগকারী থানায় মামলা করেছেন।",
        "புகார்தாரர் காவல்துறையில் புகார் அளித்தார்.",
        "Երևանյան ընկերությունը կեղծ նամակներ է ուղարկել։",  # "Yerevan-based": a place and -յան
        "มิจฉาชีพแอบอ้างเป็นเจ้าหน้าที่ธนาคาร โทรหาผู้เสียหาย ให้โอนเงินไปยังบัญชีปลอดภัย",
        "मेरे पड़ोसी ने पुलिस में एक शिकायत दर्ज की",
        "מערך הסייבר מזהיר מפני קבוצת תוקפים המתחזה לחברת ביטוח",  # no title, cue or surname
        'הודעה מזויפת בשם "חברת החשמל" נשלחה ללקוחות',  # a brand in quotes after "named"
        "פורסמה אזהרה: נפגע נוסף דיווח הבוקר",  # a cue without its colon, then an adjective
        "কুমিল্লায় একটি প্রতারক চক্র ধরা পড়েছে",  # a place and common words
        "คุณภาพของแอปดี คุณสามารถโอนเงินได้ทันที",  # "quality", and "you can"
        "นายหน้าปลอมหลอกขายคอนโด",  # "broker" begins with the title นาย
        "با نام کاربری جعلی وارد حساب شد",  # "user name" is no name
        "ქალაქ თბილისში გახსნილია ახალი ფილიალი",  # a place name with a case ending
        "თაღლითმა ბატონი მენეჯერის სახელით დარეკა",  # "Mr Manager", "in the name of"
        "ჩემმა ვაჟიშვილმა დარეკა და ფული ითხოვა",  # "my son called": a kin noun in "-შვილი"
        "පැමිණිලිකරු ලබා දුන් Viber පණිවිඩ",  # a cue, then "provided" (a verb)
        "တိုင်ကြားသူ တင်ပြသော စာရွက်များ",  # a cue, then "that submitted" (a relative verb)
        "השומר בקניון שבעת הכוכבים, ליד התחנה",  # a guard at a mall named as a place
        "אלה דברי החשוד הראשון, לפי החוקר",  # "the first suspect": an adjective with the article
        "सीबीआई अधिकारी बनकर ठगों ने वीडियो कॉल किया",  # "officer", a Nepali surname too
    ],
)
def test_words_of_the_text_are_not_names(text: str) -> None:
    assert in_script(text) == set()


def test_a_text_in_thai_is_not_taken_for_a_foreign_name() -> None:
    # Thai writes a clause without spaces: a run longer than a name is the text itself.
    text = "มิจฉาชีพแอบอ้างเป็นเจ้าหน้าที่ธนาคาร โทรหาผู้เสียหาย ให้โอนเงินไปยังบัญชีปลอดภัย"
    assert [d for d in TextAnonymizer().find(text) if d.kind == "PERSON"] == []


def test_a_place_after_a_title_stays() -> None:
    # "Mr Tbilisi" is no one: a place name after a title or cue is left for trends.
    assert in_script("მოქალაქე თბილისი") == set()


_RULES = bundled_in_script()
_SPACED = [lang for lang in _RULES.languages if not lang.unspaced and lang.before is not None]


@st.composite
def titled_names(draw: st.DrawFn) -> tuple[str, str, int]:
    lang = draw(st.sampled_from(_SPACED))
    titles = sorted(lang.markers - lang.after - lang.appositions - lang.aliases)
    listed = sorted(w for w in lang.given | lang.surnames if not lang.is_stop(w))
    assume(titles and listed)
    title = draw(st.sampled_from(titles))
    words = draw(st.lists(st.sampled_from(listed), min_size=1, max_size=lang.max_words))
    # A name as its language writes it: given names, then family names, or the reverse where the
    # family name comes first (a given name after a family name begins the next person's name).
    family_only = [lang.is_surname(word) and not lang.is_given(word) for word in words]
    order = sorted(range(len(words)), key=lambda i: family_only[i] != lang.family_first)
    name = " ".join(words[i] for i in order)
    # A stop word with a letter the language never writes ("کے" among Persian's, an Urdu word)
    # hands the text to the language that writes it.
    stops = sorted(w for w in lang.stop if lang.other_marks is None or not lang.other_marks.search(w))
    stop = draw(st.sampled_from(stops or ["."]))
    # A language that shares its script (Persian, Urdu) reads only a text with a letter of its own.
    opener = next((f"{w}. " for w in sorted(lang.stop) if lang.marks and lang.marks.search(w)), "")
    return f"{opener}{title} {name} {stop}", name, len(opener)


@settings(max_examples=300, deadline=None)
@given(titled_names())
def test_a_title_or_cue_and_listed_names_are_masked(case: tuple[str, str, int]) -> None:
    text, name, opener = case
    start = text.index(name, text.index(" ", opener))
    # A dot closing an abbreviated name ("के.सी.") may be read as the sentence's: the letters count.
    end = start + len(name.rstrip("."))
    found = find_in_script_names(text, places=load_places)
    assert any(d.start <= start and end <= d.end for d in found), text


_UNSPACED = [lang for lang in _RULES.languages if lang.unspaced and lang.before is not None]
_THAI_LETTERS = "กขคงจชซญดตถทธนบปผพฟภมยรลวศสหอฮะาิีึืุูเแโใไ่้๊๋ั็์"


@st.composite
def titled_thai_names(draw: st.DrawFn) -> tuple[str, str]:
    lang = next(lang for lang in _UNSPACED if lang.script == "Thai")
    titles = sorted(lang.titles)
    title = draw(st.sampled_from(titles))
    given = draw(st.text(alphabet=_THAI_LETTERS, min_size=2, max_size=10))
    surname = draw(st.text(alphabet=_THAI_LETTERS, min_size=2, max_size=12))
    text = f"แจ้งว่า {title}{given} {surname} โอนเงิน 5,000 บาท"
    # A run that starts with a stop word is a phrase by design; a not_names word is no title.
    assume(not any(run.startswith(tuple(lang.stop)) for run in (given, surname)))
    assume(lang.not_names is None or lang.not_names.match(f"{title}{given}") is None)
    return text, f"{given} {surname}"


@settings(max_examples=200, deadline=None)
@given(titled_thai_names())
def test_a_thai_title_and_any_name_are_masked(case: tuple[str, str]) -> None:
    text, name = case
    start = text.index(name)
    found = find_in_script_names(text)
    assert any(d.start <= start and start + len(name) <= d.end for d in found), text


@st.composite
def function_word_texts(draw: st.DrawFn) -> str:
    lang = draw(st.sampled_from([lang for lang in _RULES.languages if lang.stop]))
    words = draw(st.lists(st.sampled_from(sorted(lang.stop)), min_size=1, max_size=12))
    # A word that ends a name may still be a listed given name before one that is a listed surname
    # ("पूजा अधिकारी", worship officer, is also Pooja Adhikari): that pair is a name.
    # (Languages of one script share their names: a Marathi given name is one in Hindi text too.)
    assume(
        not any(
            other.is_given(a) and other.is_surname(b)
            for other in _RULES.languages
            for a, b in pairwise(words)
        )
    )
    return " ".join(words) if not lang.unspaced else "".join(words)


@settings(max_examples=300, deadline=None)
@given(function_word_texts())
def test_function_words_alone_are_never_a_name(text: str) -> None:
    assert list(find_in_script_names(text, places=load_places)) == [], text


def test_a_function_word_that_is_a_surname_repeated_is_no_name() -> None:
    # "अधिकारी" (officer) is a surname after a name word ("हरि प्रसाद अधिकारी"), not after itself.
    assert list(find_in_script_names("अधिकारी अधिकारी अधिकारी", places=load_places)) == []
    name = "हरि प्रसाद अधिकारी"
    found = find_in_script_names(f"{name} ने कहा", places=load_places)
    assert any(d.start == 0 and d.end == len(name) for d in found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Given names only Faker's lists have (hi_IN, he_IL, bn_BD), beside a word no list has.
        ("कल अनुष्का गोरखपुरी ने पुलिस को बताया", "अनुष्का गोरखपुरी"),
        ("אתמול אביחי זקלמן דיווח למשטרה", "אביחי זקלמן"),
    ],
)
def test_given_names_of_the_name_library_are_found(text: str, name: str) -> None:
    found = {text[d.start : d.end] for d in find_in_script_names(text, bundled_in_script(), load_places)}
    assert name in found


@pytest.mark.parametrize(("locale", "language"), [("he_IL", "he"), ("hi_IN", "hi"), ("bn_BD", "bn")])
def test_library_names_leave_out_the_languages_frequent_words(locale: str, language: str) -> None:
    from wordfreq import top_n_list

    given, surnames = library_names(locale, language)
    assert given and surnames
    assert not (given | surnames) & set(top_n_list(language, 5_000, wordlist="small"))
    assert all(len(name) > 1 and " " not in name for name in given | surnames)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Chinese names with no cue: a listed surname and given-name characters between words.
        ("骗子通过视频通话恐吓李桂兰，称其涉嫌洗钱。", "李桂兰"),
        ("客服诱导陈志明开通借款功能。", "陈志明"),
        ("无业人员黄建国将银行卡出租。", "黄建国"),
        # A Korean name with the age in brackets; a role word before it.
        ("회사원 정민호(41)이 경찰에 신고했다.", "정민호"),
        # A Japanese family name and a given name in hiragana before an honorific.
        ("知人の佐藤 あやかさんが送金した。", "佐藤 あやか"),
    ],
)
def test_names_without_a_cue_word_in_cjk_text(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "高级客服通过电话诱导受害人下载屏幕共享软件。",
        "每周三提高转账额度，黄金价格上涨，李强调说不要相信。",
        "关于金额和余额的问题，对方付款后容易受骗，非常危险。",
        "文明城市建设中，王国平安保险提醒客户。",
    ],
)
def test_chinese_words_that_begin_with_a_surname_are_no_names(text: str) -> None:
    assert names(text) == set()


@given(
    surname=st.sampled_from(list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高")),
    given_name=st.sampled_from(["秀英", "志明", "美玲", "建国", "丽娟", "俊杰", "伟", "芳", "婷婷", "家豪"]),
    before=st.sampled_from(["骗子恐吓", "客服诱导", "无业人员", "警方通知", "昨日，"]),
    after=st.sampled_from(["开通了借款功能。", "（身份证号不详）", "，称其涉嫌洗钱。", "在网上被骗。"]),
)
@settings(max_examples=150, deadline=None)
def test_a_common_chinese_name_between_verbs_never_survives(
    surname: str, given_name: str, before: str, after: str
) -> None:
    name = surname + given_name
    text = before + name + after
    start = text.index(name)
    found = find_script_names(text)
    assert any(d.start <= start and start + len(name) <= d.end for d in found), text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Frequent family names of the 百家姓 beyond the most frequent hundred.
        ("骗子诱导倪国栋开通借款功能。", "倪国栋"),
        ("客服诱导樊丽萍下载软件。", "樊丽萍"),
        ("骗子恐吓骆志远，称其涉嫌洗钱。", "骆志远"),
        # A Japanese family name beyond the first two hundred, before a rank and a given name.
        ("詐欺グループの指示役、望月健吾容疑者（41）を逮捕した。", "望月健吾"),
    ],
)
def test_more_listed_family_names(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("报案人小周（化名）称其被骗。", {"小周"}),
        ("被骗的阿华（化名）报警。", {"阿华"}),
        ("市民刘女士（化名）反映", {"刘"}),
        ("会社員の中野（仮名）さんが相談した。", {"中野"}),
    ],
)
def test_a_name_marked_as_a_pseudonym_is_masked(text: str, expected: set[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    ["他向项目经理转账。", "凌晨三点，嫌疑人驾驶蓝色轿车逃离。", "受害人购买了纪念品，规模庞大。"],
)
def test_words_beginning_with_a_less_frequent_family_name_stay(text: str) -> None:
    assert names(text) == set()


@given(
    surname=st.sampled_from(list("何邓宋袁曾彭")),
    given_name=st.sampled_from(["晓峰", "梓涵", "晓燕", "泽宇", "诗琪", "馨悦"]),
    frame=st.sampled_from(
        ["已确认陆文、{}等三名客户被盗刷。", "骗子要求将钱转账至{}的账户。", "客服诱导{}开通借款功能。"]
    ),
)
@settings(max_examples=60, deadline=None)
def test_chinese_names_with_frequent_given_characters_no_library_lists(
    surname: str, given_name: str, frame: str
) -> None:
    # Faker's Chinese given names leave out characters as frequent in names as 晓, 梓, 泽 and 诗;
    # "转账至" (transferred to) is written before the payee.
    name = surname + given_name
    assert name in names(frame.format(name))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The complainant סאמר אבו אל עסל sent the fee.", "סאמר אבו אל עסל"),
        ("המתלוננת ראניה אל קאסם דיווחה למשטרה.", "ראניה אל קאסם"),
    ],
)
def test_hebrew_particles_inside_names(text: str, name: str) -> None:
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert name in found, found


def test_a_hebrew_phrase_with_a_particle_word_stays() -> None:
    text = "He wrote שלח אל הבנק in the chat."
    assert [d for d in TextAnonymizer().find(text) if d.kind == "PERSON"] == []


def test_library_names_hold_only_letters_of_their_script() -> None:
    for lang in _RULES.languages:
        mixed = [w for w in lang.given | lang.surnames if any("a" <= c.lower() <= "z" for c in w)]
        assert mixed == [], lang


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Korean: a crime role before a full name that carries a particle.
        ("경찰은 보이스피싱 수거책 한도윤을 붙잡았다.", "한도윤"),
        ("조직의 총책 마상길과 인출책 변지현이 구속됐다.", "마상길"),
        ("조직의 총책 마상길과 인출책 변지현이 구속됐다.", "변지현"),
        # Japanese: a rank after the name, an age in brackets, a role before it.
        ("大阪府警の中島健吾警部補が説明した。", "中島健吾"),
        ("アルバイトの大学生、松井颯太（20）は容疑を認めた。", "松井颯太"),
        ("元社員の長谷川淳が送金を指示した。", "長谷川淳"),
        ("警察によると、佐藤 一郎容疑者（45）は否認している。", "佐藤 一郎"),
        ("ブラジル国籍のシルバ・ペドロ容疑者が逮捕された。", "シルバ・ペドロ"),
        # Chinese: a profession after the name; a less frequent family name after a cue; "某".
        ("据报道，唐文博律师提醒市民注意。", "唐文博"),
        ("房东冉国栋在小区门口被骗。", "冉国栋"),
        ("犯罪嫌疑人被抓获后，李某某交代了作案经过。", "李某某"),
    ],
)
def test_names_beside_roles_and_ranks_in_cjk_text(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "경찰 정보가 유출된 사실을 확인했다.",  # a frequent word and a particle
        "보호자 가족들이 경찰서를 찾았다.",  # a plural
        "피해자 사용자가 앱을 설치했다.",  # a frequent word
        "受害人安装了远程控制软件。",  # a less frequent family name that starts a word
        "老人和孩子在家里接到电话。",
        "国王某处的宝藏是骗局。",
        "石川県警の部長が会見した。",  # a place and a rank
    ],
)
def test_words_beside_cjk_roles_are_no_names(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    ("text", "names_"),
    [
        # Each with the particle written onto it.
        (
            "모집책 강도윤을 검거했다. 강도윤은 계좌를 넘겼고 강도윤의 집에서 카드가 나왔다.",
            ["강도윤을", "강도윤은", "강도윤의"],
        ),
        ("受け子の少年松井颯太（17）が逮捕された。松井の自宅から現金が見つかった。", ["松井颯太", "松井"]),
        ("房东冉国栋被骗后报警。冉国栋说对方自称客服。", ["冉国栋", "冉国栋"]),
    ],
)
def test_a_cjk_name_written_again_is_masked_again(text: str, names_: list[str]) -> None:
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert found == names_


def test_a_cjk_repeat_inside_a_longer_word_is_left() -> None:
    # "강도윤" again inside "강도윤리" (hangul after it, no particle), "松井" before a kanji.
    text = "모집책 강도윤을 검거했다. 강도윤리 교육. 少年松井颯太（17）. 松井町の駅."
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert [f for f in found if f.startswith("강도윤")] == ["강도윤을"]
    assert "松井" not in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Hindi: a listed middle word and an unlisted last word before a postposition.
        ("ठगों ने सुनील कुमार भारद्वाज को फोन किया।", "सुनील कुमार भारद्वाज"),
        ("व्यापारी हरप्रीत सिंह ढिल्लों से पैसे ऐंठे गए।", "हरप्रीत सिंह ढिल्लों"),
        # A relative before a name (Hindi, Tamil, Thai).
        ("उनकी बेटी अनुष्का त्यागी ने शिकायत की।", "अनुष्का त्यागी"),
        ("அவரது மனைவி லதா பரமசிவம் புகார் அளித்தார்.", "லதா பரமசிவம்"),
        ("ลูกสาว มาลัย ศรีสวัสดิ์ มาช่วยแจ้งความ", "มาลัย ศรีสวัสดิ์"),
        # Hebrew: "and" written onto the second of two names.
        ("הקורבנות: יעל ברק ומיכל שטרן.", "מיכל שטרן"),
        # Bengali: "মোঃ" (Md.) is part of the name.
        ("প্রতারণার শিকার মোঃ রফিকুল আলম থানায় গেলেন।", "মোঃ রফিকুল আলম"),
        # Tamil: the father's given name written as the family name.
        ("மோசடியில் தமிழ்செல்வி கணேசன் மற்றும் அவரது மகன் ஏமாற்றப்பட்டனர்.", "தமிழ்செல்வி கணேசன்"),
    ],
)
def test_in_script_names_after_relatives_and_before_postpositions(text: str, name: str) -> None:
    found = [text[d.start : d.end] for d in find_in_script_names(text, bundled_in_script(), load_places)]
    assert any(name in value for value in found), found


@pytest.mark.parametrize(
    "text",
    [
        "सुनील कुमार और उसके दोस्त बाजार गए।",  # "and" before a pronoun
        "הם שלחו את הכסף ולאחר מכן נעלמו.",  # "and" written onto a function word
        "சென்னையில் வசிக்கும் பெண் ஏமாற்றப்பட்டார்.",
    ],
)
def test_coordinated_and_postposed_words_that_are_no_names(text: str) -> None:
    found = [text[d.start : d.end] for d in find_in_script_names(text, bundled_in_script(), load_places)]
    assert not any(w in " ".join(found) for w in ("दोस्त", "נעלמו", "מכן", "ஏமாற்றப்பட்டார்")), found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Japanese family names no list has, before a rank or an age, after a role.
        ("詐欺グループのリーダー、大曽根与一容疑者は否認している。", "大曽根与一"),
        ("警察によると、江戸川 幸也容疑者（62）は容疑を認めている。", "江戸川 幸也"),
        ("小原月子巡査長が対応した。", "小原月子"),
        # A police rank before the name, as an officer's signature writes it.
        ("担当は警部補 石田浩二、内線5521。", "石田浩二"),
        ("対応した巡査長 森本真一が説明した。", "森本真一"),
        ("受け子役の少年嵐正義（55）は指示役から連絡を受けた。", "嵐正義"),
        # Given names in kana.
        ("受け子役の少年前島みゆ（80）は指示役から連絡を受けた。", "前島みゆ"),
        ("被害者は西森ちひろさんで、口座から300万円が引き出された。", "西森ちひろ"),
        ("元社員の藤本エリナが逮捕された。", "藤本エリナ"),
        ("元社員の三分一 千秋が逮捕された。", "三分一 千秋"),
    ],
)
def test_japanese_names_no_list_has(text: str, name: str) -> None:
    assert name in names(text)


@given(
    family=st.sampled_from(["佐藤", "高橋", "松本", "石井", "林", "長谷川"]),
    given_name=st.sampled_from(["健", "美咲", "悠真", "さくら", "ユウキ", "陽菜子"]),
    frame=st.sampled_from(
        [
            "詐欺の疑いで{}（会社員）を逮捕した。",
            "{}（1998年5月3日生）が送金した。",
            "購入者を名乗る{}から連絡があった。",
            # A role a space before the name: its kanji must not take the family name.
            "相談メモ：相談者 {}（無職）は送金した。",
        ]
    ),
)
@settings(max_examples=60, deadline=None)
def test_japanese_full_names_a_space_apart_need_no_cue(family: str, given_name: str, frame: str) -> None:
    name = f"{family} {given_name}"
    text = frame.format(name)
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert found == [name]


@pytest.mark.parametrize(
    "text",
    [
        "ロマンス詐欺：米軍医師を名乗る男から連絡があった。",  # 米軍 (US forces) before a rank
        "山田 社長は会見した。",  # a role after the family name
        "東京 大阪 名古屋で被害が出た。",  # places a space apart
    ],
)
def test_japanese_words_a_space_apart_or_before_a_rank_are_no_names(text: str) -> None:
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert not any(word in "".join(found) for word in ("米軍", "社長", "大阪", "名古屋")), found


@pytest.mark.parametrize(
    "text",
    [
        "同社社長が会見した。",
        "東京都議会議員が発言した。",
        "会社員（34）の女性が被害に遭った。",
        "男性の会社員が送金した。",
        "母親の説明では、電話は二回あった。",
        "警視庁捜査二課長が会見した。",
        "市役所職員（45）が対応した。",
        "担任の先生に相談した。",
        "骗子自称淘宝客服，称商品有质量问题。",  # Chinese: no Japanese role rules
    ],
)
def test_japanese_roles_and_words_are_no_names(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Korean family names no list has: after a party's cue with a particle, before an age or 씨.
        ("경찰은 보이스피싱 수거책 봉태윤을 검거했다.", "봉태윤"),
        ("회사원 빈서하(45)은 문자 링크를 눌렀다.", "빈서하"),
        ("어제 견동혁 씨의 어머니가 신고했다.", "견동혁"),
        # Chinese: a name after "据", a rarer compound family name, a given name that is a word.
        ("据董建中介绍，对方自称是公安局民警。", "董建中"),
        ("受害人宇文瑾茗被骗走15万元。", "宇文瑾茗"),
        ("其女儿卞海军报警称母亲被骗。", "卞海军"),
    ],
)
def test_names_with_less_frequent_family_names(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "피해자 대부분이 노인이었다.",  # a verb after a cue
        "남성 운전자가 신고했다.",
        "주민 대다수는 몰랐다.",
        "据报道，据了解，据统计，据悉。",
        "据警方介绍，对方自称是客服。",
        # A family name that begins a word, and another word across the characters after it.
        "警方提醒居民高度警惕陌生来电。",
        "嫌疑人白天冒充物业人员上门。",
    ],
)
def test_words_after_korean_and_chinese_cues_are_no_names(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("사기범 문제혁의 계좌로 돈이 넘어갔다.", "문제혁"),  # a criminal's role word before the name
        ("절도범 오태식이 검거됐다.", "오태식"),
        ("제보자 고물상 한만식 씨가 신고했다.", "한만식"),  # a role in apposition before the name
        ("피해 편의점 사장 노유진 씨가 신고했다.", "노유진"),  # the role is the next name's
        ("그는 육군 소속 군의관 반석호 씨를 사칭했다.", "반석호"),  # 군 begins a word: no suffix
        # Native given names whose syllables make a word ("하늘", sky).
        ("피해자 노하늘 씨는 돈을 보냈다.", "노하늘"),
        # No cue: the first two syllables are a word ("문제"), the last two given names' ones.
        ("문제혁은 다음 날 도주했다.", "문제혁"),
    ],
)
def test_korean_names_after_offender_roles_and_appositions(text: str, name: str) -> None:
    assert names(text) == {name}


@pytest.mark.parametrize(
    "text",
    [
        "조직은 구직자 명의로 통장을 만들었다.",  # a word and a person's syllable before 명의
        "일당은 고시생 명의로 휴대폰을 개통했다.",
        "판매자는 선입금을 요구했다.",  # a surname syllable before a frequent word
        "그는 복제기를 설치했다. 사기범은 도주했다.",  # a word ending in a word ("제기"); a cue
        # A frequent word and a syllable no given name has: a compound noun after a cue.
        "인출책 인상착의 파악 중.",
    ],
)
def test_korean_person_nouns_and_prefixed_words_are_no_names(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A listed family name, two syllables and a case particle, with no cue.
        ("한동훈은 문자 메시지를 받았다.", "한동훈"),
        ("범인은 윤서진의 계좌를 이용했다.", "윤서진"),
        # The first two syllables are a rare word ("이서"), the last two a given name's syllables.
        ("이서준은 은행에 전화했다.", "이서준"),
        # More party cues.
        ("신고자 봉태윤은 사기를 당했다고 말했다.", "봉태윤"),
    ],
)
def test_korean_names_with_a_particle_and_no_cue(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "그는 복제기를 샀다.",  # 복제 + 기: a noun and a suffix
        "그는 만 원어치를 샀다.",
        "이번에는 정보가 없었다.",
        "조사를 마친 뒤 신고했다.",
    ],
)
def test_korean_words_with_a_particle_are_no_names(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A listed family name and a kanji given name starting a sentence before は/が.
        ("高橋智也は銀行員を名乗る男から電話を受けた。", "高橋智也"),
        ("昨日、警察に相談した。山本優子が現金を渡した。", "山本優子"),
        # A reporter's label before a family name and a given name in kana.
        ("通報者：高橋あすか", "高橋あすか"),
    ],
)
def test_japanese_subjects_and_labels(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "田中社長は会見で謝罪した。",  # a family name and a role
        "東京都議会は条例を可決した。",  # a frequent word
        "被害総額は五百万円に上る。",
    ],
)
def test_japanese_subjects_that_are_no_names(text: str) -> None:
    assert not any(value.startswith(("田中社長", "東京", "被害")) and len(value) > 2 for value in names(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # One of Faker's less frequent family names, no cue: at a clause's start, two given-name
        # characters, then a stop character.
        ("滕子涵称自己损失了三万元。", "滕子涵"),
        ("据申楠楠介绍，对方要求他转账。", "申楠楠"),
    ],
)
def test_chinese_names_with_a_less_frequent_family_name_and_no_cue(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "安全提示：不要转账。",  # a frequent word at the family name
        "时间紧迫，请尽快处理。",
        "向派出所报案。",
    ],
)
def test_chinese_words_starting_with_a_less_frequent_family_name_are_no_names(text: str) -> None:
    assert not any(value[:2] in ("安全", "时间") for value in names(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A foreign name in katakana with "・", a kana given name ending in 子, after a role.
        ("昨日の夜に事件があった。証人マイケル・ブラウンが警察に話した。", "マイケル・ブラウン"),
        ("昨日の夜に事件があった。目撃者中村 ユリ子が警察に話した。", "中村 ユリ子"),
        ("去年发生了一起诈骗案。举报人穆罕默德·阿里称其被骗。", "穆罕默德·阿里"),
        ("去年發生了一起詐騙案。證人周志明住在台北。", "周志明"),
        # Masked with the particle written onto it.
        ("보험사기 사건이 있었다. 영업부장 최현우가 신고했다.", "최현우가"),
        ("보증인 한지민 씨에게 추심 전화가 왔다.", "한지민"),
    ],
)
def test_names_after_roles_and_in_foreign_forms(text: str, name: str) -> None:
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert name in found, found


def test_korean_words_in_a_report_with_many_latin_words_are_no_names() -> None:
    text = (
        "악성코드 LockBit 감염, 서울 물류사; 담당 직원 이메일 help@example.org. 공격자는 VPN "
        "계정을 통해 들어왔고(T1078), 협상 페이지는 .onion 주소였다."
    )
    assert [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"] == []


def test_a_thai_name_after_and_is_the_second_person() -> None:
    text = "คดีฉ้อโกงออนไลน์ ผู้เสียหาย นายประเสริฐ ทองมา และ วันเพ็ญ ศรีสุข แจ้งความที่สถานีตำรวจ"
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    # A title written onto the name is masked with it (it tells sex and marital status).
    assert found == ["นายประเสริฐ ทองมา", "วันเพ็ญ ศรีสุข"]


def test_a_thai_title_and_given_name_written_again_in_a_clause_are_the_name() -> None:
    # "Ms Wanna Srisuk reported ... call Ms Wanna back at ...": the title and given name, glued
    # to the words on both sides the second time, are the same person.
    text = "คุณวรรณา ศรีสุข แจ้งความว่าถูกหลอก โปรดโทรกลับหาคุณวรรณาที่เบอร์เดิม"
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert found == ["คุณวรรณา ศรีสุข", "คุณวรรณา"]


def test_a_thai_verb_after_and_is_no_name() -> None:
    text = "คดีฉ้อโกงออนไลน์ ผู้เสียหาย นายประเสริฐ ทองมา และ ได้ โอน เงินให้คนร้าย"
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert found == ["นายประเสริฐ ทองมา"]  # the title written onto the name is masked with it


def test_a_given_name_that_is_a_word_before_a_listed_surname_is_a_name() -> None:
    text = "ऑनलाइन ठगी का मामला; शिकायतकर्ता आशा कुमारी की बेटी पूजा जोशी ने बताया कि पैसे कट गए।"
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert "पूजा जोशी" in found, found
    temple = "मंदिर में दुर्गा पूजा के दौरान चोरी हुई और पुलिस ने मामला दर्ज किया।"
    assert [d for d in TextAnonymizer().find(temple) if d.kind == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # The parties of a payment or a parcel, and kin written with "其".
        ("骗子要求受害人转账至户名刘志强的银行账户。", "刘志强"),
        ("包裹的收货人孙丽娟已被警方传唤。", "孙丽娟"),
        ("警方查明，其夫何建军曾多次借款。", "何建军"),
        # A Traditional text is read through the Simplified word lists: a name with no cue.
        ("詐騙集團以電話聯絡陳嘉文，佯稱其帳戶涉及洗錢。", "陳嘉文"),
        ("收款人為鄭國華，帳戶已被凍結。", "鄭國華"),
    ],
)
def test_chinese_payment_parties_and_traditional_texts(text: str, name: str) -> None:
    assert name in names(text), names(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("피해 금액이 입금된 계좌의 예금주는 한상철로 확인됐다.", "한상철"),
        ("사기 조직원 오민재, 류지훈, 남궁현우 등 세 명이 구속됐다.", "류지훈"),
        ("사기 조직원 오민재, 류지훈, 남궁현우 등 세 명이 구속됐다.", "오민재"),
    ],
)
def test_korean_cue_with_a_topic_particle_and_names_listed_before_deung(text: str, name: str) -> None:
    assert name in names(text), names(text)


def test_korean_words_listed_before_deung_are_no_names() -> None:
    text = "정보통신망, 이메일, 주소지 등 개인정보가 유출됐다."
    assert names(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("振込先口座の名義人はアフマド・ラフマン。", "アフマド・ラフマン"),
        ("送金先の名義レ ティ ホア。詐欺グループの口座とみられる。", "レ ティ ホア"),
    ],
)
def test_japanese_account_holders_in_katakana(text: str, name: str) -> None:
    assert name in names(text), names(text)


def test_a_listed_thai_given_name_and_family_name_need_no_title() -> None:
    text = "มิจฉาชีพหลอกให้โอนเงินเข้าบัญชีของ สมศักดิ์ ศรีสุข จำนวน 50,000 บาท"
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert found == ["สมศักดิ์ ศรีสุข"]
    words = "คนร้าย ใช้ บัญชี ธนาคาร กรุงเทพ โอน เงิน ไป ต่างประเทศ"
    assert [d for d in TextAnonymizer().find(words) if d.kind == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # "In the name of": the holder of an account, written after the name.
        ("피해금은 박성훈 명의의 계좌로 입금됐다.", "박성훈"),
        ("资金转入张国强名下的账户。", "张国强"),
        ("被害者は山田太郎名義の口座に振り込んだ。", "山田太郎"),
        # Payment parties before the name.
        ("돈은 수취인 윤재석에게 전달됐다.", "윤재석"),
    ],
)
def test_account_holders_written_after_or_before_the_name(text: str, name: str) -> None:
    assert name in names(text), names(text)


def test_a_destination_before_meigi_is_no_name() -> None:
    assert names("振込先名義は法人口座だった。") == set()


def test_a_hebrew_caregiver_and_the_verb_after_the_name() -> None:
    text = "המטפלת מרינה כהן גנבה כסף מהקשיש."
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert found == ["מרינה כהן"]


def test_a_cue_written_onto_the_words_before_it_in_an_unspaced_script() -> None:
    # "The broker sent the workers <name> and <name> to Thailand" (Khmer): "កម្មករ" (workers)
    # ends the run of the verb before it.
    text = "មេខ្យល់បានបញ្ជូនកម្មករ សុខ ពិសី និង ម៉ៅ រតនា ទៅ ថៃ។"
    found = [text[d.start : d.end] for d in find_in_script_names(text, bundled_in_script())]
    assert "សុខ ពិសី" in found and "ម៉ៅ រតនា" in found, found


def test_a_glued_cue_before_a_verb_finds_no_name() -> None:
    text = "บัตรของผู้เสียหาย ถูก ขโมย ที่ ตลาด"
    assert [d for d in find_in_script_names(text, bundled_in_script())] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # "Police arrested Mr ...", "the car of Mrs ...", "the suspect is Miss ...": a title written
        # onto the word before it.
        # The title is masked with the name it is written onto: it tells sex and marital status.
        ("ตำรวจจับกุมนายประยุทธ ทองคำ พร้อมของกลาง", "นายประยุทธ ทองคำ"),
        ("รถยนต์ของนางมาลัย สายบัว ถูกขโมยเมื่อคืน", "นางมาลัย สายบัว"),
        ("ผู้ต้องหาคือนางสาวกนกพร ใจงาม ถูกควบคุมตัว", "นางสาวกนกพร ใจงาม"),
        ("ยาบ้าถูกส่งมาจากนายแสงจันทร์", "นายแสงจันทร์"),
    ],
)
def test_a_thai_title_written_onto_the_word_before_it(text: str, name: str) -> None:
    found = [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]
    assert name in found, found


@pytest.mark.parametrize(
    "text",
    [
        "ขอบคุณครับ ที่ช่วยแจ้งเบาะแส",  # "thank you" holds "คุณ"
        "เจ้านายของเขาโกงเงิน",  # "boss" holds "นาย"
        "คนร้ายติดต่อผ่านนายหน้าหางาน",  # "broker" starts with "นาย"
        "หมอดูทำนายว่าจะรวย",  # "predicted" holds "นาย"
        "ภาพวาดนางฟ้าบนผนัง",  # "angel" starts with "นาง"
    ],
)
def test_a_thai_word_that_holds_a_title_is_no_name(text: str) -> None:
    assert list(find_in_script_names(text, places=load_places)) == [], text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # An Arabic given name of Faker's Arabic lists ("سفيان") in Persian spelling ("سفیان").
        ("پول به حساب سفیان باغستانی واریز شد", "سفیان باغستانی"),
        # A listed name written without its nukta ("गुलज़ार" as "गुलजार").
        ("गुलजार बेग ने पुलिस को बताया", "गुलजार बेग"),
    ],
)
def test_a_name_in_another_spelling_of_its_letters(text: str, name: str) -> None:
    found = [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]
    assert name in found, found


@pytest.mark.parametrize(
    "text",
    [
        "قال متهم: المال ليس لي",  # Persian "متهم" (accused) is a cue; in Arabic the words after are none
        "نام الحارس في المكتب",  # Urdu "نام" (name) is Arabic "slept"
        "رسالة نصية من شاهد عيان على الحادث",  # "على" (on) is no "علی" (Ali)
    ],
)
def test_an_arabic_text_is_not_read_by_the_persian_and_urdu_rules(text: str) -> None:
    assert list(find_in_script_names(text, places=load_places)) == [], text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # The owner and the smuggler (Persian); the companion (Hindi); the cheated (Bengali); the
        # mother (Urdu); the owner (Khmer).
        ("چتر مالک: نسترن دهقانپور", "نسترن دهقانپور"),
        ("قاچاقچی، بهروز کاویانی، دستگیر شد", "بهروز کاویانی"),
        ("साथी: बलविंदर कौर, उम्र 30", "बलविंदर कौर"),
        ("প্রতারিত: সুনন্দ পাইন, থানায় গেলেন", "সুনন্দ পাইন"),
        ("اس کی والدہ شمیم اختر گواہ ہیں۔", "شمیم اختر"),
        ("ម្ចាស់ ចាន់ ធារី បានប្តឹង", "ចាន់ ធារី"),
        # The "-opadhyay" family names by their ending (Bengali).
        ("শ্যামল বন্দ্যোপাধ্যায়ের বাড়ি", "শ্যামল বন্দ্যোপাধ্যায়"),
    ],
)
def test_role_cues_and_surname_shapes_of_more_languages(text: str, name: str) -> None:
    found = [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]
    assert any(name in f for f in found), found


def test_a_victim_word_after_a_given_name_is_a_surname() -> None:
    # "قربانی" (victim) names a person only before a comma; after a name word it is Ghorbani.
    text = "متهم بیژن قربانی و همدستش دستگیر شدند"
    found = [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]
    assert "بیژن قربانی" in found, found


def test_and_written_onto_a_word_starts_the_next_persons_name() -> None:
    # "... Muhammad Abu-Amra and Samer al-Uqbi": "וסאמר" is no third word of the first name.
    text = "הנאשם, מוחמד אבו-עמרה וסאמר אלעוקבי; נתפסו"
    found = [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]
    assert found == ["מוחמד אבו-עמרה", "וסאמר אלעוקבי"]


def test_an_amharic_and_joins_a_second_person_and_an_object_is_no_name() -> None:
    # "እና" (and) joins a second person; "ወጣቶቹን" (the youths, object) after a cue is no name.
    text = "አቶ ዳዊት ከበደ እና ቃልኪዳን ታደሰ ወደ ዱባይ ሄዱ።"
    found = [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]
    assert found == ["ዳዊት ከበደ", "ቃልኪዳን ታደሰ"], found
    text = "ተጠርጣሪው ወጣቶቹን ወደ ዱባይ ላከ።"
    assert list(find_in_script_names(text, places=load_places)) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("आरोपी रमनदीप सिंह उर्फ़ लाडी को गिरफ्तार किया गया", "रमनदीप सिंह उर्फ़ लाडी"),
        ("ملزم شاہد اقبال عرف شادا گرفتار", "شاہد اقبال عرف شادا"),
    ],
)
def test_a_nickname_after_alias_belongs_to_the_name(text: str, name: str) -> None:
    found = [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]
    assert name in found, found


@pytest.mark.parametrize(
    "text",
    [
        "شاهد بوده است که دزدان فرار کردند",  # "had witnessed": a verb, no name
        "فروشنده جعلی با شماره ناشناس تماس گرفت",  # "the fake seller"
        "चालक फरार हो गया और पुलिस जांच कर रही है",  # "the driver fled": a role before a verb
        "በቴሌብር ስም የተላከ መልዕክት",  # "in the name of telebirr": no colon, no person
    ],
)
def test_verbs_and_adjectives_after_a_role_are_no_name(text: str) -> None:
    assert list(find_in_script_names(text, places=load_places)) == [], text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # "Of the police" ends in "-յան" like a surname; the lieutenant's name is the name.
        ("Ոստիկանության ավագ լեյտենանտ Արամ Սիմոնյանը հայտնեց", "Արամ Սիմոնյանը"),
        # "An elderly lady named …": the adjective after the title is no name.
        ("در اراک یک خانم سالمند به نام ملیحه سپهری فریب خورد", "ملیحه سپهری"),
    ],
)
def test_common_words_shaped_like_names_stay(text: str, name: str) -> None:
    found = [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]
    assert sorted(set(found)) == [name], found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Initials before a name (Tamil, Hindi): "के." is K., not the postposition "of".
        ("புகார்தாரர் ரா. கண்ணன் காவல் நிலையத்தில் புகார் அளித்தார்.", "ரா. கண்ணன்"),
        ("திரு. வே. சண்முகசுந்தரம் அவர்களின் கணக்கில் பணம் எடுக்கப்பட்டது.", "வே. சண்முகசுந்தரம்"),
        ("श्री आर. के. शर्मा ने शिकायत दर्ज कराई।", "आर. के. शर्मा"),
    ],
)
def test_initials_before_a_name_belong_to_it(text: str, name: str) -> None:
    found = [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]
    assert name in found, found


def test_a_sentence_end_is_no_initial() -> None:
    text = "पैसे उनके खाते में गए. फिर पुलिस को बताया"
    assert list(find_in_script_names(text, places=load_places)) == []


def test_a_frequent_ethiopian_given_name_and_the_next_word() -> None:
    # "Tilahun Gebremedhin called the police": a listed given name and the father's name after it.
    text = "ጥላሁን ገብረመድህን ለፖሊስ ደወለ።"
    found = [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]
    assert found == ["ጥላሁን ገብረመድህን"], found


def test_a_khmer_family_name_then_a_given_name_need_no_title() -> None:
    # "Money was transferred to Heng Dara's account": family name first, both listed.
    text = "ប្រាក់ត្រូវបានផ្ទេរទៅគណនីរបស់ ហេង ដារ៉ា កាលពីម្សិលមិញ។"
    found = [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]
    assert found == ["ហេង ដារ៉ា"], found
    # The given name first is no such pair.
    text = "ប្រាក់ត្រូវបានផ្ទេរទៅ ដារ៉ា ហេង កាលពីម្សិលមិញ។"
    assert list(find_in_script_names(text, places=load_places)) == []


def test_a_tamil_name_before_enbavar() -> None:
    # "The person who cheated, one Rajkumar, was arrested": "என்பவர்" (the one called) follows
    # a name; "நபர்" (person) before it is no part of it.
    text = "மோசடி செய்த நபர் இளங்கோவன் என்பவர் கைது செய்யப்பட்டார்."
    found = [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]
    assert found == ["இளங்கோவன்"], found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Thai: a title written onto the name, after a space or a cue, is masked with it.
        ("ผู้เสียหาย นางสาวอรุณี พรมสุข แจ้งความ", "นางสาวอรุณี พรมสุข"),
        ("ผู้ต้องหา น.ส.ปวีณา ทองใบ ถูกจับกุม", "น.ส.ปวีณา ทองใบ"),
        ("คุณวาสนา แก้วกาญจน์ ได้รับ SMS ปลอม", "คุณวาสนา แก้วกาญจน์"),
        # Burmese: one run of syllables after U, Daw, Maung, Ko or Ma, title included; no family
        # name, so the word after a space is not the name's.
        ("သက်သေ ဦးထွန်းလင်း ဖုန်း 09 123 456 789", "ဦးထွန်းလင်း"),
        ("တိုင်ကြားသူ ဒေါ်အေးအေးခိုင် က ပြောသည်။", "ဒေါ်အေးအေးခိုင်"),
        ("ပွဲစား ကိုမျိုးသန့် ၏ ဖုန်း", "ကိုမျိုးသန့်"),
        ("အစ်မ မသီတာ နှင့် မောင်ဝင်းနိုင် တို့ကို ခေါ်သွားသည်", "မသီတာ"),
        ("အစ်မ မသီတာ နှင့် မောင်ဝင်းနိုင် တို့ကို ခေါ်သွားသည်", "မောင်ဝင်းနိုင်"),
        ("သမီး မချိုချို (အသက် ၁၆)", "မချိုချို"),
        # "ကို" (object) is one postposition, not "က" (subject) and a vowel.
        ("ပွဲစားက မအေးမြ ကို ခေါ်သွားသည်", "မအေးမြ"),
    ],
)
def test_a_title_written_onto_a_name_is_masked_with_it(text: str, name: str) -> None:
    found = [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]
    assert name in found, found


@pytest.mark.parametrize(
    "text",
    [
        # Thai: a title apart from the name stays (a set's convention, and nothing is told by it).
        "ผู้เสียหาย เด็กชาย ธนพล ใจดี แจ้งความ",
    ],
)
def test_a_title_apart_from_the_name_stays(text: str) -> None:
    found = [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]
    assert found == ["ธนพล ใจดี"], found


@pytest.mark.parametrize(
    "text",
    [
        "ငွေ ပြန်မပေးဘူး",  # "did not give back": "မ" makes the verb negative
        "သူ့ကို ဖမ်းဆီးခဲ့သည်",  # "ကို" apart is the object's particle, not Ko
        "ကိုယ်တိုင် သွားသည်",  # "ကိုယ်", self: no syllable starts after "ကို"
        "ဒေါ်လာ ၅၀၀ လွှဲခဲ့သည်",  # dollars
        "မိခင် က တိုင်ကြားသည်",  # "mother": "မ" and a vowel sign
    ],
)
def test_burmese_words_that_begin_like_a_title_are_not_names(text: str) -> None:
    assert list(find_in_script_names(text, places=load_places)) == [], text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A second full name after a cued one and a comma: the cue names both.
        ("피해자 오진혁, 남궁서윤. 피해액 300만 원", "남궁서윤"),
        ("목격자 한도윤, 석지아. 신고 접수", "석지아"),
        # People named by their job.
        ("배달원 탁현우(생년월일 미상)가 물건을 전달했다", "탁현우"),
        ("失主邹晓峰报警称手机被盗", "邹晓峰"),
    ],
)
def test_more_names_after_a_korean_or_chinese_cue(text: str, name: str) -> None:
    assert name in names(text), names(text)


def test_a_cue_after_a_comma_is_not_the_next_name() -> None:
    text = "피해자 서하람, 목격자는 이웃 주민이다"
    assert names(text) == {"서하람"}, names(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Hebrew: "גיל" (age) is also the given name Gil.
        ("חשוד: גיל אוחנה נעצר אמש", "גיל אוחנה"),
        ("החשודה, גיל רוזן, נעצרה", "גיל רוזן"),
    ],
)
def test_hebrew_names_after_cues(text: str, name: str) -> None:
    assert name in in_script(text), in_script(text)


@pytest.mark.parametrize(
    "text",
    [
        # "sellers" is no "ו" + "כרים" (Karim): a frequent word keeps its prefix letters.
        "בתחנה מוכרים כרטיסים מזויפים",
        # "witness of the incident, Mrs ...": the words before a title are the cue's.
        "شاهد ماجرا خانم",
        "شاهد ماجرا خانم زهره نیکپور است.",
        # An age: "גיל 40".
        "החשוד, גיל 40, נעצר",
    ],
)
def test_words_around_hebrew_and_persian_cues_are_not_names(text: str) -> None:
    assert not any(word in value for value in in_script(text) for word in ("מוכרים", "ماجرا", "גיל")), (
        in_script(text)
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Khmer writes the family name first: a listed one and an unlisted given name before the
        # person's contact in brackets.
        ("ហ៊ុន សុភីរ៉ា (012 777 000) បានទទួលសារ", "ហ៊ុន សុភីរ៉ា"),
        ("ជនរងគ្រោះគឺ គឹម ធារ៉ូ (អាយុ 40 ឆ្នាំ)", "គឹម ធារ៉ូ"),
    ],
)
def test_a_listed_family_name_and_a_name_before_brackets(text: str, name: str) -> None:
    found = [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]
    assert name in found, found


def test_a_thing_of_the_victims_is_no_name() -> None:
    # Nepali "पीडितको इमेल": the victim's email. A cue in the genitive is followed by a thing.
    text = "सरिता थापा को खाता ह्याक भयो; पीडितको इमेल sarita@example.org"
    assert not any("इमेल" in value for value in in_script(text)), in_script(text)


def test_an_urdu_text_is_read_by_the_urdu_rules_only() -> None:
    # "ٹ" and "ے" are Urdu letters Persian never writes: Persian's given names ("احمد" before
    # "لبرٹی", Liberty) do not start a second name inside Urdu's ("ندیم احمد").
    text = "گواہ نے بتایا کہ ندیم احمد لبرٹی مارکیٹ کے قریب تھا"
    assert in_script(text) == {"ندیم احمد"}, in_script(text)


def test_a_word_that_starts_with_a_korean_cue_is_no_cue() -> None:
    # "형사에게" (to the detective) starts with "형" (elder brother) and "사" is a family name:
    # "사에게" is a particle written onto a syllable, no name.
    text = "잠복 중인 형사에게 체포되었다"
    assert names(text) == set(), names(text)


def test_a_list_word_with_a_zero_width_joiner_matches_the_text_read_without_it(
    anonymizer: TextAnonymizer,
) -> None:
    # Sinhala writes a joiner inside "වෛද්‍ය" (doctor); the anonymizer reads text without
    # zero-width characters, so the title must be listed without it too.
    text = "වෛද්‍ය ගයාන් රුවන්පුර පැමිණිලි කළේය"
    found = [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "PERSON"]
    assert any("ගයාන් රුවන්පුර" in value for value in found), found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Burmese: a cue written apart from a name whose first syllable starts with the letter of
        # the title "မ" ("မင်း" is no "Ma ..."): the cue finds the name.
        ("တိုင်ကြားသူ မင်းထက် (ဖုန်း 09 123 456 789) သည်", "မင်းထက်"),
        # Thai: "and" written onto the second person's title.
        ("ผู้เสียหาย คุณสุดา ใจงาม และคุณวิชัย ทองคำ แจ้งความที่สถานี", "คุณวิชัย ทองคำ"),
        # Hebrew: the cued name ends where "and" is written onto the next word ("ובנה", and her son).
        ("המתלוננת שני ורדימון ובנה הגיעו לתחנה", "שני ורדימון"),
        # Nepali: "अधिकारी" (officer) is also a surname, and one after a listed given name.
        ("उजुरीकर्ता गीता अधिकारी (मोबाइल 9800000000) ले", "गीता अधिकारी"),
        # Amharic: an unlisted given name and the father's listed given name.
        ("ትናንት ብሩክታዊት ተስፋዬ ወደ ፖሊስ ጣቢያ መጣች", "ብሩክታዊት ተስፋዬ"),
        # Cues: Bengali "suspect", Tamil "affected" (the victim), Sinhala "suspect".
        ("সন্দেহভাজন তৌফিক এলাহী, ঠিকানা অজানা", "তৌফিক এলাহী"),
        ("பாதிக்கப்பட்ட அகிலா இளங்கோவன், மின்னஞ்சல்", "அகிலா இளங்கோவன்"),
        # Tamil: a birth date in brackets after a name; an unlisted third word back ("செய்த",
        # who did) is the clause's.
        ("அருள்மொழி வேலாயுதம் (பிறந்த தேதி 1979.06.21) யாழ்ப்பாணம் இல் போலி வேலை", "அருள்மொழி வேலாயுதம்"),
        ("போலீசார் கைது செய்த அருள்மொழி வேலாயுதம் (பிறந்த தேதி 1979.06.21) மீது", "அருள்மொழி வேலாயுதம்"),
    ],
)
def test_names_by_the_conventions_of_their_script(text: str, name: str) -> None:
    found = [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]
    assert name in found, found


def test_a_hebrew_surname_in_ben_written_apart_is_the_name_s() -> None:
    # "בן" (also "son", "aged") then an unlisted word: both are the surname (Ben-Zvi).
    text = "ביקרה שם גם אביגיל בן צבי אתמול."
    assert "אביגיל בן צבי" in in_script(text), in_script(text)


def test_a_word_after_a_listed_given_name_and_surname_is_the_clause_s() -> None:
    # "পালিয়ে" (fleeing) after a cue, a listed given name and a listed surname.
    text = "সন্দেহভাজন নাজমুল হাসান পালিয়ে যায়"
    assert in_script(text) == {"নাজমুল হাসান"}, in_script(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Persian family names made of a given name and "-ی" (Asghari of Asghar, Esmaeili of
        # Esmaeil), after a cue: the cue's words are a name when one of them is listed.
        ("شاکی: کاوه اسماعیلی، ساکن تهران", "کاوه اسماعیلی"),
    ],
)
def test_a_family_name_made_of_a_given_name(text: str, name: str) -> None:
    assert name in in_script(text), in_script(text)


def test_a_family_name_made_of_a_given_name_needs_a_listed_given_name_or_a_cue() -> None:
    # After a noun, "اسماعیلی" is as often the adjective ("of Esmaeil"): Esmaeili Street.
    text = "مسجد در خیابان اسماعیلی است"
    assert not any("اسماعیلی" in value for value in in_script(text)), in_script(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A foreigner's name in hangul keeps its spaces: after a nationality or a cue, before
        # "씨" or an age.
        ("베트남 국적 쩐 반 훙 씨가 신고했다", "쩐 반 훙"),
        ("필리핀 국적의 마리아 산토스 씨는 연락이 끊겼다", "마리아 산토스"),
        ("피해자 응웬 티 투(31)는 돈을 보냈다", "응웬 티 투"),
        # Or before a nationality, a country or an age in brackets, after a role that may follow a
        # foreigner cue.
        ("외국인 신고인 올가 페트렌코(우크라이나)가 진술했다", "올가 페트렌코"),
        ("용의자 라훌 샤르마(인도 국적, 29세)는 도주했다", "라훌 샤르마"),
        ("피해자 존 맥도널드(캐나다인)는 송금했다", "존 맥도널드"),
    ],
)
def test_a_foreign_name_written_in_hangul_words(text: str, name: str) -> None:
    assert name in names(text), names(text)


@pytest.mark.parametrize(
    "text",
    [
        "용의자 차량 두 대(흰색)가 달아났다",  # a colour in brackets: no nationality, no age
        "피해자 측 변호인 사무실(법무법인)이 연락했다",
    ],
)
def test_an_aside_in_brackets_that_says_no_nationality_makes_no_foreign_name(text: str) -> None:
    assert not any(" " in value for value in names(text)), names(text)


def test_frequent_korean_words_before_ssi_are_no_foreign_name() -> None:
    # "가족" (family) and "모두" (all) before "씨" are no Vietnamese name.
    text = "용의자 가족 모두 씨는 달랐다"
    assert not any(" " in value for value in names(text)), names(text)


def _in_script(text: str) -> list[str]:
    return [text[d.start : d.end] for d in find_in_script_names(text, places=load_places)]


def test_a_khmer_label_colon_opens_the_name() -> None:
    # "Witness៖ Chan Sokly.": Khmer writes its own colon after a label.
    assert set(_in_script("សាក្សី៖ ចាន់ សុខលី។")) == {"ចាន់ សុខលី"}


def test_an_amharic_compound_name_written_apart_is_one_name() -> None:
    # "Wolde Semayat": a Ge'ez compound name in two words, the father's name.
    text = "ተከሳሽ ሄኖክ ታደሰ እና ሙሉጌታ ወልደ ሰማያት ተያዙ።"
    assert _in_script(text) == ["ሄኖክ ታደሰ", "ሙሉጌታ ወልደ ሰማያት"]


@pytest.mark.parametrize(
    "text",
    [
        "पीडितको नाम खुलाइएको छैन।",  # the victim's name is not disclosed
        "इस मामले में कोई पीड़ित नामित नहीं।",  # no victim named in this case
        "הלקוח נולד ב-5 במאי 1970.",  # the client was born on ...
    ],
)
def test_negations_and_born_after_a_cue_are_no_names(text: str) -> None:
    assert _in_script(text) == []


def test_a_hebrew_plural_role_before_names_is_no_name() -> None:
    # "Arrested were the suspects Avi Mizrahi and Eliyahu Shimoni": the plural role is no name.
    text = "נעצרו החשודים אבי מזרחי ואליהו שמעוני בחשד להונאה."
    found = _in_script(text)
    assert "אבי מזרחי" in found
    assert not any("החשודים" in name for name in found)
    # ... and no cue: a verb follows it as often ("the victims turned to the police").
    assert _in_script("הנפגעים פנו למשטרה.") == []


def test_an_amharic_word_with_a_preposition_after_a_father_s_name_ends_the_name() -> None:
    # "Solomon Tadesse, by Telebirr ...": "በ" (by, in) written onto the next word.
    text = "ተበዳይ ሰለሞን ታደሰ በቴሌብር ስም በመጣ መልዕክት ገንዘብ አጥቷል።"
    assert _in_script(text) == ["ሰለሞን ታደሰ"]


def test_an_urdu_begum_after_a_given_name_is_her_name() -> None:
    # "... took 20,000 rupees from Rukhsana Begum through a fake app".
    text = "پولیس کے مطابق جعلی ایپ کے ذریعے رخسانہ بیگم سے 20,000 روپے لیے گئے۔"
    assert _in_script(text) == ["رخسانہ بیگم"]


def test_an_amharic_name_no_list_has_ends_before_a_preposition_written_on() -> None:
    # "The suspect Tsegaye Mulat received money by Telebirr".
    assert _in_script("ተጠርጣሪ ፀጋዬ ሙላት በቴሌብር ገንዘብ ተቀብሏል።") == ["ፀጋዬ ሙላት"]


def test_a_hebrew_verb_after_a_name_is_not_the_name_s() -> None:
    # "The suspect Roi Sagi recruited Yonatan Barak as a courier."
    found = _in_script("החשוד רועי שגיא גייס את יונתן ברק כבלדר.")
    assert "רועי שגיא" in found


def test_a_khmer_family_name_and_a_common_given_name_without_a_title() -> None:
    # "The Facebook account of Mao Visal was stolen."
    text = "គណនី Facebook របស់ ម៉ៅ វិសាល ត្រូវបានលួច។"
    assert _in_script(text) == ["ម៉ៅ វិសាល"]


def test_a_bengali_name_in_rahman() -> None:
    # "The suspect Hafizur Rahman opened a bank account as a money mule."
    text = "সন্দেহভাজন হাফিজুর রহমান মানি মিউল হিসেবে ব্যাংক হিসাব খোলে।"
    assert _in_script(text) == ["হাফিজুর রহমান"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("目撃者によると、男は仲間から「タクミ」と呼ばれていた。", "タクミ"),
        ("犯人は「税務署の岡田」を名乗って電話してきた。", "岡田"),
        ("线人称嫌疑人“阿亮”负责收款。", "阿亮"),
        ("他们都叫他“老赵”。", "老赵"),
        ("피해자는 상대 여성 ‘예린’과 통화했다.", "예린"),
        ("‘도윤’이라는 남성이 연락했다.", "도윤"),
        ("닉네임 ‘하린’을 쓰는 계정이 접근했다.", "하린"),  # a.k.a., nickname: cues
    ],
)
def test_names_and_nicknames_written_alone_in_quotes(text: str, name: str) -> None:
    assert names(text) == {name}


@pytest.mark.parametrize(
    "text",
    [
        "「サポートセンター」と名乗る電話があった。",  # a loanword, no given name
        "指示役は「カゲロウ」を名乗る人物だった。",  # a self-styled alias
        "「警察官」を名乗る男から電話があった。",  # a role
        "「山田商事」を名乗る会社から請求が来た。",  # a firm named after a family
        "“阿姨”帮忙照看孩子。",  # aunt: a frequent word
        "“小心”诈骗电话。",  # careful
        "‘서울’이라는 도시에서 일어났다.",  # a place, a frequent word
        "‘사랑’이라는 말로 속였다.",  # love
        "계좌에 ‘지원’이라고 적혀 있었다.",  # support: a frequent word
    ],
)
def test_words_in_quotes_are_no_names(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("取款人邓超、孟丽、上官文杰三人在车站取现。", {"邓超", "孟丽", "上官文杰"}),
        ("嫌疑人邵兵、孔雪二人被抓获。", {"邵兵", "孔雪"}),
        ("受害人刘洋、高新区居民均报案。", {"刘洋"}),  # a place after the comma
    ],
)
def test_chinese_names_listed_after_a_cue(text: str, found: set[str]) -> None:
    assert names(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("容疑者の村田健太（41）と小池翔は現金を回収した。", {"村田健太", "小池翔"}),
        ("容疑者の村田健太と小池翔、松井大輔の3人が逮捕された。", {"村田健太", "小池翔", "松井大輔"}),
        ("容疑者の村田健太（41）と同居していた女性が通報した。", {"村田健太"}),
        ("容疑者の村田健太（41）と会社員の女が逮捕された。", {"村田健太"}),
    ],
)
def test_japanese_names_listed_after_a_found_one(text: str, found: set[str]) -> None:
    assert names(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("피해자 서민지(@minji_s), 노태민(@taemin.no) 등이 송금했다.", {"서민지", "노태민"}),
        ("자금세탁책 허준영(1990년 3월 1일생)의 주소는 확인되었다.", {"허준영"}),
        ("이 번호를 사용하는 조직을 확인했다.", set()),  # a noun and 하: a verb
        ("이은하는 문자를 받았다.", {"이은하"}),
    ],
)
def test_korean_names_after_asides_and_ring_roles(text: str, found: set[str]) -> None:
    assert names(text) == found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A comma or a space between the role and the name.
        ("詐欺グループのリーダー、宍戸隼人が指示を出していた。", "宍戸隼人"),
        # A role the cue list gained: an accomplice, a nationality.
        ("警察は容疑者の菅野亮と共犯の野口航を逮捕した。", "野口航"),
        ("警察はタイ国籍のソムチャイ・ウォンサワットを逮捕した。", "ソムチャイ・ウォンサワット"),
        # A name before "で" or "だ" (a copula, a place of action).
        ("口座名義人は林智美で、口座は売買されていた。", "林智美"),
        # A relative's given name alone after "の".
        ("妻の聡美が通帳の記帳で気づいた。", "聡美"),
        ("男は「息子の隆之だ」と言った。", "隆之"),
        # The name a caller gives, without quotes.
        ("電話の男は小松と名乗った。", "小松"),
    ],
)
def test_japanese_names_after_commas_relatives_and_claimed(text: str, name: str) -> None:
    assert name in names(text), names(text)


@pytest.mark.parametrize(
    "text",
    [
        "被害者（ミャンマー国籍、技能実習生）は口座を売却させられた。",  # a role after a comma
        "同社は投資セミナーを名乗り、入金を求めた。",  # a service's name before "を名乗り"
        "陸軍医師を名乗る男とアプリで知り合った。",  # a role before "を名乗る"
        "振込先は名義の口座だった。",  # a word and its ending after "名義"
        "妻の実家に電話があった。",  # a frequent word after a relative
    ],
)
def test_japanese_roles_and_words_after_cues_stay(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # A space after the role; the particles after the name are no part of it.
        ("相談者 松井大樹によると、男は車で逃げた。", {"松井大樹"}),
        ("相談者の松井大樹によると、男は車で逃げた。", {"松井大樹"}),
    ],
)
def test_japanese_name_after_a_role_ends_before_its_particles(text: str, found: set[str]) -> None:
    assert names(text) == found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A role word no cue list holds, known by its last character.
        ("外卖员郭子安被打伤后报警。", "郭子安"),
        ("保安员唐浩然拦下了嫌疑人。", "唐浩然"),
        ("工程师邵启凡被骗50万元。", "邵启凡"),
        ("其前夫冯启凡多次骚扰她。", "冯启凡"),
        # A transliterated name with no cue, and after a role that is a frequent word.
        ("彼得·瓦格纳称自己是联合国维和军官。", "彼得·瓦格纳"),
        ("骗子自称是美国军医彼得·瓦格纳。", "彼得·瓦格纳"),
    ],
)
def test_chinese_names_after_roles_and_dotted_names(text: str, name: str) -> None:
    assert name in names(text), names(text)


@pytest.mark.parametrize(
    "text",
    [
        "警方提醒市民注意防范。",  # 警 ends roles, but 警方 is the police
        "他在会员高度评价的平台投资。",  # a frequent word at the family name
    ],
)
def test_chinese_words_after_role_characters_are_no_names(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A foreigner's name in hangul after a nationality noun, before 씨.
        ("캐나다인 데이비드 로페즈 씨는 투자금을 잃었다.", "데이비드 로페즈"),
        # A role word between the nationality and the name, which may then be one word.
        ("영국 국적 유학생 존 스미스(23) 씨는 신고했다.", "존 스미스"),
        ("영국 국적 유학생 존(23)은 신고했다.", "존"),
        # An origin cue, a sex and an age in brackets.
        ("필리핀 출신 마리아 산토스(여, 31)는 송금했다.", "마리아 산토스"),
        # A name with the quoting copula after a cue.
        ("그는 자신을 수사관 하정우라고 소개했다.", "하정우"),
    ],
)
def test_korean_foreigners_after_nationality_and_quoted_names(text: str, name: str) -> None:
    assert name in names(text), names(text)


def test_a_role_word_before_a_foreigners_name_is_not_masked_with_it() -> None:
    assert "유학생 존 스미스" not in names("영국 국적 유학생 존 스미스(23) 씨는 신고했다.")


def test_one_word_after_a_nationality_with_no_role_is_no_foreign_name() -> None:
    assert "마리아" not in names("필리핀 국적 마리아(31) 씨")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # A space between the name and the title, and an age after the title.
        ("警察は川島 悠真 容疑者（31）を逮捕した。", {"川島 悠真"}),
        ("川島悠真 容疑者は否認している。", {"川島悠真"}),
        # Names joined by "・" before "両" (both) and a shared title.
        ("警察は小松・荒木両容疑者を送検した。", {"小松", "荒木"}),
    ],
)
def test_japanese_names_a_space_before_a_title_or_joined_before_both(text: str, found: set[str]) -> None:
    assert names(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "民警于当日将其抓获。",  # 于 (a family name) and 当日 (that day) after a cue
        "店员向其推荐理财产品。",  # 向 and a pronoun
        "第一·二季度的数据显示增长。",  # numbers joined by a middle dot
        "她最喜欢的小说是《安娜·卡列尼娜》。",  # a book's title
    ],
)
def test_chinese_words_after_cues_and_dots_are_no_names(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A card's or a flat's holder, and the real name behind a nickname, are parties too.
        ("분실 카드 소지자: 차민혁, 표은솔. 신고 접수", "표은솔"),
        ("오피스텔 502호(소유자 탁서윤)에서 발견", "탁서윤"),
        ("가해자 닉네임 abc123, 실명 염도현. 경찰 수사 중", "염도현"),
    ],
)
def test_korean_names_after_holder_and_real_name_cues(text: str, name: str) -> None:
    assert name in names(text), names(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # A role and "として" (as) before the name; a date of birth in brackets before the next
        # name of a list; a hiragana given name right before a particle.
        ("運び屋として村瀬大輝（1999年3月8日生まれ）と野村ちひろが逮捕された。", {"村瀬大輝", "野村ちひろ"}),
        # A form's name label, and a katakana name spaced.
        ("申込者情報。契約者名：ヤマモト ケイタ、電話なし", {"ヤマモト ケイタ"}),
        # An honorific a space apart; the role before the name is no part of it.
        ("相談者 大西みどり 様からの通報。", {"大西みどり"}),
        ("相談者 大西みどり様からの通報。", {"大西みどり"}),
    ],
)
def test_japanese_names_after_links_labels_and_asides(text: str, found: set[str]) -> None:
    assert names(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "職員の佐藤はまだ来ない。",  # a particle and a word after a family name
        "担当の山田さんが来た。",  # an honorific, not a given name
    ],
)
def test_japanese_particles_and_honorifics_begin_no_given_name(text: str) -> None:
    assert all(not name.endswith(("はま", "さん")) for name in names(text)), names(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Nepali writes a case marker onto the surname ("गुरुङले", by Gurung).
        ("काम दिलाउने भन्दै हरि बहादुर गुरुङले ५ लाख रुपैयाँ लिए।", "हरि बहादुर गुरुङ"),
        # Kannada: the complainant "being" (-ಆದ) before the name; Hegde spelled with ್ಗ.
        ("ದೂರುದಾರರಾದ ರಮ್ಯಾ ಕೃಷ್ಣನ್ ಅವರು ದೂರು ನೀಡಿದರು", "ರಮ್ಯಾ ಕೃಷ್ಣನ್"),
        ("ಈ ಹಣವನ್ನು ಪ್ರಕಾಶ್ ಹೆಗ್ಡೆ ಮತ್ತು ಸ್ನೇಹಿತ ಪಡೆದರು", "ಪ್ರಕಾಶ್ ಹೆಗ್ಡೆ"),
        # Hebrew: a frequent short given name ("Yossi") and a surname in Ben written apart.
        ("לפי העדות, יוסי בן עמי הפעיל את החשבון", "יוסי בן עמי"),
    ],
)
def test_names_after_case_endings_cue_forms_and_frequent_given_names(text: str, name: str) -> None:
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert any(name in span for span in found), found


def test_and_written_onto_a_third_word_starts_the_next_hebrew_name() -> None:
    # "Yaakov Mizrahi and Eliyahu Shimoni were arrested": two people, not one of three words.
    text = "נעצרו יעקב מזרחי ואליהו שמעוני בחשד להונאה."
    assert "יעקב מזרחי" in in_script(text), in_script(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("피해자는 송금했다. 구 씨는 총 300만 원을 보냈다.", "구"),  # a family name alone before 씨
        ("허씨의 아들도 같은 문자를 받았다", "허"),
        ("허 님의 남편도 링크를 눌렀다", "허"),
        ("선우 고객의 딸에게 연락했다", "선우"),  # a compound family name before a role
        ("신 과장님께 보고했다", "신"),
        ("선우 다인 씨(010-0000-1234)에게 연락 완료", "선우 다인"),  # family and given a space apart
        ("- 하늘(여, 72) 어르신, 대전", "하늘"),  # a sex and an age in brackets after the name
        ("탁지수(32세, 남)는 계좌를 빌려줬다", "탁지수"),
    ],
)
def test_korean_family_names_alone_and_short_names_are_found(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "이 고객의 딸에게 연락했다",  # this customer
        "한 직원이 문자를 받았다",  # one employee
        "전 과장이 전화를 걸었다",  # the former manager
        "모 씨가 돈을 받아 갔다",  # a certain person: no family name
        "남성(남, 45)이 찾아왔다",  # a word before the sex and age
    ],
)
def test_determiners_before_a_role_are_not_family_names(text: str) -> None:
    assert names(text) == set()


@given(st.sampled_from(["김", "박", "최", "정", "강", "윤", "장", "황보", "남궁", "제갈"]))
def test_any_listed_family_name_before_ssi_is_a_name(family: str) -> None:
    text = f"확인 결과 {family} 씨는 총 두 차례 돈을 보냈다."
    assert family in names(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("开户人\t银行卡号\t金额\n鲁永康\t6222 0000 1111 2222\t¥3,000\n合计\t\t¥3,000", {"鲁永康"}),
        ("고객명 | 생년월일 | 연락처\n선우 다인 | 1980.01.02 | 010-0000-1234", {"선우 다인"}),
        ("| 氏名 | 住所 | 電話 |\n| 小川 凛 | 札幌市 | 011-000-0000 |", {"小川 凛"}),
    ],
)
def test_cells_under_a_names_column_header_are_names(text: str, found: set[str]) -> None:
    assert found <= names(text)


def test_a_label_and_value_table_takes_no_label_for_a_name() -> None:
    text = "성명 | 탁지수\n주소 | 대전광역시 유성구\n연락처 | 010-0000-1234\n이메일 | a@b.example"
    assert names(text) & {"주소", "연락처", "이메일"} == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("成都武侯：钱一帆（成都市武侯区人民南路1号）", "钱一帆"),
        ("其中一人为邵一鸿（杭州市西湖区文三路9号），", "邵一鸿"),
        ("売却者の一人、カルロス・メンドーサ（横浜市中区本町1-1）は", "カルロス・メンドーサ"),
    ],
)
def test_a_name_before_a_bracketed_address_is_found(text: str, name: str) -> None:
    assert name in names(text)


def test_chat_speakers_named_are_found_and_roles_stay() -> None:
    text = (
        "[21:04] 担当者: 明日までに入金してください\n[21:05] ゆうこ: もう無理です\n"
        "21:06 오퍼레이터: 네\n[21:07] 하윤: 네\n10:08 客服: 你好\n10:09 韦思远: 好的\n"
        "[21:10] 松本 健太: 振り込みました"
    )
    assert names(text) == {"ゆうこ", "하윤", "韦思远", "松本 健太"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # "Mr Kamrani opened the file", "Ms Parisa Yousefi also got the same text message": a
        # frequent word after the family name is the clause's, not a third name word.
        ("آقای کامرانی فایل را باز کرد.", "کامرانی"),
        ("خانم پریسا یوسفی پیامک مشابهی دریافت کرد.", "پریسا یوسفی"),
    ],
)
def test_a_frequent_word_after_a_family_name_is_no_part_of_the_name(text: str, name: str) -> None:
    assert in_script(text) == {name}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Police, prosecution and bank ranks after a full name; "측" (the side of).
        ("심재훈 경감이 현장에 출동했다.", "심재훈"),
        ("나윤서 지점장에게 확인을 요청했다.", "나윤서"),
        ("배승호 측은 혐의를 부인했다.", "배승호"),
        # Form labels, with "=" or a bracket or quotes after them, and labels of two words.
        ("성함=도현석, 연락처 없음", "도현석"),
        ("보낸 사람: 채민영\n금액: 30만원", "채민영"),
        ('받는 사람: "염서우"', "염서우"),
        ("피의자(봉재원)는 조사에 응하지 않았다.", "봉재원"),
        # A cue that reads as the start of a name ("딸 이름은": 딸 and "이름은").
        ("딸 이름은 석다은이고 중학생이다.", "석다은"),
        # The press's brackets and commas after a name.
        ("길승민(41, 무직)은 범행을 인정했다.", "길승민"),
        ("마서진(1988년생)이 계좌를 빌려줬다.", "마서진"),
        ("위하람, 52세, 자영업자", "위하람"),
        # Full names joined by the middle dot.
        ("육진호·남다혜 부부가 피해를 입었다.", "남다혜"),
        # A given name with the familiar "이" and a particle, or called out.
        ("예준이가 돈을 보냈대요.", "예준"),
        ("수아야 전화 좀 받아", "수아"),
        ("하준아, 어디니?", "하준"),
        # Chat exports: a desktop one, a phone one, one copied without times.
        ("[성유리] [오후 10:12] 입금했어\n[엄마] [오후 10:13] 응", "성유리"),
        ("2023년 11월 2일 오전 8:30, 반지혁 : 확인했습니다", "반지혁"),
        ("예린: 언니 나야\n언니: 누구?", "예린"),
        # A full name alone between other scripts: a mail header, a key and its value.
        ("Sender: 추민혁 <m.chu@example.net>", "추민혁"),
        ("holder=엄태윤; bank=KB", "엄태윤"),
    ],
)
def test_korean_names_as_notes_chats_and_forms_write_them(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "유전자 검사 결과가 나왔다.",  # a rank that is also a noun, after a word
        "정기적 검사를 받았다.",
        "무슨 일이야",  # a noun and the copula "이야", no vocative
        "바보야 그만해",
        "생각이랑 다르다.",
        "수사·기소·재판 절차를 거쳤다.",
        '"서울중앙지검 수사관"이라고 밝혔다.',
        "Report 명의의 계좌 was used.",
    ],
)
def test_korean_words_in_those_shapes_are_no_names(text: str) -> None:
    assert names(text) == set()


_GIVEN_OPEN = ("지", "서", "수", "하", "예", "도", "유", "소")  # given syllables closed by no consonant
_GIVEN_CLOSED = ("민", "연", "준", "현", "윤", "은", "진", "원")  # and closed by one


@given(st.sampled_from(_GIVEN_OPEN + _GIVEN_CLOSED), st.sampled_from(_GIVEN_OPEN + _GIVEN_CLOSED))
def test_a_korean_vocative_must_agree_with_the_names_last_syllable(first: str, last: str) -> None:
    # "아" follows a closing consonant and "야" a vowel: the other ending calls out no name.
    name = f"{first}{last}"
    right, wrong = ("아", "야") if last in _GIVEN_CLOSED else ("야", "아")
    assert name not in names(f"{name}{wrong} 빨리 와")
    assume(name not in _frequent_korean())  # "유지" (upkeep), "지원" (support) are words
    assert name in names(f"{name}{right} 빨리 와")


def _frequent_korean() -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(top_n_list("ko", 10_000, wordlist="small"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("容疑者：小堀 隆\n住所：不詳", "小堀 隆"),
        ("差出人: 柴崎 亮 <r.shibasaki@example.jp>", "柴崎 亮"),
    ],
)
def test_a_japanese_name_spaced_after_a_label_and_a_colon(text: str, name: str) -> None:
    assert name in names(text)


def test_words_spaced_after_a_japanese_label_are_no_name() -> None:
    assert names("担当：営業 部長\n件名：至急 連絡") == set()


def test_a_katakana_heading_with_a_colon_is_no_chat_speaker() -> None:
    # A copied chat may drop the times, but only a hangul speaker is read so: "フィッシング：" heads
    # a line as often as a name does.
    assert names("フィッシング：偽サイトを確認した。\n민지: 언니 나야") == {"민지"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A child called by the given name in hiragana and a familiar honorific.
        ("昨日、けんと君が同級生に脅された。", "けんと"),
        ("公園で、ゆいちゃん（6）が声をかけられた。", "ゆい"),
        # A relative's given name after the relation and a middle dot.
        ("山口の妻・千夏が気づき通報した。", "千夏"),
    ],
)
def test_japanese_given_names_called_familiarly_or_after_a_relative(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "みなさん、おばあちゃんとおじさんが来た。",
        "あかちゃんとじいちゃんが家にいた。",
        "ねえちゃん、みんなくんは？",
    ],
)
def test_kin_and_frequent_kana_words_before_honorifics_are_no_names(text: str) -> None:
    assert names(text) == set()


def test_a_thai_given_name_written_again_alone_inside_a_clause_is_the_name() -> None:
    # "Victim Ms Somjai Thongdi ... then Somjai transferred ... to Somjai": Thai refers to a person
    # by the given name alone after the first mention, glued to the words around it.
    text = "ผู้เสียหายคือ คุณสมใจ ทองดี จากนั้นสมใจโอนเงิน 5,000 บาท"
    found = _in_script(text)
    assert "คุณสมใจ ทองดี" in found
    assert found.count("สมใจ") == 1


def test_a_thai_given_name_that_is_a_word_is_not_found_again_alone() -> None:
    # "Malai" is also a garland: alone, it is the word.
    text = "ผู้เสียหายคือ คุณมาลัย รุ่งเรือง ซื้อมาลัยที่ตลาด"
    assert _in_script(text) == ["คุณมาลัย รุ่งเรือง"]


@pytest.mark.parametrize("rank", ["ร.ต.อ.หญิง", "พ.ต.ท.หญิง", "ด.ต.หญิง"])
def test_a_thai_woman_officer_s_rank_and_her_name(rank: str) -> None:
    # A woman officer's rank is written with "หญิง" (woman) onto it; the name is both runs after.
    text = f"ผู้รับผิดชอบคดีคือ {rank} อรอุมา ใจงาม โทร 02-000-0000"
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert found == ["อรอุมา ใจงาม"]


def test_a_burmese_name_with_the_genitive_sign_written_onto_it() -> None:
    # "Ko Min Htet's younger sister": "၏" is written onto the name, which stands as a noun.
    assert _in_script("ကိုမင်းထက်၏ ညီမ က တိုင်ကြားခဲ့သည်။") == ["ကိုမင်းထက်"]


def test_amharic_woizerit_abbreviated_and_plural_cues() -> None:
    # "Witness statement: Ato Abebe Kebede and W/t Meron Tadesse"; "the victims Hana Girma ...".
    text = "የምስክር ቃል፡ አቶ አበበ ከበደ እና ወ/ት ሜሮን ታደሰ አይተዋል።"
    found = _in_script(text)
    assert "ቃል" not in found
    assert "ሜሮን ታደሰ" in " ".join(found)
    assert _in_script("ተጎጂዎቹ ሃና ግርማ ሲሆኑ፣")[:1] == ["ሃና ግርማ"]


def test_an_assamese_title_opens_the_name() -> None:
    # Assamese writes "শ্ৰী" with its own "ৰ".
    assert "ৰাজীৱ কলিতা" in _in_script("গুৱাহাটী: শ্ৰী ৰাজীৱ কলিতা, ঠিকনা: ঘৰ নং ৫")


def test_a_thai_role_in_brackets_after_a_name_is_no_alias() -> None:
    text = "ผู้แจ้ง พ.ต.ท.หญิง สุนันทา แก้วกล้า (พนักงานสอบสวน) ขอให้ตรวจสอบ"
    found = [text[d.start : d.end] for d in TextAnonymizer().find(text) if d.kind == "PERSON"]
    assert "พนักงานสอบสวน" not in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A given name alone as a chat speaker: listed, or in a language with a frequency list no
        # frequent word.
        ("[03/11/2024, 08:41] אורית: קיבלתי הודעה מהבנק\n[03/11/2024, 08:42] אבי: אל תלחצי", "אורית"),
        ("[03/11/2024, 08:41] சுமதி: பணம் போய்விட்டது", "சுமதி"),
        ("[03/11/2024, 08:41] ফারহানা: টাকা চলে গেছে", "ফারহানা"),
        ("[03/11/2024, 08:41] रश्मि: पैसे कट गए", "रश्मि"),
        ("19:20 - ნათია: ფული ჩამომეჭრა", "ნათია"),
        ("[03/11/2024, 08:41] Նունե: գումարը չկա", "Նունե"),
        ("[03/11/2024, 08:41] มาลี: เงินหายหมดเลย", "มาลี"),
        ("[08:41] ሜሮን: ገንዘቡ ጠፋ", "ሜሮን"),
    ],
)
def test_a_chat_speaker_named_in_the_script_is_a_name(text: str, name: str) -> None:
    assert name in in_script(text), in_script(text)


@pytest.mark.parametrize(
    "text",
    [
        # Roles as speakers are common words, cue words or titles: kept.
        "[03/11/2024, 08:43] שירות לקוחות: נא לאשר את הקוד",
        "[03/11/2024, 08:43] নিরাপত্তা বিভাগ: কোডটি দিন",
        "[03/11/2024, 08:43] ग्राहक सेवा: कोड बताइए",
        "[03/11/2024, 08:43] வாடிக்கையாளர் சேவை: குறியீட்டை சொல்லுங்கள்",
        "[03/11/2024, 08:43] ฝ่ายบริการลูกค้า: กรุณาแจ้งรหัส",
        "[03/11/2024, 08:43] מתלוננת: לא שלחתי",
    ],
)
def test_a_chat_speaker_that_is_a_role_stays(text: str) -> None:
    assert in_script(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        # A square, a university, an avenue, an airport named after a person, without a house
        # number: a landmark, kept.
        "הפגישה נקבעה בכיכר דיזנגוף ליד אוניברסיטת בר-אילן",
        "ঠগ তাকে কাজী নজরুল ইসলাম সরণিতে ডেকে পাঠায়",
        "შეხვედრა იყო ილია ჭავჭავაძის გამზირზე",
    ],
)
def test_a_place_named_after_a_person_stays(text: str) -> None:
    assert in_script(text) == set(), in_script(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A cue names the person: the street after the name is where she was.
        ("ভুক্তভোগী তাহমিনা বেগম হাসপাতালে ভর্তি", "তাহমিনা বেগম"),
        ("הנפגעת מיכל אזולאי ברחוב הגפן", "מיכל אזולאי"),
    ],
)
def test_a_named_person_before_a_place_noun_stays_a_name(text: str, name: str) -> None:
    assert any(name in value for value in in_script(text)), in_script(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # The name after a letter's salutation, and the signature under its closing.
        ("שלום נועה,\nקיבלנו את הפנייה שלך.", "נועה"),
        ("প্রিয় রুবিনা,\nআপনার আবেদন পেয়েছি।", "রুবিনা"),
        ("क्या आप कल आ सकते हैं?\nधन्यवाद,\nरश्मि", "रश्मि"),
        ("ვამოწმებთ თქვენს განცხადებას.\nპატივისცემით,\nნათია", "ნათია"),
        ("เรียน คุณมาลี\nได้รับเรื่องแล้ว", "มาลี"),
    ],
)
def test_a_letters_addressee_and_signature_are_names(text: str, name: str) -> None:
    assert any(name in value for value in in_script(text)), in_script(text)


@pytest.mark.parametrize(
    "text",
    [
        "שלום רב,\nקיבלנו את הפנייה שלך.",  # "greetings": a common word
        "प्रिय ग्राहक,\nआपका खाता बंद है।",  # "dear customer"
        "בברכה,\nמחלקת הונאות",  # signed by a department
    ],
)
def test_a_letters_greeting_or_department_is_no_name(text: str) -> None:
    assert in_script(text) == set(), in_script(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # LINE: the time, a tab, the display name, a tab, the message; a service's name stays.
        (
            "2026/02/11(水)\n08:15\t河合 奈々\t今どこ？\n08:16\tあやの\t駅です\n08:17\tコウタ\tわかった\n"
            "08:20\t大西\tはい\n08:30\tサポートセンター\t認証コードを送ってください",
            {"河合 奈々", "あやの", "コウタ", "大西"},
        ),
        # WeChat: the display name and the date and time above the message, or the other way round.
        (
            "龚雅琴 2026-02-11 09:30\n儿子，我换号了\n2026-02-11 09:31:05 官方客服\n请转账\n"
            "2026-02-11 09:32:40 晓鹿\n好的",
            {"龚雅琴", "晓鹿"},
        ),
        # The date with its weekday before the time; a schedule's words stay.
        ("2026/02/11(水) 08:15\tあやの\t駅です\n受付 10:00\n", {"あやの"}),
    ],
)
def test_chat_export_speakers_named_are_found_and_services_stay(text: str, expected: set[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "差出人: ナカヤマ リョウ <ryo.n@example.jp>\n"
            "宛先: はるか <haruka@example.jp>, 大西 <o@example.jp>\n件名: ご確認のお願い",
            {"ナカヤマ リョウ", "はるか", "大西"},
        ),
        (
            "发件人: 龚雅琴 <gong@example.cn>\n收件人: 招商银行 <service@example.cn>\n主题: 退款",
            {"龚雅琴"},
        ),
        # A firm's short brand in katakana, a group of people: no name.
        ("差出人: メルカリ <no-reply@example.jp>\n抄送: 全体员工 <all@example.cn>", set()),
        ("보낸 사람: 고객센터 <help@example.kr>\n받는 사람: 하윤 <hayoon@example.kr>", {"하윤"}),
        # An honorific after the display name is no part of it.
        ("宛先: 河合 奈々 様 <nana@example.jp>\n件名: 至急", {"河合 奈々"}),
    ],
)
def test_mail_header_display_names_are_found_and_firms_stay(text: str, expected: set[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("アンナ・コワルスカは偽の投資サイトに登録した。", "アンナ・コワルスカ"),
        ("翌日、ファム・ヴァン・トゥアンが口座を貸した。", "ファム・ヴァン・トゥアン"),
        ("ペドロ＝アルバレスさんから連絡があった。", "ペドロ＝アルバレス"),
    ],
)
def test_a_foreign_name_in_katakana_parts_before_a_particle_is_a_name(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "サンクト・ペテルブルクは寒い。",
        "カスペルスキー・ジャパンは注意を呼びかけた。",
        "偽のフィッシング・メールが届いた。",  # a compound loanword
    ],
)
def test_a_place_or_a_firm_in_katakana_parts_is_no_name(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("진 술 서\n성 명 : 윤 다 현\n주 소 : 대전광역시 유성구", "윤 다 현"),
        ("이 름 : 남 궁 민 호\n연락처 : 010", "남 궁 민 호"),
    ],
)
def test_a_name_spaced_out_by_ocr_after_a_spaced_out_name_label(text: str, name: str) -> None:
    assert names(text) == {name}


@pytest.mark.parametrize("text", ["성 명 : 서 울 시\n", "주 소 : 박 물 관\n", "성 명 : 미 기 재\n"])
def test_spaced_out_words_after_a_form_label_are_no_name(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("شاکی مهسا ثبت نام کرد", "مهسا"),  # "registered": a noun of a compound verb
        ("شاکی آقای رامین پول نقد پرداخت کرد", "رامین"),  # "paid cash": money is no surname
    ],
)
def test_a_persian_name_ends_before_a_frequent_noun(text: str, name: str) -> None:
    assert in_script(text) == {name}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("கடந்த வாரம் கவிதாவின் கணவர் புகார் அளித்தார்.", "கவிதாவின்"),  # Kavitha's husband
        ("গতকাল মৌমিতার ফোন বন্ধ ছিল।", "মৌমিতার"),  # Moumita's phone
        ("ഇന്നലെ ജോസഫിന്റെ ഫോട്ടോകൾ പ്രചരിച്ചു.", "ജോസഫിന്റെ"),  # Joseph's photos
    ],
)
def test_a_listed_name_in_the_genitive_before_a_relative_or_a_phone(text: str, name: str) -> None:
    assert name in in_script(text)


@pytest.mark.parametrize(
    "text",
    ["গতকাল পীড়িতার ভাই থানায় যান।", "அந்த நபரின் கணவர் புகார் அளித்தார்."],  # the victim's, the person's
)
def test_a_role_in_the_genitive_before_a_relative_is_no_name(text: str) -> None:
    assert in_script(text) == set()


@pytest.mark.parametrize(
    ("text", "again"),
    [
        ("অভিযোগকারী ফারহানা ইসলাম থানায় আসেন। ফারহানার ভাই সাক্ষী।", "ফারহানার"),
        ("Տուժող Գոհար Սարգսյանը դիմել է։ Գոհարի հեռախոսը կոտրվել է։", "Գոհարի"),
        # Tamil writes "வ்" between a name ending in a vowel and the case ending.
        ("புகார்தாரர் மீனா கிருஷ்ணன் காவல் நிலையம் வந்தார். மீனாவுக்கு அழைப்பு வந்தது.", "மீனாவுக்கு"),
    ],
)
def test_a_found_names_word_again_with_a_case_ending(text: str, again: str) -> None:
    assert again in in_script(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("मानव बेचबिखन: दलाल हरि प्रसाद अधिकारी (फोन ९८४१२२३३४४) ले", "हरि प्रसाद अधिकारी"),
        ("उसकी बहन पूजा साहू को धमकी मिली", "पूजा साहू"),
        ("खाताधारक कें. श्रीनिवास रेड्डी", "श्रीनिवास रेड्डी"),
    ],
)
def test_devanagari_middle_names_and_names_that_are_words(text: str, name: str) -> None:
    assert any(name in found for found in in_script(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("మనీ మ్యూల్ ఖాతాదారు కె. శ్రీనివాస రెడ్డి (ఆధార్)", "కె. శ్రీనివాస రెడ్డి"),
        ("පැමිණිලිකරු ඩබ්ලිව්. එම්. නිමල් පෙරේරා (ජා.හැ.අ.)", "ඩබ්ලිව්. එම්. නිමල් පෙරේරා"),
    ],
)
def test_initials_before_a_found_name_are_masked_with_it(text: str, name: str) -> None:
    assert name in in_script(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("अर्चना पाटील साक्षीदार आहेत.", "आहेत"),  # "are witnesses"
        ("ሓዉ ሃይለ ገብረሂወት ምስክር እዩ።", "እዩ"),  # Tigrinya "is a witness"
        ("ተበዳይ ወ/ሮ ትዕግስት አለማየሁ (ስልክ 0911)", "ወ"),  # a cue, then a title
        ("पीड़ित अर्जुन मेहता (आयु 23 वर्ष, जन्म 09/09/2003)", "वर्ष"),
    ],
)
def test_no_copula_title_or_age_word_is_taken_for_a_name(text: str, word: str) -> None:
    assert word not in in_script(text)


def test_a_thai_rank_written_out_is_a_title() -> None:
    found = in_script("สิบตำรวจโทวิชัย ทองคำ รับแจ้งจากผู้เสียหาย")
    assert any("วิชัย" in value for value in found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("博多駅に勤務する小林の部下、渡辺 真由美が通報した。", "小林"),
        ("田中の妻・由美子が気づき110番通報。", "田中"),
    ],
)
def test_a_japanese_family_name_before_no_and_a_relative(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize("text", ["同社の社長が東京の自宅で会見した。", "三井の子会社が発表した。"])
def test_a_firm_or_a_place_before_no_and_a_noun_is_no_name(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("شاهد ماجرا، علی‌اکبر نوروزی، به افسر پرونده گفت که کلاهبردار فرار کرد.", "ماجرا"),
        ("درخواست مسدودسازی صفحه ارسال شد و به شاکی توصیه شد فقط از درگاه امن خرید کند.", "توصیه"),
    ],
)
def test_a_frequent_unlisted_word_after_a_cue_is_the_cues_complement(text: str, name: str) -> None:
    assert name not in in_script(text)


def test_a_name_after_a_cue_is_still_found() -> None:
    assert "مهسا رحیمی" in in_script("شاکی مهسا رحیمی پیامک جعلی دریافت کرد.")


def test_a_tigrinya_victim_and_a_father_s_name_spelled_with_tigrinya_a() -> None:
    # "The victim Almaz Kahsay": Tigrinya's victim cue; "ኣ" where Amharic writes "አ".
    assert _in_script("ተበዳሊት ኣልማዝ ካሕሳይ ገንዘብ ሰዲዳ።") == ["ኣልማዝ ካሕሳይ"]
    # "Her brother: Mikael Tesfamariam": kin before a colon.
    assert "ሚኪኤል ተስፋማርያም" in _in_script("ሓዋ፡ ሚኪኤል ተስፋማርያም፡ ኣብ ሚላኖ ይነብር።")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Telugu: the account holder, "Shaik" written first; the phone after a mother's name.
        ("ఖాతాదారు షేక్ అబ్దుల్ కరీం (వయస్సు 22) ఖాతా ఇచ్చాడు.", "షేక్ అబ్దుల్ కరీం"),
        ("తల్లి షేక్ నూర్జహాన్ ఫోన్ 94401 55382.", "షేక్ నూర్జహాన్"),
        # Marathi: the account holder, and "Shri." with its full stop.
        ("खातेदार श्री. ज्ञानेश्वर जाधव यांच्या खात्यात पैसे आले.", "ज्ञानेश्वर जाधव"),
        # Persian "Hajji" before a given name.
        ("مردی به نام «حاجی جواد» او را برد.", "جواد"),
    ],
)
def test_account_holder_suspect_and_hajji_cues(text: str, name: str) -> None:
    assert name in _in_script(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Common foreign given names and surnames as each script writes them.
        ("पुलिस ने एमिली क्लार्क को गिरफ्तार किया।", "एमिली क्लार्क"),
        ("החשוד, דייוויד מילר, נעצר אתמול.", "דייוויד מילר"),
        ("პოლიციამ დააკავა ჯონი სმიტი თბილისში.", "ჯონი სმიტი"),
        ("ፖሊስ ማይክል ጆንሰን በቁጥጥር ስር አውሏል።", "ማይክል ጆንሰን"),
    ],
)
def test_foreign_names_transliterated_into_a_script(text: str, name: str) -> None:
    assert name in [text[d.start : d.end] for d in find_in_script_names(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("영국 국적 유학생 존 스미스(23) 씨가 신고했다.", "존 스미스"),
        ("나이지리아 국적 오루세군 아데바요(37)를 구속했다.", "오루세군 아데바요"),
        ("필리핀 출신 이주여성 마리셀 가르시아 산토스 씨의 피해", "마리셀 가르시아 산토스"),
    ],
)
def test_a_foreigners_spaced_name_after_a_nationality_in_korean(text: str, name: str) -> None:
    assert name in [text[d.start : d.end] for d in find_script_names(text)]


@pytest.mark.parametrize(
    "text",
    [
        # A firm, an airline or a role after the cue: no name of spaced parts before brackets.
        "한국 출신 삼성 전자(005930) 주식",
        "중국 국적 여성(35) 씨가 신고했다.",
    ],
)
def test_no_foreign_name_in_korean_without_a_spaced_name(text: str) -> None:
    assert [text[d.start : d.end] for d in find_script_names(text)] == []


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("피해자 박영숙 씨는 이후 박영숙에게 다시 연락했다", "박영숙에게"),
        ("피해자 김수연 씨가 진술했다. 김수연도 같은 문자를 받았다", "김수연도"),
    ],
)
def test_a_korean_name_is_masked_with_the_particle_written_onto_it(
    anonymizer: TextAnonymizer, text: str, masked: str
) -> None:
    found = {text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "PERSON"}
    assert masked in found


def test_a_korean_name_keeps_the_word_it_begins(anonymizer: TextAnonymizer) -> None:
    text = "피해자 김수연 씨가 진술했다. 김수연도시 개발 계획"
    found = {text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "PERSON"}
    assert "김수연도시" not in found


def test_a_hebrew_name_ending_in_a_geresh_is_found_with_it() -> None:
    text = "בעל החשבון ג'ורג' אבל"
    found = find_in_script_names(text, places=load_places)
    assert [text[d.start : d.end] for d in found] == ["ג'ורג'"]


def test_no_listed_name_of_a_language_holds_a_letter_it_never_writes() -> None:
    for lang in _RULES.languages:
        if lang.other_marks is not None:
            assert not [w for w in lang.given | lang.surnames if lang.other_marks.search(w)], lang.name


@pytest.mark.parametrize(
    "text",
    [
        "3,200만 원이 이준호 명의 계좌로 이체되었다.",
        "이준호는 전달책으로 확인되었고 수당을 받았다.",
        "김준호에게 건당 30만 원이 지급되었다.",
    ],
)
def test_a_korean_name_the_frequency_list_holds_is_a_name_before_a_particle(text: str) -> None:
    assert {name[:3] for name in names(text)} & {"이준호", "김준호"}


@pytest.mark.parametrize(
    "text",
    ["전화기를 잃어버렸다고 말했다.", "한남동에 사는 주민이다.", "정보가 유출되었다."],
)
def test_a_frequent_word_or_a_place_with_a_family_name_is_no_name(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("受害人被何强以高薪为由骗至境外。", "何强"),
        ("张伟以投资为名骗取钱财。", "张伟"),
    ],
)
def test_a_chinese_name_ends_before_by_way_of(text: str, name: str) -> None:
    assert name in names(text)
