"""GET /api/v1/search: full text, filters, facets, sort and cursor paging over readable objects."""

# No `from __future__ import annotations`: FastAPI reads the endpoint's annotations at run time.

from collections.abc import Callable
from typing import Annotated, Any, get_args

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from services.search.api.errors import ERROR_RESPONSES
from services.search.audit import set_returned
from services.search.params import ParameterError, filters_parameters, parse_facets
from shared.access import Viewer
from shared.store.base import FACET_FIELDS, Filters, SearchPage, SearchQuery, SearchSort, Store

MAX_LIMIT = 200
SORTS: tuple[str, ...] = get_args(SearchSort)
MAX_TEXT = 1000


class SearchAnswer(BaseModel):
    results: list[dict[str, Any]] = Field(description="STIX 2.1 objects, the latest readable version each")
    total: int = Field(description="Readable objects matching the query (all pages)")
    facets: dict[str, dict[str, int]] = Field(description="field -> value -> matching objects")
    next: str | None = Field(description="Cursor of the next page; null on the last page")
    highlights: dict[str, list[str]] = Field(
        description="object id -> matched text fragments, matches wrapped in <mark>...</mark>"
    )


def answer_of(page: SearchPage) -> SearchAnswer:
    return SearchAnswer(
        results=[dict(hit.obj) for hit in page.hits],
        total=page.total,
        facets={name: dict(counts) for name, counts in page.facets.items()},
        next=page.next,
        highlights={str(hit.obj["id"]): list(hit.highlights) for hit in page.hits if hit.highlights},
    )


def parse_sort(value: str) -> SearchSort:
    if value not in SORTS:
        raise ParameterError("sort", f"unknown order {value!r}; use one of {', '.join(SORTS)}")
    return value  # type: ignore[return-value]


def create_search_router(store: Store, viewer: Callable[..., Viewer]) -> APIRouter:
    router = APIRouter(tags=["search"])

    @router.get("/api/v1/search", responses=ERROR_RESPONSES)
    async def search(
        request: Request,
        caller: Annotated[Viewer, Depends(viewer)],
        filters: Annotated[Filters, Depends(filters_parameters)],
        q: Annotated[
            str | None,
            Query(
                max_length=MAX_TEXT,
                description="words to find (all must match) in names, descriptions, narratives and MO steps",
            ),
        ] = None,
        sort: Annotated[
            str, Query(description=f"{', '.join(SORTS)}; a leading '-' means descending")
        ] = "relevance",
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="objects per page")] = 20,
        cursor: Annotated[str | None, Query(description="the 'next' of the previous page")] = None,
        facets: Annotated[
            list[str] | None,
            Query(
                description=f"fields to count: any of {', '.join(FACET_FIELDS)} (default all; empty for none)"
            ),
        ] = None,
    ) -> SearchAnswer:
        """Search the objects the caller may read. TLP is enforced inside the store query, so
        totals and facet counts never count what the caller cannot read."""
        query = SearchQuery(
            text=q.strip() if q and q.strip() else None,
            filters=filters,
            sort=parse_sort(sort),
            limit=limit,
            cursor=cursor or None,
            facets=parse_facets(facets),
        )
        answer = answer_of(await store.search(caller, query))
        set_returned(request, len(answer.results))
        return answer

    return router
