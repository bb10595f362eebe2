"""Imports of the files users actually have (issue 12 points 4-5, issue 11 point 5): other
encodings, a stray byte, JSON containers, truncated feeds, odd values, JobSpy subsets and
places split over several columns. Each case failed on the reader before these fixes."""

from __future__ import annotations

import sqlite3

import pytest

from crawler.dump_encoding import detect_encoding
from crawler.fields import clean_fields
from crawler.import_run import run_import
from crawler.imports import (
    DumpReader,
    FieldFix,
    ImportFileError,
    RowProblem,
    read_ads,
)
from tests.conftest import FIXTURES

IMPORTS = FIXTURES / "imports"


def split(records):
    ads = [r for r in records if isinstance(r, dict)]
    fixes = [str(r) for r in records if isinstance(r, FieldFix)]
    problems = [str(r) for r in records if isinstance(r, RowProblem) and r.__class__ is RowProblem]
    return ads, fixes, problems


def test_cp1252_export_with_pounds_imports_fully():
    reader = DumpReader(IMPORTS / "board_cp1252.csv", "csv")
    ads, fixes, problems = split(list(reader.records()))
    assert (len(ads), fixes, problems) == (2, [], [])
    assert ads[0]["company"] == "Café Analytics Ltd"
    assert ads[0]["salary_raw"] == "£55,000 - £65,000 per annum"
    assert ads[0]["description"] == "Python, PyTorch – hybrid working"
    assert ads[1]["description"] == "Statistics and SQL; résumé welcome"
    assert (reader.encoding, reader.encoding_detected) == ("cp1252", True)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_encoding_override(encoding):
    [ad, _] = read_ads(IMPORTS / "board_cp1252.csv", "csv", encoding=encoding)
    assert ad["salary_raw"] == "£55,000 - £65,000 per annum"


def test_utf16_file_imports_fully():
    ads, fixes, problems = split(list(read_ads(IMPORTS / "board_utf16.csv", "csv")))
    assert [(a["title"], a["company"], a["salary_raw"]) for a in ads] == [
        ("NLP Engineer", "Łukasz AI Ltd", "£70,000"),
        ("MLOps Engineer", "Ørsted Digital", "£85,000 - £95,000"),
    ]
    assert (fixes, problems) == ([], [])


def test_a_stray_cp1252_byte_costs_no_row():
    ads, fixes, problems = split(list(read_ads(IMPORTS / "stray_byte_utf8.csv", "csv")))
    assert len(ads) == 1200 and problems == []
    assert [a["source_id"] for a in ads] == [f"u-{n}" for n in range(1, 1201)]
    assert fixes == [
        "row 1001 (line 1002): field 'salary': bytes not valid in utf-8 (read as cp1252)"
    ]
    assert [a["salary_raw"] for a in ads[999:1002]] == ["£40,000", "£41,000", "£42,000"]
    assert ads[1000]["title"] == "Data Scientist 1001"


def test_detect_encoding_prefers_utf8_with_a_few_stray_bytes():
    sample = ("£50,000\n" * 40).encode("utf-8") + b"\xa3 1\n"
    assert detect_encoding(sample) == "utf-8"
    assert detect_encoding(b"\xef\xbb\xbftitle\n") == "utf-8-sig"
    assert detect_encoding("title\n".encode("utf-16")) == "utf-16"
    # Western text in cp1252, which charset-normalizer alone takes for cp1250 ("£" read as "Ł")
    text = "title,salary\nML Engineer,£60,000\nData Scientist,£55,000 - £65,000\n" * 40
    assert detect_encoding(text.encode("cp1252")) == "cp1252"


def test_json_object_with_the_ads_under_one_key():
    ads = list(read_ads(IMPORTS / "jobs_container.json", "scrapy-json"))
    assert [(a["title"], a["source_id"]) for a in ads] == [
        ("Machine Learning Engineer", "https://example.org/jobs/11"),
        ("Research Scientist", "https://example.org/jobs/12"),
    ]


@pytest.mark.parametrize(
    "name, message",
    [
        ("two_lists.json", r"lists of objects under \['jobs', 'companies'\]"),
        ("no_list.json", r"no list of ads \(keys \['meta', 'status'\]\)"),
        ("empty.json", "empty file, no JSON records"),
    ],
)
def test_other_json_shapes_are_refused(name, message):
    with pytest.raises(ImportFileError, match=message):
        list(read_ads(IMPORTS / name, "scrapy-json"))


