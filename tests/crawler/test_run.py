"""``mljobs run``/``crawl`` operations: the run lock, no network, skipped sources, JOBDIR, and
``scrapy list``/``scrapy crawl`` from the project folder."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys

import pytest

from crawler.runner import RunLocked, run_lock
from tests.utils import ROOT, mljobs


def empty_recording(folder):
    folder.mkdir()
    (folder / "index.json").write_text(json.dumps({"responses": []}))
    return str(folder)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed when the socket is: connections are refused


def test_lock_is_exclusive_and_released(tmp_path):
    db = tmp_path / "mljobs.db"
    with run_lock(db) as path:
        assert path == tmp_path / "mljobs.db.lock"
        with pytest.raises(RunLocked, match="another mljobs run holds"):
            with run_lock(db):
                pass
    with run_lock(db):  # released
        pass


def test_second_run_is_refused_while_one_holds_the_lock(tmp_path):
    db = tmp_path / "mljobs.db"
    with run_lock(db):
        result = mljobs("run", "--replay", empty_recording(tmp_path / "rec"), db=db, check=False)
    assert result.returncode == 75
    assert "another mljobs run holds" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_with_nothing_reachable_fails_clearly(tmp_path):
    result = mljobs(
        "run", "--replay", empty_recording(tmp_path / "rec"), db=tmp_path / "x.db", check=False
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: no source could be reached (7 spider(s), 0 responses): is the network up?"
    )
    assert "reed: skipped, REED_API_KEY is not set" in result.stderr
    assert "adzuna: skipped, ADZUNA_APP_ID and ADZUNA_APP_KEY are not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_host_fails_clearly(tmp_path):
    url = f"http://127.0.0.1:{closed_port()}/sitemap.xml"
    result = mljobs(
        "crawl",
        "machinelearningjobs",
        "-a",
        f"sitemap_urls={url}",
        "-s",
        "RETRY_TIMES=1",
        "-s",
        "MLJOBS_RETRY_BACKOFF=0.05",
        "-s",
        "DOWNLOAD_DELAY=0",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        db=tmp_path / "x.db",
        check=False,
    )
    assert result.returncode == 1
    assert "Connection was refused" in result.stderr
    assert "no source could be reached (1 spider(s), 0 responses)" in result.stderr
    assert "Traceback" not in result.stderr
    with sqlite3.connect(tmp_path / "x.db") as conn:
        [(errors, stats)] = conn.execute("SELECT errors, stats FROM crawl_runs").fetchall()
    assert errors >= 1
    assert json.loads(stats)["mljobs/errors/DownloadConnectionRefusedError"] == 1


def test_asking_for_an_unconfigured_source_says_why(tmp_path, monkeypatch):
    monkeypatch.delenv("REED_API_KEY", raising=False)
    result = mljobs("crawl", "reed", db=tmp_path / "x.db", check=False)
    assert result.returncode == 1
    assert "reed: skipped, REED_API_KEY is not set" in result.stderr
    assert "no spider to run" in result.stderr


def test_jobdir_is_used_and_cleared_after_a_finished_crawl(corpus, tmp_path):
    jobdir = tmp_path / "jobs"
    mljobs(
        "crawl",
        "greenhouse",
        "--replay",
        str(corpus / "replay"),
        "--jobdir",
        str(jobdir),
        db=tmp_path / "x.db",
    )
    assert jobdir.is_dir() and not (jobdir / "greenhouse").exists()
    with sqlite3.connect(tmp_path / "x.db") as conn:
        [stats] = conn.execute("SELECT stats FROM crawl_runs").fetchone()
    assert json.loads(stats)["scheduler/enqueued/disk"] == 1  # the queue was on disk


def scrapy(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_scrapy_list():
    result = scrapy("list")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "adzuna",
        "artificialintelligencejobs",
        "ashby",
        "greenhouse",
        "jobs_ac_uk",
        "lever",
        "machinelearningjobs",
        "reed",
        "workable",
    ]


def test_scrapy_crawl_without_key_requests_nothing(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k != "REED_API_KEY"}
    env["MLJOBS_DB"] = str(tmp_path / "x.db")
    result = scrapy("crawl", "reed", "-s", "LOG_LEVEL=WARNING", env=env)
    assert result.returncode == 0, result.stderr
    assert "reed: skipped, REED_API_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def reed_crawl(jobdir) -> tuple[str, ...]:
    """A replayed Reed crawl (3 ads) keeping its queue in ``jobdir``."""
    from tests.conftest import FIXTURES

    return (
        "crawl",
        "reed",
        "--replay",
        str(FIXTURES / "replay_crawl"),
        "-a",
        "page_size=2",
        "-s",
        "MLJOBS_RETRY_BACKOFF=0.05",
        "--jobdir",
        str(jobdir),
    )


def test_stopped_crawl_resumes_from_jobdir(tmp_path, monkeypatch):
    monkeypatch.setenv("REED_API_KEY", "test-key")
    db, jobdir = tmp_path / "x.db", tmp_path / "jobs"
    args = reed_crawl(jobdir)
    mljobs(*args, "-s", "CLOSESPIDER_ITEMCOUNT=1", db=db)  # stopped early
    assert (jobdir / "reed" / "spider.state").is_file()  # kept for the resume
    resumed = mljobs(*args, db=db)
    assert "Traceback" not in resumed.stderr
    assert not (jobdir / "reed").exists()  # finished: removed
    with sqlite3.connect(db) as conn:
        reasons = [r[0] for r in conn.execute("SELECT finish_reason FROM crawl_runs ORDER BY id")]
        ads = conn.execute("SELECT count(*) FROM ads").fetchone()[0]
        details = sum(
            json.loads(r[0]).get("mljobs/detail_requests", 0)
            for r in conn.execute("SELECT stats FROM crawl_runs")
        )
        resumed_stats = json.loads(
            conn.execute("SELECT stats FROM crawl_runs ORDER BY id DESC").fetchone()[0]
        )
    assert reasons == ["closespider_itemcount", "finished"]
    assert ads == 3
    assert details == 4  # no detail asked for twice across the stop
    assert resumed_stats["mljobs/resumed"] == 1


def test_a_jobdir_left_by_a_killed_run_is_not_resumed(tmp_path, monkeypatch):
    """After SIGKILL the seen-requests set may hold requests the queue lost: resuming skipped
    a board. Simulated: a stopped crawl's folder without its clean-stop mark and queue."""
    monkeypatch.setenv("REED_API_KEY", "test-key")
    db, jobdir = tmp_path / "x.db", tmp_path / "jobs"
    args = reed_crawl(jobdir)
    mljobs(*args, "-s", "CLOSESPIDER_ITEMCOUNT=1", db=db)
    assert (jobdir / "reed" / "mljobs-stopped-cleanly").is_file()
    # what a SIGKILL leaves: no mark, the queue not written, the seen set written
    (jobdir / "reed" / "mljobs-stopped-cleanly").unlink()
    for queued in (jobdir / "reed" / "requests.queue").rglob("*"):
        if queued.is_file():
            queued.unlink()
    rerun = mljobs(*args, db=db)
    assert "was left by a run that did not stop cleanly (killed?)" in rerun.stderr
    with sqlite3.connect(db) as conn:
        spider, reason, stats = conn.execute(
            "SELECT spider, finish_reason, stats FROM crawl_runs ORDER BY id DESC"
        ).fetchone()
        assert conn.execute("SELECT count(*) FROM ads").fetchone()[0] == 3  # every Reed ad
    assert (spider, reason) == ("reed", "finished")
    assert "mljobs/resumed" not in json.loads(stats)


