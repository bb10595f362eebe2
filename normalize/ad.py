"""One job ad's raw fields -> every normalized field, in one pure function.

The normalize pipeline, ``mljobs renormalize`` and the benchmarks in ``bench/`` all call
:func:`normalize_ad`, so a database row never depends on which path wrote it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from normalize import NORMALIZER_VERSION
from normalize.dates import parse_posted
from normalize.experience import parse_experience
from normalize.location import parse_location
from normalize.roles import classify_ad
from normalize.salary import ANNUAL_FACTORS, Salary, find_salary, parse_salary
from normalize.skills import extract_skills
from normalize.text import fold_whitespace, html_to_text, join_text_nodes

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class AnnualizeSettings:
    """How advertised pay becomes GBP per year (DESIGN.md, "Annualizing").

    ``factors``: periods per year (week x 52, month x 12, day x 220, hour x 1,950 by default).
    ``hours_per_day``: turns a contract hourly rate into a day rate (7.5 by default).
    ``min_annual``/``max_annual``: an annual base salary outside these bounds (GBP per year)
    is treated as unusable for benchmarks (a typo or a mis-read period), not stored as one.
    """

    factors: Mapping[str, float] = field(default_factory=lambda: dict(ANNUAL_FACTORS))
    hours_per_day: float = 7.5
    min_annual: float = 8_000.0
    max_annual: float = 1_000_000.0
    min_day_rate: float = 50.0
    max_day_rate: float = 5_000.0


DEFAULT_ANNUALIZE = AnnualizeSettings()


def _load_periods(path: Path = DATA / "pay_periods.csv") -> dict[str, str]:
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return {row["value"]: row["period"] for row in csv.DictReader(lines)}


#: A structured pay-period value (lower-cased) -> "hour" | "day" | "week" | "month" | "year".
PAY_PERIODS: dict[str, str] = _load_periods()
_CONTRACT = re.compile(r"contract|temp|freelance|interim|fixed[- ]term", re.IGNORECASE)
_PERMANENT = re.compile(r"perm|full[- ]?time|fulltime|part[- ]?time|parttime", re.IGNORECASE)
_INTERN = re.compile(r"intern", re.IGNORECASE)
_WORKPLACE = {
    "remote": "remote",
    "hybrid": "hybrid",
    "onsite": "onsite",
    "on-site": "onsite",
    "in office": "onsite",
    "office": "onsite",
}


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).replace(",", "").replace("£", "").strip()
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number and number > 0 else None  # drops NaN, 0, negatives


def as_text(value: Any) -> str:
    """A raw field as text: ``None`` is empty, a list of text nodes is joined
    (:func:`join_text_nodes`), anything else goes through ``str``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return join_text_nodes([as_text(v) for v in value])
    return str(value)


def structured_salary(raw: Mapping[str, Any]) -> Salary | None:
    """A :class:`Salary` from an API's structured salary fields, or ``None`` when they are absent.

    Uses ``salary_min_raw``/``salary_max_raw`` (one bound alone is a single figure),
    ``salary_currency_raw`` (default GBP) and ``salary_period_raw`` (hour/day/week/month/year,
    H/D/W/M/Y, Lever's ``per-year-salary``, Ashby's ``1 YEAR``, Reed's ``per annum``:
    ``normalize/data/pay_periods.csv``); with no period, the salary
    parser's magnitude rule decides by parsing the figure as text.
    """
    low, high = _number(raw.get("salary_min_raw")), _number(raw.get("salary_max_raw"))
    if low is None and high is None:
        return None
    if low is None or high is None:
        low = high = low if low is not None else high
    if low > high:
        low, high = high, low
    currency = str(raw.get("salary_currency_raw") or "GBP").strip().upper() or "GBP"
    period_raw = str(raw.get("salary_period_raw") or "").strip().lower()
    period = PAY_PERIODS.get(period_raw)
    if period is None:
        guess = parse_salary(f"{low:g}" if low == high else f"{low:g} - {high:g}")
        if guess is None:
            return None
        return Salary(
            min=low, max=high, currency=currency, period=guess.period, period_inferred=True
        )
    return Salary(min=low, max=high, currency=currency, period=period)


