"""TextAnonymizer: placeholders, counts, the policy's keep/mask/drop, and speed."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.anonymization.policy import load_policy
from shared.anonymization.text import TextAnonymizer

from .conftest import filler

NARRATIVE = (
    "Between 1 October and 20 November 2026 victims in the Netherlands received SMS messages claiming a "
    "parcel could not be delivered. The link led to parcel-redelivery-fee.example where victims entered card "
    "details and a one-time code. Mr. Jan de Vries, one of the victims, reported that his card "
    "4111 1111 1111 1111 was enrolled in a mobile wallet within minutes; he was called from +31 6 12345678 "
    "by a man claiming to be from the bank's fraud team. Funds were moved to NL91 ABNA 0417 1643 00 and then "
    "to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq. Contact: jan.devries@example.nl. The offenders used "
    "185.220.101.4 and the domain secure-bank-login.example."
)


def test_narrative_redacted_with_typed_placeholders(anonymizer: TextAnonymizer) -> None:
    redacted, counts = anonymizer.redact(NARRATIVE)
    for value in (
        "Jan de Vries",
        "4111 1111 1111 1111",
        "NL91 ABNA",
        "jan.devries",
    ):
        assert value not in redacted
    # "The offenders used <IP>": offender infrastructure, kept like the domain after it; "called
    # from <number>": the caller's.
    for kept in (
        "parcel-redelivery-fee.example",
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "secure-bank-login.example",
        "185.220.101.4",
        "+31 6 12345678",
    ):
        assert kept in redacted
    # "Funds were moved to <IBAN>": the receiving account, attributed and masked by the policy.
    assert counts == {"PERSON": 1, "CARD": 1, "OFFENDER-IBAN": 1, "EMAIL": 1}
    assert "[PERSON]" in redacted and "[CARD]" in redacted and "[OFFENDER-IBAN]" in redacted


@given(n=st.integers(min_value=0, max_value=6), gap=filler)
@settings(max_examples=40, deadline=None)
def test_counts_match_planted_values(anonymizer: TextAnonymizer, n: int, gap: str) -> None:
    text = f" {gap} ".join(f"user{i}@mail{i}.example.org" for i in range(n))
    redacted, counts = anonymizer.redact(text)
    assert counts["EMAIL"] == n
    assert redacted.count("[EMAIL]") == n


def test_counts_never_hold_values(anonymizer: TextAnonymizer) -> None:
    _, counts = anonymizer.redact(NARRATIVE)
    assert all(key.isupper() for key in counts) and all(isinstance(v, int) for v in counts.values())


def test_find_spans_do_not_overlap(anonymizer: TextAnonymizer) -> None:
    found = anonymizer.find(NARRATIVE)
    assert all(a.end <= b.start for a, b in pairwise(found))


def _policy_file(tmp_path: Path, text_rules: dict[str, object]) -> Path:
    raw = yaml.safe_load(Path("shared/anonymization/policy.yaml").read_text(encoding="utf-8"))
    raw["text"] = text_rules
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


def test_policy_keep_mask_drop_per_field(tmp_path: Path) -> None:
    path = _policy_file(
        tmp_path,
        {
            "default": {"EMAIL": "keep", "PHONE": "drop", "IP": "mask", "URL": "mask"},
            "fields": {"title": {"EMAIL": "mask"}, "stix": {"IP": "keep"}},
        },
    )
    anonymizer = TextAnonymizer(load_policy(path))
    # (An IP a personal cue speaks for: one no cue decides is the offender's.)
    text = "mail a@b.example call +44 20 7946 0958 from her router 10.1.2.3; via https://x.example/p"
    assert anonymizer.redact(text, "narrative") == (
        "mail a@b.example call  from her router [IP]; via [URL]",
        {"PHONE": 1, "IP": 1, "URL": 1},
    )
    assert anonymizer.redact(text, "title")[0].startswith("mail [EMAIL] call  from her router [IP]")
    assert "10.1.2.3" in anonymizer.redact(text, "stix.description")[0]


def test_unknown_kind_defaults_to_mask(tmp_path: Path) -> None:
    anonymizer = TextAnonymizer(load_policy(_policy_file(tmp_path, {"default": {}})))
    assert anonymizer.redact("mail a@b.example now") == ("mail [EMAIL] now", {"EMAIL": 1})


def test_empty_and_clean_text_unchanged(anonymizer: TextAnonymizer) -> None:
    assert anonymizer.redact("") == ("", {})
    clean = "the parcel scam wave grew in october across three provinces"
    assert anonymizer.redact(clean) == (clean, {})


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("受害人身份证号440304198506121230，住深圳", "440304198506121230", "NATIONAL-ID"),
        ("身份证320106199202280514。", "320106199202280514", "NATIONAL-ID"),
        ("联系电话13922884501，微信同号", "13922884501", "PHONE"),
        ("連絡先は+81 90-1234-5678です", "+81 90-1234-5678", "PHONE"),
        ("カード番号3566001122334459を入力", "3566001122334459", "CARD"),
        ("연락처010-2345-6789로 전화", "010-2345-6789", "PHONE"),
        ("thẻ 9704 3600 1234 5672 đã bị lộ", "9704 3600 1234 5672", "CARD"),  # Napas
        ("Troy kartı 9792 0912 3456 7891 ile ödedi", "9792 0912 3456 7891", "CARD"),
    ],
)
def test_numbers_touching_ideographs_kana_or_hangul_are_found(
    anonymizer: TextAnonymizer, text: str, value: str, kind: str
) -> None:
    # Chinese, Japanese and Korean write numbers against the words around them.
    assert (value, kind) in {(text[d.start : d.end], d.kind) for d in anonymizer.find(text)}


@pytest.mark.parametrize(
    "text",
    [
        "order ref ABC4403041985061212301",  # digits inside a Latin word stay out
        "build v9704360012345672x",
        "Ticket #970436001234567 closed",  # not Luhn-valid
    ],
)
def test_numbers_inside_latin_words_are_not_cards_or_ids(anonymizer: TextAnonymizer, text: str) -> None:
    assert all(d.kind not in {"CARD", "NATIONAL-ID"} for d in anonymizer.find(text))


def test_a_domain_label_shaped_like_an_identity_number_stays_a_domain(anonymizer: TextAnonymizer) -> None:
    # "x0000000t" has the form of a Spanish NIE; followed by ".com" it is a domain's label.
    text = "phishing kit served from x0000000t.com and y1234567z.net"
    assert all(d.kind != "NATIONAL-ID" for d in anonymizer.find(text))
    # At the end of a sentence the number is still one.
    sentence = "Su NIE es X0000000T. Llamó ayer."
    found = {(sentence[d.start : d.end], d.kind) for d in anonymizer.find(sentence)}
    assert ("X0000000T", "NATIONAL-ID") in found


@pytest.mark.parametrize(
    "text",
    [
        "ผู้เสียหาย นายธนกฤต บุญมา แจ้งว่า LINE ID: kevin_invest88 เป็นของมิจฉาชีพ",
        "詐騙者 LINE ID：justice_tw01。",
    ],
)
def test_a_platform_with_its_word_for_an_account_is_no_name(anonymizer: TextAnonymizer, text: str) -> None:
    found = anonymizer.find(text)
    assert all(text[d.start : d.end] != "LINE ID" for d in found)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Residing at Plot 14, Block C, off Admiralty Way, beside Mega Chicken, Lekki Phase 1, Lagos;",
            "Plot 14, Block C, off Admiralty Way, beside Mega Chicken, Lekki Phase 1, Lagos",
        ),
    ],
)
def test_a_landmark_part_between_two_parts_of_one_address(text: str, address: str) -> None:
    anonymizer = TextAnonymizer()
    assert [text[d.start : d.end] for d in anonymizer.find(text) if d.kind == "ADDRESS"] == [address]
