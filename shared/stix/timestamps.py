"""STIX timestamps, formatted exactly as the ``stix2`` library serializes them.

Matching ``stix2`` byte for byte matters: the producers build plain dicts for speed, and a
consumer that re-parses them with ``stix2`` must get the same JSON back. ``stix2`` writes
``created``/``modified`` with millisecond precision (``...00.000Z``) and every other timestamp
with "any" precision (fraction only when non-zero, trailing zeros dropped). crimefeed keeps at
most millisecond precision everywhere, so sub-millisecond digits never leak a finer clock.
"""

from __future__ import annotations

from datetime import UTC, datetime


def _utc_ms(dt: datetime) -> datetime:
    # Naive datetimes are taken as UTC, as stix2 does.
    zoned = dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
    return zoned.replace(microsecond=zoned.microsecond // 1000 * 1000)


def timestamp_ms(dt: datetime) -> str:
    """For ``created``/``modified``: always three fractional digits."""
    zoned = _utc_ms(dt)
    return f"{zoned:%Y-%m-%dT%H:%M:%S}.{zoned.microsecond // 1000:03d}Z"


def timestamp(dt: datetime) -> str:
    """For every other timestamp property (``published``, ``valid_from``, ``first_seen``...)."""
    zoned = _utc_ms(dt)
    base = f"{zoned:%Y-%m-%dT%H:%M:%S}"
    if zoned.microsecond:
        return f"{base}.{zoned.microsecond:06d}".rstrip("0") + "Z"
    return base + "Z"
