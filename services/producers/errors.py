"""Turning bad input into a 4xx a partner can act on."""

from __future__ import annotations

from pydantic import ValidationError


class SubmissionRejected(Exception):
    """A submission that must not go further; nothing of it reaches Kafka."""

    def __init__(self, status_code: int, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.errors = errors or []


def describe_validation_error(error: ValidationError) -> list[str]:
    """One line per problem, each naming the field path, e.g. `indicators[0].type: ...`."""
    lines = []
    for problem in error.errors():
        path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in problem["loc"])
        lines.append(f"{path.lstrip('.') or '(report)'}: {problem['msg']}")
    return lines
