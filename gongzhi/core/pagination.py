"""Page-number pagination for the API with a bounded page number.

ninja's ``PageNumberPagination`` accepts any ``page >= 1``; a page like 10**30 made an OFFSET
that the database cannot hold (a 500, found by the API fuzzing). The bound is far beyond any
real list and is stated in the OpenAPI document, so a larger page is a 422."""

from __future__ import annotations

from ninja import Field, Schema, pagination

MAX_PAGE = 1_000_000


class PageNumberPagination(pagination.PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE)
