"""Greenhouse pay transparency: ``pay_input_ranges`` in cents, the period from the range's
free-text title, OTE and commission ranges never base salary (fixture written from the format
in issue 11; the real board of the replay has no pay ranges)."""

from __future__ import annotations

import pytest

from crawler.bases.ats import Board
from crawler.bases.greenhouse import cents, is_base_pay, pay_period
from crawler.incremental import fingerprint
from spiders.greenhouse import GreenhouseSpider
from tests.conftest import FIXTURES
from tests.spiders.helpers import build, file_response

URL = "https://boards-api.greenhouse.io/v1/boards/example/jobs?content=true&pay_transparency=true"
SALARY = ("salary_min_raw", "salary_max_raw", "salary_currency_raw", "salary_period_raw")


def items():
    spider = build(GreenhouseSpider)
    response = file_response(FIXTURES / "greenhouse/pay_ranges.json", URL)
    return list(spider.parse(response, board=Board("greenhouse", "example", "Example")))


def test_board_request_asks_for_pay_ranges():
    assert GreenhouseSpider.board_url.format(slug="monzo") == (
        "https://boards-api.greenhouse.io/v1/boards/monzo/jobs?content=true&pay_transparency=true"
    )


def test_pay_ranges_field_by_field():
    got = {i["source_id"]: tuple(i[f] for f in SALARY) for i in items()}
    assert got == {
        "example:8100001": ("95000", "125500", "GBP", "year"),  # the GBP base range
        "example:8100002": (None, None, None, None),  # OTE only: no base salary
        "example:8100003": ("14.5", "18.75", "GBP", "hour"),
        "example:8100004": ("80000", "90000", "GBP", None),  # the commission range skipped
        "example:8100005": (None, None, None, None),
    }


def test_the_normalizer_reads_them_as_base_pay():
    from normalize.ad import structured_salary

    by_id = {i["source_id"]: i for i in items()}
    salary = structured_salary(by_id["example:8100001"])
    assert (salary.min, salary.max, salary.currency, salary.period) == (
        95000.0,
        125500.0,
        "GBP",
        "year",
    )
    hourly = structured_salary(by_id["example:8100003"])
    assert (hourly.min, hourly.max, hourly.period) == (14.5, 18.75, "hour")
    assert structured_salary(by_id["example:8100002"]) is None


@pytest.mark.parametrize(
    "pay_range, base",
    [
        ({"title": "Annual Salary", "blurb": "Base salary; eligible for bonus and equity."}, True),
        ({"title": "OTE Range", "blurb": ""}, False),
        ({"title": "UK Pay Range", "blurb": "<p>Includes on-target commission.</p>"}, False),
        ({"title": "Total Compensation", "blurb": "Salary plus equity."}, False),
        ({"title": None, "blurb": None}, True),
    ],
)
def test_base_pay_or_not(pay_range, base):
    assert is_base_pay(pay_range) is base


@pytest.mark.parametrize(
    "value, expected",
    [(12345600, "123456"), ("5050", "50.5"), (1, "0.01"), (None, None), ("n/a", None)],
)
def test_cents(value, expected):
    assert cents(value) == expected


@pytest.mark.parametrize(
    "title, period",
    [
        ("Annual Salary", "year"),
        ("Hourly", "hour"),
        ("Monthly salary", "month"),
        ("Daily rate", "day"),
        ("UK Pay Range", None),
        (None, None),
    ],
)
def test_pay_period_from_the_title(title, period):
    assert pay_period(title) == period


def test_real_board_without_pay_ranges(corpus):
    """The recorded GitLab board (asked without the flag): no pay range, no structured
    salary; the listing fingerprint is the whole record, as before."""
    spider = build(GreenhouseSpider)
    response = file_response(corpus / "replay/greenhouse_gitlab_jobs.json", URL)
    got = list(spider.parse(response, board=Board("greenhouse", "gitlab", "GitLab")))
    assert [i["source_id"] for i in got] == ["gitlab:8503792002", "gitlab:8565469002"]
    assert all(i[f] is None for i in got for f in SALARY)
    assert got[1]["title"] == "AI Engineer" and got[1]["location_raw"] == "Remote, US"
    assert spider.incremental.pending["greenhouse:gitlab:8565469002"] == fingerprint(got[1]["raw"])
