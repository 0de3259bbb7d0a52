"""The MO concept vocabulary (an interlingua of MO concepts) and the overlap of concept sets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.enrichment.mo_evidence import ConceptFinder, default_finder, overlap

# One bank-impersonation "safe account" scheme, written in each language crimefeed reads.
SAFE_ACCOUNT = {
    "en": "A caller posing as a bank employee said her account had been hacked and told her to "
    "transfer her savings to a safe account.",
    "fr": "Un faux conseiller de la banque lui a dit que son compte était piraté et qu'elle devait "
    "virer ses économies vers un compte sécurisé.",
    "de": "Ein angeblicher Bankmitarbeiter behauptete, ihr Konto sei gehackt, und sie müsse ihr "
    "Erspartes auf ein Sicherheitskonto überweisen.",
    "es": "Un supuesto empleado del banco le dijo que su cuenta había sido hackeada y que debía "
    "traspasar sus ahorros a una cuenta segura.",
    "it": "Un finto operatore bancario le ha detto che il conto era stato hackerato e di trasferire "
    "i risparmi su un conto sicuro.",
    "nl": "Een zogenaamde bankmedewerker zei dat haar rekening was gehackt en dat ze haar spaargeld "
    "moest overmaken naar een veilige rekening.",
    "pl": "Mężczyzna podający się za pracownika banku powiedział, że konto zostało zhakowane, i "
    "kazał przelać oszczędności na bezpieczne konto.",
    "pt": "Um falso funcionário do banco disse-lhe que a conta foi invadida e que devia transferir "
    "as poupanças para uma conta segura.",
}
SAFE_ACCOUNT_CONCEPTS = {
    "actor:bank_staff",
    "pretext:account_threat",
    "ask:savings_transfer",
    "money:bank_transfer",
}
# Its look-alike: the same impersonation, but the card and PIN are collected at the door.
CARD_COURIER = (
    "A caller posing as a bank employee said her card had been cloned, asked for her PIN and sent "
    "a courier to collect the card at her home."
)


@pytest.mark.parametrize("language", sorted(SAFE_ACCOUNT))
def test_one_scheme_names_the_same_concepts_in_eight_languages(language: str) -> None:
    assert default_finder().concepts(SAFE_ACCOUNT[language]) >= SAFE_ACCOUNT_CONCEPTS


def test_a_look_alike_scheme_overlaps_less_than_a_translation() -> None:
    finder = default_finder()
    facets = finder.overlap_facets
    english = finder.concepts(SAFE_ACCOUNT["en"])
    translations = [finder.concepts(text) for language, text in SAFE_ACCOUNT.items() if language != "en"]
    courier = finder.concepts(CARD_COURIER)
    assert {"ask:pin", "tool:courier_collection", "pretext:card_threat"} <= courier
    assert all(overlap(english, other, facets) > overlap(english, courier, facets) for other in translations)


def test_the_vocabulary_names_its_facet_lists() -> None:
    finder = default_finder()
    assert finder.agreement_facets == ("channel", "lure", "payment")
    assert {"actor", "pretext", "ask", "tool", "money"} <= set(finder.overlap_facets)


def test_a_facet_list_naming_an_unknown_facet_is_refused() -> None:
    data = {"version": "1", "facets": {"channel": {"sms": ["sms"]}}, "overlap_facets": ["lure"]}
    with pytest.raises(ValueError, match="overlap_facets"):
        ConceptFinder(data)


def test_polish_l_with_stroke_reads_as_l() -> None:
    finder = ConceptFinder({"version": "1", "facets": {"money": {"transfer": ["przelal"]}}})
    assert finder.concepts("Przełał pieniądze") == {"money:transfer"}


CONCEPTS = st.frozensets(
    st.sampled_from(["actor:bank", "actor:police", "ask:pin", "ask:cash", "channel:sms", "lure:parcel"]),
    max_size=6,
)
FACETS = ("actor", "ask", "channel")


@given(CONCEPTS, CONCEPTS)
def test_overlap_is_a_symmetric_cosine_over_the_chosen_facets(
    first: frozenset[str], second: frozenset[str]
) -> None:
    value = overlap(first, second, FACETS)
    assert value == overlap(second, first, FACETS)
    assert 0.0 <= value <= 1.0 + 1e-12
    assert overlap(first, second, ()) == 0.0
    # Concepts of other facets ("lure") change nothing.
    assert value == overlap(first | {"lure:parcel"}, second, FACETS)
    if any(concept.split(":")[0] in FACETS for concept in first):
        assert overlap(first, first, FACETS) == pytest.approx(1.0)
