"""Accounts in file system paths and command lines (shared/anonymization/file_paths.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shared.anonymization.detectors import HANDLE, PERSON, Detection
from shared.anonymization.file_paths import find_accounts, find_glued_names, with_accounts
from shared.anonymization.text import TextAnonymizer

_ACCOUNT = st.from_regex(r"[a-z][a-z0-9._-]{2,14}[a-z0-9]", fullmatch=True).filter(
    lambda a: a not in {"public", "default", "admin", "root", "guest", "user", "shared"}
)
_PATHS = st.sampled_from(
    [
        "C:\\Users\\{}\\AppData\\Local\\Temp\\upd.exe",
        "c:/users/{}/Downloads",
        "/home/{}/.ssh/id_rsa",
        "/Users/{}/Library/Keychains",
        "C:\\Documents and Settings\\{}\\Desktop",
        "Path: C:\\Users\\{}",
        "runas /user:{} cmd.exe",
        "psql --username {} -h db",
    ]
)


def _accounts(text: str) -> list[str]:
    return [text[d.start : d.end] for d in find_accounts(text, text.lower())]


@given(account=_ACCOUNT, template=_PATHS)
def test_planted_account_found(account: str, template: str) -> None:
    assert _accounts(template.format(account)) == [account]


def test_shared_profiles_and_deeper_folders_kept() -> None:
    assert _accounts("C:\\Users\\Public\\Documents\\note.txt and C:\\Users\\Default") == []
    assert _accounts("/var/home/data and /srv/users/list.csv") == []
    assert _accounts("The users of home banking were targeted.") == []


def test_profile_folder_with_spaces_and_quoted_option() -> None:
    assert _accounts('"/Users/Ana Beatriz Lopes/Desktop/a.pdf"') == ["Ana Beatriz Lopes"]
    assert _accounts('runas /user:"Joana Prates" cmd') == ['"Joana Prates"']


def test_detection_inside_an_account_gives_way() -> None:
    text = "/home/ivo.sk/x"
    domain = Detection(6, 12, "DOMAIN")
    assert with_accounts(text, text.lower(), [domain]) == [Detection(6, 12, HANDLE)]


def test_redacted_in_free_text(anonymizer: TextAnonymizer) -> None:
    text = "The dropper ran from C:\\Users\\mkowalczyk\\AppData on the victim's PC."
    redacted, found = anonymizer.redact(text)
    assert "mkowalczyk" not in redacted and "AppData" in redacted
    assert found[HANDLE] == 1


def _glued(text: str, anonymizer: TextAnonymizer) -> list[tuple[str, str]]:
    lexicon = anonymizer.word_lists.lexicon
    words = lexicon.common | lexicon.stop | lexicon.places
    found = find_glued_names(text, lexicon.first - words, lexicon.last - words)
    return [(d.kind, text[d.start : d.end]) for d in found]


def test_names_glued_into_identifiers(anonymizer: TextAnonymizer) -> None:
    assert _glued("IngridVestergaardSvc", anonymizer) == [(PERSON, "IngridVestergaard")]
    assert _glued("com.ingridvestergaard.app", anonymizer) == [(PERSON, "ingridvestergaard")]
    assert _glued("\\\\.\\pipe\\ingridv", anonymizer) == [(HANDLE, "ingridv")]
    assert _glued("LAPTOP-INGRIDV", anonymizer) == [(HANDLE, "INGRIDV")]
    assert _glued("IngridV_2024.docx", anonymizer) == [(HANDLE, "IngridV")]
    assert _glued("jsmith.exe", anonymizer) == [(HANDLE, "jsmith")]


def test_words_hosts_and_tool_names_are_no_glued_names(anonymizer: TextAnonymizer) -> None:
    for text in (
        "Egregor",  # an initial and a surname, but capitalized as a word is
        "briar niagara HIDDEN marks",  # words of a language
        "JasperLoader VidarStealer AgentTesla DanaBot",  # a first name and no surname
        "ingridv.example boss@ingridv.example",  # a host name stays as the anonymizer left it
        "[PERSON] [HANDLE]",
        "DESKTOP-7H3K2LP svchost rundll32",
        "relationship--d2addaa7-0fdf-44e3-9b20-c63b2b4179af",  # hexadecimal
    ):
        assert _glued(text, anonymizer) == [], text
