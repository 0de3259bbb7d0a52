"""The demo data set's data files, loaded and checked: MO scenarios (scenarios.yaml) and demo
partners and victims' countries (partners.yaml).

The texts are data; this module only gives them types and refuses a file that the generator
could not use (unknown placeholder, too few templates or MO steps, a look-alike that does not
exist), naming the scenario at fault.
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from shared.data_files import parse_yaml
from shared.models.report import TLP, IndicatorType

# Placeholders a template may use, by what they stand for.
PERSONAL_PLACEHOLDERS: dict[str, str] = {
    # placeholder -> kind of personal data (the anonymizer's placeholder names)
    "victim": "PERSON",
    "mule": "PERSON",
    "victim_email": "EMAIL",
    "victim_phone": "PHONE",
    "iban": "IBAN",
    "card": "CARD",
    "address": "ADDRESS",
    "dob": "DATE-OF-BIRTH",
}
INTELLIGENCE_PLACEHOLDERS = ("domain", "url", "ip", "offender_email", "offender_phone", "wallet", "sha256")
FIGURE_PLACEHOLDERS = ("count", "amount", "currency")
KNOWN_PLACEHOLDERS = frozenset((*PERSONAL_PLACEHOLDERS, *INTELLIGENCE_PLACEHOLDERS, *FIGURE_PLACEHOLDERS))

# Offender indicator type -> the placeholder whose value it reports.
OFFENDER_INDICATOR_SOURCES: dict[IndicatorType, str] = {
    IndicatorType.DOMAIN_NAME: "domain",
    IndicatorType.URL: "url",
    IndicatorType.IPV4_ADDR: "ip",
    IndicatorType.EMAIL_ADDR: "offender_email",
    IndicatorType.PHONE_NUMBER: "offender_phone",
    IndicatorType.CRYPTOCURRENCY_WALLET: "wallet",
    IndicatorType.SHA256: "sha256",
}
VICTIM_INDICATOR_SOURCES: dict[IndicatorType, str] = {
    IndicatorType.EMAIL_ADDR: "victim_email",
    IndicatorType.PHONE_NUMBER: "victim_phone",
}

DATA_DIR = Path(__file__).resolve().parent

Language = Literal["en", "fr", "de", "es"]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Range = tuple[Annotated[int, Field(ge=0)], Annotated[int, Field(ge=0)]]


def template_fields(template: str) -> list[str]:
    """The placeholder names a template uses, in order of first appearance."""
    names: list[str] = []
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None and name not in names:
            names.append(name)
    return names


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StepSpec(_Frozen):
    technique: Annotated[str | None, Field(pattern=r"^(T\d{4}(\.\d{3})?|CAPEC-\d+)$")] = None
    text: tuple[str, str]  # two phrasings of the same step


class TextTemplate(_Frozen):
    title: str
    narrative: str
    gender: Literal["female", "male"] | None = None  # of {victim} / {mule} where the text says so

    @field_validator("title", "narrative")
    @classmethod
    def known_placeholders_only(cls, value: str) -> str:
        unknown = [name for name in template_fields(value) if name not in KNOWN_PLACEHOLDERS]
        if unknown:
            raise ValueError(f"unknown placeholders {unknown}; known: {sorted(KNOWN_PLACEHOLDERS)}")
        return " ".join(value.split())


class TemplateRef(_Frozen):
    """One template of a scenario: its language and its index within that language."""

    language: Language
    index: int

    @property
    def template_id(self) -> str:
        return f"{self.language}#{self.index}"


class ScenarioSpec(_Frozen):
    id: Slug
    category: Slug
    look_alike: Slug | None = None
    sectors: Annotated[list[Slug], Field(min_length=1)]
    victims: Range
    loss_per_victim: Range
    domains: Annotated[list[str], Field(min_length=1)]
    url_path: str = "/"
    email_local: str = "contact"
    wallet: Literal["btc", "eth", "trx"] | None = None
    indicators: Annotated[list[IndicatorType], Field(min_length=1)]
    victim_indicators: list[IndicatorType] = Field(default_factory=list)
    steps: Annotated[list[StepSpec], Field(min_length=2, max_length=4)]
    texts: dict[Language, list[TextTemplate]]

    @model_validator(mode="after")
    def check_usable(self) -> ScenarioSpec:
        if sum(len(templates) for templates in self.texts.values()) < 2:
            raise ValueError(
                f"scenario {self.id!r} needs at least two templates (reworded duplicates use another)"
            )
        if any(kind not in OFFENDER_INDICATOR_SOURCES for kind in self.indicators):
            raise ValueError(
                f"scenario {self.id!r}: offender indicators must be in {list(OFFENDER_INDICATOR_SOURCES)}"
            )
        if any(kind not in VICTIM_INDICATOR_SOURCES for kind in self.victim_indicators):
            raise ValueError(
                f"scenario {self.id!r}: victim indicator types must be among {list(VICTIM_INDICATOR_SOURCES)}"
            )
        if IndicatorType.CRYPTOCURRENCY_WALLET in self.indicators and self.wallet is None:
            raise ValueError(f"scenario {self.id!r} reports a wallet indicator but sets no 'wallet' kind")
        if self.victims[0] > self.victims[1] or self.loss_per_victim[0] > self.loss_per_victim[1]:
            raise ValueError(f"scenario {self.id!r}: ranges must be [low, high]")
        return self

    def template_refs(self) -> list[TemplateRef]:
        return [
            TemplateRef(language=language, index=index)
            for language, templates in self.texts.items()
            for index in range(len(templates))
        ]

    def template(self, ref: TemplateRef) -> TextTemplate:
        return self.texts[ref.language][ref.index]


class PartnerSpec(_Frozen):
    partner_id: Annotated[str, Field(min_length=1, max_length=128)]
    organization: str
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    max_tlp: TLP
    languages: Annotated[list[Language], Field(min_length=1)]
    countries: Annotated[list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]], Field(min_length=1)]
    locale: str
    email_domain: str
    csv: bool = False


class CountrySpec(_Frozen):
    name_locales: Annotated[list[str], Field(min_length=1)]
    address_locale: str
    iban_locale: str
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class Catalog(_Frozen):
    scenarios: Annotated[list[ScenarioSpec], Field(min_length=1)]
    partners: Annotated[list[PartnerSpec], Field(min_length=2)]
    countries: dict[str, CountrySpec]
    foreign_script_name_locales: Annotated[list[str], Field(min_length=1)]

    @model_validator(mode="after")
    def check_references(self) -> Catalog:
        ids = [scenario.id for scenario in self.scenarios]
        if len(set(ids)) != len(ids):
            raise ValueError("scenario ids must be unique")
        for scenario in self.scenarios:
            if scenario.look_alike is not None and scenario.look_alike not in ids:
                raise ValueError(
                    f"scenario {scenario.id!r}: look_alike {scenario.look_alike!r} is not a scenario"
                )
        partner_ids = [partner.partner_id for partner in self.partners]
        if len(set(partner_ids)) != len(partner_ids):
            raise ValueError("partner ids must be unique")
        if sum(partner.csv for partner in self.partners) > 1:
            raise ValueError("at most one partner may have its demo file written as CSV")
        for partner in self.partners:
            missing = [code for code in partner.countries if code not in self.countries]
            if missing:
                raise ValueError(f"partner {partner.partner_id!r}: countries {missing} are not described")
        return self

    def scenario(self, scenario_id: str) -> ScenarioSpec:
        for scenario in self.scenarios:
            if scenario.id == scenario_id:
                return scenario
        raise KeyError(scenario_id)


def _read_yaml(name: str) -> dict[str, Any]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    data = parse_yaml(text)
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping at the top level")
    return data


@cache
def load_catalog() -> Catalog:
    """The demo scenarios, partners and countries, read once per process."""
    scenarios = _read_yaml("scenarios.yaml")
    partners = _read_yaml("partners.yaml")
    return Catalog.model_validate(
        {
            "scenarios": scenarios.get("scenarios"),
            "partners": partners.get("partners"),
            "countries": partners.get("countries"),
            "foreign_script_name_locales": partners.get("foreign_script_name_locales"),
        }
    )
