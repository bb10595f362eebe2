"""Report figures against values computed by hand on tests/fixtures/report/ads.json.

The fixture's UK ML population (is_uk not false, is_ml): L1-L7, I1, M1-M4, E1, U1 = 14 ads.
X1 (abroad) and N1 (not ML) never count; I1 is an internship, so its salary is not a base
salary figure. min_count is 3 throughout, so hand arithmetic stays short.
"""

from __future__ import annotations

import json
import math

import pytest

from db.benchmarks import benchmarks
from report.build import ReportSettings, build_report, cell_index

SETTINGS = ReportSettings(min_count=3)


@pytest.fixture
def report(report_db):
    return build_report(report_db, SETTINGS)


@pytest.fixture
def cells(report):
    return cell_index(report)


# UK salaries (GBP/year), sorted: 40 45 50 50 55 60 65 70 80 100 (thousands), n = 10.
# type 7: position (n-1)q/100. median: pos 4.5 -> (55+60)/2 = 57.5; p10: pos 0.9 -> 40+0.9*5
# = 44.5; p25: pos 2.25 -> 50; p75: pos 6.75 -> 65+0.75*5 = 68.75; p90: pos 8.1 -> 80+0.1*20
# = 82; mean 615/10 = 61.5.
# London (L1-L7, I1 = 8 ads), salaries 50 60 70 80 100: median 70; p10 pos 0.4 -> 54;
# p25 60; p75 80; p90 pos 3.6 -> 92; mean 72.
CELL_CASES = [
    (
        "uk:UK|all",
        14,
        10,
        round(10 / 14, 4),
        7,
        {
            "median": 57_500,
            "mean": 61_500,
            "p10": 44_500,
            "p25": 50_000,
            "p75": 68_750,
            "p90": 82_000,
        },
    ),
    (
        "city:London|all",
        8,
        5,
        0.625,
        5,
        {
            "median": 70_000,
            "mean": 72_000,
            "p10": 54_000,
            "p25": 60_000,
            "p75": 80_000,
            "p90": 92_000,
        },
    ),
    # Manchester: 4 ads, salaries 40 45 50: median 45; p10 pos 0.2 -> 41; p25 pos 0.5 -> 42.5
    (
        "city:Manchester|all",
        4,
        3,
        0.75,
        2,
        {
            "median": 45_000,
            "mean": 45_000,
            "p10": 41_000,
            "p25": 42_500,
            "p75": 47_500,
            "p90": 49_000,
        },
    ),
    # London ML engineers: L1-L5, I1 = 6 ads; salaries 50 60 80 100: median 70;
    # p10 pos 0.3 -> 53; p25 pos 0.75 -> 57.5; p75 pos 2.25 -> 85; p90 pos 2.7 -> 94.
    (
        "city:London|ml_engineer",
        6,
        4,
        round(4 / 6, 4),
        4,
        {
            "median": 70_000,
            "mean": 72_500,
            "p10": 53_000,
            "p25": 57_500,
            "p75": 85_000,
            "p90": 94_000,
        },
    ),
    # UK data scientists: L6, L7, E1, U1 = 4 ads; salaries 55 65 70: median 65
    (
        "uk:UK|data_scientist",
        4,
        3,
        0.75,
        2,
        {
            "median": 65_000,
            "mean": 63_333,  # 190,000 / 3, whole pounds (db.figures.round_money)
            "p10": 57_000,
            "p25": 60_000,
            "p75": 67_500,
            "p90": 69_000,
        },
    ),
    # Scotland / Edinburgh: one ad, one salary: too few for any figure or share
    (
        "region:Scotland|all",
        1,
        1,
        None,
        1,
        {"median": None, "mean": None, "p10": None, "p25": None, "p75": None, "p90": None},
    ),
    (
        "city:Edinburgh|data_scientist",
        1,
        1,
        None,
        1,
        {"median": None, "mean": None, "p10": None, "p25": None, "p75": None, "p90": None},
    ),
]


@pytest.mark.parametrize("key, ads, salaries, disclosure, employers, figures", CELL_CASES)
def test_cell_figures_by_hand(cells, key, ads, salaries, disclosure, employers, figures):
    cell = cells[key]
    assert (cell["ads"], cell["salaries"], cell["disclosure_rate"], cell["employers"]) == (
        ads,
        salaries,
        disclosure,
        employers,
    )
    assert {k: cell["salary"][k] for k in figures} == figures
    assert cell["salary"]["n"] == salaries


