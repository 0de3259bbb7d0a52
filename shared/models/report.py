"""The MO report: the JSON shape partners submit (docs/architecture.md, "The data model").

Validation errors name the offending field, so the producers' API can answer 422 with a
message a partner can act on. Unknown top-level fields are ignored so that later optional
fields never break older producers.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class TLP(StrEnum):
    CLEAR = "clear"
    GREEN = "green"
    AMBER = "amber"
    AMBER_STRICT = "amber+strict"
    RED = "red"


class IndicatorType(StrEnum):
    DOMAIN_NAME = "domain-name"
    URL = "url"
    IPV4_ADDR = "ipv4-addr"
    IPV6_ADDR = "ipv6-addr"
    EMAIL_ADDR = "email-addr"
    MD5 = "md5"
    SHA1 = "sha1"
    SHA256 = "sha256"
    CRYPTOCURRENCY_WALLET = "cryptocurrency-wallet"
    PHONE_NUMBER = "phone-number"


class IndicatorRole(StrEnum):
    OFFENDER = "offender"
    VICTIM = "victim"


NonEmptyText = Annotated[str, Field(min_length=1, max_length=20_000)]


class ModusOperandiStep(BaseModel):
    model_config = ConfigDict(extra="ignore")

    description: NonEmptyText
    technique_id: Annotated[str | None, Field(pattern=r"^(T\d{4}(\.\d{3})?|CAPEC-\d+)$")] = None


class ReportedIndicator(BaseModel):
    model_config = ConfigDict(extra="ignore")

    type: IndicatorType
    value: Annotated[str, Field(min_length=1, max_length=2048)]
    role: IndicatorRole = IndicatorRole.OFFENDER

    @field_validator("value")
    @classmethod
    def strip_value(cls, value: str) -> str:
        return value.strip()


class Losses(BaseModel):
    model_config = ConfigDict(extra="ignore")

    amount: Annotated[float, Field(ge=0)]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class Victims(BaseModel):
    model_config = ConfigDict(extra="ignore")

    count: Annotated[int | None, Field(ge=0)] = None
    losses: Losses | None = None


class Submitter(BaseModel):
    """Who submitted. Dropped at the edge: only a keyed pseudonym of the partner survives."""

    model_config = ConfigDict(extra="ignore")

    organization: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None


class MOReport(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    title: Annotated[str, Field(min_length=1, max_length=500)]
    narrative: Annotated[str, Field(max_length=100_000)] = ""
    crime_category: Annotated[str | None, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)] = None
    modus_operandi: list[ModusOperandiStep] = Field(default_factory=list, max_length=200)
    indicators: list[ReportedIndicator] = Field(default_factory=list, max_length=5_000)
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    country: Annotated[str | None, Field(pattern=r"^[A-Z]{2}$")] = None
    sectors: list[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]] = Field(
        default_factory=list, max_length=50
    )
    victims: Victims | None = None
    tlp: TLP = TLP.AMBER
    recipients: list[Annotated[str, Field(min_length=1, max_length=128)]] = Field(default_factory=list)
    submitter: Submitter | None = None

    @field_validator("first_seen", "last_seen")
    @classmethod
    def require_timezone(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("timestamp must carry a timezone, e.g. 2026-10-01T00:00:00Z")
        return value

    @model_validator(mode="after")
    def check_consistency(self) -> MOReport:
        if self.first_seen and self.last_seen and self.last_seen < self.first_seen:
            raise ValueError("last_seen is before first_seen")
        if self.tlp is TLP.RED and not self.recipients:
            raise ValueError("tlp 'red' requires at least one partner id in 'recipients'")
        return self
