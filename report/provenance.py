"""The report's provenance: the SQL behind each figure, the ads behind small cells, and the
database summary (totals, dates, sources, normalizer versions).

Every query reads the views of :mod:`db.views` (``uk_ads``, ``ml_ads``), so the report's
population is defined once, there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import sqlite_utils

from db.views import view_names
from report.frame import Frame, groups
from report.shapes import Query

#: Columns of a listed ad (:func:`ads_by_rid`).
AD_COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "company",
    "city",
    "salary",
    "day_rate",
    "posted_at",
    "url",
)


#: A population condition over ``ml_ads m`` and its parameters (``("", [])``: every ML ad).
Population = tuple[str, list[Any]]
EVERY_AD: Population = ("", [])


def figure_query(
    filters: dict[str, str | None],
    extra: str = "",
    population: Population = EVERY_AD,
    extra_params: Sequence[Any] = (),
) -> Query:
    """The SQL (over the ``ml_ads`` view) returning the ads behind a figure.

    ``filters``: column -> value (``None`` for ``IS NULL``), each value a ``?`` parameter;
    ``extra``: one more trusted condition, its ``?`` filled by ``extra_params`` (callers may
    also append parameters later, as the trend does per month); ``population``: the report's
    own selection (:meth:`db.filters.Filters.where` with alias ``m``), put first with its
    parameters. The query returns ``id``, ``salary`` and ``day_rate``.
    """
    where, params = [], []
    if population[0]:
        where.append(f"({population[0]})")
        params += population[1]
    for column, value in filters.items():
        if value is None:
            where.append(f"{column} IS NULL")
        else:
            where.append(f"{column} = ?")
            params.append(value)
    if extra:
        where.append(extra)
        params += list(extra_params)
    sql = "SELECT id, salary, day_rate FROM ml_ads" + (" m" if population[0] else "")
    if where:
        sql += " WHERE " + " AND ".join(where)
    return {"sql": sql, "params": params}


def ad_ids(db: sqlite_utils.Database, rids: np.ndarray, limit: int) -> list[str] | None:
    """The ids (``<source>:<source id>``) of the ads at rowids ``rids``, sorted; ``None`` when
    there are more than ``limit``."""
    if len(rids) > limit:
        return None
    ordered = sorted(int(r) for r in rids)
    if not ordered:
        return []
    marks = ", ".join("?" * len(ordered))
    return [
        r[0]
        for r in db.conn.execute(
            f"SELECT id FROM ads WHERE rowid IN ({marks}) ORDER BY id", ordered
        )
    ]


def ads_by_rid(db: sqlite_utils.Database, rids: Sequence[int]) -> list[dict[str, Any]]:
    """The ads at rowids ``rids`` (from ``uk_ads``), in the order given, as dicts of
    :data:`AD_COLUMNS` (salary GBP per year, day rate GBP per day, ``None`` when absent)."""
    found: dict[int, tuple] = {}
    for start in range(0, len(rids), 500):
        batch = [int(r) for r in rids[start : start + 500]]
        cursor = db.conn.execute(
            f"SELECT rid, {', '.join(AD_COLUMNS)} FROM uk_ads "
            f"WHERE rid IN ({', '.join('?' * len(batch))})",
            batch,
        )
        found.update((r[0], r[1:]) for r in cursor.fetchall())
    return [dict(zip(AD_COLUMNS, found[r], strict=True)) for r in rids if r in found]


def _rows(db: sqlite_utils.Database, sql: str) -> list[dict[str, Any]]:
    cursor = db.conn.execute(sql)
    cols = [d[0] for d in cursor.description]
    return [dict(zip(cols, r, strict=True)) for r in cursor.fetchall()]


def provenance(
    db: sqlite_utils.Database, f: Frame, posted_rank: np.ndarray, selection: str = ""
) -> dict[str, Any]:
    """Where the report's figures come from: ``population`` (in words), ``totals`` (ads in
    the database, in ``uk_ads``, in ``ml_ads``, outside the UK), ``dates`` (posting range of
    the population, undated ads, first/last seen), ``sources`` and ``normalizer_versions``
    (ads per value, most first) and ``views`` (the SQL views). ``posted_rank`` ranks the
    frame's ``posted_at`` codes (index ``-1`` = undated); ``selection`` describes the report's
    filters (:meth:`db.filters.Filters.describe`), if any: the population then says so and
    ``totals`` gains ``selected_ads``."""
    totals = _rows(
        db,
        "SELECT (SELECT count(*) FROM ads) AS ads, (SELECT count(*) FROM uk_ads) AS uk_ads, "
        "(SELECT count(*) FROM ml_ads) AS ml_ads, "
        "(SELECT count(*) FROM ads) - (SELECT count(*) FROM uk_ads) AS non_uk_ads, "
        "(SELECT min(first_seen) FROM ml_ads) AS first_seen, "
        "(SELECT max(last_seen) FROM ml_ads) AS last_seen",
    )[0]
    posted = f.names["posted_at"]
    dated = f["posted_at"][f["posted_at"] >= 0]
    by_rank = {int(posted_rank[c]): posted[c] for c in range(len(posted))}

    def date_range(codes: np.ndarray) -> tuple[str | None, str | None]:
        codes = codes[codes >= 0]
        if not len(codes):
            return None, None
        r = posted_rank[codes]
        return by_rank[int(r.min())], by_rank[int(r.max())]

    first, last = date_range(f["posted_at"])
    dates = {
        "first_posted": first,
        "last_posted": last,
        "undated": int(len(f) - len(dated)),
        "first_seen": totals.pop("first_seen"),
        "last_seen": totals.pop("last_seen"),
    }
    sources = []
    has = ~np.isnan(f["salary"])
    for code, idx in sorted(groups(f["source"]).items(), key=lambda t: (-len(t[1]), t[0])):
        first, last = date_range(f["posted_at"][idx])
        sources.append(
            {
                "source": f.names["source"][code] if code >= 0 else None,
                "ads": int(len(idx)),
                "salaries": int(has[idx].sum()),
                "first_posted": first,
                "last_posted": last,
            }
        )
    versions = [
        {
            "normalizer_version": f.names["normalizer_version"][c] if c >= 0 else None,
            "ads": int(len(idx)),
        }
        for c, idx in sorted(
            groups(f["normalizer_version"]).items(), key=lambda t: (-len(t[1]), t[0])
        )
    ]
    population = (
        "UK vacancies (is_uk not false) classified as ML roles (is_ml = 1), one row per "
        "vacancy (its postings deduplicated, one salary each): the SQL view ml_ads. Every "
        "'query' in this file runs against it."
    )
    if selection:
        population += f" This report covers only the ads selected by: {selection}."
        totals["selected_ads"] = len(f)
    return {
        "population": population,
        "totals": totals,
        "dates": dates,
        "sources": sources,
        "normalizer_versions": versions,
        "views": list(view_names()),
    }
