"""Source health: after every run, is the source still giving what it gave before?

A scheduled crawl that silently returns nothing, or whose salaries vanish after a site change,
looks like success. Every spider run is checked against the source's recent healthy runs (the
spirit of spidermon's monitors, with the history kept in our own ``crawl_runs``):

- **items**: ads seen (new or changed items plus ads listed unchanged) fell to zero, or below
  ``MLJOBS_HEALTH_MIN_RATIO`` x the median of the recent runs;
- **coverage**: the share of items with a field (:data:`COVERAGE_FIELDS`: title, company,
  location, salary, description, posted date) fell below ``MLJOBS_HEALTH_MIN_RATIO`` x its
  recent median, for a field the source usually fills (recent median at least
  ``MLJOBS_HEALTH_MIN_COVERAGE``), on a run of at least ``MLJOBS_HEALTH_MIN_ITEMS`` items;
- **errors**: the spider's errors exceed ``MLJOBS_HEALTH_MAX_ERROR_RATE`` x its responses;
- **drops**: items dropped exceed ``MLJOBS_HEALTH_MAX_DROP_RATE`` x the items made;
- **no response**: the source answered nothing at all.

The verdict goes to the stats (``mljobs/health``: ``"healthy"``/``"unhealthy"``,
``mljobs/health_reasons``), so :class:`crawler.extensions.RunRecorder` records it in
``crawl_runs`` and the run summary prints it; ``mljobs run --fail-on-unhealthy`` exits
non-zero on it. A source without recent runs is checked for zero items, errors and drops only.
Not assessed: a source that is not configured (no API key), an import, a run that did not
finish (stopped by ``--limit`` or a signal) or that resumed a stopped one (``JOBDIR``), a
replay that recorded nothing of the source.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import median
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.spiders import Spider

from crawler.incremental import spider_listings
from db.runs import run_history
from db.schema import open_db

logger = logging.getLogger(__name__)

#: Fields whose coverage is counted (``mljobs/coverage/<field>``, by the normalize pipeline).
COVERAGE_FIELDS: tuple[str, ...] = (
    "title",
    "company",
    "location",
    "salary",
    "description",
    "posted",
)


@dataclass(frozen=True)
class HealthRules:
    """Thresholds of :func:`assess` (the ``MLJOBS_HEALTH_*`` settings)."""

    min_ratio: float = 0.5
    min_coverage: float = 0.2
    min_items: int = 5
    max_error_rate: float = 0.5
    max_drop_rate: float = 0.5
    history: int = 5

    @classmethod
    def from_settings(cls, settings: Any) -> HealthRules:
        """The rules a Scrapy ``settings`` object asks for (defaults: the class's)."""
        return cls(
            min_ratio=settings.getfloat("MLJOBS_HEALTH_MIN_RATIO", cls.min_ratio),
            min_coverage=settings.getfloat("MLJOBS_HEALTH_MIN_COVERAGE", cls.min_coverage),
            min_items=settings.getint("MLJOBS_HEALTH_MIN_ITEMS", cls.min_items),
            max_error_rate=settings.getfloat("MLJOBS_HEALTH_MAX_ERROR_RATE", cls.max_error_rate),
            max_drop_rate=settings.getfloat("MLJOBS_HEALTH_MAX_DROP_RATE", cls.max_drop_rate),
            history=settings.getint("MLJOBS_HEALTH_HISTORY", cls.history),
        )


def _count(stats: Mapping[str, Any], key: str) -> int:
    return int(stats.get(key, 0) or 0)


def ads_seen(stats: Mapping[str, Any]) -> int:
    """Ads a run saw: items made (new or changed) plus ads listed unchanged."""
    return _count(stats, "mljobs/items") + _count(stats, "mljobs/listed_unchanged")


def coverage(stats: Mapping[str, Any]) -> dict[str, float]:
    """``{field: share of the run's items having it}`` (0..1; ``{}`` for a run without
    items)."""
    items = _count(stats, "mljobs/items")
    if not items:
        return {}
    return {f: _count(stats, f"mljobs/coverage/{f}") / items for f in COVERAGE_FIELDS}


def dropped(stats: Mapping[str, Any]) -> int:
    """Items dropped (every ``mljobs/dropped/<reason>``)."""
    return sum(int(v or 0) for k, v in stats.items() if k.startswith("mljobs/dropped/"))


def assess(
    stats: Mapping[str, Any], history: Sequence[Mapping[str, Any]], rules: HealthRules
) -> list[str]:
    """The reasons a run with ``stats`` is unhealthy (``[]``: healthy), against the stats of
    the source's recent healthy runs ``history`` (newest first). See the module docstring."""
    reasons = []
    responses = _count(stats, "downloader/response_count")
    seen = ads_seen(stats)
    usual = median(ads_seen(h) for h in history) if history else None
    if responses == 0:
        reasons.append("no response at all")
    if seen == 0:
        since = f" (recent runs: median {usual:g})" if usual else ""
        reasons.append(f"no items{since}")
    elif usual and seen < rules.min_ratio * usual:
        reasons.append(f"items fell to {seen} (recent runs: median {usual:g})")
    items = _count(stats, "mljobs/items")
    now = coverage(stats)
    if items >= rules.min_items and history:
        past = [coverage(h) for h in history if _count(h, "mljobs/items") >= rules.min_items]
        for field in COVERAGE_FIELDS:
            rates = [c[field] for c in past if field in c]
            if not rates:
                continue
            before = median(rates)
            if before >= rules.min_coverage and now[field] < rules.min_ratio * before:
                reasons.append(
                    f"{field} coverage fell to {now[field]:.0%} (recent runs: {before:.0%})"
                )
    errors = _count(stats, "mljobs/errors")
    if responses and errors > rules.max_error_rate * responses:
        reasons.append(f"{errors} errors in {responses} responses")
    lost = dropped(stats)
    if lost and lost > rules.max_drop_rate * (items + lost):
        reasons.append(f"{lost} of {items + lost} items dropped")
    return reasons


class SourceHealth:
    """Extension: on ``spider_closed`` (before :class:`crawler.extensions.RunRecorder`, a lower
    ``EXTENSIONS`` order), assess the run (:func:`assess`) against the source's recent healthy
    runs in ``crawl_runs`` and put the verdict in the stats; an unhealthy run is logged at
    WARNING with its reasons. Spiders that list nothing (an import) are not assessed."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.db_path = crawler.settings.get("MLJOBS_DB")
        self.rules = HealthRules.from_settings(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SourceHealth:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if spider_listings(spider) is None or reason != "finished":
            return  # an import, or a run stopped early (--limit, a signal): not comparable
        stats = self.crawler.stats
        if stats.get_value("mljobs/not_configured") or stats.get_value("mljobs/resumed"):
            return  # no API key; or the second half of a stopped crawl (JOBDIR)
        if stats.get_value("replay/start_skipped") and not stats.get_value(
            "downloader/response_count"
        ):
            return  # a replay that recorded nothing of this source: nothing to assess
        db = open_db(self.db_path)
        try:
            history = run_history(db, spider.name, self.rules.history)
        finally:
            db.close()
        reasons = assess(stats.get_stats(), history, self.rules)
        stats.set_value("mljobs/health", "unhealthy" if reasons else "healthy")
        stats.set_value("mljobs/health_reasons", "; ".join(reasons))
        if reasons:
            logger.warning("%s: unhealthy: %s", spider.name, "; ".join(reasons))
