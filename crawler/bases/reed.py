"""The Reed Jobseeker API (``REED_API_KEY``; HTTP basic auth, the key as user name).

Search: ``GET https://www.reed.co.uk/api/1.0/search?keywords=<term>&resultsToTake=100
&resultsToSkip=<n>`` -> ``{"results": [{"jobId", "employerId", "employerName", "jobTitle",
"locationName", "minimumSalary", "maximumSalary", "currency", "expirationDate", "date",
"jobDescription" (a snippet), "applications", "jobUrl"}], "totalResults"}``.
Details: ``GET https://www.reed.co.uk/api/1.0/jobs/<jobId>`` -> ``{"jobId", "employerName",
"jobTitle", "locationName", "minimumSalary", "maximumSalary", "yearlyMinimumSalary",
"yearlyMaximumSalary", "currency", "salaryType", "salary", "datePosted", "expirationDate",
"externalUrl", "jobUrl", "partTime", "fullTime", "contractType", "jobDescription" (HTML),
"applicationCount"}`` (Reed API documentation, reed.co.uk/developers/jobseeker). Dates are
``dd/mm/yyyy``.

A search result whose listing record is unchanged since the last crawl (the ``applications``
counter aside) is not fetched again; its ad is only touched.
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
from crawler.redaction import redact


def employment_type(details: dict[str, Any]) -> str | None:
    """Reed's contract type and hours as one raw string: ``"Permanent, full-time"``."""
    parts = [details.get("contractType")]
    if details.get("fullTime"):
        parts.append("full-time")
    if details.get("partTime"):
        parts.append("part-time")
    return ", ".join(str(p) for p in parts if p) or None


class ReedApiSpider(SearchApiSpider):
    """The Reed Jobseeker API: one paginated search per term, then one details request per new
    or changed result (the search gives only a snippet of the description).

    Ids: ``source`` ``"reed"``, ``source_id`` Reed's ``jobId`` (as digits). Fields, from the
    details record (the search result filling what it lacks): ``jobUrl`` -> url, ``jobTitle``
    -> title, ``employerName`` -> company, ``locationName`` -> location_raw, ``salary`` ->
    salary_raw, ``minimumSalary``/``maximumSalary``/``currency``/``salaryType`` ->
    salary_min_raw/salary_max_raw/salary_currency_raw/salary_period_raw, ``jobDescription``
    (HTML) -> description, ``datePosted`` (else the search's ``date``, ``dd/mm/yyyy``) ->
    posted_raw, ``contractType`` with full-/part-time -> employment_type_raw; both records ->
    raw (``{"details", "listing"}``). A details record that cannot be read into an item is
    dropped alone (``mljobs/dropped/malformed_posting``). Hooks: ``pre_process(result)`` (a
    search result), ``post_process(item, response, details)``.
    """

    required_settings: ClassVar[tuple[str, ...]] = ("REED_API_KEY",)
    page_size = 100
    max_page_size = 100
    search_url: ClassVar[str] = "https://www.reed.co.uk/api/1.0/search"
    details_url: ClassVar[str] = "https://www.reed.co.uk/api/1.0/jobs/{job_id}"
    id_field = "jobId"
    total_field = "totalResults"
    #: The applications counter changes without the ad changing.
    volatile_fields = ("applications",)

    # The key goes in basic auth only as a request is sent (crawler.apikeys): never in a
    # request as kept or queued (JOBDIR), nor in a setting Scrapy prints (HTTPAUTH_USER).

    def search_request(self, term: str, page: int) -> scrapy.Request:
        query = urlencode(
            {
                "keywords": term,
                "resultsToTake": self.page_size,
                "resultsToSkip": page * self.page_size,
            }
        )
        return scrapy.Request(
            f"{self.search_url}?{query}",
            callback=self.parse,
            errback=self.request_failed,
            cb_kwargs={"term": term, "page": page},
        )

    def on_listed(
        self, ad_id: str, result: dict[str, Any], response: Response
    ) -> Iterator[scrapy.Request]:
        yield self.detail_request(
            self.details_url.format(job_id=ad_id),
            callback=self.parse_details,
            cb_kwargs={"listing": result},
        )

    def parse_details(self, response: Response, listing: dict[str, Any]) -> Iterator[JobAdItem]:
        details = self.decode(response)
        if details is None:
            return
        if not isinstance(details, dict):
            self.crawler.stats.inc_value("mljobs/dropped/unexpected_shape")
            return
        item = self.record_item(
            self._details_item,
            details,
            listing,
            response,
            ad=str(listing.get("jobId")),
            scope=redact(response.url),
        )
        if item is not None:
            yield item

    def _details_item(
        self, details: dict[str, Any], listing: dict[str, Any], response: Response
    ) -> JobAdItem | None:
        return self.post_processed(self.make_item(details, listing), response, details)

    def make_item(self, details: dict[str, Any], listing: dict[str, Any]) -> JobAdItem:
        """One ad from its details record, the search result filling what details lack."""

        def pick(*keys: str) -> Any:
            for source in (details, listing):
                for key in keys:
                    if source.get(key) not in (None, ""):
                        return source[key]
            return None

        return JobAdItem(
            source=self.source,
            source_id=str(pick("jobId")),
            url=pick("jobUrl"),
            title=pick("jobTitle"),
            company=pick("employerName"),
            location_raw=pick("locationName"),
            salary_raw=details.get("salary"),
            salary_min_raw=text(pick("minimumSalary")),
            salary_max_raw=text(pick("maximumSalary")),
            salary_currency_raw=pick("currency"),
            salary_period_raw=details.get("salaryType"),
            description=pick("jobDescription"),
            posted_raw=pick("datePosted", "date"),
            employment_type_raw=employment_type(details),
            raw={"details": details, "listing": listing},
        )
