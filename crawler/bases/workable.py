"""Workable job boards, through two public APIs.

Widget API (first): ``GET apply.workable.com/api/v1/widget/accounts/<slug>?details=true`` ->
``{"name", "description", "jobs": [{"title", "shortcode", "code", "employment_type",
"telecommuting" (bool), "department", "url", "shortlink", "application_url", "published_on",
"created_at", "country", "city", "state", "locations": [{"country", "countryCode", "city",
"region", "hidden"}], "description", "requirements", "benefits"}]}``: one request reads a whole
board, descriptions inline.

Careers-page API (when the widget answers 404 or 410 for a board): ``POST
apply.workable.com/api/v3/accounts/<slug>/jobs`` with a JSON filter body -> ``{"total",
"results": [{"id", "shortcode", "title", "remote" (bool), "location": {"country",
"countryCode", "city", "region"}, "locations": [...], "state", "published", "type",
"department" (a string or a list), "workplace" ("on_site", "hybrid", "remote"),
"approvalStatus", "isInternal"}], "nextPage"}`` (pages follow with ``"token": nextPage`` in the
body), then per new or changed posting ``GET apply.workable.com/api/v2/accounts/<slug>/jobs/
<shortcode>``, whose details give only ``description`` (HTML). Workable gives no structured
salary: pay, when advertised, is in the description text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.bases.ats import AtsBoardSpider, Board, text
from crawler.incremental import fingerprint
from crawler.items import JobAdItem
from crawler.redaction import redact

V3_LIST_URL = "https://apply.workable.com/api/v3/accounts/{slug}/jobs"
V2_DETAILS_URL = "https://apply.workable.com/api/v2/accounts/{slug}/jobs/{shortcode}"
#: The filter body of a v3 listing request (every posting of the board).
V3_FILTER = {"query": "", "location": [], "department": [], "worktype": [], "remote": []}


def _place(loc: dict[str, Any]) -> str:
    return ", ".join(str(loc[k]) for k in ("city", "region", "country") if loc.get(k))


def workable_location(raw: dict[str, Any]) -> str | None:
    """The posting's locations as ``"City, Region, Country"``, several joined by ``" / "``
    (hidden locations left out); falls back to the v3 ``location`` object, then to the
    widget's top-level ``city``/``state``/``country``."""
    places: list[str] = []
    for loc in raw.get("locations") or []:
        if isinstance(loc, dict) and not loc.get("hidden"):
            place = _place(loc)
            if place and place not in places:
                places.append(place)
    if not places and isinstance(raw.get("location"), dict):
        place = _place(raw["location"])
        places = [place] if place else []
    if not places:
        parts = [raw.get("city"), raw.get("state"), raw.get("country")]
        place = ", ".join(str(p) for p in parts if p)
        places = [place] if place else []
    return " / ".join(places) or None


def workable_description(raw: dict[str, Any]) -> str | None:
    """Description, requirements and benefits (HTML), in page order (v3 details give the
    description alone)."""
    parts = [raw.get("description"), raw.get("requirements"), raw.get("benefits")]
    return "\n".join(str(p) for p in parts if p) or None


def workable_workplace(raw: dict[str, Any]) -> str | None:
    """``"Remote"`` for a remote posting (widget ``telecommuting``, v3 ``remote``), else the v3
    ``workplace`` with ``_`` as ``-`` (``"on_site"`` -> ``"on-site"``), else ``None``."""
    if raw.get("telecommuting") is True or raw.get("remote") is True:
        return "Remote"
    workplace = text(raw.get("workplace"))
    return workplace.replace("_", "-") if workplace else None


