"""Writes: upsert ads keyed ``<source>:<source_id>``, record crawl runs, renormalize, store
reference series.

Every function takes a ``sqlite_utils.Database`` whose schema :func:`db.schema.ensure_schema`
created. Writes happen in one transaction per call (``BEGIN IMMEDIATE``), so a failure leaves
no half row; a write that finds the database locked by another writer is retried with backoff
(:data:`LOCK_RETRIES`) after the connection's ``busy_timeout`` ran out.

``raw`` is stored without the strings its record shares with the raw columns, its columns map
kept once in ``raw_layouts`` (:mod:`db.raw`); :func:`raw_record` and :func:`raw_json` rebuild
the whole record. ``description_text`` is written to its stored column only when it is not the
folded description (:data:`db.schema.TEXT_STORED`); it reads the same either way.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from db.raw import (  # noqa: F401 (raw_json, raw_record, strip_raw: part of db.store's API)
    join_raw,
    layout_ids,
    load_layouts,
    raw_json,
    raw_record,
    split_raw,
    strip_raw,
    to_json,
)
from db.schema import (
    ADS_COLUMNS,
    CONTENT_HASH_CHARS,
    NORMALIZED_COLUMNS,
    RAW_COLUMNS,
    RAW_STRING_COLUMNS,
    TEXT_STORED,
    fts_triggers_dropped,
    stored_text,
    text_of,
)

logger = logging.getLogger(__name__)

#: Page cache (KiB) of a connection that writes many ads (:func:`use_bulk_cache`): the ads
#: table's nine indexes and the FTS index take random pages; SQLite's default is 2 MiB.
BULK_CACHE_KIB = 65_536

#: Waits (seconds) before each retry of a write that failed with "database is locked"/"busy"
#: after the connection's ``busy_timeout``; then the write fails.
LOCK_RETRIES: tuple[float, ...] = (0.1, 0.3, 1.0, 3.0)


@dataclass
class UpsertCounts:
    """What an upsert did: ads inserted, ads whose raw fields changed, ads seen again unchanged,
    and (:func:`store_ads` only) the ads not stored: ``failed`` maps ``"<source>:<source_id>"``
    (or the ad's URL/title when it has no key) to the error."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: dict[str, str] = field(default_factory=dict)

    def add(self, other: UpsertCounts) -> None:
        """Add ``other``'s counts and failures to these."""
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.failed.update(other.failed)


def _is_lock_error(exc: BaseException) -> bool:
    message = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in message or "busy" in message)


def write_transaction(db: sqlite_utils.Database, write: Callable[[], Any]) -> Any:
    """Run ``write()`` in one ``BEGIN IMMEDIATE`` transaction and return its result.

    A "database is locked"/"busy" error (another writer held the lock longer than the
    connection's ``busy_timeout``) rolls back and retries after each wait of
    :data:`LOCK_RETRIES`; any other error, or a lock error after the last retry, rolls back and
    is raised (``sqlite3.Error``). Nothing of a failed attempt is written. Called while the
    connection has a transaction open, ``write()`` joins it and the whole is committed.
    """
    if db.conn.in_transaction:  # the caller's open transaction: join it, as ``with conn`` did
        with db.conn:
            return write()
    for wait in (*LOCK_RETRIES, None):
        try:
            db.conn.execute("BEGIN IMMEDIATE")
            try:
                result = write()
                db.conn.commit()
                return result
            except BaseException:
                if db.conn.in_transaction:
                    db.conn.rollback()
                raise
        except sqlite3.OperationalError as exc:
            if wait is None or not _is_lock_error(exc):
                raise
            logger.warning("database locked (%s); retrying the write in %.1f s", exc, wait)
            time.sleep(wait)
    raise AssertionError("unreachable")


def use_bulk_cache(db: sqlite_utils.Database) -> None:
    """Give ``db``'s connection a page cache of :data:`BULK_CACHE_KIB` KiB (for imports, crawls
    and renormalize; about 5% less CPU per ad stored at 50,000 ads, bench/import.py). Memory
    only: what is written and when it is committed do not change."""
    db.conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")


