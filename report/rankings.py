"""ITJobsWatch-style rankings: each role family's and skill's rank by ads in the latest period,
with its rank in the same period a year before and the change.

The period is the last ``yoy_months`` months with dated ads (months of ``posted_at``); the
period a year before is the same months shifted back 12. Ranks count ads in the period, most
first; equal counts share a rank (competition ranking: 1, 2, 2, 4). ``rank_change`` is
``rank_before - rank`` (positive: moved up). Without ads a year before (the data do not span
a year), the "before" fields are ``None``. Medians are GBP per year, whole pounds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import numpy as np

from db.figures import share, summarize
from report.frame import Frame, finite, month_name
from report.provenance import EVERY_AD, Population, figure_query
from report.skills import CITES_SKILL


class RankingSettings(Protocol):
    """The settings a ranking reads (:class:`report.build.ReportSettings` has them)."""

    min_count: int
    yoy_months: int
    top_skills: int


def competition_ranks(counts: np.ndarray) -> np.ndarray:
    """Rank of each count, highest first, equal counts sharing the best rank (1, 2, 2, 4);
    ``0`` for a zero count (unranked)."""
    counts = np.asarray(counts)
    ranks = 1 + np.searchsorted(np.sort(-counts), -counts, side="left")
    return np.where(counts > 0, ranks, 0).astype(np.int64)


def rankings(
    f: Frame,
    s: RankingSettings,
    pairs: dict[str, np.ndarray],
    role_order: list[str],
    labels: dict[str, str],
    population: Population = EVERY_AD,
) -> dict[str, Any]:
    """``period`` and ``previous_period`` (``"YYYY-MM to YYYY-MM"``), ``spans_year`` (ads in
    the earlier period), ``ads`` (dated ads in the period), ``roles`` (every role family in
    ``role_order``) and ``skills`` (the ``top_skills`` skills of the period) as rows: name,
    ``ads``, ``share`` of the period's ads, ``rank``, ``salaries``, ``median``, ``ads_before``,
    ``rank_before``, ``rank_change`` and the ``query`` listing the period's ads.
    ``pairs`` are the ``(ad, skill)`` pairs of :meth:`report.build._Builder.skills`."""
    months = f["month_number"]
    if not (months >= 0).any():
        return {
            "period": None,
            "previous_period": None,
            "spans_year": False,
            "ads": 0,
            "roles": [],
            "skills": [],
        }
    latest, w = int(months.max()), s.yoy_months
    start, end = latest - w + 1, latest
    now = (months >= start) & (months <= end)
    before = (months >= start - 12) & (months <= end - 12)
    spans = bool(before.any())
    period = [month_name(start), month_name(end)]
    salary = f["salary"]

    def rows(
        names: list[str],
        counts: Callable[[np.ndarray], np.ndarray],
        member: Callable[[int], np.ndarray],
        key: str,
        extra: str,
        limit: int | None,
    ) -> list[dict[str, Any]]:
        # counts(mask): ads per name among the ads in mask; member(j): the ads of name j
        counts_now, counts_before = counts(now), counts(before)
        rank_now, rank_before = competition_ranks(counts_now), competition_ranks(counts_before)
        order = sorted(range(len(names)), key=lambda j: (-counts_now[j], names[j]))
        if limit is not None:
            order = [j for j in order if counts_now[j] > 0][:limit]
        out = []
        for j in order:
            values = finite(salary[now & member(j)])
            had = spans and rank_before[j] > 0
            row: dict[str, Any] = {
                key: names[j],
                "ads": int(counts_now[j]),
                "share": share(int(counts_now[j]), int(now.sum()), s.min_count),
                "rank": int(rank_now[j]) or None,
                "salaries": len(values),
                "median": summarize(values, s.min_count)["median"],
                "ads_before": int(counts_before[j]) if spans else None,
                "rank_before": int(rank_before[j]) if had else None,
                "rank_change": int(rank_before[j] - rank_now[j]) if had and rank_now[j] else None,
                "query": figure_query(
                    {}, f"{extra} AND month BETWEEN ? AND ?", population, [names[j], *period]
                ),
            }
            if key == "role":
                row["label"] = labels.get(names[j], names[j])
            out.append(row)
        return out

    role_codes = [f.code("role", r) for r in role_order]

    def role_counts(mask: np.ndarray) -> np.ndarray:
        return np.array([int((f["role"][mask] == c).sum()) for c in role_codes], dtype=np.int64)

    ad_idx, skill, skill_names = pairs["ad_idx"], pairs["skill"], [str(n) for n in pairs["names"]]

    def skill_counts(mask: np.ndarray) -> np.ndarray:
        return np.bincount(skill[mask[ad_idx]], minlength=len(skill_names))

    def skill_member(j: int) -> np.ndarray:
        out = np.zeros(len(f), dtype=bool)
        out[ad_idx[skill == j]] = True
        return out

    return {
        "period": f"{period[0]} to {period[1]}",
        "previous_period": f"{month_name(start - 12)} to {month_name(end - 12)}",
        "spans_year": spans,
        "ads": int(now.sum()),
        "roles": rows(
            role_order,
            role_counts,
            lambda j: f["role"] == role_codes[j],
            "role",
            "role = ?",
            None,
        ),
        "skills": rows(
            skill_names,
            skill_counts,
            skill_member,
            "skill",
            CITES_SKILL,
            s.top_skills,
        ),
    }
