"""What every job-ad spider base shares: its ``source``, ids from URLs, the ``pre_process``/
``post_process`` hooks, one record -> one item with a malformed record dropped alone, and one
errback for failed requests.

Spiders only parse. Whether an ad is fetched again, and which ads expire, is the crawl's
incremental state (:mod:`crawler.incremental`), which a spider consults through
:attr:`JobSpider.incremental`.

Stats: ``mljobs/detail_requests``, ``mljobs/dropped/malformed_posting`` (a record whose
conversion into an item raised, see :meth:`JobSpider.record_item`),
``mljobs/dropped/post_process``, ``mljobs/errors/<reason>`` (a request that failed).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property
from typing import Any, ClassVar, TypeVar
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.failfast import HostGaveUp
from crawler.incremental import Listings
from crawler.items import JobAdItem
from crawler.redaction import redact

T = TypeVar("T")


class JobSpider(scrapy.Spider):
    """Base of the job-ad spider bases (ATS boards, search APIs, RSS feeds, sitemaps).

    Configuration (class attributes): ``source`` (the items' ``source`` and the key prefix of
    their ads; default: the spider's ``name``, set in one place, :meth:`__init__`),
    ``lists_everything`` and ``id_pattern``. Hooks, applied by every base: :meth:`pre_process`
    (repair a raw record before it is read) and :meth:`post_process` (enrich an item, or drop
    it).
    """

    #: The ``source`` of the items this spider makes; ``""``: the spider's ``name``.
    source: str = ""
    #: True: a complete listing of a scope shows every live ad of it, so ads no longer listed
    #: expire. False (search APIs, feeds that show the newest N): nothing is expired.
    lists_everything: ClassVar[bool] = False
    #: A regular expression whose first group, searched in an ad's URL, is the source's id for
    #: the ad (see :meth:`source_id_from_url`); ``None``: no pattern.
    id_pattern: ClassVar[str | None] = None

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.source = type(self).source or self.name
        self._id_re = re.compile(self.id_pattern) if self.id_pattern else None
        if self._id_re is not None and self._id_re.groups < 1:
            raise ValueError(
                f"{self.name}: id_pattern {self.id_pattern!r} needs a group capturing the id"
            )

    @cached_property
    def incremental(self) -> Listings:
        """This crawl's listing state (:class:`crawler.incremental.Listings`): ``listed``,
        ``listing_complete`` and ``discard``. The extension
        :class:`crawler.incremental.IncrementalCrawl` loads and saves it; without it (unit
        tests calling callbacks) every ad counts as new."""
        return Listings(self.source, self.crawler.stats, self.lists_everything)

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
            self.incremental.discard(ad)
            return None

    # --- hooks for concrete spiders --------------------------------------------------------
    def pre_process(self, raw: Any) -> Any:
        """Hook for concrete spiders: repair a source's raw record before it is read (an ATS
        posting, a search result, a feed entry, a JSON-LD ``JobPosting``). Every base applies
        it; one that raises drops that record alone (``mljobs/dropped/malformed_posting``).
        Default: unchanged."""
        return raw

    def post_process(self, item: JobAdItem, response: Response, record: Any) -> JobAdItem | None:
        """Hook for concrete spiders: enrich an item, or return ``None`` to drop it (counted as
        ``mljobs/dropped/post_process``). ``record`` is the source record the item came from
        (an ATS posting, a search result or Reed's details record, a feed entry, a JSON-LD
        ``JobPosting``). Every base applies it (through :meth:`post_processed`). Default:
        unchanged."""
        return item

    def post_processed(self, item: JobAdItem, response: Response, record: Any) -> JobAdItem | None:
        """``post_process(item, response, record)``, counting a dropped item."""
        result = self.post_process(item, response, record)
        if result is None:
            self.crawler.stats.inc_value("mljobs/dropped/post_process")
        return result

    # --- requests ---------------------------------------------------------------------------
    def detail_request(self, url: str, **kwargs: Any) -> scrapy.Request:
        """A request for an ad's detail page (counted as ``mljobs/detail_requests``), with the
        spider's errback."""
        self.crawler.stats.inc_value("mljobs/detail_requests")
        kwargs.setdefault("errback", self.request_failed)
        return scrapy.Request(url, **kwargs)

    def request_failed(self, failure: Failure) -> None:
        """Errback: one log line and ``mljobs/errors/<reason>`` for a request that failed after
        its retries (HTTP error status, DNS failure, refused connection, timeout). A request
        not sent because its host was given up on (``crawler.failfast``) is counted as
        ``mljobs/errors/host_gave_up`` and logged at DEBUG only (the give-up said it once)."""
        request = failure.request if hasattr(failure, "request") else None
        if isinstance(failure.value, HostGaveUp):
            self.crawler.stats.inc_value("mljobs/errors/host_gave_up")
            self.logger.debug("%s: %s not sent: %s", self.name, redact(request.url), failure.value)
            return
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
