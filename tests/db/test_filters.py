"""db.filters: each filter, the errors, and benchmarks of a filtered population against the
same figures computed by hand in SQL over the views."""

from __future__ import annotations

import io
import math
import random

import pytest
import sqlite_utils

from db.benchmarks import ROW_KEYS, benchmarks
from db.filters import FilterError, Filters
from report.safety import write_csv
from tests.report.conftest import make_db

CITIES = {"London": "London", "Leeds": "Yorkshire and The Humber", "Bristol": "South West"}


def _ads() -> list[dict]:
    """60 ML ads over three cities, two roles, three seniorities, three sources, dates in
    2024-2025 (every tenth undated), salaries with ties; plus a non-ML and a non-UK ad."""
    rng = random.Random(9)
    ads = []
    for i in range(60):
        city = list(CITIES)[i % 3]
        ads.append(
            {
                "source": ("reed", "adzuna", "greenhouse")[i % 3 if i % 2 else (i + 1) % 3],
                "source_id": str(i),
                "title": f"ad {i}",
                "company": f"Co {i % 7}",
                "city": city,
                "region": CITIES[city],
                "role": "ml_engineer" if i % 4 else "data_scientist",
                "seniority": ("senior", "mid", None)[i % 3 if i % 5 else 0],
                "is_ml": True,
                "is_uk": True,
                "employment_type": "contract" if i % 11 == 0 else "permanent",
                "salary_annual_mid": None
                if i % 7 == 6
                else float(rng.choice(range(40, 90, 5))) * 1000,
                "day_rate_mid": 500.0 if i % 11 == 0 else None,
                "posted_at": None if i % 10 == 9 else f"{2024 + i % 2}-{1 + i % 12:02d}-15",
                "skills": ["Python", "PyTorch"] if i % 2 else ["SQL"],
            }
        )
    ads.append({**ads[1], "source_id": "non-ml", "is_ml": False, "role": "other"})  # Leeds
    ads.append({**ads[1], "source_id": "abroad", "is_uk": False})
    return ads


@pytest.fixture(scope="module")
def db() -> sqlite_utils.Database:
    return make_db(_ads())  # first_seen of every ad: 2025-03-01


def _ids(db, filters: Filters, population: str = "ml_ads") -> set[str]:
    condition, params = filters.where("a")
    sql = f"SELECT a.id FROM {population} a" + (f" WHERE {condition}" if condition else "")
    return {r[0] for r in db.execute(sql, params)}


def _expected(db, where: str, params=()) -> set[str]:
    return {r[0] for r in db.execute(f"SELECT id FROM ml_ads WHERE {where}", params)}


def _type7(values: list[float], q: int) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def test_benchmarks_by_city_for_ml_engineers_equal_hand_sql(db):
    rows = benchmarks(db, "city", filters=Filters(roles=("ml_engineer",)), min_count=5)
    assert [r["group"] for r in rows] == ["Bristol", "Leeds", "London"]  # 15 ads each: by name
    for row in rows:
        (ads, salaries) = db.execute(
            "SELECT count(*), count(salary) FROM ml_ads WHERE role = 'ml_engineer' AND city = ?",
            [row["group"]],
        ).fetchone()
        values = [
            r[0]
            for r in db.execute(
                "SELECT salary FROM ml_ads WHERE role = 'ml_engineer' AND city = ? "
                "AND salary IS NOT NULL",
                [row["group"]],
            )
        ]
        assert (row["ads"], row["salaries"]) == (ads, salaries) == (15, len(values))
        assert row["median"] == round(_type7(values, 50))
        assert (row["p10"], row["p25"], row["p75"], row["p90"]) == tuple(
            round(_type7(values, q)) for q in (10, 25, 75, 90)
        )
        assert row["mean"] == round(sum(values) / len(values))
        # and the benchmark view of the same cells (bench_city_role, min_count 10) agrees
        view = db.execute(
            "SELECT ads, salaries, median, p10, p90 FROM bench_city_role WHERE grp = ?",
            [f"{row['group']} / ml_engineer"],
        ).fetchone()
        assert view == (row["ads"], row["salaries"], row["median"], row["p10"], row["p90"])


