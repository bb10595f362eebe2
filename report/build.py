"""The market-intelligence report as one JSON-ready dict, computed from the ``ads`` table.

Population: UK ads (``is_uk`` not false) classified as ML roles (``is_ml``), i.e. the SQL view
``ml_ads`` of :mod:`db.views`. Annual base salaries (GBP per year, permanent roles) and
contract day rates (GBP per day) are kept apart. Every figure carries the count behind it; a
figure resting on fewer than ``min_count`` values is ``None`` and shown as "too few ads".

The ads are read once, streamed from SQLite into NumPy arrays (categorical columns as integer
codes), so memory grows with the number of ads by a few dozen bytes each; groups are formed
by sorting, and bootstrap cost per figure is bounded (:mod:`report.stats`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import sqlite_utils

from db.benchmarks import MIN_COUNT
from db.views import ensure_views, view_names
from normalize.roles import SENIORITY_LEVELS
from report import stats

#: Role families (DESIGN.md contract) in report order, with display labels.
ROLE_LABELS: dict[str, str] = {
    "ml_engineer": "ML engineer",
    "data_scientist": "Data scientist",
    "research_scientist": "Research scientist",
    "research_engineer": "Research engineer",
    "mlops_engineer": "MLOps engineer",
    "ai_engineer": "AI engineer",
    "computer_vision_engineer": "Computer vision engineer",
    "nlp_engineer": "NLP engineer",
    "data_engineer": "Data engineer",
    "ml_manager": "ML manager",
    "other": "Other",
}
EXPERIENCE_BANDS: tuple[str, ...] = ("0-3", "3-7", "7+")
ALL_ROLES = "all"
UNSTATED = "unstated"

_COLUMNS = (
    "rid",
    "company",
    "city",
    "region",
    "role",
    "seniority",
    "source",
    "month",
    "experience_band",
    "skills",
    "posted_at",
    "normalizer_version",
    "salary",
    "day_rate",
)
_CATEGORICAL = (
    "company",
    "city",
    "region",
    "role",
    "seniority",
    "source",
    "month",
    "experience_band",
    "skills",
    "posted_at",
    "normalizer_version",
)
_CHUNK = 50_000


@dataclass(frozen=True)
class ReportSettings:
    """Knobs of :func:`build_report`.

    ``min_count``: fewest values behind any figure (medians, percentiles, shares, premiums);
    ``top_*``: lengths of ranked lists; ``cooccurrence_skills``: skills in the co-occurrence
    matrix; ``ad_ids_max``: cells with at most this many ads list their ad ids in the JSON
    (every cell lists its SQL query); ``sample_ads``: ads shown on each page;
    ``yoy_months``: window of the year-on-year comparison (ITJobsWatch: 6 months);
    ``min_history_months``: consecutive months with a median needed before projecting;
    ``seed``: base seed of the bootstrap.
    """

    min_count: int = MIN_COUNT
    top_skills: int = 25
    top_employers: int = 20
    top_cities: int = 20
    cooccurrence_skills: int = 15
    ad_ids_max: int = 50
    sample_ads: int = 10
    yoy_months: int = 6
    min_history_months: int = 12
    projection_months: int = 12
    seed: int = stats.SEED


@dataclass
class _Frame:
    """The ML ads as parallel arrays; categorical columns are codes into ``names`` (-1 = NULL)."""

    arrays: dict[str, np.ndarray]
    names: dict[str, list[str]]

    def __getitem__(self, column: str) -> np.ndarray:
        return self.arrays[column]

    def __len__(self) -> int:
        return len(self.arrays["rid"])

    def code(self, column: str, value: str | None) -> int:
        return -1 if value is None else self.names[column].index(value)


def _encode(values: Sequence[Any], table: dict[Any, int], count: int) -> np.ndarray:
    """Integer codes of ``values`` (``None`` -> -1), growing ``table`` with unseen values."""
    for value in set(values).difference(table):
        table[value] = len(table) - 1  # table starts as {None: -1}
    return np.fromiter(map(table.__getitem__, values), dtype=np.int32, count=count)


def _load(db: sqlite_utils.Database) -> _Frame:
    """Stream ``ml_ads`` into arrays, ``_CHUNK`` rows at a time, ordered by rowid."""
    tables: dict[str, dict[Any, int]] = {c: {None: -1} for c in _CATEGORICAL}
    parts: dict[str, list[np.ndarray]] = {c: [] for c in _COLUMNS}
    cursor = db.conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM ml_ads ORDER BY rid")
    while True:
        rows = cursor.fetchmany(_CHUNK)
        if not rows:
            break
        columns = dict(zip(_COLUMNS, zip(*rows, strict=True), strict=True))
        n = len(rows)
        parts["rid"].append(np.fromiter(columns["rid"], dtype=np.int64, count=n))
        for c in ("salary", "day_rate"):
            parts[c].append(np.array(columns[c], dtype=float))  # None -> nan
        for c in _CATEGORICAL:
            parts[c].append(_encode(columns[c], tables[c], n))
    arrays = {
        c: (np.concatenate(p) if p else np.zeros(0, dtype=np.int32)) for c, p in parts.items()
    }
    for c in ("salary", "day_rate"):
        arrays[c] = arrays[c].astype(float)
    names = {c: list(t)[1:] for c, t in tables.items()}
    # month codes -> months since year 0 (for calendar arithmetic)
    month_numbers = np.array([_month_number(m) for m in names["month"]] + [-1], dtype=np.int64)
    arrays["month_number"] = (
        month_numbers[arrays["month"]] if len(arrays["month"]) else np.zeros(0, dtype=np.int64)
    )
    return _Frame(arrays, names)


def _month_number(month: str) -> int:
    try:
        year, mon = month.split("-")[:2]
        return int(year) * 12 + int(mon) - 1
    except (ValueError, AttributeError):
        return -1


def _month_name(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def _groups(key: np.ndarray) -> dict[int, np.ndarray]:
    """Row indices per distinct value of ``key`` (one stable sort)."""
    if len(key) == 0:
        return {}
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    values, starts = np.unique(ordered, return_index=True)
    ends = np.append(starts[1:], len(ordered))
    return {int(v): order[s:e] for v, s, e in zip(values, starts, ends, strict=True)}


def _finite(values: np.ndarray) -> np.ndarray:
    return values[~np.isnan(values)]


def _share(count: int, total: int, min_count: int) -> float | None:
    return round(count / total, 4) if total >= min_count and total > 0 else None


def _explode_skills(f: _Frame) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``(ad index, skill code)`` pairs from the ads' ``skills`` JSON arrays (the same lists
    ``ad_skills`` holds; duplicates dropped) and the skill names. Each distinct list is parsed
    once."""
    names: dict[str, int] = {}
    sets: list[list[int]] = []
    for text in f.names["skills"]:
        try:
            parsed = json.loads(text)
        except (TypeError, ValueError):
            parsed = []
        codes = []
        for name in parsed if isinstance(parsed, list) else []:
            if isinstance(name, str):
                code = names.setdefault(name, len(names))
                if code not in codes:
                    codes.append(code)
        sets.append(codes)
    lengths = np.array([len(c) for c in sets] + [0], dtype=np.int64)  # code -1 -> no skills
    flat = np.array([c for codes in sets for c in codes], dtype=np.int32)
    offsets = np.concatenate([[0], np.cumsum(lengths[:-1])]).astype(np.int64)
    per_ad = lengths[f["skills"]]
    ad_idx = np.repeat(np.arange(len(f), dtype=np.int64), per_ad)
    starts = np.repeat(offsets[f["skills"]], per_ad)
    within = np.arange(len(ad_idx), dtype=np.int64) - np.repeat(np.cumsum(per_ad) - per_ad, per_ad)
    return ad_idx, flat[starts + within], list(names)


