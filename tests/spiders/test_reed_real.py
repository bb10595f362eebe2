"""Reed on its real formats: the real search and details samples of
``../shared/corpus/real-api/reed`` (read in place), and search results written from what real
ones show (issue 11): no ``salaryType``, hourly figures, compact postcodes, null salary and
currency, HTML entities, integers and floats."""

from __future__ import annotations

from normalize.ad import normalize_ad
from spiders.reed import ReedSpider
from tests.conftest import FIXTURES
from tests.spiders.helpers import build, file_response, split

SEARCH = "https://www.reed.co.uk/api/1.0/search?keywords=data&resultsToTake=100&resultsToSkip=0"
DETAILS = "https://www.reed.co.uk/api/1.0/jobs/{}"


def listings(path):
    spider = build(ReedSpider)
    requests, items = split(spider.parse(file_response(path, SEARCH), term="data", page=0))
    assert items == []
    return spider, requests


def test_real_search_page(corpus):
    spider, requests = listings(corpus / "real-api/reed/search_2019-11_1result.json")
    assert [r.url for r in requests] == [  # its details, then page 2 (254,266 results)
        DETAILS.format(39358618),
        SEARCH.replace("resultsToSkip=0", "resultsToSkip=100"),
    ]
    listing = requests[0].cb_kwargs["listing"]
    assert "salaryType" not in listing
    item = spider.make_item({}, listing)  # a search result alone: no salaryType, a snippet
    assert (item["salary_min_raw"], item["salary_max_raw"], item["salary_period_raw"]) == (
        "12000",
        "18000",
        None,
    )
    assert item["posted_raw"] == "13/11/2019" and item["location_raw"] == "Redbourn"
    fields = normalize_ad(dict(item))
    assert (fields["salary_period"], fields["salary_annual_min"]) == ("year", 12000.0)
    assert fields["description_text"].startswith("Golf & Event Sales Executive - near St Albans")


def test_real_details_record(corpus):
    spider = build(ReedSpider)
    url = DETAILS.format(41416247)
    [item] = spider.parse_details(
        file_response(corpus / "real-api/reed/details_41416247_2020-11.json", url),
        listing={"jobId": 41416247},
    )
    assert {k: item[k] for k in item if k != "raw" and k != "description"} == {
        "source": "reed",
        "source_id": "41416247",
        "url": "https://www.reed.co.uk/jobs/management-accountant/41416247",
        "title": "Management Accountant",
        "company": "Investigo",
        "location_raw": "Peterborough",
        "salary_raw": "£38,000 - £42,000 per annum",
        "salary_min_raw": "38000.0",
        "salary_max_raw": "42000.0",
        "salary_currency_raw": "GBP",
        "salary_period_raw": "per annum",
        "posted_raw": "20/11/2020",
        "employment_type_raw": "Permanent, full-time",
    }
    assert item["description"].lstrip().startswith("<p>Investigo are pleased")
    fields = normalize_ad(dict(item))
    assert (fields["salary_annual_min"], fields["salary_annual_max"]) == (38000.0, 42000.0)
    assert (fields["city"], fields["employment_type"]) == ("Peterborough", "permanent")


def test_search_results_of_the_real_formats():
    spider, requests = listings(FIXTURES / "reed/search_real_formats.json")
    assert [r.url for r in requests] == [DETAILS.format(i) for i in (55200001, 55200002, 55200003)]
    got = {}
    for request in requests:
        item = spider.make_item({}, request.cb_kwargs["listing"])
        fields = normalize_ad(dict(item))
        got[item["source_id"]] = (
            item["salary_min_raw"],
            item["salary_currency_raw"],
            fields["salary_period"],
            fields["salary_annual_mid"],
            fields["city"],
        )
        assert "&amp;" not in fields["description_text"] and "&#" not in fields["description_text"]
    assert got == {
        "55200001": ("9.5", "GBP", "hour", 19987.5, "Leeds"),  # hourly figures, a postcode
        "55200002": (None, None, None, None, "Manchester"),  # null salary and currency
        "55200003": ("65000.0", "GBP", "year", 70000.0, "Bristol"),
    }
