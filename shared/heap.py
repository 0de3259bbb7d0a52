"""The cyclic garbage collector in a long-running service process (docs/operations.md,
"Garbage collection").

A service process holds a few hundred thousand objects built once at start-up (modules, the
anonymizer's word lists, taxonomies, rules, compiled patterns) that never become garbage, and
every full collection walked all of them: 0.2-0.5 s each, several times a minute under load
(about a quarter of enrichment's CPU in ``bench/e2e.py``). Frozen, they are left out of every
collection; what the service builds afterwards is collected as usual. A larger first-generation
threshold makes young collections rarer: the objects a batch or a request creates mostly die by
reference counting before any collection sees them.
"""

from __future__ import annotations

import gc

# (generation 0, 1, 2) thresholds; Python's defaults are (700, 10, 10). Measured with
# bench/e2e.py: collections went from ~30% of enrichment's CPU to ~1%.
THRESHOLDS = (10_000, 20, 20)


def freeze_start_up() -> None:
    """Collect once, then keep everything alive now out of later collections; call when the
    service has loaded what it keeps (calling again also freezes what was loaded since)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
