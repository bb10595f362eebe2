"""Readers for existing job-ad dumps, turning each record into the item's raw fields.

Formats (``mljobs import --format``):

``adzuna-kaggle``
    Adzuna's "Job Salary Prediction" CSV (Id, Title, FullDescription, LocationRaw, Company,
    ContractType, ContractTime, SalaryRaw, ...). ``SalaryNormalized`` is Adzuna's own derived
    figure: it stays in ``raw`` and is not used as the salary.
``jobspy``
    JobSpy's CSV schema (id, site, job_url, title, company, location, date_posted, job_type,
    interval, min_amount, max_amount, currency, is_remote, description, ...), or any subset of
    it that keeps ``title`` (keyed by ``job_url`` when ``id`` is gone).
``scrapy-json``
    A Scrapy JSON (array) or JSON-lines feed, or a JSON object holding the list of ads under
    one key (``{"jobs": [...]}``). A field may be a list of raw text nodes, as ``::text``
    selectors give them; nodes are stripped and joined (see ``join_text_nodes``). An array
    is read as a stream: a truncated feed keeps its complete records.
``csv``
    Any CSV. Columns with common names (``title``, ``company``, ``location``, ``salary``/``pay``/
    ``wage``/``rate``..., ``description``, ``url``/``URL``, ``id``, ...) are read without a
    mapping, and so is a place split over town/city, county/region, postcode and country
    columns; ``--map FIELD=COLUMN`` names others (FIELD in :data:`MAP_FIELDS`).

Column names and their synonyms live in ``crawler/data/import_columns.toml``; which columns a
file's fields came from, and which it ignored, is :attr:`DumpReader.columns_used` and
:attr:`DumpReader.columns_ignored`.

A CSV's text encoding is detected from its bytes (:func:`detect_encoding`) unless given; the
text is decoded so that a bad byte costs only the field it sits in: in a UTF-8 file it is read
as cp1252 (a stray "£" from another export), in other encodings it becomes U+FFFD, and the
field is reported as a :class:`FieldFix` naming its row. Values are made storable field by
field (``crawler.fields.clean_fields``: NUL stripped, lone surrogates replaced, integers beyond
64 bits kept as text), each reported as a :class:`FieldFix`.

An ad's source id is the mapped or obvious id field, else its URL, else a stable hash of its
title, company, location and description (whitespace-normalized): :func:`content_id`.
A malformed record is reported as a :class:`RowProblem` naming its row, and reading goes on; a
file that cannot be read at all raises :class:`ImportFileError`.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from crawler.dump_columns import (
    COMMON_NAMES,
    MAP_FIELDS,
    ColumnPlan,
    column_names,
    field_value,
    normalized_name,
    plan_columns,
)
from crawler.dump_encoding import (
    ESCAPE_ERRORS,
    detect_encoding,
    escapes_met,
    has_escapes,
    is_utf8,
    sample_of,
    unescape,
)
from crawler.dump_records import (  # noqa: F401 (re-exported: part of this module's API)
    DEFAULT_SOURCES,
    FIX_MESSAGES,
    FORMATS,
    FieldFix,
    ImportFileError,
    RowProblem,
    content_id,
    default_source,
    parse_mapping,
)
from crawler.fields import clean_fields

# --- readers -----------------------------------------------------------------------------------


def _rows(lines: Iterable[str]) -> Iterator[tuple[str, list[str] | RowProblem]]:
    """``(where, values)`` of each CSV row after the header (read first, as ``"header"``)."""
    reader = csv.reader(lines)
    row_no, line = -1, 0
    while True:
        start_line = line + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row_no += 1
            where = f"row {row_no} (line {start_line})"
            yield where, RowProblem(where, f"unreadable CSV ({exc})")
            line = reader.line_num
            continue
        line = reader.line_num
        if not values:
            continue
        row_no += 1
        yield ("header" if row_no == 0 else f"row {row_no} (line {start_line})"), values


class DumpReader:
    """Reads one dump file (see the module docstring for ``fmt``, ``mapping`` and
    ``encoding``); iterate :meth:`records`. After reading, :attr:`encoding` is the encoding
    used (CSV: given or detected, :attr:`encoding_detected`), :attr:`columns_used`
    (``{field: [columns]}``) and :attr:`columns_ignored` the columns no field used (for a
    JSON feed, over all its records)."""

    def __init__(
        self,
        path: str | Path,
        fmt: str,
        source: str | None = None,
        mapping: Mapping[str, str] | None = None,
        encoding: str | None = None,
    ):
        self.path = Path(path)
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
        self.fmt = fmt
        self.source = source or default_source(self.path, fmt)
        self.mapping = dict(mapping or {})
        if self.mapping and fmt not in ("csv", "scrapy-json"):
            raise ValueError(f"--map applies to the csv and scrapy-json formats, not {fmt}")
        self.encoding = encoding
        self.encoding_detected = False
        self.columns_used: dict[str, list[str]] = {}
        self.columns_ignored: list[str] = []
        self._plans: dict[tuple[str, ...], ColumnPlan] = {}
        self._reads: dict[tuple[str, ...], list[tuple[str, str, tuple[str, ...]]]] = {}

    # -- column plans per header --
    def _plan(self, columns: tuple[str, ...]) -> ColumnPlan:
        plan = self._plans.get(columns)
        if plan is not None:
            return plan
        data = column_names()
        if self.fmt == "adzuna-kaggle":
            spec = data["adzuna_kaggle"]
            missing = [c for c in spec["required"] if c not in columns]
            if missing:
                raise ImportFileError(
                    f"{self.path}: not a {self.fmt} file, missing columns {missing}"
                )
            plan = plan_columns(columns, spec["fields"], {}, joined=spec["joined"])
        elif self.fmt == "jobspy":
            self._check_jobspy(columns, data["jobspy"])
            spec = data["jobspy"]
            plan = plan_columns(columns, spec["fields"], spec["place"])
            if "is_remote" in columns:  # read into workplace_raw by records()
                plan = ColumnPlan({**plan.fields, "workplace": ("is_remote",)}, plan.columns)
        else:
            if self.fmt == "csv":
                missing = [c for c in self.mapping.values() if c not in columns]
                if missing:
                    raise ImportFileError(
                        f"{self.path}: not a {self.fmt} file as mapped, missing columns {missing}"
                    )
            plan = plan_columns(columns, data["fields"], data["place"], self.mapping)
        self._plans[columns] = plan
        for name, cols in plan.fields.items():
            used = self.columns_used.setdefault(name, [])
            used.extend(c for c in cols if c not in used)
        all_used = {c for cols in self.columns_used.values() for c in cols}
        ignored = [*self.columns_ignored, *plan.ignored]
        self.columns_ignored = list(dict.fromkeys(c for c in ignored if c not in all_used))
        return plan

    def _check_jobspy(self, columns: tuple[str, ...], spec: Mapping[str, Any]) -> None:
        known = set(spec["columns"])
        names = {normalized_name(c) for c in columns if str(c).strip()}
        names.discard("unnamed:_0")  # a pandas index column
        foreign = sorted(c for c in columns if normalized_name(c) in names - known)
        distinctive = names & set(spec["distinctive"])
        if "title" not in names or (foreign and len(distinctive) < 2):
            missing = [c for c in ("title", "site", "job_url") if c not in names]
            raise ImportFileError(
                f"{self.path}: not a jobspy file, missing columns {missing}"
                + (f"; columns {foreign} are not JobSpy's" if foreign else "")
            )

    # -- records --
    def records(self) -> Iterator[dict[str, Any] | RowProblem]:
        """Each record as item fields (``source`` set), a :class:`RowProblem` for one that
        cannot be read, or a :class:`FieldFix` before a record one of whose fields was
        repaired. Raises :class:`ImportFileError` as :func:`read_ads`."""
        raw = self._read_json() if self.fmt == "scrapy-json" else self._read_csv()
        unseen = set(self.mapping.values()) if self.fmt == "scrapy-json" else set()
        for where, record, fixes in raw:
            if isinstance(record, RowProblem):
                yield record
                continue
            if not isinstance(record, dict):
                yield RowProblem(where, f"expected an object, found {type(record).__name__}")
                continue
            if unseen:
                unseen.difference_update(record)
            record, changes = clean_fields(record)
            fixes = [*fixes, *(self._fix(where, column, kind) for column, kind in changes)]
            columns = tuple(record)
            reads = self._reads.get(columns)
            if reads is None:
                reads = self._reads[columns] = _field_reads(self._plan(columns))
            fields = {}
            for field, name, cols in reads:  # one column, not a list of text nodes: as it is
                value = record.get(cols[0])
                if len(cols) > 1 or isinstance(value, list):
                    value = field_value(record, name, cols)
                fields[field] = value
            if self.fmt == "jobspy":
                remote = str(record.get("is_remote") or "").strip().lower() == "true"
                fields["workplace_raw"] = "remote" if remote else None
            fields = _finish(fields, record)
            if not str(fields.get("title") or "").strip():
                yield RowProblem(where, "no title")
                continue
            fields["source"] = self.source
            yield from fixes
            yield fields
        if unseen:  # a JSON feed has no header: a mapped key no record holds is a likely typo
            yield RowProblem("--map", f"no record has the key(s) {sorted(unseen)}")

    def _fix(self, where: str, column: str, kind: str) -> FieldFix:
        encoding = self.encoding or "utf-8"
        fallback = "cp1252" if is_utf8(encoding) else "U+FFFD"
        message = FIX_MESSAGES[kind].format(encoding=encoding, fallback=fallback)
        return FieldFix(where, f"field {column!r}: {message}", kind)

    def _open(self) -> io.BufferedReader:
        try:
            return self.path.open("rb")
        except OSError as exc:
            raise ImportFileError(f"{self.path}: cannot open ({exc.strerror})") from exc

    def _read_csv(self) -> Iterator[tuple[str, Any, list[FieldFix]]]:
        csv.field_size_limit(sys.maxsize)
        with self._open() as handle:
            if self.encoding is None:
                try:
                    self.encoding = detect_encoding(sample_of(handle))
                except LookupError as exc:
                    raise ImportFileError(f"{self.path}: {exc}") from None
                self.encoding_detected = True
                handle.seek(0)
            text = io.TextIOWrapper(handle, self.encoding, errors=ESCAPE_ERRORS, newline="")
            rows = _rows(text)
            header: list[str] | None = None
            escapes = escapes_met()
            for where, values in rows:
                if isinstance(values, RowProblem):
                    if header is None:
                        raise ImportFileError(f"{self.path}: not a readable CSV ({values.message})")
                    yield where, values, []
                    continue
                fixed: list[int] = []
                if escapes_met() != escapes:  # a bad byte was met somewhere in the text so far
                    values, fixed = self._repair(values)
                if header is None:
                    header = [v.lstrip("\ufeff") for v in values]
                    continue
                if len(values) != len(header):
                    problem = f"expected {len(header)} columns, found {len(values)}"
                    yield where, RowProblem(where, problem), []
                    continue
                fixes = [self._fix(where, header[i], "decode") for i in fixed]
                yield where, dict(zip(header, values, strict=True)), fixes
            if header is None:
                raise ImportFileError(f"{self.path}: empty file, no header row")

    def _repair(self, values: list[str]) -> tuple[list[str], list[int]]:
        """``values`` with escaped bad bytes decoded (``unescape``), and the indexes of
        the values repaired."""
        fixed = [i for i, v in enumerate(values) if has_escapes(v)]
        for i in fixed:
            values[i] = unescape(values[i], self.encoding or "utf-8")
        return values, fixed

    def _read_json(self) -> Iterator[tuple[str, Any, list[FieldFix]]]:
        with self._open() as handle:
            head = handle.read(1 << 16)
            start = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
            body = head[start:].lstrip()
            if not body:
                raise ImportFileError(f"{self.path}: empty file, no JSON records")
            self.encoding = self.encoding or "utf-8"
            handle.seek(start)
            if body[:1] == b"[":
                yield from self._json_stream(handle, "item", "item")
                return
            if body[:1] == b"{" and not _looks_like_json_lines(body):
                key = self._container_key(handle)
                handle.seek(start)
                if key is None:  # the object is one ad
                    yield from self._json_stream(handle, "", "item")
                else:
                    yield from self._json_stream(handle, f"{key}.item", f"{key!r} item")
                return
            yield from self._json_lines(handle)

    def _json_stream(
        self, handle: io.BufferedReader, prefix: str, label: str
    ) -> Iterator[tuple[str, Any, list[FieldFix]]]:
        """The objects at ``prefix`` of a JSON document, read as a stream: a document cut
        short (or broken) keeps the records before the break; with none before it, the file
        is not valid JSON."""
        import ijson

        source: Any = handle
        if not is_utf8(self.encoding or "utf-8"):
            source = io.TextIOWrapper(handle, self.encoding, errors="replace")
        n = 0
        try:
            for n, record in enumerate(ijson.items(source, prefix, use_float=True), start=1):
                yield f"{label} {n}", record, []
        except ijson.JSONError as exc:
            if n == 0:
                raise ImportFileError(f"{self.path}: not valid JSON ({_reason(exc)})") from exc
            where = f"{label} {n + 1}"
            message = (
                f"the JSON breaks off here ({_reason(exc)}); the {n} records before it were read"
            )
            yield where, RowProblem(where, message), []

    def _container_key(self, handle: io.BufferedReader) -> str | None:
        """The key of an object document that holds the list of ads (``{"jobs": [...]}``):
        the one key whose value is a list of objects. ``None`` for an object that is itself
        an ad (it has a title key). Raises :class:`ImportFileError` for any other object."""
        import ijson

        keys: list[str] = []
        lists: list[str] = []
        try:
            for prefix, event, value in ijson.parse(handle):
                if prefix == "" and event == "map_key":
                    keys.append(value)
                elif event == "start_map" and prefix.endswith(".item") and prefix.count(".") == 1:
                    key = prefix[: -len(".item")]
                    if key not in lists:
                        lists.append(key)
        except ijson.JSONError as exc:
            if not lists:
                raise ImportFileError(f"{self.path}: not valid JSON ({_reason(exc)})") from exc
        titles = set(COMMON_NAMES["title"]) | {self.mapping.get("title")}
        if any(normalized_name(k) in titles or k in titles for k in keys):
            return None
        if len(lists) == 1:
            return lists[0]
        what = f"lists of objects under {lists}" if lists else "no list of ads"
        raise ImportFileError(
            f"{self.path}: a JSON object with {what} (keys {keys[:10]}); expected a JSON "
            'array, JSON lines, or an object holding the ads under one key ({"jobs": [...]})'
        )

    def _json_lines(self, handle: io.BufferedReader) -> Iterator[tuple[str, Any, list[FieldFix]]]:
        encoding = self.encoding or "utf-8"
        for n, line in enumerate(handle, start=1):
            text = line.decode(encoding, ESCAPE_ERRORS)
            if not text.strip():
                continue
            fixes = []
            if has_escapes(text):
                text = unescape(text, encoding)
                fixes.append(self._fix(f"line {n}", "(line)", "decode"))
            try:
                yield f"line {n}", json.loads(text), fixes
            except json.JSONDecodeError as exc:
                yield f"line {n}", RowProblem(f"line {n}", f"invalid JSON ({exc.msg})"), []


def _reason(exc: Exception) -> str:
    """The first line of a JSON parser's message (yajl's run over several lines)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else "cut short"


