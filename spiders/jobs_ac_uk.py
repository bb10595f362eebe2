"""jobs.ac.uk RSS feeds of the ML, AI and data-science disciplines; each ad page is read for its
schema.org JobPosting, and for the salary of its advert-details table (jobs.ac.uk gives no
``baseSalary``).

Feed item ``description``: ``"<employer> - <department><br />Salary: ...<br />Closing Date:
...<br />..."``; ad pages ``https://www.jobs.ac.uk/job/<code>/<slug>`` carry a JobPosting
(title, description, datePosted, validThrough, employmentType, hiringOrganization,
jobLocation) and a details table (``Location:``, ``Salary:``, ``Hours:``, ``Contract Type:``).
"""

from __future__ import annotations

import re
from typing import Any

from scrapy.http import Response

from crawler.bases.rss import RssJobSpider
from crawler.items import JobAdItem

_TAGS = re.compile(r"<[^>]+>")


def description_part(description: str | None, label: str) -> str | None:
    """The ``<label>: value`` part of a jobs.ac.uk feed description (parts are separated by
    ``<br />``), or ``None``."""
    for part in re.split(r"<br\s*/?>", description or "", flags=re.IGNORECASE):
        plain = _TAGS.sub("", part).strip()
        if plain.lower().startswith(label.lower() + ":"):
            return plain[len(label) + 1 :].strip() or None
    return None


def details_table(response: Response, label: str) -> str | None:
    """The ``<label>:`` row of the ad page's advert-details table, whitespace-joined."""
    cell = response.xpath(
        f'//th[normalize-space()="{label}:"]/following-sibling::td[1]//text()'
    ).getall()
    value = " ".join(" ".join(cell).split())
    return value or None


class JobsAcUkSpider(RssJobSpider):
    name = "jobs_ac_uk"
    feed_urls = (
        "https://www.jobs.ac.uk/jobs/artificial-intelligence/?format=rss",
        "https://www.jobs.ac.uk/jobs/computer-sciences/?format=rss",
        "https://www.jobs.ac.uk/jobs/mathematics-and-statistics/?format=rss",
    )
    id_pattern = r"/job/([A-Za-z0-9]+)"

    def post_process(self, item: JobAdItem, response: Response, entry: dict[str, Any]) -> JobAdItem:
        description = entry.get("description")
        item["salary_raw"] = (
            item.get("salary_raw")
            or details_table(response, "Salary")
            or description_part(description, "Salary")
        )
        item["location_raw"] = item.get("location_raw") or details_table(response, "Location")
        if not item.get("company") and description:
            first = _TAGS.sub("", re.split(r"<br\s*/?>", description)[0]).strip()
            item["company"] = first.split(" - ")[0].strip() or None
        if not item.get("employment_type_raw"):
            parts = [details_table(response, "Contract Type"), details_table(response, "Hours")]
            item["employment_type_raw"] = ", ".join(p for p in parts if p) or None
        return item
