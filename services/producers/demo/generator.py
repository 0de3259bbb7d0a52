"""The demo data set: realistic MO reports from a handful of demo partners, with ground truth.

`generate_demo_set(seed, size)` builds `size` MO reports (docs/architecture.md, "The data model") from the
scenarios in scenarios.yaml and the partners in partners.yaml. It is deterministic for a seed.
Each submission carries its ground truth: the scenario (and so the crime category, even where the
report omits it), the variant, the template used, what duplicates what, and the personal data
planted in its narrative, so that anonymization, dedup and tagging can be measured against it.

- variant "original": a partner reports a scenario in one of its languages;
- "exact-duplicate" (~10%): the same partner submits the very same report again;
- "reworded" (~25%): another partner reports the same campaign (same offender infrastructure)
  with another template, often in another language, another phrasing of the MO steps and its own
  victims. Look-alike scenarios (e.g. parcel vs. bank smishing) are different scenarios on purpose.

All offender infrastructure is reserved or fake: *.example / *.test domains, documentation IPs
(192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24), phone numbers from ranges reserved for fiction,
wallet-looking random strings. Personal data comes from Faker and phonenumbers' example ranges.

`write_demo_files(directory, demo)` writes the set as files that `crimefeed import` accepts, one
file per partner, named `<partner_id>.json` (a JSON list of MO reports) except for the partner
marked `csv: true` in partners.yaml, whose reports go to `<partner_id>.csv` instead (so importing
the whole directory submits every report once). Import each with `--partner <partner_id>`.

CSV convention (the importer's, services/producers/importer.py): a header row, then one report
per row; the columns are the report's fields, `title, narrative, crime_category, modus_operandi,
indicators, first_seen, last_seen, country, sectors, victims, tlp, recipients, submitter`;
`sectors` and `recipients` are `;`-separated lists; `modus_operandi`, `indicators`, `victims` and
`submitter` hold compact JSON; an empty cell means the field is absent. UTF-8, RFC 4180 quoting.
"""

from __future__ import annotations

import copy
import csv
import json
import random
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal

import phonenumbers
from faker import Faker

from services.producers.demo.catalog import (
    OFFENDER_INDICATOR_SOURCES,
    PERSONAL_PLACEHOLDERS,
    VICTIM_INDICATOR_SOURCES,
    Catalog,
    CountrySpec,
    Language,
    PartnerSpec,
    ScenarioSpec,
    TemplateRef,
    load_catalog,
    template_fields,
)
from shared.models.report import TLP, MOReport

Variant = Literal["original", "exact-duplicate", "reworded"]

EXACT_DUPLICATE_SHARE = 0.10
REWORDED_SHARE = 0.25
OMIT_CATEGORY_SHARE = 0.15
FOREIGN_SCRIPT_NAME_SHARE = 0.10
VICTIM_INDICATOR_SHARE = 0.40
OMIT_VICTIMS_SHARE = 0.08
CONTACTS_PER_PARTNER = 3
TLP_WEIGHTS: dict[TLP, float] = {
    TLP.CLEAR: 0.10,
    TLP.GREEN: 0.36,
    TLP.AMBER: 0.34,
    TLP.AMBER_STRICT: 0.13,
    TLP.RED: 0.07,
}
TLP_ORDER = (TLP.CLEAR, TLP.GREEN, TLP.AMBER, TLP.AMBER_STRICT, TLP.RED)
YEAR_START = datetime(2026, 1, 1, tzinfo=UTC)
YEAR_END = datetime(2026, 12, 31, 23, 0, tzinfo=UTC)
DOCUMENTATION_NETS = ("192.0.2", "198.51.100", "203.0.113")
TOKEN_ALPHABET = string.ascii_lowercase + string.digits
BECH32_ALPHABET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
CSV_COLUMNS = (
    "title",
    "narrative",
    "crime_category",
    "modus_operandi",
    "indicators",
    "first_seen",
    "last_seen",
    "country",
    "sectors",
    "victims",
    "tlp",
    "recipients",
    "submitter",
)
CSV_LIST_COLUMNS = frozenset(("sectors", "recipients"))


@dataclass(frozen=True)
class DemoPartner:
    partner_id: str
    organization: str
    country: str
    max_tlp: str
    file_format: Literal["json", "csv"] = "json"


@dataclass(frozen=True)
class DemoScenario:
    """Ground truth about a scenario: its category and the look-alike it must not be merged with."""

    scenario_id: str
    category: str
    look_alike: str | None
    title: str