def ad_key(source: str, source_id: str) -> str:
    """The primary key of an ad: ``"<source>:<source_id>"``."""
    return f"{source}:{source_id}"


def utcnow() -> str:
    """Current UTC time, ISO 8601 with seconds (the format of ``first_seen``/``last_seen``)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


_PLAIN = frozenset((str, float, int, type(None)))


def _column_value(value: Any) -> Any:
    if type(value) in _PLAIN:  # most values: no conversion
        return value
    if isinstance(value, dict | list | tuple):
        return to_json(value)  # a JSON encoder built once: about 3.5 us of an ad's row
    if isinstance(value, bool):
        return int(value)
    return value


def _digest(values: Iterable[Any]) -> str:
    # SHA-1 of each value's text followed by a unit separator (one update: the same bytes)
    text = "".join(f"{value or ''}\x1f" for value in values)
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:CONTENT_HASH_CHARS]


def content_hash(row: Mapping[str, Any]) -> str:
    """The first :data:`db.schema.CONTENT_HASH_CHARS` hex digits of the SHA-1 of the raw
    columns (except ``raw``), to tell a changed ad from the same ad seen again."""
    return _digest(row.get(c) for c in RAW_COLUMNS if c != "raw")


_INSERT_COLUMNS = tuple(ADS_COLUMNS)
_INDEX = {c: i for i, c in enumerate(_INSERT_COLUMNS)}


def _written(column: str) -> str:
    # description_text is generated: its value goes to the stored column, as stored_text gives
    return TEXT_STORED if column == "description_text" else column


_UPSERT_SQL = (
    f"INSERT INTO ads ({', '.join(map(_written, _INSERT_COLUMNS))}) "
    f"VALUES ({', '.join('?' for _ in _INSERT_COLUMNS)}) "
    "ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(
        f"{_written(c)} = excluded.{_written(c)}"
        for c in _INSERT_COLUMNS
        if c not in ("id", "first_seen")
    )
)
_ID, _TITLE, _TEXT, _HASH = (_INDEX[c] for c in ("id", "title", "description_text", "content_hash"))
_RAW, _DESCRIPTION = _INDEX["raw"], _INDEX["description"]
_STORED = len(_INSERT_COLUMNS)  # ad_row's value after the columns: the text as stored
_COLUMNS_BUT_RAW = tuple(c for c in _INSERT_COLUMNS if c != "raw")
_HASHED = tuple(_INDEX[c] for c in RAW_COLUMNS if c != "raw")
_RAW_STRINGS_AT = tuple(_INDEX[c] for c in RAW_STRING_COLUMNS)
_REQUIRED_AT = tuple((c, _INDEX[c]) for c in ("source", "source_id", "title"))
_SQL_CHUNK = 500  # ids per "IN (...)" lookup, under SQLite's parameter limit


def ad_row(ad: Mapping[str, Any]) -> tuple[list[Any], list[str]]:
    """One normalized ad (the mapping :func:`upsert_ads` takes) -> (its ``ads`` row in column
    order, its skills), each value converted once; ``raw`` is :func:`split_raw`'s pair, joined
    (:func:`_as_stored`) inside the write; ``first_seen``/``last_seen`` are left for
    :func:`upsert_rows` to set; one more value after the columns: the stored form of the text
    (:func:`db.schema.stored_text`, the column's value; ``description_text`` keeps the text for
    the full-text index). Pure CPU work (JSON of ``raw``, the content hash, the text's fold), so
    an import may build rows in worker processes (``crawler.import_parallel``). Raises
    ``KeyError`` for a missing ``source``, ``source_id`` or ``title``."""
    get = ad.get
    plain = _PLAIN
    row = [v if type(v) in plain else _column_value(v) for v in map(get, _COLUMNS_BUT_RAW)]
    row.insert(_RAW, None)
    for required, at in _REQUIRED_AT:
        if not row[at]:
            raise KeyError(f"ad without {required}: {ad.get('url') or ad.get('title')!r}")
    at = row.__getitem__
    row[_ID] = ad_key(row[_INDEX["source"]], row[_INDEX["source_id"]])
    held = dict(zip(RAW_STRING_COLUMNS, map(at, _RAW_STRINGS_AT), strict=True))
    row[_RAW] = split_raw(get("raw"), held)
    row[_HASH] = _digest(map(at, _HASHED))
    row[_INDEX["expired_at"]] = None
    row.append(stored_text(row[_TEXT], row[_DESCRIPTION]))  # _STORED: dropped by _as_stored
    return row, list(ad.get("skills") or ())


def row_values(row: list[Any], columns: Iterable[str]) -> dict[str, Any]:
    """``{column: value}`` of the ``ads`` columns ``columns`` in a row built by
    :func:`ad_row` (values as stored: a list or dict as its JSON). Raises ``KeyError`` for a
    name that is not an ``ads`` column."""
    return {column: row[_INDEX[column]] for column in columns}


def _as_stored(conn: sqlite3.Connection, rows: list[list[Any]]) -> list[list[Any]]:
    """Copies of built rows as ``ads`` stores them: ``raw`` with its columns map replaced by
    the map's ``raw_layouts`` id (new maps added, in the caller's transaction), the text as
    :func:`db.schema.stored_text` gave it in :func:`ad_row`."""
    ids = layout_ids(conn, (row[_RAW][0] for row in rows if row[_RAW][0] is not None))
    out = []
    for built in rows:
        pointers, remainder = built[_RAW]
        row = built[:_STORED]
        row[_RAW] = None if remainder is None else join_raw(ids.get(pointers), remainder)
        row[_TEXT] = built[_STORED]
        out.append(row)
    return out


def _marks(values: list[Any]) -> str:
    return ", ".join("?" * len(values))


def _chunks(items: list[Any], size: int = _SQL_CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _with_bulk_fts(
    db: sqlite_utils.Database,
    stale: list[tuple[int, Any, Any]],
    write: Callable[[], Any],
    fresh: Callable[[], Iterable[tuple[int, Any, Any]]],
) -> None:
    """Run ``write()`` with the FTS triggers dropped for this transaction
    (:func:`db.schema.fts_triggers_dropped`: a trigger costs every row even when it would skip
    it), keeping ``ads_fts`` exact in bulk: the entries ``stale``
    (``(rowid, old title, old description_text)``) are removed before, and the entries
    ``fresh()`` gives (the same shape, new values) are added after, from the values the
    caller holds (no read of the generated ``description_text``, which folds in SQL at ~20x
    the cost of :func:`db.schema.fold_text`; FTS5 takes them as fast as an ``INSERT ...
    SELECT``)."""
    with fts_triggers_dropped(db.conn):
        db.conn.executemany(
            "INSERT INTO ads_fts (ads_fts, rowid, title, description_text) "
            "VALUES ('delete', ?, ?, ?)",
            stale,
        )
        write()
        db.conn.executemany(
            "INSERT INTO ads_fts (rowid, title, description_text) VALUES (?, ?, ?)", fresh()
        )


def upsert_ads(
    db: sqlite_utils.Database, ads: Iterable[Mapping[str, Any]], seen_at: str | None = None
) -> UpsertCounts:
    """Insert or update ads, in one transaction, and return what changed.

    Each ad is a mapping with the raw columns (``source``, ``source_id`` and ``title``
    required; ``raw`` the source record, any JSON-able value, stored as :mod:`db.raw`
    describes), the normalized columns and ``skills`` (list of canonical names). An existing
    ad keeps its ``first_seen``; ``last_seen`` becomes ``seen_at`` (default: now, UTC) and
    ``expired_at`` is cleared. ``ad_skills`` rows are replaced. ``ads_fts`` is updated in bulk
    for the new ads and those whose title or text changed (the triggers stand aside). Raises
    ``KeyError`` for a missing required field and ``sqlite3.Error`` on a database failure
    (a lock is retried first, see :func:`write_transaction`), in which case nothing of the
    batch is written. The same as :func:`upsert_rows` of each ad's :func:`ad_row`.
    """
    return upsert_rows(db, [ad_row(ad) for ad in ads], seen_at)


def upsert_rows(
    db: sqlite_utils.Database,
    built: list[tuple[list[Any], list[str]]],
    seen_at: str | None = None,
) -> UpsertCounts:
    """:func:`upsert_ads` of ads already made rows by :func:`ad_row` (``(row, skills)`` each;
    the rows get ``first_seen``/``last_seen`` = ``seen_at`` here). Same transaction, counts and
    errors."""
    seen_at = seen_at or utcnow()
    if not built:
        return UpsertCounts()
    first, last = _INDEX["first_seen"], _INDEX["last_seen"]
    for row, _ in built:
        row[first] = row[last] = seen_at
    final = {row[_ID]: row for row, _ in built}  # the last occurrence of an id wins

    def write() -> UpsertCounts:
        counts = UpsertCounts()
        existing: dict[str, tuple[str, Any, Any, int]] = {}
        for chunk in _chunks(list(final)):
            cursor = db.conn.execute(
                f"SELECT id, content_hash, title, {TEXT_STORED}, description, rowid FROM ads "
                f"WHERE id IN ({_marks(chunk)})",
                chunk,
            )
            existing.update(
                (key, (old_hash, title, text_of(db.conn, stored, description), rowid))
                for key, old_hash, title, stored, description, rowid in cursor
            )
        hashes = {key: old[0] for key, old in existing.items()}
        for row, _ in built:
            key = row[_ID]
            if key not in hashes:
                counts.new += 1
            elif hashes[key] != row[_HASH]:
                counts.updated += 1
            else:
                counts.unchanged += 1
            hashes[key] = row[_HASH]
        # ads_fts: drop the entries whose title/text change, add them back after the upsert
        changed = [
            key
            for key, old in existing.items()
            if (old[1], old[2]) != (final[key][_TITLE], final[key][_TEXT])
        ]
        stale = [(existing[key][3], existing[key][1], existing[key][2]) for key in changed]
        fresh = [key for key in final if key not in existing] + changed
        rows = _as_stored(db.conn, [r for r, _ in built])

        def indexed() -> list[tuple[int, Any, Any]]:  # (rowid, title, text) of the fresh ads
            out = []
            for chunk in _chunks(fresh):
                cursor = db.conn.execute(
                    f"SELECT id, rowid FROM ads WHERE id IN ({_marks(chunk)})", chunk
                )
                out += [(rowid, final[key][_TITLE], final[key][_TEXT]) for key, rowid in cursor]
            return out

        _with_bulk_fts(db, stale, lambda: db.conn.executemany(_UPSERT_SQL, rows), indexed)
        db.conn.executemany("DELETE FROM ad_skills WHERE ad_id = ?", [(k,) for k in final])
        db.conn.executemany(
            "INSERT OR IGNORE INTO ad_skills (ad_id, skill) VALUES (?, ?)",
            [(row[_ID], skill) for row, names in built for skill in names],
        )
        return counts

    return write_transaction(db, write)


def _ad_name(ad: Mapping[str, Any]) -> str:
    if ad.get("source") and ad.get("source_id"):
        return ad_key(str(ad["source"]), str(ad["source_id"]))
    return str(ad.get("url") or ad.get("title") or "<ad without source, id, url or title>")


def store_ads(
    db: sqlite_utils.Database, ads: Iterable[Mapping[str, Any]], seen_at: str | None = None
) -> UpsertCounts:
    """:func:`upsert_ads` that never loses a batch for one bad ad, and says what it lost.

    The batch is written in one transaction (locks retried, :func:`write_transaction`); when
    that still fails, each ad is written alone, and an ad that cannot be stored is logged and
    named in the returned ``failed`` (``{"<source>:<source_id>": error}``), so a command can
    exit non-zero. Never raises for a bad ad or a database error.
    """
    batch = list(ads)
    try:
        return upsert_ads(db, batch, seen_at)
    except (KeyError, ValueError, TypeError, sqlite3.Error) as exc:
        if len(batch) == 1:
            counts = UpsertCounts(failed={_ad_name(batch[0]): repr(exc)})
            logger.error("ad %s not stored: %r", _ad_name(batch[0]), exc)
            return counts
        logger.warning("storing a batch of %d ads failed (%r); one by one", len(batch), exc)
    counts = UpsertCounts()
    for ad in batch:
        counts.add(store_ads(db, [ad], seen_at))
    return counts


def touch_ads(db: sqlite_utils.Database, ids: Iterable[str], seen_at: str | None = None) -> int:
    """Set ``last_seen`` (and clear ``expired_at``) for ads a listing still shows, without
    fetching them again. Returns how many stored ads were touched."""
    seen_at = seen_at or utcnow()
    rows = [(seen_at, i) for i in ids]
    return write_transaction(
        db,
        lambda: (
            db.conn.executemany(
                "UPDATE ads SET last_seen = ?, expired_at = NULL WHERE id = ?", rows
            ).rowcount
        ),
    )


def record_run(db: sqlite_utils.Database, spider: str, stats: Mapping[str, Any]) -> int:
    """Store one ``crawl_runs`` row for a finished spider run and return its id.

    ``stats`` is the Scrapy stats dict; the counters this project sets
    (``mljobs/items``, ``mljobs/new``, ``mljobs/updated``, ``mljobs/unchanged``,
    ``mljobs/expired``, ``mljobs/dropped/<reason>``, ``log_count/ERROR``, ``mljobs/health``,
    ``mljobs/health_reasons``) fill the columns and the whole dict is kept as JSON.
    """

    def count(key: str) -> int:
        return int(stats.get(key, 0) or 0)

    dropped = sum(int(v) for k, v in stats.items() if k.startswith("mljobs/dropped/"))
    row = {
        "spider": spider,
        "started_at": str(stats.get("start_time", "")) or None,
        "finished_at": str(stats.get("finish_time", "")) or None,
        "finish_reason": stats.get("finish_reason"),
        "items": count("mljobs/items"),
        "new": count("mljobs/new"),
        "updated": count("mljobs/updated"),
        "unchanged": count("mljobs/unchanged"),
        "expired": count("mljobs/expired"),
        "dropped": dropped,
        "errors": count("log_count/ERROR"),
        "health": stats.get("mljobs/health"),
        "health_reasons": stats.get("mljobs/health_reasons") or None,
        "stats": json.dumps(stats, default=str, sort_keys=True),
    }
    return write_transaction(db, lambda: db["crawl_runs"].insert(row).last_pk)


class _StoredAd(Mapping[str, Any]):
    """A stored ad's raw columns; ``raw`` is rebuilt (:func:`raw_json`) only when read."""

    def __init__(self, columns: dict[str, Any], layouts: Mapping[int, Mapping[str, str]]):
        self._columns = columns
        self._layouts = layouts

    def __getitem__(self, key: str) -> Any:
        if key == "raw":
            return raw_json(self._columns["raw"], self._columns, self._layouts)
        return self._columns[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)


