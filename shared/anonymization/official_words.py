"""The words of official paperwork (courts, prosecutors, registries, customs, company forms) that
make a capitalized run a body or a heading, in the forms a run's words take when lower-cased."""

from __future__ import annotations

# Python lower-cases Turkish and Azerbaijani capitals by the default rule: "I" becomes "i" (not
# "ı") and "İ" becomes "i" with a combining dot above.
_DOT_ABOVE = "\u0307"


def capital_forms(word: str) -> set[str]:
    """A lowercase word and what str.lower() gives for it written in capitals
    ("başsavcılığı" in a heading "BAŞSAVCILIĞI" reads "başsavciliği"; "cumhuriyet" written
    "CUMHURİYET" reads "cumhuri̇yet")."""
    folded = word.upper().lower()
    forms = {word, folded}
    if any(ch in word for ch in "ıəğşçöü"):
        forms.add(folded.replace("i", "i" + _DOT_ABOVE))
        forms.add(word.replace("i", "i" + _DOT_ABOVE).replace("ı", "i"))
    return forms


def legal_body_words(listed: str) -> frozenset[str]:
    """The listed words (whitespace-separated, lowercase) with their forms written in capitals."""
    return frozenset(form for word in listed.split() for form in capital_forms(word))
