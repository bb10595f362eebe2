"""What a dump import is told and what it reports: the formats, ``--map`` pairs, the stable id
of an ad without one, and the records that could not be read or were repaired (kept apart from
the readers of :mod:`crawler.imports`, which re-exports them)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.dump_columns import MAP_FIELDS
from normalize.text import fold_whitespace

#: The ``mljobs import --format`` names.
FORMATS: tuple[str, ...] = ("adzuna-kaggle", "jobspy", "scrapy-json", "csv")

#: Default ``--source`` per format (``csv`` and ``scrapy-json`` use the file's stem).
DEFAULT_SOURCES = {"adzuna-kaggle": "adzuna_kaggle", "jobspy": "jobspy"}

#: What each kind of :class:`FieldFix` did, for the log.
FIX_MESSAGES = {
    "decode": "bytes not valid in {encoding} (read as {fallback})",
    "nul": "NUL characters removed",
    "surrogate": "lone surrogates replaced by U+FFFD",
    "int_overflow": "integer beyond 64 bits kept as text",
}


class ImportFileError(ValueError):
    """The file cannot be read as the format at all (missing, undecodable, wrong columns)."""


@dataclass(frozen=True)
class RowProblem:
    """A record that could not be read; ``where`` names it ("row 12 (line 40)")."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class FieldFix(RowProblem):
    """One field of a record was repaired or coerced, the record itself kept (it follows).
    ``kind`` is a key of :data:`FIX_MESSAGES`."""

    kind: str = ""


def content_id(title: Any, company: Any, location: Any, description: Any) -> str:
    """Stable id of an ad without one: SHA-1 (first 16 hex digits) of its title, company,
    location and description, each whitespace-normalized, joined by a unit separator."""
    parts = (fold_whitespace(str(v or "")) for v in (title, company, location, description))
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def default_source(path: Path, fmt: str) -> str:
    """The ``--source`` used when none is given: a per-format name, else the file's stem."""
    return DEFAULT_SOURCES.get(fmt) or path.stem.lower().replace("-", "_").replace(" ", "_")


def parse_mapping(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``["title=job_title", ...]`` -> ``{"title": "job_title"}``. Raises ``ValueError`` for a
    pair without ``=`` or a FIELD not in :data:`MAP_FIELDS`."""
    mapping = {}
    for pair in pairs:
        field_name, sep, column = pair.partition("=")
        field_name, column = field_name.strip(), column.strip()
        if not sep or not field_name or not column:
            raise ValueError(f"--map {pair!r}: expected FIELD=COLUMN")
        if field_name not in MAP_FIELDS:
            raise ValueError(f"--map {pair!r}: FIELD must be one of {', '.join(MAP_FIELDS)}")
        mapping[field_name] = column
    return mapping
