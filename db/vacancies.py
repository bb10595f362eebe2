"""The life of a vacancy: live or not, days open, reposts; and how much dedup merged.

A vacancy is the set of stored ads sharing ``ads.vacancy_id`` (:mod:`dedup`); an ad without
one (dedup never ran on it) is its own vacancy, keyed ``'ad:' || id`` as in :mod:`db.views`.

- **live** (at ``now``, a parameter): one of its postings is live. A posting of a source that
  lists everything (an employer's ATS board, read whole by its spider, so ads it no longer
  shows are expired: :func:`dedup.sources.source_kind` ``"ats"`` with a ``crawl_runs`` row) is
  live when it is not expired and was seen at that source's last run (``last_seen`` no earlier
  than the run's start); a posting of any other source is live when posted (else first seen)
  in the :data:`LIVE_WINDOW_DAYS` days up to ``now``.
- **days open**: from the vacancy's first ``first_seen`` to its ``expired_at`` (the last
  posting's expiry, once every posting is expired), in days; ``None`` while it is open.
- **reposts**: postings of the vacancy under a different id of a source that already has one
  (per source, distinct ids - 1, summed).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from db.figures import MIN_COUNT, percentile, share
from db.views import BENCH_SOURCE_SQL
from dedup.sources import source_kind

#: A ``(condition, params)`` pair of :meth:`db.filters.Filters.where` over the alias ``m``.
Condition = tuple[str, list[Any]]

#: A posting of a source that does not list everything is live this many days after posting.
LIVE_WINDOW_DAYS = 30
#: Per-vacancy life over the ``ml_ads`` population (one row per vacancy, its representative's
#: role and city); ``{complete}`` the ``?`` of the complete-listing sources, then ``now``
#: (ISO) and :data:`LIVE_WINDOW_DAYS`, then the ``{where}`` condition's parameters twice.
_LIFE_SQL = """
WITH runs AS (
    SELECT spider AS source, max(julianday(started_at)) AS last_run FROM crawl_runs
    WHERE started_at IS NOT NULL AND spider IN ({complete})
    GROUP BY spider
),
p AS (
    SELECT coalesce(a.vacancy_id, 'ad:' || a.id) AS vacancy_id, a.source, a.id, a.first_seen,
           a.expired_at,
           CASE WHEN r.source IS NOT NULL
                THEN (a.expired_at IS NULL AND julianday(a.last_seen) >= r.last_run)
                ELSE julianday(substr(coalesce(a.posted_at, a.first_seen), 1, 10))
                     > julianday(?) - ?
           END AS live
    FROM ads a LEFT JOIN runs r ON r.source = a.source
    WHERE coalesce(a.vacancy_id, 'ad:' || a.id) IN (SELECT vacancy_id FROM {population} m {where})
),
per_source AS (
    SELECT vacancy_id, count(DISTINCT id) - 1 AS reposts FROM p GROUP BY vacancy_id, source
),
v AS (
    SELECT vacancy_id, max(live) AS live, min(first_seen) AS first_seen,
           CASE WHEN count(expired_at) = count(*) THEN max(expired_at) END AS expired_at
    FROM p GROUP BY vacancy_id
)
SELECT m.vacancy_id, m.role, m.city, v.live,
       julianday(v.expired_at) - julianday(v.first_seen) AS days_open,
       (SELECT sum(reposts) FROM per_source s WHERE s.vacancy_id = v.vacancy_id) AS reposts
