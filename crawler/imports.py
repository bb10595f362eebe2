"""Readers for existing job-ad dumps, turning each record into the item's raw fields.

Formats (``mljobs import --format``):

``adzuna-kaggle``
    Adzuna's "Job Salary Prediction" CSV (Id, Title, FullDescription, LocationRaw, Company,
    ContractType, ContractTime, SalaryRaw, ...). ``SalaryNormalized`` is Adzuna's own derived
    figure: it stays in ``raw`` and is not used as the salary.
``jobspy``
    JobSpy's CSV schema (id, site, job_url, title, company, location, date_posted, job_type,
    interval, min_amount, max_amount, currency, is_remote, description, ...).
``scrapy-json``
    A Scrapy JSON (array) or JSON-lines feed. A field may be a list of raw text nodes, as
    ``::text`` selectors give them; nodes are stripped and joined (see ``join_text_nodes``).
``csv``
    Any CSV. Columns with common names (``title``, ``company``, ``location``, ``salary``,
    ``description``, ``url``/``URL``, ``id``, ...) are read without a mapping; ``--map
    FIELD=COLUMN`` names others (FIELD in :data:`MAP_FIELDS`).

An ad's source id is the mapped or obvious id field, else its URL, else a stable hash of its
title, company, location and description (whitespace-normalized): :func:`content_id`.
A malformed record is reported as a :class:`RowProblem` naming its row, and reading goes on; a
file that cannot be read at all raises :class:`ImportFileError`.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from normalize.text import fold_whitespace, join_text_nodes

FORMATS: tuple[str, ...] = ("adzuna-kaggle", "jobspy", "scrapy-json", "csv")

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

#: Column names read without a mapping (``scrapy-json`` and ``csv``), compared lower-cased.
COMMON_NAMES: dict[str, tuple[str, ...]] = {
    "source_id": ("source_id", "id", "job_id", "jobid", "ad_id", "reference"),
    "url": ("url", "job_url", "link", "href", "joburl"),
    "title": ("title", "job_title", "jobtitle", "position", "name"),
    "company": ("company", "company_name", "employer", "companyname", "hiring_organization"),
    "location": ("location", "job_location", "location_raw", "locationraw", "city"),
    "salary": ("salary", "salary_raw", "salaryraw", "pay", "payment", "compensation"),
    "salary_min": ("salary_min", "min_amount", "minimum_salary", "salary_from"),
    "salary_max": ("salary_max", "max_amount", "maximum_salary", "salary_to"),
    "salary_period": ("salary_period", "interval", "pay_period"),
    "salary_currency": ("salary_currency", "currency"),
    "description": ("description", "job_description", "job_descr", "fulldescription", "body"),
    "posted_at": (
        "posted_at",
        "date_posted",
        "date_listed",
        "posted",
        "published_at",
        "date",
        "created",
    ),
    "employment_type": ("employment_type", "job_type", "contract_type", "contracttype"),
}

#: Default ``--source`` per format (``csv`` and ``scrapy-json`` use the file's stem).
DEFAULT_SOURCES = {"adzuna-kaggle": "adzuna_kaggle", "jobspy": "jobspy"}


class ImportFileError(ValueError):
    """The file cannot be read as the format at all (missing, undecodable, wrong columns)."""


@dataclass(frozen=True)
class RowProblem:
    """A record that could not be read; ``where`` names it ("row 12 (line 40)")."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


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
        field, sep, column = pair.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not field or not column:
            raise ValueError(f"--map {pair!r}: expected FIELD=COLUMN")
        if field not in MAP_FIELDS:
            raise ValueError(f"--map {pair!r}: FIELD must be one of {', '.join(MAP_FIELDS)}")
        mapping[field] = column
    return mapping


