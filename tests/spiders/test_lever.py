"""Lever: every ``salaryRange.interval`` Lever emits, ``bi-week-salary`` included, and EU-hosted
boards at ``api.eu.lever.co`` (fixture written from the format in issue 11; the recorded real
board of the replay)."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.bases.ats import Board, load_boards
from spiders.lever import LeverSpider
from tests.conftest import FIXTURES
from tests.spiders.helpers import build, file_response

EU_BOARD = Board("lever", "example", "Example Ltd", host="api.eu.lever.co")
SALARY = ("salary_min_raw", "salary_max_raw", "salary_currency_raw", "salary_period_raw")


def test_every_interval():
    spider = build(LeverSpider)
    url = "https://api.eu.lever.co/v0/postings/example?mode=json"
    items = list(spider.parse(file_response(FIXTURES / "lever/intervals_eu.json", url), EU_BOARD))
    got = {i["raw"]["salaryRange"]["interval"]: tuple(i[f] for f in SALARY) for i in items}
    assert got == {
        "per-year-salary": ("70000", "90000", "GBP", "per-year-salary"),
        "bi-week-salary": ("1500", "1750", "GBP", "week"),
        "semi-month-salary": ("5000", "5000", "GBP", "month"),
        "bi-month-salary": ("4500", "5000", "GBP", "month"),
        "per-hour-wage": ("45.5", "60", "GBP", "per-hour-wage"),
        "per-day-wage": ("550", "650", "GBP", "per-day-wage"),
        "per-month-salary": ("6000", "7000", "GBP", "per-month-salary"),
        "per-week-salary": ("1200", "1400", "GBP", "per-week-salary"),
        "one-time": (None, None, None, None),
        "per-quarter-salary": ("20000", "25000", "GBP", "per-quarter-salary"),
    }
    assert spider.crawler.stats.get_value("mljobs/lever/unknown_interval") == 1


def test_the_normalizer_annualizes_a_fortnightly_salary():
    from normalize.ad import AnnualizeSettings, normalize_ad

    spider = build(LeverSpider)
    url = "https://api.eu.lever.co/v0/postings/example?mode=json"
    [_, fortnightly, *_] = spider.parse(
        file_response(FIXTURES / "lever/intervals_eu.json", url), EU_BOARD
    )
    fields = normalize_ad(dict(fortnightly), settings=AnnualizeSettings())
    assert (fields["salary_annual_min"], fields["salary_annual_max"]) == (78000.0, 91000.0)


def test_board_host_from_the_boards_file_and_default():
    spider = build(LeverSpider)
    assert spider.board_request(EU_BOARD).url == (
        "https://api.eu.lever.co/v0/postings/example?mode=json"
    )
    [matchgroup] = [b for b in load_boards() if b.slug == "matchgroup"]
    assert matchgroup.host == ""
    assert spider.board_request(matchgroup).url == (
        "https://api.lever.co/v0/postings/matchgroup?mode=json"
    )


def failure(request: Request, status: int) -> Failure:
    response = Response(request.url, status=status, request=request)
    try:
        raise HttpError(response, "Ignoring non-200 response")
    except HttpError:
        failure = Failure()
    failure.request = request
    return failure


def test_a_board_missing_on_the_global_host_is_asked_at_the_eu_host():
    spider = build(LeverSpider)
    board = Board("lever", "euonly", "EU Only")
    [retry] = spider.board_failed(failure(spider.board_request(board), 404))
    assert retry.url == "https://api.eu.lever.co/v0/postings/euonly?mode=json"
    assert retry.cb_kwargs == {"board": board}
    assert spider.crawler.stats.get_value("mljobs/lever/eu_fallback") == 1
    # a 404 at the EU host too is the board gone: logged and counted, no third request
    assert spider.board_failed(failure(retry, 404)) is None
    assert spider.crawler.stats.get_value("mljobs/errors/http_404") == 1
    # other failures are not retried elsewhere
    assert spider.board_failed(failure(spider.board_request(board), 500)) is None


def test_real_board(corpus):
    spider = build(LeverSpider)
    url = "https://api.lever.co/v0/postings/matchgroup?mode=json"
    items = list(
        spider.parse(
            file_response(corpus / "replay/lever_matchgroup_postings.json", url),
            Board("lever", "matchgroup", "Match Group"),
        )
    )
    assert [tuple(i[f] for f in SALARY) for i in items] == [
        ("150000", "180000", "USD", "per-year-salary"),
        (None, None, None, None),
    ]
    assert [i["location_raw"] for i in items] == ["New York, New York", "Seoul, South Korea"]
