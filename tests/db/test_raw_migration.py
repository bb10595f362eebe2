"""``raw`` stored without the strings held in columns: round trip, migration 007 of a database
written the old way, search and renormalize unchanged by it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from crawler.imports import RowProblem, read_ads
from db.raw import load_layouts
from db.schema import ADS_COLUMNS, MIGRATIONS, RAW_COLUMNS, ensure_schema, fold_text
from db.store import _column_value, content_hash, raw_json, raw_record, renormalize, strip_raw
from normalize.ad import normalize_ad
from normalize.text import html_to_text
from tests.db.test_fts import assert_fts_matches_table
from tests.db.test_store_bulk import sha1_field_by_field

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
QUERIES = ("engineer", "python", "data", "london", "machine learning", "sql OR aws", "manag*")


def test_strip_and_rebuild_are_exact_at_any_depth():
    columns = {
        "description": "<p>Build models</p>",
        "title": "ML Engineer",
        "source_id": "42",
        "location_raw": "Leeds",
    }
    record = {
        "id": "42",
        "a/b~c": "ML Engineer",  # keys that need JSON-pointer escaping
        "details": {"body": "<p>Build models</p>", "town": "Leeds", "n": 3, "empty": ""},
        "tags": ["ML Engineer", "Leeds"],  # lists are kept whole
        "other": "kept",
        "nothing": None,
    }
    stored = strip_raw(record, columns)
    data = json.loads(stored)
    assert data["columns"] == {
        "/id": "source_id",
        "/a~1b~0c": "title",
        "/details/body": "description",
        "/details/town": "location_raw",
    }
    assert data["record"] == {
        "details": {"n": 3, "empty": ""},
        "tags": ["ML Engineer", "Leeds"],
        "other": "kept",
        "nothing": None,
    }
    assert raw_record(stored, columns) == record
    old = json.dumps(record, ensure_ascii=False, sort_keys=True, default=str)
    assert raw_json(stored, columns) == old
    assert strip_raw(None, columns) is None and raw_json(None, columns) is None
    assert raw_record(strip_raw(["a", "Leeds"], columns), columns) == ["a", "Leeds"]


def fixture_ads(corpus: Path | None = None) -> list[dict]:
    """Normalized ads (item fields + normalized fields) from the small import fixtures, and the
    real Adzuna dev set when ``corpus`` is given."""
    files = [
        (FIXTURES / "imports" / "adzuna_small.csv", "adzuna-kaggle"),
        (FIXTURES / "imports" / "jobspy_small.csv", "jobspy"),
        (FIXTURES / "imports" / "reed_small.jl", "scrapy-json"),
    ]
    if corpus is not None:
        files.append((corpus / "adzuna-2013" / "adzuna_2013_dev.csv", "adzuna-kaggle"))
    ads = []
    for path, fmt in files:
        for item in read_ads(path, fmt):
            if not isinstance(item, RowProblem):
                ads.append({**item, **normalize_ad(item)})
    return ads


def old_database(path: Path, ads: list[dict]) -> sqlite_utils.Database:
    """A database as the code before migrations 006/007 wrote it: sqlite-utils' FTS triggers
    and ``raw`` holding the whole record."""
    db = sqlite_utils.Database(path)
    db.enable_wal()
    db["_migrations"].create({"name": str, "applied_at": str}, pk="name")
    for name, migrate in MIGRATIONS[:2]:
        migrate(db)
        db["_migrations"].insert({"name": name, "applied_at": "2026-01-01"})
    rows = []
    for ad in ads:
        row = {c: _column_value(ad.get(c)) for c in ADS_COLUMNS}
        row["id"] = f"{row['source']}:{row['source_id']}"
        row["content_hash"] = sha1_field_by_field(row[c] for c in RAW_COLUMNS if c != "raw")
        row["first_seen"] = row["last_seen"] = "2026-01-01T00:00:00+00:00"
        rows.append(row)
    db["ads"].insert_all(rows, replace=True)
    db.conn.commit()
    return db


def search_ids(db: sqlite_utils.Database) -> dict[str, list[str]]:
    return {q: [r["id"] for r in db["ads"].search(q)] for q in QUERIES}


def normalized_rows(db: sqlite_utils.Database) -> list[tuple]:
    columns = [c for c in ADS_COLUMNS if c not in ("raw", "first_seen", "last_seen")]
    return db.execute(f"SELECT {', '.join(columns)} FROM ads ORDER BY id").fetchall()


def check_migration(tmp_path: Path, ads: list[dict]) -> None:
    db = old_database(tmp_path / "old.db", ads)
    old_raw = dict(db.execute("SELECT id, raw FROM ads"))
    old_search = search_ids(db)
    old_size = db.execute("SELECT sum(length(raw)) FROM ads").fetchone()[0]
    assert sum(1 for ids in old_search.values() if ids) >= 3  # the queries do find ads

    ensure_schema(db)  # migrations 006 and 007 (and any later)
    rows = {r["id"]: r for r in db["ads"].rows}
    layouts = load_layouts(db.conn)
    assert {i: raw_json(r["raw"], r, layouts) for i, r in rows.items()} == old_raw
    assert db.execute("SELECT sum(length(raw)) FROM ads").fetchone()[0] < old_size
    assert search_ids(db) == old_search
    assert_fts_matches_table(db)

    # renormalize sees the same raw fields (raw rebuilt byte for byte) and gives the same rows
    before = normalized_rows(db)
    seen = {}

    def normalize(raw):
        seen[raw["id"]] = raw["raw"]
        fields = normalize_ad(raw)
        fields["posted_at"] = fields["posted_at"] or raw["posted_at"]
        return fields

    assert renormalize(db, normalize) == len(rows)
    assert seen == old_raw
    assert normalized_rows(db) == before
    assert search_ids(db) == old_search
    db.close()


def every_column(db: sqlite_utils.Database) -> dict[str, tuple]:
    """``{id: (rowid, every column of ADS_COLUMNS and vacancy_id, raw as the whole record)}``;
    ``content_hash`` as its first 16 digits (migration 008 keeps those)."""
    layouts = load_layouts(db.conn)
    columns = [c for c in ADS_COLUMNS if c != "raw"] + ["vacancy_id"]
    select = ", ".join(columns)
    out = {}
    for rowid, *values in db.execute(f"SELECT rowid, raw, {select} FROM ads").fetchall():
        raw, row = values[0], dict(zip(columns, values[1:], strict=True))
        row["content_hash"] = row["content_hash"][:16]
        out[row["id"]] = (rowid, tuple(map(repr, row.values())), raw_json(raw, row, layouts))
    return out


def check_migration_008(tmp_path: Path, ads: list[dict]) -> set[str]:
    """A database at migration 007 (as the code before 008 left it) reads the same after 008:
    every column of every ad (``repr``: types too), the rowids, ``ads_fts`` (equal to a fresh
    index) and search. Returns the ids of the ads whose text is stored."""
    db = old_database(tmp_path / "old.db", ads)
    db.conn.execute("BEGIN")
    for name, migrate in MIGRATIONS[2:7]:
        migrate(db)
        db.conn.execute(
            "INSERT INTO _migrations (name, applied_at) VALUES (?, '2026-01-02')", [name]
        )
    db.conn.commit()
    assert "description_text_stored" not in {c.name for c in db["ads"].columns}
    assert {len(r[0]) for r in db.execute("SELECT content_hash FROM ads")} == {40}
    before, old_search = every_column(db), search_ids(db)
    texts = db.execute("SELECT id, description, description_text FROM ads").fetchall()
    ensure_schema(db)
    assert every_column(db) == before
    # an unchanged ad re-stored after the migration counts as unchanged
    assert {r[0] for r in db.execute("SELECT content_hash FROM ads")} == {
        content_hash(dict(zip(RAW_COLUMNS, r, strict=True)))
        for r in db.execute(f"SELECT {', '.join(RAW_COLUMNS)} FROM ads")
    }
    assert search_ids(db) == old_search
    assert_fts_matches_table(db)
    # the text is stored only where it is not the description folded (HTML, odd whitespace,
    # a NULL text)
    stored = {r[0] for r in db.execute("SELECT id FROM ads WHERE description_text_stored NOTNULL")}
    assert stored == {i for i, d, t in texts if d is not None and t != fold_text(d)}
    db.close()
    return stored


def test_migration_008_keeps_every_column(tmp_path):
    ads = fixture_ads()
    assert len({a["source"] for a in ads}) == 3
    # plain text, HTML (as an ATS gives it), a NULL text beside a description, odd whitespace
    for i in range(2, len(ads), 3):
        html = f"<p>{ads[i]['title']}</p><ul><li>{ads[i]['description']}</li></ul>"
        ads[i] = {**ads[i], "description": html, "description_text": html_to_text(html)}
    ads[0] = {**ads[0], "description_text": None}
    ads[1] = {**ads[1], "description": " a\t b \r\n\n\n\nc\xa0 ", "description_text": "a b\n\nc"}
    check_migration_008(tmp_path, ads)


def test_migration_008_on_the_real_adzuna_dev_set(tmp_path, corpus):
    ads = fixture_ads(corpus)
    stored = check_migration_008(tmp_path, ads)
    assert len(ads) > 1200 and len(stored) <= 7  # only fixtures: no dev-set text is stored


def test_migration_keeps_raw_search_and_renormalize(tmp_path):
    check_migration(tmp_path, fixture_ads())


def test_migration_on_the_real_adzuna_dev_set(tmp_path, corpus):
    ads = fixture_ads(corpus)
    assert len(ads) > 1200
    check_migration(tmp_path, ads)


def test_new_store_path_searches_like_the_old_one(tmp_path, corpus):
    from db.store import upsert_ads

    ads = fixture_ads(corpus)
    old = old_database(tmp_path / "old.db", ads)
    old_search = search_ids(old)
    old.close()
    new = sqlite_utils.Database(tmp_path / "new.db")
    ensure_schema(new)
    upsert_ads(new, ads, seen_at="2026-01-01T00:00:00+00:00")
    assert search_ids(new) == old_search
    assert_fts_matches_table(new)
    # the stored ad is smaller: the description is no longer repeated inside raw
    plain = sqlite3.connect(tmp_path / "new.db")
    stored, full = plain.execute(
        "SELECT sum(length(raw)), sum(length(raw) + length(description)) FROM ads"
    ).fetchone()
    assert stored < full / 3
    plain.close()
    new.close()


@pytest.mark.parametrize("record", [{"x": 1}, [1, 2], "text", 3])
def test_odd_records_round_trip(record):
    assert raw_record(strip_raw(record, {"title": "x"}), {"title": "x"}) == record
