"""Reed API searches for the ML terms of ``spiders/data/search_terms.txt`` (``REED_API_KEY``)."""

from crawler.bases.reed import ReedApiSpider


class ReedSpider(ReedApiSpider):
    name = "reed"
