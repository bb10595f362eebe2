"""Benchmark figures against values computed by hand on a small fixture database."""

from __future__ import annotations

import pytest
import sqlite_utils

from db.benchmarks import benchmarks, percentile, summarize
from db.schema import ensure_schema
from db.store import upsert_ads


def _ad(
    n: int,
    city: str | None,
    annual: float | None,
    *,
    role: str = "ml_engineer",
    is_ml: bool = True,
    is_uk: bool | None = True,
    employment: str | None = "permanent",
    day_rate: float | None = None,
    skills: tuple[str, ...] = (),
) -> dict:
    return {
        "source": "fx",
        "source_id": str(n),
        "title": f"ad {n}",
        "city": city,
        "region": "London" if city == "London" else None,
        "role": role,
        "is_ml": is_ml,
        "is_uk": is_uk,
        "employment_type": employment,
        "salary_annual_mid": annual,
        "day_rate_mid": day_rate,
        "skills": list(skills),
    }


@pytest.fixture
def db() -> sqlite_utils.Database:
    database = sqlite_utils.Database(memory=True)
    ensure_schema(database)
    london = [40_000, 50_000, 60_000, 70_000, 80_000]
    ads = [_ad(i, "London", s, skills=("Python",) if i < 3 else ()) for i, s in enumerate(london)]
    ads += [
        _ad(10, "London", None),  # no salary: counts as an ad only
        _ad(11, "London", 999_999, employment="contract", day_rate=600),  # contract: day rate
        _ad(12, "London", 30_000, is_ml=False, role="other"),  # not ML: --all-ads only
        _ad(13, "Leeds", 45_000),
        _ad(14, "London", 500_000, is_uk=False),  # a "London" abroad: never counted
        _ad(15, None, 55_000, is_uk=None),  # unknown place: its own group
    ]
    upsert_ads(database, ads)
    return database


def test_percentile_type7_by_hand():
    values = [40_000, 50_000, 60_000, 70_000, 80_000]
    # position = (n - 1) * q: 0.4 -> 40k + 0.4 * 10k
    assert percentile(values, 10) == pytest.approx(44_000)
    assert percentile(values, 25) == pytest.approx(50_000)
    assert percentile(values, 50) == pytest.approx(60_000)
    assert percentile(values, 90) == pytest.approx(76_000)
    assert percentile([7.0], 90) == 7.0
    with pytest.raises(ValueError):
        percentile([], 50)


def test_city_benchmarks_by_hand(db):
    rows = {r["group"]: r for r in benchmarks(db, "city", min_count=3)}
    london = rows["London"]
    assert (london["ads"], london["salaries"]) == (7, 5)
    assert (london["p10"], london["p25"], london["median"], london["p75"], london["p90"]) == (
        44_000,
        50_000,
        60_000,
        70_000,
        76_000,
    )
    assert london["mean"] == 60_000
    assert (london["day_rates"], london["day_rate_median"]) == (1, None)  # 1 < min_count
    leeds = rows["Leeds"]
    assert (leeds["ads"], leeds["salaries"], leeds["median"]) == (1, 1, None)
    assert leeds["note"] == "too few salaries to benchmark (1 < 3)"
    assert rows[None]["ads"] == 1
    assert list(rows) == ["London", "Leeds", None]  # most ads first, then by name


def test_all_ads_adds_non_ml_and_never_non_uk(db):
    london = {r["group"]: r for r in benchmarks(db, "city", all_ads=True, min_count=3)}["London"]
    assert (london["ads"], london["salaries"]) == (8, 6)
    assert london["median"] == 55_000  # 30k..80k: mean of 50k and 60k


def test_too_few_is_said_not_figured(db):
    rows = benchmarks(db, "city")  # default minimum 10
    assert all(r["median"] is None and r["p90"] is None for r in rows)
    assert all(r["note"].startswith("too few salaries") for r in rows)


def test_by_skill_and_role(db):
    skills = {r["group"]: r for r in benchmarks(db, "skill", min_count=3)}
    assert skills["Python"]["salaries"] == 3 and skills["Python"]["median"] == 50_000
    roles = {r["group"]: r for r in benchmarks(db, "role", min_count=3)}
    assert roles["ml_engineer"]["ads"] == 9


def test_unknown_grouping():
    with pytest.raises(ValueError, match="cannot group by"):
        benchmarks(sqlite_utils.Database(memory=True), "planet")


def test_summarize_rounds_and_respects_minimum():
    assert summarize([1.4, 2.6], min_count=2)["median"] == 2
    assert summarize([1.0], min_count=2) == dict.fromkeys(
        ["median", "mean", "p10", "p25", "p75", "p90"]
    )
