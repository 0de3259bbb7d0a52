"""Victims' account names after a platform or an account word in any report language
(shared/anonymization/handles.yaml), and "@name" next to ideographs."""

from __future__ import annotations

import pytest

from shared.anonymization.detectors import HANDLE, find_handles


def found(text: str) -> list[str]:
    return [text[d.start : d.end] for d in find_handles(text) if d.kind == HANDLE]


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Instagram-Konto der Geschädigten: mia.k_2009 wurde gehackt", "mia.k_2009"),
        ("son pseudo Snapchat est lucas.mrtn", "lucas.mrtn"),
        ("Le nom d'utilisateur de la plaignante : camille_b", "camille_b"),
        ("su perfil de Instagram sofi.gz_ fue clonado", "sofi.gz_"),
        ("Benutzername des Opfers: jonaskrm", "jonaskrm"),
        ("Jej nazwa użytkownika to kasia_w88.", "kasia_w88"),
        ("Kullanıcı adı: emre.kaya34, şifresi değiştirildi", "emre.kaya34"),
        ("His WhatsApp profile name is RaviK2001 and", "RaviK2001"),
        ("被害者のアカウントは@yuki_tnk99です", "@yuki_tnk99"),
        ("Telegram: olga_petrova", "olga_petrova"),
        ("user name janek.92 on the forum", "janek.92"),
        ("نام کاربری او sara.rezaei.art بود", "sara.rezaei.art"),
    ],
)
def test_account_names_after_a_cue_are_handles(text: str, handle: str) -> None:
    assert handle in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Das Telegram-Konto wurde gesperrt. Nachricht folgte.",  # plain words after the cue
        "the scam ran on Telegram and Signal for weeks",
        "Telegram account Sent money to IBAN DE89370400440532013000",  # upper-case ids are not handles
        "contact via Facebook page paypa1-secure.com",  # a domain's label, not an account name
        "write to jane@example.org",  # an e-mail address
        "the username was changed on 12.03.2024",
        "Il profilo Instagram è stato chiuso.",
    ],
)
def test_words_ids_and_domains_after_a_cue_are_not_handles(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "WhatsApp clonado: estafadores pediram o código",  # a frequent word after a platform's colon
        "Facebook: trang cá nhân của chị bị hack",
    ],
)
def test_frequent_words_after_a_platform_are_not_handles(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "profile",
    [
        "instagram.com/anna.k93",
        "https://www.instagram.com/anna.k93/",
        "facebook.com/milan.horvat.77",
        "https://m.facebook.com/profile.php?id=100045678901",
        "t.me/petrov_ivan",
        "https://vk.com/id12345678",
        "tiktok.com/@lina_b",
        "https://www.linkedin.com/in/sara-lindqvist-3b21a",
        "x.com/kofi_mensah",
        "https://wa.me/447700900461",
        "m.me/lina.b.92",
    ],
)
def test_social_profile_addresses_are_handles(profile: str) -> None:
    assert profile in found(f"Her profile {profile} was cloned.")


@pytest.mark.parametrize(
    "url",
    [
        "https://facebook.com/login",
        "https://t.me/joinchat/AAAAAE2xYz",
        "https://www.instagram.com/p/Cx7Yz/",
        "https://x.com/kofi_mensah/status/17234",
        "https://www.youtube.com/watch?v=abc",
    ],
)
def test_platform_pages_and_posts_are_not_profiles(url: str) -> None:
    assert found(f"See {url} for details.") == []


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("她的微信号是lin_xiaomei90，对方", "lin_xiaomei90"),
        ("被害者のインスタのアカウントはhana_sato07です。", "hana_sato07"),
        ("שם המשתמש של המתלוננת בטלגרם הוא noa_peretz85.", "noa_peretz85"),
        ("피해자의 텔레그램 아이디 jisoo_kim93 로", "jisoo_kim93"),
    ],
)
def test_accounts_after_platform_words_of_more_scripts(text: str, handle: str) -> None:
    """Chinese and Japanese cues touch the words around them; Hebrew writes "in" as a prefix
    of the platform's name (בטלגרם)."""
    assert [text[d.start : d.end] for d in find_handles(text)] == [handle]


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("신고인 한서윤(카톡ID hanseoyun_07)은 부산 거주", "hanseoyun_07"),
        ("피해자의 카카오톡ID: minho.park88 로", "minho.park88"),
        ("被害者のラインID sakura_mori22 に連絡した", "sakura_mori22"),
    ],
)
def test_a_latin_account_word_touching_a_platform_in_hangul_or_kana(text: str, handle: str) -> None:
    """Korean and Japanese write "ID" right after the platform's name, without a space."""
    assert found(text) == [handle]


