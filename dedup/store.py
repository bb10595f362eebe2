"""Vacancy assignment over a database: ``ads.vacancy_id``, ``vacancy_matches``, ``vacancies``.

:func:`assign_vacancies` is what ``mljobs dedup`` (and the end of every import and crawl run)
calls; :func:`explain` is ``mljobs dedup --explain AD_ID``. Tables (migration
``005_vacancies`` in :mod:`db.schema`):

``ads.vacancy_id``
    equal for the ads of one vacancy: ``"v"`` + 16 hex digits of the SHA-1 of the vacancy's
    earliest ad id (:func:`dedup.matcher.vacancy_id`), so recomputing gives the same ids.
``vacancy_matches``
    one row per ad: its ``vacancy_id``, the ``rule`` that joined it (``"seed"`` for the ad
    that starts the vacancy, else a rule of :mod:`dedup.matcher`), the ``matched_ad_id`` it
    matched, ``title_score`` (0-100), ``description_score`` (containment 0-1 or NULL),
    ``days_apart``, its ``block`` (place|role|seniority) and ``employer_key``.
``vacancies``
    one row per vacancy (:mod:`dedup.vacancy_rows`): representative fields, ``postings``,
    ``sources``, first/last seen and posted, ``expired`` and the salary chosen by the
    vacancy salary rule.

**Vacancy salary rule.** Among the vacancy's ads with a usable salary (an annual base salary
in GBP per year, or a day rate in GBP per day) that the source did not predict
(:data:`dedup.vacancy_rows.PREDICTED_SQL`: Adzuna's ``salary_is_predicted``, or an
aggregator's structured salary without that flag): the employer's own ATS over a job board over
an aggregator over an unknown source (``dedup/data/source_kinds.csv``); then a structured salary
field over a salary text field over a figure found in the description; then the most recent
posting; then the smallest ad id. The representative fields come from the ad ranked first by
source kind, then earliest posting, then ad id.
"""

from __future__ import annotations

import hashlib
import logging
import os
import resource
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import sqlite_utils

from db.schema import TEXT_STORED
from dedup.matcher import DEFAULT_SETTINGS, MatchSettings, Posting
from dedup.pay import ad_pay
from dedup.places import place_key
from dedup.sources import KIND_RANK, source_kind
from dedup.titles import normalize_title
from dedup.vacancy_rows import PREDICTED_SQL
from dedup.workers import cluster_all
from dedup.writes import CHUNK, many, write_ads, write_matches, write_vacancies
from normalize.companies import normalize_company
from normalize.gcpause import gc_paused

log = logging.getLogger(__name__)

_LOAD_SQL = f"""
SELECT a.id, a.title, a.company, a.city, a.county, a.region, a.workplace, a.country, a.role,
       a.seniority, coalesce(a.posted_at, a.first_seen), a.salary_annual_min,
       a.salary_annual_max, a.salary_min, a.salary_max, a.salary_period, a.salary_currency,
       {PREDICTED_SQL}, a.{TEXT_STORED}, a.description, a.vacancy_id, a.rowid
FROM ads a LEFT JOIN temp.dedup_source_kinds k ON k.source = a.source
"""


@dataclass
class DedupStats:
    """What :func:`assign_vacancies` did.

    ``postings``: ads assigned; ``vacancies``: distinct vacancies among them; ``merged``:
    postings that joined another ad's vacancy (postings - vacancies); ``changed``: ads whose
    ``vacancy_id`` changed; ``blocks``: blocks clustered; ``rules``: ads per joining rule;
    ``seconds``: wall time; ``stages``: CPU seconds (this process and its clustering workers)
    of each stage: ``load`` (reading and normalizing the ads), ``cluster``, ``write_ads``
    (``ads.vacancy_id``), ``write_matches`` and ``write_vacancies``.
    """

    postings: int = 0
    vacancies: int = 0
    merged: int = 0
    changed: int = 0
    blocks: int = 0
    rules: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@lru_cache(maxsize=65_536)
def _day(value: str | None) -> int:
    if not value:
        return 0
    try:
        return date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return 0


