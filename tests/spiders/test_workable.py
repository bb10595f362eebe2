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


# --- the careers-page API: v3 listing pages, v2 details (fixtures written from the format in
# issue 11: department a list, workplace, published) ---------------------------------------
V3 = "https://apply.workable.com/api/v3/accounts/example-robotics/jobs"


def widget_404(spider):
    from scrapy.http import Response
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.python.failure import Failure

    request = spider.board_request(BOARD)
    try:
        raise HttpError(Response(request.url, status=404, request=request), "404")
    except HttpError:
        failure = Failure()
    failure.request = request
    return spider.board_failed(failure)


def test_a_board_without_widget_is_read_through_the_v3_api():
    import json

    spider = build(WorkableSpider)
    [request] = widget_404(spider)
    assert (request.method, request.url) == ("POST", V3)
    assert json.loads(request.body) == {
        "query": "",
        "location": [],
        "department": [],
        "worktype": [],
        "remote": [],
    }
    assert spider.crawler.stats.get_value("mljobs/workable/v3_fallback") == 1

    first = list(
        spider.parse_v3(
            file_response(FIXTURES / "workable/v3_jobs_p1.json", V3), **request.cb_kwargs
        )
    )
    assert [r.url for r in first] == [
        "https://apply.workable.com/api/v2/accounts/example-robotics/jobs/B7E2C90A11",
        "https://apply.workable.com/api/v2/accounts/example-robotics/jobs/C3D4E5F6A7",
        V3,
    ]
    assert json.loads(first[2].body)["token"] == "WzE3Mjg1NjMyMDAwMDAsNDEwMDAwMl0="
    assert spider.incremental.scopes == {}  # not complete before its last page
    last = list(
        spider.parse_v3(
            file_response(FIXTURES / "workable/v3_jobs_p2.json", V3), **first[2].cb_kwargs
        )
    )
    assert [r.url for r in last] == [
        "https://apply.workable.com/api/v2/accounts/example-robotics/jobs/D9E8F7A6B5"
    ]
    assert spider.incremental.scopes == {
        "workable:example-robotics:": {
            "workable:example-robotics:B7E2C90A11",
            "workable:example-robotics:C3D4E5F6A7",
            "workable:example-robotics:D9E8F7A6B5",
        }
    }

    [item] = spider.parse_v3_details(
        file_response(FIXTURES / "workable/v2_job_B7E2C90A11.json", first[0].url),
        **first[0].cb_kwargs,
    )
    assert {k: item[k] for k in item if k != "raw"} == {
        "source": "workable",
        "source_id": "example-robotics:B7E2C90A11",
        "url": "https://apply.workable.com/example-robotics/j/B7E2C90A11/",
        "title": "Senior Machine Learning Engineer",
        "company": "Example Robotics",
        "location_raw": "London, England, United Kingdom",
        "description": "<p>Own our ranking models in PyTorch. Salary: £95,000 - £115,000 + equity."
        "</p><p><strong>Requirements</strong></p><ul><li>5+ years of ML</li></ul>",
        "posted_raw": "2026-10-05T00:00:00.000Z",
        "employment_type_raw": "full",
        "workplace_raw": "hybrid",
    }
    assert item["raw"]["department"] == ["Engineering", "AI"]


def test_v3_workplace_values():
    from crawler.bases.workable import workable_location, workable_workplace

    assert workable_workplace({"workplace": "on_site"}) == "on-site"
    assert workable_workplace({"workplace": "remote", "remote": True}) == "Remote"
    assert workable_workplace({}) is None
    located = {"locations": [], "location": {"city": "Manchester", "country": "United Kingdom"}}
    assert workable_location(located) == "Manchester, United Kingdom"
