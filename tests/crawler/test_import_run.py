"""The direct import (crawler.import_run): the same pipelines as the Scrapy importer, the same
rows and counts, a crawl_runs row, and no Scrapy/Twisted import on the way."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from crawler.import_run import run_import
from tests.conftest import FIXTURES
from tests.utils import ROOT

JOBSPY = FIXTURES / "imports" / "jobspy_small.csv"
VOLATILE = ("first_seen", "last_seen")


def ads(db) -> dict[str, dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        rows = {r["id"]: dict(r) for r in conn.execute("SELECT * FROM ads")}
    for row in rows.values():
        for column in VOLATILE:
            row.pop(column)
    return rows


def python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_direct_and_scrapy_paths_store_the_same_rows(tmp_path):
    direct, scrapy_db = tmp_path / "direct.db", tmp_path / "scrapy.db"
    result = run_import(JOBSPY, "jobspy", overrides={"MLJOBS_DB": str(direct)})
    python(
        "from crawler.bases.importer import FileImportSpider\n"
        "from crawler.runner import project_settings, run_spiders\n"
        f"run_spiders([(FileImportSpider, {{'path': {str(JOBSPY)!r}, 'format': 'jobspy'}})],"
        f" project_settings({{'MLJOBS_DB': {str(scrapy_db)!r}, 'LOG_LEVEL': 'WARNING'}}))\n"
    )
    assert len(ads(direct)) == 3
    assert ads(direct) == ads(scrapy_db)
    assert result.summary() == (
        "import: 3 ads (3 new, 0 updated, 0 unchanged, 0 expired), 0 dropped, 0 errors, 0 responses"
    )
    query = "SELECT spider, items, new, unchanged, dropped, finish_reason FROM crawl_runs"
    with sqlite3.connect(direct) as a, sqlite3.connect(scrapy_db) as b:
        assert a.execute(query).fetchall() == b.execute(query).fetchall()


def test_second_import_counts_unchanged_and_records_each_run(tmp_path):
    db = tmp_path / "x.db"
    run_import(JOBSPY, "jobspy", overrides={"MLJOBS_DB": str(db)})
    second = run_import(JOBSPY, "jobspy", overrides={"MLJOBS_DB": str(db)})
    assert (second.count("mljobs/new"), second.count("mljobs/unchanged")) == (0, 3)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT spider, new, unchanged, stats FROM crawl_runs").fetchall()
    assert [r[:3] for r in rows] == [("import", 3, 0), ("import", 0, 3)]
    assert json.loads(rows[1][3])["mljobs/import/records"] == 3


def test_unreadable_file_fails_the_run(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = run_import(empty, "csv", overrides={"MLJOBS_DB": str(tmp_path / "x.db")})
    assert result.failed
    assert result.count("mljobs/import/file_error") == 1


def test_an_import_loads_neither_scrapy_nor_twisted(tmp_path):
    loaded = python(
        "import sys\n"
        "from cli.main import main\n"
        "try:\n"
        f"    main(['--db', {str(tmp_path / 'x.db')!r}, '--log-level', 'WARNING', 'import',"
        f" {str(JOBSPY)!r}, '--format', 'jobspy'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'scrapy', 'twisted', "
        "'matplotlib', 'jinja2'}))\n"
    )
    assert loaded.strip().splitlines()[-1] == "[]"


def test_a_dropped_item_is_counted_and_the_rest_stored(tmp_path, monkeypatch):
    import crawler.pipelines as pipelines

    real = pipelines.normalize_ad

    def failing(raw, **kwargs):
        if raw["title"] == "Data Engineer (Contract)":
            raise ValueError("a normalizer bug")
        return real(raw, **kwargs)

    monkeypatch.setattr(pipelines, "normalize_ad", failing)
    db = tmp_path / "x.db"
    result = run_import(JOBSPY, "jobspy", overrides={"MLJOBS_DB": str(db)})
    assert (result.count("mljobs/new"), result.dropped) == (2, 1)
    assert result.count("mljobs/dropped/normalize_error") == 1
    assert result.count("item_dropped_count") == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT dropped, errors FROM crawl_runs").fetchone() == (1, 1)


def test_an_interrupted_import_stores_what_it_read_and_records_the_run(tmp_path, monkeypatch):
    import crawler.import_run as import_run

    real = import_run.import_items

    def interrupted(*args, **kwargs):
        items = real(*args, **kwargs)
        yield next(items)
        raise KeyboardInterrupt

    monkeypatch.setattr(import_run, "import_items", interrupted)
    db = tmp_path / "x.db"
    with pytest.raises(KeyboardInterrupt):
        run_import(JOBSPY, "jobspy", overrides={"MLJOBS_DB": str(db)})
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM ads").fetchone() == (1,)
        assert conn.execute("SELECT new, finish_reason FROM crawl_runs").fetchone() == (
            1,
            "interrupted",
        )


def test_the_normalize_pipeline_cleans_every_item_at_its_boundary():
    from crawler.import_run import ImportRun, ImportSettings
    from crawler.pipelines import NormalizePipeline

    run = ImportRun(ImportSettings())
    pipeline = NormalizePipeline.from_crawler(run)
    item = {
        "source": "greenhouse",
        "source_id": "1",
        "title": "ML\x00 Engineer",
        "salary_min_raw": 10**25,
        "raw": {"title": "ML\x00 Engineer", "note": "\udc80"},
    }
    ad = pipeline.process_item(item)
    assert (ad["title"], ad["salary_min_raw"]) == ("ML Engineer", str(10**25))
    assert ad["raw"] == {"title": "ML Engineer", "note": "\ufffd"}
    stats = run.stats.get_stats()
    assert (stats["mljobs/fixed/nul"], stats["mljobs/fixed/int_overflow"]) == (2, 1)
    assert stats["mljobs/fixed/surrogate"] == 1