#: :func:`ad_pay`, one ``Pay`` per distinct salary (copies share it).
_pay = lru_cache(maxsize=65_536)(ad_pay)


@lru_cache(maxsize=65_536)
def _title(title: str | None, city: str | None, county: str | None, region: str | None) -> str:
    """:func:`normalize_title` of an ad's title and places (the copies of an ad share them)."""
    return normalize_title(title, (city, county, region))


def posting_from_row(row: tuple[Any, ...]) -> tuple[Posting, str | None]:
    """A :class:`Posting` and the stored ``vacancy_id`` from a row of ``_LOAD_SQL`` (its
    last column, the ad's rowid, is not used here). The description is kept as its digest
    (``Posting.text_key``): the shingles are read later, once per distinct text."""
    (ad_id, title, company, city, county, region, workplace, country, role, seniority, posted,
     amin, amax, smin, smax, period, currency, predicted, stored, description, current,
     _) = row  # fmt: skip
    posting = Posting(
        id=ad_id,
        day=_day(posted),
        employer=normalize_company(company),
        place=place_key(city, region, workplace, country),
        role=role,
        seniority=seniority,
        title=_title(title, city, county, region),
        pay=_pay(amin, amax, smin, smax, period, currency, bool(predicted)),
        text_key=_text_key(stored, description),
    )
    return posting, current


def _text_key(stored: Any, description: Any) -> bytes:
    """A digest of what ``ads.description_text`` is made of (its stored text, else the
    description it is folded from): equal keys, equal texts, without folding any (an equal
    text under two keys is only read twice)."""
    value = stored if stored is not None else description
    tag = b"S" if stored is not None else b"D"
    data = value.encode("utf-8", "surrogatepass") if isinstance(value, str) else bytes(value or b"")
    return hashlib.blake2b(tag + data, digest_size=16).digest()


def _blocks(postings: Iterable[Posting]) -> dict[tuple[str, str, str], list[Posting]]:
    blocks: dict[tuple[str, str, str], list[Posting]] = {}
    for p in postings:
        blocks.setdefault(p.block, []).append(p)
    return blocks


#: SQLite page cache (KiB) of the connection while :func:`assign_vacancies` runs, so the
#: indexes it rewrites (``ads.vacancy_id``, ``vacancy_matches``) stay in memory at 1M ads
#: (64 MiB: at 1M, CPU as with 256 MiB, peak RSS 1.6 GiB instead of 2.2 GiB).
CACHE_KIB = 65_536


@contextmanager
def _bulk(db: sqlite_utils.Database) -> Iterator[None]:
    """While millions of long-lived objects are built: no cyclic garbage collection (each
    full pass walks all of them, and they hold no cycles) and a larger SQLite page cache."""
    old = db.conn.execute("PRAGMA cache_size").fetchone()[0]
    db.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    try:
        with gc_paused():
            yield
    finally:
        db.conn.execute(f"PRAGMA cache_size = {old}")


def assign_vacancies(
    db: sqlite_utils.Database,
    ad_ids: Iterable[str] | None = None,
    settings: MatchSettings = DEFAULT_SETTINGS,
    workers: int | None = None,
) -> DedupStats:
    """Assign every ad its vacancy and rebuild ``vacancy_matches`` and ``vacancies``.

    With ``ad_ids`` (the ads an import or crawl just stored), only the blocks (place, role,
    seniority) holding those ads are recomputed, which gives the same result as a full run for
    them; otherwise everything is recomputed. Idempotent: a second run changes nothing and
    gives the same ids. Writes happen in one transaction. Returns :class:`DedupStats` (counts
    of the ads recomputed). ``workers``: processes clustering blocks in parallel (default: the
    CPU count, at most 4; used only for a database file and at least
    :data:`dedup.workers.PARALLEL_MIN_POSTINGS` postings). Raises ``sqlite3.OperationalError``
    when the schema lacks the ``005_vacancies`` migration (open the database with
    :func:`db.schema.open_db`).
    """
    with _bulk(db):
        return _assign(db, ad_ids, settings, workers)


