"""The edge's check of partner-submitted STIX 2.1 bundles: the one validator
(`shared/stix/validation.py`, patterns parsed within the intake's limits), every problem named by
object index and id."""

from __future__ import annotations

from typing import Any

from services.producers.errors import SubmissionRejected
from shared.stix.validation import InvalidBundle, PatternLimits, bundle_objects, is_stix_id, object_problems

MAX_REPORTED_ERRORS = 20


def declare_spec_version(obj: Any) -> Any:
    """STIX 2.1 objects carry spec_version; bundles from 2.0-era tools omit it on SDOs, which
    validators then read as 2.0 (and its stricter id rules). Such objects are taken as 2.1."""
    if isinstance(obj, dict) and "spec_version" not in obj and "created" in obj:
        return {**obj, "spec_version": "2.1"}
    return obj


def check_bundle(bundle: Any, patterns: PatternLimits) -> list[dict[str, Any]]:
    """The bundle's objects (spec_version declared), or SubmissionRejected(422) listing what is
    wrong with which object."""
    try:
        raw = bundle_objects(bundle)
    except InvalidBundle as error:
        raise SubmissionRejected(422, str(error)) from error
    if not raw:
        raise SubmissionRejected(422, "bundle 'objects' must be a non-empty list")
    objects = [declare_spec_version(obj) for obj in raw]
    errors: list[str] = []
    for index, obj in enumerate(objects):
        label = _label(obj)
        errors.extend(f"objects[{index}]{label}: {problem}" for problem in object_problems(obj, patterns))
        if len(errors) >= MAX_REPORTED_ERRORS:
            break
    if errors:
        raise SubmissionRejected(422, "invalid STIX 2.1 objects in bundle", errors[:MAX_REPORTED_ERRORS])
    return objects


def _label(obj: Any) -> str:
    """How an error names the object: its id when it is a well-formed one, else its type (a
    malformed value is never echoed)."""
    if not isinstance(obj, dict):
        return ""
    if is_stix_id(obj.get("id")):
        return f" ({obj['id']})"
    stix_type = obj.get("type")
    return f" ({stix_type})" if is_stix_id(f"{stix_type}--00000000-0000-4000-8000-000000000000") else ""
