from __future__ import annotations

import numpy as np
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from services.enrichment import neardup
from services.enrichment.neardup import (
    SCHEME,
    MinHasher,
    NearDupIndex,
    Signature,
    shingles,
    similarity,
    tokens,
)
from tests.support.neardup_corpus import build_corpus, evaluate

HASHER = MinHasher()
TEXT = (
    "Victims receive a text message about a parcel redelivery fee. The link leads to a cloned courier "
    "site that harvests card details and the one-time passcode used to enrol the card in a mobile wallet."
)


def signature(object_id: str, text: str, **overrides: object) -> Signature:
    values = HASHER.hashvalues(text)
    assert values is not None
    fields: dict[str, object] = {
        "object_id": object_id,
        "stix_type": "attack-pattern",
        "scope": "green",
        "external_ids": frozenset(),
        "category": None,
        "hashvalues": values,
    }
    fields.update(overrides)
    return Signature(**fields)  # type: ignore[arg-type]


def test_normalization_is_language_agnostic_and_drops_placeholders() -> None:
    assert tokens("Der Täter ruft [PERSON] an: Überweisung!") == ["der", "tater", "ruft", "uberweisung"]
    assert tokens("La víctima recibe un SMS") == tokens("la VICTIMA recibe un sms")
    assert "person" not in tokens("contact [PERSON] at [EMAIL]")
    assert tokens("المحتال يرسل رسالة") == ["المحتال", "يرسل", "رسالة"]


WORDS = st.text(alphabet=st.characters(categories=["L", "N"]), min_size=3, max_size=12)


@settings(max_examples=200)
@given(st.lists(WORDS, min_size=1, max_size=60), st.integers(min_value=1, max_value=5))
def test_values_are_datasketchs_minhash_of_the_shingles(words: list[str], memo_limit: int) -> None:
    text = " ".join(words)
    hasher = MinHasher(num_perm=64, min_tokens=1)
    original = neardup._REMEMBERED_SHINGLES
    neardup._REMEMBERED_SHINGLES = memo_limit  # the memo starting again changes nothing
    try:
        values = [hasher.hashvalues(text), hasher.hashvalues(text)]
    finally:
        neardup._REMEMBERED_SHINGLES = original
    normalized = tokens(text)
    if not normalized:
        assert values == [None, None]
        return
    reference = MinHash(num_perm=64, scheme=SCHEME)
    reference.update_batch([shingle.encode("utf-8") for shingle in shingles(normalized)])
    for computed in values:
        assert computed is not None and computed.dtype == np.uint32
        assert np.array_equal(computed, reference.hashvalues)


def test_short_texts_are_not_compared() -> None:
    assert HASHER.hashvalues("parcel smishing") is None


def test_a_reworded_copy_matches_with_its_score() -> None:
    index = NearDupIndex(threshold=0.6)
    index.add(signature("attack-pattern--1", TEXT))
    edited = TEXT.replace("text message", "SMS").replace("cloned courier site", "fake courier site")
    match = index.best_match(signature("attack-pattern--2", edited))
    assert match is not None and match.canonical_id == "attack-pattern--1"
    assert 0.6 <= match.score < 1.0


def test_guards_block_other_scopes_types_techniques_and_categories() -> None:
    index = NearDupIndex(threshold=0.5)
    index.add(signature("attack-pattern--1", TEXT, external_ids=frozenset({"T1660"}), category="fraud"))
    assert index.best_match(signature("attack-pattern--2", TEXT, scope="red#a")) is None
    assert index.best_match(signature("attack-pattern--3", TEXT, stix_type="report")) is None
    assert index.best_match(signature("attack-pattern--4", TEXT, external_ids=frozenset({"T1566"}))) is None
    assert index.best_match(signature("attack-pattern--5", TEXT, category="extortion")) is None
    match = index.best_match(signature("attack-pattern--6", TEXT, external_ids=frozenset({"T1660"})))
    assert match is not None and match.score == 1.0


def test_different_texts_score_low() -> None:
    other = "Offenders install ransomware on a hospital network through an exposed remote desktop service."
    first, second = HASHER.hashvalues(TEXT), HASHER.hashvalues(other * 2)
    assert first is not None and second is not None
    assert similarity(first, second) < 0.1


def test_labelled_corpus_precision_recall_and_false_merges() -> None:
    """Measured on the look-alike-heavy corpus (see corpus.py); the figures go to the report."""
    corpus = build_corpus()
    assert len(corpus) == 200
    strict = evaluate(0.9, corpus)
    default = evaluate(0.8, corpus)
    loose = evaluate(0.5, corpus)
    # Raising the threshold trades recall for precision, and false merges fall with it.
    assert strict.false_merges <= default.false_merges <= loose.false_merges
    assert loose.recall > default.recall
    assert default.precision > loose.precision
