"""Fixtures of other test packages that the end-to-end tests reuse."""

from tests.services.producers.conftest import producers

__all__ = ["producers"]
