"""An import normalizing in worker processes (crawler.import_parallel) stores the same rows, in
the same order, with the same stats, drops and logged errors as one in a single process."""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
import sqlite_utils

import crawler.import_parallel
import crawler.import_run
import crawler.pipelines
from crawler.import_run import run_import
from tests.db.test_fts import assert_fts_matches_table
from tests.utils import ROOT

ROWS = [
    ("ML Engineer", "Acme Ltd", "Leeds", "£60k", "Python and PyTorch"),
    ("Data Scientist", "Beta plc", "London", "£70,000 - £80,000", "SQL and statistics"),
    ("BROKEN", "Gamma", "York", "", "a normalizer fails on this one"),
    ("Research Scientist", "Delta", "Cambridge", "", "JAX, reinforcement learning"),
    ("MLOps Engineer", "Acme Ltd", "Remote", "£550 per day", "Kubernetes and AWS"),
    ("NLP Engineer", "Eps", "Edinburgh", "£65k", "transformers\x00 and spaCy"),
    ("AI Engineer", "Zeta", "Bristol", "", "LLMs &amp; RAG"),
]


@pytest.fixture(autouse=True)
def no_other_thread():
    """Workers fork only while no other thread runs: a thread left by an earlier test would
    turn these tests into one-process runs."""
    others = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
    assert others == [], f"threads left running by earlier tests: {others}"


@pytest.fixture
def dump(tmp_path):
    import csv

    path = tmp_path / "ads.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "company", "location", "salary", "description"])
        writer.writerows(ROWS)
    return path


def imported(dump, db, workers, monkeypatch, caplog):
    normalize = crawler.pipelines.normalize_ad

    def failing(raw, **kwargs):
        if raw["title"] == "BROKEN":
            raise ValueError("normalizer bug")
        return normalize(raw, **kwargs)

    monkeypatch.setattr(crawler.pipelines, "normalize_ad", failing)  # forked workers see it
    monkeypatch.setattr(crawler.import_run, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(crawler.import_parallel, "CHUNK", 2)  # several chunks in flight
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        result = run_import(
            dump,
            "csv",
            overrides={"MLJOBS_DB": str(db), "MLJOBS_IMPORT_WORKERS": workers},
        )
    stats = {
        k: v for k, v in result.stats.items() if isinstance(v, int) and k != "elapsed_time_seconds"
    }
    messages = sorted(
        (r.levelname, r.getMessage().split("\n")[0])
        for r in caplog.records
        if r.levelno >= logging.WARNING
    )
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT rowid, id, title, description_text, city, role, salary_annual_mid, skills "
            "FROM ads ORDER BY rowid"
        ).fetchall()
    return stats, messages, rows


def forking(monkeypatch) -> list[bool]:
    """Spy: for each import, whether its Workers forked processes."""
    forked: list[bool] = []
    workers = crawler.import_run.Workers

    class Spy(workers):
        def __enter__(self):
            result = super().__enter__()
            forked.append(self.pool is not None)
            return result

    monkeypatch.setattr(crawler.import_run, "Workers", Spy)
    return forked


@pytest.mark.parametrize("workers", [1, 2])
def test_workers_store_what_one_process_stores(dump, tmp_path, monkeypatch, caplog, workers):
    forked = forking(monkeypatch)
    one = imported(dump, tmp_path / "one.db", 0, monkeypatch, caplog)
    many = imported(dump, tmp_path / "many.db", workers, monkeypatch, caplog)
    assert forked == [False, True]  # the second import normalized in worker processes
    stats, messages, rows = many
    assert many == one
    assert len(rows) == 6 and "BROKEN" not in {r[2] for r in rows}
    assert [r[2] for r in rows] == [r[0] for r in ROWS if r[0] != "BROKEN"]  # the file's order
    assert stats["mljobs/dropped/normalize_error"] == 1
    assert stats["item_dropped_count"] == 1
    assert stats["mljobs/items"] == 6
    assert stats["mljobs/new"] == 6
    assert stats["mljobs/errors"] == 1  # the worker's logged error, counted by the run
    assert stats["mljobs/import/fixed/nul"] == 1
    assert any(level == "ERROR" and "normalizing" in text for level, text in messages)
    assert any(level == "WARNING" and text.startswith("Dropped:") for level, text in messages)
    database = sqlite_utils.Database(tmp_path / "many.db")
    assert_fts_matches_table(database)
    database.close()


