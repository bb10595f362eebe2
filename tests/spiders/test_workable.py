"""The Workable widget API callback on a fixture written from Workable's documented format."""

from __future__ import annotations

from crawler.bases.ats import Board
from spiders.workable import WorkableSpider
from tests.conftest import FIXTURES
from tests.spiders.helpers import build, file_response

URL = "https://apply.workable.com/api/v1/widget/accounts/example-robotics?details=true"
BOARD = Board("workable", "example-robotics", "Example Robotics")


def parse():
    spider = build(WorkableSpider)
    items = list(
        spider.parse(file_response(FIXTURES / "workable/example_account.json", URL), board=BOARD)
    )
    return spider, items


def test_every_posting_becomes_an_item():
    spider, items = parse()
    assert [i["source_id"] for i in items] == [
        "example-robotics:3F2A1B9C7D",
        "example-robotics:A81C44E02F",
    ]
    assert spider.crawler.stats.get_value("mljobs/listed") == 2
    for item in items:
        assert item["source"] == "workable"
        assert item["company"] == "Example Robotics"
        assert item["url"].startswith("https://apply.workable.com/j/")
        assert isinstance(item["raw"], dict)


def test_first_posting_field_by_field():
    _, items = parse()
    first = items[0]
    assert first["title"] == "Machine Learning Engineer, Perception"
    assert first["url"] == "https://apply.workable.com/j/3F2A1B9C7D"
    # hidden locations (Berlin) are not shown
    assert first["location_raw"] == (
        "Cambridge, England, United Kingdom / London, England, United Kingdom"
    )
    assert first["posted_raw"] == "2026-09-22"
    assert first["employment_type_raw"] == "Full-time"
    assert first["workplace_raw"] is None
    assert first["description"] == (
        "<p>Train and ship detection models for our robot fleet. Salary £70,000 - £85,000.</p>\n"
        "<ul><li>PyTorch</li><li>3+ years of production ML</li></ul>\n"
        "<ul><li>Private health insurance</li></ul>"
    )
    assert first.get("salary_min_raw") is None  # Workable has no structured salary


def test_remote_posting_without_locations_falls_back_to_country():
    _, items = parse()
    second = items[1]
    assert second["location_raw"] == "United Kingdom"
    assert second["workplace_raw"] == "Remote"
    assert second["employment_type_raw"] == "Contract"
    assert second["description"] == "<p>Forecast demand across our sites.</p>"


def test_a_board_of_another_shape_is_counted_and_expires_nothing(tmp_path):
    body = tmp_path / "odd.json"
    body.write_text('{"error": "account not found"}', encoding="utf-8")
    spider = build(WorkableSpider)
    assert list(spider.parse(file_response(body, URL), board=BOARD)) == []
    assert spider.crawler.stats.get_value("mljobs/dropped/unexpected_shape") == 1
    assert spider.incremental.scopes == {}
