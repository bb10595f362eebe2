"""schema.org ``JobPosting`` in JSON-LD, and the generic sitemap + JSON-LD board spider.

Many boards embed each ad as ``<script type="application/ld+json">{"@type": "JobPosting",
...}</script>`` (Google for Jobs asks them to): ``title``, ``description``, ``datePosted``,
``validThrough``, ``employmentType``, ``hiringOrganization``, ``jobLocation`` (``Place`` with a
``PostalAddress``), ``jobLocationType`` (``TELECOMMUTE``) and ``baseSalary`` (a
``MonetaryAmount`` whose ``value`` is a ``QuantitativeValue`` with ``minValue``/``maxValue``/
``value`` and ``unitText`` ``HOUR``/``DAY``/``WEEK``/``MONTH``/``YEAR``). The spider reads the
board's sitemap(s), fetches the ad pages whose URL matches ``sitemap_rules`` and makes one item
per page from its JobPosting, verbatim.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from crawler.bases.ats import text
from crawler.bases.spider import JobSpider
from crawler.items import JobAdItem
from crawler.redaction import redact

logger = logging.getLogger(__name__)


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1] for k in kinds if k}


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for child in node:
            yield from _walk(child)
    elif isinstance(node, dict):
        yield node
        if "@graph" in node:
            yield from _walk(node["@graph"])


def job_postings(response: Response) -> list[dict[str, Any]]:
    """Every schema.org ``JobPosting`` object in the page's JSON-LD blocks (top level, lists
    and ``@graph``), in page order. A block that is not valid JSON is skipped (logged at
    DEBUG)."""
    postings = []
    for block in response.xpath('//script[@type="application/ld+json"]/text()').getall():
        try:
            data = json.loads(block, strict=False)
        except json.JSONDecodeError as exc:
            logger.debug("%s: a JSON-LD block is not valid JSON (%s)", redact(response.url), exc)
            continue
        postings.extend(n for n in _walk(data) if "JobPosting" in _types(n))
    return postings


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        return text(value.get("name"))
    return text(value) if value not in (None, "") else None


def address_text(place: Any) -> str | None:
    """A ``Place`` (or bare ``PostalAddress``/string) as ``"Locality, Region, Country"``."""
    if isinstance(place, str):
        return place.strip() or None
    if not isinstance(place, dict):
        return None
    address = place.get("address", place)
    if isinstance(address, str):
        return address.strip() or None
    if not isinstance(address, dict):
        return _name(place)
    parts = [
        address.get("addressLocality"),
        address.get("addressRegion"),
        _name(address.get("addressCountry")),
    ]
    joined = ", ".join(str(p).strip() for p in parts if p and str(p).strip())
    return joined or _name(place)


def posting_fields(posting: dict[str, Any]) -> dict[str, Any]:
    """The raw :class:`JobAdItem` fields a ``JobPosting`` gives (``source``/``source_id``/
    ``url`` are the spider's): title, company, location_raw (several places joined by
    ``" / "``; ``"Remote"`` for a telecommuting posting without a place), the base salary's
    bounds, currency and unit verbatim, description, posted_raw (``datePosted``),
    employment_type_raw and workplace_raw (``jobLocationType``). The whole posting is
    ``raw``."""
    places = [p for p in (address_text(x) for x in _as_list(posting.get("jobLocation"))) if p]
    location_type = text(posting.get("jobLocationType"))
    if not places and location_type and "TELECOMMUTE" in location_type.upper():
        places = ["Remote"]
        requirements = [_name(r) for r in _as_list(posting.get("applicantLocationRequirements"))]
        places = (
            [f"Remote ({', '.join(r for r in requirements if r)})"] if any(requirements) else places
        )
    salary: dict[str, Any] = {}
    base = posting.get("baseSalary")
    if isinstance(base, list):
        base = base[0] if base else None
    salary_raw = None
    if isinstance(base, dict):
        value = base.get("value")
        salary["salary_currency_raw"] = text(base.get("currency"))
        if isinstance(value, dict):
            low = value.get("minValue", value.get("value"))
            high = value.get("maxValue", value.get("value"))
            salary["salary_period_raw"] = text(value.get("unitText"))
        else:
            low = high = value
            salary["salary_period_raw"] = text(base.get("unitText"))
        salary["salary_min_raw"], salary["salary_max_raw"] = text(low), text(high)
    elif isinstance(base, str | int | float):
        salary_raw = text(base)
    employment = _as_list(posting.get("employmentType"))
    return {
        "title": text(posting.get("title") or posting.get("name")),
        "company": _name(posting.get("hiringOrganization")),
        "location_raw": " / ".join(dict.fromkeys(places)) or None,
        "salary_raw": salary_raw,
        **salary,
        "description": text(posting.get("description")),
        "posted_raw": text(posting.get("datePosted")),
        "employment_type_raw": ", ".join(str(e) for e in employment if e) or None,
        "workplace_raw": location_type,
        "raw": posting,
    }


class SitemapJobPostingSpider(JobSpider):
    """Base of a board whose sitemap lists its ad pages and whose ad pages embed a
    ``JobPosting``.

    Configuration: ``sitemap_urls`` (sitemaps, sitemap indexes or a ``robots.txt`` naming
    them), ``sitemap_rules`` (regular expressions; a URL matching one is an ad page),
    ``id_pattern`` (a regular expression whose first group, searched in the ad URL, is the
    board's id for the ad; default: the URL's path). A sitemap lists every live ad, so
    ``lists_everything``: once every sitemap was read, held ads it no longer lists expire. The
    listing fingerprint is the entry's ``lastmod`` (without one, an ad is fetched once).
    ``page_title_pattern`` (optional): a regular expression with named groups ``title``,
    ``company`` and ``location`` read from the page's ``<title>``, filling what the JobPosting
    leaves empty (a board whose titles read "Title - Company - Place | Board").
    Hooks: ``pre_process(posting)`` (the page's JobPosting, before it is read) and
    ``post_process(item, response, posting)`` (``None`` drops, counted). A page whose
    JobPosting cannot be read into an item is dropped alone
    (``mljobs/dropped/malformed_posting``). Spider argument ``sitemap_urls``
    (comma-separated) replaces the configured sitemaps.
    """

    sitemap_urls: ClassVar[tuple[str, ...]] = ()
    sitemap_rules: ClassVar[tuple[str, ...]] = ()
    page_title_pattern: ClassVar[str | None] = None
    lists_everything = True

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if isinstance(self.sitemap_urls, str):  # -a sitemap_urls=url,url
            self.sitemap_urls = tuple(u.strip() for u in self.sitemap_urls.split(",") if u.strip())
        if not self.sitemap_urls or not self.sitemap_rules:
            raise ValueError(f"{self.name}: sitemap_urls and sitemap_rules must be set")
        self._rules = tuple(re.compile(r) for r in self.sitemap_rules)
        self._title_re = re.compile(self.page_title_pattern) if self.page_title_pattern else None
        self._sitemaps_pending = 0
        self._sitemaps_failed = False
        self._listed_ids: list[str] = []

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.sitemap_urls:
            yield self._sitemap_request(url)

    def _sitemap_request(self, url: str) -> scrapy.Request:
        self._sitemaps_pending += 1
        return scrapy.Request(url, callback=self.parse_sitemap, errback=self._sitemap_failed)

    def _sitemap_failed(self, failure: Any) -> None:
        self._sitemaps_failed = True
        self._sitemaps_pending -= 1
        self.request_failed(failure)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        self._sitemaps_pending -= 1
        if response.url.endswith("/robots.txt"):
            for url in sitemap_urls_from_robots(response.text, base_url=response.url):
                yield self._sitemap_request(url)
            self._maybe_complete()
            return
        body = response.body
        if response.url.endswith(".gz") or body[:2] == b"\x1f\x8b":
            try:
                body = gunzip(body)
            except OSError:
                body = b""
        try:
            sitemap = Sitemap(body)
        except Exception:  # lxml raises several kinds on a body that is not XML
            sitemap = None
        if sitemap is None or sitemap.type not in ("sitemapindex", "urlset"):
            self._sitemaps_failed = True
            self.crawler.stats.inc_value("mljobs/dropped/malformed_sitemap")
            self.logger.error("%s: %s is not a sitemap", self.name, redact(response.url))
            self._maybe_complete()
            return
        for entry in sitemap:
            loc = entry.get("loc")
            if not loc:
                continue
            if sitemap.type == "sitemapindex":
                yield self._sitemap_request(loc)
            elif any(rule.search(loc) for rule in self._rules):
                source_id = self.source_id_from_url(loc, default=self.url_path_id(loc))
                self._listed_ids.append(source_id)
                if self.incremental.listed(source_id, entry.get("lastmod") or "listed"):
                    yield self.detail_request(
                        loc, callback=self.parse_posting, cb_kwargs={"source_id": source_id}
                    )
        self._maybe_complete()

    def _maybe_complete(self) -> None:
        if self._sitemaps_pending == 0 and not self._sitemaps_failed:
            self.incremental.listing_complete("", self._listed_ids)

    def parse_posting(self, response: Response, source_id: str) -> Iterator[JobAdItem]:
        item = self.record_item(
            self._page_item, response, source_id, ad=source_id, scope=redact(response.url)
        )
        if item is not None:
            yield item

    def _page_item(self, response: Response, source_id: str) -> JobAdItem | None:
        """The item of one ad page's first JobPosting (``None``, counted, when it has none)."""
        postings = job_postings(response)
        if not postings:
            self.crawler.stats.inc_value("mljobs/dropped/no_jobposting")
            self.logger.warning("%s: no JobPosting on %s", self.name, redact(response.url))
            return None
        posting = self.pre_process(postings[0])
        item = JobAdItem(
            source=self.source, source_id=source_id, url=response.url, **posting_fields(posting)
        )
        for field, value in self.page_title_parts(response).items():
            if not item.get(field):
                item[field] = value
        return self.post_processed(item, response, posting)

    def page_title_parts(self, response: Response) -> dict[str, str]:
        """``{"title", "company", "location_raw"}`` read from the page's ``<title>`` with
        ``page_title_pattern`` (``{}`` without a pattern or a match)."""
        if self._title_re is None:
            return {}
        title = " ".join((response.xpath("//title/text()").get() or "").split())
        match = self._title_re.search(title)
        if not match:
            return {}
        parts = {"title": "title", "company": "company", "location_raw": "location"}
        return {field: match.group(g).strip() for field, g in parts.items() if match.group(g)}
