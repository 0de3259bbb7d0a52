"""anonymize_report: text redacted, victim indicators and submitter dropped, numbers coarsened."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from shared.anonymization.policy import LossesPolicy
from shared.anonymization.report import VICTIM_INDICATOR, anonymize_report, round_losses, round_significant
from shared.anonymization.text import TextAnonymizer
from shared.models.report import Losses, MOReport


def _report(**overrides: object) -> MOReport:
    raw: dict[str, object] = {
        "title": "Smishing wave reported by Mrs. Claire Martin",
        "narrative": "The victim, Jan de Vries (jan@example.nl), was called on his mobile +31 6 12345678.",
        "modus_operandi": [
            {"description": "SMS with a link to parcel-fee.example", "technique_id": "T1660"},
            {"description": "Call-back to +44 20 7946 0958 asking for the one-time code"},
        ],
        "indicators": [
            {"type": "domain-name", "value": "parcel-fee.example"},
            {"type": "email-addr", "value": "victim@example.nl", "role": "victim"},
            {"type": "phone-number", "value": "+31612345678", "role": "victim"},
        ],
        "first_seen": "2026-10-01T13:45:12+02:00",
        "last_seen": "2026-11-20T23:59:59Z",
        "victims": {"count": 7, "losses": {"amount": 96500, "currency": "EUR"}},
        "submitter": {
            "organization": "Politie",
            "contact_name": "J. Jansen",
            "contact_email": "j@politie.example",
        },
    }
    raw.update(overrides)
    return MOReport.model_validate(raw)


def test_anonymize_report(anonymizer: TextAnonymizer) -> None:
    original = _report()
    result = anonymize_report(original, anonymizer)
    report = result.report
    assert "Claire Martin" not in report.title and "[PERSON]" in report.title
    assert "Jan de Vries" not in report.narrative and "jan@example.nl" not in report.narrative
    assert report.modus_operandi[0].description == "SMS with a link to parcel-fee.example"
    assert report.modus_operandi[0].technique_id == "T1660"
    assert "7946" not in report.modus_operandi[1].description
    assert [i.value for i in report.indicators] == ["parcel-fee.example"]
    assert report.submitter is None
    assert report.first_seen == datetime(2026, 10, 1, tzinfo=UTC)
    assert report.last_seen == datetime(2026, 11, 20, tzinfo=UTC)
    assert report.victims is not None and report.victims.count is None
    assert result.victim_count_bucket == "1-9"
    assert report.victims.losses == Losses(amount=97000, currency="EUR")
    assert result.redactions[VICTIM_INDICATOR] == 2
    assert (
        result.redactions["PERSON"] == 2
        and result.redactions["PHONE"] == 2
        and result.redactions["EMAIL"] == 1
    )
    # The input is left as it was.
    assert original.submitter is not None and len(original.indicators) == 3


def test_large_victim_count_kept_exact(anonymizer: TextAnonymizer) -> None:
    result = anonymize_report(_report(victims={"count": 58}), anonymizer)
    assert result.victim_count_bucket == "58"
    assert result.report.victims is not None and result.report.victims.count == 58


def test_report_without_optional_parts(anonymizer: TextAnonymizer) -> None:
    result = anonymize_report(MOReport(title="Parcel scam"), anonymizer)
    assert result.report.title == "Parcel scam"
    assert result.victim_count_bucket is None
    assert not result.redactions


@given(
    amount=st.floats(min_value=0, max_value=1e12, allow_nan=False),
    digits=st.integers(min_value=1, max_value=4),
)
def test_round_significant_keeps_magnitude(amount: float, digits: int) -> None:
    rounded = round_significant(amount, digits)
    assert abs(rounded - amount) <= 0.5 * 10 ** (len(f"{int(amount)}") - digits) + 1e-9 * max(amount, 1)
    assert round_significant(rounded, digits) == rounded


def test_round_losses() -> None:
    assert round_losses(Losses(amount=1234.56, currency="EUR"), LossesPolicy()).amount == 1200


def test_offender_url_loses_its_query_values(anonymizer: TextAnonymizer) -> None:
    url = "https://parcel-fee.example/pay?email=hanna.virtanen%40posti.example&ref=88312#Hanna"
    out = anonymize_report(_report(indicators=[{"type": "url", "value": url}]), anonymizer)
    (indicator,) = out.report.indicators
    assert indicator.value.startswith("https://parcel-fee.example/pay?")
    assert "virtanen" not in indicator.value and "Hanna" not in indicator.value
    assert out.redactions["URL-QUERY"] == 3


def test_category_or_sector_that_names_a_person_is_dropped(anonymizer: TextAnonymizer) -> None:
    report = _report(crime_category="ingrid-vestergaard", sectors=["finance", "jan-kowalski", "sim-swap"])
    out = anonymize_report(report, anonymizer)
    assert out.report.crime_category is None
    assert out.report.sectors == ["finance", "sim-swap"]
    kept = anonymize_report(_report(crime_category="sim-swap"), anonymizer)
    assert kept.report.crime_category == "sim-swap"


def test_slug_read_again_counts_again(anonymizer: TextAnonymizer) -> None:
    # A slug's redactions are remembered: a second report naming it is still counted in full.
    report = _report(narrative="", title="Smishing", modus_operandi=[], crime_category="ingrid-vestergaard")
    counts = [anonymize_report(report, anonymizer).redactions for _ in range(2)]
    assert counts[0] == counts[1] and counts[0]["PERSON"] == 1


def test_step_with_nothing_removed_is_kept_as_it_is(anonymizer: TextAnonymizer) -> None:
    original = _report()
    steps = anonymize_report(original, anonymizer).report.modus_operandi
    assert steps[0] is original.modus_operandi[0]
    assert steps[1] is not original.modus_operandi[1]
    assert "7946" in original.modus_operandi[1].description