def test_too_few_rule(cells):
    scotland = cells["region:Scotland|all"]
    assert scotland["salary"]["ci"] is None and scotland["salary"]["confidence"] is None
    # L7 is the only day rate anywhere: no day-rate figure in any cell
    assert all(c["day_rate"]["median"] is None for c in cells.values())
    assert cells["city:London|all"]["day_rate"]["n"] == 1
    # intern level: I1 has a salary but is an internship -> 0 salaries, no figure
    intern = next(r for r in cells["uk:UK|all"]["seniority"] if r["level"] == "intern")
    assert (intern["ads"], intern["salary"]["n"], intern["salary"]["median"]) == (1, 0, None)


def test_cells_exist_for_every_scope_and_role(cells):
    expected = {"uk:UK|all", "uk:UK|ml_engineer", "uk:UK|data_scientist"}
    for city, region in (
        ("London", "London"),
        ("Manchester", "North West"),
        ("Edinburgh", "Scotland"),
    ):
        expected |= {f"city:{city}|all", f"region:{region}|all"}
    assert expected <= set(cells)
    assert "city:Edinburgh|ml_engineer" not in cells  # no ads, no cell
    assert not any("Abroad" in json.dumps(c) for c in cells.values())


def test_seniority_split_by_hand(cells):
    rows = {r["level"]: r for r in cells["uk:UK|all"]["seniority"]}
    # mid: L4 L5 L6 M3 E1; senior: L1 L2 L3 M1 M2; intern: I1; unstated: L7 M4 U1 (of 14)
    assert {k: (r["ads"], r["share"]) for k, r in rows.items() if r["ads"]} == {
        "mid": (5, round(5 / 14, 4)),
        "senior": (5, round(5 / 14, 4)),
        "intern": (1, round(1 / 14, 4)),
        "unstated": (3, round(3 / 14, 4)),
    }
    # senior salaries 40 50 60 80 100 -> 60; mid salaries 45 50 55 70 -> (50+55)/2
    assert rows["senior"]["salary"]["median"] == 60_000
    assert rows["mid"]["salary"]["median"] == 52_500


def test_experience_ladder_by_hand(cells):
    rows = {r["level"]: r for r in cells["uk:UK|all"]["experience"]}
    # 0-3: L4 (2), M3 (1), M4 ("up to 2"); 3-7: L1 (5), L6 (3), M2 (4); 7+: L2 (8), L3 (10),
    # M1 (7); everyone else states no experience.
    assert {k: r["ads"] for k, r in rows.items()} == {"0-3": 3, "3-7": 3, "7+": 3, "unstated": 5}
    assert rows["0-3"]["salary"]["median"] is None  # 2 salaries (50, 45) < 3
    assert rows["3-7"]["salary"]["median"] == 60_000  # 50 60 70
    assert rows["7+"]["salary"]["median"] == 80_000  # 40 80 100


