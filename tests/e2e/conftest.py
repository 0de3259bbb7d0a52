"""Fixtures the end-to-end tests share (defined in tests/support)."""

from tests.support.console import browser, shots
from tests.support.pipeline import enrichment, search_url
from tests.support.producers_server import producers

__all__ = ["browser", "enrichment", "producers", "search_url", "shots"]
