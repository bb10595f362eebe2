"""The database schema, in one place, as named migrations run in transactions.

Tables (see DESIGN.md, "Storage sketch"):

``ads``
    one row per job ad, keyed ``id = "<source>:<source_id>"``; raw fields as the source gave
    them next to the normalized ones, ``first_seen``/``last_seen``/``expired_at`` (ISO 8601 UTC).
``ad_skills``
    ``(ad_id, skill)``, one row per canonical skill found in an ad.
``crawl_runs``
    one row per spider run: spider, start/finish times, counts, health and the full Scrapy
    stats (JSON).
``reference_series``
    figures published by a source about the market, not ads (Adzuna's monthly average
    advertised salary): one row per ``(source, series, period)``.
``vacancies``, ``vacancy_matches``, ``ads.vacancy_id``
    deduplication (:mod:`dedup`): one row per vacancy, and why each ad joined its vacancy.
``_migrations``
    the names of the migrations applied.

``ads`` has full-text search on title and description (sqlite-utils ``enable_fts`` with
triggers) and the database runs in WAL mode, so Datasette can read while cron writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

ADS_COLUMNS: dict[str, type] = {
    "id": str,
    "source": str,
    "source_id": str,
    "url": str,
    "title": str,
    "company": str,
    "location_raw": str,
    "salary_raw": str,
    "salary_min_raw": str,
    "salary_max_raw": str,
    "salary_currency_raw": str,
    "salary_period_raw": str,
    "description": str,
    "posted_raw": str,
    "employment_type_raw": str,
    "workplace_raw": str,
    "raw": str,
    # normalized
    "description_text": str,
    "salary_min": float,
    "salary_max": float,
    "salary_currency": str,
    "salary_period": str,
    "salary_period_inferred": int,
    "salary_source": str,
    "salary_annual_min": float,
    "salary_annual_max": float,
    "salary_annual_mid": float,
    "day_rate_mid": float,
    "employment_type": str,
    "city": str,
    "county": str,
    "region": str,
    "country": str,
    "is_uk": int,
    "workplace": str,
    "multi_location": int,
    "role": str,
    "seniority": str,
    "is_ml": int,
    "experience_min_years": float,
    "experience_max_years": float,
    "posted_at": str,
    "skills": str,  # JSON array, for Datasette's array facets
    "normalizer_version": str,
    # bookkeeping
    "content_hash": str,
    "first_seen": str,
    "last_seen": str,
    "expired_at": str,
}

RAW_COLUMNS: tuple[str, ...] = (
    "source",
    "source_id",
    "url",
    "title",
    "company",
    "location_raw",
    "salary_raw",
    "salary_min_raw",
    "salary_max_raw",
    "salary_currency_raw",
    "salary_period_raw",
    "description",
    "posted_raw",
    "employment_type_raw",
    "workplace_raw",
    "raw",
)
BOOKKEEPING_COLUMNS: tuple[str, ...] = (
    "id",
    "content_hash",
    "first_seen",
    "last_seen",
    "expired_at",
)
NORMALIZED_COLUMNS: tuple[str, ...] = tuple(
    c for c in ADS_COLUMNS if c not in RAW_COLUMNS and c not in BOOKKEEPING_COLUMNS
)


def _m001_initial(db: sqlite_utils.Database) -> None:
    db["ads"].create(ADS_COLUMNS, pk="id", not_null={"source", "source_id", "title"})
    for columns in (
        ["source"],
        ["city"],
        ["region"],
        ["role"],
        ["seniority"],
        ["is_ml"],
        ["posted_at"],
        ["company"],
    ):
        db["ads"].create_index(columns)
    db["ad_skills"].create(
        {"ad_id": str, "skill": str}, pk=("ad_id", "skill"), foreign_keys=[("ad_id", "ads", "id")]
    )
    db["ad_skills"].create_index(["skill"])
    db["crawl_runs"].create(
        {
            "id": int,
            "spider": str,
            "started_at": str,
            "finished_at": str,
            "finish_reason": str,
            "items": int,
            "new": int,
            "updated": int,
            "unchanged": int,
            "expired": int,
            "dropped": int,
            "errors": int,
            "stats": str,
        },
        pk="id",
    )
    db["ads"].enable_fts(["title", "description_text"], create_triggers=True, tokenize="porter")


def _m002_listings(db: sqlite_utils.Database) -> None:
    # What a source's listing last said about each held ad (crawler.incremental): a
    # re-crawl fetches an ad's detail page again only when this fingerprint changes.
    db["listings"].create({"id": str, "source": str, "fingerprint": str, "listed_at": str}, pk="id")
    db["listings"].create_index(["source"])


def _m003_reference_series(db: sqlite_utils.Database) -> None:
    # An external reference series (crawler.bases.adzuna: the history endpoint), kept apart
    # from the ads and never mixed into benchmarks.
    db["reference_series"].create(
        {
            "source": str,
            "series": str,
            "period": str,
            "value": float,
            "unit": str,
            "location": str,
            "category": str,
            "fetched_at": str,
        },
        pk=("source", "series", "period"),
    )


def _m004_run_health(db: sqlite_utils.Database) -> None:
    # Source health of a run (crawler.health): "healthy"/"unhealthy" and why.
    db["crawl_runs"].add_column("health", str)
    db["crawl_runs"].add_column("health_reasons", str)


def _m005_vacancies(db: sqlite_utils.Database) -> None:
    # dedup.assign_vacancies writes these; see dedup/store.py for each column's meaning.
    db["ads"].add_column("vacancy_id", str)
    db["ads"].create_index(["vacancy_id"])
    db["vacancies"].create(VACANCY_COLUMNS, pk="id")
    for columns in (["city"], ["region"], ["role"], ["seniority"], ["is_ml"]):
        db["vacancies"].create_index(columns)
    db["vacancy_matches"].create(MATCH_COLUMNS, pk="ad_id")
    db["vacancy_matches"].create_index(["vacancy_id"])
    # The FTS index covers title and description_text only: refresh it when those change, not
    # when dedup rewrites ads.vacancy_id (a full dedup would otherwise re-index every ad).
    db.conn.execute("DROP TRIGGER IF EXISTS ads_au")
    db.conn.execute(
        'CREATE TRIGGER "ads_au" AFTER UPDATE OF title, description_text ON "ads" BEGIN\n'
        '  INSERT INTO "ads_fts" ("ads_fts", rowid, "title", "description_text") '
        'VALUES(\'delete\', old.rowid, old."title", old."description_text");\n'
        '  INSERT INTO "ads_fts" (rowid, "title", "description_text") '
        'VALUES (new.rowid, new."title", new."description_text");\nEND'
    )


VACANCY_COLUMNS: dict[str, type] = {
    "id": str,
    "representative_ad_id": str,
    "title": str,
    "company": str,
    "city": str,
    "region": str,
    "workplace": str,
    "is_uk": int,
    "role": str,
    "seniority": str,
    "is_ml": int,
    "employment_type": str,
    "postings": int,
    "sources": int,
    "first_seen": str,
    "last_seen": str,
    "first_posted": str,
    "last_posted": str,
    "expired": int,
    "expired_at": str,
    "salary_annual_min": float,
    "salary_annual_max": float,
    "salary_annual_mid": float,
    "day_rate_mid": float,
    "salary_ad_id": str,
    "salary_source_kind": str,
}
MATCH_COLUMNS: dict[str, type] = {
    "ad_id": str,
    "vacancy_id": str,
    "rule": str,
    "matched_ad_id": str,
    "title_score": float,
    "description_score": float,
    "days_apart": int,
    "block": str,
    "employer_key": str,
}

MIGRATIONS: tuple[tuple[str, Callable[[sqlite_utils.Database], None]], ...] = (
    ("001_initial", _m001_initial),
    ("002_listings", _m002_listings),
    ("003_reference_series", _m003_reference_series),
    ("004_run_health", _m004_run_health),
    ("005_vacancies", _m005_vacancies),
)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create or migrate the schema of ``db`` in place and switch it to WAL mode.

    Each migration in :data:`MIGRATIONS` not yet recorded in ``_migrations`` runs in its own
    transaction, in order; re-running is a no-op. The benchmark views (:mod:`db.views`) are
    then recreated, so they always match the current schema. Raises ``sqlite3.DatabaseError``
    when the file is not a SQLite database.
    """
    if db.conn.execute("PRAGMA journal_mode").fetchone()[0] not in ("memory",):
        db.enable_wal()
    db.conn.execute("PRAGMA foreign_keys = ON")
    if "_migrations" not in db.table_names():
        db["_migrations"].create({"name": str, "applied_at": str}, pk="name")
    applied = {row["name"] for row in db["_migrations"].rows}
    for name, migrate in MIGRATIONS:
        if name in applied:
            continue
        with db.conn:
            migrate(db)
            db.conn.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, datetime('now'))", [name]
            )
    from db.views import ensure_views  # views read the tables above

    ensure_views(db)


def open_db(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open the SQLite file at ``path`` with the current schema, creating it when ``create``.

    Raises ``FileNotFoundError`` when the file is absent and ``create`` is false, and
    ``sqlite3.DatabaseError`` (naming the file) when it is not a usable SQLite database.
    """
    if not create and not Path(path).is_file():
        raise FileNotFoundError(f"no database at {path} (run mljobs import or crawl first)")
    db = sqlite_utils.Database(path)
    try:
        ensure_schema(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise sqlite3.DatabaseError(f"{path}: not a usable SQLite database ({exc})") from exc
    return db
