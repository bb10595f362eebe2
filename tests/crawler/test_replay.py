"""The replay downloader middleware and the recording format."""

from __future__ import annotations

import json

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.test import get_crawler

from crawler.middlewares import ReplayMiddleware
from crawler.replay import Recording


@pytest.fixture
def recording(tmp_path):
    (tmp_path / "a500.txt").write_text("try later")
    (tmp_path / "a200.json").write_text('{"jobs": []}')
    (tmp_path / "index.json").write_text(
        json.dumps(
            {
                "responses": [
                    {
                        "url": "https://api.example.org/jobs?b=2&a=1",
                        "status": 500,
                        "content_type": "text/plain",
                        "file": "a500.txt",
                    },
                    {
                        "url": "https://api.example.org/jobs?b=2&a=1",
                        "status": 200,
                        "content_type": "application/json",
                        "file": "a200.json",
                        "headers": {"Retry-After": "0"},
                    },
                ]
            }
        )
    )
    return tmp_path


def middleware(folder):
    crawler = get_crawler(settings_dict={"MLJOBS_REPLAY_DIR": str(folder)})
    return ReplayMiddleware.from_crawler(crawler), crawler.stats


def test_serves_recorded_responses_in_order(recording):
    mw, stats = middleware(recording)
    url = "https://api.example.org/jobs?a=1&b=2"  # query order does not matter
    first = mw.process_request(Request(url))
    second = mw.process_request(Request(url))
    third = mw.process_request(Request(url))
    assert (first.status, second.status, third.status) == (500, 200, 200)
    assert second.json() == {"jobs": []}
    assert second.headers["Retry-After"] == b"0"
    assert stats.get_value("replay/served") == 3


def test_missing_request_fails_loudly(recording, caplog):
    mw, stats = middleware(recording)
    with pytest.raises(IgnoreRequest):
        mw.process_request(Request("https://api.example.org/other"))
    assert stats.get_value("replay/missing") == 1
    assert "is not in the recording" in caplog.text


def test_unrecorded_robots_txt_is_404(recording):
    mw, stats = middleware(recording)
    response = mw.process_request(Request("https://api.example.org/robots.txt"))
    assert response.status == 404
    assert stats.get_value("replay/robots_not_recorded") == 1


def test_malformed_index_names_the_entry(tmp_path):
    (tmp_path / "index.json").write_text(json.dumps({"responses": [{"status": 200}]}))
    with pytest.raises(ValueError, match="response #0 is malformed"):
        Recording(tmp_path)
    (tmp_path / "index.json").write_text("{")
    with pytest.raises(ValueError, match="not valid JSON"):
        Recording(tmp_path)
