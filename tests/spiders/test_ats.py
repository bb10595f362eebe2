"""Greenhouse, Lever and Ashby callbacks on saved responses, with no network (city-scrapers
style): the item count, unique ids, one item field by field, and rules every item meets."""

from __future__ import annotations

import pytest
from scrapy.utils.test import get_crawler

from crawler.bases.ats import Board
from spiders.ashby import AshbySpider
from spiders.greenhouse import GreenhouseSpider
from spiders.lever import LeverSpider
from tests.conftest import FIXTURES
from tests.spiders.helpers import file_response


def run_parse(spider_cls, path, url, board):
    crawler = get_crawler(spider_cls)
    spider = spider_cls.from_crawler(crawler)
    items = list(spider.parse(file_response(path, url), board=board))
    return items, crawler.stats


def check_every_item(items, source):
    ids = [i["source_id"] for i in items]
    assert len(ids) == len(set(ids))
    for item in items:
        assert item["source"] == source
        assert item["title"] and item["url"].startswith("https://")
        assert isinstance(item["raw"], dict)


def test_greenhouse_fixture():
    items, _ = run_parse(
        GreenhouseSpider,
        FIXTURES / "greenhouse/monzo_jobs.json",
        "https://boards-api.greenhouse.io/v1/boards/monzo/jobs?content=true",
        Board("greenhouse", "monzo", "Monzo"),
    )
    assert len(items) == 2
    check_every_item(items, "greenhouse")
    first = items[0]
    assert first["source_id"] == "monzo:7000001"
    assert first["title"] == "Senior Machine Learning Engineer"
    assert first["company"] == "Monzo"
    assert first["location_raw"] == "London, UK"
    assert first["url"] == "https://job-boards.greenhouse.io/monzo/jobs/7000001"
    assert first["posted_raw"] == "2026-09-30T11:00:00-04:00"
    assert first["description"].startswith("&lt;p&gt;Build fraud models")
    assert items[1]["posted_raw"] == "2026-10-03T10:00:00-04:00"  # falls back to updated_at


def test_lever_fixture():
    items, _ = run_parse(
        LeverSpider,
        FIXTURES / "lever/example_postings.json",
        "https://api.lever.co/v0/postings/example?mode=json",
        Board("lever", "example", "Example Ltd"),
    )
    assert len(items) == 2
    check_every_item(items, "lever")
    first = items[0]
    assert first["source_id"] == "example:0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5"
    assert first["company"] == "Example Ltd"
    assert first["location_raw"] == "Manchester"
    assert (first["salary_min_raw"], first["salary_max_raw"]) == ("65000", "80000")
    assert (first["salary_currency_raw"], first["salary_period_raw"]) == ("GBP", "per-year-salary")
    assert first["posted_raw"] == "1790000000000"
    assert first["employment_type_raw"] == "Permanent"
    assert first["workplace_raw"] == "hybrid"
    assert "<h3>Requirements</h3><ul><li>Python and SQL</li>" in first["description"]
    assert first["description"].endswith("Manchester office.</div>")
    assert items[1]["location_raw"] == "London / Edinburgh"
    assert items[1]["salary_min_raw"] is None


def test_ashby_fixture_base_salary_component_only():
    items, _ = run_parse(
        AshbySpider,
        FIXTURES / "ashby/example_board.json",
        "https://api.ashbyhq.com/posting-api/job-board/example?includeCompensation=true",
        Board("ashby", "example", "Example AI"),
    )
    [item] = items
    check_every_item(items, "ashby")
    assert item["location_raw"] == "London / Cambridge, UK"
    assert (item["salary_min_raw"], item["salary_max_raw"]) == ("95000", "130000")
    assert (item["salary_currency_raw"], item["salary_period_raw"]) == ("GBP", "1 YEAR")
    assert item["salary_raw"] == "£95K - £130K"
    assert item["employment_type_raw"] == "FullTime"
    assert item["workplace_raw"] == "Hybrid"
    assert item["posted_raw"] == "2026-08-11T10:01:02.000+00:00"


def test_malformed_json_is_counted_not_fatal(tmp_path):
    body = tmp_path / "broken.json"
    body.write_text('{"jobs": [', encoding="utf-8")
    items, stats = run_parse(
        GreenhouseSpider,
        body,
        "https://boards-api.greenhouse.io/v1/boards/monzo/jobs?content=true",
        Board("greenhouse", "monzo", "Monzo"),
    )
    assert items == []
    assert stats.get_value("mljobs/dropped/malformed_json") == 1


@pytest.mark.parametrize(
    "spider_cls, path, url, board",
    [
        (
            GreenhouseSpider,
            "replay/greenhouse_gitlab_jobs.json",
            "https://boards-api.greenhouse.io/v1/boards/gitlab/jobs?content=true",
            Board("greenhouse", "gitlab", "GitLab"),
        ),
        (
            LeverSpider,
            "replay/lever_matchgroup_postings.json",
            "https://api.lever.co/v0/postings/matchgroup?mode=json",
            Board("lever", "matchgroup", "Match Group"),
        ),
        (
            AshbySpider,
            "replay/ashby_linear_job_board.json",
            "https://api.ashbyhq.com/posting-api/job-board/linear?includeCompensation=true",
            Board("ashby", "linear", "Linear"),
        ),
    ],
)
def test_real_responses(corpus, spider_cls, path, url, board):
    items, _ = run_parse(spider_cls, corpus / path, url, board)
    assert len(items) == 2
    check_every_item(items, spider_cls.name)
    assert all(i["location_raw"] and i["posted_raw"] and i["description"] for i in items)


def test_unknown_board_is_refused_when_built():
    with pytest.raises(ValueError, match="unknown board"):
        GreenhouseSpider(boards="no-such-employer")
    assert [b.slug for b in GreenhouseSpider(boards="gitlab").boards] == ["gitlab"]


def test_spider_names_follow_house_style():
    from crawler.runner import spider_names

    loader_names = spider_names(enabled_only=False)
    for name in loader_names:
        module = __import__(f"spiders.{name}", fromlist=["x"])
        classes = [
            c
            for c in vars(module).values()
            if isinstance(c, type) and getattr(c, "name", None) == name
        ]
        assert classes, f"spiders/{name}.py has no spider named {name!r}"
        expected = "".join(p.capitalize() for p in name.split("_")) + "Spider"
        assert classes[0].__name__ == expected
