from tests.support.producers_server import producers

__all__ = ["producers"]
