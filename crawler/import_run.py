"""Running a dump import without a Scrapy crawl: the reader's items go straight through the
project's item pipelines (``ITEM_PIPELINES``: the normalize and store pipelines of
``crawler.pipelines``, the one place that defines an item's path for crawls and imports alike),
then the run is recorded in ``crawl_runs`` as a crawl's would be.

Scrapy's engine around an import does no network work but cost 1.47x the same loop without it,
and importing Scrapy and Twisted alone took most of a second (issue 15); this module imports
neither. It stands in for the few parts of a Scrapy ``Crawler`` that the pipelines use:
``settings`` (:class:`ImportSettings`), ``stats`` (:class:`ImportStats`), ``spider`` and
``signals``. ``bench/import_path.py`` measures it against the Scrapy path
(``crawler.bases.importer.FileImportSpider``), which runs the same reader and pipelines.
"""

from __future__ import annotations

import gc
import importlib
import logging
import pprint
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawler.import_parallel import (
    Workers,
    import_task,
    parallel_head,
    run_parallel,
    through,
    worker_count,
)
from crawler.imports import import_items
from crawler.runner import RunResult

logger = logging.getLogger(__name__)

#: Ads per store transaction in an import (a crawl's ``MLJOBS_STORE_BATCH`` is 500, as its ads
#: trickle in): 2,000 spent about 6% less CPU per ad than 500 (bench/import.py, batch sizes).
IMPORT_BATCH = 2000

#: A dump smaller than this (bytes) is normalized in the importing process: starting a worker
#: costs about 0.2 s of its CPU (fork, pages copied on write) and 60-80 us more CPU per ad
#: (records and rows pickled across), against about 100 us per ad saved on a free second core:
#: the crossover is near 3,000 Adzuna rows (1.5 KB each); on a loaded machine (load 4.8 on 2
#: CPUs) workers lost at 300, 1,000 and 3,000 rows alike (bench/import.py; issue 15 notes).
PARALLEL_MIN_BYTES = 4 << 20

#: Scrapy's default log line, so an import's log reads like a crawl's.
LOG_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"
LOG_DATEFORMAT = "%Y-%m-%d %H:%M:%S"


class ImportSettings:
    """The project's settings (the upper-case names of ``crawler.settings``) with ``overrides``
    on top, read through the getters of Scrapy's ``Settings`` that the pipelines use."""

    def __init__(self, overrides: Mapping[str, Any] | None = None):
        module = importlib.import_module("crawler.settings")
        self.values: dict[str, Any] = {k: getattr(module, k) for k in dir(module) if k.isupper()}
        self.values.update(overrides or {})

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def getint(self, name: str, default: int = 0) -> int:
        return int(self.values.get(name, default))

    def getfloat(self, name: str, default: float = 0.0) -> float:
        return float(self.values.get(name, default))

    def getbool(self, name: str, default: bool = False) -> bool:
        value = self.values.get(name, default)
        return value.lower() in ("1", "true") if isinstance(value, str) else bool(value)

    def getdict(self, name: str, default: Mapping[str, Any] | None = None) -> dict[str, Any]:
        return dict(self.values.get(name, default) or {})


