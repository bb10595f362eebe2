"""``mljobs dedup`` and vacancies through the command line: import runs dedup at its end, two
boards give one vacancy per job, dedup twice gives the same ids, --explain, and benchmarks
--json / --postings."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.conftest import FIXTURES
from tests.utils import mljobs


def _vacancy_ids(path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("SELECT id, vacancy_id FROM ads ORDER BY id").fetchall())


@pytest.fixture(scope="module")
def two_boards(tmp_path_factory):
    path = tmp_path_factory.mktemp("dedup") / "two.db"
    for name in ("board_a", "board_b"):
        mljobs("import", str(FIXTURES / "dedup" / f"{name}.csv"), "--format", "csv",
               "--source", name, db=path)  # fmt: skip
    return path


def test_import_assigns_one_vacancy_per_job_across_two_sources(two_boards):
    ids = _vacancy_ids(two_boards)
    assert len(ids) == 10 and None not in ids.values()
    groups: dict[str, set[str]] = {}
    for ad_id, vac in ids.items():
        groups.setdefault(vac, set()).add(ad_id.split(":", 1)[1])
    assert sorted(sorted(g) for g in groups.values()) == [
        ["9001", "a-1"], ["9002", "a-2"], ["9003", "a-3"], ["9004", "a-4"], ["9005", "a-5"],
    ]  # fmt: skip


def test_dedup_twice_gives_the_same_ids(two_boards):
    before = _vacancy_ids(two_boards)
    first = mljobs("dedup", db=two_boards)
    assert "10 postings -> 5 vacancies (5 merged, 0 changed)" in first.stderr
    second = mljobs("dedup", db=two_boards)
    assert "10 postings -> 5 vacancies (5 merged, 0 changed)" in second.stderr
    assert _vacancy_ids(two_boards) == before


def test_explain_names_rule_scores_and_matched_ad(two_boards):
    out = mljobs("dedup", "--explain", "board_b:9003", db=two_boards).stdout.splitlines()
    vac = _vacancy_ids(two_boards)["board_b:9003"]
    assert out[0] == f"ad board_b:9003: vacancy {vac} (2 postings from 2 source(s))"
    assert out[1].startswith("rule: employer+title; matched ad board_a:a-3; title similarity ")
    assert out[-3] == "postings:"
    assert out[-2].startswith("  board_a:a-3  seed  ") and out[-1].startswith("  board_b:9003  ")
    seed = mljobs("dedup", "--explain", "board_a:a-3", db=two_boards).stdout.splitlines()
    assert seed[1] == "rule: seed (this ad starts its vacancy; the others joined it)"
    missing = mljobs("dedup", "--explain", "nope:1", db=two_boards, check=False)
    assert missing.returncode == 1 and "no ad 'nope:1'" in missing.stderr


def test_benchmarks_json_counts_vacancies_and_postings(two_boards):
    rows = json.loads(mljobs("benchmarks", "--by", "role", "--all-ads", "--json",
                             db=two_boards).stdout)  # fmt: skip
    total = {k: sum(r[k] for r in rows) for k in ("vacancies", "postings", "ads")}
    assert total == {"vacancies": 5, "postings": 10, "ads": 5}
    assert all(r["ads"] == r["vacancies"] and r["salaries"] <= r["vacancies"] for r in rows)
    old = json.loads(mljobs("benchmarks", "--by", "role", "--all-ads", "--json", "--postings",
                            db=two_boards).stdout)  # fmt: skip
    assert sum(r["ads"] for r in old) == 10
    assert sum(r["salaries"] for r in old) == 2 * sum(r["salaries"] for r in rows)
