"""Enriched objects built by the project's own producers and enrichment code, for search tests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson

from services.enrichment.state import SqliteDedupStore
from shared.access import Viewer, can_read_object
from shared.models.report import MOReport
from tests.support.enrichment import bundle_for, later, make_enricher, report

PSEUDONYM_KEY = "test-key"
"""The key tests.support.enrichment.bundle_for pseudonymizes partners with."""


def enrich(
    tmp_path: Path,
    submissions: Iterable[tuple[str, MOReport]],
    *,
    minutes_apart: int = 1,
    clusters: bool = False,
) -> list[dict[str, Any]]:
    """Every object version enrichment emits for these (partner id, report) submissions, in order
    (with MO clustering on request)."""
    state = SqliteDedupStore(tmp_path / "dedup.sqlite3")
    enricher = make_enricher(trends_path=tmp_path / "trends.sqlite3", clusters=clusters)
    objects: list[dict[str, Any]] = []
    try:
        for index, (partner, mo_report) in enumerate(submissions):
            submission_id, bundle = bundle_for(mo_report, partner=partner, at=later(index * minutes_apart))
            prepared = [enricher.prepare(orjson.dumps(bundle), submission_id.encode())]
            with state.session() as session:
                decision = enricher.decide(session, prepared)
            objects.extend(output.obj for output in decision.outputs)
    finally:
        state.close()
    return objects


def sample_report(**overrides: Any) -> MOReport:
    return report(**overrides)


def latest_readable(viewer: Viewer, objects: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """id -> the latest version the viewer may read: what every endpoint must agree with."""
    latest: dict[str, Mapping[str, Any]] = {}
    for obj in objects:
        if not can_read_object(viewer, obj):
            continue
        known = latest.get(obj["id"])
        if known is None or _version(obj) > _version(known):
            latest[obj["id"]] = obj
    return latest


def _version(obj: Mapping[str, Any]) -> str:
    return str(obj.get("modified") or obj.get("created") or "")


SMISHING = sample_report(tlp="green", first_seen="2026-10-01T00:00:00Z", sectors=["finance", "logistics"])
RANSOMWARE = sample_report(
    title="Ransomware affiliates enter hospitals through exposed remote desktop",
    narrative="Affiliates buy remote desktop credentials, move laterally and encrypt patient record "
    "servers, then demand payment in bitcoin.",
    crime_category="ransomware",
    modus_operandi=[
        {"description": "Log in over exposed remote desktop with bought logins", "technique_id": "T1133"},
        {"description": "Encrypt servers and leave a ransom note", "technique_id": "T1486"},
    ],
    indicators=[{"type": "domain-name", "value": "ransom-portal.example"}],
    country="BE",
    sectors=["health"],
    first_seen="2026-11-10T00:00:00Z",
    tlp="amber",
)
INVESTMENT = sample_report(
    title="Fake crypto investment platform advertised with deepfake celebrity videos",
    narrative="Victims are lured by deepfake videos to a trading platform that shows invented gains.",
    crime_category="investment-fraud",
    modus_operandi=[{"description": "Deepfake celebrity video advert leads to a fake trading platform"}],
    indicators=[{"type": "domain-name", "value": "deepfake-trading.example"}],
    country="DE",
    sectors=["finance"],
    first_seen="2026-09-15T00:00:00Z",
    tlp="clear",
)


def demo_objects(tmp_path: Path) -> list[dict[str, Any]]:
    """Three reports of three partners at three TLPs, enriched (every version emitted)."""
    return enrich(
        tmp_path,
        [("nl-police", SMISHING), ("be-cert", RANSOMWARE), ("de-bka", INVESTMENT)],
    )
