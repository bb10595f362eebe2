"""The one Scrapy item every source yields: a job ad's raw fields, exactly as the source gave them.

Spiders and importers fill these fields with the source's own strings (no cleaning beyond
joining text nodes); the normalize pipeline derives every typed field from them, so
``mljobs renormalize`` can rerun improved normalizers without crawling again.
"""

from __future__ import annotations

import scrapy

from crawler.fields import RAW_FIELDS

__all__ = ["RAW_FIELDS", "JobAdItem"]


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
