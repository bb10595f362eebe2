"""Test helpers: responses from saved files, and the CLI in a fresh process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scrapy.http import HtmlResponse, Request, TextResponse

ROOT = Path(__file__).resolve().parents[1]


def file_response(path: str | Path, url: str) -> TextResponse:
    """A Scrapy response whose body is a saved file, so callbacks run offline (city-scrapers)."""
    body = Path(path).read_bytes()
    cls = HtmlResponse if str(path).endswith((".html", ".htm")) else TextResponse
    return cls(url=url, body=body, encoding="utf-8", request=Request(url=url))


def mljobs(*args: str, db: Path, check: bool = True) -> subprocess.CompletedProcess:
    """Run ``mljobs --db DB ARGS`` in a new process (Twisted's reactor starts once a process)."""
    result = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "--db", str(db), "--log-level", "WARNING", *args],
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
