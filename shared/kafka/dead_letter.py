"""Dead-letter records: a record that cannot be processed goes to `<topic>.dlq`, never lost.

The headers say why and where from, so an operator can read (`crimefeed dlq list|show`) and
republish (`crimefeed dlq replay`) it. The reason names the field or problem; it never quotes
the submitted value (which may hold personal data). shared/kafka/batch_consumer.py decides what
is dead-lettered and publishes it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from shared.kafka.codecs import HEADER_TRACE_ID

HEADER_ERROR = "x-crimefeed-error"
HEADER_ERROR_TYPE = "x-crimefeed-error-type"
HEADER_SOURCE_TOPIC = "x-crimefeed-source-topic"
HEADER_SOURCE_PARTITION = "x-crimefeed-source-partition"
HEADER_SOURCE_OFFSET = "x-crimefeed-source-offset"
HEADER_FAILED_AT = "x-crimefeed-failed-at"
# On a record `crimefeed dlq replay` republished: the dead letter it came from (`<dlq>@<offset>`).
HEADER_REPLAY_OF = "x-crimefeed-replay-of"
MAX_REASON_CHARS = 2000


def dead_letter_headers(
    error: BaseException, topic: str, partition: int, offset: int, trace_id: str | None
) -> dict[str, str]:
    headers = {
        HEADER_ERROR: str(error)[:MAX_REASON_CHARS] or type(error).__name__,
        HEADER_ERROR_TYPE: type(error).__name__,
        HEADER_SOURCE_TOPIC: topic,
        HEADER_SOURCE_PARTITION: str(partition),
        HEADER_SOURCE_OFFSET: str(offset),
        HEADER_FAILED_AT: datetime.now(UTC).isoformat(),
    }
    if trace_id:
        headers[HEADER_TRACE_ID] = trace_id
    return headers
