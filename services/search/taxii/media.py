"""Content negotiation (sections 1.6.8 and 3.1): ``application/taxii+json;version=2.1``.

Accept: a request must name a TAXII media range the server serves (``application/taxii+json``
with version 2.1 or no version, or a wildcard that covers it); anything else is 406.
Content-Type of a POST: ``application/taxii+json`` with version 2.1 or none; anything else is 415.
"""

from __future__ import annotations

from dataclasses import dataclass

TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1"
STIX_MEDIA_TYPE = "application/stix+json;version=2.1"
SUPPORTED_VERSION = "2.1"


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    params: dict[str, str]
    quality: float


def parse_media_range(text: str) -> MediaRange | None:
    parts = [part.strip() for part in text.split(";")]
    full = parts[0].lower()
    if full.count("/") != 1:
        return None
    main, sub = full.split("/")
    params: dict[str, str] = {}
    for part in parts[1:]:
        if "=" in part:
            key, value = part.split("=", 1)
            params[key.strip().lower()] = value.strip().strip('"')
    try:
        quality = float(params.pop("q", "1"))
    except ValueError:
        return None
    return MediaRange(main, sub, params, quality)


def _serves(media: MediaRange) -> bool:
    if media.quality <= 0:
        return False
    if (media.type, media.subtype) in {("*", "*"), ("application", "*")}:
        return True
    if (media.type, media.subtype) != ("application", "taxii+json"):
        return False
    return media.params.get("version", SUPPORTED_VERSION) == SUPPORTED_VERSION


def accept_problem(accept: str | None) -> str | None:
    """Why a request's Accept header cannot be satisfied (406), or None if it can."""
    if not accept:
        return "the Accept header is missing: send 'Accept: application/taxii+json;version=2.1'"
    ranges = [parse_media_range(item) for item in accept.split(",") if item.strip()]
    if any(media is not None and _serves(media) for media in ranges):
        return None
    return f"cannot answer in any media type of Accept {accept!r}: this server serves {TAXII_MEDIA_TYPE}"


def content_type_problem(content_type: str | None) -> str | None:
    """Why a POST body's Content-Type is not accepted (415), or None if it is."""
    media = parse_media_range(content_type or "")
    if media is None:
        return f"missing or malformed Content-Type: send {TAXII_MEDIA_TYPE}"
    if (media.type, media.subtype) != ("application", "taxii+json"):
        return f"unsupported Content-Type {content_type!r}: send {TAXII_MEDIA_TYPE}"
    if media.params.get("version", SUPPORTED_VERSION) != SUPPORTED_VERSION:
        return f"unsupported TAXII version {media.params['version']!r}: this server speaks 2.1"
    return None
