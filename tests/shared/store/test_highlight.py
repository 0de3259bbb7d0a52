from hypothesis import given
from hypothesis import strategies as st

from shared.store.highlight import MATCH_END, MATCH_START, safe_highlight


def test_marks_matches_and_escapes_the_rest() -> None:
    fragment = f"<b>x</b> {MATCH_START}fee{MATCH_END} & 'more'"
    assert safe_highlight(fragment) == "&lt;b&gt;x&lt;/b&gt; <mark>fee</mark> &amp; &#x27;more&#x27;"


def test_unbalanced_sentinels_still_give_balanced_marks() -> None:
    assert safe_highlight(f"{MATCH_END}a{MATCH_START}b{MATCH_START}c") == "a<mark>bc</mark>"


@given(st.text())
def test_only_mark_tags_come_out(text: str) -> None:
    out = safe_highlight(text).replace("<mark>", "").replace("</mark>", "")
    assert "<" not in out and ">" not in out and '"' not in out
