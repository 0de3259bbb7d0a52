"""crimefeed's TAXII 2.1 server (OASIS TAXII Version 2.1), mounted into the search service.

``create_taxii_router(deps)`` gives the routes under ``/taxii2/``; one module per TAXII resource
(discovery, api_root, collections, objects, manifest, versions, status), with media types,
errors and paging beside them. Collections come from ``collections.yaml``; every read goes
through the store with the caller's Viewer, so TLP holds on every page, manifest and version list.
"""

from services.search.taxii.catalog import Catalog, Collection
from services.search.taxii.deps import TaxiiDeps, TaxiiOptions
from services.search.taxii.router import create_taxii_router
from services.search.taxii.submit import IntakeClient, IntakeRejected, Submit, Submitted

__all__ = [
    "Catalog",
    "Collection",
    "IntakeClient",
    "IntakeRejected",
    "Submit",
    "Submitted",
    "TaxiiDeps",
    "TaxiiOptions",
    "create_taxii_router",
]
