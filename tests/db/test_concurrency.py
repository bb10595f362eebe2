"""Reads never write; a writer waits out another's lock instead of dropping ads; readers in loops
during an import see no error (issue 12, point 2)."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import sqlite_utils

import db.store
from db.schema import ensure_schema, open_db
from db.store import store_ads, upsert_ads

WRITES = ("INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "BEGIN", "REPLACE", "ALTER")


def ad(i: int) -> dict:
    return {
        "source": "soak",
        "source_id": str(i),
        "title": "Machine Learning Engineer",
        "description": f"Python and PyTorch, ad {i}",
        "description_text": f"Python and PyTorch, ad {i}",
        "city": ["London", "Leeds", "Bristol"][i % 3],
        "is_uk": True,
        "is_ml": True,
        "role": "ml_engineer",
        "salary_annual_mid": 50_000 + 100 * (i % 50),
        "skills": ["Python", "PyTorch"],
        "raw": {"id": str(i), "body": f"Python and PyTorch, ad {i}"},
    }


def statements_of_open(path: Path) -> list[str]:
    """The SQL an open of ``path`` (as every command does) executes."""
    seen: list[str] = []
    database = sqlite_utils.Database(path)
    database.conn.set_trace_callback(seen.append)
    ensure_schema(database)
    database.close()
    return seen


def test_opening_a_current_database_writes_nothing(tmp_path):
    path = tmp_path / "m.db"
    open_db(path).close()
    watcher = sqlite3.connect(path)
    version = watcher.execute("PRAGMA data_version").fetchone()[0]
    statements = statements_of_open(path)
    assert statements  # it does read the schema
    assert [s for s in statements if s.lstrip().upper().startswith(WRITES)] == []
    assert watcher.execute("PRAGMA data_version").fetchone()[0] == version  # no commit
    watcher.close()


def test_a_changed_view_is_recreated_once_in_one_transaction(tmp_path):
    path = tmp_path / "m.db"
    database = open_db(path)
    upsert_ads(database, [ad(i) for i in range(30)])
    expected = database.execute("SELECT * FROM bench_city").fetchall()
    database.execute("DROP VIEW bench_city")
    database.execute("CREATE VIEW bench_city AS SELECT 1 AS grp")
    database.conn.commit()
    database.close()
    statements = statements_of_open(path)
    writes = [s.split()[0].upper() for s in statements if s.lstrip().upper().startswith(WRITES)]
    assert writes[0] == "BEGIN" and writes.count("BEGIN") == 1
    assert "DROP" in writes and "CREATE" in writes
    reopened = open_db(path)
    assert reopened.execute("SELECT * FROM bench_city").fetchall() == expected
    reopened.close()
    assert [s for s in statements_of_open(path) if s.lstrip().upper().startswith(WRITES)] == []


def test_import_with_concurrent_readers_and_a_lock_holder_loses_nothing(tmp_path, monkeypatch):
    """A writer stores 3,000 ads in batches of 100 while: a CLI-like reader opens the database
    and reads bench_city, a plain sqlite3 reader and a read-only (Datasette-like) reader loop
    over bench_city and ads, and another writer holds the write lock 0.3 s at a time, longer
    than the importer's busy_timeout (50 ms), so the importer must retry."""
    path = tmp_path / "soak.db"
    open_db(path).close()
    monkeypatch.setattr(db.store, "LOCK_RETRIES", (0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2))
    done = threading.Event()
    errors: list[str] = []
    reads = {"cli": 0, "sqlite3": 0, "readonly": 0, "locks": 0}
    result: dict = {}

    def writer() -> None:
        database = open_db(path)
        database.conn.execute("PRAGMA busy_timeout = 50")
        counts = db.store.UpsertCounts()
        try:
            for start in range(0, 3000, 100):
                counts.add(store_ads(database, [ad(i) for i in range(start, start + 100)]))
        finally:
            database.close()
            result["counts"] = counts
            done.set()

    def loop(name: str, read) -> None:
        deadline = time.monotonic() + 120
        while not done.is_set() and time.monotonic() < deadline:
            try:
                read()
                reads[name] += 1
            except Exception as exc:  # noqa: BLE001 - every reader error is a failure
                errors.append(f"{name}: {exc!r}")
            time.sleep(0.002)

    def cli_read() -> None:
        database = open_db(path, create=False)
        database.execute("SELECT * FROM bench_city").fetchall()
        database.close()

    def plain_read() -> None:
        conn = sqlite3.connect(path, timeout=5)
        conn.execute("SELECT * FROM bench_city").fetchall()
        conn.close()

    def readonly_read() -> None:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        conn.execute("SELECT count(*) FROM ads").fetchone()
        conn.execute("SELECT * FROM bench_city").fetchall()
        conn.close()

    def lock_holder() -> None:
        conn = sqlite3.connect(path, timeout=5, isolation_level=None)
        deadline = time.monotonic() + 120
        while not done.is_set() and time.monotonic() < deadline:
            conn.execute("BEGIN IMMEDIATE")
            time.sleep(0.3)
            conn.execute("COMMIT")
            reads["locks"] += 1
            time.sleep(0.05)
        conn.close()

    threads = [
        threading.Thread(target=writer),
        threading.Thread(target=loop, args=("cli", cli_read)),
        threading.Thread(target=loop, args=("sqlite3", plain_read)),
        threading.Thread(target=loop, args=("readonly", readonly_read)),
        threading.Thread(target=lock_holder),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    counts = result["counts"]
    assert (counts.new, counts.failed) == (3000, {})
    assert errors == []
    # every reader and the lock holder really ran (at least once: a loaded machine runs few)
    assert min(reads.values()) >= 1
    check = sqlite3.connect(path)
    assert check.execute("SELECT count(*) FROM ads").fetchone()[0] == 3000
    assert check.execute("SELECT sum(ads) FROM bench_city").fetchone()[0] == 3000
    check.close()


def test_an_ad_that_cannot_be_stored_is_named(tmp_path, monkeypatch):
    path = tmp_path / "m.db"
    open_db(path).close()
    monkeypatch.setattr(db.store, "LOCK_RETRIES", (0.01,))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer that never lets go
    database = open_db(path)
    database.conn.execute("PRAGMA busy_timeout = 10")
    counts = store_ads(database, [ad(1), ad(2)])
    assert (counts.new, sorted(counts.failed)) == (0, ["soak:1", "soak:2"])
    assert "locked" in counts.failed["soak:1"]
    holder.execute("COMMIT")
    counts = store_ads(database, [ad(1), ad(2)])
    assert (counts.new, counts.failed) == (2, {})
    holder.close()
    database.close()
