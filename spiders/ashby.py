"""Every Ashby board in ``spiders/data/ats_boards.csv`` (``-a boards=slug,...`` for some)."""

from crawler.bases.ashby import AshbyBoardSpider


class AshbySpider(AshbyBoardSpider):
    name = "ashby"
