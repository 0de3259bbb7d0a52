"""Anonymize objects of partner-submitted STIX 2.1 bundles, as plain dicts (parsing each object with
`stix2` would cost ~0.5 ms; DESIGN.md "Data model")."""

from __future__ import annotations

from collections import Counter
from typing import Any

from shared.anonymization.detectors import PERSON
from shared.anonymization.policy import StixPolicy
from shared.anonymization.text import TextAnonymizer

DROPPED_OBJECT = "DROPPED-OBJECT"
DROPPED_PROPERTY = "DROPPED-PROPERTY"
_INDIVIDUAL = "identity-individual"


def anonymize_stix_object(
    obj: dict[str, Any], anonymizer: TextAnonymizer
) -> tuple[dict[str, Any] | None, Counter[str]]:
    """A redacted copy of obj, or None when the policy drops its type; the input is not modified."""
    policy = anonymizer.policy.stix
    counts: Counter[str] = Counter()
    obj_type = obj.get("type")
    if obj_type in policy.drop_object_types:
        counts[DROPPED_OBJECT] += 1
        return None, counts
    individual = obj_type == "identity" and obj.get("identity_class") == "individual"
    drop = set(policy.drop_properties.get(_INDIVIDUAL if individual else str(obj_type), ()))
    result: dict[str, Any] = {}
    for key, value in obj.items():
        if key in drop:
            counts[DROPPED_PROPERTY] += 1
            continue
        if individual and key == "name":
            result[key] = policy.individual_name_placeholder
            counts[PERSON] += 1
        else:
            result[key] = _walk(key, value, anonymizer, policy, counts)
    return result, counts


def _walk(key: str, value: Any, anonymizer: TextAnonymizer, policy: StixPolicy, counts: Counter[str]) -> Any:
    if key in policy.untouched_properties or key.endswith(("_ref", "_refs")):
        return value
    if key in policy.person_list_properties and isinstance(value, list):
        counts[PERSON] += len(value)
        return [policy.individual_name_placeholder for _ in value]
    if isinstance(value, str):
        if not policy.is_free_text(key):
            return value
        redacted, found = anonymizer.redact(value, f"stix.{key}")
        counts.update(found)
        return redacted
    if isinstance(value, list):
        return [_walk(key, item, anonymizer, policy, counts) for item in value]
    if isinstance(value, dict):
        # Extensions and other nested dicts: their own property names decide.
        return {k: _walk(k, v, anonymizer, policy, counts) for k, v in value.items()}
    return value
