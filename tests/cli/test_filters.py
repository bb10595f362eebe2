"""``mljobs benchmarks``/``report`` filter options: the CLI answers "what does a senior ML
engineer earn, city by city?" with the library's figures, and names valid values on a typo."""

from __future__ import annotations

import csv
import io
import json

import pytest

from db.benchmarks import benchmarks
from db.filters import Filters
from tests.db.test_filters import _ads
from tests.report.conftest import make_db
from tests.utils import mljobs


@pytest.fixture(scope="module")
def db_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("filters") / "mljobs.db"
    make_db(_ads(), path).conn.close()
    return path


def _by_hand(db_file, min_count=10, **filters):
    from db.schema import open_db

    db = open_db(str(db_file))
    return benchmarks(db, "city", min_count=min_count, filters=Filters(**filters))


def test_role_and_seniority_select_the_same_ads_as_the_library(db_file):
    out = mljobs(
        "benchmarks", "--by", "city", "--role", "ml_engineer", "--seniority", "senior",
        "--json", "--min-count", "3", db=db_file,
    )  # fmt: skip
    rows = json.loads(out.stdout)
    expected = _by_hand(db_file, 3, roles=("ml_engineer",), seniorities=("senior",))
    assert rows == json.loads(json.dumps(expected))
    assert sum(r["ads"] for r in rows) < sum(
        r["ads"]
        for r in json.loads(mljobs("benchmarks", "--by", "city", "--json", db=db_file).stdout)
    )


@pytest.mark.parametrize(
    "args, filters",
    [
        (("--city", "leeds", "--city", "Bristol"), {"cities": ("leeds", "Bristol")}),
        (("--region", "South West"), {"regions": ("South West",)}),
        (("--skill", "PyTorch"), {"skills": ("PyTorch",)}),
        (("--source", "reed"), {"sources": ("reed",)}),
        (("--since", "2025-01-01", "--until", "2025-06-30"),
         {"since": "2025-01-01", "until": "2025-06-30"}),
    ],
)  # fmt: skip
def test_each_filter_reaches_the_library(db_file, args, filters):
    rows = json.loads(mljobs("benchmarks", "--by", "city", "--json", *args, db=db_file).stdout)
    assert rows == json.loads(json.dumps(_by_hand(db_file, **filters)))
    assert rows  # the fixture has ads in every slice asked for


def test_unknown_role_is_a_usage_error_listing_valid_names(db_file):
    result = mljobs("benchmarks", "--by", "city", "--role", "ml_enginer", db=db_file, check=False)
    assert result.returncode == 2
    assert "unknown role 'ml_enginer'" in result.stderr
    assert "ml_engineer" in result.stderr and "data_scientist" in result.stderr
    assert "Traceback" not in result.stderr


def test_csv_output(db_file):
    text = mljobs("benchmarks", "--by", "role", "--csv", db=db_file).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["group"] for r in rows} == {"ml_engineer", "data_scientist"}
    assert sum(int(r["ads"]) for r in rows) == 60


def test_report_of_a_slice(db_file, tmp_path):
    out = tmp_path / "site"
    mljobs("report", "--out", str(out), "--no-charts", "--role", "data_scientist", db=db_file)
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["cells"][0]["ads"] == 15  # every fourth of the 60 ML ads
