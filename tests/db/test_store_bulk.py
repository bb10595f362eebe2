"""The store's bulk-write details (issue 15): the content hash, the item boundary's clean check,
the page size of a new file, the page cache of a bulk writer."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
import sqlite_utils

from crawler.fields import clean_fields
from db.schema import PAGE_SIZE, open_db
from db.store import BULK_CACHE_KIB, content_hash, use_bulk_cache


def sha1_field_by_field(values: list) -> str:
    """The content hash as it was computed before (one update per value, then a separator)."""
    digest = hashlib.sha1()
    for value in values:
        digest.update(str(value or "").encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


@pytest.mark.parametrize(
    "row",
    [
        {"source": "adzuna", "source_id": "1", "title": "Data Scientist", "description": "£50k"},
        {"source": "x", "source_id": "2", "title": "Lone \ud800 surrogate", "salary_min_raw": 0},
        {"source": "x", "source_id": "3", "title": "T", "salary_max_raw": 90000.5, "url": None},
    ],
)
def test_content_hash_is_unchanged_for_stored_ads(row):
    # ads stored before keep their hash: a re-import of an unchanged ad counts as unchanged
    from db.schema import RAW_COLUMNS

    values = [row.get(c) for c in RAW_COLUMNS if c != "raw"]
    assert content_hash(row) == sha1_field_by_field(values)[:16]  # migration 008 cut them so


CLEAN_CASES = [
    ({"title": "ML", "raw": {"Id": "1", "Title": "ML", "Pay": "£5"}}, []),
    ({"title": "ML\x00", "raw": {"a": "b"}}, [("title", "nul")]),
    ({"title": "ML", "raw": {"a": "x\ud800"}}, [("raw", "surrogate")]),
    ({"title": "ML", "raw": {"a": {"b": "c\x00"}}}, [("raw", "nul")]),
    ({"title": "ML", "raw": {"n": 2**70}}, [("raw", "int_overflow")]),
    ({"title": "ML", "raw": {"x\x00": "y"}}, [("raw", "nul")]),
    ({"title": "ML", "raw": {"list": ["a\x00"]}}, [("raw", "nul")]),
    # CSV records: every value a string (checked joined first)
    ({"Title": "ML", "Pay": "£5", "Text": "ok"}, []),
    ({"Title": "ML", "Pay": "£5", "Text": "a\x00b"}, [("Text", "nul")]),
    ({"Title": "x\ud800", "Pay": "£5", "Text": "ok"}, [("Title", "surrogate")]),
    ({"Title": "ML", "Pay": None, "Text": "a\x00b"}, [("Text", "nul")]),
    # the normalize pipeline's items: absent fields None, raw a dict of strings (joined too)
    ({"title": "ML", "url": None, "raw": {"Title": "ML", "Pay": "£5"}}, []),
    ({"title": "ML", "url": None, "raw": {"Title": "ML\x00"}}, [("raw", "nul")]),
    ({"title": "ML", "url": None, "raw": {"T\ud800": "ML"}}, [("raw", "surrogate")]),
    ({"title": "ML", "url": None, "raw": {"Title": None, "x": "\ud800"}}, [("raw", "surrogate")]),
    ({"title": "ML", "url": None, "raw": {1: "a\x00"}}, [("raw", "nul")]),
    ({"title": "ML", "url": None, "raw": {"n": 2**70, "t": "ok"}}, [("raw", "int_overflow")]),
    (
        {"title": "ML", "url": None, "raw": {"Title": "ML"}, "salary_min_raw": 2**64},
        [("salary_min_raw", "int_overflow")],
    ),
    ({"title": "ML\ud800", "url": None, "raw": {"Title": "ML"}}, [("title", "surrogate")]),
]


@pytest.mark.parametrize("fields, fixes", CLEAN_CASES)
def test_clean_fields_fast_path_misses_nothing(fields, fixes):
    cleaned, found = clean_fields(fields)
    assert found == fixes
    assert (cleaned == fields) == (not fixes)  # a fix changes the value; no fix, no change


def test_new_file_gets_page_size_existing_file_keeps_its_own(tmp_path):
    db = open_db(tmp_path / "new.db")
    assert db.conn.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE
    db.close()
    old = sqlite3.connect(tmp_path / "old.db")
    old.execute("PRAGMA page_size = 4096")
    old.execute("CREATE TABLE t (x)")
    old.commit()
    old.close()
    db = open_db(tmp_path / "old.db")
    assert db.conn.execute("PRAGMA page_size").fetchone()[0] == 4096
    assert "ads" in db.table_names()
    db.close()


def test_bulk_cache_is_set_on_the_connection():
    db = sqlite_utils.Database(memory=True)
    use_bulk_cache(db)
    assert db.conn.execute("PRAGMA cache_size").fetchone()[0] == -BULK_CACHE_KIB