def _finish(fields: dict[str, Any], record: Mapping[str, Any]) -> dict[str, Any]:
    """Fill the source id by the documented rule and keep the whole record as ``raw``."""
    if not fields.get("source_id"):
        fields["source_id"] = fields.get("url") or content_id(
            fields.get("title"),
            fields.get("company"),
            fields.get("location_raw"),
            fields.get("description"),
        )
    fields["raw"] = dict(record)
    return {k: v for k, v in fields.items() if v is not None and v != ""}


def _read_csv(
    path: Path, encoding: str | None = None
) -> Iterator[tuple[str, dict[str, str] | RowProblem]]:
    csv.field_size_limit(sys.maxsize)
    try:
        handle = path.open(newline="", encoding=encoding or "utf-8-sig")
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot open ({exc.strerror})") from exc
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ImportFileError(f"{path}: not a readable CSV ({exc})") from exc
        if not header:
            raise ImportFileError(f"{path}: empty file, no header row")
        row_no, line = 0, reader.line_num
        while True:
            start_line = line + 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                row_no += 1
                yield (
                    f"row {row_no} (line {start_line})",
                    RowProblem(f"row {row_no} (line {start_line})", f"unreadable CSV ({exc})"),
                )
                line = reader.line_num
                continue
            line = reader.line_num
            if not values:
                continue
            row_no += 1
            where = f"row {row_no} (line {start_line})"
            if len(values) != len(header):
                problem = f"expected {len(header)} columns, found {len(values)}"
                yield where, RowProblem(where, problem)
                continue
            yield where, dict(zip(header, values, strict=True))


