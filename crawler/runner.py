"""Running spiders in-process with the project's settings, reading back how they went, and the
run policy of ``mljobs crawl``/``run`` (:func:`crawl`): which spiders run, one run per database
at a time, and when a run counts as failed."""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Scrapy is imported where a crawl needs it: `mljobs import` runs without it
    from scrapy.crawler import Crawler
    from scrapy.settings import Settings

log = logging.getLogger(__name__)


class RunLocked(RuntimeError):
    """Another mljobs run holds the lock of this database."""


class RunRefused(RuntimeError):
    """A crawl that cannot start: an unreadable recording, an unknown spider, no spider left to
    run. The message says why, for the person who asked."""


class RunFailed(RuntimeError):
    """A crawl that ran but failed: requests missing from the recording it replayed, or every
    spider failed (no network). The message says why."""


@contextmanager
def run_lock(db_path: str | Path) -> Iterator[Path]:
    """Hold an exclusive, non-blocking ``fcntl`` lock on ``<db>.lock`` for the block (one run
    per database at a time, safe under cron). ``<db>`` is the real file, symbolic links
    resolved, so two paths to one database share one lock. The lock dies with the process, so
    a killed run never leaves a stale lock. Raises :class:`RunLocked` naming the lock file when
    another process holds it."""
    path = Path(f"{os.path.realpath(db_path)}.lock")
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
    from scrapy.spiderloader import SpiderLoader

    from crawler.bases.search import not_configured

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
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    if overrides:
        settings.setdict(dict(overrides), priority="cmdline")
    return settings


def spider_names(settings: Settings | None = None, enabled_only: bool = True) -> list[str]:
    """Names of the project's spiders (``spiders/``), those with ``enabled = False`` left out
    when ``enabled_only``."""
    from scrapy.spiderloader import SpiderLoader

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
    def not_stored(self) -> int:
        """Ads that reached the store but could not be written even after its retries
        (``mljobs/dropped/store_error``; each is named in the log at ERROR)."""
        return self.count("mljobs/dropped/store_error")

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

    @property
    def unhealthy(self) -> str | None:
        """Why the source's run is unhealthy (``crawler.health``), or ``None`` when it is
        healthy or was not assessed."""
        if self.stats.get("mljobs/health") != "unhealthy":
            return None
        return str(self.stats.get("mljobs/health_reasons") or "unhealthy")

    def answer_summary(self) -> str:
        """What a source answered, robots.txt left out: ``"reed: 4 responses (HTTP 500 x4),
        2 errors"``, with ``", dropped: malformed_json x1"`` when responses were dropped."""
        statuses: dict[str, int] = {}
        for prefix, sign in (
            ("downloader/response_status_count/", 1),
            ("robotstxt/response_status_count/", -1),
        ):
            for key, value in self.stats.items():
                if key.startswith(prefix):
                    code = key[len(prefix) :]
                    statuses[code] = statuses.get(code, 0) + sign * int(value)
        counted = sorted(
            ((c, n) for c, n in statuses.items() if n > 0), key=lambda x: (-x[1], x[0])
        )
        codes = ", ".join(f"{code} x{n}" for code, n in counted)
        text = (
            f"{self.spider}: {sum(n for _, n in counted)} responses (HTTP {codes}), "
            f"{self.errors} errors"
        )
        dropped = [
            f"{k.rpartition('/')[2]} x{v}"
            for k, v in sorted(self.stats.items())
            if k.startswith("mljobs/dropped/")
        ]
        return text + (f", dropped: {', '.join(dropped)}" if dropped else "")

    def summary(self) -> str:
        """One line: ads (new, updated, unchanged, expired), dropped, errors, responses, and
        the source's health when it was assessed."""
        line = (
            f"{self.spider}: {self.count('mljobs/items')} ads "
            f"({self.count('mljobs/new')} new, {self.count('mljobs/updated')} updated, "
            f"{self.count('mljobs/unchanged')} unchanged, "
            f"{self.count('mljobs/expired')} expired), {self.dropped} dropped, "
            f"{self.errors} errors, {self.responses} responses"
        )
        if self.unhealthy:
            return f"{line}; UNHEALTHY: {self.unhealthy}"
        if self.stats.get("mljobs/health") == "healthy":
            return f"{line}; healthy"
        return line


