"""Middlewares: polite retries with backoff (:class:`BackoffRetryMiddleware`), and serving a
crawl from a recorded folder (``mljobs crawl --replay DIR``).

Every URL these log goes through :func:`crawler.redaction.redact` first: Adzuna's ``app_key``
travels in its request URLs and must never reach a log."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    NotConfigured,
    ResponseDataLossError,
)
from scrapy.http import Response
from scrapy.responsetypes import responsetypes
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet.defer import CancelledError, Deferred
from twisted.internet.task import deferLater

from crawler.failfast import UNREACHABLE
from crawler.redaction import RedactingLoggerAdapter, redact
from crawler.replay import Recording
from crawler.signals import run_interrupted

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from an HTTP ``Retry-After`` header (RFC 9110 10.2.3: a number of
    seconds or an HTTP-date), or ``None`` when it is absent or unreadable. Never negative."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    value = value.strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


#: Failures of the network, not of the code: one log line says all there is to say.
NETWORK_ERRORS = (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    ResponseDataLossError,
    OSError,
)


class NetworkErrorTracebackFilter(logging.Filter):
    """Drops the traceback from a log record whose exception is a network failure (DNS,
    refused connection, timeout), keeping its one-line message; other exceptions keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], NETWORK_ERRORS):
            record.exc_info = None
            record.exc_text = None
        return True


class QuietRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware (robots.txt obeyed, same settings and stats), logging an
    unreachable robots.txt in one line instead of a traceback: with no network, ``mljobs run``
    ends with a clear message, not pages of tracebacks."""

    _filter = NetworkErrorTracebackFilter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QuietRobotsTxtMiddleware:
        robots_logger = logging.getLogger("scrapy.downloadermiddlewares.robotstxt")
        if cls._filter not in robots_logger.filters:
            robots_logger.addFilter(cls._filter)
        return super().from_crawler(crawler)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware (same ``RETRY_*`` settings and ``retry/*`` stats), made polite.

    Before a retry it waits: the response's ``Retry-After`` when given (429/503), else
    ``MLJOBS_RETRY_BACKOFF`` x 2^(retries so far) seconds, capped at
    ``MLJOBS_RETRY_BACKOFF_MAX``. While a host has asked to wait, every request to that host
    waits too. A ``Retry-After`` longer than ``MLJOBS_RETRY_AFTER_MAX`` is not honoured by
    waiting: the request is given up (``mljobs/retry/retry_after_too_long``), to come back on
    the next run. A failed name resolution or a refused connection is not retried
    (:data:`crawler.failfast.UNREACHABLE`, ``mljobs/retry/unreachable_not_retried``). Waited
    seconds are summed in ``mljobs/retry/wait_seconds``. Its log lines (Scrapy's
    "Retrying"/"Gave up retrying" included) show redacted URLs.
    """

    _retry_logger = RedactingLoggerAdapter(
        logging.getLogger("scrapy.downloadermiddlewares.retry"), {}
    )

    def __init__(self, settings: Any):
        super().__init__(settings)
        self.waits: set[Deferred] = set()
        self.interrupted = False
        self.backoff = settings.getfloat("MLJOBS_RETRY_BACKOFF", 1.0)
        self.backoff_max = settings.getfloat("MLJOBS_RETRY_BACKOFF_MAX", 60.0)
        self.retry_after_max = settings.getfloat("MLJOBS_RETRY_AFTER_MAX", 600.0)
        self.not_before: dict[str, float] = {}

    @staticmethod
    def _host(request: Request) -> str:
        return urlsplit(request.url).netloc.lower()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        mw = super().from_crawler(crawler)
        crawler.signals.connect(mw.stop_waiting, signal=run_interrupted)
        return mw

    def stop_waiting(self) -> None:
        """The run is interrupted: cancel every wait (their requests are given up)."""
        self.interrupted = True
        for wait in list(self.waits):
            wait.cancel()

    async def _sleep(self, seconds: float) -> bool:
        """Wait ``seconds``; ``False`` when the wait was cut short (the run interrupted)."""
        if self.interrupted:
            return False
        if seconds > 0:
            # imported here: importing this module (LOG_FORMATTER) must not install a reactor
            from twisted.internet import reactor

            self.crawler.stats.inc_value("mljobs/retry/wait_seconds", round(seconds, 3))
            wait = deferLater(reactor, seconds, lambda: None)
            self.waits.add(wait)
            try:
                await maybe_deferred_to_future(wait)
            except CancelledError:
                return False
            finally:
                self.waits.discard(wait)
        return True

    def _retry(self, request: Request, reason: str | Exception | type[Exception]) -> Request | None:
        """Scrapy's ``RetryMiddleware._retry`` (same meta keys and settings), logging through
        :class:`RedactingLoggerAdapter`."""
        return get_retry_request(
            request,
            reason=reason,
            spider=self.crawler.spider,
            max_retry_times=request.meta.get("max_retry_times", self.max_retry_times),
            priority_adjust=request.meta.get("priority_adjust", self.priority_adjust),
            give_up_log_level=request.meta.get("give_up_log_level", self.give_up_log_level),
            logger=self._retry_logger,
        )

    def _backoff(self, retry_times: int) -> float:
        return min(self.backoff_max, self.backoff * 2 ** max(0, retry_times - 1))

    async def process_request(self, request: Request) -> None:
        if not self.not_before:  # no host has asked to wait: no URL to parse
            return None
        wait = self.not_before.get(self._host(request), 0.0) - time.monotonic()
        if wait > 0:
            await self._sleep(wait)
        return None

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        delay = retry_after_seconds(response.headers.get("Retry-After"))
        if delay is not None and delay > self.retry_after_max:
            self.crawler.stats.inc_value("mljobs/retry/retry_after_too_long")
            logger.warning(
                "%s asks to retry after %.0f s (> MLJOBS_RETRY_AFTER_MAX): "
                "giving up until the next run",
                redact(request.url),
                delay,
            )
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if delay is None:
            delay = self._backoff(retry.meta["retry_times"])
        else:
            host = self._host(request)
            self.not_before[host] = max(self.not_before.get(host, 0.0), time.monotonic() + delay)
        if not await self._sleep(delay):
            return response  # interrupted while waiting: the retry is given up
        return retry

    async def process_exception(
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get(
            "dont_retry", False
        ):
            return None
        if isinstance(exception, UNREACHABLE):  # DNS failure, refused: not healed in seconds
            self.crawler.stats.inc_value("mljobs/retry/unreachable_not_retried")
            return None
        retry = self._retry(request, exception)
        if retry is None:
            return None
        if not await self._sleep(self._backoff(retry.meta["retry_times"])):
            return None
        return retry


def _recording(crawler: Crawler) -> Recording:
    folder = crawler.settings.get("MLJOBS_REPLAY_DIR")
    if not folder:
        raise NotConfigured  # live crawl: the replay middlewares stay out
    if not hasattr(crawler, "_mljobs_recording"):
        optional = crawler.settings.getlist("MLJOBS_REPLAY_OPTIONAL_PARAMS")
        crawler._mljobs_recording = Recording(folder, optional_params=optional)
    return crawler._mljobs_recording


class ReplayMiddleware:
    """Downloader middleware that answers every request from the recording instead of the
    network. It sits last before the download handler, so robots.txt, retry, user-agent and
    every other real middleware run as in a live crawl.

    A robots.txt the recording does not hold is answered 404 (the web's "no rules"), counted as
    ``replay/robots_not_recorded``. Any other request the recording does not hold fails loudly:
    an ERROR log line, ``replay/missing`` in the stats, and the request is dropped
    (``mljobs crawl`` then exits non-zero).
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.recording = _recording(crawler)
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReplayMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> Response:
        recorded = self.recording.next_response(request.url)
        if recorded is None:
            if request.url.endswith("/robots.txt"):
                self.stats.inc_value("replay/robots_not_recorded")
                return Response(url=request.url, status=404, request=request)
            self.stats.inc_value("replay/missing")
            logger.error(
                "replay: %s is not in the recording %s", redact(request.url), self.recording.folder
            )
            raise IgnoreRequest(f"not in the recording: {redact(request.url)}")
        self.stats.inc_value("replay/served")
        headers = {"Content-Type": recorded.content_type, **recorded.headers}
        cls = responsetypes.from_args(headers=headers, url=request.url, body=recorded.body)
        return cls(
            url=request.url,
            status=recorded.status,
            headers=headers,
            body=recorded.body,
            request=request,
        )


class ReplayStartFilter:
    """Spider middleware: in a replay, start only the requests the recording holds.

    A replay re-runs the recorded crawl: a spider configured with more boards than were
    recorded starts only the recorded ones (each skipped start is counted as
    ``replay/start_skipped`` and logged at INFO). Requests made after the start still fail
    loudly when missing (see :class:`ReplayMiddleware`).
    """

    def __init__(self, crawler: Crawler):
        self.recording = _recording(crawler)
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReplayStartFilter:
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item_or_request in start:
            if isinstance(item_or_request, Request) and item_or_request.url not in self.recording:
                self.stats.inc_value("replay/start_skipped")
                logger.info("replay: %s not recorded, not started", redact(item_or_request.url))
                continue
            yield item_or_request