FROM {population} m JOIN v ON v.vacancy_id = m.vacancy_id {where}
"""


@dataclass(frozen=True)
class VacancyLife:
    """One vacancy's life: ``live`` at ``now``, ``days_open`` (days, ``None`` while open) and
    ``reposts`` (postings under another id of a source that already had one)."""

    vacancy_id: str
    role: str | None
    city: str | None
    live: bool
    days_open: float | None
    reposts: int


def _complete_sources(db: sqlite_utils.Database) -> list[str]:
    """The sources that list everything: ATS spiders with a recorded run."""
    spiders = [r[0] for r in db.conn.execute("SELECT DISTINCT spider FROM crawl_runs")]
    return sorted(s for s in spiders if s and source_kind(s) == "ats")


def _where(condition: Condition) -> tuple[str, list[Any]]:
    """``("WHERE <condition>", params)`` of a :meth:`db.filters.Filters.where` pair over the
    alias ``m``; ``("", [])`` for no condition."""
    sql, params = condition
    return (f"WHERE {sql}", list(params)) if sql else ("", [])


def vacancy_life(
    db: sqlite_utils.Database,
    now: datetime,
    population: str = "ml_ads",
    condition: Condition = ("", []),
) -> list[VacancyLife]:
    """The life (module docstring) of every vacancy of ``population`` (``ml_ads`` or
    ``uk_ads``, the views of :mod:`db.views`) at ``now`` (an aware or naive UTC datetime),
    narrowed to the vacancies whose representative ad meets ``condition`` (a
    :meth:`db.filters.Filters.where` pair over the alias ``m``). Reads only. Raises
    ``ValueError`` for another population."""
    if population not in ("ml_ads", "uk_ads"):
        raise ValueError(f"population must be ml_ads or uk_ads, not {population!r}")
    complete = _complete_sources(db)
    marks = ", ".join("?" * len(complete)) or "NULL"
    where, params = _where(condition)
    cursor = db.conn.execute(
        _LIFE_SQL.format(population=population, complete=marks, where=where),
        [*complete, now.strftime("%Y-%m-%d %H:%M:%S"), LIVE_WINDOW_DAYS, *params, *params],
    )
    return [
        VacancyLife(vac, role, city, bool(live), days, int(reposts or 0))
        for vac, role, city, live, days, reposts in cursor
    ]


def life_by(lives: list[VacancyLife], by: str, min_count: int = MIN_COUNT) -> list[dict[str, Any]]:
    """Per ``by`` (``"role"`` or ``"city"``) group, most vacancies first: ``vacancies``,
    ``live``, ``closed`` (vacancies with a days-open figure), ``median_days_open`` (days,
    1 decimal; ``None`` under ``min_count`` closed vacancies), ``reposts`` and ``live_share``
    (live / vacancies, ``None`` under ``min_count`` vacancies). Raises ``ValueError`` for
    another ``by``."""
    if by not in ("role", "city"):
        raise ValueError(f"by must be role or city, not {by!r}")
    groups: dict[Any, list[VacancyLife]] = defaultdict(list)
    for life in lives:
        groups[getattr(life, by)].append(life)
    rows = []
    for grp, members in sorted(groups.items(), key=lambda t: (-len(t[1]), str(t[0]))):
        days = [m.days_open for m in members if m.days_open is not None]
        live = sum(m.live for m in members)
        rows.append(
            {
                "group": grp,
                "vacancies": len(members),
                "live": live,
                "live_share": share(live, len(members), min_count),
                "closed": len(days),
                "median_days_open": (
                    round(percentile(days, 50), 1) if len(days) >= min_count else None
                ),
                "reposts": sum(m.reposts for m in members),
            }
        )
    return rows


def merged_by_source(
    db: sqlite_utils.Database, condition: Condition = ("", [])
) -> list[dict[str, Any]]:
    """Per source of the ``ml_postings`` view, most postings first: ``postings``,
    ``vacancies`` (distinct vacancies among them), ``merged`` (postings whose vacancy holds
    another stored posting, of any source) and ``merged_share`` (merged / postings, 4
    decimals): the ``bench_source`` view of :mod:`db.views`, over the postings that meet
    ``condition`` (a :meth:`db.filters.Filters.where` pair over the alias ``m``) when given."""
    where, params = _where(condition)
    cursor = db.conn.execute(
        "SELECT source, postings, vacancies, merged, merged_share "
        f"FROM ({BENCH_SOURCE_SQL.format(where=where)})",
        params,
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def multi_town_jobs(db: sqlite_utils.Database, condition: Condition = ("", [])) -> dict[str, int]:
    """Jobs advertised in several towns (one vacancy per town, as Nesta counts): ``jobs``
    (an employer key and title advertised, as one ML job, in two or more cities) and their
    ``vacancies``, from the ``vacancies`` table (zeros when dedup never ran), over the
    vacancies of ``ml_ads`` rows that meet ``condition`` (a :meth:`db.filters.Filters.where`
    pair over the alias ``m``) when given. An employer key is the company name case-folded;
    the title is compared case-folded."""
    where, params = _where(condition)
    scope = f"AND id IN (SELECT m.vacancy_id FROM ml_ads m {where})" if where else ""
    row = db.conn.execute(
        f"""SELECT count(*), coalesce(sum(n), 0) FROM (
               SELECT count(DISTINCT city) AS n FROM vacancies
               WHERE is_ml = 1 AND coalesce(is_uk, 1) = 1 AND city IS NOT NULL
                 AND company IS NOT NULL {scope}
               GROUP BY lower(company), lower(title), role, seniority
               HAVING count(DISTINCT city) > 1)""",
        params,
    ).fetchone()
    return {"jobs": int(row[0]), "vacancies": int(row[1])}