@dataclass(frozen=True)
class DemoSubmission:
    partner_id: str
    report: dict[str, Any]
    scenario_id: str
    variant: Variant
    language: str
    submission_id: str = ""
    category: str = ""  # the scenario's crime category, also where the report omits it
    template_id: str = ""  # "<language>#<index>" of the title/narrative template used
    duplicate_of: str | None = None  # submission_id of the report this one duplicates or rewords
    planted_pii: list[tuple[str, str]] = field(default_factory=list)  # (kind, value) in the narrative


@dataclass(frozen=True)
class DemoSet:
    seed: int
    submissions: list[DemoSubmission]
    partners: list[DemoPartner]
    scenarios: list[DemoScenario]

    def reports_of(self, partner_id: str) -> list[dict[str, Any]]:
        return [s.report for s in self.submissions if s.partner_id == partner_id]

    def submission(self, submission_id: str) -> DemoSubmission:
        for submission in self.submissions:
            if submission.submission_id == submission_id:
                return submission
        raise KeyError(submission_id)


# --- generation ------------------------------------------------------------------------------


@dataclass
class _Draft:
    """A submission being built; ids and order are fixed once all drafts exist."""

    partner: PartnerSpec
    scenario: ScenarioSpec
    variant: Variant
    language: Language
    template: TemplateRef
    phrasing: int
    intel: dict[str, str]
    report: dict[str, Any]
    planted: list[tuple[str, str]]
    position: float
    parent: _Draft | None = None


@dataclass(frozen=True)
class _Plan:
    """What a new report is about: scenario, reporting partner, wording and campaign."""

    scenario: ScenarioSpec
    partner: PartnerSpec
    variant: Variant
    template: TemplateRef
    phrasing: int  # which phrasing of the MO steps
    intel: dict[str, str]  # the campaign's offender infrastructure
    window: tuple[datetime, datetime]  # first_seen, last_seen
    offender_kinds: Sequence[str]  # offender indicator types reported
    position: float  # where the submission falls in the submitted order


@dataclass(frozen=True)
class _Contact:
    name: str
    email: str


def generate_demo_set(seed: int = 7, size: int = 240) -> DemoSet:
    """`size` demo MO reports from the demo partners; the same seed gives the same set."""
    if size < 1:
        raise ValueError("size must be at least 1")
    catalog = load_catalog()
    builder = _Builder(catalog, random.Random(seed))
    n_exact = round(size * EXACT_DUPLICATE_SHARE)
    n_reworded = round(size * REWORDED_SHARE)
    originals = [
        builder.original(s, i) for i, s in enumerate(builder.scenario_sequence(size - n_exact - n_reworded))
    ]
    reworded = [
        builder.reworded(builder.rng.choice(originals)) for _ in range(n_reworded if originals else 0)
    ]
    exact = [builder.exact_duplicate(builder.rng.choice(originals + reworded)) for _ in range(n_exact)]
    submissions = _finalize(sorted(originals + reworded + exact, key=lambda d: d.position))
    for submission in submissions:
        MOReport.model_validate(submission.report)  # a generator bug must not reach a demo
    return DemoSet(
        seed=seed,
        submissions=submissions,
        partners=_demo_partners(catalog),
        scenarios=_demo_scenarios(catalog),
    )


def _demo_partners(catalog: Catalog) -> list[DemoPartner]:
    return [
        DemoPartner(p.partner_id, p.organization, p.country, p.max_tlp.value, "csv" if p.csv else "json")
        for p in catalog.partners
    ]


def _demo_scenarios(catalog: Catalog) -> list[DemoScenario]:
    return [
        DemoScenario(s.id, s.category, s.look_alike, s.template(s.template_refs()[0]).title)
        for s in catalog.scenarios
    ]


def _finalize(drafts: list[_Draft]) -> list[DemoSubmission]:
    ids = {id(draft): f"demo-{number:04d}" for number, draft in enumerate(drafts, start=1)}
    return [
        DemoSubmission(
            partner_id=d.partner.partner_id,
            report=d.report,
            scenario_id=d.scenario.id,
            variant=d.variant,
            language=d.language,
            submission_id=ids[id(d)],
            category=d.scenario.category,
            template_id=d.template.template_id,
            duplicate_of=ids[id(d.parent)] if d.parent else None,
            planted_pii=list(d.planted),
        )
        for d in drafts
    ]


