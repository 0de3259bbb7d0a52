"""The hand-written held-out anonymization sets are usable: every planted and kept value is in its
text, kinds are the anonymizer's, and the two halves split it without overlap."""

from __future__ import annotations

import json

import pytest

from bench.anonymizer_heldout import HELD_OUT_SETS, in_half, sample
from shared.anonymization import detectors

KINDS = {
    detectors.PERSON,
    detectors.ADDRESS,
    detectors.PHONE,
    detectors.EMAIL,
    detectors.NATIONAL_ID,
    detectors.IBAN,
    detectors.CARD,
    detectors.DATE_OF_BIRTH,
    detectors.HANDLE,
}
TEXTS = [
    entry
    for path in HELD_OUT_SETS.values()
    for entry in json.loads(path.read_text(encoding="utf-8"))["texts"]
]


@pytest.mark.parametrize("entry", TEXTS, ids=[entry["id"] for entry in TEXTS])
def test_planted_and_kept_values_are_in_the_text(entry: dict[str, object]) -> None:
    built = sample(entry)  # type: ignore[arg-type]
    assert {value.kind for value in built.planted} <= KINDS
    assert len(built.planted) >= len(entry["pii"])  # type: ignore[arg-type]
    assert all(built.text[d.start : d.end] for d in built.decoys)


def test_ids_are_unique_across_the_sets() -> None:
    assert len({entry["id"] for entry in TEXTS}) == len(TEXTS)


@pytest.mark.parametrize("name", sorted(HELD_OUT_SETS))
def test_halves_split_the_set(name: str) -> None:
    texts = json.loads(HELD_OUT_SETS[name].read_text(encoding="utf-8"))["texts"]
    dev = {entry["id"] for entry in texts if in_half(entry, "dev")}
    test = {entry["id"] for entry in texts if in_half(entry, "test")}
    assert dev and test and not dev & test and dev | test == {entry["id"] for entry in texts}


def test_a_value_missing_from_its_text_is_refused() -> None:
    entry = {
        "id": "h-9999",
        "lang": "en",
        "text": "nothing here",
        "pii": [{"value": "Jane Roe", "kind": "PERSON", "script": "latin"}],
    }
    with pytest.raises(ValueError, match="h-9999"):
        sample(entry)