#: Per ad, what the vacancy rules read (``_LOAD_SQL``'s columns and the description text, up
#: to ``description_text``), then what the ``vacancies`` rows read besides
#: (:mod:`dedup.vacancy_rows`), then the stored ``vacancy_id``.
_STATE_SQL = f"""
SELECT a.id, a.title, a.company, a.city, a.county, a.region, a.workplace, a.country, a.role,
       a.seniority, coalesce(a.posted_at, a.first_seen), a.salary_annual_min,
       a.salary_annual_max, a.salary_min, a.salary_max, a.salary_period, a.salary_currency,
       {PREDICTED_SQL}, a.{TEXT_STORED}, a.description,
       a.source, a.is_uk, a.is_ml, a.employment_type, a.first_seen, a.last_seen, a.expired_at,
       a.salary_annual_mid, a.day_rate_mid, a.salary_source, a.vacancy_id, a.rowid
FROM ads a LEFT JOIN temp.dedup_source_kinds k ON k.source = a.source
"""
_RULES_END = 20  # _STATE_SQL columns 1.._RULES_END - 1 are what the rules read


@dataclass
class AdsState:
    """What the vacancy step reads of every stored ad, as hashes (:func:`ads_state`):
    ``ads[id] = (hash of what the rules read, hash of what its vacancy row reads besides,
    block, stored vacancy_id)``; ``rowids[id]``: the ad's rowid then (where to read it again
    without a scan). Hashes are Python's, valid within one process."""

    ads: dict[str, tuple[int, int, tuple[str, str, str], str | None]] = field(default_factory=dict)
    rowids: dict[str, int] = field(default_factory=dict)


def ads_state(db: sqlite_utils.Database) -> AdsState:
    """The :class:`AdsState` of every ad in ``db`` (one scan of ``ads``; reads only, but for a
    temporary table). Take it before a change (a renormalize, an import) and give it to
    :func:`assign_changed` after. An empty state for a database without ads."""
    _source_kinds_table(db)
    state = AdsState()
    for row in db.conn.execute(_STATE_SQL):
        state.ads[row[0]] = (
            hash(row[1:_RULES_END]),
            hash(row[_RULES_END:-2]),
            _row_block(row),
            row[-2],
        )
        state.rowids[row[0]] = row[-1]
    return state


def assign_changed(
    db: sqlite_utils.Database,
    before: AdsState,
    settings: MatchSettings = DEFAULT_SETTINGS,
    workers: int | None = None,
) -> DedupStats:
    """Bring the vacancies up to date after a change, recomputing only what it touched: the
    same ``ads.vacancy_id``, ``vacancy_matches`` and ``vacancies`` as a full
    :func:`assign_vacancies`, when the database held a full run's result at ``before``
    (:func:`ads_state`).

    Blocks are clustered again only where an ad changed in what the rules read (or is new or
    without a vacancy): its blocks before and after. With no ads before, or an ad removed since,
    everything is recomputed. ``vacancies`` rows are recomputed for the vacancies that gained
    or lost an ad, hold a new ad or one changed in what the rules read, or hold an ad whose
    other columns the rows read changed (``last_seen``, ``is_ml``, ...); of all the rows
    recomputed, only those that differ from the stored ones are written (as for
    ``vacancy_matches``). Nothing changed: nothing is written. Returns :class:`DedupStats` of
    the ads clustered again."""
    if not before.ads:  # every ad is new: the full run, in its cheaper bulk mode
        return assign_vacancies(db, settings=settings, workers=workers)
    after = ads_state(db)
    if any(ad_id not in after.ads for ad_id in before.ads):  # ads removed: a full run
        return assign_vacancies(db, settings=settings, workers=workers)
    wanted: set[tuple[str, str, str]] = set()
    refresh: set[str] = set()
    dirty: set[str] = set()  # ads new or changed in what the rules read
    for ad_id, (rules, other, block, vacancy) in after.ads.items():
        old = before.ads.get(ad_id)
        if old is None or vacancy is None or old[0] != rules:
            wanted.add(block)
            dirty.add(ad_id)
            if old is not None:
                wanted.add(old[2])
        elif old[1] != other:
            refresh.add(vacancy)
    if not wanted and not refresh:
        return DedupStats()
    # the ads of those blocks, read again by rowid (in the table's order) rather than by a
    # second scan of every ad
    rowids = sorted(after.rowids[a] for a, ad in after.ads.items() if ad[2] in wanted)
    with _bulk(db):
        return _assign(
            db, None, settings, workers, wanted=wanted, refresh=refresh, rowids=rowids, dirty=dirty
        )


