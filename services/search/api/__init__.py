"""The analysts' REST API, one module per resource."""
