"""Middlewares: serving a crawl from a recorded folder (``mljobs crawl --replay DIR``)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.responsetypes import responsetypes

from crawler.replay import Recording

logger = logging.getLogger(__name__)


def _recording(crawler: Crawler) -> Recording:
    folder = crawler.settings.get("MLJOBS_REPLAY_DIR")
    if not folder:
        raise NotConfigured  # live crawl: the replay middlewares stay out
    if not hasattr(crawler, "_mljobs_recording"):
        crawler._mljobs_recording = Recording(folder)
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
            logger.error("replay: %s is not in the recording %s", request.url,
                         self.recording.folder)
            raise IgnoreRequest(f"not in the recording: {request.url}")
        self.stats.inc_value("replay/served")
        headers = {"Content-Type": recorded.content_type, **recorded.headers}
        cls = responsetypes.from_args(headers=headers, url=request.url, body=recorded.body)
        return cls(url=request.url, status=recorded.status, headers=headers,
                   body=recorded.body, request=request)


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
                logger.info("replay: %s not recorded, not started", item_or_request.url)
                continue
            yield item_or_request