def _read_json(path: Path) -> Iterator[tuple[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFileError(f"{path}: cannot read ({exc})") from exc
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ImportFileError(f"{path}: not valid JSON ({exc})") from exc
        for n, record in enumerate(records, start=1):
            yield f"item {n}", record
        return
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield f"line {n}", json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"line {n}", RowProblem(f"line {n}", f"invalid JSON ({exc.msg})")


def _lookup(record: Mapping[str, Any], mapping: Mapping[str, str]) -> dict[str, Any]:
    """Item fields from a record: mapped columns first, then common column names."""
    lowered = {str(k).lower().strip(): k for k in record}
    fields: dict[str, Any] = {}
    for field, item_field in MAP_FIELDS.items():
        column = mapping.get(field)
        if column is None:
            column = next((lowered[n] for n in COMMON_NAMES[field] if n in lowered), None)
        elif column not in record:
            continue
        if column is not None:
            value = record[column]
            sep = "\n" if field == "description" else " "
            fields[item_field] = join_text_nodes(value, sep) if isinstance(value, list) else value
    return fields


def _generic(record: Any, mapping: Mapping[str, str]) -> dict[str, Any] | str:
    if not isinstance(record, dict):
        return f"expected an object, found {type(record).__name__}"
    return _finish(_lookup(record, mapping), record)


def _adzuna(record: dict[str, str], mapping: Mapping[str, str]) -> dict[str, Any]:
    contract = " ".join(v for v in (record.get("ContractType"), record.get("ContractTime")) if v)
    return _finish(
        {
            "source_id": record.get("Id"),
            "title": record.get("Title"),
            "company": record.get("Company"),
            "location_raw": record.get("LocationRaw"),
            "salary_raw": record.get("SalaryRaw"),
            "description": record.get("FullDescription"),
            "employment_type_raw": contract or None,
        },
        record,
    )


def _jobspy(record: dict[str, str], mapping: Mapping[str, str]) -> dict[str, Any]:
    remote = (record.get("is_remote") or "").strip().lower() == "true"
    return _finish(
        {
            "source_id": record.get("id"),
            "url": record.get("job_url"),
            "title": record.get("title"),
            "company": record.get("company"),
            "location_raw": record.get("location"),
            "salary_min_raw": record.get("min_amount"),
            "salary_max_raw": record.get("max_amount"),
            "salary_currency_raw": record.get("currency"),
            "salary_period_raw": record.get("interval"),
            "description": record.get("description"),
            "posted_raw": record.get("date_posted"),
            "employment_type_raw": record.get("job_type"),
            "workplace_raw": "remote" if remote else None,
        },
        record,
    )


_REQUIRED_COLUMNS = {
    "adzuna-kaggle": ("Id", "Title", "FullDescription", "LocationRaw", "SalaryRaw"),
    "jobspy": ("id", "site", "job_url", "title", "company", "location", "description"),
}
_CONVERTERS = {
    "adzuna-kaggle": _adzuna,
    "jobspy": _jobspy,
    "csv": _generic,
    "scrapy-json": _generic,
}


def read_ads(
    path: str | Path,
    fmt: str,
    source: str | None = None,
    mapping: Mapping[str, str] | None = None,
    *,
    encoding: str | None = None,
) -> Iterator[dict[str, Any] | RowProblem]:
    """Yield each record of ``path`` as item fields (``source`` set), or a :class:`RowProblem`.

    Raises :class:`ImportFileError` when the file cannot be read as ``fmt`` (including a CSV
    without the columns the format needs or ``mapping`` names), and ``ValueError`` for an
    unknown format or a mapping given to a format with fixed columns. A scrapy-json ``mapping``
    key that no record holds is reported as a final :class:`RowProblem` (``where="--map"``).
    """
    path = Path(path)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    source = source or default_source(path, fmt)
    mapping = dict(mapping or {})
    if mapping and fmt not in ("csv", "scrapy-json"):
        raise ValueError(f"--map applies to the csv and scrapy-json formats, not {fmt}")
    records = _read_json(path) if fmt == "scrapy-json" else _read_csv(path, encoding)
    convert = _CONVERTERS[fmt]
    # A CSV has a header: every column the format needs or --map names must be in it.
    required = [*_REQUIRED_COLUMNS.get(fmt, ()), *(mapping.values() if fmt == "csv" else ())]
    checked = not required
    unseen = set(mapping.values()) if fmt == "scrapy-json" else set()
    for where, record in records:
        if isinstance(record, RowProblem):
            yield record
            continue
        if not checked:
            missing = [c for c in required if c not in record]
            if missing:
                raise ImportFileError(
                    f"{path}: not a {fmt} file as mapped, missing columns {missing}"
                )
            checked = True
        if unseen and isinstance(record, dict):
            unseen.difference_update(record)
        fields = convert(record, mapping)
        if isinstance(fields, str):
            yield RowProblem(where, fields)
            continue
        if not str(fields.get("title") or "").strip():
            yield RowProblem(where, "no title")
            continue
        fields["source"] = source
        yield fields
    if unseen:  # a JSON feed has no header: a mapped key no record holds is a likely typo
        yield RowProblem("--map", f"no record has the key(s) {sorted(unseen)}")


def import_items(
    path: str | Path,
    fmt: str,
    source: str | None,
    mapping: Mapping[str, str] | None,
    stats: Any,
    log: Any,
    encoding: str | None = None,
) -> Iterator[dict[str, Any]]:
    """The item fields of each good record of ``path`` (see :func:`read_ads`), counting in
    ``stats`` (an object with ``inc_value``, as Scrapy's stats collector) and logging to
    ``log`` what the import meets, for the Scrapy importer and the direct import alike.

    Counts ``mljobs/import/records`` (records read, good or not); a malformed record is logged
    at WARNING with its row and counted as ``mljobs/dropped/malformed_row``; a file that cannot
    be read at all is logged at ERROR and counted as ``mljobs/import/file_error`` (nothing more
    is read). Never raises :class:`ImportFileError`."""
    try:
        for record in read_ads(path, fmt, source, mapping, encoding=encoding):
            stats.inc_value("mljobs/import/records")
            if isinstance(record, RowProblem):
                stats.inc_value("mljobs/dropped/malformed_row")
                log.warning("%s: %s", path, record)
                continue
            yield record
    except ImportFileError as exc:
        stats.inc_value("mljobs/import/file_error")
        log.error("%s", exc)
