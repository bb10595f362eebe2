"""Test helper: the command line in a fresh process (spider helpers: tests/spiders/helpers.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def mljobs(*args: str, db: Path, check: bool = True) -> subprocess.CompletedProcess:
    """Run ``mljobs --db DB ARGS`` in a new process (Twisted's reactor starts once a process)."""
    result = subprocess.run(
        [sys.executable, "-m", "cli", "--db", str(db), "--log-level", "WARNING", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"mljobs {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
        )
    return result
