"""Statistics of the report: summaries, bootstrap intervals, confidence labels, premiums.

Conventions (stated again in every report, see :data:`METHODS`):

- percentiles, means, the minimum count and rounding (money to whole pounds, halves to even;
  fractions to 4 decimals): :mod:`db.figures`, the same arithmetic as ``mljobs benchmarks``
  and the SQL views;
- 95% intervals on a median: percentile bootstrap with a seeded generator (reproducible);
  resamples of at most :data:`BOOTSTRAP_CAP` values, so the cost per figure is bounded; above
  the cap an m-out-of-n bootstrap (m = the cap) whose deviations from the sample median are
  scaled by sqrt(m / n) (valid for the median, a sqrt(n)-consistent statistic);
- premiums: ``median_a / median_b - 1`` with the interval from the bootstrap replicates of
  both medians drawn independently;
- composition-adjusted premium: weighted mean over role family x seniority cells of the
  difference of mean log salaries, weights the city's salaries per cell.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from db.figures import percentiles, round_fraction, round_money, summarize

#: Bootstrap resamples per interval.
BOOTSTRAP_RESAMPLES = 1000
#: Largest resample size (m of the m-out-of-n bootstrap above it).
BOOTSTRAP_CAP = 1000
#: Base seed of every generator; each figure derives its own seed from its key.
SEED = 20260601

CONFIDENCE_RULE = (
    "High: at least 100 salaries and a 95% interval on the median no wider than 10% of the "
    "median; Medium: at least 30 salaries and an interval no wider than 25% of the median; "
    "Low: any other figure shown. Below the minimum count no figure and no label is shown."
)

METHODS: dict[str, str] = {
    "percentiles": "Linear interpolation between order statistics (Hyndman & Fan type 7, the "
    "default of NumPy, R and Excel PERCENTILE.INC).",
    "median_interval": "95% percentile bootstrap: "
    f"{BOOTSTRAP_RESAMPLES} resamples with a seeded generator (the seed of "
    "each figure is derived from its key, so output is reproducible); "
    f"resamples hold min(n, {BOOTSTRAP_CAP}) values; when n exceeds "
    f"{BOOTSTRAP_CAP} this is an m-out-of-n bootstrap whose deviations "
    "from the sample median are scaled by sqrt(m/n).",
    "confidence": CONFIDENCE_RULE,
    "premium": "Premium = median(group) / median(reference) - 1. Interval: 2.5th and 97.5th "
    "percentiles of the ratio of independent bootstrap replicates of both medians "
    "(for a city inside the UK the two samples overlap, which makes this interval "
    "wider than needed, i.e. conservative).",
    "adjusted_premium": "Composition-adjusted hub premium = exp(sum_c w_c * d_c) - 1 over cells "
    "c = role family x seniority (unstated seniority is its own level), "
    "where d_c = mean log salary of the city's ads in c minus that of all "
    "UK ads in c, and w_c = the city's salaries in c / the city's salaries "
    "in cells used. A cell is used when it has UK salaries outside the city. "
    "95% interval: +/- 1.96 standard errors, SE = s * sqrt(sum_c w_c^2 * "
    "(1/n_city,c + 1/n_uk,c)), s = pooled within-cell standard deviation "
    "of log salary over UK cells. It compares like with like, so London's "
    "mix of senior roles does not inflate it; 'raw_geometric' is the same "
    "statistic without the cells, for comparison.",
}


def figure_seed(key: str, seed: int = SEED) -> int:
    """A reproducible seed for one figure: ``seed`` mixed with the CRC-32 of ``key``."""
    return (seed * 1_000_003 + zlib.crc32(key.encode("utf-8"))) % (2**32)


def bootstrap_medians(
    values: np.ndarray,
    key: str,
    resamples: int = BOOTSTRAP_RESAMPLES,
    cap: int = BOOTSTRAP_CAP,
    seed: int = SEED,
) -> np.ndarray:
    """Bootstrap replicates (shape ``(resamples,)``) of the median of ``values``.

    Resamples hold ``m = min(n, cap)`` values drawn with replacement from ``values`` with the
    generator seeded by :func:`figure_seed(key, seed)`; when ``m < n`` the replicates are
    rescaled to ``median + sqrt(m / n) * (replicate - median)`` (m-out-of-n bootstrap). Cost
    O(resamples x m) whatever n. Raises ``ValueError`` on an empty array.
    """
    values = np.asarray(values, dtype=float)
    n = len(values)
    if n == 0:
        raise ValueError("bootstrap of no values")
    rng = np.random.default_rng(figure_seed(key, seed))
    m = min(n, cap)
    index = rng.integers(0, n, size=(resamples, m))
    reps = np.median(values[index], axis=1)
    if m < n:
        center = float(np.median(values))
        reps = center + math.sqrt(m / n) * (reps - center)
    return reps


def interval(replicates: np.ndarray) -> tuple[float, float]:
    """The 95% percentile interval (2.5th, 97.5th type-7 percentiles) of bootstrap replicates
    of a money figure, each rounded by :func:`db.figures.round_money` (whole pounds)."""
    low, high = percentiles(replicates, (2.5, 97.5))
    return round_money(low), round_money(high)


def confidence_label(n: int, median: float | None, ci: tuple[float, float] | None) -> str | None:
    """ "High", "Medium" or "Low" by :data:`CONFIDENCE_RULE`; ``None`` when no median is shown.

    ``n`` is the number of salaries behind the median, ``ci`` its 95% interval (same units).
    """
    if median is None or ci is None or median <= 0:
        return None
    width = (ci[1] - ci[0]) / median
    if n >= 100 and width <= 0.10:
        return "High"
    if n >= 30 and width <= 0.25:
        return "Medium"
    return "Low"


def median_figure(values: np.ndarray, key: str, min_count: int) -> dict:
    """``n`` (the number of values), the figures of :func:`db.figures.summarize` (``median``,
    ``mean``, ``p10``, ``p25``, ``p75``, ``p90``, whole pounds), ``ci`` (95% bootstrap interval
    on the median, ``[low, high]``) and ``confidence`` (:func:`confidence_label`); every figure
    ``None`` under ``min_count``."""
    out: dict = {"n": int(len(values)), **summarize(values, min_count)}
    if out["median"] is None:
        out["ci"] = None
        out["confidence"] = None
        return out
    ci = interval(bootstrap_medians(values, key))
    out["ci"] = list(ci)
    out["confidence"] = confidence_label(int(out["n"]), out["median"], ci)
    return out


@dataclass(frozen=True)
class Premium:
    """A premium of group A over reference B: ``value`` (fraction, 0.18 = +18%), its 95%
    interval ``ci`` (fractions), the medians and the counts behind them."""

    value: float
    ci: tuple[float, float]
    median: float
    reference_median: float
    n: int
    reference_n: int

    def as_dict(self) -> dict:
        """JSON shape: ``premium`` and ``ci`` as fractions (4 decimals), ``median`` and
        ``reference_median`` in whole pounds, ``n`` and ``reference_n`` counts."""
        return {
            "premium": round_fraction(self.value),
            "ci": [round_fraction(c) for c in self.ci],
            "median": round_money(self.median),
            "reference_median": round_money(self.reference_median),
            "n": self.n,
            "reference_n": self.reference_n,
        }


def median_premium(
    values: np.ndarray, reference: np.ndarray, key: str, reference_reps: np.ndarray | None = None
) -> Premium:
    """Premium of the median of ``values`` over the median of ``reference`` with its bootstrap
    interval (:data:`METHODS` ``"premium"``). ``reference_reps`` reuses the reference's
    replicates (they must come from :func:`bootstrap_medians`). Raises ``ValueError`` when
    either array is empty or the reference median is not positive.
    """
    med = float(np.median(values))
    ref = float(np.median(reference))
    if ref <= 0:
        raise ValueError("reference median must be positive")
    reps = bootstrap_medians(values, key)
    if reference_reps is None:
        reference_reps = bootstrap_medians(reference, key + "|reference")
    ratio = reps / reference_reps - 1
    low, high = percentiles(ratio, (2.5, 97.5))
    return Premium(
        value=med / ref - 1,
        ci=(low, high),
        median=med,
        reference_median=ref,
        n=len(values),
        reference_n=len(reference),
    )


def adjusted_premium(
    log_salary: np.ndarray,
    cell: np.ndarray,
    in_group: np.ndarray,
) -> dict | None:
    """Composition-adjusted premium of a group (a city) against the whole population.

    ``log_salary``: natural log of each salary (all UK ads with a salary); ``cell``: integer
    cell code per ad (role family x seniority); ``in_group``: boolean mask of the group's ads.
    Follows :data:`METHODS` ``"adjusted_premium"``. Returns ``premium``, ``ci`` (fractions),
    ``raw_geometric`` (ratio of geometric means minus 1, no adjustment), ``n`` (group salaries
    in cells used), ``cells`` (cells used) and ``excluded`` (group salaries in cells with no
    outside salary); ``None`` when no cell is usable.
    """
    cell = np.asarray(cell)
    cells = int(cell.max()) + 1 if len(cell) else 0
    n_all = np.bincount(cell, minlength=cells)
    s_all = np.bincount(cell, weights=log_salary, minlength=cells)
    n_grp = np.bincount(cell[in_group], minlength=cells)
    s_grp = np.bincount(cell[in_group], weights=log_salary[in_group], minlength=cells)
    usable = (n_grp > 0) & (n_all > n_grp)
    if not usable.any():
        return None
    mean_all = s_all[usable] / n_all[usable]
    mean_grp = s_grp[usable] / n_grp[usable]
    weights = n_grp[usable] / n_grp[usable].sum()
    estimate = float((weights * (mean_grp - mean_all)).sum())
    # pooled within-cell variance of log salary over every UK cell
    cell_means = np.where(n_all > 0, s_all / np.maximum(n_all, 1), 0.0)
    resid = log_salary - cell_means[cell]
    dof = len(log_salary) - int((n_all > 0).sum())
    sd = math.sqrt(float((resid**2).sum()) / dof) if dof > 0 else float("nan")
    se = sd * math.sqrt(float((weights**2 * (1 / n_grp[usable] + 1 / n_all[usable])).sum()))
    raw_geo = float(log_salary[in_group].mean() - log_salary.mean())
    ci = (math.exp(estimate - 1.96 * se) - 1, math.exp(estimate + 1.96 * se) - 1)
    return {
        "premium": round_fraction(math.exp(estimate) - 1),
        "ci": None if math.isnan(se) else [round_fraction(c) for c in ci],
        "raw_geometric": round_fraction(math.exp(raw_geo) - 1),
        "n": int(n_grp[usable].sum()),
        "cells": int(usable.sum()),
        "excluded": int(n_grp.sum() - n_grp[usable].sum()),
    }


def linear_projection(values: Sequence[float], horizon: int = 12, holdout: int = 3) -> dict:
    """Straight-line (ordinary least squares) projection of a monthly series.

    ``values``: consecutive monthly figures, oldest first (at least ``holdout + 2``). Fits
    ``value = a + b * t`` on the last up-to-24 months, projects ``horizon`` months ahead and
    backtests by refitting without the last ``holdout`` months and forecasting them: ``mape``
    is the mean absolute percentage error (fraction) of that forecast. Returns ``slope`` (units
    per month) and ``projection`` (list of ``horizon`` values), money in whole pounds
    (:func:`db.figures.round_money`), ``backtest_mape`` and ``backtest_months``. Raises
    ``ValueError`` on too short a series.
    """
    y = np.asarray(values, dtype=float)[-24:]
    if len(y) < holdout + 2:
        raise ValueError("series too short to project")
    t = np.arange(len(y), dtype=float)
    slope, intercept = np.polyfit(t, y, 1)
    future = np.arange(len(y), len(y) + horizon, dtype=float)
    b_slope, b_intercept = np.polyfit(t[:-holdout], y[:-holdout], 1)
    forecast = b_intercept + b_slope * t[-holdout:]
    mape = float(np.mean(np.abs(forecast - y[-holdout:]) / np.abs(y[-holdout:])))
    return {
        "slope": round_money(slope),
        "projection": [round_money(intercept + slope * f) for f in future],
        "backtest_mape": round_fraction(mape),
        "backtest_months": holdout,
    }
