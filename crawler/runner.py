"""Running spiders in-process with the project's settings, and reading back how they went."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader


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
    return [n for n in loader.list()
            if not enabled_only or getattr(loader.load(n), "enabled", True)]


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
    def responses(self) -> int:
        return self.count("downloader/response_count")

    @property
    def failed(self) -> bool:
        """No response at all, or an error logged with no item to show for it."""
        errors = self.count("log_count/ERROR")
        if self.spider == "import":
            return self.count("mljobs/import/file_error") > 0
        return self.responses == 0 or (errors > 0 and self.count("mljobs/items") == 0)

    def summary(self) -> str:
        return (f"{self.spider}: {self.count('mljobs/items')} ads "
                f"({self.count('mljobs/new')} new, {self.count('mljobs/updated')} updated, "
                f"{self.count('mljobs/unchanged')} unchanged), {self.dropped} dropped, "
                f"{self.count('log_count/ERROR')} errors")


def run_spiders(jobs: Iterable[tuple[type | str, Mapping[str, Any]]],
                settings: Settings) -> list[RunResult]:
    """Run the spiders of ``jobs`` (class or name, spider arguments) together in one Twisted
    reactor and return each run's result, in order. Blocks until all have finished; can be
    called once per process (the reactor cannot restart)."""
    process = CrawlerProcess(settings)
    crawlers: list[Crawler] = []
    for spider, kwargs in jobs:
        crawler = process.create_crawler(spider)
        process.crawl(crawler, **dict(kwargs))
        crawlers.append(crawler)
    process.start()
    return [RunResult(c.spidercls.name, dict(c.stats.get_stats())) for c in crawlers]