class _Builder:
    def __init__(self, db: sqlite_utils.Database, settings: ReportSettings) -> None:
        self.db = db
        self.s = settings
        self.f = _load(db)
        posted = self.f.names["posted_at"]
        ranks = np.empty(len(posted) + 1, dtype=np.int64)  # code -1 (no date) ranks lowest
        ranks[np.argsort(np.array(posted, dtype=object), kind="stable")] = np.arange(len(posted))
        ranks[-1] = -1
        self.posted_rank = ranks

    # ---- provenance helpers -------------------------------------------------------------
    @staticmethod
    def query(filters: dict[str, str | None], extra: str = "") -> dict[str, Any]:
        """The SQL (over the ``ml_ads`` view) returning the ads behind a figure."""
        where, params = [], []
        for column, value in filters.items():
            if value is None:
                where.append(f"{column} IS NULL")
            else:
                where.append(f"{column} = ?")
                params.append(value)
        if extra:
            where.append(extra)
        sql = "SELECT id, salary, day_rate FROM ml_ads"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return {"sql": sql, "params": params}

    def ad_ids(self, idx: np.ndarray) -> list[str] | None:
        if len(idx) > self.s.ad_ids_max:
            return None
        rids = sorted(int(r) for r in self.f["rid"][idx])
        if not rids:
            return []
        marks = ", ".join("?" * len(rids))
        return [
            r[0]
            for r in self.db.conn.execute(
                f"SELECT id FROM ads WHERE rowid IN ({marks}) ORDER BY id", rids
            )
        ]

    # ---- one cell ----------------------------------------------------------------------
    def figure(self, values: np.ndarray, key: str) -> dict[str, Any]:
        return stats.median_figure(values, f"{self.s.seed}|{key}", self.s.min_count)

    def cell(self, idx: np.ndarray, kind: str, scope: str, role: str) -> dict[str, Any]:
        f, mc = self.f, self.s.min_count
        key = f"{kind}:{scope}|{role}"
        salaries = f["salary"][idx]
        has_salary = ~np.isnan(salaries)
        companies = f["company"][idx]
        ads = len(idx)
        filters: dict[str, str | None] = {}
        if kind != "uk":
            filters[kind] = scope
        if role != ALL_ROLES:
            filters["role"] = role
        out: dict[str, Any] = {
            "key": key,
            "kind": kind,
            "scope": scope,
            "role": role,
            "ads": ads,
            "salaries": int(has_salary.sum()),
            "disclosure_rate": _share(int(has_salary.sum()), ads, mc),
            "employers": int(np.unique(companies[companies >= 0]).size),
            "salary": self.figure(salaries[has_salary], key + "|salary"),
            "day_rate": self.figure(_finite(f["day_rate"][idx]), key + "|day_rate"),
            "seniority": self.split(idx, "seniority", SENIORITY_LEVELS, key, filters),
            "experience": self.split(idx, "experience_band", EXPERIENCE_BANDS, key, filters),
            "query": self.query(filters),
            "ad_ids": self.ad_ids(idx),
        }
        return out

    def split(
        self,
        idx: np.ndarray,
        column: str,
        levels: tuple[str, ...],
        key: str,
        filters: dict[str, str | None],
    ) -> list[dict[str, Any]]:
        """Share of ads and median salary per level of ``column`` (plus "unstated")."""
        f, mc = self.f, self.s.min_count
        codes = f[column][idx]
        salaries = f["salary"][idx]
        rows = []
        for level in (*levels, UNSTATED):
            if level == UNSTATED:
                mask = codes < 0
            elif level in f.names[column]:
                mask = codes == f.names[column].index(level)
            else:
                mask = np.zeros(len(idx), dtype=bool)
            values = _finite(salaries[mask])
            rows.append(
                {
                    "level": level,
                    "ads": int(mask.sum()),
                    "share": _share(int(mask.sum()), len(idx), mc),
                    "salary": self.figure(values, f"{key}|{column}={level}"),
                    "query": self.query({**filters, column: None if level == UNSTATED else level}),
                }
            )
        return rows

    # ---- all cells ---------------------------------------------------------------------
    def cells(self) -> list[dict[str, Any]]:
        f = self.f
        everything = np.arange(len(f))
        out = [self.cell(everything, "uk", "UK", ALL_ROLES)]
        role_groups = _groups(f["role"])
        for role in self.role_order():
            out.append(self.cell(role_groups[f.code("role", role)], "uk", "UK", role))
        n_roles = max(len(f.names["role"]), 1)
        for kind in ("city", "region"):
            codes = f[kind]
            by_scope = _groups(codes)
            by_scope_role = _groups(codes.astype(np.int64) * n_roles + f["role"])
            for code in sorted(c for c in by_scope if c >= 0):
                scope = f.names[kind][code]
                out.append(self.cell(by_scope[code], kind, scope, ALL_ROLES))
                for role in self.role_order():
                    idx = by_scope_role.get(code * n_roles + f.code("role", role))
                    if idx is not None:
                        out.append(self.cell(idx, kind, scope, role))
        return out

    def role_order(self) -> list[str]:
        present = [r for r in self.f.names["role"]]
        known = [r for r in ROLE_LABELS if r in present]
        return known + sorted(r for r in present if r not in ROLE_LABELS)

    # ---- hub premiums ------------------------------------------------------------------
    def hub_premiums(self, kind: str) -> list[dict[str, Any]]:
        f, mc = self.f, self.s.min_count
        has = ~np.isnan(f["salary"])
        uk = f["salary"][has]
        if len(uk) < mc:
            return []
        uk_reps = stats.bootstrap_medians(uk, f"{self.s.seed}|uk:UK|all|salary")
        log_salary = np.log(uk)
        n_levels = len(f.names["seniority"]) + 1
        cell_code = f["role"][has].astype(np.int64) * n_levels + f["seniority"][has] + 1
        _, cell_code = np.unique(cell_code, return_inverse=True)
        scope_codes = f[kind][has]
        counts = np.bincount(f[kind][f[kind] >= 0], minlength=len(f.names[kind]))
        rows = []
        for code in np.argsort(-counts, kind="stable")[: self.s.top_cities]:
            code = int(code)
            if counts[code] == 0:
                continue
            name = f.names[kind][code]
            in_scope = scope_codes == code
            values = uk[in_scope]
            row: dict[str, Any] = {
                kind: name,
                "ads": int(counts[code]),
                "salaries": int(len(values)),
                "reference": "UK",
                "reference_salaries": int(len(uk)),
                "query": self.query({kind: name}, "salary IS NOT NULL"),
            }
            if len(values) < mc:
                row.update(raw=None, adjusted=None, note="too few ads")
            else:
                key = f"{self.s.seed}|premium:{kind}:{name}"
                row["raw"] = stats.median_premium(values, uk, key, uk_reps).as_dict()
                row["adjusted"] = stats.adjusted_premium(log_salary, cell_code, in_scope)
                row["note"] = None
            rows.append(row)
        return rows

    # ---- skills ------------------------------------------------------------------------
    def skills(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        f, mc, s = self.f, self.s.min_count, self.s
        ad_idx, skill, skill_names = _explode_skills(f)
        n_ads = len(f)
        counts = np.bincount(skill, minlength=len(skill_names))
        order = [int(i) for i in np.argsort(-counts, kind="stable")]
        by_skill = _groups(skill)
        salary = f["salary"]
        has = ~np.isnan(salary)

        def premium(code: int) -> dict[str, Any]:
            mask = np.zeros(n_ads, dtype=bool)
            mask[ad_idx[by_skill[code]]] = True
            with_, without = salary[mask & has], salary[~mask & has]
            name = skill_names[code]
            row = {
                "skill": name,
                "ads": int(counts[code]),
                "share": _share(int(counts[code]), n_ads, mc),
                "salaries_with": int(len(with_)),
                "salaries_without": int(len(without)),
                "query": {
                    "sql": "SELECT m.id, m.salary FROM ml_ads m JOIN ad_skills k "
                    "ON k.ad_id = m.id WHERE k.skill = ?",
                    "params": [name],
                },
            }
            if len(with_) < mc or len(without) < mc:
                row.update(premium=None, note="too few ads")
            else:
                p = stats.median_premium(with_, without, f"{s.seed}|skill:{name}")
                row.update(premium=p.as_dict(), note=None)
            return row

        top = [premium(c) for c in order[: s.top_skills]]
        from normalize.skills import skill_category

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
                        {"skill": n, "ads": c, "share": _share(c, int(counts[k[a]]), mc)}
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

    def top_skills_for(
        self, idx: np.ndarray, pairs: dict[str, np.ndarray], limit: int = 10
    ) -> list[dict[str, Any]]:
        member = np.zeros(len(self.f), dtype=bool)
        member[idx] = True
        chosen = pairs["skill"][member[pairs["ad_idx"]]]
        counts = np.bincount(chosen, minlength=len(pairs["names"]))
        order = np.argsort(-counts, kind="stable")[:limit]
        return [
            {
                "skill": str(pairs["names"][c]),
                "ads": int(counts[c]),
                "share": _share(int(counts[c]), len(idx), self.s.min_count),
            }
            for c in order
            if counts[c] > 0
        ]

    # ---- trend -------------------------------------------------------------------------
    def trend(self, idx: np.ndarray, key: str, filters: dict[str, str | None]) -> dict[str, Any]:
        f, s, mc = self.f, self.s, self.s.min_count
        months = f["month_number"][idx]
        dated = months >= 0
        groups = _groups(months[dated])
        sub = idx[dated]
        series = []
        medians: dict[int, float | None] = {}
        for number in sorted(groups):
            rows = sub[groups[number]]
            values = _finite(f["salary"][rows])
            summary = stats.summarize(values, mc)
            medians[number] = summary["median"]
            series.append(
                {
                    "month": _month_name(number),
                    "ads": int(len(rows)),
                    "salaries": int(len(values)),
                    "median": summary["median"],
                    "day_rates": int((~np.isnan(f["day_rate"][rows])).sum()),
                }
            )
        out: dict[str, Any] = {"months": series, "undated_ads": int((~dated).sum())}
        # history: consecutive months ending at the latest month, each with a median
        history: list[float] = []
        if groups:
            number = max(groups)
            while medians.get(number) is not None:
                history.append(float(medians[number]))
                number -= 1
        history.reverse()
        out["history_months"] = len(history)
        if len(history) >= s.min_history_months:
            projection = stats.linear_projection(history, horizon=s.projection_months)
            last = max(groups)
            projection["months"] = [_month_name(last + i + 1) for i in range(s.projection_months)]
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
        out["query"] = self.query(filters, "month = ?")
        out["query"]["note"] = "append the month (YYYY-MM) to params"
        out["year_on_year"] = self.year_on_year(
            idx, months, max(groups) if groups else None, filters
        )
        return out

    def year_on_year(
        self,
        idx: np.ndarray,
        months: np.ndarray,
        latest: int | None,
        filters: dict[str, str | None],
    ) -> list[dict[str, Any]]:
        """ITJobsWatch-style: the last ``yoy_months`` months against the same months one and
        two years earlier (ads, salaries, median, change)."""
        if latest is None:
            return []
        f, w, mc = self.f, self.s.yoy_months, self.s.min_count
        rows = []
        for years_back in (0, 1, 2):
            end = latest - 12 * years_back
            start = end - w + 1
            mask = (months >= start) & (months <= end)
            values = _finite(f["salary"][idx[mask]])
            summary = stats.summarize(values, mc)
            query = self.query(filters, "month BETWEEN ? AND ?")
            query["params"] += [_month_name(start), _month_name(end)]
            rows.append(
                {
                    "period": f"{_month_name(start)} to {_month_name(end)}",
                    "query": query,
                    "ads": int(mask.sum()),
                    "salaries": int(len(values)),
                    "median": summary["median"],
                }
            )
        for this, before in zip(rows, rows[1:], strict=False):
            this["median_change"] = (
                round(this["median"] / before["median"] - 1, 4)
                if this["median"] is not None and before["median"] is not None
                else None
            )
            this["ads_change"] = (
                round(this["ads"] / before["ads"] - 1, 4)
                if this["ads"] >= mc and before["ads"] >= mc
                else None
            )
        rows[-1]["median_change"] = rows[-1]["ads_change"] = None
        return rows

    # ---- rankings ----------------------------------------------------------------------
    def top(self, column: str, limit: int) -> dict[str, Any]:
        f, mc = self.f, self.s.min_count
        codes = f[column]
        counts = np.bincount(codes[codes >= 0], minlength=len(f.names[column]))
        groups = _groups(codes)
        rows = []
        for code in np.argsort(-counts, kind="stable")[:limit]:
            code = int(code)
            if counts[code] == 0:
                continue
            idx = groups[code]
            values = _finite(f["salary"][idx])
            summary = stats.summarize(values, mc)
            name = f.names[column][code]
            row = {
                column: name,
                "ads": int(counts[code]),
                "share": _share(int(counts[code]), len(f), mc),
                "salaries": int(len(values)),
                "median": summary["median"],
                "query": self.query({column: name}),
            }
            if column == "city":
                regions = f["region"][idx]
                known = regions[regions >= 0]
                row["region"] = (
                    f.names["region"][int(np.bincount(known).argmax())] if len(known) else None
                )
            rows.append(row)
        return {"rows": rows, "unknown_ads": int((codes < 0).sum()), "total_ads": len(f)}

    # ---- pages -------------------------------------------------------------------------
    def sample_ads(self, idx: np.ndarray) -> list[dict[str, Any]]:
        """The ``sample_ads`` most recently posted ads of ``idx`` (ties: latest stored first)."""
        f = self.f
        order = np.lexsort((-f["rid"][idx], -self.posted_rank[f["posted_at"][idx]]))
        rids = [int(r) for r in f["rid"][idx[order[: self.s.sample_ads]]]]
        if not rids:
            return []
        cursor = self.db.conn.execute(
            "SELECT rid, id, title, company, city, salary, day_rate, posted_at, url FROM "
            f"uk_ads WHERE rid IN ({', '.join('?' * len(rids))})",
            rids,
        )
        found = {r[0]: r[1:] for r in cursor.fetchall()}
        cols = [d[0] for d in cursor.description][1:]
        return [dict(zip(cols, found[r], strict=True)) for r in rids if r in found]

    def pages(self, pairs: dict[str, np.ndarray]) -> dict[str, Any]:
        f = self.f
        out: dict[str, Any] = {"roles": {}, "cities": {}, "regions": {}}
        everything = np.arange(len(f))
        out["uk"] = {
            "trend": self.trend(everything, "uk:UK|all", {}),
            "sample_ads": self.sample_ads(everything),
        }
        role_groups = _groups(f["role"])
        for role in self.role_order():
            idx = role_groups[f.code("role", role)]
            out["roles"][role] = {
                "label": ROLE_LABELS.get(role, role),
                "trend": self.trend(idx, f"uk:UK|{role}", {"role": role}),
                "skills": self.top_skills_for(idx, pairs),
                "sample_ads": self.sample_ads(idx),
            }
        for kind, section in (("city", "cities"), ("region", "regions")):
            groups = _groups(f[kind])
            for code in sorted(c for c in groups if c >= 0):
                name = f.names[kind][code]
                idx = groups[code]
                out[section][name] = {
                    "trend": self.trend(idx, f"{kind}:{name}|all", {kind: name}),
                    "skills": self.top_skills_for(idx, pairs),
                    "employers": self.top_within(idx, "company", 10),
                    "sample_ads": self.sample_ads(idx),
                }
        return out

    def top_within(self, idx: np.ndarray, column: str, limit: int) -> list[dict[str, Any]]:
        codes = self.f[column][idx]
        counts = np.bincount(codes[codes >= 0], minlength=len(self.f.names[column]))
        order = np.argsort(-counts, kind="stable")[:limit]
        return [
            {column: self.f.names[column][int(c)], "ads": int(counts[c])}
            for c in order
            if counts[c] > 0
        ]

    # ---- provenance --------------------------------------------------------------------
    def provenance(self) -> dict[str, Any]:
        q = self.db.conn.execute

        def rows(sql: str) -> list[dict[str, Any]]:
            cursor = q(sql)
            cols = [d[0] for d in cursor.description]
            return [dict(zip(cols, r, strict=True)) for r in cursor.fetchall()]

        totals = rows(
            "SELECT count(*) AS ads, sum(coalesce(is_uk, 1) = 1) AS uk_ads, "
            "sum(coalesce(is_uk, 1) = 1 AND is_ml = 1) AS ml_ads, sum(is_uk = 0) AS non_uk_ads, "
            "min(CASE WHEN coalesce(is_uk, 1) = 1 AND is_ml = 1 THEN first_seen END) "
            "AS first_seen, "
            "max(CASE WHEN coalesce(is_uk, 1) = 1 AND is_ml = 1 THEN last_seen END) AS last_seen "
            "FROM ads"
        )[0]
        f = self.f
        posted = f.names["posted_at"]
        dated = f["posted_at"][f["posted_at"] >= 0]
        ranks = self.posted_rank
        by_rank = {int(ranks[c]): posted[c] for c in range(len(posted))}

        def date_range(codes: np.ndarray) -> tuple[str | None, str | None]:
            codes = codes[codes >= 0]
            if not len(codes):
                return None, None
            r = ranks[codes]
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
        for code, idx in sorted(_groups(f["source"]).items(), key=lambda t: (-len(t[1]), t[0])):
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
                _groups(f["normalizer_version"]).items(), key=lambda t: (-len(t[1]), t[0])
            )
        ]
        return {
            "population": "UK ads (is_uk not false) classified as ML roles (is_ml = 1): the "
            "SQL view ml_ads. Every 'query' in this file runs against it.",
            "totals": totals,
            "dates": dates,
            "sources": sources,
            "normalizer_versions": versions,
            "views": list(view_names()),
        }


