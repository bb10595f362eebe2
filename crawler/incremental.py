"""Incremental crawling: what a listing says about each ad decides whether it is fetched again.

The state that outlives a run (which ads the database holds, the listing *fingerprint* recorded
for each, which ads expire) lives here, not in the spiders, as zyte-spider-templates keeps it
in its incremental middleware. A spider consults it through one small interface,
:class:`Listings` (``spider.incremental``):

- :meth:`Listings.listed` ``(source_id, fingerprint)``: the listing shows this ad with this
  fingerprint (its updated date, or a hash of the listing record, see :func:`fingerprint`).
  True: fetch/yield it (new or changed). False: the database holds it unchanged; no item is
  made and at the end of the crawl its ``last_seen`` is refreshed (``db.store.touch_ads``).
- :meth:`Listings.listing_complete` ``(scope_prefix, source_ids)``: a whole listing of one
  scope (one ATS board, a whole sitemap) was read. For a spider with ``lists_everything``, the
  held ads of that scope the listing no longer shows get ``expired_at`` at the end of the crawl
  (``db.listings.expire_unlisted``). A scope whose listing failed is never complete, so nothing of
  it expires. A complete listing that shows *no* ad of a scope the database holds live ads of
  is taken for a broken listing (a sitemap whose rules stopped matching, a board answering
  ``{"jobs": []}``): nothing of it expires (a WARNING and
  ``mljobs/expiry_skipped_empty_listing``).
- :meth:`Listings.discard` ``(source_id)``: the ad was not stored after all (a malformed
  record); its new fingerprint is forgotten, so the next crawl fetches it again.

The extension :class:`IncrementalCrawl` does the database side: when the spider opens it loads
the fingerprints held for the spider's source (not with ``MLJOBS_REFRESH``, ``mljobs crawl
--refresh``) and, with ``JOBDIR``, restores what a stopped crawl had touched or fetched; an item
dropped or failed in a pipeline, or not stored (:data:`crawler.signals.ad_not_stored`), has its
fingerprint discarded; when the spider closes (after the store pipeline's last write) it touches
the unchanged ads, records the fingerprints of the stored ones and expires the unlisted ones.

Stats: ``mljobs/listed`` (listing entries read), ``mljobs/listed_unchanged`` (not fetched
again), ``mljobs/touched``, ``mljobs/unchanged`` (touched ads count as unchanged),
``mljobs/expired``, ``mljobs/expiry_skipped_empty_listing``, ``mljobs/resumed``.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from typing import Any

import sqlite_utils
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.spiders import Spider
from scrapy.statscollectors import StatsCollector

from crawler.signals import ad_not_stored
from db.listings import expire_unlisted, listing_fingerprints, live_ads, save_listings
from db.schema import open_db
from db.store import ad_key, touch_ads, utcnow

logger = logging.getLogger(__name__)


def fingerprint(record: Any, *, ignore: Iterable[str] = ()) -> str:
    """A stable SHA-1 of a listing record (a dict is hashed with sorted keys, the keys in
    ``ignore`` left out: volatile counters such as a number of applications)."""
    if isinstance(record, Mapping):
        skip = set(ignore)
        record = {k: v for k, v in record.items() if k not in skip}
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


class Listings:
    """What one crawl of one source has listed, against what the database held before it.

    Keys are ad ids (``<source>:<source_id>``, ``db.store.ad_key``). ``known``: the
    fingerprints held (filled by :class:`IncrementalCrawl`; empty, so every ad is new, when a
    spider runs without it, as in unit tests); ``touched``: held ads listed unchanged;
    ``pending``: fingerprints of new or changed ads, recorded once they are stored;
    ``scopes``: ``{scope prefix: ad ids listed}`` of the complete listings.
    """

    def __init__(self, source: str, stats: StatsCollector, lists_everything: bool = False):
        self.source = source
        self.stats = stats
        #: True: a complete listing of a scope shows every live ad of it (ads it no longer
        #: shows expire). False (search APIs, feeds of the newest N): nothing expires.
        self.lists_everything = lists_everything
        self.known: dict[str, str] = {}
        self.touched: set[str] = set()
        self.pending: dict[str, str] = {}
        self.scopes: dict[str, set[str]] = {}
        #: A crawl resumed from ``JOBDIR``: what was listed before the pause is not all known,
        #: so nothing expires.
        self.resumed = False

    def listed(self, source_id: str, listing_fingerprint: str) -> bool:
        """Record that the listing shows the ad ``source_id`` with ``listing_fingerprint``.
        Returns True when the ad must be fetched/yielded (new or changed), False when the
        database holds it unchanged (it is only touched)."""
        ad_id = ad_key(self.source, source_id)
        self.stats.inc_value("mljobs/listed")
        if self.known.get(ad_id) == listing_fingerprint:
            self.stats.inc_value("mljobs/listed_unchanged")
            self.touched.add(ad_id)
            return False
        self.pending[ad_id] = listing_fingerprint
        return True

    def listing_complete(self, scope_prefix: str, source_ids: Iterable[str]) -> None:
        """A whole listing of the scope ``scope_prefix`` (a source id prefix, e.g. ``"monzo:"``)
        was read and showed ``source_ids``; with ``lists_everything``, held ads of the scope
        missing from it expire at the end of the crawl."""
        ids = {ad_key(self.source, s) for s in source_ids}
        self.scopes.setdefault(ad_key(self.source, scope_prefix), set()).update(ids)

    def discard(self, source_id: str) -> None:
        """Forget the fingerprint recorded for the ad ``source_id`` by :meth:`listed` (the ad
        was not stored: dropped, malformed or a store error), so the next crawl fetches it
        again. An ad with nothing pending is ignored."""
        self.pending.pop(ad_key(self.source, source_id), None)


def close_listings(db: sqlite_utils.Database, listings: Listings, log: Any = logger) -> None:
    """The end of a crawl in ``db``: touch the ads listed unchanged, record the fingerprints of
    the stored ones, expire the ads that complete listings no longer show (see the module
    docstring; counts in ``listings.stats``, messages to the logger ``log``)."""
    stats, source = listings.stats, listings.source
    now = utcnow()
    touched = touch_ads(db, sorted(listings.touched), now) if listings.touched else 0
    stats.inc_value("mljobs/touched", touched)
    stats.inc_value("mljobs/unchanged", touched)
    save_listings(db, source, listings.pending, now)
    if not listings.lists_everything or listings.resumed:
        return
    for prefix, ids in listings.scopes.items():
        if not ids:
            held = live_ads(db, prefix)
            if held:
                log.warning(
                    "%s: the listing of %s shows no ad but %d are held: "
                    "a broken listing? nothing of it expires",
                    source,
                    prefix,
                    held,
                )
                stats.inc_value("mljobs/expiry_skipped_empty_listing")
            continue
        expired = expire_unlisted(db, prefix, ids, now)
        if expired:
            log.info("%s: %d ad(s) of %s no longer listed: expired", source, expired, prefix)
        stats.inc_value("mljobs/expired", expired)


def spider_listings(spider: Spider | None) -> Listings | None:
    """The :class:`Listings` a spider consults (its ``incremental``), or ``None`` for a spider
    that lists nothing (an importer)."""
    listings = getattr(spider, "incremental", None)
    return listings if isinstance(listings, Listings) else None


class IncrementalCrawl:
    """Extension keeping each crawl's :class:`Listings` in step with the database (see the
    module docstring). It runs before :class:`crawler.extensions.RunRecorder` (a lower
    ``EXTENSIONS`` order), so the recorded run carries the touched and expired counts."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.db_path = crawler.settings.get("MLJOBS_DB")
        self.refresh = crawler.settings.getbool("MLJOBS_REFRESH")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalCrawl:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.item_not_stored, signal=signals.item_dropped)
        crawler.signals.connect(ext.item_not_stored, signal=signals.item_error)
        crawler.signals.connect(ext.item_not_stored, signal=ad_not_stored)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        """Restore a stopped crawl's state (``JOBDIR``) and load the held fingerprints."""
        listings = spider_listings(spider)
        if listings is None:
            return
        state = getattr(spider, "state", None)
        if isinstance(state, dict):  # JOBDIR: Scrapy's SpiderState persists this dict
            saved = state.get("mljobs")
            if saved:
                listings.resumed = True
                self.crawler.stats.set_value("mljobs/resumed", 1)
                listings.touched |= saved["touch"]
                listings.pending.update(saved["pending"])
                spider.logger.info("%s: resuming a stopped crawl (no expiry this run)", spider.name)
            state["mljobs"] = {"touch": listings.touched, "pending": listings.pending}
        if self.refresh:
            spider.logger.info(
                "%s: MLJOBS_REFRESH set, fetching every listed ad again", spider.name
            )
            return
        db = open_db(self.db_path)
        try:
            listings.known = listing_fingerprints(db, listings.source)
        finally:
            db.close()

    def item_not_stored(self, item: Any, spider: Spider | None = None, **kwargs: Any) -> None:
        """An item dropped or failed in a pipeline, or not stored: forget its fingerprint."""
        listings = spider_listings(spider or self.crawler.spider)
        try:
            source, source_id = item.get("source"), item.get("source_id")
        except AttributeError:
            return
        if listings is not None and str(source) == listings.source:
            listings.discard(str(source_id))

    def spider_closed(self, spider: Spider) -> None:
        """Touch, record and expire (:func:`close_listings`) once the ads are stored."""
        listings = spider_listings(spider)
        if listings is None:
            return
        db = open_db(self.db_path)
        try:
            close_listings(db, listings, spider.logger)
        finally:
            db.close()
