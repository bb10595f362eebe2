"""The report's time series: ads and median salary per month, a straight-line projection of
the median, and ITJobsWatch-style year-on-year comparisons.

Months are the ``YYYY-MM`` of ``posted_at``; undated ads are counted apart. Medians are GBP per
year (whole pounds, :mod:`db.figures`), changes are fractions.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np

from db.figures import round_fraction, summarize
from report import stats
from report.frame import Frame, finite, groups, month_name
from report.provenance import EVERY_AD, Population, figure_query


class TrendSettings(Protocol):
    """The settings a trend reads (:class:`report.build.ReportSettings` has them)."""

    min_count: int
    yoy_months: int
    min_history_months: int
    projection_months: int


def trend(
    f: Frame,
    s: TrendSettings,
    idx: np.ndarray,
    filters: dict[str, str | None],
    population: Population = EVERY_AD,
) -> dict[str, Any]:
    """Monthly series of the ads ``idx`` of ``f`` (ads, salaries, median salary in GBP per
    year, day rates per ``YYYY-MM`` of posting), ``undated_ads``, ``history_months``, a
    straight-line ``projection`` of the median when ``s.min_history_months`` consecutive months
    up to the latest have one (else ``None`` and ``projection_note`` says why), the ``query``
    behind a month (within ``population``, see :func:`report.provenance.figure_query`) and the
    ``year_on_year`` rows (:func:`year_on_year`)."""
    mc = s.min_count
    months = f["month_number"][idx]
    dated = months >= 0
    by_month = groups(months[dated])
    sub = idx[dated]
    series = []
    medians: dict[int, float | None] = {}
    for number in sorted(by_month):
        rows = sub[by_month[number]]
        values = finite(f["salary"][rows])
        summary = summarize(values, mc)
        medians[number] = summary["median"]
        series.append(
            {
                "month": month_name(number),
                "ads": int(len(rows)),
                "salaries": int(len(values)),
                "median": summary["median"],
                "day_rates": int((~np.isnan(f["day_rate"][rows])).sum()),
            }
        )
    out: dict[str, Any] = {"months": series, "undated_ads": int((~dated).sum())}
    # history: consecutive months ending at the latest month, each with a median
    history: list[float] = []
    if by_month:
        number = max(by_month)
        while medians.get(number) is not None:
            history.append(float(medians[number]))
            number -= 1
    history.reverse()
    out["history_months"] = len(history)
    if len(history) >= s.min_history_months:
        projection = stats.linear_projection(history, horizon=s.projection_months)
        last = max(by_month)
        projection["months"] = [month_name(last + i + 1) for i in range(s.projection_months)]
        projection["method"] = (
            "Ordinary least-squares straight line through the monthly medians of the last "
            f"{min(len(history), 24)} consecutive months; backtest: the same fit without "
            "the last 3 months forecasting them (mean absolute percentage error)."
        )
        out["projection"] = projection
        out["projection_note"] = None
    else:
        out["projection"] = None
        out["projection_note"] = (
            f"not enough history: {len(history)} consecutive month(s) with at least "
            f"{mc} salaries up to the latest month; a projection needs "
            f"{s.min_history_months}."
        )
    out["query"] = figure_query(filters, "month = ?", population)
    out["query"]["note"] = "append the month (YYYY-MM) to params"
    latest = max(by_month) if by_month else None
    out["year_on_year"] = year_on_year(f, s, idx, months, latest, filters, population)
    return out


def year_on_year(
    f: Frame,
    s: TrendSettings,
    idx: np.ndarray,
    months: np.ndarray,
    latest: int | None,
    filters: dict[str, str | None],
    population: Population = EVERY_AD,
) -> list[dict[str, Any]]:
    """ITJobsWatch-style: the last ``yoy_months`` months against the same months one and
    two years earlier (ads, salaries, median, change); ``months`` are the month numbers of
    the ads ``idx``, ``latest`` the last month with ads."""
    if latest is None:
        return []
    w, mc = s.yoy_months, s.min_count
    rows = []
    for years_back in (0, 1, 2):
        end = latest - 12 * years_back
        start = end - w + 1
        mask = (months >= start) & (months <= end)
        values = finite(f["salary"][idx[mask]])
        summary = summarize(values, mc)
        query = figure_query(filters, "month BETWEEN ? AND ?", population)
        query["params"] += [month_name(start), month_name(end)]
        rows.append(
            {
                "period": f"{month_name(start)} to {month_name(end)}",
                "query": query,
                "ads": int(mask.sum()),
                "salaries": int(len(values)),
                "median": summary["median"],
            }
        )
    for this, before in zip(rows, rows[1:], strict=False):
        this["median_change"] = (
            round_fraction(this["median"] / before["median"] - 1)
            if this["median"] is not None and before["median"] is not None
            else None
        )
        this["ads_change"] = (
            round_fraction(this["ads"] / before["ads"] - 1)
            if this["ads"] >= mc and before["ads"] >= mc
            else None
        )
    rows[-1]["median_change"] = rows[-1]["ads_change"] = None
    return rows
