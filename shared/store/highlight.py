"""Search highlights that are safe to put in a page, the same for every backend.

Backends mark matches with private-use sentinels instead of ``<mark>``; `safe_highlight` escapes
the partner's text (it is hostile: it may carry markup and script) and only then turns the
sentinels into ``<mark>`` tags, so ``<mark>`` is the only markup a highlight can contain.
"""

from __future__ import annotations

import html

MATCH_START = "\ue000"
MATCH_END = "\ue001"


def safe_highlight(fragment: str) -> str:
    """``fragment`` with every character HTML-escaped and its match sentinels as ``<mark>`` tags."""
    escaped = html.escape(fragment, quote=True)
    opened = False
    parts: list[str] = []
    for char in escaped:
        if char == MATCH_START and not opened:
            parts.append("<mark>")
            opened = True
        elif char == MATCH_END and opened:
            parts.append("</mark>")
            opened = False
        elif char not in (MATCH_START, MATCH_END):
            parts.append(char)
    if opened:
        parts.append("</mark>")
    return "".join(parts)