def test_run_crawls_prints_benchmarks_and_writes_the_report(corpus, tmp_path):
    db = tmp_path / "data" / "mljobs.db"
    result = mljobs("run", "--replay", str(corpus / "replay"), db=db)
    assert result.stdout.splitlines()[0].startswith("city ")
    report = json.loads((tmp_path / "data" / "report" / "report.json").read_text())
    assert report["cells"][0]["ads"] == 0  # the 6 recorded jobs are not UK ML roles
    assert (tmp_path / "data" / "report" / "index.html").is_file()


def test_run_computes_the_vacancies_once(corpus, tmp_path):
    """``mljobs run`` assigns vacancies by one full dedup, not also by the crawl's own pass:
    ``dedup.store.assign_vacancies`` logs one line per call."""
    db = tmp_path / "mljobs.db"
    result = mljobs("run", "--replay", str(corpus / "replay"), db=db, log_level="INFO")
    calls = [line for line in result.stderr.splitlines() if "dedup: " in line]
    assert len(calls) == 1, calls
    with sqlite3.connect(db) as conn:
        ads, unassigned = conn.execute(
            "SELECT count(*), sum(vacancy_id IS NULL) FROM ads"
        ).fetchone()
    assert (ads, unassigned) == (6, 0)
    assert f"{ads} postings -> " in calls[0]  # the full dedup: every ad


def test_lock_holds_through_a_symlink_to_the_database(tmp_path):
    """Issue 12: two imports through a symlink to one database ran at once (the lock was the
    path string)."""
    real = tmp_path / "data" / "mljobs.db"
    real.parent.mkdir()
    real.touch()
    (tmp_path / "link.db").symlink_to(real)
    (tmp_path / "linked_dir").symlink_to(real.parent, target_is_directory=True)
    with run_lock(real) as path:
        assert path == tmp_path / "data" / "mljobs.db.lock"
        for other in (tmp_path / "link.db", tmp_path / "linked_dir" / "mljobs.db"):
            with pytest.raises(RunLocked, match="another mljobs run holds"):
                with run_lock(other):
                    pass
    dump = tmp_path / "ads.csv"
    dump.write_text("title,company,location\nML Engineer,Acme,London\n")
    with run_lock(tmp_path / "link.db") as path:  # released; the same lock file
        assert path == tmp_path / "data" / "mljobs.db.lock"
        result = mljobs("import", str(dump), "--format", "csv", db=real, check=False)
    assert result.returncode == 75, result.stderr
    assert not (tmp_path / "link.db.lock").exists()
