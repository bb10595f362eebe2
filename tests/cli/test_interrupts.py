"""Interrupted commands (issue 12): SIGINT/SIGTERM sent to a running ``mljobs import``,
``mljobs crawl --replay`` and ``mljobs run`` in a subprocess. Each stops promptly, keeps
whole batches, records its run as interrupted and exits 130/143; ``run`` writes no report.
(A ``--jobdir`` folder left by a killed run: tests/crawler/test_run.py.)"""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
import sqlite_utils

from tests.db.test_fts import assert_fts_matches_table
from tests.utils import ROOT, mljobs

ROWS = 30_000


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    """A generated dump long enough to take many seconds to import."""
    path = tmp_path_factory.mktemp("dump") / "ads.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source_id", "title", "company", "location", "salary", "description"])
        for i in range(ROWS):
            writer.writerow(
                [
                    f"id{i}",
                    f"Machine Learning Engineer {i % 50}",
                    f"Company {i % 300}",
                    ("London", "Leeds", "Manchester, UK", "Remote")[i % 4],
                    "£60,000 - £80,000 per annum",
                    "We build ML systems with Python and PyTorch. " * 5,
                ]
            )
    return path


def start(db, *args: str, workers: str | None = None, session: bool = False) -> subprocess.Popen:
    """``mljobs`` in a subprocess; ``workers``: ``MLJOBS_IMPORT_WORKERS``; ``session``: in a
    process group of its own (for a signal sent to the whole group)."""
    env = dict(os.environ)
    if workers is not None:
        env["MLJOBS_IMPORT_WORKERS"] = workers
    return subprocess.Popen(
        [sys.executable, "-m", "cli", "--db", str(db), "--log-level", "WARNING", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=session,
    )


def wait_for_ads(db, process: subprocess.Popen, timeout: float = 120) -> None:
    """Until the first batch is stored (the import is under way)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            with sqlite3.connect(db, timeout=1) as conn:
                if conn.execute("SELECT count(*) FROM ads").fetchone()[0] > 0:
                    return
        except sqlite3.OperationalError:
            pass  # not created yet
        time.sleep(0.2)
    raise AssertionError("the import stored nothing in time")


def interrupt(
    process: subprocess.Popen, *signums: int, group: bool = False
) -> tuple[int, str, str, float]:
    """Send ``signums`` 0.3 s apart (to the process, or with ``group`` to its whole process
    group, workers included, as a terminal's Ctrl-C or systemd's stop does); the exit status,
    output and seconds to exit."""
    sent = time.monotonic()
    for n, signum in enumerate(signums):
        if n:
            time.sleep(0.3)
        if group:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
    try:
        out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        raise AssertionError(f"still running 60 s after the signal:\n{err[-3000:]}") from None
    return process.returncode, out, err, time.monotonic() - sent


def recorded_runs(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT spider, finish_reason, new, stats FROM crawl_runs ORDER BY id"
        ).fetchall()


@pytest.mark.parametrize(
    "signums, status, name",
    [
        ((signal.SIGINT,), 130, "SIGINT"),
        ((signal.SIGTERM,), 143, "SIGTERM"),
        # a second signal does not force an exit that loses the batch and the run's row
        ((signal.SIGINT, signal.SIGINT), 130, "SIGINT"),
    ],
)
@pytest.mark.parametrize("workers", ["0", "2"])
def test_interrupted_import_keeps_whole_batches_and_records_the_run(
    big_csv, tmp_path, signums, status, name, workers
):
    db = tmp_path / "mljobs.db"
    process = start(db, "import", str(big_csv), "--format", "csv", workers=workers)
    wait_for_ads(db, process)
    code, _, err, _ = interrupt(process, *signums)
    assert code == status, err[-3000:]
    assert f"Interrupted: run interrupted by {name}" in err
    [(spider, reason, new, stats)] = recorded_runs(db)
    assert (spider, reason, json.loads(stats)["mljobs/interrupted"]) == (
        "import",
        "interrupted",
        name,
    )
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT count(*) FROM ads").fetchone()[0]
    assert 0 < stored < ROWS
    assert stored == new  # every ad counted as stored is in the database: nothing lost
    # the lock is released: the next command runs
    assert mljobs("import", str(big_csv), "--format", "csv", db=db).returncode == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM ads").fetchone()[0] == ROWS


def group_members(pgid: int) -> list[int]:
    """The live processes (not zombies) of process group ``pgid``."""
    found = []
    for name in os.listdir("/proc"):
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as handle:
                state, _ppid, group = handle.read().rsplit(") ", 1)[1].split()[:3]
        except (OSError, ValueError, IndexError):
            continue  # not a process, or gone meanwhile
        if int(group) == pgid and state != "Z":
            found.append(int(name))
    return found


def wait_for_db(db, process: subprocess.Popen, timeout: float = 120) -> None:
    """Until the import opened its database (its workers are started, no ad stored yet)."""
    deadline = time.monotonic() + timeout
    while not db.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the import did not open its database in time"
        time.sleep(0.01)


@pytest.mark.parametrize(
    "when, signum, group",
    [
        ("opening", signal.SIGINT, False),  # workers just forked, nothing stored yet
        ("opening", signal.SIGTERM, True),
        ("storing", signal.SIGTERM, True),  # the whole group: workers ignore it
        ("storing", signal.SIGINT, True),  # a terminal's Ctrl-C
    ],
)
def test_interrupted_parallel_import_exits_promptly_with_whole_batches(
    big_csv, tmp_path, when, signum, group
):
    db = tmp_path / "mljobs.db"
    process = start(db, "import", str(big_csv), "--format", "csv", workers="2", session=True)
    if when == "opening":
        wait_for_db(db, process)
    else:
        wait_for_ads(db, process)
    code, _, err, seconds = interrupt(process, signum, group=group)
    assert code == 128 + signum, err[-3000:]
    assert seconds < 30
    [(spider, reason, new, stats)] = recorded_runs(db)
    assert (spider, reason) == ("import", "interrupted")
    assert json.loads(stats)["mljobs/interrupted"] == signal.Signals(signum).name
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT count(*) FROM ads").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert stored == new < ROWS  # every ad counted as stored is there, no half batch
    deadline = time.monotonic() + 10
    while group_members(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert group_members(process.pid) == []  # no worker left behind
    database = sqlite_utils.Database(db)
    assert_fts_matches_table(database)
    database.close()
    # the lock is released: the next import runs and completes the dump
    assert mljobs("import", str(big_csv), "--format", "csv", db=db).returncode == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM ads").fetchone()[0] == ROWS


def slow_recording(folder) -> str:
    """A board that answers 503 with Retry-After: 300 (the crawl waits there)."""
    folder.mkdir()
    (folder / "busy.html").write_text("<html>busy</html>")
    busy = {
        "url": "https://boards-api.greenhouse.io/v1/boards/monzo/jobs?content=true",
        "status": 503,
        "content_type": "text/html",
        "file": "busy.html",
        "headers": {"Retry-After": "300"},
    }
    (folder / "index.json").write_text(json.dumps({"responses": [busy]}))
    return str(folder)


def wait_for_log(process: subprocess.Popen, db, timeout: float = 120) -> None:
    """Until the crawl has started (its database holds the crawl_runs table)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            with sqlite3.connect(db, timeout=1) as conn:
                conn.execute("SELECT 1 FROM crawl_runs").fetchall()
            time.sleep(3)  # the greenhouse request is now waiting out its Retry-After
            return
        except sqlite3.OperationalError:
            time.sleep(0.2)
    raise AssertionError("the crawl did not start in time")


def test_interrupted_crawl_stops_waiting_and_exits_143(tmp_path):
    db = tmp_path / "mljobs.db"
    process = start(
        db,
        "crawl",
        "greenhouse",
        "--replay",
        slow_recording(tmp_path / "rec"),
        "-a",
        "boards=monzo",
        "-s",
        "MLJOBS_RETRY_AFTER_MAX=600",
    )
    wait_for_log(process, db)
    code, _, err, seconds = interrupt(process, signal.SIGTERM)
    assert code == 143, err[-3000:]
    assert seconds < 30  # not the 300 s Retry-After
    assert [r[:2] for r in recorded_runs(db)] == [("greenhouse", "interrupted")]


def test_interrupted_run_prints_no_benchmarks_and_writes_no_report(tmp_path):
    db = tmp_path / "mljobs.db"
    process = start(
        db, "run", "--replay", slow_recording(tmp_path / "rec"), "-s", "MLJOBS_RETRY_AFTER_MAX=600"
    )
    wait_for_log(process, db)
    code, out, err, _ = interrupt(process, signal.SIGINT)
    assert code == 130, err[-3000:]
    assert out == ""  # no benchmarks table
    assert not (tmp_path / "report").exists()
    assert ("greenhouse", "interrupted") in [r[:2] for r in recorded_runs(db)]


def test_interrupts_call_back_once_and_restore_the_handlers():
    from crawler.interrupts import Interrupts, RunInterrupted

    calls = []
    before = signal.getsignal(signal.SIGTERM)
    with Interrupts(calls.append) as interrupts:
        signal.raise_signal(signal.SIGTERM)
        signal.raise_signal(signal.SIGTERM)  # logged only
    assert calls == [signal.SIGTERM] and interrupts.received == signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) is before
    assert RunInterrupted(signal.SIGINT).exit_code == 130
    assert RunInterrupted(signal.SIGTERM).exit_code == 143
