"""How one benchmark figure is computed, in Python and as its SQL twin: the one home of the rule.

Every salary figure of the project (``mljobs benchmarks``, the report, the ``bench_*`` views)
comes from here:

- **percentiles**: linear interpolation between order statistics, Hyndman & Fan type 7 (the
  default of NumPy, R and Excel ``PERCENTILE.INC``): the ``q``-th percentile of ``n`` sorted
  values ``x`` sits at position ``p = (n - 1) * q / 100`` and is
  ``x[floor(p)] + (x[floor(p) + 1] - x[floor(p)]) * (p - floor(p))``. Python:
  :func:`percentiles` (vectorized with NumPy); SQL: :func:`percentile_sql`, the same
  floating-point steps in the same order, so both give the same double. NumPy's
  ``percentile(method="linear")`` is the same statistic but computes ``b - (b - a) * (1 - t)``
  when ``t >= 0.5``, which moves exact halves by one unit in the last place (P90 of
  ``[..., 42_500, 53_625, ...]`` at ``p = 9.9`` gives 52,512.500000000004 instead of
  52,512.5), and the rounding rule below must see the exact half.
- **mean**: arithmetic mean of the values.
- **minimum count**: a figure resting on fewer than :data:`MIN_COUNT` values (or the caller's
  ``min_count``) is ``None`` (SQL ``NULL``), never a guess.
- **rounding** (the one rounding rule): money figures (GBP per year, GBP per day) are rounded
  to whole pounds, halves to even (Python's :func:`round`), once, when the figure is made.
  Python: :func:`round_money`; SQL: :func:`round_money_sql`. Fractions (shares, premiums,
  disclosure rates) keep 4 decimals (:data:`FRACTION_DIGITS`).

A test (``tests/db/test_figures.py``) holds the Python and SQL versions equal on random data.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

#: Fewest values (salaries, day rates, ads) a figure needs before it is shown.
MIN_COUNT = 10
#: Percentiles reported beside the median, in order.
PERCENTILES: tuple[int, ...] = (10, 25, 75, 90)
#: Decimals kept in fractions (shares, premiums, disclosure rates, changes).
FRACTION_DIGITS = 4
#: Keys of :func:`summarize`, in output order.
SUMMARY_KEYS: tuple[str, ...] = ("median", "mean", *(f"p{q}" for q in PERCENTILES))


def percentiles(values: Iterable[float] | np.ndarray, qs: Sequence[float]) -> list[float]:
    """Type-7 percentiles ``qs`` (each 0-100) of ``values`` (any order), as floats.

    Units are those of ``values``. Raises ``ValueError`` when ``values`` is empty or a ``q``
    lies outside 0-100.
    """
    ordered = np.sort(np.asarray(values if isinstance(values, np.ndarray) else list(values)))
    ordered = ordered.astype(float)
    n = len(ordered)
    if n == 0:
        raise ValueError("percentile of no values")
    if any(not 0 <= q <= 100 for q in qs):
        raise ValueError(f"percentiles {list(qs)} not all within 0-100")
    out = []
    for q in qs:
        position = (n - 1) * q / 100
        low = math.floor(position)
        a, b = float(ordered[low]), float(ordered[min(low + 1, n - 1)])
        out.append(a + (b - a) * (position - low))
    return out


def percentile(values: Iterable[float] | np.ndarray, q: float) -> float:
    """The ``q``-th (0-100) type-7 percentile of ``values``; see :func:`percentiles`."""
    return percentiles(values, (q,))[0]


def round_money(value: float) -> int:
    """A money figure (GBP per year or per day) rounded by the project's one rule: whole pounds,
    halves to even (``round(57_500.5) == 57_500``). Raises ``TypeError``/``ValueError`` on
    ``None``/NaN."""
    return round(float(value))


def round_fraction(value: float) -> float:
    """A fraction (share, premium, change) rounded to :data:`FRACTION_DIGITS` decimals."""
    return round(float(value), FRACTION_DIGITS)


def share(count: int, total: int, min_count: int = MIN_COUNT) -> float | None:
    """``count / total`` as a fraction (:func:`round_fraction`), or ``None`` when ``total`` is
    below ``min_count`` (or 0): a share needs as many ads behind it as any other figure."""
    return round_fraction(count / total) if total >= min_count and total > 0 else None


def summarize(
    values: Iterable[float] | np.ndarray, min_count: int = MIN_COUNT
) -> dict[str, int | None]:
    """``median``, ``mean``, ``p10``, ``p25``, ``p75``, ``p90`` of ``values`` (any order).

    Units are kept (GBP per year or per day) and rounded by :func:`round_money`; every figure
    is ``None`` when there are fewer than ``min_count`` values (or none at all).
    """
    array = np.asarray(values if isinstance(values, np.ndarray) else list(values), dtype=float)
    if array.size < max(min_count, 1):
        return dict.fromkeys(SUMMARY_KEYS)
    median, *pcts = percentiles(array, (50, *PERCENTILES))
    out: dict[str, int | None] = {
        "median": round_money(median),
        "mean": round_money(float(array.mean())),
    }
    for q, value in zip(PERCENTILES, pcts, strict=True):
        out[f"p{q}"] = round_money(value)
    return out


# ---- the SQL twins -------------------------------------------------------------------------


def percentile_sql(q: int, value: str = "v", rank: str = "i", count: str = "n") -> str:
    """An aggregate SQL expression: the type-7 ``q``-th percentile (``q`` an integer 0-100)
    over rows ``(rank, count, value)`` of one group, ``rank`` the 0-based position of ``value``
    in ascending order and ``count`` the group's number of values.

    The steps of :func:`percentiles` in the same order (position ``(n - 1) * q / 100.0``,
    ``a + (b - a) * (position - low)``); SQLite computes in IEEE doubles, so the result equals
    :func:`percentile` exactly. Raises ``ValueError`` for ``q`` outside 0-100.
    """
    if not (isinstance(q, int) and 0 <= q <= 100):
        raise ValueError(f"percentile {q!r} must be an integer within 0-100")
    pos = f"(({count} - 1) * {q} / 100.0)"
    low = f"CAST({pos} AS INTEGER)"
    a = f"max(CASE WHEN {rank} = {low} THEN {value} END)"
    b = f"max(CASE WHEN {rank} = min({low} + 1, {count} - 1) THEN {value} END)"
    return f"({a} + ({b} - {a}) * ({pos} - {low}))"


def round_money_sql(expression: str) -> str:
    """SQL rounding ``expression`` (a non-negative money figure, or ``NULL``) as
    :func:`round_money` does: whole pounds, halves to even, as an INTEGER (``NULL`` stays
    ``NULL``). SQLite's own ``round()`` sends halves away from zero, hence this form."""
    whole = f"CAST({expression} AS INTEGER)"
    fraction = f"({expression} - {whole})"
    return (
        f"({whole} + (CASE WHEN {fraction} > 0.5 OR ({fraction} = 0.5 AND {whole} % 2 = 1) "
        f"THEN 1 ELSE 0 END))"
    )