def test_a_latin_platform_still_needs_a_gap_before_its_account_word() -> None:
    assert found("the signalname bob_77 of the build") == []


def test_a_platform_word_without_an_account_shape_is_no_account() -> None:
    text = "通过微信转账5000元给对方"
    assert list(find_handles(text)) == []


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("חשבון האינסטגרם של הקורבן: noa.cohen_92", "noa.cohen_92"),
        ("הפרופיל בטלגרם noa_cohen92 נפרץ", "noa_cohen92"),
    ],
)
def test_hebrew_platform_names_with_the_article(text: str, handle: str) -> None:
    assert found(text) == [handle]


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Ihr altes Konto lena_m.2004 wurde übernommen", "lena_m.2004"),
        ("son compte ines.brt07 a servi à écrire à ses amis", "ines.brt07"),
        ("the account (tom_reilly_88) was taken over", "tom_reilly_88"),
        ("tài khoản Zalo của anh Minh (minh.tran.1990) bị chiếm", "minh.tran.1990"),
        ("hesabı emre_k34 ele geçirildi", "emre_k34"),
        ("LINE ID ของผู้เสียหาย mali.s_2001 ถูกแฮ็ก", "mali.s_2001"),
    ],
)
def test_an_account_name_right_after_a_plain_account_word_is_a_handle(text: str, handle: str) -> None:
    assert handle in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "przelał 500 zł na konto w mBank",  # a bank's name, no digit or "_"
        "account example24.com was registered last week",  # a domain
        "le compte 30004 00550 fut vidé",  # digits only: a bank account's number
        "met on Hinge, then moved to WhatsApp and Signal",  # a platform's own name
    ],
)
def test_brands_domains_numbers_and_platforms_after_an_account_word_are_no_handles(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "profile"),
    [
        ("Discord discord.com/users/liam_k_2010 was the victim's.", "discord.com/users/liam_k_2010"),
        # glued to the Chinese words around it ("account … was stolen")
        ("受害人的小红书账号xiaohongshu.com/user/wang_li88被盗。", "xiaohongshu.com/user/wang_li88"),
        ("プロフィールinstagram.com/yui_22です", "instagram.com/yui_22"),
    ],
)
def test_profile_addresses_of_more_platforms_and_glued_to_cjk_words(text: str, profile: str) -> None:
    assert profile in found(text)


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        # key=value dumps and log lines: "=" for the colon, "_" joining a key's words
        ("role=complainant tg=oskar_vell91 src=form", "oskar_vell91"),
        ("victim_handle=oskar_vell91; victim_city=Graz", "oskar_vell91"),
        ("tg_username=oskar_vell91", "oskar_vell91"),
        ("instagram = oskar.vell", "oskar.vell"),
        # Japanese corner brackets around the name
        ("相談者 LINE ID「oskar_vell91」を登録", "oskar_vell91"),
    ],
)
def test_an_account_in_a_key_value_dump_or_corner_brackets_is_found(text: str, handle: str) -> None:
    assert handle in found(text)