class WorkableBoardSpider(AtsBoardSpider):
    """One employer's Workable account: the widget API, else the careers-page API (see the
    module docstring; ``mljobs/workable/v3_fallback`` counts the boards read that way).

    Ids: ``source`` ``"workable"``, ``source_id`` ``<board slug>:<shortcode>`` (Workable's
    ``shortcode``; a job without one is dropped, see :class:`AtsBoardSpider`). Fields:
    ``title`` -> title, ``url`` (else ``shortlink``, else the careers-page URL) -> url, the
    boards file's company -> company, the visible ``locations`` (:func:`workable_location`) ->
    location_raw, description + requirements + benefits (:func:`workable_description`) ->
    description, ``published_on`` (else ``published``, else ``created_at``) -> posted_raw,
    ``employment_type`` (else ``type``) -> employment_type_raw, :func:`workable_workplace`
    -> workplace_raw; the job record (v3: listing and details merged) -> raw. Workable gives no
    structured salary.
    """

    ats = "workable"
    id_field = "shortcode"
    board_url = "https://apply.workable.com/api/v1/widget/accounts/{slug}?details=true"

    def postings(self, data: Any) -> list[Any] | None:
        jobs = data.get("jobs") if isinstance(data, dict) else None
        return jobs if isinstance(jobs, list) else None

    def parse_posting(self, raw: dict[str, Any], board: Board) -> JobAdItem:
        shortcode = raw.get("shortcode")
        careers_url = f"https://apply.workable.com/{board.slug}/j/{shortcode}/"
        return JobAdItem(
            source=self.source,
            source_id=self.posting_source_id(raw, board),
            url=raw.get("url") or raw.get("shortlink") or careers_url,
            title=raw.get("title"),
            company=board.company,
            location_raw=workable_location(raw),
            description=workable_description(raw),
            posted_raw=text(
                raw.get("published_on") or raw.get("published") or raw.get("created_at")
            ),
            employment_type_raw=text(raw.get("employment_type") or raw.get("type")),
            workplace_raw=workable_workplace(raw),
            raw=raw,
        )

    # --- the careers-page API (v3 listing, v2 details) ------------------------------------
    def board_failed(self, failure: Any) -> Any:
        """A board whose widget answers 404 or 410: its first v3 listing page instead;
        anything else: :meth:`request_failed`."""
        response = getattr(failure.value, "response", None)
        if isinstance(failure.value, HttpError) and response.status in (404, 410):
            board: Board = failure.request.cb_kwargs["board"]
            self.crawler.stats.inc_value("mljobs/workable/v3_fallback")
            self.logger.info(
                "%s: no widget for board %s (HTTP %d), reading its careers-page API",
                self.name,
                board.slug,
                response.status,
            )
            return [self.v3_request(board)]
        return super().board_failed(failure)

    def v3_request(
        self, board: Board, token: str | None = None, listed: list[str] | None = None
    ) -> scrapy.Request:
        """One page of the v3 listing of ``board`` (``token``: the previous page's
        ``nextPage``); ``listed`` carries the source ids of the pages read so far."""
        body = {**V3_FILTER, **({"token": token} if token else {})}
        return scrapy.Request(
            V3_LIST_URL.format(slug=board.slug),
            method="POST",
            body=json.dumps(body),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            callback=self.parse_v3,
            errback=self.request_failed,
            cb_kwargs={"board": board, "listed": listed if listed is not None else []},
        )

    def parse_v3(self, response: Response, board: Board, listed: list[str]) -> Iterator[Any]:
        """One v3 listing page: a details request per new or changed posting, then the next
        page; the board's listing is complete after its last page."""
        try:
            data = json.loads(response.text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            self.crawler.stats.inc_value("mljobs/dropped/malformed_json")
            self.logger.error(
                "%s: malformed JSON from %s (%s)", self.name, redact(response.url), exc
            )
            return
        results = data.get("results") if isinstance(data, dict) else None
        if not isinstance(results, list):
            self.crawler.stats.inc_value("mljobs/dropped/unexpected_shape")
            self.logger.error("%s: %s is not a v3 listing", self.name, redact(response.url))
            return
        for raw in results:
            if not isinstance(raw, dict):
                self.crawler.stats.inc_value("mljobs/dropped/malformed_posting")
                continue
            ad = self.posting_source_id(raw, board) or f"{board.slug}:?"
            raw = self.record_item(self.pre_process, raw, ad=ad, scope=f"board {board.slug}")
            source_id = self.posting_source_id(raw, board) if raw is not None else None
            if source_id is None:
                if raw is not None:
                    self.crawler.stats.inc_value("mljobs/dropped/missing_id")
                continue
            listed.append(source_id)
            if self.incremental.listed(source_id, fingerprint(raw)):
                yield self.detail_request(
                    V2_DETAILS_URL.format(slug=board.slug, shortcode=raw["shortcode"]),
                    callback=self.parse_v3_details,
                    cb_kwargs={"board": board, "listing": raw},
                )
        token = data.get("nextPage")
        if token and results:
            yield self.v3_request(board, str(token), listed)
        else:
            self.incremental.listing_complete(f"{board.slug}:", listed)

    def parse_v3_details(
        self, response: Response, board: Board, listing: dict[str, Any]
    ) -> Iterator[JobAdItem]:
        """A v2 details record (only ``description`` added to the listing) -> the item."""
        ad = self.posting_source_id(listing, board) or f"{board.slug}:?"
        item = self.record_item(
            self._details_item, response, board, listing, ad=ad, scope=redact(response.url)
        )
        if item is not None:
            yield item

    def _details_item(
        self, response: Response, board: Board, listing: dict[str, Any]
    ) -> JobAdItem | None:
        details = json.loads(response.text)
        if not isinstance(details, dict):
            raise ValueError(f"details are a {type(details).__name__}, not an object")
        raw = {**listing, **details}
        return self.post_processed(self.parse_posting(raw, board), response, raw)
