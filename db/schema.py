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
``raw_layouts``
    ``(id, columns)``: the map of where ``ads.raw`` records held the strings that raw columns
    hold, once per shape of record (:mod:`db.raw`).
``_migrations``
    the names of the migrations applied.

``ads.description_text`` (the plain text that search, dedup and readers use) is a VIRTUAL
generated column (migration 008): the stored column ``description_text_stored`` when it is not
NULL (HTML sources, odd whitespace), else ``description`` folded by :data:`FOLD_STEPS` (plain
text: the normalized text is the description with runs of spaces folded). It reads like any
column in SQL, Datasette and ``sqlite-utils search``; a plain ``INSERT``/``UPDATE`` writes
``description`` and, for a text that is not the folded description, ``description_text_stored``
(:func:`insertable_row`).

``ads`` has full-text search on title and description text (the FTS5 table ``ads_fts``,
external content, as sqlite-utils ``enable_fts`` makes it, so ``sqlite-utils search`` finds it).
Triggers keep it right for any writer; they do no work when title and text did not change.
:func:`db.store.upsert_ads` drops them inside its own transaction (:func:`fts_triggers_dropped`;
other connections never see them missing) and updates ``ads_fts`` in bulk itself (2x faster
than a trigger per row). The triggers also stand aside while ``_fts_deferred`` holds a row (the
way of migrations 006-008, kept for a writer that cannot run DDL).

``ads.raw`` holds the source record as JSON without the strings already held in raw columns
(``{"layout": <raw_layouts id>, "record": ...}``; :func:`db.store.raw_record` rebuilds the
whole record). The database runs in WAL mode, so Datasette can read while cron writes.

Opening a database never writes when its schema is current: migrations and the SQL views of
:mod:`db.views` are applied only when a migration is missing or a view's SQL differs from the
code's, all in one ``BEGIN IMMEDIATE`` transaction.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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

#: The FTS triggers on INSERT and DELETE (migrations 006 and 008), and the body of the one on
#: UPDATE: ``ads_fts`` follows ``ads`` for every writer, except inside a transaction that put a
#: row in ``_fts_deferred`` (it updates ``ads_fts`` itself).
_FTS_INSERT_DELETE_TRIGGERS_SQL = """
CREATE TRIGGER ads_ai AFTER INSERT ON ads
WHEN NOT EXISTS (SELECT 1 FROM _fts_deferred) BEGIN
  INSERT INTO ads_fts (rowid, title, description_text)
  VALUES (new.rowid, new.title, new.description_text);
END;
CREATE TRIGGER ads_ad AFTER DELETE ON ads
WHEN NOT EXISTS (SELECT 1 FROM _fts_deferred) BEGIN
  INSERT INTO ads_fts (ads_fts, rowid, title, description_text)
  VALUES ('delete', old.rowid, old.title, old.description_text);
END;
"""
_FTS_UPDATE_BODY_SQL = """ BEGIN
  INSERT INTO ads_fts (ads_fts, rowid, title, description_text)
  VALUES ('delete', old.rowid, old.title, old.description_text);
  INSERT INTO ads_fts (rowid, title, description_text)
  VALUES (new.rowid, new.title, new.description_text);
END;
"""
_FTS_TRIGGERS_006_SQL = (
    _FTS_INSERT_DELETE_TRIGGERS_SQL
    + "CREATE TRIGGER ads_au AFTER UPDATE OF title, description_text ON ads\n"
    + "WHEN (old.title IS NOT new.title OR old.description_text IS NOT new.description_text)\n"
    + "  AND NOT EXISTS (SELECT 1 FROM _fts_deferred)"
    + _FTS_UPDATE_BODY_SQL
)


