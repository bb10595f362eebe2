"""What long commands print: a progress bar on a terminal (a pseudo-terminal here), a few lines
off one (captured output, as under cron), the full log in ``<db dir>/logs/``, and the old
console log with ``--log-level``."""

from __future__ import annotations

import logging
import os
import pty
import re
import select
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import click
from click.testing import CliRunner

from cli.console import MAX_SHOWN, log_file_path, terminal
from tests.conftest import FIXTURES
from tests.utils import ROOT, TERMINAL_VARIABLES, mljobs

JOBSPY = ("jobspy-uk-2026", "jobspy_uk_2026.csv")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def on_a_terminal(*args: str, db: Path, timeout: float = 300) -> tuple[int, str]:
    """Run ``mljobs --db DB ARGS`` with stdin, stdout and stderr on a pseudo-terminal; its
    exit status and everything it drew, ANSI escapes removed, carriage returns as newlines."""
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in TERMINAL_VARIABLES}
    env.update(TERM="xterm-256color", COLUMNS="160")
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "--db", str(db), *args],
        cwd=ROOT,
        env=env,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        close_fds=True,
    )
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal (Linux: EIO)
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            elif process.poll() is not None:
                break
        returncode = process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    text = ANSI.sub("", b"".join(chunks).decode("utf-8", "replace"))
    return returncode, text.replace("\r\n", "\n").replace("\r", "\n")


def test_import_of_the_jobspy_corpus_off_a_terminal_prints_two_lines(corpus, tmp_path):
    path = corpus.joinpath(*JOBSPY)
    db = tmp_path / "x.db"
    result = mljobs("import", str(path), "--format", "jobspy", db=db, log_level=None)
    lines = (result.stdout + result.stderr).splitlines()
    assert len(lines) <= 5
    [log] = list((tmp_path / "logs").glob("import-*.log"))
    assert lines[0] == (
        f"{path}: 404 records read; import: 404 ads (404 new, 0 updated, 0 unchanged, "
        "0 expired), 0 dropped, 0 errors, 0 responses"
    )
    assert lines[1].startswith(f"{path}: columns used: source_id=id, url=job_url, title=title")
    assert lines[2:] == [f"log: {log}"]
    text = log.read_text()  # Scrapy's full log, at INFO
    assert "[crawler.import_run] INFO: recorded crawl run" in text
    assert "'mljobs/import/records': 404" in text
    assert "Dumping Scrapy stats" not in result.stderr


def test_import_of_the_jobspy_corpus_on_a_terminal_shows_a_progress_bar(corpus, tmp_path):
    path = corpus.joinpath(*JOBSPY)
    returncode, text = on_a_terminal(
        "import", str(path), "--format", "jobspy", db=tmp_path / "x.db"
    )
    assert returncode == 0, text
    # the bar: its name, the records counted, the rate and the elapsed time
    assert re.search(r"import .* 404 records [\d,]+ records/s .*\d:\d\d:\d\d", text), text
    assert f"{path}: 404 records read; import: 404 ads (404 new," in text
    assert re.search(r"^log: .*/logs/import-\d{8}-\d{6}\.log$", text, re.M), text
    assert "Spider opened" not in text


def test_crawl_on_a_terminal_shows_a_bar_per_spider(corpus, tmp_path):
    args = ("crawl", "greenhouse", "lever", "--replay", str(corpus / "replay"))
    returncode, text = on_a_terminal(*args, db=tmp_path / "x.db")
    assert returncode == 0, text
    for spider in ("greenhouse", "lever"):  # ads stored, rate, responses (Scrapy's signals)
        assert re.search(rf"{spider} .* 2 ads [\d,]+ ads/s +2 responses, 0 dropped", text), text
        assert f"{spider}: 2 ads (2 new, 0 updated," in text


def test_log_level_brings_back_the_old_console_log(tmp_path):
    db = tmp_path / "x.db"
    path = FIXTURES / "imports" / "jobspy_small.csv"
    result = mljobs("import", str(path), "--format", "jobspy", db=db, log_level="info")
    assert "[crawler.import_run] INFO: recorded crawl run" in result.stderr
    assert "[crawler.import_run] INFO: Dumping import stats" in result.stderr
    assert f"{path}: 3 records read; import: 3 ads (3 new," in result.stderr
    assert "log: " not in result.stderr
    assert not (tmp_path / "logs").exists()


def test_warnings_are_one_line_each_then_counted(tmp_path):
    bad = tmp_path / "bad.csv"
    rows = ["title,company"] + [f"Engineer {n},Acme,extra" for n in range(MAX_SHOWN + 5)]
    bad.write_text("\n".join(rows) + "\n")
    result = mljobs("import", str(bad), "--format", "csv", db=tmp_path / "x.db", log_level=None)
    lines = result.stderr.splitlines()
    warnings = [line for line in lines if line.startswith("warning: ")]
    assert len(warnings) == MAX_SHOWN
    assert warnings[0] == f"warning: {bad}: row 1 (line 2): expected 2 columns, found 3"
    assert "... and 5 more warnings/errors" in lines
    assert len(lines) == MAX_SHOWN + 3  # the warnings, the count, the summary, the log
    [log] = (tmp_path / "logs").glob("import-*.log")
    assert log.read_text().count(": expected 2 columns, found 3") == MAX_SHOWN + 5


def test_renormalize_off_a_terminal(tmp_path):
    db = tmp_path / "x.db"
    mljobs("import", str(FIXTURES / "imports" / "jobspy_small.csv"), "--format", "jobspy", db=db)
    result = mljobs("renormalize", db=db, log_level=None)
    [log] = (tmp_path / "logs").glob("renormalize-*.log")
    assert result.stderr.splitlines() == [
        # the same normalizers: no ad changed for the dedup rules, nothing clustered again
        "renormalized 3 ads; vacancies: 0 postings in 0 changed blocks clustered again",
        f"log: {log}",
    ]


def test_log_file_names_never_collide(tmp_path):
    now = datetime(2026, 11, 30, 9, 5, 7)
    first = log_file_path(tmp_path / "data" / "x.db", "crawl", now)
    second = log_file_path(tmp_path / "data" / "x.db", "crawl", now)
    assert first == tmp_path / "data" / "logs" / "crawl-20261130-090507.log"
    assert second == tmp_path / "data" / "logs" / "crawl-20261130-090507-2.log"
    assert first.exists() and second.exists()


@click.command()
@click.pass_context
def boom(ctx: click.Context) -> None:
    with terminal(ctx, "boom"):
        logging.getLogger("tests").info("about to fail")
        raise ValueError("bad input at row 7")


def test_an_unexpected_error_is_one_line_its_traceback_in_the_log(tmp_path):
    obj = {"db": str(tmp_path / "x.db"), "log_level": None}
    result = CliRunner().invoke(boom, obj=obj)
    [log] = (tmp_path / "logs").glob("boom-*.log")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"log: {log}",
        f"Error: boom failed: ValueError: bad input at row 7 (traceback in {log})",
    ]
    text = log.read_text()
    assert "[tests] INFO: about to fail" in text
    assert "Traceback (most recent call last)" in text and "ValueError: bad input" in text


def test_with_log_level_an_unexpected_error_keeps_its_traceback(tmp_path):
    obj = {"db": str(tmp_path / "x.db"), "log_level": "INFO"}
    result = CliRunner().invoke(boom, obj=obj)
    assert isinstance(result.exception, ValueError)
    assert not (tmp_path / "logs").exists()
