"""Messages that say what happened (issue 12): a crawl whose every response was an error names
the sources that answered and how, instead of asking whether the network is up; a redirect
loop is an error of its spider, not a silent duplicate."""

from __future__ import annotations

import json
import sqlite3

from tests.utils import mljobs

REED = "https://www.reed.co.uk/api/1.0/search?keywords=ml&resultsToTake=100&resultsToSkip=0"
ADZUNA = (
    "https://api.adzuna.com/v1/api/jobs/gb/search/1?what=ml&results_per_page=50"
    "&content-type=application%2Fjson"
)
BOARD = "https://boards-api.greenhouse.io/v1/boards/monzo/jobs?content=true&pay_transparency=true"


def recording(folder):
    folder.mkdir()
    (folder / "down.html").write_text("<html><body>Service down</body></html>")
    (folder / "empty.txt").write_text("")
    moved = {"status": 301, "content_type": "text/plain", "file": "empty.txt"}
    responses = [
        {"url": REED, "status": 500, "content_type": "text/html", "file": "down.html"},
        # HTML where JSON was asked for
        {"url": ADZUNA, "status": 200, "content_type": "text/html", "file": "down.html"},
        # a loop: the board -> page=2 -> the board
        {**moved, "url": BOARD, "headers": {"Location": f"{BOARD}&page=2"}},
        {**moved, "url": f"{BOARD}&page=2", "headers": {"Location": BOARD}},
    ]
    (folder / "index.json").write_text(json.dumps({"responses": responses}))
    return str(folder)


def test_errors_only_are_reported_as_such_and_a_redirect_loop_as_an_error(tmp_path, monkeypatch):
    for name in ("REED_API_KEY", "ADZUNA_APP_ID", "ADZUNA_APP_KEY"):
        monkeypatch.setenv(name, "test")
    db = tmp_path / "mljobs.db"
    result = mljobs(
        "crawl",
        "reed",
        "adzuna",
        "greenhouse",
        "--replay",
        recording(tmp_path / "rec"),
        "-a",
        "terms=ml",
        "-a",
        "boards=monzo",
        "-s",
        "RETRY_TIMES=1",
        "-s",
        "MLJOBS_RETRY_BACKOFF=0",
        db=db,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: every source failed; answered with errors only: "
        "reed: 2 responses (HTTP 500 x2), 2 errors; "
        "adzuna: 1 responses (HTTP 200 x1), 1 errors, dropped: malformed_json x1; "
        "greenhouse: 2 responses (HTTP 301 x2), 1 errors"
    )
    assert "is the network up" not in result.stderr
    assert (
        f"ERROR: redirect loop, request dropped: {BOARD} -> {BOARD}&page=2 -> {BOARD}"
        in result.stderr
    )
    with sqlite3.connect(db) as conn:
        [(errors, stats)] = conn.execute(
            "SELECT errors, stats FROM crawl_runs WHERE spider = 'greenhouse'"
        ).fetchall()
    assert errors == 1 and json.loads(stats)["mljobs/redirect_loop"] == 1


def test_no_response_at_all_still_asks_about_the_network(tmp_path):
    rec = tmp_path / "rec"
    rec.mkdir()
    (rec / "index.json").write_text(json.dumps({"responses": []}))
    result = mljobs("crawl", "greenhouse", "--replay", str(rec), db=tmp_path / "x.db", check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: no source could be reached (1 spider(s), 0 responses): is the network up?"
    )
