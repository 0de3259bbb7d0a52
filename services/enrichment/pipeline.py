"""The enrichment pipeline, without Kafka: bundles in, enriched objects with their topics out.

Two phases, so that replicas share as little lock time as possible:

``prepare`` (no shared state, runs outside the lock): decode, validate, tag, fingerprint and
MinHash every object of one submission.

``embed_ahead`` (reads the shared state, takes no write lock): starts the MO-cluster vectors of
the objects that may be new; with the encoder in its own process they are computed while the
service prepares the rest of the batch and decides, and ``decide`` waits for each one it needs.

``decide`` (inside one ``DedupStore`` session, atomic across replicas): for each object,
- the same (id, content) already emitted: an exact duplicate; nothing new is emitted for it, the
  canonical's ``sighting_count`` grows (a new version of the canonical, for counted types);
- a known id with other content: a new version, emitted once, count grows (stamped later than
  the last version emitted when its own ``modified`` is not, so versions only move forward);
- a new id whose fingerprint is known: an exact duplicate under another id ("fingerprint");
- a new id whose MO text is close to a canonical's: a near duplicate ("minhash");
  such duplicates are emitted *linked*: ``dedup {canonical_ref, method, score}`` in the
  extension, so references to them inside their bundle still resolve, and the canonical's
  count grows;
- otherwise a new canonical, ``sighting_count`` 1.
Every new report and MO step then gets its MO cluster (``mo_cluster`` in the extension, see
clustering.py): a duplicate takes its canonical's, anything else is compared by meaning; the
sightings of a report count in its report's cluster, so trends per MO count clusters.
Objects the router cannot place (a TLP:RED recipient that cannot be a topic name) are set
aside in ``prepare`` with the invalid ones and dead-lettered with the reason; the rest of their
bundle goes on. So are, in ``decide``, objects under a known id that another identity created or
that changes the id's sharing scope (``ownership_conflict``; the first claim of an id decides,
atomically across replicas), and shared reference objects are never counted or versioned.
Then every emitted object is routed, and everything the batch emits is written to the outbox
in the same transaction.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import numpy as np
import orjson

from services.enrichment.clustering import CLUSTERED_TYPES, Member
from services.enrichment.embedding import Pending, Vector
from services.enrichment.fingerprint import fingerprint, sharing_scope
from services.enrichment.mo_clusters import Clusterer, MOText
from services.enrichment.neardup import (
    COMPARED_TYPES,
    MinHasher,
    Signature,
    crime_category,
    external_ids,
    object_text,
)
from services.enrichment.routing import RoutingError
from services.enrichment.state import DedupSession, DedupStore, KnownObject
from shared.access import scope_of
from shared.kafka.codecs import decode
from shared.kafka.topics import Topics
from shared.stix.extension import EXTENSION_ID, extension_block
from shared.stix.references import is_reference
from shared.stix.validation import Rejection, bundle_objects, split_valid

# Types whose repeats are counted on a new version of the canonical. Definitions (markings,
# the extension), identities, locations, relationships, sightings and observables are not:
# repeating them says nothing new, and they are simply not emitted again.
COUNTED_TYPES = frozenset(
    {
        "attack-pattern",
        "campaign",
        "course-of-action",
        "indicator",
        "infrastructure",
        "intrusion-set",
        "malware",
        "observed-data",
        "report",
        "threat-actor",
        "tool",
        "vulnerability",
    }
)
# Objects that must stay byte for byte as defined (the official TLP definitions, our extension).
_UNTOUCHED_TYPES = frozenset({"marking-definition", "extension-definition"})


class TaggerLike(Protocol):
    def tag_objects(self, objects: list[dict[str, Any]]) -> None: ...


class TrendsLike(Protocol):
    def observe(self, sighting: dict[str, Any]) -> dict[str, Any]: ...


Router = Callable[[dict[str, Any], Topics], list[str]]


@dataclass(slots=True)
class Prepared:
    obj: dict[str, Any]
    fingerprint: str
    signature: Signature | None
    index: int = -1
    """Position in the submitted bundle (for the reasons of a rejection)."""
    mo: MOText | None = None
    vector: Vector | None = None
    pending: tuple[Pending, int] | None = None
    """The vector being computed (``embed_ahead``) and its row; ``_vector`` takes it."""
    looked_up: bool = False
    """Whether ``embed_ahead`` already decided if this object needs a vector."""
    topics: tuple[str, ...] = ()
    """Where the object is published (routed once, in ``prepare``: dedup never changes what
    routing reads)."""


@dataclass(slots=True)
class PreparedBundle:
    source: str
    trace_id: str | None
    objects: list[Prepared]
    rejected: list[Rejection]


@dataclass(frozen=True, slots=True)
class Output:
    topics: tuple[str, ...]
    obj: dict[str, Any]
    trace_id: str | None
    value: bytes | None = None
    """The object as published (encoded once, with the outbox payload)."""


@dataclass(slots=True)
class Decision:
    outputs: list[Output] = field(default_factory=list)
    fresh_sources: list[str] = field(default_factory=list)
    """Sources processed in this batch (their rejected objects still need dead-lettering)."""
    replay_payloads: list[bytes] = field(default_factory=list)
    """Outbox payloads of pending batches that a redelivery asks to be republished."""
    replay_batch_ids: list[int] = field(default_factory=list)
    batch_id: int | None = None
    stats: dict[str, int] = field(default_factory=dict)


def version_of(obj: dict[str, Any]) -> str:
    """The version part of (id, modified); objects without `modified` have one version."""
    return str(obj.get("modified") or obj.get("created") or "")


def _ms(stamp: str) -> datetime:
    return datetime.strptime(stamp[:23].rstrip("Z").ljust(23, "0"), "%Y-%m-%dT%H:%M:%S.%f").replace(
        tzinfo=UTC
    )


def _after(version: str, previous: str) -> bool:
    """Whether timestamp `version` is later than `previous` (at millisecond precision)."""
    try:
        return _ms(version) > _ms(previous)
    except ValueError:
        return version > previous


class NoLaterVersion(ValueError):
    """No `modified` later than the stored version's can be written (it is at the end of time)."""


