"""Crime-category inference: the rule engine, the rule data, and examples in four languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from services.enrichment.category import (
    DATA_DIR,
    RULES_FILE,
    CategoryClassifier,
    Rule,
    WeightedRules,
    default_classifier,
    expand_pattern,
    infer_category,
    normalize_text,
)

RULES = yaml.safe_load((DATA_DIR / RULES_FILE).read_text(encoding="utf-8"))
ALL_PATTERNS = [
    (category, pattern)
    for category, strengths in RULES["categories"].items()
    for patterns in strengths.values()
    for pattern in patterns
]


def test_normalize_text_folds_case_accents_and_apostrophes() -> None:
    assert normalize_text("Rançongiciel") == "rancongiciel"
    assert normalize_text("ÜBERWEISUNG") == "uberweisung"
    assert normalize_text("Straße") == "strasse"
    assert normalize_text("l’hameçonnage") == "l'hameconnage"
    assert normalize_text("plain ascii") == "plain ascii"


def test_expand_pattern_distributes_leading_groups() -> None:
    assert sorted(expand_pattern("(?:fake|false) police")) == ["fake police", "false police"]
    assert sorted(expand_pattern("(?:posing )?as police")) == ["as police", "posing as police"]
    assert sorted(expand_pattern("a|(?:b|c)d")) == ["a", "bd", "cd"]
    with pytest.raises(ValueError):
        expand_pattern(".*fraud")
    with pytest.raises(ValueError):
        expand_pattern("(?:ab)+c")


def test_weighted_rules_reject_capturing_groups() -> None:
    with pytest.raises(ValueError, match="capturing group"):
        WeightedRules([Rule("x", 1.0, "(fraud)")])


@pytest.mark.parametrize(("category", "pattern"), ALL_PATTERNS)
def test_every_rule_pattern_is_well_formed(category: str, pattern: str) -> None:
    assert isinstance(pattern, str), category
    compiled = re.compile(pattern)
    assert compiled.groups == 0
    # Patterns are matched against case-folded, accent-free text: an uppercase letter (outside
    # an escape such as \b) or an accent could never match.
    assert not re.search(r"(?<!\\)[A-Z]", pattern), pattern
    assert normalize_text(pattern) == pattern.lower() or pattern.isascii(), pattern
    assert expand_pattern(pattern)


def test_rule_file_lists_every_category_with_known_strengths() -> None:
    assert RULES["default"] == "other"
    for category, strengths in RULES["categories"].items():
        assert set(strengths) <= set(RULES["weights"]), category


def test_bad_rule_data_is_refused() -> None:
    data = {"version": "t", "default": "other", "weights": {"strong": 3}, "saturation": 4.0}
    with pytest.raises(ValueError, match="list of strings"):
        CategoryClassifier.from_mapping({**data, "categories": {"x": {"strong": [{"a": "b"}]}}})
    with pytest.raises(ValueError, match="unknown strength"):
        CategoryClassifier.from_mapping({**data, "categories": {"x": {"mild": ["fraud"]}}})


_RULES = [Rule(c, 1.0, normalize_text(p)) for c, p in ALL_PATTERNS]
_ENGINE = WeightedRules(_RULES)


_WORDS = [*(p for _, p in ALL_PATTERNS[::3]), "the", "a", "de", "und", "-", "."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=12))
def test_property_indexed_matching_equals_plain_search(words: list[str]) -> None:
    """The trie-indexed scan finds exactly the rules a plain per-pattern search finds."""
    classifier = default_classifier()
    # Build text from literal examples of the patterns: strip regex syntax to get words.
    text = normalize_text(" ".join(re.sub(r"[()?:|\\\[\]*+]", " ", w) for w in words))
    expected = {i for i, rule in enumerate(_RULES) if re.search(rf"\b(?:{rule.pattern})", text)}
    assert _ENGINE.matched(text) == expected
    assert classifier.classify(text) == classifier.classify(text)


EXAMPLES = [
    ("phishing", "Victims received an SMS about a parcel redelivery fee with a link to a fake payment page."),
    (
        "phishing",
        "Campagne d'hameçonnage : de faux courriels renvoient vers une fausse page de connexion.",
    ),
    ("phishing", "Phishing-Mails mit einem Link zu einer gefälschten Anmeldeseite der Bank."),
    ("ransomware", "Rançongiciel : les fichiers des serveurs ont été chiffrés et une rançon demandée."),
    ("ransomware", "Erpressungstrojaner verschlüsselte alle Server; Losegeld in Bitcoin gefordert."),
    ("ransomware", "Ransomware encrypted the file servers after the backups were deleted."),
    (
        "business-email-compromise",
        "Fraude au président : un faux directeur demande un virement urgent et confidentiel.",
    ),
    (
        "business-email-compromise",
        "CEO fraud: a spoofed e-mail asked the finance department to pay a supplier invoice to a new IBAN.",
    ),
    (
        "investment-fraud",
        "Plataforma de trading falsa con rentabilidad garantizada; los retiros nunca se pagan.",
    ),
    ("investment-fraud", "Anlagebetrug über eine gefälschte Trading-Plattform mit garantierter Rendite."),
    (
        "romance-scam",
        "Estafa romántica: un perfil falso en una aplicación de citas pidió dinero para una emergencia.",
    ),
    (
        "romance-scam",
        "Arnaque aux sentiments sur un site de rencontre ; le faux militaire demande de l'argent.",
    ),
    (
        "card-fraud",
        "Stolen card details were enrolled into Apple Pay wallets and used for contactless purchases.",
    ),
    ("card-fraud", "Skimming an Geldautomaten: Kartendaten kopiert und Kreditkartenbetrug im Ausland."),
    (
        "money-mule",
        "Students recruited by fake job offers receive fraud proceeds and forward them for a commission.",
    ),
    ("money-mule", "Reclutamiento de mulas de dinero con ofertas de empleo para blanqueo de capitales."),
    ("malware", "A banking trojan delivered as a malicious APK abuses the accessibility service."),
    (
        "malware",
        "Logiciel malveillant : un cheval de troie bancaire installé via une application malveillante.",
    ),
    ("ddos", "A DDoS attack with a UDP flood took the bank's website offline."),
    ("ddos", "Ataque de denegación de servicio contra las webs de los ayuntamientos."),
    (
        "account-takeover",
        "Credential stuffing led to account takeover; the offenders changed the recovery e-mail.",
    ),
    (
        "account-takeover",
        "Kontoübernahme: gestohlene Zugangsdaten wurden genutzt, die Konten wurden übernommen.",
    ),
    ("sim-swapping", "SIM swap: the offender obtained a replacement SIM from the mobile operator."),
    ("sim-swapping", "Duplicado de la tarjeta SIM solicitado al operador móvil con un DNI falso."),
    (
        "cryptocurrency-fraud",
        "Fake crypto giveaway asking victims for their seed phrase; wallet drainer emptied the funds.",
    ),
    ("sextortion", "Sextortion: the offender threatened to share intimate images unless paid."),
    (
        "sextortion",
        "Chantage à la webcam : menace de diffuser des vidéos intimes aux contacts de la victime.",
    ),
    (
        "tech-support-scam",
        "Fake Microsoft support pop-up; the victim installed AnyDesk and paid for a bogus repair.",
    ),
    (
        "tech-support-scam",
        "Falsche Microsoft-Mitarbeiter riefen an und verlangten Fernzugriff auf den Computer.",
    ),
    ("fraud", "Fake online shop: goods were never delivered after payment by bank transfer."),
    ("fraud", "Enkeltrick: angebliche Enkel fordern Geld von älteren Menschen."),
]


@pytest.mark.parametrize(("expected", "text"), EXAMPLES)
def test_examples_in_several_languages(expected: str, text: str) -> None:
    category, confidence = infer_category(text)
    assert category == expected, (text, default_classifier().scores(text))
    assert 0.0 < confidence <= 1.0


def test_no_clue_gives_the_default_with_zero_confidence() -> None:
    assert infer_category("The weather was pleasant on Tuesday.") == ("other", 0.0)
    assert infer_category("") == ("other", 0.0)


def test_confidence_grows_with_evidence_and_dominance() -> None:
    _, weak = infer_category("a scam")
    _, strong = infer_category("Ransomware: LockBit encrypted the servers; ransom note and leak site.")
    _, mixed = infer_category("Ransomware and a phishing e-mail and a DDoS attack.")
    assert 0 < weak < strong
    assert mixed < strong


def test_ties_go_to_the_category_listed_first() -> None:
    data = {
        "version": "t",
        "default": "other",
        "weights": {"strong": 3},
        "saturation": 4.0,
        "categories": {"specific": {"strong": ["alpha"]}, "generic": {"strong": ["beta"]}},
    }
    classifier = CategoryClassifier.from_mapping(data)
    assert classifier.classify("beta alpha")[0] == "specific"
    assert classifier.classify("beta")[0] == "generic"


def test_a_pattern_counts_once_however_often_it_appears() -> None:
    classifier = default_classifier()
    assert classifier.scores("ransomware") == classifier.scores("ransomware ransomware ransomware")


def test_classifier_loads_from_a_data_directory(tmp_path: Path) -> None:
    (tmp_path / RULES_FILE).write_text((DATA_DIR / RULES_FILE).read_text(encoding="utf-8"), encoding="utf-8")
    assert default_classifier(tmp_path).classify("ddos flood") == default_classifier().classify("ddos flood")
