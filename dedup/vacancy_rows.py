"""The ``vacancies`` rows: one per vacancy, from the ads that share its ``ads.vacancy_id``.

The rules (the module text of :mod:`dedup.store` states them for users):

- **representative**: the vacancy's title, employer, place, role, seniority, ``is_ml`` and
  employment type come from the ad ranked first by source kind (``dedup/data/source_kinds.csv``:
  ATS, then job board, aggregator, unknown), then earliest posting date (``posted_at``, else
  ``first_seen``), then smallest ad id;
- **salary**: from the ad ranked first by: a usable salary the source did not predict
  (:data:`PREDICTED_SQL`; an annual base salary in GBP per year or a day rate in GBP per day),
  then source kind, then a structured salary field over a salary text field over a figure found
  in the description (``ads.salary_source``), then the most recent posting, then smallest ad id.
  The vacancy has no salary when that ad has none usable; its employment type then is the
  salary ad's when it has one;
- ``postings`` (ads), ``sources`` (distinct ``ads.source``), first/last ``first_seen``,
  ``last_seen`` and posting date, ``expired`` (every ad expired) with the latest
  ``expired_at``.

Values compare as SQLite compares them (NULL before numbers before text before BLOBs;
aggregates skip NULL), so a row written by hand with odd types gives what SQL would.
Computed in Python over one narrow scan of the ads sorted by vacancy (window functions over
the same rows cost 4.6 s CPU at 200k ads against about 1 s this way; bench/import.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Any

from dedup.sources import KIND_RANK

_FLAG_SQL = (
    "(CASE WHEN instr(a.raw, 'salary_is_predicted') > 0 AND json_valid(a.raw) "
    "THEN CAST(json_extract(a.raw, '$.record.salary_is_predicted') AS TEXT) END)"
)
#: SQL truth of "this ad's salary may be the source's prediction, not advertised pay": Adzuna's
#: ``salary_is_predicted`` is 1, or an aggregator's structured salary comes without that flag
#: (a dump of Adzuna results keeps its numbers but not the flag). Needs ``a`` (ads) and ``k``
#: (``temp.dedup_source_kinds``).
PREDICTED_SQL = (
    f"(CASE WHEN {_FLAG_SQL} IN ('1', 'true') THEN 1 "
    f"WHEN {_FLAG_SQL} IS NULL AND k.kind = 'aggregator' AND a.salary_source = 'structured' "
    "THEN 1 ELSE 0 END)"
)

#: One row per ad of the vacancies in scope, sorted by vacancy: what the rules rank by, then
#: the columns a ``vacancies`` row takes of its representative or salary ad (``{columns}``),
#: so that no ad is read again by id (a page read per vacancy).
_SCAN_SQL = f"""
SELECT a.vacancy_id, a.id, a.source, a.first_seen, a.last_seen, a.expired_at,
       coalesce(a.posted_at, a.first_seen),
       coalesce(k.rank, {KIND_RANK["unknown"]}), coalesce(k.kind, 'unknown'),
       ({PREDICTED_SQL} = 0
        AND (a.salary_annual_mid IS NOT NULL OR a.day_rate_mid IS NOT NULL)),
       CASE a.salary_source WHEN 'structured' THEN 0 WHEN 'field' THEN 1 ELSE 2 END,
       {{columns}}
FROM ads a {{indexed}} LEFT JOIN temp.dedup_source_kinds k ON k.source = a.source
WHERE a.vacancy_id IS NOT NULL {{scope}}
ORDER BY a.vacancy_id
"""
_VACANCY, _ID, _SOURCE, _FIRST, _LAST, _EXPIRED, _POSTED, _RANK, _KIND, _PAY, _SALARY = range(11)
_WIDE = 11  # where ``{columns}`` (:data:`_AD_COLUMNS`) start

#: What a ``vacancies`` row takes of its representative ad, then of its salary ad.
_REPRESENTATIVE_COLUMNS = (
    "title", "company", "city", "region", "workplace", "is_uk", "role", "seniority", "is_ml",
    "employment_type",
)  # fmt: skip
_SALARY_COLUMNS = (
    "employment_type", "salary_annual_min", "salary_annual_max", "salary_annual_mid",
    "day_rate_mid",
)  # fmt: skip
COLUMNS = (
    "id", "representative_ad_id", *_REPRESENTATIVE_COLUMNS, "postings", "sources",
    "first_seen", "last_seen", "first_posted", "last_posted", "expired", "expired_at",
    "salary_annual_min", "salary_annual_max", "salary_annual_mid", "day_rate_mid",
    "salary_ad_id", "salary_source_kind",
)  # fmt: skip
#: The ``{columns}`` of the scan: a representative's, then a salary ad's (one list).
_AD_COLUMNS = tuple(dict.fromkeys(_REPRESENTATIVE_COLUMNS + _SALARY_COLUMNS))


def _order(value: Any) -> tuple[int, Any]:
    """A sort key that orders values as SQLite does: NULL, numbers, text, BLOBs."""
    if type(value) is str:  # the usual case (dates, ids), tested first
        return (2, value)
    if value is None:
        return (0, 0)
    if isinstance(value, int | float):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, bytes(value))


def _all_text(values: list[Any]) -> bool:
    """Whether every value is a ``str`` (which then compare as SQLite compares them)."""
    return all(type(v) is str for v in values)


def _least(values: Iterable[Any]) -> Any:
    """SQL ``min()``: the least value but NULL, NULL when there is none."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return min(present) if _all_text(present) else min(present, key=_order)