def test_truncated_feed_keeps_its_complete_records():
    ads, fixes, problems = split(list(read_ads(IMPORTS / "truncated_feed.json", "scrapy-json")))
    assert [a["title"] for a in ads] == ["Machine Learning Engineer", "Research Scientist"]
    assert len(problems) == 1
    assert problems[0].startswith("item 3: the JSON breaks off here (")
    assert problems[0].endswith("the 2 records before it were read")


def test_odd_values_are_fixed_field_by_field():
    records = list(read_ads(IMPORTS / "odd_values.jl", "scrapy-json"))
    ads, fixes, problems = split(records)
    assert len(ads) == 10 and problems == []
    assert fixes == [
        "line 1: field 'salary_min': integer beyond 64 bits kept as text",
        "line 2: field 'title': lone surrogates replaced by U+FFFD",
        "line 3: field 'title': NUL characters removed",
        "line 3: field 'description': NUL characters removed",
    ]
    assert ads[0]["salary_min_raw"] == "123456789012345678901234567890"
    assert ads[0]["raw"]["salary_min"] == "123456789012345678901234567890"
    assert ads[1]["title"] == "Data Scientist \ufffd"
    assert (ads[2]["title"], ads[2]["description"]) == ("AI Engineer", "Build models")


def test_clean_fields_reaches_nested_values():
    cleaned, changes = clean_fields({"raw": {"a": ["x\x00y", 2**70]}, "title": "ok"})
    assert cleaned == {"raw": {"a": ["xy", str(2**70)]}, "title": "ok"}
    assert changes == [("raw", "nul"), ("raw", "int_overflow")]


def test_odd_values_cost_no_ad_of_a_batch(tmp_path):
    db = tmp_path / "x.db"
    result = run_import(
        IMPORTS / "odd_values.jl",
        "scrapy-json",
        overrides={"MLJOBS_DB": str(db), "MLJOBS_STORE_BATCH": 10},
    )
    assert (result.count("mljobs/new"), result.dropped) == (10, 0)
    assert result.count("mljobs/import/fixed/nul") == 2
    with sqlite3.connect(db) as conn:
        title, description = conn.execute(
            "SELECT title, description FROM ads WHERE id = ?",
            ("odd_values:https://example.org/jobs/23",),
        ).fetchone()
        [big] = conn.execute("SELECT salary_min_raw FROM ads WHERE salary_min_raw LIKE '1234%'")
    assert (title, description) == ("AI Engineer", "Build models")
    assert big == ("123456789012345678901234567890",)


def test_jobspy_subset_keyed_by_job_url():
    reader = DumpReader(IMPORTS / "jobspy_subset.csv", "jobspy")
    ads = list(reader.records())
    assert [a["source_id"] for a in ads] == [
        "https://uk.linkedin.com/jobs/view/4100000001",
        "https://uk.linkedin.com/jobs/view/4100000002",
    ]
    assert (ads[0]["salary_min_raw"], ads[0]["salary_period_raw"]) == ("60000.0", "yearly")
    assert ads[1]["workplace_raw"] == "remote" and "workplace_raw" not in ads[0]
    assert reader.columns_ignored == []


def test_jobspy_without_title_is_refused(tmp_path):
    no_title = tmp_path / "no_title.csv"
    no_title.write_text("job_url,company\nhttps://x.org/1,Acme\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"not a jobspy file, missing columns \['title'"):
        list(read_ads(no_title, "jobspy"))


def test_place_split_over_columns_and_pay_under_a_common_name():
    reader = DumpReader(IMPORTS / "split_place.csv", "csv")
    ads = list(reader.records())
    assert [(a["location_raw"], a["salary_raw"]) for a in ads] == [
        ("Leeds, West Yorkshire, LS1 4AP, UK", "£60,000 - £70,000 per annum"),
        ("Cardiff, CF10 1AA, UK", "£450 per day"),
    ]
    assert reader.columns_used == {
        "title": ["Job Title"],
        "company": ["Employer"],
        "location": ["Town", "County", "Postcode", "Country"],
        "salary": ["Pay"],
    }
    assert reader.columns_ignored == ["Closing Date", "Notes"]


def test_split_place_is_normalized_through_the_pipelines(tmp_path):
    db = tmp_path / "x.db"
    run_import(IMPORTS / "split_place.csv", "csv", overrides={"MLJOBS_DB": str(db)})
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT city, region, salary_min, salary_period FROM ads ORDER BY title"
        ).fetchall()
    assert rows == [
        ("Cardiff", "Wales", 450.0, "day"),
        ("Leeds", "Yorkshire and The Humber", 60000.0, "year"),
    ]
