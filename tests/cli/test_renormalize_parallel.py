"""``mljobs renormalize`` with its normalizing in worker processes (crawler.import_parallel)
writes what it writes in one process: the same rows, skills and full-text index."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils
from click.testing import CliRunner

import cli.renormalize
import crawler.import_parallel
import crawler.settings
from cli.main import main
from crawler.import_run import run_import
from tests.conftest import FIXTURES
from tests.db.test_fts import assert_fts_matches_table

#: What the test spoils before renormalizing (a renormalize must write them back).
SPOILED = "UPDATE ads SET city = NULL, role = 'other', description_text_stored = 'x', skills = NULL"


#: Columns the normalizers fill (those :data:`SPOILED` spoils among them).
NORMALIZED = "id, city, region, role, seniority, description_text, skills, salary_annual_mid"


def contents(db, columns: str = "*") -> tuple[list, list]:
    with sqlite3.connect(db) as conn:
        ads = conn.execute(f"SELECT {columns} FROM ads ORDER BY rowid").fetchall()
        skills = conn.execute("SELECT * FROM ad_skills ORDER BY ad_id, skill").fetchall()
    return ads, skills


@pytest.mark.parametrize("workers", [1, 2])
def test_renormalize_in_workers_writes_what_one_process_writes(tmp_path, monkeypatch, workers):
    dump = FIXTURES / "imports" / "jobspy_small.csv"
    imported = tmp_path / "imported.db"
    run_import(dump, "jobspy", overrides={"MLJOBS_DB": str(imported), "LOG_LEVEL": "WARNING"})
    want = contents(imported, NORMALIZED)
    assert len(want[0]) > 2 and want[1]
    monkeypatch.setattr(cli.renormalize, "RENORMALIZE_MIN_ADS", 0)
    monkeypatch.setattr(crawler.import_parallel, "CHUNK", 2)  # several chunks in flight
    forked = []
    enter = crawler.import_parallel.Workers.__enter__

    def spy(self):
        result = enter(self)
        forked.append(self.pool is not None)
        return result

    monkeypatch.setattr(crawler.import_parallel.Workers, "__enter__", spy)
    got = {}
    for processes in (0, workers):
        db = tmp_path / f"renormalized-{processes}.db"
        db.write_bytes(imported.read_bytes())
        with sqlite3.connect(db) as conn:
            conn.execute(SPOILED)
            conn.execute("DELETE FROM ad_skills")
        monkeypatch.setattr(crawler.settings, "MLJOBS_IMPORT_WORKERS", processes)
        result = CliRunner().invoke(main, ["--db", str(db), "--log-level", "error", "renormalize"])
        assert result.exit_code == 0, result.output
        got[processes] = contents(db)
        database = sqlite_utils.Database(db)
        assert_fts_matches_table(database)
        database.close()
    assert forked == [False, True]
    assert got[workers] == got[0]
    assert contents(tmp_path / f"renormalized-{workers}.db", NORMALIZED) == want  # as imported
