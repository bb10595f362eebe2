"""Ashby compensation: read only when published (``shouldDisplayCompensationOnJobPostings``),
from the summary and the tiers (fixture written from the format in issue 11)."""

from __future__ import annotations

from crawler.bases.ats import Board
from spiders.ashby import AshbySpider
from tests.conftest import FIXTURES
from tests.spiders.helpers import build, file_response

URL = "https://api.ashbyhq.com/posting-api/job-board/example?includeCompensation=true"
SALARY = ("salary_raw", "salary_min_raw", "salary_max_raw", "salary_currency_raw")


def parse(path):
    spider = build(AshbySpider)
    return list(spider.parse(file_response(path, URL), board=Board("ashby", "example", "Ex")))


def test_unpublished_placeholder_and_tier_salaries():
    placeholder, tiered = parse(FIXTURES / "ashby/placeholders_and_tiers.json")
    assert tuple(placeholder[f] for f in SALARY) == (None, None, None, None)
    assert placeholder["salary_period_raw"] is None
    assert placeholder["raw"]["compensation"]["scrapeableCompensationSalarySummary"] == "£1 - £2"
    assert tuple(tiered[f] for f in SALARY) == ("Offers Equity", "110000", "140000", "GBP")
    assert tiered["salary_period_raw"] == "1 YEAR"
    assert tiered["location_raw"] == "New York / London"


def test_published_summary_component():
    [item] = parse(FIXTURES / "ashby/example_board.json")
    assert tuple(item[f] for f in SALARY) == ("£95K - £130K", "95000", "130000", "GBP")


def test_real_board_publishes_no_compensation(corpus):
    items = parse(corpus / "replay/ashby_linear_job_board.json")
    assert [i["raw"]["shouldDisplayCompensationOnJobPostings"] for i in items] == [False, False]
    assert all(i[f] is None for i in items for f in SALARY)
