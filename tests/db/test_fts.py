"""ads_fts against the ads table after every write path: it must index exactly what ads holds."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from db.schema import ensure_schema
from db.store import renormalize, store_ads, upsert_ads


@pytest.fixture
def db(tmp_path) -> sqlite_utils.Database:
    database = sqlite_utils.Database(tmp_path / "fts.db")
    database.file = tmp_path / "fts.db"
    ensure_schema(database)
    yield database
    database.close()


def ad(source_id: str, title: str = "Data Scientist", text: str = "Python and SQL", **extra):
    return {
        "source": "test",
        "source_id": source_id,
        "title": title,
        "description": f"<p>{text}</p>",
        "description_text": text,
        "raw": {"id": source_id, "body": f"<p>{text}</p>", "extra": "kept"},
        **extra,
    }


def index_entries(conn: sqlite3.Connection, schema: str, table: str) -> list[tuple]:
    """Every (term, rowid, column, offset) of an FTS5 index, sorted."""
    vocab = f"v_{schema}_{table}"
    conn.execute(f"CREATE VIRTUAL TABLE temp.{vocab} USING fts5vocab({schema}, {table}, instance)")
    try:
        return sorted(conn.execute(f"SELECT term, doc, col, offset FROM temp.{vocab}"))
    finally:
        conn.execute(f"DROP TABLE temp.{vocab}")


def assert_fts_matches_table(db: sqlite_utils.Database) -> None:
    """ads_fts holds exactly the tokens of ads' title and description_text, row for row."""
    conn = db.conn
    conn.execute(
        "CREATE VIRTUAL TABLE temp.ref_fts USING fts5(title, description_text, tokenize='porter')"
    )
    try:
        conn.execute(
            "INSERT INTO temp.ref_fts (rowid, title, description_text) "
            "SELECT rowid, title, description_text FROM ads"
        )
        expected = index_entries(conn, "temp", "ref_fts")
    finally:
        conn.execute("DROP TABLE temp.ref_fts")
        conn.commit()
    assert index_entries(conn, "main", "ads_fts") == expected
    assert conn.execute("SELECT count(*) FROM _fts_deferred").fetchone()[0] == 0
    conn.commit()


def fts_segments(db: sqlite_utils.Database) -> list[tuple]:
    """The FTS5 segment store: unchanged when no FTS work was done."""
    return db.execute("SELECT id, block FROM ads_fts_data ORDER BY id").fetchall()


def test_every_write_path_keeps_fts_exact(db):
    upsert_ads(db, [ad("1"), ad("2", text="PyTorch in London"), ad("3", title="ML Engineer")])
    assert_fts_matches_table(db)
    assert [r["id"] for r in db["ads"].search("pytorch")] == ["test:2"]

    # update, title and text unchanged (another raw field changed): no FTS work at all
    before = fts_segments(db)
    counts = upsert_ads(db, [ad("1", salary_raw="£50,000"), ad("2", text="PyTorch in London")])
    assert (counts.new, counts.updated, counts.unchanged) == (0, 1, 1)
    assert fts_segments(db) == before
    assert_fts_matches_table(db)

    # update with changed text and title; a new ad in the same batch; an id twice in a batch
    upsert_ads(
        db,
        [
            ad("2", text="JAX in Leeds"),
            ad("4", text="Rust"),
            ad("3", title="Senior ML Engineer", text="first"),
            ad("3", title="Senior ML Engineer", text="TensorFlow wins"),
        ],
    )
    assert_fts_matches_table(db)
    assert [r["id"] for r in db["ads"].search("pytorch")] == []
    assert [r["id"] for r in db["ads"].search("tensorflow")] == ["test:3"]
    assert [r["id"] for r in db["ads"].search("first")] == []

    # renormalize with the same text: no FTS work; with a changed text: exact
    before = fts_segments(db)
    assert renormalize(db, lambda raw: {"description_text": raw["description"][3:-4]}) == 4
    assert fts_segments(db) == before
    assert renormalize(db, lambda raw: {"description_text": raw["title"] + " kubernetes"}) == 4
    assert_fts_matches_table(db)
    assert len(list(db["ads"].search("kubernetes"))) == 4

    # a writer outside mljobs (sqlite3 shell, Datasette plugin) goes through the triggers;
    # description_text is generated: it writes the description or the stored text
    plain = sqlite3.connect(db.file)
    with plain:
        plain.execute(
            "INSERT INTO ads (id, source, source_id, title, description) "
            "VALUES ('x:1', 'x', '1', 'Outside writer', '  haskell   and  elm ')"
        )
        plain.execute("UPDATE ads SET description_text_stored = 'ocaml' WHERE id = 'test:4'")
        plain.execute("UPDATE ads SET description = 'fortran' WHERE id = 'test:3'")
        plain.execute("UPDATE ads SET city = 'Leeds' WHERE id = 'test:1'")
        plain.execute("DELETE FROM ads WHERE id = 'test:2'")
    plain.close()
    assert_fts_matches_table(db)
    assert db["ads"].get("x:1")["description_text"] == "haskell and elm"
    assert [r["id"] for r in db["ads"].search("ocaml")] == ["test:4"]
    assert [r["id"] for r in db["ads"].search("elm")] == ["x:1"]
    assert [r["id"] for r in db["ads"].search("jax")] == []