def test_each_filter_selects_by_hand(db):
    cases = [
        (Filters(roles=("data_scientist",)), "role = 'data_scientist'"),
        (Filters(seniorities=("SENIOR", "mid")), "seniority IN ('senior', 'mid')"),
        (Filters(cities=("leeds",)), "city = 'Leeds'"),  # any case
        (Filters(regions=("south west",)), "region = 'South West'"),
        (
            Filters(skills=("pytorch",)),
            "id IN (SELECT ad_id FROM ad_skills WHERE skill = 'PyTorch')",
        ),
        (Filters(sources=("reed", "adzuna")), "source IN ('reed', 'adzuna')"),
        # undated ads are dated by first_seen (2025-03-01)
        (
            Filters(since="2025-03-01"),
            "coalesce(posted_at, '2025-03-01') >= '2025-03-01'",
        ),
        (Filters(until="2024-06-15"), "posted_at <= '2024-06-15'"),
        (
            Filters(roles=("ml_engineer",), cities=("London", "Bristol"), since="2025-01-01"),
            "role = 'ml_engineer' AND city IN ('London', 'Bristol') "
            "AND coalesce(posted_at, '2025-03-01') >= '2025-01-01'",
        ),
    ]
    for filters, where in cases:
        expected = _expected(db, where)
        assert 0 < len(expected) < 60, where  # each case really narrows
        assert _ids(db, filters) == expected, where
    assert _ids(db, Filters()) == _expected(db, "1")
    assert not Filters() and Filters(cities=("Leeds",))


def test_filters_narrow_the_all_ads_population_too(db):
    everyone = benchmarks(db, "role", all_ads=True, filters=Filters(cities=("Leeds",)))
    assert {r["group"]: r["ads"] for r in everyone} == {
        "ml_engineer": 15,
        "data_scientist": 5,
        "other": 1,
    }


def test_values_are_parameters_not_sql(db):
    hostile = "London' OR '1'='1"
    assert _ids(db, Filters(cities=(hostile,))) == set()
    condition, params = Filters(cities=(hostile,), skills=("x'); DROP TABLE ads; --",)).where("a")
    assert hostile not in condition and "DROP" not in condition
    assert params == [hostile, "x'); DROP TABLE ads; --"]
    assert db["ads"].count == 62


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"roles": ("ml_enginer",)}, "unknown role 'ml_enginer' (did you mean 'ml_engineer'?); "),
        ({"seniorities": ("junior",)}, "unknown seniority 'junior'"),
        ({"regions": ("Yorkshire",)}, "unknown region 'Yorkshire'"),
        ({"since": "15/03/2025"}, "since '15/03/2025' is not a date"),
        ({"since": "2025-02-01", "until": "2025-01-01"}, "since 2025-02-01 is after until"),
        ({"cities": ("",)}, "cities: every value must be a non-empty name"),
    ],
)
def test_bad_filters_are_clear_errors(kwargs, message):
    with pytest.raises(FilterError) as error:
        Filters(**kwargs)
    assert message in str(error.value)


def test_unknown_names_list_the_valid_ones():
    with pytest.raises(FilterError) as error:
        Filters(roles=("wizard",))
    assert str(error.value).endswith(
        "valid names: ml_engineer, data_scientist, research_scientist, research_engineer, "
        "mlops_engineer, ai_engineer, computer_vision_engineer, nlp_engineer, data_engineer, "
        "ml_manager, other"
    )
    with pytest.raises(
        FilterError, match="valid names: North East, North West, .*Northern Ireland$"
    ):
        Filters(regions=("Mars",))
    with pytest.raises(
        FilterError, match="valid names: intern, entry, mid, senior, lead, principal, executive$"
    ):
        Filters(seniorities=("guru",))


def test_canonical_values_describe_and_json():
    f = Filters(roles="ML_Engineer", regions=["london", "London"], since="2025-01-02")
    assert f.roles == ("ml_engineer",) and f.regions == ("London",)
    assert f.describe() == "role ml_engineer; ITL1 region London; posted on or after 2025-01-02"
    assert f.as_dict() == {"roles": ["ml_engineer"], "regions": ["London"], "since": "2025-01-02"}


def test_csv_of_benchmark_rows(db):
    rows = benchmarks(db, "city", filters=Filters(roles=("data_scientist",)), min_count=100)
    buffer = io.StringIO()
    write_csv(rows, ROW_KEYS, buffer)  # the one CSV writer of exports (report.safety)
    text = buffer.getvalue()
    lines = text.splitlines()
    assert lines[0] == (
        "group,vacancies,postings,ads,salaries,median,mean,p10,p25,p75,p90,day_rates,"
        "day_rate_median,day_rate_p10,day_rate_p90,note"
    )
    assert lines[1] == "Bristol,5,5,5,3,,,,,,,1,,,,too few salaries to benchmark (3 < 100)"
    assert len(lines) == 4
