from __future__ import annotations

import ipaddress
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from services.producers.demo import DemoSet, DemoSubmission, generate_demo_set, write_demo_files
from services.producers.demo.catalog import PERSONAL_PLACEHOLDERS, load_catalog, template_fields
from services.producers.importer import read_items
from shared.models.report import TLP, MOReport

TLP_ORDER = [TLP.CLEAR, TLP.GREEN, TLP.AMBER, TLP.AMBER_STRICT, TLP.RED]
DOCUMENTATION_NETS = [ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24")]
RESERVED_SUFFIXES = (".example", ".test")
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def demo() -> DemoSet:
    return generate_demo_set()


def _by_id(demo: DemoSet) -> dict[str, DemoSubmission]:
    return {s.submission_id: s for s in demo.submissions}


def test_size_and_spread(demo: DemoSet) -> None:
    reports = [s.report for s in demo.submissions]
    assert len(reports) == 240
    assert len({r["crime_category"] for r in reports if "crime_category" in r}) >= 8
    assert len({r["country"] for r in reports}) >= 10
    assert {"en", "fr", "de", "es"} <= {s.language for s in demo.submissions}
    assert len({s.scenario_id for s in demo.submissions}) >= 20
    assert 5 <= len(demo.partners) <= 8
    assert {s.partner_id for s in demo.submissions} == {p.partner_id for p in demo.partners}


def test_size_is_honoured_for_other_sizes() -> None:
    assert len(generate_demo_set(seed=1, size=50).submissions) == 50
    assert len(generate_demo_set(seed=1, size=1).submissions) == 1


def test_every_report_is_a_valid_mo_report_seen_in_2026(demo: DemoSet) -> None:
    for submission in demo.submissions:
        report = MOReport.model_validate(submission.report)
        assert report.first_seen is not None and report.last_seen is not None
        assert report.first_seen.year == report.last_seen.year == 2026
        assert submission.report["first_seen"].endswith("Z") and submission.report["last_seen"].endswith("Z")
        assert 2 <= len(report.modus_operandi) <= 4
        assert report.submitter is not None and report.submitter.contact_email is not None
        assert report.submitter.contact_email.endswith(RESERVED_SUFFIXES)


def test_deterministic_for_a_seed_and_different_for_another() -> None:
    first, second = generate_demo_set(seed=11), generate_demo_set(seed=11)
    assert first == second
    assert json.dumps([s.report for s in first.submissions]) == json.dumps(
        [s.report for s in second.submissions]
    )
    other = generate_demo_set(seed=12)
    assert [s.report for s in other.submissions] != [s.report for s in first.submissions]


def test_variant_shares(demo: DemoSet) -> None:
    variants = Counter(s.variant for s in demo.submissions)
    assert variants["exact-duplicate"] == 24 and variants["reworded"] == 60
    assert variants["original"] == 156
    assert all((s.duplicate_of is None) == (s.variant == "original") for s in demo.submissions)


def test_exact_duplicates_are_exact(demo: DemoSet) -> None:
    by_id = _by_id(demo)
    duplicates = [s for s in demo.submissions if s.variant == "exact-duplicate"]
    assert duplicates
    for duplicate in duplicates:
        assert duplicate.duplicate_of is not None
        original = by_id[duplicate.duplicate_of]
        assert duplicate.partner_id == original.partner_id
        assert duplicate.report == original.report
        assert duplicate.report is not original.report  # a copy, so nobody mutates both
        assert duplicate.scenario_id == original.scenario_id
        assert demo.submissions.index(duplicate) > demo.submissions.index(original)


def test_reworded_duplicates_come_from_another_partner_in_other_words(demo: DemoSet) -> None:
    by_id = _by_id(demo)
    reworded = [s for s in demo.submissions if s.variant == "reworded"]
    assert reworded
    for submission in reworded:
        assert submission.duplicate_of is not None
        original = by_id[submission.duplicate_of]
        assert original.variant == "original"
        assert submission.scenario_id == original.scenario_id
        assert submission.partner_id != original.partner_id
        assert submission.template_id != original.template_id
        assert submission.report["narrative"] != original.report["narrative"]
        steps = [step["description"] for step in submission.report["modus_operandi"]]
        assert steps != [step["description"] for step in original.report["modus_operandi"]]
        # Same campaign: some offender infrastructure in common.
        assert _offender_values(submission.report) & _offender_values(original.report)
    assert any(s.language != by_id[s.duplicate_of or ""].language for s in reworded)


def _offender_values(report: dict[str, object]) -> set[str]:
    indicators = report["indicators"]
    assert isinstance(indicators, list)
    return {i["value"] for i in indicators if i["role"] == "offender"}


def test_look_alike_scenarios_are_present_and_distinct(demo: DemoSet) -> None:
    present = {s.scenario_id for s in demo.submissions}
    pairs = {(s.scenario_id, s.look_alike) for s in demo.scenarios if s.look_alike}
    assert len(pairs) >= 5
    for scenario_id, look_alike in pairs:
        assert scenario_id in present and look_alike in present
        assert scenario_id != look_alike
    assert ("parcel-smishing-wallet", "bank-smishing-otp") in pairs


def test_crime_category_is_ground_truth_and_sometimes_omitted(demo: DemoSet) -> None:
    categories = {s.scenario_id: s.category for s in demo.scenarios}
    omitted = [s for s in demo.submissions if "crime_category" not in s.report]
    assert 0.08 <= len(omitted) / len(demo.submissions) <= 0.25
    for submission in demo.submissions:
        assert submission.category == categories[submission.scenario_id]
        assert submission.report.get("crime_category", submission.category) == submission.category


def test_tlp_spread_and_red_reports_have_cleared_recipients(demo: DemoSet) -> None:
    partners = {p.partner_id: p for p in demo.partners}
    tlps = Counter(s.report["tlp"] for s in demo.submissions)
    assert set(tlps) == {"clear", "green", "amber", "amber+strict", "red"}
    assert tlps["green"] + tlps["amber"] > len(demo.submissions) / 2
    for submission in demo.submissions:
        tlp = TLP(submission.report["tlp"])
        assert TLP_ORDER.index(tlp) <= TLP_ORDER.index(TLP(partners[submission.partner_id].max_tlp))
        recipients = submission.report.get("recipients", [])
        if tlp is TLP.RED:
            assert recipients and submission.partner_id not in recipients
            assert all(partners[r].max_tlp == "red" for r in recipients)
        else:
            assert recipients == []


def test_planted_pii_appears_in_the_narrative_it_was_planted_in(demo: DemoSet) -> None:
    kinds = set(PERSONAL_PLACEHOLDERS.values())
    for submission in demo.submissions:
        assert submission.planted_pii, submission.submission_id
        for kind, value in submission.planted_pii:
            assert kind in kinds
            assert value and value in submission.report["narrative"], (kind, value)
    planted = Counter(kind for s in demo.submissions for kind, _ in s.planted_pii)
    assert set(planted) == kinds
    assert sum(bool(ARABIC_SCRIPT.search(s.report["narrative"])) for s in demo.submissions) >= 10


def test_planted_values_look_real(demo: DemoSet) -> None:
    from stdnum import iban, luhn

    values = [(kind, value) for s in demo.submissions for kind, value in s.planted_pii]
    assert all(iban.is_valid(v) for k, v in values if k == "IBAN")
    assert all(luhn.is_valid(v.replace(" ", "")) for k, v in values if k == "CARD")
    assert all("@" in v for k, v in values if k == "EMAIL")


def test_indicators_are_reserved_values_and_some_are_victims(demo: DemoSet) -> None:
    victim_reports = 0
    for submission in demo.submissions:
        for indicator in submission.report["indicators"]:
            kind, value = indicator["type"], indicator["value"]
            if indicator["role"] == "victim":
                assert kind in ("email-addr", "phone-number")
                assert kind == "phone-number" or value.endswith(
                    ("@example.com", "@example.org", "@example.net")
                )
            elif kind == "domain-name":
                assert value.endswith(RESERVED_SUFFIXES)
            elif kind in ("url", "email-addr"):
                assert re.search(r"\.(example|test)(/|$)", value), value
            elif kind == "ipv4-addr":
                assert any(ipaddress.ip_address(value) in net for net in DOCUMENTATION_NETS)
            elif kind == "phone-number":
                assert value.startswith(("+44 7700 900", "+33 6 39 98")), value  # ranges reserved for fiction
        victim_reports += any(i["role"] == "victim" for i in submission.report["indicators"])
    assert victim_reports >= 20


def test_catalog_has_enough_varied_scenarios() -> None:
    catalog = load_catalog()
    assert len(catalog.scenarios) >= 20
    assert len({s.category for s in catalog.scenarios}) >= 8
    for scenario in catalog.scenarios:
        assert len(scenario.texts) >= 3, scenario.id
        assert len(scenario.template_refs()) >= 2
        assert any(step.technique for step in scenario.steps)
        for ref in scenario.template_refs():
            fields = template_fields(scenario.template(ref).narrative)
            assert any(name in PERSONAL_PLACEHOLDERS for name in fields), (scenario.id, ref)


def test_written_files_are_importable_and_complete(tmp_path: Path, demo: DemoSet) -> None:
    paths = write_demo_files(tmp_path / "demo", demo)
    assert sorted(p.name for p in paths) == sorted(p.name for p in (tmp_path / "demo").iterdir())
    csv_partners = [p for p in demo.partners if p.file_format == "csv"]
    assert len(csv_partners) == 1
    imported = 0
    for partner, path in zip(demo.partners, paths, strict=True):
        assert path.name == f"{partner.partner_id}.{partner.file_format}"
        items = list(read_items(path))
        assert all(item.error is None for item in items)
        expected = demo.reports_of(partner.partner_id)
        assert len(items) == len(expected)
        for item, report in zip(items, expected, strict=True):
            assert MOReport.model_validate(item.payload) == MOReport.model_validate(report)
            if partner.file_format == "json":
                assert item.payload == report
        imported += len(items)
    assert imported == len(demo.submissions)


def test_csv_cells_follow_the_convention(tmp_path: Path, demo: DemoSet) -> None:
    import csv

    (partner,) = [p for p in demo.partners if p.file_format == "csv"]
    path = next(p for p in write_demo_files(tmp_path, demo) if p.suffix == ".csv")
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    reports = demo.reports_of(partner.partner_id)
    for row, report in zip(rows, reports, strict=True):
        assert row["sectors"] == ";".join(report["sectors"])
        assert json.loads(row["modus_operandi"]) == report["modus_operandi"]
        assert json.loads(row["indicators"]) == report["indicators"]
        assert json.loads(row["submitter"]) == report["submitter"]
        assert row["crime_category"] == report.get("crime_category", "")
        assert (json.loads(row["victims"]) if row["victims"] else None) == report.get("victims")
        assert row["recipients"] == ";".join(report.get("recipients", []))
