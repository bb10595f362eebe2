"""The vacancy step writes only what differs: rows already as computed are left alone, rows
that differ (or are missing, or stale) are written, and the result is a full run's."""

from __future__ import annotations

import pytest
import sqlite_utils

import dedup.writes
from dedup.store import _source_kinds_table, ads_state, assign_changed, assign_vacancies
from dedup.vacancy_rows import vacancy_rows
from dedup.writes import write_ads

from .conftest import make_ad, store, vacancy_of

TABLES = {
    "ads": "SELECT id, vacancy_id FROM ads ORDER BY id",
    "vacancy_matches": "SELECT * FROM vacancy_matches ORDER BY ad_id",
    "vacancies": "SELECT * FROM vacancies ORDER BY id",
}


def _tables(db: sqlite_utils.Database) -> dict[str, list[tuple]]:
    return {name: db.execute(sql).fetchall() for name, sql in TABLES.items()}


def _log_writes(db: sqlite_utils.Database) -> None:
    """Temporary triggers that log each row inserted, updated or deleted in the vacancy
    step's tables to ``temp.writes(tbl, op)``."""
    db.execute("CREATE TEMP TABLE writes (tbl TEXT, op TEXT)")
    for table in ("vacancy_matches", "vacancies", "ads"):
        for op in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"CREATE TEMP TRIGGER log_{table}_{op} AFTER {op} ON main.{table} "
                f"BEGIN INSERT INTO writes VALUES ('{table}', '{op}'); END"
            )


def _writes(db: sqlite_utils.Database) -> dict[tuple[str, str], int]:
    rows = db.execute("SELECT tbl, op, count(*) FROM temp.writes GROUP BY 1, 2").fetchall()
    db.execute("DELETE FROM temp.writes")
    return {(t, op): n for t, op, n in rows}


def _six(db: sqlite_utils.Database) -> None:
    store(
        db,
        make_ad("1"),
        make_ad("2", source="adzuna", company="ACME ANALYTICS"),
        make_ad("3", location_raw="York"),
        make_ad("4", title="Machine Learning Engineer", location_raw="London"),
        make_ad("5", title="Machine Learning Engineer", location_raw="London", company="Beta"),
        make_ad("6", title="Data Engineer", location_raw="London", posted_raw="2026-01-12"),
    )


def test_a_second_full_run_writes_nothing(db):
    _six(db)
    assign_vacancies(db)
    first = _tables(db)
    _log_writes(db)
    assign_vacancies(db)
    assert _writes(db) == {}
    assert _tables(db) == first


def test_rows_that_differ_missing_or_stale_are_written_and_only_those(db):
    _six(db)
    assign_vacancies(db)
    first = _tables(db)
    some = vacancy_of(db, "reed:3")
    other = vacancy_of(db, "reed:4")
    db.execute("UPDATE vacancy_matches SET title_score = 1 WHERE ad_id = 'reed:1'")
    db.execute("DELETE FROM vacancy_matches WHERE ad_id = 'reed:5'")
    db.execute("INSERT INTO vacancy_matches (ad_id, vacancy_id, rule) VALUES ('x:1', 'v0', 'seed')")
    db.execute("UPDATE vacancies SET postings = 99 WHERE id = ?", [some])
    db.execute("DELETE FROM vacancies WHERE id = ?", [other])
    db.execute("INSERT INTO vacancies (id, postings) VALUES ('vstale', 1)")
    db.execute("UPDATE ads SET vacancy_id = 'vwrong' WHERE id = 'reed:6'")
    _log_writes(db)
    stats = assign_vacancies(db)
    assert _tables(db) == first
    assert stats.changed == 1
    # a row written again is replaced (a DELETE and an INSERT): reed:1's match and the
    # vacancy of reed:3; reed:5's match and reed:4's vacancy are inserted; the stale rows
    # deleted; nothing else is touched
    assert _writes(db) == {
        ("ads", "UPDATE"): 1,
        ("vacancy_matches", "INSERT"): 2,
        ("vacancy_matches", "DELETE"): 2,
        ("vacancies", "INSERT"): 2,
        ("vacancies", "DELETE"): 2,
    }


