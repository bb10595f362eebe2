"""The raw fields of a job ad, and what every raw value must be before it becomes an item.

Kept free of Scrapy, so that ``mljobs import`` (which runs the pipelines without a Scrapy crawl,
see ``crawler.import_run``) starts without importing it; ``crawler.items`` builds the Scrapy
item from :data:`RAW_FIELDS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Raw fields of a job ad. ``source`` and ``source_id`` form the key ``<source>:<source_id>``.
RAW_FIELDS: tuple[str, ...] = (
    "source",  # short source name: "greenhouse", "reed", "adzuna_kaggle", ...
    "source_id",  # the source's own id for the ad (or URL / content hash for dumps without one)
    "url",
    "title",
    "company",
    "location_raw",
    "salary_raw",  # the board's salary field, verbatim ("£45,000 - £55,000 per annum")
    "salary_min_raw",  # structured salary given by an API, verbatim (e.g. Ashby compensation)
    "salary_max_raw",
    "salary_currency_raw",
    "salary_period_raw",
    "description",  # HTML or text as given
    "posted_raw",  # the posted date as given ("2026-04-17T05:58:03-04:00", "Posted Today by")
    "employment_type_raw",
    "workplace_raw",  # the source's own remote/hybrid flag, if any
    "raw",  # the whole source record (dict), stored as JSON
)

#: SQLite's INTEGER range (8-byte signed): a Python int outside it cannot be stored as a number.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def _clean(value: Any, fixes: list[str]) -> Any:
    """``value`` with NUL characters removed, lone surrogates replaced by U+FFFD and integers
    beyond 64 bits turned into their decimal text, recursing into lists and dicts; each kind of
    change met is appended once to ``fixes``."""
    if isinstance(value, str):
        if "\x00" in value:
            value = value.replace("\x00", "")
            if "nul" not in fixes:
                fixes.append("nul")
        try:
            value.isascii() or value.encode("utf-8")
        except UnicodeEncodeError:
            value = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value)
            if "surrogate" not in fixes:
                fixes.append("surrogate")
        return value
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return value
    if isinstance(value, int):
        if INT64_MIN <= value <= INT64_MAX:
            return value
        if "int_overflow" not in fixes:
            fixes.append("int_overflow")
        return str(value)
    if isinstance(value, Mapping):
        return {_clean(k, fixes): _clean(v, fixes) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v, fixes) for v in value]
    return value


def _is_clean_str(value: str) -> bool:
    """Is ``value`` storable as it is: no NUL and no lone surrogate?"""
    if "\x00" in value:
        return False
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_clean(value: Any) -> bool:
    """Would :func:`_clean` return ``value`` unchanged? Checked without copying: a string, a
    number in SQLite's range, ``None``, or a flat dict of those under string keys (a CSV row,
    already cleaned by its reader, is checked again at the item boundary at this cost only)."""
    kind = type(value)
    if kind is str:
        return _is_clean_str(value)
    if value is None or kind is float or kind is bool:
        return True
    if kind is int:
        return INT64_MIN <= value <= INT64_MAX
    if kind is dict:
        return all(
            type(k) is str and _is_clean_str(k) and type(v) is not dict and _is_clean(v)
            for k, v in value.items()
        )
    return False


def _all_clean_strings(fields: Mapping[str, Any]) -> bool:
    """Are all of ``fields``' values ``None``, strings, or dicts of string keys to strings (a
    record kept as ``raw``), all storable as they are? One check of their strings joined (an
    Adzuna CSV row, all strings, joined at once: 1.3 us against 1.9 us value by value; an item
    of the normalize pipeline, whose absent fields are ``None`` and whose ``raw`` is the CSV
    row: the pipeline's whole clean step 5.5 us against 8.5 us value by value, min of 9 runs
    over 5,000 Adzuna ads); ``False`` for any other value (checked value by value)."""
    try:
        return _is_clean_str("".join(fields.values()))  # a CSV record: all strings
    except TypeError:
        pass
    strings: list[str] = []
    try:
        for value in fields.values():
            kind = type(value)
            if kind is str:
                strings.append(value)
            elif value is None:
                continue
            elif kind is dict:  # "".join raises TypeError for a key or value not a string
                strings.append("".join(value))
                strings.append("".join(value.values()))
            else:
                return False
    except TypeError:
        return False
    return _is_clean_str("".join(strings))


def clean_fields(fields: Mapping[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Make an ad's raw fields storable, field by field: NUL characters stripped (the ``sqlite3``
    shell cuts text at them), lone surrogates (a JSON ``"\\ud800"``) replaced by U+FFFD, and
    integers beyond SQLite's 64-bit range kept as their decimal text (they would fail the
    whole write with ``OverflowError``), also inside nested values such as ``raw``.

    Returns the cleaned fields and ``[(field, fix)]``, one pair per field and kind of change
    (fix one of ``"nul"``, ``"surrogate"``, ``"int_overflow"``), for the caller to log and
    count. Never raises; other values pass unchanged."""
    if _all_clean_strings(fields):
        return dict(fields), []
    cleaned: dict[str, Any] = {}
    changes: list[tuple[str, str]] = []
    for field, value in fields.items():
        if _is_clean(value):
            cleaned[field] = value  # the common case, at no call's cost
            continue
        fixes: list[str] = []
        cleaned[field] = _clean(value, fixes)
        changes.extend((field, fix) for fix in fixes)
    return cleaned, changes
