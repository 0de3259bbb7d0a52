"""What the state files say when they hold data from before sharing scopes were part of ids.

Since sharing scopes (docs/architecture.md, "Ownership and sharing scopes") every id crimefeed
derives includes the scope, so the dedup state, trend counters and store of an earlier version
name objects by ids that no longer arise: they are refused at start with this message rather
than mixed with the new ids.
"""

SCOPES_CHANGE = (
    "it holds data from an earlier crimefeed, whose ids did not include the sharing scope "
    "(TLP, owner, recipients); those ids cannot be converted"
)
SCOPES_REMEDY = (
    "stop crimefeed, move the data directory aside (keep it as a backup), start with an empty one "
    "and submit the original reports and bundles again (crimefeed import); see docs/operations.md, "
    "'Upgrading to sharing scopes'"
)
