"""Source health (crawler.health): the rules on stats, and replayed runs of a board whose
salaries, then whose ads, suddenly vanish: flagged with the reason, recorded in crawl_runs,
printed in the run summary, shown by ``mljobs sources``, failing ``run --fail-on-unhealthy``."""

from __future__ import annotations

import json
import sqlite3

import pytest

from crawler.health import HealthRules, assess
from tests.utils import mljobs

RULES = HealthRules()


def stats(items=10, unchanged=0, responses=12, errors=0, dropped=0, **coverage):
    out = {
        "mljobs/items": items,
        "mljobs/listed_unchanged": unchanged,
        "downloader/response_count": responses,
        "mljobs/errors": errors,
    }
    if dropped:
        out["mljobs/dropped/malformed_posting"] = dropped
    full = dict.fromkeys(("title", "company", "location", "salary", "description", "posted"), 1.0)
    for field, share in {**full, **coverage}.items():
        out[f"mljobs/coverage/{field}"] = round(share * items)
    return out


HISTORY = [stats(items=20, salary=0.5), stats(items=10, unchanged=8, salary=0.6), stats()]


@pytest.mark.parametrize(
    "run, history, reasons",
    [
        (stats(items=12, salary=0.5), HISTORY, []),
        (stats(items=0, unchanged=18), HISTORY, []),  # nothing changed: still healthy
        (stats(items=0), HISTORY, ["no items (recent runs: median 18)"]),
        (stats(items=0), [], ["no items"]),
        (stats(items=0, responses=0), [], ["no response at all", "no items"]),
        (stats(items=6), HISTORY, ["items fell to 6 (recent runs: median 18)"]),
        (
            stats(items=12, salary=0.0),
            HISTORY,
            ["salary coverage fell to 0% (recent runs: 60%)"],
        ),
        (stats(items=12, salary=0.0), [stats(salary=0.1)], []),  # rarely filled: not watched
        (stats(items=3, unchanged=15, salary=0.0), HISTORY, []),  # too few items to judge
        (stats(items=12, salary=0.5, errors=7), HISTORY, ["7 errors in 12 responses"]),
        (stats(items=4, dropped=5, salary=0.5), [], ["5 of 9 items dropped"]),
    ],
)
def test_assess(run, history, reasons):
    assert assess(run, history, RULES) == reasons


BOARD = "https://boards-api.greenhouse.io/v1/boards/monzo/jobs?content=true&pay_transparency=true"


def job(n: int, version: str, pay: bool) -> dict:
    posting = {
        "id": 7100000 + n,
        "title": f"Machine Learning Engineer {n}{version}",
        "absolute_url": f"https://job-boards.greenhouse.io/monzo/jobs/{7100000 + n}",
        "company_name": "Monzo",
        "location": {"name": "London, UK"},
        "first_published": "2026-10-01T09:00:00-04:00",
        "content": "&lt;p&gt;Models.&lt;/p&gt;",
    }
    if pay:
        posting["pay_input_ranges"] = [
            {
                "min_cents": 8000000 + n * 100000,
                "max_cents": 9500000 + n * 100000,
                "currency_type": "GBP",
                "title": "Annual Salary",
                "blurb": "Base salary.",
            }
        ]
    return posting


def recording(folder, jobs: list[dict]) -> str:
    folder.mkdir()
    (folder / "board.json").write_text(json.dumps({"jobs": jobs}), encoding="utf-8")
    entry = {"url": BOARD, "status": 200, "content_type": "application/json", "file": "board.json"}
    (folder / "index.json").write_text(json.dumps({"responses": [entry]}), encoding="utf-8")
    return str(folder)


def crawl(tmp_path, name: str, jobs: list[dict]):
    return mljobs(
        "crawl",
        "greenhouse",
        "-a",
        "boards=monzo",
        "--replay",
        recording(tmp_path / name, jobs),
        db=tmp_path / "mljobs.db",
    )


def test_vanishing_salaries_then_ads_are_flagged(tmp_path):
    first = crawl(tmp_path, "r1", [job(n, "", pay=True) for n in range(6)])
    assert (
        "greenhouse: 6 ads (6 new, 0 updated, 0 unchanged, 0 expired), 0 dropped, 0 errors, "
        "2 responses; healthy"
    ) in first.stderr

    second = crawl(tmp_path, "r2", [job(n, " (v2)", pay=False) for n in range(6)])
    assert "; UNHEALTHY: salary coverage fell to 0% (recent runs: 100%)" in second.stderr

    third = crawl(tmp_path, "r3", [])
    assert "; UNHEALTHY: no items (recent runs: median 6)" in third.stderr

    with sqlite3.connect(tmp_path / "mljobs.db") as conn:
        rows = conn.execute(
            "SELECT items, health, health_reasons FROM crawl_runs ORDER BY id"
        ).fetchall()
    assert rows == [
        (6, "healthy", None),
        (6, "unhealthy", "salary coverage fell to 0% (recent runs: 100%)"),
        (0, "unhealthy", "no items (recent runs: median 6)"),
    ]

    listing = json.loads(mljobs("sources", "--json", db=tmp_path / "mljobs.db").stdout)
    by_source = {r["source"]: r for r in listing}
    assert len(listing) == 9
    assert (by_source["greenhouse"]["health"], by_source["greenhouse"]["health_reasons"]) == (
        "unhealthy",
        "no items (recent runs: median 6)",
    )
    assert by_source["reed"]["enabled"] == "no: REED_API_KEY is not set"
    assert (by_source["lever"]["last_run"], by_source["lever"]["health"]) == (None, None)
    table = mljobs("sources", db=tmp_path / "mljobs.db").stdout.splitlines()
    [row] = [line for line in table if line.startswith("greenhouse ")]
    assert "unhealthy: no items (recent runs: median 6)" in row
    assert row.split()[1] == "yes"


def test_run_fails_on_an_unhealthy_source_when_asked(tmp_path):
    crawl(tmp_path, "r1", [job(n, "", pay=True) for n in range(6)])
    args = ("run", "--replay", recording(tmp_path / "r2", []), "--report-out", str(tmp_path / "s"))
    plain = mljobs(*args, db=tmp_path / "mljobs.db", check=False)
    assert plain.returncode == 0, plain.stderr
    assert "greenhouse: 0 ads" in plain.stderr and "UNHEALTHY: no items" in plain.stderr
    strict = mljobs(*args, "--fail-on-unhealthy", db=tmp_path / "mljobs.db", check=False)
    assert strict.returncode == 1
    assert strict.stderr.strip().splitlines()[-1] == (
        "Error: unhealthy source(s): greenhouse (no items (recent runs: median 6))"
    )