def test_a_worker_that_dies_loses_nothing(dump, tmp_path, monkeypatch, caplog):
    """A worker killed mid-chunk (the OOM killer, a crash): its chunk and the rest are
    normalized in the importing process; the same rows, no hang."""
    import multiprocessing

    normalize = crawler.pipelines.normalize_ad

    def dying(raw, **kwargs):
        if raw["title"] == "Research Scientist" and multiprocessing.parent_process() is not None:
            os.kill(os.getpid(), signal.SIGKILL)
        return normalize(raw, **kwargs)

    one = imported(dump, tmp_path / "one.db", 0, monkeypatch, caplog)
    monkeypatch.setattr(crawler.pipelines, "normalize_ad", dying)
    two = imported(dump, tmp_path / "two.db", 2, monkeypatch, caplog)
    stats, messages, rows = two
    assert ("ERROR", "a worker process died") in {(lv, t.split(" (")[0]) for lv, t in messages}
    assert rows == one[2]
    assert stats["mljobs/new"] == 6 and stats["mljobs/items"] == 6
    assert stats["mljobs/errors"] == 2  # the normalizer bug and the dead worker


def _die_on_first_chunk(chunk):
    import multiprocessing

    if multiprocessing.parent_process() is not None:
        os.kill(os.getpid(), signal.SIGKILL)
    return chunk


def test_after_a_worker_dies_the_reader_stays_close_behind(caplog):
    from crawler.import_parallel import HELP_AHEAD, IN_FLIGHT_PER_WORKER, Workers

    pulled = []

    def chunks():
        for n in range(400):
            pulled.append(n)
            yield [n]

    with Workers(_die_on_first_chunk, 2) as workers:
        results = workers.map(chunks())
        got = [next(results) for _ in range(50)]
        # chunks read but not yet given back stay bounded (before the fix: 6 per result)
        assert len(pulled) - len(got) <= 2 * IN_FLIGHT_PER_WORKER + HELP_AHEAD + 1
        got += list(results)
    assert got == [[n] for n in range(400)]
    for thread in threading.enumerate():  # the dead pool's threads end by themselves
        if thread is not threading.main_thread():
            thread.join(timeout=10)


def test_no_fork_while_other_threads_run(dump, tmp_path, monkeypatch, caplog):
    forked = forking(monkeypatch)
    one = imported(dump, tmp_path / "one.db", 0, monkeypatch, caplog)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        two = imported(dump, tmp_path / "two.db", 2, monkeypatch, caplog)
    finally:
        stop.set()
        thread.join()
    assert forked == [False, False]
    assert two == one


