"""jobs.ac.uk: the RSS feed callback and the ad-page callback (JobPosting JSON-LD plus the
advert-details table), on fixtures in the site's format."""

from __future__ import annotations

from crawler.bases.rss import feed_entries
from spiders.jobs_ac_uk import JobsAcUkSpider, description_part
from tests.conftest import FIXTURES
from tests.spiders.helpers import build, file_response, split

FEED = "https://www.jobs.ac.uk/jobs/artificial-intelligence/?format=rss"
AD1 = "https://www.jobs.ac.uk/job/DTA123/research-associate-in-machine-learning-for-climate"
AD2 = "https://www.jobs.ac.uk/job/DTB456/lecturer-in-artificial-intelligence"


def feed_requests(spider):
    requests, items = split(spider.parse(file_response(FIXTURES / "jobs_ac_uk/feed.xml", FEED)))
    assert items == []
    return requests


def test_feed_entries_become_detail_requests():
    spider = build(JobsAcUkSpider)
    requests = feed_requests(spider)
    assert [r.url for r in requests] == [AD1, AD2]
    assert [r.cb_kwargs["source_id"] for r in requests] == ["DTA123", "DTB456"]
    assert requests[0].cb_kwargs["entry"]["pubDate"] == "Thu, 15 Oct 2026 09:00:00 GMT"


def test_ad_page_item_field_by_field():
    spider = build(JobsAcUkSpider)
    entry = feed_requests(spider)[0].cb_kwargs["entry"]
    [item] = spider.parse_posting(
        file_response(FIXTURES / "jobs_ac_uk/job_DTA123.html", AD1), source_id="DTA123", entry=entry
    )
    assert item["source"] == "jobs_ac_uk" and item["source_id"] == "DTA123"
    assert item["url"] == AD1
    assert item["title"] == "Research Associate in Machine Learning for Climate"
    assert item["company"] == "University of Exeter"
    assert item["location_raw"] == "Exeter, England, United Kingdom"
    assert item["salary_raw"] == "£37,099 to £44,263 per annum"
    assert item["posted_raw"] == "2026-10-15T00:00:00+00:00"
    assert item["employment_type_raw"] == "Full Time,Fixed-Term/Contract"
    assert item["description"].startswith("<p>We are seeking a Research Associate")
    assert item["raw"]["posting"]["validThrough"] == "2026-11-30T00:00:00+00:00"
    assert item["raw"]["feed_entry"] == entry


def test_ad_page_without_jsonld_falls_back_to_the_feed_and_table():
    spider = build(JobsAcUkSpider)
    entry = feed_requests(spider)[1].cb_kwargs["entry"]
    [item] = spider.parse_posting(
        file_response(FIXTURES / "jobs_ac_uk/job_DTB456_no_jsonld.html", AD2),
        source_id="DTB456",
        entry=entry,
    )
    assert item["title"] == "Lecturer in Artificial Intelligence"
    assert item["company"] == "University of Dundee"
    assert item["location_raw"] == "Dundee"
    assert item["salary_raw"] == "£44,263 to £52,815 per annum"
    assert item["posted_raw"] == "Fri, 16 Oct 2026 12:30:00 GMT"
    assert item["employment_type_raw"] == "Permanent, Full Time"
    assert spider.crawler.stats.get_value("mljobs/no_jobposting") == 1


def test_description_parts():
    text = (
        "University of Dundee - School<br />Salary: £44,263 to £52,815 per annum"
        "<br />Closing Date: Friday 20 November 2026"
    )
    assert description_part(text, "Salary") == "£44,263 to £52,815 per annum"
    assert description_part(text, "Closing Date") == "Friday 20 November 2026"
    assert description_part(text, "Hours") is None


def test_not_a_feed_is_counted():
    spider = build(JobsAcUkSpider)
    response = file_response(FIXTURES / "jobs_ac_uk/job_DTA123.html", FEED)
    assert list(spider.parse(response)) == []
    assert spider.crawler.stats.get_value("mljobs/dropped/malformed_feed") == 1
    assert feed_entries("not xml at all <") is None


def test_feed_urls_come_from_the_data_file():
    from spiders.jobs_ac_uk import load_feed_urls

    assert JobsAcUkSpider.feed_urls == load_feed_urls()
    assert "https://www.jobs.ac.uk/jobs/computer-sciences/?format=rss" in JobsAcUkSpider.feed_urls
    assert all(u.endswith("/?format=rss") for u in JobsAcUkSpider.feed_urls)


def test_ad_page_with_details_in_table_cells_and_a_feed_item_without_date():
    spider = build(JobsAcUkSpider)
    feed = "https://www.jobs.ac.uk/jobs/computer-sciences/?format=rss"
    [request] = split(
        spider.parse(file_response(FIXTURES / "jobs_ac_uk/feed_no_pubdate.xml", feed))
    )[0]
    assert request.cb_kwargs["entry"]["pubDate"] is None
    [item] = spider.parse_posting(
        file_response(FIXTURES / "jobs_ac_uk/job_DTC789_table_cells.html", request.url),
        **request.cb_kwargs,
    )
    assert {k: item[k] for k in item if k != "raw"} == {
        "source": "jobs_ac_uk",
        "source_id": "DTC789",
        "url": request.url,
        "title": "Research Fellow in Trustworthy Machine Learning",
        "company": "University of Leeds",
        "location_raw": "Leeds",
        "salary_raw": "£39,355 to £46,735 per annum",
        "description": '<div id="job-description"><p>Join a team working on robust and fair '
        "deep learning.</p></div>",
        "posted_raw": "2nd November 2026",
        "employment_type_raw": "Fixed-Term/Contract, Full Time",
    }


def test_older_pages_with_label_cells_in_td():
    from spiders.jobs_ac_uk import details_table

    response = file_response(
        FIXTURES / "jobs_ac_uk/job_DTD012_td_labels.html", "https://www.jobs.ac.uk/job/DTD012/x"
    )
    assert [details_table(response, label) for label in ("Location", "Salary", "Placed On")] == [
        "Glasgow",
        "£45,163 to £54,395 per annum",
        "30th October 2026",
    ]
    assert details_table(response, "Closes") is None