class ImportStats:
    """A run's counters, with the methods of Scrapy's stats collector the pipelines call."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def get_value(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def set_value(self, key: str, value: Any) -> None:
        self.values[key] = value

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self.values[key] = self.values.get(key, start) + count

    def get_stats(self) -> dict[str, Any]:
        return self.values


class ImportSource:
    """What the pipelines read of "the spider" during an import: its name and the base of
    relative posted dates (``None``: a dump's "Posted today" is relative to an unknown day)."""

    name = "import"
    relative_dates_base = None


class NoSignals:
    """Signals go nowhere during an import: no extension listens (an import lists nothing for
    ``crawler.incremental`` to keep)."""

    def send_catch_log(self, signal: Any, **kwargs: Any) -> list[Any]:
        return []


class ImportRun:
    """The stand-in for a Scrapy ``Crawler`` given to the pipelines' ``from_crawler``."""

    def __init__(self, settings: ImportSettings):
        self.settings = settings
        self.stats = ImportStats()
        self.spider = ImportSource()
        self.signals = NoSignals()


class _ErrorCounter(logging.Handler):
    """Counts ERROR (and worse) log records of the run in ``mljobs/errors``, as
    ``crawler.extensions.SpiderErrorCounter`` does for a crawl."""

    def __init__(self, stats: ImportStats):
        super().__init__(level=logging.ERROR)
        self.stats = stats

    def emit(self, record: logging.LogRecord) -> None:
        self.stats.inc_value("mljobs/errors")


def configure_logging(level: str) -> None:
    """Log to stderr at ``level`` in Scrapy's format, unless logging is already configured."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(LOG_FORMAT, LOG_DATEFORMAT))
        root.addHandler(handler)
    root.setLevel(level)


def load_pipelines(run: ImportRun) -> list[Any]:
    """The item pipelines of ``ITEM_PIPELINES``, built with ``from_crawler(run)``, in
    Scrapy's order (lowest number first; ``None`` disables one)."""
    order = sorted(
        (priority, path)
        for path, priority in run.settings.getdict("ITEM_PIPELINES").items()
        if priority is not None
    )
    pipelines = []
    for _, path in order:
        module, _, name = path.rpartition(".")
        cls = getattr(importlib.import_module(module), name)
        pipelines.append(cls.from_crawler(run) if hasattr(cls, "from_crawler") else cls())
    return pipelines


def run_import(
    path: str | Path,
    fmt: str,
    source: str | None = None,
    mapping: Mapping[str, str] | None = None,
    encoding: str | None = None,
    overrides: Mapping[str, Any] | None = None,
    should_stop: Callable[[], str | None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> RunResult:
    """Import the dump at ``path`` (see ``crawler.imports.read_ads`` for ``fmt``, ``source``,
    ``mapping`` and ``encoding``) through the project's item pipelines and record the run in
    ``crawl_runs`` (spider ``import``); return its :class:`crawler.runner.RunResult`.

    ``overrides`` set settings (``MLJOBS_DB``, ``LOG_LEVEL``, ``MLJOBS_STORE_BATCH``, default
    :data:`IMPORT_BATCH`; ``MLJOBS_IMPORT_WORKERS``, worker processes normalizing a dump of
    :data:`PARALLEL_MIN_BYTES` or more and preparing its rows, ``None``: one per free CPU,
    :func:`crawler.import_parallel.default_workers`; 0: all in this process; same items,
    order, stats and log either way). As in
    a crawl: an item a pipeline drops (``DropItem``) is logged at WARNING and counted; any
    other pipeline error is logged with its traceback and the import goes on; a file that
    cannot be read is counted as ``mljobs/import/file_error`` (:attr:`RunResult.failed`). The
    caller holds the database's run lock. On Ctrl-C the ads read so far are stored (whole
    batches), the run is recorded with ``finish_reason`` ``"interrupted"`` and
    ``KeyboardInterrupt`` is raised again. ``should_stop`` is asked before each ad (the CLI's
    SIGINT/SIGTERM handler, :class:`crawler.interrupts.Interrupts`): when it answers a signal's
    name the import stops there, stores what it read and records the run as interrupted. A
    finished import ends by assigning the vacancies of the ads it added or changed
    (:func:`dedup.store.assign_changed` against the state taken before it), as a crawl does."""
    settings = ImportSettings({"MLJOBS_STORE_BATCH": IMPORT_BATCH, **(overrides or {})})
    configure_logging(str(settings.get("LOG_LEVEL", "INFO")))
    run = ImportRun(settings)
    stats = run.stats
    stats.set_value("start_time", datetime.now(UTC))
    started = time.monotonic()
    counter = _ErrorCounter(stats)
    stats.set_value("mljobs/errors", 0)
    logging.getLogger().addHandler(counter)
    log = logging.getLogger("import")
    reason = "finished"
    before = _vacancy_state(settings.get("MLJOBS_DB"))  # what the vacancy step read before
    pipelines = load_pipelines(run)
    head = pipelines[: parallel_head(pipelines)]
    tail = pipelines[len(head) :]
    store = None  # the store pipeline, last: its rows are prepared with the head's work
    if len(tail) == 1 and hasattr(tail[0], "prepare") and hasattr(tail[0], "store"):
        store, tail = tail[0], []
    workers = worker_count(
        settings.get("MLJOBS_IMPORT_WORKERS"), Path(path).stat().st_size, PARALLEL_MIN_BYTES
    )
    try:
        for pipeline in head:
            if hasattr(pipeline, "open_spider"):
                pipeline.open_spider()
        task = import_task(head, store.prepare if store else None, stats)
        with Workers(task, workers) as pool:  # forked now: before a database is opened
            for pipeline in pipelines[len(head) :]:
                if hasattr(pipeline, "open_spider"):
                    pipeline.open_spider()
            # what lives now (modules, the normalizers' data) lives to the end: out of the
            # collector's reach, its full passes cost less (20,000 Adzuna rows in one
            # process, timed with gc.callbacks: 0.26-0.28 s of collection against 0.42 s)
            gc.freeze()
            stop: list[str] = []
            ctrl_c: list[KeyboardInterrupt] = []

            def read() -> Iterator[dict[str, Any]]:
                try:
                    for fields in import_items(path, fmt, source, mapping, stats, log, encoding):
                        stopped_by = should_stop() if should_stop is not None else None
                        if stopped_by:  # what was read so far is still stored
                            stop.append(stopped_by)
                            return
                        yield fields
                except KeyboardInterrupt as exc:  # raised once the chunk read so far is stored
                    ctrl_c.append(exc)

            for outcome, value in run_parallel(pool, stats, read()):
                if progress is not None:
                    progress(1)
                stats.inc_value("item_scraped_count")
                if outcome == "ok":
                    if store is not None:
                        store.store(value)
                    else:
                        outcome, value = through(tail, value, log)
                if outcome == "drop":
                    stats.inc_value("item_dropped_count")
                    log.warning("Dropped: %s", value)
            if ctrl_c:
                raise ctrl_c[0]
        if stop:
            stats.set_value("mljobs/interrupted", stop[0])  # as a crawl records it
            reason = "interrupted"
    except KeyboardInterrupt:
        reason = "interrupted"
        raise
    finally:
        gc.unfreeze()
        for pipeline in reversed(pipelines):
            if hasattr(pipeline, "close_spider"):
                pipeline.close_spider()
        logging.getLogger().removeHandler(counter)
        _record(run, reason, time.monotonic() - started)
    if reason == "finished":  # as after a crawl (crawler.runner.run_spiders)
        _assign_vacancies(settings.get("MLJOBS_DB"), before)
    return RunResult("import", dict(stats.get_stats()))


def _vacancy_state(db_path: str | Path) -> Any:
    """:func:`dedup.store.ads_state` of the database at ``db_path`` before an import (an empty
    state when there is no database file yet)."""
    from dedup.store import AdsState, ads_state

    if not Path(db_path).is_file():
        return AdsState()
    from db.schema import open_db

    db = open_db(db_path)
    try:
        return ads_state(db)
    finally:
        db.close()


def _assign_vacancies(db_path: str | Path, before: Any) -> Any:
    """The vacancy step of a finished import: :func:`dedup.store.assign_changed` against the
    state before it (only the blocks of ads it added or changed for the dedup rules are
    clustered again; ads it saw unchanged only refresh their vacancies' rows); returns the
    :class:`dedup.store.DedupStats`."""
    from db.schema import open_db
    from dedup.store import assign_changed

    db = open_db(db_path, create=False)
    try:
        return assign_changed(db, before)
    finally:
        db.close()


def _record(run: ImportRun, reason: str, elapsed: float) -> None:
    """The run's ``crawl_runs`` row, with the stats a crawl's row carries (see
    ``crawler.extensions.RunRecorder``)."""
    from db.schema import open_db
    from db.store import record_run

    stats = run.stats
    stats.set_value("finish_reason", reason)
    stats.set_value("finish_time", datetime.now(UTC))
    stats.set_value("elapsed_time_seconds", round(elapsed, 3))
    values = stats.get_stats()
    values["log_count/ERROR_process"] = values["log_count/ERROR"] = values.get("mljobs/errors", 0)
    db = open_db(run.settings.get("MLJOBS_DB"))
    try:
        run_id = record_run(db, run.spider.name, dict(values))
    finally:
        db.close()
    logger.info("Dumping import stats:\n%s", pprint.pformat(dict(values)))  # as Scrapy's
    logger.info("recorded crawl run %d for import (%s)", run_id, reason)
