"""The MO report model: field-naming errors, consistency rules, forward compatibility."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from services.producers.errors import describe_validation_error
from shared.models.report import TLP, IndicatorRole, IndicatorType, MOReport

DESIGN_MD = Path(__file__).resolve().parents[4] / "shared" / "DESIGN.md"

# The example of DESIGN.md ("Data model"), comments removed.
DESIGN_EXAMPLE: dict[str, Any] = {
    "title": "Parcel-delivery smishing leading to card enrolment in mobile wallets",
    "narrative": "free text in any language; may contain personal data",
    "crime_category": "fraud",
    "modus_operandi": [{"description": "...", "technique_id": "T1660"}],
    "indicators": [{"type": "domain-name", "value": "parcel-redelivery-fee.example", "role": "offender"}],
    "first_seen": "2026-10-01T00:00:00Z",
    "last_seen": "2026-11-20T00:00:00Z",
    "country": "NL",
    "sectors": ["finance", "logistics"],
    "victims": {"count": 58, "losses": {"amount": 96500, "currency": "EUR"}},
    "tlp": "amber",
    "recipients": [],
    "submitter": {"organization": "...", "contact_name": "...", "contact_email": "..."},
}


def problems(payload: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        MOReport.model_validate(payload)
    return describe_validation_error(caught.value)


def test_design_example_validates() -> None:
    report = MOReport.model_validate(DESIGN_EXAMPLE)
    assert report.tlp is TLP.AMBER
    assert report.indicators[0].type is IndicatorType.DOMAIN_NAME
    assert report.indicators[0].role is IndicatorRole.OFFENDER
    assert report.modus_operandi[0].technique_id == "T1660"
    assert report.victims is not None and report.victims.count == 58
    assert report.victims.losses is not None and report.victims.losses.currency == "EUR"
    assert report.first_seen is not None and report.first_seen.utcoffset() is not None
    assert report.sectors == ["finance", "logistics"]


def test_example_in_design_md_itself_validates() -> None:
    """The JSON block of DESIGN.md, as written there (`//` comments stripped)."""
    if not DESIGN_MD.is_file():
        pytest.skip(f"{DESIGN_MD} not found")
    block = re.search(r"```json\n(.*?)```", DESIGN_MD.read_text(), re.S)
    assert block is not None, "DESIGN.md lost its JSON example"
    text = re.sub(r"\s+//[^\n]*", "", block.group(1))
    report = MOReport.model_validate(json.loads(text))
    assert report.title == DESIGN_EXAMPLE["title"]
    assert report.model_dump(mode="json") == MOReport.model_validate(DESIGN_EXAMPLE).model_dump(mode="json")


def test_only_title_is_required_and_defaults_are_safe() -> None:
    report = MOReport.model_validate({"title": "Smishing"})
    assert report.tlp is TLP.AMBER
    assert report.indicators == [] and report.modus_operandi == [] and report.recipients == []
    assert report.narrative == "" and report.submitter is None
    assert problems({"narrative": "no title"}) == ["title: Field required"]


def test_unknown_fields_are_ignored_at_every_level() -> None:
    payload = {
        **DESIGN_EXAMPLE,
        "future_field": {"anything": 1},
        "indicators": [{"type": "url", "value": "http://x.example/a", "confidence": 80}],
        "victims": {"count": 2, "age_groups": ["18-25"]},
    }
    report = MOReport.model_validate(payload)
    dumped = report.model_dump()
    assert "future_field" not in dumped
    assert "confidence" not in dumped["indicators"][0]
    assert "age_groups" not in dumped["victims"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"indicators": [{"type": "bitcoin", "value": "x"}]}, "indicators[0].type"),
        (
            {"indicators": [{"type": "url", "value": "http://a.example"}, {"type": "md5", "value": ""}]},
            "indicators[1].value",
        ),
        (
            {"indicators": [{"type": "url", "value": "http://a.example", "role": "witness"}]},
            "indicators[0].role",
        ),
        (
            {"modus_operandi": [{"description": "ok"}, {"description": "x", "technique_id": "ATT-1"}]},
            "modus_operandi[1].technique_id",
        ),
        ({"modus_operandi": [{"description": ""}]}, "modus_operandi[0].description"),
        ({"victims": {"losses": {"amount": 10, "currency": "euro"}}}, "victims.losses.currency"),
        ({"victims": {"count": -1}}, "victims.count"),
        ({"sectors": ["finance", "Health Care"]}, "sectors[1]"),
        ({"country": "Netherlands"}, "country"),
        ({"crime_category": "Fraud!"}, "crime_category"),
        ({"tlp": "purple"}, "tlp"),
        ({"first_seen": "not a date"}, "first_seen"),
        ({"title": ""}, "title"),
    ],
)
def test_errors_name_the_offending_field(change: dict[str, Any], field: str) -> None:
    found = problems({**DESIGN_EXAMPLE, **change})
    assert len(found) == 1, found
    assert found[0].startswith(f"{field}: "), found


def test_every_bad_field_is_reported_not_just_the_first() -> None:
    found = problems({**DESIGN_EXAMPLE, "country": "nl", "indicators": [{"type": "nope", "value": "v"}]})
    assert sorted(line.split(":")[0] for line in found) == ["country", "indicators[0].type"]


def test_red_without_recipients_is_refused() -> None:
    [message] = problems({**DESIGN_EXAMPLE, "tlp": "red"})
    assert "tlp 'red' requires" in message and "recipients" in message
    assert problems({**DESIGN_EXAMPLE, "tlp": "red", "recipients": [""]})[0].startswith("recipients[0]:")


def test_red_with_recipients_and_other_levels_without_are_accepted() -> None:
    report = MOReport.model_validate({**DESIGN_EXAMPLE, "tlp": "red", "recipients": ["fr-cert"]})
    assert report.tlp is TLP.RED and report.recipients == ["fr-cert"]
    for level in ("clear", "green", "amber", "amber+strict"):
        assert MOReport.model_validate({**DESIGN_EXAMPLE, "tlp": level}).tlp == level


@pytest.mark.parametrize("field", ["first_seen", "last_seen"])
def test_naive_timestamps_are_refused(field: str) -> None:
    [message] = problems({**DESIGN_EXAMPLE, field: "2026-10-05T00:00:00"})
    assert message.startswith(f"{field}: ") and "timezone" in message


def test_last_seen_before_first_seen_is_refused() -> None:
    [message] = problems({**DESIGN_EXAMPLE, "last_seen": "2026-09-30T23:59:59Z"})
    assert "last_seen is before first_seen" in message


def test_timestamp_order_compares_instants_not_wall_clocks() -> None:
    # 01:30+02:00 is 23:30Z the day before: before first_seen although its wall clock is later.
    assert "before first_seen" in problems({**DESIGN_EXAMPLE, "last_seen": "2026-10-01T01:30:00+02:00"})[0]
    same_instant = MOReport.model_validate({**DESIGN_EXAMPLE, "last_seen": "2026-10-01T02:00:00+02:00"})
    assert same_instant.last_seen == same_instant.first_seen
    only_one = MOReport.model_validate({**DESIGN_EXAMPLE, "last_seen": None})
    assert only_one.last_seen is None


def test_text_and_indicator_values_are_stripped() -> None:
    report = MOReport.model_validate(
        {"title": "  Smishing  ", "indicators": [{"type": "domain-name", "value": "  x.example \n"}]}
    )
    assert report.title == "Smishing" and report.indicators[0].value == "x.example"
    assert problems({"title": "   "})[0].startswith("title: ")
