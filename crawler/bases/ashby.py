"""Ashby job boards: ``api.ashbyhq.com/posting-api/job-board/<slug>?includeCompensation=true``.

Response: ``{"jobs": [{"id", "title", "location", "secondaryLocations": [{"location"}],
"publishedAt", "employmentType", "isRemote", "workplaceType", "jobUrl", "descriptionHtml",
"compensation": {"compensationTierSummary", "summaryComponents": [{"compensationType",
"interval", "currencyCode", "minValue", "maxValue"}], "compensationTiers": [{"title",
"tierSummary", "components": [...]}]}, "shouldDisplayCompensationOnJobPostings"}]}`` (Ashby Job
Postings API documentation). Compensation is read only when the employer publishes it
(``shouldDisplayCompensationOnJobPostings`` true): unpublished tiers can hold placeholders
such as "£1 - £2". The base-salary component becomes the structured salary fields; equity and
bonus components are not base pay and stay in ``raw``.
"""

from __future__ import annotations

from typing import Any

from crawler.bases.ats import AtsBoardSpider, Board, text
from crawler.items import JobAdItem


def _salary_components(components: Any) -> list[dict[str, Any]]:
    return [
        c for c in components or [] if isinstance(c, dict) and c.get("compensationType") == "Salary"
    ]


def base_salary_component(compensation: dict[str, Any] | None) -> dict[str, Any]:
    """The ``Salary`` component of an Ashby compensation: the summary's, else a tier's
    (``compensationTiers[].components``), a GBP one first; ``{}`` when there is none."""
    compensation = compensation or {}
    found = _salary_components(compensation.get("summaryComponents"))
    for tier in compensation.get("compensationTiers") or []:
        if isinstance(tier, dict):
            found += _salary_components(tier.get("components"))
    gbp = [c for c in found if str(c.get("currencyCode") or "").upper() == "GBP"]
    return (gbp or found or [{}])[0]


def published_compensation(raw: dict[str, Any]) -> dict[str, Any]:
    """The job's ``compensation`` when the employer publishes it
    (``shouldDisplayCompensationOnJobPostings`` is true), else ``{}``."""
    compensation = raw.get("compensation")
    if raw.get("shouldDisplayCompensationOnJobPostings") is not True:
        return {}
    return compensation if isinstance(compensation, dict) else {}


class AshbyBoardSpider(AtsBoardSpider):
    """One employer's Ashby job board (one request per board, with compensation).

    Ids: ``source`` ``"ashby"``, ``source_id`` ``<board slug>:<job id>`` (the ``id`` field, a
    UUID; a job without one is dropped, see :class:`AtsBoardSpider`). Fields: ``title`` ->
    title, ``jobUrl`` -> url, the boards file's company -> company, ``location`` and every
    ``secondaryLocations[].location`` joined by ``" / "`` -> location_raw; when the compensation
    is published (:func:`published_compensation`), its summary text (the scrapeable salary
    summary, else the tier summary) -> salary_raw and the ``Salary`` component's
    (:func:`base_salary_component`) ``minValue``/``maxValue``/``currencyCode``/``interval`` ->
    salary_min_raw/salary_max_raw/salary_currency_raw/salary_period_raw (equity and bonus
    stay in raw), ``descriptionHtml`` (else
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
        compensation = published_compensation(raw)
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
