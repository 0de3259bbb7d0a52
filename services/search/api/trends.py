"""GET /api/v1/trends: sighting counts per period and group, with first-seen and spike flags."""

# No `from __future__ import annotations`: FastAPI reads the endpoint's annotations at run time.

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from services.search.api.errors import ERROR_RESPONSES
from services.search.audit import set_returned
from services.search.params import filters_parameters
from shared.access import Viewer
from shared.store.base import Filters, Store, TrendGroup, TrendInterval, TrendQuery


class Bucket(BaseModel):
    period: str = Field(description="2026-11-02 (day), 2026-W45 (ISO week) or 2026-11 (month)")
    key: str = Field(
        description="category, MO cluster (the STIX id of its canonical report; an attack-pattern id "
        "for a sighting outside any cluster), country code or UN M49 region"
    )
    count: int = Field(description="readable sightings in the bucket (their STIX count summed)")
    first_seen: bool = Field(description="an MO seen for the first time in this bucket")
    spike: bool = Field(description="a weekly spike flagged by enrichment in this bucket")


class TrendsAnswer(BaseModel):
    buckets: list[Bucket]


def create_trends_router(store: Store, viewer: Callable[..., Viewer]) -> APIRouter:
    router = APIRouter(tags=["trends"])

    @router.get("/api/v1/trends", responses=ERROR_RESPONSES)
    async def trends(
        request: Request,
        caller: Annotated[Viewer, Depends(viewer)],
        filters: Annotated[Filters, Depends(filters_parameters)],
        interval: Annotated[TrendInterval, Query(description="day, week or month")] = "week",
        group_by: Annotated[TrendGroup, Query(description="category, mo, country or region")] = "category",
    ) -> TrendsAnswer:
        """Sightings the caller may read, counted per period and group (sorted by period, key)."""
        query = TrendQuery(interval=interval, group_by=group_by, filters=filters)
        buckets = await store.trends(caller, query)
        set_returned(request, len(buckets))
        return TrendsAnswer(
            buckets=[
                Bucket(period=b.period, key=b.key, count=b.count, first_seen=b.first_seen, spike=b.spike)
                for b in buckets
            ]
        )

    return router
