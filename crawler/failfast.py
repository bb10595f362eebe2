"""Failing fast when a host cannot be reached, so that ``mljobs run`` with no network ends in
seconds with its clear message, and a host that accepts connections but never answers cannot
hold a run for long.

- A failed name resolution or a refused connection is not retried (:data:`UNREACHABLE`, see
  :class:`crawler.middlewares.BackoffRetryMiddleware`): it does not heal in seconds. HTTP 429
  and 5xx keep their polite retries with backoff.
- :class:`HostGiveUpMiddleware`: after ``MLJOBS_HOST_MAX_FAILURES`` connection failures in a
  row for one host (unreachable, or a download timeout, ``DOWNLOAD_TIMEOUT``), every further
  request to that host fails at once (:class:`HostGaveUp`) for the rest of the run, robots.txt
  included, and so do the requests already waiting in the host's downloader queue (they passed
  the middlewares before the give-up). Any response from the host resets its count.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Response
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError
from twisted.internet.error import TimeoutError as ConnectTimeoutError

logger = logging.getLogger(__name__)

#: The host cannot be reached at all: no retry.
UNREACHABLE: tuple[type[BaseException], ...] = (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DNSLookupError,
    ConnectionRefusedError,
)
#: Failures that count towards giving up on a host: unreachable, or no answer in time.
HOST_FAILURES: tuple[type[BaseException], ...] = UNREACHABLE + (
    DownloadTimeoutError,
    ConnectTimeoutError,
    TCPTimedOutError,
)


class HostGaveUp(IgnoreRequest):
    """A request not sent: its host failed too many times in a row this run."""


def host_of(request: Request) -> str:
    """The host (and port) a request goes to, lower-cased: ``"api.lever.co"``."""
    return urlsplit(request.url).netloc.lower()


class HostGiveUpMiddleware:
    """Downloader middleware giving up on a host after ``MLJOBS_HOST_MAX_FAILURES``
    connection failures in a row (see the module docstring). Stats: ``mljobs/hosts_given_up``
    (hosts), ``mljobs/host_gave_up/requests`` (requests not sent). It sits after the retry
    middleware in request order, so a retry of a host given up on is not sent either."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.max_failures = crawler.settings.getint("MLJOBS_HOST_MAX_FAILURES", 3)
        self.failures: dict[str, int] = {}
        self.gave_up: dict[str, str] = {}  # host -> the last failure

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostGiveUpMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        host = host_of(request)
        if host in self.gave_up:
            self.crawler.stats.inc_value("mljobs/host_gave_up/requests")
            raise HostGaveUp(f"gave up on {host} this run ({self.gave_up[host]})")
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        self.failures.pop(host_of(request), None)
        return response

    def process_exception(self, request: Request, exception: Exception) -> Any:
        if not isinstance(exception, HOST_FAILURES):
            return None
        host = host_of(request)
        count = self.failures.get(host, 0) + 1
        self.failures[host] = count
        if count >= self.max_failures and host not in self.gave_up:
            self.gave_up[host] = type(exception).__name__
            self.crawler.stats.inc_value("mljobs/hosts_given_up")
            logger.warning(
                "giving up on %s for this run after %d connection failures in a row (%s)",
                host,
                count,
                exception,
                extra={"spider": self.crawler.spider},
            )
            self.fail_queued(host)
        return None

    def fail_queued(self, host: str) -> int:
        """Fail the requests to ``host`` waiting in the downloader's slot queues (Scrapy's
        ``Downloader.slots[key].queue`` of ``(request, deferred)``); returns how many. Does
        nothing when that structure is not there (another Scrapy version): those requests
        then fail one by one."""
        try:
            downloader = getattr(self.crawler.engine, "downloader", None)
        except RuntimeError:  # no engine: the crawl has not started
            return 0
        failed = 0
        for slot in list(getattr(downloader, "slots", {}).values()):
            queue = getattr(slot, "queue", None)
            if queue is None:
                continue
            for entry in [e for e in queue if host_of(e[0]) == host]:
                queue.remove(entry)
                request, deferred = entry
                self.crawler.stats.inc_value("mljobs/host_gave_up/requests")
                deferred.errback(HostGaveUp(f"gave up on {host} this run ({self.gave_up[host]})"))
                failed += 1
        return failed
