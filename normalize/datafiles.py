"""Reading the normalizers' reviewed data files (``normalize/data/``)."""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of ``normalize/data/NAME`` as dicts (the first line not a comment is the header);
    lines starting with ``#`` are comments. Raises ``FileNotFoundError`` when it is missing."""
    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))