def test_hub_premiums_by_hand(report):
    rows = {r["city"]: r for r in report["hub_premiums"]["city"]}
    # raw: London median 70,000 / UK median 57,500 - 1; Manchester 45,000 / 57,500 - 1
    assert rows["London"]["raw"]["premium"] == round(70_000 / 57_500 - 1, 4) == 0.2174
    assert rows["Manchester"]["raw"]["premium"] == round(45_000 / 57_500 - 1, 4) == -0.2174
    assert (rows["London"]["raw"]["n"], rows["London"]["raw"]["reference_n"]) == (5, 10)
    assert rows["Edinburgh"]["raw"] is None and rows["Edinburgh"]["note"] == "too few ads"
    low, high = rows["London"]["raw"]["ci"]
    assert low <= rows["London"]["raw"]["premium"] <= high

    # adjusted, cells role x seniority over UK salaries:
    #   (mle, senior) UK 60 80 100 40 50, London 60 80 100   weight 3/5
    #   (mle, mid)    UK 50 45,           London 50          weight 1/5
    #   (ds, mid)     UK 70 55,           London 70          weight 1/5
    #   (ds, unstated) UK 65 (U1) only: no London ad, not used
    ln = math.log

    def mean(xs):
        return sum(xs) / len(xs)

    d1 = mean([ln(60), ln(80), ln(100)]) - mean([ln(60), ln(80), ln(100), ln(40), ln(50)])
    d2 = ln(50) - mean([ln(50), ln(45)])
    d3 = ln(70) - mean([ln(70), ln(55)])
    estimate = 0.6 * d1 + 0.2 * d2 + 0.2 * d3
    adjusted = rows["London"]["adjusted"]
    assert adjusted["premium"] == round(math.exp(estimate) - 1, 4)
    assert (adjusted["n"], adjusted["cells"], adjusted["excluded"]) == (5, 3, 0)
    # pooled within-cell SD over the 4 UK cells, 10 salaries - 4 cells = 6 dof
    groups = [[60, 80, 100, 40, 50], [50, 45], [70, 55], [65]]
    ss = sum((ln(x) - mean([ln(y) for y in g])) ** 2 for g in groups for x in g)
    sd = math.sqrt(ss / 6)
    se = sd * math.sqrt(0.36 * (1 / 3 + 1 / 5) + 0.04 * (1 + 1 / 2) + 0.04 * (1 + 1 / 2))
    assert adjusted["ci"] == [
        round(math.exp(estimate - 1.96 * se) - 1, 4),
        round(math.exp(estimate + 1.96 * se) - 1, 4),
    ]
    london_logs = [ln(x) for x in (60, 80, 100, 50, 70)]
    uk_logs = [ln(x) for x in (40, 45, 50, 50, 55, 60, 65, 70, 80, 100)]
    assert adjusted["raw_geometric"] == round(math.exp(mean(london_logs) - mean(uk_logs)) - 1, 4)


def test_skills_by_hand(report):
    top = {r["skill"]: r for r in report["skills"]["top"]}
    # Python: L1 L2 L3 L4 L6 L7 M1 M2 M3 = 9 of 14 UK ML ads (X1 and N1 do not count)
    assert (top["Python"]["ads"], top["Python"]["share"]) == (9, round(9 / 14, 4))
    # without Python only E1, U1 have salaries: 2 < 3
    assert top["Python"]["premium"] is None and top["Python"]["note"] == "too few ads"
    # PyTorch: with L1 60, L2 80, M1 40 -> 60; without 100 50 70 50 45 55 65 -> 55
    pytorch = top["PyTorch"]
    assert (pytorch["salaries_with"], pytorch["salaries_without"]) == (3, 7)
    assert pytorch["premium"]["premium"] == round(60_000 / 55_000 - 1, 4)
    assert pytorch["premium"]["median"] == 60_000
    assert pytorch["premium"]["reference_median"] == 55_000
    certs = {r["skill"]: r for r in report["skills"]["certifications"]}
    assert set(certs) == {"AWS Certified Machine Learning - Specialty"}
    assert certs["AWS Certified Machine Learning - Specialty"]["premium"] is None
    co = report["skills"]["cooccurrence"]
    i, j = co["skills"].index("Python"), co["skills"].index("PyTorch")
    assert co["matrix"][i][j] == co["matrix"][j][i] == 3  # L1 L2 M1
    assert co["matrix"][i][co["skills"].index("SQL")] == 2  # L6 M3 (L5 has SQL only)


def test_rankings_by_hand(report):
    employers = report["top_employers"]["rows"]
    assert (employers[0]["company"], employers[0]["ads"]) == ("Acme", 4)  # L1 L2 M1 I1
    assert report["top_employers"]["unknown_ads"] == 2  # M4, U1
    cities = [(r["city"], r["ads"], r["region"]) for r in report["top_cities"]["rows"]]
    assert cities == [
        ("London", 8, "London"),
        ("Manchester", 4, "North West"),
        ("Edinburgh", 1, "Scotland"),
    ]
    assert report["top_cities"]["unknown_ads"] == 1  # U1


