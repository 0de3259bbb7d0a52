"""TLP 2.0 markings (the official OASIS marking-definition objects) and the TLP order.

crimefeed marks every object with exactly one TLP 2.0 marking-definition and enforces TLP on
every egress, so reading and comparing TLP must be cheap and total: these functions work on
plain dicts and never parse with ``stix2``. TLP 1.0 markings in partner bundles (STIX 2.1's
predefined ``TLP_WHITE`` ... ``TLP_RED``) are understood too, WHITE being TLP 2.0's CLEAR.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import orjson

from shared.models.report import TLP
from shared.stix._data import load_json

_DATA = load_json("tlp.json")

TLP2_EXTENSION_ID: str = _DATA["extension_definition_id"]
"""The OASIS TLP 2.0 extension-definition the official marking-definitions use."""

TLP_ORDER: tuple[TLP, ...] = tuple(TLP(level) for level in _DATA["order"])
"""Most permissive first: clear < green < amber < amber+strict < red."""

_RANK: dict[TLP, int] = {tlp: rank for rank, tlp in enumerate(TLP_ORDER)}
_DEFINITIONS: dict[TLP, dict[str, Any]] = {TLP(level): obj for level, obj in _DATA["tlp2"].items()}

TLP_MARKING_IDS: dict[TLP, str] = {tlp: obj["id"] for tlp, obj in _DEFINITIONS.items()}
"""TLP 2.0 marking-definition id per level."""

TLP1_MARKING_IDS: dict[str, TLP] = {marking_id: TLP(level) for marking_id, level in _DATA["tlp1_ids"].items()}
"""TLP 1.0 marking-definition ids, mapped to the TLP 2.0 level that replaces them."""

_TLP_BY_MARKING_ID: dict[str, TLP] = {
    **TLP1_MARKING_IDS,
    **{marking_id: tlp for tlp, marking_id in TLP_MARKING_IDS.items()},
}


# (rank, level) per marking id: tlp_of is on every object's hot path (routing, fingerprints,
# access checks), and comparing ranks of found ids is cheaper than max() over a generator.
_RANKED_BY_MARKING_ID: dict[str, tuple[int, TLP]] = {
    marking_id: (_RANK[tlp], tlp) for marking_id, tlp in _TLP_BY_MARKING_ID.items()
}


def tlp_marking(tlp: TLP) -> dict[str, Any]:
    """The official TLP 2.0 marking-definition object for a level (a copy the caller may keep)."""
    # orjson round trip: a deep copy at a tenth of copy.deepcopy's cost.
    return orjson.loads(orjson.dumps(_DEFINITIONS[tlp]))  # type: ignore[no-any-return]


def tlp_from_marking_id(marking_id: str) -> TLP | None:
    """The TLP a marking-definition id stands for (TLP 2.0 or 1.0), None for other markings."""
    return _TLP_BY_MARKING_ID.get(marking_id)


def is_tlp_marking_id(marking_id: str) -> bool:
    return marking_id in _TLP_BY_MARKING_ID


def tlp_rank(tlp: TLP) -> int:
    """Position in the TLP order; a higher rank is more restrictive."""
    return _RANK[tlp]


def strictest(levels: Iterable[TLP]) -> TLP | None:
    """The most restrictive of some levels, None if there are none."""
    return max(levels, key=tlp_rank, default=None)


def is_within(tlp: TLP, ceiling: TLP) -> bool:
    """Whether data marked ``tlp`` is no more restrictive than ``ceiling`` (a partner's max TLP)."""
    return _RANK[tlp] <= _RANK[ceiling]


def tlp_of(obj: Mapping[str, Any]) -> TLP | None:
    """The TLP of a STIX object from its ``object_marking_refs``; None if it has no TLP marking.

    Should an object carry several TLP markings, the most restrictive one wins: treating it as
    less restricted than one of its markings says would leak it.
    """
    refs = obj.get("object_marking_refs")
    if not isinstance(refs, list):
        return None
    found: tuple[int, TLP] | None = None
    for ref in refs:
        ranked = _RANKED_BY_MARKING_ID.get(ref) if isinstance(ref, str) else None
        if ranked is not None and (found is None or ranked[0] > found[0]):
            found = ranked
    return None if found is None else found[1]
