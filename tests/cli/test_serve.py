"""``mljobs serve``: Datasette on the database with the project's metadata, read-only, and its
``browse`` query without the ads' description text."""

from __future__ import annotations

import hashlib
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from cli.serve import METADATA, datasette_metadata
from tests.conftest import FIXTURES
from tests.utils import ROOT, mljobs

BROWSE_COLUMNS = [
    "id",
    "posted_at",
    "title",
    "company",
    "city",
    "region",
    "role",
    "seniority",
    "employment_type",
    "workplace",
    "salary_annual_mid",
    "day_rate_mid",
    "is_ml",
    "source",
    "url",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode()


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"mljobs serve exited {process.returncode}")
        try:
            fetch(url)
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise AssertionError(f"{url} not up after {timeout} s")


@pytest.fixture
def database(tmp_path) -> Path:
    db = tmp_path / "jobs.db"
    mljobs("import", str(FIXTURES / "imports" / "jobspy_small.csv"), "--format", "jobspy", db=db)
    return db


def texts_with(database: Path, word: str) -> dict[str, str]:
    """``{id: description_text}`` of the ads whose text or title holds ``word`` (SQL LIKE)."""
    conn = sqlite3.connect(database)
    try:
        return dict(
            conn.execute(
                "SELECT id, description_text FROM ads WHERE description_text LIKE ? "
                "OR title LIKE ?",
                [f"%{word}%"] * 2,
            )
        )
    finally:
        conn.close()


def test_serve_browse_lists_ads_without_description(database):
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "--db", str(database), "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until_up(f"{base}/", process)
        status, home = fetch(f"{base}/")
        assert status == 200
        assert "mljobs: UK machine-learning job ads" in home  # our metadata's title
        status, body = fetch(f"{base}/jobs/browse.json")
        browse = json.loads(body)
        assert status == 200 and browse["ok"] is True
        assert browse["columns"] == BROWSE_COLUMNS
        assert not {"description", "description_text", "raw"} & set(browse["columns"])
        assert sorted(row[2] for row in browse["rows"]) == [
            "Data Engineer (Contract)",
            "Machine Learning Engineer",
            "Senior Data Scientist",
        ]
        _, body = fetch(f"{base}/jobs/browse.json?_shape=objects&city=Manchester")
        assert [r["title"] for r in json.loads(body)["rows"]] == ["Machine Learning Engineer"]
        _, body = fetch(f"{base}/jobs/ads.json?_facet=city&_size=0")  # facets from metadata
        assert "city" in json.loads(body)["facet_results"]
        # the generated description_text (migration 008): in the table page and its search
        status, page = fetch(f"{base}/jobs/ads")
        assert status == 200 and "description_text" in page
        _, body = fetch(f"{base}/jobs/ads.json?_shape=objects&_search=pytorch")
        found = {r["id"]: r["description_text"] for r in json.loads(body)["rows"]}
        assert found == texts_with(database, "pytorch") and len(found) >= 1
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before  # reads never write
    assert f"serving {database} (read-only)" in process.stderr.read()


def test_serve_without_datasette_says_how_to_install_it(database):
    hide = "import sys; sys.modules['datasette'] = None; from cli.main import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", hide, "--db", str(database), "serve"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: mljobs serve needs Datasette, which is not installed: pip install 'mljobs[web]'"
    )


def test_serve_without_a_database_creates_none(tmp_path):
    db = tmp_path / "none.db"
    result = mljobs("serve", db=db, check=False)
    assert result.returncode == 1
    assert f"no database at {db}" in result.stderr
    assert not db.exists()


def test_metadata_is_named_after_the_served_file():
    metadata = datasette_metadata("/srv/data/jobs-2026.db")
    assert list(metadata["databases"]) == ["jobs-2026"]
    browse = metadata["databases"]["jobs-2026"]["queries"]["browse"]["sql"]
    assert "description" not in browse
    assert json.loads(METADATA.read_text())["databases"]["mljobs"]["tables"]["ads"]["facets"][
        0
    ] == ("city")
