"""The generic RSS job-feed spider: a feed lists ads, each ad's page is fetched once.

A feed ``<item>`` gives ``title``, ``link``, ``description``, ``pubDate`` (and ``guid``). The ad
page is read for a schema.org ``JobPosting`` (see :mod:`crawler.bases.jsonld`); a page without
one falls back to the feed entry's own fields. Feeds show the newest ads only, so nothing is
expired; an entry unchanged since the last crawl (same title, description and date) is not
fetched again, only touched.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawler.bases.jsonld import job_postings, posting_fields
from crawler.bases.spider import JobSpider
from crawler.incremental import fingerprint
from crawler.items import JobAdItem
from crawler.redaction import redact


def feed_entries(body: str) -> list[dict[str, str | None]] | None:
    """The ``<item>`` entries of an RSS 2.0 feed as dicts of ``title``, ``link``,
    ``description``, ``pubDate``, ``guid`` (stripped text or ``None``); ``None`` when ``body``
    is not an RSS feed."""
    try:
        selector = Selector(text=body, type="xml")
    except Exception:  # lxml raises several kinds on a body that is not XML
        return None
    selector.remove_namespaces()
    if not selector.xpath("/rss | /rdf | /RDF"):
        return None
    entries = []
    for node in selector.xpath("//item"):
        entry: dict[str, str | None] = {}
        for field in ("title", "link", "description", "pubDate", "guid"):
            value = node.xpath(f"{field}/text()").get()
            entry[field] = value.strip() if value and value.strip() else None
        entries.append(entry)
    return entries


class RssJobSpider(JobSpider):
    """Base of an RSS job feed. Configuration: ``feed_urls`` and ``id_pattern`` (a regular
    expression whose first group, searched in an entry's link, is the board's id for the ad;
    default: the link). Hooks: ``pre_process(entry)`` (a feed entry, before it is read) and
    ``post_process(item, response, entry)`` (``None`` drops, counted). An ad page whose item
    cannot be made (a malformed JobPosting) is dropped alone
    (``mljobs/dropped/malformed_posting``)."""

    feed_urls: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not self.feed_urls:
            raise ValueError(f"{self.name}: feed_urls must be set")

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.feed_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.request_failed)

    def parse(self, response: Response) -> Iterator[scrapy.Request]:
        entries = feed_entries(response.text)
        if entries is None:
            self.crawler.stats.inc_value("mljobs/dropped/malformed_feed")
            self.logger.error("%s: %s is not an RSS feed", self.name, redact(response.url))
            return
        for entry in entries:
            ad = entry.get("link") or "?"
            entry = self.record_item(self.pre_process, entry, ad=ad, scope=redact(response.url))
            if entry is None:
                continue
            link = entry.get("link")
            if not link:
                self.crawler.stats.inc_value("mljobs/dropped/malformed_posting")
                continue
            source_id = self.source_id_from_url(link)
            listing = {k: entry.get(k) for k in ("title", "description", "pubDate")}
            if self.incremental.listed(source_id, fingerprint(listing)):
                yield self.detail_request(
                    link,
                    callback=self.parse_posting,
                    cb_kwargs={"source_id": source_id, "entry": entry},
                )

    def parse_posting(
        self, response: Response, source_id: str, entry: dict[str, Any]
    ) -> Iterator[JobAdItem]:
        item = self.record_item(
            self._page_item, response, source_id, entry, ad=source_id, scope=redact(response.url)
        )
        if item is not None:
            yield item

    def _page_item(
        self, response: Response, source_id: str, entry: dict[str, Any]
    ) -> JobAdItem | None:
        """The item of one ad page: its JobPosting, else the feed entry's own fields."""
        postings = job_postings(response)
        if postings:
            fields = posting_fields(postings[0])
            fields["raw"] = {"posting": postings[0], "feed_entry": entry}
        else:
            self.crawler.stats.inc_value("mljobs/no_jobposting")
            fields = {
                "title": entry.get("title"),
                "description": entry.get("description"),
                "posted_raw": entry.get("pubDate"),
                "raw": {"feed_entry": entry},
            }
        fields["title"] = fields.get("title") or entry.get("title")
        fields["posted_raw"] = fields.get("posted_raw") or entry.get("pubDate")
        item = JobAdItem(source=self.source, source_id=source_id, url=response.url, **fields)
        return self.post_processed(item, response, entry)
