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

    def __reduce__(self) -> tuple[type[SubmissionRejected], tuple[int, str, list[str]]]:
        # Raised in an intake worker process, it crosses back pickled with all three arguments.
        return type(self), (self.status_code, self.message, self.errors)


class IntakeUnavailable(SubmissionRejected):
    """The intake worker processes kept failing on this submission: nothing of it was published,
    so the partner (or `crimefeed import`) can send it again."""

    def __init__(self, status_code: int = 503, message: str = "", errors: list[str] | None = None) -> None:
        super().__init__(
            status_code,
            message
            or "the anonymizing worker process stopped before this submission was prepared; "
            "nothing was published: send it again",
            errors,
        )


def describe_validation_error(error: ValidationError) -> list[str]:
    """One line per problem, each naming the field path, e.g. `indicators[0].type: ...`."""
    lines = []
    for problem in error.errors():
        path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in problem["loc"])
        lines.append(f"{path.lstrip('.') or '(report)'}: {problem['msg']}")
    return lines