def _assign(
    db: sqlite_utils.Database,
    ad_ids: Iterable[str] | None,
    settings: MatchSettings,
    workers: int | None,
    wanted: set[tuple[str, str, str]] | None = None,
    refresh: Iterable[str] = (),
    rowids: list[int] | None = None,
    dirty: set[str] | None = None,
) -> DedupStats:
    """The vacancy step over every ad (``ad_ids`` and ``wanted`` ``None``), the blocks of
    ``ad_ids``, or the ``wanted`` blocks (their ads at ``rowids`` when given). The
    ``vacancies`` rows recomputed: every one (a full run); with ``dirty`` (the ids of ads
    new or changed in what the rows read, :func:`assign_changed`), those of vacancies that
    gained or lost an ad, of ``dirty`` ads and ``refresh``; else those of every vacancy of
    the blocks, ``refresh`` and the vacancies ads left."""
    started = time.perf_counter()
    stats = DedupStats()
    mark = _cpu()

    def stage(name: str) -> None:
        nonlocal mark
        now = _cpu()
        stats.stages[name] = round(now - mark, 3)
        mark = now

    _source_kinds_table(db)
    current: dict[str, tuple[str | None, int]] = {}  # ad id -> (stored vacancy_id, rowid)
    postings: list[Posting] = []
    full = ad_ids is None and wanted is None
    if ad_ids is not None:
        wanted = (wanted or set()) | _blocks_of(db, list(ad_ids))
    for row in _load_rows(db, wanted, rowids):
        posting, vac = posting_from_row(row)
        postings.append(posting)
        current[posting.id] = (vac, row[-1])
    blocks = _blocks(postings)
    stats.blocks = len(blocks)
    del postings
    stage("load")
    updates: list[tuple[int, str, str]] = []
    matches: list[tuple[Any, ...]] = []
    sizes: dict[str, int] = {}  # vacancy id -> its ads
    touched: set[str] = set()  # vacancies that gained or lost an ad, or hold a dirty one
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    for row in cluster_all(db, blocks, settings, workers):
        ad_id, vac, rule = row[0], row[1], row[2]
        stats.postings += 1
        sizes[vac] = sizes.get(vac, 0) + 1
        stats.rules[rule] = stats.rules.get(rule, 0) + 1
        old, rowid = current[ad_id]
        if old != vac:
            updates.append((rowid, vac, ad_id))
            touched.add(vac)
            if old:
                touched.add(old)
        elif dirty is not None and ad_id in dirty:
            touched.add(vac)
        matches.append(row)
    del blocks
    stage("cluster")
    stats.vacancies = len(sizes)
    stats.merged = stats.postings - stats.vacancies
    stats.changed = len(updates)
    del current
    with db.conn:
        write_ads(db, updates)
        stage("write_ads")
        write_matches(db, matches, full)
        stage("write_matches")
        scope = touched | set(refresh)
        if dirty is None:
            scope.update(sizes)
        ads = sum(sizes.get(v, 1) for v in scope)  # about (a refreshed one may be larger)
        write_vacancies(db, scope, full, not full and many(db, ads))
    stage("write_vacancies")
    stats.seconds = round(time.perf_counter() - started, 3)
    log.info(
        "dedup: %d postings -> %d vacancies (%d merged, %d changed) in %.1f s",
        stats.postings, stats.vacancies, stats.merged, stats.changed, stats.seconds,
    )  # fmt: skip
    return stats


def _row_block(row: tuple[Any, ...]) -> tuple[str, str, str]:
    """The block (:attr:`Posting.block`) of a row of ``_LOAD_SQL``, without the rest."""
    return (place_key(row[3], row[5], row[6], row[7]), row[8] or "", row[9] or "")  # see _LOAD_SQL


