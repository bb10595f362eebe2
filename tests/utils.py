"""Test helper: the command line in a fresh process (spider helpers: tests/spiders/helpers.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


#: Variables that make rich treat any output as a terminal: a test sets its own.
TERMINAL_VARIABLES = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR", "COLUMNS")


def mljobs(
    *args: str, db: Path, check: bool = True, log_level: str | None = "WARNING"
) -> subprocess.CompletedProcess:
    """Run ``mljobs --db DB [--log-level LEVEL] ARGS`` in a new process (Twisted's reactor
    starts once a process), its output captured (not a terminal). ``log_level`` ``None``: the
    default console (summary, warnings, the log file's path)."""
    level = ("--log-level", log_level) if log_level else ()
    env = {k: v for k, v in os.environ.items() if k not in TERMINAL_VARIABLES}
    result = subprocess.run(
        [sys.executable, "-m", "cli", "--db", str(db), *level, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"mljobs {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
        )
    return result
