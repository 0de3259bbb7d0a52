"""The enrichment service: validate, deduplicate, tag and route every STIX object.

Consumes anonymized bundles from ``<prefix>submissions.v1`` and publishes one enriched object a
message on ``<prefix>objects.v1`` and the TLP feed topics. Entry points: ``create_app`` (app.py),
``run_enrichment`` (runtime.py) and ``python -m services.enrichment``.
"""