def _looks_like_json_lines(body: bytes) -> bool:
    """Does a document starting with ``body`` hold one JSON value per line (of its first two
    lines, one is a whole value)?"""
    lines = [line for line in body.split(b"\n", 3)[:3] if line.strip()]
    if len(lines) < 2:
        return False
    for line in lines[:2]:
        try:
            json.loads(line)
        except ValueError:
            continue
        return True
    return False


def _field_reads(plan: ColumnPlan) -> list[tuple[str, str, tuple[str, ...]]]:
    """``(item field, --map field, columns)`` of each ``plan`` field that feeds an item field
    (:data:`MAP_FIELDS`), in the plan's order: what :meth:`DumpReader.records` reads."""
    return [(MAP_FIELDS[n], n, cols) for n, cols in plan.fields.items() if n in MAP_FIELDS]


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


def read_ads(
    path: str | Path,
    fmt: str,
    source: str | None = None,
    mapping: Mapping[str, str] | None = None,
    *,
    encoding: str | None = None,
) -> Iterator[dict[str, Any] | RowProblem]:
    """Yield each record of ``path`` as item fields (``source`` set), a :class:`RowProblem`,
    or a :class:`FieldFix` (see :meth:`DumpReader.records`).

    Raises :class:`ImportFileError` when the file cannot be read as ``fmt`` (including a CSV
    without the columns the format needs or ``mapping`` names, an empty file, a JSON object
    that holds no single list of ads), and ``ValueError`` for an unknown format or a mapping
    given to a format with fixed columns. A scrapy-json ``mapping`` key that no record holds
    is reported as a final :class:`RowProblem` (``where="--map"``).
    """
    yield from DumpReader(path, fmt, source, mapping, encoding).records()


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
    ``stats`` (an object with ``inc_value``/``set_value``, as Scrapy's stats collector) and
    logging to ``log`` what the import meets, for the Scrapy importer and the direct import
    alike.

    Counts ``mljobs/import/records`` (records read, good or not); a malformed record is logged
    at WARNING with its row and counted as ``mljobs/dropped/malformed_row``; a repaired field
    is logged at WARNING and counted as ``mljobs/import/fixed/<kind>``; a file that cannot be
    read at all is logged at ERROR and counted as ``mljobs/import/file_error`` (nothing more is
    read). Sets ``mljobs/import/encoding``, ``mljobs/import/columns_used`` (``{field:
    [columns]}``) and ``mljobs/import/columns_ignored``. Never raises :class:`ImportFileError`."""
    reader = DumpReader(path, fmt, source, mapping, encoding)
    try:
        for record in reader.records():
            if isinstance(record, FieldFix):
                stats.inc_value(f"mljobs/import/fixed/{record.kind}")
                log.warning("%s: %s", path, record)
                continue
            stats.inc_value("mljobs/import/records")
            if isinstance(record, RowProblem):
                stats.inc_value("mljobs/dropped/malformed_row")
                log.warning("%s: %s", path, record)
                continue
            yield record
    except ImportFileError as exc:
        stats.inc_value("mljobs/import/file_error")
        log.error("%s", exc)
    finally:
        if reader.encoding:
            detected = " (detected)" if reader.encoding_detected else ""
            stats.set_value("mljobs/import/encoding", f"{reader.encoding}{detected}")
        stats.set_value("mljobs/import/columns_used", reader.columns_used)
        stats.set_value("mljobs/import/columns_ignored", reader.columns_ignored)


def columns_summary(stats: Mapping[str, Any]) -> str:
    """One line for the import summary: the columns each field was read from, the columns
    ignored and the text encoding, from the stats :func:`import_items` sets; "" when the file
    was not read."""
    used = stats.get("mljobs/import/columns_used") or {}
    if not used:
        return ""
    fields = ", ".join(f"{name}={'+'.join(columns)}" for name, columns in used.items())
    ignored = ", ".join(stats.get("mljobs/import/columns_ignored") or []) or "none"
    line = f"columns used: {fields}; ignored: {ignored}"
    if stats.get("mljobs/import/encoding"):
        line += f"; encoding {stats['mljobs/import/encoding']}"
    fixed = sum(v for k, v in stats.items() if k.startswith("mljobs/import/fixed/"))
    return line + (f"; {fixed} field(s) repaired (see the log)" if fixed else "")
