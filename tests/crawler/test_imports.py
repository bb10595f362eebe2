"""The dump readers, on small fixtures in each format's real schema."""

from __future__ import annotations

import pytest

from crawler.corpus import corpus_files
from crawler.imports import (
    ImportFileError,
    RowProblem,
    content_id,
    parse_mapping,
    read_ads,
)
from tests.conftest import FIXTURES

IMPORTS = FIXTURES / "imports"
#: The Indeed London 2020 columns, as the corpus import names them (the fixture has its schema).
INDEED_MAP = parse_mapping(
    [*next(f for f in corpus_files() if f.source == "indeed_london_2020").mapping]
)


def test_jobspy_fields_and_structured_salary():
    ads = list(read_ads(IMPORTS / "jobspy_small.csv", "jobspy"))
    assert len(ads) == 3
    first = ads[0]
    assert first["source"] == "jobspy"
    assert first["source_id"] == "in-1a2b3c4d5e6f7a8b"
    assert first["url"] == "https://uk.indeed.com/viewjob?jk=1a2b3c4d5e6f7a8b"
    assert first["location_raw"] == "Manchester, ENG, GB"
    assert (first["salary_min_raw"], first["salary_max_raw"]) == ("55000.0", "70000.0")
    assert (first["salary_period_raw"], first["salary_currency_raw"]) == ("yearly", "GBP")
    assert first["posted_raw"] == "2026-01-20"
    assert first["raw"]["site"] == "indeed"
    assert ads[1]["workplace_raw"] == "remote"
    assert "salary_min_raw" not in ads[1]


def test_adzuna_kaggle_keeps_salary_raw_not_adzunas_estimate():
    ads = list(read_ads(IMPORTS / "adzuna_small.csv", "adzuna-kaggle"))
    assert [a["source_id"] for a in ads] == ["70000001", "70000002"]
    assert ads[0]["salary_raw"] == "25000 - 30000/annum"
    assert ads[0]["location_raw"] == "Bristol, Avon"
    assert ads[0]["employment_type_raw"] == "permanent"
    assert ads[1]["employment_type_raw"] == "full_time permanent"
    assert "salary_min_raw" not in ads[0]
    assert ads[0]["raw"]["SalaryNormalized"] == "27500"


def test_scrapy_json_lines_joins_text_nodes_and_reports_bad_lines():
    records = list(read_ads(IMPORTS / "reed_small.jl", "scrapy-json"))
    ads = [r for r in records if not isinstance(r, RowProblem)]
    problems = [str(r) for r in records if isinstance(r, RowProblem)]
    assert len(ads) == 2
    first = ads[0]
    assert first["source"] == "reed_small"
    assert first["source_id"] == "https://www.reed.co.uk/jobs/machine-learning-engineer/40000001"
    assert first["location_raw"] == "Cambridge , Cambridgeshire"  # repeated block kept once
    assert first["salary_raw"] == "£50,000 - £60,000 per annum"
    assert first["description"] == "We are looking for an ML engineer.\nPython, TensorFlow and AWS."
    assert first["posted_raw"] == "Posted 3 days ago by Zeta AI"
    assert problems[0].startswith("line 3: invalid JSON")
    assert problems[1] == "line 4: no title"


def test_csv_with_mapping_and_no_id_uses_content_hash():
    records = list(read_ads(IMPORTS / "mapped_no_id.csv", "csv", "indeed", INDEED_MAP))
    ads = [r for r in records if not isinstance(r, RowProblem)]
    problems = [r for r in records if isinstance(r, RowProblem)]
    assert len(ads) == 4
    # The same ad found by two searches: whitespace differs, the id does not.
    assert ads[0]["source_id"] == ads[1]["source_id"]
    assert ads[0]["source_id"] == content_id(
        "Data Scientist", "Theta Labs", "London", "Data Scientist join team building models"
    )
    assert len({a["source_id"] for a in ads}) == 3
    assert ads[2]["salary_min_raw"] == "450.0" and ads[2]["salary_period_raw"] == "D"
    assert "salary_min_raw" not in ads[3]
    assert [str(p) for p in problems] == ["row 5 (line 6): expected 8 columns, found 9"]


def test_csv_reads_common_names_without_mapping():
    [ad] = read_ads(IMPORTS / "common_names.csv", "csv")
    assert ad["source"] == "common_names"
    assert ad["source_id"] == "r-1"
    assert ad["url"] == "https://example.org/jobs/1"
    assert (ad["title"], ad["company"], ad["salary_raw"]) == (
        "AI Engineer",
        "Lambda Ltd",
        "£70k - £80k",
    )
    assert ad["posted_raw"] == "2026-02-01"


def test_wrong_format_is_a_file_error(tmp_path):
    with pytest.raises(ImportFileError, match="missing columns"):
        list(read_ads(IMPORTS / "common_names.csv", "jobspy"))
    broken = tmp_path / "broken.json"
    broken.write_text('[{"title": "x"', encoding="utf-8")
    with pytest.raises(ImportFileError, match="not valid JSON"):
        list(read_ads(broken, "scrapy-json"))


def test_mapped_column_missing_from_header_is_a_file_error():
    typo = parse_mapping(["title=job_title", "location=job_locaton"])
    with pytest.raises(ImportFileError, match=r"missing columns \['job_locaton'\]"):
        list(read_ads(IMPORTS / "mapped_no_id.csv", "csv", "indeed", typo))


def test_mapping_for_a_fixed_format_is_refused():
    with pytest.raises(ValueError, match="--map applies to the csv and scrapy-json"):
        list(read_ads(IMPORTS / "jobspy_small.csv", "jobspy", None, {"title": "x"}))


def test_json_mapping_no_record_holds_is_reported_last():
    records = list(
        read_ads(IMPORTS / "reed_small.jl", "scrapy-json", None, parse_mapping(["salary=pay_text"]))
    )
    assert str(records[-1]) == "--map: no record has the key(s) ['pay_text']"


@pytest.mark.parametrize(
    "pairs, message",
    [
        (["title"], "expected FIELD=COLUMN"),
        (["salary_midpoint=x"], "FIELD must be one of"),
    ],
)
def test_bad_mapping(pairs, message):
    with pytest.raises(ValueError, match=message):
        parse_mapping(pairs)
