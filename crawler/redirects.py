"""Redirect loops: a page that redirects, directly or through others, back to a URL of its own
redirect chain is dropped by Scrapy's duplicate filter with no more than a DEBUG line. Here it
is an error of the spider that asked for it (:class:`RedirectLoopDupeFilter`)."""

from __future__ import annotations

import logging

from scrapy import Request, Spider
from scrapy.dupefilters import RFPDupeFilter
from w3lib.url import canonicalize_url

from crawler.redaction import redact

logger = logging.getLogger(__name__)


class RedirectLoopDupeFilter(RFPDupeFilter):
    """Scrapy's duplicate filter (same fingerprints, ``JOBDIR`` file and stats) that logs a
    filtered request closing a redirect loop (its URL is already in its own
    ``redirect_urls``) as an ERROR of its spider, naming the chain, and counts it as
    ``mljobs/redirect_loop``. The project's ``DUPEFILTER_CLASS``."""

    def log(self, request: Request, spider: Spider) -> None:
        chain = request.meta.get("redirect_urls") or []
        here = canonicalize_url(request.url)
        if any(canonicalize_url(url) == here for url in chain):
            spider.crawler.stats.inc_value("mljobs/redirect_loop")
            logger.error(
                "redirect loop, request dropped: %s",
                " -> ".join(redact(url) for url in [*chain, request.url]),
                extra={"spider": spider},
            )
        super().log(request, spider)
