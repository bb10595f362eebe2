"""jobs.ac.uk RSS feeds of the computing, AI and maths subjects (``spiders/data/
jobs_ac_uk_feeds.txt``); each ad page is read for its schema.org JobPosting and for its
advert-details table (jobs.ac.uk gives no ``baseSalary``).

Feed item ``description``: ``"<employer> - <department><br />Salary: ...<br />Closing Date:
...<br />..."`` (items may carry no ``pubDate``); ad pages ``https://www.jobs.ac.uk/job/<code>/
<slug>`` carry a JobPosting (title, description, datePosted, validThrough, employmentType,
hiringOrganization, jobLocation), the employer in ``h3.j-advert__employer`` and the details in
table cells: a label cell (``th.j-advert-details__table-header``, or ``td`` in older pages)
then its value cell (``Location:``, ``Salary:``, ``Hours:``, ``Contract Type:``, ``Placed On:``,
``Closes:``), over one or more tables.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from scrapy.http import Response

from crawler.bases.rss import RssJobSpider
from crawler.items import JobAdItem

FEEDS_FILE = Path(__file__).resolve().parent / "data" / "jobs_ac_uk_feeds.txt"
_TAGS = re.compile(r"<[^>]+>")


def load_feed_urls(path: Path = FEEDS_FILE) -> tuple[str, ...]:
    """The feed URLs of ``path`` (one per line; blank lines and ``#`` comments skipped)."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return tuple(line for line in lines if line)


def description_part(description: str | None, label: str) -> str | None:
    """The ``<label>: value`` part of a jobs.ac.uk feed description (parts are separated by
    ``<br />``), or ``None``."""
    for part in re.split(r"<br\s*/?>", description or "", flags=re.IGNORECASE):
        plain = _TAGS.sub("", part).strip()
        if plain.lower().startswith(label.lower() + ":"):
            return plain[len(label) + 1 :].strip() or None
    return None


def details_table(response: Response, label: str) -> str | None:
    """The value cell of the ``<label>:`` row of the ad page's advert-details tables (a ``th``
    or ``td`` label cell, then a ``td``; or a ``dt`` then its ``dd``), whitespace-joined."""
    wanted = f'normalize-space()="{label}:" or normalize-space()="{label}"'
    cell = response.xpath(
        f"//*[self::th or self::td][{wanted}]/following-sibling::td[1]//text()"
        f" | //dt[{wanted}]/following-sibling::dd[1]//text()"
    ).getall()
    value = " ".join(" ".join(cell).split())
    return value or None


def page_employer(response: Response) -> str | None:
    """The employer of an ad page (``h3.j-advert__employer``: its bold name, else the text
    before " - ")."""
    heading = response.css("h3.j-advert__employer")
    if not heading:
        return None
    name = " ".join(" ".join(heading.css("b ::text").getall()).split())
    if not name:
        name = " ".join(" ".join(heading.css("::text").getall()).split()).split(" - ")[0]
    return name or None


class JobsAcUkSpider(RssJobSpider):
    name = "jobs_ac_uk"
    feed_urls = load_feed_urls()
    id_pattern = r"/job/([A-Za-z0-9]+)"

    def post_process(self, item: JobAdItem, response: Response, entry: dict[str, Any]) -> JobAdItem:
        description = entry.get("description")
        item["salary_raw"] = (
            item.get("salary_raw")
            or details_table(response, "Salary")
            or description_part(description, "Salary")
        )
        item["location_raw"] = item.get("location_raw") or details_table(response, "Location")
        item["company"] = item.get("company") or page_employer(response)
        if not item.get("company") and description:
            first = _TAGS.sub("", re.split(r"<br\s*/?>", description)[0]).strip()
            item["company"] = first.split(" - ")[0].strip() or None
        item["posted_raw"] = item.get("posted_raw") or details_table(response, "Placed On")
        if "posting" not in (item.get("raw") or {}):  # no JobPosting: the page's own advert
            body = response.css("#job-description, div.j-advert__body").get()
            item["description"] = body or item.get("description")
        if not item.get("employment_type_raw"):
            parts = [details_table(response, "Contract Type"), details_table(response, "Hours")]
            item["employment_type_raw"] = ", ".join(p for p in parts if p) or None
        return item
