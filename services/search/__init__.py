"""The search service: indexes crimefeed.objects.v1 into the store and serves the analysts' REST API
(and, through its TAXII router, the TAXII 2.1 server) from it."""
