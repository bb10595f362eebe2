"""Reading the project's reviewed data files (``normalize/data/``, ``dedup/data/``)."""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def read_csv(name: str, folder: Path = DATA, delimiter: str = ",") -> list[dict[str, str]]:
    """Rows of ``folder/NAME`` (default ``normalize/data/``) as dicts: the first line that is
    not a comment is the header; lines starting with ``#`` are comments, blank lines are
    skipped; ``delimiter`` "\\t" for a ``.tsv``. Raises ``FileNotFoundError`` when it is
    missing."""
    with (folder / name).open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and line[0] != "#")
        return list(csv.DictReader(lines, delimiter=delimiter))
