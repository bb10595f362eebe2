"""The report's UK-excluding-London cells, rankings, role x city pages and filtered reports,
against tests/fixtures/report/ads.json by hand (see test_build.py for the fixture's ads).

min_count is 3. UK ML ads outside the ITL1 region London: M1-M4 (Manchester), E1
(Edinburgh), U1 (no place) = 6 ads; salaries 40 45 50 55 65 (thousands): median 50, mean 51,
p10 at position 0.4 -> 42, p90 at 3.6 -> 61.
"""

from __future__ import annotations

import pytest

from db.filters import FilterError, Filters
from report.build import ReportSettings, build_report, cell_index

SETTINGS = ReportSettings(min_count=3)


@pytest.fixture(scope="module")
def report():
    from tests.report.conftest import fixture_ads, make_db

    return build_report(make_db(fixture_ads()), SETTINGS)


def _count(row) -> int:
    """The count a row's query must return: its salaries when the query asks for them."""
    return row["salaries"] if "salary IS NOT NULL" in row["query"]["sql"] else row["ads"]


def _walk_queries(node, found):
    """Every dict with a ``query`` and an ``ads`` count, anywhere in the report."""
    if isinstance(node, dict):
        if isinstance(node.get("query"), dict) and isinstance(node.get("ads"), int):
            found.append(node)
        for value in node.values():
            _walk_queries(value, found)
    elif isinstance(node, list):
        for value in node:
            _walk_queries(value, found)
    return found


def test_uk_excluding_london_by_hand(report):
    cells = cell_index(report)
    outside = cells["uk_ex_london:UK excluding London|all"]
    assert (outside["ads"], outside["salaries"], outside["employers"]) == (6, 5, 3)
    s = outside["salary"]
    assert (s["median"], s["mean"], s["p10"], s["p90"]) == (50_000, 51_000, 42_000, 61_000)
    # ML engineers outside London: M1-M4, salaries 40 45 50: median 45
    ml = cells["uk_ex_london:UK excluding London|ml_engineer"]
    assert (ml["ads"], ml["salaries"], ml["salary"]["median"]) == (4, 3, 45_000)
    # the cells of the older kinds keep their places: UK first, the new kind last
    assert report["cells"][0]["key"] == "uk:UK|all"
    assert {c["kind"] for c in report["cells"][-3:]} == {"uk_ex_london"}


def test_role_rankings_with_change_on_a_year_before(report):
    r = report["rankings"]
    # latest month 2025-02; 6 months 2024-09..2025-02 hold L1-L7, I1; a year before
    # (2023-09..2024-02) holds M1-M4 and E1
    assert (r["period"], r["previous_period"], r["spans_year"], r["ads"]) == (
        "2024-09 to 2025-02",
        "2023-09 to 2024-02",
        True,
        8,
    )
    roles = {row["role"]: row for row in r["roles"]}
    ml, ds = roles["ml_engineer"], roles["data_scientist"]
    assert (ml["ads"], ml["rank"], ml["ads_before"], ml["rank_before"], ml["rank_change"]) == (
        6,
        1,
        4,
        1,
        0,
    )
    assert (ds["ads"], ds["rank"], ds["ads_before"], ds["rank_before"]) == (2, 2, 1, 2)
    # salaries of L1-L4 (50 60 80 100): L5 has none, I1 is an internship (no base salary)
    assert (ml["share"], ml["salaries"], ml["median"]) == (0.75, 4, 70_000)


def test_skill_rankings_count_the_period(report):
    skills = report["rankings"]["skills"]
    assert skills == sorted(skills, key=lambda row: (-row["ads"], row["skill"]))
    for row in skills:
        assert row["rank"] == 1 + sum(other["ads"] > row["ads"] for other in skills)


def test_every_linked_count_is_what_its_query_returns(report_db, report):
    rows = _walk_queries(report, [])
    assert len(rows) > 100
    for row in rows:
        if "note" in row["query"]:  # a trend: per month, checked in test_build
            continue
        found = list(report_db.query(row["query"]["sql"], row["query"]["params"]))
        assert len(found) == _count(row), row["query"]


def test_role_city_pages_where_enough_salaries(report):
    pages = report["pages"]["role_cities"]
    # London ML engineers: 4 salaries; Manchester ML engineers: 3; London data scientists: 1
    assert sorted(pages) == ["ml_engineer|London", "ml_engineer|Manchester"]
    london = pages["ml_engineer|London"]
    assert (london["role"], london["city"]) == ("ml_engineer", "London")
    assert sum(m["ads"] for m in london["trend"]["months"]) == 6  # L1-L5 and I1, all dated


def test_filtered_report_covers_only_the_selection(report_db):
    filtered = build_report(
        report_db, SETTINGS, Filters(roles=("ml_engineer",), regions=("north west",))
    )
    cells = cell_index(filtered)
    uk = cells["uk:UK|all"]
    assert (uk["ads"], uk["salaries"], uk["salary"]["median"]) == (4, 3, 45_000)  # M1-M4
    assert set(filtered["pages"]["cities"]) == {"Manchester"}
    assert filtered["filters"] == {"roles": ["ml_engineer"], "regions": ["North West"]}
    totals = filtered["provenance"]["totals"]
    assert (totals["ml_ads"], totals["selected_ads"]) == (14, 4)
    assert (
        "selected by: role ml_engineer; ITL1 region North West"
        in (filtered["provenance"]["population"])
    )
    for row in _walk_queries(filtered, []):
        if "note" in row["query"]:
            continue
        found = list(report_db.query(row["query"]["sql"], row["query"]["params"]))
        assert len(found) == _count(row), row["query"]
    trend = filtered["pages"]["uk"]["trend"]
    found = report_db.query(trend["query"]["sql"], [*trend["query"]["params"], "2024-02"])
    assert len(list(found)) == 4


def test_unfiltered_report_says_no_filters(report):
    assert report["filters"] == {}
    assert "selected_ads" not in report["provenance"]["totals"]


def test_bad_filter_is_an_error_before_any_work(report_db):
    with pytest.raises(FilterError, match="unknown seniority 'junior'"):
        build_report(report_db, SETTINGS, Filters(seniorities=("junior",)))


def test_same_report_whatever_the_hash_seed(tmp_path):
    # ties (top lists, page order) were once broken by set order, i.e. by string hashing
    import json
    import os
    import subprocess
    import sys

    from tests.report.conftest import fixture_ads, make_db

    path = tmp_path / "m.db"
    make_db(fixture_ads(), path).conn.close()
    script = (
        "import json, sys, sqlite_utils\n"
        "from report.build import ReportSettings, build_report\n"
        f"r = build_report(sqlite_utils.Database({str(path)!r}), ReportSettings(min_count=3))\n"
        "print(json.dumps(r, default=str))\n"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        outputs.append(json.loads(run.stdout))
    assert outputs[0] == outputs[1]
    assert list(outputs[0]["pages"]["cities"]) == ["Edinburgh", "London", "Manchester"]
