"""The real recorded crawl (``../shared/corpus/replay``) run twice, and board expiry: an ad a
complete board listing no longer shows gets ``expired_at``; listed again, it is live again."""

from __future__ import annotations

import json
import sqlite3
import time

from tests.conftest import FIXTURES
from tests.utils import mljobs


def test_corpus_replay_twice(corpus, tmp_path):
    db = tmp_path / "mljobs.db"
    mljobs("crawl", "--replay", str(corpus / "replay"), db=db)
    with sqlite3.connect(db) as conn:
        first = dict(conn.execute("SELECT id, last_seen FROM ads"))
    assert len(first) == 6
    time.sleep(1.1)  # last_seen has one-second resolution
    mljobs("crawl", "--replay", str(corpus / "replay"), db=db)
    with sqlite3.connect(db) as conn:
        second = dict(conn.execute("SELECT id, last_seen FROM ads"))
        rows = conn.execute("SELECT spider, new, updated, unchanged, stats FROM crawl_runs "
                            "WHERE id > 8 AND spider IN ('greenhouse', 'lever', 'ashby')"
                            ).fetchall()
    assert set(second) == set(first)
    assert all(second[i] > first[i] for i in first)  # last_seen refreshed
    assert sorted(r[:4] for r in rows) == [("ashby", 0, 0, 2), ("greenhouse", 0, 0, 2),
                                           ("lever", 0, 0, 2)]
    for *_, stats in rows:
        stats = json.loads(stats)
        assert stats["replay/served"] == 1  # the board listing only: no detail request
        assert stats.get("mljobs/detail_requests", 0) == 0
        assert stats["mljobs/touched"] == 2


def recording(folder, jobs):
    folder.mkdir()
    (folder / "board.json").write_text(json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}}))
    (folder / "index.json").write_text(json.dumps({"responses": [{
        "url": "https://boards-api.greenhouse.io/v1/boards/monzo/jobs?content=true",
        "status": 200, "content_type": "application/json", "file": "board.json"}]}))
    return str(folder)


def test_unlisted_board_ads_expire_and_come_back(tmp_path):
    jobs = json.loads((FIXTURES / "greenhouse/monzo_jobs.json").read_text())["jobs"]
    both, one = recording(tmp_path / "both", jobs), recording(tmp_path / "one", jobs[:1])
    db = tmp_path / "mljobs.db"

    def expired():
        with sqlite3.connect(db) as conn:
            return dict(conn.execute("SELECT id, expired_at IS NOT NULL FROM ads"))

    mljobs("crawl", "greenhouse", "--replay", both, db=db)
    assert expired() == {"greenhouse:monzo:7000001": 0, "greenhouse:monzo:7000002": 0}
    mljobs("crawl", "greenhouse", "--replay", one, db=db)
    assert expired() == {"greenhouse:monzo:7000001": 0, "greenhouse:monzo:7000002": 1}
    mljobs("crawl", "greenhouse", "--replay", both, db=db)
    assert expired() == {"greenhouse:monzo:7000001": 0, "greenhouse:monzo:7000002": 0}
    with sqlite3.connect(db) as conn:
        assert [r[0] for r in conn.execute(
            "SELECT expired FROM crawl_runs ORDER BY id")] == [0, 1, 0]


def test_failed_board_expires_nothing(tmp_path):
    jobs = json.loads((FIXTURES / "greenhouse/monzo_jobs.json").read_text())["jobs"]
    db = tmp_path / "mljobs.db"
    mljobs("crawl", "greenhouse", "--replay", recording(tmp_path / "ok", jobs), db=db)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "down.html").write_text("<html>Service Unavailable</html>")
    (broken / "index.json").write_text(json.dumps({"responses": [{
        "url": "https://boards-api.greenhouse.io/v1/boards/monzo/jobs?content=true",
        "status": 503, "content_type": "text/html", "file": "down.html",
        "headers": {"Retry-After": "0"}}]}))
    result = mljobs("crawl", "greenhouse", "--replay", str(broken), "-s", "RETRY_TIMES=1",
                    db=db, check=False)
    assert result.returncode == 1  # the only spider failed
    assert "no source could be reached" in result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM ads WHERE expired_at IS NULL").fetchone() == (2,)
