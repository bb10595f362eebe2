"""Adzuna API (UK) searches for the ML terms of ``spiders/data/search_terms.txt``
(``ADZUNA_APP_ID`` and ``ADZUNA_APP_KEY``)."""

from crawler.bases.adzuna import AdzunaApiSpider


class AdzunaSpider(AdzunaApiSpider):
    name = "adzuna"
