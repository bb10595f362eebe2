"""Normalizing in worker processes while the importing process reads and stores: one writer,
the same items in the same order, the same stats and log lines as in a single process.

:class:`Workers` runs a task over chunks of items in forked processes of a
:class:`concurrent.futures.ProcessPoolExecutor` (the library's pool: a worker that dies is
reported as ``BrokenProcessPool`` instead of a lost task waited on forever, as
``multiprocessing.Pool`` did). Its rules:

- fork-safety: the workers are forked at once when the block opens, before the pool's own
  thread starts and only while the process has no other thread (else no worker is started and
  the chunks run in the calling process, logged);
- workers ignore SIGINT and SIGTERM (a Ctrl-C or a ``kill`` of the process group reaches them
  too: the importing process alone decides when to stop, and stops them itself), and exit when
  the importing process dies (they watch its sentinel);
- a worker that dies anyway costs nothing: its chunk and those after it run in the calling
  process (logged at ERROR);
- leaving the block on an exception (Ctrl-C without a handler) kills the workers at once.

:func:`run_parallel` runs an import's head pipelines (those marked ``parallel_safe``: they read
no database and keep no state across items but stats counters, and only log) and the store
pipeline's :meth:`~crawler.pipelines.StorePipeline.prepare` (the row, its JSON and hash) in the
workers; each sends back per item its outcome, plus its stats counters (added to the run's) and
log records (handled again in the importing process, in order, so the log file, the console and
the run's error counter see them as if no worker had existed).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from types import TracebackType
from typing import Any

logger = logging.getLogger(__name__)

#: Items sent to a worker at a time (records in, prepared rows out): 500 cost about as little
#: per item as 1,000 (bench/import.py) and keep the store close behind.
CHUNK = 500
#: Chunks each worker may hold ahead of the store (memory stays bounded): enough that a
#: worker still has work while the importing process stores a batch or runs a chunk itself.
IN_FLIGHT_PER_WORKER = 3
#: Chunks the importing process may run itself while the oldest worker chunk is not back,
#: rather than wait for it (memory stays bounded: at most this many results held). With one
#: chunk, as before, it waited 5.6 s in a 60,000-row import (54 waits of 120 chunks, one
#: worker); with 6, 0.1 s (1 wait), the chunks it ran itself the same (30 and 32).
HELP_AHEAD = 6

#: An item's outcome: ("ok", item), ("drop", message) or ("error", None) (already logged).
Outcome = tuple[str, Any]

#: The task a forked worker runs (inherited, copy-on-write), set while a pool starts.
_TASK: Callable[[list[Any]], Any] | None = None
_RECORDS: list[logging.LogRecord] = []


def busy_cpus() -> float:
    """CPUs other processes keep busy now: the runnable tasks but this one (the fourth field of
    Linux's ``/proc/loadavg``, a count at this instant), else the 1-minute load average (which
    lags: it still counts a process that ended a minute ago)."""
    try:
        with open("/proc/loadavg", encoding="ascii") as handle:
            running = int(handle.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return os.getloadavg()[0]
    return max(0, running - 1)


def default_workers(cpus: int | None = None, load: float | None = None) -> int:
    """Worker processes an import or renormalize uses by default: one per CPU left free by the
    other processes (``cpus``, ``os.cpu_count()`` by default, minus ``load``, :func:`busy_cpus`
    by default, rounded), and none on a 1-CPU or a saturated machine (all in one process). The
    importing process, which reads and stores, shares the CPUs with them rather than taking
    one of its own: on 2 CPUs a 60,000-row import stored in 15.6-16.1 s with 2 workers against
    17.2-20.7 s with 1 worker and the importing process helping (3 interleaved runs each,
    issue 15). Workers cost about 18% more CPU per ad in all (records and rows pickled
    across): they pay only on a free CPU (at load 10 on 2 CPUs an import with a worker took
    18.7 s against 15.2 s without)."""
    cpus = cpus or os.cpu_count() or 1
    load = busy_cpus() if load is None else load
    if cpus < 2:
        return 0
    return max(0, min(cpus, round(cpus - load)))


def worker_count(setting: int | str | None, work: int, min_work: int) -> int:
    """Worker processes for ``work`` units (bytes of a dump, ads to renormalize): 0 under
    ``min_work`` (starting workers would cost more than they save), else ``setting``
    (``MLJOBS_IMPORT_WORKERS``) when given, else :func:`default_workers`. Raises ``ValueError``
    for a setting that is not a whole number."""
    if work < min_work:
        return 0
    return default_workers() if setting is None else int(setting)


def _watch_parent(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])  # ready when the parent has exited
    os._exit(1)


def _init_worker() -> None:
    # Ctrl-C (the whole process group) and a group-wide SIGTERM must not kill a worker
    # mid-chunk: the importing process stops the pool itself (shutdown, or kill on error)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None and parent.sentinel is not None:
        threading.Thread(target=_watch_parent, args=(parent.sentinel,), daemon=True).start()
    root = logging.getLogger()
    root.handlers = [_Collect()]  # not the importing process's console, file or error counter


def _ready() -> int:
    return os.getpid()


def _run_task(
    task: Callable[[list[Any]], Any], chunk: list[Any]
) -> tuple[Any, list[logging.LogRecord]]:
    del _RECORDS[:]
    result = task(chunk)
    records = list(_RECORDS)
    del _RECORDS[:]
    return result, records


def _run(chunk: list[Any]) -> tuple[Any, list[logging.LogRecord]]:
    return _run_task(_TASK, chunk)


class Workers:
    """``with Workers(task, processes) as workers:`` run ``task(chunk) -> result`` (chunk: a
    list of items) in ``processes`` forked worker processes; ``processes`` 0 (or a process that
    already has threads: forking it is unsafe) runs it in the calling process.
    :meth:`map` gives the results in order. See the module's text for signals and failures."""

    def __init__(self, task: Callable[[list[Any]], Any], processes: int):
        self.task = task
        self.processes = processes
        # the caller runs chunks itself only when the workers are fewer than the CPUs (the
        # load is read once, by default_workers; here only the count)
        self.help_ahead = HELP_AHEAD if processes < (os.cpu_count() or 1) else 0
        self.pool: ProcessPoolExecutor | None = None
        self.children: list[multiprocessing.process.BaseProcess] = []

    def __enter__(self) -> Workers:
        global _TASK
        if self.processes < 1:
            return self
        others = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
        if others:
            logger.info("not forking workers: the process runs other threads (%s)", others)
            return self
        before = set(multiprocessing.active_children())
        _TASK = self.task
        # the objects existing now (the normalizers' data) out of the collector's reach: a
        # worker's collections would otherwise touch, and so copy, every page it inherits
        gc.freeze()
        try:
            self.pool = ProcessPoolExecutor(
                self.processes,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_init_worker,
            )
            # the first submit forks every worker, then starts the pool's thread
            self.pool.submit(_ready).result()
        finally:
            _TASK = None  # the workers hold their copy
            gc.unfreeze()
        self.children = [p for p in multiprocessing.active_children() if p not in before]
        return self

    def map(self, chunks: Iterable[list[Any]]) -> Iterator[Any]:
        """``task(chunk)`` for each of ``chunks``, in order, at most
        ``processes`` x :data:`IN_FLIGHT_PER_WORKER` chunks ahead in the workers. While the
        next result is not ready and the workers are fewer than the CPUs, the calling process
        runs the next chunks itself (up to :data:`HELP_AHEAD`, rather than wait), its log
        records held back like a worker's so the log keeps the chunks' order. With a worker
        per CPU it does not: its reading and storing is the path every chunk waits for (on 2
        CPUs with 2 workers, helping made a 60,000-row import's store 17.7-18.3 s against
        15.6-16.1 s)."""
        if self.pool is None:
            yield from map(self.task, chunks)
            return
        # each entry: (chunk, a worker's future, or None: to run here, or (result, records))
        pending: deque[tuple[list[Any], Any]] = deque()
        ahead = self.processes * IN_FLIGHT_PER_WORKER
        chunks = iter(chunks)
        more = True
        while True:
            # chunks handed out and not yet run: a worker's, or (after a worker died) the
            # ones left to run here, so the reader never runs further ahead than this
            submitted = sum(isinstance(job, Future) or job is None for _, job in pending)
            for chunk in islice(chunks, max(0, ahead - submitted)) if more else ():
                job = self.pool.submit(_run, chunk) if self.pool is not None else None
                pending.append((chunk, job))
            if not pending:
                return
            chunk, job = pending[0]
            helping = more and len(pending) < ahead + self.help_ahead
            if isinstance(job, Future) and not job.done() and helping:
                extra = next(chunks, None)  # help rather than wait
                if extra is None:
                    more = False
                else:
                    pending.append((extra, self._here(extra)))
                continue
            pending.popleft()
            if job is None:
                job = self._here(chunk)
            elif isinstance(job, Future):
                try:
                    job = job.result()
                except BrokenProcessPool as exc:
                    logger.error("a worker process died (%s): normalizing in this process", exc)
                    self._stop()
                    job = self._here(chunk)
                    pending = deque((c, None if isinstance(j, Future) else j) for c, j in pending)
            result, records = job
            for record in records:  # as if logged here, in order
                logging.getLogger(record.name).handle(record)
            yield result

    def _here(self, chunk: list[Any]) -> tuple[Any, list[logging.LogRecord]]:
        """``task(chunk)`` in this process, its log records kept (as a worker's) for
        :meth:`map` to handle in order."""
        root = logging.getLogger()
        handlers, root.handlers = root.handlers, [_Collect()]
        try:
            return _run_task(self.task, chunk)
        finally:
            root.handlers = handlers

    def _stop(self) -> None:
        """Kill the workers and drop the pool (nothing of theirs is waited for)."""
        if self.pool is None:
            return
        for child in self.children:
            child.kill()
        self.pool.shutdown(wait=False, cancel_futures=True)
        for child in self.children:
            child.join()
        self.pool = None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.pool is None:
            return
        if kind is None:
            self.pool.shutdown(wait=True)
            self.pool = None
        else:  # Ctrl-C or an error: the results are not wanted
            self._stop()


