"""The SQL views of db/views.py against the same hand-computed figures."""

from __future__ import annotations

import pytest

from db.views import ensure_views, view_names


@pytest.fixture
def db(report_db):
    ensure_views(report_db)
    return report_db


def rows(db, view):
    return {r.get("grp", r.get("city", r.get("source"))): r
            for r in db.query(f"SELECT * FROM {view}")}


def test_every_view_exists_and_reads(db):
    assert set(view_names()) <= set(db.view_names())
    for name in view_names():
        list(db.query(f"SELECT * FROM {name}"))
    ensure_views(db)  # idempotent


def test_bench_uk_by_hand(db):
    # 10 UK salaries (see test_build): exactly MIN_COUNT (10), so figures are shown
    uk = rows(db, "bench_uk")["UK"]
    assert (uk["ads"], uk["salaries"], uk["employers"], uk["disclosure_rate"]) == (
        14, 10, 7, round(10 / 14, 4))
    assert (uk["median"], uk["p10"], uk["p25"], uk["p75"], uk["p90"], uk["mean"]) == (
        57_500, 44_500, 50_000, 68_750, pytest.approx(82_000), 61_500)
    assert uk["day_rates"] == 1 and uk["day_rate_median"] is None


def test_too_few_rule_in_views(db):
    london = rows(db, "bench_city")["London"]
    assert (london["ads"], london["salaries"], london["disclosure_rate"]) == (8, 5, 0.625)
    assert london["median"] is None and london["p90"] is None  # 5 < 10


def test_experience_band_view_matches_normalizer_rule(db):
    from normalize.experience import Experience, experience_band

    for row in db.query("SELECT a.experience_min_years AS lo, a.experience_max_years AS hi, "
                        "u.experience_band AS band FROM ads a JOIN uk_ads u ON u.id = a.id"):
        expected = None if row["lo"] is None and row["hi"] is None else experience_band(
            Experience(row["lo"], row["hi"]))
        assert row["band"] == expected


def test_skill_and_premium_views(db):
    python = rows(db, "bench_skill")["Python"]
    assert (python["ads"], python["share_of_ads"]) == (9, round(9 / 14, 4))
    assert list(db.query("SELECT * FROM bench_hub_premium")) == []  # no city has 10 salaries
    assert rows(db, "bench_source")["fx"]["ads"] == 14
