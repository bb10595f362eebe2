"""The run policy of ``crawler.runner.crawl``, before any spider runs (the runs themselves:
tests/crawler/test_run.py through the command line)."""

from __future__ import annotations

import pytest

from crawler.runner import RunRefused, crawl, crawl_overrides, project_settings


def test_an_unknown_spider_is_refused_naming_the_known_ones(tmp_path):
    settings = project_settings({"MLJOBS_DB": str(tmp_path / "x.db")})
    with pytest.raises(RunRefused, match=r"unknown spider\(s\) \['nope'\]; known: adzuna, "):
        crawl(["nope"], settings, notify=pytest.fail)
    assert not (tmp_path / "x.db").exists()


def test_sources_without_keys_are_skipped_and_nothing_left_is_refused(tmp_path):
    settings = project_settings(
        {
            "MLJOBS_DB": str(tmp_path / "x.db"),
            "REED_API_KEY": "",
            "ADZUNA_APP_ID": "id",
            "ADZUNA_APP_KEY": "",
        }
    )
    lines: list[str] = []
    with pytest.raises(RunRefused, match="no spider to run: every one asked for is not config"):
        crawl(["reed", "adzuna"], settings, notify=lines.append)
    assert lines == [
        'reed: skipped, REED_API_KEY is not set (see README, "Sources")',
        'adzuna: skipped, ADZUNA_APP_KEY is not set (see README, "Sources")',
    ]


def test_replay_overrides(tmp_path):
    with pytest.raises(RunRefused, match=f"--replay {tmp_path}: "):
        crawl_overrides(str(tmp_path))
    (tmp_path / "index.json").write_text('{"responses": []}', encoding="utf-8")
    overrides = crawl_overrides(str(tmp_path), refresh=True)
    assert overrides == {
        "MLJOBS_REPLAY_DIR": str(tmp_path.resolve()),
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_SLOTS": {},
        "MLJOBS_REFRESH": True,
    }
