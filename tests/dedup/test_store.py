"""assign_vacancies over a database: ids, idempotence, later ads, the vacancy salary rule,
explain, and two boards imported through the CLI."""

from __future__ import annotations

import pytest
import sqlite_utils

from db.schema import open_db
from dedup.matcher import vacancy_id
from dedup.store import assign_vacancies, explain
from tests.utils import mljobs

from .conftest import make_ad, store, vacancy_of


def test_ids_are_deterministic_and_a_second_run_changes_nothing(db):
    store(db, make_ad("1"), make_ad("2", source="adzuna"), make_ad("3", location_raw="York"))
    first = assign_vacancies(db)
    ids = dict(db.execute("SELECT id, vacancy_id FROM ads").fetchall())
    second = assign_vacancies(db)
    assert (first.postings, first.vacancies, first.merged, first.changed) == (3, 2, 1, 3)
    assert second.changed == 0
    assert dict(db.execute("SELECT id, vacancy_id FROM ads").fetchall()) == ids
    # the vacancy id derives from its earliest ad (by posting date, then id)
    assert ids["reed:1"] == ids["adzuna:2"] == vacancy_id("adzuna:2")
    assert ids["reed:3"] == vacancy_id("reed:3")
    assert db.execute("SELECT count(*) FROM vacancies").fetchone()[0] == 2


@pytest.mark.parametrize("incremental", [True, False])
def test_an_ad_added_later_joins_its_vacancy(db, incremental):
    store(db, make_ad("1"), make_ad("2", location_raw="York"))
    assign_vacancies(db)
    before = vacancy_of(db, "reed:1")
    store(db, make_ad("7", source="adzuna", posted_raw="2026-02-01", company="ACME ANALYTICS"))
    stats = assign_vacancies(db, ["adzuna:7"] if incremental else None)
    assert vacancy_of(db, "adzuna:7") == before == vacancy_of(db, "reed:1")
    assert stats.postings == (2 if incremental else 3)
    row = db.execute("SELECT postings, sources FROM vacancies WHERE id = ?", [before]).fetchone()
    assert row == (2, 2)
    assert db.execute("SELECT count(*) FROM vacancies").fetchone()[0] == 2


def _vacancy(db: sqlite_utils.Database, ad_id: str) -> dict:
    return next(db["vacancies"].rows_where("id = ?", [vacancy_of(db, ad_id)]))


def test_vacancy_salary_prefers_ats_over_board_over_aggregator(db):
    store(
        db,
        make_ad("1", source="adzuna", salary_raw="£60,000 - £70,000"),
        make_ad("2", source="reed", salary_raw="£62,000 - £68,000"),
        make_ad("3", source="greenhouse", salary_raw="£65,000 - £66,000"),
    )
    assign_vacancies(db)
    vacancy = _vacancy(db, "reed:2")
    assert vacancy["postings"] == 3 and vacancy["sources"] == 3
    assert (vacancy["salary_annual_min"], vacancy["salary_annual_max"]) == (65_000, 66_000)
    assert (vacancy["salary_ad_id"], vacancy["salary_source_kind"]) == ("greenhouse:3", "ats")
    assert vacancy["representative_ad_id"] == "greenhouse:3"


def test_vacancy_salary_falls_back_to_a_board_and_never_takes_a_prediction(db):
    predicted = make_ad(
        "1",
        source="adzuna",
        salary_raw=None,
        salary_min_raw="90000",
        salary_max_raw="90000",
        raw={"salary_is_predicted": "1"},
    )
    store(db, predicted, make_ad("2", source="greenhouse", salary_raw="Competitive"))
    store(db, make_ad("3", source="reed", salary_raw="£61,000 - £64,000"))
    assign_vacancies(db)
    vacancy = _vacancy(db, "reed:3")
    assert vacancy["postings"] == 3
    assert (vacancy["salary_annual_min"], vacancy["salary_ad_id"]) == (61_000, "reed:3")


def test_aggregator_salary_flagged_not_predicted_is_the_vacancy_salary(db):
    """Adzuna's ``salary_is_predicted`` "0" is read from the stored record (``ads.raw`` keeps
    it under ``record`` since migration 007): the advertised salary counts."""
    advertised = make_ad(
        "1",
        source="adzuna",
        salary_raw=None,
        salary_min_raw="52000",
        salary_max_raw="58000",
        raw={"salary_is_predicted": "0"},
    )
    store(db, advertised)
    assign_vacancies(db)
    vacancy = _vacancy(db, "adzuna:1")
    assert (vacancy["salary_annual_min"], vacancy["salary_annual_max"]) == (52_000, 58_000)
    assert vacancy["salary_ad_id"] == "adzuna:1"


def test_aggregator_structured_salary_without_flag_is_not_a_salary(db):
    ad = make_ad("1", source="adzuna_dump", salary_raw=None, salary_min_raw="45788.61")
    store(db, ad)
    assign_vacancies(db)
    vacancy = _vacancy(db, "adzuna_dump:1")
    assert vacancy["salary_annual_mid"] is None and vacancy["salary_ad_id"] is None