def run_spiders(
    jobs: Iterable[tuple[type | str, Mapping[str, Any]]],
    settings: Settings,
    jobdir: str | Path | None = None,
    watch: Callable[[Crawler], None] | None = None,
    assign: bool = True,
) -> list[RunResult]:
    """Run the spiders of ``jobs`` (class or name, spider arguments) together in one Twisted
    reactor and return each run's result, in order. Blocks until all have finished; can be
    called once per process (the reactor cannot restart). ``watch``, when given, is called
    with each crawler before it starts (e.g. to connect a progress bar to its signals).

    With ``jobdir``, each spider keeps its scheduler queue and seen-requests set in
    ``<jobdir>/<spider name>`` (Scrapy's ``JOBDIR``): a crawl stopped by a signal resumes
    there on the next run; the folder of a spider that finished is removed, so the next
    run starts afresh. The queue files are private (mode 600, folders 700: see
    ``crawler.jobdir.private_files``). A folder left by a run that did not stop cleanly
    (killed: its queue and seen-requests set may disagree) is not resumed: that spider starts
    afresh, with a warning (``crawler.jobdir.clean_jobdir``).

    SIGINT/SIGTERM stop the spiders gracefully (see :mod:`crawler.interrupts`); the results
    then come in :class:`~crawler.interrupts.RunInterrupted` (``.results``), raised after the
    run.

    At the end of a run that was not interrupted, the ads the run stored, saw or expired get
    their vacancies (:func:`assign_run_vacancies`), so every import and crawl leaves
    ``ads.vacancy_id`` set (an interrupted run leaves that to the next one: an ad without a
    vacancy counts as its own until then). ``assign=False`` leaves that to the caller, which
    then recomputes every vacancy itself (``mljobs run`` does: see :mod:`cli.run`)."""
    from scrapy.crawler import CrawlerProcess

    from crawler.interrupts import Interrupts, RunInterrupted, stop_crawlers
    from crawler.jobdir import clean_jobdir, mark_stopped_cleanly, private_files
    from db.store import utcnow

    started = utcnow()
    process = CrawlerProcess(settings)
    crawlers: list[Crawler] = []
    for spider, kwargs in jobs:
        spidercls = process.spider_loader.load(spider) if isinstance(spider, str) else spider
        crawler = process.create_crawler(spidercls)
        if jobdir is not None:  # the crawler's own settings copy, not yet frozen
            clean_jobdir(Path(jobdir) / spidercls.name)
            crawler.settings.set("JOBDIR", str(Path(jobdir) / spidercls.name), priority="cmdline")
        if watch is not None:
            watch(crawler)
        process.crawl(crawler, **dict(kwargs))
        crawlers.append(crawler)
    interrupts = Interrupts(lambda signum: stop_crawlers(process, crawlers, signum))
    with private_files(jobdir), interrupts:
        process.start(install_signal_handlers=False)
    results = []
    for crawler in crawlers:
        stats = dict(crawler.stats.get_stats())
        results.append(RunResult(crawler.spidercls.name, stats))
        own_jobdir = crawler.settings.get("JOBDIR")
        if jobdir is not None and own_jobdir and stats.get("finish_reason") == "finished":
            shutil.rmtree(own_jobdir, ignore_errors=True)
        elif jobdir is not None and own_jobdir:
            mark_stopped_cleanly(Path(own_jobdir))
    if interrupts.received is not None:
        interrupted = RunInterrupted(interrupts.received)
        interrupted.results = results
        raise interrupted
    if assign and settings.get("MLJOBS_DB"):
        assign_run_vacancies(settings.get("MLJOBS_DB"), started)
    return results


def assign_run_vacancies(db_path: str | Path, since: str | None = None) -> Any:
    """Assign vacancies (:func:`dedup.store.assign_vacancies`) in the database at ``db_path``
    after a run: with ``since`` (an ISO UTC time, the run's start) only the blocks of the ads
    last seen or expired since then, or without a vacancy, are recomputed (dedup's incremental
    mode, equal to a full run for them); without it, every ad. Call it under the run lock.
    Returns the :class:`dedup.store.DedupStats`, or ``None`` when no ad needed it (or there is
    no database file yet)."""
    from db.schema import open_db
    from dedup.store import assign_vacancies

    if not Path(db_path).is_file():
        return None
    db = open_db(db_path, create=False)
    try:
        if since is None:
            return assign_vacancies(db)
        ids = [
            r[0]
            for r in db.conn.execute(
                "SELECT id FROM ads WHERE last_seen >= ? OR expired_at >= ? OR vacancy_id IS NULL",
                [since, since],
            )
        ]
        return assign_vacancies(db, ids) if ids else None
    finally:
        db.close()


