"""What an import stores for a fixture ad, byte for byte: ``raw`` (the record without the
strings held in columns), its ``raw_layouts`` map and ``content_hash``. The hash decides
whether a re-imported ad is "changed": a different hash would make every stored ad changed on
the next import (issue 15). The literals were written by the import of main at cff0a35; the
import path may get faster, never different. In one process and in worker processes alike."""

from __future__ import annotations

import sqlite3

import pytest

import crawler.import_run
from crawler.import_run import run_import
from tests.conftest import FIXTURES

IMPORTS = FIXTURES / "imports"

CASES = [
    (
        "adzuna_small.csv",
        "adzuna-kaggle",
        "adzuna_kaggle:70000001",
        '{"layout":1,"record":{"Category":"IT Jobs","ContractType":"","LocationNormalized":'
        '"Bristol","SalaryNormalized":"27500","SourceName":"cv-library.co.uk"}}',
        "a31ef725cc18fe8c",
        '{"/Company":"company","/ContractTime":"employment_type_raw","/FullDescription":'
        '"description","/Id":"source_id","/LocationRaw":"location_raw","/SalaryRaw":'
        '"salary_raw","/Title":"title"}',
    ),
    (
        "reed_small.jl",
        "scrapy-json",
        "reed_small:https://www.reed.co.uk/jobs/machine-learning-engineer/40000001",
        '{"layout":1,"record":{"date_listed":["\\r\\n ","Posted 3 days ago by ","Zeta AI"],'
        '"description":["\\r\\n   ","\\r\\n  We are looking for an ML engineer.",'
        '"\\r\\n  Python, TensorFlow and AWS.   "],"location":["\\r\\n   ","Cambridge",'
        '"\\r\\n  ",", ","Cambridgeshire","\\r\\n  ","Cambridge","\\r\\n  ",", ",'
        '"Cambridgeshire"],"salary":["\\r\\n   ","£50,000 - £60,000 per annum","\\r\\n  "]}}',
        "7b58b6a52506a87d",
        '{"/URL":"source_id","/company":"company","/title":"title"}',
    ),
    (
        "jobspy_small.csv",
        "jobspy",
        "jobspy:in-1a2b3c4d5e6f7a8b",
        '{"layout":1,"record":{"company_addresses":"","company_description":"",'
        '"company_industry":"","company_logo":"","company_num_employees":"","company_rating":'
        '"","company_revenue":"","company_reviews_count":"","company_url":"",'
        '"company_url_direct":"","emails":"","experience_range":"","is_remote":"False",'
        '"job_function":"","job_level":"","job_url_direct":"","listing_type":"","salary_source":'
        '"direct_data","scraped_at":"2026-01-28 10:36:23.669551+00:00","site":"indeed",'
        '"skills":"","vacancy_count":"","work_from_home_type":""}}',
        "306bf9ffabf6a7c5",
        '{"/company":"company","/currency":"salary_currency_raw","/date_posted":"posted_raw",'
        '"/description":"description","/id":"source_id","/interval":"salary_period_raw",'
        '"/job_type":"employment_type_raw","/job_url":"url","/location":"location_raw",'
        '"/max_amount":"salary_max_raw","/min_amount":"salary_min_raw","/title":"title"}',
    ),
]


@pytest.mark.parametrize("workers", [0, 1])
@pytest.mark.parametrize("name, fmt, ad_id, raw, content_hash, layout", CASES)
def test_an_imported_ad_keeps_its_raw_and_content_hash(
    tmp_path, monkeypatch, workers, name, fmt, ad_id, raw, content_hash, layout
):
    monkeypatch.setattr(crawler.import_run, "PARALLEL_MIN_BYTES", 0)  # workers for a small file
    db = tmp_path / "ads.db"
    result = run_import(
        IMPORTS / name,
        fmt,
        overrides={"MLJOBS_DB": str(db), "MLJOBS_IMPORT_WORKERS": workers},
    )
    assert result.stats["mljobs/new"] >= 2
    with sqlite3.connect(db) as conn:
        stored = conn.execute(
            "SELECT a.raw, a.content_hash, l.columns FROM ads a JOIN raw_layouts l "
            "ON l.id = json_extract(a.raw, '$.layout') WHERE a.id = ?",
            [ad_id],
        ).fetchone()
    assert stored == (raw, content_hash, layout)
    # imported again: the same hash, so unchanged (not "updated")
    again = run_import(
        IMPORTS / name,
        fmt,
        overrides={"MLJOBS_DB": str(db), "MLJOBS_IMPORT_WORKERS": workers},
    )
    assert again.stats.get("mljobs/updated", 0) == 0
    assert again.stats["mljobs/unchanged"] == result.stats["mljobs/new"]