def test_expired_and_seen_dates(db):
    store(db, make_ad("1"), seen_at="2026-01-10T08:00:00+00:00")
    store(db, make_ad("2", source="adzuna"), seen_at="2026-01-20T08:00:00+00:00")
    db.execute("UPDATE ads SET expired_at = '2026-02-01T00:00:00+00:00' WHERE id = 'reed:1'")
    assign_vacancies(db)
    vacancy = _vacancy(db, "reed:1")
    assert vacancy["expired"] == 0 and vacancy["expired_at"] is None
    assert (vacancy["first_seen"], vacancy["last_seen"]) == (
        "2026-01-10T08:00:00+00:00",
        "2026-01-20T08:00:00+00:00",
    )
    db.execute("UPDATE ads SET expired_at = '2026-02-03T00:00:00+00:00' WHERE id = 'adzuna:2'")
    assign_vacancies(db)
    vacancy = _vacancy(db, "reed:1")
    assert vacancy["expired"] == 1 and vacancy["expired_at"] == "2026-02-03T00:00:00+00:00"


def test_explain_says_why_each_ad_joined(db):
    store(db, make_ad("1"), make_ad("2", source="adzuna", title="SENIOR DATA SCIENTIST"))
    store(db, make_ad("3", source="jobspy", company=None))
    assign_vacancies(db)
    why = explain(db, "adzuna:2")
    assert why["vacancy"]["postings"] == 3
    by_ad = {p["ad_id"]: p for p in why["postings"]}
    assert why["postings"][0]["ad_id"] == "adzuna:2"  # the seed comes first
    assert by_ad["adzuna:2"]["rule"] == "seed"
    assert by_ad["reed:1"]["rule"] == "employer+title"
    assert by_ad["reed:1"]["matched_ad_id"] == "adzuna:2"
    assert by_ad["reed:1"]["title_score"] == 100.0
    assert by_ad["jobspy:3"]["rule"] == "description"
    assert by_ad["jobspy:3"]["description_score"] == 1.0
    assert why["ad"]["ad_id"] == "adzuna:2"
    with pytest.raises(KeyError):
        explain(db, "reed:404")


def test_explain_before_dedup_raises(db):
    store(db, make_ad("1"))
    with pytest.raises(LookupError):
        explain(db, "reed:1")


def test_two_boards_imported_as_two_sources_give_one_vacancy_per_job(tmp_path, fixtures):
    path = tmp_path / "two.db"
    mljobs("import", str(fixtures / "dedup" / "board_a.csv"), "--format", "csv",
           "--source", "board_a", db=path)  # fmt: skip
    mljobs("import", str(fixtures / "dedup" / "board_b.csv"), "--format", "csv",
           "--source", "board_b", db=path)  # fmt: skip
    db = open_db(path)
    stats = assign_vacancies(db)
    assert (stats.postings, stats.vacancies) == (10, 5)
    groups: dict[str, list[str]] = {}
    for ad_id, vac in db.execute("SELECT source_id, vacancy_id FROM ads"):
        groups.setdefault(vac, []).append(ad_id)
    assert sorted(sorted(g) for g in groups.values()) == [
        ["9001", "a-1"],
        ["9002", "a-2"],
        ["9003", "a-3"],
        ["9004", "a-4"],
        ["9005", "a-5"],
    ]
    counts = db.execute("SELECT postings, sources FROM vacancies").fetchall()
    assert counts == [(2, 2)] * 5
    why = explain(db, "board_b:9003")["ad"]
    assert (why["rule"], why["matched_ad_id"]) == ("employer+title", "board_a:a-3")


def test_vacancy_ties_take_the_latest_salary_and_the_earliest_representative(db):
    # one vacancy on one board: the salary from the most recent posting, the representative
    # the earliest; equal dates go to the smallest id; posting date falls back to first_seen
    store(
        db,
        make_ad("5", posted_raw="2026-01-12", salary_raw="£50,000 - £60,000"),
        make_ad("4", posted_raw="2026-01-12", salary_raw="£52,000 - £58,000"),
        make_ad("3", posted_raw="2026-01-02", salary_raw="£55,000 - £59,000"),
        make_ad("9", posted_raw=None, salary_raw=None),
    )
    assign_vacancies(db)
    vacancy = _vacancy(db, "reed:3")
    assert vacancy["postings"] == 4 and vacancy["sources"] == 1
    assert vacancy["representative_ad_id"] == "reed:3"
    assert (vacancy["salary_ad_id"], vacancy["salary_annual_min"]) == ("reed:4", 52_000)
    assert (vacancy["first_posted"], vacancy["last_posted"]) == (
        "2026-01-02",
        "2026-01-12",
    )
    assert vacancy["expired"] == 0 and vacancy["expired_at"] is None


def test_vacancy_rows_of_a_scope_equal_the_full_run(db):
    from dedup.store import _source_kinds_table
    from dedup.vacancy_rows import vacancy_rows

    store(
        db,
        make_ad("1", source="adzuna", salary_raw="£60,000 - £70,000"),
        make_ad("2", source="greenhouse", salary_raw="£65,000 - £66,000"),
        make_ad("3", location_raw="York"),
    )
    assign_vacancies(db)
    _source_kinds_table(db)
    full = list(vacancy_rows(db.conn, scoped=False))
    assert [row[0] for row in full] == sorted(v for (v,) in db.execute("SELECT id FROM vacancies"))
    db.execute("CREATE TEMP TABLE dedup_scope (vacancy_id TEXT PRIMARY KEY)")
    db.execute("INSERT INTO temp.dedup_scope VALUES (?)", [vacancy_of(db, "reed:3")])
    assert list(vacancy_rows(db.conn, scoped=True)) == [
        row for row in full if row[0] == vacancy_of(db, "reed:3")
    ]
    stored = db.execute("SELECT * FROM vacancies ORDER BY id").fetchall()
    assert [tuple(r) for r in stored] == full
