"""The JSON shapes of the report (``report.json``) as ``TypedDict``s.

Money is GBP per year (salaries) or GBP per day (day rates), whole pounds (:mod:`db.figures`);
shares, premiums and changes are fractions (0.18 = +18%, 4 decimals). A figure is ``None``
when fewer than the report's ``min_count`` values stand behind it.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class Query(TypedDict):
    """The SQL (over the ``ml_ads`` view) returning the ads behind a figure, with its ``?``
    parameters; ``note`` says what to append when the query needs more parameters."""

    sql: str
    params: list[Any]
    note: NotRequired[str]


class MedianFigure(TypedDict):
    """Summary of one set of values (salaries or day rates): ``n`` values, the median with its
    95% bootstrap interval ``ci`` (``[low, high]``) and ``confidence`` ("High", "Medium",
    "Low"), the mean and the P10-P90 percentiles."""

    n: int
    median: int | None
    mean: int | None
    p10: int | None
    p25: int | None
    p75: int | None
    p90: int | None
    ci: list[int] | None
    confidence: str | None


class LevelRow(TypedDict):
    """One level of a split (a seniority level or an experience band, or "unstated"): its
    ads, their share of the cell's ads and the salary figure of its ads."""

    level: str
    ads: int
    share: float | None
    salary: MedianFigure
    query: Query


class Cell(TypedDict):
    """One scope x role: ``kind`` "uk" / "city" / "region", ``scope`` its name ("UK", a
    city, an ITL1 region), ``role`` a role family or "all"; ``key`` is
    ``"<kind>:<scope>|<role>"``. ``ad_ids`` lists the ads when there are few, else ``None``."""

    key: str
    kind: str
    scope: str
    role: str
    ads: int
    salaries: int
    disclosure_rate: float | None
    employers: int
    salary: MedianFigure
    day_rate: MedianFigure
    seniority: list[LevelRow]
    experience: list[LevelRow]
    query: Query
    ad_ids: list[str] | None


class PremiumFigure(TypedDict):
    """A raw premium of a group's median over a reference median (:class:`report.stats.
    Premium`): ``premium`` and its 95% interval ``ci`` (fractions), both medians (whole
    pounds) and the salaries behind them."""

    premium: float
    ci: list[float]
    median: int
    reference_median: int
    n: int
    reference_n: int


class AdjustedPremium(TypedDict):
    """Composition-adjusted premium (:func:`report.stats.adjusted_premium`): fractions
    ``premium``, ``ci`` (``None`` when no spread can be estimated) and ``raw_geometric``;
    ``n`` salaries in ``cells`` cells used, ``excluded`` salaries in cells not used."""

    premium: float
    ci: list[float] | None
    raw_geometric: float
    n: int
    cells: int
    excluded: int


class HubPremiumRow(TypedDict):
    """A city's (``city``) or ITL1 region's (``region``) premium against the UK."""

    city: NotRequired[str]
    region: NotRequired[str]
    ads: int
    salaries: int
    reference: str
    reference_salaries: int
    query: Query
    raw: PremiumFigure | None
    adjusted: AdjustedPremium | None
    note: str | None


class SkillPremiumRow(TypedDict):
    """A skill: its ads, share of ML ads, and the premium of ads citing it over the others."""

    skill: str
    ads: int
    share: float | None
    salaries_with: int
    salaries_without: int
    query: Query
    premium: PremiumFigure | None
    note: str | None
