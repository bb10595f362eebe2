"""The report's skills: the most requested skills and certifications with their salary
premiums, co-occurring skills, and the top skills of any set of ads.

Skills are the canonical names of :mod:`normalize.skills`, read from each ad's ``skills`` list
(the same lists ``ad_skills`` holds). Premiums are raw (:data:`report.stats.METHODS`
``"premium"``): the median salary of ads citing a skill against ads not citing it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import numpy as np

from db.figures import share
from normalize.skills import skill_category
from report import stats
from report.frame import Frame, explode_skills, groups
from report.provenance import EVERY_AD, Population
from report.shapes import Query, SkillPremiumRow


class SkillSettings(Protocol):
    """The settings the skills section reads (:class:`report.build.ReportSettings`)."""

    min_count: int
    top_skills: int
    cooccurrence_skills: int
    seed: int


def skills(
    f: Frame, s: SkillSettings, population: Population = EVERY_AD
) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The skills section (``top`` skills and ``certifications`` with their premiums, the
    co-occurrence matrix of the most requested skills) and the ``(ad, skill)`` pairs
    (``ad_idx``, ``skill`` codes, ``names``) that :func:`top_skills_for` reuses."""
    mc = s.min_count
    ad_idx, skill, skill_names = explode_skills(f)
    n_ads = len(f)
    counts = np.bincount(skill, minlength=len(skill_names))
    order = [int(i) for i in np.argsort(-counts, kind="stable")]
    by_skill = groups(skill)
    salary = f["salary"]
    has = ~np.isnan(salary)

    def premium(code: int) -> SkillPremiumRow:
        mask = np.zeros(n_ads, dtype=bool)
        mask[ad_idx[by_skill[code]]] = True
        with_, without = salary[mask & has], salary[~mask & has]
        name = skill_names[code]
        row: SkillPremiumRow = {
            "skill": name,
            "ads": int(counts[code]),
            "share": share(int(counts[code]), n_ads, mc),
            "salaries_with": int(len(with_)),
            "salaries_without": int(len(without)),
            "query": {
                "sql": "SELECT m.id, m.salary FROM ml_ads m JOIN ad_skills k "
                "ON k.ad_id = m.id WHERE k.skill = ?"
                + (f" AND ({population[0]})" if population[0] else ""),
                "params": [name, *population[1]],
            },
        }
        if len(with_) < mc or len(without) < mc:
            row.update(premium=None, note="too few ads")
        else:
            p = stats.median_premium(with_, without, f"{s.seed}|skill:{name}")
            row.update(premium=p.as_dict(), note=None)
        return row

    top = [premium(c) for c in order[: s.top_skills]]
    certifications = [
        premium(c) for c in order if skill_category(skill_names[c]) == "certification"
    ]
    # co-occurrence among the most requested skills
    k = order[: s.cooccurrence_skills]
    matrix = np.zeros((n_ads, len(k)), dtype=np.float32)
    for j, code in enumerate(k):
        matrix[ad_idx[by_skill[code]], j] = 1.0
    both = (matrix.T @ matrix).round().astype(np.int64)
    del matrix
    pairs = []
    for a in range(len(k)):
        partners = sorted(
            (
                (int(both[a, b]), skill_names[k[b]])
                for b in range(len(k))
                if b != a and both[a, b] > 0
            ),
            key=lambda t: (-t[0], t[1]),
        )[:5]
        pairs.append(
            {
                "skill": skill_names[k[a]],
                "ads": int(counts[k[a]]),
                "with": [
                    {"skill": n, "ads": c, "share": share(c, int(counts[k[a]]), mc)}
                    for c, n in partners
                ],
            }
        )
    result = {
        "ads": n_ads,
        "distinct_skills": len(skill_names),
        "top": top,
        "certifications": certifications,
        "cooccurrence": {
            "skills": [skill_names[c] for c in k],
            "matrix": both.tolist(),
            "top_partners": pairs,
        },
        "note": "Skill premiums are raw: median salary of ML ads citing the skill against "
        "ML ads not citing it, not adjusted for role or seniority.",
    }
    return result, {
        "ad_idx": ad_idx,
        "skill": skill,
        "names": np.array(skill_names, dtype=object),
    }


#: The condition (over ``ml_ads``) of ads citing a skill, its one parameter the skill.
CITES_SKILL = "id IN (SELECT ad_id FROM ad_skills WHERE skill = ?)"


def top_skills_for(
    f: Frame,
    idx: np.ndarray,
    pairs: dict[str, np.ndarray],
    min_count: int,
    limit: int = 10,
    query: Callable[[str], Query] | None = None,
) -> list[dict[str, Any]]:
    """The ``limit`` skills most cited by the ads ``idx``: ``skill``, ``ads``, ``share`` and,
    when ``query`` is given, ``query`` (``query(skill)``: the SQL listing those ads)."""
    member = np.zeros(len(f), dtype=bool)
    member[idx] = True
    chosen = pairs["skill"][member[pairs["ad_idx"]]]
    counts = np.bincount(chosen, minlength=len(pairs["names"]))
    order = np.argsort(-counts, kind="stable")[:limit]
    rows = []
    for c in order:
        if counts[c] == 0:
            continue
        name = str(pairs["names"][c])
        row = {
            "skill": name,
            "ads": int(counts[c]),
            "share": share(int(counts[c]), len(idx), min_count),
        }
        if query is not None:
            row["query"] = query(name)
        rows.append(row)
    return rows
