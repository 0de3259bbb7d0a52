"""Shared fixtures and strategies: one TextAnonymizer per session (it loads name lexicons)."""

from __future__ import annotations

import pytest
from hypothesis import strategies as st

from shared.anonymization.text import TextAnonymizer

# Lowercase filler without names, cue words (parties.yaml's too) or numbers: what surrounds a
# planted value.
FILLER_WORDS = " ".join(
    (
        "the parcel was delivered late and then a notice arrived asking for a small fee to be settled "
        "quickly through a link several customers reported similar visits of people hoping to work "
        "for the delivery company in the evening after which savings left their accounts",
    )
).split()

filler = st.lists(st.sampled_from(FILLER_WORDS), min_size=0, max_size=12).map(" ".join)


@pytest.fixture(scope="session")
def anonymizer() -> TextAnonymizer:
    return TextAnonymizer()


def plant(before: str, value: str, after: str) -> str:
    return f"{before} {value} {after}".strip()
