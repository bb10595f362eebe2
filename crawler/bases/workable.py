"""Workable job boards: ``apply.workable.com/api/v1/widget/accounts/<slug>?details=true``.

Response (Workable's public jobs widget API; the same records as the documented
``www.workable.com/api/accounts/<slug>?details=true``): ``{"name", "description", "jobs":
[{"title", "shortcode", "code", "employment_type", "telecommuting" (bool), "department",
"url", "shortlink", "application_url", "published_on", "created_at", "country", "city",
"state", "experience", "function", "industry", "locations": [{"country", "countryCode",
"city", "region", "hidden"}], "description", "requirements", "benefits"}]}``. With
``details=true`` the HTML description comes inline, so one request reads a whole board. Workable
gives no structured salary: pay, when advertised, is in the description text.
"""

from __future__ import annotations

from typing import Any

from crawler.bases.ats import AtsBoardSpider, Board, text
from crawler.items import JobAdItem


def workable_location(raw: dict[str, Any]) -> str | None:
    """The posting's locations as ``"City, Region, Country"``, several joined by ``" / "``
    (hidden locations left out); falls back to the top-level ``city``/``state``/``country``."""
    places = []
    for loc in raw.get("locations") or []:
        if isinstance(loc, dict) and not loc.get("hidden"):
            parts = [loc.get("city"), loc.get("region"), loc.get("country")]
            place = ", ".join(str(p) for p in parts if p)
            if place and place not in places:
                places.append(place)
    if not places:
        parts = [raw.get("city"), raw.get("state"), raw.get("country")]
        place = ", ".join(str(p) for p in parts if p)
        places = [place] if place else []
    return " / ".join(places) or None


def workable_description(raw: dict[str, Any]) -> str | None:
    """Description, requirements and benefits (HTML), in page order."""
    parts = [raw.get("description"), raw.get("requirements"), raw.get("benefits")]
    return "\n".join(str(p) for p in parts if p) or None


class WorkableBoardSpider(AtsBoardSpider):
    """One employer's Workable account (one request per board, ``details=true``).

    Ids: ``source`` ``"workable"``, ``source_id`` ``<board slug>:<shortcode>`` (Workable's
    ``shortcode``; a job without one is dropped, see :class:`AtsBoardSpider`). Fields:
    ``title`` -> title, ``url`` (else ``shortlink``) -> url, the boards file's company ->
    company, the visible ``locations`` (:func:`workable_location`) -> location_raw,
    description + requirements + benefits (:func:`workable_description`) -> description,
    ``published_on`` (else ``created_at``) -> posted_raw, ``employment_type`` ->
    employment_type_raw, ``"Remote"`` when ``telecommuting`` -> workplace_raw; the job record ->
    raw. Workable gives no structured salary.
    """

    ats = "workable"
    id_field = "shortcode"
    board_url = "https://apply.workable.com/api/v1/widget/accounts/{slug}?details=true"

    def postings(self, data: Any) -> list[Any] | None:
        jobs = data.get("jobs") if isinstance(data, dict) else None
        return jobs if isinstance(jobs, list) else None

    def parse_posting(self, raw: dict[str, Any], board: Board) -> JobAdItem:
        return JobAdItem(
            source=self.source,
            source_id=self.posting_source_id(raw, board),
            url=raw.get("url") or raw.get("shortlink"),
            title=raw.get("title"),
            company=board.company,
            location_raw=workable_location(raw),
            description=workable_description(raw),
            posted_raw=text(raw.get("published_on") or raw.get("created_at")),
            employment_type_raw=raw.get("employment_type"),
            workplace_raw="Remote" if raw.get("telecommuting") is True else None,
            raw=raw,
        )
