"""Running spiders in-process with the project's settings, and reading back how they went."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from crawler.bases.search import not_configured


class RunLocked(RuntimeError):
    """Another mljobs run holds the lock of this database."""


@contextmanager
def run_lock(db_path: str | Path) -> Iterator[Path]:
    """Hold an exclusive, non-blocking ``fcntl`` lock on ``<db>.lock`` for the block (one run
    per database at a time, safe under cron). The lock dies with the process, so a killed run
    never leaves a stale lock. Raises :class:`RunLocked` naming the lock file when another
    process holds it."""
    path = Path(f"{db_path}.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+")
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunLocked(f"another mljobs run holds {path}") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield path
    finally:
        handle.close()


def skipped_spiders(names: Iterable[str], settings: Settings) -> dict[str, str]:
    """``{spider name: reason}`` for the spiders of ``names`` that are not configured (a
    missing API key, see ``crawler.bases.search.not_configured``)."""
    loader = SpiderLoader.from_settings(settings)
    reasons = {}
    for name in names:
        reason = not_configured(loader.load(name), settings)
        if reason:
            reasons[name] = reason
    return reasons


def project_settings(overrides: Mapping[str, Any] | None = None) -> Settings:
    """``crawler.settings`` with ``overrides`` applied at command-line priority (works from any
    working directory, unlike Scrapy's ``get_project_settings``)."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    if overrides:
        settings.setdict(dict(overrides), priority="cmdline")
    return settings


def spider_names(settings: Settings | None = None, enabled_only: bool = True) -> list[str]:
    """Names of the project's spiders (``spiders/``), those with ``enabled = False`` left out
    when ``enabled_only``."""
    loader = SpiderLoader.from_settings(settings or project_settings())
    return [
        n for n in loader.list() if not enabled_only or getattr(loader.load(n), "enabled", True)
    ]


@dataclass
class RunResult:
    """How one spider run went, from its Scrapy stats."""

    spider: str
    stats: dict[str, Any]

    def count(self, key: str) -> int:
        return int(self.stats.get(key, 0) or 0)

    @property
    def dropped(self) -> int:
        return sum(int(v) for k, v in self.stats.items() if k.startswith("mljobs/dropped/"))

    @property
    def errors(self) -> int:
        """This spider's own errors (``mljobs/errors``, see ``crawler.extensions``); Scrapy's
        ``log_count/ERROR`` when that is absent."""
        if "mljobs/errors" in self.stats:
            return self.count("mljobs/errors")
        return self.count("log_count/ERROR")

    @property
    def responses(self) -> int:
        return self.count("downloader/response_count")

    @property
    def failed(self) -> bool:
        """No response at all, or errors logged with no ad to show for them (neither an item
        nor a listed ad found unchanged). A resumed crawl (``JOBDIR``) without errors has not
        failed, even with nothing left to fetch."""
        errors = self.errors
        if self.spider == "import":
            return self.count("mljobs/import/file_error") > 0
        shown = self.count("mljobs/items") + self.count("mljobs/listed")
        if self.count("mljobs/resumed") and errors == 0:
            return False  # a resumed crawl may have had nothing left to fetch
        return self.responses == 0 or (errors > 0 and shown == 0)

    def summary(self) -> str:
        return (
            f"{self.spider}: {self.count('mljobs/items')} ads "
            f"({self.count('mljobs/new')} new, {self.count('mljobs/updated')} updated, "
            f"{self.count('mljobs/unchanged')} unchanged, "
            f"{self.count('mljobs/expired')} expired), {self.dropped} dropped, "
            f"{self.errors} errors, {self.responses} responses"
        )


def run_spiders(
    jobs: Iterable[tuple[type | str, Mapping[str, Any]]],
    settings: Settings,
    jobdir: str | Path | None = None,
) -> list[RunResult]:
    """Run the spiders of ``jobs`` (class or name, spider arguments) together in one Twisted
    reactor and return each run's result, in order. Blocks until all have finished; can be
    called once per process (the reactor cannot restart).

    With ``jobdir``, each spider keeps its scheduler queue and seen-requests set in
    ``<jobdir>/<spider name>`` (Scrapy's ``JOBDIR``): a crawl stopped by a signal resumes
    there on the next run; the folder of a spider that finished is removed, so the next
    run starts afresh."""
    process = CrawlerProcess(settings)
    crawlers: list[Crawler] = []
    for spider, kwargs in jobs:
        spidercls = process.spider_loader.load(spider) if isinstance(spider, str) else spider
        crawler = process.create_crawler(spidercls)
        if jobdir is not None:  # the crawler's own settings copy, not yet frozen
            crawler.settings.set("JOBDIR", str(Path(jobdir) / spidercls.name), priority="cmdline")
        process.crawl(crawler, **dict(kwargs))
        crawlers.append(crawler)
    process.start()
    results = []
    for crawler in crawlers:
        stats = dict(crawler.stats.get_stats())
        results.append(RunResult(crawler.spidercls.name, stats))
        own_jobdir = crawler.settings.get("JOBDIR")
        if jobdir is not None and own_jobdir and stats.get("finish_reason") == "finished":
            shutil.rmtree(own_jobdir, ignore_errors=True)
    return results
