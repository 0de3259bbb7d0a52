"""The store the search service indexes into and serves from: one interface, two backends.

``base.Store`` is the interface; ``sqlite.SqliteStore`` (FTS5, the embedded default) and
``opensearch.OpenSearchStore`` implement it and pass one contract suite
(``tests/shared/store/test_contract.py``). ``document.to_document`` turns an enriched STIX
object into the fields both backends index, so both agree on what a filter means.
"""
