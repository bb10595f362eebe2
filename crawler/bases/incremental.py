"""Incremental crawling: what a listing says about each ad decides whether it is fetched again.

A spider that lists ads before it fetches (or yields) them calls :meth:`IncrementalSpider.
listed` with the ad's id (``<source>:<source_id>``) and a *fingerprint* of what the listing shows
(its updated date, or a hash of the listing record). When the database already holds the ad and
the listing's fingerprint is the one recorded last time, the ad is unchanged: its detail page is
not requested and no item is made; at the end of the crawl its ``last_seen`` is refreshed
(``db.store.touch_ads``). Otherwise the spider fetches/yields it and the new fingerprint is
recorded once the ad is stored (an item dropped by a pipeline records nothing, so it is tried
again next time).

A source that lists everything (an ATS board) calls :meth:`IncrementalSpider.listing_complete`
once a whole listing of one scope (one board) was read; at the end of the crawl the held ads of
that scope the listing no longer showed get ``expired_at`` (``db.store.expire_unlisted``). A
scope whose listing failed (HTTP error, malformed JSON) is never complete, so nothing of it is
expired.

A complete listing that shows *no* ad of a scope the database holds live ads of is taken for a
broken listing (a sitemap whose rules stopped matching, a board answering ``{"jobs": []}``), not
for every ad closing at once: nothing of that scope expires (a WARNING and
``mljobs/expiry_skipped_empty_listing``).

Stats: ``mljobs/listed`` (listing entries read), ``mljobs/listed_unchanged`` (not fetched
again), ``mljobs/detail_requests``, ``mljobs/touched``, ``mljobs/unchanged`` (touched ads count
as unchanged), ``mljobs/expired``, ``mljobs/expiry_skipped_empty_listing``,
``mljobs/dropped/malformed_posting`` (a record whose conversion into an item raised, see
:meth:`IncrementalSpider.record_item`), ``mljobs/dropped/post_process``. Setting
``MLJOBS_REFRESH`` (``mljobs crawl --refresh``) fetches everything again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, TypeVar
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from crawler.items import JobAdItem
from db.schema import open_db
from db.store import (
    ad_key,
    expire_unlisted,
    listing_fingerprints,
    live_ads,
    save_listings,
    touch_ads,
    utcnow,
)

logger = logging.getLogger(__name__)

T = TypeVar("T")


def fingerprint(record: Any, *, ignore: Iterable[str] = ()) -> str:
    """A stable SHA-1 of a listing record (a dict is hashed with sorted keys, the keys in
    ``ignore`` left out: volatile counters such as a number of applications)."""
    if isinstance(record, Mapping):
        skip = set(ignore)
        record = {k: v for k, v in record.items() if k not in skip}
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


class IncrementalSpider(scrapy.Spider):
    """Base of the spiders that list before they fetch. See the module docstring.

    Subclasses set ``source`` (the items' ``source``) and, for sources whose listing shows every
    live ad of a scope, ``lists_everything = True``. Shared by the bases: ``id_pattern`` (read
    by :meth:`source_id_from_url`), the ``post_process`` hook (applied by
    :meth:`post_processed`) and :meth:`record_item`, which turns one source record into an item
    so that a malformed record drops that ad only. Every spider logs with Scrapy's log
    formatter replaced by :class:`crawler.middlewares.RedactingLogFormatter` (API keys masked
    in the URLs of ``Crawled``/``Scraped``/error lines).
    """

    #: The ``source`` of the items this spider makes (also the key prefix of its ads).
    source: ClassVar[str] = ""
    #: True: a complete listing of a scope shows every live ad of it, so ads no longer listed
    #: expire. False (search APIs, feeds that show the newest N): nothing is expired.
    lists_everything: ClassVar[bool] = False
    #: A regular expression whose first group, searched in an ad's URL, is the source's id for
    #: the ad (see :meth:`source_id_from_url`); ``None``: no pattern.
    id_pattern: ClassVar[str | None] = None

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._id_re = re.compile(self.id_pattern) if self.id_pattern else None
        if self._id_re is not None and self._id_re.groups < 1:
            raise ValueError(
                f"{self.name}: id_pattern {self.id_pattern!r} needs a group capturing the id"
            )
        self._known: dict[str, str] = {}
        self._touch: set[str] = set()
        self._pending: dict[str, str] = {}  # ad id -> fingerprint, recorded once stored
        self._scopes: dict[str, set[str]] = {}
        self._resumed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> IncrementalSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._item_not_stored, signal=signals.item_dropped)
        crawler.signals.connect(spider._item_not_stored, signal=signals.item_error)
        return spider

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        # Search APIs put keys in their URLs (Adzuna's app_key): Scrapy's own request lines
        # ("Crawled (503) <GET ...>") must not show them.
        settings.set(
            "LOG_FORMATTER", "crawler.middlewares.RedactingLogFormatter", priority="spider"
        )

    # --- for subclasses ------------------------------------------------------------------
    def load_listings(self) -> None:
        """Read what the database knows of this source's listings (call at the start of
        ``start()``). Without it (unit tests calling callbacks) every ad counts as new.

        With ``JOBDIR``, the ads touched or fetched so far are kept in the spider's persisted
        ``state``, so a resumed crawl records them at its end; a resumed crawl expires
        nothing (what was listed before the pause is not all known)."""
        state = getattr(self, "state", None)
        if isinstance(state, dict):  # JOBDIR: Scrapy's SpiderState persists this dict
            saved = state.get("mljobs")
            if saved:
                self._resumed = True
                self.crawler.stats.set_value("mljobs/resumed", 1)
                self._touch |= saved["touch"]
                self._pending.update(saved["pending"])
                self.logger.info("%s: resuming a stopped crawl (no expiry this run)", self.name)
            state["mljobs"] = {"touch": self._touch, "pending": self._pending}
        if self.settings.getbool("MLJOBS_REFRESH"):
            self.logger.info("%s: MLJOBS_REFRESH set, fetching every listed ad again", self.name)
            return
        db = open_db(self.settings.get("MLJOBS_DB"))
        try:
            self._known = listing_fingerprints(db, self.source)
        finally:
            db.close()

    def listed(self, source_id: str, listing_fingerprint: str) -> bool:
        """Record that the listing shows the ad ``source_id`` with ``listing_fingerprint``.
        Returns True when the ad must be fetched/yielded (new or changed), False when the
        database holds it unchanged (it is only touched)."""
        ad_id = ad_key(self.source, source_id)
        stats = self.crawler.stats
        stats.inc_value("mljobs/listed")
        if self._known.get(ad_id) == listing_fingerprint:
            stats.inc_value("mljobs/listed_unchanged")
            self._touch.add(ad_id)
            return False
        self._pending[ad_id] = listing_fingerprint
        return True

    def listing_complete(self, scope_prefix: str, source_ids: Iterable[str]) -> None:
        """A whole listing of the scope ``scope_prefix`` (a source id prefix, e.g. ``"monzo:"``)
        was read and showed ``source_ids``; with ``lists_everything``, held ads of the scope
        missing from it expire at the end of the crawl."""
        ids = {ad_key(self.source, s) for s in source_ids}
        self._scopes.setdefault(ad_key(self.source, scope_prefix), set()).update(ids)

    def discard_pending(self, source_id: str) -> None:
        """Forget the listing fingerprint recorded for the ad ``source_id`` by :meth:`listed`
        (the ad was not stored: dropped, malformed or a store error), so the next crawl fetches
        it again. An ad with nothing pending is ignored."""
        self._pending.pop(ad_key(self.source, source_id), None)

    def source_id_from_url(self, url: str, default: str | None = None) -> str:
        """The source's id for the ad at ``url``: the first group of ``id_pattern`` searched in
        it; without a pattern or a match, ``default`` (when given), else ``url`` itself."""
        if self._id_re is not None:
            match = self._id_re.search(url)
            if match:
                return match.group(1)
        return url if default is None else default

    @staticmethod
    def url_path_id(url: str) -> str:
        """``url``'s path without its trailing slash (``url`` when the path is empty): the
        default id of an ad page."""
        return urlsplit(url).path.rstrip("/") or url

    def record_item(self, make: Callable[..., T], *args: Any, ad: str, scope: str) -> T | None:
        """``make(*args)``: the conversion of one source record (an ATS posting, a feed entry,
        an ad page, a search result) into its item. When it raises, the record alone is lost:
        counted as ``mljobs/dropped/malformed_posting``, logged at ERROR naming ``ad`` (the
        ad's source id) and ``scope`` (its board, feed or page; the traceback at DEBUG), the
        ad's pending listing fingerprint discarded (it is fetched again next crawl), and
        ``None`` returned so the caller goes on with the next record."""
        try:
            return make(*args)
        except Exception as exc:  # one bad record must not lose its board/page
            self.crawler.stats.inc_value("mljobs/dropped/malformed_posting")
            self.logger.error(
                "%s: posting %s of %s is malformed, dropped: %r", self.name, ad, scope, exc
            )
            self.logger.debug("%s: posting %s traceback", self.name, ad, exc_info=True)
            self.discard_pending(ad)
            return None

    def post_process(self, item: JobAdItem, response: Response, record: Any) -> JobAdItem | None:
        """Hook for concrete spiders: enrich an item, or return ``None`` to drop it (counted as
        ``mljobs/dropped/post_process``). ``record`` is the source record the item came from
        (an ATS posting, a feed entry, a JSON-LD ``JobPosting``). The ATS, RSS and sitemap
        bases apply it (through :meth:`post_processed`); the search-API bases do not. Default:
        unchanged."""
        return item

    def post_processed(self, item: JobAdItem, response: Response, record: Any) -> JobAdItem | None:
        """``post_process(item, response, record)``, counting a dropped item."""
        result = self.post_process(item, response, record)
        if result is None:
            self.crawler.stats.inc_value("mljobs/dropped/post_process")
        return result

    def detail_request(self, url: str, **kwargs: Any) -> scrapy.Request:
        """A request for an ad's detail page (counted as ``mljobs/detail_requests``), with the
        spider's errback."""
        self.crawler.stats.inc_value("mljobs/detail_requests")
        kwargs.setdefault("errback", self.request_failed)
        return scrapy.Request(url, **kwargs)

    def request_failed(self, failure: Failure) -> None:
        """Errback: one log line and ``mljobs/errors/<reason>`` for a request that failed after
        its retries (HTTP error status, DNS failure, refused connection, timeout)."""
        request = failure.request if hasattr(failure, "request") else None
        response = getattr(failure.value, "response", None)
        if response is not None:
            reason = f"http_{response.status}"
            message = f"HTTP {response.status}"
        else:
            reason = type(failure.value).__name__
            message = failure.getErrorMessage()
        self.crawler.stats.inc_value(f"mljobs/errors/{reason}")
        url = request.url if request is not None else "?"
        if response is not None and response.status == 404:
            self.logger.warning("%s: %s is gone (HTTP 404)", self.name, redact(url))
        else:
            self.logger.error("%s: %s failed: %s", self.name, redact(url), message)

    # --- end of crawl (called by crawler.pipelines.StorePipeline.close_spider) ------------
    def on_stored(self, db: Any, stats: Any) -> None:
        """Touch the unchanged ads, record the fingerprints of the stored ones, expire the ads
        that complete listings no longer show."""
        now = utcnow()
        touched = touch_ads(db, sorted(self._touch), now) if self._touch else 0
        stats.inc_value("mljobs/touched", touched)
        stats.inc_value("mljobs/unchanged", touched)
        save_listings(db, self.source, self._pending, now)
        if not self.lists_everything or self._resumed:
            return
        for prefix, ids in self._scopes.items():
            if not ids:
                held = live_ads(db, prefix)
                if held:
                    self.logger.warning(
                        "%s: the listing of %s shows no ad but %d are held: "
                        "a broken listing? nothing of it expires",
                        self.name,
                        prefix,
                        held,
                    )
                    stats.inc_value("mljobs/expiry_skipped_empty_listing")
                continue
            expired = expire_unlisted(db, prefix, ids, now)
            if expired:
                self.logger.info(
                    "%s: %d ad(s) of %s no longer listed: expired", self.name, expired, prefix
                )
            stats.inc_value("mljobs/expired", expired)

    def _item_not_stored(self, item: Any, **kwargs: Any) -> None:
        try:
            source, source_id = item.get("source"), item.get("source_id")
        except AttributeError:
            return
        if str(source) == self.source:
            self.discard_pending(str(source_id))


def redact(url: str) -> str:
    """``url`` with API keys in its query (``app_key``, ``api_key``, ``key``) masked, for logs."""
    from w3lib.url import add_or_replace_parameter, url_query_parameter

    for name in ("app_key", "api_key", "key", "app_id"):
        if url_query_parameter(url, name):
            url = add_or_replace_parameter(url, name, "***")
    return url