@pytest.mark.parametrize("text", ["the signal was weak=bad", "handle=long", "a_line=straight"])
def test_a_plain_word_after_such_a_key_is_no_account(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        # a word for an account, then a plain name a few words on, without a colon
        ("the complainant's Snapchat username is wrenfolly", "wrenfolly"),
        ("su usuario de TikTok es pilarvendaval", "pilarvendaval"),
        ("le pseudo de la plaignante est ombrelune", "ombrelune"),
        ("Instagram user corvinaplata sent the photos", "corvinaplata"),
        # a dash for the colon, a plain name in brackets
        ("Ник потерпевшей — solnyshkoveter", "solnyshkoveter"),
        ("reported from Instagram (wrenfolly) on Monday", "wrenfolly"),
        # a Korean particle or a Turkish suffix glued to the cue
        ("피해자 아이디는 minjae_k07 입니다", "minjae_k07"),
        ("mağdurun Instagram'daki hesabı deniz.ak_91 kapatıldı", "deniz.ak_91"),
        # Thai writes the cue glued to the words after it
        ("ไลน์ของผู้เสียหาย ploy_s1998 ถูกแฮ็ก", "ploy_s1998"),
        # Discord's "name#0000", Skype's "live:name"
        ("her Discord tag is wrenfolly#3092", "wrenfolly#3092"),
        ("Discord: Wren.Folly#3092", "Wren.Folly#3092"),
        ("Skype live:wren.folly.22 was used to call her", "live:wren.folly.22"),
        # a platform named after a word for an account: the platform's own cue still counts
        ("Usuario de TikTok: pilar_v88", "pilar_v88"),
    ],
)
def test_account_names_written_by_other_conventions(text: str, handle: str) -> None:
    assert handle in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "teve seu WhatsApp clonado depois de informar um código",  # a word about the platform
        "Facebook impersonation of a late relative",
        "the username was changed by the scammers.",  # frequent words only
        "handle the case with care",
        "ticket#4410 was closed",  # a tag's shape without Discord named
    ],
)
def test_words_after_a_platform_or_an_account_word_are_no_loose_names(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        # a note in capitals
        ("COMPLAINANT IG: WREN_FOLLY22 / TEL WITHHELD", "WREN_FOLLY22"),
        ("COMPLAINANT TELEGRAM: WRENFOLLY", "WRENFOLLY"),
        # a JSON field, its key's quote before the colon
        ('{"complainant_instagram": "wren.folly"}', "wren.folly"),
        ('{"instagram":"wrenfolly"}', "wrenfolly"),
        # a dash for the colon, a comma and curly quotes before the name
        ("Insta - wren.folly", "wren.folly"),
        ("su perfil en Facebook, “wren.folly”, fue clonado", "wren.folly"),
    ],
)
def test_account_names_in_capitals_json_and_after_a_dash(text: str, handle: str) -> None:
    assert handle in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "TELEGRAM: NONE GIVEN",  # a frequent word in capitals
        "Victim IG: PENDING REVIEW",  # the cue in lowercase: capitals are no account's
    ],
)
def test_capitals_after_a_cue_are_no_account_unless_the_note_is_in_capitals(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("佐藤さんのLINE ID：misaki_t04。", "misaki_t04"),
        ("她的WeChat: chen_yu1993，", "chen_yu1993"),
    ],
)
def test_a_latin_cue_glued_to_chinese_or_japanese_words(text: str, handle: str) -> None:
    assert found(text) == [handle]


@pytest.mark.parametrize(
    "profile",
    [
        "zalo.me/0987112233",
        "line.me/ti/p/~nok_p2001",
        "vk.me/arina_sv",
        "bsky.app/profile/arina.bsky.social",
        "linktr.ee/arinasv",
        "u/arina_sv",
    ],
)
def test_profile_links_of_more_platforms_and_reddit_users(profile: str) -> None:
    assert profile in found(f"the complainant's page {profile} was copied")


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("her account arina.sv04 (Instagram) was cloned", "arina.sv04"),
        ("posted as arinasokol (TikTok) last week", "arinasokol"),
        ("arina_sv on TikTok received the threats", "arina_sv"),
    ],
)
def test_an_account_name_before_its_platform(text: str, handle: str) -> None:
    assert handle in found(text)


@pytest.mark.parametrize("text", ["she posted on TikTok every day", "the money (Instagram) ads"])
def test_a_word_before_a_platform_is_no_account(text: str) -> None:
    assert found(text) == []
