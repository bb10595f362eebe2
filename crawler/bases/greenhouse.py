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
    """One employer's Greenhouse job board (one request per board, ``content=true`` so the
    description comes inline).

    Ids: ``source`` ``"greenhouse"``, ``source_id`` ``<board slug>:<job id>`` (the ``id``
    field; a job without one is dropped, see :class:`AtsBoardSpider`). Fields: ``title`` ->
    title, ``absolute_url`` -> url, ``company_name`` (else the boards file's company) ->
    company, ``location.name`` -> location_raw, ``content`` (entity-escaped HTML, verbatim) ->
    description, ``first_published`` (else ``updated_at``) -> posted_raw; the job record ->
    raw. Greenhouse gives no structured salary.
    """

    ats = "greenhouse"
    board_url = "https://boards-api.greenhouse.io/v1/boards/{slug}/jobs?content=true"

    def postings(self, data: Any) -> list[Any] | None:
        jobs = data.get("jobs") if isinstance(data, dict) else None
        return jobs if isinstance(jobs, list) else None

    def parse_posting(self, raw: dict[str, Any], board: Board) -> JobAdItem:
        location = raw.get("location") or {}
        return JobAdItem(
            source=self.source,
            source_id=self.posting_source_id(raw, board),
            url=raw.get("absolute_url"),
            title=raw.get("title"),
            company=raw.get("company_name") or board.company,
            location_raw=location.get("name") if isinstance(location, dict) else text(location),
            description=raw.get("content"),
            posted_raw=raw.get("first_published") or raw.get("updated_at"),
            raw=raw,
        )