class _Builder:
    def __init__(self, catalog: Catalog, rng: random.Random) -> None:
        self.catalog = catalog
        self.rng = rng
        self.contacts = {p.partner_id: _partner_contacts(p, rng) for p in catalog.partners}

    def scenario_sequence(self, count: int) -> list[ScenarioSpec]:
        """Every scenario in turn (shuffled each round), so all of them appear in a large set."""
        sequence: list[ScenarioSpec] = []
        while len(sequence) < count:
            round_ = list(self.catalog.scenarios)
            self.rng.shuffle(round_)
            sequence.extend(round_)
        return sequence[:count]

    def original(self, scenario: ScenarioSpec, position: int) -> _Draft:
        rng = self.rng
        partner = rng.choice(self.catalog.partners)
        language = rng.choice(partner.languages)
        template = rng.choice(_refs_in(scenario, [language]) or scenario.template_refs())
        first_seen = YEAR_START + timedelta(days=rng.randint(0, 318), hours=rng.randint(0, 23))
        last_seen = min(first_seen + timedelta(days=rng.randint(0, 75), hours=rng.randint(0, 23)), YEAR_END)
        plan = _Plan(
            scenario,
            partner,
            "original",
            template,
            rng.randrange(2),
            _intel(scenario, rng),
            (first_seen, last_seen),
            list(scenario.indicators),
            float(position),
        )
        return self._compose(plan)

    def reworded(self, original: _Draft) -> _Draft:
        """The same campaign reported by another partner, in other words."""
        rng = self.rng
        partner = rng.choice(
            [p for p in self.catalog.partners if p.partner_id != original.partner.partner_id]
        )
        others = [ref for ref in original.scenario.template_refs() if ref != original.template]
        template = rng.choice([ref for ref in others if ref.language in partner.languages] or others)
        first, last = (datetime.fromisoformat(original.report[key]) for key in ("first_seen", "last_seen"))
        shift = timedelta(days=rng.randint(-14, 21))
        window = (_clamp(first + shift), _clamp(last + shift + timedelta(days=rng.randint(0, 20))))
        offender = list(original.scenario.indicators)
        kept = rng.sample(offender, k=max(1, len(offender) - rng.randint(0, 1)))
        plan = _Plan(
            original.scenario,
            partner,
            "reworded",
            template,
            1 - original.phrasing,
            original.intel,
            window,
            [kind for kind in offender if kind in kept],
            original.position + rng.uniform(1, 60),
        )
        draft = self._compose(plan)
        draft.parent = original
        return draft

    def exact_duplicate(self, parent: _Draft) -> _Draft:
        """The same partner submitting the very same report again."""
        return _Draft(
            partner=parent.partner,
            scenario=parent.scenario,
            variant="exact-duplicate",
            language=parent.language,
            template=parent.template,
            phrasing=parent.phrasing,
            intel=parent.intel,
            report=copy.deepcopy(parent.report),
            planted=list(parent.planted),
            position=parent.position + self.rng.uniform(0.5, 30),
            parent=parent,
        )

    def _compose(self, plan: _Plan) -> _Draft:
        rng, scenario, partner, template = self.rng, plan.scenario, plan.partner, plan.template
        country = rng.choice(partner.countries)
        country_spec = self.catalog.countries[country]
        count = rng.randint(*scenario.victims)
        amount = count * rng.randint(*scenario.loss_per_victim)
        text = scenario.template(template)
        personal = self._personal_data(country, country_spec, template.language, text.gender)
        values = {
            **plan.intel,
            **personal,
            "count": str(count),
            "amount": str(amount),
            "currency": country_spec.currency,
        }
        narrative = text.narrative.format_map(values)
        planted = [
            (PERSONAL_PLACEHOLDERS[name], values[name])
            for name in template_fields(text.narrative)
            if name in PERSONAL_PLACEHOLDERS
        ]
        report: dict[str, Any] = {"title": text.title.format_map(values), "narrative": narrative}
        if rng.random() >= OMIT_CATEGORY_SHARE:
            report["crime_category"] = scenario.category
        report["modus_operandi"] = [
            _step(step.text[plan.phrasing], step.technique) for step in scenario.steps
        ]
        report["indicators"] = self._indicators(scenario, plan.offender_kinds, values)
        report["first_seen"], report["last_seen"] = (_timestamp(moment) for moment in plan.window)
        report["country"] = country
        report["sectors"] = _subset(rng, scenario.sectors)
        if rng.random() >= OMIT_VICTIMS_SHARE:
            report["victims"] = _victims(rng, count, amount, country_spec.currency)
        report.update(self._marking(partner))
        report["submitter"] = self._submitter(partner)
        return _Draft(
            partner=partner,
            scenario=scenario,
            variant=plan.variant,
            language=template.language,
            template=template,
            phrasing=plan.phrasing,
            intel=plan.intel,
            report=report,
            planted=planted,
            position=plan.position,
        )

    def _indicators(
        self, scenario: ScenarioSpec, offender_kinds: Sequence[str], values: dict[str, str]
    ) -> list[dict[str, str]]:
        indicators = [
            {"type": kind.value, "value": values[OFFENDER_INDICATOR_SOURCES[kind]], "role": "offender"}
            for kind in scenario.indicators
            if kind in offender_kinds
        ]
        if scenario.victim_indicators and self.rng.random() < VICTIM_INDICATOR_SHARE:
            indicators.extend(
                {"type": kind.value, "value": values[VICTIM_INDICATOR_SOURCES[kind]], "role": "victim"}
                for kind in scenario.victim_indicators
            )
        return indicators

    def _marking(self, partner: PartnerSpec) -> dict[str, Any]:
        """A TLP no higher than the partner may read; red goes to other red-cleared partners."""
        rng = self.rng
        tlp = rng.choices(list(TLP_WEIGHTS), weights=list(TLP_WEIGHTS.values()))[0]
        tlp = min(tlp, partner.max_tlp, key=TLP_ORDER.index)
        if tlp is not TLP.RED:
            return {"tlp": tlp.value}
        cleared = [
            p.partner_id
            for p in self.catalog.partners
            if p.max_tlp is TLP.RED and p.partner_id != partner.partner_id
        ]
        if not cleared:
            return {"tlp": TLP.AMBER_STRICT.value}
        return {"tlp": tlp.value, "recipients": rng.sample(cleared, k=rng.randint(1, min(2, len(cleared))))}

    def _submitter(self, partner: PartnerSpec) -> dict[str, str]:
        contact = self.rng.choice(self.contacts[partner.partner_id])
        return {
            "organization": partner.organization,
            "contact_name": contact.name,
            "contact_email": contact.email,
        }

    def _personal_data(
        self, country: str, spec: CountrySpec, language: Language, gender: Literal["female", "male"] | None
    ) -> dict[str, str]:
        """Fake personal data of the victims of one report, as it would appear in a narrative."""
        rng = self.rng
        if rng.random() < FOREIGN_SCRIPT_NAME_SHARE:
            name_locale = rng.choice(self.catalog.foreign_script_name_locales)
        else:
            name_locale = rng.choice(spec.name_locales)
        names = _faker(name_locale, rng.getrandbits(64))
        address = _faker(spec.address_locale, rng.getrandbits(64))
        bank = _faker(spec.iban_locale, rng.getrandbits(64))
        name = {"female": names.name_female, "male": names.name_male, None: names.name}[gender]
        data = {
            "victim": name(),
            "mule": name(),
            "victim_email": names.safe_email(),
            "victim_phone": _phone_number(rng, country),
            "iban": _grouped(bank.iban()) if rng.random() < 0.6 else bank.iban(),
            "card": _grouped(bank.credit_card_number(card_type=rng.choice(("visa", "mastercard")))),
            "address": address.address().replace("\n", ", "),
            "dob": _date_of_birth(rng, language),
        }
        return {key: " ".join(value.split()) for key, value in data.items()}


