"""Where the package's reviewed data files live (``dedup/data/*.csv``; read with
:func:`normalize.datafiles.read_csv`)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
