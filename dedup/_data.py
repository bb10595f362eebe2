"""Reading the package's reviewed data files (``dedup/data/*.csv``)."""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def read_rows(name: str) -> list[dict[str, str]]:
    """The rows of ``dedup/data/NAME`` as dicts; lines starting with ``#`` are comments.

    Raises ``FileNotFoundError`` when the file is missing.
    """
    lines = [
        line
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]
