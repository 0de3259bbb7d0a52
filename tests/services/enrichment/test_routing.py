"""TLP routing: every object by its own marking, RED only to its recipients."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.enrichment.routing import UNMARKED_DEFAULT, RoutingError, effective_tlp, route
from shared.kafka.topics import Topics
from shared.models.report import TLP, MOReport
from shared.stix import builder, ids
from shared.stix.extension import EXTENSION_ID, crimefeed_identity, extension_block, extension_definition
from shared.stix.markings import TLP1_MARKING_IDS, TLP_MARKING_IDS, tlp_marking, tlp_rank

TOPICS = Topics()
SHARED_FEEDS = {TOPICS.feed(level.value) for level in TLP if level is not TLP.RED}


def _obj(
    stix_type: str = "indicator",
    markings: list[str] | None = None,
    **extension: Any,
) -> dict[str, Any]:
    obj: dict[str, Any] = {"type": stix_type, "spec_version": "2.1", "id": f"{stix_type}--0001"}
    if markings is not None:
        obj["object_marking_refs"] = markings
    if extension:
        obj["extensions"] = extension_block(extension)
    return obj


@pytest.mark.parametrize(
    ("level", "feed"),
    [
        (TLP.CLEAR, "crimefeed.feed.clear.v1"),
        (TLP.GREEN, "crimefeed.feed.green.v1"),
        (TLP.AMBER, "crimefeed.feed.amber.v1"),
        (TLP.AMBER_STRICT, "crimefeed.feed.amber-strict.v1"),
    ],
)
def test_shareable_levels_go_to_objects_and_their_own_feed(level: TLP, feed: str) -> None:
    assert route(_obj(markings=[TLP_MARKING_IDS[level]]), TOPICS) == ["crimefeed.objects.v1", feed]


def test_red_goes_only_to_each_recipient_once_sorted() -> None:
    obj = _obj(markings=[TLP_MARKING_IDS[TLP.RED]], tlp="red", recipients=["cert-fr", "bka", "cert-fr"])
    assert route(obj, TOPICS) == [
        "crimefeed.objects.v1",
        "crimefeed.feed.red.bka.v1",
        "crimefeed.feed.red.cert-fr.v1",
    ]


def test_red_without_recipients_reaches_no_feed() -> None:
    assert route(_obj(markings=[TLP_MARKING_IDS[TLP.RED]]), TOPICS) == ["crimefeed.objects.v1"]


def test_red_with_a_recipient_that_cannot_be_a_topic_is_an_error() -> None:
    obj = _obj(markings=[TLP_MARKING_IDS[TLP.RED]], recipients=["../all"])
    with pytest.raises(RoutingError):
        route(obj, TOPICS)
    with pytest.raises(RoutingError):
        route(_obj(markings=[TLP_MARKING_IDS[TLP.RED]], recipients="bka"), TOPICS)


def test_unmarked_content_is_amber_never_clear() -> None:
    assert UNMARKED_DEFAULT is TLP.AMBER
    assert route(_obj(), TOPICS) == ["crimefeed.objects.v1", "crimefeed.feed.amber.v1"]
    # A marking that is not TLP (a copyright statement) does not make an object public either.
    assert (
        effective_tlp(_obj(markings=["marking-definition--a1b2c3d4-0000-4000-8000-000000000000"]))
        is TLP.AMBER
    )


def test_definitions_and_crimefeed_identity_are_public() -> None:
    for obj in (tlp_marking(TLP.RED), extension_definition(), crimefeed_identity()):
        assert route(obj, TOPICS) == ["crimefeed.objects.v1", "crimefeed.feed.clear.v1"], obj["type"]


def test_a_definition_with_its_own_marking_is_routed_by_it() -> None:
    definition = {**extension_definition(), "object_marking_refs": [TLP_MARKING_IDS[TLP.GREEN]]}
    assert route(definition, TOPICS)[1] == "crimefeed.feed.green.v1"


def test_an_ordinary_identity_is_not_public() -> None:
    pseudonym = {"type": "identity", "id": "identity--0002", "name": "partner-x"}
    assert effective_tlp(pseudonym) is TLP.AMBER


def test_tlp1_white_is_clear() -> None:
    white = next(marking_id for marking_id, level in TLP1_MARKING_IDS.items() if level is TLP.CLEAR)
    assert route(_obj(markings=[white]), TOPICS)[1] == "crimefeed.feed.clear.v1"


def test_marking_and_declared_tlp_disagreeing_take_the_stricter() -> None:
    obj = _obj(markings=[TLP_MARKING_IDS[TLP.GREEN]], tlp="amber+strict")
    assert effective_tlp(obj) is TLP.AMBER_STRICT
    obj = _obj(markings=[TLP_MARKING_IDS[TLP.RED]], tlp="clear", recipients=["bka"])
    assert route(obj, TOPICS) == ["crimefeed.objects.v1", "crimefeed.feed.red.bka.v1"]
    # A declared value that is not a TLP level is ignored, the marking holds.
    assert effective_tlp(_obj(markings=[TLP_MARKING_IDS[TLP.GREEN]], tlp="white-ish")) is TLP.GREEN


def test_several_tlp_markings_take_the_strictest() -> None:
    obj = _obj(markings=[TLP_MARKING_IDS[TLP.CLEAR], TLP_MARKING_IDS[TLP.AMBER]])
    assert effective_tlp(obj) is TLP.AMBER


def test_a_related_object_is_routed_by_its_own_marking_not_its_reports() -> None:
    """An AMBER attack-pattern cited by a RED report stays AMBER; a RED one cited by GREEN stays RED."""
    amber_pattern = _obj("attack-pattern", [TLP_MARKING_IDS[TLP.AMBER]])
    red_report = _obj("report", [TLP_MARKING_IDS[TLP.RED]], recipients=["bka"])
    red_report["object_refs"] = [amber_pattern["id"]]
    assert route(amber_pattern, TOPICS) == ["crimefeed.objects.v1", "crimefeed.feed.amber.v1"]
    assert route(red_report, TOPICS) == ["crimefeed.objects.v1", "crimefeed.feed.red.bka.v1"]

    red_pattern = _obj("attack-pattern", [TLP_MARKING_IDS[TLP.RED]], recipients=["bka"])
    green_report = _obj("report", [TLP_MARKING_IDS[TLP.GREEN]])
    green_report["object_refs"] = [red_pattern["id"]]
    assert not set(route(red_pattern, TOPICS)) & SHARED_FEEDS
    assert route(green_report, TOPICS)[1] == "crimefeed.feed.green.v1"


def test_every_object_of_a_red_report_bundle_stays_off_shared_feeds() -> None:
    report = MOReport.model_validate(
        {
            "title": "Invoice fraud against municipalities",
            "narrative": "A supplier's bank details were changed by e-mail.",
            "modus_operandi": [
                {"description": "Look-alike domain of a supplier", "technique_id": "T1583.001"}
            ],
            "indicators": [{"type": "domain-name", "value": "supp1ier-invoices.example"}],
            "country": "DE",
            "tlp": "red",
            "recipients": ["bka", "cert-de"],
        }
    )
    objects = builder.build_report_bundle(
        report,
        pseudonym=ids.pseudonymize("partner", b"key"),
        submission_id="s-1",
        redactions={},
        clock=lambda: datetime(2026, 11, 20, tzinfo=UTC),
    )
    for obj in objects:
        topics = route(obj, TOPICS)
        assert topics[0] == TOPICS.objects
        if (
            obj["type"] in ("marking-definition", "extension-definition")
            or obj["id"] == crimefeed_identity()["id"]
        ):
            assert topics[1:] == [TOPICS.feed("clear")]
        else:
            assert not set(topics) & SHARED_FEEDS, obj["type"]
            if EXTENSION_ID in obj.get("extensions", {}):
                assert topics[1:] == [TOPICS.red_feed("bka"), TOPICS.red_feed("cert-de")], obj["type"]


_MARKING_IDS = [
    *TLP_MARKING_IDS.values(),
    *TLP1_MARKING_IDS,
    "marking-definition--9c7d0a2e-0000-4000-8000-00000000beef",
]
_TYPES = ["report", "attack-pattern", "indicator", "sighting", "identity", "relationship", "domain-name"]


@given(
    stix_type=st.sampled_from(_TYPES),
    markings=st.none() | st.lists(st.sampled_from(_MARKING_IDS), max_size=3),
    declared=st.none() | st.sampled_from([*(level.value for level in TLP), "bogus"]),
    recipients=st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True), max_size=4),
)
def test_property_no_object_reaches_a_feed_more_open_than_any_of_its_labels(
    stix_type: str, markings: list[str] | None, declared: str | None, recipients: list[str]
) -> None:
    extension: dict[str, Any] = {"recipients": recipients}
    if declared is not None:
        extension["tlp"] = declared
    obj = _obj(stix_type, markings, **extension)
    topics = route(obj, TOPICS)
    assert topics[0] == TOPICS.objects
    assert topics.count(TOPICS.objects) == 1
    feeds = topics[1:]

    labels = [
        TLP1_MARKING_IDS.get(ref) or next((lv for lv, i in TLP_MARKING_IDS.items() if i == ref), None)
        for ref in markings or []
    ]
    levels = [level for level in labels if level is not None]
    if declared in {level.value for level in TLP}:
        levels.append(TLP(declared))
    strictest = max(levels, key=tlp_rank, default=TLP.AMBER)

    if strictest is TLP.RED:
        # RED: never a shared feed, only the listed recipients' topics.
        assert not set(feeds) & SHARED_FEEDS
        # In recipient order, which is not the topic names' order ('a' < 'a-', 'a.v1' > 'a-.v1').
        assert sorted(feeds) == sorted({TOPICS.red_feed(r) for r in recipients})
    else:
        assert feeds == [TOPICS.feed(strictest.value)]
        # Never more open than any TLP label the object carries, and unlabelled is never clear.
        assert all(tlp_rank(strictest) >= tlp_rank(level) for level in levels)
        if not levels:
            assert feeds == [TOPICS.feed("amber")]