def _blocks_of(db: sqlite_utils.Database, ad_ids: list[str]) -> set[tuple[str, str, str]]:
    """The blocks holding ``ad_ids`` now (ids not stored are left out)."""
    wanted: set[tuple[str, str, str]] = set()
    for start in range(0, len(ad_ids), 500):
        chunk = ad_ids[start : start + 500]
        sql = f"{_LOAD_SQL} WHERE a.id IN ({','.join('?' * len(chunk))})"
        wanted.update(_row_block(row) for row in db.conn.execute(sql, chunk))
    return wanted


def _load_rows(
    db: sqlite_utils.Database,
    wanted: set[tuple[str, str, str]] | None,
    rowids: list[int] | None = None,
) -> Iterator[tuple]:
    """Rows of ``_LOAD_SQL``: every ad, or the ads of the ``wanted`` blocks (one scan; with
    ``rowids``, sorted, only the ads at those rowids are read, those of a ``wanted`` block
    kept)."""
    if wanted is None:
        yield from db.conn.execute(_LOAD_SQL)
    elif wanted and rowids is not None:
        for start in range(0, len(rowids), CHUNK):
            chunk = rowids[start : start + CHUNK]
            sql = f"{_LOAD_SQL} WHERE a.rowid IN ({','.join('?' * len(chunk))}) ORDER BY a.rowid"
            yield from (row for row in db.conn.execute(sql, chunk) if _row_block(row) in wanted)
    elif wanted:
        yield from (row for row in db.conn.execute(_LOAD_SQL) if _row_block(row) in wanted)


def _source_kinds_table(db: sqlite_utils.Database) -> None:
    """``temp.dedup_source_kinds(source, kind, rank)`` for every stored source
    (:func:`dedup.sources.source_kind`), read by :data:`PREDICTED_SQL` and the vacancy rules."""
    db.conn.execute("DROP TABLE IF EXISTS temp.dedup_source_kinds")
    db.conn.execute("CREATE TEMP TABLE dedup_source_kinds (source TEXT PRIMARY KEY, kind, rank)")
    sources = [r[0] for r in db.conn.execute("SELECT DISTINCT source FROM ads")]
    db.conn.executemany(
        "INSERT INTO temp.dedup_source_kinds VALUES (?, ?, ?)",
        [(s, source_kind(s), KIND_RANK[source_kind(s)]) for s in sources],
    )


def explain(db: sqlite_utils.Database, ad_id: str) -> dict[str, Any]:
    """Why ``ad_id`` is in its vacancy: ``{"ad": {...}, "vacancy": {...}, "postings":
    [...]}``, where ``ad`` is the ad's ``vacancy_matches`` row plus its title, company,
    location and posting date, ``vacancy`` its ``vacancies`` row and ``postings`` every ad of
    the vacancy in the same shape, seed first. Reads only. Raises ``KeyError`` when the ad is
    not stored, and ``LookupError`` when it has no vacancy yet (run :func:`assign_vacancies`).
    """
    row = db.conn.execute("SELECT vacancy_id FROM ads WHERE id = ?", [ad_id]).fetchone()
    if row is None:
        raise KeyError(f"no ad {ad_id!r} in the database")
    if row[0] is None:
        raise LookupError(f"ad {ad_id!r} has no vacancy yet: run mljobs dedup")
    cursor = db.conn.execute(
        "SELECT m.*, a.source, a.title, a.company, a.location_raw, a.city, a.region, "
        "a.role, a.seniority, coalesce(a.posted_at, a.first_seen) AS posted, "
        "a.salary_annual_min, a.salary_annual_max FROM vacancy_matches m "
        "JOIN ads a ON a.id = m.ad_id WHERE m.vacancy_id = ? "
        "ORDER BY m.rule != 'seed', posted, m.ad_id",
        [row[0]],
    )
    names = [d[0] for d in cursor.description]
    postings = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    vacancy = next(iter(db["vacancies"].rows_where("id = ?", [row[0]])), None)
    ad = next(p for p in postings if p["ad_id"] == ad_id)
    return {"ad": ad, "vacancy": vacancy, "postings": postings}