# --- small value makers ----------------------------------------------------------------------


@cache
def _faker_instance(locale: str) -> Faker:
    return Faker(locale)


def _faker(locale: str, seed: int) -> Faker:
    fake = _faker_instance(locale)
    fake.seed_instance(seed)
    return fake


def _partner_contacts(partner: PartnerSpec, rng: random.Random) -> list[_Contact]:
    fake = _faker(partner.locale, rng.getrandbits(64))
    contacts = []
    for _ in range(CONTACTS_PER_PARTNER):
        first, last = fake.first_name(), fake.last_name()
        contacts.append(
            _Contact(f"{first} {last}", f"{_ascii_slug(first)}.{_ascii_slug(last)}@{partner.email_domain}")
        )
    return contacts


def _ascii_slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(ascii_text.lower().replace("'", "").split()) or "officer"


def _intel(scenario: ScenarioSpec, rng: random.Random) -> dict[str, str]:
    """Offender infrastructure of one campaign: reserved or fake values only."""
    domain = rng.choice(scenario.domains).format(token=_token(rng))
    return {
        "domain": domain,
        "url": f"https://{domain}{scenario.url_path.format(token=_token(rng, 8))}",
        "ip": f"{rng.choice(DOCUMENTATION_NETS)}.{rng.randint(1, 254)}",
        "offender_email": f"{scenario.email_local}@{domain}",
        "offender_phone": _fictional_phone(rng),
        "wallet": _wallet(rng, scenario.wallet or "btc"),
        "sha256": f"{rng.getrandbits(256):064x}",
    }


