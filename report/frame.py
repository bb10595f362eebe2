"""The report's column store: the ``ml_ads`` view read once into NumPy arrays.

Categorical columns (company, city, region, role, ...) are integer codes into a list of names
(``-1`` for ``NULL``); ``salary`` (GBP per year) and ``day_rate`` (GBP per day) are floats with
``nan`` for "none". Rows are streamed from SQLite :data:`CHUNK` at a time, so memory grows
with the number of ads by a few dozen bytes each; groups are formed by one stable sort
(:func:`groups`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlite_utils

#: Columns of ``ml_ads`` read into the frame.
COLUMNS: tuple[str, ...] = (
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
#: The numeric columns of :data:`COLUMNS`; the others are held as codes into :attr:`Frame.names`.
NUMERIC: tuple[str, ...] = ("rid", "salary", "day_rate")
CATEGORICAL: tuple[str, ...] = tuple(c for c in COLUMNS if c not in NUMERIC)
#: Rows fetched from SQLite per batch.
CHUNK = 50_000


@dataclass
class Frame:
    """The ads of a population as parallel arrays, one entry per ad in ``rid`` order.

    ``arrays``: column -> array (``rid`` int64; ``salary``/``day_rate`` float, ``nan`` = none;
    categorical columns int32 codes into ``names[column]``, ``-1`` = ``NULL``; ``month_number``
    int64 months since year 0, ``-1`` = undated).
    """

    arrays: dict[str, np.ndarray]
    names: dict[str, list[str]]

    def __getitem__(self, column: str) -> np.ndarray:
        return self.arrays[column]

    def __len__(self) -> int:
        return len(self.arrays["rid"])

    def code(self, column: str, value: str | None) -> int:
        """The code of ``value`` in ``column`` (``-1`` for ``None``); ``ValueError`` if absent."""
        return -1 if value is None else self.names[column].index(value)


def _encode(values: Sequence[Any], table: dict[Any, int], count: int) -> np.ndarray:
    """Integer codes of ``values`` (``None`` -> -1), growing ``table`` with unseen values.

    New values get their codes in sorted order, so codes (and every tie broken by code) do not
    depend on Python's per-process string hashing: two runs on one database write the same
    report."""
    for value in sorted(set(values).difference(table), key=str):
        table[value] = len(table) - 1  # table starts as {None: -1}
    return np.fromiter(map(table.__getitem__, values), dtype=np.int32, count=count)


def load_frame(db: sqlite_utils.Database, where: str = "", params: Sequence[Any] = ()) -> Frame:
    """Stream the ``ml_ads`` view (optionally narrowed by the SQL condition ``where`` with its
    ``params``) into a :class:`Frame`, :data:`CHUNK` rows at a time, ordered by rowid.

    ``where`` must be trusted SQL over the view's row ``m`` (e.g. from
    :meth:`db.filters.Filters.where` with alias ``"m"``), every value a ``?`` parameter.
    Raises ``sqlite3.OperationalError`` when the views are missing.
    """
    tables: dict[str, dict[Any, int]] = {c: {None: -1} for c in CATEGORICAL}
    parts: dict[str, list[np.ndarray]] = {c: [] for c in COLUMNS}
    sql = f"SELECT {', '.join(f'm.{c}' for c in COLUMNS)} FROM ml_ads m"
    if where:
        sql += f" WHERE {where}"
    cursor = db.conn.execute(sql + " ORDER BY m.rid", list(params))
    while True:
        rows = cursor.fetchmany(CHUNK)
        if not rows:
            break
        columns = dict(zip(COLUMNS, zip(*rows, strict=True), strict=True))
        n = len(rows)
        parts["rid"].append(np.fromiter(columns["rid"], dtype=np.int64, count=n))
        for c in ("salary", "day_rate"):
            parts[c].append(np.array(columns[c], dtype=float))  # None -> nan
        for c in CATEGORICAL:
            parts[c].append(_encode(columns[c], tables[c], n))
    arrays = {
        c: (np.concatenate(p) if p else np.zeros(0, dtype=np.int32)) for c, p in parts.items()
    }
    for c in ("salary", "day_rate"):
        arrays[c] = arrays[c].astype(float)
    names = {c: list(t)[1:] for c, t in tables.items()}
    # month codes -> months since year 0 (for calendar arithmetic)
    month_numbers = np.array([month_number(m) for m in names["month"]] + [-1], dtype=np.int64)
    arrays["month_number"] = (
        month_numbers[arrays["month"]] if len(arrays["month"]) else np.zeros(0, dtype=np.int64)
    )
    return Frame(arrays, names)


def month_number(month: str) -> int:
    """``"YYYY-MM"`` as months since year 0 (``-1`` when unreadable)."""
    try:
        year, mon = month.split("-")[:2]
        return int(year) * 12 + int(mon) - 1
    except (ValueError, AttributeError):
        return -1


def month_name(number: int) -> str:
    """The inverse of :func:`month_number`: ``"YYYY-MM"``."""
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def groups(key: np.ndarray) -> dict[int, np.ndarray]:
    """Row indices per distinct value of ``key`` (one stable sort; indices ascending)."""
    if len(key) == 0:
        return {}
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    values, starts = np.unique(ordered, return_index=True)
    ends = np.append(starts[1:], len(ordered))
    return {int(v): order[s:e] for v, s, e in zip(values, starts, ends, strict=True)}


def finite(values: np.ndarray) -> np.ndarray:
    """``values`` without ``nan``."""
    return values[~np.isnan(values)]


def explode_skills(f: Frame) -> tuple[np.ndarray, np.ndarray, list[str]]:
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
