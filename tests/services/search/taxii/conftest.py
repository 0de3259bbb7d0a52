from tests.support.taxii_server import taxii, taxii_kafka

__all__ = ["taxii", "taxii_kafka"]
