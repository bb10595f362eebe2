"""The head of an import's item pipelines (normalizing: pure CPU work) run in forked worker
processes, while the importing process reads the dump and stores the ads: one writer, the same
items in the same order, the same stats and log lines as when run in one process.

A pipeline may run in a worker when it says so (``parallel_safe = True``: it reads no database,
keeps no state across items but stats counters, and only logs). Workers get chunks of
:data:`CHUNK` items, at most :data:`IN_FLIGHT_PER_WORKER` chunks each ahead of the store (so
memory stays bounded), and send back each item's outcome, their stats counters (added to the
run's) and their log records (handled again in the importing process, in order, so the log
file, the console and the run's error counter see them as if no worker had existed).
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

#: Items sent to a worker at a time.
CHUNK = 250
#: Chunks each worker may hold ahead of the store.
IN_FLIGHT_PER_WORKER = 2

#: An item's outcome: ("ok", item), ("drop", message) or ("error", None) (already logged).
Outcome = tuple[str, Any]

#: What a forked worker runs (inherited, copy-on-write): the pipelines and the stats they count.
_FORKED: tuple[list[Any], Any] | None = None
_RECORDS: list[logging.LogRecord] = []


def default_workers() -> int:
    """Processes normalizing during an import by default: 1 (no worker: all in the importing
    process). Workers are opt-in (``MLJOBS_IMPORT_WORKERS``, at most the CPU count is useful)
    until an interrupted import with workers is known to exit: the CLI's interrupt test hung
    with them (issue 15 notes)."""
    return 1


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


def _init_worker() -> None:
    # the importing process's SIGINT/SIGTERM handlers (crawler.interrupts) only note a signal:
    # a worker keeping them would outlive the pool's terminate(). Ctrl-C reaches the whole
    # process group; the importing process alone decides when to stop.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    root = logging.getLogger()
    root.handlers = [_Collect()]  # not the importing process's console, file or error counter


def _run_chunk(items: list[dict[str, Any]]) -> tuple[list[Outcome], dict[str, Any], list]:
    pipelines, stats = _FORKED
    stats.values.clear()  # this chunk's counters only
    del _RECORDS[:]
    log = logging.getLogger("import")
    outcomes = [through(pipelines, fields, log) for fields in items]
    return outcomes, dict(stats.values), list(_RECORDS)


def run_parallel(
    pipelines: list[Any],
    stats: Any,
    items: Iterable[dict[str, Any]],
    workers: int,
) -> Iterator[tuple[dict[str, Any], Outcome]]:
    """Yield ``(fields, outcome)`` for each of ``items``, in order, the ``pipelines`` (each
    ``parallel_safe``) run in ``workers`` forked processes. ``stats`` is the object those
    pipelines count in (an :class:`crawler.import_run.ImportStats`): the workers' counters are
    added to it as their chunks come back. Stopping early (closing the generator) terminates
    the workers."""
    global _FORKED
    _FORKED = (pipelines, stats)
    pending: deque[tuple[list[dict[str, Any]], Any]] = deque()

    def collect() -> Iterator[tuple[dict[str, Any], Outcome]]:
        chunk, result = pending.popleft()
        outcomes, counters, records = result.get()
        for key, value in counters.items():
            stats.inc_value(key, value)
        for record in records:
            logging.getLogger(record.name).handle(record)
        yield from zip(chunk, outcomes, strict=True)

    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_init_worker) as pool:
            chunk: list[dict[str, Any]] = []
            for fields in items:
                chunk.append(fields)
                if len(chunk) < CHUNK:
                    continue
                pending.append((chunk, pool.apply_async(_run_chunk, (chunk,))))
                chunk = []
                while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    yield from collect()
            if chunk:
                pending.append((chunk, pool.apply_async(_run_chunk, (chunk,))))
            while pending:
                yield from collect()
    finally:
        _FORKED = None
