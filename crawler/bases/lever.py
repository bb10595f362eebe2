"""Lever job boards: ``api.lever.co/v0/postings/<slug>?mode=json``.

Response: a list of postings ``{"id", "text", "hostedUrl", "categories": {"location",
"allLocations", "commitment", "team"}, "createdAt" (epoch ms), "description", "lists":
[{"text", "content"}], "additional", "salaryRange": {"min", "max", "currency", "interval"},
"workplaceType", "country"}`` (Lever Postings API documentation).
"""

from __future__ import annotations

from typing import Any

from crawler.bases.ats import AtsBoardSpider, Board, text
from crawler.items import JobAdItem


def description_html(raw: dict[str, Any]) -> str:
    """Lever splits a posting into description, titled lists and an additional section; this
    joins them, in page order, into one HTML document."""
    parts = [raw.get("description") or ""]
    for block in raw.get("lists") or []:
        if isinstance(block, dict):
            parts.append(f"<h3>{block.get('text') or ''}</h3><ul>{block.get('content') or ''}</ul>")
    parts.append(raw.get("additional") or "")
    return "\n".join(p for p in parts if p)


class LeverBoardSpider(AtsBoardSpider):
    """One employer's Lever postings (one request per board, ``mode=json``).

    Ids: ``source`` ``"lever"``, ``source_id`` ``<board slug>:<posting id>`` (the ``id``
    field, a UUID; a posting without one is dropped, see :class:`AtsBoardSpider`). Fields:
    ``text`` -> title, ``hostedUrl`` -> url, the boards file's company -> company,
    ``categories.location`` (every ``categories.allLocations`` joined by ``" / "`` when there
    are several) -> location_raw, ``salaryRange`` ``min``/``max``/``currency``/``interval`` ->
    salary_min_raw/salary_max_raw/salary_currency_raw/salary_period_raw, description + lists +
    additional (:func:`description_html`) -> description, ``createdAt`` (epoch milliseconds, as
    digits) -> posted_raw, ``categories.commitment`` -> employment_type_raw,
    ``workplaceType`` -> workplace_raw; the posting record -> raw.
    """

    ats = "lever"
    board_url = "https://api.lever.co/v0/postings/{slug}?mode=json"

    def postings(self, data: Any) -> list[Any] | None:
        return data if isinstance(data, list) else None

    def parse_posting(self, raw: dict[str, Any], board: Board) -> JobAdItem:
        categories = raw.get("categories") or {}
        locations = categories.get("allLocations") or []
        location = categories.get("location")
        if len(locations) > 1:
            location = " / ".join(str(x) for x in locations)
        salary = raw.get("salaryRange") or {}
        return JobAdItem(
            source=self.source,
            source_id=self.posting_source_id(raw, board),
            url=raw.get("hostedUrl"),
            title=raw.get("text"),
            company=board.company,
            location_raw=location,
            salary_min_raw=text(salary.get("min")),
            salary_max_raw=text(salary.get("max")),
            salary_currency_raw=salary.get("currency"),
            salary_period_raw=salary.get("interval"),
            description=description_html(raw),
            posted_raw=text(raw.get("createdAt")),
            employment_type_raw=categories.get("commitment"),
            workplace_raw=raw.get("workplaceType"),
            raw=raw,
        )