#: A parent that starts one worker, prints its pid, then dies without shutting the pool down.
ORPHANING = """
import os, sys, time
from crawler.import_parallel import Workers
with Workers(lambda chunk: chunk, 1) as workers:
    print(workers.children[0].pid, flush=True)
    sys.stdin.readline()
    os._exit(0)
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not yet reaped by its new parent) counts as gone
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        return handle.read().split(") ")[1][0] != "Z"


def test_workers_ignore_signals_and_die_with_the_parent():
    parent = subprocess.Popen(
        [sys.executable, "-c", ORPHANING],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        worker = int(parent.stdout.readline())
        os.kill(worker, signal.SIGINT)
        os.kill(worker, signal.SIGTERM)
        time.sleep(0.5)
        assert alive(worker)  # ignored: only the importing process stops the pool
        parent.stdin.write("\n")
        parent.stdin.flush()
        assert parent.wait(timeout=30) == 0
        deadline = time.monotonic() + 10
        while alive(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(worker)  # died with its parent
    finally:
        parent.kill()


def test_chunks_come_back_in_order():
    from crawler.import_parallel import Workers, chunked

    def task(chunk):
        return [n * n for n in chunk]

    with Workers(task, 2) as workers:
        assert workers.pool is not None
        got = list(workers.map(chunked(range(1000), 7)))
    assert [n for chunk in got for n in chunk] == [n * n for n in range(1000)]


def _slow_first_chunk(chunk):
    import multiprocessing

    if multiprocessing.parent_process() is not None and chunk[0] == 0:
        time.sleep(2)  # the worker's first chunk is late
    return os.getpid(), chunk


def test_the_caller_runs_chunks_itself_while_a_worker_is_late(monkeypatch):
    from crawler.import_parallel import HELP_AHEAD, IN_FLIGHT_PER_WORKER, Workers, chunked

    monkeypatch.setattr(os, "cpu_count", lambda: 4)  # fewer workers than CPUs
    with Workers(_slow_first_chunk, 1) as workers:
        assert workers.pool is not None
        got = list(workers.map(chunked(range(200), 1)))
    assert [chunk for _, chunk in got] == [[n] for n in range(200)]  # in order
    here = {chunk[0] for pid, chunk in got if pid == os.getpid()}
    ahead = IN_FLIGHT_PER_WORKER
    assert not here & set(range(ahead))  # the worker's chunks stayed the worker's
    # while chunk 0 was late, the caller ran the next HELP_AHEAD chunks rather than wait
    assert set(range(ahead, ahead + HELP_AHEAD)) <= here


def test_with_a_worker_per_cpu_the_caller_only_reads_and_stores(monkeypatch):
    from crawler.import_parallel import Workers, chunked

    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    with Workers(_slow_first_chunk, 1) as workers:
        assert workers.pool is not None
        got = list(workers.map(chunked(range(20), 1)))
    assert [chunk for _, chunk in got] == [[n] for n in range(20)]
    assert all(pid != os.getpid() for pid, _ in got)  # every chunk ran in the worker


@pytest.mark.parametrize(
    "cpus, load, workers",
    [(1, 0.0, 0), (2, 0.0, 2), (2, 0.9, 1), (2, 1.6, 0), (2, 8.0, 0), (8, 0.2, 8), (8, 5.0, 3)],
)
def test_default_workers_use_the_free_cpus(cpus, load, workers):
    from crawler.import_parallel import default_workers

    assert default_workers(cpus, load) == workers


def test_busy_cpus_counts_the_runnable_tasks_but_this_one(monkeypatch, tmp_path):
    import builtins

    from crawler import import_parallel

    real_open = builtins.open
    fake = tmp_path / "loadavg"
    fake.write_text("3.10 2.00 1.50 3/120 4242\n", encoding="ascii")

    def fake_open(path, *args, **kwargs):
        return real_open(fake if path == "/proc/loadavg" else path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    assert import_parallel.busy_cpus() == 2  # 3 runnable, this process one of them
    fake.write_text("garbage", encoding="ascii")
    monkeypatch.setattr(import_parallel.os, "getloadavg", lambda: (1.25, 0.0, 0.0))
    assert import_parallel.busy_cpus() == 1.25  # unreadable: the 1-minute load average


@pytest.mark.parametrize(
    ("setting", "work", "workers"),
    [(None, 99, 0), (3, 99, 0), (3, 100, 3), ("2", 500, 2), (0, 500, 0)],
)
def test_worker_count_is_zero_under_the_minimum_else_the_setting(setting, work, workers):
    from crawler.import_parallel import worker_count

    assert worker_count(setting, work, 100) == workers
