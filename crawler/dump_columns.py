"""Which columns of a dump feed which field of an ad: the column names and synonyms of
``crawler/data/import_columns.toml``, and the :class:`ColumnPlan` of a header.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from normalize.text import join_text_nodes

COLUMNS_FILE = Path(__file__).resolve().parent / "data" / "import_columns.toml"

#: ``--map`` field -> item field.
MAP_FIELDS: dict[str, str] = {
    "source_id": "source_id",
    "url": "url",
    "title": "title",
    "company": "company",
    "location": "location_raw",
    "salary": "salary_raw",
    "salary_min": "salary_min_raw",
    "salary_max": "salary_max_raw",
    "salary_period": "salary_period_raw",
    "salary_currency": "salary_currency_raw",
    "description": "description",
    "posted_at": "posted_raw",
    "employment_type": "employment_type_raw",
}

#: The parts of a place split over several columns, in the order they are joined.
PLACE_PARTS: tuple[str, ...] = ("town", "county", "postcode", "country")


def normalized_name(column: Any) -> str:
    """A column name as the synonym lists hold it: lower case, runs of spaces, hyphens and
    dots as one ``_`` ("Job Title" -> "job_title")."""
    return re.sub(r"[\s.\-]+", "_", str(column).strip().lower())


@cache
def column_names() -> dict[str, Any]:
    """The parsed ``crawler/data/import_columns.toml``."""
    with COLUMNS_FILE.open("rb") as handle:
        return tomllib.load(handle)


#: Column names read without a mapping (``scrapy-json`` and ``csv``), compared normalized.
COMMON_NAMES: dict[str, tuple[str, ...]] = {
    f: tuple(names) for f, names in column_names()["fields"].items()
}


@dataclass(frozen=True)
class ColumnPlan:
    """Which columns of a header feed which ``--map`` field: ``fields`` maps a field to its
    columns (one; or the parts of a place, joined; or several joined, as Adzuna's contract
    type and time)."""

    fields: dict[str, tuple[str, ...]]
    columns: tuple[str, ...]

    @property
    def used(self) -> list[str]:
        return [c for cols in self.fields.values() for c in cols]

    @property
    def ignored(self) -> list[str]:
        used = set(self.used)
        return [c for c in self.columns if c not in used]


def _first(names: Iterable[str], by_name: Mapping[str, str], taken: set[str]) -> str | None:
    return next((by_name[n] for n in names if n in by_name and by_name[n] not in taken), None)


def plan_columns(
    columns: Sequence[str],
    synonyms: Mapping[str, Sequence[str]],
    place: Mapping[str, Sequence[str]],
    mapping: Mapping[str, str] | None = None,
    joined: Iterable[str] = (),
) -> ColumnPlan:
    """The :class:`ColumnPlan` of a header: each ``--map`` field from ``mapping`` when named
    there (and present), else from the first of its ``synonyms`` present (compared
    :func:`normalized_name`-d; a column serves one field), all present ones for a field in
    ``joined``; ``location`` without a column of its own from the ``place`` parts present
    (:data:`PLACE_PARTS` order)."""
    mapping = mapping or {}
    by_name: dict[str, str] = {}
    for column in columns:
        by_name.setdefault(normalized_name(column), column)
    taken = {c for c in mapping.values() if c in columns}
    plan: dict[str, tuple[str, ...]] = {}
    for name in MAP_FIELDS:
        if name in mapping:
            if mapping[name] in columns:
                plan[name] = (mapping[name],)
            continue
        names = [normalized_name(n) for n in synonyms.get(name, ())]
        if name in joined:
            found = tuple(by_name[n] for n in names if n in by_name and by_name[n] not in taken)
        else:
            one = _first(names, by_name, taken)
            found = (one,) if one else ()
        if not found and name == "location":
            parts = [
                _first(map(normalized_name, place.get(p, ())), by_name, taken) for p in PLACE_PARTS
            ]
            found = tuple(p for p in parts if p)
        if found:
            plan[name] = found
            taken.update(found)
    return ColumnPlan(plan, tuple(columns))


def field_value(record: Mapping[str, Any], name: str, columns: tuple[str, ...]) -> Any:
    """The value of field ``name`` from its ``columns``: one column as given (a list of text
    nodes joined); several joined, place parts with ", ", others with a space."""
    if len(columns) == 1:
        value = record.get(columns[0])
        if isinstance(value, list):
            return join_text_nodes(value, "\n" if name == "description" else " ")
        return value
    parts = [str(record.get(c) or "").strip() for c in columns]
    return (", " if name == "location" else " ").join(p for p in parts if p)