def bumped_modified(previous: str, now: datetime) -> str:
    """A `modified` later than `previous` (ms precision), normally now.

    Raises NoLaterVersion when `previous` is the last representable millisecond: a version once
    stored this late must not make every later batch that touches its id fail.
    """
    try:
        floor = _ms(previous) + timedelta(milliseconds=1)
    except ValueError:
        floor = now
    except OverflowError as error:
        raise NoLaterVersion(
            "modified: the version already emitted for this id is at the end of the timestamp "
            "range, so no later version can be stamped"
        ) from error
    moment = max(now.astimezone(UTC), floor)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z"


def our_extension(obj: dict[str, Any]) -> dict[str, Any]:
    """crimefeed's extension block of `obj`, created if missing (mutates `obj`)."""
    extensions = obj.setdefault("extensions", {})
    if EXTENSION_ID not in extensions:
        extensions.update(extension_block({}))
    block: dict[str, Any] = extensions[EXTENSION_ID]
    return block


def source_of(key: bytes | None, bundle_id: str) -> str:
    """What identifies a submission across redeliveries: its key (the submission id)."""
    return key.decode("utf-8", "replace") if key else bundle_id


class Enricher:
    def __init__(
        self,
        topics: Topics,
        *,
        tagger: TaggerLike,
        router: Router,
        trends: TrendsLike | None = None,
        hasher: MinHasher | None = None,
        clusterer: Clusterer | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.topics = topics
        self.tagger = tagger
        self.router = router
        self.trends = trends
        self.hasher = hasher or MinHasher()
        self.clusterer = clusterer
        self.clock = clock

    # --- phase 1: no shared state ------------------------------------------------------------

    def prepare(
        self, value: bytes | None, key: bytes | None = None, trace_id: str | None = None
    ) -> PreparedBundle:
        """Raises DecodeError or InvalidBundle when the whole message is unusable."""
        bundle = decode(value or b"")
        raw = bundle_objects(bundle)
        objects, rejected = split_valid(raw)
        objects, routes = self._routable(objects, raw, rejected)
        # Fingerprint what the submission says, before tagging adds what its context implies
        # (tags, an inferred category, a sighting's country): shared objects must collapse.
        fingerprints = [fingerprint(obj) for obj in objects]
        self.tagger.tag_objects(objects)
        by_id = {obj["id"]: obj for obj in objects}
        position = {id(item): index for index, item in enumerate(raw)}
        clusterer = self.clusterer
        prepared = [
            Prepared(
                obj,
                fp,
                self._signature(obj, by_id),
                position.get(id(obj), -1),
                clusterer.profile(obj, by_id) if clusterer else None,
                topics=topics,
            )
            for obj, fp, topics in zip(objects, fingerprints, routes, strict=True)
        ]
        return PreparedBundle(source_of(key, bundle["id"]), trace_id, prepared, rejected)

    def _routable(
        self, objects: list[dict[str, Any]], raw: list[Any], rejected: list[Rejection]
    ) -> tuple[list[dict[str, Any]], list[tuple[str, ...]]]:
        """The objects the router can place and their topics; the others join `rejected` (they
        go to the DLQ).

        Routing depends only on an object's own marking and recipients, which neither tagging
        nor dedup changes, so what is decided here (outside the shared state) is final.
        """
        kept: list[dict[str, Any]] = []
        routes: list[tuple[str, ...]] = []
        position: dict[int, int] | None = None
        for obj in objects:
            try:
                topics = tuple(self.router(obj, self.topics))
            except RoutingError as error:
                if position is None:
                    position = {id(item): index for index, item in enumerate(raw)}
                rejected.append(Rejection(position.get(id(obj), -1), obj, str(error)))
                continue
            kept.append(obj)
            routes.append(topics)
        if position is not None:
            rejected.sort(key=lambda rejection: rejection.index)
        return kept, routes

    def _signature(self, obj: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> Signature | None:
        if obj["type"] not in COMPARED_TYPES:
            return None
        steps: list[str] = []
        if obj["type"] == "report":
            # A report's MO is its narrative plus the MO steps it refers to.
            for ref in obj.get("object_refs", ()):
                step = by_id.get(ref)
                if step is not None and step["type"] == "attack-pattern":
                    steps.append(str(step.get("description") or step.get("name") or ""))
        values = self.hasher.hashvalues(object_text(obj, steps))
        if values is None:
            return None
        return Signature(
            object_id=obj["id"],
            stix_type=obj["type"],
            scope=sharing_scope(obj),
            external_ids=external_ids(obj),
            category=crime_category(obj),
            hashvalues=values,
        )

    # --- phase 2: inside a DedupStore session -------------------------------------------------

    def decide(self, session: DedupSession, bundles: list[PreparedBundle]) -> Decision:
        decision = Decision()
        stats = decision.stats
        statuses = session.source_status(b.source for b in bundles)
        fresh: list[PreparedBundle] = []
        seen_sources: set[str] = set()
        for bundle in bundles:
            status = statuses.get(bundle.source)
            if bundle.source in seen_sources or (status is not None and status.done):
                stats["replayed"] = stats.get("replayed", 0) + 1
                continue
            seen_sources.add(bundle.source)
            if status is not None:  # pending: published or not, republish exactly what was decided
                if status.batch_id not in decision.replay_batch_ids:
                    payload = session.pending_payload(status.batch_id)
                    if payload is not None:
                        decision.replay_payloads.append(payload)
                    decision.replay_batch_ids.append(status.batch_id)
                continue
            fresh.append(bundle)
        decision.fresh_sources = [b.source for b in fresh]
        if not fresh:
            return decision

        items = [item for bundle in fresh for item in bundle.objects]
        known = session.known_objects({item.obj["id"] for item in items})
        canonical_by_fp = session.canonical_for_fingerprints({item.fingerprint for item in items})
        # The canonicals that exact repeats count on, in one query rather than one per repeat.
        known.update(session.known_objects(set(canonical_by_fp.values()) - known.keys()))
        bumped: dict[str, str | None] = {}  # canonical id -> trace id of the latest repeat
        now = self.clock()
        # Normally done by embed_ahead, outside the write lock; here for callers that skip it.
        self._embed(self._may_be_new(session, [item for item in items if not item.looked_up]))

        for bundle in fresh:
            counted_here: set[str] = set()
            # Sightings last: they count in their report's cluster, decided with the report.
            ordered = sorted(bundle.objects, key=lambda item: item.obj["type"] == "sighting")
            for item in ordered:
                if item.obj["type"] == "sighting":
                    self._sighting_cluster(session, bundle, item.obj)
                output = self._decide_one(
                    session, item, known, canonical_by_fp, bumped, counted_here, bundle, stats
                )
                if output is not None:
                    decision.outputs.append(Output(item.topics, output, bundle.trace_id))

        for canonical_id, trace_id in bumped.items():
            canonical = known[canonical_id]
            body = copy.deepcopy(canonical.body)
            try:
                body["modified"] = bumped_modified(canonical.modified, now)
            except NoLaterVersion:
                # Keep the count; the canonical's next version that can be stamped carries it.
                session.put_object(canonical)
                stats["unstampable"] = stats.get("unstampable", 0) + 1
                continue
            our_extension(body)["sighting_count"] = canonical.sighting_count
            canonical.modified, canonical.body = body["modified"], body
            session.put_object(canonical)
            session.add_version(canonical_id, body["modified"])
            decision.outputs.append(Output(tuple(self.router(body, self.topics)), body, trace_id))
            stats["canonical_versions"] = stats.get("canonical_versions", 0) + 1

        # Each object encoded once, for the outbox and for the message (the same bytes).
        decision.outputs = [
            Output(o.topics, o.obj, o.trace_id, orjson.dumps(o.obj)) for o in decision.outputs
        ]
        payload = orjson.dumps(
            [[list(o.topics), o.trace_id, orjson.Fragment(o.value or b"")] for o in decision.outputs]
        )
        decision.batch_id = session.record_outbox(decision.fresh_sources, payload)
        return decision

    # --- between the phases: vectors, computed outside the write lock ---------------------------

    def embed_ahead(self, store: DedupStore, bundles: list[PreparedBundle]) -> None:
        """Start the vectors of the clustered objects of some bundles that may be new.

        Run before the batch's session (BEGIN IMMEDIATE), on each part of a batch as soon as it
        is prepared: the model is most of enrichment's time, and here replicas run it side by
        side instead of one after the other, and, with the encoder in its own process, beside
        this one's preparing and deciding. Objects that are known, exact duplicates or near
        duplicates of a canonical take their canonical's cluster and need no vector; what
        ``preview`` finds so stays so. An object that turns out to need a vector in ``decide``
        anyway (another replica's canonical was not linkable) is embedded there.
        """
        if self.clusterer is None:
            return
        items = [item for bundle in bundles for item in bundle.objects if not item.looked_up]
        with store.preview() as view:
            todo = self._may_be_new(view, items)
        self._submit(todo)

    def _may_be_new(self, view: DedupSession, items: list[Prepared]) -> list[Prepared]:
        """The clustered objects with a text to embed that ``view`` does not place already."""
        if self.clusterer is None:
            return []
        candidates = [
            item
            for item in items
            if item.mo is not None and item.mo.text and item.vector is None and item.pending is None
        ]
        for item in items:
            item.looked_up = True
        if not candidates:
            return []
        known = view.known_objects({item.obj["id"] for item in candidates})
        canonical_by_fp = view.canonical_for_fingerprints({item.fingerprint for item in candidates})
        return [
            item
            for item in candidates
            if item.obj["id"] not in known
            and item.fingerprint not in canonical_by_fp
            and (item.signature is None or view.index.best_match(item.signature) is None)
        ]

    def _submit(self, items: list[Prepared]) -> None:
        if self.clusterer is None or not items:
            return
        pending = self.clusterer.submit([item.mo.text if item.mo else "" for item in items])
        for row, item in enumerate(items):
            item.pending = (pending, row)

    def _embed(self, items: list[Prepared]) -> None:
        self._submit(items)
        for item in items:
            self._vector(item)

    @staticmethod
    def _vector(item: Prepared) -> Vector | None:
        """The item's vector, once computed (waits for it)."""
        if item.pending is not None:
            pending, row = item.pending
            item.vector = np.ascontiguousarray(pending.row(row))
            item.pending = None
        return item.vector

    def close(self) -> None:
        """Stop the sentence encoder's process, if it runs in one."""
        if self.clusterer is not None:
            self.clusterer.embedder.close()

    @staticmethod
    def _sighting_cluster(session: DedupSession, bundle: PreparedBundle, sighting: dict[str, Any]) -> None:
        """Put a report's sighting in the report's MO cluster (trends count per cluster)."""
        for item in bundle.objects:
            report = item.obj
            if report["type"] == "report" and sighting["id"] in report.get("object_refs", ()):
                member = session.clusters.get(report["id"])
                if member is not None:
                    our_extension(sighting)["mo_cluster"] = {
                        "canonical_ref": member.membership.cluster_id,
                        "method": "report",
                        "score": 1.0,
                        "evidence": {"report_ref": report["id"]},
                    }
                return

    def _cluster(self, session: DedupSession, item: Prepared, dedup: dict[str, Any] | None) -> None:
        """The MO cluster of a new report or MO step, recorded in the state and the extension."""
        if self.clusterer is None or item.mo is None:
            return
        duplicate_of = None
        if dedup is not None:
            duplicate_of = (str(dedup["canonical_ref"]), str(dedup["method"]), float(dedup["score"]))
        # A duplicate in its canonical's cluster keeps no vector, even one computed ahead (a near
        # duplicate of another object new in the same batch): what the index holds must not
        # depend on how submissions fell into batches.
        placed = self.clusterer.placed(session.clusters, item.mo.profile, duplicate_of)
        if not placed and item.vector is None and item.pending is None and item.mo.text:
            self._embed([item])  # rare: a duplicate whose canonical it may not link to
        vector = None if placed else self._vector(item)
        membership = self.clusterer.assign(session.clusters, item.mo.profile, vector, duplicate_of)
        our_extension(item.obj)["mo_cluster"] = membership.extension()
        session.add_member(Member(item.mo.profile, vector, membership))

    def _count_repeat(
        self,
        canonical_id: str,
        known: dict[str, KnownObject],
        bumped: dict[str, str | None],
        counted_here: set[str],
        bundle: PreparedBundle,
        session: DedupSession,
    ) -> None:
        """One more sighting of a canonical (once per submission)."""
        if canonical_id in counted_here:
            return
        counted_here.add(canonical_id)
        canonical = known.get(canonical_id)
        if canonical is None:
            found = session.known_objects([canonical_id])
            if canonical_id not in found:
                return
            canonical = known[canonical_id] = found[canonical_id]
        if is_reference(canonical.body):
            return
        canonical.sighting_count += 1
        if canonical.body.get("type") in COUNTED_TYPES and "modified" in canonical.body:
            bumped[canonical_id] = bundle.trace_id
        else:
            session.put_object(canonical)

    def _decide_one(
        self,
        session: DedupSession,
        item: Prepared,
        known: dict[str, KnownObject],
        canonical_by_fp: dict[str, str],
        bumped: dict[str, str | None],
        counted_here: set[str],
        bundle: PreparedBundle,
        stats: dict[str, int],
    ) -> dict[str, Any] | None:
        obj = item.obj
        object_id = obj["id"]
        previous = known.get(object_id)
        if previous is not None:
            conflict = ownership_conflict(previous.body, obj)
            if conflict is not None:
                bundle.rejected.append(Rejection(item.index, obj, conflict))
                stats["refused"] = stats.get("refused", 0) + 1
                return None
        if previous is not None and is_reference(previous.body):
            stats["exact_id"] = stats.get("exact_id", 0) + 1  # constants: never counted nor versioned
            return None
        if previous is not None and previous.fingerprint == item.fingerprint:
            stats["exact_id"] = stats.get("exact_id", 0) + 1
            self._count_repeat(object_id, known, bumped, counted_here, bundle, session)
            return None
        version = version_of(obj)
        if previous is not None:
            if "modified" not in obj:
                # SCOs and marking definitions have one version: the first content stays.
                stats["exact_id"] = stats.get("exact_id", 0) + 1
                self._count_repeat(object_id, known, bumped, counted_here, bundle, session)
                return None
            if not _after(version, previous.modified):
                # Another submission's copy stamped no later than what was emitted (two
                # submissions built in one millisecond, or a late arrival): emit it as a newer
                # version, so that each (id, modified) has one content and counts never depend
                # on the order submissions arrive in.
                try:
                    version = bumped_modified(previous.modified, self.clock())
                except NoLaterVersion as error:
                    # Only this object fails (dead-lettered with the reason); its bundle goes on.
                    bundle.rejected.append(Rejection(item.index, obj, str(error)))
                    stats["unstampable"] = stats.get("unstampable", 0) + 1
                    return None
                obj["modified"] = version
                stats["restamped"] = stats.get("restamped", 0) + 1
            stats["new_version"] = stats.get("new_version", 0) + 1
            counted_here.add(object_id)
            if isinstance(previous.body.get("created"), str) and "created" in obj:
                obj["created"] = previous.body["created"]  # STIX: every version keeps `created`
            count = previous.sighting_count + 1
            if obj["type"] not in _UNTOUCHED_TYPES:
                our_extension(obj)["sighting_count"] = count
            member = session.clusters.get(object_id) if obj["type"] in CLUSTERED_TYPES else None
            if member is not None:  # a new version stays in its cluster
                our_extension(obj)["mo_cluster"] = member.membership.extension()
            previous.sighting_count = count
            previous.modified, previous.fingerprint, previous.body = version, item.fingerprint, obj
            session.put_object(previous)
            session.add_version(object_id, version)
            bumped.pop(object_id, None)  # this version already carries the new count
            return obj

        dedup: dict[str, Any] | None = None
        canonical_id = canonical_by_fp.get(item.fingerprint)
        if is_reference(obj):
            # Shared reference objects are constants: no count, no duplicate links.
            stats["new"] = stats.get("new", 0) + 1
            known[object_id] = KnownObject(object_id, version, item.fingerprint, 0, obj)
            session.put_object(known[object_id])
            session.add_version(object_id, version)
            return obj
        if canonical_id is not None and canonical_id != object_id:
            dedup = {"canonical_ref": canonical_id, "method": "fingerprint", "score": 1.0}
            stats["fingerprint"] = stats.get("fingerprint", 0) + 1
        elif item.signature is not None:
            match = session.index.best_match(item.signature)
            if match is not None:
                dedup = {
                    "canonical_ref": match.canonical_id,
                    "method": "minhash",
                    "score": round(match.score, 4),
                }
                stats["minhash"] = stats.get("minhash", 0) + 1
        if canonical_id is None:
            session.claim_fingerprint(item.fingerprint, object_id)
            canonical_by_fp[item.fingerprint] = object_id

        if obj["type"] not in _UNTOUCHED_TYPES:
            extension = our_extension(obj)
            extension["sighting_count"] = 1
            if dedup is not None:
                extension["dedup"] = dedup
        self._cluster(session, item, dedup)
        if dedup is not None:
            self._count_repeat(dedup["canonical_ref"], known, bumped, counted_here, bundle, session)
        else:
            stats["new"] = stats.get("new", 0) + 1
            if item.signature is not None:
                session.add_signature(item.signature)
        if obj["type"] == "sighting" and self.trends is not None:
            flags = self.trends.observe(obj)
            if flags:
                our_extension(obj)["trend"] = flags
        counted_here.add(object_id)
        known[object_id] = KnownObject(object_id, version, item.fingerprint, 1, obj)
        session.put_object(known[object_id])
        session.add_version(object_id, version)
        return obj


def ownership_conflict(first: dict[str, Any], new: dict[str, Any]) -> str | None:
    """Why ``new`` may not be a version of the object ``first`` began, or None if it may.

    One id, one creator: only the identity that created an object versions it (STIX 2.1,
    section 3.6). One id, one sharing scope: no version changes the TLP or recipients, so no
    version list mixes scopes and no version lowers what its object was shared at; the creator
    shares an object at another TLP under another id (the report path derives ids with the
    scope, so resubmitting at another TLP does exactly that). The reason names the id only.
    """
    object_id = new.get("id")
    if first.get("created_by_ref") != new.get("created_by_ref"):
        return f"{object_id} was created by another identity; only its creator makes new versions of it"
    if scope_of(first) != scope_of(new):
        return (
            f"{object_id} is shared at another TLP or with other recipients; a version cannot change "
            "its sharing scope (share it at another scope under a new id)"
        )
    return None


def replay_outputs(payload: bytes) -> list[Output]:
    """The outputs an outbox payload holds, to republish them unchanged."""
    return [Output(tuple(topics), obj, trace_id) for topics, trace_id, obj in orjson.loads(payload)]


def iter_rejections(bundles: Iterable[PreparedBundle], sources: set[str]) -> Iterable[PreparedBundle]:
    return (bundle for bundle in bundles if bundle.rejected and bundle.source in sources)
