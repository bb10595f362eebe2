"""Which kind of source an ad came from: the employer's ATS, a job board or an aggregator.

The mapping is data (``dedup/data/source_kinds.csv``, shell patterns on ``ads.source``). The
vacancy salary rule (:mod:`dedup.vacancies`) prefers the kinds in :data:`KIND_RANK` order.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from functools import lru_cache

from dedup._data import DATA
from normalize.datafiles import read_csv

#: Preference order of source kinds for a vacancy's salary and representative fields.
KIND_RANK: dict[str, int] = {"ats": 0, "board": 1, "aggregator": 2, "unknown": 3}

_PATTERNS: tuple[tuple[str, str], ...] = tuple(
    (r["pattern"], r["kind"]) for r in read_csv("source_kinds.csv", DATA)
)
for _pattern, _kind in _PATTERNS:
    if _kind not in KIND_RANK:
        raise ValueError(f"source_kinds.csv: unknown kind {_kind!r} for {_pattern!r}")


@lru_cache(maxsize=4096)
def source_kind(source: str | None) -> str:
    """``"ats"``, ``"board"``, ``"aggregator"`` or ``"unknown"`` for a source name
    (``"greenhouse"`` -> ``"ats"``, ``"reed_listings_2019"`` -> ``"board"``,
    ``"adzuna_kaggle"`` -> ``"aggregator"``); the first matching pattern decides."""
    name = (source or "").lower()
    for pattern, kind in _PATTERNS:
        if fnmatchcase(name, pattern):
            return kind
    return "unknown"
