"""The anonymization policy: what is kept, masked or dropped, per field and kind.

The policy is data (policy.yaml beside this module) so that partners' legal teams can review and
change it without touching code; this module only gives it a typed shape and lookups.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.data_files import parse_yaml

Action = Literal["keep", "mask", "drop"]

DEFAULT_POLICY_PATH = Path(__file__).parent / "policy.yaml"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TextPolicy(_Frozen):
    default: dict[str, Action]
    fields: dict[str, dict[str, Action]] = Field(default_factory=dict)

    def action(self, field: str, kind: str) -> Action:
        """Most specific rule wins: "stix.description" -> "stix" -> default; unknown kinds are masked
        because an unlisted kind is a detector the policy author has not reviewed yet."""
        candidate: str | None = field
        while candidate:
            rules = self.fields.get(candidate)
            if rules is not None and kind in rules:
                return rules[kind]
            candidate = candidate.rpartition(".")[0] or None
        return self.default.get(kind, "mask")


class Bucket(_Frozen):
    max: Annotated[int, Field(ge=0)]
    label: str


class VictimCountPolicy(_Frozen):
    exact_from: Annotated[int, Field(ge=0)] = 10
    buckets: list[Bucket] = Field(
        default_factory=lambda: [Bucket(max=0, label="0"), Bucket(max=9, label="1-9")]
    )

    def bucket(self, count: int) -> str:
        if count >= self.exact_from:
            return str(count)
        for bucket in sorted(self.buckets, key=lambda b: b.max):
            if count <= bucket.max:
                return bucket.label
        return f"<{self.exact_from}"


class LossesPolicy(_Frozen):
    significant_digits: Annotated[int, Field(ge=1, le=15)] = 2


class TimestampsPolicy(_Frozen):
    truncate_to: Literal["day", "hour", "none"] = "day"
    fields: list[str] = Field(default_factory=lambda: ["first_seen", "last_seen"])


class ReportPolicy(_Frozen):
    drop_victim_indicators: bool = True
    drop_submitter: bool = True
    victim_count: VictimCountPolicy = Field(default_factory=VictimCountPolicy)
    losses: LossesPolicy = Field(default_factory=LossesPolicy)
    timestamps: TimestampsPolicy = Field(default_factory=TimestampsPolicy)


class StixPolicy(_Frozen):
    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    free_text_properties: list[str] = Field(default_factory=list)
    person_list_properties: list[str] = Field(default_factory=list)
    drop_object_types: list[str] = Field(default_factory=list)
    drop_properties: dict[str, list[str]] = Field(default_factory=dict)
    individual_name_placeholder: str = "[PERSON]"
    # Short labels kept only when structural (a known vocabulary value); any other value is
    # replaced whole by its placeholder, since a lone word (a surname, a unit's name) gives the
    # text detectors nothing to go on.
    replaced_unless_structural: dict[str, str] = Field(default_factory=dict)
    # Deny by default: every string is redacted except under these (structural) property names;
    # globs allowed ("*_refs"). Never applied inside custom content (x_* and third-party extensions).
    verbatim_properties: list[str] = Field(default_factory=list)
    # Verbatim properties of free form (made-up slugs): kept only when they name no one.
    slug_properties: list[str] = Field(default_factory=list)
    # Property names dropped wherever they appear (any object, any depth, custom content included).
    personal_properties: list[str] = Field(default_factory=list)
    # Extensions dropped from partner objects (crimefeed's own: only its builder writes it).
    drop_extensions: list[str] = Field(default_factory=list)
    # Property name prefixes of custom content, where no verbatim rule applies.
    custom_property_prefixes: list[str] = Field(default_factory=lambda: ["x_"])
    # external_references[].url is kept only on these hosts; any other url is dropped.
    reference_url_hosts: list[str] = Field(default_factory=list)
    # Per object type, properties of which the object needs at least one (STIX 2.1): an object
    # left with none of them after dropping is dropped whole rather than published invalid.
    required_one_of: dict[str, list[str]] = Field(default_factory=dict)

    @cached_property
    def _verbatim_exact(self) -> frozenset[str]:
        return frozenset(p for p in self.verbatim_properties if not any(c in p for c in "*?["))

    @cached_property
    def _verbatim_globs(self) -> tuple[str, ...]:
        return tuple(p for p in self.verbatim_properties if any(c in p for c in "*?["))

    def is_verbatim(self, prop: str) -> bool:
        return prop in self._verbatim_exact or any(fnmatchcase(prop, g) for g in self._verbatim_globs)

    @cached_property
    def _personal(self) -> frozenset[str]:
        return frozenset(p.lower() for p in self.personal_properties)

    def is_personal(self, prop: str) -> bool:
        return prop.lower() in self._personal

    def is_custom(self, prop: str) -> bool:
        return prop.startswith(tuple(self.custom_property_prefixes))

    def dropped_properties(self, obj_type: str, individual: bool) -> frozenset[str]:
        """Properties dropped from an object of this type: the type's, plus the individual's."""
        dropped = set(self.drop_properties.get(obj_type, ()))
        if individual:
            dropped.update(self.drop_properties.get("identity-individual", ()))
        return frozenset(dropped)

    @cached_property
    def _exact_free_text(self) -> frozenset[str]:
        return frozenset(p for p in self.free_text_properties if not p.endswith("*"))

    @cached_property
    def _free_text_prefixes(self) -> tuple[str, ...]:
        return tuple(p[:-1] for p in self.free_text_properties if p.endswith("*"))

    def is_free_text(self, prop: str) -> bool:
        return prop in self._exact_free_text or prop.startswith(self._free_text_prefixes)


class Policy(_Frozen):
    version: int = 1
    text: TextPolicy
    report: ReportPolicy = Field(default_factory=ReportPolicy)
    stix: StixPolicy = Field(default_factory=StixPolicy)


def load_policy(path: Path | None = None) -> Policy:
    """Load and validate a policy file; the bundled default when path is None."""
    source = path if path is not None else DEFAULT_POLICY_PATH
    with source.open(encoding="utf-8") as handle:
        raw = parse_yaml(handle.read())
    return Policy.model_validate(raw)