def _greatest(values: Iterable[Any]) -> Any:
    """SQL ``max()``: the greatest value but NULL, NULL when there is none."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return max(present) if _all_text(present) else max(present, key=_order)


def _representative(ads: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    return min(ads, key=lambda a: (a[_RANK], _order(a[_POSTED]), _order(a[_ID])))


def _pay_rank(ad: tuple[Any, ...]) -> tuple[int, Any, Any]:
    return (0 if ad[_PAY] else 1, ad[_RANK], ad[_SALARY])


def _salary_ad(ads: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    # usable pay first, source kind, salary source; then the LATEST posting, smallest id
    head = min(map(_pay_rank, ads))
    tied = [a for a in ads if _pay_rank(a) == head]
    latest = max(_order(a[_POSTED]) for a in tied)
    return min((a for a in tied if _order(a[_POSTED]) == latest), key=lambda a: _order(a[_ID]))


def _summaries(
    rows: Iterator[tuple[Any, ...]],
) -> Iterator[tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]]]:
    """Per vacancy, from the sorted scan: (vacancy id, representative ad id, salary ad id,
    salary ad usable, salary source kind, postings, sources, first seen, last seen, first
    posted, last posted, expired, expired at), then the scan rows of the representative and
    of the salary ad."""
    for vacancy, group in groupby(rows, key=lambda r: r[_VACANCY]):
        ads = list(group)
        salary = _salary_ad(ads)
        representative = _representative(ads)
        expired = all(a[_EXPIRED] is not None for a in ads)
        summary = (
            vacancy,
            representative[_ID],
            salary[_ID],
            bool(salary[_PAY]),
            salary[_KIND],
            len(ads),
            len({a[_SOURCE] for a in ads}),
            _least(a[_FIRST] for a in ads),
            _greatest(a[_LAST] for a in ads),
            _least(a[_POSTED] for a in ads),
            _greatest(a[_POSTED] for a in ads),
            1 if expired else 0,
            _greatest(a[_EXPIRED] for a in ads) if expired else None,
        )
        yield summary, representative, salary


def vacancy_rows(
    conn: sqlite3.Connection, scoped: bool, scan: bool = False
) -> Iterator[tuple[Any, ...]]:
    """The ``vacancies`` rows (values in :data:`COLUMNS` order, by vacancy id) of every
    vacancy (``scoped`` false) or of those whose ids are in ``temp.dedup_scope``, by the rules
    in the module text, streamed (memory holds one vacancy's ads at a time). Needs
    ``temp.dedup_source_kinds`` (:mod:`dedup.store` makes it). A scope is read through the
    ``ads.vacancy_id`` index, or with ``scan`` in one scan of ``ads`` (cheaper for a scope
    of many ads: the index reads a page per ad). Reads only."""
    # the whole table: one scan and a sort of narrow rows (by the index it would read every
    # ad's page in vacancy order); a scope: by the index, unless told to scan
    sql = _SCAN_SQL.format(
        indexed="" if scoped and not scan else "NOT INDEXED",
        scope="AND a.vacancy_id IN (SELECT vacancy_id FROM temp.dedup_scope)" if scoped else "",
        columns=", ".join(f"a.{c}" for c in _AD_COLUMNS),
    )
    for summary, representative, salary in _summaries(iter(conn.execute(sql))):
        ads = {representative[_ID]: representative[_WIDE:], salary[_ID]: salary[_WIDE:]}
        yield from _rows([summary], ads)


def _rows(
    summaries: list[tuple[Any, ...]], ads: dict[str, tuple[Any, ...]]
) -> Iterator[tuple[Any, ...]]:
    width = len(_REPRESENTATIVE_COLUMNS)
    for vacancy, rep_id, pay_id, has_pay, pay_kind, *counts in summaries:
        representative = list(ads[rep_id][:width])
        salary = dict(zip(_SALARY_COLUMNS, ads[pay_id][width - 1 :], strict=True))
        if has_pay and salary["employment_type"] is not None:
            representative[-1] = salary["employment_type"]
        pay = [salary[c] for c in _SALARY_COLUMNS[1:]] if has_pay else [None] * 4
        yield (
            vacancy,
            rep_id,
            *representative,
            *counts,
            *pay,
            pay_id if has_pay else None,
            pay_kind if has_pay else None,
        )
