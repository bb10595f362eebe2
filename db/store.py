"""Writes: upsert ads keyed ``<source>:<source_id>``, record crawl runs, renormalize, store
reference series.

Every function takes a ``sqlite_utils.Database`` whose schema :func:`db.schema.ensure_schema`
created. Writes happen in one transaction per call, so a failure leaves no half row.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from db.schema import ADS_COLUMNS, NORMALIZED_COLUMNS, RAW_COLUMNS


@dataclass
class UpsertCounts:
    """What an upsert did: ads inserted, ads whose raw fields changed, ads seen again unchanged."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0


def ad_key(source: str, source_id: str) -> str:
    """The primary key of an ad: ``"<source>:<source_id>"``."""
    return f"{source}:{source_id}"


def utcnow() -> str:
    """Current UTC time, ISO 8601 with seconds (the format of ``first_seen``/``last_seen``)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _column_value(value: Any) -> Any:
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if isinstance(value, bool):
        return int(value)
    return value


def content_hash(row: Mapping[str, Any]) -> str:
    """SHA-1 of the raw columns (except ``raw``), to tell a changed ad from one seen again."""
    digest = hashlib.sha1()
    for column in RAW_COLUMNS:
        if column != "raw":
            digest.update(str(row.get(column) or "").encode("utf-8", "surrogatepass"))
            digest.update(b"\x1f")
    return digest.hexdigest()


_UPDATE_COLUMNS = tuple(c for c in ADS_COLUMNS if c not in ("id", "first_seen"))
_INSERT_COLUMNS = tuple(ADS_COLUMNS)
_UPSERT_SQL = (
    f"INSERT INTO ads ({', '.join(_INSERT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _INSERT_COLUMNS)}) "
    f"ON CONFLICT(id) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in _UPDATE_COLUMNS)
)


def upsert_ads(
    db: sqlite_utils.Database, ads: Iterable[Mapping[str, Any]], seen_at: str | None = None
) -> UpsertCounts:
    """Insert or update ads, in one transaction, and return what changed.

    Each ad is a mapping with the raw columns (``source``, ``source_id`` and ``title``
    required), the normalized columns and ``skills`` (list of canonical names). An existing
    ad keeps its ``first_seen``; ``last_seen`` becomes ``seen_at`` (default: now, UTC) and
    ``expired_at`` is cleared. ``ad_skills`` rows are replaced. Raises ``KeyError`` for a
    missing required field and ``sqlite3.Error`` on a database failure, in which case nothing
    of the batch is written.
    """
    seen_at = seen_at or utcnow()
    counts = UpsertCounts()
    rows, skills = [], []
    for ad in ads:
        row = {c: _column_value(ad.get(c)) for c in _INSERT_COLUMNS}
        for required in ("source", "source_id", "title"):
            if not row[required]:
                raise KeyError(f"ad without {required}: {row.get('url') or row.get('title')!r}")
        row["id"] = ad_key(row["source"], row["source_id"])
        row["content_hash"] = content_hash(row)
        row["first_seen"] = row["last_seen"] = seen_at
        row["expired_at"] = None
        rows.append(row)
        skills.append((row["id"], list(ad.get("skills") or ())))
    if not rows:
        return counts
    with db.conn:
        existing: dict[str, str] = {}
        ids = [r["id"] for r in rows]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            cursor = db.conn.execute(
                f"SELECT id, content_hash FROM ads WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            existing.update(cursor.fetchall())
        for row in rows:
            old = existing.get(row["id"], None)
            if row["id"] not in existing:
                counts.new += 1
            elif old != row["content_hash"]:
                counts.updated += 1
            else:
                counts.unchanged += 1
            existing[row["id"]] = row["content_hash"]
        db.conn.executemany(_UPSERT_SQL, [tuple(r[c] for c in _INSERT_COLUMNS) for r in rows])
        db.conn.executemany("DELETE FROM ad_skills WHERE ad_id = ?", [(i,) for i, _ in skills])
        db.conn.executemany(
            "INSERT OR IGNORE INTO ad_skills (ad_id, skill) VALUES (?, ?)",
            [(ad_id, skill) for ad_id, names in skills for skill in names],
        )
    return counts


def touch_ads(db: sqlite_utils.Database, ids: Iterable[str], seen_at: str | None = None) -> int:
    """Set ``last_seen`` (and clear ``expired_at``) for ads a listing still shows, without
    fetching them again. Returns how many stored ads were touched."""
    seen_at = seen_at or utcnow()
    with db.conn:
        cursor = db.conn.executemany(
            "UPDATE ads SET last_seen = ?, expired_at = NULL WHERE id = ?",
            [(seen_at, i) for i in ids],
        )
    return cursor.rowcount


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
    with db.conn:
        return db["crawl_runs"].insert(row).last_pk


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
    batch_size: int = 1000,
) -> int:
    """Rerun ``normalize`` (raw columns -> normalized columns) over every stored ad.

    ``normalize`` gets a mapping of the raw columns plus ``first_seen`` and the stored
    ``posted_at`` (a relative date such as "Posted today" was read at crawl time, which a
    renormalize cannot recover: the caller may keep the stored value).

    Raw columns, ``first_seen`` and ``last_seen`` are untouched; normalized columns and
    ``ad_skills`` are rewritten in transactions of ``batch_size`` ads. Returns the number of ads
    rewritten.
    """
    sets = ", ".join(f"{c} = ?" for c in NORMALIZED_COLUMNS)
    raw_select = ", ".join(("id",) + RAW_COLUMNS + ("first_seen", "posted_at"))
    ids = [row[0] for row in db.conn.execute("SELECT id FROM ads ORDER BY id")]
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        cursor = db.conn.execute(
            f"SELECT {raw_select} FROM ads WHERE id IN ({', '.join('?' * len(chunk))})", chunk
        )
        columns = [d[0] for d in cursor.description]
        updates, skills = [], []
        for values in cursor.fetchall():
            raw = dict(zip(columns, values, strict=True))
            fields = normalize(raw)
            updates.append([_column_value(fields.get(c)) for c in NORMALIZED_COLUMNS] + [raw["id"]])
            skills.append((raw["id"], list(fields.get("skills") or ())))
        with db.conn:
            db.conn.executemany(f"UPDATE ads SET {sets} WHERE id = ?", updates)
            db.conn.executemany("DELETE FROM ad_skills WHERE ad_id = ?", [(i,) for i, _ in skills])
            db.conn.executemany(
                "INSERT OR IGNORE INTO ad_skills (ad_id, skill) VALUES (?, ?)",
                [(ad_id, s) for ad_id, names in skills for s in names],
            )
    return len(ids)


# --- listing bookkeeping for incremental crawls (crawler.incremental) ---------------------------


def listing_fingerprints(db: sqlite_utils.Database, source: str) -> dict[str, str]:
    """``{ad id: fingerprint}`` of the ads of ``source`` that are held in ``ads`` (expired ones
    included), as the source's listing last described them (see :func:`save_listings`)."""
    cursor = db.conn.execute(
        "SELECT l.id, l.fingerprint FROM listings l JOIN ads a ON a.id = l.id WHERE l.source = ?",
        [source],
    )
    return dict(cursor.fetchall())


