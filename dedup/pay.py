"""Salary compatibility of two postings: do their advertised ranges overlap?

Pay is compared in one unit per kind: an annual base salary in GBP per year
(``ads.salary_annual_min``/``salary_annual_max``, already annualized by the normalizers) or a
contract day rate in GBP per day (``ads.salary_min``/``salary_max`` of a day or hour rate, an
hourly rate times :data:`HOURS_PER_DAY`). A salary the source *predicted* (Adzuna's
``salary_is_predicted``) is not advertised pay and counts as unknown. Unknown pay, or pay of
two different kinds, is compatible with anything.
"""

from __future__ import annotations

from typing import NamedTuple

#: Hours in a contract day (as crawler.settings: 7.5).
HOURS_PER_DAY = 7.5
#: Relative slack when comparing bounds, so 65,000 and 64,999.99 after annualizing overlap.
TOLERANCE = 0.005


class Pay(NamedTuple):
    """An advertised pay range: ``kind`` "year" (GBP per year) or "day" (GBP per day)."""

    kind: str
    low: float
    high: float


def ad_pay(
    annual_min: float | None,
    annual_max: float | None,
    salary_min: float | None,
    salary_max: float | None,
    period: str | None,
    currency: str | None,
    predicted: bool = False,
) -> Pay | None:
    """The comparable pay of a stored ad from its columns, or ``None`` when unknown.

    An open bound ("up to £60k": min ``None``) takes the other bound. Predicted pay is
    ``None``.
    """
    if predicted:
        return None
    if annual_min is not None or annual_max is not None:
        low = annual_min if annual_min is not None else annual_max
        high = annual_max if annual_max is not None else annual_min
        return Pay("year", min(low, high), max(low, high))
    if (currency or "GBP") == "GBP" and period in ("day", "hour"):
        factor = HOURS_PER_DAY if period == "hour" else 1.0
        bounds = [b * factor for b in (salary_min, salary_max) if b is not None]
        if bounds:
            return Pay("day", min(bounds), max(bounds))
    return None


def compatible(a: Pay | None, b: Pay | None) -> bool:
    """Whether two pay ranges can be one vacancy's: unknown or different kinds -> ``True``;
    else the ranges overlap (within :data:`TOLERANCE`)."""
    if a is None or b is None or a.kind != b.kind:
        return True
    return a.low <= b.high * (1 + TOLERANCE) and b.low <= a.high * (1 + TOLERANCE)


def intersect(a: Pay | None, b: Pay | None) -> Pay | None:
    """The range both allow (for a cluster: every member must overlap every other). Assumes
    :func:`compatible`; unknown pay leaves the other; different kinds keep the first."""
    if a is None:
        return b
    if b is None or a.kind != b.kind:
        return a
    return Pay(a.kind, max(a.low, b.low), min(a.high, b.high))
