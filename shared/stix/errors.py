"""The one error the STIX conversion raises for input it cannot convert."""

from __future__ import annotations


class StixConversionError(ValueError):
    """Input that cannot become valid STIX; ``field`` names the offending input field.

    A ValueError so callers that map bad input to HTTP 4xx need no special case; the message
    names the field so a partner can act on it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message
