"""The one Scrapy item every source yields: a job ad's raw fields, exactly as the source gave them.

Spiders and importers fill these fields with the source's own strings (no cleaning beyond
joining text nodes); the normalize pipeline derives every typed field from them, so
``mljobs renormalize`` can rerun improved normalizers without crawling again.
"""

from __future__ import annotations

import scrapy

#: Raw fields of a job ad. ``source`` and ``source_id`` form the key ``<source>:<source_id>``.
RAW_FIELDS: tuple[str, ...] = (
    "source",  # short source name: "greenhouse", "reed", "adzuna_kaggle", ...
    "source_id",  # the source's own id for the ad (or URL / content hash for dumps without one)
    "url",
    "title",
    "company",
    "location_raw",
    "salary_raw",  # the board's salary field, verbatim ("£45,000 - £55,000 per annum")
    "salary_min_raw",  # structured salary given by an API, verbatim (e.g. Ashby compensation)
    "salary_max_raw",
    "salary_currency_raw",
    "salary_period_raw",
    "description",  # HTML or text as given
    "posted_raw",  # the posted date as given ("2026-04-17T05:58:03-04:00", "Posted Today by")
    "employment_type_raw",
    "workplace_raw",  # the source's own remote/hybrid flag, if any
    "raw",  # the whole source record (dict), stored as JSON
)


class ReferenceSeriesItem(scrapy.Item):
    """Figures a source publishes about the market, not an ad: one series of ``points``
    (``{period: value}``, e.g. Adzuna's monthly average advertised salary in GBP per year).
    The normalize pipeline passes it through; the store pipeline writes it to
    ``reference_series`` (``db.store.upsert_reference_series``)."""

    source = scrapy.Field()
    series = scrapy.Field()
    points = scrapy.Field()
    unit = scrapy.Field()
    location = scrapy.Field()
    category = scrapy.Field()


class JobAdItem(scrapy.Item):
    """A job ad (posting) as one source gave it. Every field is optional except ``source``,
    ``source_id`` and ``title``, which the normalize pipeline checks (a missing one is a counted
    drop, ``mljobs/dropped/missing_<field>``)."""

    source = scrapy.Field()
    source_id = scrapy.Field()
    url = scrapy.Field()
    title = scrapy.Field()
    company = scrapy.Field()
    location_raw = scrapy.Field()
    salary_raw = scrapy.Field()
    salary_min_raw = scrapy.Field()
    salary_max_raw = scrapy.Field()
    salary_currency_raw = scrapy.Field()
    salary_period_raw = scrapy.Field()
    description = scrapy.Field()
    posted_raw = scrapy.Field()
    employment_type_raw = scrapy.Field()
    workplace_raw = scrapy.Field()
    raw = scrapy.Field()
