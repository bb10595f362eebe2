"""How ``ads.raw`` stores a source's record: without the strings that raw columns already hold
(the description, title, ...), as JSON of ``{"record": ..., "columns": {<JSON pointer>:
<column>}}`` (RFC 6901 pointers). Its own module so that both the store (:mod:`db.store`) and
the migration that rewrites old rows (:mod:`db.schema`) use the one definition."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def _escape_pointer(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _unescape_pointer(part: str) -> str:
    return part.replace("~1", "/").replace("~0", "~")


def strip_raw(record: Any, columns: Mapping[str, Any]) -> str | None:
    """The ``raw`` column for the source ``record``: JSON of
    ``{"record": <record without the strings held in raw columns>, "columns": {<JSON pointer
    (RFC 6901) of a removed string>: <column holding it>}}``.

    ``columns`` maps the raw string columns (``db.schema.RAW_STRING_COLUMNS``, in that order:
    the first column holding a string wins) to their stored values (strings are matched by equality,
    in objects at any depth; lists are kept whole). ``None`` stays ``None``. The inverse is
    :func:`raw_json` / :func:`raw_record`, exact as long as those columns keep their values
    (they change only together with ``raw``, in :func:`upsert_ads`).
    """
    if record is None:
        return None
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
    stored = {"columns": pointers, "record": remainder}
    return json.dumps(
        stored, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":")
    )


def raw_record(stored: str | None, columns: Mapping[str, Any]) -> Any:
    """The whole source record (as it was given to :func:`upsert_ads`, through JSON) from the
    stored ``raw`` column and the ad's raw columns (a row of ``ads``: ``description``,
    ``title``, ...). ``None`` when the ad has no record. Raises ``KeyError`` when ``columns``
    lacks a column the record points to."""
    if stored is None:
        return None
    data = json.loads(stored)
    record = data["record"]
    for pointer, column in data["columns"].items():
        parts = [_unescape_pointer(p) for p in pointer.split("/")[1:]]
        target = record
        for part in parts[:-1]:
            target = target[part]
        target[parts[-1]] = columns[column]
    return record


def raw_json(stored: str | None, columns: Mapping[str, Any]) -> str | None:
    """:func:`raw_record` as the JSON text ``ads.raw`` held before migration 007 (sorted keys,
    non-ASCII kept), byte for byte."""
    record = raw_record(stored, columns)
    if record is None:
        return None
    return json.dumps(record, ensure_ascii=False, sort_keys=True, default=str)
