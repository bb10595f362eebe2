"""assign_changed: after a renormalize or an import, only what changed is recomputed, with the
result of a full dedup."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from db.schema import open_db
from db.store import renormalize
from dedup.store import ads_state, assign_changed, assign_vacancies
from normalize.ad import normalize_ad
from tests.conftest import FIXTURES
from tests.utils import mljobs

from .conftest import make_ad, store

TABLES = {
    "ads": "SELECT id, vacancy_id FROM ads ORDER BY id",
    "vacancy_matches": "SELECT * FROM vacancy_matches ORDER BY ad_id",
    "vacancies": "SELECT * FROM vacancies ORDER BY id",
}


def _tables(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in TABLES.items()}


def _database(path: Path) -> None:
    """Six ads in three blocks (Leeds and York senior data scientists, a London engineer),
    deduplicated in full."""
    db = open_db(path)
    store(
        db,
        make_ad("1"),
        make_ad("2", source="adzuna", company="ACME ANALYTICS"),
        make_ad("3", posted_raw="2026-01-20"),
        make_ad("4", location_raw="York"),
        make_ad("5", title="Machine Learning Engineer", location_raw="London"),
        make_ad("6", title="Machine Learning Engineer", location_raw="London", company="Beta"),
    )
    assign_vacancies(db)
    db.close()


def _changes(raw) -> dict:
    """A renormalize that moves reed:3 from Leeds to York and changes only is_ml of reed:5."""
    fields = dict(normalize_ad(raw))
    if raw["id"] == "reed:3":
        fields.update(city="York", county="North Yorkshire")
    if raw["id"] == "reed:5":
        fields["is_ml"] = 0
    return fields


def test_nothing_changed_clusters_nothing(tmp_path):
    path = tmp_path / "x.db"
    _database(path)
    tables = _tables(path)
    db = open_db(path)
    before = ads_state(db)
    renormalize(db, normalize_ad)  # the same normalizers: the same columns
    stats = assign_changed(db, before)
    db.close()
    assert (stats.postings, stats.blocks, stats.changed) == (0, 0, 0)
    assert _tables(path) == tables


def test_a_renormalize_that_changes_some_ads_gives_a_full_dedups_result(tmp_path):
    path, full = tmp_path / "x.db", tmp_path / "full.db"
    _database(path)
    db = open_db(path)
    before = ads_state(db)
    renormalize(db, _changes)
    db.close()
    shutil.copy(path, full)
    db = open_db(path)
    stats = assign_changed(db, before)
    db.close()
    # Leeds (reed:3 left it) and York (reed:3 joined it): 3 + 2 ads; London is not clustered
    assert (stats.blocks, stats.postings) == (2, 4)
    db = open_db(full)
    assign_vacancies(db)
    db.close()
    tables = _tables(path)
    assert tables == _tables(full)
    vacancies = {row[1]: row for row in tables["vacancies"]}  # by representative ad
    assert vacancies["reed:5"][10] == 0  # is_ml of the refreshed London vacancy row
    assert dict(tables["ads"])["reed:3"] == dict(tables["ads"])["reed:4"]  # York now


def test_reimporting_unchanged_ads_clusters_nothing_again(tmp_path):
    path = tmp_path / "x.db"
    csv = str(FIXTURES / "dedup" / "board_a.csv")
    mljobs("import", csv, "--format", "csv", "--source", "board_a", db=path)
    time.sleep(1.1)  # last_seen has whole seconds: seen again in a later second than the first
    again = mljobs("import", csv, "--format", "csv", "--source", "board_a", db=path,
                   log_level="INFO")  # fmt: skip
    # every ad seen again: their vacancies' rows are refreshed (last seen), none clustered
    assert "dedup: 0 postings -> 0 vacancies (0 merged, 0 changed)" in again.stderr
    tables = _tables(path)
    full = mljobs("dedup", db=path)
    assert "5 postings -> 5 vacancies (0 merged, 0 changed)" in full.stderr
    assert _tables(path) == tables
