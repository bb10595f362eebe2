"""Upserts, crawl runs and renormalize on an in-memory database."""

from __future__ import annotations

import json

import pytest
import sqlite_utils

from db.raw import load_layouts
from db.schema import NORMALIZED_COLUMNS, ensure_schema
from db.store import raw_record, record_run, renormalize, touch_ads, upsert_ads


@pytest.fixture
def db() -> sqlite_utils.Database:
    database = sqlite_utils.Database(memory=True)
    ensure_schema(database)
    return database


def ad(source_id: str = "1", title: str = "Data Scientist", **extra) -> dict:
    return {
        "source": "test",
        "source_id": source_id,
        "title": title,
        "company": "Acme",
        "location_raw": "Leeds",
        "skills": ["Python", "SQL"],
        "raw": {"id": source_id},
        **extra,
    }


def test_schema_is_idempotent_and_has_fts(db):
    ensure_schema(db)
    assert {"ads", "ad_skills", "crawl_runs", "_migrations"} <= set(db.table_names())
    assert db["ads"].detect_fts() == "ads_fts"
    assert db["ads"].pks == ["id"]


def test_upsert_twice_changes_no_count_and_keeps_first_seen(db):
    counts = upsert_ads(db, [ad("1"), ad("2")], seen_at="2026-01-01T00:00:00+00:00")
    assert (counts.new, counts.updated, counts.unchanged) == (2, 0, 0)
    counts = upsert_ads(
        db, [ad("1"), ad("2", title="Senior Data Scientist")], seen_at="2026-02-01T00:00:00+00:00"
    )
    assert (counts.new, counts.updated, counts.unchanged) == (0, 1, 1)
    assert db["ads"].count == 2
    assert db["ad_skills"].count == 4
    row = db["ads"].get("test:2")
    assert row["title"] == "Senior Data Scientist"
    assert row["first_seen"] == "2026-01-01T00:00:00+00:00"
    assert row["last_seen"] == "2026-02-01T00:00:00+00:00"
    assert json.loads(row["raw"]) == {"layout": 1, "record": {}}
    assert list(db["raw_layouts"].rows) == [{"id": 1, "columns": '{"/id":"source_id"}'}]
    assert raw_record(row["raw"], row, load_layouts(db.conn)) == {"id": "2"}


def test_same_ad_twice_in_one_batch_counts_once(db):
    counts = upsert_ads(db, [ad("1"), ad("1")])
    assert (counts.new, counts.unchanged) == (1, 1)
    assert db["ads"].count == 1


def test_missing_required_field_writes_nothing(db):
    with pytest.raises(KeyError, match="title"):
        upsert_ads(db, [ad("1"), ad("2", title="")])
    assert db["ads"].count == 0


def test_full_text_search_on_title_and_description(db):
    upsert_ads(db, [ad("1", description_text="We use PyTorch daily"), ad("2")])
    assert [r["id"] for r in db["ads"].search("pytorch")] == ["test:1"]


def test_touch_refreshes_last_seen_and_clears_expiry(db):
    upsert_ads(db, [ad("1")], seen_at="2026-01-01T00:00:00+00:00")
    db.execute("UPDATE ads SET expired_at = '2026-01-05T00:00:00+00:00'")
    assert touch_ads(db, ["test:1", "test:unknown"], seen_at="2026-01-09T00:00:00+00:00") == 1
    row = db["ads"].get("test:1")
    assert (row["last_seen"], row["expired_at"]) == ("2026-01-09T00:00:00+00:00", None)


def test_record_run_counts_from_stats(db):
    run_id = record_run(
        db,
        "greenhouse",
        {
            "mljobs/items": 5,
            "mljobs/new": 3,
            "mljobs/updated": 1,
            "mljobs/unchanged": 1,
            "mljobs/dropped/missing_title": 2,
            "mljobs/dropped/malformed_json": 1,
            "log_count/ERROR": 1,
            "finish_reason": "finished",
        },
    )
    row = db["crawl_runs"].get(run_id)
    assert (row["spider"], row["items"], row["new"], row["dropped"], row["errors"]) == (
        "greenhouse",
        5,
        3,
        3,
        1,
    )
    assert json.loads(row["stats"])["mljobs/dropped/missing_title"] == 2


def test_renormalize_rewrites_normalized_columns_only(db):
    upsert_ads(db, [ad("1"), ad("2")], seen_at="2026-01-01T00:00:00+00:00")

    def fake_normalize(raw):
        assert raw["company"] == "Acme"  # raw columns are what it gets
        # raw is the whole record's JSON, as stored before migration 007, however it is read
        assert raw["raw"] == dict(raw)["raw"] == json.dumps({"id": raw["source_id"]})
        return {"role": "data_scientist", "city": raw["location_raw"], "skills": ["R"]}

    assert renormalize(db, fake_normalize, batch_size=1) == 2
    rows = list(db["ads"].rows)
    assert {(r["role"], r["city"], r["first_seen"]) for r in rows} == {
        ("data_scientist", "Leeds", "2026-01-01T00:00:00+00:00")
    }
    assert {r["skill"] for r in db["ad_skills"].rows} == {"R"}
    assert "title" not in NORMALIZED_COLUMNS and "first_seen" not in NORMALIZED_COLUMNS


def test_a_write_joins_the_callers_open_transaction(db):
    upsert_ads(db, [ad("1")])
    db.conn.execute("UPDATE ads SET city = 'York'")  # opens a transaction (sqlite3 legacy mode)
    assert db.conn.in_transaction
    assert touch_ads(db, ["test:1"], seen_at="2026-03-01T00:00:00+00:00") == 1
    assert not db.conn.in_transaction
    assert (db["ads"].get("test:1")["city"], db["ads"].get("test:1")["last_seen"]) == (
        "York",
        "2026-03-01T00:00:00+00:00",
    )
