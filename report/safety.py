"""Text that leaves the project (report pages and JSON, CSV, the command line's tables) safe to
open: only ``http(s)`` links (:func:`safe_url`), no bidirectional-override characters that
make displayed text read other than it is (:func:`display_text`, Unicode TR #36 section 2.4,
"Trojan Source"), and no CSV cell a spreadsheet would run as a formula (:func:`csv_cell`,
OWASP "CSV Injection").

Ad text comes from job boards and dumps the project does not control: a title may start with
``=HYPERLINK(...)``, a URL may be ``javascript:...``, a company name may hold U+202E.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

#: Bidirectional formatting characters (Unicode UAX #9): embeddings, overrides, isolates and
#: marks. Removed from displayed text.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_HTTP = re.compile(r"https?://", re.IGNORECASE)
#: First characters a spreadsheet reads as the start of a formula (OWASP CSV Injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def display_text(text: str) -> str:
    """``text`` without bidirectional formatting characters (U+202E RIGHT-TO-LEFT OVERRIDE and
    its kin), for pages and terminal tables."""
    return _BIDI.sub("", text)


def safe_url(url: Any) -> str | None:
    """``url`` when it is an ``http://`` or ``https://`` URL (case-insensitive), else ``None``
    (``javascript:``, ``data:``, relative or empty links, non-strings)."""
    if isinstance(url, str) and _HTTP.match(url.strip()):
        return display_text(url.strip())
    return None


def is_url_field(name: str) -> bool:
    """Is ``name`` a URL field of an export: ``url`` or ``..._url``."""
    return name == "url" or name.endswith("_url")


def safe_export(value: Any) -> Any:
    """A copy of a JSON-like ``value`` (dicts, lists, strings, numbers) safe to publish: every
    URL field (:func:`is_url_field`) through :func:`safe_url`, every other string through
    :func:`display_text`. Dict keys are kept as they are (the project's own names)."""
    if isinstance(value, Mapping):
        return {
            k: safe_url(v) if isinstance(k, str) and is_url_field(k) else safe_export(v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [safe_export(v) for v in value]
    if isinstance(value, str):
        return display_text(value)
    return value


def csv_cell(value: Any) -> Any:
    """One CSV cell safe to open in a spreadsheet: a string starting with ``=``, ``+``, ``-``,
    ``@``, tab or carriage return gets a leading ``'`` (shown as text, not run as a formula);
    bidirectional formatting characters are removed; numbers and ``None`` are unchanged."""
    if not isinstance(value, str):
        return value
    value = display_text(value)
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def write_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], out: IO[str]) -> None:
    """Write ``rows`` as CSV to ``out``: a header of ``columns``, then one line per row, every
    cell through :func:`csv_cell`. The one CSV writer of the project's exports."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(csv_cell(row.get(c)) for c in columns)
