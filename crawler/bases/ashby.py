"""Ashby job boards: ``api.ashbyhq.com/posting-api/job-board/<slug>?includeCompensation=true``.

Response: ``{"jobs": [{"id", "title", "location", "secondaryLocations": [{"location"}],
"publishedAt", "employmentType", "isRemote", "workplaceType", "jobUrl", "descriptionHtml",
"compensation": {"compensationTierSummary", "summaryComponents": [{"compensationType",
"interval", "currencyCode", "minValue", "maxValue"}]}}]}`` (Ashby Job Postings API
documentation). The base-salary component becomes the structured salary fields; equity and
bonus components are not base pay and stay in ``raw``.
"""

from __future__ import annotations

from typing import Any

from crawler.bases.ats import AtsBoardSpider, Board, text
from crawler.items import JobAdItem


def base_salary_component(compensation: dict[str, Any] | None) -> dict[str, Any]:
    """The ``Salary`` component of an Ashby compensation summary, or ``{}``."""
    for component in (compensation or {}).get("summaryComponents") or []:
        if isinstance(component, dict) and component.get("compensationType") == "Salary":
            return component
    return {}


class AshbyBoardSpider(AtsBoardSpider):
    """One employer's Ashby job board (one request per board, with compensation).

    Ids: ``source`` ``"ashby"``, ``source_id`` ``<board slug>:<job id>`` (the ``id`` field, a
    UUID; a job without one is dropped, see :class:`AtsBoardSpider`). Fields: ``title`` ->
    title, ``jobUrl`` -> url, the boards file's company -> company, ``location`` and every
    ``secondaryLocations[].location`` joined by ``" / "`` -> location_raw, the compensation
    summary text -> salary_raw, the ``Salary`` component's ``minValue``/``maxValue``/
    ``currencyCode``/``interval`` -> salary_min_raw/salary_max_raw/salary_currency_raw/
    salary_period_raw (equity and bonus stay in raw), ``descriptionHtml`` (else
    ``descriptionPlain``) -> description, ``publishedAt`` -> posted_raw, ``employmentType`` ->
    employment_type_raw, ``workplaceType`` (else ``"Remote"`` when ``isRemote``) ->
    workplace_raw; the job record -> raw.
    """

    ats = "ashby"
    board_url = "https://api.ashbyhq.com/posting-api/job-board/{slug}?includeCompensation=true"

    def postings(self, data: Any) -> list[Any] | None:
        jobs = data.get("jobs") if isinstance(data, dict) else None
        return jobs if isinstance(jobs, list) else None

    def parse_posting(self, raw: dict[str, Any], board: Board) -> JobAdItem:
        locations = [raw.get("location")] + [
            s.get("location") for s in raw.get("secondaryLocations") or [] if isinstance(s, dict)
        ]
        locations = [str(x) for x in locations if x]
        compensation = raw.get("compensation") or {}
        salary = base_salary_component(compensation)
        workplace = raw.get("workplaceType") or ("Remote" if raw.get("isRemote") else None)
        return JobAdItem(
            source=self.source,
            source_id=self.posting_source_id(raw, board),
            url=raw.get("jobUrl"),
            title=raw.get("title"),
            company=board.company,
            location_raw=" / ".join(locations) or None,
            salary_raw=compensation.get("scrapeableCompensationSalarySummary")
            or compensation.get("compensationTierSummary"),
            salary_min_raw=text(salary.get("minValue")),
            salary_max_raw=text(salary.get("maxValue")),
            salary_currency_raw=salary.get("currencyCode"),
            salary_period_raw=salary.get("interval"),
            description=raw.get("descriptionHtml") or raw.get("descriptionPlain"),
            posted_raw=raw.get("publishedAt"),
            employment_type_raw=raw.get("employmentType"),
            workplace_raw=workplace,
            raw=raw,
        )
