"""Every Greenhouse board in ``spiders/data/ats_boards.csv`` (``-a boards=slug,...`` for some)."""

from crawler.bases.greenhouse import GreenhouseBoardSpider


class GreenhouseSpider(GreenhouseBoardSpider):
    name = "greenhouse"