def test_failed_batch_leaves_fts_and_table_unchanged(db):
    upsert_ads(db, [ad("1")])
    before = fts_segments(db)
    with pytest.raises(KeyError):
        upsert_ads(db, [ad("1", text="changed"), ad("2", title="")])
    assert fts_segments(db) == before
    counts = store_ads(db, [ad("1", text="changed"), ad("2", title=""), ad("3")])
    assert (counts.new, counts.updated) == (1, 1)
    assert list(counts.failed) == ["test:2"]
    assert "title" in counts.failed["test:2"]
    assert_fts_matches_table(db)


def _triggers(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    ).fetchall()


def test_fts_triggers_dropped_only_inside_the_transaction(tmp_path):
    from db.schema import FTS_TRIGGER_NAMES, fts_triggers_dropped, open_db

    db = open_db(tmp_path / "t.db")
    before = _triggers(db.conn)
    assert [name for name, _ in before] == sorted(FTS_TRIGGER_NAMES)
    with pytest.raises(RuntimeError):  # outside a transaction the DROP would commit at once
        with fts_triggers_dropped(db.conn):
            pass
    other = sqlite3.connect(tmp_path / "t.db")
    db.conn.execute("BEGIN IMMEDIATE")
    with fts_triggers_dropped(db.conn):
        assert _triggers(db.conn) == []
        assert _triggers(other) == before  # another connection never sees them missing
    db.conn.commit()
    assert _triggers(db.conn) == before == _triggers(other)
    db.conn.execute("BEGIN IMMEDIATE")
    with pytest.raises(ZeroDivisionError):
        with fts_triggers_dropped(db.conn):
            raise ZeroDivisionError
    db.conn.rollback()
    assert _triggers(db.conn) == before  # an error inside keeps them


def test_an_error_sqlite_rolls_back_itself_is_raised_as_it_is(tmp_path):
    # disk full: SQLite ends the transaction itself (restoring the triggers); the caller
    # sees that error, not a failed re-creation of the triggers
    from db.schema import open_db

    db = open_db(tmp_path / "full.db")
    before = _triggers(db.conn)
    pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
    db.conn.execute(f"PRAGMA max_page_count = {pages + 3}")
    ads = [ad(str(n), text="word " * 2000 + str(n)) for n in range(300)]
    with pytest.raises(sqlite3.OperationalError, match="full"):
        upsert_ads(db, ads)
    assert _triggers(db.conn) == before
    assert db.conn.execute("SELECT count(*) FROM ads").fetchone()[0] == 0
