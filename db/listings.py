"""What each source's listing last held (``listings``) and the ads it no longer lists: the
incremental-crawl state that :mod:`crawler.incremental` keeps in the database (fingerprints,
expiry). Writes go through :func:`db.store.write_transaction` (locked writes retried)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import sqlite_utils

from db.store import utcnow, write_transaction


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
    cursor = write_transaction(
        db,
        lambda: db.conn.executemany(
            "INSERT INTO listings (id, source, fingerprint, listed_at) "
            "SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM ads WHERE id = ?) "
            "ON CONFLICT(id) DO UPDATE SET source = excluded.source, "
            "fingerprint = excluded.fingerprint, listed_at = excluded.listed_at",
            rows,
        ),
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
    write_transaction(
        db, lambda: db.conn.executemany("UPDATE ads SET expired_at = ? WHERE id = ?", gone)
    )
    return len(gone)


def live_ads(db: sqlite_utils.Database, id_prefix: str) -> int:
    """How many live (not expired) ads the database holds whose id starts with ``id_prefix``
    (``"greenhouse:gitlab:"``: one board's ads)."""
    row = db.conn.execute(
        "SELECT count(*) FROM ads WHERE substr(id, 1, ?) = ? AND expired_at IS NULL",
        [len(id_prefix), id_prefix],
    ).fetchone()
    return int(row[0])
