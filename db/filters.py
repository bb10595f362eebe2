"""Which ads a benchmark or a report counts: :class:`Filters`, turned into a SQL ``WHERE``.

The filters narrow the population of the views (``ml_ads``, or ``uk_ads`` with ``--all-ads``);
they never widen it. Values always travel as ``?`` parameters, never pasted into the SQL.

- several values of one field select ads matching **any** of them (``--city Leeds --city
  York``: ads in Leeds or York); different fields must **all** match;
- ``roles``, ``seniorities`` and ``regions`` must be names of the project's vocabularies
  (:data:`normalize.roles.ROLE_FAMILIES`, :data:`normalize.roles.SENIORITY_LEVELS`,
  :data:`normalize.location.ITL1_REGIONS`); any case is accepted and stored canonical; an
  unknown name raises :class:`FilterError` listing the valid ones;
- ``cities``, ``skills`` and ``sources`` are matched without regard to case (cities and
  skills) or exactly (sources); a name no ad carries simply selects no ad;
- ``since``/``until`` bound the posting date, both inclusive (ISO dates; an ad without a
  posting date is dated by ``first_seen``, the day it was first stored).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from normalize.location import ITL1_REGIONS
from normalize.roles import ROLE_FAMILIES, SENIORITY_LEVELS

#: Filter field -> its vocabulary (fields checked against a list of valid names).
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "roles": ROLE_FAMILIES,
    "seniorities": SENIORITY_LEVELS,
    "regions": ITL1_REGIONS,
}
#: Filter field -> its column in the views (``skills`` goes through ``ad_skills``).
COLUMNS: dict[str, str] = {
    "roles": "role",
    "seniorities": "seniority",
    "cities": "city",
    "regions": "region",
    "sources": "source",
}
_SINGULAR = {"roles": "role", "seniorities": "seniority", "regions": "region"}


class FilterError(ValueError):
    """A filter value that names nothing valid (an unknown role, a date that is not a date)."""


def _canonical(field: str, value: str) -> str:
    valid = VOCABULARIES[field]
    by_key = {v.casefold(): v for v in valid}
    found = by_key.get(value.strip().casefold())
    if found is None:
        close = difflib.get_close_matches(value, valid, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise FilterError(
            f"unknown {_SINGULAR[field]} {value!r}{hint}; valid names: {', '.join(valid)}"
        )
    return found


def _date(name: str, value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise FilterError(f"{name} {value!r} is not a date (YYYY-MM-DD)") from None


def _strings(value: Iterable[str] | str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@dataclass(frozen=True)
class Filters:
    """A selection of ads; the empty ``Filters()`` selects the whole population.

    Fields take a tuple of names (a single string or any iterable is accepted and made a
    tuple); ``since``/``until`` take a :class:`datetime.date` or an ISO date string. Raises
    :class:`FilterError` for an unknown role, seniority or region (listing the valid names),
    a blank value, an unreadable date, or ``since`` after ``until``.
    """

    roles: tuple[str, ...] = ()
    seniorities: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        for f in fields(self):
            if f.name in ("since", "until"):
                object.__setattr__(self, f.name, _date(f.name, getattr(self, f.name)))
                continue
            values = _strings(getattr(self, f.name))
            if any(not isinstance(v, str) or not v.strip() for v in values):
                raise FilterError(f"{f.name}: every value must be a non-empty name")
            if f.name in VOCABULARIES:
                values = tuple(_canonical(f.name, v) for v in values)
            else:
                values = tuple(v.strip() for v in values)
            object.__setattr__(self, f.name, tuple(dict.fromkeys(values)))
        if self.since and self.until and self.since > self.until:
            raise FilterError(f"since {self.since} is after until {self.until}")

    def __bool__(self) -> bool:
        """True when any filter is set."""
        return any(getattr(self, f.name) for f in fields(self))

    def where(self, alias: str) -> tuple[str, list[Any]]:
        """``(condition, params)``: a SQL condition over a view row named ``alias`` (``uk_ads``
        or ``ml_ads`` columns) with its ``?`` parameters; ``("", [])`` when no filter is set."""
        conditions: list[str] = []
        params: list[Any] = []
        for name, column in COLUMNS.items():
            values = getattr(self, name)
            if not values:
                continue
            marks = ", ".join("?" * len(values))
            collate = " COLLATE NOCASE" if name == "cities" else ""
            conditions.append(f"{alias}.{column}{collate} IN ({marks})")
            params += list(values)
        if self.skills:
            marks = ", ".join("?" * len(self.skills))
            conditions.append(
                f"EXISTS (SELECT 1 FROM ad_skills fs WHERE fs.ad_id = {alias}.id "
                f"AND fs.skill COLLATE NOCASE IN ({marks}))"
            )
            params += list(self.skills)
        posted = f"substr(coalesce({alias}.posted_at, {alias}.first_seen), 1, 10)"
        if self.since:
            conditions.append(f"{posted} >= ?")
            params.append(self.since.isoformat())
        if self.until:
            conditions.append(f"{posted} <= ?")
            params.append(self.until.isoformat())
        return " AND ".join(conditions), params

    def as_dict(self) -> dict[str, Any]:
        """The filters that are set, JSON-ready (dates as ISO strings, tuples as lists)."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if value:
                out[key] = value.isoformat() if isinstance(value, date) else list(value)
        return out

    def describe(self) -> str:
        """The filters in words, e.g. ``"role ml_engineer; city Manchester or Leeds"``
        (empty string when none is set)."""
        words = {
            "roles": "role",
            "seniorities": "seniority",
            "cities": "city",
            "regions": "ITL1 region",
            "skills": "skill",
            "sources": "source",
        }
        parts = [
            f"{label} {' or '.join(getattr(self, name))}"
            for name, label in words.items()
            if getattr(self, name)
        ]
        if self.since:
            parts.append(f"posted on or after {self.since.isoformat()}")
        if self.until:
            parts.append(f"posted on or before {self.until.isoformat()}")
        return "; ".join(parts)