def upsert_reference_series(
    db: sqlite_utils.Database,
    source: str,
    series: str,
    points: Mapping[str, float],
    *,
    unit: str,
    location: str | None = None,
    category: str | None = None,
    fetched_at: str | None = None,
) -> int:
    """Store the points ``{period: value}`` (e.g. ``{"2024-02": 53989.94}``, ``unit`` e.g.
    ``"GBP per year"``) of one reference series of ``source``, replacing the values held for
    the same periods (a later fetch revises them). Returns the number of points written."""
    fetched_at = fetched_at or utcnow()
    rows = [
        {
            "source": source,
            "series": series,
            "period": period,
            "value": float(value),
            "unit": unit,
            "location": location,
            "category": category,
            "fetched_at": fetched_at,
        }
        for period, value in sorted(points.items())
    ]
    with db.conn:
        db["reference_series"].upsert_all(rows, pk=("source", "series", "period"))
    return len(rows)


def renormalize(
    db: sqlite_utils.Database,
    normalize: Callable[[Mapping[str, Any]], Mapping[str, Any]],
    batch_size: int = 2000,
    map_ads: Callable[..., Iterable[Mapping[str, Any]]] = map,
) -> int:
    """Rerun ``normalize`` (raw columns -> normalized columns) over every stored ad.

    ``normalize`` gets a mapping of the raw columns (``raw`` as the whole record's JSON, as it
    was before migration 007, rebuilt only if read) plus ``first_seen`` and the stored
    ``posted_at`` (a relative date such as "Posted today" was read at crawl time, which a
    renormalize cannot recover: the caller may keep the stored value). It is applied as
    ``map_ads(normalize, ads)``, which must give the results in order (default: ``map``; the
    CLI passes one that runs it in worker processes, ``crawler.import_parallel``); the ads are
    read lazily, a batch at a time.

    Raw columns, ``first_seen`` and ``last_seen`` are untouched; normalized columns and
    ``ad_skills`` are rewritten in transactions of ``batch_size`` ads (locks retried, see
    :func:`write_transaction`); ``ads_fts`` changes, in bulk, only for ads whose text changed.
    Returns the number of ads rewritten.
    """
    sets = ", ".join(f"{_written(c)} = ?" for c in NORMALIZED_COLUMNS)
    given = ("id",) + RAW_COLUMNS + ("first_seen", "posted_at")
    raw_select = ", ".join(given + ("rowid", TEXT_STORED))
    text_at, title_at = NORMALIZED_COLUMNS.index("description_text"), given.index("title")
    description_at = given.index("description")
    use_bulk_cache(db)
    ids = [row[0] for row in db.conn.execute("SELECT id FROM ads ORDER BY id")]
    read: deque[tuple[Any, ...]] = deque()  # rows handed to map_ads, not yet written

    def stored() -> Iterator[_StoredAd]:
        for part in _chunks(ids):
            layouts = load_layouts(db.conn)  # a few rows; another writer may have added one
            cursor = db.conn.execute(
                f"SELECT {raw_select} FROM ads WHERE id IN ({_marks(part)})", part
            )
            for values in cursor.fetchall():
                read.append(values)
                yield _StoredAd(dict(zip(given, values[: len(given)], strict=True)), layouts)

    def write(updates: list, skills: list, stale: list, fresh: list) -> None:
        _with_bulk_fts(
            db,
            stale,
            lambda: db.conn.executemany(f"UPDATE ads SET {sets} WHERE id = ?", updates),
            lambda: fresh,
        )
        db.conn.executemany("DELETE FROM ad_skills WHERE ad_id = ?", [(i,) for i, _ in skills])
        db.conn.executemany(
            "INSERT OR IGNORE INTO ad_skills (ad_id, skill) VALUES (?, ?)",
            [(ad_id, s) for ad_id, names in skills for s in names],
        )

    updates, skills, stale, fresh = [], [], [], []
    for fields in map_ads(normalize, stored()):
        values = read.popleft()
        *_, rowid, old_stored = values
        description = values[description_at]
        old_text = text_of(db.conn, old_stored, description)
        update = [_column_value(fields.get(c)) for c in NORMALIZED_COLUMNS]
        if update[text_at] != old_text:  # the title is raw: it does not change here
            stale.append((rowid, values[title_at], old_text))
            fresh.append((rowid, values[title_at], update[text_at]))
        if old_stored is None and update[text_at] == old_text and old_text is not None:
            update[text_at] = None  # still the folded description: no second fold
        else:
            update[text_at] = stored_text(update[text_at], description)
        updates.append([*update, values[0]])
        skills.append((values[0], list(fields.get("skills") or ())))
        if len(updates) >= batch_size:
            batch = (updates, skills, stale, fresh)
            write_transaction(db, lambda batch=batch: write(*batch))
            updates, skills, stale, fresh = [], [], [], []
    if updates:
        write_transaction(db, lambda: write(updates, skills, stale, fresh))
    return len(ids)


# --- listing bookkeeping for incremental crawls (crawler.incremental) ---------------------------
