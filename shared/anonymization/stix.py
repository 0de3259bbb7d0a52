"""Anonymize objects of partner-submitted STIX 2.1 bundles, as plain dicts (parsing each object with
`stix2` would cost ~0.5 ms an object).

Deny by default (policy.yaml, ``stix:``): every string anywhere in an object, extensions and
custom properties included, goes through the text anonymizer, except under the structural
``verbatim_properties``; inside custom content (``x_*`` properties, third-party extensions) no
string is exempt. Objects and properties personal by nature are dropped, locations coarsened to
country and region, and observed-data's embedded ``objects`` get the same rules as top-level
objects.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from shared.anonymization.detectors import PERSON, URL
from shared.anonymization.policy import StixPolicy
from shared.anonymization.text import TextAnonymizer

DROPPED_OBJECT = "DROPPED-OBJECT"
DROPPED_PROPERTY = "DROPPED-PROPERTY"
_REFERENCE_KEYS = frozenset({"url", "description", "external_id"})
_OMIT = object()  # walk's answer for a value to leave out


def anonymize_stix_object(
    obj: dict[str, Any], anonymizer: TextAnonymizer
) -> tuple[dict[str, Any] | None, Counter[str]]:
    """A redacted copy of obj, or None when the policy drops it; the input is not modified."""
    walker = _Walker(anonymizer)
    return walker.object(obj), walker.counts


class _Walker:
    def __init__(self, anonymizer: TextAnonymizer) -> None:
        self.anonymizer = anonymizer
        self.policy: StixPolicy = anonymizer.policy.stix
        self.counts: Counter[str] = Counter()

    def object(self, obj: dict[str, Any]) -> dict[str, Any] | None:
        policy = self.policy
        obj_type = obj.get("type")
        if obj_type in policy.drop_object_types:
            self.counts[DROPPED_OBJECT] += 1
            return None
        individual = obj_type == "identity" and obj.get("identity_class") == "individual"
        drop = policy.dropped_properties(str(obj_type), individual)
        result: dict[str, Any] = {}
        for key, value in obj.items():
            if key in drop or policy.is_personal(key):
                self.counts[DROPPED_PROPERTY] += 1
            elif individual and key == "name":
                result[key] = policy.individual_name_placeholder
                self.counts[PERSON] += 1
            elif key == "extensions" and isinstance(value, dict):
                extensions = self.extensions(value)
                if extensions:
                    result[key] = extensions
            elif key == "objects" and obj_type == "observed-data" and isinstance(value, dict):
                embedded = self.embedded(value)
                if embedded:
                    result[key] = embedded
            else:
                new = self.walk(value, (key,), custom=policy.is_custom(key))
                if new is not _OMIT:
                    result[key] = new
        if (
            obj_type == "observed-data"
            and "objects" in obj
            and "objects" not in result
            and not result.get("object_refs")
        ):
            # Nothing observed is left: the object would be invalid, and says nothing.
            self.counts[DROPPED_OBJECT] += 1
            return None
        return result

    def extensions(self, extensions: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for ext_id, content in extensions.items():
            if ext_id in self.policy.drop_extensions:
                self.counts[DROPPED_PROPERTY] += 1
                continue
            # Extension ids are references (extension-definition--uuid); the content is custom.
            result[ext_id] = self.walk(content, ("extensions", ext_id), custom=True)
        return result

    def embedded(self, objects: dict[str, Any]) -> dict[str, Any]:
        """observed-data ``objects``: each embedded object as a top-level one; references to
        dropped ones are removed."""
        kept: dict[str, Any] = {}
        dropped: set[str] = set()
        for index, embedded in objects.items():
            out = self.object(embedded) if isinstance(embedded, dict) else None
            if out is None:
                if not isinstance(embedded, dict):
                    self.counts[DROPPED_OBJECT] += 1
                dropped.add(index)
            else:
                kept[index] = out
        if dropped:
            for out in kept.values():
                for key in list(out):
                    value = out[key]
                    if key.endswith("_ref") and value in dropped:
                        del out[key]
                    elif key.endswith("_refs") and isinstance(value, list):
                        refs = [ref for ref in value if ref not in dropped]
                        if refs:
                            out[key] = refs
                        else:
                            del out[key]
        return kept

    def walk(self, value: Any, path: tuple[str, ...], *, custom: bool) -> Any:
        policy = self.policy
        key = path[-1]
        free_text = policy.is_free_text(key)
        if not custom and not free_text and policy.is_verbatim(key):
            return value
        if not custom and key in policy.person_list_properties and isinstance(value, list):
            self.counts[PERSON] += len(value)
            return [policy.individual_name_placeholder for _ in value]
        if isinstance(value, str):
            if path[-2:] == ("external_references", "url") and not custom:
                return self.reference_url(value)
            return self.redact(value, path)
        if isinstance(value, list):
            items = [self.walk(item, path, custom=custom) for item in value]
            if key == "external_references" and not custom:
                # A reference must keep a url, description or external_id (STIX 2.1, 2.5).
                items = [i for i in items if not isinstance(i, dict) or i.keys() & _REFERENCE_KEYS]
                if not items:
                    return _OMIT
            return [item for item in items if item is not _OMIT]
        if isinstance(value, dict):
            result: dict[str, Any] = {}
            for k, v in value.items():
                if not isinstance(k, str):
                    continue
                if policy.is_personal(k):
                    self.counts[DROPPED_PROPERTY] += 1
                    continue
                new_key = self.redact(k, (*path, "key"))
                while new_key in result:  # two keys masked to one placeholder
                    new_key += "_"
                new = self.walk(v, (*path, k), custom=custom or policy.is_custom(k))
                if new is not _OMIT:
                    result[new_key] = new
            return result
        return value

    def redact(self, text: str, path: tuple[str, ...]) -> str:
        redacted, found = self.anonymizer.redact(text, "stix." + path[-1])
        self.counts.update(found)
        return redacted

    def reference_url(self, url: str) -> Any:
        """The url of an external reference on an allowed host, else _OMIT (a masked "[URL]"
        would not be a valid URI; the reference may be a victim's social-media profile)."""
        try:
            host = (urlsplit(url.strip()).hostname or "").lower()
        except ValueError:
            host = ""
        if host and host in self.policy.reference_url_hosts:
            return url
        self.counts[URL] += 1
        return _OMIT
