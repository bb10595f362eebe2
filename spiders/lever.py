"""Every Lever board in ``spiders/data/ats_boards.csv`` (``-a boards=slug,...`` for some)."""

from crawler.bases.lever import LeverBoardSpider


class LeverSpider(LeverBoardSpider):
    name = "lever"