def _token(rng: random.Random, length: int = 4) -> str:
    return "".join(rng.choice(TOKEN_ALPHABET) for _ in range(length))


def _fictional_phone(rng: random.Random) -> str:
    """Numbers from ranges reserved for drama and fiction (Ofcom UK, ARCEP France)."""
    if rng.random() < 0.5:
        return f"+44 7700 900{rng.randint(0, 999):03d}"
    return f"+33 6 39 98 {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"


def _wallet(rng: random.Random, kind: str) -> str:
    """Wallet-looking random strings (no valid checksum: they belong to nobody)."""
    if kind == "eth":
        return f"0x{rng.getrandbits(160):040x}"
    if kind == "trx":
        return "T" + "".join(rng.choice(BASE58_ALPHABET) for _ in range(33))
    return "bc1q" + "".join(rng.choice(BECH32_ALPHABET) for _ in range(38))


@cache
def _mobile_example(region: str) -> phonenumbers.PhoneNumber | None:
    return phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)


def _phone_number(rng: random.Random, region: str) -> str:
    """A valid-looking mobile number of the region: its example number with random last digits."""
    example = _mobile_example(region)
    if example is None:
        return _fictional_phone(rng)
    national = str(example.national_number)
    style = rng.choice(
        (phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.NATIONAL)
    )
    for _ in range(10):
        digits = national[:-5] + "".join(rng.choice(string.digits) for _ in range(5))
        number = phonenumbers.parse(f"+{example.country_code}{digits}")
        if phonenumbers.is_valid_number(number):
            return str(phonenumbers.format_number(number, style))
    return str(phonenumbers.format_number(example, style))


def _date_of_birth(rng: random.Random, language: Language) -> str:
    born = date(1940, 1, 1) + timedelta(days=rng.randint(0, 365 * 66))
    if language == "en":
        return (
            f"{born.day} {EN_MONTHS[born.month - 1]} {born.year}" if rng.random() < 0.7 else born.isoformat()
        )
    separator = "." if language == "de" else "/"
    return f"{born.day:02d}{separator}{born.month:02d}{separator}{born.year}"


def _grouped(value: str) -> str:
    compact = value.replace(" ", "")
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def _refs_in(scenario: ScenarioSpec, languages: Sequence[str]) -> list[TemplateRef]:
    return [ref for ref in scenario.template_refs() if ref.language in languages]


def _step(description: str, technique: str | None) -> dict[str, str]:
    return (
        {"description": description}
        if technique is None
        else {"description": description, "technique_id": technique}
    )


def _subset(rng: random.Random, items: Sequence[str]) -> list[str]:
    chosen = set(rng.sample(list(items), k=rng.randint(1, len(items))))
    return [item for item in items if item in chosen]


def _victims(rng: random.Random, count: int, amount: int, currency: str) -> dict[str, Any]:
    if rng.random() < 0.1:
        return {"count": count}
    return {"count": count, "losses": {"amount": amount, "currency": currency}}


def _clamp(moment: datetime) -> datetime:
    return min(max(moment, YEAR_START), YEAR_END)


def _timestamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- files -----------------------------------------------------------------------------------


def write_demo_files(directory: Path, demo: DemoSet) -> list[Path]:
    """One file per demo partner that `crimefeed import --partner <id>` accepts (see the module doc)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for partner in demo.partners:
        reports = demo.reports_of(partner.partner_id)
        path = directory / f"{partner.partner_id}.{partner.file_format}"
        if partner.file_format == "csv":
            _write_csv(path, reports)
        else:
            path.write_text(json.dumps(reports, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _write_csv(path: Path, reports: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(CSV_COLUMNS)
        for report in reports:
            writer.writerow([_csv_cell(column, report.get(column)) for column in CSV_COLUMNS])


def _csv_cell(column: str, value: Any) -> str:
    if value is None or value == [] or value == "":
        return ""
    if column in CSV_LIST_COLUMNS:
        return ";".join(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)
