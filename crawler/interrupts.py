"""Interrupted runs (Ctrl-C, SIGTERM from cron or systemd): stop cleanly, say so, exit 130/143.

:class:`Interrupts` replaces Scrapy's shutdown handlers for the length of a run: the first
SIGINT or SIGTERM asks the run to stop gracefully (the store pipeline flushes its current
batch, whole; each spider's ``crawl_runs`` row is recorded with ``finish_reason``
``"interrupted"``); a second one does not force an exit that would lose the batch and the row
(Scrapy's "Send again to force" exits 0 with neither): it is logged, and the graceful stop goes
on. The caller then raises :class:`RunInterrupted`, which the command line turns into exit
status 128 + the signal number (130 for SIGINT, 143 for SIGTERM).

:func:`recheck_closing` works around a Scrapy 2.19 bug: a spider whose ``start()`` yields items
(the dump importer) never finishes closing after a stop, because the scraper re-checks whether
it is idle only after a *response* is processed, not after an item from ``start()`` leaves the
pipelines (scrapy/scrapy#7029; the fix proposed in scrapy/scrapy#7718, "re-check pending
scraper close operations after item processing finishes", was not merged). A plain spider
whose ``async def start()`` yields ``{"n": n}`` in a loop hangs at "Closing spider
(shutdown)" after one Ctrl-C.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterable, Sequence
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Any

from crawler.signals import run_interrupted

if TYPE_CHECKING:
    from scrapy.crawler import Crawler, CrawlerProcess

logger = logging.getLogger(__name__)

#: The signals that interrupt a run.
SIGNALS = (signal.SIGINT, signal.SIGTERM)


class RunInterrupted(RuntimeError):
    """A run stopped by a signal, after it flushed what it had and recorded itself.
    ``exit_code`` is 128 + the signal number (130 SIGINT, 143 SIGTERM), as a shell reports a
    command killed by that signal."""

    def __init__(self, signum: int, what: str = "run"):
        self.signum = signum
        self.exit_code = 128 + signum
        name = signal.Signals(signum).name
        super().__init__(
            f"{what} interrupted by {name}: the ads stored so far are kept (whole batches) and "
            "the run is recorded as interrupted in crawl_runs"
        )


class Interrupts:
    """SIGINT/SIGTERM handlers for a ``with`` block (the previous handlers come back after it).

    The first signal sets :attr:`received` (its number) and calls ``on_first(signum)`` once;
    a later one is only logged. Outside the main thread (where Python cannot set handlers) it
    does nothing. Code that is not Scrapy's (a plain import loop) can poll
    :attr:`received` between batches instead of passing ``on_first``."""

    def __init__(self, on_first: Callable[[int], None] | None = None):
        self.on_first = on_first
        self.received: int | None = None
        self._previous: dict[int, Any] = {}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if self.received is not None:
            logger.warning("received %s again: still stopping (the current batch is flushed)", name)
            return
        self.received = signum
        logger.warning("received %s: stopping; the current batch is flushed, then exit", name)
        if self.on_first is not None:
            self.on_first(signum)

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is not threading.main_thread():
            return self  # only the main thread may set signal handlers
        for signum in SIGNALS:
            self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)


def recheck_closing(crawlers: Iterable[Any]) -> None:
    """For each Scrapy crawler whose scraper is closing, re-check whether it is idle (and so
    let the spider close): the check Scrapy forgets after the last item from ``start()``
    (see module doc). Crawlers not started, or already closed, are skipped."""
    for crawler in crawlers:
        try:
            scraper = crawler.engine.scraper
        except (AttributeError, RuntimeError):  # engine not set yet, or gone
            continue
        slot = getattr(scraper, "slot", None)
        if slot is not None and slot.closing is not None and not slot.closing.called:
            scraper._check_if_closing()


def stop_crawlers(process: CrawlerProcess, crawlers: Sequence[Crawler], signum: int) -> None:
    """The ``on_first`` of :class:`Interrupts` for a Scrapy run (called from the signal
    handler): mark every crawler's stats as interrupted (``mljobs/interrupted``, the signal's
    name), then in the reactor cancel their waits (``crawler.signals.run_interrupted``) and
    stop them gracefully, re-checking every 0.5 s that closing spiders can finish
    (:func:`recheck_closing`)."""
    from twisted.internet import reactor
    from twisted.internet.task import LoopingCall

    for crawler in crawlers:
        crawler.stats.set_value("mljobs/interrupted", signal.Signals(signum).name)

    def stop() -> None:
        for crawler in crawlers:
            crawler.signals.send_catch_log(signal=run_interrupted)
        process.stop()
        LoopingCall(recheck_closing, crawlers).start(0.5, now=False)

    reactor.callFromThread(stop)
