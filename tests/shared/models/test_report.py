from __future__ import annotations

import pytest
from pydantic import ValidationError

from services.producers.errors import describe_validation_error
from shared.models.report import TLP, MOReport
from tests.services.producers.test_app import REPORT


def problems(payload: dict[str, object]) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        MOReport.model_validate(payload)
    return describe_validation_error(caught.value)


def test_design_example_validates_and_unknown_fields_are_ignored() -> None:
    report = MOReport.model_validate({**REPORT, "future_field": 1})
    assert report.tlp is TLP.AMBER and report.indicators[0].value == "parcel-redelivery-fee.example"


def test_errors_name_the_field() -> None:
    assert problems({**REPORT, "indicators": [{"type": "bitcoin", "value": "x"}]})[0].startswith(
        "indicators[0].type:"
    )
    assert problems({**REPORT, "country": "Netherlands"})[0].startswith("country:")


def test_red_needs_recipients() -> None:
    assert "recipients" in problems({**REPORT, "tlp": "red"})[0]


def test_timestamps_need_a_timezone_and_an_order() -> None:
    assert "timezone" in problems({**REPORT, "first_seen": "2026-10-01T00:00:00"})[0]
    assert "before first_seen" in problems({**REPORT, "last_seen": "2026-01-01T00:00:00Z"})[0]
