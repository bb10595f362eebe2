"""The main job on real data: every corpus input imported and the recorded crawl replayed
through the real pipelines, twice, then the benchmarks (issue 2's "done when")."""

from __future__ import annotations

import json
import sqlite3

import pytest

from crawler.corpus import corpus_files
from tests.utils import mljobs


def load_everything(corpus, db):
    """The main load of crawler/data/corpus_files.toml, each file through the CLI."""
    for corpus_file in corpus_files("main"):
        mljobs(*corpus_file.import_args(corpus), db=db)
    mljobs("crawl", "--replay", str(corpus / "replay"), db=db)


def counts(db):
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT source, count(*) FROM ads GROUP BY source"))


@pytest.fixture(scope="module")
def loaded(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("e2e") / "mljobs.db"
    load_everything(corpus, db)
    first = counts(db)
    load_everything(corpus, db)
    return db, first, counts(db)


def test_every_input_lands_once(loaded):
    _, first, second = loaded
    assert first == {
        "adzuna_kaggle": 1242,
        "jobspy": 404,
        "reed_listings_2019": 932,
        "indeed_london_2020": 558,
        "greenhouse": 2,
        "lever": 2,
        "ashby": 2,
    }
    assert sum(first.values()) == 3142
    assert second == first


def test_first_seen_kept_and_runs_recorded(loaded):
    db, _, _ = loaded
    with sqlite3.connect(db) as conn:
        later = conn.execute("SELECT count(*) FROM ads WHERE first_seen > last_seen").fetchone()
        assert later == (0,)
        runs = conn.execute(
            "SELECT spider, count(*), sum(new), sum(unchanged) FROM crawl_runs "
            "GROUP BY spider ORDER BY spider"
        ).fetchall()
    assert ("greenhouse", 2, 2, 2) in runs
    assert ("lever", 2, 2, 2) in runs
    imports = next(r for r in runs if r[0] == "import")
    assert imports[1:3] == (8, 3136)  # 4 files loaded twice; the second load adds nothing


def test_replayed_jobs_are_complete(loaded):
    db, _, _ = loaded
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute("SELECT * FROM ads WHERE source IN ('greenhouse','lever','ashby')")
        rows = {r["id"]: dict(r) for r in rows}
    assert len(rows) == 6
    for row in rows.values():
        for column in ("title", "company", "location_raw", "url", "posted_at", "description_text"):
            assert row[column], (row["id"], column)
    ai = rows["greenhouse:gitlab:8565469002"]
    assert (ai["title"], ai["company"], ai["location_raw"]) == (
        "AI Engineer",
        "GitLab",
        "Remote, US",
    )
    assert ai["posted_at"] == "2026-05-29"
    hinge = rows["lever:matchgroup:3414ba28-35f7-45d3-8e13-35c883959635"]
    assert (
        hinge["salary_min"],
        hinge["salary_max"],
        hinge["salary_currency"],
        hinge["salary_period"],
    ) == (150000, 180000, "USD", "year")
    assert hinge["salary_source"] == "structured"


def test_benchmarks_on_real_data(loaded):
    db, _, _ = loaded
    cities = json.loads(mljobs("benchmarks", "--all-ads", "--by", "city", "--json", db=db).stdout)
    london = next(r for r in cities if r["group"] == "London")
    assert london["salaries"] >= 150
    assert 25_000 <= london["median"] <= 120_000
    assert london["p10"] <= london["p25"] <= london["median"] <= london["p75"] <= london["p90"]
    roles = {
        r["group"]: r
        for r in json.loads(mljobs("benchmarks", "--by", "role", "--json", db=db).stdout)
    }
    assert roles["data_scientist"]["salaries"] >= 50
    assert "ml_engineer" in roles


def test_renormalize_keeps_counts(loaded):
    db, first, _ = loaded
    result = mljobs("renormalize", db=db)
    assert "renormalized 3142 ads" in result.stderr
    assert counts(db) == first


def test_malformed_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    result = mljobs(
        "import", str(bad), "--format", "scrapy-json", db=tmp_path / "x.db", check=False
    )
    assert result.returncode == 1
    assert "not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr
