"""Timestamps are written exactly as stix2 writes them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st
from stix2.utils import Precision, PrecisionConstraint, STIXdatetime, format_datetime

from shared.stix.timestamps import timestamp, timestamp_ms

_datetimes = st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(9998, 12, 30), timezones=st.just(UTC)
) | st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(9998, 12, 30)).map(
    lambda dt: dt.replace(tzinfo=timezone(timedelta(hours=5, minutes=30)))
)


@given(_datetimes)
def test_formats_like_stix2(dt: datetime) -> None:
    truncated = dt.replace(microsecond=dt.microsecond // 1000 * 1000)
    millisecond = STIXdatetime(
        truncated, precision=Precision.MILLISECOND, precision_constraint=PrecisionConstraint.MIN
    )
    assert timestamp_ms(dt) == format_datetime(millisecond)
    assert timestamp(dt) == format_datetime(STIXdatetime(truncated, precision=Precision.ANY))


def test_examples() -> None:
    dt = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
    assert timestamp_ms(dt) == "2026-11-28T10:00:00.000Z"
    assert timestamp(dt) == "2026-11-28T10:00:00Z"
    assert timestamp(dt.replace(microsecond=500_999)) == "2026-11-28T10:00:00.5Z"
    assert timestamp_ms(dt.replace(microsecond=500_999)) == "2026-11-28T10:00:00.500Z"
    assert timestamp_ms(datetime(2026, 11, 28, 10, 0)) == "2026-11-28T10:00:00.000Z"  # naive = UTC
