from tests.support.search_server import loaded, search_server

__all__ = ["loaded", "search_server"]
