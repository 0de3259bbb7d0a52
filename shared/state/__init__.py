"""The state crimefeed keeps on disk: how SQLite files are opened and migrated (``sqlite``),
and the registry of every state file (``registry``, data in ``state_files.yaml``)."""
