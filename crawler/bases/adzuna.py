"""The Adzuna API, UK (``ADZUNA_APP_ID`` and ``ADZUNA_APP_KEY``).

Search: ``GET https://api.adzuna.com/v1/api/jobs/gb/search/<page>?app_id=..&app_key=..
&what=<term>&results_per_page=50&content-type=application/json`` (pages from 1) ->
``{"count", "mean", "results": [{"id", "title", "description" (a snippet), "created",
"redirect_url", "adref", "company": {"display_name"}, "location": {"display_name", "area":
[...]}, "salary_min", "salary_max", "salary_is_predicted" ("0"/"1"), "contract_type",
"contract_time", "category": {"label", "tag"}, "latitude", "longitude"}]}`` (Adzuna API
documentation, developer.adzuna.com). Adzuna has no detail endpoint for API users: each result
is one ad. A salary Adzuna *predicted* (``salary_is_predicted == "1"``, most results) is not
the advertiser's and is kept only in ``raw``, never in the structured salary fields. Optional
keys (``contract_type``, ``contract_time``, ``latitude``...) are absent, not null.

History: ``GET https://api.adzuna.com/v1/api/jobs/gb/history?app_id=..&app_key=..
&location0=UK&location1=London&category=it-jobs&months=12`` -> ``{"location": {"display_name",
"area"}, "month": {"2024-02": 53989.94, ...}}``: Adzuna's own monthly average advertised
salary (GBP per year). The series of ``spiders/data/adzuna_history.csv`` are fetched with each
crawl and stored as reference series (:class:`crawler.items.ReferenceSeriesItem`).
"""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator, Iterator
from functools import cache
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from crawler.bases.ats import text
from crawler.bases.search import SearchApiSpider
from crawler.items import JobAdItem, ReferenceSeriesItem
from crawler.redaction import redact

HISTORY_FILE = Path(__file__).resolve().parents[2] / "spiders" / "data" / "adzuna_history.csv"


@cache
def history_series(path: Path = HISTORY_FILE) -> tuple[dict[str, str], ...]:
    """The history series to fetch: rows of ``series,location0,location1,category,months``."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines))


def location_text(location: Any) -> str | None:
    """An Adzuna ``location`` as text: its ``display_name``, else its ``area`` from the most
    specific place up (``["UK", "London", "Central London"]`` -> ``"Central London, London,
    UK"``)."""
    if not isinstance(location, dict):
        return text(location)
    name = text(location.get("display_name"))
    if name and name.strip():
        return name
    area = [str(a) for a in location.get("area") or [] if a]
    return ", ".join(reversed(area)) or None


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        return text(value.get("display_name"))
    return text(value)


class AdzunaApiSpider(SearchApiSpider):
    """The Adzuna API (UK): one paginated search per term; each search result is one whole ad
    (no detail request). The app id and key go in the URL's query only as the request is sent
    (:mod:`crawler.apikeys`): a request as Scrapy keeps, queues and logs it has none.

    Ids: ``source`` ``"adzuna"``, ``source_id`` Adzuna's ``id``. Fields: ``redirect_url`` ->
    url, ``title`` -> title, ``company.display_name`` -> company, ``location.display_name``
    (else ``location.area``, :func:`location_text`) -> location_raw,
    ``salary_min``/``salary_max`` -> salary_min_raw/salary_max_raw with salary_currency_raw
    ``"GBP"`` (only when the advertiser gave them: a salary Adzuna
    predicted stays in raw), ``description`` (a snippet) -> description, ``created`` ->
    posted_raw, ``contract_type`` and ``contract_time`` -> employment_type_raw; the result ->
    raw. A result that cannot be read into an item is dropped alone
    (``mljobs/dropped/malformed_posting``). Hooks: ``pre_process(result)``,
    ``post_process(item, response, result)``.
    """

    required_settings: ClassVar[tuple[str, ...]] = ("ADZUNA_APP_ID", "ADZUNA_APP_KEY")
    page_size = 50
    max_page_size = 50
    search_url: ClassVar[str] = "https://api.adzuna.com/v1/api/jobs/gb/search/{page}"
    id_field = "id"
    total_field = "count"
    #: Tracking tokens that change from one request to the next.
    volatile_fields = ("adref", "redirect_url")

    history_url: ClassVar[str] = "https://api.adzuna.com/v1/api/jobs/gb/history"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        started = False
        async for request in super().start():
            started = True
            yield request
        if started:  # configured: the history series too
            for series in history_series():
                yield self.history_request(series)

    def history_request(self, series: dict[str, str]) -> scrapy.Request:
        """The request for one history series (a row of ``adzuna_history.csv``)."""
        params = {  # no keys here: crawler.apikeys adds them to the outgoing copy only
            **{
                k: series[k]
                for k in ("location0", "location1", "category", "months")
                if series.get(k)
            },
            "content-type": "application/json",
        }
        return scrapy.Request(
            f"{self.history_url}?{urlencode(params)}",
            callback=self.parse_history,
            errback=self.request_failed,
            cb_kwargs={"series": series},
        )

    def parse_history(
        self, response: Response, series: dict[str, str]
    ) -> Iterator[ReferenceSeriesItem]:
        """One history response -> a :class:`ReferenceSeriesItem` of its monthly averages
        (``month``: ``{"YYYY-MM": GBP per year}``); a response without that object is counted
        (``mljobs/dropped/unexpected_shape``), a month whose value is not a number is left out
        (``mljobs/dropped/malformed_history_point``)."""
        data = self.decode(response)
        if data is None:
            return
        months = data.get("month") if isinstance(data, dict) else None
        if not isinstance(months, dict):
            self.crawler.stats.inc_value("mljobs/dropped/unexpected_shape")
            self.logger.error("%s: %s has no month object", self.name, redact(response.url))
            return
        points = {}
        for month, value in months.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                points[str(month)] = float(value)
            else:
                self.crawler.stats.inc_value("mljobs/dropped/malformed_history_point")
        yield ReferenceSeriesItem(
            source=self.source,
            series=series["series"],
            points=points,
            unit="GBP per year",
            location=location_text(data.get("location")),
            category=series.get("category") or None,
        )

    def search_request(self, term: str, page: int) -> scrapy.Request:
        query = urlencode(
            {
                "what": term,
                "results_per_page": self.page_size,
                "content-type": "application/json",
            }
        )
        return scrapy.Request(
            f"{self.search_url.format(page=page + 1)}?{query}",
            callback=self.parse,
            errback=self.request_failed,
            cb_kwargs={"term": term, "page": page},
        )

    def on_listed(
        self, ad_id: str, result: dict[str, Any], response: Response
    ) -> Iterator[JobAdItem | None]:
        # a search result is the whole ad: no detail request
        yield self.post_processed(self.make_item(result), response, result)

    def make_item(self, result: dict[str, Any]) -> JobAdItem:
        """One ad from one search result."""
        predicted = str(result.get("salary_is_predicted") or "0") == "1"
        low = None if predicted else text(result.get("salary_min"))
        high = None if predicted else text(result.get("salary_max"))
        contract = [result.get("contract_type"), result.get("contract_time")]
        return JobAdItem(
            source=self.source,
            source_id=str(result["id"]),
            url=result.get("redirect_url"),
            title=result.get("title"),
            company=_name(result.get("company")),
            location_raw=location_text(result.get("location")),
            salary_min_raw=low,
            salary_max_raw=high,
            salary_currency_raw="GBP" if (low or high) else None,
            description=result.get("description"),
            posted_raw=result.get("created"),
            employment_type_raw=", ".join(str(c) for c in contract if c) or None,
            raw=result,
        )