def employment_type(raw_type: str | None, salary: Salary | None) -> str | None:
    """ "permanent", "contract", "internship" or ``None``: from the source's own field first,
    then the salary's contract signals (day rate, IR35). A day rate with no stated type is a
    contract, as on UK boards."""
    text = raw_type or ""
    if _INTERN.search(text):
        return "internship"
    if _CONTRACT.search(text):
        return "contract"
    if salary is not None and salary.employment_type == "contract":
        return "contract"
    if _PERMANENT.search(text):
        return "permanent"
    if salary is not None and salary.period == "day":
        return "contract"
    return None


def _pay_fields(
    salary: Salary | None, emp_type: str | None, settings: AnnualizeSettings
) -> dict[str, Any]:
    """Annual base salary (GBP per year) or day rate (GBP per day), never both."""
    out: dict[str, Any] = {
        "salary_annual_min": None,
        "salary_annual_max": None,
        "salary_annual_mid": None,
        "day_rate_mid": None,
    }
    if salary is None or salary.currency != "GBP":
        return out
    bounds = [b for b in (salary.min, salary.max) if b is not None]
    if not bounds:
        return out
    mid = sum(bounds) / len(bounds)
    is_contract_rate = salary.period == "day" or (
        emp_type == "contract" and salary.period == "hour"
    )
    if is_contract_rate:
        day = mid * (settings.hours_per_day if salary.period == "hour" else 1)
        if settings.min_day_rate <= day <= settings.max_day_rate:
            out["day_rate_mid"] = round(day, 2)
        return out
    low, high = salary.annual(settings.factors)
    annual_mid = mid * settings.factors[salary.period]
    if settings.min_annual <= annual_mid <= settings.max_annual:
        out.update(
            salary_annual_min=low, salary_annual_max=high, salary_annual_mid=round(annual_mid, 2)
        )
    return out


def normalize_ad(
    raw: Mapping[str, Any],
    *,
    now: datetime | None = None,
    settings: AnnualizeSettings = DEFAULT_ANNUALIZE,
) -> dict[str, Any]:
    """Every normalized column of the ``ads`` table, from an ad's raw fields.

    ``raw`` holds the item's raw fields (see ``crawler.items.RAW_FIELDS``); ``now`` is the crawl
    time, used only for relative posted dates. Salary comes from the source's structured fields,
    else its salary field (:func:`parse_salary`), else the description text
    (:func:`find_salary`); ``salary_source`` says which. Returns a flat dict (column -> value)
    plus ``skills`` (list of canonical names) for the ``ad_skills`` table. A raw value that is
    not a string (a number, a list of text nodes, an object from a JSON feed) is read as text
    (:func:`as_text`); never raises on odd values (the normalizers it calls do not).
    """

    def text(field: str) -> str:
        return as_text(raw.get(field))

    title = fold_whitespace(text("title"))
    description = html_to_text(text("description"))
    salary_raw = text("salary_raw")
    salary, salary_source = structured_salary(raw), "structured"
    if salary is None and salary_raw:
        salary, salary_source = parse_salary(salary_raw), "field"
    if salary is None and description:
        salary, salary_source = find_salary(description), "description"
    if salary is None:
        salary_source = None
    emp_type = employment_type(text("employment_type_raw"), salary)
    location = parse_location(text("location_raw"))
    workplace = location.workplace or _WORKPLACE.get(text("workplace_raw").lower())
    role, _ = classify_ad(title, description, text("company"))
    experience = parse_experience(description)
    skills = extract_skills(f"{title}\n{description}")
    return {
        "description_text": description,
        "salary_min": salary.min if salary else None,
        "salary_max": salary.max if salary else None,
        "salary_currency": salary.currency if salary else None,
        "salary_period": salary.period if salary else None,
        "salary_period_inferred": bool(salary and salary.period_inferred),
        "salary_source": salary_source,
        **_pay_fields(salary, emp_type, settings),
        "employment_type": emp_type,
        "city": location.city,
        "county": location.county,
        "region": location.region,
        "country": location.country,
        "is_uk": location.is_uk,
        "workplace": workplace,
        "multi_location": location.multi,
        "role": role.family,
        "seniority": role.seniority,
        "is_ml": role.is_ml,
        "experience_min_years": experience.min_years if experience else None,
        "experience_max_years": experience.max_years if experience else None,
        "posted_at": parse_posted(text("posted_raw"), now),
        "skills": skills,
        "normalizer_version": NORMALIZER_VERSION,
    }
