"""Which topics an enriched object goes to, decided by the object's own TLP alone.

- Every object goes to ``topics.objects`` (the internal stream the search service indexes;
  TLP is enforced again there, per query).
- TLP:CLEAR, GREEN, AMBER and AMBER+STRICT objects also go to ``topics.feed(tlp)``.
- TLP:RED objects go only to ``topics.red_feed(partner)`` for each recipient named in
  crimefeed's extension, never to a shared feed; a red object without recipients reaches no feed.

What an object's TLP is (its own marking, the stricter of marking and declared level, AMBER
when unmarked) is decided in ``shared.access.effective_tlp``, which the search service uses too.
"""

from __future__ import annotations

from shared.access import UNMARKED_DEFAULT, RoutingError, effective_tlp, valid_recipients
from shared.kafka.topics import Topics
from shared.models.report import TLP

__all__ = ["UNMARKED_DEFAULT", "RoutingError", "effective_tlp", "route"]


def route(obj: dict[str, object], topics: Topics) -> list[str]:
    """The topics to publish ``obj`` to; ``topics.objects`` first.

    Raises RoutingError for a RED object whose recipients are not valid partner ids: the caller
    sends it to the dead-letter topic rather than guess.
    """
    level = effective_tlp(obj)
    if level is not TLP.RED:
        return [topics.objects, topics.feed(level.value)]
    return [topics.objects, *(topics.red_feed(partner) for partner in valid_recipients(obj))]