def save_listings(
    db: sqlite_utils.Database,
    source: str,
    fingerprints: Mapping[str, str],
    listed_at: str | None = None,
) -> int:
    """Remember what the listing of ``source`` said about each ad (``{ad id: fingerprint}``),
    in one transaction. Only ads held in ``ads`` are remembered, so an ad that was listed but
    never stored is fetched again next time. Returns the number of rows written."""
    listed_at = listed_at or utcnow()
    rows = [(ad_id, source, fp, listed_at, ad_id) for ad_id, fp in fingerprints.items()]
    with db.conn:
        cursor = db.conn.executemany(
            "INSERT INTO listings (id, source, fingerprint, listed_at) "
            "SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM ads WHERE id = ?) "
            "ON CONFLICT(id) DO UPDATE SET source = excluded.source, "
            "fingerprint = excluded.fingerprint, listed_at = excluded.listed_at",
            rows,
        )
    return max(cursor.rowcount, 0)


def expire_unlisted(
    db: sqlite_utils.Database,
    id_prefix: str,
    listed_ids: Iterable[str],
    expired_at: str | None = None,
) -> int:
    """Set ``expired_at`` on the live ads whose id starts with ``id_prefix`` (one ATS board:
    ``"greenhouse:monzo:"``) and that are not in ``listed_ids``: a complete listing of that
    scope no longer shows them. Ads already expired keep their first ``expired_at``; an ad
    listed again is revived by :func:`upsert_ads` or :func:`touch_ads`. Returns how many ads
    were expired."""
    expired_at = expired_at or utcnow()
    listed = set(listed_ids)
    cursor = db.conn.execute(
        "SELECT id FROM ads WHERE substr(id, 1, ?) = ? AND expired_at IS NULL",
        [len(id_prefix), id_prefix],
    )
    gone = [(expired_at, ad_id) for (ad_id,) in cursor.fetchall() if ad_id not in listed]
    with db.conn:
        db.conn.executemany("UPDATE ads SET expired_at = ? WHERE id = ?", gone)
    return len(gone)


def live_ads(db: sqlite_utils.Database, id_prefix: str) -> int:
    """How many live (not expired) ads the database holds whose id starts with ``id_prefix``
    (``"greenhouse:gitlab:"``: one board's ads)."""
    row = db.conn.execute(
        "SELECT count(*) FROM ads WHERE substr(id, 1, ?) = ? AND expired_at IS NULL",
        [len(id_prefix), id_prefix],
    ).fetchone()
    return int(row[0])
