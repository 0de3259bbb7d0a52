"""Helpers shared by tests and benchmarks: servers, brokers, data builders. Test modules import
from here, never from each other; conftest files only register the fixtures defined here."""
