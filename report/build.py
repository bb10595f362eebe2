"""The market-intelligence report as one JSON-ready dict: :func:`build_report`.

Population: UK ads (``is_uk`` not false) classified as ML roles (``is_ml``), i.e. the SQL view
``ml_ads`` of :mod:`db.views`, read once into the column store of :mod:`report.frame`. Annual
base salaries (GBP per year, permanent roles) and contract day rates (GBP per day) are kept
apart. Every figure carries the count behind it and the SQL that returns its ads
(:mod:`report.provenance`); a figure resting on fewer than ``min_count`` values is ``None`` and
shown as "too few ads". Arithmetic and rounding are :mod:`db.figures`'; bootstrap intervals,
confidence labels and premiums :mod:`report.stats`'; monthly series :mod:`report.trend`'.
The JSON shapes are the ``TypedDict``s of :mod:`report.shapes`.

The builder (:class:`_Builder`) holds the frame and computes one section per method: cells
(scope x role), hub premiums, skills, rankings and the per-page extras.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, cast

import numpy as np
import sqlite_utils

from db.figures import MIN_COUNT, share, summarize
from db.filters import Filters
from normalize.experience import EXPERIENCE_BANDS as _BAND_FLOORS
from normalize.roles import SENIORITY_LEVELS
from report import stats
from report.frame import Frame, finite, groups, load_frame
from report.provenance import Population, ad_ids, ads_by_rid, figure_query, provenance
from report.rankings import rankings
from report.shapes import Cell, HubPremiumRow, LevelRow, MedianFigure, Query
from report.skills import CITES_SKILL, top_skills_for
from report.skills import skills as skill_section
from report.trend import trend
from report.vacancies import report_now, vacancy_section

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
#: Experience ladder bands in order (:data:`normalize.experience.EXPERIENCE_BANDS`).
EXPERIENCE_BANDS: tuple[str, ...] = tuple(_BAND_FLOORS)
ALL_ROLES = "all"
UNSTATED = "unstated"
#: Cells of the UK without London (ITJobsWatch's "UK excluding London"): kind and scope.
UK_EX_LONDON = "uk_ex_london"
UK_EX_LONDON_LABEL = "UK excluding London"
LONDON = "London"
#: A SQL condition over ``ml_ads`` and its parameters.
Condition = tuple[str, list[Any]]
NO_CONDITION: Condition = ("", [])


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


class _Builder:
    """Computes the report's sections from the ads of ``ml_ads`` (read once into ``self.f``).

    ``posted_rank`` ranks the frame's ``posted_at`` codes in date order (index ``-1``, the
    undated code, ranks lowest), for "most recent" orderings and date ranges.
    """

    def __init__(
        self, db: sqlite_utils.Database, settings: ReportSettings, filters: Filters | None = None
    ) -> None:
        self.db = db
        self.s = settings
        self.filters = filters or Filters()
        self.population: Population = self.filters.where("m")
        self.f: Frame = load_frame(db, *self.population)
        posted = self.f.names["posted_at"]
        ranks = np.empty(len(posted) + 1, dtype=np.int64)  # code -1 (no date) ranks lowest
        ranks[np.argsort(np.array(posted, dtype=object), kind="stable")] = np.arange(len(posted))
        ranks[-1] = -1
        self.posted_rank = ranks

    # ---- one cell ----------------------------------------------------------------------
    def query(self, filters: dict[str, str | None], extra: Condition = NO_CONDITION) -> Query:
        """:func:`report.provenance.figure_query` within the report's population; ``extra`` a
        ``(condition, params)`` pair."""
        return figure_query(filters, extra[0], self.population, extra[1])

    def figure(self, values: np.ndarray, key: str) -> MedianFigure:
        """:func:`report.stats.median_figure` of ``values`` with the figure's seeded key."""
        return stats.median_figure(values, f"{self.s.seed}|{key}", self.s.min_count)

    def cell(self, idx: np.ndarray, kind: str, scope: str, role: str) -> Cell:
        """The :class:`report.shapes.Cell` of the ads ``idx`` (row indices of the frame).

        ``kind`` "uk", "city", "region" or "uk_ex_london" (the UK without the ITL1 region
        London: ads of unknown region count as outside London)."""
        f, mc = self.f, self.s.min_count
        key = f"{kind}:{scope}|{role}"
        salaries = f["salary"][idx]
        has_salary = ~np.isnan(salaries)
        companies = f["company"][idx]
        ads = len(idx)
        filters: dict[str, str | None] = {}
        extra = NO_CONDITION
        if kind == UK_EX_LONDON:
            extra = ("region IS NOT ?", [LONDON])
        elif kind != "uk":
            filters[kind] = scope
        if role != ALL_ROLES:
            filters["role"] = role
        out: Cell = {
            "key": key,
            "kind": kind,
            "scope": scope,
            "role": role,
            "ads": ads,
            "salaries": int(has_salary.sum()),
            "disclosure_rate": share(int(has_salary.sum()), ads, mc),
            "employers": int(np.unique(companies[companies >= 0]).size),
            "salary": self.figure(salaries[has_salary], key + "|salary"),
            "day_rate": self.figure(finite(f["day_rate"][idx]), key + "|day_rate"),
            "seniority": self.split(idx, "seniority", SENIORITY_LEVELS, key, filters, extra),
            "experience": self.split(idx, "experience_band", EXPERIENCE_BANDS, key, filters, extra),
            "query": self.query(filters, extra),
            "ad_ids": ad_ids(self.db, f["rid"][idx], self.s.ad_ids_max),
        }
        return out

    def split(
        self,
        idx: np.ndarray,
        column: str,
        levels: tuple[str, ...],
        key: str,
        filters: dict[str, str | None],
        extra: Condition = NO_CONDITION,
    ) -> list[LevelRow]:
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
            values = finite(salaries[mask])
            rows.append(
                {
                    "level": level,
                    "ads": int(mask.sum()),
                    "share": share(int(mask.sum()), len(idx), mc),
                    "salary": self.figure(values, f"{key}|{column}={level}"),
                    "query": self.query(
                        {**filters, column: None if level == UNSTATED else level}, extra
                    ),
                }
            )
        return rows

    # ---- all cells ---------------------------------------------------------------------
    def cells(self) -> list[Cell]:
        """UK, then each city, then each ITL1 region (by name), each for all ML roles and then
        each role family present (:meth:`role_order`)."""
        f = self.f
        everything = np.arange(len(f))
        out = [self.cell(everything, "uk", "UK", ALL_ROLES)]
        role_groups = groups(f["role"])
        for role in self.role_order():
            out.append(self.cell(role_groups[f.code("role", role)], "uk", "UK", role))
        n_roles = max(len(f.names["role"]), 1)
        for kind in ("city", "region"):
            codes = f[kind]
            by_scope = groups(codes)
            by_scope_role = groups(codes.astype(np.int64) * n_roles + f["role"])
            for code in sorted(c for c in by_scope if c >= 0):
                scope = f.names[kind][code]
                out.append(self.cell(by_scope[code], kind, scope, ALL_ROLES))
                for role in self.role_order():
                    idx = by_scope_role.get(code * n_roles + f.code("role", role))
                    if idx is not None:
                        out.append(self.cell(idx, kind, scope, role))
        # ITJobsWatch's "UK excluding London", last so the cells above keep their places
        outside = f["region"] != (f.code("region", LONDON) if LONDON in f.names["region"] else -2)
        out.append(self.cell(np.flatnonzero(outside), UK_EX_LONDON, UK_EX_LONDON_LABEL, ALL_ROLES))
        for role in self.role_order():
            idx = role_groups[f.code("role", role)]
            idx = idx[outside[idx]]
            if len(idx):
                out.append(self.cell(idx, UK_EX_LONDON, UK_EX_LONDON_LABEL, role))
        return out

    def role_order(self) -> list[str]:
        """Role families present: :data:`ROLE_LABELS` order, then any others by name."""
        present = [r for r in self.f.names["role"]]
        known = [r for r in ROLE_LABELS if r in present]
        return known + sorted(r for r in present if r not in ROLE_LABELS)

    # ---- hub premiums ------------------------------------------------------------------
    def hub_premiums(self, kind: str) -> list[HubPremiumRow]:
        """Raw and composition-adjusted premiums of the ``top_cities`` largest cities (``kind``
        "city") or ITL1 regions ("region") against the UK median (:data:`stats.METHODS`)."""
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
            # the scope's key is "city" or "region" (both optional keys of HubPremiumRow)
            row = cast(
                HubPremiumRow,
                {
                    kind: name,
                    "ads": int(counts[code]),
                    "salaries": int(len(values)),
                    "reference": "UK",
                    "reference_salaries": int(len(uk)),
                    "query": self.query({kind: name}, ("salary IS NOT NULL", [])),
                },
            )
            if len(values) < mc:
                row.update(raw=None, adjusted=None, note="too few ads")
            else:
                key = f"{self.s.seed}|premium:{kind}:{name}"
                row["raw"] = stats.median_premium(values, uk, key, uk_reps).as_dict()
                row["adjusted"] = stats.adjusted_premium(log_salary, cell_code, in_scope)
                row["note"] = None
            rows.append(row)
        return rows

    # ---- rankings ----------------------------------------------------------------------
    def top(self, column: str, limit: int) -> dict[str, Any]:
        """The ``limit`` values of ``column`` with most ads (``rows``: ads, share, salaries,
        median, query; cities also their commonest ITL1 region), ``unknown_ads``, ``total_ads``."""
        f, mc = self.f, self.s.min_count
        codes = f[column]
        counts = np.bincount(codes[codes >= 0], minlength=len(f.names[column]))
        by_code = groups(codes)
        rows = []
        for code in np.argsort(-counts, kind="stable")[:limit]:
            code = int(code)
            if counts[code] == 0:
                continue
            idx = by_code[code]
            values = finite(f["salary"][idx])
            summary = summarize(values, mc)
            name = f.names[column][code]
            row = {
                column: name,
                "ads": int(counts[code]),
                "share": share(int(counts[code]), len(f), mc),
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
        return ads_by_rid(self.db, rids)

    def pages(self, pairs: dict[str, np.ndarray]) -> dict[str, Any]:
        """Per page (``uk``, each role in ``roles``, each city and region): the trend, top
        skills, top employers (cities and regions) and the most recent ads."""
        f = self.f
        out: dict[str, Any] = {"roles": {}, "cities": {}, "regions": {}}
        everything = np.arange(len(f))
        out["uk"] = {
            "trend": trend(self.f, self.s, everything, {}, self.population),
            "sample_ads": self.sample_ads(everything),
        }
        role_groups = groups(f["role"])
        for role in self.role_order():
            idx = role_groups[f.code("role", role)]
            out["roles"][role] = {
                "label": ROLE_LABELS.get(role, role),
                "trend": trend(self.f, self.s, idx, {"role": role}, self.population),
                "skills": self.page_skills(idx, pairs, {"role": role}),
                "sample_ads": self.sample_ads(idx),
            }
        for kind, section in (("city", "cities"), ("region", "regions")):
            by_scope = groups(f[kind])
            for code in sorted(c for c in by_scope if c >= 0):
                name = f.names[kind][code]
                idx = by_scope[code]
                out[section][name] = self.scope_page(idx, {kind: name}, pairs)
        # role x city, where at least min_count salaries stand behind the page
        out["role_cities"] = {}
        for city_code, city_idx in sorted(groups(f["city"]).items()):
            if city_code < 0:
                continue
            city = f.names["city"][city_code]
            for role in self.role_order():
                idx = city_idx[f["role"][city_idx] == f.code("role", role)]
                if int((~np.isnan(f["salary"][idx])).sum()) >= self.s.min_count:
                    out["role_cities"][f"{role}|{city}"] = {
                        "role": role,
                        "city": city,
                        **self.scope_page(idx, {"city": city, "role": role}, pairs),
                    }
        return out

    def scope_page(
        self, idx: np.ndarray, filters: dict[str, str | None], pairs: dict[str, np.ndarray]
    ) -> dict[str, Any]:
        """The extras of a place's page: trend, top skills, top employers, recent ads."""
        return {
            "trend": trend(self.f, self.s, idx, filters, self.population),
            "skills": self.page_skills(idx, pairs, filters),
            "employers": self.top_within(idx, "company", 10, filters),
            "sample_ads": self.sample_ads(idx),
        }

    def page_skills(
        self, idx: np.ndarray, pairs: dict[str, np.ndarray], filters: dict[str, str | None]
    ) -> list[dict[str, Any]]:
        """:func:`report.skills.top_skills_for` of a page's ads, each with its query."""
        return top_skills_for(
            self.f,
            idx,
            pairs,
            self.s.min_count,
            query=lambda skill: self.query(filters, (CITES_SKILL, [skill])),
        )

    def top_within(
        self, idx: np.ndarray, column: str, limit: int, filters: dict[str, str | None]
    ) -> list[dict[str, Any]]:
        """The ``limit`` commonest values of ``column`` among the ads ``idx`` (selected by
        ``filters``), with their ads and the query listing them."""
        codes = self.f[column][idx]
        counts = np.bincount(codes[codes >= 0], minlength=len(self.f.names[column]))
        order = np.argsort(-counts, kind="stable")[:limit]
        out = []
        for c in order:
            if counts[c] > 0:
                name = self.f.names[column][int(c)]
                query = self.query({**filters, column: name})
                out.append({column: name, "ads": int(counts[c]), "query": query})
        return out


def build_report(
    db: sqlite_utils.Database,
    settings: ReportSettings | None = None,
    filters: Filters | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Compute every figure of the market-intelligence report from ``db``.

    ``db`` has the schema and views of :func:`db.schema.ensure_schema` (opening it with
    :func:`db.schema.open_db` makes them current; the report only reads). Returns a
    JSON-serializable dict with ``settings``, ``methods``, ``provenance``, ``cells`` (one per
    scope x role: UK / each city / each ITL1 region x each ML role family / all ML roles,
    with ``ads``, ``salaries``,
    ``disclosure_rate``, ``employers``, ``salary`` and ``day_rate`` figures with 95% intervals
    and confidence labels, seniority and experience splits, ``query`` and ``ad_ids``),
    ``hub_premiums`` (per city and per region), ``skills``, ``top_employers``, ``top_cities``
    ``pages`` (trend, year-on-year, skills, sample ads per page; ``role_cities`` for each
    role x city with at least ``min_count`` salaries), ``filters`` (those set, see
    :class:`db.filters.Filters`: the report then covers only the ads they select) and
    ``rankings`` (:func:`report.rankings.rankings`). The cells include the UK excluding London
    (kind ``"uk_ex_london"``). The counts are vacancies (:mod:`db.views`); ``vacancies``
    (:func:`report.vacancies.vacancy_section`) states the dedup rule, postings against
    vacancies per source, multi-town jobs, and live vacancies and median days open per role
    and city at ``now`` (default: the latest ``last_seen``). Salaries in GBP per year, day
    rates in GBP per day (whole pounds), shares and premiums as fractions; ``None`` where fewer than
    ``settings.min_count`` values stand behind a figure. Deterministic for a given database,
    settings and filters. Raises ``sqlite3.OperationalError`` when the schema is missing.
    """
    settings = settings or ReportSettings()
    b = _Builder(db, settings, filters)
    skills, pairs = skill_section(b.f, settings, b.population)
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
        "provenance": provenance(db, b.f, b.posted_rank, b.filters.describe()),
        "cells": b.cells(),
        "hub_premiums": {"city": b.hub_premiums("city"), "region": b.hub_premiums("region")},
        "skills": skills,
        "top_employers": b.top("company", settings.top_employers),
        "top_cities": b.top("city", settings.top_cities),
        "pages": b.pages(pairs),
        "role_labels": ROLE_LABELS,
        "filters": b.filters.as_dict(),
        "rankings": rankings(b.f, settings, pairs, b.role_order(), ROLE_LABELS, b.population),
        "vacancies": vacancy_section(
            db, settings.min_count, now or report_now(db), condition=b.population
        ),
    }


def cell_index(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The report's cells keyed ``"<kind>:<scope>|<role>"`` (e.g. ``"city:London|all"``)."""
    return {c["key"]: c for c in report["cells"]}
