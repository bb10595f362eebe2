"""The SQL views of db/views.py against the same hand-computed figures."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.figures import MIN_COUNT, summarize
from db.views import ensure_views, view_names
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
        82_000,
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
    st.lists(st.integers(min_value=20_000, max_value=20_020), min_size=1, max_size=40),
    st.lists(st.integers(min_value=400, max_value=405), max_size=15),
)
def test_view_figures_equal_python_summary(salaries, day_rates):
    # narrow ranges: many ties, and medians and means ending in .5 (the rounding rule matters)
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
    # the views round as db.figures does: the same whole pounds, not merely close
    expected = summarize(np.array(salaries, dtype=float), MIN_COUNT)
    assert {key: row[key] for key in expected} == expected
    rates = summarize(np.array(day_rates, dtype=float), MIN_COUNT)
    assert (row["day_rate_median"], row["day_rate_p10"], row["day_rate_p90"]) == (
        rates["median"],
        rates["p10"],
        rates["p90"],
    )
