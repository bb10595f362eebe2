"""The SQL views of db/views.py against the same hand-computed figures."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.benchmarks import MIN_COUNT
from db.views import ensure_views, view_names
from report.stats import summarize
from tests.report.conftest import make_db


@pytest.fixture
def db(report_db):
    ensure_views(report_db)
    return report_db


def rows(db, view):
    return {
        r.get("grp", r.get("city", r.get("source"))): r for r in db.query(f"SELECT * FROM {view}")
    }


def test_every_view_exists_and_reads(db):
    assert set(view_names()) <= set(db.view_names())
    for name in view_names():
        list(db.query(f"SELECT * FROM {name}"))
    ensure_views(db)  # idempotent


def test_bench_uk_by_hand(db):
    # 10 UK salaries (see test_build): exactly MIN_COUNT (10), so figures are shown
    uk = rows(db, "bench_uk")["UK"]
    assert (uk["ads"], uk["salaries"], uk["employers"], uk["disclosure_rate"]) == (
        14,
        10,
        7,
        round(10 / 14, 4),
    )
    assert (uk["median"], uk["p10"], uk["p25"], uk["p75"], uk["p90"], uk["mean"]) == (
        57_500,
        44_500,
        50_000,
        68_750,
        pytest.approx(82_000),
        61_500,
    )
    assert uk["day_rates"] == 1 and uk["day_rate_median"] is None


def test_too_few_rule_in_views(db):
    london = rows(db, "bench_city")["London"]
    assert (london["ads"], london["salaries"], london["disclosure_rate"]) == (8, 5, 0.625)
    assert london["median"] is None and london["p90"] is None  # 5 < 10


def test_experience_band_view_matches_normalizer_rule(db):
    from normalize.experience import Experience, experience_band

    for row in db.query(
        "SELECT a.experience_min_years AS lo, a.experience_max_years AS hi, "
        "u.experience_band AS band FROM ads a JOIN uk_ads u ON u.id = a.id"
    ):
        expected = (
            None
            if row["lo"] is None and row["hi"] is None
            else experience_band(Experience(row["lo"], row["hi"]))
        )
        assert row["band"] == expected


def test_skill_and_premium_views(db):
    python = rows(db, "bench_skill")["Python"]
    assert (python["ads"], python["share_of_ads"]) == (9, round(9 / 14, 4))
    assert list(db.query("SELECT * FROM bench_hub_premium")) == []  # no city has 10 salaries
    assert rows(db, "bench_source")["fx"]["ads"] == 14


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.integers(min_value=10_000, max_value=300_000), min_size=1, max_size=40),
    st.lists(st.integers(min_value=100, max_value=2_000), max_size=15),
)
def test_view_percentiles_equal_numpy_type7(salaries, day_rates):
    db = make_db(
        [
            {
                "source": "p",
                "source_id": f"s{i}",
                "title": "t",
                "role": "ml_engineer",
                "is_ml": True,
                "is_uk": True,
                "city": "Leeds",
                "salary_annual_mid": float(v),
            }
            for i, v in enumerate(salaries)
        ]
        + [
            {
                "source": "p",
                "source_id": f"d{i}",
                "title": "t",
                "role": "ml_engineer",
                "is_ml": True,
                "is_uk": True,
                "city": "Leeds",
                "employment_type": "contract",
                "day_rate_mid": float(v),
            }
            for i, v in enumerate(day_rates)
        ]
    )
    ensure_views(db)
    row = rows(db, "bench_city")["Leeds"]
    expected = summarize(np.array(salaries, dtype=float), MIN_COUNT)
    for key in ("median", "mean", "p10", "p25", "p75", "p90"):
        if expected[key] is None:
            assert row[key] is None
        else:
            assert row[key] == pytest.approx(expected[key], abs=0.01)
    rates = summarize(np.array(day_rates, dtype=float), MIN_COUNT)
    assert row["day_rate_median"] == (
        None if rates["median"] is None else pytest.approx(rates["median"], abs=0.01)
    )
