"""The Adzuna API, UK (``ADZUNA_APP_ID`` and ``ADZUNA_APP_KEY``).

Search: ``GET https://api.adzuna.com/v1/api/jobs/gb/search/<page>?app_id=..&app_key=..
&what=<term>&results_per_page=50&content-type=application/json`` (pages from 1) ->
``{"count", "mean", "results": [{"id", "title", "description" (a snippet), "created",
"redirect_url", "adref", "company": {"display_name"}, "location": {"display_name", "area":
[...]}, "salary_min", "salary_max", "salary_is_predicted" ("0"/"1"), "contract_type",
"contract_time", "category": {"label", "tag"}, "latitude", "longitude"}]}`` (Adzuna API
documentation, developer.adzuna.com). Adzuna has no detail endpoint for API users: each result
is one ad. A salary Adzuna *predicted* (``salary_is_predicted == "1"``) is not the advertiser's
and is kept only in ``raw``, never in the structured salary fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from crawler.bases.ats import text
from crawler.bases.search import SearchApiSpider
from crawler.items import JobAdItem


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        return text(value.get("display_name"))
    return text(value)


class AdzunaApiSpider(SearchApiSpider):
    """The Adzuna API (UK): one paginated search per term; each search result is one whole ad
    (no detail request). The app id and key go in the URL's query only as the request is sent
    (:mod:`crawler.apikeys`): a request as Scrapy keeps, queues and logs it has none.

    Ids: ``source`` ``"adzuna"``, ``source_id`` Adzuna's ``id``. Fields: ``redirect_url`` ->
    url, ``title`` -> title, ``company.display_name`` -> company, ``location.display_name`` ->
    location_raw, ``salary_min``/``salary_max`` -> salary_min_raw/salary_max_raw with
    salary_currency_raw ``"GBP"`` (only when the advertiser gave them: a salary Adzuna
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
            location_raw=_name(result.get("location")),
            salary_min_raw=low,
            salary_max_raw=high,
            salary_currency_raw="GBP" if (low or high) else None,
            description=result.get("description"),
            posted_raw=result.get("created"),
            employment_type_raw=", ".join(str(c) for c in contract if c) or None,
            raw=result,
        )
