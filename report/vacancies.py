"""The report's vacancy section: the dedup rule, postings against vacancies (overall and per
source), multi-town jobs, and the life of vacancies (live, median days open) per role and city.

Over the report's population: the ML population (``ml_ads``/``ml_postings`` of
:mod:`db.views`) narrowed by the report's filters (a vacancy counts when its representative ad
meets them, a posting when it does). The figures are :mod:`db.vacancies`'.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlite_utils

from db.figures import share
from db.vacancies import (
    LIVE_WINDOW_DAYS,
    Condition,
    life_by,
    merged_by_source,
    multi_town_jobs,
    vacancy_life,
)

#: The vacancy definition the counts follow (contract: ../shared/DESIGN.md, "vacancies").
VACANCY_RULE = (
    "Counts are distinct vacancies, not postings: two stored ads are one vacancy when they "
    "advertise the same job (same role and seniority) for the same employer in the same place "
    "(same town or city; with no town, the same ITL1 region or both remote), posted less than "
    "60 days apart, with overlapping salaries; title wording, company suffixes, location "
    "formats, truncated or reformatted descriptions and different boards or ids do not make "
    "two vacancies. A job advertised in several towns is one vacancy per town. A vacancy's "
    "salary is taken from the employer's own ATS over a job board over an aggregator, never "
    "from a predicted salary."
)


def report_now(db: sqlite_utils.Database) -> datetime:
    """The default ``now`` of a report: the latest ``last_seen`` in the database (so a report
    of one database is deterministic), else 1970-01-01."""
    latest = db.conn.execute("SELECT max(last_seen) FROM ads").fetchone()[0]
    if not latest:
        return datetime(1970, 1, 1)
    return datetime.fromisoformat(str(latest)).replace(tzinfo=None)


def vacancy_section(
    db: sqlite_utils.Database,
    min_count: int,
    now: datetime,
    top: int = 20,
    condition: Condition = ("", []),
) -> dict[str, Any]:
    """``rule`` (text), ``postings``/``vacancies`` (ML, UK) and ``duplicate_share`` (1 -
    vacancies / postings: postings that add no vacancy; ``None`` under ``min_count``
    postings), ``sources`` (per source:
    postings, vacancies, merged, merged_share), ``multi_town`` (``jobs`` in several towns and
    their ``vacancies``), ``now`` (ISO), ``live_window_days``, ``live`` (live vacancies) and
    ``by_role``/``by_city`` (:func:`db.vacancies.life_by` rows of groups with at least
    ``min_count`` vacancies; cities: the ``top`` largest). ``condition``: the report's filters
    (:meth:`db.filters.Filters.where` over the alias ``m``)."""
    where, params = condition
    postings = db.conn.execute(
        f"SELECT count(*) FROM ml_postings m {'WHERE ' + where if where else ''}", params
    ).fetchone()[0]
    lives = vacancy_life(db, now, condition=condition)
    enough = [r for r in life_by(lives, "city", min_count) if r["vacancies"] >= min_count]
    return {
        "rule": VACANCY_RULE,
        "postings": postings,
        "vacancies": len(lives),
        "duplicate_share": share(postings - len(lives), postings, min_count),
        "sources": merged_by_source(db, condition),
        "multi_town": multi_town_jobs(db, condition),
        "now": now.isoformat(timespec="seconds"),
        "live_window_days": LIVE_WINDOW_DAYS,
        "live": sum(v.live for v in lives),
        "by_role": [r for r in life_by(lives, "role", min_count) if r["vacancies"] >= min_count],
        "by_city": [r for r in enough if r["group"] is not None][:top],
    }