def parallel_head(pipelines: list[Any]) -> int:
    """How many pipelines at the head of ``pipelines`` may run in workers
    (``parallel_safe`` true)."""
    count = 0
    for pipeline in pipelines:
        if not getattr(pipeline, "parallel_safe", False):
            break
        count += 1
    return count


def _is_drop(exc: BaseException) -> bool:
    """Is ``exc`` Scrapy's ``DropItem``? (Scrapy is imported only by a pipeline that drops.)"""
    exceptions = sys.modules.get("scrapy.exceptions")
    return exceptions is not None and isinstance(exc, exceptions.DropItem)


def through(pipelines: list[Any], fields: dict[str, Any], log: logging.Logger) -> Outcome:
    """``fields`` through ``pipelines``: ``("ok", item)``, ``("drop", message)`` for a
    ``DropItem``, or ``("error", None)`` for any other error (logged with its traceback)."""
    item: Any = fields
    try:
        for pipeline in pipelines:
            item = pipeline.process_item(item)
    except Exception as exc:
        if _is_drop(exc):
            return "drop", str(exc)
        log.exception("error processing %s:%s", fields.get("source"), fields.get("source_id"))
        return "error", None
    return "ok", item


class _Collect(logging.Handler):
    """A worker's log handler: keeps each record, made picklable, for the importing process."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        _RECORDS.append(record)


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk


def import_task(
    head: list[Any], prepare: Callable[[Any], Any] | None, stats: Any
) -> Callable[[list[dict[str, Any]]], tuple[list[Outcome], dict[str, Any]]]:
    """A worker's task for an import: each item of a chunk through the ``head`` pipelines, an
    item that comes out then through ``prepare`` (``StorePipeline.prepare``; in a worker its
    result :meth:`~crawler.pipelines.PreparedAd.packed`), and the chunk's stats counters
    (``stats``: what the head pipelines count in; in the importing process itself they are
    counted there directly)."""

    def task(items: list[dict[str, Any]]) -> tuple[list[Outcome], dict[str, Any]]:
        in_worker = multiprocessing.parent_process() is not None
        if in_worker:
            stats.values.clear()  # this chunk's counters only
        log = logging.getLogger("import")
        outcomes = []
        for fields in items:
            outcome, value = through(head, fields, log)
            if outcome == "ok" and prepare is not None:
                value = prepare(value).packed() if in_worker else prepare(value)
            outcomes.append((outcome, value))
        return outcomes, dict(stats.values) if in_worker else {}

    return task


def run_parallel(
    workers: Workers, stats: Any, items: Iterable[dict[str, Any]]
) -> Iterator[Outcome]:
    """Yield the outcome of each of ``items``, in order, each chunk of :data:`CHUNK` run by
    ``workers`` (whose task is an :func:`import_task`). ``stats`` is the run's stats object
    (an :class:`crawler.import_run.ImportStats`): the workers' counters are added to it as
    their chunks come back."""
    for outcomes, counters in workers.map(chunked(items, CHUNK)):
        for key, value in counters.items():
            stats.inc_value(key, value)
        yield from outcomes
