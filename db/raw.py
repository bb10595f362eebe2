"""How ``ads.raw`` stores a source's record: without the strings that raw columns already hold
(the description, title, ...), as JSON of ``{"layout": <id>, "record": ...}``, where the row
``id`` of the table ``raw_layouts`` holds, once for every ad of that shape, the ``columns`` map
``{<JSON pointer>: <column>}`` (RFC 6901 pointers) of the strings taken out (no ``layout`` when
none were). Migration 007 wrote the map into every row (``{"columns": ..., "record": ...}``);
migration 008 moved it to ``raw_layouts`` (about 190 bytes per Adzuna ad). Its own module so
that both the store (:mod:`db.store`) and the migrations (:mod:`db.schema`) use the one
definition.

In SQL: ``SELECT json_extract(a.raw, '$.record'), l.columns FROM ads a LEFT JOIN raw_layouts l
ON l.id = json_extract(a.raw, '$.layout')``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

_DUMP = {"ensure_ascii": False, "sort_keys": True, "default": str, "separators": (",", ":")}
#: ``json.dumps(value, **_DUMP)``, the same text, without building an encoder per call (that
#: cost about 1.5 us of the 4.3 us of dumping an Adzuna record's remainder).
_ENCODE = json.JSONEncoder(**_DUMP).encode
#: ``json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)``, without building an
#: encoder per call: the whole record as ``ads.raw`` held it before migration 007
#: (:func:`raw_json`), and a list or dict column of an ``ads`` row (:mod:`db.store`).
to_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str).encode
#: The columns map's JSON by its pointers (every ad of one dump shares a few maps): at most
#: :data:`_MAP_TEXTS_MAX` kept, then forgotten at once.
_MAP_TEXTS: dict[tuple[tuple[str, str], ...], str] = {}
_MAP_TEXTS_MAX = 1024


def _escape_pointer(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _unescape_pointer(part: str) -> str:
    return part.replace("~1", "/").replace("~0", "~")


def split_raw(record: Any, columns: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """``(columns map JSON or None when no string was taken out, remainder JSON)`` of the source
    ``record``; ``(None, None)`` for ``None``. ``columns`` maps the raw string columns
    (``db.schema.RAW_STRING_COLUMNS``, in that order: the first column holding a string wins)
    to their stored values; strings are matched by equality, in objects at any depth (lists
    are kept whole). Both JSON texts have sorted keys and no spaces (a map's text is its key
    in ``raw_layouts``)."""
    if record is None:
        return None, None
    held: dict[str, str] = {}
    for column, value in columns.items():  # the caller's order: db.schema.RAW_STRING_COLUMNS
        if isinstance(value, str) and value:
            held.setdefault(value, column)
    pointers: dict[str, str] = {}

    def strip(obj: dict, prefix: str) -> dict:
        out = {}
        for key, value in obj.items():
            if isinstance(value, str) and value in held:
                pointers[f"{prefix}/{_escape_pointer(str(key))}"] = held[value]
            elif isinstance(value, dict):
                out[key] = strip(value, f"{prefix}/{_escape_pointer(str(key))}")
            else:
                out[key] = value
        return out

    remainder = strip(record, "") if isinstance(record, dict) and held else record
    return (_map_text(pointers) if pointers else None), _ENCODE(remainder)


def _map_text(pointers: dict[str, str]) -> str:
    """``json.dumps(pointers, **_DUMP)``, kept for the next ad of the same shape."""
    key = tuple(pointers.items())
    text = _MAP_TEXTS.get(key)
    if text is None:
        if len(_MAP_TEXTS) >= _MAP_TEXTS_MAX:
            _MAP_TEXTS.clear()
        text = _MAP_TEXTS[key] = _ENCODE(pointers)
    return text


def join_raw(layout: int | None, remainder: str) -> str:
    """The ``raw`` column: the remainder JSON of :func:`split_raw` under the ``raw_layouts``
    id of its columns map (``None``: nothing was taken out)."""
    if layout is None:
        return f'{{"record":{remainder}}}'
    return f'{{"layout":{int(layout)},"record":{remainder}}}'


def strip_raw(record: Any, columns: Mapping[str, Any]) -> str | None:
    """The ``raw`` column as migration 007 wrote it: JSON of ``{"columns": <columns map>,
    "record": <remainder>}`` (:func:`split_raw`); ``None`` stays ``None``. Migration 008
    rewrites it as :func:`join_raw`; :func:`raw_record` reads both."""
    pointers, remainder = split_raw(record, columns)
    if remainder is None:
        return None
    return f'{{"columns":{pointers or "{}"},"record":{remainder}}}'


def layout_ids(conn: sqlite3.Connection, maps: Iterable[str]) -> dict[str, int]:
    """``{columns map JSON: raw_layouts id}`` for the maps given (from :func:`split_raw`),
    adding the ones not yet stored. Writes: call inside the caller's transaction."""
    wanted = sorted(set(maps))
    if not wanted:
        return {}
    conn.executemany(
        "INSERT OR IGNORE INTO raw_layouts (columns) VALUES (?)", [(m,) for m in wanted]
    )
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        found.update(
            conn.execute(f"SELECT columns, id FROM raw_layouts WHERE columns IN ({marks})", chunk)
        )
    return found


def load_layouts(conn: sqlite3.Connection) -> dict[int, dict[str, str]]:
    """Every ``raw_layouts`` row: ``{id: {JSON pointer: column}}`` (reads only; ``{}`` before
    migration 008)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'raw_layouts'").fetchone():
        return {}
    return {i: json.loads(m) for i, m in conn.execute("SELECT id, columns FROM raw_layouts")}


def raw_record(
    stored: str | None,
    columns: Mapping[str, Any],
    layouts: Mapping[int, Mapping[str, str]] | None = None,
) -> Any:
    """The whole source record (as it was given to :func:`upsert_ads`, through JSON) from the
    stored ``raw`` column, the ad's raw columns (a row of ``ads``: ``description``,
    ``title``, ...) and the ``raw_layouts`` rows (:func:`load_layouts`). ``None`` when the ad
    has no record. Raises ``KeyError`` when ``columns`` lacks a column the record points to or
    ``layouts`` lacks its layout."""
    if stored is None:
        return None
    data = json.loads(stored)
    record = data["record"]
    if "layout" in data:
        pointers = (layouts or {})[data["layout"]]
    else:
        pointers = data.get("columns") or {}
    for pointer, column in pointers.items():
        parts = [_unescape_pointer(p) for p in pointer.split("/")[1:]]
        target = record
        for part in parts[:-1]:
            target = target[part]
        target[parts[-1]] = columns[column]
    return record


def raw_json(
    stored: str | None,
    columns: Mapping[str, Any],
    layouts: Mapping[int, Mapping[str, str]] | None = None,
) -> str | None:
    """:func:`raw_record` as the JSON text ``ads.raw`` held before migration 007 (sorted keys,
    non-ASCII kept), byte for byte."""
    record = raw_record(stored, columns, layouts)
    if record is None:
        return None
    return to_json(record)