def crawl_overrides(
    replay: str | Path | None = None, refresh: bool = False, limit: int | None = None
) -> dict[str, Any]:
    """The settings a crawl's options ask for: with ``replay`` (a recorded folder, see
    :class:`crawler.replay.Recording`) every response is served from it, with no delays (no
    remote host to be polite to; retry backoff and Retry-After still run); with ``refresh``
    every listed ad is fetched again; with ``limit`` each spider stops after that many ads
    (:mod:`crawler.limit` and Scrapy's ``CLOSESPIDER_ITEMCOUNT``; ads already held are
    fetched again so that they count: a live smoke test of a source). Raises
    :class:`RunRefused` when the recording cannot be read."""
    overrides: dict[str, Any] = {}
    if replay:
        from crawler.replay import Recording

        try:
            Recording(replay)
        except (OSError, ValueError) as exc:
            raise RunRefused(f"--replay {replay}: {exc}") from exc
        overrides.update(
            MLJOBS_REPLAY_DIR=str(Path(replay).resolve()),
            DOWNLOAD_DELAY=0,
            AUTOTHROTTLE_ENABLED=False,
            DOWNLOAD_SLOTS={},
        )
    if refresh or limit:
        overrides["MLJOBS_REFRESH"] = True
    if limit:
        overrides.update(CLOSESPIDER_ITEMCOUNT=limit, MLJOBS_ITEM_LIMIT=limit)
    return overrides


def crawl(
    spiders: Sequence[str],
    settings: Settings,
    spider_args: Mapping[str, Any] | None = None,
    jobdir: str | Path | None = None,
    replay: str | Path | None = None,
    notify: Callable[[str], None] = print,
    watch: Callable[[Crawler], None] | None = None,
    assign: bool = True,
) -> list[RunResult]:
    """Run the spiders named in ``spiders`` (every enabled one when empty) with ``settings``
    (``MLJOBS_DB`` the database, see :func:`project_settings` and :func:`crawl_overrides`) and
    the same ``spider_args``, under the database's run lock, and return their results
    (``jobdir``, ``watch``, ``assign``: see :func:`run_spiders`; ``replay``: the recorded
    folder as the user named it, for messages).

    The policy: an unknown name raises :class:`RunRefused` (naming the known spiders); a
    spider whose API key is missing is skipped with one ``notify`` line; nothing left to run
    raises :class:`RunRefused`; another run holding the lock raises :class:`RunLocked`. After
    the run each spider's summary goes to ``notify``; requests missing from a replayed
    recording, or every spider failed (:attr:`RunResult.failed`), raise :class:`RunFailed`."""
    known = spider_names(settings, enabled_only=False)
    unknown = [s for s in spiders if s not in known]
    if unknown:
        raise RunRefused(f"unknown spider(s) {unknown}; known: {', '.join(known)}")
    names = list(spiders) or spider_names(settings)
    skipped = skipped_spiders(names, settings)
    for name, reason in skipped.items():
        notify(f'{name}: skipped, {reason} (see README, "Sources")')
    names = [n for n in names if n not in skipped]
    if not names:
        raise RunRefused("no spider to run: every one asked for is not configured")
    from crawler.interrupts import RunInterrupted

    with run_lock(settings.get("MLJOBS_DB")):
        jobs = [(name, spider_args or {}) for name in names]
        try:
            results = run_spiders(jobs, settings, jobdir, watch, assign)
        except RunInterrupted as interrupted:
            for result in interrupted.results:
                notify(result.summary())
            raise
    for result in results:
        notify(result.summary())
    raise_if_not_stored(results)
    missing = sum(r.count("replay/missing") for r in results)
    if missing:
        raise RunFailed(f"{missing} request(s) were not in the recording {replay}")
    if results and all(r.failed for r in results):
        raise RunFailed(failure_message(results))
    return results


def raise_if_not_stored(results: Sequence[RunResult]) -> None:
    """Raise :class:`RunFailed` when any ad of ``results`` could not be stored
    (:attr:`RunResult.not_stored`): a run that lost ads must not end with status 0."""
    lost = sum(r.not_stored for r in results)
    if lost:
        raise RunFailed(f"{lost} ad(s) could not be stored (each is named in the log)")


def failure_message(results: Sequence[RunResult]) -> str:
    """Why a crawl whose every spider failed failed: no response at all ("is the network
    up?"), or the sources that answered, with what (HTTP statuses, errors)."""
    answered = [r for r in results if r.responses]
    if not answered:
        return (
            f"no source could be reached ({len(results)} spider(s), 0 responses): "
            "is the network up?"
        )
    unreached = [r.spider for r in results if not r.responses]
    message = "every source failed; answered with errors only: " + "; ".join(
        r.answer_summary() for r in answered
    )
    if unreached:
        message += f"; not reached: {', '.join(unreached)}"
    return message