def test_trend_and_year_on_year_by_hand(report):
    trend = report["pages"]["uk"]["trend"]
    assert [(m["month"], m["ads"], m["salaries"], m["median"]) for m in trend["months"]] == [
        ("2024-01", 1, 1, None),
        ("2024-02", 4, 3, 45_000),
        ("2025-01", 3, 2, None),
        ("2025-02", 5, 3, 70_000),
    ]
    assert trend["undated_ads"] == 1  # U1
    assert trend["history_months"] == 1 and trend["projection"] is None
    assert trend["projection_note"].startswith("not enough history")
    yoy = trend["year_on_year"]
    # 2024-09..2025-02: L1-L7, I1 (8 ads; salaries 60 80 100 50 70 -> 70,000)
    # 2023-09..2024-02: M1-M4, E1 (5 ads; salaries 40 50 45 55 -> 47,500)
    assert [(y["period"], y["ads"], y["salaries"], y["median"]) for y in yoy] == [
        ("2024-09 to 2025-02", 8, 5, 70_000),
        ("2023-09 to 2024-02", 5, 4, 47_500),
        ("2022-09 to 2023-02", 0, 0, None),
    ]
    assert yoy[0]["median_change"] == round(70_000 / 47_500 - 1, 4)
    assert yoy[0]["ads_change"] == 0.6
    assert yoy[1]["median_change"] is None


def test_projection_with_enough_history(trend_db):
    report = build_report(trend_db, SETTINGS)
    trend = report["pages"]["uk"]["trend"]
    assert trend["history_months"] == 14
    projection = trend["projection"]
    # medians rise by exactly 1,000 a month from 50,000 (2024-01) to 63,000 (2025-02)
    assert projection["slope"] == 1_000
    assert projection["projection"] == [64_000 + 1_000 * i for i in range(12)]
    assert projection["months"][0] == "2025-03" and projection["months"][-1] == "2026-02"
    assert projection["backtest_mape"] == 0


def test_queries_and_ad_ids_find_the_ads(report_db, cells):
    for key in ("city:London|all", "uk:UK|data_scientist", "region:Scotland|all"):
        cell = cells[key]
        rows = list(report_db.query(cell["query"]["sql"], cell["query"]["params"]))
        assert len(rows) == cell["ads"]
        assert sorted(r["id"] for r in rows) == cell["ad_ids"]
        assert sum(r["salary"] is not None for r in rows) == cell["salaries"]


def test_reproducible(report_db):
    first = json.dumps(build_report(report_db, SETTINGS), sort_keys=True, default=str)
    second = json.dumps(build_report(report_db, SETTINGS), sort_keys=True, default=str)
    assert first == second


def test_report_agrees_with_benchmarks_module(report_db, cells):
    rows = {r["group"]: r for r in benchmarks(report_db, "city", min_count=3)}
    london = cells["city:London|all"]
    assert rows["London"]["median"] == london["salary"]["median"]
    assert rows["London"]["p90"] == london["salary"]["p90"]
    assert rows["London"]["salaries"] == london["salaries"]


def test_empty_database(tmp_path):
    from tests.report.conftest import make_db

    report = build_report(make_db([]), SETTINGS)
    uk = report["cells"][0]
    assert (uk["ads"], uk["salaries"], uk["salary"]["median"]) == (0, 0, None)
    assert report["hub_premiums"]["city"] == [] and report["skills"]["top"] == []


def test_every_split_and_period_query_counts_its_ads(report_db, report, cells):
    for cell in (cells["uk:UK|all"], cells["city:London|all"]):
        for row in cell["seniority"] + cell["experience"]:
            found = list(report_db.query(row["query"]["sql"], row["query"]["params"]))
            assert len(found) == row["ads"], (cell["key"], row["level"])
    for period in report["pages"]["uk"]["trend"]["year_on_year"]:
        found = list(report_db.query(period["query"]["sql"], period["query"]["params"]))
        assert (len(found), sum(r["salary"] is not None for r in found)) == (
            period["ads"],
            period["salaries"],
        )
    trend = report["pages"]["cities"]["London"]["trend"]
    query = trend["query"]
    for month in trend["months"]:
        found = list(report_db.query(query["sql"], [*query["params"], month["month"]]))
        assert len(found) == month["ads"]


def test_every_role_family_has_a_label_in_contract_order():
    from normalize.roles import ROLE_FAMILIES
    from report.build import ROLE_LABELS

    assert tuple(ROLE_LABELS) == ROLE_FAMILIES
