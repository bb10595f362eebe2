"""Writing the vacancy step's result: ``ads.vacancy_id``, ``vacancy_matches``, ``vacancies``.

:mod:`dedup.store` computes which vacancy each ad is in; the functions here bring the three
tables to that result, inside the caller's transaction, writing only what differs from what is
stored. A row already as computed is left alone (no page written, no trigger fired); a row that
differs or is missing is written, one no longer computed is deleted. So a second run writes
nothing, and the tables end as writing every row would leave them (tests/dedup/test_writes.py).

Each table is written one of two ways, by the share of the stored ads it concerns
(:func:`many`): ``ads.vacancy_id`` by one ``UPDATE`` per ad or one ``UPDATE ... FROM`` a
temporary table (:data:`ONE_STATEMENT_SHARE`); the ``vacancies`` rows of a scope from its ads
read through the ``vacancy_id`` index or in one scan of ``ads`` (:data:`SCAN_SHARE`).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Any

import sqlite_utils

from dedup.vacancy_rows import COLUMNS, vacancy_rows

#: Keys per ``IN (...)`` query when reading stored rows back.
CHUNK = 500
#: A scope of at least 1/SCAN_SHARE of the ads is read in one scan of ``ads`` for its
#: ``vacancies`` rows rather than through the ``vacancy_id`` index (one page read per ad).
#: Measured at 200k ads: the two cost the same at 1/16 (0.39 s wall by index, 0.35 s by scan);
#: at 1/4, 1.62 s against 0.64 s; at 1/64, 0.12 s against 0.27 s.
SCAN_SHARE = 16


def many(db: sqlite_utils.Database, ads: int, share: int = 0) -> bool:
    """Whether ``ads`` ads are at least 1/``share`` (default :data:`SCAN_SHARE`) of the ads
    stored in ``db`` (one ``count(*)`` of ``ads``; true for any count when none is stored).
    Raises ``sqlite3.OperationalError`` when ``db`` has no ``ads`` table."""
    total = db.conn.execute("SELECT count(*) FROM ads").fetchone()[0]
    return ads * (share or SCAN_SHARE) >= total


_UPDATE_ADS = (
    "UPDATE ads SET vacancy_id = u.vacancy_id "
    "FROM (SELECT row, vacancy_id, ad_id FROM temp.dedup_updates ORDER BY row) AS u"
)
#: Updates of at least 1/ONE_STATEMENT_SHARE of the stored ads are written by one ``UPDATE
#: ... FROM`` a temporary table, fewer by one ``UPDATE`` per ad (measured at 200k ads: every
#: ad 3.4-3.9 s CPU against 3.9-4.3 s; one ad in ten 0.83-0.95 s against 0.66-0.68 s).
ONE_STATEMENT_SHARE = 2


def write_ads(db: sqlite_utils.Database, updates: list[tuple[int, str, str]]) -> None:
    """Set ``ads.vacancy_id`` from ``(rowid, vacancy_id, ad_id)`` rows, in rowid order (the
    table's page order: each page is written once, not once per ad in random order): one
    ``UPDATE`` per ad, or for many ads (:data:`ONE_STATEMENT_SHARE`) one ``UPDATE ... FROM``
    a temporary table of them. An ad whose rowid no longer holds it (rewritten by another
    process since it was read) is updated by its id. The rows changed are counted by the
    statements' own row counts (``total_changes`` would count rows a trigger wrote).

    ``updates`` is sorted in place; nothing is committed (the caller's transaction). Raises
    ``sqlite3.OperationalError`` when ``ads`` has no ``vacancy_id`` column (migration
    ``005_vacancies`` of :mod:`db.schema`)."""
    if not updates:
        return
    updates.sort()
    if not many(db, len(updates), ONE_STATEMENT_SHARE):
        done = db.conn.executemany(
            "UPDATE ads SET vacancy_id = ? WHERE rowid = ? AND id = ?",
            [(vac, rowid, ad_id) for rowid, vac, ad_id in updates],
        )
        if done.rowcount != len(updates):
            db.conn.executemany(
                "UPDATE ads SET vacancy_id = ? WHERE id = ?", [(v, a) for _, v, a in updates]
            )
        return
    db.conn.execute("DROP TABLE IF EXISTS temp.dedup_updates")
    db.conn.execute(
        "CREATE TEMP TABLE dedup_updates (row INTEGER PRIMARY KEY, vacancy_id TEXT, ad_id TEXT)"
    )
    db.conn.executemany("INSERT INTO temp.dedup_updates VALUES (?, ?, ?)", updates)
    # the subquery and ``+ads.id`` make the plan walk the updates in rowid order, each ad
    # found by rowid (else SQLite walks the ids' index of all ads, in id order)
    done = db.conn.execute(f"{_UPDATE_ADS} WHERE ads.rowid = u.row AND +ads.id = u.ad_id")
    if done.rowcount != len(updates):
        db.conn.execute(f"{_UPDATE_ADS} WHERE ads.id = u.ad_id")
    db.conn.execute("DROP TABLE temp.dedup_updates")


#: ``vacancy_matches`` columns in the order of a row of :func:`dedup.workers.cluster_all`.
_MATCH_COLUMNS = (
    "ad_id", "vacancy_id", "rule", "matched_ad_id", "title_score", "description_score",
    "days_apart", "block", "employer_key",
)  # fmt: skip


def _stored(
    db: sqlite_utils.Database, table: str, columns: Iterable[str], key: str, keys: list[Any]
) -> dict[Any, tuple[Any, ...]]:
    """The rows (``columns``, the first one ``key``) of ``table`` whose ``key`` is in ``keys``,
    by key: one ``IN`` query per :data:`CHUNK` keys (by the primary key's index)."""
    found: dict[Any, tuple[Any, ...]] = {}
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE {key} IN "
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        found.update(
            (r[0], r) for r in db.conn.execute(f"{sql}({','.join('?' * len(chunk))})", chunk)
        )
    return found


def _changed_rows(
    db: sqlite_utils.Database, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """The ``rows`` (sorted by their first column, the table's primary key) that ``table``
    does not hold as they are: new keys, or some column different as SQL ``IS`` would find it
    (Python ``==``: ``1 == 1.0``, as a REAL column stores either), in order. Writing only these
    leaves the table as writing all of them would."""
    if db.conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None:
        return rows  # an empty table (a first run): nothing to compare
    out: list[tuple[Any, ...]] = []
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        stored = _stored(db, table, columns, columns[0], [r[0] for r in chunk])
        out.extend(r for r in chunk if stored.get(r[0]) != r)
    return out


def write_matches(db: sqlite_utils.Database, rows: list[tuple[Any, ...]], full: bool) -> int:
    """Bring ``vacancy_matches`` to ``rows`` (one per ad recomputed; with ``full``, every ad):
    only rows that differ from the stored ones are written, and with ``full`` the rows of ads
    not among ``rows`` are deleted. Returns the rows written and deleted.

    ``rows``: tuples in the order of :data:`_MATCH_COLUMNS` (ad id, vacancy id, rule, matched
    ad id, title score 0-100, description score 0-1 or ``None``, days apart, block
    ``place|role|seniority``, employer key), as :func:`dedup.workers.cluster_all` yields them;
    sorted in place by ad id. Nothing is committed (the caller's transaction). Raises
    ``sqlite3.OperationalError`` when the table is missing (migration ``005_vacancies``)."""
    rows.sort(key=lambda r: r[0])  # in primary-key order: the index is appended to, not shuffled
    written = 0
    if full:
        ids = {r[0] for r in rows}
        gone = [
            (a,) for (a,) in db.conn.execute("SELECT ad_id FROM vacancy_matches") if a not in ids
        ]
        db.conn.executemany("DELETE FROM vacancy_matches WHERE ad_id = ?", gone)
        written += len(gone)
        del ids
    changed = _changed_rows(db, "vacancy_matches", _MATCH_COLUMNS, rows)
    db.conn.executemany(
        f"INSERT OR REPLACE INTO vacancy_matches ({', '.join(_MATCH_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(_MATCH_COLUMNS))})",
        changed,
    )
    return written + len(changed)


def write_vacancies(
    db: sqlite_utils.Database, vacancy_ids: set[str], full: bool, scan: bool
) -> int:
    """Bring ``vacancies`` to the rows of :func:`dedup.vacancy_rows.vacancy_rows` for every
    vacancy (``full``) or for ``vacancy_ids``: rows that differ from the stored ones are
    written, rows of vacancies that no longer exist (no ad holds their id) deleted. ``scan``:
    read the scope's ads in one scan of ``ads`` rather than through its ``vacancy_id`` index
    (a scope of many ads). Returns the rows written and deleted.

    ``vacancy_ids``: vacancy ids (``ads.vacancy_id`` values), unused with ``full``; without
    ``full`` they are written to ``temp.dedup_scope`` first. The rows read
    ``temp.dedup_source_kinds`` (:mod:`dedup.store` makes it before clustering). Nothing is
    committed (the caller's transaction). Raises ``sqlite3.OperationalError`` when that
    temporary table or the ``vacancies`` table is missing."""
    if not full:
        db.conn.execute("DROP TABLE IF EXISTS temp.dedup_scope")
        db.conn.execute("CREATE TEMP TABLE dedup_scope (vacancy_id TEXT PRIMARY KEY)")
        db.conn.executemany(
            "INSERT INTO temp.dedup_scope VALUES (?)", [(v,) for v in sorted(vacancy_ids)]
        )
    kept: set[str] = set()
    written = 0
    insert = (
        f"INSERT OR REPLACE INTO vacancies ({', '.join(COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(COLUMNS))})"
    )
    rows = vacancy_rows(db.conn, scoped=not full, scan=scan)
    while batch := list(islice(rows, CHUNK)):  # by vacancy id: in primary-key order
        kept.update(r[0] for r in batch)
        changed = _changed_rows(db, "vacancies", COLUMNS, batch)
        db.conn.executemany(insert, changed)
        written += len(changed)
    if full:
        gone = [(v,) for (v,) in db.conn.execute("SELECT id FROM vacancies") if v not in kept]
    else:
        gone = [(v,) for v in sorted(vacancy_ids) if v not in kept]
    db.conn.executemany("DELETE FROM vacancies WHERE id = ?", gone)
    return written + len(gone)