def test_an_ad_added_to_a_block_writes_its_rows_not_the_blocks(db):
    _six(db)
    assign_vacancies(db)
    before = ads_state(db)
    store(db, make_ad("7", source="adzuna", posted_raw="2026-02-01", company="ACME ANALYTICS"))
    _log_writes(db)
    stats = assign_changed(db, before)
    writes = _writes(db)
    expected = _tables(db)
    assign_vacancies(db)
    assert _tables(db) == expected  # what a full run gives
    assert vacancy_of(db, "adzuna:7") == vacancy_of(db, "reed:1")
    assert stats.postings == 3  # the Leeds block was clustered again: reed:1, adzuna:2, adzuna:7
    # but only the new ad's rows and its vacancy's row (replaced: a DELETE and an INSERT)
    assert writes == {
        ("ads", "UPDATE"): 1,
        ("vacancy_matches", "INSERT"): 1,
        ("vacancies", "DELETE"): 1,
        ("vacancies", "INSERT"): 1,
    }


def test_a_scope_read_in_one_scan_equals_the_scope_read_by_index(db):
    _six(db)
    assign_vacancies(db)
    _source_kinds_table(db)
    db.execute("CREATE TEMP TABLE dedup_scope (vacancy_id TEXT PRIMARY KEY)")
    scope = sorted({vacancy_of(db, "reed:1"), vacancy_of(db, "reed:4")})
    db.conn.executemany("INSERT INTO temp.dedup_scope VALUES (?)", [(v,) for v in scope])
    by_index = list(vacancy_rows(db.conn, scoped=True))
    assert [row[0] for row in by_index] == scope
    assert list(vacancy_rows(db.conn, scoped=True, scan=True)) == by_index


@pytest.mark.parametrize("one_statement", [True, False])
def test_an_ad_whose_rowid_moved_is_updated_by_its_id(db, monkeypatch, one_statement):
    # 2 updates of 6 ads: one UPDATE ... FROM at a share of 1/3, one UPDATE per ad at 1/2
    monkeypatch.setattr(dedup.writes, "ONE_STATEMENT_SHARE", 3 if one_statement else 2)
    _six(db)
    rowid = db.execute("SELECT rowid FROM ads WHERE id = 'reed:1'").fetchone()[0]
    other = db.execute("SELECT rowid FROM ads WHERE id = 'reed:3'").fetchone()[0]
    with db.conn:
        write_ads(db, [(rowid, "va", "reed:1"), (rowid + 1000, "vb", "reed:3")])
    found = dict(db.execute("SELECT id, vacancy_id FROM ads WHERE vacancy_id IS NOT NULL"))
    assert found == {"reed:1": "va", "reed:3": "vb"}
    assert other != rowid + 1000


def test_an_ad_changed_in_its_vacancy_rewrites_the_vacancys_row(db):
    _six(db)
    assign_vacancies(db)
    vacancy = vacancy_of(db, "reed:1")
    before = ads_state(db)
    # what a renormalize could do: a new salary reading, the ads keep their vacancy
    db.execute("UPDATE ads SET salary_annual_min = 61000 WHERE id IN ('reed:1', 'adzuna:2')")
    _log_writes(db)
    stats = assign_changed(db, before)
    assert stats.changed == 0
    assert db.execute(
        "SELECT salary_annual_min FROM vacancies WHERE id = ?", [vacancy]
    ).fetchone() == (61000,)
    assert _writes(db) == {("vacancies", "DELETE"): 1, ("vacancies", "INSERT"): 1}
    expected = _tables(db)
    assign_vacancies(db)
    assert _tables(db) == expected