def build_report(
    db: sqlite_utils.Database, settings: ReportSettings | None = None
) -> dict[str, Any]:
    """Compute every figure of the market-intelligence report from ``db``.

    ``db`` has the schema of :func:`db.schema.ensure_schema`; the report views are (re)created
    (:func:`db.views.ensure_views`). Returns a JSON-serializable dict with ``settings``,
    ``methods``, ``provenance``, ``cells`` (one per scope x role: UK / each city / each ITL1
    region x each ML role family / all ML roles, with ``ads``, ``salaries``,
    ``disclosure_rate``, ``employers``, ``salary`` and ``day_rate`` figures with 95% intervals
    and confidence labels, seniority and experience splits, ``query`` and ``ad_ids``),
    ``hub_premiums`` (per city and per region), ``skills``, ``top_employers``, ``top_cities``
    and ``pages`` (trend, year-on-year, skills, sample ads per page). Salaries in GBP per year,
    day rates in GBP per day, shares and premiums as fractions; ``None`` where fewer than
    ``settings.min_count`` values stand behind a figure. Deterministic for a given database
    and settings.
    """
    settings = settings or ReportSettings()
    ensure_views(db)
    b = _Builder(db, settings)
    skills, pairs = b.skills()
    return {
        "title": "UK machine-learning job market",
        "settings": {
            **asdict(settings),
            "bootstrap_resamples": stats.BOOTSTRAP_RESAMPLES,
            "bootstrap_cap": stats.BOOTSTRAP_CAP,
            "units": {
                "salary": "GBP per year (annual base salary, permanent roles; midpoint of the "
                "advertised range)",
                "day_rate": "GBP per day (contract roles)",
                "share": "fraction of ads",
                "premium": "fraction (0.1 = +10%)",
            },
        },
        "methods": dict(stats.METHODS),
        "provenance": b.provenance(),
        "cells": b.cells(),
        "hub_premiums": {"city": b.hub_premiums("city"), "region": b.hub_premiums("region")},
        "skills": skills,
        "top_employers": b.top("company", settings.top_employers),
        "top_cities": b.top("city", settings.top_cities),
        "pages": b.pages(pairs),
        "role_labels": ROLE_LABELS,
    }


def cell_index(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The report's cells keyed ``"<kind>:<scope>|<role>"`` (e.g. ``"city:London|all"``)."""
    return {c["key"]: c for c in report["cells"]}