def _m006_fts_guarded_triggers(db: sqlite_utils.Database) -> None:
    # sqlite-utils' triggers redo the FTS entry on every UPDATE (renormalize, a re-import of an
    # unchanged ad) and cost 2x a bulk INSERT ... SELECT on imports: replace them.
    db.execute("CREATE TABLE IF NOT EXISTS _fts_deferred (x INTEGER)")
    for name in ("ads_ai", "ads_ad", "ads_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    _create_triggers(db, _FTS_TRIGGERS_006_SQL)


#: The triggers that keep ``ads_fts`` following ``ads``.
FTS_TRIGGER_NAMES = ("ads_ai", "ads_ad", "ads_au")


@contextmanager
def fts_triggers_dropped(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside the caller's open transaction, drop the FTS triggers of ``ads`` and create them
    again, from their own stored SQL, on leaving (also on an error: a rollback restores them
    anyway; not when SQLite already rolled the transaction back). Other connections never see
    them missing: DDL is part of the transaction, which changes the schema version (another
    connection re-reads the schema once per write transaction). For
    bulk writes that keep ``ads_fts`` right themselves: a trigger costs every written row even
    when its ``WHEN`` clause skips it (it computes the generated ``description_text`` for it):
    an INSERT took 46-50 us a row with the deferred triggers, 26-27 us without (40,000 bench
    rows). Raises ``RuntimeError`` outside a transaction (the DDL would commit at once)."""
    if not conn.in_transaction:
        raise RuntimeError("fts_triggers_dropped needs an open transaction")
    marks = ", ".join("?" * len(FTS_TRIGGER_NAMES))
    saved = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'ads' "
        f"AND name IN ({marks}) ORDER BY name",
        FTS_TRIGGER_NAMES,
    ).fetchall()
    for name, _ in saved:
        conn.execute(f'DROP TRIGGER "{name}"')
    try:
        yield
    finally:
        # SQLite rolls the whole transaction back itself on some errors (disk full, I/O,
        # interrupt): that restored them, and running the DDL again would hide the error
        if conn.in_transaction:
            for _, sql in saved:
                conn.execute(sql)


def _create_triggers(db: sqlite_utils.Database, sql: str) -> None:
    for statement in sql.split("END;")[:-1]:
        db.execute(statement + "END;")


def _m007_raw_remainder(db: sqlite_utils.Database) -> None:
    # The description (and every other raw string held in a column) was stored twice: in its
    # column and again inside ``raw``. Rewrite ``raw`` as the remainder + pointers.
    from db.raw import strip_raw  # the one definition of the stored format

    select = ", ".join(RAW_STRING_COLUMNS)
    last = 0
    while True:
        rows = db.execute(
            f"SELECT rowid, raw, {select} FROM ads WHERE rowid > ? AND raw IS NOT NULL "
            "ORDER BY rowid LIMIT 2000",
            [last],
        ).fetchall()
        if not rows:
            return
        updates = []
        for rowid, raw, *values in rows:
            try:
                record = json.loads(raw)
            except ValueError:  # not JSON: keep it as a string record, nothing to strip
                record = raw
            updates.append(
                (strip_raw(record, dict(zip(RAW_STRING_COLUMNS, values, strict=True))), rowid)
            )
        db.conn.executemany("UPDATE ads SET raw = ? WHERE rowid = ?", updates)
        last = rows[-1][0]


#: How ``ads.description_text`` is read from ``description`` when the text is not stored
#: (:data:`TEXT_STORED`): these replacements in order, then the ends stripped of
#: :data:`FOLD_STRIP`. A cheap part of :func:`normalize.text.html_to_text`'s rule for plain
#: text (runs of up to four spaces, spaces at line edges, runs of up to four line breaks): it
#: gives the normalized text of every Adzuna, Indeed and Reed plain-text description of the
#: corpus and of most JobSpy ones; the store keeps any other text itself
#: (:func:`stored_text`). Short on purpose: SQLite computes the column on every UPDATE of a
#: row (~4 us per replacement of a 1.4 KB text; the whole rule took 75 us). The one home of
#: the steps: :func:`fold_sql` and :func:`fold_text` are generated from them.
FOLD_STEPS: tuple[tuple[str, str], ...] = (
    ("  ", " "),
    ("  ", " "),
    (" \n", "\n"),
    ("\n ", "\n"),
    ("\n\n\n", "\n\n"),
    ("\n\n\n", "\n\n"),
)
#: Every character ``str.strip()`` removes (``str.isspace``).
FOLD_STRIP = "".join(c for c in map(chr, range(0x3001)) if c.isspace())


def _sql_string(text: str) -> str:
    if text.isascii() and text.isprintable() and "'" not in text:
        return f"'{text}'"
    return f"char({', '.join(str(ord(c)) for c in text)})" if text else "''"


def fold_sql(text: str) -> str:
    """SQL of :func:`fold_text` on the SQL expression ``text``: nested ``replace()`` calls and
    one ``trim()`` (SQLite's built-ins, so Datasette and ``sqlite-utils`` evaluate it, and each
    has the semantics of its Python twin: ``str.replace``, ``str.strip``)."""
    for old, new in FOLD_STEPS:
        text = f"replace({text}, {_sql_string(old)}, {_sql_string(new)})"
    return f"trim({text}, {_sql_string(FOLD_STRIP)})"


def fold_text(text: str) -> str:
    """The description ``text`` as ``ads.description_text`` reads it when the stored text is
    NULL: the replacements of :data:`FOLD_STEPS`, then the ends stripped (the Python twin of
    :func:`fold_sql`; a test holds the two equal)."""
    absent = None  # a step's pattern not found: the same step next needs no search again
    for old, new in FOLD_STEPS:
        if old == absent:
            continue
        if old in text:
            text = text.replace(old, new)
            absent = None
        else:
            absent = old
    return text.strip(FOLD_STRIP)


def stored_text(text: Any, description: Any) -> Any:
    """The :data:`TEXT_STORED` value for the text ``text`` of an ad whose description is
    ``description``: NULL when the text is ``description`` folded (:func:`fold_text`; a
    description with NUL is not folded here), the empty BLOB when the text is NULL beside a
    description, else the text. ``ads.description_text`` reads ``text`` back in every case."""
    if text is None:
        return None if description is None else b""
    if isinstance(description, str) and "\x00" not in description:
        if fold_text(description) == text:
            return None
    return text


def read_text(stored: Any, description: Any) -> Any:
    """``ads.description_text`` from its two stored columns, in Python: the twin of
    :data:`DESCRIPTION_TEXT_SQL` for a text ``description`` (other values: ``None`` for
    ``None``; else raises ``TypeError``, read the column in SQL)."""
    if stored is None:
        if description is None:
            return None
        if not isinstance(description, str):
            raise TypeError(f"description of type {type(description).__name__}")
        return fold_text(description)
    return None if stored == b"" else stored


def text_of(conn: sqlite3.Connection, stored: Any, description: Any) -> Any:
    """``ads.description_text`` from its two stored columns (:data:`TEXT_STORED`,
    ``description``): :func:`read_text` in Python, or :data:`DESCRIPTION_TEXT_SQL` through
    ``conn`` for a description that is not a string (a BLOB a user wrote). Reading the
    generated column itself folds in SQL, ~20x the cost of :func:`fold_text`."""
    try:
        return read_text(stored, description)
    except TypeError:
        sql = f"SELECT {DESCRIPTION_TEXT_SQL} FROM (SELECT ? AS {TEXT_STORED}, ? AS description)"
        return conn.execute(sql, [stored, description]).fetchone()[0]


#: The column that holds ``ads.description_text`` when it is not :func:`fold_sql` of the
#: description: NULL when it is (most plain-text ads), an empty BLOB when the text is NULL
#: beside a description, else the text itself (HTML sources).
TEXT_STORED = "description_text_stored"

#: ``ads.description_text``: a VIRTUAL generated column (migration 008), the text read from
#: :data:`TEXT_STORED` or, when that is NULL, folded from ``description``.
DESCRIPTION_TEXT_SQL = (
    f"CASE WHEN {TEXT_STORED} IS NULL THEN {fold_sql('description')} "
    f"WHEN {TEXT_STORED} = X'' THEN NULL ELSE {TEXT_STORED} END"
)


def stored_text_sql(text: str, description: str) -> str:
    """SQL of :func:`stored_text` over the SQL expressions ``text`` and ``description`` (each
    read up to three times: bind numbered parameters). For migration 008."""
    return (
        f"CASE WHEN {text} IS {fold_sql(description)} THEN NULL "
        f"WHEN {text} IS NULL THEN X'' ELSE {text} END"
    )


def insertable_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """``row`` (``ads`` columns by name, as :data:`ADS_COLUMNS`) as a plain ``INSERT`` must
    name them (e.g. sqlite-utils ``db["ads"].insert``): ``description_text`` is generated, so
    its value goes to :data:`TEXT_STORED` (a NULL text beside a description as the empty
    BLOB). Reads back the same; :func:`db.store.upsert_ads` stores it more compactly."""
    out = {k: v for k, v in row.items() if k != "description_text"}
    if "description_text" in row:
        text = row["description_text"]
        out[TEXT_STORED] = b"" if text is None and row.get("description") is not None else text
    return out


#: The FTS triggers after migration 008. ``description_text`` is generated: an update of
#: ``description`` or of the stored text changes it. SQLite computes the generated column for
#: every UPDATE of a row anyway (3.40), so the order of the WHEN clause saves no work.
FTS_TRIGGERS_SQL = (
    _FTS_INSERT_DELETE_TRIGGERS_SQL
    + f"CREATE TRIGGER ads_au AFTER UPDATE OF title, description, {TEXT_STORED} ON ads\n"
    + "WHEN NOT EXISTS (SELECT 1 FROM _fts_deferred)\n"
    + "  AND (old.title IS NOT new.title OR old.description_text IS NOT new.description_text)"
    + _FTS_UPDATE_BODY_SQL
)


#: Indexes of ``ads`` that no query of db/, cli/, report/ or dedup/ uses: EXPLAIN QUERY PLAN of
#: every SELECT that ``mljobs benchmarks`` (each ``--by``, each filter, ``--postings``,
#: ``--all-ads``), ``mljobs report`` (with and without filters), ``sources`` and ``dedup
#: --explain`` ran on the 20,000-ad database of bench/import.py used only ``idx_ads_is_ml``,
#: ``idx_ads_vacancy_id`` and the primary key; the filters narrow views, whose plans start from
#: ``is_ml``. Dropped by migration 008 (about 100 bytes per ad).
UNUSED_ADS_INDEXES: tuple[str, ...] = (
    "idx_ads_source",
    "idx_ads_city",
    "idx_ads_region",
    "idx_ads_role",
    "idx_ads_seniority",
    "idx_ads_posted_at",
    "idx_ads_company",
)


def _m008_text_and_raw_once(db: sqlite_utils.Database) -> None:
    # The description was stored twice (``description`` and ``description_text``, equal up to
    # whitespace for plain-text sources) and every ``raw`` repeated its importer's columns map:
    # ``description_text`` becomes a generated column over ``description_text_stored`` (NULL
    # when the text is the folded description) and the maps move to ``raw_layouts``;
    # ``content_hash`` keeps its first CONTENT_HASH_CHARS digits; the ``ads`` indexes no query
    # uses and ``vacancy_matches``' second copy of ad_id go. In place:
    # rowids (so ``ads_fts``) and every column's value are kept; views and triggers are
    # recreated (the views by ensure_schema, after the migrations).
    from db.raw import join_raw
    from db.views import view_names

    conn = db.conn
    conn.execute("CREATE TABLE raw_layouts (id INTEGER PRIMARY KEY, columns TEXT NOT NULL UNIQUE)")
    for name in ("ads_ai", "ads_ad", "ads_au"):
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name in reversed(view_names()):
        conn.execute(f"DROP VIEW IF EXISTS {name}")
    conn.execute(f"ALTER TABLE ads RENAME COLUMN description_text TO {TEXT_STORED}")
    conn.execute(
        "ALTER TABLE ads ADD COLUMN description_text TEXT "
        f"GENERATED ALWAYS AS ({DESCRIPTION_TEXT_SQL}) VIRTUAL"
    )
    layouts: dict[str, int] = {}

    def relayout(raw: str | None) -> str | None:
        try:
            data = json.loads(raw)
        except (TypeError, ValueError):
            return raw  # NULL, or not 007's JSON (never written by the store): kept as it is
        if not isinstance(data, dict) or set(data) != {"columns", "record"}:
            return raw
        columns = data["columns"]
        remainder = json.dumps(
            data["record"], ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":")
        )
        if not columns:
            return join_raw(None, remainder)
        key = json.dumps(columns, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return join_raw(layouts.setdefault(key, len(layouts) + 1), remainder)

    conn.create_function("mljobs_relayout_008", 1, relayout)
    conn.execute(
        f"UPDATE ads SET {TEXT_STORED} = {stored_text_sql(TEXT_STORED, 'description')}, "
        f"raw = mljobs_relayout_008(raw), content_hash = substr(content_hash, 1, "
        f"{CONTENT_HASH_CHARS})"
    )
    conn.executemany(
        "INSERT INTO raw_layouts (id, columns) VALUES (?, ?)",
        [(i, key) for key, i in layouts.items()],
    )
    _create_triggers(db, FTS_TRIGGERS_SQL)
    for name in UNUSED_ADS_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")
    # vacancy_matches keyed by ad_id without a rowid: no second copy of every ad_id
    columns = ", ".join(f'"{c}" {_SQL_TYPES[t]}' for c, t in MATCH_COLUMNS.items())
    conn.execute(f"CREATE TABLE vacancy_matches_008 ({columns}, PRIMARY KEY (ad_id)) WITHOUT ROWID")
    conn.execute("INSERT INTO vacancy_matches_008 SELECT * FROM vacancy_matches")
    conn.execute("DROP TABLE vacancy_matches")
    conn.execute("ALTER TABLE vacancy_matches_008 RENAME TO vacancy_matches")
    conn.execute("CREATE INDEX idx_vacancy_matches_vacancy_id ON vacancy_matches (vacancy_id)")


_SQL_TYPES = {str: "TEXT", float: "FLOAT", int: "INTEGER"}

#: Hex digits of SHA-1 kept in ``ads.content_hash`` (64 bits: it tells an ad's new version
#: from its stored one, never two ads apart). 40 before migration 008, which cut the stored
#: ones to this prefix, so an unchanged ad still counts as unchanged; 24 bytes per ad less.
CONTENT_HASH_CHARS = 16


#: Raw columns whose string values ``raw`` may point to instead of repeating them.
RAW_STRING_COLUMNS: tuple[str, ...] = tuple(c for c in RAW_COLUMNS if c not in ("source", "raw"))

#: Named migrations, in order. :func:`ensure_schema` runs the missing ones inside one
#: transaction: a migration must not commit (plain ``db.execute``/sqlite-utils calls, which nest
#: as savepoints; never ``with db.conn:`` or ``db.conn.commit()``).
MIGRATIONS: tuple[tuple[str, Callable[[sqlite_utils.Database], None]], ...] = (
    ("001_initial", _m001_initial),
    ("002_listings", _m002_listings),
    ("003_reference_series", _m003_reference_series),
    ("004_run_health", _m004_run_health),
    ("005_vacancies", _m005_vacancies),
    ("006_fts_guarded_triggers", _m006_fts_guarded_triggers),
    ("007_raw_remainder", _m007_raw_remainder),
    ("008_text_and_raw_once", _m008_text_and_raw_once),
)

#: Page size (bytes) of a new database file. Since migration 008 an Adzuna ad's row is about
#: 1.9 KB: 64 KiB pages leave less of each page empty (200,000-ad bench/import.py database:
#: 2,946 bytes per ad; the same 20,000-ad database re-VACUUMed, extrapolated to 200,000 ads:
#: 16 KiB ~3,105, 32 KiB ~3,027 before content_hash was cut). The price: upsert_ads took about
#: 5% more CPU per ad than with 16 KiB pages (7,000-7,600 against 7,960-8,050 ads per
#: CPU-second, 20,000 ads in batches of 1,000; wall time within the machine's noise). The ~40
#: small tables and indexes take one page each. An existing file keeps its page size.
PAGE_SIZE = 65_536

#: Milliseconds a connection waits for another writer's lock before a write fails as "locked".
BUSY_TIMEOUT_MS = 10_000


@functools.cache
def _expected_views() -> dict[str, str]:
    """``{view name: CREATE VIEW sql}`` as the code defines them, built in a memory database."""
    from db.views import ensure_views

    memory = sqlite_utils.Database(memory=True)
    memory["_migrations"].create({"name": str, "applied_at": str}, pk="name")
    for _, migrate in MIGRATIONS:
        migrate(memory)
    ensure_views(memory)
    views = dict(memory.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'"))
    memory.close()
    return views


def _pending(db: sqlite_utils.Database) -> tuple[list[str], bool]:
    """The migrations not yet applied to ``db`` and whether its views differ from the code's.
    Reads only."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    applied = set()
    if "_migrations" in tables:
        applied = {r[0] for r in db.execute("SELECT name FROM _migrations")}
    missing = [name for name, _ in MIGRATIONS if name not in applied]
    stored = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'"))
    expected = _expected_views()
    stale = any(stored.get(name) != sql for name, sql in expected.items())
    return missing, stale


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create or migrate the schema of ``db`` when it is not current; never write when it is.

    Sets the connection's ``busy_timeout`` (:data:`BUSY_TIMEOUT_MS`), foreign keys, and WAL
    mode (once per file; a new file first gets pages of :data:`PAGE_SIZE` bytes). When a
    migration of :data:`MIGRATIONS` is not recorded in ``_migrations``, or a view of
    :mod:`db.views` is missing or differs from the code's SQL,
    everything pending (migrations in order, then the views) runs in one ``BEGIN IMMEDIATE``
    transaction, so a concurrent reader sees the old schema or the new one, never a view
    missing. Re-running is a no-op that writes nothing. Raises ``sqlite3.DatabaseError`` when
    the file is not a SQLite database.
    """
    db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if db.conn.execute("PRAGMA journal_mode").fetchone()[0] not in ("memory", "wal"):
        if not db.conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone():
            db.conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # a new file: before its header
        db.enable_wal()
    db.conn.execute("PRAGMA foreign_keys = ON")
    if _pending(db) == ([], False):
        return
    from db.views import ensure_views  # views read the tables of the migrations

    db.conn.execute("BEGIN IMMEDIATE")
    try:
        missing, stale = _pending(db)  # again, under the write lock: another process may have
        if "_migrations" not in db.table_names():
            db["_migrations"].create({"name": str, "applied_at": str}, pk="name")
        for name, migrate in MIGRATIONS:
            if name in missing:
                migrate(db)
                db.conn.execute(
                    "INSERT INTO _migrations (name, applied_at) VALUES (?, datetime('now'))",
                    [name],
                )
        if stale or missing:
            ensure_views(db)  # drops and creates inside this transaction (and may commit it)
        if db.conn.in_transaction:
            db.conn.commit()
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise


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
