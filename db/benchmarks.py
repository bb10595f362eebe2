"""Salary benchmarks per group (city, ITL1 region, role family, seniority, skill).

Figures are annual base salaries in GBP per year of permanent roles (contract and internship
ads, and day rates, are left out of them); contract day rates are reported apart, in GBP per
day. The arithmetic (type-7 percentiles, the mean, the minimum count and the one rounding
rule: whole pounds, halves to even) is :mod:`db.figures`'; the population and the usable
salary are the views' (:mod:`db.views`): by default one row per vacancy (``uk_ads``, ``ml_ads``:
two postings of one job count once, with the vacancy's one salary), with ``postings=True`` one
row per stored ad (``uk_postings``, ``ml_postings``), the counting before deduplication. A
group with fewer than ``min_count`` salaries gets no figure, and its ``note`` says so.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlite_utils

from db.figures import MIN_COUNT, PERCENTILES, SUMMARY_KEYS, percentile, summarize
from db.filters import Filters

__all__ = [
    "GROUP_COLUMNS",
    "MIN_COUNT",
    "PERCENTILES",
    "ROW_KEYS",
    "benchmarks",
    "percentile",
    "summarize",
]

#: Grouping name -> column of ``ads`` (``skill`` goes through ``ad_skills``).
GROUP_COLUMNS: dict[str, str] = {
    "city": "city",
    "region": "region",
    "role": "role",
    "seniority": "seniority",
    "skill": "skill",
}
#: Keys of a benchmark row, in output order (also the CSV header).
ROW_KEYS: tuple[str, ...] = (
    "group",
    "vacancies",
    "postings",
    "ads",
    "salaries",
    *SUMMARY_KEYS,
    "day_rates",
    "day_rate_median",
    "day_rate_p10",
    "day_rate_p90",
    "note",
)


def benchmarks(
    db: sqlite_utils.Database,
    by: str,
    *,
    all_ads: bool = False,
    min_count: int = MIN_COUNT,
    filters: Filters | None = None,
    postings: bool = False,
) -> list[dict[str, Any]]:
    """Per-group benchmark rows, largest group (by ads) first.

    ``by`` is one of :data:`GROUP_COLUMNS`; ``all_ads`` counts every UK ad instead of the ML
    ones (``is_ml``); ``filters`` (:class:`db.filters.Filters`) narrows the ads further, e.g.
    ``Filters(roles=("ml_engineer",), seniorities=("senior",))`` with ``by="city"`` answers
    "what does a senior ML engineer earn, city by city?". Ads outside the UK (``is_uk``
    false) are never counted. By default the rows count vacancies, each with its one salary
    (a vacancy's fields are its representative ad's, so filters on skills and sources read
    that ad); ``postings=True`` counts and takes salaries per stored ad instead. Each row (keys
    :data:`ROW_KEYS`): ``group`` (``None`` for ads where the field is unknown), ``vacancies``
    (distinct vacancies), ``postings`` (stored ads of those vacancies), ``ads`` (the counted
    unit: ``vacancies``, or ``postings`` with ``postings=True``), ``salaries`` (vacancies, or
    ads, with a usable annual base salary of a permanent role), ``median``, ``mean``, ``p10``,
    ``p25``, ``p75``, ``p90`` (GBP per year, whole pounds, ``None`` under ``min_count``),
    ``day_rates`` and ``day_rate_median``/``day_rate_p10``/``day_rate_p90`` (GBP per day,
    contract roles), and ``note`` (why figures are missing, else ``None``). Raises
    ``ValueError`` for an unknown ``by``. No ads selected gives ``[]``.
    """
    if by not in GROUP_COLUMNS:
        raise ValueError(f"cannot group by {by!r}: choose one of {', '.join(GROUP_COLUMNS)}")
    # The population and the usable-salary rule are the views' (db/views.py: uk_ads, ml_ads),
    # so these figures and the bench_* views count the same ads.
    population = ("uk_" if all_ads else "ml_") + ("postings" if postings else "ads")
    if by == "skill":
        source = f"{population} a JOIN ad_skills s ON s.ad_id = a.id"
        group = "s.skill"
    else:
        source = f"{population} a"
        group = f"a.{GROUP_COLUMNS[by]}"
    condition, params = (filters or Filters()).where("a")
    sql = f"SELECT {group} AS grp, a.vacancy_id, a.postings, a.salary, a.day_rate FROM {source}"
    if condition:
        sql += f" WHERE {condition}"
    ads: dict[Any, int] = defaultdict(int)
    stored: dict[Any, int] = defaultdict(int)
    vacancies: dict[Any, set[str]] = defaultdict(set)
    salaries: dict[Any, list[float]] = defaultdict(list)
    day_rates: dict[Any, list[float]] = defaultdict(list)
    for grp, vacancy, n_postings, salary, day_rate in db.conn.execute(sql, params):
        ads[grp] += 1
        stored[grp] += n_postings
        vacancies[grp].add(vacancy)
        if salary is not None:
            salaries[grp].append(salary)
        if day_rate is not None:
            day_rates[grp].append(day_rate)
    rows = []
    for grp in sorted(ads, key=lambda g: (-ads[g], str(g))):
        figures = summarize(salaries[grp], min_count)
        rates = summarize(day_rates[grp], min_count)
        note = None
        if figures["median"] is None:
            note = f"too few salaries to benchmark ({len(salaries[grp])} < {min_count})"
        rows.append(
            {
                "group": grp,
                "vacancies": len(vacancies[grp]),
                "postings": stored[grp],
                "ads": ads[grp],
                "salaries": len(salaries[grp]),
                **figures,
                "day_rates": len(day_rates[grp]),
                "day_rate_median": rates["median"],
                "day_rate_p10": rates["p10"],
                "day_rate_p90": rates["p90"],
                "note": note,
            }
        )
    return rows
