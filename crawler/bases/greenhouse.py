"""Greenhouse job boards: ``boards-api.greenhouse.io/v1/boards/<slug>/jobs?content=true``.

Response: ``{"jobs": [{"id", "title", "absolute_url", "location": {"name"}, "content"
(entity-escaped HTML), "first_published", "updated_at", "company_name", ...}], "meta":
{"total"}}`` (Greenhouse Job Board API documentation).
"""

from __future__ import annotations

from typing import Any

from crawler.bases.ats import AtsBoardSpider, Board, text
from crawler.items import JobAdItem


class GreenhouseBoardSpider(AtsBoardSpider):
    ats = "greenhouse"
    board_url = "https://boards-api.greenhouse.io/v1/boards/{slug}/jobs?content=true"

    def postings(self, data: Any) -> list[Any] | None:
        jobs = data.get("jobs") if isinstance(data, dict) else None
        return jobs if isinstance(jobs, list) else None

    def parse_posting(self, raw: dict[str, Any], board: Board) -> JobAdItem:
        location = raw.get("location") or {}
        return JobAdItem(
            source=self.ats,
            source_id=f"{board.slug}:{raw.get('id')}",
            url=raw.get("absolute_url"),
            title=raw.get("title"),
            company=raw.get("company_name") or board.company,
            location_raw=location.get("name") if isinstance(location, dict) else text(location),
            description=raw.get("content"),
            posted_raw=raw.get("first_published") or raw.get("updated_at"),
            raw=raw,
        )
