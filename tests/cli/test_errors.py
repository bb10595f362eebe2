"""The command line's errors: clear messages and exit codes, never a traceback."""

from __future__ import annotations

import json

import pytest

from crawler.runner import run_lock
from tests.conftest import FIXTURES
from tests.utils import mljobs


@pytest.mark.parametrize(
    "args", [("benchmarks", "--by", "city"), ("renormalize",), ("report", "--out", "out")]
)
def test_missing_database_is_not_created(tmp_path, args):
    db = tmp_path / "none.db"
    result = mljobs(*args, db=db, check=False)
    assert result.returncode == 1
    assert f"no database at {db}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not db.exists()


def test_not_a_database(tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("these are not the tables you are looking for\n" * 100)
    result = mljobs("benchmarks", "--by", "city", db=db, check=False)
    assert result.returncode == 1
    assert "not a usable SQLite database" in result.stderr
    assert "Traceback" not in result.stderr


def test_map_with_a_fixed_format_is_refused(tmp_path):
    result = mljobs(
        "import",
        str(FIXTURES / "imports" / "jobspy_small.csv"),
        "--format",
        "jobspy",
        "--map",
        "title=x",
        db=tmp_path / "x.db",
        check=False,
    )
    assert result.returncode == 2
    assert "applies to csv and scrapy-json, not jobspy" in result.stderr


def test_import_then_benchmarks_json(tmp_path):
    db = tmp_path / "x.db"
    mljobs("import", str(FIXTURES / "imports" / "jobspy_small.csv"), "--format", "jobspy", db=db)
    rows = json.loads(mljobs("benchmarks", "--by", "city", "--all-ads", "--json", db=db).stdout)
    assert {r["group"]: r["ads"] for r in rows} == {"Manchester": 1, "London": 1, "Leeds": 1}
    assert set(rows[0]) >= {"group", "ads", "salaries", "median", "p10", "p25", "p75", "p90"}


@pytest.mark.parametrize("args", [("renormalize",), ("import", "IMPORT", "--format", "jobspy")])
def test_writers_wait_for_no_one_while_a_run_holds_the_lock(tmp_path, args):
    db = tmp_path / "x.db"
    mljobs("import", str(FIXTURES / "imports" / "jobspy_small.csv"), "--format", "jobspy", db=db)
    args = tuple(
        str(FIXTURES / "imports" / "jobspy_small.csv") if a == "IMPORT" else a for a in args
    )
    with run_lock(str(db)):
        result = mljobs(*args, db=db, check=False)
    assert result.returncode == 75
    assert "not starting a second run" in result.stderr


def test_sources_without_a_database_lists_them_all_never_run(tmp_path):
    db = tmp_path / "none" / "x.db"
    rows = json.loads(mljobs("sources", "--json", db=db).stdout)
    assert [r["source"] for r in rows][:3] == ["adzuna", "artificialintelligencejobs", "ashby"]
    assert all(r["last_run"] is None and r["health"] is None for r in rows)
    assert not db.parent.exists()  # a read writes nothing
