"""An import normalizing in worker processes (crawler.import_parallel) stores the same rows, in
the same order, with the same stats, drops and logged errors as one in a single process."""

from __future__ import annotations

import logging
import sqlite3

import pytest
import sqlite_utils

import crawler.import_parallel
import crawler.import_run
import crawler.pipelines
from crawler.import_run import run_import
from tests.db.test_fts import assert_fts_matches_table

ROWS = [
    ("ML Engineer", "Acme Ltd", "Leeds", "£60k", "Python and PyTorch"),
    ("Data Scientist", "Beta plc", "London", "£70,000 - £80,000", "SQL and statistics"),
    ("BROKEN", "Gamma", "York", "", "a normalizer fails on this one"),
    ("Research Scientist", "Delta", "Cambridge", "", "JAX, reinforcement learning"),
    ("MLOps Engineer", "Acme Ltd", "Remote", "£550 per day", "Kubernetes and AWS"),
    ("NLP Engineer", "Eps", "Edinburgh", "£65k", "transformers\x00 and spaCy"),
    ("AI Engineer", "Zeta", "Bristol", "", "LLMs &amp; RAG"),
]


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


def test_workers_store_what_one_process_stores(dump, tmp_path, monkeypatch, caplog):
    calls = []
    parallel = crawler.import_run.run_parallel

    def spy(*args):
        calls.append(args[3])
        yield from parallel(*args)

    monkeypatch.setattr(crawler.import_run, "run_parallel", spy)
    one = imported(dump, tmp_path / "one.db", 1, monkeypatch, caplog)
    assert calls == []
    two = imported(dump, tmp_path / "two.db", 2, monkeypatch, caplog)
    assert calls == [2]  # the second import normalized in 2 workers
    stats, messages, rows = two
    assert two == one
    assert len(rows) == 6 and "BROKEN" not in {r[2] for r in rows}
    assert [r[2] for r in rows] == [r[0] for r in ROWS if r[0] != "BROKEN"]  # the file's order
    assert stats["mljobs/dropped/normalize_error"] == 1
    assert stats["item_dropped_count"] == 1
    assert stats["mljobs/items"] == 6
    assert stats["mljobs/errors"] == 1  # the worker's logged error, counted by the run
    assert stats["mljobs/import/fixed/nul"] == 1
    assert any(level == "ERROR" and "normalizing" in text for level, text in messages)
    assert any(level == "WARNING" and text.startswith("Dropped:") for level, text in messages)
    database = sqlite_utils.Database(tmp_path / "two.db")
    assert_fts_matches_table(database)
    database.close()
